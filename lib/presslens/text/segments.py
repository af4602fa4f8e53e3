"""Paragraphs, sentences and tokens of the articles: the one numbering every module uses.

* **Paragraphs** are the blocks of an article's `text` separated by a blank line (`"\\n\\n"`),
  numbered from 0, empty blocks skipped.
* **Sentences** use NLTK's Punkt with `ABBREVIATIONS` given as parameters (no downloaded model):
  "Dr. Smith" and "U.N.-backed" are not sentence ends. A paragraph written in Armenian script is
  split at Armenian full stops instead: "։", the ASCII ":" many sites type for it, "?", "!",
  "…" and "." (Punkt would take the one-letter verb "է" before a full stop for an initial).
  Sentences never cross paragraphs.
* Offsets (`start`, `end`) always index the article's original `text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from presslens.dataset import check_articles

from .words import normalize, stem, stop_words, token_spans

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


def article_languages(articles: pd.DataFrame) -> list[str]:
    """Each article's `language` (its column; "und" where blank), detected from the text by
    `clean.detect_language` when the table has no such column."""
    from presslens.clean.languages import detect_language

    arts = check_articles(articles)
    if "language" in arts.columns:
        return [str(x) if isinstance(x, str) and x else "und" for x in arts["language"]]
    return [detect_language(t[:3000]) for t in arts["text"].tolist()]


#: Paragraphs whose language `paragraph_language` remembers (about 40 MB of text at most): the
#: analyses of one notebook ask for the same paragraphs' languages many times (terms, actors,
#: topics, tone), and the answer depends only on the paragraph and its article's language.
_LANGUAGE_CACHE = 1 << 16


@lru_cache(maxsize=_LANGUAGE_CACHE)
def _cached_language(text: str, article_language: str) -> str:
    from presslens.clean.languages import paragraph_language as detect

    return detect(text, article_language)


def paragraph_language(text: str, article_language: str) -> str:
    """The language of one paragraph: its own when its stop words or its script say so clearly,
    else its article's: short lines inherit it (`clean.languages.paragraph_language`, the one
    detector; remembered per paragraph text within a process)."""
    if not isinstance(text, str) or not isinstance(article_language, str):
        from presslens.clean.languages import paragraph_language as detect

        return detect(text, article_language)
    return _cached_language(text, article_language)


def paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per kept paragraph: `article_id, outlet, paragraph, text, start, end, language`.

    `paragraph` is the 0-based position in `articles.text` (paragraphs are separated by a blank
    line); `start/end` are character offsets into the article's `text`; `language` is the
    paragraph's (`paragraph_language`: its own when clear, else its article's).
    """
    rows = []
    langs = article_languages(articles)
    for (aid, outlet, text), lang in zip(_columns(articles), langs, strict=True):
        for i, (a, b) in enumerate(paragraph_spans(text)):
            chunk = text[a:b]
            rows.append((aid, outlet, i, chunk, a, b, paragraph_language(chunk, lang)))
    return pd.DataFrame(
        rows, columns=["article_id", "outlet", "paragraph", "text", "start", "end", "language"]
    )


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


_ARMENIAN = re.compile(r"[\u0531-\u0587]")
#: An Armenian sentence ends at "։" (or ":" typed for it), "?", "!", "…" or "." and the
#: closing quotes or brackets after it, before a space or the end of the paragraph.
_ARMENIAN_END = re.compile(r"""(?:[։:?!…]|\.(?!\d))+["'»)\]]*(?=\s|$)""")


def _armenian_spans(chunk: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _ARMENIAN_END.finditer(chunk):
        if chunk[pos : m.end()].strip():
            spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, len(chunk)))
    out = []
    for s, e in spans:
        piece = chunk[s:e]
        if piece.strip():
            s2 = s + len(piece) - len(piece.lstrip())
            out.append((s2, s2 + len(piece.strip())))
    return out


def _is_armenian(chunk: str) -> bool:
    letters = sum(ch.isalpha() for ch in chunk[:400])
    return len(_ARMENIAN.findall(chunk[:400])) * 2 > letters


#: Article texts whose sentences `sentence_spans` remembers: the framing, tone and sourcing
#: analyses of one notebook split the same articles into sentences many times.
_SENTENCE_CACHE = 1 << 13


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """`(paragraph, start, end)` of every sentence of one article text (offsets into `text`;
    remembered per text within a process)."""
    if not isinstance(text, str):
        return _split_sentences(text)
    return list(_cached_sentences(text))


@lru_cache(maxsize=_SENTENCE_CACHE)
def _cached_sentences(text: str) -> tuple[tuple[int, int, int], ...]:
    return tuple(_split_sentences(text))


def _split_sentences(text: str) -> list[tuple[int, int, int]]:
    punkt = _punkt()
    out = []
    for p, (a, b) in enumerate(paragraph_spans(text)):
        chunk = normalize(text[a:b])
        spans = _armenian_spans(chunk) if _is_armenian(chunk) else punkt.span_tokenize(chunk)
        for s, e in spans:
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
    language: str | None = None,
) -> pd.DataFrame:
    """Long table of tokens: `article_id, outlet, paragraph, position, token, start, end`.

    `position` is the token's 0-based index in the article (counted before stop-word removal, so
    positions stay comparable); `start/end` are character offsets into the article's `text`.
    Stop words and stems are those of `language`, or of each article's own `language` column
    when None (English for a table without one).
    """
    cols: dict[str, list] = {
        k: [] for k in ("article_id", "outlet", "paragraph", "position", "token", "start", "end")
    }
    arts = check_articles(articles)
    own = arts["language"].fillna("und").tolist() if "language" in arts else ["en"] * len(arts)
    for (aid, outlet, text), lang in zip(_columns(arts), own, strict=True):
        lang = language or lang
        stops = stop_words(lang) if drop_stop else frozenset()
        pos = 0
        for p, (a, b) in enumerate(paragraph_spans(text)):
            for s, e, tok in token_spans(text[a:b], lower=lower, phrases=phrases):
                if tok.lower() not in stops:
                    cols["article_id"].append(aid)
                    cols["outlet"].append(outlet)
                    cols["paragraph"].append(p)
                    cols["position"].append(pos)
                    cols["token"].append(stem(tok, lang) if stemmed else tok)
                    cols["start"].append(a + s)
                    cols["end"].append(a + e)
                pos += 1
    return pd.DataFrame(cols)


def value_at(points: pd.DataFrame, spans: pd.DataFrame, column: str) -> pd.Series:
    """For each row of `points` (`article_id`, `start`: an offset into the article's text), the
    `column` of the last row of `spans` (same `article_id`) starting at or before it: the
    paragraph or sentence a hit starts in. NaN where no span starts before the point; the
    result has `points`' length, in its order (a plain RangeIndex)."""
    left = pd.DataFrame(
        {
            "_row": range(len(points)),
            "article_id": points["article_id"].astype(str).to_numpy(),
            "start": pd.to_numeric(points["start"], errors="coerce")
            .fillna(-1)
            .astype("int64")
            .to_numpy(),
        }
    )
    right = pd.DataFrame(
        {
            "article_id": spans["article_id"].astype(str).to_numpy(),
            "start": spans["start"].astype("int64").to_numpy(),
            column: spans[column].to_numpy(),
        }
    )
    found = pd.merge_asof(
        left.sort_values("start", kind="stable"),
        right.sort_values("start", kind="stable"),
        on="start",
        by="article_id",
        direction="backward",
    ).set_index("_row")[column]
    return found.reindex(range(len(points))).reset_index(drop=True)
