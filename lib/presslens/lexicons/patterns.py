"""The one pattern syntax of the suite: every lexicon entry and every concordance search.

A pattern is written as the words it matches:

* words match **whole** (`war` does not match "warship"), against normalised text, so curly and
  straight quotes, and every kind of dash, are equal (`minister's` matches "minister’s");
* `*` stands for any run of word characters (`negotiat*`: negotiator, negotiations), `?` for
  exactly one;
* `~` at the end of a word stands for an inflectional ending of the form's language, or none
  (`Новоград~`: Новограда, Новограде; `Նորաքաղաք~`: Նորաքաղաքում; `Yenikənd~`: Yenikənddə;
  `Yeniköy~`: Yeniköy'de): the closed lists of `presslens.text.inflection`, chosen by `language=` or, for a
  form without one, by the word's script. Unlike `*`, it does not take other words sharing the
  stem;
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
from presslens.text import article_languages, normalize, paragraph_language, paragraph_spans
from presslens.text.inflection import ending_pattern, script_of

#: Columns of `find_pattern`.
PATTERN_HIT_COLUMNS = ["article_id", "outlet", "paragraph", "surface", "start", "end", "language"]

_WILDCARDS = {"*": r"\w*", "?": r"\w"}
_REGEX_PREFIX = "re:"


def is_regex(pattern) -> bool:
    """True for a pattern used as a regular expression (`re:` prefix or compiled)."""
    return isinstance(pattern, re.Pattern) or str(pattern).strip().startswith(_REGEX_PREFIX)


def _word_regex(word: str, language: str | None) -> str:
    inflected = word.endswith("~")
    if inflected:
        word = word.rstrip("~")
    body = "".join(_WILDCARDS.get(ch) or re.escape(ch) for ch in word)
    if inflected:
        body += ending_pattern(language, script_of(word))
    return body


def pattern_regex(pattern: str | re.Pattern, *, language: str | None = None) -> re.Pattern:
    """Compile a pattern (see the module docstring for the syntax) to a regular expression
    matched against normalised text (`presslens.text.normalize`); `language` chooses the
    endings a `~` word may take."""
    if isinstance(pattern, re.Pattern):
        return pattern
    pattern = pattern.strip()
    if pattern.startswith(_REGEX_PREFIX):
        return re.compile(pattern[len(_REGEX_PREFIX) :], re.IGNORECASE)
    pattern = normalize(pattern)
    if not pattern.strip("~"):
        raise ValueError("empty pattern")
    words = [w for w in re.split(r"[\s\-]+", pattern) if w]
    parts = [_word_regex(word, language) for word in words]
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


def find_pattern(
    articles: pd.DataFrame, pattern: str | re.Pattern, *, language: str | None = None
) -> pd.DataFrame:
    """Every match of one pattern in the articles, within a paragraph (a phrase never runs over
    a paragraph break; empty matches are skipped).

    Returns `article_id, outlet, paragraph, surface, start, end, language`: `start/end` index
    the article's `text`, `surface` is the text as written there, `language` is the paragraph's
    (`text.paragraph_language`). In article order, then position. `language` chooses the
    endings of `~` words (`pattern_regex`).
    """
    regex = pattern_regex(pattern, language=language)
    arts = check_articles(articles)
    rows = []
    items = zip(
        arts["article_id"], arts["outlet"], arts["text"], article_languages(arts), strict=True
    )
    for aid, outlet, txt, lang in items:
        norm = normalize(txt)
        for p, (pa, pb) in enumerate(paragraph_spans(txt)):
            found = [m for m in regex.finditer(norm[pa:pb]) if m.end() > m.start()]
            if not found:
                continue
            para_lang = paragraph_language(txt[pa:pb], lang)
            for m in found:
                a, b = pa + m.start(), pa + m.end()
                rows.append((aid, outlet, p, txt[a:b], a, b, para_lang))
    out = pd.DataFrame(rows, columns=PATTERN_HIT_COLUMNS)
    return out.astype({"paragraph": "int64", "start": "int64", "end": "int64"})
