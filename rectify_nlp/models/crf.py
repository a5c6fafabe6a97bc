"""A linear-chain CRF fitted jointly (CRFsuite's L-BFGS with an L2 penalty), kept as arrays.

The logistic tagger (``sequence.SequenceTagger``) fits its emissions unit by unit and counts
its transitions apart; the CRF fits both at once, so a unit's label is weighed against the
whole sequence while training, not only while decoding.  On the same folds and features it
wins some held-out layout families and loses others, and the two tie overall (README,
"Layouts the model has never seen"), so it is an option: ``Config(tagger="crf")`` with the
``crf`` extra.  Its state and transition weights are read back into the arrays the NumPy
decoder uses: prediction, the model files and the marginals are those of ``ChainDecoder``,
and CRFsuite is needed only to fit.
"""

from __future__ import annotations

import os
import tempfile

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from .predict import ChainDecoder, LinearScores, valid_transitions
from .sequence import SequencePredictions, _segments

# CRFsuite names every attribute; a unit's features are its columns in the vocabulary, and
# the intercept is one attribute every unit has.
_BIAS = "b"


def _items(X, lo: int, hi: int) -> list[dict[str, float]]:
    out = []
    for i in range(lo, hi):
        a, b = X.indptr[i], X.indptr[i + 1]
        row = {f"{c}": float(v) for c, v in zip(X.indices[a:b].tolist(), X.data[a:b].tolist())}
        row[_BIAS] = 1.0
        out.append(row)
    return out


class CRFTagger(SequencePredictions, ClassifierMixin, BaseEstimator, ChainDecoder):
    """Linear-chain CRF over rows of ``X``; ``lengths`` cuts the rows into sequences.

    ``c2`` is CRFsuite's L2 coefficient; ``labels`` fixes the label set and its order, and the
    BIO constraints of ``valid_transitions`` hold at decoding whatever the weights say.
    """

    # the CRF's potentials are the scores themselves: its transitions are never rescaled (the
    # decoder reads the emissions as log-softmax, a constant per unit apart from the CRF's
    # scores, which moves neither the path nor the marginals)
    transition_weight = 1.0

    def __init__(self, c2: float = 0.1, labels=None, max_iter: int = 200, random_state=None):
        self.c2 = c2
        self.labels = labels
        self.max_iter = max_iter
        self.random_state = random_state  # L-BFGS draws nothing; kept for the common contract

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags

    def fit(self, X, y, lengths=None):
        from scipy import sparse

        try:
            import pycrfsuite
        except ImportError:
            from .. import errors as E
            from ..errors import MissingExtraError

            raise MissingExtraError(E.E039) from None

        X, y = validate_data(self, X, y, accept_sparse="csr", dtype=np.float64)
        X = sparse.csr_matrix(X)
        classes = list(self.labels) if self.labels is not None else sorted(set(y.tolist()))
        index = {str(c): j for j, c in enumerate(classes)}
        trainer = pycrfsuite.Trainer(verbose=False)
        for lo, hi in _segments(X.shape[0], lengths):
            if hi > lo:
                trainer.append(_items(X, lo, hi), [str(v) for v in y[lo:hi].tolist()])
        trainer.set_params({"c1": 0.0, "c2": float(self.c2), "max_iterations": self.max_iter})
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "tagger.crfsuite")
            trainer.train(path)
            tagger = pycrfsuite.Tagger()
            tagger.open(path)
            info = tagger.info()
            tagger.close()
        k = len(classes)
        weights = np.zeros((X.shape[1], k))
        intercept = np.zeros(k)
        for (attr, lab), w in info.state_features.items():
            if attr == _BIAS:
                intercept[index[lab]] = w
            else:
                weights[int(attr), index[lab]] = w
        emission = LinearScores()
        emission.classes_ = np.asarray(classes)
        emission.weights_ = np.ascontiguousarray(weights.astype(np.float32))
        emission.intercept_ = intercept
        # the last row starts a sequence; CRFsuite has no start weights
        trans = np.zeros((k + 1, k))
        for (a, b), w in info.transitions.items():
            trans[index[a], index[b]] = w
        trans[~valid_transitions(classes)] = -np.inf
        self.emission_ = emission
        self.classes_ = emission.classes_
        self.log_transitions_ = trans
        self.n_features_in_ = X.shape[1]
        return self

    def _emission_rows(self, X) -> np.ndarray:
        check_is_fitted(self)
        return self.emission_probabilities(X)
