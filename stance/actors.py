"""Actor aliases (``data/actors.csv``) and finding their mentions in a sentence.

An alias codes to an actor only while it is valid (Blinken is USA 2021-2025):
mentions are coded by the article date. An alias listed for several actors
("Brussels": NATO or EU) is resolved by which of them the article names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

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


def load_actors(path=None, *, extra=None) -> pd.DataFrame:
    """Load the alias table (and a user's extra table, whose rows win)."""
    frames = [_read_actor_file(path or default_actors_path())]
    if extra:
        frames.append(_read_actor_file(extra))
    df = pd.concat(frames, ignore_index=True)
    return df.drop_duplicates(subset=["alias", "actor", "valid_from"], keep="last").reset_index(drop=True)


def _read_actor_file(path) -> pd.DataFrame:
    df = read_table(path, dtype=str)
    missing = [c for c in ("alias", "actor") if c not in df.columns]
    if missing:
        raise InputError(f"{path}: actor table lacks column(s) {', '.join(missing)} (needs {', '.join(COLUMNS)})")
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = ""
    df = df[COLUMNS].fillna("")
    df["alias"] = df["alias"].str.strip()
    df["actor"] = df["actor"].str.strip().str.upper()
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
        rows = {}
        for r in actors.itertuples(index=False):
            rows.setdefault(r.alias, []).append(r)
        self._rows = rows
        self._key = {}  # alias without a leading "the" -> alias as listed
        for alias in rows:
            key = alias[4:] if alias.lower().startswith("the ") else alias
            self._key.setdefault(key, alias)
        index = {}
        for key in self._key:
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
        alias = self._key[alias_key]
        rows = self._rows[alias]
        if date:
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
                if self._key[key] != key and text[max(0, begin - 4):begin] in ("the ", "The "):
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
                        m = pat.match(text, begin)
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
        key = mention_text[4:] if mention_text[:4] in ("the ", "The ") else mention_text
        if key not in self._key:
            key = mention_text if mention_text in self._key else None
        return bool(key) and len({r.actor for r in self.candidates(key, date)}) > 1

    def resolve(self, name: str, date: str | None = None) -> str | None:
        """The actor code for a code or a name ("RUS", "Lavrov", "the Kremlin")."""
        name = str(name).strip()
        if not name:
            return None
        codes = set(self.actors["actor"])
        if name.upper() in codes:
            return name.upper()
        ms = self.find(name, date)
        return ms[0].actor if ms else None


@lru_cache(maxsize=8)
def _cached_matcher(path: str, extra: str | None) -> ActorMatcher:
    return ActorMatcher(load_actors(path, extra=extra))


def get_matcher(path=None, extra=None) -> ActorMatcher:
    """A cached matcher for the default table (plus an optional user table)."""
    return _cached_matcher(str(path or default_actors_path()), str(extra) if extra else None)
