"""Aggregates: per actor and period, the escalation index (E - C) / (E + C + N).

Each row carries the counts, a bootstrap 95% band (resampling statements
within the period, seeded) and a ``masked`` flag for periods with fewer than
``min_n`` statements, whose index is left empty rather than drawn as zero.
"""
from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

FREQ_ALIASES = {"D": "D", "W": "W-MON", "M": "MS"}
TREND_COLUMNS = ["actor", "period", "index", "n", "n_escalatory", "n_conciliatory", "n_neutral", "lo", "hi",
                 "masked", "share_escalatory", "share_conciliatory", "share_neutral"]
TREND_DTYPES = {"index": float, "n": "int64", "n_escalatory": "int64", "n_conciliatory": "int64", "n_neutral": "int64",
                "lo": float, "hi": float, "masked": bool, "share_escalatory": float, "share_conciliatory": float,
                "share_neutral": float}
LABELS3 = ["escalatory", "conciliatory", "neutral"]
SUMMARY_COLUMNS = ["actor", "n", "escalatory", "conciliatory", "neutral", "index", "first", "last"]


def escalation_index(labels) -> float:
    labels = np.asarray(labels)
    n = len(labels)
    if n == 0:
        return float("nan")
    return float(((labels == "escalatory").sum() - (labels == "conciliatory").sum()) / n)


def _bootstrap(values: np.ndarray, n_boot: int, rng) -> tuple[float, float]:
    if len(values) == 0:
        return float("nan"), float("nan")
    idx = rng.integers(0, len(values), size=(n_boot, len(values)))
    stats = values[idx].mean(axis=1)
    return float(np.percentile(stats, 2.5)), float(np.percentile(stats, 97.5))


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    """The ISO start date of each date's period (weeks start on Monday)."""
    # only the ISO day matters; mixed "2022-01-03" / "2022-01-04T10:00:00" values all parse
    raw = pd.Series(dates, dtype="object")
    d = pd.to_datetime(raw.astype(str).str[:10], format="%Y-%m-%d", errors="coerce")
    other = d.isna() & raw.notna() & (raw.astype(str).str.strip() != "")
    if other.any():
        # "Feb 3, 2022" or "3 February 2022" in a user's table: read, not silently dropped
        from .dates import normalize_date

        d[other] = pd.to_datetime(raw[other].astype(str).map(normalize_date), format="%Y-%m-%d", errors="coerce")
    if freq == "D":
        p = d.dt.normalize()
    elif freq == "W":
        p = (d - pd.to_timedelta(d.dt.day_of_week, unit="D")).dt.normalize()
    elif freq == "M":
        p = d.dt.to_period("M").dt.start_time
    else:
        raise ValueError(f"unknown frequency {freq!r}; use D, W or M")
    return p


def trends(scores: pd.DataFrame, *, freq: str = "W", actors=None, min_n: int = 5, n_boot: int = 500,
           seed: int = 13, smooth: int = 0, kind: str = "line") -> pd.DataFrame:
    """Per actor and period: index, counts, bootstrap band, masked flag, label shares.

    With ``kind='dyad'`` rows are per source -> target pair instead (columns
    ``source, target, index, n``), over the whole span. ``actors`` (a list of
    codes, or one code) keeps those source actors; an empty list keeps none.
    """
    need = {"actor", "date", "label"}
    missing = need - set(scores.columns)
    if missing:
        raise ValueError(f"scores table lacks column(s) {', '.join(sorted(missing))}; produce it with 'stance score'")
    actor = scores["actor"].astype(object).fillna("").astype(str)
    label = scores["label"].astype(object)
    keep = (actor != "") & label.isin(LABELS3)
    df = scores[keep].copy()
    # plain strings: categorical actors would make groupby emit every category, observed or not
    df["actor"], df["label"] = actor[keep].to_numpy(), label[keep].to_numpy()
    if actors is not None:
        # a bare "RUS" would be read as the characters R, U, S
        df = df[df["actor"].isin([actors] if isinstance(actors, str) else list(actors))]
    df["period"] = period_start(df["date"], freq)
    df = df[df["period"].notna()]
    if kind == "dyad":
        return dyads(df)
    val = {"escalatory": 1.0, "conciliatory": -1.0, "neutral": 0.0}
    rows = []
    for (actor, period), g in df.groupby(["actor", "period"], sort=True):
        labels = g["label"].to_numpy()
        n = len(labels)
        vals = np.array([val[x] for x in labels])
        # a generator per actor and period: bands do not depend on which other actors are in the table
        rng = np.random.default_rng([seed, zlib.crc32(f"{actor}|{period.date()}".encode())])
        lo, hi = _bootstrap(vals, n_boot, rng)
        counts = {k: int((labels == k).sum()) for k in val}
        masked = n < min_n
        rows.append({"actor": actor, "period": period.date().isoformat(), "index": np.nan if masked else vals.mean(),
                     "n": n, "n_escalatory": counts["escalatory"], "n_conciliatory": counts["conciliatory"],
                     "n_neutral": counts["neutral"], "lo": np.nan if masked else lo, "hi": np.nan if masked else hi,
                     "masked": masked, "share_escalatory": counts["escalatory"] / n,
                     "share_conciliatory": counts["conciliatory"] / n, "share_neutral": counts["neutral"] / n})
    out = pd.DataFrame(rows, columns=TREND_COLUMNS).astype(TREND_DTYPES)  # numeric also when empty
    if smooth and smooth > 1 and len(out):
        # rolling over the actor's consecutive periods; masked periods stay empty
        out["index_smooth"] = out.groupby("actor")["index"].transform(
            lambda s: s.rolling(smooth, min_periods=1, center=True).mean())
        out.loc[out["masked"], "index_smooth"] = np.nan
    return out


def dyads(df: pd.DataFrame) -> pd.DataFrame:
    """Net stance of each source actor toward each target it names."""
    rows = []
    if "target" not in df.columns:
        return pd.DataFrame(columns=["source", "target", "index", "n"])
    d = df.assign(target=df["target"].fillna("").str.split(";")).explode("target")
    d = d[d["target"] != ""]
    for (src, tgt), g in d.groupby(["actor", "target"]):
        rows.append({"source": src, "target": tgt, "index": escalation_index(g["label"]), "n": len(g)})
    return pd.DataFrame(rows, columns=["source", "target", "index", "n"])


def actor_summary(scores: pd.DataFrame) -> pd.DataFrame:
    """Per actor: statements, label counts and the overall escalation index.

    ``n`` counts every statement; the index, like ``trends``', only the escalatory,
    conciliatory and neutral ones (not "abstain" or unscored rows).
    """
    missing = {"actor", "date", "label"} - set(scores.columns)
    if missing:
        raise ValueError(f"scores table lacks column(s) {', '.join(sorted(missing))}; produce it with 'stance score'")
    # plain objects: a categorical actor groups by unseen categories, a categorical date has no min
    df = scores[["actor", "date", "label"]].astype(object)
    df = df[df["actor"].fillna("") != ""]
    rows = []
    for actor, g in df.groupby("actor"):
        lab = g["label"]
        dates = g["date"].replace("", np.nan).dropna()
        rows.append({"actor": actor, "n": len(g), "escalatory": int((lab == "escalatory").sum()),
                     "conciliatory": int((lab == "conciliatory").sum()), "neutral": int((lab == "neutral").sum()),
                     "index": round(escalation_index(lab[lab.isin(LABELS3)]), 3),
                     "first": dates.min() if len(dates) else np.nan, "last": dates.max() if len(dates) else np.nan})
    if not rows:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).sort_values("n", ascending=False, kind="stable").reset_index(drop=True)
