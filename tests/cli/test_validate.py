"""``rectify-nlp validate``: every error of a file at once, a file of another tool named."""
import json
import subprocess
import sys

import pytest

import rectify_nlp

from ..conftest import NOTICES, ROOT

CLI = [sys.executable, "-m", "rectify_nlp.cli"]
NOTICE = NOTICES / "shifanqu-2025-xuncha.txt"


def test_validate_reports_every_error_in_a_file(tmp_path):
    good = json.loads((ROOT / "annotations" / "shifanqu-2025-xuncha.jsonl").read_text("utf-8"))
    lines = []
    for k in range(3):
        obj = json.loads(json.dumps(good))
        obj["id"] = f"n{k}"
        obj["spans"][k]["end"] = obj["spans"][k]["start"]  # E004 on a different span each line
        lines.append(json.dumps(obj, ensure_ascii=False))
    lines.insert(1, "{not json")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = subprocess.run(CLI + ["validate", str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 1
    assert r.stderr.count("E004") == 3 and "line 2" in r.stderr and "E001" in r.stderr
    assert "line 1, span #0" in r.stderr and "line 4, span #2" in r.stderr
    assert "4 errors" in r.stdout

def test_validate_names_a_label_studio_file_read_as_another_format(tmp_path):
    tasks = tmp_path / "tasks.json"
    subprocess.run(CLI + ["pre-annotate", str(NOTICE), "-o", str(tasks), "-f", "label-studio"],
                   check=True, capture_output=True, cwd=ROOT)
    r = subprocess.run(CLI + ["validate", str(tasks)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 1 and "E014" in r.stderr and "--input-format label-studio" in r.stderr
    assert r.stderr.count("error:") == 1
    r = subprocess.run(CLI + ["validate", str(ROOT / "annotations" / "muye-2025-xunshi.jsonl"),
                              "--input-format", "label-studio"], capture_output=True, text=True,
                       cwd=ROOT)
    assert r.returncode == 1 and "E014" in r.stderr and "--input-format guide" in r.stderr


MUYE = ROOT / "annotations" / "muye-2025-xunshi.jsonl"


def _muye_with(edit):
    obj = json.loads(MUYE.read_text("utf-8").splitlines()[0])
    edit(obj)
    return json.dumps(obj, ensure_ascii=False) + "\n"


def _first_topic(obj):
    return next(iter(obj["meta"]["topics"]))


@pytest.mark.parametrize("line, code", [
    (lambda: _muye_with(lambda o: o["meta"]["topics"].update({_first_topic(o): "abc"})), "E047"),
    (lambda: _muye_with(lambda o: o["meta"]["topics"].update({"abc": "conduct"})), "E047"),
    (lambda: _muye_with(lambda o: o["meta"].update(topics="conduct")), "E047"),
    (lambda: _muye_with(lambda o: o["meta"]["notice"].update(feedback_date="not a date")), "E046"),
    (lambda: _muye_with(lambda o: o["meta"]["notice"]["counts"].update(completed="many")), "E046"),
    (lambda: _muye_with(lambda o: o.pop("spans")), "E002"),
    (lambda: "", "E011"),
    (lambda: _muye_with(lambda o: o.update(spans=[], meta={})), "E041"),
])
def test_validate_refuses_what_train_refuses(tmp_path, line, code):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(line(), encoding="utf-8")
    r = subprocess.run(CLI + ["validate", str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 1 and code in r.stderr
    r = subprocess.run(CLI + ["train", str(bad), "-o", str(tmp_path / "m")],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode != 0 and code in r.stderr and not (tmp_path / "m").exists()


def test_the_shipped_annotations_still_validate_and_load_unchanged():
    r = subprocess.run(CLI + ["validate", "annotations/"], capture_output=True, text=True,
                       cwd=ROOT)
    assert r.returncode == 0 and "error" not in r.stderr
    assert len(rectify_nlp.load_corpus([ROOT / "annotations"])) == 157
