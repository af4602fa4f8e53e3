"""Paragraphs, sentences, tokens, stop words, n-grams and document-term matrices.

Every analysis counts words the same way, so this module is the one place that decides what a
word is. It knows nothing of outlets beyond carrying the `outlet` column through.

Decisions (documented here because they change counts):

* **Normalisation** (`normalize`) maps curly quotes and apostrophes to straight ones, every dash
  to `-` and non-breaking/thin spaces to a space, *character for character*, so a span found in the
  normalised text indexes the original text, which is what we display.
* **Tokens** come from one compiled regular expression over normalised text. A token is a run of
  letters/digits that may be joined by an inner hyphen, apostrophe, slash or ampersand
  (`nagorno-karabakh`, `armenia's`, `rfe/rl`, `27-28`), a number with inner `.`/`,`
  (`120,000`), a dotted abbreviation (`u.s.`, kept with its dots so it never collides with the
  pronoun "us"), or a handle/hashtag (`@secblinken`). Em dashes separate words
  (`dialogue—both` is two tokens); en dashes and hyphens join them. Possessive `'s` stays on the
  token (`armenia's`), identical for curly and straight apostrophes.
* **Multi-word terms** (`phrases=`, e.g. "Lachin corridor") are matched case-insensitively on
  token sequences, longest first, and joined with an underscore into one token
  (`lachin_corridor`), so they never collide with single words and survive any vectoriser.
* **Stop words** are the `stop-words` package's English list, minus `KEPT_WORDS` (content words
  that list treats as stop words but that carry meaning in news wording: "against", "despite",
  "state", "welcome", "serious", "goods", ...), plus `DOMAIN_STOP_WORDS` (reporting verbs and
  fillers such as "said", "told", "also").
* **Sentences** use NLTK's Punkt with `ABBREVIATIONS` given as parameters (no downloaded model):
  "U.S. Secretary" and "U.S.-hosted" are not sentence ends. Sentences never cross paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import _compat, parallel

if TYPE_CHECKING:
    import scipy.sparse as sp

# --------------------------------------------------------------------------------------------
# Normalisation

_QUOTES_SINGLE = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_QUOTES_DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u2007\u2009\u200a\u202f\u205f\u3000\u2002\u2003\u2004\u2005\u2006\u2008"

_NORMALIZE = str.maketrans(
    {
        **{c: "'" for c in _QUOTES_SINGLE},
        **{c: '"' for c in _QUOTES_DOUBLE},
        **{c: "-" for c in _DASHES},
        **{c: " " for c in _SPACES},
    }
)
# For tokenising only: em/horizontal-bar dashes separate words instead of joining them.
_TOKEN_TABLE = dict(_NORMALIZE)
_TOKEN_TABLE.update({ord("\u2014"): " ", ord("\u2015"): " "})
_NORM_PAIRS = tuple((chr(k), v) for k, v in _NORMALIZE.items())
_TOKEN_PAIRS = tuple((chr(k), v) for k, v in _TOKEN_TABLE.items())


def _replace_all(s: str, pairs) -> str:
    # str.translate with a dict is slow on non-ASCII text; a few C-level replaces are ~10x faster
    if s.isascii():
        return s
    for old, new in pairs:
        if old in s:
            s = s.replace(old, new)
    return s


def normalize(s: str) -> str:
    """Curly quotes → straight, dashes → `-`, NBSP/thin spaces → space; same length as `s`.

    Length-preserving (char for char), so offsets found in the result index the original.
    """
    return _replace_all(s, _NORM_PAIRS)


# --------------------------------------------------------------------------------------------
# Tokens

_TOKEN_RE = re.compile(
    r"""
      [@\#][^\W_]\w*+                           # @handle, #hashtag
    | (?:[^\W\d_]\.){2,}+(?![^\W\d_])           # dotted abbreviation: U.S., U.N., e.g.
    | \w++(?:(?:['/&-]|(?<=\d)[.,](?=\d))\w++)*+  # words, joined words, numbers (120,000 / 3.5)
    """,
    re.VERBOSE,
)  # possessive quantifiers: no backtracking, ~1.5x faster on news text

#: Words the `stop-words` English list treats as stop words that we keep: they carry meaning in
#: news wording (stance, quantities, institutions).
KEPT_WORDS = frozenset(
    """
    against despite state states welcome serious seriously goods problem problems significant
    significantly important importance information million billion thousand hundred trillion
    world years young system research group groups member members proud sincere novel early
    recent recently close clear clearly right order orders interest interests value effect
    cause causes present necessary immediate immediately strongly successfully willing
    unfortunately great greater greatest large largely small former latest older oldest newer
    newest second third first last new years year two one three four five six seven eight nine
    ten twenty thirty forty fifty sixty seventy eighty ninety hundred areas area places place
    number numbers backing backed opposite support forward ahead brief
    """.split()
)

#: Reporting verbs and fillers that say nothing about an outlet's wording.
DOMAIN_STOP_WORDS = frozenset(
    """
    said says say saying told tells tell also according added adds would could will may might
    mr mrs ms
    """.split()
)


def _load_stop_words() -> frozenset[str]:
    from stop_words import get_stop_words

    base = {w.lower() for w in get_stop_words("english")}
    return frozenset((base - KEPT_WORDS) | DOMAIN_STOP_WORDS)


#: The stop-word set used by every analysis (see the module docstring for what is in it).
STOP_WORDS: frozenset[str] = _load_stop_words()


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english", ignore_stopwords=False)


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Snowball (Porter2) stem of one token; joined phrase tokens are left as they are."""
    if "_" in token:
        return token
    return _stemmer().stem(token)


def _phrase_key(phrases: Iterable[str] | None) -> tuple[str, ...]:
    if not phrases:
        return ()
    if isinstance(phrases, str):
        phrases = [phrases]
    if isinstance(phrases, tuple):
        # the common case (one tuple passed for every paragraph of a corpus): computed once
        return _phrase_key_of_tuple(phrases)
    return tuple(sorted({str(p).strip() for p in phrases if p and str(p).strip()}))


@lru_cache(maxsize=64)
def _phrase_key_of_tuple(phrases: tuple) -> tuple[str, ...]:
    return tuple(sorted({str(p).strip() for p in phrases if p and str(p).strip()}))


@lru_cache(maxsize=64)
def _phrase_index(key: tuple[str, ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First token → [(token sequence, joined token)], longest sequences first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in key:
        seq = tuple(
            m.group(0).lower() for m in _TOKEN_RE.finditer(_replace_all(phrase, _TOKEN_PAIRS))
        )
        if len(seq) < 2:
            continue
        index.setdefault(seq[0], []).append((seq, "_".join(seq)))
    for first in index:
        index[first] = sorted(set(index[first]), key=lambda item: (-len(item[0]), item[1]))
    return index


def _merge_phrases(lowered: list[str], index) -> list[tuple[int, int]]:
    """Greedy longest match, left to right: `(first token, width)` of every phrase found.

    Only positions whose token starts some phrase are tried, so text without phrase words
    costs one dict lookup per token.
    """
    found = []
    pos, n = 0, len(lowered)
    for i in [i for i, t in enumerate(lowered) if t in index]:
        if i < pos:
            continue  # inside a phrase already taken
        for seq, _ in index[lowered[i]]:
            k = len(seq)
            if i + k <= n and tuple(lowered[i : i + k]) == seq:
                found.append((i, k))
                pos = i + k
                break
    return found


def _join_phrases(toks: list, found: list[tuple[int, int]], join) -> list:
    """`toks` with each `(first, width)` run of `found` replaced by `join(run)`."""
    if not found:
        return toks
    out: list = []
    pos = 0
    for i, k in found:
        out.extend(toks[pos:i])
        out.append(join(toks[i : i + k]))
        pos = i + k
    out.extend(toks[pos:])
    return out


def _join_spans(run: list[tuple[int, int, str]]) -> tuple[int, int, str]:
    return (run[0][0], run[-1][1], "_".join(t for _, _, t in run))


def token_spans(
    s: str, *, lower: bool = True, phrases: Iterable[str] | None = None
) -> list[tuple[int, int, str]]:
    """`(start, end, token)` for every token of `s`; offsets index `s` itself."""
    matches = list(_TOKEN_RE.finditer(_replace_all(s, _TOKEN_PAIRS)))
    raw = [m.group(0) for m in matches]
    lowered = [t.lower() for t in raw]
    out_tokens = lowered if lower else raw
    index = _phrase_index(_phrase_key(phrases))
    spans = [(m.start(), m.end(), t) for m, t in zip(matches, out_tokens, strict=True)]
    if not index:
        return spans
    return _join_phrases(spans, _merge_phrases(lowered, index), _join_spans)


def count_words(s: str) -> int:
    """How many words `s` holds: its tokens (see `token_spans`), the one word count of the suite
    (`n_words` of an article, a paragraph's length, a quote's length)."""
    return len(_TOKEN_RE.findall(_replace_all(s, _TOKEN_PAIRS)))


def tokenize(
    s: str,
    *,
    lower: bool = True,
    phrases: Iterable[str] | None = None,
    drop_stop: bool = False,
    stemmed: bool = False,
) -> list[str]:
    """Tokens of `s` (see the module docstring for what a token is).

    `phrases`: multi-word terms joined into one token (`"Lachin corridor"` → `lachin_corridor`).
    `drop_stop` removes `STOP_WORDS`; `stemmed` applies Snowball stemming.
    """
    if phrases:
        # the same tokens as `token_spans` (tokenised, then lowered), without building spans
        raw = _TOKEN_RE.findall(_replace_all(s, _TOKEN_PAIRS))
        lowered = [t.lower() for t in raw]
        out_tokens = lowered if lower else raw
        index = _phrase_index(_phrase_key(phrases))
        toks = (
            _join_phrases(out_tokens, _merge_phrases(lowered, index), "_".join)
            if index
            else out_tokens
        )
    else:
        translated = _replace_all(s, _TOKEN_PAIRS)
        toks = _TOKEN_RE.findall(translated.lower() if lower else translated)
    if drop_stop:
        toks = [t for t in toks if t.lower() not in STOP_WORDS]
    if stemmed:
        toks = [stem(t) for t in toks]
    return toks


def ngrams(toks: Sequence[str], n: int = 2, *, drop_stop_edges: bool = False) -> list[str]:
    """Space-joined n-grams of a token list.

    With `drop_stop_edges`, n-grams that start or end with a stop word are dropped (so
    "secretary of state" survives but "of the" does not).
    """
    if n == 1:
        grams = [(t,) for t in toks]
    else:
        grams = list(zip(*(toks[i:] for i in range(n)), strict=False))
    if drop_stop_edges:
        grams = [g for g in grams if g[0] not in STOP_WORDS and g[-1] not in STOP_WORDS]
    return [" ".join(g) for g in grams]


# --------------------------------------------------------------------------------------------
# Paragraphs and sentences

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


def _article_frame(articles: pd.DataFrame) -> pd.DataFrame:
    if "text" not in articles.columns:
        raise ValueError("articles needs a `text` column (see presslens.load_articles())")
    out = articles.copy()
    if "article_id" not in out.columns:
        out["article_id"] = out.index.astype(str)
    if "outlet" not in out.columns:
        out["outlet"] = pd.NA
    out["text"] = out["text"].fillna("").astype(str)
    return out


def paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per kept paragraph: `article_id, outlet, paragraph, text, start, end`.

    `paragraph` is the 0-based position in `articles.text` (paragraphs are separated by a blank
    line); `start/end` are character offsets into the article's `text`.
    """
    arts = _article_frame(articles)
    rows = []
    for aid, outlet, text in zip(
        arts["article_id"].tolist(), arts["outlet"].tolist(), arts["text"].tolist(), strict=True
    ):
        for i, (a, b) in enumerate(paragraph_spans(text)):
            rows.append((aid, outlet, i, text[a:b], a, b))
    return pd.DataFrame(rows, columns=["article_id", "outlet", "paragraph", "text", "start", "end"])


CONCORDANCE_COLUMNS = [
    "article_id",
    "outlet",
    "paragraph",
    "left",
    "match",
    "right",
    "start",
    "end",
]


def _edge(seg: str, pos: int, step: int) -> int:
    """Move `pos` outwards to the whitespace around the word it sits in (punctuation stays)."""
    if step < 0:
        while pos > 0 and not seg[pos - 1].isspace():
            pos -= 1
    else:
        while pos < len(seg) and not seg[pos].isspace():
            pos += 1
    return pos


def concordance(articles: pd.DataFrame, hits: pd.DataFrame, *, context: int = 8) -> pd.DataFrame:
    """Keyword in context: each hit (`article_id, start, end` offsets into the article's `text`)
    with up to `context` words either side, within its paragraph. The one KWIC of the suite.

    Returns `article_id, outlet, paragraph, left, match, right, start, end` plus every other
    column of `hits` (group, variant, frame, actor, …). `match` is the text as written; `left`
    and `right` are the original text with line breaks as spaces, "…" marking a cut.
    """
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    outlets = (
        dict(zip(articles["article_id"], articles["outlet"], strict=True))
        if "outlet" in articles.columns
        else {}
    )
    extra = [c for c in hits.columns if c not in CONCORDANCE_COLUMNS and c != "surface"]
    rows = []
    spans_of: dict = {}
    for hit in hits.to_dict("records"):
        aid = hit["article_id"]
        txt = texts.get(aid)
        txt = "" if txt is None or txt != txt else str(txt)
        a, b = int(hit["start"]), int(hit["end"])
        if aid not in spans_of:
            spans_of[aid] = paragraph_spans(txt)
        para = next(
            (i for i, (x, y) in enumerate(spans_of[aid]) if x <= a < y),
            None,
        )
        pa, pb = spans_of[aid][para] if para is not None else (0, len(txt))
        seg = txt[pa:pb]
        words = token_spans(seg)
        before = [s for s, e, _ in words if e <= a - pa]
        after = [e for s, e, _ in words if s >= b - pa]
        lo = _edge(seg, before[-context], -1) if context and len(before) >= context else 0
        hi = _edge(seg, after[context - 1], 1) if context and len(after) >= context else len(seg)
        if context == 0:
            lo, hi = a - pa, b - pa
        left = " ".join(seg[lo : a - pa].split())
        right = " ".join(seg[b - pa : hi].split())
        rows.append(
            {
                "article_id": aid,
                "outlet": hit.get("outlet", outlets.get(aid)),
                "paragraph": para,
                "left": ("…" + left) if lo > 0 and left else left,
                "match": txt[a:b],
                "right": (right + "…") if hi < len(seg) and right else right,
                "start": a,
                "end": b,
                **{c: hit[c] for c in extra},
            }
        )
    return pd.DataFrame(rows, columns=CONCORDANCE_COLUMNS + extra)


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
    arts = _article_frame(articles)
    rows = []
    for aid, outlet, text in zip(
        arts["article_id"].tolist(), arts["outlet"].tolist(), arts["text"].tolist(), strict=True
    ):
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
    arts = _article_frame(articles)
    cols: dict[str, list] = {
        k: [] for k in ("article_id", "outlet", "paragraph", "position", "token", "start", "end")
    }
    for aid, outlet, text in zip(
        arts["article_id"].tolist(), arts["outlet"].tolist(), arts["text"].tolist(), strict=True
    ):
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


# --------------------------------------------------------------------------------------------
# Samples for pairwise analyses


class _ChunkCounter:
    """Tokenise a chunk of texts: `(vocabulary in first-seen order, codes, tokens per text)`."""

    def __init__(self, analyzer):
        self.analyzer = analyzer

    def __call__(self, texts: list[str]):
        docs = [self.analyzer(t) for t in texts]
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        flat = np.empty(int(lengths.sum()), dtype=object)
        flat[:] = list(chain.from_iterable(docs))
        del docs
        if not len(flat):
            return [], np.zeros(0, dtype=np.int64), lengths
        codes, uniques = pd.factorize(flat)
        return [str(u) for u in uniques], np.asarray(codes, dtype=np.int64), lengths


# --------------------------------------------------------------------------------------------
# Document-term matrices


@dataclass
class DocumentTermMatrix:
    """A sparse count matrix with its labels.

    `matrix`: `scipy.sparse.csr_matrix` (rows × terms, int64 counts); `terms`: the vocabulary
    (numpy array of str, column order); `rows`: a DataFrame labelling each row (the `by` columns
    and `n_docs` when grouped, else `article_id` and `outlet`).
    """

    matrix: sp.csr_matrix
    terms: np.ndarray
    rows: pd.DataFrame

    @property
    def vocabulary(self) -> dict[str, int]:
        """`{term: column}` (like scikit-learn's `vocabulary_`)."""
        return {t: i for i, t in enumerate(self.terms)}

    def totals(self) -> np.ndarray:
        """Token count of each row."""
        return np.asarray(self.matrix.sum(axis=1)).ravel()

    def to_frame(self) -> pd.DataFrame:
        """Long table: the row labels, `term`, `count` (non-zero cells only)."""
        coo = self.matrix.tocoo()
        out = self.rows.iloc[coo.row].reset_index(drop=True)
        out["term"] = self.terms[coo.col]
        out["count"] = coo.data
        return out


def _group_keys(arts: pd.DataFrame, by: str | Sequence[str]) -> list[str]:
    keys = [by] if isinstance(by, str) else list(by)
    for k in keys:
        if k not in arts.columns:
            if k == "month" and "published" in arts.columns:
                pub = pd.to_datetime(arts["published"], errors="coerce")
                arts["month"] = pub.dt.to_period("M").astype(str).where(pub.notna(), "undated")
            else:
                raise KeyError(f"cannot group by {k!r}: not a column of articles")
    return keys


def document_term_matrix(
    articles: pd.DataFrame,
    by: str | Sequence[str] | None = None,
    *,
    lower: bool = True,
    phrases: Iterable[str] | None = None,
    drop_stop: bool = True,
    stemmed: bool = False,
    ngram_range: tuple[int, int] = (1, 1),
    min_count: int = 1,
    vocabulary: Iterable[str] | None = None,
    workers: int | None = None,
) -> DocumentTermMatrix:
    """Sparse term counts per article, or per group of articles when `by` is given.

    `by`: any article column or list of columns (`"outlet"`, `"country"`, `"stance"`; `"month"`
    is derived from `published` when absent). Rows with a missing group value form their own
    group (`"(missing)"`) rather than being dropped. N-grams are built on the full token stream;
    with `drop_stop`, unigrams that are stop words and n-grams starting or ending with one are
    dropped. `min_count` drops terms whose total count is lower; `vocabulary` fixes the columns.
    `workers`: processes for tokenising large inputs (default: every core from `POOL_MIN_ROWS`
    rows on; 1 = this process only); the result is the same either way.
    """
    import scipy.sparse as sp  # here, not at the top: the ingest imports this module

    arts = _article_frame(articles)
    lo, hi = ngram_range
    key = _phrase_key(phrases)

    def analyzer(text: str) -> list[str]:
        toks = tokenize(text, lower=lower, phrases=key or None, stemmed=stemmed)
        if lo == hi == 1:
            return [t for t in toks if t not in STOP_WORDS] if drop_stop else toks
        out: list[str] = []
        for n in range(lo, hi + 1):
            out.extend(ngrams(toks, n, drop_stop_edges=drop_stop))
        return out

    # One flat token array + pandas' hash factorisation: no per-token Python dict work.
    # Chunks of rows are tokenised and hash-factorised (on a process pool for large inputs), so
    # only one chunk's token strings are alive at a time; chunk vocabularies are then merged.
    texts = arts["text"].tolist()
    n_docs = len(texts)
    chunks = [texts[i : i + parallel.CHUNK_ROWS] for i in range(0, n_docs, parallel.CHUNK_ROWS)]
    results = parallel.map_chunks(_ChunkCounter(analyzer), chunks, workers=workers)
    vocab: dict[str, int] = {}
    code_parts, length_parts = [], []
    for uniques, chunk_codes, lengths in results:
        ids = np.fromiter(
            (vocab.setdefault(u, len(vocab)) for u in uniques), dtype=np.int64, count=len(uniques)
        )
        code_parts.append(ids[chunk_codes])
        length_parts.append(lengths)
    del results
    lengths = np.concatenate(length_parts) if length_parts else np.zeros(0, dtype=np.int64)
    codes = np.concatenate(code_parts) if code_parts else np.zeros(0, dtype=np.int64)
    row_idx = np.repeat(np.arange(n_docs), lengths)
    names = np.empty(len(vocab), dtype=object)
    names[:] = list(vocab)
    if vocabulary is not None:
        terms = np.asarray(list(dict.fromkeys(vocabulary)), dtype=object)
        to_column = pd.Index(terms).get_indexer(names) if len(names) else np.zeros(0, np.int64)
        codes = to_column[codes]
        keep_tok = codes >= 0
        row_idx, codes = row_idx[keep_tok], codes[keep_tok]
    else:
        # columns in sorted term order (as `pd.factorize(..., sort=True)` gives)
        order = np.argsort(names, kind="stable")
        terms = names[order]
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        codes = rank[codes]
    matrix = sp.csr_matrix(
        (np.ones(len(codes), dtype=np.int64), (row_idx, np.asarray(codes, dtype=np.int64))),
        shape=(n_docs, len(terms)),
    )
    matrix.sum_duplicates()
    if min_count > 1 and terms.size:
        keep = np.asarray(matrix.sum(axis=0)).ravel() >= min_count
        matrix, terms = matrix[:, keep], terms[keep]

    if by is None:
        rows = arts[["article_id", "outlet"]].reset_index(drop=True)
        return DocumentTermMatrix(matrix.tocsr(), terms, rows)

    keys = _group_keys(arts, by)
    labels = arts[keys].astype(object).where(arts[keys].notna(), "(missing)")
    grouped = labels.groupby(keys, sort=True).ngroup().to_numpy()
    n_groups = int(grouped.max()) + 1 if len(grouped) else 0
    indicator = sp.csr_matrix(
        (np.ones(len(grouped), dtype=np.int64), (grouped, np.arange(len(grouped)))),
        shape=(n_groups, len(grouped)),
    )
    rows = (
        labels.assign(_g=grouped)
        .groupby("_g", sort=True)
        .agg(**{k: (k, "first") for k in keys}, n_docs=(keys[0], "size"))
        .reset_index(drop=True)
    )
    return DocumentTermMatrix((indicator @ matrix).tocsr(), terms, rows)


__getattr__ = _compat.moved(
    __name__,
    {
        name: "presslens.parallel"
        for name in ("POOL_MIN_ROWS", "CHUNK_ROWS", "gc_paused", "pool_workers", "map_chunks")
    }
    | {"sample_articles": "presslens.dataset"},
)
