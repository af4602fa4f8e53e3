"""What the ingest's output folder holds, for the writer and the loaders alike.

`<out>/articles.parquet/part-<x>.parquet` and `<out>/paragraphs.parquet/part-<x>.parquet`
(x: the first one or two hex digits of `article_id`), `<out>/ingest_report.csv`, and under
`<out>/.cache/`: `parts.json` (each part's record), `last-ingest` (the stamp), `ingest.lock`,
`files.arrow` and the page cache. Only the parts `parts.json` lists are the ingest's: the loaders
read those and nothing else.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa

from ..files import FORMULA_STARTS

ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "outlet",
    "title",
    "author",
    "published",
    "date_source",
    "outlet_source",
    "url",
    "language",
    "text",
    "n_paragraphs",
    "n_words",
    "raw_sha256",
]
PARAGRAPH_COLUMNS = ["article_id", "file", "position", "text", "kept", "reason"]
ARTICLE_TYPES = {
    "published": pa.timestamp("ns"),
    "n_paragraphs": pa.int64(),
    "n_words": pa.int64(),
}
PARAGRAPH_TYPES = {"position": pa.int64(), "kept": pa.bool_()}
REPORT_COLUMNS = ["file", "status", "message"]
ARTICLES = "articles.parquet"
PARAGRAPHS = "paragraphs.parquet"
REPORT = "ingest_report.csv"
CACHE = ".cache"
CACHE_FORMAT = "7"
FILES = "files.arrow"
PARTS = "parts.json"
STAMP = "last-ingest"
LOCK = "ingest.lock"

#: The parts the ingest writes (the only files the loaders read) and its own temp files.
PART_NAME = re.compile(r"(?:articles|paragraphs)\.parquet/part-[0-9a-f]{1,2}\.parquet")
PART_TEMP = re.compile(r"\.part-[0-9a-f]{1,2}\.parquet\..+\.tmp")
REPORT_TEMP = re.compile(re.escape(f".{REPORT}.") + r".+\.tmp")
#: A report cell that already starts with quotes before a formula start gets one more, so that
#: `load_report` can strip exactly the one `csv_safe_cell` added.
QUOTED_FORMULA = re.compile("'+[" + re.escape("".join(FORMULA_STARTS)) + "]")


def part_records(out: Path) -> dict[str, list]:
    """`.cache/parts.json`: each part the ingest wrote in `out` and its record, `{}` when missing
    or damaged. Only names of the ingest's parts are taken (never a path out of the folder)."""
    try:
        records = json.loads((out / CACHE / PARTS).read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(records, dict):
        return {}
    return {
        rel: v for rel, v in records.items() if isinstance(rel, str) and PART_NAME.fullmatch(rel)
    }


def parts_intact(out: Path) -> bool:
    """Whether every part the record lists is on disk as the ingest wrote it (size, mtime and
    inode): no part deleted, replaced or edited since."""
    records = part_records(out)
    return bool(records) and all(
        isinstance(v, list) and v[1:] == file_stat(out / rel) for rel, v in records.items()
    )


def file_stat(path: Path) -> list[int]:
    """`[size, mtime_ns, inode]` of `path` (`[-1, -1, -1]` when it is not there)."""
    try:
        stat = path.stat()
    except OSError:
        return [-1, -1, -1]
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def report_value(cell: str) -> str:
    """The original text of a report cell (undoes the leading quote the writer added)."""
    return cell[1:] if QUOTED_FORMULA.match(cell) else cell
