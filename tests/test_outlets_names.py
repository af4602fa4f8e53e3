"""How a site's name is written (issue 16): an abbreviation joins the name it stands for, a
copyright line's separators, a title part written as the site's address, and the media owners
of the lexicon, which are never the outlet. Invented pages and sites only; every rule is shown
on two sites.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_metadata_outlets import _BODY

from presslens.clean import clean_rows, outlets, version
from presslens.clean.metadata import infer_metadata
from presslens.clean.outlet_names import abbreviates, owner_keys


def _meta(page: str) -> dict:
    return infer_metadata(page, clean_rows(page))


@pytest.mark.parametrize(
    ("page", "outlet"),
    [
        # the site's initials in its menu and the name they stand for in its copyright line
        (
            "Talks resume\n\nTalks resume\n\n" + _BODY + "\n\nAbout HIC\n\nAbout HIC\n\n"
            "Copyright © 2026 Harbourton Institute of Cardiology (HIC). All Rights Reserved.",
            "Harbourton Institute of Cardiology",
        ),
        # its team and its other articles under its initials, its name in full once
        (
            "Talks resume\n\nTalks resume\n\n" + _BODY + "\n\nThe RVC Team\n\n"
            "More from RVC\n\n© 2025 Riverside Valley Courier",
            "Riverside Valley Courier",
        ),
    ],
)
def test_an_abbreviation_joins_the_name_it_stands_for(page, outlet):
    assert _meta(page)["outlet"] == outlet


@pytest.mark.parametrize(
    ("short", "name", "expected"),
    [
        ("HIC", "Harbourton Institute of Cardiology", True),  # "of" skipped
        ("TVP", "The Valley Post", True),  # the article skipped
        ("VTR", "ValleyTrackReport", True),  # a word's humps
        ("HR", "Human Resources", False),  # two letters: too short to tell
        ("Valley Post", "Vermont Press", False),  # two words: a name, not an abbreviation
    ],
)
def test_abbreviates(short, name, expected):
    assert abbreviates(short, name) is expected


@pytest.mark.parametrize(
    "footer",
    [
        "Copyright © 2026 · Quillfinish · All Rights Reserved",
        "Copyright © 2026 • Quillfinish",
    ],
)
def test_a_copyright_name_after_a_dot_separator_is_read(footer):
    page = "Talks resume\n\nTalks resume\n\n" + _BODY + "\n\n" + footer
    assert _meta(page)["outlet"] == "Quillfinish"


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Valleycare.org - How the new clinic rules change your visits", "Valleycare.org"),
        ("Harbourkids.net | What parents ask about the school year", "Harbourkids.net"),
    ],
)
def test_a_title_written_as_the_sites_address_beats_its_organisation(line, outlet):
    """The organisation behind a site (its copyright holder, abbreviated in its menus) is named
    more often than the site's address, but the title writing the address names the site."""
    page = (
        f"{line}\n\nSearch {outlet}\n\nSign up for {outlet} alerts\n\n{_BODY}\n\n"
        f"Follow {outlet} on social media\n\nAbout NEA\n\nAbout NEA\n\n"
        "The Northern Example Association (NEA) said the rules would be reviewed. NEA members "
        "agreed.\n\nNEA staff met on Friday.\n\n© 2025 Northern Example Association"
    )
    assert _meta(page)["outlet"] == outlet


@pytest.mark.parametrize(
    "footer",
    [
        "© 2025 Orbisfeld. All rights reserved.",
        "Copyright Talvik Verlagsgruppe 2025",
    ],
)
def test_a_media_owner_of_the_lexicon_is_never_the_outlet(monkeypatch, footer):
    page = "Talks resume\n\nTalks resume\n\n" + _BODY + "\n\n" + footer
    assert _meta(page)["outlet"] is not None  # a plain copyright name: the site's own
    owners = frozenset({"orbisfeld", "talvikverlagsgruppe"})
    monkeypatch.setattr(outlets, "MEDIA_OWNERS", owners)
    assert _meta(page)["outlet"] is None


def test_media_owners_are_compared_without_legal_forms_and_feed_the_cleaner_version():
    from presslens.clean import outlet_names

    assert "gannett" in outlet_names.MEDIA_OWNERS
    # a listed name as the cleaner compares it: legal forms cut ("Holdings", "AG")
    edited_owners = owner_keys(["Harbour Media Holdings", "Talvik AG"])
    assert edited_owners == {"harbourmedia", "talvik"}
    # an edited list of owners changes the cache key (pages cleaned under the old list are
    # cleaned again)
    namespaces = [vars(m) for m in version._MODULES]
    edited = [
        dict(ns, MEDIA_OWNER_NAMES=("Harbour Media Holdings",)) if ns is vars(outlet_names) else ns
        for ns in namespaces
    ]
    assert vars(outlet_names) in namespaces
    assert version.fingerprint(*edited) != version.fingerprint(*namespaces)


def test_media_owners_do_not_depend_on_the_story_lexicons(tmp_path):
    """Owners are knowledge of the press: another story's lexicon folder (or a broken
    `outlets.yaml`) neither drops them nor stops the package importing."""
    (tmp_path / "outlets.yaml").write_text('owners:\n  - "Vox Media\n', encoding="utf-8")
    code = "from presslens.clean import outlet_names as o; print('gannett' in o.MEDIA_OWNERS)"
    env = {**os.environ, "PRESSLENS_LEXICONS": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"


@pytest.mark.parametrize("label", ["Opinion", "Analysis"])
def test_a_section_label_over_the_headline_is_not_the_sites_logo(label):
    page = (
        f"Why the ministers keep meeting on the border | {label}\n\n{label}\n\n"
        f"Why the ministers keep meeting on the border\n\n{_BODY}\n\n"
        f"Why the border talks keep failing | {label}\n\n"
        f"What the ministers did not say | {label}"
    )
    assert _meta(page)["outlet"] is None


@pytest.mark.parametrize(
    ("holder", "name"),
    [
        ("Lakeview Spice Traders Private Limited", "Lakeview Spice Traders"),
        ("Monsoon Ledger Pvt. Ltd.", "Monsoon Ledger"),
    ],
)
def test_a_private_limited_companys_legal_form_is_cut(holder, name):
    from presslens.clean.outlets import clean_name

    assert clean_name(holder) == name
