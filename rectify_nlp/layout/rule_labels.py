"""The rules-only reading of a notice's units: the state machine the project started with,
a hand-written reading of the four full notices' layouts.  Its label is one feature of the
tagger among many (its weight set by the data) and, alone, the baseline's labeller.

The reader walks the units once.  Table cells and field names set the state whatever it
was; every other unit with text goes to its state's handler, which labels it and may move
the reader to another state.
"""

from __future__ import annotations

from enum import Enum
from typing import Callable

from ..lexicon.actions import ACTION_VERB, ATTITUDE_ONLY, CONCRETE_ACTION
from ..lexicon.enumerators import enumerator_class, is_heading_enumerator
from ..lexicon.fields import field_kind
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


class State(Enum):
    """Where the reader is in the notice's layout."""

    OUTSIDE = "outside"  # the introduction, a table, or a field that introduces no label
    HEADING = "heading"  # under an unlabelled heading, or past a notice-level item's paragraph
    PROBLEM_FIELD = "problem_field"  # right after a problem field name (`问题 1：`)
    PROBLEM = "problem"  # inside a problem's text
    STATUS_FIELD = "status_field"  # right after a status field name (`完成情况：`)
    RECT = "rect"  # inside rectification text (`整改情况：`, or the lines after a measure)
    AFTER_PROBLEM = "after_problem"  # right after a problem heading
    MEASURE = "measure"  # inside an enumerated measure
    GENERAL = "general"  # inside a notice-level item, before any problem

    @classmethod
    def for_field(cls, field: str) -> State:
        """The state a field name opens."""
        return _FIELD_STATES.get(field_kind(field), cls.OUTSIDE)


_FIELD_STATES = {"rect": State.RECT, "status": State.STATUS_FIELD, "problem": State.PROBLEM_FIELD}
# States in which an enumerated heading line may be the next item of a measure list.
_LIST_STATES = (State.RECT, State.MEASURE, State.AFTER_PROBLEM)


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


def _is_measure_sentence(core: str) -> bool:
    """A sentence that does something (not an attitude, not a result)."""
    return bool(
        ACTION_VERB.search(core) and not ATTITUDE_ONLY.search(core) and not is_result_only(core)
    )


class _Reader:
    """One pass over a text's units; ``labels`` holds the result."""

    def __init__(self, norm: NormText, us: list[Unit]):
        self.text = norm.text
        self.us = us
        self.labels = ["O"] * len(us)
        self.state = State.OUTSIDE
        self.first_problem_seen = False
        self.problem_class = ""  # enumerator class of problem headings
        self.item_class = ""  # enumerator class of the measure list being read

    def read(self, k: int, column: str) -> None:
        u = self.us[k]
        core = self.text[u.core_start : u.core_end]
        if column:
            prev = self.labels[k - 1] if k else "O"
            self.labels[k] = _cell_label(field_kind(column), u, core, prev)
            self.first_problem_seen = self.first_problem_seen or self.labels[k] == "B-problem"
            self.state = State.OUTSIDE
        elif u.field:
            self.item_class = ""
            self.state = State.for_field(u.field)
        elif core:
            _HANDLERS[self.state](self, k, u, core)

    # -- the handlers, one per state ------------------------------------------------------
    def outside(self, k: int, u: Unit, core: str) -> None:
        self.heading(k, u, core)

    def heading_body(self, k: int, u: Unit, core: str) -> None:
        if self.heading(k, u, core):
            return
        if (
            not self.first_problem_seen
            and not u.enumerator
            and CONCRETE_ACTION.search(core)
            and not is_result_only(core)
            and not ATTITUDE_ONLY.search(core)
        ):
            self.labels[k] = "B-measure"  # notice-level action told in plain sentences

    def problem_field(self, k: int, u: Unit, core: str) -> None:
        self.labels[k] = "B-problem"
        self.state = State.PROBLEM
        self.first_problem_seen = True

    def problem(self, k: int, u: Unit, core: str) -> None:
        if not u.line_start:
            self.labels[k] = "I-problem"
        else:
            self.heading(k, u, core)

    def status_field(self, k: int, u: Unit, core: str) -> None:
        self.labels[k] = "B-status"
        self.state = State.OUTSIDE

    def rect(self, k: int, u: Unit, core: str) -> None:
        if self.heading(k, u, core):
            return
        if u.enumerator:
            self.labels[k] = "B-measure"
            self.state = State.MEASURE
        elif _is_measure_sentence(core):
            self.labels[k] = "B-measure"

    def after_problem(self, k: int, u: Unit, core: str) -> None:
        if self.heading(k, u, core):
            return
        if u.line_start and not u.enumerator and rect_field_follows(self.us, k):
            # a description paragraph between a problem heading and its rectification field
            # continues the problem (annotations/README.md, decision 5)
            self.labels[k] = "I-problem"
            self.state = State.PROBLEM
        elif u.enumerator:
            self.labels[k] = "B-measure"
            self.state = State.MEASURE
        elif _is_measure_sentence(core):
            self.labels[k] = "B-measure"
        elif u.line_start:
            self.state = State.RECT

    def measure(self, k: int, u: Unit, core: str) -> None:
        self._item_body(k, u, core, State.RECT)

    def general(self, k: int, u: Unit, core: str) -> None:
        self._item_body(k, u, core, State.HEADING)

    def _item_body(self, k: int, u: Unit, core: str, after_paragraph: State) -> None:
        """An item's text runs on within its line; a new enumerator opens the next measure."""
        if self.heading(k, u, core):
            return
        if u.enumerator:
            self.labels[k] = "B-measure"
            self.state = State.MEASURE
        elif not u.line_start:
            self.labels[k] = "I-measure"
        else:
            self.state = after_paragraph

    # -- what every handler but the field ones does with an enumerated heading line --------
    def heading(self, k: int, u: Unit, core: str) -> bool:
        """Label an enumerated heading line; False when the unit is not one."""
        if not (u.line_start and is_heading_enumerator(u.enumerator)):
            return False
        cls = enumerator_class(u.enumerator)
        in_list = self.state in _LIST_STATES and cls != self.problem_class
        if in_list and self.item_class == cls:
            # the next item of a measure list, even when a field follows
            self.labels[k] = "B-measure"
            return True
        ps, pe = strip_wrapper(self.text, u.core_start, u.core_end)
        generic = GENERIC_PROBLEM.fullmatch(self.text[ps:pe]) is not None
        if not generic and (
            heading_followed_by_rect(self.text, self.us, k)
            or PROBLEM_WRAPPER_TAIL.search(core)
            and "问题" in core
        ):
            self.labels[k] = "B-problem"
            self.state = State.AFTER_PROBLEM
            self.first_problem_seen = True
            self.problem_class, self.item_class = cls, ""
        elif in_list and next_line_class(self.us, k) == cls:
            # A numbered list of measures on lines of their own ("整改措施：\n(1)…\n(2)…"): an
            # item has a sibling of its own class before or after it; a group heading does not.
            self.labels[k] = "B-measure"
            self.state, self.item_class = State.MEASURE, cls
        elif not self.first_problem_seen and not u.line_end:
            self.labels[k] = "B-measure"  # notice-level item: "(一)强化领导责任。第一时间…"
            self.state = State.GENERAL
        else:
            self.state = State.HEADING
        return True


_HANDLERS: dict[State, Callable[[_Reader, int, Unit, str], None]] = {
    State.OUTSIDE: _Reader.outside,
    State.HEADING: _Reader.heading_body,
    State.PROBLEM_FIELD: _Reader.problem_field,
    State.PROBLEM: _Reader.problem,
    State.STATUS_FIELD: _Reader.status_field,
    State.RECT: _Reader.rect,
    State.AFTER_PROBLEM: _Reader.after_problem,
    State.MEASURE: _Reader.measure,
    State.GENERAL: _Reader.general,
}


def rule_unit_labels(norm: NormText, us: list[Unit], columns: list[str], stop: int) -> list[str]:
    """BIO labels for units from layout cues alone (the baseline).  ``columns``: each unit's
    table column heading (``table_fields``); ``stop``: the first unit of the closing section
    (``closing_start``), both computed once per text by the caller."""
    reader = _Reader(norm, us)
    for k in range(stop):
        reader.read(k, columns[k])
    return reader.labels
