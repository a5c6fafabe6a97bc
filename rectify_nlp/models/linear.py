"""Multinomial (or binary) logistic regression whose learned state is two arrays."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted, validate_data

from .predict import LinearScores, softmax_rows

# An intercept that makes a class absent from the training data impossible in practice.
ABSENT = -30.0


class LinearClassifier(ClassifierMixin, BaseEstimator, LinearScores):
    """Logistic regression (lbfgs) with a fixed class list.

    ``classes`` fixes the columns of ``predict_proba`` even when a class is absent from one
    training set (a fold without statuses still has a status column); ``None`` takes the
    classes seen in ``y``.  ``weights_`` holds the coefficients as (features x classes),
    contiguous, the layout a sparse product wants; ``coef_`` is its transposed view.
    """

    def __init__(
        self,
        C: float = 1.0,
        class_weight=None,
        max_iter: int = 3000,
        classes=None,
        random_state=None,
    ):
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.classes = classes
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # feature rows are sparse
        return tags

    def fit(self, X, y):
        X, y = validate_data(self, X, y, accept_sparse="csr", dtype=np.float64)
        seen = np.unique(y)
        classes = np.asarray(self.classes) if self.classes is not None else seen
        if not np.isin(seen, classes).all():
            raise ValueError(f"y has labels outside classes={list(classes)}")
        self.classes_ = classes
        k = len(classes)
        weights = np.zeros((X.shape[1], k), dtype=np.float32)
        intercept = np.full(k, ABSENT, dtype=np.float32)
        where = (
            np.searchsorted(classes, seen)
            if self.classes is None
            else np.array([int(np.flatnonzero(classes == c)[0]) for c in seen])
        )
        self.n_iter_ = np.zeros(1, dtype=np.int32)
        if len(seen) == 1:
            intercept[where[0]] = 0.0
        else:
            lr = LogisticRegression(
                C=self.C,
                class_weight=self.class_weight,
                max_iter=self.max_iter,
                solver="lbfgs",
                random_state=self.random_state,
            )
            lr.fit(X, y)
            self.n_iter_ = np.asarray(lr.n_iter_, dtype=np.int32)
            order = np.array([int(np.flatnonzero(seen == c)[0]) for c in lr.classes_])
            cols = where[order]
            if lr.coef_.shape[0] == 1:
                # sklearn folds a binary problem into one row: unfold it to one row per class.
                weights[:, cols[1]], weights[:, cols[0]] = lr.coef_[0] / 2, -lr.coef_[0] / 2
                intercept[cols[1]], intercept[cols[0]] = lr.intercept_[0] / 2, -lr.intercept_[0] / 2
            else:
                weights[:, cols] = lr.coef_.T
                intercept[cols] = lr.intercept_
        self.weights_ = np.ascontiguousarray(weights)
        self.intercept_ = intercept
        return self

    @property
    def coef_(self) -> np.ndarray:
        return self.weights_.T

    def _scores(self, X) -> np.ndarray:
        """One linear score per class and row."""
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse="csr", reset=False, dtype=np.float64)
        return self.scores(X)

    def decision_function(self, X) -> np.ndarray:
        """As scikit-learn's: one column per class, or the positive class's margin if binary."""
        z = self._scores(X)
        return z[:, 1] - z[:, 0] if z.shape[1] == 2 else z

    def predict_proba(self, X) -> np.ndarray:
        return softmax_rows(self._scores(X))

    def predict(self, X) -> np.ndarray:
        best = np.argmax(self._scores(X), axis=1)
        return self.classes_[best]
