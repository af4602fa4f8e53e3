"""Keyword in context for one pattern: `concordance` (the lexicons' pattern syntax, the text
package's concordance), and the deprecated `kwic` and `compile_pattern` it replaces."""

from __future__ import annotations

import re
import warnings

import pandas as pd

from presslens import lexicons
from presslens import text as T
from presslens.dataset import check_articles

from .groups import group_labels


def concordance(
    articles: pd.DataFrame, pattern: str | re.Pattern, *, context: int = 8, by: str = "outlet"
) -> pd.DataFrame:
    """Every match of `pattern` with up to `context` words either side, within its paragraph.

    `pattern` in the one pattern syntax (`presslens.lexicons.patterns`: whole words, `*` and `?`
    wildcards, phrases across spaces and hyphens, `re:` for a regular expression, or a compiled
    pattern). Columns: `<by>`, `article_id`, `paragraph`, `left`, `match`, `right`, `start`,
    `end`, `language`: `match` is the text as written, the context the original text with line
    breaks as spaces and "…" where it was cut (`presslens.text.concordance`); `start/end` index
    the article's `text`; `language` is the paragraph's. Sorted by group, article and position.
    """
    arts = check_articles(articles).reset_index(drop=True)
    arts = arts.assign(outlet=group_labels(arts, by).to_numpy())
    hits = lexicons.find_pattern(arts, pattern)
    lines = T.concordance(arts, hits, context=context).rename(columns={"outlet": by})
    if "language" not in lines:
        lines = lines.merge(
            hits[["article_id", "start", "end", "language"]], on=["article_id", "start", "end"]
        )
    cols = [by, "article_id", "paragraph", "left", "match", "right", "start", "end", "language"]
    out = lines[cols].sort_values([by, "article_id", "start"], kind="stable")
    return out.reset_index(drop=True)


def kwic(
    articles: pd.DataFrame, pattern: str | re.Pattern, window: int = 8, by: str = "outlet"
) -> pd.DataFrame:
    """Deprecated: `concordance(articles, pattern, context=window, by=by)`."""
    warnings.warn(
        "presslens.wording.kwic(..., window=) is now presslens.wording.concordance(..., context=)",
        DeprecationWarning,
        stacklevel=2,
    )
    return concordance(articles, pattern, context=window, by=by)


def compile_pattern(pattern: str | re.Pattern) -> re.Pattern:
    """Deprecated: `presslens.lexicons.pattern_regex`, the one pattern syntax."""
    warnings.warn(
        "presslens.wording.compile_pattern moved to presslens.lexicons.pattern_regex",
        DeprecationWarning,
        stacklevel=2,
    )
    return lexicons.pattern_regex(pattern)
