"""The cleaner's fast paths decide as the plain ones do (issue 16: speed, decisions unchanged)."""

from __future__ import annotations

import copy
import re

import pytest

from presslens.clean import bylines, features
from presslens.clean.datelines import DATE_RX

#: Invented lines: notices of several kinds and languages, and plain sentences around them.
LINES = [
    "We use cookies to improve your browsing experience.",
    "Diese Website verwendet Cookies.",
    "Мы используем куки, чтобы сайт работал лучше.",
    "Subscribe now for unlimited access to every story.",
    "Already a subscriber? Log in to continue reading.",
    "Sign up for our newsletter and get the news in your inbox.",
    "Pour lire la suite, abonnez-vous.",
    "Чтобы продолжить чтение, оформите подписку.",
    "© 2024 Example Media. All rights reserved.",
    "Use of the materials is allowed only with a hyperlink to the source.",
    "Share this article on Facebook",
    "Follow us on Telegram",
    "Поделиться ссылкой",
    "Copy link",
    "Advertisement",
    "Read also: the river rose again",
    "Photo: Jane Roe / Example Agency",
    "A view of the bridge (AP Photo/John Doe)",
    "Example Daily is looking for freelance correspondents. Send your CV to jobs@example.org",
    "What are you looking for?",
    "twitter facebook e-mail",
    "Accept all cookies",
    "menu",
    "The council met on Tuesday to discuss the new bridge and its cost to the town.",
    "Opinion pieces were copied to the archive, linked from the front page.",
    "The mayor said the plan would be ready by the spring, and residents would be consulted.",
    "İlgili haberler",
    "Kelvin: 300 K is warm enough",
]


def _reasons(notices) -> list[str]:
    return [notices.reason(t, t.lower(), len(t)) for t in LINES]


def test_trigger_scan_decides_as_the_regex_trie() -> None:
    plain = copy.copy(features._NOTICES)
    plain.scanner = None  # the path without pyahocorasick
    assert _reasons(features._NOTICES) == _reasons(plain)
    reasons = dict(zip(LINES, _reasons(plain), strict=True))
    assert reasons["We use cookies to improve your browsing experience."] == "cookie"
    assert reasons["Subscribe now for unlimited access to every story."] == "paywall"
    assert reasons["© 2024 Example Media. All rights reserved."] == "copyright"
    assert reasons["Share this article on Facebook"] == "share"
    assert (
        reasons["The council met on Tuesday to discuss the new bridge and its cost to the town."]
        == ""
    )


@pytest.mark.parametrize(
    "line",
    [
        "31 May 2023",
        "May 4, 2023",
        "4 de mayo de 2023",
        "2023-06-30 14:05",
        "30/06/23",
        "1.2.99",
        "2017 թ. փետրվարի 28",
        "2017年2月28日",
        "Published: Friday, June 2, 2023",
        "Updated 12.03.2024, 10:15",
    ],
)
def test_date_hint_holds_for_every_date(line: str) -> None:
    assert DATE_RX.search(line)
    assert features._DATE_HINT.search(line)


def test_date_hint_rejects_lines_without_a_date() -> None:
    for line in ("Page 2 of 12", "Call 555 12 34", "Top 10 stories", "May 4"):
        assert not DATE_RX.search(line)
        assert features.is_dateline(line) is False


def _naive_anchors(lines: list[str], titles: list[str]) -> list[int]:
    """`bylines._anchors` as first written: every line keyed, every key compared."""
    keys = sorted({k for t in titles for k in bylines._title_parts(t)}, key=len, reverse=True)
    low = [" ".join(re.sub(r"[^\w]+", " ", line).split()).lower() for line in lines]
    for k in keys:
        hits = [
            i
            for i in range(1, len(lines))
            if len(low[i]) >= 12 and (k == low[i] or k.startswith(low[i] + " "))
        ]
        if hits:
            return hits
    return []


def test_anchors_as_the_plain_scan() -> None:
    title = "River Rises Over The Old Bridge | Example Daily"
    lines = [
        title,
        "Home / News",
        "River rises over the old bridge",
        "— River Rises Over: The Old Bridge!",
        "River rises over",
        "ΟΔΟΣ'Α river",
        "By Jane Doe",
        "The river rose over the old bridge on Monday night.",
        "İstanbul köprüsü yeniden açıldı",
        "River Rises Over The Old Bridge",
    ]
    for titles in ([title], [title, lines[0]], ["İstanbul köprüsü yeniden açıldı"], ["x"]):
        assert bylines._anchors(lines, titles) == _naive_anchors(lines, titles)


def _plain_short_lines(text: str) -> dict[int, str]:
    from presslens.ingest.extract import REPEAT_MAX_CHARS, line_key

    lines = {}
    for raw_line in text.splitlines():
        line = " ".join(raw_line.split())
        if line and len(line) <= REPEAT_MAX_CHARS:
            lines.setdefault(line_key(line), line)
    return lines


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(LINES),
        "\n\n".join(LINES) + "\n",
        "  Home  \n\tNews\r\nSport\x0bWeather\x1c Opinion \u2028Menu\u00a0 Login\u3000\nHome\n",
        "Home\n" + "x" * 200 + "\n" + "y" * 201 + "\n" + "z" * 199 + "   \n" + " a" * 120,
        "Read also:  the river rose again\nRead also: the river rose again \n",
    ],
)
def test_short_lines_as_the_plain_scan(text: str) -> None:
    # The fingerprint's tidy fast path (split on "\n", collapse only lines that need it) keeps the
    # same lines, keys and order as collapsing every line's whitespace.
    from presslens.ingest.extract import _short_lines

    assert list(_short_lines(text).items()) == list(_plain_short_lines(text).items())
