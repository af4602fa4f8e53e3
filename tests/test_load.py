"""Decoding and metadata-sheet validation: every failure is a clear message naming the file."""

from __future__ import annotations

import codecs

import pytest

from presslens.load import LoadError, decode, find_raw_files, parse_date, read_metadata

RUSSIAN = "Переговоры министров иностранных дел Армении и Азербайджана прошли в Вашингтоне."


def test_utf8_with_and_without_bom_decode_to_the_same_text():
    text = "Armenia’s “peace” talks — Nagorno-Karabakh"
    assert decode(text.encode("utf-8")).text == text
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8")).text == text


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
        (b"%PDF-1.4\x00\x01\x02\x03binary\x00" * 50, "binary"),
    ],
)
def test_empty_and_binary_input_raise_a_named_error(data, phrase):
    with pytest.raises(LoadError, match=phrase) as info:
        decode(data, "bad/page.txt")
    assert "bad/page.txt" in str(info.value)


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
    assert "unparseable date 'the fourth of Maytember'" in messages
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


def test_a_linked_folder_is_named_as_skipped_not_followed(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text("x")
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "b.txt").write_text("x")
    (tmp_path / "raw" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    pages, skipped = find_raw_files(tmp_path / "raw")
    assert [p.name for p in pages] == ["b.txt"]
    assert [(p.name, why) for p, why in skipped] == [
        ("linked", "symbolic link to a folder, not followed")
    ]
