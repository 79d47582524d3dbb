from stance.dates import date_from_text, normalize_date, resolve_date


def test_normalize_metadata_dates():
    assert normalize_date("2022-08-04T09:12:00Z") == "2022-08-04"
    assert normalize_date("13 March 2022") == "2022-03-13"
    assert normalize_date("Feb. 1, 2022") == "2022-02-01"
    assert normalize_date("") is None and normalize_date(None) is None


def test_yearless_dateline_takes_year_from_page():
    page = "Site menu\nBEIJING, Aug 5 (Reuters) - China extended its drills.\nRelated\nOther story, Aug. 3, 2022."
    assert date_from_text(page, region_end=2) == "2022-08-05"


def test_banner_and_copyright_are_not_article_dates():
    page = "Tuesday, 20 May 2025\n© 2024 Site\nTitle of the story here\nFebruary 1, 2022, 10:17 AM\nBody text."
    assert date_from_text(page) == "2022-02-01"


def test_unrelated_year_is_not_a_date():
    page = "Officials said an effort begun in 2020 had failed.\nThey met again."
    assert resolve_date(raw_text=page) == ("", "none")


def test_date_sources_in_order():
    assert resolve_date(meta="2022-01-02", raw_text="date 2021-12-02") == ("2022-01-02", "meta")
    assert resolve_date(raw_text="date 2021-12-02\nText.") == ("2021-12-02", "text")
    assert resolve_date(raw_text="no date", path="x/2022-02-03_story.txt") == ("2022-02-03", "filename")
    assert resolve_date(raw_text="no date", default="2020-01-01") == ("2020-01-01", "default")
