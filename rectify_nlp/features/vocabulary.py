"""Feature strings to column numbers: a vocabulary fixed at training and saved with the model.

Prediction builds no string for a character n-gram: the n-grams of a whole batch are packed
into integers (21 bits a character) in one vectorised pass and found in a hash table of the
vocabulary's keys (``key_index``).  The other features are looked up once each in a dict.  A
feature the model never saw has no weight, so it is dropped.  Rows are scored by gathering
weight rows, so extraction needs neither SciPy nor scikit-learn (training turns the rows into a
SciPy matrix).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain, repeat
from typing import Iterable, Sequence

import numpy as np

from .key_index import KeyIndex
from .memo import MEMO_MAX

# Unicode needs 21 bits: three characters fit one unsigned 64-bit key.
_BITS = 21


@dataclass(frozen=True)
class Grams:
    """Character n-grams of one window per row: feature ``prefix + w[i:i+n]`` for every n in
    ``[n_min, n_max]``."""

    prefix: str
    n_min: int
    n_max: int
    windows: list[str]

    def strings(self, row: int) -> list[str]:
        s, p = self.windows[row], self.prefix
        ns = range(self.n_min, self.n_max + 1)
        return [p + s[i : i + n] for n in ns for i in range(len(s) - n + 1)]


@dataclass(frozen=True)
class Window:
    """The n-grams of one string, standing at its place among a row's string features (a
    topic row: the wording's n-grams, then cue strings, then each heading's n-grams)."""

    prefix: str
    n_min: int
    n_max: int
    text: str

    def strings(self) -> list[str]:
        return Grams(self.prefix, self.n_min, self.n_max, [self.text]).strings(0)


def expand(row: Sequence[str | Window]) -> list[str]:
    """A mixed row as the feature strings it stands for, in order."""
    return [f for item in row for f in ((item,) if isinstance(item, str) else item.strings())]


@dataclass
class FeatureBatch:
    """The features of a batch of rows: strings per row, and n-gram windows per row.

    ``blocked``: each row is a list of blocks, tuples of strings, instead of strings (units:
    most of their strings come in the few tuples features.memo makes, which a vocabulary looks
    up once per distinct tuple rather than string by string for every unit)."""

    strings: list[list[str]] | list[list[tuple[str, ...]]]
    grams: list[Grams] = field(default_factory=list)
    blocked: bool = False

    def __len__(self) -> int:
        return len(self.strings)

    def string_rows(self) -> list[list[str]]:
        """The rows' strings, without the n-grams."""
        if self.blocked:
            return [[f for block in row for f in block] for row in self.strings]
        return self.strings  # type: ignore[return-value]

    def as_strings(self) -> list[list[str]]:
        """Every feature of every row as a string (training, the canary)."""
        out = []
        for k, row in enumerate(self.string_rows()):
            out.append(row + [f for g in self.grams for f in g.strings(k)])
        return out


# the n-gram prefixes in use (units: heading, tail and word n-grams; clauses: shape n-grams)
# "p:": a topic row's wording; "m:": its measures
GRAM_PREFIXES = frozenset({"h:", "t:", "w:", "c:", "p:", "m:"})
MAX_GRAM = 3


def _codes(text: str) -> np.ndarray:
    """Code points of ``text`` (lone surrogates included), as unsigned 64-bit integers."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(
        np.uint64
    )


def row_starts(rows: np.ndarray, n_rows: int) -> np.ndarray:
    """Where each row's entries start once the entries are in row order (``indptr``), from the
    row of every entry, in any order."""
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
    return indptr


class FeatureRows:
    """Sparse rows of feature counts: row ``i`` holds ``indices[indptr[i]:indptr[i + 1]]``
    (a column listed twice counts twice, as a hashed count did)."""

    __slots__ = ("indptr", "indices", "n_features")

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, n_features: int):
        self.indptr = indptr
        self.indices = indices
        self.n_features = n_features

    @classmethod
    def from_pairs(cls, rows: np.ndarray, cols: np.ndarray, n_rows: int, n_features: int):
        order = np.argsort(rows, kind="stable")
        return cls(row_starts(rows, n_rows), cols[order], n_features)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.indptr) - 1, self.n_features

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """``rows @ weights`` for (features x classes) weights: the weight rows gathered and
        summed per row."""
        n, k = len(self.indptr) - 1, weights.shape[1]
        out = np.zeros((n, k), dtype=np.float64)
        if not len(self.indices):
            return out
        # np.take: several times faster than fancy indexing of rows, the same values
        gathered = np.take(weights, self.indices, axis=0).astype(np.float64, copy=False)
        filled = np.flatnonzero(np.diff(self.indptr))
        # reduceat sums from one start to the next: empty rows are left out of the starts
        out[filled] = np.add.reduceat(gathered, self.indptr[filled], axis=0)
        return out

    def to_csr(self):
        """The rows as a SciPy matrix of counts (training only)."""
        from scipy import sparse

        data = np.ones(len(self.indices), dtype=np.float64)
        m = sparse.csr_matrix((data, self.indices, self.indptr), shape=self.shape)
        m.sum_duplicates()
        return m


class Vocabulary:
    """The feature strings a model was trained on, in sorted order; a column per string."""

    def __init__(self, features: Sequence[str]):
        self.features = list(features)
        self.index = dict(zip(self.features, range(len(self.features))))
        # the known columns of each block of a blocked batch, in the block's order (int64
        # bytes); bounded as the memo the blocks come from is
        self._block_columns: dict[tuple[str, ...], bytes] = {}
        # n-gram features again, as integer keys per (prefix, n), hashed to their columns
        self.grams: dict[tuple[str, int], KeyIndex] = {}
        lens = np.fromiter(map(len, self.features), dtype=np.int64, count=len(self.features))
        codes = _codes("".join(self.features))
        starts = np.cumsum(lens) - lens
        two = lens >= 2
        first = np.zeros(len(lens), dtype=np.uint64)
        second = np.zeros(len(lens), dtype=np.uint64)
        first[two], second[two] = codes[starts[two]], codes[starts[two] + 1]
        for prefix in sorted(GRAM_PREFIXES):
            mine = two & (first == ord(prefix[0])) & (second == ord(prefix[1]))
            for n in range(1, MAX_GRAM + 1):
                at = np.flatnonzero(mine & (lens == n + 2))
                if not len(at):
                    continue
                keys = codes[starts[at] + 2]
                for j in range(1, n):
                    keys = (keys << np.uint64(_BITS)) | codes[starts[at] + 2 + j]
                self.grams[(prefix, n)] = KeyIndex(keys, at)

    def __len__(self) -> int:
        return len(self.features)

    @classmethod
    def fit(cls, rows: Iterable[Sequence[str]]) -> "Vocabulary":
        return cls(sorted(set(chain.from_iterable(rows))))

    def rows(self, batch: FeatureBatch | Sequence[Sequence[str]]) -> FeatureRows:
        if not isinstance(batch, FeatureBatch):
            batch = FeatureBatch([list(r) for r in batch])
        if batch.blocked:
            rows, cols = self._block_pairs(batch.strings)  # type: ignore[arg-type]
        else:
            strings = batch.strings
            flat = list(chain.from_iterable(strings))
            ids = np.fromiter(
                map(self.index.get, flat, repeat(-1)), dtype=np.int64, count=len(flat)
            )
            row_of = np.repeat(np.arange(len(strings)), [len(r) for r in strings])
            known = ids >= 0
            rows, cols = [row_of[known]], [ids[known]]
        for g in batch.grams:
            r, c = self._gram_columns(g)
            rows.append(r)
            cols.append(c)
        return FeatureRows.from_pairs(
            np.concatenate(rows), np.concatenate(cols), len(batch), len(self.features)
        )

    def _block_pairs(
        self, blocked: list[list[tuple[str, ...]]]
    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """(row, column) of every known string of blocked rows, in the rows' order."""
        cache, index = self._block_columns, self.index
        blocks = list(chain.from_iterable(blocked))
        got: list = list(map(cache.get, blocks))  # bytes, or None until made below
        for k in [k for k, g in enumerate(got) if g is None]:
            if len(cache) >= MEMO_MAX:
                cache.clear()
            block = blocks[k]
            known = [c for c in map(index.get, block) if c is not None]
            got[k] = cache[block] = np.array(known, dtype=np.int64).tobytes()
        # the columns kept as bytes: one join of ~8,000 blocks a round of the four notices
        # took 0.06 ms, np.concatenate of as many small arrays 0.75
        cols = np.frombuffer(b"".join(got), dtype=np.int64)
        sizes = np.fromiter(map(len, got), dtype=np.int64, count=len(got)) // 8
        block_row = np.repeat(np.arange(len(blocked)), [len(r) for r in blocked])
        return [np.repeat(block_row, sizes)], [cols]

    def mixed_rows(self, rows: Sequence[Sequence[str | Window]]) -> FeatureRows:
        """Rows of strings and n-gram windows, each row's columns in the order ``expand``
        gives them (a row's weights are summed in that order, so the scores stay the same to
        the last bit).  Every item gets a slot, numbered through the rows; the windows' n-grams
        are found by packed keys, and the entries sorted back by slot."""
        items = list(chain.from_iterable(rows))
        row_of_slot = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
        # every item looked up as it is: a window is in no vocabulary (-1), a string maybe
        ids = np.fromiter(map(self.index.get, items, repeat(-1)), dtype=np.int64, count=len(items))
        windows: dict[tuple[str, int, int], tuple[list[str], list[int]]] = {}
        for k in [k for k, item in enumerate(items) if item.__class__ is Window]:
            item = items[k]
            texts, at = windows.setdefault((item.prefix, item.n_min, item.n_max), ([], []))
            texts.append(item.text)
            at.append(k)
        known = np.flatnonzero(ids >= 0)
        slots, cols = [known], [ids[known]]
        for (prefix, n_min, n_max), (texts, at) in windows.items():
            w, c = self._gram_columns(Grams(prefix, n_min, n_max, texts))
            slots.append(np.asarray(at, dtype=np.int64)[w])
            cols.append(c)
        slot = np.concatenate(slots)
        # stable: a window's n-grams keep their order (by n, then position), as expand's
        order = np.argsort(slot, kind="stable")
        # slots are numbered row by row: sorted by slot, the entries are sorted by row
        indptr = row_starts(row_of_slot[slot], len(rows))
        return FeatureRows(indptr, np.concatenate(cols)[order], len(self.features))

    def _gram_columns(self, g: Grams) -> tuple[np.ndarray, np.ndarray]:
        """(row, column) of every n-gram of ``g`` the vocabulary knows, in one pass."""
        lens = np.fromiter(map(len, g.windows), dtype=np.int64, count=len(g.windows))
        codes = _codes("".join(g.windows))
        row_of = np.repeat(np.arange(len(g.windows)), lens)
        room = np.repeat(np.cumsum(lens), lens) - np.arange(len(codes))  # characters left
        rows, cols = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for n in range(g.n_min, g.n_max + 1):
            table = self.grams.get((g.prefix, n))
            if table is None:
                continue
            at = np.flatnonzero(room >= n)
            key = codes[at]
            for j in range(1, n):
                key = (key << np.uint64(_BITS)) | codes[at + j]
            column = table.get(key)
            hit = column >= 0
            rows.append(row_of[at[hit]])
            cols.append(column[hit])
        return np.concatenate(rows), np.concatenate(cols)

    def to_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The strings as UTF-8 bytes and each string's end in characters: data, not pickle."""
        ends = np.cumsum([len(f) for f in self.features], dtype=np.int64)
        data = "".join(self.features).encode("utf-8", "surrogatepass")
        return np.frombuffer(data, dtype=np.uint8), ends

    @classmethod
    def from_arrays(cls, data: np.ndarray, ends: np.ndarray) -> "Vocabulary":
        text = data.astype(np.uint8, copy=False).tobytes().decode("utf-8", "surrogatepass")
        if len(ends) and (ends[-1] != len(text) or np.any(np.diff(ends) < 0) or ends[0] < 0):
            raise ValueError("vocabulary ends do not cut its text")
        starts = [0, *ends[:-1].tolist()]
        return cls([text[a:b] for a, b in zip(starts, ends.tolist())])
