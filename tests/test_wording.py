"""presslens.wording: known answers on tiny corpora, and properties on the sample."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import assert_notebook_ran

from presslens import lexicons
from presslens import text as T
from presslens import wording as W


def _frame(rows):
    """rows: (outlet, text) pairs → an articles-like frame."""
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(rows))],
            "outlet": [o for o, _ in rows],
            "text": [t for _, t in rows],
        }
    )


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", W.SmallSampleWarning)
        return fn(*args, **kwargs)


def test_distinctive_terms_known_answer():
    # A: peace 2, corridor 1 (3 words); B: corridor 1, treaty 1 (2 words)
    arts = _frame([("A", "Peace corridor peace."), ("B", "Corridor treaty.")])
    out = _quiet(W.distinctive_terms, arts, phrases=(), n_resamples=50, min_count=2)
    row = out[(out.outlet == "A") & (out.term == "peace")].iloc[0]
    assert (row["count"], row["ref_count"], row["total"], row["ref_total"]) == (2, 0, 3, 2)
    assert row["reference"] == W.REST
    # G2 on the 2x2 table: expected 1.2, 0.8 (peace) and 1.8, 1.2 (other words)
    g2 = 2 * (2 * math.log(2 / 1.2) + 1 * math.log(1 / 1.8) + 2 * math.log(2 / 1.2))
    assert row["g2"] == pytest.approx(g2)
    # Log Ratio: (2/3) / (0.5/2) with the zero reference count replaced by 0.5
    assert row["log_ratio"] == pytest.approx(math.log2((2 / 3) / (0.5 / 2)))
    # log-odds with the corpus prior: corridor 2, peace 2, treaty 1 (+0.01 each), a0 = 5.03
    a_w, a0 = 2.01, 5.03
    delta = math.log((2 + a_w) / (3 + a0 - 2 - a_w)) - math.log((0 + a_w) / (2 + a0 - 0 - a_w))
    assert row["log_odds"] == pytest.approx(delta)
    assert row["z"] == pytest.approx(delta / math.sqrt(1 / (2 + a_w) + 1 / (0 + a_w)))
    assert not row["low_count"]
    # corridor: 1 of 3 vs 1 of 2 → flagged as low count, not dropped
    corridor = out[(out.outlet == "A") & (out.term == "corridor")].iloc[0]
    assert corridor["low_count"]
    assert corridor["log_ratio"] == pytest.approx(math.log2((1 / 3) / (1 / 2)))
    # rows rank the most typical term of each group first
    assert out[out.outlet == "A"].iloc[0]["term"] == "peace"
    assert out[out.outlet == "B"].iloc[0]["term"] == "treaty"
    assert set(out.columns) >= {"ci_low", "ci_high", "p", "rank", "rate_per_10k"}


def test_bootstrap_interval_degenerate_when_every_paragraph_is_alike():
    target = "\n\n".join(["peace war"] * 3)
    reference = "\n\n".join(["war war"] * 4)
    out = _quiet(W.distinctive_terms, _frame([("A", target), ("B", reference)]), phrases=())
    war = out[(out.outlet == "A") & (out.term == "war")].iloc[0]
    # every resample has the same rates: 1/2 vs 1 → log2(0.5) = -1
    assert war["log_ratio"] == pytest.approx(-1.0)
    assert war["ci_low"] == pytest.approx(-1.0) and war["ci_high"] == pytest.approx(-1.0)


def test_pairwise_and_method_and_top():
    arts = _frame(
        [("A", "peace peace talks"), ("B", "war talks talks"), ("C", "corridor peace war")]
    )
    out = _quiet(W.distinctive_terms, arts, pairwise=True, phrases=(), n_resamples=20)
    pairs = set(zip(out.outlet, out.reference, strict=True))
    assert pairs == {(g, h) for g in "ABC" for h in "ABC" if g != h}
    ab = out[(out.outlet == "A") & (out.reference == "B")].set_index("term")
    assert ab.loc["peace", "count"] == 2 and ab.loc["peace", "ref_count"] == 0
    assert ab.loc["war", "count"] == 0 and ab.loc["war", "ref_count"] == 1
    assert "corridor" not in ab.index  # used by neither side of this pair
    top = _quiet(W.distinctive_terms, arts, method="g2", top=1, phrases=(), n_resamples=0)
    assert len(top) == 3 and (top["rank"] == 1).all()
    assert top.set_index("outlet").loc["A", "term"] == "peace"
    with pytest.raises(ValueError):
        W.distinctive_terms(arts, method="tfidf")


def test_small_groups_warn_clearly_and_big_groups_do_not():
    words = " ".join(f"w{i % 50}" for i in range(200))
    big = _frame([("A", words)] * 3 + [("B", words)] * 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error", W.SmallSampleWarning)
        W.distinctive_terms(big, n_resamples=0, phrases=())
    small = _frame([("A", words)] * 3 + [("B", "just a few words here")])
    with pytest.warns(W.SmallSampleWarning, match=r"'B' \(1 article, 5 words\)"):
        W.distinctive_terms(small, n_resamples=0, phrases=())


# 11 words
SHARED = "the ministers agreed on normalization of relations between the two countries"


def test_exclude_shared_removes_copied_wire_text():
    arts = _frame(
        [
            ("Wire", f"Talks ended. {SHARED}. Officials spoke."),
            ("Aggregator", f"Breaking: “{SHARED.capitalize()}”, readers learned."),
            ("Other", "Peace corridor statement."),
        ]
    )
    plain = _quiet(W.distinctive_terms, arts, phrases=(), n_resamples=0)
    masked = _quiet(W.distinctive_terms, arts, phrases=(), n_resamples=0, exclude_shared=True)
    agg = masked[masked.outlet == "Aggregator"].set_index("term")
    assert "normalization" not in agg.index or agg.loc["normalization", "count"] == 0
    assert "normalization" in set(plain[plain.outlet == "Aggregator"].term)
    assert masked.attrs["excluded_words"] == {"Aggregator": 11, "Other": 0, "Wire": 11}
    assert set(agg.index) >= {"breaking", "readers", "learned"}


def test_shared_passages_maximal_with_divergent_context():
    arts = _frame(
        [
            ("Wire", f"Talks ended. {SHARED}. Officials spoke."),
            ("Aggregator", f"Breaking: “{SHARED.capitalize()}”, readers learned."),
        ]
    )
    out = W.shared_passages(arts, min_words=8)
    assert len(out) == 1
    row = out.iloc[0]
    assert row["n_words"] == 11
    assert row["text_a"] == SHARED
    assert row["text_b"] == SHARED.capitalize()
    assert (row["before_a"], row["after_a"]) == ("Talks ended.", "Officials spoke.")
    assert (row["before_b"], row["after_b"]) == ("Breaking:", "readers learned.")
    assert arts.text[1][row["start_b"] : row["end_b"]] == row["text_b"]
    assert W.shared_passages(arts, min_words=12).empty

    matrix = W.reuse_matrix(arts).set_index(["outlet", "other"])
    assert matrix.loc[("Wire", "Aggregator"), "reused_words"] == 11
    assert matrix.loc[("Wire", "Aggregator"), "share"] == pytest.approx(11 / 15)
    assert matrix.loc[("Aggregator", "Wire"), "share"] == pytest.approx(11 / 14)


def test_concordance_words_phrases_wildcards_regex():
    arts = _frame(
        [
            ("A", "The Lachin corridor was blocked.\n\nTalks on the Lachin\ncorridor resumed."),
            ("B", "Armenia’s negotiators began negotiating; negotiations continue."),
        ]
    )
    hits = W.concordance(arts, "corridor", context=2)
    assert list(hits.columns) == [
        "outlet", "article_id", "paragraph", "left", "match", "right", "start", "end", "language",
    ]  # fmt: skip
    assert hits["match"].tolist() == ["corridor", "corridor"]
    assert hits["left"].tolist() == ["The Lachin", "…the Lachin"]  # "…": words cut off
    assert hits["right"].tolist() == ["was blocked.", "resumed."]  # stays in its paragraph
    assert hits["paragraph"].tolist() == [0, 1]
    assert len(W.concordance(arts, "lachin corridor")) == 2  # phrase across a line break
    assert W.concordance(arts, "negotiat*")["match"].tolist() == [
        "negotiators",
        "negotiating",
        "negotiations",
    ]
    assert W.concordance(arts, "Armenia's")["match"].tolist() == ["Armenia’s"]  # original shown
    assert len(W.concordance(arts, "re:negotiat(ing|ions)")) == 2
    assert len(W.concordance(arts, re.compile(r"\bLachin\b"))) == 2
    assert W.concordance(arts, "negotiation").empty  # whole words only
    row = W.concordance(arts, "corridor").iloc[0]
    assert arts.text[0][row["start"] : row["end"]] == "corridor"


def test_concordance_groups_by_any_column():
    arts = _frame([("A", "peace now"), ("B", "no peace"), ("C", "peace")])
    arts["country"] = ["X", None, "X"]
    hits = W.concordance(arts, "peace", by="country")
    assert hits.columns[0] == "country" and "outlet" not in hits.columns
    assert hits["country"].tolist() == ["(missing)", "X", "X"]
    assert hits["article_id"].tolist() == ["a1", "a0", "a2"]


def test_old_names_still_work_and_warn():
    arts = _frame([("A", "One two three corridor four five six.")])
    with pytest.warns(DeprecationWarning, match="concordance"):
        old = W.kwic(arts, "corridor", window=2)
    pd.testing.assert_frame_equal(old, W.concordance(arts, "corridor", context=2))
    with pytest.warns(DeprecationWarning, match="pattern_regex"):
        regex = W.compile_pattern("negotiat*")
    assert regex.pattern == lexicons.pattern_regex("negotiat*").pattern
    with pytest.warns(DeprecationWarning, match="n_resamples"):
        old = _quiet(W.distinctive_terms, arts, phrases=(), n_bootstrap=5)
    new = _quiet(W.distinctive_terms, arts, phrases=(), n_resamples=5)
    pd.testing.assert_frame_equal(old, new)
    with pytest.raises(TypeError):
        W.distinctive_terms(arts, n_bootstrap=5, n_resamples=5)


def test_collocations_term_and_paragraph_boundaries():
    filler = ["Officials met ministers in Washington.", "Ministers discussed borders today."]
    text = "\n\n".join(
        ["The Lachin corridor is open."] * 3 + ["Corridor\n\nLachin"] * 2 + filler * 4
    )
    arts = _frame([("A", text)])
    out = W.collocations(arts, term="corridor", min_freq=2)
    lachin = out[out.collocate == "lachin"].iloc[0]
    assert lachin["count"] == 3  # the two split paragraphs do not count
    assert lachin["pmi"] > 0 and lachin["llr"] > 0
    assert "the" not in set(out.collocate)  # stop words removed from pairs
    pairs = W.collocations(arts, min_freq=3)
    assert "lachin corridor" in set(pairs.collocate)
    assert W.collocations(arts, min_freq=10).empty


def _nltk_collocations(stream, window, target, stops, min_freq):
    """What NLTK's finder gives for a padded token stream: `{(w1, w2): (count, llr, pmi)}`."""
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    finder = BigramCollocationFinder.from_words(stream, window_size=window)
    finder.apply_word_filter(lambda w: w in stops and w != target)
    if target is not None:
        finder.apply_ngram_filter(lambda w1, w2: target not in (w1, w2))
    finder.apply_freq_filter(min_freq)
    m = BigramAssocMeasures()
    llr, pmi = dict(finder.score_ngrams(m.likelihood_ratio)), dict(finder.score_ngrams(m.pmi))
    return {pq: (finder.ngram_fd[pq], llr[pq], pmi[pq]) for pq in llr}


@pytest.mark.parametrize("term, window", [(None, 2), (None, 3), ("peace", 5), ("peace", 2)])
def test_collocations_count_and_score_as_nltk_does(term, window):
    # the term next to itself, at paragraph edges, and beside stop words
    paras = [
        "Peace talks and peace peace again.",
        "Talks on peace corridor; peace talks resumed.",
        "Peace.",
        "The corridor talks, then peace talks and the corridor.",
    ]
    arts = _frame([("A", "\n\n".join(paras * 3)), ("B", "\n\n".join(paras[1:] * 2))])
    stops = T.stop_words("en")
    out = W.collocations(arts, term=term, by="outlet", window=window, min_freq=1, top=None)
    for outlet, part in out.groupby("outlet"):
        stream = []
        for text in arts.loc[arts.outlet == outlet, "text"]:
            for para in text.split("\n\n"):
                stream += T.tokenize(para) + [None] * (window - 1)
        expected = _nltk_collocations(stream, window, term, stops, 1)
        got = {
            (w1, w2): (n, llr, pmi)
            for w1, w2, n, llr, pmi in part[["w1", "w2", "count", "llr", "pmi"]].itertuples(
                index=False
            )
        }
        if term is None:
            assert got == expected
            assert list(part["collocate"]) == [f"{a} {b}" for a, b in expected]  # same order
        else:  # the same partner on both sides: one row, counts added, best scores kept
            partners: dict = {}
            for (w1, w2), (n, llr, pmi) in expected.items():
                other = w2 if w1 == term else w1
                if other == term:
                    continue
                c, best_llr, best_pmi = partners.get(other, (0, -np.inf, -np.inf))
                partners[other] = (c + n, max(best_llr, llr), max(best_pmi, pmi))
            values = zip(part["count"], part["llr"], part["pmi"], strict=True)
            rows = dict(zip(part["collocate"], values, strict=True))
            assert rows == partners


def test_keyness_intervals_do_not_depend_on_top():
    rng = np.random.default_rng(3)
    words = "peace war corridor talks border treaty road ceasefire army aid".split()
    arts = _frame(
        [(g, "\n\n".join(" ".join(rng.choice(words, 12)) for _ in range(4))) for g in "ABCABCABCA"]
    )
    full = _quiet(W.distinctive_terms, arts, phrases=(), n_resamples=300, min_count=1)
    top = _quiet(W.distinctive_terms, arts, phrases=(), n_resamples=300, min_count=1, top=3)
    both = top.merge(full, on=["outlet", "reference", "term"], suffixes=("", "_full"))
    assert len(both) == len(top) and top["ci_low"].notna().all()
    assert (both["ci_low"] == both["ci_low_full"]).all()
    assert (both["ci_high"] == both["ci_high_full"]).all()
    assert (both["rank"] == both["rank_full"]).all()


def test_default_phrases_degrades_without_lexicons(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSLENS_LEXICONS", str(tmp_path))
    assert W.default_phrases() == ()  # no lexicon files: plain words, no failure
    (tmp_path / "naming.yaml").write_text(
        "# header\ngroups:\n  g:\n    variants:\n      Border crossing: [border crossing]\n"
        "      Road: [road]\n",
        encoding="utf-8",
    )
    # naming.yaml alone (no actors.yaml): its multi-word variants, not its single words
    assert W.default_phrases() == ("Border crossing",)


# ---- the sample corpus ---------------------------------------------------------------------


@pytest.mark.story
def test_distinctive_terms_on_sample(articles):
    with pytest.warns(W.SmallSampleWarning):
        out = W.distinctive_terms(articles, n_resamples=200)
    assert set(out.outlet) == set(articles.outlet)
    # every group's reference is the rest of the corpus: totals add up to all running words
    totals = out.groupby("outlet")[["total", "ref_total"]].first().sum(axis=1)
    assert totals.nunique() == 1
    assert (out["ci_low"] <= out["ci_high"] + 1e-9).all()
    assert out["low_count"].any() and (~out["low_count"]).any()
    # counts kept raw: the sum over outlets of a term's target count equals its corpus count
    peace = out[out.term == "peace"]
    assert (peace["count"] + peace["ref_count"]).nunique() == 1


@pytest.mark.story
def test_reuse_on_sample_is_quoted_phrases_not_wire_copy(articles):
    passages = W.shared_passages(articles, min_words=6)
    texts = set(passages["text_a"].str.lower())
    assert "an agreement on normalization of relations" in texts
    assert (passages["n_words"] < 20).all()  # no long copied wire passages in the sample
    matrix = W.reuse_matrix(articles)
    assert len(matrix) == articles.outlet.nunique() * (articles.outlet.nunique() - 1)
    assert matrix["share"].between(0, 1).all()
    assert matrix["share"].max() < 0.1


def test_concordance_on_sample_counts_match_tokens(articles):
    hits = W.concordance(articles, "corridor")
    toks = T.tokens(articles)
    assert len(hits) == int((toks.token == "corridor").sum())
    assert set(hits.columns) >= {"outlet", "article_id", "left", "match", "right"}
    assert np.all(hits["match"].str.lower() == "corridor")


def test_notebook_03_runs_and_saves_its_outputs(run_notebook):
    from pathlib import Path

    nb = run_notebook("03-compare-wording")
    reports = Path(nb.metadata["presslens_reports"])
    figs = reports / "figures" / "03-compare-wording"
    for name in ("distinctive-terms-z", "keyness-log-ratio", "reuse-heatmap"):
        for ext in ("png", "svg", "csv"):
            assert (figs / f"{name}.{ext}").stat().st_size > 0
    tables = reports / "tables" / "03-compare-wording"
    keyness = pd.read_csv(tables / "keyness.csv")
    assert {"count", "ref_count", "g2", "p", "log_ratio", "ci_low", "ci_high"} <= set(keyness)
    assert (keyness["ci_low"] <= keyness["ci_high"] + 1e-9).all()
    for name in ("collocations", "kwic-contested", "shared-passages"):
        assert (tables / f"{name}.csv").exists()
    assert_notebook_ran(nb, "03-compare-wording")
