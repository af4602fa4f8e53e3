"""A run of short lines inside the article: a menu, or the article's own list.

`decide` removes a long run of short non-sentences between body paragraphs as a menu
(`decide.MENU_RUN`). A run whose lines are mostly marked as list items (a bullet or a number
before each) or as table rows (`| a | b |`) is the article's list, checklist or table: the HTML
extractor writes list items and table cells that way, and a menu it lets through is rarely
written so (wcxb tune, saved HTML: runs kept on 0096, 0146, 0315, 3036, 4130, 4260, 4606, 4695,
4698; of the runs removed rightly, none is marked so; text dumps unchanged).

A bulleted item the article repeats between its first and last kept paragraphs (a training
plan's "- Warm up ..." each week) is its own text, kept each time like a repeated label
(`bulleted`; wcxb tune, saved HTML: 0127, 0149, 0359, 4116, 4268, 4823, 4844 gain, 0151 and 0476
lose; numbered items stay out: a table of contents repeats them as the headings below it).
"""

from __future__ import annotations

import re

from .features import Row

#: A line marked as a list item ("- a", "• a", "1. a", "2) a") or a table row ("| a | b |").
_ITEM = re.compile(r"(?:[-*•·–▪◦]|\d{1,2}[.)])\s+\S|\|.*\|\s*$")
#: A line marked as a bulleted list item (not a numbered one: a table of contents repeats its
#: numbered entries as the headings below it).
_BULLET = re.compile(r"[-*•·–▪◦]\s+\S")
#: The share of a run's lines marked so that makes it a list.
MARKED_SHARE = 0.5


def marked_list(run: list[Row]) -> bool:
    """Whether most lines of `run` are marked as list items or table rows."""
    return sum(1 for r in run if _ITEM.match(r.text)) >= MARKED_SHARE * len(run)


def bulleted(text: str) -> bool:
    """Whether `text` is a bulleted list item ("- Warm up for ten minutes")."""
    return _BULLET.match(text) is not None
