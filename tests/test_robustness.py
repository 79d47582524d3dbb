"""Hostile inputs: every bad file is named with its reason, the good ones are scored, no traceback."""
import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stance.actors import ActorMatcher, load_actors
from stance.cli import main
from stance.sentences import split_paragraph
from stance.statements import attribute_article

GOOD = "Talks resume\nKYIV, Feb 2, 2022 (Reuters) - Kuleba said Ukraine was ready for more talks with Moscow.\n"


def hostile_dir(tmp_path):
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "good.txt").write_text(GOOD)
    (d / "empty.txt").write_text("")
    (d / "random.txt").write_bytes(os.urandom(2048).replace(b"\x00", b"\x01") + b"\x00")
    (d / "latin1.txt").write_bytes("Talks\nKYIV (Reuters) - Kuleba said the caf\xe9 talks with Moscow would resume soon.\n".encode("latin-1"))
    (d / "long.txt").write_text("word " * 1_200_000)  # a 6 MB single line
    (d / "bad.html").write_text("<html><body><div><p>Kuleba said Ukraine wanted talks with Moscow and peace.<div></span>")
    (d / "broken.jsonl").write_text('{"id": "1", "text": "Moscow said it was ready for talks with Kyiv."}\n{oops\n')
    (d / "notext.csv").write_text("headline;when\nA;B\n")
    (d / "nosentences.txt").write_text("•\n•\n---\n")
    (d / "foreign.txt").write_text("Переговоры продолжатся на следующей неделе, заявил министр.\nЭто важно.\n")
    unreadable = d / "locked.txt"
    unreadable.write_text(GOOD)
    unreadable.chmod(0)
    return d


def test_mixed_directory(small_model, tmp_path, capsys):
    d = hostile_dir(tmp_path)
    out = tmp_path / "scores.csv"
    code = main(["score", str(d), "-o", str(out), "--model", str(small_model), "-q"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    df = pd.read_csv(out, keep_default_na=False)
    scored = {os.path.basename(p).split(":")[0] for p in df["path"]}
    assert {"good.txt", "latin1.txt", "broken.jsonl"} <= scored
    skipped_lines = [ln for ln in err.splitlines() if ln.startswith("stance: skipped ")]
    named = {ln.split("stance: skipped ", 1)[1].split(":")[0].rsplit("/", 1)[-1] for ln in skipped_lines}
    assert {"empty.txt", "random.txt", "broken.jsonl", "notext.csv", "nosentences.txt"} <= named
    if os.geteuid() != 0:  # root can read a chmod-0 file
        assert "locked.txt" in named
    for ln in skipped_lines:
        assert ln.count("\n") == 0 and len(ln) < 300
    # every input accounted for: scored or skipped
    files = {p.name for p in d.iterdir()}
    assert files <= scored | named | {"locked.txt", "long.txt", "bad.html", "foreign.txt"}


def test_interrupted_output_is_never_half_written(small_model, tmp_path, monkeypatch):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"a{i}.txt").write_text(GOOD.replace("Feb 2", f"Feb {i + 2}"))
    out = tmp_path / "s.csv"
    import stance.predict as pr

    real = pr.score_statements
    calls = {"n": 0}

    def flaky(*a, **k):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(*a, **k)

    monkeypatch.setattr(pr, "score_statements", flaky)

    monkeypatch.setattr(pr, "iter_scores", _small_chunks(pr.iter_scores))
    assert main(["score", str(d), "-o", str(out), "--model", str(small_model), "-q"]) == 1
    assert not out.exists() and (tmp_path / "s.csv.partial").exists()
    monkeypatch.setattr(pr, "score_statements", real)
    assert main(["score", str(d), "-o", str(out), "--model", str(small_model), "-q", "--resume"]) == 0
    df = pd.read_csv(out)
    assert df["doc_id"].nunique() == 4 and not df.duplicated("statement_id").any()


def _small_chunks(fn):
    def wrapper(*a, **k):
        k["chunk_size"] = 1
        return fn(*a, **k)
    return wrapper


def test_label_file_problems(tmp_path, small_actors):
    f = tmp_path / "l.csv"
    f.write_text("id,text,actor,actor_mention,target,label,crisis,year,group,annotator\n"
                 "1,Moscow warned.,RUS,Moscow,,furious,c,2022,g,x\n1,Moscow warned.,RUS,Moscow,,neutral,c,2022,g,x\n")
    assert main(["labels", "check", str(f), "--actors", str(small_actors)]) == 1
    assert main(["train", "--labels", str(f), "-o", str(tmp_path / "m.joblib")]) == 1


@pytest.fixture(scope="module")
def matcher(small_actors):
    return ActorMatcher(load_actors(small_actors))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_segmentation_and_attribution_never_raise(matcher, text):
    sents = split_paragraph(text)
    assert all(s.strip() for s in sents)
    rows = list(attribute_article(sents, matcher, "2022-01-01"))
    assert [r[0] for r in rows] == list(range(len(sents)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Lavrov said talks would go on.", "Russia massed troops.", "It rained.",
                                 '"We are ready," he said.', "Blinken warned Moscow."]), min_size=1, max_size=8))
def test_every_sentence_appears_exactly_once(small_actors, sentences):
    from stance.articles import articles_from_texts
    from stance.statements import extract_statements

    text = " ".join(sentences)
    st_ = extract_statements(articles_from_texts([text], ids=["d"]), actors=small_actors)
    assert st_["sentence_id"].nunique() == len(sentences)
    assert list(st_.drop_duplicates("sentence_id")["sentence"]) == sentences


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=200), min_size=1, max_size=4))
def test_scoring_never_raises_and_keeps_every_sentence(small_model, small_actors, texts):
    from stance.articles import articles_from_texts
    from stance.predict import score_statements
    from stance.statements import extract_statements

    arts = articles_from_texts(texts, ids=[f"d{i}" for i in range(len(texts))])
    statements = extract_statements(arts, actors=small_actors)
    scored = score_statements(statements, small_model)
    assert len(scored) == len(statements)
    assert set(scored["label"]) <= {"escalatory", "conciliatory", "neutral"}
    for doc, text in zip(arts["doc_id"], texts):
        from stance.sentences import split_sentences

        expected = split_sentences([p for p in text.split("\n") if p.strip()])
        got = scored[scored["doc_id"] == doc].drop_duplicates("sentence_id")["sentence"].tolist()
        assert got == expected
