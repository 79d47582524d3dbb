import numpy as np
import pandas as pd

from stance.aggregates import actor_summary, escalation_index, trends


def scores():
    rows = []
    for d, lab in [("2022-01-03", "escalatory"), ("2022-01-04", "escalatory"), ("2022-01-05", "neutral"),
                   ("2022-01-06", "conciliatory"), ("2022-01-07", "escalatory"), ("2022-01-12", "conciliatory")]:
        rows.append({"actor": "RUS", "date": d, "label": lab, "target": "USA"})
    rows.append({"actor": "", "date": "2022-01-03", "label": "neutral", "target": ""})
    return pd.DataFrame(rows)


def test_index_formula():
    assert escalation_index(["escalatory", "escalatory", "neutral", "conciliatory"]) == 0.25


def test_weekly_trend_masks_thin_periods():
    t = trends(scores(), freq="W", min_n=2)
    assert list(t["period"]) == ["2022-01-03", "2022-01-10"]  # Monday starts
    first, second = t.iloc[0], t.iloc[1]
    assert first["n"] == 5 and first["index"] == (3 - 1) / 5
    assert first["lo"] <= first["index"] <= first["hi"]
    assert second["masked"] and np.isnan(second["index"])


def test_trend_is_deterministic_and_filters_actors():
    a = trends(scores(), freq="M", min_n=1)
    b = trends(scores(), freq="M", min_n=1)
    pd.testing.assert_frame_equal(a, b)
    assert trends(scores(), actors=["USA"]).empty


def test_dyads_and_summary():
    d = trends(scores(), kind="dyad")
    assert d.iloc[0][["source", "target", "n"]].tolist() == ["RUS", "USA", 6]
    s = actor_summary(scores())
    assert s.iloc[0]["actor"] == "RUS" and s.iloc[0]["escalatory"] == 3


def test_actor_filter_takes_a_string_an_empty_list_and_applies_to_dyads():
    df = scores()
    df.loc[len(df)] = {"actor": "USA", "date": "2022-01-03", "label": "neutral", "target": "RUS"}
    assert set(trends(df, min_n=1, actors="RUS")["actor"]) == {"RUS"}  # not the letters R, U, S
    assert trends(df, min_n=1, actors=[]).empty
    assert set(trends(df, kind="dyad", actors=["RUS"])["source"]) == {"RUS"}


def test_trends_read_other_date_spellings_and_categoricals():
    df = pd.DataFrame({"actor": pd.Categorical(["RUS", "RUS"], categories=["RUS", "CHN"]),
                       "date": ["Jan 4, 2022", "2022-01-03T23:00:00+02:00"], "label": ["escalatory", "neutral"]})
    t = trends(df, min_n=1)
    assert t[["actor", "period", "n"]].values.tolist() == [["RUS", "2022-01-03", 2]]
    empty = trends(df.iloc[:0])
    assert empty.empty and empty["n"].dtype == "int64" and empty["index"].dtype == float


def test_summary_index_leaves_out_abstentions_and_empty_summary_has_columns():
    df = pd.DataFrame({"actor": ["RUS"] * 2, "date": pd.Categorical(["2022-01-03", ""]),
                       "label": ["abstain", "escalatory"]})
    s = actor_summary(df)
    assert s.iloc[0][["n", "escalatory", "index", "first", "last"]].tolist() == [2, 1, 1.0, "2022-01-03", "2022-01-03"]
    assert list(actor_summary(df.iloc[:0]).columns) == ["actor", "n", "escalatory", "conciliatory", "neutral",
                                                       "index", "first", "last"]
