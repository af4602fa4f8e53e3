"""The suite's knowledge of the story, read from `data/lexicons/*.yaml`, and the matchers using it.

Everything story-specific (who the actors are, which names are contested, what the sub-issues and
frames are, when things happened) lives in editable YAML files, each documented by its header
comment. This module reads them and finds their entries in text, returning match spans
(`start`/`end` are character offsets into the article's `text`, so any hit can be shown in
context).

* `find_actors` / `resolve_actor` match actors by whole words, longest alias first, tolerating
  typos in names (rapidfuzz ratio against the words of people's names, `fuzzy_threshold` in
  `actors.yaml`), and record the surface form found with its score (100 = exact). Demonyms are not
  states ("Armenian" is not the actor Armenia); capitals used as places ("talks in Washington")
  are not the government (see `actors.yaml`).
* `find_terms` matches the pattern dictionaries (`naming`, `topics`, `frames`, `events`): whole
  words, a trailing `*` for inflections, and within one group the longest overlapping hit wins,
  so a span is never counted twice in a group.

Lexicons are read from `config.lexicons_dir()` (env `PRESSLENS_LEXICONS`) or from the
`directory=` given to each function.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

import pandas as pd

from presslens import config, parallel
from presslens import text as ptext

TERM_LEXICONS = ("naming", "topics", "frames", "events")

ACTOR_COLUMNS = ["actor", "alias", "role", "side", "kind"]
ACTOR_MATCH_COLUMNS = [
    "article_id",
    "outlet",
    "paragraph",
    "actor",
    "role",
    "side",
    "kind",
    "surface",
    "start",
    "end",
    "score",
    "match",
]
TERM_COLUMNS = ["article_id", "outlet", "paragraph", "group", "variant", "surface", "start", "end"]


# --------------------------------------------------------------------------------------------
# Reading


def _directory(directory) -> Path:
    return Path(directory).expanduser().resolve() if directory else config.lexicons_dir()


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int) -> dict:
    import yaml

    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return data if isinstance(data, dict) else {}


def load(name: str, directory=None) -> dict:
    """The raw content of `<directory>/<name>.yaml` (default: `config.lexicons_dir()`).

    Cached by path and modification time, so an edited lexicon is re-read.
    """
    folder = _directory(directory)
    for suffix in (".yaml", ".yml"):
        path = folder / f"{name}{suffix}"
        if path.exists():
            return _load_cached(str(path), path.stat().st_mtime_ns)
    raise FileNotFoundError(f"no lexicon {name!r} in {folder} (expected {name}.yaml)")


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        return [value]
    return list(value)


def actors(directory=None) -> pd.DataFrame:
    """One row per way of naming an actor: `actor, alias, role, side, kind, alias_type`.

    `alias_type` is `name` (the canonical name), `alias`, `misspelling` or `metonym`.
    """
    rows = []
    for entry in load("actors", directory).get("actors", []) or []:
        name = str(entry["name"])
        base = {
            "actor": name,
            "role": str(entry.get("role", "")),
            "side": str(entry.get("side", "")),
            "kind": str(entry.get("kind", "")),
        }
        rows.append({**base, "alias": name, "alias_type": "name"})
        for kind_key, alias_type in (
            ("aliases", "alias"),
            ("misspellings", "misspelling"),
            ("metonyms", "metonym"),
        ):
            for alias in _as_list(entry.get(kind_key)):
                text = alias.get("text") if isinstance(alias, dict) else alias
                rows.append({**base, "alias": str(text), "alias_type": alias_type})
    cols = ACTOR_COLUMNS + ["alias_type"]
    return (
        pd.DataFrame(rows, columns=cols).drop_duplicates(["actor", "alias"]).reset_index(drop=True)
    )


def _group_table(name: str, directory, container: str, list_key: str) -> pd.DataFrame:
    data = load(name, directory).get(container, {}) or {}
    rows = []
    for group, spec in data.items():
        spec = spec or {}
        label = str(spec.get("label", group))
        description = str(spec.get("description", spec.get("codebook", ""))).strip()
        if list_key == "variants":
            for variant, patterns in (spec.get("variants") or {}).items():
                for pattern in _as_list(patterns):
                    rows.append((str(group), str(variant), str(pattern), label, description))
        else:
            for cue in _as_list(spec.get(list_key)):
                rows.append((str(group), str(cue), str(cue), label, description))
    return pd.DataFrame(rows, columns=["group", "variant", "pattern", "label", "description"])


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
    """Cues showing an article mentions an event: `group` (event), `variant`, `pattern`."""
    rows = []
    for entry in load("events", directory).get("events", []) or []:
        for cue in _as_list(entry.get("cues")):
            rows.append((str(entry["event"]), str(cue), str(cue), str(entry["event"]), ""))
    return pd.DataFrame(rows, columns=["group", "variant", "pattern", "label", "description"])


# --------------------------------------------------------------------------------------------
# Pattern dictionaries (naming, topics, frames, events)


def pattern_regex(pattern: str) -> re.Pattern:
    """Compile a lexicon pattern (see naming.yaml's header) to a regular expression.

    Words match whole; a trailing `*` allows any word ending; a space or hyphen between words
    matches either; case-insensitive unless the pattern is written entirely in capitals.
    """
    pattern = ptext.normalize(pattern.strip())
    if not pattern:
        raise ValueError("empty pattern")
    words = [w for w in re.split(r"[\s\-]+", pattern) if w]
    parts = []
    for word in words:
        star = word.endswith("*")
        core = re.escape(word.rstrip("*"))
        parts.append(core + (r"\w*" if star else ""))
    body = r"[\s\-]+".join(parts)
    letters = [c for c in pattern if c.isalpha()]
    case_sensitive = len(letters) >= 2 and all(c.isupper() for c in letters)
    flags = 0 if case_sensitive else re.IGNORECASE
    # Whole words: no word character (or @) before, none after.
    return re.compile(r"(?<![\w@])" + body + r"(?![\w])", flags)


def _term_table(lexicon, directory) -> pd.DataFrame:
    if isinstance(lexicon, pd.DataFrame):
        table = lexicon.copy()
        if "pattern" not in table:
            table["pattern"] = table["variant"]
        return table
    if lexicon == "naming":
        return naming(directory)
    if lexicon == "topics":
        return topics(directory)
    if lexicon == "frames":
        return frames(directory)
    if lexicon == "events":
        return event_cues(directory)
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
    by_key: dict[str, list[int]] = field(default_factory=dict)
    anywhere: list[int] = field(default_factory=list)  # may start at a non-word character
    key_lengths: tuple[int, ...] = ()


@lru_cache(maxsize=32)
def _compile_terms(key: tuple[tuple[str, str, str], ...]) -> _Compiled:
    compiled = _Compiled([(g, v, pattern_regex(p)) for g, v, p in key])
    for i, (_, _, p) in enumerate(key):
        lead = _WORD_RUN.match(ptext.normalize(p.strip()))
        if lead is None:
            compiled.anywhere.append(i)
        else:
            compiled.by_key.setdefault(lead.group(0)[:_KEY_LEN].lower(), []).append(i)
    compiled.key_lengths = tuple(sorted({len(k) for k in compiled.by_key}))
    return compiled


def find_terms_in_text(s: str, lexicon, directory=None) -> list[tuple[str, str, int, int]]:
    """`(group, variant, start, end)` of every hit in one string, overlaps resolved per group."""
    table = _term_table(lexicon, directory)
    compiled = _compile_terms(
        tuple(zip(table["group"], table["variant"], table["pattern"], strict=True))
    )
    return _terms_in(ptext.normalize(s), compiled)


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


def _terms_in(norm: str, compiled: _Compiled) -> list[tuple[str, str, int, int]]:
    by_group: dict[str, list[tuple[int, int, str]]] = {}
    for e, a, b in _raw_hits(norm, compiled):
        if b > a:
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


paragraph_spans = ptext.paragraph_spans  # one paragraph numbering for every module


def _paragraph_of(starts: list[int], spans: list[tuple[int, int]], pos: int) -> int:
    """Index of the paragraph holding offset `pos` (the last one when it falls between them)."""
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < spans[i][1]:
        return i
    return max(len(spans) - 1, 0)


def _articles(articles: pd.DataFrame) -> pd.DataFrame:
    if "text" not in articles:
        raise ValueError("articles needs a `text` column (see presslens.load_articles())")
    out = articles
    if "article_id" not in out:
        out = out.assign(article_id=out.index.astype(str))
    if "outlet" not in out:
        out = out.assign(outlet=pd.NA)
    return out


def _term_rows(compiled: _Compiled, items: list[tuple]) -> pd.DataFrame:
    """The `find_terms` table of `(article_id, outlet, text)` items (built in the worker, so
    only column arrays travel back from a pool)."""
    rows = []
    for aid, outlet, txt in items:
        txt = "" if txt is None or txt != txt else str(txt)
        spans = paragraph_spans(txt)
        starts = [a for a, _ in spans]
        for group, variant, a, b in _terms_in(ptext.normalize(txt), compiled):
            rows.append(
                (aid, outlet, _paragraph_of(starts, spans, a), group, variant, txt[a:b], a, b)
            )
    out = pd.DataFrame(rows, columns=TERM_COLUMNS)
    return out.astype({"paragraph": "int64", "start": "int64", "end": "int64"})


def find_terms(articles: pd.DataFrame, lexicon, *, directory=None) -> pd.DataFrame:
    """Every hit of a pattern dictionary in the articles.

    `lexicon`: `"naming"`, `"topics"`, `"frames"`, `"events"`, or a DataFrame with `group,
    variant, pattern` columns. Returns `article_id, outlet, paragraph, group, variant, surface,
    start, end` (offsets into the article's `text`; `surface` is the text as written), sorted by
    article and position.
    """
    arts = _articles(articles)
    table = _term_table(lexicon, directory)
    compiled = _compile_terms(
        tuple(zip(table["group"], table["variant"], table["pattern"], strict=True))
    )
    items = list(zip(arts["article_id"], arts["outlet"], arts["text"], strict=True))
    size = parallel.CHUNK_ROWS
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    parts = parallel.map_chunks(partial(_term_rows, compiled), chunks, n_rows=len(items))
    if not parts:
        return _term_rows(compiled, [])
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


# --------------------------------------------------------------------------------------------
# Actors

_WORD_RE = re.compile(r"@\w+|(?:[^\W\d_]\.){2,}|[^\W_]+")
_GAP_OK = re.compile(r"^[\s\-/']*$")
_INITIAL_GAP = re.compile(r"^\.\s*$")


def _gap_ok(gap: str, previous_word: str) -> bool:
    """Words of one alias may be separated by space, hyphen, slash or apostrophe; a full stop only
    after an initial ("George P. Shultz")."""
    return bool(_GAP_OK.match(gap)) or (len(previous_word) == 1 and bool(_INITIAL_GAP.match(gap)))


def _words(s: str) -> list[tuple[int, int, str]]:
    """`(start, end, word)` of the words of `s` (hyphens, slashes, apostrophes split words)."""
    return [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(s)]


def _is_capitalised(w: str) -> bool:
    first = w.lstrip("@")[:1]
    return first.isupper()


def _is_acronym(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class _Alias:
    actor: str
    role: str
    side: str
    kind: str
    words: tuple[str, ...]  # as written
    folded: tuple[str, ...]  # casefolded
    alias_type: str
    require_before: frozenset[str] = frozenset()
    attributive: bool = True


@dataclass
class _ActorMatcher:
    by_first: dict[str, list[_Alias]]
    vocabulary: frozenset[str]  # every alias word, casefolded
    fuzzy_words: tuple[str, ...]  # casefolded name words eligible for typo matching
    ignore: frozenset[str]
    threshold: float
    skip_after: frozenset[str]
    skip_before: frozenset[str]


def _build_matcher(directory, threshold: float | None) -> _ActorMatcher:
    data = load("actors", directory)
    rules = data.get("metonym_rules", {}) or {}
    th = float(threshold if threshold is not None else data.get("fuzzy_threshold", 85))
    by_first: dict[str, list[_Alias]] = {}
    vocabulary: set[str] = set()
    fuzzy: set[str] = set()
    for entry in data.get("actors", []) or []:
        name = str(entry["name"])
        kind = str(entry.get("kind", ""))
        is_fuzzy = bool(entry.get("fuzzy", kind == "person"))
        base = dict(
            actor=name,
            role=str(entry.get("role", "")),
            side=str(entry.get("side", "")),
            kind=kind,
        )
        specs: list[tuple[object, str]] = [(name, "name")]
        for key, alias_type in (
            ("aliases", "alias"),
            ("misspellings", "misspelling"),
            ("metonyms", "metonym"),
        ):
            specs += [(a, alias_type) for a in _as_list(entry.get(key))]
        for spec, alias_type in specs:
            opts = spec if isinstance(spec, dict) else {"text": spec}
            text = ptext.normalize(str(opts["text"]))
            words = tuple(w for _, _, w in _words(text))
            if not words:
                continue
            alias = _Alias(
                **base,
                words=words,
                folded=tuple(w.casefold() for w in words),
                alias_type=alias_type,
                require_before=frozenset(
                    w.casefold() for w in _as_list(opts.get("require_before"))
                ),
                attributive=bool(opts.get("attributive", True)),
            )
            by_first.setdefault(alias.folded[0], []).append(alias)
            vocabulary.update(alias.folded)
            if is_fuzzy and alias_type in ("name", "alias"):
                fuzzy.update(
                    f
                    for w, f in zip(words, alias.folded, strict=True)
                    if len(f) >= 5 and _is_capitalised(w) and not f.startswith("@")
                )
    for first in by_first:
        by_first[first].sort(key=lambda a: (-len(a.words), a.actor, a.words))
    ignore = frozenset(str(w).casefold() for w in _as_list(data.get("ignore")))
    return _ActorMatcher(
        by_first=by_first,
        vocabulary=frozenset(vocabulary),
        fuzzy_words=tuple(sorted(fuzzy - ignore)),
        ignore=ignore,
        threshold=th,
        skip_after=frozenset(str(w).casefold() for w in _as_list(rules.get("skip_after"))),
        skip_before=frozenset(str(w).casefold() for w in _as_list(rules.get("skip_before"))),
    )


@lru_cache(maxsize=16)
def _matcher_cached(directory: str, mtime_ns: int, threshold: float | None) -> _ActorMatcher:
    return _build_matcher(directory, threshold)


def _matcher(directory=None, threshold: float | None = None) -> _ActorMatcher:
    folder = _directory(directory)
    path = folder / "actors.yaml"
    mtime = path.stat().st_mtime_ns if path.exists() else 0
    return _matcher_cached(str(folder), mtime, threshold)


@lru_cache(maxsize=50_000)
def _fuzzy_lookup(word: str, fuzzy_words: tuple[str, ...], threshold: float):
    from rapidfuzz import fuzz, process

    candidates = [w for w in fuzzy_words if w[0] == word[0] and abs(len(w) - len(word)) <= 2]
    if not candidates:
        return None
    best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=threshold)
    return (best[0], float(best[1])) if best else None


def _canonical(words: list[tuple[int, int, str]], m: _ActorMatcher) -> list[tuple[str, float]]:
    """Each text word as an alias word: itself (score 100) or its nearest fuzzy name word."""
    out = []
    for _, _, w in words:
        f = w.casefold()
        if f in m.vocabulary or not _is_capitalised(w) or f in m.ignore or len(f) < 4:
            out.append((f, 100.0))
            continue
        hit = _fuzzy_lookup(f, m.fuzzy_words, m.threshold)
        out.append(hit if hit else (f, 100.0))
    return out


def _word_ok(alias_word: str, text_word: str) -> bool:
    if _is_acronym(alias_word):
        return text_word == alias_word
    if _is_capitalised(alias_word):
        return _is_capitalised(text_word)
    return True


def _match_actors(s: str, m: _ActorMatcher) -> list[tuple[_Alias, int, int, float]]:
    """Greedy left-to-right, longest-alias-first matches in one string."""
    norm = ptext.normalize(s)
    words = _words(norm)
    canon = _canonical(words, m)
    out = []
    i, n = 0, len(words)
    while i < n:
        matched = None
        for alias in m.by_first.get(canon[i][0], ()):
            k = len(alias.words)
            if i + k > n:
                continue
            ok = True
            for j in range(k):
                if canon[i + j][0] != alias.folded[j] or not _word_ok(
                    alias.words[j], words[i + j][2]
                ):
                    ok = False
                    break
                if j and not _gap_ok(
                    norm[words[i + j - 1][1] : words[i + j][0]], words[i + j - 1][2]
                ):
                    ok = False
                    break
            if not ok:
                continue
            prev = words[i - 1][2].casefold() if i > 0 else ""
            prev_gap = norm[words[i - 1][1] : words[i][0]] if i > 0 else ""
            nxt_i = i + k
            end = words[nxt_i - 1][1]
            nxt = words[nxt_i][2] if nxt_i < n else ""
            nxt_gap = norm[end : words[nxt_i][0]] if nxt_i < n else ""
            if alias.require_before and (
                prev not in alias.require_before or not _GAP_OK.match(prev_gap)
            ):
                continue
            if not alias.attributive and (
                norm[end : end + 1] == "-"
                or (nxt and _is_capitalised(nxt) and nxt_gap.strip() == "")
            ):
                continue
            if alias.alias_type == "metonym" and (
                (prev in m.skip_after and prev_gap.strip() == "")
                or (nxt.casefold() in m.skip_before and nxt_gap.strip() in ("", "-"))
            ):
                continue
            matched = (alias, k)
            break
        if matched is None:
            i += 1
            continue
        alias, k = matched
        score = min(canon[i + j][1] for j in range(k))
        out.append((alias, words[i][0], words[i + k - 1][1], score))
        i += k
    return out


def find_actors(
    articles: pd.DataFrame, *, directory=None, threshold: float | None = None
) -> pd.DataFrame:
    """Every actor mention in the articles.

    Returns `article_id, outlet, paragraph, actor, role, side, kind, surface, start, end, score,
    match`: `surface` is the text as written ("Binken"); `score` is 100 for a listed alias and
    the rapidfuzz ratio of the weakest word for a typo match; `match` says how it matched
    (`name`, `alias`, `misspelling` (listed), `metonym` or `fuzzy`). `threshold` overrides
    `fuzzy_threshold`.
    """
    arts = _articles(articles)
    m = _matcher(directory, threshold)
    rows = []
    for aid, outlet, txt in zip(arts["article_id"], arts["outlet"], arts["text"], strict=True):
        txt = "" if txt is None or txt != txt else str(txt)
        spans = paragraph_spans(txt)
        starts = [a for a, _ in spans]
        for alias, a, b, score in _match_actors(txt, m):
            rows.append(
                (
                    aid,
                    outlet,
                    _paragraph_of(starts, spans, a),
                    alias.actor,
                    alias.role,
                    alias.side,
                    alias.kind,
                    txt[a:b],
                    a,
                    b,
                    score,
                    "fuzzy" if score < 100 else alias.alias_type,
                )
            )
    out = pd.DataFrame(rows, columns=ACTOR_MATCH_COLUMNS)
    return out.astype({"paragraph": "int64", "start": "int64", "end": "int64", "score": "float64"})


_KIND_RANK = {"person": 0, "institution": 1, "military": 2, "organisation": 3, "media": 4}


def resolve_actor(surface: str, *, directory=None, threshold: float | None = None) -> dict | None:
    """The actor a speaker description names, e.g. "Kremlin spokesman Dmitry Peskov" → Peskov.

    Returns `{actor, role, side, kind, score, surface}` or None when no actor is named ("he",
    "a diplomat"). When several actors are named, a person beats an institution, which beats a
    state; then the higher score; then the later mention (the head of "Kremlin spokesman X").
    """
    if not surface or not str(surface).strip():
        return None
    m = _matcher(directory, threshold)
    hits = _match_actors(str(surface), m)
    if not hits:
        return None
    ranked = sorted(
        enumerate(hits),
        key=lambda ih: (_KIND_RANK.get(ih[1][0].kind, 5), -ih[1][3], -ih[0]),
    )
    alias, a, b, score = ranked[0][1]
    return {
        "actor": alias.actor,
        "role": alias.role,
        "side": alias.side,
        "kind": alias.kind,
        "score": float(score),
        "surface": str(surface)[a:b],
    }


def actors_in_text(s: str, *, directory=None) -> list[dict]:
    """Every actor named in one string: `[{actor, side, surface, start, end, score}, ...]`."""
    return [
        {
            "actor": alias.actor,
            "side": alias.side,
            "surface": s[a:b],
            "start": a,
            "end": b,
            "score": score,
        }
        for alias, a, b, score in _match_actors(s, _matcher(directory))
    ]


def lexicon_names(directory=None) -> Iterable[str]:
    """Names of the lexicon files present (without `.yaml`)."""
    folder = _directory(directory)
    return sorted(p.stem for p in folder.glob("*.y*ml"))
