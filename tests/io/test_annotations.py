"""io/annotations.py, the annotation contract: validation errors name file, line and span; the
shipped corpora validate; a failed write leaves the old file."""
import json

import pytest

from rectify_nlp.errors import AnnotationError
from rectify_nlp.io.annotations import read_annotations, write_annotations

TEXT = "1.整改责任压得不实。\n完成情况:已完成\n整改情况:一是召开3次党工委会议;二是印发方案。"


def _write(tmp_path, spans, text=TEXT, name="a.jsonl"):
    p = tmp_path / name
    p.write_text("\n" + json.dumps({"id": "n1", "text": text, "spans": spans}, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    return p


def span(text, frag, label, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(frag, start + 1)
    return {"start": start, "end": start + len(frag), "label": label}


def good_spans():
    return [span(TEXT, "整改责任压得不实", "problem"), span(TEXT, "已完成", "status"),
            span(TEXT, "召开3次党工委会议", "measure"), span(TEXT, "召开3次党工委会议", "metric"),
            span(TEXT, "印发方案", "measure")]


def test_valid_file_reads(tmp_path):
    notices = read_annotations(_write(tmp_path, good_spans()))
    assert [s.label for s in notices[0].spans] == ["problem", "status", "measure", "metric", "measure"]
    assert notices[0].spans[0].text == "整改责任压得不实"


@pytest.mark.parametrize("mutate, code", [
    (lambda s: s[0].update(end=999), "E003"),
    (lambda s: s[0].update(end=s[0]["start"]), "E004"),
    (lambda s: s[1].update(label="solution"), "E005"),
    (lambda s: s[1].update(start=s[0]["start"] + 2, end=s[0]["end"] + 3), "E006"),
    (lambda s: s[0].update(start=s[0]["start"] - 1), "E007"),
    (lambda s: s[0].update(text="别的文字"), "E008"),
])
def test_malformed_span_is_named(tmp_path, mutate, code):
    spans = good_spans()
    mutate(spans)
    with pytest.raises(AnnotationError) as err:
        read_annotations(_write(tmp_path, spans))
    msg = str(err.value)
    assert msg.startswith(code)
    # the file, the line (the JSON sits on line 2) and the span are named
    assert "a.jsonl: line 2" in msg and "span #" in msg


def test_not_json_and_wrong_encoding_are_named(tmp_path):
    p = tmp_path / "b.jsonl"
    p.write_text('{"id": 1, "text": "x"\n', encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"E001: .*b.jsonl: line 1"):
        read_annotations(p)
    g = tmp_path / "c.jsonl"
    g.write_bytes(json.dumps({"id": "n", "text": "整改情况", "spans": []}, ensure_ascii=False).encode("gbk"))
    with pytest.raises(AnnotationError, match="E010"):
        read_annotations(g)
    e = tmp_path / "e.jsonl"
    e.write_text("\n\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="E011"):
        read_annotations(e)


def test_gold_corpus_matches_the_guide(gold):
    """The shipped gold validates and holds what annotations/README.md counts."""
    counts = {}
    for n in gold.values():
        for s in n.spans:
            if n.meta["split"] == "full":
                counts[s.label] = counts.get(s.label, 0) + 1
            assert s.text == n.text[s.start:s.end]
    assert counts["problem"] == 117
    assert counts["status"] == 44          # dongcheng-2023 and dongcheng-2026 state one per problem
    assert counts["measure"] > 300 and counts["metric"] > 400 and counts["deadline"] >= 15
    muye = gold["muye-2025-xunshi"]
    problems = [s.text for s in muye.spans if s.label == "problem"]
    assert "主体责任扛得不牢" in problems      # wrapper "问题整改情况" stays outside
    assert not any(s.label == "status" for s in muye.spans)


def test_write_never_leaves_a_half_file(tmp_path, gold):
    out = tmp_path / "g.jsonl"
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(AnnotationError):
        write_annotations([gold["muye-2025-xunshi"]], out, "brat")
    assert out.read_text(encoding="utf-8") == "keep me"


def test_real_corpus_is_all_annotated_with_its_sources(gold):
    """All 149 real notice beginnings, each with its page's URL, site group and split."""
    real = [n for n in gold.values() if n.meta.get("split") == "real"]
    assert len(real) == 149
    assert sum(n.meta["second_pass"] for n in real) >= 15
    for n in real:
        assert n.meta["source"].startswith("http") or n.meta["source"] == "(none)"
        assert n.meta["group"]
    counts = {}
    for n in real:
        for s in n.spans:
            counts[s.label] = counts.get(s.label, 0) + 1
    assert counts["measure"] > 150 and counts["metric"] > 50
    # the traditional-script repost: its items are measures like any other
    assert any(s.label == "measure" for s in gold["real-059"].spans)


def test_overlapping_structure_spans_name_both_labels_plainly(tmp_path):
    spans = good_spans()
    spans[1].update(start=spans[0]["start"] + 2, end=spans[0]["end"] + 3)
    with pytest.raises(AnnotationError, match="E006") as err:
        read_annotations(_write(tmp_path, spans))
    assert "'problem'" in str(err.value) and "Label." not in str(err.value)
