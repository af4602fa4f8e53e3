"""Cleaning: notices around the article that the gold never keeps.

An affiliate disclosure ("we may earn a commission"), the header of an article's list of
sources, and a header over other stories or videos are furniture; a body sentence about
commissions and affiliate links is the article's. The pages are invented.
"""

from __future__ import annotations

import pytest

from presslens.clean import clean_page

TITLE = "Ferry Timetable Changes for the Winter Season"

BODY = [
    "The harbour authority said on Monday that the winter ferry timetable would begin two "
    "weeks earlier this year, because fewer tourists travel to the islands after September.",
    "Crossings to the outer islands will run three times a day instead of five, and the "
    "last boat back to the mainland will leave at half past six in the evening.",
    "Island residents said the earlier change would make it harder to reach the hospital "
    "on the mainland and asked the authority to keep one late crossing on weekdays.",
    "The authority said it would review the timetable in January, once it had counted how "
    "many passengers used the reduced service in its first two months.",
]

DISCLOSURES = {
    "en": "This post contains affiliate links. When you buy through them, we may earn a small "
    "commission at no extra cost to you.",
    "de": "Dieser Artikel enthält Affiliate-Links. Kaufen Sie darüber ein, erhalten wir eine "
    "kleine Provision.",
    "fr": "Cet article contient des liens d'affiliation : nous pouvons percevoir une petite "
    "commission sur vos achats.",
    "es": "Este artículo contiene enlaces de afiliados y podemos recibir una pequeña comisión "
    "por sus compras.",
    "ru": "Статья содержит партнёрские ссылки: мы можем получить небольшую комиссию с покупок.",
}


def _frame(page: list[str]):
    return clean_page("\n\n".join(page))


def _kept(page: list[str]) -> list[str]:
    frame = _frame(page)
    return frame.loc[frame["kept"], "text"].tolist()


@pytest.mark.parametrize("language", sorted(DISCLOSURES))
def test_an_affiliate_disclosure_is_not_body(language):
    for page in ([TITLE, DISCLOSURES[language], *BODY], [TITLE, *BODY, DISCLOSURES[language]]):
        frame = _frame(page)
        assert frame.loc[frame["kept"], "text"].tolist() == BODY
        disclosure = frame.loc[frame["text"] == DISCLOSURES[language], "reason"]
        assert disclosure.tolist() == ["advert"]


def test_a_body_sentence_about_commissions_and_affiliate_links_is_kept():
    about = (
        "Ticket agents earn a commission when travellers book a crossing via affiliate links "
        "on holiday websites, and the authority wants to stop paying it next year."
    )
    page = [TITLE, *BODY[:2], about, *BODY[2:]]
    assert _kept(page) == [*BODY[:2], about, *BODY[2:]]


SOURCES = {
    "en": "Article Sources",
    "de": "Quellen des Artikels",
    "fr": "Sources de l'article",
    "es": "Fuentes del artículo",
    "ru": "Источники статьи",
}
CITED = [
    'Harbour Authority. "Winter Timetable 2025."',
    "https://harbour.example.org/timetables/winter-2025",
    'Island Council. "Minutes of the October Meeting."',
]


@pytest.mark.parametrize("language", sorted(SOURCES))
def test_the_article_ends_at_its_list_of_sources(language):
    assert _kept([TITLE, *BODY, f"{SOURCES[language]}:", *CITED]) == BODY


TEASERS = {
    "en": "More Videos",
    "de": "Weitere Videos",
    "fr": "Plus de vidéos",
    "es": "Más videos",
    "ru": "Ещё видео",
}
HEADLINES = [
    "How the Night Ferry Crew Prepares for a Storm",
    "Inside the Island School That Runs on Solar Power",
    "Ten Years of the Harbour Festival in Pictures",
]


@pytest.mark.parametrize("language", sorted(TEASERS))
def test_a_header_over_other_videos_ends_the_article(language):
    frame = _frame([TITLE, *BODY, TEASERS[language], *HEADLINES])
    assert frame.loc[frame["kept"], "text"].tolist() == BODY
    assert frame["reason"].iloc[len(BODY) + 1] == "related"


LOADING = {
    "en": "Loading prices for your region…",
    "de": "Lade Kommentare...",
    "fr": "Chargement des commentaires…",
    "es": "Cargando comentarios...",
    "ru": "Загрузка комментариев…",
}


@pytest.mark.parametrize("language", sorted(LOADING))
def test_a_loading_placeholder_inside_the_article_is_a_widget(language):
    frame = _frame([TITLE, *BODY[:2], LOADING[language], *BODY[2:]])
    assert frame.loc[frame["kept"], "text"].tolist() == BODY
    assert frame["reason"].iloc[3] == "widget"


def test_a_subheading_about_loading_is_kept():
    heading = "Loading the cars onto the ferry"
    page = [TITLE, *BODY[:2], heading, *BODY[2:]]
    assert _kept(page) == [*BODY[:2], heading, *BODY[2:]]
