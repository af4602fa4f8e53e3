"""Cleaning: where a page's furniture below the article begins (`edges.furniture_start`).

A list header, a sign-up form or a menu item after most of the article, with no run of article
paragraphs below it, ends the article: the teasers, form notes and footer sentences that follow
are not body even when they read like sentences. A header or button inside the article (a
"Related" box, a lone "Subscribe" button between paragraphs) does not. The pages are invented.
"""

from __future__ import annotations

from presslens.clean import clean_page

BODY = [
    "The city council voted on Tuesday to extend the night bus service to the northern "
    "districts, after a year in which ridership on the existing routes doubled.",
    "Council members said the new routes would start in March and run every twenty minutes "
    "between midnight and five in the morning, seven days a week.",
    "The transport office estimated that the extension would cost about four million a year, "
    "to be paid from parking fees and a grant from the regional government.",
    "Residents of the northern districts had asked for the service for years, saying that "
    "shift workers were left to walk home or pay for taxis they could not afford.",
]

TEASERS = [
    "A new bridge for cyclists opens across the river",
    "The bridge, which took three years to build, links the old town with the station and "
    "the university campus on the other bank.",
    "3 hours ago",
    "Libraries extend their opening hours in winter",
    "The city's six libraries will stay open until ten in the evening from December, the "
    "culture office announced on its website this week.",
]

FOOTER = [
    "Thanks for signing up!",
    "Something went wrong while submitting the form.",
    "We care about your privacy and will never share your address with anyone else, as our "
    "policy explains in detail on the page linked below.",
]


def _kept(page: list[str]) -> list[str]:
    frame = clean_page("\n\n".join(["Night Buses to Reach the Northern Districts", *page]))
    return frame.loc[frame["kept"], "text"].tolist()


def test_a_related_list_below_the_article_ends_it():
    assert _kept([*BODY, "You might also like", *TEASERS]) == BODY


def test_a_related_box_inside_the_article_does_not_end_it():
    box = ["Related articles", TEASERS[0], TEASERS[3]]
    rest = [
        "The council will review the new routes after six months of service, officials said.",
        "A report on ridership and costs is due in the autumn, before the next budget vote.",
    ]
    # Most of the article is above the box, but it resumes with paragraphs: they stay.
    assert _kept([*BODY, *box, *rest]) == [*BODY, *rest]


def test_a_signup_form_below_the_article_ends_it():
    form = ["Subscribe to our newsletter", "Email address", "Submit"]
    assert _kept([*BODY, *form, *FOOTER]) == BODY


def test_a_menu_item_below_the_article_ends_it():
    assert _kept([*BODY, "View all posts", *FOOTER]) == BODY


def test_a_lone_subscribe_button_inside_a_post_does_not_end_it():
    more = [
        "The first step is the timetable",
        "Planners will draw the timetable with the drivers' union over the winter.",
        BODY[3],
    ]
    kept = _kept([*BODY[:3], "Subscribe now", *more])
    assert kept == [*BODY[:3], *more]


def test_a_german_signup_form_below_the_article_ends_it():
    body = [
        "Der Stadtrat hat am Dienstag beschlossen, den Nachtbus in die nördlichen Bezirke zu "
        "verlängern, nachdem sich die Zahl der Fahrgäste auf den bisherigen Linien verdoppelt hat.",
        "Die neuen Linien sollen im März starten und zwischen Mitternacht und fünf Uhr morgens "
        "alle zwanzig Minuten fahren, an jedem Tag der Woche.",
        "Das Verkehrsamt schätzt, dass die Verlängerung etwa vier Millionen im Jahr kosten wird, "
        "die aus Parkgebühren und einem Zuschuss des Landes bezahlt werden sollen.",
    ]
    footer = [
        "Danke für Ihre Anmeldung!",
        "Beim Absenden ist ein Fehler aufgetreten.",
        "Wir geben Ihre Adresse nicht an Dritte weiter, und Sie können sich jederzeit über den "
        "Link am Ende jeder Nachricht wieder abmelden, wie es in unseren Hinweisen steht.",
    ]
    form = ["Newsletter", "E-Mail-Adresse", "Abonnieren"]
    page = ["Nachtbusse fahren bald in die nördlichen Bezirke", *body, *form, *footer]
    frame = clean_page("\n\n".join(page), language="de")
    assert frame.loc[frame["kept"], "text"].tolist() == body


def test_a_long_body_paragraph_a_notice_keyword_finds_is_kept_a_short_notice_is_not():
    plans = (
        "The operator's monthly subscription gives riders unlimited access to every night line, "
        "and the council said that the price would stay the same for at least two years after "
        "the new routes open, whatever the cost of fuel."
    )
    notice = "Subscribe now for unlimited access to all our stories."
    frame = clean_page(
        "\n\n".join(
            ["Night Buses to Reach the Northern Districts", *BODY[:2], plans, notice, *BODY[2:]]
        )
    )
    reason = dict(zip(frame["text"], frame["reason"], strict=True))
    assert reason[plans] == ""
    assert reason[notice] == "paywall"
