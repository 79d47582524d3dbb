import pandas as pd

from stance.annotate import annotation_sheet
from stance.labels import LABEL_COLUMNS


def statements():
    return pd.DataFrame({"statement_id": [f"d:{i}:RUS" for i in range(6)], "sentence": [f"s{i}" for i in range(6)],
                         "actor": ["RUS"] * 5 + [""], "actor_mention": ["Moscow"] * 6, "target": [""] * 6,
                         "date": ["2022-01-01"] * 6, "doc_id": ["d"] * 6,
                         "label": ["escalatory", "neutral", "conciliatory", "neutral", "escalatory", "neutral"],
                         "p_escalatory": [0.9, 0.4, 0.1, 0.34, 0.5, 0.3], "p_conciliatory": [0.05, 0.2, 0.8, 0.33, 0.1, 0.3],
                         "p_neutral": [0.05, 0.4, 0.1, 0.33, 0.4, 0.4]})


def test_uncertainty_sheet_is_in_labels_format():
    sheet = annotation_sheet(statements(), n=2, strategy="uncertainty")
    assert list(sheet.columns[: len(LABEL_COLUMNS)]) == LABEL_COLUMNS
    assert set(sheet["id"]) == {"d:1:RUS", "d:3:RUS"}  # smallest margins; actor-less row never offered
    assert (sheet["label"] == "").all() and "pre_label" in sheet


def test_random_and_stratified_are_seeded():
    a = annotation_sheet(statements(), n=3, strategy="random", seed=1)
    b = annotation_sheet(statements(), n=3, strategy="random", seed=1)
    assert a.equals(b)
    s = annotation_sheet(statements(), n=3, strategy="stratified")
    assert set(s["pre_label"]) == {"escalatory", "neutral", "conciliatory"}


def test_stratified_sheet_never_exceeds_n():
    for n in (1, 2, 4, 5, 9):  # 5 rows have an actor; a single conciliatory one
        sheet = annotation_sheet(statements(), n=n, strategy="stratified")
        assert len(sheet) == min(n, 5) and sheet["id"].is_unique


def test_datetime_dates_give_the_year():
    st = statements()
    st["date"] = pd.to_datetime(st["date"])
    st.loc[0, "date"] = pd.NaT
    sheet = annotation_sheet(st, n=5, strategy="random")
    assert set(sheet["year"]) <= {"2022", ""} and (sheet["year"] == "2022").any()


def test_articles_numbered_alike_in_two_files_keep_their_rows():
    a = statements()
    a["path"] = "feed_a.jsonl"
    b = statements()
    b["path"] = "feed_b.jsonl"
    sheet = annotation_sheet(pd.concat([a, b], ignore_index=True), n=20, strategy="random")
    assert len(sheet) == 10 and sheet["id"].is_unique
    assert set(sheet["group"]) == {"feed_a.jsonl:d", "feed_b.jsonl:d"}
    assert set(annotation_sheet(a, n=20, strategy="random")["group"]) == {"d"}


def test_files_with_the_same_name_in_two_folders_keep_distinct_ids():
    a, b = statements(), statements()
    a["path"], b["path"] = "a/feed.csv", "b/feed.csv"
    sheet = annotation_sheet(pd.concat([a, b], ignore_index=True), n=20, strategy="random")
    assert len(sheet) == 10 and sheet["id"].is_unique
