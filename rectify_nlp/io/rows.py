"""One record as a row of text: what the CSV (``extract -f csv``), the HTML view and the
terminal table each show of a record, built once so that they say the same thing."""

from __future__ import annotations

from dataclasses import dataclass

from ..assemble.quantities import format_value
from ..schema import Notice, Record

# `extract -f csv`: a row per problem
CSV_COLUMNS = [
    "notice",
    "problem_start",
    "problem_end",
    "problem",
    "category",
    "status",
    "measures",
    "metrics",
    "deadlines",
    "confidence",
]


@dataclass(frozen=True)
class RecordRow:
    notice: str
    problem_start: int
    problem_end: int
    problem: str
    category: tuple[str, ...]  # the levels, widest first
    status: str
    share: float | None  # the stated share done, when the notice gives counts
    measures: int
    metric_count: int
    metrics: str  # every quantity, "85%; 3项"
    deadlines: str  # "2026-06-30 (planned); ? (long_term)"
    confidence: float

    @property
    def category_path(self) -> str:
        return " › ".join(self.category)

    @property
    def status_text(self) -> str:
        if self.share is not None:
            return f"{self.status} (counts: {self.share:.0%} of all done)"
        return self.status

    def csv(self) -> dict:
        return {
            "notice": self.notice,
            "problem_start": self.problem_start,
            "problem_end": self.problem_end,
            "problem": self.problem,
            "category": self.category_path,
            "status": self.status,
            "measures": self.measures,
            "metrics": self.metrics,
            "deadlines": self.deadlines,
            "confidence": round(self.confidence, 4),
        }


def record_row(notice: Notice, r: Record) -> RecordRow:
    return RecordRow(
        notice=notice.id,
        problem_start=r.problem.start,
        problem_end=r.problem.end,
        problem=r.problem.text,
        category=tuple(r.category),
        status=str(r.status.value),
        share=r.status.share,
        measures=len(r.measures),
        metric_count=len(r.metrics),
        metrics="; ".join(
            f"{format_value(q.value)}{q.unit}" for m in r.metrics for q in m.quantities
        ),
        deadlines="; ".join(f"{d.date or '?'} ({d.kind})" for d in r.deadlines),
        confidence=r.confidence,
    )


def record_rows(notice: Notice) -> list[RecordRow]:
    return [record_row(notice, r) for r in notice.records]


def csv_rows(notice: Notice) -> list[dict]:
    return [row.csv() for row in record_rows(notice)]
