"""Normalisation with an offset map.

The model only ever sees normalised text: half-width, simplified script, no invisible
characters, no bracketed pinyin, no spaces between CJK characters, PDF line breaks joined,
``**`` markup dropped.  Every position in it remembers the caller's character it came from,
so spans found on the normalised text map back exactly: ``text[start:end]`` of the caller's
string is the span's text, line breaks and all.

Two offset systems meet here, and only here: ``NormOffset`` (a position in the normalised
text, where units, clauses and candidate spans live) and ``OrigOffset`` (a position in the
caller's text, what ``Span.start``/``end`` hold).  ``NormText`` converts between them; a
half-open span in either system is a ``NormSpan`` or an ``OrigSpan``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import compress
from pathlib import Path
from typing import NamedTuple, NewType

import numpy as np

from ..lexicon.enumerators import ENUMERATOR
from ..lexicon.fields import FIELD

# Characters that close a sentence: the guide's unit boundary ("sentences at 。；！？").
SENTENCE_END = "。;!?"
OPEN_QUOTES = "“‘《(「『【[〔\"'"
CLOSE_QUOTES = "”’》)」』】]〕\"'"
PAIRS = dict(zip(OPEN_QUOTES, CLOSE_QUOTES))
# Lines of at least this many characters that stop without sentence punctuation were cut by
# the PDF page or column; headings in the four notices are all shorter (longest seen: 45).
SOFT_BREAK_MIN_LINE = 48
# Symbols that belong to a figure ("84%", "38℃") are never trimmed off a span edge.
KEEP_SYMBOLS = "%‰℃°+"
# Zero-width and soft characters that sit inside words on web pages (U+200B…U+200F, U+2060…,
# soft hyphen, BOM, Mongolian vowel separator): deleted for the model, kept in the original.
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_DELETE = "\x00"  # what invisible characters translate to before they are masked out
# Pinyin in brackets glued to a character, as reposted pages write it: 統(tǒng).  The bracket
# first and the character behind it looked back at: re scans for the bracket in C, where
# `(?<=[\u4e00-\u9fff])[(（]…` was tried at every position of a notice (the same matches,
# tests/text/test_normalise.py; normalise of the four notices 5.09 -> 4.46 ms a round).
_PINYIN = re.compile(r"[(（](?<=[\u4e00-\u9fff][(（])[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")


def belongs_at_start(text: str, start: int, end: int) -> bool:
    """An opening quote or bracket whose partner is inside the span belongs to it."""
    ch = text[start]
    return ch in PAIRS and PAIRS[ch] in text[start + 1 : end]


def belongs_at_end(text: str, start: int, end: int) -> bool:
    ch = text[end - 1]
    if ch not in CLOSE_QUOTES:
        return False
    return OPEN_QUOTES[CLOSE_QUOTES.index(ch)] in text[start : end - 1]


# called for the characters at every unit's and clause's edges: a few thousand distinct
# characters in any corpus, each classified once, up to a bound a hostile text (every code
# point once) cannot grow past
@lru_cache(maxsize=1 << 16)
def is_punct(ch: str) -> bool:
    if ch in KEEP_SYMBOLS:
        return False
    return unicodedata.category(ch)[0] in "PSZC" or ch.isspace()


NormOffset = NewType("NormOffset", int)  # a position in the normalised text
OrigOffset = NewType("OrigOffset", int)  # a position in the caller's text


class NormSpan(NamedTuple):
    """A half-open ``[start, end)`` of the normalised text."""

    start: NormOffset
    end: NormOffset


class OrigSpan(NamedTuple):
    """A half-open ``[start, end)`` of the caller's text: its text is ``original[start:end]``."""

    start: OrigOffset
    end: OrigOffset


@dataclass(frozen=True)
class NormText:
    """Normalised text and, for every character of it, its offset in ``original``: the offset
    map, and the one place where normalised and original offsets are converted."""

    original: str
    text: str
    index: np.ndarray  # int32, len(text): original offset of each normalised character

    @cached_property
    def _offsets(self) -> memoryview:
        # The index as a memoryview: one offset converted at a time (a few thousand a notice,
        # for every span and record) a Python int is read from it in a third of the time a
        # NumPy scalar takes, and bisect searches it in a third of searchsorted's.
        return memoryview(np.ascontiguousarray(self.index))

    def __reduce__(self):
        # the memoryview, once made, would not pickle or deep-copy: an Analysis sent to a
        # worker or cached after use carries the three fields, and the view is made again
        return (NormText, (self.original, self.text, self.index))

    def to_original(self, start: int, end: int) -> OrigSpan:
        """Map a normalised ``[start, end)`` (not empty) to the caller's offsets: from the
        first character's original offset to just after the last one's, so whatever the
        normaliser deleted inside the span (a line break, a space) is inside it again."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"not a span of the normalised text: [{start}, {end})")
        at = self._offsets
        return OrigSpan(OrigOffset(at[start]), OrigOffset(at[end - 1] + 1))

    def to_normalised(self, original_offset: int) -> NormOffset:
        """The first normalised position at or after an original offset."""
        return NormOffset(bisect_left(self._offsets, original_offset))

    def normalised_span(self, start: int, end: int) -> NormSpan:
        """Map the caller's ``[start, end)`` (not empty) to normalised offsets: the
        normalised characters that came from inside it."""
        return NormSpan(self.to_normalised(start), NormOffset(self.to_normalised(end - 1) + 1))

    def normalised_text(self, start: int, end: int) -> str:
        """The normalised text of the caller's ``[start, end)``: the span as the model read it."""
        s, e = self.normalised_span(start, end)
        return self.text[s:e]

    def original_text(self, start: int, end: int) -> str:
        """The caller's text behind a normalised ``[start, end)``."""
        s, e = self.to_original(start, end)
        return self.original[s:e]


def _translation() -> dict[int, int | str]:
    table: dict[int, int | str] = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F)}  # full-width ASCII
    for ch in "\u3000\xa0\u2002\u2003\u2009":
        table[ord(ch)] = ord(" ")
    # Tables turned into text separate cells by tabs or bars; both become "|", a cell edge.
    table[ord("\t")] = ord("|")
    # Line breaks other than "\n" (what str.splitlines breaks at): Word's manual break \v, form
    # feed, NEL and the Unicode line and paragraph separators end a line as "\n" does.
    for ch in "\r\x0b\x0c\x85\u2028\u2029":
        table[ord(ch)] = ord("\n")
    for ch in INVISIBLE:
        table[ord(ch)] = _DELETE
    # Lone surrogates (broken UTF-16 from a page) cannot be encoded; they read as spaces.
    for o in range(0xD800, 0xE000):
        table[o] = ord(" ")
    for o in list(range(0, 32)) + [0x7F] + list(range(0x80, 0xA0)):
        if o not in (ord("\n"), ord("\t"), ord("\r")):
            table.setdefault(
                o, ord(" ")
            )  # control characters read as spaces, which are dropped below
    # Traditional to simplified, character for character (zhconv's one-to-one mappings; see
    # tools/make_traditional_table.py), so the offset map stays one-to-one.
    path = Path(__file__).resolve().parent.parent / "lexicon" / "traditional.json"
    for trad, simp in json.loads(path.read_text(encoding="utf-8")).items():
        table.setdefault(ord(trad), ord(simp))
    return table


_TABLE = _translation()
_T2S = {o: v for o, v in _TABLE.items() if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF}


# Long texts are translated on code points, through this table as an array: str.translate
# looks every character up in a dict, several times slower on a notice.
_LUT: list[np.ndarray] = []
_ARRAY_FROM = 4096
_CHUNK = 1 << 20  # a megabyte of text at a time: the arrays for 10 MB would be 40 MB each


def _translate(original: str) -> str:
    if len(original) < _ARRAY_FROM:
        return original.translate(_TABLE)
    if len(original) > _CHUNK:
        cuts = range(0, len(original), _CHUNK)
        return "".join(_translate(original[i : i + _CHUNK]) for i in cuts)
    if not _LUT:
        lut = np.arange(max(_TABLE) + 1, dtype=np.uint32)
        for o, v in _TABLE.items():
            lut[o] = v if isinstance(v, int) else ord(v)
        _LUT.append(lut)
    lut = _LUT[0]
    codes = np.frombuffer(original.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    out = np.where(codes < len(lut), lut[np.minimum(codes, len(lut) - 1)], codes)
    return out.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


def to_simplified(text: str) -> str:
    """Traditional characters as simplified, one for one (the normaliser's own table)."""
    return text.translate(_T2S)


_SPACES = re.compile(r" +")
_STARS = re.compile(r"\*{2,}")
_CRLF = re.compile(r"\r\n")
_LINES = re.compile(r"[^\n]+")
_PAGE_NUMBER = re.compile(
    r"[—–\-－]{1,3}\d{1,3}[—–\-－]{1,3}|第\d{1,3}页(?:共\d{1,3}页)?|\d{1,3}/\d{1,3}"
)


def normalise(original: str) -> NormText:
    """Half-width, simplified, strip markup, invisible characters and spaces between CJK
    characters, join PDF-broken lines.

    Every step maps one character to one character or deletes it, so a mask of kept
    positions is the whole offset map; this keeps memory linear and small for large texts.
    """
    t = _translate(original)
    if _keeps_everything(t):
        return NormText(original, t, np.arange(len(t), dtype=np.int32))
    if "**" in t:  # a find in C: the regex scan of a notice without markup took 0.1 ms
        t = _STARS.sub(lambda m: " " * len(m.group(0)), t)
    keep = np.ones(len(t), dtype=bool)
    if _DELETE in t:
        for m in re.finditer(_DELETE + "+", t):
            keep[m.start() : m.end()] = False
        t = t.replace(_DELETE, " ")  # a space that is masked already, so neighbours stay apart
    for m in _PINYIN.finditer(t):
        keep[m.start() : m.end()] = False
    for m in _CRLF.finditer(original):
        keep[m.start()] = False  # "\r\n" is one line break
    # the mask as bytes, as the steps above left it (a run below clears only itself): whether a
    # run of spaces is deleted already is a memchr, not a NumPy call (0.5 ms a round of the four
    # notices)
    kept = keep.tobytes()
    for m in _SPACES.finditer(t):
        s, e = m.start(), m.end()
        if kept.find(1, s, e) < 0:
            continue
        prev = t[s - 1] if s else "\n"
        nxt = t[e] if e < len(t) else "\n"
        # a space survives only between two ASCII letters or digits ("PPP 项目" loses it)
        if prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum():
            keep[s + 1 : e] = False
        else:
            keep[s:e] = False
    _join_lines(t, keep)
    index = np.flatnonzero(keep).astype(np.int32 if len(t) < 2**31 else np.int64)
    text = "".join(compress(t, keep.tolist())) if len(index) < 2000 else _gather(t, keep)
    return NormText(original, text, index)


def _keeps_everything(t: str) -> bool:
    """One short line with nothing the steps below delete (a problem's wording, a heading:
    the topic classifier normalises some 150 of them a notice): no space, line break, star,
    invisible character or bracketed pinyin, and not a page number on its own."""
    return (
        0 < len(t) < _ARRAY_FROM
        and " " not in t
        and "\n" not in t
        and "*" not in t
        and _DELETE not in t
        and not _PINYIN.search(t)
        and not _PAGE_NUMBER.fullmatch(t)
    )


def _gather(t: str, keep: np.ndarray) -> str:
    """The kept characters, assembled run by run (fast for long texts with few deletions)."""
    edges = np.flatnonzero(np.diff(np.concatenate(([False], keep, [False])).astype(np.int8)))
    return "".join(t[a:b] for a, b in zip(edges[::2], edges[1::2]))


# An item numbered past 99 starts a block as `12.` does (segment.LONG_NUMBER).
_LONG_NUMBER = re.compile(r"[1-9]\d{2,5}(?:[.、](?!\d)|\.(?=\D))")


def _starts_block(line: str) -> bool:
    return bool(ENUMERATOR.match(line) or _LONG_NUMBER.match(line) or FIELD.match(line))


def _join_lines(t: str, keep: np.ndarray) -> None:
    """Drop line breaks that a PDF put inside a paragraph; collapse blank lines to one break."""
    lines = []
    # the mask as bytes: whether a line lost a character is a memchr, not a NumPy call a line
    # (page numbers, deleted below, are lines of their own: the other lines' bytes stay right)
    kept = keep.tobytes()
    for m in _LINES.finditer(t):
        a, b = m.start(), m.end()
        seg = t[a:b] if kept.find(0, a, b) < 0 else "".join(compress(t[a:b], kept[a:b]))
        seg = seg.replace(" ", "")
        if _PAGE_NUMBER.fullmatch(seg):
            keep[m.start() : m.end()] = False  # "— 3 —": page furniture, and the paragraph goes on
        elif seg:
            lines.append((m.start(), m.end(), seg))
    if not lines:
        keep[:] = False
        return
    keep[: lines[0][0]] = False
    keep[lines[-1][1] :] = False
    # Text wrapped at a page width has most lines of one length; a line that fills it was cut,
    # heading or not. (Unwrapped text has no such width: its 80th percentile is a paragraph.)
    # Computed only when a line break asks: a one-line text (a problem's wording) never does.
    width = None
    for (_, a_e, prev), (b_s, _, nxt) in zip(lines, lines[1:]):
        if width is None:
            width = float(np.percentile([len(seg) for _, _, seg in lines], 80))
        # A heading ("一、…", "(一)…") may end without punctuation; a field or body line that
        # does so was cut by the page.
        soft = (
            "|" not in prev
            and "|" not in nxt  # table rows are lines of their own
            and prev[-1] not in SENTENCE_END + ":"
            and not _starts_block(nxt)
            and (
                len(prev) >= SOFT_BREAK_MIN_LINE
                or (
                    not (ENUMERATOR.match(prev) or _LONG_NUMBER.match(prev))
                    and len(prev) >= 16
                )
                or len(prev) >= 0.9 * width
            )
        )
        gap = keep[a_e:b_s]
        gap[:] = False
        if not soft:
            first = t.find("\n", a_e, b_s)
            keep[first] = True


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` until it neither starts nor ends with space or punctuation.

    A quote or bracket stays when its partner is inside the span (the guide's
    ``“放管服效”改革不彻底``).
    """
    # Where each partner is is searched once a kind of bracket, not once a character: a run of
    # unmatched openers ("““““…问") searched the rest of the span from each of them (quadratic).
    # Only the edge being trimmed moves, so the partner found for the widest span answers for
    # every narrower one: the last closer for the openers, the first opener for the closers.
    # (made at the first bracket met: most spans have none at their edges)
    last: dict[str, int] | None = None  # each closer's last position in the span
    while start < end and is_punct(text[start]):
        close = PAIRS.get(text[start])
        if close is not None:
            last = last if last is not None else {}
            if close not in last:
                last[close] = text.rfind(close, start + 1, end)
            if last[close] > start:
                break
        start += 1
    first: dict[str, int] | None = None  # each opener's first position in the span
    while end > start and is_punct(text[end - 1]):
        ch = text[end - 1]
        if ch in CLOSE_QUOTES:
            opener = OPEN_QUOTES[CLOSE_QUOTES.index(ch)]
            first = first if first is not None else {}
            if opener not in first:
                first[opener] = text.find(opener, start, end - 1)
            if 0 <= first[opener] < end - 1:
                break
        end -= 1
    return start, end
