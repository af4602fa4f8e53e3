"""A saved web page (HTML) → its body text, one paragraph per line, and its metadata, offline.

trafilatura picks the main content; when it keeps clearly less than resiliparse's main-content
extractor finds on the same page (it took one block of a long article, or nothing), resiliparse's
text is used instead, and the cleaner then decides its paragraphs (menus, teasers and notices
that resiliparse keeps are the cleaner's work). Measured on the wcxb dev set's tune part (body
F1 after the cleaner): trafilatura alone 0.929, with the fallback 0.940 (see README).
"""

from __future__ import annotations

import html as html_lib
import re

from ..raw import LoadError
from ..text import count_words

__all__ = [
    "FALLBACK_SHARE",
    "extract_html",
    "extractor_version",
    "main_content_text",
    "page_title",
    "visible_text",
]

#: trafilatura's text is replaced by resiliparse's main content when it has fewer words than
#: this share of it. wcxb tune, F1 after cleaning: never 0.929; 0.5 0.936, 0.6 0.938,
#: 0.7 0.940 (34 of 526 pages), 0.8 0.941, 0.9 0.940, always the longer 0.938.
FALLBACK_SHARE = 0.7


def extract_html(html: str, rel: str) -> tuple[str, dict]:
    """Body text (one paragraph per line, the headline on top) and metadata of a saved page.

    The metadata dict holds `title, sitename, date, url, hostname` where found, `html_title` (the
    page's own `<title>`, see `page_title`), `page_text` (the page as a reader sees it:
    `visible_text`) and `extractor` (`trafilatura` or `resiliparse`, whichever text was kept). Raises `LoadError` naming `rel` when no text can be extracted.
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
    if not text.strip():
        raise LoadError(f"{rel}: HTML page with no article text that could be extracted")
    meta = {k: data.get(k) for k in ("title", "sitename", "date", "url", "hostname") if data.get(k)}
    # The headline, dateline and byline sit outside what trafilatura keeps: the metadata reads
    # them from the page as a reader sees it.
    meta["page_text"] = visible_text(html)
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
    resiliparse versions installed ("none" when absent) and `FALLBACK_SHARE`. Meant for the
    ingest's cache key, so a page extracted without the fallback is not reused with it."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for package in ("trafilatura", "resiliparse"):
        try:
            parts.append(f"{package}-{version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package}-none")
    return "+".join([*parts, f"share-{FALLBACK_SHARE}"])


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


def visible_text(html: str) -> str:
    """A saved page's visible text, one block per line, as a reader's select-all copy gives it.

    Walks the tree without recursion (hostile pages nest deeply); hidden elements are skipped.
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
