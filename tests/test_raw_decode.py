"""Decoding raw pages: hostile bytes fail into a clear message naming the file, never into a crash
or silently garbled text."""

from __future__ import annotations

import codecs

import pytest

from presslens.raw import LoadError, decode, looks_mojibake

RUSSIAN = "Переговоры министров иностранных дел Армении и Азербайджана прошли в Вашингтоне."
# Our own sentences, in several languages and scripts.
ENGLISH = [
    "“We will not sign a text we haven’t read,” the deputy minister told reporters – twice.",
    "Diplomats described the mood as “tense but workable” after the second session.",
    "Neither delegation’s spokesman would say when the border commission meets again…",
    "A joint statement is expected on Friday, officials said, “if nothing goes wrong”.",
]
RUSSIAN_PARAS = [
    "Министр заявил, что переговоры «продолжатся» — несмотря на разногласия сторон.",
    "Делегации обсудили вопросы разграничения границы и открытия транспортных путей.",
    "Следующая встреча, по словам дипломатов, может пройти уже в начале следующего месяца.",
    "Наблюдатели считают, что стороны ещё далеки от окончательного мирного соглашения.",
]
ARMENIAN = "Արտաքին գործերի նախարարները կհանդիպեն հաջորդ շաբաթ՝ խաղաղության պայմանագրի շուրջ։"
FRENCH = "Les négociations à Genève ont été reportées ; « c’est très décevant », a déclaré l’élue."


# --------------------------------------------------------------------------------------------
# Decoding: what worked before


def test_utf8_with_and_without_bom_decode_to_the_same_text():
    text = "Armenia’s “peace” talks — Nagorno-Karabakh"
    assert decode(text.encode("utf-8")).text == text
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8")).text == text
    assert decode(text.encode("utf-8")).warning == ""


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_read(encoding):
    data = RUSSIAN.encode(encoding)
    if encoding != "utf-16":
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    assert decode(data, "page.txt").text == RUSSIAN


def test_cp1251_russian_is_detected_not_mangled():
    decoded_cp = decode(((RUSSIAN + " ") * 5).encode("cp1251"), "ru.txt")
    assert RUSSIAN in decoded_cp.text
    assert "1251" in decoded_cp.encoding
    assert "not UTF-8" in decoded_cp.warning


def test_latin1_french_is_detected():
    text = "Les négociations de paix à Washington ont progressé, selon le département d'État. " * 4
    decoded = decode(text.encode("latin-1"), "fr.txt")
    assert "négociations" in decoded.text and "département d'État" in decoded.text


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "empty"),
        (b"  \n\n \t", "empty"),
        (b"\x00\x00\x00\x00", "empty"),
        (b"%PDF-1.4\x00\x01\x02\x03binary\x00" * 50, "binary"),
    ],
)
def test_empty_and_binary_input_raise_a_named_error(data, phrase):
    with pytest.raises(LoadError, match=phrase) as info:
        decode(data, "bad/page.txt")
    assert "bad/page.txt" in str(info.value)


# --------------------------------------------------------------------------------------------
# Decoding that never silently garbles


def test_utf8_with_a_few_invalid_bytes_stays_utf8_and_says_how_many_were_replaced():
    # A UTF-8 article in which two bytes went bad (a cp1252 apostrophe pasted in, a flipped
    # byte): before, the whole page was read as mac_iceland and every ’ “ – garbled.
    text = "\n\n".join(ENGLISH)
    data = text.encode("utf-8").replace(b"twice", b"twice\x92").replace(b"Friday", b"Fri\xffday")
    decoded = decode(data, "stray.txt")
    assert decoded.encoding == "utf-8"
    assert "2 invalid UTF-8 bytes replaced" in decoded.warning
    for paragraph in ENGLISH[1:3]:
        assert paragraph in decoded.text  # every curly quote, apostrophe and dash intact
    assert decoded.text.count("\ufffd") == 2
    assert "â€" not in decoded.text


def test_a_file_mixing_utf8_and_cp1251_paragraphs_is_decoded_paragraph_by_paragraph():
    parts = [
        p.encode("utf-8") if i % 2 == 0 else p.encode("cp1251") for i, p in enumerate(RUSSIAN_PARAS)
    ]
    decoded = decode(b"\n\n".join(parts), "mixed.txt")
    assert decoded.text == "\n\n".join(RUSSIAN_PARAS)  # no mac_cyrillic mojibake anywhere
    assert "mixed encodings" in decoded.warning and "cp1251" in decoded.warning
    assert "2 lines not in UTF-8" in decoded.warning


def test_a_file_mixing_utf8_and_cp1252_english_keeps_every_quote():
    parts = [p.encode("utf-8") if i % 2 == 0 else p.encode("cp1252") for i, p in enumerate(ENGLISH)]
    decoded = decode(b"\n".join(parts), "mixed-en.txt")
    assert decoded.text == "\n".join(ENGLISH)
    assert "mixed encodings" in decoded.warning and "cp1252" in decoded.warning


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("\n".join(ENGLISH), "cp1252", "cp1252"),  # curly quotes: cp1252, not cp1250/cp775/mac_*
        ("O ministro afirmou que as negociações continuarão após a reunião.", "latin-1", "cp1252"),
        (FRENCH.replace("’", "'"), "latin-1", "cp1252"),
        ("Die Außenminister trafen sich. „Wir sind zuversichtlich“, sagte er.", "cp1252", "cp1252"),
        ("\n".join(RUSSIAN_PARAS), "cp1251", "cp1251"),
        ("\n".join(RUSSIAN_PARAS).translate(str.maketrans("«»—", '""-')), "koi8-r", "koi8-r"),
        ("Міністр заявив, що переговори продовжаться. Її позиція ґрунтовна.", "cp1251", "cp1251"),
        ("Dışişleri Bakanı, görüşmelerin şubat ayında başlayacağını söyledi.", "cp1254", "cp1254"),
        ("Minister powiedział, że rozmowy będą kontynuowane w przyszłym tygodniu.", "cp1250", None),
        ("Ministr řekl, že rozhovory budou pokračovat příští týden.", "cp1250", "cp1250"),
        (
            "Ministras teigė, kad derybos dėl sutarties bus tęsiamos kitą savaitę, o jų "
            "rezultatai paaiškės vėliau.",
            "cp1257",
            "cp1257",
        ),
        (
            "Ο υπουργός δήλωσε ότι οι συνομιλίες θα συνεχιστούν την επόμενη εβδομάδα.",
            "cp1253",
            None,
        ),
        ("שר החוץ אמר כי השיחות יימשכו בשבוע הבא, כך נמסר.", "cp1255", "cp1255"),
    ],
)
def test_legacy_encodings_are_chosen_on_evidence(text, encoding, expected):
    decoded = decode(text.encode(encoding), "legacy.txt")
    assert decoded.text == text
    if expected:
        assert decoded.encoding == expected
    assert f"decoded as {decoded.encoding} (not UTF-8)" in decoded.warning


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["\n".join(ENGLISH), "\n".join(RUSSIAN_PARAS), ARMENIAN])
def test_utf16_without_bom_is_read_not_called_binary(text, encoding):
    decoded = decode(text.encode(encoding), "utf16.txt")
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert f"{encoding.upper()} (no byte-order mark)" in decoded.warning


def test_a_stray_nul_byte_is_removed_and_reported_not_a_reason_to_drop_the_page():
    text = "\n".join(ENGLISH)
    decoded = decode(text.encode().replace(b"session", b"ses\x00sion"), "nul.txt")
    assert decoded.text == text and decoded.warning == "1 NUL byte removed"
    padded = decode(text.encode() + b"\x00" * 4096, "padded.txt")  # a save that crashed
    assert padded.text == text and "4096 NUL bytes removed" in padded.warning


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04" + b"word/document.xml <w:p>Talks resumed</w:p> " * 40, "ZIP"),
        (b"%PDF-1.7\n% talks.pdf\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 40, "PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"IHDR" + bytes(range(256)) * 4, "PNG"),
        (b"GIF89a" + b"talks" * 100, "GIF"),
        (bytes(range(256)) * 40, "control bytes"),
        (b"\x00\x01\x02\x03 text \x04\x05\x06" * 200, "control bytes"),
    ],
)
def test_binary_files_are_still_refused_with_a_clear_message(data, kind):
    with pytest.raises(LoadError) as info:
        decode(data, "scans/page.txt")
    message = str(info.value)
    assert message.startswith("scans/page.txt: binary file, not text") and kind in message


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(ENGLISH),
        FRENCH,
        ARMENIAN,
        "\n".join(RUSSIAN_PARAS[:2]),
        "Xarici İşlər Nazirliyi bəyanat yayıb: danışıqlar davam edəcək.",
    ],
)
def test_mojibake_is_repaired_and_reported(text):
    # UTF-8 that was read as cp1252 by a scraper and saved again as UTF-8: "â€™", "Ã©", "Õ€".
    garbled = "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in text.encode("utf-8")
    )
    assert looks_mojibake(garbled)
    decoded = decode(garbled.encode("utf-8"), "moji.txt")
    assert decoded.text == text
    assert "mojibake repaired" in decoded.warning
    assert not looks_mojibake(decoded.text)  # what the ingest checks afterwards agrees


@pytest.mark.parametrize("text", ["\n".join(ENGLISH), FRENCH, ARMENIAN, RUSSIAN, "Grüße, Ångström"])
def test_clean_text_is_neither_repaired_nor_called_mojibake(text):
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == text and decoded.warning == "" and not looks_mojibake(text)


def test_mojibake_repair_line_by_line_is_ftfy_on_the_whole_text():
    # ftfy is handed only the lines with non-ASCII characters (`_fix_lines`): the same text as
    # ftfy on the whole page, whatever mixes of plain, garbled and clean accented lines.
    import ftfy

    from presslens.raw.decode import _fix_lines, _ftfy_config

    garble = "".join(bytes([b]).decode("latin-1") for b in "Café déjà vu".encode())
    lines = [
        "A plain line about the council.",
        "itâ€™s the mayorâ€™s plan",
        garble,
        "Grüße aus Köln, déjà vu",
        "",
        "  indented ASCII  ",
        "Ã",
        "â€œquotedâ€\x9d and Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
    ]
    for text in ["\n".join(lines), "\n".join(lines) + "\n", "\r\n".join(lines), lines[1], "\n\n"]:
        assert _fix_lines(text, ftfy.fix_text) == ftfy.fix_text(text, _ftfy_config())
