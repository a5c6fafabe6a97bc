"""Label Studio: tasks with finished ``annotations`` (gold) or with ``predictions``
(pre-annotations, each region with its ``score`` and the ``model_version``), and the labeling
config for the five labels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import errors as E
from .._version import __version__
from ..colours import LABEL_COLOURS as COLOURS
from ..errors import AnnotationError
from ..schema import LABELS, AnnotatedNotice


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


def _chosen(task: dict, where: str, predictions: bool) -> tuple[list[dict], str] | None:
    """The regions to read and where they came from: the last annotation that was not
    cancelled, or (only when asked for) the first prediction."""
    anns = task.get("annotations") or []
    preds = task.get("predictions") or []
    for key, items in (("annotations", anns), ("predictions", preds)):
        if not isinstance(items, list):
            raise AnnotationError(
                E.E002.format(where=where, field=key, expected="a list of objects")
            )
    finished = [a for a in anns if not (isinstance(a, dict) and a.get("was_cancelled"))]
    if finished:
        return _result_list(finished[-1], where, "annotations[-1]"), "annotations"
    if predictions and preds:
        return _result_list(preds[0], where, "predictions[0]"), "predictions"
    return None


def parse_task(
    task: Any, where: str, predictions: bool = False
) -> tuple[str, list[dict], dict[str, Any]] | None:
    """(text, raw spans, meta) of one task, or None when it has nothing to read."""
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise AnnotationError(E.E002.format(where=where, field="data", expected="an object"))
    text = task["data"].get("text")
    if not isinstance(text, str):
        raise AnnotationError(E.E002.format(where=where, field="data.text", expected="a string"))
    chosen = _chosen(task, where, predictions)
    if chosen is None:
        return None
    regions, origin = chosen
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
    if origin == "predictions":
        meta["from"] = "predictions"
    return text, spans, meta


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
