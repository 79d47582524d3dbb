"""Command line: parses arguments and calls library functions. Exit 0 ok, 1 error, 2 usage."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"stance: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _err(msg: str) -> int:
    print(f"stance: error: {msg}", file=sys.stderr)
    return EXIT_ERROR


def _info(args, msg: str) -> None:
    if not getattr(args, "quiet", False):
        print(msg, file=sys.stderr)


def _read_opts(args) -> dict:
    return {"text_col": args.text_col, "id_col": args.id_col, "title_col": args.title_col,
            "date_col": args.date_col, "default_date": args.date, "default_actor": args.default_actor}


def cmd_score(args) -> int:
    from . import io as sio
    from .predict import empty_scores, iter_scores

    if args.engine == "dask":
        return _score_dask(args)
    out = Path(args.output)
    if out.is_dir():
        raise ValueError(f"{out}: is a folder; give a file name (or use --engine dask for partitioned output)")
    for p in args.paths:
        if p != "-" and out.exists() and Path(p).exists() and os.path.samefile(p, out):
            raise ValueError(f"{out}: is also an input; writing it would destroy that input (choose another -o)")
    writer = sio.IncrementalWriter(args.output, args.format, resume=args.resume)
    done = writer.done_ids() if args.resume else set()
    if writer.note:
        _info(args, f"stance: {writer.note}")
    skipped: list = []
    n_rows = n_docs = 0
    per_actor: dict = {}
    try:
        for chunk in iter_scores(args.paths, args.model, extra_actors=args.actors, since=args.since, until=args.until,
                                 jobs=args.jobs, skip_doc_ids=done, skipped=skipped, progress=not args.quiet,
                                 exclude=[writer.path, writer.partial], **_read_opts(args)):
            writer.write(chunk)
            n_rows += len(chunk)
            n_docs += len(chunk[["path", "doc_id"]].drop_duplicates())  # ids may repeat across input files
            for a, n in chunk.loc[chunk["actor"] != "", "actor"].value_counts().items():
                per_actor[a] = per_actor.get(a, 0) + int(n)
    except KeyboardInterrupt:
        writer.abort()
        print(f"stance: interrupted after {n_docs} article(s); finished chunks kept in {writer.partial} "
              f"(run again with --resume)", file=sys.stderr)
        return EXIT_ERROR
    except BaseException:
        writer.abort()  # what was finished stays resumable
        raise
    if not n_rows and not done and out.exists():
        # every input failed or none was found (a mistyped or empty folder): an earlier output is
        # worth more than an empty table
        writer.discard()
        for path, reason in skipped:
            print(f"stance: skipped {path}: {reason}", file=sys.stderr)
        print(f"stance: error: nothing was scored; {out} left unchanged", file=sys.stderr)
        return EXIT_ERROR
    writer.close(empty=empty_scores())
    _info(args, f"read {n_docs} article(s)" + (f" ({len(done)} already done, skipped)" if done else "")
          + f", {n_rows} statement row(s) ({sum(per_actor.values())} with an actor) -> {args.output}")
    if per_actor:
        top = sorted(per_actor.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
        _info(args, "per actor: " + ", ".join(f"{a} {n}" for a, n in top))
    for path, reason in skipped:
        print(f"stance: skipped {path}: {reason}", file=sys.stderr)
    if skipped:
        _info(args, f"{len(skipped)} input(s) skipped (listed above); the rest was written")
        return EXIT_ERROR
    return EXIT_OK


def _score_dask(args) -> int:
    from .engines import score_dask

    manifest = score_dask(args.paths, args.output, args.model, scheduler=args.scheduler, n_workers=args.jobs or 2,
                          extra_actors=args.actors, since=args.since, until=args.until, **_read_opts(args))
    _info(args, f"{manifest['rows']} statement row(s) in {len(manifest['parts'])} Parquet part(s) -> {args.output}/")
    for path, reason in manifest["skipped"]:
        print(f"stance: skipped {path}: {reason}", file=sys.stderr)
    return EXIT_ERROR if manifest["skipped"] else EXIT_OK


def cmd_classify(args) -> int:
    from . import io as sio
    from .predict import classify

    table = sio.read_table(args.input, dtype=str)
    try:
        out = classify(table, args.model, text_col=args.text_col, actor_col=args.actor_col, extra_actors=args.actors,
                       abstain=args.abstain)
    except ValueError as exc:
        raise ValueError(f"{args.input}: {exc}") from None
    unknown = out.attrs.get("unknown_actors", {"rows": 0, "names": []})
    sio.write_table(out, args.output)
    if unknown["rows"]:  # a data problem, not progress news: shown even with -q
        print(f"stance: {args.input}: {unknown['rows']} row(s) name no known actor (first: {unknown['names'][0]!r}); "
              f"judged as whole sentences (add aliases with --actors)", file=sys.stderr)
    _info(args, f"classified {len(out)} row(s) -> {args.output}")
    return EXIT_OK


def cmd_train(args) -> int:
    import time

    from .labels import labels_sha256, labels_source_name, load_labels
    from .models import default_model_path, save_model, train

    groups = _feature_groups(args.features)
    labels = load_labels(args.labels)
    t0 = time.perf_counter()
    try:
        pipe = train(labels, model=args.kind, seed=args.seed, groups=groups)
    except ValueError as exc:
        raise ValueError(f"{labels_source_name(args.labels, 'data/labels')}: {exc}") from None
    secs = time.perf_counter() - t0
    out = Path(args.output) if args.output else default_model_path(labels_sha256(labels))
    card = save_model(pipe, out, training_sha256=labels_sha256(labels),
                      extra={"training_rows": int(len(labels)), "train_seconds": round(secs, 2), "seed": args.seed,
                             "labels_path": labels_source_name(args.labels, "data/labels")})
    _info(args, f"trained {card['model']} on {len(labels)} statements in {secs:.1f}s -> {out} (+ {out.name}.json)")
    return EXIT_OK


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate_model

    res = evaluate_model(args.labels, args.model)
    print(res["report"])
    print(f"macro-F1 {res['macro_f1']:.3f} on {res['n']} statements")
    return EXIT_OK


def cmd_labels(args) -> int:
    from .labels import check_labels

    if args.labels_cmd != "check":
        return _err("use 'stance labels check [DIR]'")
    problems = check_labels(args.path, actors=args.actors)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return EXIT_ERROR
    print("labels OK")
    return EXIT_OK


def cmd_agreement(args) -> int:
    from .evaluate import agreement_report

    from .io import data_dir

    out = args.out or data_dir().parent / "reports" / "agreement"
    res = agreement_report(args.first, args.second, out)
    print(f"n={res['n']} kappa={res['cohen_kappa']:.3f} alpha={res['krippendorff_alpha']:.3f} "
          f"agreement={res['percent_agreement']:.3f} -> {out}")
    return EXIT_OK


def cmd_trend(args) -> int:
    from . import io as sio
    from .aggregates import period_start, trends
    from .plots import plot_trends

    scores = sio.read_table(args.scores, dtype={"date": str})
    actors = [a.strip().upper() for a in args.actors.split(",")] if args.actors else None
    events = sio.read_table(args.events, dtype=str) if args.events else None
    if events is not None and len(events) and "date" not in events.columns:
        raise ValueError(f"{args.events}: events table needs columns date,label "
                         f"(has: {', '.join(map(str, events.columns))})")
    try:
        table = trends(scores, freq=args.freq, actors=actors, min_n=args.min_n, smooth=args.smooth, kind=args.kind)
    except ValueError as exc:
        raise ValueError(f"{args.scores}: {exc}") from None
    dates = scores["date"].fillna("").astype(str)
    undated = int((dates == "").sum())
    if undated:
        _info(args, f"{undated} statement row(s) without a date left out")
    unreadable = dates[(dates != "") & period_start(dates, "D").isna()]
    if len(unreadable):  # a data problem, not progress news: shown even with -q
        print(f"stance: {args.scores}: {len(unreadable)} statement row(s) with an unreadable date left out "
              f"(first: {unreadable.iloc[0]!r}; dates are YYYY-MM-DD)", file=sys.stderr)
    plot_trends(table, args.output, kind=args.kind, events=events, freq=args.freq)
    if args.table:
        sio.write_table(table, args.table)
    _info(args, f"{len(table)} actor-period row(s) -> {args.output}" + (f" and {args.table}" if args.table else ""))
    return EXIT_OK


def cmd_report(args) -> int:
    from . import io as sio
    from .report import build_report

    scores = sio.read_table(args.scores, dtype={"date": str})
    try:
        build_report(scores, args.output, model_card=args.model_card, freq=args.freq)
    except sio.InputError:
        raise  # names its own file (the model card)
    except ValueError as exc:
        raise ValueError(f"{args.scores}: {exc}") from None
    _info(args, f"report -> {args.output}")
    return EXIT_OK


def cmd_annotate(args) -> int:
    from . import io as sio
    from .annotate import annotation_sheet
    from .predict import score

    statements, skipped = score(args.paths, args.model, progress=not args.quiet, **_read_opts(args))
    sheet = annotation_sheet(statements, n=args.n, strategy=args.strategy, seed=args.seed)
    sio.write_table(sheet, args.output)
    _info(args, f"{len(sheet)} statement(s) to label -> {args.output}")
    for path, reason in skipped.itertuples(index=False):
        print(f"stance: skipped {path}: {reason}", file=sys.stderr)
    return EXIT_ERROR if len(skipped) else EXIT_OK


def cmd_demo(args) -> int:
    from .report import run_demo

    paths = run_demo(args.out, progress=not args.quiet)
    for name, p in paths.items():
        print(f"{name}: {p}")
    return EXIT_OK


def _add_read_args(p):
    p.add_argument("--text-col", default="text", help="text column of CSV/JSONL inputs (default: text)")
    p.add_argument("--id-col", default="id", help="id column of CSV/JSONL inputs (default: id)")
    p.add_argument("--title-col", default="title")
    p.add_argument("--date-col", default="date")
    p.add_argument("--date", help="default date (YYYY-MM-DD) for articles with none")
    p.add_argument("--default-actor", help="actor code of the publisher (e.g. RUS for Kremlin releases): the source "
                                           "of sentences that name no speaker or agent")


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="stance", description="Escalatory, conciliatory or neutral: how actors talk about a conflict.")
    ap.add_argument("--version", action="version", version=_version())
    sub = ap.add_subparsers(dest="cmd", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("score", help="score articles (txt, html, jsonl, csv, folders, -) into a statement table")
    p.add_argument("paths", nargs="+", help="files, folders or - for stdin")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--format", choices=["csv", "jsonl", "parquet"])
    p.add_argument("--model", help="model file (default: trained from data/labels, cached)")
    p.add_argument("--actors", help="extra actor alias CSV (alias,actor,kind,role,valid_from,valid_to)")
    p.add_argument("--since")
    p.add_argument("--until")
    p.add_argument("--jobs", type=_positive_int, default=1,
                   help="worker processes (output identical for any count; at most one per CPU is used)")
    p.add_argument("--resume", action="store_true", help="skip documents already in OUTPUT (or OUTPUT.partial)")
    p.add_argument("--engine", default="local", choices=["local", "dask"],
                   help="dask: run on a Dask cluster; OUTPUT is then a folder of Parquet parts")
    p.add_argument("--scheduler", help="Dask scheduler address (tcp://HOST:PORT); default: a LocalCluster")
    p.add_argument("-q", "--quiet", action="store_true")
    _add_read_args(p)
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("classify", help="classify pre-segmented statements in a CSV")
    p.add_argument("input")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--text-col", default="text")
    p.add_argument("--actor-col")
    p.add_argument("--actors", help="extra actor alias CSV (alias,actor,kind,role,valid_from,valid_to)")
    p.add_argument("--model")
    p.add_argument("--abstain", type=_probability,
                   help="label 'abstain' below this top probability (between 1/3 and 1; every label's is at least 1/3)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("train", help="train a model on labelled statements")
    p.add_argument("--labels", action="append",
                   help="labels CSV or folder (default: data/labels); repeat to train on several, e.g. "
                        "--labels data/labels --labels my_labels.csv")
    p.add_argument("-o", "--output", help="model file (default: the cache)")
    p.add_argument("--kind", default="logreg", choices=["logreg", "svm", "cnb", "sgd", "ensemble"])
    p.add_argument("--features", help="comma-separated feature groups (default: word,clause,cues,style; "
                                      "also: char, vader)")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("evaluate", help="evaluate a model on labelled statements")
    p.add_argument("--labels", required=False)
    p.add_argument("--model")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("labels", help="label file tools: 'stance labels check [DIR]'")
    p.add_argument("labels_cmd", choices=["check"])
    p.add_argument("path", nargs="?")
    p.add_argument("--actors")
    p.set_defaults(func=cmd_labels)

    p = sub.add_parser("agreement", help="inter-annotator agreement of two label passes")
    p.add_argument("--first", help="default: data/labels/statements.csv")
    p.add_argument("--second", help="default: data/labels/second_pass.csv")
    p.add_argument("--out", help="report folder (default: the project's reports/agreement)")
    p.set_defaults(func=cmd_agreement)

    p = sub.add_parser("trend", help="per-actor escalation index over time, as a chart")
    p.add_argument("scores")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--freq", default="W", choices=["D", "W", "M"])
    p.add_argument("--actors")
    p.add_argument("--events", help="CSV with date,label columns")
    p.add_argument("--table", help="also write the numbers behind the chart")
    p.add_argument("--kind", default="line", choices=["line", "heatmap", "share", "dyad"])
    p.add_argument("--min-n", type=_nonnegative_int, default=5, help="mask periods with fewer statements")
    p.add_argument("--smooth", type=_nonnegative_int, default=0, help="rolling window in periods (0: none)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_trend)

    p = sub.add_parser("report", help="one self-contained HTML report of a scores table")
    p.add_argument("scores")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--model-card")
    p.add_argument("--freq", default="W", choices=["D", "W", "M"])
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("annotate", help="an annotation sheet of statements to label")
    p.add_argument("paths", nargs="+")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--strategy", default="uncertainty", choices=["uncertainty", "random", "stratified"])
    p.add_argument("--model")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("-q", "--quiet", action="store_true")
    _add_read_args(p)
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser("demo", help="score the bundled sample articles; write scores, a trend chart and a report")
    p.add_argument("--out", default="stance-demo")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_demo)
    return ap


def _version() -> str:
    from . import __version__

    return f"stance {__version__}"


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    from .io import InputError, ModelError

    try:
        try:
            _validate(args)
        except InputError:
            raise  # a file named by an option is bad: an input error, not a usage error
        except ValueError as exc:  # a malformed option value: a usage error, like argparse's own
            print(f"stance: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        return args.func(args)
    except OSError as exc:  # name the file, not "[Errno 13] ..."
        if exc.filename and exc.strerror:
            return _err(f"{exc.filename}: {exc.strerror}")
        return _err(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    except (InputError, ModelError, ValueError, TypeError) as exc:
        return _err(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    except KeyboardInterrupt:
        return _err("interrupted; finished outputs were kept")
    except Exception as exc:  # the user gets one line, never a traceback; STANCE_DEBUG=1 shows it
        import os

        if os.environ.get("STANCE_DEBUG"):
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        return _err(f"unexpected {type(exc).__name__}: {first} (set STANCE_DEBUG=1 for details)")


def _nonnegative_int(value: str) -> int:
    n = _int(value)
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: must be 0 or more")
    return n


def _probability(value: str) -> float:
    try:
        p = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number: {value!r}") from None
    # the top of three probabilities is never below 1/3: a lower threshold would abstain on nothing
    if not 1 / 3 <= p <= 1:
        raise argparse.ArgumentTypeError(f"{value!r}: must be between 1/3 and 1")
    return p


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None


def _positive_int(value: str) -> int:
    n = _int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: must be 1 or more")
    return n


def _feature_groups(spec):
    from .models import DEFAULT_GROUPS, FEATURE_GROUPS

    if not spec:
        return DEFAULT_GROUPS
    groups = tuple(g.strip() for g in spec.split(",") if g.strip())
    bad = [g for g in groups if g not in FEATURE_GROUPS]
    if bad or not groups:
        raise ValueError(f"--features {spec!r}: unknown group(s) {', '.join(bad) or '(none given)'}; "
                         f"choose from {', '.join(FEATURE_GROUPS)}")
    return groups


def _validate(args) -> None:
    """Reject malformed option values before any work is done."""
    from .dates import normalize_date

    for opt in ("since", "until", "date"):
        v = getattr(args, opt, None)
        if v is not None and (normalize_date(v) is None or normalize_date(v) != v.strip()[:10]):
            raise ValueError(f"--{opt} {v!r}: not a date; use YYYY-MM-DD")
    code = getattr(args, "default_actor", None)
    if code:
        from .actors import load_actors

        known = set(load_actors(extra=getattr(args, "actors", None))["actor"])
        if code.upper() not in known:
            raise ValueError(f"--default-actor {code!r}: unknown actor code (see data/actors.csv, or add --actors)")
    if getattr(args, "func", None) is cmd_train:
        _feature_groups(args.features)
        if not args.output and (args.kind != "logreg" or args.features):
            raise ValueError("--kind or --features other than the default need -o MODEL: the cache holds only the "
                             "default model")
    from .io import table_format

    if getattr(args, "func", None) in (cmd_score, cmd_classify, cmd_annotate) and getattr(args, "engine", "") != "dask":
        table_format(args.output, getattr(args, "format", None))  # refuse out.xlsx before any work
    if getattr(args, "table", None):
        table_format(args.table)
    fmt = getattr(args, "format", None) or (Path(args.output).suffix.lower() if getattr(args, "output", None) else "")
    if fmt in ("parquet", ".parquet"):
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ValueError("Parquet output needs pyarrow: pip install 'stance[parquet]'") from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
