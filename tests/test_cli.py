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
    assert main(["train", "--labels", str(small_labels), "--features", "word,bert", "-o", str(out)]) == 1
    assert "--features 'word,bert': unknown group(s) bert" in capsys.readouterr().err
    # only the default model may go to the cache, where `stance score` would take it for the default
    assert main(["train", "--labels", str(small_labels), "--kind", "svm"]) == 1
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
    assert code == 1 and msg in capsys.readouterr().err
    assert not (tmp_path / "s.csv").exists()


def test_trend_events_without_date_column(small_model, tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE)
    s = tmp_path / "s.csv"
    main(["score", str(tmp_path / "a.txt"), "-o", str(s), "--model", str(small_model), "-q"])
    ev = tmp_path / "ev.csv"
    ev.write_text("when,what\n2022-01-10,talks\n")
    assert main(["trend", str(s), "-o", str(tmp_path / "t.png"), "--events", str(ev), "--min-n", "1", "-q"]) == 1
    assert "events table needs columns date,label" in capsys.readouterr().err
