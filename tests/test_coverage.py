"""Coverage: volume, timing against the calendar, sub-issues and actors per outlet."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import assert_notebook_ran, assert_renamed

from presslens import coverage

UNNAMED = "outlet unknown"


def _by_outlet(table: pd.DataFrame, outlet: str) -> pd.Series:
    return table.set_index("outlet").loc[outlet]


def test_volume_counts_every_article_and_word(articles):
    vol = coverage.volume_by_outlet(articles)
    assert vol["articles"].sum() == len(articles)
    assert set(vol["outlet"]) == set(articles["outlet"])
    for outlet, part in articles.groupby("outlet"):
        assert _by_outlet(vol, outlet)["words"] == part["n_words"].sum()
        assert _by_outlet(vol, outlet)["paragraphs"] == part["n_paragraphs"].sum()
    assert vol["share_words"].sum() == pytest.approx(1.0)


@pytest.mark.story
def test_timeline_places_dated_articles_after_the_latest_event(articles):
    tl = coverage.timeline_by_article(articles).set_index("outlet")
    assert len(tl) == len(articles)
    # Caliber.az, 31 May: the latest event is the 25 May Moscow meeting, six days earlier.
    assert tl.loc["Caliber.az", "event"] == "Moscow meeting"
    assert tl.loc["Caliber.az", "lag_days"] == 6
    # EurasiaPeace, 30 June: one day after the second Washington round ended (27-29 June).
    assert tl.loc["EurasiaPeace", "event"] == "Washington round 2"
    assert tl.loc["EurasiaPeace", "lag_days"] == 1
    # The unnamed outlet's 4 May article appeared during the first round (1-4 May).
    assert tl.loc[UNNAMED, "event"] == "Washington round 1"
    assert tl.loc[UNNAMED, "lag_days"] == 0 and tl.loc[UNNAMED, "during_event"]
    # Undated articles keep their row, without a lag, with the latest event they mention.
    for outlet in ("whatsnew2day", "Caucasus Watch"):
        assert not tl.loc[outlet, "date_known"] and np.isnan(tl.loc[outlet, "lag_days"])
    assert tl.loc["Caucasus Watch", "latest_event_mentioned"] == "Washington round 2"
    assert tl.loc["whatsnew2day", "latest_event_mentioned"] == "Washington round 1"


@pytest.mark.story
def test_topic_shares_form_a_full_grid_with_honest_intervals(articles):
    shares = coverage.topics_by_outlet(articles)
    n_topics = shares["topic"].nunique()
    assert len(shares) == articles["outlet"].nunique() * n_topics
    assert (shares["count"] <= shares["n"]).all()
    assert (shares["ci_low"] <= shares["share"] + 1e-12).all()
    assert (shares["share"] <= shares["ci_high"] + 1e-12).all()
    # A zero count still has an interval that admits a positive share.
    zero = shares[shares["count"] == 0]
    assert (zero["ci_method"] == "wilson").all() and (zero["ci_high"] > 0).all()
    cw = shares[shares["outlet"] == "Caucasus Watch"].set_index("topic")
    # The 8th paragraph ("border delimitation") and the 10th ("1975 Soviet maps ... border").
    assert cw.loc["border_delimitation", ["count", "n"]].tolist() == [2, 11]
    assert cw.loc["russia_role", "count"] == 0
    ep = shares[shares["outlet"] == "EurasiaPeace"]
    assert ep["small"].all()  # four paragraphs


@pytest.mark.story
def test_find_topics_say_why_a_paragraph_counts(articles):
    tp = coverage.find_topics(articles)
    ww = tp[(tp["outlet"] == "whatsnew2day") & (tp["topic"] == "lachin_humanitarian")]
    assert len(ww) == 1
    assert {"checkpoint", "Lachin corridor", "blockade"} <= set(ww.iloc[0]["cues"].split("; "))


@pytest.mark.story
def test_peskov_is_named_only_by_the_outlet_that_quotes_him(articles):
    assert coverage.outlets_mentioning(articles, "Dmitry Peskov") == [UNNAMED]
    assert coverage.outlets_mentioning(articles, "Tigran Grigoryan") == ["Caucasus Watch"]
    assert coverage.outlets_mentioning(articles, "Antony Blinken") == sorted(articles["outlet"])


@pytest.mark.story
def test_binken_is_counted_as_blinken(articles):
    mentions = coverage.actors_by_outlet(articles)
    ep = mentions[(mentions["outlet"] == "EurasiaPeace") & (mentions["actor"] == "Antony Blinken")]
    assert ep["count"].item() == 2
    assert ep["surfaces"].item() == "Anthony Blinken; Antony Binken"


@pytest.mark.story
def test_actor_presence_is_a_complete_grid(articles):
    grid = coverage.actor_presence_by_outlet(articles)
    assert len(grid) == articles["outlet"].nunique() * grid["actor"].nunique()
    assert (grid["mentioned"] == (grid["count"] > 0)).all()
    peskov = grid[grid["actor"] == "Dmitry Peskov"]
    assert peskov["n_outlets"].unique().tolist() == [1]


def test_side_mentions_shares_sum_to_one_per_outlet(articles):
    sides = coverage.sides_by_outlet(articles)
    assert sides.groupby("outlet")["share"].sum().round(9).eq(1).all()


def test_share_interval_by_hand():
    share, low, high, method = coverage.share_interval([0, 0, 0, 0])
    assert (share, low, method) == (0.0, 0.0, "wilson")
    # Wilson upper bound for 0/4 at 95%: z²/(n+z²) = 3.8415/7.8415.
    assert high == pytest.approx(3.841459 / 7.841459, rel=1e-5)
    share, low, high, method = coverage.share_interval([1, 0, 1, 0])
    assert share == 0.5 and method == "bootstrap" and 0 <= low < 0.5 < high <= 1


def test_old_names_warn_and_still_work(articles):
    with pytest.warns(DeprecationWarning, match="outlets_mentioning"):
        old = coverage.outlets_naming
    assert old is coverage.outlets_mentioning
    with pytest.warns(DeprecationWarning, match="topics_by_outlet"):
        assert coverage.topic_shares is coverage.topics_by_outlet
    assert_renamed(
        coverage,
        [
            ("events_mentioned", "events_by_article"),
            ("publication_timeline", "timeline_by_article"),
            ("topic_paragraphs", "find_topics"),
        ],
        articles,
    )
    with pytest.raises(AttributeError):
        coverage.no_such_table  # noqa: B018


def test_paragraph_words_are_the_one_word_count():
    from presslens.text import count_words

    arts = pd.DataFrame(
        {"article_id": ["a"], "outlet": ["A"], "text": ["U.S.-hosted talks.\n\nOne — two"]}
    )
    units = coverage.paragraph_units(arts)
    assert units["n_words"].tolist() == [
        count_words("U.S.-hosted talks."),
        count_words("One — two"),
    ]


@pytest.mark.slow
def test_notebook_02_runs_headless(run_notebook):
    nb = run_notebook("02-compare-coverage")
    assert_notebook_ran(nb, "02-compare-coverage")
    from pathlib import Path

    figures = Path(nb.metadata["presslens_reports"]) / "figures" / "02-compare-coverage"
    pngs = sorted(p.name for p in figures.glob("*.png"))
    assert {"topics-by-outlet.png", "timeline.png", "actors-by-outlet.png"} <= set(pngs)
