"""Frame cues that mean what they say: the fields of `frames.yaml` beyond the cue list, and the
hits that survive them.

Each frame of `frames.yaml` may carry, beside `cues` (read by `presslens.lexicons.frames`):

* `exclude`: patterns whose matches are never a cue of this frame ("greenhouse gas" is not
  economic): a cue hit overlapping an exclusion's match is dropped;
* `contexts`: `{cue: [patterns]}`, a cue that counts only in a sentence also holding one of the
  patterns ("people" is human interest only beside "lives", "families", ...);
* `weights`: `{cue: weight}` (default 1): how much one hit of the cue adds to an article's score;
* `cues_by_language`: `{ru: [...], hy: [...], az: [...], tr: [...]}`, the frame's cues written in
  other languages (`~` for an inflectional ending, `presslens.text.inflection`), each counting
  only in paragraphs of its language. A paragraph in a language with forms of its own is read by
  those alone: the plain `cues` (English) count in every other paragraph, so an English word that
  is also a Turkish one ("son") is not a cue in Turkish text. `exclude` and `contexts` patterns
  may be given per language the same way (`{en: [...], ru: [...]}`).

The top-level `headline_weight` (default `HEADLINE_WEIGHT`) says how many body hits one hit in
the headline is worth: framing is strongest there. Article-level scores (`cue_scores`) count the
headline (the articles' `title` column) as well as the body.
"""

from __future__ import annotations

import pandas as pd

from presslens import lexicons
from presslens.dataset import check_articles
from presslens.lexicons.store import forms_by_language

from .frames import assign_sentence, sentences

#: One headline hit counts as this many body hits unless `frames.yaml` says otherwise.
HEADLINE_WEIGHT = 3.0

CUE_COLUMNS = ["frame", "label", "cue", "weight", "language"]


def frame_specs(directory=None) -> dict:
    """`{frame: spec}` of `frames.yaml` (the raw mapping: label, codebook, cues, exclude, …)."""
    return dict(lexicons.load("frames", directory).get("frames", {}) or {})


def headline_weight(directory=None) -> float:
    """How many body hits one headline hit counts as (`headline_weight` in `frames.yaml`)."""
    return float(lexicons.load("frames", directory).get("headline_weight", HEADLINE_WEIGHT))


def frame_cues(directory=None) -> pd.DataFrame:
    """The frames' cues with their weights: `frame, label, cue, weight, language`, in
    `frames.yaml` order (`language`: the ISO 639-1 code of a `cues_by_language` form, "" for the
    plain cues, which count in any language without forms of its own)."""
    table = _cue_patterns(directory)
    return table.drop_duplicates(["frame", "cue", "language"])[CUE_COLUMNS].reset_index(drop=True)


def _cue_patterns(directory) -> pd.DataFrame:
    """`frame, label, cue, pattern, language, weight`: one row per form of every cue."""
    lex = lexicons.frames(directory)
    table = pd.DataFrame(
        {
            "frame": lex["group"].astype(str),
            "label": lex["label"].astype(str),
            "cue": lex["variant"].astype(str),
            "pattern": lex["pattern"].astype(str),
            "language": lex["language"].fillna("").astype(str),
        }
    )
    weights = {}
    for frame, spec in frame_specs(directory).items():
        given = {str(k): float(v) for k, v in ((spec or {}).get("weights") or {}).items()}
        unknown = set(given) - set(table.loc[table["frame"] == str(frame), "cue"])
        if unknown:
            raise ValueError(f"frames.yaml: weights of {frame!r} name no cue: {sorted(unknown)}")
        weights.update({(str(frame), c): w for c, w in given.items()})
    keys = zip(table["frame"], table["cue"], strict=True)
    return table.assign(weight=[weights.get(k, 1.0) for k in keys])


def _pattern_table(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """A `find_terms` table of `(group, pattern, language)` rows (the pattern is the variant)."""
    table = pd.DataFrame(rows, columns=["group", "variant", "language"])
    return table.assign(pattern=table["variant"])


def _own_languages(cues: pd.DataFrame) -> dict[str, set[str]]:
    """Per frame, the languages it has forms of its own for (read by those alone)."""
    own = cues[cues["language"] != ""]
    return {str(f): set(g) for f, g in own.groupby("frame")["language"]}


def _filtered(articles: pd.DataFrame, directory) -> pd.DataFrame:
    """Cue hits in `articles[text]` after exclusions and contexts, with `sentence`, `weight`
    and the paragraph's `language`: `article_id, outlet, paragraph, sentence, frame, cue,
    weight, surface, start, end, language`."""
    specs = frame_specs(directory)
    cues = _cue_patterns(directory)
    # the variant names the form's language too, so a hit says which form it is
    table = pd.DataFrame(
        {"group": cues["frame"], "variant": cues["cue"] + "\x1e" + cues["language"]}
    ).assign(pattern=cues["pattern"], language=cues["language"])
    hits = lexicons.find_terms(articles, table).rename(columns={"group": "frame"})
    form = hits["variant"].str.split("\x1e", n=1, expand=True).reindex(columns=[0, 1])
    hits = hits.drop(columns="variant").assign(cue=form[0], form_language=form[1])
    # a plain (any-language) cue does not count where the frame has forms of that language
    own = _own_languages(cues)
    drop = [
        not form_lang and lang in own.get(f, ())
        for f, form_lang, lang in zip(
            hits["frame"], hits["form_language"], hits["language"], strict=True
        )
    ]
    hits = hits[~pd.Series(drop, index=hits.index, dtype=bool)]
    hits = hits.drop(columns="form_language").reset_index(drop=True)
    excl = [
        (str(f), p, lang)
        for f, s in specs.items()
        for lang, p in forms_by_language((s or {}).get("exclude"))
    ]
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
        (f"{f}\x1f{c}", p, lang)
        for f, s in specs.items()
        for c, pats in ((s or {}).get("contexts") or {}).items()
        for lang, p in forms_by_language(pats)
    ]
    if ctx and not hits.empty:
        found = assign_sentence(lexicons.find_terms(articles, _pattern_table(ctx)), sents)
        ok = set(
            zip(found["article_id"].astype(str), found["sentence"], found["group"], strict=True)
        )
        needs = {g for g, _, _ in ctx}
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
    surface, start, end, headline, language` (exclusions and contexts of `frames.yaml` applied;
    `language`: the paragraph's, `presslens.lexicons.find_terms`).

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
        if "language" in articles:
            titles["language"] = articles["language"]
        top = _filtered(titles, directory).assign(headline=True, paragraph=-1, sentence=-1)
        hits = pd.concat([hits, top], ignore_index=True) if len(top) else hits
    cols = ["article_id", "outlet", "paragraph", "sentence", "frame", "cue", "weight"]
    cols += ["surface", "start", "end", "headline", "language"]
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
