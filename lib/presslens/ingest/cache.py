"""The ingest's cache (`<out>/.cache/`, Arrow IPC + zstd): what lets a run redo only what changed.

- `files.arrow`: per file, size, mtime, SHA-256 and the keys of its short lines (files whose size
  and mtime are unchanged are not read again);
- site-template lines: a short line on enough pages of one site (`template_lines`) is template;
  a page's cache key is its SHA-256 plus a digest of its template lines (`cache_keys`), so pages
  whose template changed are cleaned again and no others;
- `pages-<format>-<cleaner>/`: the cleaned pages, keyed by that (`PageCache`).

A damaged or half-deleted cache is rebuilt, never fatal (`CacheMiss`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..files import write_atomic
from ..parallel import Mapper
from ..raw import RawFile
from .extract import (
    CACHE_SCHEMA,
    FILE_SCHEMA,
    PAGE_HEAVY,
    PAGE_LIGHT,
    fingerprint_files,
    is_html,
    map_files,
)
from .layout import CACHE_FORMAT, FILES
from .writer import Writer, keep_rows

#: A short line on at least this many distinct pages of one outlet, and on at least
#: `REPEAT_MIN_SHARE` of them, is template evidence (site chrome recurs on most of a site's pages;
#: a background sentence an outlet reuses now and then does not).
REPEAT_MIN_PAGES = 3
REPEAT_MIN_SHARE = 0.25


class CacheMiss(RuntimeError):
    """The page cache lacks pages its index lists (a part deleted or damaged by hand)."""


def cache_bytes(table: pa.Table) -> bytes:
    """A cache table as Arrow IPC (zstd): several times faster to write and read than Parquet,
    which matters for the files and page index read and rewritten on every run."""
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with pa.ipc.new_file(sink, table.schema, options=options) as writer:
        writer.write_table(table.combine_chunks())
    return sink.getvalue().to_pybytes()


def read_cache(path: Path) -> pa.Table | None:
    """A cache table, or None when it is missing or damaged (a cache is rebuilt, never fatal)."""
    if not path.exists():
        return None
    try:
        with pa.memory_map(str(path)) as source:
            return pa.ipc.open_file(source).read_all()
    except Exception:
        return None


def strings(column) -> np.ndarray:
    """An Arrow string column as a NumPy object array."""
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


def _isin(values: np.ndarray, among) -> np.ndarray:
    return pd.Series(values, dtype=object).isin(among).to_numpy()


def fingerprints(mapper: Mapper, files: list[RawFile], cache_dir: Path, max_bytes: int, progress):
    """Per-file hashes (a `FILE_SCHEMA` table in `files` order) and whether any changed.

    Files whose size and mtime are unchanged reuse the stored row.
    """
    stored = read_cache(cache_dir / FILES)
    if stored is not None and stored.schema != FILE_SCHEMA:
        stored = None
    reuse = np.full(len(files), -1)
    if stored is not None and stored.num_rows and files:
        pos = pd.Index(strings(stored["rel"])).get_indexer([f.rel for f in files])
        size = np.fromiter((f.size for f in files), np.int64, len(files))
        mtime = np.fromiter((f.mtime_ns for f in files), np.int64, len(files))
        found = np.flatnonzero(pos >= 0)
        at = pos[found]
        same = (
            (stored["size"].to_numpy()[at] == size[found])
            & (stored["mtime_ns"].to_numpy()[at] == mtime[found])
            & (strings(stored["error"])[at] == "")
        )
        reuse[found[same]] = at[same]
    kept = np.flatnonzero(reuse >= 0)
    todo = [(files[i].path, files[i].rel, max_bytes) for i in np.flatnonzero(reuse < 0)]
    fresh = map_files(mapper, fingerprint_files, todo, FILE_SCHEMA, "hashing", progress)
    n_stored = stored.num_rows if stored is not None and len(kept) else 0
    where = reuse.copy()
    where[reuse < 0] = n_stored + np.arange(len(todo))
    if n_stored and len(todo) == 0 and np.array_equal(where, np.arange(n_stored)):
        prints = stored
    else:
        prints = pa.concat_tables([stored, fresh] if n_stored else [fresh]).take(where)
    changed = bool(todo) or stored is None or len(kept) != stored.num_rows
    return prints, changed


def template_groups(rels: list[str], sheet) -> list[str]:
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


def template_lines(
    prints: pa.Table, groups: list[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every page's short-line keys flattened (`lines`), which of them are site template
    (`template`), and where each page's run starts and ends (`bounds`, n + 1 offsets).

    A short line is template in a group of pages (one site) when it is on at least
    `REPEAT_MIN_PAGES` and `REPEAT_MIN_SHARE` of the group's distinct pages.
    """
    n = prints.num_rows
    sha = strings(prints["sha256"])
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


def cache_keys(sha, lines, template, bounds, rels: list[str]) -> np.ndarray:
    """Each page's cache key: its SHA-256, an order-free digest of its template lines and how it
    is read (`h` HTML, `t` text; "" for unreadable pages). New pages that change which lines
    count as template re-clean exactly the pages concerned; a page renamed from .html to .txt is
    read again."""
    spread = np.where(template, _mix(lines.view(np.uint64)), np.uint64(0))
    sums = np.concatenate([np.zeros(1, np.uint64), np.cumsum(spread, dtype=np.uint64)])
    digest = sums[bounds[1:]] - sums[bounds[:-1]]  # wraps mod 2**64, as intended
    kinds = ["h" if is_html(rel) else "t" for rel in rels]
    return np.array(
        [
            f"{s}-{d:016x}{k}" if s else ""
            for s, d, k in zip(sha, digest.tolist(), kinds, strict=True)
        ],
        dtype=object,
    )


class PageCache:
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
        from ..clean import CLEANER_VERSION
        from .html import extractor_version

        # Pages extracted by another trafilatura/resiliparse (or without the fallback) are stale.
        extractor = hashlib.blake2b(extractor_version().encode(), digest_size=4).hexdigest()
        self.root = cache_dir
        self.folder = cache_dir / f"pages-{CACHE_FORMAT}-{CLEANER_VERSION}-{extractor}"
        light = read_cache(self.folder / "index.arrow")
        if light is None or light.schema != self.LIGHT_SCHEMA:
            light = self.LIGHT_SCHEMA.empty_table()
        prefixes = pc.utf8_slice_codeunits(light["key"], 0, 2)
        present = [p.name[5:7] for p in self.folder.glob("part-*.arrow")]
        self.light = light.filter(pc.is_in(prefixes, pa.array(present, pa.string())))
        self.index = pd.Index(strings(self.light["key"]))
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
        fresh_keys = strings(fresh["key"])
        known = strings(self.light["key"])
        dead = ~_isin(known, live)
        names = np.array([k[:2] for k in fresh_keys], dtype=object)
        touched = sorted(set(names) | {k[:2] for k in known[dead]})
        starts = np.searchsorted(names, touched, side="left")
        ends = np.searchsorted(names, touched, side="right")
        heavy = fresh.select(self.HEAVY)
        with Writer(cache_bytes, remove_empty=True) as writer:
            for name, start, end in zip(touched, starts, ends, strict=True):
                parts = [heavy.slice(start, end - start)]
                target = self.folder / f"part-{name}.arrow"
                old = read_cache(target)
                if old is not None and old.schema == self.HEAVY_SCHEMA:
                    old_keys = strings(old["key"])
                    parts.append(
                        keep_rows(old, _isin(old_keys, live) & ~_isin(old_keys, fresh_keys))
                    )
                if len(parts) == 1:  # a slice of `fresh`: already sorted
                    writer.put(target, parts[0])
                else:
                    table = pa.concat_tables(parts)
                    writer.put(target, table.take(pc.sort_indices(table["key"])))
        if len(fresh_keys) or dead.any() or not (self.folder / "index.arrow").exists():
            light = pa.concat_tables([keep_rows(self.light, ~dead), fresh.select(self.LIGHT)])
            self.light = light.take(pc.sort_indices(light["key"]))
            write_atomic(self.folder / "index.arrow", cache_bytes(self.light))
        self.index = pd.Index(strings(self.light["key"]))
        self.fresh = fresh
        self.fresh_index = pd.Index(fresh_keys)

    def heavy(self, keys: list[str]) -> pa.Table:
        """Text and paragraph columns of `keys`, in that order (from this run's pages or disk)."""
        pos = self.fresh_index.get_indexer(keys)
        missing = [k for k, p in zip(keys, pos, strict=True) if p < 0]
        sources = [self.fresh.select(self.HEAVY).take(pos[pos >= 0])]
        if not missing:  # all from this run, already in order (a cold run: no second take)
            return sources[0]
        stored = [self.HEAVY_SCHEMA.empty_table()]
        for name in sorted({k[:2] for k in missing}):
            table = read_cache(self.folder / f"part-{name}.arrow")
            if table is None or table.schema != self.HEAVY_SCHEMA:
                raise CacheMiss(f"page cache part {name} unreadable")
            stored.append(table)
        disk = pa.concat_tables(stored)
        at = pd.Index(strings(disk["key"])).get_indexer(missing)
        if (at < 0).any():
            raise CacheMiss(f"{int((at < 0).sum())} cached pages missing from {self.folder}")
        sources.append(disk.take(at))
        order = np.argsort(
            np.concatenate([np.flatnonzero(pos >= 0), np.flatnonzero(pos < 0)]), kind="stable"
        )
        return pa.concat_tables(sources).take(order)
