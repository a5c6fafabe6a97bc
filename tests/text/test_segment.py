"""Units and clauses of normalised text, and the index spaces that count them."""
from rectify_nlp.text.normalise import normalise
from rectify_nlp.text.segment import clauses, content_units, unit_at, units

from ..patterns import assert_same_matches, random_strings


def test_field_names_become_their_own_units(texts):
    norm = normalise(texts["dongcheng-2023-xuncha"])
    us = units(norm)
    fields = [u.field for u in us if u.field]
    assert "问题1" in fields and "落实情况" in fields and "整改进度" in fields
    k = next(i for i, u in enumerate(us) if u.field == "问题1")
    nxt = us[k + 1]
    assert norm.text[nxt.core_start:nxt.core_end] == "学习不主动"


def test_enumerators_stay_outside_the_unit_core():
    norm = normalise("整改情况:一是成立领导小组;二是印发方案。\n(2)主体责任扛得不牢问题整改情况。")
    cores = [norm.text[u.core_start:u.core_end] for u in units(norm) if u.core_start < u.core_end]
    assert cores == ["成立领导小组", "印发方案", "主体责任扛得不牢问题整改情况"]


def test_clause_follows_the_guide_definition():
    norm = normalise("集中整改期间，组织召开3次党工委会议、6次专题会议安排部署巡察整改工作；在线率提升至84%。")
    got = [norm.text[c.start:c.end] for c in clauses(norm)]
    # `、` does not split a clause; `，` and `；` do
    assert got == ["集中整改期间", "组织召开3次党工委会议、6次专题会议安排部署巡察整改工作", "在线率提升至84%"]


def test_content_units_skip_field_names_and_unit_at_finds_a_clauses_unit():
    norm = normalise("问题1：学习不主动。\n落实情况：制定学习计划，全年学习12次。")
    us = units(norm)
    assert [u.field for u in us] == ["问题1", "", "落实情况", ""]
    content = content_units(us)
    assert content == [1, 3]  # the content units' places among all units
    assert [norm.text[us[k].core_start:us[k].core_end] for k in content] == [
        "学习不主动", "制定学习计划,全年学习12次"]
    starts = [u.start for u in us]
    for c in clauses(norm):
        u = us[unit_at(starts, c.start)]
        assert u.start <= c.start < u.end or u.field
    assert unit_at(starts, norm.text.index("全年")) == 3


def test_candidate_clauses_are_the_clauses_the_pattern_matches(texts):
    """Skipping a piece with no candidate before trimming it keeps exactly the clauses that
    filtering all of them afterwards keeps."""
    from rectify_nlp.layout.cues import DETAIL_CANDIDATE

    samples = list(texts.values()) + [
        "一、整改情况:一是2024年底前完成;二是召开3次会议。\n(一)一次,一季度。\n一月|二|",
        "1.,2024年 ;一是。三是!四要?一月底前:整改|,,;",
    ]
    for text in samples:
        norm = normalise(text)
        everything = clauses(norm)
        expected = [c for c in everything if DETAIL_CANDIDATE.search(norm.text, c.start, c.end)]
        assert clauses(norm, DETAIL_CANDIDATE) == expected


def test_mid_cuts_are_those_of_the_mid_enumerator_and_long_numbers():
    """MID_CUT, one scan for the marks with what may follow them, cuts where MID_ENUMERATOR
    tried at every position and a mark before a long number (`。123.`) cut."""
    import random
    import re

    from rectify_nlp.lexicon.enumerators import MID_ENUMERATOR, MID_MARKS
    from rectify_nlp.text.segment import MID_CUT

    long_number = re.compile(MID_MARKS + r"(?=[1-9]\d{2,5}[.、](?!\d))")
    rng = random.Random(19)
    alphabet = list("。;:!?一二三是要第,、()12.3年") + ["123", "4567."]
    for _ in range(5000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        want = {m.start() for m in MID_ENUMERATOR.finditer(t)}
        want |= {m.end() for m in long_number.finditer(t)}
        assert [m.end() for m in MID_CUT.finditer(t)] == sorted(want), t


def test_class_first_cut_patterns_match_as_their_alternations():
    """CLAUSE_SPLIT and _SENTENCE_CUT are written to start with one character class (re scans
    for it in C); they match exactly as the plain alternations they stand for, on random
    strings of the marks, quotes and digits around them."""
    import re

    from rectify_nlp.text.segment import _SENTENCE_CUT, CLAUSE_SPLIT

    plain_split = re.compile(r"[;。:!?\n|]|,(?:(?<!\d,)|(?!\d{3}(?!\d)))")
    plain_cut = re.compile(r"[。;!?]+[”’」』)]*|\n|\|")
    strings = random_strings(list("。;:!?”’」』)\n|,ab12345"), 20000, 30)
    assert_same_matches(((CLAUSE_SPLIT, plain_split), (_SENTENCE_CUT, plain_cut)), strings)


def test_class_first_time_patterns_match_as_their_alternations():
    """The lexicon's TIME_EXPR and layout.cues' DETAIL_CANDIDATE are written to start with one
    character class (re scans for it in C); they match exactly as the plain alternations they
    stand for, on random strings of figures, numerals, separators and
    time words."""
    import re

    from rectify_nlp.layout import cues
    from rectify_nlp.lexicon.time_words import (
        CN_YEAR_DIGITS,
        NOT_AN_AMOUNT,
    )
    from rectify_nlp.lexicon.time_words import (
        TIME_EXPR as fast_time,
    )

    # the time expressions as the plain alternation the lexicon's class-first pattern stands for
    plain_time = re.compile(
        r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
        r"|年底|年内|月底|[一二三四]季度|上半年|下半年|春季|秋季|年前|节前|汛期前"
        r"|[一二三四五六七八九十]{1,3}月|(?:19|20)\d{2}[./\-](?:1[0-2]|0?[1-9])" + NOT_AN_AMOUNT
        + r"|[" + CN_YEAR_DIGITS + r"]{4}年"
    )
    plain_candidate = re.compile(
        r"\d|[两二三四五六七八九十百千万亿半]|一(?=[次台家名件份篇批轮场户所座辆项个位])|"
        + plain_time.pattern
    )
    # pieces, not characters, so that every one of TIME_EXPR's 16 alternatives matches some
    # dozens of times (a figure year-month 13 times, 二〇二五年 46)
    pieces = (
        "2025 2019 2108 12 1 09 0 3 31 7 年 月 日 底 内 前 季度 季 度 上 下 半 半年 春 秋 节 汛 期 "
        ". - / % 万 元 一 二 三 四 五 十 〇 零 两 百 次 个 的 汛期 二〇二五 〇二"
    ).split() + [" "]
    assert_same_matches(
        ((fast_time, plain_time), (cues.DETAIL_CANDIDATE, plain_candidate)),
        random_strings(pieces, 20000, 12),
    )
