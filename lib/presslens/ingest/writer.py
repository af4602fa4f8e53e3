"""Writing the output folder: the parts of the two tables, their records, the report, and the
swap that makes them current together.

Changed parts, the report, `.cache/parts.json` and the stamp are written under temp names
(`Staging`) and swapped in at the end; a run that cannot write leaves the last tables as they
were. A part's record holds the size, mtime and inode of the file this run wrote (taken from the
descriptor it wrote through), so a part replaced behind the ingest's back is rebuilt.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import stat as stat_module
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..files import FILE_MODE, csv_safe_cell, shown_name, write_atomic
from .layout import (
    ARTICLE_COLUMNS,
    ARTICLE_TYPES,
    ARTICLES,
    CACHE,
    PARAGRAPH_COLUMNS,
    PARAGRAPH_TYPES,
    PARAGRAPHS,
    PART_TEMP,
    PARTS,
    QUOTED_FORMULA,
    REPORT_COLUMNS,
    REPORT_TEMP,
    file_stat,
    part_records,
)

#: From this many articles on, output parts are keyed by two hex digits (256 parts) instead of one
#: (16): adding 10 pages to 100k articles then rewrites ~4% of the tables instead of ~half.
SPLIT_ARTICLES = 50_000

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO never waits for a writer


def write_outputs(
    out: Path, rows: dict, keys, signatures, cache, extras, staging: Staging
) -> tuple[list[Path], list[str]]:
    """Stage the parts of `articles.parquet/` and `paragraphs.parquet/` whose rows changed, the
    removal of the parts no longer needed and the new `.cache/parts.json`. Returns the paths that
    will change, and notices about files in the part folders the ingest did not write.

    `rows`: the articles' columns but `text`; `keys`: each row's page in `cache` (a
    `cache.PageCache`); `signatures`: what each row is made of.

    A part is skipped when the digest of its rows' signatures and the file's size, mtime and inode
    are those recorded by the last run; otherwise it is rebuilt, and written only if its bytes
    differ. The record of a written part comes from the descriptor it was written through, so a
    file someone else put there later (another process, a copy by hand) never passes for it.
    Only parts a record lists are the ingest's: it removes those no longer needed and leaves any
    other file alone.
    """
    n = len(rows["file"])
    width = 2 if n >= SPLIT_ARTICLES else 1
    columns = ARTICLE_COLUMNS + extras
    # The cache folder's name carries the cleaner version: new rules rebuild every part.
    layout = json.dumps([cache.folder.name, width, columns, PARAGRAPH_COLUMNS])
    before = part_records(out)
    for folder in (ARTICLES, PARAGRAPHS):  # temp files of a run that crashed (this lock's owner)
        for leftover in _listdir(out / folder):
            if PART_TEMP.fullmatch(leftover):
                (out / folder / leftover).unlink(missing_ok=True)
    for leftover in _listdir(out):
        if REPORT_TEMP.fullmatch(leftover):
            (out / leftover).unlink(missing_ok=True)
    parts = np.array([a[:width] for a in rows["article_id"]], dtype=object)
    blocks = pd.Series(np.arange(n)).groupby(parts, sort=True).indices if n else {}
    blocks = blocks or {"0": np.zeros(0, np.int64)}  # an empty table keeps one part (its schema)
    digests = {}
    targets = {}
    with Writer(_parquet_bytes, write=staging.put) as writer:
        for name, at in blocks.items():
            text = "\n".join([layout, *signatures[at]])
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            stale = []
            for folder in (ARTICLES, PARAGRAPHS):
                rel = f"{folder}/part-{name}.parquet"
                targets[rel] = out / rel
                digests[rel] = [digest, *file_stat(targets[rel])]
                if before.get(rel) != digests[rel]:
                    stale.append(folder)
            if not stale:
                continue
            block = {c: v[at] for c, v in rows.items()}
            pages = cache.heavy(keys[at].tolist())
            if ARTICLES in stale:
                writer.put(
                    targets[f"{ARTICLES}/part-{name}.parquet"],
                    _articles_table(block, pages, columns),
                )
            if PARAGRAPHS in stale:
                writer.put(
                    targets[f"{PARAGRAPHS}/part-{name}.parquet"], _paragraphs_table(block, pages)
                )
    written = writer.written
    for rel, target in targets.items():
        if target in staging.records:
            digests[rel][1:] = staging.records[target]
    for rel in sorted(before):
        if rel not in digests and (out / rel).exists():
            staging.remove(out / rel)
            written.append(out / rel)
    notices = []
    for folder in (ARTICLES, PARAGRAPHS):
        for name in sorted(_listdir(out / folder)):
            rel = f"{folder}/{name}"
            if rel not in digests and rel not in before and not name.startswith("."):
                notices.append(
                    f"{shown_name(rel)}: not one of the ingest's parts (not in {CACHE}/{PARTS}); "
                    "left in place, never read"
                )
    staging.put(out / CACHE / PARTS, json.dumps(digests, sort_keys=True, indent=0).encode())
    return written, notices


def report_bytes(rows: list[tuple]) -> bytes:
    """`ingest_report.csv`: `file, status, message`, every cell spreadsheet-safe and printable."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    writer.writerows([[_report_cell(c) for c in row] for row in rows])
    return buffer.getvalue().encode("utf-8")


def _report_cell(value: str) -> str:
    """A report cell as a spreadsheet takes it literally (`files.csv_safe_cell`), printable."""
    value = shown_name(value)
    safe = csv_safe_cell(value)
    if safe == value and QUOTED_FORMULA.match(value):
        safe = "'" + value  # already quoted in the original: one more, stripped by load_report
    return safe


def keep_rows(table: pa.Table, mask: np.ndarray) -> pa.Table:
    """`table` filtered by `mask`, without a copy when every row stays."""
    return table if mask.all() else table.filter(pa.array(mask))


def _listdir(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    # One chunk per column: the same rows give the same bytes however the batches were cut.
    pq.write_table(
        table.combine_chunks(),
        buffer,
        compression="zstd",
        use_dictionary=True,
        write_statistics=True,
    )
    return buffer.getvalue()


def _articles_table(block: dict, pages: pa.Table, columns: list[str]) -> pa.Table:
    schema = pa.schema([(c, ARTICLE_TYPES.get(c, pa.string())) for c in columns])
    arrays = [
        pages["text"] if c == "text" else pa.array(block[c], schema.field(c).type, from_pandas=True)
        for c in columns
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def _paragraphs_table(block: dict, pages: pa.Table) -> pa.Table:
    lengths = pc.fill_null(pc.list_value_length(pages["para_text"]), 0).to_numpy().astype(np.int64)
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    arrays = [
        pa.array(np.repeat(block["article_id"], lengths), pa.string()),
        pa.array(np.repeat(block["file"], lengths), pa.string()),
        pa.array(np.arange(int(lengths.sum())) - starts, pa.int64()),
        pc.list_flatten(pages["para_text"]),
        pc.list_flatten(pages["para_kept"]),
        pc.list_flatten(pages["para_reason"]),
    ]
    schema = pa.schema([(c, PARAGRAPH_TYPES.get(c, pa.string())) for c in PARAGRAPH_COLUMNS])
    return pa.Table.from_arrays(arrays, schema=schema)


class Writer:
    """Serialise and write tables on two threads (Arrow releases the GIL) while the next ones are
    built; at most a few tables wait in memory. `written` lists the paths whose bytes changed.

    `write(path, data) -> bool` (changed) is `write_atomic`, or a `Staging.put`."""

    IN_FLIGHT = 4

    def __init__(
        self,
        encode: Callable[[pa.Table], bytes],
        *,
        remove_empty: bool = False,
        write: Callable[[Path, bytes], bool] = write_atomic,
    ):
        self.encode = encode
        self.remove_empty = remove_empty
        self.write = write
        self.threads = ThreadPoolExecutor(2)
        self.pending: list = []
        self.written: list[Path] = []

    def put(self, path: Path, table: pa.Table) -> None:
        self.pending.append(self.threads.submit(self._write, path, table))
        while len(self.pending) > self.IN_FLIGHT:
            self._collect(self.pending.pop(0))

    def _write(self, path: Path, table: pa.Table) -> Path | None:
        if self.remove_empty and table.num_rows == 0:
            existed = path.exists()
            path.unlink(missing_ok=True)
            return path if existed else None
        path.parent.mkdir(parents=True, exist_ok=True)
        return path if self.write(path, self.encode(table)) else None

    def _collect(self, future) -> None:
        path = future.result()
        if path is not None:
            self.written.append(path)

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc) -> None:
        for future in self.pending:
            self._collect(future) if exc[0] is None else future.cancel()
        self.threads.shutdown()


class Staging:
    """Output files written under temp names beside their targets, swapped in together.

    `put(target, data)` writes `data` to a temp file (or finds `target` already holding it) and
    records in `records[target]` the `[size, mtime_ns, inode]` the target will have once
    committed, taken from the descriptor the bytes went through: a record can only describe the
    bytes this run wrote. Nothing current is replaced before `commit()`, which renames the temp
    files and removes the files marked with `remove()`, in the order given; leaving the `with`
    block without a commit (a full disk, a crash in Python) removes every temp file.
    """

    def __init__(self):
        self.ops: list[tuple[Path, Path | None]] = []  # (target, temp file or None: remove)
        self.records: dict[Path, list[int]] = {}
        self._lock = threading.Lock()

    def put(self, target: Path, data: bytes) -> bool:
        """Stage `data` for `target`; False when `target` already holds exactly these bytes."""
        same = _holds(target, data)
        if same is not None:
            with self._lock:
                self.records[target] = same
            return False
        try:
            mode = stat_module.S_IMODE(os.stat(target).st_mode)
        except OSError:
            mode = FILE_MODE
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with self._lock:
            self.ops.append((target, Path(tmp)))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            stat = os.fstat(handle.fileno())
        with self._lock:
            self.records[target] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        return True

    def remove(self, target: Path) -> None:
        self.ops.append((target, None))

    def commit(self) -> None:
        while self.ops:  # what a failure leaves in `ops` is discarded (temp files removed)
            target, tmp = self.ops[0]
            if tmp is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(tmp, target)
            self.ops.pop(0)

    def discard(self) -> None:
        ops, self.ops = self.ops, []
        for _, tmp in ops:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink(missing_ok=True)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()


def _holds(path: Path, data: bytes) -> list[int] | None:
    """`[size, mtime_ns, inode]` of `path` when it holds exactly `data` (read and stat'ed through
    one descriptor), else None."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        stat = os.fstat(fd)
        if not stat_module.S_ISREG(stat.st_mode) or stat.st_size != len(data):
            return None
        if handle.read() != data:
            return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]
