"""Sanitising what notebooks show: no markup from the data ever runs in the report.

`clean_html` (nh3, the ammonia sanitiser) for HTML outputs and Markdown cells rendered to HTML,
`clean_markdown` for Markdown outputs (raw HTML escaped, script links disabled), and
`sanitize_output` for one output of an executed notebook (JavaScript dropped, scripted SVG
dropped). The one sanitised HTML fragment of the suite: nothing else cleans HTML.
"""

from __future__ import annotations

import html
import re

_ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br caption code col colgroup dd del details div dl dt em figcaption "
    "figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub "
    "summary sup table tbody td tfoot th thead tr u ul".split()
)
_ALLOWED_ATTRS = {
    "*": ["class", "id", "title", "align"],
    "a": ["href", "title"],
    "img": ["src", "alt", "width", "height"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
}


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in _ALLOWED_ATTRS.get("*", []) or name in _ALLOWED_ATTRS.get(tag, []):
        if name == "src":
            return value.startswith("data:image/") and not value.startswith("data:image/svg")
        if name == "href":
            return bool(re.match(r"^(https?:|mailto:|#|[\w./-]+$)", value))
        return True
    return False


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    return value if _allowed_attribute(tag, name, value) else None


_STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)
#: Anything shaped like a start or end tag: `<name ...>` or `</name>` (or cut off at the end).
_TAG_LIKE = re.compile(r"</?([A-Za-z][\w:.-]*)[^<>]*>?")


def _escape_unknown_tags(text: str) -> str:
    """Turn tags outside the allowed list into visible text (`<script>` -> `&lt;script&gt;`)."""

    def escape(match: re.Match) -> str:
        if match.group(1).lower() in _ALLOWED_TAGS:
            return match.group(0)
        return html.escape(match.group(0), quote=False)

    return _TAG_LIKE.sub(escape, text)


def clean_html(fragment) -> str:
    """Sanitise HTML from notebook outputs and markdown: no scripts, handlers, styles or frames.

    Keeps what reports need (tables, lists, emphasis, headings, data-URI images); other tags,
    such as a `<script>` from a scraped page, are turned into visible, inert text first, and the
    result goes through nh3 (the ammonia sanitiser), which alone decides what stays markup: only
    the allowed tags, attributes and URL schemes survive, whatever the first step made of the
    input.
    """
    import nh3

    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    text = _STYLE_BLOCK.sub("", text)  # pandas' table CSS: dropped, not shown as text
    return nh3.clean(
        _escape_unknown_tags(text),
        tags=set(_ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in _ALLOWED_ATTRS.items()},
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto", "data"},
        strip_comments=True,
    )


#: Raw HTML in Markdown (`<` starting a tag, comment or declaration) and script links.
_MARKDOWN_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_MARKDOWN_SCRIPT_LINK = re.compile(
    r"(\]\(\s*<?|^[ \t]*\[[^\]\n]*\]:[ \t]*<?)\s*(?:javascript|vbscript|data)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
#: What makes an SVG image active when inlined: scripts, handlers, script links, foreign HTML.
_SVG_ACTIVE = re.compile(
    r"<\s*script|\son[a-z]+\s*=|javascript\s*:|<\s*foreignObject|<\s*iframe|<\s*embed",
    re.IGNORECASE,
)
#: Output types that only carry code for the browser to run.
SCRIPT_MIMES = ("application/javascript", "text/javascript", "application/x-javascript")


def clean_markdown(text: str) -> str:
    """Markdown with no live markup: raw HTML shown as text, `javascript:` links disabled."""
    text = _MARKDOWN_SCRIPT_LINK.sub(lambda m: m.group(1) + "#blocked:", text)
    return _MARKDOWN_TAG.sub("&lt;", text)


def _text(value) -> str | None:
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return value if isinstance(value, str) else None


def sanitize_output(output) -> bool:
    """Strip live markup from one notebook output, in place; False when nothing is left.

    HTML goes through `clean_html`, Markdown through `clean_markdown`, JavaScript outputs are
    dropped and so is an SVG image with scripts or event handlers. Text, images and widget views
    are kept as they are.
    """
    data = output.get("data")
    if not isinstance(data, dict):
        return True
    had_data = bool(data)
    for mime in SCRIPT_MIMES:
        data.pop(mime, None)
    for mime, clean in (("text/html", clean_html), ("text/markdown", clean_markdown)):
        text = _text(data.get(mime))
        if text is not None:
            data[mime] = clean(text)
    svg = _text(data.get("image/svg+xml"))
    if svg is not None and _SVG_ACTIVE.search(svg):
        del data["image/svg+xml"]
    return bool(data) or not had_data
