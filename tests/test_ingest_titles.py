"""An HTML page's title is its article's headline, never the site's name printed as a masthead."""

from __future__ import annotations

import pytest

from presslens.ingest import html as html_mod
from presslens.ingest.html_title import headline_title, masthead_headings

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


# An invented news page whose headline links to the article itself, in English and German.
ARTICLES = {
    "en": (
        "Council backs harbour plan after long debate",
        "The council voted on Monday to approve the harbour plan, ending a debate that lasted two "
        "years and divided the town, paragraph {i} of the story.",
    ),
    "de": (
        "Stadtrat billigt Hafenplan nach langer Debatte",
        "Der Stadtrat hat am Montag den Hafenplan gebilligt und damit einen Streit beendet, der "
        "zwei Jahre dauerte und die Stadt spaltete, Absatz {i} des Berichts.",
    ),
}


def news_page(language: str, link: str, *, url: str = "", og_title: str = "") -> str:
    headline, paragraph = ARTICLES[language]
    body = "".join(f"<p>{paragraph.format(i=i)}</p>" for i in range(6))
    head = f'<link rel="canonical" href="{url}">' if url else ""
    head += f'<meta property="og:title" content="{og_title}">' if og_title else ""
    return (
        f"<html><head><title>{headline} | Harbour Gazette</title>{head}</head><body>"
        '<header><a href="/">Harbour Gazette</a></header><article>'
        f'<h1><a href="{link}">{headline}</a></h1>{body}</article></body></html>'
    )


@pytest.mark.parametrize("language", sorted(ARTICLES))
@pytest.mark.parametrize(
    "link",
    ["./", "./index.html", "https://social.example.net/"],
    ids=["self", "self-index", "other-site"],
)
def test_a_headline_linking_to_itself_or_another_site_is_no_masthead(language, link):
    """A relative self-link ("./") or another site's root is not the site's home page: the
    headline stays the title (the page's own host known from its canonical link)."""
    headline, _ = ARTICLES[language]
    html = news_page(language, link, url="https://gazette.example.org/2025/05/harbour")
    assert masthead_headings(html, "gazette.example.org") == set()
    assert html_mod.extract_html(html, "p.html")[1]["title"] == headline


def test_an_absolute_link_to_the_pages_own_root_is_a_masthead():
    page = '<h1><a href="https://www.gazette.example.org/">Harbour Gazette</a></h1>'
    assert masthead_headings(page, "gazette.example.org") == {"Harbour Gazette"}
    assert masthead_headings(page, "social.example.net") == set()
    assert masthead_headings('<h1><a data-rel="home" href="/news/a">Harbour plan</a></h1>') == set()


@pytest.mark.parametrize("language", sorted(POSTS))
def test_many_unclosed_headings_leave_the_masthead_and_title_right(language):
    """A hostile page opening thousands of `<h1>` it never closes (after a closed masthead)
    still yields the masthead and the post's title."""
    name, headline, _ = POSTS[language]
    html = blog_page(language, "rel-home")
    hostile = html.replace("<footer>", "<div>" + "<h1>" * 20_000 + "</div><footer>")
    assert masthead_headings(hostile) == {name}
    assert html_mod.extract_html(hostile, "post.html")[1]["title"] == headline


@pytest.mark.parametrize(
    ("name", "og_title", "headline"),
    [
        ("Straße News", "STRASSE NEWS | Council backs plan", "STRASSE NEWS | Council backs plan"),
        ("Straße News", "STRASSE NEWS", "STRASSE NEWS"),
        ("Straße News", "straße news | Stadtrat billigt Plan", "Stadtrat billigt Plan"),
        ("Harbour Gazette", "HARBOUR GAZETTE – Council backs plan", "Council backs plan"),
    ],
)
def test_the_site_name_is_cut_by_its_own_match(name, og_title, headline):
    """A site name matched regardless of case is cut by the length it has in the title, never
    leaving part of it ("S | Headline") when case folding changes its length."""
    html = (
        f'<meta property="og:title" content="{og_title}">'
        f'<h1><a href="/">{name}</a></h1><p>Text of the page.</p>'
    )
    assert headline_title(html, {"title": name}, "", [name]) == (headline, [])
