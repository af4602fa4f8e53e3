"""Moved: title, outlet, date and language inference live in `presslens.clean.metadata` (the
language detector in `presslens.clean.languages`). This path warns for one release."""

from . import _compat

__getattr__ = _compat.moved(
    __name__,
    {
        "infer_metadata": "presslens.clean.metadata",
        "infer_outlet": "presslens.clean.metadata",
        "parse_date": "presslens.clean.metadata",
        "detect_language": "presslens.clean.languages",
        "split_meta_run": "presslens.clean.paragraphs",
        "split_paragraphs": "presslens.clean.paragraphs",
        "DATE_RX": "presslens.clean.datelines",
        "MONTHS": "presslens.clean.datelines",
    },
)
