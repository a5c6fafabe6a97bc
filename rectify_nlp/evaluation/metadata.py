"""Metadata field accuracy: per field, the fields read right over the fields annotated.

A notice with gold metadata (``meta["notice"]`` of a guide JSONL line, or a ``.meta.json``
file) has every field annotated: a null in the gold says the text does not state it, so a
value read there is wrong and a null read there is right.  ``stated`` counts only the fields
the gold gives a value.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..metadata import FIELDS, Metadata
from ..text.normalise import to_simplified


def _norm(v: Any) -> Any:
    if isinstance(v, str):
        s = unicodedata.normalize("NFKC", to_simplified(v)).strip()
        return "".join(s.split())
    return v


def same(path: str, pred: Any, gold: Any) -> bool:
    """One field compared: names in any script and width, rates to four decimals."""
    if pred is None or gold is None:
        return pred is None and gold is None
    if path == "counts.completion_rate":
        try:
            return abs(float(pred) - float(gold)) < 5e-5
        except (TypeError, ValueError):
            return False
    if path.startswith("counts."):
        try:
            return int(pred) == int(gold)
        except (TypeError, ValueError):
            return False
    return _norm(str(pred)) == _norm(str(gold))


def _as_metadata(m: Any) -> Metadata:
    if isinstance(m, Metadata):
        return m
    return Metadata.from_dict(m)


@dataclass
class MetadataReport:
    """``fields[path] = [right, annotated, right where stated, stated]``."""

    fields: dict[str, list[int]] = field(default_factory=lambda: {p: [0, 0, 0, 0] for p in FIELDS})
    notices: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, nid: str, pred: Any, gold: Any) -> None:
        p, g = _as_metadata(pred), _as_metadata(gold)
        self.notices += 1
        for path in FIELDS:
            pv, gv = p.value(path), g.value(path)
            ok = same(path, pv, gv)
            c = self.fields[path]
            c[0] += ok
            c[1] += 1
            if gv is not None:
                c[2] += ok
                c[3] += 1
            if not ok:
                self.errors.append(
                    {"notice": nid, "label": "metadata", "kind": "wrong_field", "field": path,
                     "predicted": pv, "gold": gv}
                )

    def totals(self) -> tuple[int, int, int, int]:
        cols = list(zip(*self.fields.values()))
        return tuple(sum(c) for c in cols)  # type: ignore[return-value]

    def accuracy(self) -> float:
        right, n, _, _ = self.totals()
        return round(right / n, 4) if n else 0.0

    def summary(self) -> dict[str, Any]:
        right, n, sright, sn = self.totals()
        return {
            "notices": self.notices,
            "accuracy": self.accuracy(),
            "right": right,
            "annotated": n,
            "stated_accuracy": round(sright / sn, 4) if sn else 0.0,
            "stated_right": sright,
            "stated": sn,
            "fields": {
                p: {"right": c[0], "annotated": c[1], "stated_right": c[2], "stated": c[3]}
                for p, c in self.fields.items()
            },
        }

    def to_table(self) -> str:
        right, n, sright, sn = self.totals()
        lines = [
            f"metadata: {right}/{n} fields right ({right / n if n else 0:.3f}) over "
            f"{self.notices} notices; {sright}/{sn} of the fields the text states",
            f"{'field':<28}{'right':>7}{'of':>5}{'acc':>8}{'stated':>9}",
        ]
        for p, c in self.fields.items():
            acc = c[0] / c[1] if c[1] else 0.0
            lines.append(f"{p:<28}{c[0]:>7}{c[1]:>5}{acc:>8.3f}{f'{c[2]}/{c[3]}':>9}")
        return "\n".join(lines)


def gold_metadata(meta: Mapping[str, Any]) -> dict[str, Any] | None:
    """The gold notice metadata an annotated notice carries (``meta["notice"]``), if any."""
    g = meta.get("notice") if isinstance(meta, Mapping) else None
    return g if isinstance(g, dict) else None


def score_metadata(pairs: Iterable[tuple[str, Any, Any]]) -> MetadataReport:
    """``(notice id, predicted Metadata or dict, gold dict)`` for each notice with gold."""
    r = MetadataReport()
    for nid, pred, gold in pairs:
        r.add(nid, pred, gold)
    return r
