"""Where an added page lands in the raw folder: safe, readable, collision-free names."""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import unicodedata
import urllib.parse
from pathlib import Path

MAX_NAME = 100

_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)


class RefusedError(ValueError):
    """One item refused for a reason the user can fix (scheme, size, type, missing file)."""


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


def inside(folder: Path, name: str) -> Path:
    """`folder/name`, resolved; `RefusedError` unless it is a file directly in `folder`."""
    target = (folder / name).resolve()
    if target.parent != folder.resolve():
        raise RefusedError(f"unsafe file name {name!r}")
    return target


def free_name(raw: Path, name: str, digest: str, listed: set[str]) -> str:
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
