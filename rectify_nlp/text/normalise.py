"""Normalisation with an offset map; units and clauses.

The model only ever sees normalised text (half-width, no spaces between CJK characters, PDF
line breaks joined, ``**`` markup dropped).  Every position in it remembers the caller's
character it came from, so spans found on the normalised text map back exactly:
``text[start:end]`` of the caller's string is the span's text, line breaks and all.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

# Characters that close a sentence: the guide's unit boundary ("sentences at 。；！？").
SENTENCE_END = "。;!?"
# The guide's clause boundary: "the text between two of ，,；;。：:！!？? or a line break".
CLAUSE_SPLIT = re.compile(r"[,;。:!?\n|]")  # "|": a table cell edge ends a clause too

# Enumerators that open an item.  Each is anchored at the start of a unit or clause.
ENUMERATOR = re.compile(
    r"(?:"
    r"[一二三四五六七八九十]{1,3}[是要]"              # 一是 二要
    r"|第[一二三四五六七八九十]{1,3}[,、]"              # 第一，
    r"|[(][一二三四五六七八九十\d]{1,3}[)]"            # (1) (一)
    r"|[一二三四五六七八九十]{1,3}、"                   # 一、
    r"|\d{1,2}(?:[.、](?!\d)|\.(?=\D)|\.(?=\d{4}年))"  # 1. 1、 2.2024年 (not 7.989)
    r"|[①-⑳]"
    r")"
)
# Field names that introduce a block ("整改情况:", "问题 1：").  The guide keeps them outside
# every span, so a unit is cut right after the colon.
FIELD = re.compile(
    r"(?P<field>整改(?:落实|推进|完成)情况|(?:整[改政]|完成|落实|推进|进展)情况|整改(?:进度|进展|措施|举措|时限|状态|结果|成效|目标|要求)"
    r"|具体措施|主要措施|工作措施"
    r"|责任(?:单位|领导|人|部门)|牵头(?:单位|领导)|反馈问题|存在问题|问题(?:描述|表现)?(?:\d+|[一二三四五六七八九十]+)?"
    r"|完成时限|办结时限)"
    r"[:]"
)
# An enumerator in the middle of a paragraph starts a new unit when punctuation precedes it.
MID_ENUMERATOR = re.compile(
    r"(?<=[。;:!?])(?=[一二三四五六七八九十]{1,3}[是要]|第[一二三四五六七八九十]{1,3}[,、]"
    r"|[(]\d{1,2}[)]|\d{1,2}[.、](?!\d))"
)
OPEN_QUOTES = "“‘《(「『【[〔\"'"
CLOSE_QUOTES = "”’》)」』】]〕\"'"
PAIRS = dict(zip(OPEN_QUOTES, CLOSE_QUOTES))


def belongs_at_start(text: str, start: int, end: int) -> bool:
    """An opening quote or bracket whose partner is inside the span belongs to it."""
    ch = text[start]
    return ch in PAIRS and PAIRS[ch] in text[start + 1:end]


def belongs_at_end(text: str, start: int, end: int) -> bool:
    ch = text[end - 1]
    if ch not in CLOSE_QUOTES:
        return False
    return OPEN_QUOTES[CLOSE_QUOTES.index(ch)] in text[start:end - 1]
# Lines of at least this many characters that stop without sentence punctuation were cut by
# the PDF page or column; headings in the four notices are all shorter (longest seen: 45).
SOFT_BREAK_MIN_LINE = 48


# Symbols that belong to a figure ("84%", "38℃") are never trimmed off a span edge.
KEEP_SYMBOLS = "%‰℃°+"


def is_punct(ch: str) -> bool:
    if ch in KEEP_SYMBOLS:
        return False
    return unicodedata.category(ch)[0] in "PSZC" or ch.isspace()


@dataclass(frozen=True)
class NormText:
    """Normalised text and, for every character of it, its offset in ``original``."""

    original: str
    text: str
    index: np.ndarray  # int32, len(text): original offset of each normalised character

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` to the caller's offsets."""
        return int(self.index[start]), int(self.index[end - 1]) + 1

    def to_normalised(self, original_offset: int) -> int:
        """The first normalised position at or after an original offset."""
        # the offset cast to the index's dtype: a Python int would make numpy copy the array
        return int(self.index.searchsorted(self.index.dtype.type(original_offset)))


def _translation() -> dict[int, int]:
    table = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F)}  # full-width ASCII -> half-width
    for ch in "\u3000\xa0\u2002\u2003\u2009\x0b\x0c":
        table[ord(ch)] = ord(" ")
    # Tables turned into text separate cells by tabs or bars; both become "|", a cell edge.
    table[ord("\t")] = ord("|")
    table[ord("\r")] = ord("\n")
    for o in list(range(0, 32)) + [0x7F] + list(range(0x80, 0xA0)) + [0x200B, 0x200C, 0x200D, 0xFEFF, 0x2028, 0x2029]:
        if o not in (ord("\n"), ord("\t"), ord("\r")):
            table.setdefault(o, ord(" "))  # control characters read as spaces, which are dropped below
    return table


_TABLE = _translation()
_SPACES = re.compile(r" +")
_STARS = re.compile(r"\*{2,}")
_CRLF = re.compile(r"\r\n")
_LINES = re.compile(r"[^\n]+")
_PAGE_NUMBER = re.compile(r"[—–\-－]{1,3}\d{1,3}[—–\-－]{1,3}|第\d{1,3}页(?:共\d{1,3}页)?|\d{1,3}/\d{1,3}")


def normalise(original: str) -> NormText:
    """Half-width, strip markup and spaces between CJK characters, join PDF-broken lines.

    Every step maps one character to one character or deletes it, so a mask of kept
    positions is the whole offset map; this keeps memory linear and small for large texts.
    """
    t = original.translate(_TABLE)
    t = _STARS.sub(lambda m: " " * len(m.group(0)), t)
    keep = np.ones(len(t), dtype=bool)
    for m in _CRLF.finditer(original):
        keep[m.start()] = False  # "\r\n" is one line break
    for m in _SPACES.finditer(t):
        s, e = m.start(), m.end()
        prev = t[s - 1] if s else "\n"
        nxt = t[e] if e < len(t) else "\n"
        # a space survives only between two ASCII letters or digits ("PPP 项目" loses it)
        if prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum():
            keep[s + 1:e] = False
        else:
            keep[s:e] = False
    _join_lines(t, keep)
    index = np.flatnonzero(keep).astype(np.int32 if len(t) < 2**31 else np.int64)
    text = "".join(t[i] for i in index) if len(index) < 2000 else _gather(t, keep)
    return NormText(original, text, index)


def _gather(t: str, keep: np.ndarray) -> str:
    """The kept characters, assembled run by run (fast for long texts with few deletions)."""
    edges = np.flatnonzero(np.diff(np.concatenate(([False], keep, [False])).astype(np.int8)))
    return "".join(t[a:b] for a, b in zip(edges[::2], edges[1::2]))


def _starts_block(line: str) -> bool:
    return bool(ENUMERATOR.match(line) or FIELD.match(line))


def _join_lines(t: str, keep: np.ndarray) -> None:
    """Drop line breaks that a PDF put inside a paragraph; collapse blank lines to one break."""
    lines = []
    for m in _LINES.finditer(t):
        seg = t[m.start():m.end()].replace(" ", "")
        if _PAGE_NUMBER.fullmatch(seg):
            keep[m.start():m.end()] = False  # "— 3 —": page furniture, and the paragraph goes on
        elif seg:
            lines.append((m.start(), m.end(), seg))
    if not lines:
        keep[:] = False
        return
    keep[:lines[0][0]] = False
    keep[lines[-1][1]:] = False
    # Text wrapped at a page width has most lines of one length; a line that fills it was cut,
    # heading or not. (Unwrapped text has no such width: its 80th percentile is a paragraph.)
    width = float(np.percentile([len(seg) for _, _, seg in lines], 80))
    for (a_s, a_e, prev), (b_s, b_e, nxt) in zip(lines, lines[1:]):
        # A heading ("一、…", "(一)…") may end without punctuation; a field or body line that
        # does so was cut by the page.
        soft = (
            "|" not in prev and "|" not in nxt  # table rows are lines of their own
            and prev[-1] not in SENTENCE_END + ":"
            and not _starts_block(nxt)
            and (len(prev) >= SOFT_BREAK_MIN_LINE or (not ENUMERATOR.match(prev) and len(prev) >= 16)
                 or len(prev) >= 0.9 * width)
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
    while start < end and is_punct(text[start]) and not belongs_at_start(text, start, end):
        start += 1
    while end > start and is_punct(text[end - 1]) and not belongs_at_end(text, start, end):
        end -= 1
    return start, end


def enumerator_class(enum: str) -> str:
    """The shape of an enumerator, which tells its level in the notice's outline."""
    if not enum:
        return "none"
    if enum.endswith("是"):
        return "cn_shi"
    if enum.endswith("要"):
        return "cn_yao"
    if enum.startswith("第"):
        return "di"
    if enum.startswith("("):
        return "paren_num" if enum[1].isdigit() else "paren_cn"
    if enum.endswith("、") and not enum[0].isdigit():
        return "cn_dun"
    if enum[0].isdigit():
        return "num"
    return "circled"


def strip_enumerator(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Skip a leading enumerator; return the new start, the end and the enumerator."""
    m = ENUMERATOR.match(text, start, end) if start < end else None
    if m:
        s, e = trim(text, m.end(), end)
        return s, e, m.group(0)
    return start, end, ""


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence, a line, an enumerated item's opening, or a field name, in normalised text.

    ``start``/``end`` bound the whole unit; ``core_start``/``core_end`` its labellable part
    (no enumerator, no field name, no edge punctuation).
    """

    start: int
    end: int
    core_start: int
    core_end: int
    enumerator: str
    field: str
    line_start: bool   # first unit of its line, or of its table cell
    line_end: bool
    cell: int = -1     # column of the table cell holding the unit, -1 outside tables


def _cut_points(text: str) -> list[int]:
    cuts = {0, len(text)}
    for m in re.finditer(r"[。;!?]+[”’」』)]*|\n|\|", text):
        cuts.add(m.end())
    for m in MID_ENUMERATOR.finditer(text):
        cuts.add(m.start())
    return sorted(cuts)


def units(norm: NormText) -> list[Unit]:
    """Cut normalised text into units; field names ("整改情况:") become units of their own."""
    text = norm.text
    out: list[Unit] = []
    cuts = _cut_points(text)
    pieces: list[tuple[int, int]] = []
    for a, b in zip(cuts, cuts[1:]):
        pos = a
        while pos < b and text[pos] in " \n":
            pos += 1
        m = FIELD.match(text, pos, b)
        if m:
            pieces.append((a, m.end()))
            pieces.append((m.end(), b))
        else:
            pieces.append((a, b))
    for a, b in pieces:
        s, e = trim(text, a, b)
        if s >= e:
            continue
        m = FIELD.match(text, s, b)
        field = ""
        enum = ""
        if m and m.end() >= e:
            field = m.group("field")
            cs, ce = e, e
        else:
            cs, ce, enum = strip_enumerator(text, s, e)
        k = s - 1
        while k >= 0 and text[k] == " ":
            k -= 1
        j = e
        while j < len(text) and text[j] not in "\n|" and is_punct(text[j]):
            j += 1
        line_start = k < 0 or text[k] in "\n|"
        line_end = j >= len(text) or text[j] in "\n|"
        line_at = text.rfind("\n", 0, s) + 1
        line_stop = text.find("\n", s)
        cell = -1
        if text.find("|", line_at, line_stop if line_stop >= 0 else len(text)) >= 0:
            cell = text.count("|", line_at, s) - (text[line_at] == "|")
        out.append(Unit(s, e, cs, ce, enum, field, line_start, line_end, cell))
    return out


@dataclass(frozen=True, slots=True)
class Clause:
    """The guide's clause: text between two clause punctuation marks, trimmed, enumerator off."""

    start: int
    end: int


def clauses(norm: NormText) -> list[Clause]:
    text = norm.text
    out: list[Clause] = []
    prev = 0
    for m in CLAUSE_SPLIT.finditer(text + "\n"):
        s, e = trim(text, prev, m.start())
        s, e, _ = strip_enumerator(text, s, e)
        if s < e:
            out.append(Clause(s, e))
        prev = m.end()
    return out
