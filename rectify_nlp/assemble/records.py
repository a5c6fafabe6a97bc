"""Spans to records: each problem owns what follows it up to the next problem (the guide's
"Records" rule); what comes before the first problem belongs to the notice.  Category paths and
heading-derived statuses come from the unlabelled headings above a problem.
"""
from __future__ import annotations

import bisect
import re

from . import dates, rules
from .quantities import parse_quantities
from .text import NormText, Unit, enumerator_class
from .types import Deadline, Metric, Record, Span, Status

COMPLETED = re.compile(r"已完成|已整改|整改到位|已办结|销号|视同完成|完成整改|整改完毕|已落实")
IN_PROGRESS = re.compile(r"阶段|持续推进|正在|推进中|未完成|部分完成|基本完成|持续整改中|整改中")
LONG_TERM = re.compile(r"长期")


def normalise_status(value: str) -> str:
    """completed / in_progress / long_term / unknown.

    "已完成，长期坚持" is completed: the task is done and the habit continues; "长期整改" without
    a completion is long_term; "阶段性完成" is in_progress.
    """
    if IN_PROGRESS.search(value):
        return "in_progress"
    if COMPLETED.search(value) or value.strip() in ("完成", "已完成"):
        return "completed"
    if LONG_TERM.search(value):
        return "long_term"
    return "unknown"


def headings(norm: NormText, all_units: list[Unit], spans: list[Span]) -> list[tuple[int, str, str]]:
    """Unlabelled heading lines as (original start, enumerator class, text)."""
    covered = [(s.start, s.end) for s in spans if s.label in ("problem", "measure", "status")]
    starts = [c[0] for c in covered]
    out = []
    for u in all_units:
        if not (u.line_start and u.enumerator and not u.enumerator.endswith(("是", "要")) and not u.field):
            continue
        core = norm.text[u.core_start:u.core_end]
        if not core or len(core) > 100:
            continue
        o_s, o_e = norm.to_original(u.core_start, u.core_end)
        # a heading line that holds a labelled span ("(1)关于“X”问题的整改") is that span's line
        k = bisect.bisect_right(starts, o_e - 1) - 1
        if k >= 0 and covered[k][1] > o_s:
            continue
        out.append((o_s, enumerator_class(u.enumerator), norm.text[u.core_start:u.core_end]))
    return out


def _category_paths(heads: list[tuple[int, str, str]], problem_starts: list[int]) -> list[tuple[str, ...]]:
    """The heading stack above each problem; a heading of a level seen before pops deeper ones."""
    order: list[str] = []
    stack: list[tuple[str, str]] = []
    paths = []
    h = 0
    for ps in problem_starts:
        while h < len(heads) and heads[h][0] < ps:
            _, cls, txt = heads[h]
            if cls not in order:
                order.append(cls)
            while stack and order.index(stack[-1][0]) >= order.index(cls):
                stack.pop()
            stack.append((cls, txt))
            h += 1
        paths.append(tuple(t for _, t in stack))
    return paths


def make_metric(norm: NormText, s: Span) -> Metric:
    a = norm.to_normalised(s.start)
    b = norm.to_normalised(s.end - 1) + 1
    return Metric(s, tuple(parse_quantities(norm, a, b)))


def make_deadline(text: str, s: Span, fallback_year: int | None) -> Deadline:
    ref = dates.reference_year(text[max(0, s.start - 3000):s.start], fallback_year)
    r = dates.resolve(s.text, ref)
    return Deadline(s, r.date, r.precision, dates.kind(s.text))


def assemble(text: str, norm: NormText, all_units: list[Unit], spans: list[Span], closing_at: int,
             fallback_year: int | None = None) -> tuple[list[Record], list[Span], list[Metric], list[Span]]:
    """Records, notice-level measures, notice-level metrics, and the spans kept.

    Spans in the closing next-steps section are dropped: the guide leaves it unlabelled, and
    it must never leak into the last record.
    """
    o_closing = int(norm.index[closing_at]) if closing_at < len(norm.index) else len(text)
    kept = [s for s in spans if s.start < o_closing]
    problems = [s for s in kept if s.label == "problem"]
    heads = headings(norm, all_units, kept)
    paths = _category_paths(heads, [p.start for p in problems])
    groups: list[list[Span]] = [[] for _ in problems]
    general: list[Span] = []
    p_starts = [p.start for p in problems]
    for s in kept:
        if s.label == "problem":
            continue
        k = bisect.bisect_right(p_starts, s.start) - 1
        if k < 0:
            general.append(s)
        else:
            groups[k].append(s)
    records = []
    for p, path, owned in zip(problems, paths, groups):
        status_span = next((s for s in owned if s.label == "status"), None)
        if status_span is not None:
            status = Status(status_span, normalise_status(status_span.text), "span")
        else:
            heading_status = next((normalise_status(t) for t in reversed(path) if rules.STATUS_HEADING.search(t)), None)
            status = Status(None, heading_status, "heading") if heading_status else Status(None, "unknown", "none")
        records.append(Record(
            problem=p,
            category=path,
            status=status,
            measures=tuple(s for s in owned if s.label == "measure"),
            metrics=tuple(make_metric(norm, s) for s in owned if s.label == "metric"),
            deadlines=tuple(make_deadline(text, s, fallback_year) for s in owned if s.label == "deadline"),
            confidence=p.confidence,
        ))
    general_measures = [s for s in general if s.label == "measure"]
    notice_metrics = [make_metric(norm, s) for s in general if s.label == "metric"]
    return records, general_measures, notice_metrics, kept
