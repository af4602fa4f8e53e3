"""What the wording analyses share: group labels, the lexicons' multi-word phrases, and the
keyword renames of this release."""

from __future__ import annotations

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


renamed_keywords = _compat.renamed_keywords  # re-exported for wording's modules
