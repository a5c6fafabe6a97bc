"""The label set, ``Span`` (a labelled stretch of the caller's text) and the one order spans
are sorted in."""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from enum import Enum
from typing import Any, Iterable


def offset(d: dict[str, Any], key: str) -> int:
    """An offset read back from JSON: an integer as written, never a float or a bool rounded
    or counted into one (which would point at other text than was saved)."""
    value = d[key]
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{key!r} is {value!r}, not an integer offset")
    return int(value)


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
            offset(d, "start"),
            offset(d, "end"),
            Label(label or d["label"]),
            d.get("text", ""),
            float(d.get("confidence", 1.0)),
        )
