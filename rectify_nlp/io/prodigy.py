"""Prodigy's span tasks: ``tokens`` one per character (how Chinese is tokenised by default and
what ``spans.manual``/``spans.correct`` need to load a task), spans with token indices, and the
``answer`` a reviewer gave."""

from __future__ import annotations

from typing import Any

from .. import errors as E
from ..errors import AnnotationError
from ..schema import AnnotatedNotice

SKIPPED_ANSWERS = ("reject", "ignore")


UNANSWERED = "unanswered"


def parse(
    obj: dict[str, Any], where: str, predictions: bool = False
) -> tuple[list[dict], dict[str, Any]] | str | None:
    """Raw span dicts and metadata; None for a task the reviewer rejected or skipped, and
    UNANSWERED for one nobody answered (a pre-annotation), unless ``predictions``."""
    if obj.get("answer") in SKIPPED_ANSWERS:
        return None
    raw = obj.get("spans", [])
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise AnnotationError(
            E.E002.format(where=where, field="spans", expected="[{start, end, label}, ...]")
        )
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise AnnotationError(E.E002.format(where=where, field="meta", expected="an object"))
    if "answer" not in obj and not predictions:
        return UNANSWERED
    spans = [{"start": r.get("start"), "end": r.get("end"), "label": r.get("label")} for r in raw]
    return spans, {k: v for k, v in meta.items() if k != "id"}


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
