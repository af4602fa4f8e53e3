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


# --- the printed headline, when the page titles itself otherwise (issue 16, round 2) --------


@pytest.mark.parametrize(
    ("line", "above", "headline", "below"),
    [
        ("Ten Bridge Safety Tips for 2025 | Harbour Herald", "Guides",
         "Why Old Bridges Need New Checks", "By Jane Doe"),
        ("Radwege im Vergleich: Die besten Routen | Talblatt", "Ratgeber",
         "So fahren Sie sicher über die Radwege der Altstadt", "Von Anna Weber"),
        ("Cheap Ferry Tickets and Timetables - Valley Post", "14 March 2025",
         "Taking the Ferry to the Islands This Spring", "Travel desk"),
    ],
)  # fmt: skip
def test_printed_headline_set_off_by_a_byline_or_a_date(line, above, headline, below):
    """A page that titles itself for search engines and prints another headline: the row set
    off as a headline (a byline or a date by it) that shares the title's topic is the title."""
    page = f"{line}\n\nHome\n\nNews\n\n{above}\n\n{headline}\n\n{below}\n\n{_BODY}"
    assert _title(page) == headline


@pytest.mark.parametrize(
    ("line", "row"),
    [
        ("Ten Bridge Safety Tips for 2025 | Harbour Herald", "Senior Transport Reporter"),
        ("Budget Planning for Small Clubs | Lakeside Notes", "Get a Free Consultation Today"),
    ],
)
def test_a_row_by_the_byline_on_another_topic_is_not_the_headline(line, row):
    """A row beside the byline that shares no word with the title line (an author's post, a
    call to action) is not the headline: the title line's headline stands."""
    page = f"{line}\n\nHome\n\nNews\n\n{row}\n\nBy Jane Doe\n\n{_BODY}"
    assert _title(page) == line.split(" | ")[0]


@pytest.mark.parametrize(
    ("line", "site", "core"),
    [
        ("Keeping Bridges Safe | Opinion | Harbour Herald", "Harbour Herald",
         "Keeping Bridges Safe"),
        ("Wie Brücken altern | Verkehr und Bauen | Talblatt", "Talblatt", "Wie Brücken altern"),
        ("The Best Ferry Routes |", None, "The Best Ferry Routes"),
        # a label before a short headline is no headline: the two stay together
        ("Opinion | Why the harbour tax fails | Harbour Herald", "Harbour Herald",
         "Opinion | Why the harbour tax fails"),
        ("Video | Storm floods the old town | Harbour Herald", "Harbour Herald",
         "Video | Storm floods the old town"),
        ("Meinung | Warum die Brücke wartet | Talblatt", "Talblatt",
         "Meinung | Warum die Brücke wartet"),
    ],
)  # fmt: skip
def test_title_core_drops_a_section_between_headline_and_site(line, site, core):
    """A title "Headline | Section | Site" has the headline before the section; a separator
    with nothing after it is no part of the title."""
    from presslens.clean.titles import title_core

    assert title_core(line, site) == core


@pytest.mark.parametrize(
    ("line", "site", "headline"),
    [
        ("Understanding Your Town Budget |", None, "Understanding Your Town Budget"),
        ("Die besten Wanderwege im Tal | Talblatt", "Talblatt", "Die besten Wanderwege im Tal"),
    ],
)
def test_headline_right_below_a_kept_promo_paragraph(line, site, headline):
    """The row right after a promo paragraph the cleaner kept, repeating the title word for
    word, is the headline (a partial match in the menu above it is not)."""
    from presslens.clean.titles import find_title

    paragraphs = _BODY.split("\n\n")
    menu = " ".join(headline.split()[-2:])  # a menu item sharing the title's last words
    raw = [line, menu, _PROMO, headline, *paragraphs]
    kept = [False, False, True, True] + [True] * len(paragraphs)
    assert find_title(raw, kept, [""] * len(raw), line, site) == (3, headline)


# --- an HTML page's printed top heading (<h1>) ------------------------------------------------


@pytest.mark.parametrize(
    ("headings", "line", "site", "expected"),
    [
        # the site's name first, then the article's own headline
        (["Harbour Herald", "Why Old Bridges Need New Safety Checks"],
         "Ten Bridge Safety Tips for 2025 | Harbour Herald", "Harbour Herald",
         "Why Old Bridges Need New Safety Checks"),
        (["Talblatt", "So fahren Sie sicher über die Radwege der Altstadt"],
         "Radwege der Altstadt im Vergleich | Talblatt", "Talblatt",
         "So fahren Sie sicher über die Radwege der Altstadt"),
        # typography only: as the title line declares it
        (["Harbour’s bridge opens at last"], "Harbour's bridge opens at last | Harbour Herald",
         "Harbour Herald", "Harbour's bridge opens at last"),
        # a label glued to it
        (["Blog: Preparing the ferry timetable"],
         "Preparing the ferry timetable | Valley Post", "Valley Post",
         "Preparing the ferry timetable"),
    ],
)  # fmt: skip
def test_printed_heading_is_the_article_headline(headings, line, site, expected):
    from presslens.clean.titles import printed_heading

    assert printed_heading(headings, line, site) == expected


@pytest.mark.parametrize(
    ("headings", "line", "site"),
    [
        (["Harbour Herald"], "Ten Bridge Safety Tips for 2025 | Harbour Herald", "Harbour Herald"),
        (["Folding and unfolding bridges:"], "The Bridge Problem | Valley Post", "Valley Post"),
        (["Small is the new large"], "Small boats on a quiet lake | Valley Post", "Valley Post"),
        (["Wo wir sind"], "Wie Brücken altern | Talblatt", "Talblatt"),
        ([], "Wie Brücken altern | Talblatt", "Talblatt"),
    ],
)  # fmt: skip
def test_printed_heading_skips_the_site_labels_and_other_topics(headings, line, site):
    """The site's name, a label ending in a colon and a heading that shares one word of many
    with the title (a section's, a teaser's) are not the article's headline."""
    from presslens.clean.titles import printed_heading

    assert printed_heading(headings, line, site) is None


# --- a printed headline set off by a byline, with a long menu between it and the body -------


@pytest.mark.parametrize(
    ("line", "headline", "byline"),
    [
        ("Best Harbour Ferry Routes 2025 - Top 10 Ranked by Riders",
         "A Complete List of the Harbour Ferry Routes Worth Taking This Year", "By Jane Doe"),
        ("Valley Budget Guide 2026: Every Tax and Fee Explained | Valley Post",
         "Where Your Money Goes: Reading the New Valley Budget, Tax by Tax", "8 min read"),
    ],
)  # fmt: skip
def test_printed_headline_far_above_the_body(line, headline, byline):
    """The headline the page prints, set off by a byline or a reading time and on the title
    line's topic, is found although a long menu stands between it and the article's prose."""
    menu = "\n\n".join(
        ["Table of contents", "Heading 2", "Heading 3", "Author", "Share", "Print", "Save"]
        + ["Subscribe now", "Events", "Jobs", "Weather", "Obituaries", "Contact us", "About"]
    )
    page = f"{line}\n\nMenu\n\nNews\n\n{headline}\n\n{byline}\n\n{menu}\n\n{_BODY}"
    assert _title(page) == headline
