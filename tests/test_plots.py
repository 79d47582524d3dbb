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


def test_plot_returns_its_path_and_shows_one_period_at_a_readable_scale(tmp_path):
    one = pd.DataFrame({"actor": ["RUS"], "date": ["2022-01-03"], "label": ["escalatory"]})
    events = pd.DataFrame({"date": ["2022-01-04", "5 Jan 2022"], "label": ["a", "b"]})
    import stance.plots as plots

    seen = {}
    orig = plots._events

    def spy(ax, ev):
        seen["xlim"] = ax.get_xlim()
        orig(ax, ev)
        seen["lines"] = len(ax.lines)

    plots._events = spy
    try:
        out = plot_trends(trends(one, min_n=1), tmp_path / "one.png", events=events)
    finally:
        plots._events = orig
    assert out == tmp_path / "one.png" and out.exists()
    assert seen["xlim"][1] - seen["xlim"][0] < 30  # days, not years
    assert seen["lines"] == 2 + 2  # the actor, the zero line and both events (dates written two ways)
    with pytest.raises(ValueError, match="unknown chart kind"):
        plot_trends(trends(one.iloc[:0]), tmp_path / "x.png", kind="bars")


@pytest.mark.parametrize("ext", ["svg", "pdf", "png"])
def test_same_table_same_chart_bytes(ext, tmp_path):
    t = trends(scores(), freq="D", min_n=1)
    a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
    plot_trends(t, a)
    plot_trends(t, b)  # no creation date, no random SVG ids
    assert a.read_bytes() == b.read_bytes()
