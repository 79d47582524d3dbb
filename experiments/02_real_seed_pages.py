"""How does stance read the five real scraped pages in ../shared/seeds?

Compares our output with the team's blind annotation of those pages
(data/eval/real_seed_statements.csv: body or clutter, source actors, labels,
keyed by sentence hash) and with the pages' true dates. Writes
reports/02_real_seed_pages/ (metrics.json, per_page.csv). Skips when ../shared is absent.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stance.articles import read_articles  # noqa: E402
from stance.evaluate import record_run, text_key  # noqa: E402
from stance.statements import extract_statements  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "data" / "eval" / "real_seed_statements.csv"
OUT = ROOT / "reports" / "02_real_seed_pages"
# The date each page carries for its article (read by eye): pages 002 and 004 carry none
# (002 only mentions "an effort begun in 2020"; 004 only "Tuesday" and "February 20").
TRUE_DATES = {"000": "2022-02-15", "001": "2022-02-01", "002": "", "003": "2021-12-02", "004": ""}


def main() -> int:
    if not SEEDS.exists():
        print(f"{SEEDS} not found (skipped)")
        return 0
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    arts, skipped = read_articles([SEEDS])
    st = extract_statements(arts)
    st["key"] = st["sentence"].map(text_key)
    rows = []
    tp = fp = fn = 0
    for a in arts.itertuples():
        name = Path(a.path).name
        g = gold[gold["file"] == name]
        s = st[st["doc_id"] == a.doc_id]
        sent_keys = set(s["key"])
        gold_keys = set(g["text_sha1"])
        clutter = set(g.loc[g["body"] == "no", "text_sha1"])
        unmatched = sent_keys - gold_keys  # sentence text changed since annotation
        gpairs = {(k, x) for k, x in zip(g["text_sha1"], g["actor"]) if x and k in sent_keys}
        ppairs = {(k, x) for k, x in zip(s["key"], s["actor"]) if x and k in gold_keys}
        tp += len(gpairs & ppairs)
        fp += len(ppairs - gpairs)
        fn += len(gpairs - ppairs)
        rows.append({"page": name, "date": a.date, "date_source": a.date_source, "true_date": TRUE_DATES[name[:3]],
                     "date_ok": a.date == TRUE_DATES[name[:3]], "sentences": len(sent_keys),
                     "clutter_sentences": len(sent_keys & clutter), "not_in_annotation": len(unmatched),
                     "title": a.title})
    df = pd.DataFrame(rows)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    metrics = {"pages": len(df), "sentences": int(df["sentences"].sum()),
               "leakage": round(df["clutter_sentences"].sum() / df["sentences"].sum(), 4),
               "sentences_not_in_annotation": int(df["not_in_annotation"].sum()),
               "attribution_precision": round(p, 4), "attribution_recall": round(r, 4),
               "date_accuracy": round(df["date_ok"].mean(), 4), "skipped": len(skipped)}
    OUT.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT / "per_page.csv", index=False)
    record_run(OUT, metrics=metrics, inputs=[SEEDS, GOLD])
    print(df[["page", "date", "true_date", "sentences", "clutter_sentences"]].to_string(index=False))
    for k, v in metrics.items():
        print(f"{k:30s} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
