"""Which legacy single-byte encoding a page that is not UTF-8 was written in, on evidence.

`detect_legacy_encoding` reads the bytes in each candidate encoding (`_LEGACY`, most common first)
and scores the reading: letters that form words of one script with plausible case, typographic
characters and stop words count for it; symbols and controls, symbols touching letters, two
scripts in one word and letters from several languages' alphabets count against it. `decode`
(`presslens.raw.decode`) uses it for files, and for the lines of a file that are not UTF-8.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter

# Single-byte legacy encodings, most common first (the order breaks ties): codec, name shown.
_LEGACY = (
    ("cp1252", "cp1252"),
    ("cp1251", "cp1251"),
    ("cp1250", "cp1250"),
    ("cp1254", "cp1254"),
    ("koi8_r", "koi8-r"),
    ("cp1253", "cp1253"),
    ("cp1257", "cp1257"),
    ("cp1255", "cp1255"),
    ("cp1256", "cp1256"),
    ("iso8859_15", "iso-8859-15"),
    ("latin_1", "iso-8859-1"),
    ("iso8859_2", "iso-8859-2"),
    ("iso8859_9", "iso-8859-9"),
    ("iso8859_13", "iso-8859-13"),
    ("koi8_u", "koi8-u"),
    ("iso8859_5", "iso-8859-5"),
    ("iso8859_7", "iso-8859-7"),
    ("iso8859_8", "iso-8859-8"),
    ("iso8859_6", "iso-8859-6"),
    ("cp874", "cp874"),
)
_SCRIPT_CLASS = {
    "LATIN": "lL",
    "CYRILLIC": "cC",
    "GREEK": "gG",
    "HEBREW": "hh",
    "ARABIC": "rr",
    "THAI": "tt",
}
# Punctuation that legitimately sits next to letters in any script.
_TYPOGRAPHIC = frozenset("‘’‚‛“”„«»‹›–—…•·€£¥©®°§¶™№†‡‰¡¿\u00ad")
_SCORE_PATTERNS = {
    # A non-ASCII symbol touching a letter: "powiedzia³", "bêd¹" (Polish read as cp1252).
    "symbol_touch": re.compile(rb"(?=[aAlLcCgGhrto]s|s[aAlLcCgGhrto])"),
    # Two scripts inside one word: "cafй" (cp1252 read as cp1251).
    "mixed_script": re.compile(
        rb"(?=[aAlL][cCgGhrt]|[cCgGhrt][aAlL]|[cC][gGhrt]|[gG][cChrt]|h[cCgGrt]|r[cCgGht])"
    ),
    # A capital after a small letter inside a word: "мИНИСТР" (koi8-r read as cp1251).
    "case": re.compile(rb"(?=[lcg][LCG]|a[LCG]|[lcg]A)"),
    # Four accented Latin letters in a row: "Ìèíèñòð" (Cyrillic read as cp1252).
    "accent_run": re.compile(rb"(?=[lL]{4})"),
}
_WORD = re.compile(r"[^\W\d_]+")
# Latin letters beyond ASCII, Cyrillic and Greek letters.
_ALPHABET_LETTER = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0259\u0370-\u04ff]")
# The letters beyond ASCII of languages written in single-byte encodings: a right reading uses
# one language's letters ("příští": Czech; "Министър": Bulgarian), a wrong one a mix of several
# ("pøíští": Danish ø, Czech í; "Ьшэшёђњ": Russian ё э, Serbian ђ њ).
_ALPHABETS = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüß",  # German
        "áéíóúñü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "àçéèíïòóúü",  # Catalan
        "áéíóúàèëïöü",  # Dutch
        "æøåé",  # Danish, Norwegian
        "åäöé",  # Swedish, Finnish
        "áéíóúýþæöð",  # Icelandic
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "ăâîșțşţ",  # Romanian
        "čćđšž",  # Croatian, Bosnian, Serbian (Latin), Slovene
        "çğıöşüâîû",  # Turkish
        "çəğıöşü",  # Azerbaijani
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
        "äöõüšž",  # Estonian
        "ëç",  # Albanian
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",  # Russian
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",  # Ukrainian
        "абвгдеёжзійклмнопрстуўфхцчшыьэюя",  # Belarusian
        "абвгдежзийклмнопрстуфхцчшщъьюя",  # Bulgarian
        "абвгдђежзијклљмнњопрстћуфхцчџш",  # Serbian
        "абвгдѓежзѕијклљмнњопрстќуфхцчџш",  # Macedonian
        "αβγδεζηθικλμνξοπρστυφχψωςάέήίόύώϊϋΐΰ",  # Greek
    )
)


@functools.lru_cache(maxsize=64)
def _class_table(codec: str) -> bytes:
    """Byte → character class in `codec`: ASCII letters `a`/`A`, non-ASCII letters by script and
    case (`lL` Latin, `cC` Cyrillic, `gG` Greek, `h` Hebrew, `r` Arabic, `t` Thai,
    `o` other, `m` combining mark), `p` typographic, `s` other symbol, `x` control or undefined,
    ` ` space, `.` other ASCII."""
    table = bytearray()
    for byte in range(256):
        if byte < 128:
            ch = chr(byte)
            table += (
                b"a" if ch.islower() else b"A" if ch.isupper() else b" " if ch.isspace() else b"."
            )
            continue
        try:
            ch = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            table += b"x"
            continue
        category = unicodedata.category(ch)
        if ch in "\u00a0\u2007\u202f":
            table += b" "
        elif category.startswith("L") and category != "Lm" and ch not in "ªº":
            script = unicodedata.name(ch, "OTHER").split()[0]
            lower, upper = _SCRIPT_CLASS.get(script, "oo")
            table += (upper if category == "Lu" else lower).encode()
        elif category == "Mn":
            table += b"m"
        elif ch in _TYPOGRAPHIC:
            table += b"p"
        elif category.startswith("C"):
            table += b"x"
        else:
            table += b"s"
    return bytes(table)


@functools.lru_cache(maxsize=1)
def _accented_stop_words() -> frozenset[str]:
    """Stop words with a non-ASCII letter, of every language the `stop-words` package knows plus a
    few it lacks (Lithuanian, Latvian, Estonian, Icelandic): evidence that a decoding is right."""
    words = set(
        "už į dėl jų tų šis šie iš ką čia būti nėra tačiau kuris kurie "  # lt
        "kā arī tā šo šī pēc līdz vēl viņš viņa tās "  # lv
        "või üle pärast kõik nüüd ära ütles "  # et
        "það því þá þegar við með eða þessi hún ég þú sér frá "  # is
        "και το τα της του των την τον τις με σε για από ότι οι στο στην στα στις που θα είναι "
        "δεν να ως μετά κατά "  # el (the package's Greek list is Ancient Greek)
        "של את על עם כי לא גם זה הוא היא אבל או אם כך אשר בין אל יש היה".split()  # he
    )
    try:
        from stop_words import AVAILABLE_LANGUAGES, get_stop_words
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset(words)
    for language in AVAILABLE_LANGUAGES:
        try:
            listed = get_stop_words(language)
        except Exception:  # pragma: no cover - depends on the package's shipped lists
            continue
        words.update(w.strip("\"',").lower() for w in listed if not w.isascii())
    return frozenset(words)


def _evidence_sample(data: bytes, limit: int = 16384) -> bytes:
    """Up to `limit` bytes of the lines that hold non-ASCII bytes (an HTML head is all ASCII)."""
    if len(data) <= limit:
        return data
    picked, size = [], 0
    for line in data.splitlines(keepends=True):
        if not line.isascii():
            picked.append(line)
            size += len(line)
            if size >= limit:
                break
    return b"".join(picked)[:limit] or data[:limit]


def _score_single_byte(sample: bytes, codec: str) -> tuple[float, float, int] | None:
    """`(score, trouble, letters)` of `sample` read as `codec`; None when it does not decode."""
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError:
        return None
    classes = sample.translate(_class_table(codec))
    letters = sum(classes.count(c) for c in b"lLcCgGhrto")
    typographic = classes.count(b"p")
    stop_words = _accented_stop_words()
    hits = sum(
        1 for w in _WORD.findall(text.lower()) if len(w) > 1 and not w.isascii() and w in stop_words
    )
    found = {name: len(rx.findall(classes)) for name, rx in _SCORE_PATTERNS.items()}
    # Letters beyond ASCII: how many fit the one alphabet that holds most of them.
    seen = Counter(_ALPHABET_LETTER.findall(text.replace("İ", "ı").lower()))
    n_accented = sum(seen.values())
    coherence = 1.0
    if n_accented:
        coherence = max(sum(seen[c] for c in abc) for abc in _ALPHABETS) / n_accented
    controls, symbols = classes.count(b"x"), classes.count(b"s")
    trouble = (
        3 * controls
        + symbols
        + 2 * found["symbol_touch"]
        + 2 * found["mixed_script"]
        + 2 * found["case"]
        + 1.5 * found["accent_run"]
    )
    score = letters + 0.5 * typographic + 3 * hits - trouble - 2 * n_accented * (1 - coherence)
    return score, trouble, letters + typographic


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (`<meta charset=...>`), as a codec."""
    found = re.search(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", data[:4096], re.I)
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def detect_legacy_encoding(data: bytes) -> str | None:
    """The legacy single-byte encoding `data` (non-UTF-8 bytes) reads best in, or None when none
    reads as text. Each candidate is scored on its decoding of the lines with non-ASCII bytes:
    + letters that sit in words of one script with plausible case, + typographic characters,
    + stop words with accented letters (3 each); − symbols and controls, − symbols touching
    letters, two scripts in one word, a capital after a small letter, runs of four accented Latin
    letters, − letters outside the one language alphabet (`_ALPHABETS`) that holds most of them. The best score wins; ties go to the earlier encoding in
    `_LEGACY` (cp1252 first), or to the charset an HTML page declares."""
    sample = _evidence_sample(data)
    declared = _declared_charset(data)
    order = sorted(_LEGACY, key=lambda cn: codecs.lookup(cn[0]).name != declared)
    best = None
    for rank, (codec, shown) in enumerate(order):
        scored = _score_single_byte(sample, codec)
        if scored is None:
            continue
        score, trouble, chars = scored
        if best is None or score > best[0]:
            best = (score, trouble, chars, rank, shown)
    if best is None:
        return None
    score, trouble, chars, _, shown = best
    if chars == 0 or trouble > 0.3 * chars:
        return None
    return shown
