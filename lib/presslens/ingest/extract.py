"""The per-file stage: one page on disk → its fingerprint, then its cleaned text and metadata.

Pure functions of (path, what the corpus says about the page), mapped over batches of files by
any engine (`presslens.parallel.engine_map`); each batch comes back as one Arrow table
(`FILE_SCHEMA`, `PAGE_SCHEMA`), so the main process concatenates tables instead of walking a
hundred thousand dicts. A page that cannot be read or cleaned gives a row with `error` set: one
file never stops the run.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import stat as stat_module
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

import pyarrow as pa

from ..memo import Memo
from ..parallel import Mapper
from ..raw import HTML_SUFFIXES, MAX_BYTES, LoadError, decode, looks_mojibake
from ..text import count_words
from .html import extract_html
from .html import visible_text as visible_text  # re-exported: the page as a reader sees it

#: Pages per task sent to a worker (each task returns one Arrow table).
BATCH_MAX = 256

#: Lines longer than this are never site template (see `cache.template_lines`).
REPEAT_MAX_CHARS = 200

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO never waits for a writer

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
    "author": pa.string(),
    "outlet": pa.string(),
    "published": pa.string(),
    "date_source": pa.string(),
    "outlet_source": pa.string(),
    "title_line": pa.string(),
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


def map_files(
    mapper: Mapper, fn: Callable, tasks: list[tuple], schema: pa.Schema, desc: str, progress
) -> pa.Table:
    """`fn` (`fingerprint_files`, `process_files`) over `tasks` in batches on `mapper`, results
    concatenated in task order as one `schema` table. `progress`: a bar (None: when there are
    at least 200 files and stderr is a terminal)."""
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


def _progress(total: int, desc: str, enabled: bool | None):
    if enabled is None:
        enabled = total >= 200 and sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="file", leave=False)


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


def line_key(line: str) -> int:
    """A short line's 64-bit key (the cross-page repetition signal counts keys, not lines)."""
    digest = hashlib.blake2b(line.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


#: Whitespace other than the space and "\n" (what `str.split()` and `str.splitlines()` see).
_ODD_WHITESPACE = tuple(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")


def _short_lines(text: str) -> dict[int, str]:
    """`{line_key: line}` of the page's short lines, whitespace-collapsed, in page order."""
    lines = {}
    for line in _tidy_short_lines(text):
        lines.setdefault(line_key(line), line)
    return lines


def _tidy_short_lines(text: str) -> Iterator[str]:
    """The page's distinct raw lines whitespace-collapsed, the short non-empty ones, in order.

    Each distinct raw line is tidied once, and only when it needs it (most pages have only
    single spaces and "\n" line ends)."""
    odd = any(c in text for c in _ODD_WHITESPACE)  # C-level scans: cheaper than a regex
    for raw_line in dict.fromkeys(text.splitlines() if odd else text.split("\n")):
        if odd or "  " in raw_line or raw_line[:1] == " " or raw_line[-1:] == " ":
            # the same whitespace as `re.sub(r"\s+", " ", line).strip()`, faster
            line = " ".join(raw_line.split())
        else:
            line = raw_line
        if line and len(line) <= REPEAT_MAX_CHARS:
            yield line


#: `{line_key: line}` of template lines this process has found (cleared when full): a site's
#: template recurs on its pages, so most pages find theirs without hashing a line.
TEMPLATE_MEMO_SIZE = 1 << 14
_TEMPLATE_MEMO = Memo(TEMPLATE_MEMO_SIZE)


def _template_lines(text: str, repeated: Iterable[int]) -> frozenset[str]:
    """The page's short lines whose `line_key` is in `repeated` (the page's template keys).

    The same lines as `{line for key, line in _short_lines(text).items() if key in repeated}`
    (barring a 64-bit key shared by two lines, which the keys already assume away), cheaper: a
    key this process has seen is looked up among the page's raw lines (one C-level split), and
    the page's lines are hashed, in order, only until the other keys are found."""
    todo = set(repeated)
    found = set()
    raw = None
    for key in [k for k in todo if k in _TEMPLATE_MEMO]:
        if raw is None:
            raw = set(text.split("\n"))
        line = _TEMPLATE_MEMO[key]
        if line in raw:  # a tidy short line alone on its line: the page has it, as tidied
            found.add(line)
            todo.discard(key)
    if todo:
        for line in _tidy_short_lines(text):
            key = line_key(line)
            if key in todo:  # its first line, as in `_short_lines`
                found.add(line)
                todo.discard(key)
                _TEMPLATE_MEMO.remember(key, line)
                if not todo:
                    break
    return frozenset(found)


def is_html(rel: str) -> bool:
    """Whether a page is read as HTML (by its extension; cheap enough for 100k paths)."""
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in HTML_SUFFIXES


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
    if not is_html(rel):
        with contextlib.suppress(Exception):  # a page that cannot be decoded is skipped later
            result["lines"] = sorted(_short_lines(decode(data, rel).text))
    return result


def process_file(
    path: str, rel: str, repeated: Iterable[int] = (), sha256: str | None = None
) -> dict:
    """Clean and annotate one page. Returns a plain dict (picklable, engine-agnostic).

    `repeated` holds the keys (`line_key`) of this page's lines that are site template; `sha256`
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


def _too_big(rel: str, size: int, max_bytes: int) -> str:
    return (
        f"{rel}: {size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit for one article "
        "(a dump of many pages, or not an article?); skipped"
    )


def _process_page(data: bytes, rel: str, repeated: Iterable[int]) -> dict:
    from ..clean import clean_rows, infer_metadata
    from ..clean.bylines import detect_byline

    text, html_meta, warning = _page_text(data, rel)
    repeated_lines = _template_lines(text, repeated) if repeated else frozenset()
    texts, kept, reasons = clean_rows(text, repeated_lines=repeated_lines)
    meta = infer_metadata(text, (texts, kept, reasons), html_meta=html_meta or None)
    author = detect_byline(text, title=meta.get("title"))  # the page as scraped: bylines are cut
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
        "author": author or "",
        "outlet": meta.get("outlet") or "",
        "published": published.isoformat() if published else "",
        "date_source": meta.get("date_source") or "none",
        "outlet_source": meta.get("outlet_source") or "none",
        "title_line": meta.get("title_line") or "",
        "language": meta.get("language") or "",
        "html_url": (html_meta or {}).get("url") or "",
        "n_words": count_words(text),
        "n_kept": len(body),
        "removal": removal,
        "text_key": _text_key(text),
        "text": text,
        "para_text": texts,
        "para_kept": kept,
        "para_reason": reasons,
    }


def _text_key(text: str) -> str:
    """Identity of an article's text, blind to spacing and case (same story, different page)."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode()).hexdigest()


def _page_text(data: bytes, rel: str) -> tuple[str, dict, str]:
    """The page's text, HTML metadata (for .html) and a decoding warning ("" when none)."""
    decoded = decode(data, rel)
    warnings = [decoded.warning] if decoded.warning else []
    if looks_mojibake(decoded.text):
        warnings.append(
            "text looks double-encoded (Ã©/â€™ sequences): it was mis-decoded before it was saved"
        )
    if is_html(rel):
        text, meta = _extract_html(decoded.text, rel)
        return text, meta, "; ".join(warnings)
    return decoded.text, {}, "; ".join(warnings)


def _extract_html(html: str, rel: str) -> tuple[str, dict]:
    """Body text (one paragraph per line) and metadata of a saved web page (`html.extract_html`)."""
    return extract_html(html, rel)
