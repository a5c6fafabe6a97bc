"""io/discover.py: files named, directories (recursively when asked), globs."""
import shutil

from typer.testing import CliRunner

from rectify_nlp.cli.main import app

from ..conftest import NOTICES

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_globs_directories_and_version(tmp_path):
    r = run("extract", str(tmp_path / "*.txt"))
    assert r.exit_code == 2 and "matches no file" in r.output
    (tmp_path / "sub").mkdir()
    shutil.copy(NOTICES / "dongcheng-2023-xuncha.txt", tmp_path / "sub" / "x.txt")
    (tmp_path / "fake.txt").mkdir()  # a directory named like a notice is reported, not read
    r = run("extract", tmp_path, "--recursive", "-f", "jsonl")
    assert r.exit_code == 0 and len([x for x in r.stdout.splitlines() if x.startswith("{")]) == 1
    r = run("--version")
    assert r.exit_code == 0 and "rectify-nlp 0.2.0" in r.output


def test_a_double_star_glob_follows_no_link_and_reads_each_file_once(tmp_path):
    sub = tmp_path / "L" / "sub"
    sub.mkdir(parents=True)
    shutil.copy(NOTICES / "muye-2025-xunshi.txt", sub / "a.txt")
    (sub / "up").symlink_to("..")  # Python's glob read a.txt 201 times through it
    (tmp_path / "L" / "same.txt").symlink_to(sub / "a.txt")  # one file by two paths
    r = run("extract", str(tmp_path / "L" / "**" / "*.txt"), "-f", "jsonl")
    assert r.exit_code == 0
    assert len([x for x in r.stdout.splitlines() if x.startswith("{")]) == 1
    assert "1 of 1 files read" in r.output


def test_a_name_too_long_for_the_file_system_is_skipped_not_a_traceback(tmp_path):
    """A path argument longer than the file system allows (ENAMETOOLONG, which pathlib's
    is_dir does not swallow) is a file that cannot be read, named and skipped."""
    r = run("extract", tmp_path / ("长" * 2000))
    assert r.exit_code == 1 and "1 skipped" in r.output
