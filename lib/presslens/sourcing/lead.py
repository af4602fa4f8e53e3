"""A quote with no cue of its own, led into by its paragraph's words about one person.

"To Doe, the result is a sign of change. “Typically we ask …”" and "Our reviewer Roe was
impressed with her box, “I loved every item …”": no speech verb gives the quote anyone, but the
paragraph's text before it names one person and no one else, and the quote is theirs. A person
is someone the article quotes elsewhere (a surname alone stands for the full name), a lexicon
actor, or a name right after a person noun of the speech lexicon ("reviewer Roe"); a name the
article never gives a quote to may be a product's or a centre's ("GitHub Copilot"). Two people
named there, or none, leave the quote without a speaker; so does a quote that opens its
paragraph (the continuation rule's case).
"""

from __future__ import annotations

import re

from .document import Doc, Quote, in_spans, np_word
from .names import ArticleNames

METHOD = "lead-in"
_CAP_WORD = re.compile(r"(?<![\w’'\-])([^\W\d_][\w’'\-]*)")
_POSSESSIVE = re.compile(r"[’']s?$")
_LEAD_END = (".", "!", "?", ",")
_SENTENCE_ENDS = (". ", "! ", "? ", "\n")
_WORD = re.compile(r"\w[\w’'\-]*")


def _opens_sentence(doc: Doc, a: int, at: int, full: str) -> bool:
    """Whether the name at `at` leads its sentence of `a:at`: only `lead_openers`, person nouns,
    titles and the name's own other words before it ("To Doe,", "Our reviewer Roe", "Mayor Jane
    Doe"), not "Critics of Doe"."""
    rules, text = doc.rules, doc.text
    start = max((text.rfind(e, a, at) for e in _SENTENCE_ENDS), default=-1)
    start = a if start < a else start + 1
    allowed = rules.lead_openers | rules.person_heads | rules.honorific_words
    allowed = allowed | {w.lower() for w in full.split()}
    return all(np_word(w).lower() in allowed for w in _WORD.findall(text, start, at))


def _persons(doc: Doc, names: ArticleNames, a: int, b: int, spans, speakers):
    """The people the text `a:b` names outside quotes (a full name of one of the article's
    `speakers`, lower-cased keys, or of a lexicon actor, or a name after a person noun), and
    those of them named where a sentence's subject stands (`_opens_sentence`)."""
    text, rules, res = doc.text, doc.rules, doc.resolver
    found: set[str] = set()
    leading: set[str] = set()
    prev = ""
    for m in _CAP_WORD.finditer(text, a, b):
        w = m.group(1)
        before, prev = prev, np_word(w).lower()
        if not w[:1].isupper() or in_spans(m.start(), spans):
            continue
        word = _POSSESSIVE.sub("", np_word(w))
        if word.lower() in rules.not_speakers or word.lower() in rules.clause_openers:
            continue
        full = names.full_name(word, m.start())
        if full and (full.startswith(word + " ") or full.endswith(" " + word)):
            if full.lower() in speakers or res.resolve(full) is not None:
                found.add(full)  # not a product's or a centre's name ("GitHub Copilot")
                if _opens_sentence(doc, a, m.start(), full):
                    leading.add(full)
        elif before in rules.person_heads and word.isalpha():
            found.add(word)  # "our reviewer Roe"
            if _opens_sentence(doc, a, m.start(), word):
                leading.add(word)
    return found, leading


def lead_in_person(doc: Doc, quotes: list[Quote]) -> None:
    """Give each cue-less full quote inside a paragraph the one person its lead-in names."""
    cueless = [
        q
        for q in quotes
        if q.kind == "full" and not q.nested and q.speaker_text is None and q.open_pos >= 0
    ]
    if not cueless:
        return
    text = doc.text
    names = getattr(doc, "_names", None) or ArticleNames(doc.rules, text)
    spans = [(q.open_pos, q.close_pos + 1) for q in quotes if q.open_pos >= 0]
    known = {q.speaker.key.lower(): q.speaker for q in quotes if q.speaker is not None}
    persons = {k for k, sp in known.items() if sp.person}
    for q in cueless:
        pa = doc.paras[doc.para_of(q.open_pos)][0]
        lead = text[pa : q.open_pos].rstrip()
        if not lead or not lead.endswith(_LEAD_END) or doc.in_heading(pa):
            continue
        people, leading = _persons(doc, names, pa, q.open_pos, spans, persons)
        if len(people) != 1 or not leading:
            continue
        (name,) = people
        sp = known.get(name.lower())
        if sp is None:
            sp = known[name.lower()] = doc.resolver.new_speaker(name, name, None)
            sp.person = True
        q.speaker, q.speaker_text, q.cue = sp, name, None
        q.method, q.confidence = METHOD, 0.5
