"""Stage 1, the pages as scraped: finding them (`scan`), bytes to text (`decode`, with the legacy
encodings in `encodings`) and the analyst's sheet, `metadata.csv` (`sheet`: its one reader and its
one writer). Nothing here judges content; scraped pages are hostile input, so every rule fails
into a message naming the file, never into a crash or silently wrong text."""

from presslens.raw.decode import (
    MIXED_MIN_BYTES,
    UTF8_MIN_EVIDENCE,
    Decoded,
    LoadError,
    decode,
    looks_mojibake,
    repair_mojibake,
)
from presslens.raw.encodings import detect_legacy_encoding
from presslens.raw.scan import (
    HTML_SUFFIXES,
    MAX_BYTES,
    METADATA_FILE,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    RawFile,
    find_raw_files,
    scan_raw_files,
)
from presslens.raw.sheet import (
    APPEND_COLUMNS,
    METADATA_COLUMNS,
    MetadataSheet,
    SheetError,
    SheetWriter,
    append_metadata,
    read_metadata,
)

__all__ = [
    "APPEND_COLUMNS",
    "HTML_SUFFIXES",
    "MAX_BYTES",
    "METADATA_COLUMNS",
    "METADATA_FILE",
    "MIXED_MIN_BYTES",
    "SUPPORTED_SUFFIXES",
    "TEXT_SUFFIXES",
    "UTF8_MIN_EVIDENCE",
    "Decoded",
    "LoadError",
    "MetadataSheet",
    "RawFile",
    "SheetError",
    "SheetWriter",
    "append_metadata",
    "decode",
    "detect_legacy_encoding",
    "find_raw_files",
    "looks_mojibake",
    "read_metadata",
    "repair_mojibake",
    "scan_raw_files",
]
