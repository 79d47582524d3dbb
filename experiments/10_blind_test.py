"""How does the default model do on real text nobody developing it has looked at?

The real sets of experiment 04 have been read during error analysis, so they are dev sets.
This script keeps a separate, untouched test set:

  python experiments/10_blind_test.py --sample SHEET.csv   # draw the sentences to annotate
  python experiments/10_blind_test.py                      # score it -> reports/10_blind_test/

The sample is drawn with a fixed seed from real material not used by data/eval/: Kremlin and
Zelenskyy releases of May-June 2022 (data/eval/ stops at April 2022; 100 sentences naming a
conflict party, 50 at random), 150 headlines outside the 400 of real_headlines.csv, and 100
sentences of Guardian Syria articles (another war, other actors). Two annotators labelled the
sheet independently under data/labels/CODEBOOK.md 1.3 without seeing any model output (source
actor and label); a third settled the rows where they differed. The gold labels (text hashes,
no text) are in data/eval/blind_test.csv, both passes in data/eval/blind_test_annotations.csv.
Run the scoring once per model change worth
reporting, never to choose features or data. Skips cleanly when ../shared is absent.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sklearn.metrics import classification_report  # noqa: E402

from stance.baselines import CueRules, VaderThreshold  # noqa: E402
from stance.evaluate import (  # noqa: E402
    blind_test_set,
    bootstrap_ci,
    confusion_png,
    macro_f1,
    predict_eval_set,
    record_run,
    text_key,
)
from stance.labels import LABELS, agreement  # noqa: E402
from stance.models import default_model  # noqa: E402
from stance.sentences import split_paragraph  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "reports" / "10_blind_test"
SEED = 2026
PARTY = re.compile(r"\b(Russia|Russian|Ukrain\w*|Kiev|Kyiv|Moscow|Kremlin|NATO|West\w*|Europe\w*|Americ\w*|"
                   r"United States|U\.S\.|sanction\w*|Donbass|Donbas|Crimea|Zelensk\w*|Putin)\b")


def sample(sheet: Path) -> int:
    rng = np.random.default_rng(SEED)
    rows = []
    corpora = SHARED / "corpora"
    press = []
    for fname in ("kremlin_press_releases_2021-10_2022-06.csv", "zelenskyy_press_releases_2021-10_2022-06.csv"):
        df = pd.read_csv(corpora / fname)
        df = df[pd.to_datetime(df["date"], utc=True) >= pd.Timestamp("2022-05-01", tz="UTC")]
        for body in df["body"].dropna():
            for para in str(body).split("\n"):
                press.extend(s for s in split_paragraph(para) if len(s.split()) >= 6)
    press = sorted(set(press))
    named = [s for s in press if PARTY.search(s)]
    other = [s for s in press if not PARTY.search(s)]
    for s in rng.choice(named, 100, replace=False).tolist() + rng.choice(other, 50, replace=False).tolist():
        rows.append({"kind": "press", "file": "", "row": "", "text": s})
    used = pd.read_csv(ROOT / "data" / "eval" / "real_headlines.csv", dtype=str)
    used = set(zip(used["file"], used["row"].astype(int)))
    heads = []
    for fname, col in (("multi_outlet_russia_ukraine_headlines_2021-11_2022-07.csv", "title"),
                       ("guardian_ukraine_headlines_2022-01_2022-03.csv", "heading")):
        df = pd.read_csv(corpora / fname)
        heads.extend((fname, i, str(t)) for i, t in df[col].items() if (fname, i) not in used and isinstance(t, str))
    for j in rng.choice(len(heads), 150, replace=False):
        fname, i, t = heads[j]
        rows.append({"kind": "headline", "file": fname, "row": i, "text": t})
    syria = []
    for text in pd.read_csv(corpora / "guardian_syria_articles_2017_2019.csv")["text"].dropna():
        syria.extend(s for s in split_paragraph(str(text)) if len(s.split()) >= 6)
    syria = sorted(set(syria))
    for s in rng.choice(syria, 100, replace=False).tolist():
        rows.append({"kind": "syria", "file": "", "row": "", "text": s})
    out = pd.DataFrame(rows)
    out.insert(0, "n", range(1, len(out) + 1))
    out["text_sha1"] = [text_key(t) for t in out["text"]]
    out["actor"] = ""
    out["label"] = ""
    sheet.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(sheet, index=False)
    print(f"{len(out)} sentences to annotate -> {sheet}")
    return 0


def score() -> int:
    df = blind_test_set(SHARED)
    if df is None or df.empty:
        print("../shared or data/eval/blind_test.csv not found: nothing to score (skipped)")
        return 0
    pipe, card = default_model()
    OUT.mkdir(parents=True, exist_ok=True)
    preds = {"stance": predict_eval_set(df, pipe)["label"].to_numpy(),
             "vader": VaderThreshold().fit(None).predict(df[["text", "actor"]]),
             "cue_rules": CueRules().fit(None).predict(df[["text", "actor"]])}
    labels = list(LABELS)
    results = []
    for part, idx in [("all", np.ones(len(df), bool))] + [(k, (df["kind"] == k).to_numpy()) for k in sorted(df["kind"].unique())]:
        y = df["label"].to_numpy()[idx]
        for model, p in preds.items():
            lo, hi = bootstrap_ci(y, p[idx])
            results.append({"part": part, "model": model, "n": int(idx.sum()),
                            "macro_f1": round(macro_f1(y, p[idx], labels), 4),
                            "ci_lo": round(lo, 4), "ci_hi": round(hi, 4)})
    res = pd.DataFrame(results)
    res.to_csv(OUT / "results.csv", index=False)
    confusion_png(df["label"], preds["stance"], OUT / "confusion_stance.png", title="stance on the blind real test set")
    report = classification_report(df["label"], preds["stance"], labels=labels, digits=3, zero_division=0)
    (OUT / "classification_report.txt").write_text(report)
    print(res.to_string(index=False))
    print(report)
    ann = pd.read_csv(ROOT / "data" / "eval" / "blind_test_annotations.csv", dtype=str, keep_default_na=False)
    agree = agreement(ann.rename(columns={"text_sha1": "id", "label_1": "label"}),
                      ann.rename(columns={"text_sha1": "id", "label_2": "label"}))
    agree = {k: agree[k] for k in ("n", "cohen_kappa", "krippendorff_alpha", "percent_agreement", "macro_f1_b_vs_a")}
    agree["actor_agreement"] = float((ann["actor_1"] == ann["actor_2"]).mean())
    agree["adjudicated"] = int((ann["gold"] == "adjudicated").sum())
    print("annotator agreement:", {k: round(v, 3) for k, v in agree.items()})
    record_run(OUT, metrics={"results": results, "annotator_agreement": agree, "label_counts": df["label"].value_counts().to_dict(),
                             "unmatched_labels": df.attrs.get("unmatched_labels", 0),
                             "model_card_training_sha256": card.get("training_sha256", "")},
               inputs=[ROOT / "data" / "eval" / "blind_test.csv", ROOT / "data" / "eval" / "blind_test_annotations.csv",
                       ROOT / "data" / "labels" / "statements.csv"],
               params={"seed": SEED})
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=Path, help="write the annotation sheet here instead of scoring")
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"{SHARED} not found (skipped)")
        return 0
    return sample(args.sample) if args.sample else score()


if __name__ == "__main__":
    sys.exit(main())
