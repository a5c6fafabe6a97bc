"""The model's proposals: unit labels from the sequence tagger, clause labels from the two
clause classifiers, each with its raw score."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..features.analysis import Analysis
from ..features.vocabulary import Vocabulary
from ..models.predict import ChainDecoder, LinearScores
from ..schema import DETAIL_LABELS, Label

# The unit tagger's labels: BIO over the structure layer.
UNIT_LABELS = ("O", "B-problem", "I-problem", "B-measure", "I-measure", "B-status", "I-status")


@dataclass(frozen=True)
class Proposal:
    """What the estimators say about one analysed text, before any guide rule."""

    unit_labels: list[str]  # one BIO label per content unit
    unit_scores: np.ndarray  # marginal probability of the chosen label per unit
    clause_scores: dict[Label, np.ndarray]  # P(label) per candidate clause


def decode_windows(
    tagger: ChainDecoder, a: Analysis, emissions: np.ndarray, window: int
) -> tuple[np.ndarray, np.ndarray]:
    """Viterbi path and the marginal of the chosen label at every unit.

    Long texts are decoded in windows that end at a paragraph start, so the forward and
    backward tables stay small (a notice is one window; a 10 MB file is ~80).
    """
    n = len(a.units)
    path = np.zeros(n, dtype=np.int64)
    chosen = np.zeros(n, dtype=np.float32)
    lo = 0
    while lo < n:
        hi = min(n, lo + window)
        while hi < n and not a.units[hi].line_start:
            hi += 1
        p, marg = tagger.decode_emissions(emissions[lo:hi].astype(np.float64))
        path[lo:hi] = p
        chosen[lo:hi] = marg[np.arange(hi - lo), p]
        lo = hi
    return path, chosen


def propose(
    tagger: ChainDecoder,
    detail: dict[Label, LinearScores],
    vocabularies: tuple[Vocabulary, Vocabulary],
    a: Analysis,
    window: int,
) -> Proposal:
    """``vocabularies``: the columns of the unit and of the clause features."""
    units_vocab, clauses_vocab = vocabularies
    labels: list[str] = []
    scores = np.zeros(0, dtype=np.float32)
    if a.units:
        emissions = np.vstack(
            [
                tagger.emission_probabilities(X).astype(np.float32)
                for X in a.unit_batches(units_vocab)
            ]
        )
        path, scores = decode_windows(tagger, a, emissions, window)
        classes = [str(c) for c in tagger.classes_]
        labels = [classes[i] for i in path]
    clause_scores = {lab: np.zeros(0) for lab in DETAIL_LABELS}
    if a.clauses:
        parts: dict[Label, list[np.ndarray]] = {lab: [] for lab in DETAIL_LABELS}
        for X in a.clause_batches(clauses_vocab):
            for lab in DETAIL_LABELS:
                clf = detail[lab]
                positive = int(np.flatnonzero(clf.classes_ == 1)[0])
                parts[lab].append(clf.probabilities(X)[:, positive])
        clause_scores = {lab: np.concatenate(parts[lab]) for lab in DETAIL_LABELS}
    return Proposal(labels, scores, clause_scores)
