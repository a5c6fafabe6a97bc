"""Where a notice's parts begin: the first outline heading and the closing section."""

from __future__ import annotations

from ..lexicon.enumerators import is_heading_enumerator
from ..lexicon.sections import CLOSING_HEADING, CONTACTS_PARAGRAPH
from ..text.normalise import NormText
from ..text.segment import Unit

# A closing heading is a short line of its own ("三、下一步工作安排"); the gold's longest has 17.
CLOSING_HEADING_MAX = 30


def closing_start(norm: NormText, us: list[Unit]) -> int:
    """Index of the first unit of the closing next-steps section or contacts, or len(us)."""
    text = norm.text
    for k, u in enumerate(us):
        core = text[u.core_start : u.core_end]
        if (
            u.line_start
            and u.line_end
            and len(core) <= CLOSING_HEADING_MAX
            and u.enumerator
            and CLOSING_HEADING.search(core)
        ):
            return k
        if u.line_start and CONTACTS_PARAGRAPH.search(core):
            return k
    return len(us)


def first_heading(norm: NormText, us: list[Unit]) -> int:
    """Normalised offset of the first outline heading line (the introduction ends there)."""
    return next(
        (u.start for u in us if u.line_start and is_heading_enumerator(u.enumerator)),
        len(norm.text),
    )
