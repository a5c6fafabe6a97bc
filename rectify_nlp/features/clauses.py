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
from .units import DIGITS, shape
from .vocabulary import FeatureBatch, Grams

# the clause's shaped n-grams (1-3) are of its first characters
SHAPE_CHARS = 60


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
        has_time = bool(TIME_EXPR.search(s))
        done = COMPLETION_VERB.search(s) is not None
        # a time under `整改时限：`/`完成时间：` is a time limit whatever words surround it
        under_deadline_field = uc is not None and uc.field_kind == "deadline" and has_time
        f = [
            f"m_rule={metric_cue}",
            f"d_rule={has_time and (is_deadline_clause(s) or under_deadline_field)}",
            f"closing={c.start >= closing_at}",
            f"intro={c.start < intro_until}",
            f"has_digit={DIGITS.search(masked) is not None}",
            f"has_cn={bool(chinese)}",
            f"time={has_time}",
            f"plan={PLAN_CUE.search(s) is not None}",
            f"done={done}",
            f"len={min(len(s) // 10, 6)}",
        ]
        f += ["q:" + shape(q)[-3:] for q in arabic]
        f += ["cq:" + q[-1] for q in chinese]
        if "#" in masked:
            f.append("masked")
        if uc is not None:
            f += [
                "unit_field=" + uc.field_kind,
                f"unit_depth={min(uc.depth, 5)}",
                f"unit_pre={uc.before_first_heading}",
                "unit_rule=" + uc.rule_label.split("-")[-1],
                "unit_section=" + uc.section,
                f"bare_line={uc.bare_line}",
                f"bare_metric={uc.bare_line}{metric_cue}",
            ]
        if AS_OF.search(s):
            f.append("as_of")
        if not done and ACTION_VERB.search(s):
            f.append("action_not_completion")
        out.append(f)
    return FeatureBatch(out, [Grams("c:", 1, 3, windows)])
