"""The one language detector of the suite: script first, then stop words, then a model.

`detect_language` gives a page, a paragraph or a line its ISO 639-1 code, "und" when unsure;
`other_language` tells whether one paragraph is confidently in another language than its page.
Offline and deterministic, in three steps:

1. a script used by one language decides alone (hy, ka, el, he, ja, ko, zh);
2. within the Latin, Cyrillic and Arabic scripts the `stop-words` package's lists vote, a word
   shared by k lists counting 1/k for each (a small built-in list for az, which the package
   lacks; "ə" is Azerbaijani's own letter). A clear vote on enough words decides: this is most
   pages, at tens of MB/s;
3. otherwise (short or mixed text, a language without a list) py3langid's bundled model (its
   ISO 639-1 languages, about 110, less `MODEL_EXCLUDED`) decides when its normalised probability reaches `MODEL_MIN_PROBABILITY`, else
   "und": never a guess.

The tables below are part of `CLEANER_VERSION` (see `presslens.clean.rules`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

#: Languages told apart by stop words within a script.
LATIN_LANGUAGES = (
    "en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl", "ro", "sv", "da", "cs", "id",
)  # fmt: skip
CYRILLIC_LANGUAGES = ("ru", "uk", "bg")
ARABIC_LANGUAGES = ("ar", "fa")
#: Function words of languages the `stop-words` package has no list for.
EXTRA_STOP_WORDS = {
    "az": frozenset(
        "və ilə üçün bu bir da də ki olan olaraq isə görə sonra artıq həm çox daha kimi "
        "edib o onlar onun onların biz siz mən sən bunu buna bunun həmin hər heç nə necə "
        "niyə amma lakin ancaq yaxud və ya həmçinin əgər qədər kimi üzrə arasında barədə "
        "haqqında tərəfindən sonra əvvəl indi hələ də artıq isə idi imiş olub olunub edilib "
        "edir olur deyil yox var".split()
    ),
    "hy": frozenset(
        "և եւ ու է են էր էին եմ ենք եք ես ես դու նա մենք դուք նրանք նրա նրանց իր իրենց "
        "այս այդ այն այսպես այդպես որ որը որի որոնք որն ով ինչ ինչպես թե եթե բայց իսկ "
        "կամ նաև նաեւ էլ ել արդեն դեռ հետ համար մեջ վրա մասին կողմից ըստ դեպի մինչև "
        "միջև առաջ հետո մի մեկ ոչ չէ չեն այո բոլոր ամեն նույն սույն այստեղ այնտեղ".split()
    ),
}
#: A stop-word vote decides alone on at least this many words, when the winner scores at least
#: `VOTE_MIN_SCORE` and `VOTE_MARGIN` times the runner-up; otherwise the model is asked.
VOTE_MIN_WORDS = 12
VOTE_MIN_SCORE = 3.0
VOTE_MARGIN = 2.0
#: The model's answer is kept at this normalised probability or more ("und" below).
MODEL_MIN_PROBABILITY = 0.6
#: Characters of a text the model reads (its cost grows with the length).
MODEL_SAMPLE = 1200
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
    if counts.get("Kana"):  # Japanese writes kanji (Hani) beside kana
        counts["Kana"] += counts.pop("Hani", 0)
    best = max(counts, key=lambda k: counts[k])
    if counts[best] == 0:
        return None
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


#: Languages of the model left out: dead or constructed ones, whose n-grams a line of names or
#: a list of English headings can resemble.
MODEL_EXCLUDED = ("la", "eo", "vo", "sa", "an", "wa", "fo", "se")


@lru_cache(maxsize=1)
def _model():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # ISO 639-1 codes only (the suite's codes): no "pcm", "zxx", regional or historical variants
    keep = sorted({c for c in model.nb_classes if len(c) == 2 and c not in MODEL_EXCLUDED})
    model.set_languages(keep)
    return model


def load_model() -> None:
    """Load py3langid's model now (~0.8 s of CPU, 70 MB): a process about to fork workers loads
    it once for all of them, instead of each loading it on first use. A model that cannot be
    loaded fails the pages that need it (each named in the ingest report), never the run."""
    try:
        _model()
    except Exception:  # pragma: no cover - depends on the installed package
        pass


def model_language(text: str) -> str:
    """py3langid's language for `text` (its first `MODEL_SAMPLE` characters), or "und" when its
    normalised probability is below `MODEL_MIN_PROBABILITY`."""
    lang, probability = _model().classify(text[:MODEL_SAMPLE])
    return str(lang) if probability >= MODEL_MIN_PROBABILITY else "und"


def _clear_vote(scores: dict[str, float], n_words: int) -> str | None:
    if n_words < VOTE_MIN_WORDS or not scores:
        return None
    ranked = sorted(scores.values(), reverse=True)
    best = ranked[0]
    second = ranked[1] if len(ranked) > 1 else 0.0
    if best >= VOTE_MIN_SCORE and best >= VOTE_MARGIN * second:
        return _best(scores)[0]
    return None


def detect_language(text: str | None, *, words: list[str] | None = None) -> str:
    """ISO 639-1 code of `text` ("en", "fr", "ru", "hy", ...), or "und" when unsure.

    `words` (`lower_words` of the text, if already at hand) saves tokenising again.
    """
    text = text or ""
    script = dominant_script(text)
    if script is None:
        return "und"
    if script in SCRIPT_LANGUAGES:
        return SCRIPT_LANGUAGES[script]
    head = text[:3000]
    words = lower_words(head.lower()) if words is None else words[:300]
    if len(words) < 2 or sum(map(len, words)) < 8:
        return "und"
    if script == "Cyrl" and any(ch in head.lower() for ch in "іїєґ"):
        return "uk"
    scores = _language_scores(words, script)
    if script == "Latn" and "ə" in head:
        scores["az"] = scores.get("az", 0.0) + 3.0
    decided = _clear_vote(scores, len(words))
    if decided is not None:
        return decided
    lang = model_language(head)
    if lang in ("ms", "id"):  # the model cannot tell them apart on short text; stop words can
        lang = "id" if scores.get("id", 0.0) >= 1.0 else lang
    return lang


def other_language(
    text: str, words: list[str], page_language: str, *, script: str | None = None
) -> str | None:
    """The language of a paragraph (`text`, its `lower_words`) when it is confidently not
    `page_language`, else None (`script`: its `dominant_script`, if already known)."""
    script = script or dominant_script(text)
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


@lru_cache(maxsize=256)
def language_script(language: str | None) -> str | None:
    """The ISO 15924 script `language` is written in (of those told apart), or None."""
    for script, lang in SCRIPT_LANGUAGES.items():
        if lang == language:
            return script
    for script, langs in (
        ("Latn", (*LATIN_LANGUAGES, "az")),
        ("Cyrl", (*CYRILLIC_LANGUAGES, "uk")),
        ("Arab", ARABIC_LANGUAGES),
    ):
        if language in langs:
            return script
    return None


#: A paragraph in another script than its page's language is detected on its own from this
#: many letters on (a caption or a name in another script is not a paragraph in that language).
OTHER_SCRIPT_MIN_LETTERS = 20


def paragraph_language(text: str, page_language: str) -> str:
    """The language of one paragraph of a page in `page_language`: its own when its stop words
    say so clearly (`other_language`) or when it is written in another script (then detected on
    its own), else the page's: short lines inherit it."""
    script = dominant_script(text)
    if script is None:
        return page_language
    if script == language_script(page_language):
        words = lower_words(text[:600].lower())  # the first words tell
        # `other_language` needs 3 stop words of the other language: short lines cannot have them
        if len(words) < 6:
            return page_language
        return other_language(text, words, page_language, script=script) or page_language
    if sum(ch.isalpha() for ch in text[:400]) < OTHER_SCRIPT_MIN_LETTERS:
        return page_language
    found = detect_language(text)
    return page_language if found == "und" else found
