"""Cleaned pages and the analyst's `metadata.csv` → the rows of the articles table.

The sheet wins over what was inferred from a page (outlet, date, URL, language); a page kept once
(same bytes, or the same article text in a different page) and every per-page message go into the
report. Columnar throughout: NumPy arrays in file order, no per-page dicts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from ..clean.outlet_folders import settle_outlets
from ..raw import METADATA_FILE
from .cache import PageCache, strings
from .extract import PAGE_LIGHT
from .layout import ARTICLE_COLUMNS

#: Columns the page gives and an analyst's sheet may correct (the sheet's cell wins when filled).
SHEET_WINS = ("author",)


def extra_columns(sheet) -> tuple[list[str], list[str]]:
    """The sheet's extra columns carried into `articles`, and messages for those that clash with
    a column the suite computes."""
    extras, clashes = [], []
    for column in sheet.extra_columns:
        if column in SHEET_WINS:
            continue
        if column in ARTICLE_COLUMNS:
            clashes.append(
                f"{METADATA_FILE}: column {column!r} clashes with a column the suite computes; "
                "ignored"
            )
        else:
            extras.append(column)
    return extras, clashes


def _blank_to_none(values) -> np.ndarray:
    out = np.asarray(values, dtype=object).copy()
    out[out == ""] = None
    return out


def article_rows(
    rels, sha, keys, cache: PageCache, sheet, extras, report
) -> tuple[dict, np.ndarray, np.ndarray]:
    """The articles as columns (all but `text`) in file order, each row's cache key, and each
    row's signature (what it is made of). Pages kept once (same bytes, or same article text) and
    per-page messages go into `report`."""
    pos = cache.find(keys)
    have = np.flatnonzero(pos >= 0)
    light = cache.light.take(pos[have])
    page = {c: strings(light[c]) for c in PAGE_LIGHT if PAGE_LIGHT[c] == pa.string()}
    page |= {c: light[c].to_numpy() for c in PAGE_LIGHT if PAGE_LIGHT[c] == pa.int64()}
    page |= {"file": np.asarray(rels, dtype=object)[have], "sha": sha[have], "key": keys[have]}
    keep = np.ones(len(have), bool)
    for column, has_text, says in (
        ("sha", np.ones(len(have), bool), "same content as {}"),
        ("text_key", page["n_kept"] > 0, "same article text as {} (different page around it)"),
    ):
        values = pd.Series(page[column], dtype=object)
        repeat = values.duplicated().to_numpy() & keep & has_text
        firsts = dict(zip(values[keep][::-1], page["file"][keep][::-1], strict=True))
        for rel, value in zip(page["file"][repeat], values[repeat], strict=True):
            first = firsts[value]
            report[rel] = ("warning", f"{rel}: {says.format(first)}; kept once (as {first})")
        keep &= ~repeat
    page = {c: v[keep] for c, v in page.items()}
    # a title part several pages of a folder share is the site, not a columnist or kicker
    blank = np.full(len(page["file"]), "", dtype=object)
    settled = settle_outlets(
        pd.DataFrame(
            {c: page.get(c, blank) for c in ("file", "outlet", "outlet_source", "title_line")}
        )
    )
    page["outlet"] = settled["outlet"].fillna("").to_numpy(object)
    page["outlet_source"] = settled["outlet_source"].to_numpy(object)

    by_file, none = sheet.by_file, {}
    sheet_rows = [by_file.get(f, none) for f in page["file"]]
    sheet_value = {
        c: np.array([r.get(c, "") for r in sheet_rows], dtype=object)
        for c in sheet.columns
        if c != "file"
    }
    sheet_has = {c: v != "" for c, v in sheet_value.items()}
    published = np.where(sheet_has["published"], sheet_value["published"], page["published"])
    date_source = np.where(
        sheet_has["published"],
        "metadata",
        np.where(
            (page["published"] != "") & (page["date_source"] != ""), page["date_source"], "none"
        ),
    )
    # Where the outlet came from: the sheet ("metadata"), else the page (see
    # `clean.outlets`: html, url, dateline, title, self, copyright), else "none".
    page_source = page.get("outlet_source", np.full(len(page["file"]), "", dtype=object))
    outlet_source = np.where(
        sheet_has["outlet"],
        "metadata",
        np.where((page["outlet"] != "") & (page_source != ""), page_source, "none"),
    )
    language = np.where(sheet_has["language"], sheet_value["language"], page["language"])
    language = np.where(language == "", "und", language).astype(object)
    title = _blank_to_none(page["title"])
    author = page.get("author", blank)
    if "author" in sheet_value:
        author = np.where(sheet_has["author"], sheet_value["author"], author)
    columns = {
        "article_id": np.array([s[:16] for s in page["sha"]], dtype=object),
        "file": page["file"],
        "outlet": _blank_to_none(
            np.where(sheet_has["outlet"], sheet_value["outlet"], page["outlet"])
        ),
        "title": title,
        "author": _blank_to_none(author),
        "published": pd.to_datetime(
            pd.Series(_blank_to_none(published), dtype=object), format="ISO8601"
        ).to_numpy("datetime64[ns]"),
        "date_source": date_source.astype(object),
        "outlet_source": outlet_source.astype(object),
        "url": _blank_to_none(np.where(sheet_has["url"], sheet_value["url"], page["html_url"])),
        "language": language,
        "n_paragraphs": page["n_kept"],
        "n_words": page["n_words"],
        "raw_sha256": page["sha"],
        **{c: _blank_to_none(sheet_value[c]) for c in extras},
    }
    for rel, warning, n_kept, has_title, lang, own_language, removal in zip(
        page["file"],
        page["warning"],
        page["n_kept"],
        title != None,  # noqa: E711 - elementwise
        language,
        ~sheet_has["language"],
        page["removal"],
        strict=True,
    ):
        messages = [warning] if warning else []
        if not n_kept:
            messages.append("no article text found: every paragraph was judged boilerplate")
        if not has_title:
            messages.append("no title found")
        if own_language and lang not in ("en", "und"):
            messages.append(f"language detected as {lang!r} (kept)")
        report[rel] = (
            "warning" if messages else "ok",
            f"{rel}: " + "; ".join([*messages, removal]),
        )
    return columns, page["key"], _row_signatures(page["file"], page["key"], sheet_value)


def _row_signatures(files: np.ndarray, keys: np.ndarray, sheet: dict[str, np.ndarray]):
    """What an output row is made of (file, cleaned page, its sheet row), as one string: a part
    whose rows' signatures are unchanged is not rebuilt."""
    rows = zip(files, keys, *sheet.values(), strict=True)
    return np.array(["\x1f".join(parts) for parts in rows], dtype=object)
