"""Frame cues that mean what they say: the fields of `frames.yaml` beyond the cue list, and the
hits that survive them.

Each frame of `frames.yaml` may carry, beside `cues` (read by `presslens.lexicons.frames`):

* `exclude`: patterns whose matches are never a cue of this frame ("greenhouse gas" is not
  economic): a cue hit overlapping an exclusion's match is dropped;
* `contexts`: `{cue: [patterns]}`, a cue that counts only in a sentence also holding one of the
  patterns ("people" is human interest only beside "lives", "families", ...);
* `weights`: `{cue: weight}` (default 1): how much one hit of the cue adds to an article's score.

The top-level `headline_weight` (default `HEADLINE_WEIGHT`) says how many body hits one hit in
the headline is worth: framing is strongest there. Article-level scores (`cue_scores`) count the
headline (the articles' `title` column) as well as the body.
"""

from __future__ import annotations

import pandas as pd

from presslens import lexicons
from presslens.dataset import check_articles
from presslens.lexicons.store import as_list

from .frames import assign_sentence, sentences

#: One headline hit counts as this many body hits unless `frames.yaml` says otherwise.
HEADLINE_WEIGHT = 3.0

CUE_COLUMNS = ["frame", "label", "cue", "weight"]


def frame_specs(directory=None) -> dict:
    """`{frame: spec}` of `frames.yaml` (the raw mapping: label, codebook, cues, exclude, …)."""
    return dict(lexicons.load("frames", directory).get("frames", {}) or {})


def headline_weight(directory=None) -> float:
    """How many body hits one headline hit counts as (`headline_weight` in `frames.yaml`)."""
    return float(lexicons.load("frames", directory).get("headline_weight", HEADLINE_WEIGHT))


def frame_cues(directory=None) -> pd.DataFrame:
    """The frames' cues with their weights: `frame, label, cue, weight`, in `frames.yaml` order."""
    rows = []
    for frame, spec in frame_specs(directory).items():
        spec = spec or {}
        weights = {str(k): float(v) for k, v in (spec.get("weights") or {}).items()}
        unknown = set(weights) - {str(c) for c in as_list(spec.get("cues"))}
        if unknown:
            raise ValueError(f"frames.yaml: weights of {frame!r} name no cue: {sorted(unknown)}")
        for cue in as_list(spec.get("cues")):
            rows.append(
                (str(frame), str(spec.get("label", frame)), str(cue), weights.get(str(cue), 1.0))
            )
    return pd.DataFrame(rows, columns=CUE_COLUMNS)


def _pattern_table(rows: list[tuple[str, str]]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=["group", "variant"])
    return table.assign(pattern=table["variant"])


def _filtered(articles: pd.DataFrame, directory) -> pd.DataFrame:
    """Cue hits in `articles[text]` after exclusions and contexts, with `sentence` and
    `weight`: `article_id, outlet, paragraph, sentence, frame, cue, weight, surface, start, end`."""
    specs = frame_specs(directory)
    cues = frame_cues(directory)
    hits = lexicons.find_terms(
        articles, _pattern_table(list(zip(cues["frame"], cues["cue"], strict=True)))
    )
    hits = hits.rename(columns={"group": "frame", "variant": "cue"})
    excl = [(str(f), str(p)) for f, s in specs.items() for p in as_list((s or {}).get("exclude"))]
    if excl and not hits.empty:
        ex = lexicons.find_terms(articles, _pattern_table(excl))
        if not ex.empty:
            m = hits.reset_index().merge(
                ex[["article_id", "group", "start", "end"]].rename(
                    columns={"group": "frame", "start": "x_start", "end": "x_end"}
                ),
                on=["article_id", "frame"],
            )
            bad = m.loc[(m["start"] < m["x_end"]) & (m["x_start"] < m["end"]), "index"]
            hits = hits.drop(index=bad.unique()).reset_index(drop=True)
    sents = sentences(articles)
    hits = assign_sentence(hits, sents)
    ctx = [
        (f"{f}\x1f{c}", str(p))
        for f, s in specs.items()
        for c, pats in ((s or {}).get("contexts") or {}).items()
        for p in as_list(pats)
    ]
    if ctx and not hits.empty:
        found = assign_sentence(lexicons.find_terms(articles, _pattern_table(ctx)), sents)
        ok = set(
            zip(found["article_id"].astype(str), found["sentence"], found["group"], strict=True)
        )
        needs = {g for g, _ in ctx}
        key = hits["frame"] + "\x1f" + hits["cue"]
        keep = [
            k not in needs or (str(a), s, k) in ok
            for a, s, k in zip(hits["article_id"], hits["sentence"], key, strict=True)
        ]
        hits = hits[keep].reset_index(drop=True)
    weights = dict(zip(zip(cues["frame"], cues["cue"], strict=True), cues["weight"], strict=True))
    hits["weight"] = [weights.get(k, 1.0) for k in zip(hits["frame"], hits["cue"], strict=True)]
    return hits


def find_cues(articles: pd.DataFrame, *, directory=None, headline: bool = False) -> pd.DataFrame:
    """Frame cue hits that count: `article_id, outlet, paragraph, sentence, frame, cue, weight,
    surface, start, end, headline` (exclusions and contexts of `frames.yaml` applied).

    With `headline`, hits in each article's `title` are added with `headline` True, paragraph
    and sentence -1 and offsets into the title.
    """
    articles = check_articles(articles)
    hits = _filtered(articles, directory).assign(headline=False)
    if headline and "title" in articles:
        titles = pd.DataFrame(
            {
                "article_id": articles["article_id"],
                "outlet": articles["outlet"],
                "text": articles["title"].fillna("").astype(str).str.replace("\n", " "),
            }
        )
        top = _filtered(titles, directory).assign(headline=True, paragraph=-1, sentence=-1)
        hits = pd.concat([hits, top], ignore_index=True) if len(top) else hits
    cols = ["article_id", "outlet", "paragraph", "sentence", "frame", "cue", "weight"]
    cols += ["surface", "start", "end", "headline"]
    return hits[cols].reset_index(drop=True)


def cue_scores(articles: pd.DataFrame, *, directory=None, hits=None) -> pd.DataFrame:
    """Each article's dictionary evidence for each frame: `article_id, frame, hits, score,
    paragraphs, headline, n_words` (one row per article × frame, zeros included).

    `hits`: cue hits counted (body and headline); `score`: their weights summed, a headline hit
    times `headline_weight`; `paragraphs`: body paragraphs with a hit; `headline`: whether the
    title has one.
    """
    articles = check_articles(articles)
    if hits is None:
        hits = find_cues(articles, directory=directory, headline=True)
    frames = list(frame_specs(directory))
    hw = headline_weight(directory)
    h = hits.assign(
        article_id=hits["article_id"].astype(str),
        w=hits["weight"] * hits["headline"].map({True: hw, False: 1.0}).astype(float),
    )
    g = h.groupby(["article_id", "frame"])
    table = pd.DataFrame(
        {
            "hits": g.size(),
            "score": g["w"].sum(),
            "paragraphs": h[~h["headline"]].groupby(["article_id", "frame"])["paragraph"].nunique(),
            "headline": h[h["headline"]].groupby(["article_id", "frame"]).size() > 0,
        }
    )
    ids = articles["article_id"].astype(str)
    full = pd.MultiIndex.from_product([ids.unique(), frames], names=["article_id", "frame"])
    table = table.reindex(full)
    table = table.fillna({"hits": 0, "score": 0.0, "paragraphs": 0, "headline": False})
    table = table.astype({"hits": "int64", "paragraphs": "int64", "headline": bool}).reset_index()
    words = dict(
        zip(ids, articles["n_words"] if "n_words" in articles else _words(articles), strict=True)
    )
    table["n_words"] = table["article_id"].map(words).astype("int64")
    return table


def _words(articles: pd.DataFrame) -> list[int]:
    from presslens.text import count_words

    return [count_words(t) for t in articles["text"]]
