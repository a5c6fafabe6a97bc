"""The rules-only reading of a notice's units: the state machine the project started with,
a hand-written reading of the four full notices' layouts.  Its label is one feature of the
tagger among many (its weight set by the data) and, alone, the baseline's labeller."""

from __future__ import annotations

from ..lexicon.actions import ACTION_VERB, ATTITUDE_ONLY, CONCRETE_ACTION
from ..lexicon.enumerators import enumerator_class, is_heading_enumerator
from ..lexicon.fields import PROBLEM_FIELDS, RECT_FIELDS, STATUS_FIELDS, field_kind
from ..lexicon.sections import GENERIC_PROBLEM, PROBLEM_WRAPPER_TAIL
from ..text.normalise import NormText
from ..text.segment import Unit
from .cues import (
    heading_followed_by_rect,
    is_result_only,
    next_line_class,
    rect_field_follows,
    strip_wrapper,
)


def _cell_label(kind: str, u: Unit, core: str, prev: str) -> str:
    """A table cell's unit, by its column: the column says what the cell holds."""
    same_cell = not u.line_start
    if kind in ("problem", "status"):
        return ("I-" if same_cell and prev.endswith(kind) else "B-") + kind
    if kind == "rect":
        if u.enumerator:
            return "B-measure"
        if same_cell and prev.endswith("measure"):
            return "I-measure"
        if ACTION_VERB.search(core) and not ATTITUDE_ONLY.search(core):
            return "B-measure"
    return "O"


def rule_unit_labels(norm: NormText, us: list[Unit], columns: list[str], stop: int) -> list[str]:
    """BIO labels for units from layout cues alone (the baseline).  ``columns``: each unit's
    table column heading (``table_fields``); ``stop``: the first unit of the closing section
    (``closing_start``), both computed once per text by the caller."""
    text = norm.text
    labels = ["O"] * len(us)
    state = "intro"  # intro | problem | rect | status
    first_problem_seen = False
    problem_class = ""  # enumerator class of problem headings
    item_class = ""  # enumerator class of the measure list being read
    for k in range(stop):
        u = us[k]
        core = text[u.core_start : u.core_end]
        if columns[k]:
            labels[k] = _cell_label(field_kind(columns[k]), u, core, labels[k - 1] if k else "O")
            first_problem_seen = first_problem_seen or labels[k] == "B-problem"
            state = "table"
            continue
        if u.field:
            item_class = ""
            if u.field in RECT_FIELDS:
                state = "rect"
            elif u.field in STATUS_FIELDS:
                state = "status"
            elif u.field.startswith("问题") or u.field in PROBLEM_FIELDS:
                state = "problem_field"
            else:
                state = "other"
            continue
        if not core:
            continue
        if state == "problem_field":
            labels[k] = "B-problem"
            state = "problem_cont"
            first_problem_seen = True
            continue
        if state == "problem_cont" and not u.line_start:
            labels[k] = "I-problem"
            continue
        if state == "status":
            labels[k] = "B-status"
            state = "other"
            continue
        heading = u.line_start and is_heading_enumerator(u.enumerator)
        if heading:
            followed_by_rect = heading_followed_by_rect(text, us, k)
            cls = enumerator_class(u.enumerator)
            in_list = state in ("rect", "measure", "after_problem") and cls != problem_class
            if in_list and item_class == cls:
                labels[k] = (
                    "B-measure"  # the next item of a measure list, even when a field follows
                )
                continue
            ps, pe = strip_wrapper(text, u.core_start, u.core_end)
            generic = GENERIC_PROBLEM.fullmatch(text[ps:pe]) is not None
            if not generic and (
                followed_by_rect or PROBLEM_WRAPPER_TAIL.search(core) and "问题" in core
            ):
                labels[k] = "B-problem"
                state = "after_problem"
                first_problem_seen = True
                problem_class, item_class = cls, ""
                continue
            # A numbered list of measures on lines of their own ("整改措施：\n(1)…\n(2)…"): an item
            # has a sibling of its own class before or after it; a group heading does not.
            if in_list and next_line_class(us, k) == cls:
                labels[k] = "B-measure"
                state, item_class = "measure", cls
                continue
            if not first_problem_seen and not u.line_end:
                labels[k] = "B-measure"  # notice-level item: "(一)强化领导责任。第一时间…"
                state = "general"
                continue
            state = "heading"
            continue
        if (
            state == "after_problem"
            and u.line_start
            and not u.enumerator
            and rect_field_follows(us, k)
        ):
            # a description paragraph between a problem heading and its rectification field
            # continues the problem (annotations/README.md, decision 5)
            labels[k] = "I-problem"
            state = "problem_cont"
            continue
        if (
            not first_problem_seen
            and state in ("heading", "general_done")
            and not u.enumerator
            and CONCRETE_ACTION.search(core)
            and not is_result_only(core)
            and not ATTITUDE_ONLY.search(core)
        ):
            labels[k] = "B-measure"  # notice-level action told in plain sentences
            continue
        if state in ("rect", "after_problem", "general", "measure"):
            if u.enumerator:
                labels[k] = "B-measure"
                state = "measure"
            elif state in ("measure", "general") and not u.line_start:
                labels[k] = "I-measure"
            elif (
                state in ("rect", "after_problem")
                and ACTION_VERB.search(core)
                and not ATTITUDE_ONLY.search(core)
                and not is_result_only(core)
            ):
                labels[k] = "B-measure"
            elif u.line_start:
                state = "rect" if state != "general" else "general_done"
    return labels
