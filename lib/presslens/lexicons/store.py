"""Reading the lexicon files (`<directory>/<name>.yaml`) and the tables made from them.

Every read is keyed on the file's content (its SHA-256): an edited lexicon takes effect at the
next call, in a running kernel too, and an unchanged one is parsed once. Whatever is built from a
lexicon (compiled patterns, the actor matcher) is cached on the same `fingerprint`.

The bytes are hashed again unless the file's status (inode, size, mtime, ctime) is unchanged and
was already `_SETTLED_NS` old when last hashed: an edit in the same clock tick as a read, or one
that restores the old mtime, is still seen (it changes the ctime or falls in the unsettled
window), while a settled file costs one `stat` per call.
"""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from presslens import config

#: The pattern dictionaries `find_terms` knows by name.
TERM_LEXICONS = ("naming", "topics", "frames", "events")
#: Columns of a pattern dictionary (`naming()`, `topics()`, `frames()`, `event_cues()`).
#: `language` is the ISO 639-1 code a form is written in, "" for a form of any language.
PATTERN_TABLE_COLUMNS = ["group", "variant", "pattern", "label", "description", "language"]

#: A file whose mtime and ctime are older than this when it is hashed is trusted by its status.
_SETTLED_NS = 2_000_000_000


class _Entry(NamedTuple):
    digest: str  # SHA-256 of the bytes parsed
    content: dict
    status: tuple[int, int, int, int]  # inode, size, mtime, ctime when hashed
    settled: bool  # the status alone says whether the file changed since


_parsed: dict[str, _Entry] = {}
_lock = threading.Lock()


def lexicon_directory(directory=None) -> Path:
    """The lexicon folder: `directory` when given, else `config.lexicons_dir()`."""
    return Path(directory).expanduser().resolve() if directory else config.lexicons_dir()


def _path(name: str, directory) -> Path:
    folder = lexicon_directory(directory)
    for suffix in (".yaml", ".yml"):
        path = folder / f"{name}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(f"no lexicon {name!r} in {folder} (expected {name}.yaml)")


def _read(name: str, directory) -> _Entry:
    """The parsed lexicon with its fingerprint, parsed again only when its bytes changed."""
    import yaml

    path = _path(name, directory)
    key = str(path)
    st = path.stat()
    status = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    with _lock:
        cached = _parsed.get(key)
    if cached is not None and cached.settled and cached.status == status:
        return cached
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if cached is not None and cached.digest == digest:
        content = cached.content
    else:
        parsed = yaml.safe_load(data.decode("utf-8"))
        content = parsed if isinstance(parsed, dict) else {}
    settled = time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) > _SETTLED_NS
    entry = _Entry(digest, content, status, settled)
    with _lock:
        _parsed[key] = entry
    return entry


def load(name: str, directory=None) -> dict:
    """The raw content of `<directory>/<name>.yaml` (default: `config.lexicons_dir()`).

    Re-read whenever the file's content changes (no restart needed after an edit).
    """
    return _read(name, directory).content


def fingerprint(name: str, directory=None) -> str:
    """SHA-256 of the lexicon file's bytes: a cache key that changes with any edit of it."""
    return _read(name, directory).digest


def lexicon_names(directory=None) -> list[str]:
    """Names of the lexicon files present (without `.yaml`)."""
    return sorted(p.stem for p in lexicon_directory(directory).glob("*.y*ml"))


def as_list(value) -> list:
    """A YAML value as a list: `None` → `[]`, a string or mapping → `[value]`."""
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    return list(value)


def forms_by_language(value) -> list[tuple[str, str]]:
    """`(language, form)` pairs of a lexicon entry's forms: a list (or one string) is forms of
    any language (language ""), a mapping `{en: [...], ru: [...]}` gives them per language
    (a key `any` for forms shared by every language)."""
    if isinstance(value, dict):
        return [
            ("" if str(lang) in ("any", "") else str(lang), str(form))
            for lang, forms in value.items()
            for form in as_list(forms)
        ]
    return [("", str(form)) for form in as_list(value)]


def _group_table(name: str, directory, container: str, list_key: str) -> pd.DataFrame:
    data = load(name, directory).get(container, {}) or {}
    rows = []
    for group, spec in data.items():
        spec = spec or {}
        label = str(spec.get("label", group))
        description = str(spec.get("description", spec.get("codebook", ""))).strip()
        if list_key == "variants":
            for variant, patterns in (spec.get("variants") or {}).items():
                for lang, pattern in forms_by_language(patterns):
                    rows.append((str(group), str(variant), pattern, label, description, lang))
        else:
            # A cue in English is its own label; a cue of another language counts for it too
            # when it is given as {cue: {ru: [...], ...}}.
            for cue in as_list(spec.get(list_key)):
                if isinstance(cue, dict):
                    for variant, forms in cue.items():
                        for lang, form in forms_by_language(forms):
                            rows.append((str(group), str(variant), form, label, description, lang))
                else:
                    rows.append((str(group), str(cue), str(cue), label, description, ""))
            for lang, form in forms_by_language(spec.get(f"{list_key}_by_language") or {}):
                rows.append((str(group), form, form, label, description, lang))
    return pd.DataFrame(rows, columns=PATTERN_TABLE_COLUMNS)


def naming(directory=None) -> pd.DataFrame:
    """Contested names: `group, variant, pattern, label, description` (one row per pattern)."""
    return _group_table("naming", directory, "groups", "variants")


def topics(directory=None) -> pd.DataFrame:
    """Topic cue dictionaries: `group` (topic key), `variant`/`pattern` (cue), `label`,
    `description`."""
    return _group_table("topics", directory, "topics", "cues")


def frames(directory=None) -> pd.DataFrame:
    """Frame cue dictionaries: `group` (frame key), `variant`/`pattern` (cue), `label`,
    `description` (the codebook line)."""
    return _group_table("frames", directory, "frames", "cues")


def events(directory=None) -> pd.DataFrame:
    """The story's calendar: `event, start, end, place, description` (dates as Timestamps),
    sorted by start. `end` equals `start` for one-day events."""
    rows = []
    for entry in load("events", directory).get("events", []) or []:
        start = pd.Timestamp(str(entry["start"]))
        end = pd.Timestamp(str(entry["end"])) if entry.get("end") else start
        if end < start:
            raise ValueError(f"event {entry.get('event')!r} ends before it starts")
        rows.append(
            {
                "event": str(entry["event"]),
                "start": start,
                "end": end,
                "place": str(entry.get("place", "")),
                "description": str(entry.get("description", "")).strip(),
            }
        )
    cols = ["event", "start", "end", "place", "description"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["start", "event"], kind="stable").reset_index(drop=True)


def event_cues(directory=None) -> pd.DataFrame:
    """Cues showing an article mentions an event: `group` (event), `variant`, `pattern`,
    `label` (the event), `description` (""), `language` ("" for `cues`, the ISO 639-1 code for
    the forms under `cues_by_language: {ru: [...], hy: [...]}`)."""
    rows = []
    for entry in load("events", directory).get("events", []) or []:
        event = str(entry["event"])
        for lang, cue in forms_by_language(entry.get("cues")):
            rows.append((event, cue, cue, event, "", lang))
        for lang, cue in forms_by_language(entry.get("cues_by_language") or {}):
            rows.append((event, cue, cue, event, "", lang))
    return pd.DataFrame(rows, columns=PATTERN_TABLE_COLUMNS)


#: Columns of `places()`.
PLACE_COLUMNS = ["place", "kind", "form", "language"]
_PLACE_KINDS = (
    ("names", "name"),
    ("demonyms", "demonym"),
    ("capital", "capital"),
    ("seats", "seat"),
)


def places(directory=None) -> pd.DataFrame:
    """The story's places, one row per way of writing them: `place, kind, form, language`.

    `kind` is `name` (the place itself too), `demonym`, `capital` or `seat`; `language` is ""
    for the English forms and the ISO 639-1 code for those under `forms:` (a `~` form takes
    the language's endings in `pattern_regex`). Empty when the folder has no `places.yaml`.
    """
    try:
        data = load("places", directory)
    except FileNotFoundError:
        return pd.DataFrame(columns=PLACE_COLUMNS)
    rows = []
    for entry in data.get("places", []) or []:
        place = str(entry["place"])
        rows.append((place, "name", place, ""))
        for key, kind in _PLACE_KINDS:
            rows += [(place, kind, str(form), "") for form in as_list(entry.get(key))]
        for lang, spec in (entry.get("forms") or {}).items():
            for key, kind in _PLACE_KINDS:
                rows += [(place, kind, str(f), str(lang)) for f in as_list((spec or {}).get(key))]
    return pd.DataFrame(rows, columns=PLACE_COLUMNS).drop_duplicates().reset_index(drop=True)
