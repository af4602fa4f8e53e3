"""The one accepted date range and the one date-cell parser: no date wraps into another, nothing
before 1900 or after tomorrow unless the environment widens the range."""

from __future__ import annotations

import datetime as dt
import re
import warnings

import pytest

from presslens import dates
from presslens.dates import DateError, parse_date_cell

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _default_range(monkeypatch):
    monkeypatch.delenv("PRESSLENS_DATE_MIN", raising=False)
    monkeypatch.delenv("PRESSLENS_DATE_MAX", raising=False)


def test_the_default_range_is_1900_to_tomorrow():
    tomorrow = TODAY + dt.timedelta(days=1)
    assert dates.date_range() == (dt.date(1900, 1, 1), tomorrow)
    assert dates.range_text() == f"1900-01-01 to {tomorrow.isoformat()}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-06-29", dt.date(2023, 6, 29)),
        ("2023-06-29T23:30:00+04:00", dt.date(2023, 6, 29)),
        ("29/06/2023", dt.date(2023, 6, 29)),
        ("29.06.2023", dt.date(2023, 6, 29)),
        ("29 June 2023", dt.date(2023, 6, 29)),
        ("30/06/2023", dt.date(2023, 6, 30)),
        ("4 May 2023", dt.date(2023, 5, 4)),
        ("1900-01-01", dt.date(1900, 1, 1)),
        ((TODAY + dt.timedelta(days=1)).isoformat(), TODAY + dt.timedelta(days=1)),
        ("", None),
        ("   ", None),
    ],
)
def test_dates_in_the_range_are_read(value, expected):
    assert parse_date_cell(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31",  # pandas' nanosecond timestamps once turned this into 1816-03-29
        "0223-06-29",  # ... and this into 1977-02-24
        "1899-12-31",
        "1899-01-01",
        "31/12/9999",
        (TODAY + dt.timedelta(days=2)).isoformat(),
    ],
)
def test_dates_outside_the_range_are_refused_saying_so(value):
    with pytest.raises(DateError) as info:
        parse_date_cell(value)
    assert str(info.value) == f"{value!r} is outside the accepted range ({dates.range_text()})"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2023-02-30", "is not a calendar date"),
        ("the fourth of Maytember", "is not a date (use YYYY-MM-DD)"),
        ("31 June 2023", "is not a date"),
        ("soon", "is not a date (use YYYY-MM-DD)"),
    ],
)
def test_text_that_is_not_a_date_is_refused_saying_so(value, reason):
    with pytest.raises(DateError, match=re.escape(reason)):
        parse_date_cell(value)


def test_a_month_first_date_is_read_without_a_warning_per_cell():
    # A sheet of thousands of such cells must not print thousands of pandas warnings.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert parse_date_cell("12/31/2023") == dt.date(2023, 12, 31)
    assert [str(w.message) for w in caught] == []


def test_the_environment_widens_or_narrows_the_range(monkeypatch):
    monkeypatch.setenv("PRESSLENS_DATE_MIN", "1850-01-01")
    monkeypatch.setenv("PRESSLENS_DATE_MAX", "2023-12-31")
    assert parse_date_cell("1899-01-01") == dt.date(1899, 1, 1)
    with pytest.raises(DateError, match=r"outside the accepted range \(1850-01-01 to 2023-12-31\)"):
        parse_date_cell("2024-01-01")
    monkeypatch.setenv("PRESSLENS_DATE_MAX", "next week")
    with pytest.raises(DateError, match="PRESSLENS_DATE_MAX='next week' is not an ISO date"):
        dates.date_range()


def test_page_dates_start_in_1990_unless_the_minimum_is_set(monkeypatch):
    assert not dates.in_page_range(dt.date(1989, 12, 31))
    assert dates.in_page_range(dt.date(1990, 1, 1))
    assert not dates.in_page_range(TODAY + dt.timedelta(days=2))
    assert dates.in_range(dt.date(1989, 12, 31))  # a sheet may say so; a page alone may not
    monkeypatch.setenv("PRESSLENS_DATE_MIN", "1920-01-01")
    assert dates.in_page_range(dt.date(1925, 3, 1))
    assert not dates.in_page_range(dt.date(1919, 12, 31))
