"""The one pattern syntax (`lexicons.pattern_regex`) and the hits of one pattern (`find_pattern`)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from presslens import lexicons
from presslens import text as T


def _hits(pattern, text: str) -> list[str]:
    return [m.group(0) for m in lexicons.pattern_regex(pattern).finditer(T.normalize(text))]


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("war", "war, warship, postwar, war.", ["war", "war"]),  # whole words only
        (
            "negotiat*",
            "negotiators negotiating negotiation",
            ["negotiators", "negotiating", "negotiation"],
        ),
        ("*port", "import export port", ["import", "export", "port"]),
        ("wom?n", "woman women womyn wmn", ["woman", "women", "womyn"]),
        (
            "north east",
            "north east, north-east, north\neast, north  east",
            ["north east", "north-east", "north\neast", "north  east"],
        ),
        ("north-east", "north east and north-east", ["north east", "north-east"]),
        ("minister's", "the minister’s car, the minister's car", ["minister's", "minister's"]),
        ("“yes”", 'he said "yes"', ['"yes"']),  # curly and straight quotes are equal
        ("Peace", "peace PEACE Peace", ["peace", "PEACE", "Peace"]),  # case-insensitive
        ("UN", "the UN and un-", ["UN"]),  # written in capitals: case-sensitive
        ("@desk", "@desk and x@desk", ["@desk"]),
        ("re:negotiat(ing|ions)", "Negotiating negotiations", ["Negotiating", "negotiations"]),
    ],
)
def test_pattern_syntax(pattern, text, expected):
    assert _hits(pattern, text) == expected


def test_compiled_patterns_are_used_as_given_and_empty_ones_refused():
    regex = re.compile(r"\bPeace\b")
    assert lexicons.pattern_regex(regex) is regex
    assert lexicons.is_regex(regex) and lexicons.is_regex("re:x") and not lexicons.is_regex("x*")
    with pytest.raises(ValueError, match="empty"):
        lexicons.pattern_regex("  ")


def test_find_pattern_hits_index_the_text_and_stay_in_their_paragraph():
    text = "Talks on the border\n\ncrossing. The border crossing\nreopened; border-crossing."
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]})
    hits = lexicons.find_pattern(arts, "border crossing")
    assert list(hits.columns) == [
        "article_id",
        "outlet",
        "paragraph",
        "surface",
        "start",
        "end",
        "language",
    ]
    assert hits["surface"].tolist() == ["border crossing", "border-crossing"]
    assert hits["paragraph"].tolist() == [1, 1]
    for row in hits.itertuples():
        assert text[row.start : row.end] == row.surface
    assert lexicons.find_pattern(arts, "nothing").empty


def test_find_terms_finds_what_each_pattern_finds_alone(articles):
    """The indexed scan of `find_terms` and one pattern's own search agree, entry by entry."""
    patterns = sorted(set(lexicons.naming()["pattern"]) | set(lexicons.topics()["pattern"]))
    table = pd.DataFrame({"group": patterns, "variant": patterns, "pattern": patterns})
    terms = lexicons.find_terms(articles, table)
    for pattern in patterns:
        alone = lexicons.find_pattern(articles, pattern)
        mine = terms[terms["group"] == pattern]
        cols = ["article_id", "paragraph", "surface", "start", "end"]
        found = list(mine[cols].itertuples(index=False, name=None))
        assert found == list(alone[cols].itertuples(index=False, name=None)), pattern
