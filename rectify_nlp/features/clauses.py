"""Clause features for the metric and deadline classifiers."""

from __future__ import annotations

from ..layout.cues import is_deadline_clause, is_metric_clause, mask_non_quantities
from ..lexicon.actions import ACTION_VERB
from ..lexicon.quantities import ARABIC_QUANTITY, CN_QUANTITY
from ..lexicon.time_words import AS_OF, COMPLETION_VERB, PLAN_CUE, TIME_EXPR
from ..text.normalise import NormText
from ..text.segment import Clause
from .context import UnitContext
from .units import DIGITS, ngrams, shape


def clause_features(
    norm: NormText,
    cl: list[Clause],
    closing_at: int,
    intro_until: int,
    ctx: list[UnitContext | None],
) -> list[list[str]]:
    """``ctx``: the context of the unit each clause sits in (None outside every unit)."""
    text = norm.text
    out = []
    for c, uc in zip(cl, ctx):
        s = text[c.start : c.end]
        masked = mask_non_quantities(s)
        metric_cue = is_metric_clause(s)
        f = ngrams(shape(s)[:60], "c:", 3)
        has_time = bool(TIME_EXPR.search(s))
        # a time under `整改时限：`/`完成时间：` is a time limit whatever words surround it
        under_deadline_field = uc is not None and uc.field_kind == "deadline" and has_time
        f += [
            "m_rule=%s" % metric_cue,
            "d_rule=%s" % (is_deadline_clause(s) or under_deadline_field),
            "closing=%s" % (c.start >= closing_at),
            "intro=%s" % (c.start < intro_until),
            "has_digit=%s" % bool(DIGITS.search(masked)),
            "has_cn=%s" % bool(CN_QUANTITY.search(masked)),
            "time=%s" % has_time,
            "plan=%s" % bool(PLAN_CUE.search(s)),
            "done=%s" % bool(COMPLETION_VERB.search(s)),
            "len=%d" % min(len(s) // 10, 6),
        ]
        for m in ARABIC_QUANTITY.finditer(masked):
            f.append("q:" + shape(m.group(0))[-3:])
        for m in CN_QUANTITY.finditer(masked):
            f.append("cq:" + m.group(0)[-1])
        if "#" in masked:
            f.append("masked")
        if uc is not None:
            f += [
                "unit_field=" + uc.field_kind,
                "unit_depth=%d" % min(uc.depth, 5),
                f"unit_pre={uc.before_first_heading}",
                "unit_rule=" + uc.rule_label.split("-")[-1],
                "unit_section=" + uc.section,
                f"bare_line={uc.bare_line}",
                "bare_metric=%s%s" % (uc.bare_line, metric_cue),
            ]
        if AS_OF.search(s):
            f.append("as_of")
        if ACTION_VERB.search(s) and not COMPLETION_VERB.search(s):
            f.append("action_not_completion")
        out.append(f)
    return out
