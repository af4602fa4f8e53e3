"""Article-level frame decisions fitted on coded articles, the learned model, and the coder
workflow: a sheet to code, sheets read back, agreement with intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from presslens import devsets, framing, stats
from presslens.framing import calibrate

FRAMES = "frames:\n  money:\n    label: Money\n    cues: [price*, cost*]\n"


@pytest.fixture
def toy(tmp_path):
    (tmp_path / "frames.yaml").write_text(FRAMES, encoding="utf-8")
    return tmp_path


def coded_toy(n: int = 40) -> pd.DataFrame:
    """Articles whose coders saw the frame exactly when prices come up twice or more."""
    rng = np.random.default_rng(7)
    rows = []
    for i in range(n):
        k = int(rng.integers(0, 4))
        filler = " ".join(["The council met on Tuesday."] * int(rng.integers(1, 4)))
        text = filler + " " + " ".join(["Prices went up again."] * k)
        rows.append({"article_id": f"t{i}", "outlet": f"O{i % 3}", "title": "", "text": text,
                     "money": k >= 2})  # fmt: skip
    return pd.DataFrame(rows)


def test_the_fitted_rule_finds_the_coders_threshold(toy):
    coded = coded_toy()
    scores = framing.cue_scores(coded, directory=toy)
    rule = calibrate.fit_rule(scores, coded["money"])
    assert rule["kappa"] == pytest.approx(1.0) and rule["how"] == "prevalence"
    # short texts count as 100 words long: two mentions are a rate of 2 per 100 words
    assert rule["measure"] == "rate" and rule["threshold"] == 2
    assert calibrate.apply_rule(scores, rule).tolist() == coded["money"].tolist()
    searched = calibrate.fit_rule(scores, coded["money"], how="kappa")
    assert searched["measure"] == "score" and searched["threshold"] == 2
    assert searched["kappa"] == pytest.approx(1.0) and searched["how"] == "kappa"
    # The uncalibrated rule (any cue) is worse: articles with one price mention are not coded.
    any_cue = calibrate.apply_rule(scores, calibrate.DEFAULT_RULE)
    assert (any_cue != coded["money"]).any()


def test_the_threshold_passes_as_many_articles_as_the_coders_coded(toy):
    """The rule is not searched for the best κ: it matches the coded prevalence, even when the
    coders disagree with the cues (here they saw the frame in a random third of the articles)."""
    coded = coded_toy(60)
    y = np.random.default_rng(3).random(len(coded)) < 1 / 3
    scores = framing.cue_scores(coded, directory=toy)
    rule = calibrate.fit_rule(scores, y)
    passing = calibrate.apply_rule(scores, rule).sum()
    rates = calibrate.measure_values(scores, "rate")
    # ties are counted in or out together: the closest count the distinct rates allow
    possible = [(rates >= t).sum() for t in np.unique(rates[rates > 0])]
    assert abs(passing - y.sum()) == min(abs(p - y.sum()) for p in possible)
    with pytest.raises(ValueError, match="how must be"):
        calibrate.fit_rule(scores, y, how="best")


def test_the_model_is_chosen_only_when_it_holds_up_better_under_prevalence_shifts():
    # worst kappa over the shifts, (by articles, by outlets)
    assert calibrate.choose_robust((0.40, 0.40), (0.43, 0.42)) == "model"
    assert calibrate.choose_robust((0.40, 0.40), (0.43, 0.39)) == "dictionary"
    assert calibrate.choose_robust((0.40, 0.40), (0.40, 0.40)) == "dictionary"  # ties: simpler
    assert calibrate.choose_robust((0.40, float("nan")), (0.50, 0.50)) == "dictionary"


def test_the_model_must_beat_the_dictionary_by_more_than_the_noise():
    # a gap within the least margin is no evidence, whatever the folds' spread
    gap = calibrate.MIN_MARGIN / 2
    assert calibrate.choose_robust((0.40, 0.40), (0.40 + gap, 0.40 + gap)) == "dictionary"
    # the seed-to-seed spread of the worst kappa, when larger, is the margin: a gap of 0.03
    # counts when the repetitions agree within 0.01, not when they scatter by 0.05
    steady = [(0.01, 0.01), (0.01, 0.01)]
    scattered = [(0.01, 0.05), (0.01, 0.01)]
    assert calibrate.choose_robust((0.40, 0.40), (0.43, 0.43), steady) == "model"
    assert calibrate.choose_robust((0.40, 0.40), (0.43, 0.43), scattered) == "dictionary"
    # an unknown spread (one repetition) falls back to the least margin
    unknown = [(float("nan"), float("nan"))] * 2
    assert calibrate.choose_robust((0.40, 0.40), (0.43, 0.43), unknown) == "model"


def test_the_stored_choice_follows_the_rule_with_its_margin():
    stored = framing.read_calibration().set_index("frame")
    assert len(stored)
    for frame, row in stored.iterrows():
        d, m = ("kappa_cv{}_shifted", "model_kappa_cv{}_shifted")
        by = ("", "_outlets")
        use = calibrate.choose_robust(
            [row[d.format(b)] for b in by],
            [row[m.format(b)] for b in by],
            [(row[d.format(b) + "_sd"], row[m.format(b) + "_sd"]) for b in by],
        )
        assert row["use"] == use, frame


def test_a_shifted_prevalence_costs_an_over_predicting_rule_its_agreement():
    from presslens.framing.evaluate import SHIFTS, shifted_kappa

    coded = np.array([True] * 20 + [False] * 40)
    perfect = coded.copy()
    for shift in SHIFTS:
        assert shifted_kappa(perfect, coded, shift) == pytest.approx(1.0)
    # every positive found, plus ten false alarms: fine at the coded prevalence, worse where
    # the frame is rarer (the false alarms weigh more against fewer positives)
    loose = coded.copy()
    loose[20:30] = True
    as_coded = shifted_kappa(loose, coded, SHIFTS[0])
    rarer = shifted_kappa(loose, coded, "half the positives")
    assert as_coded == pytest.approx(stats.cohen_kappa(list(loose), list(coded)))
    assert rarer < as_coded
    assert shifted_kappa(loose, coded, "half the positives") == rarer  # fixed seeds
    with pytest.raises(ValueError, match="shift must be"):
        shifted_kappa(loose, coded, "double")


def test_a_calibration_is_stored_beside_the_lexicon_and_read_back(toy):
    table = framing.calibrate_frames(coded_toy(), directory=toy, fitted_on="toy set")
    row = table.set_index("frame").loc["money"]
    assert row["kappa"] == pytest.approx(1.0) and row["fitted_on"] == "toy set"
    assert row["rule"] == "prevalence"
    assert row["kappa_cv"] == pytest.approx(1.0)
    # the toy outlets write alike: leaving whole outlets out of the folds changes nothing
    assert row["kappa_cv_outlets"] == pytest.approx(1.0)
    assert {"model_kappa_cv_outlets", "kappa_cv_outlets_sd"} <= set(table.columns)
    # the worst kappa over the prevalence shifts is never above the kappa as coded
    for shifted, plain in [("kappa_cv_shifted", "kappa_cv"),
                           ("model_kappa_cv_outlets_shifted", "model_kappa_cv_outlets")]:  # fmt: skip
        assert row[shifted] <= row[plain] + 1e-9
    path = framing.write_calibration(table, directory=toy)
    assert path == toy / "frames_calibration.yaml"
    back = framing.read_calibration(toy).set_index("frame")
    assert back.loc["money", "threshold"] == 2 and back.loc["money", "use"] == row["use"]
    decided = framing.frames_by_article(coded_toy(), directory=toy)
    assert decided["carries"].tolist() == coded_toy()["money"].tolist()
    assert set(decided["instrument"]) == {"calibrated dictionary"}


def test_the_model_learns_the_words_the_coders_follow_and_shows_them(toy):
    coded = coded_toy(60)
    model = framing.fit_frame_model(coded, "money", directory=toy)
    again = framing.fit_frame_model(coded, "money", directory=toy)
    np.testing.assert_array_equal(model.regression.coef_, again.regression.coef_)
    assert (model.predict(coded, directory=toy) == coded["money"]).mean() >= 0.85
    # at every length of filler, the more price sentences, the likelier the frame
    p = coded.assign(
        p=model.probability(coded, directory=toy),
        prices=coded["text"].str.count("Prices"),
        filler=coded["text"].str.count("council"),
    )
    for _, g in p.groupby("filler"):
        means = g.groupby("prices")["p"].mean()
        assert means.is_monotonic_increasing and means.index.tolist() == sorted(means.index)
    top = framing.model_cues(model, n=5)
    assert set(top.columns) == {"frame", "feature", "kind", "coefficient"}
    strongest = top.iloc[0]
    assert strongest["coefficient"] > 0
    # a word of the sentence the coders follow, not of the filler ("council", "tuesday")
    assert strongest["feature"] in {"price", "went", "up", "again", "price went", "went up"}


def test_frames_by_outlet_says_which_instrument_counts(articles):
    paragraphs = framing.frames_by_outlet(articles)
    assert list(paragraphs.columns[:3]) == ["outlet", "frame", "label"]
    assert set(paragraphs["instrument"]) == {"dictionary (a paragraph with a cue)"}
    per_article = framing.frames_by_outlet(articles, unit="article", instrument="dictionary")
    n_articles = articles.groupby("outlet").size()
    first = per_article.drop_duplicates("outlet").set_index("outlet")["n"]
    assert (first == n_articles.reindex(first.index)).all()
    assert per_article["instrument"].str.contains("dictionary").all()
    with pytest.raises(ValueError, match="unit"):
        framing.frames_by_outlet(articles, unit="sentence")


def test_a_coding_sheet_samples_every_outlet_with_cues_marked(articles):
    coded = articles.assign(conflict=articles["text"].str.contains("accus|oppos|attack"))
    model = framing.fit_frame_model(coded, "conflict")
    sheet = framing.article_coding_sheet(articles, n=3, models={"conflict": model})
    assert sheet["model_cues"].str.startswith("conflict: ").any()
    assert set(sheet["outlet"]) == set(articles["outlet"])
    assert sheet["highlighted"].str.contains(r"\[\[").any()
    assert {"conflict", "economic", "coder"} <= set(sheet.columns)
    assert (sheet["conflict"] == "").all()


def test_coders_sheets_come_back_as_kappa_and_alpha_with_intervals(tmp_path, toy):
    a = pd.DataFrame({"article_id": list("pqrs"), "file": list("pqrs"), "coder": "ann",
                      "money": ["1", "1", "0", "0"]})  # fmt: skip
    b = a.assign(coder="bob", money=["1", "0", "0", "0"])
    a.to_csv(tmp_path / "frames_article_coding_ann.csv", index=False)
    b.to_csv(tmp_path / "frames_article_coding_bob.csv", index=False)
    long = framing.read_coder_sheets(sorted(tmp_path.glob("*.csv")), directory=toy)
    assert len(long) == 8 and set(long["coder"]) == {"ann", "bob"}
    instrument = pd.DataFrame({"article_id": list("pqrs"), "frame": "money",
                               "predicted": [True, True, False, False]})  # fmt: skip
    ag = framing.coder_agreement(long, instrument, n_resamples=200, directory=toy)
    between = ag.set_index("comparison").loc["between coders"]
    # po = 3/4, pe = (2/4)(1/4) + (2/4)(3/4) = 1/2: kappa = 1/2.
    assert between["kappa"] == pytest.approx(0.5)
    assert between["kappa_low"] <= between["kappa"] <= between["kappa_high"]
    versus = ag.set_index("comparison").loc["instrument vs coders"]
    assert versus["kappa"] == pytest.approx((1.0 + 0.5) / 2)  # mean over the two coders
    arts = pd.DataFrame({"article_id": list("pqrs"), "outlet": "O", "text": "Prices."})
    coded = framing.read_article_codings(sorted(tmp_path.glob("*.csv")), arts, directory=toy)
    assert coded["money"].tolist() == [True, True, False, False]  # a tie counts as carrying it


needs_devset = pytest.mark.skipif(
    devsets.devset_dir("frames-climate") is None,
    reason="the frames-climate dev set is not beside the checkout (../shared/devsets)",
)


@needs_devset
def test_the_stored_calibration_is_what_the_tune_part_gives():
    stored = framing.read_calibration().set_index("frame")
    tune = framing.devset_articles("tune")
    assert set(tune["part"]) == {"tune"}
    scores = framing.cue_scores(tune)
    for frame, row in stored.iterrows():
        assert row["fitted_on"] == "frames-climate (tune part)" and row["n"] == len(tune)
        own = scores[scores["frame"] == frame].set_index("article_id")
        rule = calibrate.fit_rule(own.reindex(tune["article_id"]), tune[frame])
        assert rule["measure"] == row["measure"] and rule["how"] == row["rule"], frame
        assert rule["threshold"] == pytest.approx(row["threshold"], abs=1e-5), frame
        assert rule["kappa"] == pytest.approx(row["kappa"], abs=1e-3), frame


def test_the_model_weighs_how_the_cues_spread_beside_the_words(toy):
    coded = coded_toy(60)
    feats = framing.model.cue_features(coded, directory=toy)
    ev = [f"money@{e}" for e in framing.model.EVIDENCE]
    assert set(ev) <= set(feats.columns)
    prices = coded["text"].str.count("Prices")
    share = feats["money@share"].to_numpy()
    assert ((share > 0) == (prices > 0).to_numpy()).all() and (share <= 1).all()
    assert ((feats["money@max"] > 0).to_numpy() == (prices > 0).to_numpy()).all()
    model = framing.fit_frame_model(coded, "money", directory=toy)
    assert model.evidence_columns == ev
    words = model.regression.predict_proba(model._matrix(coded))
    both = model.probability(coded, directory=toy, cues=feats)
    evidence = model.evidence.predict_proba(feats.loc[coded["article_id"], ev].to_numpy())
    np.testing.assert_allclose(both, (words[:, 1] + evidence[:, 1]) / 2)
    shown = framing.model_cues(model, n=3)
    assert set(shown.loc[shown["kind"] == "evidence", "feature"]) == set(
        framing.model.EVIDENCE_LABELS.values()
    )
    # the dictionary enters through its evidence only, not as one learned weight per cue
    assert set(shown["kind"]) == {"word", "evidence"}


def test_repeated_cross_validation_reports_mean_and_spread(toy):
    from presslens.framing import evaluate

    table = evaluate.repeated_cv_kappa(coded_toy(), repeats=3, directory=toy)
    assert list(table.columns) == [
        "frame", "instrument", "repeats", "kappa", "kappa_sd", "kappa_min", "kappa_max",
    ]  # fmt: skip
    row = table.set_index(["frame", "instrument"]).loc[("money", "calibrated dictionary")]
    assert row["repeats"] == 3 and row["kappa"] == pytest.approx(1.0) and row["kappa_sd"] == 0
    assert (table["kappa_min"] <= table["kappa"] + 1e-12).all()
    assert (table["kappa"] <= table["kappa_max"] + 1e-12).all()
    other = evaluate.repeated_cv_kappa(coded_toy(), seeds=[100, 101], directory=toy)
    assert set(other["repeats"]) == {2}


def test_outlet_folds_keep_each_outlet_on_one_side(toy):
    """Leaving outlets out: no outlet has articles on both sides of a fold, one outlet spelled
    two ways counts once, and every article is predicted once."""
    from presslens.framing import evaluate

    coded = coded_toy(60)
    names = ["The Daily Planet", "thedailyplanet", "Evening Post", "Morning Star", "Courier"]
    coded["outlet"] = [names[i % len(names)] for i in range(len(coded))]
    groups = evaluate.outlet_groups(coded)
    assert groups[0] == groups[1] and len(set(groups)) == 4
    seen = []
    for train, test in calibrate.folds(coded["money"], seed=3, groups=groups):
        assert not set(groups[train]) & set(groups[test])
        seen += list(test)
    assert sorted(seen) == list(range(len(coded)))
    pred = evaluate.cross_validated_predictions(
        coded, by="outlet", instruments=("model",), directory=toy
    )
    assert set(pred["instrument"]) == {"model"} and len(pred) == len(coded)
    with pytest.raises(ValueError, match="by must be"):
        evaluate.cross_validated_predictions(coded, by="site", directory=toy)


def test_repeated_cross_validation_leaves_outlets_out_on_request(toy):
    from presslens.framing import evaluate

    table = evaluate.repeated_cv_kappa(
        coded_toy(), seeds=[0, 1], directory=toy, by="outlet",
        instruments=("calibrated dictionary",),
    )  # fmt: skip
    row = table.set_index(["frame", "instrument"]).loc[("money", "calibrated dictionary")]
    assert row["repeats"] == 2 and row["kappa"] == pytest.approx(1.0)
    assert set(table["instrument"]) == {"calibrated dictionary"}


def test_check_frames_reports_outlets_left_out_beside_the_article_folds(toy):
    table = framing.check_frames(coded_toy(), directory=toy, n_resamples=50, outlets=True)
    assert list(dict.fromkeys(table["part"])) == [
        "tune (cross-validated)",
        "tune (outlets left out)",
    ]
    money = table[(table["frame"] == "money") & (table["instrument"] == "calibrated dictionary")]
    assert len(money) == 2 and money["kappa"].to_numpy() == pytest.approx([1.0, 1.0])
    assert (money["n"] == len(coded_toy())).all()


def test_charts_decide_with_the_models_own_threshold(toy, monkeypatch):
    """`frames_by_article` and cross-validation share one decision (`model.decide`): a chart never
    applies another threshold than the one the model was measured with."""
    from presslens.framing import model as frame_model

    coded = coded_toy(60)
    monkeypatch.setattr(calibrate, "default_coded", lambda directory=None: (coded, "toy set"))
    fitted = framing.fit_frame_model(coded, "money", directory=toy)
    p = fitted.probability(coded, directory=toy)
    threshold = float(np.quantile(p, 0.8))  # a decision the probabilities split unevenly
    assert ((p >= threshold) != (p >= 0.5)).any()
    monkeypatch.setattr(frame_model, "THRESHOLD", threshold)
    decided = framing.frames_by_article(coded, directory=toy, instrument="model")
    assert set(decided["instrument"]) == {"model"}
    np.testing.assert_allclose(decided["score"], p)
    assert decided["carries"].tolist() == (p >= threshold).tolist()
    assert fitted.predict(coded, directory=toy).tolist() == (p >= threshold).tolist()
