"""The prediction halves of the estimators, on NumPy alone: a linear scorer, the chain decoder
and the calibration map.

A loaded model is made of these; the scikit-learn estimators that fit them (``linear``,
``sequence``, ``calibration``) subclass them, so a freshly trained model predicts through the
same code, and extraction never imports scikit-learn or SciPy.
"""

from __future__ import annotations

import numpy as np

from ..features.vocabulary import FeatureRows


def softmax_rows(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class LinearScores:
    """Learned state: ``classes_``, ``weights_`` (features x classes) and ``intercept_``."""

    classes_: np.ndarray
    weights_: np.ndarray
    intercept_: np.ndarray

    def scores(self, X) -> np.ndarray:
        """One linear score per class and row of ``X`` (feature rows, or a matrix)."""
        z = X.dot(self.weights_) if isinstance(X, FeatureRows) else X @ self.weights_
        return np.asarray(z, dtype=np.float64) + self.intercept_

    def probabilities(self, X) -> np.ndarray:
        return softmax_rows(self.scores(X))


def valid_transitions(labels) -> np.ndarray:
    """(k+1, k) mask of allowed transitions, row k the start of a sequence: I-x may only follow
    B-x or I-x (BIO).  Labels without a BIO prefix allow everything."""
    labels = [str(x) for x in labels]
    k = len(labels)
    ok = np.ones((k + 1, k), dtype=bool)
    for j, lab in enumerate(labels):
        if lab.startswith("I-"):
            name = lab[2:]
            for i, prev in enumerate(labels):
                ok[i, j] = prev in ("B-" + name, "I-" + name)
            ok[k, j] = False
    return ok


def viterbi(emit: np.ndarray, start: np.ndarray, step: np.ndarray) -> np.ndarray:
    """Best path under log potentials: ``start`` (k), ``step`` (k, k), ``emit`` (n, k)."""
    n, k = emit.shape
    score = start + emit[0]
    back = np.zeros((n, k), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + step
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + emit[t]
    path = np.zeros(n, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def marginals(emit: np.ndarray, start: np.ndarray, step: np.ndarray) -> np.ndarray:
    """P(label at t | whole sequence) by forward-backward in log space."""
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


class ChainDecoder:
    """Learned state: ``emission_`` (a ``LinearScores``), ``classes_``, ``log_transitions_``
    ((k+1, k), the last row the start); ``transition_weight`` scales the transitions."""

    emission_: LinearScores
    classes_: np.ndarray
    log_transitions_: np.ndarray
    transition_weight: float

    def emission_probabilities(self, X) -> np.ndarray:
        """P(label | row) from the row's own features, before the sequence is considered."""
        return self.emission_.probabilities(X)

    def decode_emissions(self, P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Best label path (indices into ``classes_``) and every label's marginal per row."""
        n, k = P.shape[0], len(self.classes_)
        if n == 0:
            return np.zeros(0, dtype=np.int64), np.zeros((0, k))
        emit = np.log(np.clip(P, 1e-12, 1.0))
        trans = self.transition_weight * self.log_transitions_
        start, step = trans[k], trans[:k]
        return viterbi(emit, start, step), marginals(emit, start, step)


class CalibrationMap:
    """Learned state: the knots ``x_``, ``y_`` of a monotone map from raw score to hit rate."""

    x_: np.ndarray
    y_: np.ndarray

    def calibrated(self, scores) -> np.ndarray:
        return np.interp(np.asarray(scores, dtype=np.float64).reshape(-1), self.x_, self.y_)
