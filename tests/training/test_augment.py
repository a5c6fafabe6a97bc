"""Layout renderings (training/augment.py): every gold span moves with its text."""
from rectify_nlp import Config, load_corpus
from rectify_nlp.training.augment import LAYOUT_FAMILIES, RENDERERS, augment, records_of

from ..conftest import ROOT


def _sources():
    return load_corpus([ROOT / "annotations" / "dongcheng-2026-xuncha.jsonl",
                        ROOT / "annotations" / "heldout" / "heldout.jsonl"])


def _source_texts(notices):
    out = set()
    for n in notices:
        for s in n.spans:
            out.add((str(s.label), n.text[s.start:s.end]))
    return out


def test_every_rendered_span_is_its_source_span():
    notices = _sources()
    rendered = augment(notices, seed=3)
    assert {n.meta["layout"] for n in rendered} == set(RENDERERS)
    assert set(RENDERERS) <= set(LAYOUT_FAMILIES)
    source = _source_texts(notices)
    synthetic = 0
    for r in rendered:
        assert r.meta["rendered_from"] in {n.id for n in notices}
        for s in r.spans:
            assert s.text == r.text[s.start:s.end]  # offsets hold
            assert s.text.strip() == s.text and s.text
            if (str(s.label), s.text) not in source:
                # only statuses and deadline fields the layout itself writes are new text
                assert str(s.label) in ("status", "deadline"), (r.id, s)
                synthetic += 1
    assert synthetic  # the field layouts write their own status and deadline fields


def test_renderings_are_seeded():
    notices = _sources()
    a = [(n.id, n.text, n.spans) for n in augment(notices, seed=1)]
    b = [(n.id, n.text, n.spans) for n in augment(notices, seed=1)]
    c = [(n.id, n.text) for n in augment(notices, seed=2)]
    assert a == b
    assert [x[:2] for x in a] != c


def test_findings_list_rendering_holds_problems_only():
    notices = _sources()
    for r in augment(notices, ["findings-list"], seed=0):
        assert {str(s.label) for s in r.spans} <= {"problem", "metric", "deadline"}
        assert "发现的问题" in r.text


def test_a_table_rendering_has_a_header_row_and_one_row_per_problem():
    n = _sources()[0]
    items, _ = records_of(n)
    for r in augment([n], ["table"], seed=0):
        lines = r.text.split("\n")
        header = next(i for i, line in enumerate(lines) if "反馈问题" in line and "整改措施" in line)
        problems = sum(1 for s in r.spans if s.label == "problem")
        body = lines[header + 1:]
        body = body[:body.index("")] if "" in body else body  # the table ends at a blank line
        rows = [line for line in body if line[:1].isdigit()]
        assert len(rows) == problems


def test_the_switch_and_the_exclusions_live_in_config():
    from rectify_nlp.training.fit import renderings
    notices = _sources()
    assert renderings(notices, Config(augment=False)) == []
    fams = {r.meta["layout"] for r in renderings(notices, Config(augment_exclude=["table"]))}
    assert "table" not in fams and fams


def test_group_headings_worded_as_shortcomings_sit_a_level_above_their_items():
    # every family with headed items gets unlabelled group headings over its problems, and a
    # heading never shares its items' enumerator class (it would read as their sibling)
    import re

    from rectify_nlp.training.layout_renderers import NESTED_FAMILIES, _nested_enums

    assert _nested_enums("1.问题\n2.问题\n", groups=False) == ["（{cn}）"]
    assert _nested_enums("（1）问题\n", groups=True) == ["{k}.", "{k}. ", "{k}、"]
    assert _nested_enums("问题1：…\n（一）…\n", groups=True) == ["{k}.", "{k}. ", "{k}、"]
    notices = _sources()
    problems = {s.text for n in notices for s in n.spans if str(s.label) == "problem"}
    nested = set()
    for r in augment(notices, list(NESTED_FAMILIES), seed=0):
        labelled = {(s.start, s.end) for s in r.spans}
        for m in re.finditer(r"(?m)^(?:\d+[.、] ?|（[一二三四五六七八九十]+）)(.+?)。?$", r.text):
            if m.group(1) in problems and (m.start(1), m.start(1) + len(m.group(1))) not in labelled:
                nested.add(r.meta["layout"])
    assert nested == set(NESTED_FAMILIES)
