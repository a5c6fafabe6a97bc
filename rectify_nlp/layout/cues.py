"""Cues read off a unit or a clause.  They are features of the trained models and, alone,
the rules-only baseline; none of them decides a label in the product."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon.actions import ACTION_VERB, AS_OF_START, CONCRETE_ACTION, RESULT_CUE
from ..lexicon.enumerators import enumerator_class
from ..lexicon.fields import RECT_FIELDS, STATUS_FIELDS
from ..lexicon.quantities import ARABIC_QUANTITY, CN_QUANTITY, NOT_QUANTITY
from ..lexicon.sections import PROBLEM_QUOTED, PROBLEM_WRAPPER_RUN_ON, PROBLEM_WRAPPER_TAIL
from ..lexicon.time_words import (
    BY_TIME,
    COMPLETION_VERB,
    PLAN_CUE,
    TIME_EXPR,
    TIME_REST,
    TIME_START,
)
from ..text.normalise import trim
from ..text.segment import Unit

# How far ahead (in units) a heading looks for the field that introduces its rectification
# text: the longest problem description in the gold spans 41 units.
LOOKAHEAD = 60

# A metric needs a figure and a deadline a time expression (the guide); clauses with neither
# are never candidates.  On the four gold notices this keeps 858 of 3,469 clauses and every
# gold metric and deadline.  Written class-first as TIME_EXPR (lexicon.time_words); the same
# matches as
#   \d|[两二三四五六七八九十百千万亿半]|一(?=[次台家名件份篇批轮场户所座辆项个位])|TIME_EXPR
# The clause cutter searches every piece with it: its class is the scan for a first character.
_FIGURE_ALONE = r"\d两二三四五六七八九十百千万亿半"  # a candidate on its own
DETAIL_CANDIDATE = re.compile(
    r"[" + _FIGURE_ALONE + r"一" + TIME_START + r"](?:(?<=[" + _FIGURE_ALONE + r"])"
    r"|(?<=一)(?=[次台家名件份篇批轮场户所座辆项个位])|" + TIME_REST + r")"
)
# The first characters of the figures of a metric clause: ARABIC_QUANTITY and CN_QUANTITY
# are tried only at these (text.scan; a time expression is searched for plainly: in a clause
# of twenty characters that was faster than trying it only at its first characters)
ARABIC_QUANTITY_START = re.compile(r"[\d排第位一二三四五六七八九十百]")
CN_QUANTITY_START = re.compile(r"[一二两三四五六七八九十百千]")


def _hashes(m: re.Match) -> str:
    return "#" * (m.end() - m.start())


# a metric span is mostly a candidate clause featurised a moment before: masked once
@lru_cache(maxsize=4096)
def mask_non_quantities(clause: str) -> str:
    """The clause with dates, document numbers, ordinals and names blanked out by "#"s."""
    return NOT_QUANTITY.sub(_hashes, clause)


def is_result_only(core: str, action: bool | None = None, concrete: bool | None = None) -> bool:
    """A result, figure or assessment with no action of its own: not a measure (the guide).
    ``action``/``concrete``: whether ACTION_VERB / CONCRETE_ACTION occur, when already known."""
    if AS_OF_START.match(core):
        if concrete is None:
            concrete = CONCRETE_ACTION.search(core) is not None
        if not concrete:
            return True
    if action is None:
        action = ACTION_VERB.search(core) is not None
    return not action and RESULT_CUE.search(core) is not None


def is_metric_clause(clause: str) -> bool:
    """A clause with a count, amount, rate or rank that is not only a date or a name."""
    masked = mask_non_quantities(clause)
    return bool(ARABIC_QUANTITY.search(masked) or CN_QUANTITY.search(masked))


def is_deadline_clause(clause: str) -> bool:
    """A time expression that bounds a completion: "…前", a plan word before it, or a
    completion verb after it (the guide's deadline; the date of an ordinary action is not)."""
    for t in TIME_EXPR.finditer(clause):
        after = clause[t.end() :]
        if BY_TIME.match(after) or PLAN_CUE.search(clause[max(0, t.start() - 8) : t.start()]):
            return True
        if COMPLETION_VERB.search(after[:20]):
            return True
    return False


def rect_field_follows(us: list[Unit], k: int) -> bool:
    """The next field name after unit k, before any enumerated line, introduces
    rectification or status (`整改情况：`, `完成情况：`)."""
    for j in range(k + 1, min(len(us), k + LOOKAHEAD)):
        if us[j].field:
            return us[j].field in RECT_FIELDS + STATUS_FIELDS
        if us[j].line_start and us[j].enumerator:
            return False
    return False


def next_line_class(us: list[Unit], k: int) -> str:
    """Enumerator class of the next unit that starts a line ("" if it has none)."""
    for j in range(k + 1, min(len(us), k + LOOKAHEAD)):
        if us[j].line_start:
            return enumerator_class(us[j].enumerator) if us[j].enumerator else ""
    return ""


def heading_followed_by_rect(text: str, us: list[Unit], k: int) -> bool:
    """A heading whose own rectification text follows it: a rectification field next, running
    items (`一是`) on the same line, a `…问题整改情况` wrapper with text after it, or a
    description paragraph and then a rectification field.  What makes a heading a problem
    in most layouts; a feature, not a decision."""
    if k + 1 >= len(us):
        return False
    u, nxt = us[k], us[k + 1]
    core = text[u.core_start : u.core_end]
    return (
        nxt.field in RECT_FIELDS + STATUS_FIELDS
        or (nxt.enumerator.endswith("是") and not nxt.line_start)
        or (not nxt.line_start and PROBLEM_WRAPPER_TAIL.search(core) is not None)
        or (u.line_end and nxt.line_start and not nxt.enumerator and rect_field_follows(us, k))
    )


def strip_wrapper(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop "问题整改情况" and "关于“……”问题的整改" wrappers (the guide keeps them outside),
    and what runs on after one."""
    seg = text[start:end]
    m = PROBLEM_QUOTED.match(seg)
    if m:
        return start + m.start(1), start + m.end(1)
    m = PROBLEM_WRAPPER_TAIL.search(seg)
    if m and m.start() > 0:
        end = start + m.start()
    else:
        m = PROBLEM_WRAPPER_RUN_ON.search(seg)
        if m and m.start() > 0 and m.end() < len(seg):
            end = start + m.start()
    if seg.startswith(("关于", "对于“", "对于\"")) and end - start > 4:
        start += 2
    return trim(text, start, end)
