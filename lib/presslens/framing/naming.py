"""Naming: for each contested group of `naming.yaml`, which variant each outlet uses, how often,
and every hit in context."""

from __future__ import annotations

import pandas as pd

from presslens import lexicons
from presslens.dataset import check_articles
from presslens.text import concordance


def find_naming(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Every contested-name hit: `article_id, outlet, paragraph, group, label, variant, surface,
    start, end, language` (offsets into the article's `text`; `language`, the paragraph's: a
    variant's forms in every language count for it, the Russian name and the English alike)."""
    hits = lexicons.find_terms(check_articles(articles), "naming", directory=directory)
    labels = lexicons.naming(directory).drop_duplicates("group").set_index("group")["label"]
    hits.insert(4, "label", hits["group"].map(labels))
    return hits


def naming_by_outlet(articles: pd.DataFrame, *, directory=None, groups=None) -> pd.DataFrame:
    """Outlet × variant counts for each contested naming group.

    Columns: `outlet, group, label, variant, count, n, share, articles, languages`
    (`languages`: the languages of the cell's hits, e.g. "hy,ru"). `n` is the outlet's
    hits in the group, `share` = count / n (NaN when the outlet never names the thing), and
    `articles` how many of the outlet's articles use the variant. The grid is complete: a variant
    an outlet never uses is a row with count 0. Groups and variants keep the lexicon's order.
    """
    articles = check_articles(articles)
    lex = lexicons.naming(directory)
    if groups is not None:
        groups = [groups] if isinstance(groups, str) else list(groups)
        lex = lex[lex["group"].isin(groups)]
    hits = find_naming(articles, directory=directory)
    outlets = sorted(articles["outlet"].unique())
    pairs = lex[["group", "label", "variant"]].drop_duplicates(["group", "variant"])
    grid = pd.DataFrame(
        [(o, *p) for o in outlets for p in pairs.itertuples(index=False)],
        columns=["outlet", "group", "label", "variant"],
    )
    cells = hits.groupby(["outlet", "group", "variant"]).agg(
        count=("surface", "size"),
        articles=("article_id", "nunique"),
        languages=("language", lambda s: ",".join(sorted(set(s)))),
    )
    totals = hits.groupby(["outlet", "group"]).size().rename("n")
    out = grid.join(cells, on=["outlet", "group", "variant"]).join(totals, on=["outlet", "group"])
    out[["count", "articles", "n"]] = out[["count", "articles", "n"]].fillna(0).astype(int)
    out["share"] = out["count"] / out["n"].where(out["n"] > 0)
    out["languages"] = out["languages"].fillna("")
    cols = ["outlet", "group", "label", "variant", "count", "n", "share", "articles", "languages"]
    return out[cols]


def naming_concordance(
    articles: pd.DataFrame,
    group: str,
    variant: str | None = None,
    *,
    outlet: str | None = None,
    context: int = 12,
    directory=None,
) -> pd.DataFrame:
    """Keyword in context for one naming cell (or a whole group when `variant` is None), from
    `presslens.text.concordance`.

    Returns `article_id, outlet, paragraph, left, match, right, start, end` plus `group, label,
    variant`: `match` is the text as written, `left`/`right` up to `context` words of its
    paragraph on each side (exactly what the outlet printed). A `KeyError` names the groups
    when `group` is not one of them.
    """
    known = set(lexicons.naming(directory)["group"])
    if group not in known:
        raise KeyError(f"no naming group {group!r}; known: {sorted(known)}")
    articles = check_articles(articles)
    hits = find_naming(articles, directory=directory)
    sel = hits[hits["group"] == group]
    if variant is not None:
        sel = sel[sel["variant"] == variant]
    if outlet is not None:
        sel = sel[sel["outlet"] == outlet]
    return concordance(articles, sel, context=context)
