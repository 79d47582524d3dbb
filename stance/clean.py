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
from dataclasses import dataclass, field

# A line that starts a trailing section (everything after it is clutter).
RE_SECTION_END = re.compile(
    r"^\s*(?:comments?\s*(?:/|\(|:)?\s*\d*\)?\s*$|comments?\s*/\s*\d+|related(?:\s+(?:stories|articles|news|coverage|content|posts|local channels))?\s*:?\s*$"
    r"|similar news|you (?:may|might) (?:also )?like|more from\b|more stories\b|recommended(?: for you| stories| reading)?\s*:?\s*$"
    r"|popular posts|most (?:read|popular|viewed)\s*$|trending now|latest news\s*$|top stories\s*$"
    r"|our standards:|source link\s*$|share this article|previous article\b|next article\b|read next\s*$"
    r"|sign up for (?:our|the)\b|subscribe to (?:our|the)\b|(?:get|join) our newsletter|newsletter\s*$|leave a (?:comment|reply)"
    r"|\d+\s+comments?\s*$|about us\s*$|privacy policy)",
    re.I,
)
# Whole lines that are clutter wherever they stand.
RE_CLUTTER_LINE = re.compile(
    r"^\s*(?:by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and|\|)\s*.*)?$|(?:photo|image|picture|video|watch|more|related|read more|read also|also read|listen|advertisement|ad)\s*:"
    r"|image caption|image source|getty images|\(?(?:reuters|ap|afp|getty)(?: photo)?\)?\s*$|photograph:|photo credit|credit:"
    r"|reporting by\b|editing by\b|additional reporting\b|writing by\b|compiled by\b|\d+\s*(?:min|minutes?|h|hours?|days?|weeks?)\s+ago\s*$"
    r"|(?:updated|published|posted|last updated)\b.{0,40}$|reply\s*\(?\d*\)?\s*$|share\b.{0,30}$|follow (?:us|@)\b.*$|https?://\S+\s*$|www\.\S+\s*$"
    r"|.*\S\s[>»]\s.*\S\s[>»]\s|.*\boriginally appeared on\b|.*\b(?:reported from|contributed reporting|contributed to this report)\b|sign in\b|log in\b|home\s*[>»/]|-\s*advertisement\s*-|.*\ball rights reserved\b|©)",
    re.I,
)
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
    if n < 4 or n > 30 or RE_CLUTTER_LINE.match(line) or RE_SECTION_END.match(line):
        return False
    if line.rstrip().endswith((".", ":", "...", "…")) or ">" in line or "|" in line:
        return False
    return line.strip()[0].isupper() or line.strip()[0] in "'\"‘“"


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def clean_text(raw: str, *, title: str | None = None) -> Cleaned:
    """Return the title and body paragraphs of a scraped page's text."""
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    body_started = False
    region_end = len(lines)
    first_body = None
    for i, line in enumerate(lines):
        if not line:
            continue
        if body_started and RE_SECTION_END.match(line):
            region_end = i
            break
        if not body_started and is_body_line(line) and not RE_CLUTTER_LINE.match(line):
            body_started = True
            first_body = i
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

    paragraphs, dropped, seen = [], 0, set()
    full_lines = [_norm(ln) for ln in lines[:region_end] if ln]
    for i, line in enumerate(lines[:region_end]):
        if not line:
            continue
        line = RE_TRAILING_READMORE.sub("", line).strip()
        key = _norm(line)
        if not line or key == title_norm or key in seen:
            dropped += 1
            continue
        if RE_CLUTTER_LINE.match(line) or not is_body_line(line):
            dropped += 1
            continue
        if RE_ELLIPSIS_END.search(line):
            # A truncated teaser: drop it (its full text usually follows).
            stem = _norm(RE_ELLIPSIS_END.sub("", line))
            if any(fl != key and fl.startswith(stem[: max(20, len(stem) - 15)]) for fl in full_lines) or _words(line) < 60:
                dropped += 1
                continue
        seen.add(key)
        paragraphs.append(line)
    return Cleaned(title=title.strip(), paragraphs=paragraphs, region_end=region_end, dropped=dropped)
