"""The page's title line and its headline: what a page calls its article.

* The **title line** (`title_lines.title_line`, re-exported here) is a text dump's first line
  (a browser's title), else the row the cleaner took for the title, else the HTML `<title>`;
  never a menu line ("Skip to content", a cookie notice) or a page header's "today" clock.
* The **headline** is the row before the article body that repeats the title line's words (a
  breadcrumb trail before it cut off); else the row printed as the headline, set off by a
  byline or a date and on the title line's topic (pages title themselves for search engines
  and print another headline); without one, the title line minus the part naming the site
  ("Headline | Site", "Headline | Section | Site", "Site - Headline").
* An HTML page's top heading (`<h1>`) is its printed headline (`printed_heading`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .bylines import BYLINE_RX
from .datelines import DATE_RX
from .outlets import TITLE_SEPARATOR_RX, outlet_key, title_site_parts
from .title_lines import FURNITURE_RX as _FURNITURE
from .title_lines import title_line

__all__ = ["find_title", "printed_heading", "title_core", "title_line"]

_WORD = re.compile(r"\w+")
#: A row this close to the best match of the title's words, but earlier, is the headline.
TITLE_SCORE_SLACK = 0.05


#: A breadcrumb trail before a headline ("Home » Blog » Headline", "/Headline").
_BREADCRUMB = re.compile(r"^(?:[^»›>\n]{0,40}\s[»›>]\s)+|^/(?=\w)")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


#: A site name's acronym in parentheses ("Example Safety Foundation (ESF)").
_ACRONYM = re.compile(r"\s*\([^()]{1,12}\)$")


#: Most words of a title part taken for the site's name written longer or shorter.
SITE_PART_MAX_WORDS = 4


def _names_site(part: str, key: str) -> bool:
    """Whether a title part names the site whose letters are `key` ("Example" in a title of
    the site "Example Blog" or "Example Foundation (EF)")."""
    own = outlet_key(_ACRONYM.sub("", part))
    if not own or not key:
        return False
    if own == key:
        return True
    # one written shorter or longer than the other; a site's name is short, a headline is not
    short = len(part.split()) <= SITE_PART_MAX_WORDS and min(len(own), len(key)) >= 5
    return short and (key.startswith(own) or own.startswith(key))


#: A separator with nothing after it ("Headline |": the site's name left out).
_DANGLING = re.compile(r"(?<!\s)\s+[|–—·•»]\s*$")
#: Most words of a title part between the headline and the site taken for a section's name
#: ("Headline | Opinion | Site", "Headline | Whole Home Mesh WiFi | Site").
SECTION_PART_MAX_WORDS = 6


def title_core(title_line: str, site: str | None) -> str:
    """The headline part of a page title: without the part that names the site (`site`, the
    outlet found on the page) and what follows it: "Headline | Site", "Headline – Site –
    Motto", "Site - Headline"."""
    title_line = _DANGLING.sub("", title_line)
    parts = title_site_parts(title_line)
    if len(parts) < 2 or not site:
        return title_line
    key = outlet_key(_ACRONYM.sub("", site))
    first = parts[0]
    for k, part in enumerate(parts[1:], 1):
        if _names_site(part, key):
            core = title_line[: title_line.find(part, len(first))].rstrip(" |-–—·•»:")
            middle = [len(p.split()) for p in parts[1:k]]
            if k >= 2 and max(middle) <= SECTION_PART_MAX_WORDS:
                head, bar, _ = core.partition(" | ")
                if bar and len(head.split()) >= max(middle):
                    return head.strip()  # "Headline | Section | Site", not "Opinion | Headline"
            return core
    if _names_site(first, key):
        return title_line[len(first) :].lstrip(" |-–—·•»:")
    return title_line


#: Characters a page may hide inside words (zero-width spaces, a byte-order mark, soft hyphens).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
_HIDDEN = re.compile("[\u200b\u2060\ufeff\u00ad]")

#: Typography a headline row and the title line may differ in (curly or straight quotes,
#: dashes, no-break spaces), one character for one.
_TYPOGRAPHY = str.maketrans(
    "\u2019\u2018\u02bc\u201c\u201d\u201e\u2013\u2014\u00a0", "'''" + '"""' + "-- "
)


def _typeset_key(text: str) -> str:
    key = text.translate(_TYPOGRAPHY).lower()
    return key if len(key) == len(text) else text


def _loose_key(text: str) -> str:
    """A text's letters and figures as compared across typography: compatibility forms
    folded ("？" as "?", "…" as "..."), dashes, quotes and spacing ignored, case folded."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    return re.sub(r"[\s\-'\"]+", "", text)


def _as_declared(headline: str, title_line: str, core: str = "") -> str:
    """The headline as the title line writes it when the two differ only in typography
    ("the city’s ..." shown, "the city's ..." declared; "…" and "...", "—" and "--"): the
    page's declared title wins."""
    if title_line and _typeset_key(title_line).startswith(_typeset_key(headline)):
        rest = title_line[len(headline) :]
        if not rest.strip() or TITLE_SEPARATOR_RX.match(rest):
            return title_line[: len(headline)]
    if core and _loose_key(core) == _loose_key(headline):
        return core
    return headline


#: How far past the body's first kept row (or up to the first prose paragraph) a row that
#: repeats the page title word for word is still taken for the headline (a promo or a lead the
#: cleaner kept may stand above it).
EXACT_TITLE_REACH = 60


#: What may be glued after a headline in its row: a byline, a date, a separator and more.
_GLUED_AFTER = re.compile(r"^\W*(?:by\s|[|/•·]\s)", re.IGNORECASE)
#: What may be glued before it: a one- or two-word label ("Blog:", "News –"), a breadcrumb.
_GLUED_BEFORE = re.compile(r"^[^\W\d][\w&'’]*(?:\s[\w&'’]+)?\s*[:>»›|–—-]\s*$|.*[>»›]\s*$")


def _glued_to_core(text: str, core: str, title_line: str) -> bool:
    """Whether a headline row is the title's headline with something glued to it that the
    title line does not hold: a byline or a date after it ("... by Jane Doe | May 2, 2025"),
    a label, a breadcrumb or a menu before it ("Blog: ...")."""
    row, head = _typeset_key(text).casefold(), _typeset_key(core).casefold()
    at = row.find(head)
    if len(core.split()) < 3 or at < 0 or row == head:
        return False
    if row in _typeset_key(title_line).casefold():
        return False
    before, after = text[:at], text[at + len(head) :]
    if before.strip() and not (_GLUED_BEFORE.match(before) or before[-1].isalnum()):
        return False  # (a menu glued to it without a space: "ResourcesArticles8 Steps ...")
    return not after.strip() or bool(_GLUED_AFTER.match(after) or DATE_RX.search(after))


#: Fewest words of a kept paragraph that starts the article's prose.
PROSE_MIN_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?։。！？][\"'”’»)]*$")


#: Score of a row that repeats the title's headline word for word (a partial match scores at
#: most 1.2: its share of the title's words, plus 0.2 when the cleaner took it for the title).
EXACT_TITLE_SCORE = 1.5


#: Least score of a kept row below the first kept one taken for the headline.
KEPT_TITLE_MIN_SCORE = 0.5
#: Least score of a kept heading-shaped row within the body's first rows taken for the
#: headline (a teaser the cleaner kept may stand above it): close to the title, word for word.
KEPT_TITLE_CLOSE_SCORE = 0.7
#: How far past the first kept row such a heading is looked for.
KEPT_TITLE_REACH = 12
#: Added to the score of such a row set off as a headline (a byline or a date by it).
SET_OFF_BONUS = 0.2


def _heading_shaped(text: str) -> bool:
    """A kept row that may be the headline: it starts with a capital or a figure and does not
    end as a sentence."""
    return (text[0].isupper() or text[0].isdigit()) and not text.rstrip().endswith(".")


def _after_prose(raw: list[str], kept: list[bool], i: int) -> bool:
    """Whether row `i` follows a kept paragraph (more than a few words): a body subheading."""
    return kept[i - 1] and len(raw[i - 1].split()) > 4


def _body_start(raw: list[str], kept: list[bool]) -> int:
    """The first row of the article's prose: the first kept paragraph of some length that ends
    as a sentence (menus and teasers the cleaner kept above it may hide the headline)."""
    first = next((i for i in range(1, len(raw)) if kept[i]), len(raw))
    for i in range(first, len(raw)):
        if kept[i] and len(raw[i].split()) >= PROSE_MIN_WORDS and _SENTENCE_END.search(raw[i]):
            return i
    return first


def _repeats(text: str, core_key: str) -> bool:
    """Whether a row is the title's headline word for word (typography aside)."""
    return abs(len(text) - len(core_key)) <= 2 and _typeset_key(text).casefold() == core_key


def _row_score(
    row: str,
    reason: str,
    core_key: str,
    core_words: set[str],
    site_rows: set[str],
    partial: bool = True,
) -> float:
    """How well a row repeats the title's headline: `EXACT_TITLE_SCORE` word for word, else
    (when `partial`) the share of words the two have in common (Dice), plus 0.2 when the
    cleaner took the row for the title; 0 for furniture, a site part or a row of the wrong
    size."""
    if not core_words or len(row) > 300:
        return 0.0
    text = _BREADCRUMB.sub("", row).strip()
    if len(core_words) >= 2 and _repeats(text, core_key):
        return EXACT_TITLE_SCORE
    if not partial or not text:
        return 0.0
    if len(text) > 250 or not 2 <= len(text.split()) <= 30 or _FURNITURE.match(text):
        return 0.0
    words = _words(text)
    if not words or _typeset_key(text) in site_rows:
        return 0.0
    score = 2 * len(words & core_words) / (len(words) + len(core_words))
    return score + 0.2 if reason == "title" else score


#: Reasons of a row that sets the headline above it off from the page: a dateline, a byline.
_SETS_OFF = frozenset({"dateline", "author_bio"})
#: A reading-time row ("4 min read"), never a headline.
_READ_TIME = re.compile(r"\bmin(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
#: How far above the first kept row the printed headline is looked for.
PRINTED_HEADLINE_REACH = 10
#: How far past the first paragraph of prose (a kept promo may stand above the headline).
PRINTED_HEADLINE_AFTER_BODY = 5
#: Elsewhere in the page's first rows (menus and promos the cleaner kept push the headline
#: down; a long menu may stand between it and the prose), a headline set off by a byline or a date must share this many content words with
#: the title line (wcxb tune: 1 or 2 take menus and teasers too).
FAR_HEADLINE_ROWS = 200
FAR_HEADLINE_SHARED = 3
#: Languages whose stop words are not content words a headline shares with its title line.
_STOP_LANGUAGES = ("en", "de", "fr", "es", "ru")


@lru_cache(maxsize=1)
def _stops() -> frozenset[str]:
    from ..text.words import stop_words

    return frozenset().union(*(stop_words(lang) for lang in _STOP_LANGUAGES))


def _content_words(text: str) -> set[str]:
    """A text's words that carry its topic: not stop words, three letters or a figure."""
    stops = _stops()
    return {w for w in _words(text) if w not in stops and (len(w) >= 3 or w.isdigit())}


def _shared(a: set[str], b: set[str]) -> int:
    """How many of the content words `a` the words `b` hold, a word and one it begins alike
    ("tax" and "taxes"; also "coast" and "coastal": a loose match, as a title line and its
    printed headline word their topic alike)."""
    return sum(any(x == y or x.startswith(y) or y.startswith(x) for y in b) for x in a)


def _sets_off(row: str, reason: str) -> bool:
    """A byline, a dateline or a reading time: what an article's header puts by its headline."""
    if reason in _SETS_OFF:
        return True
    short = len(row.split()) <= 8
    return short and bool(BYLINE_RX.match(row) or _READ_TIME.search(row) or DATE_RX.search(row))


def _headline_signs(raw: list[str], reasons: list[str], i: int) -> int:
    """How row `i` is set off as a headline: a byline or a date in the two rows below it, a
    date right above it, the row shown twice in a row (one point each)."""
    row = raw[i].strip()
    below = range(i + 1, min(len(raw), i + 3))
    return (
        any(_sets_off(raw[j], reasons[j]) for j in below)
        + (_sets_off(raw[i - 1], reasons[i - 1]) and not BYLINE_RX.match(raw[i - 1]))
        + (i + 1 < len(raw) and raw[i + 1].strip() == row)
    )


def _shared_with_title(row: str, reason: str, title_words: set[str]) -> int:
    """How many content words a heading-shaped row shares with the title line (0 for a row of
    the wrong size, a label, furniture, a byline or a date)."""
    if not (3 <= len(row.split()) <= 25 and len(row) <= 250 and _heading_shaped(row)):
        return 0
    if row.endswith((":", ",")) or _FURNITURE.match(row) or _READ_TIME.search(row):
        return 0
    return 0 if _sets_off(row, reason) else _shared(_content_words(row), title_words)


def _printed_headline(
    raw: list[str], kept: list[bool], reasons: list[str], core: str, first_kept: int, body: int
) -> int | None:
    """The row printed as the article's headline when no row repeats the title line's words
    (the page titles itself for search engines, "X Tips | Site", and prints another headline):
    a heading-shaped row just above the article's prose, set off as a headline (a byline or a
    date right below it, a date right above it, or shown twice in a row), that shares a
    content word with the title line; the one set off most, the first of those. Elsewhere in
    the page's first rows (further down, or above a long menu the cleaner dropped: pages 0089,
    4078), one set off that shares `FAR_HEADLINE_SHARED` words."""
    title_words = _content_words(core)
    if not title_words:
        return None
    end = min(len(raw) - 1, body + PRINTED_HEADLINE_AFTER_BODY + 1)
    best, best_signs = None, 0
    for i in range(max(1, first_kept - PRINTED_HEADLINE_REACH), end):
        if _shared_with_title(raw[i].strip(), reasons[i], title_words):
            signs = _headline_signs(raw, reasons, i)
            if signs > best_signs:
                best, best_signs = i, signs
    if best is not None:
        return best
    for i in range(1, min(len(raw) - 1, FAR_HEADLINE_ROWS)):
        if max(1, first_kept - PRINTED_HEADLINE_REACH) <= i < end:
            continue  # looked at above
        shared = _shared_with_title(raw[i].strip(), reasons[i], title_words)
        if shared >= FAR_HEADLINE_SHARED and _headline_signs(raw, reasons, i):
            return i
    return None


def find_title(
    raw: list[str], kept: list[bool], reasons: list[str], title_line: str, site: str | None
) -> tuple[int | None, str | None]:
    """The headline's row (None: the title line or HTML title) and its text.

    The page's own headline is the row before the article body that repeats the page title's
    words (or, further down, one that repeats them word for word); without one, the title line
    minus its site part. A row that holds the headline with a byline, tags or a label glued to
    it gives the headline as the title line writes it."""
    if _HIDDEN.search(title_line) or any(_HIDDEN.search(r) for r in raw):
        raw = [r.translate(_INVISIBLE) for r in raw]  # "B\ufeffest" is "Best" as shown
        title_line = title_line.translate(_INVISIBLE)
    core = title_core(title_line.strip(), site) if title_line else ""
    core_words = _words(core)
    core_key = _typeset_key(core).casefold()
    parts = title_site_parts(title_line)
    # the title line's other parts (the site's name, its motto) shown as rows are not the headline
    site_rows = {_typeset_key(p) for p in parts if p != max(parts, key=len)} if parts else set()
    first_kept = next((i for i in range(1, len(raw)) if kept[i]), len(raw))
    body = _body_start(raw, kept)
    scored = []
    for i in range(1, min(len(raw), max(first_kept + EXACT_TITLE_REACH, body + 3))):
        if kept[i] and i >= body and _after_prose(raw, kept, i) and i > body + 1:
            continue  # the body's own subheadings and sentences repeat the title's words too
        partial = not kept[i] and i < first_kept + 3
        score = _row_score(raw[i], reasons[i], core_key, core_words, site_rows, partial)
        if score >= EXACT_TITLE_SCORE or partial and score >= 0.5:
            set_off = score < EXACT_TITLE_SCORE and _headline_signs(raw, reasons, i)
            scored.append((i, score + SET_OFF_BONUS * bool(set_off)))
    if not scored:
        # no headline above the first kept row: the cleaner may have kept a menu or a teaser
        # above it; a heading-shaped row before the first prose paragraph may be it
        for i in range(first_kept, min(len(raw), max(body, first_kept + KEPT_TITLE_REACH))):
            if not kept[i] or not _heading_shaped(raw[i]):
                continue
            if i >= body and _after_prose(raw, kept, i):
                continue  # a subheading after a paragraph of the body, not the headline
            score = _row_score(raw[i], reasons[i], core_key, core_words, site_rows)
            if score >= (KEPT_TITLE_MIN_SCORE if i < body else KEPT_TITLE_CLOSE_SCORE):
                scored.append((i, score + SET_OFF_BONUS * bool(_headline_signs(raw, reasons, i))))
    if not scored:
        shown = _printed_headline(raw, kept, reasons, core, first_kept, body)
        if shown is not None:
            return shown, raw[shown].strip()
    if scored:
        top = max(score for _, score in scored)
        best = next(i for i, score in scored if score >= top - TITLE_SCORE_SLACK)
        text = _BREADCRUMB.sub("", raw[best]).strip()
        if _glued_to_core(text, core, title_line):
            return best, core
        return best, _as_declared(text, title_line.strip(), core)
    if core:
        return None, core
    return None, None


def printed_heading(headings: list[str], title_line: str, site: str | None) -> str | None:
    """The headline an HTML page prints as its top heading (`<h1>`), given the page's top
    headings in order: the first that is not the site's name and shares its topic with the
    title line (two content words, or half of its own), as the title line writes it when the
    two differ only in typography or the heading has a label glued to it.
    Pages title themselves for search engines ("Best X of 2025 | Site") and print the
    article's own headline; None when no heading is one."""
    line = " ".join(title_line.split())
    core = title_core(line, site) if line else ""
    title_words = _content_words(core)
    parts = title_site_parts(line)
    headline_part = max(parts, key=len) if parts else ""
    key = outlet_key(_ACRONYM.sub("", site or ""))
    for heading in headings:
        text = " ".join(heading.translate(_INVISIBLE).split())
        if not text or len(text) > 300 or _FURNITURE.match(text):
            continue
        site_part = any(_typeset_key(text) == _typeset_key(p) for p in parts if p != headline_part)
        if site_part or key and _names_site(text, key):
            continue  # the site's name (or its motto) as the page's top heading
        if text.endswith(":"):
            continue  # a label ("Folding and unfolding:")
        if _loose_key(text) == _loose_key(core):
            return _as_declared(text, line, core)
        words = _content_words(text)
        shared = _shared(words, title_words)
        if title_words and not (shared >= 2 or len(words) >= 2 and 2 * shared >= len(words)):
            continue  # a heading on another topic: a section's, a teaser's
        if _glued_to_core(text, core, line):
            return core  # "Blog: Headline"
        return _as_declared(text, line, core)
    return None


def unjoined_heading(title: str | None, text: str) -> str | None:
    """A headline row without the label the page prints below it ("Headline" + blank line +
    "advice for students", "by Jane Doe"): the page split joins a row starting in lower case to
    the one above; a headline set apart by a blank line ends there (pages 0114, 4511, 4610)."""
    if not title or not text or "\n\n" not in text:
        return title
    lines = text.split("\n")
    for i, row in enumerate(lines[:-2]):
        head = row.strip(" \t")
        if not (len(head) < len(title) and title.startswith(head) and title[len(head)] == " "):
            continue
        if lines[i + 1].strip(" \t") or len(head.split()) < 3:
            continue  # not set apart by a blank line
        below = "\n".join(lines[i + 2 :]).lstrip()
        if below[:1] in _ASCII_LOWER and below[:1]:
            if title[len(head) :].strip() == below.split("\n", 1)[0].strip():
                return head
    return title


_ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
