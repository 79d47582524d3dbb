"""Would a vote from the cue-lexicon rules help the model on real text?

p = (1 - w) * p_model + w * onehot(cue rules). The weight is chosen on other
people's labelled sets (ConfliBERT, PLOVER, PETRARCH-2, directed sentiment: the
dev sets) and then read off on the team's real Russia-Ukraine sets (the test
sets). Writes reports/08_cue_vote/ (metrics.json, grid.csv). Skips without ../shared.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.metrics import f1_score  # noqa: E402

from stance.baselines import CueRules  # noqa: E402
from stance.evaluate import real_eval_sets, record_run  # noqa: E402
from stance.external import load_external  # noqa: E402
from stance.models import LABELS, default_model  # noqa: E402
from stance.predict import PROB_COLUMNS, classify  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "reports" / "08_cue_vote"
DEV = ("conflibert_cameo", "plover_gsr", "petrarch2_gsr", "directed_sentiment_test")
WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)


def main() -> int:
    if not SHARED.exists():
        print(f"{SHARED} not found (skipped)")
        return 0
    pipe, _ = default_model()
    rules = CueRules().fit(None)
    sets = {k: load_external(k, SHARED) for k in DEV}
    sets.update(real_eval_sets(SHARED))
    probs = {}
    for name, df in sets.items():
        pm = classify(df[["text", "actor"]], pipe, actor_col="actor")[PROB_COLUMNS].to_numpy()
        votes = rules.predict(df[["text"]])
        pc = np.array([[v == lab for lab in LABELS] for v in votes], dtype=float)
        probs[name] = (pm, pc)
    rows = []
    for w in WEIGHTS:
        for name, df in sets.items():
            pm, pc = probs[name]
            pred = np.array(LABELS)[((1 - w) * pm + w * pc).argmax(1)]
            rows.append({"weight": w, "set": name, "role": "dev" if name in DEV else "test",
                         "macro_f1": round(f1_score(df["label"], pred, average="macro", labels=list(LABELS)), 4)})
    grid = pd.DataFrame(rows)
    dev_mean = grid[grid["role"] == "dev"].groupby("weight")["macro_f1"].mean()
    best = float(dev_mean.idxmax())
    test = grid[(grid["role"] == "test")].pivot(index="set", columns="weight", values="macro_f1")
    OUT.mkdir(parents=True, exist_ok=True)
    grid.to_csv(OUT / "grid.csv", index=False)
    metrics = {"dev_mean_by_weight": dev_mean.round(4).to_dict(), "chosen_weight_on_dev": best,
               "test_at_chosen_weight": test[best].to_dict(), "test_at_weight_0": test[0.0].to_dict()}
    record_run(OUT, metrics=metrics, inputs=[SHARED / "labelled", ROOT / "data" / "eval"], params={"weights": WEIGHTS})
    print(test.to_string())
    print("chosen on dev:", best)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
