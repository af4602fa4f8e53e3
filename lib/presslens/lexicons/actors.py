"""Actors found in text: `find_actors`, `resolve_actor`, `actors_in_text`, and `actors()`.

Actors match by whole words, longest alias first, tolerating typos in names (rapidfuzz ratio
against the words of people's names, `fuzzy_threshold` in `actors.yaml`), and each match records
the surface form found with its score (100 = exact). A demonym is not a state (the adjective is
not an alias unless `actors.yaml` lists it); a capital used as a place ("talks in <capital>") is
not the government (`metonym_rules` in `actors.yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from presslens.dataset import check_articles
from presslens.text import article_languages, normalize, paragraph_language, paragraph_spans
from presslens.text.inflection import inflected_forms

from .patterns import paragraph_of
from .store import as_list, fingerprint, lexicon_directory, load

ACTOR_COLUMNS = ["actor", "alias", "role", "side", "kind"]
#: Columns of `find_actors`.
ACTOR_MATCH_COLUMNS = [
    "article_id", "outlet", "paragraph", "actor", "role", "side", "kind",
    "surface", "start", "end", "score", "match", "language",
]  # fmt: skip
_ALIAS_KEYS = (("aliases", "alias"), ("misspellings", "misspelling"), ("metonyms", "metonym"))


def _alias_specs(value) -> list[tuple[object, str | None]]:
    """`(alias, language)` of an actor's alias list, or of a mapping of lists per language
    (`{any: [...], ru: [...], hy: [...]}`; language None for `any` and plain lists)."""
    if isinstance(value, dict) and "text" not in value:
        return [
            (alias, None if str(lang) == "any" else str(lang))
            for lang, aliases in value.items()
            for alias in as_list(aliases)
        ]
    return [(alias, None) for alias in as_list(value)]


def _entry_aliases(entry: dict, key: str) -> list[tuple[object, str | None]]:
    """`(alias, language)` of one kind of alias of an actor; `forms:` (`{ru: [...], hy: [...]}`,
    the actor's names in other languages) count as aliases."""
    specs = _alias_specs(entry.get(key))
    if key == "aliases":
        specs += _alias_specs(entry.get("forms") or {})
    return specs


def _spellings(text: str, language: str | None) -> list[str]:
    """An alias as the spellings it matches: each `~` word bare or with one of its language's
    endings (`text.inflection.inflected_forms`), the other words as written."""
    words = text.split()
    if not any(w.endswith("~") for w in words):
        return [text]
    options = [inflected_forms(w, language) for w in words]
    out = [""]
    for forms in options:
        out = [f"{a} {b}".strip() for a in out for b in forms]
    return out


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
        for kind_key, alias_type in _ALIAS_KEYS:
            for alias, _ in _entry_aliases(entry, kind_key):
                text = alias.get("text") if isinstance(alias, dict) else alias
                rows.append({**base, "alias": str(text), "alias_type": alias_type})
    cols = ACTOR_COLUMNS + ["alias_type"]
    return (
        pd.DataFrame(rows, columns=cols).drop_duplicates(["actor", "alias"]).reset_index(drop=True)
    )


_WORD_RE = re.compile(r"@\w+|(?:[^\W\d_]\.){2,}|[^\W_]+")
_GAP_OK = re.compile(r"^[\s\-/']*$")
_INITIAL_GAP = re.compile(r"^\.\s*$")


def _gap_ok(gap: str, previous_word: str) -> bool:
    """Words of one alias may be separated by space, hyphen, slash or apostrophe; a full stop only
    after an initial ("John F. Smith")."""
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
    language: str = ""  # a `forms:` alias counts only in paragraphs of its language (or "und")


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
        specs: list[tuple[object, str, str, str | None]] = [(name, "name", "", None)]
        for key, alias_type in _ALIAS_KEYS:
            specs += [
                (a, alias_type, spelling, lang)
                for a, lang in _entry_aliases(entry, key)
                for spelling in _spellings(str(a.get("text") if isinstance(a, dict) else a), lang)
            ]
        for spec, alias_type, spelling, lang in specs:
            opts = spec if isinstance(spec, dict) else {"text": spec}
            text = normalize(spelling or str(opts["text"]))
            words = tuple(w for _, _, w in _words(text))
            if not words:
                continue
            alias = _Alias(
                **base,
                words=words,
                folded=tuple(w.casefold() for w in words),
                alias_type=alias_type,
                require_before=frozenset(w.casefold() for w in as_list(opts.get("require_before"))),
                attributive=bool(opts.get("attributive", True)),
                language=lang or "",
            )
            by_first.setdefault(alias.folded[0], []).append(alias)
            vocabulary.update(alias.folded)
            # Typos are looked for near the names as written, not near each inflected spelling
            # (thousands of them would make every capitalised word a candidate).
            inflected = "~" in str(opts["text"])
            if is_fuzzy and alias_type in ("name", "alias") and not inflected:
                fuzzy.update(
                    f
                    for w, f in zip(words, alias.folded, strict=True)
                    if len(f) >= 5 and _is_capitalised(w) and not f.startswith("@")
                )
    for first in by_first:
        by_first[first].sort(key=lambda a: (-len(a.words), a.actor, a.words))
    ignore = frozenset(str(w).casefold() for w in as_list(data.get("ignore")))
    return _ActorMatcher(
        by_first=by_first,
        vocabulary=frozenset(vocabulary),
        fuzzy_words=tuple(sorted(fuzzy - ignore)),
        ignore=ignore,
        threshold=th,
        skip_after=frozenset(str(w).casefold() for w in as_list(rules.get("skip_after"))),
        skip_before=frozenset(str(w).casefold() for w in as_list(rules.get("skip_before"))),
    )


_matchers: dict[tuple[str, str, float | None], _ActorMatcher] = {}


def _matcher(directory=None, threshold: float | None = None) -> _ActorMatcher:
    """The matcher of `actors.yaml`, rebuilt when the file's content changes."""
    folder = lexicon_directory(directory)
    key = (str(folder), fingerprint("actors", folder), threshold)
    found = _matchers.get(key)
    if found is None:
        if len(_matchers) >= 16:
            _matchers.clear()
        found = _matchers[key] = _build_matcher(folder, threshold)
    return found


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
    norm = normalize(s)
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
    match`: `surface` is the text as written (a typo too); `score` is 100 for a listed alias and
    the rapidfuzz ratio of the weakest word for a typo match; `match` says how it matched
    (`name`, `alias`, `misspelling` (listed), `metonym` or `fuzzy`). `threshold` overrides
    `fuzzy_threshold`.
    """
    arts = check_articles(articles)
    m = _matcher(directory, threshold)
    rows = []
    items = zip(
        arts["article_id"], arts["outlet"], arts["text"], article_languages(arts), strict=True
    )
    for aid, outlet, txt, lang in items:
        txt = "" if txt is None or txt != txt else str(txt)
        spans = paragraph_spans(txt)
        starts = [a for a, _ in spans]
        languages: dict[int, str] = {}
        for alias, a, b, score in _match_actors(txt, m):
            p = paragraph_of(starts, spans, a)
            if p not in languages:
                languages[p] = paragraph_language(txt[slice(*spans[p])], lang)
            if alias.language and languages[p] not in (alias.language, "und"):
                continue  # a name of another language ("AB" is the EU in Turkish only)
            rows.append(
                (
                    aid,
                    outlet,
                    p,
                    alias.actor,
                    alias.role,
                    alias.side,
                    alias.kind,
                    txt[a:b],
                    a,
                    b,
                    score,
                    "fuzzy" if score < 100 else alias.alias_type,
                    languages[p],
                )
            )
    out = pd.DataFrame(rows, columns=ACTOR_MATCH_COLUMNS)
    return out.astype({"paragraph": "int64", "start": "int64", "end": "int64", "score": "float64"})


_KIND_RANK = {"person": 0, "institution": 1, "military": 2, "organisation": 3, "media": 4}


def resolve_actor(surface: str, *, directory=None, threshold: float | None = None) -> dict | None:
    """The actor a speaker description names, e.g. "ministry spokeswoman Jane Doe" → Jane Doe.

    Returns `{actor, role, side, kind, score, surface}` or None when no actor is named ("he",
    "a diplomat"). When several actors are named, a person beats an institution, which beats a
    state; then the higher score; then the later mention (the head of "<institution> spokesman X").
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
