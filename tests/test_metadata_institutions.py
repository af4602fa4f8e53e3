"""A department's page of a university or college: the institution holding its copyright
is the outlet, not the department's name in the title."""

from __future__ import annotations

import pytest

from presslens.clean.outlets import find_outlet

BODY = [
    "Students who take the evening courses can now follow them from home, the office said on "
    "Monday, after a year in which most seminars were recorded and shared with every class.",
    "The change applies to every programme that runs more than two sessions a week.",
]


def _outlet(title_line: str, footer: str) -> str | None:
    rows = [title_line, "Home", "Courses", *BODY, "Contact us", footer, "Privacy Policy"]
    kept = [False, False, False, True, True, False, False, False]
    reasons = ["title", "navigation", "navigation", "", "", "navigation", "copyright", "legal"]
    return find_outlet(rows, kept, {}, title_line, reasons)[0]


@pytest.mark.parametrize(
    ("footer", "institution"),
    [
        ("© 2025 Riverside College", "Riverside College"),
        ("Copyright © Harbour University School of Evening Studies", None),
        ("© 2025 Universität Seestadt", "Universität Seestadt"),
        ("© 2025 Université de Portville", "Université de Portville"),
        ("© 2025 Universidad de Puertonuevo", "Universidad de Puertonuevo"),
        ("© 2025 Университет Приморье", "Университет Приморье"),
    ],
)
def test_institution_holding_the_copyright_is_the_outlet(footer, institution):
    got = _outlet("Evening courses explained - Online Learning Office", footer)
    expected = institution or "Harbour University School of Evening Studies"
    assert got == expected


def test_department_name_stays_without_an_institution():
    # a company's copyright does not outweigh the site's name in the title
    got = _outlet("Evening courses explained - Online Learning Office", "© 2025 Example Media LLC")
    assert got == "Online Learning Office"
    # "University" glued to a menu item is not an institution's name
    got = _outlet("Evening courses explained - Online Learning Office", "© 2025 University Privacy")
    assert got == "Online Learning Office"
