"""Annotation files: the guide's JSONL, doccano, Label Studio and Prodigy; read, validate, write."""

from __future__ import annotations

import glob
import json
import os
from pathlib import Path
from typing import Any, Iterable

from .. import errors as E
from ..errors import AnnotationError
from ..schema import LABELS, STRUCTURE_LABELS, AnnotatedNotice, Label, Span, span_key
from ..text.normalise import belongs_at_end, belongs_at_start, is_punct

FORMATS = ("guide", "doccano", "label-studio", "prodigy")


def _edge_ok(text: str, start: int, end: int) -> bool:
    if is_punct(text[start]) and not belongs_at_start(text, start, end):
        return False
    return not (is_punct(text[end - 1]) and not belongs_at_end(text, start, end))


def validate_spans(text: str, raw_spans: list[Any], where: str) -> tuple[Span, ...]:
    """Check raw span dicts against the guide; return Spans or raise naming the span."""
    spans: list[Span] = []
    prev_start = -1
    last_structure: Span | None = None
    for k, raw in enumerate(raw_spans):
        label_where = f"{where}, span #{k}"
        if not isinstance(raw, dict):
            raise AnnotationError(
                E.E002.format(where=label_where, field="span", expected="an object")
            )
        for key in ("start", "end"):
            if not isinstance(raw.get(key), int) or isinstance(raw.get(key), bool):
                raise AnnotationError(
                    E.E002.format(where=label_where, field=key, expected="an integer")
                )
        start, end, label = raw["start"], raw["end"], raw.get("label")
        desc = f"[{start}, {end}) {label!r}"
        if end <= start:
            raise AnnotationError(E.E004.format(where=label_where, span=desc))
        if start < 0 or end > len(text):
            raise AnnotationError(E.E003.format(where=label_where, span=desc, n=len(text)))
        if label not in LABELS:
            raise AnnotationError(
                E.E005.format(where=label_where, span=desc, label=label, known=", ".join(LABELS))
            )
        if start < prev_start:
            raise AnnotationError(E.E009.format(where=label_where, span=desc, prev=prev_start))
        actual = text[start:end]
        if "text" in raw and raw["text"] != actual:
            raise AnnotationError(
                E.E008.format(where=label_where, span=desc, given=raw["text"], actual=actual)
            )
        if not _edge_ok(text, start, end):
            raise AnnotationError(E.E007.format(where=label_where, span=desc, text=actual[:40]))
        span = Span(start, end, Label(label), actual)
        if label in STRUCTURE_LABELS:
            if last_structure is not None and start < last_structure.end:
                other = f"[{last_structure.start}, {last_structure.end}) {last_structure.label!r}"
                raise AnnotationError(E.E006.format(where=label_where, span=desc, other=other))
            last_structure = span
        spans.append(span)
        prev_start = start
    return tuple(spans)


def _read_lines(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AnnotationError(E.E031.format(path=path)) from None
    except OSError as exc:
        raise AnnotationError(E.E032.format(path=path, detail=exc)) from None
    try:
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise AnnotationError(E.E010.format(path=path, detail=exc)) from None


def _parse_json_line(line: str, where: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise AnnotationError(E.E001.format(where=where, detail=exc.msg)) from None
    if not isinstance(obj, dict):
        raise AnnotationError(E.E001.format(where=where, detail="not an object"))
    return obj


def _text_of(obj: dict[str, Any], where: str, key: str = "text") -> str:
    text = obj.get(key)
    if not isinstance(text, str):
        raise AnnotationError(E.E002.format(where=where, field=key, expected="a string"))
    return text


def _shape_of(obj: dict[str, Any]) -> tuple[str, str] | None:
    """The tool a record's shape says it comes from, and why, when its keys tell."""
    if "spans" not in obj and isinstance(obj.get("label", obj.get("labels")), list):
        return "doccano", "a 'label' list of [start, end, label]"
    if "data" in obj and ("annotations" in obj or "predictions" in obj):
        return "label-studio", "'data' with 'annotations'"
    if "answer" in obj or "_input_hash" in obj or "tokens" in obj:
        return "prodigy", "'answer'/'_input_hash'/'tokens' keys"
    return None


def _check_shape(obj: dict[str, Any], where: str, fmt: str) -> None:
    shape = _shape_of(obj)
    if shape and shape[0] != fmt:
        raise AnnotationError(E.E014.format(where=where, looks=shape[0], why=shape[1], fmt=fmt))


def _guide_record(obj: dict[str, Any], where: str, fallback_id: str) -> AnnotatedNotice:
    _check_shape(obj, where, "guide")
    text = _text_of(obj, where)
    raw = obj.get("spans", [])
    if not isinstance(raw, list):
        raise AnnotationError(E.E002.format(where=where, field="spans", expected="a list"))
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise AnnotationError(E.E002.format(where=where, field="meta", expected="an object"))
    return AnnotatedNotice(
        str(obj.get("id") or fallback_id), text, validate_spans(text, raw, where), meta
    )


def _doccano_record(obj: dict[str, Any], where: str, fallback_id: str) -> AnnotatedNotice:
    if "spans" in obj and "label" not in obj and "labels" not in obj:
        raise AnnotationError(
            E.E014.format(where=where, looks="guide", why="a 'spans' list", fmt="doccano")
        )
    text = _text_of(obj, where)
    raw = obj.get("label", obj.get("labels", []))
    if not isinstance(raw, list) or not all(isinstance(r, list) and len(r) == 3 for r in raw):
        raise AnnotationError(
            E.E002.format(where=where, field="label", expected="[[start, end, label], ...]")
        )
    spans = sorted(({"start": s, "end": e, "label": lab} for s, e, lab in raw), key=_span_order)
    meta = {k: v for k, v in obj.items() if k not in ("text", "label", "labels", "id")}
    return AnnotatedNotice(
        str(obj.get("id") or fallback_id), text, validate_spans(text, spans, where), meta
    )


def _prodigy_record(obj: dict[str, Any], where: str, fallback_id: str) -> AnnotatedNotice:
    text = _text_of(obj, where)
    raw = obj.get("spans", [])
    if not isinstance(raw, list):
        raise AnnotationError(E.E002.format(where=where, field="spans", expected="a list"))
    spans = sorted(
        (
            {"start": r.get("start"), "end": r.get("end"), "label": r.get("label")}
            for r in raw
            if isinstance(r, dict)
        ),
        key=_span_order,
    )
    meta = obj.get("meta") or {}
    nid = obj.get("id") or (meta.get("id") if isinstance(meta, dict) else None) or fallback_id
    return AnnotatedNotice(
        str(nid), text, validate_spans(text, spans, where), meta if isinstance(meta, dict) else {}
    )


def _span_order(d: dict[str, Any]) -> tuple:
    """The one span order (schema.span_key), made total for raw dicts not yet validated."""
    start, end, label = d.get("start"), d.get("end"), d.get("label")
    if isinstance(start, int) and isinstance(end, int) and label in LABELS:
        return (0, span_key(start, end, label))
    return (1, (start if isinstance(start, int) else -1, 0, 0, 0))


def _label_studio_records(path: Path, data: Any) -> list[AnnotatedNotice]:
    if not isinstance(data, list):
        raise AnnotationError(
            E.E002.format(where=str(path), field="(top level)", expected="a list of tasks")
        )
    out = []
    for k, task in enumerate(data):
        where = f"{path}: task #{k}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise AnnotationError(E.E002.format(where=where, field="data", expected="an object"))
        text = _text_of(task["data"], where)
        results = []
        anns = task.get("annotations") or task.get("predictions") or []
        if anns:
            results = anns[0].get("result", []) if isinstance(anns[0], dict) else []
        spans = []
        for r in results:
            value = r.get("value", {}) if isinstance(r, dict) else {}
            for lab in value.get("labels", []):
                spans.append({"start": value.get("start"), "end": value.get("end"), "label": lab})
        spans.sort(key=_span_order)
        nid = str(task["data"].get("id") or task.get("id") or f"{path.stem}-{k}")
        out.append(AnnotatedNotice(nid, text, validate_spans(text, spans, where), {}))
    return out


def read_annotations(path: str | os.PathLike, fmt: str = "guide") -> list[AnnotatedNotice]:
    """Read and validate an annotation file; errors name the file, the line and the span."""
    path = Path(path)
    if fmt not in FORMATS:
        raise AnnotationError(E.E013.format(path=path, fmt=fmt, known=", ".join(FORMATS)))
    if fmt == "label-studio":
        lines = _read_lines(path)
        try:
            data = json.loads("\n".join(lines))
        except json.JSONDecodeError as exc:
            raise AnnotationError(
                E.E001.format(where=f"{path}: line {exc.lineno}", detail=exc.msg)
            ) from None
        notices = _label_studio_records(path, data)
    else:
        parse = {"guide": _guide_record, "doccano": _doccano_record, "prodigy": _prodigy_record}[
            fmt
        ]
        notices = []
        for n, line in enumerate(_read_lines(path), 1):
            if not line.strip():
                continue
            where = f"{path}: line {n}"
            notices.append(parse(_parse_json_line(line, where), where, f"{path.stem}-{n}"))
    if not notices:
        raise AnnotationError(E.E011.format(path=path))
    seen: set[str] = set()
    for a in notices:
        if a.id in seen:
            raise AnnotationError(E.E012.format(where=path, id=a.id))
        seen.add(a.id)
    return notices


def annotation_files(paths: Iterable[str | os.PathLike], fmt: str = "guide") -> list[Path]:
    """Files named, glob patterns, and directories: a directory means every ``*.jsonl`` below
    it (``*.json`` for Label Studio exports), subdirectories included, in path order."""
    suffix = ".json" if fmt == "label-studio" else ".jsonl"
    files: list[Path] = []
    for p in paths:
        text = str(p)
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*" + suffix) if q.is_file()))
        elif any(ch in text for ch in "*?["):
            files.extend(sorted(Path(g) for g in glob.glob(text)))
        else:
            files.append(p)
    return files


def load_corpus(paths: Iterable[str | os.PathLike], fmt: str = "guide") -> list[AnnotatedNotice]:
    """Read and validate every annotation file named; notice ids must be unique across them."""
    out: list[AnnotatedNotice] = []
    seen: set[str] = set()
    for f in annotation_files(paths, fmt):
        for a in read_annotations(f, fmt):
            if a.id in seen:
                raise AnnotationError(E.E012.format(where=f, id=a.id))
            seen.add(a.id)
            out.append(a)
    return out


def to_guide(notice: AnnotatedNotice) -> dict[str, Any]:
    return notice.to_dict()


def to_doccano(notice: AnnotatedNotice) -> dict[str, Any]:
    return {
        "id": notice.id,
        "text": notice.text,
        "label": [[s.start, s.end, s.label] for s in notice.spans],
    }


def to_prodigy(notice: AnnotatedNotice) -> dict[str, Any]:
    return {
        "text": notice.text,
        "meta": {"id": notice.id},
        "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in notice.spans],
    }


def to_label_studio(notice: AnnotatedNotice, kind: str = "annotations") -> dict[str, Any]:
    result = [
        {
            "id": f"s{k}",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": s.start, "end": s.end, "text": s.text, "labels": [s.label]},
        }
        for k, s in enumerate(notice.spans)
    ]
    return {"data": {"id": notice.id, "text": notice.text}, kind: [{"result": result}]}


def write_annotations(
    notices: Iterable[AnnotatedNotice], path: str | os.PathLike, fmt: str = "guide"
) -> None:
    """Write notices in one of FORMATS; the file is replaced only once fully written."""
    path = Path(path)
    if fmt not in FORMATS:
        raise AnnotationError(E.E013.format(path=path, fmt=fmt, known=", ".join(FORMATS)))
    notices = list(notices)
    if fmt == "label-studio":
        body = (
            json.dumps([to_label_studio(n) for n in notices], ensure_ascii=False, indent=1) + "\n"
        )
    else:
        conv = {"guide": to_guide, "doccano": to_doccano, "prodigy": to_prodigy}[fmt]
        body = "".join(json.dumps(conv(n), ensure_ascii=False) + "\n" for n in notices)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(body, encoding="utf-8")
    os.replace(tmp, path)
