"""The result's value types and the label set: printable, comparable, serialisable, with no
hidden state; and the one order spans are sorted in."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any, Iterable, Iterator

from . import errors as E
from .errors import InputError
from .metadata import Metadata


class _StrEnum(str, Enum):
    """A str that is also an enum member: compares, hashes and serialises as its value."""

    def __str__(self) -> str:
        return str(self.value)


class Label(_StrEnum):
    problem = "problem"
    measure = "measure"
    status = "status"
    metric = "metric"
    deadline = "deadline"


class StatusValue(_StrEnum):
    completed = "completed"
    in_progress = "in_progress"
    long_term = "long_term"
    unknown = "unknown"


class DeadlineKind(_StrEnum):
    planned = "planned"
    met = "met"
    recurring = "recurring"


# The structure layer never overlaps itself; the detail layer is made of clauses (the guide).
STRUCTURE_LABELS = (Label.problem, Label.measure, Label.status)
DETAIL_LABELS = (Label.metric, Label.deadline)
LABELS = STRUCTURE_LABELS + DETAIL_LABELS
_LABEL_RANK = {lab: k for k, lab in enumerate(LABELS)}


def span_key(start: int, end: int, label: str) -> tuple[int, bool, int, int]:
    """The one span order: by start; at one start the structure span before the detail
    clauses inside it; then by end; then in label order."""
    rank = _LABEL_RANK[label]
    return (start, label in DETAIL_LABELS, end, rank)


def sort_spans(spans: Iterable["Span"]) -> list["Span"]:
    return sorted(spans, key=lambda s: span_key(s.start, s.end, s.label))


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A labelled stretch of the caller's text: ``text == source[start:end]``."""

    start: int
    end: int
    label: str
    text: str = ""
    confidence: float = 1.0

    def to_dict(self, with_label: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "confidence": round(float(self.confidence), 4),
        }
        if with_label:
            d["label"] = str(self.label)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], label: str | None = None) -> "Span":
        return cls(
            int(d["start"]),
            int(d["end"]),
            Label(label or d["label"]),
            d.get("text", ""),
            float(d.get("confidence", 1.0)),
        )


# What a figure is: only counts and amounts add up; a rank (倒数第3名), an ordinal (第二批,
# 十五届) or a frequency (每月召开两次) is not a number of things.
QUANTITY_KINDS = ("count", "amount", "percent", "ratio", "rank", "frequency", "ordinal")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure: ``value`` (a range's lower end, ``upper`` its upper end: `3-5个`), ``unit``,
    ``kind`` (one of QUANTITY_KINDS) and ``approx`` (约, 余, 多, 近, 左右)."""

    value: float
    unit: str
    start: int
    end: int
    kind: str = "count"
    upper: float | None = None
    approx: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Quantity":
        upper = d.get("upper")
        return cls(
            float(d["value"]), str(d["unit"]), int(d["start"]), int(d["end"]),
            str(d.get("kind", "count")), None if upper is None else float(upper),
            bool(d.get("approx", False)),
        )


@dataclass(frozen=True, slots=True)
class Metric:
    span: Span
    quantities: tuple[Quantity, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = self.span.to_dict(with_label=False)
        d["quantities"] = [q.to_dict() for q in self.quantities]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Metric":
        return cls(
            Span.from_dict(d, Label.metric),
            tuple(Quantity.from_dict(q) for q in d.get("quantities", [])),
        )


@dataclass(frozen=True, slots=True)
class Deadline:
    span: Span
    date: str | None
    precision: str | None
    kind: DeadlineKind

    def to_dict(self) -> dict[str, Any]:
        d = self.span.to_dict(with_label=False)
        d.update(date=self.date, precision=self.precision, kind=str(self.kind))
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Deadline":
        return cls(
            Span.from_dict(d, Label.deadline), d.get("date"), d.get("precision"),
            DeadlineKind(d["kind"]),
        )


@dataclass(frozen=True)
class Status:
    span: Span | None
    value: StatusValue
    source: str  # "span", "heading", "counts" or "none"
    # with source "counts": the notice's completed share (its stated rate, or completed over
    # problems), since the notice says how many were done but not which; None otherwise
    share: float | None = None

    def to_dict(self) -> dict[str, Any] | None:
        if self.span is None and self.value == StatusValue.unknown and self.source == "none":
            return None
        d = (
            self.span.to_dict(with_label=False)
            if self.span
            else {"start": None, "end": None, "text": "", "confidence": 1.0}
        )
        d.update(value=str(self.value), source=self.source)
        if self.share is not None:
            d["share"] = round(float(self.share), 4)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Status":
        if d is None:
            return cls(None, StatusValue.unknown, "none")
        span = Span.from_dict(d, Label.status) if d.get("start") is not None else None
        share = d.get("share")
        return cls(
            span,
            StatusValue(d["value"]),
            d.get("source", "span" if span else "heading"),
            None if share is None else float(share),
        )


@dataclass(frozen=True, slots=True)
class Check:
    """A finding of the notice's self-check (``rectify_nlp.assemble.checks``): a code
    (``C001``), a name, a message for a person, and where it points: offsets into the text
    (``start``/``end``), a record's index (``record``), or neither (the notice as a whole)."""

    code: str
    name: str
    message: str
    start: int | None = None
    end: int | None = None
    record: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Check":
        def opt(k: str) -> int | None:
            return None if d.get(k) is None else int(d[k])

        return cls(
            str(d["code"]), str(d["name"]), str(d.get("message", "")),
            opt("start"), opt("end"), opt("record"),
        )


@dataclass(frozen=True)
class Record:
    """One problem and what the notice says was done about it."""

    problem: Span
    category: tuple[str, ...]
    status: Status
    measures: tuple[Span, ...]
    metrics: tuple[Metric, ...]
    deadlines: tuple[Deadline, ...]
    confidence: float
    # The guide's problem topic and its area (None when the model has no topic classifier).
    topic: str | None = None
    area: str | None = None
    topic_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "problem": self.problem.to_dict(with_label=False),
            "category": list(self.category),
            "status": self.status.to_dict(),
            "measures": [m.to_dict(with_label=False) for m in self.measures],
            "metrics": [m.to_dict() for m in self.metrics],
            "deadlines": [d.to_dict() for d in self.deadlines],
            "confidence": round(float(self.confidence), 4),
            "topic": self.topic,
            "area": self.area,
            "topic_confidence": (
                None if self.topic_confidence is None else round(float(self.topic_confidence), 4)
            ),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Record":
        return cls(
            problem=Span.from_dict(d["problem"], Label.problem),
            category=tuple(str(c) for c in d.get("category", [])),
            status=Status.from_dict(d.get("status")),
            measures=tuple(Span.from_dict(m, Label.measure) for m in d.get("measures", [])),
            metrics=tuple(Metric.from_dict(m) for m in d.get("metrics", [])),
            deadlines=tuple(Deadline.from_dict(x) for x in d.get("deadlines", [])),
            confidence=float(d.get("confidence", 1.0)),
            topic=None if d.get("topic") is None else str(d["topic"]),
            area=None if d.get("area") is None else str(d["area"]),
            topic_confidence=(
                None if d.get("topic_confidence") is None else float(d["topic_confidence"])
            ),
        )


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
    # second notice in the same file shows) and spans in no record (``not_in_a_record``).
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
            if not (0 <= s.start < s.end <= len(text)) or text[s.start : s.end] != s.text:
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
            yield r.problem
            if r.status.span is not None:
                yield r.status.span
            yield from r.measures
            yield from (m.span for m in r.metrics)
            yield from (d.span for d in r.deadlines)


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
