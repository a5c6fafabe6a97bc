"""Record fields in the wordings other notices use, read through ``extract`` as a user would:
a real notice (dongcheng-2026) with one measure's text opened by the figure or date."""

from pathlib import Path

import pytest

import rectify_nlp

ROOT = Path(__file__).resolve().parents[1]
NOTICE = (ROOT / "annotations" / "notices" / "dongcheng-2026-xuncha.txt").read_text("utf-8")
AT = NOTICE.index("整改情况:一是") + len("整改情况:")


def _with(sentence):
    text = NOTICE[:AT] + sentence + NOTICE[AT:]
    notice = rectify_nlp.extract(text)
    rec = next(r for r in notice.records if r.problem.start < AT < (r.measures[-1].end if r.measures else 0))
    here = lambda s: AT <= s.start < AT + len(sentence)  # noqa: E731
    return rec, here


def test_a_thousands_comma_keeps_the_whole_figure():
    rec, here = _with("共清理资金1,234.5万元，约1,200人次参加。")
    values = [(q.value, q.unit, q.approx) for m in rec.metrics if here(m.span) for q in m.quantities]
    assert values == [(12345000.0, "元", False), (1200.0, "人次", True)]


@pytest.mark.parametrize("sentence,date", [
    ("计划于2025/12/31前完成全部整改。", "2025-12-31"),
    ("计划2025.12底前完成。", "2025-12-31"),
])
def test_a_date_in_figures_is_a_deadline(sentence, date):
    rec, here = _with(sentence)
    assert [d.date for d in rec.deadlines if here(d.span)] == [date]
    assert not [m for m in rec.metrics if here(m.span)]  # a date is not a ratio 2025/12


def test_a_rate_in_words_is_a_percent():
    rec, here = _with("整改完成率达到百分之八十。")
    assert [(q.value, q.unit) for m in rec.metrics if here(m.span) for q in m.quantities] == [
        (80.0, "%")
    ]
