"""Who gets a voice: quotes, their speakers, and how much room each outlet gives each side.

`quotes(articles)` finds every quotation in the articles and attributes it:

- direct quotes in any of “…”, "…", ‘…’, '…', «…», „…“ (paired by where each mark sits against
  letters and spaces, not by its glyph, so a “ used as a closing mark still closes); multi-sentence
  quotes; news-style quotes that run on into the next paragraph (the paragraph ends open and the
  next one re-opens); a quote whose closing mark is missing is cut at a sensible boundary
  (the end of the quoted phrase, a glued-on word, the clause where the reporter resumes, never
  beyond its paragraph) and flagged `unclosed`; apostrophes (Armenia’s, we’ve) are not marks;
- kinds: `full` (a sentence or more), `partial` (a phrase woven into the reporter's sentence),
  `scare` (so-called “…”), `title` (a name in marks, also when its opening mark was lost),
  `embed` (a post's text followed by a "— Name (@handle) date" line) and `indirect` (reported
  speech: "X said (that) …", "according to X, …");
- speakers from cue verbs after the quote ("…,” Peskov added), before it ("Miller said: “…”",
  "Blinken announced that the sides “…”"), passives ("commented … by Matthew Miller"),
  "according to X", the "— Name (@handle)" line, back-references ("he added", "the spokesman",
  "the ministry", "the US official" → the last matching speaker in the article) and news-style
  continuation (a cue-less quote paragraph keeps the previous paragraph's speaker); each
  speaker is mapped to the actor lexicon with `presslens.lexicons.resolve_actor` when possible.

The analysis functions take the `quotes` table: `quoted_words_by_side`, `voices`,
`speech_modes`, `repeated_quotes` and `readable_quotes`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

#: Columns of the table `quotes()` returns (plus `flags`: "unclosed", "no-opening" or "").
QUOTE_COLUMNS = [
    "article_id",
    "outlet",
    "kind",
    "text",
    "n_words",
    "speaker_text",
    "actor",
    "side",
    "cue",
    "method",
    "confidence",
    "start",
    "end",
    "flags",
]
#: Kinds that put someone's own words on the page.
DIRECT_KINDS = ("full", "partial", "embed")
KINDS = ("full", "partial", "embed", "indirect", "scare", "title")

# --------------------------------------------------------------------------------------------
# Marks

_DOUBLE = '\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\uff02"'
_SINGLE = "\u2018\u2019\u201a\u201b\u2039\u203a'"
_OPEN_ONLY = "\u201e\u00ab\u201a\u2039"  # „ « ‚ ‹ never close in the languages we read
_CLOSE_PUNCT = set(".,;:!?)]}\u2014\u2013-/…")
_CLOSE_NOT_HYPHEN = _CLOSE_PUNCT - {"-"}
_OPEN_PUNCT = set("([{\u2014\u2013-/")
_ALL_MARKS = set(_DOUBLE + _SINGLE)
_DOUBLE_RE = re.compile("[" + re.escape(_DOUBLE) + "]")
_SINGLE_RE = re.compile("[" + re.escape(_SINGLE) + "]")


def _is_space(c: str) -> bool:
    return c == "" or c.isspace()


def _flanks(text: str, i: int) -> tuple[bool, bool]:
    """(can open, can close) for the mark at `i`, from the characters around it."""
    p = text[i - 1] if i > 0 else ""
    n = text[i + 1] if i + 1 < len(text) else ""
    can_open = not _is_space(n) and n not in _CLOSE_NOT_HYPHEN or n in _ALL_MARKS
    can_open = can_open and (_is_space(p) or p in _OPEN_PUNCT or p in _ALL_MARKS)
    can_close = not _is_space(p) and p not in _OPEN_PUNCT
    can_close = can_close and (_is_space(n) or n in _CLOSE_PUNCT or n in _ALL_MARKS)
    if text[i] in _OPEN_ONLY:
        can_close = can_close and text[i] in "\u00bb\u203a"
    return can_open, can_close


# --------------------------------------------------------------------------------------------
# Words and cues

_WORD = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*\.?", re.UNICODE)
_COUNT_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*", re.UNICODE)

# Speech verbs: they introduce direct and reported speech.
_SPEECH = (
    r"said|says|saying|say|stated|states|stating|state|added|adds|adding|told|tells|telling"
    r"|tweeted|tweets|tweeting|wrote|writes|writing|noted|notes|noting|stressed|stresses"
    r"|stressing|emphasi[sz]ed|emphasi[sz]es|emphasi[sz]ing|concluded|concludes|announced"
    r"|announces|announcing|commented|comments|commenting|responded|responds|replied|replies"
    r"|declared|declares|claimed|claims|claiming|maintains|maintained|insisted|insists|warned"
    r"|warns|warning|argued|argues|explained|explains|confirmed|confirms|asserted|asserts"
    r"|acknowledged|admitted|recalled|reiterated|underlined|underscored|remarked|posted"
    r"|expressed"
)
# Verbs that attribute a quoted phrase to the clause's subject without being speech verbs.
_ATTRIB = (
    _SPEECH + r"|spoke|speaks|voiced|voices|called|calls|calling|urged|urges|demanded|demands"
    r"|welcomed|welcomes|criticized|criticised|condemned|described|describes|expects|expected"
    r"|wants|issued|accused|proposed|pledged|vowed|promised|praised|denounced|labelled|labeled"
    r"|termed|dubbed|read|believes|hopes|hoped|thinks"
)


def _by_first_letter(words: str) -> str:
    r"""The alternation `words` ("said|says|told…") regrouped by first letter
    ("s(?:aid|ays)|t(?:old)…"): a scan then tries one branch per letter instead of every word,
    about twice as fast. Between `\b`s the matches are the same: every word is letters only,
    so a match is always a whole word, whatever the order of the branches."""
    groups: dict[str, list[str]] = {}
    for w in words.split("|"):
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items())


_SPEECH_RE = re.compile(rf"\b(?:{_by_first_letter(_SPEECH)})\b")
_ATTRIB_RE = re.compile(rf"\b(?:{_by_first_letter(_ATTRIB)})\b")
_CUE_AFTER_RE = re.compile(
    rf"^(?:also\s+|later\s+|then\s+)?(?P<cue>{_SPEECH}|read\s+(?:a|the)\s+statement)\b"
)
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
_SCARE = re.compile(
    r"(?:so[- ]called|self[- ](?:proclaimed|styled|declared)|alleged|supposed|quote[- ]unquote)"
    r"\s*$",
    re.IGNORECASE,
)

_PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "org", "we": "any"}
_PERSON_HEADS = {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "minister",
    "secretary",
    "diplomat",
    "diplomats",
    "ambassador",
    "envoy",
    "president",
    "premier",
    "leader",
    "adviser",
    "advisor",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "representative",
    "aide",
    "source",
    "sources",
    "chancellor",
    "mediator",
    "negotiator",
    "head",
    "chief",
    "director",
    "spokespeople",
}
_ORG_HEADS = {
    "ministry",
    "department",
    "government",
    "office",
    "kremlin",
    "side",
    "administration",
    "embassy",
    "presidency",
    "parliament",
    "assembly",
    "council",
    "service",
    "watchdogs",
    "watchdog",
    "groups",
    "group",
    "organization",
    "organisation",
    "union",
    "commission",
    "statement",
    "delegation",
}
_SPEAKER_NOUNS = _PERSON_HEADS | _ORG_HEADS
_NP_CONNECTORS = {"of", "for", "to", "and", "the", "de", "on"}
_DETERMINERS = {"the", "a", "an", "this", "that", "its", "his", "her", "their", "some"}
_TIME_WORDS = re.compile(
    r"^(?:on|in|at|last|this|next|earlier|later|late|early|yesterday|today|tonight|\d{1,4}"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april"
    r"|may|june|july|august|september|october|november|december|week|month|year|night"
    r"|morning|evening|afternoon|[\d\-–]+(?:st|nd|rd|th)?)$",
    re.IGNORECASE,
)
_MONTHS_DAYS = set(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_HONORIFICS = re.compile(
    r"^(?:(?:U\.?S\.?|US|American|Armenian|Azerbaijani|Russian|Kremlin|French|Turkish|EU|"
    r"Iranian|Georgian)\s+)?(?:Secretary(?:\s+of\s+State)?|Foreign\s+Minister|Minister|"
    r"President|Prime\s+Minister|Ambassador|Spokesman|Spokeswoman|Spokesperson|spokesman|"
    r"spokeswoman|spokesperson|FM|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sen\.?|Gen\.?)\s+"
)
_EMBED_LINE = re.compile(
    r"^\s*[-\u2010-\u2015]{1,2}\s*(?P<name>[^()\n]{2,80}?)\s*\(@(?P<handle>\w{1,30})\)"
    r"\s*(?P<date>[^\n]{0,60})$"
)
_GLUED = re.compile(r"([a-z]{5,})(while|whereas)\b")
_GLUED_WORDS = {"meanwhile", "worthwhile", "erstwhile", "awhile"}


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    try:
        from .text import STOP_WORDS

        return frozenset(STOP_WORDS)
    except Exception:  # pragma: no cover - text module missing
        from stop_words import get_stop_words

        return frozenset(get_stop_words("en"))


#: Set by `quotes()` for the length of one call: the lexicon module checked once (or None).
_ACTIVE_LEXICON: list = []


def _lexicon():
    """`presslens.lexicons` if it is usable, else None (speakers then keep their surface text)."""
    if _ACTIVE_LEXICON:
        return _ACTIVE_LEXICON[-1]
    try:
        from . import lexicons

        lexicons.resolve_actor("Blinken")
        return lexicons
    except Exception:
        return None


@lru_cache(maxsize=4096)
def _resolve_cached(surface: str, lex_id: int):
    lex = _lexicon()
    if lex is None:
        return None
    try:
        hit = lex.resolve_actor(surface)
    except Exception:
        return None
    return dict(hit) if hit else None


@lru_cache(maxsize=1)
def _actor_kinds() -> dict[str, str]:
    lex = _lexicon()
    if lex is None:
        return {}
    try:
        table = lex.actors()
    except Exception:
        return {}
    if "kind" not in table.columns:
        return {}
    return {str(a): str(k) for a, k in zip(table["actor"], table["kind"], strict=False)}


# --------------------------------------------------------------------------------------------
# Data classes


@dataclass
class _Quote:
    start: int
    end: int
    kind: str = "partial"
    flags: str = ""
    open_pos: int = -1  # position of the opening mark (or start)
    close_pos: int = -1  # position of the closing mark (or end)
    paragraph: int = 0
    speaker_np: tuple[int, int] | None = None  # span of the speaker noun phrase
    speaker_text: str | None = None
    cue: str | None = None
    method: str | None = None
    confidence: float = 0.0
    nested: bool = False


@dataclass(eq=False)  # one object per speaker: compared by identity
class _Speaker:
    key: str
    surfaces: set = field(default_factory=set)
    person: bool = False
    actor: str | None = None
    side: str | None = None
    role: str | None = None


# --------------------------------------------------------------------------------------------
# Paragraphs and sentences


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as `presslens.text` numbers them; a blank text is one empty paragraph."""
    from .text import paragraph_spans

    return paragraph_spans(text) or [(0, len(text))]


def _sentence_spans(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence `(start, end)` offsets, from `presslens.text` when available."""
    try:
        from .text import sentence_spans

        spans = [(a, b) for _, a, b in sentence_spans(text)]
        if spans:
            return spans
    except Exception:  # pragma: no cover - fallback when text is unavailable
        pass
    out = []
    for a, b in paras:
        pos = a
        for m in re.finditer(r"[.!?][\"”’»]*\s+(?=[A-Z“\"‘«])", text[a:b]):
            out.append((pos, a + m.end()))
            pos = a + m.end()
        out.append((pos, b))
    return out


class _Doc:
    """One article's text with its paragraph and sentence offsets."""

    def __init__(self, text: str):
        self.text = text
        self.paras = _paragraph_spans(text)
        self.sents = _sentence_spans(text, self.paras)
        self._para_starts = [a for a, _ in self.paras]
        self._sent_starts = [a for a, _ in self.sents] if self.sents else [0]

    def para_of(self, i: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, i) - 1)

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """Sentence containing `i`, clipped to its paragraph."""
        k = max(0, bisect.bisect_right(self._sent_starts, i) - 1)
        a, b = self.sents[k] if self.sents else (0, len(self.text))
        pa, pb = self.paras[self.para_of(i)]
        return max(a, pa), min(max(b, i), pb)


# --------------------------------------------------------------------------------------------
# Finding quote spans


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


_TITLE_SMALL = _NP_CONNECTORS | {"in", "and", "de", "la"}
_INNER_STOP = re.compile(r"[.!?;]\s")


def _title_like(s: str) -> bool:
    words = _WORD.findall(s)
    if not 2 <= len(words) <= 10 or not (words[0][0].isupper() and words[-1][0].isupper()):
        return False
    caps = [w for w in words if w[0].isupper() or w[0].isdigit()]
    small = [w for w in words if w.lower() in _TITLE_SMALL]
    return len(caps) + len(small) == len(words) and len(caps) >= 2 and not _INNER_STOP.search(s)


def _cut_unclosed(doc: _Doc, o: int, limit: int) -> tuple[int, int]:
    """Where a quote opened at `o` with no closing mark most plausibly ends (before `limit`)."""
    text = doc.text
    a, b = _trim(text, o + 1, limit)
    content = text[a:b]
    # 1. A word glued to the next one where a closing mark and a space were lost.
    for m in _GLUED.finditer(content):
        if (m.group(1) + m.group(2)).lower() not in _GLUED_WORDS:
            return a, a + m.end(1)
    # 2. The reporter resumes with a speech clause ("… while the Azerbaijani side replied").
    for m in _ATTRIB_RE.finditer(content):
        if m.start() < 15:
            continue
        np_span = _subject_before(text, a, a + m.start())
        if np_span is not None:
            cut = np_span[0]
            before = text[a:cut].rstrip()
            before = re.sub(r"(?:\s+|^)(?:while|and|but|whereas|as|when)$", "", before)
            before = before.rstrip(" ,;:")
            if len(before) > 10:
                return _trim(text, a, a + len(before))
            break
    # 3. A phrase woven into the reporter's sentence ends at the first clause break.
    prev = text[max(0, o - 2) : o].strip()
    woven = content[:1].islower() or (prev and prev[-1] not in ":")
    if woven and content[:1].islower():
        m = re.search(r"[,;:]\s|\s[\u2013\u2014-]\s|[.!?](?:\s|$)", content)
        if m and m.start() > 3:
            end = a + m.start() + (1 if content[m.start()] in ".!?" else 0)
            return a, end
    return a, b


def _find_marked(doc: _Doc) -> list[_Quote]:
    """Direct quotes delimited by double marks (any style), paired left to right."""
    text = doc.text
    out: list[_Quote] = []
    marks = [m.start() for m in _DOUBLE_RE.finditer(text)]
    flank = {i: _flanks(text, i) for i in marks}
    open_at: int | None = None
    open_para = -1
    continued = False  # the open quote continues from an earlier paragraph
    skip: set[int] = set()

    def close_unclosed(limit: int) -> None:
        nonlocal open_at
        a, b = _cut_unclosed(doc, open_at, limit)
        if b > a:
            out.append(
                _Quote(a, b, flags="unclosed", open_pos=open_at, close_pos=b, paragraph=open_para)
            )
        open_at = None

    for i in marks:
        if i in skip:
            continue
        para = doc.para_of(i)
        if open_at is not None and para != open_para:
            # The quote is still open at its paragraph's end: news style continues it when the
            # next paragraph opens with a mark; otherwise the closing mark is missing.
            nxt = open_para + 1
            if nxt < len(doc.paras):
                na = doc.paras[nxt][0]
                if text[na] in _DOUBLE and flank[na][0] and na not in skip:
                    open_para = nxt
                    continued = True
                    skip.add(na)
                    if i == na:
                        continue
                    para = doc.para_of(i)
            if para != open_para:
                close_unclosed(doc.paras[open_para][1])
        can_open, can_close = flank[i]
        if open_at is None:
            if can_open:
                open_at, open_para, continued = i, para, False
            elif can_close:
                q = _title_without_opening(doc, i)
                if q is not None:
                    out.append(q)
            continue
        if can_close and i > open_at + 1:
            a, b = _trim(text, open_at + 1, i)
            if b > a:
                q = _Quote(a, b, open_pos=open_at, close_pos=i, paragraph=doc.para_of(open_at))
                if continued:
                    q.flags = "continued"
                out.append(q)
            open_at = None
        elif can_open:
            close_unclosed(i)
            open_at, open_para, continued = i, para, False
    if open_at is not None:
        close_unclosed(doc.paras[open_para][1])
    return out


def _title_without_opening(doc: _Doc, i: int) -> _Quote | None:
    """A closing mark right after a Capitalised name whose opening mark was lost."""
    text = doc.text
    pa = doc.paras[doc.para_of(i)][0]
    words = list(re.finditer(r"[^\s“”\"‘’«»„]+", text[pa:i]))
    run: list[re.Match] = []
    for m in reversed(words):
        w = m.group(0).strip(",;:")
        if w != m.group(0) and run:
            break
        if w[:1].isupper() and not (run == [] and w.lower() in _stop_words()):
            run.insert(0, m)
        elif w.lower() in {"of", "for", "and", "on"} and run:
            run.insert(0, m)
        else:
            break
    while run and run[0].group(0).lower() in {"of", "for", "and", "on", "the"}:
        run.pop(0)
    if len([m for m in run if m.group(0)[:1].isupper()]) < 2:
        return None
    a, b = pa + run[0].start(), pa + run[-1].end()
    return _Quote(a, b, kind="title", flags="no-opening", open_pos=a, close_pos=i,
                  paragraph=doc.para_of(i))  # fmt: skip


def _find_single(doc: _Doc, doubles: list[_Quote]) -> list[_Quote]:
    """Quotes in single marks; apostrophes (Armenia’s, we’ve, ministers’) are not marks."""
    text = doc.text
    out: list[_Quote] = []
    covered = [(q.open_pos, q.close_pos) for q in doubles]
    taken = [(q.start, q.end) for q in doubles]

    def enclosing(i: int):
        for a, b in covered:
            if a < i < b:
                return a, b
        return None

    cands = []
    for mark in _SINGLE_RE.finditer(text):
        i, c = mark.start(), mark.group(0)
        p = text[i - 1] if i else ""
        n = text[i + 1] if i + 1 < len(text) else ""
        if p.isalnum() and n.isalnum():
            continue  # apostrophe inside a word
        can_open, can_close = _flanks(text, i)
        if c == "\u2019" and can_open and not can_close:
            can_open = p == "" or p.isspace()  # ’ opens only in odd typography
        cands.append((i, can_open and n.isalpha(), can_close))
    k = 0
    while k < len(cands):
        i, can_open, _ = cands[k]
        if not can_open or any(a <= i < b for a, b in taken if enclosing(i) is None):
            k += 1
            continue
        para = doc.para_of(i)
        pb = doc.paras[para][1]
        env = enclosing(i)
        limit = env[1] if env else pb
        j = next(
            (
                m
                for m in range(k + 1, len(cands))
                if cands[m][2] and cands[m][0] < limit and cands[m][0] > i + 1
            ),
            None,
        )
        if j is not None:
            e = cands[j][0]
            a, b = _trim(text, i + 1, e)
            out.append(_Quote(a, b, open_pos=i, close_pos=e, paragraph=para, nested=bool(env)))
            k = j + 1
            continue
        if env is not None:
            a, b = _trim(text, i + 1, env[1])
            if _title_like(text[a:b]):
                out.append(
                    _Quote(
                        a,
                        b,
                        kind="title",
                        flags="unclosed",
                        open_pos=i,
                        close_pos=b,
                        paragraph=para,
                        nested=True,
                    )  # fmt: skip
                )
        k += 1
    return out


def _find_embeds(doc: _Doc) -> list[tuple[_Quote, re.Match, tuple[int, int]]]:
    """Post text followed by a "— Name (@handle) date" line."""
    text = doc.text
    out = []
    for k, (a, b) in enumerate(doc.paras):
        m = _EMBED_LINE.match(text[a:b])
        if not m or k == 0:
            continue
        pa, pb = doc.paras[k - 1]
        if _EMBED_LINE.match(text[pa:pb]):
            continue
        q = _Quote(pa, pb, kind="embed", open_pos=pa, close_pos=pb, paragraph=k - 1)
        # Marks around the whole post are not part of its text.
        while q.end - q.start > 2 and text[q.start] in _DOUBLE and text[q.end - 1] in _DOUBLE:
            q.start, q.end = _trim(text, q.start + 1, q.end - 1)
        out.append((q, m, (a, b)))
    return out


# --------------------------------------------------------------------------------------------
# Noun phrases (speakers)


def _tokens(text: str, a: int, b: int, limit: int | None = None) -> Iterator[tuple[int, int, str]]:
    r"""Whitespace-separated tokens of `text[a:b]` with offsets into `text` (the first `limit`),
    lazily: most callers stop after a word or two.

    `str.split` and `str.find` rather than a regex scan: twice as fast, the same tokens as
    `\S+` (`str.split` and `\s` agree on what whitespace is)."""
    seg = text[a:b]
    pos = 0
    for w in seg.split() if limit is None else seg.split(None, limit)[:limit]:
        start = seg.find(w, pos)
        pos = start + len(w)
        yield a + start, a + pos, w


def _np_word(w: str) -> str:
    return w.strip("“”\"‘’'«»„,;:()")


@lru_cache(maxsize=1 << 16)
def _is_np_token(w: str, first: bool) -> bool:
    """Whether token `w` can be part of a speaker's noun phrase (`first`: its first word).
    Cached: called for most words of every sentence, and words repeat."""
    core = _np_word(w)
    if not core:
        return False
    low = core.lower().rstrip(".")
    if low in _PRONOUNS:
        return first
    if core[:1].isupper():
        if low in _MONTHS_DAYS:
            return False
        if core.isupper() and len(core) <= 6:
            return True  # US, U.S., EU, FM
        return low not in _stop_words() or low in {"the", "a", "an"}
    return (
        low in _SPEAKER_NOUNS
        or low in _NP_CONNECTORS
        or low in _DETERMINERS
        or low
        in {
            "senior",
            "top",
            "foreign",
            "ministry",
            "press",
            "rights",
            "human",
            "us",
        }
    )


_NP_LEAD = (_NP_CONNECTORS - {"the"}) | {"but", "if", "that", "while", "although", "as", "when"}
_NP_TAIL = _NP_CONNECTORS | _DETERMINERS
_ABBREV_END = re.compile(r"(?:\b[A-Z]\.){2,}$|\bU\.S\.$")


def _clean_np(text: str, toks: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """Trim connectors at the edges of a candidate noun phrase, given as its `_tokens` (a run of
    consecutive ones); None if nothing is left."""
    i, j = 0, len(toks)
    while i < j and _np_word(toks[i][2]).lower() in _NP_LEAD:
        i += 1
    while i < j and _np_word(toks[j - 1][2]).lower() in _NP_TAIL:
        j -= 1
    if i == j:
        return None
    a, b = toks[i][0], toks[j - 1][1]
    while b > a and text[b - 1] in ",;:“”\"‘’'«»„.":
        if text[b - 1] == "." and _ABBREV_END.search(text[a:b]):
            break
        b -= 1
    while a < b and text[a] in "“”\"‘’'«»„":
        a += 1
    return (a, b) if b > a else None


@lru_cache(maxsize=1 << 14)
def _valid_speaker(s: str) -> bool:
    """Whether a noun phrase can name a speaker (cached: the same names recur)."""
    words = [_np_word(w) for w in s.split()]
    words = [w for w in words if w]
    if not words:
        return False
    low = [w.lower().rstrip(".") for w in words]
    if len(words) == 1 and low[0] in _PRONOUNS:
        return True
    if any(w in _SPEAKER_NOUNS for w in low):
        return True
    caps = [w for w in words if w[:1].isupper() and w.lower() not in _DETERMINERS]
    return bool(caps) and not all(w.lower() in _MONTHS_DAYS for w in caps)


_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_INITIALS_END = re.compile(r"(?:[A-Z]\.){2,}$|^[A-Z]\.$")
_INITIAL_END = re.compile(r"[A-Z]\.$")
_PUNCT_END = re.compile(r"[,;:!?]$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|some)\s+", re.IGNORECASE)
_NAME_AT_END = re.compile(r"(?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+$")


@lru_cache(maxsize=256)
def _subject_before(text: str, lo: int, verb_start: int) -> tuple[int, int] | None:
    """The noun phrase right before a verb at `verb_start` (skipping adverbs, auxiliaries,
    time phrases and an appositive between commas), searched no further left than `lo`.

    Cached for the article at hand: the quotes of a sentence and the reported-speech pass ask
    for the subject of the same verbs (a third of the calls)."""
    toks = list(_tokens(text, lo, verb_start))
    # skip adverbs / auxiliaries right before the verb
    while toks and _np_word(toks[-1][2]).lower() in {
        "also",
        "has",
        "had",
        "have",
        "then",
        "later",
        "again",
        "repeatedly",
        "previously",
        "reportedly",
        "publicly",
        "sharply",
        "only",
        "was",
        "is",
        "once",
        "further",
        "would",
        "will",
    }:
        toks.pop()
    if not toks:
        return None
    if toks[-1][2].endswith(","):
        # an appositive: "Matthew Miller, the US ... Spokesperson, has said"
        k = len(toks) - 2
        while k >= 0 and not toks[k][2].endswith(","):
            k -= 1
        if k < 0 or len(toks) - k > 14:
            return None
        toks = toks[: k + 1]
        last = toks[-1]
        toks[-1] = (last[0], last[1] - 1, last[2][:-1])
    run = []
    for t in reversed(toks):
        w = t[2]
        if run and (w.endswith(",") or w.endswith(":") or w.endswith(";") or w.endswith(".")):
            if not _INITIALS.fullmatch(_np_word(w) + ".") and not w.endswith("."):
                break
            if w.endswith(".") and not _INITIALS_END.search(w):
                break
        if not _is_np_token(w, not run):
            break
        run.insert(0, t)
        if _np_word(w).lower() in {"the", "a", "an", "some", "this"}:
            break
    if not run:
        return None
    span = _clean_np(text, run)
    if span is None or not _valid_speaker(text[span[0] : span[1]]):
        return None
    return span


def _np_after(text: str, a: int, limit: int) -> tuple[int, int] | None:
    """The noun phrase starting at `a` (e.g. after "said"), up to ~10 words."""
    run = []
    for t in _tokens(text, a, limit, 12):
        w = t[2]
        if not _is_np_token(w, not run):
            break
        run.append(t)
        if _PUNCT_END.search(w) or (w.endswith(".") and not _INITIAL_END.search(w)):
            break
    if not run:
        return None
    span = _clean_np(text, run)
    if span is None or not _valid_speaker(text[span[0] : span[1]]):
        return None
    return span


_ADVERBIAL = re.compile(r"[^,]{0,80},\s+")


def _sentence_subject(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The grammatical subject at the start of a clause (after a leading adverbial)."""
    seg = text[lo:hi]
    # drop a leading adverbial ending with a comma ("Shortly before these meetings, ...")
    m = _ADVERBIAL.match(seg)
    start = lo + m.end() if m and not _valid_speaker(seg[: m.end()].split()[0]) else lo
    run = []
    for t in _tokens(text, start, hi, 10):
        if not _is_np_token(t[2], not run):
            break
        run.append(t)
        if t[2].endswith(","):
            break
    if not run:
        return None
    span = _clean_np(text, run)
    if span is None or not _valid_speaker(text[span[0] : span[1]]):
        return None
    return span


# --------------------------------------------------------------------------------------------
# Attribution


def _masked(pos: int, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:
        if a <= pos < b:
            return True
    return False


def _cue_after(doc: _Doc, close_pos: int, sent_end: int):
    """“…,” NP cue  |  “…,” cue NP  |  “…,” read a statement released by NP."""
    text = doc.text
    pos = close_pos + 1
    while pos < sent_end and (text[pos] in ",;" or text[pos] in _DOUBLE + _SINGLE):
        pos += 1
    while pos < sent_end and text[pos].isspace():
        pos += 1
    rest = text[pos:sent_end]
    m = _CUE_AFTER_RE.match(rest)
    if m:  # inverted: said Miller / read a statement released by the ministry
        after = pos + m.end()
        by = re.match(r"[^.;:!?“”\"]{0,60}?\bby\s+", text[after:sent_end])
        if by:
            after += by.end()
        np_span = _np_after(text, after, sent_end)
        if np_span:
            return np_span, m.group("cue").split()[0]
        return None
    run_end = pos
    for k, t in enumerate(_tokens(text, pos, sent_end, 12)):
        core = _np_word(t[2])
        low = core.lower()
        cm = _CUE_AFTER_RE.match(text[t[0] : sent_end])
        if cm and k > 0:
            np_span = _clean_np(text, list(_tokens(text, pos, run_end)))
            if np_span and _valid_speaker(text[np_span[0] : np_span[1]]):
                return np_span, cm.group("cue").split()[0]
            return None
        if low in {"also", "later", "then"}:
            continue
        if not _is_np_token(t[2], k == 0) or (t[2].endswith(",") and k > 0):
            return None
        run_end = t[1]
    return None


def _cue_before(doc: _Doc, lo: int, open_pos: int, masked: list[tuple[int, int]], *, broad: bool):
    """The speaker of a quote from the text before it in its sentence."""
    text = doc.text
    seg = text[lo:open_pos]
    # "according to NP" anywhere before
    for m in reversed(list(_ACCORDING.finditer(seg)) if "ccording" in seg else []):
        np_span = _np_after(text, lo + m.end(), open_pos)
        if np_span:
            return np_span, "according to", "according-to", 0.85
    # speech verbs first ("X said that Washington hopes … “…”" is X's), then other verbs
    passes = [_SPEECH_RE, _ATTRIB_RE] if broad else [_SPEECH_RE]
    for rx in passes:
        hit = _cue_scan(doc, lo, open_pos, masked, rx)
        if hit:
            return hit
    # "X: “…”" with no verb
    stripped = seg.rstrip()
    if stripped.endswith(":"):
        np_span = _subject_before(text, lo, lo + len(stripped) - 1 + 1)
        if np_span:
            return np_span, ":", "colon", 0.8
    return None


def _subject_fallback(doc: _Doc, lo: int, open_pos: int):
    """Last resort for a woven-in phrase: the sentence's subject, if it is a known actor."""
    np_span = _sentence_subject(doc.text, lo, open_pos)
    if np_span and _resolve(doc.text[np_span[0] : np_span[1]]) is not None:
        return np_span, None, "sentence-subject", 0.5
    return None


_PARTICIPLE = re.compile(r"(?:ed|said|told|written|made|given|read)$")
_PASSIVE_BY = re.compile(r"(?:\s+[^\s,;:“”\"]+){0,4}?\s+by\s+")


def _cue_scan(doc: _Doc, lo: int, open_pos: int, masked, rx):
    text = doc.text
    seg = text[lo:open_pos]
    cues = [m for m in rx.finditer(seg) if not _masked(lo + m.start(), masked)]
    for m in reversed(cues):
        vs = lo + m.start()
        word = m.group(0)
        # passive: "commented on 26 June by Matthew Miller, spokesman ...: “"
        by = _PASSIVE_BY.match(text[lo + m.end() : open_pos])
        if by and _PARTICIPLE.search(word):
            np_span = _np_after(text, lo + m.end() + by.end(), open_pos)
            if np_span:
                return np_span, word, "cue-before", 0.85
        prev = text[max(lo, vs - 30) : vs].split()
        gerund = word.endswith("ing") and (
            not prev
            or prev[-1].lower() in {"by", "statement", "release", "a"}
            or not _is_np_token(prev[-1], True)
            or _TIME_WORDS.match(_np_word(prev[-1]))
        )
        if gerund:
            continue  # the subject is the main clause's: look further left
        np_span = _subject_before(text, lo, vs)
        if np_span:
            conf = 0.9 if _SPEECH_RE.fullmatch(word) else 0.75
            colon = text[lo + m.end() : open_pos].rstrip().endswith(":")
            return np_span, word, "colon" if colon else "cue-before", conf
    return None


# --------------------------------------------------------------------------------------------
# Speakers → actors, and back-references


def _resolve(surface: str) -> dict | None:
    """Lexicon entry for a speaker surface, trying the proper-name core first."""
    if _lexicon() is None:
        return None
    return _resolve_surface(surface)


@lru_cache(maxsize=1 << 14)
def _resolve_surface(surface: str) -> dict | None:
    """`_resolve` once a lexicon is known to be usable (cached: the same speakers recur)."""
    cands = []
    core = _HONORIFICS.sub("", surface).strip()
    names = _NAME_AT_END.findall(core)
    cands.extend(names)
    cands.extend([core, surface])
    seen = set()
    for c in cands:
        c = _LEADING_ARTICLE.sub("", c.strip())
        if not c or c in seen:
            continue
        seen.add(c)
        hit = _resolve_cached(c, id(_lexicon))
        if hit and hit.get("actor"):
            return hit
    return None


@lru_cache(maxsize=1 << 14)
def _speaker_key(surface: str, lexicon_ok: bool) -> str:
    """The name a speaker is filed under: its lexicon actor (when `lexicon_ok`: a lexicon is
    usable), else the surface without honorifics and leading article. Cached: the same
    speakers recur."""
    hit = _resolve_surface(surface) if lexicon_ok else None
    key = str(hit["actor"]) if hit else _HONORIFICS.sub("", surface).strip()
    return _LEADING_ARTICLE.sub("", key)


@lru_cache(maxsize=1 << 14)
def _is_person(surface: str, lexicon_ok: bool) -> bool:
    """Whether a speaker surface names a person rather than an organisation (`lexicon_ok`: a
    lexicon is usable). Cached: the same speakers recur."""
    hit = _resolve_surface(surface) if lexicon_ok else None
    words = [_np_word(w) for w in _HONORIFICS.sub("", surface).split()]
    low = [w.lower() for w in words if w]
    if low and low[-1] in _PERSON_HEADS:
        return True
    if low and low[-1] in _ORG_HEADS:
        return False
    if hit:
        kind = _actor_kinds().get(str(hit.get("actor")), "")
        if kind:
            return kind.lower() in {"person", "people", "individual"}
        role = str(hit.get("role") or "").lower()
        if any(h in role for h in _PERSON_HEADS):
            return True
    caps = [w for w in words if w[:1].isupper()]
    orgish = {"Ministry", "Department", "House", "Kremlin", "Council", "Assembly", "Government"}
    return len(caps) >= 2 and not (set(caps) & orgish) and len(words) <= 4


@lru_cache(maxsize=1 << 14)
def _backref_kind(surface: str) -> tuple[str, tuple[str, ...]] | None:
    """("person"|"org"|"any", modifier words) if `surface` refers back to an earlier speaker
    (cached: the same surfaces recur)."""
    words = [_np_word(w) for w in surface.split()]
    words = [w for w in words if w]
    low = [w.lower() for w in words]
    if len(low) == 1 and low[0] in _PRONOUNS:
        return _PRONOUNS[low[0]], ()
    if not low or low[0] not in {"the", "this", "that"}:
        return None
    head = low[-1]
    if head not in _PERSON_HEADS | {"ministry", "department", "kremlin", "office"}:
        return None
    mods = [w for w in words[1:-1]]
    # a proper name among the modifiers makes it a new, named speaker
    if any(w[:1].isupper() and w.lower() not in _BACKREF_MODS for w in mods):
        return None
    kind = "person" if head in _PERSON_HEADS else "org"
    if kind == "org" and any(w.lower() in _NATIONALITY for w in mods):
        return None  # "the Armenian Foreign Ministry" names a ministry; "the ministry" refers
    return kind, (*(w.lower() for w in mods), *([head] if kind == "org" else []))


_BACKREF_MODS = {
    "us",
    "u.s.",
    "american",
    "armenian",
    "azerbaijani",
    "russian",
    "foreign",
    "ministry",
    "state",
    "department",
    "kremlin",
    "senior",
    "top",
    "eu",
}
_NATIONALITY = {"us", "u.s.", "american", "armenian", "azerbaijani", "russian", "eu"}
_MOD_ALIASES = {
    "us": {"us", "u.s.", "united states", "america", "american", "washington", "usa"},
    "u.s.": {"us", "u.s.", "united states", "america", "american", "washington", "usa"},
    "american": {"us", "u.s.", "united states", "america", "american", "washington"},
    "armenian": {"armenia", "armenian", "yerevan"},
    "azerbaijani": {"azerbaijan", "azerbaijani", "baku"},
    "russian": {"russia", "russian", "kremlin", "moscow"},
}


_HAY_WORD = re.compile(r"[\w.]+")


def _compatible(sp: _Speaker, mods: tuple[str, ...], kind: str) -> bool:
    hay = " ".join(
        [*(s.lower() for s in sp.surfaces), str(sp.side or "").lower(), str(sp.role or "").lower()]
    )
    hay_words = set(_HAY_WORD.findall(hay))
    for m in mods:
        if m in {"senior", "top", "the"}:
            continue
        alts = _MOD_ALIASES.get(m, {m})
        if not any((a in hay_words) or (" " in a and a in hay) for a in alts):
            return False
    if kind == "person":
        return sp.person or any(m in {"ministry", "department", "kremlin"} for m in mods)
    if kind == "org":
        return not sp.person
    return True


# --------------------------------------------------------------------------------------------
# Kinds


_INNER_SENTENCE = re.compile(r"[.!?;]\s+[“\"‘]?[A-Z]")


def _classify(doc: _Doc, q: _Quote) -> str:
    if q.kind in {"title", "embed"}:
        return q.kind
    text = doc.text
    content = text[q.start : q.end]
    before = text[doc.paras[doc.para_of(q.open_pos)][0] : max(q.open_pos, 0)]
    if _SCARE.search(before[-40:].rstrip()):
        return "scare"
    words = _COUNT_WORD.findall(content)
    inner_sentence = _INNER_SENTENCE.search(content) is not None
    if len(words) <= 10 and not inner_sentence and _title_like(content):
        starts_sentence = not before.strip() or before.rstrip()[-1] in ".!?:"
        if not starts_sentence or len(words) <= 6:
            return "title"
    if inner_sentence and len(words) >= 6:
        return "full"
    lead = before.rstrip()
    opens_sentence = not lead or lead[-1] in ".!?:" or lead.endswith(("\u2014", "-"))
    if content[:1].isupper() and len(words) >= 4 and (opens_sentence or lead[-1] == ","):
        return "full"
    return "partial"


# --------------------------------------------------------------------------------------------
# Indirect speech

_INDIRECT = (
    r"said|says|stated|states|stating|saying|added|adds|told|tells|noted|notes|noting"
    r"|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|announced|announces|announcing|claimed"
    r"|claims|maintains|maintained|insisted|insists|warned|warns|argued|argues|explained"
    r"|confirmed|confirms|declared|declares|reported|asserted|acknowledged|admitted|reiterated"
    r"|believes|believed|underlined|underscored|concluded|expressed"
)
_INDIRECT_CUE = re.compile(rf"\b(?P<cue>{_by_first_letter(_INDIRECT)})\b")
_AUX_AFTER = re.compile(
    r"^(?:[A-Z][\w’'\-.]*\s+(?:and\s+)?){1,4}(?:may|might|will|would|could|can|should|must|is|was|are"
    r"|were|has|had|have|did|does|do|plans?|wants?|hopes?|expects?)\b"
)
_PRONOUN_CLAUSE = re.compile(
    r"^(?:he|she|it|they|we|there|this|i)\s+(?:[a-z]+\s+)?(?:was|is|were|are|had|has|have"
    r"|would|will|could|can|should|must|may|might|did|does|do|expected|believed|hoped|wanted"
    r"|needed|saw|sees)\b"
)
_QUOTE_THEN_CUE = re.compile(rf"[”\"’»“][^”\"’»“]{{0,60}}\b(?:{_SPEECH})\b[^”\"’»“]{{0,40}}$")
_THAT_CLAUSE = re.compile(r"((?:\s+[^\s,;:.“”\"]+){0,6}?)\s+that\s+")
_WHEN_AFTER_CUE = re.compile(
    r"\s+(?:(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|yesterday|today|last\s+week)\s+)?",
    re.IGNORECASE,
)
_CLAUSE_CUT = re.compile(
    r",\s+(?:as\s+(?:he|she|they|it)\b|which\b|who\b|whose\b|where\b|the\s+only\b)"
)


def _find_indirect(doc: _Doc, masked: list[tuple[int, int]]) -> list[_Quote]:
    text = doc.text
    out: list[_Quote] = []
    for k, (sa, sb) in enumerate(doc.sents):
        sent = text[sa:sb]
        # "According to NP, clause."  /  "Clause, according to NP."
        for m in _ACCORDING.finditer(sent) if "ccording" in sent else ():
            ms = sa + m.start()
            if _masked(ms, masked):
                continue
            np_span = _np_after(text, sa + m.end(), sb)
            if np_span is None:
                continue
            lead = text[sa:ms].strip()
            if not lead:  # clause follows
                rest_start = np_span[1]
                r = re.match(r",\s*(?:(?:a|an|the)\s[^,]{0,80},\s*)?", text[rest_start:sb])
                if not r:
                    continue
                ca = rest_start + r.end()
                cb = _clause_end(doc, ca, sb)
            else:  # clause precedes
                if _masked(sa, masked) or _QUOTE_THEN_CUE.search(text[sa:ms]):
                    continue  # "…,” Miller said, according to …" belongs to the direct quote
                if not re.search(r",\s*$", text[sa:ms]):
                    continue
                ca, cb = sa, ms - 1
            ca, cb = _trim(text, ca, cb)
            if cb - ca >= 15:
                q = _Quote(ca, cb, kind="indirect", open_pos=ca, close_pos=cb,
                           paragraph=doc.para_of(ca))  # fmt: skip
                q.speaker_np, q.cue, q.method, q.confidence = (
                    np_span,
                    "according to",
                    "according-to",
                    0.8,
                )
                out.append(q)
        found = []
        for m in _INDIRECT_CUE.finditer(sent):
            vs = sa + m.start()
            if _masked(vs, masked):
                continue
            after = text[sa + m.end() : sb]
            ca = None
            t = _THAT_CLAUSE.match(after)
            if t and "," not in t.group(1):
                ca = sa + m.end() + t.end()
            else:
                z = _WHEN_AFTER_CUE.match(after)
                rest = after[z.end() :] if z else after
                if _PRONOUN_CLAUSE.match(rest) or _AUX_AFTER.match(rest):
                    ca = sa + m.end() + (z.end() if z else 0)
            if ca is None:
                continue
            word = m.group("cue")
            prev = text[max(sa, vs - 30) : vs].split()
            np_span = None
            if word.endswith("ing") and prev and prev[-1].lower() == "by":
                np_span = _sentence_subject(text, sa, vs)
            elif not word.endswith("ing"):
                np_span = _subject_for_cue(text, sa, vs)
            if np_span is None:
                continue
            found.append((ca, np_span, word))
        for k, (ca, np_span, word) in enumerate(found):
            cb = _clause_end(doc, ca, sb)
            # "Although X maintains that …, Y claimed that …": the next speaker ends the clause
            nxt = [sp[0] for c2, sp, _ in found[k + 1 :] if sp[0] > ca]
            if nxt and nxt[0] < cb:
                cb = nxt[0]
                while cb > ca and text[cb - 1] in " ,;":
                    cb -= 1
            ca, cb = _trim(text, ca, cb)
            if cb - ca < 10:
                continue
            q = _Quote(ca, cb, kind="indirect", open_pos=ca, close_pos=cb,
                       paragraph=doc.para_of(ca))  # fmt: skip
            q.speaker_np, q.cue, q.method, q.confidence = np_span, word, "cue-before", 0.75
            out.append(q)
    return out


def _subject_for_cue(text: str, lo: int, vs: int):
    """Subject of the verb at `vs`; for "X spoke of … and said …" the first verb's subject."""
    np_span = _subject_before(text, lo, vs)
    if np_span is not None:
        return np_span
    prev = text[lo:vs].split()
    if prev and prev[-1].lower() in {"and", "but", "then"}:
        earlier = [m for m in _ATTRIB_RE.finditer(text, lo, vs - len(prev[-1]) - 1)]
        for m in reversed(earlier):
            np_span = _subject_before(text, lo, m.start())
            if np_span is not None:
                return np_span
    return None


def _clause_end(doc: _Doc, ca: int, sb: int) -> int:
    text = doc.text
    seg = text[ca:sb]
    m = _CLAUSE_CUT.search(seg)
    end = ca + m.start() if m else sb
    while end > ca and (text[end - 1].isspace() or text[end - 1] in _DOUBLE):
        end -= 1
    return end


# --------------------------------------------------------------------------------------------
# The pipeline


def _extract(text: str) -> list[_Quote]:
    """All quotes of one article text, attributed (speaker_text/cue/method/confidence set)."""
    doc = _Doc(text)
    embeds = _find_embeds(doc)
    embed_lines = [line for _, _, line in embeds]
    doubles = [q for q in _find_marked(doc) if not any(a <= q.start < b for a, b in embed_lines)]
    embed_quotes = []
    for q, m, line in embeds:
        # a post that is already one quoted span becomes the embed
        doubles = [d for d in doubles if not (d.start >= q.start - 1 and d.end <= q.end + 1)]
        name_a = line[0] + m.start("name")
        q.speaker_np = (name_a, name_a + len(m.group("name")))
        q.cue, q.method, q.confidence = "—", "embed-line", 0.95
        embed_quotes.append(q)
    singles = _find_single(doc, doubles)
    marked = sorted(doubles + singles, key=lambda q: (q.start, -q.end))
    for q in marked:
        q.kind = _classify(doc, q)
    direct_spans = [(q.open_pos, q.close_pos + 1) for q in marked + embed_quotes if not q.nested]
    masked = direct_spans + embed_lines
    for q in marked:
        if q.kind in {"title", "scare"} or q.nested:
            q.method, q.confidence = ("nested" if q.nested else "none"), 0.6
            continue
        _attribute(doc, q, marked, masked)
    indirect = _find_indirect(doc, masked)
    quotes = marked + embed_quotes + indirect
    _resolve_speakers(doc, quotes + _subject_mentions(doc, masked))
    return sorted(quotes, key=lambda q: (q.start, q.end, q.kind))


def _subject_mentions(doc: _Doc, masked) -> list[_Quote]:
    """Named sentence subjects outside quotes ("Sergei Lavrov met reporters."): candidates for
    a later "he said" / "the ministry said" even when they have not spoken yet."""
    out = []
    for sa, sb in doc.sents:
        if _masked(sa, masked):
            continue
        np_span = _sentence_subject(doc.text, sa, sb)
        if np_span is None:
            continue
        surface = doc.text[np_span[0] : np_span[1]]
        if _backref_kind(surface) is not None or not any(w[:1].isupper() for w in surface.split()):
            continue
        out.append(_Quote(np_span[0], np_span[1], kind="mention", speaker_np=np_span))
    return out


def _attribute(doc: _Doc, q: _Quote, marked: list[_Quote], masked) -> None:
    text = doc.text
    sa, sb = doc.sent_bounds(q.open_pos if q.open_pos >= 0 else q.start)
    _, sb_close = doc.sent_bounds(min(q.close_pos, len(text) - 1))
    pa, pb = doc.paras[doc.para_of(q.close_pos if q.close_pos < len(text) else q.start)]
    sb_close = max(sb_close, sb)
    # sentence end after the closing mark: the paragraph's next sentence boundary
    end = _sentence_end_after(doc, q.close_pos, pb)
    found = None
    if q.flags != "unclosed":
        later = [o for o in marked if o.start >= q.start and o.close_pos < end and not o.nested]
        for o in [q] + [o for o in later if o is not q]:
            found = _cue_after(doc, o.close_pos, end)
            if found:
                found = (*found, "cue-after", 0.95 if o is q else 0.85)
                break
    if not found:
        found = _cue_before(doc, sa, q.open_pos, masked, broad=True)
    if not found and q.close_pos < end:
        acc = _ACCORDING.search(text, q.close_pos, end)
        if acc and not _masked(acc.start(), masked):
            np_span = _np_after(text, acc.end(), end)
            if np_span:
                found = (np_span, "according to", "according-to", 0.8)
    if not found and q.kind == "partial":
        found = _subject_fallback(doc, sa, q.open_pos)
    if found:
        np_span, cue, method, conf = found
        q.speaker_np, q.cue, q.method, q.confidence = np_span, cue, method, conf
    elif q.kind == "full" and q.open_pos == pa:
        q.method = "continuation"
    if q.flags == "unclosed":
        q.confidence *= 0.7


_SENTENCE_STOP = re.compile(r"[.!?](?=[\s”\"’»]*(?:\s|$))")
_ABBREV_STOP = re.compile(r"(?:\b[A-Z]|U\.S|\bMr|\bMs|\bDr)\.$")


def _sentence_end_after(doc: _Doc, pos: int, pb: int) -> int:
    text = doc.text
    m = _SENTENCE_STOP.search(text, pos + 1, pb)
    while m and _ABBREV_STOP.search(text[max(0, m.start() - 4) : m.end()]):
        m = _SENTENCE_STOP.search(text, m.end(), pb)
    return m.end() if m else pb


def _resolve_speakers(doc: _Doc, quotes: list[_Quote]) -> None:
    """Surface → actor, back-references → the last matching earlier speaker, in text order."""
    text = doc.text
    lexicon_ok = _lexicon() is not None
    history: list[_Speaker] = []
    by_key: dict[str, _Speaker] = {}
    last_direct: dict[int, _Quote] = {}

    def order(q: _Quote) -> tuple[int, int]:
        if q.speaker_np is not None:
            return (q.speaker_np[0], q.start)
        return (q.start, q.start)

    for q in sorted(quotes, key=order):
        if q.kind == "mention":
            surface = text[q.speaker_np[0] : q.speaker_np[1]]
            hit = _resolve(surface)
            key = _speaker_key(surface, lexicon_ok)
            sp = by_key.get(key.lower())
            if sp is None:
                sp = _Speaker(key=key, person=_is_person(surface, lexicon_ok))
                if hit:
                    sp.actor, sp.side, sp.role = hit.get("actor"), hit.get("side"), hit.get("role")
                by_key[key.lower()] = sp
            sp.surfaces.add(surface)
            if sp in history:
                history.remove(sp)
            history.append(sp)
            continue
        if q.speaker_np is None:
            if q.method == "continuation":
                prev = last_direct.get(q.paragraph - 1)
                if prev is not None and prev.speaker_text:
                    q.speaker_text, q.cue = prev.speaker_text, None
                    q.confidence = 0.7
                    q._speaker = getattr(prev, "_speaker", None)  # type: ignore[attr-defined]
                else:
                    q.method = None
            if q.speaker_text is None:
                q.method = q.method if q.kind in {"title", "scare"} else None
                if q.kind not in {"title", "scare"}:
                    q.confidence = 0.5 if q.flags == "unclosed" else 0.6
            if q.kind in DIRECT_KINDS and q.speaker_text:
                last_direct[q.paragraph] = q
            continue
        surface = text[q.speaker_np[0] : q.speaker_np[1]]
        ref = _backref_kind(surface)
        sp = None
        if ref is not None:
            kind, mods = ref
            for cand in reversed(history):
                if _compatible(cand, mods, kind):
                    sp = cand
                    break
            if sp is not None:
                q.method = f"{q.method}+backref"
                q.confidence *= 0.85
            elif len(surface.split()) == 1:
                q.speaker_np, q.speaker_text = None, None
                q.method, q.confidence = None, 0.4
                continue
        if sp is None:
            hit = _resolve(surface)
            key = _speaker_key(surface, lexicon_ok)
            sp = by_key.get(key.lower())
            if sp is None and hit is None and len(key.split()) <= 3:
                # "Peskov" after "Kremlin spokesman Dmitry Peskov": the same person
                last = key.split()[-1].lower() if key.split() else ""
                for cand in reversed(history):
                    ck = cand.key.split()
                    if (
                        cand.person
                        and ck
                        and (ck[-1].lower() == last or key.lower().endswith(cand.key.lower()))
                    ):
                        sp = cand
                        break
            if sp is None:
                sp = _Speaker(key=key, person=_is_person(surface, lexicon_ok))
                if hit:
                    sp.actor, sp.side, sp.role = hit.get("actor"), hit.get("side"), hit.get("role")
                by_key[key.lower()] = sp
            sp.surfaces.add(surface)
        if sp in history:
            history.remove(sp)
        history.append(sp)
        q._speaker = sp  # type: ignore[attr-defined]
        q.speaker_text = surface if ref is None else sorted(sp.surfaces, key=len)[-1]
        if q.kind in DIRECT_KINDS:
            last_direct[q.paragraph] = q


def _n_words(s: str) -> int:
    return len(_COUNT_WORD.findall(s))


_CHUNK = 250  # articles per task when `quotes()` runs on a process pool


def _quote_rows(items: list[tuple]) -> list[tuple]:
    """The `quotes()` rows of `(article_id, outlet, text)` items, in order, as tuples in
    `QUOTE_COLUMNS` order (cheaper than dicts to pickle back from a pool worker and to frame)."""
    rows = []
    for aid, outlet, text in items:
        text = "" if not isinstance(text, str) else text
        for q in _extract(text):
            sp = getattr(q, "_speaker", None)
            actor = side = None
            if q.speaker_text:
                actor = sp.actor if sp is not None and sp.actor else (sp.key if sp else None)
                side = sp.side if sp is not None else None
            quoted = text[q.start : q.end]
            rows.append(
                (
                    aid,
                    outlet,
                    q.kind,
                    quoted,
                    _n_words(quoted),
                    q.speaker_text,
                    actor,
                    side,
                    q.cue if q.speaker_text else None,
                    q.method,
                    round(float(min(1.0, max(0.0, q.confidence))), 3),
                    int(q.start),
                    int(q.end),
                    q.flags,
                )
            )
    return rows


def quotes(articles: pd.DataFrame, *, workers: int | None = None) -> pd.DataFrame:
    """One row per quote: `article_id, outlet, kind, text, n_words, speaker_text, actor, side,
    cue, method, confidence, start, end, flags`.

    `text == article_text[start:end]` (the quote's content, marks excluded). `kind` is one of
    `full, partial, embed, indirect, scare, title`; `actor`/`side` come from the actor lexicon
    (`actor` falls back to the speaker's name when the lexicon does not know them; `side` is then
    missing); `method` says how the speaker was found (`cue-after`, `cue-before`, `colon`,
    `according-to`, `embed-line`, `continuation`, `sentence-subject`, `…+backref`);
    `confidence` is a rough 0–1 rating of span and speaker together; `flags` marks recovered
    spans (`unclosed`: the closing mark is missing; `no-opening`; `continued`: the quote runs
    over a paragraph break).

    Articles are independent, so large inputs (from `parallel.POOL_MIN_ROWS` articles) are
    split over `workers` processes (default: every core; 1 = this process only); the table is
    the same either way.
    """
    if "text" not in articles.columns:
        raise ValueError("articles needs a `text` column (see presslens.load_articles())")
    ids = articles["article_id"] if "article_id" in articles.columns else articles.index
    outlets = articles["outlet"] if "outlet" in articles.columns else [None] * len(articles)
    items = list(zip(ids, outlets, articles["text"], strict=True))
    chunks = [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
    _ACTIVE_LEXICON.append(_lexicon())  # checked once, not once per speaker
    try:
        try:
            from .parallel import map_chunks
        except Exception:  # pragma: no cover - text module missing: one process
            parts = [_quote_rows(c) for c in chunks]
        else:
            parts = map_chunks(_quote_rows, chunks, workers=workers, n_rows=len(items))
    finally:
        _ACTIVE_LEXICON.pop()
    rows = [row for part in parts for row in part]
    out = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    out["start"] = out["start"].astype("int64")
    out["end"] = out["end"].astype("int64")
    out["n_words"] = out["n_words"].astype("int64")
    out["confidence"] = out["confidence"].astype(float)
    return out.sort_values(["article_id", "start", "end", "kind"], kind="stable").reset_index(
        drop=True
    )


# --------------------------------------------------------------------------------------------
# Scoring against hand labels

#: Kind groups scored separately: direct speech, reported speech, and names/scare terms.
SCORE_GROUPS = {"direct": DIRECT_KINDS, "indirect": ("indirect",), "names": ("title", "scare")}
_STRIP = re.compile(r"[\W_]+", re.UNICODE)


def gold_quotes(labels: dict | list, articles: pd.DataFrame) -> pd.DataFrame:
    """Hand labels → `article_id, kind, start, end, text, speaker, speaker_aliases, unclosed`.

    `labels` is the `quotes` list of a gold file (or the whole file): each label gives the
    article (`file`, matched to `articles.file`, or `article_id`), the exact quote text and, when the text repeats, its `occurrence` (0-based).
    """
    items = labels["quotes"] if isinstance(labels, dict) else labels
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    by_file = {}
    if "file" in articles.columns:
        by_file = dict(zip(articles["file"], articles["article_id"], strict=True))
    rows = []
    for lab in items:
        aid = by_file[lab["file"]] if "file" in lab else lab["article_id"]
        text = texts[aid]
        pos = -1
        for _ in range(int(lab.get("occurrence", 0)) + 1):
            pos = text.find(lab["text"], pos + 1)
            if pos < 0:
                raise ValueError(f"label not found in {lab['article_id']}: {lab['text'][:60]!r}")
        rows.append(
            {
                "article_id": aid,
                "kind": lab["kind"],
                "start": pos,
                "end": pos + len(lab["text"]),
                "text": lab["text"],
                "speaker": lab.get("speaker"),
                "speaker_aliases": list(lab.get("speaker_aliases", [])),
                "unclosed": bool(lab.get("unclosed", False)),
            }
        )
    return pd.DataFrame(rows)


def spans_match(a: tuple[int, int, str], b: tuple[int, int, str]) -> float:
    """Match score of two `(start, end, text)` spans: overlap / length of the longer span, or
    1.0 when the texts are equal once marks, punctuation, spaces and case are dropped.
    A pair counts as the same quote at 0.5 or more."""
    if _STRIP.sub("", a[2]).casefold() == _STRIP.sub("", b[2]).casefold() and a[2].strip():
        if min(a[1], b[1]) > max(a[0], b[0]):  # equal text and overlapping place
            return 1.0
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / max(a[1] - a[0], b[1] - b[0])


def _str(x) -> bool:
    return isinstance(x, str) and bool(x)


def _name_key(s: str) -> list[str]:
    s = _HONORIFICS.sub("", str(s)).replace(".", "")
    return [w for w in re.findall(r"\w+", s.casefold()) if w not in {"the", "a", "an", "some"}]


def speaker_correct(predicted: dict, gold: dict) -> bool:
    """Whether a predicted speaker (`speaker_text`, `actor`) agrees with a gold label
    (`speaker`, `speaker_aliases`): same lexicon actor, or the same name (typos forgiven,
    a more specific predicted name such as "Kremlin spokesman Dmitry Peskov" accepted)."""
    g_names = [gold.get("speaker")] + list(gold.get("speaker_aliases") or [])
    g_names = [n for n in g_names if isinstance(n, str) and n]
    p_names = [n for n in (predicted.get("speaker_text"), predicted.get("actor")) if _str(n)]
    if not g_names:
        return not p_names
    if not p_names:
        return False
    hit = _resolve(g_names[0])
    if hit and predicted.get("actor") and str(hit["actor"]) == str(predicted["actor"]):
        return True
    from rapidfuzz import fuzz

    for g in g_names:
        gk = _name_key(g)
        for p in p_names:
            pk = _name_key(p)
            if gk and (set(gk) <= set(pk) or fuzz.ratio(" ".join(gk), " ".join(pk)) >= 90):
                return True
            # a surname alone ("Blinken" for "Antony Blinken")
            words = str(p).split()
            if (
                len(pk) == 1
                and len(gk) >= 2
                and pk[0] == gk[-1]
                and words[-1][:1].isupper()
                and pk[0] not in _SPEAKER_NOUNS
            ):
                return True
    return False


def match_quotes(predicted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair predicted with gold quotes, one to one, within each kind group of `SCORE_GROUPS`.

    Returns one row per gold quote and per unmatched prediction: `group, article_id,
    gold_kind, pred_kind, gold_text, pred_text, score, matched, speaker_ok, gold_speaker,
    pred_speaker`.
    """
    rows = []
    for group, kinds in SCORE_GROUPS.items():
        g = gold[gold["kind"].isin(kinds)]
        p = predicted[predicted["kind"].isin(kinds)]
        pairs = []
        for gi, gr in g.iterrows():
            for pi, pr in p[p["article_id"] == gr["article_id"]].iterrows():
                s = spans_match((gr.start, gr.end, gr.text), (pr.start, pr.end, pr.text))
                if s >= 0.5:
                    pairs.append((s, gi, pi))
        used_g, used_p, best = set(), set(), {}
        for s, gi, pi in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
            if gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
                best[gi] = (pi, s)
        for gi, gr in g.iterrows():
            pi, s = best.get(gi, (None, 0.0))
            pr = p.loc[pi] if pi is not None else None
            ok = None
            if pr is not None:
                ok = speaker_correct(pr.to_dict(), gr.to_dict())
            rows.append(
                {
                    "group": group,
                    "article_id": gr["article_id"],
                    "gold_kind": gr["kind"],
                    "pred_kind": pr["kind"] if pr is not None else None,
                    "gold_text": gr["text"],
                    "pred_text": pr["text"] if pr is not None else None,
                    "score": s,
                    "matched": pr is not None,
                    "speaker_ok": ok,
                    "gold_speaker": gr["speaker"],
                    "pred_speaker": pr["speaker_text"] if pr is not None else None,
                }
            )
        for pi, pr in p.iterrows():
            if pi not in used_p:
                rows.append(
                    {
                        "group": group,
                        "article_id": pr["article_id"],
                        "gold_kind": None,
                        "pred_kind": pr["kind"],
                        "gold_text": None,
                        "pred_text": pr["text"],
                        "score": 0.0,
                        "matched": False,
                        "speaker_ok": None,
                        "gold_speaker": None,
                        "pred_speaker": pr["speaker_text"],
                    }
                )
    return pd.DataFrame(rows)


def quote_scores(matches: pd.DataFrame) -> pd.DataFrame:
    """Per kind group: `group, n_gold, n_predicted, n_matched, precision, recall, f1,
    speaker_accuracy` (share of matched gold quotes whose speaker is right)."""
    rows = []
    for group in SCORE_GROUPS:
        m = matches[matches["group"] == group]
        n_gold = int(m["gold_text"].notna().sum())
        n_pred = int(m["pred_text"].notna().sum())
        n_match = int(m["matched"].sum())
        prec = n_match / n_pred if n_pred else np.nan
        rec = n_match / n_gold if n_gold else np.nan
        f1 = 2 * prec * rec / (prec + rec) if n_match else 0.0
        ok = m.loc[m["matched"], "speaker_ok"].astype(bool)
        rows.append(
            {
                "group": group,
                "n_gold": n_gold,
                "n_predicted": n_pred,
                "n_matched": n_match,
                "precision": prec,
                "recall": rec,
                "f1": f1,
                "speaker_accuracy": float(ok.mean()) if len(ok) else np.nan,
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Analysis: who gets a voice in each outlet

#: Side label of quotes whose speaker is known but not in the actor lexicon / with no speaker.
UNMAPPED = "speaker not in lexicon"
UNATTRIBUTED = "no speaker"


def _quotes_for(articles: pd.DataFrame, quotes_df: pd.DataFrame | None) -> pd.DataFrame:
    return quotes(articles) if quotes_df is None else quotes_df


def _outlets(articles: pd.DataFrame, q: pd.DataFrame) -> list[str]:
    names = list(articles["outlet"].dropna().unique()) if "outlet" in articles else []
    names += [o for o in q["outlet"].dropna().unique() if o not in names]
    return sorted(names, key=str)


def _outermost(q: pd.DataFrame) -> pd.DataFrame:
    """Drop quotes lying inside another quote of the same article (nested marks)."""
    keep = []
    for _, g in q.groupby("article_id", sort=False):
        spans = list(zip(g["start"], g["end"], g.index, strict=True))
        for a, b, _i in spans:
            inside = any(a2 <= a and b <= b2 and (a2, b2) != (a, b) for a2, b2, _ in spans)
            keep.append(not inside)
    return q[keep] if len(q) else q


def side_label(row) -> str:
    """The side a quote speaks for, with explicit labels for unmapped and unattributed ones."""
    side = row.get("side")
    if isinstance(side, str) and side:
        return side
    return UNMAPPED if isinstance(row.get("speaker_text"), str) else UNATTRIBUTED


def quoted_words_by_side(
    articles: pd.DataFrame,
    quotes_df: pd.DataFrame | None = None,
    *,
    kinds: tuple[str, ...] = DIRECT_KINDS,
) -> pd.DataFrame:
    """Words each outlet quotes directly, by the side of the speaker.

    Returns `outlet, side, count, n_quotes, share, ci_low, ci_high, n` — `count` quoted words
    from that side, `n` all quoted words in the outlet, `share = count / n` with a bootstrap
    interval over quotes (`presslens.stats.share_ci`). Every outlet × side pair is present
    (zeros included) so stacked bars line up. Nested quotes are not counted twice.
    """
    from . import stats

    q = _quotes_for(articles, quotes_df)
    q = _outermost(q[q["kind"].isin(kinds)]).copy()
    q["side"] = [side_label(r) for r in q.to_dict("records")]
    sides = sorted(set(q["side"]), key=lambda s: (s in (UNMAPPED, UNATTRIBUTED), s))
    rows = []
    for outlet in _outlets(articles, q):
        g = q[q["outlet"] == outlet]
        words = g["n_words"].to_numpy(dtype=float)
        total = int(words.sum())
        for side in sides:
            hit = np.where(g["side"].to_numpy() == side, words, 0.0)
            share, lo, hi = stats.share_ci(hit, words) if total else (np.nan,) * 3
            rows.append(
                {
                    "outlet": outlet,
                    "side": side,
                    "count": int(hit.sum()),
                    "n_quotes": int((g["side"] == side).sum()),
                    "share": share,
                    "ci_low": lo,
                    "ci_high": hi,
                    "n": total,
                }
            )
    return pd.DataFrame(
        rows, columns=["outlet", "side", "count", "n_quotes", "share", "ci_low", "ci_high", "n"]
    )


def _mentions(articles: pd.DataFrame) -> pd.DataFrame | None:
    lex = _lexicon()
    if lex is None or not hasattr(lex, "find_actors"):
        return None
    try:
        return lex.find_actors(articles)
    except Exception:
        return None


def voices(
    articles: pd.DataFrame,
    quotes_df: pd.DataFrame | None = None,
    *,
    kinds: tuple[str, ...] = (*DIRECT_KINDS, "indirect"),
) -> pd.DataFrame:
    """Outlet × speaker presence: the voices each outlet gives and the ones it leaves out.

    Returns `outlet, actor, side, n_direct, n_indirect, n_words, quoted, status` for every
    outlet and every speaker quoted (directly or indirectly) by at least one outlet. `status`
    is `quoted`, `mentioned, not quoted` (the outlet names the actor — via
    `presslens.lexicons.find_actors` — but gives them no words) or `absent`.
    """
    q = _quotes_for(articles, quotes_df)
    q = q[q["kind"].isin(kinds) & q["actor"].notna()].copy()
    q["side"] = [side_label(r) for r in q.to_dict("records")]
    direct = q["kind"].isin(DIRECT_KINDS)
    q["direct_words"] = np.where(direct, q["n_words"], 0)
    actors = (
        q.groupby("actor", sort=True)["side"]
        .agg(lambda s: s.mode().iloc[0])
        .reset_index()
        .rename(columns={"side": "actor_side"})
    )
    mentions = _mentions(articles)
    mentioned = set()
    if mentions is not None and len(mentions):
        mentioned = set(zip(mentions["outlet"], mentions["actor"], strict=True))
    rows = []
    for outlet in _outlets(articles, q):
        g = q[q["outlet"] == outlet]
        for actor, side in zip(actors["actor"], actors["actor_side"], strict=True):
            h = g[g["actor"] == actor]
            n_dir = int(h["kind"].isin(DIRECT_KINDS).sum())
            n_ind = int((h["kind"] == "indirect").sum())
            quoted = bool(n_dir + n_ind)
            status = (
                "quoted"
                if quoted
                else ("mentioned, not quoted" if (outlet, actor) in mentioned else "absent")
            )
            rows.append(
                {
                    "outlet": outlet,
                    "actor": actor,
                    "side": side,
                    "n_direct": n_dir,
                    "n_indirect": n_ind,
                    "n_words": int(h["direct_words"].sum()),
                    "quoted": quoted,
                    "status": status,
                }
            )
    cols = ["outlet", "actor", "side", "n_direct", "n_indirect", "n_words", "quoted", "status"]
    return pd.DataFrame(rows, columns=cols)


def speech_modes(articles: pd.DataFrame, quotes_df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Direct versus reported speech per outlet.

    Returns `outlet, mode, count, words, share, ci_low, ci_high, n`: `mode` is `direct`
    (full, partial, embed) or `indirect`; `count` quotes with a speaker or not; `share` of the
    outlet's `n` quotes, with a Wilson interval. Nested quotes are not counted.
    """
    from . import stats

    q = _quotes_for(articles, quotes_df)
    q = q[q["kind"].isin((*DIRECT_KINDS, "indirect"))]
    direct = _outermost(q[q["kind"].isin(DIRECT_KINDS)])
    q = pd.concat([direct, q[q["kind"] == "indirect"]])
    rows = []
    for outlet in _outlets(articles, q):
        g = q[q["outlet"] == outlet]
        n = len(g)
        for mode, mask in (
            ("direct", g["kind"].isin(DIRECT_KINDS)),
            ("indirect", g["kind"] == "indirect"),
        ):
            k = int(mask.sum())
            lo, hi = stats.wilson_ci(k, n) if n else (np.nan, np.nan)
            rows.append(
                {
                    "outlet": outlet,
                    "mode": mode,
                    "count": k,
                    "words": int(g.loc[mask, "n_words"].sum()),
                    "share": k / n if n else np.nan,
                    "ci_low": float(lo),
                    "ci_high": float(hi),
                    "n": n,
                }
            )
    cols = ["outlet", "mode", "count", "words", "share", "ci_low", "ci_high", "n"]
    return pd.DataFrame(rows, columns=cols)


def _norm_words(s: str) -> list[str]:
    return re.findall(r"\w+", s.casefold().replace("’", "'"))


def _contains(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def repeated_quotes(
    articles: pd.DataFrame,
    quotes_df: pd.DataFrame | None = None,
    *,
    kinds: tuple[str, ...] = DIRECT_KINDS,
    min_words: int = 2,
    min_articles: int = 2,
    threshold: float = 90.0,
) -> pd.DataFrame:
    """Quotes carried by several articles: the same line, word for word or nearly.

    Two quotes are the same line when their normalised texts have a rapidfuzz ratio of at least
    `threshold`, or one (of `min_words` words or more) appears word for word inside the other
    ("no alternative" inside "There is no alternative to these trilateral documents").
    Returns one row per quote of every group found in at least `min_articles` articles:
    `group, line, n_outlets, n_articles, outlets, outlet, article_id, kind, speaker_text,
    actor, text` — `line` is the group's shortest text, `outlets` the outlets that carried it.
    """
    from rapidfuzz import fuzz

    q = _quotes_for(articles, quotes_df)
    q = q[q["kind"].isin(kinds)].reset_index(drop=True)
    words = [_norm_words(t) for t in q["text"]]
    ok = [len(w) >= min_words for w in words]
    parent = list(range(len(q)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(q)):
        if not ok[i]:
            continue
        for j in range(i + 1, len(q)):
            if not ok[j]:
                continue
            a, b = words[i], words[j]
            short, long = (a, b) if len(a) <= len(b) else (b, a)
            same = fuzz.ratio(" ".join(a), " ".join(b)) >= threshold or _contains(short, long)
            if same:
                parent[find(i)] = find(j)
    q["_root"] = [find(i) for i in range(len(q))]
    q = q[ok]
    cols = [
        "group",
        "line",
        "n_outlets",
        "n_articles",
        "outlets",
        "outlet",
        "article_id",
        "kind",
        "speaker_text",
        "actor",
        "text",
    ]
    groups = []
    for _, g in q.groupby("_root", sort=False):
        if g["article_id"].nunique() < min_articles:
            continue
        line = min(g["text"], key=lambda t: (len(t), t)).strip(" ,.;:")
        outlets = sorted(g["outlet"].dropna().unique(), key=str)
        groups.append((-g["article_id"].nunique(), line, g, outlets))
    rows = []
    for k, (neg_n, line, g, outlets) in enumerate(sorted(groups, key=lambda t: (t[0], t[1]))):
        for r in g.sort_values(["outlet", "article_id", "start"], kind="stable").itertuples():
            rows.append(
                {
                    "group": k + 1,
                    "line": line,
                    "n_outlets": len(outlets),
                    "n_articles": -neg_n,
                    "outlets": "; ".join(map(str, outlets)),
                    "outlet": r.outlet,
                    "article_id": r.article_id,
                    "kind": r.kind,
                    "speaker_text": r.speaker_text,
                    "actor": r.actor,
                    "text": r.text,
                }
            )
    return pd.DataFrame(rows, columns=cols)


def readable_quotes(
    articles: pd.DataFrame, quotes_df: pd.DataFrame | None = None, *, context: int = 80
) -> pd.DataFrame:
    """The quotes as an analyst reads them, for checking by hand and export to CSV.

    Returns `outlet, article_id, kind, speaker, actor, side, quote, in_context, n_words,
    confidence, method, flags, start, end`, ordered by outlet and position. `in_context` shows
    the quote with up to `context` characters either side, the quote itself in [[…]].
    """
    q = _quotes_for(articles, quotes_df)
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    rows = []
    for r in q.itertuples():
        t = texts.get(r.article_id, "")
        a, b = int(r.start), int(r.end)
        left = t[max(0, a - context) : a].replace("\n\n", " ¶ ")
        right = t[b : b + context].replace("\n\n", " ¶ ")
        rows.append(
            {
                "outlet": r.outlet,
                "article_id": r.article_id,
                "kind": r.kind,
                "speaker": r.speaker_text if isinstance(r.speaker_text, str) else "",
                "actor": r.actor if isinstance(r.actor, str) else "",
                "side": side_label(r._asdict()),
                "quote": r.text,
                "in_context": f"{'…' if a > context else ''}{left}[[{r.text}]]{right}"
                f"{'…' if b + context < len(t) else ''}",
                "n_words": r.n_words,
                "confidence": r.confidence,
                "method": r.method if isinstance(r.method, str) else "",
                "flags": r.flags,
                "start": a,
                "end": b,
            }
        )
    out = pd.DataFrame(rows)
    if not len(out):
        return pd.DataFrame(
            columns=[
                "outlet",
                "article_id",
                "kind",
                "speaker",
                "actor",
                "side",
                "quote",
                "in_context",
                "n_words",
                "confidence",
                "method",
                "flags",
                "start",
                "end",
            ]
        )
    return out.sort_values(["outlet", "article_id", "start", "kind"], kind="stable").reset_index(
        drop=True
    )
