"""Finding raw pages: every page under the raw folder, never a file outside it.

Files are read only inside the raw folder. A symbolic link that leads out of it (to `/etc/passwd`,
`~/.ssh`, another project) is listed as skipped, not read; a link to a file inside is read (its
target is returned, so the file read is the one checked); a linked folder is never followed.
Broken links, link loops, folders or files that cannot be read and names that are not valid UTF-8
are skipped lines, shown with `\\xNN` escapes; the scan goes on.
"""

from __future__ import annotations

import os
from pathlib import Path
from stat import S_ISREG as stat_is_file
from typing import NamedTuple

from presslens.files import resolves_inside, shown_name

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
#: The analyst's sheet in the raw folder (read by `presslens.raw.sheet`), not a page.
METADATA_FILE = "metadata.csv"

#: One article is never this big; a larger file is almost surely a dump of many pages or not text.
MAX_BYTES = 20 * 1024 * 1024


class RawFile(NamedTuple):
    """One page found under the raw folder: relative POSIX path, path to open, size, mtime.

    `path` is the file itself, or for a symbolic link inside the raw folder its resolved target
    (the file that was checked to lie inside is the one read)."""

    rel: str
    path: str
    size: int
    mtime_ns: int


def scan_raw_files(raw: Path) -> tuple[list[RawFile], list[tuple[str, str]]]:
    """Every readable page under `raw` (recursive, sorted by relative path, with its size and
    mtime) and the other files as `(rel, why skipped)`.

    Hidden files and folders (`.git`, `.ipynb_checkpoints`, editor swap files) are ignored
    silently; `metadata.csv` is the sheet, not a page. Linked folders are skipped, not followed; a
    linked file is read only when its target lies inside `raw`. Entries that cannot be read
    (broken or looping links, folders and files without read permission, names that are not
    UTF-8) are skipped lines, never a stop; every `rel` returned encodes as UTF-8. One `scandir`
    pass: on 100k pages this is the cost floor of every incremental run.
    """
    raw = Path(raw)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw data folder not found: {raw}")
    pages: list[RawFile] = []
    skipped: list[tuple[str, str]] = []
    stack = [(str(raw), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            if not prefix:
                raise  # the raw folder itself: nothing to scan (the caller names it)
            why = f"folder could not be read ({exc.strerror or exc}); its files were not scanned"
            skipped.append((shown_name(prefix.rstrip("/")), why))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                found = _scan_entry(entry, rel, raw)
            except OSError as exc:  # vanished or unreadable between listing and stat
                found = f"could not be read ({exc.strerror or exc})"
            if isinstance(found, RawFile):
                pages.append(found)
            elif found == "descend":
                stack.append((entry.path, rel + "/"))
            elif found:
                skipped.append((shown_name(rel), found))
    pages.sort()
    skipped.sort()
    return pages, skipped


def _scan_entry(entry: os.DirEntry, rel: str, raw: Path) -> RawFile | str:
    """A page, `"descend"` for a real folder, `""` to ignore silently, or why it is skipped."""
    if entry.is_dir(follow_symlinks=False):
        return "descend"
    if rel == METADATA_FILE:
        return ""  # the sheet, not a page (`read_metadata` checks where a linked sheet leads)
    path = entry.path
    if entry.is_symlink():
        try:
            target = os.path.realpath(path, strict=True)
        except (OSError, RuntimeError):
            return "broken symbolic link (its target is missing, or the link loops)"
        kind = "folder" if os.path.isdir(target) else "file"
        if not resolves_inside(target, raw):
            return f"symbolic link to a {kind} outside the raw folder, not read"
        if kind == "folder":
            return "symbolic link to a folder, not followed"
        path = target
    if shown_name(rel) != rel:
        return (
            "file name is not valid UTF-8 (bytes shown as \\xNN); not read: rename the file "
            "(its name is how metadata.csv and the tables refer to it)"
        )
    dot = entry.name.rfind(".")
    suffix = entry.name[dot:].lower() if dot > 0 else ""
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        return f"not a page the suite reads ({suffix or 'no extension'}; reads {kinds})"
    stat = os.stat(path) if path != entry.path else entry.stat()
    if not stat_is_file(stat.st_mode):
        return "not a regular file"
    if not os.access(path, os.R_OK):
        return "file could not be read (permission denied)"
    return RawFile(rel, path, stat.st_size, stat.st_mtime_ns)


def find_raw_files(raw: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """`scan_raw_files` as paths under `raw`: the pages, and the skipped files with why."""
    pages, skipped = scan_raw_files(raw)
    raw = Path(raw)
    return [raw / f.rel for f in pages], [(raw / rel, why) for rel, why in skipped]
