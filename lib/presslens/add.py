"""Bring new articles into `data/raw/` safely: local files or pages fetched over http(s).

`add()` is the only code that writes to `data/raw/`. It

- copies local `.txt` / `.html` / `.htm` files (or every such file in a folder) under a safe
  name, or fetches an `http://`/`https://` URL (timeout, streamed size limit, redirects only to
  http/https) and stores the page's bytes unchanged;
- detects duplicates by content (SHA-256 against every file already in the folder): a page that is
  already there is reported, never copied twice;
- appends one row per new file to `metadata.csv` (`file, outlet, url, published, language,
  fetched_at`), creating it if absent. Existing rows keep their exact bytes: the new file is
  written to a temp file and swapped in with `os.replace`. If the header lacks a column we fill
  (e.g. `fetched_at`), the column is appended to the header only; older rows simply leave it
  blank.

Cleaning and metadata inference happen later, in `presslens ingest`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pandas as pd

from presslens import __version__, config
from presslens.files import sha256_file, write_atomic

#: File types `presslens ingest` reads; anything else is refused here rather than skipped later.
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm")

#: Columns `add()` fills in `metadata.csv` (any other columns of an existing file are kept).
METADATA_COLUMNS = ("file", "outlet", "url", "published", "language", "fetched_at")

ALLOWED_SCHEMES = ("http", "https")
MAX_NAME = 100
USER_AGENT = f"presslens/{__version__} (+https://github.com/presslens; research use)"

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)


class AddError(Exception):
    """Some items could not be added; `.report` holds the row for every item."""

    def __init__(self, message: str, report: pd.DataFrame):
        super().__init__(message)
        self.report = report


class RefusedError(ValueError):
    """One item refused for a reason the user can fix (scheme, size, type, missing file)."""


# ----------------------------------------------------------------------------------- names
def safe_name(text: str, *, suffix: str = "", max_length: int = MAX_NAME) -> str:
    """A file name made of letters, digits, `.`, `_`, `-` only: no separators, no leading dot.

    Unicode letters are kept (after NFC normalisation), so `Բանակցություններ.txt` stays legible;
    anything else, including `/`, `\\` and `..`, becomes `-`.
    """
    text = unicodedata.normalize("NFC", text)
    stem = _UNSAFE.sub("-", text)
    stem = re.sub(r"\.{2,}", ".", stem)
    stem = re.sub(r"-{2,}", "-", stem).strip("-._")
    stem = stem[: max_length - len(suffix)].rstrip("-._") or "page"
    return f"{stem}{suffix}"


def name_for_url(url: str, suffix: str) -> str:
    """A safe, readable, collision-resistant name for a fetched page.

    `https://news.example.com/2023/05/talks?id=7` → `news.example.com_2023_05_talks_<hash8>.html`;
    the hash of the full URL keeps two pages with the same path but a different query apart.
    """
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "host").lower()
    path = urllib.parse.unquote(parts.path)
    path = re.sub(r"\.(s?html?|php|aspx?)$", "", path, flags=re.IGNORECASE)
    segments = [s for s in path.split("/") if s and s not in (".", "..")]
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    body = "_".join([host, *segments])
    room = MAX_NAME - len(digest) - 1 - len(suffix)
    return f"{safe_name(body, max_length=room)}_{digest}{suffix}"


def _inside(folder: Path, name: str) -> Path:
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise RefusedError(f"unsafe file name {name!r}")
    return target


# --------------------------------------------------------------------------------- content


def _existing_hashes(raw: Path) -> dict[str, str]:
    """`{sha256: relative path}` of every page already in the raw folder."""
    hashes: dict[str, str] = {}
    for path in sorted(raw.rglob("*")):
        if path.is_file() and path.name != "metadata.csv" and not path.name.startswith("."):
            hashes.setdefault(sha256_file(path), path.relative_to(raw).as_posix())
    return hashes


def _free_name(raw: Path, name: str, digest: str) -> str:
    """`name`, or `name` with a short content hash appended when another file already uses it."""
    if not (raw / name).exists():
        return name
    stem, suffix = os.path.splitext(name)
    return safe_name(f"{stem}-{digest[:8]}", suffix=suffix)


# ------------------------------------------------------------------------------------ fetch
class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http/https (urllib alone would also follow ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            raise RefusedError(f"refused redirect to a {scheme}:// URL ({newurl})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def check_url(url: str) -> str:
    """Return the URL if it is http(s) with a host; raise `RefusedError` saying why not."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise RefusedError(
            f"refused {url!r}: only http:// and https:// URLs can be added "
            f"(got {scheme + '://' if scheme else 'no scheme'}); for a local file give its path"
        )
    if not parts.hostname:
        raise RefusedError(f"refused {url!r}: the URL has no host")
    return url


def fetch(url: str, *, timeout: float = 20, max_bytes: int = 5_000_000) -> tuple[bytes, str, str]:
    """Download a page: `(body bytes exactly as served, final URL, suffix .html/.txt)`.

    Refuses non-http(s) URLs, redirects elsewhere, non-text content and pages over `max_bytes`
    (checked on `Content-Length` and while streaming, so a huge page is never held in memory).
    """
    check_url(url)
    opener = urllib.request.build_opener(_SafeRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            check_url(final)
            ctype = (response.headers.get_content_type() or "").lower()
            if ctype not in _HTML_TYPES + _TEXT_TYPES:
                raise RefusedError(
                    f"refused {url!r}: content type {ctype!r} is not a web page "
                    "(text/html or text/plain)"
                )
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise RefusedError(_too_big(url, int(length), max_bytes))
            chunks, total = [], 0
            while True:
                block = response.read(64 * 1024)
                if not block:
                    break
                total += len(block)
                if total > max_bytes:
                    raise RefusedError(_too_big(url, total, max_bytes, at_least=True))
                chunks.append(block)
    except urllib.error.HTTPError as exc:
        raise RefusedError(f"could not fetch {url!r}: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, RefusedError):
            raise exc.reason from exc
        raise RefusedError(f"could not fetch {url!r}: {exc.reason}") from exc
    except TimeoutError as exc:
        raise RefusedError(f"could not fetch {url!r}: timed out after {timeout} s") from exc
    suffix = ".txt" if ctype in _TEXT_TYPES else ".html"
    return b"".join(chunks), final, suffix


def _too_big(url: str, size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return (
        f"refused {url!r}: the page is {more}{size:,} bytes, over the {limit:,}-byte limit "
        "(raise it with max_bytes= / --max-bytes)"
    )


# -------------------------------------------------------------------------------- metadata
def _parse_date(value) -> str:
    if value is None or value == "":
        return ""
    try:
        return pd.Timestamp(value).date().isoformat()
    except (ValueError, TypeError) as exc:
        raise ValueError(f"published date {value!r} is not a date (use YYYY-MM-DD)") from exc


def append_metadata(raw: Path, rows: list[dict]) -> Path:
    """Append `rows` to `raw/metadata.csv`, keeping every existing byte of the existing rows.

    Missing columns are appended to the header; values for columns the file has but the row
    lacks stay blank. The whole file is written to a temp file and swapped in atomically.
    """
    path = raw / "metadata.csv"
    old = path.read_bytes() if path.exists() else b""
    bom = b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b""
    text = old[len(bom) :].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    if text.strip():
        header_line, sep, rest = text.partition("\n")
        header_line = header_line.rstrip("\r")
        header = next(csv.reader([header_line]))
        missing = [c for c in METADATA_COLUMNS if c not in header]
        if missing:
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="").writerow(header + missing)
            header_line = buffer.getvalue()
            header = header + missing
        body = rest if sep else ""
        if body and not body.endswith("\n"):
            body += newline
    else:
        header = list(METADATA_COLUMNS)
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(header)
        header_line, body = buffer.getvalue(), ""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    for row in rows:
        writer.writerow([row.get(c, "") or "" for c in header])
    data = bom + (header_line + newline + body + buffer.getvalue()).encode("utf-8")
    write_atomic(path, data, skip_unchanged=False)
    return path


def _listed_files(raw: Path) -> set[str]:
    path = raw / "metadata.csv"
    if not path.exists():
        return set()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {row.get("file", "") for row in csv.DictReader(fh)}


# ------------------------------------------------------------------------------------- add
def _write_new(raw: Path, name: str, data: bytes) -> None:
    write_atomic(_inside(raw, name), data, skip_unchanged=False)


def _local_files(item: str) -> list[Path]:
    path = Path(item).expanduser()
    if not path.exists():
        raise RefusedError(f"no such file or folder: {item!r}")
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "metadata.csv"
        )
        if not files:
            raise RefusedError(f"{item!r} holds no .txt/.html/.htm files")
        return files
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise RefusedError(
            f"refused {item!r}: presslens reads {', '.join(SUPPORTED_SUFFIXES)} files, "
            f"not {path.suffix or 'files without an extension'}"
        )
    return [path]


def _is_url(item: str) -> bool:
    """A URL is anything with a scheme (`https:`, `file:`, `javascript:`…) that is not an
    existing local path; a Windows drive letter (`C:`) is not a scheme."""
    if Path(item).expanduser().exists():
        return False
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", item) is not None


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
    """Add files or URLs to the raw corpus; returns one row per item.

    Columns: `source` (what was given), `file` (name in the raw folder, or the existing file it
    duplicates), `status` (`added | duplicate | refused`), `message`. `outlet`, `published` and
    `language` go into the new `metadata.csv` rows (blank values are inferred at ingest).
    Items are processed independently; if any is refused, the others are still added and
    `AddError` is raised at the end with every reason (its `.report` is this table).
    """
    items = [paths_or_urls] if isinstance(paths_or_urls, (str, os.PathLike)) else paths_or_urls
    raw = Path(raw) if raw is not None else config.raw_dir()
    raw.mkdir(parents=True, exist_ok=True)
    published = _parse_date(published)
    known = _existing_hashes(raw)
    listed = _listed_files(raw)
    report: list[dict] = []
    new_rows: list[dict] = []

    def store(source: str, data: bytes, name: str, url: str, fetched_at: str) -> None:
        digest = hashlib.sha256(data).hexdigest()
        if digest in known:
            report.append(
                {
                    "source": source,
                    "file": known[digest],
                    "status": "duplicate",
                    "message": f"same content as {known[digest]}; not copied again",
                }
            )
            return
        name = _free_name(raw, name, digest)
        _write_new(raw, name, data)
        known[digest] = name
        if name not in listed:
            new_rows.append(
                {
                    "file": name,
                    "outlet": outlet or "",
                    "url": url,
                    "published": published,
                    "language": language or "",
                    "fetched_at": fetched_at,
                }
            )
            listed.add(name)
        report.append(
            {"source": source, "file": name, "status": "added", "message": f"{len(data):,} bytes"}
        )

    for item in items:
        item = str(item)
        try:
            if _is_url(item):
                data, final, suffix = fetch(item, timeout=timeout, max_bytes=max_bytes)
                fetched_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
                store(item, data, name_for_url(final, suffix), final, fetched_at)
            else:
                for path in _local_files(item):
                    suffix = path.suffix.lower()
                    stem = path.name[: -len(path.suffix)]
                    store(str(path), path.read_bytes(), safe_name(stem, suffix=suffix), "", "")
        except (RefusedError, OSError) as exc:
            report.append({"source": item, "file": "", "status": "refused", "message": str(exc)})
    if new_rows:
        append_metadata(raw, new_rows)
    table = pd.DataFrame(report, columns=["source", "file", "status", "message"])
    refused = table[table["status"] == "refused"]
    if not refused.empty:
        reasons = "\n".join(f"  {m}" for m in refused["message"])
        raise AddError(f"{len(refused)} of {len(table)} item(s) not added:\n{reasons}", table)
    return table
