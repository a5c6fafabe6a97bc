"""A problem's status value, from its status span or from the heading it sits under.

Every status wording of the corpora maps to a value by the table below, first match wins
(README, "Status wordings"): a stage reached (`阶段性完成`, `基本完成`) is in progress; a task done
whose habit continues (`已完成，长期坚持`, `视同完成，持续整改`) is completed; continuing alone
(`长期坚持`, `持续整改`) is long-term work.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..lexicon.sections import STATUS_HEADING
from ..lexicon.status_words import COMPLETED, IN_PROGRESS, LONG_TERM
from ..schema import Record, Span, Status, StatusValue
from ..text.normalise import to_simplified

C, P, L = StatusValue.completed, StatusValue.in_progress, StatusValue.long_term
# (pattern, value), in order.  Denials first: 未完成 holds 完成.
STATUS_WORDINGS: tuple[tuple[re.Pattern, StatusValue], ...] = tuple(
    (re.compile(p), v)
    for p, v in (
        (r"未完成|尚未完成|未整改|部分完成", P),
        (r"阶段性?完成|基本完成|初步完成|阶段性", P),
        (r"正在整改|整改中|推进中|正在推进|序时推进|按期推进|落实中|仍在", P),
        (r"视同完成", C),
        (
            r"已完成|已整改|整改到位|已办结|销号|完成整改|整改完毕|已落实|已解决|立行立改|^完成$"
            r"|整改完成|已(?:按期|按时|全面|全部)完成|^按[期时]完成",
            C,
        ),
        (r"持续推进", P),
        (r"长期坚持|长期整改|持续整改|常态化|长期推进|持续深化", L),
    )
)


def normalise_status(value: str) -> StatusValue:
    """The value a status wording stands for (the module's table, then the lexicon's words)."""
    v = "".join(unicodedata.normalize("NFKC", to_simplified(value)).split())
    v = v.strip("。.;；,，")
    for pattern, out in STATUS_WORDINGS:
        if pattern.search(v):
            return out
    if IN_PROGRESS.search(v):
        return P
    if COMPLETED.search(v):
        return C
    if LONG_TERM.search(v):
        return L
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
