"""The one pattern syntax of the suite: every lexicon entry and every concordance search.

A pattern is written as the words it matches:

* words match **whole** (`war` does not match "warship"), against normalised text, so curly and
  straight quotes, and every kind of dash, are equal (`minister's` matches "minister’s");
* `*` stands for any run of word characters (`negotiat*`: negotiator, negotiations), `?` for
  exactly one;
* the words of a phrase may be separated by any run of spaces, line breaks or hyphens, whatever
  the pattern uses between them (`north east` matches "north-east" and "north\\neast");
* case-insensitive, unless the pattern is written entirely in capitals (`US` does not match
  "us");
* `re:` starts a regular expression used as written (case-insensitive), for anything else; a
  compiled `re.Pattern` is used as given.
"""

from __future__ import annotations

import bisect
import re

import pandas as pd

from presslens.dataset import check_articles
from presslens.text import normalize, paragraph_spans

#: Columns of `find_pattern`.
PATTERN_HIT_COLUMNS = ["article_id", "outlet", "paragraph", "surface", "start", "end"]

_WILDCARDS = {"*": r"\w*", "?": r"\w"}
_REGEX_PREFIX = "re:"


def is_regex(pattern) -> bool:
    """True for a pattern used as a regular expression (`re:` prefix or compiled)."""
    return isinstance(pattern, re.Pattern) or str(pattern).strip().startswith(_REGEX_PREFIX)


def pattern_regex(pattern: str | re.Pattern) -> re.Pattern:
    """Compile a pattern (see the module docstring for the syntax) to a regular expression
    matched against normalised text (`presslens.text.normalize`)."""
    if isinstance(pattern, re.Pattern):
        return pattern
    pattern = pattern.strip()
    if pattern.startswith(_REGEX_PREFIX):
        return re.compile(pattern[len(_REGEX_PREFIX) :], re.IGNORECASE)
    pattern = normalize(pattern)
    if not pattern:
        raise ValueError("empty pattern")
    words = [w for w in re.split(r"[\s\-]+", pattern) if w]
    parts = ["".join(_WILDCARDS.get(ch) or re.escape(ch) for ch in word) for word in words]
    body = r"[\s\-]+".join(parts)
    letters = [c for c in pattern if c.isalpha()]
    case_sensitive = len(letters) >= 2 and all(c.isupper() for c in letters)
    flags = 0 if case_sensitive else re.IGNORECASE
    # Whole words: no word character (or @) before, none after.
    return re.compile(r"(?<![\w@])" + body + r"(?![\w])", flags)


def paragraph_of(starts: list[int], spans: list[tuple[int, int]], pos: int) -> int:
    """Index of the paragraph holding offset `pos` (the last one when it falls between them);
    `starts` are the paragraphs' start offsets, `spans` their `(start, end)`."""
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < spans[i][1]:
        return i
    return max(len(spans) - 1, 0)


def find_pattern(articles: pd.DataFrame, pattern: str | re.Pattern) -> pd.DataFrame:
    """Every match of one pattern in the articles, within a paragraph (a phrase never runs over
    a paragraph break; empty matches are skipped).

    Returns `article_id, outlet, paragraph, surface, start, end`: `start/end` index the article's
    `text`, `surface` is the text as written there. In article order, then position.
    """
    regex = pattern_regex(pattern)
    arts = check_articles(articles)
    rows = []
    for aid, outlet, txt in zip(arts["article_id"], arts["outlet"], arts["text"], strict=True):
        norm = normalize(txt)
        for p, (pa, pb) in enumerate(paragraph_spans(txt)):
            for m in regex.finditer(norm[pa:pb]):
                if m.end() > m.start():
                    a, b = pa + m.start(), pa + m.end()
                    rows.append((aid, outlet, p, txt[a:b], a, b))
    out = pd.DataFrame(rows, columns=PATTERN_HIT_COLUMNS)
    return out.astype({"paragraph": "int64", "start": "int64", "end": "int64"})
