"""Raw pages in, cleaned and annotated tables out: incremental, parallel, atomic, deterministic.

`ingest()` reads every page under `data/raw/`, cleans it (`presslens.clean`), infers what the
analyst's `metadata.csv` does not say (`presslens.clean.metadata`) and writes `data/processed/`:

- `articles.parquet/` one row per article, partitioned Parquet: `part-<x>.parquet` where `x` is the
  first hex digit of `article_id` (two digits from `SPLIT_ARTICLES` articles on), so a few new
  pages rewrite only a few parts;
- `paragraphs.parquet/` every paragraph of every page, kept or removed with its reason (same parts);
- `ingest_report.csv` one row per input file: `file, status (ok|warning|skipped), message`,
  its cells passed through `files.csv_safe_cell` (a file named `=cmd|...` stays text in a
  spreadsheet; `presslens.dataset.load_report` gives the names back as they are).

Unchanged files (same size and mtime, else same SHA-256) are not processed again: their cleaned
pages live in `.cache/`, keyed by content hash, the site-template lines found on them and the
cleaner version. The per-file stage is a pure function mapped, in batches that return Arrow tables,
over the files by a local process pool or, with `engine="dask"`, by a Dask cluster
(`presslens.parallel.engine_map`); either gives byte-identical tables. Everything after it is
columnar (Arrow, NumPy, pandas), so an incremental run costs a directory scan plus the pages that
changed.

Safe under concurrent runs and broken inputs:

- one writer per output folder: an ingest holds an advisory lock (`fcntl.flock` on
  `<out>/.cache/ingest.lock`, released by the OS if the process dies) for its whole run; a second
  one fails at once with `IngestBusy`, `load_articles` waits for it and re-checks;
- nothing half-written is ever current: changed parts, the report, `.cache/parts.json` and the
  stamp are written under temp names and swapped in together at the end; a run that cannot write
  (full disk, unwritable folder) raises one `IngestError` and leaves the last tables as they were;
- a part's record holds the size, mtime and inode of the file this run wrote (taken from the
  descriptor it wrote through), so a part replaced behind its back is rebuilt, and the loaders
  read only the parts the record lists (a stray file in `articles.parquet/` is never read);
- a page that cannot be read (deleted, a folder, permission denied, an I/O error, changed while
  read) or cleaned is a `skipped` report line naming it; the run goes on. Names with bytes that are
  not UTF-8 are shown with `\\xNN` escapes.

The parts, along the run: `extract` (the per-file stage: fingerprint, HTML → text, clean, infer
metadata), `cache` (fingerprints, site-template lines, cache keys, the page cache), `articles`
(pages + the sheet → article rows), `writer` (output parts, their records, the report, the staged
swap), `lock` (one writer per folder; `IngestError`, `IngestBusy`), `layout` (the folder's file
names and columns, shared with the loaders), `pipeline` (`ingest()`, and `ensure_current`, the
loaders' "is it current" check). Tunables (`POOL_MIN_FILES`, `SPLIT_ARTICLES`, ...) are read from
the module that defines them. The loaders live in `presslens.dataset`.
"""

from .. import _compat
from ..raw import MAX_BYTES
from .cache import REPEAT_MIN_PAGES, REPEAT_MIN_SHARE, CacheMiss
from .extract import (
    BATCH_MAX,
    CACHE_SCHEMA,
    FILE_SCHEMA,
    PAGE_HEAVY,
    PAGE_LIGHT,
    PAGE_SCHEMA,
    REPEAT_MAX_CHARS,
    fingerprint_file,
    fingerprint_files,
    process_file,
    process_files,
)
from .layout import (
    ARTICLE_COLUMNS,
    ARTICLE_TYPES,
    ARTICLES,
    CACHE,
    CACHE_FORMAT,
    FILES,
    LOCK,
    PARAGRAPH_COLUMNS,
    PARAGRAPH_TYPES,
    PARAGRAPHS,
    PARTS,
    REPORT,
    REPORT_COLUMNS,
    STAMP,
)
from .lock import IngestBusy, IngestError
from .pipeline import LOAD_WAIT, POOL_MIN_FILES, IngestResult, ensure_current, ingest, raw_state
from .writer import SPLIT_ARTICLES

__all__ = [
    "ARTICLES",
    "ARTICLE_COLUMNS",
    "ARTICLE_TYPES",
    "BATCH_MAX",
    "CACHE",
    "CACHE_FORMAT",
    "CACHE_SCHEMA",
    "FILES",
    "FILE_SCHEMA",
    "LOAD_WAIT",
    "LOCK",
    "MAX_BYTES",
    "PAGE_HEAVY",
    "PAGE_LIGHT",
    "PAGE_SCHEMA",
    "PARAGRAPHS",
    "PARAGRAPH_COLUMNS",
    "PARAGRAPH_TYPES",
    "PARTS",
    "POOL_MIN_FILES",
    "REPEAT_MAX_CHARS",
    "REPEAT_MIN_PAGES",
    "REPEAT_MIN_SHARE",
    "REPORT",
    "REPORT_COLUMNS",
    "SPLIT_ARTICLES",
    "STAMP",
    "CacheMiss",
    "IngestBusy",
    "IngestError",
    "IngestResult",
    "ensure_current",
    "fingerprint_file",
    "fingerprint_files",
    "ingest",
    "process_file",
    "process_files",
    "raw_state",
]

__getattr__ = _compat.moved(
    __name__,
    {name: "presslens.dataset" for name in ("load_articles", "load_paragraphs", "load_report")}
    | {"Mapper": "presslens.parallel"},
)
