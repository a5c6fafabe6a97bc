"""What the tagger knows about a unit's surroundings: its field, its place in the outline
(enumerator depth, parent, siblings), its paragraph and the lines around it.

Everything here is layout that carries over between provinces: an outline of `一、` over `（一）`
over `1.` over `一是`, a heading whose body follows on its own line, run-in headings, field
names.  The weights on them come from data.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from ..layout.cues import heading_followed_by_rect, rect_field_follows
from ..layout.outline import OutlineStack
from ..layout.rule_labels import rule_unit_labels
from ..layout.tables import table_fields
from ..lexicon.enumerators import enumerator_class, is_heading_enumerator
from ..lexicon.fields import field_kind
from ..lexicon.sections import CLOSING_HEADING, ORGANISATION_SECTION, PROBLEMS_SECTION
from ..text.normalise import SENTENCE_END, NormText
from ..text.segment import Unit

# A run-in heading is a short sentence opening a paragraph-internal item (`强化组织领导。……`);
# the longest in the real corpus has 12 characters.
RUN_IN_MAX = 14


class UnitContext(NamedTuple):
    """A named tuple, not a frozen dataclass: one is made for every unit of every text, and a
    frozen dataclass sets each of its 20 fields through object.__setattr__ (three times as
    long)."""

    field: str  # the last field name ("整改情况") seen before the unit
    field_kind: str  # what that field introduces (problem, rect, status, ...)
    heading_class: str  # enumerator class of the last heading line
    since_field: int  # content units since that field
    closing: bool  # inside the closing next-steps section
    before_first_heading: bool
    position: int  # tenth of the notice
    depth: int  # depth of the unit's enumerator in the notice's outline (0: none)
    heading_depth: int  # depth of the last heading line above the unit
    next_line: str  # shape of the next line's first unit: enumerator class and depth relation
    prev_line: str
    in_paragraph: int  # units since the start of the paragraph
    run_in: bool  # short sentence opening a paragraph-internal item
    since_heading: int  # content units since the last heading line
    siblings_before: int  # earlier lines with the same enumerator class under the same parent
    section: str  # what the current top-level section is about (organisation, problems)
    followed_by_rect: bool  # a heading whose rectification text follows (layout.cues)
    rect_ahead: bool  # the next field name ahead introduces rectification text
    rule_label: str  # what the hand-written reading says (layout.rule_labels)
    bare_line: bool  # the unit's line is short and ends without sentence punctuation


def _outline_heading(u: Unit) -> bool:
    """A heading of the notice's outline: an enumerated line, but not an item inside a table
    cell after the first (`2.追回违规资金…` in a measures column lists within its row)."""
    return u.line_start and u.cell <= 0 and is_heading_enumerator(u.enumerator)


def _depths(us: list[Unit]) -> list[int]:
    """Outline depth of every unit's enumerator: line headings form a stack by first use of
    each class; running items (`一是`) sit one below the current heading."""
    outline: OutlineStack[None] = OutlineStack()
    out = []
    for u in us:
        if _outline_heading(u):
            out.append(outline.push(enumerator_class(u.enumerator), None))
        elif u.enumerator:
            out.append(outline.depth + 1)
        else:
            out.append(0)
    return out


# A line this short that ends without SENTENCE_END is a heading, a title or page furniture
# (breadcrumbs, "處罰5569人!" teasers); body lines of the corpus are longer or punctuated.
BARE_LINE_MAX = 50


def _bare_lines(text: str, us: list[Unit]) -> list[bool]:
    """For each unit: does its line end without sentence punctuation and stay short?"""
    out = [False] * len(us)
    first = 0
    for k, u in enumerate(us):
        if u.line_start:
            first = k
        if u.line_end:
            line_end = us[k].end
            short = line_end - us[first].start <= BARE_LINE_MAX
            bare = text[line_end - 1] not in SENTENCE_END and short
            for j in range(first, k + 1):
                out[j] = bare
    return out


def section_kind(heading: str) -> str:
    if not heading:
        return "none"
    if CLOSING_HEADING.search(heading):
        return "closing"
    if ORGANISATION_SECTION.search(heading):
        return "organisation"
    if PROBLEMS_SECTION.search(heading):
        return "problems"
    return "other"


def _line_shape(us: list[Unit], depths: list[int], j: int, ref_depth: int) -> str:
    if j < 0 or j >= len(us):
        return "none"
    u = us[j]
    if u.field:
        return "field:" + field_kind(u.field)
    if not u.enumerator:
        return "plain"
    rel = "same" if depths[j] == ref_depth else "deeper" if depths[j] > ref_depth else "higher"
    return enumerator_class(u.enumerator) + ":" + rel


def unit_contexts(norm: NormText, us: list[Unit], stop: int) -> list[UnitContext]:
    """``stop``: index of the first unit of the closing section (``closing_start``)."""
    text = norm.text
    columns = table_fields(norm, us)
    depths = _depths(us)
    rule_labels = rule_unit_labels(norm, us, columns, stop)
    bare = _bare_lines(text, us)
    line_starts = [k for k, u in enumerate(us) if u.line_start]
    out = []
    field = ""
    heading = "none"
    heading_depth = 0
    since = since_heading = 0
    para = 0
    seen_heading = False
    siblings: dict[tuple[int, str], int] = {}
    section = "none"
    n = max(len(text), 1)
    for k, u in enumerate(us):
        if u.field:
            field, since = u.field, 0
        elif columns[k] and u.line_start:
            field, since = (
                columns[k],
                0,
            )  # a table cell reads as if its column heading were its field name
        if u.line_start:
            para = 0
        li = bisect.bisect_right(line_starts, k)  # line starts at or before unit k
        nxt = line_starts[li] if li < len(line_starts) else -1
        prv = line_starts[li - 2] if li >= 2 else -1
        ref = depths[k] or heading_depth
        core_len = u.core_end - u.core_start
        run_in = (
            not u.enumerator
            and not u.field
            and core_len <= RUN_IN_MAX
            and text[u.end - 1 : u.end] == "。"
            and not u.line_end
        )
        cls = enumerator_class(u.enumerator)
        if depths[k] == 1 and _outline_heading(u):
            section = section_kind(text[u.core_start : u.core_end])
        sib = 0
        if u.line_start and u.enumerator:
            key = (depths[k], cls)
            sib = siblings.get(key, 0)
            siblings[key] = sib + 1
            # a heading of a higher level starts a new set of children below it
            for other in [o for o in siblings if o[0] > depths[k]]:
                del siblings[other]
        # positionally, in the order of UnitContext's fields (each named alongside): keyword
        # arguments made construction 1.4 us instead of 0.5, 1 ms a round of the four notices
        out.append(
            UnitContext(
                field,
                field_kind(field),
                heading,  # heading_class
                since,  # since_field
                k >= stop,  # closing
                not seen_heading,  # before_first_heading
                min(9, 10 * u.start // n),  # position
                depths[k],  # depth
                heading_depth,
                # next_line, prev_line: a table row's neighbours are rows, or the table's
                # edges: the outline's line shapes say nothing about a cell, and would tell the
                # last row from the rest
                "table" if u.cell >= 0 else _line_shape(us, depths, nxt, ref),
                "table" if u.cell >= 0 else _line_shape(us, depths, prv, ref),
                para,  # in_paragraph
                run_in,
                since_heading,
                sib,  # siblings_before
                section,
                # followed_by_rect
                bool(u.line_start and u.enumerator) and heading_followed_by_rect(text, us, k),
                u.line_start and rect_field_follows(us, k),  # rect_ahead
                rule_labels[k],  # rule_label
                bare[k],  # bare_line
            )
        )
        if not u.field:
            since += 1
            since_heading += 1
        para += 1
        if _outline_heading(u):
            heading = cls
            heading_depth = depths[k]
            seen_heading = True
            since_heading = 0
            field = ""
    return out
