"""How well the cleaner keeps body text: kept text scored against a dev set's gold body.

The metric is the one of the Article Extraction Benchmark and trafilatura's evaluations (and of
`../shared/devsets/score_cleaning.py`): the kept text and the gold body are cut into word 4-gram
shingles (words: runs of `\\w`, the benchmark's tokenisation, not the suite's word count), and a
page's precision and recall are the shared shingles over the kept and over the gold ones. Pages
are averaged; the summary's `f1` is the harmonic mean of the averaged precision and recall (the
benchmark's figure), `mean_f1` the average of the pages' own F1. A page the ingest did not keep
scores recall 0 and no precision. Every figure is reported for the `tune` and the `held_out`
part apart (`presslens.devsets.part_of`): the held-out part is read only to report.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .. import stats
from ..devsets import part_of

#: A word of the metric (the benchmark's tokenisation).
_METRIC_WORD = re.compile(r"\w+")
SHINGLE = 4
BODY_COLUMNS = ["id", "part", "precision", "recall", "f1", "language"]


def shingles(text: str | None, n: int = SHINGLE) -> Counter:
    """The word n-grams of `text` with their counts (a text shorter than `n` words: one gram)."""
    words = _METRIC_WORD.findall(text or "")
    if len(words) <= n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(zip(*(words[i:] for i in range(n)), strict=False))


def page_scores(gold: str | None, kept: str | None) -> tuple[float | None, float, float | None]:
    """`(precision, recall, f1)` of one page's kept text against its gold body; precision (and
    F1) is None when nothing was kept and the gold has text."""
    want, got = shingles(gold), shingles(kept)
    if not want and not got:
        return 1.0, 1.0, 1.0
    hits = sum((want & got).values())
    precision = hits / sum(got.values()) if got else None
    recall = hits / sum(want.values()) if want else 1.0
    if precision is None:
        return None, recall, None
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _read_articles(processed: str | Path, columns: list[str]) -> pd.DataFrame:
    """Some columns of every article in an ingest's output folder (only the parts it lists)."""
    from ..ingest.layout import ARTICLES, part_records

    folder = Path(processed)
    listed = sorted(rel for rel in part_records(folder) if rel.startswith(ARTICLES + "/"))
    if listed:
        return pd.concat([pd.read_parquet(folder / rel, columns=columns) for rel in listed])
    return pd.read_parquet(folder / ARTICLES, columns=columns)


def read_kept(processed: str | Path) -> pd.DataFrame:
    """`id, text, language` of every article in an ingest's output folder (`id`: the file's
    name up to its first dot, as the dev sets name pages). Reads only the parts the ingest lists."""
    frame = _read_articles(processed, ["file", "text", "language"])
    ids = frame["file"].map(lambda f: Path(str(f)).name.split(".")[0])
    return pd.DataFrame(
        {"id": ids.to_numpy(), "text": frame["text"].to_numpy(), "language": frame["language"]}
    ).reset_index(drop=True)


def _kept_texts(kept) -> tuple[dict[str, str], dict[str, str]]:
    if isinstance(kept, str | Path):
        kept = read_kept(kept)
    if isinstance(kept, pd.DataFrame):
        language = kept["language"] if "language" in kept.columns else pd.Series("", kept.index)
        texts = dict(zip(kept["id"].astype(str), kept["text"], strict=True))
        return texts, dict(zip(kept["id"].astype(str), language, strict=True))
    texts = {}
    for page_id, value in kept.items():
        texts[str(page_id)] = "\n\n".join(value) if isinstance(value, list | tuple) else value
    return texts, {}


def _gold_bodies(gold) -> dict[str, str]:
    if isinstance(gold, str | Path):
        gold = json.loads(Path(gold).read_text(encoding="utf-8"))
    return {str(k): (v.get("body") if isinstance(v, Mapping) else v) for k, v in gold.items()}


def body_scores(kept, gold, *, ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Per-page body scores: `id, part, precision, recall, f1, language`.

    `kept`: an ingest's output folder, a DataFrame with `id, text[, language]`, or a mapping of
    page id to kept text (or to its kept paragraphs); `gold`: a `gold.json` path or its dict
    (`{id: {"body": ...}}` or `{id: body}`). Every gold page is scored (only `ids` when given);
    one missing from `kept` has recall 0 and no precision. `language` is the cleaner's guess.
    """
    texts, languages = _kept_texts(kept)
    bodies = _gold_bodies(gold)
    wanted = list(bodies) if ids is None else [str(i) for i in ids]
    rows = []
    for page_id in wanted:
        text = texts.get(page_id)
        precision, recall, f1 = page_scores(bodies.get(page_id), text)
        language = languages.get(page_id, "") if text is not None else ""
        rows.append((page_id, part_of(page_id), precision, recall, f1, language or ""))
    frame = pd.DataFrame(rows, columns=BODY_COLUMNS)
    for column in ("precision", "recall", "f1"):
        frame[column] = frame[column].astype(float)
    return frame


def summarize_body(
    scores: pd.DataFrame, by: str | list[str] = "part", *, n_resamples: int = 1000
) -> pd.DataFrame:
    """`<by>, pages, precision, recall, f1, mean_f1` from `body_scores`: precision averaged over
    pages with output, recall over all, `f1` of the two averages (the benchmark's figure),
    `mean_f1` the pages' own F1 averaged (a page with no output counts 0), and `f1_low, f1_high`
    the 95% interval of `f1` over pages (bootstrap, `n_resamples`; none when 0). One row per group
    and an `all` row."""
    keys = [by] if isinstance(by, str) else list(by)
    rows = []

    def f1_of(group: pd.DataFrame) -> float:
        p = group["precision"].mean()
        r = group["recall"].mean()
        p = 0.0 if np.isnan(p) else p
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(label: tuple, group: pd.DataFrame) -> dict:
        p = group["precision"].mean()
        low, high = (
            stats.bootstrap_ci(group[["precision", "recall"]], f1_of, n_resamples=n_resamples)
            if n_resamples
            else (np.nan, np.nan)
        )
        return {
            **dict(zip(keys, label, strict=True)),
            "pages": len(group),
            "precision": 0.0 if np.isnan(p) else p,
            "recall": group["recall"].mean(),
            "f1": f1_of(group),
            "mean_f1": group["f1"].fillna(0.0).mean(),
            "f1_low": low,
            "f1_high": high,
        }

    for label, group in scores.groupby(keys, sort=True):
        rows.append(row(label if isinstance(label, tuple) else (label,), group))
    rows.append(row(tuple("all" for _ in keys), scores))
    return pd.DataFrame(rows)


_MONTHS = (
    "January February March April May June July August September October November December"
).split()
DATE_COLUMNS = ["id", "part", "gold", "found", "printed", "right"]


def printed_forms(day) -> list[str]:
    """The common ways a page prints a calendar day in English: "March 5, 2024", "5 March 2024",
    "Mar. 5, 2024", "2024-03-05", "05.03.2024", "3/15/2024" and their variants (a slashed day
    only when it cannot be read the other way round)."""
    day = pd.Timestamp(day).date()
    d, m, y = day.day, day.month, day.year
    forms = [f"{y}-{m:02d}-{d:02d}", f"{d}.{m}.{y}", f"{d:02d}.{m:02d}.{y}"]
    if d > 12 or d == m:  # "3/5/2024" is March 5 or 3 May: a slashed day must be unambiguous
        forms += [f"{m}/{d}/{y}", f"{m:02d}/{d:02d}/{y}", f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y}"]
    for month in {_MONTHS[m - 1], _MONTHS[m - 1][:3], _MONTHS[m - 1][:3] + "."}:
        for day_text in {str(d), f"{d:02d}"}:
            forms += [f"{month} {day_text}, {y}", f"{month} {day_text} {y}"]
            forms += [f"{day_text} {month} {y}", f"{day_text} {month}, {y}"]
    return sorted(set(forms))


def prints_date(text: str, day) -> bool:
    """Whether `text` prints the calendar day `day` in one of its `printed_forms` (whole, not as
    part of a longer number or word; an ISO day may run on into its time, "2024-03-05T10:00")."""
    flat = re.sub(r"\s+", " ", text or "")
    return any(
        re.search(
            r"(?<![\w/.-])" + re.escape(form) + r"(?![^\W\dT_]|[\d/_]|\.\d)", flat, re.IGNORECASE
        )
        for form in printed_forms(day)
    )


def date_scores(
    processed: str | Path, gold, pages: str | Path, *, ids: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per-page dates: `id, part, gold, found, printed, right` for every gold page with a full
    date: `printed` when its page (`pages/<id>.txt`) prints that day in a common form (the pages a
    date finder can be asked to get), `right` when the ingest in `processed` found the same day.
    """
    frame = _read_articles(processed, ["file", "published"])
    stems = [Path(str(f)).name.split(".")[0] for f in frame["file"]]
    found = dict(zip(stems, frame["published"], strict=True))
    if isinstance(gold, str | Path):
        gold = json.loads(Path(gold).read_text(encoding="utf-8"))
    wanted = None if ids is None else {str(i) for i in ids}
    rows = []
    for page_id, entry in gold.items():
        if wanted is not None and str(page_id) not in wanted:
            continue
        want = str(entry.get("published") or "")
        if len(want) < 10:
            continue
        got = found.get(str(page_id))
        got = None if got is None or pd.isna(got) else pd.Timestamp(got).date().isoformat()
        page = Path(pages) / f"{page_id}.txt"
        text = page.read_text(encoding="utf-8", errors="replace") if page.is_file() else ""
        printed = prints_date(text, want[:10])
        rows.append(
            (str(page_id), part_of(str(page_id)), want[:10], got, printed, got == want[:10])
        )
    return pd.DataFrame(rows, columns=DATE_COLUMNS)


def summarize_dates(scores: pd.DataFrame, by: str = "part") -> pd.DataFrame:
    """`<by>, pages, printed, right, share, share_low, share_high` from `date_scores`: of the
    pages that print their date, how many got it (`share`, with its Wilson 95% interval); `pages`
    counts every page with a gold date. One row per group and an `all` row."""
    rows = []
    groups = [*scores.groupby(by, sort=True), ("all", scores)]
    for label, group in groups:
        printed = group[group["printed"].astype(bool).to_numpy()]
        right = int(printed["right"].sum())
        low, high = stats.wilson_ci(right, len(printed)) if len(printed) else (np.nan, np.nan)
        share = right / len(printed) if len(printed) else np.nan
        rows.append((label, len(group), len(printed), right, share, low, high))
    columns = [by, "pages", "printed", "right", "share", "share_low", "share_high"]
    return pd.DataFrame(rows, columns=columns)
