"""The topic classifier: three experts folded into one linear scorer (training/topics.py)."""
import dataclasses

import numpy as np
import pytest

import rectify_nlp
from rectify_nlp import Config
from rectify_nlp.assemble.topics import with_topics
from rectify_nlp.text.normalise import normalise
from rectify_nlp.errors import ConfigError
from rectify_nlp.features.analysis import analyse
from rectify_nlp.features.vocabulary import Vocabulary
from rectify_nlp.models.linear import LinearClassifier
from rectify_nlp.models.predict import softmax_rows
from rectify_nlp.models.topics import (
    AREA_OF,
    TOPICS,
    measure_features,
    measure_row,
    topic_features,
)
from rectify_nlp.serialize import default_model
from rectify_nlp.evaluation.topics import gold_problems
from rectify_nlp.training.topics import combine, fit_topic_experts, fit_topic_rows

TRAIN = ("dongcheng-2026-xuncha", "muye-2025-xunshi", "shifanqu-2025-xuncha")
HELD_OUT = "dongcheng-2023-xuncha"


@pytest.fixture(scope="module")
def rows(gold):
    """Gold problem rows of three full notices (training) and of the fourth (held out)."""
    def of(nid):
        n = gold[nid]
        return gold_problems(n, analyse(n.text))
    return [r for nid in TRAIN for r in of(nid)], of(HELD_OUT)


def test_gold_problems_carry_the_measures_each_problem_owns(gold, rows):
    train, held_out = rows
    assert len({t for *_, t in train}) >= 8 and len(held_out) >= 10
    n = gold[HELD_OUT]
    norm = normalise(n.text)
    # the measures as extraction reads them: their normalised text
    measures = {
        norm.normalised_text(s.start, s.end): s.start for s in n.spans if s.label == "measure"
    }
    # the wordings too: each a gold problem's normalised text
    problems = {
        norm.normalised_text(s.start, s.end): s.start for s in n.spans if s.label == "problem"
    }
    assert sum(bool(m) for _, _, m, _ in held_out) >= len(held_out) - 1
    for w, _, ms, t in held_out:
        assert t in TOPICS and w in problems
        assert all(m in measures for m in ms)
        # in text order, each after its problem
        at = [measures[m] for m in ms]
        assert at == sorted(at) and all(a > problems[w] for a in at)


def test_weights_zero_give_the_wording_regression_as_it_was(rows):
    """Both weights 0: the classifier of before (vocabulary, arrays and predictions), whatever
    the measures given."""
    train, held_out = rows
    clf = fit_topic_rows(train, Config(topic_measure_weight=0, topic_area_weight=0))
    # the classifier as fit_topics fitted it before the measures and areas came in
    feats = [topic_features(w, c) for w, c, _, _ in train]
    old_vocabulary = Vocabulary.fit(feats)
    old = LinearClassifier(C=Config().C_topics, classes=TOPICS, random_state=0).fit(
        old_vocabulary.rows(feats).to_csr(), np.asarray([t for *_, t in train])
    )
    assert clf.vocabulary.features == old_vocabulary.features
    assert not any(f.startswith(("m:", "mkw:")) for f in clf.vocabulary.features)
    assert clf.weights_.dtype == old.weights_.dtype == np.float32
    assert np.array_equal(clf.weights_, old.weights_)
    assert np.array_equal(clf.intercept_, old.intercept_)
    assert list(clf.classes_) == list(old.classes_)
    with_measures = clf.predict_problems([(w, c, m) for w, c, m, _ in held_out])
    without = clf.predict_problems([(w, c, ()) for w, c, _, _ in held_out])
    assert with_measures == without
    X = old_vocabulary.rows([topic_features(w, c) for w, c, _, _ in held_out]).to_csr()
    P = old.predict_proba(X)
    assert [t for t, _ in without] == [str(old.classes_[k]) for k in P.argmax(axis=1)]
    assert [p for _, p in without] == [float(v) for v in P.max(axis=1)]


def test_the_combined_classifier_is_the_weighted_experts(rows):
    """One linear scorer equals softmax(log P1 + wm log P2 + wa log P3(area)) of the three
    experts fitted apart, on real rows (held out: features the experts never saw)."""
    train, held_out = rows
    config = Config()
    wm, wa = config.topic_measure_weight, config.topic_area_weight
    assert wm > 0 and wa > 0
    experts = fit_topic_experts(train, config)
    assert experts.measures is not None and experts.areas is not None
    test = held_out + train[:20]
    X1 = experts.vocabulary.rows([topic_features(w, c) for w, c, _, _ in test]).to_csr()
    X2 = experts.measure_vocabulary.rows([measure_features(m) for _, _, m, _ in test]).to_csr()
    log_p1 = np.log(experts.wording.predict_proba(X1))
    log_p2 = np.log(experts.measures.predict_proba(X2))
    log_p3 = experts.areas.predict_log_proba(X1)  # scikit-learn's own
    areas = [str(a) for a in experts.areas.classes_]
    seen = [k for k, t in enumerate(TOPICS) if AREA_OF[t] in areas]
    assert "other" not in areas and len(seen) == len(TOPICS) - 1
    S = log_p1[:, seen] + wm * log_p2[:, seen]
    S += wa * log_p3[:, [areas.index(AREA_OF[TOPICS[k]]) for k in seen]]
    want = softmax_rows(S)

    exact = combine(experts, wm, wa, dtype=np.float64)
    rows_ = [
        *[topic_features(w, c) + measure_features(m) for w, c, m, _ in test],
    ]
    P = exact.probabilities(exact.vocabulary.rows(rows_))
    assert np.abs(P[:, seen] - want).max() < 1e-9
    # an area no training problem has ('other') is never chosen
    assert P[:, [k for k in range(len(TOPICS)) if k not in seen]].max() < 1e-12
    # predict_problems (windows, batches) gives the same probabilities
    got = exact.predict_problems([(w, c, m) for w, c, m, _ in test])
    assert [t for t, _ in got] == [TOPICS[seen[k]] for k in want.argmax(axis=1)]
    assert np.allclose([p for _, p in got], want.max(axis=1), atol=1e-9)
    # as saved (float32 weights) the same to float32's precision
    shipped = fit_topic_rows(train, config)
    assert shipped.weights_.dtype == np.float32
    assert shipped.vocabulary.features == exact.vocabulary.features
    Q = shipped.probabilities(shipped.vocabulary.rows(rows_))
    assert np.abs(Q - P).max() < 1e-4


def test_measures_only_count_at_their_weight(rows):
    """The measures move a score by their expert's weight only: double the weight, double the
    measures' share of every score."""
    train, held_out = rows
    w, c, m, _ = next(r for r in held_out if r[2])
    scores = {}
    for wm in (0.25, 0.5):
        clf = fit_topic_rows(train, Config(topic_measure_weight=wm, topic_area_weight=0))
        rows_ = clf.vocabulary.mixed_rows([measure_row(m), measure_row(())])
        z = clf.scores(rows_)
        scores[wm] = z[0] - z[1]  # the measures' own share of the score
    assert np.abs(scores[0.5]).max() > 0
    assert np.allclose(scores[0.5], 2 * scores[0.25], atol=1e-4)


def test_topic_fields_come_out_of_extract_on_a_shipped_notice(texts):
    n = rectify_nlp.extract(texts["dongcheng-2026-xuncha"])
    assert len(n.records) > 5
    for r in n.records:
        assert r.topic in TOPICS and r.area == AREA_OF[r.topic]
        assert 0 < r.topic_confidence <= 1
        d = r.to_dict()
        assert (d["topic"], d["area"]) == (r.topic, r.area)
    assert sum(bool(r.measures) for r in n.records) > len(n.records) // 2
    # the shipped model's classifier reads measures
    assert any(f.startswith("m:") for f in default_model().topics.vocabulary.features)


def test_giving_measures_changes_no_offset(texts):
    """Topics are read from a record's measures: every span, offset and measure stays as it
    was; only topic, area and topic_confidence are set."""
    text = texts["dongcheng-2023-xuncha"]
    n = rectify_nlp.extract(text)
    clf = default_model().topics
    bare = [dataclasses.replace(r, topic=None, area=None, topic_confidence=None) for r in n.records]
    again = with_topics(bare, clf, normalise(text))
    no_measures = with_topics(
        [dataclasses.replace(r, measures=()) for r in bare], clf, normalise(text)
    )
    assert again == list(n.records)
    for before, after, alone in zip(bare, again, no_measures):
        assert dataclasses.replace(after, topic=None, area=None, topic_confidence=None) == before
        assert alone.problem == before.problem and alone.category == before.category
        for s in after.spans():
            assert text[s.start:s.end] == s.text
    # the measures do decide some topics or confidences
    assert [(r.topic, r.topic_confidence) for r in again] != [
        (r.topic, r.topic_confidence) for r in no_measures
    ]


@pytest.mark.parametrize("name", ["topic_measure_weight", "topic_area_weight"])
@pytest.mark.parametrize("value", [-0.1, float("nan"), float("inf"), True, "0.25"])
def test_topic_weights_are_checked(name, value):
    with pytest.raises(ConfigError, match="E043"):
        Config(**{name: value})
    assert getattr(Config(**{name: 0}), name) == 0


def test_the_shipped_model_records_its_topic_weights():
    config = default_model().card["config"]
    assert config["topic_measure_weight"] == 0.25 and config["topic_area_weight"] == 0.25
