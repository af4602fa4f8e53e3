"""The HTML path: trafilatura's main content, resiliparse's when trafilatura keeps too little."""

from __future__ import annotations

import pytest

from presslens.ingest import html as html_mod
from presslens.ingest.extract import _extract_html
from presslens.raw import LoadError

# Invented articles (one per language), each sentence long enough to read as prose.
ARTICLES = {
    "en": [
        "The river council voted on Tuesday to rebuild the old stone bridge before the spring "
        "floods, after engineers warned that two of its arches could give way within a year.",
        "Residents on both banks had asked for the work since the winter storms, when the bridge "
        "was closed for nine days and the ferry was the only way to reach the market.",
        "The council will borrow part of the cost and ask the region for the rest, its treasurer "
        "said, adding that the tolls would not rise while the loan is repaid.",
    ],
    "de": [
        "Der Stadtrat hat am Dienstag beschlossen, die alte Steinbrücke vor dem Frühjahrshochwasser "
        "zu erneuern, nachdem Ingenieure vor dem Einsturz zweier Bögen gewarnt hatten.",
        "Anwohner beider Ufer hatten die Arbeiten seit den Winterstürmen gefordert, als die Brücke "
        "neun Tage lang gesperrt war und nur die Fähre zum Markt führte.",
        "Die Stadt werde einen Teil der Kosten über einen Kredit finanzieren und den Rest beim "
        "Land beantragen, sagte der Kämmerer, die Gebühren sollen nicht steigen.",
    ],
    "pt": [
        "A câmara municipal decidiu na terça-feira reconstruir a velha ponte de pedra antes das "
        "cheias da primavera, depois de engenheiros alertarem para o risco de dois arcos cederem.",
        "Os moradores das duas margens pediam as obras desde as tempestades do inverno, quando a "
        "ponte ficou fechada durante nove dias e só o barco levava ao mercado.",
        "A câmara vai pedir um empréstimo para parte do custo e solicitar o resto à região, disse "
        "o tesoureiro, garantindo que as portagens não vão subir.",
    ],
    "id": [
        "Dewan kota memutuskan pada hari Selasa untuk membangun kembali jembatan batu tua sebelum "
        "banjir musim hujan, setelah para insinyur memperingatkan dua lengkungnya bisa runtuh.",
        "Warga di kedua tepi sungai sudah meminta perbaikan sejak badai musim lalu, ketika jembatan "
        "ditutup selama sembilan hari dan hanya perahu yang menuju pasar.",
        "Dewan akan meminjam sebagian biaya dan meminta sisanya kepada pemerintah provinsi, kata "
        "bendahara, sambil menegaskan bahwa tarif tidak akan naik.",
    ],
    "ru": [
        "Городской совет во вторник решил восстановить старый каменный мост до весеннего паводка, "
        "после того как инженеры предупредили, что две его арки могут обрушиться.",
        "Жители обоих берегов добивались ремонта со времени зимних штормов, когда мост был закрыт "
        "девять дней и до рынка можно было добраться только на пароме.",
        "Часть расходов совет покроет за счет кредита, а остальное попросит у области, сказал "
        "казначей, добавив, что плата за проезд не вырастет.",
    ],
    "ja": [
        "市議会は火曜日、春の増水期を前に古い石橋を架け替えることを決めた。技術者が二つのアーチが"
        "一年以内に崩れるおそれがあると警告していた。",
        "両岸の住民は冬の嵐で橋が九日間通行止めとなり、市場へ行く手段が渡し船だけになって以来、"
        "工事を求めてきた。",
        "費用の一部は借り入れでまかない、残りは県に支援を求めると財務担当者は述べ、通行料は"
        "上げないと強調した。",
    ],
}


def page(title: str, paragraphs: list[str], *, extra: str = "") -> str:
    """A saved news page: menu, headline, body, related links and footer around the body."""
    menu = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(8))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    related = "".join(f'<li><a href="/r{i}">Other story number {i}</a></li>' for i in range(6))
    return (
        f"<html><head><title>{title} | Riverside Courier</title>"
        '<meta property="og:site_name" content="Riverside Courier">'
        "<script>var tracker = 'do not keep';</script></head><body>"
        f"<nav><ul>{menu}</ul></nav><main><article><h1>{title}</h1>{body}</article>{extra}</main>"
        f"<aside><h2>Related</h2><ul>{related}</ul></aside>"
        "<footer><p>© 2024 Riverside Media Group. All rights reserved.</p></footer>"
        "</body></html>"
    )


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_the_article_body_is_extracted_in_any_language(language):
    paragraphs = ARTICLES[language]
    text, meta = _extract_html(page("Bridge to be rebuilt", paragraphs), "p.html")
    lines = text.splitlines()
    assert lines[0] == "Bridge to be rebuilt"  # the headline back on top, for the cleaner
    for paragraph in paragraphs:
        assert paragraph in lines
    assert "Section 3" not in text and "do not keep" not in text
    assert meta["sitename"] == "Riverside Courier"
    assert meta["extractor"] == "trafilatura"
    assert "Section 3" in meta["page_text"]  # the page as a reader sees it, menus and all


def test_resiliparse_text_is_taken_when_trafilatura_keeps_far_less(monkeypatch):
    long_text = "\n".join(ARTICLES["en"] * 3)
    monkeypatch.setattr(html_mod, "main_content_text", lambda html: long_text)
    text, meta = html_mod.extract_html(page("Bridge to be rebuilt", ARTICLES["en"][:1]), "p.html")
    assert meta["extractor"] == "resiliparse"
    headline, _, rest = text.partition("\n\n")
    assert rest == long_text and headline.startswith("Bridge to be rebuilt")  # headline on top
    assert meta["title"].startswith("Bridge to be rebuilt")


def test_trafilatura_text_stands_without_resiliparse(monkeypatch):
    monkeypatch.setattr(html_mod, "main_content_text", lambda html: "")
    text, meta = html_mod.extract_html(page("Bridge to be rebuilt", ARTICLES["de"]), "p.html")
    assert meta["extractor"] == "trafilatura" and ARTICLES["de"][2] in text


def test_a_page_trafilatura_cannot_read_still_gives_text_and_metadata(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    monkeypatch.setattr(html_mod, "main_content_text", lambda html: "\n".join(ARTICLES["pt"]))
    text, meta = html_mod.extract_html(page("Ponte vai ser reconstruída", ARTICLES["pt"]), "p.html")
    assert text.splitlines()[-3:] == ARTICLES["pt"]
    assert meta["extractor"] == "resiliparse"
    assert meta["title"].startswith("Ponte vai ser reconstruída")


def test_a_page_with_no_text_is_an_error_naming_it(monkeypatch):
    monkeypatch.setattr(html_mod, "main_content_text", lambda html: "")
    with pytest.raises(LoadError, match="empty.html"):
        html_mod.extract_html("<html><body><script>var x = 1;</script></body></html>", "empty.html")


def test_resiliparse_main_content_leaves_menus_out():
    pytest.importorskip("resiliparse", reason="resiliparse is not installed (the fallback is off)")
    text = html_mod.main_content_text(page("Bridge to be rebuilt", ARTICLES["ru"]))
    assert ARTICLES["ru"][1] in text.splitlines()
    assert "do not keep" not in text


def test_main_content_text_never_raises():
    assert html_mod.main_content_text("") == ""
    assert isinstance(html_mod.main_content_text("<html><body>\x00<p>x"), str)


def test_the_extractor_version_names_both_extractors_and_the_share():
    version = html_mod.extractor_version()
    assert version.startswith("trafilatura-") and "resiliparse-" in version
    assert f"share-{html_mod.FALLBACK_SHARE}" in version
    assert f"gap-{html_mod.GAP_WORDS}" in version.split(
        "+"
    )  # a changed rule re-extracts cached pages
    assert f"visible-{html_mod.VISIBLE_RULES}" in version.split("+")


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_a_block_trafilatura_skipped_mid_article_is_put_back_in_place(language):
    first, middle, last = ARTICLES[language]
    kept = f"{first}\n{last}"  # trafilatura lost the middle paragraph (a box it read as furniture)
    other = f"Section 1\nSection 2\n{first}\n{middle}\n{last}\nOther story number 1"
    assert html_mod.restore_skipped(kept, other).split("\n") == [first, middle, last]


def test_only_blocks_between_shared_text_and_long_enough_are_put_back():
    first, middle, last = ARTICLES["en"]
    promo = "Sign up for our newsletter, every Friday in your inbox, with the week's best reads."
    # before the first or after the last shared line: teasers, comments, promotions stay out
    assert html_mod.restore_skipped(
        f"{first}\n{middle}", f"{promo}\n{first}\n{middle}\n{promo}"
    ) == (f"{first}\n{middle}")
    # a byline or a button between two blocks is too short to be article text
    byline = "By Jane Doe\n3 comments"
    assert html_mod.restore_skipped(f"{first}\n{last}", f"{first}\n{byline}\n{last}") == (
        f"{first}\n{last}"
    )
    # a paragraph resiliparse writes with other spacing or punctuation is still shared
    assert html_mod.restore_skipped(f"{first}\n{last}", f"{first.upper()}\n{last}") == (
        f"{first}\n{last}"
    )


def test_extract_html_puts_back_a_block_trafilatura_skipped(monkeypatch):
    article = ARTICLES["en"] + ARTICLES["id"]
    skipped = article[3]  # trafilatura keeps well over FALLBACK_SHARE of the words: no fallback
    monkeypatch.setattr(html_mod, "main_content_text", lambda html: "\n".join(article))
    page_html = page("Bridge to be rebuilt", [p for p in article if p != skipped])
    text, meta = html_mod.extract_html(page_html, "p.html")
    assert text.splitlines()[-len(article) :] == article
    assert meta["extractor"] == "trafilatura+resiliparse"


def test_the_pages_own_title_is_read_for_the_outlet():
    _, meta = _extract_html(page("Bridge to be rebuilt", ARTICLES["en"]), "p.html")
    assert meta["html_title"] == "Bridge to be rebuilt | Riverside Courier"
    assert html_mod.page_title("<html><head><TITLE>\n A &amp; B\n</TITLE></head></html>") == "A & B"
    assert html_mod.page_title("<html><body><p>no title</p></body></html>") == ""


def test_a_kept_paragraph_merged_into_a_longer_block_is_not_written_twice():
    """When resiliparse joins a paragraph trafilatura kept with more text in one line, that
    line is not put back: the kept paragraph would appear twice."""
    intro = "The harbour authority opened the new ferry terminal on Monday after two years of work."
    kept = "Passengers can buy tickets at machines inside the hall and on the operator's app."
    end = "The old terminal will close at the end of the month and become a market hall."
    more = " ".join(
        ["The hall has room for four hundred people and a cafe on the upper floor."] * 3
    )
    restored = html_mod.restore_skipped(
        "\n".join([intro, kept, end]), "\n".join([intro, f"{kept} {more}", end])
    )
    assert restored.count(kept) == 1, restored


def test_the_headline_is_the_h1_text_a_reader_sees():
    """A script, style or hidden label nested in the `<h1>` is no part of the headline, and a
    hidden `<h1>` (a second copy for screen readers or a collapsed menu) is not collected."""
    html = (
        "<html><head><title>Bridge vote | Riverside Courier</title></head><body>"
        '<h1 style="display:none">Riverside Courier menu</h1>'
        "<h1>Council votes to<script>window.ads = 'slot-7';</script> rebuild"
        "<style>.h{color:red}</style> the old bridge"
        '<span hidden>Sponsored label</span><span style="visibility: hidden">Share</span></h1>'
        f"<p>{ARTICLES['en'][0]}</p><h1>Second <noscript>enable scripts</noscript>heading</h1>"
        "</body></html>"
    )
    headings: list[str] = []
    text = html_mod.visible_text(html, headings)
    assert headings == ["Council votes to rebuild the old bridge", "Second heading"]
    for unseen in ("slot-7", "color:red", "Sponsored label", "menu", "enable scripts", "Share"):
        assert unseen not in text
    assert "Council votes to rebuild the old bridge" in text.splitlines()


def test_a_nested_main_or_h1_does_not_end_the_outer_one():
    """Page builders nest a `<main>` in the theme's `<main>` (invalid, but common): the outer one
    holds the whole article, so trimming to it keeps the paragraphs after the inner one."""
    paras = ARTICLES["en"]
    html = (
        "<html><body><main><h1>Council votes <h1>to rebuild</h1> the old bridge</h1>"
        f"<p>{paras[0]}</p><main><p>{paras[1]}</p></main><p>{paras[2]}</p></main>"
        "<footer><p>Footer links and the site's address.</p></footer></body></html>"
    )
    headings: list[str] = []
    mains: list[str] = []
    html_mod.visible_text(html, headings, mains)
    assert headings == ["Council votes to rebuild the old bridge"]
    assert len(mains) == 1 and paras[2] in mains[0] and "Footer" not in mains[0]


PROMO = "Get our free guide to city budgets, sent every Monday to forty thousand readers."
CALL = "Talk to our planning team today and get a quote for your own bridge project."


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
def test_lines_taken_around_the_pages_one_main_element_are_dropped(language):
    paragraphs = ARTICLES[language]
    main = "\n".join(["Bridge to be rebuilt", *paragraphs])
    text = "\n".join([PROMO, *paragraphs, CALL])
    assert html_mod.trim_to_main(text, main).split("\n") == paragraphs
    # a line between two found in <main> stays (a box placed outside it mid-article)
    middle = "\n".join([paragraphs[0], PROMO, *paragraphs[1:]])
    assert html_mod.trim_to_main(middle, main) == middle
    # a <main> that holds too little of the text is no statement of the article: nothing dropped
    small = "\n".join([PROMO, paragraphs[0], CALL, CALL.upper(), PROMO.upper()])
    assert html_mod.trim_to_main(small, paragraphs[0]) == small


def test_extract_html_trims_to_the_one_main_element(monkeypatch):
    article = ARTICLES["en"]
    monkeypatch.setattr(html_mod, "main_content_text", lambda html: "")
    page_html = page("Bridge to be rebuilt", article).replace(
        "</main>", f"</main><div><p>{CALL}</p></div>"
    )
    import trafilatura

    real = trafilatura.bare_extraction

    def with_call(*args, **kwargs):  # an extractor that also took the call to action
        doc = real(*args, **kwargs)
        doc.text = f"{doc.text}\n{CALL}"
        return doc

    monkeypatch.setattr(trafilatura, "bare_extraction", with_call)
    text, _ = html_mod.extract_html(page_html, "p.html")
    assert text.splitlines()[-len(article) :] == article and CALL not in text
    # two <main> elements: the page does not mark one main content, the text stands
    two = page_html.replace("<aside>", "<main><p>Second region.</p></main><aside>")
    assert CALL in html_mod.extract_html(two, "p.html")[0]


@pytest.mark.parametrize("language", ["en", "de", "ja"])
def test_the_opening_trafilatura_skipped_below_the_headline_is_put_back(language):
    first, middle, last = ARTICLES[language]
    headline = "Bridge to be rebuilt"
    menu = "Home\nNews\nSport"
    kept = f"{middle}\n{last}"  # trafilatura lost the opening paragraph
    other = f"{menu}\n{headline}\n{first}\n{middle}\n{last}"
    assert html_mod.restore_opening(kept, other, headline).split("\n") == [first, middle, last]
    # without the headline above it, the run may be a menu or a promotion: it stays out
    assert html_mod.restore_opening(kept, f"{menu}\n{first}\n{middle}\n{last}", headline) == kept
    # a short run (a byline, a date) is not an opening paragraph
    byline = f"{menu}\n{headline}\nBy Jane Doe\n{middle}\n{last}"
    assert html_mod.restore_opening(kept, byline, headline) == kept
