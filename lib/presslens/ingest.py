"""Raw pages in, cleaned and annotated tables out: incremental, parallel, atomic, deterministic.

`ingest()` reads every page under `data/raw/`, cleans it (`presslens.clean`), infers what the
analyst's `metadata.csv` does not say (`presslens.metadata`) and writes `data/processed/`:

- `articles.parquet/` one row per article (partitioned Parquet: `part-<x>.parquet`, one per first
  hex digit of `article_id`, so a few new pages rewrite only a few parts);
- `paragraphs.parquet/` every paragraph of every page, kept or removed with its reason;
- `ingest_report.csv` one row per input file: `file, status (ok|warning|skipped), message`.

Unchanged files (same size and mtime, else same SHA-256) are not processed again: their cleaned
pages live in `.cache/`, keyed by content hash and cleaner version. The per-file stage is a pure
function mapped over the files by a local process pool or, with `engine="dask"`, by a Dask cluster;
either gives byte-identical tables.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import math
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import config
from .files import write_atomic
from .load import (
    HTML_SUFFIXES,
    MAX_BYTES,
    LoadError,
    decode,
    find_raw_files,
    looks_mojibake,
    read_metadata,
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
CACHE_FORMAT = "2"
STAMP = "last-ingest"

#: A short line on at least this many distinct pages of one outlet, and on at least
#: `REPEAT_MIN_SHARE` of them, is template evidence (site chrome recurs on most of a site's pages;
#: a background sentence an outlet reuses now and then does not).
REPEAT_MIN_PAGES = 3
REPEAT_MIN_SHARE = 0.25
REPEAT_MAX_CHARS = 200
#: Below this many pages to process, a process pool costs more than it saves.
POOL_MIN_FILES = 64

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_SPACE = re.compile(r"\s+")


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


def _page_text(data: bytes, rel: str) -> tuple[str, dict, str]:
    """The page's text, HTML metadata (for .html) and a decoding warning ("" when none)."""
    decoded = decode(data, rel)
    warnings = [decoded.warning] if decoded.warning else []
    if looks_mojibake(decoded.text):
        warnings.append(
            "text looks double-encoded (Ã©/â€™ sequences): it was mis-decoded before it was saved"
        )
    if Path(rel).suffix.lower() in HTML_SUFFIXES:
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


def fingerprint_file(path: str, rel: str, max_bytes: int = MAX_BYTES) -> dict:
    """Content hash, size and the hashes of short lines (for the cross-page repetition signal)."""
    stat = os.stat(path)
    result = {"rel": rel, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "error": ""}
    if stat.st_size > max_bytes:
        result.update(sha256="", lines=[], error=_too_big(rel, stat.st_size, max_bytes))
        return result
    data = Path(path).read_bytes()
    result["sha256"] = hashlib.sha256(data).hexdigest()
    result["lines"] = []
    if Path(rel).suffix.lower() not in HTML_SUFFIXES:
        with contextlib.suppress(LoadError):
            result["lines"] = sorted(_short_lines(decode(data, rel).text))
    return result


def _too_big(rel: str, size: int, max_bytes: int) -> str:
    return (
        f"{rel}: {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit for one article "
        "(a dump of many pages, or not an article?); skipped"
    )


def process_file(path: str, rel: str, repeated: frozenset[int] = frozenset()) -> dict:
    """Clean and annotate one page. Returns a plain dict (picklable, engine-agnostic)."""
    from .clean import clean_rows
    from .metadata import infer_metadata

    try:
        text, html_meta, warning = _page_text(Path(path).read_bytes(), rel)
    except LoadError as exc:
        return {"rel": rel, "error": str(exc)}
    repeated_lines = frozenset()
    if repeated:
        lines = _short_lines(text)
        repeated_lines = frozenset(line for key, line in lines.items() if key in repeated)
    texts, kept, reasons = clean_rows(text, repeated_lines=repeated_lines)
    meta = infer_metadata(text, (texts, kept, reasons), html_meta=html_meta or None)
    published = meta.get("published")
    body = "\n\n".join(t for t, k in zip(texts, kept, strict=True) if k)
    return {
        "rel": rel,
        "error": "",
        "warning": warning,
        "para_text": texts,
        "para_kept": kept,
        "para_reason": reasons,
        "title": meta.get("title") or "",
        "outlet": meta.get("outlet") or "",
        "published": published.isoformat() if published else "",
        "date_source": meta.get("date_source") or "none",
        "language": meta.get("language") or "",
        "html_url": (html_meta or {}).get("url") or "",
        "n_words": _count_words(body),
        "text_key": _text_key(body),
    }


# ---------------------------------------------------------------------------------------------
# Engines: how the per-file stage is mapped over files.

Mapper = Callable[[Callable, list[tuple]], list]


def _call(args: tuple[Callable, tuple]):
    fn, task = args
    return fn(*task)


@contextlib.contextmanager
def _engine(engine: str, scheduler: str | None, workers: int | None) -> Iterator[Mapper]:
    """Yield `map(fn, tasks) -> results` (in task order) for the chosen engine."""
    if engine == "local":
        pool = None
        n_workers = workers or os.cpu_count() or 1

        def local_map(fn, tasks):
            nonlocal pool
            if n_workers <= 1 or len(tasks) < POOL_MIN_FILES:
                return [fn(*t) for t in tasks]
            if pool is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                # fork where the OS has it: no re-import of __main__ (scripts piped to python,
                # notebooks) and no start-up cost; spawn elsewhere.
                methods = multiprocessing.get_all_start_methods()
                method = "fork" if "fork" in methods else "spawn"
                pool = ProcessPoolExecutor(
                    n_workers, mp_context=multiprocessing.get_context(method)
                )
            chunk = max(1, min(256, len(tasks) // (n_workers * 8)))
            return list(pool.map(_call, [(fn, t) for t in tasks], chunksize=chunk))

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

        def dask_map(fn, tasks):
            if not tasks:
                return []
            # Batches keep the task count (and the scheduler's overhead) low on large corpora.
            size = max(1, min(500, len(tasks) // (8 * max(1, len(client.nthreads())))))
            batches = [tasks[i : i + size] for i in range(0, len(tasks), size)]
            futures = client.map(_run_batch, [fn] * len(batches), batches, pure=False)
            return [r for batch in client.gather(futures) for r in batch]

        try:
            yield dask_map
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")


def _run_batch(fn: Callable, tasks: list[tuple]) -> list:
    return [fn(*t) for t in tasks]


# ---------------------------------------------------------------------------------------------
# Atomic, change-only writes.


def _parquet_bytes(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd", use_dictionary=True, write_statistics=True)
    return buffer.getvalue()


def _write_partitioned(folder: Path, table: pa.Table) -> list[Path]:
    """Write `table` as `folder/part-<x>.parquet`, x = first hex digit of `article_id`.

    Only parts whose bytes change are rewritten; parts no longer needed are removed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written, wanted = [], set()
    buckets = pc.utf8_slice_codeunits(table["article_id"], 0, 1)
    names = sorted(set(buckets.to_pylist())) or ["0"]  # an empty table keeps one part (schema)
    for name in names:
        part = table.filter(pc.equal(buckets, name)) if table.num_rows else table
        target = folder / f"part-{name}.parquet"
        wanted.add(target.name)
        if write_atomic(target, _parquet_bytes(part)):
            written.append(target)
    for stale in sorted(folder.glob("part-*.parquet")):
        if stale.name not in wanted:
            stale.unlink()
            written.append(stale)
    return written


# ---------------------------------------------------------------------------------------------
# The cache: per-file fingerprints, and cleaned pages keyed by content.


def _cache_key(sha: str, lines: Iterable[int], repeated: frozenset[int]) -> str:
    from .clean import CLEANER_VERSION

    shared = sorted(int(k) for k in lines if k in repeated)
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{CLEANER_VERSION}|{sha}|{shared}".encode()).hexdigest()
    return digest[:32]


def _read_parquet_or_empty(path: Path) -> pd.DataFrame | None:
    if not path.exists():
        return None
    try:
        return pq.read_table(path).to_pandas()
    except Exception:  # a damaged cache is rebuilt, never fatal
        return None


class _PageCache:
    """Cleaned pages in `.cache/pages/part-<k>.parquet`, by cache key; only touched parts rewritten."""

    COLUMNS = [
        "key",
        "warning",
        "para_text",
        "para_kept",
        "para_reason",
        "title",
        "outlet",
        "published",
        "date_source",
        "language",
        "html_url",
        "n_words",
        "text_key",
    ]
    SCHEMA = pa.schema(
        [
            (c, pa.list_(pa.bool_()) if c == "para_kept" else pa.list_(pa.string()))
            if c.startswith("para_")
            else (c, pa.int64() if c == "n_words" else pa.string())
            for c in COLUMNS
        ]
    )

    def __init__(self, folder: Path):
        self.folder = folder
        self._parts: dict[str, dict[str, dict]] = {}
        self._dirty: set[str] = set()

    def _part(self, key: str) -> dict[str, dict]:
        name = key[0]
        if name not in self._parts:
            rows = {}
            path = self.folder / f"part-{name}.parquet"
            try:
                table = pq.read_table(path) if path.exists() else None
            except Exception:  # a damaged cache is rebuilt, never fatal
                table = None
            if table is not None and table.column_names == self.COLUMNS:
                rows = {rec["key"]: rec for rec in table.to_pylist()}
            self._parts[name] = rows
        return self._parts[name]

    def get(self, key: str) -> dict | None:
        return self._part(key).get(key)

    def put(self, key: str, result: dict) -> None:
        rec = {c: result.get(c, "") for c in self.COLUMNS}
        rec["key"] = key
        self._part(key)[key] = rec
        self._dirty.add(key[0])

    def prune(self, live: set[str]) -> None:
        """Forget pages no longer in the corpus (only in parts already loaded or touched)."""
        for name, rows in self._parts.items():
            dead = [k for k in rows if k not in live]
            for k in dead:
                del rows[k]
            if dead:
                self._dirty.add(name)

    def save(self) -> None:
        for name in sorted(self._dirty):
            rows = self._parts[name]
            target = self.folder / f"part-{name}.parquet"
            if not rows:
                target.unlink(missing_ok=True)
                continue
            table = pa.Table.from_pylist([rows[k] for k in sorted(rows)], schema=self.SCHEMA)
            write_atomic(target, _parquet_bytes(table))
        self._dirty.clear()


# ---------------------------------------------------------------------------------------------
# The orchestration.


@dataclass
class IngestResult:
    """What one ingest did: the per-file report and counts for the summary."""

    raw: Path
    out: Path
    report: pd.DataFrame
    n_articles: int = 0
    n_processed: int = 0
    n_cached: int = 0
    seconds: float = 0.0
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return True

    def summary(self) -> str:
        counts = self.report["status"].value_counts()
        parts = [
            f"{counts.get(s, 0)} {s}" for s in ("ok", "warning", "skipped") if counts.get(s, 0)
        ]
        lines = [
            f"ingest {self.raw} -> {self.out}: {self.n_articles} articles "
            f"({self.n_processed} processed, {self.n_cached} unchanged) in {self.seconds:.1f} s; "
            f"files: {', '.join(parts) or 'none'}"
        ]
        for row in self.report[self.report["status"] != "ok"].itertuples():
            lines.append(f"  {row.status}: {row.message}")
        return "\n".join(lines)


def _progress(total: int, desc: str, enabled: bool | None):
    if enabled is None:
        enabled = total >= 200 and sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="file", leave=False)


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _mapped(mapper: Mapper, fn: Callable, tasks: list[tuple], desc: str, progress) -> list:
    bar = _progress(len(tasks), desc, progress)
    if bar is None:
        return mapper(fn, tasks)
    results = []
    for chunk in _chunks(tasks, 2000):
        results.extend(mapper(fn, chunk))
        bar.update(len(chunk))
    bar.close()
    return results


def ingest(
    raw: str | Path | None = None,
    out: str | Path | None = None,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    progress: bool | None = None,
    max_bytes: int = MAX_BYTES,
) -> IngestResult:
    """Clean every page under `raw` into `out` (defaults: `config.raw_dir()`, `processed_dir()`).

    Never writes under `raw`. Bad files are reported in `ingest_report.csv`, named, and skipped;
    the run goes on. Re-running on unchanged input rewrites nothing.
    """
    from .text import gc_paused

    with gc_paused():
        return _ingest(raw, out, engine, scheduler, workers, progress, max_bytes)


def _ingest(raw, out, engine, scheduler, workers, progress, max_bytes) -> IngestResult:
    started = time.perf_counter()
    raw = Path(raw) if raw is not None else config.raw_dir()
    out = Path(out) if out is not None else config.processed_dir()
    raw, out = raw.resolve(), out.resolve()
    if out == raw or raw in out.parents:
        raise ValueError(
            f"output folder {out} is inside the raw folder {raw}: raw data is never written to"
        )
    pages, skipped = find_raw_files(raw)
    cut = len(str(raw)) + 1
    rels = [str(p)[cut:].replace(os.sep, "/") for p in pages]
    cache_dir = out / CACHE
    report: dict[str, tuple[str, str]] = {}
    for path, why in skipped:
        rel = path.relative_to(raw).as_posix()
        report[rel] = ("skipped", f"{rel}: {why}")

    with _engine(engine, scheduler, workers) as mapper:
        prints = _fingerprints(mapper, raw, pages, rels, cache_dir, max_bytes, progress)
        sheet = read_metadata(raw, known_files=set(rels))
        groups = _outlet_groups(rels, sheet)
        repeated_by_group = _repeated_lines(prints, groups)
        todo, results, live = [], {}, set()
        cache = _PageCache(cache_dir / "pages")
        for rel in rels:
            fp = prints[rel]
            if fp["error"]:
                report[rel] = ("skipped", fp["error"])
                continue
            repeated = repeated_by_group.get(groups[rel], frozenset())
            key = _cache_key(fp["sha256"], fp["lines"], repeated)
            fp["key"] = key
            live.add(key)
            hit = cache.get(key)
            if hit is not None:
                results[rel] = hit
            else:
                page_repeated = frozenset(k for k in fp["lines"] if k in repeated)
                todo.append((str(raw / rel), rel, page_repeated))
        fresh = _mapped(mapper, process_file, todo, "cleaning", progress)
    for result in fresh:
        rel = result["rel"]
        if result.get("error"):
            report[rel] = ("skipped", result["error"])
            continue
        cache.put(prints[rel]["key"], result)
        results[rel] = result
    cache.prune(live)
    cache.save()
    _save_fingerprints(cache_dir, prints)

    articles, paragraphs = _assemble(rels, prints, results, sheet, report)
    for problem in sheet.problems:
        report.setdefault(f"~{problem}", ("warning", problem))
    report_frame = pd.DataFrame(
        [
            (rel if not rel.startswith("~") else "metadata.csv", *v)
            for rel, v in sorted(report.items())
        ],
        columns=REPORT_COLUMNS,
    )
    written = []
    written += _write_partitioned(out / ARTICLES, articles)
    written += _write_partitioned(out / PARAGRAPHS, paragraphs)
    if write_atomic(
        out / REPORT, report_frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    ):
        written.append(out / REPORT)
    (cache_dir / STAMP).touch()
    return IngestResult(
        raw=raw,
        out=out,
        report=report_frame,
        n_articles=articles.num_rows,
        n_processed=len(todo),
        n_cached=len(rels) - len(todo) - sum(1 for r in rels if prints[r]["error"]),
        seconds=time.perf_counter() - started,
        written=written,
    )


def _fingerprints(mapper, raw, pages, rels, cache_dir, max_bytes, progress) -> dict[str, dict]:
    """Per-file hashes; files whose size and mtime are unchanged reuse the stored ones."""
    stored = _read_parquet_or_empty(cache_dir / "files.parquet")
    known = {}
    if stored is not None:
        for rec in stored.to_dict("records"):
            known[rec["rel"]] = rec
    prints, todo = {}, []
    for path, rel in zip(pages, rels, strict=True):
        stat = path.stat()
        old = known.get(rel)
        if (
            old is not None
            and old["size"] == stat.st_size
            and old["mtime_ns"] == stat.st_mtime_ns
            and not old["error"]
        ):
            prints[rel] = {**old, "lines": [int(k) for k in old["lines"]]}
        else:
            todo.append((str(path), rel, max_bytes))
    for fp in _mapped(mapper, fingerprint_file, todo, "hashing", progress):
        prints[fp["rel"]] = fp
    return prints


def _save_fingerprints(cache_dir: Path, prints: dict[str, dict]) -> None:
    rows = [
        {
            "rel": rel,
            "size": fp["size"],
            "mtime_ns": fp["mtime_ns"],
            "sha256": fp.get("sha256", ""),
            "lines": [int(x) for x in fp.get("lines", [])],
            "error": fp.get("error", ""),
        }
        for rel, fp in sorted(prints.items())
    ]
    frame = pd.DataFrame(rows, columns=["rel", "size", "mtime_ns", "sha256", "lines", "error"])
    schema = pa.schema(
        [
            ("rel", pa.string()),
            ("size", pa.int64()),
            ("mtime_ns", pa.int64()),
            ("sha256", pa.string()),
            ("lines", pa.list_(pa.int64())),
            ("error", pa.string()),
        ]
    )
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False), buffer)
    write_atomic(cache_dir / "files.parquet", buffer.getvalue())


def _outlet_groups(rels: list[str], sheet) -> dict[str, str]:
    """Which pages share a site template: same outlet in `metadata.csv`, else same URL host,
    else same folder (scrapers usually file one site's pages together)."""
    rows = sheet.by_file
    groups = {}
    for rel in rels:
        row = rows.get(rel, {})
        if row.get("outlet"):
            groups[rel] = "outlet:" + row["outlet"].strip().casefold()
        elif row.get("url"):
            groups[rel] = "host:" + urlsplit(row["url"]).netloc.casefold().removeprefix("www.")
        else:
            groups[rel] = "folder:" + Path(rel).parent.as_posix()
    return groups


def _repeated_lines(prints: dict[str, dict], groups: dict[str, str]) -> dict[str, frozenset[int]]:
    """Per template group, the short lines on enough of its distinct pages to be site chrome."""
    counts: dict[str, Counter[int]] = {}
    pages: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for rel, fp in prints.items():
        sha, group = fp.get("sha256"), groups[rel]
        if not sha or (group, sha) in seen:
            continue
        seen.add((group, sha))
        pages[group] += 1
        counts.setdefault(group, Counter()).update(fp["lines"])
    result = {}
    for group, counter in counts.items():
        needed = max(REPEAT_MIN_PAGES, math.ceil(REPEAT_MIN_SHARE * pages[group]))
        result[group] = frozenset(k for k, n in counter.items() if n >= needed)
    return result


def _count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _text_key(text: str) -> str:
    """Identity of an article's text, blind to spacing and case (same story, different page)."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().casefold().encode()).hexdigest()


def _assemble(rels, prints, results, sheet, report) -> tuple[pa.Table, pa.Table]:
    meta_rows = sheet.by_file
    extra = sheet.extra_columns
    articles: list[dict] = []
    paragraphs: dict[str, list] = {c: [] for c in PARAGRAPH_COLUMNS}
    by_sha: dict[str, str] = {}
    by_text: dict[str, str] = {}
    for rel in rels:
        result = results.get(rel)
        if result is None:
            continue
        sha = prints[rel]["sha256"]
        if sha in by_sha:
            report[rel] = (
                "warning",
                f"{rel}: same content as {by_sha[sha]}; kept once (as {by_sha[sha]})",
            )
            continue
        by_sha[sha] = rel
        kept = [t for t, k in zip(result["para_text"], result["para_kept"], strict=True) if k]
        text = "\n\n".join(kept)
        text_key = result["text_key"]
        if kept and text_key in by_text:
            first = by_text[text_key]
            report[rel] = (
                "warning",
                f"{rel}: same article text as {first} (different page around it); kept once (as {first})",
            )
            continue
        by_text[text_key] = rel
        article_id = sha[:16]
        meta = meta_rows.get(rel, {})
        messages = []
        if result.get("warning"):
            messages.append(result["warning"])
        title = result["title"] or None
        outlet = meta.get("outlet") or result["outlet"] or None
        published, date_source = None, result["date_source"] or "none"
        if meta.get("published"):
            published, date_source = meta["published"], "metadata"
        elif result["published"]:
            published = result["published"]
        else:
            date_source = "none"
        language = meta.get("language") or result["language"] or "und"
        url = meta.get("url") or result.get("html_url") or None
        if not kept:
            messages.append("no article text found: every paragraph was judged boilerplate")
        if title is None:
            messages.append("no title found")
        if language not in ("en", "und") and not meta.get("language"):
            messages.append(f"language detected as {language!r} (kept)")
        record = {
            "article_id": article_id,
            "file": rel,
            "outlet": outlet,
            "title": title,
            "published": published,
            "date_source": date_source,
            "url": url,
            "language": language,
            "text": text,
            "n_paragraphs": len(kept),
            "n_words": result["n_words"],
            "raw_sha256": sha,
        }
        for column in extra:
            record[column] = meta.get(column) or None
        articles.append(record)
        removed = Counter(
            r for r, k in zip(result["para_reason"], result["para_kept"], strict=True) if not k
        )
        detail = ", ".join(f"{reason} {n}" for reason, n in sorted(removed.items()))
        summary = f"{len(kept)} paragraphs kept, {sum(removed.values())} removed" + (
            f" ({detail})" if detail else ""
        )
        status = "warning" if messages else "ok"
        report[rel] = (status, f"{rel}: " + "; ".join([*messages, summary]))
        n = len(result["para_text"])
        paragraphs["article_id"].extend([article_id] * n)
        paragraphs["file"].extend([rel] * n)
        paragraphs["position"].extend(range(n))
        paragraphs["text"].extend(result["para_text"])
        paragraphs["kept"].extend(result["para_kept"])
        paragraphs["reason"].extend(result["para_reason"])
    columns = ARTICLE_COLUMNS + list(extra)
    for record in articles:
        record["published"] = (
            dt.datetime.fromisoformat(record["published"]) if record["published"] else None
        )
    article_schema = pa.schema([(c, ARTICLE_TYPES.get(c, pa.string())) for c in columns])
    article_table = pa.Table.from_pylist(articles, schema=article_schema)
    paragraph_table = pa.Table.from_arrays(
        [
            pa.array(paragraphs[c], type=PARAGRAPH_TYPES.get(c, pa.string()))
            for c in PARAGRAPH_COLUMNS
        ],
        names=PARAGRAPH_COLUMNS,
    )
    return article_table, paragraph_table


# ---------------------------------------------------------------------------------------------
# Reading the processed tables.


def _is_stale(raw: Path, processed: Path) -> bool:
    stamp = processed / CACHE / STAMP
    if not (processed / ARTICLES).exists() or not stamp.exists():
        return True
    if not raw.is_dir():
        return False
    newest = max((p.stat().st_mtime_ns for p in raw.rglob("*") if p.is_file()), default=0)
    return newest > stamp.stat().st_mtime_ns


def _ensure(processed: Path | None) -> Path:
    processed = Path(processed) if processed is not None else config.processed_dir()
    raw = config.raw_dir()
    if _is_stale(raw, processed):
        ingest(raw, processed)
    return processed


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
    frame = pd.read_parquet(folder / ARTICLES, columns=wanted)
    frame = frame.sort_values(["file"], kind="stable").reset_index(drop=True)
    if "outlet" in frame.columns:
        unnamed = frame["outlet"].isna() | (frame["outlet"].astype(str).str.strip() == "")
        stems = frame["file"].map(lambda f: Path(f).stem)
        frame.loc[unnamed, "outlet"] = config.UNKNOWN_OUTLET + " (" + stems[unnamed] + ")"
        config.register_outlets(frame["outlet"].unique())  # distinct colours in every chart
    if columns is not None:
        frame = frame[[c for c in wanted if c in frame.columns]]
    return frame


def load_paragraphs(processed: str | Path | None = None) -> pd.DataFrame:
    """The `paragraphs` table: every paragraph of every page, with `kept` and removal `reason`."""
    folder = _ensure(processed)
    frame = pd.read_parquet(folder / PARAGRAPHS)
    return frame.sort_values(["file", "position"], kind="stable").reset_index(drop=True)


def load_report(processed: str | Path | None = None) -> pd.DataFrame:
    """`ingest_report.csv`: one row per input file, `file, status, message`."""
    folder = _ensure(processed)
    return pd.read_csv(folder / REPORT, keep_default_na=False)
