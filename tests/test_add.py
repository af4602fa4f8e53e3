"""presslens add: files and local URLs into a raw folder, safely, once, with a metadata row."""

from __future__ import annotations

import hashlib
import http.server
import shutil
from pathlib import Path

import pytest
from add_support import RAW, copy_raw, serving, sheet_rows

from presslens.add import AddError, add, name_for_url, safe_name
from presslens.cli import main

PAGE = (
    b"<!DOCTYPE html><html><head><title>Talks resume in Washington</title>"
    b'<meta property="og:site_name" content="Local Test News"></head><body><article>'
    b"<h1>Talks resume in Washington</h1><p>Armenian and Azerbaijani foreign ministers met "
    b"again on Monday, officials said, to continue work on a peace treaty.</p></article>"
    b"</body></html>"
)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (http.server's name)
        route = self.routes.get(self.path.split("?")[0])
        if route is None:
            self.send_error(404, "Not Found")
            return
        status, headers, body = route
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server():
    """A web server on 127.0.0.1 serving fixed pages (no network beyond this machine)."""
    big = b"<html><body>" + b"<p>word </p>" * 2000 + b"</body></html>"
    _Handler.routes = {
        "/news/talks-resume.html": (
            200,
            {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(PAGE))},
            PAGE,
        ),
        "/big.html": (200, {"Content-Type": "text/html", "Content-Length": str(len(big))}, big),
        "/big-streamed.html": (200, {"Content-Type": "text/html"}, big),  # no Content-Length
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/moved": (301, {"Location": "/news/talks-resume.html"}, b""),
        "/../../etc/passwd": (200, {"Content-Type": "text/plain"}, b"root:x:0:0\n" * 3),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    with serving(httpd) as url:
        yield url


@pytest.fixture
def raw(tmp_path):
    return copy_raw(tmp_path)


def _files(raw: Path) -> set[str]:
    return {p.name for p in raw.iterdir() if p.is_file()}


# ----------------------------------------------------------------------------------- files
def test_add_a_file_copies_it_under_a_safe_name_and_appends_one_row(raw, tmp_path):
    old = (raw / "metadata.csv").read_bytes()
    source = tmp_path / "in" / "Peace talks (Ermenistan) — day 2.txt"
    source.parent.mkdir()
    source.write_text("Officials met again in Washington on Monday.\n", encoding="utf-8")
    table = add([source], raw=raw, outlet="Test Wire", published="2023-05-02")
    assert table["status"].tolist() == ["added"]
    name = table["file"].iloc[0]
    assert name == "Peace-talks-Ermenistan-day-2.txt"
    assert (raw / name).read_bytes() == source.read_bytes()
    old_lines = old.splitlines(keepends=True)
    new_lines = (raw / "metadata.csv").read_bytes().splitlines(keepends=True)
    # the only change to what was there: the new column, and a blank cell for it in every row
    assert new_lines[0] == old_lines[0].replace(b"\n", b",fetched_at\n")
    assert new_lines[1 : len(old_lines)] == [line.replace(b"\n", b",\n") for line in old_lines[1:]]
    rows = sheet_rows(raw)
    assert len(rows) == 6
    assert rows[-1] == {
        "file": name,
        "outlet": "Test Wire",
        "url": "",
        "published": "2023-05-02",
        "language": "",
        "fetched_at": "",
    }


def test_same_content_is_reported_as_duplicate_and_not_copied(raw, tmp_path):
    copy = tmp_path / "renamed copy.txt"
    shutil.copy(RAW / "003_57fbbb8239863a65.txt", copy)
    before = _files(raw)
    table = add([copy], raw=raw)
    assert table.to_dict("records") == [
        {
            "source": str(copy),
            "file": "003_57fbbb8239863a65.txt",
            "status": "duplicate",
            "message": "same content as 003_57fbbb8239863a65.txt; not copied again",
        }
    ]
    assert _files(raw) == before
    assert len(sheet_rows(raw)) == 5


def test_a_folder_is_added_file_by_file_and_metadata_created_when_absent(tmp_path):
    raw = tmp_path / "new-raw"
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("First page.", encoding="utf-8")
    (folder / "sub" / "b.html").write_text("<p>Second page.</p>", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"ignored")
    (folder / "same-as-a.txt").write_text("First page.", encoding="utf-8")
    table = add([folder], raw=raw)
    assert sorted(table["status"]) == ["added", "added", "duplicate"]
    assert _files(raw) == {"a.txt", "b.html", "metadata.csv"}
    assert [r["file"] for r in sheet_rows(raw)] == ["a.txt", "b.html"]
    assert (raw / "metadata.csv").read_text(encoding="utf-8").splitlines()[0] == (
        "file,outlet,url,published,language,fetched_at"
    )


def test_name_clash_with_different_content_gets_a_hash_suffix(raw, tmp_path):
    clash = tmp_path / "000_0e291a03d6d39b0a.txt"
    clash.write_text("A different page with the same name.", encoding="utf-8")
    table = add([clash], raw=raw)
    digest = hashlib.sha256(clash.read_bytes()).hexdigest()[:8]
    assert table["file"].iloc[0] == f"000_0e291a03d6d39b0a-{digest}.txt"
    assert (raw / "000_0e291a03d6d39b0a.txt").read_bytes() == (
        RAW / "000_0e291a03d6d39b0a.txt"
    ).read_bytes()


def test_unsupported_type_missing_file_and_bad_date_are_refused(raw, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(AddError) as info:
        add([pdf, tmp_path / "missing.txt"], raw=raw)
    message = str(info.value)
    assert "2 of 2 item(s) not added" in message
    assert "not .pdf" in message and "no such file" in message
    with pytest.raises(ValueError, match="not a date"):
        add([pdf], raw=raw, published="next Tuesday")
    assert len(sheet_rows(raw)) == 5


# ------------------------------------------------------------------------------------ URLs
def test_add_a_local_url_stores_the_page_unchanged_with_url_and_fetch_time(raw, server):
    url = f"{server}/news/talks-resume.html"
    table = add([url], raw=raw, outlet="Local Test News")
    assert table["status"].tolist() == ["added"]
    name = table["file"].iloc[0]
    assert name.startswith("127.0.0.1_news_talks-resume_") and name.endswith(".html")
    assert (raw / name).read_bytes() == PAGE
    row = sheet_rows(raw)[-1]
    assert row["file"] == name and row["url"] == url and row["outlet"] == "Local Test News"
    assert row["fetched_at"].endswith("Z") and row["fetched_at"][:2] == "20"
    # fetching it again (even via a redirect) is a duplicate, not a second copy
    again = add([f"{server}/moved"], raw=raw)
    assert again["status"].tolist() == ["duplicate"] and again["file"].tolist() == [name]
    assert len(sheet_rows(raw)) == 6


def test_added_page_is_picked_up_by_ingest(raw, server, tmp_path):
    from presslens.dataset import load_articles
    from presslens.ingest import ingest

    url = f"{server}/news/talks-resume.html"
    name = add([url], raw=raw, outlet="Local Test News", published="2023-05-01")["file"].iloc[0]
    ingest(raw, tmp_path / "processed")
    articles = load_articles(tmp_path / "processed")
    assert len(articles) == 6
    row = articles.set_index("file").loc[name]
    assert row["outlet"] == "Local Test News"
    assert row["url"] == url
    assert str(row["published"].date()) == "2023-05-01"


@pytest.mark.parametrize(
    "url, reason",
    [
        ("file:///etc/passwd", "only http:// and https://"),
        ("ftp://127.0.0.1/page.html", "only http:// and https://"),
        ("javascript:alert(1)", "only http:// and https://"),
    ],
)
def test_non_http_urls_are_refused_with_a_clear_message(raw, url, reason):
    before = _files(raw)
    with pytest.raises(AddError, match=reason):
        add([url], raw=raw)
    assert _files(raw) == before


@pytest.mark.parametrize("path", ["/big.html", "/big-streamed.html"])
def test_pages_over_the_size_limit_are_refused(raw, server, path):
    before = _files(raw)
    with pytest.raises(AddError, match="over the 10,000-byte limit"):
        add([server + path], raw=raw, max_bytes=10_000)
    assert _files(raw) == before


def test_redirect_to_file_url_pdf_and_404_are_refused(raw, server):
    with pytest.raises(AddError) as info:
        add([f"{server}/to-file", f"{server}/report.pdf", f"{server}/nope"], raw=raw)
    report = info.value.report
    assert report["status"].tolist() == ["refused"] * 3
    messages = report["message"].tolist()
    assert "redirect" in messages[0].lower() and "file:///etc/passwd" in messages[0]
    assert "application/pdf" in messages[1]
    assert "HTTP 404" in messages[2]


def test_url_paths_cannot_escape_the_raw_folder(raw, server):
    table = add([f"{server}/../../etc/passwd"], raw=raw)
    name = table["file"].iloc[0]
    assert "/" not in name and not name.startswith(".")
    assert (raw / name).resolve().parent == raw.resolve()


def test_safe_names():
    assert safe_name("../../etc/passwd") == "etc-passwd"
    assert safe_name("..") == "page"
    assert safe_name("Բանակցություններ") == "Բանակցություններ"
    name = name_for_url("https://news.example.com/2023/05/talks.html?id=7", ".html")
    assert name.startswith("news.example.com_2023_05_talks_") and name.endswith(".html")
    assert name != name_for_url("https://news.example.com/2023/05/talks.html?id=8", ".html")


# ------------------------------------------------------------------------------------- CLI
def test_cli_add_exit_codes_and_messages(raw, tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text("A page from the command line.", encoding="utf-8")
    assert main(["add", str(page), "--raw", str(raw), "--outlet", "CLI Wire"]) == 0
    out = capsys.readouterr().out
    assert "added" in out and "page.txt" in out
    assert main(["add", "file:///etc/passwd", "--raw", str(raw)]) == 1
    err = capsys.readouterr().err
    assert "only http:// and https://" in err
