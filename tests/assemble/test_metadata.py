"""The metadata reader on real wordings, and the Metadata value (issue 18).

Gold: tests/data/meta/<id>.meta.json, copies of the annotators' notice metadata
(annotations/real/pass1/real-NNN.meta.json, annotations/review/<id>.meta.json)."""

import json
from pathlib import Path

import pytest

from rectify_nlp.assemble.metadata import extract_metadata
from rectify_nlp.evaluation.metadata import same, score_metadata
from rectify_nlp.metadata import FIELDS, Metadata, MetaValue
from rectify_nlp.schema import Notice

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "meta"
TEXTS = (ROOT / "annotations" / "real" / "notices", ROOT / "annotations" / "notices")


def _text(nid):
    return next(d / f"{nid}.txt" for d in TEXTS if (d / f"{nid}.txt").exists()).read_text("utf-8")


def _gold(nid):
    return json.loads((GOLD / f"{nid}.meta.json").read_text("utf-8"))


# (notice, field): a wording of the list, each from a real notice
CASES = [
    ("real-001", "feedback_date"),               # 2024年12月30日,区委第二巡察组向…反馈了巡察意见
    ("real-017", "feedback_date"),               # 7月24日,市委第…向…反馈 (year from the period)
    ("real-019", "feedback_date"),               # 并于2024年1月4日反馈了巡察意见
    ("real-113", "feedback_date"),               # 并于6月16日反馈
    ("real-003", "inspection_period.start"),     # 2023年7月6日-9月6日
    ("real-003", "inspection_period.end"),
    ("real-014", "inspection_period.end"),       # 至2023年6月25日
    ("real-113", "inspection_period.start"),     # 巡察组于2021年3月8日至4月12日,对…
    ("real-099", "inspection_period.start"),     # traditional script: 巡視組對…開展巡視
    ("real-099", "inspecting_body"),
    ("real-124", "inspection_period.end"),       # 2019年5月6日至6月5日,市委第二巡察組
    ("real-124", "issuer"),                      # 對荊門廣播電視臺黨委進行了巡察 (its own script)
    ("real-089", "issuer"),
    ("real-070", "issuer"),                      # 来源:中共天津市东丽区委办公室
    ("real-071", "issuer"),                      # 文章来源: 中共天津市静海区委员会
    ("real-098", "issuer"),                      # a commission's site name above the title
    ("real-006", "issuer"),                      # 门户网站 … 中共梅州市交通运输局党组关于
    ("real-136", "issuer"),                      # 【巡察进行时】台州湾…党工委关于
    ("real-024", "issuer"),                      # 对郑州市进行了巡视 … 郑州市委
    ("real-063", "issuer"),                      # 对中共中山市人民检察院党组(以下简称…)
    ("real-030", "issuer"),                      # 对县委宣传部(含…)
    ("real-135", "issuer"),                      # 连云港…(海州经济开发区)党工委
    ("real-041", "issuer"),                      # 中共杭州市委关于⏎十九届…
    ("real-019", "inspecting_body"),             # 八届市委巡察四组
    ("real-061", "inspecting_body"),             # 七届市委第十二轮巡察一组
    ("real-126", "inspecting_body"),             # 十二届南通市委第八轮巡察二组
    ("real-084", "inspecting_body"),             # 区委4个巡察组
    ("real-120", "inspecting_body"),             # 市委第一巡察組、第六巡察組
    ("real-132", "inspecting_body"),             # 宁德市委巡察三组
    ("real-137", "inspecting_body"),             # 昌吉州党委第四巡察组
    ("real-066", "inspecting_body"),             # 教育部党组第三巡视组
    ("real-055", "inspecting_body"),             # 区委营商环境专项巡察组
    ("real-128", "inspecting_body"),             # 根据市委巡察三组的反馈意见
    ("real-076", "inspecting_body"),             # …关于市委第六巡察组反馈意见
    ("real-003", "publication_date"),            # 2024-01-18 under the title
    ("real-019", "publication_date"),            # 通报2025年02月17日17:21来源
    ("real-056", "publication_date"),            # (2024-07-26)
    ("real-055", "publication_date"),            # 发布日期:2022-12-08
    ("real-071", "publication_date"),            # 更新时间:2022/08/04
    ("dongcheng-2026-xuncha", "publication_date"),  # 【信息时间:2026-02-13
    ("shifanqu-2025-xuncha", "publication_date"),   # sign-off 工委 2025年10月23日
    ("real-020", "counts.problems_reported"),    # 反馈的4个方面33个问题
    ("real-119", "counts.problems_reported"),    # 40项整改任务
    ("real-091", "counts.problems_reported"),    # 3个方面的7项问题,细化分解为20个具体问题
    ("real-091", "counts.completed"),            # 已完成整改20个
    ("real-091", "counts.completion_rate"),      # 整改完成率100%
    ("real-105", "counts.completed"),
    ("real-147", "counts.completed"),
    ("real-147", "counts.in_progress"),
    ("real-013", "counts.problems_reported"),    # null: not a count of fed-back problems
    ("muye-2025-xunshi", "counts.in_progress"),
    ("dongcheng-2023-xuncha", "counts.completed"),
    ("shifanqu-2025-xuncha", "rectification_period.start"),
    ("dongcheng-2026-xuncha", "rectification_period.end"),
    ("muye-2025-xunshi", "contacts.address"),
    ("real-148", "inspection_period.start"),
]


@pytest.fixture(scope="module")
def read():
    cache = {}

    def get(nid):
        if nid not in cache:
            cache[nid] = extract_metadata(_text(nid))
        return cache[nid]

    return get


@pytest.mark.parametrize("nid,path", CASES, ids=[f"{n}:{p}" for n, p in CASES])
def test_real_wordings(read, nid, path):
    gold = Metadata.from_dict(_gold(nid)).value(path)
    assert same(path, read(nid).value(path), gold), (read(nid).value(path), gold)


def test_every_field_points_at_its_text(read):
    for g in sorted(GOLD.glob("real-0[0-4]*.meta.json"))[:40]:
        nid = g.name[: -len(".meta.json")]
        text, m = _text(nid), read(nid)
        for path in FIELDS:
            f = m.get(path)
            if f is not None:
                assert text[f.start : f.end] == f.text, (nid, path)


def test_the_reader_gets_at_least_95_percent_of_fields_right():
    items = [(g.name[: -len(".meta.json")], json.loads(g.read_text("utf-8")))
             for g in sorted(GOLD.glob("*.meta.json"))]
    report = score_metadata((nid, extract_metadata(_text(nid)), gold) for nid, gold in items)
    assert report.notices == 153
    assert report.accuracy() >= 0.95, report.to_table()


def test_metadata_round_trips_and_reads_the_old_shape():
    m = Metadata.from_values({
        "issuer": MetaValue("中共牧野区委", 3, 9, "中共牧野区委"),
        "counts.completed": MetaValue(40, 100, 102, "40"),
    })
    d = m.to_dict()
    assert d["issuer"] == "中共牧野区委" and d["counts"]["completed"] == 40
    assert d["inspection_period"] == {"start": None, "end": None}
    assert d["sources"]["counts.completed"] == {"start": 100, "end": 102, "text": "40"}
    assert Metadata.from_dict(d) == m
    old = {"issuer": "中共牧野区委", "counts": {"completed": 40}, "rectification_period": None}
    back = Metadata.from_dict(old)
    assert back.value("issuer") == "中共牧野区委" and back.get("issuer").start is None
    assert back.value("counts.completed") == 40 and back.value("feedback_date") is None


def test_a_notice_reads_metadata_of_either_shape():
    base = {"text": "x", "spans": [], "records": []}
    n = Notice.from_dict({**base, "metadata": {"issuer": "中共X委"}})
    assert isinstance(n.metadata, Metadata) and n.metadata.value("issuer") == "中共X委"
    assert Notice.from_dict(json.loads(n.to_json())).metadata == n.metadata
    assert Notice.from_dict(base).metadata == Metadata()


def test_overall_counts_come_from_the_introduction_not_a_problem(notices):
    # dongcheng-2026 states no overall count; problem 13's "反馈228条问题…已全部整改完毕" is
    # about the province's safety inspection, not the notice's 28 problems
    assert notices["dongcheng-2026-xuncha"].metadata.value("counts.problems_reported") is None
    assert notices["muye-2025-xunshi"].metadata.value("counts.problems_reported") == 51


@pytest.mark.parametrize("text,counts", [
    ("截至2025年7月31日，巡察反馈的 12 个问题已完成整改8个，剩余4个问题正在推进。", (12, 8, 4)),
    ("反馈的40项整改任务，已整改到位35项，剩余5项", (40, 35, 5)),
    ("15个问题已完成整改，3个正在推进", (None, 15, 3)),
    ("巡察反馈问题12个，其中8个问题已完成整改，4个正在推进", (12, 8, 4)),
    ("共反馈问题二十个，目前已全部整改完成。", (20, 20, None)),
])
def test_the_completed_count_is_the_one_after_the_verb(text, counts):
    """`12个问题已完成整改8个` (heldout-a2): 12 is the problems, 8 the completed ones."""
    from rectify_nlp.assemble.metadata import extract_metadata
    got = extract_metadata(text).values()["counts"]
    assert (got["problems_reported"], got["completed"], got["in_progress"]) == counts


def test_a_sign_off_dated_in_chinese_numerals_gives_the_publication_date():
    text = _text("shifanqu-2025-xuncha")
    assert text.rstrip().endswith("2025年10月23日")
    cn = text.rstrip()[: -len("2025年10月23日")] + "二〇二五年十月二十三日"
    got = extract_metadata(cn).publication_date
    assert got.value == "2025-10-23"
    assert got.text == "二〇二五年十月二十三日" == cn[got.start : got.end]


@pytest.mark.parametrize("text,rate", [
    ("反馈的40项整改任务，已整改到位35项，剩余5项，完成比例87.5%", 0.875),
    ("反馈问题40个，已完成整改35个，完成率百分之八十七点五。", 0.875),
    ("整改完成率达到百分之百。", 1.0),
])
def test_the_stated_rate_in_figures_or_in_words(text, rate):
    assert extract_metadata(text).values()["counts"]["completion_rate"] == rate
