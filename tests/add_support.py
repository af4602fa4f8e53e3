"""What the `presslens add` tests share: a copy of the bundled corpus, the sheet's rows, a server
on 127.0.0.1 (no network beyond this machine)."""

from __future__ import annotations

import contextlib
import csv
import shutil
import threading
from pathlib import Path

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def copy_raw(tmp_path: Path) -> Path:
    """A copy of the bundled corpus to add to (the shipped data/raw/ is never written)."""
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder)
    return folder


def sheet_rows(raw: Path) -> list[dict]:
    """The rows of `raw/metadata.csv` as a spreadsheet would read them (a BOM dropped)."""
    with open(raw / "metadata.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@contextlib.contextmanager
def serving(server):
    """Serve with `server` (a socketserver on 127.0.0.1) in a thread; yields its base URL."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
