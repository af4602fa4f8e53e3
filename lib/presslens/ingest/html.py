"""A saved web page (HTML) → its body text, one paragraph per line, and its metadata, offline.

trafilatura picks the main content; when it keeps clearly less than resiliparse's main-content
extractor finds on the same page (it took one block of a long article, or nothing), resiliparse's
text is used instead, and the cleaner then decides its paragraphs (menus, teasers and notices
that resiliparse keeps are the cleaner's work). Otherwise a block of resiliparse's text that
trafilatura skipped in the middle of the article (between text the two share) is put back where
it sits (`restore_skipped`). When the page marks its main content with one `<main>` element,
lines the extractors took before or after it are dropped (`trim_to_main`). When trafilatura keeps
somewhat less than resiliparse, it runs again with `favor_recall` (`RECALL_SHARE`). Measured on
the wcxb dev set's tune part (body F1 after the cleaner): trafilatura alone 0.929, with the
fallback 0.941, with skipped blocks back 0.943, trimmed to `<main>` 0.946, with the wider
second run 0.947 (see README).
"""

from __future__ import annotations

import html as html_lib
import re

from ..raw import LoadError
from ..text import count_words, tokenize
from .html_title import headline_title

__all__ = [
    "FALLBACK_SHARE",
    "GAP_WORDS",
    "MAIN_SHARE",
    "MAX_HEADINGS",
    "RECALL_SHARE",
    "VISIBLE_RULES",
    "extract_html",
    "extractor_version",
    "main_content_text",
    "page_title",
    "restore_opening",
    "restore_skipped",
    "trim_to_main",
    "visible_text",
]

#: trafilatura's text is replaced by resiliparse's main content when it has fewer words than
#: this share of it. wcxb tune, F1 after cleaning: never 0.929; 0.5 0.936, 0.6 0.938,
#: 0.7 0.940 (34 of 526 pages), 0.8 0.941, 0.9 0.940, always the longer 0.938.
FALLBACK_SHARE = 0.7

#: A run of resiliparse lines that trafilatura lacks, between lines the two share, is put back
#: into trafilatura's text when it has at least this many words: a shorter run is mostly a
#: byline, a comment count or a button, which can make the cleaner end the article there.
#: wcxb tune, F1 after cleaning: none 0.941; runs of 1+, 10+, 20+ or 40+ words all 0.944 (the
#: ingest 0.943 at 20); runs before the first or after the last shared line put back too 0.936.
GAP_WORDS = 20

#: When trafilatura's text has at least `FALLBACK_SHARE` but fewer than this share of the words of
#: resiliparse's main content (resiliparse sees body that trafilatura judged boilerplate: a teaser
#: paragraph, a list, the end of the article), trafilatura runs again with `favor_recall` and that
#: text is used when it is longer; it then goes through `restore_skipped` and the rest as usual.
#: One page in seven runs trafilatura twice. wcxb tune, F1 after cleaning: 0.94661 -> 0.94718
#: (10 sites gain: 0027, 0184, 0455, 4041, 4249, 4265, 4363, 4420, 4506, 4620; none lose).
#: `favor_recall` on every page instead: raw text F1 0.922 -> 0.918 (it loses most of the body
#: on some pages), and on pages that fall back to resiliparse it does worse than the fallback.
RECALL_SHARE = 0.9

#: The extracted text is trimmed to the page's one `<main>` element (`trim_to_main`) when at least
#: this share of its words lie in it. wcxb tune, F1 after cleaning (extraction and cleaner only,
#: no metadata): never 0.9387; 0.4 0.9392; 0.6 0.9391 (6 sites gain, none lose); 0.8 0.9389;
#: 0.9 0.9387; every line not found in `<main>` dropped, not just those around it, 0.9369.
MAIN_SHARE = 0.6

#: The revision of `visible_text`'s rules (what counts as hidden, how a headline is read): part
#: of `extractor_version`, since the page's visible text feeds its title and date. 2: an `<h1>`
#: is its visible text only; the `hidden` attribute and an inline `display: none` or
#: `visibility: hidden` hide an element (wcxb tune: dates 363 -> 365, titles unchanged). 3: a
#: `<main>` or `<h1>` nested in another (invalid, but page builders write it) ends neither.
VISIBLE_RULES = 3


def extract_html(html: str, rel: str) -> tuple[str, dict]:
    """Body text (one paragraph per line, the headline on top) and metadata of a saved page.

    The metadata dict holds `title, sitename, date, url, hostname` where found, `html_title` (the
    page's own `<title>`, see `page_title`), `page_text` (the page as a reader sees it:
    `visible_text`), `headings` (its first `<h1>` texts, when it has any) and `extractor`
    (`trafilatura`, `resiliparse`, whichever text was kept, or `trafilatura+resiliparse` when
    blocks trafilatura skipped were put back). Raises `LoadError` naming `rel` when no text can be
    extracted.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,  # tables carry body text on real pages (wcxb tune: F1 +0.007)
        include_images=False,
        deduplicate=False,
        # Only a date the page states as its own: no guessing from copyright years or "today".
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    data = {}
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    extractor = "trafilatura"
    alternative = main_content_text(html)
    words, alternative_words = count_words(text), count_words(alternative)
    if FALLBACK_SHARE * alternative_words <= words < RECALL_SHARE * alternative_words:
        wider = _favor_recall(trafilatura, html)
        if count_words(wider) > words:
            text = wider
    if count_words(text) < FALLBACK_SHARE * alternative_words:
        text, extractor = alternative, "resiliparse"
        if doc is None:  # trafilatura gives no metadata without a body: ask for it alone
            data = _metadata_only(html)
    else:
        restored = restore_skipped(text, alternative)
        restored = restore_opening(restored, alternative, data.get("title") or "")
        if restored != text:
            text, extractor = restored, "trafilatura+resiliparse"
    # The headline, dateline and byline sit outside what trafilatura keeps: the metadata reads
    # them from the page as a reader sees it.
    headings: list[str] = []
    mains: list[str] = []
    page_text = visible_text(html, headings, mains)
    if len(mains) == 1:
        text = trim_to_main(text, mains[0])
    if not text.strip():
        raise LoadError(f"{rel}: HTML page with no article text that could be extracted")
    own_title = page_title(html)
    title, headings = headline_title(html, data, own_title, headings)
    if title:
        data["title"] = title
    meta = {k: data.get(k) for k in ("title", "sitename", "date", "url", "hostname") if data.get(k)}
    meta["page_text"] = page_text
    if headings:  # the page's printed headline is one of its top headings (`<h1>`)
        meta["headings"] = headings
    meta["extractor"] = extractor
    if own_title:
        meta["html_title"] = own_title
    # trafilatura drops the headline from the body; put it back on top so the cleaner sees the page
    # the way a reader does (it then removes it again as `title`). resiliparse's text may open
    # with a promo line before its headline: the headline goes on top of it too.
    return (f"{title}\n\n{text}" if title else text), meta


_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def page_title(html: str) -> str:
    """The page's own `<title>` (entities decoded, spaces collapsed; the first one, looked for
    in the first 200,000 characters); "" when there is none."""
    match = _TITLE.search(html, 0, 200_000)
    return " ".join(html_lib.unescape(match.group(1)).split()) if match else ""


def extractor_version() -> str:
    """What an HTML page's extracted text depends on besides its bytes: the trafilatura and
    resiliparse versions installed ("none" when absent), `FALLBACK_SHARE`, `RECALL_SHARE`,
    `GAP_WORDS`, `MAX_HEADINGS`, `MAIN_SHARE`, `VISIBLE_RULES` and the revisions of
    `restore_opening` and `html_title.headline_title`. Meant
    for the ingest's cache key, so a page extracted by other rules is not reused."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for package in ("trafilatura", "resiliparse"):
        try:
            parts.append(f"{package}-{version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package}-none")
    return "+".join(
        [*parts, f"share-{FALLBACK_SHARE}", f"recall-{RECALL_SHARE}", f"gap-{GAP_WORDS}"]
        + [f"h1-{MAX_HEADINGS}"]
        + [f"main-{MAIN_SHARE}", "opening-1", f"visible-{VISIBLE_RULES}"]
        + ["masthead-2"]  # the revision of `headline_title` (the title and headings kept)
    )


#: Han and kana: scripts written without spaces, where a token is a whole run; about two
#: characters make a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def _length(text: str) -> int:
    """About how many words `text` holds, in any script (Chinese and Japanese by characters)."""
    return count_words(text) + len(_UNSPACED.findall(text)) // 2


def _shingles(line: str) -> list[tuple[str, ...]]:
    """A line's 4-word shingles (the suite's lower-cased tokens; the whole line as one when it
    has fewer words)."""
    words = tokenize(line)
    return [tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3))] if words else []


def restore_skipped(text: str, alternative: str, min_words: int = GAP_WORDS) -> str:
    """`text` (trafilatura's lines) with the blocks of `alternative` (resiliparse's) that it
    skipped mid-article put back in place.

    A line of `alternative` is shared when at least half its 4-word shingles occur in `text`. A run
    of lines that are not shared, with shared lines before and after it and `min_words` words or
    more, goes in after the line of `text` that the shared line before it matches; a line of the
    run that holds some of `text` (a kept paragraph merged with more) stays out, so no paragraph
    is written twice. Runs before the
    first or after the last shared line (related stories, comments, promotions) stay out: a gain on
    many wcxb sites (e.g. 0027, 0058, 0089, 0488, 4249, 4620), against a few pages where the run is
    a promotion box (0098, 0240)."""
    lines = [line for line in text.split("\n") if line.strip()]
    others = [line for line in alternative.split("\n") if line.strip()]
    first_line: dict[tuple[str, ...], int] = {}
    for j, line in enumerate(lines):
        for shingle in _shingles(line):
            first_line.setdefault(shingle, j)
    match: list[int | None] = []
    overlaps: list[bool] = []  # the line holds some of `text` (a kept paragraph merged in it)
    for line in others:
        shingles = _shingles(line)
        hits = [first_line[s] for s in shingles if s in first_line]
        match.append(max(hits) if shingles and 2 * len(hits) >= len(shingles) else None)
        overlaps.append(bool(hits))
    shared = [k for k, j in enumerate(match) if j is not None]
    if len(shared) < 2:
        return text
    out: list[str] = []
    done = 0  # lines of `text` already written
    k = shared[0]
    while k <= shared[-1]:
        j = match[k]
        if j is not None:
            if j >= done:
                out.extend(lines[done : j + 1])
                done = j + 1
            k += 1
            continue
        end = k
        while match[end] is None:
            end += 1
        run = [line for line, seen in zip(others[k:end], overlaps[k:end], strict=True) if not seen]
        if _length(" ".join(run)) >= min_words:
            out.extend(run)
        k = end
    if len(out) == done:  # nothing put back: the text as it was
        return text
    out.extend(lines[done:])
    return "\n".join(out)


def restore_opening(text: str, alternative: str, headline: str, min_words: int = GAP_WORDS) -> str:
    """`text` with the article's opening that trafilatura skipped put back on top: the lines of
    `alternative` (resiliparse's) between the line that is the page's `headline` and the first
    line the two texts share, when they hold `min_words` words or more and none of `text`.
    Runs before the first shared line are mostly menus and promotions (`restore_skipped` leaves
    them out); below the printed headline they are the opening paragraphs (wcxb tune: 0045,
    0455, 4617 gain; 0178 loses 0.002)."""
    wanted = " ".join(headline.split()).casefold()
    if not wanted:
        return text
    seen = {s for line in text.split("\n") for s in _shingles(line)}
    others = [line for line in alternative.split("\n") if line.strip()]
    below = -1  # the last line that is the headline, before the first shared line
    for k, line in enumerate(others):
        shingles = _shingles(line)
        if shingles and 2 * sum(s in seen for s in shingles) >= len(shingles):
            break
        if " ".join(line.split()).casefold() == wanted:
            below = k
    else:
        return text  # no line shared: nothing to anchor the opening
    run = [
        line
        for line in others[below + 1 : k]
        if not any(s in seen for s in _shingles(line))  # no kept paragraph written twice
    ]
    if below < 0 or _length(" ".join(run)) < min_words:
        return text
    return "\n".join([*run, text])


def trim_to_main(text: str, main: str, share: float = MAIN_SHARE) -> str:
    """`text` without its lines before the first and after the last line found in `main` (the
    visible text of the page's one `<main>` element), when at least `share` of its words are
    found there: the page marks its own main content, and what the extractors took around it
    is a promotion, a call to action or a footer (wcxb tune: 0047, 0124, 0226, 0334, 4268,
    4620 gain, none lose). A line is found when at least half its 4-word shingles occur in
    `main`; lines between found ones stay (a box the page placed outside `<main>` mid-article is
    left to the cleaner)."""
    lines = [line for line in text.split("\n") if line.strip()]
    inside = {s for line in main.split("\n") for s in _shingles(line)}
    found = []
    for line in lines:
        shingles = _shingles(line)
        found.append(bool(shingles) and 2 * sum(s in inside for s in shingles) >= len(shingles))
    if True not in found:
        return text
    first, last = found.index(True), len(found) - found[::-1].index(True)
    if first == 0 and last == len(lines):
        return text
    words_in = sum(_length(line) for line, ok in zip(lines, found, strict=True) if ok)
    if words_in < share * _length(text):
        return text
    return "\n".join(lines[first:last])


def _favor_recall(trafilatura, html: str) -> str:
    """trafilatura's text of the page with `favor_recall` (its wider net), "" when it finds none."""
    return (
        trafilatura.extract(
            html,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
            with_metadata=False,
        )
        or ""
    )


def _metadata_only(html: str) -> dict:
    from trafilatura.metadata import extract_metadata

    try:
        doc = extract_metadata(
            html, date_config={"extensive_search": False, "original_date": True}, extensive=False
        )
    except Exception:  # metadata is a bonus: a page that trips it still gives its text
        return {}
    return doc.as_dict() if hasattr(doc, "as_dict") else {}


def main_content_text(html: str) -> str:
    """resiliparse's main-content text of a page (one block per line); "" when resiliparse is
    not installed or cannot parse the page."""
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree
    except ImportError:
        return ""
    try:
        tree = HTMLTree.parse(html)
        return extract_plain_text(  # reader comments are no body, as for trafilatura
            tree,
            main_content=True,
            comments=False,
            alt_texts=False,
            links=False,
            list_bullets=False,
        )
    except Exception:  # a page resiliparse cannot read: trafilatura's text stands
        return ""


#: Elements whose text a reader never sees, and elements that start a new line of text.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table td th tr ul time".split()
)
#: An inline style that hides its element (`display: none`, `visibility: hidden`).
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


#: How many of a page's top headings (`<h1>`) `visible_text` collects.
MAX_HEADINGS = 3


def _is_hidden(el, tag: str) -> bool:
    """Whether a reader never sees `el`: a script, style or template element, or one the page
    hides itself (the `hidden` attribute, an inline `display: none` or `visibility: hidden`)."""
    if not tag:  # a comment or processing instruction: no text of its own shown
        return False
    if tag in _HIDDEN:
        return True
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


def visible_text(
    html: str, headings: list[str] | None = None, mains: list[str] | None = None
) -> str:
    """A saved page's visible text, one block per line, as a reader's select-all copy gives it.

    Walks the tree without recursion (hostile pages nest deeply); hidden elements are skipped.
    When `headings` is a list, the visible texts of the page's first visible `<h1>` elements are
    appended to it (at most `MAX_HEADINGS`; a script, style or hidden label nested in an `<h1>`
    is no part of its headline). When `mains` is a list, the visible text of each visible
    `<main>` element (not nested in another) is appended to it.
    """
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []
    hidden = 0
    heading_at = -1  # where in `parts` the open `<h1>`'s text starts (-1: none open)
    main_at = -1  # the same for the open `<main>`
    heading_el = main_el = None  # the outermost open ones (an inner one closes neither)
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if _is_hidden(el, tag):
                hidden += 1
            elif not hidden:
                if tag == "h1" and heading_at < 0 and headings is not None:
                    if len(headings) < MAX_HEADINGS:
                        heading_at, heading_el = len(parts), el
                elif tag == "main" and main_at < 0 and mains is not None:
                    main_at, main_el = len(parts), el
                if tag in _BLOCKS:
                    parts.append("\n")
                if el.text:
                    parts.append(el.text)
            continue
        if _is_hidden(el, tag):
            hidden -= 1
        elif not hidden:
            if tag in _BLOCKS:
                parts.append("\n")
            if el is heading_el:
                heading = " ".join("".join(parts[heading_at:]).split())
                if heading:
                    headings.append(heading)
                heading_at, heading_el = -1, None
            elif el is main_el:
                mains.append(_lines("".join(parts[main_at:])))
                main_at, main_el = -1, None
        if el.tail and not hidden:
            parts.append(el.tail)
    return _lines("".join(parts))


def _lines(text: str) -> str:
    """`text` with spaces collapsed in each line and empty lines dropped."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
