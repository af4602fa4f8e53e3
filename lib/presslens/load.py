"""Finding raw pages, decoding them, and reading `metadata.csv`.

Nothing here judges content or writes anything: it turns bytes on disk into text (or a clear,
file-named reason why not) and validates the analyst's metadata sheet. Scraped pages are hostile
input, so every rule below fails into a named message, never into a crash or silently wrong text:

* **Finding** (`scan_raw_files`): files are read only inside the raw folder. A symbolic link that
  leads out of it (to `/etc/passwd`, `~/.ssh`, another project) is listed as skipped, not read; a
  link to a file inside is read (its target is returned, so the file read is the one checked); a
  linked folder is never followed. Broken links, link loops, folders or files that cannot be read
  and names that are not valid UTF-8 are skipped lines, shown with `\\xNN` escapes; the scan goes on.
* **Decoding** (`decode`), in order: binary signatures (PDF, images, archives) are refused; a
  byte-order mark decides; UTF-16 without one is recognised by its NUL bytes at every other
  position; a file with many control bytes is refused as binary, a few stray NULs are removed;
  then UTF-8, line by line (see `_decode_utf8_lines`): clean UTF-8, UTF-8 with a few invalid bytes
  replaced by U+FFFD, a file whose lines mix UTF-8 and a legacy encoding (each line decoded as what
  it is), or a legacy single-byte encoding chosen on evidence (`_guess_single_byte`: letters that
  form plausible words, typographic characters, stop words; ties go to the most common encoding).
  Finally mojibake (UTF-8 that was decoded as cp1252 before it was saved: `â€™`, `Ã©`) is
  repaired with ftfy. Every decision other than clean UTF-8 is stated in `Decoded.warning`.
* **The sheet** (`read_metadata`): `,`, `;` or tab separated, with or without a BOM, in any
  encoding `decode` reads (a non-UTF-8 sheet is reported); an unclosed quote that swallows the
  following lines is reported with their line numbers and the rows are recovered; rows shorter
  than the header (columns added later, e.g. by `presslens add`) are padded silently; a date cell
  outside `dates.date_range()` is reported and left empty. Cells are kept as written (formula-like
  text is neutralised only when the suite writes a CSV, `files.csv_safe_cell`).
"""

from __future__ import annotations

import codecs
import csv
import functools
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from stat import S_ISREG as stat_is_file
from typing import NamedTuple

import pandas as pd

from . import dates
from .files import resolves_inside, shown_name

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ("file", "outlet", "url", "published", "language")

#: One article is never this big; a larger file is almost surely a dump of many pages or not text.
MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class LoadError(ValueError):
    """A raw file that cannot be read as an article; the message names the file and the reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str = ""


class RawFile(NamedTuple):
    """One page found under the raw folder: relative POSIX path, path to open, size, mtime.

    `path` is the file itself, or for a symbolic link inside the raw folder its resolved target
    (the file that was checked to lie inside is the one read)."""

    rel: str
    path: str
    size: int
    mtime_ns: int


# ---------------------------------------------------------------------------------------------
# Finding raw files


def scan_raw_files(raw: Path) -> tuple[list[RawFile], list[tuple[str, str]]]:
    """Every readable page under `raw` (recursive, sorted by relative path, with its size and
    mtime) and the other files as `(rel, why skipped)`.

    Hidden files and folders (`.git`, `.ipynb_checkpoints`, editor swap files) are ignored
    silently; `metadata.csv` is the sheet, not a page. Linked folders are skipped, not followed; a
    linked file is read only when its target lies inside `raw`. Entries that cannot be read
    (broken or looping links, folders and files without read permission, names that are not
    UTF-8) are skipped lines, never a stop; every `rel` returned encodes as UTF-8. One `scandir`
    pass: on 100k pages this is the cost floor of every incremental run.
    """
    raw = Path(raw)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw data folder not found: {raw}")
    pages: list[RawFile] = []
    skipped: list[tuple[str, str]] = []
    stack = [(str(raw), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            if not prefix:
                raise  # the raw folder itself: nothing to scan (the caller names it)
            why = f"folder could not be read ({exc.strerror or exc}); its files were not scanned"
            skipped.append((shown_name(prefix.rstrip("/")), why))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                found = _scan_entry(entry, rel, raw)
            except OSError as exc:  # vanished or unreadable between listing and stat
                found = f"could not be read ({exc.strerror or exc})"
            if isinstance(found, RawFile):
                pages.append(found)
            elif found == "descend":
                stack.append((entry.path, rel + "/"))
            elif found:
                skipped.append((shown_name(rel), found))
    pages.sort()
    skipped.sort()
    return pages, skipped


def _scan_entry(entry: os.DirEntry, rel: str, raw: Path) -> RawFile | str:
    """A page, `"descend"` for a real folder, `""` to ignore silently, or why it is skipped."""
    if entry.is_dir(follow_symlinks=False):
        return "descend"
    if rel == METADATA_FILE:
        return ""  # the sheet, not a page (`read_metadata` checks where a linked sheet leads)
    path = entry.path
    if entry.is_symlink():
        try:
            target = os.path.realpath(path, strict=True)
        except (OSError, RuntimeError):
            return "broken symbolic link (its target is missing, or the link loops)"
        kind = "folder" if os.path.isdir(target) else "file"
        if not resolves_inside(target, raw):
            return f"symbolic link to a {kind} outside the raw folder, not read"
        if kind == "folder":
            return "symbolic link to a folder, not followed"
        path = target
    if shown_name(rel) != rel:
        return (
            "file name is not valid UTF-8 (bytes shown as \\xNN); not read: rename the file "
            "(its name is how metadata.csv and the tables refer to it)"
        )
    dot = entry.name.rfind(".")
    suffix = entry.name[dot:].lower() if dot > 0 else ""
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        return f"not a page the suite reads ({suffix or 'no extension'}; reads {kinds})"
    stat = os.stat(path) if path != entry.path else entry.stat()
    if not stat_is_file(stat.st_mode):
        return "not a regular file"
    if not os.access(path, os.R_OK):
        return "file could not be read (permission denied)"
    return RawFile(rel, path, stat.st_size, stat.st_mtime_ns)


def find_raw_files(raw: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """`scan_raw_files` as paths under `raw`: the pages, and the skipped files with why."""
    pages, skipped = scan_raw_files(raw)
    raw = Path(raw)
    return [raw / f.rel for f in pages], [(raw / rel, why) for rel, why in skipped]


# ---------------------------------------------------------------------------------------------
# Decoding

# File signatures of formats that are never a page (checked before anything else).
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx, .xlsx, .epub)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"OggS", "an Ogg audio/video file"),
)
# Control bytes other than tab, newline, CR and form feed: text never has many of them.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffe\uffff]")
#: Invalid bytes on lines not in UTF-8 from which a UTF-8 file is "mixed" (decoded line by line)
#: rather than damaged (bytes replaced by U+FFFD), however much UTF-8 it has (see
#: `_decode_utf8_lines`).
MIXED_MIN_BYTES = 8
#: UTF-8 evidence (bytes beyond the first of valid multi-byte characters, on lines without
#: invalid bytes) below which a non-UTF-8 file is read whole in one legacy encoding.
UTF8_MIN_EVIDENCE = 4


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "an MP4/MOV video or HEIC image"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file (WebP, WAV or AVI)"
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        return "a bzip2 archive"
    return None


def _n_control(data: bytes) -> int:
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def decode(data: bytes, name: str = "<bytes>") -> Decoded:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM, UTF-8
    with a few invalid bytes, a mix of UTF-8 and one legacy encoding, or a legacy encoding chosen
    on evidence; then mojibake repaired. `warning` states every decision but clean UTF-8.

    Raises `LoadError` naming `name` for empty, binary or undecodable input rather than returning
    mangled text.
    """
    if not data.strip():
        raise LoadError(f"{name}: empty file (no text to read)")
    kind = _binary_kind(data)
    if kind:
        raise LoadError(f"{name}: binary file, not text ({kind})")
    notes: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig":
                data = data[len(bom) :]
                break
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise LoadError(
                    f"{name}: starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} ({exc.reason})"
                ) from exc
            return _finish(text, encoding, notes, name)
    utf16 = _sniff_utf16(data)
    if utf16 is not None:
        encoding, text, dropped = utf16
        notes.append(f"decoded as {encoding.upper()} (no byte-order mark)")
        if dropped:
            notes.append("an odd last byte was dropped")
        return _finish(text, encoding, notes, name)
    nuls = data.count(0)
    body = data.rstrip(b"\x00") if nuls else data  # NUL padding after the text: a crashed save
    sample = body[:65536]
    if _n_control(sample) > max(8, len(sample) // 200) or _n_control(body) > max(
        8, len(body) // 200
    ):
        raise LoadError(
            f"{name}: binary file, not text (control bytes found; is it a PDF, image or archive?)"
        )
    if nuls:  # a few stray NULs in text: removed, not a reason to drop the page
        data = body.replace(b"\x00", b"")
        notes.append(f"{_plural(nuls, 'NUL byte')} removed")
        if not data.strip():
            raise LoadError(f"{name}: empty file (no text to read, only NUL bytes)")
    text, encoding, note = _decode_utf8_lines(data, name)
    if note:
        notes.append(note)
    return _finish(text, encoding, notes, name)


def _finish(text: str, encoding: str, notes: list[str], name: str) -> Decoded:
    if "\x00" in text:  # UTF-16/32 text with NUL characters
        notes.append(f"{_plural(text.count(chr(0)), 'NUL character')} removed")
        text = text.replace("\x00", "")
    if not text.strip():
        raise LoadError(f"{name}: empty file (no text to read)")
    repaired = repair_mojibake(text)
    if repaired is not None:
        text = repaired
        notes.append(
            "mojibake repaired (UTF-8 text that had been decoded as cp1252 or latin-1 before it "
            "was saved: â€™ → ’, Ã© → é)"
        )
    return Decoded(text, encoding, "; ".join(notes))


def _sniff_utf16(data: bytes) -> tuple[str, str, bool] | None:
    """`(encoding, text, odd byte dropped)` when `data` is UTF-16 without a byte-order mark.

    The sign: one of the two byte positions of a code unit is NUL far more often than the other
    (ASCII characters, spaces and digits are `xx 00` in UTF-16-LE, `00 xx` in -BE) and the whole
    decodes strictly to text without control or private-use characters.
    """
    sample = data[:65536]
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    major, minor = max(even, odd), min(even, odd)
    if major < max(3, pairs // 20) or minor * 10 > major:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    dropped = len(data) % 2 == 1
    try:
        text = data[: len(data) - len(data) % 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    head = text[:32768]
    if len(_CONTROL.findall(head)) > max(2, len(head) // 100):
        return None
    return encoding, text, dropped


_SURROGATE_ESCAPES = re.compile("[\udc80-\udcff]")
_ASCII_BYTES = bytes(range(128))


def _decode_utf8_lines(data: bytes, name: str) -> tuple[str, str, str]:
    """`(text, encoding, note)` for bytes without a BOM, deciding line by line.

    Each line is valid UTF-8; *damaged* UTF-8 (invalid bytes, but more UTF-8 evidence than
    invalid bytes on the line: a stray byte in a UTF-8 sentence); or *legacy* (invalid bytes and
    little or no UTF-8). UTF-8 evidence counts the continuation bytes of valid multi-byte
    characters (a curly quote gives 2, a Cyrillic letter 1). Then:

    * no invalid byte: UTF-8;
    * less than `UTF8_MIN_EVIDENCE` of UTF-8 evidence in the whole file: one legacy encoding;
    * *few* invalid bytes on legacy lines: UTF-8 with every invalid byte replaced by U+FFFD.
      Few is under 3, or under `MIXED_MIN_BYTES` (8) and under a quarter of the valid
      multi-byte characters (a stray byte or two in a UTF-8 article);
    * otherwise a mixed file: each line decoded as what it is, UTF-8 or the legacy encoding
      guessed from all legacy lines together (damaged lines: UTF-8 with replacements).
    """
    try:
        return data.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "surrogateescape")
    if len(data) - len(text) < UTF8_MIN_EVIDENCE:  # the whole file's evidence bounds any line's
        encoding, text = _decode_single_byte(data, name)
        return text, encoding, f"decoded as {encoding} (not UTF-8)"
    lines = data.splitlines(keepends=True)
    kinds: list[str] = []
    evidence = utf8_chars = legacy_bytes = damaged_bytes = 0
    for line in lines:
        if line.isascii():
            kinds.append("utf-8")
            continue
        text = line.decode("utf-8", "surrogateescape")
        multi = len(line) - len(text)  # continuation bytes of valid multi-byte characters
        bad = len(_SURROGATE_ESCAPES.findall(text))
        chars = len(line.translate(None, _ASCII_BYTES)) - bad - multi  # valid multi-byte chars
        if not bad:
            kinds.append("utf-8")
            evidence += multi if multi >= 2 else 0  # one 2-byte pair alone may be chance
            utf8_chars += chars
        elif multi > bad:
            kinds.append("damaged")
            evidence += multi
            utf8_chars += chars
            damaged_bytes += bad
        else:
            kinds.append("legacy")
            legacy_bytes += bad
    if evidence < UTF8_MIN_EVIDENCE:
        encoding, text = _decode_single_byte(data, name)
        return text, encoding, f"decoded as {encoding} (not UTF-8)"
    few = legacy_bytes < 3 or (legacy_bytes < MIXED_MIN_BYTES and 4 * legacy_bytes < utf8_chars)
    if not few:
        legacy = b"".join(line for line, kind in zip(lines, kinds, strict=True) if kind == "legacy")
        guess = _guess_single_byte(legacy)
        if guess is not None:
            parts = [
                line.decode(guess, "replace")
                if kind == "legacy"
                else line.decode("utf-8", "replace")
                for line, kind in zip(lines, kinds, strict=True)
            ]
            n_legacy = kinds.count("legacy")
            note = (
                f"mixed encodings: {_plural(n_legacy, 'line')} not in UTF-8 decoded as {guess}, "
                "the rest as UTF-8"
            )
            if damaged_bytes:
                note += f"; {_plural(damaged_bytes, 'invalid UTF-8 byte')} replaced"
            return "".join(parts), f"utf-8+{guess}", note
    n_bad = legacy_bytes + damaged_bytes
    note = f"{_plural(n_bad, 'invalid UTF-8 byte')} replaced (shown as \ufffd)"
    if not few:
        note += "; the lines not in UTF-8 read as no known encoding"
    return data.decode("utf-8", "replace"), "utf-8", note


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
_CJK = ["gb18030", "big5", "shift_jis", "euc_jp", "euc_kr"]
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


def _guess_single_byte(data: bytes) -> str | None:
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


def _decode_single_byte(data: bytes, name: str) -> tuple[str, str]:
    """`(encoding, text)` of a file in one legacy encoding (single-byte, else CJK), or LoadError."""
    shown = _guess_single_byte(data)
    if shown is not None:
        # Chosen on a sample: a byte the encoding lacks further on is replaced, not fatal.
        return shown, data.decode(shown, "replace")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CJK).best()
    if best is not None and best.chaos <= 0.2:
        return best.encoding, str(best)
    raise LoadError(
        f"{name}: could not determine the text encoding (not UTF-8, and no legacy encoding reads "
        "as text); save it as UTF-8"
    )


# Mojibake: a character that is a UTF-8 lead byte in cp1252/latin-1 followed by one that is a
# continuation byte. Only text with such a pair is handed to ftfy (a cheap pre-filter).
def _continuation_chars() -> str:
    chars = []
    for byte in range(0x80, 0xC0):
        chars.append(chr(byte))  # latin-1 (C1 controls and NBSP..¿)
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            pass
    return "".join(sorted(set(chars)))


_MOJIBAKE_PAIR = re.compile(f"[\u00c2-\u00f4][{re.escape(_continuation_chars())}]")


@functools.lru_cache(maxsize=1)
def _ftfy_config():
    from ftfy import TextFixerConfig

    # Only the encoding repairs: no HTML unescaping, quote straightening or normalisation.
    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def _badness(text: str) -> int:
    from ftfy.badness import badness

    return badness(text)


def repair_mojibake(text: str) -> str | None:
    """`text` with its mojibake (UTF-8 decoded as cp1252/latin-1 upstream: â€™, Ã©, Ð¿Ñ€)
    repaired by ftfy, or None when there is none or ftfy cannot make it less bad."""
    if not _MOJIBAKE_PAIR.search(text):
        return None
    import ftfy

    before = _badness(text)
    if not before:
        return None
    fixed = ftfy.fix_text(text, _ftfy_config())
    if fixed == text or _badness(fixed) >= before:
        return None
    return fixed


def looks_mojibake(text: str) -> bool:
    """True when `text` holds mojibake (Ã©, â€™ ...): ftfy can repair it (`repair_mojibake`), or
    at least 3 suspicious sequences remain, more than one per 2,000 characters. Text `decode`
    returned is False unless what remains is beyond ftfy's repair."""
    if not _MOJIBAKE_PAIR.search(text):
        return False
    bad = _badness(text)
    if not bad:
        return False
    if bad >= 3 and bad > len(text) / 2000:
        return True
    return repair_mojibake(text) is not None


# ---------------------------------------------------------------------------------------------
# metadata.csv


@dataclass
class MetadataSheet:
    """`metadata.csv` as validated records keyed by file, plus the problems found in it."""

    records: list[dict[str, str]]
    columns: list[str]
    problems: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)

    @cached_property
    def by_file(self) -> dict[str, dict[str, str]]:
        """`{file: {column: value}}`; blank cells are empty strings."""
        return {row["file"]: row for row in self.records}

    @cached_property
    def rows(self) -> pd.DataFrame:
        """The validated rows as a table (one per file, every column as text)."""
        return pd.DataFrame(self.records, columns=self.columns).fillna("").astype(str)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_DELIMITERS = (",", ";", "\t")


def _sheet_delimiter(header: str) -> str:
    """`,`, `;` or tab: among those that make a `file` column of the header line, the one giving
    most columns; else the one splitting it into most cells (`,` first on a tie)."""
    split = {d: next(csv.reader([header], delimiter=d), []) for d in _DELIMITERS}
    with_file = [
        d
        for d, cells in split.items()
        if "file" in (c.strip().strip("\ufeff").lower() for c in cells)
    ]
    return max(with_file or _DELIMITERS, key=lambda d: len(split[d]))


def _drop_stray_quote(line: str, delimiter: str) -> str:
    """`line` without the quote that opens a field it never closes (the rest of the line as it
    was meant: `a.txt,"Outlet A,2023-05-04` → `a.txt,Outlet A,2023-05-04`)."""
    i, n, start = 0, len(line), True
    opened = -1
    while i < n:
        ch = line[i]
        if opened >= 0:
            if ch == '"':
                if i + 1 < n and line[i + 1] == '"':
                    i += 2
                    continue
                opened = -1
        elif start and ch == '"':
            opened = i
        start = ch == delimiter
        i += 1
    return line if opened < 0 else line[:opened] + line[opened + 1 :]


def _looks_like_row(line: str, delimiter: str, width: int, file_col: int, known) -> bool:
    cells = next(csv.reader([line], delimiter=delimiter), [])
    if len(cells) < 2 or file_col >= len(cells):
        return False
    name = cells[file_col].strip().replace("\\", "/")
    if known is not None and name in known:
        return True
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in SUPPORTED_SUFFIXES and len(cells) <= width + 1


def _reaches_eof_in_quotes(lines: list[str], delimiter: str) -> bool:
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _sheet_records(
    lines: list[str], delimiter: str, where: str, problems: list[str], known
) -> list[tuple[int, list[str]]]:
    """`(line number, cells)` of every non-blank record; an unclosed quote that swallows later
    lines is reported and undone (its quote dropped, the swallowed lines read as rows).

    A record spanning lines swallowed them when it is the header, when the sheet ends inside its
    quote, when it has more cells than the header, or when one of the lines it holds reads on its
    own as a row naming a page; a quoted note spanning lines on purpose is none of these.
    """
    records: list[tuple[int, list[str]]] = []
    width = file_col = None
    start, n = 0, len(lines)
    while start < n:
        reader = csv.reader(lines[start:], delimiter=delimiter)
        done = 0  # lines consumed by the records read so far from `start`
        restart = None
        while restart is None:
            first = start + done
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # e.g. over the field size limit: a quote swallowed the rest
                problems.append(
                    f"{where} line {first + 1}: {exc} (an unclosed quote swallowing the rest of "
                    "the sheet?); the quote was dropped and the lines after it read as rows"
                )
                restart = first + 1
            else:
                done = reader.line_num
                last = start + done - 1
                if last > first and (
                    width is None
                    or len(cells) > width
                    or (last == n - 1 and _reaches_eof_in_quotes(lines[first:], delimiter))
                    or any(
                        _looks_like_row(lines[i], delimiter, width, file_col, known)
                        for i in range(first + 1, last + 1)
                    )
                ):
                    while last > first and not lines[last].strip():
                        last -= 1
                    problems.append(
                        f"{where} line {first + 1}: an unclosed quote swallows lines "
                        f"{first + 1}–{last + 1}; the quote was dropped and those lines read as "
                        "rows"
                    )
                    restart = first + 1
            if restart is not None:
                fixed = _drop_stray_quote(lines[first], delimiter)
                cells = next(csv.reader([fixed], delimiter=delimiter), [])
            if any(cell.strip() for cell in cells):
                records.append((first + 1, cells))
                if width is None:
                    header = [c.strip().strip("\ufeff").lower() for c in cells]
                    width = len(cells)
                    file_col = header.index("file") if "file" in header else 0
        if restart is None:
            break
        start = restart
    return records


def read_metadata(raw: Path, known_files: set[str] | None = None) -> MetadataSheet:
    """Read and validate `raw/metadata.csv`; every problem is a message naming the sheet and line.

    Missing columns are treated as blank; extra columns are carried through; rows naming files
    that do not exist, dates that are not dates or lie outside `dates.date_range()`, repeated rows,
    rows with more cells than the header and unclosed quotes are reported and the rest is used.
    The sheet's encoding, when not UTF-8, is reported. A sheet that is a link leading out of the
    raw folder is not read.
    """
    raw = Path(raw)
    path = raw / METADATA_FILE
    empty: list[dict[str, str]] = []
    cols = list(METADATA_COLUMNS)
    where = METADATA_FILE
    if not path.exists() and not path.is_symlink():
        return MetadataSheet(empty, cols, [])
    if path.is_symlink() and not resolves_inside(path, raw):
        return MetadataSheet(
            empty,
            cols,
            [
                f"{where}: symbolic link to a file outside the raw folder, not read; metadata ignored"
            ],
        )
    data = path.read_bytes()
    try:
        decoded = decode(data, where)
    except LoadError as exc:
        return MetadataSheet(empty, cols, [f"{exc}; metadata ignored"])
    problems: list[str] = []
    if decoded.warning:
        problems.append(f"{where}: {decoded.warning}")
    lines = _LINE.findall(decoded.text)
    header_line = next((line for line in lines if line.strip()), "")
    if not header_line:
        return MetadataSheet(empty, cols, [*problems, f"{where}: empty sheet; metadata ignored"])
    delimiter = _sheet_delimiter(header_line)
    records = _sheet_records(lines, delimiter, where, problems, known_files)
    if not records:
        return MetadataSheet(empty, cols, [*problems, f"{where}: empty sheet; metadata ignored"])
    header = [h.strip().strip("\ufeff").lower() for h in records[0][1]]
    for i, h in enumerate(header):
        if h and h in header[:i]:
            problems.append(f"{where}: column {h!r} appears twice; the first is used")
            header[i] = ""
    if "file" not in header:
        problems.append(
            f"{where}: no 'file' column (header is {', '.join(header)}); metadata ignored"
        )
        return MetadataSheet(empty, cols, problems)
    missing = [c for c in METADATA_COLUMNS if c not in header]
    if missing:
        problems.append(f"{where}: missing column(s) {', '.join(missing)}; treated as blank")
    extra = [h for h in header if h and h not in METADATA_COLUMNS]
    records_out = []
    seen: set[str] = set()
    named = [(i, h) for i, h in enumerate(header) if h]
    width = len(header)
    for lineno, row in records[1:]:
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            problems.append(
                f"{where} line {lineno}: {len(row)} cells for {width} columns (a stray "
                f"{'comma' if delimiter == ',' else 'separator'} or quote?); the cells beyond "
                "the last column are ignored"
            )
        # Shorter rows are padded silently: a column added to the header later (`presslens add`
        # adds `fetched_at`) leaves the older rows without its cell.
        row = row + [""] * (width - len(row))
        record = {h: row[i].strip() for i, h in named}
        file = record.get("file", "").replace("\\", "/").strip()
        if not file:
            problems.append(f"{where} line {lineno}: no file name; row ignored")
            continue
        if file in seen:
            problems.append(f"{where} line {lineno}: {file} listed again; the first row is used")
            continue
        seen.add(file)
        record["file"] = file
        if known_files is not None and file not in known_files:
            problems.append(
                f"{where} line {lineno}: names {file}, which is not in the raw folder; row ignored"
            )
            continue
        published = record.get("published", "")
        if published:
            parsed, why = _sheet_date(published)
            if why:
                problems.append(
                    f"{where} line {lineno}: {file}: {why}; cell left empty, date inferred from "
                    "the page instead"
                )
            record["published"] = parsed
        records_out.append(record)
    columns = list(dict.fromkeys([*METADATA_COLUMNS, *extra]))
    if missing:
        records_out = [{c: record.get(c, "") for c in columns} for record in records_out]
    return MetadataSheet(records_out, columns, problems, extra)


@functools.lru_cache(maxsize=8192)
def _sheet_date_cached(value: str, bounds: tuple) -> tuple[str, str]:
    try:
        parsed = dates.parse_date_cell(value)
    except dates.DateError as exc:
        return "", str(exc)
    return (parsed.isoformat() if parsed else ""), ""


def _sheet_date(value: str) -> tuple[str, str]:
    """`(ISO date or "", why it was refused or "")` of a date cell, by `dates.parse_date_cell`; a
    sheet of 100k rows holds a few hundred distinct dates (cached per accepted range)."""
    return _sheet_date_cached(value, dates.date_range())


def parse_date(value: str):
    """An analyst's date cell to a `datetime.date`, or None (blank, not a date, or outside
    `dates.date_range()`): `dates.parse_date_cell` without the reason."""
    try:
        return dates.parse_date_cell(value)
    except dates.DateError:
        return None
