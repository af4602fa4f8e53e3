"""The page's title line: what a page calls itself before its text (a text dump's first line,
a browser's title; an HTML page's title as extracted), never a menu line ("Skip to content", a
cookie notice) or a page header's "today" clock. Split from `titles`, which finds the headline
the title line names.
"""

from __future__ import annotations

import re

from .datelines import TODAY_RX
from .outlets import title_site_parts

__all__ = ["FURNITURE_RX", "TITLE_LINE_MIN_WORDS", "title_line"]

#: A first line that is page furniture, not the page's title ("Skip to content", a cookie notice).
FURNITURE_RX = re.compile(
    r"^(?:skip\b|jump to|go to (?:main|content)|see all|view all|show all|read more|menu\b|"
    r"search\b|sign in|sign up|log ?in\b|subscribe\b|we use cookies|this (?:site|website) uses "
    r"cookies|cookie|privacy|accept\b|home$|share\b|advertisement|open (?:sub)?menu|toggle|"
    r"press enter|new to \w+\?)|"
    # a menu glued into one line, ending in its account links ("Portal LoginHelpSign In")
    r".*(?:\bsign in|\blog ?in|\bsign up|\bmy account)$",
    re.IGNORECASE,
)
#: Fewest words of a text dump's first line taken for the title line whatever the cleaner calls
#: it. A shorter one is the title line only when the cleaner calls it a title or keeps it: never
#: a section label over the headline ("Politics") or a menu's first item ("Startseite"), and a
#: weather reading or a share button there the cleaner calls a widget.
TITLE_LINE_MIN_WORDS = 3


#: What the cleaner may call a text dump's first line that is still the page's title line (a
#: title with " | " separators reads as navigation or tags).
_TITLE_LINE_REASONS = frozenset({"title", "navigation", "tags", ""})


def _not_a_sentence(row: str) -> bool:
    """A kept first row that is still a title: no final full stop, or a site part after the
    headline ("Headline – Example Co.", "Headline – Site – A site's motto.")."""
    return not row.rstrip().endswith(".") or len(title_site_parts(row)) >= 2


def _title_line_reason(row: str, reason: str) -> bool:
    """Whether what the cleaner calls a text dump's first row leaves it the page's title line:
    a title, a menu or tags row, or a copyright row that names the site after the headline
    ("Headline | Example University©", wcxb tune 0308)."""
    if reason == "copyright":
        return len(title_site_parts(row)) >= 2
    return reason in _TITLE_LINE_REASONS


def _short_title_line(reasons: list[str]) -> bool:
    """Whether a first row shorter than `TITLE_LINE_MIN_WORDS` is still the page's title line:
    the cleaner calls it a title or keeps it. A short row it calls navigation is a section
    label over the headline ("Politics") or a menu's first item ("Startseite", "Главная"),
    which a page title heading the menu cannot be told from."""
    return reasons[0] in ("title", "")


def title_line(raw: list[str], kept: list[bool], reasons: list[str], html_meta: dict | None) -> str:
    """The page's title line: an HTML page's title as extracted, a text dump's first line (a
    browser's title), else the row the cleaner took for the title, else the HTML title; never
    a menu line or a "today" clock."""
    html_title = str((html_meta or {}).get("title") or "")
    if raw and html_title.strip() == raw[0].strip() != "" and not FURNITURE_RX.match(html_title):
        return html_title  # an HTML page's title as extracted (on top of its text), however short
    title_row = next((i for i, r in enumerate(reasons) if r == "title"), None)
    if (
        raw
        and _title_line_reason(raw[0], reasons[0])
        and (not kept[0] or len(raw[0].split()) <= 25 and _not_a_sentence(raw[0]))
        and (len(raw[0].split()) >= TITLE_LINE_MIN_WORDS or _short_title_line(reasons))
        and not FURNITURE_RX.match(raw[0])
        and not TODAY_RX.match(raw[0])
    ):
        title_row = 0
    line = raw[title_row] if title_row is not None else ""
    if not line or len(line) > 300 or FURNITURE_RX.match(line):
        line = html_title
    return line
