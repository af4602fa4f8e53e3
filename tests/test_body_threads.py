"""Cleaning: where the article ends below its text, and what is another page's teaser.

A comment section's header over dated entries (a reader's name, a date line, the comment) ends
the article even when the readers wrote more than the article holds; a paragraph above its own
"Read more" link is another page's teaser, not the article's text, above the article as below
it. The pages are invented, each language's in its own words.
"""

from __future__ import annotations

import pytest

from presslens.clean import clean_page

PAGES = {
    "en": {
        "title": "Village Library Reopens After a Year of Repairs",
        "body": [
            "The village library reopened on Saturday after a year of repairs to its roof and "
            "its heating, and more than two hundred people came to see the new reading room.",
            "The council paid for most of the work, but a group of residents raised the money "
            "for new shelves by selling cakes and old books at the market every month.",
            "The librarian said that the children's corner would now open on Sunday mornings "
            "as well, because many families had asked for it during the closure.",
        ],
        "header": "14 comments",
        "dates": [
            "March 6, 2023 at 8:55 am",
            "March 7, 2023 at 10:12 am",
            "March 9, 2023 at 4:40 pm",
        ],
        "comments": [
            "I grew up in that village and I used to spend every Saturday in the old reading "
            "room, so it is wonderful to hear that it has opened again after such a long time. "
            "My mother still lives there and she told me that the new shelves are beautiful.",
            "We went on the first day with our two boys and they did not want to leave at all. "
            "The children's corner is much bigger than it was before and the staff were very "
            "kind to everyone who came in, even when it was very busy in the afternoon.",
            "It is a shame that the heating took so long to fix, but the result is worth the "
            "wait. I hope that the council will also think about longer opening hours in the "
            "evening for those of us who work during the day and cannot come on weekdays.",
        ],
        "link": "Read more",
        "teasers": [
            "The school in the next village will close for the summer two weeks earlier "
            "than usual, because the builders need more time to replace the windows.",
            "A new bus line will connect the three villages of the valley with the station "
            "from next month, the transport office announced on Tuesday.",
            "The market square will be closed to cars on Sundays during the summer, so "
            "that there is more room for the stalls and for the children who play there.",
        ],
    },
    "fr": {
        "title": "La bibliothèque du village rouvre après un an de travaux",
        "body": [
            "La bibliothèque du village a rouvert samedi après un an de travaux sur le toit et "
            "le chauffage, et plus de deux cents personnes sont venues voir la nouvelle salle.",
            "La mairie a payé la plus grande partie des travaux, mais un groupe d'habitants a "
            "réuni l'argent des étagères en vendant des gâteaux et des livres au marché.",
            "La bibliothécaire a dit que le coin des enfants serait désormais ouvert aussi le "
            "dimanche matin, car de nombreuses familles l'avaient demandé pendant la fermeture.",
        ],
        "header": "14 commentaires",
        "dates": ["6 mars 2023 à 8h55", "7 mars 2023 à 10h12", "9 mars 2023 à 16h40"],
        "comments": [
            "J'ai grandi dans ce village et je passais tous mes samedis dans la vieille salle "
            "de lecture, alors je suis très content de savoir qu'elle est de nouveau ouverte. "
            "Ma mère habite toujours là et elle m'a dit que les étagères sont très belles.",
            "Nous y sommes allés le premier jour avec nos deux garçons et ils ne voulaient plus "
            "partir. Le coin des enfants est bien plus grand qu'avant et le personnel a été "
            "très gentil avec tout le monde, même quand il y avait beaucoup de monde.",
            "C'est dommage que le chauffage ait pris autant de temps, mais le résultat en vaut "
            "la peine. J'espère que la mairie pensera aussi à ouvrir plus tard le soir pour "
            "ceux d'entre nous qui travaillent pendant la journée et ne peuvent pas venir.",
        ],
        "link": "Lire la suite",
        "teasers": [
            "L'école du village voisin fermera pour l'été deux semaines plus tôt que "
            "d'habitude, car les ouvriers ont besoin de plus de temps pour les fenêtres.",
            "Une nouvelle ligne de bus reliera les trois villages de la vallée à la gare à "
            "partir du mois prochain, a annoncé mardi le service des transports.",
            "La place du marché sera fermée aux voitures le dimanche pendant l'été, pour qu'il "
            "y ait plus de place pour les stands et pour les enfants qui y jouent.",
        ],
    },
    "de": {
        "title": "Dorfbibliothek öffnet nach einem Jahr Bauarbeiten wieder",
        "body": [
            "Die Bibliothek des Dorfes hat am Samstag nach einem Jahr der Arbeiten an ihrem "
            "Dach und an der Heizung wieder geöffnet, und mehr als zweihundert Leute kamen.",
            "Die Gemeinde hat den größten Teil der Arbeiten bezahlt, aber eine Gruppe von "
            "Bewohnern hat das Geld für die Regale mit dem Verkauf von Kuchen gesammelt.",
            "Die Bibliothekarin sagte, dass die Ecke für die Kinder nun auch am Sonntag offen "
            "sein wird, weil viele Familien während der Schließung danach gefragt hatten.",
        ],
        "header": "14 Kommentare",
        "dates": ["6. März 2023 um 8:55", "7. März 2023 um 10:12", "9. März 2023 um 16:40"],
        "comments": [
            "Ich bin in diesem Dorf aufgewachsen und war jeden Samstag in dem alten Lesesaal, "
            "deshalb freue ich mich sehr, dass er nach so langer Zeit wieder offen ist. Meine "
            "Mutter wohnt noch dort und sie hat mir gesagt, dass die Regale sehr schön sind.",
            "Wir waren am ersten Tag mit unseren beiden Jungen dort und sie wollten gar nicht "
            "mehr gehen. Die Ecke für die Kinder ist viel größer als vorher und die Leute dort "
            "waren zu allen sehr freundlich, auch als es am Nachmittag sehr voll war.",
            "Es ist schade, dass die Heizung so lange gedauert hat, aber das Ergebnis ist es "
            "wert. Ich hoffe, dass die Gemeinde auch an längere Zeiten am Abend denkt, für "
            "die von uns, die am Tag arbeiten und in der Woche nicht kommen können.",
        ],
        "link": "Weiterlesen",
        "teasers": [
            "Die Schule im Nachbardorf wird im Sommer zwei Wochen früher als sonst "
            "geschlossen, weil die Arbeiter mehr Zeit für die neuen Fenster brauchen.",
            "Eine neue Buslinie wird ab dem nächsten Monat die drei Dörfer des Tals mit dem "
            "Bahnhof verbinden, wie das Amt für Verkehr am Dienstag mitgeteilt hat.",
            "Der Marktplatz wird im Sommer an den Sonntagen für Autos gesperrt, damit es mehr "
            "Platz für die Stände und für die Kinder gibt, die dort spielen.",
        ],
    },
    "es": {
        "title": "La biblioteca del pueblo reabre tras un año de obras",
        "body": [
            "La biblioteca del pueblo volvió a abrir el sábado después de un año de obras en "
            "el tejado y en la calefacción, y más de doscientas personas vinieron a verla.",
            "El ayuntamiento pagó la mayor parte de las obras, pero un grupo de vecinos reunió "
            "el dinero de las estanterías con la venta de pasteles y de libros en el mercado.",
            "La bibliotecaria dijo que el rincón de los niños también abrirá los domingos por "
            "la mañana, porque muchas familias lo habían pedido durante el cierre.",
        ],
        "header": "14 comentarios",
        "dates": [
            "6 de marzo de 2023 a las 8:55",
            "7 de marzo de 2023 a las 10:12",
            "9 de marzo de 2023 a las 16:40",
        ],
        "comments": [
            "Yo crecí en ese pueblo y pasaba todos los sábados en la vieja sala de lectura, así "
            "que me alegra mucho saber que está abierta otra vez después de tanto tiempo. Mi "
            "madre todavía vive allí y me dijo que las estanterías son muy bonitas.",
            "Fuimos el primer día con nuestros dos hijos y no se querían ir de allí. El rincón "
            "de los niños es mucho más grande que antes y el personal fue muy amable con todos "
            "los que vinieron, incluso cuando había mucha gente por la tarde.",
            "Es una pena que la calefacción tardara tanto, pero el resultado vale la pena. "
            "Espero que el ayuntamiento piense también en abrir más tarde por la noche para "
            "los que trabajamos durante el día y no podemos ir entre semana.",
        ],
        "link": "Leer más",
        "teasers": [
            "La escuela del pueblo de al lado cerrará en verano dos semanas antes de lo "
            "normal, porque los obreros necesitan más tiempo para cambiar las ventanas.",
            "Una nueva línea de autobús unirá los tres pueblos del valle con la estación a "
            "partir del mes que viene, según anunció el martes la oficina de transporte.",
            "La plaza del mercado estará cerrada a los coches los domingos de verano, para que "
            "haya más sitio para los puestos y para los niños que juegan allí.",
        ],
    },
    "ru": {
        "title": "Сельская библиотека открылась после года ремонта",
        "body": [
            "Библиотека в селе снова открылась в субботу после года ремонта крыши и отопления, "
            "и больше двухсот человек пришли посмотреть на новый читальный зал.",
            "Большую часть работ оплатил район, но группа жителей собрала деньги на новые "
            "полки, продавая пироги и старые книги на рынке каждый месяц.",
            "Библиотекарь сказала, что детский уголок теперь будет открыт и по воскресеньям "
            "утром, потому что об этом просили многие семьи, пока библиотека была закрыта.",
        ],
        "header": "Комментарии",
        "dates": ["6 марта 2023 в 8:55", "7 марта 2023 в 10:12", "9 марта 2023 в 16:40"],
        "comments": [
            "Я вырос в этом селе и каждую субботу проводил в старом читальном зале, поэтому "
            "мне очень приятно, что он снова открыт после такого долгого перерыва. Моя мама "
            "всё ещё живёт там, и она сказала мне, что новые полки очень красивые.",
            "Мы пришли в первый же день с двумя сыновьями, и они совсем не хотели уходить. "
            "Детский уголок стал намного больше, чем был раньше, а сотрудники были очень "
            "добры ко всем, кто пришёл, даже когда днём было очень много людей.",
            "Жаль, что отопление чинили так долго, но результат того стоит. Я надеюсь, что "
            "район подумает и о том, чтобы библиотека работала вечером для тех из нас, кто "
            "работает днём и не может прийти в будни.",
        ],
        "link": "Читать далее",
        "teasers": [
            "Школа в соседнем селе закроется на лето на две недели раньше, чем обычно, потому "
            "что рабочим нужно больше времени, чтобы заменить окна.",
            "Новый автобус со следующего месяца будет возить жителей трёх сёл долины до "
            "станции, как сообщил во вторник отдел транспорта.",
            "Рыночная площадь летом по воскресеньям будет закрыта для машин, чтобы было больше "
            "места для торговых рядов и для детей, которые там играют.",
        ],
    },
}

NAMES = ["Marta K.", "Tom Brinks", "Lena Hollis"]


def _frame(page: list[str], language: str):
    return clean_page("\n\n".join(page), language=language)


def _kept(page: list[str], language: str) -> list[str]:
    frame = _frame(page, language)
    return frame.loc[frame["kept"], "text"].tolist()


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_comment_header_over_dated_entries_ends_the_article(language):
    # The readers wrote more than the article: the header alone would not end it.
    lang = PAGES[language]
    thread = []
    for name, date, comment in zip(NAMES, lang["dates"], lang["comments"], strict=True):
        thread += [name, date, comment]
    page = [lang["title"], *lang["body"], lang["header"], *thread]
    frame = _frame(page, language)
    assert frame.loc[frame["kept"], "text"].tolist() == lang["body"]
    assert set(frame.loc[frame["text"].isin(lang["comments"]), "reason"]) == {"comments"}


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_comment_header_with_undated_text_below_does_not_end_the_article(language):
    # A "Comments" line with the article going on below it (no dated entries) is no end.
    lang = PAGES[language]
    page = [lang["title"], lang["body"][0], lang["header"], *lang["body"][1:], *lang["comments"]]
    assert set(lang["body"]) <= set(_kept(page, language))


@pytest.mark.parametrize("language", sorted(PAGES))
def test_teasers_above_their_read_more_links_are_not_the_article(language):
    lang = PAGES[language]
    teasers = []  # each under its headline, above its link
    for (headline, _), teaser in zip(STORIES[language], lang["teasers"], strict=True):
        teasers += [headline, teaser, lang["link"]]
    below = [lang["title"], *lang["body"], *teasers]
    assert _kept(below, language) == lang["body"]
    # a header of teasers above a shorter article: the zones are the article's
    above = [*teasers, lang["title"], *lang["body"][:2]]
    assert _kept(above, language) == lang["body"][:2]


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_body_paragraph_before_a_read_more_link_inside_the_article_is_kept(language):
    lang = PAGES[language]
    page = [lang["title"], lang["body"][0], lang["link"], *lang["body"][1:]]
    assert set(lang["body"]) <= set(_kept(page, language))
    # the article's last paragraph above a "Read more" header of other stories
    page = [lang["title"], *lang["body"], lang["link"], STORIES[language][0][0]]
    assert _kept(page, language) == lang["body"]


STORIES = {
    "en": [
        (
            "School Closes Early",
            "The school next door will close two weeks early this summer for new windows.",
        ),
        (
            "New Bus Line",
            "A new bus line will link the three villages of the valley with the station.",
        ),
        (
            "Car-Free Sundays",
            "The market square will be closed to cars on Sundays during the summer.",
        ),
    ],
    "fr": [
        (
            "L'école ferme plus tôt",
            "L'école d'à côté fermera deux semaines plus tôt cet été pour les fenêtres.",
        ),
        (
            "Une nouvelle ligne de bus",
            "Une ligne de bus reliera les trois villages de la vallée à la gare.",
        ),
        (
            "Dimanches sans voitures",
            "La place du marché sera fermée aux voitures le dimanche pendant l'été.",
        ),
    ],
    "de": [
        (
            "Schule schließt früher",
            "Die Schule nebenan schließt im Sommer zwei Wochen früher wegen der Fenster.",
        ),
        (
            "Neue Buslinie im Tal",
            "Eine neue Buslinie wird die drei Dörfer des Tals mit dem Bahnhof verbinden.",
        ),
        (
            "Sonntage ohne Autos",
            "Der Marktplatz wird im Sommer an den Sonntagen für die Autos gesperrt.",
        ),
    ],
    "es": [
        (
            "La escuela cierra antes",
            "La escuela de al lado cerrará dos semanas antes este verano por las ventanas.",
        ),
        (
            "Nueva línea de autobús",
            "Una línea de autobús unirá los tres pueblos del valle con la estación.",
        ),
        (
            "Domingos sin coches",
            "La plaza del mercado estará cerrada a los coches los domingos de verano.",
        ),
    ],
    "ru": [
        (
            "Школа закроется раньше",
            "Соседняя школа закроется летом на две недели раньше из-за ремонта окон.",
        ),
        (
            "Новый автобус в долине",
            "Новый автобус будет возить жителей трёх сёл долины до самой станции.",
        ),
        (
            "Воскресенья без машин",
            "Рыночная площадь летом по воскресеньям будет закрыта для машин и для грузовиков.",
        ),
    ],
}


def _dated_stories(language: str) -> list[str]:
    lines = []
    for date, (headline, teaser) in zip(PAGES[language]["dates"], STORIES[language], strict=True):
        lines += [date, headline, teaser]
    return lines


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_dated_list_of_other_stories_below_the_article_is_not_body(language):
    lang = PAGES[language]
    page = [lang["title"], *lang["body"], *_dated_stories(language)]
    frame = _frame(page, language)
    assert frame.loc[frame["kept"], "text"].tolist() == lang["body"]
    teasers = [teaser for _, teaser in STORIES[language]]
    assert set(frame.loc[frame["text"].isin(teasers), "reason"]) == {"related"}


@pytest.mark.parametrize("language", sorted(PAGES))
def test_dated_entries_that_are_most_of_the_text_are_the_article(language):
    # A calendar or diary: a short introduction, then the dated entries themselves.
    lang = PAGES[language]
    page = [lang["title"], lang["body"][0], *_dated_stories(language)]
    kept = _kept(page, language)
    assert {teaser for _, teaser in STORIES[language]} <= set(kept)


#: Per language: a byline, a live blog's fourth update time, a related headline, an intro
#: announcing a timeline, and the timeline's dates and events.
EXTRA = {
    "en": {
        "byline": "By Jane Roe",
        "date": "March 10, 2023 at 9:05 am",
        "related": "Storm damage leaves fish market closed for a month",
        "intro": "Here is how the dispute unfolded.",
        "timeline": [
            ("June 3, 2019", "The council voted to sell the old mill."),
            ("June 9, 2019", "Residents filed a complaint in court."),
            ("July 1, 2019", "The court froze the sale until autumn."),
            ("August 12, 2019", "The buyer withdrew and the mill stayed empty."),
        ],
    },
    "fr": {
        "byline": "Par Jeanne Roux",
        "date": "10 mars 2023 à 9h05",
        "related": "La tempête ferme le marché aux poissons pour un mois",
        "intro": "Voici comment le conflit s'est déroulé.",
        "timeline": [
            ("3 juin 2019", "La mairie a voté la vente du vieux moulin."),
            ("9 juin 2019", "Des habitants ont porté plainte au tribunal."),
            ("1 juillet 2019", "Le tribunal a gelé la vente jusqu'à l'automne."),
            ("12 août 2019", "L'acheteur a renoncé et le moulin est resté vide."),
        ],
    },
}


@pytest.mark.parametrize("language", sorted(EXTRA))
def test_a_live_blogs_dated_updates_below_a_comment_count_are_the_article(language):
    # A comment count, then updates each under its time and no reader's name: no thread.
    lang, extra = PAGES[language], EXTRA[language]
    updates = [*lang["comments"], lang["teasers"][0]]
    page = [lang["title"], extra["byline"], *lang["body"][:2], lang["header"]]
    for date, update in zip([*lang["dates"], extra["date"]], updates, strict=True):
        page += [date, update]
    assert _kept(page, language) == [*lang["body"][:2], *updates]


@pytest.mark.parametrize("language", sorted(EXTRA))
def test_a_first_paragraph_above_a_read_more_link_the_article_follows_is_kept(language):
    # The link and a related headline sit inside the article, below its first paragraph.
    lang, extra = PAGES[language], EXTRA[language]
    rest = [*lang["body"][1:], lang["teasers"][0]]
    page = [lang["title"], extra["byline"], lang["body"][0], lang["link"], extra["related"]]
    assert _kept([*page, *rest], language) == [lang["body"][0], *rest]


@pytest.mark.parametrize("language", sorted(EXTRA))
def test_a_timeline_announced_by_the_articles_last_sentence_is_not_related(language):
    lang, extra = PAGES[language], EXTRA[language]
    page = [lang["title"], *lang["body"], lang["teasers"][0], extra["intro"]]
    for date, event in extra["timeline"]:
        page += [date, event]
    frame = _frame(page, language)
    assert extra["intro"] in frame.loc[frame["kept"], "text"].tolist()
    assert "related" not in set(frame["reason"])


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_dated_list_of_other_stories_almost_as_long_as_a_short_article_is_not_body(language):
    # Two paragraphs of article, then three dated teasers holding about three quarters of its
    # text: still a list of other stories, not the article's calendar.
    lang = PAGES[language]
    page = [lang["title"], *lang["body"][:2], *_dated_stories(language)]
    frame = _frame(page, language)
    assert frame.loc[frame["kept"], "text"].tolist() == lang["body"][:2]
