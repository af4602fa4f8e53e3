"""The title helpers state a finding only when the table supports it (issue 11)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from presslens.figures import titles


def table(values, names=None):
    names = names if names is not None else [f"Outlet {i}" for i in range(len(values))]
    return pd.DataFrame({"outlet": names, "count": values})


TITLE = dict(template="{name} leads ({count:.0f})", tie="{names} tie ({count:.0f})", none="none")


@pytest.mark.parametrize(
    "values",
    [[], [0, 0, 0], [math.nan, math.nan], [0, math.nan], [-1, -2], [math.inf, 0]],
    ids=["empty", "all-zero", "all-nan", "zero-and-nan", "negative", "infinite"],
)
def test_no_claim_from_zeros_or_missing_values(values):
    assert titles.leaders(table(values), "count", "outlet") == []
    assert titles.leader_title(table(values), "count", "outlet", **TITLE) == "none"


def test_one_leader_is_named_with_its_value():
    assert titles.leader_title(table([3, 7, 0]), "count", "outlet", **TITLE) == "Outlet 1 leads (7)"


def test_a_single_row_leads_only_when_positive():
    assert titles.leader_title(table([4]), "count", "outlet", **TITLE) == "Outlet 0 leads (4)"
    assert titles.leader_title(table([0]), "count", "outlet", **TITLE) == "none"


def test_ties_are_named_as_ties_or_not_claimed():
    tied = table([5, 5, 1])
    assert titles.leader_title(tied, "count", "outlet", **TITLE) == "Outlet 0 and Outlet 1 tie (5)"
    no_tie_wording = {**TITLE, "tie": None}
    assert titles.leader_title(tied, "count", "outlet", **no_tie_wording) == "none"


def test_empty_names_never_reach_a_sentence():
    rows = table([9, 1], names=[None, "  "])
    title = titles.leader_title(rows, "count", "outlet", **TITLE)
    assert title == "(no name) leads (9)"
    titles.check_title(title)
    assert titles.label(float("nan")) == titles.NO_NAME
    assert titles.label("") == titles.NO_NAME
    assert titles.names(["A", None, "A"]) == "A and (no name)"


def test_counts_and_shares_are_worded_as_what_they_are():
    assert titles.share_text(3, 15, "paragraph") == "20% (3 of 15 paragraphs)"
    assert titles.share_text(1, 1, "paragraph") == "100% (1 of 1 paragraph)"
    assert titles.share_text(0, 0, "paragraph") == ""
    assert titles.share_text(math.nan, 4) == ""
    assert titles.count_text(0, "quote") == "no quotes"
    assert titles.count_text(1, "quote") == "1 quote"
    assert titles.plural(1204, "article") == "1,204 articles"


def test_single_hits_are_worded_as_such():
    assert titles.times(1) == "once"
    assert titles.times(2) == "twice"
    assert titles.times(12) == "12 times"


def test_ranges_skip_missing_values():
    assert titles.number_range([3, math.nan, 10]) == "3–10"
    assert titles.number_range([4, 4.2]) == "4"
    assert titles.number_range([math.nan]) == ""
    assert titles.number_range([]) == ""


def test_names_are_cut_with_a_count_of_the_rest():
    assert titles.names([]) == ""
    assert titles.names(["A"]) == "A"
    assert titles.names(["A", "B", "C"]) == "A, B and C"
    assert titles.names(list("ABCDEF"), 3) == "A, B, C and 3 others"


@pytest.mark.parametrize(
    "bad",
    [
        "Dated articles appeared nan–nan days",
        "None wrote the most",
        "'s sentences read most",
        "“” is used",
    ],
)
def test_check_title_rejects_garbled_titles(bad):
    with pytest.raises(ValueError):
        titles.check_title(bad)


def test_check_title_accepts_words_that_contain_nan():
    assert titles.check_title("Financial news outlets: finance and nanotech") is not None


def test_clear_leader_names_an_outlet_only_when_its_interval_clears_the_others():
    shares = pd.DataFrame(
        {
            "outlet": ["A", "B", "C"],
            "count": [30, 10, 12],
            "n": [40, 40, 40],
            "share": [0.75, 0.25, 0.30],
            "ci_low": [0.60, 0.12, 0.17],
            "small": [False, False, False],
        }
    )
    assert titles.clear_leader(shares)["outlet"] == "A"
    # the same lead on four paragraphs: its interval reaches below the runner-up
    few = shares.assign(ci_low=[0.25, 0.12, 0.17])
    assert titles.clear_leader(few) is None
    # an outlet with too little text never leads, however clear its interval
    assert titles.clear_leader(shares.assign(small=[True, False, False])) is None
    # one row, or none carrying the frame, is nothing to compare
    assert titles.clear_leader(shares.head(1)) is None
    assert titles.clear_leader(shares.assign(share=0.0)) is None
