"""Gold spans to the targets the estimators learn: a BIO label per unit, 0/1 per clause."""

from __future__ import annotations

from typing import Iterable

import numpy as np

from ..features.analysis import Analysis
from ..schema import STRUCTURE_LABELS, Label, Span

# A clause is a positive example when a gold span of the label covers it this well (IoU).
CLAUSE_IOU = 0.5


def unit_targets(a: Analysis, gold: Iterable[Span]) -> np.ndarray:
    """BIO label per content unit from the gold structure spans: B where a span starts inside
    the unit, I where it started before."""
    spans = [s for s in gold if s.label in STRUCTURE_LABELS]
    y = np.full(len(a.units), "O", dtype=object)
    j = 0
    for k, u in enumerate(a.units):
        u_start = a.norm.to_original(u.start, u.end).start
        core_s, core_e = a.norm.to_original(u.core_start, u.core_end)
        while j < len(spans) and spans[j].end <= core_s:
            j += 1
        if j < len(spans) and spans[j].start < core_e:
            s = spans[j]
            y[k] = ("B-" if s.start >= u_start else "I-") + str(s.label)
    return y.astype(str)


def clause_targets(a: Analysis, gold: Iterable[Span], label: Label) -> np.ndarray:
    spans = [s for s in gold if s.label == label]
    y = np.zeros(len(a.clauses), dtype=int)
    j = 0
    for k, c in enumerate(a.clauses):
        cs, ce = a.norm.to_original(c.start, c.end)
        while j < len(spans) and spans[j].end <= cs:
            j += 1
        for s in spans[j : j + 3]:
            inter = min(ce, s.end) - max(cs, s.start)
            if inter > 0 and inter / (max(ce, s.end) - min(cs, s.start)) >= CLAUSE_IOU:
                y[k] = 1
    return y
