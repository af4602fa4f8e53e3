"""Tone: VADER's compound score (-1 to +1) per sentence, averaged per outlet or per actor with a
bootstrap interval over paragraphs.

VADER is a general-purpose social-media lexicon: it sees "peace", "progress" and "welcome" as
positive and "war", "violence" and "killed" as negative, whoever says them; it cannot see irony,
attribution, diplomatic understatement or whose side a sentence takes.

VADER reads English only: a sentence in a paragraph of another language (`language`, from
`presslens.text.paragraph_language`) is not scored, its scores are NaN (never 0, which would
read as neutral), and every aggregate says which languages it scored (`languages`) and how many
sentences it left unread (`n_unscored`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from presslens import coverage, lexicons, stats
from presslens import text as ptext
from presslens.dataset import check_articles

from .frames import assign_sentence, sentences

SMALL_N = coverage.SMALL_N
#: Languages the tone model reads.
TONE_LANGUAGES = ("en",)


def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _sentence_languages(articles: pd.DataFrame, sents: pd.DataFrame) -> list[str]:
    """The language of each sentence's paragraph (`text.paragraphs`' `language`)."""
    paras = ptext.paragraphs(articles)
    lookup = dict(
        zip(
            zip(paras["article_id"], paras["paragraph"], strict=True),
            paras["language"],
            strict=True,
        )
    )
    keys = zip(sents["article_id"], sents["paragraph"], strict=True)
    return [lookup.get(k, "und") for k in keys]


def tone_by_sentence(articles: pd.DataFrame) -> pd.DataFrame:
    """VADER scores per sentence: the `presslens.text.sentences` table plus `compound`
    (-1 … +1), `positive`, `neutral`, `negative` (proportions of the sentence's words),
    `language` (the paragraph's) and `scored`; the scores are NaN where `language` is not one
    of `TONE_LANGUAGES`."""
    articles = check_articles(articles)
    sents = sentences(articles)
    sents["language"] = _sentence_languages(articles, sents) if len(sents) else []
    sents["scored"] = sents["language"].isin(TONE_LANGUAGES)
    analyzer = _vader()
    nan = {"compound": np.nan, "pos": np.nan, "neu": np.nan, "neg": np.nan}
    scores = [
        analyzer.polarity_scores(ptext.normalize(t)) if ok else nan
        for t, ok in zip(sents["text"], sents["scored"], strict=True)
    ]
    sents["compound"] = [s["compound"] for s in scores]
    sents["positive"] = [s["pos"] for s in scores]
    sents["neutral"] = [s["neu"] for s in scores]
    sents["negative"] = [s["neg"] for s in scores]
    cols = [c for c in sents.columns if c not in ("language", "scored")]
    return sents[[*cols, "language", "scored"]]


def _mean_ci(part: pd.DataFrame) -> tuple[float, float, float]:
    """Mean compound score with a bootstrap over paragraphs (sentences of one paragraph move
    together): ratio of resampled sums to resampled counts."""
    per_para = part.groupby(["article_id", "paragraph"])["compound"].agg(["sum", "size"])
    if per_para.empty:
        return (np.nan, np.nan, np.nan)
    mean, low, high = stats.share_ci(per_para["sum"].to_numpy(), per_para["size"].to_numpy())
    return mean, low, high


def _tone_table(tone: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per `keys` group, from its scored sentences only (NaN where there are none)."""
    rows = []
    if "scored" not in tone:  # a tone table made before languages were kept
        tone = tone.assign(scored=tone["compound"].notna(), language="en")
    for key, group in tone.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        part = group[group["scored"].astype(bool)]
        mean, low, high = _mean_ci(part)
        n = len(part)
        compound = part["compound"]
        rows.append(
            (
                *key,
                n,
                part.groupby(["article_id", "paragraph"]).ngroups,
                mean,
                low,
                high,
                float((compound >= 0.05).mean()) if n else np.nan,
                float((compound <= -0.05).mean()) if n else np.nan,
                n < SMALL_N,
                ",".join(sorted(set(part["language"]))),
                len(group) - n,
            )
        )
    cols = keys + [
        "n",
        "n_paragraphs",
        "mean",
        "ci_low",
        "ci_high",
        "share_positive",
        "share_negative",
        "small",
        "languages",
        "n_unscored",
    ]
    return pd.DataFrame(rows, columns=cols)


def tone_by_outlet(articles: pd.DataFrame, *, tone: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mean VADER compound per outlet with a 95% bootstrap interval over paragraphs.

    Columns: `outlet, n (sentences), n_paragraphs, mean, ci_low, ci_high, share_positive,
    share_negative, small` (shares of sentences at ≥ 0.05 / ≤ -0.05, VADER's usual cut-offs),
    `languages` (those scored) and `n_unscored` (sentences in languages VADER cannot read): an
    outlet writing only in those has `n` 0 and NaN figures, not a neutral tone.
    """
    tone = tone_by_sentence(articles) if tone is None else tone
    return _tone_table(tone, ["outlet"])


def actors_by_sentence(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Which sentences mention which actors: `article_id, outlet, paragraph, sentence, actor,
    side` (one row per sentence × actor, however often the actor is named in it)."""
    articles = check_articles(articles)
    hits = lexicons.find_actors(articles, directory=directory)
    hits = assign_sentence(hits, sentences(articles))
    cols = ["article_id", "outlet", "paragraph", "sentence", "actor", "side"]
    return hits[cols].drop_duplicates().reset_index(drop=True)


def tone_by_actor(
    articles: pd.DataFrame,
    *,
    by_outlet: bool = False,
    tone: pd.DataFrame | None = None,
    directory=None,
) -> pd.DataFrame:
    """Mean VADER compound of the sentences mentioning each actor (with `by_outlet`, per outlet
    × actor), with 95% bootstrap intervals over paragraphs.

    Columns: `[outlet,] actor, side, n, n_paragraphs, mean, ci_low, ci_high, share_positive,
    share_negative, small, languages, n_unscored` (see `tone_by_outlet`). This is the tone of the sentences around the actor, not the tone
    towards the actor.
    """
    tone = tone_by_sentence(articles) if tone is None else tone
    mentions = actors_by_sentence(articles, directory=directory)
    if "scored" not in tone:
        tone = tone.assign(scored=tone["compound"].notna(), language="en")
    joined = mentions.merge(
        tone[["article_id", "sentence", "compound", "language", "scored"]],
        on=["article_id", "sentence"],
        how="inner",
    )
    keys = (["outlet"] if by_outlet else []) + ["actor", "side"]
    table = _tone_table(joined, keys)
    sort = (["outlet"] if by_outlet else []) + ["n", "actor"]
    asc = ([True] if by_outlet else []) + [False, True]
    return table.sort_values(sort, ascending=asc, kind="stable").reset_index(drop=True)
