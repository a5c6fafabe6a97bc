"""Fitting and scoring the topic classifier on annotated problems (``meta.topics``)."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..assemble.records import problem_categories
from ..config import Config
from ..features.analysis import Analysis
from ..features.vocabulary import Vocabulary
from ..models.linear import LinearClassifier
from ..models.topics import AREA_OF, TOPICS, TopicClassifier, topic_features
from ..schema import AnnotatedNotice, Label


def gold_problems(
    n: AnnotatedNotice, a: Analysis
) -> list[tuple[str, tuple[str, ...], str]]:
    """(wording, category path, topic) of every gold problem with a topic; the category path
    is found from the gold spans exactly as extraction finds it from predicted ones."""
    topics = n.meta.get("topics") if isinstance(n.meta, dict) else None
    if not isinstance(topics, dict) or not topics:
        return []
    spans = sorted(n.spans, key=lambda s: (s.start, -s.end))
    problems = [s for s in spans if s.label == Label.problem]
    paths = problem_categories(a.norm, a.all_units, spans)
    out = []
    for p, path in zip(problems, paths):
        t = topics.get(f"{p.start}-{p.end}")
        if t in TOPICS:
            out.append((n.text[p.start : p.end], path, t))
    return out


def fit_topics(
    notices: Sequence[AnnotatedNotice], analyses: Sequence[Analysis], config: Config
) -> TopicClassifier | None:
    """The topic classifier, or None when the annotations give no topic."""
    rows = [r for n, a in zip(notices, analyses) for r in gold_problems(n, a)]
    if len({t for _, _, t in rows}) < 2:
        return None
    feats = [topic_features(w, c) for w, c, _ in rows]
    vocabulary = Vocabulary.fit(feats)
    clf = LinearClassifier(C=config.C_topics, classes=TOPICS, random_state=config.seed)
    clf.fit(vocabulary.rows(feats).to_csr(), np.asarray([t for _, _, t in rows]))
    return TopicClassifier(vocabulary, clf.classes_, clf.weights_, clf.intercept_)


def topic_hits(
    clf: TopicClassifier | None, n: AnnotatedNotice, a: Analysis
) -> tuple[int, int, int]:
    """(gold problems with a topic, topics right, areas right) for one notice, its wording and
    headings as annotated, so the figure is the classifier's, not the span tagger's; nothing
    is counted without a classifier."""
    rows = gold_problems(n, a) if clf is not None else []
    if not rows:
        return 0, 0, 0
    pred = [t for t, _ in clf.predict_problems([(w, c) for w, c, _ in rows])]
    gold = [t for _, _, t in rows]
    return (
        len(rows),
        sum(p == g for p, g in zip(pred, gold)),
        sum(AREA_OF[p] == AREA_OF[g] for p, g in zip(pred, gold)),
    )
