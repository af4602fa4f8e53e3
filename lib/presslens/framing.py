"""In whose terms: naming choices, news frames and tone, per outlet.

* **Naming** (`naming_table`, `naming_kwic`): for each contested group of `naming.yaml` (the
  region, its main town, the road, the war, ...), how often each outlet uses each variant, and
  every hit in context. Counts include words inside quotes: an outlet that quotes "Artsakh" has
  chosen to print it; read the KWIC to tell voice from quotation.
* **Frames** (`frame_hits`, `frame_shares`, `frame_coding_sheet`, `frame_agreement`): a sentence
  carries a frame when it contains one of the frame's cues (`frames.yaml`); a paragraph when any
  of its sentences does. Shares are of an outlet's paragraphs, with a bootstrap interval over
  paragraphs. The dictionary is validated against a human coding of the same sentences with
  Cohen's κ and Krippendorff's α per frame.
* **Tone** (`sentence_tone`, `tone_by_outlet`, `tone_by_actor`): VADER's compound score (-1 to
  +1) per sentence, averaged with a bootstrap interval over paragraphs. VADER is a general-purpose
  social-media lexicon: it sees "peace", "progress" and "welcome" as positive and "war",
  "violence" and "killed" as negative, whoever says them; it cannot see irony, attribution,
  diplomatic understatement or whose side a sentence takes.

Groups with fewer than `coverage.SMALL_N` units are flagged `small`.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from presslens import coverage, lexicons, stats
from presslens import text as ptext

SMALL_N = coverage.SMALL_N

#: Label used in a human coding file for a sentence that carries none of the frames.
NO_FRAME = "none"

KWIC_COLUMNS = ["article_id", "outlet", "paragraph", "left", "match", "right", "start", "end"]


# --------------------------------------------------------------------------------------------
# Naming


def naming_hits(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Every contested-name hit: `article_id, outlet, paragraph, group, label, variant, surface,
    start, end` (offsets into the article's `text`)."""
    hits = lexicons.find_terms(articles, "naming", directory=directory)
    labels = lexicons.naming(directory).drop_duplicates("group").set_index("group")["label"]
    hits.insert(4, "label", hits["group"].map(labels))
    return hits


def naming_table(articles: pd.DataFrame, *, directory=None, groups=None) -> pd.DataFrame:
    """Outlet × variant counts for each contested naming group.

    Columns: `outlet, group, label, variant, count, n, share, articles`. `n` is the outlet's
    hits in the group, `share` = count / n (NaN when the outlet never names the thing), and
    `articles` how many of the outlet's articles use the variant. The grid is complete: a variant
    an outlet never uses is a row with count 0. Groups and variants keep the lexicon's order.
    """
    lex = lexicons.naming(directory)
    if groups is not None:
        groups = [groups] if isinstance(groups, str) else list(groups)
        lex = lex[lex["group"].isin(groups)]
    hits = naming_hits(articles, directory=directory)
    outlets = sorted(articles["outlet"].unique())
    pairs = lex[["group", "label", "variant"]].drop_duplicates(["group", "variant"])
    grid = pd.DataFrame(
        [(o, *p) for o in outlets for p in pairs.itertuples(index=False)],
        columns=["outlet", "group", "label", "variant"],
    )
    cells = hits.groupby(["outlet", "group", "variant"]).agg(
        count=("surface", "size"), articles=("article_id", "nunique")
    )
    totals = hits.groupby(["outlet", "group"]).size().rename("n")
    out = grid.join(cells, on=["outlet", "group", "variant"]).join(totals, on=["outlet", "group"])
    out[["count", "articles", "n"]] = out[["count", "articles", "n"]].fillna(0).astype(int)
    out["share"] = out["count"] / out["n"].where(out["n"] > 0)
    return out[["outlet", "group", "label", "variant", "count", "n", "share", "articles"]]


def naming_kwic(
    articles: pd.DataFrame,
    group: str,
    variant: str | None = None,
    *,
    outlet: str | None = None,
    width: int = 70,
    directory=None,
) -> pd.DataFrame:
    """Keyword in context for one naming cell (or a whole group when `variant` is None).

    Returns `article_id, outlet, paragraph, left, match, right, start, end` plus `group,
    variant`: `match` is the text as written, `left`/`right` up to `width` characters of its
    paragraph on each side (from the text offsets, so this is exactly what the outlet printed).
    """
    hits = naming_hits(articles, directory=directory)
    known = set(lexicons.naming(directory)["group"])
    if group not in known:
        raise KeyError(f"no naming group {group!r}; known: {sorted(known)}")
    sel = hits[hits["group"] == group]
    if variant is not None:
        sel = sel[sel["variant"] == variant]
    if outlet is not None:
        sel = sel[sel["outlet"] == outlet]
    return kwic(articles, sel, width=width)


def kwic(articles: pd.DataFrame, hits: pd.DataFrame, *, width: int = 70) -> pd.DataFrame:
    """Keyword-in-context lines for any table of hits with `article_id, start, end` offsets.

    Context stays inside the hit's paragraph; other columns of `hits` (group, variant, frame,
    actor, ...) are carried through.
    """
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    extra = [c for c in hits.columns if c not in KWIC_COLUMNS and c != "surface"]
    rows = []
    for _, h in hits.iterrows():
        txt = str(texts[h["article_id"]])
        a, b = int(h["start"]), int(h["end"])
        pa, pb = next(
            ((x, y) for x, y in lexicons.paragraph_spans(txt) if x <= a < y), (0, len(txt))
        )
        left = txt[max(pa, a - width) : a]
        right = txt[b : min(pb, b + width)]
        if a - width > pa:
            left = "…" + left.split(" ", 1)[-1] if " " in left else "…" + left
        if b + width < pb:
            right = right.rsplit(" ", 1)[0] + "…" if " " in right else right + "…"
        rows.append(
            {
                "article_id": h["article_id"],
                "outlet": h.get("outlet"),
                "paragraph": int(h["paragraph"]) if "paragraph" in h else None,
                "left": left.replace("\n", " "),
                "match": txt[a:b],
                "right": right.replace("\n", " "),
                "start": a,
                "end": b,
                **{c: h[c] for c in extra},
            }
        )
    return pd.DataFrame(rows, columns=KWIC_COLUMNS + extra)


# --------------------------------------------------------------------------------------------
# Frames


def _sentences(articles: pd.DataFrame) -> pd.DataFrame:
    sents = ptext.sentences(articles)
    return sents.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def _assign_sentence(hits: pd.DataFrame, sents: pd.DataFrame) -> pd.DataFrame:
    """Add `sentence` (index within the article) to hits by their start offset: the last
    sentence starting at or before the hit (the first one for a hit before every sentence, -1
    in an article without sentences)."""
    if hits.empty:
        return hits.assign(sentence=pd.Series(dtype="int64"))
    key = hits["article_id"].astype(str)
    left = pd.DataFrame({"_row": range(len(hits)), "article_id": key, "start": hits["start"]})
    right = pd.DataFrame(
        {
            "article_id": sents["article_id"].astype(str),
            "start": sents["start"].astype("int64"),
            "sentence": sents["sentence"].astype("int64"),
        }
    )
    found = pd.merge_asof(
        left.sort_values("start", kind="stable"),
        right.sort_values("start", kind="stable"),
        on="start",
        by="article_id",
        direction="backward",
    ).set_index("_row")["sentence"]
    first = right.groupby("article_id")["sentence"].min()
    sentence = found.reindex(range(len(hits))).to_numpy()
    fallback = key.map(first).fillna(-1).to_numpy()
    sentence = pd.Series(sentence).fillna(pd.Series(fallback)).astype("int64").to_numpy()
    return hits.assign(sentence=sentence)


def frame_hits(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Every frame cue found, by sentence: which word triggered which frame.

    Columns: `article_id, outlet, paragraph, sentence, frame, label, cue, surface, start, end,
    sentence_text` (`cue` is the dictionary pattern, `surface` the text as written).
    """
    hits = lexicons.find_terms(articles, "frames", directory=directory)
    labels = lexicons.frames(directory).drop_duplicates("group").set_index("group")["label"]
    sents = _sentences(articles)
    hits = _assign_sentence(hits, sents)
    texts = pd.Series(
        sents["text"].to_numpy(),
        index=pd.MultiIndex.from_arrays([sents["article_id"].astype(str), sents["sentence"]]),
    )
    texts = texts[~texts.index.duplicated()]
    hits = hits.rename(columns={"group": "frame", "variant": "cue"})
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


def _highlight(txt: str, offset: int, spans: list[tuple[int, int, str]]) -> str:
    """`txt` with each cue span wrapped as `[[word|frame]]` (spans in article offsets)."""
    merged: dict[tuple[int, int], list[str]] = {}
    for a, b, frame in spans:
        merged.setdefault((a, b), []).append(frame)
    out, pos = [], 0
    for (a, b), fr in sorted(merged.items()):
        a, b = a - offset, b - offset
        if a < pos:  # overlapping cues of different frames: mark the first only
            continue
        out.append(txt[pos:a])
        out.append(f"[[{txt[a:b]}|{'+'.join(sorted(set(fr)))}]]")
        pos = b
    out.append(txt[pos:])
    return "".join(out)


def frame_coding_sheet(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """One row per sentence, ready for a human coder (save with `figures.save_table` or
    `to_csv`).

    Columns: `article_id, [file,] outlet, paragraph, sentence, text, highlighted,
    dictionary_frames, human_frames`. `highlighted` marks each cue as `[[word|frame]]`; `dictionary_frames` lists
    the frames found (`;`-separated, `none` when none); `human_frames` is left empty for the
    coder, who writes the frames the sentence carries by the codebook (`;`-separated, or `none`).
    """
    sents = _sentences(articles)
    hits = frame_hits(articles, directory=directory)
    order = list(dict.fromkeys(lexicons.frames(directory)["group"]))
    rows = []
    by_sentence = {k: g for k, g in hits.groupby(["article_id", "sentence"], sort=False)}
    files = (
        dict(zip(articles["article_id"], articles["file"], strict=True))
        if "file" in articles
        else {}
    )
    for s in sents.itertuples(index=False):
        g = by_sentence.get((s.article_id, s.sentence))
        found = [] if g is None else [f for f in order if f in set(g["frame"])]
        spans = [] if g is None else list(zip(g["start"], g["end"], g["frame"], strict=True))
        rows.append(
            {
                "article_id": s.article_id,
                **({"file": files.get(s.article_id)} if files else {}),
                "outlet": s.outlet,
                "paragraph": s.paragraph,
                "sentence": s.sentence,
                "text": s.text,
                "highlighted": _highlight(s.text, s.start, spans),
                "dictionary_frames": ";".join(found) if found else NO_FRAME,
                "human_frames": "",
            }
        )
    return pd.DataFrame(rows)


def frame_shares(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Share of each outlet's paragraphs carrying each frame, with 95% intervals.

    Columns: `outlet, frame, label, count, n, share, ci_low, ci_high, ci_method, n_articles,
    small` (`count` of `n` paragraphs carry the frame; bootstrap over paragraphs, Wilson when
    the count is 0 or n; see `coverage.share_interval`).
    """
    lex = lexicons.frames(directory)
    order = list(dict.fromkeys(lex["group"]))
    labels = dict(zip(lex["group"], lex["label"], strict=False))
    # Paragraph-level shares need no sentences: the raw dictionary hits carry the paragraph.
    hits = lexicons.find_terms(articles, "frames", directory=directory)
    hits = hits.rename(columns={"group": "frame"})
    table = coverage.unit_shares(
        coverage.paragraph_units(articles),
        hits[["article_id", "paragraph", "frame"]],
        key=["article_id", "paragraph"],
        thing="frame",
        things=order,
    )
    table.insert(2, "label", table["frame"].map(labels))
    return table


def read_human_coding(path) -> pd.DataFrame:
    """Read a human frame coding: a CSV with `human_frames` (frames `;`-separated, `none` for
    none, blank = not coded), the article (`file` or `article_id`) and the sentence (`text`,
    preferred, or `sentence` index), as written by `frame_coding_sheet`."""
    df = pd.read_csv(Path(path), dtype={"article_id": str, "file": str}, keep_default_na=False)
    _check_coding(df, str(path))
    return df


def _check_coding(df: pd.DataFrame, where: str) -> None:
    problems = []
    if "human_frames" not in df:
        problems.append("a `human_frames` column")
    if not ({"file", "article_id"} & set(df.columns)):
        problems.append("a `file` or `article_id` column")
    if not ({"text", "sentence"} & set(df.columns)):
        problems.append("a `text` or `sentence` column")
    if problems:
        raise ValueError(f"{where}: the human coding needs " + ", ".join(problems))


def _frame_sets(values: pd.Series) -> list[set[str]]:
    out = []
    for v in values.fillna(""):
        parts = {p.strip() for p in re.split(r"[;,]", str(v)) if p.strip()}
        out.append(parts - {NO_FRAME})
    return out


def _norm_sentence(s) -> str:
    return " ".join(ptext.normalize(str(s)).split())


def coded_sentences(articles: pd.DataFrame, human, *, directory=None) -> pd.DataFrame:
    """The frame coding sheet of `articles` joined with a human coding.

    Sentences are matched by article (`file` when both tables have it, else `article_id`) and by
    their text (whitespace and quote styles ignored; repeated sentences paired in order), or by
    sentence index when the coding has no `text`. Coded sentences that match nothing are counted
    in `.attrs["unmatched"]`; uncoded sentences are left out.
    """
    coding = read_human_coding(human) if not isinstance(human, pd.DataFrame) else human.copy()
    _check_coding(coding, "human coding")
    coding = coding[coding["human_frames"].astype(str).str.strip() != ""].copy()
    sheet = frame_coding_sheet(articles, directory=directory).drop(columns=["human_frames"])
    key = "file" if "file" in coding and "file" in sheet else "article_id"
    if "text" in coding:
        sheet["_text"] = sheet["text"].map(_norm_sentence)
        coding["_text"] = coding["text"].map(_norm_sentence)
        sheet["_k"] = sheet.groupby([key, "_text"]).cumcount()
        coding["_k"] = coding.groupby([key, "_text"]).cumcount()
        on = [key, "_text", "_k"]
    else:
        coding["sentence"] = coding["sentence"].astype(int)
        on = [key, "sentence"]
    merged = sheet.merge(coding[on + ["human_frames"]], on=on, how="inner")
    merged = merged.drop(columns=[c for c in ("_text", "_k") if c in merged])
    merged.attrs["unmatched"] = len(coding) - len(merged)
    return merged


def frame_agreement(articles: pd.DataFrame, human, *, directory=None) -> pd.DataFrame:
    """Agreement between the frame dictionary and a human coding of the same sentences.

    `human`: a DataFrame or CSV path (see `read_human_coding`); sentences are matched as in
    `coded_sentences`, so a coding is never applied to different text. For each frame, each coded
    sentence is a yes/no decision by both coders.

    Returns one row per frame plus an `all frames` row (every sentence × frame decision pooled):
    `frame, label, n, dictionary_yes, human_yes, both_yes, agreement, kappa, alpha` (percent
    agreement, Cohen's κ, Krippendorff's nominal α; NaN when a frame never varies).
    `.attrs["unmatched"]` counts coded sentences not found in `articles`.
    """
    merged = coded_sentences(articles, human, directory=directory)
    if merged.empty:
        raise ValueError("the human coding shares no sentence with these articles")
    lex = lexicons.frames(directory)
    order = list(dict.fromkeys(lex["group"]))
    labels = dict(zip(lex["group"], lex["label"], strict=False))
    dict_sets = _frame_sets(merged["dictionary_frames"])
    human_sets = _frame_sets(merged["human_frames"])
    unknown = set().union(*human_sets) - set(order)
    if unknown:
        raise ValueError(f"unknown frame(s) in the human coding: {sorted(unknown)}")
    rows = []
    pooled_d: list[int] = []
    pooled_h: list[int] = []
    for frame in order:
        d = [int(frame in s) for s in dict_sets]
        h = [int(frame in s) for s in human_sets]
        pooled_d += d
        pooled_h += h
        rows.append(_agreement_row(frame, labels.get(frame, frame), d, h))
    rows.append(_agreement_row("all frames", "All frames (pooled)", pooled_d, pooled_h))
    out = pd.DataFrame(rows)
    out.attrs["unmatched"] = merged.attrs["unmatched"]
    return out


def _agreement_row(frame: str, label: str, d: list[int], h: list[int]) -> dict:
    d_arr, h_arr = np.asarray(d), np.asarray(h)
    return {
        "frame": frame,
        "label": label,
        "n": len(d),
        "dictionary_yes": int(d_arr.sum()),
        "human_yes": int(h_arr.sum()),
        "both_yes": int((d_arr & h_arr).sum()),
        "agreement": float((d_arr == h_arr).mean()) if len(d) else np.nan,
        "kappa": stats.cohen_kappa(d, h),
        "alpha": stats.krippendorff_alpha([d, h]),
    }


# --------------------------------------------------------------------------------------------
# Tone


def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_tone(articles: pd.DataFrame) -> pd.DataFrame:
    """VADER scores per sentence: the `presslens.text.sentences` table plus `compound`
    (-1 … +1), `positive`, `neutral`, `negative` (proportions of the sentence's words)."""
    sents = _sentences(articles)
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
    tone = sentence_tone(articles) if tone is None else tone
    return _tone_table(tone, ["outlet"])


def actor_sentences(articles: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Which sentences mention which actors: `article_id, outlet, paragraph, sentence, actor,
    side` (one row per sentence × actor, however often the actor is named in it)."""
    hits = lexicons.find_actors(articles, directory=directory)
    hits = _assign_sentence(hits, _sentences(articles))
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
    tone = sentence_tone(articles) if tone is None else tone
    mentions = actor_sentences(articles, directory=directory)
    joined = mentions.merge(
        tone[["article_id", "sentence", "compound"]], on=["article_id", "sentence"], how="inner"
    )
    keys = (["outlet"] if by_outlet else []) + ["actor", "side"]
    table = _tone_table(joined, keys)
    sort = (["outlet"] if by_outlet else []) + ["n", "actor"]
    asc = ([True] if by_outlet else []) + [False, True]
    return table.sort_values(sort, ascending=asc, kind="stable").reset_index(drop=True)


__all__ = [
    "NO_FRAME",
    "naming_hits",
    "naming_table",
    "naming_kwic",
    "kwic",
    "frame_hits",
    "frame_coding_sheet",
    "frame_shares",
    "read_human_coding",
    "coded_sentences",
    "frame_agreement",
    "sentence_tone",
    "tone_by_outlet",
    "actor_sentences",
    "tone_by_actor",
]
