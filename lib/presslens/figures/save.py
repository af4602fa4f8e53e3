"""Deterministic files for every chart and table a notebook saves.

`save(fig, name, notebook=..., data=table)` writes `reports/figures/<notebook>/<name>.png` (200
dpi, for pasting), `.svg` (vector, byte-identical on a re-run with the same data) and `.csv` (the
tidy table behind the chart, so every number in a figure can be cited and checked). Tables a
reader would cite go through `save_table()`.

Files are written atomically (temp file + `os.replace`) and only when their bytes change, so a
second run on unchanged data rewrites nothing. Text cells that a spreadsheet would read as a
formula (`=`, `+`, `-`, `@`, tab, CR first) get a leading `'` (`files.csv_safe_frame`): outlet
names and titles come from scraped pages.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib
import pandas as pd

from presslens import config
from presslens.figures.theme import (
    PNG_DPI,
    SVG_HASHSALT,
    _remove_caption,
    add_caption,
    default_caption,
    wrap_titles,
)
from presslens.files import csv_safe_frame, write_atomic

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


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


#: Largest figure a notebook saves, in inches (at `PNG_DPI`: 3,400 × 3,000 pixels): a chart
#: drawn taller or wider is shrunk to fit, whatever the number of outlets.
MAX_INCHES = (17.0, 15.0)


def figure_titles(fig) -> str:
    """Every title drawn on `fig` (suptitle, then each axes' titles), one per line."""
    found = []
    if getattr(fig, "_suptitle", None) is not None and fig._suptitle.get_text():
        found.append(fig._suptitle.get_text())
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            text = ax.get_title(loc=loc)
            if text:
                found.append(text)
    return "\n".join(" ".join(t.split()) for t in found)


def _bound_size(fig) -> None:
    width, height = fig.get_size_inches()
    scale = min(1.0, MAX_INCHES[0] / width, MAX_INCHES[1] / height)
    if scale < 1.0:
        fig.set_size_inches(width * scale, height * scale)


def render(fig, fmt: str) -> bytes:
    """The bytes of `fig` as `fmt` ('png' or 'svg'), deterministic for the same drawing.

    The figure's titles are stored in the file's metadata (PNG `Title`, SVG `<title>`), so a
    saved finding can be read back and checked without the notebook."""
    buffer = io.BytesIO()
    options = {"format": fmt, "bbox_inches": "tight", "pad_inches": 0.15}
    title = figure_titles(fig)
    if fmt == "png":
        options.update(dpi=PNG_DPI, metadata={"Software": None, "Title": title or None})
    elif fmt == "svg":
        options["metadata"] = {"Date": None, "Creator": None, "Title": title or None}
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
    caption = default_caption() if caption is None else caption
    _bound_size(fig)
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
