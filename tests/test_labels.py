import pandas as pd
import pytest

from stance.io import InputError
from stance.labels import agreement, check_labels, load_labels

HEADER = "id,text,actor,actor_mention,target,label,crisis,year,group,annotator\n"


def test_shipped_corpus_is_clean():
    assert check_labels() == []


def test_check_reports_problems_with_rows(tmp_path, small_actors):
    f = tmp_path / "l.csv"
    f.write_text(HEADER
                 + "a1,Moscow warned Kyiv.,RUS,Moscow,UKR,escalatory,c,2022,g1,x\n"
                 + "a1,Moscow praised Kyiv.,RUS,Moscow,UKR,angry,c,2022,g2,x\n"
                 + "a3,Moscow warned Kyiv!,RUS,Moscow,UKR,neutral,c,2022,g3,x\n"
                 + "a4,Talks began.,XXX,Paris,,neutral,c,2022,g4,x\n"
                 + "a5,Sirens sounded in Kyiv.,,Kyiv,,escalatory,c,2022,g5,x\n"
                 + "a6,Queues grew at the border.,,,,neutral,c,2022,g6,x\n")
    problems = "\n".join(check_labels(f, actors=small_actors))
    assert "l.csv:3: unknown label 'angry'" in problems
    assert "duplicate id 'a1'" in problems
    assert "conflicting labels" in problems
    assert "unknown actor code 'XXX'" in problems
    assert "actor_mention 'Paris' does not occur" in problems
    assert "l.csv:6: actor_mention 'Kyiv' but no actor code" in problems
    assert "l.csv:7" not in problems  # a row with no source actor (codebook rule J) is fine


def test_load_rejects_unknown_labels_and_duplicates(tmp_path):
    f = tmp_path / "l.csv"
    f.write_text(HEADER + "a1,x,RUS,,,maybe,c,2022,g,x\n")
    with pytest.raises(InputError, match="unknown label"):
        load_labels(f)
    f.write_text(HEADER + "a1,x,RUS,,,neutral,c,2022,g,x\na1,y,RUS,,,neutral,c,2022,g,x\n")
    with pytest.raises(InputError, match="duplicate id"):
        load_labels(f)


def test_agreement_statistics():
    a = pd.DataFrame({"id": list("abcdef"), "label": ["escalatory", "neutral", "conciliatory"] * 2})
    b = pd.DataFrame({"id": list("abcdef"), "label": ["escalatory", "neutral", "conciliatory", "escalatory", "neutral", "neutral"]})
    r = agreement(a, b)
    assert r["n"] == 6 and r["percent_agreement"] == pytest.approx(5 / 6)
    assert 0.5 < r["cohen_kappa"] < 1 and 0.5 < r["krippendorff_alpha"] < 1
    assert int(r["confusion"].to_numpy().sum()) == 6


def test_folder_errors_name_the_file_and_its_row(tmp_path):
    (tmp_path / "a.csv").write_text(HEADER + "a1,Moscow warned.,RUS,Moscow,,escalatory,c,2022,g,x\n")
    (tmp_path / "b.csv").write_text(HEADER + "b1,Kyiv agreed.,UKR,Kyiv,,banana,c,2022,g,x\n")
    with pytest.raises(InputError, match=r"b\.csv: 1 row\(s\) with unknown label \(first at row 2"):
        load_labels(tmp_path)


def test_several_label_sources_load_as_one_table(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(HEADER + "a1,Moscow warned Kyiv,RUS,,,escalatory,c,2022,g,x\n")
    b.write_text(HEADER + "b1,Kyiv welcomed talks,UKR,,,conciliatory,c,2022,g,y\n")
    b.write_text("id,text,label\nb1,Kyiv welcomed talks,conciliatory\n")  # fewer columns than a.csv
    both = load_labels([a, b])
    assert list(both["id"]) == ["a1", "b1"]
    assert not both.isna().any().any() and both.loc[1, "group"] == "b1"  # an empty group is the row's id
    b.write_text(HEADER + "b1,Kyiv welcomed talks,UKR,,,conciliatory,c,2022,g,y\n")
    b.write_text(HEADER + "a1,Kyiv welcomed talks,UKR,,,conciliatory,c,2022,g,y\n")
    with pytest.raises(InputError, match=r"a\.csv, .*b\.csv: duplicate id 'a1'"):
        load_labels([a, b])
