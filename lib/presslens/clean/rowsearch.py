"""Finding rows of a page cheaply: one search over the page joined, not one per row.

`keyword_automaton` is the one Aho–Corasick scanner of the cleaner (the notice triggers in
`features`, the outlet phrases here): one pass over a text finds every keyword in it.
`led_by_first_chars` makes a search skip the positions where no match can start.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

__all__ = [
    "first_chars",
    "first_chars_lead",
    "keyword_automaton",
    "led_by_first_chars",
    "row_starts",
    "rows_containing",
    "rows_matching",
]


def keyword_automaton(values: dict[str, object]):
    """An Aho–Corasick automaton of `values`' keywords (`iter(text)` yields `(end, value)` for
    every occurrence), or None without pyahocorasick (an optional speed-up: callers fall back to
    plain searches that find the same keywords)."""
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    if not values:
        return None
    automaton = ahocorasick.Automaton()
    for word, value in values.items():
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


def row_starts(rows: list[str]) -> list[int]:
    """Where each row begins in the rows joined by one separator character."""
    if not rows:
        return []
    return list(itertools.accumulate(map((1).__add__, map(len, rows[:-1])), initial=0))


def rows_matching(rx: re.Pattern, rows: list[str]) -> list[int]:
    """The indices of the rows `rx` finds something in, from one search over the whole page
    (far cheaper than one search per row on pages of hundreds of short rows)."""
    starts = row_starts(rows)
    found, at = [], 0
    page = "\x00".join(rows)
    while True:
        m = rx.search(page, at)
        if m is None:
            return found
        i = bisect.bisect_right(starts, m.start()) - 1
        found.append(i)
        at = starts[i + 1] if i + 1 < len(starts) else len(page)


@lru_cache(maxsize=32)
def _needle_automaton(needles: tuple[str, ...]):
    return keyword_automaton({needle: len(needle) for needle in needles})


def rows_containing(needles: tuple[str, ...], rows: list[str]) -> list[int]:
    """The indices of the rows holding any of `needles` (lower case), in order."""
    low = [row.lower() for row in rows]  # "İ".lower() is two characters: offsets of the lowered
    starts = row_starts(low)
    page = "\x00".join(low)
    found: set[int] = set()
    automaton = _needle_automaton(needles) if all(needles) else None
    if automaton is not None:  # one pass over the page for all needles
        for end, size in automaton.iter(page):
            found.add(bisect.bisect_right(starts, end - size + 1) - 1)
        return sorted(found)
    for needle in needles:
        at = page.find(needle)
        while at >= 0:
            i = bisect.bisect_right(starts, at) - 1
            found.add(i)
            nxt = starts[i + 1] if i + 1 < len(starts) else len(page)
            at = page.find(needle, nxt)
    return sorted(found)


def led_by_first_chars(rx: re.Pattern) -> re.Pattern:
    """`rx` led by a lookahead for the characters its matches can start with, when they can be
    told: a search then skips most positions of a paragraph in one test instead of trying every
    alternative there (the same matches: the class, matched ignoring case, holds every first
    character a match can have)."""
    lead = first_chars_lead(rx.pattern, rx.flags)
    if not lead:
        return rx
    try:
        return re.compile(f"{lead}(?:{rx.pattern})", rx.flags)
    except re.error:  # pragma: no cover - a pattern with global inline flags
        return rx


def first_chars_lead(pattern: str, flags: int = 0) -> str:
    """A lookahead for the characters a match of `pattern` can start with (`first_chars`,
    ignoring case: a superset), to put before it; "" when they cannot be told."""
    chars = first_chars(pattern, flags)
    return "(?=(?i:[" + "".join(map(re.escape, sorted(chars))) + "]))" if chars else ""


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """The characters a match of `pattern` can start with, or None when they cannot be told
    (a category like \\w, a negated class, a lookaround, a possibly empty match)."""
    try:
        from re import _constants as sc
        from re import _parser
    except ImportError:  # pragma: no cover - `re`'s private modules moved: no lookahead
        return None

    def seq(items) -> tuple[set[str] | None, bool]:  # (first characters, may match empty)
        out: set[str] = set()
        for op, av in items:
            chars, empty = item(op, av)
            if chars is None:
                return None, False
            out |= chars
            if not empty:
                return out, False
        return out, True

    def item(op, av) -> tuple[set[str] | None, bool]:
        if op is sc.LITERAL:
            return {chr(av)}, False
        if op is sc.AT:  # ^, $, \b: zero-width
            return set(), True
        if op is sc.IN:
            chars = set()
            for kind, value in av:
                if kind is sc.LITERAL:
                    chars.add(chr(value))
                elif kind is sc.RANGE and value[1] - value[0] < 256:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    return None, False
            return chars, False
        if op is sc.SUBPATTERN:
            return seq(av[3])
        if op is sc.BRANCH:
            out, empty = set(), False
            for alt in av[1]:
                chars, alt_empty = seq(alt)
                if chars is None:
                    return None, False
                out, empty = out | chars, empty or alt_empty
            return out, empty
        if op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
            chars, empty = seq(av[2])
            return chars, empty or av[0] == 0
        return None, False

    try:
        chars, empty = seq(_parser.parse(pattern, flags))
    except Exception:  # pragma: no cover - `re`'s private parser changed: no lookahead
        return None
    return None if chars is None or empty else chars
