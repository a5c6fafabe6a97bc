"""Problem topics (the guide's "Problem topics": 12 topics in the 4 areas of 四个落实).

One linear scorer, fitted as three experts whose log-probabilities are added
(``training.topics``):

1. a multinomial logistic regression over character n-grams of the problem's wording (its
   description included) and of its group headings, with the heading's n-grams apart so the
   data decide how much a heading counts: the guide calls a heading evidence, not the answer;
2. a logistic regression over character bigrams and cue words of the problem's **measures**, its
   log-probability counted at ``Config.topic_measure_weight`` (0.25);
3. a multinomial naive Bayes over the features of (1) that predicts the **area**, counted at
   ``Config.topic_area_weight`` (0.25) for each topic of that area.

The guide decides a topic "from what the problem says is wrong ... the measures taken do not
decide it". Expert 1 reads exactly that and counts in full; the measures are down-weighted
evidence only, at a quarter of the wording's say. They help because a problem's wording is often
a few characters (`整改责任压得不实`) while its measures name the field at length (`成立…巡察整改
工作领导小组,压紧压实党工委主体责任`); the area's naive Bayes pools the topics of an area, so a
wording between two topics of one area still lands in the right area.

Measured with the training code on the 188 annotated problems (wording, headings and measures
as annotated), each group scored by a classifier that never saw it, before -> now: held out by
layout family (and each site of the organisation family), topic accuracy 0.814 -> 0.899, area
0.910 -> 0.963; by site (5 grouped folds), 0.835 -> 0.888 and 0.920 -> 0.963
(``benchmarks/topic_cv.py``). The measures' expert alone (area weight 0) gives topics 0.872 by
layout and 0.867 by site, the area's expert alone (measure weight 0) 0.846 and 0.867. The
weights 0.25 come from an experiment on these same problems in which nested cross-validation
(weights picked on the training folds only) gave 0.888 / 0.963 by layout and 0.883 / 0.963
by site: the fixed-weight figures above are a little optimistic. At extraction the measures
are the ones the tagger attached to the record, so a missed or extra measure can move a topic.
With both weights 0 the classifier is expert 1 alone, exactly as before.

Each expert's log-probability is its linear score minus a constant of the row, and naive
Bayes is linear in the counts, so the weighted sum is again one linear score: the three are
stored as one ``TopicClassifier`` over the union of their (disjoint) vocabularies.
"""

from __future__ import annotations

import numpy as np

from ..features.key_index import KeyIndex
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
# A measure's cue words count as often as the wording's (measured with this value only).
MEASURE_CUE_WEIGHT = 3
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


# The cue words again as integer keys of their first characters, for long strings: a
# problem's measures run to some 400 characters, where nearly every word's first character
# occurs, so all the strings of a batch are searched at once in NumPy. A word of two or three
# characters is its key (21 bits a character); a longer one is found through its first three
# and then tested where they occur. Words of one character are tested as they are.
_LEXICON = [(t, w) for t, words in TOPIC_CUES.items() for w in words]
_SINGLE = [(k, t, w) for k, (t, w) in enumerate(_LEXICON) if len(w) == 1]


def _key(w: str) -> int:
    k = 0
    for ch in w[:3]:
        k = k << 21 | ord(ch)
    return k


# one lexicon entry per word: no word is listed under two topics (a test holds this finder to
# testing every entry, so a word listed twice would fail it)
_PAIR_WORD = {_key(w): k for k, (_, w) in enumerate(_LEXICON) if len(w) == 2}
_TRIPLES: dict[int, list[int]] = {}  # first three characters -> the words that start so
for _k, (_, _w) in enumerate(_LEXICON):
    if len(_w) >= 3:
        _TRIPLES.setdefault(_key(_w), []).append(_k)
_PREFIX_PAIRS = sorted({_key(w[:2]) for _, w in _LEXICON if len(w) >= 2})
# a pair that starts a cue word -> its two-character word (-2 when none; -1 is not found)
_PAIRS = KeyIndex(
    np.array(_PREFIX_PAIRS, dtype=np.uint64),
    np.array([_PAIR_WORD.get(k, -2) for k in _PREFIX_PAIRS], dtype=np.int64),
)
_TRIPLE_KEYS = sorted(_TRIPLES)
_TRIPLE_AT = KeyIndex(np.array(_TRIPLE_KEYS, dtype=np.uint64), np.arange(len(_TRIPLE_KEYS)))
# the triple's three-character word (-1 when none), and whether longer words start with it
_TRIPLE_WORD = np.array(
    [next((k for k in _TRIPLES[t] if len(_LEXICON[k][1]) == 3), -1) for t in _TRIPLE_KEYS],
    dtype=np.int64,
)
_TRIPLE_LONGER = [[k for k in _TRIPLES[t] if len(_LEXICON[k][1]) > 3] for t in _TRIPLE_KEYS]
_HAS_LONGER = np.array([bool(ks) for ks in _TRIPLE_LONGER])
_SEP = "\n"  # between the strings of a batch: in no cue word
_WORD_BITS = max(1, len(_LEXICON).bit_length())


def _cue_words_many(strings: list[str]) -> list[list[tuple[str, str]]]:
    """``_cue_words`` of each string, the character pairs and triples of all of them looked up
    at once."""
    text = _SEP.join(strings)
    # a word of one character is looked for in the strings only when the batch has it
    single = [h for h in _SINGLE if h[2] in text]
    rows_k: list[np.ndarray] = []
    found: list[tuple[int, int]] = [(r, k) for r, s in enumerate(strings) for k, _, w in single
                                    if w in s]
    if len(text) >= 2:
        c = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        c = c.astype(np.uint64)
        pair = (c[:-1] << np.uint64(21)) | c[1:]
        word2 = _PAIRS.get(pair)
        pos = np.flatnonzero(word2 != -1)
        starts = np.cumsum([0] + [len(x) + 1 for x in strings[:-1]])
        row = np.searchsorted(starts, pos, side="right") - 1
        two = word2[pos] >= 0
        rows_k.append((row[two].astype(np.int64) << _WORD_BITS) | word2[pos[two]])
        at = pos[pos + 2 < len(c)]  # pos is sorted: ``at`` is its first len(at), rows too
        t = _TRIPLE_AT.get((pair[at] << np.uint64(21)) | c[at + 2])
        hit = t >= 0
        at, t, row3 = at[hit], t[hit], row[: len(at)][hit]
        three = _TRIPLE_WORD[t] >= 0
        rows_k.append((row3[three].astype(np.int64) << _WORD_BITS) | _TRIPLE_WORD[t[three]])
        longer = _HAS_LONGER[t]
        for p, r, j in zip(at[longer].tolist(), row3[longer].tolist(), t[longer].tolist()):
            found += [(r, k) for k in _TRIPLE_LONGER[j] if text.startswith(_LEXICON[k][1], p)]
    if found:
        rows_k.append(np.array([r << _WORD_BITS | k for r, k in found], dtype=np.int64))
    out: list[list[tuple[str, str]]] = [[] for _ in strings]
    if rows_k:
        # each (string, word) once, by string and then by the word's place in the lexicon
        codes = np.unique(np.concatenate(rows_k))
        mask = (1 << _WORD_BITS) - 1
        for code in codes.tolist():
            out[code >> _WORD_BITS].append(_LEXICON[code & mask])
    return out


def _cues(s: str, prefix: str) -> list[str]:
    return [prefix + t for t, _ in _cue_words(s)]


def wording_of(problem: str) -> str:
    """The part of a problem the topic reads. The problem comes normalised, as the tagger read
    it (``NormText.normalised_text``), like its measures: normalising each wording again was a
    sixth of the topic classifier's time."""
    return problem[:WORDING_CHARS]


def topic_row(
    problem: str,
    category: tuple[str, ...] | list[str],
    seen: dict | None = None,
    found: tuple[str, list[tuple[str, str]]] | None = None,
) -> list[str | Window]:
    """The features of one problem: wording n-grams (1-3) and topic cues, the first sentence's
    cues apart (the wording proper, before its description); heading n-grams (1-2) and cues.
    The n-grams stay windows, looked up as packed keys (``Vocabulary.mixed_rows``).
    ``seen``: heading features already made for the problems of this notice; ``found``:
    ``wording_of(problem)`` and its cue words, when a batch has found them already."""
    if found is None:
        wording = wording_of(problem)
        cue_words = _cue_words(wording)
    else:
        wording, cue_words = found
    head = wording.split("。")[0]
    # the first sentence is part of the wording: its cues are among the wording's
    cues = ["kw:" + t for t, _ in cue_words] + ["kw1:" + t for t, w in cue_words if w in head]
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


def measure_rows(measures: list[tuple[str, ...] | list[str]]) -> list[list[str | Window]]:
    """The features of each problem's measures, all of them joined (no character cap): bigrams
    and topic cues, prefixed apart from the wording's ("m:", "mkw:"). A problem without
    measures has none. Bigrams, not 1-2-grams: the measures are nearly a notice's length
    again, and their single characters cost a tenth of the topic classifier's time for no
    accuracy (held out by layout 0.888 with them, 0.899 without; by site 0.888 both). The
    measures come normalised, as the tagger read them (``NormText.normalised_text``): they run
    to most of a notice, and normalising them again was most of the topic classifier's time."""
    texts = ["。".join(m) if m else "" for m in measures]
    cues = _cue_words_many(texts)
    return [
        [Window("m:", 2, 2, m), *(["mkw:" + t for t, _ in found] * MEASURE_CUE_WEIGHT)]
        if m
        else []
        for m, found in zip(texts, cues)
    ]


def measure_row(measures: tuple[str, ...] | list[str]) -> list[str | Window]:
    """``measure_rows`` of one problem."""
    return measure_rows([measures])[0]


def measure_features(measures: tuple[str, ...] | list[str]) -> list[str]:
    """Feature strings of a problem's measures (training, the canary): ``measure_row``
    spelled out."""
    return expand(measure_row(measures))


class TopicClassifier(LinearScores):
    """A linear scorer over ``topic_features`` and ``measure_features`` in the columns of
    ``vocabulary``; fitted by ``training.topics.fit_topics``."""

    def __init__(self, vocabulary: Vocabulary, classes, weights, intercept):
        self.vocabulary = vocabulary
        self.classes_ = classes
        self.weights_ = weights
        self.intercept_ = intercept

    def predict_problems(
        self, problems: list[tuple[str, tuple[str, ...], tuple[str, ...]]]
    ) -> list[tuple[str, float]]:
        """The most likely topic of each (wording, category path, measure texts) and its
        probability; the wording and the measures normalised (``NormText.normalised_text``)."""
        if not problems:
            return []
        seen: dict[str, list[str | Window]] = {}
        out = []
        # a batch at a time: a problem has some 500 feature strings, a 10 MB text 20,000 problems
        for lo in range(0, len(problems), BATCH):
            batch = problems[lo : lo + BATCH]
            measures = measure_rows([m for _, _, m in batch])
            # the wordings' cue words found for the whole batch at once
            wordings = [wording_of(p) for p, _, _ in batch]
            found = zip(wordings, _cue_words_many(wordings))
            rows = [
                topic_row(p, c, seen, f) + ms
                for (p, c, _), f, ms in zip(batch, found, measures)
            ]
            P = self.probabilities(self.vocabulary.mixed_rows(rows))
            best = P.argmax(axis=1)
            out += [(str(self.classes_[k]), float(P[i, k])) for i, k in enumerate(best)]
        return out
