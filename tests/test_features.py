import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import (
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
)

from stance.features import OTHER, SRC, CueCounter, StatementText, StyleFlags, VaderScores

TRANSFORMERS = [StatementText(), CueCounter(), VaderScores(), StyleFlags()]


@pytest.mark.parametrize("est", TRANSFORMERS, ids=lambda e: type(e).__name__)
def test_sklearn_contract_checks_that_apply_to_text_transformers(est):
    # The numeric-input checks do not apply to transformers of text; these do.
    name = type(est).__name__
    check_no_attributes_set_in_init(name, clone(est))
    check_parameters_default_constructible(name, clone(est))
    check_get_params_invariance(name, clone(est))
    check_set_params(name, clone(est))


@pytest.mark.parametrize("est", TRANSFORMERS, ids=lambda e: type(e).__name__)
def test_fit_returns_self_and_names_match_columns(est):
    X = ["Moscow warned of a military response.", "Talks will resume on Monday."]
    est = clone(est)
    assert est.fit(X) is est
    out = est.transform(X)
    assert len(est.get_feature_names_out()) == out.shape[1]
    with pytest.raises(TypeError, match="single str"):
        est.transform("one string")


def test_unfitted_transform_raises():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        CueCounter().transform(["x"])


def test_statement_text_masks_source_and_other_actors():
    X = pd.DataFrame({"text": ["The Kremlin rejected the offer Washington made."], "actor": ["RUS"],
                      "actor_mention": ["The Kremlin"]})
    out = StatementText().fit(X).transform(X)
    assert out["masked"][0] == f"{SRC} rejected the offer {OTHER} made."


def test_statement_text_cuts_the_source_clause():
    X = pd.DataFrame({"text": ["Lavrov praised the talks, while Blinken warned of sanctions."], "actor": ["USA"],
                      "actor_mention": ["Blinken"]})
    out = StatementText().fit(X).transform(X)
    assert out["clause"][0].startswith(SRC) and "praised" not in out["clause"][0]


def test_cues_negation_flips_and_contrast_weights():
    cc = CueCounter().fit(["x"])
    names = list(cc.get_feature_names_out())
    f = dict(zip(names, cc.transform(["NATO is not a threat to anyone."])[0]))
    g = dict(zip(names, cc.transform(["This is a threat to everyone."])[0]))
    assert g["cues__escalatory"] > 0 and g["cues__net"] > 0
    assert f["cues__net"] < 0  # negated threat reads conciliatory
    a = dict(zip(names, cc.transform(["We want talks, but we will respond with force."])[0]))
    b = dict(zip(names, cc.transform(["We will respond with force, but we want talks."])[0]))
    assert a["cues__net"] > b["cues__net"]


def test_vader_runs_without_downloads():
    v = VaderScores().fit(["x"]).transform(["A wonderful, peaceful agreement.", "A horrible, brutal attack."])
    assert v[0, 3] > 0 > v[1, 3]


def test_vader_backends_agree_on_compound():
    X = ["Moscow warned of a brutal response.", "A good, constructive meeting!", "Talks resume."]
    a = VaderScores().fit(X).transform(X)
    b = VaderScores(backend="nltk").fit(X).transform(X)
    assert np.allclose(a[:, 3], b[:, 3])  # compound is the same; neg/neu/pos proportions differ slightly
    assert np.abs(a - b).max() < 0.15


def test_curly_apostrophe_negation_matches_straight():
    cc = CueCounter().fit(["x"])
    a = cc.transform(["Russia won't attack Ukraine."])
    b = cc.transform(["Russia won’t attack Ukraine."])
    assert np.allclose(a, b)



def test_cues_of_several_columns_are_blocks_of_the_single_column_features():
    X = pd.DataFrame({"clause": ["Moscow threatened retaliation.", "Talks resume."],
                      "masked": ["Moscow threatened retaliation.", "Talks resume, but Kyiv rejected the offer."]})
    both = CueCounter().fit(X)
    one = CueCounter().fit(X[["clause"]])
    out = both.transform(X)
    width = len(one.get_feature_names_out())
    assert np.array_equal(out[:, :width], one.transform(X[["clause"]]))
    assert np.array_equal(out[:, width:], one.transform(X[["masked"]]))
    names = list(both.get_feature_names_out())
    assert len(names) == out.shape[1] and names[0].startswith("clause_") and names[width].startswith("masked_")


def test_word_ngrams_match_sklearn_and_survive_pickling():
    import pickle

    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    from stance.features import WORD_PATTERN, WordNgrams

    docs = ["Moscow won't rule out talks", "Kyiv's envoy said talks were 'useful'", "Moscow won't rule out talks"]
    ref = CountVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2)).build_analyzer()
    grams = WordNgrams()
    assert [list(grams(d)) for d in docs] == [ref(d) for d in docs]
    a = TfidfVectorizer(analyzer=WordNgrams()).fit(docs)
    b = TfidfVectorizer(token_pattern=WORD_PATTERN, ngram_range=(1, 2)).fit(docs)
    assert list(a.get_feature_names_out()) == list(b.get_feature_names_out())
    assert abs(a.transform(docs) - b.transform(docs)).max() < 1e-12
    again = pickle.loads(pickle.dumps(a))
    assert abs(again.transform(docs) - a.transform(docs)).max() < 1e-12
    assert WordNgrams(ngram_range=(1, 1))("talks resume") == ("talks", "resume")


def test_word_ngram_memo_is_bounded(monkeypatch):
    from stance import features
    from stance.features import WordNgrams

    monkeypatch.setattr(WordNgrams, "MAX_MEMO", 3)
    monkeypatch.setattr(features, "_NGRAM_MEMO", {})
    grams = WordNgrams()
    docs = [f"talks resumed on day {i}" for i in range(10)]
    out = [grams(d) for d in docs]
    seen, _ = features._NGRAM_MEMO[(grams.token_pattern, grams.ngram_range)]
    assert len(seen) <= 3
    assert [grams(d) for d in docs] == out


def test_ngram_tfidf_counts_exactly_like_sklearn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from stance.features import NgramTfidf, WordNgrams

    train = ["Moscow warned of retaliation", "talks talks talks resumed", "Kyiv rejected the ultimatum",
             "Moscow and Kyiv agreed to talks", "the envoy warned"]
    docs = ["talks, talks and more talks", "", "nothing known here", "Moscow warned Kyiv; Kyiv warned Moscow",
            "the the the envoy"]
    for kw in ({"analyzer": WordNgrams(), "sublinear_tf": True}, {"analyzer": "char_wb", "ngram_range": (2, 4)},
               {"analyzer": WordNgrams(), "min_df": 2}):
        ours, ref = NgramTfidf(**kw).fit(train), TfidfVectorizer(**kw).fit(train)
        assert ours.vocabulary_ == ref.vocabulary_
        a, b = ours.transform(docs), ref.transform(docs)
        assert a.shape == b.shape and a.has_sorted_indices
        assert (a.indptr == b.indptr).all() and (a.indices == b.indices).all() and (a.data == b.data).all()
        counts = ours._count_vocab(docs, fixed_vocab=True)[1]
        assert (counts != ref._count_vocab(docs, fixed_vocab=True)[1]).nnz == 0
