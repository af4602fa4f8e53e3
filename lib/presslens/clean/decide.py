"""The passes that give each paragraph of a page its reason (`clean_rows`, `clean_page`).

1. **Evidence**: notice rules (strong, `notices.NOTICES`), datelines, and weak evidence (author-bio
   shape, list-like lines, repetition on other pages, a trailing ellipsis); a paragraph is *good*
   (article-like) when long enough, ending like a sentence, with a normal stop-word density for
   the page's language and few links; one above its own "Read more" link is another page's
   teaser (weak).
2. **Zones**: good unflagged paragraphs are anchors; before the first is the head (title,
   dateline, menus), after the last the tail (footers, related lists). The article ends at a
   comment section (its header alone when dated entries follow it), an author box, or at a
   list header, sign-up form or menu item below most of it that no run of paragraphs follows;
   it starts at the printed headline when the title line is repeated below a header of
   promotions (`edges`).
3. **Title**: the headline in the head zone.
4. **Head**: a sentence-like lead adjacent to the body stays; the rest is furniture.
5. **Tail**: the body continues over sentence-like paragraphs until the first furniture.
6. **Body**: headlines under a "Read also" header; bylines next to a bio; a list of other
   stories by date below most of the article. Weak evidence only removes a paragraph in the
   head and tail; in the body it is kept, and so is a long prose paragraph a notice's keyword
   flagged.
7. **Header widgets**: a temperature/clock cluster, or a weekday date above the title.
8. **Finish**: glued metadata runs and embed artefacts repaired, paragraphs in another language
   than the page dropped, a paragraph repeated in the page kept once.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .datelines import DATE_RX, TODAY_RX, WEEKDAY_RX, lead_dateline
from .edges import (
    author_box,
    dated_entries,
    dated_lists,
    furniture_start,
    is_anchor,
    is_teaser_link,
    printed_headline,
    related_below_lead,
    teaser_above_link,
    teaser_block,
)
from .features import Row, bio_shaped, is_dateline, is_temperature, list_like, notice_reason
from .languages import density_stop_words, detect_language, other_language
from .lists import bulleted, marked_list
from .paragraphs import repair, split_meta_run, split_paragraphs
from .rules import (
    CHARS_PER_WORD,
    COMMENT_SECTION,
    DEFAULT_STOP_DENSITY,
    END_OF_ARTICLE,
    LABEL_WORDS,
    NOTICE_MAX_WORDS,
    PROSE_KEPT,
    REPORTED_KEPT,
    SENTENCE_END_BY_LANGUAGE,
    STOP_DENSITY,
)

#: Reasons after which the article does not resume (a comment section).
STOPS = frozenset({"comments"})
_COMMENT_SECTION = re.compile(COMMENT_SECTION, re.IGNORECASE)
_END_OF_ARTICLE = re.compile(END_OF_ARTICLE, re.IGNORECASE)
#: A furniture line ends the article when the anchors above it hold this many times the text
#: of those below.
FURNITURE_SHARE = 2
_SENTENCE_END_BY_LANGUAGE = {k: re.compile(v) for k, v in SENTENCE_END_BY_LANGUAGE.items()}
_DIGIT = re.compile(r"\d")
_INNER_SENTENCE_END = re.compile(r"[.!?…։。！？][\"'”’»)]?\s+(?=\S)")


def clean_page(
    text: str,
    *,
    repeated_lines: frozenset[str] = frozenset(),
    language: str | None = None,
) -> pd.DataFrame:
    """Paragraph candidates of one page with keep/drop decisions.

    Returns a DataFrame with columns `position` (0-based order in the page), `text` (the
    paragraph as kept, after repairs, or as found when removed), `kept` (bool) and `reason`
    ("" when kept, else a code from `REASONS`). `repeated_lines` are lines the ingest found on
    several pages of the corpus; `language` (ISO 639-1) skips language detection when known.
    """
    texts, kept, reasons = clean_rows(text, repeated_lines=repeated_lines, language=language)
    return pd.DataFrame(
        {
            "position": np.arange(len(texts), dtype="int64"),
            "text": np.array(texts, dtype=object),
            "kept": np.array(kept, dtype=bool),
            "reason": np.array(reasons, dtype=object),
        }
    )


def clean_rows(
    text: str,
    *,
    repeated_lines: frozenset[str] = frozenset(),
    language: str | None = None,
) -> tuple[list[str], list[bool], list[str]]:
    """`clean_page` as three aligned lists (texts, kept, reasons): the ingest's fast path."""
    rows = [Row(i, p) for i, p in enumerate(split_paragraphs(text))]
    if language is None:
        sample: list[str] = []
        for r in rows:
            sample.extend(r.words)
            if len(sample) >= 300:
                break
        language = detect_language(text, words=sample)
    stops = density_stop_words(language)
    threshold = STOP_DENSITY.get(language, DEFAULT_STOP_DENSITY)
    for r in rows:
        r.set_stop(stops)
    _language_shapes(rows, language)

    _evidence(rows, threshold, repeated_lines)
    patterned = {r.i for r in rows if r.reason}
    first, last = _zone_edges(rows, threshold, language)
    headline = printed_headline(rows, first, last)
    if headline is not None:
        first = next(r.i for r in rows[headline + 1 :] if is_anchor(r))
    title_i = _find_title(rows, first) if headline is None else headline
    if title_i is not None:
        rows[title_i].reason = "title"
        rows[title_i].weak = ""
    _head_zone(rows, first, threshold)
    _tail_zone(rows, last, threshold)
    _body_zone(rows, first, last, patterned)
    _body_prose(rows, first, last, patterned, threshold)
    for story_list in dated_lists(rows):
        for j in story_list:
            rows[j].reason = "related"
    _menu_runs(rows, first, last)
    _mark_header_widgets(rows, title_i, first)
    return _finish(rows, title_i, language, threshold)


def _language_shapes(rows: list[Row], language: str) -> None:
    """Sentence ends and word counts of the page's language ("։" or ":" ends an Armenian
    sentence; Japanese words are counted from characters)."""
    end = _SENTENCE_END_BY_LANGUAGE.get(language)
    per_word = CHARS_PER_WORD.get(language)
    if end is None and per_word is None:
        return
    for r in rows:
        if end is not None and not r.sentence_end:
            r.sentence_end = end.search(r.text[-8:]) is not None
        if per_word is not None:
            r.n_words = max(r.n_words, r.n // per_word)


def _evidence(rows: list[Row], threshold: float, repeated_lines: frozenset[str]) -> None:
    """Pass 1: notice rules and datelines (strong), quality, weak evidence."""
    for r in rows:
        r.reason = notice_reason(r)
        if not r.reason and r.n <= 90 and TODAY_RX.match(r.text) and DATE_RX.search(r.text):
            r.reason = "widget"  # "Today: Friday, June 2, 2023" is the clock, not a dateline
        if not r.reason and r.n <= 90 and is_dateline(r.text):  # (longer: never a dateline)
            r.reason = "dateline"
        if r.reason:
            continue
        r.good = (
            r.n >= 70
            and r.n_words >= 10
            and (r.sentence_end or _prose_block(r))
            and r.stop_ok(threshold)
            and r.links * 5 <= r.n_words
            and not r.text.isupper()
        )
        if r.text in repeated_lines:
            # Template lines are short or not prose; a well-formed sentence that recurs may be
            # syndicated body text, so repetition alone only weakens it.
            if not r.good:
                r.reason = "navigation"
                continue
            r.weak = "navigation"
        elif r.n <= 700 and bio_shaped(r.text):
            r.weak = "author_bio"
        elif list_like(r, threshold):
            r.weak = "tags"
        elif r.text.endswith(("...", "…")) and not r.sentence_like(threshold):
            r.weak = "navigation"
        elif r.good and teaser_above_link(rows, r.i):
            r.weak = "related"  # another page's teaser above its "Read more" link


def _prose_block(r: Row) -> bool:
    """A long paragraph of several sentences is prose even when its end is not a full stop:
    a colon before a quote or list, a tweet's signature, a wire code ("(Reuters) ... AB/CD")."""
    if r.n_words < 40 or r.text.startswith("<"):
        return False
    ends = [m.end() for m in _INNER_SENTENCE_END.finditer(r.text)]
    return len(ends) >= max(2, r.n_words // 40) and r.n - ends[-1] <= 0.25 * r.n


def _zone_edges(rows: list[Row], threshold: float, language: str) -> tuple[int, int]:
    """Pass 2: the first and last anchor (good, unflagged; weaker anchors when none). The
    article ends at a comment section's header: anchors after it are readers' comments."""
    anchors = [r.i for r in rows if is_anchor(r)]
    if not anchors:
        anchors = [r.i for r in rows if r.good and not r.reason]
    if not anchors:
        anchors = [r.i for r in rows if not r.reason and r.sentence_like(threshold)]
    if not anchors:
        return len(rows), -1
    for r in rows[anchors[1] if len(anchors) > 1 else len(rows) :]:
        comments = r.reason in STOPS
        if (
            comments
            or r.reason in ("author_bio", "widget")
            and _END_OF_ARTICLE.match(r.text)
            or teaser_block(rows, r.i)
        ):
            # A bare "12 comments" or "Author" may be a byline's; it ends the article when most
            # of the article is above it.
            before, after = _text_around(rows, anchors, r.i)
            if (
                comments
                and (_COMMENT_SECTION.search(r.text) or dated_entries(rows, r.i))
                or before >= after
            ):
                anchors = [i for i in anchors if i < r.i]
                break
        elif box := author_box(rows, r.i, anchors[0], language):
            # The writer's name and a paragraph about them, below most of the article.
            before, after = _text_around(rows, anchors, r.i)
            if before >= FURNITURE_SHARE * after:
                for j in box:
                    rows[j].reason = "author_bio"
                anchors = [i for i in anchors if i < r.i]
                break
        elif furniture_start(rows, r.i):
            # Most of the article above it, and not a long run of other lines between.
            before, after = _text_around(rows, anchors, r.i)
            above = max(i for i in anchors if i < r.i)
            between = sum(x.n for x in rows[above + 1 : r.i] if not x.reason)
            if before >= FURNITURE_SHARE * after and between < before:
                anchors = [i for i in anchors if i < r.i]
                break
    return anchors[0], anchors[-1]


def _text_around(rows: list[Row], anchors: list[int], i: int) -> tuple[int, int]:
    """Characters of the anchor paragraphs above row `i` and below it."""
    return sum(rows[j].n for j in anchors if j < i), sum(rows[j].n for j in anchors if j > i)


def _find_title(rows: list[Row], first: int) -> int | None:
    """Pass 3: the headline row: in the head zone, title-like, preferring one that reappears in
    a glued metadata run below it, then the first with five or more words."""
    head = [
        r
        for r in rows[: max(first, 0)]
        if (not r.reason or r.reason == "navigation" and r.weak) and r.title_like()
    ]
    for r in head:
        for other in rows[r.i + 1 : r.i + 4]:
            if r.text in other.text and other.text.find(r.text) > 0:
                return r.i
    long_ones = [r for r in head if r.n_words >= 5 and r.weak != "navigation"]
    if long_ones:
        return long_ones[0].i
    plain = [r for r in head if not r.weak]
    if plain:
        return plain[0].i
    # An all-capitals headline, when nothing else qualifies.
    caps = [
        r
        for r in rows[: max(first, 0)]
        if not r.reason and r.text.isupper() and 4 <= r.n_words <= 30 and not r.sentence_end
    ]
    return caps[0].i if caps else None


def _head_zone(rows: list[Row], first: int, threshold: float) -> None:
    """Pass 4: a sentence-like lead adjacent to the body stays; the rest is furniture."""
    lead = set()
    for j in range(first - 1, -1, -1):
        r = rows[j]
        if (
            r.reason and r.reason not in ("title", "dateline") and r.n_words <= 4
        ) or is_teaser_link(r.text):
            continue  # a short notice between lead and body ("Advertisement") does not end it
        if related_below_lead(rows, j):
            continue
        # a sentence repeated on other pages, or one above a "Read more" link (a lead cut short)
        doubted_sentence = r.weak in ("navigation", "related") and r.good
        if r.reason or (r.weak and not doubted_sentence):
            break
        if not (r.sentence_like(threshold) or _dateline_lead(r)):
            break
        lead.add(j)
    for r in rows[:first]:
        if r.reason or r.i in lead:
            continue
        r.reason = r.weak or "navigation"


def _dateline_lead(r: Row) -> bool:
    """A paragraph that opens with a wire dateline ("ЕРЕВАН, 14 мая 2023 — ...") and goes on as
    a sentence of six words or more: the article's first paragraph, whatever its stop words."""
    if not r.sentence_end or r.links or r.text.isupper():
        return False
    m = lead_dateline(r.text)
    return m is not None and len(r.text[m.end() :].split()) >= 6


def _tail_zone(rows: list[Row], last: int, threshold: float) -> None:
    """Pass 5: the body continues over sentence-like paragraphs (and a subheading or a
    bio-shaped sentence when more body follows) until the first furniture; the rest goes."""
    tail_keep: set[int] = set()
    pending: list[int] = []
    for j in range(last + 1, len(rows)):
        r = rows[j]
        repeated_sentence = r.weak == "navigation" and r.good
        if (
            r.reason
            or (r.weak in ("navigation", "tags") and not repeated_sentence)
            or r.links * 4 > r.n_words
        ):
            break
        if r.sentence_like(threshold):
            if r.weak and not repeated_sentence:
                pending.append(j)
                continue
            tail_keep.update(pending)
            pending.clear()
            tail_keep.add(j)
        elif not r.weak and r.title_like() and r.n_words <= 12:
            pending.append(j)
        else:
            break
    in_related = in_comments = False
    for r in rows[last + 1 :]:
        if r.i in tail_keep:
            continue
        if r.reason:
            in_related = r.reason == "related"
            in_comments = in_comments or r.reason in STOPS
            continue
        if in_comments and (r.sentence_like(threshold) or r.n_words >= 4):
            r.reason = "comments"
        elif r.weak:
            r.reason = r.weak
        elif in_related or r.title_like():
            r.reason = "related"
        else:
            r.reason = "navigation"


def _body_zone(rows: list[Row], first: int, last: int, patterned: set[int]) -> None:
    """Pass 6: headlines listed under a "Read also" header; bylines next to a bio."""
    n = len(rows)
    for j in range(max(first, 0), min(last + 1, n)):
        r = rows[j]
        if (
            not r.reason
            and j > 0
            and rows[j - 1].reason == "related"
            and r.title_like()
            and not r.sentence_end
        ):
            r.reason = "related"
    for j in range(1, n):
        if rows[j].reason != "author_bio":
            continue
        prev = rows[j - 1]
        if (
            prev.i > last
            and prev.i not in patterned
            and not prev.sentence_end
            and prev.n <= 80
            and prev.n_words <= 6
        ):
            prev.reason = "author_bio"  # the byline above a bio ("Jane Doe", "Jane@site.com")
        if j + 1 < n:
            nxt = rows[j + 1]
            if nxt.i not in patterned and nxt.reason == "navigation" and nxt.links and nxt.n <= 80:
                nxt.reason = "author_bio"


def _body_prose(
    rows: list[Row], first: int, last: int, patterned: set[int], threshold: float
) -> None:
    """Pass 6a: a long prose paragraph inside the body that a notice's keyword flagged ("the
    platform's subscription plans", "share the bathroom") is the article's: notices are short.
    So is a sentence of a `REPORTED_KEPT` notice there: a source says it ("…, she said")."""
    for r in rows[max(first, 0) + 1 : last]:
        long_prose = (
            r.i in patterned
            and r.reason in PROSE_KEPT
            and r.n_words >= NOTICE_MAX_WORDS
            and r.links * 5 <= r.n_words
        )
        if (long_prose or r.reason in REPORTED_KEPT) and r.sentence_end and r.stop_ok(threshold):
            r.reason = ""


#: A run of this many short lines inside the body is a menu, form or contact list, not a list of
#: the article's (which is shorter, or announced by a line ending in a colon).
MENU_RUN = 10


def _menu_runs(rows: list[Row], first: int, last: int) -> None:
    """Pass 6b: long runs of short non-sentences between body paragraphs are furniture."""
    j = max(first, 0)
    while j <= last:
        if not _menu_line(rows[j]):
            j += 1
            continue
        k = j
        while k <= last and _menu_line(rows[k]):
            k += 1
        announced = j > 0 and rows[j - 1].text.endswith(":")
        # A data table's cells are short lines too, with figures in many of them.
        table = sum(1 for r in rows[j:k] if _DIGIT.search(r.text)) >= 0.25 * (k - j)
        if k - j >= MENU_RUN and not announced and not table and not marked_list(rows[j:k]):
            for r in rows[j:k]:
                if not r.reason:
                    r.reason = "navigation"
        j = k


def _menu_line(r: Row) -> bool:
    return r.n_words <= 6 and not r.sentence_end and r.reason in ("", "navigation", "duplicate")


def _mark_header_widgets(rows: list[Row], title_i: int | None, first: int) -> None:
    """Pass 7: a temperature/city/today's-date cluster, or a weekday date above the title that
    navigation separates from it. Neither is a publication date."""
    limit = title_i if title_i is not None else min(first, len(rows))
    for j in range(0, max(limit, 0)):
        r = rows[j]
        if r.reason == "widget" and is_temperature(r.text):
            # Everything short from this temperature/counter up to a date within 3 rows.
            for k in range(j + 1, min(j + 4, limit)):
                nxt = rows[k]
                if nxt.n_words > 4 and nxt.reason != "dateline":
                    break
                if nxt.reason in ("", "navigation", "dateline"):
                    was_date = nxt.reason == "dateline"
                    nxt.reason = "widget"
                    if was_date:
                        break
        if r.reason == "dateline" and WEEKDAY_RX.search(r.text):
            between = rows[j + 1 : limit]
            if title_i is not None and any(b.reason not in ("dateline", "widget") for b in between):
                r.reason = "widget"


def _dup_key(text: str) -> str:
    return " ".join(text.split()).casefold()  # split() breaks at NBSP too


def _finish(
    rows: list[Row], title_i: int | None, language: str, threshold: float
) -> tuple[list[str], list[bool], list[str]]:
    """Pass 8: repairs, other-language paragraphs, duplicates; the three lists."""
    title = rows[title_i].text if title_i is not None else None
    seen: set[str] = set()
    if title:
        seen.add(_dup_key(title))
    texts, kept, reasons = [], [], []
    for r in rows:
        out = r.text
        if not r.reason:
            if title and r.i <= (title_i or 0) + 3:
                run = split_meta_run(out, title)
                if run is not None:
                    out = run[2]
                    if not out:
                        r.reason = "dateline"
                        out = r.text
            if not r.reason:
                out = repair(out)
                if not out:
                    r.reason, out = "embed_meta", r.text
        if (
            not r.reason
            and language not in (None, "und")
            and r.n_words >= 6
            and (r.stop is None or r.stop < threshold)
            and other_language(r.text, r.words, language)
        ):
            r.reason = "other_language"
        if not r.reason:
            key = _dup_key(out)
            if key in seen:
                r.reason = "duplicate" if title is None or key != _dup_key(title) else "title"
            seen.add(key)
        texts.append(out)
        kept.append(not r.reason)
        reasons.append(r.reason)
    _keep_repeated_labels(rows, kept, reasons)
    return texts, kept, reasons


def _keep_repeated_labels(rows: list[Row], kept: list[bool], reasons: list[str]) -> None:
    """A short line repeated between the first and last kept paragraphs is the article's own
    label ("Pros:", "Price: $20", "Our verdict"), repeated for each item it reviews, not a copy;
    so is a bulleted item it repeats (a training plan's "- Warm up ..." each week)."""
    inside = [i for i, k in enumerate(kept) if k]
    if not inside:
        return
    for i in range(inside[0], inside[-1]):
        if reasons[i] == "duplicate" and (rows[i].n_words <= LABEL_WORDS or bulleted(rows[i].text)):
            kept[i], reasons[i] = True, ""
