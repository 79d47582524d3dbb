"""Sentence splitting with nltk's Punkt, built without downloads.

Punkt gets our news abbreviation list (``lexicons/abbreviations.txt``);
glued quotes are repaired first, and a quotation that Punkt cut in two is
joined again with its attribution ("... . It is a provocation," he said.).
"""
from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

from .clean import unicode_form
from .io import lexicon_path

OPEN_Q = "“\"‘"
CLOSE_Q = "”\"’"
RE_WS = re.compile(r"[^\S\n]+")  # any run of Unicode spaces (NBSP, narrow NBSP, em space ...) but a newline
RE_GLUED = re.compile(r'[\w.!?,;:]"[\w"]|"{2}')
MAX_JOIN_WORDS = 80


class _NewsLangVars(PunktLanguageVars):
    # Sentences may end inside closing curly quotes and brackets too.
    sent_end_chars = (".", "?", "!")

    # nltk routes its own fixed patterns through a timed `regex` wrapper (a guard against
    # hostile *caller-supplied* patterns); these two are nltk's linear patterns, and
    # compiling them with `re` makes Punkt about a third faster on news text.
    def _word_tokenizer_re(self):
        try:
            return self._re_word_tokenizer
        except AttributeError:
            self._re_word_tokenizer = re.compile(self._word_tokenize_fmt % {
                "NonWord": self._re_non_word_chars, "MultiChar": self._re_multi_char_punct,
                "WordStart": self._re_word_start}, re.UNICODE | re.VERBOSE)
            return self._re_word_tokenizer

    def period_context_re(self):
        try:
            return self._re_period_context
        except AttributeError:
            self._re_period_context = re.compile(self._period_context_fmt % {
                "NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars},
                re.UNICODE | re.VERBOSE)
            return self._re_period_context


class _NewsPunkt(PunktSentenceTokenizer):
    """Punkt with its boundary test remembered per context.

    nltk re-annotates the words around every candidate full stop, and the same contexts
    ("Ukraine. The") recur across a corpus; with fixed parameters the answer depends on the
    context alone.
    """

    MAX_MEMO = 100_000

    def text_contains_sentbreak(self, text: str) -> bool:
        memo = self.__dict__.setdefault("_sentbreak_memo", {})
        hit = memo.get(text)
        if hit is None:
            if len(memo) >= self.MAX_MEMO:
                memo.clear()
            hit = memo[text] = super().text_contains_sentbreak(text)
        return hit


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    abbrevs = set()
    for line in lexicon_path("abbreviations.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            abbrevs.add(line.rstrip("."))
    params.abbrev_types = abbrevs
    return _NewsPunkt(params, lang_vars=_NewsLangVars())


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
    # walk from quote to quote (a per-character loop costs a tenth of all segmenting time)
    parts = text.split('"')
    out = [parts[0]]
    open_ = False
    last = len(parts) - 1
    for k in range(1, len(parts)):
        prev = parts[k - 1][-1:] or ('"' if k > 1 else " ")
        nxt = parts[k][:1] or ('"' if k < last else " ")
        if open_:
            out.append('" ' if nxt.isalnum() or nxt == '"' else '"')
        else:
            glued = prev not in " \t\n([{—–-/" and (prev.isalnum() or prev in ".!?,;:")
            out.append(' "' if glued else '"')
        out.append(parts[k])
        open_ = not open_
    return RE_WS.sub(" ", "".join(out)).strip()


def _quote_balance(s: str) -> int:
    """Positive while a quotation is open at the end of ``s``."""
    curly = s.count("“") - s.count("”")
    straight = s.count('"') % 2
    return curly + straight


def _join_quotes(sents: list[str]) -> list[str]:
    """Re-join sentences Punkt cut inside a quotation, when the quotation closes soon after."""
    out: list[str] = []
    i = 0
    while i < len(sents):
        s = sents[i]
        if out and s[:1].islower():
            # '"What would you do?" he asked.': Punkt cut after the question mark
            out[-1] = f"{out[-1]} {s}"
            i += 1
            continue
        j, buf = i, s
        if _quote_balance(s) > 0:
            # look ahead for the sentence that closes the quote; an inch mark or a quote left
            # open across paragraphs never closes, and then nothing is joined
            k, cand = i + 1, s
            while k < len(sents) and len(cand.split()) < MAX_JOIN_WORDS:
                cand = f"{cand} {sents[k]}"
                if _quote_balance(cand) <= 0:
                    j, buf = k, cand
                    break
                k += 1
        out.append(buf)
        i = j + 1
    return out


MAX_BLOCK = 20000  # characters handed to Punkt at once; its cost grows faster than linearly


def _blocks(text: str):
    """Cut an overlong paragraph at sentence-like boundaries (else at spaces) into bounded blocks."""
    if len(text) <= MAX_BLOCK:
        yield text
        return
    start = 0
    while start < len(text):
        end = min(start + MAX_BLOCK, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            if cut < MAX_BLOCK // 2:
                cut = window.rfind(" ")
            end = start + (cut + 1 if cut > 0 else MAX_BLOCK)
        yield text[start:end]
        start = end


def _normalize(text) -> str:
    """NFC (so "é" matches an alias whatever its encoding) without invisible characters; None/NaN/NA is ""."""
    if not isinstance(text, str):
        if isinstance(text, (bytes, bytearray)):
            raise TypeError("expected text (str), got bytes; decode it first")
        try:
            if text is None or text != text:  # None, NaN, NaT
                return ""
        except TypeError:  # pandas' NA has no truth value
            return ""
        text = str(text)
    return unicode_form(text)


def split_paragraph(paragraph: str) -> list[str]:
    """Split one paragraph into sentences."""
    text = repair_quotes(_normalize(paragraph))
    if not text:
        return []
    sents = [s.strip() for block in _blocks(text) for s in _tokenizer().tokenize(block) if s.strip()]
    return _join_quotes(sents)


def split_sentences(paragraphs, *, title: str = "") -> list[str]:
    """Sentences of an article: the title as its own sentence, then the body.

    ``paragraphs`` is a list of strings (None or NaN items are skipped), not one string.
    """
    if isinstance(paragraphs, (str, bytes)):
        raise TypeError("split_sentences expects a list of paragraphs, got a single str; "
                        "use text.split('\\n') or split_paragraph(text)")
    out = []
    title = " ".join(_normalize(title).split())  # a title is one line
    if title:
        out.append(title)
    for p in paragraphs:
        out.extend(split_paragraph(p))
    return out
