import json


from stance.articles import read_articles

TXT = """Home
World
US and Russia agree to more talks on security
WASHINGTON, Jan 21 (Reuters) - The United States and Russia agreed on Friday to hold more talks on European security.
"We are on a clear path," Blinken told reporters after the meeting in Geneva.
Comments / 3
A reader wrote a long comment about the meeting that should never be kept here.
"""

HTML = """<html><head><title>Beijing warns Taipei | Site</title>
<meta property="article:published_time" content="2022-08-04T09:12:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/w">World</a></nav>
<article><h1>Beijing warns Taipei over visit</h1>
<p>China's foreign ministry said on Thursday that the visit was a serious provocation and warned of consequences.</p>
<p>Taiwan's government said it would not be intimidated and called for calm across the strait.</p>
</article><footer>© 2022 Site. All rights reserved.</footer></body></html>"""


def test_txt_is_cleaned_and_dated(tmp_path):
    (tmp_path / "a.txt").write_text(TXT)
    arts, skipped = read_articles([tmp_path])
    assert skipped.empty
    a = arts.iloc[0]
    assert a["title"] == "US and Russia agree to more talks on security"
    assert (a["date"], a["date_source"]) == ("", "none")  # year-less dateline and no year on the page: no guess
    assert "reader wrote" not in a["text"] and "Blinken told reporters" in a["text"]


def test_yearless_dateline_without_year_uses_default_date(tmp_path):
    (tmp_path / "a.txt").write_text(TXT)
    arts, _ = read_articles([tmp_path], default_date="2022-01-25")
    assert (arts.iloc[0]["date"], arts.iloc[0]["date_source"]) == ("2022-01-25", "default")


def test_html_uses_metadata_date_and_drops_boilerplate(tmp_path):
    (tmp_path / "b.html").write_text(HTML)
    arts, skipped = read_articles([tmp_path])
    a = arts.iloc[0]
    assert (a["date"], a["date_source"]) == ("2022-08-04", "meta")
    assert "serious provocation" in a["text"] and "All rights reserved" not in a["text"]
    assert "Home" not in a["text"]


def test_jsonl_fields_and_broken_line(tmp_path):
    p = tmp_path / "c.jsonl"
    good = {"id": "x1", "text": "Moscow said it was ready for more talks with Washington on Monday.", "title": "Talks",
            "date": "2022-01-05", "url": "u", "source": "s"}
    p.write_text(json.dumps(good) + "\n{broken\n" + json.dumps({**good, "id": "x2"}) + "\n")
    arts, skipped = read_articles([p])
    assert list(arts["doc_id"]) == ["x1", "x2"]
    assert list(arts["date_source"]) == ["meta", "meta"]
    assert skipped.iloc[0]["path"].endswith("c.jsonl:line 2") and "malformed JSON" in skipped.iloc[0]["reason"]


def test_csv_text_column_and_missing_column(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("body,when\n\"Kyiv said talks would continue next week in Minsk.\",2022-02-01\n")
    arts, skipped = read_articles([p], text_col="body", date_col="when")
    assert arts.iloc[0]["date"] == "2022-02-01"
    arts, skipped = read_articles([p])
    assert arts.empty and "no column 'text'" in skipped.iloc[0]["reason"]


def test_doc_id_is_stable(tmp_path):
    (tmp_path / "a.txt").write_text(TXT)
    a1, _ = read_articles([tmp_path / "a.txt"])
    a2, _ = read_articles([str(tmp_path / "a.txt")])
    assert a1.iloc[0]["doc_id"] == a2.iloc[0]["doc_id"]


def test_bad_inputs_are_listed_not_fatal(tmp_path):
    (tmp_path / "good.txt").write_text(TXT)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    arts, skipped = read_articles([tmp_path, tmp_path / "nope.txt"])
    assert len(arts) == 1
    reasons = {p.rsplit("/", 1)[-1]: r for p, r in skipped.itertuples(index=False)}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["bin.txt"]
    assert "no such file" in reasons["nope.txt"]


def test_real_seed_pages_dates_and_clutter():
    from conftest import shared_or_skip

    seeds = shared_or_skip("seeds")
    arts, skipped = read_articles([seeds])
    assert skipped.empty and len(arts) == 5
    dates = {p.rsplit("/", 1)[-1][:3]: d for p, d in zip(arts["path"], arts["date"])}
    assert dates == {"000": "2022-02-15", "001": "2022-02-01", "002": "", "003": "2021-12-02", "004": ""}
    text = "\n".join(arts["text"])
    for clutter in ("Comments /", "Never miss a story", "Similar News", "Reply(", "All Rights Reserved", "PHOTO:",
                    "Reporting by", "read more"):
        assert clutter not in text


def test_jsonl_keeps_unicode_line_separators_inside_strings(tmp_path):
    p = tmp_path / "u.jsonl"
    rec = {"id": "u1", "text": "Kyiv said\u2028talks with Moscow would resume in Minsk next week."}
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    arts, skipped = read_articles([p])
    assert list(arts["doc_id"]) == ["u1"] and skipped.empty


def test_structured_records_that_clean_to_nothing_are_listed(tmp_path):
    p = tmp_path / "r.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "Kyiv said talks with Moscow would resume in Minsk next week."}) + "\n"
                 + json.dumps({"id": "b", "text": "Переговоры продолжатся.\nЭто важно."}) + "\n", encoding="utf-8")
    arts, skipped = read_articles([p])
    assert list(arts["doc_id"]) == ["a"]
    assert skipped.iloc[0]["path"].endswith("r.jsonl:line 2") and "non-Latin" in skipped.iloc[0]["reason"]


def test_html_that_cleans_to_nothing_is_listed(tmp_path):
    # trafilatura finds text, cleaning keeps none of it: the page must be named, not vanish from the batch
    (tmp_path / "b.html").write_text("<html><body><p>The Kremlin <b>warned <i>Washington</p> of <div>consequences")
    (tmp_path / "f.html").write_text("<html><body><p>Der Kreml warnte Washington.</p><p>Кремль предупредил</p>"
                                     "</body></html>", encoding="utf-8")
    arts, skipped = read_articles([tmp_path])
    assert arts.empty
    reasons = {p.rsplit("/", 1)[-1]: r for p, r in skipped.itertuples(index=False)}
    assert set(reasons) == {"b.html", "f.html"}
    assert all("no article text" in r for r in reasons.values())


def test_csv_that_pandas_would_reshape_or_that_has_no_rows_is_listed(tmp_path):
    (tmp_path / "ragged.csv").write_text("id,text\n1,Moscow warned Kyiv of consequences.,extra\n2,ok\n")
    (tmp_path / "dup.csv").write_text("id,text,text\n1,Moscow warned Kyiv.,Kyiv offered talks.\n")
    (tmp_path / "header.csv").write_text("id,text\n")
    arts, skipped = read_articles([tmp_path])
    assert arts.empty  # before: ragged.csv was read with "extra" as its text, shifted one column
    reasons = {p.rsplit("/", 1)[-1]: r for p, r in skipped.itertuples(index=False)}
    assert "more fields than the header" in reasons["ragged.csv"]
    assert "repeated column name(s) 'text'" in reasons["dup.csv"]
    assert reasons["header.csv"] == "no rows (a header only)"


def test_jsonl_text_that_is_not_a_string_says_so(tmp_path):
    p = tmp_path / "n.jsonl"
    p.write_text('{"id": "a", "text": 42}\n{"id": "b", "text": ["Moscow warned."]}\n{"id": "c"}\n')
    _, skipped = read_articles([p])
    assert list(skipped["reason"]) == ["field 'text' holds a number, not text", "field 'text' holds a list, not text",
                                       "no text in field 'text'"]
