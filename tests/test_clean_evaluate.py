"""Scoring kept body text against gold (presslens.clean.evaluate), on a tiny invented gold."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from presslens.clean.evaluate import (
    BODY_COLUMNS,
    DATE_COLUMNS,
    body_scores,
    date_scores,
    page_scores,
    prints_date,
    shingles,
    summarize_body,
    summarize_dates,
)
from presslens.devsets import part_of

GOLD = {
    "p1": {"body": "the river rose by two metres overnight and the old bridge was closed"},
    "p2": {"body": "a new library opened on monday with three floors of books"},
    "p3": {"body": "the council voted to plant a thousand trees along the river"},
}


def test_shingles_are_word_four_grams_with_counts():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b") == {("a", "b"): 1}  # shorter than four words: one gram
    assert shingles("") == {}
    assert shingles("x y z w x y z w")[("x", "y", "z", "w")] == 2


def test_page_scores_exact_partial_empty():
    body = GOLD["p1"]["body"]
    assert page_scores(body, body) == (1.0, 1.0, 1.0)
    # Kept the body plus a menu line: recall 1, precision below 1.
    p, r, f = page_scores(body, body + "\n\nHome News Sport Weather Contact")
    assert r == 1.0 and 0.5 < p < 1.0 and f == pytest.approx(2 * p / (p + 1))
    # Kept nothing: no precision, recall 0.
    assert page_scores(body, "") == (None, 0.0, None)
    assert page_scores("", "") == (1.0, 1.0, 1.0)


def test_body_scores_from_a_mapping_of_paragraphs_and_summary_by_part():
    kept = {
        "p1": ["the river rose by two metres overnight", "and the old bridge was closed"],
        "p2": "a new library opened on monday with three floors of books\n\nSubscribe now",
        # p3 missing: the cleaner kept nothing
    }
    scores = body_scores(kept, GOLD)
    assert list(scores.columns) == BODY_COLUMNS
    assert scores["id"].tolist() == ["p1", "p2", "p3"]
    assert scores["part"].tolist() == [part_of(i) for i in ["p1", "p2", "p3"]]
    row = scores.set_index("id")
    # Paragraphs are joined with a blank line: the words run on, so all shingles match.
    assert row.loc["p1", "recall"] == 1.0 and row.loc["p1", "precision"] == 1.0
    assert row.loc["p2", "recall"] == 1.0 and row.loc["p2", "precision"] < 1.0
    assert row.loc["p3", "recall"] == 0.0 and math.isnan(row.loc["p3", "precision"])
    summary = summarize_body(scores).set_index("part")
    assert summary.loc["all", "pages"] == 3
    p = scores["precision"].mean()  # over the pages with output
    r = scores["recall"].mean()  # over all pages
    assert summary.loc["all", "precision"] == pytest.approx(p)
    assert summary.loc["all", "recall"] == pytest.approx(2 / 3)
    assert summary.loc["all", "f1"] == pytest.approx(2 * p * r / (p + r))
    assert summary.loc["all", "mean_f1"] == pytest.approx(scores["f1"].fillna(0).sum() / 3)
    assert set(summary.index) == {*scores["part"], "all"}


def test_body_scores_from_a_dataframe_and_a_gold_file(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    kept = pd.DataFrame(
        {"id": ["p2", "p1"], "text": [GOLD["p2"]["body"], "unrelated words only here"],
         "language": ["en", "en"]}
    )  # fmt: skip
    scores = body_scores(kept, path, ids=["p1", "p2"]).set_index("id")
    assert scores.loc["p2", "f1"] == 1.0
    assert scores.loc["p1", "f1"] == 0.0
    assert scores["language"].tolist() == ["en", "en"]


def test_body_scores_read_an_ingest_output(tmp_path):
    """End to end: pages through the ingest, scored from its output folder by file stem."""
    from presslens.ingest import ingest

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    title = "Library Opens Its Doors"
    (raw / "p2.txt").write_text(
        f"{title}\n\nHome\n\nNews\n\nOfficials said {GOLD['p2']['body']}, and more than a "
        "thousand visitors came on the first day.\n\n"
        "© 2024 City Paper. All rights reserved.\n",
        encoding="utf-8",
    )
    ingest(raw, out, progress=False, workers=1)
    scores = body_scores(out, {"p2": GOLD["p2"]}).set_index("id")
    assert scores.loc["p2", "recall"] == 1.0
    assert 0.3 < scores.loc["p2", "precision"] < 1.0  # the rest of the sentence is not gold


@pytest.mark.parametrize(
    "text",
    [
        "Posted March 5, 2024 by the desk",
        "Updated: 5 March 2024",
        "Mar. 5, 2024 | 10:00",
        "published 2024-03-05T10:00",
        "05.03.2024",
    ],
)
def test_prints_date_finds_the_common_forms_of_a_day(text):
    assert prints_date(text, "2024-03-05")


def test_a_slashed_day_counts_only_when_it_reads_one_way():
    assert prints_date("On 3/15/2024 the board met", "2024-03-15")
    assert prints_date("On 15/03/2024 the board met", "2024-03-15")
    assert not prints_date("Posted 3/5/2024", "2024-05-03")  # 3 May or March 5: not counted
    assert not prints_date("Posted 3/5/2024", "2024-03-05")


@pytest.mark.parametrize(
    "text",
    ["March 15, 2024", "5 March 2023", "2024-03-051", "no date here", "13/05/2024"],
)
def test_prints_date_is_not_fooled_by_a_neighbouring_day_or_number(text):
    assert not prints_date(text, "2024-03-05")


def test_date_scores_tell_printed_dates_from_unprinted_ones(tmp_path):
    """Only a page that prints its date can be asked to get it; both are scored against the
    ingest's output."""
    from presslens.ingest import ingest

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    body = "The council met on Tuesday and voted to plant a thousand trees along the river bank."
    (raw / "d1.txt").write_text(f"Trees For The River\n\nMay 14, 2024\n\n{body}\n", "utf-8")
    (raw / "d2.txt").write_text(f"Trees Again\n\n{body}\n", "utf-8")
    ingest(raw, out, progress=False, workers=1)
    gold = {"d1": {"published": "2024-05-14"}, "d2": {"published": "2024-05-14"}, "d3": {}}
    scores = date_scores(out, gold, raw).set_index("id")
    assert list(scores.index) == ["d1", "d2"]  # no gold date, no row
    assert scores.loc["d1", "printed"] and scores.loc["d1", "right"]
    assert not scores.loc["d2", "printed"] and not scores.loc["d2", "right"]
    assert scores.loc["d1", "part"] == part_of("d1")
    assert list(date_scores(out, gold, raw, ids=["d2"])["id"]) == ["d2"]


def test_summarize_dates_counts_right_dates_among_printed_ones():
    scores = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "part": ["tune", "tune", "tune", "held_out"],
            "printed": [True, True, False, False],
            "right": [True, False, True, False],
        }
    )
    summary = summarize_dates(scores).set_index("part")
    assert summary.loc["tune", ["pages", "printed", "right"]].tolist() == [3, 2, 1]
    assert summary.loc["tune", "share"] == 0.5  # the unprinted right date does not count
    assert summary.loc["tune", "share_low"] < 0.5 < summary.loc["tune", "share_high"]
    assert summary.loc["held_out", "printed"] == 0 and math.isnan(summary.loc["held_out", "share"])
    assert summary.loc["all", "pages"] == 4
    empty = summarize_dates(pd.DataFrame([], columns=DATE_COLUMNS))
    assert empty["pages"].tolist() == [0] and math.isnan(empty["share"].iloc[0])
