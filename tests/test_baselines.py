import numpy as np

from stance.baselines import CueRules, VaderThreshold


def test_cue_rules_follow_the_lexicon_and_negation():
    rules = CueRules().fit(None)
    pred = rules.predict(["Moscow threatened retaliation.", "Both sides agreed to a ceasefire.",
                          "The meeting is on Monday.", "Russia said it was not a threat."])
    assert list(pred) == ["escalatory", "conciliatory", "neutral", "conciliatory"]


def test_vader_thresholds_and_one_hot_probabilities():
    clf = VaderThreshold().fit(None)
    texts = ["This is a terrible, hateful attack.", "A wonderful, friendly agreement.", "The meeting is on Monday."]
    assert list(clf.predict(texts)) == ["escalatory", "conciliatory", "neutral"]
    proba = clf.predict_proba(texts)
    assert proba.shape == (3, 3) and np.array_equal(proba.sum(axis=1), np.ones(3))
