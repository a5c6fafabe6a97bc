"""Spans to records (``assemble/records.py``): each problem owns what follows it up to the next
problem; what comes before the first problem belongs to the notice (the guide's "Records")."""
import pytest

from rectify_nlp.assemble.records import assemble, drop_below, owners, record_confidence, topical
from rectify_nlp.schema import Label, Span
from rectify_nlp.text.normalise import normalise
from rectify_nlp.text.segment import units

# dongcheng-2023's layout, shortened: a notice-level measure, then two problems with theirs
TEXT = ("（一）强化领导责任。成立整改工作领导小组。\n"
        "问题 1：学习不主动。\n落实情况：制定学习计划。\n整改进度：已完成，长期坚持。\n"
        "问题 2：18 次中心组理论学习中，均没有安排相关内容的学习。\n"
        "落实情况：纳入理论中心组学习计划。")


def _span(label, text, confidence=0.9):
    s = TEXT.index(text)
    return Span(s, s + len(text), Label(label), text, confidence)


SPANS = [
    _span("measure", "成立整改工作领导小组"),
    _span("problem", "学习不主动"),
    _span("measure", "制定学习计划"),
    _span("status", "已完成，长期坚持", 0.8),
    _span("problem", "18 次中心组理论学习中，均没有安排相关内容的学习", 0.5),
    _span("measure", "纳入理论中心组学习计划"),
]


def test_each_span_is_owned_by_the_last_problem_before_it():
    assert owners(SPANS) == [None, None, 0, 0, None, 1]


def test_records_take_what_their_problem_owns_and_the_notice_keeps_the_rest():
    norm = normalise(TEXT)
    records, general, notice_metrics = assemble(TEXT, norm, units(norm), SPANS)
    assert [r.problem.text for r in records] == [SPANS[1].text, SPANS[4].text]
    assert [[m.text for m in r.measures] for r in records] == [["制定学习计划"], ["纳入理论中心组学习计划"]]
    # a stage outranks the habit that follows it (README, statuses)
    assert (records[0].status.value, records[0].status.source) == ("completed", "span")
    assert [m.text for m in general] == ["成立整改工作领导小组"] and notice_metrics == []
    for r in records:
        assert TEXT[r.problem.start:r.problem.end] == r.problem.text


@pytest.mark.parametrize("problem, parts, expected", [
    (0.9, [], 0.9),  # a bare problem is as sure as itself
    (0.9, [("measure", 0.8), ("status", 0.6)], 0.63),  # times the mean of its parts
    (0.9, [("metric", 0.1), ("deadline", 0.1)], 0.9),  # details do not count
])
def test_a_records_confidence(problem, parts, expected):
    p = Span(0, 1, Label.problem, "x", problem)
    owned = [Span(0, 1, Label(lab), "x", c) for lab, c in parts]
    assert record_confidence(p, owned) == pytest.approx(expected)


def test_a_problem_below_the_floor_goes_with_what_it_owns():
    norm = normalise(TEXT)
    records, general, metrics = assemble(TEXT, norm, units(norm), SPANS)
    spans, kept, general, metrics = drop_below(SPANS, records, general, metrics, 0.6)
    assert [r.problem.text for r in kept] == ["学习不主动"]
    assert "纳入理论中心组学习计划" not in [s.text for s in spans]  # its problem went
    assert [s.text for s in general] == ["成立整改工作领导小组"]


def test_wrapper_and_status_headings_are_no_topics():
    path = ("二、巡视反馈问题整改落实情况", "一、已完成的整改任务", "(一)党的领导方面")
    assert topical(path) == ("(一)党的领导方面",)
