"""Labelled statements: loading, validation and inter-annotator agreement."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from . import io as sio
from .clean import normalize_text

LABELS = ("escalatory", "conciliatory", "neutral")
LABEL_COLUMNS = ["id", "text", "actor", "actor_mention", "target", "label", "crisis", "year", "group", "annotator"]
REQUIRED = ["id", "text", "label"]


def default_labels_path() -> Path:
    return sio.data_dir() / "labels" / "statements.csv"


def labels_source_name(path, default=None) -> str:
    """How messages and model cards name a labels source: a file, a folder, or several of them."""
    if isinstance(path, (list, tuple)) and path:
        return ", ".join(map(str, path))
    return str(path or default or default_labels_path())


def _label_files(path) -> list[Path]:
    if isinstance(path, (list, tuple)):  # several sources: the corpus and a user's own labels, say
        return [f for one in path for f in _label_files(one)] if path else _label_files(None)
    p = Path(path) if path else default_labels_path()
    if p.is_dir():
        main = p / "statements.csv"
        if main.exists():
            return [main]
        files = sorted(p.glob("*.csv"))
        files = [f for f in files if f.name != "second_pass.csv"]
        if not files:
            raise sio.InputError(f"{p}: no statements.csv or other label CSV in this folder")
        return files
    return [p]


def load_labels(path=None, *, validate: bool = True) -> pd.DataFrame:
    """Read a labels CSV, a folder of them, or a list of either, in the format of
    ``data/labels/statements.csv`` (ids must be unique across all of them)."""
    frames = []
    for f in _label_files(path):
        df = sio.read_table(f, dtype=str).fillna("")
        missing = [c for c in REQUIRED if c not in df.columns]
        if missing:
            raise sio.InputError(f"{f}: labels file lacks column(s) {', '.join(missing)}")
        df["label"] = df["label"].str.strip().str.lower()
        if validate:
            # rows are counted per file (header = row 1), so messages point at the right line
            bad = df[~df["label"].isin(LABELS)]
            if len(bad):
                raise sio.InputError(f"{f}: {len(bad)} row(s) with unknown label (first at row {bad.index[0] + 2}: "
                                     f"{bad['label'].iloc[0]!r}); use {', '.join(LABELS)}")
        frames.append(df)
    # a column that only some of the files have is "" in the others' rows, as in a single file
    df = pd.concat(frames, ignore_index=True).fillna("")
    for c in LABEL_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    if validate:
        dup = df["id"][df["id"].duplicated() & (df["id"] != "")]
        if len(dup):
            raise sio.InputError(f"{labels_source_name(path)}: duplicate id {dup.iloc[0]!r} "
                                 f"({len(dup)} duplicate(s)); run 'stance labels check'")
    df = df[df["text"].str.strip() != ""].reset_index(drop=True)
    if "group" in df and (df["group"] == "").any():
        df.loc[df["group"] == "", "group"] = df.loc[df["group"] == "", "id"]
    return df


def labels_sha256(labels: pd.DataFrame) -> str:
    """A hash of the labelled content (not file bytes): same rows, same model."""
    cols = [c for c in ("id", "text", "actor", "actor_mention", "label") if c in labels.columns]
    blob = labels[cols].to_csv(index=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def check_labels(path=None, *, actors=None) -> list[str]:
    """Problems in a labels file or folder, each naming file and row; empty when clean."""
    problems: list[str] = []
    files = _label_files(path)
    from .actors import load_actors

    try:
        codes = set(load_actors(actors)["actor"])
    except sio.InputError as exc:
        problems.append(str(exc))
        codes = None
    for f in files:
        try:
            df = sio.read_table(f, dtype=str).fillna("")
        except sio.InputError as exc:
            problems.append(str(exc))
            continue
        missing = [c for c in LABEL_COLUMNS if c not in df.columns]
        if missing:
            problems.append(f"{f}: missing column(s) {', '.join(missing)}")
            if any(c in missing for c in REQUIRED):
                continue
        rows = df.index + 2  # header is row 1
        for i, lab in zip(rows, df["label"]):
            if lab.strip().lower() not in LABELS:
                problems.append(f"{f}:{i}: unknown label {lab!r}")
        dup = df["id"].duplicated(keep=False) & (df["id"] != "")
        for i, v in zip(rows[dup], df["id"][dup]):
            problems.append(f"{f}:{i}: duplicate id {v!r}")
        for i, v in zip(rows, df["id"]):
            if not v.strip():
                problems.append(f"{f}:{i}: empty id")
        if codes is not None and "actor" in df:
            for i, a in zip(rows, df["actor"]):
                if a and a not in codes:
                    problems.append(f"{f}:{i}: unknown actor code {a!r} (not in data/actors.csv)")
        if "actor_mention" in df:
            for i, t, m in zip(rows, df["text"], df["actor_mention"]):
                if m and m not in t:
                    problems.append(f"{f}:{i}: actor_mention {m!r} does not occur in the text")
            if "actor" in df:
                # codebook rule J: a row with no source actor names no mention either
                for i, a, m in zip(rows, df["actor"], df["actor_mention"]):
                    if m and not a:
                        problems.append(f"{f}:{i}: actor_mention {m!r} but no actor code")
        # same text and actor with conflicting labels; duplicate texts for one actor
        key = df["text"].map(normalize_text) + "\x00" + df.get("actor", "")
        for k, g in df.groupby(key):
            if len(g) > 1:
                ids = ", ".join(g["id"].head(4))
                labs = set(g["label"])
                where = ", ".join(str(x + 2) for x in g.index[:4])
                if len(labs) > 1:
                    problems.append(f"{f}:{where}: same text and actor with conflicting labels {sorted(labs)} (ids {ids})")
                else:
                    problems.append(f"{f}:{where}: duplicate text for the same actor (ids {ids})")
        if "id" in df and list(df["id"]) != sorted(df["id"]):
            problems.append(f"{f}: rows are not sorted by id")
    return problems


def agreement(first: pd.DataFrame, second: pd.DataFrame) -> dict:
    """Cohen's kappa, Krippendorff's alpha (nltk) and the confusion table of two passes over the same ids."""
    from nltk.metrics.agreement import AnnotationTask
    from sklearn.metrics import cohen_kappa_score, confusion_matrix, f1_score

    merged = first[["id", "label"]].merge(second[["id", "label"]], on="id", suffixes=("_a", "_b"))
    if merged.empty:
        raise ValueError("the two label sets share no ids")
    a, b = merged["label_a"].to_list(), merged["label_b"].to_list()
    triples = [("a", i, x) for i, x in zip(merged["id"], a)] + [("b", i, x) for i, x in zip(merged["id"], b)]
    task = AnnotationTask(data=triples)
    cm = confusion_matrix(a, b, labels=list(LABELS))
    return {
        "n": int(len(merged)),
        "cohen_kappa": float(cohen_kappa_score(a, b)),
        "krippendorff_alpha": float(task.alpha()),
        "percent_agreement": float(sum(x == y for x, y in zip(a, b)) / len(a)),
        "macro_f1_b_vs_a": float(f1_score(a, b, average="macro", labels=list(LABELS))),
        "confusion": pd.DataFrame(cm, index=[f"first:{x}" for x in LABELS], columns=[f"second:{x}" for x in LABELS]),
        "disagreements": merged[merged["label_a"] != merged["label_b"]],
    }
