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
