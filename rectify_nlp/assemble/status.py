"""A problem's status value, from its status span or from the heading it sits under."""

from __future__ import annotations

from ..lexicon.sections import STATUS_HEADING
from ..lexicon.status_words import COMPLETED, IN_PROGRESS, LONG_TERM
from ..schema import Span, Status, StatusValue


def normalise_status(value: str) -> StatusValue:
    """ "已完成，长期坚持" is completed: the task is done and the habit continues; "长期整改"
    without a completion is long_term; "阶段性完成" is in_progress."""
    if IN_PROGRESS.search(value):
        return StatusValue.in_progress
    if COMPLETED.search(value) or value.strip() in ("完成", "已完成"):
        return StatusValue.completed
    if LONG_TERM.search(value):
        return StatusValue.long_term
    return StatusValue.unknown


def record_status(status_span: Span | None, headings_above: tuple[str, ...]) -> Status:
    if status_span is not None:
        return Status(status_span, normalise_status(status_span.text), "span")
    for heading in reversed(headings_above):
        if STATUS_HEADING.search(heading):
            return Status(None, normalise_status(heading), "heading")
    return Status(None, StatusValue.unknown, "none")
