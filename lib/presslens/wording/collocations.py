"""Word pairs that occur together more than chance, per group: `collocations`."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from presslens import text as T
from presslens.dataset import check_articles

from .groups import group_labels, resolve_phrases, select_language


def collocations(
    articles: pd.DataFrame,
    term: str | None = None,
    by: str | None = "outlet",
    *,
    window: int | None = None,
    min_freq: int = 2,
    top: int | None = 20,
    drop_stop: bool = True,
    phrases: Iterable[str] | None = (),
    language: str | None = None,
) -> pd.DataFrame:
    """Word pairs that occur together more than chance, per group (NLTK bigram finder).

    Within one language (`language`, default the corpus's most common; the others are set
    aside with a warning), with its stop words; `attrs["language"]` says which.

    Without `term`: adjacent pairs (`window=2`). With `term` (a word or phrase, matched as
    tokenised): pairs with `term` within `window` tokens (default 5), either side. Pairs never
    cross paragraphs; stop words are removed from candidate pairs after windowing, so adjacency
    is that of the real text. Columns: `<by>`, `term`, `w1`, `w2`, `collocate` (the partner of
    `term`, or `"w1 w2"`), `count`, `llr` (Dunning log-likelihood ratio), `pmi` (log₂), `rank`.
    Pairs below `min_freq` are left out (PMI is meaningless on one co-occurrence).

    `phrases` defaults to none here (unlike the other functions): collocations are how
    multi-word terms are discovered, so pre-joining them would hide the phrases to find.
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    arts, language = select_language(check_articles(articles).reset_index(drop=True), language)
    stops = T.stop_words(language)
    key = resolve_phrases(phrases)
    label = by or "group"
    arts = arts.assign(_group=group_labels(arts, by) if by else "all")
    target = None
    if term is not None:
        toks = T.tokenize(term, phrases=(term,) if len(T.tokenize(term)) > 1 else None)
        if len(toks) != 1:
            raise ValueError(f"term {term!r} must be one word or phrase")
        target = toks[0]
        key = tuple(set(key) | ({term} if "_" in target else set()))
    win = window or (5 if target else 2)
    measures = BigramAssocMeasures()
    paras = T.paragraphs(arts[["article_id", "outlet", "text"]])
    paras["_group"] = paras["article_id"].map(
        dict(zip(arts["article_id"], arts["_group"], strict=True))
    )
    frames = []
    for g, sub in paras.groupby("_group", sort=True):
        stream: list[str | None] = []
        for t in sub["text"]:
            stream.extend(T.tokenize(t, phrases=key or None))
            stream.extend([None] * (win - 1))
        finder = BigramCollocationFinder.from_words(stream, window_size=win)
        if drop_stop:
            finder.apply_word_filter(lambda w: w in stops and w != target)
        if target is not None:
            finder.apply_ngram_filter(lambda w1, w2: target not in (w1, w2))
        finder.apply_freq_filter(min_freq)
        llr = dict(finder.score_ngrams(measures.likelihood_ratio))
        if not llr:
            continue
        pmi = dict(finder.score_ngrams(measures.pmi))
        pairs = list(llr)
        df = pd.DataFrame(
            {
                label: g,
                "term": target,
                "w1": [a for a, _ in pairs],
                "w2": [b for _, b in pairs],
                "count": [finder.ngram_fd[pq] for pq in pairs],
                "llr": [llr[pq] for pq in pairs],
                "pmi": [pmi[pq] for pq in pairs],
            }
        )
        if target is not None:
            df["collocate"] = np.where(df["w1"] == target, df["w2"], df["w1"])
            # the same partner left and right of the term: one row, counts added
            df = (
                df.groupby([label, "term", "collocate"], as_index=False)
                .agg(
                    w1=("w1", "first"),
                    w2=("w2", "first"),
                    count=("count", "sum"),
                    llr=("llr", "max"),
                    pmi=("pmi", "max"),
                )
                .loc[lambda d: d["collocate"] != target]
            )
        else:
            df["collocate"] = df["w1"] + " " + df["w2"]
        df = df.sort_values(["llr", "collocate"], ascending=[False, True]).reset_index(drop=True)
        df["rank"] = np.arange(1, len(df) + 1)
        frames.append(df if top is None else df.head(top))
    cols = [label, "term", "w1", "w2", "collocate", "count", "llr", "pmi", "rank"]
    if not frames:
        out = pd.DataFrame(columns=cols)
    else:
        out = pd.concat(frames, ignore_index=True)[cols]
    out.attrs["language"] = language
    return out
