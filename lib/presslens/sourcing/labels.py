"""Hand labels of quotes in dev-set pages, and where each one lands in the ingested article.

A label (one JSON object per line of a `*.jsonl` file in `data/gold/quotes/`) points at a page
of a dev set by id and character offsets into `presslens.devsets.read_page(set, id)`:

    {"set": "wcxb", "id": "0031", "start": 1234, "end": 1290, "kind": "full",
     "speaker": "Jane Doe", "speaker_type": "person", "speaker_role": "a spokeswoman"}

`start:end` is the text inside the quotation marks (marks excluded); a quote over several
paragraphs is one label from after its opening mark to before its final closing mark. `kind` is
`full, partial, embed, scare` or `title`; `speaker` is the full name as first given in the
article (or the organisation), null when the article names nobody; `speaker_type` is `person,
organisation, role` or `none`. Beside each `<name>.jsonl`, `<name>-pages.csv` (`id, n_quotes,
status`) says which pages are labelled completely (`status` `done` or `no_quotes`); only those
are read (see `data/gold/quotes/README.md`).

The pages are ingested before the extractor sees them, and cleaning may drop a paragraph that
holds a quote: `locate_labels` finds each label's text in the article and says when it cannot
(`located`: `article`, `partly` when some of its paragraphs were dropped, `dropped` with the
cleaner's reason, or `not found`), so cleaner losses are counted apart from extractor errors.
"""

from __future__ import annotations

import bisect
import csv
import json
import re
from pathlib import Path

import pandas as pd

from presslens import config, devsets
from presslens.raw import repair_mojibake

#: Columns of `read_quote_labels`.
LABEL_COLUMNS = [
    "set",
    "id",
    "part",
    "start",
    "end",
    "kind",
    "speaker",
    "speaker_type",
    "speaker_role",
    "source",
]
#: Page statuses that say every quote of the page is labelled.
COMPLETE = ("done", "no_quotes")
_SPACE = re.compile(r"\s+")
_PARA_BREAK = re.compile(r"\n\s*")


def labels_dir() -> Path:
    """The project's quote labels: `data/gold/quotes/`."""
    return config.PROJECT_ROOT / "data" / "gold" / "quotes"


def _done_pages(path: Path) -> set[str] | None:
    """Ids of the pages `path` (`<name>-pages.csv`) marks complete; None when there is no
    sheet."""
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            str(r.get("id", "")).strip()
            for r in csv.DictReader(fh)
            if str(r.get("status", "")).strip() in COMPLETE
        }


def labelled_pages(folder=None, *, part: str | None = "tune") -> list[str]:
    """Ids of the pages labelled completely (with or without quotes) in one dev-set `part`."""
    folder = Path(folder) if folder is not None else labels_dir()
    ids: set[str] = set()
    for path in sorted(folder.glob("*-pages.csv")):
        ids |= _done_pages(path) or set()
    return sorted(i for i in ids if part is None or devsets.part_of(i) == part)


def read_quote_labels(folder=None, *, part: str | None = "tune", set_name: str = "wcxb"):
    """The labels of completely labelled pages of one dev-set `part` (`tune`, `held_out`, or
    None for both) as a table (`LABEL_COLUMNS`; `source` is the file a label came from).

    A page labelled in two files is taken from the first file in name order (the others are
    second opinions, not more quotes)."""
    folder = Path(folder) if folder is not None else labels_dir()
    rows: list[dict] = []
    taken: dict[str, str] = {}
    for path in sorted(folder.glob("*.jsonl")):
        done = _done_pages(path.with_name(f"{path.stem}-pages.csv"))
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            lab = json.loads(line)
            pid = str(lab.get("id", ""))
            if lab.get("set", set_name) != set_name or (done is not None and pid not in done):
                continue
            if part is not None and devsets.part_of(pid) != part:
                continue  # a held-out label is not even read while tuning
            if taken.setdefault(pid, path.name) != path.name:
                continue
            rows.append(
                {
                    "set": set_name,
                    "id": pid,
                    "part": devsets.part_of(pid),
                    "start": int(lab["start"]),
                    "end": int(lab["end"]),
                    "kind": str(lab.get("kind") or "full"),
                    "speaker": lab.get("speaker") or None,
                    "speaker_type": lab.get("speaker_type") or "none",
                    "speaker_role": lab.get("speaker_role") or None,
                    "source": path.name,
                }
            )
    return pd.DataFrame(rows, columns=LABEL_COLUMNS)


class _Squeezed:
    """A text without its white space, with a map back to the original offsets."""

    def __init__(self, text: str):
        self.pos = [i for i, c in enumerate(text) if not c.isspace()]
        self.text = "".join(text[i] for i in self.pos)

    def find_all(self, needle: str) -> list[int]:
        out, k = [], self.text.find(needle)
        while k >= 0 and needle:
            out.append(k)
            k = self.text.find(needle, k + 1)
        return out

    def span(self, k: int, n: int) -> tuple[int, int]:
        return self.pos[k], self.pos[k + n - 1] + 1


def _squeeze(s: str) -> str:
    return _SPACE.sub("", s)


def _locate_piece(page_sq: _Squeezed, art_sq: _Squeezed, piece: str, page_k: int, after: int):
    """The article span of `piece` (squeezed), the occurrence that is its `page_k`-th in the
    page when the article holds as many, at or after squeezed offset `after`."""
    hits = [k for k in art_sq.find_all(piece) if k >= after]
    if not hits:
        return None
    nth = page_sq.find_all(piece)
    rank = bisect.bisect_left(nth, page_k)
    return hits[min(rank, len(hits) - 1)]


def locate_labels(labels: pd.DataFrame, articles: pd.DataFrame, paragraphs=None) -> pd.DataFrame:
    """Offset labels → `article_id, kind, start, end, text, speaker, speaker_aliases,
    unclosed, id, speaker_type, located, reason` (offsets into the article's `text`; -1 when
    the label's text is not in the article).

    `articles` must hold the pages (`file` = `<id>.txt`); `paragraphs` (the ingest's table)
    gives the cleaner's reason for a dropped quote."""
    by_file = dict(zip(articles["file"].astype(str), articles["article_id"], strict=True))
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    removed = None
    if paragraphs is not None and len(paragraphs):
        removed = paragraphs[~paragraphs["kept"].astype(bool)]
    rows = []
    cache: dict[str, tuple] = {}
    for lab in labels.itertuples(index=False):
        if lab.id not in cache:
            page = devsets.read_page(lab.set, lab.id)
            aid = by_file.get(f"{lab.id}.txt")
            art = texts.get(aid, "") if aid is not None else ""
            cache[lab.id] = (page, _Squeezed(page), aid, art, _Squeezed(art))
        page, page_sq, aid, art, art_sq = cache[lab.id]
        raw = page[lab.start : lab.end]
        pieces = [p for p in _PARA_BREAK.split(raw.strip()) if p.strip()]
        page_k = bisect.bisect_left(page_sq.pos, lab.start)
        found: list[tuple[int, int]] = []
        missing: list[str] = []
        after = 0
        for piece in pieces:
            sq = _squeeze(piece)
            k = _locate_piece(page_sq, art_sq, sq, page_k, after)
            if k is None and (fixed := repair_mojibake(piece)) is not None:
                # the ingest repaired the page's mojibake (â€™ → ’): so must the label
                k = _locate_piece(_Squeezed(fixed), art_sq, _squeeze(fixed), 0, after)
                sq = _squeeze(fixed)
            if k is not None:
                found.append(art_sq.span(k, len(sq)))
                after = k + len(sq)
            else:
                missing.append(piece)
            page_k += len(sq)
        if found and len(found) == len(pieces):
            located, reason = "article", ""
        elif found:
            located, reason = "partly", _drop_reason(removed, lab.id, missing[0])
        else:
            located = "dropped" if aid is not None else "not ingested"
            reason = _drop_reason(removed, lab.id, pieces[0] if pieces else "")
            if located == "dropped" and not reason:
                located = "not found"
        start, end = (found[0][0], found[-1][1]) if found else (-1, -1)
        rows.append(
            {
                "article_id": aid if aid is not None else f"{lab.id}.txt",
                "kind": lab.kind,
                "start": start,
                "end": end,
                "text": art[start:end] if found else raw,
                "speaker": lab.speaker,
                "speaker_aliases": [],
                "unclosed": False,
                "id": lab.id,
                "speaker_type": lab.speaker_type,
                "located": located,
                "reason": reason,
            }
        )
    return pd.DataFrame(rows)


def _drop_reason(removed, pid: str, piece: str) -> str:
    """The cleaner's reason for dropping the paragraph of page `pid` that holds `piece`."""
    if removed is None or not piece:
        return ""
    needle = _squeeze(piece)[:40]
    rows = removed[removed["file"] == f"{pid}.txt"]
    for text, reason in zip(rows["text"], rows["reason"], strict=True):
        if needle in _squeeze(str(text)):
            return str(reason)
    return ""
