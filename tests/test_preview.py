"""presslens.figures previews: long tables are cut and say so; short ones are shown whole."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from presslens import config, figures  # noqa: E402


def _articles(n: int, *, days: int = 150, outlets: int = 6) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    start = pd.Timestamp("2023-03-01")
    return pd.DataFrame(
        {
            "outlet": [f"Outlet {i % outlets}" for i in range(n)],
            "published": start + pd.to_timedelta(rng.integers(0, days, n), unit="D"),
            "n_words": rng.integers(100, 2000, n),
            "file": [f"{i:06d}.txt" for i in range(n)],
        }
    )


def test_a_10k_table_shows_30_rows_and_a_note_naming_10000_and_the_csv():
    table = _articles(10_000)
    saved = config.PROJECT_ROOT / "reports" / "tables" / "01-clean-corpus" / "corpus-overview.csv"
    rows, note = figures.table_preview(table, saved=saved)
    assert figures.MAX_ROWS_SHOWN == 30
    assert len(rows) == 30
    assert rows.equals(table.head(30))
    assert note.startswith("Showing the first 30 of 10,000 rows")
    assert note.endswith("the full table is in reports/tables/01-clean-corpus/corpus-overview.csv.")


def test_a_short_table_is_returned_whole_without_a_note(capsys):
    table = _articles(5)
    rows, note = figures.table_preview(table, sample=True, order_by=None)
    assert rows is table
    assert note == ""
    assert figures.rows_to_show(table, order_by="n_words") is table
    assert capsys.readouterr().out == ""
    exact = _articles(figures.MAX_ROWS_SHOWN)
    assert figures.table_preview(exact)[1] == ""


def test_seeded_sample_is_deterministic_kept_in_table_order_and_seed_dependent():
    table = _articles(10_000)
    a, note = figures.table_preview(table, sample=True, what="articles")
    b, _ = figures.table_preview(table, sample=True, what="articles")
    assert a.equals(b)
    assert len(a) == 30 and a.index.is_monotonic_increasing
    assert a.index.isin(table.index).all()
    assert not a.equals(table.head(30))
    other = figures.preview_rows(table, sample=True, seed=config.SEED + 1)
    assert not other.index.equals(a.index)
    assert note == "Showing a random sample of 30 of 10,000 articles."


def test_order_by_picks_the_extreme_rows_and_says_how():
    table = _articles(1_000)
    rows, note = figures.table_preview(
        table, 10, order_by="n_words", ascending=False, what="articles"
    )
    assert list(rows["n_words"]) == sorted(table["n_words"], reverse=True)[:10]
    assert note == "Showing 10 of 1,000 articles, sorted by n words (descending)."
    rows, note = figures.table_preview(table, 10, order_by=["n_words", "file"])
    assert list(rows["n_words"]) == sorted(table["n_words"])[:10]
    assert note == "Showing 10 of 1,000 rows, sorted by n words."


def test_rows_to_show_prints_the_note_only_when_it_cuts(capsys, tmp_path):
    table = _articles(100)
    rows = figures.rows_to_show(table, saved=tmp_path / "t.csv", what="quotes")
    assert len(rows) == 30
    out = capsys.readouterr().out
    assert "Showing the first 30 of 100 quotes" in out and str(tmp_path / "t.csv") in out
    with pytest.raises(ValueError):
        figures.preview_rows(table, 0)


def test_period_counts_bins_by_day_when_few_and_coarser_when_many():
    small = _articles(5).assign(published=lambda d: d["published"].astype(object))
    small.loc[4, "published"] = None
    daily = figures.period_counts(small)
    assert list(daily.columns) == ["outlet", "period", "start", "end", "articles"]
    assert set(daily["period"]) == {"day"} and daily["articles"].sum() == 4
    assert (daily["start"] == daily["end"]).all()

    big = _articles(10_000)
    counts = figures.period_counts(big)
    assert len(counts) <= figures.MAX_POINTS
    assert set(counts["period"]) == {"week"}
    assert counts["articles"].sum() == 10_000
    assert (counts["start"].dt.day_of_week == 0).all() and (counts["end"].dt.day_of_week == 6).all()
    monthly = figures.period_counts(big, max_points=10)
    assert set(monthly["period"]) == {"month"} and monthly["articles"].sum() == 10_000
    assert (monthly["start"].dt.day == 1).all()
    assert list(pd.unique(counts["outlet"])) == figures.outlet_order(big["outlet"])

    empty = figures.period_counts(small.iloc[[4]])
    assert empty.empty and list(empty.columns) == list(daily.columns)


def test_count_dots_draws_one_mark_per_cell_not_per_article():
    big = _articles(10_000)
    counts = figures.period_counts(big)
    ax = figures.plot_count_dots(counts, order=figures.outlet_order(big["outlet"]))
    offsets = ax.collections[0].get_offsets()
    assert len(offsets) == len(counts) < figures.MAX_POINTS
    assert ax.get_legend() is not None
    plt.close("all")
