"""Tidy tables of extracted notices: one pandas DataFrame per kind of thing, offsets kept."""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from ..schema import Notice

RECORD_COLUMNS = [
    "notice",
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
MEASURE_COLUMNS = ["notice", "record", "measure", "start", "end", "text", "confidence"]
METRIC_COLUMNS = [
    "notice",
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
    "record",
    "start",
    "end",
    "text",
    "confidence",
    "date",
    "precision",
    "kind",
]


def to_frames(notices: Notice | Iterable[Notice]) -> dict[str, pd.DataFrame]:
    """``{"records", "measures", "metrics", "deadlines"}``: one row per record, per measure,
    per quantity of a metric (a metric with no parsed quantity keeps one row with a null
    value), per deadline.  ``record`` is the record's index in its notice, or null for a
    notice-level measure or metric; every row carries the notice id and offsets."""
    if isinstance(notices, Notice):
        notices = [notices]
    records, measures, metrics, deadlines = [], [], [], []
    for n in notices:
        nid = n.id
        for k, r in enumerate(n.records):
            records.append(
                {
                    "notice": nid,
                    "record": k,
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
            for j, m in enumerate(r.measures):
                measures.append(
                    {
                        "notice": nid,
                        "record": k,
                        "measure": j,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "confidence": m.confidence,
                    }
                )
            for j, m in enumerate(r.metrics):
                metrics.extend(_metric_rows(nid, k, j, m))
            for d in r.deadlines:
                deadlines.append(
                    {
                        "notice": nid,
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
        for j, m in enumerate(n.general_measures):
            measures.append(
                {
                    "notice": nid,
                    "record": None,
                    "measure": j,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "confidence": m.confidence,
                }
            )
        for j, m in enumerate(n.notice_metrics):
            metrics.extend(_metric_rows(nid, None, j, m))
    frames = {
        "records": pd.DataFrame(records, columns=RECORD_COLUMNS),
        "measures": pd.DataFrame(measures, columns=MEASURE_COLUMNS),
        "metrics": pd.DataFrame(metrics, columns=METRIC_COLUMNS),
        "deadlines": pd.DataFrame(deadlines, columns=DEADLINE_COLUMNS),
    }
    for name in ("measures", "metrics", "deadlines"):
        frames[name]["record"] = frames[name]["record"].astype("Int64")
    frames["deadlines"]["date"] = pd.to_datetime(frames["deadlines"]["date"], errors="coerce")
    return frames


def _metric_rows(nid: str, record: int | None, j: int, m) -> list[dict]:
    base = {
        "notice": nid,
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
