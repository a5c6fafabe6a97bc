"""The model: estimators plus config; ``label`` is where a notice's labels are decided.

``propose`` gives unit labels and clause scores, the unit steps of ``postprocess`` adjust the
unit labels, spans are merged, the clause classifiers' thresholds pick metric and deadline
clauses, the span steps apply the guide's rules, and calibration turns raw scores into
measured hit rates.  That is the whole decision; records are assembled from its output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..features.analysis import Analysis, analyse
from ..features.vocabulary import Vocabulary
from ..models.predict import CalibrationMap, ChainDecoder, LinearScores
from ..models.topics import TopicClassifier
from ..schema import DETAIL_LABELS, Label, Span, sort_spans
from .postprocess import Candidate, merge_units, run_span_steps, run_unit_steps
from .propose import propose

Dropped = dict[str, dict[str, int]]  # by step, then by label: what the span steps removed


@dataclass
class Model:
    tagger: ChainDecoder
    detail: dict[Label, LinearScores]  # metric, deadline
    unit_vocabulary: Vocabulary  # the columns of the tagger's features
    clause_vocabulary: Vocabulary  # the columns of the clause classifiers' features
    config: Config = field(default_factory=Config)
    calibrators: dict[Label, CalibrationMap] = field(default_factory=dict)
    card: dict[str, Any] = field(default_factory=dict)
    topics: TopicClassifier | None = None  # None: a model trained without topic annotations

    def candidates(self, a: Analysis, dropped: Dropped | None = None) -> list[Candidate]:
        """Decided spans in normalised offsets, raw scores; ``dropped`` counts by step what
        the span steps removed."""
        p = propose(
            self.tagger,
            self.detail,
            (self.unit_vocabulary, self.clause_vocabulary),
            a,
            self.config.decode_window,
        )
        labels = run_unit_steps(a, p.unit_labels, self.config.postprocess)
        spans = merge_units(a.units, labels, p.unit_scores)
        thresholds = {
            Label.metric: self.config.metric_threshold,
            Label.deadline: self.config.deadline_threshold,
        }
        for lab in DETAIL_LABELS:
            for c, score in zip(a.clauses, p.clause_scores[lab]):
                if score >= thresholds[lab]:
                    spans.append(Candidate(c.start, c.end, lab, float(score)))
        return run_span_steps(a, spans, self.config.postprocess, dropped)

    def raw_spans(
        self, text: str, analysis: Analysis | None = None, dropped: Dropped | None = None
    ) -> list[Span]:
        """Spans in the caller's offsets with raw (uncalibrated) scores as confidence."""
        a = analysis or analyse(text)
        out = []
        for c in self.candidates(a, dropped):
            s, e = a.norm.to_original(c.start, c.end)
            out.append(Span(s, e, c.label, text[s:e], c.score))
        return sort_spans(out)

    def calibrate(self, spans: list[Span]) -> list[Span]:
        conf = [s.confidence for s in spans]
        for label, cal in self.calibrators.items():
            at = [k for k, s in enumerate(spans) if s.label == label]
            if at:
                for k, c in zip(at, cal.calibrated([conf[k] for k in at]).tolist()):
                    conf[k] = c
        return [Span(s.start, s.end, s.label, s.text, c) for s, c in zip(spans, conf)]

    def label(
        self, text: str, analysis: Analysis | None = None, dropped: Dropped | None = None
    ) -> list[Span]:
        """Labelled spans with calibrated confidences, in the one span order."""
        return self.calibrate(self.raw_spans(text, analysis, dropped))
