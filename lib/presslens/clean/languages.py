"""The one language detector of the cleaner: script first, then stop-word overlap.

`detect_language` gives a page (or any text) its ISO 639-1 code, "und" when unsure;
`other_language` tells whether one paragraph is confidently in another language than its page.
Offline and deterministic: a script used by one language decides alone (hy, ka, el, he, ja, ko,
zh); within the Latin, Cyrillic and Arabic scripts the `stop-words` package's lists vote, a word
shared by k lists counting 1/k for each, with a small built-in list for az, which the package
lacks. The tables below are part of `CLEANER_VERSION` (see `presslens.clean.rules`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

#: Languages told apart by stop words within a script.
LATIN_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl", "ro", "sv", "da", "cs")
CYRILLIC_LANGUAGES = ("ru", "uk", "bg")
ARABIC_LANGUAGES = ("ar", "fa")
#: Function words of languages the `stop-words` package has no list for.
EXTRA_STOP_WORDS = {
    "az": frozenset(
        "və ilə üçün bu bir da də ki olan olaraq isə görə sonra artıq həm çox daha kimi "
        "edib".split()
    ),
}
#: A stop list shorter than this cannot judge a paragraph's stop-word density.
MIN_DENSITY_LIST = 100

#: Unicode blocks of the scripts told apart (ISO 15924 codes; Latin beyond ASCII counts as Latn).
SCRIPT_RANGES = (
    (0x00C0, 0x024F, "Latn"),
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x04FF, "Cyrl"),
    (0x0531, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"),
    (0x10A0, 0x10FF, "Geor"),
    (0x3040, 0x30FF, "Kana"),
    (0x4E00, 0x9FFF, "Hani"),
    (0xAC00, 0xD7AF, "Hang"),
)
#: Scripts written by one language (of those told apart): the script decides.
SCRIPT_LANGUAGES = {
    "Armn": "hy",
    "Geor": "ka",
    "Grek": "el",
    "Hebr": "he",
    "Hang": "ko",
    "Kana": "ja",
    "Hani": "zh",
}
#: Characters trimmed from both ends of a word before it is looked up in a stop list.
WORD_EDGES = "0123456789!\"#$%&()*+,./:;<=>?@[\\]^_`{|}~“”„«»‹›‐‑‒–—―…·•©®°№§¶\xa0'’‘"

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=1)
def _stop_lists() -> dict[str, frozenset[str]]:
    from stop_words import get_stop_words

    lists = {}
    for code in LATIN_LANGUAGES + CYRILLIC_LANGUAGES + ARABIC_LANGUAGES:
        try:
            words = get_stop_words(code)
        except Exception:  # pragma: no cover - depends on the package's shipped lists
            continue
        lists[code] = frozenset(w.lower() for w in words if w.isalpha())
    lists.update(EXTRA_STOP_WORDS)
    return lists


def density_stop_words(language: str | None) -> frozenset[str] | None:
    """The stop words to measure a paragraph's density by in `language`, or None when there
    is no list long enough (e.g. az's few function words)."""
    stops = _stop_lists().get(language)
    return stops if stops is not None and len(stops) >= MIN_DENSITY_LIST else None


@lru_cache(maxsize=1)
def _word_languages() -> dict[str, dict[str, dict[str, float]]]:
    """`{script: {word: {lang: weight}}}`: a stop word shared by k languages weighs 1/k in each."""
    lists = _stop_lists()
    groups = {
        "Latn": [c for c in (*LATIN_LANGUAGES, *EXTRA_STOP_WORDS) if c in lists],
        "Cyrl": [c for c in CYRILLIC_LANGUAGES if c in lists],
        "Arab": [c for c in ARABIC_LANGUAGES if c in lists],
    }
    table: dict[str, dict[str, dict[str, float]]] = {}
    for script, langs in groups.items():
        owners: dict[str, list[str]] = {}
        for lang in langs:
            for w in lists[lang]:
                owners.setdefault(w, []).append(lang)
        table[script] = {w: {lang: 1.0 / len(ls) for lang in ls} for w, ls in owners.items()}
    return table


def lower_words(lowered: str) -> list[str]:
    """The words a stop list is matched against: whitespace tokens of `lowered` (already lower
    case) with digits and punctuation trimmed from both ends (several times faster than a regex
    tokenizer; apostrophes stay inside words). Not the suite's word count (`text.count_words`)."""
    return [y for x in lowered.split() if (y := x.strip(WORD_EDGES))]


def dominant_script(text: str) -> str | None:
    """The ISO 15924 code of the script most letters of `text` (first 4,000 characters) use."""
    sample = text[:4000]
    ascii_chars = len(sample.encode("ascii", "ignore"))
    counts = {"Latn": int(0.75 * ascii_chars)}  # letters are ~3/4 of prose characters
    if ascii_chars < len(sample):
        for ch in _NON_ASCII.findall(sample):
            code = ord(ch)
            for lo, hi, name in SCRIPT_RANGES:
                if lo <= code <= hi:
                    counts[name] = counts.get(name, 0) + 1
                    break
    best = max(counts, key=lambda k: counts[k])
    if counts[best] == 0:
        return None
    if best == "Hani" and counts.get("Kana"):
        return "Kana"
    return best


def _language_scores(words: list[str], script: str) -> dict[str, float]:
    table = _word_languages().get(script, {})
    scores: dict[str, float] = {}
    for w, count in Counter(words).items():
        owners = table.get(w)
        if owners:
            for lang, weight in owners.items():
                scores[lang] = scores.get(lang, 0.0) + weight * count
    return scores


def _best(scores: dict[str, float]) -> tuple[str, float]:
    return max(sorted(scores.items()), key=lambda kv: kv[1])


def detect_language(text: str | None, *, words: list[str] | None = None) -> str:
    """ISO 639-1 code of `text` ("en", "fr", "ru", "hy", ...), or "und" when there is too little.

    `words` (`lower_words` of the text, if already at hand) saves tokenising again.
    """
    text = text or ""
    script = dominant_script(text)
    if script is None:
        return "und"
    if script in SCRIPT_LANGUAGES:
        return SCRIPT_LANGUAGES[script]
    words = lower_words(text[:3000].lower()) if words is None else words[:300]
    if len(words) < 3:
        return "und"
    if script == "Cyrl":
        if any(ch in text[:3000].lower() for ch in "іїєґ"):
            return "uk"
        scores = _language_scores(words, script)
        # ru unless bg function words clearly dominate.
        return "bg" if scores.get("bg", 0.0) > 2 * scores.get("ru", 0.0) + 1 else "ru"
    scores = _language_scores(words, script)
    if script == "Latn" and "ə" in text[:3000]:
        scores["az"] = scores.get("az", 0.0) + 3.0
    if not scores:
        return "und"
    lang, best = _best(scores)
    return "und" if best < min(2.0, 0.2 * len(words) + 0.5) else lang


def other_language(text: str, words: list[str], page_language: str) -> str | None:
    """The language of a paragraph (`text`, its `lower_words`) when it is confidently not
    `page_language`, else None."""
    script = dominant_script(text)
    if script is None:
        return None
    if script in SCRIPT_LANGUAGES:
        lang = SCRIPT_LANGUAGES[script]
        return lang if lang != page_language and len(words) >= 4 else None
    scores = _language_scores(words, script)
    if not scores:
        return None
    lang, best = _best(scores)
    own = scores.get(page_language, 0.0)
    if lang != page_language and best >= 3.0 and best >= 3 * own + 1.0:
        return lang
    return None
