"""A linear-chain tagger: logistic-regression emissions, learned BIO transitions, Viterbi
decoding and forward-backward marginals."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from .linear import LinearClassifier


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


def _segments(n: int, lengths) -> list[tuple[int, int]]:
    lengths = [n] if lengths is None else [int(x) for x in lengths]
    if sum(lengths) != n or any(x < 0 for x in lengths):
        raise ValueError(f"lengths {lengths[:5]}... do not add up to the {n} rows of X")
    out, lo = [], 0
    for x in lengths:
        out.append((lo, lo + x))
        lo += x
    return out


class SequenceTagger(ClassifierMixin, BaseEstimator):
    """Linear-chain tagger over rows of ``X``; ``lengths`` cuts the rows into sequences, as in
    hmmlearn (``None``: one sequence).

    ``labels`` fixes the label set and its order (BIO constraints apply to ``B-``/``I-``
    labels); ``transition_weight`` scales the transition log-probabilities against the
    emissions.  The same potentials give the Viterbi path and the marginals.
    """

    def __init__(
        self,
        C: float = 1.0,
        transition_weight: float = 1.0,
        labels=None,
        max_iter: int = 3000,
        random_state=None,
    ):
        self.C = C
        self.transition_weight = transition_weight
        self.labels = labels
        self.max_iter = max_iter
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags

    def fit(self, X, y, lengths=None):
        X, y = validate_data(self, X, y, accept_sparse="csr", dtype=np.float64)
        self.emission_ = LinearClassifier(
            C=self.C, max_iter=self.max_iter, classes=self.labels, random_state=self.random_state
        ).fit(X, y)
        self.classes_ = self.emission_.classes_
        k = len(self.classes_)
        index = {c: j for j, c in enumerate(self.classes_.tolist())}
        counts = np.ones((k + 1, k))  # add-one smoothing
        for lo, hi in _segments(X.shape[0], lengths):
            prev = k
            for lab in y[lo:hi].tolist():
                counts[prev, index[lab]] += 1
                prev = index[lab]
        counts[~valid_transitions(self.classes_)] = 0
        with np.errstate(divide="ignore"):
            self.log_transitions_ = np.log(counts / counts.sum(axis=1, keepdims=True))
        return self

    def emissions(self, X) -> np.ndarray:
        """P(label | row) from the row's own features, before the sequence is considered."""
        check_is_fitted(self)
        return self.emission_.predict_proba(X)

    def decode_emissions(self, P: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Best label path (indices into ``classes_``) and every label's marginal per row."""
        n, k = P.shape[0], len(self.classes_)
        if n == 0:
            return np.zeros(0, dtype=np.int64), np.zeros((0, k))
        emit = np.log(np.clip(P, 1e-12, 1.0))
        trans = self.transition_weight * self.log_transitions_
        start, step = trans[k], trans[:k]
        return viterbi(emit, start, step), marginals(emit, start, step)

    def predict_proba(self, X, lengths=None) -> np.ndarray:
        P = self.emissions(X)
        out = np.zeros_like(P)
        for lo, hi in _segments(P.shape[0], lengths):
            out[lo:hi] = self.decode_emissions(P[lo:hi])[1]
        return out

    def predict(self, X, lengths=None) -> np.ndarray:
        P = self.emissions(X)
        path = np.zeros(P.shape[0], dtype=np.int64)
        for lo, hi in _segments(P.shape[0], lengths):
            path[lo:hi] = self.decode_emissions(P[lo:hi])[0]
        return self.classes_[path]
