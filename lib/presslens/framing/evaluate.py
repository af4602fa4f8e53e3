"""How far each frame instrument can be trusted: Cohen's κ against coded articles, with
bootstrap intervals, for four instruments side by side.

* `dictionary`: the cues as written, an article carries a frame when it has any cue;
* `calibrated dictionary`: the decision rule fitted on the training articles (`calibrate`);
* `model`: the logistic regressions over words and the dictionary's evidence (`model`);
* `baseline`: a bag-of-words logistic regression trained the same way, the bar to clear.

On a tuning set the figures are cross-validated (each article predicted by instruments fitted
without it), by folds of articles or, `by="outlet"`, of whole outlets (no outlet on both sides
of a fold: the figure that does not credit an instrument for learning an outlet's house style);
on a held-out set the instruments are fitted on the tuning set and applied once.
`shifted_cv_kappa` also judges the cross-validated predictions at other prevalences (the test
articles thinned to half their positives or negatives, `SHIFTS`): how a decision rule fitted on
the coded sample holds on a corpus where a frame is rarer or commoner.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from presslens import config, stats

from .coded import DEVSET, devset_articles
from .cues import cue_scores, frame_specs

INSTRUMENTS = ("dictionary", "calibrated dictionary", "model", "baseline")
#: The frames whose mean κ is the headline figure (the generic four every story shares).
MACRO_FRAMES = ("conflict", "human_interest", "economic", "morality")
MACRO = "macro (conflict, human interest, economic, morality)"
PREDICTION_COLUMNS = ["article_id", "frame", "instrument", "predicted", "coded"]


def _scores_of(scores: pd.DataFrame, frame: str, ids) -> pd.DataFrame:
    own = scores[scores["frame"] == frame].set_index("article_id")
    return own.reindex(pd.Index(ids).astype(str))


def _fit_predict(
    train, test, frame, scores, cues, directory, instruments=INSTRUMENTS
) -> dict[str, np.ndarray]:
    from .calibrate import DEFAULT_RULE, apply_rule, fit_rule
    from .model import fit_frame_model

    y = train[frame].astype(bool).to_numpy()
    test_scores = _scores_of(scores, frame, test["article_id"])
    out = {}
    if "dictionary" in instruments:
        out["dictionary"] = apply_rule(test_scores, DEFAULT_RULE)
    if "calibrated dictionary" in instruments:
        rule = fit_rule(_scores_of(scores, frame, train["article_id"]), y)
        out["calibrated dictionary"] = apply_rule(test_scores, rule)
    if "model" in instruments:
        model = fit_frame_model(train, frame, directory=directory, cues=cues)
        out["model"] = model.predict(test, cues=cues)
    if "baseline" in instruments:
        base = fit_frame_model(train, frame, baseline=True, directory=directory)
        out["baseline"] = base.predict(test)
    return out


def _rows(test, frame, predicted: dict[str, np.ndarray]) -> list[pd.DataFrame]:
    coded = test[frame].astype(bool).to_numpy()
    ids = test["article_id"].astype(str).to_numpy()
    return [
        pd.DataFrame(
            {"article_id": ids, "frame": frame, "instrument": name, "predicted": p, "coded": coded}
        )
        for name, p in predicted.items()
    ]


def _features(articles: pd.DataFrame, directory):
    from .cues import find_cues
    from .model import cue_features

    hits = find_cues(articles, directory=directory, headline=True)
    scores = cue_scores(articles, directory=directory, hits=hits)
    return scores, cue_features(articles, directory=directory, hits=hits)


#: How cross-validation splits the coded articles: `None` (stratified folds of articles) or
#: `"outlet"` (whole outlets left out: each fold's outlets unseen in training, `outlet_groups`).
SPLITS = (None, "outlet")


def outlet_groups(coded: pd.DataFrame) -> np.ndarray:
    """One group label per article for outlet-grouped folds: the outlet name folded to lower
    case letters and digits, so that one outlet spelled two ways ("The Huffington Post",
    "thehuffingtonpost") is one group."""
    names = coded["outlet"].fillna("").astype(str).str.lower()
    return names.str.replace(r"[\W_]+", "", regex=True).to_numpy()


def cross_validated_predictions(
    coded: pd.DataFrame,
    *,
    directory=None,
    scores=None,
    seed: int = config.SEED,
    features=None,
    by=None,
    instruments=INSTRUMENTS,
) -> pd.DataFrame:
    """Each coded article's prediction by each instrument fitted on the other folds:
    `article_id, frame, instrument, predicted, coded`; `.attrs["kappa"]` has κ per frame and
    instrument (`frame, instrument, kappa`). `seed` draws the folds; `by="outlet"` leaves whole
    outlets out (`SPLITS`); `features`: the `(cue_scores, cue_features)` of `coded` when already
    computed; `instruments`: which of `INSTRUMENTS` to fit (the baseline is the slowest)."""
    from .calibrate import coded_frames, folds

    if by not in SPLITS:
        raise ValueError(f"by must be one of {SPLITS}, not {by!r}")
    coded = coded.reset_index(drop=True)
    all_scores, cues = _features(coded, directory) if features is None else features
    scores = all_scores if scores is None else scores
    groups = outlet_groups(coded) if by == "outlet" else None
    parts = []
    for frame in coded_frames(coded, directory):
        y = coded[frame].astype(bool).to_numpy()
        for train, test in folds(y, seed=seed, groups=groups):
            tr, te = coded.iloc[train], coded.iloc[test]
            if tr[frame].astype(bool).nunique() < 2:
                continue  # a grouped fold can leave one class out of training: nothing to fit
            predicted = _fit_predict(tr, te, frame, scores, cues, directory, instruments)
            parts += _rows(te, frame, predicted)
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=PREDICTION_COLUMNS)
    out.attrs["kappa"] = _point_kappas(out)
    return out


#: Repetitions of the cross-validation (each with other folds) behind `repeated_cv_kappa`.
REPEATS = 5
#: The prevalences `shifted_kappa` measures at: the coded articles as they are, with half their
#: positives, with half their negatives (a corpus where the frame is about half, or twice, as
#: common as in the coded sample; another corpus's prevalence is not the coded sample's).
SHIFTS = ("as coded", "half the positives", "half the negatives")
#: Draws of the thinned articles behind each shifted κ (fixed seeds; their κ averaged).
SHIFT_DRAWS = 20


def shifted_kappa(
    predicted, coded, shift: str = SHIFTS[0], *, draws: int = SHIFT_DRAWS, seed: int = config.SEED
) -> float:
    """κ of `predicted` against `coded` at another prevalence (`SHIFTS`): on all the articles,
    or with half their positives (or negatives) left out at random, the mean over `draws` draws.

    Predictions come from instruments fitted at the coded prevalence, so this tells how a
    decision rule holds on a corpus where the frame is rarer or commoner than in its training
    sample (a threshold set at the training prevalence over-predicts a rarer frame)."""
    predicted = np.asarray(predicted, dtype=bool)
    coded = np.asarray(coded, dtype=bool)
    if shift == SHIFTS[0]:
        return stats.cohen_kappa(list(predicted), list(coded))
    if shift not in SHIFTS:
        raise ValueError(f"shift must be one of {SHIFTS}, not {shift!r}")
    thinned = coded if shift == SHIFTS[1] else ~coded
    drop, keep = np.flatnonzero(thinned), np.flatnonzero(~thinned)
    rng = np.random.default_rng(seed)
    ks = []
    for _ in range(draws):
        idx = np.concatenate([keep, rng.choice(drop, size=len(drop) // 2, replace=False)])
        ks.append(stats.cohen_kappa(list(predicted[idx]), list(coded[idx])))
    return float(np.nanmean(ks)) if not np.isnan(ks).all() else np.nan


def repeated_cv_kappa(
    coded: pd.DataFrame,
    *,
    repeats=REPEATS,
    seeds=None,
    directory=None,
    by=None,
    instruments=INSTRUMENTS,
) -> pd.DataFrame:
    """κ of each instrument cross-validated `repeats` times on `coded`, each time with other
    folds (seeds `config.SEED + r`, or the given `seeds`, one repetition each: to confirm a
    choice made on one set of folds with another): one row per frame (and the `MACRO` mean over
    the `MACRO_FRAMES` present) and instrument: `frame, instrument, repeats, kappa, kappa_sd,
    kappa_min, kappa_max` (mean, standard deviation and range over the repetitions). Less noisy
    than one split on a few hundred articles; the figure to choose instruments by. `by="outlet"`:
    whole outlets left out of each fold (the harder, more honest test when outlets write alike).
    """
    out = shifted_cv_kappa(
        coded, repeats=repeats, seeds=seeds, directory=directory, by=by, instruments=instruments,
        shifts=SHIFTS[:1],
    )  # fmt: skip
    return out.drop(columns="shift")


def shifted_cv_kappa(
    coded: pd.DataFrame,
    *,
    repeats=REPEATS,
    seeds=None,
    directory=None,
    by=None,
    instruments=INSTRUMENTS,
    shifts=SHIFTS,
) -> pd.DataFrame:
    """`repeated_cv_kappa` at each prevalence of `shifts` (`shifted_kappa` of the same
    cross-validated predictions): `frame, instrument, shift, repeats, kappa, kappa_sd,
    kappa_min, kappa_max`. The instruments are fitted at the coded prevalence and judged on
    test articles thinned to another, as on a corpus where the frame is rarer or commoner."""
    coded = coded.reset_index(drop=True)
    features = _features(coded, directory)
    if seeds is None:
        seeds = [config.SEED + r for r in range(repeats)]
    seeds = [int(s) for s in seeds]
    runs = []
    for r, seed in enumerate(seeds):
        pred = cross_validated_predictions(
            coded, directory=directory, seed=seed, features=features, by=by,
            instruments=instruments,
        )  # fmt: skip
        k = _shifted_kappas(pred, shifts)
        own = k[k["frame"].isin(MACRO_FRAMES)]
        if len(own):
            macro = own.groupby(["instrument", "shift"], sort=False)["kappa"].mean()
            k = pd.concat([k, macro.reset_index().assign(frame=MACRO)], ignore_index=True)
        runs.append(k.assign(repeat=r))
    cols = [
        "frame",
        "instrument",
        "shift",
        "repeats",
        "kappa",
        "kappa_sd",
        "kappa_min",
        "kappa_max",
    ]
    if not runs:
        return pd.DataFrame(columns=cols)
    g = pd.concat(runs, ignore_index=True).groupby(["frame", "instrument", "shift"], sort=False)
    out = g["kappa"].agg(["size", "mean", "std", "min", "max"]).reset_index()
    out.columns = cols
    return out.assign(kappa_sd=out["kappa_sd"].fillna(0.0))


def _shifted_kappas(pred: pd.DataFrame, shifts) -> pd.DataFrame:
    rows = [
        (f, i, shift, shifted_kappa(g["predicted"], g["coded"], shift))
        for (f, i), g in pred.groupby(["frame", "instrument"], sort=False)
        for shift in shifts
    ]
    return pd.DataFrame(rows, columns=["frame", "instrument", "shift", "kappa"])


def held_out_predictions(
    train: pd.DataFrame, test: pd.DataFrame, *, directory=None
) -> pd.DataFrame:
    """Each `test` article's prediction by each instrument fitted on `train` (same columns as
    `cross_validated_predictions`)."""
    from .calibrate import coded_frames

    both = pd.concat([train, test], ignore_index=True)
    scores, cues = _features(both, directory)
    parts = []
    for frame in coded_frames(train, directory):
        if frame in test:
            parts += _rows(test, frame, _fit_predict(train, test, frame, scores, cues, directory))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=PREDICTION_COLUMNS)
    out.attrs["kappa"] = _point_kappas(out)
    return out


def _point_kappas(pred: pd.DataFrame) -> pd.DataFrame:
    rows = [
        (f, i, stats.cohen_kappa(list(g["predicted"]), list(g["coded"])))
        for (f, i), g in pred.groupby(["frame", "instrument"], sort=False)
    ]
    return pd.DataFrame(rows, columns=["frame", "instrument", "kappa"])


def _kappa_of(matrix: np.ndarray) -> float:
    return stats.cohen_kappa(list(matrix[:, 0]), list(matrix[:, 1]))


def _macro_of(frames: list[str]):
    def statistic(matrix: np.ndarray) -> float:
        # columns: predicted, coded per frame, in `frames` order
        ks = [_kappa_of(matrix[:, 2 * i : 2 * i + 2]) for i in range(len(frames))]
        return float(np.mean(ks)) if not np.isnan(ks).any() else np.nan

    return statistic


def kappa_by_frame(
    predictions: pd.DataFrame,
    *,
    n_resamples: int = config.N_BOOTSTRAP,
    seed: int = config.SEED,
    level: float = 0.95,
    directory=None,
) -> pd.DataFrame:
    """κ of each instrument against the coders, per frame, with a bootstrap interval over
    articles, plus the macro mean over `MACRO_FRAMES` (the frames present):
    `frame, label, instrument, n, coded_yes, predicted_yes, kappa, ci_low, ci_high`."""
    labels = {f: str((s or {}).get("label", f)) for f, s in frame_specs(directory).items()}
    ci = {"n_resamples": n_resamples, "seed": seed, "level": level}
    rows = []
    for (frame, inst), g in predictions.groupby(["frame", "instrument"], sort=False):
        m = np.column_stack([g["predicted"].astype(int), g["coded"].astype(int)])
        low, high = stats.bootstrap_ci(m, _kappa_of, **ci)
        rows.append(
            (frame, labels.get(frame, frame), inst, len(g), int(m[:, 1].sum()),
             int(m[:, 0].sum()), _kappa_of(m), low, high)
        )  # fmt: skip
    macro = [f for f in MACRO_FRAMES if f in set(predictions["frame"])]
    for inst in dict.fromkeys(predictions["instrument"]):
        wide = predictions[predictions["instrument"] == inst].pivot(
            index="article_id", columns="frame", values=["predicted", "coded"]
        )
        if not macro or wide.empty:
            continue
        m = np.column_stack(
            [wide[(c, f)].astype(int) for f in macro for c in ("predicted", "coded")]
        )
        stat = _macro_of(macro)
        low, high = stats.bootstrap_ci(m, stat, **ci)
        rows.append((MACRO, MACRO, inst, len(m), np.nan, np.nan, stat(m), low, high))
    cols = ["frame", "label", "instrument", "n", "coded_yes", "predicted_yes", "kappa"]
    return pd.DataFrame(rows, columns=cols + ["ci_low", "ci_high"])


def check_frames(
    coded=None, *, held_out=None, directory=None, n_resamples: int = 1000, outlets: bool = False
):
    """The frame instruments measured on coded articles: `set, part, frame, label, instrument,
    n, coded_yes, predicted_yes, kappa, ci_low, ci_high`.

    Default: the `frames-climate` dev set, cross-validated on its tune part (`part` "tune
    (cross-validated)") and fitted on tune, measured once on its held-out part ("held out").
    `coded` alone (e.g. the user's own coding): cross-validated on it. `outlets`: also
    cross-validated with whole outlets left out of the folds (`part` "tune (outlets left out)").
    Empty when there is nothing coded.
    """
    name = "own coding"
    if coded is None:
        coded, held_out, name = devset_articles("tune"), devset_articles("held_out"), DEVSET
    tables = []
    if len(coded):
        cv = kappa_by_frame(
            cross_validated_predictions(coded, directory=directory),
            n_resamples=n_resamples, directory=directory,
        )  # fmt: skip
        tables.append(cv.assign(set=name, part="tune (cross-validated)"))
    if outlets and len(coded):
        cv = kappa_by_frame(
            cross_validated_predictions(coded, directory=directory, by="outlet"),
            n_resamples=n_resamples, directory=directory,
        )  # fmt: skip
        tables.append(cv.assign(set=name, part="tune (outlets left out)"))
    if held_out is not None and len(held_out) and len(coded):
        ho = kappa_by_frame(
            held_out_predictions(coded, held_out, directory=directory),
            n_resamples=n_resamples, directory=directory,
        )  # fmt: skip
        tables.append(ho.assign(set=name, part="held out"))
    cols = ["set", "part", "frame", "label", "instrument", "n", "coded_yes", "predicted_yes"]
    cols += ["kappa", "ci_low", "ci_high"]
    if not tables:
        return pd.DataFrame(columns=cols)
    return pd.concat(tables, ignore_index=True)[cols]
