"""The outlet a page names itself as, and where that came from (issues 12 and 16).

Invented pages and sites only; every rule is shown on two pages of different sites.
"""

from __future__ import annotations

import pytest

from presslens.clean import clean_rows
from presslens.clean.metadata import infer_metadata
from presslens.clean.outlets import clean_name, find_outlet, host_label

_BODY = (
    "The ministers met on Monday for talks about the border, officials said, and agreed to meet "
    "again next month after a long day of negotiations in the capital.\n\n"
    "Neither side gave details, but both described the atmosphere as constructive and said that "
    "the commission would report to parliament before the summer recess.\n\n"
    "Opposition parties criticised the lack of information and asked for a debate."
)


def _meta(page: str, html_meta: dict | None = None) -> dict:
    return infer_metadata(page, clean_rows(page), html_meta=html_meta)


@pytest.mark.parametrize(
    ("page", "outlet"),
    [
        (
            "Ministers agree to meet again | Riverside Courier\n\nHome\n\nWorld\n\n"
            "Ministers agree to meet again\n\n" + _BODY + "\n\nAbout Riverside Courier",
            "Riverside Courier",
        ),
        (
            "Border talks end without a deal - Valley Post\n\nMenu\n\nValley Post\n\n"
            "Border talks end without a deal\n\n" + _BODY,
            "Valley Post",
        ),
    ],
)
def test_outlet_from_the_title_suffix_and_the_headline_without_it(page, outlet):
    meta = _meta(page)
    assert meta["outlet"] == outlet
    assert meta["outlet_source"] == "title"
    assert outlet not in meta["title"]


@pytest.mark.parametrize(
    ("lead", "agency"),
    [
        ("ЕРЕВАН, 28 ФЕВРАЛЯ. АРМЕНПРЕСС. Министры встретились в понедельник.", "АРМЕНПРЕСС"),
        ("Bakı, 28 fevral, AZƏRTAC. Nazirlər bazar ertəsi görüşüblər.", "AZƏRTAC"),
        ("ԵՐԵՎԱՆ, 28 ՓԵՏՐՎԱՐԻ, ԱՐՄԵՆՊՐԵՍ: Նախարարները հանդիպել են երկուշաբթի։", "ԱՐՄԵՆՊՐԵՍ"),
        (
            "ANKARA, 3 MART 2021, AJANSHABER - Bakanlar pazartesi günü bir araya geldi.",
            "AJANSHABER",
        ),
    ],
)
def test_a_news_agency_named_in_its_dateline_is_the_outlet(lead, agency):
    rows = ["Home", "News", lead + " " + _BODY.split("\n\n")[0]]
    outlet, source = find_outlet(rows, [False, False, True])
    assert (outlet, source) == (agency, "dateline")


@pytest.mark.parametrize(
    ("footer", "brand_line", "outlet"),
    [
        (  # the site's parent company holds the copyright
            "© 2025 Northwind Media Group, Inc. All rights reserved.",
            "Subscribe to the Harbour Herald",
            "Harbour Herald",
        ),
        (
            "Copyright © 2024 Bluebird Publishing LLC",
            "About Lakeside Daily",
            "Lakeside Daily",
        ),
    ],
)
def test_a_copyright_holder_company_is_never_the_outlet(footer, brand_line, outlet):
    page = f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{brand_line}\n\n{outlet}\n\n{footer}"
    meta = _meta(page)
    assert meta["outlet"] == outlet


@pytest.mark.parametrize(
    "footer",
    [
        "© 2025 Northwind Media Group, Inc. All rights reserved.",
        "Copyright © 2024 Bluebird Publishing LLC",
    ],
)
def test_a_company_named_only_as_copyright_holder_gives_no_outlet(footer):
    assert _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{footer}")["outlet"] is None


@pytest.mark.parametrize(
    "footer",
    [
        "Photo: © Jane Smith / Northwind Images",
        "Image credit: © Stockpix.com/someone",
        "Copyright © 2025. All rights reserved.",
        "Copyright Policy",
    ],
)
def test_credits_and_the_word_copyright_are_not_outlets(footer):
    assert _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{footer}")["outlet"] is None


@pytest.mark.parametrize(
    ("html_meta", "outlet", "source"),
    [
        ({"sitename": "Harbour Herald", "url": "https://www.harbourherald.com/a/1"}, "Harbour Herald", "html"),
        ({"url": "https://news.lakesidedaily.co.uk/world/talks"}, "lakesidedaily", "url"),
    ],
)  # fmt: skip
def test_outlet_from_html_site_name_or_url_host(html_meta, outlet, source):
    meta = _meta(_BODY, html_meta=html_meta)
    assert (meta["outlet"], meta["outlet_source"]) == (outlet, source)


def test_host_labels_and_cleaned_names():
    assert host_label("www.example-news.co.uk") == "example-news"
    assert host_label("twitter.com") is None
    assert clean_name("Copyright Harbour Herald Ltd.") == "Harbour Herald"
    assert clean_name("by Lakeside Daily, Inc") == "Lakeside Daily"


# --- the site's phrases about itself (issue 16) ----------------------------------------------


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        ("© 2026 Harbour Herald\n\nHarbour Herald Events", "Harbour Herald"),
        ("Copyright © 2026 - The Lakeside Expo | All Rights Reserved\n\nVisit the Lakeside Expo",
         "The Lakeside Expo"),
    ],
)  # fmt: skip
def test_a_copyright_name_named_again_is_at_least_as_sure_as_one_named_once(footer, outlet):
    meta = _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{footer}")
    assert (meta["outlet"], meta["outlet_source"]) == (outlet, "copyright")


@pytest.mark.parametrize(
    ("rows", "outlet", "owner"),
    [
        ("Harbour Herald is part of Northwind Digital's family of brands.\n\n"
         "© 2025 Northwind Digital LLC", "Harbour Herald", "Northwind Digital"),
        ("Valley Post is part of the\n\nBluebird Publishing Group\n\n"
         "Copyright © 2025 Bluebird Inc.", "Valley Post", "Bluebird"),
        ("Lakeside Daily is a Westbrook publication.\n\n© 2024 Westbrook, Inc.",
         "Lakeside Daily", "Westbrook"),
    ],
)  # fmt: skip
def test_a_site_named_as_part_of_its_owner_is_the_outlet_never_the_owner(rows, outlet, owner):
    meta = _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{rows}")
    assert meta["outlet"] == outlet
    assert owner not in meta["outlet"]


@pytest.mark.parametrize(
    ("rows", "outlet"),
    [
        ("The Harbour Herald Team\n\nHarbour Herald Events", "Harbour Herald"),
        ("Sign up for the Valley Post newsletter.\n\nValley Post Weekly", "Valley Post"),
        ("By submitting this form you agree to Lakeside Daily's Privacy Policy", "Lakeside Daily"),
        ("Learn about Riverside Courier's\n\nRiverside Courier", "Riverside Courier"),
    ],
)  # fmt: skip
def test_a_site_naming_its_team_newsletter_or_policies_is_the_outlet(rows, outlet):
    meta = _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{rows}")
    assert (meta["outlet"], meta["outlet_source"]) == (outlet, "self")


@pytest.mark.parametrize("row", ["The Leadership Team", "Meet the Team", "Faculty & Staff"])
def test_a_group_within_an_organisation_is_not_a_site(row):
    assert _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{row}")["outlet"] is None


@pytest.mark.parametrize(
    ("html_title", "outlet"),
    [
        ("Talks resume after a long pause | Harbour Herald", "Harbour Herald"),
        ("Gespräche gehen weiter - Talblatt", "Talblatt"),
    ],
)
def test_an_html_pages_own_title_names_its_site(html_title, outlet):
    """The HTML `<title>` (`html_title`) names the site when the extracted title is the
    headline alone."""
    headline = html_title.split(" | ")[0].split(" - ")[0]
    page = f"{headline}\n\n{_BODY}"
    meta = _meta(page, html_meta={"title": headline, "html_title": html_title})
    assert (meta["outlet"], meta["outlet_source"]) == (outlet, "title")
    assert meta["title"] == headline


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("HarbourHerald.com™ | Bridges 101", "HarbourHerald.com"),
        ("Talblatt.de – Brücken verstehen", "Talblatt.de"),
    ],
)
def test_a_title_part_written_as_a_site_address_is_the_site(line, outlet):
    meta = _meta(f"{line}\n\nMenu\n\n{_BODY}")
    assert (meta["outlet"], meta["outlet_source"]) == (outlet, "title")


@pytest.mark.parametrize(
    ("line", "footer", "outlet"),
    [
        ("Bridge repairs explained - Local Roads", "© 2026 Harbour Herald\n\nHarbour Herald Events",
         "Harbour Herald"),
        ("Brücken erklärt | Ratgeber Verkehr", "© 2025 Talblatt\n\nTalblatt Abo", "Talblatt"),
    ],
)  # fmt: skip
def test_a_copyright_name_the_page_repeats_beats_a_title_part_it_never_repeats(
    line, footer, outlet
):
    assert _meta(f"{line}\n\nMenu\n\n{_BODY}\n\n{footer}")["outlet"] == outlet


@pytest.mark.parametrize(
    ("rows", "outlet"),
    [
        ("If you buy through our links, Harbour Herald may earn an affiliate commission.",
         "Harbour Herald"),
        ("Valley Post is reader-supported. When you buy through links on our site, we may earn "
         "a commission.", "Valley Post"),
    ],
)  # fmt: skip
def test_a_site_disclosing_its_affiliate_commissions_is_the_outlet(rows, outlet):
    meta = _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{rows}")
    assert (meta["outlet"], meta["outlet_source"]) == (outlet, "self")


@pytest.mark.parametrize(
    "rows",
    [
        "Affiliate programs: Streamers earn a commission when viewers buy games or gear.",
        "Products are chosen by our editors. We may receive a commission on purchases.",
    ],
)
def test_others_earning_commissions_are_not_the_outlet(rows):
    assert _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{rows}")["outlet"] is None


@pytest.mark.parametrize(
    ("line", "footer", "outlet"),
    [
        ("Bridge Repair Guide - From A Certified Engineer", "© 2026 Harbour Herald", "Harbour Herald"),
        ("Couch to 10K Plan - RUNNING | Powered by Northwind", "© 2025 Valley Post", "Valley Post"),
    ],
)  # fmt: skip
def test_a_title_part_going_on_from_the_headline_is_not_the_site(line, footer, outlet):
    """A last title part that starts with a preposition ("From ...", "Powered by ...") goes on
    from the headline or names a platform: the site is named elsewhere."""
    meta = _meta(f"{line}\n\nMenu\n\n{_BODY}\n\n{footer}")
    assert meta["outlet"] == outlet


@pytest.mark.parametrize(
    ("line", "menu", "self_row", "outlet"),
    [
        ("The Best Tents of 2026 | Tested", "Tested",
         "Harbour Herald is reader-supported.\n\nHarbour Herald Shop\n\nHarbour Herald Awards",
         "Harbour Herald"),
        ("Bridge Repairs Explained", "About Project",
         "By signing up you agree to Valley Post's Privacy Policy", "Valley Post"),
    ],
)  # fmt: skip
def test_a_name_the_page_writes_as_an_ordinary_word_gains_nothing_from_it(
    line, menu, self_row, outlet
):
    """ "Tested" or "Project" as a title part or a menu item is not named again by every row
    that says "tested" or "project"."""
    word = menu.split()[-1].lower()
    prose = "\n\n".join(
        f"The team {word} row {n} of the bridge {word} again before the summer." for n in range(6)
    )
    page = f"{line}\n\n{menu}\n\n{_BODY}\n\n{prose}\n\n{self_row}"
    assert _meta(page)["outlet"] == outlet


@pytest.mark.parametrize(
    ("contact", "outlet"),
    [
        ("Send us your news: desk@harbourherald.co.uk", "harbourherald"),
        ("Questions? Write to support-eu@valleypost.com", "valleypost"),
    ],
)
def test_the_one_address_a_page_gives_names_its_site(contact, outlet):
    meta = _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{contact}")
    assert (meta["outlet"], meta["outlet_source"]) == (outlet, "self")


@pytest.mark.parametrize(
    ("cited", "others"),
    [
        ("valleypost.com", "Also: harbourherald.com and lakesidedaily.org"),
        ("northwindstats.org", "See riversidecourier.com\n\nMore at talblatt.de"),
    ],
)
def test_a_page_citing_several_sites_names_none_of_them(cited, others):
    """Addresses of several sites are the page's sources, even one it cites again and again."""
    rows = "\n\n".join(f"Figure {n} from {cited}/data/{n}" for n in range(4))
    meta = _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{rows}\n\n{others}")
    assert meta["outlet"] is None


@pytest.mark.parametrize("row", ["Terms and Privacy Policy © 2010-2025", "About the Author"])
def test_policy_and_author_labels_are_not_outlets(row):
    assert _meta(f"Talks resume\n\nTalks resume\n\n{_BODY}\n\n{row}")["outlet"] is None


def test_a_changed_evidence_pattern_changes_the_cleaner_version():
    """The phrases that find an outlet live in `outlet_evidence`: a change to one of them must
    change the cache key, or pages cleaned under the old pattern would stay in the cache."""
    import re

    from presslens.clean import outlet_evidence, version

    namespaces = [vars(m) for m in version._MODULES]
    changed = [
        dict(ns, _EARNS=re.compile("changed")) if ns is vars(outlet_evidence) else ns
        for ns in namespaces
    ]
    assert version.fingerprint(*changed) != version.fingerprint(*namespaces)
    assert version.CLEANER_VERSION.endswith(version.fingerprint(*namespaces))
