"""Finding, decoding and metadata-sheet validation: hostile input fails into a clear message naming
the file, never into a crash, a file read from outside the raw folder or silently garbled text."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import os
from pathlib import Path

import pytest

from presslens.load import (
    LoadError,
    decode,
    find_raw_files,
    looks_mojibake,
    parse_date,
    read_metadata,
    scan_raw_files,
)

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


@pytest.fixture(autouse=True)
def _default_date_range(monkeypatch):
    monkeypatch.delenv("PRESSLENS_DATE_MIN", raising=False)
    monkeypatch.delenv("PRESSLENS_DATE_MAX", raising=False)


def _utf8_stream_accepts(*texts: str) -> bool:
    """Writing `texts` to a UTF-8 stream (a terminal, the report CSV) does not raise."""
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    for text in texts:
        print(text, file=stream)
    stream.flush()
    return True


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


# --------------------------------------------------------------------------------------------
# Finding raw files


def test_find_raw_files_lists_pages_and_explains_skips(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.HTML").write_text("<p>x</p>")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "metadata.csv").write_text("file\n")
    pages, skipped = find_raw_files(tmp_path)
    assert [p.name for p in pages] == ["a.txt", "b.HTML"]
    assert [(p.name, "not a page" in why) for p, why in skipped] == [("notes.docx", True)]


def test_links_to_files_outside_the_raw_folder_are_skipped_not_read(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_text("A page.")
    secret = tmp_path / "private.txt"
    secret.write_text("not for the corpus")
    (raw / "private.txt").symlink_to(secret)
    (raw / "passwd.txt").symlink_to("/etc/passwd")
    (raw / "dots.txt").symlink_to("../private.txt")
    pages, skipped = scan_raw_files(raw)
    assert [p.rel for p in pages] == ["page.txt"]
    why = "symbolic link to a file outside the raw folder, not read"
    assert skipped == [("dots.txt", why), ("passwd.txt", why), ("private.txt", why)]


def test_a_link_to_a_file_inside_the_raw_folder_is_read_from_its_checked_target(tmp_path):
    raw = tmp_path / "raw"
    (raw / "site").mkdir(parents=True)
    (raw / "site" / "real.txt").write_text("A page.")
    (raw / "alias.txt").symlink_to(Path("site") / "real.txt")
    pages, skipped = scan_raw_files(raw)
    assert [p.rel for p in pages] == ["alias.txt", "site/real.txt"]
    assert pages[0].path == os.path.realpath(raw / "site" / "real.txt")
    assert skipped == []


def test_linked_folders_are_named_as_skipped_not_followed(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text("x")
    (tmp_path / "raw" / "sub").mkdir(parents=True)
    (tmp_path / "raw" / "b.txt").write_text("x")
    (tmp_path / "raw" / "sub" / "c.txt").write_text("x")
    (tmp_path / "raw" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "raw" / "again").symlink_to("sub", target_is_directory=True)
    pages, skipped = find_raw_files(tmp_path / "raw")
    assert [p.name for p in pages] == ["b.txt", "c.txt"]
    assert [(p.name, why) for p, why in skipped] == [
        ("again", "symbolic link to a folder, not followed"),
        ("linked", "symbolic link to a folder outside the raw folder, not read"),
    ]


def test_link_loops_and_broken_links_are_skipped_lines_not_a_crash(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_text("A page.")
    (raw / "self.txt").symlink_to("self.txt")
    (raw / "ping.txt").symlink_to("pong.txt")
    (raw / "pong.txt").symlink_to("ping.txt")
    (raw / "gone.txt").symlink_to("deleted.txt")
    pages, skipped = scan_raw_files(raw)
    assert [p.rel for p in pages] == ["page.txt"]
    assert [rel for rel, _ in skipped] == ["gone.txt", "ping.txt", "pong.txt", "self.txt"]
    assert all("broken symbolic link" in why for _, why in skipped)


def test_an_unreadable_folder_is_a_skipped_line_and_the_scan_goes_on(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    (raw / "locked").mkdir(parents=True)
    (raw / "locked" / "inside.txt").write_text("x")
    (raw / "open").mkdir()
    (raw / "open" / "page.txt").write_text("x")
    real_scandir = os.scandir

    def scandir(path="."):  # what a folder without read permission does (root ignores chmod)
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    pages, skipped = scan_raw_files(raw)
    assert [p.rel for p in pages] == ["open/page.txt"]
    assert skipped == [
        ("locked", "folder could not be read (Permission denied); its files were not scanned")
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder: chmod 000 cannot be tested")
def test_a_chmod_000_folder_is_a_skipped_line(tmp_path):  # pragma: no cover - not as root
    raw = tmp_path / "raw"
    (raw / "locked").mkdir(parents=True)
    (raw / "page.txt").write_text("x")
    (raw / "locked").chmod(0)
    try:
        pages, skipped = scan_raw_files(raw)
    finally:
        (raw / "locked").chmod(0o755)
    assert [p.rel for p in pages] == ["page.txt"]
    assert [rel for rel, _ in skipped] == ["locked"]


def test_an_unreadable_file_is_a_skipped_line(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_text("x")
    (raw / "secret.txt").write_text("x")
    real_access = os.access

    def access(path, mode, **kwargs):  # chmod 000 as a user sees it (root ignores chmod)
        return False if os.fspath(path).endswith("secret.txt") else real_access(path, mode)

    monkeypatch.setattr(os, "access", access)
    pages, skipped = scan_raw_files(raw)
    assert [p.rel for p in pages] == ["page.txt"]
    assert skipped == [("secret.txt", "file could not be read (permission denied)")]


def _make(folder: Path, name: bytes, data: bytes = b"A page.") -> None:
    try:
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(data)
    except (OSError, UnicodeError) as exc:  # pragma: no cover - file systems that refuse them
        pytest.skip(f"this file system refuses the name {name!r}: {exc}")


def test_names_that_are_not_utf8_are_skipped_lines_shown_with_escapes(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_text("A page.")
    _make(raw, b"caf\xe9.txt")  # latin-1 "café"
    os.mkdir(os.path.join(os.fsencode(raw), b"dossier-\xff"))
    _make(raw, b"dossier-\xff/inside.txt")
    pages, skipped = scan_raw_files(raw)
    assert [p.rel for p in pages] == ["page.txt"]
    assert [rel for rel, _ in skipped] == ["caf\\xe9.txt", "dossier-\\xff/inside.txt"]
    assert all("not valid UTF-8" in why for _, why in skipped)
    assert _utf8_stream_accepts(*(f"{rel}: {why}" for rel, why in skipped))


@pytest.mark.parametrize(
    "name", ["=HYPERLINK(1).txt", "-rf.txt", " leading space.txt", "new\nline.txt", "tab\there.txt"]
)
def test_odd_but_valid_names_are_pages_whose_path_opens(tmp_path, name):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / name).write_bytes("Страница.".encode())
    pages, skipped = scan_raw_files(raw)
    assert [p.rel for p in pages] == [name] and skipped == []
    with open(pages[0].path, "rb") as handle:
        assert handle.read() == "Страница.".encode()


# --------------------------------------------------------------------------------------------
# metadata.csv


def test_metadata_problems_are_reported_and_the_rest_is_used(tmp_path):
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,published,country\n"
        "a.txt,Outlet A,2023-05-04,AZ\n"
        "ghost.txt,Nobody,2023-05-04,US\n"
        "b.txt,Outlet B,the fourth of Maytember,AM\n"
        "a.txt,Again,2023-01-01,XX\n",
        encoding="utf-8",
    )
    sheet = read_metadata(tmp_path, known_files={"a.txt", "b.txt"})
    messages = "\n".join(sheet.problems)
    assert "missing column(s) url, language" in messages
    assert "ghost.txt" in messages and "not in the raw folder" in messages
    assert "line 4: b.txt: 'the fourth of Maytember' is not a date" in messages
    assert "a.txt listed again" in messages
    rows = sheet.rows.set_index("file")
    assert list(rows.index) == ["a.txt", "b.txt"]
    assert rows.loc["a.txt", "outlet"] == "Outlet A" and rows.loc["a.txt", "country"] == "AZ"
    assert rows.loc["b.txt", "published"] == ""
    assert sheet.extra_columns == ["country"]


def test_metadata_without_file_column_is_ignored_with_a_message(tmp_path):
    (tmp_path / "metadata.csv").write_text("name,outlet\na.txt,A\n")
    sheet = read_metadata(tmp_path)
    assert sheet.rows.empty and "no 'file' column" in sheet.problems[0]


def test_sheet_dates_outside_the_range_are_reported_and_left_empty(tmp_path):
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,published\n"
        "a.txt,A,9999-12-31\n"
        "b.txt,B,0223-06-29\n"
        "c.txt,C,1899-01-01\n"
        f"d.txt,D,{future}\n"
        "e.txt,E,2023-06-29\n"
        f"f.txt,F,{tomorrow}\n"
        "g.txt,G,29/06/2023\n",
        encoding="utf-8",
    )
    sheet = read_metadata(tmp_path)
    published = sheet.rows.set_index("file")["published"].to_dict()
    assert published == {
        "a.txt": "",  # not 1816-03-29
        "b.txt": "",  # not 1977-02-24
        "c.txt": "",
        "d.txt": "",
        "e.txt": "2023-06-29",
        "f.txt": tomorrow,
        "g.txt": "2023-06-29",
    }
    refused = [p for p in sheet.problems if "outside the accepted range" in p]
    assert [p.split(":")[0] for p in refused] == [f"metadata.csv line {n}" for n in (2, 3, 4, 5)]
    for problem, (file, value) in zip(
        refused,
        [
            ("a.txt", "9999-12-31"),
            ("b.txt", "0223-06-29"),
            ("c.txt", "1899-01-01"),
            ("d.txt", future),
        ],
        strict=True,
    ):
        assert f": {file}: '{value}' is outside the accepted range (1900-01-01 to " in problem
        assert problem.endswith("cell left empty, date inferred from the page instead")


def test_load_parse_date_refuses_dates_outside_the_range():
    assert parse_date("9999-12-31") is None and parse_date("0223-06-29") is None
    assert parse_date("1899-01-01") is None
    assert parse_date("1900-01-01") == dt.date(1900, 1, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-06-30", "2023-06-30"),
        ("30/06/2023", "2023-06-30"),
        ("4 May 2023", "2023-05-04"),
        ("soon", None),
        ("", None),
    ],
)
def test_parse_date(value, expected):
    parsed = parse_date(value)
    assert (parsed.isoformat() if parsed else None) == expected


def test_a_sheet_not_in_utf8_is_read_and_its_encoding_reported(tmp_path):
    sheet_text = (
        "file,outlet,language\n"
        "a.txt,Новая газета,ru\n"
        "b.txt,Российская газета,ru\n"
        "c.txt,Коммерсантъ — Закавказье,ru\n"
    )
    (tmp_path / "metadata.csv").write_bytes(sheet_text.encode("cp1251"))
    sheet = read_metadata(tmp_path)
    assert "metadata.csv: decoded as cp1251 (not UTF-8)" in sheet.problems
    assert sheet.rows["outlet"].tolist() == [
        "Новая газета",
        "Российская газета",
        "Коммерсантъ — Закавказье",
    ]


def test_a_sheet_that_is_not_text_is_ignored_with_a_message_naming_it(tmp_path):
    # An .xlsx saved under the sheet's name: a ZIP whose first kilobytes look printable.
    (tmp_path / "metadata.csv").write_bytes(
        b"PK\x03\x04" + b"[Content_Types].xml file,outlet " * 50
    )
    sheet = read_metadata(tmp_path)
    assert sheet.rows.empty
    assert sheet.problems == [
        "metadata.csv: binary file, not text (a ZIP archive (or .docx, .xlsx, .epub)); "
        "metadata ignored"
    ]


def test_an_unclosed_quote_is_reported_with_the_lines_it_swallows_and_the_rows_recovered(tmp_path):
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,published,language\n"
        "a.txt,Outlet A,2023-05-01,en\n"
        'b.txt,"Outlet B,2023-05-02,en\n'
        "c.txt,Outlet C,2023-05-03,fr\n"
        "d.txt,Outlet D,2023-05-04,ru\n"
        "e.txt,Outlet E,2023-05-05,hy\n"
        "f.txt,Outlet F,2023-05-06,az\n",
        encoding="utf-8",
    )
    sheet = read_metadata(tmp_path)
    assert (
        "metadata.csv line 3: an unclosed quote swallows lines 3–7; the quote was dropped and "
        "those lines read as rows"
    ) in sheet.problems
    rows = sheet.rows.set_index("file")
    assert list(rows.index) == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
    assert rows["outlet"].tolist() == [f"Outlet {x}" for x in "ABCDEF"]
    assert rows.loc["f.txt", "language"] == "az" and rows.loc["b.txt", "published"] == "2023-05-02"


def test_an_unclosed_quote_closed_by_a_later_quote_is_reported_and_recovered(tmp_path):
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,url\n"
        'a.txt,"Outlet A,https://a.example/1\n'
        "b.txt,Outlet B,https://b.example/2\n"
        'c.txt,"Outlet C",https://c.example/3\n'
        "d.txt,Outlet D,https://d.example/4\n",
        encoding="utf-8",
    )
    known = {"a.txt", "b.txt", "c.txt", "d.txt"}
    sheet = read_metadata(tmp_path, known_files=known)
    assert any(p.startswith("metadata.csv line 2: an unclosed quote") for p in sheet.problems)
    rows = sheet.rows.set_index("file")
    assert rows["outlet"].to_dict() == {f"{x}.txt": f"Outlet {x.upper()}" for x in "abcd"}


def test_an_unclosed_quote_in_a_big_sheet_is_reported_not_fatal(tmp_path):
    # Past the csv module's field size limit the reader raises instead of swallowing quietly.
    rows = [f"p{i:05d}.txt,Outlet {i % 7},,2023-05-01,en" for i in range(6000)]
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,url,published,language\n"
        + 'first.txt,"Outlet F,,2023-05-01,en\n'
        + "\n".join(rows),
        encoding="utf-8",
    )
    sheet = read_metadata(tmp_path)
    assert len(sheet.problems) == 1 and sheet.problems[0].startswith("metadata.csv line 2: ")
    assert "unclosed quote" in sheet.problems[0]
    assert len(sheet.records) == 6001
    assert sheet.by_file["first.txt"]["outlet"] == "Outlet F"
    assert sheet.by_file["p05999.txt"]["outlet"] == "Outlet 0"


def test_a_quoted_cell_spanning_lines_on_purpose_is_kept_without_a_warning(tmp_path):
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,note\n"
        'a.txt,Outlet A,"First line of a note,\nsecond line, about a.txt and its sources"\n'
        "b.txt,Outlet B,short\n",
        encoding="utf-8",
    )
    sheet = read_metadata(tmp_path)
    assert not [p for p in sheet.problems if "quote" in p]
    assert sheet.by_file["a.txt"]["note"].startswith("First line of a note,\nsecond line")
    assert sheet.by_file["b.txt"]["outlet"] == "Outlet B"


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_sheets_separated_by_semicolons_or_tabs_and_with_a_bom_are_read(tmp_path, delimiter, bom):
    rows = [
        ["file", "outlet", "published"],
        ["a.txt", "Le Courrier, Genève", "2023-05-04"],
        ["b.txt", "Ազատություն", "05/06/2023"],
    ]
    text = "\r\n".join(
        delimiter.join(f'"{c}"' if delimiter in c or "," in c else c for c in row) for row in rows
    )
    (tmp_path / "metadata.csv").write_bytes(bom + text.encode("utf-8"))
    sheet = read_metadata(tmp_path)
    assert sheet.problems == ["metadata.csv: missing column(s) url, language; treated as blank"]
    assert sheet.by_file["a.txt"]["outlet"] == "Le Courrier, Genève"
    assert sheet.by_file["b.txt"]["outlet"] == "Ազատություն"
    assert sheet.by_file["b.txt"]["published"] == "2023-06-05"


def test_cells_that_look_like_formulas_are_kept_as_data(tmp_path):
    # Neutralising (a leading ') happens when the suite writes a CSV, not when it reads one.
    (tmp_path / "metadata.csv").write_text(
        'file,outlet,stance\na.txt,=HYPERLINK("http://x.example"),+1\nb.txt,@SUM(A1),-neutral\n',
        encoding="utf-8",
    )
    sheet = read_metadata(tmp_path)
    assert sheet.by_file["a.txt"]["outlet"] == '=HYPERLINK("http://x.example")'
    assert sheet.by_file["a.txt"]["stance"] == "+1"
    assert sheet.by_file["b.txt"]["outlet"] == "@SUM(A1)"
    assert sheet.by_file["b.txt"]["stance"] == "-neutral"


def test_rows_short_of_a_column_added_later_are_padded_silently_long_rows_are_reported(tmp_path):
    # After `presslens add`, the header gains `fetched_at` but the older rows keep their cells.
    (tmp_path / "metadata.csv").write_text(
        "file,outlet,url,published,language,fetched_at\n"
        "a.txt,Outlet A,https://a.example/1,2023-05-01,en\n"
        "b.txt,Outlet B,,2023-05-02\n"
        "c.txt,Outlet C,https://c.example/3,2023-05-03,en,2024-01-02T10:00:00Z\n"
        "d.txt,Outlet D,https://d.example/4,2023-05-04,en,2024-01-02,oops\n",
        encoding="utf-8",
    )
    sheet = read_metadata(tmp_path)
    assert sheet.problems == [
        "metadata.csv line 5: 7 cells for 6 columns (a stray comma or quote?); the cells beyond "
        "the last column are ignored"
    ]
    assert sheet.by_file["a.txt"]["fetched_at"] == "" and sheet.by_file["b.txt"]["language"] == ""
    assert sheet.by_file["c.txt"]["fetched_at"] == "2024-01-02T10:00:00Z"


def test_a_sheet_linking_outside_the_raw_folder_is_not_read(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (tmp_path / "elsewhere.csv").write_text("file,outlet\na.txt,Planted\n")
    (raw / "metadata.csv").symlink_to(tmp_path / "elsewhere.csv")
    sheet = read_metadata(raw)
    assert sheet.rows.empty
    assert sheet.problems == [
        "metadata.csv: symbolic link to a file outside the raw folder, not read; metadata ignored"
    ]
