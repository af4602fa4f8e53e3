"""Finding raw pages: never a file read from outside the raw folder, every skip a named line."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from presslens.raw import find_raw_files, scan_raw_files


def _utf8_stream_accepts(*texts: str) -> bool:
    """Writing `texts` to a UTF-8 stream (a terminal, the report CSV) does not raise."""
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    for text in texts:
        print(text, file=stream)
    stream.flush()
    return True


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
