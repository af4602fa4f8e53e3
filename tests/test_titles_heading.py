"""An HTML page's top heading is its headline, unless it reads as a teaser or the site's pitch."""

from __future__ import annotations

import pytest

from presslens.clean.titles import printed_heading

CASES = [
    (
        "Five Easy Walks Along the River | Valley Post",
        "Valley Post",
        "Make the most of your weekend with these river walks.",
        "Five Easy Walks Along the River.",
    ),
    (
        "Die schönsten Wege am Fluss | Talblatt",
        "Talblatt",
        "Entdecken Sie die schönsten Wege am Fluss mit unseren Karten.",
        "Die schönsten Wege am Fluss.",
    ),
]


@pytest.mark.parametrize(("line", "site", "teaser", "_"), CASES)
def test_a_heading_that_ends_as_a_sentence_is_not_the_headline(line, site, teaser, _):
    """A top heading that ends as a sentence (a word in lower case and a full stop) is a
    teaser or the site's pitch: the title line's headline stands."""
    assert printed_heading([teaser], line, site) is None


@pytest.mark.parametrize(("line", "site", "_", "headline"), CASES)
def test_the_title_with_a_full_stop_is_still_the_headline(line, site, _, headline):
    assert printed_heading([headline], line, site) == headline


@pytest.mark.parametrize(
    "heading",
    [
        "The Ten Best Movers in the U.S.",
        "Walks With Harbour & Sons Co.",
        "Wanderkarten der Talblatt GmbH & Co.",
    ],
)
def test_an_abbreviation_at_the_end_is_no_sentence(heading):
    line = f"{heading.replace('.', '')} | Valley Post"
    assert printed_heading([heading], line, "Valley Post") == heading
