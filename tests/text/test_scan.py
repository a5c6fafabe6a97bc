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
from rectify_nlp.text.scan import finditer_at

ROOT = Path(__file__).resolve().parents[2]

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


def test_class_first_not_quantity_masks_as_the_lexicons(clauses):
    """layout.cues' NOT_QUANTITY, written to start with one character class, matches as the
    lexicon's (some 13,000 matches in the random strings)."""
    for s in clauses + samples(NOT_QUANTITY, 30000):
        want = [m.span() for m in NOT_QUANTITY.finditer(s)]
        assert [m.span() for m in cues.NOT_QUANTITY.finditer(s)] == want, s
        assert cues.mask_non_quantities(s) == NOT_QUANTITY.sub(
            lambda m: "#" * len(m.group(0)), s
        ), s
