"""The n-gram hash table answers exactly what a binary search of the sorted keys did."""

import numpy as np
import pytest

from rectify_nlp.features.key_index import KeyIndex


def _searched(keys: np.ndarray, values: np.ndarray, queries: np.ndarray) -> np.ndarray:
    order = np.argsort(keys)
    sk, sv = keys[order], values[order]
    if not len(sk):
        return np.full(len(queries), -1)
    slot = np.minimum(np.searchsorted(sk, queries), len(sk) - 1)
    return np.where(sk[slot] == queries, sv[slot], -1)


@pytest.mark.parametrize("n", [0, 1, 2, 7, 1000, 20000])
@pytest.mark.parametrize("kind", ["random", "packed", "dense"])
def test_same_answers_as_binary_search(n, kind):
    rng = np.random.default_rng(n)
    if kind == "random":
        keys = rng.integers(0, 2**63, size=n, dtype=np.uint64)
    elif kind == "packed":  # three CJK characters, 21 bits each, as the vocabulary packs them
        chars = rng.integers(0x4E00, 0x9FFF, size=(n, 3)).astype(np.uint64)
        keys = chars @ np.array([1 << 42, 1 << 21, 1], dtype=np.uint64)
    else:  # crowded small keys: long probe runs
        keys = rng.integers(0, 3 * n + 1, size=n).astype(np.uint64)
    keys = np.unique(keys)
    values = rng.integers(0, 10**6, size=len(keys))
    queries = np.concatenate(
        [keys, keys[::-1], rng.integers(0, 2**63, size=3000, dtype=np.uint64),
         np.arange(500, dtype=np.uint64), np.array([2**63 - 1], dtype=np.uint64)]
    )
    assert (KeyIndex(keys, values).get(queries) == _searched(keys, values, queries)).all()
