"""Deadlines as the notices write them: a date, its precision and its kind, resolved against
the text before it, the year the notice gives and the rectification's start; dates from the
account of events, not from titles or 年度 (issue 18)."""

import pytest

from rectify_nlp.assemble.dates import YEAR, kind, mask_titles, reference_year, resolve
from rectify_nlp.assemble.records import make_deadline
from rectify_nlp.schema import Span

from ..patterns import assert_same_matches, random_strings

# (clause, text before it, fallback year, not before (rectification start), date, precision,
# kind): the guide's examples and the shipped notices' deadlines as their notices date them
DEADLINES = [
    # dongcheng-2026: published 2026-02-13, rectification from 2025-10-21
    ("预计可在2月中旬前完成上会审批", "2025年12月", 2025, "2025-10-21", "2026-02-20", "day", "planned"),
    ("12月底前", "2025年10月21日起", 2025, "2025-10-21", "2025-12-31", "month", "planned"),
    ("区水利部门于2025年11月11日完成了该项目招标工作", "", 2025, "2025-10-21", "2025-11-11", "day", "met"),
    ("2025年12月20日完成了项目施工图设计工作", "", 2025, "2025-10-21", "2025-12-20", "day", "met"),
    ("计划2026年3月进场施工", "", 2025, "2025-10-21", "2026-03-31", "month", "planned"),
    ("2026年6月底前完成李庄社区供水改造工作", "", 2025, "2025-10-21", "2026-06-30", "month", "planned"),
    ("德星路小学已于2025年秋季学期建成投用", "", 2025, "2025-10-21", "2025-11-30", "quarter", "met"),
    # muye: feedback 2024-12-26, published 2025-09
    ("于每年6月初和11月底向省纪委监委、省委组织部、省委巡视办续报整改情况", "2024年", 2024, "2024-12-26", None, None, "recurring"),
    ("已于9月1日正式开学", "2024年12月26日", 2024, "2024-12-26", "2025-09-01", "day", "met"),
    # dongcheng-2023: rectification from 2022-10-11; a year written keeps its date
    ("已于2022年8月底整改完毕", "", 2022, "2022-10-11", "2022-08-31", "month", "met"),
    ("该问题已于 2022 年 9 月 23 日前整改完毕", "", 2022, "2022-10-11", "2022-09-23", "day", "met"),
    ("计划 2023 年 3 月底前全部完工", "", 2022, "2022-10-11", "2023-03-31", "month", "planned"),
    # shifanqu: rectification from 2025-06-10
    ("商务中心区党委已于7月10日前", "2025年6月", 2025, "2025-06-10", "2025-07-10", "day", "met"),
    # no rectification start known: the nearest year written before
    ("12月中旬完成", "2023年", None, None, "2023-12-20", "day", "planned"),
    ("计划于2026年1月成立正式党支部", "", None, None, "2026-01-31", "month", "planned"),
    ("力争年底前建成投用", "2025年", 2025, "2025-03-01", "2025-12-31", "year", "planned"),
    # an order given is planned; "按计划" (as planned) and "拟定" (to draft) are no intentions
    ("已要求各单位于2024年底前完成", "", 2024, "2024-03-01", "2024-12-31", "year", "planned"),
    ("已按计划于2024年6月完成", "", 2024, "2024-03-01", "2024-06-30", "month", "met"),
    ("已于2024年6月底前拟定整改方案", "", 2024, "2024-03-01", "2024-06-30", "month", "met"),
    # 29 February of a year without one: the date as written, not a crash
    ("2月29日前完成", "2024年", 2024, "2024-04-01", "2024-02-29", "day", "planned"),
    # a year in a document's title or a 年度 is not the year of the date (issue 18)
    ("将于2025年3月印发《关于2024年度巡察整改工作的通知》", "", 2025, None, "2025-03-31", "month", "planned"),
    ("于2025年1月底(春节前后)完成", "", 2024, None, "2025-01-31", "month", "planned"),
    ("预计可在2月中旬前完成", "", 2025, "2025-12-10", "2026-02-20", "day", "planned"),
    ("预计可在2月中旬前", "", 2025, "2025-10-21", "2026-02-20", "day", "planned"),
    ("2026年6月底前完成", "", 2025, None, "2026-06-30", "month", "planned"),
    ("于11月11日完成了招标工作", "", 2025, "2025-10-21", "2025-11-11", "day", "met"),
    ("力争年底前完成", "", 2025, None, "2025-12-31", "year", "planned"),
    ("2024年12月底前", "", 2024, None, "2024-12-31", "month", "planned"),
    # years and dates as tables and formal documents write them
    ("2025.12", "", 2025, "2025-03-01", "2025-12-31", "month", "planned"),
    ("2025.6.30前完成", "", 2025, "2025-03-01", "2025-06-30", "day", "planned"),
    ("2025/12/31前", "", 2025, "2025-03-01", "2025-12-31", "day", "planned"),
    ("已于2025-09-30完成", "", 2025, "2025-03-01", "2025-09-30", "day", "met"),
    ("二〇二六年三月底前完成", "二〇二五年", 2025, "2025-03-01", "2026-03-31", "month", "planned"),
    ("计划二〇二六年三月三十一日前完成", "", 2025, "2025-03-01", "2026-03-31", "day", "planned"),
    ("5月中旬前完成", "二〇二五年十月", None, None, "2025-05-20", "day", "planned"),
    # a year relative to the text's: the next one, or the same
    ("明年6月底前完成", "2025年", 2025, "2025-03-01", "2026-06-30", "month", "planned"),
    ("次年3月底前", "2024年", 2024, "2024-12-26", "2025-03-31", "month", "planned"),
    ("今年年底前完成", "2025年", 2025, "2025-03-01", "2025-12-31", "year", "planned"),
]


@pytest.mark.parametrize("clause, before, year, not_before, date, precision, k", DEADLINES,
                         ids=[row[0] for row in DEADLINES])
def test_deadline_dates_precisions_and_kinds(clause, before, year, not_before, date, precision, k):
    text = before + clause
    d = make_deadline(text, Span(len(before), len(text), "deadline", clause), year, not_before)
    assert (d.date, d.precision, d.kind) == (date, precision, k)
    assert kind(clause) == k


def test_work_reported_done_never_postdates_the_notice():
    clause = "已于8月底整改完毕"  # dongcheng-2023: rectification 2022-10-11, published 2023-03-30
    span = Span(5, 5 + len(clause), "deadline", clause)
    d = make_deadline("2022年。" + clause, span, 2022, "2022-10-11", "2023-03-30")
    assert (d.date, d.kind) == ("2022-08-31", "met")
    planned = "8月底前完成"
    span = Span(5, 5 + len(planned), "deadline", planned)
    d = make_deadline("2022年。" + planned, span, 2022, "2022-10-11", "2023-03-30")
    assert (d.date, d.kind) == ("2023-08-31", "planned")


def test_a_year_is_never_taken_from_a_title_or_a_nianDu():
    assert reference_year("印发《关于2023年度巡察整改的通知》,", 2025) == 2025
    assert reference_year("2023年度考核中", 2025) == 2025
    assert reference_year("2024年10月21日,巡察组反馈了意见", None) == 2024


def _year_of_the_whole(text_before):
    """The nearest year as a reader finds it: every title masked, the last year left."""
    years = YEAR.findall(mask_titles(text_before))
    return int(years[-1]) if years else None


def test_the_nearest_year_is_the_same_when_only_the_end_is_read(texts):
    # reference_year reads the last few hundred characters first; at every time word of the
    # shipped notices, and where a long title runs across the part it reads, it finds what
    # reading the whole finds
    title = "《关于" + "巡察整改" * 45 + "2019年的通知》"  # a year near a long title's end
    crafted = [
        "2024年10月21日," + "整改" * 300 + title + "落实" + "整改" * 150,
        "2023年" + (title + "整改" * 150) * 3 + "月底前",
    ]
    for text in list(texts.values()) + crafted:
        for end in [i for i, c in enumerate(text) if c in "月前底"] + [len(text)]:
            before = text[max(0, end - 3000) : end]
            assert reference_year(before, None) == _year_of_the_whole(before), end


def test_deadlines_in_an_extracted_notice_resolve_after_the_rectification_start(notices):
    n = notices["dongcheng-2026-xuncha"]
    got = {d.span.text: (d.date, d.kind) for r in n.records for d in r.deadlines}
    assert got["预计可在2月中旬前完成上会审批"] == ("2026-02-20", "planned")
    assert got["区水利部门于2025年11月11日完成了该项目招标工作"] == ("2025-11-11", "met")
    muye = {d.span.text: (d.date, d.kind) for r in notices["muye-2025-xunshi"].records
            for d in r.deadlines}
    recurring = [v for t, v in muye.items() if "每年" in t]
    assert recurring == [(None, "recurring")]
    # a date written with its year is never moved
    assert resolve("已于2022年8月底整改完毕", 2022, "2022-10-11").date == "2022-08-31"


def test_next_year_counts_from_the_year_the_notice_was_written():
    # published 2025: a 2026 deadline named earlier does not make 明年 2027
    before = "将于2026年3月31日前印发实施。"
    clause = "明年6月底前完成"
    span = Span(len(before), len(before) + len(clause), "deadline", clause)
    d = make_deadline(before + clause, span, 2025, "2025-03-01", "2025-10-15")
    assert d.date == "2026-06-30"


def test_class_first_year_and_title_match_as_their_alternations():
    """YEAR and TITLE, written to start with one character class, match as the plain
    alternations they stand for, on random strings of their characters."""
    import re

    from rectify_nlp.assemble.dates import TITLE, YEAR
    from rectify_nlp.lexicon.time_words import CN_YEAR_DIGITS

    plain_year = re.compile(r"(\d{4}|[" + CN_YEAR_DIGITS + r"]{4})\s*年(?!度)")
    plain_title = re.compile(r"《[^《》]{0,200}》|\d{4}\s*年度")
    strings = random_strings(list("《》2024年度 一二〇零九十的关于\n"), 20000, 25)
    assert_same_matches(((YEAR, plain_year), (TITLE, plain_title)), strings, groups=True)


def test_full_width_figures_give_the_dates_half_width_ones_do(texts):
    """A notice typed with full-width digits and marks (２０２５．１２, ２０２５－０６－３０) gets
    the deadlines' dates its half-width twin gets (the figure forms read None): the four
    notices with their dates written as figures (2026年6月底 -> 2026.6, 2025年3月5日 ->
    2025-3-5), then in full width."""
    import re

    import rectify_nlp

    wide = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789./-"})
    found = 0
    for nid, text in texts.items():
        text = re.sub(r"(\d{4})年(\d{1,2})月(\d{1,2})日", r"\1-\2-\3", text)
        text = re.sub(r"(\d{4})年(\d{1,2})月", r"\1.\2", text)
        narrow = [(d.date, d.precision) for r in rectify_nlp.extract(text).records
                  for d in r.deadlines]
        n = rectify_nlp.extract(text.translate(wide))
        assert [(d.date, d.precision) for r in n.records for d in r.deadlines] == narrow, nid
        assert all(n.text[d.span.start : d.span.end] == d.span.text
                   for r in n.records for d in r.deadlines)
        found += sum(date is not None for date, _ in narrow)
    assert found >= 3
