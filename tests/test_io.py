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
