"""Publication dates: the one range a date must fall in, and the one parser of a date cell.

Every date the suite accepts, from `metadata.csv`, from a page or from `presslens add
--published`, goes through `in_range`: a date outside it is reported and left empty, never
wrapped into another date (pandas' nanosecond timestamps overflow before 1677 and after 2262;
we never let a date get that far). The range is 1900-01-01 to tomorrow by default (a page saved
today in a time zone ahead of ours may carry tomorrow's date); `PRESSLENS_DATE_MIN` and
`PRESSLENS_DATE_MAX` (ISO dates) change it, for archives older than 1900 or fixed test clocks.

Dates *found in a page* (HTML metadata, a dateline, a headline) pass `in_page_range`: the same
range, and not before 1990-01-01 (`PAGE_MIN`) unless `PRESSLENS_DATE_MIN` is set. A web page
that states a date before 1990 is quoting history ("the 1988 war"), not giving its own date;
an analyst who sets an older minimum for a digitised archive gets that minimum for pages too.
"""

from __future__ import annotations

import datetime as dt
import os
import re

DEFAULT_MIN = dt.date(1900, 1, 1)
#: Earliest date a page's own text is believed to state as its publication date (see above).
PAGE_MIN = dt.date(1990, 1, 1)

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$")


class DateError(ValueError):
    """A date cell that is not a date, or a date outside the accepted range; says which."""


def _env_date(name: str) -> dt.date | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise DateError(f"{name}={value!r} is not an ISO date (YYYY-MM-DD)") from exc


def date_range() -> tuple[dt.date, dt.date]:
    """`(first, last)` accepted publication date: 1900-01-01 to tomorrow unless the env says."""
    first = _env_date("PRESSLENS_DATE_MIN") or DEFAULT_MIN
    last = _env_date("PRESSLENS_DATE_MAX") or dt.date.today() + dt.timedelta(days=1)
    return first, last


def in_range(value: dt.date) -> bool:
    """True when `value` lies in `date_range()` (both ends included)."""
    first, last = date_range()
    return first <= value <= last


def in_page_range(value: dt.date) -> bool:
    """True when a date found in a page may be its publication date: `in_range`, and from
    `PAGE_MIN` on unless `PRESSLENS_DATE_MIN` sets the minimum explicitly."""
    if not in_range(value):
        return False
    return _env_date("PRESSLENS_DATE_MIN") is not None or value >= PAGE_MIN


def range_text() -> str:
    """The accepted range as words for messages: `"1900-01-01 to 2026-12-03"`."""
    first, last = date_range()
    return f"{first.isoformat()} to {last.isoformat()}"


def parse_date_cell(value: str) -> dt.date | None:
    """An analyst's date (a sheet cell, `add --published`) to a date; None for a blank cell.

    ISO (`2023-06-29`, or an ISO timestamp) first, read without pandas so that no year wraps;
    other spellings are read day-first (`29/06/2023`, `29 June 2023`). Raises `DateError` saying
    what is wrong for text that is not a date or a date outside `date_range()`.
    """
    value = str(value).strip()
    if not value:
        return None
    iso = _ISO.match(value)
    if iso:
        try:
            parsed = dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError as exc:
            raise DateError(f"{value!r} is not a calendar date ({exc})") from exc
    else:
        parsed = _parse_free(value)
    if not in_range(parsed):
        raise DateError(f"{value!r} is outside the accepted range ({range_text()})")
    return parsed


def _parse_free(value: str) -> dt.date:
    import warnings

    import pandas as pd

    try:
        with warnings.catch_warnings():
            # "12/31/2023" is read month-first with a UserWarning per cell: noise in a big sheet.
            warnings.simplefilter("ignore", UserWarning)
            stamp = pd.to_datetime(value, dayfirst=True, errors="raise")
    except (ValueError, OverflowError, TypeError) as exc:
        raise DateError(f"{value!r} is not a date (use YYYY-MM-DD)") from exc
    if pd.isna(stamp):
        raise DateError(f"{value!r} is not a date (use YYYY-MM-DD)")
    return stamp.date()
