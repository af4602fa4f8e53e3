"""The development sets beside the checkout (`../shared/devsets/`): where they are, which part
of each is for tuning and which is held out, and reading their pages and gold.

Every instrument is developed on the `tune` part and reported on both parts; the `held_out`
quarter is read only to report. The split is a pure function of a page id, so every module,
test, benchmark and notebook draws the same line.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd

from .config import PROJECT_ROOT

__all__ = [
    "ENV_DEVSETS",
    "HELD_OUT_SHARE",
    "PARTS",
    "devset_dir",
    "devsets_dir",
    "page_ids",
    "part_of",
    "read_gold",
    "read_page",
    "split_ids",
    "stage_pages",
]

ENV_DEVSETS = "PRESSLENS_DEVSETS"
#: Share of each dev set held out until a figure is reported.
HELD_OUT_SHARE = 0.25
PARTS = ("tune", "held_out")


def devsets_dir() -> Path:
    """The dev-set folder: `$PRESSLENS_DEVSETS`, else `../shared/devsets` beside the checkout."""
    env = os.environ.get(ENV_DEVSETS)
    return Path(env).expanduser() if env else PROJECT_ROOT.parent / "shared" / "devsets"


def devset_dir(name: str) -> Path | None:
    """One dev set's folder (`wcxb`, `frames-climate`), or None when it is absent."""
    path = devsets_dir() / name
    return path if path.is_dir() else None


def part_of(page_id: str) -> str:
    """`"held_out"` for about a quarter of ids (by SHA-256 of the id), `"tune"` for the rest."""
    digest = hashlib.sha256(str(page_id).encode("utf-8")).digest()
    share = int.from_bytes(digest[:4], "big") / 2**32
    return "held_out" if share < HELD_OUT_SHARE else "tune"


def split_ids(ids) -> pd.DataFrame:
    """Page ids → `id, part` (`tune` or `held_out`), in the order given."""
    ids = [str(i) for i in ids]
    return pd.DataFrame({"id": ids, "part": [part_of(i) for i in ids]})


def page_ids(name: str, part: str | None = None) -> list[str]:
    """The ids of a dev set's pages (`txt/<id>.txt`), sorted; only one part when `part` is given."""
    folder = devset_dir(name)
    if folder is None:
        return []
    ids = sorted(p.stem for p in (folder / "txt").glob("*.txt"))
    if part is not None:
        if part not in PARTS:
            raise ValueError(f"part must be one of {PARTS}, not {part!r}")
        ids = [i for i in ids if part_of(i) == part]
    return ids


def read_page(name: str, page_id: str) -> str:
    """The text of one dev-set page (`txt/<id>.txt`, UTF-8), the string label offsets index."""
    folder = devset_dir(name)
    if folder is None:
        raise FileNotFoundError(f"dev set {name!r} not found under {devsets_dir()}")
    return (folder / "txt" / f"{page_id}.txt").read_text(encoding="utf-8")


def read_gold(name: str) -> dict:
    """A dev set's own gold (`gold.json` or `labels.json`) as a dict keyed by page id."""
    folder = devset_dir(name)
    if folder is None:
        raise FileNotFoundError(f"dev set {name!r} not found under {devsets_dir()}")
    for file in ("gold.json", "labels.json"):
        if (folder / file).is_file():
            return json.loads((folder / file).read_text(encoding="utf-8"))
    raise FileNotFoundError(f"no gold.json or labels.json in {folder}")


def stage_pages(name: str, folder, part: str | None = None, ids=None) -> Path:
    """Copy a dev set's pages (one part, or the `ids` given) into `folder`, a raw folder an
    ingest can read (the ingest never follows links out of its raw folder); returns `folder`."""
    source = devset_dir(name)
    if source is None:
        raise FileNotFoundError(f"dev set {name!r} not found under {devsets_dir()}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = page_ids(name, part) if ids is None else [str(i) for i in ids]
    for page_id in wanted:
        shutil.copyfile(source / "txt" / f"{page_id}.txt", folder / f"{page_id}.txt")
    return folder
