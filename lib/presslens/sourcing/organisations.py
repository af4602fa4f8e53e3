"""An organisation a quote names in short is the one the article named in full before it.

"The agency said, “…”" after "reached out to the Department of Transportation" is the
Department of Transportation; "the Institute’s release added" after "The Venezuelan Institute
for Culture and Cooperation opened …" is that institute; "HCA said" after "HCA Healthcare, one
of the largest hospital systems" is HCA Healthcare. `named_before` finds that earlier full name
in the running text (never in a heading line).
"""

from __future__ import annotations

import re

from .document import FUNCTION_WORDS, Doc, np_word

_INITIALS = re.compile(r"(?:\b\w\.){2,}$")
_LEAD = FUNCTION_WORDS | {"the", "a", "an"}
#: How far on either side of the short name its full name can reach, and how many of the
#: latest places the short name stands are tried: the search stays linear in the article.
NAME_REACH = 200
MAX_PLACES = 20

#: A word, or any other mark (a digit, a comma, a quote mark, a line break) that ends a name.
_WORD = re.compile(r"[^\W\d_][\w&.\-’']*|&|\S|\n")


def _runs(text: str, lo: int, hi: int, connectors: set[str]):
    """`(start, end, words)` of each run of two capitalised words or more in `text[lo:hi]`, on
    one line, with the language's `name_connectors` ("of", "for", "and") allowed between."""
    run: list[str] = []
    start = end = lo
    for m in _WORD.finditer(text, lo, hi):
        w = m.group(0)
        if w[:1].isupper() or (run and w.lower() in connectors):
            if not run:
                start = m.start()
            run.append(w)
            end = m.end() if w[:1].isupper() else end
            continue
        while run and not run[-1][:1].isupper():
            run.pop()
        if len(run) >= 2:
            yield start, end, run
        run = []
    while run and not run[-1][:1].isupper():
        run.pop()
    if len(run) >= 2:
        yield start, end, run


def in_full(doc: Doc, surface: str, key: str, pos: int) -> str | None:
    """The full name given before `pos` of an organisation a speaker phrase names in short:
    one word, an organisation word ("Institute") or an acronym ("HCA"), or a bare referring
    head in a language without articles ("ведомство"); None otherwise."""
    rules = doc.rules
    words = key.split()
    if len(words) != 1:
        return None
    w = np_word(words[0])
    if w in rules.organisation_words or (2 <= len(w) <= 6 and w.isupper() and w.isalpha()):
        return named_before(doc, pos, w)
    if surface.strip().lower() in rules.referring_heads - rules.document_heads:
        return named_before(doc, pos)
    return None


def named_before(doc: Doc, pos: int, word: str | None = None) -> str | None:
    """The latest full organisation name before `pos` in running text: one holding `word`
    (any case; an acronym must open it) with at least one more word; with no `word` ("the
    agency"), one holding an organisation word, in the paragraph of `pos` or the one before."""
    text = doc.text
    if word is None:
        lo = doc.paras[max(0, doc.para_of(pos) - 1)][0]
        return _best(doc, _runs(text, lo, pos, doc.rules.name_connectors), pos, None)
    # only around the latest places where the word stands (an article may be one long line)
    hits = list(re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text[:pos], re.IGNORECASE))
    for h in reversed(hits[-MAX_PLACES:]):
        lo = max(text.rfind("\n", 0, h.start()) + 1, h.start() - NAME_REACH)
        hi = text.find("\n", h.end())
        hi = min(len(text) if hi < 0 else hi, h.end() + NAME_REACH)
        runs = _runs(text, lo, hi, doc.rules.name_connectors)
        found = _best(doc, (r for r in runs if r[0] <= h.start() < r[1]), pos, word)
        if found:
            return found
    return None


def _best(doc: Doc, runs, pos: int, word: str | None) -> str | None:
    """The latest of `runs` that ends before `pos` and names an organisation (see
    `named_before`)."""
    rules = doc.rules
    low = word.lower() if word else None
    best = None
    for start, end, words in runs:
        if end > pos:
            break
        while words and np_word(words[0]).lower() in _LEAD:
            words = words[1:]  # "When HCA Healthcare", "THE VENEZUELAN INSTITUTE for …"
        words = [np_word(w) or w for w in words]
        if low is not None:
            at = next((i for i, w in enumerate(words) if w.lower() == low), None)
            if at is None or (word.isupper() and at != 0):
                continue
        elif not any(w in rules.organisation_words for w in words):
            continue
        if len(words) < 2 or doc.in_heading(start):
            continue
        best = " ".join(words)
        if best.endswith(".") and not _INITIALS.search(best):
            best = best[:-1]  # the sentence's full stop, not an abbreviation's ("U.S.")
    return best
