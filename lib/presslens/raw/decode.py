"""Bytes to text, with every decision reported: never a crash, never silently garbled text.

In order: binary signatures (PDF, images, archives) are refused; a byte-order mark decides; UTF-16
without one is recognised by its NUL bytes at every other position; a file with many control
bytes is refused as binary, a few stray NULs are removed; then UTF-8, line by line (see
`_decode_utf8_lines`): clean UTF-8, UTF-8 with a few invalid bytes replaced by U+FFFD, a file
whose lines mix UTF-8 and a legacy encoding (each line decoded as what it is), or a legacy
single-byte encoding chosen on evidence (`presslens.raw.encodings`). Finally mojibake (UTF-8 that
was decoded as cp1252 before it was saved: `â€™`, `Ã©`) is repaired with ftfy. Every decision
other than clean UTF-8 is stated in `Decoded.warning`.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import re
from dataclasses import dataclass

from presslens.files import plural
from presslens.memo import Memo
from presslens.raw.encodings import detect_legacy_encoding

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


#: Input bytes of the pages `decode` remembers (per process; all forgotten when over).
MEMO_BYTES = 32 << 20


def decode(data: bytes, name: str = "<bytes>") -> Decoded:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM, UTF-8
    with a few invalid bytes, a mix of UTF-8 and one legacy encoding, or a legacy encoding chosen
    on evidence; then mojibake repaired. `warning` states every decision but clean UTF-8.

    Raises `LoadError` naming `name` for empty, binary or undecodable input rather than returning
    mangled text.

    The ingest decodes each page twice (to fingerprint it, then to clean it), often in the same
    process: the result is remembered by the bytes' digest (a pure function of them and `name`).
    """
    key = (hashlib.blake2b(data, digest_size=16).digest(), name)
    known = _DECODED.get(key)
    if known is not None:
        return known
    return _DECODED.remember(key, _decode(data, name), len(data))


#: `decode`'s results by `(digest of the bytes, name)`, sized by the bytes.
_DECODED = Memo(MEMO_BYTES)


def _decode(data: bytes, name: str) -> Decoded:
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
        notes.append(f"{plural(nuls, 'NUL byte', grouped=False)} removed")
        if not data.strip():
            raise LoadError(f"{name}: empty file (no text to read, only NUL bytes)")
    text, encoding, note = _decode_utf8_lines(data, name)
    if note:
        notes.append(note)
    return _finish(text, encoding, notes, name)


def _finish(text: str, encoding: str, notes: list[str], name: str) -> Decoded:
    if "\x00" in text:  # UTF-16/32 text with NUL characters
        notes.append(f"{plural(text.count(chr(0)), 'NUL character', grouped=False)} removed")
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
        guess = detect_legacy_encoding(legacy)
        if guess is not None:
            parts = [
                line.decode(guess, "replace")
                if kind == "legacy"
                else line.decode("utf-8", "replace")
                for line, kind in zip(lines, kinds, strict=True)
            ]
            n_legacy = kinds.count("legacy")
            note = (
                f"mixed encodings: {plural(n_legacy, 'line', grouped=False)} not in UTF-8 decoded as {guess}, "
                "the rest as UTF-8"
            )
            if damaged_bytes:
                note += f"; {plural(damaged_bytes, 'invalid UTF-8 byte', grouped=False)} replaced"
            return "".join(parts), f"utf-8+{guess}", note
    n_bad = legacy_bytes + damaged_bytes
    note = f"{plural(n_bad, 'invalid UTF-8 byte', grouped=False)} replaced (shown as \ufffd)"
    if not few:
        note += "; the lines not in UTF-8 read as no known encoding"
    return data.decode("utf-8", "replace"), "utf-8", note


_CJK = ["gb18030", "big5", "shift_jis", "euc_jp", "euc_kr"]


def _decode_single_byte(data: bytes, name: str) -> tuple[str, str]:
    """`(encoding, text)` of a file in one legacy encoding (single-byte, else CJK), or LoadError."""
    shown = detect_legacy_encoding(data)
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

    # `looks_mojibake` re-reads the text `decode` just repaired, or remembered (`_DECODED`)
    value = _BADNESS.get(text)
    if value is None:
        value = _BADNESS.remember(text, badness(text), len(text))
    return value


#: The texts scored by `_badness` in this process and their scores, sized by characters.
_BADNESS = Memo(MEMO_BYTES)


def repair_mojibake(text: str) -> str | None:
    """`text` with its mojibake (UTF-8 decoded as cp1252/latin-1 upstream: â€™, Ã©, Ð¿Ñ€)
    repaired by ftfy, or None when there is none or ftfy cannot make it less bad."""
    if not _MOJIBAKE_PAIR.search(text):
        return None
    import ftfy

    before = _badness(text)
    if not before:
        return None
    fixed = _fix_lines(text, ftfy.fix_text)
    if fixed == text or _badness(fixed) >= before:
        return None
    return fixed


def _fix_lines(text: str, fix_text) -> str:
    """`fix_text(text, config)`, handing ftfy only the lines with non-ASCII characters: ftfy fixes
    a text line by line ("\n"-ended, each on its own) and leaves an ASCII line as it is, so the
    result is the same, in half the time on a page of mostly ASCII lines."""
    config = _ftfy_config()
    out = []
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        line = text[start:end]
        out.append(line if line.isascii() else fix_text(line, config))
        start = end
    return "".join(out)


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
