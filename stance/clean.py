"""Strip web clutter from scraped article text: keep the title and the body.

Scraped pages arrive as lines: menus, breadcrumbs, share widgets, bylines,
captions, the body, then 'Related' blurbs, comments and footers. The cleaner
works line by line: it cuts the page at the first trailing-section marker
after the body starts, drops lines that look like clutter, and picks the title.
HTML goes through trafilatura first (see ``articles``); its output is
cleaned by the same rules.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# A line after which nothing belongs to the article (comments, the page footer).
RE_PAGE_END = re.compile(
    r"^\s*(?:comments?\s*(?:/|\(|:)?\s*\d*\)?\s*$|comments?\s*/\s*\d+|\d+\s+comments?\s*$|leave a (?:comment|reply)"
    r"|our standards:|source link\s*$|community policy|(?:copyright\s*)?©|about us\s*$|privacy policy)",
    re.I,
)
# A line that opens a block of blurbs (related stories, newsletter prompts). The body may
# resume after it: two body paragraphs in a row (nothing but blank lines between) end the block.
RE_BLURBS = re.compile(
    r"^\s*(?:related(?:\s+(?:stories|articles|news|coverage|content|posts|local channels))?\s*:?\s*$"
    r"|similar news|you (?:may|might) (?:also )?like|more from\b|more stories\b|recommended(?: for you| stories| reading)?\s*:?\s*$"
    r"|popular posts|most (?:read|popular|viewed)\s*$|trending(?: now)?\s*$|latest news\s*$|top stories\s*$|live:"
    r"|share this article|previous article\b|next article\b|read next\s*$|read more\s*»?\s*$"
    r"|sign up for (?:our|the)\b|subscribe to (?:our|the)\b|(?:get|join) our newsletter|newsletter\s*$|be the first to know)",
    re.I,
)
# Lines that are clutter wherever they stand, however long.
RE_CLUTTER_ANY = re.compile(
    r"^\s*(?:photo caption|image caption|image source|caption:|photo:|image:|picture:|photograph:|photo credit"
    r"|\((?:reuters|ap|afp|getty|epa|xinhua|tass)[^)]{0,20}\)|reporting by\b|editing by\b|additional reporting\b"
    r"|writing by\b|compiled by\b|this (?:article|story) (?:first |originally )?(?:appeared|was published)"
    r"|.*\boriginally appeared on\b|.*\b(?:contributed reporting|contributed to this report)\b|.*\ball rights reserved\b|©"
    r"|.*\S\s[>»]\s.*\S\s[>»]\s|home\s*[>»/]|-\s*advertisement\s*-)",
    re.I,
)
# Short lines that are clutter (bylines, timestamps, widgets); a long prose line that merely
# starts with "By Friday, ..." or "Published reports said ..." is kept.
RE_CLUTTER_SHORT = re.compile(
    r"^\s*(?:by\s+[^.!?]{0,60}$|by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and|\|)\s*[^.!?]*)?$"
    r"|(?:video|watch|more|related|read more|read also|also read|listen|advertisement|ad)\s*:"
    r"|getty images|\(?(?:reuters|ap|afp|getty)(?: photo)?\)?\s*$|credit:"
    r"|\d+\s*(?:min|minutes?|h|hours?|days?|weeks?)\s+ago\s*$"
    r"|(?:updated|published|posted|last updated|first published)\b[^a-z]{0,3}(?:on\s+)?[\w ,.:/-]{0,60}\d"
    r"|reply\s*\(?\d*\)?\s*$|share\b.{0,30}$|follow (?:us|@)\b.*$|https?://\S+\s*$|www\.\S+\s*$"
    r"|.*\breported from\b|sign in\b|log in\b)",
    re.I,
)
SHORT_LINE_WORDS = 15




def is_clutter_line(line: str) -> bool:
    """Clutter at any length (captions, credits), or short-line clutter (bylines, widgets) on a short line."""
    if RE_CLUTTER_ANY.match(line):
        return True
    return bool(RE_CLUTTER_SHORT.match(line)) and len(RE_WORD.findall(line)) < SHORT_LINE_WORDS
RE_CREDITS = re.compile(r"^\s*(?:reporting by|editing by|writing by|additional reporting|compiled by)\b", re.I)
RE_TRAILING_READMORE = re.compile(r"\s*(?:read more|read more »|continue reading|\(opens new tab\))\s*$", re.I)
RE_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*\s*$|[.!?,][\"”’]\s*$")
RE_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)\s*[\"”’]?\s*$")
RE_WORD = re.compile(r"[A-Za-z]+")
RE_DATELINE_ONLY = re.compile(r"^\s*(?:date\s+)?\S+\s+\d{1,2},?\s+\d{4}|^\s*date\s+\d{4}-\d\d-\d\d", re.I)


@dataclass
class Cleaned:
    """A cleaned article: its title, body paragraphs and where the article region ends."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    region_end: int = 0  # number of raw lines that belong to the article region
    dropped: int = 0


def _words(line: str) -> int:
    return len(RE_WORD.findall(line))


def is_body_line(line: str) -> bool:
    """A body paragraph reads as prose: enough words and a sentence ending."""
    n = _words(line)
    if n >= 6 and RE_TERMINAL.search(line):
        return True
    return n >= 18 and sum(ch in ".,;" for ch in line) >= 2


def is_title_like(line: str) -> bool:
    n = _words(line)
    if n < 4 or n > 30 or is_clutter_line(line) or RE_PAGE_END.match(line) or RE_BLURBS.match(line):
        return False
    if line.rstrip().endswith((".", ":", "...", "…")) or ">" in line or "|" in line:
        return False
    return line.strip()[0].isupper() or line.strip()[0] in "'\"‘“"


# invisible characters scrapers leave in text (soft hyphen, zero-width space, word joiner, BOM): they
# glue sentences ("growing.\xad There") and split names ("Zelen\xadskyy") for Punkt and the alias matcher
RE_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
# ... except where they stand in for the space between two sentences ("warned.\u200bThe")
# (after sentence punctuation, or a closing quote right after it; not after an initial as in "U.S.")
RE_INVISIBLE_BREAK = re.compile("(?:(?<=[.!?])|(?<=[.!?][\"\u201d\u2019]))(?<!\\b[A-Z]\\.)"
                                "[\u00ad\u200b\u2060\ufeff]+(?=[A-Z\u201c\"\u2018])")


def unicode_form(text: str) -> str:
    """NFC without invisible characters: the one form that sentences and actor aliases are
    compared in, so "é" matches whatever its encoding and a soft hyphen splits no name."""
    return RE_INVISIBLE.sub("", RE_INVISIBLE_BREAK.sub(" ", unicodedata.normalize("NFC", text)))


def normalize_text(s: str) -> str:
    """Lower-case words separated by single spaces: the key for 'same line' and 'same text'."""
    return re.sub(r"\W+", " ", s).strip().lower()


_norm = normalize_text


def clean_text(raw: str, *, title: str | None = None) -> Cleaned:
    """Return the title and body paragraphs of a scraped page's text."""
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    first_body = next((i for i, ln in enumerate(lines) if ln and is_body_line(ln) and not is_clutter_line(ln)), None)
    region_end = len(lines)
    if first_body is not None:
        for i in range(first_body, len(lines)):
            if lines[i] and RE_PAGE_END.match(lines[i]):
                region_end = i
                break
    counts = {}
    for line in lines[:region_end]:
        if line:
            counts[_norm(line)] = counts.get(_norm(line), 0) + 1

    # Title: given, else a line repeated on the page, else the last title-like line before the body.
    if not title:
        head = [ln for ln in lines[: first_body if first_body is not None else region_end] if ln]
        repeated = [ln for ln in head if counts.get(_norm(ln), 0) >= 2 and is_title_like(ln)]
        titled = [ln for ln in head if is_title_like(ln) and _words(ln) >= 5]
        title = (repeated[0] if repeated else (titled[-1] if titled else ""))
    title_norm = _norm(title) if title else ""

    full_lines = [_norm(ln) for ln in lines[:region_end] if ln]
    kept: list[str] = []
    dropped = 0
    seen: set = set()
    in_blurbs = False
    pending: list[str] = []  # body-like lines inside a blurb block, kept only if the body resumes
    last_was_body = False
    for i, line in enumerate(lines[:region_end]):
        if not line:
            continue
        if first_body is not None and i >= first_body and RE_BLURBS.match(line):
            in_blurbs, pending, last_was_body = True, [], False
            dropped += 1
            continue
        line = RE_TRAILING_READMORE.sub("", line).strip()
        key = _norm(line)
        body = bool(line) and key != title_norm and key not in seen and not is_clutter_line(line) \
            and is_body_line(line) and not _is_teaser(line, key, full_lines)
        if not body:
            dropped += 1
            last_was_body = False
            if in_blurbs and pending and RE_CREDITS.match(line):
                # the article's last paragraph, right before its credits line
                kept.extend(pending)
                in_blurbs = False
            elif in_blurbs:
                dropped += len(pending)
            pending = []
            continue
        if in_blurbs:
            if pending and last_was_body:
                in_blurbs = False
                for p in pending:
                    seen.add(_norm(p))
                    kept.append(p)
                pending = []
            else:
                pending = [line]
                last_was_body = True
                continue
        seen.add(key)
        kept.append(line)
        last_was_body = True
    dropped += len(pending)
    return Cleaned(title=title.strip(), paragraphs=kept, region_end=region_end, dropped=dropped)


def _is_teaser(line: str, key: str, full_lines: list[str]) -> bool:
    """A truncated teaser ("... seek a “dip..."): its full text usually follows."""
    if not RE_ELLIPSIS_END.search(line):
        return False
    stem = _norm(RE_ELLIPSIS_END.sub("", line))
    return any(fl != key and fl.startswith(stem[: max(20, len(stem) - 15)]) for fl in full_lines) or _words(line) < 60
