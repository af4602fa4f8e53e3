"""Titles that never lie: the finding a table supports, worded as what it is.

A chart title states a finding ("X names the most actors"), so it must be one the data support.
These helpers return a sentence only when it holds: no claim from zeros or missing values (they
return None, and the caller says there is nothing to compare), no "nan" and no empty name in a
sentence (`label`), ties named as ties (`leaders`), a leader among sampled shares named only when
its interval clears the others (`clear_leader`), counts and shares worded as what they are
(`count_text`, `share_text`), and a difference that rests on a single hit worded as such
(`times`). `check_title` is the last guard: `save` refuses nothing, but the tests read every saved
title and fail on one that `check_title` rejects.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import pandas as pd

from presslens.files import plural

#: Shown in a sentence for a name that is missing or blank.
NO_NAME = "(no name)"

_NAN_WORD = re.compile(r"(?<![\w])(nan|NaN|NaT|None|<NA>|inf)(?![\w])")


def label(value, empty: str = NO_NAME) -> str:
    """`value` as a name in a sentence: `empty` for None, NaN or blank text, else its text."""
    if value is None:
        return empty
    try:
        if pd.isna(value):
            return empty
    except (TypeError, ValueError):
        pass
    text = " ".join(str(value).split())
    return text or empty


def names(values: Iterable, limit: int = 3, *, empty: str = NO_NAME) -> str:
    """`"A"`, `"A and B"`, `"A, B and C"`, `"A, B, C and 4 others"` (each through `label`)."""
    items = [label(v, empty) for v in values]
    items = list(dict.fromkeys(items))
    if not items:
        return ""
    if len(items) > limit:
        rest = len(items) - limit
        return ", ".join(items[:limit]) + f" and {plural(rest, 'other')}"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def times(count) -> str:
    """How often, as words: `"once"` (a single hit, said so), `"twice"`, `"5 times"`."""
    count = int(count)
    return {1: "once", 2: "twice"}.get(count, f"{count:,} times")


def finite(value) -> bool:
    """True for a real number that is not NaN or infinite."""
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def count_text(count, noun: str, nouns: str | None = None) -> str:
    """A count worded as a count: `"3 paragraphs"`; `"no paragraphs"` for 0."""
    if not finite(count) or int(count) == 0:
        return f"no {nouns or noun + 's'}"
    return plural(count, noun, nouns)


def share_text(count, n, unit: str = "", units: str | None = None) -> str:
    """A share worded as a share, with the count behind it: `"20% (3 of 15 paragraphs)"`;
    `""` when `n` is 0 or missing (no share to state)."""
    if not finite(n) or int(n) <= 0 or not finite(count):
        return ""
    of = f"{int(count):,} of {int(n):,}" + (f" {units or unit + 's'}" if unit else "")
    if int(n) == 1 and unit:
        of = f"{int(count):,} of 1 {unit}"
    return f"{int(count) / int(n):.0%} ({of})"


def number_range(values: Iterable, fmt: str = "{:,.0f}") -> str:
    """`"3–10"`, `"3"` when all equal, `""` when no value is finite."""
    nums = [float(v) for v in values if finite(v)]
    if not nums:
        return ""
    low, high = fmt.format(min(nums)), fmt.format(max(nums))
    return low if low == high else f"{low}–{high}"


def _positive(numbers: pd.Series) -> pd.Series:
    """Which values can lead: finite and above zero (a zero or a missing value leads nothing)."""
    return numbers.notna() & (numbers > 0) & numbers.map(finite)


def leaders(table: pd.DataFrame, value: str, by: str) -> list[str]:
    """The `by` names holding the largest finite, positive `value` (all of them on a tie);
    `[]` when no row has one (empty table, all zero, all missing): nothing leads."""
    if table is None or len(table) == 0 or value not in table or by not in table:
        return []
    numbers = pd.to_numeric(table[value], errors="coerce")
    ok = _positive(numbers)
    if not ok.any():
        return []
    best = numbers[ok].max()
    return [label(v) for v in table.loc[ok & (numbers == best), by]]


def leader_title(
    table: pd.DataFrame,
    value: str,
    by: str,
    *,
    template: str,
    tie: str | None = None,
    none: str,
    **extra,
) -> str:
    """A title naming the one leader of `value` among the `by` rows, only when there is one.

    `template` is formatted with `name` (the leader) and the leader's row (`{count}` etc.);
    with a tie, `tie` gets `names` ("A and B") and the tied value; with no leader (empty, all
    zero, all missing), the title is `none`. Extra keywords are passed to every template.
    """
    top = leaders(table, value, by)
    if not top:
        return none
    numbers = pd.to_numeric(table[value], errors="coerce")
    row = table.loc[numbers == numbers[numbers.map(finite)].max()].iloc[0]
    fields = {**{str(k): v for k, v in row.items()}, **extra}
    if len(top) > 1:
        if tie is None:
            return none
        return tie.format(names=names(top), n_tied=len(top), **fields)
    return template.format(name=top[0], **fields)


def clear_leader(
    table: pd.DataFrame,
    value: str = "share",
    *,
    low: str = "ci_low",
    exclude: str | None = "small",
) -> pd.Series | None:
    """The one row that leads `value` beyond its sampling noise, or None.

    A row leads clearly when the lower end of its interval (`low`) lies above every other row's
    `value`: with four paragraphs, 3 of 4 against 2 of 8 is no finding. Rows flagged in the
    `exclude` column (too little text behind them) never lead. Pass `findable(table)` to keep
    pooled groups out."""
    if table is None or len(table) < 2 or value not in table or low not in table:
        return None
    numbers = pd.to_numeric(table[value], errors="coerce")
    lows = pd.to_numeric(table[low], errors="coerce")
    ok = _positive(numbers) & lows.notna()
    if exclude is not None and exclude in table:
        ok &= ~table[exclude].fillna(False).astype(bool)
    if not ok.any():
        return None
    best = numbers[ok].idxmax()
    others = numbers.drop(index=best).dropna()
    if not len(others) or not lows[best] > others.max():
        return None
    return table.loc[best]


def read_note(
    table: pd.DataFrame, unit: str = "paragraph", units: str | None = None, *, unread="n_unread"
) -> str:
    """What a table with `languages` (per group, those read) and an unread count per group
    (`unread`: `n_unread`, or `n_unscored` for tone) covers, as words: `"read in en, ru; 12
    paragraphs in other languages unread"`; `"read in en"`; `"nothing read"`; '' for a table
    without those columns. The group is the first column."""
    if table is None or "languages" not in table or unread not in table or not len(table):
        return ""
    per = table.drop_duplicates(table.columns[0])
    read = sorted({x for cell in per["languages"].fillna("") for x in str(cell).split(",") if x})
    left = int(pd.to_numeric(per[unread], errors="coerce").fillna(0).sum())
    text = f"read in {', '.join(read)}" if read else "nothing read"
    if left:
        text += f"; {plural(left, unit, units)} in other languages unread"
    return text


def check_title(title: str) -> str:
    """`title` if it states nothing garbled; a ValueError naming the problem otherwise: a
    missing value printed as a word ("nan", "None", "NaT"), or an empty name ("'s", "  ")."""
    text = str(title)
    found = _NAN_WORD.search(text)
    if found:
        raise ValueError(f"title holds a missing value ({found.group(0)!r}): {text!r}")
    if re.search(r"(^|\s)'s\b", text) or re.search(r"\(\s*\)|“\s*”", text):
        raise ValueError(f"title names an empty name: {text!r}")
    return text


def findable(table: pd.DataFrame, column: str = "outlet") -> pd.DataFrame:
    """The rows of `table` a finding may name: not the pooled "other outlets (k)" group, which
    is many outlets, not one, nor the "outlet unknown" group, articles whose outlets no source
    names (both stay in the charts and tables, never as a title's subject)."""
    from presslens import config

    if table is None or column not in table:
        return table
    names = table[column].astype(str)
    return table[~names.str.startswith(config.OTHER_OUTLETS) & (names != config.UNKNOWN_OUTLET)]
