"""``rectify-nlp tables``: the five tables, never replaced without --force."""
import subprocess
import sys

from ..conftest import NOTICES, ROOT

CLI = [sys.executable, "-m", "rectify_nlp.cli"]
NOTICE = NOTICES / "shifanqu-2025-xuncha.txt"


def test_tables_command_writes_the_notices_table(tmp_path):
    import pandas as pd
    r = subprocess.run(CLI + ["tables", str(NOTICES), "-o", str(tmp_path / "t")],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    nf = pd.read_csv(tmp_path / "t" / "notices.csv")
    assert sorted(nf.notice) == sorted(p.stem for p in NOTICES.glob("*.txt"))
    assert set(nf.source) == {str(p) for p in NOTICES.glob("*.txt")}

def test_tables_never_replace_tables_without_force(tmp_path):
    out = tmp_path / "t"
    args = CLI + ["tables", str(NOTICE), "-o", str(out)]
    assert subprocess.run(args, capture_output=True, cwd=ROOT).returncode == 0
    before = (out / "records.csv").read_bytes()
    r = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "E023" in r.stderr and (out / "records.csv").read_bytes() == before
    assert subprocess.run(args + ["--force"], capture_output=True, cwd=ROOT).returncode == 0

def test_cli_tables_csv(tmp_path):
    import pandas as pd
    from typer.testing import CliRunner

    from rectify_nlp.cli.main import app
    r = CliRunner().invoke(app, ["tables", str(ROOT / "annotations" / "notices" / "shifanqu-2025-xuncha.txt"),
                                 "-o", str(tmp_path / "t")])
    assert r.exit_code == 0, r.output
    df = pd.read_csv(tmp_path / "t" / "records.csv")
    assert len(df) == 22 and set(df.status) == {"completed", "long_term"}
