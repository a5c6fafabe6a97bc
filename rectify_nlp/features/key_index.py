"""Integer keys to column numbers by linear probing, probed for a whole array at once.

The vocabulary's packed n-gram keys are looked up some 100,000 at a time per batch; a binary
search (``np.searchsorted``) of that many keys into tens of thousands is a cache miss per step,
where a hash table at most a quarter full answers most keys with one gather (9 MB for the
shipped model's tables; half full was 0.5 ms slower a round of the four notices).
"""

from __future__ import annotations

import numpy as np

# Keys pack at most three 21-bit characters (63 bits), so the all-ones word is never a key.
EMPTY = np.uint64(2**64 - 1)
# Fibonacci hashing: the top bits of the key times 2**64 / golden ratio spread packed keys.
_MULT = np.uint64(0x9E3779B97F4A7C15)
# A slot's key and value side by side: a lookup reads one cache line, not one in each of two
# arrays (the tables are read at random, and the four notices' lookups found them cold).
SLOT = np.dtype([("key", np.uint64), ("value", np.int64)])


class KeyIndex:
    """A fixed map from distinct ``uint64`` keys to ``int64`` values."""

    __slots__ = ("slots", "shift", "max_probe")

    def __init__(self, keys: np.ndarray, values: np.ndarray):
        keys = np.asarray(keys, dtype=np.uint64)
        bits = max(4, int(4 * len(keys)).bit_length())  # at most a quarter full
        self.shift = np.uint64(64 - bits)
        home = self._hash(keys)
        order = np.argsort(home, kind="stable")
        home, keys, values = home[order], keys[order], np.asarray(values)[order]
        # Linear probing, placed in one pass: in order of home slot, each key takes its home or
        # the slot after the previous key's, whichever is later.  The table runs on past its
        # hashed size instead of wrapping, and ends in an empty slot, so every probe stops.
        i = np.arange(len(keys))
        pos = (np.maximum.accumulate(home - i) + i) if len(keys) else i
        size = max(1 << bits, int(pos[-1]) + 1 if len(keys) else 0) + 1
        self.slots = np.empty(size, dtype=SLOT)
        self.slots["key"], self.slots["value"] = EMPTY, -1
        self.slots["key"][pos], self.slots["value"][pos] = keys, values
        self.max_probe = int((pos - home).max()) + 1 if len(keys) else 0

    def _hash(self, keys: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):  # the multiplication wraps by design
            # as int64: np.take of a uint64 index would convert it element by element
            return ((keys * _MULT) >> self.shift).view(np.int64)

    def get(self, keys: np.ndarray) -> np.ndarray:
        """The value of each key, -1 for a key not in the map."""
        keys = np.asarray(keys, dtype=np.uint64)
        slot = self._hash(keys)
        home = np.take(self.slots, slot)
        found = home["key"]
        out = home["value"]  # right where the slot holds the key, else fixed below
        hit = found == keys
        out[~hit] = -1
        # the few keys whose home slot holds another key probe on, one slot a round
        pending = np.flatnonzero(~hit & (found != EMPTY))
        slot = slot[pending]
        for _ in range(self.max_probe):
            if not len(pending):
                break
            slot = slot + 1
            at = np.take(self.slots, slot)
            found = at["key"]
            hit = found == keys[pending]
            out[pending[hit]] = at["value"][hit]
            go_on = ~hit & (found != EMPTY)
            pending, slot = pending[go_on], slot[go_on]
        return out
