"""The coder workflow, article by article: a sample of the user's corpus to code (stratified by
outlet, cues highlighted), the coders' sheets read back, agreement between coders and against
the instrument (κ and Krippendorff's α with intervals), and the coding handed to calibration.

A sheet (`article_coding_sheet`, saved as `data/coding/frames_article_coding_<coder>.csv`) has
one row per article and one empty column per frame; a coder writes 1 (carries it) or 0.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from presslens import config, stats
from presslens.dataset import check_articles, sample_articles

from .coding import _highlight
from .cues import find_cues, frame_specs
from .model import _document, _words_and_pairs, model_cues

SHEET_GLOB = "frames_article_coding*.csv"


def article_coding_sheet(
    articles: pd.DataFrame,
    n: int = 40,
    *,
    by: str = "outlet",
    seed=None,
    models=None,
    directory=None,
) -> pd.DataFrame:
    """A sample of about `n` articles to code, drawn within each `by` group in proportion to
    its size: `article_id, file, outlet, title, highlighted, dictionary_cues, [model_cues,]
    coder, <frame>...`.

    `highlighted` is the text with each cue marked `[[word|frame]]`; `dictionary_cues` lists the
    cues found per frame; with `models` (`{frame: fit_frame_model(...)}`), `model_cues` lists,
    per frame, the model's strongest words and cues (`model_cues`) that the article holds.
    `coder` and the frame columns are left empty for the coder.
    """
    articles = check_articles(articles)
    sample = sample_articles(articles, n, by=by, seed=seed)
    hits = find_cues(sample, directory=directory)
    frames = list(frame_specs(directory))
    strongest = {f: model_cues(m, n=30).query("coefficient > 0") for f, m in (models or {}).items()}
    rows = []
    for art in sample.itertuples(index=False):
        h = hits[hits["article_id"] == art.article_id]
        spans = list(zip(h["start"], h["end"], h["frame"], strict=True))
        found = h.groupby("frame", sort=False)["cue"].agg(lambda c: ", ".join(dict.fromkeys(c)))
        rows.append(
            {
                "article_id": art.article_id,
                "file": getattr(art, "file", ""),
                "outlet": art.outlet,
                "title": getattr(art, "title", ""),
                "highlighted": _highlight(art.text, 0, spans),
                "dictionary_cues": "; ".join(f"{f}: {c}" for f, c in found.items()),
                **({"model_cues": _model_cues_in(art, h, strongest)} if models else {}),
                "coder": "",
                **{f: "" for f in frames},
            }
        )
    return pd.DataFrame(rows)


def _model_cues_in(art, hits: pd.DataFrame, strongest: dict) -> str:
    """The model features of each frame present in one article, strongest first."""
    words = set(_words_and_pairs(_document(getattr(art, "title", ""), art.text)))
    cues = set(hits["frame"] + ":" + hits["cue"]) | set(hits["frame"])
    out = []
    for frame, top in strongest.items():
        present = [
            feat
            for feat, kind in zip(top["feature"], top["kind"], strict=True)
            if (feat in words if kind == "word" else feat in cues)
        ]
        if present:
            out.append(f"{frame}: {', '.join(present[:8])}")
    return "; ".join(out)


def read_coder_sheets(paths=None, *, directory=None) -> pd.DataFrame:
    """Coders' filled sheets (default: every `data/coding/frames_article_coding*.csv`) as one
    long table: `article_id, file, coder, frame, value` (value 1/0; blank cells left out)."""
    if paths is None:
        paths = sorted(config.coding_dir().glob(SHEET_GLOB))
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    frames = list(frame_specs(directory))
    parts = []
    for path in paths:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        coder = (
            df["coder"].where(df["coder"].str.strip() != "", Path(path).stem)
            if "coder" in df
            else Path(path).stem
        )
        df = df.assign(coder=coder)
        have = [f for f in frames if f in df]
        long = df.melt(id_vars=["article_id", "file", "coder"], value_vars=have, var_name="frame")
        long = long[long["value"].str.strip() != ""]
        bad = ~long["value"].str.strip().isin(["0", "1"])
        if bad.any():
            raise ValueError(f"{path}: frame cells must be 1, 0 or blank")
        parts.append(long.assign(value=long["value"].str.strip().astype(int)))
    cols = ["article_id", "file", "coder", "frame", "value"]
    return pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)


def read_article_codings(paths=None, articles=None, *, directory=None) -> pd.DataFrame:
    """The coded articles for calibration: `articles` rows (default `load_articles()`) that the
    coders' sheets cover, with one boolean column per coded frame (the majority of coders; a tie
    counts as carrying the frame). Empty when there are no sheets."""
    long = read_coder_sheets(paths, directory=directory)
    if long.empty:
        return pd.DataFrame()
    if articles is None:
        from presslens import load_articles

        articles = load_articles()
    vote = long.groupby(["article_id", "frame"])["value"].mean().unstack() >= 0.5
    out = articles[articles["article_id"].astype(str).isin(vote.index)].copy()
    vote = vote.reindex(out["article_id"].astype(str).to_numpy())
    for frame in vote.columns:
        out[frame] = vote[frame].to_numpy()
    return out.dropna(subset=list(vote.columns)).reset_index(drop=True)


def coder_agreement(
    long: pd.DataFrame, instrument: pd.DataFrame | None = None, *, n_resamples: int = 1000,
    seed: int = config.SEED, directory=None,
) -> pd.DataFrame:  # fmt: skip
    """Agreement per frame between coders and, given `instrument` (`article_id, frame,
    predicted`), between the instrument and each coder: `frame, label, comparison, n, kappa,
    kappa_low, kappa_high, alpha, alpha_low, alpha_high` (κ: mean over pairs of coders; α over
    all of them; 95% bootstrap intervals over articles)."""
    labels = {f: str((s or {}).get("label", f)) for f, s in frame_specs(directory).items()}
    if instrument is not None:
        inst = instrument.assign(coder="instrument", value=instrument["predicted"].astype(int))
        long = pd.concat([long, inst[["article_id", "frame", "coder", "value"]]])
    rows = []
    for frame, g in long.groupby("frame", sort=False):
        wide = g.pivot_table(index="article_id", columns="coder", values="value", aggfunc="first")
        coders = [c for c in wide.columns if c != "instrument"]
        pairs = [("between coders", coders)]
        if "instrument" in wide:
            pairs.append(("instrument vs coders", ["instrument", *coders]))
        for comparison, who in pairs:
            m = wide[who].to_numpy(dtype=float)
            if m.shape[1] < 2:
                continue
            kf = _mean_kappa if comparison == "between coders" else _instrument_kappa
            af = lambda x: stats.krippendorff_alpha(x.T)  # noqa: E731
            klo, khi = stats.bootstrap_ci(m, kf, n_resamples=n_resamples, seed=seed)
            alo, ahi = stats.bootstrap_ci(m, af, n_resamples=n_resamples, seed=seed)
            rows.append(
                (frame, labels.get(frame, frame), comparison, len(m), kf(m), klo, khi, af(m),
                 alo, ahi)
            )  # fmt: skip
    cols = ["frame", "label", "comparison", "n", "kappa", "kappa_low", "kappa_high", "alpha"]
    return pd.DataFrame(rows, columns=cols + ["alpha_low", "alpha_high"])


def _pair_kappa(a: np.ndarray, b: np.ndarray) -> float:
    ok = ~(np.isnan(a) | np.isnan(b))
    return stats.cohen_kappa(list(a[ok]), list(b[ok]))


def _mean_kappa(m: np.ndarray) -> float:
    ks = [
        _pair_kappa(m[:, i], m[:, j]) for i in range(m.shape[1]) for j in range(i + 1, m.shape[1])
    ]
    return float(np.nanmean(ks)) if ks and not np.isnan(ks).all() else np.nan


def _instrument_kappa(m: np.ndarray) -> float:
    ks = [_pair_kappa(m[:, 0], m[:, j]) for j in range(1, m.shape[1])]
    return float(np.nanmean(ks)) if ks and not np.isnan(ks).all() else np.nan
