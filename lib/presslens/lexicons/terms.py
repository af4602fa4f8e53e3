"""Pattern dictionaries (`naming`, `topics`, `frames`, `events`) found in text: `find_terms`.

Every hit carries the `language` of the paragraph it was found in (`text.paragraph_language`),
whatever language the form was listed under, so the same variant can be counted across
languages and still told apart by them.

Within one group the longest overlapping hit wins, so a span is never counted twice in a group.
Patterns are indexed by the first letters of their first word, so a text is scanned once, not
once per pattern (hits identical to each pattern's own `finditer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, partial

import pandas as pd

from presslens import parallel
from presslens.dataset import check_articles
from presslens.text import article_languages, normalize, paragraph_language, paragraph_spans

from .patterns import is_regex, paragraph_of, pattern_regex
from .store import TERM_LEXICONS, event_cues, frames, naming, topics

TERM_COLUMNS = [
    "article_id",
    "outlet",
    "paragraph",
    "group",
    "variant",
    "surface",
    "start",
    "end",
    "language",
]

_TABLES = {"naming": naming, "topics": topics, "frames": frames, "events": event_cues}


def _term_table(lexicon, directory) -> pd.DataFrame:
    if isinstance(lexicon, pd.DataFrame):
        table = lexicon.copy()
        if "pattern" not in table:
            table["pattern"] = table["variant"]
        return table
    if isinstance(lexicon, str) and lexicon in _TABLES:
        return _TABLES[lexicon](directory)
    raise ValueError(f"unknown lexicon {lexicon!r}; expected one of {TERM_LEXICONS} or a DataFrame")


_WORD_RUN = re.compile(r"\w+")
#: Patterns are indexed by the first (up to) this many letters of their first word.
_KEY_LEN = 3


@dataclass
class _Compiled:
    """A pattern dictionary ready to search: a pattern can only match where a word starts with
    its first letters, so each text word is looked up in `by_key` and only those patterns are
    tried there (one pass over the text instead of one per pattern)."""

    entries: list[tuple[str, str, re.Pattern]] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # each entry's language, "" for any
    by_key: dict[str, list[int]] = field(default_factory=dict)
    anywhere: list[int] = field(default_factory=list)  # may start at a non-word character
    key_lengths: tuple[int, ...] = ()


@lru_cache(maxsize=32)
def _compile_terms(key: tuple[tuple[str, str, str, str], ...]) -> _Compiled:
    compiled = _Compiled(
        [(g, v, pattern_regex(p, language=lang or None)) for g, v, p, lang in key],
        [lang for _, _, _, lang in key],
    )
    for i, (_, _, p, _) in enumerate(key):
        lead = None if is_regex(p) else _WORD_RUN.match(normalize(p.strip()))
        if lead is None:
            compiled.anywhere.append(i)
        else:
            compiled.by_key.setdefault(lead.group(0)[:_KEY_LEN].lower(), []).append(i)
    compiled.key_lengths = tuple(sorted({len(k) for k in compiled.by_key}))
    return compiled


def _compiled(lexicon, directory) -> _Compiled:
    table = _term_table(lexicon, directory)
    languages = table["language"].fillna("") if "language" in table else [""] * len(table)
    return _compile_terms(
        tuple(zip(table["group"], table["variant"], table["pattern"], languages, strict=True))
    )


def find_terms_in_text(s: str, lexicon, directory=None) -> list[tuple[str, str, int, int]]:
    """`(group, variant, start, end)` of every hit in one string, overlaps resolved per group."""
    return _terms_in(normalize(s), _compiled(lexicon, directory))


def _raw_hits(norm: str, compiled: _Compiled) -> list[tuple[int, int, int]]:
    """`(entry, start, end)` of each pattern's matches, as its own `finditer` would find them."""
    entries, by_key = compiled.entries, compiled.by_key
    hits = []
    for e in compiled.anywhere:
        hits.extend((e, m.start(), m.end()) for m in entries[e][2].finditer(norm))
    resume: dict[int, int] = {}  # entry -> end of its last match (matches do not overlap)
    lengths = compiled.key_lengths
    for word in _WORD_RUN.finditer(norm) if by_key else ():
        low = word.group(0)[:_KEY_LEN].lower()
        for k in lengths:
            found = by_key.get(low if k == _KEY_LEN else low[:k])
            if not found:
                continue
            i = word.start()
            for e in found:
                if i < resume.get(e, 0):
                    continue
                m = entries[e][2].match(norm, i)
                if m is not None:
                    hits.append((e, i, m.end()))
                    resume[e] = m.end()
    return hits


def _terms_in(norm: str, compiled: _Compiled, keep=None) -> list[tuple[str, str, int, int]]:
    """Hits with overlaps resolved per group; `keep(language, start)` (when given) says
    whether a form of `language` may count at `start`, before overlaps are resolved."""
    by_group: dict[str, list[tuple[int, int, str]]] = {}
    for e, a, b in _raw_hits(norm, compiled):
        if b > a and (keep is None or keep(compiled.languages[e], a)):
            group, variant, _ = compiled.entries[e]
            by_group.setdefault(group, []).append((a, b, variant))
    out = []
    for group, hits in by_group.items():
        # Longest first among overlapping hits; earlier start breaks ties.
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0], h[2]))
        taken: list[tuple[int, int]] = []
        for a, b, variant in hits:
            if any(a < tb and ta < b for ta, tb in taken):
                continue
            taken.append((a, b))
            out.append((group, variant, a, b))
    out.sort(key=lambda h: (h[2], h[3], h[0], h[1]))
    return out


def _term_rows(compiled: _Compiled, items: list[tuple]) -> pd.DataFrame:
    """The `find_terms` table of `(article_id, outlet, text)` items (built in the worker, so
    only column arrays travel back from a pool)."""
    rows = []
    for aid, outlet, txt, lang in items:
        txt = "" if txt is None or txt != txt else str(txt)
        spans = paragraph_spans(txt)
        starts = [a for a, _ in spans]
        languages: dict[int, str] = {}  # paragraph -> its language, for paragraphs with hits

        def language_at(
            pos: int, txt=txt, spans=spans, starts=starts, lang=lang, languages=languages
        ):
            p = paragraph_of(starts, spans, pos)
            if p not in languages:
                languages[p] = paragraph_language(txt[slice(*spans[p])], lang) if spans else lang
            return p, languages[p]

        def keep(form_language: str, pos: int, language_at=language_at) -> bool:
            # a form given for one language counts in paragraphs of that language (or "und")
            return not form_language or language_at(pos)[1] in (form_language, "und")

        for group, variant, a, b in _terms_in(normalize(txt), compiled, keep):
            p, language = language_at(a)
            rows.append((aid, outlet, p, group, variant, txt[a:b], a, b, language))
    out = pd.DataFrame(rows, columns=TERM_COLUMNS)
    return out.astype({"paragraph": "int64", "start": "int64", "end": "int64"})


def find_terms(articles: pd.DataFrame, lexicon, *, directory=None) -> pd.DataFrame:
    """Every hit of a pattern dictionary in the articles.

    `lexicon`: `"naming"`, `"topics"`, `"frames"`, `"events"`, or a DataFrame with `group,
    variant, pattern` columns (patterns in the syntax of `presslens.lexicons.patterns`). Returns
    `article_id, outlet, paragraph, group, variant, surface, start, end` (offsets into the
    article's `text`; `surface` is the text as written), sorted by article and position, and
    `language`, the paragraph's (`text.paragraph_language`; the article's own `language` when
    the paragraph does not clearly say otherwise).
    """
    arts = check_articles(articles)
    compiled = _compiled(lexicon, directory)
    items = list(
        zip(arts["article_id"], arts["outlet"], arts["text"], article_languages(arts), strict=True)
    )
    size = parallel.CHUNK_ROWS
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    parts = parallel.map_chunks(partial(_term_rows, compiled), chunks, n_rows=len(items))
    if not parts:
        return _term_rows(compiled, [])
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
