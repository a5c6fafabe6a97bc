"""A notice's metadata as a value: every field its normalised value and the text it came from.

``Metadata.to_dict()`` is the JSON contract's ``metadata`` object: the values in the shape
earlier releases wrote (``{"issuer": "中共…", "inspection_period": {"start", "end"}, "counts":
{…}, "contacts": {…}}``) plus ``"sources"``, the offsets and text of each field found, keyed by
its dotted path (``"inspection_period.start"``).  ``Metadata.from_dict`` reads both shapes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from typing import Any

from .span import offset

# Every leaf field, by its dotted path: the order of the JSON and of the scorer.
FIELDS = (
    "issuer",
    "inspection_kind",
    "inspecting_body",
    "inspection_period.start",
    "inspection_period.end",
    "feedback_date",
    "rectification_period.start",
    "rectification_period.end",
    "publication_date",
    "counts.problems_reported",
    "counts.completed",
    "counts.in_progress",
    "counts.completion_rate",
    "contacts.phone",
    "contacts.email",
    "contacts.address",
)


# The dates extract writes and the guide annotates: ISO, to the month where the text gives no day.
DATE_FIELDS = (
    "inspection_period.start", "inspection_period.end", "feedback_date",
    "rectification_period.start", "rectification_period.end", "publication_date",
)
_ISO_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")


def _check_value(path: str, v: Any) -> None:
    """A value read back has the type extract writes for its field: a count an integer, the
    rate a finite number, a date ISO (``YYYY-MM-DD`` or ``YYYY-MM``), the rest (names,
    contacts) strings."""
    if path in DATE_FIELDS:
        ok = isinstance(v, str) and _ISO_DATE.fullmatch(v) is not None
        expected = "an ISO date (YYYY-MM-DD, or YYYY-MM)"
    elif path == "counts.completion_rate":
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
        expected = "a number"
    elif path.startswith("counts."):
        ok = isinstance(v, int) and not isinstance(v, bool) and v >= 0
        expected = "a count (an integer >= 0)"
    else:
        ok, expected = isinstance(v, str), "a string"
    if not ok:
        raise TypeError(f"metadata {path} is {v!r}, not {expected}")


@dataclass(frozen=True)
class MetaValue:
    """One field: ``value`` normalised (ISO date, int, fraction, simplified name), ``text`` as
    the caller's text writes it (its own script) at ``[start, end)``; offsets are None for a
    value read back from output that had none."""

    value: Any
    start: int | None = None
    end: int | None = None
    text: str = ""

    def source(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Period:
    start: MetaValue | None = None
    end: MetaValue | None = None


@dataclass(frozen=True)
class Counts:
    problems_reported: MetaValue | None = None
    completed: MetaValue | None = None
    in_progress: MetaValue | None = None
    completion_rate: MetaValue | None = None

    def values(self) -> dict[str, Any]:
        """The stated counts' values by name (None where the notice states none)."""
        return {f.name: getattr(self, f.name).value if getattr(self, f.name) else None
                for f in fields(self)}


@dataclass(frozen=True)
class Contacts:
    phone: MetaValue | None = None
    email: MetaValue | None = None
    address: MetaValue | None = None


_GROUPS = {"inspection_period": Period, "rectification_period": Period, "counts": Counts,
           "contacts": Contacts}


@dataclass(frozen=True)
class Metadata:
    """Issuer, inspection kind and team, dates, the counts the notice reports, contacts."""

    issuer: MetaValue | None = None
    inspection_kind: MetaValue | None = None
    inspecting_body: MetaValue | None = None
    inspection_period: Period = Period()
    feedback_date: MetaValue | None = None
    rectification_period: Period = Period()
    publication_date: MetaValue | None = None
    counts: Counts = Counts()
    contacts: Contacts = Contacts()

    def get(self, path: str) -> MetaValue | None:
        """The field at a dotted path (``"counts.completed"``), or None."""
        obj: Any = self
        for part in path.split("."):
            obj = getattr(obj, part)
            if obj is None:
                return None
        return obj

    def value(self, path: str) -> Any:
        """The normalised value at a dotted path, or None."""
        f = self.get(path)
        return f.value if f is not None else None

    def values(self) -> dict[str, Any]:
        """The values alone, nested as the JSON writes them."""
        out: dict[str, Any] = {}
        for path in FIELDS:
            head, _, leaf = path.partition(".")
            if leaf:
                out.setdefault(head, {})[leaf] = self.value(path)
            else:
                out[head] = self.value(path)
        return out

    def to_dict(self) -> dict[str, Any]:
        d = self.values()
        d["sources"] = {
            p: self.get(p).source() for p in FIELDS if self.get(p) is not None  # type: ignore
        }
        return d

    def __bool__(self) -> bool:
        return any(self.get(p) is not None for p in FIELDS)

    @classmethod
    def from_values(cls, found: dict[str, MetaValue | None]) -> "Metadata":
        """A Metadata from fields by dotted path (paths not given are None)."""
        top: dict[str, Any] = {}
        groups: dict[str, dict[str, Any]] = {g: {} for g in _GROUPS}
        for path, v in found.items():
            if path not in FIELDS:
                raise KeyError(path)
            head, _, leaf = path.partition(".")
            if leaf:
                groups[head][leaf] = v
            else:
                top[head] = v
        return cls(**top, **{g: _GROUPS[g](**kw) for g, kw in groups.items()})

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Metadata":
        """What ``to_dict`` wrote, or the plain nested dict of earlier releases."""
        if not d:
            return cls()
        if not isinstance(d, dict):
            raise TypeError("metadata is not a JSON object")
        sources = d.get("sources") or {}
        if not isinstance(sources, dict):
            raise TypeError("metadata sources is not a JSON object")
        found: dict[str, MetaValue | None] = {}
        for path in FIELDS:
            head, _, leaf = path.partition(".")
            v = d.get(head)
            if leaf:
                v = v.get(leaf) if isinstance(v, dict) else None
            if v is None:
                continue
            _check_value(path, v)
            src = sources.get(path) or {}
            if not isinstance(src, dict):
                raise TypeError(f"metadata source {path!r} is not a JSON object")
            found[path] = MetaValue(
                v,
                None if src.get("start") is None else offset(src, "start"),
                None if src.get("end") is None else offset(src, "end"),
                str(src.get("text", "")),
            )
        return cls.from_values(found)
