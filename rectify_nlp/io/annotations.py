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
from . import doccano, label_studio, prodigy
from .atomic import ANY, replaced
from .encoding import dumps
from .readers import read_regular_file

FORMATS = ("guide", "doccano", "label-studio", "prodigy")


def _edge_ok(text: str, start: int, end: int) -> bool:
    if is_punct(text[start]) and not belongs_at_start(text, start, end):
        return False
    return not (is_punct(text[end - 1]) and not belongs_at_end(text, start, end))


class _Errors:
    """Where validation problems go: raised at once, or collected (``validate`` reports every
    problem of a file, up to ``limit``)."""

    def __init__(self, sink: list[str] | None = None, limit: int = 100):
        self.sink, self.limit = sink, limit

    def report(self, message: str) -> None:
        if self.sink is None:
            raise AnnotationError(message)
        if len(self.sink) < self.limit:
            self.sink.append(message)

    @property
    def full(self) -> bool:
        return self.sink is not None and len(self.sink) >= self.limit


_RAISE = _Errors()


def validate_spans(
    text: str, raw_spans: list[Any], where: str, errors: _Errors = _RAISE
) -> tuple[Span, ...]:
    """Check raw span dicts against the guide; return Spans or raise naming the span.  With a
    collecting ``errors`` every bad span is reported and left out."""
    spans: list[Span] = []
    prev_start = -1
    last_structure: Span | None = None
    seen: set[tuple[int, int, str]] = set()
    for k, raw in enumerate(raw_spans):
        label_where = f"{where}, span #{k}"
        if not isinstance(raw, dict):
            errors.report(E.E002.format(where=label_where, field="span", expected="an object"))
            continue
        bad_type = next(
            (
                key
                for key in ("start", "end")
                if not isinstance(raw.get(key), int) or isinstance(raw.get(key), bool)
            ),
            None,
        )
        if bad_type:
            errors.report(E.E002.format(where=label_where, field=bad_type, expected="an integer"))
            continue
        start, end, label = raw["start"], raw["end"], raw.get("label")
        desc = f"[{start}, {end}) {label!r}"
        if end <= start:
            errors.report(E.E004.format(where=label_where, span=desc))
            continue
        if start < 0 or end > len(text):
            errors.report(E.E003.format(where=label_where, span=desc, n=len(text)))
            continue
        if label not in LABELS:
            errors.report(
                E.E005.format(where=label_where, span=desc, label=label, known=", ".join(LABELS))
            )
            continue
        if start < prev_start:
            errors.report(E.E009.format(where=label_where, span=desc, prev=prev_start))
            continue
        if (start, end, label) in seen:
            errors.report(E.E015.format(where=label_where, span=desc))
            continue
        actual = text[start:end]
        if "text" in raw and raw["text"] != actual:
            errors.report(
                E.E008.format(where=label_where, span=desc, given=raw["text"], actual=actual)
            )
            continue
        if not _edge_ok(text, start, end):
            errors.report(E.E007.format(where=label_where, span=desc, text=actual[:40]))
            continue
        span = Span(start, end, Label(label), actual)
        if label in STRUCTURE_LABELS:
            if last_structure is not None and start < last_structure.end:
                other = f"[{last_structure.start}, {last_structure.end}) {last_structure.label!r}"
                errors.report(E.E006.format(where=label_where, span=desc, other=other))
                continue
            last_structure = span
        seen.add((start, end, label))
        spans.append(span)
        prev_start = start
    return tuple(spans)


def _read_lines(path: Path) -> list[str]:
    data = read_regular_file(path, AnnotationError)
    try:
        # only "\n" ends a JSON line: U+2028, U+0085 and friends are text (str.splitlines
        # would cut a notice that holds one)
        return [line.removesuffix("\r") for line in data.decode("utf-8-sig").split("\n")]
    except UnicodeDecodeError as exc:
        raise AnnotationError(E.E010.format(path=path, detail=exc)) from None


def _parse_json_line(line: str, where: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise AnnotationError(E.E001.format(where=where, detail=exc.msg)) from None
    except RecursionError:
        raise AnnotationError(E.E001.format(where=where, detail="nested too deeply")) from None
    except ValueError as exc:  # e.g. an integer past Python's digit limit
        raise AnnotationError(E.E001.format(where=where, detail=exc)) from None
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
    if "spans" not in obj and isinstance(obj.get("entities"), list):
        return "doccano", "an 'entities' list"
    if "data" in obj and ("annotations" in obj or "predictions" in obj):
        return "label-studio", "'data' with 'annotations'"
    if "answer" in obj or "_input_hash" in obj or "tokens" in obj:
        return "prodigy", "'answer'/'_input_hash'/'tokens' keys"
    return None


def _check_shape(obj: dict[str, Any], where: str, fmt: str) -> None:
    shape = _shape_of(obj)
    if shape and shape[0] != fmt:
        raise AnnotationError(E.E014.format(where=where, looks=shape[0], why=shape[1], fmt=fmt))


def _guide(obj: dict[str, Any], where: str) -> tuple[list[Any], dict[str, Any]]:
    _check_shape(obj, where, "guide")
    raw = obj.get("spans", [])
    if not isinstance(raw, list):
        raise AnnotationError(E.E002.format(where=where, field="spans", expected="a list"))
    meta = obj.get("meta") or {}
    if not isinstance(meta, dict):
        raise AnnotationError(E.E002.format(where=where, field="meta", expected="an object"))
    return raw, meta


def _id(value: Any, fallback: str, where: str) -> str:
    """A record's id as a string: 0 is an id, a missing or empty one takes the fallback."""
    if value is None or value == "":
        return fallback
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise AnnotationError(
            E.E002.format(where=where, field="id", expected="a string or an integer")
        )
    return str(value)


def _line_record(
    fmt: str,
    obj: dict[str, Any],
    where: str,
    fallback_id: str,
    errors: _Errors,
    predictions: bool = False,
) -> AnnotatedNotice | str | None:
    text = _text_of(obj, where)
    if fmt == "guide":
        raw, meta = _guide(obj, where)
        nid = obj.get("id")
        if meta.get("reviewed") is False and not predictions:
            # pre-annotate's output, not yet corrected: never gold by default (as the
            # other formats' predictions are not)
            raise AnnotationError(E.E017.format(where=where))
    elif fmt == "doccano":
        raw, meta = doccano.parse(obj, where)
        nid = obj.get("id")
    else:
        parsed = prodigy.parse(obj, where, predictions)
        if parsed is None or parsed == prodigy.UNANSWERED:
            return parsed
        raw, meta = parsed
        nid = prodigy.id_of(obj)
    if fmt != "guide":
        raw = sorted(raw, key=_span_order)
    return AnnotatedNotice(
        _id(nid, fallback_id, where), text, validate_spans(text, raw, where, errors), meta
    )


def _span_order(d: Any) -> tuple:
    """The one span order (schema.span_key), made total for raw dicts not yet validated."""
    if not isinstance(d, dict):
        return (1, (-1, 0, 0, 0))
    start, end, label = d.get("start"), d.get("end"), d.get("label")
    if isinstance(start, int) and isinstance(end, int) and label in LABELS:
        return (0, span_key(start, end, label))
    return (1, (start if isinstance(start, int) else -1, 0, 0, 0))


def _name_line_format(lines: list[str], path: Path) -> None:
    """A JSONL file read as Label Studio: name the tool its first record's shape says."""
    try:
        obj = json.loads(next((x for x in lines if x.strip()), ""))
    except (json.JSONDecodeError, RecursionError):
        return
    if isinstance(obj, dict):
        looks = _shape_of(obj) or ("guide", "one JSON object per line")
        if looks[0] != "label-studio":
            raise AnnotationError(
                E.E014.format(where=path, looks=looks[0], why=looks[1], fmt="label-studio")
            )


def _label_studio_records(
    path: Path, errors: _Errors, predictions: bool
) -> list[tuple[AnnotatedNotice, str]]:
    lines = _read_lines(path)
    if not "".join(lines).strip():
        raise AnnotationError(E.E011.format(path=path))
    try:
        data = json.loads("\n".join(lines))
    except json.JSONDecodeError as exc:
        _name_line_format(lines, path)
        raise AnnotationError(
            E.E001.format(where=f"{path}: line {exc.lineno}", detail=exc.msg)
        ) from None
    except RecursionError:
        raise AnnotationError(E.E001.format(where=str(path), detail="nested too deeply")) from None
    except ValueError as exc:  # e.g. an integer past Python's digit limit
        raise AnnotationError(E.E001.format(where=str(path), detail=exc)) from None
    if isinstance(data, dict) and "data" not in data:
        _name_line_format(lines, path)
    out, only_predictions = [], 0
    for k, task in enumerate(label_studio.tasks_of(data, path)):
        where = f"{path}: task #{k}"
        try:
            parsed = label_studio.parse_task(task, where, predictions)
        except AnnotationError as exc:
            errors.report(str(exc))
            continue
        if parsed is None:
            only_predictions += bool(isinstance(task, dict) and task.get("predictions"))
            continue
        text, raw, meta = parsed
        raw.sort(key=_span_order)
        data_id = task["data"].get("id")
        nid = _id(
            data_id if data_id not in (None, "") else task.get("id"), f"{path.stem}-{k}", where
        )
        out.append(
            (AnnotatedNotice(nid, text, validate_spans(text, raw, where, errors), meta), where)
        )
    if not out and only_predictions:
        raise AnnotationError(E.E016.format(path=path, n=only_predictions))
    return out


def _records_with_places(
    path: Path, fmt: str, errors: _Errors, predictions: bool
) -> list[tuple[AnnotatedNotice, str]]:
    if fmt == "label-studio":
        return _label_studio_records(path, errors, predictions)
    lines = _read_lines(path)
    first = next((x for x in lines if x.strip()), "")
    if first.lstrip().startswith("["):
        # one JSON array, not a line per record: a Label Studio export
        raise AnnotationError(
            E.E014.format(where=path, looks="label-studio", why="a JSON array of tasks", fmt=fmt)
        )
    out, unanswered = [], 0
    for n, line in enumerate(lines, 1):
        if errors.full:
            break
        if not line.strip():
            continue
        where = f"{path}: line {n}"
        try:
            notice = _line_record(
                fmt, _parse_json_line(line, where), where, f"{path.stem}-{n}", errors, predictions
            )
        except AnnotationError as exc:
            errors.report(str(exc))
            continue
        if notice == prodigy.UNANSWERED:
            unanswered += 1
        elif notice is not None:
            out.append((notice, where))
    if not out and unanswered:
        raise AnnotationError(E.E016.format(path=path, n=unanswered))
    return out


def read_annotations(
    path: str | os.PathLike,
    fmt: str = "guide",
    *,
    predictions: bool = False,
    errors: list[str] | None = None,
    limit: int = 100,
) -> list[AnnotatedNotice]:
    """Read and validate an annotation file; errors name the file, the line and the span.

    Label Studio tasks are read from their last finished annotation; tasks with only
    predictions are pre-annotations, not gold, and are read only with ``predictions=True``.
    Prodigy tasks answered ``reject`` or ``ignore`` are left out.  Given an ``errors`` list,
    every problem (up to ``limit``) is appended to it instead of raised, and what is valid is
    returned."""
    path = Path(path)
    if fmt not in FORMATS:
        raise AnnotationError(E.E013.format(path=path, fmt=fmt, known=", ".join(FORMATS)))
    sink = _Errors(errors, limit) if errors is not None else _RAISE
    placed = _records_with_places(path, fmt, sink, predictions)
    if not placed and errors is None:
        raise AnnotationError(E.E011.format(path=path))
    _check_unique_ids(placed, {}, sink)
    return [a for a, _ in placed]


def _check_unique_ids(
    placed: list[tuple[AnnotatedNotice, str]], first_seen: dict[str, str], errors: _Errors
) -> None:
    for a, where in placed:
        if a.id in first_seen:
            errors.report(E.E012.format(id=a.id, where=where, first=first_seen[a.id]))
        else:
            first_seen[a.id] = where


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


def load_corpus(
    paths: Iterable[str | os.PathLike], fmt: str = "guide", *, predictions: bool = False
) -> list[AnnotatedNotice]:
    """Read and validate every annotation file named; notice ids must be unique across them
    (a duplicate names both places)."""
    out: list[AnnotatedNotice] = []
    first_seen: dict[str, str] = {}
    for f in annotation_files(paths, fmt):
        if fmt not in FORMATS:
            raise AnnotationError(E.E013.format(path=f, fmt=fmt, known=", ".join(FORMATS)))
        placed = _records_with_places(f, fmt, _RAISE, predictions)
        if not placed:
            raise AnnotationError(E.E011.format(path=f))
        _check_unique_ids(placed, first_seen, _RAISE)
        out.extend(a for a, _ in placed)
    return out


def write_annotations(
    notices: Iterable[AnnotatedNotice],
    path: str | os.PathLike,
    fmt: str = "guide",
    *,
    predictions: bool = False,
    model_version: str = "",
    expect: Any = ANY,
) -> None:
    """Write notices in one of FORMATS; the file is replaced only once fully written.

    ``predictions=True`` writes pre-annotations: Label Studio ``predictions`` with a score per
    region and ``model_version``, Prodigy tasks with span scores and no answer.  ``expect``
    is what must be at ``path`` when the file is renamed into place (io/atomic.commit; the
    command line's output rule), by default anything."""
    path = Path(path)
    if fmt not in FORMATS:
        raise AnnotationError(E.E013.format(path=path, fmt=fmt, known=", ".join(FORMATS)))
    notices = list(notices)
    gold = not predictions
    if fmt == "label-studio":
        tasks = [label_studio.export(n, gold, model_version) for n in notices]
        body = dumps(tasks, indent=1) + "\n"
    else:
        conv = {
            "guide": lambda n: n.to_dict(),
            "doccano": doccano.export,
            "prodigy": lambda n: prodigy.export(n, gold),
        }[fmt]
        body = "".join(dumps(conv(n)) + "\n" for n in notices)
    with replaced(path, expect=expect) as fh:
        fh.write(body)
