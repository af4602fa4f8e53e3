"""Scoring `find_quotes` against hand labels: reading the gold, pairing predicted with gold
quotes, and precision, recall, F1 and speaker accuracy per kind group."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import stats
from . import speech
from .document import DIRECT_KINDS
from .extract import find_quotes
from .labels import labelled_pages, locate_labels, read_quote_labels
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
    "gold_row",
]


def gold_quotes(labels, articles: pd.DataFrame, *, paragraphs=None) -> pd.DataFrame:
    """Hand labels → `article_id, kind, start, end, text, speaker, speaker_aliases, unclosed`.

    `labels` is the `quotes` list of a gold file (or the whole file): each label gives the
    article (`file`, matched to `articles.file`, or `article_id`), the exact quote text and,
    when the text repeats, its `occurrence` (0-based). Or `labels` are offset labels into
    dev-set pages (`read_quote_labels`, or their dicts): each is then located in the ingested
    page (`labels.locate_labels`, with `paragraphs` giving the cleaner's reason for a lost one),
    and the table also has `id, speaker_type, located, reason`.
    """
    if isinstance(labels, pd.DataFrame) or (
        isinstance(labels, list) and labels and "start" in labels[0]
    ):
        table = labels if isinstance(labels, pd.DataFrame) else pd.DataFrame(labels)
        table = table.assign(set=table["set"] if "set" in table else "wcxb")
        for col in ("speaker", "speaker_type", "speaker_role"):
            if col not in table:
                table[col] = None
        return locate_labels(table, articles, paragraphs)
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
        "gold_row": gr.name if gr is not None else None,
    }


def match_quotes(predicted: pd.DataFrame, gold: pd.DataFrame, *, directory=None) -> pd.DataFrame:
    """Pair predicted with gold quotes, one to one, within each kind group of `SCORE_GROUPS`.

    Returns one row per gold quote and per unmatched prediction: `group, article_id,
    gold_kind, pred_kind, gold_text, pred_text, score, matched, speaker_ok, gold_speaker,
    pred_speaker, gold_row` (speakers compared by `speaker_correct`, lexicons from
    `directory`; `gold_row` is the gold quote's index label in `gold`).
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


@dataclass
class QuoteEvaluation:
    """What `evaluate_quotes` measured: `scores` (one row), the `matches` of direct quotes
    (`match_quotes`), the located `gold` and the `predicted` quotes."""

    scores: pd.DataFrame
    matches: pd.DataFrame
    gold: pd.DataFrame
    predicted: pd.DataFrame


def _ingest_pages(ids, folder: Path, set_name: str):
    """The dev-set pages `ids` ingested into `folder`: `(articles, paragraphs)`."""
    from presslens import dataset, devsets
    from presslens.ingest import ingest

    raw = devsets.stage_pages(set_name, folder / "raw", ids=ids)
    out = folder / "processed"
    ingest(raw, out, workers=1, progress=False)
    return dataset.load_articles(out), dataset.load_paragraphs(out)


def evaluate_quotes(
    folder=None,
    part: str = "tune",
    *,
    articles: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    directory=None,
    set_name: str = "wcxb",
) -> QuoteEvaluation:
    """Direct-quote span F1 and speaker accuracy of `find_quotes` on the labelled pages of one
    dev-set `part` (labels from `folder`, default `data/gold/quotes/`; see `labels`).

    The pages are ingested afresh in a temporary folder unless `articles` (and `paragraphs`,
    for the cleaner's reasons) are given. `scores` has `part, n_pages, n_gold, n_lost,
    n_predicted, n_matched, precision, recall, f1` (every gold quote counts: one the cleaner
    dropped is a miss), `f1_extractor` (gold the cleaner dropped left out), `n_named` (matched
    gold quotes with a named person or organisation), `speaker_accuracy` (share of those whose
    speaker is right, `speaker_correct`), `named_found` (share given any speaker), and Wilson
    intervals `speaker_low, speaker_high` and `recall_low, recall_high`.
    """
    labels = read_quote_labels(folder, part=part, set_name=set_name)
    ids = labelled_pages(folder, part=part)
    if articles is None:
        with tempfile.TemporaryDirectory(prefix="presslens-quotes-") as tmp:
            articles, paragraphs = _ingest_pages(ids, Path(tmp), set_name)
    files = {f"{i}.txt" for i in ids}
    articles = articles[articles["file"].astype(str).isin(files)]
    gold = gold_quotes(labels, articles, paragraphs=paragraphs)
    predicted = find_quotes(articles, workers=1, directory=directory)
    lost = gold["located"] != "article"
    direct = {"direct": SCORE_GROUPS["direct"]}
    all_m = _match_group(predicted, gold, direct, directory)
    kept_m = _match_group(predicted, gold[~gold["located"].isin(["dropped", "not found"])],
                          direct, directory)  # fmt: skip
    score = quote_scores(all_m).set_index("group").loc["direct"]
    extractor = quote_scores(kept_m).set_index("group").loc["direct"]
    named_rows = gold.index[gold["speaker"].notna() & gold["speaker_type"].isin(_NAMED)]
    named = all_m[all_m["matched"] & all_m["gold_row"].isin(named_rows)]
    row = {
        "part": part,
        "n_pages": len(ids),
        "n_gold": int(score["n_gold"]),
        "n_lost": int((lost & gold["kind"].isin(DIRECT_KINDS)).sum()),
        "n_predicted": int(score["n_predicted"]),
        "n_matched": int(score["n_matched"]),
        "precision": score["precision"],
        "recall": score["recall"],
        "f1": score["f1"],
        "f1_extractor": extractor["f1"],
        "n_named": len(named),
        "speaker_accuracy": named["speaker_ok"].astype(bool).mean() if len(named) else np.nan,
        "named_found": named["pred_speaker"].notna().mean() if len(named) else np.nan,
    }
    # Wilson intervals: speaker accuracy over the named quotes; recall over the gold quotes
    row["speaker_low"], row["speaker_high"] = stats.wilson_ci(
        int(named["speaker_ok"].astype(bool).sum()), len(named)
    )
    row["recall_low"], row["recall_high"] = stats.wilson_ci(row["n_matched"], row["n_gold"])
    return QuoteEvaluation(pd.DataFrame([row]), all_m, gold, predicted)


_NAMED = ("person", "organisation", "organization")


def _match_group(predicted, gold, groups: dict, directory) -> pd.DataFrame:
    """`match_quotes` within the kind groups `groups` only."""
    kinds = [k for ks in groups.values() for k in ks]
    m = match_quotes(predicted[predicted["kind"].isin(kinds)], gold[gold["kind"].isin(kinds)],
                     directory=directory)  # fmt: skip
    return m[m["group"].isin(list(groups))].reset_index(drop=True)
