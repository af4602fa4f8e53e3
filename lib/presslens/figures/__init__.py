"""Stage 6, figures: report-ready charts and tables, one theme, deterministic files.

Rooms: `theme` (theme, palette, captions, title wrapping), `save` (`save`, `save_table`,
`table_csv_bytes`, `render`), `charts` (the `plot_<chart>` helpers), `tables` (`show_table`: the
one escaped table display, and the previews behind it) and, until it moves to `coverage`,
`periods` (`period_counts`). Every public name is re-exported here, so `presslens.figures.X`
works whatever room X lives in.

Figures draw and save; they never compute a statistic. The chart helpers take the tidy tables the
analysis modules return (`outlet, <thing>, count, share, ci_low, ci_high, n`) and only arrange,
pivot and colour them. The old chart names (`dot_interval`, `bar_by_outlet`, `stacked_bars`,
`heatmap`, `count_dots`) still work for one release and warn with the new one.
"""

from __future__ import annotations

from presslens import _compat
from presslens.figures import titles
from presslens.figures.charts import (
    MAX_LABELS,
    RENAMED,
    plot_bars_by_outlet,
    plot_count_dots,
    plot_dot_interval,
    plot_heatmap,
    plot_stacked_bars,
)
from presslens.figures.periods import MAX_POINTS, period_counts
from presslens.figures.save import (
    MAX_INCHES,
    figure_titles,
    render,
    save,
    save_table,
    table_csv_bytes,
)
from presslens.figures.tables import (
    MAX_ROWS_SHOWN,
    PERCENT,
    Table,
    preview_note,
    preview_rows,
    rows_to_show,
    show_table,
    table_preview,
)
from presslens.figures.theme import (
    CAPTION_COLOR,
    CAPTION_GID,
    FIGSIZE,
    PNG_DPI,
    SVG_HASHSALT,
    add_caption,
    apply_theme,
    category_colors,
    color_outlet_ticks,
    corpus_caption,
    date_range_text,
    default_caption,
    language_text,
    outlet_legend,
    outlet_order,
    set_default_caption,
    theme_rc,
    wrap_titles,
)

__all__ = [
    "CAPTION_COLOR",
    "RENAMED",
    "CAPTION_GID",
    "FIGSIZE",
    "MAX_INCHES",
    "MAX_LABELS",
    "MAX_POINTS",
    "MAX_ROWS_SHOWN",
    "PERCENT",
    "PNG_DPI",
    "SVG_HASHSALT",
    "Table",
    "add_caption",
    "apply_theme",
    "category_colors",
    "color_outlet_ticks",
    "corpus_caption",
    "language_text",
    "date_range_text",
    "figure_titles",
    "default_caption",
    "outlet_legend",
    "outlet_order",
    "period_counts",
    "plot_bars_by_outlet",
    "plot_count_dots",
    "plot_dot_interval",
    "plot_heatmap",
    "plot_stacked_bars",
    "preview_note",
    "preview_rows",
    "render",
    "rows_to_show",
    "save",
    "save_table",
    "set_default_caption",
    "show_table",
    "table_csv_bytes",
    "table_preview",
    "theme_rc",
    "titles",
    "wrap_titles",
]

# The chart helpers' names before the naming grammar: they work for one release, and warn.
__getattr__ = _compat.renamed(__name__, RENAMED)
