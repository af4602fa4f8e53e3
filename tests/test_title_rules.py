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


# --- headline rows with something glued to them, or far from where the body starts ---------


@pytest.mark.parametrize(
    ("line", "row", "expected"),
    [
        ("Five bridges to walk this spring - Harbour Herald",
         "Five bridges to walk this spring by harbourteam | Apr 2, 2025",
         "Five bridges to walk this spring"),
        ("Neue Radwege für die Altstadt | Talblatt",
         "Neue Radwege für die Altstadt / Mär 2024", "Neue Radwege für die Altstadt"),
        ("Budget Planning for Small Clubs | Lakeside Notes",
         "Blog: Budget Planning for Small Clubs", "Budget Planning for Small Clubs"),
        ("Как выбрать велосипед для города - Городские заметки",
         "РесурсыСтатьиКак выбрать велосипед для города", "Как выбрать велосипед для города"),
    ],
)  # fmt: skip
def test_headline_row_with_a_byline_date_or_label_glued_to_it(line, row, expected):
    """A row holding the headline plus a byline, a date, a label or a glued menu gives the
    headline as the title line writes it."""
    page = f"{line}\n\nMenu\n\n{row}\n\n{_BODY}"
    assert _title(page) == expected


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("Rates rise again: what it means for savers | Harbour Herald",
         "Rates rise again: what it means for savers and borrowers"),
        ("Guía para plantar tomates | Huerta Viva", "Guía para plantar tomates en maceta"),
    ],
)  # fmt: skip
def test_a_longer_shown_headline_is_not_cut_to_the_title(line, row):
    """A shown headline that goes on past the title's words is the page's headline as shown."""
    page = f"{line}\n\nMenu\n\n{row}\n\n{_BODY}"
    assert _title(page) == row


_PROMO = (
    "Get our free report on how small towns fund their roads, with figures from forty councils "
    "and advice from the engineers who plan them."
)


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Understanding Your Town Budget - Valley Post", "Understanding Your Town Budget"),
        ("Comprendre le budget de la commune | Le Courrier du Val",
         "Comprendre le budget de la commune"),
    ],
)  # fmt: skip
def test_headline_repeating_the_title_below_a_kept_promo(line, headline):
    """The row that repeats the title's headline word for word is the headline, even below a
    promo the cleaner kept and a partial match above it."""
    menu = "\n\n".join(["Home", "Town Budget", "Roads", "Schools", "Contact"] * 3)
    page = f"{line}\n\n{menu}\n\n{_PROMO}\n\nReport\n\nNews\n\n{headline}\n\nBy Jane Doe\n\n{_BODY}"
    assert _title(page) == headline


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("The 12 Best Bridges in Harbour Town (Ranked)", "The 12 Best Bridges in Harbour Town"),
        ("Die besten Wanderwege im Tal (2025)", "Die besten Wanderwege im Tal 2025"),
    ],
)  # fmt: skip
def test_headline_among_kept_menu_rows_before_the_prose(line, headline):
    """Menu rows the cleaner kept above the headline do not hide it: a heading-shaped row
    before the first paragraph of prose that repeats the title is the headline."""
    from presslens.clean.titles import find_title

    paragraphs = _BODY.split("\n\n")
    raw = [line, "Guides", "Travel", headline, "Jane Doe", *paragraphs]
    kept = [False, True, True, True, True] + [True] * len(paragraphs)
    assert find_title(raw, kept, [""] * len(raw), line, None) == (3, headline)


@pytest.mark.parametrize(
    ("line", "shown", "expected"),
    [
        ("Ten tips for new cyclists… and their parents – Harbour Herald",
         "Ten tips for new cyclists... and their parents",
         "Ten tips for new cyclists… and their parents"),
        ("How does a tide clock work？ | Valley Post", "How does a tide clock work?",
         "How does a tide clock work？"),
    ],
)  # fmt: skip
def test_headline_differing_in_ellipsis_or_width_is_given_as_declared(line, shown, expected):
    page = f"{line}\n\nMenu\n\nNews\n\n{shown}\n\n{_BODY}"
    assert _title(page) == expected


@pytest.mark.parametrize(
    ("line", "site", "core"),
    [
        ("Understanding Bridges - Harbour Safety Foundation", "Harbour Safety Foundation (HSF)",
         "Understanding Bridges"),
        ("Wie Brücken altern | Talblatt", "Talblatt Blog", "Wie Brücken altern"),
    ],
)  # fmt: skip
def test_title_core_drops_the_site_written_shorter_or_longer(line, site, core):
    from presslens.clean.titles import title_core

    assert title_core(line, site) == core


@pytest.mark.parametrize("extracted", ["restaurant", "Brücke"])
def test_a_short_extracted_html_title_is_the_title_line(extracted):
    """An HTML page's title as its extractor read it stays the title line however short."""
    from presslens.clean.titles import title_line

    raw = [extracted, "A long first sentence of the body that the cleaner may take.", "More."]
    assert (
        title_line(raw, [False, True, True], ["", "title", ""], {"title": extracted}) == extracted
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Keep Your Bridges Safe\u200b | Harbour Herald", "Keep Your Bridges Safe"),
        ("Die B\ufeffesten Radwege im Tal - Talblatt", "Die Besten Radwege im Tal"),
    ],
)
def test_characters_hidden_inside_a_title_are_dropped(line, expected):
    assert _title(f"{line}\n\nMenu\n\n{_BODY}") == expected
