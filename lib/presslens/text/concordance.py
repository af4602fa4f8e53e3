"""Keyword in context: the one concordance of the suite, context counted in words."""

from __future__ import annotations

import pandas as pd

from presslens.dataset import check_articles

from .segments import paragraph_spans
from .words import token_spans

CONCORDANCE_COLUMNS = [
    "article_id",
    "outlet",
    "paragraph",
    "left",
    "match",
    "right",
    "start",
    "end",
]


def widen_to_words(
    text: str, start: int, end: int, lo: int = 0, hi: int | None = None
) -> tuple[int, int]:
    """Extend `[start, end)` outwards to the whitespace around the words it cuts, within
    `[lo, hi)` (punctuation stays on its word): the edge of every context line."""
    hi = len(text) if hi is None else hi
    while start > lo and not text[start - 1].isspace():
        start -= 1
    while end < hi and not text[end].isspace():
        end += 1
    return start, end


def concordance(articles: pd.DataFrame, hits: pd.DataFrame, *, context: int = 8) -> pd.DataFrame:
    """Keyword in context: each hit (`article_id, start, end` offsets into the article's `text`)
    with up to `context` words either side, within its paragraph. The one KWIC of the suite.

    Returns `article_id, outlet, paragraph, left, match, right, start, end` plus every other
    column of `hits` (group, variant, frame, actor, …). `match` is the text as written; `left`
    and `right` are the original text with line breaks as spaces, "…" marking a cut.
    """
    articles = check_articles(articles)
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    outlets = dict(zip(articles["article_id"], articles["outlet"], strict=True))
    extra = [c for c in hits.columns if c not in CONCORDANCE_COLUMNS and c != "surface"]
    rows = []
    spans_of: dict = {}
    words_of: dict = {}
    for hit in hits.to_dict("records"):
        aid = hit["article_id"]
        txt = texts.get(aid)
        txt = "" if txt is None or txt != txt else str(txt)
        a, b = int(hit["start"]), int(hit["end"])
        if aid not in spans_of:
            spans_of[aid] = paragraph_spans(txt)
        para = next(
            (i for i, (x, y) in enumerate(spans_of[aid]) if x <= a < y),
            None,
        )
        pa, pb = spans_of[aid][para] if para is not None else (0, len(txt))
        seg = txt[pa:pb]
        if (aid, para) not in words_of:
            words_of[(aid, para)] = token_spans(seg)
        words = words_of[(aid, para)]
        before = [s for s, e, _ in words if e <= a - pa]
        after = [e for s, e, _ in words if s >= b - pa]
        lo, hi = 0, len(seg)
        if context and len(before) >= context:
            lo = widen_to_words(seg, before[-context], before[-context])[0]
        if context and len(after) >= context:
            hi = widen_to_words(seg, after[context - 1], after[context - 1])[1]
        if context == 0:
            lo, hi = a - pa, b - pa
        left = " ".join(seg[lo : a - pa].split())
        right = " ".join(seg[b - pa : hi].split())
        rows.append(
            {
                "article_id": aid,
                "outlet": hit.get("outlet", outlets.get(aid)),
                "paragraph": para,
                "left": ("…" + left) if lo > 0 and left else left,
                "match": txt[a:b],
                "right": (right + "…") if hi < len(seg) and right else right,
                "start": a,
                "end": b,
                **{c: hit[c] for c in extra},
            }
        )
    return pd.DataFrame(rows, columns=CONCORDANCE_COLUMNS + extra)
