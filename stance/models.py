"""Models: scikit-learn pipelines, training, persistence with a model card.

A model is a ``Pipeline`` (statement text -> feature union -> classifier)
saved with joblib beside a JSON model card holding the label set, the
training data's SHA-256, metrics, parameters, versions and the model file's
own SHA-256. Loading refuses a file whose hash does not match its card,
because unpickling runs code.
"""
from __future__ import annotations

import json
import platform
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import io as sio
from .io import ModelError
from .labels import LABELS

if TYPE_CHECKING:
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import Pipeline

FEATURE_GROUPS = ("word", "char", "clause", "cues", "vader", "style")
# VADER and character n-grams are left out of the default. VADER: +0.001 macro-F1 in grouped
# CV, nothing on the real evaluation sets, a quarter of scoring time. Char n-grams: +0.005 in CV
# but -0.015 on average over the three real Russia-Ukraine sets and 60% of featurising time
# (reports/06_model_analysis/ablation.csv, reports/04_cross_domain/, reports/bench_score/).
# Pass groups=FEATURE_GROUPS to include both.
DEFAULT_GROUPS = ("word", "clause", "cues", "style")
MODEL_KINDS = ("logreg", "svm", "cnb", "sgd", "ensemble")
DEFAULT_SEED = 13


# scikit-learn is imported where a pipeline is built or loaded, not at module level: the
# process that only hands a model's path to `--jobs` workers then starts in a fraction of the time.
def _feature_union(groups, *, nonnegative=False) -> ColumnTransformer:
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MaxAbsScaler

    from .features import CueCounter, NgramTfidf, StyleFlags, VaderScores, WordNgrams

    parts = []
    if "word" in groups:
        parts.append(("word", NgramTfidf(analyzer=WordNgrams(), min_df=2, sublinear_tf=True, max_features=80000),
                      "masked"))
    if "char" in groups:
        parts.append(("char", NgramTfidf(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                                              max_features=80000), "masked"))
    if "clause" in groups:
        parts.append(("clause", NgramTfidf(analyzer=WordNgrams(), min_df=2, sublinear_tf=True, max_features=40000),
                      "clause"))
    if not nonnegative:
        if "cues" in groups:
            # cues of the source clause and of the whole sentence, in one pass
            parts.append(("cues", make_pipeline(CueCounter(), MaxAbsScaler()), ["clause", "masked"]))
        if "vader" in groups:
            parts.append(("vader", VaderScores(), "masked"))
        if "style" in groups:
            parts.append(("style", StyleFlags(), "masked"))
    if not parts:
        raise ValueError(f"no feature groups selected; choose from {', '.join(FEATURE_GROUPS)}")
    return ColumnTransformer(parts, sparse_threshold=1.0)


def _classifier(kind: str, seed: int):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import VotingClassifier
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.naive_bayes import ComplementNB
    from sklearn.svm import LinearSVC

    if kind == "logreg":
        # C is chosen for real text: the best mean macro-F1 on the three real Russia-Ukraine
        # development sets, within 0.005 counting as a tie (reports/04_cross_domain/variants_on_dev.csv:
        # 0.5 0.646, 1.0 0.647, 2.0 0.640), ties broken by grouped CV on data/labels
        # (reports/03_model_comparison/c_grid.csv: 1.0 0.806, 0.5 0.797; CV alone takes 2.0, 0.810)
        return LogisticRegression(C=1.0, max_iter=4000, class_weight="balanced", random_state=seed)
    if kind == "svm":
        return CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced", random_state=seed), cv=3)
    if kind == "cnb":
        return ComplementNB(alpha=0.3)
    if kind == "sgd":
        return SGDClassifier(loss="modified_huber", alpha=1e-4, class_weight="balanced", random_state=seed, max_iter=50)
    if kind == "ensemble":
        return VotingClassifier([
            ("logreg", _classifier("logreg", seed)), ("svm", _classifier("svm", seed)), ("sgd", _classifier("sgd", seed)),
        ], voting="soft")
    raise ValueError(f"unknown model kind {kind!r}; choose from {', '.join(MODEL_KINDS)}")


def build_pipeline(model: str = "logreg", *, groups=DEFAULT_GROUPS, mask_actors: bool = True,
                   seed: int = DEFAULT_SEED, actors_path=None) -> Pipeline:
    """A fresh (unfitted) stance pipeline."""
    from sklearn.pipeline import Pipeline

    from .features import StatementText

    return Pipeline([
        ("statement", StatementText(mask_actors=mask_actors, actors_path=actors_path)),
        ("features", _feature_union(tuple(groups), nonnegative=(model == "cnb"))),
        ("clf", _classifier(model, seed)),
    ])


def training_frame(labels: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    X = labels[["text", "actor", "actor_mention"]].copy() if "actor_mention" in labels else labels[["text"]].copy()
    return X, labels["label"].to_numpy()


def train(labels: pd.DataFrame, *, model: str = "logreg", groups=DEFAULT_GROUPS, seed: int = DEFAULT_SEED,
          mask_actors: bool = True) -> Pipeline:
    """Fit a pipeline on a labels table (see ``labels.load_labels``)."""
    X, y = training_frame(labels)
    classes = sorted(set(y))
    if len(classes) < 2:
        raise ValueError(f"labels hold {len(y)} statement(s) of {len(classes)} class(es) "
                         f"({', '.join(classes) or 'none'}); training needs at least two")
    pipe = build_pipeline(model, groups=groups, seed=seed, mask_actors=mask_actors)
    pipe.fit(X, y)
    return pipe


def versions() -> dict:
    from importlib.metadata import version

    from . import __version__

    out = {"stance": __version__, "python": platform.python_version()}
    out.update({name: version(name) for name in ("scikit-learn", "pandas", "numpy", "nltk", "joblib")})
    return out


def save_model(pipe: Pipeline, path, *, training_sha256: str, metrics: dict | None = None, extra: dict | None = None) -> dict:
    """Write ``path`` (joblib) and ``path.json`` (model card) atomically; return the card."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    import joblib

    joblib.dump(pipe, tmp, compress=3)
    digest = sio.sha256_file(tmp)
    tmp.replace(path)
    clf = pipe.named_steps["clf"]
    card = {
        "format": "stance-model/1",
        "model_file": path.name,
        "model_sha256": digest,
        "labels": [str(c) for c in getattr(clf, "classes_", LABELS)],
        "training_data_sha256": training_sha256,
        "metrics": metrics or {},
        "model": type(clf).__name__,
        "params": {k: repr(v) for k, v in pipe.get_params(deep=True).items()
                   if not hasattr(v, "get_params") and not isinstance(v, (list, tuple))},
        "versions": versions(),
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    card.update(extra or {})
    sio.write_json_atomic(card_path(path), card)
    return card


def card_path(path) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".json")


def load_card(path) -> dict:
    cp = card_path(path)
    if not cp.exists():
        raise ModelError(f"{path}: no model card ({cp.name}) beside it; refusing to load an unknown joblib file")
    try:
        card = json.loads(cp.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{cp}: unreadable model card ({exc})") from None
    if not isinstance(card, dict) or "model_sha256" not in card:
        raise ModelError(f"{cp}: not a stance model card (no model_sha256)")
    return card


def check_model_file(path) -> dict:
    """The model card of ``path`` once the file's SHA-256 matches it (nothing is unpickled)."""
    path = Path(path)
    if not path.exists():
        raise ModelError(f"{path}: no such model file")
    card = load_card(path)
    digest = sio.sha256_file(path)
    if digest != card.get("model_sha256"):
        raise ModelError(f"{path}: SHA-256 does not match its model card (file changed or tampered); retrain with 'stance train'")
    return card


def load_model(path) -> tuple[Pipeline, dict]:
    """Load a model after checking its SHA-256 against its card."""
    path = Path(path)
    card = check_model_file(path)
    try:
        import joblib

        pipe = joblib.load(path)
    except Exception as exc:  # a matching hash but unloadable file: report, don't trace
        raise ModelError(f"{path}: cannot load model ({type(exc).__name__}: {exc})") from None
    if not (hasattr(pipe, "predict_proba") and hasattr(pipe, "classes_")):
        raise ModelError(f"{path}: not a fitted classifier with probabilities ({type(pipe).__name__})")
    return pipe, card


def pipeline_signature() -> str:
    """A hash of what the default model is made from, besides the labels: code changes retrain.

    The pipeline's code (this module, ``features`` and ``actors``, which drives masking), the cue
    lexicon, the actor table and library versions. Read from files, so a process that only
    hands the model's path to workers never imports scikit-learn.
    """
    import hashlib

    from .actors import default_actors_path

    here = Path(__file__).resolve().parent
    parts = [here / "models.py", here / "features.py", here / "actors.py", here / "lexicons" / "cues.tsv",
             Path(default_actors_path())]
    desc = json.dumps(versions(), sort_keys=True) + "".join(sio.sha256_file(p) for p in parts if p.exists())
    return hashlib.sha256(desc.encode()).hexdigest()


def default_model_path(labels_sha: str) -> Path:
    return sio.cache_dir() / f"default-{labels_sha[:12]}-{pipeline_signature()[:8]}.joblib"


def default_model(labels_path=None, *, quiet: bool = True) -> tuple[Pipeline, dict]:
    """The default model, trained from ``data/labels`` on first use and cached by the labels' hash."""
    from .labels import labels_sha256, load_labels

    labels = load_labels(labels_path)
    sha = labels_sha256(labels)
    path = default_model_path(sha)
    if path.exists():
        try:
            return load_model(path)
        except ModelError:
            pass  # a stale or damaged cache entry is rebuilt below
    t0 = time.perf_counter()
    pipe = train(labels)
    card = save_model(pipe, path, training_sha256=sha,
                      extra={"training_rows": int(len(labels)), "train_seconds": round(time.perf_counter() - t0, 2),
                             "seed": DEFAULT_SEED})
    return pipe, card
