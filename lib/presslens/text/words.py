"""What a word is: normalisation, the one token regex, stop words, stems, n-grams and phrases.

Decisions (documented here because they change counts):

* **Normalisation** (`normalize`) maps curly quotes and apostrophes to straight ones, every dash
  to `-` and non-breaking/thin spaces to a space, *character for character*, so a span found in the
  normalised text indexes the original text, which is what we display.
* **Tokens** come from one compiled regular expression over normalised text. A token is a run of
  letters/digits that may be joined by an inner hyphen, apostrophe, slash or ampersand
  (`north-east`, `minister's`, `and/or`, `27-28`), a number with inner `.`/`,` (`120,000`), a
  dotted abbreviation (`u.n.`, kept with its dots so it never collides with a word spelt the same
  way), or a handle/hashtag (`@newsdesk`). Em dashes separate words (`dialogue—both` is two
  tokens); en dashes and hyphens join them. Possessive `'s` stays on the token (`minister's`),
  identical for curly and straight apostrophes.
* **Multi-word terms** (`phrases=`, e.g. "border crossing") are matched case-insensitively on
  token sequences, longest first, and joined with an underscore into one token
  (`border_crossing`), so they never collide with single words and survive any vectoriser.
* **Stop words** are per language (`stop_words(language)`). English (`STOP_WORDS`) is the
  `stop-words` package's list, minus `KEPT_WORDS` (content words that list treats as stop words
  but that carry meaning in news wording: "against", "despite", "state", "welcome", "serious",
  "goods", ...), plus `DOMAIN_STOP_WORDS` (reporting verbs and fillers such as "said", "told",
  "also"). Other languages: the package's list, with the detector's own function words for
  languages it lacks (az, hy: `clean.languages.EXTRA_STOP_WORDS`); a language with neither has
  none, so nothing is dropped rather than dropping English words from it.
* **Stems** (`stem(token, language)`): Snowball (NLTK's English for en, the `snowballstemmer`
  package for ru, hy, tr, fr, de and the others it covers; a Turkish proper name loses its
  apostrophe suffix first), and for az, which Snowball lacks, the ending rules of
  `presslens.text.inflection` (`strip_ending`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

# --------------------------------------------------------------------------------------------
# Normalisation

_QUOTES_SINGLE = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_QUOTES_DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2007\u2009\u200a\u202f\u205f\u3000\u2002\u2003\u2004\u2005\u2006\u2008"

_NORMALIZE = str.maketrans(
    {
        **{c: "'" for c in _QUOTES_SINGLE},
        **{c: '"' for c in _QUOTES_DOUBLE},
        **{c: "-" for c in _DASHES},
        **{c: " " for c in _SPACES},
    }
)
# For tokenising only: em/horizontal-bar dashes separate words instead of joining them.
_TOKEN_TABLE = dict(_NORMALIZE)
_TOKEN_TABLE.update({ord("\u2014"): " ", ord("\u2015"): " "})
_NORM_PAIRS = tuple((chr(k), v) for k, v in _NORMALIZE.items())
_TOKEN_PAIRS = tuple((chr(k), v) for k, v in _TOKEN_TABLE.items())


def _replace_all(s: str, pairs) -> str:
    # str.translate with a dict is slow on non-ASCII text; a few C-level replaces are ~10x faster
    if s.isascii():
        return s
    for old, new in pairs:
        if old in s:
            s = s.replace(old, new)
    return s


def normalize(s: str) -> str:
    """Curly quotes → straight, dashes → `-`, NBSP/thin spaces → space; same length as `s`.

    Length-preserving (char for char), so offsets found in the result index the original.
    """
    return _replace_all(s, _NORM_PAIRS)


# --------------------------------------------------------------------------------------------
# Tokens

_TOKEN_RE = re.compile(
    r"""
    (?=[\w@\#])                                 # (every token starts so: spaces skipped fast)
    (?:
      [@\#][^\W_]\w*+                           # @handle, #hashtag
    | (?:[^\W\d_]\.){2,}+(?![^\W\d_])           # dotted abbreviation: U.N., e.g.
    | \w++(?:(?:['/&-]|(?<=\d)[.,](?=\d))\w++)*+  # words, joined words, numbers (120,000 / 3.5)
    )
    """,
    re.VERBOSE,
)  # possessive quantifiers: no backtracking, ~1.5x faster on news text

#: Words the `stop-words` English list treats as stop words that we keep: they carry meaning in
#: news wording (stance, quantities, institutions).
KEPT_WORDS = frozenset(
    """
    against despite state states welcome serious seriously goods problem problems significant
    significantly important importance information million billion thousand hundred trillion
    world years young system research group groups member members proud sincere novel early
    recent recently close clear clearly right order orders interest interests value effect
    cause causes present necessary immediate immediately strongly successfully willing
    unfortunately great greater greatest large largely small former latest older oldest newer
    newest second third first last new years year two one three four five six seven eight nine
    ten twenty thirty forty fifty sixty seventy eighty ninety hundred areas area places place
    number numbers backing backed opposite support forward ahead brief
    """.split()
)

#: Reporting verbs and fillers that say nothing about an outlet's wording.
DOMAIN_STOP_WORDS = frozenset(
    """
    said says say saying told tells tell also according added adds would could will may might
    mr mrs ms
    """.split()
)


def _load_stop_words() -> frozenset[str]:
    from stop_words import get_stop_words

    base = {w.lower() for w in get_stop_words("english")}
    return frozenset((base - KEPT_WORDS) | DOMAIN_STOP_WORDS)


#: The stop-word set used by every analysis (see the module docstring for what is in it).
STOP_WORDS: frozenset[str] = _load_stop_words()


#: Snowball stemmers of the `snowballstemmer` package, by ISO 639-1 code.
SNOWBALL_LANGUAGES = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "fi": "finnish", "fr": "french", "de": "german",
    "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish",
    "it": "italian", "lt": "lithuanian", "ne": "nepali", "nb": "norwegian", "no": "norwegian",
    "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
}  # fmt: skip
#: Languages stemmed by the ending rules of `presslens.text.inflection` instead.
RULE_STEMMED = ("az",)


@lru_cache(maxsize=64)
def stop_words(language: str | None = "en") -> frozenset[str]:
    """The stop words of `language` (ISO 639-1): `STOP_WORDS` for English, the `stop-words`
    package's list or the detector's function words otherwise, an empty set when there is
    none (never another language's list)."""
    if language in (None, "en"):
        return STOP_WORDS
    from stop_words import LANGUAGE_MAPPING, get_stop_words

    from presslens.clean.languages import EXTRA_STOP_WORDS

    words = set(EXTRA_STOP_WORDS.get(language, ()))
    if language in LANGUAGE_MAPPING:
        words |= {w.lower() for w in get_stop_words(language)}
    return frozenset(words)


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english", ignore_stopwords=False)


@lru_cache(maxsize=32)
def _snowball(language: str):
    import snowballstemmer

    return snowballstemmer.stemmer(SNOWBALL_LANGUAGES[language])


@lru_cache(maxsize=200_000)
def stem(token: str, language: str | None = "en") -> str:
    """Stem of one token in `language` (see the module docstring); joined phrase tokens, and
    tokens of a language without a stemmer ("und"), are left as they are."""
    if "_" in token:
        return token
    if language in (None, "en"):
        return _stemmer().stem(token)
    if language in RULE_STEMMED:
        from .inflection import strip_ending

        return strip_ending(token, language)
    if language not in SNOWBALL_LANGUAGES:
        return token
    if language == "tr" and "'" in token:
        token = token.split("'", 1)[0]
    return _snowball(language).stemWord(token)


def _phrase_key(phrases: Iterable[str] | None) -> tuple[str, ...]:
    if not phrases:
        return ()
    if isinstance(phrases, str):
        phrases = [phrases]
    if isinstance(phrases, tuple):
        # the common case (one tuple passed for every paragraph of a corpus): computed once
        return _phrase_key_of_tuple(phrases)
    return tuple(sorted({str(p).strip() for p in phrases if p and str(p).strip()}))


@lru_cache(maxsize=64)
def _phrase_key_of_tuple(phrases: tuple) -> tuple[str, ...]:
    return tuple(sorted({str(p).strip() for p in phrases if p and str(p).strip()}))


@lru_cache(maxsize=64)
def _phrase_index(key: tuple[str, ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First token → [(token sequence, joined token)], longest sequences first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in key:
        seq = tuple(
            m.group(0).lower() for m in _TOKEN_RE.finditer(_replace_all(phrase, _TOKEN_PAIRS))
        )
        if len(seq) < 2:
            continue
        index.setdefault(seq[0], []).append((seq, "_".join(seq)))
    for first in index:
        index[first] = sorted(set(index[first]), key=lambda item: (-len(item[0]), item[1]))
    return index


def _merge_phrases(lowered: list[str], index) -> list[tuple[int, int]]:
    """Greedy longest match, left to right: `(first token, width)` of every phrase found.

    Only positions whose token starts some phrase are tried, so text without phrase words
    costs one dict lookup per token.
    """
    found = []
    pos, n = 0, len(lowered)
    for i in [i for i, t in enumerate(lowered) if t in index]:
        if i < pos:
            continue  # inside a phrase already taken
        for seq, _ in index[lowered[i]]:
            k = len(seq)
            if i + k <= n and tuple(lowered[i : i + k]) == seq:
                found.append((i, k))
                pos = i + k
                break
    return found


def _join_phrases(toks: list, found: list[tuple[int, int]], join) -> list:
    """`toks` with each `(first, width)` run of `found` replaced by `join(run)`."""
    if not found:
        return toks
    out: list = []
    pos = 0
    for i, k in found:
        out.extend(toks[pos:i])
        out.append(join(toks[i : i + k]))
        pos = i + k
    out.extend(toks[pos:])
    return out


def _join_spans(run: list[tuple[int, int, str]]) -> tuple[int, int, str]:
    return (run[0][0], run[-1][1], "_".join(t for _, _, t in run))


def token_spans(
    s: str, *, lower: bool = True, phrases: Iterable[str] | None = None
) -> list[tuple[int, int, str]]:
    """`(start, end, token)` for every token of `s`; offsets index `s` itself."""
    matches = list(_TOKEN_RE.finditer(_replace_all(s, _TOKEN_PAIRS)))
    raw = [m.group(0) for m in matches]
    lowered = [t.lower() for t in raw]
    out_tokens = lowered if lower else raw
    index = _phrase_index(_phrase_key(phrases))
    spans = [(m.start(), m.end(), t) for m, t in zip(matches, out_tokens, strict=True)]
    if not index:
        return spans
    return _join_phrases(spans, _merge_phrases(lowered, index), _join_spans)


def count_words(s: str) -> int:
    """How many words `s` holds: its tokens (see `token_spans`), the one word count of the suite
    (`n_words` of an article, a paragraph's length, a quote's length)."""
    return len(_TOKEN_RE.findall(_replace_all(s, _TOKEN_PAIRS)))


def tokenize(
    s: str,
    *,
    lower: bool = True,
    phrases: Iterable[str] | None = None,
    drop_stop: bool = False,
    stemmed: bool = False,
    language: str | None = "en",
) -> list[str]:
    """Tokens of `s` (see the module docstring for what a token is).

    `phrases`: multi-word terms joined into one token (`"border crossing"` → `border_crossing`).
    `drop_stop` removes the stop words of `language` (`stop_words`); `stemmed` applies its
    stemmer (`stem`).
    """
    if phrases:
        # the same tokens as `token_spans` (tokenised, then lowered), without building spans
        raw = _TOKEN_RE.findall(_replace_all(s, _TOKEN_PAIRS))
        lowered = [t.lower() for t in raw]
        out_tokens = lowered if lower else raw
        index = _phrase_index(_phrase_key(phrases))
        toks = (
            _join_phrases(out_tokens, _merge_phrases(lowered, index), "_".join)
            if index
            else out_tokens
        )
    else:
        translated = _replace_all(s, _TOKEN_PAIRS)
        toks = _TOKEN_RE.findall(translated.lower() if lower else translated)
    if drop_stop:
        stops = stop_words(language)
        toks = [t for t in toks if t.lower() not in stops]
    if stemmed:
        toks = [stem(t, language) for t in toks]
    return toks


def ngrams(
    toks: Sequence[str], n: int = 2, *, drop_stop_edges: bool = False, language: str | None = "en"
) -> list[str]:
    """Space-joined n-grams of a token list.

    With `drop_stop_edges`, n-grams that start or end with a stop word of `language` are
    dropped (so "secretary of state" survives but "of the" does not).
    """
    if n == 1:
        grams = [(t,) for t in toks]
    else:
        grams = list(zip(*(toks[i:] for i in range(n)), strict=False))
    if drop_stop_edges:
        stops = stop_words(language)
        grams = [g for g in grams if g[0] not in stops and g[-1] not in stops]
    return [" ".join(g) for g in grams]
