"""Actor aliases (``data/actors.csv``) and finding their mentions in a sentence.

An alias codes to an actor only while it is valid (Blinken is USA 2021-2025):
mentions are coded by the article date. An alias listed for several actors
("Brussels": NATO or EU) is resolved by which of them the article names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .clean import unicode_form
from .dates import normalize_date
from .io import InputError, data_dir, read_table

COLUMNS = ["alias", "actor", "kind", "role", "valid_from", "valid_to"]
KINDS = {"person", "org", "place", "demonym"}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    actor: str
    kind: str
    role: str = ""


def default_actors_path() -> Path:
    return data_dir() / "actors.csv"


def _given(src) -> bool:
    return src is not None and not (isinstance(src, str) and not src)


def _alias_key(alias: str) -> str:
    """An alias as matched: no leading "the", the text's Unicode form, a straight apostrophe
    (sentences arrive in that form and news text mostly has the curly one)."""
    alias = unicode_form(alias).replace("’", "'")
    return alias[4:] if alias.lower().startswith("the ") else alias


def load_actors(path=None, *, extra=None) -> pd.DataFrame:
    """Load the alias table (and a user's extra table, whose rows win).

    ``path`` and ``extra`` are files or DataFrames. An alias the extra table lists
    ("Lavrov", or "Kremlin" for "the Kremlin") keeps only the extra table's rows.
    """
    df = _read_actor_file(path if _given(path) else default_actors_path())
    if _given(extra):
        mine = _read_actor_file(extra)
        # dropping the default rows is what makes the user's rows win: kept side by side, an alias
        # coded to two actors is resolved by article context or table order, i.e. often to the default
        df = pd.concat([df[~df["alias"].map(_alias_key).isin(set(mine["alias"].map(_alias_key)))], mine],
                       ignore_index=True)
    return df.drop_duplicates(subset=["alias", "actor", "valid_from"], keep="last").reset_index(drop=True)


def _read_actor_file(path) -> pd.DataFrame:
    if isinstance(path, pd.DataFrame):
        df, path = path.copy(), "actor table"
    else:
        df = read_table(path, dtype=str)
    missing = [c for c in ("alias", "actor") if c not in df.columns]
    if missing:
        raise InputError(f"{path}: actor table lacks column(s) {', '.join(missing)} (needs {', '.join(COLUMNS)})")
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = ""
    # object strings whatever the source (JSONL nulls, Parquet dates, categoricals)
    df = df[COLUMNS].astype(object).where(df[COLUMNS].notna(), "").astype(str)
    # texts reach the matcher with single spaces (sentences.RE_WS)
    df["alias"] = df["alias"].str.split().str.join(" ")
    df["actor"] = df["actor"].str.strip().str.upper()
    for c in ("valid_from", "valid_to"):
        # validity is compared as YYYY-MM-DD text: "2022-01-01T00:00" or "1 Jan 2022" would compare wrongly
        v = df[c].str.strip()
        day = v.map(lambda x: normalize_date(x) if x else "")
        bad = v[day.isna()]
        if len(bad):
            raise InputError(f"{path}: {c} {bad.iloc[0]!r} is not a date (use YYYY-MM-DD)")
        df[c] = day
    df = df[(df["alias"] != "") & (df["actor"] != "")]
    return df


def _alias_pattern(alias: str) -> str:
    body = re.escape(alias)
    if alias.lower().startswith("the "):
        # "the Kremlin" also matches "The Kremlin" and a bare headline "Kremlin".
        rest = re.escape(alias[4:])
        body = rest
    elif alias[:1].islower():
        body = f"(?i:{re.escape(alias[:1])}){re.escape(alias[1:])}"
    return body


RE_WORD = re.compile(r"\w+")
SCAN_CACHE = 16384  # sentences whose alias scan a matcher remembers


class ActorMatcher:
    """Find actor mentions in text, longest alias first, coded by date.

    Aliases are indexed by their first word, so a sentence costs one dictionary
    look-up per word rather than one regex alternative per alias.
    """

    def __init__(self, actors: pd.DataFrame):
        self.actors = actors
        # rows by alias as matched: spellings that differ only by "the", apostrophe or Unicode form
        # ("the Kremlin", "Kremlin"; "Sana’a", "Sana'a") pool their rows, in table order
        rows: dict = {}
        self._the = set()  # keys listed with a leading "the": a mention takes in a "the" before it
        for r in actors.itertuples(index=False):
            key = _alias_key(r.alias)
            rows.setdefault(key, []).append(r)
            if r.alias.lower().startswith("the "):
                self._the.add(key)
        self._rows = rows
        index = {}
        for key in rows:
            first = RE_WORD.search(key)
            if not first:
                continue
            word = first.group(0)
            pat = re.compile(_alias_pattern(key) + r"(?![\w-])(?!\.\w)")
            # the pattern can match only these spellings of the first word (a lower-case alias
            # also capitalised; others exactly): indexing more would only add failed matches
            variants = {word, word[:1].upper() + word[1:]} if key[:1].islower() else {word}
            for w in variants:
                index.setdefault(w, []).append((len(key), key, pat, first.start()))
        for lst in index.values():
            lst.sort(key=lambda t: -t[0])
        self._index = index
        self._first_words = frozenset(index)
        self._scans: dict = {}

    def candidates(self, alias_key: str, date: str | None):
        rows = self._rows[alias_key]
        if date:
            date = str(date)[:10]  # the day: "2022-12-31T10:00" is still within a role ending 2022-12-31
            rows = [r for r in rows if (not r.valid_from or r.valid_from <= date) and (not r.valid_to or date <= r.valid_to)]
        return rows

    def find(self, text: str, date: str | None = None, *, context: set | None = None) -> list[Mention]:
        """All mentions in ``text`` (non-overlapping, left to right; per word, the longest alias)."""
        out = []
        pos = 0
        for word_start, matches in self._scan(text):
            if word_start < pos:
                continue
            for begin, key, end in matches:
                if begin < pos:
                    continue
                rows = self.candidates(key, date)
                if not rows:
                    continue
                if len({r.actor for r in rows}) > 1 and context:
                    rows = sorted(rows, key=lambda r: r.actor not in context)
                r = rows[0]
                start = begin
                if key in self._the and text[max(0, begin - 4):begin] in ("the ", "The "):
                    start = begin - 4
                out.append(Mention(start, end, text[start:end], r.actor, r.kind or "org", r.role))
                pos = end
                break
        return out

    def _scan(self, text: str) -> tuple:
        """Per word, every alias that matches there (longest first): the costly, date-free part.

        Cached by text (per matcher) because attribution and actor masking read the same sentences.
        """
        hit = self._scans.get(text)
        if hit is None:
            out = []
            probe = text.replace("’", "'")  # same length: every position still points into ``text``
            # most sentences name no actor: one C-level pass over their words says so
            if not self._first_words.isdisjoint(RE_WORD.findall(text)):
                for w in RE_WORD.finditer(text):
                    cands = self._index.get(w.group(0))
                    if not cands:
                        continue
                    found = []
                    for _, key, pat, offset in cands:
                        begin = w.start() - offset
                        if begin < 0 or (begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "_")):
                            continue
                        m = pat.match(probe, begin)
                        if m:
                            found.append((begin, key, m.end()))
                    if found:
                        out.append((w.start(), tuple(found)))
            hit = tuple(out)
            if len(self._scans) >= SCAN_CACHE:
                self._scans.clear()  # a chunk's sentences fit many times over; no need for LRU order
            self._scans[text] = hit
        return hit

    def is_ambiguous(self, mention_text: str, date: str | None = None) -> bool:
        """True when the alias behind this mention codes to several actors ("Brussels") on ``date``
        (any date when None: Stoltenberg was Norway's, then NATO's)."""
        key = _alias_key(mention_text)
        if key not in self._rows:  # "Von der Leyen" opening a sentence is the alias "von der Leyen"
            key = key[:1].lower() + key[1:]
        return key in self._rows and len({r.actor for r in self.candidates(key, date)}) > 1

    def resolve(self, name: str, date: str | None = None) -> str | None:
        """The actor code for a code or a name ("RUS", "Lavrov", "the Kremlin")."""
        name = unicode_form(str(name)).strip()
        if not name:
            return None
        codes = set(self.actors["actor"])
        if name.upper() in codes:
            return name.upper()
        # a name typed in lower case ("lavrov", "the kremlin") is still the alias it spells
        ms = self.find(name, date) or self.find(name.title(), date)
        return ms[0].actor if ms else None


_MATCHERS: dict = {}
MAX_MATCHERS = 8


def _source_key(src):
    """What identifies a table's content: a frame's hash, or a file's path, mtime and size."""
    if src is None:
        return None
    if isinstance(src, pd.DataFrame):
        # ordered: row order settles an alias coded to two actors, so a reordered table is another table
        import hashlib

        rows = pd.util.hash_pandas_object(src.astype(str), index=False).to_numpy()
        return ("frame", tuple(map(str, src.columns)), hashlib.sha1(rows.tobytes()).hexdigest())
    p = Path(src)
    try:
        st = p.stat()
        # an edited file (a notebook adding an alias, then scoring again) must not get the old matcher
        return (str(p.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        return (str(p), None, None)


def get_matcher(path=None, extra=None) -> ActorMatcher:
    """A cached matcher for the default table (plus an optional user table); files or DataFrames."""
    path = path if _given(path) else default_actors_path()
    extra = extra if _given(extra) else None
    key = (_source_key(path), _source_key(extra))
    m = _MATCHERS.get(key)
    if m is None:
        m = ActorMatcher(load_actors(path, extra=extra))
        if len(_MATCHERS) >= MAX_MATCHERS:
            _MATCHERS.pop(next(iter(_MATCHERS)))
        _MATCHERS[key] = m
    return m
