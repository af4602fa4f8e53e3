"""Cleaning: where the article starts and ends (`clean.edges`), and the notices found there.

An author box below the article (the writer's name, then a paragraph about that person) is not
body; a list of people the article describes is. A page whose title line is repeated below a
header of promotions starts at that printed headline. Disclaimers and a sign-up form's consent
line are notices. The pages are invented.
"""

from __future__ import annotations

import pytest
from test_clean_furniture import BODY  # the one invented article of the cleaning tests

from presslens.clean import clean_page

TITLE = "Night Buses to Reach the Northern Districts"

BOX = [
    "Marta Quillon",
    "Marta Quillon is a transport reporter who has covered the city's buses and trams since "
    "2019. Before that she wrote about housing for a regional weekly.",
]


def _frame(page: list[str], language: str | None = None):
    return clean_page("\n\n".join(page), language=language)


def _kept(page: list[str]) -> list[str]:
    frame = _frame(page)
    return frame.loc[frame["kept"], "text"].tolist()


def test_an_author_box_below_the_article_is_removed_as_a_bio():
    frame = _frame([TITLE, *BODY, *BOX])
    assert frame.loc[frame["kept"], "text"].tolist() == BODY
    assert set(frame.loc[frame["text"].isin(BOX), "reason"]) == {"author_bio"}


def test_an_author_box_led_by_about_is_removed():
    box = ["About Marta Quillon", BOX[1]]
    assert _kept([TITLE, *BODY, *box]) == BODY


def test_a_list_of_people_the_article_describes_is_kept_to_the_last():
    people = [
        "Olek Brandt",
        "Olek Brandt drives the line 12 bus at night. He says the late shift is quieter than "
        "the day, but the passengers are the ones who need the bus most.",
        "Sina Varga",
        "Sina Varga runs a bakery near the depot. She opens at four and says most of her early "
        "customers are drivers coming off the night routes.",
    ]
    page = [TITLE, *BODY[:2], *people]
    assert _kept(page) == [*BODY[:2], *people]


def test_a_section_heading_whose_words_the_article_uses_is_not_a_name():
    section = [
        "Window Seats",
        "Window seats on the new buses will be heated, the office said, and he added that the "
        "older buses would be refitted with the same seats over the next two years.",
    ]
    assert _kept([TITLE, *BODY, *section]) == [*BODY, *section]


PROMOS = [
    "Plan every journey with our free app, built for the way the city moves today.",
    "Discover how our new ticket system can help you travel across every district with ease.",
]


def test_the_article_starts_at_the_printed_headline_below_a_header_of_promotions():
    header = ["Skip to content", "Menu", "Routes", "Timetables", *PROMOS, "Tickets"]
    page = [f"{TITLE} | City Transit", *header, TITLE, *BODY]
    frame = _frame(page)
    assert frame.loc[frame["kept"], "text"].tolist() == BODY
    assert frame.loc[frame["text"] == TITLE, "reason"].tolist() == ["title"]


def test_an_article_that_opens_with_its_headline_keeps_its_intro():
    # Extracted from HTML: the headline is the first row, no page header above the intro.
    intro = [
        "Night buses are coming to the northern districts, and this guide explains what that "
        "means for the people who will ride them in the first months.",
    ]
    assert _kept([TITLE, *intro, TITLE, *BODY]) == [*intro, *BODY]


def test_a_section_repeating_the_headline_printed_above_does_not_move_the_start():
    intro = [
        "Night buses are coming to the northern districts, and this guide explains what that "
        "means for the people who will ride them in the first months.",
    ]
    header = ["Skip to content", "Menu", "Routes"]
    page = [f"{TITLE} | City Transit", *header, TITLE, *intro, TITLE, *BODY]
    assert _kept(page) == [*intro, *BODY]  # the repeated headline is the title's duplicate


DISCLAIMERS = {
    "en": "This article is for informational purposes only and is not a substitute for "
    "professional medical advice.",
    "de": "Dieser Beitrag dient nur zu Informationszwecken und ersetzt keine ärztliche Beratung.",
    "fr": "Cet article est fourni à titre informatif uniquement et ne remplace pas un avis "
    "médical.",
    "es": "Este artículo tiene fines informativos y no sustituye el consejo médico de un "
    "profesional.",
    "ru": "Материал носит исключительно информационный характер и не является медицинской "
    "консультацией.",
}


@pytest.mark.parametrize("language", sorted(DISCLAIMERS))
def test_a_disclaimer_below_the_article_is_a_disclaimer(language):
    frame = _frame([TITLE, *BODY, DISCLAIMERS[language]])
    assert frame["kept"].tolist()[1:] == [True] * len(BODY) + [False]
    assert frame["reason"].iloc[-1] == "disclaimer"


def test_a_long_body_paragraph_that_mentions_educational_purposes_is_kept():
    long_one = (
        "The museum lends its old bus tickets to schools for educational purposes only, and "
        "the teachers who borrowed them this year said the children were most surprised by "
        "how cheap a night ride across the city used to be."
    )
    page = [TITLE, *BODY[:2], long_one, *BODY[2:]]
    assert _kept(page) == [*BODY[:2], long_one, *BODY[2:]]


CONSENT = {
    "en": "By signing up, you agree to receive marketing emails from City Transit. "
    "Unsubscribe at any time.",
    "de": "Mit dem Absenden des Formulars stimme ich der Verarbeitung meiner Daten zu.",
    "fr": "En vous inscrivant, vous acceptez de recevoir nos courriels.",
    "es": "Al suscribirte, aceptas recibir nuestros correos sobre el transporte.",
    "ru": "Нажимая кнопку, вы соглашаетесь на обработку персональных данных.",
}


@pytest.mark.parametrize("language", sorted(CONSENT))
def test_a_signup_forms_consent_line_is_a_newsletter_prompt(language):
    frame = _frame([TITLE, *BODY, CONSENT[language]])
    assert frame["reason"].iloc[-1] == "paywall"


def test_the_site_name_printed_in_the_article_does_not_move_its_start():
    # "Headline | Site Name": a line with the site's name below the lead is not the headline
    site = "The Northern Courier"
    header = ["Skip to content", "Menu", "Routes", "Timetables", "Tickets"]
    page = [f"{TITLE} - {site}", *header, BODY[0], site, *BODY[1:]]
    assert BODY[0] in _kept(page)


def test_a_disclaimer_a_source_reports_inside_the_article_is_kept():
    reported = "The app is not a substitute for medical advice, the company said in a statement."
    page = [TITLE, *BODY[:2], reported, *BODY[2:]]
    assert _kept(page) == [*BODY[:2], reported, *BODY[2:]]


def test_third_person_words_are_read_in_the_pages_language():
    # "son" is French for "his": on an English page a profile with it is not an author box
    profile = [
        "Marta Quillon",
        "Marta Quillon runs the night kiosk at the depot; the son of a driver, Quillon knows "
        "every route and every late bus by heart.",
    ]
    page = [TITLE, *BODY, *profile]
    frame = _frame(page, language="en")
    assert "author_bio" not in set(frame["reason"])
