"""What is in the corpus and what cleaning did to each page: the tables behind notebook 01.

Every function takes the `articles` and/or `paragraphs` tables (see DESIGN.md) and returns a tidy
DataFrame; none reads files or draws. Words are counted by `presslens.text.count_words`.
"""

from __future__ import annotations

import pandas as pd

from presslens.text import count_words


def corpus_overview(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: `outlet, title, published, date_source, language, n_paragraphs, n_words, file`.

    Sorted by outlet then date, undated articles last within their outlet.
    """
    columns = [
        "outlet",
        "title",
        "published",
        "date_source",
        "language",
        "n_paragraphs",
        "n_words",
        "file",
    ]
    table = articles[columns].copy()
    table["published"] = pd.to_datetime(table["published"]).dt.date
    return table.sort_values(
        ["outlet", "published", "file"], na_position="last", kind="stable"
    ).reset_index(drop=True)


def languages_by_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """The corpus by outlet × language: `outlet, language, articles, words, share`.

    One row per outlet and article language (`language`, "und" where blank); `words` sums the
    articles' `n_words` (else `count_words` of their text) and `share` is the row's share of the
    outlet's words. Outlets A–Z, their languages by words, most first.
    """
    columns = ["outlet", "language", "articles", "words", "share"]
    if articles.empty:
        return pd.DataFrame({c: [] for c in columns}).astype(
            {"articles": "int64", "words": "int64", "share": "float64"}
        )
    language = articles["language"] if "language" in articles else None
    if language is None:
        language = pd.Series("und", index=articles.index)
    language = language.where(language.notna() & (language.astype(str) != ""), "und")
    if "n_words" in articles:
        words = pd.to_numeric(articles["n_words"], errors="coerce").fillna(0).astype("int64")
    else:
        words = articles["text"].fillna("").map(count_words).astype("int64")
    table = (
        pd.DataFrame(
            {"outlet": articles["outlet"], "language": language.astype(str), "words": words}
        )
        .groupby(["outlet", "language"], as_index=False)
        .agg(articles=("words", "size"), words=("words", "sum"))
    )
    totals = table.groupby("outlet")["words"].transform("sum")
    table["share"] = (table["words"] / totals.where(totals > 0)).fillna(0.0)
    table = table.sort_values(
        ["outlet", "words", "language"], ascending=[True, False, True], kind="stable"
    )
    return table[columns].reset_index(drop=True)


#: Words a language needs in the corpus before its wording is compared between outlets.
MIN_LANGUAGE_WORDS = 150


def wording_languages(
    articles: pd.DataFrame,
    *,
    by: str = "outlet",
    min_words: int = MIN_LANGUAGE_WORDS,
    min_groups: int = 2,
) -> pd.DataFrame:
    """Which languages have enough text to compare wording within: `language, articles, words,
    groups, compared, why`.

    Word statistics run within one language at a time; a language is `compared` when its
    articles hold at least `min_words` words and come from at least `min_groups` groups of `by`
    (words set a group apart only against another); `why` says why not ("" when compared).
    "und" (undetermined) is never compared. Most words first.
    """
    columns = ["language", "articles", "words", "groups", "compared", "why"]
    table = languages_by_outlet(
        articles.assign(outlet=articles[by]) if by != "outlet" else articles
    )
    if table.empty:
        return pd.DataFrame({c: [] for c in columns})
    per = (
        table.groupby("language", as_index=False)
        .agg(articles=("articles", "sum"), words=("words", "sum"), groups=("outlet", "nunique"))
        .sort_values(["words", "language"], ascending=[False, True], kind="stable")
    )
    why = []
    for row in per.itertuples():
        if row.language == "und":
            why.append("language undetermined")
        elif row.words < min_words:
            why.append(f"{row.words:,} words, fewer than {min_words:,}")
        elif row.groups < min_groups:
            why.append(f"written by {row.groups} {by} only, fewer than {min_groups}")
        else:
            why.append("")
    per["why"] = why
    per["compared"] = per["why"] == ""
    return per[columns].reset_index(drop=True)


def _with_outlet(paragraphs: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    outlets = articles[["article_id", "outlet"]]
    merged = paragraphs.merge(outlets, on="article_id", how="inner", validate="many_to_one")
    merged["n_words"] = merged["text"].map(count_words).astype("int64")
    return merged


def removals_by_reason(paragraphs: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Removed paragraphs per outlet and reason: `outlet, reason, paragraphs, words, share`.

    `share` is the reason's share of all the words cleaning removed from that outlet's pages.
    Only articles present in `articles` count (duplicates and skipped files are not there).
    """
    merged = _with_outlet(paragraphs, articles)
    removed = merged[~merged["kept"].astype(bool)]
    if removed.empty:
        return pd.DataFrame(
            {"outlet": [], "reason": [], "paragraphs": [], "words": [], "share": []}
        ).astype({"paragraphs": "int64", "words": "int64", "share": "float64"})
    table = (
        removed.groupby(["outlet", "reason"], as_index=False)
        .agg(paragraphs=("text", "size"), words=("n_words", "sum"))
        .sort_values(["outlet", "words", "reason"], ascending=[True, False, True], kind="stable")
    )
    totals = table.groupby("outlet")["words"].transform("sum")
    table["share"] = (table["words"] / totals.where(totals > 0)).fillna(0.0)
    return table.reset_index(drop=True)


def kept_share(paragraphs: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article, how much of the page was kept: `outlet, file, kept_words, removed_words, share_kept`."""
    merged = _with_outlet(paragraphs, articles)
    if merged.empty:
        columns = ["outlet", "file", "kept_words", "removed_words", "share_kept"]
        return pd.DataFrame({c: [] for c in columns})
    merged["bucket"] = merged["kept"].map({True: "kept_words", False: "removed_words"})
    wide = merged.pivot_table(
        index=["outlet", "file"], columns="bucket", values="n_words", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(columns=["kept_words", "removed_words"], fill_value=0).reset_index()
    wide.columns.name = None
    total = wide["kept_words"] + wide["removed_words"]
    wide["share_kept"] = (wide["kept_words"] / total.where(total > 0)).fillna(0.0)
    return wide.sort_values(["outlet", "file"], kind="stable").reset_index(drop=True)


def removal_examples(
    paragraphs: pd.DataFrame, articles: pd.DataFrame, *, width: int = 90
) -> pd.DataFrame:
    """One removed paragraph per reason (the first in file order), to show what each code means.

    Columns: `reason, paragraphs, example, file`; `example` is cut to `width` characters.
    """
    merged = _with_outlet(paragraphs, articles)
    removed = merged[~merged["kept"]].sort_values(["file", "position"], kind="stable")
    rows = []
    for reason, group in removed.groupby("reason", sort=True):
        first = group.iloc[0]
        text = " ".join(str(first["text"]).split())
        rows.append(
            {
                "reason": reason,
                "paragraphs": len(group),
                "example": text if len(text) <= width else text[: width - 1] + "…",
                "file": first["file"],
            }
        )
    return pd.DataFrame(rows, columns=["reason", "paragraphs", "example", "file"])


def report_problems(report: pd.DataFrame) -> pd.DataFrame:
    """The rows of `ingest_report.csv` that need a reader's attention (warnings and skips)."""
    return report[report["status"] != "ok"].reset_index(drop=True)


#: What fixes an article whose outlet is unknown.
OUTLET_HINT = (
    "give it an outlet: a row `{file},<outlet>` in metadata.csv "
    "(or `presslens add {file} --outlet <outlet>`)"
)


def unknown_outlets(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles whose outlet no source names, one by one, with the fix:
    `file, title, published, hint` (`config.UNKNOWN_OUTLET` is their shared outlet)."""
    from presslens import config

    columns = ["file", "title", "published", "hint"]
    if "outlet_name" in articles:
        unknown = articles["outlet_name"] == config.UNKNOWN_OUTLET
    else:
        unknown = articles["outlet"] == config.UNKNOWN_OUTLET
    table = articles.loc[unknown, ["file", "title", "published"]].copy()
    table["published"] = pd.to_datetime(table["published"]).dt.date
    table["hint"] = [OUTLET_HINT.format(file=f) for f in table["file"]]
    return table[columns].sort_values("file", kind="stable").reset_index(drop=True)
