"""--force replaces only what the library wrote; two writers never both succeed silently; a
model being replaced loads as the old one or the new one (issue 21, classes 1 and 6)."""
import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import rectify_nlp
from rectify_nlp.cli.main import app

from .conftest import NOTICES, ROOT

runner = CliRunner()
CLI = [sys.executable, "-m", "rectify_nlp.cli"]
NOTICE = NOTICES / "shifanqu-2025-xuncha.txt"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def anns(tmp_path):
    d = tmp_path / "anns"
    d.mkdir()
    for k in range(1, 4):
        shutil.copy(ROOT / "annotations" / "real" / f"real-{k:03d}.jsonl", d)
    return d


def test_train_onto_its_own_annotations_with_force_is_refused_and_leaves_them(anns):
    before = _snapshot(anns)
    r = run("train", anns, "-o", anns, "--force")
    assert r.exit_code == 2 and "E025" in r.output, r.output
    assert _snapshot(anns) == before and not (anns / "model.json").exists()
    # an input file named as the model directory, or a folder above the inputs, too
    r = run("train", anns / "real-001.jsonl", "-o", anns, "--force")
    assert r.exit_code == 2 and "E025" in r.output
    r = run("train", anns, "-o", anns.parent, "--force")
    assert r.exit_code == 2 and "E025" in r.output and _snapshot(anns) == before


def test_train_force_never_replaces_a_folder_of_other_files_or_a_file(anns, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_bytes(b"my work")
    r = run("train", anns, "-o", mine, "--force")
    assert r.exit_code == 2 and "E026" in r.output
    assert (mine / "thesis.docx").read_bytes() == b"my work"
    notes = tmp_path / "notes.txt"
    notes.write_text("keep", encoding="utf-8")
    r = run("train", anns, "-o", notes, "--force")
    assert r.exit_code == 2 and "E026" in r.output
    assert notes.is_file() and notes.read_text(encoding="utf-8") == "keep"


def test_save_with_force_replaces_a_model_directory_and_nothing_else(tmp_path):
    model = rectify_nlp.load(ROOT / "models" / "default")
    d = rectify_nlp.save(model, tmp_path / "m")
    rectify_nlp.save(model, d, force=True)  # a model directory: replaced
    assert (d / "model.json").is_file()
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(rectify_nlp.RectifyError, match="E026"):
        rectify_nlp.save(model, other, force=True)
    assert (other / "a.txt").read_text(encoding="utf-8") == "x" and len(list(other.iterdir())) == 1
    f = tmp_path / "file"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(rectify_nlp.RectifyError, match="E026"):
        rectify_nlp.save(model, f, force=True)
    assert f.read_text(encoding="utf-8") == "x"


def test_extract_force_replaces_its_own_output_and_refuses_other_files(tmp_path):
    out = tmp_path / "out.jsonl"
    r = run("extract", NOTICE, "-f", "jsonl", "-o", out)
    assert r.exit_code == 0
    r = run("extract", NOTICE, "-f", "csv", "-o", out, "--force")  # its own output: replaced
    assert r.exit_code == 0 and out.read_text(encoding="utf-8").startswith("notice,")
    r = run("extract", NOTICE, "-f", "json", "-o", out, "--force")
    assert r.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))["records"]
    budget = tmp_path / "budget.csv"
    budget.write_text("year,amount\n2025,10\n", encoding="utf-8")
    r = run("extract", NOTICE, "-f", "csv", "-o", budget, "--force")
    assert r.exit_code == 2 and "E026" in r.output
    assert budget.read_text(encoding="utf-8") == "year,amount\n2025,10\n"
    gold = tmp_path / "gold.jsonl"
    shutil.copy(ROOT / "annotations" / "real" / "real-001.jsonl", gold)
    r = run("extract", NOTICE, "-f", "jsonl", "-o", gold, "--force")  # annotations, not results
    assert r.exit_code == 2 and "E026" in r.output


def test_every_command_force_refuses_what_it_did_not_write(tmp_path):
    user = tmp_path / "user.html"
    user.write_text("<html><head></head><body>my page</body></html>", encoding="utf-8")
    r = run("show", NOTICE, "-o", user, "--force")
    assert r.exit_code == 2 and "E026" in r.output and "my page" in user.read_text(encoding="utf-8")
    page = tmp_path / "page.html"
    assert run("show", NOTICE, "-o", page).exit_code == 0
    assert run("show", NOTICE, "-o", page, "--force").exit_code == 0  # its own page
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / "notices.csv").write_text("my,own\n1,2\n", encoding="utf-8")
    r = run("tables", NOTICE, "-o", tables, "--force")
    assert r.exit_code == 2 and "E026" in r.output
    assert (tables / "notices.csv").read_text(encoding="utf-8") == "my,own\n1,2\n"
    errors = tmp_path / "errors.jsonl"
    errors.write_text("my notes\n", encoding="utf-8")
    r = run("evaluate", ROOT / "models" / "default", ROOT / "annotations" / "real" / "real-001.jsonl",
            "--errors", errors, "--force")
    assert r.exit_code == 2 and "E026" in r.output and errors.read_text() == "my notes\n"
    r = run("convert", ROOT / "annotations" / "real" / "real-001.jsonl", "--to", "doccano",
            "-o", ROOT / "annotations" / "real" / "real-001.jsonl", "--force")
    assert r.exit_code == 2 and "E025" in r.output


def test_extract_force_knows_its_tables_whole_not_a_file_that_quotes_them(tmp_path):
    """A table of extract is replaced; a README or notes that quote its caption line (or a
    whole table among other text) are not, with --force or without."""
    table = tmp_path / "table.txt"
    assert run("extract", NOTICE, NOTICES / "muye-2025-xunshi.txt", "-f", "table",
               "-o", table).exit_code == 0
    r = run("extract", NOTICE, "-f", "table", "-o", table, "--force")
    assert r.exit_code == 0, r.output
    quoted = table.read_text(encoding="utf-8")
    for name, text in {
        "README.md": (ROOT / "README.md").read_text(encoding="utf-8"),
        "notes.txt": "what extract printed:\n" + quoted + "\nlooks right to me\n",
        "caption.txt": quoted.splitlines()[-1] + "\n",
    }.items():
        mine = tmp_path / name
        mine.write_text(text, encoding="utf-8")
        r = run("extract", NOTICE, "-f", "json", "-o", mine, "--force")
        assert r.exit_code == 2 and "E026" in r.output, (name, r.output)
        assert mine.read_text(encoding="utf-8") == text


def test_pre_annotate_force_replaces_pre_annotations_never_gold(tmp_path):
    """pre-annotate --force replaces its own pre-annotations; a file holding any reviewed
    annotation (gold) is never replaced, in any format, not even by convert's gold."""
    for fmt, name in (("guide", "tasks.jsonl"), ("label-studio", "tasks.json"),
                      ("doccano", "doccano.jsonl"), ("prodigy", "prodigy.jsonl")):
        out = tmp_path / name
        assert run("pre-annotate", NOTICE, "-o", out, "--format", fmt).exit_code == 0
        r = run("pre-annotate", NOTICE, "-o", out, "--format", fmt, "--force")
        assert r.exit_code == 0, (fmt, r.output)
    gold = tmp_path / "gold.jsonl"
    shutil.copy(ROOT / "annotations" / "real" / "real-001.jsonl", gold)
    before = gold.read_bytes()
    r = run("pre-annotate", NOTICE, "-o", gold, "--force")
    assert r.exit_code == 2 and "E026" in r.output and "gold" in r.output
    r = run("convert", ROOT / "annotations" / "real" / "real-002.jsonl", "--to", "guide",
            "-o", gold, "--force")
    assert r.exit_code == 2 and "E026" in r.output
    assert gold.read_bytes() == before
    # pre-annotations with one record a reviewer finished are gold too
    tasks = tmp_path / "tasks.jsonl"
    assert run("pre-annotate", NOTICE, NOTICES / "muye-2025-xunshi.txt", "-o", tasks,
               "--force").exit_code == 0
    lines = tasks.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["meta"]["reviewed"] = True
    reviewed = json.dumps(first, ensure_ascii=False) + "\n" + lines[1] + "\n"
    tasks.write_text(reviewed, encoding="utf-8")
    r = run("pre-annotate", NOTICE, "-o", tasks, "--force")
    assert r.exit_code == 2 and "E026" in r.output
    assert tasks.read_text(encoding="utf-8") == reviewed


def test_force_reads_an_output_back_whole_before_it_replaces_it(tmp_path):
    """A file is the library's only when it reads back whole as what the command writes: a
    gold line that starts with "id" and "source", a user's JSON of that shape, extract's CSV
    header over the user's own rows, a user's table under a table's name, a page that only
    quotes the generator mark — none is replaced; the library's own outputs are."""
    gold = json.loads((ROOT / "annotations" / "real" / "real-001.jsonl").read_text("utf-8"))
    cases = {
        "gold.jsonl": json.dumps({"id": gold["id"], "source": "site", **gold},
                                 ensure_ascii=False) + "\n",
        "crm.json": json.dumps([{"id": "u1", "source": "crm", "notes": "call back"}]),
        "mine.csv": None,  # extract's header, then the user's rows
        "quote.html": '<html><head><title>notes</title></head><body><code>'
                      '<head><meta name="generator" content="rectify-nlp"></code></body></html>',
    }
    from rectify_nlp.io.rows import CSV_COLUMNS
    cases["mine.csv"] = ",".join(CSV_COLUMNS) + "\nmy own row,with,fewer,fields\n"
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        cmd = ("show", NOTICE) if name.endswith(".html") else ("extract", NOTICE, "-f", "json")
        r = run(*cmd, "-o", path, "--force")
        assert r.exit_code == 2 and "E026" in r.output, (name, r.output)
        assert path.read_text(encoding="utf-8") == text
    for fmt in ("csv", "parquet"):
        if fmt == "parquet":
            pytest.importorskip("pyarrow")
        out = tmp_path / f"tables-{fmt}"
        assert run("tables", NOTICE, "-o", out, "-f", fmt).exit_code == 0
        r = run("tables", NOTICE, NOTICES / "muye-2025-xunshi.txt", "-o", out, "-f", fmt, "--force")
        assert r.exit_code == 0, r.output  # its own tables, other category depths included
        import pandas as pd

        user = out / f"records.{fmt}"
        frame = pd.DataFrame({"notice": ["A"], "source": ["B"], "comment": ["my hand notes"]})
        frame.to_csv(user, index=False) if fmt == "csv" else frame.to_parquet(user)
        before = user.read_bytes()
        r = run("tables", NOTICE, "-o", out, "-f", fmt, "--force")
        assert r.exit_code == 2 and "E026" in r.output and user.read_bytes() == before


def test_force_never_replaces_a_docbin_a_reviewed_task_or_a_folder_under_a_models_name(tmp_path):
    """A DocBin holds gold spans; a Label Studio task a reviewer cancelled is their decision; a
    folder called weights.npz is not save()'s file: none is replaced, even with --force."""
    pytest.importorskip("spacy")
    gold = ROOT / "annotations" / "real" / "real-001.jsonl"
    docbin = tmp_path / "gold.spacy"
    assert run("convert", gold, "-o", docbin, "--to", "spacy").exit_code == 0
    before = docbin.read_bytes()
    r = run("convert", ROOT / "annotations" / "real" / "real-002.jsonl", "-o", docbin,
            "--to", "spacy", "--force")
    assert r.exit_code == 2 and "E026" in r.output and docbin.read_bytes() == before
    tasks = tmp_path / "tasks.json"
    assert run("pre-annotate", NOTICE, "-o", tasks, "--format", "label-studio").exit_code == 0
    data = json.loads(tasks.read_text(encoding="utf-8"))
    data[0]["annotations"] = [{"result": [], "was_cancelled": True}]
    tasks.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = tasks.read_bytes()
    r = run("pre-annotate", NOTICE, "-o", tasks, "--format", "label-studio", "--force")
    assert r.exit_code == 2 and "E026" in r.output and tasks.read_bytes() == before
    model = tmp_path / "m"
    shutil.copytree(ROOT / "models" / "default", model)
    (model / "weights.npz").unlink()
    (model / "weights.npz").mkdir()
    (model / "weights.npz" / "thesis.tex").write_text("chapter one", encoding="utf-8")
    r = run("train", gold, "-o", model, "--force")
    assert r.exit_code == 2 and "E026" in r.output
    assert (model / "weights.npz" / "thesis.tex").read_text(encoding="utf-8") == "chapter one"


def test_train_force_through_a_link_replaces_the_model_it_names(tmp_path):
    """`-o LINK --force` with LINK a symbolic link to a model directory: the directory is
    replaced, the link stays a link, and nothing is left beside either."""
    import os

    target = tmp_path / "models" / "v1"
    target.parent.mkdir()
    shutil.copytree(ROOT / "models" / "default", target)
    link = tmp_path / "current"
    os.symlink(target, link)
    r = run("train", ROOT / "annotations" / "real" / "real-001.jsonl", "-o", link, "--force")
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and os.path.samefile(link, target)
    assert rectify_nlp.load(link).card["training_notices"][0]["id"] == "real-001"
    assert sorted(p.name for p in target.parent.iterdir()) == ["v1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current", "models"]


def test_force_replaces_its_own_jsonl_whatever_line_separators_the_texts_hold(tmp_path):
    """JSON holds U+2028, U+0085, \\v and the like raw: extract's JSONL of texts that have
    them is still its own (lines were split at them, and the second run refused: E026)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(NOTICE, folder)
    text = NOTICE.read_text(encoding="utf-8")
    (folder / "odd.txt").write_text(text.replace("\n", "\u2028", 3).replace("。", "。\x85", 2)
                                    .replace("，", "，\x0b", 2), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for _ in range(2):
        r = run("extract", folder, "-f", "jsonl", "-o", out, "--force")
        assert r.exit_code == 0, r.output
    assert len(rectify_nlp.read_jsonl(out)) == 2


def test_write_annotations_from_python_keeps_the_output_rule(tmp_path):
    """From Python as from the command line: an existing file only with force=True, and then
    pre-annotations only, never gold (E023, E026)."""
    from rectify_nlp.errors import OutputError

    gold = rectify_nlp.read_annotations(ROOT / "annotations" / "real" / "real-001.jsonl")
    path = tmp_path / "gold.jsonl"
    rectify_nlp.write_annotations(gold, path)
    before = path.read_bytes()
    with pytest.raises(OutputError, match="E023"):
        rectify_nlp.write_annotations(gold, path)
    with pytest.raises(OutputError, match="E026.*gold"):
        rectify_nlp.write_annotations(gold, path, force=True)
    assert path.read_bytes() == before
    # pre-annotations (as pre-annotate writes them: reviewed false) are the library's to replace
    from rectify_nlp.schema import AnnotatedNotice

    pre = [AnnotatedNotice(n.id, n.text, n.spans, {"reviewed": False}) for n in gold]
    pending = tmp_path / "pending.jsonl"
    for _ in range(2):
        rectify_nlp.write_annotations(pre, pending, predictions=True, force=True)
    assert len(rectify_nlp.read_annotations(pending, predictions=True)) == 1


def test_two_runs_writing_one_output_never_both_succeed(tmp_path):
    out = tmp_path / "out.json"
    procs = [subprocess.Popen(CLI + ["extract", str(NOTICES), "-f", "json", "-o", str(out)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
             for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes[0] == 0 and codes[1] != 0, results
    loser = next(err for code, err in results if code)
    assert ("E028" in loser or "E023" in loser) and "Traceback" not in loser
    assert "E027" not in loser and ".." not in loser  # one error, said once
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 4  # one whole result


REPLACER = """
import copy, sys, time
import rectify_nlp
a = rectify_nlp.load(sys.argv[1])
b = copy.deepcopy(a)  # another model: its weights differ from a's
b.tagger.emission_.intercept_ = b.tagger.emission_.intercept_ + 0.001
print("ready", flush=True)
end = time.time() + float(sys.argv[3])
k = 0
while time.time() < end:
    rectify_nlp.save((a, b)[k % 2], sys.argv[2], force=True)  # train --force, again and again
    k += 1
"""


def test_load_while_another_process_replaces_the_model_sees_a_whole_model(tmp_path):
    default = ROOT / "models" / "default"
    d = rectify_nlp.save(rectify_nlp.load(default), tmp_path / "m")
    p = subprocess.Popen([sys.executable, "-c", REPLACER, str(default), str(d), "6"],
                         stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert p.stdout.readline().strip() == "ready"
    failures, loads = [], 0
    while p.poll() is None:
        try:
            rectify_nlp.load(d)
            loads += 1
        except Exception as exc:  # noqa: BLE001 - any failure is the finding
            failures.append(repr(exc)[:200])
    assert p.returncode == 0 and loads > 20
    assert failures == []  # the old model or the new: never half of each, never a missing file
