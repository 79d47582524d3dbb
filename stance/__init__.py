"""stance: how political actors talk about a conflict, from raw news.

The flow, one module per stage: ``articles`` -> ``sentences`` -> ``statements``
-> ``features`` -> ``models``/``predict`` -> ``aggregates`` -> ``plots``/``report``.
Every function here returns pandas DataFrames (or writes a file and returns its path).
"""
__version__ = "0.1.0"

# Public names resolve on first use (PEP 562), so `stance score` does not pay for
# matplotlib and the report code at start-up.
_EXPORTS = {
    "actor_summary": "aggregates", "trends": "aggregates", "annotation_sheet": "annotate",
    "read_articles": "articles", "check_labels": "labels", "load_labels": "labels",
    "default_model": "models", "load_model": "models", "save_model": "models", "train": "models",
    "plot_trends": "plots", "classify": "predict", "score": "predict", "score_articles": "predict",
    "build_report": "report", "extract_statements": "statements",
}


def __getattr__(name):
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'stance' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))


__all__ = [
    "read_articles", "extract_statements", "score", "score_articles", "classify", "trends", "actor_summary",
    "plot_trends", "build_report", "annotation_sheet", "load_labels", "check_labels", "train", "default_model",
    "load_model", "save_model", "__version__",
]
