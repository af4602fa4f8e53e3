"""Who gets a voice in each outlet: tables built from the `find_quotes` table.

Each takes `articles` and, optionally, the quotes already found (`quotes_df`; else
`find_quotes(articles, directory=directory)` is called): `quoted_words_by_side`,
`voices_by_outlet`, `speech_modes_by_outlet`, `find_repeated_quotes`, `quotes_in_context`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from presslens import lexicons, stats
from presslens.dataset import check_articles
from presslens.text import concordance, tokenize

from .document import DIRECT_KINDS
from .extract import find_quotes

#: Side label of quotes whose speaker is known but not in the actor lexicon / with no speaker.
UNMAPPED = "speaker not in lexicon"
UNATTRIBUTED = "no speaker"


def _quotes_for(articles: pd.DataFrame, quotes_df: pd.DataFrame | None, directory):
    """The checked articles and their quotes (found now unless given)."""
    articles = check_articles(articles)
    if quotes_df is None:
        quotes_df = find_quotes(articles, directory=directory)
    return articles, quotes_df


def _outlets(articles: pd.DataFrame, q: pd.DataFrame) -> list[str]:
    names = list(articles["outlet"].dropna().unique()) if "outlet" in articles else []
    names += [o for o in q["outlet"].dropna().unique() if o not in names]
    return sorted(names, key=str)


def _outermost(q: pd.DataFrame) -> pd.DataFrame:
    """Drop quotes lying inside another quote of the same article (nested marks)."""
    keep = []
    for _, g in q.groupby("article_id", sort=False):
        spans = list(zip(g["start"], g["end"], g.index, strict=True))
        for a, b, _i in spans:
            inside = any(a2 <= a and b <= b2 and (a2, b2) != (a, b) for a2, b2, _ in spans)
            keep.append(not inside)
    return q[keep] if len(q) else q


def side_label(row) -> str:
    """The side a quote speaks for, with explicit labels for unmapped and unattributed ones."""
    side = row.get("side")
    if isinstance(side, str) and side:
        return side
    return UNMAPPED if isinstance(row.get("speaker_text"), str) else UNATTRIBUTED


def quoted_words_by_side(
    articles: pd.DataFrame,
    quotes_df: pd.DataFrame | None = None,
    *,
    kinds: tuple[str, ...] = DIRECT_KINDS,
    directory=None,
) -> pd.DataFrame:
    """Words each outlet quotes directly, by the side of the speaker.

    Returns `outlet, side, count, n_quotes, share, ci_low, ci_high, n` — `count` quoted words
    from that side, `n` all quoted words in the outlet, `share = count / n` with a bootstrap
    interval over quotes (`presslens.stats.share_ci`). Every outlet × side pair is present
    (zeros included) so stacked bars line up. Nested quotes are not counted twice.
    """
    articles, q = _quotes_for(articles, quotes_df, directory)
    q = _outermost(q[q["kind"].isin(kinds)]).copy()
    q["side"] = [side_label(r) for r in q.to_dict("records")]
    sides = sorted(set(q["side"]), key=lambda s: (s in (UNMAPPED, UNATTRIBUTED), s))
    rows = []
    for outlet in _outlets(articles, q):
        g = q[q["outlet"] == outlet]
        words = g["n_words"].to_numpy(dtype=float)
        total = int(words.sum())
        for side in sides:
            hit = np.where(g["side"].to_numpy() == side, words, 0.0)
            share, lo, hi = stats.share_ci(hit, words) if total else (np.nan,) * 3
            rows.append(
                {
                    "outlet": outlet,
                    "side": side,
                    "count": int(hit.sum()),
                    "n_quotes": int((g["side"] == side).sum()),
                    "share": share,
                    "ci_low": lo,
                    "ci_high": hi,
                    "n": total,
                }
            )
    return pd.DataFrame(
        rows, columns=["outlet", "side", "count", "n_quotes", "share", "ci_low", "ci_high", "n"]
    )


def _mentions(articles: pd.DataFrame, directory) -> pd.DataFrame | None:
    try:
        return lexicons.find_actors(articles, directory=directory)
    except Exception:  # no usable actor lexicon: nobody is "mentioned, not quoted"
        return None


def voices_by_outlet(
    articles: pd.DataFrame,
    quotes_df: pd.DataFrame | None = None,
    *,
    kinds: tuple[str, ...] = (*DIRECT_KINDS, "indirect"),
    directory=None,
) -> pd.DataFrame:
    """Outlet × speaker presence: the voices each outlet gives and the ones it leaves out.

    Returns `outlet, actor, side, n_direct, n_indirect, n_words, quoted, status` for every
    outlet and every speaker quoted (directly or indirectly) by at least one outlet. `status`
    is `quoted`, `mentioned, not quoted` (the outlet names the actor — via
    `presslens.lexicons.find_actors` — but gives them no words) or `absent`.
    """
    articles, q = _quotes_for(articles, quotes_df, directory)
    q = q[q["kind"].isin(kinds) & q["actor"].notna()].copy()
    q["side"] = [side_label(r) for r in q.to_dict("records")]
    direct = q["kind"].isin(DIRECT_KINDS)
    q["direct_words"] = np.where(direct, q["n_words"], 0)
    actors = (
        q.groupby("actor", sort=True)["side"]
        .agg(lambda s: s.mode().iloc[0])
        .reset_index()
        .rename(columns={"side": "actor_side"})
    )
    mentions = _mentions(articles, directory)
    mentioned = set()
    if mentions is not None and len(mentions):
        mentioned = set(zip(mentions["outlet"], mentions["actor"], strict=True))
    cols = ["outlet", "actor", "side", "n_direct", "n_indirect", "n_words", "quoted", "status"]
    outlets = list(_outlets(articles, q))
    names, sides = actors["actor"].tolist(), actors["actor_side"].tolist()
    keys = [(o, a) for o in outlets for a in names]  # every outlet × every speaker
    if not keys:
        return pd.DataFrame(columns=cols)
    per = (
        q.assign(_direct=direct, _indirect=q["kind"] == "indirect")
        .groupby(["outlet", "actor"])[["_direct", "_indirect", "direct_words"]]
        .sum()
        .reindex(pd.MultiIndex.from_tuples(keys, names=["outlet", "actor"]))
    )
    n_dir, n_ind, n_words = (
        [int(x) if x == x else 0 for x in per[c]] for c in ("_direct", "_indirect", "direct_words")
    )
    quoted = [bool(d + i) for d, i in zip(n_dir, n_ind, strict=True)]
    rows = {
        "outlet": [o for o, _ in keys],
        "actor": [a for _, a in keys],
        "side": sides * len(outlets),
        "n_direct": n_dir,
        "n_indirect": n_ind,
        "n_words": n_words,
        "quoted": quoted,
        "status": [
            "quoted" if qd else ("mentioned, not quoted" if k in mentioned else "absent")
            for qd, k in zip(quoted, keys, strict=True)
        ],
    }
    return pd.DataFrame(rows, columns=cols)


def speech_modes_by_outlet(
    articles: pd.DataFrame, quotes_df: pd.DataFrame | None = None, *, directory=None
) -> pd.DataFrame:
    """Direct versus reported speech per outlet.

    Returns `outlet, mode, count, words, share, ci_low, ci_high, n`: `mode` is `direct`
    (full, partial, embed) or `indirect`; `count` quotes with a speaker or not; `share` of the
    outlet's `n` quotes, with a Wilson interval. Nested quotes are not counted.
    """
    articles, q = _quotes_for(articles, quotes_df, directory)
    q = q[q["kind"].isin((*DIRECT_KINDS, "indirect"))]
    direct = _outermost(q[q["kind"].isin(DIRECT_KINDS)])
    q = pd.concat([direct, q[q["kind"] == "indirect"]])
    rows = []
    for outlet in _outlets(articles, q):
        g = q[q["outlet"] == outlet]
        n = len(g)
        for mode, mask in (
            ("direct", g["kind"].isin(DIRECT_KINDS)),
            ("indirect", g["kind"] == "indirect"),
        ):
            k = int(mask.sum())
            lo, hi = stats.wilson_ci(k, n) if n else (np.nan, np.nan)
            rows.append(
                {
                    "outlet": outlet,
                    "mode": mode,
                    "count": k,
                    "words": int(g.loc[mask, "n_words"].sum()),
                    "share": k / n if n else np.nan,
                    "ci_low": float(lo),
                    "ci_high": float(hi),
                    "n": n,
                }
            )
    cols = ["outlet", "mode", "count", "words", "share", "ci_low", "ci_high", "n"]
    return pd.DataFrame(rows, columns=cols)


def _norm_words(s: str) -> list[str]:
    return tokenize(s)


def _contains(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


#: Columns of `find_repeated_quotes`.
REPEATED_COLUMNS = [
    "group",
    "line",
    "n_outlets",
    "n_articles",
    "outlets",
    "outlet",
    "article_id",
    "kind",
    "speaker_text",
    "actor",
    "text",
]


def find_repeated_quotes(
    articles: pd.DataFrame,
    quotes_df: pd.DataFrame | None = None,
    *,
    kinds: tuple[str, ...] = DIRECT_KINDS,
    min_words: int = 2,
    min_articles: int = 2,
    threshold: float = 90.0,
    directory=None,
) -> pd.DataFrame:
    """Quotes carried by several articles: the same line, word for word or nearly.

    Two quotes are the same line when their normalised texts have a rapidfuzz ratio of at least
    `threshold`, or one (of `min_words` words or more) appears word for word inside the other
    ("no alternative" inside "There is no alternative to these documents").
    Returns one row per quote of every group found in at least `min_articles` articles:
    `group, line, n_outlets, n_articles, outlets, outlet, article_id, kind, speaker_text,
    actor, text` (`REPEATED_COLUMNS`) — `line` is the group's shortest text, `outlets` the
    outlets that carried it. No quotes (or none of `kinds`): an empty table with these columns.
    """
    from rapidfuzz import fuzz

    articles, q = _quotes_for(articles, quotes_df, directory)
    cols = REPEATED_COLUMNS
    if not len(q) or not {"kind", "text", "article_id"} <= set(q.columns):
        return pd.DataFrame(columns=cols)  # no quotes: no repeats
    q = q[q["kind"].isin(kinds)].reset_index(drop=True)
    words = [_norm_words(t) for t in q["text"]]
    ok = [len(w) >= min_words for w in words]
    parent = list(range(len(q)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(q)):
        if not ok[i]:
            continue
        for j in range(i + 1, len(q)):
            if not ok[j]:
                continue
            a, b = words[i], words[j]
            short, long = (a, b) if len(a) <= len(b) else (b, a)
            same = fuzz.ratio(" ".join(a), " ".join(b)) >= threshold or _contains(short, long)
            if same:
                parent[find(i)] = find(j)
    q["_root"] = [find(i) for i in range(len(q))]
    q = q[pd.Series(ok, index=q.index, dtype=bool)]  # a plain empty list would pick columns
    groups = []
    for _, g in q.groupby("_root", sort=False):
        if g["article_id"].nunique() < min_articles:
            continue
        line = min(g["text"], key=lambda t: (len(t), t)).strip(" ,.;:")
        outlets = sorted(g["outlet"].dropna().unique(), key=str)
        groups.append((-g["article_id"].nunique(), line, g, outlets))
    rows = []
    for k, (neg_n, line, g, outlets) in enumerate(sorted(groups, key=lambda t: (t[0], t[1]))):
        for r in g.sort_values(["outlet", "article_id", "start"], kind="stable").itertuples():
            rows.append(
                {
                    "group": k + 1,
                    "line": line,
                    "n_outlets": len(outlets),
                    "n_articles": -neg_n,
                    "outlets": "; ".join(map(str, outlets)),
                    "outlet": r.outlet,
                    "article_id": r.article_id,
                    "kind": r.kind,
                    "speaker_text": r.speaker_text,
                    "actor": r.actor,
                    "text": r.text,
                }
            )
    return pd.DataFrame(rows, columns=cols)


def quotes_in_context(
    articles: pd.DataFrame,
    quotes_df: pd.DataFrame | None = None,
    *,
    context: int = 12,
    directory=None,
) -> pd.DataFrame:
    """The quotes as an analyst reads them, for checking by hand and export to CSV.

    Returns `outlet, article_id, kind, speaker, actor, side, quote, in_context, n_words,
    confidence, method, flags, start, end`, ordered by outlet and position. `in_context` is the
    quote's concordance line (`presslens.text.concordance`: up to `context` words either side,
    within its paragraph) with the quote itself in [[…]].
    """
    articles, q = _quotes_for(articles, quotes_df, directory)
    lines = concordance(articles, q[["article_id", "start", "end"]], context=context)
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    rows = []
    for r, line in zip(q.itertuples(), lines.itertuples(), strict=True):
        t, a, b = texts.get(r.article_id, ""), int(r.start), int(r.end)
        left = line.left + (" " if line.left and t[a - 1 : a].isspace() else "")
        right = (" " if line.right and t[b : b + 1].isspace() else "") + line.right
        rows.append(
            {
                "outlet": r.outlet,
                "article_id": r.article_id,
                "kind": r.kind,
                "speaker": r.speaker_text if isinstance(r.speaker_text, str) else "",
                "actor": r.actor if isinstance(r.actor, str) else "",
                "side": side_label(r._asdict()),
                "quote": r.text,
                "in_context": f"{left}[[{r.text}]]{right}",
                "n_words": r.n_words,
                "confidence": r.confidence,
                "method": r.method if isinstance(r.method, str) else "",
                "flags": r.flags,
                "start": a,
                "end": b,
            }
        )
    out = pd.DataFrame(rows, columns=READABLE_COLUMNS)
    return out.sort_values(["outlet", "article_id", "start", "kind"], kind="stable").reset_index(
        drop=True
    )


READABLE_COLUMNS = [
    "outlet",
    "article_id",
    "kind",
    "speaker",
    "actor",
    "side",
    "quote",
    "in_context",
    "n_words",
    "confidence",
    "method",
    "flags",
    "start",
    "end",
]
