"""The rules-only reader (``layout.rule_labels``) on real excerpts: what it labels each unit.

Its labels are a feature of the shipped model and the baseline's whole labelling, so a change
to any of them changes what the model sees; these excerpts (from the annotated notices and the
test layouts) pin them down, one layout each.
"""
import pytest

from rectify_nlp.features.analysis import analyse
from rectify_nlp.layout.rule_labels import State, rule_unit_labels
from rectify_nlp.layout.sections import closing_start
from rectify_nlp.layout.tables import table_fields

from ..conftest import ROOT

DONGCHENG = "annotations/notices/dongcheng-2023-xuncha.txt"
SHIFANQU = "annotations/notices/shifanqu-2025-xuncha.txt"


def _lines(path: str, first: int, last: int) -> str:
    return "\n".join((ROOT / path).read_text(encoding="utf-8").split("\n")[first - 1 : last])


# (excerpt: file and line range, then each content unit's opening and its rule label)
CASES = {
    "notice-level items before any problem": (
        (DONGCHENG, 11, 17),
        [("扛起主体责任", "O"), ("我区高度重视", "O"), ("强化领导责任", "B-measure"),
         ("第一时间成立", "I-measure"), ("2022年12", "I-measure")],
    ),
    "problems, measures and statuses after field names": (
        (DONGCHENG, 29, 45),
        [("责任意识不够强", "O"), ("关于学习贯彻", "O"), ("学习不主动", "B-problem"),
         ("2021年7月", "I-problem"), ("东城党工委", "B-measure"), ("自整改以来", "B-measure"),
         ("已完成", "B-status"), ("18次中心组", "B-problem"), ("把习近平", "B-measure"),
         ("2022年下半年", "B-measure"), ("已完成", "B-status")],
    ),
    "a problem heading, then its running measures after a field": (
        (SHIFANQU, 7, 13),
        [("已完成的整改任务", "O"), ("示范区党工委", "B-problem"), ("成立示范区", "B-measure"),
         ("领导小组下设", "I-measure"), ("定期听取", "B-measure"), ("开展督导检查", "I-measure"),
         ("明确由党工委", "B-measure"), ("整改期间", "I-measure")],
    ),
    "numbered measures on lines of their own": (
        ("tests/data/numbered_measures.txt", 5, 16),
        [("关于党的领导", "O"), ("关于“学习贯彻", "B-problem"), ("制定区委", "B-measure"),
         ("开展“理论", "B-measure"), ("计划于2024", "B-measure"), ("已完成", "B-status"),
         ("关于“意识形态", "B-problem"), ("修订《意识", "B-measure"), ("对12个单位", "B-measure"),
         ("阶段性完成", "B-status")],
    ),
    "a table turned into text: the column says what a cell holds": (
        ("tests/data/table_layout.txt", 5, 8),
        [("序号", "O"), ("反馈问题", "O"), ("整改措施", "O"), ("整改时限", "O"), ("完成情况", "O"),
         ("1", "O"), ("理论学习中心组", "B-problem"), ("制定年度", "B-measure"),
         ("建立学习", "B-measure"), ("2024年10", "O"), ("已完成", "B-status"),
         ("2", "O"), ("村级财务", "B-problem"), ("对全县", "B-measure"), ("追回违规", "B-measure"),
         ("长期坚持", "O"), ("阶段性完成", "B-status"),
         ("3", "O"), ("安全生产", "B-problem"), ("组织开展", "B-measure"), ("2024年12", "O"),
         ("已完成", "B-status")],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_rule_labels_on_real_excerpts(name):
    (path, first, last), expected = CASES[name]
    a = analyse(_lines(path, first, last))
    got = [(a.norm.text[u.core_start : u.core_end], c.rule_label)
           for u, c in zip(a.all_units, a.all_contexts) if u.core_start < u.core_end]
    assert len(got) == len(expected), got
    for (core, label), (opening, want) in zip(got, expected):
        assert core.startswith(opening), (core, opening)
        assert label == want, (core, label, want)


def test_the_reader_stops_at_the_closing_section():
    a = analyse(_lines(DONGCHENG, 29, 45))
    columns = table_fields(a.norm, a.all_units)
    stop = closing_start(a.norm, a.all_units)
    full = rule_unit_labels(a.norm, a.all_units, columns, stop)
    assert rule_unit_labels(a.norm, a.all_units, columns, 4) == full[:4] + ["O"] * (len(full) - 4)


def test_every_state_is_one_the_reader_can_be_in():
    # one handler per state, and no state without one (dead states are deleted, not kept)
    from rectify_nlp.layout.rule_labels import _HANDLERS

    assert set(_HANDLERS) == set(State)
