"""Every command says how it is used: an example and a help line on every option."""
import pytest


@pytest.mark.parametrize("command", ["extract", "train", "evaluate", "cv", "pre-annotate",
                                     "validate", "tables", "show", "labeling-config", "convert"])
def test_every_command_has_an_example_and_help_on_every_option(command):
    from typer.main import get_command

    from rectify_nlp.cli.main import app
    cmd = get_command(app).commands[command]
    assert "Example: rectify-nlp " + command in cmd.help
    for param in cmd.params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, f"{command} {param.opts} has no help line"


def test_python_m_rectify_nlp_is_the_command_line(tmp_path):
    """`python -m rectify_nlp` runs the same command line as `rectify-nlp` (where the script
    is not on PATH): its help, and an extract of a shipped notice."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    run = [sys.executable, "-m", "rectify_nlp"]
    r = subprocess.run(run + ["--help"], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0 and "Usage: rectify-nlp" in r.stdout
    notice = root / "annotations" / "notices" / "dongcheng-2023-xuncha.txt"
    r = subprocess.run(run + ["extract", str(notice), "-f", "json"], capture_output=True,
                       text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["records"]) >= 10
