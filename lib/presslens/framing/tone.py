"""Tone: VADER's compound score (-1 to +1) per sentence, averaged per outlet or per actor with a
bootstrap interval over paragraphs.

VADER is a general-purpose social-media lexicon: it sees "peace", "progress" and "welcome" as
positive and "war", "violence" and "killed" as negative, whoever says them; it cannot see irony,
attribution, diplomatic understatement or whose side a sentence takes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from presslens import coverage, lexicons, stats
from presslens import text as ptext
from presslens.dataset import check_articles

from .frames import assign_sentence, sentences

SMALL_N = coverage.SMALL_N


def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def tone_by_sentence(articles: pd.DataFrame) -> pd.DataFrame:
    """VADER scores per sentence: the `presslens.text.sentences` table plus `compound`
    (-1 … +1), `positive`, `neutral`, `negative` (proportions of the sentence's words)."""
    sents = sentences(check_articles(articles))
    analyzer = _vader()
    scores = [analyzer.polarity_scores(ptext.normalize(t)) for t in sents["text"]]
    sents["compound"] = [s["compound"] for s in scores]
    sents["positive"] = [s["pos"] for s in scores]
    sents["neutral"] = [s["neu"] for s in scores]
    sents["negative"] = [s["neg"] for s in scores]
    return sents


def _mean_ci(part: pd.DataFrame) -> tuple[float, float, float]:
    """Mean compound score with a bootstrap over paragraphs (sentences of one paragraph move
    together): ratio of resampled sums to resampled counts."""
    per_para = part.groupby(["article_id", "paragraph"])["compound"].agg(["sum", "size"])
    if per_para.empty:
        return (np.nan, np.nan, np.nan)
    mean, low, high = stats.share_ci(per_para["sum"].to_numpy(), per_para["size"].to_numpy())
    return mean, low, high


def _tone_table(tone: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    rows = []
    for key, part in tone.groupby(keys, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        mean, low, high = _mean_ci(part)
        n = len(part)
        rows.append(
            (
                *key,
                n,
                part.groupby(["article_id", "paragraph"]).ngroups,
                mean,
                low,
                high,
                float((part["compound"] >= 0.05).mean()),
                float((part["compound"] <= -0.05).mean()),
                n < SMALL_N,
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
    ]
    return pd.DataFrame(rows, columns=cols)


def tone_by_outlet(articles: pd.DataFrame, *, tone: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mean VADER compound per outlet with a 95% bootstrap interval over paragraphs.

    Columns: `outlet, n (sentences), n_paragraphs, mean, ci_low, ci_high, share_positive,
    share_negative, small` (shares of sentences at ≥ 0.05 / ≤ -0.05, VADER's usual cut-offs).
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
    share_negative, small`. This is the tone of the sentences around the actor, not the tone
    towards the actor.
    """
    tone = tone_by_sentence(articles) if tone is None else tone
    mentions = actors_by_sentence(articles, directory=directory)
    joined = mentions.merge(
        tone[["article_id", "sentence", "compound"]], on=["article_id", "sentence"], how="inner"
    )
    keys = (["outlet"] if by_outlet else []) + ["actor", "side"]
    table = _tone_table(joined, keys)
    sort = (["outlet"] if by_outlet else []) + ["n", "actor"]
    asc = ([True] if by_outlet else []) + [False, True]
    return table.sort_values(sort, ascending=asc, kind="stable").reset_index(drop=True)
