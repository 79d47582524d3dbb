import pandas as pd
import pytest

from stance.aggregates import trends
from stance.plots import actor_colour, plot_trends
from test_aggregates import scores


@pytest.mark.parametrize("kind,ext", [("line", "png"), ("heatmap", "png"), ("share", "svg"), ("dyad", "pdf")])
def test_every_chart_kind_writes_a_file(kind, ext, tmp_path):
    t = trends(scores(), freq="D", min_n=1, kind=kind)
    out = tmp_path / f"c.{ext}"
    plot_trends(t, out, kind=kind, events=pd.DataFrame({"date": ["2022-01-05"], "label": ["talks"]}))
    assert out.stat().st_size > 1000
    if ext == "png":
        assert out.read_bytes()[:4] == b"\x89PNG"


def test_actor_colours_are_stable():
    assert actor_colour("RUS") == actor_colour("RUS")
    assert actor_colour("XKX") == actor_colour("XKX")
