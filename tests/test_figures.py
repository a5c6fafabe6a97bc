"""Figures that hold: one text never straddles folds, a prediction is scored only against its
own text, and pre-annotations are not gold (issue 21, class 4)."""
import dataclasses
import json
import shutil

import pytest
from typer.testing import CliRunner

import rectify_nlp
from rectify_nlp.cli.main import app
from rectify_nlp.training.folds import grouped_folds

from .conftest import ROOT

runner = CliRunner()


def test_the_same_text_under_two_ids_falls_in_one_fold(gold):
    real = [gold[f"real-{k:03d}"] for k in range(1, 11)]
    copy = dataclasses.replace(real[0], id="copy-of-real-001", meta={})
    corpus = real + [copy]
    for folds in (2, 5, 10):
        parts = grouped_folds(corpus, folds)
        where = {i: f for f, part in enumerate(parts) for i in part}
        assert where[0] == where[len(corpus) - 1]


def test_evaluate_refuses_a_prediction_of_another_text(gold):
    g = gold["real-001"]
    shifted = rectify_nlp.AnnotatedNotice(g.id, " " + g.text, tuple(
        dataclasses.replace(s, start=s.start + 1, end=s.end + 1) for s in g.spans), {})
    with pytest.raises(rectify_nlp.RectifyError, match="E044") as info:
        rectify_nlp.evaluate([shifted], [g])
    assert "real-001" in str(info.value) and "offset 0" in str(info.value)
    edited = rectify_nlp.AnnotatedNotice(g.id, g.text[:40] + "X" + g.text[41:], g.spans, {})
    with pytest.raises(rectify_nlp.RectifyError, match="E044.*offset 40"):
        rectify_nlp.evaluate([edited], [g])
    # spans whose text is not the gold text at their offsets
    spans = [dataclasses.replace(s, text="不是这里的字") for s in g.spans[:1]]
    with pytest.raises(rectify_nlp.RectifyError, match="E044"):
        rectify_nlp.evaluate({g.id: spans}, [g])
    assert rectify_nlp.evaluate([g], [g]).labels["measure"]["exact"]["f1"] == 1.0


@pytest.mark.parametrize("fmt", ["guide", "doccano"])
def test_line_format_pre_annotations_need_predictions_as_every_format_does(tmp_path, fmt):
    """pre-annotate's guide and doccano lines say reviewed: false; neither is gold unasked."""
    pre = tmp_path / "pre.jsonl"
    r = runner.invoke(app, ["pre-annotate", str(ROOT / "annotations" / "notices"
                                                 / "shifanqu-2025-xuncha.txt"), "-o", str(pre),
                            "-f", fmt])
    assert r.exit_code == 0, r.output
    first = json.loads(pre.read_text(encoding="utf-8").splitlines()[0])
    assert (first["meta"] if fmt == "guide" else first)["reviewed"] is False
    as_fmt = ["--input-format", fmt]
    r = runner.invoke(app, ["validate", str(pre), *as_fmt])
    assert r.exit_code == 1 and "E017" in r.output
    r = runner.invoke(app, ["validate", str(pre), "--predictions", *as_fmt])
    assert r.exit_code == 0, r.output
    for cmd in (["train", str(pre), "-o", str(tmp_path / "m"), *as_fmt],
                ["evaluate", str(ROOT / "models" / "default"), str(pre), *as_fmt],
                ["cv", str(pre), str(ROOT / "annotations" / "real" / "real-001.jsonl"), *as_fmt]):
        r = runner.invoke(app, cmd)
        assert r.exit_code == 2 and "E017" in r.output, (cmd, r.output)
    assert not (tmp_path / "m").exists()
    with pytest.raises(rectify_nlp.AnnotationError, match="E017"):
        rectify_nlp.load_corpus([pre], fmt=fmt)
    assert rectify_nlp.load_corpus([pre], fmt=fmt, predictions=True)


def test_the_shipped_gold_is_all_reviewed():
    for path in (ROOT / "annotations").rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                meta = json.loads(line).get("meta") or {}
                assert meta.get("reviewed", True) is not False, path
    assert len(rectify_nlp.load_corpus([ROOT / "annotations"])) >= 77


def test_a_copy_of_a_gold_file_is_still_gold(tmp_path):
    shutil.copy(ROOT / "annotations" / "heldout" / "heldout.jsonl", tmp_path / "h.jsonl")
    assert len(rectify_nlp.load_corpus([tmp_path / "h.jsonl"])) == 4
