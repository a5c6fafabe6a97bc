"""Label Studio: tasks with finished ``annotations`` (gold) or with ``predictions``
(pre-annotations, each region with its ``score`` and the ``model_version``), and the labeling
config for the five labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import errors as E
from .._version import __version__
from ..colours import LABEL_COLOURS as COLOURS
from ..errors import AnnotationError
from ..schema import LABELS, AnnotatedNotice
from .base import RAISE, Record, Review, Sink, notice_id, read_lines, span_order


def labeling_config() -> str:
    """The labeling config XML: the five labels over character offsets of ``$text``."""
    labels = "\n".join(f'    <Label value="{lab}" background="{COLOURS[lab]}"/>' for lab in LABELS)
    return (
        "<View>\n"
        '  <Labels name="label" toName="text">\n'
        f"{labels}\n"
        "  </Labels>\n"
        '  <Text name="text" value="$text" granularity="symbol"/>\n'
        "</View>\n"
    )


def _result_list(obj: Any, where: str, what: str) -> list[dict]:
    if not isinstance(obj, dict):
        raise AnnotationError(E.E002.format(where=where, field=what, expected="an object"))
    result = obj.get("result", [])
    if not isinstance(result, list) or not all(isinstance(r, dict) for r in result):
        raise AnnotationError(
            E.E002.format(where=where, field=f"{what}.result", expected="a list of regions")
        )
    return result


def _chosen(task: dict, where: str, predictions: bool) -> tuple[list[dict], Review]:
    """The regions to read and whether they are gold: the last annotation that was not
    cancelled, or the first prediction (its regions read only when asked for)."""
    anns = task.get("annotations") or []
    preds = task.get("predictions") or []
    for key, items in (("annotations", anns), ("predictions", preds)):
        if not isinstance(items, list):
            raise AnnotationError(
                E.E002.format(where=where, field=key, expected="a list of objects")
            )
    finished = [a for a in anns if not (isinstance(a, dict) and a.get("was_cancelled"))]
    if finished:
        return _result_list(finished[-1], where, "annotations[-1]"), Review.GOLD
    if preds:
        regions = _result_list(preds[0], where, "predictions[0]") if predictions else []
        return regions, Review.PENDING
    return [], Review.SKIPPED


def parse_task(task: Any, where: str, fallback_id: str, predictions: bool = False) -> Record:
    """One task as a record: gold from its annotations, pending from its predictions."""
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise AnnotationError(E.E002.format(where=where, field="data", expected="an object"))
    text = task["data"].get("text")
    if not isinstance(text, str):
        raise AnnotationError(E.E002.format(where=where, field="data.text", expected="a string"))
    regions, review = _chosen(task, where, predictions)
    if review is Review.SKIPPED or (review is Review.PENDING and not predictions):
        return Record("", text, [], review=review)
    spans = []
    for k, r in enumerate(regions):
        if r.get("type", "labels") != "labels":
            continue  # relations, choices and other controls carry no span
        value = r.get("value")
        if not isinstance(value, dict) or not isinstance(value.get("labels"), list):
            raise AnnotationError(
                E.E002.format(
                    where=f"{where}, region #{k}",
                    field="value",
                    expected="an object with start, end and labels",
                )
            )
        for lab in value["labels"]:
            spans.append({"start": value.get("start"), "end": value.get("end"), "label": lab})
    meta = dict(task["meta"]) if isinstance(task.get("meta"), dict) else {}
    if review is Review.PENDING:
        meta["from"] = "predictions"
    data_id = task["data"].get("id")
    nid = notice_id(data_id if data_id not in (None, "") else task.get("id"), fallback_id, where)
    return Record(nid, text, sorted(spans, key=span_order), meta, review)


def tasks_of(data: Any, path: Path) -> list[Any]:
    """An export is a list of tasks; a single task object is read as a list of one."""
    if isinstance(data, dict) and "data" in data:
        return [data]
    if not isinstance(data, list):
        raise AnnotationError(
            E.E002.format(where=str(path), field="(top level)", expected="a list of tasks")
        )
    return data


def export(notice: AnnotatedNotice, gold: bool = True, model_version: str = "") -> dict[str, Any]:
    result = [
        {
            "id": f"s{k}",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": s.start, "end": s.end, "text": s.text, "labels": [str(s.label)]},
            **({} if gold else {"score": round(float(s.confidence), 4)}),
        }
        for k, s in enumerate(notice.spans)
    ]
    task: dict[str, Any] = {"data": {"id": notice.id, "text": notice.text}}
    if notice.meta:
        task["meta"] = {k: v for k, v in notice.meta.items() if k != "from"}
    if gold:
        task["annotations"] = [{"result": result}]
    else:
        scores = [float(s.confidence) for s in notice.spans]
        task["predictions"] = [
            {
                "model_version": model_version or f"rectify-nlp {__version__}",
                "score": round(min(scores), 4) if scores else 1.0,
                "result": result,
            }
        ]
    return task


def _name_line_format(lines: list[str], path: Path) -> None:
    """A JSONL file read as Label Studio: name the tool its first record's shape says."""
    from .registry import shape_of

    try:
        obj = json.loads(next((x for x in lines if x.strip()), ""))
    except (json.JSONDecodeError, RecursionError):
        return
    if isinstance(obj, dict):
        looks = shape_of(obj) or ("guide", "one JSON object per line")
        if looks[0] != "label-studio":
            raise AnnotationError(
                E.E014.format(where=path, looks=looks[0], why=looks[1], fmt="label-studio")
            )


class LabelStudio:
    """An export: one JSON array of tasks (or a single task object)."""

    name = "label-studio"
    suffix = ".json"
    kind = "annotations"
    binary = False
    readable = writable = predictions = True

    def looks_like(self, obj: dict[str, Any]) -> str | None:
        if "data" in obj and ("annotations" in obj or "predictions" in obj):
            return "'data' with 'annotations'"
        return None

    def read(self, path: Path, errors: Sink = RAISE, predictions: bool = False):
        lines = read_lines(path)
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
            detail = "nested too deeply"
            raise AnnotationError(E.E001.format(where=str(path), detail=detail)) from None
        except ValueError as exc:  # e.g. an integer past Python's digit limit
            raise AnnotationError(E.E001.format(where=str(path), detail=exc)) from None
        if isinstance(data, dict) and "data" not in data:
            _name_line_format(lines, path)
        out = []
        for k, task in enumerate(tasks_of(data, path)):
            where = f"{path}: task #{k}"
            try:
                out.append((parse_task(task, where, f"{path.stem}-{k}", predictions), where))
            except AnnotationError as exc:
                errors.report(str(exc))
        return out

    def write(self, notices, predictions: bool, model_version: str) -> str:
        from ..io.encoding import dumps

        tasks = [export(n, not predictions, model_version) for n in notices]
        return dumps(tasks, indent=1) + "\n"


FORMAT = LabelStudio()
