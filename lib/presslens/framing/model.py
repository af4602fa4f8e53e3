"""The learned option: one logistic regression per frame over the dictionary's cue counts and the
article's words and word pairs, trained on coded articles (scikit-learn, fixed seed, seconds).

Transparent by construction: the largest coefficients are the words and cues the model reads
as the frame (`model_cues`), shown in the coding sheet and the methods notebook. The bag-of-words
baseline (`baseline=True`) is the same regression over single words only, with scikit-learn's
defaults: what any instrument must beat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from presslens import config
from presslens.text import ngrams, tokenize

from .cues import cue_scores, find_cues, headline_weight

#: Regularisation of the frame model (inverse strength), fixed: the coded sets are small.
MODEL_C = 1.0
#: A word or word pair must occur in this many training articles to become a feature.
MIN_DF = 2
#: The words' tf-idf vectors (length 1 per article) are scaled by this beside the cue features.
WORDS_SCALE = 3.0


def _document(title, text) -> str:
    title = "" if title is None or title != title else str(title)
    return f"{title}\n\n{text}"


@lru_cache(maxsize=8192)
def _words_and_pairs(s: str) -> tuple[str, ...]:
    toks = _words(s)
    return toks + tuple(ngrams(list(toks), 2, drop_stop_edges=True))


@lru_cache(maxsize=8192)
def _words(s: str) -> tuple[str, ...]:
    # cached: cross-validation tokenises the same articles once per fold and frame
    return tuple(tokenize(s))


def cue_features(articles: pd.DataFrame, *, directory=None, hits=None) -> pd.DataFrame:
    """Per article (rows, by `article_id`), log(1 + weighted hits) of every frame cue
    (`<frame>:<cue>`) and of every frame's score (`<frame>`): the dictionary as features
    (`hits`: `find_cues(articles, headline=True)` when already computed)."""
    if hits is None:
        hits = find_cues(articles, directory=directory, headline=True)
    ids = articles["article_id"].astype(str)
    hw = headline_weight(directory)
    w = hits["weight"] * np.where(hits["headline"], hw, 1.0)
    h = pd.DataFrame(
        {"aid": hits["article_id"].astype(str), "key": hits["frame"] + ":" + hits["cue"], "w": w}
    )
    per_cue = h.pivot_table(index="aid", columns="key", values="w", aggfunc="sum")
    scores = cue_scores(articles, directory=directory, hits=hits)
    per_frame = scores.pivot(index="article_id", columns="frame", values="score")
    out = pd.concat([per_frame, per_cue], axis=1).reindex(ids.to_numpy()).fillna(0.0)
    return np.log1p(out)


@dataclass
class FrameModel:
    """A trained frame model: the vectoriser, the regression and its feature names."""

    frame: str
    baseline: bool
    vectorizer: object
    regression: object
    cue_columns: list[str] = field(default_factory=list)
    n_train: int = 0
    positives: int = 0

    def _matrix(self, articles: pd.DataFrame, *, directory=None, cues=None):
        import scipy.sparse as sp

        docs = [
            _document(t, x)
            for t, x in zip(
                articles["title"] if "title" in articles else [""] * len(articles),
                articles["text"],
                strict=True,
            )
        ]
        words = self.vectorizer.transform(docs)
        if self.baseline:
            return words
        words = words * WORDS_SCALE
        if self.baseline:
            return words
        if cues is None:
            cues = cue_features(articles, directory=directory)
        else:
            cues = cues.reindex(articles["article_id"].astype(str).to_numpy())
        cues = cues.reindex(columns=self.cue_columns)
        return sp.hstack([words, sp.csr_matrix(cues.fillna(0.0).to_numpy())]).tocsr()

    def probability(self, articles: pd.DataFrame, *, directory=None, cues=None) -> np.ndarray:
        """The model's probability that each article carries the frame (`cues`: the
        `cue_features` of these articles when already computed)."""
        X = self._matrix(articles, directory=directory, cues=cues)
        return self.regression.predict_proba(X)[:, 1]

    def predict(self, articles: pd.DataFrame, *, directory=None, cues=None) -> np.ndarray:
        """Whether each article carries the frame (probability at least 0.5)."""
        return self.probability(articles, directory=directory, cues=cues) >= 0.5

    def feature_names(self) -> list[str]:
        words = [f"word:{w}" for w in self.vectorizer.get_feature_names_out()]
        return words if self.baseline else words + [f"cue:{c}" for c in self.cue_columns]


def fit_frame_model(
    coded: pd.DataFrame, frame: str, *, baseline: bool = False, directory=None, cues=None
) -> FrameModel:
    """Train the model of one frame on coded articles (`coded[frame]` True/False).

    The frame model: words and word pairs (in at least `MIN_DF` articles; tf-idf, so each
    article's word vector has length 1 and the cues carry most weight) plus the dictionary's cue
    features, class-balanced L2 logistic regression with `C = MODEL_C`.
    `baseline`: single-word counts and scikit-learn's default regression instead. `cues`: the
    `cue_features` of the articles (indexed by `article_id`) when already computed.
    """
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    y = coded[frame].astype(bool).to_numpy()
    if y.all() or not y.any():
        raise ValueError(f"the coded articles never vary on {frame!r}: nothing to learn")
    docs = [
        _document(t, x)
        for t, x in zip(
            coded["title"] if "title" in coded else [""] * len(coded), coded["text"], strict=True
        )
    ]
    if baseline:
        vec = CountVectorizer(analyzer=_words)
        # scikit-learn's defaults (L2, C = 1, lbfgs), as the published baselines are trained
        reg = LogisticRegression(max_iter=2000, random_state=config.SEED)
        reg.fit(vec.fit_transform(docs), y)
        return FrameModel(frame, True, vec, reg, [], len(y), int(y.sum()))
    vec = TfidfVectorizer(analyzer=_words_and_pairs, min_df=MIN_DF, sublinear_tf=True)
    words = vec.fit_transform(docs) * WORDS_SCALE
    ids = coded["article_id"].astype(str).to_numpy()
    cues = cue_features(coded, directory=directory) if cues is None else cues.reindex(ids)
    X = sp.hstack([words, sp.csr_matrix(cues.to_numpy())]).tocsr()
    reg = LogisticRegression(
        C=MODEL_C, class_weight="balanced", solver="liblinear", random_state=config.SEED
    )
    reg.fit(X, y)
    return FrameModel(frame, False, vec, reg, list(cues.columns), len(y), int(y.sum()))


def model_cues(model: FrameModel, n: int = 15) -> pd.DataFrame:
    """The model's strongest evidence for the frame: `frame, feature, kind, coefficient`, the
    `n` largest positive coefficients then the `n` most negative (`kind`: `word` or `cue`)."""
    coef = model.regression.coef_[0]
    names = model.feature_names()
    order = np.argsort(coef)
    picks = list(order[::-1][:n]) + list(order[:n])
    rows = []
    for i in picks:
        kind, _, feature = names[i].partition(":")
        rows.append((model.frame, feature, kind, float(coef[i])))
    out = pd.DataFrame(rows, columns=["frame", "feature", "kind", "coefficient"])
    return out.drop_duplicates(["feature", "kind"]).reset_index(drop=True)
