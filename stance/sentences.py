"""Sentence splitting with nltk's Punkt, built without downloads.

Punkt gets our news abbreviation list (``lexicons/abbreviations.txt``);
glued quotes are repaired first, and a quotation that Punkt cut in two is
joined again with its attribution ("... . It is a provocation," he said.).
"""
from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from .io import lexicon_path

OPEN_Q = "“\"‘"
CLOSE_Q = "”\"’"
RE_WS = re.compile(r"[ \t\u00a0]+")
RE_GLUED = re.compile(r'[\w.!?,;:]"[\w"]|"{2}')
MAX_JOIN_WORDS = 90


class _NewsLangVars(PunktLanguageVars):
    # Sentences may end inside closing curly quotes and brackets too.
    sent_end_chars = (".", "?", "!")


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    abbrevs = set()
    for line in lexicon_path("abbreviations.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            abbrevs.add(line.rstrip("."))
    params.abbrev_types = abbrevs
    return PunktSentenceTokenizer(params, lang_vars=_NewsLangVars())


def repair_quotes(text: str) -> str:
    """Insert the spaces scrapers lose around quotation marks.

    A straight quote is opening or closing by its parity in the paragraph:
    ``reporters."We`` opens a quote (space before it), ``today.""We`` closes
    one and opens the next. Curly quotes say which they are.
    """
    text = re.sub(r"([.!?,])”(?=[A-Za-z“])", r"\1” ", text)
    text = re.sub(r"(?<=[\w.!?,;:])“", " “", text)
    if not RE_GLUED.search(text):
        return RE_WS.sub(" ", text).strip()
    out = []
    open_ = False
    n = len(text)
    for i, ch in enumerate(text):
        if ch != '"':
            out.append(ch)
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if open_:
            out.append('"')
            if nxt.isalnum() or nxt == '"':
                out.append(" ")
        else:
            if prev not in " \t\n([{—–-/" and (prev.isalnum() or prev in ".!?,;:"):
                out.append(" ")
            out.append('"')
        open_ = not open_
    return RE_WS.sub(" ", "".join(out)).strip()


def _quote_balance(s: str) -> int:
    """Positive while a quotation is open at the end of ``s``."""
    curly = s.count("“") - s.count("”")
    straight = s.count('"') % 2
    return curly + straight


def _join_quotes(sents: list[str]) -> list[str]:
    out: list[str] = []
    buf = ""
    for s in sents:
        if out and not buf and s[:1].islower():
            # '"What would you do?" he asked.': Punkt cut after the question mark
            out[-1] = f"{out[-1]} {s}"
            continue
        buf = f"{buf} {s}".strip() if buf else s
        if _quote_balance(buf) > 0 and len(buf.split()) < MAX_JOIN_WORDS:
            continue
        out.append(buf)
        buf = ""
    if buf:
        out.append(buf)
    return out


def split_paragraph(paragraph: str) -> list[str]:
    """Split one paragraph into sentences."""
    text = repair_quotes(paragraph)
    if not text:
        return []
    sents = [s.strip() for s in _tokenizer().tokenize(text) if s.strip()]
    return _join_quotes(sents)


def split_sentences(paragraphs, *, title: str = "") -> list[str]:
    """Sentences of an article: the title as its own sentence, then the body."""
    out = []
    if title and title.strip():
        out.append(RE_WS.sub(" ", title).strip())
    for p in paragraphs:
        out.extend(split_paragraph(p))
    return out
