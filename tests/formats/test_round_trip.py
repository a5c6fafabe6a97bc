"""Every registered format: gold written and read back unchanged, and a file of another tool
named rather than misread."""
import pytest

from rectify_nlp.errors import AnnotationError
from rectify_nlp.io.annotations import read_annotations, write_annotations


@pytest.mark.parametrize("fmt", ["guide", "doccano", "label-studio", "prodigy"])
def test_formats_round_trip(tmp_path, gold, fmt):
    notice = gold["dongcheng-2023-xuncha"]
    out = tmp_path / f"x.{fmt}"
    write_annotations([notice], out, fmt)
    back = read_annotations(out, fmt)
    assert len(back) == 1
    assert back[0].text == notice.text
    assert [(s.start, s.end, s.label) for s in back[0].spans] == [(s.start, s.end, s.label) for s in notice.spans]


def test_a_file_of_another_tool_is_named_not_misread(tmp_path, gold):
    """Issue "No traps": a doccano export read as guide JSONL used to validate as 'ok' with no
    spans and train a model of F1 0."""
    from typer.testing import CliRunner

    from rectify_nlp.cli.main import app

    d = tmp_path / "d.jsonl"
    write_annotations([gold["muye-2025-xunshi"]], d, "doccano")
    with pytest.raises(AnnotationError, match="E014.*doccano"):
        read_annotations(d)
    g = tmp_path / "g.jsonl"
    write_annotations([gold["muye-2025-xunshi"]], g, "guide")
    with pytest.raises(AnnotationError, match="E014.*guide"):
        read_annotations(g, "doccano")
    r = CliRunner().invoke(app, ["validate", str(d)])
    assert r.exit_code == 1 and "--input-format doccano" in r.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"id": "x", "text": "整改情况：召开会议。", "spans": []}\n', encoding="utf-8")
    r = CliRunner().invoke(app, ["train", str(empty), "-o", str(tmp_path / "m")])
    assert r.exit_code == 2 and "E041" in r.output and not (tmp_path / "m").exists()
