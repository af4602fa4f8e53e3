"""Splitting a page into paragraph candidates, and the repairs made inside one paragraph.

`split_paragraphs` turns a page's text into candidates in page order (blank-line separated or
one per line; hard-wrapped blocks joined back). `split_meta_run` cuts a metadata run glued to a
title and lead ("World, News May 4, 2023 No Comments on <title><lead>"); `repair` removes
inline embed artefacts (`pic.twitter.com/...`).
"""

from __future__ import annotations

import re

from .datelines import DATE_RX, META_PREFIX_RX, META_RUN_RX
from .rules import GLUE, INLINE_ARTEFACTS, SENTENCE_END, STRIP_CHARS, TERMINAL_END

_TERMINAL_END = re.compile(TERMINAL_END)
_SENTENCE_END = re.compile(SENTENCE_END)
_INLINE_ARTEFACTS = re.compile(INLINE_ARTEFACTS, re.IGNORECASE)
_GLUE = re.compile(GLUE)


def ends_sentence(text: str) -> bool:
    """True when `text` ends like a sentence (a full stop, ?, ! or … in any script)."""
    return bool(_SENTENCE_END.search(text[-8:]))


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when a block of lines looks like one paragraph wrapped at a fixed width."""
    if len(lines) < 3:
        return False
    body = lines[:-1]
    lengths = [len(x) for x in body]
    longest = max(lengths)
    if not 40 <= longest <= 110 or min(lengths) < 0.6 * longest:
        return False
    ended = sum(1 for x in body if ends_sentence(x))
    return ended < 0.5 * len(body)


def _join_continued(block: list[str]) -> list[str]:
    """The lines of a block, a line continued by one starting in lower case joined to it."""
    out: list[str] = []
    current = block[0]
    for nxt in block[1:]:
        if (
            len(current) >= 60
            and not _TERMINAL_END.search(current[-8:])
            and nxt[:1].islower()
            and nxt.count(" ") >= 2
            and "http" not in current[-30:]
        ):
            current = f"{current} {nxt}"
        else:
            out.append(current)
            current = nxt
    out.append(current)
    return out


def split_paragraphs(text: str) -> list[str]:
    """Split a page's text into paragraph candidates, in page order.

    Pages come with blank-line separated paragraphs or one paragraph per line; both are handled
    by treating each non-empty line as a candidate, except that a block of lines hard-wrapped at
    a fixed width, or a line continued by one starting in lower case, is joined back into one
    paragraph. Outer whitespace (including NBSP and zero-width spaces) is stripped; inner
    characters are kept as found.
    """
    if not text:
        return []
    last, split = _last_split[0]  # the cleaner and the metadata both split the same page
    if last is text:
        return list(split)
    found = _split(text)
    _last_split[0] = (text, tuple(found))
    return found


#: The last page split and its candidates (the page object itself: compared by identity).
_last_split: list[tuple[str | None, tuple[str, ...]]] = [(None, ())]


def _split(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    block: list[str] = []
    for raw in [*text.split("\n"), ""]:
        line = raw.strip(STRIP_CHARS)
        if line:
            block.append(line)
        elif len(block) == 1:  # most blocks: one paragraph on one line
            out.append(block.pop())
        elif block:
            out.extend([" ".join(block)] if _is_hard_wrapped(block) else _join_continued(block))
            block.clear()
    # A page saved with a blank line after every wrapped line ("...that I didn't know I" /
    # "had. I am..."): a long unfinished line continued in lower case is joined across the gap.
    return _join_continued(out) if len(out) > 1 else out


def split_meta_run(text: str, title: str | None = None) -> tuple[str, str, str] | None:
    """Split "<metadata run><title><lead>" into `(meta, title, lead)`, or None if not such a run.

    With `title` known, it is looked for near the start of `text` after a short metadata-like
    prefix (a date, "No Comments on", "Posted ... |"); otherwise a run ending in "N Comments on"
    or "<date> |" is recognised and the title is taken up to where the lead is glued to it.
    """
    if title and len(title) >= 12:
        at = text.find(title, 1)
        if 0 < at <= 200:
            meta = text[:at]
            if DATE_RX.search(meta) or META_PREFIX_RX.search(meta):
                return meta, title, text[at + len(title) :].strip(STRIP_CHARS)
    m = META_RUN_RX.match(text)
    if not m:
        return None
    meta = m.group("meta")
    rest = text[m.end() :]
    glue = _GLUE.search(rest, 12, 250)
    if glue is None:
        return None
    return meta, rest[: glue.start()].strip(STRIP_CHARS), rest[glue.start() :].strip(STRIP_CHARS)


def repair(text: str) -> str:
    """Remove inline embed artefacts (`pic.twitter.com/...`) and tidy the whitespace left."""
    if "pic.twitter" in text or "t.co/" in text or "[" in text:
        text = _INLINE_ARTEFACTS.sub("", text)
        text = re.sub(r"[ \t]{2,}", " ", text).strip(STRIP_CHARS)
    return text
