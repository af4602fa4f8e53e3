"""Notebook 01's tables: what is in the corpus and what cleaning removed, and the notebook itself."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import assert_notebook_ran

from presslens import audit


def test_overview_lists_every_article_once(articles):
    overview = audit.corpus_overview(articles)
    assert len(overview) == len(articles)
    assert set(overview["file"]) == set(articles["file"])
    # Undated articles sort last within their outlet; dates are plain dates for display.
    assert overview["published"].isna().sum() == articles["published"].isna().sum()


def test_removals_add_up_to_the_removed_paragraphs(paragraphs, articles):
    removals = audit.removals_by_reason(paragraphs, articles)
    removed = paragraphs[~paragraphs["kept"]]
    assert removals["paragraphs"].sum() == len(removed)
    assert (removals["reason"] != "").all()
    for _, shares in removals.groupby("outlet")["share"]:
        assert shares.sum() == pytest.approx(1.0)
    whatsnew = removals[removals["outlet"] == "whatsnew2day"].set_index("reason")
    assert whatsnew.loc["duplicate", "paragraphs"] == 1


def test_kept_share_is_words_kept_over_words_on_the_page():
    paragraphs = pd.DataFrame(
        {
            "article_id": ["a", "a", "a", "b"],
            "file": ["a.txt", "a.txt", "a.txt", "b.txt"],
            "position": [0, 1, 2, 0],
            "text": [
                "Home Menu",
                "Talks resumed in Washington on Monday.",
                "Share this",
                "Body text here",
            ],
            "kept": [False, True, False, True],
            "reason": ["navigation", "", "share", ""],
        }
    )
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"]})
    share = audit.kept_share(paragraphs, articles).set_index("file")
    assert share.loc["a.txt", "kept_words"] == 6 and share.loc["a.txt", "removed_words"] == 4
    assert share.loc["a.txt", "share_kept"] == pytest.approx(0.6)
    assert share.loc["b.txt", "share_kept"] == 1.0
    examples = audit.removal_examples(paragraphs, articles)
    assert list(examples["reason"]) == ["navigation", "share"]


@pytest.mark.slow
def test_notebook_01_runs_headless_and_saves_its_figures(run_notebook):
    nb = run_notebook("01-clean-corpus")
    reports = Path(nb.metadata["presslens_reports"])
    for name in ("words-per-article", "removed-by-reason"):
        for ext in ("png", "svg", "csv"):
            path = reports / "figures" / "01-clean-corpus" / f"{name}.{ext}"
            assert path.stat().st_size > 500, path
    removals = pd.read_csv(reports / "figures" / "01-clean-corpus" / "removed-by-reason.csv")
    assert removals["words"].sum() > 100
    # the title names the largest reason as the largest, not as "most" of the removed text
    top = removals.groupby("reason")["words"].sum().sort_values(ascending=False)
    svg = (reports / "figures" / "01-clean-corpus" / "removed-by-reason.svg").read_text()
    if top.iloc[0] > top.iloc[1]:
        assert f"The largest reason for removal is {top.index[0].replace('_', ' ')}: " in svg
    assert "Most removed" not in svg
    overview = pd.read_csv(reports / "tables" / "01-clean-corpus" / "corpus-overview.csv")
    assert len(overview) == 5
    assert_notebook_ran(nb, "01-clean-corpus")
