"""Stage 2: one scraped page → paragraphs, each kept or removed with a reason, and metadata.

A scraped page is the article plus its page furniture: navigation, subscription and cookie
notices, share rows, author bios, related-article lists, copyright lines, widgets. `clean_page`
splits the page into paragraph candidates and decides, for each, whether it is article body; every
removed paragraph carries a reason (see `REASONS`) so a reader can audit what was dropped and why.
Decisions rest on general signals, in the spirit of jusText/trafilatura; no rule knows a
particular site.

The rooms:

- `paragraphs`: splitting a page into candidates (hard-wrapped lines joined), repairs inside
  one paragraph (a glued metadata run, embed artefacts);
- `rules`: reason codes and the shapes of text; `notices`: the phrasings of page furniture per
  language, as data; `version`: `CLEANER_VERSION` derived from them; `datelines`: the month
  table and the date pattern;
- `languages`: the one language detector (per page and per paragraph);
- `features`: what a paragraph looks like (length, words, stop-word density, links, notices);
- `decide`: the passes that give each paragraph its reason (`clean_rows`, `clean_page`);
- `metadata`: title, outlet, publication date (with its source) and language of a page;
- `evaluate`: kept body text scored against a dev set's gold (4-gram shingle P/R/F1 per page,
  the `tune` and `held_out` parts apart).

Pure functions, no I/O; regular expressions are compiled once at import.
"""

from __future__ import annotations

from .datelines import DATE_RX, MONTHS
from .decide import clean_page, clean_rows
from .languages import detect_language
from .metadata import infer_metadata, infer_outlet, parse_page_date
from .paragraphs import split_meta_run, split_paragraphs
from .rules import REASONS
from .version import CLEANER_VERSION

__all__ = [
    "CLEANER_VERSION",
    "DATE_RX",
    "MONTHS",
    "REASONS",
    "clean_page",
    "clean_rows",
    "detect_language",
    "infer_metadata",
    "infer_outlet",
    "parse_page_date",
    "split_meta_run",
    "split_paragraphs",
]
