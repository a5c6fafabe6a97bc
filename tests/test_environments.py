"""Any environment: machine formats in UTF-8 whatever the locale, the table in the terminal's
encoding, file names that are not UTF-8, standard input, a closed stdout, a full disk, a
read-only place (issue 21, class 5)."""
import errno
import json
import os
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import rectify_nlp
from rectify_nlp.cli.main import app

from .conftest import NOTICES, ROOT

CLI = [sys.executable, "-m", "rectify_nlp.cli"]
NOTICE = NOTICES / "shifanqu-2025-xuncha.txt"
runner = CliRunner()


def _env(**extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING", "PYTHONUTF8"))}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def _locale(tmp_path_factory, name, charmap):
    """A generated locale (zh_CN.GBK, en_US.ISO-8859-1) in a private LOCPATH, or None."""
    if not shutil.which("localedef"):
        return None
    base, _ = name.split(".")
    where = tmp_path_factory.mktemp("locales")
    r = subprocess.run(["localedef", "-i", base, "-f", charmap, str(where / name)],
                       capture_output=True)
    return where if (where / name).exists() or r.returncode == 0 else None


ASCII = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def _environments(tmp_path_factory):
    envs = {"C locale, no UTF-8 mode": _env(**ASCII),
            "PYTHONIOENCODING=latin-1": _env(PYTHONIOENCODING="latin-1"),
            "PYTHONIOENCODING=gbk": _env(PYTHONIOENCODING="gbk")}
    for name, charmap in (("zh_CN.GBK", "GBK"), ("en_US.ISO-8859-1", "ISO-8859-1")):
        where = _locale(tmp_path_factory, name, charmap)
        if where:
            envs[name] = _env(LOCPATH=str(where), LC_ALL=name, PYTHONUTF8="0")
    return envs


@pytest.fixture(scope="module")
def environments(tmp_path_factory):
    return _environments(tmp_path_factory)


def _run(args, env):
    return subprocess.run(CLI + args, capture_output=True, env=env, cwd=ROOT)


def test_machine_formats_are_utf8_whatever_the_locale(environments, tmp_path):
    for name, env in environments.items():
        r = _run(["extract", str(NOTICE), "-f", "csv"], env)
        assert r.returncode == 0, (name, r.stderr[-800:])
        assert "示范区" in r.stdout.decode("utf-8")  # strict: never the locale's encoding
    # every machine format, under the two that broke them: no UTF-8 at all, and GBK
    for name in ("C locale, no UTF-8 mode", "zh_CN.GBK"):
        env = environments.get(name)
        if env is None:
            continue
        r = _run(["extract", str(NOTICE), str(NOTICES / "muye-2025-xunshi.txt"), "-f", "json"],
                 env)
        assert r.returncode == 0 and len(json.loads(r.stdout.decode("utf-8"))) == 2, name
        out = tmp_path / "out.jsonl"
        r = _run(["extract", str(NOTICE), "-f", "jsonl", "-o", str(out), "--force"], env)
        assert r.returncode == 0 and rectify_nlp.read_jsonl(out)[0].records, name
        r = _run(["evaluate", str(ROOT / "models" / "default"),
                  str(ROOT / "annotations" / "real" / "real-001.jsonl"), "-f", "json"], env)
        assert r.returncode == 0 and json.loads(r.stdout.decode("utf-8"))["labels"], name


def test_the_table_prints_in_the_terminals_encoding_without_crashing(environments):
    for name, env in environments.items():
        r = subprocess.run(CLI + ["extract", str(NOTICE), "-f", "table"], capture_output=True,
                           env=env, cwd=ROOT)
        assert r.returncode == 0 and b"Traceback" not in r.stderr, (name, r.stderr[-800:])
        assert b"records" in r.stdout


def test_file_names_that_are_not_utf8_are_read_and_written_back_as_given(tmp_path):
    raw = os.fsencode(tmp_path) + b"/\xd5\xfb\xb8\xc4.txt"  # 整改.txt in GBK, as unzip leaves it
    try:
        with open(raw, "wb") as f:
            f.write(NOTICE.read_bytes())
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    shutil.copy(NOTICE, tmp_path / "ok.txt")
    out = tmp_path / "out.jsonl"
    r = subprocess.run(CLI + ["extract", str(tmp_path), "-f", "jsonl", "-o", str(out)],
                       capture_output=True, cwd=ROOT, env=_env())
    assert r.returncode == 0 and b"Traceback" not in r.stderr, r.stderr[-800:]
    out.read_bytes().decode("utf-8")  # strict UTF-8
    notices = rectify_nlp.read_jsonl(out)
    assert len(notices) == 2 and all(n.records for n in notices)
    sources = {os.fsencode(n.source) for n in notices}
    assert raw in sources  # the name comes back byte for byte
    r = subprocess.run(CLI + ["extract", str(tmp_path / "*.txt"), "-f", "csv"],
                       capture_output=True, cwd=ROOT, env=_env())
    assert r.returncode == 0 and b"Traceback" not in r.stderr, r.stderr[-800:]
    assert b"\xd5\xfb\xb8\xc4" in r.stdout  # the id, written back as given
    n = rectify_nlp.extract(os.fsdecode(raw))
    assert n.records and os.fsencode(n.source) == raw


def test_standard_input_is_read_from_dash_and_from_a_pipe():
    data = NOTICE.read_bytes()
    for args in (["extract", "-", "-f", "json"], ["extract", "-f", "json"]):
        r = subprocess.run(CLI + args, input=data, capture_output=True, cwd=ROOT, env=_env())
        assert r.returncode == 0, r.stderr[-800:]
        notice = json.loads(r.stdout.decode("utf-8"))
        assert notice["id"] == "stdin" and len(notice["records"]) > 10
    r = subprocess.run(CLI + ["extract", "-", "-f", "json"], input=data.decode().encode("gb18030"),
                       capture_output=True, cwd=ROOT, env=_env())
    assert r.returncode == 0 and len(json.loads(r.stdout.decode("utf-8"))["records"]) > 10


def test_a_closed_or_missing_stdout_is_a_named_error_before_the_work():
    cmd = " ".join(CLI) + f" extract {NOTICE} -f json >&-"
    r = subprocess.run(cmd, shell=True, capture_output=False, stderr=subprocess.PIPE, text=True,
                       cwd=ROOT, env=_env())
    assert r.returncode == 2 and "E029" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert "files read" not in r.stderr  # refused before extracting


def test_a_full_disk_is_a_named_error(tmp_path, monkeypatch):
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            r = subprocess.run(CLI + ["extract", str(NOTICE), "-f", "json"], stdout=full,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT, env=_env())
        assert r.returncode == 2 and "E027" in r.stderr and "Traceback" not in r.stderr, r.stderr
    out = tmp_path / "out.json"
    out.write_text("[]", encoding="utf-8")  # an earlier (empty) result
    from rectify_nlp.io import atomic

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "replace", no_space)
    r = runner.invoke(app, ["extract", str(NOTICE), "-o", str(out), "--force"])
    assert r.exit_code == 2 and "E027" in r.output and "no space" in r.output
    assert out.read_text(encoding="utf-8") == "[]" and not list(tmp_path.glob(".*.tmp"))


def test_a_read_only_output_folder_is_refused_before_the_work(tmp_path, monkeypatch):
    ro = tmp_path / "ro"
    ro.mkdir()
    if os.geteuid() != 0:
        ro.chmod(0o555)
    else:  # root writes anywhere: simulate a read-only mount at the folder
        import tempfile
        real = tempfile.mkstemp

        def mkstemp(*args, dir=None, **kwargs):
            if dir is not None and os.path.realpath(dir).startswith(str(ro)):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS))
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    import rectify_nlp.training.fit as fit

    def no_training(*args, **kwargs):
        raise AssertionError("trained before checking the output")

    monkeypatch.setattr(fit, "train", no_training)
    try:
        for args in (["extract", str(NOTICE), "-o", str(ro / "out.json")],
                     ["tables", str(NOTICE), "-o", str(ro / "tables")],
                     ["train", str(ROOT / "annotations" / "real" / "real-001.jsonl"),
                      "-o", str(ro / "model")]):
            r = runner.invoke(app, args)
            assert r.exit_code == 2 and "E027" in r.output, (args, r.output)
            assert "files read" not in r.output
    finally:
        ro.chmod(0o755)
    assert list(ro.iterdir()) == []
