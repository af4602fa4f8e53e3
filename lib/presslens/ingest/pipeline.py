"""`ingest()`: a raw folder in, the processed folder out; and the check that it is current.

The run: scan the raw folder (`presslens.raw.scan_raw_files`), fingerprint every file and find the
site-template lines (`cache`), clean the pages the cache lacks (`extract`, mapped by
`presslens.parallel.engine_map`), assemble the articles with the sheet (`articles`), then stage
and swap in the outputs (`writer`), all under the output folder's lock (`lock`).
`ensure_current(processed)` is what the loaders call first: it ingests again when the tables are
missing, their raw folder changed or a part was replaced.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from .. import config
from ..clean.languages import load_model
from ..files import shown_name, write_atomic
from ..parallel import engine_map, gc_paused
from ..raw import MAX_BYTES, METADATA_FILE, RawFile, read_metadata, scan_raw_files
from .articles import article_rows, extra_columns
from .cache import (
    CacheMiss,
    PageCache,
    cache_bytes,
    cache_keys,
    fingerprints,
    strings,
    template_groups,
    template_lines,
)
from .extract import CACHE_SCHEMA, PAGE_SCHEMA, map_files, process_files
from .layout import ARTICLES, CACHE, FILES, LOCK, PARTS, REPORT, REPORT_COLUMNS, STAMP, parts_intact
from .lock import IngestError, forget_locks, output_lock, writing
from .writer import Staging, keep_rows, report_bytes, write_outputs

#: Below this many pages to process, a process pool costs more than it saves.
POOL_MIN_FILES = 64
#: How long `load_articles` waits for another process's ingest of the same folder (seconds).
LOAD_WAIT = 30 * 60


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
    with output_lock(out, wait):
        return _locked_ingest(raw, out, engine, scheduler, workers, progress, max_bytes)


def _folders(raw, out) -> tuple[Path, Path]:
    """The raw and output folders, resolved and checked before anything is written."""
    raw = Path(raw) if raw is not None else config.raw_dir()
    out = Path(out) if out is not None else config.processed_dir()
    raw, out = raw.resolve(), out.resolve()
    if out == raw or raw in out.parents:
        raise ValueError(
            f"output folder {shown_name(out)} is inside the raw folder {shown_name(raw)}: raw "
            "data is never written to"
        )
    if not raw.is_dir():
        raise FileNotFoundError(f"raw data folder not found: {shown_name(raw)}")
    return raw, out


def _locked_ingest(raw, out, engine, scheduler, workers, progress, max_bytes) -> IngestResult:
    with gc_paused():
        try:
            return _ingest(raw, out, engine, scheduler, workers, progress, max_bytes)
        except CacheMiss:
            # Someone removed or damaged part of the cache: rebuild it rather than fail. The part
            # records (still true of the tables), the stamp and the lock stay.
            with writing(out):
                for entry in (out / CACHE).iterdir():
                    if entry.name not in {PARTS, STAMP, LOCK}:
                        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
            return _ingest(raw, out, engine, scheduler, workers, progress, max_bytes)


def _scan(raw: Path) -> tuple[list[RawFile], list[tuple[str, str]]]:
    """`scan_raw_files(raw)` with every name printable (`files.shown_name`): a page whose name is
    not UTF-8 is skipped, named with `\\xNN` escapes (its name could not be stored in the tables
    nor matched by `metadata.csv`), never a crash of the run."""
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

    with engine_map(
        engine,
        scheduler=scheduler,
        workers=workers,
        min_items=POOL_MIN_FILES,
        initializer=forget_locks,
        prepare=load_model,
    ) as mapper:
        prints, prints_changed = fingerprints(mapper, files, cache_dir, max_bytes, progress)
        try:
            sheet = read_metadata(raw, known_files=set(rels))
        except OSError as exc:  # the analyst's sheet is not skipped silently: outlets depend on it
            raise IngestError(
                f"cannot read {shown_name(raw / METADATA_FILE)}: {exc.strerror or exc}; nothing "
                "was changed"
            ) from exc
        lines, template, bounds = template_lines(prints, template_groups(rels, sheet))
        sha = strings(prints["sha256"])
        keys = cache_keys(sha, lines, template, bounds, rels)
        cache = PageCache(cache_dir)
        errors = strings(prints["error"])
        todo_rows = np.flatnonzero((errors == "") & (cache.find(keys) < 0))
        todo = []
        for i in todo_rows:
            own = slice(bounds[i], bounds[i + 1])
            todo.append((files[i].path, rels[i], tuple(lines[own][template[own]].tolist()), sha[i]))
        fresh = map_files(mapper, process_files, todo, PAGE_SCHEMA, "cleaning", progress)
    for i in np.flatnonzero(errors != ""):
        report[rels[i]] = ("skipped", errors[i])
    failed = strings(fresh["error"])
    for rel, error in zip(strings(fresh["rel"]), failed, strict=True):
        if error:
            report[rel] = ("skipped", error)
    fresh = keep_rows(fresh, failed == "").append_column(
        "key", pa.array(keys[todo_rows][failed == ""], pa.string())
    )
    # Two files with the same bytes (and template lines) are one cache entry.
    once = ~pd.Series(strings(fresh["key"]), dtype=object).duplicated().to_numpy()
    with writing(out):
        cache.update(keep_rows(fresh, once).select(CACHE_SCHEMA.names), keys[keys != ""])
        del fresh
        if prints_changed:
            write_atomic(cache_dir / FILES, cache_bytes(prints))
        for entry in cache_dir.iterdir():  # other formats or cleaner versions, crash leftovers
            if entry.name not in {FILES, PARTS, STAMP, LOCK, cache.folder.name}:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()

    extras, clashes = extra_columns(sheet)
    rows, row_keys, signatures = article_rows(rels, sha, keys, cache, sheet, extras, report)
    for problem in [*sheet.problems, *clashes]:
        report.setdefault(f"~{problem}", ("warning", problem))
    report_rows = [
        (rel if not rel.startswith("~") else METADATA_FILE, *v) for rel, v in sorted(report.items())
    ]
    # Everything is staged, then swapped in: the stamp last, so a run cut short is redone.
    with writing(out), Staging() as staging:
        written, notices = write_outputs(out, rows, row_keys, signatures, cache, extras, staging)
        if staging.put(out / REPORT, report_bytes(report_rows)):
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


def ensure_current(processed: str | Path | None) -> Path:
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

    with output_lock(processed, LOAD_WAIT, waiting=waiting):
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
    if raw.is_dir() and (recorded != raw_state(raw, processed) or not parts_intact(processed)):
        return raw
    return None
