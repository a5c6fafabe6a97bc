"""The estimators keep scikit-learn's contract, and the decoder is exact."""
import itertools
import sys

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import (
    check_estimator,
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
)

from rectify_nlp.models.calibration import Calibrator
from rectify_nlp.models.crf import CRFTagger
from rectify_nlp.models.linear import LinearClassifier
from rectify_nlp.models.sequence import SequenceTagger, marginals, valid_transitions, viterbi


def test_linear_classifier_passes_sklearn_estimator_checks():
    # every check of the classifier API applies: fit/predict/predict_proba, validation,
    # pickling in memory, no state written at predict time, n_features_in_, ...
    check_estimator(LinearClassifier(max_iter=500))


@pytest.mark.parametrize("estimator", [SequenceTagger(), CRFTagger(), Calibrator()],
                         ids=["tagger", "crf", "calibrator"])
def test_parameter_contract_of_the_other_estimators(estimator):
    name = type(estimator).__name__
    check_parameters_default_constructible(name, estimator)
    check_no_attributes_set_in_init(name, estimator)
    check_get_params_invariance(name, estimator)
    check_set_params(name, estimator)
    assert clone(estimator).get_params() == estimator.get_params()


def test_tagger_is_deterministic_and_predicts_without_writing_state():
    rng = np.random.default_rng(0)
    X = rng.random((60, 5))
    y = np.array(["O", "B-problem", "I-problem"] * 20)
    labels = ("O", "B-problem", "I-problem")
    a = SequenceTagger(labels=labels, random_state=1).fit(X, y, lengths=[30, 30])
    b = clone(a).fit(X, y, lengths=[30, 30])
    state = {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in vars(a).items()}
    pa = a.predict_proba(X, lengths=[30, 30])
    assert np.array_equal(pa, b.predict_proba(X, lengths=[30, 30]))
    assert set(vars(a)) == set(state)
    assert np.array_equal(a.log_transitions_, state["log_transitions_"])
    # BIO: I-problem never follows O or starts a sequence
    path = a.predict(X, lengths=[30, 30])
    for seq in (path[:30], path[30:]):
        assert seq[0] != "I-problem"
        assert all(not (p == "O" and q == "I-problem") for p, q in zip(seq, seq[1:]))


def _brute_force(emit, start, step):
    n, k = emit.shape
    scores = {}
    for path in itertools.product(range(k), repeat=n):
        s = start[path[0]] + emit[0, path[0]]
        for t in range(1, n):
            s += step[path[t - 1], path[t]] + emit[t, path[t]]
        scores[path] = s
    best = max(scores, key=scores.get)
    z = np.logaddexp.reduce(np.array(list(scores.values())))
    marg = np.zeros((n, k))
    for path, s in scores.items():
        for t, lab in enumerate(path):
            marg[t, lab] += np.exp(s - z)
    return np.array(best), marg


@pytest.mark.parametrize("seed", range(8))
def test_viterbi_and_forward_backward_match_brute_force(seed):
    rng = np.random.default_rng(seed)
    n, k = int(rng.integers(1, 6)), int(rng.integers(2, 4))
    emit = np.log(rng.dirichlet(np.ones(k), size=n))
    start = np.log(rng.dirichlet(np.ones(k)))
    step = np.log(rng.dirichlet(np.ones(k), size=k))
    best, marg = _brute_force(emit, start, step)
    assert np.array_equal(viterbi(emit, start, step), best)
    assert np.allclose(marginals(emit, start, step), marg, atol=1e-9)


def test_bio_constraint_mask():
    ok = valid_transitions(("O", "B-measure", "I-measure"))
    assert ok[0, 2] == False  # noqa: E712  O -> I-measure
    assert ok[1, 2] and ok[2, 2]
    assert ok[3, 2] == False  # noqa: E712  start -> I-measure


def test_calibrator_is_monotone_and_constant_on_one_outcome():
    c = Calibrator().fit(np.array([[0.1], [0.4], [0.6], [0.9]]), np.array([0, 0, 1, 1]))
    p = c.predict(np.array([0.0, 0.5, 1.0]))
    assert p[0] <= p[1] <= p[2]
    flat = Calibrator().fit(np.array([[0.2], [0.8]]), np.array([1, 1]))
    # two hits in two: Laplace's rule (2 + 1) / (2 + 2), never certainty
    assert np.allclose(flat.predict(np.array([0.1, 0.9])), 0.75)


def _toy_sequences(seed=0):
    """Units whose label depends on their neighbour: a problem line is followed by measures."""
    rng = np.random.default_rng(seed)
    X, y = [], []
    for _ in range(40):
        X.append([1, 0, rng.random()]); y.append("B-problem")
        for _ in range(int(rng.integers(1, 4))):
            X.append([0, 1, rng.random()]); y.append("B-measure")
            if rng.random() < 0.5:
                X.append([0, 0, rng.random()]); y.append("I-measure")
    return np.array(X), np.array(y)


def test_crf_decodes_as_crfsuite_tags_and_keeps_bio(tmp_path):
    """The CRF's weights read back into arrays give CRFsuite's own best path, its marginals sum
    to one, and BIO holds: prediction without CRFsuite is the CRF."""
    pycrfsuite = pytest.importorskip("pycrfsuite")
    from scipy import sparse

    from rectify_nlp.models.crf import _items

    X, y = _toy_sequences()
    labels = ("O", "B-problem", "I-problem", "B-measure", "I-measure")
    crf = CRFTagger(c2=0.1, labels=labels).fit(X, y, lengths=[len(y)])
    again = clone(crf).fit(X, y, lengths=[len(y)])
    assert np.array_equal(crf.emission_.weights_, again.emission_.weights_)  # deterministic
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.append(_items(sparse.csr_matrix(X), 0, len(y)), list(y))
    trainer.set_params({"c1": 0.0, "c2": 0.1, "max_iterations": 200})
    trainer.train(str(tmp_path / "m.crfsuite"))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "m.crfsuite"))
    Xs = sparse.csr_matrix(X)
    starts = [i for i, lab in enumerate(y) if lab == "B-problem"]
    # pieces that start where a sequence may start (CRFsuite has no start constraint)
    for lo, hi in ((0, len(y)), (starts[3], starts[9]), (starts[20], len(y))):
        ours = crf.predict(X[lo:hi], lengths=[hi - lo]).tolist()
        assert ours == tagger.tag(_items(Xs, lo, hi))
        assert ours[0] != "I-measure"
        assert all(not (p == "O" and q.startswith("I-")) for p, q in zip(ours, ours[1:]))
    P = crf.predict_proba(X, lengths=[len(y)])
    assert np.allclose(P.sum(axis=1), 1.0)
    assert (crf.predict(X, lengths=[len(y)]) == y).mean() > 0.9


def test_a_crf_model_trains_saves_and_reads_a_notice(tmp_path, monkeypatch):
    """Config(tagger="crf") from the user's side: train, save, load, the same spans; without
    python-crfsuite the fit names the extra (E039); an unknown tagger is E043."""
    pytest.importorskip("pycrfsuite")
    import rectify_nlp
    from rectify_nlp import Config, load_corpus
    from rectify_nlp.errors import ConfigError, MissingExtraError

    from .conftest import ROOT

    notices = load_corpus([ROOT / "annotations" / "dongcheng-2026-xuncha.jsonl",
                           ROOT / "annotations" / "muye-2025-xunshi.jsonl"])
    model = rectify_nlp.train(notices, config=Config(tagger="crf", calibration_folds=1))
    rectify_nlp.save(model, tmp_path / "crf")
    loaded = rectify_nlp.load(tmp_path / "crf")
    assert loaded.config.tagger == "crf"
    text = (ROOT / "annotations" / "notices" / "shifanqu-2025-xuncha.txt").read_text(encoding="utf-8")
    fresh, again = rectify_nlp.extract(text, model=model), rectify_nlp.extract(text, model=loaded)
    assert len(fresh.records) >= 15
    assert [(s.start, s.end, s.label) for s in fresh.spans] == [
        (s.start, s.end, s.label) for s in again.spans]
    with pytest.raises(ConfigError, match="E043"):
        Config(tagger="hmm")
    monkeypatch.setitem(sys.modules, "pycrfsuite", None)
    with pytest.raises(MissingExtraError, match="E039"):
        rectify_nlp.train(notices, config=Config(tagger="crf", calibration_folds=1))
