"""Local files to add: which files of an item to copy, their bytes, and what the raw folder holds.

A symbolic link whose target lies outside the folder being added (a link to `/etc/passwd` in a
scraped folder; for a file given by name, outside its own folder) is never followed: in a folder
it is skipped and reported, given by name it is refused. Files are opened without following a last
link and without blocking on a FIFO; only regular files are read.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

from presslens.add.names import RefusedError
from presslens.files import resolves_inside
from presslens.raw import MAX_BYTES, SUPPORTED_SUFFIXES, scan_raw_files


def existing_hashes(raw: Path) -> dict[str, list[str]]:
    """`{sha256: [relative paths]}` of every page already in the raw folder, as ingest sees it.

    The pages are those `scan_raw_files` lists (hidden files, non-pages and special files
    left out); a symbolic link leading out of the raw folder is not read.
    """
    hashes: dict[str, list[str]] = {}
    pages, _ = scan_raw_files(raw)
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


def local_files(item: str) -> list[tuple[Path, str]]:
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


def read_local(path: Path, root: Path) -> bytes:
    """The bytes of a local page, read from its real path (checked again to lie inside `root`)."""
    real = os.path.realpath(path)
    if not resolves_inside(real, root):
        raise RefusedError(f"{path}: symbolic link to a file outside {root}, not copied")
    with _open_regular(real) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > MAX_BYTES:
            raise RefusedError(
                f"refused {str(path)!r}: {size:,} bytes, over the {MAX_BYTES:,}-byte limit "
                "for one page (ingest would skip it)"
            )
        return fh.read()


def is_url(item: str) -> bool:
    """A URL is anything with a scheme (`https:`, `file:`, `javascript:`…) that is not an
    existing local path; a Windows drive letter (`C:`) is not a scheme."""
    if Path(item).expanduser().exists():
        return False
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", item) is not None
