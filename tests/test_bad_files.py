"""Broken and hostile files of every kind the library reads: annotation tools' shapes, JSON
nested too deep, duplicates, texts with line separators; and batches the CLI must finish.
Each case gives a named error (its code), an empty result or a clean skip, never a traceback."""
import json
import subprocess
import sys

import pytest

import rectify_nlp
from rectify_nlp import AnnotationError, read_annotations, write_annotations
from rectify_nlp.schema import AnnotatedNotice, Span

from .conftest import NOTICES, ROOT

CLI = [sys.executable, "-m", "rectify_nlp.cli"]
TEXT = "一、问题\n1.资金管理不规范。整改情况：制定制度3项，2025年6月底前完成。"


def _region(start, end, label):
    return {"type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": start, "end": end, "labels": [label]}}


LS_TASK = {"data": {"id": "t", "text": TEXT}, "annotations": [{"result": [_region(7, 14, "problem")]}]}


def _ls(tmp_path, tasks):
    p = tmp_path / "ls.json"
    p.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return p


# Label Studio exports as people hand them over, and what each must give
LABEL_STUDIO_CASES = {
    "annotations as a dict": ({**LS_TASK, "annotations": {"result": []}}, "E002"),
    "result as a dict": ({**LS_TASK, "annotations": [{"result": {"value": {}}}]}, "E002"),
    "value null": ({**LS_TASK, "annotations": [{"result": [{"type": "labels", "value": None}]}]},
                   "E002"),
    "labels not a list": ({**LS_TASK, "annotations": [{"result": [
        {"type": "labels", "value": {"start": 0, "end": 2, "labels": "problem"}}]}]}, "E002"),
    "offsets as strings": ({**LS_TASK, "annotations": [{"result": [_region("7", "14", "problem")]}]},
                           "E002"),
    "data without text": ({"data": {"id": "t"}, "annotations": []}, "E002"),
    "data as a string": ({"data": TEXT, "annotations": []}, "E002"),
    "only predictions": ({"data": {"id": "t", "text": TEXT},
                          "predictions": [{"result": [_region(7, 14, "problem")]}]}, "E016"),
    "unknown label": ({**LS_TASK, "annotations": [{"result": [_region(7, 14, "topic")]}]}, "E005"),
    "span past the end": ({**LS_TASK, "annotations": [{"result": [_region(7, 400, "problem")]}]},
                          "E003"),
}


@pytest.mark.parametrize("name", LABEL_STUDIO_CASES)
def test_label_studio_shapes_are_named_errors(tmp_path, name):
    task, code = LABEL_STUDIO_CASES[name]
    with pytest.raises(AnnotationError, match=code):
        read_annotations(_ls(tmp_path, [task]), "label-studio")


def test_label_studio_reads_the_last_finished_annotation_and_predictions_only_when_asked(tmp_path):
    task = {"data": {"id": "t", "text": TEXT}, "annotations": [
        {"result": [_region(7, 14, "problem")]},
        {"was_cancelled": True, "result": [_region(0, 2, "problem")]}]}
    (n,) = read_annotations(_ls(tmp_path, task), "label-studio")  # a single task object
    assert [(s.start, s.end, s.label) for s in n.spans] == [(7, 14, "problem")]
    only = {"data": {"id": "p", "text": TEXT}, "predictions": [{"result": [_region(7, 14, "problem")]}]}
    p = _ls(tmp_path, [only])
    (n,) = read_annotations(p, "label-studio", predictions=True)
    assert n.meta == {"from": "predictions"} and len(n.spans) == 1
    # in a file with finished tasks, tasks holding only predictions are not read as gold
    assert [x.id for x in read_annotations(_ls(tmp_path, [LS_TASK, only]), "label-studio")] == ["t"]


PRODIGY_CASES = {
    "spans as strings": ({"text": TEXT, "spans": ["problem"]}, "E002"),
    "spans as a dict": ({"text": TEXT, "spans": {"start": 7}}, "E002"),
    "meta as a list": ({"text": TEXT, "spans": [], "meta": ["id"]}, "E002"),
    "text missing": ({"spans": []}, "E002"),
    "end as a float": ({"text": TEXT, "spans": [{"start": 7, "end": 14.0, "label": "problem"}]}, "E002"),
}


@pytest.mark.parametrize("name", PRODIGY_CASES)
def test_prodigy_shapes_are_named_errors(tmp_path, name):
    task, code = PRODIGY_CASES[name]
    p = tmp_path / "p.jsonl"
    task = {**task, "answer": "accept"}  # a reviewed task, as Prodigy's db-out writes it
    p.write_text(json.dumps(task, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=code):
        read_annotations(p, "prodigy")


def test_prodigy_leaves_out_rejected_and_ignored_answers(tmp_path):
    p = tmp_path / "p.jsonl"
    rows = [{"text": TEXT, "meta": {"id": k}, "answer": a,
             "spans": [{"start": 7, "end": 14, "label": "problem"}]}
            for k, a in (("a", "accept"), ("r", "reject"), ("i", "ignore"))]
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert [n.id for n in read_annotations(p, "prodigy")] == ["a"]


DOCCANO_CASES = {
    "entities not a list": ({"text": TEXT, "entities": {"label": "problem"}}, "E002"),
    "relation to an unknown entity": ({"text": TEXT, "entities": [
        {"id": 1, "label": "problem", "start_offset": 7, "end_offset": 14}],
        "relations": [{"id": 0, "from_id": 1, "to_id": 9, "type": "belongs_to"}]}, "E002"),
    "label rows of two": ({"text": TEXT, "label": [[7, 14]]}, "E002"),
    "read as guide": ({"text": TEXT, "entities": []}, "E014"),
}


@pytest.mark.parametrize("name", DOCCANO_CASES)
def test_doccano_shapes_are_named_errors(tmp_path, name):
    row, code = DOCCANO_CASES[name]
    p = tmp_path / "d.jsonl"
    p.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=code):
        read_annotations(p, "guide" if name == "read as guide" else "doccano")


@pytest.mark.parametrize("fmt", ["guide", "doccano", "prodigy", "label-studio"])
def test_json_nested_100k_deep_is_a_named_error(tmp_path, fmt):
    p = tmp_path / "deep.json"
    deep = "[" * 100_000 + "]" * 100_000
    p.write_text(deep if fmt == "label-studio" else '{"text": ' + deep + "}\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="E001.*nested too deeply"):
        read_annotations(p, fmt)


def test_duplicate_ids_name_both_places(tmp_path, gold):
    n = gold["shifanqu-2025-xuncha"]
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_annotations([n], a)
    write_annotations([n], b)
    with pytest.raises(AnnotationError, match=r"E012.*b\.jsonl: line 1.*a\.jsonl: line 1"):
        rectify_nlp.load_corpus([a, b])
    twice = tmp_path / "twice.jsonl"
    write_annotations([n, n], twice)
    with pytest.raises(AnnotationError, match=r"E012.*line 2.*line 1"):
        read_annotations(twice)


def test_a_span_given_twice_is_an_error(tmp_path):
    p = tmp_path / "dup.jsonl"
    span = {"start": 7, "end": 14, "label": "problem"}
    p.write_text(json.dumps({"id": "d", "text": TEXT, "spans": [span, span]}, ensure_ascii=False)
                 + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="E015.*span #1"):
        read_annotations(p)


@pytest.mark.parametrize("fmt", ["guide", "doccano", "prodigy", "label-studio"])
@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085", "\x1c", "\x0b", "\r"])
def test_every_written_file_reads_back_with_line_separators_in_the_text(tmp_path, fmt, sep):
    text = "一、问题" + sep + "1.资金管理不规范。" + sep + "整改情况：制定制度3项。"
    p0 = text.index("资金")
    spans = (Span(p0, p0 + 7, "problem", text[p0:p0 + 7]),)
    n = AnnotatedNotice("sep", text, spans, {})
    p = tmp_path / "out.json"
    write_annotations([n], p, fmt)
    (back,) = read_annotations(p, fmt)
    assert back.text == text and [(s.start, s.end) for s in back.spans] == [(p0, p0 + 7)]


def test_doccano_relations_round_trip_to_the_records(tmp_path, gold):
    n = gold["shifanqu-2025-xuncha"]
    p = tmp_path / "d.jsonl"
    write_annotations([n], p, "doccano")
    row = json.loads(p.read_text(encoding="utf-8"))
    assert {"entities", "relations"} <= set(row)
    ents = {e["id"]: e for e in row["entities"]}
    problems = sorted(e["start_offset"] for e in row["entities"] if e["label"] == "problem")
    for r in row["relations"]:
        src, dst = ents[r["from_id"]], ents[r["to_id"]]
        assert dst["label"] == "problem" and src["label"] != "problem"
        # the owner is the last problem starting at or before the span
        assert dst["start_offset"] == max(s for s in problems if s <= src["start_offset"])
    owned = [e for e in row["entities"] if e["label"] != "problem" and e["start_offset"] >= problems[0]]
    assert len(row["relations"]) == len(owned)
    (back,) = read_annotations(p, "doccano")
    assert back.spans == n.spans and len(back.meta["relations"]) == len(row["relations"])


def test_pre_annotations_are_predictions_with_scores(tmp_path):
    out = tmp_path / "tasks.json"
    r = subprocess.run(CLI + ["pre-annotate", str(NOTICES / "shifanqu-2025-xuncha.txt"), "-o",
                              str(out), "-f", "label-studio"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert "annotations" not in task
    (pred,) = task["predictions"]
    assert pred["model_version"].startswith("rectify-nlp ") and 0 <= pred["score"] <= 1
    assert pred["result"] and all(0 <= x["score"] <= 1 for x in pred["result"])
    with pytest.raises(AnnotationError, match="E016"):
        read_annotations(out, "label-studio")  # predictions are never gold by accident
    (n,) = read_annotations(out, "label-studio", predictions=True)
    assert len(n.spans) == len(pred["result"])
    pro = tmp_path / "p.jsonl"
    subprocess.run(CLI + ["pre-annotate", str(NOTICES / "shifanqu-2025-xuncha.txt"), "-o", str(pro),
                          "-f", "prodigy"], check=True, capture_output=True, cwd=ROOT)
    task = json.loads(pro.read_text(encoding="utf-8"))
    assert len(task["tokens"]) == len(task["text"]) and "answer" not in task
    for s in task["spans"]:  # what spans.manual / spans.correct need
        toks = task["tokens"][s["token_start"]:s["token_end"] + 1]
        assert toks[0]["start"] == s["start"] and toks[-1]["end"] == s["end"]


def test_labeling_config_names_the_five_labels():
    import xml.etree.ElementTree as ET
    r = subprocess.run(CLI + ["labeling-config"], capture_output=True, text=True, cwd=ROOT)
    root = ET.fromstring(r.stdout)
    labels = root.find("Labels")
    assert [x.get("value") for x in labels] == ["problem", "measure", "status", "metric", "deadline"]
    text = root.find("Text")
    assert labels.get("toName") == text.get("name") and text.get("value") == "$text"


def test_a_closed_stdout_ends_quietly():
    p = subprocess.run(" ".join(CLI) + f" extract {NOTICES} -f jsonl | head -c 10 > /dev/null",
                       shell=True, capture_output=True, text=True, cwd=ROOT)
    assert "Traceback" not in p.stderr and "Error" not in p.stderr


def test_a_reader_that_also_takes_stderr_and_goes_away_ends_with_status_0():
    """`2>&1 | head`: the summary line meets the closed pipe too, and the run still ends 0."""
    one = "annotations/notices/muye-2025-xunshi.txt"
    p = subprocess.run(["bash", "-c", " ".join(CLI) + f" extract {one} -f json 2>&1 | head -c 10"
                        " > /dev/null; echo ${PIPESTATUS[0]}"],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.stdout.strip() == "0", p.stdout + p.stderr


def test_a_batch_of_500_with_unreadable_files_finishes(tmp_path):
    d = tmp_path / "batch"
    d.mkdir()
    body = "中共某县委关于巡察整改情况的通报\n一、问题\n1.资金管理不规范。整改情况：制定制度3项。\n"
    for k in range(497):
        (d / f"n{k:03d}.txt").write_text(body, encoding="utf-8")
    (d / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (d / "broken.pdf").write_bytes(b"%PDF-1.4 no")
    (d / "dangling.txt").symlink_to(d / "missing.txt")
    (d / "locked.html").write_text("<p>x</p>", encoding="utf-8")
    (d / "locked.html").chmod(0)
    out = tmp_path / "out.jsonl"
    r = subprocess.run(CLI + ["extract", str(d), "-f", "jsonl", "-o", str(out)],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert len(out.read_text(encoding="utf-8").splitlines()) >= 497
    for name in ("broken.docx", "broken.pdf", "dangling.txt"):
        assert f"skipped {d / name}" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("what", ["fifo", "dev-zero", "directory", "missing"])
def test_annotation_and_result_files_are_read_only_when_regular(tmp_path, what):
    import os
    if what == "fifo":
        p = tmp_path / "a.jsonl"
        os.mkfifo(p)
    elif what == "dev-zero":
        p = tmp_path / "z.jsonl"
        p.symlink_to("/dev/zero")
    elif what == "directory":
        p = tmp_path / "d.jsonl"
        p.mkdir()
    else:
        p = tmp_path / "none.jsonl"
    code = "E031" if what == "missing" else "E032"
    with pytest.raises(AnnotationError, match=code):
        read_annotations(p)
    with pytest.raises(rectify_nlp.InputError, match=code):
        rectify_nlp.read_jsonl(p)


def test_saved_results_with_line_separators_read_back(tmp_path):
    text = (NOTICES / "shifanqu-2025-xuncha.txt").read_text(encoding="utf-8")
    text = text.replace("\n", "\u2028", 3).replace("。", "。\u0085", 2)
    n = rectify_nlp.extract(text, id="sep")
    p = tmp_path / "out.jsonl"
    p.write_text(n.to_json() + "\n" + n.to_json() + "\n", encoding="utf-8")
    back = rectify_nlp.read_jsonl(p)
    assert len(back) == 2 and back[0].text == text and back[0].to_dict() == n.to_dict()


def test_review_findings_give_named_errors_or_right_results(tmp_path):
    # an id of 0 is an id; a list is not
    p = tmp_path / "ids.jsonl"
    rows = [{"id": 0, "text": TEXT, "spans": []}, {"id": ["a"], "text": TEXT, "spans": []}]
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    errors = []
    notices = read_annotations(p, errors=errors)
    assert [n.id for n in notices] == ["0"] and "E002" in errors[0] and "'id'" in errors[0]
    # doccano ids that cannot be keys, and an integer past Python's digit limit
    d = tmp_path / "d.jsonl"
    d.write_text(json.dumps({"text": TEXT, "entities": [{"id": [1], "label": "problem",
                 "start_offset": 7, "end_offset": 14}], "relations": [{"from_id": [1], "to_id": 1}]})
                 + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="E002"):
        read_annotations(d, "doccano")
    d.write_text('{"text": "x", "spans": [], "n": ' + "9" * 5000 + "}\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="E001"):
        read_annotations(d)
    # an empty Label Studio export holds no notice
    e = tmp_path / "e.json"
    e.write_text("\n\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="E011"):
        read_annotations(e, "label-studio")


@pytest.mark.parametrize("fmt", ["doccano", "label-studio", "prodigy"])
def test_metadata_survives_a_round_trip_through_every_tool(tmp_path, gold, fmt):
    n = gold["real-001"]
    p = tmp_path / "x.json"
    write_annotations([n], p, fmt)
    (back,) = read_annotations(p, fmt)
    assert {k: back.meta.get(k) for k in ("split", "group", "source")} == \
        {k: n.meta.get(k) for k in ("split", "group", "source")}
    assert back.id == n.id and back.spans == n.spans


def test_a_notice_dict_with_bad_record_offsets_is_refused():
    n = rectify_nlp.extract(TEXT * 3, id="t")
    d = json.loads(n.to_json())
    assert d["records"]
    d["records"][0]["problem"]["start"] = 10**8
    with pytest.raises(rectify_nlp.InputError, match="E034"):
        rectify_nlp.Notice.from_dict(d)
    d = json.loads(n.to_json())
    d["spans"][0]["end"] = d["spans"][0]["start"]
    d["spans"][0]["text"] = ""
    with pytest.raises(rectify_nlp.InputError, match="E034"):
        rectify_nlp.Notice.from_dict(d)
    with pytest.raises(rectify_nlp.InputError, match="E034"):
        rectify_nlp.Notice.from_json('{"text": "a", "spans": [{"start": 1e999}], "records": []}')


def test_saved_results_read_back_whatever_the_suffix(tmp_path):
    two = [rectify_nlp.extract(TEXT * 3, id=k) for k in ("a", "b")]
    lines = tmp_path / "multi.json"  # JSONL content under a .json name
    lines.write_text("".join(n.to_json() + "\n" for n in two), encoding="utf-8")
    assert [n.id for n in rectify_nlp.read_jsonl(lines)] == ["a", "b"]
    single = tmp_path / "single.jsonl"  # one indented object under a .jsonl name
    single.write_text(two[0].to_json(indent=1), encoding="utf-8")
    assert [n.id for n in rectify_nlp.read_jsonl(single)] == ["a"]


def test_cli_outputs_of_every_command_follow_the_o_rule(tmp_path):
    for args in (["convert", str(ROOT / "annotations" / "real" / "real-001.jsonl"), "--to", "doccano",
                  "-o", str(tmp_path / "no" / "x.jsonl")],
                 ["pre-annotate", str(NOTICES / "shifanqu-2025-xuncha.txt"),
                  "-o", str(tmp_path / "no" / "x.jsonl")],
                 ["pre-annotate", str(NOTICES / "shifanqu-2025-xuncha.txt"), "-o", str(tmp_path),
                  "--force"]):
        r = subprocess.run(CLI + args, capture_output=True, text=True, cwd=ROOT)
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr[-500:]
    empty = tmp_path / "empty"
    empty.mkdir()
    r = subprocess.run(CLI + ["tables", str(empty), "-o", str(tmp_path / "t")], capture_output=True,
                       text=True, cwd=ROOT)
    assert r.returncode != 0 and not (tmp_path / "t").exists()
    errors = tmp_path / "errors.jsonl"
    errors.write_text("keep\n", encoding="utf-8")
    r = subprocess.run(CLI + ["cv", str(ROOT / "annotations" / "real" / "real-001.jsonl"),
                              "--errors", str(errors)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "E023" in r.stderr and errors.read_text() == "keep\n"


def test_pre_annotate_gives_colliding_stems_distinct_ids(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "index.txt").write_text(TEXT * 3, encoding="utf-8")
    out = tmp_path / "pre.jsonl"
    subprocess.run(CLI + ["pre-annotate", str(tmp_path / "a" / "index.txt"),
                          str(tmp_path / "b" / "index.txt"), "-o", str(out)], check=True,
                   capture_output=True, cwd=ROOT)
    # pre-annotations (meta.reviewed false) are read with --predictions, as in every format
    r = subprocess.run(CLI + ["validate", str(out), "--predictions"], capture_output=True,
                       text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


def test_validate_checks_ids_across_files(tmp_path, gold):
    n = gold["real-001"]
    for name in ("a.jsonl", "b.jsonl"):
        write_annotations([n], tmp_path / name)
    r = subprocess.run(CLI + ["validate", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 1 and "E012" in r.stderr and "a.jsonl" in r.stderr


def test_the_spacy_component_never_reads_its_text_as_a_path(tmp_path):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("zh")
    nlp.add_pipe("rectify_nlp")
    rel = "annotations/notices/shifanqu-2025-xuncha.txt"  # a file that exists from the root
    import os
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        doc = nlp(rel)
    finally:
        os.chdir(cwd)
    assert len(doc.spans["rectify"]) == 0 and doc._.notice.text == rel


def test_extract_writes_nothing_when_no_file_could_be_read(tmp_path):
    for fmt in ([], ["-f", "json"], ["-f", "jsonl"], ["-f", "csv"]):
        r = subprocess.run(CLI + ["extract", str(tmp_path / "nope.txt")] + fmt,
                           capture_output=True, text=True, cwd=ROOT)
        assert r.returncode == 1 and "E031" in r.stderr and "0 of 1 files read" in r.stderr
        assert r.stdout == "", fmt  # was "[]" for JSON
