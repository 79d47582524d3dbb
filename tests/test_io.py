import os

import pandas as pd
import pytest

from stance import io as sio


def test_decode_utf8_and_legacy_text(tmp_path):
    assert sio.decode_bytes("Kyiv – talks".encode("utf-8"), "a")[0] == "Kyiv – talks"
    text, enc = sio.decode_bytes("Caf\xe9 talks resumed.".encode("latin-1"), "b")
    assert "Café" in text and enc == "cp1252"


@pytest.mark.parametrize("data,msg", [(b"", "empty file"), (b"  \n", "empty file"), (b"\x00\x01\x02abc", "binary")])
def test_decode_rejects_bad_bytes_naming_file(data, msg):
    with pytest.raises(sio.InputError, match=rf"^page\.txt: .*{msg}"):
        sio.decode_bytes(data, "page.txt")


def test_read_input_limits_size(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("word " * 1000)
    with pytest.raises(sio.InputError, match="too large"):
        sio.read_input(str(p), max_bytes=100)


def test_iter_input_paths_recurses_and_reports(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    (tmp_path / "b.html").write_text("<p>x</p>")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    skipped = []
    got = list(sio.iter_input_paths([tmp_path, tmp_path / "missing.txt"], skipped=skipped))
    assert [os.path.basename(g) for g in got] == ["x.txt", "b.html"]
    reasons = dict(skipped)
    assert "unsupported" in reasons[str(tmp_path / "c.pdf")]
    assert "no such file" in reasons[str(tmp_path / "missing.txt")]


def test_write_table_is_atomic_and_leaves_no_temp(tmp_path):
    out = tmp_path / "o.csv"
    sio.write_table(pd.DataFrame({"a": [1, 2]}), out)
    assert out.read_text().splitlines() == ["a", "1", "2"]
    assert [p.name for p in tmp_path.iterdir()] == ["o.csv"]

    class Boom(Exception):
        pass

    def bad(fh):
        fh.write("partial")
        raise Boom

    with pytest.raises(Boom):
        sio._atomic(out, bad)
    assert out.read_text().splitlines() == ["a", "1", "2"]  # old file intact
    assert [p.name for p in tmp_path.iterdir()] == ["o.csv"]


def test_utf16_with_bom_is_text():
    text, enc = sio.decode_bytes("Kyiv said talks would resume.".encode("utf-16"), "u.txt")
    assert text == "Kyiv said talks would resume." and enc == "utf-16"


def test_iter_input_paths_accounts_for_links_and_unreadable_folders(tmp_path, monkeypatch):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("x")
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text("x")
    (d / "linked").symlink_to(other)  # a linked folder is read
    (d / "sub" / "loop").symlink_to(d)  # a loop is named, not followed forever
    (d / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (d / "self.txt").symlink_to(d / "self.txt")
    (d / "locked").mkdir()
    real_listdir = os.listdir

    def listdir(p):
        if str(p).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_listdir(p)

    monkeypatch.setattr(sio.os, "listdir", listdir)
    skipped = []
    got = [os.path.relpath(g, d) for g in sio.iter_input_paths([d], skipped=skipped)]
    reasons = {os.path.relpath(p, d): r for p, r in skipped}
    assert got == ["a.txt", os.path.join("linked", "b.txt")]
    assert "broken symbolic link" in reasons["dangling.txt"] and "loop" in reasons["self.txt"]
    assert "already read" in reasons[os.path.join("sub", "loop")]
    assert "cannot read folder (Permission denied)" in reasons["locked"]


def test_iter_input_paths_passes_over_excluded_output(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "scores.csv").write_text("doc_id\n")
    skipped = []
    got = list(sio.iter_input_paths([tmp_path], skipped=skipped, exclude=[tmp_path / "scores.csv"]))
    assert [os.path.basename(g) for g in got] == ["a.txt"] and not skipped


def test_unknown_table_suffix_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"out\.xlsx: unknown table format '\.xlsx'"):
        sio.write_table(pd.DataFrame({"a": [1]}), tmp_path / "out.xlsx")
    assert not list(tmp_path.iterdir())
    sio.write_table(pd.DataFrame({"a": [1]}), tmp_path / "out.xlsx", "csv")  # an explicit format is obeyed
    assert sio.table_format("scores") == "csv"


@pytest.mark.parametrize("text,msg", [
    ("id,text\n1,Moscow warned Kyiv.,extra\n2,ok\n", "more fields than the header"),  # pandas would shift columns
    ("id,text,text\n1,a,b\n", "repeated column name"),  # pandas would rename the second to text.1
])
def test_read_table_refuses_what_pandas_would_reshape(tmp_path, text, msg):
    p = tmp_path / "t.csv"
    p.write_text(text)
    with pytest.raises(sio.InputError, match=rf"^{p}: .*{msg}"):
        sio.read_table(p, dtype=str)


def test_read_table_names_the_file_once(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("")
    with pytest.raises(sio.InputError) as e:
        sio.read_table(p)
    assert str(e.value) == f"{p}: empty file"


def _rows(n, start=0):
    return pd.DataFrame({"path": [f"p{i}" for i in range(start, start + n)],
                         "doc_id": [f"d{i}" for i in range(start, start + n)], "x": range(n)})


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_resume_cuts_a_torn_chunk_back_to_the_last_finished_one(tmp_path, fmt):
    out = tmp_path / f"s.{fmt}"
    w = sio.IncrementalWriter(out)
    w.write(_rows(2))
    # killed while writing the next chunk: whole-looking rows of an unfinished chunk must not count as done
    with open(w.partial, "a") as fh:
        fh.write(_rows(2, 2).to_csv(index=False, header=False) if fmt == "csv"
                 else _rows(2, 2).to_json(orient="records", lines=True) + "\n")
    w2 = sio.IncrementalWriter(out, resume=True)
    assert w2.done_ids() == {("p0", "d0"), ("p1", "d1")}
    w2.write(_rows(2, 2))
    w2.close()
    got = pd.read_csv(out) if fmt == "csv" else pd.read_json(out, lines=True)
    assert list(got["doc_id"]) == ["d0", "d1", "d2", "d3"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_resume_without_a_finished_chunk_starts_again(tmp_path):
    out = tmp_path / "s.csv"
    (tmp_path / "s.csv.partial").write_text("path,doc_id,x\np0,d0,0\np1,d")
    w = sio.IncrementalWriter(out, resume=True)
    assert w.done_ids() == set() and "starting again" in w.note


def test_parquet_partial_stays_resumable_and_is_never_doubled(tmp_path):
    pytest.importorskip("pyarrow")
    out = tmp_path / "s.parquet"
    w = sio.IncrementalWriter(out)
    w.write(_rows(2))
    w.abort()  # Ctrl-C: the file gets its footer
    w2 = sio.IncrementalWriter(out, resume=True)
    assert w2.done_ids() == {("p0", "d0"), ("p1", "d1")}
    w2.abort()  # interrupted again before writing anything: the earlier rows are not lost
    w3 = sio.IncrementalWriter(out, resume=True)
    w3.write(_rows(1, 2))
    w3.close()
    assert list(pd.read_parquet(out)["doc_id"]) == ["d0", "d1", "d2"]
    sio.IncrementalWriter(out, resume=True).close()  # resuming a finished run adds nothing
    assert list(pd.read_parquet(out)["doc_id"]) == ["d0", "d1", "d2"]
    (tmp_path / "s.parquet.partial").write_bytes(b"PAR1 half a file")  # killed: no footer
    w4 = sio.IncrementalWriter(out, resume=True)
    assert w4.done_ids() == set() and "no Parquet footer" in w4.note


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_resume_without_a_size_record_keeps_all_but_the_last_article(tmp_path, fmt):
    out = tmp_path / f"s.{fmt}"
    rows = pd.concat([_rows(2), _rows(1, 1)], ignore_index=True)  # p1/d1 has two rows, maybe cut short
    text = rows.to_csv(index=False) if fmt == "csv" else rows.to_json(orient="records", lines=True) + "\n"
    (tmp_path / f"s.{fmt}.partial").write_text(text + ("p9,d" if fmt == "csv" else '{"path": "p9'))
    w = sio.IncrementalWriter(out, resume=True)  # a .partial from an older stance: no .committed beside it
    assert w.done_ids() == {("p0", "d0")} and "kept the rows" in w.note
    w.write(_rows(1, 1))
    w.close()
    got = pd.read_csv(out) if fmt == "csv" else pd.read_json(out, lines=True)
    assert list(got["doc_id"]) == ["d0", "d1"]


def test_parquet_resume_killed_before_closing_keeps_the_earlier_rows(tmp_path):
    pytest.importorskip("pyarrow")
    out = tmp_path / "s.parquet"
    w = sio.IncrementalWriter(out)
    w.write(_rows(2))
    w.abort()
    w2 = sio.IncrementalWriter(out, resume=True)
    w2.write(_rows(1, 2))  # then killed (SIGKILL): never closed
    w3 = sio.IncrementalWriter(out, resume=True)
    assert w3.done_ids() == {("p0", "d0"), ("p1", "d1")}
    w3.write(_rows(1, 2))
    w3.close()
    assert list(pd.read_parquet(out)["doc_id"]) == ["d0", "d1", "d2"]


def test_resume_salvage_never_rewrites_rows_it_cannot_read_back_exactly(tmp_path):
    out = tmp_path / "s.csv"
    rows = pd.concat([_rows(2), _rows(1, 1)], ignore_index=True)
    rows["title"] = "Talks\rfail"  # pandas leaves a bare carriage return unquoted: it reads back as a row break
    (tmp_path / "s.csv.partial").write_text(rows.to_csv(index=False), newline="")
    w = sio.IncrementalWriter(out, resume=True)
    assert w.done_ids() == set() and "starting again" in w.note
