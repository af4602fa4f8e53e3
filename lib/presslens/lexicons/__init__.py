"""The suite's knowledge of the story, read from `data/lexicons/*.yaml`, and the matchers using it.

Everything story-specific (who the actors are, which names are contested, what the sub-issues and
frames are, when things happened) lives in editable YAML files, each documented by its header
comment. This package reads them and finds their entries in text, returning match spans
(`start`/`end` are character offsets into the article's `text`, so any hit can be shown in
context).

* `store`: `load`, `fingerprint`, the tables (`naming`, `topics`, `frames`, `events`,
  `event_cues`, `places`); reads are keyed on each file's content, so an edit takes effect at
  once. Entries may give their forms per language (`{any: [...], ru: [...], hy: [...]}`,
  `cues_by_language:`, an actor's `forms:`), and every hit carries its paragraph's `language`.
* `patterns`: the one pattern syntax (`pattern_regex`) and `find_pattern` for one pattern.
* `terms`: `find_terms` for a pattern dictionary; `find_terms_in_text` for one string.
* `actors`: `actors()`, `find_actors`, `resolve_actor`, `actors_in_text`.

Lexicons are read from `config.lexicons_dir()` (env `PRESSLENS_LEXICONS`) or from the
`directory=` given to each function. Every public name is importable from `presslens.lexicons`.
"""

from __future__ import annotations

from presslens import _compat

from .actors import (
    ACTOR_COLUMNS,
    ACTOR_MATCH_COLUMNS,
    actors,
    actors_in_text,
    find_actors,
    resolve_actor,
)
from .patterns import PATTERN_HIT_COLUMNS, find_pattern, is_regex, pattern_regex
from .store import (
    PLACE_COLUMNS,
    TERM_LEXICONS,
    event_cues,
    events,
    fingerprint,
    frames,
    lexicon_directory,
    lexicon_names,
    load,
    naming,
    places,
    topics,
)
from .terms import TERM_COLUMNS, find_terms, find_terms_in_text

__all__ = [
    "ACTOR_COLUMNS",
    "ACTOR_MATCH_COLUMNS",
    "PATTERN_HIT_COLUMNS",
    "PLACE_COLUMNS",
    "TERM_COLUMNS",
    "TERM_LEXICONS",
    "actors",
    "actors_in_text",
    "event_cues",
    "events",
    "find_actors",
    "find_pattern",
    "find_terms",
    "find_terms_in_text",
    "fingerprint",
    "frames",
    "is_regex",
    "lexicon_directory",
    "lexicon_names",
    "load",
    "naming",
    "pattern_regex",
    "places",
    "resolve_actor",
    "topics",
]

# `lexicons.paragraph_spans` was a re-export of the one paragraph numbering.
__getattr__ = _compat.moved(__name__, {"paragraph_spans": "presslens.text"})
