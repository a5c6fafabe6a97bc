"""Normalisation, units and clauses: offsets always map back to the caller's characters."""
import pytest

from rectify_nlp.text.normalise import is_punct, normalise
from rectify_nlp.text.segment import clauses, units

from .conftest import IDS


@pytest.mark.parametrize("nid", IDS)
def test_every_unit_and_clause_maps_back_exactly(texts, nid):
    text = texts[nid]
    norm = normalise(text)
    assert len(norm.index) == len(norm.text)
    for k, ch in enumerate(norm.text):
        if ch not in "\n ":
            # a normalised character is its original or that character's half-width form
            orig = text[norm.index[k]]
            assert orig == ch or ord(orig) - 0xFEE0 == ord(ch) or orig == "\u3000", (k, ch, orig)
    for u in units(norm):
        if u.core_start < u.core_end:
            a, b = norm.to_original(u.core_start, u.core_end)
            span = text[a:b]
            assert not span[0].isspace() and not span[-1].isspace()
    for c in clauses(norm):
        a, b = norm.to_original(c.start, c.end)
        assert a < b
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert not is_punct(text[b - 1]) or text[b - 1] in "”’》)）\"'"


def test_pdf_spaces_and_broken_lines_are_normalised(texts):
    text = texts["shifanqu-2025-xuncha"]
    norm = normalise(text)
    # "市委 第八巡察组" (a PDF space between CJK characters) reads as one word for the model
    assert "市委第八巡察组" in norm.text
    # a paragraph cut by the page ("…大\n\n额资金项目") is one paragraph again
    assert "研究巡察交办信访案件化解情况、大额资金项目进展情况" in norm.text
    # but a heading keeps its own line
    assert "\n一、已完成的整改任务\n" in norm.text


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


def test_quotes_that_belong_to_the_text_stay():
    from rectify_nlp.text.normalise import trim
    s = "(20)“放管服效”改革不彻底。"
    a, b = trim(s, 4, len(s))
    assert s[a:b] == "“放管服效”改革不彻底"
