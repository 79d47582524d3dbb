"""Predictions: label and class probabilities for statements and whole articles."""
from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np
import pandas as pd

from .labels import LABELS

PROB_COLUMNS = [f"p_{c}" for c in LABELS]


def _get_model(model):
    from .models import default_model, load_model

    if model is None:
        return default_model()[0]
    if isinstance(model, (str, bytes)) or hasattr(model, "__fspath__"):
        return load_model(model)[0]
    return model


def _model_ref(model):
    """What worker processes need to get the model: a file path (loaded once per worker) or the object."""
    from .models import ModelError, check_model_file, default_model, default_model_path

    if model is None:
        from .labels import labels_sha256, load_labels

        path = default_model_path(labels_sha256(load_labels()))
        try:
            check_model_file(path)
        except ModelError:
            default_model()  # (re)train once here, not once per worker
        return str(path)
    if isinstance(model, (str, bytes)) or hasattr(model, "__fspath__"):
        check_model_file(model)  # a bad file is refused before any worker starts
        return str(model)
    return model


@lru_cache(maxsize=4)
def _load_cached(path: str):
    from .models import load_model

    return load_model(path)[0]


# Model objects handed to forked workers, which inherit them with this process's memory; each
# run has its own key, so runs in several threads cannot take each other's model.
_INHERITED: dict = {}
_RUNS = itertools.count()
INHERITED_PREFIX = "<model inherited by fork>"


def _worker_score(chunk, ref, actors, extra_actors):
    """Score one chunk in a worker process: the model comes by path (or is inherited by fork),
    not pickled with every chunk."""
    if isinstance(ref, str):
        pipe = _INHERITED[ref] if ref.startswith(INHERITED_PREFIX) else _load_cached(ref)
    else:
        pipe = ref
    problems: list = []
    return score_statements(_statements_chunk(chunk, actors, extra_actors, problems), pipe), problems, len(chunk)


def predict_frame(statements: pd.DataFrame, model=None, *, abstain: float | None = None) -> pd.DataFrame:
    """Label + probabilities for a table with ``text`` (and ``actor``, ``actor_mention``) columns."""
    pipe = _get_model(model)
    out = pd.DataFrame(index=statements.index)
    if len(statements) == 0:
        out["label"] = pd.Series(dtype=str)
        for c in PROB_COLUMNS:
            out[c] = pd.Series(dtype=float)
        return out
    X = pd.DataFrame({"text": statements["text"].astype(str).to_numpy()})
    for c in ("actor", "actor_mention"):
        X[c] = statements[c].fillna("").astype(str).to_numpy() if c in statements else ""
    proba = pipe.predict_proba(X)
    classes = list(pipe.classes_)
    probs = np.column_stack([proba[:, classes.index(c)] if c in classes else np.zeros(len(X)) for c in LABELS])
    labels = np.array(LABELS)[probs.argmax(axis=1)].astype(object)
    if abstain is not None:
        labels[probs.max(axis=1) < abstain] = "abstain"
    out["label"] = labels
    for i, c in enumerate(PROB_COLUMNS):
        out[c] = probs[:, i].round(4)
    return out


def statement_frame(table: pd.DataFrame, *, text_col: str = "text", actor_col: str | None = None,
                    actors=None, extra_actors=None) -> pd.DataFrame:
    """The model's input for pre-segmented statements: ``text``, ``actor`` (a code) and
    ``actor_mention`` (that actor's mention in the sentence), in the table's row order.

    ``actor_col`` holds an actor code (RUS) or a name (Lavrov, the Kremlin).
    """
    from .actors import get_matcher

    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"classify expects a DataFrame, got {type(table).__name__}; "
                        f"e.g. pd.DataFrame({{'text': sentences}})")
    if text_col not in table.columns:
        raise ValueError(f"no column '{text_col}' (columns: {', '.join(map(str, table.columns))}); use --text-col")
    if actor_col and actor_col not in table.columns:
        raise ValueError(f"no column '{actor_col}' (columns: {', '.join(map(str, table.columns))}); use --actor-col")
    # as object first: a categorical column cannot take "" for its missing values
    from .clean import unicode_form

    # the form `stance score` gives its sentences, so aliases match the same way
    texts = [unicode_form(t) for t in table[text_col].astype(object).fillna("").astype(str)]
    st = pd.DataFrame({"text": texts}, index=table.index)
    st["actor"] = ""
    st["actor_mention"] = ""
    if actor_col:
        matcher = get_matcher(actors, extra_actors)
        codes, mentions, unknown, n_unknown = [], [], [], 0
        for text, name in zip(st["text"], table[actor_col].astype(object).fillna("").astype(str)):
            code = matcher.resolve(name) if name.strip() else None
            mention = ""
            if code:
                hits = [m for m in matcher.find(text) if m.actor == code]
                if hits:
                    mention = hits[0].text
                elif name and name in text:
                    mention = name
            codes.append(code or "")
            mentions.append(mention)
            if name.strip() and not code:
                n_unknown += 1
                if len(unknown) < 10 and name not in unknown:
                    unknown.append(name)
        st["actor"] = codes
        st["actor_mention"] = mentions
        # such rows are judged as whole sentences; callers can say so instead of staying silent
        # (a count and the first ten names: pandas copies attrs onto every derived frame)
        st.attrs["unknown_actors"] = {"rows": n_unknown, "names": unknown}
    return st


def classify(table: pd.DataFrame, model=None, *, text_col: str = "text", actor_col: str | None = None,
             actors=None, extra_actors=None, abstain: float | None = None) -> pd.DataFrame:
    """Classify pre-segmented statements, keeping every input column and row order.

    ``actor_col`` holds an actor code (RUS) or a name (Lavrov, the Kremlin); its
    mention in the sentence is found and the actor's part is judged. Names that are no known
    actor are judged as whole sentences and counted in ``out.attrs["unknown_actors"]``.
    """
    st = statement_frame(table, text_col=text_col, actor_col=actor_col, actors=actors, extra_actors=extra_actors)
    clash = [c for c in ["label", *PROB_COLUMNS] if c in table.columns]
    if clash:
        raise ValueError(f"input already has column(s) {', '.join(clash)}; rename them so nothing is overwritten")
    pred = predict_frame(st, model, abstain=abstain)
    out = table.copy()
    for c in pred.columns:
        out[c] = pred[c].to_numpy()
    out.attrs["unknown_actors"] = st.attrs.get("unknown_actors", {"rows": 0, "names": []})
    return out


def score_statements(statements: pd.DataFrame, model=None) -> pd.DataFrame:
    """Add label and probabilities to a statement table (rows without an actor are judged whole)."""
    st = statements
    if "sentence" in statements.columns:
        # only the columns the model reads: a table that also carries an article "text" column
        # would otherwise have two "text" columns after the rename
        st = statements[[c for c in ("actor", "actor_mention") if c in statements.columns]].assign(
            text=statements["sentence"])
    pred = predict_frame(st, model)
    out = statements.copy()
    for c in pred.columns:
        out[c] = pred[c].to_numpy()
    return out


def _statements_chunk(records, actors, extra_actors, problems: list | None = None):
    """Statement rows for a chunk of articles; an article that fails is listed in ``problems``."""
    from .actors import get_matcher
    from .statements import STATEMENT_COLUMNS, statements_for_article

    matcher = get_matcher(actors, extra_actors)
    rows = []
    for rec in records:
        try:
            got = statements_for_article(rec, matcher)
        except Exception as exc:  # one bad document must not stop a batch; it is reported, not lost
            if problems is None:
                raise
            problems.append((rec.get("path") or rec.get("doc_id"), f"cannot segment or attribute "
                             f"({type(exc).__name__}: {str(exc)[:120]})"))
            continue
        if not got and problems is not None:  # an article with no rows would vanish from the output unnamed
            problems.append((rec.get("path") or rec.get("doc_id"), "no sentences found in the article text"))
        rows.extend(got)
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)


def score_articles(articles: pd.DataFrame, model=None, *, actors=None, extra_actors=None, jobs: int = 1,
                   chunk_size: int = 200, progress: bool = False, skipped: list | None = None) -> pd.DataFrame:
    """Statements with labels for an article table, in article order.

    Articles that cannot be processed are appended to ``skipped`` as (path, reason).
    The output is the same whatever the job count.
    """
    parts = list(_scored_chunks(articles.to_dict("records"), model, actors=actors, extra_actors=extra_actors,
                                jobs=jobs, chunk_size=chunk_size, skipped=skipped if skipped is not None else [],
                                progress=progress, total=len(articles)))
    return pd.concat(parts, ignore_index=True) if parts else empty_scores()


def _cpu_count() -> int:
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _forks() -> bool:
    """True on Linux, where worker processes can start by fork and share this process's memory."""
    import multiprocessing as mp
    import sys

    return sys.platform == "linux" and "fork" in mp.get_all_start_methods()


def _forked(chunks, ref, actors, extra_actors, jobs: int):
    """Results of ``_worker_score`` per chunk, in order, from ``jobs`` forked processes.

    joblib's fork-based backend cannot stream results, and its loky workers start from
    scratch (each imports scikit-learn and unpickles the model: 2-3 s apiece, a fifth of a
    1,800-article run). Forked after the model and the actor matcher are loaded here, the
    workers start at once. At most 2 x jobs chunks are in flight, so memory stays bounded.
    """
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    from .actors import get_matcher

    key = None
    try:
        if isinstance(ref, str):
            _load_cached(ref)
        else:
            key = f"{INHERITED_PREFIX}{id(ref)}:{next(_RUNS)}"
            _INHERITED[key], ref = ref, key
        get_matcher(actors, extra_actors)
        pending: deque = deque()
        with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("fork")) as pool:
            try:
                for c in chunks:
                    pending.append(pool.submit(_worker_score, c, ref, actors, extra_actors))
                    if len(pending) >= 2 * jobs:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
            finally:
                for f in pending:
                    f.cancel()
    finally:
        if key is not None:
            _INHERITED.pop(key, None)


def _scored_chunks(records, model, *, actors, extra_actors, jobs: int, chunk_size: int, skipped: list,
                   progress: bool, total: int | None = None):
    """Score an iterable of article records chunk by chunk, in order, in ``jobs`` processes."""
    from joblib import Parallel, delayed

    from .actors import load_actors

    # the actor table is read once per run and handed to every chunk as a table: editing the file
    # in the middle of a run cannot mix two tables in one output
    actors, extra_actors = load_actors(actors, extra=extra_actors), None
    # more processes than CPUs only costs memory (and a huge --jobs would fork that many at once)
    jobs = min(jobs or 1, _cpu_count())
    parallel = jobs > 1
    # with several jobs the model reaches the workers by path, or by fork on Linux (loaded here
    # first); only joblib's loky workers (macOS, Windows) get a model object pickled per chunk
    pipe = None if parallel else _get_model(model)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="doc", desc="scoring", leave=False)

    def chunks():
        buf = []
        for rec in records:
            buf.append(rec)
            if len(buf) >= chunk_size:
                yield buf
                buf = []
        if buf:
            yield buf

    def results():
        if parallel:
            ref = _model_ref(model)
            if _forks():
                yield from _forked(chunks(), ref, actors, extra_actors, jobs)
                return
            # one lazy stream: joblib dispatches 2 x jobs chunks ahead and returns them in order,
            # so workers keep busy while this process reads and writes, and memory stays bounded
            with Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2*n_jobs") as par:
                yield from par(delayed(_worker_score)(c, ref, actors, extra_actors) for c in chunks())
        else:
            for c in chunks():
                yield _worker_score(c, pipe, actors, extra_actors)

    for res, probs, n_docs in results():
        skipped.extend(probs)
        if bar is not None:
            bar.update(n_docs)
        yield res
    if bar is not None:
        bar.close()


def _day(value, name: str) -> str | None:
    """``since``/``until`` as YYYY-MM-DD: article dates are compared as that text, and
    str(Timestamp("2022-02-02")) is "2022-02-02 00:00:00", which sorts after "2022-02-02"."""
    from .dates import normalize_date

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day = normalize_date(value)
    if day is None:
        raise ValueError(f"{name}={value!r} is not a date (use YYYY-MM-DD)")
    return day


def _in_window(date: str, since, until) -> bool:
    if not date:
        return True  # undated articles are kept and can be filtered later
    date, since, until = str(date)[:10], _day(since, "since"), _day(until, "until")
    return (not since or date >= since) and (not until or date <= until)


def iter_scores(paths, model=None, *, actors=None, extra_actors=None, since=None, until=None, jobs: int = 1,
                chunk_size: int = 100, skip_doc_ids=(), skipped: list | None = None, progress: bool = False,
                exclude=(), **read_options):
    """Stream scored statement chunks (DataFrames) from inputs, in input order.

    Memory is bounded by ``chunk_size`` articles (times ``jobs``), not by the
    corpus; documents in ``skip_doc_ids`` ((path, doc_id) pairs) are not scored again (``--resume``);
    files in ``exclude`` (the output being written) are not read as inputs.
    """
    from .articles import ReadOptions, iter_articles

    opts = ReadOptions(**read_options)
    since, until = _day(since, "since"), _day(until, "until")
    skipped = skipped if skipped is not None else []
    skip = {tuple(map(str, k)) if isinstance(k, tuple) else ("", str(k)) for k in skip_doc_ids}
    records = (rec for rec in iter_articles(paths, opts, skipped, exclude=exclude)
               if (str(rec["path"]), str(rec["doc_id"])) not in skip and _in_window(rec["date"], since, until))
    yield from _scored_chunks(records, model, actors=actors, extra_actors=extra_actors, jobs=jobs,
                              chunk_size=chunk_size, skipped=skipped, progress=progress)


def empty_scores() -> pd.DataFrame:
    from .statements import STATEMENT_COLUMNS

    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sentence_id", "mention_start", "mention_end") else
                                      float if c.startswith("p_") else object)
                         for c in STATEMENT_COLUMNS + ["label"] + PROB_COLUMNS})


def score(paths, model=None, *, actors=None, extra_actors=None, since=None, until=None, jobs: int = 1,
          progress: bool = False, **read_options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read, clean, segment, attribute and classify; return ``(statements, skipped)``."""
    from .articles import skipped_frame

    skipped: list = []
    parts = list(iter_scores(paths, model, actors=actors, extra_actors=extra_actors, since=since, until=until,
                             jobs=jobs, skipped=skipped, progress=progress, **read_options))
    out = pd.concat(parts, ignore_index=True) if parts else empty_scores()
    return out, skipped_frame(skipped)
