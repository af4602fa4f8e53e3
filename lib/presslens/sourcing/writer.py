"""The writer as a speaker: quotes the article's author introduces in the first person.

"I ask students: “…”", "I will ask the AI, “…”", "Another rule I use is: “…”", "… and thought,
“what now?”": the speaker is the byline's author (the `author` column of the articles table,
found by `presslens.clean.bylines.detect_byline`). Only the reporter's words before the opening
mark count, never the quoted person's own "I" inside the marks: a clause of the writer's that
runs from its "I" to the mark, with no sentence end, comma, colon or other quote between
(a comma inside a number is no break), and ends with a colon, a comma, a dash or a speech verb
("… and say “…”"), or, when a speech verb of the writer's stands in it, with a word that leads
into an example or a wording (`writer_leads`: "I wrote a review that opened with “…”", "by
writing a note on our style, e.g. “…”"; commas and capitalised words may then stand in the
clause, but not someone else's speech: a capitalised name right before a speech verb ("… and
Tom Poe answered with “…”"), a capitalised word opening a clause or an aside after a comma or
a `verb_conjunctions` word ("…, and Tom Poe …", "the mayor, Tom Poe, …"), or a
`subordinators` word after a comma right before a speech verb ("the board, which answered
with “…”"); "I wrote a review in The Guardian that opened with “…”" stays the writer's). A
"you" or a third-person pronoun in that clause ("I know some of you are
thinking, “…”") makes someone else the speaker, and a name followed by a speech verb in it ("I
think Doe said: “…”") stays the speaker; a name in it that is only the verb's object ("I feed the
logs to the AI: “…”") does not.

The byline must name one person: with several authors, or a team, "I" cannot be told apart.
The words are data (`first_person`, `second_person`, `pronouns`, `writer_leads` in
`speech.yaml`, per language). Not handled for want of examples in the dev set: "“…,” I said" after the quote and
"My answer: “…”".
"""

from __future__ import annotations

import re
from functools import lru_cache

from presslens.clean.bylines import split_byline

from .document import Doc, Quote, in_spans
from .speech import literal_alternation

#: The `method` of a quote given to the article's author.
METHOD = "first-person"
_ORG = re.compile(r"(?i)\b(?:team|staff|editors|desk|newsroom|editorial)\b")
_LOOKBACK = 160  # characters before an opening mark searched for the writer's clause
_SPACE = re.compile(r"\s*")


@lru_cache(maxsize=64)
def _patterns(
    pronouns: tuple[str, ...],
    others: tuple[str, ...],
    verbs: tuple[str, ...],
    leads: tuple[str, ...],
    conjunctions: tuple[str, ...],
    subordinators: tuple[str, ...],
):
    alt = "|".join(re.escape(p) for p in pronouns)
    vb = "|".join(sorted(map(re.escape, verbs), key=len, reverse=True))
    subject = rf"(?<![\w’'])(?:{alt})(?:[’'](?:ll|ve|d|m))?\s"
    clause = re.compile(
        rf"{subject}(?:[^.!?;,:“”\"«»]|(?<=\d)[,.](?=\d)){{0,100}}?(?:[,:—–]|\b(?:{vb}))\s*$"
    )
    # "I wrote a review that opened with “…”", "by writing a note on our style, e.g. “…”"
    ld = literal_alternation(leads)
    part = r"[^.!?;:“”\"«»]"
    led = re.compile(
        rf"(?P<who>{subject}){part}{{0,100}}?\b(?:{vb})\b{part}{{0,80}}?(?<![\w’'])(?:{ld}),?\s*$"
    )
    # someone else speaking in a led clause: "… and Tom Poe answered with", "the mayor, Tom
    # Poe, …", "the board, which answered with"
    cj = literal_alternation(conjunctions)
    sb = literal_alternation(subordinators)
    cap = r"[A-ZА-ЯЁ]"
    foreign = re.compile(
        rf"{cap}[\w’'\-]*\s+(?:{vb})\b"
        rf"|(?:,|(?<![\w’'])(?:{cj}))\s+{cap}"
        rf"|(?i:,\s*(?:{sb}))\s+(?:{vb})\b"
    )
    other = "|".join(re.escape(p) for p in others) or "(?!)"
    blocker = re.compile(rf"(?i)(?<![\w’'])(?:{other})(?![\w’'])")
    return clause, led, foreign, blocker


def author_name(author) -> str | None:
    """The one person a byline names, or None (no byline, several authors, a team)."""
    if not isinstance(author, str) or not author.strip():
        return None
    names = split_byline(author)
    if len(names) != 1 or _ORG.search(names[0]):
        return None
    return names[0].strip()


def first_person_cue(doc: Doc, q: Quote, masked) -> str | None:
    """The writer's clause that introduces quote `q` ("I will ask the AI"), or None (see the
    module)."""
    rules = doc.rules
    if not rules.first_person:
        return None
    others = {k for k, v in rules.pronouns.items() if v in ("person", "any")} | rules.second_person
    clause, led, foreign, blocker = _patterns(
        tuple(rules.first_person),
        tuple(sorted(others)),
        tuple(rules.speech_words),
        tuple(rules.writer_leads),
        tuple(rules.verb_conjunctions),
        tuple(rules.subordinators),
    )
    text = doc.text
    open_pos = q.open_pos if q.open_pos >= 0 else q.start
    pa, _ = doc.paras[doc.para_of(q.start)]
    lo = max(pa, open_pos - _LOOKBACK)
    m = clause.search(text, lo, open_pos)
    if m is None:
        m = led.search(text, lo, open_pos)
        if m is not None and foreign.search(text, m.end("who"), m.end()):
            return None
    if m is None or in_spans(m.start(), masked) or blocker.search(m.group(0)):
        return None
    if q.speaker_np is not None and q.speaker_np[0] > m.start():
        nxt = _SPACE.match(text, q.speaker_np[1]).end()
        if q.speaker_np[0] >= open_pos or rules.speech_re.match(text, nxt):
            return None  # "I think Doe said: “…”" is Doe's
    return " ".join(m.group(0).strip(" ,:—–").split())[:40]


def give_to_author(doc: Doc, quotes: list[Quote], masked) -> None:
    """Set the author (`doc.author`, one person) as the speaker of the direct quotes the writer
    introduces in the first person (`first_person_cue`), over what the cues found."""
    name = author_name(doc.author)
    if name is None:
        return
    for q in quotes:
        if q.kind not in ("full", "partial") or q.nested:
            continue
        cue = first_person_cue(doc, q, masked)
        if cue is not None:
            q.speaker_text, q.speaker, q.cue = name, None, cue
            q.method, q.confidence = METHOD, 0.7
