"""In whose terms: naming choices, news frames and tone, per outlet.

* **Naming** (`naming.py`: `find_naming`, `naming_by_outlet`, `naming_concordance`): for each
  contested group of `naming.yaml` (the names of a territory, a town, a road, a conflict, ...),
  how often each outlet uses each variant, and every hit in context. Counts include words
  inside quotes: an outlet that quotes a term has chosen to print it; read the concordance to
  tell voice from quotation.
* **Frames** (`frames.py`: `find_frames`, `frames_by_outlet`; `cues.py`: cues with exclusions,
  contexts, weights and the headline; `coding.py`: `frame_coding_sheet`, `frame_agreement`):
  a sentence carries a frame when it contains one of the frame's cues (`frames.yaml`); a
  paragraph when any of its sentences does; an article by a decision rule fitted on coded
  articles (`calibrate.py`) or logistic regressions over words and the dictionary's evidence
  (`model.py`), the reader choosing per frame. `evaluate.py` (`check_frames`) measures each
  instrument's κ against coders; `workflow.py` samples articles to code, reads coders' sheets
  back and reports κ/α.
* **Tone** (`tone.py`: `tone_by_sentence`, `tone_by_outlet`, `tone_by_actor`): VADER's compound
  score (-1 to +1) per sentence, averaged with a bootstrap interval over paragraphs; see
  `tone.py` for what VADER cannot see.

Groups with fewer than `coverage.SMALL_N` units are flagged `small`. Every public name is
importable from `presslens.framing` itself.
"""

from __future__ import annotations

import warnings

import pandas as pd

from presslens import _compat, coverage
from presslens.text import concordance

from .calibrate import (
    calibrate_frames,
    coded_frames,
    frames_by_article,
    read_calibration,
    write_calibration,
)
from .coded import devset_articles
from .coding import (
    NO_FRAME,
    coded_sentences,
    frame_agreement,
    frame_coding_sheet,
    read_human_coding,
)
from .cues import cue_scores, find_cues, frame_cues
from .evaluate import MACRO_FRAMES, check_frames, kappa_by_frame, repeated_cv_kappa
from .frames import find_frames, frames_by_outlet
from .model import fit_frame_model, model_cues
from .naming import find_naming, naming_by_outlet, naming_concordance
from .tone import actors_by_sentence, tone_by_actor, tone_by_outlet, tone_by_sentence
from .workflow import (
    article_coding_sheet,
    coder_agreement,
    read_article_codings,
    read_coder_sheets,
)

SMALL_N = coverage.SMALL_N

__all__ = [
    "MACRO_FRAMES",
    "NO_FRAME",
    "SMALL_N",
    "actors_by_sentence",
    "article_coding_sheet",
    "calibrate_frames",
    "check_frames",
    "coded_frames",
    "coded_sentences",
    "coder_agreement",
    "cue_scores",
    "devset_articles",
    "find_cues",
    "find_frames",
    "fit_frame_model",
    "frame_cues",
    "frames_by_article",
    "find_naming",
    "frame_agreement",
    "frame_coding_sheet",
    "frames_by_outlet",
    "kappa_by_frame",
    "model_cues",
    "naming_by_outlet",
    "naming_concordance",
    "read_article_codings",
    "read_calibration",
    "read_coder_sheets",
    "read_human_coding",
    "repeated_cv_kappa",
    "tone_by_actor",
    "tone_by_outlet",
    "tone_by_sentence",
    "write_calibration",
]

#: Old names (before the naming grammar of issue 14) → new ones; they warn for one release.
RENAMED = {
    "naming_table": "naming_by_outlet",
    "naming_hits": "find_naming",
    "frame_hits": "find_frames",
    "frame_shares": "frames_by_outlet",
    "sentence_tone": "tone_by_sentence",
    "actor_sentences": "actors_by_sentence",
}


__getattr__ = _compat.renamed(__name__, RENAMED)


def naming_kwic(articles: pd.DataFrame, group: str, variant: str | None = None, **kwargs):
    """Deprecated: `naming_concordance` (context in words: `context=`, not `width=`)."""
    warnings.warn(
        f"{__name__}.naming_kwic(..., width=) is now naming_concordance(..., context=) (words)",
        DeprecationWarning,
        stacklevel=2,
    )
    if "width" in kwargs:
        kwargs["context"] = max(1, round(kwargs.pop("width") / 6))  # ~6 characters a word
    return naming_concordance(articles, group, variant, **kwargs)


def kwic(articles: pd.DataFrame, hits: pd.DataFrame, *, width: int = 70) -> pd.DataFrame:
    """Deprecated: `presslens.text.concordance` (context in words, not characters)."""
    warnings.warn(
        f"{__name__}.kwic(..., width=) is now presslens.text.concordance(..., context=) (words)",
        DeprecationWarning,
        stacklevel=2,
    )
    return concordance(articles, hits, context=max(1, round(width / 6)))
