"""Report-ready charts: one theme, one colour per outlet, deterministic files.

Every chart in the suite goes through `save()`, which writes
`reports/figures/<notebook>/<name>.png` (200 dpi, for pasting), `.svg` (vector, byte-identical on
a re-run with the same data) and `.csv` (the tidy table behind the chart, so every number in a
figure can be cited and checked). Tables a reader would cite go through `save_table()`.

Files are written atomically (temp file + `os.replace`) and only when their bytes change, so a
second run on unchanged data rewrites nothing. Text cells that a spreadsheet would read as a
formula (`=`, `+`, `-`, `@`, tab, CR first) get a leading `'` (`files.csv_safe_frame`): outlet
names and titles come from scraped pages.

Every table a notebook shows goes through `show_table()`: cut to `MAX_ROWS_SHOWN` rows with a note
saying so, and rendered with every cell, header and index label HTML-escaped, so a scraped outlet
name such as `<img src=x onerror=...>` is shown as text and never runs in JupyterLab (pandas'
Styler does not escape).

This module draws and saves; it never computes a statistic. The plot helpers take the tidy tables
the analysis modules return (`outlet, <thing>, count, share, ci_low, ci_high, n`) and only
arrange, pivot and colour them.
"""

from __future__ import annotations

import html
import io
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.lines import Line2D

from presslens import config
from presslens.files import csv_safe_frame, write_atomic

#: Resolution of the PNG files (pixels per inch).
PNG_DPI = 200

#: Fixed salt for the ids matplotlib writes into SVGs (clip paths, glyphs), so they never change.
SVG_HASHSALT = "presslens"

#: Default size of a chart, in inches: fits a report column at 100 % without rescaling text.
FIGSIZE = (8.0, 4.5)

CAPTION_GID = "presslens-caption"
CAPTION_COLOR = "#555555"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

_default_caption: str | None = None


# --------------------------------------------------------------------------------------- theme
def theme_rc() -> dict:
    """The matplotlib settings of the suite's theme (also used when saving)."""
    return {
        "figure.figsize": FIGSIZE,
        "figure.dpi": 100,
        "savefig.dpi": PNG_DPI,
        "svg.hashsalt": SVG_HASHSALT,
        "svg.fonttype": "path",
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans"],
        "font.size": 11,
        "axes.titlesize": 13,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.titlepad": 10,
        "axes.labelsize": 11,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "legend.fontsize": 10,
        "legend.title_fontsize": 10,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "image.cmap": "viridis",
    }


def apply_theme() -> None:
    """Set one seaborn theme for every chart, sized to stay readable when pasted into a report."""
    sns.set_theme(context="notebook", style="whitegrid", rc=theme_rc())
    matplotlib.rcParams.update(theme_rc())


def set_default_caption(caption: str | None) -> None:
    """Caption that `save()` puts on every figure when called without `caption=`.

    Notebooks call `set_default_caption(corpus_caption(articles))` once after loading, so every
    chart they save carries the corpus size and date range.
    """
    global _default_caption
    _default_caption = caption


# ------------------------------------------------------------------------------------ captions
def _format_day(ts: pd.Timestamp, *, year: bool) -> str:
    text = f"{ts.day} {_MONTHS[ts.month - 1]}"
    return f"{text} {ts.year}" if year else text


def date_range_text(dates: Iterable) -> str:
    """`"30 Apr–30 Jun 2023"`, `"30 Dec 2022–4 Jan 2023"` or `"4 May 2023"` ('' if no dates)."""
    series = pd.to_datetime(pd.Series(list(dates), dtype="object"), errors="coerce").dropna()
    if series.empty:
        return ""
    lo, hi = series.min(), series.max()
    if lo.normalize() == hi.normalize():
        return _format_day(lo, year=True)
    return f"{_format_day(lo, year=lo.year != hi.year)}–{_format_day(hi, year=True)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def corpus_caption(articles: pd.DataFrame) -> str:
    """One line describing the corpus behind a chart, computed from `articles`.

    Example: `"5 articles from 5 outlets, 30 Apr–30 Jun 2023; 2 undated"`. Each distinct outlet
    label counts once (every unnamed outlet is its own label); undated articles are counted.
    """
    n = len(articles)
    outlets = articles["outlet"].dropna().nunique() if "outlet" in articles else 0
    text = f"{_plural(n, 'article')} from {_plural(outlets, 'outlet')}"
    if "published" not in articles or n == 0:
        return text
    published = pd.to_datetime(articles["published"], errors="coerce")
    span = date_range_text(published)
    undated = int(published.isna().sum())
    if span:
        text += f", {span}"
    if undated == n:
        text += "; all undated"
    elif undated:
        text += f"; {undated} undated"
    return text


def _remove_caption(fig) -> None:
    for artist in list(fig.texts):
        if artist.get_gid() == CAPTION_GID:
            artist.remove()


def add_caption(fig, caption: str) -> None:
    """Put `caption` as one small grey line under everything else drawn on `fig`.

    Replaces a caption added earlier, so saving a figure twice never stacks two lines.
    """
    _remove_caption(fig)
    if not caption:
        return
    fig.draw_without_rendering()  # run the layout engine so positions are final
    bbox = fig.get_tightbbox(fig.canvas.get_renderer())  # in inches
    width, height = fig.get_size_inches()
    x = max(bbox.x0, 0.0) / width
    y = bbox.y0 / height - 0.08 / height
    fig.text(
        x,
        y,
        caption,
        ha="left",
        va="top",
        fontsize=9,
        color=CAPTION_COLOR,
        gid=CAPTION_GID,
    )


def wrap_titles(fig) -> None:
    """Break axes titles that would run past the figure's edge onto more lines.

    Titles state findings, so they can be long (an outlet name, a number, a comparison); a title
    wider than the figure would otherwise be clipped or squeeze the chart to nothing.
    """
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            title = ax.get_title(loc=loc)
            if not title or "\n" in title:
                continue
            ax.set_title("", loc=loc)
            fig.draw_without_rendering()
            renderer = fig.canvas.get_renderer()
            box = ax.get_window_extent(renderer)
            fig_width = fig.bbox.width
            available = fig_width - box.x0 - 8 if loc == "left" else box.width
            ax.set_title(title, loc=loc)
            width = ax.title.get_window_extent(renderer).width if loc == "center" else None
            if width is None:
                artist = {"left": ax._left_title, "right": ax._right_title}[loc]
                width = artist.get_window_extent(renderer).width
            if width > available > 0:
                chars = max(20, int(len(title) * available / width * 0.95))
                ax.set_title(textwrap.fill(title, chars), loc=loc)


# ------------------------------------------------------------------------------------- writing
def _check_name(value: str, what: str) -> str:
    if not isinstance(value, str) or not _SAFE_NAME.match(value) or ".." in value:
        raise ValueError(
            f"{what} {value!r} is not a safe file name: use letters, digits, '.', '_' and '-' "
            "(no slashes, no leading dot)"
        )
    return value


def table_csv_bytes(df: pd.DataFrame | pd.Series) -> bytes:
    """The CSV bytes of a tidy table: UTF-8, `\\n` line ends, ISO dates, a named index kept.

    Text cells (and column names) that a spreadsheet would run as a formula get a leading `'`
    (`files.csv_safe_frame`); numeric, boolean and date columns are written unchanged.
    """
    if isinstance(df, pd.Series):
        df = df.to_frame(name=df.name if df.name is not None else "value")
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(df).__name__}")
    keep_index = not isinstance(df.index, pd.RangeIndex) or any(
        n is not None for n in df.index.names
    )
    if keep_index:
        df = df.reset_index()
    df = csv_safe_frame(df)
    return df.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d").encode("utf-8")


def save_table(df: pd.DataFrame, name: str, *, notebook: str) -> Path:
    """Write a table a reader would cite to `reports/tables/<notebook>/<name>.csv` (atomic)."""
    _check_name(name, "table name")
    _check_name(notebook, "notebook")
    path = config.tables_dir(notebook) / f"{name}.csv"
    write_atomic(path, table_csv_bytes(df))
    return path


def render(fig, fmt: str) -> bytes:
    """The bytes of `fig` as `fmt` ('png' or 'svg'), deterministic for the same drawing."""
    buffer = io.BytesIO()
    options = {"format": fmt, "bbox_inches": "tight", "pad_inches": 0.15}
    if fmt == "png":
        options.update(dpi=PNG_DPI, metadata={"Software": None})
    elif fmt == "svg":
        options["metadata"] = {"Date": None, "Creator": None}
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}):
        fig.savefig(buffer, **options)
    return buffer.getvalue()


def save(
    fig, name: str, *, notebook: str, data: pd.DataFrame, caption: str | None = None
) -> dict[str, Path]:
    """Save `fig` as PNG (200 dpi) + deterministic SVG + the CSV of `data`, the table it plots.

    Files go to `config.figures_dir(notebook)/<name>.{png,svg,csv}`. `caption` (default: the one
    set with `set_default_caption`, typically `corpus_caption(articles)`) is drawn as a line under
    the chart; pass `caption=""` for none. Returns `{"png": path, "svg": path, "csv": path}`.
    The figure stays open, so a notebook still shows it.
    """
    _check_name(name, "figure name")
    _check_name(notebook, "notebook")
    if data is None:
        raise ValueError("save() needs `data`: the tidy table the chart shows")
    caption = _default_caption if caption is None else caption
    wrap_titles(fig)
    if caption:
        add_caption(fig, caption)
    else:
        _remove_caption(fig)
    folder = config.figures_dir(notebook)
    paths = {ext: folder / f"{name}.{ext}" for ext in ("png", "svg", "csv")}
    write_atomic(paths["png"], render(fig, "png"))
    write_atomic(paths["svg"], render(fig, "svg"))
    write_atomic(paths["csv"], table_csv_bytes(data))
    return paths


# ------------------------------------------------------------------------------------ outlets
def outlet_order(outlets: Iterable) -> list[str]:
    """Distinct outlets in a stable order: named outlets A–Z (case-insensitive), unnamed last."""
    unique = {str(o) for o in outlets if o is not None and o == o}
    return sorted(unique, key=lambda o: (o.startswith(config.UNKNOWN_OUTLET), o.casefold(), o))


def outlet_legend(ax, outlets: Iterable | None = None, *, title: str = "Outlet", **kwargs):
    """A legend with one coloured marker per outlet (colours from `config.outlet_palette`).

    With `outlets=None`, uses the outlets of the artists' labels already on `ax`. Placed right of
    the axes by default, outside the data.
    """
    if outlets is None:
        _, labels = ax.get_legend_handles_labels()
        outlets = labels
    order = outlet_order(outlets)
    palette = config.outlet_palette(order)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=8, color=palette[o], label=o)
        for o in order
    ]
    kwargs.setdefault("loc", "upper left")
    kwargs.setdefault("bbox_to_anchor", (1.01, 1.0))
    return ax.legend(handles=handles, title=title, **kwargs)


def category_colors(n: int) -> list:
    """`n` distinguishable colours for non-outlet categories (reasons, frames, topics)."""
    if n <= 10:
        return sns.color_palette("colorblind", n)
    if n <= 20:
        return sns.color_palette("tab20", n)
    return sns.color_palette("husl", n)


def _new_ax(ax, height: float | None = None):
    if ax is not None:
        return ax.figure, ax
    size = (FIGSIZE[0], height) if height else FIGSIZE
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    return fig, ax


def _ordered(values: pd.Series, order: list | None, *, outlets: bool) -> list:
    if order is not None:
        return list(order)
    if outlets:
        return outlet_order(values)
    return list(pd.unique(values.dropna()))


# ---------------------------------------------------------------------------------- plot helpers
def dot_interval(
    table: pd.DataFrame,
    *,
    value: str = "share",
    category: str = "outlet",
    low: str | None = "ci_low",
    high: str | None = "ci_high",
    color_by: str = "outlet",
    order: list | None = None,
    ax=None,
    xlabel: str | None = None,
    percent: bool | None = None,
    legend: bool | None = None,
):
    """Dots with interval whiskers, one row per `category`, coloured by outlet.

    `table` is tidy: one row per `category` (× `color_by` when they differ, e.g. frame × outlet:
    outlets are then dodged within each frame row). `low`/`high` name the interval columns (set
    them to None to draw dots only). `percent` formats the x axis as %, by default when `value`
    is a share. Returns the axes.
    """
    needed = [c for c in (value, category, color_by, low, high) if c]
    missing = [c for c in needed if c not in table]
    if missing:
        raise KeyError(f"dot_interval: table has no column(s) {missing}")
    fig, ax = _new_ax(ax)
    rows = _ordered(table[category], order, outlets=category == "outlet")
    groups = (
        outlet_order(table[color_by])
        if color_by == "outlet"
        else _ordered(table[color_by], None, outlets=False)
    )
    palette = (
        config.outlet_palette(groups)
        if color_by == "outlet"
        else dict(zip(groups, category_colors(len(groups)), strict=False))
    )
    dodge = color_by != category and len(groups) > 1
    step = 0.7 / max(len(groups), 1) if dodge else 0.0
    for gi, group in enumerate(groups):
        part = table[table[color_by] == group]
        ypos = []
        for _, row in part.iterrows():
            if row[category] not in rows:
                continue
            offset = (gi - (len(groups) - 1) / 2) * step if dodge else 0.0
            ypos.append(rows.index(row[category]) + offset)
        part = part[part[category].isin(rows)]
        if part.empty:
            continue
        x = part[value].to_numpy(dtype=float)
        if low and high:
            lo = part[low].to_numpy(dtype=float)
            hi = part[high].to_numpy(dtype=float)
            err = np.vstack([np.clip(x - lo, 0, None), np.clip(hi - x, 0, None)])
            err = np.nan_to_num(err)
            ax.errorbar(
                x, ypos, xerr=err, fmt="none", ecolor=palette[group], elinewidth=2, capsize=0
            )
        ax.scatter(x, ypos, s=55, color=palette[group], zorder=3, label=str(group))
    ax.set_yticks(range(len(rows)), [str(r) for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    ax.set_ylabel("")
    ax.set_xlabel(xlabel if xlabel is not None else value.replace("_", " "))
    if percent is None:
        percent = "share" in value
    if percent:
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(xmax=1.0, decimals=0))
    if legend is None:
        legend = dodge
    if legend:
        if color_by == "outlet":
            outlet_legend(ax, groups)
        else:
            ax.legend(title=color_by, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax


def bar_by_outlet(
    table: pd.DataFrame,
    *,
    value: str,
    outlet: str = "outlet",
    order: list | None = None,
    ax=None,
    xlabel: str | None = None,
    annotate: bool = True,
    fmt: str = "{:,.0f}",
):
    """Horizontal bars, one per outlet, in the outlet's colour, each labelled with its value."""
    fig, ax = _new_ax(ax)
    rows = _ordered(table[outlet], order, outlets=True)
    values = table.set_index(outlet)[value].reindex(rows)
    palette = config.outlet_palette(rows)
    bars = ax.barh(range(len(rows)), values.to_numpy(dtype=float), color=[palette[r] for r in rows])
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel if xlabel is not None else value.replace("_", " "))
    finite = values.dropna().to_numpy(dtype=float)
    if len(finite) and np.all(finite == np.round(finite)):
        ax.xaxis.set_major_locator(
            matplotlib.ticker.MaxNLocator(integer=True, steps=[1, 2, 2.5, 5, 10])
        )
    if annotate:
        ax.bar_label(bars, labels=[fmt.format(v) if v == v else "" for v in values], padding=3)
        ax.margins(x=0.12)
    return ax


def stacked_bars(
    table: pd.DataFrame,
    *,
    category: str,
    stack: str,
    value: str = "count",
    order: list | None = None,
    stack_order: list | None = None,
    colors: Mapping | None = None,
    ax=None,
    xlabel: str | None = None,
    legend_title: str | None = None,
):
    """Horizontal stacked bars: one bar per `category`, segments per `stack` (tidy input).

    Colours: `colors` if given, outlet colours when `stack == "outlet"`, else a colour-blind-safe
    palette in `stack_order`.
    """
    fig, ax = _new_ax(ax)
    rows = _ordered(table[category], order, outlets=category == "outlet")
    stacks = (
        list(stack_order)
        if stack_order is not None
        else (outlet_order(table[stack]) if stack == "outlet" else sorted(table[stack].unique()))
    )
    wide = table.pivot_table(index=category, columns=stack, values=value, aggfunc="sum")
    wide = wide.reindex(index=rows, columns=stacks).fillna(0)
    if colors is None:
        colors = (
            config.outlet_palette(stacks)
            if stack == "outlet"
            else dict(zip(stacks, category_colors(len(stacks)), strict=False))
        )
    left = np.zeros(len(rows))
    for s in stacks:
        widths = wide[s].to_numpy(dtype=float)
        ax.barh(range(len(rows)), widths, left=left, color=colors[s], label=str(s))
        left += widths
    ax.set_yticks(range(len(rows)), [str(r) for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel if xlabel is not None else value.replace("_", " "))
    ax.legend(
        title=legend_title if legend_title is not None else stack.replace("_", " "),
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
    )
    return ax


def heatmap(
    table: pd.DataFrame,
    *,
    row: str,
    col: str,
    value: str,
    annot: str | None = None,
    fmt: str = "{:.0%}",
    row_order: list | None = None,
    col_order: list | None = None,
    ax=None,
    cmap: str = "Blues",
    center: float | None = None,
    cbar_label: str | None = None,
):
    """Annotated heatmap of a tidy table: `row` × `col` cells coloured by `value`.

    Each cell is labelled with `fmt.format(value)`, or with the text in column `annot` (e.g.
    `"3/12"`) when given; missing cells stay blank. Outlet axes use the stable outlet order.
    """
    rows = _ordered(table[row], row_order, outlets=row == "outlet")
    cols = _ordered(table[col], col_order, outlets=col == "outlet")
    wide = table.pivot_table(index=row, columns=col, values=value, aggfunc="first")
    wide = wide.reindex(index=rows, columns=cols).astype(float)
    if annot is not None:
        labels = table.pivot_table(index=row, columns=col, values=annot, aggfunc="first")
        labels = labels.reindex(index=rows, columns=cols).fillna("").astype(str)
    else:
        labels = wide.map(lambda v: fmt.format(v) if v == v else "")
    height = min(max(2.2, 0.45 * len(rows) + 1.5), 12)
    width = min(max(FIGSIZE[0], 0.9 * len(cols) + 3), 16)
    if ax is None:
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    sns.heatmap(
        wide,
        ax=ax,
        cmap=cmap,
        center=center,
        annot=labels.to_numpy(),
        fmt="",
        linewidths=0.5,
        linecolor="white",
        cbar_kws={"label": cbar_label if cbar_label is not None else value.replace("_", " ")},
        annot_kws={"fontsize": 9},
    )
    ax.grid(False)
    ax.set_xlabel(col.replace("_", " "))
    ax.set_ylabel(row.replace("_", " "))
    ax.tick_params(axis="x", labelrotation=30)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.tick_params(axis="y", labelrotation=0)
    return ax


def color_outlet_ticks(ax, axis: str = "y") -> None:
    """Colour outlet tick labels in their outlet colour (a legend-free way to identify them)."""
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    for label in labels:
        text = label.get_text()
        if text:
            label.set_color(config.outlet_color(text))


# ------------------------------------------------------------------------------ large corpora
#: Most rows a notebook displays (or prints as lines) of one table; the full table is a CSV.
MAX_ROWS_SHOWN = 30

#: Most marks a chart labels one by one (e.g. articles on the timeline); above it, it aggregates.
MAX_LABELS = 30

#: Most marks a chart draws; above it, counts are binned more coarsely (day → week → month).
MAX_POINTS = 500


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
    """`(rows, note)`: `preview_rows(table, …)` and the `preview_note` saying what was left out."""
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


def rows_to_show(
    table: pd.DataFrame,
    n: int = MAX_ROWS_SHOWN,
    *,
    what: str = "rows",
    order_by: str | list[str] | None = None,
    ascending: bool | list[bool] = True,
    sample: bool = False,
    seed: int = config.SEED,
    saved: str | Path | None = None,
) -> pd.DataFrame:
    """The rows of `table` to display, printing the "Showing N of M" note if it cut any.

    For code that needs the cut DataFrame itself; notebooks display tables with `show_table()`,
    which cuts the same way and escapes every cell.
    """
    rows, note = table_preview(
        table,
        n,
        what=what,
        order_by=order_by,
        ascending=ascending,
        sample=sample,
        seed=seed,
        saved=saved,
    )
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
    what: str = "rows",
    order_by: str | list[str] | None = None,
    ascending: bool | list[bool] = True,
    sample: bool = False,
    seed: int = config.SEED,
    saved: str | Path | None = None,
    percent: str | Iterable[str] = (),
    formats: Mapping[str, str | Callable] | None = None,
    index: bool | None = None,
    max_colwidth: int | None = None,
) -> Table:
    """The one way a notebook displays a table: escaped, cut when long, the cut said.

    `figures.show_table(table, saved=path)` as a cell's last line (or in `display(...)`) shows a
    short table whole and a long one cut to `n` rows (chosen as in `preview_rows`: `order_by`,
    else a seeded `sample`, else the first rows) under the `preview_note` naming the CSV that
    holds it all. Every cell, column name and index label is HTML-escaped: tables carry text from
    scraped pages (outlets, titles, quotes, file names), and an unescaped `<img onerror=...>` would
    run as JavaScript in JupyterLab. Use it instead of `DataFrame.style`, which does not escape.

    `percent` names share columns shown as `25%`; `formats` maps other columns to a format string
    (`"{:.2f}"`) or a function. `index` shows the index (default: when it is named or not plain
    row numbers). Texts longer than `max_colwidth` characters (default: pandas'
    `display.max_colwidth` when called) are cut with `…`.
    """
    if isinstance(table, pd.Series):
        table = table.to_frame(name=table.name if table.name is not None else "value")
    rows, note = table_preview(
        table,
        n,
        what=what,
        order_by=order_by,
        ascending=ascending,
        sample=sample,
        seed=seed,
        saved=saved,
    )
    columns = [percent] if isinstance(percent, str) else list(percent)
    all_formats: dict[str, str | Callable] = dict.fromkeys(columns, PERCENT)
    all_formats.update(formats or {})
    if max_colwidth is None:
        max_colwidth = pd.get_option("display.max_colwidth")
    return Table(rows, note, formats=all_formats, index=index, max_colwidth=max_colwidth)


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


def count_dots(
    counts: pd.DataFrame,
    *,
    x: str | None = None,
    row: str = "outlet",
    size: str = "articles",
    order: list | None = None,
    ax=None,
    max_area: float = 220.0,
):
    """One dot per row of `counts` at (`x`, its `row`), with area proportional to `size`.

    `x` defaults to the middle of each period of a `period_counts()` table. Dots are coloured by outlet when `row == "outlet"`; a small legend gives the scale. The y axis
    is not set: the caller places the rows (their index in `order`, default outlet order).
    Returns the axes.
    """
    fig, ax = _new_ax(ax)
    rows = _ordered(counts[row], order, outlets=row == "outlet")
    if counts.empty:
        return ax
    biggest = float(counts[size].max())
    areas = counts[size].to_numpy(dtype=float) / biggest * max_area
    ypos = counts[row].map({r: i for i, r in enumerate(rows)}).to_numpy(dtype=float)
    colors = [config.outlet_color(v) if row == "outlet" else "#4C72B0" for v in counts[row]]
    xpos = counts["start"] + (counts["end"] - counts["start"]) / 2 if x is None else counts[x]
    ax.scatter(xpos, ypos, s=np.maximum(areas, 6.0), c=colors, alpha=0.75, lw=0, zorder=3)
    steps = sorted({max(1, round(biggest / 4)), max(1, round(biggest / 2)), int(biggest)})
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color="#777777",
            alpha=0.75,
            markersize=np.sqrt(max(v / biggest * max_area, 6.0)),
            label=f"{v:,}",
        )
        for v in steps
    ]
    ax.legend(
        handles=handles,
        title=size.replace("_", " "),
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        labelspacing=1.2,
    )
    return ax
