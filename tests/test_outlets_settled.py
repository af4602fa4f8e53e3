"""Outlets settled by the URL host, by copyright lines and across the pages of a folder
(issue 16). Invented pages and sites only; every rule is shown on two sites.
"""

from __future__ import annotations

import pandas as pd
import pytest
from ingest_support import COUNCIL_BODY as _BODY

from presslens.clean import clean_rows
from presslens.clean.metadata import infer_metadata
from presslens.clean.outlet_folders import settle_outlets
from presslens.clean.outlets import clean_name, find_outlet, names_host


def _meta(page: str, html_meta: dict | None = None) -> dict:
    return infer_metadata(page, clean_rows(page), html_meta=html_meta)


# --- the URL host decides which written name is the site -----------------------------------


@pytest.mark.parametrize(
    ("sitename", "url", "outlet", "source"),
    [
        # a section or a platform in og:site_name: the host is the site
        ("Wellbeing", "https://www.harbourherald.com/wellbeing/bridge", "harbourherald", "url"),
        ("Blogspace", "https://lakeside-notes.net/2024/bridge", "lakeside-notes", "url"),
        # a site name that writes the host's name is kept as written
        ("Harbour Herald", "https://www.harbourherald.com/a", "Harbour Herald", "html"),
        ("The Lakeside Notes", "https://lakesidenotes.net/a", "The Lakeside Notes", "html"),
    ],
)
def test_url_host_decides(sitename, url, outlet, source):
    page = "The council debates the bridge\n\n" + _BODY
    meta = _meta(
        page, {"title": "The council debates the bridge", "sitename": sitename, "url": url}
    )
    assert (meta["outlet"], meta["outlet_source"]) == (outlet, source)


@pytest.mark.parametrize(
    ("name", "host", "expected"),
    [
        ("Harbour Herald", "harbourherald", True),
        ("North Valley Gazette", "nvgazette", True),  # initials
        ("Pinewood Nurseries", "pinewoodnursery", True),  # a long shared beginning
        ("Wellbeing", "harbourherald", False),
        ("Jane Roe", "valleypost", False),
    ],
)
def test_names_host(name, host, expected):
    assert names_host(name, host) is expected


# --- copyright lines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("site", "holder"),
    [
        ("Harbour Herald", "Harbour Herald Publications, Inc."),
        ("Lakeside Notes", "Lakeside Notes Media LLC"),
    ],
)
def test_company_named_again_without_its_head_noun_is_the_site(site, holder):
    page = (
        f"The council debates the bridge\n\nMenu\n\n{site} Newsletter\n\n{site} Events\n\n"
        f"{_BODY}\n\nMore stories from {site} readers\n\n© 2024 {holder} All rights reserved."
    )
    assert _meta(page)["outlet"] == site


@pytest.mark.parametrize("holder", ["Megacorp Media Group", "Westbrook Communications Inc."])
def test_parent_company_alone_is_no_outlet(holder):
    page = f"The council debates the bridge\n\n{_BODY}\n\n© 2024 {holder}. All rights reserved."
    assert _meta(page)["outlet"] is None


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("© Copyright 2015 - 2025 quietRiver.", "quietRiver"),
        ("Copyright © 2024 tinyLeaf", "tinyLeaf"),
    ],
)
def test_copyright_years_and_camel_case_names(line, name):
    assert find_outlet(["A title of the page", "Body text.", line], [False, True, False])[0] == name
    assert clean_name(f"{name} 2019-2025") == name


# --- title parts: section and edition labels, acronyms ---------------------------------------


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        ("Bridge plan goes to a vote - Harbour Herald — US Edition", "Harbour Herald"),
        ("Why the bridge matters | Opinion | Valley Post", "Valley Post"),
        ("Bridge safety rules | Office of Bridge Safety (OBS)", "Office of Bridge Safety"),
        (
            "Road works begin | Ministry of Roads and Transport (MRT)",
            "Ministry of Roads and Transport",
        ),
    ],
)
def test_title_site_part(title, outlet):
    assert _meta(f"{title}\n\n{_BODY}")["outlet"] == outlet


# --- across the pages of a folder ------------------------------------------------------------


def _pages(rows):
    return pd.DataFrame(rows, columns=["file", "outlet", "outlet_source", "title_line"])


def test_shared_title_part_is_the_site_and_a_columnist_is_not():
    pages = _pages(
        [
            ("courier/1.txt", "Riverside Courier", "title", "Bridge vote | Riverside Courier"),
            ("courier/2.txt", "Riverside Courier", "title", "School opens | Riverside Courier"),
            ("courier/3.txt", "Jane Roe", "title", "Why the bridge fails us | Jane Roe"),
            ("courier/4.txt", None, "none", "Council budget"),
            ("courier/5.txt", "Riverside Courier", "html", "Floods | Riverside Courier"),
            ("post/1.txt", "Valley Post", "title", "Harvest festival - Valley Post"),
            ("post/2.txt", "Valley Post", "title", "New mayor sworn in - Valley Post"),
            ("post/3.txt", "Sam Poe", "title", "My week at the fair - Sam Poe"),
            ("post/4.txt", "Elm Times", "url", "Elsewhere - Elm Times"),
        ]
    )
    got = settle_outlets(pages)
    assert list(got.columns) == ["outlet", "outlet_source"]
    # "post/" is a mixed folder (Valley Post on half its pages): a page seen once stays
    assert got["outlet"].tolist() == [
        "Riverside Courier", "Riverside Courier", "Riverside Courier", "Riverside Courier",
        "Riverside Courier", "Valley Post", "Valley Post", "Sam Poe", "Elm Times",
    ]  # fmt: skip
    assert got["outlet_source"].tolist() == [
        "title", "title", "folder", "folder", "html", "title", "title", "title", "url",
    ]  # fmt: skip


def test_shared_part_replaces_a_title_part_seen_once():
    # "Headline | Section | Site": the site part is shared by all, the section by two pages
    pages = _pages(
        [
            ("a/1.txt", "Jane Roe", "title", "Bridges | Jane Roe | Harbour Herald"),
            ("a/2.txt", "Harbour Herald", "title", "Roads | Opinion | Harbour Herald"),
            ("a/3.txt", "Harbour Herald", "title", "Ferries | Opinion | Harbour Herald"),
            ("b/1.txt", "Tom Doe", "title", "Rain | Tom Doe | Lakeside Notes"),
            ("b/2.txt", "Lakeside Notes", "copyright", "Snow | Lakeside Notes"),
            ("b/3.txt", "Lakeside Notes", "title", "Hail | Lakeside Notes"),
        ]
    )
    got = settle_outlets(pages)
    assert got["outlet"].tolist()[:3] == ["Harbour Herald"] * 3
    assert got.at[3, "outlet"] == "Lakeside Notes"
    assert got.at[4, "outlet_source"] == "copyright"


def test_distinct_sites_in_one_folder_stay_as_found():
    # two pages of different sites with the same headline part are not a site
    pages = _pages(
        [
            ("4.txt", "Elm Times", "title", "History of bread - Elm Times"),
            ("5.txt", "Oak Daily", "title", "History of bread | Oak Daily"),
            ("1.txt", "Harbour Herald", "title", "Bridge | Harbour Herald"),
            ("2.txt", "Valley Post", "title", "Fair - Valley Post"),
            ("3.txt", None, "none", "A page with no site part"),
        ]
    )
    got = settle_outlets(pages)
    assert got["outlet"].tolist() == [
        "Elm Times",
        "Oak Daily",
        "Harbour Herald",
        "Valley Post",
        None,
    ]
    assert settle_outlets(pages.iloc[:0]).empty


# --- datelines with agencies in other languages ------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "agency", "published"),
    [
        (
            "ГОРОДОК, 3 МАРТА. НОВОСТИ-ЭКСПРЕСС. Совет города обсудил новый мост через реку и решил "
            "вернуться к вопросу в следующем месяце.",
            "НОВОСТИ-ЭКСПРЕСС",
            None,
        ),
        (
            "ՔԱՂԱՔ, 5 մարտի 2019. ԼՈՒՐԱՏՈՒ. Քաղաքի խորհուրդը քննարկեց նոր կամրջի նախագիծը և "
            "որոշեց վերադառնալ հարցին հաջորդ ամիս։",
            "ԼՈՒՐԱՏՈՒ",
            "2019-03-05",
        ),
        (
            "Şəhər, 28 fevral 2018, XƏBƏRÇİ. Şəhər şurası yeni körpünün layihəsini müzakirə etdi və "
            "məsələyə gələn ay qayıtmağı qərara aldı.",
            "XƏBƏRÇİ",
            "2018-02-28",
        ),
        (
            "KASABA, 12 MAYIS 2021 - HABERCİ. Belediye meclisi yeni köprü projesini görüştü ve "
            "konuya gelecek ay yeniden dönmeye karar verdi.",
            "HABERCİ",
            "2021-05-12",
        ),
    ],
)
def test_dateline_agency_in_other_languages(lead, agency, published):
    page = f"Заголовок / Title line of the page here\n\n{lead}\n\n{_BODY}"
    meta = _meta(page)
    assert (meta["outlet"], meta["outlet_source"]) == (agency, "dateline")
    if published:
        assert str(meta["published"]) == published


@pytest.mark.parametrize(
    ("title_line", "parts"),
    [
        ("Island votes to ban plastic bags - the first in the region to do so", 1),
        ("Minister resigns over budget row — here's what comes next", 1),
        ("Reader tips for the winter – what to pack and why | Harbour Herald", 2),
        ("How we test laptops | by Jane Doe | Gadget Desk", 2),
        ("Ten routes for a weekend ride - cyclingroutes.example", 2),
    ],
)
def test_a_title_part_going_on_in_lower_case_continues_the_headline(title_line, parts):
    from presslens.clean.outlets import title_site_parts

    found = title_site_parts(title_line)
    assert len(found) == parts, found
    if parts == 2:
        assert found[-1][0].isupper() or "." in found[-1]  # the site's name, not a phrase
