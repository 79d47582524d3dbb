"""Reports: one self-contained HTML page of a scores table, and the demo."""
from __future__ import annotations

import base64
import html
import json
import tempfile
from pathlib import Path

import pandas as pd

from . import io as sio
from .aggregates import actor_summary, trends
from .plots import plot_trends


def _png_b64(draw) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "chart.png"
        draw(p)
        return base64.b64encode(p.read_bytes()).decode("ascii")


def _table_html(df: pd.DataFrame) -> str:
    return df.to_html(index=False, escape=True, border=0, classes="t", na_rep="")


def build_report(scores: pd.DataFrame, path, *, model_card=None, freq: str = "W", top: int = 3) -> Path:
    """Write a self-contained HTML report (charts embedded as PNG)."""
    missing = [c for c in ("actor", "date", "label", "sentence") if c not in scores.columns]
    if missing:
        raise ValueError(f"not a scores table: lacks column(s) {', '.join(missing)}; produce it with 'stance score'")
    scores = scores.copy()
    for c in ("title", "path"):
        if c not in scores.columns:
            scores[c] = ""
    # as objects first: a categorical column cannot take "" for its missing values
    text_cols = ["actor", "date", "title", "path"]
    scores[text_cols] = scores[text_cols].astype(object).fillna("")
    summary = actor_summary(scores)
    actors = list(summary["actor"].head(6)) if len(summary) else []
    tr = trends(scores, freq=freq, actors=actors, min_n=3)
    dy = trends(scores, kind="dyad")
    trend_png = _png_b64(lambda p: plot_trends(tr, p, kind="line", freq=freq))
    dyad_png = _png_b64(lambda p: plot_trends(dy, p, kind="dyad"))
    parts = []
    for actor in actors:
        g = scores[scores["actor"] == actor]
        for lab, col in (("escalatory", "p_escalatory"), ("conciliatory", "p_conciliatory")):
            if col not in g.columns:
                continue
            best = g.sort_values(col, ascending=False).head(top)
            rows = "".join(
                f"<tr><td>{html.escape(str(r.date))}</td><td>{float(getattr(r, col)):.2f}</td>"
                f"<td>{html.escape(str(r.sentence))}</td><td>{html.escape(Path(str(r.path)).name)}</td></tr>"
                for r in best.itertuples())
            parts.append(f"<h3>{html.escape(actor)}: most {lab}</h3><table class='t'><tr><th>date</th><th>p</th>"
                         f"<th>statement</th><th>source</th></tr>{rows}</table>")
    card = model_card
    if isinstance(card, (str, Path)) and card:
        try:
            card = json.loads(Path(card).read_text(encoding="utf-8"))
        except OSError as exc:
            raise sio.InputError(f"{model_card}: cannot read model card ({exc.strerror or exc})") from None
        except ValueError as exc:
            raise sio.InputError(f"{model_card}: not a JSON model card ({str(exc).splitlines()[0]})") from None
    card_html = f"<pre>{html.escape(json.dumps(card, indent=2, sort_keys=True))}</pre>" if card else "<p>(no model card given)</p>"
    n_docs = scores["doc_id"].nunique() if "doc_id" in scores else 0
    counts = scores.loc[scores["actor"] != "", "label"].value_counts().to_dict()
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>stance report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#222}}
table.t{{border-collapse:collapse;font-size:13px;margin:0.5em 0 1.5em}} table.t td,table.t th{{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}}
img{{max-width:100%}} .note{{color:#555;font-size:13px}}</style></head><body>
<h1>stance report</h1>
<p class="note">{n_docs} article(s), {len(scores)} statement rows; labelled statements with an actor: {html.escape(str(counts))}.
Escalation index = (E − C) / (E + C + N) per actor and period; bands are 95% bootstrap intervals.</p>
<h2>Per-actor summary</h2>{_table_html(summary)}
<h2>Trend</h2><img alt="trend chart" src="data:image/png;base64,{trend_png}">
<h2>Who talks to whom: dyads</h2><img alt="dyad matrix" src="data:image/png;base64,{dyad_png}">
<h2>Most escalatory and most conciliatory statements</h2>{''.join(parts)}
<h2>Model card</h2>{card_html}
</body></html>"""
    sio.write_text_atomic(path, page)
    return Path(path)


def run_demo(out_dir="stance-demo", *, progress: bool = True) -> dict:
    """Score the bundled samples; write scores.csv, trend.png and report.html into ``out_dir``."""
    from .models import default_model
    from .predict import score

    samples = sio.data_dir() / "samples"
    if not samples.exists():
        raise sio.InputError(f"{samples}: bundled samples not found (set STANCE_DATA to the project's data folder)")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pipe, card = default_model()
    statements, skipped = score([samples], pipe, progress=progress)
    sio.write_table(statements, out / "scores.csv")
    tr = trends(statements, freq="W", min_n=3)
    events_path = samples / "events.csv"
    events = sio.read_table(events_path, dtype=str) if events_path.exists() else None
    plot_trends(tr, out / "trend.png", freq="W", events=events)
    build_report(statements, out / "report.html", model_card=card)
    return {"scores": out / "scores.csv", "trend": out / "trend.png", "report": out / "report.html"}
