"""Quantities with a kind, table-driven from wordings of the corpora (annotations/)."""

from pathlib import Path

import pytest

import rectify_nlp
from rectify_nlp.assemble.quantities import parse_quantities
from rectify_nlp.schema import Quantity
from rectify_nlp.text.normalise import normalise

ROOT = Path(__file__).resolve().parents[2]


def read(text):
    n = normalise(text)
    return [(q.value, q.upper, q.unit, q.kind, q.approx) for q in parse_quantities(n, 0, len(n.text))]


# (wording, [(value, upper, unit, kind, approx), ...])
CASES = [
    ("每月定期开展2次水质抽样", [(2, None, "次", "frequency", False)]),
    ("每月召开两次", [(2, None, "次", "frequency", False)]),
    ("每季度至少1次", [(1, None, "次", "frequency", False)]),
    ("全市排名第3位", [(3, None, "位", "rank", False)]),
    ("内(含省直医院)排名第13名", [(13, None, "名", "rank", False)]),
    ("倒数第3名", [(3, None, "名", "rank", False)]),
    ("13个地级市中排名第8", [(13, None, "个", "count", False)]),
    ("已申报第一批高企2家", [(2, None, "家", "count", False)]),
    ("第二批12个项目", [(2, None, "批", "ordinal", False), (12, None, "个", "count", False)]),
    ("十五届", [(15, None, "届", "ordinal", False)]),
    ("召开第32次专题会", [(32, None, "次", "ordinal", False)]),
    ("共计160余人", [(160, None, "人", "count", True)]),
    ("受众6000余人", [(6000, None, "人", "count", True)]),
    ("组织党员干部1200余人次接受警示教育", [(1200, None, "人次", "count", True)]),
    ("视频20余个", [(20, None, "个", "count", True)]),
    ("区科级及以上干部200余人", [(200, None, "人", "count", True)]),
    ("增加约1万元", [(10000, None, "元", "amount", True)]),
    ("30余个小区", [(30, None, "个", "count", True)]),
    ("3-5个", [(3, 5, "个", "count", False)]),
    ("3至5人", [(3, 5, "人", "count", False)]),
    ("培训干部200名左右", [(200, None, "名", "count", True)]),
    ("完成比例87.5%", [(87.5, None, "%", "percent", False)]),
    ("整改完成率100%", [(100, None, "%", "percent", False)]),
    ("下降2.3个百分点", [(2.3, None, "个百分点", "percent", False)]),
    ("7.989亿元", [(798900000, None, "元", "amount", False)]),
    ("三十五点六万元", [(356000, None, "元", "amount", False)]),
    ("1/3的村", [(round(1 / 3, 6), None, "", "ratio", False)]),
    ("三分之一", [(round(1 / 3, 6), None, "", "ratio", False)]),
    ("增长1.5倍", [(1.5, None, "倍", "ratio", False)]),
    ("整治道路12公里", [(12, None, "公里", "amount", False)]),
    ("约谈3名干部", [(3, None, "名", "count", False)]),
    ("问责12人", [(12, None, "人", "count", False)]),
    # other wordings of the same figures: thousands commas, 百分之…, tenths
    ("追回资金1,234.5万元", [(12345000, None, "元", "amount", False)]),
    ("涉及3,200人", [(3200, None, "人", "count", False)]),
    ("整改3个问题,200人参加", [(3, None, "个", "count", False), (200, None, "人", "count", False)]),
    ("完成率达百分之八十", [(80, None, "%", "percent", False)]),
    ("百分之九十五点五", [(95.5, None, "%", "percent", False)]),
    ("近三成村级账目未公开", [(0.3, None, "成", "ratio", True)]),
    ("一成不变", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_quantity_kinds(text, expected):
    got = read(text)
    assert [(v, u, un, k, a) for v, u, un, k, a in got] == [
        (pytest.approx(v), u, un, k, a) for v, u, un, k, a in expected
    ]


# (wording, [(value, unit), ...]): the guide's examples, and Chinese numeral amounts
VALUES = [
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
    ("投入资金二百一十万元", [(2_100_000.0, "元")]),
    ("收回资金三十五点六万元", [(356_000.0, "元")]),
]


@pytest.mark.parametrize("text,expected", VALUES, ids=[c[0] for c in VALUES])
def test_values_and_units(text, expected):
    assert [(v, un) for v, _, un, _, _ in read(text)] == expected


def test_a_quantity_reads_back_old_json_as_a_count():
    q = Quantity.from_dict({"value": 3, "unit": "人", "start": 0, "end": 2})
    assert (q.kind, q.upper, q.approx) == ("count", None, False)
    assert Quantity.from_dict(q.to_dict()) == q


def test_summing_people_over_the_shipped_notices_leaves_ranks_out():
    files = sorted((ROOT / "annotations" / "notices").glob("*.txt"))
    notices = list(rectify_nlp.extract_many(files))
    texts = {n.id: n.text for n in notices}
    m = rectify_nlp.to_frames(notices)["metrics"]
    assert set(m["kind"].dropna()) <= {
        "count", "amount", "percent", "ratio", "rank", "frequency", "ordinal"}
    people = m[m["unit"].isin(["名", "人"]) & (m["kind"] == "count")]
    total = people["value"].sum()  # the README's recipe
    assert len(people) > 0 and total > 0
    for _, row in people.iterrows():
        before = texts[row["notice"]][max(0, int(row["quantity_start"]) - 3):int(row["quantity_start"])]
        assert not before.endswith("第") and "倒数" not in before, row["text"]


def test_chinese_numeral_amounts_are_quantities():
    from rectify_nlp.assemble.quantities import parse_quantities
    from rectify_nlp.text.normalise import normalise
    for text, value in [("投入资金二百一十万元", 2_100_000.0), ("收回资金三十五点六万元", 356_000.0)]:
        n = normalise(text)
        assert [(q.value, q.unit) for q in parse_quantities(n, 0, len(n.text))] == [(value, "元")]

