"""Numbers, units and dates as the guide's examples write them."""
import pytest

from rectify_nlp.assemble.dates import kind, resolve
from rectify_nlp.assemble.quantities import parse_quantities
from rectify_nlp.text.normalise import normalise


def q(text):
    n = normalise(text)
    return [(x.value, x.unit) for x in parse_quantities(n, 0, len(n.text))]


@pytest.mark.parametrize("text, expected", [
    ("完成融资7.989亿元", [(798900000.0, "元")]),
    ("在线率提升至84%", [(84.0, "%")]),
    ("全市排名第3位", [(3.0, "位")]),
    ("党纪政务处分 8 人", [(8.0, "人")]),
    ("走访全区1.2万家小微企业", [(12000.0, "家")]),
    ("召开两次会议", [(2.0, "次")]),
    ("三家企业", [(3.0, "家")]),
    ("比例小于4/5", [(0.8, "")]),
    ("参会人数均符合不少于三分之二要求", [(pytest.approx(2 / 3), "")]),
    ("较整改前增加约1万元/亩", [(10000.0, "元")]),
    ("开展宣讲370余场", [(370.0, "场")]),
    ("提高2.5个百分点", [(2.5, "个百分点")]),
    ("许魏发〔2023〕9号", []),
    ("2025年12月12日印发", []),
])
def test_quantities(text, expected):
    assert q(text) == expected


@pytest.mark.parametrize("clause, year, date, precision, k", [
    ("2026年6月底前完成李庄社区供水改造工作", None, "2026-06-30", "month", "planned"),
    ("计划2026年3月进场施工", None, "2026-03-31", "month", "planned"),
    ("预计可在2月中旬前完成上会审批", 2026, "2026-02-20", "day", "planned"),
    ("该问题已于 2022 年 9 月 23 日前整改完毕", None, "2022-09-23", "day", "met"),
    ("德星路小学已于2025年秋季学期建成投用", None, "2025-11-30", "quarter", "met"),
    ("12月中旬完成", 2023, "2023-12-20", "day", "planned"),
    ("计划于2026年1月成立正式党支部", None, "2026-01-31", "month", "planned"),
])
def test_deadlines(clause, year, date, precision, k):
    r = resolve(clause, year)
    assert (r.date, r.precision) == (date, precision)
    assert kind(clause) == k
