"""Articles in: .txt, .html/.htm, .jsonl, .csv, directories and stdin.

Each article becomes a record with a stable ``doc_id``, its cleaned title and
body, and an ISO date with its source. Bad inputs never stop a batch: they
are returned as ``skipped`` rows (path, reason).
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import io as sio
from .clean import clean_text
from .dates import normalize_date, resolve_date

ARTICLE_COLUMNS = ["doc_id", "path", "title", "text", "date", "date_source", "url", "source", "default_actor"]


@dataclass
class ReadOptions:
    """How to read inputs: column names for CSV/JSONL, a default date, limits."""

    text_col: str = "text"
    id_col: str = "id"
    title_col: str = "title"
    date_col: str = "date"
    url_col: str = "url"
    source_col: str = "source"
    default_date: str | None = None
    # the publisher's actor code (e.g. RUS for Kremlin releases): the source of
    # sentences that name no speaker or agent
    default_actor: str | None = None
    max_bytes: int = sio.MAX_BYTES
    clean: bool = True


@dataclass
class Batch:
    articles: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (path, reason)


def make_doc_id(path: str, content: str) -> str:
    name = Path(path).name if path != "-" else "-"
    return hashlib.sha1(f"{name}\n{content}".encode("utf-8", "replace")).hexdigest()[:16]


def _record(*, doc_id, path, raw_text, title=None, date=None, url="", source="", default_date=None, clean=True):
    if clean and "\n" not in raw_text.strip():
        # A one-line record (a headline, a CSV cell) has no page clutter to strip.
        d, src = resolve_date(meta=date, raw_text=raw_text, path=path, default=default_date)
        body = raw_text.strip()
        return {"doc_id": str(doc_id), "path": path, "title": (title or "").strip() if (title or "").strip() != body else "",
                "text": body, "date": d, "date_source": src, "url": url or "", "source": source or ""}
    if clean:
        c = clean_text(raw_text, title=title or None)
        title_out, body = c.title, "\n".join(c.paragraphs)
        d, src = resolve_date(meta=date, raw_text=raw_text, region_end=c.region_end, path=path, default=default_date)
    else:
        title_out, body = (title or ""), raw_text.strip()
        d, src = resolve_date(meta=date, raw_text=raw_text, path=path, default=default_date)
    return {"doc_id": str(doc_id), "path": path, "title": title_out or "", "text": body, "date": d,
            "date_source": src, "url": url or "", "source": source or ""}


META_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
                  "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "publication_date")


def html_meta_date(tree) -> str | None:
    """The publication date from a page's metadata (meta tags, JSON-LD, <time datetime>), or None.

    Only declared metadata counts: a site's 'today' banner in the page body is
    text, and is judged later with the text rules.
    """
    from .dates import normalize_date

    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key in META_DATE_KEYS:
            d = normalize_date(el.get("content"))
            if d:
                return d
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() == "application/ld+json" and el.text:
            m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', el.text)
            if m and normalize_date(m.group(1)):
                return normalize_date(m.group(1))
    for el in tree.iter("time"):
        if el.get("pubdate") is not None or "publish" in (el.get("class") or "") + (el.get("itemprop") or ""):
            d = normalize_date(el.get("datetime"))
            if d:
                return d
    return None


def _html_record(raw: str, path: str, opts: ReadOptions):
    import lxml.html
    import trafilatura

    raw = re.sub(r"^\s*<\?xml[^>]*\?>", "", raw)  # lxml refuses str input that declares an encoding
    try:
        tree = lxml.html.fromstring(raw)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise sio.InputError(f"{path}: cannot parse HTML ({exc})") from None
    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False,
                                      favor_precision=True)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    title = (getattr(doc, "title", None) or "") if doc is not None else ""
    url = (getattr(doc, "url", None) or "") if doc is not None else ""
    sitename = (getattr(doc, "sitename", None) or "") if doc is not None else ""
    if not text.strip():
        raise sio.InputError(f"{path}: HTML page has no article text")
    meta = html_meta_date(tree)
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    visible = "\n".join(t.strip() for t in tree.itertext() if t.strip())
    rec = _record(doc_id=make_doc_id(path, raw), path=path, raw_text=(title + "\n" + text) if title else text,
                  title=title, date=meta, url=url, source=sitename, default_date=opts.default_date, clean=opts.clean)
    if rec["date_source"] in ("none", "default", "filename"):
        # No metadata and no date in the extracted body: look at the page's visible text
        # (bylines, date lines), where banners and copyright lines are still ignored.
        d, src = resolve_date(raw_text=visible, path=path, default=opts.default_date)
        if src == "text":
            rec["date"], rec["date_source"] = d, "text"
    if not rec["text"].strip() and not rec["title"].strip():
        raise sio.InputError(f"{path}: {_empty_reason(text)}")
    return rec


def _field(rec: dict, name: str):
    v = rec.get(name)
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else v


def _structured(rows, path: str, opts: ReadOptions, batch: Batch, where: str):
    for n, rec in rows:
        text = _field(rec, opts.text_col)
        if not isinstance(text, str):
            kind = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}
            what = kind.get(type(text), type(text).__name__)
            batch.skipped.append((f"{path}:{where} {n}", f"field '{opts.text_col}' holds {what}, not text"))
            continue
        if not text.strip():
            batch.skipped.append((f"{path}:{where} {n}", f"no text in field '{opts.text_col}'"))
            continue
        rid = _field(rec, opts.id_col)
        doc_id = str(rid) if str(rid).strip() else make_doc_id(f"{path}#{n}", text)
        raw = text
        title = str(_field(rec, opts.title_col) or "")
        art = _record(
            doc_id=doc_id, path=f"{path}:{where} {n}" if path != "-" else f"-:{where} {n}", raw_text=raw,
            title=title, date=_field(rec, opts.date_col), url=str(_field(rec, opts.url_col)),
            source=str(_field(rec, opts.source_col)), default_date=opts.default_date, clean=opts.clean,
        )
        if not art["text"].strip() and not art["title"].strip():
            batch.skipped.append((art["path"], _empty_reason(text)))
            continue
        batch.articles.append(art)


def _jsonl(raw: str, path: str, opts: ReadOptions, batch: Batch):
    good = []
    # JSON strings may hold U+2028 and friends: records end at "\n" only
    for n, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            batch.skipped.append((f"{path}:line {n}", f"malformed JSON ({exc.msg})"))
            continue
        if not isinstance(rec, dict):
            batch.skipped.append((f"{path}:line {n}", "JSON line is not an object"))
            continue
        good.append((n, rec))
    _structured(good, path, opts, batch, "line")


def _csv(raw: str, path: str, opts: ReadOptions, batch: Batch):
    import csv

    try:
        sep = csv.Sniffer().sniff(raw[:20000].split("\n", 1)[0] or ",", delimiters=",;\t|").delimiter
    except csv.Error:
        sep = ","
    try:
        # the C parser has no field-size limit (press releases are long cells)
        df = sio.read_csv_text(raw, path, dtype=str, keep_default_na=False, sep=sep, engine="c")
    except sio.InputError:
        raise
    except (pd.errors.ParserError, ValueError, csv_error()) as exc:
        raise sio.InputError(f"{path}: cannot parse CSV ({str(exc).splitlines()[0]})") from None
    if opts.text_col not in df.columns:
        cols = ", ".join(map(str, df.columns[:8]))
        raise sio.InputError(f"{path}: no column '{opts.text_col}' (columns: {cols}); choose one with --text-col")
    if df.empty:
        raise sio.InputError(f"{path}: no rows (a header only)")
    _structured(((i + 2, r) for i, r in enumerate(df.to_dict("records"))), path, opts, batch, "row")


def _empty_reason(text: str) -> str:
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(ch.isascii() for ch in letters)
    if letters and latin < 0.5 * len(letters):
        return "no English article text (mostly non-Latin script; stance reads English news)"
    return "no article text found (only page clutter or no sentences)"


def csv_error():
    import csv

    return csv.Error


def read_one(path: str, opts: ReadOptions, batch: Batch) -> None:
    """Read one input into ``batch`` (articles or skipped rows)."""
    start = len(batch.articles)
    _read_one(path, opts, batch)
    for rec in batch.articles[start:]:
        rec["default_actor"] = (opts.default_actor or "").upper()


def _read_one(path: str, opts: ReadOptions, batch: Batch) -> None:
    try:
        raw = sio.read_input(path, max_bytes=opts.max_bytes, text_col=opts.text_col)
        if raw.suffix == ".jsonl":
            _jsonl(raw.text, raw.path, opts, batch)
        elif raw.suffix == ".csv":
            _csv(raw.text, raw.path, opts, batch)
        elif raw.suffix in (".html", ".htm"):
            batch.articles.append(_html_record(raw.text, raw.path, opts))
        else:
            rec = _record(doc_id=make_doc_id(raw.path, raw.text), path=raw.path, raw_text=raw.text,
                          default_date=opts.default_date, clean=opts.clean)
            if not rec["text"].strip() and not rec["title"].strip():
                raise sio.InputError(f"{raw.path}: {_empty_reason(raw.text)}")
            batch.articles.append(rec)
    except sio.InputError as exc:
        batch.skipped.append((path, str(exc).split(": ", 1)[-1] if str(exc).startswith(path) else str(exc)))


def iter_articles(paths, opts: ReadOptions, skipped: list, *, exclude=()):
    """Yield article records one input at a time (memory bounded by one input file); files in
    ``exclude`` (the run's own output) are not read."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in sio.iter_input_paths(paths, skipped=skipped, exclude=exclude):
        batch = Batch()
        read_one(p, opts, batch)
        skipped.extend(batch.skipped)
        yield from batch.articles


def read_articles(paths, opts: ReadOptions | None = None, **kwargs) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read inputs; return ``(articles, skipped)`` DataFrames."""
    opts = opts or ReadOptions(**kwargs)
    skipped: list = []
    records = list(iter_articles(paths, opts, skipped))
    return articles_frame(records), skipped_frame(skipped)


def articles_frame(records) -> pd.DataFrame:
    return pd.DataFrame(records, columns=ARTICLE_COLUMNS)


def skipped_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["path", "reason"])


def articles_from_texts(texts, *, ids=None, dates=None, titles=None) -> pd.DataFrame:
    """Build an article table from strings already in memory (no cleaning)."""
    if isinstance(texts, str):
        raise TypeError("articles_from_texts expects an iterable of texts, got a single str; wrap it in a list")
    texts = list(texts)
    recs = []
    for i, t in enumerate(texts):
        doc_id = ids[i] if ids is not None else make_doc_id(f"text{i}", t)
        d = normalize_date(dates[i]) if dates is not None else None
        recs.append({"doc_id": str(doc_id), "path": "", "title": titles[i] if titles is not None else "",
                     "text": t, "date": d or "", "date_source": "meta" if d else "none", "url": "", "source": ""})
    return articles_frame(recs)
