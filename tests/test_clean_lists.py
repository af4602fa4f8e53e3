"""Cleaning: a long run of short lines inside the article is removed as a menu, unless its
lines are marked as list items or table rows (a packing list, a feature list, a timetable): the
HTML extractor writes the article's lists that way. The pages are invented."""

from __future__ import annotations

import pytest

from presslens.clean import clean_page

PAGES = {
    "en": (
        "What to Pack for a Week of Walking in the Hills",
        [
            "A week on the hill paths asks for less luggage than most walkers expect, as long as "
            "every item earns its place in the pack and nothing is carried twice.",
            "We asked four walking guides what they take on a typical spring trip, and their "
            "answers agreed on almost everything, from socks to the spare map.",
        ],
        "Rucksack with rain cover, Walking boots, Two pairs of wool socks, Light fleece, "
        "Waterproof jacket, Sun hat, Water bottle, Small first aid kit, Head torch, "
        "Paper map and compass, Snacks for each day, Spare laces",
        [
            "The guides added that a light pair of sandals for the evening is welcome, but that "
            "anything heavier than that usually stays unused at the bottom of the bag.",
            "Whatever you choose, pack it a day early and walk around the block with it, so that "
            "a strap that rubs is found at home and not on the second day out.",
        ],
        ["Home", "Walks", "Gear", "About"],
    ),
    "fr": (
        "Que mettre dans son sac pour une semaine de randonnée",
        [
            "Une semaine sur les sentiers demande moins de bagages qu'on ne le croit, pourvu que "
            "chaque objet ait sa raison d'être dans le sac et que rien ne soit porté en double.",
            "Nous avons demandé à quatre guides ce qu'ils emportent au printemps, et leurs "
            "réponses se rejoignent presque en tout, des chaussettes à la carte de secours.",
        ],
        "Sac à dos imperméable, Chaussures de marche, Deux paires de chaussettes, "
        "Polaire légère, Veste imperméable, Chapeau de soleil, Gourde, Petite trousse de secours, "
        "Lampe frontale, Carte et boussole, En-cas pour chaque jour, Lacets de rechange",
        [
            "Les guides ajoutent qu'une paire de sandales légères pour le soir est la bienvenue, "
            "mais que tout objet plus lourd reste en général au fond du sac sans servir.",
            "Quoi que vous choisissiez, préparez le sac la veille et faites le tour du quartier "
            "avec, pour qu'une sangle qui frotte se découvre chez vous et non en chemin.",
        ],
        ["Accueil", "Randonnées", "Matériel", "À propos"],
    ),
}


def _page(language: str, marker: str) -> tuple[str, list[str], list[str]]:
    title, before, items, after, menu = PAGES[language]
    lines = [f"{marker}{item}" for item in items.split(", ")]
    return "\n\n".join([*menu, title, *before, *lines, *after, *menu]), lines, menu


@pytest.mark.parametrize("language", sorted(PAGES))
@pytest.mark.parametrize("marker", ["- ", "• "])
def test_a_marked_list_inside_the_article_is_kept(language, marker):
    page, lines, menu = _page(language, marker)
    frame = clean_page(page, language=language)
    kept = set(frame.loc[frame["kept"], "text"])
    assert all(line in kept for line in lines), frame.to_string()
    assert not kept & set(menu), frame.to_string()


@pytest.mark.parametrize("language", sorted(PAGES))
def test_an_unmarked_run_of_short_lines_inside_the_article_is_still_a_menu(language):
    page, lines, _ = _page(language, "")
    frame = clean_page(page, language=language)
    run = frame[frame["text"].isin(lines)]
    assert (run["reason"] == "navigation").all(), frame.to_string()


def test_table_rows_inside_the_article_are_kept():
    title, before, _, after, menu = PAGES["en"]
    rows = ["| Day | Route | Hours |"] + [
        f"| {day} | {route} | {hours} |"
        for day, route, hours in [
            ("Monday", "Valley loop", "four"),
            ("Tuesday", "Ridge path", "six"),
            ("Wednesday", "Rest", "none"),
            ("Thursday", "Lake circuit", "five"),
            ("Friday", "Forest track", "three"),
            ("Saturday", "Summit", "seven"),
            ("Sunday", "Rest", "none"),
            ("Monday", "Old mill", "two"),
            ("Tuesday", "Coast walk", "five"),
            ("Wednesday", "Way home", "three"),
        ]
    ]
    page = "\n\n".join([*menu, title, *before, *rows, *after, *menu])
    frame = clean_page(page, language="en")
    kept = set(frame.loc[frame["kept"], "text"])
    assert all(row in kept for row in rows), frame.to_string()


REPEATED = {
    "en": (
        "A Four-Week Plan for Your First Ten Kilometres",
        "- Warm up with ten minutes of easy jogging and a few short strides before the main set",
        [
            "The plan builds up slowly, so that the longer runs of the last week feel no harder "
            "than the short ones of the first, and every session begins the same way.",
            "In the second week the main set grows by a few minutes, and a rest day follows "
            "each harder session so that the legs have time to recover properly.",
            "The third week adds a longer run at the weekend, which is the most important "
            "session of the plan and the one that should never be skipped.",
        ],
    ),
    "es": (
        "Un plan de cuatro semanas para tus primeros diez kilómetros",
        "- Calienta con diez minutos de trote suave y unas cuantas aceleraciones cortas antes",
        [
            "El plan avanza despacio, de modo que las carreras largas de la última semana no se "
            "sienten más duras que las cortas de la primera, y cada sesión empieza igual.",
            "En la segunda semana la parte principal crece unos minutos, y después de cada "
            "sesión dura llega un día de descanso para que las piernas se recuperen bien.",
            "La tercera semana añade una carrera más larga el fin de semana, que es la sesión "
            "más importante del plan y la que nunca conviene saltarse.",
        ],
    ),
}


@pytest.mark.parametrize("language", sorted(REPEATED))
def test_a_bulleted_step_the_article_repeats_is_kept_each_time(language):
    title, step, weeks = REPEATED[language]
    page = [title]
    for week in weeks:
        page += [week, step, f"- {week.split(',')[0]}."]
    page.append(weeks[0].replace(",", ";", 1))
    frame = clean_page("\n\n".join(page), language=language)
    assert (frame.loc[frame["kept"], "text"] == step).sum() == len(weeks), frame.to_string()
