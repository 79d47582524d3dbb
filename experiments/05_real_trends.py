"""Do real 2021-22 texts show the crisis? Trends over Kremlin and Zelenskyy releases and headlines.

Scores ../shared/corpora (press releases and headline corpora), draws per-actor
monthly and weekly trends with the crisis's known events marked, and correlates
a daily escalation index from the headlines with GDELT's daily average tone.
Figures and small tables go to reports/05_real_trends/ (never the texts).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from stance.aggregates import trends  # noqa: E402
from stance.articles import ReadOptions, read_articles  # noqa: E402
from stance.evaluate import record_run  # noqa: E402
from stance.models import default_model  # noqa: E402
from stance.plots import plot_trends  # noqa: E402
from stance.predict import score_articles  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
MIN_WEEK_N = 20
OUT = ROOT / "reports" / "05_real_trends"
EVENTS = pd.DataFrame([
    ("2021-12-07", "Biden-Putin call"), ("2021-12-17", "draft treaties"), ("2022-01-10", "Geneva/NATO/OSCE talks"),
    ("2022-02-15", "partial pullback"), ("2022-02-21", "DPR/LPR recognised"), ("2022-02-24", "invasion"),
    ("2022-03-29", "Istanbul talks")], columns=["date", "label"])
SOURCES = {
    # releases speak for their publisher: unattributed sentences are the Kremlin's / the President of Ukraine's
    "kremlin": ("kremlin_press_releases_2021-10_2022-06.csv", dict(text_col="body", title_col="headline", id_col="link",
                                                                 default_actor="RUS")),
    "zelenskyy": ("zelenskyy_press_releases_2021-10_2022-06.csv", dict(text_col="body", title_col="headline",
                                                                     id_col="link", default_actor="UKR")),
    "headlines_multi": ("multi_outlet_russia_ukraine_headlines_2021-11_2022-07.csv", dict(text_col="title", date_col="date_utc", id_col="link", title_col="-")),
    "headlines_guardian": ("guardian_ukraine_headlines_2022-01_2022-03.csv", dict(text_col="heading", id_col="url", title_col="-")),
}


def main() -> int:
    if not SHARED.exists():
        print(f"{SHARED} not found (skipped)")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    pipe, card = default_model()
    scored, metrics = {}, {}
    for name, (fname, opts) in SOURCES.items():
        t0 = time.perf_counter()
        arts, skipped = read_articles([SHARED / fname], ReadOptions(**opts))
        st = score_articles(arts, pipe, jobs=2)
        scored[name] = st
        metrics[name] = {"articles": int(len(arts)), "skipped": int(len(skipped)), "statements": int(len(st)),
                         "with_actor": int((st["actor"] != "").sum()), "seconds": round(time.perf_counter() - t0, 1)}
        print(name, metrics[name], flush=True)
    releases = pd.concat([scored["kremlin"], scored["zelenskyy"]], ignore_index=True)
    keep = ["RUS", "UKR", "USA", "NATO", "EU"]
    for freq in ("M", "W"):
        t = trends(releases, freq=freq, actors=keep, min_n=10)
        t.to_csv(OUT / f"releases_trend_{freq}.csv", index=False)
        plot_trends(t, OUT / f"releases_trend_{freq}.png", freq=freq, events=EVENTS)
    rus = trends(scored["kremlin"], freq="M", actors=["RUS"], min_n=10)
    rus_m = dict(zip(rus["period"], rus["index"]))
    nd = np.nanmean([rus_m.get("2021-11-01", np.nan), rus_m.get("2021-12-01", np.nan)])
    fm = np.nanmean([rus_m.get("2022-02-01", np.nan), rus_m.get("2022-03-01", np.nan)])
    metrics["rus_index_kremlin_nov_dec_2021"] = round(float(nd), 4)
    metrics["rus_index_kremlin_feb_mar_2022"] = round(float(fm), 4)
    metrics["rus_index_rises"] = bool(fm > nd)
    # Which statements drive the Kremlin index (share of RUS statements mentioning Ukraine/NATO/West)
    k = scored["kremlin"]
    k = k[k["actor"] == "RUS"].copy()
    k["month"] = k["date"].str[:7]
    k["crisis_topic"] = k["sentence"].str.contains(r"Ukrain|NATO|Donbass|Donbas|West|United States|security guarantees", regex=True)
    by = k.groupby(["month", "crisis_topic"])["label"].value_counts().unstack(fill_value=0)
    by.to_csv(OUT / "kremlin_rus_labels_by_month_topic.csv")
    topic = k[k["crisis_topic"]]
    tm = topic.groupby("month")["label"].agg(lambda s: ((s == "escalatory").sum() - (s == "conciliatory").sum()) / len(s))
    metrics["rus_index_kremlin_crisis_topic_by_month"] = {m: round(float(v), 4) for m, v in tm.items()}
    ut = trends(scored["zelenskyy"], freq="M", actors=["UKR"], min_n=10)
    metrics["ukr_index_zelenskyy_by_month"] = {p: round(float(v), 4) for p, v in zip(ut["period"], ut["index"])}
    metrics["rus_index_kremlin_by_month"] = {p: round(float(v), 4) for p, v in zip(rus["period"], rus["index"])}
    heads = pd.concat([scored["headlines_multi"], scored["headlines_guardian"]], ignore_index=True)
    heads = heads[heads["sentence_id"] == 0]
    daily = heads.groupby("date")["label"].agg(
        index=lambda s: ((s == "escalatory").sum() - (s == "conciliatory").sum()) / len(s), n="size").reset_index()
    gd = pd.read_csv(SHARED / "gdelt_russia_ukraine_tone_daily_2017_2023.csv")
    gd["date"] = pd.to_datetime(gd["datetime"]).dt.strftime("%Y-%m-%d")
    j = daily.merge(gd[["date", "Average Tone"]], on="date")
    j5 = j[j["n"] >= 5]
    metrics["headline_days"] = int(len(j))
    metrics["headline_days_n_ge_5"] = int(len(j5))
    metrics["pearson_index_vs_gdelt_tone"] = round(float(j5["index"].corr(j5["Average Tone"])), 4) if len(j5) > 2 else None
    metrics["spearman_index_vs_gdelt_tone"] = round(float(j5["index"].corr(j5["Average Tone"], method="spearman")), 4) if len(j5) > 2 else None
    j.to_csv(OUT / "headline_daily_index_vs_gdelt.csv", index=False)
    # weekly: daily headline counts are small, so a weekly mean is the fairer comparison
    jw = j.assign(week=pd.to_datetime(j["date"]).dt.to_period("W").dt.start_time)
    wk = jw.groupby("week").apply(lambda g: pd.Series({"index": np.average(g["index"], weights=g["n"]),
                                                       "tone": g["Average Tone"].mean(), "n": g["n"].sum()}),
                                  include_groups=False)
    wk = wk[wk["n"] >= MIN_WEEK_N]  # a week's index from a handful of headlines is noise
    metrics["weeks_n_ge_%d" % MIN_WEEK_N] = int(len(wk))
    metrics["pearson_weekly_index_vs_gdelt_tone"] = round(float(wk["index"].corr(wk["tone"])), 4) if len(wk) > 2 else None
    fig, ax = plt.subplots(figsize=(9, 3.6))
    ax.plot(wk.index, wk["index"], marker="o", label="headline escalation index (weekly)", color="#c0392b")
    ax2 = ax.twinx()
    ax2.plot(wk.index, wk["tone"], marker="s", color="#1f4e9c", label="GDELT average tone (weekly)")
    ax.set_ylabel("escalation index")
    ax2.set_ylabel("GDELT tone")
    ax.set_title(f"2021-22 headlines vs GDELT tone, weeks with >= {MIN_WEEK_N} headlines "
                 f"(Pearson r = {metrics['pearson_weekly_index_vs_gdelt_tone']})",
                 fontsize=10)
    fig.legend(loc="lower left", fontsize=8, frameon=False)
    fig.savefig(OUT / "headlines_vs_gdelt_weekly.png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    ht = trends(heads, freq="W", min_n=10, actors=keep)
    plot_trends(ht, OUT / "headlines_trend_W.png", freq="W", events=EVENTS)
    record_run(OUT, metrics=metrics, inputs=[SHARED / f for f, _ in SOURCES.values()], params={"min_n": 10})
    for k_, v in metrics.items():
        print(k_, v)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
