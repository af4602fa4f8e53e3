"""Frames: a sentence carries a frame when it contains one of the frame's cues (`frames.yaml`,
exclusions and contexts applied: `cues.py`), a paragraph when any of its sentences does; an
article by the frame's calibrated decision rule or model (`calibrate.py`). Shares are of an
outlet's paragraphs or articles."""

from __future__ import annotations

import pandas as pd

from presslens import coverage, lexicons
from presslens import text as ptext
from presslens.dataset import check_articles


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """`presslens.text.sentences`, in article and text order."""
    sents = ptext.sentences(articles)
    return sents.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def assign_sentence(hits: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Add `sentence` (index within the article) to hits by their start offset: the last
    sentence starting at or before the hit (the first one for a hit before every sentence, -1
    in an article without sentences)."""
    if hits.empty:
        return hits.assign(sentence=pd.Series(dtype="int64"))
    key = hits["article_id"].astype(str)
    found = ptext.value_at(hits, sents, "sentence")
    first = (
        sents.assign(article_id=sents["article_id"].astype(str))
        .groupby("article_id")["sentence"]
        .min()
    )
    sentence = found.to_numpy()
    fallback = key.map(first).fillna(-1).to_numpy()
    sentence = pd.Series(sentence).fillna(pd.Series(fallback)).astype("int64").to_numpy()
    return hits.assign(sentence=sentence)


def find_frames(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Every frame cue found, by sentence: which word triggered which frame.

    Columns: `article_id, outlet, paragraph, sentence, frame, label, cue, surface, start, end,
    sentence_text` (`cue` is the dictionary pattern, `surface` the text as written).
    """
    from .cues import find_cues

    articles = check_articles(articles)
    hits = find_cues(articles, directory=directory)
    labels = lexicons.frames(directory).drop_duplicates("group").set_index("group")["label"]
    sents = sentences(articles)
    texts = pd.Series(
        sents["text"].to_numpy(),
        index=pd.MultiIndex.from_arrays([sents["article_id"].astype(str), sents["sentence"]]),
    )
    texts = texts[~texts.index.duplicated()]
    hits["label"] = hits["frame"].map(labels)
    where = pd.MultiIndex.from_arrays([hits["article_id"].astype(str), hits["sentence"]])
    hits["sentence_text"] = texts.reindex(where).fillna("").to_numpy()
    cols = [
        "article_id",
        "outlet",
        "paragraph",
        "sentence",
        "frame",
        "label",
        "cue",
        "surface",
        "start",
        "end",
        "sentence_text",
    ]
    return (
        hits[cols]
        .sort_values(["article_id", "start", "frame"], kind="stable")
        .reset_index(drop=True)
    )


#: What `frames_by_outlet(unit="paragraph")` counts, as its `instrument` column says.
PARAGRAPH_INSTRUMENT = "dictionary (a paragraph with a cue)"


def frames_by_outlet(
    articles: pd.DataFrame, *, directory=None, unit: str = "paragraph", instrument=None
) -> pd.DataFrame:
    """Share of each outlet's paragraphs (or articles) carrying each frame, with 95% intervals.

    Columns: `outlet, frame, label, count, n, share, ci_low, ci_high, ci_method, n_articles,
    small, instrument, languages, n_unread` (`count` of `n` units carry the frame; bootstrap
    over units, Wilson when the count is 0 or n; see `coverage.share_interval`).
    `unit="paragraph"`: a paragraph with a cue; `unit="article"`: the article-level decision of
    `frames_by_article` (the calibrated dictionary or the model per frame, `instrument`
    choosing); `instrument` says which. Only units in a language the frame dictionary reads
    count (English and every language `frames.yaml` gives cue forms of,
    `coverage.lexicon_languages`): `languages` lists those counted, `n_unread` the outlet's
    units in other languages, which are left out of `n` (never counted as "no frame"); an
    outlet with nothing readable has `n` 0 and NaN shares.
    """
    articles = check_articles(articles)
    lex = lexicons.frames(directory)
    order = list(dict.fromkeys(lex["group"]))
    labels = dict(zip(lex["group"], lex["label"], strict=False))
    read = coverage.lexicon_languages(lex)
    if unit == "paragraph":
        from .cues import find_cues

        hits = find_cues(articles, directory=directory)
        units = coverage.language_units(articles)
        key = ["article_id", "paragraph"]
        used = dict.fromkeys(order, PARAGRAPH_INSTRUMENT)
    elif unit == "article":
        from .calibrate import frames_by_article

        decided = frames_by_article(articles, directory=directory, instrument=instrument)
        hits = decided[decided["carries"]]
        units = articles[["article_id", "outlet"]].assign(
            language=ptext.article_languages(articles)
        )
        key = ["article_id"]
        used = dict(zip(decided["frame"], decided["instrument"], strict=False))
    else:
        raise ValueError(f"unit must be 'paragraph' or 'article', not {unit!r}")
    table = coverage.read_shares(
        units, hits[[*key, "frame"]], key=key, thing="frame", things=order, read=read
    )
    table.insert(2, "label", table["frame"].map(labels))
    table.insert(11, "instrument", table["frame"].map(used))
    return table
