"""Noun phrases that can name a speaker: the subject before a verb, the phrase after an
inverted verb ("said Sen. Jane Doe"), the subject at the start of a clause. The words come from
the speech lexicon (`speech.rules()`), passed in as `rules`."""

from __future__ import annotations

import re
from functools import lru_cache

from .document import DETERMINERS, NP_CONNECTORS, np_word, space_tokens
from .names import is_name

_NP_LEAD = (NP_CONNECTORS - {"the"}) | {"but", "if", "that", "while", "although", "as", "when"}
_NP_TAIL = NP_CONNECTORS | DETERMINERS
_ABBREV_END = re.compile(r"(?:\b[A-Z]\.){2,}$")


def clean_np(text: str, toks: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """Trim connectors at the edges of a candidate noun phrase, given as its `space_tokens` (a
    run of consecutive ones); None if nothing is left."""
    i, j = 0, len(toks)
    while i < j and np_word(toks[i][2]).lower() in _NP_LEAD:
        i += 1
    while i < j and np_word(toks[j - 1][2]).lower() in _NP_TAIL:
        j -= 1
    if i == j:
        return None
    a, b = toks[i][0], toks[j - 1][1]
    while b > a and text[b - 1] in ",;:“”\"‘’'«»„.":
        if text[b - 1] == "." and _ABBREV_END.search(text[a:b]):
            break
        if text[b - 1] in "»”" and _OPENING_MARK[text[b - 1]] in text[a : b - 1]:
            break  # a name in marks: Компания «Ромашка»
        b -= 1
    while a < b and text[a] in "“”\"‘’'«»„":
        a += 1
    return (a, b) if b > a else None


def _speaker_span(rules, text: str, run: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """The noun phrase of the token run `run`, trimmed, if it can name a speaker."""
    span = clean_np(text, run) if run else None
    if span is None or not rules.valid_speaker(text[span[0] : span[1]]):
        return None
    return span


_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_INITIALS_END = re.compile(r"(?:[A-Z]\.){2,}$|^[A-Z]\.$")
_INITIAL_END = re.compile(r"[A-Z]\.$")
_PUNCT_END = re.compile(r"[,;:!?]$")
#: A closing quote mark at a token's end (after its punctuation): “First,” / «Да»,
_CLOSING_MARK = re.compile(r"[”\"»]\W*$")
_OPENING_MARK = {"»": "«", "”": "“", '"': '"'}
#: The most tokens a name in marks may take in a subject: Компания «Северный ветер» заявила
_NAME_IN_MARKS_WORDS = 4


def _closes_quote(toks: list[tuple[int, int, str]], k: int) -> bool:
    """Whether the closing mark at the end of token `k` ends a quote before the subject
    (“First,” Doe said), not a name in marks inside it (Компания «Ромашка» заявила): a name's
    marks open in the same token or a few tokens back, before a capital, and close with no
    sentence punctuation of their own before them."""
    w = toks[k][2]
    m = _CLOSING_MARK.search(w)
    body = w[: m.start()]
    if not body or body[-1] in ",.!?;:…":
        return True
    opener = _OPENING_MARK[w[m.start()]]
    for j in range(k, max(-1, k - _NAME_IN_MARKS_WORDS), -1):
        t = body if j == k else toks[j][2]
        at = t.rfind(opener)
        if at >= 0:
            return not t[at + 1 : at + 2].isupper()
        if j < k and _CLOSING_MARK.search(t):
            return True
    return True


#: The most words an appositive between a subject and its verb may take.
_APPOSITIVE_WORDS = 30


def _title_dot(rules, w: str) -> bool:
    """Whether the dot of `w` is a title's ("Mr.", "Sen.") rather than a full stop."""
    return np_word(w).lower().rstrip(".") in rules.honorific_words


def _adverb(rules, w: str) -> bool:
    """A lower-case -ly adverb between a subject and its verb ("Doe aptly says", "Doe bluntly
    told"), not a noun that ends so ("the family said", "the assembly said")."""
    low = np_word(w)
    return (
        len(low) > 4
        and low.endswith("ly")
        and low.islower()
        and low not in rules.speaker_nouns
        and low not in _LY_NOUNS
    )


#: Auxiliaries and adverbs that may stand between a subject and its verb (and -ly adverbs).
_BEFORE_VERB = set("also has had have then later again only was is once further would will".split())
_LY_NOUNS = {"family", "supply", "reply", "rally", "ally", "july", "italy", "monopoly", "belly"}


@lru_cache(maxsize=256)
def subject_before(rules, text: str, lo: int, verb_start: int) -> tuple[int, int] | None:
    """The noun phrase right before a verb at `verb_start` (skipping adverbs, auxiliaries,
    time phrases and an appositive between commas), searched no further left than `lo`.

    Cached for the article at hand: the quotes of a sentence and the reported-speech pass ask
    for the subject of the same verbs (a third of the calls)."""
    toks = list(space_tokens(text, lo, verb_start))
    # skip adverbs / auxiliaries right before the verb
    while toks and (np_word(toks[-1][2]).lower() in _BEFORE_VERB or _adverb(rules, toks[-1][2])):
        toks.pop()
    if not toks:
        return None
    if toks[-1][2].endswith(","):
        # an appositive: "Jane Doe, the ministry's spokesperson, has said"; "Jane Doe, an
        # epidemiologist at the University of Lagos who was not involved in the study, said"
        k = len(toks) - 2
        while k >= 0 and not toks[k][2].endswith(","):
            k -= 1
        if k < 0 or len(toks) - k - 1 > _APPOSITIVE_WORDS:
            return None
        toks = toks[: k + 1]
        last = toks[-1]
        toks[-1] = (last[0], last[1] - 1, last[2][:-1])
    run = []
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        w = t[2]
        if _CLOSING_MARK.search(w) and _closes_quote(toks, k):
            break  # “First,” Doe said: the quote before the name is no part of it
        if run and (w.endswith(",") or w.endswith(":") or w.endswith(";") or w.endswith(".")):
            if not _INITIALS.fullmatch(np_word(w) + ".") and not w.endswith("."):
                break
            if w.endswith(".") and not _INITIALS_END.search(w) and not _title_dot(rules, w):
                break
        if not rules.is_np_token(w, not run):
            break
        run.insert(0, t)
        if np_word(w).lower() in {"the", "a", "an", "some", "this"}:
            break
    return _speaker_span(rules, text, run)


def np_after(rules, text: str, a: int, limit: int) -> tuple[int, int] | None:
    """The noun phrase starting at `a` (e.g. after "said"), up to ~10 words."""
    run = []
    for t in space_tokens(text, a, limit, 12):
        w = t[2]
        if not rules.is_np_token(w, not run):
            break
        run.append(t)
        if _PUNCT_END.search(w) or (
            w.endswith(".") and not _INITIAL_END.search(w) and not _title_dot(rules, w)
        ):
            break
    if run and run[-1][2].endswith(",") and _is_role(rules, run[-1][2]):
        run += _name_after_role(rules, text, run[-1][1], limit)
    return _speaker_span(rules, text, run)


def _is_role(rules, w: str) -> bool:
    low = np_word(w).lower().rstrip(".")
    return low in rules.person_heads or low in rules.honorific_words


def _name_after_role(rules, text: str, a: int, limit: int) -> list:
    """ "Vice President, Jane Doe": the name tokens after a role and its comma (or none)."""
    toks = []
    for t in space_tokens(text, a, limit, 4):
        toks.append(t)
        if t[2][-1:] in ",.;:":
            break
    words = [np_word(t[2]) for t in toks]
    return toks if 2 <= len(toks) <= 4 and is_name(rules, words) else []


_ADVERBIAL = re.compile(r"[^,]{0,80},\s+")


def sentence_subject(rules, text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The grammatical subject at the start of a clause (after a leading adverbial)."""
    seg = text[lo:hi]
    # drop a leading adverbial ending with a comma ("Shortly before these meetings, ...")
    m = _ADVERBIAL.match(seg)
    start = lo + m.end() if m and not rules.valid_speaker(seg[: m.end()].split()[0]) else lo
    run = []
    for t in space_tokens(text, start, hi, 10):
        if not rules.is_np_token(t[2], not run):
            break
        run.append(t)
        if t[2].endswith(","):
            break
    return _speaker_span(rules, text, run)
