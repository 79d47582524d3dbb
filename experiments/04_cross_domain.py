"""Does a model trained only on our corpus read other people's labelled news right?

Evaluates the default model (trained on data/labels only) and the baselines on
every labelled set in ../shared/labelled (mapped to our labels, see
stance/external.py) and on the team's real-text evaluation sets in data/eval/
(labels keyed by text hash; the texts stay in ../shared). Also scores variants of the pipeline
(other C values, other classifiers, cue features weighted up, unigrams, pruned vocabularies) on the three real Russia-Ukraine
sets, which pick the default C (variants_on_dev.csv).
Skips cleanly when ../shared is absent. Writes reports/04_cross_domain/.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from stance.baselines import CueRules, VaderThreshold  # noqa: E402
from stance.evaluate import (  # noqa: E402
    all_eval_sets,
    bootstrap_ci,
    confusion_png,
    label_space,
    macro_f1,
    predict_eval_set,
    record_run,
)
from stance.labels import default_labels_path  # noqa: E402
from stance.models import default_model  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "reports" / "04_cross_domain"
C_GRID = (0.5, 1.0, 2.0)
CUE_WEIGHTS = (2.0, 5.0)


RU_UA = ("real_seed_statements", "real_press_statements", "real_headlines_2021_22")


def variants_on_dev(sets: dict) -> pd.DataFrame:
    """The default pipeline with other C values, other classifiers, and cue and style features
    weighted up, on the real Russia-Ukraine development sets (the default C is the best mean
    here, ties broken by grouped CV: see stance/models.py)."""
    from stance.features import WordNgrams
    from stance.labels import load_labels
    from stance.models import build_pipeline, training_frame

    X, y = training_frame(load_labels())
    variants = [(f"logreg C={C}", "logreg", {"clf__C": C}) for C in C_GRID]
    variants += [(kind, kind, {}) for kind in ("svm", "ensemble", "sgd", "cnb")]
    variants += [(f"logreg, cues and style x{w}", "logreg", {"features__transformer_weights": {"cues": w, "style": w}})
                 for w in CUE_WEIGHTS]
    variants += [("logreg, word unigrams only", "logreg", {"features__word__analyzer": WordNgrams(ngram_range=(1, 1)),
                                                          "features__clause__analyzer": WordNgrams(ngram_range=(1, 1))}),
                 ("logreg, min_df 5", "logreg", {"features__word__min_df": 5, "features__clause__min_df": 5})]
    rows = []
    for label, kind, params in variants:
        pipe = build_pipeline(kind)
        pipe.set_params(**params)
        pipe.fit(X, y)
        row = {"variant": label}
        for name in RU_UA:
            if name in sets:
                df = sets[name]
                row[name] = round(macro_f1(df["label"].to_numpy(), predict_eval_set(df, pipe)["label"].to_numpy()), 4)
        row["mean"] = round(float(np.mean([row[n] for n in RU_UA if n in row])), 4) if len(row) > 1 else None
        rows.append(row)
    return pd.DataFrame(rows)


def main() -> int:
    if not SHARED.exists():
        print(f"{SHARED} not found: nothing to evaluate (skipped)")
        return 0
    pipe, card = default_model()
    sets = all_eval_sets(SHARED)
    results = []
    OUT.mkdir(parents=True, exist_ok=True)
    for name, df in sets.items():
        y = df["label"].to_numpy()
        labels, binary = label_space(y)
        table = df[["text", "actor"]].copy()
        preds = {"stance": predict_eval_set(df, pipe)["label"].to_numpy()}
        preds["vader"] = VaderThreshold().fit(None).predict(table)
        preds["cue_rules"] = CueRules().fit(None).predict(table)
        maj = pd.Series(y).mode()[0]
        preds["majority"] = np.array([maj] * len(y))
        for model, p in preds.items():
            if binary:
                p = np.where(p == "escalatory", "escalatory", "other")
            f1 = macro_f1(y, p, labels)
            lo, hi = bootstrap_ci(y, p, metric=lambda a, b: macro_f1(a, b, labels))
            results.append({"set": name, "model": model, "n": len(y), "macro_f1": round(f1, 4), "ci_lo": round(lo, 4),
                            "ci_hi": round(hi, 4), "labels": "/".join(labels),
                            "unmatched_labels": int(df.attrs.get("unmatched_labels", 0))})
            print(f"{name:28s} {model:10s} n={len(y):5d} macro-F1 {f1:.3f} [{lo:.3f}, {hi:.3f}]", flush=True)
        confusion_png(y, preds["stance"], OUT / f"confusion_{name}.png", title=f"stance default model on {name}", labels=labels)
    res = pd.DataFrame(results)
    res.to_csv(OUT / "results.csv", index=False)
    c_dev = variants_on_dev(sets)
    c_dev.to_csv(OUT / "variants_on_dev.csv", index=False)
    print(c_dev.to_string(index=False))
    record_run(OUT, metrics={"results": results, "model_card_training_sha256": card.get("training_data_sha256"),
                             "variants_on_dev": c_dev.to_dict(orient="records")},
               inputs=[default_labels_path(), SHARED / "labelled", ROOT / "data" / "eval"],
               params={"model": "default (logreg)"})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
