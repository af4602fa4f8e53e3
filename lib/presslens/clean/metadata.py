"""Title, outlet, publication date (with its source) and language of a cleaned page.

Everything here is inferred from what the page itself states, never guessed:

* **title**: the headline row `clean_page` marked `title`; else the HTML `<title>` (minus a
  " | Site" suffix); else the title inside a glued metadata run.
* **published**: from HTML metadata (`date_source="html"`), else a dateline the page states for
  the article ("31 May 2023 09:17", "Date: ...", a metadata run "News May 4, 2023 No Comments
  on ..."; `"dateline"`), else a full date in the headline ("Update as of 30/06/23"; `"title"`),
  else None (`"none"`). Dates in the body, in related headlines and in a page-header "today"
  widget are never publication dates, nor is a date outside `dates.in_page_range` (after
  tomorrow, or before 1990 unless `PRESSLENS_DATE_MIN` says otherwise).
* **outlet**: from the page's self-references — copyright lines ("Example.com © 2025"), reuse
  terms ("hyperlink to X"), the outlet naming itself in a subscription or recruitment notice
  ("abonnement Le Courrier", '"Daily Example" seeks ...'), "More from X", a site URL glued to a
  byline, contact e-mail domains, the HTML site name. Candidates are grouped by name (so
  "Example.com", "Example.Com" and example.com are one), weighed, and the form the page uses
  most in its own branding is returned. Below a minimum of evidence the outlet is None.
* **language**: ISO 639-1 from script and stop-word overlap (`languages.detect_language`).

`parse_page_date` is the suite's one parser of dates in page text (`presslens.dates` holds the
range it accepts; `datelines` the month table and the date pattern it reads).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings

import pandas as pd

from .. import dates
from .datelines import (
    DATE_RX,
    LABEL_ONLY_RX,
    MONTH_PATTERN,
    TODAY_RX,
    UPDATE_LABELS,
    WEEKDAYS,
    alternation,
    lead_dateline,
    month_number,
)
from .languages import detect_language
from .outlet_evidence import hosting_platform, on_platform
from .outlets import find_outlet
from .paragraphs import split_meta_run, split_paragraphs
from .rowsearch import rows_matching
from .titles import find_title as _find_title
from .titles import printed_heading as _printed_heading
from .titles import title_line as _title_line
from .titles import unjoined_heading

__all__ = [
    "infer_metadata",
    "parse_page_date",
    "find_page_dates",
    "infer_outlet",
    "writes_month_first",
]

#: A year, or a day and month in figures: a row without one holds no full date (cheap test).
_NUMERIC_DATE = re.compile(r"(?<![\d./-])(\d{1,2})[./-](\d{1,2})[./-](?:\d{4}|\d\d)(?![\d./-])")
_MAY_HOLD_DATE = re.compile(r"\d(?:\d\d\d|[./-]\d{1,2}[./-]\d\d)")


# --------------------------------------------------------------------------------------------
# Dates


def _year(value: str) -> int:
    y = int(value)
    if len(value) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _date_from_match(m: re.Match, month_first: bool = False) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["d1"]:
            day, month, year = int(g["d1"]), month_number(g["m1"]), _year(g["y1"])
        elif g["m2"]:
            day, month, year = int(g["d2"]), month_number(g["m2"]), _year(g["y2"])
        elif g["y3"]:
            day, month, year = int(g["d3"]), int(g["m3"]), int(g["y3"])
        elif g["y5"]:
            day, month, year = int(g["d5"]), month_number(g["m5"]), int(g["y5"])
        elif g["y6"]:
            day, month, year = int(g["d6"]), int(g["m6"]), int(g["y6"])
        else:
            a, b, year = int(g["a4"]), int(g["b4"]), _year(g["y4"])
            # Day first (as most of the world writes it) unless only month-first is valid or
            # the page writes month first (`month_first`).
            day, month = (b, a) if a <= 12 < b or month_first and b <= 12 else (a, b)
        found = dt.date(year, month or 0, day)
    except (KeyError, ValueError, TypeError):
        return None
    # The suite's one date range (`dates.in_page_range`): nothing after tomorrow, nothing a web
    # page could not have been published on.
    return found if dates.in_page_range(found) else None


def find_page_dates(
    text: str | None, *, month_first: bool = False
) -> list[tuple[int, int, dt.date]]:
    """Every valid full date in `text` as `(start, end, date)`, in order (see
    `parse_page_date` for the forms understood; `month_first` reads "03/01/2017" as March 1)."""
    if not text or not _MAY_HOLD_DATE.search(text):
        return []
    found = []
    for m in DATE_RX.finditer(text):
        date = _date_from_match(m, month_first)
        if date is not None:
            found.append((m.start(), m.end(), date))
    return found


def writes_month_first(texts: list[str], language: str) -> bool:
    """Whether a page writes numeric dates month first ("12/31/2023"): its own unambiguous
    numeric dates say so; without any, English pages do (as the US writes them)."""
    day_first = month_first = 0
    for text in texts:
        for a, b in _NUMERIC_DATE.findall(text):
            day_first += int(a) > 12 >= int(b)
            month_first += int(b) > 12 >= int(a)
    if day_first or month_first:
        return month_first > day_first
    return language == "en"


def parse_page_date(text: str | None) -> dt.date | None:
    """The first valid full date (day, month and year) in `text` that a page can have been
    published on (`dates.in_page_range`: 1990-01-01 to tomorrow by default), or None.

    Understands "31 May 2023", "May 4, 2023", "4 мая 2023", "4. Mai 2023", "4 de mayo de 2023",
    "28 փետրվարի 2017", "2017 թ. փետրվարի 28", "28 fevral 2017", "28 Şubat 2017",
    "2023-06-30" (also ISO timestamps), "2017年2月28日", "30/06/23", "30.06.2023" (numeric dates
    day-first unless only month-first is valid).
    """
    found = find_page_dates(text)
    return found[0][2] if found else None


def parse_date(text: str | None) -> dt.date | None:
    """Deprecated name of `parse_page_date`."""
    warnings.warn(
        "presslens.clean.metadata.parse_date is renamed parse_page_date; use that",
        DeprecationWarning,
        stacklevel=2,
    )
    return parse_page_date(text)


# --------------------------------------------------------------------------------------------
# Outlet


def infer_outlet(paragraphs: pd.DataFrame, html_meta: dict | None = None) -> str | None:
    """The outlet a page names itself as, from `clean_page`'s rows and HTML metadata (see
    `presslens.clean.outlets`); None when the page gives too little evidence."""
    texts = [str(t) for t in paragraphs["text"].tolist()]
    kept = [bool(k) for k in paragraphs["kept"].tolist()]
    reasons = [str(r) if r == r and r is not None else "" for r in paragraphs["reason"].tolist()]
    return find_outlet(
        texts, kept, html_meta, _title_line(texts, kept, reasons, html_meta), reasons
    )[0]


# --------------------------------------------------------------------------------------------
# Publication date

#: A weekday and a date alone on a row: the page header's clock unless it stands by the headline.
_CLOCK = re.compile(
    rf"^\W*(?:{alternation(WEEKDAYS)})\b[\s,.]*"
    rf"(?:(?:{MONTH_PATTERN})\.?\s+\d{{1,2}}|\d{{1,2}}\.?\s+(?:{MONTH_PATTERN})\.?),?\s+\d{{4}}\W*$",
    re.IGNORECASE,
)
#: A row that starts with a revision label ("Updated on May 27, 2025").
_UPDATE_ROW = re.compile(rf"^\W*(?:{alternation(UPDATE_LABELS)})\b", re.IGNORECASE)
#: A revision label right before a date ("Updated Dec 18, 2025", "Last modified: ...").
_UPDATE_BEFORE = re.compile(rf"\b(?:{alternation(UPDATE_LABELS)})\b\W{{0,4}}(?:on\W+)?$", re.I)
#: Words that tie a date to the article (its label, its byline) rather than to a page widget.
_ARTICLE_DATE = re.compile(
    r"\b(?:published|posted|publication|released|written|date|dated|updated|modified|by|on|"
    r"publié|publie|veröffentlicht|publicado|pubblicato|опубликовано|yayınlan\w*|dərc|"
    r"հրապարակվ\w*)\b|[|•·/]|\bmin(?:ute)?s?\b|\bread\b",
    re.IGNORECASE,
)


#: What may stand beside a date on a line of its own: times, zones, weekdays, separators.
_DATELINE_REST = re.compile(
    rf"\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)?|\b(?:{alternation(WEEKDAYS)})\b|"
    r"\b(?:utc|gmt|est|edt|pst|pdt|cst|cdt|ist|cet|cest|msk|et|pt)\b|[\W_]+",
    re.IGNORECASE,
)


_LABEL_ONLY = LABEL_ONLY_RX
#: Rows whose dates belong to something else: the page header's clock, other stories.
_NOT_DATELINES = frozenset({"widget", "related", "comments", "duplicate"})


def _date_in_row(text: str, month_first: bool) -> tuple[dt.date | None, bool]:
    """The publication date a row states (its first date not labelled as a revision when it has
    several) and whether the row ties it to the article (a label, a byline, a reading time)."""
    found = find_page_dates(text, month_first=month_first)
    if not found:
        return None, False
    first = next(
        (f for f in found if not _UPDATE_BEFORE.search(text[max(0, f[0] - 30) : f[0]])), found[0]
    )
    rest = text[: found[0][0]] + " " + text[found[-1][1] :]
    alone = len(_DATELINE_REST.sub(" ", rest).split()) <= 2
    return first[2], alone or bool(_ARTICLE_DATE.search(rest))


#: A row longer than this that the cleaner kept is body text, not a dateline.
DATELINE_MAX_CHARS = 160
#: A label that makes a short kept row a dateline ("By Jane Doe | Published: ...").
_PUBLICATION_LABEL = re.compile(
    r"\b(?:published|posted|updated|modified|written|released|by|publié|veröffentlicht|"
    r"publicado|pubblicato|опубликовано|обновлено|yayınlan\w*|güncellen\w*|dərc|"
    r"հրապարակվ\w*)\b|[|•·]",
    re.IGNORECASE,
)


def _kept_dateline(text: str) -> bool:
    """Whether a short row the cleaner kept is a dateline: the date alone, or with a label."""
    found = find_page_dates(text)
    rest = text[: found[0][0]] + " " + text[found[-1][1] :]
    alone = len(_DATELINE_REST.sub(" ", rest).split()) <= 2
    return alone or bool(_PUBLICATION_LABEL.search(rest))


def _find_date(
    raw: list[str],
    texts: list[str],
    kept: list[bool],
    reasons: list[str],
    head: int | None,
    language: str = "und",
) -> dt.date | None:
    """The publication date the page states: nearest after the headline and before the body;
    else a labelled date just above the headline; else the first labelled date elsewhere.

    A page header's "today" clock, dates inside body sentences and dates in the lines far
    above the headline (menus, tickers) are never taken."""
    head_row, head = head, head if head is not None else 0
    first_kept = next((i for i in range(head + 1, len(raw)) if kept[i]), len(raw))
    rows = [i for i in rows_matching(_MAY_HOLD_DATE, raw) if i > 0]
    month_first = writes_month_first([raw[i] for i in rows], language)
    # In the order of preference: nearest below the headline down to the body's first rows,
    # nearest above it, then the first anywhere after it; the first date found wins.
    zone_below = [i for i in rows if head < i <= first_kept + 2]
    zone_above = [i for i in reversed(rows) if head - 4 <= i <= head]
    zone_after = [i for i in rows if i > first_kept + 2]
    for zone, order in ((0, zone_below), (1, zone_above), (2, zone_after)):
        revised = None  # an "Updated ..." date: only when the zone states no other
        for i in order:
            date = _row_date(raw, texts, kept, reasons, i, first_kept, zone > 0, month_first)
            if date is None:
                continue
            if _CLOCK.match(raw[i]) and (head_row is None or abs(i - head) > 3):
                continue  # "Saturday, March 14, 2026" alone, away from the headline: a clock
            if _UPDATE_ROW.match(raw[i]):
                revised = revised or date
                continue
            return date
        if revised is not None:
            return revised
    return None


def _row_date(
    raw: list[str],
    texts: list[str],
    kept: list[bool],
    reasons: list[str],
    i: int,
    first_kept: int,
    need_label: bool,
    month_first: bool = False,
) -> dt.date | None:
    """The publication date row `i` states, if it is a dateline (see `_find_date`)."""
    text = raw[i]
    glued = kept[i] and text != texts[i] and bool(texts[i]) and texts[i] in text
    if glued:
        text = text[: text.index(texts[i])]  # a metadata run glued to the body, cut off
    if TODAY_RX.match(text) or reasons[i] in _NOT_DATELINES:
        return None
    if not need_label and i == first_kept:
        # The first body paragraph's wire dateline ("ЕРЕВАН, 14 мая 2023 — ...", "Bakı, 28
        # fevral 2023, AZƏRTAC. ..."): the publication date, whatever follows it.
        opening = lead_dateline(text)
        if opening is not None:
            found = find_page_dates(opening["date"], month_first=month_first)
            if found:
                return found[0][2]
    if len(text) > 300:
        return None
    if kept[i] and not glued and len(text) > DATELINE_MAX_CHARS:
        # A body paragraph: only the lead's own dateline ("CITY, 28 February 2017 - ...").
        lead = find_page_dates(text[:60]) if i == first_kept else []
        if not lead or len(text[: lead[0][0]].split()) > 3:
            return None
        text = text[:60]
    date, labelled = _date_in_row(text, month_first)
    if date is None:
        return None
    if kept[i] and not glued and not _kept_dateline(text):
        return None  # a short sentence of the body that mentions a date
    if need_label and not (labelled or _LABEL_ONLY.match(raw[i - 1])):
        return None
    return date


def _page_rows(page_text: str, title_line: str) -> list[str]:
    """An HTML page's visible text as rows, after its title line (row 0, as in a text dump)."""
    return [title_line, *(r for r in (line.strip() for line in page_text.splitlines()) if r)]


def _page_text_date(page_text: str, title_line: str, site: str | None, language: str):
    """The dateline of an HTML page's whole visible text (menus and all, one block per line),
    found as in a text dump: below the headline that repeats the page title."""
    rows = _page_rows(page_text, title_line)
    kept, reasons = [False] * len(rows), [""] * len(rows)
    head, _ = _find_title(rows, kept, reasons, title_line, site)
    return _find_date(rows, rows, kept, reasons, head, language)


# --------------------------------------------------------------------------------------------
# Everything


def _raw_rows(text: str, kept_texts: list[str]) -> list[str]:
    """The page's paragraph candidates as found (before repairs), aligned with `paragraphs`."""
    raw = split_paragraphs(text or "")
    return raw if len(raw) == len(kept_texts) else kept_texts


def infer_metadata(
    text: str, paragraphs: pd.DataFrame | tuple, *, html_meta: dict | None = None
) -> dict:
    """Title, outlet, publication date (+ where each came from) and language of one page.

    `paragraphs` is `clean_page(text)`'s output (or `clean_rows`' lists); `html_meta` the HTML
    metadata (`title`, `sitename`, `url`, `date`, and optionally `page_text`, the page's whole
    visible text, one block per line, where its dateline is looked for before `date`, and
    `html_title`, the page's own `<title>`, whose site part names the outlet). Returns
    a dict with
    keys `title` (str|None), `outlet` (str|None), `outlet_source` ("html", "url", "dateline",
    "title", "self", "copyright" or "none"), `published` (datetime.date|None), `date_source`
    ("html", "dateline", "title" or "none"), `language` (ISO 639-1, "und" when unsure) and
    `title_line` (the page's title line, "" when none: what `outlets.settle_outlets` compares
    across pages).
    """
    html_meta = html_meta or {}
    if isinstance(paragraphs, tuple):  # clean_rows' lists, in page order
        kept_texts, kept, reasons = paragraphs
    else:
        if not paragraphs["position"].is_monotonic_increasing:
            paragraphs = paragraphs.sort_values("position", kind="stable")
        reasons = [
            str(r) if r == r and r is not None else "" for r in paragraphs["reason"].tolist()
        ]
        kept_texts = [str(t) for t in paragraphs["text"].tolist()]
        kept = [bool(k) for k in paragraphs["kept"].tolist()]
    raw = _raw_rows(text, kept_texts)
    title_line = _title_line(raw, kept, reasons, html_meta)
    # an HTML page's own <title> names its site more often than the headline does
    declared = " ".join(str(html_meta.get("html_title") or "").split())
    outlet, outlet_source = find_outlet(raw, kept, html_meta, declared or title_line, reasons)
    head, title = _find_title(raw, kept, reasons, title_line, outlet)
    if html_meta.get("page_text") and title_line:  # the headline as the page shows it
        rows = _page_rows(str(html_meta["page_text"]), title_line)
        shown_head, shown = _find_title(
            rows, [False] * len(rows), [""] * len(rows), title_line, outlet
        )
        if shown_head is not None:
            title = shown
    # an HTML page's top heading is the headline it prints (its <title> is for search engines)
    printed = _printed_heading(html_meta.get("headings") or [], title_line, outlet)
    if printed:
        title = printed
    # a newsletter on a platform's subdomain: the writer's name and the platform's
    platform, label = hosting_platform(raw, str(html_meta.get("url") or ""))
    if platform is not None:
        outlet_source = outlet_source if outlet else ("url" if label else "self")
        outlet = on_platform(outlet or label, platform)
    title = unjoined_heading(title, text)
    if title is None:
        for i, is_kept in enumerate(kept[:4]):
            if is_kept:
                run = split_meta_run(raw[i])
                if run is not None and run[1]:
                    title = run[1]
                break

    body = "\n".join(t for t, k in zip(kept_texts, kept, strict=True) if k)
    language = detect_language(body[:1500]) if body else "und"
    if language == "und":
        language = detect_language(text or "")

    published, source = None, "none"
    if html_meta.get("date"):
        published = parse_page_date(str(html_meta["date"]))
        source = "html" if published else "none"
    if html_meta.get("page_text"):
        # The HTML's date, unless the page never prints it and prints a dateline of its own.
        page_text = str(html_meta["page_text"])
        stated = _page_text_date(page_text, title_line, outlet, language)
        if stated is not None and stated != published:
            printed = {d for _, _, d in find_page_dates(page_text)}
            if published is None or published not in printed:
                published, source = stated, "dateline"
    if published is None:
        published = _find_date(raw, kept_texts, kept, reasons, head, language)
        source = "dateline" if published else "none"
    if published is None and title:
        published = parse_page_date(title)
        source = "title" if published else "none"

    return {
        "title": title,
        "outlet": outlet,
        "outlet_source": outlet_source,
        "published": published,
        "date_source": source,
        "language": language,
        "title_line": title_line or "",
    }
