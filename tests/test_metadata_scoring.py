"""evaluate and cv score notice metadata per field when the gold carries meta.notice."""

import json
from pathlib import Path

import rectify_nlp
from rectify_nlp.evaluation.scorer import evaluate_spans
from rectify_nlp.schema import AnnotatedNotice

ROOT = Path(__file__).resolve().parent.parent


def test_evaluate_prints_metadata_field_accuracy_from_meta_notice():
    line = json.loads((ROOT / "annotations" / "real" / "real-001.jsonl").read_text("utf-8"))
    gold_meta = json.loads((ROOT / "tests" / "data" / "meta" / "real-001.meta.json").read_text("utf-8"))
    g = AnnotatedNotice(line["id"], line["text"], tuple(
        rectify_nlp.Span(s["start"], s["end"], rectify_nlp.Label(s["label"]),
                         line["text"][s["start"]:s["end"]]) for s in line["spans"]),
        {**line.get("meta", {}), "notice": gold_meta})
    pred = rectify_nlp.extract(g.text, id=g.id)
    report = evaluate_spans({g.id: pred}, {g.id: g})
    assert report.metadata is not None and report.metadata.notices == 1
    table = report.to_table()
    assert "metadata:" in table and "feedback_date" in table
    s = report.summary()["metadata"]
    assert s["annotated"] == 16 and s["right"] == sum(f["right"] for f in s["fields"].values())
    assert s["fields"]["inspecting_body"]["right"] == 1


def test_no_metadata_section_without_gold_metadata():
    line = json.loads((ROOT / "annotations" / "real" / "real-001.jsonl").read_text("utf-8"))
    g = AnnotatedNotice(line["id"], line["text"], (), {})
    report = evaluate_spans({g.id: rectify_nlp.extract(g.text, id=g.id)}, {g.id: g})
    assert report.metadata is None and "metadata" not in report.summary()
