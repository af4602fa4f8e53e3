"""The look of every chart: one theme, one colour per outlet, captions and titles that fit.

`apply_theme()` sets the seaborn/matplotlib theme (sized to stay readable when pasted into a
report); `corpus_caption(articles)` is the line under every chart saying what corpus it shows
(`set_default_caption` makes it the default of `save()`); `wrap_titles` breaks a finding too long
for the figure onto more lines; `outlet_order`, `outlet_legend`, `category_colors` and
`color_outlet_ticks` apply the palette (`config.outlet_palette`: one stable colour per outlet).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import matplotlib
import pandas as pd
import seaborn as sns
from matplotlib.lines import Line2D

from presslens import config
from presslens.files import plural

#: Resolution of the PNG files (pixels per inch).
PNG_DPI = 200

#: Fixed salt for the ids matplotlib writes into SVGs (clip paths, glyphs), so they never change.
SVG_HASHSALT = "presslens"

#: Default size of a chart, in inches: fits a report column at 100 % without rescaling text.
FIGSIZE = (8.0, 4.5)

CAPTION_GID = "presslens-caption"
CAPTION_COLOR = "#555555"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

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
        # Text from scraped pages (outlet names, headlines) is drawn as written: a "$" never
        # starts TeX math, which would garble the name or, malformed, stop the chart's save.
        "text.parse_math": False,
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


def default_caption() -> str | None:
    """The caption `set_default_caption` set (None: no caption)."""
    return _default_caption


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


def language_text(articles: pd.DataFrame) -> str:
    """The languages of `articles` for a caption: `"in en"`, `"in en (3), ru (2)"` (article
    counts, most first; "und" for an undetermined language); '' without a `language` column."""
    if "language" not in articles or not len(articles):
        return ""
    language = articles["language"].fillna("").astype(str).replace("", "und")
    counts = language.value_counts()
    counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    if len(counts) == 1:
        return f"in {counts.index[0]}"
    return "in " + ", ".join(f"{lang} ({k})" for lang, k in counts.items())


def corpus_caption(articles: pd.DataFrame) -> str:
    """One line describing the corpus behind a chart, computed from `articles`.

    Example: `"5 articles from 5 outlets, 30 Apr–30 Jun 2023; 2 undated; in en (3), ru (2)"`
    (the languages when the table has a `language` column, `language_text`). Each distinct outlet
    label counts once (every unnamed outlet is its own label); undated articles are counted.
    """
    n = len(articles)
    column = "outlet_name" if "outlet_name" in articles else "outlet"  # before any pooling
    outlets = articles[column].dropna().nunique() if column in articles else 0
    text = f"{plural(n, 'article')} from {plural(outlets, 'outlet')}"
    languages = language_text(articles)
    if "published" not in articles or n == 0:
        return text + (f"; {languages}" if languages else "")
    published = pd.to_datetime(articles["published"], errors="coerce")
    span = date_range_text(published)
    undated = int(published.isna().sum())
    if span:
        text += f", {span}"
    if undated == n:
        text += "; all undated"
    elif undated:
        text += f"; {undated} undated"
    return text + (f"; {languages}" if languages else "")


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
    wider than the figure would otherwise be clipped or squeeze the chart to nothing. One layout
    pass measures every axes with its titles taken off, however many panels the figure has.
    """
    titled = [
        (ax, loc, ax.get_title(loc=loc)) for ax in fig.axes for loc in ("left", "center", "right")
    ]
    titled = [(ax, loc, title) for ax, loc, title in titled if title and "\n" not in title]
    if not titled:
        return
    for ax, loc, _ in titled:
        ax.set_title("", loc=loc)
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    boxes = [ax.get_window_extent(renderer) for ax, _, _ in titled]
    fig_width = fig.bbox.width
    for (ax, loc, title), box in zip(titled, boxes, strict=True):
        available = fig_width - box.x0 - 8 if loc == "left" else box.width
        ax.set_title(title, loc=loc)
        artist = {"left": ax._left_title, "center": ax.title, "right": ax._right_title}[loc]
        width = artist.get_window_extent(renderer).width
        if width > available > 0:
            chars = max(20, int(len(title) * available / width * 0.95))
            ax.set_title(textwrap.fill(title, chars), loc=loc)


def outlet_order(outlets: Iterable) -> list[str]:
    """Distinct outlets in a stable order: named outlets A–Z (case-insensitive), then the pooled
    "other outlets" group, then "outlet unknown"."""
    unique = {str(o) for o in outlets if o is not None and o == o}

    def key(o: str):
        group = (
            2 if o.startswith(config.UNKNOWN_OUTLET) else int(o.startswith(config.OTHER_OUTLETS))
        )
        return (group, o.casefold(), o)

    return sorted(unique, key=key)


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


def color_outlet_ticks(ax, axis: str = "y") -> None:
    """Colour outlet tick labels in their outlet colour (a legend-free way to identify them)."""
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    for label in labels:
        text = label.get_text()
        if text:
            label.set_color(config.outlet_color(text))
