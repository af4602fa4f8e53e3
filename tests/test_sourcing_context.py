"""Speakers found from the context around a quote: a credit after a dash, an organisation
named in short after its full name, and a paragraph's lead-in naming one person.

Invented sentences, one pattern each, in English and Russian where the rule reads words of the
language; the tune part of the wcxb dev set holds real examples of each on two sites or more.
"""

from __future__ import annotations

import pandas as pd
import pytest

from presslens import sourcing


def quotes(*texts: str, language: str = "en") -> pd.DataFrame:
    arts = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(len(texts))], "outlet": "X", "text": list(texts)}
    )
    return sourcing.find_quotes(arts, workers=1, language=language)


def actor_of(q: pd.DataFrame, contains: str):
    hits = q[q["text"].str.contains(contains, regex=False)]
    assert len(hits) == 1, f"{contains!r}: {len(hits)} rows\n{q[['kind', 'text']]}"
    actor = hits.iloc[0]["actor"]
    return None if pd.isna(actor) else actor


@pytest.mark.parametrize(
    ("text", "quote", "actor"),
    [
        # a full stop between the closing mark and the credit
        ("“Art is long and the day is short.”. - Tom Poe", "Art is long", "Tom Poe"),
        # the credit names where the words appeared, after the name
        ("“Art is long and the day is short.” — Tom Poe at Acme.", "Art is long", "Tom Poe"),
        # two signed reviews in a row: each keeps its own signature
        (
            "“The box came fast and the fit was right.” - Ann Roe\n\n"
            "“Nothing fit me, but the stylist was kind.”. - Tom Poe",
            "Nothing fit",
            "Tom Poe",
        ),
        # a dash and a sentence after it is no credit
        ("“Art is long.” — and then the film ends.", "Art is long", None),
    ],
)
def test_dash_credit(text, quote, actor):
    assert actor_of(quotes(text), quote) == actor


@pytest.mark.parametrize(
    ("text", "quote", "actor", "language"),
    [
        # "the agency" after the reporter named the department it stands for
        (
            "Reporters asked the Department of Transport about the fines. In a reply, the agency "
            "said, “We are looking into the company and will act soon.”",
            "looking into",
            "Department of Transport",
            "en",
        ),
        # "the Institute" after the institute's full name
        (
            "The Polish Institute for Culture and Language opened a school in May.\n\n"
            "“Classes start in June and every place is free,” the Institute said.",
            "Classes start",
            "Polish Institute for Culture and Language",
            "en",
        ),
        # an acronym that opens the full name given before
        (
            "When TSK Holdings, a large grocer, cut its staff plan, many were surprised.\n\n"
            "In a notice, TSK said, “the prices of the drugs are now too high for us.”",
            "prices of the drugs",
            "TSK Holdings",
            "en",
        ),
        (
            "Журналисты обратились в Министерство Транспорта. «Мы проверяем эту компанию и "
            "скоро дадим ответ», — заявило ведомство.",
            "проверяем",
            "Министерство Транспорта",
            "ru",
        ),
        (
            "Институт Культуры и Языка открыл курсы в мае.\n\n"
            "«Занятия начнутся в июне, приходите все», — заявил Институт.",
            "Занятия",
            "Институт Культуры и Языка",
            "ru",
        ),
    ],
)
def test_organisation_named_in_short(text, quote, actor, language):
    assert actor_of(quotes(text, language=language), quote) == actor


def test_agency_with_no_organisation_named_before_keeps_its_words():
    q = quotes("In a reply, the agency said, “We are looking into the company and will act soon.”")
    assert actor_of(q, "looking into") != "Department of Transport"


@pytest.mark.parametrize(
    ("text", "quote", "actor", "language"),
    [
        # the paragraph's lead-in names a person the article quotes elsewhere
        (
            "“We have studied plants for ten years,” said Ann Roe, a botanist.\n\n"
            "To Roe, the result is a sign of change. “Typically we ask why a plant has its "
            "shape. The answer is always the same.”",
            "Typically",
            "Ann Roe",
            "en",
        ),
        # a name right after a person noun
        (
            "Our reviewer Becca was very impressed with her latest box, “I loved every item in "
            "it and I will order again next month.”",
            "loved every",
            "Becca",
            "en",
        ),
        (
            "Наш обозреватель Анна была очень довольна новой коробкой. «Мне понравилась каждая "
            "вещь в ней, и я закажу ещё одну в следующем месяце».",
            "понравилась",
            "Анна",
            "ru",
        ),
        # two people in the lead-in: nobody is chosen
        (
            "“We have studied plants for ten years,” said Ann Roe. “So have we,” said Tom Poe.\n\n"
            "Roe met Poe in Leeds in May. “Nothing works here, and nobody has asked why for years.”",
            "Nothing works",
            None,
            "en",
        ),
        # the lead-in talks about the person, who is not its subject: nobody is chosen
        (
            "Mayor Ann Roe opened the bridge on Monday. “It took ten years to build,” Roe said."
            "\n\nCritics of Roe were not impressed by the opening. “This is a vanity project "
            "that nobody in this town asked for.”",
            "vanity project",
            None,
            "en",
        ),
        (
            "«Мост строили десять лет», — сказала мэр Анна Петрова.\n\nКритики Петровой не "
            "были впечатлены открытием. «Это проект ради славы, о котором никто не просил».",
            "ради славы",
            None,
            "ru",
        ),
        # a name the article never quotes may be a product's: nobody is chosen
        (
            "I set the tone with GitHub Copilot in my editor. “Use four spaces and short names "
            "in every file you write.”",
            "four spaces",
            None,
            "en",
        ),
    ],
)
def test_lead_in_person(text, quote, actor, language):
    assert actor_of(quotes(text, language=language), quote) == actor
