"""Checking the frame dictionary against a human coder: the coding sheet (one row per sentence,
cues highlighted), reading a coding back, and agreement per frame (Cohen's κ, Krippendorff's α).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from presslens import lexicons, stats
from presslens import text as ptext
from presslens.dataset import check_articles

from .frames import find_frames, sentences

#: Label used in a human coding file for a sentence that carries none of the frames.
NO_FRAME = "none"


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
    dictionary_frames, human_frames`. `highlighted` marks each cue as `[[word|frame]]`;
    `dictionary_frames` lists the frames found (`;`-separated, `none` when none);
    `human_frames` is left empty for the coder, who writes the frames the sentence carries by
    the codebook (`;`-separated, or `none`).
    """
    articles = check_articles(articles)
    sents = sentences(articles)
    hits = find_frames(articles, directory=directory)
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


def frame_agreement(articles: pd.DataFrame, human, *, directory=None, frames=None) -> pd.DataFrame:
    """Agreement between the frame dictionary and a human coding of the same sentences.

    `human`: a DataFrame or CSV path (see `read_human_coding`); sentences are matched as in
    `coded_sentences`, so a coding is never applied to different text. For each frame, each coded
    sentence is a yes/no decision by both coders. `frames`: the frames compared (default: every
    frame of `frames.yaml`; name fewer when the coding was made before a frame was added).

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
    if frames is not None:
        unknown = [f for f in frames if f not in order]
        if unknown:
            raise ValueError(f"frames not in frames.yaml: {unknown}")
        order = [f for f in order if f in set(frames)]
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
