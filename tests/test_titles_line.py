"""A text dump's first line (a browser's title) is its title line, short or flagged as it may be."""

from __future__ import annotations

import pytest
from ingest_support import COUNCIL_BODY as _BODY

from presslens.clean import clean_rows
from presslens.clean.metadata import infer_metadata
from presslens.clean.titles import title_line


def _title(page: str) -> str | None:
    return infer_metadata(page, clean_rows(page))["title"]


@pytest.mark.parametrize(
    ("first", "menu_title"),
    [("Bridges", "How to Report a Broken Streetlight"), ("Radwege", "So melden Sie Schlaglöcher")],
)
def test_a_short_first_line_is_the_title_line(first, menu_title):
    """A one- or two-word page title the cleaner calls a title is still the title line: the
    row taken for a title further down is a menu's or a teaser's, not the page's. Called
    navigation, the short line is a menu's first item, not the page's title."""
    raw = [first, "Home", "Contact", menu_title, *_BODY.split("\n\n")]
    kept = [False, False, False, False, True, True, True]
    reasons = ["title", "navigation", "navigation", "title", "", "", ""]
    assert title_line(raw, kept, reasons, None) == first
    reasons = ["navigation", "navigation", "navigation", "title", "", "", ""]
    assert title_line(raw, kept, reasons, None) == menu_title


@pytest.mark.parametrize("reason", ["widget", "share"], ids=["a weather reading", "a share button"])
def test_a_widget_on_the_first_line_is_not_the_title_line(reason):
    raw = ["21.5 C", "Council backs the new bridge", *_BODY.split("\n\n")]
    kept = [False, False, True, True, True]
    assert title_line(raw, kept, [reason, "title", "", "", ""], None) == raw[1]


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Choosing a Degree: Evening or Online? | Harbour College©", "Choosing a Degree: Evening or Online?"),
        ("Abendkurs oder Fernstudium? | Hochschule am Talweg©", "Abendkurs oder Fernstudium?"),
    ],
)  # fmt: skip
def test_a_title_line_with_a_copyright_sign_in_the_site_name_stays_the_title(line, headline):
    """A title line whose site part carries a © (which the cleaner reads as a copyright
    row) still names the page; a menu row lower down is not its title."""
    page = f"{line}\n\nMenu\n\nStudent Portal\n\nCampus Services and Housing\n\n{_BODY}"
    assert _title(page) == headline


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("What a Spring Clean Costs in the Valley — Brightside Cleaning Co.", ["Home"]),
        ("Was eine Dachsanierung im Tal kostet – Müller & Söhne GmbH & Co.", ["Start"]),
    ],
)
def test_a_kept_first_line_ending_in_the_sites_abbreviation_is_the_title_line(line, rest):
    """A first line the cleaner kept that ends in a full stop is a sentence of the body, unless
    a site part follows the headline ("Headline — Example Co.")."""
    raw = [line, *rest, *_BODY.split("\n\n")]
    kept = [True, False, True, True, True]
    assert title_line(raw, kept, ["", "navigation", "", "", ""], None) == line
    sentence = "The council met again on Tuesday to discuss the bridge."
    assert title_line([sentence, *raw[1:]], kept, ["", "navigation", "", "", ""], None) == ""


#: Invented stories under a one-word section label, the way a text dump prints it.
SECTION_PAGES = {
    "en": (
        "Politics",
        "Council backs new harbour plan after long debate",
        "The council voted on Monday to approve the harbour plan, ending a debate that lasted "
        "two years and divided the town.\n\nThe plan will cost forty million and take five years "
        "to build, officials said at the meeting.\n\nResidents had complained about noise and "
        "traffic during the consultation period last year.",
    ),
    "ru": (
        "Политика",
        "Совет одобрил новый план гавани после долгих споров",
        "Совет в понедельник одобрил план строительства гавани, завершив спор, который длился "
        "два года и разделил город.\n\nПлан обойдётся в сорок миллионов и займёт пять лет, "
        "сообщили чиновники на заседании.\n\nЖители жаловались на шум и пробки во время "
        "обсуждения проекта в прошлом году.",
    ),
    "es": (
        "Políticas",
        "El consejo aprueba el nuevo plan del puerto tras un largo debate",
        "El consejo votó el lunes para aprobar el plan del puerto, poniendo fin a un debate que "
        "duró dos años y dividió a la ciudad.\n\nEl plan costará cuarenta millones y tardará "
        "cinco años en construirse, dijeron los funcionarios en la reunión.\n\nLos vecinos se "
        "quejaron del ruido y del tráfico durante la consulta del año pasado.",
    ),
}


@pytest.mark.parametrize("language", sorted(SECTION_PAGES))
def test_a_section_label_over_the_headline_is_not_the_title(language):
    """A short first line the cleaner reads as navigation right over the headline is the
    section's label ("Politics"), not the page's title: the headline below it is."""
    label, headline, body = SECTION_PAGES[language]
    page = f"{label}\n\n{headline}\n\n{body}"
    metadata = infer_metadata(page, clean_rows(page))
    assert metadata["title"] == headline
    assert metadata["title_line"] != label
