"""Where `stance score`'s time goes: seconds per stage on the real press releases (../shared/corpora).

Runs the stages one after another in this process, on chunks of 200 articles as the CLI does:
start-up (imports; model and actor table), segmentation, attribution, each feature group,
the classifier and the CSV write. Prints, and records in reports/bench_stages/metrics.json.
Segmentation is timed on its own and then again inside attribution (which needs the sentences);
attribution is the difference. Skips cleanly when ../shared is absent.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

T0 = time.perf_counter()
import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
OUT = ROOT / "reports" / "bench_stages"
CHUNK = 200


def main() -> int:
    from score_speed import CORPORA, FILES, to_jsonl

    if not CORPORA.exists():
        print(f"{CORPORA} not found (skipped)")
        return 0
    t_pandas = time.perf_counter() - T0
    from stance.actors import get_matcher
    from stance.models import default_model
    from stance.sentences import split_sentences
    from stance.statements import STATEMENT_COLUMNS, statements_for_article

    t_imports = time.perf_counter() - T0 - t_pandas
    default_model()  # trained and cached outside the timings, then loaded afresh below
    from stance.models import load_model
    from stance.labels import labels_sha256, load_labels
    from stance.models import default_model_path

    t = time.perf_counter()
    pipe, _ = load_model(default_model_path(labels_sha256(load_labels())))
    t_model = time.perf_counter() - t
    t = time.perf_counter()
    matcher = get_matcher()
    t_matcher = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "x1.jsonl"
        n_docs = to_jsonl(src)
        recs = [json.loads(line) for line in open(src, encoding="utf-8")]
        for r in recs:
            r["doc_id"] = r.pop("id")
        secs: dict = defaultdict(float)
        steps = dict(pipe.steps)
        features = [(n, tr, col) for n, tr, col in steps["features"].transformers_ if tr != "drop"]
        rows = 0
        for i in range(0, len(recs), CHUNK):
            chunk = recs[i:i + CHUNK]
            t = time.perf_counter()
            for r in chunk:
                split_sentences([p for p in r["text"].split("\n") if p.strip()],
                                title=r["title"] if isinstance(r.get("title"), str) else "")
            secs["segmentation"] += time.perf_counter() - t
            t = time.perf_counter()
            statements = pd.DataFrame([row for r in chunk for row in statements_for_article(r, matcher)],
                                      columns=STATEMENT_COLUMNS)
            secs["segmentation_and_attribution"] += time.perf_counter() - t
            rows += len(statements)
            t = time.perf_counter()
            Z = steps["statement"].transform(statements.rename(columns={"sentence": "text"}))
            secs["features_masking"] += time.perf_counter() - t
            blocks = []
            for name, tr, col in features:
                t = time.perf_counter()
                blocks.append(tr.transform(Z[col]))
                secs[f"features_{name}"] += time.perf_counter() - t
            t = time.perf_counter()
            import scipy.sparse as sp

            steps["clf"].predict_proba(sp.hstack(blocks).tocsr())
            secs["classifier"] += time.perf_counter() - t
            t = time.perf_counter()
            statements.to_csv(Path(tmp) / "out.csv", index=False, mode="a")
            secs["csv_write"] += time.perf_counter() - t
    secs["attribution"] = secs.pop("segmentation_and_attribution") - secs["segmentation"]
    m = {"documents": n_docs, "statement_rows": rows,
         "startup_seconds": {"pandas": round(t_pandas, 2), "imports": round(t_imports, 2), "model_load": round(t_model, 2),
                             "actor_table": round(t_matcher, 2)},
         "stage_seconds": {k: round(v, 2) for k, v in secs.items()}}
    m["features_total_seconds"] = round(sum(v for k, v in secs.items() if k.startswith("features_")), 2)
    from stance.evaluate import record_run

    record_run(OUT, metrics=m, inputs=[CORPORA / f for f in FILES])
    print(json.dumps(m, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
