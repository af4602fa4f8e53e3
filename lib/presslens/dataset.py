"""The corpus as the analyses receive it: loading, checking and sampling the articles table.

- `load_articles()`, `load_paragraphs()`, `load_report()` read the processed folder the ingest
  wrote (`presslens.ingest`), ingesting first when it is missing or out of date (the raw folder
  changed, a part was replaced: `presslens.ingest.ensure_current`);
- `check_articles(articles)` is the one validator of an articles table handed to an analysis;
- `sample_articles(articles, n)` is the seeded per-group sample of the pairwise analyses.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

#: Columns an analysis may rely on in the articles it is given (see DESIGN.md, "Tables").
ARTICLE_COLUMNS = ("article_id", "outlet", "text")


def load_articles(
    processed: str | Path | None = None, columns: list[str] | None = None
) -> pd.DataFrame:
    """The `articles` table (see DESIGN.md), ingesting first when it is missing or out of date.

    `outlet` is never null here: every article whose outlet no source names gets
    `config.UNKNOWN_OUTLET` ("outlet unknown"), so they are compared as one group (notebook 01
    lists them one by one, with the fix).
    Pass `columns` to read only what an analysis needs (large corpora).
    """
    from presslens import config
    from presslens.ingest.layout import ARTICLES
    from presslens.ingest.pipeline import ensure_current

    folder = ensure_current(processed)
    wanted = None
    if columns is not None:
        wanted = list(dict.fromkeys(["article_id", "file", *columns]))
    frame = _read_sorted(folder / ARTICLES, wanted, ["file"])
    if "outlet" in frame.columns:
        unnamed = frame["outlet"].isna() | (frame["outlet"].astype(str).str.strip() == "")
        if unnamed.any():
            frame.loc[unnamed, "outlet"] = config.UNKNOWN_OUTLET
        config.register_outlets(frame["outlet"].unique())  # distinct colours in every chart
    if columns is not None:
        frame = frame[[c for c in wanted if c in frame.columns]]
    return frame


def load_paragraphs(processed: str | Path | None = None) -> pd.DataFrame:
    """The `paragraphs` table: every paragraph of every page, with `kept` and removal `reason`."""
    from presslens.ingest.layout import PARAGRAPHS
    from presslens.ingest.pipeline import ensure_current

    return _read_sorted(ensure_current(processed) / PARAGRAPHS, None, ["file", "position"])


def load_report(processed: str | Path | None = None) -> pd.DataFrame:
    """`ingest_report.csv`: one row per input file, `file, status, message`, as the ingest wrote
    them (the file holds them spreadsheet-safe: a cell starting like a formula has a leading `'`,
    removed here)."""
    from presslens.ingest.layout import REPORT, report_value
    from presslens.ingest.pipeline import ensure_current

    folder = ensure_current(processed)
    frame = pd.read_csv(folder / REPORT, keep_default_na=False, dtype=str)
    for column in frame.columns:
        frame[column] = frame[column].map(report_value)
    return frame


def _read_sorted(folder: Path, columns: list[str] | None, by: list[str]) -> pd.DataFrame:
    """A partitioned table as one DataFrame in `by` order (sorted in Arrow, on one chunk: twice
    as fast as pandas on 100k articles' text).

    Only the parts the ingest's record lists are read (in a folder without a record, the
    `part-*.parquet` files): a stray file in the folder (notes, `.DS_Store`, another table) is
    never read."""
    import pyarrow.parquet as pq

    from presslens.files import shown_name
    from presslens.ingest.layout import part_records

    records = part_records(folder.parent)
    paths = [folder.parent / rel for rel in sorted(records) if rel.startswith(folder.name + "/")]
    if not paths:
        paths = sorted(folder.glob("part-*.parquet"))
    if not paths:
        raise FileNotFoundError(f"no table in {shown_name(folder)}: run `presslens ingest`")
    table = pq.read_table([str(p) for p in paths], columns=columns).combine_chunks()
    return table.sort_by([(c, "ascending") for c in by]).to_pandas()


def check_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The one validator of an articles table handed to an analysis: `articles` itself when it
    has `article_id, outlet, text`, else a copy completed with what can be assumed (`article_id`
    from the index, `outlet` missing). `text` is required: a `ValueError` says what to pass.
    Missing texts become empty strings (an article with no body has no words, not an error).
    """
    if not isinstance(articles, pd.DataFrame):
        raise TypeError(
            f"expected the articles table (a pandas DataFrame), got {type(articles).__name__}"
        )
    if "text" not in articles.columns:
        raise ValueError(
            "articles needs a `text` column (see presslens.load_articles()); "
            f"it has {', '.join(map(str, articles.columns)) or 'no columns'}"
        )
    out = articles
    if "article_id" not in out.columns:
        out = out.assign(article_id=out.index.astype(str))
    if "outlet" not in out.columns:
        out = out.assign(outlet=pd.NA)
    text = out["text"]
    if text.isna().any() or not all(isinstance(v, str) for v in text):
        out = out.assign(text=text.fillna("").astype(str))
    return out


def sample_articles(
    articles: pd.DataFrame, n: int | None = None, *, by: str = "outlet", seed: int | None = None
) -> pd.DataFrame:
    """The articles themselves when there are at most `n` (default
    `config.PAIRWISE_MAX_ARTICLES`), else a seeded sample of about `n`, drawn within each `by`
    group in proportion to its size (every group keeps at least one article), in table order.

    For analyses whose cost grows with the square of the corpus (every pair of articles or
    quotes compared). `attrs["note"]` holds the sentence a notebook prints to say it sampled
    (empty when it did not).
    """
    from presslens import config

    n = config.PAIRWISE_MAX_ARTICLES if n is None else int(n)
    seed = config.SEED if seed is None else seed
    if n < 1:
        raise ValueError("n must be at least 1")
    if len(articles) <= n:
        out = articles.copy()
        out.attrs["note"] = ""
        return out
    groups = (
        articles[by].fillna("(missing)") if by in articles.columns else pd.Series(0, articles.index)
    )
    rng = np.random.default_rng(seed)
    chosen = []
    for _, idx in sorted(
        groups.groupby(groups, sort=True).indices.items(), key=lambda kv: str(kv[0])
    ):
        k = max(1, round(n * len(idx) / len(articles)))
        chosen.append(rng.choice(idx, size=min(k, len(idx)), replace=False))
    rows = np.sort(np.concatenate(chosen))
    out = articles.iloc[rows].copy()
    out.attrs["note"] = (
        f"Compared on a seeded sample of {len(out):,} of {len(articles):,} articles, drawn within "
        f"each {by} in proportion to its size (config.PAIRWISE_MAX_ARTICLES = {n:,}): comparing "
        "every pair of the whole corpus would not finish."
    )
    return out
