"""What the wording analyses share: group labels, the lexicons' multi-word phrases, and the
keyword renames of this release."""

from __future__ import annotations

import warnings

import pandas as pd

from presslens import _compat
from presslens import text as T


def default_phrases() -> tuple[str, ...]:
    """Multi-word naming variants and actor names from the lexicons, if they can be read.

    Returns `()` when the lexicon files are missing or cannot be read, so the wording functions
    degrade to plain words instead of failing.
    """
    from presslens import lexicons

    found: set[str] = set()
    for loader, columns in ((lexicons.naming, ("variant",)), (lexicons.actors, ("actor", "alias"))):
        try:
            table = loader()
        except Exception:  # noqa: BLE001 - missing/invalid lexicon file: degrade gracefully
            continue
        for col in columns:
            for value in table[col].dropna().astype(str):
                if len(T.tokenize(value)) >= 2:
                    found.add(value)
    return tuple(sorted(found))


def resolve_phrases(phrases) -> tuple[str, ...]:
    """`phrases=` as given to a wording function: `None` → `default_phrases()`, `False` → none."""
    if phrases is None:
        return default_phrases()
    if phrases is False:
        return ()
    if isinstance(phrases, str):
        return (phrases,)
    return tuple(phrases)


def group_labels(arts: pd.DataFrame, by: str) -> pd.Series:
    """The `by` column as strings, `"(missing)"` where empty (`"month"` derived when absent)."""
    arts, _ = T.group_columns(arts, by)
    col = arts[by]
    return col.astype(object).where(col.notna(), "(missing)").astype(str)


def paragraph_texts(arts: pd.DataFrame) -> pd.DataFrame:
    """`article_id, paragraph, text` of every paragraph, numbered and cut as `text.paragraphs`
    does (`text.paragraph_spans`), without its per-paragraph `language`: the word statistics
    work within one language chosen per article (`select_language`) and never read it, and
    detecting it is most of `text.paragraphs`' cost."""
    ids, numbers, texts = [], [], []
    for aid, text in zip(arts["article_id"].tolist(), arts["text"].tolist(), strict=True):
        for i, (a, b) in enumerate(T.paragraph_spans(text)):
            ids.append(aid)
            numbers.append(i)
            texts.append(text[a:b])
    return pd.DataFrame({"article_id": ids, "paragraph": numbers, "text": texts})


renamed_keywords = _compat.renamed_keywords  # re-exported for wording's modules


def select_language(arts: pd.DataFrame, language: str | None) -> tuple[pd.DataFrame, str]:
    """The articles in one language, and that language: `language`, or the corpus's most
    common one when None (English for a table without a `language` column). Word statistics
    compare like with like: articles in other languages are set aside, with a warning naming
    them, never counted with another language's stop words."""
    if "language" not in arts.columns:
        return arts, language or "en"
    langs = arts["language"].fillna("und").astype(str)
    if language is None:
        counts = langs[langs != "und"].value_counts()
        language = str(counts.index[0]) if len(counts) else "en"
    keep = (langs == language) | ((langs == "und") & (language == "en"))
    if not keep.all():
        left = langs[~keep].value_counts()
        warnings.warn(
            f"Word statistics in {language!r} only; set aside: "
            + ", ".join(
                f"{n} article{'s' if n != 1 else ''} in {lang!r}" for lang, n in left.items()
            )
            + " (pass language= to analyse another language).",
            UserWarning,
            stacklevel=3,
        )
    return arts[keep.to_numpy()].reset_index(drop=True), language
