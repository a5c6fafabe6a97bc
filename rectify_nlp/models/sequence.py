"""The trained classifiers: a unit sequence tagger, clause classifiers, and calibration.

Estimator contract as in scikit-learn: hyper-parameters in ``__init__``, learned state in
attributes ending in ``_``.  Learned state is numpy arrays only, so a model saves as arrays.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

UNIT_LABELS = ("O", "B-problem", "I-problem", "B-measure", "I-measure", "B-status", "I-status")


def _valid_transitions(labels: tuple[str, ...]) -> np.ndarray:
    """I-x may only follow B-x or I-x (BIO): these pairs are forbidden outright."""
    k = len(labels)
    ok = np.ones((k + 1, k), dtype=bool)  # row k: start of sequence
    for j, lab in enumerate(labels):
        if lab.startswith("I-"):
            name = lab[2:]
            for i, prev in enumerate(labels):
                ok[i, j] = prev in ("B-" + name, "I-" + name)
            ok[k, j] = False
    return ok


def _softmax_rows(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class LinearClassifier:
    """Multinomial (or binary) logistic regression whose state is two arrays."""

    def __init__(self, C: float = 1.0, class_weight: str | None = None, max_iter: int = 3000):
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter

    def fit(self, X: sparse.csr_matrix, y: np.ndarray, n_classes: int) -> "LinearClassifier":
        present = np.unique(y)
        self.n_classes_ = n_classes
        self.coef_ = np.zeros((n_classes, X.shape[1]), dtype=np.float32)
        self.intercept_ = np.full(n_classes, -30.0, dtype=np.float32)  # absent classes stay impossible
        if len(present) == 1:
            self.intercept_[present[0]] = 0.0
            return self
        lr = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter,
                                solver="lbfgs")
        lr.fit(X, y)
        if len(present) == 2 and lr.coef_.shape[0] == 1:
            # sklearn folds a binary problem into one row: unfold it to one row per class.
            self.coef_[present[1]] = lr.coef_[0] / 2
            self.coef_[present[0]] = -lr.coef_[0] / 2
            self.intercept_[present[1]] = lr.intercept_[0] / 2
            self.intercept_[present[0]] = -lr.intercept_[0] / 2
        else:
            self.coef_[present] = lr.coef_
            self.intercept_[present] = lr.intercept_
        return self

    def predict_proba(self, X: sparse.csr_matrix) -> np.ndarray:
        if X.shape[0] == 0:
            return np.zeros((0, self.n_classes_))
        # a contiguous (features x classes) copy, made once: sparse @ transposed view copies each call
        coef_t = getattr(self, "_coef_t", None)
        if coef_t is None or coef_t.shape[::-1] != self.coef_.shape:
            coef_t = self._coef_t = np.ascontiguousarray(self.coef_.T)
        z = np.asarray(X @ coef_t, dtype=np.float64) + self.intercept_
        return _softmax_rows(z)


class SequenceTagger:
    """Logistic-regression emissions plus learned BIO transitions, decoded by Viterbi.

    ``transition_weight`` scales the transition log-probabilities against the emissions; the
    forward-backward marginals over the same potentials give each unit's label confidence.
    """

    def __init__(self, C: float = 1.0, transition_weight: float = 1.0, labels: tuple[str, ...] = UNIT_LABELS):
        self.C = C
        self.transition_weight = transition_weight
        self.labels = labels

    def fit(self, X: list[sparse.csr_matrix], y: list[np.ndarray]) -> "SequenceTagger":
        k = len(self.labels)
        self.emission_ = LinearClassifier(self.C).fit(sparse.vstack(X).tocsr(), np.concatenate(y), k)
        counts = np.ones((k + 1, k))  # add-one smoothing
        for seq in y:
            prev = k
            for lab in seq:
                counts[prev, lab] += 1
                prev = lab
        counts[~_valid_transitions(self.labels)] = 0
        with np.errstate(divide="ignore"):
            self.log_transitions_ = np.log(counts / counts.sum(axis=1, keepdims=True))
        return self

    def emissions(self, X: sparse.csr_matrix) -> np.ndarray:
        """P(label | unit) from the unit's own features, before the sequence is considered."""
        return self.emission_.predict_proba(X)

    def decode_emissions(self, P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Best label path and the marginal probability of every label at every unit."""
        n = P.shape[0]
        k = len(self.labels)
        if n == 0:
            return np.zeros(0, dtype=int), np.zeros((0, k))
        emit = np.log(np.clip(P, 1e-12, 1.0))
        trans = self.transition_weight * self.log_transitions_
        start, step = trans[k], trans[:k]
        score = start + emit[0]
        back = np.zeros((n, k), dtype=int)
        for t in range(1, n):
            cand = score[:, None] + step
            back[t] = cand.argmax(axis=0)
            score = cand.max(axis=0) + emit[t]
        path = np.zeros(n, dtype=int)
        path[-1] = int(score.argmax())
        for t in range(n - 1, 0, -1):
            path[t - 1] = back[t, path[t]]
        return path, self._marginals(emit, start, step)

    @staticmethod
    def _marginals(emit: np.ndarray, start: np.ndarray, step: np.ndarray) -> np.ndarray:
        n, k = emit.shape
        alpha = np.zeros((n, k))
        beta = np.zeros((n, k))
        alpha[0] = start + emit[0]
        for t in range(1, n):
            alpha[t] = np.logaddexp.reduce(alpha[t - 1][:, None] + step, axis=0) + emit[t]
        for t in range(n - 2, -1, -1):
            beta[t] = np.logaddexp.reduce(step + (emit[t + 1] + beta[t + 1])[None, :], axis=1)
        logz = np.logaddexp.reduce(alpha[-1])
        return np.exp(alpha + beta - logz)


class Calibrator:
    """Isotonic map from a raw span score to the probability the span is right.

    Fitted on spans predicted for notices the model did not train on (cross-validation
    folds), so the confidence a user sees is a measured hit rate, not the model's opinion.
    """

    def fit(self, scores: np.ndarray, correct: np.ndarray) -> "Calibrator":
        if len(scores) < 2 or len(np.unique(correct)) < 2:
            rate = float(np.mean(correct)) if len(correct) else 0.5
            self.x_ = np.array([0.0, 1.0])
            self.y_ = np.array([rate, rate])
            return self
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip", increasing=True)
        iso.fit(scores, correct.astype(float))
        self.x_ = np.asarray(iso.X_thresholds_, dtype=np.float64)
        self.y_ = np.asarray(iso.y_thresholds_, dtype=np.float64)
        return self

    def __call__(self, scores: np.ndarray) -> np.ndarray:
        return np.interp(scores, self.x_, self.y_)
