"""Prodigy's span tasks: ``tokens`` one per character (how Chinese is tokenised by default and
what ``spans.manual``/``spans.correct`` need to load a task), spans with token indices, and the
``answer`` a reviewer gave."""

from __future__ import annotations

from typing import Any

from .. import errors as E
from ..errors import AnnotationError
from ..schema import AnnotatedNotice
from .base import LineFormat, Record, Review, notice_id, span_order, text_of

SKIPPED_ANSWERS = ("reject", "ignore")


def parse(obj: dict[str, Any], where: str, fallback_id: str) -> Record:
    """A task: skipped when the reviewer rejected or ignored it, pending when nobody
    answered it (a pre-annotation)."""
    if obj.get("answer") in SKIPPED_ANSWERS:
        return Record("", "", [], review=Review.SKIPPED)
    raw = obj.get("spans", [])
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise AnnotationError(
            E.E002.format(where=where, field="spans", expected="[{start, end, label}, ...]")
        )
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise AnnotationError(E.E002.format(where=where, field="meta", expected="an object"))
    spans = [{"start": r.get("start"), "end": r.get("end"), "label": r.get("label")} for r in raw]
    return Record(
        notice_id(id_of(obj), fallback_id, where),
        text_of(obj, where),
        sorted(spans, key=span_order),
        {k: v for k, v in meta.items() if k != "id"},
        Review.GOLD if "answer" in obj else Review.PENDING,
    )


def id_of(obj: dict[str, Any]) -> Any:
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    return obj["id"] if obj.get("id") not in (None, "") else meta.get("id")


def tokens(text: str) -> list[dict[str, Any]]:
    return [
        {"text": ch, "start": i, "end": i + 1, "id": i, "ws": False} for i, ch in enumerate(text)
    ]


def export(notice: AnnotatedNotice, gold: bool = True) -> dict[str, Any]:
    task: dict[str, Any] = {
        "text": notice.text,
        "meta": {**notice.meta, "id": notice.id},
        "tokens": tokens(notice.text),
        "spans": [
            {
                "start": s.start,
                "end": s.end,
                "label": str(s.label),
                "token_start": s.start,
                "token_end": s.end - 1,  # Prodigy's token_end is inclusive
                **({} if gold else {"score": round(float(s.confidence), 4)}),
            }
            for s in notice.spans
        ],
    }
    if gold:
        task["answer"] = "accept"
    return task


class Prodigy(LineFormat):
    name = "prodigy"

    def looks_like(self, obj: dict[str, Any]) -> str | None:
        if "answer" in obj or "_input_hash" in obj or "tokens" in obj:
            return "'answer'/'_input_hash'/'tokens' keys"
        return None

    def parse(self, obj: dict[str, Any], where: str, fallback_id: str, predictions: bool) -> Record:
        return parse(obj, where, fallback_id)

    def export(self, notice: AnnotatedNotice, gold: bool) -> dict[str, Any]:
        return export(notice, gold)


FORMAT = Prodigy()
