"""Document-term matrices: sparse term counts per article or per group of articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from presslens import parallel
from presslens.dataset import check_articles

from .words import _phrase_key, ngrams, stop_words, tokenize

if TYPE_CHECKING:
    import scipy.sparse as sp


class _ChunkCounter:
    """Tokenise a chunk of texts: `(vocabulary in first-seen order, codes, tokens per text)`."""

    def __init__(self, analyzer):
        self.analyzer = analyzer

    def __call__(self, texts: list[str]):
        docs = [self.analyzer(t) for t in texts]
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        flat = np.empty(int(lengths.sum()), dtype=object)
        flat[:] = list(chain.from_iterable(docs))
        del docs
        if not len(flat):
            return [], np.zeros(0, dtype=np.int64), lengths
        codes, uniques = pd.factorize(flat)
        return [str(u) for u in uniques], np.asarray(codes, dtype=np.int64), lengths


@dataclass
class DocumentTermMatrix:
    """A sparse count matrix with its labels.

    `matrix`: `scipy.sparse.csr_matrix` (rows × terms, int64 counts); `terms`: the vocabulary
    (numpy array of str, column order); `rows`: a DataFrame labelling each row (the `by` columns
    and `n_docs` when grouped, else `article_id` and `outlet`).
    """

    matrix: sp.csr_matrix
    terms: np.ndarray
    rows: pd.DataFrame

    @property
    def vocabulary(self) -> dict[str, int]:
        """`{term: column}` (like scikit-learn's `vocabulary_`)."""
        return {t: i for i, t in enumerate(self.terms)}

    def totals(self) -> np.ndarray:
        """Token count of each row."""
        return np.asarray(self.matrix.sum(axis=1)).ravel()

    def to_frame(self) -> pd.DataFrame:
        """Long table: the row labels, `term`, `count` (non-zero cells only)."""
        coo = self.matrix.tocoo()
        out = self.rows.iloc[coo.row].reset_index(drop=True)
        out["term"] = self.terms[coo.col]
        out["count"] = coo.data
        return out


def group_columns(
    articles: pd.DataFrame, by: str | Sequence[str]
) -> tuple[pd.DataFrame, list[str]]:
    """`(articles, keys)`: the grouping columns `by` names, `"month"` derived from `published`
    when it is not a column (`"undated"` where there is no date); a `KeyError` for any other
    missing column. `articles` itself is never modified."""
    keys = [by] if isinstance(by, str) else list(by)
    for k in keys:
        if k not in articles.columns:
            if k == "month" and "published" in articles.columns:
                pub = pd.to_datetime(articles["published"], errors="coerce")
                month = pub.dt.to_period("M").astype(str).where(pub.notna(), "undated")
                articles = articles.assign(month=month)
            else:
                raise KeyError(f"cannot group by {k!r}: not a column of articles")
    return articles, keys


def document_term_matrix(
    articles: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    lower: bool = True,
    phrases: Iterable[str] | None = None,
    drop_stop: bool = True,
    stemmed: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    min_count: int = 1,
    vocabulary: Iterable[str] | None = None,
    workers: int | None = None,
    language: str | None = "en",
) -> DocumentTermMatrix:
    """Sparse term counts per article, or per group of articles when `by` is given.

    `by`: any article column or list of columns (`"outlet"`, `"country"`, `"stance"`; `"month"`
    is derived from `published` when absent). Rows with a missing group value form their own
    group (`"(missing)"`) rather than being dropped. N-grams are built on the full token stream;
    with `drop_stop`, unigrams that are stop words and n-grams starting or ending with one are
    dropped. `min_count` drops terms whose total count is lower; `vocabulary` fixes the columns.
    `workers`: processes for tokenising large inputs (default: every core from `POOL_MIN_ROWS`
    rows on; 1 = this process only); the result is the same either way. `language` gives the
    stop words and stems (`text.stop_words`, `text.stem`): one language per matrix.
    """
    import scipy.sparse as sp  # here, not at the top: the ingest imports presslens.text

    arts = check_articles(articles)
    lo, hi = ngram_range
    key = _phrase_key(phrases)
    stops = stop_words(language)

    def analyzer(text: str) -> list[str]:
        toks = tokenize(text, lower=lower, phrases=key or None, stemmed=stemmed, language=language)
        if lo == hi == 1:
            return [t for t in toks if t not in stops] if drop_stop else toks
        out: list[str] = []
        for n in range(lo, hi + 1):
            out.extend(ngrams(toks, n, drop_stop_edges=drop_stop, language=language))
        return out

    # One flat token array + pandas' hash factorisation: no per-token Python dict work.
    # Chunks of rows are tokenised and hash-factorised (on a process pool for large inputs), so
    # only one chunk's token strings are alive at a time; chunk vocabularies are then merged.
    texts = arts["text"].tolist()
    n_docs = len(texts)
    chunks = [texts[i : i + parallel.CHUNK_ROWS] for i in range(0, n_docs, parallel.CHUNK_ROWS)]
    results = parallel.map_chunks(_ChunkCounter(analyzer), chunks, workers=workers)
    vocab: dict[str, int] = {}
    code_parts, length_parts = [], []
    for uniques, chunk_codes, lengths in results:
        ids = np.fromiter(
            (vocab.setdefault(u, len(vocab)) for u in uniques), dtype=np.int64, count=len(uniques)
        )
        code_parts.append(ids[chunk_codes])
        length_parts.append(lengths)
    del results
    lengths = np.concatenate(length_parts) if length_parts else np.zeros(0, dtype=np.int64)
    codes = np.concatenate(code_parts) if code_parts else np.zeros(0, dtype=np.int64)
    row_idx = np.repeat(np.arange(n_docs), lengths)
    names = np.empty(len(vocab), dtype=object)
    names[:] = list(vocab)
    if vocabulary is not None:
        terms = np.asarray(list(dict.fromkeys(vocabulary)), dtype=object)
        to_column = pd.Index(terms).get_indexer(names) if len(names) else np.zeros(0, np.int64)
        codes = to_column[codes]
        keep_tok = codes >= 0
        row_idx, codes = row_idx[keep_tok], codes[keep_tok]
    else:
        # columns in sorted term order (as `pd.factorize(..., sort=True)` gives)
        order = np.argsort(names, kind="stable")
        terms = names[order]
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        codes = rank[codes]
    matrix = sp.csr_matrix(
        (np.ones(len(codes), dtype=np.int64), (row_idx, np.asarray(codes, dtype=np.int64))),
        shape=(n_docs, len(terms)),
    )
    matrix.sum_duplicates()
    if min_count > 1 and terms.size:
        keep = np.asarray(matrix.sum(axis=0)).ravel() >= min_count
        matrix, terms = matrix[:, keep], terms[keep]

    if by is None:
        rows = arts[["article_id", "outlet"]].reset_index(drop=True)
        return DocumentTermMatrix(matrix.tocsr(), terms, rows)

    arts, keys = group_columns(arts, by)
    labels = arts[keys].astype(object).where(arts[keys].notna(), "(missing)")
    grouped = labels.groupby(keys, sort=True).ngroup().to_numpy()
    n_groups = int(grouped.max()) + 1 if len(grouped) else 0
    indicator = sp.csr_matrix(
        (np.ones(len(grouped), dtype=np.int64), (grouped, np.arange(len(grouped)))),
        shape=(n_groups, len(grouped)),
    )
    rows = (
        labels.assign(_g=grouped)
        .groupby("_g", sort=True)
        .agg(**{k: (k, "first") for k in keys}, n_docs=(keys[0], "size"))
        .reset_index(drop=True)
    )
    return DocumentTermMatrix((indicator @ matrix).tocsr(), terms, rows)
