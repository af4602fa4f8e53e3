"""Bring new articles into `data/raw/` safely: local files or pages fetched over http(s).

`add()` is the only code that writes to `data/raw/`. It

- copies local `.txt` / `.html` / `.htm` files (or every such file in a folder) under a safe
  name. A symbolic link whose target lies outside the folder being added (a link to
  `/etc/passwd` in a scraped folder; for a file given by name, outside its own folder) is never
  followed: in a folder it is skipped and reported, given by name it is refused;
- fetches an `http://`/`https://` URL and stores the page's bytes unchanged: redirects only to
  http/https, a streamed size limit, and one wall-clock limit (`timeout`) for the whole download,
  so a server trickling bytes cannot hold it longer. A body shorter than its `Content-Length`,
  or a reply that is not HTTP, is refused with a message, never stored;
- detects duplicates by content (SHA-256 against every page already in the folder): a page that
  is already there with its `metadata.csv` row is reported, never copied twice; one that is there
  *without* a row (copied by hand, or left by an older `add`) gets its row now;
- stores each page and its `metadata.csv` row together: the page is written, then the sheet with
  the new row is swapped in (temp file + `os.replace`); if an error or Ctrl-C stops the pair half
  way, the page is removed again, so `add` never leaves a page without its row;
- keeps `metadata.csv` as the analyst wrote it (`file, outlet, url, published, language,
  fetched_at`; created if absent): existing rows keep their bytes (BOM, newlines, quoting). When
  the header lacks a column `add` fills (e.g. `fetched_at`), the column is added to the header and
  a blank cell to every row, and rows shorter than the header get blank cells, so ingest never
  sees a short row. A sheet `add` cannot extend safely (not UTF-8, no `file` column, not CSV) is
  refused before anything is copied;
- reads `published` with `dates.parse_date_cell`: a date outside the suite's range (1900-01-01 to
  tomorrow) is refused, never wrapped into another date;
- runs one at a time per raw folder (an exclusive lock on the folder, where the OS has `flock`),
  so two concurrent `presslens add` never lose each other's rows.

Cleaning and metadata inference happen later, in `presslens ingest`.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import http.client
import io
import itertools
import math
import os
import re
import socket
import stat
import threading
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pandas as pd

from presslens import __version__, config, load
from presslens.dates import DateError, parse_date_cell
from presslens.files import resolves_inside, write_atomic

#: File types `presslens ingest` reads; anything else is refused here rather than skipped later.
SUPPORTED_SUFFIXES = load.SUPPORTED_SUFFIXES

#: Columns `add()` fills in `metadata.csv` (any other columns of an existing file are kept).
METADATA_COLUMNS = (*load.METADATA_COLUMNS, "fetched_at")

#: Columns of the table `add()` returns (one row per item, or per file of a folder).
REPORT_COLUMNS = ("source", "file", "status", "message")

ALLOWED_SCHEMES = ("http", "https")
MAX_NAME = 100
USER_AGENT = f"presslens/{__version__} (+https://github.com/presslens; research use)"

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)
_BLOCK = 64 * 1024


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
def _existing_hashes(raw: Path) -> dict[str, list[str]]:
    """`{sha256: [relative paths]}` of every page already in the raw folder, as ingest sees it.

    The pages are those `load.scan_raw_files` lists (hidden files, non-pages and special files
    left out); a symbolic link leading out of the raw folder is not read.
    """
    hashes: dict[str, list[str]] = {}
    pages, _ = load.scan_raw_files(raw)
    for page in pages:
        if os.path.islink(page.path) and not resolves_inside(page.path, raw):
            continue
        try:
            digest = _sha256_regular(os.path.realpath(page.path))
        except (OSError, RefusedError):
            continue
        hashes.setdefault(digest, []).append(page.rel)
    return hashes


def _sha256_regular(path) -> str:
    digest = hashlib.sha256()
    with _open_regular(path) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _open_regular(path):
    """Open a regular file for reading without ever blocking on a FIFO or following a last link."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise RefusedError(f"{path}: not a regular file, not copied")
    return handle


def _free_name(raw: Path, name: str, digest: str, listed: set[str]) -> str:
    """`name`, or `name` with a short content hash appended when a file or a sheet row uses it.

    A name still listed in `metadata.csv` (its file deleted) is taken too: a new page must not
    inherit an old page's outlet, URL and date.
    """
    stem, suffix = os.path.splitext(name)
    tags = itertools.chain((digest[:8],), (f"{digest[:8]}-{n}" for n in range(2, 1000)))
    candidates = itertools.chain((name,), (safe_name(f"{stem}-{t}", suffix=suffix) for t in tags))
    for candidate in candidates:
        if not os.path.lexists(raw / candidate) and candidate not in listed:
            return candidate
    raise RefusedError(f"no free file name for {name!r} in {raw}")


# ------------------------------------------------------------------------------------ fetch
class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http/https (urllib alone would also follow ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            raise RefusedError(f"refused redirect to a {scheme}:// URL ({newurl})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Deadline:
    """One wall-clock limit for a whole download, redirects included.

    Socket timeouts bound each read only, so a server sending a byte a second would never time
    out. A timer shuts down every socket the download opened when the time is up; the blocked
    read then returns and `fetch` reports the limit.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self.received = 0
        self._done = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def passed(self) -> bool:
        if not self.expired and time.monotonic() >= self.end:
            with self._lock:
                if not self._done:
                    self.expired = True
        return self.expired

    def register(self, sock: socket.socket) -> None:
        with self._lock:
            if not self.expired:
                self._sockets.append(sock)
                return
        _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shutdown(sock)

    def finish(self) -> None:
        """The download is over (complete or failed): the timer may no longer cut anything."""
        with self._lock:
            self._done = True
            self._sockets = []
        self._timer.cancel()


def _shutdown(sock) -> None:
    try:  # the plain socket's shutdown, also for TLS: wakes a blocked read in another thread
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except (OSError, ValueError, TypeError):
        pass


class _Watched:
    """urllib handler mixin: every connection it opens is registered with the download's limit."""

    def __init__(self, deadline: _Deadline):
        super().__init__()
        self._deadline = deadline

    def do_open(self, http_class, req, **kwargs):
        deadline = self._deadline

        class Connection(http_class):
            def connect(self):
                super().connect()
                deadline.register(self.sock)

        return super().do_open(Connection, req, **kwargs)


class _HTTPHandler(_Watched, urllib.request.HTTPHandler):
    pass


class _HTTPSHandler(_Watched, urllib.request.HTTPSHandler):
    pass


def check_url(url: str) -> str:
    """Return the URL if it is http(s) with a host; raise `RefusedError` saying why not."""
    try:
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme.lower()
        host = parts.hostname
        if scheme in ALLOWED_SCHEMES:
            parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError as exc:
        raise RefusedError(f"refused {url!r}: not a valid URL ({exc})") from exc
    if scheme not in ALLOWED_SCHEMES:
        raise RefusedError(
            f"refused {url!r}: only http:// and https:// URLs can be added "
            f"(got {scheme + '://' if scheme else 'no scheme'}); for a local file give its path"
        )
    if not host:
        raise RefusedError(f"refused {url!r}: the URL has no host")
    return url


def fetch(url: str, *, timeout: float = 20, max_bytes: int = 5_000_000) -> tuple[bytes, str, str]:
    """Download a page: `(body bytes exactly as served, final URL, suffix .html/.txt)`.

    Refuses non-http(s) URLs, redirects elsewhere, non-text content, pages over `max_bytes`
    (checked on `Content-Length` and while streaming, so a huge page is never held in memory),
    downloads not complete within `timeout` seconds (one wall-clock limit for the whole
    download; it also bounds each connect and read), bodies shorter than their `Content-Length`
    and replies that are not HTTP. Every failure is a `RefusedError` naming the URL and why.
    """
    check_url(url)
    _check_timeout(timeout)
    deadline = _Deadline(timeout)
    opener = urllib.request.build_opener(
        _SafeRedirects(), _HTTPHandler(deadline), _HTTPSHandler(deadline)
    )
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/*"})
    try:
        data, final, ctype, expected = _download(opener, request, url, deadline, max_bytes)
    except RefusedError:
        raise
    except urllib.error.HTTPError as exc:
        exc.close()
        raise RefusedError(f"could not fetch {url!r}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, RefusedError):
            raise exc.reason from exc
        if deadline.passed():
            raise RefusedError(_too_slow(url, deadline)) from exc
        raise RefusedError(f"could not fetch {url!r}: {_why(exc, timeout)}") from exc
    finally:
        deadline.finish()
    if deadline.expired:
        raise RefusedError(_too_slow(url, deadline))
    if expected is not None and len(data) < expected:
        raise RefusedError(
            f"could not fetch {url!r}: the page is truncated, received {len(data):,} of "
            f"{expected:,} bytes (the connection closed early); not stored"
        )
    suffix = ".txt" if ctype in _TEXT_TYPES else ".html"
    return data, final, suffix


def _check_timeout(timeout: float) -> None:
    if not 0 < timeout < math.inf:
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")


def _download(opener, request, url: str, deadline: _Deadline, max_bytes: int):
    """The body, final URL, content type and announced length (None if not announced)."""
    with opener.open(request, timeout=deadline.seconds) as response:
        final = response.geturl()
        check_url(final)
        ctype = (response.headers.get_content_type() or "").lower()
        if ctype not in _HTML_TYPES + _TEXT_TYPES:
            raise RefusedError(
                f"refused {url!r}: content type {ctype!r} is not a web page "
                "(text/html or text/plain)"
            )
        length = (response.headers.get("Content-Length") or "").strip()
        expected = int(length) if length.isdigit() else None
        if expected is not None and expected > max_bytes:
            raise RefusedError(_too_big(url, expected, max_bytes))
        chunks = []
        while not deadline.passed():
            block = response.read(_BLOCK)
            if not block:
                break
            deadline.received += len(block)
            if deadline.received > max_bytes:
                raise RefusedError(_too_big(url, deadline.received, max_bytes, at_least=True))
            chunks.append(block)
    return b"".join(chunks), final, ctype, expected


def _too_slow(url: str, deadline: _Deadline) -> str:
    return (
        f"could not fetch {url!r}: the download did not finish within {deadline.seconds:g} s "
        f"(the time limit for one page, timeout= / --timeout); {deadline.received:,} bytes had "
        "arrived; not stored"
    )


def _why(exc: BaseException, timeout: float) -> str:
    """A reader's explanation of a failed download (no traceback, no library jargon first)."""
    if isinstance(exc, urllib.error.URLError):
        if not isinstance(exc.reason, BaseException):
            return str(exc.reason)
        exc = exc.reason
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without sending a reply"
    if isinstance(exc, http.client.BadStatusLine):
        return f"the reply is not HTTP (it starts {str(exc.line)[:40]!r})"
    if isinstance(exc, http.client.IncompleteRead):
        return "the connection closed before the page was complete (truncated reply); not stored"
    if isinstance(exc, http.client.HTTPException):
        detail = str(exc)[:80]
        return f"invalid HTTP reply ({type(exc).__name__}{': ' + detail if detail else ''})"
    if isinstance(exc, ConnectionResetError):
        return "the server reset the connection"
    if isinstance(exc, TimeoutError):
        return f"no reply within {timeout:g} s"
    return str(exc) or type(exc).__name__


def _too_big(url: str, size: int, limit: int, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return (
        f"refused {url!r}: the page is {more}{size:,} bytes, over the {limit:,}-byte limit "
        "(raise it with max_bytes= / --max-bytes)"
    )


# -------------------------------------------------------------------------------- metadata
def _published(value) -> str:
    """`--published` as an ISO date ('' when not given); `DateError` for anything else."""
    if value is None:
        return ""
    try:
        parsed = parse_date_cell(str(value))
    except DateError as exc:
        raise DateError(f"published date {exc}") from exc
    return parsed.isoformat() if parsed else ""


class _Sheet:
    """`raw/metadata.csv` as `add` extends it: the text as it is, which files it lists, and how
    to append a row while keeping every existing byte that need not change.

    Read once (under the folder lock); each `commit` writes the whole file atomically (temp file
    + `os.replace`, the bytes kept in memory: no re-read or re-parse per row).
    """

    def __init__(self, raw: Path):
        self.path = raw / load.METADATA_FILE
        self.listed: set[str] = set()
        self._attempt: tuple[bytes, set[str]] | None = None  # last commit: bytes, its files
        self._data: bytes | None = None  # the sheet as `add` writes it (completed on 1st commit)
        old = self.path.read_bytes() if self.path.exists() else b""
        self.bom = codecs.BOM_UTF8 if old.startswith(codecs.BOM_UTF8) else b""
        try:
            text = old[len(self.bom) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RefusedError(
                f"{self.path} is not UTF-8 text ({exc.reason} at byte {exc.start}); nothing was "
                'added: save it as UTF-8 ("CSV UTF-8" in a spreadsheet) and add again'
            ) from exc
        self.newline = "\r\n" if "\r\n" in text else "\n"
        records = self._records(text)
        head = next((i for i, (c, _) in enumerate(records) if any(x.strip() for x in c)), None)
        if head is None:  # absent or blank: a fresh sheet
            self.parts = [",".join(METADATA_COLUMNS) + self.newline]
            self.columns = list(METADATA_COLUMNS)
            self._head, self._missing, self._short = 0, [], []
            return
        #: the exact text of each record (blank lines included), line endings kept
        self.parts = [part for _, part in records]
        self.columns = [c.strip().lower() for c in records[head][0]]
        if "file" not in self.columns:
            raise RefusedError(
                f"{self.path} has no 'file' column (its header is {', '.join(self.columns)}); "
                "nothing was added: fix its header and add again"
            )
        # A last record that opens a quote and never closes it would swallow appended rows.
        probe = self.parts[-1] + ("" if self.parts[-1].endswith(("\n", "\r")) else "\n")
        if list(csv.reader(io.StringIO(probe + "end\n", newline="")))[-1] != ["end"]:
            raise RefusedError(
                f'{self.path} ends inside a quoted cell (an unclosed "); nothing was added: '
                "close the quote and add again"
            )
        self._head = head
        self._missing = [c for c in METADATA_COLUMNS if c not in self.columns]
        rows = [
            (i, c) for i, (c, _) in enumerate(records) if i > head and any(x.strip() for x in c)
        ]
        width = len(self.columns)
        #: rows that need blank cells at their end: (record index, cells to add)
        self._short = [
            (i, width - len(c) + len(self._missing))
            for i, c in rows
            if len(c) <= width and width - len(c) + len(self._missing) > 0
        ]
        at = self.columns.index("file")
        self.listed = {c[at].strip().replace("\\", "/") for _, c in rows if len(c) > at}

    def _records(self, text: str) -> list[tuple[list[str], str]]:
        """`(cells, exact text)` of each CSV record: a quoted cell may span lines."""
        lines = list(io.StringIO(text, newline=""))
        read = 0

        def feed():
            nonlocal read
            while read < len(lines):
                read += 1
                yield lines[read - 1]

        records, start = [], 0
        try:
            for cells in csv.reader(feed()):  # reads no line ahead of the record it returns
                records.append((cells, "".join(lines[start:read])))
                start = read
        except csv.Error as exc:
            raise RefusedError(
                f"{self.path} is not valid CSV ({exc}); nothing was added: fix it and add again"
            ) from exc
        return records

    def _completed(self) -> list[str]:
        """The parts once every column `add` fills is in the header and no row is shorter than
        the header: blank cells added at the ends of records, nothing else changed."""
        parts = list(self.parts)
        if self._missing:
            body, end = _split_ending(parts[self._head])
            parts[self._head] = body + "," + ",".join(self._missing) + (end or self.newline)
        for i, pad in self._short:
            body, end = _split_ending(parts[i])
            parts[i] = body + "," * pad + end
        if not parts[-1].endswith(("\n", "\r")):
            parts[-1] += self.newline
        return parts

    def commit(self, rows: list[dict[str, str]]) -> None:
        """Append `rows` (column → value) and write the sheet atomically."""
        if self._data is None:  # the first commit completes the sheet (once)
            self._data = self.bom + "".join(self._completed()).encode("utf-8")
        columns = self.columns + self._missing
        position = {c: columns.index(c) for c in METADATA_COLUMNS}
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=self.newline)
        for row in rows:
            cells = [""] * len(columns)
            for column, value in row.items():
                cells[position[column]] = value or ""
            writer.writerow(cells)
        data = self._data + buffer.getvalue().encode("utf-8")
        self._attempt = (data, {row["file"] for row in rows})
        write_atomic(self.path, data, skip_unchanged=False)
        self._data = data
        self.columns, self._missing, self._short = columns, [], []
        self.listed.update(row["file"] for row in rows)

    def lists(self, file: str) -> bool:
        """True when the sheet on disk has a row for `file`, also when the commit writing it was
        interrupted after the new sheet had landed."""
        if file in self.listed:
            return True
        if self._attempt is None or file not in self._attempt[1]:
            return False
        try:
            return self.path.read_bytes() == self._attempt[0]
        except OSError:
            return False


def _split_ending(part: str) -> tuple[str, str]:
    for end in ("\r\n", "\n", "\r"):
        if part.endswith(end):
            return part[: -len(end)], end
    return part, ""


def append_metadata(raw: Path, rows: list[dict]) -> Path:
    """Append `rows` to `raw/metadata.csv` (see `_Sheet`): existing rows keep their bytes, a
    column `add` fills that the header lacks is added to the header and, blank, to every row."""
    sheet = _Sheet(Path(raw))
    sheet.commit([{c: str(row.get(c, "") or "") for c in METADATA_COLUMNS} for row in rows])
    return sheet.path


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


# ------------------------------------------------------------------------------------- add
def _local_files(item: str) -> list[tuple[Path, str]]:
    """`(path, problem)` for every file of a local item, in path order; `problem` is '' for a
    file to copy, else why it is skipped. Raises `RefusedError` for an item refused whole."""
    path = Path(item).expanduser()
    if not path.exists():
        raise RefusedError(f"no such file or folder: {item!r}")
    if path.is_dir():
        found = _walk(path)
        if not any(not problem for _, problem in found):
            if found:
                reasons = "; ".join(f"{p}: {why}" for p, why in found)
                raise RefusedError(f"{item!r} holds no .txt/.html/.htm file to copy ({reasons})")
            raise RefusedError(f"{item!r} holds no .txt/.html/.htm files")
        return found
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise RefusedError(
            f"refused {item!r}: presslens reads {', '.join(sorted(SUPPORTED_SUFFIXES))} files, "
            f"not {path.suffix or 'files without an extension'}"
        )
    if not resolves_inside(path, path.parent):
        raise RefusedError(
            f"refused {item!r}: symbolic link to a file outside {path.parent}, not copied"
        )
    if not path.is_file():
        raise RefusedError(f"refused {item!r}: not a regular file")
    return [(path, "")]


def _walk(folder: Path) -> list[tuple[Path, str]]:
    """The pages of a folder, recursively, without following links to folders; a link to a file
    is copied only when its target lies inside `folder`."""
    found: list[tuple[Path, str]] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                    continue
                if os.path.splitext(entry.name)[1].lower() not in SUPPORTED_SUFFIXES:
                    continue
                path = Path(entry.path)
                if entry.is_symlink():
                    if entry.is_dir():
                        continue  # a linked folder is not followed (its own files are walked)
                    if not os.path.exists(entry.path):
                        found.append((path, "broken symbolic link, not copied"))
                        continue
                    if not resolves_inside(entry.path, folder):
                        why = f"symbolic link to a file outside {folder}, not copied"
                        found.append((path, why))
                        continue
                if not entry.is_file():
                    found.append((path, "not a regular file, not copied"))
                    continue
                found.append((path, ""))
    return sorted(found)


def _read_local(path: Path, root: Path) -> bytes:
    """The bytes of a local page, read from its real path (checked again to lie inside `root`)."""
    real = os.path.realpath(path)
    if not resolves_inside(real, root):
        raise RefusedError(f"{path}: symbolic link to a file outside {root}, not copied")
    with _open_regular(real) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > load.MAX_BYTES:
            raise RefusedError(
                f"refused {str(path)!r}: {size:,} bytes, over the {load.MAX_BYTES:,}-byte limit "
                "for one page (ingest would skip it)"
            )
        return fh.read()


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
    _check_timeout(timeout)
    raw = Path(raw) if raw is not None else config.raw_dir()
    raw.mkdir(parents=True, exist_ok=True)
    report: list[dict] = []
    with _exclusive(raw):
        sheet = _Sheet(raw)
        known = _existing_hashes(raw)

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
                sheet.commit([{"file": copies[0], **values}])
                return _row(
                    source,
                    copies[0],
                    "added",
                    f"same content as {copies[0]}, which had no metadata.csv row: row added, "
                    "file not copied again",
                )
            name = _free_name(raw, name, digest, sheet.listed)
            target = _inside(raw, name)
            try:
                write_atomic(target, data, skip_unchanged=False)
                sheet.commit([{"file": name, **values}])
            except BaseException:  # an error or Ctrl-C: the page must not stay without its row
                if not sheet.lists(name):
                    target.unlink(missing_ok=True)
                raise
            known[digest] = [name]
            return _row(source, name, "added", f"{len(data):,} bytes")

        for item in items:
            try:
                if _is_url(item):
                    data, final, suffix = fetch(item, timeout=timeout, max_bytes=max_bytes)
                    fetched_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
                    report.append(store(item, data, name_for_url(final, suffix), final, fetched_at))
                    continue
                files = _local_files(item)
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
                    data = _read_local(path, root)
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
