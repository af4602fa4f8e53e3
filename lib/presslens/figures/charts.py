"""Chart helpers: `plot_<chart>(table, *, ax=None) -> Axes`, drawing the tidy tables the analyses
return (`outlet, <thing>, count, share, ci_low, ci_high, n`).

They only arrange, pivot and colour (outlets in their `config.outlet_palette` colour, in
`outlet_order`); they never compute a statistic. Each takes an `ax` to draw into, or makes a new
figure of the theme's size.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.lines import Line2D

from presslens import config
from presslens.figures.theme import FIGSIZE, category_colors, outlet_legend, outlet_order

#: Most marks a chart labels one by one (e.g. articles on the timeline); above it, it aggregates.
MAX_LABELS = 30


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


def _cut(label, n: int = 28) -> str:
    """A tick label cut to `n` characters with an ellipsis."""
    text = str(label)
    return text if len(text) <= n else text[: n - 1] + "…"


def plot_dot_interval(
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
        raise KeyError(f"plot_dot_interval: table has no column(s) {missing}")
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


def plot_bars_by_outlet(
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


def plot_stacked_bars(
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


def plot_heatmap(
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
    # long labels are cut (the table behind the chart keeps them whole); the rotated column
    # labels get room of their own, so a short heatmap never collapses under them
    longest_col = max((len(_cut(c)) for c in cols), default=0)
    height = min(max(2.2, 0.45 * len(rows) + 1.5) + 0.06 * longest_col, 14)
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
    if col != "outlet":  # outlet labels stay whole: their colour is looked up by name
        ax.set_xticks(ax.get_xticks(), [_cut(c) for c in cols])
    if row != "outlet":
        ax.set_yticks(ax.get_yticks(), [_cut(r, 40) for r in rows])
    ax.set_xlabel(col.replace("_", " "))
    ax.set_ylabel(row.replace("_", " "))
    ax.tick_params(axis="x", labelrotation=30)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    ax.tick_params(axis="y", labelrotation=0)
    return ax


def plot_count_dots(
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

    `x` defaults to the middle of each period of a `period_counts()` table. Dots are coloured
    by outlet when `row == "outlet"`; a small legend gives the scale. The y axis
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


#: Chart helpers renamed `plot_<chart>` (old name -> new name); `presslens.figures.<old name>`
#: works for one release and warns with the new one.
RENAMED = {
    "dot_interval": "plot_dot_interval",
    "bar_by_outlet": "plot_bars_by_outlet",
    "stacked_bars": "plot_stacked_bars",
    "heatmap": "plot_heatmap",
    "count_dots": "plot_count_dots",
}
