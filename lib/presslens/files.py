"""Safe file writes shared by every stage: atomic, and only when the bytes change.

A reader (a notebook, JupyterLab, a second run) never sees a half-written file: data goes to a
temp file in the same directory and is swapped in with `os.replace`. Identical content is not
rewritten, so a re-run on unchanged data changes no file (no new mtimes, nothing for git).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


#: Permissions of new files (what `open()` would give; `mkstemp` alone gives 0600).
FILE_MODE = _file_mode()


def write_atomic(path, data: bytes, *, skip_unchanged: bool = True) -> bool:
    """Write `data` to `path` atomically; returns False when the file already held `data`.

    A file that exists keeps its permissions; a new one gets `FILE_MODE`.
    """
    path = Path(path)
    exists = path.exists()
    if skip_unchanged and exists and path.stat().st_size == len(data):
        if path.read_bytes() == data:
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if exists:
            shutil.copymode(path, tmp)
        else:
            os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def plural(n, noun: str, nouns: str | None = None, *, grouped: bool = True) -> str:
    """`"1 article"`, `"3 articles"`, `"1,204 articles"` (irregular plural via `nouns`; with
    `grouped=False`, `"1204 articles"`): the one plural of messages, titles and captions."""
    n = int(n)
    return f"{n:{',' if grouped else ''}} {noun if n == 1 else (nouns or noun + 's')}"


def shown_name(text) -> str:
    """`text` (a file name or path) printable and encodable as UTF-8 anywhere: bytes of a name
    that are not UTF-8 (surrogate escapes from `os.fsdecode`) become `\\xNN`; valid text is
    unchanged. Every message, report cell and table that names a raw file goes through it."""
    text = str(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def resolves_inside(path, root) -> bool:
    """True when `path`, with every symbolic link followed, still lies inside folder `root`.

    Raw folders are read only inside themselves: a link in a scraped folder pointing at
    `/etc/passwd` or `~/.ssh` must not bring that file into a corpus. False for a broken link or a
    link loop (nothing to read there either).
    """
    try:
        target = Path(os.path.realpath(path, strict=True))
        base = Path(os.path.realpath(root, strict=True))
    except (OSError, RuntimeError):
        return False
    return target == base or base in target.parents


def sha256_file(path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks (inputs can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


#: First characters that make a spreadsheet read a cell as a formula (OWASP's CSV-injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe_cell(value):
    """`value` as a spreadsheet will take it literally: a text starting like a formula gets a `'`.

    The OWASP remedy for CSV injection: Excel, LibreOffice and Google Sheets show the leading
    quote as a text marker, so `=cmd|' /C calc'!A0` or `@SUM(A1)` stays text. Numbers (int,
    float, numpy numbers) are returned unchanged, so numeric columns stay numeric.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_safe_frame(df):
    """A copy of DataFrame `df` whose text cells (and column names) pass `csv_safe_cell`.

    Only object and string columns are touched; numeric, boolean and date columns are kept.
    """
    import pandas as pd

    out = df.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            out[column] = series.map(csv_safe_cell, na_action="ignore")
    out.columns = [csv_safe_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out
