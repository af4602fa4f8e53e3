"""Who covers what: volume, timing, sub-issues and actors, per outlet.

Every function takes the `articles` table (`presslens.load_articles()`) and returns a tidy
DataFrame; the knowledge it needs (sub-issues, actors, the calendar) comes from the lexicons in
`data/lexicons/`, so another story needs new lexicons, not new code.

Shares are shares of an outlet's *paragraphs* (a paragraph touches a topic when it contains one of
the topic's cues), with percentile intervals from a bootstrap over paragraphs
(`stats.proportion_ci`, `config.N_BOOTSTRAP` resamples, `config.SEED`). With one article per outlet,
an interval describes the uncertainty of that article's paragraph mix, not of the outlet's
coverage in general; groups with fewer than `SMALL_N` paragraphs are flagged `small`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from presslens import _compat, lexicons, stats
from presslens.dataset import check_articles
from presslens.text import count_words, paragraph_spans

#: Groups (outlets, actors) with fewer units than this are flagged `small` in every table.
SMALL_N = 10

SHARE_COLUMNS = ["count", "n", "share", "ci_low", "ci_high", "ci_method", "n_articles", "small"]


# --------------------------------------------------------------------------------------------
# Helpers shared with presslens.framing


def paragraph_units(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph: `article_id, outlet, paragraph, start, end, n_words`
    (`n_words` from `presslens.text.count_words`)."""
    articles = check_articles(articles)
    rows = []
    for aid, outlet, txt in zip(
        articles["article_id"], articles["outlet"], articles["text"], strict=True
    ):
        for i, (a, b) in enumerate(paragraph_spans(txt)):
            rows.append((aid, outlet, i, a, b, count_words(txt[a:b])))
    return pd.DataFrame(
        rows, columns=["article_id", "outlet", "paragraph", "start", "end", "n_words"]
    )


def unit_shares(
    units: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    key: list[str],
    thing: str,
    things: list | None = None,
    by: str = "outlet",
) -> pd.DataFrame:
    """Share of units (rows of `units`, identified by `key`) in each `by` group that have each
    `thing` (rows of `hits` with the same key), with a bootstrap interval over units.

    Returns the full grid `by × thing`: `<by>, <thing>, count, n, share, ci_low, ci_high,
    ci_method, n_articles, small` (a zero count is a row, not a missing one; see
    `share_interval` for the interval).
    """
    if things is None:
        things = sorted(hits[thing].dropna().unique().tolist())
    units = units.drop_duplicates(key).reset_index(drop=True)
    # One indicator column per thing, one row per unit (0 where the unit has no hit).
    unit_of = pd.MultiIndex.from_frame(units[key]).get_indexer(pd.MultiIndex.from_frame(hits[key]))
    thing_of = pd.Index(list(things)).get_indexer(hits[thing])
    found = (unit_of >= 0) & (thing_of >= 0)
    matrix = np.zeros((len(units), len(things)))
    matrix[unit_of[found], thing_of[found]] = 1.0
    rows = []
    for group, idx in units.groupby(by, sort=True).indices.items():
        n = len(idx)
        n_articles = units.loc[idx, "article_id"].nunique() if "article_id" in units else np.nan
        for j, t in enumerate(things):
            col = matrix[idx, j]
            share, low, high, method = share_interval(col)
            rows.append(
                (group, t, int(col.sum()), n, share, low, high, method, n_articles, n < SMALL_N)
            )
    return pd.DataFrame(rows, columns=[by, thing] + SHARE_COLUMNS)


def lexicon_languages(table: pd.DataFrame) -> list[str]:
    """The languages a lexicon table reads, A–Z: English (its untagged forms, `language` "")
    and every language it gives forms of."""
    tagged = table["language"].dropna().astype(str) if "language" in table else []
    return sorted({"en", *(x for x in tagged if x)})


def language_units(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph with its language: `article_id, outlet, paragraph, start, end,
    language` (`presslens.text.paragraphs`: a paragraph's own language when clear, else its
    article's)."""
    from presslens import text as ptext

    paras = ptext.paragraphs(check_articles(articles))
    return paras[["article_id", "outlet", "paragraph", "start", "end", "language"]]


def with_language(hits: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """`hits` (rows with `article_id` and a `start` offset into the article's `text`, such as
    quotes) plus `language`: that of the paragraph the hit starts in ("und" outside every
    paragraph)."""
    if hits.empty:
        return hits.assign(language=pd.Series(dtype=object))
    from presslens import text as ptext

    found = ptext.value_at(hits, language_units(articles), "language")
    return hits.assign(language=found.fillna("und").to_numpy())


def read_shares(
    units: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    key: list[str],
    thing: str,
    things: list,
    read,
    by: str = "outlet",
) -> pd.DataFrame:
    """`unit_shares` over the units (with a `language` column) in a language of `read` only,
    plus `languages` (those counted in the group) and `n_unread` (the group's units in other
    languages, left out of `n`): a unit no dictionary reads counts neither as a hit nor as a
    miss. A group with no readable unit keeps its rows: `n` 0 and NaN shares, never 0 %."""
    read = set(read)
    ok = units["language"].isin(read).to_numpy()
    counted = units[ok]
    table = unit_shares(counted, hits, key=key, thing=thing, things=things, by=by)
    missing = sorted(set(units[by]) - set(table[by]))
    if missing:
        blank = (0, 0, np.nan, np.nan, np.nan, "none", 0, True)
        filler = pd.DataFrame(
            [(g, t, *blank) for g in missing for t in things], columns=table.columns
        )
        table = pd.concat([table, filler], ignore_index=True) if len(table) else filler
        table = table.sort_values(by, kind="stable").reset_index(drop=True)
    langs = counted.groupby(by)["language"].agg(lambda x: ",".join(sorted(set(x))))
    unread = units.loc[~ok].groupby(by).size()
    table["languages"] = table[by].map(langs).fillna("").astype(object)
    table["n_unread"] = table[by].map(unread).fillna(0).astype("int64")
    return table


def share_interval(flags) -> tuple[float, float, float, str]:
    """Share of units flagged, with a 95% interval: `(share, low, high, method)`.

    A percentile bootstrap over units (`stats.proportion_ci`), except when no unit or every unit is
    flagged: the bootstrap then collapses to a zero-width interval that would look certain, so
    the Wilson score interval is given instead (`method` says which).
    """
    flags = np.asarray(flags, dtype=float)
    n, k = len(flags), float(flags.sum())
    if n == 0:
        return (np.nan, np.nan, np.nan, "none")
    if k == 0 or k == n:
        low, high = stats.wilson_ci(k, n)
        return (k / n, float(low), float(high), "wilson")
    share, low, high = stats.proportion_ci(k, n)
    return (share, low, high, "bootstrap")


# --------------------------------------------------------------------------------------------
# Volume and timing


def volume_by_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles, paragraphs and words per outlet, with each outlet's share of the corpus.

    Columns: `outlet, articles, paragraphs, words, share_articles, share_words` (`words` is the
    articles' `n_words` when present, else `presslens.text.count_words` of their paragraphs).
    """
    articles = check_articles(articles)
    units = paragraph_units(articles)
    per = (
        units.groupby("outlet", sort=True)
        .agg(
            articles=("article_id", "nunique"),
            paragraphs=("paragraph", "size"),
            words=("n_words", "sum"),
        )
        .reindex(sorted(articles["outlet"].unique()), fill_value=0)
        .rename_axis("outlet")
        .reset_index()
    )
    counts = articles.groupby("outlet")["article_id"].nunique()
    per["articles"] = per["outlet"].map(counts).fillna(0).astype(int)
    if "n_words" in articles:  # the ingest's word count, as in notebook 01
        per["words"] = per["outlet"].map(articles.groupby("outlet")["n_words"].sum()).astype(int)
    per["share_articles"] = per["articles"] / max(per["articles"].sum(), 1)
    per["share_words"] = per["words"] / max(per["words"].sum(), 1)
    return per


def events_by_article(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Which calendar events each article mentions (by the events' cues in `events.yaml`).

    Columns: `article_id, outlet, event, start, end, hits, cues` (one row per article × event).
    A mention may be a preview ("will meet in the capital next week"), not a report.
    """
    hits = lexicons.find_terms(check_articles(articles), "events", directory=directory)
    cal = lexicons.events(directory)
    cols = ["article_id", "outlet", "event", "start", "end", "hits", "cues"]
    if hits.empty:
        return pd.DataFrame(columns=cols)
    out = (
        hits.groupby(["article_id", "outlet", "group"], sort=False)
        .agg(hits=("surface", "size"), cues=("surface", lambda s: "; " + "; ".join(sorted(set(s)))))
        .reset_index()
        .rename(columns={"group": "event"})
    )
    out["cues"] = out["cues"].str[2:]
    out = out.merge(cal[["event", "start", "end"]], on="event", how="left")
    return (
        out[cols]
        .sort_values(["article_id", "start", "event"], kind="stable")
        .reset_index(drop=True)
    )


def timeline_by_article(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Each article placed on the story's calendar.

    One row per article: `article_id, outlet, title, published, date_known, event, event_start,
    event_end, lag_days, during_event, latest_event_mentioned`. `event` is the latest calendar
    event that started on or before the publication date; `lag_days` is the number of days from
    that event's end to publication (0 while it is under way). Undated articles keep their row
    with `date_known = False` and no lag; `latest_event_mentioned` (from the events' cues) still
    hints at when they were written.
    """
    articles = check_articles(articles)
    cal = lexicons.events(directory)
    mentioned = events_by_article(articles, directory=directory)
    latest_mentioned = (
        mentioned.sort_values(["start", "event"], kind="stable")
        .groupby("article_id")["event"]
        .last()
        if not mentioned.empty
        else pd.Series(dtype=object)
    )
    published = pd.to_datetime(articles["published"], errors="coerce")
    if getattr(published.dt, "tz", None) is not None:
        published = published.dt.tz_localize(None)
    rows = []
    for (_, art), pub in zip(articles.iterrows(), published, strict=True):
        row = {
            "article_id": art["article_id"],
            "outlet": art["outlet"],
            "title": art.get("title", None),
            "published": pub,
            "date_known": pd.notna(pub),
            "event": None,
            "event_start": pd.NaT,
            "event_end": pd.NaT,
            "lag_days": np.nan,
            "during_event": False,
            "latest_event_mentioned": latest_mentioned.get(art["article_id"], None),
        }
        if pd.notna(pub):
            day = pub.normalize()
            before = cal[cal["start"] <= day]
            if not before.empty:
                ev = before.iloc[-1]
                row.update(
                    event=ev["event"],
                    event_start=ev["start"],
                    event_end=ev["end"],
                    lag_days=float(max((day - ev["end"]).days, 0)),
                    during_event=bool(ev["start"] <= day <= ev["end"]),
                )
        rows.append(row)
    columns = ["article_id", "outlet", "title", "published", "date_known", "event"]
    columns += ["event_start", "event_end", "lag_days", "during_event", "latest_event_mentioned"]
    out = pd.DataFrame(rows, columns=columns)
    out["event_start"] = pd.to_datetime(out["event_start"])
    out["event_end"] = pd.to_datetime(out["event_end"])
    return out.sort_values(["published", "outlet", "article_id"], kind="stable", na_position="last")


# --------------------------------------------------------------------------------------------
# Topics


def find_topics(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Paragraphs touching each topic: `article_id, outlet, paragraph, topic, hits, cues`.

    One row per paragraph × topic with at least one cue; `cues` lists the surfaces found, so a
    reader can check why a paragraph was counted.
    """
    hits = lexicons.find_terms(check_articles(articles), "topics", directory=directory)
    cols = ["article_id", "outlet", "paragraph", "topic", "hits", "cues"]
    if hits.empty:
        return pd.DataFrame(columns=cols)
    out = (
        hits.groupby(["article_id", "outlet", "paragraph", "group"], sort=True)["surface"]
        .agg(hits="size", cues=lambda s: "; ".join(dict.fromkeys(s)))
        .reset_index()
        .rename(columns={"group": "topic"})
    )
    return out[cols]


def topics_by_outlet(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Share of each outlet's paragraphs touching each sub-issue, with 95% bootstrap intervals.

    Columns: `outlet, topic, label, count, n, share, ci_low, ci_high, ci_method, n_articles,
    small, languages, n_unread` (`count` paragraphs of `n` touch the topic). Only paragraphs in
    a language the topic lexicon has cues for count (`lexicon_languages`; `languages` lists
    those counted, `n_unread` the outlet's paragraphs left unread: see `read_shares`). Topics
    in the lexicon's order.
    """
    lex = lexicons.topics(directory)
    order = list(dict.fromkeys(lex["group"]))
    labels = dict(zip(lex["group"], lex["label"], strict=False))
    table = read_shares(
        language_units(articles),
        find_topics(articles, directory=directory),
        key=["article_id", "paragraph"],
        thing="topic",
        things=order,
        read=lexicon_languages(lex),
    )
    table.insert(2, "label", table["topic"].map(labels))
    return table


# --------------------------------------------------------------------------------------------
# Actors


def actors_by_outlet(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """How often each outlet names each actor.

    Columns: `outlet, actor, role, side, kind, count, articles, paragraphs, per_1000_words,
    surfaces` (`surfaces`: the distinct forms written, e.g. "Jane Doe; Jane Deo"). Only
    actors an outlet names appear; see `actor_presence_by_outlet` for the full grid.
    """
    articles = check_articles(articles)
    hits = lexicons.find_actors(articles, directory=directory)
    words = articles.groupby("outlet")["n_words"].sum() if "n_words" in articles else None
    cols = [
        "outlet",
        "actor",
        "role",
        "side",
        "kind",
        "count",
        "articles",
        "paragraphs",
        "per_1000_words",
        "surfaces",
    ]
    if hits.empty:
        return pd.DataFrame(columns=cols)
    hits = hits.assign(_para=hits["article_id"].astype(str) + ":" + hits["paragraph"].astype(str))
    out = (
        hits.groupby(["outlet", "actor", "role", "side", "kind"], sort=True)
        .agg(
            count=("surface", "size"),
            articles=("article_id", "nunique"),
            paragraphs=("_para", "nunique"),
            surfaces=("surface", lambda s: "; ".join(sorted(set(s)))),
        )
        .reset_index()
    )
    if words is None:
        words = paragraph_units(articles).groupby("outlet")["n_words"].sum()
    out["per_1000_words"] = 1000 * out["count"] / out["outlet"].map(words).astype(float)
    out = out.sort_values(["outlet", "count", "actor"], ascending=[True, False, True])
    return out[cols].reset_index(drop=True)


def actor_presence_by_outlet(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Which outlets name which actors at all: the full outlet × actor grid.

    Columns: `outlet, actor, side, kind, mentioned (bool), count, n_outlets` over every actor
    named by at least one outlet (`n_outlets`: how many outlets name the actor).
    """
    articles = check_articles(articles)
    mentions = actors_by_outlet(articles, directory=directory)
    outlets = sorted(articles["outlet"].unique())
    info = mentions.drop_duplicates("actor").set_index("actor")[["side", "kind"]]
    grid = pd.MultiIndex.from_product([outlets, sorted(info.index)], names=["outlet", "actor"])
    counts = mentions.set_index(["outlet", "actor"])["count"]
    out = counts.reindex(grid, fill_value=0).rename("count").reset_index()
    out["mentioned"] = out["count"] > 0
    out = out.join(info, on="actor")
    out["n_outlets"] = out.groupby("actor")["mentioned"].transform("sum").astype(int)
    return out[["outlet", "actor", "side", "kind", "mentioned", "count", "n_outlets"]]


def outlets_mentioning(articles: pd.DataFrame, actor: str, *, directory=None) -> list[str]:
    """The outlets that name `actor` (its canonical name) at least once, A–Z."""
    grid = actor_presence_by_outlet(articles, directory=directory)
    return sorted(grid.loc[(grid["actor"] == actor) & grid["mentioned"], "outlet"].tolist())


def sides_by_outlet(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Each outlet's actor mentions by side: `outlet, side, count, share` (share of the outlet's
    mentions), the full outlet × side grid."""
    articles = check_articles(articles)
    mentions = actors_by_outlet(articles, directory=directory)
    outlets = sorted(articles["outlet"].unique())
    sides = sorted(mentions["side"].unique()) if not mentions.empty else []
    grid = pd.MultiIndex.from_product([outlets, sides], names=["outlet", "side"])
    out = (
        mentions.groupby(["outlet", "side"])["count"]
        .sum()
        .reindex(grid, fill_value=0)
        .reset_index()
    )
    totals = out.groupby("outlet")["count"].transform("sum")
    out["share"] = out["count"] / totals.where(totals > 0)
    return out


__all__ = [
    "SMALL_N",
    "paragraph_units",
    "unit_shares",
    "share_interval",
    "lexicon_languages",
    "language_units",
    "with_language",
    "read_shares",
    "volume_by_outlet",
    "events_by_article",
    "timeline_by_article",
    "find_topics",
    "topics_by_outlet",
    "actors_by_outlet",
    "actor_presence_by_outlet",
    "outlets_mentioning",
    "sides_by_outlet",
]

#: Old names (before the naming grammar of issue 14) → new ones; they warn for one release.
RENAMED = {
    "topic_shares": "topics_by_outlet",
    "actor_mentions": "actors_by_outlet",
    "actor_presence": "actor_presence_by_outlet",
    "side_mentions": "sides_by_outlet",
    "outlets_naming": "outlets_mentioning",
    "events_mentioned": "events_by_article",
    "publication_timeline": "timeline_by_article",
    "topic_paragraphs": "find_topics",
}


__getattr__ = _compat.renamed(__name__, RENAMED)
