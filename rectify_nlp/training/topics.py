"""Fitting and scoring the topic classifier on annotated problems (``meta.topics``).

Three experts are fitted on the same problems (``models/topics.py`` says why) and folded into
one linear scorer: for topic t of area a(t),

    score[t] = z1[t] + wm * z2[t] + wa * (log prior[a(t)] + x . log p(feature | a(t)))

where z1 is the wording-and-headings regression's score, z2 the measures' regression's, and
the last term naive Bayes's joint log-likelihood of the area. Each is its expert's
log-probability plus a constant of the row, so the argmax and the softmax of ``score`` are those
of ``log P1(t) + wm log P2(t) + wa log P3(a(t))``: the weights of the three vocabularies (their
prefixes are disjoint) are simply added into one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..config import Config
from ..evaluation.topics import TopicRow, gold_problems
from ..features.analysis import Analysis
from ..features.vocabulary import Vocabulary
from ..models.linear import ABSENT, LinearClassifier
from ..models.topics import (
    AREA_OF,
    AREAS,
    TOPICS,
    TopicClassifier,
    measure_features,
    topic_features,
)
from ..schema import AnnotatedNotice


@dataclass
class TopicExperts:
    """The three fitted experts: the wording-and-headings regression over ``vocabulary``; the
    measures' regression over ``measure_vocabulary`` (None when not used or no measure was
    seen); naive Bayes over the areas on ``vocabulary``'s counts (None when not used)."""

    vocabulary: Vocabulary
    wording: LinearClassifier
    measure_vocabulary: Vocabulary | None = None
    measures: LinearClassifier | None = None
    areas: object | None = None  # sklearn.naive_bayes.MultinomialNB


def fit_topic_experts(rows: Sequence[TopicRow], config: Config) -> TopicExperts:
    """Fit the experts ``config``'s weights ask for (a weight of 0 fits nothing)."""
    feats = [topic_features(w, c) for w, c, _, _ in rows]
    y = np.asarray([t for *_, t in rows])
    vocabulary = Vocabulary.fit(feats)
    X = vocabulary.rows(feats).to_csr()
    clf = LinearClassifier(C=config.C_topics, classes=TOPICS, random_state=config.seed)
    experts = TopicExperts(vocabulary, clf.fit(X, y))
    if config.topic_measure_weight > 0:
        mfeats = [measure_features(m) for _, _, m, _ in rows]
        mv = Vocabulary.fit(mfeats)
        if len(mv):
            # every problem is a row, those without measures too (their row is empty)
            mclf = LinearClassifier(C=config.C_topics, classes=TOPICS, random_state=config.seed)
            experts.measure_vocabulary = mv
            experts.measures = mclf.fit(mv.rows(mfeats).to_csr(), y)
    if config.topic_area_weight > 0:
        from sklearn.naive_bayes import MultinomialNB

        experts.areas = MultinomialNB(alpha=1.0).fit(X, [AREA_OF[t] for t in y])
    return experts


def area_log_likelihoods(nb) -> tuple[np.ndarray, np.ndarray]:
    """Naive Bayes's joint log-likelihood of each area in ``AREAS`` as linear weights
    (features x areas) and an intercept (areas). An area no training problem has is scored
    below every seen area by ``ABSENT`` on every row (for each feature the smallest weight of
    the seen areas): never chosen, as the regressions never choose an absent topic."""
    seen = [str(c) for c in nb.classes_]
    flp = np.asarray(nb.feature_log_prob_, dtype=np.float64)  # areas seen x features
    prior = np.asarray(nb.class_log_prior_, dtype=np.float64)
    W = np.empty((flp.shape[1], len(AREAS)))
    b = np.empty(len(AREAS))
    for j, area in enumerate(AREAS):
        if area in seen:
            W[:, j], b[j] = flp[seen.index(area)], prior[seen.index(area)]
        else:
            W[:, j], b[j] = flp.min(axis=0), prior.min() + ABSENT
    return W, b


def combine(
    experts: TopicExperts,
    measure_weight: float,
    area_weight: float,
    dtype=np.float32,
) -> TopicClassifier:
    """The experts as one ``TopicClassifier`` (module docstring). Without the second and third
    experts (or with weights 0) it is the first as it was fitted, its arrays unchanged.
    ``dtype``: of the weights (float32, as saved; float64 to check the algebra)."""
    first = experts.wording
    use_m = measure_weight > 0 and experts.measures is not None
    use_a = area_weight > 0 and experts.areas is not None
    if not use_m and not use_a:
        return TopicClassifier(
            experts.vocabulary,
            first.classes_,
            first.weights_.astype(dtype, copy=False),
            first.intercept_.astype(dtype, copy=False),
        )
    features = list(experts.vocabulary.features)
    if use_m:
        assert experts.measure_vocabulary is not None
        overlap = set(features) & set(experts.measure_vocabulary.features)
        if overlap:
            raise ValueError(f"topic and measure features overlap: {sorted(overlap)[:5]}")
        features += experts.measure_vocabulary.features
    vocabulary = Vocabulary(sorted(features))
    W = np.zeros((len(vocabulary), len(first.classes_)), dtype=np.float64)
    at = np.fromiter(map(vocabulary.index.__getitem__, experts.vocabulary.features), np.int64)
    W[at] = first.weights_
    b = first.intercept_.astype(np.float64)
    if use_m:
        assert experts.measure_vocabulary is not None and experts.measures is not None
        m_at = np.fromiter(
            map(vocabulary.index.__getitem__, experts.measure_vocabulary.features), np.int64
        )
        W[m_at] += measure_weight * experts.measures.weights_
        b = b + measure_weight * experts.measures.intercept_.astype(np.float64)
    if use_a:
        AW, ab = area_log_likelihoods(experts.areas)
        col = [AREAS.index(AREA_OF[str(t)]) for t in first.classes_]
        W[at] += area_weight * AW[:, col]
        b = b + area_weight * ab[col]
    return TopicClassifier(vocabulary, first.classes_, W.astype(dtype), b.astype(dtype))


def fit_topic_rows(rows: Sequence[TopicRow], config: Config) -> TopicClassifier | None:
    """The topic classifier of annotated problem rows, or None with fewer than two topics."""
    if len({t for *_, t in rows}) < 2:
        return None
    experts = fit_topic_experts(rows, config)
    return combine(experts, config.topic_measure_weight, config.topic_area_weight)


def fit_topics(
    notices: Sequence[AnnotatedNotice], analyses: Sequence[Analysis], config: Config
) -> TopicClassifier | None:
    """The topic classifier, or None when the annotations give no topic."""
    rows = [r for n, a in zip(notices, analyses) for r in gold_problems(n, a)]
    return fit_topic_rows(rows, config)
