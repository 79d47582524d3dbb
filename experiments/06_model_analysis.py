"""What drives the default model, where does it fail, and is it calibrated?

On data/labels with grouped 5-fold CV: feature-group ablation, learning curve,
per-crisis and per-actor macro-F1, reliability diagram and ECE, then top
features per class (model fit on all labels) and the 30 worst CV errors.
Writes reports/06_model_analysis/.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from sklearn.model_selection import GroupKFold, cross_val_predict  # noqa: E402

from stance.evaluate import macro_f1, record_run  # noqa: E402
from stance.labels import default_labels_path, load_labels  # noqa: E402
from stance.models import DEFAULT_GROUPS, FEATURE_GROUPS, build_pipeline, train, training_frame  # noqa: E402

OUT = ROOT / "reports" / "06_model_analysis"
FOLDS = 5
SEED = 13


def cv_proba(labels, groups=DEFAULT_GROUPS):
    X, y = training_frame(labels)
    pipe = build_pipeline("logreg", groups=groups)
    proba = cross_val_predict(pipe, X, y, groups=labels["group"], cv=GroupKFold(FOLDS), method="predict_proba")
    classes = sorted(set(y))
    return proba, classes


def macro(y, p):
    return macro_f1(y, p)


def ece(conf, correct, bins=10):
    edges = np.linspace(0, 1, bins + 1)
    total, rows = 0.0, []
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += m.mean() * abs(correct[m].mean() - conf[m].mean())
            rows.append((conf[m].mean(), correct[m].mean(), int(m.sum())))
    return total, rows


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    labels = load_labels()
    y = labels["label"].to_numpy()
    metrics = {}

    proba, classes = cv_proba(labels)
    pred = np.array(classes)[proba.argmax(1)]
    metrics["cv_macro_f1_full"] = round(macro(y, pred), 4)
    print("full", metrics["cv_macro_f1_full"], flush=True)

    # ablation: the default plus each group it leaves out, drop one default group at a time, single groups
    abl = [{"groups": "default", "macro_f1": metrics["cv_macro_f1_full"]}]
    for g in [g for g in FEATURE_GROUPS if g not in DEFAULT_GROUPS] + [FEATURE_GROUPS]:
        groups = FEATURE_GROUPS if isinstance(g, tuple) else DEFAULT_GROUPS + (g,)
        p, c = cv_proba(labels, groups)
        name = "all groups" if isinstance(g, tuple) else f"default + {g}"
        abl.append({"groups": name, "macro_f1": round(macro(y, np.array(c)[p.argmax(1)]), 4)})
        print(abl[-1], flush=True)
    for g in DEFAULT_GROUPS:
        rest = tuple(x for x in DEFAULT_GROUPS if x != g)
        p, c = cv_proba(labels, rest)
        abl.append({"groups": f"default - {g}", "macro_f1": round(macro(y, np.array(c)[p.argmax(1)]), 4)})
        print(abl[-1], flush=True)
    for g in ("word", "cues", "vader"):
        p, c = cv_proba(labels, (g,))
        abl.append({"groups": f"{g} only", "macro_f1": round(macro(y, np.array(c)[p.argmax(1)]), 4)})
        print(abl[-1], flush=True)
    pd.DataFrame(abl).to_csv(OUT / "ablation.csv", index=False)
    metrics["ablation"] = abl

    # learning curve over fractions of scenario groups
    rng = np.random.default_rng(SEED)
    groups = labels["group"].unique()
    rng.shuffle(groups)
    lc = []
    for frac in (0.125, 0.25, 0.5, 0.75, 1.0):
        keep = set(groups[: max(10, int(len(groups) * frac))])
        sub = labels[labels["group"].isin(keep)].reset_index(drop=True)
        p, c = cv_proba(sub)
        lc.append({"fraction": frac, "n": len(sub), "macro_f1": round(macro(sub["label"], np.array(c)[p.argmax(1)]), 4)})
        print(lc[-1], flush=True)
    pd.DataFrame(lc).to_csv(OUT / "learning_curve.csv", index=False)
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.plot([r["n"] for r in lc], [r["macro_f1"] for r in lc], marker="o")
    ax.set_xscale("log", base=2)
    ax.set_xlabel("training statements (log2)")
    ax.set_ylabel("grouped-CV macro-F1")
    ax.set_title("Learning curve (logreg, all features)", fontsize=10)
    fig.savefig(OUT / "learning_curve.png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    metrics["learning_curve"] = lc

    # breakdowns
    df = labels.assign(pred=pred, conf=proba.max(1))
    per_crisis = df.groupby("crisis").apply(lambda g: pd.Series({"n": len(g), "macro_f1": round(macro(g["label"], g["pred"]), 4)}),
                                            include_groups=False).reset_index()
    per_actor = df.groupby("actor").apply(lambda g: pd.Series({"n": len(g), "macro_f1": round(macro(g["label"], g["pred"]), 4)}),
                                          include_groups=False).reset_index().sort_values("n", ascending=False)
    per_crisis.to_csv(OUT / "per_crisis.csv", index=False)
    per_actor.to_csv(OUT / "per_actor.csv", index=False)
    if "phenomena" in df:
        ph = df.assign(tag=df["phenomena"].str.split(";")).explode("tag")
        ph["tag"] = ph["tag"].replace("", "plain")
        per_tag = ph.groupby("tag").apply(lambda g: pd.Series({"n": len(g), "macro_f1": round(macro(g["label"], g["pred"]), 4)}),
                                          include_groups=False).reset_index()
        per_tag.to_csv(OUT / "per_phenomenon.csv", index=False)

    # calibration
    correct = (df["pred"] == df["label"]).to_numpy().astype(float)
    e, rows = ece(df["conf"].to_numpy(), correct)
    metrics["ece"] = round(e, 4)
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.plot([0, 1], [0, 1], ls=":", color="#888")
    ax.plot([r[0] for r in rows], [r[1] for r in rows], marker="o")
    ax.set_xlabel("confidence (top class probability)")
    ax.set_ylabel("accuracy")
    ax.set_title(f"Reliability, grouped CV (ECE {e:.3f})", fontsize=10)
    fig.savefig(OUT / "reliability.png", dpi=150, bbox_inches="tight")
    plt.close(fig)

    # worst errors and top features
    worst = df[df["pred"] != df["label"]].sort_values("conf", ascending=False).head(30)
    worst[["id", "text", "actor", "label", "pred", "conf", "crisis"]].to_csv(OUT / "worst_errors.csv", index=False)
    pipe = train(labels)
    names = pipe.named_steps["features"].get_feature_names_out()
    coef = pipe.named_steps["clf"].coef_
    top = []
    for i, cls in enumerate(pipe.named_steps["clf"].classes_):
        for j in np.argsort(coef[i])[::-1][:25]:
            top.append({"class": cls, "feature": names[j], "weight": round(float(coef[i, j]), 4)})
    pd.DataFrame(top).to_csv(OUT / "top_features.csv", index=False)
    record_run(OUT, metrics=metrics, inputs=[default_labels_path()], params={"folds": FOLDS, "seed": SEED})
    print({k: v for k, v in metrics.items() if k not in ("ablation", "learning_curve")})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
