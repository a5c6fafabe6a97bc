"""io/output.py, the one rule for every output: never an input, an existing file only with
--force and only the library's own, a failed run leaving the old file whole, ordinary
permissions."""
import json
import os
import shutil
import subprocess
import sys

from typer.testing import CliRunner

import rectify_nlp
from rectify_nlp.cli.main import app

from ..conftest import NOTICES, ROOT

CLI = [sys.executable, "-m", "rectify_nlp.cli"]
NOTICE = NOTICES / "shifanqu-2025-xuncha.txt"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_output_never_destroys_a_file(tmp_path):
    """One rule for -o: never an input (a hard link counts), an existing file only with --force,
    and a failed run leaves the old file whole."""
    notice = tmp_path / "a.txt"
    shutil.copy(NOTICES / "muye-2025-xunshi.txt", notice)
    link = tmp_path / "link.txt"
    link.hardlink_to(notice)
    before = notice.read_bytes()
    r = run("extract", notice, "-o", link)
    assert r.exit_code == 2 and notice.read_bytes() == before
    prev = tmp_path / "prev.json"
    prev.write_text('{"keep": 1}', encoding="utf-8")
    r = run("extract", notice, "-o", prev)
    assert r.exit_code == 2 and "E023" in r.output and prev.read_text(encoding="utf-8") == '{"keep": 1}'
    # --force replaces only what the library wrote: a file of the user's is refused (E026)
    r = run("extract", notice, "-o", prev, "--force")
    assert r.exit_code == 2 and "E026" in r.output and prev.read_text(encoding="utf-8") == '{"keep": 1}'
    prev.write_text('{"id": "old", "source": "", "text": "", "spans": [], "records": []}',
                    encoding="utf-8")
    saved = prev.read_text(encoding="utf-8")
    r = run("extract", tmp_path / "missing.txt", "-o", prev, "--force")
    assert r.exit_code == 1 and prev.read_text(encoding="utf-8") == saved  # all skipped
    r = run("extract", notice, "-o", prev, "--force")
    assert r.exit_code == 0 and json.loads(prev.read_text(encoding="utf-8"))["id"] == "a"
    assert not list(tmp_path.glob(".*.tmp"))
    r = run("extract", notice, "-o", tmp_path)
    assert r.exit_code == 2 and "directory" in r.output

def test_written_files_get_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        out, page = tmp_path / "o.json", tmp_path / "v.html"
        for args in (["extract", str(NOTICE), "-o", str(out)], ["show", str(NOTICE), "-o", str(page)]):
            subprocess.run(CLI + args, check=True, capture_output=True, cwd=ROOT)
        assert out.stat().st_mode & 0o777 == 0o644 and page.stat().st_mode & 0o777 == 0o644
        out.chmod(0o600)  # a replaced file keeps the mode it had
        subprocess.run(CLI + ["extract", str(NOTICE), "-o", str(out), "--force"], check=True,
                       capture_output=True, cwd=ROOT)
        assert out.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_the_output_rule_without_the_command_line(tmp_path):
    import pytest

    from rectify_nlp.errors import OutputError
    from rectify_nlp.io.output import plan_file, written

    notice = tmp_path / "a.txt"
    shutil.copy(NOTICE, notice)
    out = tmp_path / "out.jsonl"
    with pytest.raises(OutputError, match="E025"):  # never an input, even with force
        plan_file(notice, [notice], True, "results")
    with written(plan_file(out, [notice], False, "results")) as fh:
        fh.write(rectify_nlp.extract(notice).to_json() + "\n")
    with pytest.raises(OutputError, match="E023"):  # an existing output only with force
        plan_file(out, [notice], False, "results")
    planned = plan_file(out, [notice], True, "results")  # the library's own: replaced
    out.write_text('{"id": "bb", "source": "bb.txt", "records": []}\n', encoding="utf-8")
    with pytest.raises(OutputError, match="E028"):  # changed since it was checked
        with written(planned) as fh:
            fh.write("{}\n")
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "bb"
