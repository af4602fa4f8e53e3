"""An HTML page's title as its extractor read it, without the site's name printed as a masthead.

trafilatura takes a page's one `<h1>` for its title when the page has no `og:title`, and a blog
template's one `<h1>` may be the blog's name, linked to its home page (wcxb tune 0389, 0452).
Kept apart from `html` (the body's extraction) so the two change independently.
"""

from __future__ import annotations

import html as html_lib
import re

__all__ = ["headline_title", "masthead_headings"]

#: A link to the site's home page ("/", "https://example.org/", or marked `rel="home"`).
_HOME_LINK = re.compile(
    r"""<a\b[^>]*?(?:\brel\s*=\s*["']?home\b|\bhref\s*=\s*["']?"""
    r"""(?:\.?/|(?:https?:)?//[^/"'\s>]+/?)(?:index\.\w+)?(?=["'\s>]))[^>]*>""",
    re.IGNORECASE,
)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_OPEN_LINK = re.compile(r"<a\b[^>]*>(?:(?!</a\s*>).)*$", re.IGNORECASE | re.DOTALL)
_OG_TITLE = re.compile(
    r"""<meta\b(?=[^>]*\bproperty\s*=\s*["']og:title["'])[^>]*\bcontent\s*=\s*"""
    r"""(?:"([^"]*)"|'([^']*)')""",
    re.IGNORECASE,
)


def _tag_text(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())


def masthead_headings(html: str) -> set[str]:
    """The texts of a page's `<h1>` elements that link to the site's home page: the site's name
    printed as a masthead (a blog template's "Jane's Blog"), never the article's headline (wcxb
    tune: such headings on 26 sites, none the gold title)."""
    names = set()
    for match in _H1.finditer(html, 0, 500_000):
        inner = match.group(1)
        opened = _OPEN_LINK.search(html, max(0, match.start() - 300), match.start())
        first_link = re.match(r"\s*(?:<(?!a\b)[^>]*>\s*)*(<a\b[^>]*>)", inner, re.IGNORECASE)
        if (opened and _HOME_LINK.match(opened.group(0))) or (
            first_link and _HOME_LINK.match(first_link.group(1))
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
    names = masthead_headings(html) if "<h1" in html.lower() else set()
    if not names:
        return title, headings
    headings = [h for h in headings if h not in names]
    if " ".join(title.split()) not in names:
        return title, headings
    og = _OG_TITLE.search(html, 0, 200_000)
    declared = _tag_text(og.group(1) or og.group(2) or "") if og else ""
    declared = declared or own_title
    for name in names:
        low = declared.casefold()
        if low.startswith(name.casefold() + " "):
            declared = declared[len(name) :].lstrip(" |-–—:·•»")
        elif low.endswith(" " + name.casefold()):
            declared = declared[: -len(name)].rstrip(" |-–—:·•»")
    return declared or title, headings
