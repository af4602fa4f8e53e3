"""A saved web page (HTML) → its body text, one paragraph per line, and its metadata, offline.

trafilatura picks the main content; when it keeps clearly less than resiliparse's main-content
extractor finds on the same page (it took one block of a long article, or nothing), resiliparse's
text is used instead, and the cleaner then decides its paragraphs (menus, teasers and notices
that resiliparse keeps are the cleaner's work). Otherwise a block of resiliparse's text that
trafilatura skipped in the middle of the article (between text the two share) is put back where
it sits (`restore_skipped`). Measured on the wcxb dev set's tune part (body F1 after the
cleaner): trafilatura alone 0.929, with the fallback 0.941, with skipped blocks back 0.943 (see
README).
"""

from __future__ import annotations

import html as html_lib
import re

from ..raw import LoadError
from ..text import count_words, tokenize

__all__ = [
    "FALLBACK_SHARE",
    "GAP_WORDS",
    "MAX_HEADINGS",
    "extract_html",
    "extractor_version",
    "main_content_text",
    "page_title",
    "restore_skipped",
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
    if count_words(text) < FALLBACK_SHARE * count_words(alternative):
        text, extractor = alternative, "resiliparse"
        if doc is None:  # trafilatura gives no metadata without a body: ask for it alone
            data = _metadata_only(html)
    else:
        restored = restore_skipped(text, alternative)
        if restored != text:
            text, extractor = restored, "trafilatura+resiliparse"
    if not text.strip():
        raise LoadError(f"{rel}: HTML page with no article text that could be extracted")
    meta = {k: data.get(k) for k in ("title", "sitename", "date", "url", "hostname") if data.get(k)}
    # The headline, dateline and byline sit outside what trafilatura keeps: the metadata reads
    # them from the page as a reader sees it.
    headings: list[str] = []
    meta["page_text"] = visible_text(html, headings)
    if headings:  # the page's printed headline is one of its top headings (`<h1>`)
        meta["headings"] = headings
    meta["extractor"] = extractor
    own_title = page_title(html)
    if own_title:
        meta["html_title"] = own_title
    title = data.get("title") or ""
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
    resiliparse versions installed ("none" when absent), `FALLBACK_SHARE`, `GAP_WORDS` and
    `MAX_HEADINGS`. Meant for the ingest's cache key, so a page extracted by other rules is not
    reused."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for package in ("trafilatura", "resiliparse"):
        try:
            parts.append(f"{package}-{version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package}-none")
    return "+".join([*parts, f"share-{FALLBACK_SHARE}", f"gap-{GAP_WORDS}", f"h1-{MAX_HEADINGS}"])


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


#: How many of a page's top headings (`<h1>`) `visible_text` collects.
MAX_HEADINGS = 3


def visible_text(html: str, headings: list[str] | None = None) -> str:
    """A saved page's visible text, one block per line, as a reader's select-all copy gives it.

    Walks the tree without recursion (hostile pages nest deeply); hidden elements are skipped.
    When `headings` is a list, the texts of the page's first visible `<h1>` elements are
    appended to it (at most `MAX_HEADINGS`).
    """
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []
    hidden = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _HIDDEN:
                hidden += 1
            elif not hidden:
                if tag == "h1" and headings is not None and len(headings) < MAX_HEADINGS:
                    heading = " ".join(el.text_content().split())
                    if heading:
                        headings.append(heading)
                if tag in _BLOCKS:
                    parts.append("\n")
                if el.text:
                    parts.append(el.text)
            continue
        if tag in _HIDDEN:
            hidden -= 1
        elif not hidden and tag in _BLOCKS:
            parts.append("\n")
        if el.tail and not hidden:
            parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
