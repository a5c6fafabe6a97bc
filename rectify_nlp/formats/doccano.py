"""doccano's JSONL: sequence labelling (``label``: [[start, end, label]]) on import, and the
relation project's shape (``entities`` and ``relations``) both ways.  Relations link every
measure, metric, status and deadline to the problem that owns it."""

from __future__ import annotations

from typing import Any

from .. import errors as E
from ..assemble.records import owners
from ..errors import AnnotationError
from ..schema import AnnotatedNotice
from .base import LineFormat, Record, notice_id, review_of, span_order, text_of

RELATION = "belongs_to"
RESERVED = ("id", "text", "label", "labels", "entities", "relations")


def parse(obj: dict[str, Any], where: str) -> tuple[list[dict], dict[str, Any]]:
    """Raw span dicts and metadata (relations under ``meta["relations"]``) of one record."""
    if "spans" in obj and not any(k in obj for k in ("label", "labels", "entities")):
        raise AnnotationError(
            E.E014.format(where=where, looks="guide", why="a 'spans' list", fmt="doccano")
        )
    meta = {k: v for k, v in obj.items() if k not in RESERVED}
    if "entities" in obj:
        ents = obj["entities"]
        if not isinstance(ents, list) or not all(isinstance(e, dict) for e in ents):
            raise AnnotationError(
                E.E002.format(
                    where=where,
                    field="entities",
                    expected="[{id, label, start_offset, end_offset}, ...]",
                )
            )
        spans = [
            {"start": e.get("start_offset"), "end": e.get("end_offset"), "label": e.get("label")}
            for e in ents
        ]
        meta["relations"] = _relations(obj.get("relations", []), ents, where)
        return spans, meta
    raw = obj.get("label", obj.get("labels", []))
    if not isinstance(raw, list) or not all(isinstance(r, list) and len(r) == 3 for r in raw):
        raise AnnotationError(
            E.E002.format(where=where, field="label", expected="[[start, end, label], ...]")
        )
    return [{"start": s, "end": e, "label": lab} for s, e, lab in raw], meta


def _relations(raw: Any, ents: list[dict], where: str) -> list[dict]:
    """Relations keyed by span position, ``{"from": [start, end, label], "to": [...], "type"}``,
    so that they survive the spans being re-sorted."""
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise AnnotationError(
            E.E002.format(where=where, field="relations", expected="[{from_id, to_id, type}, ...]")
        )
    by_id = {
        e.get("id"): [e.get("start_offset"), e.get("end_offset"), e.get("label")]
        for e in ents
        if isinstance(e.get("id"), (int, str))
    }
    out = []
    for k, r in enumerate(raw):
        ends = [r.get(key) for key in ("from_id", "to_id")]
        a, b = (by_id.get(x) if isinstance(x, (int, str)) else None for x in ends)
        if a is None or b is None:
            raise AnnotationError(
                E.E002.format(
                    where=f"{where}, relation #{k}",
                    field="from_id/to_id",
                    expected="ids of entities of this record",
                )
            )
        out.append({"from": a, "to": b, "type": r.get("type")})
    return out


def relations(notice: AnnotatedNotice) -> list[dict]:
    """Every measure, metric, status and deadline linked to the problem that owns it."""
    spans = list(notice.spans)
    problems = [k for k, s in enumerate(spans) if s.label == "problem"]
    out = []
    for s, owner in zip(spans, owners(spans)):
        if owner is not None:
            p = spans[problems[owner]]
            out.append(
                {
                    "from": [s.start, s.end, str(s.label)],
                    "to": [p.start, p.end, "problem"],
                    "type": RELATION,
                }
            )
    return out


def export(notice: AnnotatedNotice) -> dict[str, Any]:
    spans = list(notice.spans)
    index = {(s.start, s.end, str(s.label)): k for k, s in enumerate(spans)}
    # the notice's metadata (source, split, group) rides along as doccano's extra keys
    extra = {k: v for k, v in notice.meta.items() if k not in RESERVED}
    return {
        **extra,
        "id": notice.id,
        "text": notice.text,
        "entities": [
            {"id": k, "label": str(s.label), "start_offset": s.start, "end_offset": s.end}
            for k, s in enumerate(spans)
        ],
        "relations": [
            {
                "id": k,
                "from_id": index[tuple(r["from"])],
                "to_id": index[tuple(r["to"])],
                "type": r["type"],
            }
            for k, r in enumerate(relations(notice))
        ],
    }


class Doccano(LineFormat):
    name = "doccano"

    def looks_like(self, obj: dict[str, Any]) -> str | None:
        if "spans" not in obj and isinstance(obj.get("label", obj.get("labels")), list):
            return "a 'label' list of [start, end, label]"
        if "spans" not in obj and isinstance(obj.get("entities"), list):
            return "an 'entities' list"
        return None

    def parse(self, obj: dict[str, Any], where: str, fallback_id: str, predictions: bool) -> Record:
        raw, meta = parse(obj, where)
        review = review_of(meta, where, predictions)
        nid = notice_id(obj.get("id"), fallback_id, where)
        return Record(nid, text_of(obj, where), sorted(raw, key=span_order), meta, review)

    def export(self, notice: AnnotatedNotice, gold: bool) -> dict[str, Any]:
        return export(notice)


FORMAT = Doccano()
