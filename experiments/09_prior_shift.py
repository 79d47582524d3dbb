"""Does re-estimating class priors on the unlabelled target text help on real news?

The model is trained with balanced class weights, so its probabilities assume equal
priors. Real sets have other priors (headlines are mostly escalatory, press releases
mostly neutral). The EM procedure of Saerens, Latinne and Decaestecker (2002) estimates
a target set's priors from the model's own probabilities, with no labels, and reweights
the posteriors. Read off on every labelled set in ../shared/labelled and the team's real
sets.

A supervised variant: class offsets added to the log-probabilities, chosen on two of the three
real Russia-Ukraine sets (grid -1.5..1.5 for conciliatory and neutral, escalatory fixed) and
read off on the third (leave one set out), so a gain would show that a fixed shift transfers.

Writes reports/09_prior_shift/ (metrics.json, results.csv, offsets.csv). Skips without ../shared.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from stance.evaluate import all_eval_sets, label_space, macro_f1, predict_eval_set, record_run  # noqa: E402
from stance.models import LABELS, default_model  # noqa: E402
from stance.predict import PROB_COLUMNS  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "reports" / "09_prior_shift"


def em_priors(P: np.ndarray, train_prior: np.ndarray, iters: int = 200, tol: float = 1e-6):
    """Saerens et al. (2002): target priors and reweighted posteriors, from probabilities alone."""
    pi = train_prior.copy()
    Q = P
    for _ in range(iters):
        Q = P * (pi / train_prior)
        Q = Q / Q.sum(1, keepdims=True)
        new = Q.mean(0)
        if np.abs(new - pi).max() < tol:
            break
        pi = new
    return Q, pi


RU_UA = ("real_seed_statements", "real_press_statements", "real_headlines_2021_22")


def offsets_left_out(sets: dict, pipe) -> pd.DataFrame:
    """Class offsets chosen on two real Russia-Ukraine sets, scored on the third."""
    labels = np.array(LABELS)
    logp = {}
    for name in RU_UA:
        if name in sets:
            P = predict_eval_set(sets[name], pipe)[PROB_COLUMNS].to_numpy()
            logp[name] = (np.log(P + 1e-9), sets[name]["label"].to_numpy())

    def f1(name, off):
        lp, y = logp[name]
        return macro_f1(y, labels[(lp + off).argmax(1)])

    grid = np.round(np.arange(-1.5, 1.51, 0.1), 2)
    cands = []
    for a in grid:
        for b in grid:
            o = np.zeros(len(LABELS))
            o[list(LABELS).index("conciliatory")], o[list(LABELS).index("neutral")] = a, b
            cands.append(o)
    cands.sort(key=lambda o: np.abs(o).sum())  # max() keeps the first best: ties go to the smallest shift
    rows = []
    for held in logp:
        train = [n for n in logp if n != held]
        if not train:
            continue
        best = max(cands, key=lambda o: np.mean([f1(n, o) for n in train]))
        rows.append({"held_out": held, "offsets": "/".join(f"{x:+.1f}" for x in best),
                     "chosen_on": round(float(np.mean([f1(n, best) for n in train])), 4),
                     "chosen_on_without": round(float(np.mean([f1(n, np.zeros(len(LABELS))) for n in train])), 4),
                     "held_out_with": round(float(f1(held, best)), 4),
                     "held_out_without": round(float(f1(held, np.zeros(len(LABELS)))), 4)})
    return pd.DataFrame(rows)


def main() -> int:
    if not SHARED.exists():
        print(f"{SHARED} not found (skipped)")
        return 0
    pipe, _ = default_model()
    sets = all_eval_sets(SHARED)
    labels = np.array(LABELS)
    uniform = np.full(len(LABELS), 1 / len(LABELS))
    rows = []
    for name, df in sets.items():
        y = df["label"].to_numpy()
        labs, binary = label_space(y)
        P = predict_eval_set(df, pipe)[PROB_COLUMNS].to_numpy()
        Q, pi = em_priors(P, uniform)
        row = {"set": name, "n": len(y)}
        for kind, probs in (("model", P), ("em_prior", Q)):
            pred = labels[probs.argmax(1)]
            if binary:
                pred = np.where(pred == "escalatory", "escalatory", "other")
            row[kind] = round(macro_f1(y, pred, labs), 4)
        row["estimated_prior"] = "/".join(f"{x:.2f}" for x in pi)
        row["true_prior"] = "/".join(f"{(y == c).mean():.2f}" for c in LABELS) if not binary else ""
        rows.append(row)
        print(row, flush=True)
    res = pd.DataFrame(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    res.to_csv(OUT / "results.csv", index=False)
    off = offsets_left_out(sets, pipe)
    off.to_csv(OUT / "offsets.csv", index=False)
    print(off.to_string(index=False))
    record_run(OUT, metrics={"results": rows, "mean_model": round(res["model"].mean(), 4),
                             "mean_em_prior": round(res["em_prior"].mean(), 4),
                             "offsets_left_out": off.to_dict(orient="records")},
               inputs=[SHARED / "labelled", ROOT / "data" / "eval"], params={"prior_order": list(LABELS)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
