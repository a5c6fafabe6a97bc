"""A problem's status value, from its status span or from the heading it sits under, or the
notice's counts when it states nothing per problem."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from ..lexicon.sections import STATUS_HEADING
from ..lexicon.status_words import STATUS_WORDINGS
from ..schema import Record, Span, Status, StatusValue
from ..text.normalise import to_simplified


def normalise_status(value: str) -> StatusValue:
    """The value a status wording stands for (``lexicon.status_words``: first match wins)."""
    v = "".join(unicodedata.normalize("NFKC", to_simplified(value)).split())
    v = v.strip("。.;；,，")
    for pattern, out in STATUS_WORDINGS:
        if pattern.search(v):
            return StatusValue(out)
    return StatusValue.unknown


def record_status(status_span: Span | None, headings_above: tuple[str, ...]) -> Status:
    if status_span is not None:
        return Status(status_span, normalise_status(status_span.text), "span")
    for heading in reversed(headings_above):
        if STATUS_HEADING.search(heading):
            return Status(None, normalise_status(heading), "heading")
    return Status(None, StatusValue.unknown, "none")


def stated_share(counts: dict) -> float | None:
    """The completed share a notice states: its rate, else completed over the problems it
    reports, else completed over completed and in progress; None when it states neither."""
    rate, done = counts.get("completion_rate"), counts.get("completed")
    total, progress = counts.get("problems_reported"), counts.get("in_progress")
    if rate is not None:
        share = rate
    elif done is not None and total:
        share = done / total
    elif done is not None and progress is not None and done + progress:
        share = done / (done + progress)
    else:
        return None
    return min(1.0, max(0.0, float(share)))


def statuses_from_counts(records: list[Record], counts: dict) -> list[Record]:
    """When no problem has a status of its own (no span, no status heading) but the notice
    states its counts, every record says so: source ``counts`` and the notice's completed
    share; the value is ``completed`` only when the share is whole (all done), ``in_progress``
    when nothing is done and work is stated in progress, else ``unknown`` (which ones were done
    the notice does not say)."""
    if not records or any(r.status.source != "none" for r in records):
        return records
    share = stated_share(counts)
    if share is None:
        return records
    if share >= 0.9999:
        value = StatusValue.completed
    elif share == 0 and counts.get("in_progress"):
        value = StatusValue.in_progress
    else:
        value = StatusValue.unknown
    status = Status(None, value, "counts", round(share, 4))
    return [replace(r, status=status) for r in records]
