import pandas as pd
import pytest

from stance.cli import main

ARTICLE = ("Talks in Geneva end without a deal\nGENEVA, Jan 10, 2022 (Reuters) - Lavrov said Russia was ready to keep "
           "talking.\nBlinken warned of severe consequences if Russia invaded Ukraine.\n")


def test_score_writes_table_and_lists_skips(small_model, tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "b.txt").write_bytes(b"\x00\xff" * 50)
    out = tmp_path / "s.csv"
    code = main(["score", str(tmp_path / "in"), "-o", str(out), "--model", str(small_model), "-q"])
    err = capsys.readouterr().err
    assert code == 1  # one input was skipped
    assert "b.txt: " in err and "binary" in err and "Traceback" not in err
    df = pd.read_csv(out, keep_default_na=False)
    assert {"statement_id", "actor", "label", "p_escalatory", "date_source"} <= set(df.columns)
    assert set(df["actor"]) >= {"RUS", "USA"}


def test_score_formats(small_model, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    for fmt in ("jsonl", "parquet"):
        out = tmp_path / f"s.{fmt}"
        assert main(["score", str(tmp_path / "a.txt"), "-o", str(out), "--model", str(small_model), "-q"]) == 0
        df = pd.read_json(out, lines=True) if fmt == "jsonl" else pd.read_parquet(out)
        assert len(df) >= 3


def test_usage_and_errors(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["score"])
    assert e.value.code == 2
    assert main(["classify", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "o.csv")]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("stance: error: ") and "missing.csv" in err


def test_tampered_model_is_refused(small_model, tmp_path, capsys):
    bad = tmp_path / "bad.joblib"
    bad.write_bytes(small_model.read_bytes() + b"x")
    (tmp_path / "bad.joblib.json").write_text((small_model.parent / (small_model.name + ".json")).read_text())
    t = tmp_path / "t.csv"
    t.write_text("text\nMoscow warned Kyiv.\n")
    assert main(["classify", str(t), "-o", str(tmp_path / "o.csv"), "--model", str(bad)]) == 1
    assert "SHA-256 does not match" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()
    # with --jobs the parent checks the file before any worker starts
    (tmp_path / "a.txt").write_text(ARTICLE)
    assert main(["score", str(tmp_path / "a.txt"), "-o", str(tmp_path / "s.csv"), "--model", str(bad), "--jobs", "2",
                 "-q"]) == 1
    err = capsys.readouterr().err
    assert "SHA-256 does not match" in err and "Traceback" not in err
    assert not (tmp_path / "s.csv").exists()


def test_classify_trend_report_chain(small_model, tmp_path):
    t = tmp_path / "t.csv"
    t.write_text("text,actor\nMoscow warned Kyiv of consequences.,RUS\nKyiv offered talks.,Kyiv\n")
    assert main(["classify", str(t), "-o", str(tmp_path / "c.csv"), "--actor-col", "actor", "--model", str(small_model), "-q"]) == 0
    assert len(pd.read_csv(tmp_path / "c.csv")) == 2
    (tmp_path / "a.txt").write_text(ARTICLE)
    s = tmp_path / "s.csv"
    main(["score", str(tmp_path / "a.txt"), "-o", str(s), "--model", str(small_model), "-q"])
    assert main(["trend", str(s), "-o", str(tmp_path / "t.png"), "--table", str(tmp_path / "t.csv"), "--min-n", "1", "-q"]) == 0
    tab = pd.read_csv(tmp_path / "t.csv")
    assert {"actor", "period", "index", "n", "lo", "hi"} <= set(tab.columns)
    assert main(["report", str(s), "-o", str(tmp_path / "r.html"), "-q"]) == 0
    assert (tmp_path / "r.html").read_text().startswith("<!doctype html>")


def test_train_and_labels_check(small_labels, small_actors, tmp_path, capsys):
    out = tmp_path / "m.joblib"
    assert main(["train", "--labels", str(small_labels), "-o", str(out), "-q"]) == 0
    assert out.exists() and (tmp_path / "m.joblib.json").exists()
    assert main(["labels", "check", str(small_labels), "--actors", str(small_actors)]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text,label\n1,x,maybe\n")
    assert main(["labels", "check", str(bad), "--actors", str(small_actors)]) == 1


def test_train_with_other_feature_groups(small_labels, tmp_path, capsys):
    import json

    out = tmp_path / "c.joblib"
    assert main(["train", "--labels", str(small_labels), "--features", "word,char,cues", "-o", str(out), "-q"]) == 0
    params = json.loads((tmp_path / "c.joblib.json").read_text())["params"]
    assert "features__char__analyzer" in params and "features__clause__ngram_range" not in params
    assert main(["train", "--labels", str(small_labels), "--features", "word,bert", "-o", str(out)]) == 2
    assert "--features 'word,bert': unknown group(s) bert" in capsys.readouterr().err
    # only the default model may go to the cache, where `stance score` would take it for the default
    assert main(["train", "--labels", str(small_labels), "--kind", "svm"]) == 2
    assert "need -o MODEL" in capsys.readouterr().err


def test_score_reads_stdin(small_model, tmp_path, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    out = tmp_path / "s.csv"
    assert main(["score", "-", "-o", str(out), "--model", str(small_model), "-q", "--date", "2022-01-10"]) == 0
    df = pd.read_csv(out, keep_default_na=False)
    assert set(df["path"]) == {"-"} and "RUS" in set(df["actor"])


@pytest.mark.parametrize("argv,msg", [
    (["--since", "2022-1-1"], "--since '2022-1-1': not a date"),
    (["--date", "yesterday"], "--date 'yesterday': not a date"),
    (["--default-actor", "XYZ"], "--default-actor 'XYZ': unknown actor code"),
])
def test_bad_option_values_are_rejected_up_front(small_model, tmp_path, capsys, argv, msg):
    (tmp_path / "a.txt").write_text(ARTICLE)
    code = main(["score", str(tmp_path / "a.txt"), "-o", str(tmp_path / "s.csv"), "--model", str(small_model), *argv])
    assert code == 2 and msg in capsys.readouterr().err  # usage errors, as argparse's own
    assert not (tmp_path / "s.csv").exists()


def test_trend_events_without_date_column(small_model, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    s = tmp_path / "s.csv"
    main(["score", str(tmp_path / "a.txt"), "-o", str(s), "--model", str(small_model), "-q"])
    ev = tmp_path / "ev.csv"
    ev.write_text("when,what\n2022-01-10,talks\n")
    assert main(["trend", str(s), "-o", str(tmp_path / "t.png"), "--events", str(ev), "--min-n", "1", "-q"]) == 1
    assert "events table needs columns date,label" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_jobs_below_one_is_a_usage_error(tmp_path, capsys, jobs):
    (tmp_path / "a.txt").write_text(ARTICLE)
    with pytest.raises(SystemExit) as e:
        main(["score", str(tmp_path / "a.txt"), "-o", str(tmp_path / "s.csv"), "--jobs", jobs])
    assert e.value.code == 2 and "must be 1 or more" in capsys.readouterr().err


def test_huge_jobs_is_capped_at_the_cpus(small_model, tmp_path, monkeypatch):
    import stance.predict as pr

    (tmp_path / "a.txt").write_text(ARTICLE)
    monkeypatch.setattr(pr, "_cpu_count", lambda: 1)  # --jobs 100000 used to fork 100,000 processes at once
    monkeypatch.setattr(pr, "_forked", lambda *a, **k: pytest.fail("forked workers on one CPU"))
    assert main(["score", str(tmp_path / "a.txt"), "-o", str(tmp_path / "s.csv"), "--model", str(small_model),
                 "--jobs", "100000", "-q"]) == 0


def test_unknown_output_suffix_is_refused_before_any_work(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    assert main(["score", str(tmp_path / "a.txt"), "-o", str(tmp_path / "s.xlsx"), "--model", "nope.joblib"]) == 2
    assert "s.xlsx: unknown table format '.xlsx'" in capsys.readouterr().err  # not the model error: nothing ran
    assert not list(tmp_path.glob("s.xlsx*"))


def test_output_that_is_an_input_is_refused_and_never_read(small_model, tmp_path, capsys):
    feed = tmp_path / "feed.csv"
    feed.write_text("id,text\n1,Moscow warned Kyiv of consequences.\n")
    assert main(["score", str(feed), "-o", str(feed), "--model", str(small_model), "-q"]) == 1
    assert "is also an input" in capsys.readouterr().err
    assert feed.read_text().startswith("id,text")  # the input is intact
    # an output inside the input folder is not read back as an input on the next run
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE)
    for _ in range(2):
        assert main(["score", str(d), "-o", str(d / "scores.csv"), "--model", str(small_model), "-q"]) == 0
    assert "skipped" not in capsys.readouterr().err


def test_a_run_that_scores_nothing_keeps_the_earlier_output(small_model, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    out = tmp_path / "s.csv"
    assert main(["score", str(tmp_path / "a.txt"), "-o", str(out), "--model", str(small_model), "-q"]) == 0
    before = out.read_bytes()
    assert main(["score", str(tmp_path / "artciles"), "-o", str(out), "--model", str(small_model), "-q"]) == 1
    err = capsys.readouterr().err
    assert "skipped" in err and "artciles" in err and "left unchanged" in err
    assert out.read_bytes() == before and not list(tmp_path.glob("*.partial"))


def test_score_lists_pages_that_give_no_statements(small_model, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.html").write_text("<html><body><p>The Kremlin <b>warned <i>Washington</p> of <div>consequences")
    assert main(["score", str(tmp_path), "-o", str(tmp_path / "s.csv"), "--model", str(small_model), "-q"]) == 1
    assert "skipped " + str(tmp_path / "b.html") in capsys.readouterr().err


def test_trend_names_rows_with_unreadable_dates(small_model, tmp_path, capsys):
    s = tmp_path / "s.csv"
    pd.DataFrame({"actor": ["RUS", "RUS"], "date": ["2022-01-10", "10/01/2022"],
                  "label": ["escalatory", "neutral"]}).to_csv(s, index=False)
    assert main(["trend", str(s), "-o", str(tmp_path / "t.png"), "--min-n", "1", "-q"]) == 0
    assert "1 statement row(s) with an unreadable date left out (first: '10/01/2022'" in capsys.readouterr().err


def test_report_names_a_bad_model_card_not_the_scores(small_model, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    s = tmp_path / "s.csv"
    main(["score", str(tmp_path / "a.txt"), "-o", str(s), "--model", str(small_model), "-q"])
    card = tmp_path / "card.json"
    card.write_text("not json")
    assert main(["report", str(s), "-o", str(tmp_path / "r.html"), "--model-card", str(card), "-q"]) == 1
    assert f"stance: error: {card}: not a JSON model card" in capsys.readouterr().err


def test_train_on_one_class_names_the_file(tmp_path, capsys):
    f = tmp_path / "one.csv"
    f.write_text("id,text,label\n1,Moscow warned Kyiv.,neutral\n2,Kyiv offered talks.,neutral\n")
    assert main(["train", "--labels", str(f), "-o", str(tmp_path / "m.joblib"), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"{f}: labels hold 2 statement(s) of 1 class(es) (neutral); training needs at least two" in err


def test_unwritable_output_names_the_output(small_model, tmp_path, capsys, monkeypatch):
    import stance.io as sio

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".o.csv.x1.tmp"))

    monkeypatch.setattr(sio.tempfile, "mkstemp", denied)
    t = tmp_path / "t.csv"
    t.write_text("text\nMoscow warned Kyiv.\n")
    assert main(["classify", str(t), "-o", str(tmp_path / "o.csv"), "--model", str(small_model), "-q"]) == 1
    assert capsys.readouterr().err.strip() == f"stance: error: {tmp_path / 'o.csv'}: cannot write (Permission denied)"


def test_train_on_several_label_files(small_labels, tmp_path, capsys):
    import json

    own = tmp_path / "own.csv"
    own.write_text("id,text,actor,label\nmine-1,Kyiv offered a ceasefire on the river crossing,UKR,conciliatory\n")
    out = tmp_path / "m.joblib"
    assert main(["train", "--labels", str(small_labels), "--labels", str(own), "-o", str(out), "-q"]) == 0
    card = json.loads((tmp_path / "m.joblib.json").read_text())
    n_small = sum(1 for _ in open(small_labels, encoding="utf-8")) - 1
    assert card["training_rows"] == n_small + 1 and str(own) in card["labels_path"]


def test_classify_names_unknown_actors_and_takes_extra_aliases(small_model, tmp_path, capsys):
    t = tmp_path / "t.csv"
    t.write_text("text,actor\nThe Zorvian envoy rejected the ultimatum.,Zorvian envoy\nMoscow warned Kyiv.,RUS\n")
    out = tmp_path / "c.csv"
    assert main(["classify", str(t), "-o", str(out), "--actor-col", "actor", "--model", str(small_model), "-q"]) == 0
    assert "1 row(s) name no known actor (first: 'Zorvian envoy')" in capsys.readouterr().err
    extra = tmp_path / "extra.csv"
    extra.write_text("alias,actor,kind,role,valid_from,valid_to\nZorvian envoy,ZRV,person,envoy,,\n")
    assert main(["classify", str(t), "-o", str(out), "--actor-col", "actor", "--actors", str(extra),
                 "--model", str(small_model), "-q"]) == 0
    assert "no known actor" not in capsys.readouterr().err
    assert len(pd.read_csv(out)) == 2


def test_an_empty_input_folder_leaves_an_earlier_output_alone(tmp_path, capsys):
    out = tmp_path / "s.csv"
    out.write_text("doc_id,sentence\nd1,kept\n")
    (tmp_path / "empty").mkdir()
    assert main(["score", str(tmp_path / "empty"), "-o", str(out), "-q"]) == 1
    assert out.read_text() == "doc_id,sentence\nd1,kept\n"
    assert "left unchanged" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["classify", "t.csv", "-o", "o.csv", "--abstain", "5"],
                                  ["classify", "t.csv", "-o", "o.csv", "--abstain", "0.2"],
                                  ["trend", "s.csv", "-o", "t.png", "--min-n", "-1"],
                                  ["trend", "s.csv", "-o", "t.png", "--smooth", "x"]])
def test_nonsense_option_values_are_usage_errors(args, capsys):
    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2 and "Traceback" not in capsys.readouterr().err
