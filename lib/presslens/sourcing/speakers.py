"""Who speaks: the noun phrases that can name a speaker, the cues that point at them (speech
verbs before or after a quote, "according to", a colon, a passive "by"), and the attribution of
each direct quote. The words come from the speech lexicon (`speech.rules()`), passed in as
`rules` or carried by the `Doc`."""

from __future__ import annotations

import re
from functools import lru_cache

from .document import (
    DETERMINERS,
    DOUBLE,
    NP_CONNECTORS,
    SINGLE,
    TIME_WORDS,
    Doc,
    Quote,
    in_spans,
    np_word,
    space_tokens,
)

# --------------------------------------------------------------------------------------------
# Noun phrases

_NP_LEAD = (NP_CONNECTORS - {"the"}) | {"but", "if", "that", "while", "although", "as", "when"}
_NP_TAIL = NP_CONNECTORS | DETERMINERS
_ABBREV_END = re.compile(r"(?:\b[A-Z]\.){2,}$")


def _clean_np(text: str, toks: list[tuple[int, int, str]]) -> tuple[int, int] | None:
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
        b -= 1
    while a < b and text[a] in "“”\"‘’'«»„":
        a += 1
    return (a, b) if b > a else None


def _speaker_span(rules, text: str, run: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """The noun phrase of the token run `run`, trimmed, if it can name a speaker."""
    span = _clean_np(text, run) if run else None
    if span is None or not rules.valid_speaker(text[span[0] : span[1]]):
        return None
    return span


_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_INITIALS_END = re.compile(r"(?:[A-Z]\.){2,}$|^[A-Z]\.$")
_INITIAL_END = re.compile(r"[A-Z]\.$")
_PUNCT_END = re.compile(r"[,;:!?]$")


@lru_cache(maxsize=256)
def subject_before(rules, text: str, lo: int, verb_start: int) -> tuple[int, int] | None:
    """The noun phrase right before a verb at `verb_start` (skipping adverbs, auxiliaries,
    time phrases and an appositive between commas), searched no further left than `lo`.

    Cached for the article at hand: the quotes of a sentence and the reported-speech pass ask
    for the subject of the same verbs (a third of the calls)."""
    toks = list(space_tokens(text, lo, verb_start))
    # skip adverbs / auxiliaries right before the verb
    while toks and np_word(toks[-1][2]).lower() in {
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
        # an appositive: "Jane Doe, the ministry's spokesperson, has said"
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
            if not _INITIALS.fullmatch(np_word(w) + ".") and not w.endswith("."):
                break
            if w.endswith(".") and not _INITIALS_END.search(w):
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
        if _PUNCT_END.search(w) or (w.endswith(".") and not _INITIAL_END.search(w)):
            break
    return _speaker_span(rules, text, run)


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


# --------------------------------------------------------------------------------------------
# Cues


def _cue_after(doc: Doc, close_pos: int, sent_end: int):
    """“…,” NP cue  |  “…,” cue NP  |  “…,” read a statement released by NP."""
    text, rules = doc.text, doc.rules
    pos = close_pos + 1
    while pos < sent_end and (text[pos] in ",;" or text[pos] in DOUBLE + SINGLE):
        pos += 1
    while pos < sent_end and text[pos].isspace():
        pos += 1
    rest = text[pos:sent_end]
    m = rules.cue_after_re.match(rest)
    if m:  # inverted: said Doe / read a statement released by the ministry
        after = pos + m.end()
        by = re.match(r"[^.;:!?“”\"]{0,60}?\bby\s+", text[after:sent_end])
        if by:
            after += by.end()
        np_span = np_after(rules, text, after, sent_end)
        if np_span:
            return np_span, m.group("cue").split()[0]
        return None
    run_end = pos
    for k, t in enumerate(space_tokens(text, pos, sent_end, 12)):
        core = np_word(t[2])
        low = core.lower()
        cm = rules.cue_after_re.match(text[t[0] : sent_end])
        if cm and k > 0:
            np_span = _clean_np(text, list(space_tokens(text, pos, run_end)))
            if np_span and rules.valid_speaker(text[np_span[0] : np_span[1]]):
                return np_span, cm.group("cue").split()[0]
            return None
        if low in {"also", "later", "then"}:
            continue
        if not rules.is_np_token(t[2], k == 0) or (t[2].endswith(",") and k > 0):
            return None
        run_end = t[1]
    return None


def _cue_before(doc: Doc, lo: int, open_pos: int, masked: list[tuple[int, int]], *, broad: bool):
    """The speaker of a quote from the text before it in its sentence."""
    text, rules = doc.text, doc.rules
    seg = text[lo:open_pos]
    # "according to NP" anywhere before
    for m in reversed(
        list(rules.according_re.finditer(seg)) if rules.mentions_according(seg) else []
    ):
        np_span = np_after(rules, text, lo + m.end(), open_pos)
        if np_span:
            return np_span, cue_phrase(m), "according-to", 0.85
    # speech verbs first ("X said that the capital hopes … “…”" is X's), then other verbs
    passes = [rules.speech_re, rules.attribution_re] if broad else [rules.speech_re]
    for rx in passes:
        hit = _cue_scan(doc, lo, open_pos, masked, rx)
        if hit:
            return hit
    # "X: “…”" with no verb
    stripped = seg.rstrip()
    if stripped.endswith(":"):
        np_span = subject_before(rules, text, lo, lo + len(stripped) - 1 + 1)
        if np_span:
            return np_span, ":", "colon", 0.8
    return None


def _subject_fallback(doc: Doc, lo: int, open_pos: int):
    """Last resort for a woven-in phrase: the sentence's subject, if it is a known actor."""
    np_span = sentence_subject(doc.rules, doc.text, lo, open_pos)
    if np_span and doc.resolver.resolve(doc.text[np_span[0] : np_span[1]]) is not None:
        return np_span, None, "sentence-subject", 0.5
    return None


_PARTICIPLE = re.compile(r"(?:ed|said|told|written|made|given|read)$")
_PASSIVE_BY = re.compile(r"(?:\s+[^\s,;:“”\"]+){0,4}?\s+by\s+")


def _cue_scan(doc: Doc, lo: int, open_pos: int, masked, rx):
    text, rules = doc.text, doc.rules
    seg = text[lo:open_pos]
    cues = [m for m in rx.finditer(seg) if not in_spans(lo + m.start(), masked)]
    for m in reversed(cues):
        vs = lo + m.start()
        word = m.group(0)
        # passive: "commented on 26 June by Jane Doe, spokeswoman ...: “"
        by = _PASSIVE_BY.match(text[lo + m.end() : open_pos])
        if by and _PARTICIPLE.search(word):
            np_span = np_after(rules, text, lo + m.end() + by.end(), open_pos)
            if np_span:
                return np_span, word, "cue-before", 0.85
        prev = text[max(lo, vs - 30) : vs].split()
        gerund = word.endswith("ing") and (
            not prev
            or prev[-1].lower() in {"by", "statement", "release", "a"}
            or not rules.is_np_token(prev[-1], True)
            or TIME_WORDS.match(np_word(prev[-1]))
        )
        if gerund:
            continue  # the subject is the main clause's: look further left
        np_span = subject_before(rules, text, lo, vs)
        if np_span:
            conf = 0.9 if rules.speech_re.fullmatch(word) else 0.75
            colon = text[lo + m.end() : open_pos].rstrip().endswith(":")
            return np_span, word, "colon" if colon else "cue-before", conf
    return None


# --------------------------------------------------------------------------------------------
# Attribution


def attribute(doc: Doc, q: Quote, marked: list[Quote], masked) -> None:
    """Set the speaker noun phrase, cue, method and confidence of a direct quote `q`."""
    text, rules = doc.text, doc.rules
    sa, _ = doc.sent_bounds(q.open_pos if q.open_pos >= 0 else q.start)
    pa, pb = doc.paras[doc.para_of(q.close_pos if q.close_pos < len(text) else q.start)]
    end = _attribution_end(doc, q.close_pos, pb)
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
        acc = rules.according_re.search(text, q.close_pos, end)
        if acc and not in_spans(acc.start(), masked):
            np_span = np_after(rules, text, acc.end(), end)
            if np_span:
                found = (np_span, cue_phrase(acc), "according-to", 0.8)
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
_ABBREV_STOP = re.compile(r"(?:\b[A-Z]|\bMr|\bMs|\bDr)\.$")


def _attribution_end(doc: Doc, pos: int, pb: int) -> int:
    """Where the reporter's words after a closing mark at `pos` end: the first full stop after
    the mark (not after an initial or a title), else the paragraph's end `pb`.

    Not `text.sentence_spans`: a quote that is a whole sentence ends its sentence at its own
    full stop (“We are ready.” Doe said.), and its speaker stands in the words after it."""
    text = doc.text
    m = _SENTENCE_STOP.search(text, pos + 1, pb)
    while m and _ABBREV_STOP.search(text[max(0, m.start() - 4) : m.end()]):
        m = _SENTENCE_STOP.search(text, m.end(), pb)
    return m.end() if m else pb


def cue_phrase(m: re.Match) -> str:
    """A matched cue phrase ("According  to") as the cue it records ("according to")."""
    return " ".join(m.group(0).lower().split())
