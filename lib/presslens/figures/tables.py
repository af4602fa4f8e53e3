"""The one way a notebook displays a table: escaped, cut when long, the cut said.

`show_table()` cuts a long table to `MAX_ROWS_SHOWN` rows (`table_preview`: ordered, sampled or
first rows) with a note saying so and naming the CSV that holds it all, and renders it with every
cell, header and index label HTML-escaped, so a scraped outlet name such as
`<img src=x onerror=...>` is shown as text and never runs in JupyterLab (pandas' Styler does not
escape).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pandas as pd

from presslens import config

#: Most rows a notebook displays (or prints as lines) of one table; the full table is a CSV.
MAX_ROWS_SHOWN = 30


def preview_rows(
    table: pd.DataFrame,
    n: int = MAX_ROWS_SHOWN,
    *,
    order_by: str | list[str] | None = None,
    ascending: bool | list[bool] = True,
    sample: bool = False,
    seed: int = config.SEED,
) -> pd.DataFrame:
    """At most `n` rows of `table` to display: the whole table, unchanged, when it is that short.

    A longer table is cut to its first `n` rows: in `order_by` order when given, else a seeded
    random sample (kept in table order) when `sample`, else in table order.
    """
    if n < 1:
        raise ValueError(f"preview_rows: n must be at least 1, got {n}")
    if len(table) <= n:
        return table
    if order_by is not None:
        return table.sort_values(order_by, ascending=ascending, kind="stable").head(n)
    if sample:
        return table.sample(n=n, random_state=seed).sort_index(kind="stable")
    return table.head(n)


def _shown_path(path: str | Path) -> str:
    path = Path(path)
    try:
        return path.resolve().relative_to(config.PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def preview_note(
    total: int,
    shown: int,
    *,
    what: str = "rows",
    order_by: str | list[str] | None = None,
    ascending: bool | list[bool] = True,
    sample: bool = False,
    saved: str | Path | None = None,
) -> str:
    """The sentence saying a table was cut: `"Showing 30 of 10,000 rows …; the full table is in …"`.

    Empty when every row is shown. `saved` is the CSV holding the full table (the path
    `save_table()` returns); it is named relative to the project when it lies inside it.
    """
    if shown >= total:
        return ""
    if order_by is not None:
        keys = [order_by] if isinstance(order_by, str) else list(order_by)
        first = ascending if isinstance(ascending, bool) else ascending[0]
        how = f", sorted by {keys[0].replace('_', ' ')}" + ("" if first else " (descending)")
        text = f"Showing {shown:,} of {total:,} {what}{how}"
    elif sample:
        text = f"Showing a random sample of {shown:,} of {total:,} {what}"
    else:
        text = f"Showing the first {shown:,} of {total:,} {what}"
    if saved is not None:
        text += f"; the full table is in {_shown_path(saved)}"
    return text + "."


def table_preview(
    table: pd.DataFrame,
    n: int = MAX_ROWS_SHOWN,
    *,
    what: str = "rows",
    order_by: str | list[str] | None = None,
    ascending: bool | list[bool] = True,
    sample: bool = False,
    seed: int = config.SEED,
    saved: str | Path | None = None,
) -> tuple[pd.DataFrame, str]:
    """`(rows, note)`: `preview_rows(table, …)` and the `preview_note` saying what was left out.

    The one definition of the preview keywords: `rows_to_show` and `show_table` pass theirs here.
    """
    rows = preview_rows(table, n, order_by=order_by, ascending=ascending, sample=sample, seed=seed)
    note = preview_note(
        len(table),
        len(rows),
        what=what,
        order_by=order_by,
        ascending=ascending,
        sample=sample,
        saved=saved,
    )
    return rows, note


def rows_to_show(table: pd.DataFrame, n: int = MAX_ROWS_SHOWN, **preview) -> pd.DataFrame:
    """The rows of `table` to display, printing the "Showing N of M" note if it cut any.

    `preview` are `table_preview`'s keywords (`what, order_by, ascending, sample, seed, saved`).
    For code that needs the cut DataFrame itself; notebooks display tables with `show_table()`,
    which cuts the same way and escapes every cell.
    """
    rows, note = table_preview(table, n, **preview)
    if note:
        print(note)
    return rows


#: Format of the columns `show_table(..., percent=...)` names: a share of 0.25 shows as 25%.
PERCENT = "{:.0%}"


def _cell_formatter(spec: str | Callable) -> Callable:
    """A pandas `to_html` formatter from a format string (`"{:.1f}"`) or a function; '' for NA."""
    fmt = spec.format if isinstance(spec, str) else spec

    def formatter(value) -> str:
        try:
            if pd.isna(value):
                return ""
        except (TypeError, ValueError):  # arrays and other non-scalars
            pass
        return str(fmt(value))

    return formatter


def _cut_text(value, width: int):
    if isinstance(value, str) and len(value) > width:
        return value[: max(width - 1, 1)] + "…"
    return value


class Table:
    """A table as a notebook shows it, safe for text from scraped pages.

    Jupyter renders it through `_repr_html_`: the note saying the table was cut (if it was), then
    the table, with every cell, column name and index label HTML-escaped, so a cell holding
    `<script>` or `<img onerror=...>` is shown as those characters and nothing runs. Consoles get
    `__repr__` (plain text). Built by `show_table()`; `rows` is the DataFrame shown, `note` the
    "Showing N of M" sentence ('' when every row is shown).
    """

    def __init__(
        self,
        rows: pd.DataFrame,
        note: str = "",
        *,
        formats: Mapping[str, str | Callable] | None = None,
        index: bool | None = None,
        max_colwidth: int | None = None,
    ):
        self.rows, self.note = rows, note
        self.formats = dict(formats or {})
        if index is None:  # an index that names things (outlets, words) is shown; row numbers not
            index = any(n is not None for n in rows.index.names) or not (
                pd.api.types.is_integer_dtype(rows.index.dtype)
            )
        self.index = bool(index)
        self.max_colwidth = max_colwidth

    def _frame(self) -> pd.DataFrame:
        """The rows with long texts cut to `max_colwidth` characters (formatted columns kept)."""
        shown = self.rows
        width = self.max_colwidth
        if not width:
            return shown
        shown = shown.copy()
        for number, column in enumerate(shown.columns):
            series = shown.iloc[:, number]
            if column in self.formats or not (
                pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)
            ):
                continue
            shown.isetitem(number, series.map(lambda v: _cut_text(v, width)))
        return shown

    def _formatters(self, frame: pd.DataFrame) -> dict:
        return {c: _cell_formatter(f) for c, f in self.formats.items() if c in frame.columns}

    def to_html(self) -> str:
        """The escaped HTML: `<p class="presslens-note">` (when cut) and `<table>`."""
        frame = self._frame()
        table = frame.to_html(
            escape=True,
            index=self.index,
            formatters=self._formatters(frame),
            na_rep="",
            border=0,
            classes=["presslens-table"],
            render_links=False,
        )
        note = f'<p class="presslens-note">{html.escape(self.note)}</p>\n' if self.note else ""
        return note + table

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        frame = self._frame()
        text = frame.to_string(index=self.index, formatters=self._formatters(frame), na_rep="")
        return f"{self.note}\n{text}" if self.note else text


def show_table(
    table: pd.DataFrame | pd.Series,
    n: int = MAX_ROWS_SHOWN,
    *,
    percent: str | Iterable[str] = (),
    formats: Mapping[str, str | Callable] | None = None,
    index: bool | None = None,
    max_colwidth: int | None = None,
    **preview,
) -> Table:
    """The one way a notebook displays a table: escaped, cut when long, the cut said.

    `figures.show_table(table, saved=path)` as a cell's last line (or in `display(...)`) shows a
    short table whole and a long one cut to `n` rows under the note saying so. `preview` are
    `table_preview`'s keywords: `what` (the rows' name in the note), `order_by`/`ascending`, else
    a seeded `sample` (`seed`), else the first rows; `saved`, the CSV holding it all, named in the
    note. Every cell, column name and index label is HTML-escaped: tables carry text from
    scraped pages (outlets, titles, quotes, file names), and an unescaped `<img onerror=...>` would
    run as JavaScript in JupyterLab. Use it instead of `DataFrame.style`, which does not escape.

    `percent` names share columns shown as `25%`; `formats` maps other columns to a format string
    (`"{:.2f}"`) or a function. `index` shows the index (default: when it is named or not plain
    row numbers). Texts longer than `max_colwidth` characters (default: pandas'
    `display.max_colwidth` when called) are cut with `…`.
    """
    if isinstance(table, pd.Series):
        table = table.to_frame(name=table.name if table.name is not None else "value")
    rows, note = table_preview(table, n, **preview)
    columns = [percent] if isinstance(percent, str) else list(percent)
    all_formats: dict[str, str | Callable] = dict.fromkeys(columns, PERCENT)
    all_formats.update(formats or {})
    if max_colwidth is None:
        max_colwidth = pd.get_option("display.max_colwidth")
    return Table(rows, note, formats=all_formats, index=index, max_colwidth=max_colwidth)
