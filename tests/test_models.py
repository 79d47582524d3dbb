
import numpy as np
import pytest

from stance.labels import load_labels
from stance.models import ModelError, build_pipeline, load_model, save_model, train
from stance.predict import predict_frame


def test_training_is_deterministic(small_labels, tmp_path):
    labels = load_labels(small_labels)
    a = predict_frame(labels, train(labels))
    b = predict_frame(labels, train(labels))
    assert a.equals(b)


def test_model_card_and_tamper_check(small_labels, tmp_path):
    labels = load_labels(small_labels)
    path = tmp_path / "m.joblib"
    card = save_model(train(labels), path, training_sha256="abc")
    assert set(card["labels"]) == {"escalatory", "conciliatory", "neutral"}
    assert card["training_data_sha256"] == "abc" and "scikit-learn" in card["versions"]
    pipe, card2 = load_model(path)
    assert card2["model_sha256"] == card["model_sha256"]
    with open(path, "ab") as fh:
        fh.write(b"tampered")
    with pytest.raises(ModelError, match="SHA-256 does not match"):
        load_model(path)


def test_unknown_joblib_without_card_is_refused(tmp_path):
    p = tmp_path / "x.joblib"
    p.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="no model card"):
        load_model(p)


@pytest.mark.parametrize("kind", ["logreg", "svm", "cnb", "sgd", "ensemble"])
def test_every_model_kind_fits_and_gives_probabilities(kind, small_labels):
    labels = load_labels(small_labels)
    pipe = build_pipeline(kind)
    pipe.fit(labels[["text", "actor", "actor_mention"]], labels["label"])
    p = pipe.predict_proba(labels[["text", "actor", "actor_mention"]].head(3))
    assert p.shape == (3, 3) and np.allclose(p.sum(axis=1), 1)
