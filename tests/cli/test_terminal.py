"""The command at a terminal and in a pipe: a table to read on a terminal, JSON and a summary
on stderr in a pipe, a closed pipe ending quietly, an 80-column terminal keeping every count."""
import json
import os
import pty
import shutil
import subprocess
import sys

from ..conftest import NOTICES, ROOT

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
