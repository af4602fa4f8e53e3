"""Which words each outlet chooses, with statistics that stay honest on a small corpus.

Functions (articles in, tidy DataFrame out):

* `distinctive_terms(articles, by="outlet")` — one group against the rest (or every pair):
  weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) and its
  z-score, log-likelihood G² with p-value, Hardie's Log Ratio with a paragraph-level bootstrap
  interval, the raw counts behind them, and a `low_count` flag (rare terms are flagged, not
  dropped). Groups with fewer than `MIN_ARTICLES` articles or `MIN_WORDS` words trigger a
  `SmallSampleWarning`. `exclude_shared=True` first blanks out passages shared verbatim with
  another group (wire copy, press releases) so copied text does not count as an outlet's wording.
* `collocations(articles, term=None, by="outlet")` — NLTK bigram collocations (log-likelihood,
  PMI) within paragraphs, optionally only those involving one term.
* `kwic(articles, pattern, window=8, by="outlet")` — keyword in context: exact words, phrases,
  `*` wildcards, or regular expressions (`re:` prefix or a compiled pattern).
* `shared_passages(articles, min_words=8)` — verbatim reuse between articles (word shingles
  aligned and merged into maximal passages), with the words around each passage where the two
  copies diverge; `reuse_matrix(articles)` — share of each group's words found in another's.

Counting conventions: tokens as in `presslens.text`; totals (`total`, `ref_total`) are all
tokens including stop words, so rates are per running word; stop words are left out of the
output rows (not out of the totals). Multi-word terms from the lexicons (`phrases=None`) count as
one token when `presslens.lexicons` and its files are available.
"""

from __future__ import annotations

import re
import warnings
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import pandas as pd

from presslens import config, stats
from presslens import text as T

#: Groups smaller than this (articles or running words) get a `SmallSampleWarning`.
MIN_ARTICLES = 3
MIN_WORDS = 500
#: Label of the reference group in one-against-the-rest comparisons.
REST = "(all others)"
_NUMBER = re.compile(r"[\d.,/-]+(?:st|nd|rd|th)?")


class SmallSampleWarning(UserWarning):
    """A group has too little text for its word statistics to be more than leads to check."""


# --------------------------------------------------------------------------------------------
# Lexicon phrases


def default_phrases() -> tuple[str, ...]:
    """Multi-word naming variants and actor names from the lexicons, if they can be read.

    Returns `()` when `presslens.lexicons` is missing or its files cannot be loaded, so the
    wording functions degrade to plain words instead of failing.
    """
    try:
        from presslens import lexicons
    except Exception:  # noqa: BLE001 - optional dependency between helpers' modules
        return ()
    found: set[str] = set()
    for loader, columns in (("naming", ("variant",)), ("actors", ("actor", "alias"))):
        try:
            table = getattr(lexicons, loader)()
        except Exception:  # noqa: BLE001 - missing/invalid lexicon file: degrade gracefully
            continue
        for col in columns:
            if col in getattr(table, "columns", ()):
                for value in table[col].dropna().astype(str):
                    if len(T.tokenize(value)) >= 2:
                        found.add(value)
    return tuple(sorted(found))


def _resolve_phrases(phrases) -> tuple[str, ...]:
    if phrases is None:
        return default_phrases()
    if phrases is False:
        return ()
    if isinstance(phrases, str):
        return (phrases,)
    return tuple(phrases)


def _group_labels(arts: pd.DataFrame, by: str) -> pd.Series:
    if by not in arts.columns:
        T._group_keys(arts, by)  # derives "month" or raises a clear KeyError
    col = arts[by]
    return col.astype(object).where(col.notna(), "(missing)").astype(str)


# --------------------------------------------------------------------------------------------
# Distinctive terms


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


def _bootstrap_log_ratio(xt, xr, cols, n_boot, level, seed_key):
    """Percentile interval of Log Ratio per column, resampling paragraphs within each side."""
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
        a = (xt_c @ wt.T).T  # b × terms
        r = (xr_c @ wr.T).T
        values[lo : lo + b] = stats.log_ratio(a, r, (wt @ tot_t)[:, None], (wr @ tot_r)[:, None])
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(values, [tail, 100.0 - tail], axis=0)
    return low.astype(float), high.astype(float)


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for k in range(a, b):
            if chars[k] not in "\n":
                chars[k] = " "
    return "".join(chars)


def exclude_shared_text(
    articles: pd.DataFrame, by: str = "outlet", *, min_words: int = 8
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Blank out passages an article shares verbatim with an article of another group.

    Returns `(articles with masked text, summary)`; summary has `article_id, <by>,
    words, excluded_words`. Both sides of a shared passage are masked: from the text alone we
    cannot tell who copied whom, and neither copy is evidence of its outlet's own wording.
    """
    arts = T._article_frame(articles).reset_index(drop=True)
    labels = _group_labels(arts, by)
    passages = shared_passages(arts, min_words=min_words)
    group_of = dict(zip(arts["article_id"], labels, strict=True))
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for r in passages.itertuples():
        if group_of[r.article_a] != group_of[r.article_b]:
            spans[r.article_a].append((r.start_a, r.end_a))
            spans[r.article_b].append((r.start_b, r.end_b))
    masked = arts.copy()
    masked["text"] = [
        _mask_spans(t, spans[a]) if a in spans else t
        for a, t in zip(arts["article_id"], arts["text"], strict=True)
    ]
    words = np.array([len(T.tokenize(t)) for t in arts["text"]])
    left = np.array([len(T.tokenize(t)) for t in masked["text"]])
    summary = pd.DataFrame(
        {
            "article_id": arts["article_id"],
            by: labels,
            "words": words,
            "excluded_words": words - left,
        }
    )
    return masked, summary


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
    n_bootstrap: int = config.N_BOOTSTRAP,
    level: float = 0.95,
    shared_min_words: int = 8,
) -> pd.DataFrame:
    """Terms each group uses more (or less) than the others, with counts and statistics.

    One row per group × reference × term (terms used by either side). Columns:
    `<by>` (target group), `reference` (`"(all others)"` or, with `pairwise=True`, the other
    group), `term`, `count`, `ref_count` (raw counts), `total`, `ref_total` (all running words),
    `rate_per_10k`, `ref_rate_per_10k`, `log_odds` (Monroe δ, informative Dirichlet prior = the
    counts of the whole corpus), `z`, `g2`, `p` (log-likelihood, χ² 1 df), `log_ratio` (Hardie,
    log₂), `ci_low`, `ci_high` (paragraph-bootstrap percentile interval for `log_ratio`, target
    and reference paragraphs resampled separately), `low_count` (`count < min_count`; kept, not
    dropped), `rank` (1 = most typical of the target by `method`).

    The Dirichlet prior is `prior_strength` × the whole corpus's counts (+0.01 so no word has a
    zero prior): with 1.0 the prior weighs as much as the corpus, which shrinks rare-word
    contrasts hard — the honest default on a small corpus. `drop_numbers` leaves tokens made only
    of digits and separators (`2`, `27-28`) out of the rows (not the totals).

    `method` orders the rows: `"log_odds"` (z), `"g2"` (G² signed by direction) or
    `"log_ratio"`. `top` keeps the `top` best-ranked terms per comparison. `exclude_shared`
    removes passages of ≥ `shared_min_words` words shared verbatim with another group first
    (`result.attrs["excluded_words"]` says how many words per group). `phrases=None` uses the
    lexicons' multi-word terms (see `default_phrases`); pass `()` for plain words.
    """
    if method not in {"log_odds", "g2", "log_ratio"}:
        raise ValueError("method must be 'log_odds', 'g2' or 'log_ratio'")
    arts = T._article_frame(articles).reset_index(drop=True)
    labels = _group_labels(arts, by)
    arts = arts.assign(_group=labels.to_numpy())
    excluded = None
    if exclude_shared:
        arts, summary = exclude_shared_text(arts, by="_group", min_words=shared_min_words)
        excluded = summary.groupby("_group")["excluded_words"].sum().rename_axis(by)
    key = _resolve_phrases(phrases)

    paras = T.paragraphs(arts[["article_id", "outlet", "text"]])
    group_of = dict(zip(arts["article_id"], arts["_group"], strict=True))
    paras["_group"] = paras["article_id"].map(group_of)
    dtm = T.document_term_matrix(
        paras, phrases=key or None, drop_stop=False, stemmed=stemmed, lower=True
    )
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
            (drop_stop and t in T.STOP_WORDS) or (drop_numbers and _NUMBER.fullmatch(t) is not None)
            for t in terms
        ],
        dtype=bool,
    )

    comparisons = (
        [(g, h) for g in groups for h in groups if g != h]
        if pairwise
        else [(g, REST) for g in groups]
    )
    frames = []
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
        ci_low, ci_high = _bootstrap_log_ratio(
            x[rows_of[g]], x[ref_rows], cols, n_bootstrap, level, (config.SEED, k)
        )
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
                    "ci_low": ci_low,
                    "ci_high": ci_high,
                    "low_count": a < min_count,
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
    out.attrs["phrases"] = list(key)
    if excluded is not None:
        out.attrs["excluded_words"] = excluded.to_dict()
    return out[columns]


# --------------------------------------------------------------------------------------------
# Collocations


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
) -> pd.DataFrame:
    """Word pairs that occur together more than chance, per group (NLTK bigram finder).

    Without `term`: adjacent pairs (`window=2`). With `term` (a word or phrase, matched as
    tokenised): pairs with `term` within `window` tokens (default 5), either side. Pairs never
    cross paragraphs; stop words are removed from candidate pairs after windowing, so adjacency
    is that of the real text. Columns: `<by>`, `term`, `w1`, `w2`, `collocate` (the partner of
    `term`, or `"w1 w2"`), `count`, `llr` (Dunning log-likelihood ratio), `pmi` (log₂), `rank`.
    Pairs below `min_freq` are left out (PMI is meaningless on one co-occurrence).

    `phrases` defaults to none here (unlike the other functions): collocations are how
    multi-word terms are discovered, so pre-joining them would hide "Lachin corridor".
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    arts = T._article_frame(articles).reset_index(drop=True)
    key = _resolve_phrases(phrases)
    label = by or "group"
    arts = arts.assign(_group=_group_labels(arts, by) if by else "all")
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
            finder.apply_word_filter(lambda w: w in T.STOP_WORDS and w != target)
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
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


# --------------------------------------------------------------------------------------------
# Keyword in context

_WORD = r"[\w'&/-]"


def compile_pattern(pattern: str | re.Pattern) -> re.Pattern:
    """The regex `kwic` uses for `pattern` (matched against normalised text).

    A compiled pattern or a string starting with `re:` is used as given (case-insensitive for
    strings). Otherwise words are matched whole and case-insensitively, `*` matches any run of
    word characters (`negotiat*`), `?` one character, and the words of a phrase may be separated
    by any whitespace. Curly/straight quotes and dashes match each other.
    """
    if isinstance(pattern, re.Pattern):
        return pattern
    if pattern.startswith("re:"):
        return re.compile(pattern[3:], re.IGNORECASE)
    words = T.normalize(pattern).split()
    if not words:
        raise ValueError("empty KWIC pattern")
    parts = []
    for w in words:
        piece = "".join(
            f"{_WORD}*" if ch == "*" else (_WORD if ch == "?" else re.escape(ch)) for ch in w
        )
        parts.append(piece)
    return re.compile(r"(?<![\w])" + r"\s+".join(parts) + r"(?![\w])", re.IGNORECASE)


def kwic(
    articles: pd.DataFrame, pattern: str | re.Pattern, window: int = 8, by: str = "outlet"
) -> pd.DataFrame:
    """Keyword in context: every match of `pattern` with `window` words either side.

    Columns: `<by>`, `article_id`, `paragraph`, `left`, `match`, `right`, `start`, `end`
    (`match` and the context are the original text, line breaks shown as spaces; `start/end`
    index the article's `text`). Context stays within the match's paragraph. Sorted by group,
    article and position. See `compile_pattern` for the pattern syntax.
    """
    regex = compile_pattern(pattern)
    arts = T._article_frame(articles).reset_index(drop=True)
    labels = _group_labels(arts, by)
    rows = []
    for aid, g, txt in zip(arts["article_id"], labels, arts["text"], strict=True):
        norm = T.normalize(txt)
        for p, (pa, pb) in enumerate(T.paragraph_spans(txt)):
            para_norm = norm[pa:pb]
            spans = None
            for m in regex.finditer(para_norm):
                if m.end() == m.start():
                    continue
                if spans is None:
                    spans = T.token_spans(txt[pa:pb])
                before = [s for s, e, _ in spans if e <= m.start()]
                after = [e for s, e, _ in spans if s >= m.end()]
                left_start = before[-window] if len(before) >= window else 0
                right_end = after[window - 1] if len(after) >= window else pb - pa
                seg = txt[pa:pb]
                left_start, _ = _widen(seg, left_start, left_start, 0, 0)
                _, right_end = _widen(seg, right_end, right_end, len(seg), len(seg))
                if window == 0:
                    left_start, right_end = m.start(), m.end()
                rows.append(
                    (
                        g,
                        aid,
                        p,
                        " ".join(seg[left_start : m.start()].split()),
                        seg[m.start() : m.end()],
                        " ".join(seg[m.end() : right_end].split()),
                        pa + m.start(),
                        pa + m.end(),
                    )
                )
    cols = [by, "article_id", "paragraph", "left", "match", "right", "start", "end"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values([by, "article_id", "start"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Text reuse


def _word_stream(text: str) -> list[tuple[int, int, str]]:
    return T.token_spans(text)


def _widen(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Extend [start, end) to the surrounding whitespace (keeps punctuation on its word)."""
    while start > lo and not text[start - 1].isspace():
        start -= 1
    while end < hi and not text[end].isspace():
        end += 1
    return start, end


def _context(text: str, spans, i0: int, i1: int, n: int = 5) -> tuple[str, str]:
    before = spans[max(0, i0 - n) : i0]
    after = spans[i1 + 1 : i1 + 1 + n]
    left = right = ""
    if before:
        a, b = _widen(text, before[0][0], before[-1][1], 0, spans[i0][0])
        left = " ".join(text[a:b].split())
    if after:
        a, b = _widen(text, after[0][0], after[-1][1], spans[i1][1], len(text))
        right = " ".join(text[a:b].split())
    return left, right


def shared_passages(
    articles: pd.DataFrame, min_words: int = 8, *, by: str = "outlet", context: int = 5
) -> pd.DataFrame:
    """Passages of at least `min_words` consecutive words that two articles share verbatim.

    Words are compared as tokens (case, punctuation and quote style ignored). Matching
    `min_words`-word shingles are chained along their alignment into maximal passages. One row
    per passage and pair of articles: `article_a, <by>_a, article_b, <by>_b, same_group,
    n_words, text_a, text_b` (each article's original wording of the passage), `start_a,
    end_a, start_b, end_b` (offsets into each `text`), and `before_a, after_a, before_b,
    after_b`: up to `context` words either side, where the two copies diverge (the words
    changed around the shared passage). Sorted by `n_words` (longest first).
    """
    arts = T._article_frame(articles).reset_index(drop=True)
    labels = _group_labels(arts, by).tolist()
    ids = arts["article_id"].tolist()
    texts = arts["text"].tolist()
    streams = [_word_stream(t) for t in texts]
    index: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for d, spans in enumerate(streams):
        words = [w for _, _, w in spans]
        for i in range(len(words) - min_words + 1):
            index[tuple(words[i : i + min_words])].append((d, i))
    hits: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    for occurrences in index.values():
        if len(occurrences) < 2:
            continue
        for x in range(len(occurrences)):
            da, ia = occurrences[x]
            for y in range(x + 1, len(occurrences)):
                db, ib = occurrences[y]
                if da == db:
                    continue
                if da < db:
                    hits[(da, db)].add((ia, ib))
                else:
                    hits[(db, da)].add((ib, ia))
    rows = []
    for (da, db), pairs in hits.items():
        for ia, ib in sorted(pairs):
            if (ia - 1, ib - 1) in pairs:
                continue  # not the start of a run
            length = 0
            while (ia + length, ib + length) in pairs:
                length += 1
            ea, eb = ia + length + min_words - 2, ib + length + min_words - 2  # last token
            sa, sb = streams[da], streams[db]
            before_a, after_a = _context(texts[da], sa, ia, ea, context)
            before_b, after_b = _context(texts[db], sb, ib, eb, context)
            rows.append(
                {
                    "article_a": ids[da],
                    f"{by}_a": labels[da],
                    "article_b": ids[db],
                    f"{by}_b": labels[db],
                    "same_group": labels[da] == labels[db],
                    "n_words": ea - ia + 1,
                    "text_a": texts[da][sa[ia][0] : sa[ea][1]],
                    "text_b": texts[db][sb[ib][0] : sb[eb][1]],
                    "start_a": sa[ia][0],
                    "end_a": sa[ea][1],
                    "start_b": sb[ib][0],
                    "end_b": sb[eb][1],
                    "before_a": before_a,
                    "after_a": after_a,
                    "before_b": before_b,
                    "after_b": after_b,
                }
            )
    cols = ["article_a", f"{by}_a", "article_b", f"{by}_b", "same_group", "n_words"]
    cols += ["text_a", "text_b", "start_a", "end_a", "start_b", "end_b"]
    cols += ["before_a", "after_a", "before_b", "after_b"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(
        ["n_words", "article_a", "article_b", "start_a"], ascending=[False, True, True, True]
    ).reset_index(drop=True)


def reuse_matrix(articles: pd.DataFrame, min_words: int = 8, *, by: str = "outlet") -> pd.DataFrame:
    """Share of each group's words that appear verbatim in another group's articles.

    Long table, one row per ordered pair of different groups: `<by>`, `other`, `words` (running
    words of `<by>`), `reused_words` (those inside a passage of ≥ `min_words` words shared with
    `other`), `share`. Asymmetric: a short wire item fully quoted by a long article has a high
    share, the long article a low one. Pivot it (`<by>` × `other`) for a heatmap.
    """
    arts = T._article_frame(articles).reset_index(drop=True)
    labels = _group_labels(arts, by)
    group_of = dict(zip(arts["article_id"], labels, strict=True))
    streams = {a: _word_stream(t) for a, t in zip(arts["article_id"], arts["text"], strict=True)}
    words = labels.groupby(labels).size() * 0
    for a, s in streams.items():
        words[group_of[a]] += len(s)
    covered: dict[tuple[str, str], set[tuple[str, int]]] = defaultdict(set)
    passages = shared_passages(arts, min_words=min_words, by=by)
    for r in passages.itertuples():
        ga, gb = group_of[r.article_a], group_of[r.article_b]
        if ga == gb:
            continue
        for aid, other, start, end in (
            (r.article_a, gb, r.start_a, r.end_a),
            (r.article_b, ga, r.start_b, r.end_b),
        ):
            idx = [k for k, (s, e, _) in enumerate(streams[aid]) if s >= start and e <= end]
            covered[(group_of[aid], other)].update((aid, k) for k in idx)
    groups = sorted(words.index)
    rows = []
    for g in groups:
        for h in groups:
            if g == h:
                continue
            n = int(words[g])
            k = len(covered.get((g, h), ()))
            rows.append((g, h, n, k, k / n if n else np.nan))
    return pd.DataFrame(rows, columns=[by, "other", "words", "reused_words", "share"])


__all__ = [
    "MIN_ARTICLES",
    "MIN_WORDS",
    "REST",
    "SmallSampleWarning",
    "collocations",
    "compile_pattern",
    "default_phrases",
    "distinctive_terms",
    "exclude_shared_text",
    "kwic",
    "reuse_matrix",
    "shared_passages",
]
