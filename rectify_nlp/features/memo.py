"""Feature strings memoised by what they are made of.

Most of a unit's context features and a clause's flags are a few small values (a field kind,
a depth capped at 5, a boolean) spelled out as strings; most units and clauses of any notice
share them, and building those strings anew for each was a fifth of extraction.  The memo is
keyed by the values, so any text reuses it, not only a text seen before.
"""

from __future__ import annotations

from typing import Callable

# Bounded, so a long-running process does not grow without end.
MEMO_MAX = 50_000


class Memo(dict[tuple, tuple[str, ...]]):
    """``memo[key]`` is ``make(*key)`` as a tuple, made once per key.  A dict that makes what
    it misses: a key seen before is found by the dict lookup alone, with no Python call (some
    8,600 lookups a round of the four notices; a function around ``dict.get`` cost 0.8 ms)."""

    def __init__(self, make: Callable[..., list[str]]):
        super().__init__()
        self.make = make

    def __missing__(self, key: tuple) -> tuple[str, ...]:
        if len(self) >= MEMO_MAX:
            self.clear()
        got = self[key] = tuple(self.make(*key))
        return got
