"""Which words each outlet chooses, with statistics that stay honest on a small corpus.

Functions (articles in, tidy DataFrame out):

* `distinctive_terms(articles, by="outlet")` (`keyness`) — one group against the rest (or every
  pair): weighted log-odds with an informative Dirichlet prior and its z-score, G² with p-value,
  Log Ratio with a paragraph-level bootstrap interval (`n_resamples`), the raw counts behind them,
  and a `low_count` flag. Groups with fewer than `MIN_ARTICLES` articles or `MIN_WORDS` words
  trigger a `SmallSampleWarning`. `exclude_shared=True` first blanks out passages shared
  verbatim with another group (wire copy, press releases).
* `collocations(articles, term=None, by="outlet")` — NLTK bigram collocations (log-likelihood,
  PMI) within paragraphs, optionally only those involving one term.
* `concordance(articles, pattern, *, context=8, by="outlet")` — keyword in context for one
  pattern in the lexicons' syntax (`presslens.lexicons.pattern_regex`).
* `shared_passages(articles, min_words=8)` (`reuse`) — verbatim reuse between articles, with the
  words around each passage where the two copies diverge; `reuse_matrix(articles)` — share of
  each group's words found in another's; `exclude_shared_text`.

Counting conventions: tokens as in `presslens.text`; totals (`total`, `ref_total`) are all
tokens including stop words, so rates are per running word; stop words are left out of the
output rows (not out of the totals). Multi-word terms from the lexicons (`phrases=None`) count as
one token when the lexicon files can be read.
"""

from __future__ import annotations

from .collocations import collocations
from .concordance import compile_pattern, concordance, kwic
from .groups import default_phrases
from .keyness import MIN_ARTICLES, MIN_WORDS, REST, SmallSampleWarning, distinctive_terms
from .reuse import exclude_shared_text, reuse_matrix, shared_passages

__all__ = [
    "MIN_ARTICLES",
    "MIN_WORDS",
    "REST",
    "SmallSampleWarning",
    "collocations",
    "compile_pattern",
    "concordance",
    "default_phrases",
    "distinctive_terms",
    "exclude_shared_text",
    "kwic",
    "reuse_matrix",
    "shared_passages",
]
