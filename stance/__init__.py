"""stance: how political actors talk about a conflict, from raw news.

The flow, one module per stage: ``articles`` -> ``sentences`` -> ``statements``
-> ``features`` -> ``models``/``predict`` -> ``aggregates`` -> ``plots``/``report``.
Every function here returns pandas DataFrames (or writes a file and returns its path).
"""
__version__ = "0.1.0"

from .aggregates import actor_summary, trends  # noqa: E402
from .annotate import annotation_sheet  # noqa: E402
from .articles import read_articles  # noqa: E402
from .labels import check_labels, load_labels  # noqa: E402
from .models import default_model, load_model, save_model, train  # noqa: E402
from .plots import plot_trends  # noqa: E402
from .predict import classify, score, score_articles  # noqa: E402
from .report import build_report  # noqa: E402
from .statements import extract_statements  # noqa: E402

__all__ = [
    "read_articles", "extract_statements", "score", "score_articles", "classify", "trends", "actor_summary",
    "plot_trends", "build_report", "annotation_sheet", "load_labels", "check_labels", "train", "default_model",
    "load_model", "save_model", "__version__",
]
