"""Unit features for the sequence tagger: character n-grams, shapes, cues, outline context.

Word segmentation is not used: character bi- and tri-grams carry the lexical cues at a
fraction of its cost (README, "Why no word features").  No feature is the rules-only label:
the cues enter one by one and the data weighs them.
"""

from __future__ import annotations

import re

from ..layout.cues import is_result_only
from ..lexicon.actions import (
    ACTION_VERB,
    AS_OF_START,
    ATTITUDE_ONLY,
    CONCRETE_ACTION,
    PROBLEM_WORDS,
    SIGN_OFF,
)
from ..lexicon.enumerators import enumerator_class
from ..lexicon.fields import field_kind
from ..lexicon.sections import GENERIC_PROBLEM, PROBLEM_WRAPPER_TAIL, STATUS_HEADING
from ..text.normalise import SENTENCE_END, NormText
from ..text.segment import Unit
from .context import UnitContext
from .memo import Memo
from .vocabulary import FeatureBatch, Grams

DIGITS = re.compile(r"\d+(?:\.\d+)?")
# whether a string holds a digit, as DIGITS.search tells it: a one-character pattern is tried
# at each position in 0.27 us a unit, DIGITS in 0.43
DIGIT = re.compile(r"\d")
CN_NUM = re.compile(r"[一二两三四五六七八九十百千万]+")
# The unit's n-gram windows: its shaped head (n-grams 1-3), its shaped tail (1-2) and the
# bigrams of its first characters, where the cue words of a problem or a measure stand.
HEAD_CHARS = 12
TAIL_CHARS = 8
WORD_CHARS = 80


# Any character either pattern of ``shape`` starts on: most heads and tails have none.
_NUMERAL = re.compile(r"[\d一二两三四五六七八九十百千万]")


def shape(s: str) -> str:
    """Digits as 0, Chinese numerals as 〇: `召开3次会议` -> `召开0次会议`."""
    if not _NUMERAL.search(s):
        return s  # one search instead of two substitutions that would change nothing
    return CN_NUM.sub("〇", DIGITS.sub("0", s))


def _length(n: int) -> str:
    return "0" if n == 0 else "s" if n < 10 else "m" if n < 30 else "l" if n < 80 else "xl"


def _shown(cls: str, line_start: bool, line_end: bool, length: str, end: str) -> list[str]:
    """The first five of a unit's own features, the ones its neighbours see."""
    return [
        "enum=" + cls,
        f"ls_le={line_start}{line_end}",
        "len=" + length,
        "end=" + end,
        "enum_len=" + cls + length,
    ]


# The shown features (here), layout blocks and neighbour views (below, after the functions
# that make them), memoised by what they are made of (features.memo).
_shown_memo = Memo(_shown)


def _unit_own(norm: NormText, u: Unit) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Features of the unit alone: the five its neighbours see, and the rest."""
    core = norm.text[u.core_start : u.core_end]
    ln = len(core)
    cls = enumerator_class(u.enumerator)
    shown = (cls, u.line_start, u.line_end, _length(ln), norm.text[u.end - 1 : u.end])
    f: list[str] = []
    if u.field:
        f.append("fieldkind=" + field_kind(u.field))
    if "问题" in core and PROBLEM_WRAPPER_TAIL.search(core):  # one test before a search
        f.append("wrapper_tail")
    if core.endswith("方面"):
        f.append("ends_fangmian")
    if core.endswith("问题"):
        f.append("ends_wenti")
    if core.endswith("情况") and ln <= 40:  # a title that names a report, not an action
        f.append("report_title")
    if core.startswith("关于"):
        f.append("starts_guanyu")
    if GENERIC_PROBLEM.fullmatch(core):
        f.append("generic_problem")
    action = ACTION_VERB.search(core)
    if action:
        f.append("action_any")
        if action.start() < 20:
            f.append("action_head")
    concrete = CONCRETE_ACTION.search(core) is not None
    if concrete:
        f.append("concrete_action")
    if ATTITUDE_ONLY.search(core):
        f.append("attitude")
    if is_result_only(core, action is not None, concrete):
        f.append("result_only")
    if SIGN_OFF.search(core):
        f.append("sign_off")
    if STATUS_HEADING.search(core):
        f.append("status_words")
    if DIGIT.search(core):
        f.append("has_digit")
    shortcomings = len(PROBLEM_WORDS.findall(core[:60]))
    if shortcomings:
        f.append(f"shortcoming={min(shortcomings, 3)}")
    if AS_OF_START.match(core):
        f.append("as_of_start")
    commas = core.count(",")
    f.append(f"commas={min(commas, 3)}")
    if u.line_start and u.line_end and norm.text[u.end - 1] not in SENTENCE_END:
        f.append("bare_line")  # a line with no closing punctuation: a heading or a slogan
    return _shown_memo[shown], tuple(f)


def _layout(
    field_kind_: str, since_field: int, heading_class: str, closing: bool, pre: bool,
    position: int, cls: str, depth: int, heading_depth: int, next_line: str, prev_line: str,
    line_end: bool, in_para: int, siblings: int, since_heading: int, section: str,
    followed_by_rect: bool, rect_ahead: bool, rule_label: str, run_in: bool,
) -> list[str]:
    """The unit's context features (the arguments come capped, as the strings show them)."""
    layout = [
        "ctx_field=" + field_kind_,
        f"since={since_field}",
        "head=" + heading_class,
        f"ctx_since={field_kind_}{min(since_field, 2)}",
        f"closing={closing}",
        f"pre={pre}",
        f"pos={position}",
        "field_enum=" + field_kind_ + cls,
        # the outline: depth of this unit, of the heading above, and what the next and
        # previous lines look like relative to it
        f"depth={depth}",
        f"hdepth={heading_depth}",
        f"enum_depth={cls}{depth}",
        "next_line=" + next_line,
        "prev_line=" + prev_line,
        f"enum_next={cls}>{next_line}",
        f"le_next={line_end}>{next_line}",
        f"in_para={in_para}",
        f"siblings={siblings}",
        f"since_head={since_heading}",
        f"head_pre={heading_class}{pre}",
        "section=" + section,
        f"section_enum={section}{cls}",
    ]
    # layout facts that hold of few units enter only when they hold: a "False" feature on
    # every other unit would weigh against problems wherever a layout lacks the cue (a
    # table's problem cells have no rectification field after them)
    if followed_by_rect:
        layout += ["followed_by_rect", "rect_enum=" + cls]
    if rect_ahead:
        layout.append("rect_ahead")
    # the hand-written reading, once and in conjunctions: its weight in each section and
    # enumerator class is learned, so where it is wrong the data outvotes it (it once
    # entered 8 times and decided every label; grouped CV chose once, README)
    layout += [
        "rule=" + rule_label,
        f"rule_sec={rule_label}{section}",
        f"rule_enum={rule_label}{cls}",
        f"rule_field={rule_label}{field_kind_}{min(since_field, 1)}",
    ]
    if run_in:
        layout.append("run_in")
    return layout


def _neighbour(tag: str, shown: tuple[str, ...], field: str, run_in: bool) -> list[str]:
    """What a unit shows of itself to the unit ``tag`` away: the first five of its own
    features, its field and whether it is a run-in heading."""
    f = [tag + ":" + x for x in shown]
    if field:
        f.append(tag + ":fieldkind=" + field_kind(field))
    if run_in:
        f.append(tag + ":run_in")
    return f


_layout_memo = Memo(_layout)
_neighbour_memo = Memo(_neighbour)
_NONE = {tag: (tag + ":none",) for tag in ("p1", "n1", "p2", "n2")}


def unit_features(
    norm: NormText, us: list[Unit], ctx: list[UnitContext], which: list[int]
) -> FeatureBatch:
    """The features of each unit index in ``which`` (neighbours included): strings, and the
    n-gram windows."""
    n = len(us)
    # every unit of the batch and its neighbours, in a list: a Python call for each of the
    # ~5,600 times a unit is looked up a round of the four notices cost 0.6 ms
    lo, hi = (max(min(which) - 2, 0), min(max(which) + 3, n)) if which else (0, 0)
    own = [_unit_own(norm, us[j]) for j in range(lo, hi)]
    views = [(o[0], us[j].field, ctx[j].run_in) for j, o in zip(range(lo, hi), own)]
    feats = []
    heads, tails, words = [], [], []
    for k in which:
        u = us[k]
        core = norm.text[u.core_start : u.core_end]
        c = ctx[k]
        f = list(own[k - lo])
        heads.append(shape(core[:HEAD_CHARS]))
        tails.append(shape(core[-TAIL_CHARS:]))
        words.append(core[:WORD_CHARS])
        key = (
            c.field_kind, min(c.since_field, 4), c.heading_class, c.closing,
            c.before_first_heading, c.position, enumerator_class(u.enumerator),
            min(c.depth, 5), min(c.heading_depth, 5), c.next_line, c.prev_line, u.line_end,
            min(c.in_paragraph, 3), min(c.siblings_before, 2), min(c.since_heading, 4),
            c.section, c.followed_by_rect, c.rect_ahead, c.rule_label, c.run_in,
        )
        f.append(_layout_memo[key])
        for d, tag in ((-1, "p1"), (1, "n1"), (-2, "p2"), (2, "n2")):
            j = k + d
            if 0 <= j < n:
                f.append(_neighbour_memo[(tag, *views[j - lo])])
            else:
                f.append(_NONE[tag])
        feats.append(f)
    grams = [Grams("h:", 1, 3, heads), Grams("t:", 1, 2, tails), Grams("w:", 2, 2, words)]
    return FeatureBatch(feats, grams, blocked=True)
