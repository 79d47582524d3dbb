"""How well does stance clean pages, keep body sentences, date articles and attribute source actors?

Gold: data/gold/*.json, the team's annotation of the team-written sample pages in data/samples/.
Writes reports/01_extraction_gold/ (metrics.json, per_article.csv, errors.csv).
"""
from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stance.actors import get_matcher  # noqa: E402
from stance.articles import read_articles  # noqa: E402
from stance.evaluate import record_run  # noqa: E402
from stance.statements import extract_statements  # noqa: E402

GOLD = ROOT / "data" / "gold"
SAMPLES = ROOT / "data" / "samples"
OUT = ROOT / "reports" / "01_extraction_gold"
MATCH_RATIO = 0.85


def norm(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", s.lower())).strip()


def best_match(sentence: str, gold: list[str]) -> tuple[int, float]:
    n = norm(sentence)
    best, score = -1, 0.0
    for i, g in enumerate(gold):
        if n == g:
            return i, 1.0
        if g and (g in n or n in g) and min(len(g), len(n)) / max(len(g), len(n)) > 0.6:
            r = 0.95
        else:
            r = difflib.SequenceMatcher(None, n, g, autojunk=False).ratio()
        if r > score:
            best, score = i, r
    return (best, score) if score >= MATCH_RATIO else (-1, score)


def evaluate_article(gold: dict, st: pd.DataFrame, article: pd.Series) -> tuple[dict, list]:
    gsents = [norm(s["text"]) for s in gold["sentences"]]
    gold_pairs = {(i, a["actor"]) for i, s in enumerate(gold["sentences"]) for a in s["actors"]}
    sents = st.drop_duplicates("sentence_id")[["sentence_id", "sentence"]]
    match = {}
    leaked = []
    for sid, s in sents.itertuples(index=False):
        i, _ = best_match(s, gsents)
        match[sid] = i
        if i < 0:
            leaked.append(s)
    covered = {i for i in match.values() if i >= 0}
    pred_pairs = set()
    fp_unmatched = 0
    for r in st[st["actor"] != ""].itertuples(index=False):
        i = match[r.sentence_id]
        if i < 0:
            fp_unmatched += 1
        else:
            pred_pairs.add((i, r.actor))
    tp = len(pred_pairs & gold_pairs)
    errors = []
    for i, a in sorted(gold_pairs - pred_pairs):
        errors.append({"file": gold["file"], "kind": "missed", "actor": a, "sentence": gold["sentences"][i]["text"]})
    for i, a in sorted(pred_pairs - gold_pairs):
        errors.append({"file": gold["file"], "kind": "spurious", "actor": a, "sentence": gold["sentences"][i]["text"]})
    for s in leaked:
        errors.append({"file": gold["file"], "kind": "leaked", "actor": "", "sentence": s})
    for i, g in enumerate(gold["sentences"]):
        if i not in covered:
            errors.append({"file": gold["file"], "kind": "lost", "actor": "", "sentence": g["text"]})
    return {
        "file": gold["file"], "gold_date": gold.get("date", ""), "date": article["date"],
        "date_source": article["date_source"], "date_ok": (gold.get("date", "") or "") == (article["date"] or ""),
        "emitted": len(sents), "leaked": len(leaked), "gold_sentences": len(gsents), "kept": len(covered),
        "gold_pairs": len(gold_pairs), "pred_pairs": len(pred_pairs) + fp_unmatched, "tp": tp,
    }, errors


def main() -> int:
    golds = sorted(GOLD.glob("*.json"))
    if not golds:
        print(f"no gold files in {GOLD}")
        return 1
    matcher = get_matcher()
    rows, errors = [], []
    for gp in golds:
        gold = json.loads(gp.read_text(encoding="utf-8"))
        arts, skipped = read_articles([SAMPLES / gold["file"]])
        if arts.empty:
            print(f"{gold['file']}: not read ({skipped.iloc[0]['reason'] if len(skipped) else '?'})")
            continue
        st = extract_statements(arts, matcher)
        r, e = evaluate_article(gold, st, arts.iloc[0])
        rows.append(r)
        errors.extend(e)
    df = pd.DataFrame(rows)
    tot = df.sum(numeric_only=True)
    precision = tot["tp"] / tot["pred_pairs"] if tot["pred_pairs"] else 0.0
    recall = tot["tp"] / tot["gold_pairs"] if tot["gold_pairs"] else 0.0
    metrics = {
        "articles": int(len(df)),
        "gold_sentences": int(tot["gold_sentences"]),
        "gold_statement_actor_pairs": int(tot["gold_pairs"]),
        "boilerplate_leakage": round(tot["leaked"] / tot["emitted"], 4),
        "body_sentences_kept": round(tot["kept"] / tot["gold_sentences"], 4),
        "attribution_precision": round(precision, 4),
        "attribution_recall": round(recall, 4),
        "attribution_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "date_accuracy": round(df["date_ok"].mean(), 4),
        "dates_wrong": df.loc[~df["date_ok"], ["file", "gold_date", "date"]].to_dict("records"),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT / "per_article.csv", index=False)
    pd.DataFrame(errors).to_csv(OUT / "errors.csv", index=False)
    record_run(OUT, metrics=metrics, inputs=[GOLD, SAMPLES, ROOT / "data" / "actors.csv"],
               params={"match_ratio": MATCH_RATIO})
    for k, v in metrics.items():
        if k != "dates_wrong":
            print(f"{k:30s} {v}")
    for d in metrics["dates_wrong"]:
        print("date wrong:", d)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
