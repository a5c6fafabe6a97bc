"""Clause features for the metric and deadline classifiers."""

from __future__ import annotations

from ..layout.cues import (
    ARABIC_QUANTITY_START,
    CN_QUANTITY_START,
    is_deadline_clause,
    mask_non_quantities,
)
from ..lexicon.actions import ACTION_VERB
from ..lexicon.quantities import ARABIC_QUANTITY, CN_QUANTITY
from ..lexicon.time_words import AS_OF, COMPLETION_VERB, PLAN_CUE, TIME_EXPR
from ..text.normalise import NormText
from ..text.scan import finditer_at
from ..text.segment import Clause
from .context import UnitContext
from .memo import Memo
from .units import DIGIT, shape
from .vocabulary import FeatureBatch, Grams

# the clause's shaped n-grams (1-3) are of its first characters
SHAPE_CHARS = 60


def _base(
    metric_cue: bool, d_rule: bool, closing: bool, intro: bool, has_digit: bool, has_cn: bool,
    has_time: bool, plan: bool, done: bool, length: int,
) -> list[str]:
    return [
        f"m_rule={metric_cue}",
        f"d_rule={d_rule}",
        f"closing={closing}",
        f"intro={intro}",
        f"has_digit={has_digit}",
        f"has_cn={has_cn}",
        f"time={has_time}",
        f"plan={plan}",
        f"done={done}",
        f"len={length}",
    ]


def _in_unit(
    field_kind: str, depth: int, pre: bool, rule_label: str, section: str, bare_line: bool,
    metric_cue: bool,
) -> list[str]:
    """What a clause takes from the unit it sits in."""
    return [
        "unit_field=" + field_kind,
        f"unit_depth={depth}",
        f"unit_pre={pre}",
        "unit_rule=" + rule_label.split("-")[-1],
        "unit_section=" + section,
        f"bare_line={bare_line}",
        f"bare_metric={bare_line}{metric_cue}",
    ]


# the clause's flags and what it takes from its unit, memoised by their values (features.memo)
_base_memo = Memo(_base)
_context_memo = Memo(_in_unit)


def clause_features(
    norm: NormText,
    cl: list[Clause],
    closing_at: int,
    intro_until: int,
    ctx: list[UnitContext | None],
) -> FeatureBatch:
    """``ctx``: the context of the unit each clause sits in (None outside every unit)."""
    text = norm.text
    out = []
    windows = []
    for c, uc in zip(cl, ctx):
        s = text[c.start : c.end]
        # the clause is masked once and each pattern run once: the metric cue
        # (layout.cues.is_metric_clause) is whether the quantities found here are any
        masked = mask_non_quantities(s)
        arabic = [m.group(0) for m in finditer_at(ARABIC_QUANTITY, ARABIC_QUANTITY_START, masked)]
        chinese = [m.group(0) for m in finditer_at(CN_QUANTITY, CN_QUANTITY_START, masked)]
        metric_cue = bool(arabic or chinese)
        windows.append(shape(s)[:SHAPE_CHARS])
        has_time = TIME_EXPR.search(s) is not None
        done = COMPLETION_VERB.search(s) is not None
        # a time under `整改时限：`/`完成时间：` is a time limit whatever words surround it
        under_deadline_field = uc is not None and uc.field_kind == "deadline" and has_time
        key = (
            metric_cue,
            has_time and (is_deadline_clause(s) or under_deadline_field),
            c.start >= closing_at,
            c.start < intro_until,
            DIGIT.search(masked) is not None,
            bool(chinese),
            has_time,
            PLAN_CUE.search(s) is not None,
            done,
            min(len(s) // 10, 6),
        )
        f = list(_base_memo[key])
        f += ["q:" + shape(q)[-3:] for q in arabic]
        f += ["cq:" + q[-1] for q in chinese]
        if "#" in masked:
            f.append("masked")
        if uc is not None:
            f += _context_memo[
                uc.field_kind, min(uc.depth, 5), uc.before_first_heading, uc.rule_label,
                uc.section, uc.bare_line, metric_cue,
            ]
        if AS_OF.search(s):
            f.append("as_of")
        if not done and ACTION_VERB.search(s):
            f.append("action_not_completion")
        out.append(f)
    return FeatureBatch(out, [Grams("c:", 1, 3, windows)])
