"""One test per post-processing step: the guide rule it applies, on real notice text."""
import dataclasses

import pytest

import rectify_nlp
from rectify_nlp.config import POSTPROCESS_STEPS, Config
from rectify_nlp.decide import postprocess as pp
from rectify_nlp.features.analysis import analyse
from rectify_nlp.schema import Label

from ..conftest import ROOT

REAL = ROOT / "annotations" / "real" / "notices"


def _span(a, text, label, score=0.9):
    s = a.norm.text.index(text)
    return pp.Candidate(s, s + len(text), Label(label), score)


def _texts(a, spans):
    return [(a.norm.text[c.start:c.end], str(c.label)) for c in spans]


def test_steps_run_in_the_configured_order_and_each_has_a_switch():
    # a step's name is its function's: the one name a config's switch and the code share
    steps = {**pp.UNIT_STEPS, **pp.SPAN_STEPS}
    assert [step.__name__ for step in steps.values()] == list(steps) == list(POSTPROCESS_STEPS)
    assert list(Config().postprocess) == list(POSTPROCESS_STEPS)
    with pytest.raises(ValueError):
        Config.from_dict({"postprocess": {"no_such_step": True}})


def test_extend_field_problems_runs_to_the_end_of_the_paragraph():
    # the guide: `问题 1：学习不主动。2021 年 7 月以来…` — the problem is the whole description
    a = analyse("问题 1：学习不主动。2021 年 7 月以来，区党工委仅学习过 1 次。\n落实情况：一是召开会议。")
    labels = ["O"] * len(a.units)
    labels[0] = "B-problem"
    out = pp.extend_field_problems(a, labels)
    assert out[:2] == ["B-problem", "I-problem"]
    assert out[2] == "O"  # the next line (a field and its text) is not the problem


def test_extend_enumerated_items_runs_an_item_to_the_next_enumerator():
    # real-067: run-in items `一是…。…。二是…` each run to the next enumerator
    text = "一是提高政治站位。召开专题会议研究部署。成立领导小组。二是压实责任。制定整改方案。"
    a = analyse(text)
    labels = ["O"] * len(a.units)
    labels[0] = "B-measure"
    labels[3] = "B-measure"
    out = pp.extend_enumerated_items(a, labels)
    assert out == ["B-measure", "I-measure", "I-measure", "B-measure", "I-measure"]


def test_a_heading_alone_on_its_line_takes_the_paragraph_below():
    text = (REAL / "real-002.txt").read_text(encoding="utf-8")
    a = analyse(text)
    k = next(i for i, u in enumerate(a.units) if a.norm.text[u.core_start:u.core_end].startswith("迅速安排部署"))
    labels = ["O"] * len(a.units)
    labels[k] = "B-measure"
    out = pp.extend_enumerated_items(a, labels)
    assert out[k + 1] == "I-measure"  # the paragraph under `(一)迅速安排部署,切实履行主体责任`
    spans = pp.merge_units(a.units, out, [1.0] * len(a.units))
    assert a.norm.text[spans[0].start:spans[0].end].endswith("力促整改工作有序推进")


def test_trim_edges_keeps_a_quote_that_belongs_to_the_span():
    a = analyse("（一）“放管服效”改革不彻底。")
    s = a.norm.text.index("“")
    out = pp.trim_edges(a, [pp.Candidate(s - 1, len(a.norm.text), Label.problem, 0.9)])
    assert _texts(a, out) == [("“放管服效”改革不彻底", "problem")]


def test_strip_problem_wrappers():
    a = analyse("(2)主体责任扛得不牢问题整改情况。一是抓牢主体责任。\n(1)关于“会议纪要不规范”问题的整改\n")
    spans = [_span(a, "主体责任扛得不牢问题整改情况", "problem"), _span(a, "关于“会议纪要不规范”问题的整改", "problem")]
    assert _texts(a, pp.strip_problem_wrappers(a, spans)) == [("主体责任扛得不牢", "problem"),
                                                               ("会议纪要不规范", "problem")]


def test_strip_problem_wrappers_cuts_what_runs_on_after_the_wrapper():
    # real-134: `1.关于“…”的整改情况。已制定…` tagged as one problem; the quoted text is the
    # problem, up to the closing quote the wrapper follows (an inner quote stays in)
    a = analyse("1.关于“执行‘第一议题’制度不到位”的整改情况。已制定并印发《规则》,严格执行“第一议题”制度。\n"
                "(24)处置非法集资案件缓慢问题整改情况。多次召开会议研判部署。\n"
                "2.关于““三重一大”制度执行不严格”问题\n")
    spans = [_span(a, "关于“执行‘第一议题’制度不到位”的整改情况。已制定并印发《规则》,严格执行“第一议题”制度",
                   "problem"),
             _span(a, "处置非法集资案件缓慢问题整改情况。多次召开会议研判部署", "problem"),
             _span(a, "关于““三重一大”制度执行不严格”问题", "problem")]
    assert _texts(a, pp.strip_problem_wrappers(a, spans)) == [
        ("执行‘第一议题’制度不到位", "problem"), ("处置非法集资案件缓慢", "problem"),
        ("“三重一大”制度执行不严格", "problem")]


def test_drop_sign_offs():
    a = analyse("一、组织整改情况\n召开专题会议研究整改工作。\n特此通报。")
    spans = [_span(a, "召开专题会议研究整改工作", "measure"), _span(a, "特此通报", "measure")]
    assert _texts(a, pp.drop_sign_offs(a, spans)) == [("召开专题会议研究整改工作", "measure")]


def test_drop_cut_off_fragments_under_six_characters():
    # real-011 ends `…。五`, real-053 `…建立完`: fragments of a cut-off page stay unlabelled
    text = (REAL / "real-053.txt").read_text(encoding="utf-8")
    a = analyse(text)
    tail = a.norm.text.rstrip()[-3:]
    s = len(a.norm.text.rstrip()) - 3
    long = _span(a, "建立巡视整改专项督促检查工作机制", "measure")
    out = pp.drop_cut_off_fragments(a, [long, pp.Candidate(s, s + 3, Label.measure, 0.9)])
    assert tail == "建立完" and _texts(a, out) == [(a.norm.text[long.start:long.end], "measure")]


def test_cut_closing_section():
    text = (ROOT / "annotations" / "notices" / "shifanqu-2025-xuncha.txt").read_text(encoding="utf-8")
    a = analyse(text)
    assert a.closing_at < len(a.norm.text)
    inside = pp.Candidate(a.closing_at + 20, a.closing_at + 30, Label.measure, 0.9)
    before = pp.Candidate(a.closing_at - 30, a.closing_at - 20, Label.measure, 0.9)
    assert pp.cut_closing_section(a, [before, inside]) == [before]


def test_history_and_introduction_dates_are_not_deadlines():
    a = analyse("2025年7月10日至9月12日，市委第一巡察组进行了巡察。\n1.项目滞后。原定6月底完工，直至8月底才完工。\n"
                "整改情况：计划2026年3月底前完成。")
    intro = _span(a, "2025年7月10日至9月12日", "deadline")
    problem = _span(a, "项目滞后。原定6月底完工,直至8月底才完工", "problem")  # normalised: half-width
    history = _span(a, "直至8月底才完工", "deadline")
    planned = _span(a, "计划2026年3月底前完成", "deadline")
    kept = pp.drop_intro_deadlines(a, pp.drop_history_deadlines(a, [intro, problem, history, planned]))
    assert [str(c.label) for c in kept] == ["problem", "deadline"] and kept[1] == planned


def test_a_switched_off_step_does_not_run(gold):
    n = gold["muye-2025-xunshi"]
    model = rectify_nlp.load(ROOT / "models" / "default")
    on = rectify_nlp.extract(n.text, model=model)
    off_model = dataclasses.replace(model, config=model.config.replace(
        postprocess={**model.config.postprocess, "strip_problem_wrappers": False}))
    off = rectify_nlp.extract(n.text, model=off_model)
    assert any(r.problem.text == "主体责任扛得不牢" for r in on.records)
    assert not any(r.problem.text == "主体责任扛得不牢" for r in off.records)
