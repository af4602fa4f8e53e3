"""The ingest under concurrent runs, hostile names, broken inputs and a full disk (issue 15)."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingest_support import BODY

from presslens.dataset import load_articles, load_report
from presslens.files import FORMULA_STARTS
from presslens.ingest import IngestBusy, IngestError, ingest
from presslens.ingest import pipeline as ingest_pipeline

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"


def page(title: str, n: int = 0) -> str:
    """A page with its own title and text (`n` makes it distinct: no duplicate warnings)."""
    body = [f"Report number {n} from the correspondents in the region, filed on day {n}.", *BODY]
    return "\n\n".join(["Home", "World", title, *body, "Share this article"])


def processed_bytes(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


def article_id(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def sample_raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    return raw


def one_page_raw(folder: Path, title: str = "Another corpus entirely") -> Path:
    folder.mkdir(parents=True)
    (folder / "x.txt").write_text(page(title, 99), encoding="utf-8")
    return folder


# --- One writer per output folder ------------------------------------------------------------

SLOW_INGEST = """
import sys, time
from pathlib import Path
from presslens.ingest import pipeline as m

raw, out, started, pause = sys.argv[1], sys.argv[2], Path(sys.argv[3]), float(sys.argv[4])
original = m.process_files

def slow(tasks):
    started.write_text("cleaning")
    time.sleep(pause)
    return original(tasks)

m.process_files = slow
print(m.ingest(raw, out, workers=1).summary())
"""


def start_slow_ingest(tmp_path: Path, raw: Path, out: Path, pause: float) -> subprocess.Popen:
    """Another process ingesting `raw` into `out`, paused `pause` s while it cleans the pages."""
    script = tmp_path / "slow_ingest.py"
    script.write_text(SLOW_INGEST)
    started = tmp_path / "started"
    process = subprocess.Popen(
        [sys.executable, str(script), str(raw), str(out), str(started), str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not started.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the other ingest did not start: {process.communicate()}")
        time.sleep(0.05)
    return process


def test_a_second_ingest_into_a_folder_being_written_fails_at_once_and_loading_waits(
    tmp_path, monkeypatch
):
    out = tmp_path / "out"
    other = one_page_raw(tmp_path / "other")
    writer = start_slow_ingest(tmp_path, RAW, out, pause=4)
    try:
        began = time.monotonic()
        busy = (
            rf"another ingest is writing {re.escape(str(out.resolve()))} \(pid {writer.pid}\); "
            "wait for it or use another --out"
        )
        with pytest.raises(IngestBusy, match=busy):
            ingest(other, out)
        assert time.monotonic() - began < 3, "a second writer must fail at once, not wait"
        # load_articles waits for the writer, then finds its tables current: no second ingest.
        calls = []
        real = ingest_pipeline._ingest
        monkeypatch.setattr(ingest_pipeline, "_ingest", lambda *a: calls.append(a) or real(*a))
        monkeypatch.setattr(ingest_pipeline, "LOAD_WAIT", 60)
        articles = load_articles(out)
        assert writer.wait(timeout=60) == 0, writer.communicate()
    finally:
        writer.kill()
        writer.wait()
    assert calls == []
    assert sorted(articles["file"]) == sorted(p.name for p in RAW.glob("*.txt"))
    assert (out / ".cache" / "ingest.lock").is_file()


def test_the_lock_dies_with_the_process_that_held_it(tmp_path):
    out = tmp_path / "out"
    writer = start_slow_ingest(tmp_path, RAW, out, pause=120)
    writer.kill()
    writer.wait(timeout=30)
    ingest(one_page_raw(tmp_path / "other"), out)  # does not wait: the lock went with the process
    assert load_articles(out)["file"].tolist() == ["x.txt"]


# --- Part records describe the bytes the ingest wrote ----------------------------------------


def foreign_part(tmp_path: Path) -> tuple[Path, Path]:
    """The articles part of another corpus (the sample with one page edited) and the part of the
    sample it stands in for (the edited page's original part)."""
    raw = sample_raw(tmp_path / "foreign")
    edited = raw / "000_0e291a03d6d39b0a.txt"
    edited.write_text(edited.read_text() + "\n\nA paragraph the other corpus added.\n")
    ingest(raw, tmp_path / "foreign-out")
    part = f"part-{article_id(edited)[0]}.parquet"
    victim = f"part-{article_id(RAW / edited.name)[0]}.parquet"
    return tmp_path / "foreign-out" / "articles.parquet" / part, Path("articles.parquet", victim)


def test_a_part_replaced_while_the_ingest_ran_is_rebuilt_next_time(tmp_path, monkeypatch):
    reference = load_articles(ingest(RAW, tmp_path / "cold").out)
    foreign, victim = foreign_part(tmp_path)
    out = tmp_path / "out"
    target = out.resolve() / victim
    real_replace = os.replace
    replaced = []

    def racing_replace(src, dst, *args, **kwargs):
        """Another writer swaps its own part in right after this run installed it."""
        real_replace(src, dst, *args, **kwargs)
        if Path(dst) == target and not replaced:
            intruder = target.with_name(".intruder")
            shutil.copy(foreign, intruder)
            real_replace(intruder, target)
            replaced.append(dst)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", racing_replace)
        ingest(RAW, out)
    assert replaced
    again = ingest(RAW, out)
    assert target in again.written, "a part this run did not write must not pass as current"
    pd.testing.assert_frame_equal(load_articles(out), reference)


def test_load_articles_rebuilds_a_part_replaced_by_hand(tmp_path):
    reference = load_articles(ingest(RAW, tmp_path / "cold").out)
    foreign, victim = foreign_part(tmp_path)
    out = tmp_path / "out"
    ingest(RAW, out)
    shutil.copy(foreign, out / victim)
    pd.testing.assert_frame_equal(load_articles(out), reference)


# --- One file never stops the run ------------------------------------------------------------


def test_files_that_cannot_be_read_are_reported_by_name_and_the_rest_is_ingested(
    tmp_path, monkeypatch
):
    raw = tmp_path / "raw"
    raw.mkdir()
    names = ["good.txt", "gone.txt", "folder.txt", "pipe.txt", "locked.txt", "broken.txt"]
    for n, name in enumerate(names):
        (raw / name).write_text(page(f"Talks resume, part {n}", n), encoding="utf-8")
    real_scan = ingest_pipeline.scan_raw_files

    def scan_then_change(folder):
        """The pages change between the scan and the reading."""
        result = real_scan(folder)
        (raw / "gone.txt").unlink(missing_ok=True)
        if (raw / "folder.txt").is_file():
            (raw / "folder.txt").unlink()
            (raw / "folder.txt").mkdir()
        if (raw / "pipe.txt").is_file():
            (raw / "pipe.txt").unlink()
            os.mkfifo(raw / "pipe.txt")
        return result

    failures = {
        "locked.txt": PermissionError(errno.EACCES, "Permission denied"),
        "broken.txt": OSError(errno.EIO, "Input/output error"),
    }

    def failing(real):
        def opener(path, *args, **kwargs):
            if isinstance(path, (str, os.PathLike)) and os.path.basename(path) in failures:
                raise failures[os.path.basename(path)]
            return real(path, *args, **kwargs)

        return opener

    # A reader that never gets data from the pipe would hang: a writer opens and closes it.
    done = threading.Event()

    def unblock_pipe():
        while not done.wait(0.05):
            try:
                os.close(os.open(raw / "pipe.txt", os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass

    threading.Thread(target=unblock_pipe, daemon=True).start()
    monkeypatch.setattr(ingest_pipeline, "scan_raw_files", scan_then_change)
    try:
        with monkeypatch.context() as patch:
            patch.setattr(os, "open", failing(os.open))
            patch.setattr(io, "open", failing(io.open))
            result = ingest(raw, tmp_path / "out", workers=1)
    finally:
        done.set()
    report = result.report.set_index("file")
    expected = {
        "gone.txt": "deleted or moved",
        "folder.txt": "not a regular file",
        "pipe.txt": "not a regular file",
        "locked.txt": "permission denied",
        "broken.txt": "Input/output error",
    }
    for name, why in expected.items():
        assert report.loc[name, "status"] == "skipped", name
        assert (
            report.loc[name, "message"].startswith(f"{name}: ")
            and why in report.loc[name, "message"]
        )
    assert report.loc["good.txt", "status"] == "ok"
    assert result.n_articles == 1 and not result.ok
    # Skipped this time, read again next time: the files readable now are picked up.
    files = load_articles(tmp_path / "out")["file"].tolist()
    assert files == ["broken.txt", "good.txt", "locked.txt"]


@pytest.mark.skipif(sys.getfilesystemencoding() != "utf-8", reason="needs a UTF-8 file system")
def test_names_that_are_not_utf8_are_shown_escaped_and_never_crash(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(page("Talks resume in Washington"))
    (raw / os.fsdecode(b"caf\xe9.txt")).write_text(page("Talks resume in Paris", 1))
    (raw / os.fsdecode(b"\xff.pdf")).write_bytes(b"%PDF-1.4")
    out = tmp_path / "out"
    result = ingest(raw, out)
    result.summary().encode("utf-8")  # printable on any UTF-8 terminal
    report = result.report.set_index("file")
    assert report.loc["caf\\xe9.txt", "status"] == "skipped"
    assert "not valid UTF-8" in report.loc["caf\\xe9.txt", "message"]
    assert report.loc["\\xff.pdf", "status"] == "skipped"
    (out / "ingest_report.csv").read_bytes().decode("utf-8")  # strictly valid UTF-8
    assert set(load_report(out)["file"]) == {"a.txt", "caf\\xe9.txt", "\\xff.pdf"}
    assert load_articles(out)["file"].tolist() == ["a.txt"]
    assert ingest(raw, out).written == []  # the escaped names are stable: nothing to redo


# --- Unwritable outputs and a full disk ------------------------------------------------------


def test_an_output_folder_that_cannot_be_made_is_one_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(IngestError) as caught:
        ingest(RAW, blocker / "out")
    message = str(caught.value)
    assert message.startswith(f"cannot write {blocker.resolve() / 'out'}: Not a directory")
    assert "\n" not in message


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "full_at",
    ["pages-", "paragraphs.parquet", "ingest_report.csv", "parts.json", "last-ingest"],
)
def test_a_full_disk_leaves_the_last_tables_as_they_were(tmp_path, monkeypatch, full_at):
    raw = sample_raw(tmp_path)
    out = tmp_path / "out"
    ingest(raw, out)
    tables, cache = processed_bytes(out), out / ".cache"
    records = [(cache / name).read_bytes() for name in ("parts.json", "last-ingest")]
    (raw / "new.txt").write_text(page("A new article arrives", 7))
    (raw / "004_0d42f3f6a94791ae.txt").unlink()
    real_mkstemp = tempfile.mkstemp

    def full_disk(*args, **kwargs):
        """Writes to the chosen file fail as on a full disk (the temp file itself is made)."""
        fd, name = real_mkstemp(*args, **kwargs)
        where = Path(name)
        if where.parent.name.startswith(full_at) or where.name.startswith(f".{full_at}."):
            os.close(fd)
            fd = os.open("/dev/full", os.O_WRONLY)
        return fd, name

    with monkeypatch.context() as patch:
        patch.setattr(tempfile, "mkstemp", full_disk)
        with pytest.raises(IngestError) as caught:
            ingest(raw, out)
    message = str(caught.value)
    assert message.startswith(f"cannot write {out.resolve()}: No space left on device")
    assert "nothing was changed" in message and "\n" not in message
    assert processed_bytes(out) == tables
    assert [(cache / name).read_bytes() for name in ("parts.json", "last-ingest")] == records
    assert not [p for p in out.rglob("*.tmp")], "temp files left behind"
    # With room again, the next load brings the tables up to date.
    articles = load_articles(out)
    assert "new.txt" in set(articles["file"]) and "004_0d42f3f6a94791ae.txt" not in set(
        articles["file"]
    )
    ingest(raw, tmp_path / "cold")
    assert processed_bytes(out) == processed_bytes(tmp_path / "cold")


# --- Stray files in the part folders ---------------------------------------------------------


def test_stray_files_in_the_part_folders_are_never_read_nor_removed(tmp_path):
    raw = sample_raw(tmp_path)
    out = tmp_path / "out"
    ingest(raw, out)
    folder = out / "articles.parquet"
    (folder / "notes.txt").write_text("my notes")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "part-x.parquet.tmp").write_bytes(b"half a file")
    pq.write_table(pa.table({"other": [1, 2]}), folder / "part-ff.parquet")
    strays = sorted(
        p.name
        for p in folder.iterdir()
        if p.name in {"notes.txt", ".DS_Store"}
        or p.name.startswith("part-x")
        or p.name == "part-ff.parquet"
    )
    assert len(load_articles(out)) == 5
    gone = raw / "004_0d42f3f6a94791ae.txt"
    own_part = folder / f"part-{article_id(gone)[0]}.parquet"
    assert own_part.exists()
    gone.unlink()
    result = ingest(raw, out)
    assert not own_part.exists(), "a part the ingest wrote and no longer needs is removed"
    assert all((folder / name).exists() for name in strays), "files it did not write are kept"
    notices = "\n".join(result.notices)
    for name in ("notes.txt", "part-x.parquet.tmp", "part-ff.parquet"):
        assert f"articles.parquet/{name}" in notices
    assert ".DS_Store" not in notices
    assert "not one of the ingest's parts" in result.summary()
    assert len(load_articles(out)) == 4


# --- The report is safe to open in a spreadsheet ---------------------------------------------


def test_the_report_is_csv_injection_safe_and_loads_back_as_written(tmp_path):
    raw = tmp_path / "raw"
    (raw / "=cmd|' ").mkdir(parents=True)
    hostile = ["=cmd|' /C calc'!A0.txt", "@SUM(1).txt", "-2+3.txt", "+1.txt", "'=quoted.txt"]
    for n, name in enumerate([*hostile, "plain.txt"]):
        (raw / name).write_text(page(f"Talks resume, part {n}", n), encoding="utf-8")
    (raw / "metadata.csv").write_text(
        'file,outlet\n@SUM(1).txt,@SUM(1)\n"=HYPERLINK(""http://x"")",+evil\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    result = ingest(raw, out)
    with open(out / "ingest_report.csv", newline="", encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert cells and not [c for c in cells if c.startswith(FORMULA_STARTS)]
    report = load_report(out)
    assert set(hostile) <= set(report["file"])
    pd.testing.assert_frame_equal(report, result.report)
    assert load_articles(out).set_index("file").loc["@SUM(1).txt", "outlet"] == "@SUM(1)"


# --- IngestResult.ok -------------------------------------------------------------------------


def test_ok_means_articles_were_ingested_and_no_file_was_left_out(tmp_path):
    assert ingest(RAW, tmp_path / "sample").ok
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(page("Talks resume in Washington"))
    (raw / "empty.txt").write_bytes(b"")
    result = ingest(raw, tmp_path / "out")
    assert result.n_articles == 1 and not result.ok
    (raw / "empty.txt").unlink()
    assert ingest(raw, tmp_path / "out").ok
    (tmp_path / "none").mkdir()
    nothing = ingest(tmp_path / "none", tmp_path / "out-none")
    assert nothing.n_articles == 0 and not nothing.ok
