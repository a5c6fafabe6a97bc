"""What a new user meets first: the command line at a terminal and in a pipe, the tables,
deadlines in an extracted notice, and validation that says everything at once (the deadline
table itself is tests/assemble/test_dates.py)."""
import json
import os
import pty
import shutil
import subprocess
import sys

import pytest

import rectify_nlp
from rectify_nlp.assemble.dates import resolve

from .conftest import NOTICES, ROOT

CLI = [sys.executable, "-m", "rectify_nlp.cli"]
NOTICE = NOTICES / "shifanqu-2025-xuncha.txt"


def _on_a_terminal(args):
    """Run the CLI with its standard output on a pseudo-terminal, as a user at a shell."""
    leader, follower = pty.openpty()
    p = subprocess.Popen(CLI + args, stdout=follower, stderr=subprocess.PIPE, cwd=ROOT,
                         env={**os.environ, "COLUMNS": "160"})
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    err = p.stderr.read().decode()
    p.wait(timeout=120)
    os.close(leader)
    return p.returncode, out.decode("utf-8", "replace"), err


def test_extract_on_a_terminal_prints_a_table_of_records():
    code, out, err = _on_a_terminal(["extract", str(NOTICE)])
    assert code == 0, err
    assert "┃" in out and "problem" in out and "status" in out  # a rich table, not JSON
    assert "招商引资成效不明显" in out and not out.lstrip().startswith("{")
    assert "22 records" in out
    assert "1 of 1 files read, 22 records, 0 skipped" in err


def test_extract_in_a_pipe_writes_json_and_a_summary_on_stderr(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(NOTICE, a)
    shutil.copy(NOTICES / "dongcheng-2023-xuncha.txt", b)
    one = subprocess.run(CLI + ["extract", str(a)], capture_output=True, text=True, cwd=ROOT)
    assert one.returncode == 0 and json.loads(one.stdout)["id"] == "a"  # one object for one file
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    r = subprocess.run(CLI + ["extract", str(tmp_path), "-f", "json"], capture_output=True,
                       text=True, cwd=ROOT)
    assert r.returncode == 0
    docs = json.loads(r.stdout)  # -f json on several inputs: one array
    assert isinstance(docs, list) and [d["id"] for d in docs] == ["a", "b"]
    assert "2 of 3 files read, 38 records, 1 skipped" in r.stderr
    assert "bad.pdf" in r.stderr


def test_table_format_can_be_asked_for_in_a_pipe():
    r = subprocess.run(CLI + ["extract", str(NOTICE), "-f", "table"], capture_output=True,
                       text=True, cwd=ROOT)
    assert r.returncode == 0 and "招商引资成效不明显" in r.stdout and "┃" in r.stdout


@pytest.mark.parametrize("command", ["extract", "train", "evaluate", "cv", "pre-annotate",
                                     "validate", "tables", "show", "labeling-config", "convert"])
def test_every_command_has_an_example_and_help_on_every_option(command):
    from typer.main import get_command

    from rectify_nlp.cli import app
    cmd = get_command(app).commands[command]
    assert "Example: rectify-nlp " + command in cmd.help
    for param in cmd.params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, f"{command} {param.opts} has no help line"


def test_notices_frame_and_category_levels(notices):
    f = rectify_nlp.to_frames(list(notices.values()))
    nf = f["notices"].set_index("notice")
    row = nf.loc["muye-2025-xunshi"]
    assert row.issuer == "中共牧野区委" and row.inspection_kind == "巡视"
    assert row.records == 51 and row.measures == sum(
        len(r.measures) for r in notices["muye-2025-xunshi"].records
    ) + len(notices["muye-2025-xunshi"].general_measures)
    assert str(row.feedback_date.date()) == "2024-12-26"
    rec = f["records"]
    levels = [c for c in rec.columns if c.startswith("category_") and c != "category_path"]
    assert levels and levels[0] == "category_1"
    # the first level holds topical group headings only, never a wrapper or a status heading
    firsts = set(rec["category_1"].dropna())
    assert firsts and not [c for c in firsts if "整改落实情况" in c or "已完成" in c]
    for _, r in rec.iterrows():
        path = [r[c] for c in levels if isinstance(r[c], str)]
        assert " › ".join(path) == r.category_path


def test_tables_command_writes_the_notices_table(tmp_path):
    import pandas as pd
    r = subprocess.run(CLI + ["tables", str(NOTICES), "-o", str(tmp_path / "t")],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    nf = pd.read_csv(tmp_path / "t" / "notices.csv")
    assert sorted(nf.notice) == sorted(p.stem for p in NOTICES.glob("*.txt"))
    assert set(nf.source) == {str(p) for p in NOTICES.glob("*.txt")}


def test_deadlines_in_an_extracted_notice_resolve_after_the_rectification_start(notices):
    n = notices["dongcheng-2026-xuncha"]
    got = {d.span.text: (d.date, d.kind) for r in n.records for d in r.deadlines}
    assert got["预计可在2月中旬前完成上会审批"] == ("2026-02-20", "planned")
    assert got["区水利部门于2025年11月11日完成了该项目招标工作"] == ("2025-11-11", "met")
    muye = {d.span.text: (d.date, d.kind) for r in notices["muye-2025-xunshi"].records
            for d in r.deadlines}
    recurring = [v for t, v in muye.items() if "每年" in t]
    assert recurring == [(None, "recurring")]
    # a date written with its year is never moved
    assert resolve("已于2022年8月底整改完毕", 2022, "2022-10-11").date == "2022-08-31"


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


def test_overall_counts_come_from_the_introduction_not_a_problem(notices):
    # dongcheng-2026 states no overall count; problem 13's "反馈228条问题…已全部整改完毕" is
    # about the province's safety inspection, not the notice's 28 problems
    assert notices["dongcheng-2026-xuncha"].metadata.value("counts.problems_reported") is None
    assert notices["muye-2025-xunshi"].metadata.value("counts.problems_reported") == 51


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


def test_a_table_into_a_closed_pipe_ends_with_status_0():
    r = subprocess.run(" ".join(CLI) + f" extract {NOTICES} -f table | head -1", shell=True,
                       capture_output=True, text=True, cwd=ROOT,
                       executable="/bin/bash")
    assert "Traceback" not in r.stderr
    r = subprocess.run(["bash", "-c", " ".join(CLI) + f" extract {NOTICES} -f table | head -1; "
                        "exit ${PIPESTATUS[0]}"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


def test_an_80_column_terminal_keeps_every_count():
    leader, follower = pty.openpty()
    import fcntl
    import struct
    import termios
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    p = subprocess.Popen(CLI + ["extract", str(NOTICES / "dongcheng-2026-xuncha.txt")],
                         stdout=follower, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    p.wait(timeout=120)
    os.close(leader)
    import re
    lines = re.sub(r"\x1b\[[0-9;]*m", "", out.decode()).splitlines()
    header = next(x for x in lines if "problem" in x)
    assert all(h in header for h in ("status", "measures", "metrics", "deadlines"))
    row = next(x for x in lines if "整改责任压得不实" in x)
    assert "completed" in row and row.split("│")[-4].strip() == "4"  # its measures count


def test_tables_never_replace_tables_without_force(tmp_path):
    out = tmp_path / "t"
    args = CLI + ["tables", str(NOTICE), "-o", str(out)]
    assert subprocess.run(args, capture_output=True, cwd=ROOT).returncode == 0
    before = (out / "records.csv").read_bytes()
    r = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "E023" in r.stderr and (out / "records.csv").read_bytes() == before
    assert subprocess.run(args + ["--force"], capture_output=True, cwd=ROOT).returncode == 0
