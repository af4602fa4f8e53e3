"""Moved to `presslens.raw` (scan, decode, sheet); this path keeps working for one release and
warns: `from presslens.load import decode` → `from presslens.raw import decode`."""

from __future__ import annotations

import warnings

from presslens import _compat, dates

_MOVED = (
    "TEXT_SUFFIXES",
    "HTML_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "METADATA_FILE",
    "METADATA_COLUMNS",
    "MAX_BYTES",
    "MIXED_MIN_BYTES",
    "UTF8_MIN_EVIDENCE",
    "LoadError",
    "Decoded",
    "RawFile",
    "MetadataSheet",
    "scan_raw_files",
    "find_raw_files",
    "decode",
    "repair_mojibake",
    "looks_mojibake",
    "read_metadata",
)


def parse_date(value: str):
    """Deprecated: `dates.parse_date_cell`, returning None instead of raising `DateError`."""
    warnings.warn(
        "presslens.load.parse_date is deprecated; use presslens.dates.parse_date_cell (it raises "
        "DateError saying why instead of returning None)",
        DeprecationWarning,
        stacklevel=2,
    )
    try:
        return dates.parse_date_cell(value)
    except dates.DateError:
        return None


__getattr__ = _compat.moved(__name__, dict.fromkeys(_MOVED, "presslens.raw"))
