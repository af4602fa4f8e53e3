"""Metadata inference: title, outlet, publication date (and its source), language."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from presslens.clean import (
    clean_page,
    detect_language,
    infer_metadata,
    infer_outlet,
    parse_page_date,
)

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
SAMPLES = sorted(p.name for p in RAW.glob("*.txt"))


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _meta(text: str, **kwargs) -> dict:
    return infer_metadata(text, clean_page(text), **kwargs)


def _rows(*removed: tuple[str, str], kept: tuple[str, ...] = ()) -> pd.DataFrame:
    """A hand-made `clean_page` table: kept body rows, then removed (text, reason) rows."""
    texts = list(kept) + [t for t, _ in removed]
    reasons = [""] * len(kept) + [r for _, r in removed]
    return pd.DataFrame(
        {
            "position": range(len(texts)),
            "text": texts,
            "kept": [r == "" for r in reasons],
            "reason": reasons,
        }
    )


# --------------------------------------------------------------------------------------------
# The five sample pages against the gold


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_pages_title_outlet_date_language_match_gold(name, gold):
    item = gold[name]
    meta = _meta(_read(RAW / name))
    assert meta["title"] == item["title"]
    assert meta["outlet"] == item["outlet"]  # 001 names no outlet: None, not an invention
    expected_date = dt.date.fromisoformat(item["published"]) if item["published"] else None
    assert meta["published"] == expected_date
    assert meta["language"] == item["language"]
    assert set(meta) == {
        "title",
        "outlet",
        "outlet_source",
        "published",
        "date_source",
        "language",
        "title_line",
    }


def test_sample_date_sources():
    sources = {name: _meta(_read(RAW / name))["date_source"] for name in SAMPLES}
    assert sources == {
        "000_0e291a03d6d39b0a.txt": "title",  # "Update as of 30/06/23"
        "001_2976f8b599dee8e0.txt": "dateline",  # "Europe, News May 4, 2023 No Comments on"
        "002_fbf3f3c5598774a4.txt": "none",  # only the header's "today" widget has a date
        "003_57fbbb8239863a65.txt": "dateline",  # "31 May 2023 09:17"
        "004_0d42f3f6a94791ae.txt": "none",
    }


def test_header_widget_date_is_not_a_publication_date():
    meta = _meta(_read(RAW / "002_fbf3f3c5598774a4.txt"))
    assert meta["published"] is None  # not Saturday, June 10, 2023


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unseen_pages_metadata(name):
    want = EXPECTED[name]
    meta = _meta(_read(PAGES / name))
    assert meta["title"] == want["title"]
    assert meta["outlet"] == want["outlet"]
    assert meta["language"] == want["language"]
    assert meta["date_source"] == want["date_source"]
    published = dt.date.fromisoformat(want["published"]) if want["published"] else None
    assert meta["published"] == published


def test_html_metadata_wins_for_date_and_supplies_missing_title():
    text = "Ministers met again on Monday for talks hosted by the State Department in Washington."
    meta = _meta(
        text,
        html_meta={
            "title": "Ministers meet again | Caspian Daily",
            "sitename": "Caspian Daily",
            "date": "2023-06-14T09:30:00+04:00",
            "url": "https://caspiandaily.example/news/1",
        },
    )
    assert meta["published"] == dt.date(2023, 6, 14)
    assert meta["date_source"] == "html"
    assert meta["title"] == "Ministers meet again"
    assert meta["outlet"] == "Caspian Daily"


# --------------------------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31 May 2023 09:17", dt.date(2023, 5, 31)),
        ("News May 4, 2023 No Comments", dt.date(2023, 5, 4)),
        ("Update as of 30/06/23", dt.date(2023, 6, 30)),
        ("Update on 30/06/2023", dt.date(2023, 6, 30)),
        ("2023-06-30", dt.date(2023, 6, 30)),
        ("Published 2023-06-30T10:00:00Z", dt.date(2023, 6, 30)),
        ("4 мая 2023", dt.date(2023, 5, 4)),
        ("Veröffentlicht am 12.05.2023, 14:30 Uhr", dt.date(2023, 5, 12)),
        ("12. Mai 2023", dt.date(2023, 5, 12)),
        ("4 de mayo de 2023", dt.date(2023, 5, 4)),
        ("Publié le 2 juin 2023", dt.date(2023, 6, 2)),
        ("June 1st, 2023", dt.date(2023, 6, 1)),
        ("Sept. 5, 2023", dt.date(2023, 9, 5)),
        ("05/31/2023", dt.date(2023, 5, 31)),  # only month-first is valid
        ("On May 2 there is no year", None),
        ("31/02/2023", None),  # no such day
        ("version 1.2.3", None),
        ("", None),
    ],
)
def test_parse_date_formats(text, expected):
    assert parse_page_date(text) == expected


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def default_dates(monkeypatch):
    monkeypatch.delenv("PRESSLENS_DATE_MIN", raising=False)
    monkeypatch.delenv("PRESSLENS_DATE_MAX", raising=False)


def test_a_page_date_after_tomorrow_is_not_a_publication_date(default_dates):
    today = dt.date.today()
    tomorrow, later = today + dt.timedelta(days=1), today + dt.timedelta(days=3)
    assert parse_page_date(f"Published {_long(tomorrow)}") == tomorrow  # a time zone ahead of ours
    assert parse_page_date(f"Published {_long(later)}") is None
    assert parse_page_date(f"Updated {later:%d/%m/%Y}") is None
    assert parse_page_date("Event on 12 May 2099, posted 3 May 2023") == dt.date(2023, 5, 3)


def test_a_future_html_date_gives_way_to_the_pages_dateline(default_dates):
    later = dt.date.today() + dt.timedelta(days=40)
    text = (
        "Ministers meet again\n\n31 May 2023 09:17\n\n"
        "Ministers met again on Monday for talks hosted by the State Department in Washington, "
        "officials said, and agreed to continue the work of the border commission next month."
    )
    meta = _meta(text, html_meta={"date": later.isoformat(), "title": "Ministers meet again"})
    assert meta["published"] == dt.date(2023, 5, 31)
    assert meta["date_source"] == "dateline"


def test_page_dates_follow_the_one_range_from_the_environment(monkeypatch):
    monkeypatch.delenv("PRESSLENS_DATE_MIN", raising=False)
    monkeypatch.setenv("PRESSLENS_DATE_MAX", "2023-06-15")
    assert parse_page_date("Update on 14/06/2023") == dt.date(2023, 6, 14)
    assert parse_page_date("Update on 30/06/2023") is None
    # Before 1990 a web page is quoting history, unless the analyst widened the range.
    assert parse_page_date("4 May 1985") is None
    monkeypatch.setenv("PRESSLENS_DATE_MIN", "1950-01-01")
    assert parse_page_date("4 May 1985") == dt.date(1985, 5, 4)
    assert parse_page_date("4 May 1949") is None


# --------------------------------------------------------------------------------------------
# Language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The ministers said that the talks would continue in the coming weeks.", "en"),
        ("Les ministres ont déclaré que les discussions se poursuivront dans les semaines.", "fr"),
        ("Die Minister sagten, dass die Gespräche in den kommenden Wochen weitergehen.", "de"),
        ("Los ministros dijeron que las conversaciones continuarán en las próximas semanas.", "es"),
        ("Министры заявили, что переговоры продолжатся в ближайшие недели.", "ru"),
        ("Նախարարները հայտարարել են, որ բանակցությունները կշարունակվեն։", "hy"),
        ("Nazirlər bildiriblər ki, danışıqlar yaxın həftələrdə davam edəcək.", "az"),
        ("Talks", "und"),
        ("", "und"),
        ("2023 12 5", "und"),
    ],
)
def test_detect_language(text, code):
    assert detect_language(text) == code


# --------------------------------------------------------------------------------------------
# Outlet from the page's self-references


@pytest.mark.parametrize(
    ("rows", "outlet"),
    [
        (_rows(("© 2024 Caspian Daily. All rights reserved.", "copyright")), "Caspian Daily"),
        (_rows(("Caspian Daily © 2024", "copyright")), "Caspian Daily"),
        (_rows(("Caspian Daily © 2024. All rights reserved.", "copyright")), "Caspian Daily"),
        (_rows(("All rights reserved © Diario del Cáucaso", "copyright")), "Diario del Cáucaso"),
        (_rows(("Материалы © 2023 «Южный курьер»", "copyright")), "Южный курьер"),
        (
            _rows(("Reproduction only with a hyperlink to Baku Herald", "copyright")),
            "Baku Herald",
        ),
        (
            _rows(("Become a member: take out a subscription to Yerevan Times.", "paywall")),
            "Yerevan Times",
        ),
        (
            _rows(
                (
                    '"Tbilisi Post" seeks freelance correspondents. We offer fair pay. '
                    "Send CV to jobs@tbilisipost.ge",
                    "advert",
                )
            ),
            "Tbilisi Post",
        ),
        (_rows(("More from Wire Europe", "related")), "Wire Europe"),
        (_rows(("Janehttps://www.caucasusreview.org/", "author_bio")), "caucasusreview"),
        # The one address a page gives is its own (issue 16).
        (_rows(("Contact: desk@example-news.com", "navigation")), "example-news"),
        # Weak or no evidence: no invention.
        (_rows(("Contact: somebody@gmail.com", "navigation")), None),
        (_rows(("Subscribe now for unlimited access", "paywall")), None),
        (_rows(("Follow us on https://twitter.com/somebody", "share")), None),
        (_rows(("Home", "navigation")), None),
    ],
)
def test_outlet_from_self_references(rows, outlet):
    assert infer_outlet(rows) == outlet


def test_outlet_prefers_the_form_the_page_uses_most():
    rows = _rows(
        ("Any use of materials is allowed only with a hyperlink to Caliber.az", "copyright"),
        ("Caliber.az © 2025", "copyright"),
        ("Caliber.Az", "navigation"),
    )
    assert infer_outlet(rows) == "Caliber.az"


def test_outlet_is_not_read_from_kept_body_text():
    rows = _rows(kept=("The report was first published by © 2023 Caspian Daily, it said.",))
    assert infer_outlet(rows) is None


def test_html_sitename_is_strong_evidence():
    assert infer_outlet(_rows(), {"sitename": "Armenpress"}) == "Armenpress"


def test_old_import_paths_warn_and_still_work():
    import presslens.metadata as old
    from presslens.clean import metadata

    with pytest.warns(DeprecationWarning, match=r"presslens\.clean\.metadata\.infer_metadata"):
        assert old.infer_metadata is infer_metadata
    with pytest.warns(DeprecationWarning, match="parse_page_date"):
        assert metadata.parse_date("4 May 2023") == dt.date(2023, 5, 4)
