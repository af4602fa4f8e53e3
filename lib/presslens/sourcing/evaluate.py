"""Scoring `find_quotes` against hand labels: reading the gold, pairing predicted with gold
quotes, and precision, recall, F1 and speaker accuracy per kind group."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import speech
from .document import DIRECT_KINDS
from .resolution import resolver

#: Kind groups scored separately: direct speech, reported speech, and names/scare terms.
SCORE_GROUPS = {"direct": DIRECT_KINDS, "indirect": ("indirect",), "names": ("title", "scare")}
_STRIP = re.compile(r"[\W_]+", re.UNICODE)
MATCH_COLUMNS = [
    "group",
    "article_id",
    "gold_kind",
    "pred_kind",
    "gold_text",
    "pred_text",
    "score",
    "matched",
    "speaker_ok",
    "gold_speaker",
    "pred_speaker",
]


def gold_quotes(labels: dict | list, articles: pd.DataFrame) -> pd.DataFrame:
    """Hand labels → `article_id, kind, start, end, text, speaker, speaker_aliases, unclosed`.

    `labels` is the `quotes` list of a gold file (or the whole file): each label gives the
    article (`file`, matched to `articles.file`, or `article_id`), the exact quote text and,
    when the text repeats, its `occurrence` (0-based).
    """
    items = labels["quotes"] if isinstance(labels, dict) else labels
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    by_file = {}
    if "file" in articles.columns:
        by_file = dict(zip(articles["file"], articles["article_id"], strict=True))
    rows = []
    for lab in items:
        aid = by_file[lab["file"]] if "file" in lab else lab["article_id"]
        text = texts[aid]
        pos = -1
        for _ in range(int(lab.get("occurrence", 0)) + 1):
            pos = text.find(lab["text"], pos + 1)
            if pos < 0:
                raise ValueError(f"label not found in {aid}: {lab['text'][:60]!r}")
        rows.append(
            {
                "article_id": aid,
                "kind": lab["kind"],
                "start": pos,
                "end": pos + len(lab["text"]),
                "text": lab["text"],
                "speaker": lab.get("speaker"),
                "speaker_aliases": list(lab.get("speaker_aliases", [])),
                "unclosed": bool(lab.get("unclosed", False)),
            }
        )
    return pd.DataFrame(rows)


def spans_match(a: tuple[int, int, str], b: tuple[int, int, str]) -> float:
    """Match score of two `(start, end, text)` spans: overlap / length of the longer span, or
    1.0 when the texts are equal once marks, punctuation, spaces and case are dropped.
    A pair counts as the same quote at 0.5 or more."""
    if _STRIP.sub("", a[2]).casefold() == _STRIP.sub("", b[2]).casefold() and a[2].strip():
        if min(a[1], b[1]) > max(a[0], b[0]):  # equal text and overlapping place
            return 1.0
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / max(a[1] - a[0], b[1] - b[0])


def _str(x) -> bool:
    return isinstance(x, str) and bool(x)


def _name_key(rules, s: str) -> list[str]:
    s = rules.strip_title(str(s)).replace(".", "")
    return [w for w in re.findall(r"\w+", s.casefold()) if w not in {"the", "a", "an", "some"}]


def speaker_correct(predicted: dict, gold: dict, *, directory=None) -> bool:
    """Whether a predicted speaker (`speaker_text`, `actor`) agrees with a gold label
    (`speaker`, `speaker_aliases`): same lexicon actor (lexicons from `directory`), or the same
    name (typos forgiven, a more specific predicted name such as "spokeswoman Jane Doe"
    accepted, a surname alone too)."""
    from rapidfuzz import fuzz

    g_names = [gold.get("speaker")] + list(gold.get("speaker_aliases") or [])
    g_names = [n for n in g_names if isinstance(n, str) and n]
    p_names = [n for n in (predicted.get("speaker_text"), predicted.get("actor")) if _str(n)]
    if not g_names:
        return not p_names
    if not p_names:
        return False
    rules = speech.rules(directory)
    hit = resolver(rules, directory).resolve(g_names[0])
    if hit and predicted.get("actor") and str(hit["actor"]) == str(predicted["actor"]):
        return True
    for g in g_names:
        gk = _name_key(rules, g)
        for p in p_names:
            pk = _name_key(rules, p)
            if gk and (set(gk) <= set(pk) or fuzz.ratio(" ".join(gk), " ".join(pk)) >= 90):
                return True
            # a surname alone ("Doe" for "Jane Doe")
            words = str(p).split()
            if (
                len(pk) == 1
                and len(gk) >= 2
                and pk[0] == gk[-1]
                and words[-1][:1].isupper()
                and pk[0] not in rules.speaker_nouns
            ):
                return True
    return False


def _pairs(g: pd.DataFrame, p: pd.DataFrame) -> dict:
    """Gold row → (predicted row, score): one to one, best overlap first."""
    pairs = []
    for gi, gr in g.iterrows():
        for pi, pr in p[p["article_id"] == gr["article_id"]].iterrows():
            s = spans_match((gr.start, gr.end, gr.text), (pr.start, pr.end, pr.text))
            if s >= 0.5:
                pairs.append((s, gi, pi))
    used_g, used_p, best = set(), set(), {}
    for s, gi, pi in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            best[gi] = (pi, s)
    return best


def _row(group: str, gr, pr, score: float, speaker_ok) -> dict:
    """One line of `match_quotes`: a gold quote `gr` and/or a predicted one `pr` (None when
    missing)."""
    return {
        "group": group,
        "article_id": (gr if gr is not None else pr)["article_id"],
        "gold_kind": gr["kind"] if gr is not None else None,
        "pred_kind": pr["kind"] if pr is not None else None,
        "gold_text": gr["text"] if gr is not None else None,
        "pred_text": pr["text"] if pr is not None else None,
        "score": score,
        "matched": gr is not None and pr is not None,
        "speaker_ok": speaker_ok,
        "gold_speaker": gr["speaker"] if gr is not None else None,
        "pred_speaker": pr["speaker_text"] if pr is not None else None,
    }


def match_quotes(predicted: pd.DataFrame, gold: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Pair predicted with gold quotes, one to one, within each kind group of `SCORE_GROUPS`.

    Returns one row per gold quote and per unmatched prediction: `group, article_id,
    gold_kind, pred_kind, gold_text, pred_text, score, matched, speaker_ok, gold_speaker,
    pred_speaker` (speakers compared by `speaker_correct`, lexicons from `directory`).
    """
    rows = []
    for group, kinds in SCORE_GROUPS.items():
        g = gold[gold["kind"].isin(kinds)]
        p = predicted[predicted["kind"].isin(kinds)]
        best = _pairs(g, p)
        for gi, gr in g.iterrows():
            pi, s = best.get(gi, (None, 0.0))
            pr = p.loc[pi] if pi is not None else None
            ok = None
            if pr is not None:
                ok = speaker_correct(pr.to_dict(), gr.to_dict(), directory=directory)
            rows.append(_row(group, gr, pr, s, ok))
        used = {pi for pi, _ in best.values()}
        rows += [_row(group, None, pr, 0.0, None) for pi, pr in p.iterrows() if pi not in used]
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def quote_scores(matches: pd.DataFrame) -> pd.DataFrame:
    """Per kind group: `group, n_gold, n_predicted, n_matched, precision, recall, f1,
    speaker_accuracy` (share of matched gold quotes whose speaker is right)."""
    rows = []
    for group in SCORE_GROUPS:
        m = matches[matches["group"] == group]
        n_gold = int(m["gold_text"].notna().sum())
        n_pred = int(m["pred_text"].notna().sum())
        n_match = int(m["matched"].sum())
        prec = n_match / n_pred if n_pred else np.nan
        rec = n_match / n_gold if n_gold else np.nan
        f1 = 2 * prec * rec / (prec + rec) if n_match else 0.0
        ok = m.loc[m["matched"], "speaker_ok"].astype(bool)
        rows.append(
            {
                "group": group,
                "n_gold": n_gold,
                "n_predicted": n_pred,
                "n_matched": n_match,
                "precision": prec,
                "recall": rec,
                "f1": f1,
                "speaker_accuracy": float(ok.mean()) if len(ok) else np.nan,
            }
        )
    return pd.DataFrame(rows)
