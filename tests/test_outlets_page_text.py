"""Outlets of text dumps: pages with no URL and no meta tags, only the page's own text
(issue 16). The site names itself in its logo row, in a rights line, in prose; a headline about
copyright, a menu item or a compared product's address is not the site.

Invented pages and sites only; every rule is shown on two pages of different sites.
"""

from __future__ import annotations

import pytest
from test_metadata_outlets import _BODY

from presslens.clean import clean_rows
from presslens.clean.metadata import infer_metadata

_TITLE = "Ministers agree to meet again next month"


def _meta(page: str) -> dict:
    return infer_metadata(page, clean_rows(page))


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        ("Quillmark Heating. All rights reserved.", "Quillmark Heating"),
        ("Brassbell Mentors LLC. All rights reserved. Copyright © 2015-2025", "Brassbell Mentors"),
        ("©2025 77 Lantern Social. All rights reserved.", "77 Lantern Social"),
    ],
)
def test_a_name_leading_a_rights_line_is_the_outlet(footer, outlet):
    """Pages 1628, 4239, 0342: the name stands before "All rights reserved" (no © before it,
    or a name led by digits)."""
    meta = _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{footer}")
    assert (meta["outlet"], meta["outlet_source"]) == (outlet, "copyright")


@pytest.mark.parametrize(
    "sources",
    [
        "Copyright Registry Weighs In on Machine Learning and Fair Use | Lawfirm\n\n"
        "Machine Learning and Copyright Infringement: Views from Abroad | Policy Review",
        "Part 2: Model Training – the Federal Copyright Registry\n\n"
        "Copyright Complexity in a Connected World",
    ],
)
def test_a_headline_about_copyright_names_no_outlet(sources):
    """Page 2722 (a list of sources): the word "copyright" in a headline is no copyright line."""
    meta = _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\nSources\n\n{sources}")
    assert meta["outlet"] is None


@pytest.mark.parametrize(
    ("header", "prose", "outlet"),
    [
        (
            "Skip to main content\n\nQuillsprout\n\nFeatures\n\nPricing",
            "Maria Lund is the head of marketing at Quillsprout and hosts its weekly show.\n\n"
            "Move your show to Quillsprout in a few minutes, with your back catalogue.",
            "Quillsprout",
        ),
        (
            "Open menu\n\nLantern-Tests.org\n\nAlabama\n\nAlaska",
            "When it comes to passing your exam, Lantern Tests is the best place to practise.\n\n"
            "Lantern Tests has helped drivers in every state since the first edition.",
            "Lantern-Tests.org",
        ),
    ],
)
def test_the_logo_row_under_the_title_names_the_site(header, prose, outlet):
    """Pages 4665, 0018, 4414, 0285, 4588: the site's name is the first row after the title
    line (skip links aside) and the page names it again."""
    page = f"{_TITLE}\n\n{header}\n\n{_TITLE}\n\n{_BODY}\n\n{prose}"
    assert _meta(page)["outlet"] == outlet


@pytest.mark.parametrize(
    ("menu", "word"),
    [("Leadership\n\nCareers\n\nEvents", "leadership"), ("Franchise\n\nKitchens", "franchise")],
)
def test_a_menu_item_the_page_writes_as_a_word_is_no_logo(menu, word):
    """Pages 0279, 0317: the first menu item, named in headings again, is an ordinary word."""
    headings = "\n\n".join([menu.split()[0]] * 3)
    prose = f"Good {word} matters, the report says, and {word} is learned over years of work."
    page = f"{_TITLE}\n\n{menu}\n\n{_TITLE}\n\n{_BODY}\n\n{prose}\n\n{headings}"
    assert _meta(page)["outlet"] is None


@pytest.mark.parametrize(
    ("name", "logo"), [("K&M Review", "K&M Review"), ("A+B Weekly", "A+B Weekly")]
)
def test_a_name_with_punctuation_in_its_first_letters_is_counted_where_the_page_names_it(
    name, logo
):
    """Page 0285 ("S&P"): the rows naming the site count though its letters start with a
    sign."""
    prose = "\n\n".join(
        f"Each year {name} ranks the firms of the region, issue {n}." for n in range(3)
    )
    page = f"{_TITLE}\n\n{logo}\n\n{_TITLE}\n\n{_BODY}\n\n{prose}"
    assert _meta(page)["outlet"] == name


@pytest.mark.parametrize(("address", "word"), [("Ledger.io", "ledger"), ("Pager.app", "pager")])
def test_a_compared_products_address_written_as_a_word_is_no_outlet(address, word):
    """Page 4414 ("vs Incident.io"): the address's name is a word the page uses."""
    prose = "\n\n".join(
        f"Keep the {word} short, and review the {word} every week, step {n}." for n in range(4)
    )
    page = f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{prose}\n\nCompare\n\nvs {address}"
    assert _meta(page)["outlet"] is None


@pytest.mark.parametrize(
    ("title", "footer", "contact", "outlet"),
    [
        (
            "Framing a lake at dawn: four steps — Jane Roe | Lake Photography",
            "Tallbrook Photography, LLC. All Rights Reserved 2024",
            "Tallbrook Photography, Hill Road 4 info@tallbrookphotography.com",
            "Tallbrook Photography",
        ),
        (
            "Choosing a coach for your application - Admissions Guides",
            "Copyright © 2012 - 2025 Menloway Coaching B.V.",
            "Write to us: hello@menlowaycoaching.com",
            "Menloway Coaching",
        ),
    ],
)
def test_a_copyright_name_the_pages_address_writes_beats_a_title_part(
    title, footer, contact, outlet
):
    """Pages 4166, 0022, 0330: the copyright line and the page's address name one site; a
    title part naming a section or the page's topic does not outweigh them."""
    topic = title.rsplit(" ", 2)[-2:]
    prose = "\n\n".join(f"{' '.join(topic)} tips, part {n}" for n in range(2))
    page = f"{title}\n\n{title.split(' - ')[0]}\n\n{_BODY}\n\n{prose}\n\n{contact}\n\n{footer}"
    meta = _meta(page)
    assert (meta["outlet"], meta["outlet_source"]) == (outlet, "copyright")


@pytest.mark.parametrize(
    ("byline", "box"),
    [
        ("Written by Tomas Reyes", "More from Tomas Reyes"),
        ("Last Updated on April 8, 2024 by Ilse Varga", "About Ilse Varga"),
    ],
)
def test_the_writers_box_names_a_person_not_the_site(byline, box):
    """Pages 0222, 4884: "About Jane Roe" / "More from Jane Roe" under an article whose byline
    names Jane Roe is the writer's box."""
    bio = f"{box.split(' ', 2)[-1]} has covered the region for ten years and lives by the sea."
    page = f"{_TITLE}\n\n{byline}\n\n{_BODY}\n\n{box}\n\n{bio}\n\n{bio}"
    assert _meta(page)["outlet"] is None


@pytest.mark.parametrize(
    "title",
    [
        "Comparing Meal Boxes 2026 | Fresh Rolls, Green Bowls, More",
        "Home Insurance Guide 2026 | Coverage Types, Costs & Savings",
        "Top Garden Shows 2026 – The Events Shaping the Future of Planting Everywhere",
        "Best Health Plans 2025 - Top 25 Ranked by Market Share in Every State",
    ],
)
def test_a_title_part_listing_keywords_or_dated_names_no_site(title):
    """Pages 4884, 4260, 4540 (keywords after the headline) and 4367, 0089 (a dated headline
    before a long subtitle): neither part names the site."""
    assert _meta(f"{title}\n\n{_BODY}")["outlet"] is None


@pytest.mark.parametrize(
    "title",
    [
        "Garden Pond Design - The Complete Guide 2025",
        "Lake Trail Running | Beginner's Handbook 2024",
    ],
)
def test_a_short_dated_subtitle_makes_the_title_all_headline(title):
    """Page 0232 ("Mobile UX Design - The Ultimate Guide 2025"): a short dated last part is a
    subtitle, so the part before it is the headline, not a site, however often the page
    writes it."""
    topic = title.split(" - ")[0].split(" | ")[0]
    again = "\n\n".join(f"Why {topic} Matters, part {n}" for n in range(3))
    page = f"{title}\n\n{_BODY}\n\n{again}"
    assert _meta(page)["outlet"] is None


@pytest.mark.parametrize(
    ("row", "contact", "outlet"),
    [
        ("At CR Brightmaids, we clean with plant-based products only.", "hello@crbrightmaids.com",
         "CR Brightmaids"),
        ("Here, at Allen Smiles, our team checks every tooth twice.", "desk@allensmiles.com",
         "Allen Smiles"),
    ],
)  # fmt: skip
def test_a_site_speaking_of_itself_in_the_first_person_writes_its_name(row, contact, outlet):
    """Pages 0128, 1781, 0108, 4259: "At Example, we ..." in the page's prose writes the name
    its address gives in letters only ("crbrightmaids")."""
    page = f"{_TITLE}\n\n{_BODY}\n\n{row}\n\nWrite to us: {contact}"
    assert _meta(page)["outlet"] == outlet


@pytest.mark.parametrize(
    ("title", "guest"),
    [
        ("Robots will not take your job | Building Review", "At Method Studio, we use AI daily."),
        ("Why hospitals buy less - Health Ledger", "At Northgate Clinics, our nurses plan ahead."),
    ],
)
def test_a_guest_writers_firm_speaking_in_the_first_person_is_not_the_site(title, guest):
    """Page 0473: a guest post's "At Firm, we ..." (the firm named again in the writer's box
    and photo credits) does not outweigh the site's title part."""
    firm = guest.split(",")[0].removeprefix("At ")
    box = f"{firm}\n\n{firm} is a firm with offices in four cities.\n\nPhoto courtesy {firm}"
    page = f"{title}\n\n{_BODY}\n\n{guest}\n\n{box}"
    assert _meta(page)["outlet"] == title.split(" | ")[-1].split(" - ")[-1]


@pytest.mark.parametrize(
    ("byline", "site"),
    [
        ("Published by Harbour Herald", "Harbour Herald"),
        ("By Reuters", "Fenwick Ledger"),
        ("By Fenwick Ledger Staff", "Fenwick Ledger"),
        ("By Lantern Valley News", "Lantern Valley"),
    ],
)
def test_a_byline_naming_no_person_leaves_the_sites_about_box(byline, site):
    """A byline naming a site, a wire or a desk ("Published by X", "By Reuters", "By X Staff")
    names no writer: "About X" and "X Privacy Policy" below the article stay the site's."""
    page = f"{_TITLE}\n\n{byline}\n\n{_BODY}\n\nAbout {site}\n\n{site} Privacy Policy"
    meta = _meta(page)
    assert (meta["outlet"], meta["outlet_source"]) == (site, "self")


def test_a_writers_box_leaves_the_sites_own_policy_line():
    """Only the writer's box ("About Jane Roe") is the person's: a policy line naming the same
    name still names the site (a writer's own site)."""
    page = (
        f"{_TITLE}\n\nBy Odile Marchetti\n\n{_BODY}\n\nAbout Odile Marchetti\n\n"
        "Odile Marchetti’s Privacy Policy"
    )
    meta = _meta(page)
    assert (meta["outlet"], meta["outlet_source"]) == ("Odile Marchetti", "self")
