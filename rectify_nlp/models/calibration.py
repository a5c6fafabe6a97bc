"""Isotonic calibration of span scores."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.isotonic import IsotonicRegression
from sklearn.utils.validation import check_is_fitted


class Calibrator(RegressorMixin, BaseEstimator):
    """Isotonic map from a raw span score to the probability that the span is right.

    Fitted on spans predicted for notices the model did not train on (grouped folds), so the
    confidence a user sees is a measured hit rate, not the model's opinion.  The learned
    state is the map's knots (``x_``, ``y_``); with one outcome only it is a constant.
    """

    def fit(self, X, y):
        scores = (
            np.asarray(X, dtype=np.float64).reshape(len(y), -1)[:, 0] if len(y) else np.zeros(0)
        )
        correct = np.asarray(y, dtype=np.float64)
        if len(scores) < 2 or len(np.unique(correct)) < 2:
            rate = float(np.mean(correct)) if len(correct) else 0.5
            self.x_ = np.array([0.0, 1.0])
            self.y_ = np.array([rate, rate])
            return self
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip", increasing=True)
        iso.fit(scores, correct)
        self.x_ = np.asarray(iso.X_thresholds_, dtype=np.float64)
        self.y_ = np.asarray(iso.y_thresholds_, dtype=np.float64)
        return self

    def predict(self, X) -> np.ndarray:
        check_is_fitted(self)
        return np.interp(np.asarray(X, dtype=np.float64).reshape(-1), self.x_, self.y_)
