"""Isotonic calibration of span scores."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.isotonic import IsotonicRegression
from sklearn.utils.validation import check_is_fitted

from .predict import CalibrationMap


class Calibrator(RegressorMixin, BaseEstimator, CalibrationMap):
    """Isotonic map from a raw span score to the probability that the span is right.

    Fitted on spans predicted for notices the model did not train on (grouped folds), so the
    confidence a user sees is a measured hit rate, not the model's opinion.  The learned
    state is the map's knots (``x_``, ``y_``); with one outcome only it is a constant.
    """

    def __init__(self, prior_weight: float = 2.0):
        self.prior_weight = prior_weight

    def fit(self, X, y):
        scores = (
            np.asarray(X, dtype=np.float64).reshape(len(y), -1)[:, 0] if len(y) else np.zeros(0)
        )
        correct = np.asarray(y, dtype=np.float64)
        if len(scores) < 2 or len(np.unique(correct)) < 2:
            rate = (float(np.sum(correct)) + self.prior_weight * 0.5) / (
                len(correct) + self.prior_weight
            )
            self.x_ = np.array([0.0, 1.0])
            self.y_ = np.array([rate, rate])
            return self
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip", increasing=True)
        fitted = iso.fit_transform(scores, correct)
        # Each level of the step function is a hit rate measured on the spans it holds: a
        # level of 40 hits in 40 is evidence of a high rate, not of certainty, so it is
        # shrunk by Laplace's rule ((hits + 1) / (n + 2)) and no span is ever 1.00 or 0.00.
        levels, inverse, counts = np.unique(fitted, return_inverse=True, return_counts=True)
        hits = np.bincount(inverse, weights=correct)
        smoothed = (hits + self.prior_weight * 0.5) / (counts + self.prior_weight)
        self.x_ = np.asarray(iso.X_thresholds_, dtype=np.float64)
        nearest = np.abs(levels[None, :] - np.asarray(iso.y_thresholds_)[:, None]).argmin(axis=1)
        self.y_ = smoothed[nearest]
        return self

    def predict(self, X) -> np.ndarray:
        check_is_fitted(self)
        return self.calibrated(X)
