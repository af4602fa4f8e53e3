"""`metadata.csv`: the one reader and the one writer of the analyst's sheet.

Both read the sheet the same way (`_parse`): lines end at `\\r\\n`, `\\r` or `\\n`; the separator
(`,`, `;` or tab) is the one that makes a `file` column of the header line; records are read by the
csv module, and an unclosed quote that swallows the following lines is undone (`_sheet_records`).
An unclosed quote is found by one scanner, `_unclosed_quote`.

* **Reading** (`read_metadata`): with or without a BOM, in any encoding `decode` reads (a non-UTF-8
  sheet is reported); an unclosed quote that swallows the following lines is reported with their
  line numbers and the rows are recovered; rows shorter than the header (columns added later, e.g.
  by `presslens add`) are padded silently; a date cell that `dates.parse_date_cell` refuses (not a
  date, or outside `dates.date_range()`) is reported and left empty. Cells are kept as written
  (formula-like text is neutralised only when the suite writes a CSV, `files.csv_safe_cell`).
* **Appending** (`SheetWriter`, `append_metadata`; only `presslens add` writes the sheet): existing
  records keep their bytes (BOM, newlines, quoting, separator). When the header lacks a column of
  `APPEND_COLUMNS`, the column is added to the header and a blank cell to every row, and rows
  shorter than the header get blank cells, so ingest never sees a short row. A sheet that cannot be
  extended safely (not UTF-8, no `file` column, ending inside a quoted cell) raises `SheetError`
  before anything is written. Each append writes the whole sheet atomically (temp file +
  `os.replace`).
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from presslens import dates
from presslens.files import resolves_inside, write_atomic
from presslens.raw.decode import LoadError, decode
from presslens.raw.scan import METADATA_FILE, SUPPORTED_SUFFIXES

METADATA_COLUMNS = ("file", "outlet", "url", "published", "language")
#: Columns a row appended by `presslens add` fills (other columns of an existing sheet are kept).
APPEND_COLUMNS = (*METADATA_COLUMNS, "fetched_at")

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_DELIMITERS = (",", ";", "\t")


# ---------------------------------------------------------------------------------------------
# Parsing, shared by the reader and the writer


def _names(cells: list[str]) -> list[str]:
    """Header cells as column names: stripped, without a BOM, lower case."""
    return [c.strip().strip("\ufeff").lower() for c in cells]


def _sheet_delimiter(header: str) -> str:
    """`,`, `;` or tab: among those that make a `file` column of the header line, the one giving
    most columns; else the one splitting it into most cells (`,` first on a tie)."""
    split = {d: next(csv.reader([header], delimiter=d), []) for d in _DELIMITERS}
    with_file = [d for d, cells in split.items() if "file" in _names(cells)]
    return max(with_file or _DELIMITERS, key=lambda d: len(split[d]))


def _unclosed_quote(text: str, delimiter: str) -> int:
    """The position of the quote in `text` that opens a cell and is never closed, or -1.

    Read as the csv module reads: a quote opens a cell only at its start (after a separator or a
    line break); inside the cell `""` is a quote and `"` closes it; any other quote is text."""
    opened = -1
    i = text.find('"')
    while i >= 0:
        if opened >= 0:
            if text.startswith('""', i):
                i = text.find('"', i + 2)
                continue
            opened = -1
        elif i == 0 or text[i - 1] in (delimiter, "\r", "\n"):
            opened = i
        i = text.find('"', i + 1)
    return opened


def _drop_stray_quote(line: str, delimiter: str) -> str:
    """`line` without the quote that opens a cell it never closes (the rest of the line as it
    was meant: `a.txt,"Outlet A,2023-05-04` → `a.txt,Outlet A,2023-05-04`)."""
    opened = _unclosed_quote(line, delimiter)
    return line if opened < 0 else line[:opened] + line[opened + 1 :]


def _looks_like_row(line: str, delimiter: str, width: int, file_col: int, known) -> bool:
    cells = next(csv.reader([line], delimiter=delimiter), [])
    if len(cells) < 2 or file_col >= len(cells):
        return False
    name = cells[file_col].strip().replace("\\", "/")
    if known is not None and name in known:
        return True
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in SUPPORTED_SUFFIXES and len(cells) <= width + 1


def _sheet_records(
    lines: list[str], delimiter: str, where: str, problems: list[str], known
) -> list[tuple[int, int, list[str]]]:
    """`(first line, last line, cells)` (0-based) of every non-blank record; an unclosed quote
    that swallows later lines is reported and undone (its quote dropped, the swallowed lines read
    as rows).

    A record spanning lines swallowed them when it is the header, when the sheet ends inside its
    quote, when it has more cells than the header, or when one of the lines it holds reads on its
    own as a row naming a page; a quoted note spanning lines on purpose is none of these.
    """
    records: list[tuple[int, int, list[str]]] = []
    width = file_col = None
    start, n = 0, len(lines)
    while start < n:
        reader = csv.reader(lines[start:], delimiter=delimiter)
        done = 0  # lines consumed by the records read so far from `start`
        restart = None
        while restart is None:
            first = last = start + done
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # e.g. over the field size limit: a quote swallowed the rest
                problems.append(
                    f"{where} line {first + 1}: {exc} (an unclosed quote swallowing the rest of "
                    "the sheet?); the quote was dropped and the lines after it read as rows"
                )
                restart = first + 1
            else:
                done = reader.line_num
                last = start + done - 1
                if last > first and (
                    width is None
                    or len(cells) > width
                    or (last == n - 1 and _unclosed_quote("".join(lines[first:]), delimiter) >= 0)
                    or any(
                        _looks_like_row(lines[i], delimiter, width, file_col, known)
                        for i in range(first + 1, last + 1)
                    )
                ):
                    while last > first and not lines[last].strip():
                        last -= 1
                    problems.append(
                        f"{where} line {first + 1}: an unclosed quote swallows lines "
                        f"{first + 1}–{last + 1}; the quote was dropped and those lines read as "
                        "rows"
                    )
                    restart = first + 1
            if restart is not None:
                fixed = _drop_stray_quote(lines[first], delimiter)
                cells = next(csv.reader([fixed], delimiter=delimiter), [])
                last = first
            if any(cell.strip() for cell in cells):
                records.append((first, last, cells))
                if width is None:
                    header = _names(cells)
                    width = len(cells)
                    file_col = header.index("file") if "file" in header else 0
        if restart is None:
            break
        start = restart
    return records


class _Parsed(NamedTuple):
    lines: list[str]  # the text's lines, each with its line ending
    delimiter: str
    records: list[tuple[int, int, list[str]]]  # the header first, see `_sheet_records`

    @property
    def header(self) -> list[str]:
        return _names(self.records[0][2])


def _parse(text: str, where: str, problems: list[str], known=None) -> _Parsed | None:
    """The sheet's lines, separator and records; None for a sheet with no record."""
    lines = _LINE.findall(text)
    header_line = next((line for line in lines if line.strip()), "")
    if not header_line:
        return None
    delimiter = _sheet_delimiter(header_line)
    records = _sheet_records(lines, delimiter, where, problems, known)
    return _Parsed(lines, delimiter, records) if records else None


def _no_file_column(header: list[str]) -> str:
    return f"no 'file' column (its header is {', '.join(header)})"


# ---------------------------------------------------------------------------------------------
# Reading


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
    """Read and validate `raw/metadata.csv`; every problem is a message naming the sheet and line.

    Missing columns are treated as blank; extra columns are carried through; rows naming files
    that do not exist, dates that are not dates or lie outside `dates.date_range()`, repeated rows,
    rows with more cells than the header and unclosed quotes are reported and the rest is used.
    The sheet's encoding, when not UTF-8, is reported. A sheet that is a link leading out of the
    raw folder is not read.
    """
    raw = Path(raw)
    path = raw / METADATA_FILE
    cols = list(METADATA_COLUMNS)
    where = METADATA_FILE
    if not path.exists() and not path.is_symlink():
        return MetadataSheet([], cols, [])
    if path.is_symlink() and not resolves_inside(path, raw):
        why = f"{where}: symbolic link to a file outside the raw folder, not read; metadata ignored"
        return MetadataSheet([], cols, [why])
    try:
        decoded = decode(path.read_bytes(), where)
    except LoadError as exc:
        return MetadataSheet([], cols, [f"{exc}; metadata ignored"])
    problems: list[str] = []
    if decoded.warning:
        problems.append(f"{where}: {decoded.warning}")
    parsed = _parse(decoded.text, where, problems, known_files)
    if parsed is None:
        return MetadataSheet([], cols, [*problems, f"{where}: empty sheet; metadata ignored"])
    header = parsed.header
    for i, h in enumerate(header):
        if h and h in header[:i]:
            problems.append(f"{where}: column {h!r} appears twice; the first is used")
            header[i] = ""
    if "file" not in header:
        problems.append(f"{where}: {_no_file_column(header)}; metadata ignored")
        return MetadataSheet([], cols, problems)
    missing = [c for c in METADATA_COLUMNS if c not in header]
    if missing:
        problems.append(f"{where}: missing column(s) {', '.join(missing)}; treated as blank")
    extra = [h for h in header if h and h not in METADATA_COLUMNS]
    records_out = []
    seen: set[str] = set()
    named = [(i, h) for i, h in enumerate(header) if h]
    width = len(header)
    separator = "comma" if parsed.delimiter == "," else "separator"
    for first, _, row in parsed.records[1:]:
        lineno = first + 1
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            problems.append(
                f"{where} line {lineno}: {len(row)} cells for {width} columns (a stray "
                f"{separator} or quote?); the cells beyond the last column are ignored"
            )
        # Shorter rows are padded silently: a column added to the header later (`presslens add`
        # adds `fetched_at`) leaves the older rows without its cell.
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
            parsed_date, why = _sheet_date(published)
            if why:
                problems.append(
                    f"{where} line {lineno}: {file}: {why}; cell left empty, date inferred from "
                    "the page instead"
                )
            record["published"] = parsed_date
        records_out.append(record)
    columns = list(dict.fromkeys([*METADATA_COLUMNS, *extra]))
    if missing:
        records_out = [{c: record.get(c, "") for c in columns} for record in records_out]
    return MetadataSheet(records_out, columns, problems, extra)


@functools.lru_cache(maxsize=8192)
def _sheet_date_cached(value: str, bounds: tuple) -> tuple[str, str]:
    try:
        parsed = dates.parse_date_cell(value)
    except dates.DateError as exc:
        return "", str(exc)
    return (parsed.isoformat() if parsed else ""), ""


def _sheet_date(value: str) -> tuple[str, str]:
    """`(ISO date or "", why it was refused or "")` of a date cell, by `dates.parse_date_cell`; a
    sheet of 100k rows holds a few hundred distinct dates (cached per accepted range)."""
    return _sheet_date_cached(value, dates.date_range())


# ---------------------------------------------------------------------------------------------
# Appending


class SheetError(ValueError):
    """`metadata.csv` cannot be extended safely; nothing was written. Says why and what to fix."""


class SheetWriter:
    """`raw/metadata.csv` as `presslens add` extends it: the text as it is, which files it lists,
    and how to append a row while keeping every existing byte that need not change.

    Read once (under the caller's folder lock); each `append` writes the whole file atomically
    (temp file + `os.replace`, the bytes kept in memory: no re-read or re-parse per row). Raises
    `SheetError` for a sheet that is not UTF-8, has no `file` column or ends inside a quoted cell.
    """

    def __init__(self, raw: Path):
        self.path = Path(raw) / METADATA_FILE
        #: the files the sheet has a row for
        self.listed: set[str] = set()
        self._attempt: tuple[bytes, set[str]] | None = None  # last append: bytes, its files
        self._data: bytes | None = None  # the sheet as written (completed on the 1st append)
        old = self.path.read_bytes() if self.path.exists() else b""
        self.bom = codecs.BOM_UTF8 if old.startswith(codecs.BOM_UTF8) else b""
        try:
            text = old[len(self.bom) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SheetError(
                f"{self.path} is not UTF-8 text ({exc.reason} at byte {exc.start}); nothing was "
                'added: save it as UTF-8 ("CSV UTF-8" in a spreadsheet) and add again'
            ) from exc
        self.newline = "\r\n" if "\r\n" in text else "\n"
        parsed = _parse(text, str(self.path), [])
        if parsed is None:  # absent or blank: a fresh sheet
            self.delimiter = ","
            self.lines = [",".join(APPEND_COLUMNS) + self.newline]
            self.columns = list(APPEND_COLUMNS)
            self._head, self._missing, self._short = 0, [], []
            return
        self.delimiter = parsed.delimiter
        #: the sheet's lines (blank lines included), line endings kept
        self.lines = parsed.lines
        self.columns = parsed.header
        if "file" not in self.columns:
            raise SheetError(
                f"{self.path} has {_no_file_column(self.columns)}; nothing was added: fix its "
                "header and add again"
            )
        if _unclosed_quote(text, self.delimiter) >= 0:  # it would swallow the appended rows
            raise SheetError(
                f'{self.path} ends inside a quoted cell (an unclosed "); nothing was added: '
                "close the quote and add again"
            )
        self._head = parsed.records[0][1]  # the header's last line
        self._missing = [c for c in APPEND_COLUMNS if c not in self.columns]
        rows = parsed.records[1:]
        width = len(self.columns)
        #: rows that need blank cells at their end: (their last line, cells to add)
        self._short = [
            (last, width - len(c) + len(self._missing))
            for _, last, c in rows
            if len(c) <= width and width - len(c) + len(self._missing) > 0
        ]
        at = self.columns.index("file")
        self.listed = {c[at].strip().replace("\\", "/") for *_, c in rows if len(c) > at}

    def _completed(self) -> list[str]:
        """The lines once every column of `APPEND_COLUMNS` is in the header and no row is shorter
        than the header: blank cells added at the ends of records, nothing else changed."""
        lines = list(self.lines)
        sep = self.delimiter
        if self._missing:
            body, end = _split_ending(lines[self._head])
            lines[self._head] = body + sep + sep.join(self._missing) + (end or self.newline)
        for i, pad in self._short:
            body, end = _split_ending(lines[i])
            lines[i] = body + sep * pad + end
        if not lines[-1].endswith(("\n", "\r")):
            lines[-1] += self.newline
        return lines

    def append(self, rows: list[dict[str, str]]) -> None:
        """Append `rows` (column of `APPEND_COLUMNS` → value) and write the sheet atomically."""
        if self._data is None:  # the first append completes the sheet (once)
            self._data = self.bom + "".join(self._completed()).encode("utf-8")
        columns = self.columns + self._missing
        position = {c: columns.index(c) for c in APPEND_COLUMNS}
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator=self.newline)
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
        """True when the sheet on disk has a row for `file`, also when the append writing it was
        interrupted after the new sheet had landed."""
        if file in self.listed:
            return True
        if self._attempt is None or file not in self._attempt[1]:
            return False
        try:
            return self.path.read_bytes() == self._attempt[0]
        except OSError:
            return False


def _split_ending(line: str) -> tuple[str, str]:
    for end in ("\r\n", "\n", "\r"):
        if line.endswith(end):
            return line[: -len(end)], end
    return line, ""


def append_metadata(raw: Path, rows: list[dict]) -> Path:
    """Append `rows` to `raw/metadata.csv` (see `SheetWriter`): existing rows keep their bytes, a
    column of `APPEND_COLUMNS` that the header lacks is added to the header and, blank, to every
    row."""
    sheet = SheetWriter(Path(raw))
    sheet.append([{c: str(row.get(c, "") or "") for c in APPEND_COLUMNS} for row in rows])
    return sheet.path
