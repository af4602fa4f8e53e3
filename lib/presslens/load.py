"""Finding raw pages, decoding them, and reading `metadata.csv`.

Nothing here judges content or writes anything: it turns bytes on disk into text (or a clear,
file-named reason why not) and validates the analyst's metadata sheet.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from stat import S_ISREG as stat_is_file
from typing import NamedTuple

import pandas as pd

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ("file", "outlet", "url", "published", "language")

#: One article is never this big; a larger file is almost surely a dump of many pages or not text.
MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab/newline/CR/form feed: text never has many of them.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
_MOJIBAKE = re.compile("[\u00c2\u00c3\u00d0\u00d1][\u0080-\u00bf]")


class LoadError(ValueError):
    """A raw file that cannot be read as an article; the message names the file and the reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str = ""


class RawFile(NamedTuple):
    """One page found under the raw folder: relative POSIX path, absolute path, size, mtime."""

    rel: str
    path: str
    size: int
    mtime_ns: int


def scan_raw_files(raw: Path) -> tuple[list[RawFile], list[tuple[str, str]]]:
    """Every readable page under `raw` (recursive, sorted by relative path, with its size and
    mtime) and the other files as `(rel, why skipped)`.

    Hidden files and folders (`.git`, `.ipynb_checkpoints`, editor swap files) are ignored silently;
    `metadata.csv` is the sheet, not a page. Symbolic links to folders are listed as skipped, not
    followed. One
    `scandir` pass: on 100k pages this is the cost floor of every incremental run.
    """
    raw = Path(raw)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw data folder not found: {raw}")
    kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
    pages: list[RawFile] = []
    skipped: list[tuple[str, str]] = []
    stack = [(str(raw), "")]
    while stack:
        folder, prefix = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, rel + "/"))
                    continue
                if entry.is_symlink() and entry.is_dir():
                    skipped.append((rel, "symbolic link to a folder, not followed"))
                    continue
                if rel == METADATA_FILE:
                    continue
                dot = entry.name.rfind(".")
                suffix = entry.name[dot:].lower() if dot > 0 else ""
                if suffix not in SUPPORTED_SUFFIXES:
                    why = f"not a page the suite reads ({suffix or 'no extension'}; reads {kinds})"
                    skipped.append((rel, why))
                    continue
                try:
                    stat = entry.stat()
                except FileNotFoundError:
                    skipped.append((rel, "broken symbolic link"))
                    continue
                if not stat_is_file(stat.st_mode):
                    skipped.append((rel, "not a regular file"))
                    continue
                pages.append(RawFile(rel, entry.path, stat.st_size, stat.st_mtime_ns))
    pages.sort()
    skipped.sort()
    return pages, skipped


def find_raw_files(raw: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """`scan_raw_files` as paths: the pages, and the skipped files with why."""
    pages, skipped = scan_raw_files(raw)
    raw = Path(raw)
    return [Path(f.path) for f in pages], [(raw / rel, why) for rel, why in skipped]


def decode(data: bytes, name: str = "<bytes>") -> Decoded:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, or a detected legacy encoding.

    Raises `LoadError` for empty, binary or undecodable input rather than returning mangled text.
    """
    if not data.strip():
        raise LoadError(f"{name}: empty file (no text to read)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise LoadError(
                    f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} ({exc.reason})"
                ) from exc
    sample = data[:65536]
    if b"\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 200):
        raise LoadError(
            f"{name}: binary file, not text (control bytes found; is it a PDF, image or archive?)"
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, name)


def _decode_legacy(data: bytes, name: str) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_exclusion=["utf_16", "utf_32", "utf_7"]).best()
    if best is None:
        raise LoadError(
            f"{name}: could not determine the text encoding (not UTF-8; no legacy encoding fits)"
        )
    encoding = best.encoding
    text = str(best)
    warning = f"decoded as {encoding} (not UTF-8)"
    if best.chaos > 0.3:
        raise LoadError(
            f"{name}: text encoding unclear (best guess {encoding} still reads as garbage); save it as UTF-8"
        )
    return Decoded(text, encoding, warning)


def looks_mojibake(text: str) -> bool:
    """True when UTF-8 text was decoded as latin-1/cp1252 before (Ã©, â€™ ...) somewhere upstream."""
    hits = len(_MOJIBAKE.findall(text)) + text.count("\u00e2\u20ac")
    return hits >= 3 and hits > len(text) / 2000


@dataclass
class MetadataSheet:
    """`metadata.csv` as validated records keyed by file, plus the problems found in it."""

    records: list[dict[str, str]]
    columns: list[str]
    problems: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)

    @cached_property
    def by_file(self) -> dict[str, dict[str, str]]:
        """`{file: {column: value}}`; blank cells are empty strings."""
        return {row["file"]: row for row in self.records}

    @cached_property
    def rows(self) -> pd.DataFrame:
        """The validated rows as a table (one per file, every column as text)."""
        return pd.DataFrame(self.records, columns=self.columns).fillna("").astype(str)


def read_metadata(raw: Path, known_files: set[str] | None = None) -> MetadataSheet:
    """Read and validate `raw/metadata.csv`; every problem is a message naming the sheet and row.

    Missing columns are treated as blank; extra columns are carried through; rows naming files that
    do not exist, unparseable dates and repeated rows are reported and the rest is used.
    """
    path = Path(raw) / METADATA_FILE
    empty: list[dict[str, str]] = []
    cols = list(METADATA_COLUMNS)
    if not path.exists():
        return MetadataSheet(empty, cols, [])
    where = f"{METADATA_FILE}"
    try:
        text = decode(path.read_bytes(), where).text
    except LoadError as exc:
        return MetadataSheet(empty, cols, [str(exc) + "; metadata ignored"])
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        return MetadataSheet(empty, cols, [f"{where}: not valid CSV ({exc}); metadata ignored"])
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        return MetadataSheet(empty, cols, [f"{where}: empty sheet; metadata ignored"])
    header = [h.strip().lower() for h in rows[0]]
    problems: list[str] = []
    for i, h in enumerate(header):
        if h and h in header[:i]:
            problems.append(f"{where}: column {h!r} appears twice; the first is used")
            header[i] = ""
    if "file" not in header:
        return MetadataSheet(
            empty,
            cols,
            [f"{where}: no 'file' column (header is {', '.join(header)}); metadata ignored"],
        )
    missing = [c for c in METADATA_COLUMNS if c not in header]
    if missing:
        problems.append(f"{where}: missing column(s) {', '.join(missing)}; treated as blank")
    extra = [h for h in header if h and h not in METADATA_COLUMNS]
    records = []
    seen: set[str] = set()
    named = [(i, h) for i, h in enumerate(header) if h]
    width = len(header)
    for lineno, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            problems.append(
                f"{where} line {lineno}: {len(row)} cells for {width} columns; row used as far as it goes"
            )
            row = row + [""] * (width - len(row))
        record = {h: row[i].strip() for i, h in named}
        file = record.get("file", "").replace("\\", "/").strip()
        if not file:
            problems.append(f"{where} line {lineno}: no file name; row ignored")
            continue
        if file in seen:
            problems.append(f"{where} line {lineno}: {file} listed again; the first row is used")
            continue
        seen.add(file)
        record["file"] = file
        if known_files is not None and file not in known_files:
            problems.append(
                f"{where} line {lineno}: names {file}, which is not in the raw folder; row ignored"
            )
            continue
        published = record.get("published", "")
        if published:
            parsed = _parse_date_iso(published)
            if parsed is None:
                problems.append(
                    f"{where} line {lineno}: {file}: unparseable date {published!r}; date inferred from the text instead"
                )
            record["published"] = parsed or ""
        records.append(record)
    columns = list(dict.fromkeys([*METADATA_COLUMNS, *extra]))
    if missing:
        records = [{c: record.get(c, "") for c in columns} for record in records]
    return MetadataSheet(records, columns, problems, extra)


@functools.lru_cache(maxsize=8192)
def _parse_date_iso(value: str) -> str | None:
    """`parse_date` as an ISO string; a sheet of 100k rows holds a few hundred distinct dates."""
    parsed = parse_date(value)
    return parsed.isoformat() if parsed else None


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]*)?$")


def parse_date(value: str):
    """An analyst's date cell to a `datetime.date`, or None. ISO first; day-first is assumed otherwise."""
    value = value.strip()
    if not value:
        return None
    try:
        if _ISO.match(value):
            return pd.Timestamp(value[:10]).date()
        stamp = pd.to_datetime(value, dayfirst=True, errors="raise")
    except (ValueError, OverflowError, TypeError):
        return None
    if pd.isna(stamp) or not (1900 <= stamp.year <= 2100):
        return None
    return stamp.date()
