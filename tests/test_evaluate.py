import numpy as np
import pandas as pd
from sklearn.metrics import f1_score

from stance.evaluate import bootstrap_ci, label_space, predict_eval_set, record_run, text_key


def test_label_space_knows_binary_sets():
    assert label_space(["escalatory", "other", "other"]) == (["escalatory", "other"], True)
    assert label_space(["escalatory", "neutral"]) == (["escalatory", "conciliatory", "neutral"], False)


def test_predict_eval_set_maps_to_the_sets_labels(small_model):
    texts = ["Moscow warned of a military response.", "Talks will resume on Monday in Geneva."]
    three = predict_eval_set(pd.DataFrame({"text": texts, "actor": ["RUS", ""], "label": ["escalatory", "neutral"]}),
                             small_model)
    assert set(three["label"]) <= {"escalatory", "conciliatory", "neutral"}
    binary = predict_eval_set(pd.DataFrame({"text": texts, "actor": ["", ""], "label": ["escalatory", "other"]}),
                              small_model)
    assert set(binary["label"]) <= {"escalatory", "other"}
    assert np.allclose(binary[["p_escalatory", "p_conciliatory", "p_neutral"]].sum(axis=1), 1.0, atol=1e-3)


def test_bootstrap_ci_is_seeded_and_brackets_the_score():
    rng = np.random.default_rng(0)
    y = rng.choice(["escalatory", "neutral", "conciliatory"], 90)
    p = np.where(rng.random(90) < 0.7, y, "neutral")
    lo, hi = bootstrap_ci(y, p, n_boot=200)
    assert (lo, hi) == bootstrap_ci(y, p, n_boot=200)
    assert lo < f1_score(y, p, average="macro") < hi


def test_text_key_ignores_whitespace_only():
    assert text_key("Talks  resume\n today.") == text_key("Talks resume today.")
    assert text_key("Talks resume today.") != text_key("Talks resumed today.")


def test_record_run_writes_commit_versions_and_input_hashes(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("x", encoding="utf-8")
    path = record_run(tmp_path / "rep", metrics={"f1": 0.5}, inputs=[src])
    doc = pd.read_json(path, typ="series")
    assert doc["metrics"] == {"f1": 0.5}
    assert list(doc["inputs_sha256"].values()) == ["2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"]
    assert "scikit-learn" in doc["versions"]


def _blind_set(tmp_path, monkeypatch, heads, rows, syria_body=None):
    """A ../shared with a headline table (and a Syria article), and data/eval/blind_test.csv."""
    shared, data = tmp_path / "shared", tmp_path / "data"
    (shared / "corpora").mkdir(parents=True)
    (data / "eval").mkdir(parents=True)
    pd.DataFrame({"title": heads}).to_csv(shared / "corpora" / "heads.csv", index=False)
    if syria_body:
        pd.DataFrame({"text": [syria_body]}).to_csv(shared / "corpora" / "guardian_syria_articles_2017_2019.csv",
                                                    index=False)
    pd.DataFrame(rows, columns=["kind", "file", "row", "text_sha1", "actor", "label"]).to_csv(
        data / "eval" / "blind_test.csv", index=False)
    monkeypatch.setenv("STANCE_DATA", str(data))
    return shared


def test_blind_test_set_resolves_hashes_and_counts_stale_rows(tmp_path, monkeypatch):
    from stance.evaluate import blind_test_set

    heads = ["Kremlin rejects talks offer", "Kyiv welcomes new aid pledge"]
    rows = [("headline", "heads.csv", "1", text_key(heads[1]), "UKR", "conciliatory"),
            ("headline", "heads.csv", "0", text_key("an edited headline"), "RUS", "escalatory"),
            ("syria", "", "", text_key("Ankara threatened a new offensive."), "TUR", "escalatory")]
    shared = _blind_set(tmp_path, monkeypatch, heads, rows,
                        syria_body="Damascus said the convoy had crossed. Ankara threatened a new offensive.")
    df = blind_test_set(shared)
    assert df["text"].tolist() == [heads[1], "Ankara threatened a new offensive."]
    assert df["label"].tolist() == ["conciliatory", "escalatory"]
    assert df.attrs["unmatched_labels"] == 1
    assert blind_test_set(tmp_path / "absent") is None


def test_blind_test_set_counts_rows_whose_source_is_gone(tmp_path, monkeypatch):
    from stance.evaluate import blind_test_set

    rows = [("headline", "heads.csv", "0", text_key("Kyiv welcomes new aid pledge"), "UKR", "conciliatory"),
            ("headline", "heads.csv", "7", text_key("a row past the end"), "RUS", "escalatory"),
            ("headline", "gone.csv", "0", text_key("a file that was removed"), "RUS", "escalatory")]
    df = blind_test_set(_blind_set(tmp_path, monkeypatch, ["Kyiv welcomes new aid pledge"], rows))
    assert len(df) == 1 and df.attrs["unmatched_labels"] == 2


def test_macro_f1_counts_a_label_missing_from_both_sides_as_zero():
    from stance.evaluate import macro_f1

    y = ["escalatory", "neutral", "neutral"]
    assert macro_f1(y, y) == 2 / 3  # conciliatory appears nowhere: F1 0 for it
    assert macro_f1(y, y, ["escalatory", "neutral"]) == 1.0
