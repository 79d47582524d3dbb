"""Charts of trend tables: line (index with band), heatmap, label shares, dyad matrix."""
from __future__ import annotations

import hashlib
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

# Stable colours: the same actor has the same colour in every chart.
FIXED_COLOURS = {"RUS": "#c0392b", "USA": "#1f4e9c", "UKR": "#e6b800", "NATO": "#2e86c1", "EU": "#16a085",
                 "CHN": "#8e44ad", "TWN": "#27ae60", "GBR": "#34495e", "FRA": "#5d6d7e", "DEU": "#7f8c8d",
                 "BLR": "#a04000", "JPN": "#d35400", "UN": "#5dade2", "IRN": "#117a65", "ISR": "#2874a6"}
PALETTE = plt.get_cmap("tab20").colors
INDEX_TITLE = "Escalation index (E − C) / (E + C + N): +1 all escalatory, −1 all conciliatory"


def actor_colour(actor: str):
    actor = str(actor)
    if actor in FIXED_COLOURS:
        return FIXED_COLOURS[actor]
    h = int(hashlib.md5(actor.encode()).hexdigest(), 16)
    return PALETTE[h % len(PALETTE)]


def _save(fig, path):
    from . import io as sio

    path = Path(path)
    ext = path.suffix.lower().lstrip(".") or "png"
    import io

    buf = io.BytesIO()
    # same table, same bytes: no creation time in SVG/PDF metadata, no random ids in SVG
    metadata = {"svg": {"Date": None}, "svgz": {"Date": None}, "pdf": {"CreationDate": None}}.get(ext)
    try:
        with matplotlib.rc_context({"svg.hashsalt": "stance"}):
            fig.savefig(buf, format=ext, dpi=150, bbox_inches="tight", metadata=metadata)
    except ValueError as exc:  # e.g. an unknown image format
        raise ValueError(f"{path}: {str(exc).splitlines()[0]}") from None
    finally:
        plt.close(fig)
    sio.write_bytes_atomic(path, buf.getvalue())


MAX_EVENT_ROWS = 5


def _events(ax, events):
    if events is None or len(events) == 0:
        return
    if "date" not in events.columns:
        raise ValueError(f"events table needs columns date,label (has: {', '.join(map(str, events.columns))})")
    from .dates import normalize_date

    lo, hi = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    # each date read on its own: pandas infers one format from the first value and turns
    # every differently written date ("24 Feb 2022" after "2022-02-21") into NaT
    dates = pd.to_datetime(events["date"].map(normalize_date), format="%Y-%m-%d", errors="coerce")
    labels = events["label"] if "label" in events else events.iloc[:, -1]
    renderer = ax.figure.canvas.get_renderer()
    placed: dict = {}  # row -> right edges (pixels) of the labels already on it
    for d, label in sorted(zip(dates, labels), key=lambda t: (pd.isna(t[0]), t[0])):
        if pd.isna(d) or not (lo <= mdates.date2num(d) <= hi):
            continue
        ax.axvline(d, color="#777", lw=0.8, ls=":", zorder=0)
        # labels along the bottom, each on the lowest row where it overprints no earlier one
        text = ax.text(d, y0, f" {label}", rotation=0, va="bottom", ha="left", fontsize=6.5, color="#333",
                       bbox={"facecolor": "white", "alpha": 0.7, "lw": 0, "pad": 0.5})
        box = text.get_window_extent(renderer)
        row = next((r for r in range(MAX_EVENT_ROWS) if all(box.x0 > x1 + 2 for x1 in placed.get(r, []))),
                   len(placed) % MAX_EVENT_ROWS)
        text.set_y(y0 + (0.04 + 0.07 * row) * (y1 - y0))
        placed.setdefault(row, []).append(box.x1)


def _full_periods(g: pd.DataFrame, start, end, freq: str) -> pd.DataFrame:
    """Reindex an actor's rows to every period so missing or masked periods break the line."""
    step = {"D": "D", "W": "W-MON", "M": "MS"}.get(freq, "W-MON")
    idx = pd.date_range(start, end, freq=step)
    return g.set_index("period").reindex(idx.union(g["period"])).rename_axis("period").reset_index()


def top_actors(table: pd.DataFrame, n: int) -> list:
    return list(table.groupby("actor")["n"].sum().sort_values(ascending=False).head(n).index)


def plot_trends(table: pd.DataFrame, path, *, kind: str = "line", events=None, freq: str = "W", title: str | None = None,
                max_actors: int = 6):
    """Draw a trend table (from ``aggregates.trends``) to PNG/SVG/PDF by extension.

    Line charts show the ``max_actors`` actors with most statements (choose
    others with ``trends(actors=...)``); masked and empty periods break the line.
    Returns the path written.
    """
    if kind not in ("line", "share", "heatmap", "dyad"):
        raise ValueError(f"unknown chart kind {kind!r}; use line, heatmap, share or dyad")
    if kind == "dyad":
        return plot_dyads(table, path, title=title)
    fig, ax = plt.subplots(figsize=(10, 5.2))
    if table.empty:
        ax.text(0.5, 0.5, "no dated statements with actors", ha="center", va="center", transform=ax.transAxes)
        _save(fig, path)
        return Path(path)
    if "period" not in table.columns:
        plt.close(fig)
        raise ValueError("not a trend table (no 'period' column); for a dyad table use kind='dyad'")
    t = table.copy()
    t["period"] = pd.to_datetime(t["period"])
    freq_name = {"D": "daily", "W": "weekly", "M": "monthly"}.get(freq, freq)
    if kind == "line":
        col = "index_smooth" if "index_smooth" in t.columns else "index"
        start, end = t["period"].min(), t["period"].max()
        for actor in top_actors(t, max_actors):
            g = _full_periods(t[t["actor"] == actor].sort_values("period"), start, end, freq)
            c = actor_colour(actor)
            n = int(g["n"].fillna(0).sum())
            ax.plot(g["period"], g[col].astype(float), marker="o", ms=3, lw=1.8, color=c, label=f"{actor} (n={n})")
            ax.fill_between(g["period"], g["lo"].astype(float), g["hi"].astype(float), color=c, alpha=0.13, lw=0)
        if start == end:
            # one period: matplotlib would otherwise widen a zero-width axis to several years
            pad = pd.Timedelta(days={"D": 1, "W": 7, "M": 31}.get(freq, 7))
            ax.set_xlim(start - pad, end + pad)
        ax.axhline(0, color="#999", lw=0.8)
        ax.set_ylim(-1.05, 1.05)
        ax.set_ylabel("escalation index  (−1 conciliatory … +1 escalatory)")
        ax.set_title(title or f"{INDEX_TITLE}\n{freq_name}, 95% bootstrap bands; periods with few statements left blank",
                     fontsize=9.5)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False, title="actor (statements)",
                  title_fontsize=8)
    elif kind == "share":
        actors = list(t["actor"].unique())
        fig.set_size_inches(10, 2.2 * len(actors) + 0.8)
        plt.close(fig)
        fig, axes = plt.subplots(len(actors), 1, figsize=(10, 2.2 * len(actors) + 0.8), sharex=True, squeeze=False)
        width = {"D": 0.8, "W": 5.5, "M": 24}.get(freq, 5.5)
        for a, axx in zip(actors, axes[:, 0]):
            g = t[t["actor"] == a].sort_values("period")
            # bars, not areas: periods without statements stay empty instead of interpolated
            bottom = np.zeros(len(g))
            for col, colour, lab in (("share_escalatory", "#c0392b", "escalatory"), ("share_neutral", "#bbbbbb", "neutral"),
                                     ("share_conciliatory", "#2e86c1", "conciliatory")):
                axx.bar(g["period"], g[col], width=width, bottom=bottom, color=colour, label=lab, align="edge")
                bottom = bottom + g[col].to_numpy()
            axx.set_ylabel(f"{a}\n(n={int(g['n'].sum())})", fontsize=8)
            axx.set_ylim(0, 1)
        axes[0, 0].legend(loc="upper left", fontsize=7, ncol=3, frameon=False)
        axes[0, 0].set_title(title or f"Share of statements by label, {freq_name}", fontsize=10)
        ax = axes[-1, 0]
    elif kind == "heatmap":
        piv = t.pivot_table(index="actor", columns="period", values="index", aggfunc="first")
        ns = t.pivot_table(index="actor", columns="period", values="n", aggfunc="first")
        fig.set_size_inches(max(8, 0.45 * piv.shape[1] + 2), 0.45 * piv.shape[0] + 2)
        im = ax.imshow(np.ma.masked_invalid(piv.to_numpy(dtype=float)), cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto")
        ax.set_yticks(range(piv.shape[0]), [f"{a} (n={int(ns.loc[a].sum())})" for a in piv.index], fontsize=8)
        ax.set_xticks(range(piv.shape[1]), [c.strftime("%Y-%m-%d") for c in piv.columns], rotation=70, fontsize=7)
        fig.colorbar(im, ax=ax, label="escalation index")
        ax.set_title(title or f"{INDEX_TITLE}\n{freq_name}; blank cells: too few statements", fontsize=9.5)
        _save(fig, path)
        return Path(path)
    else:
        raise ValueError(f"unknown chart kind {kind!r}; use line, heatmap, share or dyad")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    _events(ax, events)
    _save(fig, path)
    return Path(path)


def plot_dyads(table: pd.DataFrame, path, *, title: str | None = None):
    """Source x target matrix of net stance; returns the path written."""
    fig, ax = plt.subplots(figsize=(7, 6))
    if table.empty:
        ax.text(0.5, 0.5, "no source-target pairs", ha="center", va="center", transform=ax.transAxes)
        _save(fig, path)
        return Path(path)
    top_src = table.groupby("source")["n"].sum().nlargest(12).index
    top_tgt = table.groupby("target")["n"].sum().nlargest(12).index
    t = table[table["source"].isin(top_src) & table["target"].isin(top_tgt)]
    piv = t.pivot_table(index="source", columns="target", values="index", aggfunc="first")
    ns = t.pivot_table(index="source", columns="target", values="n", aggfunc="first")
    im = ax.imshow(np.ma.masked_invalid(piv.to_numpy(dtype=float)), cmap="RdBu_r", vmin=-1, vmax=1)
    for i in range(piv.shape[0]):
        for j in range(piv.shape[1]):
            n = ns.iloc[i, j]
            if not pd.isna(n):
                ax.text(j, i, f"{int(n)}", ha="center", va="center", fontsize=7)
    ax.set_yticks(range(piv.shape[0]), piv.index)
    ax.set_xticks(range(piv.shape[1]), piv.columns, rotation=45)
    ax.set_xlabel("target")
    ax.set_ylabel("source (speaker / agent)")
    fig.colorbar(im, ax=ax, label="escalation index")
    ax.set_title(title or "Net stance of source toward target (cell text: statements)", fontsize=10)
    _save(fig, path)
    return Path(path)
