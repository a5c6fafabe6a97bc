"""A user's own notices through train, evaluate, cv and pre-annotate, on the command line only."""
import json
import shutil

import pytest
from typer.testing import CliRunner

from rectify_nlp.cli.main import app

from ..conftest import NOTICES, ROOT

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

@pytest.fixture(scope="module")
def work(tmp_path_factory):
    d = tmp_path_factory.mktemp("user")
    for nid in ("dongcheng-2026-xuncha", "muye-2025-xunshi", "shifanqu-2025-xuncha"):
        shutil.copy(ROOT / "annotations" / f"{nid}.jsonl", d / f"{nid}.jsonl")
    # the written notices hold the `问题1：` field layout that the held-out notice uses: a
    # model learns a layout from data, so its training data must show it once
    shutil.copy(ROOT / "annotations" / "heldout" / "heldout.jsonl", d / "written.jsonl")
    gold = d / "held_out"
    gold.mkdir()
    shutil.copy(ROOT / "annotations" / "dongcheng-2023-xuncha.jsonl", gold / "dongcheng-2023-xuncha.jsonl")
    return d

def test_train_evaluate_preannotate_round_trip(work):
    train_files = sorted(work.glob("*.jsonl"))
    r = run("train", *train_files, "-o", work / "model")
    assert r.exit_code == 0, r.output
    assert (work / "model" / "model.json").is_file()
    # never overwrites without --force
    r = run("train", *train_files, "-o", work / "model")
    assert r.exit_code != 0 and "E023" in r.output

    r = run("evaluate", work / "model", work / "held_out", "--errors", work / "errors.jsonl")
    assert r.exit_code == 0, r.output
    assert "problem" in r.output and "ECE" in r.output
    # the held-out notice's 16 annotated topics, on its gold problems and on its records
    assert "topics (16 gold problems)" in r.output and "topics end to end (" in r.output
    errors = [json.loads(x) for x in (work / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all({"notice", "label", "kind", "text", "context"} <= set(e) for e in errors)
    r = run("evaluate", work / "model", work / "held_out", "--format", "json")
    report = json.loads(r.output)
    assert report["labels"]["problem"]["overlap"]["recall"] > 0.8
    t = report["topics"]
    assert t["n"] == 16 and 0 < t["found"] <= 16 and 0 <= t["extracted_topic_accuracy"] <= 1

    raw = work / "raw.txt"
    shutil.copy(NOTICES / "dongcheng-2023-xuncha.txt", raw)
    for fmt in ("guide", "doccano", "label-studio", "prodigy"):
        out = work / f"pre.{fmt}"
        r = run("pre-annotate", raw, "-o", out, "--format", fmt, "--model", work / "model")
        assert r.exit_code == 0, r.output
        # the annotation tool's export imports back and validates; every format's holds
        # predictions (reviewed false in the guide's and doccano's lines, no reviewer's answer
        # in Label Studio's and Prodigy's), read only when asked for
        r = run("validate", out, "--input-format", fmt, "--predictions")
        assert r.exit_code == 0 and "problem" in r.output, r.output
        r = run("validate", out, "--input-format", fmt)
        assert r.exit_code == 1 and ("E016" in r.output or "E017" in r.output)

def test_bad_annotations_name_the_line_and_write_no_model(work, tmp_path):
    bad = tmp_path / "bad.jsonl"
    good = (ROOT / "annotations" / "muye-2025-xunshi.jsonl").read_text(encoding="utf-8")
    obj = json.loads(good)
    obj["spans"][3]["end"] = obj["spans"][3]["start"]
    bad.write_text(good + json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    r = run("train", bad, "-o", tmp_path / "m")
    assert r.exit_code == 2
    assert "bad.jsonl: line 2, span #3" in r.output and "E004" in r.output
    assert not (tmp_path / "m").exists()

def test_cross_validation_needs_two_notices(work, tmp_path):
    r = run("cv", ROOT / "annotations" / "dongcheng-2026-xuncha.jsonl")
    assert r.exit_code == 2 and "at least two" in r.output

def test_cv_refuses_a_fold_without_spans_to_train_on_before_fitting_any(tmp_path):
    """A notice without spans beside one with them: fold 1 was fitted, and only fold 2,
    left with the bare notice to train on, stopped with E041."""
    text = (ROOT / "annotations" / "notices" / "muye-2025-xunshi.txt").read_text(encoding="utf-8")
    bare = tmp_path / "bare.jsonl"
    bare.write_text(json.dumps({"id": "bare", "text": text, "spans": []}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    r = run("cv", bare, ROOT / "annotations" / "dongcheng-2026-xuncha.jsonl", "--folds", "2")
    assert r.exit_code == 2
    assert "E041" in r.output and "fold 2 of 2" in r.output and "(bare)" in r.output
    assert "fold 1/2" not in r.output  # nothing was fitted

def test_cv_prints_grouped_folds_per_split_beside_the_baseline(tmp_path):
    for nid in ("dongcheng-2026-xuncha", "shifanqu-2025-xuncha"):
        shutil.copy(ROOT / "annotations" / f"{nid}.jsonl", tmp_path / f"{nid}.jsonl")
    (tmp_path / "real").mkdir()
    for k in range(1, 11):
        shutil.copy(ROOT / "annotations" / "real" / f"real-{k:03d}.jsonl", tmp_path / "real")
    r = run("cv", tmp_path, "--folds", "2", "--errors", tmp_path / "errors.jsonl")
    assert r.exit_code == 0, r.output
    for header in ("== full (2 notices), model ==", "== full (2 notices), baseline ==",
                   "== real (10 notices), model ==", "== real (10 notices), baseline ==",
                   "== all (12 notices), model =="):
        assert header in r.output
    # topics on the gold problems, and on the records the held-out extraction made for them
    assert "topics (" in r.output and "topics end to end (" in r.output
    errors = [json.loads(x) for x in (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    keys = [(e["notice"], e["label"], e["kind"], e["start"]) for e in errors]
    assert len(keys) == len(set(keys))  # each error once, not once per split
    r = run("cv", tmp_path, "--folds", "1")
    assert r.exit_code != 0  # a single fold holds nothing out
    # a fold count means nothing when each layout family is a fold: refused, not ignored
    r = run("cv", tmp_path, "--group-by", "layout", "--folds", "3")
    assert r.exit_code == 2 and "leave out --folds" in r.output
