"""presslens.figures: captions computed from the corpus, deterministic files, outlet colours."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from presslens import config, figures  # noqa: E402

UNNAMED = config.UNKNOWN_OUTLET


def _articles(outlets, dates):
    return pd.DataFrame({"outlet": outlets, "published": pd.to_datetime(dates)})


@pytest.fixture
def reports(tmp_path, monkeypatch):
    monkeypatch.setenv(config.ENV_REPORTS, str(tmp_path / "reports"))
    figures.apply_theme()
    yield tmp_path / "reports"
    plt.close("all")


def _table():
    return pd.DataFrame(
        {
            "outlet": ["Caliber.az", "EurasiaPeace", UNNAMED],
            "share": [0.5, 0.2, 0.4],
            "ci_low": [0.3, 0.1, 0.2],
            "ci_high": [0.7, 0.3, 0.6],
            "count": [5, 2, 4],
            "n": [10, 10, 10],
        }
    )


def _chart(table):
    ax = figures.plot_dot_interval(table)
    ax.set_title("Caliber.az mentions the talks most")
    return ax.figure


# ----------------------------------------------------------------------------- captions
def test_caption_counts_articles_outlets_dates_and_undated():
    arts = _articles(
        ["EurasiaPeace", UNNAMED, "whatsnew2day", "Caliber.az", "Caucasus Watch"],
        ["2023-06-30", "2023-05-04", None, "2023-05-31", None],
    )
    assert figures.corpus_caption(arts) == "5 articles from 5 outlets, 4 May–30 Jun 2023; 2 undated"


def test_caption_across_years_single_and_all_undated():
    across = _articles(["A", "A", "B"], ["2022-12-30", "2023-01-04", "2023-01-02"])
    assert figures.corpus_caption(across) == "3 articles from 2 outlets, 30 Dec 2022–4 Jan 2023"
    one = _articles(["A"], ["2023-05-04"])
    assert figures.corpus_caption(one) == "1 article from 1 outlet, 4 May 2023"
    undated = _articles(["A", "B"], [None, None])
    assert figures.corpus_caption(undated) == "2 articles from 2 outlets; all undated"


def test_caption_of_the_bundled_corpus_matches_its_table(articles):
    caption = figures.corpus_caption(articles)
    assert caption.startswith(f"{len(articles)} articles from {articles['outlet'].nunique()} ")
    undated = int(articles["published"].isna().sum())
    assert (f"; {undated} undated" in caption) == (0 < undated < len(articles))


# ------------------------------------------------------------------------------- saving
def test_save_writes_png_svg_csv_where_the_design_says(reports):
    table = _table()
    paths = figures.save(_chart(table), "mentions", notebook="02-compare-coverage", data=table)
    folder = reports / "figures" / "02-compare-coverage"
    assert paths == {ext: folder / f"mentions.{ext}" for ext in ("png", "svg", "csv")}
    assert pd.read_csv(paths["csv"]).equals(table)
    with Image.open(paths["png"]) as png:
        dpi = png.info["dpi"]
        assert round(dpi[0]) == figures.PNG_DPI
        # A 8-inch-wide chart at 200 dpi: well over 1000 pixels, so it prints sharply.
        assert png.width > 1200
        colours = png.convert("RGB").getcolors(maxcolors=1 << 20)
        assert len(colours) > 20  # not blank


def test_dollar_signs_in_scraped_names_are_drawn_as_written_never_as_tex(reports):
    """An outlet or title holding "$\\frac$" (TeX math, malformed) must neither stop the save
    nor be drawn as math."""
    hostile = r"Cash $\frac$ Daily"
    table = _table().assign(outlet=[hostile, "EurasiaPeace", UNNAMED])
    fig = _chart(table)
    fig.axes[0].set_title(f"{hostile} mentions the talks most")
    paths = figures.save(fig, "dollars", notebook="nb", data=table)
    assert paths["png"].stat().st_size > 5_000
    assert not fig.axes[0].title.get_parse_math()
    assert all(not t.get_parse_math() for t in fig.axes[0].get_yticklabels())


def test_saving_twice_gives_byte_identical_files_and_rewrites_nothing(reports, tmp_path):
    table = _table()
    first = figures.save(_chart(table), "mentions", notebook="nb", data=table, caption="cap")
    snapshot = {k: (p.read_bytes(), p.stat().st_mtime_ns) for k, p in first.items()}
    plt.close("all")
    second = figures.save(_chart(table), "mentions", notebook="nb", data=table, caption="cap")
    for key, path in second.items():
        assert path.read_bytes() == snapshot[key][0], f"{key} differs on a re-run"
        assert path.stat().st_mtime_ns == snapshot[key][1], f"{key} was rewritten"
    svg = second["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    # and the files do follow the data: a changed table gives a changed chart
    changed = table.assign(share=[0.9, 0.2, 0.4])
    third = figures.save(_chart(changed), "mentions", notebook="nb", data=changed, caption="cap")
    assert third["svg"].read_bytes() != snapshot["svg"][0]
    assert third["csv"].read_bytes() != snapshot["csv"][0]


def test_caption_is_drawn_once_even_when_saved_twice(reports):
    table = _table()
    fig = _chart(table)
    figures.set_default_caption("5 articles from 5 outlets")
    try:
        figures.save(fig, "a", notebook="nb", data=table)
        paths = figures.save(fig, "a", notebook="nb", data=table)
    finally:
        figures.set_default_caption(None)
    captions = [t for t in fig.texts if t.get_gid() == figures.CAPTION_GID]
    assert [t.get_text() for t in captions] == ["5 articles from 5 outlets"]
    assert paths["svg"].read_text(encoding="utf-8").count("5 articles from 5 outlets") == 1
    figures.save(fig, "a", notebook="nb", data=table, caption="")
    assert not [t for t in fig.texts if t.get_gid() == figures.CAPTION_GID]


@pytest.mark.parametrize("name", ["../escape", "a/b", ".hidden", "", "a\\b"])
def test_save_refuses_unsafe_names(reports, name):
    table = _table()
    with pytest.raises(ValueError, match="safe file name"):
        figures.save(_chart(table), name, notebook="nb", data=table)
    with pytest.raises(ValueError, match="safe file name"):
        figures.save_table(table, "ok", notebook=name)


def test_save_table_round_trips_and_keeps_a_named_index(reports):
    table = _table()
    path = figures.save_table(table, "shares", notebook="02-compare-coverage")
    assert path == reports / "tables" / "02-compare-coverage" / "shares.csv"
    assert pd.read_csv(path).equals(table)
    counts = table.set_index("outlet")["count"]
    path = figures.save_table(counts, "counts", notebook="02-compare-coverage")
    back = pd.read_csv(path)
    assert list(back.columns) == ["outlet", "count"]
    assert back["count"].tolist() == [5, 2, 4]


# -------------------------------------------------------------------------------- colours
def test_outlets_keep_their_colour_and_unnamed_sort_last(reports):
    table = _table()
    ax = figures.plot_dot_interval(table)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Caliber.az", "EurasiaPeace", UNNAMED]
    for collection in ax.collections:
        label = collection.get_label()
        if label in config.outlet_palette(labels):
            colour = mcolors.to_hex(collection.get_facecolor()[0])
            assert colour.lower() == config.outlet_color(label).lower()
    # adding an outlet recolours none of the others
    bigger = pd.concat([table, table.assign(outlet="Newcomer Daily")], ignore_index=True)
    assert figures.outlet_order(bigger["outlet"])[-1] == UNNAMED
    before = config.outlet_palette(table["outlet"])
    after = config.outlet_palette(bigger["outlet"])
    assert all(after[o] == c for o, c in before.items())


def test_heatmap_labels_cells_from_the_table(reports):
    table = pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B"],
            "frame": ["peace", "security", "peace", "security"],
            "share": [0.25, 0.75, 0.5, 0.0],
            "label": ["1/4", "3/4", "2/4", "0/4"],
        }
    )
    ax = figures.plot_heatmap(table, row="outlet", col="frame", value="share", annot="label")
    assert sorted(t.get_text() for t in ax.texts) == ["0/4", "1/4", "2/4", "3/4"]
    ax = figures.plot_heatmap(table, row="outlet", col="frame", value="share")
    assert sorted(t.get_text() for t in ax.texts) == ["0%", "25%", "50%", "75%"]


def test_bar_and_stacked_helpers_draw_every_row(reports):
    table = _table()
    ax = figures.plot_bars_by_outlet(table, value="count")
    assert [round(p.get_width()) for p in ax.patches] == [5, 2, 4]
    long = pd.DataFrame(
        {
            "outlet": ["A", "A", "B"],
            "reason": ["navigation", "share", "navigation"],
            "count": [3, 1, 2],
        }
    )
    ax = figures.plot_stacked_bars(long, category="outlet", stack="reason")
    widths = sorted(round(p.get_width()) for p in ax.patches if p.get_width() > 0)
    assert widths == [1, 2, 3]


def test_a_corpus_outlets_get_distinct_colours_and_keep_them():
    outlets = [f"Outlet {i}" for i in range(8)]
    first = config.register_outlets(outlets)
    try:
        assert len(set(first.values())) == len(outlets)  # the hash alone would collide here
        assert all(config.outlet_color(o) == first[o] for o in outlets)
        again = config.register_outlets(list(reversed(outlets)))
        assert again == first  # the order outlets arrive in does not matter
        more = config.register_outlets([*outlets, "Newcomer Daily"])
        moved = [o for o in outlets if more[o] != first[o]]
        assert (
            len(moved) <= 2
        )  # a newcomer recolours few outlets (the hash alone: none, but clashes)
    finally:
        config.register_outlets([])


# --------------------------------------------------------------------------- hostile text
HOSTILE_OUTLET = "<img src=x onerror=\"window.__pwned='outlet'\">"


def test_show_table_escapes_every_cell_header_and_index_label():
    """A scraped outlet, title or column name is shown as text: no tag of it reaches the HTML."""
    table = pd.DataFrame(
        {
            "outlet": [HOSTILE_OUTLET, "Plain Daily"],
            "title": ["<script>window.__pwned = 1</script>", "<svg onload=alert(1)>"],
            "<b>kind</b>": ["a", "b"],
            "share_kept": [0.25, 0.5],
        }
    )
    shown = figures.show_table(table, percent="share_kept")
    page = shown._repr_html_()
    for tag in ("<img", "<script", "<svg", "<b>"):
        assert tag not in page
    assert "&lt;img src=x onerror=" in page and "&lt;script&gt;" in page
    assert "&lt;b&gt;kind&lt;/b&gt;" in page
    assert "<td>25%</td>" in page and "<td>50%</td>" in page  # shares shown as percentages
    # an index of outlets (a pivot) is escaped too, and shown because it names things
    pivot = table.set_index("outlet")[["share_kept"]]
    page = figures.show_table(pivot)._repr_html_()
    assert "<img" not in page and "&lt;img src=x onerror=" in page
    # and so is the note of a long table, which names a CSV path
    long = pd.concat([table] * 20, ignore_index=True)
    page = figures.show_table(long, saved="/tmp/<script>x</script>.csv")._repr_html_()
    assert "Showing the first 30 of 40 rows" in page and "<script" not in page


def test_show_table_cuts_long_tables_and_long_texts_like_rows_to_show():
    table = pd.DataFrame({"outlet": [f"Outlet {i}" for i in range(100)], "n": range(100)})
    shown = figures.show_table(table, order_by="n", ascending=False, what="articles")
    assert shown.rows.equals(figures.rows_to_show(table, order_by="n", ascending=False))
    assert shown.note == "Showing 30 of 100 articles, sorted by n (descending)."
    assert shown._repr_html_().count("</tr>") == 31  # header + 30 rows
    assert "Showing 30 of 100" in repr(shown)
    short = figures.show_table(table.head(3))
    assert short.note == "" and short.rows.equals(table.head(3))
    assert "presslens-note" not in short._repr_html_()
    text = pd.DataFrame({"quote": ["x" * 300]})
    assert "x" * 60 not in figures.show_table(text, max_colwidth=50)._repr_html_()
    with pd.option_context("display.max_colwidth", 200):
        assert "x" * 150 in figures.show_table(text)._repr_html_()


def test_notebooks_display_tables_only_through_show_table():
    """No notebook shows a table with pandas' Styler (which does not escape) or raw HTML."""
    import nbformat

    for path in sorted((config.PROJECT_ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        for risky in (".style", "HTML(", "Markdown(", "to_html(", "rows_to_show("):
            assert risky not in code, f"{path.name} uses {risky}"


def test_csv_exports_neutralise_formulas_and_keep_numbers_numeric(reports):
    """No text cell of an exported CSV starts like a spreadsheet formula; numbers stay numbers."""
    outlets = ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+1", "-x", "\tTab News", "Plain Daily"]
    table = pd.DataFrame(
        {
            "outlet": outlets,
            "log_ratio": [-1.5, -0.25, 0.0, 2.0, -3.0, 1.0],
            "count": [-1, 2, -3, 4, 5, 6],
        }
    )
    for path in (
        figures.save_table(table, "formulas", notebook="nb"),
        figures.save(_chart(_table()), "chart", notebook="nb", data=table)["csv"],
    ):
        text = path.read_text(encoding="utf-8")
        back = pd.read_csv(path, keep_default_na=False)
        assert back["outlet"].tolist() == ["'" + o for o in outlets[:5]] + ["Plain Daily"]
        assert back["log_ratio"].tolist() == table["log_ratio"].tolist()  # still numbers
        assert back["count"].dtype.kind == "i" and back["count"].tolist() == [-1, 2, -3, 4, 5, 6]
        assert "\n=cmd" not in text and "\n@SUM" not in text and "\n+1," not in text
        assert "\n'=cmd|' /C calc'!A0,-1.5,-1\n" in text  # negative numbers are written bare
    # a named index is exported too, and neutralised like any text column
    counts = table.set_index("outlet")["count"]
    back = pd.read_csv(figures.save_table(counts, "by-outlet", notebook="nb"))
    assert back["outlet"].iloc[0] == "'=cmd|' /C calc'!A0"


def test_old_chart_names_warn_and_are_the_renamed_helpers():
    for old, new in figures.RENAMED.items():
        with pytest.warns(DeprecationWarning, match=f"figures.{old} is renamed {new}"):
            assert getattr(figures, old) is getattr(figures, new)
