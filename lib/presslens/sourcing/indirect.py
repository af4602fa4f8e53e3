"""Reported speech: "X said (that) …", "according to X, …" and "…, according to X", with the
clause each reports and its speaker phrase."""

from __future__ import annotations

import re

from .document import DOUBLE, Doc, Quote, in_spans, trim
from .phrases import np_after, sentence_subject, subject_before
from .speakers import cue_phrase

# English grammar of a reported clause: what may follow a speech verb.
_AUX_AFTER = re.compile(
    r"^(?:[A-Z][\w’'\-.]*\s+(?:and\s+)?){1,4}"
    r"(?:may|might|will|would|could|can|should|must|is|was|are|were|has|had|have|did|does|do"
    r"|plans?|wants?|hopes?|expects?)\b"
)
_PRONOUN_CLAUSE = re.compile(
    r"^(?:he|she|it|they|we|there|this|i)\s+(?:[a-z]+\s+)?(?:was|is|were|are|had|has|have"
    r"|would|will|could|can|should|must|may|might|did|does|do|expected|believed|hoped|wanted"
    r"|needed|saw|sees)\b"
)
_THAT_CLAUSE = re.compile(r"((?:\s+[^\s,;:.“”\"]+){0,6}?)\s+that\s+")
_WHEN_AFTER_CUE = re.compile(
    r"\s+(?:(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|yesterday|today|last\s+week)\s+)?",
    re.IGNORECASE,
)
_CLAUSE_CUT = re.compile(r",\s+(?:as\s+(?:he|she|they|it)\b|which\b|who\b|whose\b|where\b)")


def find_indirect(doc: Doc, masked: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech outside the direct quotes (`masked`): "according to X, …", "…, according
    to X" and "X said (that) …", each with its speaker phrase and cue."""
    out: list[Quote] = []
    for sa, sb in doc.sents:
        out += _according(doc, sa, sb, masked)
        out += _reported(doc, sa, sb, masked)
    return out


def _indirect(doc: Doc, ca: int, cb: int, np_span, cue: str, method: str, conf: float) -> Quote:
    q = Quote(ca, cb, kind="indirect", open_pos=ca, close_pos=cb, paragraph=doc.para_of(ca))
    q.speaker_np, q.cue, q.method, q.confidence = np_span, cue, method, conf
    return q


def _according(doc: Doc, sa: int, sb: int, masked) -> list[Quote]:
    """ "According to NP, clause."  /  "Clause, according to NP." in the sentence `sa:sb`."""
    text, rules = doc.text, doc.rules
    sent = text[sa:sb]
    out = []
    for m in rules.according_re.finditer(sent) if rules.mentions_according(sent) else ():
        ms = sa + m.start()
        if in_spans(ms, masked):
            continue
        np_span = np_after(rules, text, sa + m.end(), sb)
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
            if in_spans(sa, masked) or rules.quote_then_cue_re.search(text[sa:ms]):
                continue  # "…,” Doe said, according to …" belongs to the direct quote
            if not re.search(r",\s*$", text[sa:ms]):
                continue
            ca, cb = sa, ms - 1
        ca, cb = trim(text, ca, cb)
        if cb - ca >= 15:
            out.append(_indirect(doc, ca, cb, np_span, cue_phrase(m), "according-to", 0.8))
    return out


def _reported(doc: Doc, sa: int, sb: int, masked) -> list[Quote]:
    """ "X said (that) clause." in the sentence `sa:sb`."""
    text, rules = doc.text, doc.rules
    sent = text[sa:sb]
    found = []
    for m in rules.reported_re.finditer(sent):
        vs = sa + m.start()
        if in_spans(vs, masked):
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
            np_span = sentence_subject(rules, text, sa, vs)
        elif not word.endswith("ing"):
            np_span = _subject_for_cue(rules, text, sa, vs)
        if np_span is None:
            continue
        found.append((ca, np_span, word))
    out = []
    for k, (ca, np_span, word) in enumerate(found):
        cb = _clause_end(doc, ca, sb)
        # "Although X maintains that …, Y claimed that …": the next speaker ends the clause
        nxt = [sp[0] for c2, sp, _ in found[k + 1 :] if sp[0] > ca]
        if nxt and nxt[0] < cb:
            cb = nxt[0]
            while cb > ca and text[cb - 1] in " ,;":
                cb -= 1
        ca, cb = trim(text, ca, cb)
        if cb - ca < 10:
            continue
        out.append(_indirect(doc, ca, cb, np_span, word, "cue-before", 0.75))
    return out


def _subject_for_cue(rules, text: str, lo: int, vs: int):
    """Subject of the verb at `vs`; for "X spoke of … and said …" the first verb's subject."""
    np_span = subject_before(rules, text, lo, vs)
    if np_span is not None:
        return np_span
    prev = text[lo:vs].split()
    if prev and prev[-1].lower() in {"and", "but", "then"}:
        earlier = [m for m in rules.attribution_re.finditer(text, lo, vs - len(prev[-1]) - 1)]
        for m in reversed(earlier):
            np_span = subject_before(rules, text, lo, m.start())
            if np_span is not None:
                return np_span
    return None


def _clause_end(doc: Doc, ca: int, sb: int) -> int:
    text = doc.text
    seg = text[ca:sb]
    m = _CLAUSE_CUT.search(seg)
    end = ca + m.start() if m else sb
    while end > ca and (text[end - 1].isspace() or text[end - 1] in DOUBLE):
        end -= 1
    return end
