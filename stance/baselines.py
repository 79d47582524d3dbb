"""Baselines the field uses, as scikit-learn classifiers: VADER thresholds and cue-lexicon rules.

Majority class is ``sklearn.dummy.DummyClassifier(strategy="most_frequent")``.
"""
from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from .features import CueCounter, VaderScores, _as_frame
from .labels import LABELS


def _one_hot(labels) -> np.ndarray:
    out = np.zeros((len(labels), len(LABELS)))
    for i, lab in enumerate(labels):
        out[i, LABELS.index(lab)] = 1.0
    return out


class VaderThreshold(ClassifierMixin, BaseEstimator):
    """VADER compound > pos_threshold: conciliatory; < neg_threshold: escalatory; else neutral."""

    def __init__(self, pos_threshold=0.05, neg_threshold=-0.05):
        self.pos_threshold = pos_threshold
        self.neg_threshold = neg_threshold

    def fit(self, X, y=None):
        self.classes_ = np.array(LABELS)
        return self

    def predict(self, X):
        check_is_fitted(self, "classes_")
        comp = VaderScores().fit(["x"]).transform(_as_frame(X)["text"])[:, 3]
        return np.where(comp > self.pos_threshold, "conciliatory", np.where(comp < self.neg_threshold, "escalatory", "neutral"))

    def predict_proba(self, X):
        return _one_hot(self.predict(X))


class CueRules(ClassifierMixin, BaseEstimator):
    """Net cue score (escalatory minus conciliatory, negation and contrast aware) decides; no cue: neutral."""

    def __init__(self, margin=0.0):
        self.margin = margin

    def fit(self, X, y=None):
        self.classes_ = np.array(LABELS)
        self.cues_ = CueCounter().fit(["x"])
        return self

    def predict(self, X):
        check_is_fitted(self, "cues_")
        f = self.cues_.transform(_as_frame(X)["text"])
        names = list(self.cues_.get_feature_names_out())
        net = f[:, names.index("cues__net")]
        return np.where(net > self.margin, "escalatory", np.where(net < -self.margin, "conciliatory", "neutral"))

    def predict_proba(self, X):
        return _one_hot(self.predict(X))
