import json

import pandas as pd
import pytest

from stance.engines import partitions, read_partitioned, score_dask
from stance.predict import score

pytest.importorskip("distributed")


def _inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(3):
        (d / f"a{i}.txt").write_text(f"Story {i} on the talks\nMOSCOW, Jan {i + 10}, 2022 (Reuters) - Lavrov said Russia "
                                     f"was ready to keep talking.\nBlinken warned of severe consequences.\n")
    rows = [{"id": f"j{i}", "text": f"Kyiv said on day {i} that it wanted more talks with Moscow.", "date": "2022-02-0%d" % (i + 1)}
            for i in range(5)]
    (d / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    return d


def test_partitions_cut_jsonl_by_rows(tmp_path):
    d = _inputs(tmp_path)
    units = partitions([d], rows_per_partition=2)
    assert [u for u in units if u[0].endswith("feed.jsonl")] == [
        (str(d / "feed.jsonl"), 0, 2), (str(d / "feed.jsonl"), 2, 4), (str(d / "feed.jsonl"), 4, 6)]


def test_dask_local_cluster_matches_local_engine(small_model, tmp_path):
    d = _inputs(tmp_path)
    local, skipped = score([d], small_model)
    manifest = score_dask([d], tmp_path / "out", small_model, n_workers=2, rows_per_partition=2)
    dist = read_partitioned(tmp_path / "out")
    pd.testing.assert_frame_equal(local.reset_index(drop=True), dist, check_dtype=False)
    assert [s[1] for s in manifest["skipped"]] == list(skipped["reason"])
    assert (tmp_path / "out" / "_manifest.json").exists()
