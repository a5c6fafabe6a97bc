"""Tidy tables of extracted notices: one pandas DataFrame per kind of thing, offsets kept."""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from .. import errors as E
from ..errors import ArgumentError
from ..schema import Notice

NOTICE_COLUMNS = [
    "notice",
    "source",
    "issuer",
    "inspection_kind",
    "inspecting_body",
    "inspection_start",
    "inspection_end",
    "feedback_date",
    "rectification_start",
    "rectification_end",
    "publication_date",
    "problems_reported",
    "completed_reported",
    "in_progress_reported",
    "completion_rate_reported",
    "records",
    "measures",
    "metrics",
    "deadlines",
    "characters",
]
RECORD_COLUMNS = [
    "notice",
    "source",
    "record",
    "problem",
    "problem_start",
    "problem_end",
    "category",
    "category_path",
    "status",
    "status_source",
    "status_text",
    "measures",
    "metrics",
    "deadlines",
    "confidence",
]
MEASURE_COLUMNS = ["notice", "source", "record", "measure", "start", "end", "text", "confidence"]
METRIC_COLUMNS = [
    "notice",
    "source",
    "record",
    "metric",
    "start",
    "end",
    "text",
    "confidence",
    "value",
    "unit",
    "quantity_start",
    "quantity_end",
]
DEADLINE_COLUMNS = [
    "notice",
    "source",
    "record",
    "start",
    "end",
    "text",
    "confidence",
    "date",
    "precision",
    "kind",
]


def _notice_row(n: Notice) -> dict:
    m = n.metadata
    period = m.get("inspection_period") or {}
    rect = m.get("rectification_period") or {}
    counts = m.get("counts") or {}
    return {
        "notice": n.id,
        "source": n.source,
        "issuer": m.get("issuer"),
        "inspection_kind": m.get("inspection_kind"),
        "inspecting_body": m.get("inspecting_body"),
        "inspection_start": period.get("start"),
        "inspection_end": period.get("end"),
        "feedback_date": m.get("feedback_date"),
        "rectification_start": rect.get("start"),
        "rectification_end": rect.get("end"),
        "publication_date": m.get("publication_date"),
        "problems_reported": counts.get("problems_reported"),
        "completed_reported": counts.get("completed"),
        "in_progress_reported": counts.get("in_progress"),
        "completion_rate_reported": counts.get("completion_rate"),
        "records": len(n.records),
        "measures": len(n.general_measures) + sum(len(r.measures) for r in n.records),
        "metrics": len(n.notice_metrics) + sum(len(r.metrics) for r in n.records),
        "deadlines": sum(len(r.deadlines) for r in n.records),
        "characters": len(n.text),
    }


def to_frames(notices: Notice | Iterable[Notice]) -> dict[str, pd.DataFrame]:
    """``{"notices", "records", "measures", "metrics", "deadlines"}``: one row per notice (its
    metadata, the counts it reports and the counts extracted), per record, per measure, per
    quantity of a metric (a metric with no parsed quantity keeps one row with a null value),
    per deadline.  Every row carries the notice id and source; ``record`` is the record's index
    in its notice, or null for a notice-level measure or metric.  Records have the category
    path joined (``category_path``), its last heading (``category``) and one column per level
    (``category_1``, ``category_2``, …)."""
    if isinstance(notices, Notice):
        notices = [notices]
    if isinstance(notices, (str, bytes)) or not isinstance(notices, Iterable):
        raise ArgumentError(
            E.E036.format(
                name="notices", value=type(notices).__name__,
                expected="a Notice or an iterable of Notice objects",
            )
        )
    notices = list(notices)
    for k, n in enumerate(notices):
        if not isinstance(n, Notice):
            raise ArgumentError(
                E.E036.format(
                    name=f"notices[{k}]", value=n if isinstance(n, Exception) else type(n).__name__,
                    expected="a Notice (extract_many(on_error='return') yields exceptions for "
                    "items it could not read: keep only the Notice objects)",
                )
            )
    notice_rows, records, measures, metrics, deadlines = [], [], [], [], []
    depth = 0
    for n in notices:
        nid, src = n.id, n.source
        notice_rows.append(_notice_row(n))
        for k, r in enumerate(n.records):
            depth = max(depth, len(r.category))
            records.append(
                {
                    "notice": nid,
                    "source": src,
                    "record": k,
                    **{f"category_{i + 1}": c for i, c in enumerate(r.category)},
                    "problem": r.problem.text,
                    "problem_start": r.problem.start,
                    "problem_end": r.problem.end,
                    "category": r.category[-1] if r.category else None,
                    "category_path": " › ".join(r.category),
                    "status": r.status.value,
                    "status_source": r.status.source,
                    "status_text": r.status.span.text if r.status.span else None,
                    "measures": len(r.measures),
                    "metrics": len(r.metrics),
                    "deadlines": len(r.deadlines),
                    "confidence": r.confidence,
                }
            )
            measures.extend(_measure_row(nid, src, k, j, m) for j, m in enumerate(r.measures))
            for j, m in enumerate(r.metrics):
                metrics.extend(_metric_rows(nid, src, k, j, m))
            for d in r.deadlines:
                deadlines.append(
                    {
                        "notice": nid,
                        "source": src,
                        "record": k,
                        "start": d.span.start,
                        "end": d.span.end,
                        "text": d.span.text,
                        "confidence": d.span.confidence,
                        "date": d.date,
                        "precision": d.precision,
                        "kind": d.kind,
                    }
                )
        measures.extend(
            _measure_row(nid, src, None, j, m) for j, m in enumerate(n.general_measures)
        )
        for j, m in enumerate(n.notice_metrics):
            metrics.extend(_metric_rows(nid, src, None, j, m))
    levels = [f"category_{i + 1}" for i in range(depth)]
    at = RECORD_COLUMNS.index("category_path") + 1
    frames = {
        "notices": pd.DataFrame(notice_rows, columns=NOTICE_COLUMNS),
        "records": pd.DataFrame(
            records, columns=RECORD_COLUMNS[:at] + levels + RECORD_COLUMNS[at:]
        ),
        "measures": pd.DataFrame(measures, columns=MEASURE_COLUMNS),
        "metrics": pd.DataFrame(metrics, columns=METRIC_COLUMNS),
        "deadlines": pd.DataFrame(deadlines, columns=DEADLINE_COLUMNS),
    }
    for name in ("measures", "metrics", "deadlines"):
        frames[name]["record"] = frames[name]["record"].astype("Int64")
    frames["deadlines"]["date"] = pd.to_datetime(frames["deadlines"]["date"], errors="coerce")
    for col in NOTICE_COLUMNS:
        if col.endswith(("_date", "_start", "_end")):
            frames["notices"][col] = pd.to_datetime(frames["notices"][col], errors="coerce")
    return frames


def _measure_row(nid: str, src: str, record: int | None, j: int, m) -> dict:
    return {
        "notice": nid,
        "source": src,
        "record": record,
        "measure": j,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "confidence": m.confidence,
    }


def _metric_rows(nid: str, src: str, record: int | None, j: int, m) -> list[dict]:
    base = {
        "notice": nid,
        "source": src,
        "record": record,
        "metric": j,
        "start": m.span.start,
        "end": m.span.end,
        "text": m.span.text,
        "confidence": m.span.confidence,
    }
    if not m.quantities:
        return [{**base, "value": None, "unit": None, "quantity_start": None, "quantity_end": None}]
    return [
        {**base, "value": q.value, "unit": q.unit, "quantity_start": q.start, "quantity_end": q.end}
        for q in m.quantities
    ]
