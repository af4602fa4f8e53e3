"""The article's author(s) as its byline names them, from the page text as scraped.

`detect_byline(page_text, title=...)` reads the lines of a page (before any cleaning: the cleaner
drops bylines) and returns the names of its byline, or None:

- "By Jane Doe", "By: Jane Doe", "by Jane Doe | May 19, 2024", "By Jane Doe – Updated …",
  "By Jane DoePublished: …" (glued), "By Jane Doe, Staff Writer", "By Jane Doe on Dec. 19";
- "Written by Jane Doe", "Written by: Jane Doe, Senior Analyst", "Posted by Jane Doe on …";
- a lone "By" / "Written by" / "Posted by:" line with the name on the next line; "ByJane Doe";
- a name alone on a line just after the headline with a date on the next ("Headline / Jane
  Doe / Dec 18, 2025"); "Headline - by Jane Doe" or "Headline | by Jane Doe | Site" as the
  page title;
- "Author: Jane Doe", and the same words in other languages ("Von", "Par", "Por", "Door",
  "Автор:"; `BY_WORDS`, `AUTHOR_LABELS`);
- several authors: "By Jane Doe and John Roe" → "Jane Doe and John Roe" (`split_byline`);
- a team or an organisation ("By the Acme Team", "By Acme Staff", "By Reuters") is returned as
  written: it wrote the article. Whether it may be a first-person speaker is the reader's call
  (`presslens.sourcing` gives "I said" only to a single person's byline).

Never a photo or image credit ("Photo by …", "Image: …", a line naming Getty or Shutterstock),
a date ("By 2025, …"), a sentence ("By clicking Subscribe, you agree …"), or a menu entry ("By
Industry", "By Role" next to other "By …" entries).

Which byline: a page often carries several (related articles, an author box, comments). The one
nearest after the headline (the `title` given and the page's first line, or a part of either,
found again lower on the page) within `WINDOW` lines wins; with none there, a name alone under
the headline with a date under it (`BARE_NAMES`), then a title naming its author, then an
explicit form ("Written by", "Posted by", "Author:") when the page names one author so, else a
plain "By …" line when it is the page's only one and stands by a date or right before the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from presslens.clean.datelines import DATE_RX

#: Lines around the headline's line searched for its byline (before, after), in non-empty lines.
WINDOW = (2, 12)
#: Whether a name alone after the headline, dated on the next line, counts (`_bare_name`).
BARE_NAMES = True
#: The word that opens a byline ("By Jane Doe"), per language.
BY_WORDS = {"en": ("By",), "de": ("Von",), "fr": ("Par",), "es": ("Por",), "nl": ("Door",)}
#: Labels followed by the author's name ("Author: Jane Doe"), per language (a colon follows).
AUTHOR_LABELS = {
    "en": ("Author", "Authors", "Written by", "Posted by", "Words by", "Story by"),
    "de": ("Autor", "Autorin"),
    "fr": ("Auteur", "Autrice"),
    "es": ("Autor", "Autora"),
    "ru": ("Автор", "Авторы", "Текст"),
}
#: Explicit forms that may stand without the colon ("Written by Jane Doe").
_EXPLICIT_NO_COLON = ("Written by", "Posted by", "Words by", "Story by")

_SEP = re.compile(
    r"(?<=[a-z])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*\d)"
    r"|\s*(?:[|•·⋅/(\[]|\s[-–—]\s|[–—]|,|;|\s(?:on|at|in|am|le|el|op|the)\s"
    r"|(?:Published|Updated|Last [Uu]pdated|Reviewed|Fact[- ]checked|Edited|Posted|Modified)\b"
    r"|\d)"
)
_HONORIFIC = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Mx|Prof|Rev|Sir|Dame)\.?\s+")
_PARTICLES = {"van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "le", "la",
              "bin", "ibn", "al", "el", "dos", "das", "y", "ten", "ter", "zu"}  # fmt: skip
_ORG_TAILS = {"team", "staff", "editors", "desk", "newsroom", "editorial", "redaktion",
              "rédaction", "редакция", "reporters", "contributors"}  # fmt: skip
_JOIN = re.compile(r"\s+(?:and|&|und|et|y|en|и)\s+|\s*,\s*")
_NOT_NAME = set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday".split()
)
_CREDIT = re.compile(r"\b(?:photo|photos|photograph|image|images|illustration|credit|getty|"
                     r"shutterstock|istock|video|graphic|фото)\b", re.IGNORECASE)  # fmt: skip
_FUNCTION = {"from", "with", "for", "of", "in", "on", "at", "to", "and", "or", "our", "your",
             "all", "more", "about", "view", "posts", "read", "see"}  # fmt: skip
_CAMEL = re.compile(r"[a-z][A-Z]")
_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.\-]*|[A-Z]\.)$")


def _by_rx() -> re.Pattern:
    by = "|".join(w for ws in BY_WORDS.values() for w in ws)
    labels = sorted({w for ws in AUTHOR_LABELS.values() for w in ws}, key=lambda w: (-len(w), w))
    lab = "|".join(re.escape(w) for w in labels)
    free = "|".join(re.escape(w) for w in _EXPLICIT_NO_COLON)
    return re.compile(
        rf"^(?:(?P<label>(?i:{lab}))\s*:|(?P<free>(?i:{free}))\b\s*:?|(?P<by>{by}|{by.upper()}|"
        rf"{by.lower()})(?:\b\s*:?|(?=[A-Z][a-z]+\s[A-Z])))\s*(?P<rest>.*)$"
    )


#: A byline row ("By Jane Doe", "Von ...", "Author: ..."): `BY_WORDS` or an `AUTHOR_LABELS` label.
BYLINE_RX = _by_rx()


def _name(words: list[str]) -> str | None:
    """One person's or team's name from its words, or None when they do not make one."""
    while words and _HONORIFIC.match(words[0] + " "):
        words = words[1:]
    if words and words[-1].endswith(".") and not re.fullmatch(r"[A-Z]\.", words[-1]):
        words = [*words[:-1], words[-1].rstrip(".")]  # "By Jane Doe. Last updated …"
    while len(words) > 2 and re.fullmatch(r"[A-Z]{2,4}", words[-1]):
        words = words[:-1]  # "Jane Doe CPP" (a credential)
    if not 1 <= len(words) <= 5:
        return None
    low = [w.lower().strip(".") for w in words]
    if low[-1] in _ORG_TAILS or low[0] == "team":
        if low[0] == "the":
            words = words[1:]
        return " ".join(words) if len(words) > 1 else None  # "the Acme Team", not "The Team"
    if any(w in _NOT_NAME or w in _FUNCTION for w in low):
        return None
    if sum(bool(_CAMEL.search(w)) for w in words) > 1:
        return None  # menu words glued together ("ChecklistsJust EngagedWedding")
    for w, lw in zip(words, low, strict=True):
        if lw in _PARTICLES and w is not words[0]:
            continue
        if not _WORD.match(w) or (len(w) > 3 and w.isupper() and len(words) > 1):
            return None
    if low[0] == "the":
        return None
    return " ".join(words)


def _names(rest: str) -> str | None:
    """The names at the start of what follows "By", cut at a separator, a date or a role."""
    rest = rest.strip()
    if not rest or _CREDIT.search(rest):
        return None
    rest = re.split(r"\s+(?:and|&|und|et|y|en|и)\s+", rest)
    names = []
    for i, part in enumerate(rest):
        m = _SEP.search(part)
        head = part[: m.start()] if m else part
        stop = re.search(r"(?<=[a-z]{2})\.\s", head)
        if stop:  # "By Jane Doe. See …": the byline ends with the sentence
            head, m = head[: stop.start()], stop
        name = _name(head.split())
        if name is None:
            return None if i == 0 else (" and ".join(names) or None)
        names.append(name)
        if m:  # the byline ended inside this part
            break
    return " and ".join(names) or None


def split_byline(byline: str) -> list[str]:
    """The separate names of a byline ("Jane Doe and John Roe" → both)."""
    return [n for n in _JOIN.split(byline or "") if n.strip()]


def _candidates(lines: list[str]):
    """`(index, names, explicit)` of each line that reads as a byline."""
    for i, line in enumerate(lines):
        m = BYLINE_RX.match(line)
        if not m:
            continue
        rest = m.group("rest")
        if not rest.strip() and i + 1 < len(lines):
            rest = lines[i + 1]  # "By" alone, the name on the next line
            if BYLINE_RX.match(rest):
                continue
        elif len(line) > 120 or re.search(r"[.!?]$", line.strip()) and " " in rest.strip():
            if not re.search(r"\b[A-Z]\.$", line.strip()):
                continue  # a sentence ("By clicking Subscribe, you agree.")
        names = _names(rest)
        if names:
            yield i, names, m.group("by") is None


def _menu(lines: list[str], i: int) -> bool:
    """Whether line `i` stands among other one-word-after-"By" entries (a menu)."""
    near = [j for j in range(max(0, i - 3), min(len(lines), i + 4)) if j != i]
    return any(BYLINE_RX.match(lines[j]) and len(lines[j].split()) <= 4 for j in near) and (
        len(lines[i].split()) <= 4
    )


_NON_WORD = re.compile(r"[^\w]+")
_FIRST_WORD = re.compile(r"\W*(\w+)")
_LOWER_WORD = re.compile(r"\b[a-z][a-z’'\-]{3,}\b")


def _key(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text).split()).lower()


def _title_parts(title: str) -> list[str]:
    parts = [title] + re.split(r"\s+[|–—\-:·•]\s+|\s+::\s+", title)
    keys = [_key(p) for p in parts]
    return [k for k in keys if len(k.split()) >= 3 or len(k) >= 15]


def _anchors(lines: list[str], titles: list[str]) -> list[int]:
    """The lines of the headline on the page (not the page's first line, the <title>): equal to
    the title or one of its parts, or the start of one, letters and digits compared; the
    longest part that matches decides (a site name part matches menus and footers)."""
    keys = sorted({k for t in titles for k in _title_parts(t)}, key=lambda k: (-len(k), k))
    if not keys:
        return []
    # A line's key starts with its first word, lower-cased: only lines whose first word starts
    # a key can match (the others are not keyed at all).
    firsts = {k.split(" ", 1)[0] for k in keys}
    at: dict[str, list[int]] = {}  # line key (12 characters or more) -> its lines
    for i in range(1, len(lines)):
        m = _FIRST_WORD.match(lines[i])
        if m and m.group(1).lower() in firsts and len(low := _key(lines[i])) >= 12:
            at.setdefault(low, []).append(i)
    for k in keys:
        # `k` itself, or a start of it that ends before one of its spaces
        starts = {k, *(k[:j] for j, ch in enumerate(k) if ch == " ")}
        hits = sorted(i for start in starts for i in at.get(start, ()))
        if hits:
            return hits
    return []


def detect_byline(page_text: str, *, title: str | None = None) -> str | None:
    """The author(s) a page's byline names ("Jane Doe", "Jane Doe and John Roe", "Acme Team"),
    or None when the page shows no byline it can be sure of (see the module)."""
    lines = [line for ln in page_text.splitlines() if (line := ln.strip())]
    if not lines:
        return None
    cands = [(i, n, e) for i, n, e in _candidates(lines) if e or not _menu(lines, i)]
    anchors = _anchors(lines, [t for t in (title, lines[0]) if t])
    near = [
        ((i < a, abs(i - a)), n)
        for a in anchors
        for i, n, _ in cands
        if a - WINDOW[0] <= i <= a + WINDOW[1]
    ]
    page_words: list[set[str]] = []  # the page's lower-case words, read when a name needs them

    def lower_case(word: str) -> bool:
        if not page_words:
            page_words.append(set(_LOWER_WORD.findall(page_text)))
        return word in page_words[0]

    for a in anchors if BARE_NAMES else ():
        bare = _bare_name(lines, a, lower_case)
        if bare:
            near.append(((False, bare[0] - a), bare[1]))
    if near and not min(near)[0][0]:
        return min(near)[1]  # the nearest byline under the headline
    if near:
        return min(near)[1]  # a byline just above the headline
    for t in (title, lines[0]):
        name = _title_byline(t)
        if name:
            return name
    explicit = {n for _, n, e in cands if e}
    if len(explicit) == 1:  # an author box; several names are a list of other articles
        return explicit.pop()
    plain = {n for i, n, _ in cands if _dated(lines, i)}
    if len(plain) == 1 and len({n for _, n, _ in cands}) == 1:
        return plain.pop()
    return None


def _bare_name(
    lines: list[str], a: int, lower_case: Callable[[str], bool]
) -> tuple[int, str] | None:
    """A name standing alone on one of the 3 lines after the headline at `a`, with a date on
    the next line ("Headline / Jane Doe / Dec 18, 2025"), none of whose words the page also
    writes in lower case (as it writes "climate change", never "doe")."""
    for i in range(a + 1, min(len(lines) - 1, a + 4)):
        line = lines[i]
        if DATE_RX.search(line):
            return None  # the date came first: no name before it
        words = line.split()
        if BYLINE_RX.match(line):
            return None  # a byline proper: `_candidates`
        if 2 <= len(words) <= 4 and DATE_RX.search(lines[i + 1]) and "&" not in line:
            name = _names(line.title() if line.isupper() else line)
            glued = _CAMEL.search(re.sub(r"\b(?:Mc|Mac|De|Di|La|Le)(?=[A-Z])", "", name or ""))
            if name and len(name.split()) >= 2 and not glued:
                if not any(lower_case(w.lower()) for w in name.split() if len(w) > 3):
                    return i, name
    return None


def _title_byline(title: str | None) -> str | None:
    """The author a page title names in a part of its own: "Headline - by Jane Doe",
    "Headline | by Jane Doe | Site" (newsletter and blog platforms)."""
    if not title:
        return None
    for part in re.split(r"\s+[|–—\-·•]\s+", title)[1:]:
        m = BYLINE_RX.match(part.strip())
        if m and m.group("by"):
            name = _names(m.group("rest"))
            if name:
                return name
    return None


def _dated(lines: list[str], i: int) -> bool:
    """Whether a date stands on line `i` or one of the two after it, or the body starts right
    after it (a byline's surroundings, not a menu's)."""
    after = lines[i + 1 : i + 3]
    return any(DATE_RX.search(ln) for ln in [lines[i], *after]) or (
        bool(after) and len(after[0]) >= 100
    )
