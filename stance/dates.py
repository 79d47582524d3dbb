"""Article dates: metadata first, then the article's own text, never the page's 'today' banner."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?"

# "February 1, 2022" / "Feb. 15, 2022"
RE_MDY = re.compile(_MON + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b")
# "1 February 2022" / "20 May 2025"
RE_DMY = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<year>(?:19|20)\d\d)\b")
# "2021-12-02", "2022/02/15"
RE_ISO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/](?P<mon>\d{1,2})[-/](?P<day>\d{1,2})(?!\d)")
# Datelines: "WASHINGTON, Feb 15 (Reuters) -", "MOSCOW, Feb. 15, 2022 (AP) —", "BEIJING (AP) —"
# "07/02/2022", "15.02.2022": day first unless that cannot be (13/25/2022 is M/D)
RE_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)(?![\d/])")
RE_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z .'’/\-]{2,40}(?:,\s*[A-Z][A-Za-z .]{2,20})?,\s+" + _MON
    + r"\s+(?P<day>\d{1,2})(?:,\s*(?P<year>(?:19|20)\d\d))?\s*(?:\((?:Reuters|AP|AFP|Xinhua|TASS|dpa|UPI|IANS|Bloomberg)\))?\s*[-—–]"
)
RE_FILENAME = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_]?([01]\d)[-_]?([0-3]\d)(?!\d)")
RE_BANNER = re.compile(r"^\s*" + _WEEKDAY + r",?\s+(\d{1,2}\s+\w+|\w+\s+\d{1,2}),?\s+\d{4}\s*$")
RE_COPYRIGHT = re.compile(r"©|copyright|all rights reserved", re.I)


def _mk(year, mon, day) -> str | None:
    try:
        m = MONTHS[mon[:4].lower().rstrip(".")] if isinstance(mon, str) and not mon.isdigit() else int(mon)
    except KeyError:
        m = MONTHS.get(str(mon)[:3].lower())
    try:
        return date(int(year), int(m), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def normalize_date(value) -> str | None:
    """Turn a metadata date (ISO timestamp, '13 March 2022', ...) into YYYY-MM-DD, or None."""
    if value is None:
        return None
    s = str(value).strip()
    if not s or s.lower() in {"nan", "none", "nat"}:
        return None
    for rx in (RE_ISO, RE_MDY, RE_DMY):
        m = rx.search(s)
        if m:
            return _mk(m.group("year"), m.group("mon"), m.group("day"))
    return None


def _full_dates(line: str):
    for rx in (RE_ISO, RE_MDY, RE_DMY):
        for m in rx.finditer(line):
            d = _mk(m.group("year"), m.group("mon"), m.group("day"))
            if d:
                yield m.start(), d
    for m in RE_NUMERIC.finditer(line):
        a, b = int(m.group("a")), int(m.group("b"))
        day, mon = (b, a) if b > 12 else (a, b)
        d = _mk(m.group("year"), mon, day)
        if d:
            yield m.start(), d


def is_banner(line: str) -> bool:
    """A site's 'today' banner: a weekday date alone on a line."""
    return bool(RE_BANNER.match(line))


def date_from_text(raw: str, region_end: int | None = None) -> str | None:
    """Find the article date in a scraped page's text.

    Order: a dateline (year-less ones take the page's most common full-date
    year), then the first full date on a line of its own near the top
    (bylines, 'Published ...', 'date 2021-12-02'), then the first full date in
    the article body. Banners ('Tuesday, 20 May 2025') and copyright lines
    are never used.
    """
    all_lines = raw.splitlines()
    lines = all_lines[:region_end] if region_end else all_lines
    candidates = []  # (priority, index, iso)
    years = []
    copyright_years = []
    for line in all_lines:
        if is_banner(line):
            continue
        if RE_COPYRIGHT.search(line):
            copyright_years += re.findall(r"\b(?:19|20)\d\d\b", line)
            continue
        for _, d in _full_dates(line):
            years.append(d[:4])
    # A year-less dateline takes the page's most common full-date year, else its copyright year.
    years = years or copyright_years[-1:]
    for i, line in enumerate(lines):
        m = RE_DATELINE.match(line)
        if m:
            year = m.group("year")
            if not year and years:
                year = max(set(years), key=lambda y: (years.count(y), y))
            if year:
                d = _mk(year, m.group("mon"), m.group("day"))
                if d:
                    candidates.append((0, i, d))
                    break
    for i, line in enumerate(lines):
        if is_banner(line) or RE_COPYRIGHT.search(line):
            continue
        dates = list(_full_dates(line))
        if not dates:
            continue
        short = len(line.split()) <= 12
        if short:
            candidates.append((1, i, dates[0][1]))
        else:
            candidates.append((2, i, dates[0][1]))
    if not candidates:
        return None
    candidates.sort()
    return candidates[0][2]


def date_from_filename(path: str) -> str | None:
    m = RE_FILENAME.search(str(path).rsplit("/", 1)[-1])
    return _mk(*m.groups()) if m else None


def resolve_date(*, meta=None, raw_text: str = "", region_end: int | None = None, path: str = "",
                 default=None) -> tuple[str, str]:
    """Return ``(iso_date or '', source)`` with source meta/text/filename/default/none.

    ``region_end`` is the number of lines of ``raw_text`` that belong to the
    article; dates after it (related stories, comments) only lend a year to a
    year-less dateline.
    """
    d = normalize_date(meta)
    if d:
        return d, "meta"
    d = date_from_text(raw_text, region_end) if raw_text else None
    if d:
        return d, "text"
    d = date_from_filename(path) if path else None
    if d:
        return d, "filename"
    d = normalize_date(default)
    if d:
        return d, "default"
    return "", "none"
