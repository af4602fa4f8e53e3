"""Title rules learned on real pages (issue 16), each shown on two invented sites."""

from __future__ import annotations

import pytest
from ingest_support import COUNCIL_BODY as _BODY

from presslens.clean import clean_rows
from presslens.clean.metadata import infer_metadata


def _title(page: str) -> str | None:
    return infer_metadata(page, clean_rows(page))["title"]


@pytest.mark.parametrize(
    ("line", "shown", "expected"),
    [
        ("Harbour's bridge opens at last | Harbour Herald", "Harbour’s bridge opens at last",
         "Harbour's bridge opens at last"),
        ("The mayor's “quiet” budget – Valley Post", "The mayor’s \"quiet\" budget",
         "The mayor's “quiet” budget"),
    ],
)  # fmt: skip
def test_headline_as_the_title_line_declares_it(line, shown, expected):
    """A headline row that differs from the title line only in typography is given as declared."""
    page = f"{line}\n\nMenu\n\nNews\n\n{shown}\n\n{_BODY}"
    assert _title(page) == expected


@pytest.mark.parametrize(
    ("line", "menu"),
    [
        ("Bridge Safety Basics", "Portal LoginBridge ToolsSupportMember Sign In"),
        ("Budget Planning Explained", "Shop HelpStoresDeliveryMy Account"),
    ],
)
def test_short_title_line_beats_a_glued_menu(line, menu):
    page = f"{line}\n\n{menu}\n\nAbout\n\nContact\n\n{_BODY}"
    assert _title(page) == line


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Ten Tips for Safer Bridges – Harbour Herald – News for the harbour.",
         "Ten Tips for Safer Bridges"),
        ("How the Budget Works | Valley Post | Your town, every day.", "How the Budget Works"),
    ],
)  # fmt: skip
def test_title_line_with_a_motto_is_not_a_sentence(line, headline):
    assert _title(f"{line}\n\nSkip to content\n\n{_BODY}") == headline
