"""Bring new articles into `data/raw/` safely: local files or pages fetched over http(s).

`add()` is the only code that writes to `data/raw/`. It

- copies local `.txt` / `.html` / `.htm` files (or every such file in a folder) under a safe
  name, never following a symbolic link out of the folder being added (`add.local`);
- fetches an `http://`/`https://` URL and stores the page's bytes unchanged, within one
  wall-clock limit for the whole download, refusing truncated or non-HTTP replies
  (`add.download`);
- detects duplicates by content (SHA-256 against every page already in the folder): a page that
  is already there with its `metadata.csv` row is reported, never copied twice; one that is there
  *without* a row (copied by hand, or left by an older `add`) gets its row now;
- stores each page and its `metadata.csv` row together: the page is written, then the sheet with
  the new row is swapped in (`raw.sheet.SheetWriter`: existing rows keep their bytes; a sheet it
  cannot extend safely is refused before anything is copied); if an error or Ctrl-C stops the
  pair half way, the page is removed again, so `add` never leaves a page without its row;
- reads `published` with `dates.parse_date_cell`: a date outside the suite's range (1900-01-01 to
  tomorrow) is refused, never wrapped into another date;
- runs one at a time per raw folder (an exclusive lock on the folder, where the OS has `flock`),
  so two concurrent `presslens add` never lose each other's rows.

Names in the raw folder come from `add.names` (`safe_name`, `name_for_url`).
Cleaning and metadata inference happen later, in `presslens ingest`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from pathlib import Path

import pandas as pd

from presslens import _compat, config
from presslens.add.download import ALLOWED_SCHEMES, USER_AGENT, check_timeout, check_url, fetch
from presslens.add.local import existing_hashes, is_url, local_files, read_local
from presslens.add.names import MAX_NAME, RefusedError, free_name, inside, name_for_url, safe_name
from presslens.dates import DateError, parse_date_cell
from presslens.files import write_atomic
from presslens.raw.sheet import SheetWriter

__all__ = [
    "ALLOWED_SCHEMES",
    "MAX_NAME",
    "REPORT_COLUMNS",
    "USER_AGENT",
    "AddError",
    "RefusedError",
    "add",
    "check_url",
    "fetch",
    "name_for_url",
    "safe_name",
]

#: Columns of the table `add()` returns (one row per item, or per file of a folder).
REPORT_COLUMNS = ("source", "file", "status", "message")


class AddError(Exception):
    """Some items could not be added; `.report` holds the row for every item."""

    def __init__(self, message: str, report: pd.DataFrame):
        super().__init__(message)
        self.report = report


def _published(value) -> str:
    """`--published` as an ISO date ('' when not given); `DateError` for anything else."""
    if value is None:
        return ""
    try:
        parsed = parse_date_cell(str(value))
    except DateError as exc:
        raise DateError(f"published date {exc}") from exc
    return parsed.isoformat() if parsed else ""


@contextlib.contextmanager
def _exclusive(raw: Path):
    """Hold an exclusive lock on the raw folder: concurrent `add` runs take turns."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory lock on a folder; runs are not serialised
        yield
        return
    fd = os.open(raw, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def add(
    paths_or_urls,
    *,
    raw: str | os.PathLike | None = None,
    outlet: str | None = None,
    published=None,
    language: str | None = None,
    timeout: float = 20,
    max_bytes: int = 5_000_000,
) -> pd.DataFrame:
    """Add files or URLs to the raw corpus; returns one row per item (per file of a folder).

    Columns: `source` (what was given, or the file of a folder), `file` (name in the raw folder,
    or the existing file it duplicates), `status`, `message`. Status is `added` (copied with its
    `metadata.csv` row, or an existing page without a row given one), `duplicate` (same content
    already there with its row; not copied), `skipped` (a file of a folder not copied: a link
    leading outside the folder, a broken link, a special file) or `refused`.

    `outlet`, `published` and `language` go into the new rows (blank values are inferred at
    ingest). `published` must be a date in `dates.date_range()` (a `DateError` otherwise, before
    anything is touched). `timeout` is the wall-clock limit for each download. Items are
    processed independently; each page lands together with its row or not at all; if any item
    is refused, the others are still added and `AddError` is raised at the end with every reason
    (its `.report` is this table).
    """
    items = [paths_or_urls] if isinstance(paths_or_urls, (str, os.PathLike)) else paths_or_urls
    items = [str(item) for item in items]
    published = _published(published)
    check_timeout(timeout)
    raw = Path(raw) if raw is not None else config.raw_dir()
    raw.mkdir(parents=True, exist_ok=True)
    report: list[dict] = []
    with _exclusive(raw):
        sheet = SheetWriter(raw)
        known = existing_hashes(raw)

        def store(source: str, data: bytes, name: str, url: str, fetched_at: str) -> dict:
            digest = hashlib.sha256(data).hexdigest()
            values = {
                "outlet": outlet or "",
                "url": url,
                "published": published,
                "language": language or "",
                "fetched_at": fetched_at,
            }
            copies = known.get(digest, [])
            listed = [rel for rel in copies if rel in sheet.listed]
            if listed:
                return _row(
                    source, listed[0], "duplicate", f"same content as {listed[0]}; not copied again"
                )
            if copies:  # the page is there but the sheet has no row for it: give it one
                sheet.append([{"file": copies[0], **values}])
                return _row(
                    source,
                    copies[0],
                    "added",
                    f"same content as {copies[0]}, which had no metadata.csv row: row added, "
                    "file not copied again",
                )
            name = free_name(raw, name, digest, sheet.listed)
            target = inside(raw, name)
            try:
                write_atomic(target, data, skip_unchanged=False)
                sheet.append([{"file": name, **values}])
            except BaseException:  # an error or Ctrl-C: the page must not stay without its row
                if not sheet.lists(name):
                    target.unlink(missing_ok=True)
                raise
            known[digest] = [name]
            return _row(source, name, "added", f"{len(data):,} bytes")

        for item in items:
            try:
                if is_url(item):
                    data, final, suffix = fetch(item, timeout=timeout, max_bytes=max_bytes)
                    fetched_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
                    report.append(store(item, data, name_for_url(final, suffix), final, fetched_at))
                    continue
                files = local_files(item)
            except (RefusedError, OSError) as exc:
                report.append(_row(item, "", "refused", str(exc)))
                continue
            folder = Path(item).expanduser()
            root = folder if folder.is_dir() else folder.parent
            for path, problem in files:
                if problem:
                    report.append(_row(str(path), "", "skipped", problem))
                    continue
                try:
                    data = read_local(path, root)
                    suffix = path.suffix.lower()
                    stem = path.name[: -len(path.suffix)]
                    report.append(store(str(path), data, safe_name(stem, suffix=suffix), "", ""))
                except (RefusedError, OSError) as exc:
                    report.append(_row(str(path), "", "refused", str(exc)))
    table = pd.DataFrame(report, columns=list(REPORT_COLUMNS))
    refused = table[table["status"] == "refused"]
    if not refused.empty:
        reasons = "\n".join(f"  {m}" for m in refused["message"])
        raise AddError(f"{len(refused)} of {len(table)} item(s) not added:\n{reasons}", table)
    return table


def _row(source: str, file: str, status: str, message: str) -> dict:
    return {"source": source, "file": file, "status": status, "message": message}


__getattr__ = _compat.moved(
    __name__,
    {
        "SUPPORTED_SUFFIXES": "presslens.raw",
        "append_metadata": "presslens.raw",
        "METADATA_COLUMNS": "presslens.raw:APPEND_COLUMNS",
    },
)
