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
from collections import defaultdict

import pandas as pd

from .. import dates
from .datelines import DATE_RX, MONTHS
from .languages import detect_language
from .paragraphs import split_meta_run, split_paragraphs

__all__ = ["infer_metadata", "parse_page_date", "infer_outlet"]


# --------------------------------------------------------------------------------------------
# Dates


def _year(value: str) -> int:
    y = int(value)
    if len(value) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _date_from_match(m: re.Match) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["d1"]:
            day, month, year = int(g["d1"]), MONTHS[g["m1"].lower()], _year(g["y1"])
        elif g["m2"]:
            day, month, year = int(g["d2"]), MONTHS[g["m2"].lower()], _year(g["y2"])
        elif g["y3"]:
            day, month, year = int(g["d3"]), int(g["m3"]), int(g["y3"])
        else:
            a, b, year = int(g["a4"]), int(g["b4"]), _year(g["y4"])
            # Day first (as most of the world writes it) unless only month-first is valid.
            day, month = (b, a) if a <= 12 < b else (a, b)
        found = dt.date(year, month, day)
    except (KeyError, ValueError):
        return None
    # The suite's one date range (`dates.in_page_range`): nothing after tomorrow, nothing a web
    # page could not have been published on.
    return found if dates.in_page_range(found) else None


def parse_page_date(text: str | None) -> dt.date | None:
    """The first valid full date (day, month and year) in `text` that a page can have been
    published on (`dates.in_page_range`: 1990-01-01 to tomorrow by default), or None.

    Understands "31 May 2023", "May 4, 2023", "4 мая 2023", "4. Mai 2023", "4 de mayo de 2023",
    "2023-06-30" (also ISO timestamps), "30/06/23", "30.06.2023" (numeric dates day-first unless
    only month-first is valid).
    """
    if not text:
        return None
    for m in DATE_RX.finditer(text):
        found = _date_from_match(m)
        if found is not None:
            return found
    return None


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

_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_CONNECTORS = "of|the|de|du|la|des|del|di|da|do|dos|das|van|von|der|und|y|et|&"
_TOKEN = rf"[{_UPPER}][\w&'’+-]*(?:\.[\w&'’+-]+)*"
_NAME = rf"{_TOKEN}(?:[ \t]+(?:{_TOKEN}|(?:{_CONNECTORS})(?=[ \t]+[{_UPPER}])))*"
_QUOTED = r"[«\"“„](?P<qname>[^»\"”“]{2,50})[»\"”“]"
_COPY_LEFT = re.compile(rf"^(?P<name>{_NAME})\s*(?:,\s*)?(?:©|\([cC]\)|(?i:copyright))")
_RIGHTS = re.compile(
    r"reserved|réservés|reservados|vorbehalten|защищены|riservati|reservados|rights", re.I
)
_COPY_RIGHT = re.compile(
    rf"(?:©|\([cC]\)|(?i:copyright))\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*[,.]?\s*)?"
    rf"(?:{_QUOTED}|(?P<name>{_NAME}))"
)
_LINK_TO = re.compile(
    r"(?i:(?:hyperlink|link|reference) to|ссылк\w* на|lien vers|link zu|enlace a)\s+"
    rf"(?:(?i:the)\s+)?(?:{_QUOTED}|(?P<name>{_NAME})|(?P<dom>[\w-]+(?:\.[\w-]+)*\.[a-z]{{2,}}))"
)
_SUBSCRIBE_TO = re.compile(
    r"(?:abonnement|subscription|subscribe|abonnieren|\bAbo|suscripción|suscríbete|подписк\w*)"
    rf"\s+(?:to\s+|à\s+|au\s+|de\s+|zu\s+|a\s+|на\s+|für\s+)?(?P<name>{_NAME})"
)
_SEEKS = re.compile(
    r"^[\"“«„'](?P<qname>[^\"”»“']{2,40})[\"”»“']\s+|"
    rf"^(?P<name>{_NAME})\s+(?=(?:seeks|is (?:looking|searching) for|is hiring|sucht|recherche|"
    r"busca|ищет)\b)"
)
_MORE_FROM = re.compile(rf"^more (?:from|on|by)\s+(?P<name>{_NAME})\s*:?$", re.IGNORECASE)
_URL_HOST = re.compile(r"(?:https?://|www\.)(?:www\.)?(?P<host>[\w-]+(?:\.[\w-]+)+)", re.I)
_EMAIL_HOST = re.compile(r"[\w.+-]+@(?P<host>[\w-]+(?:\.[\w-]+)+)")
_NOT_NAMES = frozenset(
    "now today here our premium plus free digital newsletter the a an this all more news online "
    "unlimited full access".split()
)
_SOCIAL_HOSTS = frozenset(
    "twitter x facebook youtube youtu instagram t telegram linkedin tiktok vk ok whatsapp wa "
    "pinterest reddit google apple gmail yahoo hotmail outlook mail yandex proton protonmail "
    "icloud example wordpress blogspot medium substack bit ow goo".split()
)
_TLDS = frozenset(  # stripped from a host or a name to get the outlet's label
    "com net org info biz news co eu io tv me am at au az be bg by ca ch cz de dk es fi fr ge gr "
    "hu ie in it kz nl no pl pt ro ru se sk tr ua uk us".split()
)


def _host_label(host: str) -> str | None:
    parts = host.lower().split(".")
    while parts and parts[-1] in _TLDS:
        parts.pop()
    if not parts:
        return None
    label = parts[-1]
    return None if label in _SOCIAL_HOSTS or len(label) < 2 else label


def _outlet_key(name: str) -> str:
    s = name.casefold().strip()
    s = re.sub(r"^(?:the|le|la|les|der|die|das|el)\s+", "", s)
    s = re.sub(r"\.(?:" + "|".join(sorted(_TLDS)) + r")$", "", s)
    return re.sub(r"[\W_]+", "", s)


def _clean_name(name: str) -> str:
    name = name.strip(" \t.,;:!?-–—|\"'“”«»")
    words = name.split()
    while words and words[-1].lower() in _CONNECTORS.split("|"):
        words.pop()
    return " ".join(words)


def infer_outlet(paragraphs: pd.DataFrame, html_meta: dict | None = None) -> str | None:
    """The outlet a page names itself as, from `clean_page`'s removed rows and HTML metadata.

    Returns None when the page gives less than two units of evidence (e.g. one contact e-mail).
    """
    return _infer_outlet(
        [str(t) for t in paragraphs["text"].tolist()],
        [bool(k) for k in paragraphs["kept"].tolist()],
        [str(r) if r == r and r is not None else "" for r in paragraphs["reason"].tolist()],
        html_meta,
    )


def _infer_outlet(
    texts: list[str], kept: list[bool], reasons: list[str], html_meta: dict | None
) -> str | None:
    evidence: list[tuple[str, float, bool]] = []  # (surface, weight, is_text_form)

    def add(name: str | None, weight: float, text_form: bool = True) -> None:
        if not name:
            return
        name = _clean_name(name)
        if len(name) < 2 or name.lower() in _NOT_NAMES or len(name.split()) > 5:
            return
        evidence.append((name, weight, text_form))

    html_meta = html_meta or {}
    if html_meta.get("sitename"):
        add(str(html_meta["sitename"]), 5.0)
    if html_meta.get("url"):
        m = _URL_HOST.search(str(html_meta["url"])) or re.match(
            r"(?P<host>[\w-]+(?:\.[\w-]+)+)", str(html_meta["url"])
        )
        if m:
            add(_host_label(m.group("host")), 2.0, text_form=False)
    html_title = str(html_meta.get("title") or "")
    if html_title:
        parts = re.split(r"\s+[|–—-]\s+", html_title)
        if len(parts) >= 2 and len(parts[-1].split()) <= 4:
            add(parts[-1], 2.0)

    self_refs: list[str] = []
    for text, is_kept, reason in zip(texts, kept, reasons, strict=True):
        if is_kept or reason in ("title", "duplicate") or len(text) > 1200:
            continue
        if "©" in text or "copyright" in text.lower() or "(c)" in text.lower():
            m = _COPY_RIGHT.search(text)
            right = (m.group("qname") or m.group("name")) if m else None
            if right and (_RIGHTS.search(right) or _clean_name(right).lower() in _NOT_NAMES):
                right = None  # "© 2024. All rights reserved": no name after the sign
            if right:  # "© 2024 Name"
                add(right, 3.0)
            else:  # "Name © 2024"
                m = _COPY_LEFT.match(text)
                if m and not _RIGHTS.search(m.group("name")):
                    add(m.group("name"), 3.0)
        for m in _LINK_TO.finditer(text):
            add(m.group("qname") or m.group("name") or m.group("dom"), 3.0)
        if reason == "paywall":
            for m in _SUBSCRIBE_TO.finditer(text):
                add(m.group("name"), 3.0)
        if reason == "advert":
            m = _SEEKS.match(text)
            if m and (m.group("qname") or m.group("name")):
                add(m.group("qname") or m.group("name"), 3.0 if m.group("qname") else 2.0)
        if reason == "related":
            m = _MORE_FROM.match(text)
            if m:
                add(m.group("name"), 2.0)
        url_weight = 2.0 if reason in ("author_bio", "copyright", "dateline") else 1.0
        for m in _URL_HOST.finditer(text):
            add(_host_label(m.group("host")), url_weight, text_form=False)
        for m in _EMAIL_HOST.finditer(text):
            add(_host_label(m.group("host")), 1.0, text_form=False)
        if len(text) <= 40 and len(text.split()) <= 4:
            self_refs.append(text)

    if not evidence:
        return None
    groups: dict[str, list[tuple[str, float, bool]]] = defaultdict(list)
    for name, weight, text_form in evidence:
        groups[_outlet_key(name)].append((name, weight, text_form))
    for text in self_refs:  # a short line that is the outlet's name supports it
        key = _outlet_key(_clean_name(text))
        if key in groups:
            groups[key].append((_clean_name(text), 1.0, True))
    order = list(groups)
    best_key = max(order, key=lambda k: (sum(w for _, w, _ in groups[k]), -order.index(k)))
    if sum(w for _, w, _ in groups[best_key]) < 2.0:
        return None
    forms = [name for name, _, text_form in groups[best_key] if text_form]
    if not forms:
        forms = [name for name, _, _ in groups[best_key]]
    counts: dict[str, int] = {}
    for name in forms:
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: (counts[n], -forms.index(n)))


# --------------------------------------------------------------------------------------------
# Everything


def _raw_rows(text: str, kept_texts: list[str]) -> list[str]:
    """The page's paragraph candidates as found (before repairs), aligned with `paragraphs`."""
    raw = split_paragraphs(text or "")
    return raw if len(raw) == len(kept_texts) else kept_texts


def infer_metadata(
    text: str, paragraphs: pd.DataFrame | tuple, *, html_meta: dict | None = None
) -> dict:
    """Title, outlet, publication date (+ where it came from) and language of one page.

    `paragraphs` is `clean_page(text)`'s output (or `clean_rows`' lists). Returns a dict with
    keys `title` (str|None), `outlet` (str|None), `published` (datetime.date|None),
    `date_source` ("html", "dateline", "title" or "none") and `language` (ISO 639-1, "und" when
    unsure).
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

    # Title.
    title = next((raw[i] for i, r in enumerate(reasons) if r == "title"), None)
    if title is None and html_meta.get("title"):
        parts = re.split(r"\s+[|–—]\s+|\s+-\s+(?=[^-]{1,40}$)", str(html_meta["title"]).strip())
        title = parts[0].strip() or None
    if title is None:
        for i, is_kept in enumerate(kept[:4]):
            if is_kept:
                run = split_meta_run(raw[i])
                if run is not None and run[1]:
                    title = run[1]
                break

    # Publication date.
    published, source = None, "none"
    if html_meta.get("date"):
        published = parse_page_date(str(html_meta["date"]))
        source = "html" if published else "none"
    if published is None:
        for i, reason in enumerate(reasons):
            candidate = None
            if reason == "dateline":
                candidate = parse_page_date(raw[i])
            elif kept[i] and raw[i] != kept_texts[i]:
                run = split_meta_run(raw[i], title)
                if run is not None:
                    candidate = parse_page_date(run[0])
            if candidate is not None:
                published, source = candidate, "dateline"
                break
    if published is None and title:
        published = parse_page_date(title)
        source = "title" if published else "none"

    body = "\n".join(t for t, k in zip(kept_texts, kept, strict=True) if k)
    language = detect_language(body[:1500]) if body else "und"
    if language == "und":
        language = detect_language(text or "")

    return {
        "title": title,
        "outlet": _infer_outlet(kept_texts, kept, reasons, html_meta),
        "published": published,
        "date_source": source,
        "language": language,
    }
