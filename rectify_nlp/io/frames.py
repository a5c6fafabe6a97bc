"""Tidy tables of extracted notices: one pandas DataFrame per kind of thing, offsets kept."""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from .. import arguments
from ..assemble.status import stated_share
from ..schema import Notice, StatusValue

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
    "completed_extracted",
    "completion_share_reported",
    "completion_share_extracted",
    "needs_review",
    "review_reasons",
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
    "status_share",
    "topic",
    "area",
    "topic_confidence",
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
    "measure",
    "measure_text",
    "start",
    "end",
    "text",
    "confidence",
    "value",
    "upper",
    "unit",
    "kind",
    "approx",
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


# The columns that are not text, with one dtype whatever the batch holds (an empty batch, or a
# count that is missing in one notice, gave object or float64 columns, so concatenated batches
# had mixed dtypes): nullable integers and floats where a value may be missing, dates at
# microseconds; every other column is text.
_COUNTS = ("records", "measures", "metrics", "deadlines")  # a record has all but the first
TABLE_DTYPES: dict[str, dict[str, str]] = {
    "notices": {
        **{c: "date" for c in NOTICE_COLUMNS if c.endswith(("_date", "_start", "_end"))},
        **{c: "Int64" for c in ("problems_reported", "completed_reported",
                                "in_progress_reported", *_COUNTS, "characters",
                                "completed_extracted")},
        **{c: "Float64" for c in ("completion_rate_reported", "completion_share_reported",
                                  "completion_share_extracted")},
        "needs_review": "bool",
    },
    "records": {
        **{c: "Int64" for c in ("record", "problem_start", "problem_end", *_COUNTS[1:])},
        **{c: "Float64" for c in ("status_share", "topic_confidence", "confidence")},
    },
    "measures": {"record": "Int64", "measure": "Int64", "start": "Int64", "end": "Int64",
                 "confidence": "Float64"},
    "metrics": {
        **{c: "Int64" for c in ("record", "metric", "measure", "start", "end",
                                "quantity_start", "quantity_end")},
        **{c: "Float64" for c in ("confidence", "value", "upper")},
        "approx": "boolean",
    },
    "deadlines": {"record": "Int64", "start": "Int64", "end": "Int64",
                  "confidence": "Float64", "date": "date"},
}


def record_columns(depth: int) -> list[str]:
    """The records table's columns, with a column per category level after the whole path."""
    at = RECORD_COLUMNS.index("category_path") + 1
    return RECORD_COLUMNS[:at] + [f"category_{i + 1}" for i in range(depth)] + RECORD_COLUMNS[at:]


# Each table's columns given the depth of the categories (only the records table has levels):
# what to_frames writes, and what --force knows a table of tables by (io/output).
TABLE_COLUMNS = {
    "notices": lambda depth: NOTICE_COLUMNS,
    "records": record_columns,
    "measures": lambda depth: MEASURE_COLUMNS,
    "metrics": lambda depth: METRIC_COLUMNS,
    "deadlines": lambda depth: DEADLINE_COLUMNS,
}


def _notice_row(n: Notice) -> dict:
    m = n.metadata.value
    return {
        "notice": n.id,
        "source": n.source,
        "issuer": m("issuer"),
        "inspection_kind": m("inspection_kind"),
        "inspecting_body": m("inspecting_body"),
        "inspection_start": m("inspection_period.start"),
        "inspection_end": m("inspection_period.end"),
        "feedback_date": m("feedback_date"),
        "rectification_start": m("rectification_period.start"),
        "rectification_end": m("rectification_period.end"),
        "publication_date": m("publication_date"),
        "problems_reported": m("counts.problems_reported"),
        "completed_reported": m("counts.completed"),
        "in_progress_reported": m("counts.in_progress"),
        "completion_rate_reported": m("counts.completion_rate"),
        "records": len(n.records),
        "measures": len(n.general_measures) + sum(len(r.measures) for r in n.records),
        "metrics": len(n.notice_metrics) + sum(len(r.metrics) for r in n.records),
        "deadlines": sum(len(r.deadlines) for r in n.records),
        "characters": len(n.text),
        **completion(n),
        "needs_review": n.needs_review,
        "review_reasons": review_reasons(n),
    }


def review_reasons(n: Notice) -> str:
    """The names of the checks a notice fails, each once, in code order ("" for none)."""
    seen: list[str] = []
    for c in n.checks:
        if c.name not in seen:
            seen.append(c.name)
    return ", ".join(seen)


def completion(n: Notice) -> dict:
    """Completed records and the completed share, as stated and as extracted (the extracted
    share only when records carry statuses of their own: a span or a heading)."""
    own = [r for r in n.records if r.status.source in ("span", "heading")]
    done = sum(r.status.value == StatusValue.completed for r in own)
    return {
        "completed_extracted": done if own else None,
        "completion_share_reported": stated_share(n.metadata.counts.values()),
        "completion_share_extracted": done / len(n.records) if own else None,
    }


def to_frames(notices: Notice | Iterable[Notice]) -> dict[str, pd.DataFrame]:
    """``{"notices", "records", "measures", "metrics", "deadlines"}``: one row per notice (its
    metadata, the counts it reports and the counts extracted), per record, per measure, per
    quantity of a metric (a metric with no parsed quantity keeps one row with a null value),
    per deadline.  Every row carries the notice id and source; ``record`` is the record's index
    in its notice, or null for a notice-level measure or metric.  Records have the category
    path joined (``category_path``), its last heading (``category``) and one column per level
    (``category_1``, ``category_2``, …), the status's ``status_share`` (statuses from counts)
    and the problem's ``topic``/``area``.  Notices have ``needs_review`` and
    ``review_reasons`` (the self-check's names) and the completed share as stated and as
    extracted; a metric row names the measure it sits in (``measure``, ``measure_text``)."""
    notices = arguments.listed(notices, "notices", Notice, arguments.NOTICES)
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
                    "status_share": r.status.share,
                    "topic": r.topic,
                    "area": r.area,
                    "topic_confidence": r.topic_confidence,
                    "measures": len(r.measures),
                    "metrics": len(r.metrics),
                    "deadlines": len(r.deadlines),
                    "confidence": r.confidence,
                }
            )
            measures.extend(_measure_row(nid, src, k, j, m) for j, m in enumerate(r.measures))
            for j, m in enumerate(r.metrics):
                metrics.extend(_metric_rows(nid, src, k, j, m, r.measures))
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
            metrics.extend(_metric_rows(nid, src, None, j, m, n.general_measures))
    frames = {
        "notices": pd.DataFrame(notice_rows, columns=NOTICE_COLUMNS),
        "records": pd.DataFrame(records, columns=record_columns(depth)),
        "measures": pd.DataFrame(measures, columns=MEASURE_COLUMNS),
        "metrics": pd.DataFrame(metrics, columns=METRIC_COLUMNS),
        "deadlines": pd.DataFrame(deadlines, columns=DEADLINE_COLUMNS),
    }
    # the dtype this pandas gives text (str from pandas 3, object before): an empty column
    # takes it too
    text = pd.Series(["a"]).dtype
    for name, frame in frames.items():
        dtypes = TABLE_DTYPES[name]
        for col in frame.columns:
            dtype = dtypes.get(col)
            if dtype == "date":
                # ISO8601: dates are YYYY-MM-DD or YYYY-MM; a format guessed from the first
                # value made the others NaT
                frame[col] = pd.to_datetime(
                    frame[col], errors="coerce", format="ISO8601"
                ).astype("datetime64[us]")
            elif dtype is not None:
                frame[col] = frame[col].astype(dtype)
            elif frame[col].dtype != text:
                frame[col] = frame[col].astype(text)
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


def _metric_rows(nid: str, src: str, record: int | None, j: int, m, measures) -> list[dict]:
    # the measure the metric's clause sits in (its index among the record's measures, or the
    # notice-level ones), so "which measures mention money" needs no offset join
    within = next(
        (i for i, s in enumerate(measures) if s.start <= m.span.start and m.span.end <= s.end),
        None,
    )
    base = {
        "notice": nid,
        "source": src,
        "record": record,
        "metric": j,
        "measure": within,
        "measure_text": measures[within].text if within is not None else None,
        "start": m.span.start,
        "end": m.span.end,
        "text": m.span.text,
        "confidence": m.span.confidence,
    }
    if not m.quantities:
        return [{**base, "value": None, "upper": None, "unit": None, "kind": None,
                 "approx": None, "quantity_start": None, "quantity_end": None}]
    return [
        {**base, "value": q.value, "upper": q.upper, "unit": q.unit, "kind": q.kind,
         "approx": q.approx, "quantity_start": q.start, "quantity_end": q.end}
        for q in m.quantities
    ]
