"""Article-level decision rules fitted on coded articles, stored beside the lexicon.

Does an article carry a frame? The dictionary gives each article a score per frame (its cues'
weights summed, headline hits counted `headline_weight` times; `cues.cue_scores`). The rule is
"score per 100 words ≥ threshold", the threshold set so that as many coded articles pass it as
the coders saw the frame in (the coded prevalence): one number per frame, not searched for the
best κ, which on a few hundred articles chases noise (the rule that maximised κ reached 0.44 in
repeated cross-validation on the frames-climate tune part and 0.26 on its held-out part; see
`fit_rule`'s `how`). The coded articles are the dev set's tune part by default, the user's own
article coding (`data/coding/frames_article_coding*.csv`, see `presslens.framing.workflow`) when
present. `write_calibration` stores each frame's rule with the κ it reached, its cross-validated
κ, the model's, the instrument to use and the set it was fitted on in `frames_calibration.yaml`
beside `frames.yaml`, cross-validated twice: folds of articles, and folds of whole outlets
(each fold's outlets unseen in training, the harder test when outlets write alike).

Which instrument a frame uses (`use`, `choose_robust`): the one whose cross-validated κ holds up
best when the frame is rarer or commoner than in the coded sample (`evaluate.SHIFTS`: the test
folds also thinned to half their positives or half their negatives; the worst κ of the three),
the model only when its worst κ beats the dictionary's in both kinds of cross-validation by more
than the noise (the repetitions' spread, at least `MIN_MARGIN`), else the dictionary. Why: the
corpus a user frames is not the coded sample, and a threshold set at the coded prevalence
over-predicts a frame that is rarer there; an instrument is worth what it keeps at the
prevalence least favourable to it (on the frames-climate tune part, with half the positives,
the dictionary lost 0.07 κ on morality and 0.05 on human interest). Before the margin, a gap of
any size, noise included, chose the model.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from presslens import config, files, lexicons, stats

from .coded import DEVSET, devset_articles
from .cues import cue_scores, frame_specs

CALIBRATION_FILE = "frames_calibration.yaml"
#: The decision measures: the score itself, or the score per 100 words (articles shorter than
#: `MIN_WORDS` count as that long, so a short text is not framed by a single cue).
MEASURES = ("score", "rate")
MIN_WORDS = 100
#: Folds of the cross-validated κ (stratified, seeded; repeated `evaluate.REPEATS` times).
FOLDS = 5
#: The rule with no calibration: any cue at all.
DEFAULT_RULE = {"measure": "score", "threshold": 1.0}
#: How `fit_rule` sets a threshold: `prevalence` (as many articles pass as the coders saw the
#: frame in, on `PREVALENCE_MEASURE`) or `kappa` (the measure and threshold with the best κ).
RULES = ("prevalence", "kappa")
PREVALENCE_MEASURE = "rate"
CALIBRATION_COLUMNS = [
    "frame", "label", "measure", "threshold", "kappa", "kappa_cv", "kappa_cv_sd",
    "model_kappa_cv", "model_kappa_cv_sd", "kappa_cv_outlets", "kappa_cv_outlets_sd",
    "model_kappa_cv_outlets", "model_kappa_cv_outlets_sd", "use", "n", "positives",
    "fitted_on", "rule", "kappa_cv_shifted", "model_kappa_cv_shifted",
    "kappa_cv_outlets_shifted", "model_kappa_cv_outlets_shifted", "kappa_cv_shifted_sd",
    "model_kappa_cv_shifted_sd", "kappa_cv_outlets_shifted_sd", "model_kappa_cv_outlets_shifted_sd",
]  # fmt: skip
#: The instruments the calibration compares (the baseline is measured by `check_frames`).
COMPARED = ("calibrated dictionary", "model")
#: The least gap in worst κ for which `choose_robust` takes the model over the dictionary (the
#: seed-to-seed spread of the repeated cross-validation, when larger, is the margin instead).
MIN_MARGIN = 0.01


def measure_values(scores: pd.DataFrame, measure: str) -> pd.Series:
    """One measure of `cue_scores` rows: `score`, or `rate` (score per 100 words)."""
    if measure == "score":
        return scores["score"].astype(float)
    if measure == "rate":
        return 100 * scores["score"] / scores["n_words"].clip(lower=MIN_WORDS)
    raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")


def fit_rule(scores: pd.DataFrame, y, *, how: str = "prevalence") -> dict:
    """One frame's rule fitted on its `cue_scores` rows against the coders' `y`: `measure`,
    `threshold`, `kappa` (the rule's κ on these articles) and `how`.

    `how="prevalence"` (default): the measure `PREVALENCE_MEASURE` (score per 100 words), the
    threshold that as many articles reach as `y` has positives (ties counted in or out,
    whichever comes closer; never below a cue). `how="kappa"`: the measure and threshold with
    the best κ (ties to the lower threshold, then to `score`), the rule before issue 17.
    """
    y = np.asarray(y, dtype=bool)
    if how == "prevalence":
        return _prevalence_rule(scores, y)
    if how != "kappa":
        raise ValueError(f"how must be one of {RULES}, not {how!r}")
    best = {**DEFAULT_RULE, "kappa": float("nan")}
    for measure in MEASURES:
        values = measure_values(scores, measure).to_numpy()
        for threshold in np.unique(values[values > 0]):
            k = stats.cohen_kappa(list(values >= threshold), list(y))
            if k == k and not (k <= best["kappa"]):  # first non-NaN, then strictly better
                best = {"measure": measure, "threshold": float(threshold), "kappa": k}
    return {**best, "how": how}


def _prevalence_rule(scores: pd.DataFrame, y: np.ndarray) -> dict:
    measure = PREVALENCE_MEASURE
    values = measure_values(scores, measure).to_numpy()
    candidates = np.unique(values[values > 0])
    if not len(candidates):
        return {**DEFAULT_RULE, "kappa": float("nan"), "how": "prevalence"}
    passing = np.array([(values >= t).sum() for t in candidates])
    # the highest threshold among those passing the number closest to the coded positives
    gap = np.abs(passing - int(y.sum()))
    threshold = float(candidates[np.flatnonzero(gap == gap.min())[-1]])
    k = stats.cohen_kappa(list(values >= threshold), list(y))
    return {"measure": measure, "threshold": threshold, "kappa": k, "how": "prevalence"}


def apply_rule(scores: pd.DataFrame, rule: dict) -> np.ndarray:
    """Whether each `cue_scores` row passes `rule` (a dict with `measure`, `threshold`)."""
    values = measure_values(scores, rule.get("measure", "score")).to_numpy()
    return (values >= float(rule.get("threshold", 1.0))) & (values > 0)


def folds(
    y, n_folds: int = FOLDS, *, seed: int = config.SEED, groups=None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified, seeded `(train, test)` index pairs (fewer folds when positives are few).

    `groups` (one label per article, e.g. `evaluate.outlet_groups`): each group's articles fall
    in one fold together, so a fold's articles come from outlets its training set never saw
    (stratified as far as whole groups allow; fewer folds when there are fewer groups)."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    y = np.asarray(y, dtype=bool)
    k = max(2, min(n_folds, int(y.sum()), int((~y).sum())))
    if groups is None:
        split = StratifiedKFold(k, shuffle=True, random_state=seed)
        return list(split.split(np.zeros(len(y)), y))
    groups = np.asarray(groups)
    k = max(2, min(k, len(set(groups))))
    split = StratifiedGroupKFold(k, shuffle=True, random_state=seed)
    return [(tr, te) for tr, te in split.split(np.zeros(len(y)), y, groups) if len(te)]


def coded_frames(coded: pd.DataFrame, directory=None) -> list[str]:
    """The frames of `frames.yaml` that `coded` has a label column for and that vary in it."""
    return [
        f
        for f in frame_specs(directory)
        if f in coded and coded[f].notna().all() and coded[f].astype(bool).nunique() == 2
    ]


def default_coded(directory=None) -> tuple[pd.DataFrame, str]:
    """The coded articles to calibrate on, and their name: the user's article coding when
    `data/coding/` holds one, else the dev set's tune part; empty when neither exists."""
    from .workflow import read_article_codings

    own = read_article_codings()
    if len(own):
        return own, "own coding (data/coding)"
    return devset_articles("tune"), f"{DEVSET} (tune part)"


def calibrate_frames(coded=None, *, directory=None, fitted_on: str | None = None) -> pd.DataFrame:
    """Fit each coded frame's decision rule; one row per frame:
    `frame, label, measure, threshold, kappa, kappa_cv, kappa_cv_sd, model_kappa_cv,
    model_kappa_cv_sd, kappa_cv_outlets, kappa_cv_outlets_sd, model_kappa_cv_outlets,
    model_kappa_cv_outlets_sd, use, n, positives, fitted_on, rule, kappa_cv_shifted,
    model_kappa_cv_shifted, kappa_cv_outlets_shifted, model_kappa_cv_outlets_shifted` and
    the `…_shifted_sd` of these four.

    `rule`: how the threshold was set (`fit_rule`'s `how`); `kappa`: the rule's κ on the set it
    was fitted on; `kappa_cv`: the κ of the same fitting procedure cross-validated (`FOLDS`
    folds, the mean over `evaluate.REPEATS` repetitions with other folds; `_sd` their standard
    deviation), the figure to trust; `kappa_cv_outlets`: the same with whole outlets left out
    of the folds; `model_…`: the learned model's, the same ways; `…_shifted`: the worst of
    these κ over the prevalence shifts of `evaluate.SHIFTS` (the coded prevalence, half the
    positives, half the negatives), `…_shifted_sd` its standard deviation over the repetitions;
    `use`: `model` when its shifted κ is higher in both by more than that spread
    (`choose_robust`), else `dictionary`. `coded` defaults to `default_coded()`.
    """
    from .evaluate import SHIFTS, shifted_cv_kappa

    if coded is None:
        coded, name = default_coded(directory)
        fitted_on = fitted_on or name
    fitted_on = fitted_on or "coded articles"
    coded = coded.reset_index(drop=True)
    scores = cue_scores(coded, directory=directory)
    labels = {f: str((s or {}).get("label", f)) for f, s in frame_specs(directory).items()}
    shifted = {
        by: shifted_cv_kappa(coded, directory=directory, by=by, instruments=COMPARED)
        for by in (None, "outlet")
    }
    plain = {
        by: t[t["shift"] == SHIFTS[0]].set_index(["frame", "instrument"])
        for by, t in shifted.items()
    }
    worst = {by: _worst(t) for by, t in shifted.items()}
    rows = []
    for frame in coded_frames(coded, directory):
        y = coded[frame].astype(bool).to_numpy()
        own = scores[scores["frame"] == frame].set_index("article_id")
        rule = fit_rule(own.reindex(coded["article_id"].astype(str).to_numpy()), y)
        fig = {}  # kappa_cv[_outlets] of the dictionary, model_… of the model; _sd, _shifted[_sd]
        for by, suffix in ((None, ""), ("outlet", "_outlets")):
            for inst, prefix in zip(COMPARED, ("", "model_"), strict=True):
                key = f"{prefix}kappa_cv{suffix}"
                fig[key], fig[f"{key}_sd"] = _cv(plain[by], frame, inst)
                fig[f"{key}_shifted"], fig[f"{key}_shifted_sd"] = worst[by].get(
                    (frame, inst), (np.nan, np.nan)
                )
        use = choose_robust(
            (fig["kappa_cv_shifted"], fig["kappa_cv_outlets_shifted"]),
            (fig["model_kappa_cv_shifted"], fig["model_kappa_cv_outlets_shifted"]),
            [
                (fig[f"{d}_shifted_sd"], fig[f"model_{d}_shifted_sd"])
                for d in ("kappa_cv", "kappa_cv_outlets")
            ],
        )
        rows.append(
            {"frame": frame, "label": labels.get(frame, frame), "measure": rule["measure"],
             "threshold": round(rule["threshold"], 6), "kappa": round(rule["kappa"], 4), **fig,
             "use": use, "n": len(y), "positives": int(y.sum()), "fitted_on": fitted_on,
             "rule": rule["how"]}
        )  # fmt: skip
    return pd.DataFrame(rows, columns=CALIBRATION_COLUMNS)


def choose_robust(dictionary_worst, model_worst, spread=None) -> str:
    """`model` when its worst κ over the prevalence shifts beats the dictionary's by more than
    the noise margin in every cross-validation given (pairs in the same order: by articles, by
    outlets), else `dictionary` (ties, gaps within the noise and missing figures too: the
    simpler, transparent instrument). `spread`: per cross-validation, the seed-to-seed standard
    deviations of the two worst κ (`(dictionary_sd, model_sd)` pairs); the margin is the larger
    of them, at least `MIN_MARGIN` (a gap smaller than the folds' own noise is no evidence)."""
    pairs = list(zip(dictionary_worst, model_worst, strict=True))
    if spread is None:
        spread = [(0.0, 0.0)] * len(pairs)
    margins = [max([MIN_MARGIN, *(s for s in sds if s == s)]) for sds in spread]
    better = [m - d > e for (d, m), e in zip(pairs, margins, strict=True) if d == d and m == m]
    return "model" if better and all(better) and len(better) == len(pairs) else "dictionary"


def _worst(shifted: pd.DataFrame) -> dict:
    """`{(frame, instrument): (worst κ, its sd)}`: the lowest mean κ over the shifts of
    `evaluate.shifted_cv_kappa`'s table, with the seed-to-seed standard deviation at that shift."""
    rows = shifted.sort_values("kappa", kind="stable").groupby(["frame", "instrument"]).head(1)
    return {
        (f, i): (round(float(k), 4), round(float(sd), 4))
        for f, i, k, sd in rows[["frame", "instrument", "kappa", "kappa_sd"]].itertuples(
            index=False
        )
    }


def _cv(cv: pd.DataFrame, frame: str, instrument: str) -> tuple[float, float]:
    """Mean and standard deviation of one frame's repeated cross-validated κ (NaN when absent)."""
    if (frame, instrument) not in cv.index:
        return np.nan, np.nan
    row = cv.loc[(frame, instrument)]
    return round(float(row["kappa"]), 4), round(float(row["kappa_sd"]), 4)


def calibration_path(directory=None) -> Path:
    """Where the calibration of the lexicons in `directory` lives (beside `frames.yaml`)."""
    return lexicons.lexicon_directory(directory) / CALIBRATION_FILE


HEADER = f"""\
# Frames: article-level decision rules fitted on coded articles (do not edit by hand).
#
# Written by presslens.framing.write_calibration(presslens.framing.calibrate_frames()); rebuild
# with: python -m presslens.framing
# Per frame: the rule (an article carries the frame when its dictionary `measure` - `score`, the
# cue weights summed with headline hits counted headline_weight times, or `rate`, that score per
# 100 words - reaches `threshold`; `rule: prevalence`: the threshold as many coded articles reach
# as the coders saw the frame in), the kappa it reached on the set it was fitted on (`kappa`),
# cross-validated (`kappa_cv`: mean over repeated 5-fold cross-validations, `kappa_cv_sd` their
# standard deviation; `kappa_cv_outlets`: the same with whole outlets left out of the folds), the
# learned model's the same ways (`model_kappa_cv`, `model_kappa_cv_outlets`, with `_sd`), the
# instrument charts use (`use`: the model only when its worst kappa over prevalence shifts - the
# test folds as coded, with half their positives, with half their negatives - beats the
# dictionary's in both cross-validations by more than the larger of their spreads over the
# repetitions, and at least {MIN_MARGIN}; those worst kappas are the `_shifted` columns, the
# spreads `_shifted_sd`), the number of coded articles (`n`, `positives` of them carrying the
# frame), the set (`fitted_on`) and how the threshold was set (`rule`).
"""


def write_calibration(table: pd.DataFrame, directory=None) -> Path:
    """Store `calibrate_frames()`'s table as `frames_calibration.yaml` beside `frames.yaml`."""
    import yaml

    frames = {}
    for row in table.to_dict("records"):
        frame = row.pop("frame")
        row.pop("label", None)
        frames[frame] = {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
    text = HEADER + "\n" + yaml.safe_dump({"frames": frames}, sort_keys=False, allow_unicode=True)
    path = calibration_path(directory)
    files.write_atomic(path, text.encode("utf-8"))
    return path


def read_calibration(directory=None) -> pd.DataFrame:
    """The stored calibration (`CALIBRATION_COLUMNS` but `label`), empty when there is none."""
    import yaml

    path = calibration_path(directory)
    if not path.is_file():
        return pd.DataFrame(columns=[c for c in CALIBRATION_COLUMNS if c != "label"])
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = [{"frame": f, **(spec or {})} for f, spec in (data.get("frames") or {}).items()]
    return pd.DataFrame(rows).reindex(columns=[c for c in CALIBRATION_COLUMNS if c != "label"])


ARTICLE_COLUMNS = ["article_id", "outlet", "frame", "label", "score", "carries", "instrument"]


def frames_by_article(articles: pd.DataFrame, *, directory=None, instrument=None) -> pd.DataFrame:
    """Whether each article carries each frame: `article_id, outlet, frame, label, score,
    carries, instrument`.

    Per frame, the instrument the calibration chose (`use` in `frames_calibration.yaml`), or the
    one `instrument` names (`"dictionary"` or `"model"`, for every frame, or a `{frame: name}`
    dict). The dictionary applies the frame's fitted rule (`score` is its measure); the model is
    trained on the coded set the calibration was fitted on (`default_coded`; `score` is its
    probability). Without a calibration a frame is carried by any cue.
    """
    from presslens.dataset import check_articles

    articles = check_articles(articles)
    specs = frame_specs(directory)
    calib = read_calibration(directory).set_index("frame")
    scores = cue_scores(articles, directory=directory)
    ids = articles["article_id"].astype(str)
    outlets = dict(zip(ids, articles["outlet"], strict=True))
    coded = features = None
    parts = []
    for frame, spec in specs.items():
        choice = instrument.get(frame) if isinstance(instrument, dict) else instrument
        rule = calib.loc[frame].to_dict() if frame in calib.index else None
        if choice is None:
            choice = str(rule.get("use", "dictionary")) if rule else "dictionary"
        if choice not in ("dictionary", "model"):
            raise ValueError(f"instrument must be 'dictionary' or 'model', not {choice!r}")
        own = scores[scores["frame"] == frame].set_index("article_id").reindex(ids.to_numpy())
        name = "calibrated dictionary" if rule else "dictionary (any cue)"
        if choice == "model":
            from .model import cue_features, decide, fit_frame_model

            if coded is None:
                coded, _ = default_coded(directory)
                features = (cue_features(coded, directory=directory), None)
            if frame in coded_frames(coded, directory):
                if features[1] is None:  # the articles' features, once for every frame
                    features = (features[0], cue_features(articles, directory=directory))
                model = fit_frame_model(coded, frame, directory=directory, cues=features[0])
                value = model.probability(articles, directory=directory, cues=features[1])
                carries, name = decide(value), "model"
            else:
                choice = "dictionary"  # nothing coded to train on: say so in `instrument`
                name += " (no coded articles for the model)"
        if choice == "dictionary":
            rule = rule or DEFAULT_RULE
            value = measure_values(own, rule.get("measure", "score")).to_numpy()
            carries = apply_rule(own, rule)
        parts.append(
            pd.DataFrame(
                {
                    "article_id": ids.to_numpy(),
                    "outlet": ids.map(outlets).to_numpy(),
                    "frame": frame,
                    "label": str((spec or {}).get("label", frame)),
                    "score": value,
                    "carries": carries,
                    "instrument": name,
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=ARTICLE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[ARTICLE_COLUMNS]


def main() -> None:  # pragma: no cover - a command, exercised by hand
    """Refit the calibration on the default coded set and store it."""
    table = calibrate_frames()
    if table.empty:
        raise SystemExit("no coded articles: neither data/coding nor the frames-climate dev set")
    print(table.to_string(index=False))
    print(f"written to {write_calibration(table)}")


if __name__ == "__main__":  # pragma: no cover
    main()
