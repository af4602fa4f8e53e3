"""Downloading one page over http(s), within one wall-clock limit, never storing a broken reply.

Redirects are followed only to http/https; the size is limited on `Content-Length` and while
streaming; `timeout` bounds the whole download (a server trickling bytes cannot hold it longer);
a body shorter than its `Content-Length`, or a reply that is not HTTP, is refused with a message.
"""

from __future__ import annotations

import http.client
import math
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from presslens import __version__
from presslens.add.names import RefusedError

ALLOWED_SCHEMES = ("http", "https")
USER_AGENT = f"presslens/{__version__} (+https://github.com/presslens; research use)"

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_BLOCK = 64 * 1024


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
    check_timeout(timeout)
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


def check_timeout(timeout: float) -> None:
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
