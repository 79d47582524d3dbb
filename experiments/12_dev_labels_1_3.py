"""Did the codebook changes move the target of the development sets?

The three real Russia-Ukraine sets of data/eval/ were labelled under codebook 1.0. The corpus
has since moved to 1.3 (rule J for sentences with no source actor; rules C, E and H back to
CAMEO's reading). Two annotators relabelled those sentences under 1.3, blind to the 1.0 labels
and to any model output, keeping each row's source actor (data/eval/dev_labels_1_3.csv: set,
text hash, actor, label). This script reports, per set, how far the 1.3 labels agree with the
1.0 labels, and the default model and the baselines scored against both.
Writes reports/12_dev_labels_1_3/. Skips cleanly when ../shared is absent.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.metrics import cohen_kappa_score  # noqa: E402

from stance.baselines import CueRules, VaderThreshold  # noqa: E402
from stance.evaluate import macro_f1, predict_eval_set, real_eval_sets, record_run, text_key  # noqa: E402
from stance.models import default_model  # noqa: E402

SHARED = ROOT.parent / "shared"
RELABELS = ROOT / "data" / "eval" / "dev_labels_1_3.csv"
OUT = ROOT / "reports" / "12_dev_labels_1_3"


def macro(y, p) -> float:
    return round(macro_f1(y, p), 4)


def main() -> int:
    if not SHARED.exists() or not RELABELS.exists():
        print("../shared or the 1.3 relabels are absent: nothing to compare (skipped)")
        return 0
    new = pd.read_csv(RELABELS, dtype=str, keep_default_na=False).drop_duplicates(["set", "text_sha1", "actor"])
    new = new.set_index(["set", "text_sha1", "actor"])["label"]
    pipe, card = default_model()
    rows = []
    for name, df in real_eval_sets(SHARED).items():
        keys = [(name, text_key(t), a) for t, a in zip(df["text"], df["actor"])]
        have = [k in new.index for k in keys]
        if not any(have):
            continue  # a set labelled under 1.3 from the start (the Syria set) has no 1.0 labels to compare
        df = df[have].reset_index(drop=True)
        y10 = df["label"].to_numpy()
        y13 = new.loc[[k for k, h in zip(keys, have) if h]].to_numpy()
        table = df[["text", "actor"]]
        preds = {"stance": predict_eval_set(df, pipe)["label"].to_numpy(),
                 "cue_rules": CueRules().fit(None).predict(table), "vader": VaderThreshold().fit(None).predict(table)}
        row = {"set": name, "n": len(df), "kappa_1_0_vs_1_3": round(float(cohen_kappa_score(y10, y13)), 4),
               "agreement_1_0_vs_1_3": round(float((y10 == y13).mean()), 4), "macro_f1_1_3_vs_1_0": macro(y10, y13)}
        for model, p in preds.items():
            row[f"{model}_vs_1_0"] = macro(y10, p)
            row[f"{model}_vs_1_3"] = macro(y13, p)
        rows.append(row)
        ct = pd.crosstab(pd.Series(y10, name="label_1_0"), pd.Series(y13, name="label_1_3"))
        OUT.mkdir(parents=True, exist_ok=True)
        ct.to_csv(OUT / f"crosstab_{name}.csv")
    res = pd.DataFrame(rows)
    res.to_csv(OUT / "results.csv", index=False)
    print(res.T.to_string())
    record_run(OUT, metrics={"results": rows, "model_card_training_sha256": card.get("training_sha256", "")},
               inputs=[RELABELS, ROOT / "data" / "eval", ROOT / "data" / "labels" / "statements.csv"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
