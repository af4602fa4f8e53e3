"""Who gets a voice: quotes, their speakers, and how much room each outlet gives each side.

`find_quotes(articles)` finds every quotation in the articles and attributes it:

- direct quotes in any of “…”, "…", ‘…’, '…', «…», „…“ (paired by where each mark sits against
  letters and spaces, not by its glyph, so a “ used as a closing mark still closes); multi-sentence
  quotes; news-style quotes that run on into the next paragraph (the paragraph ends open and the
  next one re-opens); a quote whose closing mark is missing is cut at a sensible boundary
  (the end of the quoted phrase, the clause where the reporter resumes, never beyond its
  paragraph) and flagged `unclosed`; apostrophes (the country’s, we’ve) are not marks;
- kinds: `full` (a sentence or more), `partial` (a phrase woven into the reporter's sentence),
  `scare` (self-styled “…”, or a short term nobody is said to have said), `title` (a name in marks, also when its opening mark was lost),
  `embed` (a post's text followed by a "— Name (@handle) date" line) and `indirect` (reported
  speech: "X said (that) …", "according to X, …");
- speakers from cue verbs after the quote ("…,” Doe added, "…,” Ms. Doe said, "…,” said Sen.
  Jane Doe of Ohio, "…,” says party planner Jane Doe, "…,” Jane Doe, a spokeswoman, said,
  "…” ― Jane Doe, "…” in most cases, says Doe.", "…,” said MIT computer science professor
  Jane Doe"; a quote that ends its sentence takes no cue from the reporter's next one), before it ("Doe said: “…”", "Doe announced
  that the sides “…”", a paragraph ending "Doe shared her view:" before a quote paragraph),
  passives ("commented … by Jane Doe"), "according to X", the "— Name (@handle)" line, a
  credit line after a quote paragraph ("Jane Doe, CEO of Acme (on a call)"), an
  earlier sentence of the paragraph ("“A,” Doe said. “B.”", "Doe said the talks failed. “B.”"),
  back-references ("he added" → the last person quoted or named just before, "according to
  Jane Doe" naming her too, "the spokesman", "the ministry", "the <demonym> official" → the
  last fitting speaker in the article, "the report said", "the research says", "say
  the authors" → the maker the article names: "a report by X", "the research by Doe and
  colleagues", "X's report", "X's May 2025 report", "X … in its report"; else the organisation
  named before it; a bare "report" with no maker is no speaker), someone's words ("in Doe’s
  words, “…”", "Doe’s definition of … as “…”", `speech_nouns`), news-style continuation (a
  cue-less quote paragraph keeps the previous paragraph's speaker) and one voice (an article
  quoting one named speaker only gives them its cue-less quotes that stand as sentences);
- never a speaker: a heading or a section before a colon ("3. Acme Box" … "Acme Box: “…”",
  "Doe et al., Introduction: “…”"), a name given only in a heading or after the pronoun, or a
  run of five capitalised words with no title in it (a product: "Mysteria Puff Sleeve Top");
  a line of its own in title case in marks names a work (`title`);
- the writer as a speaker: a quote the writer introduces in the first person ("I ask my
  students: “…”") goes to the article's `author` when the articles table has that column (the
  byline, `presslens.clean.bylines`) and it names one person (`writer`);
- one person, one speaker: "Doe", "Ms. Doe", "Jane" and "Lead Planner Jane Doe" are filed under
  the full name as first given in the article ("Jane Q. Doe"), or under the actor of the lexicon
  (`presslens.lexicons.resolve_actor`) when it knows them; datelines, words in capitals,
  possessives ("Doe's") and clause openers ("Despite …") are never speakers; a short term in
  marks that nobody is said to have said, one word in marks that no speech verb next to it
  gives anyone (the cells “remembered”), or a phrase standing as a noun's modifier (a “ten
  things I wish I knew” post), is a scare quote.

The words of speech (verbs, "according to", titles, speaker nouns, words that never name a
speaker) are data, per language (`en`, `ru`), in `data/lexicons/speech.yaml`; demonyms and
capitals in `places.yaml` (see `speech`).

The parts: `document` (an article as the finder reads it, English grammar words), `speech`
(the speech lexicon), `marks` (quote marks, pairing, quotes inside quotes), `kinds` (titles, scare terms and
noun modifiers told from speech), `phrases` (the
noun phrases that can name a speaker), `speakers` (cues, attribution), `names` (one person, one
name), `resolution` (speakers, back-references, the actor lexicon), `makers` (who made the
report a quote is given to), `writer` (the byline's
author as the speaker of first-person quotes), `indirect` (reported speech), `extract`
(`find_quotes`), `tables` (per-outlet tables), `labels` (hand labels of dev-set pages, by
offsets) and `evaluate` (scoring against hand labels; `evaluate_quotes` on
the labelled dev set). The analysis functions take the `find_quotes` table:
`quoted_words_by_side`, `voices_by_outlet`, `speech_modes_by_outlet`, `find_repeated_quotes`
and `quotes_in_context`.
"""

from __future__ import annotations

import warnings

import pandas as pd

from presslens import _compat

from .document import DIRECT_KINDS, KINDS, QUOTE_COLUMNS
from .evaluate import (
    SCORE_GROUPS,
    QuoteEvaluation,
    evaluate_quotes,
    gold_quotes,
    match_quotes,
    quote_scores,
    spans_match,
    speaker_correct,
)
from .extract import find_quotes
from .labels import labelled_pages, read_quote_labels
from .tables import (
    UNATTRIBUTED,
    UNMAPPED,
    find_repeated_quotes,
    quoted_words_by_side,
    quotes_in_context,
    side_label,
    speech_modes_by_outlet,
    voices_by_outlet,
)

__all__ = [
    "DIRECT_KINDS",
    "KINDS",
    "QUOTE_COLUMNS",
    "SCORE_GROUPS",
    "UNATTRIBUTED",
    "UNMAPPED",
    "QuoteEvaluation",
    "evaluate_quotes",
    "find_quotes",
    "find_repeated_quotes",
    "gold_quotes",
    "labelled_pages",
    "match_quotes",
    "quote_scores",
    "quoted_words_by_side",
    "quotes_in_context",
    "read_quote_labels",
    "side_label",
    "spans_match",
    "speaker_correct",
    "speech_modes_by_outlet",
    "voices_by_outlet",
]


def quotes(articles: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """Deprecated name of `find_quotes` (the naming grammar: `find_<things>` for hit tables)."""
    warnings.warn(
        "presslens.sourcing.quotes is renamed presslens.sourcing.find_quotes; call that",
        DeprecationWarning,
        stacklevel=2,
    )
    return find_quotes(articles, **kwargs)


#: Old names (before the naming grammar of issue 14) → new ones; they warn for one release.
RENAMED = {
    "voices": "voices_by_outlet",
    "speech_modes": "speech_modes_by_outlet",
    "repeated_quotes": "find_repeated_quotes",
    "readable_quotes": "quotes_in_context",
}


__getattr__ = _compat.renamed(__name__, RENAMED)
