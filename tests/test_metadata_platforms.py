"""A newsletter on a platform's subdomain, a URL's host, a headline above a label row."""

from __future__ import annotations

from presslens.clean import clean_page, infer_metadata
from presslens.clean.outlet_evidence import hosting_platform, on_platform
from presslens.clean.titles import unjoined_heading

BODY = (
    "The harbour board met on Tuesday to weigh the cost of dredging the old channel again. "
    "Members argued for three hours over who should pay for the work and when it should start.\n\n"
    "A vote is expected next month, after the engineers report on the silt that keeps coming back "
    "each winter and the boats that now wait outside for the tide to rise high enough to enter.\n\n"
    "Fishermen said the delay has already cost them a season, and several asked the board to "
    "publish the engineers' figures before the vote rather than after it, as was done last year."
)


def _meta(text: str, **kwargs) -> dict:
    return infer_metadata(text, clean_page(text), **kwargs)


def _newsletter(footer: str) -> str:
    return (
        f"Dredging the old channel - Tide Tables\n\nTide Tables\n\nDredging the old channel\n\n"
        f"{BODY}\n\nSubscribe\n\n© 2025 Tide Tables\n\n{footer}\n\nPrivacy ∙ Terms"
    )


def test_newsletter_names_its_platform_from_the_footer():
    for footer, platform in (
        ("Start your Substack", "Substack"),
        ("Substack is the home for great culture", "Substack"),
        ("Powered by Bear ʕ•ᴥ•ʔ", "Bear Blog"),
    ):
        meta = _meta(_newsletter(footer))
        assert meta["outlet"] == f"Tide Tables ({platform})"
        assert meta["title"] == "Dredging the old channel"  # the site's name still leaves it


def test_site_on_its_own_host_names_no_platform():
    assert _meta(_newsletter("Powered by WordPress"))["outlet"] == "Tide Tables"
    # a page writing about the platform in its body does not make it the host
    assert hosting_platform(["We moved our newsletter off Substack last year."]) == (None, None)


def test_platform_from_the_url_host():
    assert hosting_platform([], "https://tidetables.substack.com/p/dredging") == (
        "Substack",
        "tidetables",
    )
    assert hosting_platform([], "https://substack.com/home/post/p-1") == ("Substack", None)
    assert hosting_platform(["Start your Substack"], "https://tidetables.com/") == (None, None)
    meta = _meta(
        _newsletter("Start your Substack").replace("© 2025 Tide Tables", ""),
        html_meta={"url": "https://harbourwatch.substack.com/p/dredging"},
    )
    assert meta["outlet"] in ("Tide Tables (Substack)", "harbourwatch (Substack)")


def test_on_platform_keeps_writers_apart():
    assert on_platform("Tide Tables", "Substack") == "Tide Tables (Substack)"
    assert on_platform("tidetables.substack.com", "Substack") == "tidetables.substack.com"
    assert on_platform(None, "Substack") == "Substack"
    assert on_platform("Tide Tables", None) == "Tide Tables"


def test_label_row_below_the_headline_is_not_the_headline():
    text = "Headline here\n\nHarbour board weighs dredging costs\n\nadvice for skippers\n\nBody"
    joined = "Harbour board weighs dredging costs advice for skippers"
    assert unjoined_heading(joined, text) == "Harbour board weighs dredging costs"
    byline = "Harbour board weighs dredging costs\n\nby Ann Lee\n\nBody"
    assert unjoined_heading(joined.replace("advice for skippers", "by Ann Lee"), byline) == (
        "Harbour board weighs dredging costs"
    )
    # a headline that runs on within its own line stays whole
    whole = "Harbour board weighs dredging costs and delays\n\nby Ann Lee"
    assert unjoined_heading("Harbour board weighs dredging costs and delays", whole) == (
        "Harbour board weighs dredging costs and delays"
    )
    assert unjoined_heading(None, text) is None


def test_url_host_with_any_top_level_domain():
    from presslens.clean.outlets import find_outlet, host_label

    assert host_label("www.harbourwatch.studio") == "harbourwatch"
    assert host_label("news.harbourwatch.co.uk") == "harbourwatch"
    assert host_label("harbourwatch.xyz") == "harbourwatch"
    rows = ["Dredging the old channel", *BODY.split("\n\n")]
    kept = [False] + [True] * (len(rows) - 1)
    meta = {"url": "https://harbourwatch.studio/p/dredging", "sitename": "Ann Lee"}
    # a person in og:site_name gives way to the host, whatever its top-level domain
    assert find_outlet(rows, kept, meta, "Dredging the old channel")[0] == "harbourwatch"


def test_a_site_on_its_own_host_of_any_domain_is_not_on_a_platform():
    # the host decides, whatever its top-level domain; a footer naming a platform does not
    for url in ("https://blog.harbourwatch.com/post/", "https://harbourwatch.xyz/post/"):
        assert hosting_platform(["Powered by Bear"], url) == (None, None)
    assert hosting_platform([], "https://tidetables.bearblog.dev/dredging/")[0] == "Bear Blog"


def test_a_malformed_url_costs_its_evidence_not_the_page():
    from presslens.clean.outlets import find_outlet

    rows = ["Dredging the old channel", *BODY.split("\n\n"), "© 2025 Tide Tables"]
    kept = [False] + [True] * (len(rows) - 2) + [False]
    meta = {"url": "https://[harbourwatch.com/p/dredging"}
    assert find_outlet(rows, kept, meta, "Dredging the old channel")[0] == "Tide Tables"
