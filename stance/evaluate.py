"""Evaluation: scores of a model on labelled statements, and agreement reports."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from sklearn.metrics import classification_report, f1_score

from . import io as sio
from .labels import LABELS


def evaluate_model(labels_path=None, model=None) -> dict:
    """Macro-F1 and a per-class report of ``model`` on a labels file."""
    from .labels import load_labels
    from .predict import predict_frame

    labels = load_labels(labels_path)
    pred = predict_frame(labels, model)["label"]
    return {"n": len(labels), "macro_f1": float(f1_score(labels["label"], pred, average="macro", labels=list(LABELS))),
            "report": classification_report(labels["label"], pred, labels=list(LABELS), digits=3, zero_division=0)}


def agreement_report(first=None, second=None, out="reports/agreement") -> dict:
    """Agreement of the second pass with the first; writes metrics.json, confusion.csv, disagreements.csv."""
    from .labels import agreement, default_labels_path, load_labels

    first = first or default_labels_path()
    second = second or Path(default_labels_path()).with_name("second_pass.csv")
    a = load_labels(first, validate=False)
    b = sio.read_table(second, dtype=str)
    for c in ("id", "label"):
        if c not in b.columns:
            raise sio.InputError(f"{second}: lacks column '{c}' (needs id,label,annotator)")
    b["label"] = b["label"].str.strip().str.lower()
    bad = b[~b["label"].isin(LABELS)]
    if len(bad):
        raise sio.InputError(f"{second}: {len(bad)} row(s) with unknown label (first: id {bad['id'].iloc[0]!r}, "
                             f"{bad['label'].iloc[0]!r}); use {', '.join(LABELS)}")
    dup = b["id"][b["id"].duplicated()]
    if len(dup):
        raise sio.InputError(f"{second}: duplicate id {dup.iloc[0]!r} ({len(dup)} duplicate(s))")
    # Agreement is measured on the labels as the writers gave them: where an adjudication file
    # records a writer's original label (label_a), that label replaces the adjudicated one.
    adj_path = Path(second).with_name("adjudication.csv")
    adjudicated = None
    if adj_path.exists():
        adj = sio.read_table(adj_path, dtype=str)
        original = dict(zip(adj["id"], adj["label_a"]))
        adjudicated = a.copy()
        a = a.assign(label=[original.get(i, lab) for i, lab in zip(a["id"], a["label"])])
    try:
        res = agreement(a, b)
        after = agreement(adjudicated, b) if adjudicated is not None else None
    except ValueError as exc:
        raise sio.InputError(f"{first} vs {second}: {exc}") from None
    out = Path(out)
    sio.write_table(res["confusion"].reset_index(names="first_pass"), out / "confusion.csv")
    dis = res["disagreements"].merge(a[["id", "text", "actor"]], on="id", how="left")
    sio.write_table(dis, out / "disagreements.csv")
    metrics = {k: v for k, v in res.items() if k not in ("confusion", "disagreements")}
    metrics["measured_on"] = "writers' original labels (before adjudication)" if adjudicated is not None else "first file as is"
    if after is not None:
        metrics["after_adjudication"] = {k: after[k] for k in ("n", "cohen_kappa", "krippendorff_alpha", "percent_agreement")}
    metrics.update({"first": str(first), "second": str(second), "first_sha256": sio.sha256_file(first) if Path(first).is_file() else "",
                    "second_sha256": sio.sha256_file(second)})
    sio.write_json_atomic(out / "metrics.json", metrics)
    return res


def git_commit() -> str:
    import subprocess

    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True,
                              cwd=Path(__file__).resolve().parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def record_run(report_dir, *, metrics: dict, inputs=(), params: dict | None = None) -> Path:
    """Write ``report_dir/metrics.json`` with commit, versions, input SHA-256s, params and metrics."""
    from .models import versions

    report_dir = Path(report_dir)
    hashes = {}
    for p in inputs:
        p = Path(p)
        if p.is_file():
            hashes[str(p)] = sio.sha256_file(p)
        elif p.is_dir():
            import hashlib

            h = hashlib.sha256()
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                h.update(f.name.encode())
                h.update(sio.sha256_file(f).encode())
            hashes[str(p) + "/"] = h.hexdigest()
    doc = {"git_commit": git_commit(), "versions": versions(), "inputs_sha256": hashes, "params": params or {},
           "metrics": metrics}
    sio.write_json_atomic(report_dir / "metrics.json", doc)
    return report_dir / "metrics.json"


def macro_f1(y_true, y_pred, labels=LABELS) -> float:
    """Macro-F1 over ``labels`` (a label absent from both counts 0), as every report computes it."""
    return float(f1_score(y_true, y_pred, average="macro", labels=list(labels), zero_division=0))


def bootstrap_ci(y_true, y_pred, *, n_boot: int = 1000, seed: int = 13, metric=None) -> tuple[float, float]:
    """95% bootstrap interval of macro-F1 (or ``metric``) over resampled rows."""
    import numpy as np

    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    metric = metric or (lambda a, b: f1_score(a, b, average="macro", labels=sorted(set(a)), zero_division=0))
    rng = np.random.default_rng(seed)
    stats = []
    for _ in range(n_boot):
        idx = rng.integers(0, len(y_true), len(y_true))
        stats.append(metric(y_true[idx], y_pred[idx]))
    return float(np.percentile(stats, 2.5)), float(np.percentile(stats, 97.5))


def confusion_png(y_true, y_pred, path, *, title: str = "", labels=LABELS) -> None:
    """A confusion-matrix PNG (rows: gold, columns: predicted)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    fig, ax = plt.subplots(figsize=(5, 4.4))
    ConfusionMatrixDisplay.from_predictions(y_true, y_pred, labels=list(labels), ax=ax, colorbar=False, cmap="Blues")
    ax.set_title(title, fontsize=9)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=150, bbox_inches="tight")
    plt.close(fig)


def text_key(text: str) -> str:
    """A stable key for a sentence: SHA-1 of its whitespace-normalised text."""
    import hashlib
    import re

    return hashlib.sha1(re.sub(r"\s+", " ", str(text)).strip().encode("utf-8")).hexdigest()


def _sentences_of_shared(shared, kind: str) -> dict:
    """key -> sentence text for the real material the eval sets point into."""
    from .articles import read_articles
    from .sentences import split_paragraph, split_sentences

    shared = Path(shared)
    out = {}
    if kind == "seeds":
        arts, _ = read_articles([shared / "seeds"])
        for a in arts.itertuples():
            for s in split_sentences([p for p in a.text.split("\n") if p.strip()], title=a.title):
                out[text_key(s)] = s
    elif kind == "syria":
        p = shared / "corpora" / "guardian_syria_articles_2017_2019.csv"
        if p.exists():
            for text in pd.read_csv(p)["text"].dropna():
                for s in split_paragraph(str(text)):
                    out[text_key(s)] = s
    elif kind == "press":
        for fname in ("kremlin_press_releases_2021-10_2022-06.csv", "zelenskyy_press_releases_2021-10_2022-06.csv"):
            p = shared / "corpora" / fname
            if not p.exists():
                continue
            df = pd.read_csv(p)
            for body in df["body"].dropna():
                for para in str(body).split("\n"):
                    for s in split_paragraph(para):
                        out[text_key(s)] = s
    return out


def real_eval_sets(shared) -> dict:
    """The team's labels on real text (data/eval/*.csv, keyed by text hash) joined to ../shared texts."""
    ev = sio.data_dir() / "eval"
    shared = Path(shared)
    sets = {}
    if not ev.exists() or not shared.exists():
        return sets
    hl = ev / "real_headlines.csv"
    if hl.exists():
        lab = pd.read_csv(hl, dtype=str, keep_default_na=False)
        rows = []
        for fname, g in lab.groupby("file"):
            src = pd.read_csv(shared / "corpora" / fname)
            col = "title" if "title" in src.columns else "heading"
            for r in g.itertuples():
                text = str(src.loc[int(r.row), col])
                if text_key(text) == r.text_sha1:
                    rows.append({"text": text, "actor": r.actor, "actor_mention": "", "label": r.label})
        sets["real_headlines_2021_22"] = pd.DataFrame(rows)
        sets["real_headlines_2021_22"].attrs["unmatched_labels"] = int(len(lab) - len(rows))
    for name, kind, fname in (("real_seed_statements", "seeds", "real_seed_statements.csv"),
                              ("real_press_statements", "press", "real_press_statements.csv"),
                              ("real_syria_statements", "syria", "real_syria_statements.csv")):
        p = ev / fname
        if not p.exists():
            continue
        lab = pd.read_csv(p, dtype=str, keep_default_na=False)
        texts = _sentences_of_shared(shared, kind)
        lab = lab[lab["label"] != ""]
        rows = [{"text": texts[k], "actor": a, "actor_mention": "", "label": lbl}
                for k, a, lbl in zip(lab["text_sha1"], lab["actor"], lab["label"]) if k in texts]
        sets[name] = pd.DataFrame(rows)
        # labels whose sentence our current segmentation no longer produces are counted, not hidden
        sets[name].attrs["unmatched_labels"] = int(len(lab) - len(rows))
    return sets


def blind_test_set(shared) -> pd.DataFrame | None:
    """The untouched real test set (data/eval/blind_test.csv, labels keyed by text hash), joined to
    its ../shared texts; None when either is absent. Rows whose text no longer resolves are counted
    in ``attrs["unmatched_labels"]``."""
    p = sio.data_dir() / "eval" / "blind_test.csv"
    shared = Path(shared)
    if not p.exists() or not shared.exists():
        return None
    lab = pd.read_csv(p, dtype=str, keep_default_na=False)
    texts = {}
    for kind in sorted(set(lab["kind"]) - {"headline"}):
        texts.update(_sentences_of_shared(shared, kind))
    rows, sources = [], {}
    for r in lab.itertuples():
        if r.kind == "headline":
            if r.file not in sources:
                f = shared / "corpora" / r.file
                sources[r.file] = pd.read_csv(f) if f.is_file() else None
            src = sources[r.file]
            text = None
            if src is not None and str(r.row).isdigit() and int(r.row) in src.index:
                text = str(src.loc[int(r.row), "title" if "title" in src.columns else "heading"])
                text = text if text_key(text) == r.text_sha1 else None
        else:
            text = texts.get(r.text_sha1)
        if text is not None:
            rows.append({"text": text, "actor": r.actor, "actor_mention": "", "label": r.label, "kind": r.kind})
    df = pd.DataFrame(rows)
    df.attrs["unmatched_labels"] = int(len(lab) - len(rows))
    return df


def label_space(y) -> tuple[list[str], bool]:
    """The labels a set is scored on: ours, or escalatory/other for a binary set (UNSC)."""
    binary = set(y) == {"escalatory", "other"}
    return (["escalatory", "other"] if binary else list(LABELS)), binary


def predict_eval_set(df: pd.DataFrame, model) -> pd.DataFrame:
    """Labels and probabilities for an evaluation set: by the given mention when the set has
    one, else by the actor column (a code or a name), else the sentence as a whole."""
    import numpy as np

    from .predict import classify, predict_frame

    if "actor_mention" in df and (df["actor_mention"] != "").any():
        out = predict_frame(df[["text", "actor", "actor_mention"]], model)
    else:
        out = classify(df[["text", "actor"]].copy(), model, actor_col="actor")
    if label_space(df["label"])[1]:
        out["label"] = np.where(out["label"] == "escalatory", "escalatory", "other")
    return out


def all_eval_sets(shared) -> dict:
    """Every labelled set to measure against: other people's (stance.external) and the team's
    labels of real text (data/eval); sets whose files are absent are left out."""
    from .external import LOADERS, load_external

    sets = {name: load_external(name, shared) for name in LOADERS}
    sets.update(real_eval_sets(shared))
    return {name: df for name, df in sets.items() if df is not None and not df.empty}
