"""Page dates in several languages and the headline/date choice on invented pages (issues 12, 16).

Every page here is written for the test; no third-party text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from presslens.clean import clean_rows
from presslens.clean.datelines import month_number
from presslens.clean.metadata import (
    find_page_dates,
    infer_metadata,
    parse_page_date,
    writes_month_first,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28 փետրվարի 2017", dt.date(2017, 2, 28)),  # hy, genitive
        ("2017 թ. մարտի 3-ին", dt.date(2017, 3, 3)),  # hy, year first
        ("Bakı, 28 fevral 2017-ci il", dt.date(2017, 2, 28)),  # az
        ("İstanbul, 4 Şubat 2019", dt.date(2019, 2, 4)),  # tr
        ("ANKARA, 12 MAYIS 2021", dt.date(2021, 5, 12)),  # tr, capitals without the dotless ı
        ("ЕРЕВАН, 28 ФЕВРАЛЯ 2017 г.", dt.date(2017, 2, 28)),  # ru, capitals
        ("Publicado em 7 de setembro de 2022", dt.date(2022, 9, 7)),  # pt
        ("le 3 avril 2020", dt.date(2020, 4, 3)),  # fr
        ("am 9. März 2021", dt.date(2021, 3, 9)),  # de
        ("2019年11月5日", dt.date(2019, 11, 5)),  # ja
        ("Posted on June 29, 2020November 12, 2021", dt.date(2020, 6, 29)),  # glued update
    ],
)
def test_page_dates_in_many_languages(text, expected):
    assert parse_page_date(text) == expected


def test_month_number_any_case_and_script():
    assert month_number("NİSAN") == 4
    assert month_number("Փետրվարի") == 2
    assert month_number("Sept.") == 9
    assert month_number("Brumaire") is None


def test_a_two_digit_number_glued_to_a_word_is_not_a_date():
    assert find_page_dates("ref 30/06/23x") == []
    assert [d for _, _, d in find_page_dates("On 4 May 2023 and 5 May 2023")] == [
        dt.date(2023, 5, 4),
        dt.date(2023, 5, 5),
    ]


def _meta(page: str) -> dict:
    return infer_metadata(page, clean_rows(page))


_BODY = (
    "The council met on Tuesday to discuss the new budget for the city's schools, and members "
    "agreed after a long debate to raise teachers' pay by four per cent next year.\n\n"
    "Opposition members said the rise was too small, while the mayor said the city could not "
    "afford more without cutting other services that residents rely on every day.\n\n"
    "A final vote is expected next month, after a public consultation that will run for six "
    "weeks and include meetings in every district of the city."
)


@pytest.mark.parametrize(
    ("page", "title", "published"),
    [
        (  # page title line, then menus, a "today" clock, the headline and its dateline
            "Council agrees pay rise for teachers | The Riverside Courier\n\nHome\n\nNews\n\n"
            "Sport\n\nToday: Friday, March 8, 2024\n\nCouncil agrees pay rise for teachers\n\n"
            "By Jane Doe | March 5, 2024\n\n" + _BODY,
            "Council agrees pay rise for teachers",
            dt.date(2024, 3, 5),
        ),
        (  # another site: the date line stands above the headline, without a label
            "Teachers to get a raise, council says - Valley Post\n\nSkip to content\n\nMenu\n\n"
            "Valley Post\n\n12 February 2023\n\nTeachers to get a raise, council says\n\n" + _BODY,
            "Teachers to get a raise, council says",
            dt.date(2023, 2, 12),
        ),
        (  # an "Updated" date and a published date on one line: the published one counts
            "Budget vote delayed again\n\nSubscribe\n\nBudget vote delayed again\n\n"
            "Updated: 20 June 2022 · Published: 14 June 2022\n\n" + _BODY,
            "Budget vote delayed again",
            dt.date(2022, 6, 14),
        ),
        (  # Russian page: headline, then a local dateline
            "Совет одобрил повышение зарплат учителям — Вестник\n\nГлавная\n\nНовости\n\n"
            "Совет одобрил повышение зарплат учителям\n\n14 марта 2023, 10:15\n\n" + _BODY,
            "Совет одобрил повышение зарплат учителям",
            dt.date(2023, 3, 14),
        ),
        (  # Armenian page with a genitive month
            "Ավագանին հաստատեց ուսուցիչների աշխատավարձերի բարձրացումը\n\nԳլխավոր\n\n"
            "Ավագանին հաստատեց ուսուցիչների աշխատավարձերի բարձրացումը\n\n"
            "28 փետրվարի 2017, 12:40\n\n" + _BODY,
            "Ավագանին հաստատեց ուսուցիչների աշխատավարձերի բարձրացումը",
            dt.date(2017, 2, 28),
        ),
    ],
)
def test_headline_and_publication_date(page, title, published):
    meta = _meta(page)
    assert meta["title"] == title
    assert meta["published"] == published
    assert meta["date_source"] == "dateline"


def test_dates_in_body_sentences_and_related_lists_are_not_publication_dates():
    page = (
        "Harbour reopens after storm\n\nMenu\n\nHarbour reopens after storm\n\n"
        "The harbour was closed on 3 January 2021 after the storm, and the port authority said "
        "on Monday that repairs had cost more than expected and taken far longer than planned."
        "\n\nShips returned this week, and fishermen said they were relieved to be back at sea "
        "after months of waiting for the quay to be rebuilt by the contractors."
    )
    assert _meta(page)["published"] is None


@pytest.mark.parametrize(
    ("rows", "language", "expected"),
    [
        (["Posted 12/31/2023", "03/01/2024"], "fr", True),  # the page's own 12/31 says so
        (["Publié le 31/12/2023", "03/01/2024"], "en", False),  # its 31/12 says day first
        (["Posted 03/01/2017"], "en", True),  # no evidence: English pages write month first
        (["Publié le 03/01/2017"], "fr", False),
    ],
)
def test_numeric_dates_are_read_the_way_the_page_writes_them(rows, language, expected):
    assert writes_month_first(rows, language) is expected


@pytest.mark.parametrize(
    ("dateline", "published"),
    [("Posted on 03/01/2017 by Jane Doe", dt.date(2017, 3, 1)),
     ("Updated 8/1/2025 | 5 min read", dt.date(2025, 8, 1))],
)  # fmt: skip
def test_an_english_page_with_ambiguous_numeric_dates_reads_them_month_first(dateline, published):
    page = f"Council agrees budget\n\nMenu\n\nCouncil agrees budget\n\n{dateline}\n\n{_BODY}"
    assert _meta(page)["published"] == published


@pytest.mark.parametrize(
    "clock",
    ["Saturday, March 14, 2026", "Mittwoch, 4. März 2026"],
)
def test_a_header_clock_far_above_an_unfound_headline_is_not_the_date(clock):
    # No headline repeats the title line's words, so nothing ties the clock to the article.
    page = f"Budget\n\n{clock}\n\nHome\n\nNews\n\nSport\n\nWeather\n\nVideo\n\n{_BODY}"
    assert _meta(page)["published"] is None


@pytest.mark.parametrize(
    ("rows", "published"),
    [
        ("Updated on May 27, 2025 09:10AM\n\nPublished May 2, 2025", dt.date(2025, 5, 2)),
        ("Last updated: 3 June 2024\n\nBy Jane Doe, 28 May 2024", dt.date(2024, 5, 28)),
    ],
)
def test_a_revision_date_gives_way_to_the_publication_date_near_the_headline(rows, published):
    page = f"Budget vote delayed\n\nMenu\n\nBudget vote delayed\n\n{rows}\n\n{_BODY}"
    assert _meta(page)["published"] == published


@pytest.mark.parametrize(
    "subheading",
    ["Why the budget vote was delayed again", "Budget vote delayed: what happens next"],
)
def test_a_body_subheading_repeating_the_title_is_not_the_headline(subheading):
    body = _BODY.replace("\n\nOpposition", f"\n\n{subheading}\n\nOpposition")
    page = f"Budget vote delayed again\n\n{body}"
    assert _meta(page)["title"] == "Budget vote delayed again"


@pytest.mark.parametrize(
    ("page_text", "title", "published"),
    [
        (  # the extractor kept the body only; the page shows its headline and dateline
            "Home\nWorld\nCouncil agrees pay rise for teachers\nBy Jane Doe | March 5, 2024\n"
            + _BODY.replace("\n\n", "\n"),
            "Council agrees pay rise for teachers",
            dt.date(2024, 3, 5),
        ),
        (
            "Menu\nSkip to content\nTeachers to get a raise, council says\n12 February 2023\n"
            + _BODY.replace("\n\n", "\n"),
            "Teachers to get a raise, council says",
            dt.date(2023, 2, 12),
        ),
    ],
)
def test_an_html_pages_visible_text_gives_its_headline_and_dateline(page_text, title, published):
    html_meta = {
        "title": f"{title} | Riverside Courier",
        "date": "2019-01-01",  # the extractor's guess, printed nowhere on the page
        "page_text": page_text,
    }
    meta = infer_metadata(_BODY, clean_rows(_BODY), html_meta=html_meta)
    assert meta["title"] == title
    assert (meta["published"], meta["date_source"]) == (published, "dateline")
