"""Scoring engines: the local one (``predict.iter_scores``) and Dask distributed.

The Dask engine runs the same per-document scoring over partitions (input
files, and JSONL/CSV inputs cut into chunks of rows) on a Dask cluster. Each
task writes ``part-NNNNN.parquet`` atomically into the output folder that
workers and client share; the client writes ``_manifest.json`` last, listing
every part and every skipped input. Reading the parts in order gives exactly
the local engine's table.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import io as sio


def partitions(paths, *, rows_per_partition: int = 2000, skipped: list | None = None) -> list[tuple[str, int, int]]:
    """(path, first_row, last_row) work units; whole files for pages, row ranges for JSONL."""
    skipped = skipped if skipped is not None else []
    units = []
    for p in sio.iter_input_paths(paths, skipped=skipped):
        if p == "-":
            raise ValueError("the dask engine cannot read stdin; write it to a file first")
        if p.lower().endswith(".jsonl"):
            try:
                with open(p, "rb") as fh:
                    n = sum(1 for _ in fh)  # "\n"-terminated lines, as the JSONL reader counts them
            except OSError as exc:
                skipped.append((p, f"cannot read ({exc.strerror or exc})"))
                continue
            for start in range(0, max(n, 1), rows_per_partition):
                units.append((p, start, min(start + rows_per_partition, n)))
        else:
            units.append((p, 0, -1))
    return units


def _score_unit(unit, pipe, out_dir: str, index: int, read_options: dict, actors, extra_actors, since=None, until=None):
    """Score one partition and write its Parquet part; return (index, rows, skipped)."""
    import tempfile

    from .articles import Batch, ReadOptions, read_one, _jsonl
    from .predict import _in_window, _statements_chunk, empty_scores, score_statements

    path, start, stop = unit
    opts = ReadOptions(**read_options)
    batch = Batch()
    if stop >= 0 and path.lower().endswith(".jsonl"):
        try:
            raw = sio.read_input(path, max_bytes=max(opts.max_bytes, 1 << 40))
            lines = raw.text.split("\n")
            # keep line numbers true to the file: blank out lines outside the range
            sub = "\n".join(ln if start <= i < stop else "" for i, ln in enumerate(lines))
            _jsonl(sub, raw.path, opts, batch)
        except sio.InputError as exc:
            batch.skipped.append((path, str(exc)))
    else:
        read_one(path, opts, batch)
    batch.articles = [a for a in batch.articles if _in_window(a["date"], since, until)]
    problems: list = []
    st = score_statements(_statements_chunk(batch.articles, actors, extra_actors, problems), pipe) \
        if batch.articles else empty_scores()
    batch.skipped.extend(problems)
    out = Path(out_dir) / f"part-{index:05d}.parquet"
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".part-", suffix=".tmp")
    import os

    os.close(fd)
    st.to_parquet(tmp, index=False)
    os.replace(tmp, out)
    return index, len(st), batch.skipped


def score_dask(paths, output_dir, model=None, *, scheduler: str | None = None, n_workers: int = 2,
               actors=None, extra_actors=None, since=None, until=None, rows_per_partition: int = 2000,
               **read_options) -> dict:
    """Score inputs on a Dask cluster (``scheduler`` address, or a LocalCluster); return the manifest."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ValueError("the dask engine needs the optional extra: pip install 'stance[dask]'") from None
    from .predict import _get_model

    pipe = _get_model(model)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.parquet"):
        old.unlink()
    (out / "_manifest.json").unlink(missing_ok=True)
    skipped: list = []
    units = partitions(paths, rows_per_partition=rows_per_partition, skipped=skipped)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        remote_pipe = client.scatter(pipe, broadcast=True)
        futures = [client.submit(_score_unit, u, remote_pipe, str(out), i, read_options, actors, extra_actors,
                                 since, until, pure=False) for i, u in enumerate(units)]
        results = sorted(client.gather(futures))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    for _, _, sk in results:
        skipped.extend(sk)
    manifest = {"parts": [f"part-{i:05d}.parquet" for i, _, _ in results], "rows": sum(n for _, n, _ in results),
                "partitions": [list(u) for u in units], "skipped": [list(s) for s in skipped]}
    sio.write_json_atomic(out / "_manifest.json", manifest)
    return manifest


def read_partitioned(output_dir) -> pd.DataFrame:
    """The statement table of a Dask run, parts in order (refuses an unfinished run)."""
    out = Path(output_dir)
    mf = out / "_manifest.json"
    if not mf.exists():
        raise sio.InputError(f"{out}: no _manifest.json (the run did not finish)")
    manifest = json.loads(mf.read_text(encoding="utf-8"))
    frames = [pd.read_parquet(out / p) for p in manifest["parts"]]
    frames = [f for f in frames if len(f)]
    if not frames:
        from .predict import empty_scores

        return empty_scores()
    return pd.concat(frames, ignore_index=True)
