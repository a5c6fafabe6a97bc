"""A record and its parts: what the notice says about one problem (its status, measures,
metrics with their quantities, deadlines), and the self-check's findings."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterator

from .span import DeadlineKind, Label, Span, StatusValue, offset

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
            float(d["value"]), str(d["unit"]), offset(d, "start"), offset(d, "end"),
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
        # a status read from a heading or from the notice's counts has no span, so no offsets
        # and no confidence (a 1.0 there read as a span the model was sure of)
        d = (
            self.span.to_dict(with_label=False)
            if self.span
            else {"start": None, "end": None, "text": "", "confidence": None}
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

    def spans(self) -> Iterator[Span]:
        """The record's spans: its problem, status, measures, metrics and deadlines."""
        yield self.problem
        if self.status.span is not None:
            yield self.status.span
        yield from self.measures
        yield from (m.span for m in self.metrics)
        yield from (d.span for d in self.deadlines)

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
        category = d.get("category", [])
        # a str would become a path of its characters; a tuple is what msgpack (a spaCy DocBin's
        # user data) gives back for a list
        if not isinstance(category, (list, tuple)) or not all(isinstance(c, str) for c in category):
            raise TypeError(f"category {category!r} is not a list of headings (strings)")
        return cls(
            problem=Span.from_dict(d["problem"], Label.problem),
            category=tuple(category),
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
