"""Inflectional endings per language: what a name may carry in running text.

Russian declines nouns and adjectives ("Новоград" → "Новограда", "Новый" → "Нового"),
Armenian adds case endings and the article ("Նորաքաղաք" → "Նորաքաղաքում", "Նորաքաղաքի",
"Նորաքաղաքը"), and Azerbaijani and Turkish stack suffixes, Turkish after an apostrophe on proper
names ("Yenikənd" → "Yenikənddə", "Yeniköy" → "Yeniköy'de"). A lexicon form written with a final `~`
(`lexicons.pattern_regex`) matches the word bare or with one ending of `ENDINGS` (a plural before
it in az/tr/hy), so a name is found in every case without the open `*`, which would also take
other words sharing the stem.

The lists are closed sets of endings, not a morphological analyser: derivations that make
another word (adjectives such as "новоградский", demonyms such as "Նորաքաղաքցի") are not endings, and
a lexicon lists them as forms of their own if it wants them.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TR_CASES = (
    "ı i u ü yı yi yu yü nı ni nu nü a e ya ye na ne da de ta te nda nde dan den tan ten ndan "
    "nden ın in un ün nın nin nun nün yın yin la le yla yle daki deki taki teki ndaki ndeki "
    "dır dir"
)
_AZ_CASES = (
    "ı i u ü yı yi yu yü nı ni nu nü a ə ya yə na nə da də ta tə nda ndə dan dən tan tən ndan "
    "ndən ın in un ün nın nin nun nün yın yin la lə yla ylə dakı dəki ndakı ndəki dır dir"
)

#: Endings a `~` form may take, per language (one ending, after an optional plural).
ENDINGS: dict[str, tuple[str, ...]] = {
    "ru": tuple(
        (
            "а у е ом ой ою ы и ам ами ах ов ей ю я ем ям ями ях "
            "ый ий ого его ому ему ым им ая яя ую юю ое ее ые ие ых их ыми ими"
        ).split()
    ),
    "uk": tuple(
        "а у і ом ою и ам ами ах ів ей ю я ем ий ого ому им ім а ої ою у е і их ими".split()
    ),
    "hy": tuple("ի ը ն ում ից ով ին ու ն ը ում ի ից ով".split()),
    "az": tuple(_AZ_CASES.split()),
    "tr": tuple(_TR_CASES.split()),
    "de": tuple("s es n en e er em ern".split()),
    "fr": tuple("s".split()),
    "en": tuple("s es 's".split()),
}
#: Plural markers that may come before the ending.
PLURALS: dict[str, tuple[str, ...]] = {
    "az": ("lar", "lər"),
    "tr": ("lar", "ler"),
    "hy": ("ներ", "եր"),
}
#: Languages whose suffixes may follow an apostrophe on a proper name ("Yeniköy'de").
APOSTROPHE_SUFFIXES = ("tr", "az")

_SCRIPT_LANGUAGES = {"Cyrl": ("ru", "uk"), "Armn": ("hy",), "Latn": ("az", "tr", "de", "en")}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=64)
def ending_pattern(language: str | None = None, script: str = "Latn") -> str:
    """The regular expression of the optional ending a `~` form takes in `language`; without a
    language (a form the lexicon gives for any language), the endings of the languages written
    in `script` ("Latn", "Cyrl", "Armn")."""
    languages = (language,) if language in ENDINGS else _SCRIPT_LANGUAGES.get(script, ())
    endings = [e for lang in languages for e in ENDINGS[lang]]
    plurals = [p for lang in languages for p in PLURALS.get(lang, ())]
    if not endings:
        return ""
    body = f"(?:{_alternation(endings)})"
    if plurals:
        body = f"(?:(?:{_alternation(plurals)})(?:{_alternation(endings)})?|{body})"
    if any(lang in APOSTROPHE_SUFFIXES for lang in languages):
        body = f"(?:'?{body})"
    return f"{body}?"


def script_of(word: str) -> str:
    """ "Cyrl", "Armn" or "Latn": the script of the first letter of `word` that has one of them."""
    for ch in word:
        code = ord(ch)
        if 0x0400 <= code <= 0x04FF:
            return "Cyrl"
        if 0x0531 <= code <= 0x058F:
            return "Armn"
        if ch.isalpha():
            return "Latn"
    return "Latn"


_VOWELS = "aeıioöuüəAEIİOÖUÜƏ"


def _buffer_after_consonant(token: str, ending: str, language: str) -> bool:
    """True for an az/tr ending opening with a buffer consonant (n, y) after a consonant stem:
    "-nın" follows vowels only, so "azərbaycanın" is "azərbaycan" + "-ın"."""
    if language not in APOSTROPHE_SUFFIXES or len(ending) < 2 or ending[0] not in "ny":
        return False
    return token[-len(ending) - 1] not in _VOWELS


def strip_ending(token: str, language: str, *, min_stem: int = 3) -> str:
    """`token` without its longest `ENDINGS`/`PLURALS` ending in `language` (apostrophe suffix
    first), keeping at least `min_stem` letters: a light stemmer where Snowball has none (az)."""
    if language in APOSTROPHE_SUFFIXES and "'" in token:
        token = token.split("'", 1)[0]
    for endings in (ENDINGS.get(language, ()), PLURALS.get(language, ())):  # case, then plural
        fits = [
            e
            for e in endings
            if token.endswith(e)
            and len(token) - len(e) >= min_stem
            and not _buffer_after_consonant(token, e, language)
        ]
        if fits:
            token = token[: -len(max(fits, key=len))]
    return token


def inflected_forms(word: str, language: str | None = None) -> list[str]:
    """Every spelling a `~` word may take (`word` without its `~`, bare and with each ending),
    for matchers that compare whole words rather than regular expressions (actor aliases)."""
    stem = word.rstrip("~")
    if not word.endswith("~"):
        return [word]
    languages = (language,) if language in ENDINGS else _SCRIPT_LANGUAGES.get(script_of(stem), ())
    endings = {e for lang in languages for e in ENDINGS[lang] if "'" not in e}
    plurals = {p for lang in languages for p in PLURALS.get(lang, ())}
    tails = {""} | endings | plurals | {p + e for p in plurals for e in endings}
    return sorted(stem + t for t in tails)
