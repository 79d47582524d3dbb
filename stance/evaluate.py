"""Evaluation: scores of a model on labelled statements, and agreement reports."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from sklearn.metrics import classification_report, f1_score

from . import io as sio
from .models import LABELS


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
    res = agreement(a, b)
    out = Path(out)
    sio.write_table(res["confusion"].reset_index(names="first_pass"), out / "confusion.csv")
    dis = res["disagreements"].merge(a[["id", "text", "actor"]], on="id", how="left")
    sio.write_table(dis, out / "disagreements.csv")
    metrics = {k: v for k, v in res.items() if k not in ("confusion", "disagreements")}
    metrics.update({"first": str(first), "second": str(second), "first_sha256": sio.sha256_file(first) if Path(first).is_file() else "",
                    "second_sha256": sio.sha256_file(second)})
    sio.write_json_atomic(out / "metrics.json", metrics)
    return res
