"""Paragraphs, sentences and tokens of the articles: the one numbering every module uses.

* **Paragraphs** are the blocks of an article's `text` separated by a blank line (`"\\n\\n"`),
  numbered from 0, empty blocks skipped.
* **Sentences** use NLTK's Punkt with `ABBREVIATIONS` given as parameters (no downloaded model):
  "Dr. Smith" and "U.N.-backed" are not sentence ends. Sentences never cross paragraphs.
* Offsets (`start`, `end`) always index the article's original `text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from presslens.dataset import check_articles

from .words import STOP_WORDS, normalize, stem, token_spans

_PARA_SPLIT = re.compile(r"\n\s*\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each paragraph of an article text: blocks separated by a blank line,
    empty blocks skipped, surrounding space trimmed. Every module numbers paragraphs this way."""
    spans, pos = [], 0
    for m in _PARA_SPLIT.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        a2 = a + (len(chunk) - len(chunk.lstrip()))
        out.append((a2, a2 + len(stripped)))
    return out


def _columns(articles: pd.DataFrame):
    """`(article_id, outlet, text)` of every article, validated by `dataset.check_articles`."""
    arts = check_articles(articles)
    return zip(
        arts["article_id"].tolist(), arts["outlet"].tolist(), arts["text"].tolist(), strict=True
    )


def paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per kept paragraph: `article_id, outlet, paragraph, text, start, end`.

    `paragraph` is the 0-based position in `articles.text` (paragraphs are separated by a blank
    line); `start/end` are character offsets into the article's `text`.
    """
    rows = []
    for aid, outlet, text in _columns(articles):
        for i, (a, b) in enumerate(paragraph_spans(text)):
            rows.append((aid, outlet, i, text[a:b], a, b))
    return pd.DataFrame(rows, columns=["article_id", "outlet", "paragraph", "text", "start", "end"])


#: Abbreviations after which a full stop does not end a sentence (lower case, no final dot).
ABBREVIATIONS = frozenset(
    """
    u.s u.k u.n e.u u.s.a u.a.e e.g i.e etc vs mr mrs ms dr prof st gen lt col maj capt sgt adm
    gov sen rep pres amb jr sr inc corp ltd co dept govt approx est fig jan feb mar apr jun jul
    aug sep sept oct nov dec mt ft rev hon
    """.split()
)


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """`(paragraph, start, end)` of every sentence of one article text (offsets into `text`)."""
    punkt = _punkt()
    out = []
    for p, (a, b) in enumerate(paragraph_spans(text)):
        chunk = normalize(text[a:b])
        for s, e in punkt.span_tokenize(chunk):
            out.append((p, a + s, a + e))
    return out


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: `article_id, outlet, paragraph, sentence, start, end, text`.

    `sentence` is the 0-based index within the article; `text[start:end]` of the article's
    `text` is exactly the sentence text (original characters, not normalised).
    """
    rows = []
    for aid, outlet, text in _columns(articles):
        for k, (p, a, b) in enumerate(sentence_spans(text)):
            rows.append((aid, outlet, p, k, a, b, text[a:b]))
    return pd.DataFrame(
        rows, columns=["article_id", "outlet", "paragraph", "sentence", "start", "end", "text"]
    )


def tokens(
    articles: pd.DataFrame,
    *,
    lower: bool = True,
    phrases: Iterable[str] | None = None,
    drop_stop: bool = False,
    stemmed: bool = False,
) -> pd.DataFrame:
    """Long table of tokens: `article_id, outlet, paragraph, position, token, start, end`.

    `position` is the token's 0-based index in the article (counted before stop-word removal, so
    positions stay comparable); `start/end` are character offsets into the article's `text`.
    """
    cols: dict[str, list] = {
        k: [] for k in ("article_id", "outlet", "paragraph", "position", "token", "start", "end")
    }
    for aid, outlet, text in _columns(articles):
        pos = 0
        for p, (a, b) in enumerate(paragraph_spans(text)):
            for s, e, tok in token_spans(text[a:b], lower=lower, phrases=phrases):
                keep = not (drop_stop and tok.lower() in STOP_WORDS)
                if keep:
                    cols["article_id"].append(aid)
                    cols["outlet"].append(outlet)
                    cols["paragraph"].append(p)
                    cols["position"].append(pos)
                    cols["token"].append(stem(tok) if stemmed else tok)
                    cols["start"].append(a + s)
                    cols["end"].append(a + e)
                pos += 1
    return pd.DataFrame(cols)
