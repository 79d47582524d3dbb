"""Does data/labels meet its specification? Size, balance, registers, crises, actors, variety.

Writes reports/00_corpus/ (metrics.json, per_crisis.csv, per_phenomenon.csv).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stance.evaluate import record_run  # noqa: E402
from stance.labels import check_labels, default_labels_path, load_labels  # noqa: E402

OUT = ROOT / "reports" / "00_corpus"
RU_UA = {"russia_ukraine_2021_22"}
REGIONS = {  # crisis -> region, for the ">= 4 regions" check
    "russia_ukraine_2021_22": "Europe", "russia_ukraine_2022": "Europe", "russia_ukraine_2014_15": "Europe",
    "georgia_2008": "Caucasus", "armenia_azerbaijan": "Caucasus", "serbia_kosovo": "Europe", "turkey_greece": "Europe",
    "belarus_poland_2021": "Europe", "russia_nato_baltic": "Europe", "korean_peninsula": "East Asia",
    "taiwan_strait": "East Asia", "south_china_sea": "Southeast Asia", "india_china_2020": "South Asia",
    "india_pakistan_2019": "South Asia", "us_iran_nuclear": "Middle East", "israel_gaza": "Middle East",
    "israel_hezbollah": "Middle East", "gulf_1990_91": "Middle East", "red_sea_2024": "Middle East",
    "ethiopia_tigray": "Africa", "sudan_2023": "Africa", "egypt_ethiopia_gerd": "Africa", "us_venezuela": "Americas",
}


def main() -> int:
    df = load_labels()
    tags = df["phenomena"].fillna("") if "phenomena" in df else pd.Series("", index=df.index)
    first5 = df["text"].str.split().str[:5].str.join(" ")
    shared5 = first5.map(first5.value_counts())
    hard = tags.str.replace("headline", "").str.strip("; ") != ""
    metrics = {
        "statements": len(df),
        "label_shares": df["label"].value_counts(normalize=True).round(4).to_dict(),
        "headline_share": round(float(tags.str.contains("headline").mean()), 4),
        "hard_case_share": round(float(hard.mean()), 4),
        "russia_ukraine_2021_22_share": round(float(df["crisis"].isin(RU_UA).mean()), 4),
        "russia_ukraine_any_share": round(float(df["crisis"].str.startswith("russia_ukraine").mean()), 4),
        "crises": int(df["crisis"].nunique()),
        "regions": sorted({REGIONS.get(c, "other") for c in df["crisis"].unique()}),
        "years": [int(df["year"].astype(int).min()), int(df["year"].astype(int).max())],
        "actor_codes": int(df.loc[df["actor"] != "", "actor"].nunique()),
        "rows_without_source_actor": int((df["actor"] == "").sum()),
        "share_first5_shared_with_more_than_10_others": round(float((shared5 > 11).mean()), 4),
        "writers": df["annotator"].value_counts().to_dict(),
        "labels_check_problems": len(check_labels()),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    pc = df.groupby("crisis")["label"].value_counts().unstack(fill_value=0)
    pc["n"] = pc.sum(axis=1)
    pc.to_csv(OUT / "per_crisis.csv")
    ph = tags.str.split(";").explode()
    ph[ph == ""] = "plain"
    ph.value_counts().rename_axis("phenomenon").rename("rows").to_csv(OUT / "per_phenomenon.csv")
    record_run(OUT, metrics=metrics, inputs=[default_labels_path()])
    for k, v in metrics.items():
        print(f"{k:45s} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
