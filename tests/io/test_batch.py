"""io/batch.py, the one batch loop: a file that cannot be read is skipped with its reason, in
every command that reads a batch."""
import json
import shutil

from typer.testing import CliRunner

from rectify_nlp.cli.main import app

from ..conftest import NOTICES

runner = CliRunner()


def test_extract_batch_skips_bad_files(tmp_path):
    shutil.copy(NOTICES / "dongcheng-2026-xuncha.txt", tmp_path / "a.txt")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl", "-o", str(out)])
    assert r.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == "a"
    assert "skipped" in r.output and "broken.pdf" in r.output


def test_pre_annotate_skips_an_unreadable_file_as_extract_does(tmp_path):
    """One batch loop: pre-annotate used to abort on the first unreadable file."""
    shutil.copy(NOTICES / "shifanqu-2025-xuncha.txt", tmp_path / "a.txt")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    out = tmp_path / "pre.jsonl"
    r = runner.invoke(app, ["pre-annotate", str(tmp_path), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "skipped" in r.output and "broken.pdf" in r.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a"] and lines[0]["meta"]["reviewed"] is False
    only_broken = tmp_path / "only"
    only_broken.mkdir()
    shutil.move(tmp_path / "broken.pdf", only_broken / "broken.pdf")
    r = runner.invoke(app, ["pre-annotate", str(only_broken), "-o", str(tmp_path / "none.jsonl")])
    assert r.exit_code == 1 and not (tmp_path / "none.jsonl").exists()


def test_the_batch_loop_without_the_command_line(tmp_path):
    import pytest

    from rectify_nlp.errors import RectifyError
    from rectify_nlp.io.batch import extract_files

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(NOTICES / "shifanqu-2025-xuncha.txt", a)
    shutil.copy(NOTICES / "shifanqu-2025-xuncha.txt", b)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a pdf")
    skipped, files = [], []
    got = list(extract_files([a, broken, b], on_skip=lambda p, why: skipped.append((p, why)),
                             on_file=lambda: files.append(1)))
    assert [(p, n.id) for p, n in got] == [(a, "a"), (b, "b")]
    assert [p for p, _ in skipped] == [broken] and "E032" in skipped[0][1]
    assert len(files) == 3
    with pytest.raises(RectifyError, match="E032"):  # without on_skip, the reason is raised
        list(extract_files([broken]))
