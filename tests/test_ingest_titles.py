"""An HTML page's title is its article's headline, never the site's name printed as a masthead."""

from __future__ import annotations

import pytest

from presslens.ingest import html as html_mod
from presslens.ingest.html_title import masthead_headings

# Invented blog posts (one per language): the blog's name, the post's headline, its paragraphs.
POSTS = {
    "en": (
        "Marta's Workshop Notes",
        "Restoring an old oak chair",
        [
            "Last month I found an oak chair at a flea market with one broken leg and a seat "
            "that had lost most of its woven cane, and I decided to bring it back to life.",
            "The first weekend went into taking it apart, labelling every joint with tape and "
            "soaking the old glue out with warm water and a lot of patience.",
            "A new leg turned on a friend's lathe fits well enough, and the cane arrives next "
            "week, so the next post will be about weaving a seat for the first time.",
        ],
    ),
    "de": (
        "Martas Werkstattnotizen",
        "Einen alten Eichenstuhl restaurieren",
        [
            "Letzten Monat habe ich auf dem Flohmarkt einen Eichenstuhl mit einem gebrochenen "
            "Bein und einer fast ganz zerrissenen Sitzfläche gefunden und ihn mitgenommen.",
            "Das erste Wochenende ging damit hin, ihn zu zerlegen, jede Verbindung zu beschriften "
            "und den alten Leim mit warmem Wasser und viel Geduld herauszulösen.",
            "Ein neues Bein von der Drehbank eines Freundes passt gut genug, und das Geflecht "
            "kommt nächste Woche, also geht es im nächsten Beitrag um die Sitzfläche.",
        ],
    ),
}

#: Ways a blog template links its masthead `<h1>` to the home page.
MASTHEADS = {
    "wrapped": '<a href="/"><h1>{name}</h1></a>',
    "rel-home": '<h1 class="site-title"><a href="https://marta.example.org/" rel="home">{name}</a></h1>',
    "site-root": '<h1><a href="https://marta.example.org">{name}</a></h1>',
}


def blog_page(language: str, masthead: str, *, title: str | None = None) -> str:
    name, headline, paragraphs = POSTS[language]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{headline if title is None else title}</title></head><body>"
        f"<header>{MASTHEADS[masthead].format(name=name)}</header>"
        f'<article><h2><a href="/2025/05/post">{headline}</a></h2>{body}</article>'
        "<footer><p>Written in a small workshop.</p></footer></body></html>"
    )


@pytest.mark.parametrize("masthead", sorted(MASTHEADS))
@pytest.mark.parametrize("language", sorted(POSTS))
def test_a_blogs_name_in_its_masthead_heading_is_not_the_posts_title(language, masthead):
    name, headline, _ = POSTS[language]
    html = blog_page(language, masthead)
    assert masthead_headings(html) == {name}
    text, meta = html_mod.extract_html(html, "post.html")
    assert meta["title"] == headline and text.split("\n")[0] == headline
    assert name not in (meta.get("headings") or [])


@pytest.mark.parametrize("language", sorted(POSTS))
def test_the_site_name_opening_the_page_title_is_left_out(language):
    name, headline, _ = POSTS[language]
    html = blog_page(language, "rel-home", title=f"{name} {headline}")
    assert html_mod.extract_html(html, "post.html")[1]["title"] == headline


def test_a_headline_linking_to_its_own_article_is_no_masthead():
    page = '<h1><a href="/2025/05/restoring-an-old-oak-chair">Restoring an old oak chair</a></h1>'
    assert masthead_headings(f"<html><body>{page}</body></html>") == set()
    assert masthead_headings('<html><body><a href="/news/"><h1>News</h1></a>') == set()
