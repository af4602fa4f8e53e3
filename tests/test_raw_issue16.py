"""Issue 16's bad inputs, end to end: each case held out there now gives its article and a message.

Our own texts; the bytes are made here in each encoding.
"""

from __future__ import annotations

import codecs

import pytest

from presslens.ingest.extract import process_file
from presslens.raw import decode, read_metadata

CURLY = [
    "“We will keep talking,” the minister said on Tuesday – the talks’ next round starts in "
    "June. It’s the third round this year.",
    "The council’s decision — announced on Friday — was “final”, officials said; residents "
    "weren’t told why.",
]


@pytest.mark.parametrize("text", CURLY)
def test_cp1252_curly_quotes_are_read_as_cp1252_not_cp775_box_letters(text):
    decoded = decode(text.encode("cp1252"), "quotes.txt")
    assert decoded.encoding == "cp1252"
    assert decoded.text == text  # no box-drawing letters in place of the quotes
    assert "decoded as cp1252" in decoded.warning


def _page(title: str) -> str:
    return (
        f"{title}\n\n"
        "The ministers met on Monday for talks about the border, officials said, and agreed to "
        "meet again next month after a long day of negotiations in the capital.\n\n"
        "Neither side gave details, but both described the atmosphere as constructive and said "
        "that the commission would report to parliament before the summer recess."
    )


@pytest.mark.parametrize(
    ("title", "where"),
    [("Ministers agree to meet again", b"border"), ("Border talks end without a deal", b"month")],
)
def test_a_page_with_one_nul_byte_keeps_its_article_and_says_so(tmp_path, title, where):
    data = _page(title).encode().replace(where, where[:2] + b"\x00" + where[2:], 1)
    (tmp_path / "nul.txt").write_bytes(data)
    row = process_file(str(tmp_path / "nul.txt"), "nul.txt")
    assert not row["error"]
    assert row["n_kept"] >= 2
    assert row["title"] == title
    assert "1 NUL byte removed" in row["warning"]


@pytest.mark.parametrize("delimiter", [b";", b"\t"])
def test_a_semicolon_or_tab_sheet_with_a_bom_is_read_and_its_missing_file_reported(
    tmp_path, delimiter
):
    (tmp_path / "a.txt").write_text(_page("Ministers agree to meet again"), encoding="utf-8")
    rows = [
        [b"file", b"outlet", b"published"],
        [b"a.txt", b"Outlet A", b"2023-05-04"],
        [b"gone.txt", b"Outlet B", b"2023-05-05"],
    ]
    body = b"\r\n".join(delimiter.join(r) for r in rows) + b"\r\n"
    (tmp_path / "metadata.csv").write_bytes(codecs.BOM_UTF8 + body)
    sheet = read_metadata(tmp_path, known_files={"a.txt"})
    assert sheet.by_file["a.txt"]["outlet"] == "Outlet A"
    assert sheet.by_file["a.txt"]["published"] == "2023-05-04"
    assert any("gone.txt" in p and "not in the raw folder" in p for p in sheet.problems)
    assert not any("no 'file' column" in p or "file column" in p for p in sheet.problems)
