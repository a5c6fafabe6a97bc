"""The model: where every label is decided.

Structure labels (problem, measure, status) come from the unit sequence tagger, detail labels
(metric, deadline) from the clause classifiers.  The post-processing here applies guide rules
the classifiers cannot learn from four notices: it trims edges, drops formulaic wrappers, runs
a `问题 N：` problem to the end of its paragraph, and drops deadlines that are history (inside
a problem) or metadata (in the introduction).  Confidences are calibrated per label.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import rules
from .pipeline import Analysis, analyse
from .tagger import Calibrator, LinearClassifier, SequenceTagger, UNIT_LABELS
from .text import trim
from .types import DETAIL_LABELS, LABELS, Span


# Units decoded together; a window always ends at a paragraph start, where a span rarely
# continues (annotations/README.md, decision 1).
DECODE_WINDOW = 4096


@dataclass
class Model:
    tagger: SequenceTagger
    detail: dict[str, LinearClassifier]           # "metric", "deadline"
    calibrators: dict[str, Calibrator] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=lambda: {"metric": 0.5, "deadline": 0.5})
    card: dict[str, Any] = field(default_factory=dict)

    # -- labelling -------------------------------------------------------------------------
    def raw_spans(self, text: str, analysis: Analysis | None = None) -> list[Span]:
        """Spans with raw (uncalibrated) scores as confidence."""
        a = analysis or analyse(text)
        norm = a.norm
        out: list[Span] = []
        if a.units:
            emissions = np.vstack([self.tagger.emissions(X).astype(np.float32) for X in a.unit_batches()])
            path, chosen = self._decode_windows(a, emissions)
            after_field = [c.field_kind == "problem" and c.since_field == 0 for c in a.contexts]
            labels = rules.extend_problems(a.units, [UNIT_LABELS[i] for i in path], after_field)
            for s, e, label, members in rules.spans_from_unit_labels(norm, a.units, labels):
                score = float(np.mean(chosen[members]))
                s, e = trim(norm.text, s, e)
                if s < e:
                    o_s, o_e = norm.to_original(s, e)
                    out.append(Span(o_s, o_e, label, text[o_s:o_e], score))
        # A date inside a problem's description, or in the introduction before any problem or
        # measure, is history or metadata, never a rectification deadline (the guide's deadline).
        problems = [(s.start, s.end) for s in out if s.label == "problem"]
        first_structure = min((s.start for s in out), default=len(text))
        if a.clauses:
            probs = {label: [] for label in DETAIL_LABELS}
            for X in a.clause_batches():
                for label in DETAIL_LABELS:
                    probs[label].append(self.detail[label].predict_proba(X)[:, 1])
            for label in DETAIL_LABELS:
                p = np.concatenate(probs[label])
                for c, pk in zip(a.clauses, p):
                    if pk < self.thresholds[label]:
                        continue
                    o_s, o_e = norm.to_original(c.start, c.end)
                    if label == "deadline" and (o_s < first_structure or any(ps <= o_s < pe for ps, pe in problems)):
                        continue
                    out.append(Span(o_s, o_e, label, text[o_s:o_e], float(pk)))
        return sort_spans(out)

    def _decode_windows(self, a: Analysis, emissions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Viterbi path and the marginal of the chosen label at every unit.

        Long texts are decoded in windows that end at a paragraph start, so the forward and
        backward tables stay small (a notice is one window; a 10 MB file is ~80).
        """
        n = len(a.units)
        path = np.zeros(n, dtype=np.int64)
        chosen = np.zeros(n, dtype=np.float32)
        lo = 0
        while lo < n:
            hi = min(n, lo + DECODE_WINDOW)
            while hi < n and not a.units[hi].line_start:
                hi += 1
            p, marg = self.tagger.decode_emissions(emissions[lo:hi].astype(np.float64))
            path[lo:hi] = p
            chosen[lo:hi] = marg[np.arange(hi - lo), p]
            lo = hi
        return path, chosen

    def calibrate(self, spans: list[Span]) -> list[Span]:
        out = []
        for s in spans:
            cal = self.calibrators.get(s.label)
            conf = float(cal(np.array([s.confidence]))[0]) if cal else s.confidence
            out.append(Span(s.start, s.end, s.label, s.text, conf))
        return out

    def label(self, text: str, analysis: Analysis | None = None) -> list[Span]:
        """Labelled spans with calibrated confidences, sorted by start."""
        return self.calibrate(self.raw_spans(text, analysis))

    def extract(self, text, **kwargs):
        from .extraction import extract
        return extract(text, model=self, **kwargs)


def sort_spans(spans: list[Span]) -> list[Span]:
    order = {lab: k for k, lab in enumerate(LABELS)}
    return sorted(spans, key=lambda s: (s.start, order[s.label] >= 3, s.end, order[s.label]))
