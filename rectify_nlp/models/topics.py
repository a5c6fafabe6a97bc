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
as annotated), each group scored by a classifier that never saw it: held out by layout family
(and each site of the organisation family), topic accuracy 0.904, area 0.968; by site (5
grouped folds), 0.910 and 0.968 (``benchmarks/topic_cv.py``). Expert 1 alone, with each cue
word counted once as it then was, had given 0.814 / 0.910 and 0.835 / 0.920. Without the
area's expert (area weight 0) topics are 0.872 by layout and 0.888 by site, without the
measures' (measure weight 0) 0.862 and 0.878 (``benchmarks/topic-cv-ablations.txt``). The
weights 0.25 come from an experiment on these same problems in which nested cross-validation
(weights picked on the training folds only) gave 0.888 / 0.963 by layout and 0.883 / 0.963 by
site, with cues then counted once a word: fixed-weight figures are a little optimistic. At
extraction the measures are the ones the tagger attached to the record, so a missed or extra
measure can move a topic. With both weights 0 the classifier is expert 1 alone, its arrays as
fitted.

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
# Each cue mention counts this many times (times ``words_in``): with two hundred annotated
# problems the wording's hundreds of n-grams otherwise outvote the one feature that names the
# field (held-out topic accuracy by layout 0.803 at 1, 0.814 at 3, 0.824 at 5; area 0.920,
# 0.910, 0.899; measured with the wording's regression alone and each cue word counted once,
# not measured again since).
CUE_WEIGHT = 3
# A measure's cue words count as often as the wording's (measured with this value only).
MEASURE_CUE_WEIGHT = 3
BATCH = 256


def words_in(cue: str) -> int:
    """How many words a cue mention stands for: Chinese words are mostly two characters, so a
    cue of n characters is about n // 2 of them (`营商环境` two, `产业` one), and at least one.
    The guide settles a problem between two topics by "the one the description spends most
    words on". Counting each cue word once, however long and however often said, let short,
    general cues (`发展`, `服务`) weigh as much as long, specific ones (`民主生活会`). Held out by
    layout family and by site (188 problems, ``benchmarks/topic_cv.py``), topics 0.899 / 0.888
    -> 0.904 / 0.910, areas 0.963 / 0.963 -> 0.968 / 0.968. This weighting was picked among
    five (once a word; n; n - 1; n // 2; min(3, n - 1), each mention read longest first) by
    nested cross-validation (``benchmarks/topic_cue_weighting.py``): chosen inside each
    training fold, the choice scored 0.904 by layout and 0.910 by site on the held-out fold.
    Every length rule beat counting once; n // 2 had the most inner-fold hits, by a hair
    (README, "Topics")."""
    return max(1, len(cue) // 2)


# The cue words as integer keys of their first characters, so all the strings of a batch are
# searched at once in NumPy (testing all 620 words on every problem and heading was most of
# the topic classifier's time). A word of two or three characters is its key (21 bits a
# character); a longer one is found through its first three and then tested where they occur.
# Words of one character are looked for as they are.
_LEXICON = [(t, w) for t, words in TOPIC_CUES.items() for w in words]
_LENGTH = np.array([len(w) for _, w in _LEXICON], dtype=np.int64)
_LEXICON_LENGTH = _LENGTH.tolist()
_SINGLE = [(k, w) for k, (_, w) in enumerate(_LEXICON) if len(w) == 1]


def _key(w: str) -> int:
    k = 0
    for ch in w[:3]:
        k = k << 21 | ord(ch)
    return k


# one lexicon entry per word: no word is listed under two topics (a test holds the lexicon to
# that; a word listed twice would be found under its last topic only)
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


def _occurrences(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Every place a cue word starts in ``text`` and which word, overlapping ones too."""
    at: list[np.ndarray] = []
    word: list[np.ndarray] = []
    tested: list[tuple[int, int]] = []  # found by testing the text, not by a key
    for k, w in _SINGLE:
        p = text.find(w)
        while p >= 0:
            tested.append((p, k))
            p = text.find(w, p + 1)
    if len(text) >= 2:
        c = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        c = c.astype(np.uint64)
        pair = (c[:-1] << np.uint64(21)) | c[1:]
        word2 = _PAIRS.get(pair)
        pos = np.flatnonzero(word2 != -1)
        two = word2[pos] >= 0
        at.append(pos[two])
        word.append(word2[pos[two]])
        pos = pos[pos + 2 < len(c)]
        t = _TRIPLE_AT.get((pair[pos] << np.uint64(21)) | c[pos + 2])
        pos, t = pos[t >= 0], t[t >= 0]
        three = _TRIPLE_WORD[t] >= 0
        at.append(pos[three])
        word.append(_TRIPLE_WORD[t[three]])
        more = _HAS_LONGER[t]
        for p, j in zip(pos[more].tolist(), t[more].tolist()):
            tested += [(p, k) for k in _TRIPLE_LONGER[j] if text.startswith(_LEXICON[k][1], p)]
    if tested:
        at.append(np.array([p for p, _ in tested], dtype=np.int64))
        word.append(np.array([k for _, k in tested], dtype=np.int64))
    if not at:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(at).astype(np.int64), np.concatenate(word).astype(np.int64)


def _mentions(strings: list[str]) -> list[list[tuple[int, int]]]:
    """``cue_mentions`` as (offset, place of the word in the lexicon)."""
    out: list[list[tuple[int, int]]] = [[] for _ in strings]
    if not strings:
        return out
    pos, word = _occurrences(_SEP.join(strings))
    if not len(pos):
        return out
    order = np.lexsort((-_LENGTH[word], pos))  # by place, the longest word first
    pos, word = pos[order], word[order]
    starts = np.cumsum([0] + [len(x) + 1 for x in strings[:-1]])
    rows = np.searchsorted(starts, pos, side="right") - 1
    offsets = pos - starts[rows]
    free = 0
    for p, k, r, o in zip(pos.tolist(), word.tolist(), rows.tolist(), offsets.tolist()):
        if p >= free:
            out[r].append((o, k))
            free = p + _LEXICON_LENGTH[k]
    return out


def cue_mentions(strings: list[str]) -> list[list[tuple[int, str, str]]]:
    """The topic cue words each string mentions, as (offset, topic, word), in reading order:
    from left to right the longest cue word that starts at a place, then on from its end, so
    a word inside a longer one (`学习` in `理论学习`) is not a second mention, and a word said
    twice is two. All the strings of a batch are searched at once."""
    return [[(o, *_LEXICON[k]) for o, k in found] for found in _mentions(strings)]


def counted_strings(count=words_in) -> dict[str, list[list[str]]]:
    """Each lexicon word's feature strings under each prefix, ``count`` it times (in lexicon
    order; ``benchmarks/topic_cue_weighting.py`` passes other counts)."""
    return {
        prefix: [[prefix + t] * count(w) for t, w in _LEXICON]
        for prefix in ("kw:", "kw1:", "hkw:", "mkw:")
    }


# Built once: a problem's measures mention some hundred cue words, and building their strings
# one at a time was a third of the topic step.
_COUNTED = counted_strings()


def _cue_strings(prefix: str, found: list[tuple[int, int]]) -> list[str]:
    counted = _COUNTED[prefix]
    return [f for _, k in found for f in counted[k]]


def _add_headings(headings, seen: dict) -> None:
    """The features of each heading not in ``seen`` (cut to ``HEADING_CHARS``), found together:
    n-grams (1-2) and cues."""
    new = list(dict.fromkeys(h[:HEADING_CHARS] for h in headings))
    new = [h for h in new if h not in seen]
    texts = [normalise(h).text for h in new]
    for h, n, found in zip(new, texts, _mentions(texts)):
        seen[h] = [Window("h:", 1, 2, n), *_cue_strings("hkw:", found)]


def wording_of(problem: str) -> str:
    """The part of a problem the topic reads. The problem comes normalised, as the tagger read
    it (``NormText.normalised_text``), like its measures: normalising each wording again was a
    sixth of the topic classifier's time."""
    return problem[:WORDING_CHARS]


def topic_row(
    problem: str,
    category: tuple[str, ...] | list[str],
    seen: dict | None = None,
    found: tuple[str, list[tuple[int, int]]] | None = None,
) -> list[str | Window]:
    """The features of one problem: wording n-grams (1-3) and topic cues, the first sentence's
    cues apart (the wording proper, before its description); heading n-grams (1-2) and cues.
    Each cue mention counts ``words_in`` its word times ``CUE_WEIGHT``. The n-grams stay
    windows, looked up as packed keys (``Vocabulary.mixed_rows``). ``seen``: heading features
    already made for the problems of this notice; ``found``: ``wording_of(problem)`` and its
    mentions (``_mentions``), when a batch has found them already."""
    if found is None:
        wording = wording_of(problem)
        mentions = _mentions([wording])[0]
    else:
        wording, mentions = found
    head = len(wording.split("。")[0])
    # the first sentence is part of the wording: its cues are among the wording's
    first = [m for m in mentions if m[0] < head]
    cues = _cue_strings("kw:", mentions) + _cue_strings("kw1:", first)
    f = [Window("p:", 1, 3, wording), *(cues * CUE_WEIGHT)]
    seen = {} if seen is None else seen
    _add_headings(category, seen)  # the problems of a notice share a few headings
    for h in category:
        f += seen[h[:HEADING_CHARS]]
    return f


def topic_features(problem: str, category: tuple[str, ...] | list[str]) -> list[str]:
    """Feature strings of one problem (training, the canary): ``topic_row`` spelled out."""
    return expand(topic_row(problem, category))


def measure_rows(measures: list[tuple[str, ...] | list[str]]) -> list[list[str | Window]]:
    """The features of each problem's measures, all of them joined (no character cap): bigrams
    and topic cues (each mention counted as in ``topic_row``), prefixed apart from the
    wording's ("m:", "mkw:"). A problem without measures has none. Bigrams, not 1-2-grams: the
    measures are nearly a notice's length again, and their single characters cost a tenth of
    the topic classifier's time for no accuracy (held out by layout 0.888 with them, 0.899
    without; by site 0.888 both, cues then counted once a word). The measures come
    normalised, as the tagger read them (``NormText.normalised_text``): they run to most of a
    notice, and normalising them again was most of the topic classifier's time."""
    texts = ["。".join(m) if m else "" for m in measures]
    return [
        [Window("m:", 2, 2, m), *(_cue_strings("mkw:", found) * MEASURE_CUE_WEIGHT)]
        if m
        else []
        for m, found in zip(texts, _mentions(texts))
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
            found = zip(wordings, _mentions(wordings))
            _add_headings((h for _, c, _ in batch for h in c), seen)
            rows = [
                topic_row(p, c, seen, f) + ms
                for (p, c, _), f, ms in zip(batch, found, measures)
            ]
            P = self.probabilities(self.vocabulary.mixed_rows(rows))
            best = P.argmax(axis=1)
            out += [(str(self.classes_[k]), float(P[i, k])) for i, k in enumerate(best)]
        return out
