"""Hostile and broken text: a named error or a result whose offsets hold, never a traceback.
(How long each takes as it grows is measured in benchmarks/bench.py, not here.)"""
import pytest

import rectify_nlp

from .conftest import NOTICES

BASE = (NOTICES / "dongcheng-2023-xuncha.txt").read_text(encoding="utf-8")
CASES = {
    "empty": "",
    "whitespace": " \n\t\u3000\n",
    "nul bytes": "\x00" * 500,
    "lone surrogate": BASE[:500] + "\ud800" + BASE[500:],
    "surrogates only": "\udc00\ud800" * 100,
    "run of digits": BASE[:3000] + "1" * 20000 + "个" + BASE[3000:],
    "run of 百": BASE[:3000] + "百" * 20000 + "次" + BASE[3000:],
    "one long line": BASE.replace("\n", "") * 4,
    "line separators": BASE.replace("\n", "\u2028"),
    "next-line controls": BASE.replace("\n", "\x85"),
    "CRLF": BASE.replace("\n", "\r\n"),
    "bare CR": BASE.replace("\n", "\r"),
    "zero-width everywhere": "\u200b".join(BASE[:4000]),
    "soft hyphens": "\u00ad".join(BASE[:4000]),
    "bidi marks": "\u200e\u200f".join(BASE[:3000]),
    "full-width digits": BASE.translate({o: o + 0xFEE0 for o in range(0x30, 0x3A)}),
    "only punctuation": "，。；：！？" * 500,
    "english": "The committee held a meeting. " * 200,
    "emoji": "😀" * 300 + BASE[:2000],
    "private use": "\ue000" * 100 + BASE[:2000],
    "nested brackets": "（" * 3000 + BASE[:2000] + "）" * 3000,
    "enumerators only": "一、\n（一）\n1.\n一是\n" * 500,
    "field names only": "整改情况：完成情况：问题1：" * 300,
    "quotes unbalanced": "“" * 2000 + BASE[:2000],
    "table bars": "|" * 5000 + "\n" + BASE[:2000],
    "tabs": "\t".join(BASE[:3000]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_text_gives_a_result_whose_offsets_hold(name):
    text = CASES[name]
    notice = rectify_nlp.extract(text)
    assert notice.text is text or notice.text == text  # nothing the user gave is changed
    for s in notice.spans:
        assert 0 <= s.start < s.end <= len(text) and s.text == text[s.start:s.end]
        assert 0.0 <= s.confidence <= 1.0
    notice.to_json()


def test_a_lone_surrogate_does_not_abort_a_batch():
    out = list(rectify_nlp.extract_many([CASES["lone surrogate"], BASE], on_error="return"))
    assert all(isinstance(n, rectify_nlp.Notice) for n in out)
    assert [r.problem.text for r in out[0].records] == [r.problem.text for r in out[1].records]


@pytest.mark.parametrize("value", [None, 12, 3.5, ["text"], {"text": "x"}])
def test_a_value_that_is_not_text_is_a_named_type_error(value):
    with pytest.raises(TypeError, match="E030"):
        rectify_nlp.extract(value)


def _growth(make, n: int) -> float:
    """How much longer extract takes on ``make(4 * n)`` than on ``make(n)`` (best of two):
    about 4 when the work is linear, 16 when quadratic."""
    import time

    def best(text: str) -> float:
        runs = []
        for _ in range(2):
            t0 = time.perf_counter()
            rectify_nlp.extract(text)
            runs.append(time.perf_counter() - t0)
        return min(runs)

    return best(make(4 * n)) / best(make(n))


# where a line starts: a run there starts a unit and a clause, and trimming meets it first
_LINE = BASE.index("\n", 3000) + 1


@pytest.mark.parametrize("run", ["“", "”", "”《"])
def test_a_run_of_unmatched_quotes_takes_linear_time(run):
    # each quote trimmed off a span's edge once searched the rest of the span for its partner
    def make(n: int) -> str:
        return BASE[:_LINE] + run * n + "问" * (3 * n) + run * n + BASE[_LINE:]

    assert _growth(make, 15_000) < 7


@pytest.mark.parametrize("junk", ["，" * 300_000, "—" * 300_000, "😀" * 100_000, "\n" * 300_000])
def test_a_notice_among_pages_of_punctuation_is_still_read(junk):
    """Whether a text is a notice is its CJK share among letters and digits over the whole
    text: pages of commas, rules or emoji before or after a notice do not hide it (only the
    first 200,000 characters were read, punctuation counted against the notice)."""
    records = [r.problem.text for r in rectify_nlp.extract(BASE).records]
    for text in (BASE + junk, junk + BASE):
        n = rectify_nlp.extract(text)
        assert [r.problem.text for r in n.records] == records
        assert all(n.text[s.start : s.end] == s.text for s in n.spans)
    assert rectify_nlp.extract(BASE + "the quick brown fox " * 20_000).records == ()
