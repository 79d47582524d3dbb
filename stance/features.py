"""Sentence-level features for stance: scikit-learn transformers.

Input to a model is a table of statements (columns ``text`` and, when known,
``actor`` and ``actor_mention``) or a plain list of sentences.

- ``StatementText``: masks the source actor's mention (``SRCACTOR``) and other
  actors (``OTHERACTOR``) so the model learns stance, not country priors, and
  cuts out the clause attributed to the source actor.
- ``CueCounter``: the cue lexicon (``lexicons/cues.tsv``) with negation
  scope, modality, conditionals and contrastive-clause weighting.
- ``VaderScores``: nltk's VADER with the vaderSentiment lexicon (no download).
- ``StyleFlags``: quote / reported speech / headline / question flags.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from .io import lexicon_path

SRC = "SRCACTOR"
OTHER = "OTHERACTOR"
RE_TOKEN = re.compile(r"[a-z]+(?:[-'’][a-z]+)*|n't")
NEGATORS = {"not", "no", "never", "n't", "without", "nor", "neither", "none", "nothing", "cannot", "refused", "refuses",
            "refuse", "declined", "declines", "rejected", "denied", "denies", "ruled", "halt", "stop", "avoid", "end"}
# Negators that flip escalation into conciliation but do not themselves carry stance.
PURE_NEGATORS = {"not", "no", "never", "n't", "without", "nor", "neither", "none", "nothing", "cannot"}
MODALS = {"could", "might", "may", "would", "possibly", "perhaps", "likely", "unlikely", "unclear", "uncertain",
          "whether", "reportedly", "allegedly", "apparently"}
CONDITIONALS = {"if", "unless", "should", "otherwise", "lest"}
CONTRASTS = {"but", "however", "yet", "although", "though", "nevertheless", "nonetheless", "still", "whereas"}
NEG_SCOPE = 4
RE_CLAUSE_SPLIT = re.compile(r"\s*(?:;|,\s*(?:while|whereas|as|but|even as)\s|\s(?:while|whereas)\s)\s*")


def _as_frame(X) -> pd.DataFrame:
    """Accept a DataFrame with a ``text`` column, a Series, or an iterable of strings."""
    if isinstance(X, str):
        raise TypeError("Expected an iterable of texts (or a DataFrame with a 'text' column), got a single str; wrap it in a list.")
    if isinstance(X, pd.DataFrame):
        if "text" not in X.columns:
            raise ValueError(f"Statement table lacks a 'text' column (has: {', '.join(map(str, X.columns))}).")
        df = X
    else:
        df = pd.DataFrame({"text": list(X)})
    out = pd.DataFrame({"text": df["text"].fillna("").astype(str).to_numpy()})
    for c in ("actor", "actor_mention"):
        out[c] = df[c].fillna("").astype(str).to_numpy() if c in df.columns else ""
    return out


def _text_columns(X) -> list[list[str]]:
    """The text columns of a table (one list per column), or a plain iterable of texts as one column."""
    if isinstance(X, pd.DataFrame) and X.shape[1] > 1:
        return [_texts(X[[c]]) for c in X.columns]
    if isinstance(X, np.ndarray) and X.ndim == 2 and X.shape[1] > 1:
        return [_texts(X[:, [i]]) for i in range(X.shape[1])]
    return [_texts(X)]


def _texts(X) -> list[str]:
    if isinstance(X, str):
        raise TypeError("Expected an iterable of texts, got a single str; wrap it in a list.")
    if isinstance(X, pd.DataFrame):
        X = X.iloc[:, 0]
    if isinstance(X, np.ndarray) and X.ndim == 2:
        X = X[:, 0]
    if isinstance(X, pd.Series):
        X = X.tolist()
    return ["" if t is None or (isinstance(t, float) and np.isnan(t)) else str(t) for t in X]


class StatementText(TransformerMixin, BaseEstimator):
    """Mask actors and cut out the source actor's clause.

    Returns a DataFrame with columns ``masked`` (the sentence with actor
    placeholders) and ``clause`` (the clause holding the source mention,
    masked; the whole sentence when the mention is not found).
    """

    def __init__(self, mask_actors=True, clause=True, actors_path=None):
        self.mask_actors = mask_actors
        self.clause = clause
        self.actors_path = actors_path

    def fit(self, X, y=None):
        _as_frame(X)
        self.n_features_in_ = 1
        return self

    def _matcher(self):
        from .actors import get_matcher

        try:
            return get_matcher(self.actors_path)
        except Exception:  # no actor table: masking then covers only the given mention
            return None

    def transform(self, X):
        check_is_fitted(self, "n_features_in_")
        df = _as_frame(X)
        matcher = self._matcher() if self.mask_actors else None
        masked, clauses = [], []
        # lists, not Series: iterating pandas' Arrow-backed strings costs a conversion per element
        for text, actor, mention in zip(df["text"].tolist(), df["actor"].tolist(), df["actor_mention"].tolist()):
            m_text, span = self._mask_one(text, actor, mention, matcher)
            masked.append(m_text)
            clauses.append(self._clause_of(m_text, span) if self.clause else m_text)
        return pd.DataFrame({"masked": masked, "clause": clauses}, dtype=object)

    def _mask_one(self, text, actor, mention, matcher):
        spans = []  # (start, end, placeholder)
        src_start = text.find(mention) if mention and mention.lower() not in ("he", "she", "they", "it") else -1
        if mention and src_start < 0:
            hit = re.search(rf"\b{re.escape(mention)}\b", text, re.I)
            src_start = hit.start() if hit else -1
        if src_start >= 0:
            spans.append((src_start, src_start + len(mention), SRC))
        if matcher is not None and self.mask_actors:
            for m in matcher.find(text):
                if any(m.start < e and s < m.end for s, e, _ in spans):
                    continue
                if m.kind == "demonym":
                    continue  # "Russian troops" keeps its word: the modifier carries meaning
                tag = SRC if (actor and m.actor == actor and src_start < 0) else OTHER
                if tag == SRC:
                    src_start = m.start
                spans.append((m.start, m.end, tag))
        if not self.mask_actors:
            spans = [s for s in spans if s[2] == SRC]
        spans.sort()
        out, pos, src_pos = [], 0, -1
        for s, e, tag in spans:
            out.append(text[pos:s])
            if tag == SRC and src_pos < 0:
                src_pos = sum(len(x) for x in out)
            out.append(tag)
            pos = e
        out.append(text[pos:])
        return "".join(out), src_pos

    @staticmethod
    def _clause_of(text, src_pos):
        if src_pos < 0:
            return text
        pos = 0
        for part in RE_CLAUSE_SPLIT.split(text):
            idx = text.find(part, pos)
            if idx <= src_pos < idx + len(part) + 1:
                return part
            pos = idx + len(part) if idx >= 0 else pos
        return text

    def get_feature_names_out(self, input_features=None):
        return np.array(["masked", "clause"], dtype=object)


WORD_PATTERN = r"(?u)\b\w[\w'’-]*\b"
_NGRAM_MEMO: dict = {}


class WordNgrams:
    """Lower-cased word n-grams of a text, for ``TfidfVectorizer(analyzer=WordNgrams())``.

    The n-grams are scikit-learn's own (``CountVectorizer(...).build_analyzer()``), remembered per
    text: the masked sentence and the source clause are the same text in 99% of the rows of real
    articles (every row with no source actor), so the second vectoriser reuses the first one's
    analysis instead of tokenising the sentence again.
    """

    # the memo only has to span one chunk's two passes (masked, then clause; a CLI chunk is
    # ~3,500 sentences); at ~2.4 KB a text, 10,000 texts cost ~24 MB per process
    MAX_MEMO = 10_000

    def __init__(self, token_pattern: str = WORD_PATTERN, ngram_range=(1, 2)):
        self.token_pattern = token_pattern
        self.ngram_range = tuple(ngram_range)

    def __call__(self, doc: str) -> tuple:
        key = (self.token_pattern, self.ngram_range)
        memo = _NGRAM_MEMO.get(key)
        if memo is None:
            from sklearn.feature_extraction.text import CountVectorizer

            analyze = CountVectorizer(token_pattern=self.token_pattern, ngram_range=self.ngram_range).build_analyzer()
            memo = _NGRAM_MEMO[key] = ({}, analyze)
        seen, analyze = memo
        grams = seen.get(doc)
        if grams is None:
            if len(seen) >= self.MAX_MEMO:
                seen.clear()
            grams = seen[doc] = tuple(analyze(doc))  # a tuple: no caller can alter the memo
        return grams

    def __eq__(self, other):
        return isinstance(other, WordNgrams) and (self.token_pattern, self.ngram_range) == (other.token_pattern, other.ngram_range)

    def __hash__(self):
        return hash((self.token_pattern, self.ngram_range))

    def __repr__(self):
        return f"WordNgrams(ngram_range={self.ngram_range})"


class NgramTfidf(TfidfVectorizer):
    """scikit-learn's ``TfidfVectorizer`` with a faster count for a fitted vocabulary.

    Fitting is scikit-learn's own. At transform time each document's n-grams are looked up in the
    vocabulary with one C-level ``map`` and duplicates are summed by scipy, instead of one Python
    dictionary update per n-gram: the same count matrix (tested), in 40% of the time, on the
    scoring path that runs once per sentence of every article.
    """

    def _count_vocab(self, raw_documents, fixed_vocab):
        if not fixed_vocab:
            return super()._count_vocab(raw_documents, fixed_vocab)
        import scipy.sparse as sp

        analyze = self.build_analyzer()
        get = self.vocabulary_.get
        ids: list = []
        indptr = [0]
        for doc in raw_documents:
            ids += [i for i in map(get, analyze(doc)) if i is not None]
            indptr.append(len(ids))
        X = sp.csr_matrix((np.ones(len(ids), dtype=self.dtype), np.asarray(ids, dtype=np.int64),
                           np.asarray(indptr, dtype=np.int64)), shape=(len(indptr) - 1, len(self.vocabulary_)))
        X.sum_duplicates()  # sorts each row's indices and adds up repeated n-grams: the counts
        return self.vocabulary_, X


def load_cues(path=None) -> pd.DataFrame:
    """The cue lexicon: term, class (escalatory/conciliatory), weight, source."""
    path = Path(path) if path else lexicon_path("cues.tsv")
    df = pd.read_csv(path, sep="\t", dtype={"term": str, "class": str}, keep_default_na=False)
    bad = set(df["class"]) - {"escalatory", "conciliatory"}
    if bad:
        raise ValueError(f"{path}: unknown cue class(es) {sorted(bad)}; use escalatory or conciliatory")
    df["weight"] = pd.to_numeric(df["weight"], errors="coerce").fillna(1.0)
    return df


class CueCounter(TransformerMixin, BaseEstimator):
    """Weighted escalation/conciliation cue scores with negation, modality and contrast.

    A cue preceded within ``neg_scope`` tokens by a negator counts for the
    opposite class ("not a threat"). Cues after the last contrastive
    conjunction weigh ``contrast_weight`` times more than those before it.
    """

    FEATURES = ("escalatory", "conciliatory", "escalatory_negated", "conciliatory_negated", "net", "modal",
                "conditional", "contrast", "n_cues")

    def __init__(self, lexicon=None, neg_scope=NEG_SCOPE, contrast_weight=2.0, categories=True):
        self.lexicon = lexicon
        self.neg_scope = neg_scope
        self.contrast_weight = contrast_weight
        self.categories = categories

    @staticmethod
    def _category(source: str, cls: str) -> str:
        # CAMEO root codes group cues by kind of act (13 threaten, 17 coerce, 04 consult, 08 yield ...)
        m = re.match(r"CAMEO\s+(\d\d)", str(source))
        return f"cameo{m.group(1)}" if m else f"team_{cls[:4]}"

    def fit(self, X, y=None):
        cols = _text_columns(X)
        cues = load_cues(self.lexicon)
        index = {}
        cats = set()
        sources = cues["source"] if "source" in cues else [""] * len(cues)
        for term, cls, w, src in zip(cues["term"], cues["class"], cues["weight"], sources):
            toks = tuple(RE_TOKEN.findall(term.lower().replace("n't", " n't")))
            if toks:
                cat = self._category(src, cls)
                cats.add(cat)
                index.setdefault(toks[0], []).append((toks, cls, float(w), cat))
        for v in index.values():
            v.sort(key=lambda t: -len(t[0]))
        self.lexicon_ = index
        self.categories_ = sorted(cats) if self.categories else []
        self.n_features_in_ = len(cols)
        if isinstance(X, pd.DataFrame):
            self.feature_names_in_ = np.asarray(X.columns, dtype=object)
        return self

    def _tokens(self, text):
        # curly apostrophes first, so "won’t" splits like "won't"
        return RE_TOKEN.findall(text.lower().replace("’", "'").replace("n't", " n't"))

    def score_tokens(self, toks):
        """Feature vector and the matched cues ``(term, class, weight, negated)`` of a token list."""
        f = dict.fromkeys(self.FEATURES, 0.0)
        cat = dict.fromkeys(self.categories_, 0.0)
        hits = []
        last_contrast = max((i for i, t in enumerate(toks) if t in CONTRASTS), default=-1)
        lex = self.lexicon_
        nxt = 0  # first token not yet inside a matched cue
        for i in [j for j, t in enumerate(toks) if t in lex]:
            if i < nxt:
                continue
            match = None
            for cand, cls, w, c in lex[toks[i]]:
                if tuple(toks[i:i + len(cand)]) == cand:
                    match = (cand, cls, w, c)
                    break
            if not match:
                continue
            cand, cls, w, c = match
            window = toks[max(0, i - self.neg_scope):i]
            negated = any(t in PURE_NEGATORS for t in window) and not any(t in PURE_NEGATORS for t in cand)
            weight = w * (self.contrast_weight if last_contrast >= 0 and i > last_contrast else
                          (1.0 / self.contrast_weight if last_contrast >= 0 else 1.0))
            if negated:
                f[f"{cls}_negated"] += weight
                f["conciliatory" if cls == "escalatory" else "escalatory"] += weight * 0.5
            else:
                f[cls] += weight
            if c in cat:
                cat[c] += -weight if negated else weight
            hits.append((" ".join(cand), cls, w, negated))
            f["n_cues"] += 1
            nxt = i + len(cand)
        f["modal"] = float(sum(t in MODALS for t in toks))
        f["conditional"] = float(any(t in CONDITIONALS for t in toks))
        f["contrast"] = float(last_contrast >= 0)
        f["net"] = f["escalatory"] - f["conciliatory"]
        return [f[k] for k in self.FEATURES] + [cat[k] for k in self.categories_], hits

    def transform(self, X):
        """One block of cue features per text column; a text met before in this call is scored once
        (the source clause is the whole sentence in most rows)."""
        check_is_fitted(self, "lexicon_")
        width = len(self.FEATURES) + len(self.categories_)
        memo: dict = {}
        blocks = []
        for texts in _text_columns(X):
            rows = []
            for t in texts:
                row = memo.get(t)
                if row is None:
                    row = memo[t] = self.score_tokens(self._tokens(t))[0]
                rows.append(row)
            blocks.append(np.asarray(rows, dtype=float).reshape(-1, width))
        return np.hstack(blocks)

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "lexicon_")
        names = [f"cues__{k}" for k in self.FEATURES] + [f"cues__{k}" for k in self.categories_]
        if self.n_features_in_ == 1:
            return np.array(names, dtype=object)
        cols = getattr(self, "feature_names_in_", [f"x{i}" for i in range(self.n_features_in_)])
        return np.array([f"{c}_{n}" for c in cols for n in names], dtype=object)


@lru_cache(maxsize=2)
def vader_analyzer(backend: str = "vaderSentiment"):
    """VADER on the lexicon shipped in the vaderSentiment package (no download).

    ``backend="nltk"`` runs nltk's implementation on that lexicon file;
    ``"vaderSentiment"`` (default) runs the package's own: the same compound score
    (neg/neu/pos proportions differ slightly on short texts), about 4x faster
    (nltk builds a word x punctuation table on every call).
    """
    if backend == "vaderSentiment":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as VSA

        return VSA()
    if backend != "nltk":
        raise ValueError(f"unknown VADER backend {backend!r}; use 'vaderSentiment' or 'nltk'")
    import nltk
    import vaderSentiment
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    folder = str(Path(vaderSentiment.__file__).parent)
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    return SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")


class VaderScores(TransformerMixin, BaseEstimator):
    """VADER neg/neu/pos/compound per sentence."""

    FEATURES = ("neg", "neu", "pos", "compound")

    def __init__(self, backend="vaderSentiment"):
        self.backend = backend

    def fit(self, X, y=None):
        _texts(X)
        vader_analyzer(self.backend)
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        check_is_fitted(self, "n_features_in_")
        sia = vader_analyzer(self.backend)
        rows = []
        for t in _texts(X):
            s = sia.polarity_scores(t.replace(SRC, "").replace(OTHER, ""))
            rows.append([s[k] for k in self.FEATURES])
        return np.asarray(rows, dtype=float).reshape(-1, len(self.FEATURES))

    def get_feature_names_out(self, input_features=None):
        return np.array([f"vader__{k}" for k in self.FEATURES], dtype=object)


RE_REPORTED = re.compile(r"\b(?:said|says|told|according to|added|stated|warned|insisted|claimed)\b", re.I)


class StyleFlags(TransformerMixin, BaseEstimator):
    """Quote, reported-speech, headline and question flags."""

    FEATURES = ("quote", "reported_speech", "headline", "question", "length")

    def fit(self, X, y=None):
        _texts(X)
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        check_is_fitted(self, "n_features_in_")
        rows = []
        for t in _texts(X):
            s = t.strip()
            rows.append([
                float(any(q in s for q in "\"“”")),
                float(bool(RE_REPORTED.search(s))),
                float(bool(s) and not s.endswith((".", "\"", "”", "!", "?", "'", "’"))),
                float(s.endswith("?")),
                min(len(s.split()), 60) / 60.0,
            ])
        return np.asarray(rows, dtype=float).reshape(-1, len(self.FEATURES))

    def get_feature_names_out(self, input_features=None):
        return np.array([f"style__{k}" for k in self.FEATURES], dtype=object)
