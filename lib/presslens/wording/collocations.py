"""Word pairs that occur together more than chance, per group: `collocations`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd

from presslens import text as T
from presslens.dataset import check_articles

from .groups import group_labels, paragraph_texts, resolve_phrases, select_language


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
    from nltk.metrics import BigramAssocMeasures

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
    paras = paragraph_texts(arts)
    paras["_group"] = paras["article_id"].map(
        dict(zip(arts["article_id"], arts["_group"], strict=True))
    )
    frames = []
    for g, sub in paras.groupby("_group", sort=True):
        stream: list[str | None] = []
        for t in sub["text"]:
            stream.extend(T.tokenize(t, phrases=key or None))
            stream.extend([None] * (win - 1))
        words, counted = _pair_counts(stream, win, target)
        dropped = (lambda w: w in stops and w != target) if drop_stop else (lambda w: False)
        counted = {
            pq: n
            for pq, n in counted.items()
            if n >= min_freq and not (dropped(pq[0]) or dropped(pq[1]))
        }
        llr = _scores(measures.likelihood_ratio, counted, words, win)
        if not llr:
            continue
        pmi = _scores(measures.pmi, counted, words, win)
        pairs = list(llr)
        df = pd.DataFrame(
            {
                label: g,
                "term": target,
                "w1": [a for a, _ in pairs],
                "w2": [b for _, b in pairs],
                "count": [counted[pq] for pq in pairs],
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


def _pair_counts(stream: list, window: int, target: str | None) -> tuple[Counter, Counter]:
    """`(word counts, pair counts)` of a token stream whose paragraphs are separated by
    `window - 1` Nones, as NLTK's `BigramCollocationFinder.from_words(stream, window)` counts
    them (each token with each of the next `window - 1` tokens), but only the pairs holding
    `target` when it is given: counted around its occurrences, not over the whole stream."""
    words = Counter(stream)
    words.pop(None, None)
    pairs: Counter = Counter()
    if target is None:
        for j in range(1, window):
            pairs.update(zip(stream, stream[j:], strict=False))  # the last j tokens pair with None
        for pq in [pq for pq in pairs if pq[0] is None or pq[1] is None]:
            del pairs[pq]
        return words, pairs
    n = len(stream)
    for i in [i for i, w in enumerate(stream) if w == target]:
        for j in range(1, window):
            if i + j < n and stream[i + j] is not None:  # target first
                pairs[(target, stream[i + j])] += 1
            if i - j >= 0 and stream[i - j] is not None and stream[i - j] != target:
                pairs[(stream[i - j], target)] += 1  # target second (a target pair counted once)
    return words, pairs


def _scores(score_fn, pairs: dict, words: Counter, window: int) -> dict:
    """`{pair: score}`, best first (ties by pair), as `BigramCollocationFinder.score_ngrams`
    gives them: the pair count scaled by 1/(window - 1) (Church and Hanks 1990)."""
    n_all = sum(words.values())
    scored = [
        (pq, score_fn(n / (window - 1.0), (words[pq[0]], words[pq[1]]), n_all))
        for pq, n in pairs.items()
    ]
    return dict(sorted(scored, key=lambda t: (-t[1], t[0])))
