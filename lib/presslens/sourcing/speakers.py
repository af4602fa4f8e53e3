"""Who speaks: the cues that point at a quote's speaker (speech verbs before or after it,
"according to", a colon, a passive "by", a dash), and the attribution of each direct quote; the
speaker's noun phrase itself is found by `phrases`. The words come from the speech lexicon (`speech.rules()`), passed in as
`rules` or carried by the `Doc`."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from .document import (
    DOUBLE,
    SINGLE,
    TIME_WORDS,
    Doc,
    Quote,
    in_spans,
    np_word,
    space_tokens,
)
from .names import person_name
from .phrases import clean_np, np_after, sentence_subject, subject_before

# --------------------------------------------------------------------------------------------
# Cues


_DASH_NAME = re.compile(r"\s*(?:[\u2012-\u2015]|--?)\s*")


def _cue_after(doc: Doc, close_pos: int, sent_end: int):
    """“…,” NP cue  |  “…,” cue NP  |  “…,” NP, <appositive>, cue  |  “…” ― NP."""
    text, rules = doc.text, doc.rules
    pos = close_pos + 1
    while pos < sent_end and (text[pos] in ",;" or text[pos] in DOUBLE + SINGLE):
        pos += 1
    if text[pos : pos + 1] == "." and _DASH_NAME.match(text, pos + 1, sent_end):
        pos += 1  # “…”. – Jane Doe: a stop between the mark and the credit
    dash = _DASH_NAME.match(text, pos, sent_end)
    if dash and dash.end() > pos:
        named = _dash_name(doc, dash.end())
        if named:
            return named
        pos = dash.end()  # «…», — сказал X: a dash before the speech verb
    while pos < sent_end and text[pos].isspace():
        pos += 1
    rest = text[pos:sent_end]
    m = rules.cue_after_re.match(rest)
    if m:  # inverted: said Doe / says celebrity planner Jane Doe, …
        a = pos + m.end()
        np_span = speaker_after(rules, text, a, sent_end)
        if np_span:
            return np_span, m.group("cue").split()[0]
        return None
    trailing = rules.trailing_cue_re.search(text, pos, sent_end)
    if trailing and trailing.start() > pos:
        # “…” in healthy people, says Doe.  /  “…” it should stop, Doe says.
        group = "np" if trailing.group("np") else "np2"
        a = trailing.start(group)
        np_span = np_after(rules, text, a, trailing.end(group) + 1)
        if np_span is None and trailing.group("cue"):
            np_span = described_name(rules, text, a, sent_end)
        if np_span:
            return np_span, trailing.group("cue") or trailing.group("cue2")
    run_end = pos
    for k, t in enumerate(space_tokens(text, pos, sent_end, 12)):
        core = np_word(t[2])
        low = core.lower()
        cm = rules.cue_after_re.match(text[t[0] : sent_end])
        if cm and k > 0:
            return _np_with_cue(rules, text, pos, run_end, cm)
        if low in {"also", "later", "then"}:
            continue
        if not rules.is_np_token(t[2], k == 0):
            return None
        if t[2].endswith(","):
            # "Jane Doe, a spokeswoman for the campaign, said"
            app = rules.appositive_cue_re.match(text, t[1], sent_end)
            return _np_with_cue(rules, text, pos, t[1], app) if app else None
        run_end = t[1]
    return None


_DESCRIBED = re.compile(r"(?:[a-z][\w’'\-]*\s+){1,5}?(?=[A-Z])")


def described_name(rules, text: str, a: int, limit: int):
    """ "celebrity party planner Jane Doe", "theCUBE’s Jane Doe": lower-case words before a
    name, after an inverted speech verb; the phrase when it ends in a person's name."""
    while a < limit and text[a].isspace():
        a += 1
    d = _DESCRIBED.match(text, a, limit)
    if not d:
        return None
    name = np_after(rules, text, d.end(), limit)
    if name is None or not rules.valid_speaker(text[name[0] : name[1]]):
        return None
    words = text[name[0] : name[1]].split()
    return (a, name[1]) if len(words) >= 2 else None


def speaker_after(rules, text: str, a: int, limit: int):
    """The speaker named after an inverted verb or "according to" at `a`: a noun phrase
    ("Sen. Jane Doe"), a described name ("celebrity planner Jane Doe") or a name after its
    titles ("MIT computer science professor Jane Doe", "longtime Acme contributor Jane Doe")."""
    np_span = np_after(rules, text, a, limit) or described_name(rules, text, a, limit)
    titled = _titled_name(rules, text, a, limit)
    if titled and (np_span is None or titled[1] > np_span[1]):
        return titled
    return np_span


_PHRASE_END = re.compile(r"[,;:!?()]|\.(?=\s|$)")


def _titled_name(rules, text: str, a: int, limit: int):
    """ "MIT computer science professor Jane Doe": up to eight words before a comma or a full
    stop that end in a person's name after a role word (`names.person_name`), or None."""
    while a < limit and text[a].isspace():
        a += 1
    stop = _PHRASE_END.search(text, a, limit)
    b = stop.start() if stop else limit
    phrase = text[a:b].rstrip()
    if not 3 <= len(phrase.split()) <= 8:
        return None
    name = person_name(rules, phrase)
    return (a, a + len(phrase)) if name and phrase.endswith(name) else None


def _np_with_cue(rules, text: str, a: int, b: int, cue: re.Match | None):
    """The speaker noun phrase in `text[a:b]` and the cue word of `cue`, or None."""
    np_span = clean_np(text, list(space_tokens(text, a, b)))
    if cue and np_span and rules.valid_speaker(text[np_span[0] : np_span[1]]):
        return np_span, cue.group("cue").split()[0]
    return None


def _dash_name(doc: Doc, a: int):
    """“…” ― Mary Oliver: a name after a dash that ends the paragraph (or is followed by its
    description after a comma or in brackets), with no speech verb."""
    text = doc.text
    pb = doc.paras[doc.para_of(a)][1]
    np_span = np_after(doc.rules, text, a, pb)
    if np_span is None:
        return None
    after = text[np_span[1] : pb].lstrip()
    words = text[np_span[0] : np_span[1]].split()
    place = after.split()
    if len(place) == 2 and place[0].isalpha() and place[0].islower() and len(place[0]) <= 4:
        after = "" if place[1][:1].isupper() else after  # ― Jane Doe at Acme: where she said it
    if after[:1] not in {"", ",", "("} or not any(w[:1].isupper() for w in words):
        return None
    return np_span, "—"


_CREDIT_END = re.compile(r"\s*(?:,|\(|$)")


def _credit_line(doc: Doc, k: int):
    """A quote paragraph's speaker from a credit line after it, with no verb: "— Jane Doe" or
    "Jane Doe, CEO of Acme (on an earnings call)"."""
    if k >= len(doc.paras):
        return None
    text, (a, b) = doc.text, doc.paras[k]
    line = text[a:b].rstrip()
    if len(line.split()) > 30 or line.endswith((".", "!", "?")):
        return None  # a sentence (a caption: "Jane Doe, a resident, stands by …"), no credit
    dash = _DASH_NAME.match(text, a, b)
    if dash and dash.end() > a:
        named = _dash_name(doc, dash.end())
        return (named[0], "—", "credit-line", 0.8) if named else None
    np_span = np_after(doc.rules, text, a, b)
    if np_span is None or not _CREDIT_END.match(text, np_span[1], b):
        return None
    if not doc.resolver.is_person(text[np_span[0] : np_span[1]]):
        return None
    return np_span, None, "credit-line", 0.8


def _cue_before(doc: Doc, lo: int, open_pos: int, masked: list[tuple[int, int]], *, broad: bool):
    """The speaker of a quote from the text before it in its sentence."""
    text, rules = doc.text, doc.rules
    seg = text[lo:open_pos]
    # "according to NP" anywhere before
    for m in reversed(
        list(rules.according_re.finditer(seg)) if rules.mentions_according(seg) else []
    ):
        a = lo + m.end()
        np_span = speaker_after(rules, text, a, open_pos)
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
        if np_span and _colon_speaker(doc, lo, np_span):
            return np_span, ":", "colon", 0.8
    return None


_LABEL_LEAD = re.compile(r"[\s\W\d]*")


def _colon_speaker(doc: Doc, lo: int, np_span: tuple[int, int]) -> bool:
    """Whether the phrase before a colon with no verb ("Jane Doe: “…”") can be the speaker: it
    is the whole label (it opens its sentence, not "Doe et al., Introduction:" nor "Sleep & Body
    Edit:"), and no heading of the article reads the same ("Introduction", "3. Acme Style Box":
    a section or a product the quote is about, not its speaker)."""
    text = doc.text
    if _LABEL_LEAD.fullmatch(text, lo, np_span[0]) is None or "(" in text[lo : np_span[0]]:
        return False
    label = text[np_span[0] : np_span[1]].lower()
    return label not in doc.headings()


def _speech_noun(doc: Doc, lo: int, open_pos: int, masked):
    """ "in Doe’s words, a “…”", "Doe’s description of it as one that “…”": the name whose
    words (`speech_nouns`) the sentence gives the quote to, the last one before the quote."""
    text, rules = doc.text, doc.rules
    for m in reversed(list(rules.speech_noun_re.finditer(text, lo, open_pos))):
        owner = m.group("owner") is not None
        a, b = m.span("owner" if owner else "named")
        if not in_spans(a, masked) and rules.valid_speaker(text[a:b]):
            return (a, b), m.group("noun" if owner else "noun2"), "speech-noun", 0.7
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
        np_span = subject_before(rules, text, lo, vs) or _coordinated_subject(doc, lo, vs)
        if np_span:
            conf = 0.9 if rules.speech_re.fullmatch(word) else 0.75
            colon = text[lo + m.end() : open_pos].rstrip().endswith(":")
            return np_span, word, "colon" if colon else "cue-before", conf
    return None


def _coordinated_subject(doc: Doc, lo: int, vs: int):
    """ "Doe tried the box for a year and shared, “…”", "He set it up, and then just told it
    “…”": a speech verb right after a conjunction (`verb_conjunctions`) shares the subject that
    opens its sentence, unless a subordinate or relative clause opens after a comma between
    them and runs on to the conjunction (`subordinators`: "Doe visited the site, while her
    rivals stayed home and said “…”"); one a comma closes first only describes ("Doe, who runs
    the shop, tried the box and said “…”")."""
    rules, text = doc.rules, doc.text
    m = rules.verb_conjunction_re.search(text, max(lo, vs - 30), vs)
    np_span = sentence_subject(rules, text, lo, vs) if m else None
    if not np_span or np_span[1] >= m.start():
        return None
    for sub in rules.subordinator_re.finditer(text, np_span[1], m.start()):
        if "," not in text[sub.end() : m.start()]:
            return None  # the conjoined verb is the subordinate clause's, with its own subject
    return np_span


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
        later = _unnested_between(doc, marked, q.start, end)
        own = [q]
        if _SENTENCE_CLOSED.match(text, q.close_pos + 1) and text[q.start : q.end][-1:] in ".!?":
            # “… levels.” A study shows “…,” says Doe: Doe's cue is not this quote's; nor is
            # a long sentence's, or one with a quote of its own (“…” Doe agreed that …, “…”)
            later = [q]
            if len(text[q.close_pos + 1 : end].split()) > 12 or any(
                o.start > q.end and o.close_pos < end for o in marked
            ):
                own = later = []
        for o in own + [o for o in later if o is not q]:
            found = _cue_after(doc, o.close_pos, end)
            if found:
                found = (*found, "cue-after", 0.95 if o is q else 0.85)
                break
    if not found:
        found = _split_half(doc, q, marked)
    if not found:
        found = _cue_before(doc, sa, q.open_pos, masked, broad=True)
    if not found and q.close_pos < end:
        acc = rules.according_re.search(text, q.close_pos, end)
        if acc and not in_spans(acc.start(), masked):
            np_span = np_after(rules, text, acc.end(), end)
            if np_span:
                found = (np_span, cue_phrase(acc), "according-to", 0.8)
    if not found:
        found = _speech_noun(doc, sa, q.open_pos, masked)
    if not found and q.kind == "partial":
        found = _subject_fallback(doc, sa, q.open_pos)
    if not found and sa > pa:
        found = _cue_earlier(doc, pa, sa, masked, marked)
    if not found and q.open_pos == pa and doc.para_of(pa) > 0:
        # "Doe shared her opinion:" closing the paragraph before a quote paragraph
        ppa, ppb = doc.paras[doc.para_of(pa) - 1]
        if text[ppa:ppb].rstrip().endswith(":"):
            ps, _ = doc.sent_bounds(max(ppa, ppb - 2))
            found = _cue_before(doc, ps, ppb, masked, broad=True)
    if not found and q.open_pos == pa and end == pb:
        found = _credit_line(doc, doc.para_of(pa) + 1)
    if found:
        np_span, cue, method, conf = found
        q.speaker_np, q.cue, q.method, q.confidence = np_span, cue, method, conf
    elif q.open_pos == pa:
        q.method = "continuation"
    if q.flags == "unclosed":
        q.confidence *= 0.7


def _split_half(doc: Doc, q: Quote, marked: list[Quote]):
    """The second half of a split quote ("“A,” said X, “B.”", "“A,” X, a farmer, said, “B”",
    "«A», — сказал X, — «B»", "«A, — сказал X. — B»"): the speaker the clause between the
    halves gives the first half, when nothing but that clause (no other verb of speech) stands
    between them; a full stop ends it only between two pairs of marks."""
    text, rules = doc.text, doc.rules
    prev = _last_closed_before(doc, marked, q.open_pos)
    if prev is None or prev.speaker_np is None or prev.method != "cue-after":
        return None
    a, b = prev.speaker_np
    if not prev.close_pos < a < q.open_pos or doc.para_of(prev.close_pos) != q.paragraph:
        return None
    gap = text[b : q.open_pos]
    if _SPLIT_END.search(gap) is None or (_SENTENCE_STOP.search(gap) and not q.interrupted):
        return None  # “A,” X said. “B”: another sentence (`_cue_earlier`'s case)
    verbs = [
        m.group(0) for m in rules.attribution_re.finditer(text, prev.close_pos + 1, q.open_pos)
    ]
    if any(v != prev.cue and not v.endswith("ing") for v in verbs):
        return None  # “A,” said X, while Y called it “B”
    return prev.speaker_np, prev.cue, "cue-after", 0.9


def _index(doc: Doc, marked: list[Quote]):
    """The article's quotes (`marked`, in order of start) indexed once for bisection (a scan
    per quote is quadratic in a page of many quotes): their starts, and the closing positions
    of those not nested in order with the latest list position among those closing so far."""
    index = getattr(doc, "_marked_index", None)
    if index is None or index[0] is not marked or index[1] != len(marked):
        pairs = sorted((o.close_pos, i) for i, o in enumerate(marked) if not o.nested)
        latest = list(accumulate((i for _, i in pairs), max))
        starts = [o.start for o in marked]
        index = doc._marked_index = (marked, len(marked), starts, [c for c, _ in pairs], latest)
    return index


def _unnested_between(doc: Doc, marked: list[Quote], lo: int, end: int) -> list[Quote]:
    """The quotes of `marked` not nested that start at `lo` or later and close before `end`."""
    starts = _index(doc, marked)[2]
    out = []
    for k in range(bisect.bisect_left(starts, lo), len(marked)):
        o = marked[k]
        if o.start >= end:
            break
        if o.close_pos < end and not o.nested:
            out.append(o)
    return out


def _last_closed_before(doc: Doc, marked: list[Quote], pos: int) -> Quote | None:
    """The last quote of `marked` (in its order) not nested that closes before `pos`."""
    _, _, _, closes, latest = _index(doc, marked)
    k = bisect.bisect_left(closes, pos)
    return marked[latest[k - 1]] if k else None


#: How the clause between the halves of a split quote ends: a comma, a colon or a dash.
_SPLIT_END = re.compile(r"[,:\u2013\u2014-]\s*$")


def _cue_earlier(doc: Doc, pa: int, sa: int, masked, marked: list[Quote]):
    """The speaker of an earlier sentence of the paragraph ("“A,” X said. “B.”", "“A,” said
    X. “B.”", "X said the talks failed. “B.”", "According to X, …. “B.”"): the speaker after its
    last quote, or the one its speech verb or "according to" names, nearest sentence first."""
    for a, b in reversed([s for s in doc.sents if pa <= s[0] and s[1] <= sa][-3:]):
        closes = [o.close_pos for o in marked if a <= o.close_pos < b and not o.nested]
        hit = _cue_after(doc, closes[-1], b) if closes else None
        if hit:
            return hit[0], hit[1], "cue-earlier", 0.75
        hit = _cue_before(doc, a, b, masked, broad=False)
        if hit:
            return hit[0], hit[1], "cue-earlier", 0.75
    return None


#: After a quote that ends its sentence, the reporter's next sentence ("” A small study …").
_SENTENCE_CLOSED = re.compile(r"\s+[A-Z]")
_SENTENCE_STOP = re.compile(r"[.!?։](?=[\s”\"’»]*(?:\s|$))")
_ABBREV_STOP = re.compile(r"(?:\b[A-Z]|\b(?P<word>[A-Z][a-z]{1,5}))\.$")


def _attribution_end(doc: Doc, pos: int, pb: int) -> int:
    """Where the reporter's words after a closing mark at `pos` end: the first full stop after
    the mark (not after an initial or a title), else the paragraph's end `pb`.

    Not `text.sentence_spans`: a quote that is a whole sentence ends its sentence at its own
    full stop (“We are ready.” Doe said.), and its speaker stands in the words after it."""
    text = doc.text
    m = _SENTENCE_STOP.search(text, pos + 1, pb)
    if m and m.start() == pos + 1 and _DASH_NAME.match(text, m.end(), pb):
        m = _SENTENCE_STOP.search(text, m.end(), pb)  # “…”. – Jane Doe: the credit is the quote's
    while m and _abbreviation_dot(doc.rules, text[max(0, m.start() - 7) : m.end()]):
        m = _SENTENCE_STOP.search(text, m.end(), pb)
    return m.end() if m else pb


def _abbreviation_dot(rules, s: str) -> bool:
    """Whether `s` ends with an initial's or a title's dot ("J.", "Sen.")."""
    m = _ABBREV_STOP.search(s)
    return bool(m) and (not m.group("word") or m.group("word").lower() in rules.honorific_words)


def cue_phrase(m: re.Match) -> str:
    """A matched cue phrase ("According  to") as the cue it records ("according to")."""
    return " ".join(m.group(0).lower().split())
