"""Primitives on text: what a word, a token, a sentence and a paragraph are, keyword in context,
and document-term matrices. Every analysis counts words the same way, so this package is the one
place that decides what a word is. It knows nothing of outlets beyond carrying the `outlet`
column through.

* `words`: `normalize`, the one token regex (`token_spans`, `tokenize`, `count_words`), stop
  words and stems per language (`stop_words`, `stem`), n-grams, multi-word phrases.
* `inflection`: the endings a lexicon form written `name~` may take, per language (`ENDINGS`).
* `segments`: `paragraph_spans`, `paragraphs` (with each paragraph's `language`),
  `sentence_spans` (Armenian full stops too), `sentences`, `tokens`.
* `concordance`: `concordance`, the one KWIC (context in words, within the paragraph).
* `matrix`: `document_term_matrix`, `DocumentTermMatrix`, `group_columns`.

Every public name is importable from `presslens.text` itself.
"""

from __future__ import annotations

from presslens import _compat
from presslens.dataset import check_articles

from .concordance import CONCORDANCE_COLUMNS, concordance
from .inflection import ENDINGS, ending_pattern, strip_ending
from .matrix import DocumentTermMatrix, document_term_matrix, group_columns
from .segments import (
    ABBREVIATIONS,
    article_languages,
    paragraph_language,
    paragraph_spans,
    paragraphs,
    sentence_spans,
    sentences,
    tokens,
    value_at,
)
from .words import (
    DOMAIN_STOP_WORDS,
    KEPT_WORDS,
    SNOWBALL_LANGUAGES,
    STOP_WORDS,
    count_words,
    ngrams,
    normalize,
    stem,
    stop_words,
    token_spans,
    tokenize,
)

#: Kept for modules not yet switched to `presslens.dataset.check_articles` (the one validator).
_article_frame = check_articles

__all__ = [
    "ABBREVIATIONS",
    "CONCORDANCE_COLUMNS",
    "DOMAIN_STOP_WORDS",
    "ENDINGS",
    "KEPT_WORDS",
    "SNOWBALL_LANGUAGES",
    "STOP_WORDS",
    "DocumentTermMatrix",
    "article_languages",
    "concordance",
    "count_words",
    "document_term_matrix",
    "ending_pattern",
    "group_columns",
    "ngrams",
    "normalize",
    "paragraph_language",
    "paragraph_spans",
    "paragraphs",
    "sentence_spans",
    "sentences",
    "stem",
    "stop_words",
    "strip_ending",
    "token_spans",
    "tokenize",
    "tokens",
    "value_at",
]

__getattr__ = _compat.moved(
    __name__,
    {
        name: "presslens.parallel"
        for name in ("POOL_MIN_ROWS", "CHUNK_ROWS", "gc_paused", "pool_workers", "map_chunks")
    }
    | {"sample_articles": "presslens.dataset"},
)
