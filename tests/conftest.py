from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    # Models trained by tests go to a per-session cache, never the user's.
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def small_actors():
    return FIXTURES / "actors_small.csv"


@pytest.fixture(scope="session")
def small_labels():
    return FIXTURES / "labels_small.csv"


@pytest.fixture(scope="session")
def small_model(tmp_path_factory):
    from stance.labels import labels_sha256, load_labels
    from stance.models import save_model, train

    labels = load_labels(FIXTURES / "labels_small.csv")
    pipe = train(labels)
    path = tmp_path_factory.mktemp("model") / "small.joblib"
    save_model(pipe, path, training_sha256=labels_sha256(labels))
    return path


def shared_or_skip(*parts):
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not present (../shared is only in the team's workplace)")
    return p
