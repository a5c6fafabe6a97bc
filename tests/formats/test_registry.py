"""formats/: one registry.  A format registered from outside the package (one object with what
``formats.base.Format`` names) is read and written through the public API and the command
line like the built-in ones; the library dispatches on no format name anywhere else."""
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rectify_nlp
from rectify_nlp.formats import registry as formats
from rectify_nlp.cli.main import app
from rectify_nlp.errors import AnnotationError
from rectify_nlp.formats.base import Record, Review, read_lines

PACKAGE = Path(rectify_nlp.__file__).parent


class Toy:
    """A notice a line: ``id <TAB> "text" (a JSON string) <TAB> start:end:label,...``; ``?``
    before the id marks a line nobody reviewed."""

    name = "toy"
    suffix = ".toy"
    kind = "annotations"
    binary = False
    readable = writable = predictions = True

    def looks_like(self, obj):
        return None

    def read(self, path, errors, predictions):
        out = []
        for n, line in enumerate(read_lines(path), 1):
            if not line:
                continue
            nid, text, spans = line.split("\t")
            text = json.loads(text)
            raw = [dict(zip(("start", "end", "label"), s.split(":"))) for s in spans.split(",") if s]
            raw = [{"start": int(s["start"]), "end": int(s["end"]), "label": s["label"]} for s in raw]
            review = Review.PENDING if nid.startswith("?") else Review.GOLD
            out.append((Record(nid.lstrip("?"), text, raw, {}, review), f"{path}: line {n}"))
        return out

    def write(self, notices, predictions, model_version):
        mark = "?" if predictions else ""
        return "".join(
            f"{mark}{n.id}\t{json.dumps(n.text)}\t" + ",".join(f"{s.start}:{s.end}:{s.label}" for s in n.spans)
            + "\n"
            for n in notices
        )


@pytest.fixture
def toy():
    formats.register(Toy())
    yield
    formats.unregister("toy")


def test_a_registered_format_reads_and_writes_through_the_api(tmp_path, gold, toy):
    notice = gold["dongcheng-2023-xuncha"]
    out = tmp_path / "x.toy"
    rectify_nlp.write_annotations([notice], out, "toy")
    back = rectify_nlp.read_annotations(out, "toy")
    assert [(s.start, s.end, s.label, s.text) for s in back[0].spans] == [
        (s.start, s.end, s.label, s.text) for s in notice.spans
    ]
    # a directory of its files is found by its suffix, and the corpus checks ids across files
    assert [n.id for n in rectify_nlp.load_corpus([tmp_path], "toy")] == [notice.id]
    # predictions nobody reviewed are not gold, in this format as in every other
    pending = tmp_path / "pending" / "x.toy"
    pending.parent.mkdir()
    rectify_nlp.write_annotations([notice], pending, "toy", predictions=True)
    with pytest.raises(AnnotationError, match="E016"):
        rectify_nlp.read_annotations(pending, "toy")
    assert len(rectify_nlp.read_annotations(pending, "toy", predictions=True)) == 1
    # a bad span is named by the one validation every format goes through
    out.write_text(f"n1\t{json.dumps(notice.text)}\t0:999999:problem\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"E003: .*x\.toy: line 1, span #0"):
        rectify_nlp.read_annotations(out, "toy")


def test_a_registered_format_is_a_choice_of_the_command_line(tmp_path, toy):
    runner = CliRunner()
    gold = Path(__file__).resolve().parents[2] / "annotations" / "shifanqu-2025-xuncha.jsonl"
    out = tmp_path / "s.toy"
    r = runner.invoke(app, ["convert", str(gold), "-o", str(out), "--to", "toy"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["validate", str(tmp_path), "--input-format", "toy"])
    assert r.exit_code == 0 and "1 notice ok" in r.output and "problem" in r.output, r.output
    formats.unregister("toy")
    r = runner.invoke(app, ["validate", str(out), "--input-format", "toy"])
    assert r.exit_code == 2 and "'toy' is not one of" in r.output


def test_unknown_and_write_only_formats_are_named_errors(tmp_path, gold):
    with pytest.raises(AnnotationError, match="E013.*'brat'.*guide, doccano, label-studio, prodigy"):
        rectify_nlp.read_annotations(tmp_path / "x", "brat")
    with pytest.raises(AnnotationError, match="E013.*'spacy'"):  # a DocBin is written only
        rectify_nlp.read_annotations(tmp_path / "x", "spacy")


def test_no_format_name_is_dispatched_on_outside_the_registry():
    names = [n for n in formats.names() if n != "guide"]  # "guide" is every reader's default
    pattern = re.compile(r"""(fmt|format|to)\s*[!=]=|["'](%s)["']""" % "|".join(map(re.escape, names)))
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "formats":
            continue
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line.split("#")[0]):
                found.append(f"{path.relative_to(PACKAGE)}:{k}: {line.strip()}")
    assert found == []


def test_an_incomplete_format_is_refused_and_the_others_still_read(gold):
    """A format missing part of the protocol (here ``looks_like`` and ``predictions``) is
    refused when registered, so reading the built-in formats never meets it."""
    class Half:
        name = "half"
        suffix = ".half"
        kind = "annotations"

        def read(self, path, errors, predictions):
            return []

        def write(self, notices, predictions, model_version):
            return ""

    with pytest.raises(rectify_nlp.RectifyError, match="E038.*looks_like"):
        formats.register(Half())
    assert "half" not in formats.names()
    path = Path(rectify_nlp.__file__).parents[1] / "annotations" / "dongcheng-2023-xuncha.jsonl"
    assert rectify_nlp.read_annotations(path)[0].id == "dongcheng-2023-xuncha"
