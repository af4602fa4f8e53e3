"""Known-answer tests for presslens.stats: every expected value is worked out by hand here."""

from __future__ import annotations

import math

import numpy as np
import pytest

from presslens import stats


def test_g2_full_table_by_hand():
    # term 10 of 1,000 target tokens vs 20 of 4,000 reference tokens.
    # expected: E1 = 1000*30/5000 = 6, E2 = 24, E3 = 1000*4970/5000 = 994, E4 = 3976
    expected = 2 * (
        10 * math.log(10 / 6)
        + 20 * math.log(20 / 24)
        + 990 * math.log(990 / 994)
        + 3980 * math.log(3980 / 3976)
    )
    g2, p = stats.log_likelihood_g2(10, 20, 1000, 4000)
    assert g2 == pytest.approx(expected, rel=1e-12)
    # p of chi2 with 1 df is the two-sided normal tail of sqrt(G2)
    assert p == pytest.approx(math.erfc(math.sqrt(expected / 2)), rel=1e-9)


def test_g2_simplified_is_rayson_two_cell_form():
    g2, _ = stats.log_likelihood_g2(10, 20, 1000, 4000, simplified=True)
    assert g2 == pytest.approx(2 * (10 * math.log(10 / 6) + 20 * math.log(20 / 24)))


def test_g2_vectorised_zero_and_equal_rates():
    g2, p = stats.log_likelihood_g2([5, 0, 0], [5, 7, 0], [100, 100, 100], [100, 100, 100])
    assert g2[0] == pytest.approx(0.0, abs=1e-12)  # same rate in both corpora
    assert p[0] == pytest.approx(1.0)
    assert g2[1] > 0 and np.isfinite(g2[1])  # 0 * ln 0 treated as 0
    assert g2[2] == pytest.approx(0.0)


def test_log_ratio_by_hand():
    # 10/1000 = 0.01 vs 20/4000 = 0.005: twice as frequent, log2(2) = 1
    assert stats.log_ratio(10, 20, 1000, 4000) == pytest.approx(1.0)
    # zero target count becomes 0.5: (0.5/1000)/(20/4000) = 0.1
    assert stats.log_ratio(0, 20, 1000, 4000) == pytest.approx(math.log2(0.1))
    # zero reference count: (10/1000)/(0.5/4000) = 80
    assert stats.log_ratio(10, 0, 1000, 4000) == pytest.approx(math.log2(80))
    assert stats.log_ratio(0, 0, 1000, 4000) == 0.0
    out = stats.log_ratio(np.array([10, 5]), np.array([20, 5]), 1000, 1000)
    assert out == pytest.approx([-1.0, 0.0])


def test_log_odds_dirichlet_by_hand():
    # counts [3, 1] vs [1, 3], uniform prior alpha_w = 1 (alpha_0 = 2, n_i = n_j = 4)
    # word 0: log(4 / (4+2-4)) - log(2 / (4+2-2)) = log 2 - log 0.5 = 2 log 2
    # variance 1/4 + 1/2 = 0.75
    delta, z = stats.log_odds_dirichlet([3, 1], [1, 3], 1.0)
    assert delta[0] == pytest.approx(2 * math.log(2))
    assert z[0] == pytest.approx(2 * math.log(2) / math.sqrt(0.75))
    assert delta[1] == pytest.approx(-delta[0])  # symmetric case
    assert z[1] == pytest.approx(-z[0])


def test_log_odds_informative_prior_shrinks_rare_words():
    # same observed ratio (3:1) but a heavier prior on word 0 pulls its delta towards 0
    light, _ = stats.log_odds_dirichlet([3, 1], [1, 3], [0.01, 0.01])
    heavy, _ = stats.log_odds_dirichlet([3, 1], [1, 3], [100, 0.01])
    assert 0 < heavy[0] < light[0]
    with pytest.raises(ValueError):
        stats.log_odds_dirichlet([1], [1], 0)


def test_wilson_known_values():
    # 5 of 10, z = 1.959964: (0.2366, 0.7634) (Wilson 1927; Newcombe 1998 table I)
    low, high = stats.wilson_ci(5, 10)
    assert (low, high) == pytest.approx((0.23659, 0.76341), abs=1e-4)
    low, high = stats.wilson_ci(0, 10)
    assert low == 0.0 and high == pytest.approx(0.27753, abs=1e-4)
    assert all(math.isnan(v) for v in stats.wilson_ci(0, 0))


def test_bootstrap_constant_statistic_and_determinism():
    clusters = [np.array([1.0, 1.0]), np.array([1.0])]
    assert stats.bootstrap_ci(clusters, lambda cs: np.concatenate(cs).mean(), n_resamples=50) == (
        1.0,
        1.0,
    )
    data = np.arange(20.0).reshape(10, 2)
    first = stats.bootstrap_ci(data, lambda rows: rows.mean(), n_resamples=200)
    again = stats.bootstrap_ci(data, lambda rows: rows.mean(), n_resamples=200)
    assert first == again  # seeded from config.SEED
    assert first[0] < data.mean() < first[1]


def test_cluster_bootstrap_wider_than_treating_words_as_independent():
    # 6 paragraphs whose words are all 0 or all 1: clusters carry the variation
    paras = [np.ones(20)] * 3 + [np.zeros(20)] * 3
    cluster = stats.bootstrap_ci(paras, lambda cs: np.concatenate(cs).mean(), n_resamples=500)
    words = stats.bootstrap_ci(np.concatenate(paras), lambda w: w.mean(), n_resamples=500)
    assert (cluster[1] - cluster[0]) > 2 * (words[1] - words[0])


def test_bootstrap_stratified_tuple_and_vector_statistic():
    target = np.array([[2, 0], [2, 0], [2, 0]])
    reference = np.array([[0, 1], [0, 1]])
    low, high = stats.bootstrap_ci(
        (target, reference), lambda t, r: t.sum(axis=0) - r.sum(axis=0), n_resamples=100
    )
    assert low == pytest.approx([6, -2]) and high == pytest.approx([6, -2])


def test_share_ci():
    share, low, high = stats.share_ci([1, 2, 0], [2, 2, 4])
    assert share == pytest.approx(3 / 8)
    assert 0 <= low <= share <= high <= 1
    assert stats.share_ci([2, 2], [2, 2]) == (1.0, 1.0, 1.0)
    assert all(math.isnan(v) for v in stats.share_ci([0], [0]))


def test_cohen_kappa_by_hand_and_against_sklearn():
    from sklearn.metrics import cohen_kappa_score

    a = ["y", "y", "y", "n", "n", "y", "n", "y", "y", "y"]
    b = ["y", "n", "y", "n", "n", "y", "y", "y", "y", "y"]
    # agreement 8/10; each coder says y 7 times and n 3 times
    po = 0.8
    pe = 0.7 * 0.7 + 0.3 * 0.3
    assert stats.cohen_kappa(a, b) == pytest.approx((po - pe) / (1 - pe))
    assert stats.cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    assert stats.cohen_kappa(a, a) == pytest.approx(1.0)
    # missing labels are skipped
    assert stats.cohen_kappa(a + [None], b + ["y"]) == pytest.approx(cohen_kappa_score(a, b))
    assert math.isnan(stats.cohen_kappa(["y", "y"], ["y", "y"]))


def test_krippendorff_alpha_by_hand():
    # units (a,a), (a,b), (b,b), (b,b): coincidences o_aa=2, o_ab=o_ba=1, o_bb=4
    # n_a=3, n_b=5, n=8; alpha = 1 - (2/8) / (2*3*5/(8*7)) = 1 - 14/30
    data = [["a", "a", "b", "b"], ["a", "b", "b", "b"]]
    assert stats.krippendorff_alpha(data) == pytest.approx(16 / 30)


def test_krippendorff_alpha_reference_example_with_missing():
    # Krippendorff (2011) "Computing Krippendorff's alpha-reliability", 4 observers x 12 units
    n = None
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert stats.krippendorff_alpha(data) == pytest.approx(0.743, abs=5e-4)
    assert stats.krippendorff_alpha(data, level="interval") == pytest.approx(0.849, abs=5e-4)
    with pytest.raises(ValueError):
        stats.krippendorff_alpha(data, level="ordinal")


def test_proportion_ci_is_the_unit_bootstrap_drawn_directly():
    flags = np.r_[np.ones(30), np.zeros(90)]
    share, low, high = stats.proportion_ci(30, 120)
    by_units = stats.share_ci(flags, np.ones(120), n_resamples=4000)
    assert share == by_units[0] == 0.25
    assert low == pytest.approx(by_units[1], abs=0.015)
    assert high == pytest.approx(by_units[2], abs=0.015)
    assert low < 0.25 < high
    assert stats.proportion_ci(30, 120) == (share, low, high)  # seeded: deterministic
    assert all(math.isnan(v) for v in stats.proportion_ci(0, 0))


def test_old_resample_keywords_warn_and_give_the_same_answer():
    data = np.arange(20.0).reshape(10, 2)
    new = stats.bootstrap_ci(data, lambda rows: rows.mean(), n_resamples=200)
    with pytest.warns(DeprecationWarning, match="n_resamples"):
        assert stats.bootstrap_ci(data, lambda rows: rows.mean(), n=200) == new
    with pytest.warns(DeprecationWarning, match="n_resamples"):
        old = stats.share_ci([1, 2, 0], [2, 2, 4], n=300)
    assert old == stats.share_ci([1, 2, 0], [2, 2, 4], n_resamples=300)
    with pytest.warns(DeprecationWarning, match="n_resamples"):
        old = stats.proportion_ci(3, 12, resamples=300)
    assert old == stats.proportion_ci(3, 12, n_resamples=300)
