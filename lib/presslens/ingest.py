"""Raw pages in, cleaned and annotated tables out: incremental, parallel, atomic, deterministic.

`ingest()` reads every page under `data/raw/`, cleans it (`presslens.clean`), infers what the
analyst's `metadata.csv` does not say (`presslens.metadata`) and writes `data/processed/`:

- `articles.parquet/` one row per article, partitioned Parquet: `part-<x>.parquet` where `x` is the
  first hex digit of `article_id` (two digits from `SPLIT_ARTICLES` articles on), so a few new
  pages rewrite only a few parts;
- `paragraphs.parquet/` every paragraph of every page, kept or removed with its reason (same parts);
- `ingest_report.csv` one row per input file: `file, status (ok|warning|skipped), message`,
  its cells passed through `files.csv_safe_cell` (a file named `=cmd|...` stays text in a
  spreadsheet; `load_report` gives the names back as they are).

Unchanged files (same size and mtime, else same SHA-256) are not processed again: their cleaned
pages live in `.cache/`, keyed by content hash, the site-template lines found on them and the
cleaner version. The per-file stage is a pure function mapped, in batches that return Arrow tables,
over the files by a local process pool or, with `engine="dask"`, by a Dask cluster; either gives
byte-identical tables. Everything after it is columnar (Arrow, NumPy, pandas), so an incremental
run costs a directory scan plus the pages that changed.

Safe under concurrent runs and broken inputs:

- one writer per output folder: an ingest holds an advisory lock (`fcntl.flock` on
  `<out>/.cache/ingest.lock`, released by the OS if the process dies) for its whole run; a second
  one fails at once with `IngestBusy`, `load_articles` waits for it and re-checks;
- nothing half-written is ever current: changed parts, the report, `.cache/parts.json` and the
  stamp are written under temp names and swapped in together at the end; a run that cannot write
  (full disk, unwritable folder) raises one `IngestError` and leaves the last tables as they were;
- a part's record holds the size, mtime and inode of the file this run wrote (taken from the
  descriptor it wrote through), so a part replaced behind its back is rebuilt, and the loaders
  read only the parts the record lists (a stray file in `articles.parquet/` is never read);
- a page that cannot be read (deleted, a folder, permission denied, an I/O error, changed while
  read) or cleaned is a `skipped` report line naming it; the run goes on. Names with bytes that are
  not UTF-8 are shown with `\\xNN` escapes.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import io
import json
import math
import os
import re
import shutil
import stat as stat_module
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no lock (the suite targets Linux and macOS)
    fcntl = None

from . import config
from .files import FILE_MODE, FORMULA_STARTS, csv_safe_cell, shown_name, write_atomic
from .load import (
    HTML_SUFFIXES,
    MAX_BYTES,
    METADATA_FILE,
    LoadError,
    RawFile,
    decode,
    looks_mojibake,
    read_metadata,
    scan_raw_files,
)

ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "outlet",
    "title",
    "published",
    "date_source",
    "url",
    "language",
    "text",
    "n_paragraphs",
    "n_words",
    "raw_sha256",
]
PARAGRAPH_COLUMNS = ["article_id", "file", "position", "text", "kept", "reason"]
ARTICLE_TYPES = {
    "published": pa.timestamp("ns"),
    "n_paragraphs": pa.int64(),
    "n_words": pa.int64(),
}
PARAGRAPH_TYPES = {"position": pa.int64(), "kept": pa.bool_()}
REPORT_COLUMNS = ["file", "status", "message"]
ARTICLES = "articles.parquet"
PARAGRAPHS = "paragraphs.parquet"
REPORT = "ingest_report.csv"
CACHE = ".cache"
CACHE_FORMAT = "5"
FILES = "files.arrow"
PARTS = "parts.json"
STAMP = "last-ingest"
LOCK = "ingest.lock"
#: How long `load_articles` waits for another process's ingest of the same folder (seconds).
LOAD_WAIT = 30 * 60

#: A short line on at least this many distinct pages of one outlet, and on at least
#: `REPEAT_MIN_SHARE` of them, is template evidence (site chrome recurs on most of a site's pages;
#: a background sentence an outlet reuses now and then does not).
REPEAT_MIN_PAGES = 3
REPEAT_MIN_SHARE = 0.25
REPEAT_MAX_CHARS = 200
#: Below this many pages to process, a process pool costs more than it saves.
POOL_MIN_FILES = 64
#: Pages per task sent to a worker (each task returns one Arrow table).
BATCH_MAX = 256
#: From this many articles on, output parts are keyed by two hex digits (256 parts) instead of one
#: (16): adding 10 pages to 100k articles then rewrites ~4% of the tables instead of ~half.
SPLIT_ARTICLES = 50_000

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_SPACE = re.compile(r"\s+")
#: The parts the ingest writes (the only files the loaders read) and its own temp files.
_PART = re.compile(r"(?:articles|paragraphs)\.parquet/part-[0-9a-f]{1,2}\.parquet")
_PART_TEMP = re.compile(r"\.part-[0-9a-f]{1,2}\.parquet\..+\.tmp")
_REPORT_TEMP = re.compile(re.escape(f".{REPORT}.") + r".+\.tmp")
#: A report cell that already starts with quotes before a formula start gets one more, so that
#: `load_report` can strip exactly the one `csv_safe_cell` added.
_QUOTED_FORMULA = re.compile("'+[" + re.escape("".join(FORMULA_STARTS)) + "]")
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO never waits for a writer


class IngestError(RuntimeError):
    """An ingest that could not run or finish: the output folder cannot be written (full disk,
    permissions), or the raw folder cannot be read. The message is one line for the user (no
    traceback needed); the tables of the last complete run are left as they were."""


class IngestBusy(IngestError):
    """Another process is writing the same output folder."""


FILE_SCHEMA = pa.schema(
    [
        ("rel", pa.string()),
        ("size", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("sha256", pa.string()),
        ("lines", pa.list_(pa.int64())),
        ("error", pa.string()),
    ]
)
#: What the per-file stage returns for a page (one row), and what the cache keeps of it. The
#: "light" columns are read for every page on every run; the heavy ones only for parts rewritten.
PAGE_LIGHT = {
    "warning": pa.string(),
    "title": pa.string(),
    "outlet": pa.string(),
    "published": pa.string(),
    "date_source": pa.string(),
    "language": pa.string(),
    "html_url": pa.string(),
    "n_words": pa.int64(),
    "n_kept": pa.int64(),
    "removal": pa.string(),
    "text_key": pa.string(),
}
PAGE_HEAVY = {
    "text": pa.string(),
    "para_text": pa.list_(pa.string()),
    "para_kept": pa.list_(pa.bool_()),
    "para_reason": pa.list_(pa.string()),
}
PAGE_SCHEMA = pa.schema(
    [("rel", pa.string()), ("error", pa.string()), *PAGE_LIGHT.items(), *PAGE_HEAVY.items()]
)
CACHE_SCHEMA = pa.schema([("key", pa.string()), *PAGE_LIGHT.items(), *PAGE_HEAVY.items()])
_PAGE_DEFAULTS = {
    name: 0 if kind == pa.int64() else [] if pa.types.is_list(kind) else ""
    for name, kind in zip(PAGE_SCHEMA.names, PAGE_SCHEMA.types, strict=True)
}


# ---------------------------------------------------------------------------------------------
# The per-file stage: pure functions of (path, what the corpus says), mapped by any engine.


def _line_key(line: str) -> int:
    digest = hashlib.blake2b(line.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _short_lines(text: str) -> dict[int, str]:
    lines = {}
    for raw_line in text.splitlines():
        line = _SPACE.sub(" ", raw_line).strip()
        if line and len(line) <= REPEAT_MAX_CHARS:
            lines.setdefault(_line_key(line), line)
    return lines


def _is_html(rel: str) -> bool:
    """Whether a page is read as HTML (by its extension; cheap enough for 100k paths)."""
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in HTML_SUFFIXES


def _page_text(data: bytes, rel: str) -> tuple[str, dict, str]:
    """The page's text, HTML metadata (for .html) and a decoding warning ("" when none)."""
    decoded = decode(data, rel)
    warnings = [decoded.warning] if decoded.warning else []
    if looks_mojibake(decoded.text):
        warnings.append(
            "text looks double-encoded (Ã©/â€™ sequences): it was mis-decoded before it was saved"
        )
    if _is_html(rel):
        text, meta = _extract_html(decoded.text, rel)
        return text, meta, "; ".join(warnings)
    return decoded.text, {}, "; ".join(warnings)


def _extract_html(html: str, rel: str) -> tuple[str, dict]:
    """Body text (one paragraph per line) and metadata of a saved web page, offline."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        # Only a date the page states as its own: no guessing from copyright years or "today".
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        raise LoadError(f"{rel}: HTML page with no article text that could be extracted")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    title = data.get("title") or ""
    if not text.strip():
        raise LoadError(f"{rel}: HTML page with no article text that could be extracted")
    meta = {k: data.get(k) for k in ("title", "sitename", "date", "url", "hostname") if data.get(k)}
    # trafilatura drops the headline from the body; put it back on top so the cleaner sees the page
    # the way a reader does (it then removes it again as `title`).
    return (f"{title}\n\n{text}" if title else text), meta


def _read_page(path: str, rel: str, max_bytes: int | None = None) -> tuple[os.stat_result, bytes]:
    """A page's bytes and the status of the file they were read from (one descriptor: the two
    agree). Raises `LoadError` naming `rel` when the file cannot be read: deleted or moved since the
    scan, not a regular file any more (a folder, a pipe: never waited on), permission denied, an
    I/O error, or over `max_bytes`."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
        try:
            stat = os.fstat(fd)
            if not stat_module.S_ISREG(stat.st_mode):
                raise LoadError(f"{rel}: not a regular file any more (a folder, pipe or device)")
            if max_bytes is not None and stat.st_size > max_bytes:
                raise LoadError(_too_big(rel, stat.st_size, max_bytes))
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise LoadError(f"{rel}: deleted or moved while the ingest ran") from None
    except PermissionError:
        raise LoadError(f"{rel}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise LoadError(f"{rel}: cannot be read ({exc.strerror or exc})") from None
    if max_bytes is not None and len(data) > max_bytes:  # grew after the fstat
        raise LoadError(_too_big(rel, len(data), max_bytes))
    return stat, data


def fingerprint_file(path: str, rel: str, max_bytes: int = MAX_BYTES) -> dict:
    """Content hash, size and the hashes of short lines (for the cross-page repetition signal).

    A file that cannot be read gives a row with `error` set (never an exception)."""
    try:
        stat, data = _read_page(path, rel, max_bytes)
    except LoadError as exc:
        return {
            "rel": rel,
            "size": -1,
            "mtime_ns": -1,
            "sha256": "",
            "lines": [],
            "error": str(exc),
        }
    result = {"rel": rel, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "error": ""}
    result["sha256"] = hashlib.sha256(data).hexdigest()
    result["lines"] = []
    if not _is_html(rel):
        with contextlib.suppress(Exception):  # a page that cannot be decoded is skipped later
            result["lines"] = sorted(_short_lines(decode(data, rel).text))
    return result


def _too_big(rel: str, size: int, max_bytes: int) -> str:
    return (
        f"{rel}: {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit for one article "
        "(a dump of many pages, or not an article?); skipped"
    )


def process_file(
    path: str, rel: str, repeated: Iterable[int] = (), sha256: str | None = None
) -> dict:
    """Clean and annotate one page. Returns a plain dict (picklable, engine-agnostic).

    `repeated` holds the keys (`_line_key`) of this page's lines that are site template; `sha256`
    the hash the page had when fingerprinted (a page changed since is skipped this time, not
    cached under the old hash). A page that cannot be read or cleaned gives `{"rel", "error"}`:
    one file never stops the run.
    """
    try:
        _, data = _read_page(path, rel)
        if sha256 and hashlib.sha256(data).hexdigest() != sha256:
            raise LoadError(f"{rel}: changed while the ingest read it (the next ingest reads it)")
        return _process_page(data, rel, repeated)
    except LoadError as exc:
        return {"rel": rel, "error": str(exc)}
    except Exception as exc:  # a page that trips the extractor or cleaner is skipped, named
        return {"rel": rel, "error": f"{rel}: could not be cleaned ({type(exc).__name__}: {exc})"}


def _process_page(data: bytes, rel: str, repeated: Iterable[int]) -> dict:
    from .clean import clean_rows
    from .metadata import infer_metadata

    text, html_meta, warning = _page_text(data, rel)
    repeated_lines = frozenset()
    if repeated:
        repeated = frozenset(repeated)
        lines = _short_lines(text)
        repeated_lines = frozenset(line for key, line in lines.items() if key in repeated)
    texts, kept, reasons = clean_rows(text, repeated_lines=repeated_lines)
    meta = infer_metadata(text, (texts, kept, reasons), html_meta=html_meta or None)
    published = meta.get("published")
    body = [t for t, k in zip(texts, kept, strict=True) if k]
    removed = Counter(r for r, k in zip(reasons, kept, strict=True) if not k)
    detail = ", ".join(f"{reason} {n}" for reason, n in sorted(removed.items()))
    removal = f"{len(body)} paragraphs kept, {sum(removed.values())} removed" + (
        f" ({detail})" if detail else ""
    )
    text = "\n\n".join(body)
    return {
        "rel": rel,
        "error": "",
        "warning": warning,
        "title": meta.get("title") or "",
        "outlet": meta.get("outlet") or "",
        "published": published.isoformat() if published else "",
        "date_source": meta.get("date_source") or "none",
        "language": meta.get("language") or "",
        "html_url": (html_meta or {}).get("url") or "",
        "n_words": _count_words(text),
        "n_kept": len(body),
        "removal": removal,
        "text_key": _text_key(text),
        "text": text,
        "para_text": texts,
        "para_kept": kept,
        "para_reason": reasons,
    }


def fingerprint_files(tasks: list[tuple]) -> pa.Table:
    """`fingerprint_file` over a batch of `(path, rel, max_bytes)`, as one `FILE_SCHEMA` table."""
    return pa.Table.from_pylist([fingerprint_file(*t) for t in tasks], schema=FILE_SCHEMA)


def process_files(tasks: list[tuple]) -> pa.Table:
    """`process_file` over a batch of `(path, rel, repeated, sha256)`, as one `PAGE_SCHEMA` table.

    Workers hand back columnar batches: the main process concatenates them instead of walking
    a hundred thousand dicts.
    """
    rows = [{**_PAGE_DEFAULTS, **process_file(*t)} for t in tasks]
    return pa.Table.from_pylist(rows, schema=PAGE_SCHEMA)


def _count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _text_key(text: str) -> str:
    """Identity of an article's text, blind to spacing and case (same story, different page)."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().casefold().encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# Engines: how a batch function is mapped over batches of files.

Mapper = Callable[[Callable, list[list[tuple]]], Iterator]


@contextlib.contextmanager
def _engine(engine: str, scheduler: str | None, workers: int | None) -> Iterator[Mapper]:
    """Yield `map(fn, batches) -> iterator of results` (in batch order) for the chosen engine."""
    if engine == "local":
        pool = None
        n_workers = workers or os.cpu_count() or 1

        def local_map(fn, batches):
            nonlocal pool
            if n_workers <= 1 or sum(len(b) for b in batches) < POOL_MIN_FILES:
                return map(fn, batches)
            if pool is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                # fork where the OS has it: no re-import of __main__ (scripts piped to python,
                # notebooks) and no start-up cost; spawn elsewhere.
                methods = multiprocessing.get_all_start_methods()
                method = "fork" if "fork" in methods else "spawn"
                pool = ProcessPoolExecutor(
                    n_workers,
                    mp_context=multiprocessing.get_context(method),
                    initializer=_forget_locks,
                )
            return pool.map(fn, batches)

        try:
            yield local_map
        finally:
            if pool is not None:
                pool.shutdown()
    elif engine == "dask":
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask is a dependency
            raise RuntimeError("engine 'dask' needs dask[distributed] installed") from exc
        cluster = None
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(
                n_workers=workers or 2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                host="127.0.0.1",
            )
            client = Client(cluster)

        def dask_map(fn, batches):
            futures = client.map(fn, batches, pure=False)
            for future in futures:
                yield future.result()
                future.release()

        try:
            yield dask_map
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")


def _progress(total: int, desc: str, enabled: bool | None):
    if enabled is None:
        enabled = total >= 200 and sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="file", leave=False)


def _mapped(mapper: Mapper, fn: Callable, tasks: list[tuple], schema: pa.Schema, desc, progress):
    """`fn` over `tasks` in batches, results concatenated in task order (one Arrow table)."""
    size = max(1, min(BATCH_MAX, math.ceil(len(tasks) / 16)))
    batches = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    bar = _progress(len(tasks), desc, progress)
    tables = [schema.empty_table()]
    for batch, table in zip(batches, mapper(fn, batches), strict=True):
        tables.append(table)
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()
    return pa.concat_tables(tables)


# ---------------------------------------------------------------------------------------------
# Atomic, change-only writes.


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


def _cache_bytes(table: pa.Table) -> bytes:
    """A cache table as Arrow IPC (zstd): several times faster to write and read than Parquet,
    which matters for the files and page index read and rewritten on every run."""
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with pa.ipc.new_file(sink, table.schema, options=options) as writer:
        writer.write_table(table.combine_chunks())
    return sink.getvalue().to_pybytes()


def _read_cache(path: Path) -> pa.Table | None:
    """A cache table, or None when it is missing or damaged (a cache is rebuilt, never fatal)."""
    if not path.exists():
        return None
    try:
        with pa.memory_map(str(path)) as source:
            return pa.ipc.open_file(source).read_all()
    except Exception:
        return None


def _strings(column) -> np.ndarray:
    return np.asarray(column.to_numpy(zero_copy_only=False), dtype=object)


def _mix(values: np.ndarray) -> np.ndarray:
    """64-bit finaliser (splitmix64): spreads keys so sums and XORs of them stay collision-free."""
    x = values.astype(np.uint64)
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


# ---------------------------------------------------------------------------------------------
# The cache: per-file fingerprints, and cleaned pages keyed by content.


def _fingerprints(mapper, files: list[RawFile], cache_dir: Path, max_bytes: int, progress):
    """Per-file hashes (a `FILE_SCHEMA` table in `files` order) and whether any changed.

    Files whose size and mtime are unchanged reuse the stored row.
    """
    stored = _read_cache(cache_dir / FILES)
    if stored is not None and stored.schema != FILE_SCHEMA:
        stored = None
    reuse = np.full(len(files), -1)
    if stored is not None and stored.num_rows and files:
        pos = pd.Index(_strings(stored["rel"])).get_indexer([f.rel for f in files])
        size = np.fromiter((f.size for f in files), np.int64, len(files))
        mtime = np.fromiter((f.mtime_ns for f in files), np.int64, len(files))
        found = np.flatnonzero(pos >= 0)
        at = pos[found]
        same = (
            (stored["size"].to_numpy()[at] == size[found])
            & (stored["mtime_ns"].to_numpy()[at] == mtime[found])
            & (_strings(stored["error"])[at] == "")
        )
        reuse[found[same]] = at[same]
    kept = np.flatnonzero(reuse >= 0)
    todo = [(files[i].path, files[i].rel, max_bytes) for i in np.flatnonzero(reuse < 0)]
    fresh = _mapped(mapper, fingerprint_files, todo, FILE_SCHEMA, "hashing", progress)
    n_stored = stored.num_rows if stored is not None and len(kept) else 0
    where = reuse.copy()
    where[reuse < 0] = n_stored + np.arange(len(todo))
    if n_stored and len(todo) == 0 and np.array_equal(where, np.arange(n_stored)):
        prints = stored
    else:
        prints = pa.concat_tables([stored, fresh] if n_stored else [fresh]).take(where)
    changed = bool(todo) or stored is None or len(kept) != stored.num_rows
    return prints, changed


def _template_lines(
    prints: pa.Table, groups: list[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every page's short-line keys flattened (`lines`), which of them are site template
    (`template`), and where each page's run starts and ends (`bounds`, n + 1 offsets).

    A short line is template in a group of pages (one site) when it is on at least
    `REPEAT_MIN_PAGES` and `REPEAT_MIN_SHARE` of the group's distinct pages.
    """
    n = prints.num_rows
    sha = _strings(prints["sha256"])
    codes = pd.factorize(np.asarray(groups, dtype=object))[0] if n else np.zeros(0, np.int64)
    column = prints["lines"].combine_chunks()
    lengths = pc.fill_null(pc.list_value_length(column), 0).to_numpy().astype(np.int64)
    lines = pc.list_flatten(column).to_numpy().astype(np.int64)
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    owner = np.repeat(np.arange(n), lengths)
    # (group, line) pairs as one 64-bit value: the line hash salted with its group.
    salted = _mix(lines.view(np.uint64)) ^ _mix(codes[owner].astype(np.uint64) + np.uint64(1))
    # Each line counts once per distinct page (same bytes twice in a site is one page).
    pair = codes * (n + 1) + pd.factorize(sha)[0]
    first = ~pd.Series(pair).duplicated().to_numpy() & (sha != "")
    pages = np.bincount(codes[first], minlength=int(codes.max()) + 1 if n else 0)
    needed = np.maximum(REPEAT_MIN_PAGES, np.ceil(REPEAT_MIN_SHARE * pages)).astype(np.int64)
    counted = first[owner]
    uniq, where, counts = np.unique(salted[counted], return_index=True, return_counts=True)
    groups_of = codes[owner[counted]][where]
    template = np.isin(salted, uniq[counts >= needed[groups_of]])
    return lines, template, bounds


def _cache_keys(sha, lines, template, bounds, rels: list[str]) -> np.ndarray:
    """Each page's cache key: its SHA-256, an order-free digest of its template lines and how it
    is read (`h` HTML, `t` text; "" for unreadable pages). New pages that change which lines
    count as template re-clean exactly the pages concerned; a page renamed from .html to .txt is
    read again."""
    spread = np.where(template, _mix(lines.view(np.uint64)), np.uint64(0))
    sums = np.concatenate([np.zeros(1, np.uint64), np.cumsum(spread, dtype=np.uint64)])
    digest = sums[bounds[1:]] - sums[bounds[:-1]]  # wraps mod 2**64, as intended
    kinds = ["h" if _is_html(rel) else "t" for rel in rels]
    return np.array(
        [
            f"{s}-{d:016x}{k}" if s else ""
            for s, d, k in zip(sha, digest.tolist(), kinds, strict=True)
        ],
        dtype=object,
    )


class CacheMiss(RuntimeError):
    """The page cache lacks pages its index lists (a part deleted or damaged by hand)."""


def _isin(values: np.ndarray, among) -> np.ndarray:
    return pd.Series(values, dtype=object).isin(among).to_numpy()


class _PageCache:
    """Cleaned pages under `.cache/pages-<format>-<cleaner>/`: `index.arrow` holds the light
    columns of every page (read on every run); `part-<xx>.arrow` the heavy ones (text,
    paragraphs), xx = the first two hex digits of the key, which starts with the page's SHA-256,
    so with its `article_id`. Heavy parts are read only for output parts being rewritten, and
    rewritten only when they gain or lose pages.
    """

    LIGHT = ["key", *PAGE_LIGHT]
    HEAVY = ["key", *PAGE_HEAVY]
    LIGHT_SCHEMA = pa.schema([CACHE_SCHEMA.field(c) for c in LIGHT])
    HEAVY_SCHEMA = pa.schema([CACHE_SCHEMA.field(c) for c in HEAVY])

    def __init__(self, cache_dir: Path):
        from .clean import CLEANER_VERSION

        self.root = cache_dir
        self.folder = cache_dir / f"pages-{CACHE_FORMAT}-{CLEANER_VERSION}"
        light = _read_cache(self.folder / "index.arrow")
        if light is None or light.schema != self.LIGHT_SCHEMA:
            light = self.LIGHT_SCHEMA.empty_table()
        prefixes = pc.utf8_slice_codeunits(light["key"], 0, 2)
        present = [p.name[5:7] for p in self.folder.glob("part-*.arrow")]
        self.light = light.filter(pc.is_in(prefixes, pa.array(present, pa.string())))
        self.index = pd.Index(_strings(self.light["key"]))
        self.fresh = CACHE_SCHEMA.empty_table()
        self.fresh_index = pd.Index([], dtype=object)

    def find(self, keys) -> np.ndarray:
        """Row of each key in `self.light` (-1: not cached)."""
        return self.index.get_indexer(keys)

    def update(self, fresh: pa.Table, live: np.ndarray) -> None:
        """Add freshly cleaned pages (`CACHE_SCHEMA`), forget pages whose key is not `live`, and
        rewrite the parts that changed, then the index."""
        # Sorted by key, one chunk: each part is a contiguous, zero-copy slice.
        fresh = fresh.take(pc.sort_indices(fresh["key"])).combine_chunks()
        fresh_keys = _strings(fresh["key"])
        known = _strings(self.light["key"])
        dead = ~_isin(known, live)
        names = np.array([k[:2] for k in fresh_keys], dtype=object)
        touched = sorted(set(names) | {k[:2] for k in known[dead]})
        starts = np.searchsorted(names, touched, side="left")
        ends = np.searchsorted(names, touched, side="right")
        heavy = fresh.select(self.HEAVY)
        with _Writer(_cache_bytes, remove_empty=True) as writer:
            for name, start, end in zip(touched, starts, ends, strict=True):
                parts = [heavy.slice(start, end - start)]
                target = self.folder / f"part-{name}.arrow"
                old = _read_cache(target)
                if old is not None and old.schema == self.HEAVY_SCHEMA:
                    old_keys = _strings(old["key"])
                    parts.append(_keep(old, _isin(old_keys, live) & ~_isin(old_keys, fresh_keys)))
                table = pa.concat_tables(parts)
                writer.put(target, table.take(pc.sort_indices(table["key"])))
        if len(fresh_keys) or dead.any() or not (self.folder / "index.arrow").exists():
            light = pa.concat_tables([_keep(self.light, ~dead), fresh.select(self.LIGHT)])
            self.light = light.take(pc.sort_indices(light["key"]))
            write_atomic(self.folder / "index.arrow", _cache_bytes(self.light))
        self.index = pd.Index(_strings(self.light["key"]))
        self.fresh = fresh
        self.fresh_index = pd.Index(fresh_keys)

    def heavy(self, keys: list[str]) -> pa.Table:
        """Text and paragraph columns of `keys`, in that order (from this run's pages or disk)."""
        pos = self.fresh_index.get_indexer(keys)
        missing = [k for k, p in zip(keys, pos, strict=True) if p < 0]
        sources = [self.fresh.select(self.HEAVY).take(pos[pos >= 0])]
        if missing:
            stored = [self.HEAVY_SCHEMA.empty_table()]
            for name in sorted({k[:2] for k in missing}):
                table = _read_cache(self.folder / f"part-{name}.arrow")
                if table is None or table.schema != self.HEAVY_SCHEMA:
                    raise CacheMiss(f"page cache part {name} unreadable")
                stored.append(table)
            disk = pa.concat_tables(stored)
            at = pd.Index(_strings(disk["key"])).get_indexer(missing)
            if (at < 0).any():
                raise CacheMiss(f"{int((at < 0).sum())} cached pages missing from {self.folder}")
            sources.append(disk.take(at))
        order = np.argsort(
            np.concatenate([np.flatnonzero(pos >= 0), np.flatnonzero(pos < 0)]), kind="stable"
        )
        return pa.concat_tables(sources).take(order)


class _Writer:
    """Serialise and write tables on two threads (Arrow releases the GIL) while the next ones are
    built; at most a few tables wait in memory. `written` lists the paths whose bytes changed.

    `write(path, data) -> bool` (changed) is `write_atomic`, or a `_Staging.put`."""

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

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc) -> None:
        for future in self.pending:
            self._collect(future) if exc[0] is None else future.cancel()
        self.threads.shutdown()


def _keep(table: pa.Table, mask: np.ndarray) -> pa.Table:
    """`table` filtered by `mask`, without a copy when every row stays."""
    return table if mask.all() else table.filter(pa.array(mask))


class _Staging:
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

    def __enter__(self) -> _Staging:
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


# ---------------------------------------------------------------------------------------------
# One writer per output folder.

_HELD_LOCKS: set[int] = set()  # descriptors of the locks this process holds


def _forget_locks() -> None:
    """In a forked worker: close the inherited lock descriptors, so that the lock dies with the
    process that took it, not with the last of its workers (closing a copy does not unlock)."""
    for fd in list(_HELD_LOCKS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()


def _lock_holder(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        pid = int(os.pread(fd, 32, 0).decode("ascii", "replace").strip())
        return f"pid {pid}"
    return "pid unknown"


@contextlib.contextmanager
def _output_lock(out: Path, wait: float = 0.0, *, waiting: Callable[[str], None] | None = None):
    """Hold the one-writer lock of output folder `out` (`<out>/.cache/ingest.lock`) for the block.

    An advisory `fcntl.flock`, released by the OS when the process ends however it ends. When
    another process holds it, wait up to `wait` seconds (calling `waiting(message)` once), then
    raise `IngestBusy` naming that process. `IngestError` when the folder cannot be written.
    """
    path = Path(out) / CACHE / LOCK
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise IngestError(_cannot_write(out, exc)) from exc
    try:
        if fcntl is not None:
            deadline = time.monotonic() + wait
            announced = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    busy = f"another ingest is writing {shown_name(out)} ({_lock_holder(fd)})"
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise IngestBusy(f"{busy}; wait for it or use another --out") from None
                    if waiting is not None and not announced:
                        waiting(f"{busy}: waiting for it to finish")
                        announced = True
                    time.sleep(min(0.2, left))
                except OSError as exc:
                    raise IngestError(
                        f"cannot lock {shown_name(out)}: {exc.strerror or exc}"
                    ) from exc
            with contextlib.suppress(OSError):  # who holds it: for the message of a second run
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _HELD_LOCKS.add(fd)
        yield
    finally:
        _HELD_LOCKS.discard(fd)
        os.close(fd)


def _cannot_write(out: Path, exc: OSError) -> str:
    return (
        f"cannot write {shown_name(out)}: {exc.strerror or exc}; nothing was changed: the tables of the "
        "last complete ingest are still in place (fix that, then run the ingest again)"
    )


@contextlib.contextmanager
def _writing(out: Path):
    """Turn a failed write under `out` (full disk, permissions, a file where a folder should be)
    into one `IngestError` naming the folder and the reason."""
    try:
        yield
    except IngestError:
        raise
    except OSError as exc:
        raise IngestError(_cannot_write(out, exc)) from exc


# ---------------------------------------------------------------------------------------------
# The orchestration.


@dataclass
class IngestResult:
    """What one ingest did: the per-file report and counts for the summary."""

    raw: Path
    out: Path
    report_rows: list[tuple[str, str, str]]
    n_articles: int = 0
    n_processed: int = 0
    n_cached: int = 0
    seconds: float = 0.0
    written: list[Path] = field(default_factory=list)
    #: Things about the output folder a user should know (files in it the ingest did not write).
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the tables hold at least one article and no input file was left out.

        Any `skipped` file makes it False (unreadable, empty, binary, too big, deleted or changed
        during the run, not a page type the suite reads): `report` names it and says why.
        Warnings (no title found, a page kept once as a duplicate, a `metadata.csv` problem) do
        not: the file is in the tables, the report is there for review.
        """
        skipped = any(status == "skipped" for _, status, _ in self.report_rows)
        return self.n_articles > 0 and not skipped

    @functools.cached_property
    def report(self) -> pd.DataFrame:
        """`ingest_report.csv` as a table: `file, status, message`."""
        return pd.DataFrame(self.report_rows, columns=REPORT_COLUMNS)

    def summary(self) -> str:
        counts = Counter(status for _, status, _ in self.report_rows)
        parts = [f"{counts[s]} {s}" for s in ("ok", "warning", "skipped") if counts[s]]
        lines = [
            f"ingest {shown_name(self.raw)} -> {shown_name(self.out)}: {self.n_articles} articles "
            f"({self.n_processed} processed, {self.n_cached} unchanged) in {self.seconds:.1f} s; "
            f"files: {', '.join(parts) or 'none'}"
        ]
        for _, status, message in self.report_rows:
            if status != "ok":
                lines.append(f"  {status}: {shown_name(message)}")
        lines.extend(f"  note: {shown_name(notice)}" for notice in self.notices)
        return "\n".join(lines)


def ingest(
    raw: str | Path | None = None,
    out: str | Path | None = None,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    progress: bool | None = None,
    max_bytes: int = MAX_BYTES,
    wait: float = 0.0,
) -> IngestResult:
    """Clean every page under `raw` into `out` (defaults: `config.raw_dir()`, `processed_dir()`).

    Never writes under `raw`. Bad files are reported in `ingest_report.csv`, named, and skipped;
    the run goes on. Re-running on unchanged input rewrites nothing.

    One ingest writes a folder at a time: when another process is writing `out`, wait up to
    `wait` seconds for it, then raise `IngestBusy`. A run that cannot write `out` (full disk,
    permissions) raises `IngestError` and leaves the last complete tables in place.
    """
    raw, out = _folders(raw, out)
    with _output_lock(out, wait):
        return _locked_ingest(raw, out, engine, scheduler, workers, progress, max_bytes)


def _folders(raw, out) -> tuple[Path, Path]:
    """The raw and output folders, resolved and checked before anything is written."""
    raw = Path(raw) if raw is not None else config.raw_dir()
    out = Path(out) if out is not None else config.processed_dir()
    raw, out = raw.resolve(), out.resolve()
    if out == raw or raw in out.parents:
        raise ValueError(
            f"output folder {shown_name(out)} is inside the raw folder {shown_name(raw)}: raw data is never "
            "written to"
        )
    if not raw.is_dir():
        raise FileNotFoundError(f"raw data folder not found: {shown_name(raw)}")
    return raw, out


def _locked_ingest(raw, out, engine, scheduler, workers, progress, max_bytes) -> IngestResult:
    from .parallel import gc_paused

    with gc_paused():
        try:
            return _ingest(raw, out, engine, scheduler, workers, progress, max_bytes)
        except CacheMiss:
            # Someone removed or damaged part of the cache: rebuild it rather than fail. The part
            # records (still true of the tables), the stamp and the lock stay.
            with _writing(out):
                for entry in (out / CACHE).iterdir():
                    if entry.name not in {PARTS, STAMP, LOCK}:
                        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
            return _ingest(raw, out, engine, scheduler, workers, progress, max_bytes)


def _scan(raw: Path) -> tuple[list[RawFile], list[tuple[str, str]]]:
    """`scan_raw_files(raw)` with every name printable (see `_shown`): a page whose name is not
    UTF-8 is skipped, named with `\\xNN` escapes (its name could not be stored in the tables nor
    matched by `metadata.csv`), never a crash of the run."""
    try:
        files, skipped = scan_raw_files(raw)
    except OSError as exc:
        raise IngestError(f"cannot read {shown_name(raw)}: {exc.strerror or exc}") from exc
    named = [f for f in files if shown_name(f.rel) == f.rel]
    if len(named) < len(files):
        why = "file name is not valid UTF-8 (bytes shown as \\xNN); not read: rename the file"
        skipped = [*skipped, *((f.rel, why) for f in files if shown_name(f.rel) != f.rel)]
    skipped = sorted((shown_name(rel), why) for rel, why in skipped)
    return named, skipped


def _ingest(raw: Path, out: Path, engine, scheduler, workers, progress, max_bytes) -> IngestResult:
    started = time.perf_counter()
    files, skipped = _scan(raw)
    # As seen now: edits during the run show next time.
    state = raw_state(raw, out, (files, skipped))
    rels = [f.rel for f in files]
    cache_dir = out / CACHE
    report: dict[str, tuple[str, str]] = {rel: ("skipped", f"{rel}: {why}") for rel, why in skipped}

    with _engine(engine, scheduler, workers) as mapper:
        prints, prints_changed = _fingerprints(mapper, files, cache_dir, max_bytes, progress)
        try:
            sheet = read_metadata(raw, known_files=set(rels))
        except OSError as exc:  # the analyst's sheet is not skipped silently: outlets depend on it
            raise IngestError(
                f"cannot read {shown_name(raw / METADATA_FILE)}: {exc.strerror or exc}; nothing was "
                "changed"
            ) from exc
        lines, template, bounds = _template_lines(prints, _outlet_groups(rels, sheet))
        sha = _strings(prints["sha256"])
        keys = _cache_keys(sha, lines, template, bounds, rels)
        cache = _PageCache(cache_dir)
        errors = _strings(prints["error"])
        todo_rows = np.flatnonzero((errors == "") & (cache.find(keys) < 0))
        todo = []
        for i in todo_rows:
            own = slice(bounds[i], bounds[i + 1])
            todo.append((files[i].path, rels[i], tuple(lines[own][template[own]].tolist()), sha[i]))
        fresh = _mapped(mapper, process_files, todo, PAGE_SCHEMA, "cleaning", progress)
    for i in np.flatnonzero(errors != ""):
        report[rels[i]] = ("skipped", errors[i])
    failed = _strings(fresh["error"])
    for rel, error in zip(_strings(fresh["rel"]), failed, strict=True):
        if error:
            report[rel] = ("skipped", error)
    fresh = _keep(fresh, failed == "").append_column(
        "key", pa.array(keys[todo_rows][failed == ""], pa.string())
    )
    # Two files with the same bytes (and template lines) are one cache entry.
    once = ~pd.Series(_strings(fresh["key"]), dtype=object).duplicated().to_numpy()
    with _writing(out):
        cache.update(_keep(fresh, once).select(CACHE_SCHEMA.names), keys[keys != ""])
        del fresh
        if prints_changed:
            write_atomic(cache_dir / FILES, _cache_bytes(prints))
        for entry in cache_dir.iterdir():  # other formats or cleaner versions, crash leftovers
            if entry.name not in {FILES, PARTS, STAMP, LOCK, cache.folder.name}:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()

    extras, clashes = _extra_columns(sheet)
    rows, row_keys, signatures = _article_rows(rels, sha, keys, cache, sheet, extras, report)
    for problem in [*sheet.problems, *clashes]:
        report.setdefault(f"~{problem}", ("warning", problem))
    report_rows = [
        (rel if not rel.startswith("~") else METADATA_FILE, *v) for rel, v in sorted(report.items())
    ]
    # Everything is staged, then swapped in: the stamp last, so a run cut short is redone.
    with _writing(out), _Staging() as staging:
        written, notices = _write_outputs(out, rows, row_keys, signatures, cache, extras, staging)
        if staging.put(out / REPORT, _report_bytes(report_rows)):
            written.append(out / REPORT)
        staging.put(cache_dir / STAMP, state.encode())
        staging.commit()
    return IngestResult(
        raw=raw,
        out=out,
        report_rows=report_rows,
        n_articles=len(rows["file"]),
        n_processed=len(todo),
        n_cached=int((errors == "").sum()) - len(todo),
        seconds=time.perf_counter() - started,
        written=written,
        notices=notices,
    )


def _outlet_groups(rels: list[str], sheet) -> list[str]:
    """Which pages share a site template: same outlet in `metadata.csv`, else same URL host,
    else same folder (scrapers usually file one site's pages together)."""
    rows = sheet.by_file
    groups = []
    for rel in rels:
        row = rows.get(rel, {})
        if row.get("outlet"):
            groups.append("outlet:" + row["outlet"].strip().casefold())
        elif row.get("url"):
            groups.append("host:" + urlsplit(row["url"]).netloc.casefold().removeprefix("www."))
        else:
            groups.append("folder:" + rel.rpartition("/")[0])
    return groups


def _extra_columns(sheet) -> tuple[list[str], list[str]]:
    """The sheet's extra columns carried into `articles`, and messages for those that clash with
    a column the suite computes."""
    extras, clashes = [], []
    for column in sheet.extra_columns:
        if column in ARTICLE_COLUMNS:
            clashes.append(
                f"{METADATA_FILE}: column {column!r} clashes with a column the suite computes; "
                "ignored"
            )
        else:
            extras.append(column)
    return extras, clashes


def _blank_to_none(values) -> np.ndarray:
    out = np.asarray(values, dtype=object).copy()
    out[out == ""] = None
    return out


def _article_rows(
    rels, sha, keys, cache, sheet, extras, report
) -> tuple[dict, np.ndarray, np.ndarray]:
    """The articles as columns (all but `text`) in file order, each row's cache key, and each
    row's signature (what it is made of). Pages kept once (same bytes, or same article text) and
    per-page messages go into `report`."""
    pos = cache.find(keys)
    have = np.flatnonzero(pos >= 0)
    light = cache.light.take(pos[have])
    page = {c: _strings(light[c]) for c in PAGE_LIGHT if PAGE_LIGHT[c] == pa.string()}
    page |= {c: light[c].to_numpy() for c in PAGE_LIGHT if PAGE_LIGHT[c] == pa.int64()}
    page |= {"file": np.asarray(rels, dtype=object)[have], "sha": sha[have], "key": keys[have]}
    keep = np.ones(len(have), bool)
    for column, has_text, says in (
        ("sha", np.ones(len(have), bool), "same content as {}"),
        ("text_key", page["n_kept"] > 0, "same article text as {} (different page around it)"),
    ):
        values = pd.Series(page[column], dtype=object)
        repeat = values.duplicated().to_numpy() & keep & has_text
        firsts = dict(zip(values[keep][::-1], page["file"][keep][::-1], strict=True))
        for rel, value in zip(page["file"][repeat], values[repeat], strict=True):
            first = firsts[value]
            report[rel] = ("warning", f"{rel}: {says.format(first)}; kept once (as {first})")
        keep &= ~repeat
    page = {c: v[keep] for c, v in page.items()}

    by_file, none = sheet.by_file, {}
    sheet_rows = [by_file.get(f, none) for f in page["file"]]
    sheet_value = {
        c: np.array([r.get(c, "") for r in sheet_rows], dtype=object)
        for c in sheet.columns
        if c != "file"
    }
    sheet_has = {c: v != "" for c, v in sheet_value.items()}
    published = np.where(sheet_has["published"], sheet_value["published"], page["published"])
    date_source = np.where(
        sheet_has["published"],
        "metadata",
        np.where(
            (page["published"] != "") & (page["date_source"] != ""), page["date_source"], "none"
        ),
    )
    language = np.where(sheet_has["language"], sheet_value["language"], page["language"])
    language = np.where(language == "", "und", language).astype(object)
    title = _blank_to_none(page["title"])
    columns = {
        "article_id": np.array([s[:16] for s in page["sha"]], dtype=object),
        "file": page["file"],
        "outlet": _blank_to_none(
            np.where(sheet_has["outlet"], sheet_value["outlet"], page["outlet"])
        ),
        "title": title,
        "published": pd.to_datetime(
            pd.Series(_blank_to_none(published), dtype=object), format="ISO8601"
        ).to_numpy("datetime64[ns]"),
        "date_source": date_source.astype(object),
        "url": _blank_to_none(np.where(sheet_has["url"], sheet_value["url"], page["html_url"])),
        "language": language,
        "n_paragraphs": page["n_kept"],
        "n_words": page["n_words"],
        "raw_sha256": page["sha"],
        **{c: _blank_to_none(sheet_value[c]) for c in extras},
    }
    for rel, warning, n_kept, has_title, lang, own_language, removal in zip(
        page["file"],
        page["warning"],
        page["n_kept"],
        title != None,  # noqa: E711 - elementwise
        language,
        ~sheet_has["language"],
        page["removal"],
        strict=True,
    ):
        messages = [warning] if warning else []
        if not n_kept:
            messages.append("no article text found: every paragraph was judged boilerplate")
        if not has_title:
            messages.append("no title found")
        if own_language and lang not in ("en", "und"):
            messages.append(f"language detected as {lang!r} (kept)")
        report[rel] = (
            "warning" if messages else "ok",
            f"{rel}: " + "; ".join([*messages, removal]),
        )
    return columns, page["key"], _row_signatures(page["file"], page["key"], sheet_value)


def _row_signatures(files: np.ndarray, keys: np.ndarray, sheet: dict[str, np.ndarray]):
    """What an output row is made of (file, cleaned page, its sheet row), as one string: a part
    whose rows' signatures are unchanged is not rebuilt."""
    rows = zip(files, keys, *sheet.values(), strict=True)
    return np.array(["\x1f".join(parts) for parts in rows], dtype=object)


def _write_outputs(
    out: Path, rows: dict, keys, signatures, cache: _PageCache, extras, staging: _Staging
) -> tuple[list[Path], list[str]]:
    """Stage the parts of `articles.parquet/` and `paragraphs.parquet/` whose rows changed, the
    removal of the parts no longer needed and the new `.cache/parts.json`. Returns the paths that
    will change, and notices about files in the part folders the ingest did not write.

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
    before = _part_records(out)
    for folder in (ARTICLES, PARAGRAPHS):  # temp files of a run that crashed (this lock's owner)
        for leftover in _listdir(out / folder):
            if _PART_TEMP.fullmatch(leftover):
                (out / folder / leftover).unlink(missing_ok=True)
    for leftover in _listdir(out):
        if _REPORT_TEMP.fullmatch(leftover):
            (out / leftover).unlink(missing_ok=True)
    parts = np.array([a[:width] for a in rows["article_id"]], dtype=object)
    blocks = pd.Series(np.arange(n)).groupby(parts, sort=True).indices if n else {}
    blocks = blocks or {"0": np.zeros(0, np.int64)}  # an empty table keeps one part (its schema)
    digests = {}
    targets = {}
    with _Writer(_parquet_bytes, write=staging.put) as writer:
        for name, at in blocks.items():
            text = "\n".join([layout, *signatures[at]])
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            stale = []
            for folder in (ARTICLES, PARAGRAPHS):
                rel = f"{folder}/part-{name}.parquet"
                targets[rel] = out / rel
                digests[rel] = [digest, *_stat(targets[rel])]
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


def _part_records(out: Path) -> dict[str, list]:
    """`.cache/parts.json`: each part the ingest wrote in `out` and its record, `{}` when missing
    or damaged. Only names of the ingest's parts are taken (never a path out of the folder)."""
    try:
        records = json.loads((out / CACHE / PARTS).read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(records, dict):
        return {}
    return {rel: v for rel, v in records.items() if isinstance(rel, str) and _PART.fullmatch(rel)}


def _parts_intact(out: Path) -> bool:
    """Whether every part the record lists is on disk as the ingest wrote it (size, mtime and
    inode): no part deleted, replaced or edited since."""
    records = _part_records(out)
    return bool(records) and all(
        isinstance(v, list) and v[1:] == _stat(out / rel) for rel, v in records.items()
    )


def _listdir(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []


def _csv_bytes(header: list[str], rows: list[tuple]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _report_cell(value: str) -> str:
    """A report cell as a spreadsheet takes it literally (`files.csv_safe_cell`), printable."""
    value = shown_name(value)
    safe = csv_safe_cell(value)
    if safe == value and _QUOTED_FORMULA.match(value):
        safe = "'" + value  # already quoted in the original: one more, stripped by load_report
    return safe


def _report_value(cell: str) -> str:
    """The original text of a report cell (undoes `_report_cell`'s leading quote)."""
    return cell[1:] if _QUOTED_FORMULA.match(cell) else cell


def _report_bytes(rows: list[tuple]) -> bytes:
    return _csv_bytes(REPORT_COLUMNS, [[_report_cell(c) for c in row] for row in rows])


def _stat(path: Path) -> list[int]:
    """`[size, mtime_ns, inode]` of `path` (`[-1, -1, -1]` when it is not there)."""
    try:
        stat = path.stat()
    except OSError:
        return [-1, -1, -1]
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


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


def raw_state(raw: Path, processed: Path, scan=None) -> str:
    """What the raw folder looked like to the ingest: where it is (also relative to `processed`,
    so a copied or moved project finds its own), a digest of every file's path, size and mtime
    (pages added, deleted, renamed or edited; new files the suite skips) and the sheet's. The stamp
    `load_articles` compares to decide whether to re-ingest. `scan`: `(pages, skipped)` as the
    ingest scanned them (default: scanned now)."""
    raw, processed = Path(raw).resolve(), Path(processed).resolve()
    pages, skipped = scan if scan is not None else _scan(raw)
    listing = hashlib.sha256()
    for f in pages:
        listing.update(f"{shown_name(f.rel)}\t{f.size}\t{f.mtime_ns}\n".encode())
    for rel, _ in skipped:
        listing.update(f"{shown_name(rel)}\n".encode())
    sheet = raw / METADATA_FILE
    stat = sheet.stat() if sheet.exists() else None
    state = {
        "raw": str(raw),
        "raw_from_processed": os.path.relpath(raw, processed),
        "files": listing.hexdigest(),
        "sheet": [stat.st_size, stat.st_mtime_ns] if stat else None,
    }
    return json.dumps(state, sort_keys=True) + "\n"


# ---------------------------------------------------------------------------------------------
# Reading the processed tables.


def _ensure(processed: Path | None) -> Path:
    """`processed`, ingested first when it is missing, its raw folder changed since, or a part was
    deleted or replaced since the ingest wrote it.

    A processed folder remembers the raw folder it was made from (`.cache/last-ingest`), relative
    to itself and absolute; the first of those that exists, else `config.raw_dir()`, is checked.
    Tables built from another corpus are not overwritten with the default one's, and a copied
    project checks its own raw folder. When another process is ingesting into `processed`, wait
    for it (up to `LOAD_WAIT` seconds), then check again: its tables may be the current ones.
    """
    processed = Path(processed) if processed is not None else config.processed_dir()
    if _out_of_date(processed) is None:
        return processed
    processed = processed.resolve()

    def waiting(message: str) -> None:
        print(f"presslens: {message}", file=sys.stderr, flush=True)

    with _output_lock(processed, LOAD_WAIT, waiting=waiting):
        raw = _out_of_date(processed)
        if raw is not None:
            raw, out = _folders(raw, processed)
            _locked_ingest(raw, out, "local", None, None, None, MAX_BYTES)
    return processed


def _out_of_date(processed: Path) -> Path | None:
    """The raw folder to ingest `processed` from, or None when its tables are current."""
    stamp = processed / CACHE / STAMP
    try:
        recorded = stamp.read_text() if (processed / ARTICLES).exists() else None
    except OSError:
        recorded = None
    if recorded is None:
        return config.raw_dir()
    try:
        state = json.loads(recorded)
        candidates = [processed.resolve() / state["raw_from_processed"], Path(state["raw"])]
    except (ValueError, KeyError, TypeError):
        candidates = []
    raw = next((c for c in candidates if c.is_dir()), config.raw_dir())
    if raw.is_dir() and (recorded != raw_state(raw, processed) or not _parts_intact(processed)):
        return raw
    return None


def load_articles(
    processed: str | Path | None = None, columns: list[str] | None = None
) -> pd.DataFrame:
    """The `articles` table (see DESIGN.md), ingesting first when it is missing or out of date.

    `outlet` is never null here: an unnamed outlet becomes `"Unnamed outlet (<file stem>)"`.
    Pass `columns` to read only what an analysis needs (large corpora).
    """
    folder = _ensure(processed)
    wanted = None
    if columns is not None:
        wanted = list(dict.fromkeys(["article_id", "file", *columns]))
    frame = _read_sorted(folder / ARTICLES, wanted, ["file"])
    if "outlet" in frame.columns:
        unnamed = frame["outlet"].isna() | (frame["outlet"].astype(str).str.strip() == "")
        if unnamed.any():
            stems = frame.loc[unnamed, "file"].map(lambda f: Path(f).stem)
            frame.loc[unnamed, "outlet"] = config.UNKNOWN_OUTLET + " (" + stems + ")"
        config.register_outlets(frame["outlet"].unique())  # distinct colours in every chart
    if columns is not None:
        frame = frame[[c for c in wanted if c in frame.columns]]
    return frame


def load_paragraphs(processed: str | Path | None = None) -> pd.DataFrame:
    """The `paragraphs` table: every paragraph of every page, with `kept` and removal `reason`."""
    return _read_sorted(_ensure(processed) / PARAGRAPHS, None, ["file", "position"])


def _read_sorted(folder: Path, columns: list[str] | None, by: list[str]) -> pd.DataFrame:
    """A partitioned table as one DataFrame in `by` order (sorted in Arrow, on one chunk: twice
    as fast as pandas on 100k articles' text).

    Only the parts the ingest's record lists are read (in a folder without a record, the
    `part-*.parquet` files): a stray file in the folder (notes, `.DS_Store`, another table) is
    never read."""
    records = _part_records(folder.parent)
    paths = [folder.parent / rel for rel in sorted(records) if rel.startswith(folder.name + "/")]
    if not paths:
        paths = sorted(folder.glob("part-*.parquet"))
    if not paths:
        raise FileNotFoundError(f"no table in {shown_name(folder)}: run `presslens ingest`")
    table = pq.read_table([str(p) for p in paths], columns=columns).combine_chunks()
    return table.sort_by([(c, "ascending") for c in by]).to_pandas()


def load_report(processed: str | Path | None = None) -> pd.DataFrame:
    """`ingest_report.csv`: one row per input file, `file, status, message`, as the ingest wrote
    them (the file holds them spreadsheet-safe: a cell starting like a formula has a leading `'`,
    removed here)."""
    folder = _ensure(processed)
    frame = pd.read_csv(folder / REPORT, keep_default_na=False, dtype=str)
    for column in frame.columns:
        frame[column] = frame[column].map(_report_value)
    return frame
