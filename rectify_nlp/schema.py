"""The result's value types and the label set: printable, comparable, serialisable, with no
hidden state; and the one order spans are sorted in.

The types live in three modules by what they are (``span``: labels, ``Span`` and the span
order; ``record``: a record and its parts; here: the notice and the annotated notice); every
name is importable from here, as it always was.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, Iterator

from . import errors as E
from .errors import InputError
from .metadata import FIELDS, Metadata
from .record import QUANTITY_KINDS, Check, Deadline, Metric, Quantity, Record, Status
from .span import (
    DETAIL_LABELS,
    LABELS,
    STRUCTURE_LABELS,
    DeadlineKind,
    Label,
    Span,
    StatusValue,
    sort_spans,
    span_key,
)

__all__ = [
    "DETAIL_LABELS",
    "LABELS",
    "QUANTITY_KINDS",
    "STRUCTURE_LABELS",
    "AnnotatedNotice",
    "Check",
    "Deadline",
    "DeadlineKind",
    "Label",
    "Metric",
    "Notice",
    "Quantity",
    "Record",
    "Span",
    "Status",
    "StatusValue",
    "sort_spans",
    "span_key",
]


@dataclass(frozen=True)
class Notice:
    """What ``extract`` returns for one notice."""

    text: str
    spans: tuple[Span, ...]
    records: tuple[Record, ...]
    general_measures: tuple[Span, ...] = ()
    notice_metrics: tuple[Metric, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    id: str = ""
    source: str = ""
    # the self-check's findings (computed once, by extract); empty when nothing needs a look
    checks: tuple[Check, ...] = ()

    @property
    def needs_review(self) -> bool:
        """Whether the self-check found anything a person should look at."""
        return bool(self.checks)
    # What was proposed and then left out, by step and label: spans a post-processing step
    # removed (``cut_closing_section`` counts what came after the closing section, where a
    # second notice in the same file shows), spans in no record (``not_in_a_record``) and
    # what a ``min_confidence`` floor left out (``below_min_confidence``).
    dropped: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "text": self.text,
            "spans": [s.to_dict() for s in self.spans],
            "records": [r.to_dict() for r in self.records],
            "general_measures": [s.to_dict(with_label=False) for s in self.general_measures],
            "notice_metrics": [m.to_dict() for m in self.notice_metrics],
            "metadata": self.metadata.to_dict(),
            "checks": [c.to_dict() for c in self.checks],
            "dropped": {k: dict(v) for k, v in self.dropped.items()},
        }

    def to_json(self, indent: int | None = None) -> str:
        """Strict JSON: no bare NaN, lone surrogates escaped (``io.encoding.dumps``)."""
        from .io.encoding import dumps

        return dumps(self.to_dict(), indent=indent)

    def to_doc(self, nlp=None):
        """A spaCy ``Doc`` of the text with the spans in ``doc.spans["rectify"]`` (a ``scores``
        array in its attrs) and the records in ``doc._.notice``.  ``nlp`` defaults to
        ``spacy.blank("zh")``; needs the ``spacy`` extra."""
        from .integrations.spacy_doc import to_doc

        return to_doc(self, nlp)

    def render(self, nlp=None, page: bool = False, jupyter: bool | None = None) -> str:
        """displaCy's span view of the notice, one colour per label (the ``spacy`` extra)."""
        from .integrations.spacy_doc import render

        return render(self, nlp, page=page, jupyter=jupyter)

    @classmethod
    def from_json(cls, s: str, where: str = "notice") -> "Notice":
        """The notice a ``to_json()`` wrote."""
        try:
            d = json.loads(s)
        except (ValueError, TypeError, RecursionError) as exc:
            raise InputError(E.E034.format(where=where, detail=f"not JSON: {exc}")) from None
        return cls.from_dict(d, where=where)

    @classmethod
    def from_dict(cls, d: Any, text: str | None = None, where: str = "notice") -> "Notice":
        """The notice a ``to_dict()`` (or ``extract -f json``) wrote, offsets checked against
        its text (``d["text"]``, or ``text`` for output written without it)."""
        try:
            if not isinstance(d, dict):
                raise TypeError("not a JSON object")
            text = d["text"] if text is None else text
            if not isinstance(text, str):
                raise TypeError("'text' is not a string")
            n = cls(
                text=text,
                spans=tuple(Span.from_dict(s) for s in d["spans"]),
                records=tuple(Record.from_dict(r) for r in d["records"]),
                general_measures=tuple(
                    Span.from_dict(m, Label.measure) for m in d.get("general_measures", [])
                ),
                notice_metrics=tuple(Metric.from_dict(m) for m in d.get("notice_metrics", [])),
                metadata=Metadata.from_dict(d.get("metadata")),
                id=str(d.get("id", "")),
                source=str(d.get("source", "")),
                checks=tuple(Check.from_dict(c) for c in d.get("checks") or []),
                dropped={
                    str(k): {str(lab): int(n) for lab, n in dict(v).items()}
                    for k, v in dict(d.get("dropped") or {}).items()
                },
            )
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
            detail = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
            raise InputError(E.E034.format(where=where, detail=detail)) from None
        for s in n._all_spans():
            if not _holds(text, s.start, s.end, s.text):
                raise InputError(
                    E.E034.format(
                        where=where,
                        detail=f"span [{s.start}, {s.end}) {s.text[:20]!r} is not its text there",
                    )
                )
            if not (math.isfinite(s.confidence) and 0.0 <= s.confidence <= 1.0):
                raise InputError(
                    E.E034.format(
                        where=where,
                        detail=f"span [{s.start}, {s.end}) has confidence {s.confidence!r}, "
                        "not a number in [0, 1]",
                    )
                )
        for path in FIELDS:
            f = n.metadata.get(path)
            if f is None or (f.start is None and f.end is None):
                continue  # metadata of earlier releases has no sources
            if f.start is None or f.end is None or not _holds(text, f.start, f.end, f.text):
                raise InputError(
                    E.E034.format(
                        where=where,
                        detail=f"metadata {path} source [{f.start}, {f.end}) {f.text[:20]!r} "
                        "is not its text there",
                    )
                )
        for q in n._all_quantities():
            if not (0 <= q.start < q.end <= len(text)) or not math.isfinite(q.value):
                raise InputError(
                    E.E034.format(
                        where=where,
                        detail=f"quantity [{q.start}, {q.end}) value {q.value!r} is outside "
                        f"the text of {len(text)} characters or not a finite number",
                    )
                )
        for r in n.records:
            if not (math.isfinite(r.confidence) and 0.0 <= r.confidence <= 1.0):
                raise InputError(
                    E.E034.format(
                        where=where, detail=f"record confidence {r.confidence!r} is not in [0, 1]"
                    )
                )
        for c in n.checks:
            if c.start is not None and not (0 <= c.start <= (c.end or c.start) <= len(text)):
                raise InputError(
                    E.E034.format(where=where, detail=f"check {c.code} points outside the text")
                )
        return n

    def _all_quantities(self) -> Iterator[Quantity]:
        for m in self.notice_metrics:
            yield from m.quantities
        for r in self.records:
            for m in r.metrics:
                yield from m.quantities

    def _all_spans(self) -> Iterator[Span]:
        """Every span the notice holds: labelled spans and those inside records."""
        yield from self.spans
        yield from self.general_measures
        yield from (m.span for m in self.notice_metrics)
        for r in self.records:
            yield from r.spans()


def _holds(text: str, start: int, end: int, said: str) -> bool:
    """An offset pair read back is a non-empty range of ``text`` holding what it says."""
    return 0 <= start < end <= len(text) and text[start:end] == said


@dataclass(frozen=True)
class AnnotatedNotice:
    """One line of the guide's JSONL: a notice's text and its gold spans."""

    id: str
    text: str
    spans: tuple[Span, ...]
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in self.spans],
            "meta": self.meta,
        }
