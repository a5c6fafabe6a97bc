"""Text to model inputs: normalise, cut into units and clauses, and featurise them.

Training and prediction both go through ``analyse``, so the model always sees the same inputs
for the same text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from scipy import sparse

from . import features, rules
from .text import Clause, NormText, Unit, clauses, normalise, units


@dataclass(frozen=True)
class Analysis:
    norm: NormText
    units: list[Unit]              # content units only (field names are context, not labelled)
    all_units: list[Unit]
    contexts: list[features.UnitContext]
    clauses: list[Clause]
    unit_X: sparse.csr_matrix
    clause_X: sparse.csr_matrix
    closing_at: int                 # normalised offset where the closing section starts


def analyse(text: str) -> Analysis:
    norm = normalise(text)
    all_units = units(norm)
    ctx_all = features.unit_contexts(norm, all_units)
    feats_all = features.unit_features(norm, all_units, ctx_all)
    keep = [k for k, u in enumerate(all_units) if u.core_start < u.core_end]
    stop = rules.closing_start(norm, all_units)
    closing_at = all_units[stop].start if stop < len(all_units) else len(norm.text)
    first_heading = next((u.start for u in all_units if u.line_start and u.enumerator
                          and not u.enumerator.endswith(("是", "要"))), len(norm.text))
    cl = clauses(norm)
    # each clause knows the unit it sits in: a date inside a problem's description is history,
    # not a deadline (annotations/README.md)
    starts = [u.start for u in all_units]
    clause_ctx = [ctx_all[max(0, bisect.bisect_right(starts, c.start) - 1)] if all_units else None for c in cl]
    return Analysis(
        norm=norm,
        units=[all_units[k] for k in keep],
        all_units=all_units,
        contexts=[ctx_all[k] for k in keep],
        clauses=cl,
        unit_X=features.hash_features([feats_all[k] for k in keep]),
        clause_X=features.hash_features(features.clause_features(norm, cl, closing_at, first_heading, clause_ctx)),
        closing_at=closing_at,
    )
