"""A text dump's first line (a browser's title) is its title line, short or flagged as it may be."""

from __future__ import annotations

import pytest
from ingest_support import COUNCIL_BODY as _BODY

from presslens.clean import clean_rows
from presslens.clean.metadata import infer_metadata
from presslens.clean.titles import title_line


def _title(page: str) -> str | None:
    return infer_metadata(page, clean_rows(page))["title"]


@pytest.mark.parametrize(
    ("first", "menu_title"),
    [("Bridges", "How to Report a Broken Streetlight"), ("Radwege", "So melden Sie Schlaglöcher")],
)
def test_a_short_first_line_is_the_title_line(first, menu_title):
    """A one- or two-word page title is still the title line: the row the cleaner took for a
    title further down is a menu's or a teaser's, not the page's."""
    raw = [first, "Home", "Contact", menu_title, *_BODY.split("\n\n")]
    kept = [False, False, False, False, True, True, True]
    reasons = ["navigation", "navigation", "navigation", "title", "", "", ""]
    assert title_line(raw, kept, reasons, None) == first


@pytest.mark.parametrize("reason", ["widget", "share"], ids=["a weather reading", "a share button"])
def test_a_widget_on_the_first_line_is_not_the_title_line(reason):
    raw = ["21.5 C", "Council backs the new bridge", *_BODY.split("\n\n")]
    kept = [False, False, True, True, True]
    assert title_line(raw, kept, [reason, "title", "", "", ""], None) == raw[1]


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Choosing a Degree: Evening or Online? | Harbour College©", "Choosing a Degree: Evening or Online?"),
        ("Abendkurs oder Fernstudium? | Hochschule am Talweg©", "Abendkurs oder Fernstudium?"),
    ],
)  # fmt: skip
def test_a_title_line_with_a_copyright_sign_in_the_site_name_stays_the_title(line, headline):
    """A title line whose site part carries a © (which the cleaner reads as a copyright
    row) still names the page; a menu row lower down is not its title."""
    page = f"{line}\n\nMenu\n\nStudent Portal\n\nCampus Services and Housing\n\n{_BODY}"
    assert _title(page) == headline


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("What a Spring Clean Costs in the Valley — Brightside Cleaning Co.", ["Home"]),
        ("Was eine Dachsanierung im Tal kostet – Müller & Söhne GmbH & Co.", ["Start"]),
    ],
)
def test_a_kept_first_line_ending_in_the_sites_abbreviation_is_the_title_line(line, rest):
    """A first line the cleaner kept that ends in a full stop is a sentence of the body, unless
    a site part follows the headline ("Headline — Example Co.")."""
    raw = [line, *rest, *_BODY.split("\n\n")]
    kept = [True, False, True, True, True]
    assert title_line(raw, kept, ["", "navigation", "", "", ""], None) == line
    sentence = "The council met again on Tuesday to discuss the bridge."
    assert title_line([sentence, *raw[1:]], kept, ["", "navigation", "", "", ""], None) == ""
