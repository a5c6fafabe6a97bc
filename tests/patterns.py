"""Patterns written for speed (one leading character class, re scans for it in C) held to the
plain alternations they stand for, on random strings of the pieces they are written with."""
import random


def random_strings(pieces, n: int, longest: int, seed: int = 19) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, longest))) for _ in range(n)]


def assert_same_matches(pairs, strings, groups: bool = False) -> None:
    """Each (fast, plain) pair finds the same matches (and groups) in every string."""
    def found(pattern, s):
        return [(m.span(), m.groups()) if groups else m.span() for m in pattern.finditer(s)]

    for s in strings:
        for fast, plain in pairs:
            assert found(fast, s) == found(plain, s), s
