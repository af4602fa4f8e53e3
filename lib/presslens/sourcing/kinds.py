"""Telling the kind of a quote in marks: a title or name, a scare term, a phrase standing as a
noun's modifier, or someone's words (a full sentence or a partial phrase)."""

from __future__ import annotations

import re

from presslens.text import STOP_WORDS, count_words

from .document import (
    DETERMINERS,
    FUNCTION_WORDS,
    NP_CONNECTORS,
    POSSESSIVES,
    TIME_WORDS,
    Doc,
    Quote,
)

#: A word as a title's shape sees it: inner dots and hyphens keep it whole ("St.Petersburg",
#: "Jean-Luc"), a final dot stays on it. Not a word count (that is `text.count_words`).
_TITLE_WORD = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*\.?", re.UNICODE)
_TITLE_SMALL = NP_CONNECTORS | {"in", "and", "de", "la"}
_INNER_STOP = re.compile(r"[.!?;]\s")


def _own_line(doc: Doc, q: Quote) -> bool:
    """Whether the quote, marks and all, is its paragraph's whole text."""
    a, b = doc.paras[doc.para_of(q.open_pos)]
    return not doc.text[a : q.open_pos].strip() and not doc.text[q.close_pos + 1 : b].strip()


def title_like(s: str) -> bool:
    """Whether `s` has a title's shape: 2–12 words, first and last capitalised, the rest
    capitalised or small connectors ("Journal of Peace Studies"), no sentence break inside."""
    words = _TITLE_WORD.findall(s)
    if not 2 <= len(words) <= 12 or not (words[0][0].isupper() and words[-1][0].isupper()):
        return False
    caps = [w for w in words if w[0].isupper() or w[0].isdigit()]
    small = [w for w in words if w.lower() in _TITLE_SMALL and not w[0].isupper()]
    return len(caps) + len(small) == len(words) and len(caps) >= 2 and not _INNER_STOP.search(s)


_WORDS_BEFORE = re.compile(r"(?:([\w’'\-\u2010\u2011]+)\W*\s+)?([\w’'\-\u2010\u2011]+)\s*$")
_WORD_AFTER = re.compile(r"[ \t]+([a-z][a-z\-]+)\b")


def modifier(doc: Doc, q: Quote, *, bare: bool = True) -> bool:
    """Whether a quote stands as a noun's modifier, before a lower-case noun: a “10 things I
    wish I knew” post, the costly "cancel for any reason" policy, “best value” positioning.
    Such a phrase is named, not said. After a determiner any lower-case word but a grammar
    word or an -ly adverb counts as the noun, unless that word is the noun already: the quote
    opens with a determiner of its own (called the plan “a disaster” yesterday; but not before
    an ordinary noun, which the determiner and adjective still wait for: the old “a day at the
    beach” slogan; ordinary: not common, no time word, attribution verb or -ed form) or,
    without `bare`, the word is a possessive (the bill’s “fatal flaws” remain, said in a speaker's
    sentence). With `bare`, also without a determiner when the word is no common word at all
    (`STOP_WORDS`: “…” quite like, “…” looks), the quote ends on a letter or digit, not on a
    clause's punctuation ("“too slow to function,” amongst"), and opens with no determiner
    (called it “a shameful day” online)."""
    text = doc.text
    after = _WORD_AFTER.match(text, q.close_pos + 1)
    if after is None or after.group(1) in FUNCTION_WORDS or after.group(1).endswith("ly"):
        return False
    first = text[q.start : q.end].split()[:1]
    own_np = bool(first) and first[0].lower() in DETERMINERS  # the plan “a disaster” yesterday
    before = _WORDS_BEFORE.search(text, max(0, q.open_pos - 60), max(q.open_pos, 0))
    if before is not None:
        w1, w2 = (before.group(1) or "").lower(), before.group(2)  # "the actual", "a costly"
        det = DETERMINERS | POSSESSIVES
        possessed = w2.lower().endswith(("’s", "'s"))  # the bill’s “fatal flaws” remain
        noun = after.group(1)
        waits = not (  # an ordinary noun after the marks, which "the old" waits for
            noun in STOP_WORDS
            or TIME_WORDS.match(noun)
            or noun.endswith("ed")
            or doc.rules.attribution_re.fullmatch(noun)
        )
        if w2.lower() in det or (
            w1 in det and not w2[:1].isupper() and (waits or not own_np) and (bare or not possessed)
        ):
            return True
    noun = after.group(1)
    return (
        bare
        and not own_np
        and text[q.start : q.end][-1:].isalnum()
        and noun not in STOP_WORDS
        and not doc.rules.attribution_re.fullmatch(noun)
    )


#: An abbreviation in brackets right after a closing mark: “Cancel for any reason” (CFAR).
_ABBREVIATION = re.compile(r"[ \t]*\((?P<abbr>[A-Z][A-Za-z]{1,7})\)")


def _abbreviated(text: str, q: Quote) -> bool:
    """Whether the quote is followed by its own abbreviation in brackets, its words' initials
    (“Project Start Document” (PSD), “Cancel for any reason” (CFAR)): the name of a thing,
    which nobody says that way."""
    m = _ABBREVIATION.match(text, q.close_pos + 1)
    if m is None:
        return False
    initials = "".join(w[0] for w in re.findall(r"[^\W_]+", text[q.start : q.end])).lower()
    abbr = m.group("abbr").lower()
    return len(abbr) >= 2 and initials.startswith(abbr[0]) and _subsequence(abbr, initials)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


_INNER_SENTENCE = re.compile(r"[.!?;]\s+[“\"‘]?[A-Z]")


def classify(doc: Doc, q: Quote) -> str:
    """The kind of a quote in marks: `title`, `scare`, `full` (a sentence or more) or
    `partial` (a phrase woven into the reporter's sentence)."""
    if q.kind in {"title", "embed"}:
        return q.kind
    text = doc.text
    content = text[q.start : q.end]
    before = text[doc.paras[doc.para_of(q.open_pos)][0] : max(q.open_pos, 0)]
    if doc.rules.scare_re.search(before[-40:].rstrip()):
        return "scare"
    if doc.rules.title_cue_re.search(before, max(0, len(before) - 60)) or (
        doc.rules.work_cue_re.search(before, max(0, len(before) - 40))
    ):
        return "title"
    if _abbreviated(text, q):
        return "title"
    n_words = count_words(content)
    inner_sentence = _INNER_SENTENCE.search(content) is not None
    if n_words <= 2 and content[-1:].isalnum() and all(w[:1].isupper() for w in content.split()):
        return "title"  # a name in marks: «Interfax», “Acme Labs”
    if n_words <= 12 and not inner_sentence and title_like(content):
        starts_sentence = not before.strip() or before.rstrip()[-1] in ".!?:"
        shout = content.rstrip()[-1:] in "!?"  # “JUST GIVE ME THE ANSWER!” is said
        if not starts_sentence or (not shout and (n_words <= 6 or _own_line(doc, q))):
            return "title"  # a line of its own in title case: a heading naming a work
    if inner_sentence and n_words >= 6:
        return "full"
    lead = before.rstrip()
    opens_sentence = not lead or lead[-1] in ".!?:" or lead.endswith(("\u2014", "-"))
    if content[:1].isupper() and n_words >= 4 and (opens_sentence or lead[-1] == ","):
        return "full"
    return "partial"
