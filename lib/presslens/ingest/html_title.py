"""An HTML page's title as its extractor read it, without the site's name printed as a masthead.

trafilatura takes a page's one `<h1>` for its title when the page has no `og:title`, and a blog
template's one `<h1>` may be the blog's name, linked to its home page (wcxb tune 0389, 0452).
Kept apart from `html` (the body's extraction) so the two change independently.
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urlsplit

__all__ = ["headline_title", "masthead_headings"]

#: The longest tag, or `<h1>` element, read: a hostile page's unclosed tags cost no more than
#: one scan each.
_MAX_TAG = 2000
_HREF = re.compile(
    r"""(?<![\w-])href\s*=\s*(?:"([^"]{0,2000})"|'([^']{0,2000})'|([^\s"'>]{1,2000}))""", re.I
)
_REL = re.compile(
    r"""(?<![\w-])rel\s*=\s*(?:"([^"]{0,200})"|'([^']{0,200})'|([^\s"'>]{1,200}))""", re.I
)
#: A path that is the site's root: "/" or "/index.html".
_ROOT_PATH = re.compile(r"/(?:index\.\w+)?", re.IGNORECASE)
#: An absolute link to a site's root ("https://example.org/", "//example.org").
_ROOT_URL = re.compile(r"(?:https?:)?//([^/?#\s]+)(?:/(?:index\.\w+)?)?", re.IGNORECASE)
_H1_OPEN = re.compile(rf"<h1\b[^>]{{0,{_MAX_TAG}}}>", re.IGNORECASE)
_OPEN_LINK = re.compile(r"<a\b[^>]*>(?:(?!</a\s*>).)*$", re.IGNORECASE | re.DOTALL)
_OG_TITLE = re.compile(
    r"""<meta\b(?=[^>]{0,2000}\bproperty\s*=\s*["']og:title["'])[^>]{0,2000}\bcontent\s*=\s*"""
    r"""(?:"([^"]{0,2000})"|'([^']{0,2000})')""",
    re.IGNORECASE,
)


def _host(host: str) -> str:
    host = host.lower().rsplit("@", 1)[-1].split(":", 1)[0].rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _attribute(rx: re.Pattern, tag: str) -> str | None:
    match = rx.search(tag)
    return (
        None
        if match is None
        else html_lib.unescape(next(g for g in match.groups() if g is not None))
    )


def _is_home_link(tag: str, host: str) -> bool:
    """Whether an `<a>` tag links to the site's home page: `rel="home"`, "/" or "/index.html",
    or an absolute link to the root of the page's own host ("https://example.org/"; any host
    when the page's is unknown). Never a relative self-link ("./") or another site's root."""
    rel = _attribute(_REL, tag)
    if rel is not None and "home" in rel.lower().split():
        return True
    href = (_attribute(_HREF, tag) or "").strip()
    if _ROOT_PATH.fullmatch(href):
        return True
    root = _ROOT_URL.fullmatch(href)
    return root is not None and (not host or _host(root.group(1)) == host)


def _h1_elements(html: str, end: int):
    """The inner HTML of each `<h1>` element in `html[:end]`, read without backtracking: the
    scan stops at the first `<h1>` never closed."""
    lower = None  # lower-cased once, at the first `<h1>`: most pages' scan ends at none
    pos = 0
    while (match := _H1_OPEN.search(html, pos, end)) is not None:
        lower = html[:end].lower() if lower is None else lower
        close = lower.find("</h1", match.end())
        if close < 0:
            return
        yield match.start(), html[match.end() : close]
        pos = close + 4


def _tag_text(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())


def masthead_headings(html: str, host: str = "") -> set[str]:
    """The texts of a page's `<h1>` elements that link to the site's home page: the site's name
    printed as a masthead (a blog template's "Jane's Blog"), never the article's headline (wcxb
    tune: such headings on 26 sites, none the gold title). `host` is the page's own host name
    when known: an absolute link to another host's root is no home link."""
    names = set()
    host = _host(host)
    for start, inner in _h1_elements(html, 500_000):
        opened = _OPEN_LINK.search(html, max(0, start - 300), start)
        first_link = re.match(
            r"\s*(?:<(?!a\b)[^>]{0,2000}>\s*)*(<a\b[^>]{0,2000}>)", inner[:_MAX_TAG], re.I
        )
        if (opened and _is_home_link(re.match(r"<a\b[^>]*>", opened.group(0)).group(0), host)) or (
            first_link and _is_home_link(first_link.group(1), host)
        ):
            text = _tag_text(inner)
            if text:
                names.add(text)
    return names


def headline_title(
    html: str, data: dict, own_title: str, headings: list[str]
) -> tuple[str, list[str]]:
    """The page's title as trafilatura read it and its top headings, without the site's name
    printed as a masthead (`masthead_headings`): trafilatura takes a page's one `<h1>` for its
    title when it has no `og:title`, and a blog's one `<h1>` may be the blog's name (wcxb tune
    0389, 0452). Such a title gives way to the page's `og:title`, else its `<title>` (without
    the name when it opens or ends with it: "example.org Headline")."""
    title = str(data.get("title") or "")
    host = str(data.get("hostname") or "") or (urlsplit(str(data.get("url") or "")).hostname or "")
    names = masthead_headings(html, host)
    if not names:
        return title, headings
    headings = [h for h in headings if h not in names]
    if " ".join(title.split()) not in names:
        return title, headings
    og = _OG_TITLE.search(html, 0, 200_000)
    declared = _tag_text(og.group(1) or og.group(2) or "") if og else ""
    declared = declared or own_title
    for name in names:  # matched case-insensitively, cut by the match's own length
        if opening := re.match(re.escape(name) + r"(?=\s)", declared, re.IGNORECASE):
            declared = declared[opening.end() :].lstrip(" |-–—:·•»")
        elif ending := re.search(r"(?<=\s)" + re.escape(name) + r"$", declared, re.IGNORECASE):
            declared = declared[: ending.start()].rstrip(" |-–—:·•»")
    return declared or title, headings
