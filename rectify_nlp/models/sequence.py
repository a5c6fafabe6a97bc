"""A linear-chain tagger: logistic-regression emissions, learned BIO transitions, Viterbi
decoding and forward-backward marginals."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from .linear import LinearClassifier
from .predict import ChainDecoder, marginals, valid_transitions, viterbi

__all__ = ["SequencePredictions", "SequenceTagger", "marginals", "valid_transitions", "viterbi"]


def _segments(n: int, lengths) -> list[tuple[int, int]]:
    lengths = [n] if lengths is None else [int(x) for x in lengths]
    if sum(lengths) != n or any(x < 0 for x in lengths):
        raise ValueError(f"lengths {lengths[:5]}... do not add up to the {n} rows of X")
    out, lo = [], 0
    for x in lengths:
        out.append((lo, lo + x))
        lo += x
    return out


class SequencePredictions:
    """``predict`` and ``predict_proba`` over the sequences ``lengths`` cuts the rows into
    (``None``: one), decoded from the emission rows a tagger gives (``_emission_rows``)."""

    def _emission_rows(self, X) -> np.ndarray:
        raise NotImplementedError

    def predict_proba(self, X, lengths=None) -> np.ndarray:
        P = self._emission_rows(X)
        out = np.zeros_like(P)
        for lo, hi in _segments(P.shape[0], lengths):
            out[lo:hi] = self.decode_emissions(P[lo:hi])[1]
        return out

    def predict(self, X, lengths=None) -> np.ndarray:
        P = self._emission_rows(X)
        path = np.zeros(P.shape[0], dtype=np.int64)
        for lo, hi in _segments(P.shape[0], lengths):
            path[lo:hi] = self.decode_emissions(P[lo:hi])[0]
        return self.classes_[path]


class SequenceTagger(SequencePredictions, ClassifierMixin, BaseEstimator, ChainDecoder):
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

    def _emission_rows(self, X) -> np.ndarray:
        return self.emissions(X)
