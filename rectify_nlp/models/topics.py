"""Problem topics (the guide's "Problem topics": 12 topics in the 4 areas of 四个落实).

A multinomial logistic regression over hashed character n-grams of the problem's wording
(its description included) and of its group headings, with the heading's n-grams apart so the
data decide how much a heading counts: the guide calls a heading evidence, not the answer.
"""

from __future__ import annotations

import numpy as np

from ..features.hashing import hash_features
from ..lexicon.topics import TOPIC_CUES
from ..text.normalise import normalise
from .linear import LinearClassifier

TOPICS = (
    "study", "development", "ideology", "livelihood",
    "responsibility", "conduct", "integrity", "management",
    "leadership", "cadres", "grassroots",
    "rectification", "other",
)
AREA_OF = {
    "study": "decisions", "development": "decisions", "ideology": "decisions",
    "livelihood": "decisions",
    "responsibility": "governance", "conduct": "governance", "integrity": "governance",
    "management": "governance",
    "leadership": "organisation", "cadres": "organisation", "grassroots": "organisation",
    "rectification": "rectification", "other": "other",
}
AREAS = ("decisions", "governance", "organisation", "rectification", "other")
# A problem's wording says most in its first sentences; a long description adds little.
WORDING_CHARS = 160
HEADING_CHARS = 60


def _grams(s: str, prefix: str, n_max: int) -> list[str]:
    return [prefix + s[i : i + n] for n in range(1, n_max + 1) for i in range(len(s) - n + 1)]


def _cues(s: str, prefix: str) -> list[str]:
    return [f"{prefix}{t}" for t, words in TOPIC_CUES.items() for w in words if w in s]


def topic_features(problem: str, category: tuple[str, ...] | list[str]) -> list[str]:
    """Feature strings of one problem: wording n-grams (1-3) and topic cues, the first
    sentence's cues apart (the wording proper, before its description); heading n-grams (1-2)
    and cues."""
    wording = normalise(problem[:WORDING_CHARS]).text
    head = wording.split("。")[0]
    f = _grams(wording, "p:", 3) + _cues(wording, "kw:") + _cues(head, "kw1:")
    for h in category:
        h = normalise(h[:HEADING_CHARS]).text
        f += _grams(h, "h:", 2) + _cues(h, "hkw:")
    return f


class TopicClassifier(LinearClassifier):
    """``LinearClassifier`` over ``topic_features``; fit on (problem, category) pairs."""

    def fit_problems(self, problems: list[tuple[str, tuple[str, ...]]], topics: list[str]):
        X = hash_features([topic_features(p, c) for p, c in problems])
        # fit on the columns that occur (a few thousand of 2**18): lbfgs then moves a few
        # thousand weights per class instead of the whole hashed space
        used = np.unique(X.indices)
        self.fit(X[:, used], np.asarray(topics))
        full = np.zeros((X.shape[1], self.weights_.shape[1]), dtype=np.float32)
        full[used] = self.weights_
        self.weights_ = np.ascontiguousarray(full)
        self.n_features_in_ = X.shape[1]
        return self

    def predict_problems(
        self, problems: list[tuple[str, tuple[str, ...]]]
    ) -> list[tuple[str, float]]:
        """The most likely topic of each problem and its probability."""
        if not problems:
            return []
        P = self.predict_proba(hash_features([topic_features(p, c) for p, c in problems]))
        best = P.argmax(axis=1)
        return [(str(self.classes_[k]), float(P[i, k])) for i, k in enumerate(best)]


def new_topic_classifier(C: float, seed: int) -> TopicClassifier:
    return TopicClassifier(C=C, classes=TOPICS, random_state=seed)
