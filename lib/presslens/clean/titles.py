"""The page's title line and its headline: what a page calls its article.

* The **title line** is a text dump's first line (a browser's title), else the row the cleaner
  took for the title, else the HTML `<title>`; never a menu line ("Skip to content", a cookie
  notice) or a page header's "today" clock.
* The **headline** is the row before the article body that repeats the title line's words (a
  breadcrumb trail before it cut off); without one, the title line minus the part naming the
  site ("Headline | Site", "Site - Headline").
"""

from __future__ import annotations

import re

from .datelines import TODAY_RX
from .outlets import TITLE_SEPARATOR_RX, outlet_key, title_site_parts

__all__ = ["find_title", "title_core", "title_line"]

_WORD = re.compile(r"\w+")
#: A first line that is page furniture, not the page's title ("Skip to content", a cookie notice).
_FURNITURE = re.compile(
    r"^(?:skip\b|jump to|go to (?:main|content)|see all|view all|show all|read more|menu\b|"
    r"search\b|sign in|sign up|log ?in\b|subscribe\b|we use cookies|this (?:site|website) uses "
    r"cookies|cookie|privacy|accept\b|home$|share\b|advertisement|open (?:sub)?menu|toggle|"
    r"press enter|new to \w+\?)|"
    # a menu glued into one line, ending in its account links ("Portal LoginHelpSign In")
    r".*(?:\bsign in|\blog ?in|\bsign up|\bmy account)$",
    re.IGNORECASE,
)
#: Fewest words of a text dump's first line taken for the title line.
TITLE_LINE_MIN_WORDS = 3


#: A row this close to the best match of the title's words, but earlier, is the headline.
TITLE_SCORE_SLACK = 0.05


#: A breadcrumb trail before a headline ("Home » Blog » Headline", "/Headline").
_BREADCRUMB = re.compile(r"^(?:[^»›>\n]{0,40}\s[»›>]\s)+|^/(?=\w)")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def title_core(title_line: str, site: str | None) -> str:
    """The headline part of a page title: without the part that names the site (`site`, the
    outlet found on the page) and what follows it: "Headline | Site", "Headline – Site –
    Motto", "Site - Headline"."""
    parts = title_site_parts(title_line)
    if len(parts) < 2 or not site:
        return title_line
    key = outlet_key(site)
    first = parts[0]
    for part in parts[1:]:
        if outlet_key(part) == key:
            return title_line[: title_line.find(part, len(first))].rstrip(" |-–—·•»:")
    if outlet_key(first) == key:
        return title_line[len(first) :].lstrip(" |-–—·•»:")
    return title_line


#: What the cleaner may call a text dump's first line that is still the page's title line (a
#: title with " | " separators reads as navigation or tags).
_TITLE_LINE_REASONS = frozenset({"title", "navigation", "tags", ""})


def _not_a_sentence(row: str) -> bool:
    """A kept first row that is still a title: no final full stop, or site parts after the
    headline ("Headline – Site – A site's motto.")."""
    return not row.rstrip().endswith(".") or len(title_site_parts(row)) >= 3


def title_line(raw: list[str], kept: list[bool], reasons: list[str], html_meta: dict | None) -> str:
    """The page's title line: a text dump's first line (a browser's title), else the row the
    cleaner took for the title, else the HTML title; never a menu line or a "today" clock."""
    html_title = str((html_meta or {}).get("title") or "")
    title_row = next((i for i, r in enumerate(reasons) if r == "title"), None)
    if (
        raw
        and reasons[0] in _TITLE_LINE_REASONS
        and (not kept[0] or len(raw[0].split()) <= 25 and _not_a_sentence(raw[0]))
        and len(raw[0].split()) >= TITLE_LINE_MIN_WORDS
        and not _FURNITURE.match(raw[0])
        and not TODAY_RX.match(raw[0])
    ):
        title_row = 0
    line = raw[title_row] if title_row is not None else ""
    if not line or len(line) > 300 or _FURNITURE.match(line):
        line = html_title
    return line


#: Typography a headline row and the title line may differ in (curly or straight quotes,
#: dashes, no-break spaces), one character for one.
_TYPOGRAPHY = str.maketrans(
    "\u2019\u2018\u02bc\u201c\u201d\u201e\u2013\u2014\u00a0", "'''" + '"""' + "-- "
)


def _typeset_key(text: str) -> str:
    key = text.translate(_TYPOGRAPHY).lower()
    return key if len(key) == len(text) else text


def _as_declared(headline: str, title_line: str) -> str:
    """The headline as the title line writes it when the two differ only in typography
    ("the city’s ..." shown, "the city's ..." declared): the page's declared title wins."""
    if title_line and _typeset_key(title_line).startswith(_typeset_key(headline)):
        rest = title_line[len(headline) :]
        if not rest.strip() or TITLE_SEPARATOR_RX.match(rest):
            return title_line[: len(headline)]
    return headline


def find_title(
    raw: list[str], kept: list[bool], reasons: list[str], title_line: str, site: str | None
) -> tuple[int | None, str | None]:
    """The headline's row (None: the title line or HTML title) and its text.

    The page's own headline is the row before the article body that repeats the page title's
    words; without one, the title line minus its site part."""
    core = title_core(title_line.strip(), site) if title_line else ""
    core_words = _words(core)
    parts = title_site_parts(title_line)
    # the title line's other parts (the site's name, its motto) shown as rows are not the headline
    site_rows = {_typeset_key(p) for p in parts if p != max(parts, key=len)} if parts else set()
    first_kept = next((i for i in range(1, len(raw)) if kept[i]), len(raw))
    best, scored = None, []
    for i in range(1, min(len(raw), first_kept + 3)):
        if kept[i]:
            continue  # the body's own subheadings and sentences repeat the title's words too
        text = _BREADCRUMB.sub("", raw[i]).strip()
        if len(text) > 250 or not 2 <= len(text.split()) <= 30 or _FURNITURE.match(text):
            continue
        words = _words(text)
        if not words or not core_words or _typeset_key(text) in site_rows:
            continue
        score = 2 * len(words & core_words) / (len(words) + len(core_words))
        if reasons[i] == "title":
            score += 0.2
        if score >= 0.5:
            scored.append((i, score))
    if scored:
        top = max(score for _, score in scored)
        best = next(i for i, score in scored if score >= top - TITLE_SCORE_SLACK)
        return best, _as_declared(_BREADCRUMB.sub("", raw[best]).strip(), title_line.strip())
    if core:
        return None, core
    return None, None
