"""metadata.csv validation: every problem a message naming the sheet and line, the rest used."""

from __future__ import annotations

import codecs
import datetime as dt
import warnings

import pytest

from presslens.raw import read_metadata


@pytest.fixture(autouse=True)
def _default_date_range(monkeypatch):
    monkeypatch.delenv("PRESSLENS_DATE_MIN", raising=False)
    monkeypatch.delenv("PRESSLENS_DATE_MAX", raising=False)


def _read_sheet(raw, text: str, known_files=None):
    """`read_metadata` of a raw folder whose sheet is `text` (UTF-8)."""
    (raw / "metadata.csv").write_text(text, encoding="utf-8")
    return read_metadata(raw, known_files=known_files)


# --------------------------------------------------------------------------------------------
# metadata.csv


def test_metadata_problems_are_reported_and_the_rest_is_used(tmp_path):
    sheet = _read_sheet(
        tmp_path,
        "file,outlet,published,country\n"
        "a.txt,Outlet A,2023-05-04,AZ\n"
        "ghost.txt,Nobody,2023-05-04,US\n"
        "b.txt,Outlet B,the fourth of Maytember,AM\n"
        "a.txt,Again,2023-01-01,XX\n",
        known_files={"a.txt", "b.txt"},
    )
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
    sheet = _read_sheet(tmp_path, "name,outlet\na.txt,A\n")
    assert sheet.rows.empty and "no 'file' column" in sheet.problems[0]


def test_sheet_dates_outside_the_range_are_reported_and_left_empty(tmp_path):
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    sheet = _read_sheet(
        tmp_path,
        "file,outlet,published\n"
        "a.txt,A,9999-12-31\n"
        "b.txt,B,0223-06-29\n"
        "c.txt,C,1899-01-01\n"
        f"d.txt,D,{future}\n"
        "e.txt,E,2023-06-29\n"
        f"f.txt,F,{tomorrow}\n"
        "g.txt,G,29/06/2023\n",
    )
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
    sheet = _read_sheet(
        tmp_path,
        "file,outlet,published,language\n"
        "a.txt,Outlet A,2023-05-01,en\n"
        'b.txt,"Outlet B,2023-05-02,en\n'
        "c.txt,Outlet C,2023-05-03,fr\n"
        "d.txt,Outlet D,2023-05-04,ru\n"
        "e.txt,Outlet E,2023-05-05,hy\n"
        "f.txt,Outlet F,2023-05-06,az\n",
    )
    assert (
        "metadata.csv line 3: an unclosed quote swallows lines 3–7; the quote was dropped and "
        "those lines read as rows"
    ) in sheet.problems
    rows = sheet.rows.set_index("file")
    assert list(rows.index) == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
    assert rows["outlet"].tolist() == [f"Outlet {x}" for x in "ABCDEF"]
    assert rows.loc["f.txt", "language"] == "az" and rows.loc["b.txt", "published"] == "2023-05-02"


def test_an_unclosed_quote_closed_by_a_later_quote_is_reported_and_recovered(tmp_path):
    known = {"a.txt", "b.txt", "c.txt", "d.txt"}
    sheet = _read_sheet(
        tmp_path,
        "file,outlet,url\n"
        'a.txt,"Outlet A,https://a.example/1\n'
        "b.txt,Outlet B,https://b.example/2\n"
        'c.txt,"Outlet C",https://c.example/3\n'
        "d.txt,Outlet D,https://d.example/4\n",
        known_files=known,
    )
    assert any(p.startswith("metadata.csv line 2: an unclosed quote") for p in sheet.problems)
    rows = sheet.rows.set_index("file")
    assert rows["outlet"].to_dict() == {f"{x}.txt": f"Outlet {x.upper()}" for x in "abcd"}


def test_an_unclosed_quote_in_a_big_sheet_is_reported_not_fatal(tmp_path):
    # Past the csv module's field size limit the reader raises instead of swallowing quietly.
    rows = [f"p{i:05d}.txt,Outlet {i % 7},,2023-05-01,en" for i in range(6000)]
    sheet = _read_sheet(
        tmp_path,
        "file,outlet,url,published,language\n"
        + 'first.txt,"Outlet F,,2023-05-01,en\n'
        + "\n".join(rows),
    )
    assert len(sheet.problems) == 1 and sheet.problems[0].startswith("metadata.csv line 2: ")
    assert "unclosed quote" in sheet.problems[0]
    assert len(sheet.records) == 6001
    assert sheet.by_file["first.txt"]["outlet"] == "Outlet F"
    assert sheet.by_file["p05999.txt"]["outlet"] == "Outlet 0"


def test_a_quoted_cell_spanning_lines_on_purpose_is_kept_without_a_warning(tmp_path):
    sheet = _read_sheet(
        tmp_path,
        "file,outlet,note\n"
        'a.txt,Outlet A,"First line of a note,\nsecond line, about a.txt and its sources"\n'
        "b.txt,Outlet B,short\n",
    )
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
    sheet = _read_sheet(
        tmp_path,
        'file,outlet,stance\na.txt,=HYPERLINK("http://x.example"),+1\nb.txt,@SUM(A1),-neutral\n',
    )
    cells = {(r["file"], r["outlet"], r["stance"]) for r in sheet.records}
    assert cells == {
        ("a.txt", '=HYPERLINK("http://x.example")', "+1"),
        ("b.txt", "@SUM(A1)", "-neutral"),
    }


def test_rows_short_of_a_column_added_later_are_padded_silently_long_rows_are_reported(tmp_path):
    # After `presslens add`, the header gains `fetched_at` but the older rows keep their cells.
    sheet = _read_sheet(
        tmp_path,
        "file,outlet,url,published,language,fetched_at\n"
        "a.txt,Outlet A,https://a.example/1,2023-05-01,en\n"
        "b.txt,Outlet B,,2023-05-02\n"
        "c.txt,Outlet C,https://c.example/3,2023-05-03,en,2024-01-02T10:00:00Z\n"
        "d.txt,Outlet D,https://d.example/4,2023-05-04,en,2024-01-02,oops\n",
    )
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


# --------------------------------------------------------------------------------------------
# The old path


def test_the_old_load_path_still_works_and_warns_naming_the_new_one(tmp_path):
    import presslens.raw

    with pytest.warns(DeprecationWarning, match=r"presslens\.load\.read_metadata moved to "):
        from presslens.load import read_metadata as old_reader
    assert old_reader is presslens.raw.read_metadata
    with pytest.warns(DeprecationWarning, match=r"presslens\.load\.decode moved to presslens\.raw"):
        from presslens.load import decode
    assert decode(b"plain text").text == "plain text"
    from presslens.load import parse_date  # a deprecated wrapper: it warns when called

    with pytest.warns(DeprecationWarning, match=r"use presslens\.dates\.parse_date_cell"):
        assert parse_date("soon") is None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert parse_date("1900-01-01") == dt.date(1900, 1, 1)
