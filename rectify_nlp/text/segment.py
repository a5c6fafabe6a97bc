"""Units and clauses of normalised text.

A unit is what the tagger labels: a sentence, a line, a table cell, the opening of an
enumerated item, or a field name.  A clause is the guide's detail unit: the text between two
clause punctuation marks, trimmed, enumerator off.

Three index spaces count them: ``UnitIndex`` (a unit among all of a text's units),
``ContentIndex`` (a unit among the content units, the ones with text to label: what the tagger
and the post-processing steps count) and ``ClauseIndex`` (a clause among the candidate
clauses).  ``content_units`` maps the second to the first; ``unit_at`` finds the unit a
normalised offset falls in.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NewType

from ..lexicon.enumerators import ENUMERATOR, MID_ENUMERATOR, MID_MARKS
from ..lexicon.fields import FIELD
from .normalise import SENTENCE_END, NormOffset, NormSpan, NormText, is_punct, trim

# The guide's clause boundary: "the text between two of ，,；;。：:！!？? or a line break".
# "|": a table cell edge ends a clause too.  A comma between a digit and exactly three more
# (1,234.5万元) groups thousands: the figure is one clause, not "1" and "234.5万元".
# (One character class first, the comma's condition after it: what fails is a mark that is a
# comma after a digit with exactly three digits next.  A pattern that starts with an
# alternation is tried in full at every position of the text, one that starts with a class is
# scanned for it in C: 1.07 -> 0.81 ms a round of the four notices, the same matches.)
CLAUSE_SPLIT = re.compile(r"[;。:!?\n|,](?!(?<=\d,)\d{3}(?!\d))")
# Numbered items past 99 (`100.`, `123、`): the lexicon's pattern stops at two digits, and a
# list does not (a notice of 120 problems gave 99 records).  Same shape, same class ("num").
LONG_NUMBER = re.compile(r"[1-9]\d{2,5}(?:[.、](?!\d)|\.(?=\D))")
# A cut inside a paragraph, just after the mark this consumes: the lexicon's MID_ENUMERATOR
# (a lookbehind for the mark, then what follows), or such a long number.  A pattern that starts
# with a lookbehind is tried at every position of the text, this one only at the marks, and the
# two are one scan with no Python call a mark: 1.43 -> 0.95 ms a round of the four notices'
# cuts, the same cuts (tests/text/test_segment.py).
MID_CUT = re.compile(
    MID_MARKS + r"(?:" + MID_ENUMERATOR.pattern + r"|(?=[1-9]\d{2,5}[.、](?!\d)))"
)
# A unit ends after a sentence's end (and the quotes closing it), a line, or a table cell.
# (Written as one character class first, the rest optional after a sentence end, for the
# same reason as CLAUSE_SPLIT: 1.16 -> 0.47 ms a round of the four notices, the same cuts.)
_SENTENCE_CUT = re.compile(
    "[" + re.escape(SENTENCE_END) + r"\n|]"
    "(?:(?<=[" + re.escape(SENTENCE_END) + "])[" + re.escape(SENTENCE_END) + r"]*[”’」』)]*)?"
)


def match_enumerator(text: str, start: int, end: int):
    """The enumerator at ``start`` (the lexicon's, or a number of three digits or more)."""
    return ENUMERATOR.match(text, start, end) or LONG_NUMBER.match(text, start, end)


def strip_enumerator(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Skip a leading enumerator; return the new start, the end and the enumerator."""
    m = match_enumerator(text, start, end) if start < end else None
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

    start: NormOffset
    end: NormOffset
    core_start: NormOffset
    core_end: NormOffset
    enumerator: str
    field: str
    line_start: bool  # first unit of its line, or of its table cell
    line_end: bool
    cell: int = -1  # column of the table cell holding the unit, -1 outside tables

    @property
    def span(self) -> NormSpan:
        return NormSpan(self.start, self.end)

    @property
    def core(self) -> NormSpan:
        return NormSpan(self.core_start, self.core_end)

    @property
    def has_content(self) -> bool:
        """A content unit: one with text to label (a field name alone has none)."""
        return self.core_start < self.core_end


UnitIndex = NewType("UnitIndex", int)  # a unit's position among all of a text's units
ContentIndex = NewType("ContentIndex", int)  # a unit's position among the content units
ClauseIndex = NewType("ClauseIndex", int)  # a clause's position among the candidate clauses


def content_units(us: list[Unit]) -> list[UnitIndex]:
    """Where each content unit sits among all units: item ``ContentIndex`` k of the result is
    that unit's ``UnitIndex``."""
    return [UnitIndex(k) for k, u in enumerate(us) if u.has_content]


def unit_at(starts: list[NormOffset], offset: int) -> UnitIndex:
    """The unit a normalised offset falls in, given every unit's start in order: the last one
    starting at or before it (the first unit for an offset before them all)."""
    return UnitIndex(max(0, bisect.bisect_right(starts, offset) - 1))


def _cut_points(text: str) -> list[int]:
    cuts = {0, len(text)}
    for m in _SENTENCE_CUT.finditer(text):
        cuts.add(m.end())
    for m in MID_CUT.finditer(text):
        cuts.add(m.end())
    return sorted(cuts)


def units(norm: NormText) -> list[Unit]:
    """Cut normalised text into units; field names ("整改情况:") become units of their own."""
    text = norm.text
    out: list[Unit] = []
    cuts = _cut_points(text)
    newlines = [m.start() for m in re.finditer("\n", text)]
    bars = [m.start() for m in re.finditer(r"\|", text)]
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
        # the unit's line and its table cell, by bisection: one pass over the text however
        # long a line is (minified HTML is one line)
        n_line = bisect.bisect_right(newlines, s)
        line_at = newlines[n_line - 1] + 1 if n_line else 0
        line_stop = newlines[n_line] if n_line < len(newlines) else len(text)
        first_bar = bisect.bisect_left(bars, line_at)
        cell = -1
        if first_bar < len(bars) and bars[first_bar] < line_stop:
            cell = bisect.bisect_left(bars, s) - first_bar - (text[line_at] == "|")
        out.append(
            Unit(NormOffset(s), NormOffset(e), NormOffset(cs), NormOffset(ce), enum, field,
                 line_start, line_end, cell)
        )
    return out


@dataclass(frozen=True, slots=True)
class Clause:
    """The guide's clause: text between two clause punctuation marks, trimmed, enumerator off."""

    start: NormOffset
    end: NormOffset

    @property
    def span(self) -> NormSpan:
        return NormSpan(self.start, self.end)


def clauses(norm: NormText, candidate: re.Pattern | None = None) -> list[Clause]:
    """The clauses; with ``candidate``, only those it matches inside.  A piece between two
    marks that holds no match at all is skipped before it is trimmed (trimming and taking the
    enumerator off only shrink it), so ``candidate`` must be a pattern whose match inside a
    stretch stays a match inside any stretch around it: no ``$``, no negative lookahead.
    ``candidate``'s lookaheads may look one character ahead, no further.  Every piece is
    searched: a pattern that starts with one character class (as DETAIL_CANDIDATE does) is
    scanned for it in C, one test a character (a search for the class first, then for the
    pattern, took 4.21 ms a round of the four notices' candidate clauses, this 3.82)."""
    text = norm.text
    out: list[Clause] = []
    prev = 0
    found = None
    for m in CLAUSE_SPLIT.finditer(text + "\n"):
        if candidate is not None:
            found = candidate.search(text, prev, m.start())
            if found is None:
                prev = m.end()
                continue
        s, e = trim(text, prev, m.start())
        s, e, _ = strip_enumerator(text, s, e)
        # the match found stays a match when it lies inside the trimmed clause with a
        # character to spare (a lookahead of one character still sees its character)
        if s < e and (
            candidate is None
            or s <= found.start() and found.end() < e
            or candidate.search(text, s, e)
        ):
            out.append(Clause(NormOffset(s), NormOffset(e)))
        prev = m.end()
    return out
