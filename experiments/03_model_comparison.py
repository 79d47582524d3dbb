"""Which model reads our corpus best? Grouped cross-validation on data/labels with bootstrap 95% CIs.

Groups keep paraphrases and the actors of one sentence in one fold. Writes
reports/03_model_comparison/ (metrics.json, models.csv, confusion_<model>.png).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.dummy import DummyClassifier  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.model_selection import GroupKFold, cross_val_predict  # noqa: E402

from stance.baselines import CueRules, VaderThreshold  # noqa: E402
from stance.evaluate import bootstrap_ci, confusion_png, record_run  # noqa: E402
from stance.labels import default_labels_path, load_labels  # noqa: E402
from stance.models import LABELS, build_pipeline, training_frame  # noqa: E402

OUT = ROOT / "reports" / "03_model_comparison"
FOLDS = 5
MODELS = ["majority", "vader", "cue_rules", "logreg", "logreg_nested", "svm", "cnb", "sgd", "ensemble"]
C_GRID = [0.25, 0.5, 1.0, 2.0, 4.0]
TOLERANCE = 0.002  # the default C is the smallest within this macro-F1 of the grid's best


def estimator(name):
    if name == "majority":
        return DummyClassifier(strategy="most_frequent")
    if name == "vader":
        return VaderThreshold()
    if name == "cue_rules":
        return CueRules()
    if name == "logreg_nested":
        # nested grouped CV: C is chosen inside each outer training fold
        from sklearn.model_selection import GridSearchCV

        return GridSearchCV(build_pipeline("logreg"), {"clf__C": C_GRID}, cv=GroupKFold(3), scoring="f1_macro")
    return build_pipeline(name)


def main() -> int:
    labels = load_labels()
    X, y = training_frame(labels)
    rows, per_model = [], {}
    for name in MODELS:
        t0 = time.perf_counter()
        params = {"groups": labels["group"]} if name == "logreg_nested" else None
        pred = cross_val_predict(estimator(name), X, y, groups=labels["group"], cv=GroupKFold(FOLDS), params=params)
        secs = time.perf_counter() - t0
        f1 = f1_score(y, pred, average="macro", labels=list(LABELS))
        lo, hi = bootstrap_ci(y, pred)
        rows.append({"model": name, "macro_f1": round(f1, 4), "ci_lo": round(lo, 4), "ci_hi": round(hi, 4),
                     "seconds": round(secs, 1)})
        per_model[name] = pred
        confusion_png(y, pred, OUT / f"confusion_{name}.png", title=f"{name}: grouped {FOLDS}-fold CV on data/labels")
        print(f"{name:10s} macro-F1 {f1:.3f} [{lo:.3f}, {hi:.3f}]  {secs:.1f}s", flush=True)
    df = pd.DataFrame(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT / "models.csv", index=False)
    # C by grouped 5-fold CV over the grid on all labels; the default model's C is chosen on the
    # real development sets with this as the tie-break (experiments/04, variants_on_dev.csv)
    from sklearn.model_selection import GridSearchCV

    gs = GridSearchCV(build_pipeline("logreg"), {"clf__C": C_GRID}, cv=GroupKFold(FOLDS), scoring="f1_macro")
    gs.fit(X, y, groups=labels["group"])
    grid = pd.DataFrame({"C": C_GRID, "macro_f1": np.round(gs.cv_results_["mean_test_score"], 4)})
    grid.to_csv(OUT / "c_grid.csv", index=False)
    chosen = float(grid.loc[grid["macro_f1"] >= grid["macro_f1"].max() - TOLERANCE, "C"].min())
    print(grid.to_string(index=False), "\nC by CV alone:", chosen)
    record_run(OUT, metrics={"cv": rows, "n": int(len(labels)), "c_grid": grid.to_dict("records"), "c_by_cv_alone": chosen},
               inputs=[default_labels_path()],
               params={"folds": FOLDS, "cv": "GroupKFold by group", "nested_C_grid": C_GRID})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
