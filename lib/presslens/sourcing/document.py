"""One article as the quote finder reads it, the quotes it finds, and the English grammar words
the finder relies on (the language's speech words are data: see `speech`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from presslens import text as ptext

#: Columns of the table `find_quotes()` returns (plus `flags`: "unclosed", "no-opening" or "").
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
# Quote marks

DOUBLE = '\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\uff02"'
SINGLE = "\u2018\u2019\u201a\u201b\u2039\u203a'"

# --------------------------------------------------------------------------------------------
# English grammar the finder relies on (a new language needs its own)

NP_CONNECTORS = {"of", "for", "to", "and", "the", "de", "on"}
DETERMINERS = {"the", "a", "an", "this", "that", "its", "his", "her", "their", "some"}
POSSESSIVES = {"my", "your", "our", "his", "her", "its", "their", "whole"}
TIME_WORDS = re.compile(
    r"^(?:on|in|at|last|this|next|earlier|later|late|early|yesterday|today|tonight|\d{1,4}"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april"
    r"|may|june|july|august|september|october|november|december|week|month|year|night"
    r"|morning|evening|afternoon|[\d\-–]+(?:st|nd|rd|th)?)$",
    re.IGNORECASE,
)
MONTHS_DAYS = set(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
#: Words after a closing mark that show the quote is not a noun's modifier (`marks.modifier`).
FUNCTION_WORDS = set(
    "is are was were be been being has have had will would can could should may might must do "
    "does did and or but nor to of in on at by for with from as than that which who whom whose "
    "when where while if because so then into about after before over under it he she they we "
    "you i this these those there here not also just only even still too between among "
    "against across within without through during toward towards around per via like upon amid "
    "despite since until behind beyond near onto off out up down".split()
)
LEADING_ARTICLE = re.compile(r"^(?:the|a|an|some)\s+", re.IGNORECASE)
NAME_AT_END = re.compile(r"(?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+$")


def np_word(w: str) -> str:
    """A token without the quote marks and punctuation around it."""
    return w.strip("“”\"‘’'«»„,;:()։")


def space_tokens(
    text: str, a: int, b: int, limit: int | None = None
) -> Iterator[tuple[int, int, str]]:
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


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """`(a, b)` moved inwards past white space."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` falls in one of `spans` (the text of quotes already found)."""
    for a, b in spans:
        if a <= pos < b:
            return True
    return False


# --------------------------------------------------------------------------------------------
# Quotes and documents


@dataclass
class Quote:
    """A quote while it is being found: its span, kind, flags and speaker."""

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
    interrupted: bool = False  # opens after the reporter's words within one pair of marks
    speaker: object = None  # the `resolution.Speaker` it is filed under


_SENTENCE_MARKS = set('.!?:;,”"’»')
_HEADING_NUMBER = re.compile(r"^[\d.)\s#*•-]+")


class Doc:
    """One article's text with its paragraph and sentence offsets (from `presslens.text`), the
    speech lexicon (`rules`), the actor resolver it is read with and its byline's `author`."""

    def __init__(self, text: str, rules, resolver, author: str | None = None):
        self.text = text
        self.author = author
        self.rules = rules
        self.resolver = resolver
        self.paras = ptext.paragraph_spans(text) or [(0, len(text))]
        self.sents = [(a, b) for _, a, b in ptext.sentence_spans(text)] or [(0, len(text))]
        self._para_starts = [a for a, _ in self.paras]
        self._sent_starts = [a for a, _ in self.sents]

    def headings(self) -> set[str]:
        """The article's heading lines, lower case, without a leading number ("3. Acme Box"):
        short paragraphs that end with no full stop (computed once per article)."""
        found = getattr(self, "_headings", None)
        if found is None:
            found = {_HEADING_NUMBER.sub("", self.text[a:b].strip()).lower()
                     for a, b in self.paras if self._heading_line(a, b)}  # fmt: skip
            self._headings = found
        return found

    def in_heading(self, i: int) -> bool:
        """Whether position `i` is in a heading line (see `headings`)."""
        return self._heading_line(*self.paras[self.para_of(i)])

    def _heading_line(self, a: int, b: int) -> bool:
        line = self.text[a:b].strip()
        return bool(line) and len(line.split()) <= 8 and line[-1] not in _SENTENCE_MARKS

    def para_of(self, i: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, i) - 1)

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """Sentence containing `i`, clipped to its paragraph."""
        k = max(0, bisect.bisect_right(self._sent_starts, i) - 1)
        a, b = self.sents[k]
        pa, pb = self.paras[self.para_of(i)]
        return max(a, pa), min(max(b, i), pb)
