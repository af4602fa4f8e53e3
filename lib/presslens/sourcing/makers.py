"""Who made a document: "the report said" speaks for whoever the article says made the report.

A report, a study or a paper (the `document_heads` of the speech lexicon) speaks for its maker,
as the article names it: "a June report by Acme Institute and Beta Lab" (→ "Acme Institute and
Beta Lab"), "the research by Doe and colleagues" (→ "Doe", filed under the full name the
article gives), "Acme’s trends report", "the Acme report", "Acme … in its annual report" (→ the
sentence's subject). `document_makers` lists every such naming in an article, in text order;
`maker_before` picks the one a later "the report said" / "say the authors" refers to.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .document import Doc, np_word
from .phrases import np_after, sentence_subject

_NAME = r"[A-Z][\w&.\-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w&.\-]*){0,5}"


@lru_cache(maxsize=16)
def _patterns(heads: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    alt = "|".join(sorted(map(re.escape, heads), key=len, reverse=True)) or "(?!)"
    mods = r"(?:[a-z][\w\-]*\s+){0,2}?"
    # after a possessive, a date may stand too: "Acme's May 2025 report", "its 2024 survey"
    dated = r"(?:[A-Z][a-z]+\s+)?(?:\d{4}\s+)?" + mods
    by = re.compile(rf"\b(?P<head>{alt})\s+(?:[a-z]+\s+){{0,2}}?by\s+")
    owner = re.compile(rf"(?<![\w’'])(?P<name>{_NAME})[’']s\s+{dated}(?P<head>{alt})\b")
    named = re.compile(rf"\b[Tt]he\s+(?P<name>{_NAME})\s+{mods}(?P<head>{alt})\b")
    its = re.compile(rf"\b(?:its|their)\s+{dated}(?P<head>{alt})\b")
    return by, owner, named, its


def document_makers(doc: Doc) -> list[tuple[int, str, tuple[int, int]]]:
    """`(position, head word, maker span)` for every document whose maker the article names,
    in text order (computed once per article)."""
    found = getattr(doc, "_makers", None)
    if found is not None:
        return found
    text, rules = doc.text, doc.rules
    heads = tuple(sorted(rules.document_heads))
    by, owner, named, its = _patterns(heads)
    found = []
    if any(h in text for h in heads):
        for m in by.finditer(text):
            _, sb = doc.sent_bounds(m.start())
            span = np_after(rules, text, m.end(), max(sb, m.end()))
            if span is not None and _named(text, span):
                found.append((m.start(), m.group("head").lower(), span))
        for rx in (owner, named):
            for m in rx.finditer(text):
                span = m.span("name")
                if rules.valid_speaker(text[span[0] : span[1]]):
                    found.append((m.start("head"), m.group("head").lower(), span))
        for m in its.finditer(text):
            sa, _ = doc.sent_bounds(m.start())
            span = sentence_subject(rules, text, sa, m.start())
            if span is not None and _named(text, span):
                found.append((m.start("head"), m.group("head").lower(), span))
    found.sort()
    doc._makers = found
    return found


def _named(text: str, span: tuple[int, int]) -> bool:
    return any(w[:1].isupper() for w in (np_word(w) for w in text[span[0] : span[1]].split()))


def maker_before(doc: Doc, pos: int, head: str) -> tuple[int, int] | None:
    """The maker span of the document "the <head>" at `pos` refers to: the latest one named
    before `pos` for that head word, else the latest for any document; None when the article
    names no maker before it."""
    makers = document_makers(doc)
    k = bisect.bisect_left([p for p, _, _ in makers], pos)
    earlier = makers[:k]
    for _, h, span in reversed(earlier):
        if h == head:
            return span
    return earlier[-1][2] if earlier else None
