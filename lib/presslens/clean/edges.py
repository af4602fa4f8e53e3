"""Where the article starts and ends (`decide`, pass 2).

It starts at the printed headline when the page's title line is repeated below text that is
mostly the header's (menus, promotions). It ends at a teaser block ("Related" and other stories'
headlines), a list header, sign-up field or menu item that no run of article paragraphs follows,
an author box (the writer's name on its own line, then a paragraph about that person), a comment
header over dated entries, or a list of other stories by date below most of the article.
"""

from __future__ import annotations

import re

from .features import Row, notice_reason
from .notices import AUTHOR_BOX
from .rules import FURNITURE_START, READ_ON, TEASER_LINK, alternation

#: How many of the unremoved lines below it tell whether the article resumes.
FURNITURE_LOOK = 6
_READ_ON = re.compile(READ_ON, re.IGNORECASE)
_TEASER_LINK = re.compile(TEASER_LINK, re.IGNORECASE)
_BOX_LEAD = re.compile(rf"^(?:{alternation(AUTHOR_BOX['lead'])})\b\s*[:,]?\s*", re.IGNORECASE)
#: Third-person words per language ("son" is French, not English), any language's for a page
#: whose language has none listed.
_PERSON = {
    lang: re.compile(rf"\b(?:{alternation({lang: words})})\b", re.IGNORECASE)
    for lang, words in AUTHOR_BOX["person"].items()
}
_ANY_PERSON = re.compile(rf"\b(?:{alternation(AUTHOR_BOX['person'])})\b", re.IGNORECASE)

#: A person's name: one to four capitalised words ("Jean-Luc Aufranc", "Chen Zhao"), cut at a
#: credential or a role ("Brian Stormont, CFP", "Jean-Luc Aufranc (CNXSoft)").
_NAME = re.compile(r"^(?:[A-ZÀ-ÖА-Я](?:[a-zà-öø-ÿа-я'’.-]|[A-Z](?=[a-z]))*\s*){1,4}$")
_NAME_TAIL = re.compile(r"\s*[,(|–—].*$")
_WORD = re.compile(r"[\w’'-]+")
#: Shorter name words (an initial, "de", "Li") are not looked for in the paragraph below.
_MIN_NAME_LETTERS = 3


def is_teaser_link(text: str) -> bool:
    """A "Read more"/"Continue reading" link line (`rules.TEASER_LINK`, several languages)."""
    return _TEASER_LINK.match(text) is not None


def teaser_above_link(rows: list[Row], i: int) -> bool:
    """Row `i` stands alone above its "Read more" link: another page's teaser. The article's
    last paragraph above a "Read more" header of other stories has article paragraphs above it."""
    return (
        i + 1 < len(rows) and is_teaser_link(rows[i + 1].text) and not (i > 0 and rows[i - 1].good)
    )


def related_below_lead(rows: list[Row], j: int) -> bool:
    """Row `j` is a related story's headline below the "Read more" link under the article's
    first paragraph, which the headline, byline or date is above (another teaser has its own
    headline above it)."""
    r = rows[j]
    return (
        j >= 2
        and not r.reason
        and r.title_like()
        and is_teaser_link(rows[j - 1].text)
        and rows[j - 2].good
        and (j < 3 or bool(rows[j - 3].reason))
    )


def teaser_block(rows: list[Row], i: int) -> bool:
    """A "Related"/"Read more" header followed by two or more other stories' headlines, and no
    article paragraph right after them (a block set inside the article is skipped, not an end)."""
    if rows[i].reason != "related" or rows[i].n_words > 6:
        return False
    j = i + 1
    while j < len(rows) and not rows[j].reason and rows[j].title_like():
        j += 1
    return j - i > 2 and not (j < len(rows) and rows[j].good)


#: Below a comment section's header, this many date lines among the next `DATED_LOOK` rows make
#: a thread of dated entries (each comment's name and time), whatever their length.
DATED_ENTRIES = 2
DATED_LOOK = 12
#: A list of other stories: this many date lines or more, each at most `DATED_GAP` rows below
#: the one before (a headline, a teaser, a byline and the date, per story).
DATED_LIST = 3
DATED_GAP = 4
#: The list's text is at most this share of the article text above it. wcxb tune, body F1:
#: 0.5 -> 0.8 gains 4524 (saved HTML and text dump) and 0267 (text dump), none lose; 0.7 to 1.0
#: all the same.
DATED_SHARE = 0.8


def dated_entries(rows: list[Row], i: int) -> bool:
    """Rows below row `i` are readers' dated entries: two or more date lines among the next
    rows, with a comment's line among them ("Reply") or a short line next to each date (the
    reader's name). A live blog's updates are dated too, each a paragraph under its time."""
    nxt = rows[i + 1 : i + 1 + DATED_LOOK]
    dates = [r.i for r in nxt if r.reason == "dateline"]
    if len(dates) < DATED_ENTRIES:
        return False
    if any(r.reason == "comments" for r in nxt):
        return True
    named = sum(any(_entry_name(rows, k) for k in (d - 1, d + 1)) for d in dates)
    return named >= DATED_ENTRIES


def _entry_name(rows: list[Row], k: int) -> bool:
    """Row `k` is a short line that may be a reader's name ("Marta K.", "tom_b")."""
    if not 0 <= k < len(rows):
        return False
    r = rows[k]
    return r.reason in ("", "navigation", "author_bio") and r.n_words <= 4 and r.n <= 40


def dated_lists(rows: list[Row]) -> list[list[int]]:
    """Lists of other stories below the article: runs of `DATED_LIST` or more date lines at most
    `DATED_GAP` rows apart, with the story lines between them, the short lines (a headline, a
    section) just above the first date and the story lines below the last, when the text in and
    below the first list is at most `DATED_SHARE` of the article text above it (else the dated
    entries are the article's: an events calendar, a diary). Each list is the rows no rule has
    flagged yet."""
    dates = [r.i for r in rows if r.reason == "dateline"]
    runs: list[list[int]] = []
    for i in dates:
        if runs and i - runs[-1][-1] <= DATED_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        if len(run) < DATED_LIST:
            continue
        start = run[0]
        while start - 1 >= 0 and run[0] - start < run[1] - run[0] - 1:
            above = rows[start - 1]
            if (
                above.reason
                or above.good
                or above.sentence_end
                or not (above.title_like() or above.n_words <= 6)
            ):
                break
            start -= 1
        end = min(run[-1] + run[-1] - run[-2], len(rows))
        if not out:
            # the first list decides: dated entries below a sentence of the article's that
            # announces them ("Here is how it unfolded."), right after its last paragraph, and
            # dated entries above most of the text, are the article's
            if (
                start >= 2
                and not rows[start - 1].reason
                and not rows[start - 1].good
                and rows[start - 1].sentence_end
                and is_anchor(rows[start - 2])
            ):
                return []
            before = sum(r.n for r in rows[:start] if is_anchor(r))
            after = sum(r.n for r in rows[start:] if is_anchor(r))
            if not before or after > DATED_SHARE * before:
                return []
        out.append([j for j in range(start, end) if not rows[j].reason])
    return out


def furniture_start(rows: list[Row], i: int) -> bool:
    """A short line a notice rule gives a `FURNITURE_START` reason (a list header, a sign-up
    form's field, a menu item), that no run of article paragraphs follows: where a page's
    furniture below the article begins. A lone "Subscribe" button sits inside posts (a form's
    lines come with other furniture); a line in lower case is a fragment (code, a wrapped
    sentence); a list of other stories alternates headlines and one-line teasers, an article
    resumes with paragraphs."""
    r = rows[i]
    if (
        r.reason not in FURNITURE_START
        or r.n_words > 6
        or r.n > 60
        or r.text[:1].islower()
        or _READ_ON.match(r.text)
        or notice_reason(r) != r.reason  # a line repeated on other pages is not one
    ):
        return False
    if r.reason == "paywall" and not any(
        x.reason for x in rows[max(i - 2, 0) : i + 3] if x is not r
    ):
        return False
    nxt = [x for x in rows[i + 1 : i + 20] if not x.reason][:FURNITURE_LOOK]
    return bool(nxt) and sum(x.good for x in nxt) * 2 < len(nxt)


def _name_words(r: Row) -> frozenset[str]:
    """The words of a person's name alone on a line ("About Sara Doe", "Jean Roe, CFP"), or
    nothing when the line is not one."""
    if r.n > 60 or r.n_words > 7 or r.sentence_end or r.reason not in ("", "author_bio"):
        return frozenset()
    name = _NAME_TAIL.sub("", _BOX_LEAD.sub("", r.text.strip()))
    if not _NAME.match(name):
        return frozenset()
    return frozenset(w for w in re.split(r"[\s’']+", name) if len(w) >= _MIN_NAME_LETTERS)


def _opens_with(r: Row, names: frozenset[str], person: re.Pattern) -> bool:
    """The paragraph is about the named person: one of the name's words among its first five
    ("Jane Doe is ...", "Jane’s lens ...", "(Editor) – Jane comes from ..."), and a third-person
    word ("she", "his") further on."""
    head = re.findall(r"[\w-]+", r.text[:80])[:5]
    return r.n_words >= 8 and any(w in names for w in head) and person.search(r.text) is not None


def author_box(rows: list[Row], i: int, first: int, language: str = "en") -> list[int]:
    """Rows of an author box opening at row `i`: a line that is a person's name, and within two
    rows a paragraph that opens with that name ("Jane Doe" / "Jane Doe is a writer ..."). Empty
    when there is none, or when the same shape occurs earlier in the article (a list of people,
    each a name and a paragraph about them, is the article's)."""
    person = _PERSON.get(language, _ANY_PERSON)
    box = _box_at(rows, i, person)
    if not box:
        return []
    # A name is no ordinary word: a heading's words ("Window Direction Matters") recur in lower
    # case in the page.
    lower = {w for r in rows for w in _WORD.findall(r.text) if w[:1].islower()}
    if any(w.casefold() in lower for w in _name_words(rows[i])):
        return []
    for j in range(max(first, 0), i):
        if _box_at(rows, j, person):
            return []
    return box


def _box_at(rows: list[Row], i: int, person: re.Pattern) -> list[int]:
    names = _name_words(rows[i])
    if not names:
        return []
    for j in range(i + 1, min(i + 3, len(rows))):
        r = rows[j]
        if _opens_with(r, names, person):
            k = j + 1
            while k < len(rows) and not rows[k].reason and _opens_with(rows[k], names, person):
                k += 1
            return list(range(i, k))
        if r.n_words > 4 or r.sentence_end:
            break
    return []


#: Separators of a title line's parts ("Headline | Site", "Headline - Section - Site").
_TITLE_PARTS = re.compile(r"\s+[|–—·•-]\s+")
#: The text of the anchors above the printed headline is at most this share of those below it.
HEADER_SHARE = 0.5
#: A page header is at least this many rows above the first anchor (an extracted article whose
#: first row is its headline has none: the row repeating it below is a section's).
HEADER_ROWS = 4


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def printed_headline(rows: list[Row], first: int, last: int) -> int | None:
    """The row below the first anchor that repeats the page's title line (row 0), or one of its
    parts of three or more words, when the article text above it is at most `HEADER_SHARE` of
    the text below: the page's header (promotions in a menu) is above, the article below. Not
    when the headline is printed above the first anchor too (the row below is a section's)."""
    if first < HEADER_ROWS or last <= first + 1 or rows[0].reason not in ("", "navigation"):
        return None
    line = rows[0].text
    # the whole line or its headline part, the longest: never the site's name ("… - The Town
    # Gazette"), which a page may print anywhere
    parts = [p for p in _TITLE_PARTS.split(line) if len(p.split()) >= 3]
    keys = {_key(line)} | ({_key(max(parts, key=len))} if parts else set())
    if any(_key(r.text) in keys for r in rows[1:first] if r.n_words >= 3):
        return None  # the headline is printed above: a section repeats it below
    for r in rows[first + 1 : last]:
        if r.n_words >= 3 and _key(r.text) in keys:
            above = sum(x.n for x in rows[first : r.i] if is_anchor(x))
            below = sum(x.n for x in rows[r.i + 1 : last + 1] if is_anchor(x))
            return r.i if 0 < below and above <= HEADER_SHARE * below else None
    return None


def is_anchor(r: Row) -> bool:
    """A good paragraph no rule flagged and no weak signal doubts: what the zones are built on."""
    return r.good and not r.weak and not r.reason
