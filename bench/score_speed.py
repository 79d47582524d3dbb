"""Speed and memory of `stance score` on the real press releases (../shared/corpora).

Prints, and records in reports/bench_score/metrics.json:
- end-to-end `stance score` time vs a bare VADER pass (regex split + vaderSentiment + CSV) in the same run;
- peak RSS and time for 1x and 4x the corpus (streaming: memory should not grow with the corpus);
- --jobs 1 vs --jobs 2 time (1x and 4x corpus), and whether the outputs are byte-identical;
- start-up: `stance score` on one article, the fixed cost --jobs cannot share.
Timings are medians of REPEATS runs, and the 1-job and 2-job runs alternate, because this
machine's speed drifts by up to a third between minutes. The stance timings include interpreter
start-up, imports and model loading; the bare VADER pass does not.
Skips cleanly when ../shared is absent.
"""
from __future__ import annotations

import csv
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPORA = ROOT.parent / "shared" / "corpora"
FILES = ["kremlin_press_releases_2021-10_2022-06.csv", "zelenskyy_press_releases_2021-10_2022-06.csv"]
OUT = ROOT / "reports" / "bench_score"
RSS = ("import resource, subprocess, sys, time; t=time.perf_counter(); r=subprocess.run(sys.argv[1:]); "
       "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")


def to_jsonl(dst: Path, copies: int = 1) -> int:
    n = 0
    with open(dst, "w", encoding="utf-8") as fh:
        for c in range(copies):
            for f in FILES:
                df = pd.read_csv(CORPORA / f)
                for r in df.itertuples():
                    fh.write(json.dumps({"id": f"{c}:{r.link}", "title": r.headline, "date": str(r.date)[:10],
                                         "text": str(r.body)}) + "\n")
                    n += 1
    return n


def bare_vader(src: Path, dst: Path) -> float:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    t0 = time.perf_counter()
    sia = SentimentIntensityAnalyzer()
    split = re.compile(r"(?<=[.!?])\s+")
    with open(src, encoding="utf-8") as fh, open(dst, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["doc_id", "sentence", "compound"])
        for line in fh:
            rec = json.loads(line)
            for s in split.split(rec["text"]):
                if s.strip():
                    w.writerow([rec["id"], s, sia.polarity_scores(s)["compound"]])
    return time.perf_counter() - t0


REPEATS = 5


def median(xs):
    return sorted(xs)[len(xs) // 2]


def run_score(src: Path, dst: Path, *extra) -> tuple[float, int]:
    cmd = [sys.executable, "-c", RSS, sys.executable, "-m", "stance.cli", "score", str(src), "-o", str(dst), "-q", *extra]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    secs, rss, code = out.stdout.split()[-3:]
    if code != "0":
        raise SystemExit(f"stance score failed ({code}): {out.stderr[-500:]}")
    return float(secs), int(rss)


def main() -> int:
    if not CORPORA.exists():
        print(f"{CORPORA} not found (skipped)")
        return 0
    from stance.models import default_model

    _, card = default_model()  # train/cache outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        n1 = to_jsonl(tmp / "x1.jsonl")
        n4 = to_jsonl(tmp / "x4.jsonl", copies=4)
        mb = (tmp / "x1.jsonl").stat().st_size / 1e6
        with open(tmp / "x1.jsonl", encoding="utf-8") as src, open(tmp / "one.jsonl", "w", encoding="utf-8") as one:
            one.write(src.readline())
        runs = {"vader": [], "jobs1": [], "jobs2": [], "rss1": [], "startup": []}
        for _ in range(REPEATS):
            # one article: the fixed cost (interpreter, imports, model and actor table) that --jobs cannot share
            runs["startup"].append(run_score(tmp / "one.jsonl", tmp / "one.csv")[0])
            runs["vader"].append(bare_vader(tmp / "x1.jsonl", tmp / "vader.csv"))
            secs, rss = run_score(tmp / "x1.jsonl", tmp / "j1.csv", "--jobs", "1")
            runs["jobs1"].append(secs)
            runs["rss1"].append(rss)
            runs["jobs2"].append(run_score(tmp / "x1.jsonl", tmp / "j2.csv", "--jobs", "2")[0])
        vader_s, j1, j2, rss1, startup = (median(runs[k]) for k in ("vader", "jobs1", "jobs2", "rss1", "startup"))
        s1 = j1  # --jobs 1 is the default
        s4, rss4 = run_score(tmp / "x4.jsonl", tmp / "s4.csv")
        s4_j2 = run_score(tmp / "x4.jsonl", tmp / "s4j2.csv", "--jobs", "2")[0]
        same = (tmp / "j1.csv").read_bytes() == (tmp / "j2.csv").read_bytes()
        rows = sum(1 for _ in open(tmp / "j1.csv", encoding="utf-8")) - 1
    m = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "documents": n1, "megabytes": round(mb, 2), "statement_rows": rows,
        "bare_vader_seconds": round(vader_s, 2), "stance_score_seconds": round(s1, 2),
        "ratio_vs_vader": round(s1 / vader_s, 2),
        "docs_per_second": round(n1 / s1, 1),
        "peak_rss_mb_1x": round(rss1 / 1024, 1), "peak_rss_mb_4x": round(rss4 / 1024, 1),
        "rss_ratio_4x_vs_1x": round(rss4 / rss1, 2), "time_4x_seconds": round(s4, 2), "time_ratio_4x_vs_1x": round(s4 / s1, 2),
        "jobs1_seconds": round(j1, 2), "jobs2_seconds": round(j2, 2), "speedup_2_jobs": round(j1 / j2, 2),
        # runs alternate, so each 1-job run and the 2-job run after it share the machine's mood
        "speedup_2_jobs_paired_median": round(median([a / b for a, b in zip(runs["jobs1"], runs["jobs2"])]), 2),
        "startup_seconds": round(startup, 2), "time_4x_jobs2_seconds": round(s4_j2, 2),
        "speedup_2_jobs_4x": round(s4 / s4_j2, 2),
        "jobs_outputs_identical": same, "documents_4x": n4, "repeats": REPEATS,
        "runs_seconds": {k: [round(x, 2) for x in v] for k, v in runs.items() if k not in ("rss1",)},
        "default_model_train_seconds": card.get("train_seconds"),
    }
    from stance.evaluate import record_run

    record_run(OUT, metrics=m, inputs=[CORPORA / f for f in FILES])
    for k, v in m.items():
        print(f"{k:28s} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
