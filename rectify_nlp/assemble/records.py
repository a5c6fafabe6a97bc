"""Spans to records: each problem owns what follows it up to the next problem (the guide's
"Records" rule); what comes before the first problem belongs to the notice.  Category paths and
heading-derived statuses come from the unlabelled headings above a problem.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from ..layout.outline import OutlineStack
from ..lexicon.enumerators import enumerator_class, is_heading_enumerator
from ..lexicon.sections import STATUS_HEADING, WRAPPER_HEADING
from ..schema import (
    STRUCTURE_LABELS,
    Deadline,
    DeadlineKind,
    Label,
    Metric,
    Record,
    Span,
    Status,
    StatusValue,
)
from ..text.normalise import NormText, normalise
from ..text.segment import Unit
from . import dates
from .quantities import parse_quantities
from .status import record_status


def headings(
    norm: NormText, all_units: list[Unit], spans: list[Span]
) -> list[tuple[int, str, str]]:
    """Unlabelled heading lines as (original start, enumerator class, text)."""
    covered = [(s.start, s.end) for s in spans if s.label in STRUCTURE_LABELS]
    starts = [c[0] for c in covered]
    out = []
    for u in all_units:
        if not (u.line_start and is_heading_enumerator(u.enumerator) and not u.field):
            continue
        core = norm.text[u.core_start : u.core_end]
        if not core or len(core) > 100:
            continue
        o_s, o_e = norm.to_original(u.core_start, u.core_end)
        # a heading line that holds a labelled span ("(1)关于“X”问题的整改") is that span's line
        k = bisect.bisect_right(starts, o_e - 1) - 1
        if k >= 0 and covered[k][1] > o_s:
            continue
        out.append((o_s, enumerator_class(u.enumerator), norm.text[u.core_start : u.core_end]))
    return out


def _category_paths(
    heads: list[tuple[int, str, str]], problem_starts: list[int]
) -> list[tuple[str, ...]]:
    """The headings open above each problem (the notice's outline, ``layout.outline``)."""
    outline: OutlineStack[str] = OutlineStack()
    paths = []
    h = 0
    for ps in problem_starts:
        while h < len(heads) and heads[h][0] < ps:
            _, cls, txt = heads[h]
            outline.push(cls, txt)
            h += 1
        paths.append(outline.path)
    return paths


def problem_categories(
    norm: NormText, all_units: list[Unit], spans: list[Span]
) -> list[tuple[str, ...]]:
    """The topical heading path above each problem span, in order."""
    return [topical(p) for p in heading_paths(norm, all_units, spans)]


def heading_paths(
    norm: NormText, all_units: list[Unit], spans: list[Span]
) -> list[tuple[str, ...]]:
    """Every heading above each problem span (status and wrapper headings included)."""
    problems = [s for s in spans if s.label == Label.problem]
    return _category_paths(headings(norm, all_units, spans), [p.start for p in problems])


def owners(spans: list[Span] | tuple[Span, ...]) -> list[int | None]:
    """For each span, the index (among the problems, in order) of the problem that owns it:
    the last one starting at or before it; None before the first problem and for problems."""
    p_starts = sorted(s.start for s in spans if s.label == Label.problem)
    out: list[int | None] = []
    for s in spans:
        k = bisect.bisect_right(p_starts, s.start) - 1
        out.append(None if s.label == Label.problem or k < 0 else k)
    return out


def make_metric(norm: NormText, s: Span) -> Metric:
    return Metric(s, tuple(parse_quantities(norm, *norm.normalised_span(s.start, s.end))))


def make_deadline(
    text: str,
    s: Span,
    fallback_year: int | None,
    not_before: str | None = None,
    published: str | None = None,
) -> Deadline:
    """``not_before``: the earliest a year-less time can fall (the rectification's start, else
    the feedback date, else the inspection's start)."""
    k = dates.kind(s.text)
    if k is DeadlineKind.recurring:
        # one date would be a single past occurrence of a standing duty
        return Deadline(s, None, None, k)
    ref = dates.reference_year(text[max(0, s.start - 3000) : s.start], fallback_year)
    # work already done cannot postdate the notice that reports it
    not_after = published if k is DeadlineKind.met else None
    # 明年 counts from the year the notice was written, not the last year its text names
    text_year = int(published[:4]) if published and published[:4].isdigit() else fallback_year
    # read as the tagger read it: full-width figures and marks (２０２５．１２) as ASCII
    r = dates.resolve(normalise(s.text).text, ref, not_before, not_after, text_year)
    return Deadline(s, r.date, r.precision, k)


def topical(path: tuple[str, ...]) -> tuple[str, ...]:
    """The headings of a path that name a topic: wrappers (`二、巡视反馈问题整改落实情况`) and
    status headings (`一、已完成的整改任务`) are structure, not topics."""
    return tuple(h for h in path if not WRAPPER_HEADING.search(h) and not STATUS_HEADING.search(h))


def record_confidence(problem: Span, owned: list[Span]) -> float:
    """The problem's confidence times the mean confidence of the measures and status it owns:
    a record is as sure as its problem and, on average, its parts."""
    parts = [s.confidence for s in owned if s.label in (Label.measure, Label.status)]
    # rounded as the JSON rounds it, so a reloaded notice's records equal a fresh extract's
    return round(problem.confidence * (sum(parts) / len(parts) if parts else 1.0), 4)


def assemble(
    text: str,
    norm: NormText,
    all_units: list[Unit],
    spans: list[Span],
    fallback_year: int | None = None,
    not_before: str | None = None,
    published: str | None = None,
    inspection_start: str | None = None,
) -> tuple[list[Record], list[Span], list[Metric]]:
    """Records, notice-level measures and notice-level metrics from decided spans.
    ``not_before`` is the rectification's start (ISO), the earliest a deadline can fall; without
    it, the inspection's start (no deadline of the rectification precedes the inspection)."""
    not_before = not_before or inspection_start
    problems = [s for s in spans if s.label == Label.problem]
    paths = heading_paths(norm, all_units, spans)
    groups: list[list[Span]] = [[] for _ in problems]
    general: list[Span] = []
    for s, k in zip(spans, owners(spans)):
        if s.label != Label.problem:
            (general if k is None else groups[k]).append(s)
    records = []
    for p, path, owned in zip(problems, paths, groups):
        records.append(
            Record(
                problem=p,
                category=topical(path),
                status=record_status(
                    next((s for s in owned if s.label == Label.status), None), path
                ),
                measures=tuple(s for s in owned if s.label == Label.measure),
                metrics=tuple(make_metric(norm, s) for s in owned if s.label == Label.metric),
                deadlines=tuple(
                    make_deadline(text, s, fallback_year, not_before, published)
                    for s in owned
                    if s.label == Label.deadline
                ),
                confidence=record_confidence(p, owned),
            )
        )
    general_measures = [s for s in general if s.label == Label.measure]
    notice_metrics = [make_metric(norm, s) for s in general if s.label == Label.metric]
    return records, general_measures, notice_metrics


def drop_below(
    spans: list[Span],
    records: list[Record],
    general: list[Span],
    notice_metrics: list[Metric],
    floor: float,
) -> tuple[list[Span], list[Record], list[Span], list[Metric]]:
    """Everything below a confidence floor left out: a span below it goes, and a record whose
    problem is below it goes whole, with what it owns (its measures are not handed to the
    problem before it).  A status span below it leaves its record without a status."""
    kept_records = []
    for r in records:
        if r.problem.confidence < floor:
            continue
        status = r.status
        if status.span is not None and status.span.confidence < floor:
            status = Status(None, StatusValue.unknown, "none")
        kept_records.append(
            replace(
                r,
                status=status,
                measures=tuple(m for m in r.measures if m.confidence >= floor),
                metrics=tuple(m for m in r.metrics if m.span.confidence >= floor),
                deadlines=tuple(d for d in r.deadlines if d.span.confidence >= floor),
            )
        )
    problems = [s for s in spans if s.label == Label.problem]
    dropped = {k for k, p in enumerate(problems) if p.confidence < floor}
    spans = [
        s
        for s, k in zip(spans, owners(spans))
        if s.confidence >= floor and (k is None or k not in dropped)
    ]
    general = [s for s in general if s.confidence >= floor]
    notice_metrics = [m for m in notice_metrics if m.span.confidence >= floor]
    return spans, kept_records, general, notice_metrics
