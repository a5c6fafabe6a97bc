"""The rules-only baseline: every label from layout cues alone, scored beside the model.

Its unit labels (``layout.rule_labels``, computed in ``analyse`` as a feature) go through the
same merge and post-processing steps as the model's, so the two differ only in who labels the
units.
"""

from __future__ import annotations

from . import arguments
from .config import Config
from .decide.postprocess import Candidate, merge_units, run_span_steps, run_unit_steps
from .features.analysis import analyse
from .layout.cues import is_deadline_clause, is_metric_clause
from .schema import Label, Span, sort_spans


def baseline_spans(original: str) -> list[Span]:
    """The rules-only baseline: every label from layout cues, confidence 1."""
    if not isinstance(original, str):
        raise arguments.refuse("text", original, "the notice's text as a str")
    a = analyse(original)
    # the analysis computed the rule labels already: they are a feature of every unit
    labels = run_unit_steps(a, [c.rule_label for c in a.contexts], Config().postprocess)
    spans = merge_units(a.units, labels, [1.0] * len(a.units))
    text = a.norm.text
    for c in a.clauses:
        seg = text[c.start : c.end]
        for label, hit in (
            (Label.metric, is_metric_clause(seg)),
            (Label.deadline, is_deadline_clause(seg)),
        ):
            if hit:
                spans.append(Candidate(c.start, c.end, label, 1.0))
    out = []
    for c in run_span_steps(a, spans, Config().postprocess):
        s, e = a.norm.to_original(c.start, c.end)
        out.append(Span(s, e, c.label, original[s:e]))
    return sort_spans(out)
