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

# Characters that close a sentence: the guide's unit boundary ("sentences at 。；！？").
SENTENCE_END = "。;!?"
# The guide's clause boundary: "the text between two of ，,；;。：:！!？? or a line break".
CLAUSE_SPLIT = re.compile(r"[,;。:!?\n]")
CN_DIGITS = "一二三四五六七八九十"

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
    r"(?P<field>(?:整[改政]|完成|落实|推进|进展)情况|整改(?:进度|进展|措施|时限|状态|结果|成效|目标|要求)"
    r"|责任(?:单位|领导|人|部门)|牵头(?:单位|领导)|反馈问题|存在问题|问题(?:描述|表现)?\d*|完成时限|办结时限)"
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


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF


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
    index: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` to the caller's offsets."""
        return self.index[start], self.index[end - 1] + 1


def _halfwidth(ch: str) -> str:
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:
        return chr(o - 0xFEE0)
    if ch in "\u3000\xa0\t\u2002\u2003\u2009":
        return " "
    if ch == "\r":
        return "\n"
    return ch


def normalise(original: str) -> NormText:
    """Half-width, strip markup and spaces between CJK characters, join PDF-broken lines."""
    chars: list[str] = []
    index: list[int] = []
    n = len(original)
    i = 0
    while i < n:
        ch = original[i]
        if ch == "*" and ((i + 1 < n and original[i + 1] == "*") or (i and original[i - 1] == "*")):
            i += 1
            continue
        if ch == "\r" and i + 1 < n and original[i + 1] == "\n":
            i += 1
            continue
        c = _halfwidth(ch)
        cat = unicodedata.category(c)
        if c != "\n" and (cat == "Cc" or cat == "Cf" or cat == "Cs" or cat == "Co"):
            i += 1
            continue
        chars.append(c)
        index.append(i)
        i += 1
    chars, index = _drop_spaces(chars, index)
    chars, index = _join_lines(chars, index)
    return NormText(original, "".join(chars), tuple(index))


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _drop_spaces(chars: list[str], index: list[int]) -> tuple[list[str], list[int]]:
    """Keep a space only between two ASCII letters or digits ("3 5", "PPP project")."""
    out_c: list[str] = []
    out_i: list[int] = []
    n = len(chars)
    for k, c in enumerate(chars):
        if c == " ":
            prev = out_c[-1] if out_c else "\n"
            j = k + 1
            while j < n and chars[j] == " ":
                j += 1
            nxt = chars[j] if j < n else "\n"
            if not (_ascii_word(prev) and _ascii_word(nxt)) or (out_c and out_c[-1] == " "):
                continue
        out_c.append(c)
        out_i.append(index[k])
    return out_c, out_i


def _starts_block(line: str) -> bool:
    return bool(ENUMERATOR.match(line) or FIELD.match(line))


def _join_lines(chars: list[str], index: list[int]) -> tuple[list[str], list[int]]:
    """Drop line breaks that a PDF put inside a paragraph; collapse blank lines to one break."""
    text = "".join(chars)
    keep = [True] * len(chars)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for (a_s, a_e), (b_s, b_e) in zip(lines, lines[1:]):
        prev, nxt = text[a_s:a_e].strip(), text[b_s:b_e].strip()
        # A heading ("一、…", "(一)…") may end without punctuation; a field or body line that
        # does so was cut by the page.
        soft = (
            prev[-1] not in SENTENCE_END + ":"
            and not _starts_block(nxt)
            and (len(prev) >= SOFT_BREAK_MIN_LINE or (not ENUMERATOR.match(prev) and len(prev) >= 16))
        )
        first_break = True
        for k in range(a_e, b_s):
            if chars[k] == "\n":
                keep[k] = not soft and first_break
                first_break = False
            elif chars[k] == " ":
                keep[k] = False
    for k in range(lines[-1][1] if lines else 0, len(chars)):
        keep[k] = False
    for k in range(0, lines[0][0] if lines else len(chars)):
        keep[k] = False
    return [c for c, k in zip(chars, keep) if k], [i for i, k in zip(index, keep) if k]


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


def strip_enumerator(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Skip a leading enumerator; return the new start, the end and the enumerator."""
    m = ENUMERATOR.match(text, start, end) if start < end else None
    if m:
        s, e = trim(text, m.end(), end)
        return s, e, m.group(0)
    return start, end, ""


@dataclass(frozen=True)
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
    line_start: bool
    line_end: bool


def _cut_points(text: str) -> list[int]:
    cuts = {0, len(text)}
    for m in re.finditer(r"[。;!?]+[”’」』)]*|\n", text):
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
        while j < len(text) and text[j] != "\n" and is_punct(text[j]):
            j += 1
        line_start = k < 0 or text[k] == "\n"
        line_end = j >= len(text) or text[j] == "\n"
        out.append(Unit(s, e, cs, ce, enum, field, line_start, line_end))
    return out


@dataclass(frozen=True)
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
