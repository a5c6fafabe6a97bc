"""Normalisation and its offset map: the model reads normalised text, and every span found on
it maps back to exactly the caller's characters."""
import pytest

from rectify_nlp.text.normalise import (
    NormSpan,
    OrigSpan,
    is_punct,
    normalise,
    to_simplified,
    trim,
)
from rectify_nlp.text.segment import clauses, units

from ..conftest import IDS
from ..patterns import assert_same_matches, random_strings


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


def test_quotes_that_belong_to_the_text_stay():
    s = "(20)“放管服效”改革不彻底。"
    a, b = trim(s, 4, len(s))
    assert s[a:b] == "“放管服效”改革不彻底"


# (the caller's text, a phrase as the model reads it, the caller's text of that phrase): each
# way the normaliser changes text, on wordings of the notices
OFFSET_CASES = [
    ("traditional script", "巡察組反饋了意見。", "反馈了意见", "反饋了意見"),
    ("full width", "在线率提升至８４％。", "84%", "８４％"),
    ("a PDF space between characters", "市委 第八巡察组进行了巡察", "市委第八", "市委 第八"),
    ("a PDF line break inside a paragraph",
     "研究巡察交办信访案件化解情况、研究巡察交办信访案件化解情况、大\n\n额资金项目进展情况等。",
     "大额资金", "大\n\n额资金"),
    ("invisible characters", "整改\u200b落实\ufeff情况良好。", "整改落实情况", "整改\u200b落实\ufeff情况"),
    ("bracketed pinyin", "統(tǒng)籌推進整改工作。", "统筹推进", "統(tǒng)籌推進"),
    ("a CRLF line end", "整改完成。\r\n下一步工作。", "整改完成。\n下一步", "整改完成。\r\n下一步"),
]


@pytest.mark.parametrize("name, original, phrase, expected", OFFSET_CASES,
                         ids=[c[0] for c in OFFSET_CASES])
def test_a_normalised_span_maps_to_the_callers_characters_and_back(name, original, phrase, expected):
    norm = normalise(original)
    s = norm.text.index(phrase)
    back = norm.to_original(s, s + len(phrase))
    assert isinstance(back, OrigSpan)
    assert original[back.start:back.end] == expected == norm.original_text(s, s + len(phrase))
    again = norm.normalised_span(*back)
    assert isinstance(again, NormSpan) and norm.text[again.start:again.end] == phrase


def test_an_empty_or_outside_span_has_no_original_offsets():
    norm = normalise("整改完成。")
    for start, end in [(2, 2), (3, 1), (-1, 2), (0, 99)]:
        with pytest.raises(ValueError, match="not a span of the normalised text"):
            norm.to_original(start, end)


def test_an_original_offset_inside_deleted_characters_maps_to_the_next_kept_one():
    norm = normalise("整改\u200b\u200b落实")
    assert norm.text == "整改落实"
    assert [norm.to_normalised(k) for k in range(len(norm.original))] == [0, 1, 2, 2, 2, 3]


def test_traditional_characters_become_simplified_one_for_one():
    assert to_simplified("巡察組反饋意見") == "巡察组反馈意见"


def test_long_texts_translate_on_code_points_as_str_translate_does():
    """Past a few thousand characters the table is applied as an array, a megabyte at a time:
    the same characters as str.translate, surrogates, astral and full-width ones included."""
    import random

    from rectify_nlp.text.normalise import _TABLE, _translate

    rng = random.Random(5)
    ranges = [(0, 0x3100), (0x4E00, 0xA000), (0xD800, 0xE000), (0x10000, 0x110000),
              (0xFE00, 0xFF70)]
    base = "".join(chr(rng.randrange(*rng.choice(ranges))) for _ in range(20_000))
    for text in (base[:5000], base * 60):  # the second crosses megabyte chunks
        assert _translate(text) == text.translate(_TABLE)


def test_one_plain_line_normalises_as_the_full_steps_do(texts, monkeypatch):
    """The shortcut for a line nothing is deleted from gives what every step would give."""
    import numpy as np

    import rectify_nlp.text.normalise as normalise_module

    samples = [line for text in texts.values() for line in text.splitlines()]
    samples += ["— 3 —", "第3页", "12/30", "统(tǒng)筹", "整改**落实**", "a b", "", "單位", "ＡＢ１",
                "整改\u200b情况", "整改\u3000情况", "x" * 5000]
    fast = [normalise(s) for s in samples]
    monkeypatch.setattr(normalise_module, "_keeps_everything", lambda t: False)
    for s, got in zip(samples, fast):
        want = normalise(s)
        assert got.text == want.text and np.array_equal(got.index, want.index)
        assert got.index.dtype == want.index.dtype


def test_an_analysed_text_pickles_and_copies_after_its_offsets_were_converted(texts):
    """The offset map's fast view is made on first use; a text used so still pickles and
    deep-copies (an analysis cached or sent to a worker), converting as before."""
    import copy
    import pickle

    from rectify_nlp.text.normalise import normalise

    n = normalise(texts["muye-2025-xunshi"])
    before = (n.to_original(5, 40), n.to_normalised(123))
    for again in (pickle.loads(pickle.dumps(n)), copy.deepcopy(n)):
        assert again.text == n.text and (again.to_original(5, 40), again.to_normalised(123)) == before


def test_trim_keeps_the_guide_bracket_rule_it_finds_partners_for_once():
    """trim looks each partner up once a kind of bracket (linear on runs of openers); it must
    trim exactly as the rule the annotation checker applies (belongs_at_start/_end) does one
    character at a time."""
    import random

    from rectify_nlp.text.normalise import belongs_at_end, belongs_at_start, is_punct, trim

    def by_the_rule(text, start, end):
        while start < end and is_punct(text[start]) and not belongs_at_start(text, start, end):
            start += 1
        while end > start and is_punct(text[end - 1]) and not belongs_at_end(text, start, end):
            end -= 1
        return start, end

    rng = random.Random(7)
    alphabet = "“”‘’「」『』（）()《》【】,。、:：问题改"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert trim(text, start, end) == by_the_rule(text, start, end), (text, start, end)


def test_class_first_pinyin_matches_as_its_lookbehind_first_form():
    """_PINYIN, written to start with the bracket (re scans for it in C), matches exactly as
    the pattern that looks behind first, on random strings of characters, brackets and pinyin."""
    import re

    from rectify_nlp.text.normalise import _PINYIN

    plain = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]")
    pieces = "統 统 a ( （ ) ） t ng ǒ ü ǚ 1 統( ǒ)".split() + [" "]  # some 600 matches
    assert_same_matches(((_PINYIN, plain),), random_strings(pieces, 20000, 10))
