"""presslens add under hostile servers, hostile folders, broken sheets, bad dates and Ctrl-C.

Every server here runs on 127.0.0.1 inside the test, and every server loop stops by itself.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import shutil
import socket
import socketserver
import struct
import threading
import time
from pathlib import Path

import pytest
from add_support import RAW, copy_raw, serving, sheet_rows

import presslens.add as add_module
import presslens.raw.sheet as sheet_module
from presslens.add import AddError, add
from presslens.cli import main
from presslens.dates import DateError
from presslens.raw import read_metadata

HTML_HEAD = b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"


# ---------------------------------------------------------------------- a misbehaving server
def _trickle_body(sock):
    """A valid header, then one byte every 50 ms for at most 10 s (no Content-Length)."""
    sock.sendall(HTML_HEAD + b"\r\n<html><body><p>")
    for _ in range(200):
        sock.sendall(b"x")
        time.sleep(0.05)
    sock.sendall(b"</p></body></html>")


def _trickle_header(sock):
    """The status line, then a header line one byte every 50 ms for at most 10 s."""
    sock.sendall(b"HTTP/1.0 200 OK\r\nX-Slow: ")
    for _ in range(200):
        sock.sendall(b"a")
        time.sleep(0.05)
    sock.sendall(b"\r\nContent-Type: text/html\r\n\r\n<p>late</p>")


def _truncated(sock):
    body = b"<html><body><p>Only the first part of the page arrives.</p>"
    sock.sendall(HTML_HEAD + f"Content-Length: {len(body) * 10}\r\n\r\n".encode() + body)


def _garbage(sock):
    sock.sendall(b"\x16\x03\x01\x00 this is not an HTTP reply \xff\xfe\r\n\r\nmore noise")


def _silent(sock):
    pass  # read the request, close without a word


def _reset(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()  # RST instead of FIN


def _chunked_cut(sock):
    sock.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"100\r\n<p>a chunk announced as 256 bytes that stops early"
    )


BEHAVIOURS = {
    "/trickle-body": _trickle_body,
    "/trickle-header": _trickle_header,
    "/truncated": _truncated,
    "/garbage": _garbage,
    "/silent": _silent,
    "/reset": _reset,
    "/chunked-cut": _chunked_cut,
}


class _RawHandler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.settimeout(5)
        request = b""
        try:
            while b"\r\n\r\n" not in request and len(request) < 65536:
                chunk = self.request.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ", 2)[1].decode("ascii", "replace")
            BEHAVIOURS[path](self.request)
        except (OSError, KeyError, IndexError):
            pass  # the client gave up (the point of several tests) or asked for nonsense


@pytest.fixture(scope="module")
def bad_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _RawHandler)
    server.daemon_threads = True
    with serving(server) as url:
        yield url


@pytest.fixture
def raw(tmp_path):
    return copy_raw(tmp_path)


def _snapshot(raw: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in raw.iterdir() if p.is_file()}


def _page(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _every_page_is_listed(raw: Path) -> bool:
    listed = {row["file"] for row in sheet_rows(raw)}
    return {p.name for p in raw.iterdir() if p.suffix in (".txt", ".html")} <= listed


# ------------------------------------------------------------------------------- downloads
@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-header"])
def test_a_trickling_server_is_cut_off_at_the_time_limit(raw, bad_server, path):
    before = _snapshot(raw)
    started = time.monotonic()
    with pytest.raises(AddError) as info:
        add([bad_server + path], raw=raw, timeout=1)
    elapsed = time.monotonic() - started
    assert elapsed < 4, f"--timeout 1 took {elapsed:.1f} s"
    (message,) = info.value.report["message"]
    assert "did not finish within 1 s" in message and "not stored" in message
    assert _snapshot(raw) == before


def test_a_body_shorter_than_its_content_length_is_refused_as_truncated(raw, bad_server):
    before = _snapshot(raw)
    with pytest.raises(AddError) as info:
        add([f"{bad_server}/truncated"], raw=raw, timeout=5)
    (message,) = info.value.report["message"]
    assert "truncated, received 59 of 590 bytes" in message
    assert _snapshot(raw) == before


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/garbage", "the reply is not HTTP"),
        ("/silent", "closed the connection without sending a reply"),
        ("/reset", "reset the connection|closed the connection"),
        ("/chunked-cut", "closed before the page was complete"),
    ],
)
def test_a_broken_reply_is_a_report_row_not_a_traceback(raw, bad_server, path, reason):
    before = _snapshot(raw)
    with pytest.raises(AddError) as info:
        add([bad_server + path], raw=raw, timeout=5)
    report = info.value.report
    assert report.columns.tolist() == ["source", "file", "status", "message"]
    assert report["status"].tolist() == ["refused"]
    assert report["source"].tolist() == [bad_server + path]
    assert re.search(reason, report["message"].iloc[0])
    assert _snapshot(raw) == before


# ------------------------------------------------------------------- one item, all or nothing
def test_a_file_added_beside_a_failing_url_gets_its_row(raw, bad_server, tmp_path):
    page = _page(tmp_path / "in", "beside.txt", "A page added next to a broken download.")
    with pytest.raises(AddError) as info:
        add([page, f"{bad_server}/garbage"], raw=raw, outlet="Side Wire", timeout=5)
    assert info.value.report["status"].tolist() == ["added", "refused"]
    row = next(r for r in sheet_rows(raw) if r["file"] == "beside.txt")
    assert row["outlet"] == "Side Wire"
    assert _every_page_is_listed(raw)


def test_ctrl_c_midway_leaves_no_page_without_its_row(raw, tmp_path, monkeypatch):
    page = _page(tmp_path / "in", "first.txt", "The first item is stored before the interrupt.")

    def interrupted(url, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(add_module, "fetch", interrupted)
    with pytest.raises(KeyboardInterrupt):
        add([page, "http://127.0.0.1:9/never"], raw=raw, outlet="Early Wire")
    assert _every_page_is_listed(raw)
    assert [r["outlet"] for r in sheet_rows(raw) if r["file"] == "first.txt"] == ["Early Wire"]


@pytest.mark.parametrize(
    "moment", ["after the page lands", "before the sheet lands", "after the sheet lands"]
)
def test_ctrl_c_between_a_page_and_its_row_leaves_both_or_neither(
    raw, tmp_path, monkeypatch, moment
):
    first = _page(tmp_path / "in", "first.txt", "A page stored whole before the interrupt.")
    pair = _page(tmp_path / "in", "pair.txt", "A page whose row is being written.")
    real_write = add_module.write_atomic
    sheet_writes = []

    def write(path, data, **kwargs):
        if Path(path).name == "metadata.csv":
            sheet_writes.append(path)
            if len(sheet_writes) == 2 and moment == "before the sheet lands":
                raise KeyboardInterrupt
        real_write(path, data, **kwargs)
        if Path(path).name == "metadata.csv" and len(sheet_writes) == 2:
            assert moment == "after the sheet lands"
            raise KeyboardInterrupt
        if Path(path).name == "pair.txt" and moment == "after the page lands":
            raise KeyboardInterrupt

    monkeypatch.setattr(add_module, "write_atomic", write)  # the page
    monkeypatch.setattr(sheet_module, "write_atomic", write)  # the sheet
    with pytest.raises(KeyboardInterrupt):
        add([first, pair], raw=raw)
    listed = {r["file"] for r in sheet_rows(raw)}
    assert (raw / "first.txt").exists() and "first.txt" in listed
    if moment == "after the sheet lands":
        assert (raw / "pair.txt").exists() and "pair.txt" in listed  # both
    else:
        assert not (raw / "pair.txt").exists() and "pair.txt" not in listed  # neither
    assert _every_page_is_listed(raw)
    assert not [p for p in raw.iterdir() if p.name.endswith(".tmp")]  # no temp file left


def test_a_page_already_there_without_a_row_gets_its_row_when_added_again(raw, tmp_path):
    orphan = _page(raw, "orphan.txt", "Copied by hand into the raw folder, never listed.")
    copy = tmp_path / "again.txt"
    shutil.copy(orphan, copy)
    table = add([copy], raw=raw, outlet="Late Wire", published="2023-06-29")
    assert table[["file", "status"]].values.tolist() == [["orphan.txt", "added"]]
    assert "row added" in table["message"].iloc[0]
    assert sorted(p.name for p in raw.glob("*.txt")) == sorted(
        p.name for p in RAW.glob("*.txt")
    ) + ["orphan.txt"]  # not copied a second time
    row = next(r for r in sheet_rows(raw) if r["file"] == "orphan.txt")
    assert (row["outlet"], row["published"]) == ("Late Wire", "2023-06-29")
    # once listed, the same content is a plain duplicate
    assert add([copy], raw=raw)["status"].tolist() == ["duplicate"]


def test_a_name_still_listed_for_a_deleted_page_is_not_reused(raw, tmp_path):
    (raw / "003_57fbbb8239863a65.txt").unlink()  # its row (outlet Caliber.az) stays
    page = _page(tmp_path / "in", "003_57fbbb8239863a65.txt", "A different page, same name.")
    name = add([page], raw=raw, outlet="New Wire")["file"].iloc[0]
    assert name != "003_57fbbb8239863a65.txt"
    assert next(r for r in sheet_rows(raw) if r["file"] == name)["outlet"] == "New Wire"


def test_concurrent_adds_keep_every_row(raw, tmp_path):
    pages = [_page(tmp_path / "in", f"c{i}.txt", f"Concurrent page number {i}.") for i in range(6)]
    barrier = threading.Barrier(len(pages))
    errors = []

    def one(page):
        barrier.wait(timeout=10)
        try:
            add([page], raw=raw, outlet=page.stem)
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(p,)) for p in pages]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    rows = {r["file"]: r["outlet"] for r in sheet_rows(raw)}
    assert {p.name: rows.get(p.name) for p in pages} == {p.name: p.stem for p in pages}


# --------------------------------------------------------------------------- the sheet itself
def test_a_column_add_introduces_gets_a_cell_in_every_row(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        _page(raw, name, f"Page {name}.")
    sheet = (
        "file,outlet,url,published,language,country\r\n"
        'a.txt,"Wire, The","https://example.test/a?x=1,2",2023-06-01,en,AM\r\n'
        'b.txt,"Two\r\nline outlet",,29/06/2023,,\r\n'
        "c.txt,Short Row\r\n"
    )
    (raw / "metadata.csv").write_bytes(codecs.BOM_UTF8 + sheet.encode("utf-8"))
    old = read_metadata(raw)
    new_page = _page(tmp_path / "in", "d.txt", "A fourth page.")
    add([new_page], raw=raw, outlet="Fourth")
    data = (raw / "metadata.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    text = data[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")  # CRLF kept throughout
    assert '"Wire, The","https://example.test/a?x=1,2"' in text  # quoting of old cells kept
    records = list(csv.reader(io.StringIO(text, newline="")))
    header = records[0]
    assert header == ["file", "outlet", "url", "published", "language", "country", "fetched_at"]
    assert [len(r) for r in records] == [len(header)] * 5  # no short row left
    new = read_metadata(raw)
    assert not [p for p in new.problems if "cells for" in p]
    for file, record in old.by_file.items():  # every old value exactly as before
        assert {k: v for k, v in new.by_file[file].items() if k != "fetched_at"} == record
    assert new.by_file["d.txt"]["outlet"] == "Fourth"


@pytest.mark.parametrize(
    "sheet, reason",
    [
        ("file,outlet\nx.txt,caf\xe9\n".encode("cp1252"), "not UTF-8"),
        (b"name,outlet\nx.txt,Wire\n", "no 'file' column"),
        (b'file,outlet\nx.txt,"Wire never closed\n', "unclosed"),
    ],
)
def test_a_sheet_add_cannot_extend_is_refused_before_anything_is_copied(tmp_path, sheet, reason):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "metadata.csv").write_bytes(sheet)
    page = _page(tmp_path / "in", "new.txt", "A page that must not be copied without a row.")
    with pytest.raises(ValueError, match=reason):
        add([page], raw=raw)
    assert sorted(p.name for p in raw.iterdir()) == ["metadata.csv"]
    assert (raw / "metadata.csv").read_bytes() == sheet


def test_a_sheet_separated_by_semicolons_is_extended_with_semicolons(tmp_path):
    # The writer reads the sheet as the reader does (one separator detection), so a sheet saved
    # by a spreadsheet in a comma-decimal locale is extended, not refused.
    raw = tmp_path / "raw"
    raw.mkdir()
    _page(raw, "a.txt", "Page a.")
    sheet = 'file;outlet;published\na.txt;"Wire; The";2023-06-01\n'
    (raw / "metadata.csv").write_text(sheet, encoding="utf-8")
    add([_page(tmp_path / "in", "b.txt", "Page b.")], raw=raw, outlet="Second; Wire")
    text = (raw / "metadata.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "file;outlet;published;url;language;fetched_at"
    assert text.splitlines()[1] == 'a.txt;"Wire; The";2023-06-01;;;'
    sheet = read_metadata(raw)
    assert not sheet.problems
    assert sheet.by_file["b.txt"]["outlet"] == "Second; Wire"
    assert sheet.by_file["a.txt"]["outlet"] == "Wire; The"


def test_the_names_that_moved_out_of_add_still_work_and_warn():
    import presslens.raw

    with pytest.warns(DeprecationWarning, match=r"presslens\.raw\.APPEND_COLUMNS"):
        assert add_module.METADATA_COLUMNS == presslens.raw.APPEND_COLUMNS
    with pytest.warns(DeprecationWarning, match=r"presslens\.raw\.append_metadata"):
        assert add_module.append_metadata is presslens.raw.append_metadata


# ---------------------------------------------------------------------------------- dates
@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31",
        "0223-06-29",
        "1899-01-01",
        (dt.date.today() + dt.timedelta(days=30)).isoformat(),
    ],
)
def test_a_published_date_outside_the_range_is_refused_not_wrapped(
    raw, tmp_path, monkeypatch, value
):
    monkeypatch.delenv("PRESSLENS_DATE_MIN", raising=False)
    monkeypatch.delenv("PRESSLENS_DATE_MAX", raising=False)
    page = _page(tmp_path / "in", "dated.txt", "A page with an impossible date.")
    before = _snapshot(raw)
    with pytest.raises(DateError, match=rf"published date '{value}' is outside the accepted range"):
        add([page], raw=raw, published=value)
    assert _snapshot(raw) == before


def test_a_published_date_is_stored_as_iso(raw, tmp_path, capsys):
    page = _page(tmp_path / "in", "dated.txt", "A page with a day-first date.")
    add([page], raw=raw, published="29/06/2023")
    assert sheet_rows(raw)[-1]["published"] == "2023-06-29"
    assert main(["add", str(page), "--raw", str(raw), "--published", "9999-12-31"]) == 1
    assert "outside the accepted range" in capsys.readouterr().err


# ---------------------------------------------------------------------------- symbolic links
@pytest.fixture
def hostile_folder(tmp_path):
    """A folder to add holding a page, links leading out of it and a link inside it."""
    outside = tmp_path / "outside"
    secret = _page(outside, "secret.txt", "PRIVATE: this must never reach the corpus.")
    _page(outside / "elsewhere", "far.txt", "FARAWAY: a page in a folder outside.")
    folder = tmp_path / "scrape"
    _page(folder, "story.txt", "A story from the scraped folder.")
    _page(folder / "sub", "inner.html", "<p>An inner page.</p>")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "relative.html").symlink_to(Path("..") / "outside" / "secret.txt")
    (folder / "to-inner.html").symlink_to(Path("sub") / "inner.html")
    (folder / "linked-folder").symlink_to(outside / "elsewhere", target_is_directory=True)
    (folder / "broken.txt").symlink_to(folder / "missing.txt")
    return folder


def test_links_leading_out_of_an_added_folder_are_skipped_and_reported(raw, hostile_folder):
    table = add([hostile_folder], raw=raw)
    by_source = {Path(r.source).name: r for r in table.itertuples()}
    for name in ("passwd.txt", "relative.html"):
        assert by_source[name].status == "skipped"
        assert by_source[name].message == (
            f"symbolic link to a file outside {hostile_folder}, not copied"
        )
    assert by_source["broken.txt"].status == "skipped"
    assert by_source["story.txt"].status == "added"
    assert by_source["inner.html"].status == "added"
    assert by_source["to-inner.html"].status == "duplicate"  # a link inside the folder is fine
    assert "far.txt" not in by_source  # a linked folder is not followed
    for path in raw.iterdir():
        assert b"PRIVATE" not in path.read_bytes()
        assert b"FARAWAY" not in path.read_bytes()
    assert _every_page_is_listed(raw)


def test_a_file_given_by_name_that_links_out_of_its_folder_is_refused(raw, hostile_folder):
    before = _snapshot(raw)
    with pytest.raises(AddError, match="symbolic link to a file outside"):
        add([hostile_folder / "passwd.txt"], raw=raw)
    assert _snapshot(raw) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_in_a_folder_is_skipped_without_blocking(raw, tmp_path):
    folder = tmp_path / "scrape"
    _page(folder, "story.txt", "A story next to a named pipe.")
    os.mkfifo(folder / "pipe.txt")
    table = add([folder], raw=raw)
    assert dict(zip(table["source"].map(lambda s: Path(s).name), table["status"], strict=True)) == {
        "pipe.txt": "skipped",
        "story.txt": "added",
    }
