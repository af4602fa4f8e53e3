"""Terms each outlet uses more than the others: `distinctive_terms`, with statistics that stay
honest on a small corpus.

Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) and its
z-score, log-likelihood G² with p-value, Hardie's Log Ratio with a paragraph-level bootstrap
interval, the raw counts behind them, and a `low_count` flag (rare terms are flagged, not
dropped). Groups with fewer than `MIN_ARTICLES` articles or `MIN_WORDS` words trigger a
`SmallSampleWarning`.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from presslens import config, stats
from presslens import text as T
from presslens.dataset import check_articles

from .groups import (
    group_labels,
    paragraph_texts,
    renamed_keywords,
    resolve_phrases,
    select_language,
)
from .reuse import exclude_shared_text

#: Groups smaller than this (articles or running words) get a `SmallSampleWarning`.
MIN_ARTICLES = 3
MIN_WORDS = 500
#: Label of the reference group in one-against-the-rest comparisons.
REST = "(all others)"
_NUMBER = re.compile(r"[\d.,/-]+(?:st|nd|rd|th)?")


class SmallSampleWarning(UserWarning):
    """A group has too little text for its word statistics to be more than leads to check."""


def _small_groups(arts: pd.DataFrame, labels: pd.Series, words: pd.Series) -> None:
    sizes = pd.DataFrame({"g": labels, "n": 1, "w": words}).groupby("g")[["n", "w"]].sum()
    small = sizes[(sizes["n"] < MIN_ARTICLES) | (sizes["w"] < MIN_WORDS)]
    if len(small):
        parts = [
            f"{g!r} ({int(r.n)} article{'s' if r.n != 1 else ''}, {int(r.w)} words)"
            for g, r in small.iterrows()
        ]
        warnings.warn(
            "Little text behind these groups: "
            + "; ".join(parts)
            + f". Below {MIN_ARTICLES} articles or {MIN_WORDS} words, distinctive terms reflect "
            "single articles and topics more than an outlet's habits: read the intervals and "
            "low_count flags, and treat the terms as leads to check, not findings.",
            SmallSampleWarning,
            stacklevel=3,
        )


def _log_ratio_into(a: np.ndarray, r: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """`stats.log_ratio(a, r, c, d)` computed in place in `a` (the same operations in the same
    order, so the same numbers): the bootstrap's `b × terms` blocks allocate no temporaries."""
    zero_a, zero_r = a == 0, r == 0
    a[zero_a] = 0.5
    r[zero_r] = 0.5
    with np.errstate(divide="ignore", invalid="ignore"):
        a /= c
        r /= d
        a /= r
        np.log2(a, out=a)
    a[zero_a & zero_r] = 0.0
    return a


def _bootstrap_log_ratio(xt, xr, cols, n_boot, level, seed_key):
    """Percentile interval of Log Ratio per column, resampling paragraphs within each side.

    The resample weights depend only on the two sides' paragraph counts, `n_boot` and the seed,
    never on `cols`: a column's interval is the same whichever other columns are asked for, so
    callers ask only for the rows they keep."""
    n_terms = len(cols)
    if n_boot <= 0 or xt.shape[0] == 0 or xr.shape[0] == 0 or n_terms == 0:
        nan = np.full(n_terms, np.nan)
        return nan, nan.copy()
    rng = np.random.default_rng(seed_key)
    xt_all, xr_all = xt.tocsr(), xr.tocsr()
    tot_t = np.asarray(xt_all.sum(axis=1)).ravel().astype(float)
    tot_r = np.asarray(xr_all.sum(axis=1)).ravel().astype(float)
    xt_c, xr_c = xt_all[:, cols].T.tocsr(), xr_all[:, cols].T.tocsr()  # terms × paragraphs
    values = np.empty((n_boot, n_terms), dtype=np.float32)
    block = max(1, min(n_boot, 2_000_000 // max(xt.shape[0] + xr.shape[0], 1)))
    for lo in range(0, n_boot, block):
        b = min(block, n_boot - lo)
        wt = stats.resample_weights(xt.shape[0], b, rng).astype(float)
        wr = stats.resample_weights(xr.shape[0], b, rng).astype(float)
        a = np.ascontiguousarray((xt_c @ wt.T).T)  # b × terms
        r = np.ascontiguousarray((xr_c @ wr.T).T)
        values[lo : lo + b] = _log_ratio_into(a, r, (wt @ tot_t)[:, None], (wr @ tot_r)[:, None])
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(values, [tail, 100.0 - tail], axis=0)
    return low.astype(float), high.astype(float)


@renamed_keywords(n_bootstrap="n_resamples")
def distinctive_terms(
    articles: pd.DataFrame,
    by: str = "outlet",
    *,
    method: str = "log_odds",
    pairwise: bool = False,
    exclude_shared: bool = False,
    min_count: int = 5,
    phrases: Iterable[str] | None = None,
    drop_stop: bool = True,
    drop_numbers: bool = True,
    stemmed: bool = False,
    prior_strength: float = 1.0,
    top: int | None = None,
    n_resamples: int = config.N_BOOTSTRAP,
    level: float = 0.95,
    shared_min_words: int = 8,
    language: str | None = None,
) -> pd.DataFrame:
    """Terms each group uses more (or less) than the others, with counts and statistics.

    Within one language (`language`, default the corpus's most common; the others are set
    aside with a warning), with its own stop words and stems; the result's `attrs["language"]`
    says which.

    One row per group × reference × term (terms used by either side). Columns:
    `<by>` (target group), `reference` (`"(all others)"` or, with `pairwise=True`, the other
    group), `term`, `count`, `ref_count` (raw counts), `total`, `ref_total` (all running words),
    `rate_per_10k`, `ref_rate_per_10k`, `log_odds` (Monroe δ, informative Dirichlet prior = the
    counts of the whole corpus), `z`, `g2`, `p` (log-likelihood, χ² 1 df), `log_ratio` (Hardie,
    log₂), `ci_low`, `ci_high` (paragraph-bootstrap percentile interval for `log_ratio`, target
    and reference paragraphs resampled separately, `n_resamples` times), `low_count` (`count < min_count`; kept, not
    dropped), `rank` (1 = most typical of the target by `method`).

    The Dirichlet prior is `prior_strength` × the whole corpus's counts (+0.01 so no word has a
    zero prior): with 1.0 the prior weighs as much as the corpus, which shrinks rare-word
    contrasts hard — the honest default on a small corpus. `drop_numbers` leaves tokens made only
    of digits and separators (`2`, `27-28`) out of the rows (not the totals).

    `method` orders the rows: `"log_odds"` (z), `"g2"` (G² signed by direction) or
    `"log_ratio"`. `top` keeps the `top` best-ranked terms per comparison (only their intervals are
    drawn: the same as in the full table). `exclude_shared`
    removes passages of ≥ `shared_min_words` words shared verbatim with another group first
    (`result.attrs["excluded_words"]` says how many words per group). `phrases=None` uses the
    lexicons' multi-word terms (see `default_phrases`); pass `()` for plain words.
    """
    if method not in {"log_odds", "g2", "log_ratio"}:
        raise ValueError("method must be 'log_odds', 'g2' or 'log_ratio'")
    arts, language = select_language(check_articles(articles).reset_index(drop=True), language)
    labels = group_labels(arts, by)
    arts = arts.assign(_group=labels.to_numpy())
    excluded = None
    if exclude_shared:
        arts, summary = exclude_shared_text(arts, by="_group", min_words=shared_min_words)
        excluded = summary.groupby("_group")["excluded_words"].sum().rename_axis(by)
    key = resolve_phrases(phrases)

    paras = paragraph_texts(arts)
    group_of = dict(zip(arts["article_id"], arts["_group"], strict=True))
    paras["_group"] = paras["article_id"].map(group_of)
    dtm = T.document_term_matrix(
        paras[["article_id", "text"]],
        phrases=key or None,
        drop_stop=False,
        stemmed=stemmed,
        lower=True,
        language=language,
    )
    stops = T.stop_words(language)
    x = dtm.matrix.tocsr()
    terms = dtm.terms
    words_per_article = (
        pd.Series(np.asarray(x.sum(axis=1)).ravel(), index=paras["article_id"])
        .groupby(level=0)
        .sum()
        .reindex(arts["article_id"], fill_value=0)
    )
    _small_groups(arts, arts["_group"], words_per_article.to_numpy())

    groups = sorted(arts["_group"].unique())
    para_group = paras["_group"].to_numpy()
    rows_of = {g: np.flatnonzero(para_group == g) for g in groups}
    counts_of = {g: np.asarray(x[rows_of[g]].sum(axis=0)).ravel() for g in groups}
    corpus = np.asarray(x.sum(axis=0)).ravel().astype(float)
    # informative prior: whole-corpus counts (Monroe et al. 2008, §3.5.1)
    prior = prior_strength * corpus + 0.01
    stop_mask = np.array(
        [
            (drop_stop and t in stops) or (drop_numbers and _NUMBER.fullmatch(t) is not None)
            for t in terms
        ],
        dtype=bool,
    )

    comparisons = (
        [(g, h) for g in groups for h in groups if g != h]
        if pairwise
        else [(g, REST) for g in groups]
    )
    frames, sides = [], {}
    for k, (g, h) in enumerate(comparisons):
        y_t = counts_of[g]
        if h == REST:
            ref_rows = np.flatnonzero(para_group != g)
            y_r = corpus - y_t
        else:
            ref_rows = rows_of[h]
            y_r = counts_of[h]
        c, d = float(y_t.sum()), float(y_r.sum())
        cols = np.flatnonzero(((y_t > 0) | (y_r > 0)) & ~stop_mask)
        if len(cols) == 0 or c == 0 or d == 0:
            continue
        delta, z = stats.log_odds_dirichlet(y_t, y_r, prior)
        a, b = y_t[cols], y_r[cols]
        g2, p = stats.log_likelihood_g2(a, b, c, d)
        lr = stats.log_ratio(a, b, c, d)
        sides[k] = (rows_of[g], ref_rows)
        frames.append(
            pd.DataFrame(
                {
                    by: g,
                    "reference": h,
                    "term": terms[cols].astype(str),
                    "count": a.astype(np.int64),
                    "ref_count": b.astype(np.int64),
                    "total": int(c),
                    "ref_total": int(d),
                    "rate_per_10k": a / c * 1e4,
                    "ref_rate_per_10k": b / d * 1e4,
                    "log_odds": delta[cols],
                    "z": z[cols],
                    "g2": g2,
                    "p": p,
                    "log_ratio": lr,
                    "low_count": a < min_count,
                    "_k": k,
                    "_col": cols,
                }
            )
        )
    columns = [by, "reference", "term", "count", "ref_count", "total", "ref_total"]
    columns += ["rate_per_10k", "ref_rate_per_10k", "log_odds", "z", "g2", "p", "log_ratio"]
    columns += ["ci_low", "ci_high", "low_count", "rank"]
    if not frames:
        out = pd.DataFrame(columns=columns)
    else:
        out = pd.concat(frames, ignore_index=True)
        score = {
            "log_odds": out["z"],
            "g2": out["g2"] * np.sign(out["log_ratio"]),
            "log_ratio": out["log_ratio"],
        }[method]
        out = (
            out.assign(_score=score)
            .sort_values([by, "reference", "_score", "term"], ascending=[True, True, False, True])
            .drop(columns="_score")
            .reset_index(drop=True)
        )
        out["rank"] = out.groupby([by, "reference"]).cumcount() + 1
        if top is not None:
            out = out[out["rank"] <= top].reset_index(drop=True)
        # intervals only for the rows kept (a row's interval does not depend on the others)
        ci = np.full((len(out), 2), np.nan)
        for k, at in out.groupby("_k", sort=False).indices.items():
            target_rows, ref_rows = sides[k]
            ci[at] = np.column_stack(
                _bootstrap_log_ratio(
                    x[target_rows],
                    x[ref_rows],
                    out["_col"].to_numpy()[at],
                    n_resamples,
                    level,
                    (config.SEED, k),
                )
            )
        out["ci_low"], out["ci_high"] = ci[:, 0], ci[:, 1]
    out.attrs["phrases"] = list(key)
    out.attrs["language"] = language
    if excluded is not None:
        out.attrs["excluded_words"] = excluded.to_dict()
    return out[columns]
