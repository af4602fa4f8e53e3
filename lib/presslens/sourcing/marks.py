"""Quote marks: pairing them into quotes whatever their glyphs, recovering quotes whose closing or
opening mark is missing, quotes inside quotes, and posts embedded with a "— Name (@handle) date"
line. Their kinds (title, scare, speech) are told in `kinds`."""

from __future__ import annotations

import re

from presslens.text import STOP_WORDS

from .document import DOUBLE, SINGLE, Doc, Quote, trim
from .kinds import title_like
from .phrases import subject_before

_OPEN_ONLY = "\u201e\u00ab\u201a\u2039"  # „ « ‚ ‹ never close in the languages we read
_CLOSE_PUNCT = set(".,;:!?)]}\u2014\u2013-/…")
_CLOSE_NOT_HYPHEN = _CLOSE_PUNCT - {"-"}
_OPEN_PUNCT = set("([{\u2014\u2013-/")
_ALL_MARKS = set(DOUBLE + SINGLE)
_DOUBLE_RE = re.compile("[" + re.escape(DOUBLE) + "]")
_SINGLE_RE = re.compile("[" + re.escape(SINGLE) + "]")


def _is_space(c: str) -> bool:
    return c == "" or c.isspace()


def _flanks(text: str, i: int) -> tuple[bool, bool]:
    """(can open, can close) for the mark at `i`, from the characters around it."""
    p = text[i - 1] if i > 0 else ""
    n = text[i + 1] if i + 1 < len(text) else ""
    ellipsis = n == "\u2026" or text[i + 1 : i + 4] == "..."  # “…low-ball estimates”
    can_open = not _is_space(n) and n not in _CLOSE_NOT_HYPHEN or n in _ALL_MARKS or ellipsis
    can_open = can_open and (_is_space(p) or p in _OPEN_PUNCT or p in _ALL_MARKS)
    can_close = not _is_space(p) and p not in _OPEN_PUNCT
    can_close = can_close and (_is_space(n) or n in _CLOSE_PUNCT or n in _ALL_MARKS)
    if text[i] in _OPEN_ONLY:
        can_close = can_close and text[i] in "\u00bb\u203a"
    return can_open, can_close


_EMBED_LINE = re.compile(
    r"^\s*[-\u2010-\u2015]{1,2}\s*(?P<name>[^()\n]{2,80}?)\s*\(@(?P<handle>\w{1,30})\)"
    r"\s*(?P<date>[^\n]{0,60})$"
)


def _cut_unclosed(doc: Doc, o: int, limit: int) -> tuple[int, int]:
    """Where a quote opened at `o` with no closing mark most plausibly ends (before `limit`)."""
    text = doc.text
    a, b = trim(text, o + 1, limit)
    content = text[a:b]
    # 1. The reporter resumes with a speech clause ("… while the other side replied").
    for m in doc.rules.attribution_re.finditer(content):
        if m.start() < 15:
            continue
        np_span = subject_before(doc.rules, text, a, a + m.start())
        if np_span is not None:
            cut = np_span[0]
            before = text[a:cut].rstrip()
            before = re.sub(r"(?:\s+|^)(?:while|and|but|whereas|as|when)$", "", before)
            before = before.rstrip(" ,;:")
            if len(before) > 10:
                return trim(text, a, a + len(before))
            break
    # 2. A phrase woven into the reporter's sentence ends at the first clause break.
    prev = text[max(0, o - 2) : o].strip()
    woven = content[:1].islower() or (prev and prev[-1] not in ":")
    if woven and content[:1].islower():
        m = re.search(r"[,;:]\s|\s[\u2013\u2014-]\s|[.!?](?:\s|$)", content)
        if m and m.start() > 3:
            end = a + m.start() + (1 if content[m.start()] in ".!?" else 0)
            return a, end
    return a, b


def find_marked(doc: Doc) -> list[Quote]:
    """Direct quotes delimited by double marks (any style), paired left to right."""
    text = doc.text
    out: list[Quote] = []
    marks = [m.start() for m in _DOUBLE_RE.finditer(text)]
    flank = {i: _flanks(text, i) for i in marks}
    open_at: int | None = None
    open_para = -1
    continued = False  # the open quote continues from an earlier paragraph
    skip: set[int] = set()

    def close_unclosed(limit: int) -> None:
        nonlocal open_at
        a, b = _cut_unclosed(doc, open_at, limit)
        if b > a:
            out.append(
                Quote(a, b, flags="unclosed", open_pos=open_at, close_pos=b, paragraph=open_para)
            )
        open_at = None

    for k, i in enumerate(marks):
        if i in skip:
            continue
        para = doc.para_of(i)
        if open_at is not None and para != open_para:
            # The quote is still open at its paragraph's end: news style continues it when the
            # next paragraph opens with a mark; otherwise the closing mark is missing.
            nxt = open_para + 1
            if nxt < len(doc.paras):
                na = doc.paras[nxt][0]
                if text[na] in DOUBLE and flank[na][0] and na not in skip:
                    open_para = nxt
                    continued = True
                    skip.add(na)
                    if i == na:
                        continue
                    para = doc.para_of(i)
            if para != open_para:
                close_unclosed(doc.paras[open_para][1])
        can_open, can_close = flank[i]
        if open_at is None:
            if can_open:
                open_at, open_para, continued = i, para, False
            elif can_close:
                q = _title_without_opening(doc, i)
                if q is not None:
                    out.append(q)
            continue
        if can_close and i > open_at + 1:
            a, b = trim(text, open_at + 1, i)
            if b > a:
                q = Quote(a, b, open_pos=open_at, close_pos=i, paragraph=doc.para_of(open_at))
                if continued:
                    q.flags = "continued"
                out.append(q)
            open_at = None
        elif can_open:
            inner = _inner_pair(doc, marks, flank, k)
            if inner is not None:  # “… from “A” to B …”: a quote inside the open one
                out.append(inner)
                skip.add(inner.close_pos)
                continue
            close_unclosed(i)
            open_at, open_para, continued = i, para, False
    if open_at is not None:
        close_unclosed(doc.paras[open_para][1])
    return [q for q in out if not _code_literal(text, q)]


def _inner_pair(doc: Doc, marks: list[int], flank: dict, k: int) -> Quote | None:
    """The quote inside an open quote that uses the same double marks (“… the shift from
    “app use” to services, …,” said Doe): the opening mark `marks[k]` within the open quote is
    followed, in its paragraph, by a closing mark within a few words and then by another mark
    that only closes (the open quote's own). None otherwise: a quote whose closing mark is
    missing before the next quote opens."""
    if k + 2 >= len(marks):
        return None
    text = doc.text
    i, j, last = marks[k], marks[k + 1], marks[k + 2]
    pa, pb = doc.paras[doc.para_of(i)]
    if last >= pb or j - i > _INNER_MAX or not flank[j][1] or flank[j][0]:
        return None
    if not flank[last][1] or flank[last][0]:
        return None
    a, b = trim(text, i + 1, j)
    if b <= a:
        return None
    return Quote(a, b, open_pos=i, close_pos=j, paragraph=doc.para_of(i), nested=True)


_INNER_MAX = 80  # characters: an inner quote is a term or a short phrase


def _code_literal(text: str, q: Quote) -> bool:
    """Whether a quote is a string literal in code, its opening mark right after a function
    call's parenthesis (`printf("…")`, `NODE("…")`): no one's words."""
    o = q.open_pos
    return o >= 2 and text[o - 1] == "(" and (text[o - 2].isalnum() or text[o - 2] == "_")


def _title_without_opening(doc: Doc, i: int) -> Quote | None:
    """A closing mark right after a Capitalised name whose opening mark was lost."""
    text = doc.text
    pa = doc.paras[doc.para_of(i)][0]
    words = list(re.finditer(r"[^\s“”\"‘’«»„]+", text[pa:i]))
    run: list[re.Match] = []
    for m in reversed(words):
        w = m.group(0).strip(",;:")
        if w != m.group(0) and run:
            break
        if w[:1].isupper() and not (run == [] and w.lower() in STOP_WORDS):
            run.insert(0, m)
        elif w.lower() in {"of", "for", "and", "on"} and run:
            run.insert(0, m)
        else:
            break
    while run and run[0].group(0).lower() in {"of", "for", "and", "on", "the"}:
        run.pop(0)
    if len([m for m in run if m.group(0)[:1].isupper()]) < 2:
        return None
    a, b = pa + run[0].start(), pa + run[-1].end()
    return Quote(a, b, kind="title", flags="no-opening", open_pos=a, close_pos=i,
                  paragraph=doc.para_of(i))  # fmt: skip


def find_single(doc: Doc, doubles: list[Quote]) -> list[Quote]:
    """Quotes in single marks; apostrophes (the country’s, we’ve, ministers’) are not marks."""
    text = doc.text
    out: list[Quote] = []
    covered = [(q.open_pos, q.close_pos) for q in doubles]
    taken = [(q.start, q.end) for q in doubles]

    def enclosing(i: int):
        for a, b in covered:
            if a < i < b:
                return a, b
        return None

    cands = []
    for mark in _SINGLE_RE.finditer(text):
        i, c = mark.start(), mark.group(0)
        p = text[i - 1] if i else ""
        n = text[i + 1] if i + 1 < len(text) else ""
        if p.isalnum() and n.isalnum():
            continue  # apostrophe inside a word
        can_open, can_close = _flanks(text, i)
        if c == "\u2019" and can_open and not can_close:
            can_open = p == "" or p.isspace()  # ’ opens only in odd typography
        cands.append((i, can_open and n.isalpha(), can_close))
    k = 0
    while k < len(cands):
        i, can_open, _ = cands[k]
        if not can_open or any(a <= i < b for a, b in taken if enclosing(i) is None):
            k += 1
            continue
        para = doc.para_of(i)
        pb = doc.paras[para][1]
        env = enclosing(i)
        limit = env[1] if env else pb
        j = next(
            (
                m
                for m in range(k + 1, len(cands))
                if cands[m][2] and cands[m][0] < limit and cands[m][0] > i + 1
            ),
            None,
        )
        if j is not None:
            e = cands[j][0]
            a, b = trim(text, i + 1, e)
            out.append(Quote(a, b, open_pos=i, close_pos=e, paragraph=para, nested=bool(env)))
            k = j + 1
            continue
        if env is not None:
            a, b = trim(text, i + 1, env[1])
            if title_like(text[a:b]):
                out.append(
                    Quote(
                        a,
                        b,
                        kind="title",
                        flags="unclosed",
                        open_pos=i,
                        close_pos=b,
                        paragraph=para,
                        nested=True,
                    )  # fmt: skip
                )
        k += 1
    return out


def find_embeds(doc: Doc) -> list[tuple[Quote, re.Match, tuple[int, int]]]:
    """Post text followed by a "— Name (@handle) date" line."""
    text = doc.text
    out = []
    for k, (a, b) in enumerate(doc.paras):
        m = _EMBED_LINE.match(text[a:b])
        if not m or k == 0:
            continue
        pa, pb = doc.paras[k - 1]
        if _EMBED_LINE.match(text[pa:pb]):
            continue
        q = Quote(pa, pb, kind="embed", open_pos=pa, close_pos=pb, paragraph=k - 1)
        # Marks around the whole post are not part of its text.
        while q.end - q.start > 2 and text[q.start] in DOUBLE and text[q.end - 1] in DOUBLE:
            q.start, q.end = trim(text, q.start + 1, q.end - 1)
        out.append((q, m, (a, b)))
    return out


#: The reporter's words inside one pair of marks, set off by dashes (the Russian way of
#: interrupting a quote): «A, — сказал X. — B», «A? — спросила X, — B». The first half ends with
#: a comma, a question or exclamation mark or an ellipsis before its dash; a dash inside the
#: quote without one («Это — победа») is the speaker's own. A hyphen between spaces stands for
#: a dash in plain typography («A, - сказал X. - B»).
_INTERRUPTION = re.compile(
    r"(?<=[,!?…])[ \t]+[\u2013\u2014-][ \t]+"
    r"(?P<attr>(?:(?![ \t]-[ \t])[^\u2013\u2014\n]){3,160}?)[,.:][ \t]+[\u2013\u2014-][ \t]+(?=\S)"
)


#: The most splits one quote takes: beyond that its marks hold no speaker's words but a
#: hostile or broken page's, and the quote stays whole.
_MAX_SPLITS = 50
_WORD = re.compile(r"\w+")


def _reporters_words(rules, attr: str) -> bool:
    """Whether the words between the dashes are the reporter's attribution (— сказал X. —),
    not the speaker's own aside (— как я сказал вчера, —): a speech verb, and neither an
    aside's opening word nor the speaker's "I"/"we"."""
    if not rules.attribution_re.search(attr):
        return False
    words = [w.lower() for w in _WORD.findall(attr)]
    if words and words[0] in rules.aside_openers:
        return False
    return not rules.own_pronouns.intersection(words)


def split_interrupted(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """Quotes whose one pair of marks holds the reporter's words between dashes, split into
    the two halves the speaker said, as a split quote in two pairs of marks is (“A,” said X,
    “B.”): the first half ends before the dash, the second opens at the dash after the
    attribution, so the attribution stands between them as it would between two quotes. Only
    in a language whose typography does so (`interrupted_quotes` in speech.yaml), when the
    words between the dashes hold a verb of speech and are not the speaker's own aside
    (`_reporters_words`), and at most `_MAX_SPLITS` times per quote."""
    rules = doc.rules
    if not rules.interrupted_quotes:
        return quotes
    out: list[Quote] = []
    text = doc.text
    for q in quotes:
        if q.kind == "title":
            out.append(q)
            continue
        cuts = []
        pos = q.start
        while len(cuts) <= _MAX_SPLITS:
            m = _INTERRUPTION.search(text, pos, q.end)
            if m is None:
                break
            if _reporters_words(rules, m.group("attr")):
                cuts.append(m)
            pos = m.end() if m.end() > pos else pos + 1
        if not cuts or len(cuts) > _MAX_SPLITS:
            out.append(q)
            continue
        start, open_pos = q.start, q.open_pos
        for k, m in enumerate(cuts + [None]):
            end, close_pos = (m.start(), m.start()) if m else (q.end, q.close_pos)
            out.append(Quote(start, end, kind=q.kind, open_pos=open_pos, close_pos=close_pos,
                             paragraph=q.paragraph, flags=q.flags, nested=q.nested,
                             interrupted=k > 0 or q.interrupted))  # fmt: skip
            if m:
                start, open_pos = m.end(), m.end() - 1
    return out
