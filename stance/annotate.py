"""Annotation sheets: pick statements for people to label, in the labels format."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .predict import PROB_COLUMNS


def annotation_sheet(statements: pd.DataFrame, *, n: int = 200, strategy: str = "uncertainty", seed: int = 13) -> pd.DataFrame:
    """Statements with the model's pre-label and confidence, ready to label and train on.

    ``uncertainty`` picks the least confident first (margin between the top two
    classes), ``random`` a seeded sample, ``stratified`` equal numbers per pre-label.
    """
    df = statements[statements["actor"].fillna("") != ""]
    key = ["path", "statement_id"] if "path" in df else ["statement_id"]
    df = df.drop_duplicates(key).reset_index(drop=True)
    df["sheet_id"] = df["statement_id"].astype(str)
    clash = df["sheet_id"].duplicated(keep=False)
    if clash.any():  # two input files that number their articles alike: their paths keep the ids apart
        df.loc[clash, "sheet_id"] = df.loc[clash, "path"].astype(str) + ":" + df.loc[clash, "sheet_id"]
    probs = df[PROB_COLUMNS].to_numpy(dtype=float) if len(df) else np.zeros((0, 3))
    srt = np.sort(probs, axis=1)
    df["confidence"] = srt[:, -1] if len(df) else []
    df["margin"] = (srt[:, -1] - srt[:, -2]) if len(df) else []
    rng = np.random.default_rng(seed)
    if strategy == "uncertainty":
        pick = df.sort_values(["margin", "sheet_id"]).head(n)
    elif strategy == "random":
        pick = df.iloc[rng.permutation(len(df))[:n]]
    elif strategy == "stratified":
        groups = [g for _, g in df.groupby("label")]
        # n split as evenly as the labels allow (n=1 gives one row, not one per label)
        quota = [n // len(groups) + (i < n % len(groups)) for i in range(len(groups))] if groups else []
        pick = pd.concat([g.iloc[rng.permutation(len(g))[:q]] for g, q in zip(groups, quota)]) if groups else df
        if len(pick) < n:  # a rare label left part of its share unused: the other labels fill it
            rest = df.drop(index=pick.index)
            pick = pd.concat([pick, rest.iloc[rng.permutation(len(rest))[: n - len(pick)]]])
    else:
        raise ValueError(f"unknown strategy {strategy!r}; use uncertainty, random or stratified")
    dates = pick["date"]
    year = (dates.dt.strftime("%Y").fillna("") if pd.api.types.is_datetime64_any_dtype(dates)
            else dates.fillna("").astype(str).str[:4])
    sheet = pd.DataFrame({
        "id": pick["sheet_id"].to_numpy(), "text": pick["sentence"].to_numpy(), "actor": pick["actor"].to_numpy(),
        "actor_mention": pick["actor_mention"].to_numpy(), "target": pick["target"].fillna("").to_numpy(),
        "label": "", "crisis": "", "year": year.to_numpy(), "group": pick["sheet_id"].str.rsplit(":", n=2).str[0].to_numpy(),
        "annotator": "",
        "pre_label": pick["label"].to_numpy(), "confidence": pick["confidence"].round(3).to_numpy(),
    })
    return sheet.sort_values("id").reset_index(drop=True)
