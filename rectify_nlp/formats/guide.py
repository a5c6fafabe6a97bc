"""The guide's JSONL: one notice a line, ``{"id", "text", "spans": [{start, end, label}],
"meta"}``, the spans in the guide's order (checked, never re-sorted).  ``meta.reviewed``
false marks what ``pre-annotate`` wrote and nobody has corrected yet."""

from __future__ import annotations

from typing import Any

from .. import errors as E
from ..errors import AnnotationError
from ..schema import AnnotatedNotice
from .base import LineFormat, Record, notice_id, review_of, text_of


class Guide(LineFormat):
    name = "guide"

    def parse(self, obj: dict[str, Any], where: str, fallback_id: str, predictions: bool) -> Record:
        from .registry import shape_of

        shape = shape_of(obj)
        if shape:
            looks, why = shape
            raise AnnotationError(E.E014.format(where=where, looks=looks, why=why, fmt="guide"))
        raw = obj.get("spans")
        if not isinstance(raw, list):  # missing too: a line without spans is not gold
            raise AnnotationError(E.E002.format(where=where, field="spans", expected="a list"))
        meta = obj.get("meta") or {}
        if not isinstance(meta, dict):
            raise AnnotationError(E.E002.format(where=where, field="meta", expected="an object"))
        review = review_of(meta, where, predictions)
        nid = notice_id(obj.get("id"), fallback_id, where)
        return Record(nid, text_of(obj, where), raw, meta, review)

    def export(self, notice: AnnotatedNotice, gold: bool) -> dict[str, Any]:
        return notice.to_dict()


FORMAT = Guide()
