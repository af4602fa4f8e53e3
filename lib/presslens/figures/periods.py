"""`period_counts`: rows counted per outlet and calendar period, for charts of many dated articles.

An aggregation, which figures must not compute: it belongs to `presslens.coverage` and stays
here only until it moves there (`presslens.figures.period_counts` keeps working).
"""

from __future__ import annotations

import pandas as pd

from presslens.figures.theme import outlet_order

#: Most marks a chart draws; above it, counts are binned more coarsely (day → week → month).
MAX_POINTS = 500


_PERIODS = (("day", "D"), ("week", "W-SUN"), ("month", "M"))


def period_counts(
    table: pd.DataFrame,
    *,
    date: str = "published",
    by: str = "outlet",
    max_points: int = MAX_POINTS,
) -> pd.DataFrame:
    """Rows of `table` counted per `by` and calendar period: `<by>, period, start, end, articles`.

    The period is the finest of day, week (Monday to Sunday) and month that gives at most
    `max_points` non-empty cells (month when none does); `start`/`end` are its first and last day.
    Rows without a date are left out. Sorted by `by` (outlet order for outlets), then `start`.
    """
    dates = pd.to_datetime(table[date], errors="coerce")
    keep = dates.notna()
    frame = pd.DataFrame({by: table.loc[keep, by].to_numpy(), "day": dates[keep].dt.normalize()})
    columns = [by, "period", "start", "end", "articles"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    for period, freq in _PERIODS:
        spans = frame["day"].dt.to_period(freq)
        counts = frame.groupby([frame[by], spans.rename("span")]).size()
        if len(counts) <= max_points or period == "month":
            break
    counts = counts.rename("articles").reset_index()
    counts["period"] = period
    counts["start"] = counts["span"].map(lambda p: p.start_time.normalize())
    counts["end"] = counts["span"].map(lambda p: p.end_time.normalize())
    order = outlet_order(counts[by]) if by == "outlet" else sorted(counts[by].unique())
    counts["_rank"] = counts[by].map({v: i for i, v in enumerate(order)})
    counts = counts.sort_values(["_rank", "start"], kind="stable")
    return counts[columns].reset_index(drop=True)
