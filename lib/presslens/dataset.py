"""The corpus as the analyses receive it: loading, checking and sampling the articles table.

(The loaders move here from `presslens.ingest` in the restructure of issue 14.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Columns an analysis may rely on in the articles it is given (see DESIGN.md, "Tables").
ARTICLE_COLUMNS = ("article_id", "outlet", "text")


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
    if text.isna().any() or text.map(type).ne(str).any():
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
