"""The HTML path's second, wider trafilatura run: body it judged boilerplate comes back."""

from __future__ import annotations

import pytest
from test_ingest_html import ARTICLES

from presslens.ingest import html as html_mod

# Invented articles: the body, then a closing paragraph the page marks up as a teaser (a class
# name trafilatura's default run discards as boilerplate).
BODIES = {
    # The first three paragraphs are the HTML tests' own articles; a fourth makes the body long.
    "en": [
        *ARTICLES["en"],
        "Work on the eastern arch is to start in March, and the bridge should reopen to carts and "
        "cyclists by the end of the summer, the engineers expect.",
    ],
    "de": [
        *ARTICLES["de"],
        "Die Arbeiten am östlichen Bogen sollen im März beginnen, und die Brücke soll bis zum Ende "
        "des Sommers wieder für Fuhrwerke und Radfahrer offen sein.",
    ],
}
CLOSING = {
    "en": "Shops near the market said they hoped the new bridge would bring back the weekend "
    "visitors they lost when the crossing was closed last winter.",
    "de": "Händler am Markt hoffen, dass die neue Brücke die Wochenendbesucher zurückbringt, die "
    "sie verloren haben, als der Übergang im Winter gesperrt war.",
}


def teaser_page(language: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in BODIES[language])
    return (
        "<html><head><title>Bridge to be rebuilt | Riverside Courier</title></head><body>"
        '<nav><ul><li><a href="/">Home</a></li></ul></nav>'
        f"<article><h1>Bridge to be rebuilt</h1>{body}"
        f'<div class="teaser-content"><p>{CLOSING[language]}</p></div></article>'
        "<footer><p>© 2024 Riverside Media Group.</p></footer></body></html>"
    )


@pytest.mark.parametrize("language", sorted(BODIES))
def test_a_closing_paragraph_trafilatura_judged_a_teaser_is_kept(language):
    pytest.importorskip("resiliparse", reason="resiliparse is not installed (no evidence to ask)")
    text, meta = html_mod.extract_html(teaser_page(language), "p.html")
    lines = text.splitlines()
    assert lines[-len(BODIES[language]) - 1 :] == [*BODIES[language], CLOSING[language]]
    assert "Home" not in lines and "© 2024" not in text
    assert meta["title"].startswith("Bridge to be rebuilt")


def _recording(monkeypatch, wider: str) -> list[str]:
    """Replace the wider run by one that returns `wider` and records each call."""
    calls: list[str] = []

    def fake(trafilatura, html):
        calls.append(html)
        return wider

    monkeypatch.setattr(html_mod, "_favor_recall", fake)
    return calls


def test_no_second_run_when_trafilatura_keeps_what_resiliparse_finds(monkeypatch):
    body = BODIES["en"]
    monkeypatch.setattr(html_mod, "main_content_text", lambda html: "\n".join(body))
    calls = _recording(monkeypatch, "never used")
    plain = teaser_page("en").replace(' class="teaser-content"', "")
    text, _ = html_mod.extract_html(plain, "p.html")
    assert calls == [] and CLOSING["en"] in text


def test_a_wider_text_that_is_shorter_is_not_used(monkeypatch):
    body = BODIES["en"]
    # A line only resiliparse has: it shows up when the extraction falls back to resiliparse,
    # which it would if the shorter wider text had replaced trafilatura's.
    marker = "Only the second extractor ever printed this closing line about ferry timetables."
    found = "\n".join([*body, CLOSING["en"], marker])
    monkeypatch.setattr(html_mod, "main_content_text", lambda html: found)
    calls = _recording(monkeypatch, body[0])  # the wider run lost most of the body
    text, _ = html_mod.extract_html(teaser_page("en"), "p.html")
    assert len(calls) == 1
    assert all(paragraph in text for paragraph in body)
    assert marker not in text  # trafilatura's own text was kept


def test_the_extractor_version_names_the_recall_share():
    assert f"recall-{html_mod.RECALL_SHARE}" in html_mod.extractor_version().split("+")
