"""``finditer_at`` gives what ``finditer`` gives, for every pattern that is scanned from a
class of first characters, and the class-first NOT_QUANTITY masks as the lexicon's: on the
notices' clauses, and on random strings made of the characters the pattern is written with (so
its words occur, cut and joined in every way)."""

import random
import re
from pathlib import Path

import pytest

from rectify_nlp.assemble import metadata_words
from rectify_nlp.assemble.quantities import FIGURE_CHAR, PREFIX_START, QUANTITY
from rectify_nlp.features.analysis import analyse
from rectify_nlp.layout import cues
from rectify_nlp.lexicon.quantities import ARABIC_QUANTITY, CN_QUANTITY, NOT_QUANTITY
from rectify_nlp.lexicon.time_words import NOT_AN_AMOUNT
from rectify_nlp.text.scan import finditer_at

ROOT = Path(__file__).resolve().parents[2]

# NOT_QUANTITY as the plain alternation the lexicon's class-first pattern stands for
FIGURE_DATE = (
    r"(?<![\d.])(?:19|20)\d{2}[./\-](?:1[0-2]|0?[1-9])(?:[./\-](?:3[01]|[12]\d|0?[1-9]))?"
    + NOT_AN_AMOUNT
)
PLAIN_NOT_QUANTITY = re.compile(
    FIGURE_DATE
    + r"|\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|\d{1,2}\s*月(?:份|底|中旬|上旬|下旬|初|末)?|\d{1,2}\s*日"
    r"|〔\d{4}〕\d+号|\[\d{4}\]\d+号"
    r"|第[一二三四五六七八九十\d]+(?:巡察组|巡视组|次(?:党工委|常委|会议|全会)|届|议题)"
    r"|(?:^|(?<=[,;。:]))[一二三四五六七八九十]{1,3}[是要]"
    r"|二十大|二十届|十四五|十五五|三会一课|两个维护|两个确立|四大班子|一把手|一岗双责|一票否决"
    r"|为期\s*\S{1,4}(?:天|周|个月|年)|历时\s*\S{1,4}(?:天|周|个月|年)|利用\s*\S{1,4}(?:天|周|个月|年)时间"
    r"|[三两一六]个月的集中整改|\d{1,2}:\d{2}"
    # the length of the work, not a figure about it (the guide: `为期3个月`)
    r"|(?:经过|进行了?|历经|历时|用了?)\s*[\d一二两三四五六七八九十]{1,3}\s*(?:天|周|个月|年)"
    # slogans and names in quotes ("三个一批", "7×24小时", "两个覆盖") and fixed phrases
    r"|[“\"][^”\"]{1,10}[”\"]|一[件条个项]一[件条个项]|一批|一件事|[一二三四五六七八九十]次全会"
    r"|[一二三四五六七八九十]中全会"
)

SCANNED = {
    "QUANTITY": (QUANTITY, FIGURE_CHAR, PREFIX_START, 3),
    "ARABIC_QUANTITY": (ARABIC_QUANTITY, cues.ARABIC_QUANTITY_START, "", 0),
    "CN_QUANTITY": (CN_QUANTITY, cues.CN_QUANTITY_START, "", 0),
    "DATE": (metadata_words.DATE, metadata_words.DATE_START, "", 0),
    "COUNT_PROBLEMS": (metadata_words.COUNT_PROBLEMS, metadata_words.COUNT_PROBLEMS_START, "", 0),
}


def samples(pattern: re.Pattern, n: int = 6000) -> list[str]:
    """Random strings of the pattern's characters and of the words written in it."""
    text = re.sub(r"\\[a-zA-Z]|\(\?P?<\w+>|\(\?[:=!<]+", " ", pattern.pattern)
    # the words written outside character classes; a class's characters come one at a time
    outside = re.sub(r"\[[^\]]*\]", " ", text)
    words = [w for w in re.split(r"[^\u3000-\u9fff\uff00-\uffef“”]+", outside) if w]
    words += ["1", "3", "12", "2024", "〔2024〕3号", "“一二”", '"三"', "前十", "两个月"]
    chars = sorted(set(text) | set("0123456789 ,。"))
    rng = random.Random(19)
    pick = [words if rng.random() < 0.5 else chars for _ in range(8 * n)]
    out = ["".join(map(rng.choice, pick[8 * k : 8 * k + rng.randint(0, 8)])) for k in range(n)]
    # a figure or name after every character a match may start with (第3位, 三分之五, 七中全会)
    tails = ("3位", "分之五", "个方面", "中全会", "3天", "〕", "用3天时间")
    return out + [c + w for c in chars for w in tails]


@pytest.fixture(scope="module")
def clauses():
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "annotations/notices").glob("*.txt")]
    return [a.norm.text[c.start : c.end] for a in map(analyse, texts) for c in a.clauses]


@pytest.mark.parametrize("name", sorted(SCANNED))
def test_finditer_at_is_finditer(name, clauses):
    pattern, starts, lead, back = SCANNED[name]
    for s in clauses + samples(pattern):
        want = [(m.span(), m.groups()) for m in pattern.finditer(s)]
        got = [(m.span(), m.groups()) for m in finditer_at(pattern, starts, s, lead, back)]
        assert got == want, s


def test_class_first_not_quantity_masks_as_its_plain_alternation(clauses):
    """The lexicon's NOT_QUANTITY, written to start with one character class, matches as the
    plain alternation it stands for (some 13,000 matches in the random strings)."""
    for s in clauses + samples(PLAIN_NOT_QUANTITY, 30000):
        want = [m.span() for m in PLAIN_NOT_QUANTITY.finditer(s)]
        assert [m.span() for m in NOT_QUANTITY.finditer(s)] == want, s
        assert cues.mask_non_quantities(s) == PLAIN_NOT_QUANTITY.sub(
            lambda m: "#" * len(m.group(0)), s
        ), s
