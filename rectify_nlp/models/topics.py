"""Problem topics (the guide's "Problem topics": 12 topics in the 4 areas of 四个落实).

A multinomial logistic regression over character n-grams of the problem's wording
(its description included) and of its group headings, with the heading's n-grams apart so the
data decide how much a heading counts: the guide calls a heading evidence, not the answer.
"""

from __future__ import annotations

from ..features.vocabulary import Vocabulary, Window, expand
from ..lexicon.topics import TOPIC_CUES
from ..text.normalise import normalise
from .predict import LinearScores

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
# Each cue hit counts this many times: with two hundred annotated problems the wording's
# hundreds of n-grams otherwise outvote the one feature that names the field (held-out topic
# accuracy by layout 0.803 at 1, 0.814 at 3, 0.824 at 5; area 0.920, 0.910, 0.899).
CUE_WEIGHT = 3
BATCH = 256


# The cue words by their first character, each with its place in the lexicon: a string is
# searched only for the words that start with one of its characters (testing all 620 words
# on every problem and heading was most of the topic classifier's time).
_BY_FIRST: dict[str, list[tuple[int, str, str]]] = {}
for _k, (_t, _w) in enumerate((t, w) for t, words in TOPIC_CUES.items() for w in words):
    _BY_FIRST.setdefault(_w[0], []).append((_k, _t, _w))


def _cue_words(s: str) -> list[tuple[str, str]]:
    """Each topic cue word in ``s``, with its topic, in the lexicon's order."""
    hits = sorted(hit for c in set(s) for hit in _BY_FIRST.get(c, ()) if hit[2] in s)
    return [(t, w) for _, t, w in hits]


def _cues(s: str, prefix: str) -> list[str]:
    return [prefix + t for t, _ in _cue_words(s)]


def topic_row(
    problem: str, category: tuple[str, ...] | list[str], seen: dict | None = None
) -> list[str | Window]:
    """The features of one problem: wording n-grams (1-3) and topic cues, the first sentence's
    cues apart (the wording proper, before its description); heading n-grams (1-2) and cues.
    The n-grams stay windows, looked up as packed keys (``Vocabulary.mixed_rows``).
    ``seen``: heading features already made for the problems of this notice."""
    wording = normalise(problem[:WORDING_CHARS]).text
    head = wording.split("。")[0]
    found = _cue_words(wording)
    # the first sentence is part of the wording: its cues are among the wording's
    cues = ["kw:" + t for t, _ in found] + ["kw1:" + t for t, w in found if w in head]
    f = [Window("p:", 1, 3, wording), *(cues * CUE_WEIGHT)]
    seen = {} if seen is None else seen
    for h in category:
        h = h[:HEADING_CHARS]
        if h not in seen:  # the problems of a notice share a few headings
            n = normalise(h).text
            seen[h] = [Window("h:", 1, 2, n), *_cues(n, "hkw:")]
        f += seen[h]
    return f


def topic_features(problem: str, category: tuple[str, ...] | list[str]) -> list[str]:
    """Feature strings of one problem (training, the canary): ``topic_row`` spelled out."""
    return expand(topic_row(problem, category))


class TopicClassifier(LinearScores):
    """A linear scorer over ``topic_features`` in the columns of ``vocabulary``; fitted by
    ``training.topics.fit_topics``."""

    def __init__(self, vocabulary: Vocabulary, classes, weights, intercept):
        self.vocabulary = vocabulary
        self.classes_ = classes
        self.weights_ = weights
        self.intercept_ = intercept

    def predict_problems(
        self, problems: list[tuple[str, tuple[str, ...]]]
    ) -> list[tuple[str, float]]:
        """The most likely topic of each problem and its probability."""
        if not problems:
            return []
        seen: dict[str, list[str | Window]] = {}
        out = []
        # a batch at a time: a problem has some 500 feature strings, a 10 MB text 20,000 problems
        for lo in range(0, len(problems), BATCH):
            rows = [topic_row(p, c, seen) for p, c in problems[lo : lo + BATCH]]
            P = self.probabilities(self.vocabulary.mixed_rows(rows))
            best = P.argmax(axis=1)
            out += [(str(self.classes_[k]), float(P[i, k])) for i, k in enumerate(best)]
        return out
