"""How many labelled sentences of the target text close the gap on real news?

The default model is trained on our corpus alone. A user can add labels of their own text
(``stance annotate`` draws them, ``stance train --labels`` folds them in). This measures what that
buys on each development set and on other people's CAMEO-coded sets: 5-fold cross-validation
within the set; each fold's model is trained on data/labels plus k rows of the other folds, those
rows weighted w, and scored on the held-out fold. "in-domain only" trains the same pipeline on the
k rows alone (the issue's in-domain bag-of-words yardstick). Predictions are pooled over folds.

Never run on the blind test set. The result says nothing about the default model, which stays
trained on data/labels only. Skips cleanly when ../shared is absent.
Writes reports/14_in_domain_labels/.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.model_selection import StratifiedKFold  # noqa: E402

from stance.evaluate import all_eval_sets, bootstrap_ci, macro_f1, predict_eval_set, record_run  # noqa: E402
from stance.labels import default_labels_path, load_labels  # noqa: E402
from stance.models import DEFAULT_SEED, build_pipeline, training_frame  # noqa: E402
from stance.predict import statement_frame  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "reports" / "14_in_domain_labels"
SETS = ("real_headlines_2021_22", "real_press_statements", "real_seed_statements", "conflibert_cameo", "plover_gsr")
KS = (50, 200, "all")
WEIGHTS = (1.0, 10.0)
FOLDS = 5


def model_input(df: pd.DataFrame) -> pd.DataFrame:
    """Rows of an evaluation set as the model reads them (as ``predict_eval_set`` does)."""
    if "actor_mention" in df and (df["actor_mention"] != "").any():
        return df[["text", "actor", "actor_mention"]].reset_index(drop=True)
    return statement_frame(df.reset_index(drop=True), actor_col="actor").reset_index(drop=True)


def fit(X: pd.DataFrame, y: np.ndarray, w: np.ndarray | None = None):
    pipe = build_pipeline("logreg")
    pipe.fit(X, y, **({"clf__sample_weight": w} if w is not None else {}))
    return pipe


def main() -> int:
    if not SHARED.exists():
        print(f"{SHARED} not found: nothing to evaluate (skipped)")
        return 0
    sets = all_eval_sets(SHARED)
    base_X, base_y = training_frame(load_labels())
    base_X = base_X.reset_index(drop=True)
    default = fit(base_X, base_y)
    rows = []
    t_start = time.perf_counter()
    for name in SETS:
        if name not in sets:
            continue
        df = sets[name].reset_index(drop=True)
        y = df["label"].to_numpy()
        Xs = model_input(df)
        preds: dict = {("corpus only (the default model)", None): dict(enumerate(predict_eval_set(df, default)["label"]))}
        folds = StratifiedKFold(FOLDS, shuffle=True, random_state=DEFAULT_SEED).split(Xs, y)
        for fold, (tr, te) in enumerate(folds):
            # one fixed order of the training fold, so the k=50 rows are among the k=200 rows
            order = np.random.default_rng(DEFAULT_SEED + fold).permutation(tr)
            test = df.iloc[te]
            for k in KS:
                take = order if k == "all" else order[: min(k, len(order))]
                X_in, y_in = Xs.iloc[take], y[take]
                for w in WEIGHTS:
                    pipe = fit(pd.concat([base_X, X_in], ignore_index=True), np.concatenate([base_y, y_in]),
                               np.concatenate([np.ones(len(base_y)), np.full(len(y_in), w)]))
                    preds.setdefault((f"corpus + {k} in-domain", w), {}).update(
                        zip(te, predict_eval_set(test, pipe)["label"]))
                if len(set(y_in)) == len(set(y)):
                    pipe = fit(X_in, y_in)
                    preds.setdefault((f"{k} in-domain only", None), {}).update(
                        zip(te, predict_eval_set(test, pipe)["label"]))
            print(f"{name} fold {fold + 1}/{FOLDS} done ({time.perf_counter() - t_start:.0f} s)", flush=True)
        for (variant, w), p in preds.items():
            if len(p) < len(df):
                continue  # a fold lacked a class for the in-domain-only model
            pred = np.array([p[i] for i in range(len(df))])
            lo, hi = bootstrap_ci(y, pred)
            rows.append({"set": name, "n": len(df), "variant": variant, "weight": w,
                         "macro_f1": round(macro_f1(y, pred), 4), "ci_lo": round(lo, 4), "ci_hi": round(hi, 4)})
            print(rows[-1], flush=True)
    res = pd.DataFrame(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    res.to_csv(OUT / "results.csv", index=False)
    print(res.to_string(index=False))
    record_run(OUT, metrics={"results": rows}, inputs=[default_labels_path(), ROOT / "data" / "eval", SHARED / "labelled"],
               params={"folds": FOLDS, "ks": [str(k) for k in KS], "weights": list(WEIGHTS), "seed": DEFAULT_SEED})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
