"""`CLEANER_VERSION`: the cleaner's rule set as a short hash, part of the ingest's cache key.

Derived from the upper-case tables of `rules`, `notices`, `edges`, `datelines`, `languages`, `lists`,
`metadata`,
`outlets`, `outlet_evidence`, `outlet_names` (with its media owners, `MEDIA_OWNER_NAMES`), `title_lines` and
`titles` (and the installed `stop-words` lists), so a changed rule never leaves pages in the cache that the old one cleaned; bump `EPOCH` when a pass changes
(`paragraphs`, `languages`, `features`, `decide`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re

from . import (
    datelines,
    edges,
    languages,
    lists,
    metadata,
    notices,
    outlet_evidence,
    outlet_names,
    outlets,
    rules,
    title_lines,
    titles,
)

#: Bump with any change to the passes (`paragraphs`, `languages`, `features`, `decide`).
EPOCH = "2026.12g"


def _canonical(value):
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, re.Pattern):
        return {"re": value.pattern, "flags": int(value.flags)}
    if dataclasses.is_dataclass(value):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return [[_canonical(k), _canonical(v)] for k, v in value.items()]
    if isinstance(value, set | frozenset):
        return sorted(_canonical(v) for v in value)
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    raise TypeError(f"no canonical form for a rule table of type {type(value).__name__}")


def _stop_words_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("stop-words")
    except PackageNotFoundError:  # pragma: no cover - a declared dependency
        return "none"


def fingerprint(*namespaces: dict) -> str:
    """Ten hex digits of a SHA-256 of the upper-case tables in `namespaces` (module dicts) and
    of the installed `stop-words` version."""
    tables = [
        [name, _canonical(value)]
        for namespace in namespaces
        for name, value in sorted(namespace.items())
        if name.isupper() and name not in ("CLEANER_VERSION", "EPOCH")
    ]
    tables.append(["stop-words", _stop_words_version()])
    data = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:10]


#: The namespaces whose tables make the version.
_MODULES = (
    rules,
    notices,
    edges,
    datelines,
    languages,
    lists,
    metadata,
    outlets,
    outlet_evidence,
    outlet_names,
    title_lines,
    titles,
)

#: Part of the ingest's cache key: `EPOCH` and a hash of the rule and language tables.
CLEANER_VERSION = f"{EPOCH}-{fingerprint(*(vars(m) for m in _MODULES))}"
