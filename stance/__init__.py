"""stance: how political actors talk about a conflict, from raw news.

The flow, one module per stage: ``articles`` -> ``sentences`` -> ``statements``
-> ``features`` -> ``models``/``predict`` -> ``aggregates`` -> ``plots``/``report``.
"""
__version__ = "0.1.0"

from .articles import read_articles  # noqa: E402
from .predict import classify, score, score_articles  # noqa: E402
from .statements import extract_statements  # noqa: E402

__all__ = ["read_articles", "extract_statements", "classify", "score", "score_articles", "__version__"]
