import pandas as pd
import pytest

from stance.predict import PROB_COLUMNS, classify, predict_frame, score


def test_classify_keeps_columns_and_order(small_model, small_actors):
    table = pd.DataFrame({"row": [3, 1, 2], "sentence": ["Moscow warned of a military response.",
                                                          "Talks will resume on Monday, Blinken said.",
                                                          "Kyiv welcomed the offer of dialogue."],
                          "who": ["RUS", "Blinken", ""]})
    out = classify(table, small_model, text_col="sentence", actor_col="who", actors=small_actors)
    assert list(out["row"]) == [3, 1, 2]
    assert list(out.columns[:3]) == ["row", "sentence", "who"]
    assert set(out["label"]) <= {"escalatory", "conciliatory", "neutral"}
    assert (out[PROB_COLUMNS].sum(axis=1).round(3) == 1).all()


def test_classify_without_actor_and_missing_columns(small_model):
    t = pd.DataFrame({"text": ["Moscow warned of a military response."]})
    assert len(classify(t, small_model)) == 1
    with pytest.raises(ValueError, match="no column 'body'"):
        classify(t, small_model, text_col="body")


def test_abstain_threshold(small_model):
    t = pd.DataFrame({"text": ["Something happened."]})
    assert predict_frame(t, small_model, abstain=0.99)["label"].iloc[0] == "abstain"


def test_score_is_the_same_with_one_or_two_jobs(small_model, tmp_path, monkeypatch):
    import stance.predict

    # jobs are capped at the CPU count: on a one-CPU runner two jobs would silently run as one
    monkeypatch.setattr(stance.predict, "_cpu_count", lambda: 4)
    forked = []
    real_forked = stance.predict._forked
    monkeypatch.setattr(stance.predict, "_forked", lambda *a: forked.append(1) or real_forked(*a))
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(
            f"Story {i} about talks in Geneva\nMOSCOW, Jan {i + 10}, 2022 (Reuters) - Lavrov said on Monday that Russia "
            f"was ready to continue talks.\nBlinken warned of severe consequences if Russia invaded Ukraine.\n")
    a, s1 = score([tmp_path], small_model, jobs=1)
    b, s2 = score([tmp_path], small_model, jobs=2)  # a model file: forked workers on Linux
    pd.testing.assert_frame_equal(a, b)
    from stance.models import load_model

    c, _ = score([tmp_path], load_model(small_model)[0], jobs=2)  # a model object: inherited by forked workers
    pd.testing.assert_frame_equal(a, c)
    assert len(forked) == (2 if stance.predict._forks() else 0)

    monkeypatch.setattr(stance.predict, "_forks", lambda: False)  # as on macOS and Windows: joblib's loky
    d, _ = score([tmp_path], small_model, jobs=2)
    e, _ = score([tmp_path], load_model(small_model)[0], jobs=2)
    pd.testing.assert_frame_equal(a, d)
    pd.testing.assert_frame_equal(a, e)
    assert not stance.predict._INHERITED  # no model object is kept once a run is over
    assert a["doc_id"].nunique() == 5 and s1.empty
    assert a["date"].iloc[0] == "2022-01-10"


def test_classify_takes_categorical_columns_and_refuses_a_series(small_model, small_actors):
    t = pd.DataFrame({"text": ["Moscow warned of a military response.", None], "who": ["RUS", None]}, index=[5, 5])
    out = classify(t.astype("category"), small_model, actor_col="who", actors=small_actors)
    assert out.index.tolist() == [5, 5] and out["label"].notna().all()
    with pytest.raises(TypeError, match="expects a DataFrame"):
        classify(t["text"], small_model)


def test_score_statements_ignores_an_article_text_column(small_model):
    from stance.predict import score_statements

    st = pd.DataFrame({"sentence": ["Moscow warned of a military response."], "text": ["the whole article"],
                       "actor": ["RUS"], "actor_mention": ["Moscow"]})
    out = score_statements(st, small_model)
    assert list(out.columns[:4]) == list(st.columns) and out["label"].notna().all()


def test_since_and_until_compare_days_whatever_their_type(small_model, tmp_path):
    (tmp_path / "a.txt").write_text("Talks in Geneva\nMOSCOW, Jan 10, 2022 (Reuters) - Lavrov said Russia was ready.\n")
    for since in (pd.Timestamp("2022-01-10"), "2022-01-10T12:00", "10 January 2022"):
        assert len(score([tmp_path], small_model, since=since)[0]) > 0
    assert score([tmp_path], small_model, until=pd.Timestamp("2022-01-09"))[0].empty
    with pytest.raises(ValueError, match="since='soon' is not a date"):
        score([tmp_path], small_model, since="soon")


def test_an_actor_table_edited_mid_run_does_not_change_that_run(small_model, small_actors, tmp_path, monkeypatch):
    import stance.predict

    table = tmp_path / "actors.csv"
    table.write_text(small_actors.read_text())
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"Talks {i}\nLavrov said on Monday that Russia was ready to talk.\n")
    real = stance.predict._statements_chunk
    calls = []

    def edit_after_first_chunk(chunk, actors, extra, problems=None):
        out = real(chunk, actors, extra, problems)
        calls.append(1)
        table.write_text("alias,actor,kind,role,valid_from,valid_to\nLavrov,XXX,person,,,\n")  # edited mid-run
        return out

    monkeypatch.setattr(stance.predict, "_statements_chunk", edit_after_first_chunk)
    out, _ = score([tmp_path / f"a{i}.txt" for i in range(3)], small_model, actors=table, chunk_size=1)
    assert len(calls) == 3 and "XXX" not in set(out["actor"]) and "RUS" in set(out["actor"])
