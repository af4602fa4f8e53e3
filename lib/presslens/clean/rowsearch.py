"""Finding rows of a page cheaply: one search over the page joined, not one per row."""

from __future__ import annotations

import bisect
import itertools
import re

__all__ = ["row_starts", "rows_containing", "rows_matching"]


def row_starts(rows: list[str]) -> list[int]:
    """Where each row begins in the rows joined by one separator character."""
    return [0, *itertools.accumulate(len(row) + 1 for row in rows)][:-1]


def rows_matching(rx: re.Pattern, rows: list[str]) -> list[int]:
    """The indices of the rows `rx` finds something in, from one search over the whole page
    (far cheaper than one search per row on pages of hundreds of short rows)."""
    starts, pos = [], 0
    for row in rows:
        starts.append(pos)
        pos += len(row) + 1
    found, at = [], 0
    page = "\x00".join(rows)
    while True:
        m = rx.search(page, at)
        if m is None:
            return found
        i = bisect.bisect_right(starts, m.start()) - 1
        found.append(i)
        at = starts[i + 1] if i + 1 < len(starts) else len(page)


def rows_containing(needles: tuple[str, ...], rows: list[str]) -> list[int]:
    """The indices of the rows holding any of `needles` (lower case), in order."""
    starts = row_starts(rows)
    page = "\x00".join(rows).lower()
    found: set[int] = set()
    for needle in needles:
        at = page.find(needle)
        while at >= 0:
            i = bisect.bisect_right(starts, at) - 1
            found.add(i)
            nxt = starts[i + 1] if i + 1 < len(starts) else len(page)
            at = page.find(needle, nxt)
    return sorted(found)
