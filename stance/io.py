"""Disk access: finding inputs, decoding bytes, atomic writes, the data folder.

Only this module touches the file system, so every read and write has one
place where its errors become clear one-line messages.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

SUPPORTED_SUFFIXES = {".txt", ".html", ".htm", ".jsonl", ".csv"}
MAX_BYTES = 20 * 1024 * 1024  # a news page is kilobytes; 20 MB is a mistake, not an article
MAX_FEED_BYTES = 4 * 1024 ** 3  # JSONL/CSV feeds hold many articles


class InputError(ValueError):
    """A bad input, with a message that names the file and the problem."""


class ModelError(ValueError):
    """A model file that cannot be used (missing, tampered, unknown)."""


@dataclass(frozen=True)
class RawInput:
    """The decoded text of one input file (or stdin)."""

    path: str
    text: str
    suffix: str
    encoding: str


def data_dir() -> Path:
    """The project's data folder (``$STANCE_DATA`` overrides)."""
    env = os.environ.get("STANCE_DATA")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parent.parent / "data"
    if repo.exists():
        return repo
    installed = Path(sys.prefix) / "share" / "stance" / "data"  # non-editable install (pyproject data-files)
    return installed if installed.exists() else repo


def lexicon_path(name: str = "cues.tsv") -> Path:
    return Path(__file__).resolve().parent / "lexicons" / name


def cache_dir() -> Path:
    """Where trained default models are cached (``$STANCE_CACHE`` overrides)."""
    env = os.environ.get("STANCE_CACHE")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "stance"
    base.mkdir(parents=True, exist_ok=True)
    return base


def iter_input_paths(paths, *, skipped: list | None = None, exclude=()):
    """Yield file paths from files, directories (recursive, sorted) and ``-``.

    Unusable entries (broken or looping symbolic links, unreadable folders, pipes and
    devices inside folders) are appended to ``skipped`` as ``(path, reason)``; files in
    ``exclude`` (the run's own output) are passed over.
    """
    skipped = skipped if skipped is not None else []
    excluded = {os.path.realpath(x) for x in exclude}
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for child in _walk(path, skipped):
                if child.name.startswith(".") or os.path.realpath(child) in excluded:
                    continue
                if not child.is_file():
                    skipped.append((str(child), _unusable_reason(child)))
                elif child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield str(child)
                else:
                    skipped.append((str(child), f"unsupported file type '{child.suffix or '(none)'}'"))
        elif path.exists():
            yield str(path)  # a named pipe given by name (e.g. <(zcat feed.jsonl.gz)) is read too
        else:
            skipped.append((str(path), _unusable_reason(path)))


def _walk(root: Path, skipped: list) -> list[Path]:
    """Every non-folder entry under ``root``, sorted; linked folders are followed once, loops reported."""
    entries: list[Path] = []
    seen: set = set()

    def visit(d: Path) -> None:
        real = os.path.realpath(d)
        if real in seen:
            skipped.append((str(d), "symbolic link to a folder already read (a loop or a second link); not read again"))
            return
        seen.add(real)
        try:
            names = os.listdir(d)
        except OSError as exc:
            skipped.append((str(d), f"cannot read folder ({exc.strerror or exc})"))
            return
        for name in names:
            child = d / name
            if child.is_dir():
                visit(child)
            else:
                entries.append(child)

    visit(root)
    return sorted(entries)


def _unusable_reason(path: Path) -> str:
    if path.is_symlink():
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "symbolic link loop"
            return f"broken symbolic link (to {os.readlink(path)})"
    if not os.path.lexists(path):
        return "no such file or directory"
    return "not a regular file (a pipe, socket or device)"


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM allowed), falling back to Windows-1252 for legacy pages."""
    if not data.strip():
        raise InputError(f"{path}: empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a byte-order mark (Windows exports)
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(f"{path}: undecodable UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        enc = "cp1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        enc = "latin-1"
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > 0.01 * max(len(sample), 1):
        raise InputError(f"{path}: undecodable bytes (not UTF-8 and not legacy text); looks binary")
    return text, enc


def read_input(path: str, *, max_bytes: int = MAX_BYTES, stdin_suffix: str | None = None,
               text_col: str = "text") -> RawInput:
    """Read one input file (or ``-`` for stdin) as text, with clear errors."""
    if path == "-":
        data = sys.stdin.buffer.read()
        text, enc = decode_bytes(data, "<stdin>")
        suffix = stdin_suffix or sniff_suffix(text, text_col)
        return RawInput("-", text, suffix, enc)
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if p.suffix.lower() in (".jsonl", ".csv"):
        max_bytes = max(max_bytes, MAX_FEED_BYTES)
    if size > max_bytes:
        raise InputError(f"{path}: file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    text, enc = decode_bytes(data, path)
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        suffix = sniff_suffix(text)
    return RawInput(str(path), text, suffix, enc)


def sniff_suffix(text: str, text_col: str = "text") -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith("{"):
        return ".jsonl"
    first = head.split("\n", 1)[0]
    if any(f"{sep}" in first for sep in ",;\t|") and text_col.lower() in re.split(r"[,;\t|]", first.replace('"', "")):
        return ".csv"  # a header line naming the text column
    if head.startswith("<!doctype html") or "<html" in head or "<body" in head:
        return ".html"
    return ".txt"


def sha256_file(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _atomic(path, write_fn, mode="w"):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # report the file asked for, not the temporary name
        raise OSError(exc.errno, f"cannot write ({exc.strerror})", str(path)) from None
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
    try:
        with os.fdopen(fd, mode, **({"encoding": "utf-8", "newline": ""} if "b" not in mode else {})) as fh:
            write_fn(fh)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text_atomic(path, text: str) -> None:
    _atomic(path, lambda fh: fh.write(text))


def write_bytes_atomic(path, data: bytes) -> None:
    _atomic(path, lambda fh: fh.write(data), mode="wb")


def write_json_atomic(path, obj) -> None:
    write_text_atomic(path, json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n")


TABLE_FORMATS = {"": "csv", ".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}


def table_format(path, fmt: str | None = None) -> str:
    """csv, jsonl or parquet: ``fmt`` if given, else from the file name; other suffixes are refused
    (a CSV written to ``out.xlsx`` would only fail later, in another program)."""
    if fmt:
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise ValueError(f"{path}: unknown table format '{suffix}'; name it .csv, .jsonl or .parquet "
                         f"(or give --format)")
    return TABLE_FORMATS[suffix]


def write_table(df: pd.DataFrame, path, fmt: str | None = None) -> None:
    """Write a DataFrame as csv, jsonl or parquet, atomically."""
    path = Path(path)
    fmt = table_format(path, fmt)
    if fmt == "csv":
        _atomic(path, lambda fh: df.to_csv(fh, index=False))
    elif fmt == "jsonl":
        _atomic(path, lambda fh: df.to_json(fh, orient="records", lines=True, force_ascii=False))
    elif fmt == "parquet":
        _atomic(path, lambda fh: df.to_parquet(fh, index=False), mode="wb")
    else:
        raise ValueError(f"unknown output format {fmt!r}; use csv, jsonl or parquet")


def read_table(path, **kwargs) -> pd.DataFrame:
    """Read a CSV/JSONL/Parquet table with a one-line error on failure.

    CSV gets the same decoding (UTF-8, else cp1252) and delimiter sniffing as article inputs.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    try:
        if p.suffix.lower() == ".jsonl":
            return pd.read_json(p, lines=True, dtype=False)
        if p.suffix.lower() == ".parquet":
            try:
                return pd.read_parquet(p)
            except ImportError:
                raise InputError(f"{path}: reading Parquet needs pyarrow: pip install 'stance[parquet]'") from None
        import csv

        text, _ = decode_bytes(p.read_bytes(), str(path))
        try:
            sep = csv.Sniffer().sniff(text.split("\n", 1)[0] or ",", delimiters=",;\t|").delimiter
        except csv.Error:
            sep = ","
        return read_csv_text(text, str(path), sep=sep, **kwargs)
    except InputError:
        raise
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: cannot parse table ({msg})") from None


def read_csv_text(text: str, path: str, **kwargs) -> pd.DataFrame:
    """``pd.read_csv`` of decoded text, refusing what pandas would silently reshape: a row with
    more fields than the header (pandas would turn the extra fields into an index and shift
    every column) and repeated column names (pandas would rename the second to ``name.1``)."""
    import io as _io
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            df = pd.read_csv(_io.StringIO(text), index_col=False, **kwargs)
        except pd.errors.ParserWarning:
            raise InputError(f"{path}: cannot parse CSV (a row has more fields than the header; "
                             f"quote fields that contain the delimiter)") from None
    header = pd.read_csv(_io.StringIO(text), header=None, nrows=1, dtype=str, keep_default_na=False,
                         sep=kwargs.get("sep", ","), index_col=False)
    names = [str(c) for c in header.iloc[0]] if len(header) else []
    dup = sorted({c for c in names if names.count(c) > 1})
    if dup:
        raise InputError(f"{path}: repeated column name(s) {', '.join(map(repr, dup))}; column names must be unique")
    return df


def _rows_before_last_key(keys: list) -> int:
    """How many rows precede the trailing run of rows of the last article."""
    n = len(keys)
    while n and keys[n - 1] == keys[-1]:
        n -= 1
    return n


class IncrementalWriter:
    """Append table chunks to ``PATH.partial``; ``close()`` renames it to PATH.

    An interrupted run leaves only the ``.partial`` file (never a half PATH),
    which ``done_ids`` reads back so a ``--resume`` run skips finished documents.
    After each CSV/JSONL chunk the size of the file is recorded in a hidden
    ``.PATH.partial.committed``; a resumed run cuts the file back to it, so a
    chunk cut off mid-write (a kill, a full disk) is scored again, never half kept.
    """

    def __init__(self, path, fmt: str | None = None, *, resume: bool = False):
        self.path = Path(path)
        self.fmt = table_format(self.path, fmt)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.committed = self.path.with_name(f".{self.path.name}.partial.committed")
        # Parquet is written here and replaces .partial only once closed: a killed run cannot
        # leave a footer-less .partial in place of the rows an earlier run finished
        self.parquet_tmp = self.path.with_name(f".{self.path.name}.partial.writing")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._parquet = None
        self._columns = None
        self._carry = None
        self.rows = 0
        self.note = ""  # what resuming had to throw away, for the user
        if resume and not self.partial.exists() and self.path.exists():
            # Resuming after a finished run: continue from the complete output.
            import shutil

            shutil.copyfile(self.path, self.partial)
            self._commit()
        if not resume:
            self._reset()
        elif self.fmt == "parquet" and self.partial.exists():
            try:
                self._carry = pd.read_parquet(self.partial)
            except (ValueError, OSError):
                # a file from a run killed before it was closed has no Parquet footer: nothing can be read back
                self.note = f"{self.partial}: unreadable (no Parquet footer); starting again"
                self.partial.unlink()
        elif self.partial.exists():
            self._roll_back()

    def _reset(self) -> None:
        for f in (self.partial, self.committed, self.parquet_tmp):
            if f.exists():
                f.unlink()

    def _commit(self) -> None:
        if self.fmt != "parquet":
            write_text_atomic(self.committed, f"{self.partial.stat().st_size}\n")

    def _roll_back(self) -> None:
        """Cut the partial file back to its last finished chunk."""
        try:
            size = int(self.committed.read_text().strip())
        except (OSError, ValueError):
            size = 0  # no finished chunk on record
        if size <= 0 or self.partial.stat().st_size < size:
            self._salvage()
        elif self.partial.stat().st_size > size:
            with open(self.partial, "r+b") as fh:
                fh.truncate(size)

    def _salvage(self) -> None:
        """No size on record that fits the file (a .partial from an older stance, or a crash that
        lost unflushed data): keep the rows of every finished article, byte for byte, and cut off
        those of the last one, which may be short and is scored again."""
        data = self.partial.read_bytes()
        lines = data[: data.rfind(b"\n") + 1]
        kept = b""
        try:
            if self.fmt == "jsonl":
                rows = [r for r in lines.splitlines(keepends=True) if r.strip()]
                keys = [(str(r.get("path", "")), str(r.get("doc_id", ""))) for r in map(json.loads, rows)]
                n = _rows_before_last_key(keys)
                kept = b"".join(rows[:n])
            else:
                import io as _io

                df = pd.read_csv(_io.BytesIO(lines), dtype=str, keep_default_na=False)
                n = _rows_before_last_key(list(zip(df["path"], df["doc_id"])))
                # kept only if the rows read back are exactly the bytes on disk (a bare carriage
                # return in a field, say, reads back as extra rows): then nothing is re-serialised
                if df.to_csv(index=False).encode("utf-8") == lines:
                    kept = df.iloc[:n].to_csv(index=False).encode("utf-8") if n else b""
        except (ValueError, KeyError, AttributeError, pd.errors.ParserError, pd.errors.EmptyDataError):
            kept = b""
        if not kept:
            self.note = f"{self.partial}: no finished article could be read back exactly; starting again"
            self._reset()
            return
        write_bytes_atomic(self.partial, kept)
        self._commit()
        self.note = f"{self.partial}: kept the rows of finished articles; the last one is scored again"

    def done_ids(self, columns=("path", "doc_id")) -> set:
        """Keys (path, doc_id) already written: ids alone may repeat across input files."""
        if self._carry is not None:
            df = self._carry
        elif not self.partial.exists():
            return set()
        else:
            try:
                if self.fmt == "jsonl":
                    df = pd.read_json(self.partial, lines=True, dtype=False)
                else:
                    df = pd.read_csv(self.partial, usecols=list(columns), dtype=str, keep_default_na=False)
            except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
                # unreadable leftovers: start again rather than append to a broken file
                self.note = f"{self.partial}: unreadable; starting again"
                self._reset()
                return set()
        if not set(columns) <= set(df.columns):
            return set()
        return set(zip(*(df[c].astype(str) for c in columns)))

    def write(self, df: pd.DataFrame) -> None:
        if self._columns is None:
            self._columns = list(df.columns)
        if self.fmt in ("csv", "jsonl"):
            if self.fmt == "csv":
                new = not self.partial.exists() or self.partial.stat().st_size == 0
                text = df.to_csv(index=False, header=new)
            else:
                text = df.to_json(orient="records", lines=True, force_ascii=False) if len(df) else ""
                text = text if not text or text.endswith("\n") else text + "\n"
            with open(self.partial, "a", encoding="utf-8", newline="") as fh:
                fh.write(text)
            self._commit()
        elif self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            self._flush_carry()
            table = pa.Table.from_pandas(df, preserve_index=False)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.parquet_tmp, table.schema)
            self._parquet.write_table(table.cast(self._parquet.schema))
        else:
            raise ValueError(f"unknown output format {self.fmt!r}; use csv, jsonl or parquet")
        self.rows += len(df)

    def _flush_carry(self) -> None:
        # rows of an earlier Parquet run, read back on --resume: written once, ahead of new rows
        if self._carry is not None:
            carry, self._carry = self._carry, None
            self.write(carry)

    def abort(self) -> None:
        """Stop after an interruption, keeping ``.partial`` resumable (a Parquet file gets its footer)."""
        self._flush_carry()
        self._close_parquet()

    def _close_parquet(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
            os.replace(self.parquet_tmp, self.partial)

    def discard(self) -> None:
        """Stop and remove what a fresh (not resumed) run wrote; PATH is left as it was."""
        self.abort()
        self._reset()

    def close(self, empty: pd.DataFrame | None = None) -> None:
        self._flush_carry()
        if self.fmt == "parquet" and self._parquet is None and empty is not None:
            self.write(empty)
        self._close_parquet()
        if not self.partial.exists():
            if empty is not None:
                write_table(empty, self.path, self.fmt)
            self._reset()
            return
        os.replace(self.partial, self.path)
        self._reset()
