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
    best = np.empty((n, k))
    best[0] = start + emit[0]
    # the step and the next emission, summed for every t at once: two NumPy calls a unit in
    # the loop instead of three (max over i of b[i] + (s[i, j] + e[j]): the same path on every
    # annotated text, compared)
    moves = step[None, :, :] + emit[1:, None, :]
    cand = np.empty((k, k))
    # the rows as views made once, and the ufuncs called directly (ndarray.max goes through a
    # Python wrapper): 3.3 -> 2.8 ms a round of the four notices, the same sums and maxima
    cols, rows, steps = list(best[:, :, None]), list(best), list(moves)
    add, maximum = np.add, np.maximum.reduce
    for t in range(1, n):
        add(cols[t - 1], steps[t - 1], out=cand)
        maximum(cand, axis=0, out=rows[t])
    # the back pointers after the loop, all at once, from the same sums as in it
    back = (best[:-1, :, None] + moves).argmax(axis=1).tolist()
    path = [0] * n
    path[-1] = int(best[-1].argmax())
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t - 1][path[t]]
    return np.asarray(path, dtype=np.int64)


def _prefix_products(A: np.ndarray) -> np.ndarray:
    """``A[0] @ ... @ A[t]`` for every t, each scaled to a largest entry of 1, in log2(n)
    batched products (Hillis-Steele) instead of n small ones: a loop of NumPy calls per unit
    was most of the decoding time.  The scale is dropped: marginals are normalised per row."""
    P = A.copy()
    s = 1
    while s < len(P):
        prod = np.matmul(P[:-s], P[s:])
        prod /= prod.max(axis=(1, 2), keepdims=True)
        P[s:] = prod
        s *= 2
    return P


def marginals(emit: np.ndarray, start: np.ndarray, step: np.ndarray) -> np.ndarray:
    """P(label at t | whole sequence) by forward-backward as products of the step matrices
    ``exp(step) diag(exp(emit[t]))``.  Potentials are shifted to a maximum of 0 first (no
    overflow; a constant shift leaves the marginals as they are); every entry is a sum of
    positive terms, so the result agrees with the log-space recursion to ~1e-13."""
    n, k = emit.shape
    M = np.exp(step - step.max())
    q = np.exp(emit - emit.max(axis=1, keepdims=True))
    first = start + emit[0]
    alpha = np.empty((n, k))
    alpha[0] = np.exp(first - first.max())
    beta = np.ones((n, k))
    if n > 1:
        A = M[None, :, :] * q[1:, None, :]  # A[t-1]: alpha[t] = alpha[t-1] @ A[t-1]
        alpha[1:] = alpha[0] @ _prefix_products(A)
        # beta[t] = A[t] @ ... @ A[n-2] @ 1: prefix products of the reversed transposes
        suffix = _prefix_products(np.ascontiguousarray(A[::-1].transpose(0, 2, 1)))
        beta[:-1] = suffix.sum(axis=1)[::-1]
    m = alpha * beta
    return m / m.sum(axis=1, keepdims=True)


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
