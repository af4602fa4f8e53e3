"""Verbatim reuse between articles: `shared_passages`, `reuse_matrix`, `exclude_shared_text`.

Words are compared as tokens (`presslens.text`): case, punctuation and quote style ignored.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from presslens import text as T
from presslens.dataset import check_articles
from presslens.text.concordance import widen_to_words

from .groups import group_labels


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
    arts = check_articles(articles).reset_index(drop=True)
    labels = group_labels(arts, by)
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
    words = np.array([T.count_words(t) for t in arts["text"]])
    left = np.array([T.count_words(t) for t in masked["text"]])
    summary = pd.DataFrame(
        {
            "article_id": arts["article_id"],
            by: labels,
            "words": words,
            "excluded_words": words - left,
        }
    )
    return masked, summary


def _context(text: str, spans, i0: int, i1: int, n: int = 5) -> tuple[str, str]:
    before = spans[max(0, i0 - n) : i0]
    after = spans[i1 + 1 : i1 + 1 + n]
    left = right = ""
    if before:
        a, b = widen_to_words(text, before[0][0], before[-1][1], 0, spans[i0][0])
        left = " ".join(text[a:b].split())
    if after:
        a, b = widen_to_words(text, after[0][0], after[-1][1], spans[i1][1], len(text))
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
    arts = check_articles(articles).reset_index(drop=True)
    labels = group_labels(arts, by).tolist()
    ids = arts["article_id"].tolist()
    texts = arts["text"].tolist()
    streams = [T.token_spans(t) for t in texts]
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
    arts = check_articles(articles).reset_index(drop=True)
    labels = group_labels(arts, by)
    group_of = dict(zip(arts["article_id"], labels, strict=True))
    streams = {a: T.token_spans(t) for a, t in zip(arts["article_id"], arts["text"], strict=True)}
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
