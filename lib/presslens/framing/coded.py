"""Articles coded by people for frames, article by article: the dev set `frames-climate` beside
the checkout, or the user's own coding sheets. The input of calibration and of the model."""

from __future__ import annotations

import pandas as pd

from presslens import devsets
from presslens.text import count_words, paragraph_spans

#: The dev set with human frame labels, and its label codes → the frame keys of `frames.yaml`.
DEVSET = "frames-climate"
DEVSET_CODES = {
    "CO": "conflict",
    "HI": "human_interest",
    "EC": "economic",
    "MO": "morality",
    "RE": "resolution",
}


def devset_articles(part: str | None = None) -> pd.DataFrame:
    """The coded dev set as an articles table plus one boolean column per frame it codes.

    Columns: `article_id, file, outlet, published, title, text, n_words, part, <frame>...`
    (`title` is the page's first line, `text` the rest, paragraphs joined by a blank line).
    `part`: `"tune"`, `"held_out"` or None for both. Empty (no rows) when the dev set is absent.
    """
    folder = devsets.devset_dir(DEVSET)
    cols = ["article_id", "file", "outlet", "published", "title", "text", "n_words", "part"]
    if folder is None:
        return pd.DataFrame(columns=cols + list(DEVSET_CODES.values()))
    labels = devsets.read_gold(DEVSET)
    meta_path = folder / "txt" / "metadata.csv"
    meta = pd.read_csv(meta_path, dtype=str).set_index("file") if meta_path.is_file() else None
    rows = []
    for pid in devsets.page_ids(DEVSET, part):
        if pid not in labels:
            continue
        page = devsets.read_page(DEVSET, pid)
        title, _, body = page.partition("\n")
        text = "\n\n".join(body[a:b] for a, b in paragraph_spans(body))
        file = f"{pid}.txt"
        info = meta.loc[file] if meta is not None and file in meta.index else {}
        row = {
            "article_id": pid,
            "file": file,
            "outlet": str(info.get("outlet", "")) or f"Unnamed outlet ({pid})",
            "published": pd.to_datetime(info.get("published"), errors="coerce"),
            "title": title.strip(),
            "text": text,
            "n_words": count_words(text),
            "part": devsets.part_of(pid),
        }
        row.update({frame: bool(labels[pid].get(code)) for code, frame in DEVSET_CODES.items()})
        rows.append(row)
    return pd.DataFrame(rows, columns=cols + list(DEVSET_CODES.values()))
