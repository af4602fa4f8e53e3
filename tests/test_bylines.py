"""The article's author from its byline (`presslens.clean.bylines`): invented pages, one form
each; the tune part of the wcxb dev set holds real examples of each on several pages."""

from __future__ import annotations

import pytest

from presslens.clean.bylines import detect_byline, split_byline

HEAD = "Widgets and Gadgets | The Daily Widget\n\nHome\n\nNews\n\nWidgets and Gadgets\n\n"
BODY = (
    "\n\nThe widget market grew again this year, and the gadget makers are taking notice of the "
    "change in what buyers ask for.\n\nMore text follows here.\n"
)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By: Jane Doe", "Jane Doe"),
        ("by Jane Doe | May 19, 2024 | Widgets", "Jane Doe"),
        ("By Jane Doe – Updated Sep 9, 2025 at 1:00 PM", "Jane Doe"),
        ("By Jane DoePublished: Jun 25, 2025", "Jane Doe"),
        ("By Jane DoeMar 2, 2025", "Jane Doe"),
        ("By Jane Doe, Staff Writer", "Jane Doe"),
        ("By Dr. Jane Doe on Dec. 19, 2025", "Jane Doe"),
        ("ByJane Doe", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("Written by Jane Doe", "Jane Doe"),
        ("Written By: Jane Doe, Senior Analyst", "Jane Doe"),
        ("Posted by Jane Doe on Tuesday, August 29, 2023", "Jane Doe"),
        ("Author: Jane van der Doe", "Jane van der Doe"),
        ("By\n\nJane Doe\n\nDec 18, 2025", "Jane Doe"),
        ("By the Widget Team", "Widget Team"),
        ("Jane Doe\n\nDec 18, 2025", "Jane Doe"),  # a name alone under the headline, dated
    ],
)
def test_byline_forms(byline, author):
    assert detect_byline(HEAD + byline + BODY) == author


@pytest.mark.parametrize(
    "line",
    [
        "By clicking Subscribe, you agree to our terms.",
        "By 2025, widgets were everywhere.",
        "By the way, gadgets are cheaper now.",
        "Photo by Jane Doe",
        "By Jane Doe/Getty Images",
        "Image: Jane Doe",
        "Widget Market\n\nDec 18, 2025",  # a section name: the page writes "market" in lower case
        "",
    ],
)
def test_not_bylines(line):
    assert detect_byline(HEAD + line + BODY) is None


def test_menu_entries_are_not_bylines():
    menu = "Solutions\n\nBy Industry\n\nBy Role\n\nBy Company Size\n\nPricing\n\n"
    assert detect_byline("Widgets | Acme\n\n" + menu + "Some other heading" + BODY) is None


def test_the_byline_under_the_headline_wins_over_related_articles():
    related = "\n\nMore news\n\nGadget prices fall\n\nBy John Roe | Jan 2, 2025\n"
    page = HEAD + "By Jane Doe | Jan 3, 2025" + BODY + related
    assert detect_byline(page) == "Jane Doe"
    # with no byline under the headline, several different bylines name no one
    long_body = BODY * 8
    assert detect_byline(HEAD + long_body + related + "\nBy Mary Major | Jan 1, 2025\n") is None


def test_a_title_that_names_its_author():
    page = "Widgets and Gadgets - by Jane Doe\n\nSubscribe\n\n" + BODY
    assert detect_byline(page) == "Jane Doe"
    page = "Widgets and Gadgets | by Jane Doe | Medium\n\nSign in\n\n" + BODY
    assert detect_byline(page, title="Widgets and Gadgets") == "Jane Doe"


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Von Erika Mustermann", "Erika Mustermann"),
        ("Par Jeanne Dupont | 3 mars 2025", "Jeanne Dupont"),
        ("Автор: Анна Петрова", "Анна Петрова"),
        ("Por María García y José Pérez", "María García and José Pérez"),
    ],
)
def test_other_languages(byline, author):
    assert detect_byline(HEAD + byline + BODY) == author


def test_split_byline():
    assert split_byline("Jane Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert split_byline("Jane Doe") == ["Jane Doe"]
    assert split_byline("") == []
