"""Where on a page a site names itself: the phrases a row reads a site's name from.

`outlets.find_outlet` weighs candidates; this module holds what finds them in a row and what
counts the page's other mentions of one: a wire's dateline ("ЕРЕВАН, 28 ФЕВРАЛЯ. АРМЕНПРЕСС"),
a copyright line (not a credit line), "About X", "The X Team", "X's Privacy Policy", "X is part
of Owner", an affiliate disclosure ("X may earn a commission"), "hyperlink to X", "subscribe to
X", a job advert ("X is hiring"), a site's address or an e-mail host, a text dump's logo row
(`masthead`), "At X, we" (`first_person`), the names its bylines give (`bylined`), and
`TRIGGERS`, what a row must hold for any of them to be tried. Kept apart from the weighing so each stays readable; the
decision (which candidate wins, and from which source) stays in `outlets`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from .bylines import _ORG_TAILS
from .datelines import MONTH_PATTERN
from .rowsearch import led_by_first_chars

__all__ = ["DATELINE_AGENCY_RX", "TRIGGERS"]

_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁƏÇĞİÖŞÜԱ-Ֆ"
_LETTER_UP = rf"[{_UPPER}]"

#: A wire-style dateline whose agency names itself: "CITY, 28 MONTH[ YEAR]. AGENCY".
DATELINE_AGENCY_RX = re.compile(
    rf"^\s*(?:{_LETTER_UP}[\w’'-]+(?:[ -]{_LETTER_UP}?[\w’'-]+){{0,2}}),\s*\d{{1,2}}\s+(?:{MONTH_PATTERN})"
    rf"\.?(?:\s+\d{{4}})?(?:\s*(?:г\.|թ\.|il))?\s*[.,:/–—-]+\s*"
    rf"(?P<agency>{_LETTER_UP}[{_UPPER}0-9’'&-]+(?:[ -][{_UPPER}0-9’'&-]+){{0,2}})"
    r"(?=\s*(?:[.:,/–—-]|$))",
    re.IGNORECASE,
)
_NAME_TOKEN = rf"[{_UPPER}0-9][\w&'’+-]*(?:\.[\w&'’+-]+)*"
_CONNECT = r"(?:of|the|de|du|la|des|del|di|da|do|van|von|der|und|y|et|&|and|for|on)"
_NAME = rf"(?:(?=[{_UPPER}])|[a-z]+(?=[{_UPPER}])){_NAME_TOKEN}(?:[ \t]+(?:{_NAME_TOKEN}|{_CONNECT}(?=[ \t]+[{_UPPER}0-9])))*"
_QUOTED = r"[«\"“„](?P<qname>[^»\"”“]{2,50})[»\"”“]"
_COPY = r"(?:©|\([cC]\)|(?i:copyright))"
#: A copyright line's years and what separates them from the name ("© 2025 · Example").
_YEARS = r"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*[,.|·•]?\s*)"
_COPY_RIGHT = re.compile(
    rf"{_COPY}(?:\s*{_COPY})?\s*{_YEARS}?(?:by\s+)?(?:{_COPY}\s*)?{_YEARS}?(?:[-–—:]\s*)?"
    rf"(?:{_QUOTED}|(?P<name>(?:\d+[ \t]+(?=[{_UPPER}]))?{_NAME}))"
)
_COPY_LEFT = re.compile(rf"(?:^|[|•·]\s*)(?P<name>{_NAME})\s*,?\s*{_COPY}")
#: A name leading a rights line with no copyright mark before it ("Example Air LLC. All rights
#: reserved.", "Example Studio, Inc. - All Rights Reserved"): pages 1628, 4239, 4166.
_RESERVED_LEFT = re.compile(
    rf"^(?:[|•·]\s*)?(?P<name>{_NAME})(?:,\s*{_NAME_TOKEN})?\s*[.,]?\s*(?:[-–—|]\s*)?"
    r"(?i:all\s+rights\s+reserved)"
)
#: What follows the bare word "copyright" (no "©", no year) when it marks a copyright line
#: ("Copyright Example Ltd. All rights reserved", "Example | Copyright"), not when it is a
#: noun in a headline ("Copyright Office Weighs In", "AI Training and Copyright Infringement").
_BARE_END = re.compile(r"\s*(?:$|[.,;:|•·©(]|(?:19|20)\d\d|(?i:all\s+rights))")
#: Where a bare "Copyright" starts a copyright line: the row's start, a separator, a sentence end.
_BARE_START = re.compile(r"(?:^|[|•·–—-]\s*|[a-z]{2}[.!?]\s+)$")
_MARK = re.compile(r"©|\([cC]\)|(?:19|20)\d\d")
#: Credit lines name a photographer, an agency or a stock library, never the outlet.
_CREDIT = led_by_first_chars(  # (searched in thousands of rows: led by its first letters)
    re.compile(
        r"\b(?:photo|photos|image|images|picture|illustration|credit|credits|getty|shutterstock|"
        r"istock|alamy|reuters|associated press|afp|ap photo)\b",
        re.IGNORECASE,
    )
)

#: Names of a group within any organisation, not of a site ("The Leadership Team").
_TEAM_WORDS = (
    r"(?i:leadership|management|executive|faculty|support|sales|customer|marketing|research|"
    r"design|development|editorial|advisory|admissions|engineering|product|security|our)"
)
_SELF = re.compile(
    rf"^(?i:about|more from|more on|discover more from|learn about|why trust)\s+(?:(?i:the)\s+)?"
    rf"(?P<a>{_NAME})(?:['’]s?)?\s*[?!.:]?$|"
    rf"^(?i:the)\s+(?!{_TEAM_WORDS}\b)(?P<b>{_NAME})\s+(?i:team|editors|editorial team|staff)$"
)
#: A site naming its own policies or newsletter: "agree to Example's Privacy Policy", "Get the
#: Example newsletter", "Example's Editorial Guidelines".
_OWN_POLICY = re.compile(
    rf"(?:^|\s)(?P<name>{_NAME})['’]s?\s+(?i:privacy policy|privacy notice|terms of (?:use|service)|"
    r"cookie policy|editorial (?:guidelines|process|policy|standards))\b|"
    rf"\b(?i:the|our)\s+(?P<name2>{_NAME})\s+(?i:newsletters?)\b"
)
#: A site's affiliate disclosure: "Example may earn a commission", "Example is reader-supported".
_EARNS = re.compile(
    rf"(?:^|[.!?,:]\s+)(?P<name>{_NAME})\s+"
    r"(?:(?i:may|might|can|could|will)\s+(?i:earn|receive|get)|(?i:earns|receives|gets))\s+"
    r"(?i:an?\s+)?(?i:small\s+)?(?i:affiliate\s+)?"
    r"(?i:commissions?|compensation)\b|"
    rf"(?:^|[.!?]\s+)(?P<name2>{_NAME})\s+(?i:is\s+reader[- ]supported)\b"
)
_LINK_TO = led_by_first_chars(
    re.compile(
        r"(?i:(?:hyperlink|link|reference) to|ссылк\w* на|lien vers|link zu|enlace a)\s+"
        rf"(?:(?i:the)\s+)?(?P<name>{_NAME})"
    )
)
_TLD_WORDS = (
    r"(?:com|org|net|edu|gov|io|co|uk|news|info|ai|app|dev|blog|am|az|ru|tr|fr|de|es|pt|it|ge|"
    r"in|au|ca|ie|us)"
)
_SUBSCRIBE_TO = led_by_first_chars(
    re.compile(
        r"(?:(?i:subscription|subscribe)\s+to|(?i:abonnement|abonnieren|\bAbo|suscripción|"
        r"suscríbete|подписк\w*|abunə|abonelik|բաժանորդագր\w*)(?:\s+(?i:à|au|de|zu|a|на|für))?)"
        rf"\s+(?:(?i:the)\s+)?(?P<name>{_NAME})"
    )
)
_SEEKS = re.compile(
    r"^[\"“«„](?P<qname>[^\"”»“]{2,40})[\"”»“]\s+|"
    rf"^(?P<name>{_NAME})\s+(?=(?:seeks|is (?:looking|searching) for|is hiring|sucht|recherche|"
    r"busca|ищет)\b)"
)
#: A site naming itself and its owner: "Example is part of Parent Group", "Example is part of
#: the" (the owner on the next row), "Example is an Parent publication".
_PART_OF = re.compile(
    rf"^(?:(?i:the)\s+)?(?P<name>{_NAME})\s+(?i:is|are)\s+(?:"
    rf"(?i:a\s+)?(?i:part of)(?:\s+(?i:the))?(?:\s+(?P<owner>{_NAME}))?|"
    rf"(?i:an?)\s+(?P<owner2>{_NAME})\s+(?i:publication|brand|company|property|website|site)\b)"
)
_DOMAIN = re.compile(
    r"(?:https?://|(?<![\w@.-]))(?:www\.)?(?P<host>[a-z0-9][\w-]*(?:\.[\w-]+)*?\."
    + _TLD_WORDS
    + r")\b"
    r"(?![.-]\w|\()",
    re.IGNORECASE,
)
_EMAIL = re.compile(rf"[\w.+-]+@(?P<host>[\w-]+(?:\.[\w-]+)*?\.{_TLD_WORDS})(?![a-z])")

#: What a row must hold to name anything, lower case (found with `str.find` over the page:
#: far cheaper than a regular expression on every row).
TRIGGERS = (
    "©", "(c)", "copyright", "link", "reference", "ссылк", "lien", "enlace", "subscri", "abonn",
    "abo ", "suscr", "подписк", "abunə", "abonelik", "բաժանորդ", "seeks", "looking", "searching",
    "hiring", "sucht", "recherche", "busca", "ищет", "about", "more from", "more on", "@",
    " part of", "publication", "privacy policy", "privacy notice", "terms of", "cookie policy",
    "editorial", "newsletter", " team", " staff", " editors", "why trust", "learn about",
    "discover more", "commission", "reader-supported", "reader supported", "rights reserved",
    ".com", ".org", ".net", ".edu", ".gov", ".io", ".co", ".uk", ".news", ".info", ".ai", ".app",
    ".dev", ".blog", ".am", ".az", ".ru", ".tr", ".fr", ".de", ".es", ".pt", ".it", ".ge", ".in",
    ".au", ".ca", ".ie", ".us",
)  # fmt: skip


def copyright_name(text: str, no_name: Callable[[str], bool]) -> str | None:
    """The name a copyright line gives ("© 2025 Example", "Example ©", "Example LLC. All rights
    reserved."), None for none (`no_name`: a found name that is none, "Privacy Policy"). The
    bare word "copyright" marks a line only with a mark or a year, or when the name it gives
    ends there ("Copyright Example Ltd."), not in a headline ("Copyright Office Weighs In")."""
    m = _COPY_RIGHT.search(text)
    if m and not _MARK.search(m.group()):
        if not _BARE_END.match(text, m.end()) or not _BARE_START.search(text, 0, m.start()):
            m = None  # a name running on, or "the U.S. Copyright Office"
    name = (m.group("qname") or m.group("name")) if m else None
    if not name or no_name(name):
        m = _COPY_LEFT.search(text)
        if m and not m.group().endswith(("©", ")")) and not _BARE_END.match(text, m.end()):
            m = None  # "AI Training and Copyright Infringement"
        name = m.group("name") if m else None
    if not name and "rights reserved" in text.lower():
        m = _RESERVED_LEFT.match(text)
        name = m.group("name") if m else None
    return name


#: Page furniture above a site's logo: skip links, menu and search buttons, buttons that call
#: to act ("Start Here", "Sign In", "Subscribe Now").
_FURNITURE = re.compile(
    r"^(?:skip to\b.*|skip navigation|(?:open |close |main )?menu|search|close|toggle\b.*|"
    r"navigation|logo|home|(?:start|sign|log|get|join|subscribe|shop|donate|book|buy|try|"
    r"register|download|contact|follow|listen|watch|read|explore|see|view|go)\b.{0,20})$",
    re.IGNORECASE,
)
#: A row above the logo that announces something ("See how the holiday affects ...").
ANNOUNCEMENT_MIN_WORDS = 7
#: A row written as a name: capitalised words or a site address, nothing after it.
_MASTHEAD = re.compile(
    rf"^{_NAME_TOKEN}(?:[ \t]+(?:[a-z]{{1,3}}[ \t]+)?{_NAME_TOKEN})*$|^[\w-]+\.{_TLD_WORDS}$"
)
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
#: Rows after the title line searched for the site's logo (past the skip links).
MASTHEAD_ROWS = 4


def masthead(rows: list[str], kept: list[bool], title_line: str) -> tuple[str, int] | None:
    """The site's name printed as its logo: the first row after the title line (skip links,
    menu and search buttons aside) when it is a short name ("Example-Tests.org",
    "Examplesprout", "Example Data Blog"), with its row; None when that row is anything else
    (a menu item is weighed like any name: it needs the page to name it again)."""
    start = 1 if rows and title_line and rows[0] == title_line else 0
    for i in range(start, min(len(rows), start + MASTHEAD_ROWS)):
        text = rows[i].strip()
        words = text.split()
        if not text or _FURNITURE.match(text) or text == title_line:
            continue
        if not kept[i] and len(words) >= ANNOUNCEMENT_MIN_WORDS:
            continue
        if kept[i] or len(words) > 4 or len(text) > 40 or not _MASTHEAD.match(text):
            return None
        if _PLURAL_ACRONYM.match(text):
            return None  # "MSPs", "CEOs": a kind of reader, not a name
        if len(words) == 1 and "." not in text:
            # a menu item the page also writes as a word ("Leadership", "Franchise", "Movies")
            word = re.compile(rf"(?<![\w.@/-]){re.escape(text.lower())}(?![\w@-]|\.\w)")
            if any(word.search(r) for r in rows if text.lower() in r):
                return None
        return (text, i) if _in_prose(text, rows) else None
    return None


#: Fewest words of a row that is prose (a sentence), not a menu or a heading.
PROSE_MIN_WORDS = 8
#: Most share of a sentence's words that start with a capital (more: a headline in title case).
PROSE_MAX_CAPITALISED = 0.4
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s*)$")


def _in_prose(name: str, rows: list[str]) -> bool:
    """Whether a sentence of the page names `name` within it, capitalised ("the head of
    marketing at Examplesprout"): a site's name is; a menu item ("Products", "Wine Regions")
    is a heading, or a word in lower case, or a sentence's first words."""
    name = re.sub(rf"\.{_TLD_WORDS}$", "", name)  # "Example-Tests.org" as "Example Tests"
    parts = [re.escape(w) for w in re.findall(r"[^\W_]+", name)]
    if not parts:
        return False
    probe = re.compile(r"(?<!\w)" + r"[\W_]*".join(parts) + r"(?!\w)", re.IGNORECASE)
    low = parts[-1].lower().replace("\\", "")
    for row in rows:
        if low not in row.lower() or len(row.split()) < PROSE_MIN_WORDS:
            continue
        words = row.split()
        if sum(w[:1].isupper() for w in words) > PROSE_MAX_CAPITALISED * len(words):
            continue  # a headline in title case, a list of tags
        for m in probe.finditer(row):
            if m.group()[0].isupper() and not _SENTENCE_START.search(row[: m.start()].rstrip()):
                return True
    return False


#: A site speaking of itself in the first person: "At Example, we ...", "Here, at the Example
#: Host, we've ..." (pages 0359, 4070, 0298).
_AT_WE = re.compile(
    rf"(?:^|[.!?]\s+|(?i:here),\s+)(?i:at)\s+(?P<name>(?:(?i:the)\s+)?{_NAME}),\s+(?i:we|our)\b"
)


def first_person(rows: list[str]):
    """(name, "voice", row) for each "At Example, we" in the page's rows, however long (a
    guest writer speaks so of the firm they work for: as sure as a site address seen once)."""
    for i, text in enumerate(rows):
        if ", we" in text or ", our" in text or ", We" in text or ", Our" in text:
            for m in _AT_WE.finditer(text):
                yield m.group("name"), "voice", i


#: A byline row ending with its author's name ("Written by Jane Roe", "Updated on May 2, 2024
#: by Jane Roe", "By Jane Roe"); not a site's credit ("Published by Example Herald").
_BYLINE_END = re.compile(rf"(?:^|\s)(?:by|By|BY)\s+(?P<name>{_NAME})\s*$")
#: What a site's credit says before "by" ("Published by", "Powered by", "Designed by").
_CREDITED = re.compile(
    r"\b(?i:published|powered|designed|developed|hosted|sponsored|presented|operated|owned|"
    r"brought to you)$"
)
#: Longest row read as a byline.
BYLINE_MAX_CHARS = 120
#: Words of an outlet's or a desk's name, never of a person's ("By Example News Staff"); a
#: company's words ("Media", "Group") are `outlets._CORPORATE`'s.
_OUTLET_WORDS = _ORG_TAILS | frozenset(
    "news herald times post press journal gazette tribune daily weekly chronicle magazine wire "
    "report reports today agency review insider online digital radio tv".split()
)
#: A person's name in a byline: two or three capitalised words ("Jane Roe", "Jane van Roe").
BYLINE_NAME_WORDS = (2, 3)


def writer_box(text: str) -> bool:
    """Whether a row is a writer's box heading: "About Jane Roe", "More from Jane Roe"."""
    m = _SELF.match(text)
    return bool(m and m.group("a")) and not text.lower().startswith("why trust")


def bylined(rows: list[str]) -> set[str]:
    """The persons the page's bylines name, its authors (an "About Jane Roe" box or "More from
    Jane Roe" under the article names the writer, not the site): two or three capitalised
    words, none an outlet's ("By Reuters", "By Example News Staff" name no person)."""
    found = set()
    for row in rows:
        if len(row) <= BYLINE_MAX_CHARS and "by" in row.lower():
            m = _BYLINE_END.search(row)
            if not m or _CREDITED.search(row[: m.start()].rstrip()):
                continue
            words = [w for w in m.group("name").split() if w[:1].isupper()]
            least, most = BYLINE_NAME_WORDS
            if least <= len(words) <= most and m.group("name")[:1].isupper():
                if not any(w.lower().strip(".,") in _OUTLET_WORDS for w in words):
                    found.add(m.group("name"))
    return found


_POSSESSIVE = re.compile(r"['’]s?$")


def _self_names(text: str, rows: list[str], i: int):
    """(name, source, row) of a row's phrases about the site itself: "About X", "The X Team",
    "X's Privacy Policy", "the X newsletter", "X is part of Owner" (the owner as `owner`)."""
    m = _PART_OF.match(text) if " is " in text or " are " in text else None
    if m:
        yield m.group("name"), "self", i
        owner = m.group("owner") or m.group("owner2")
        if not owner and i + 1 < len(rows) and len(rows[i + 1].split()) <= 5:
            owner = rows[i + 1]  # "Example is part of the" / "Parent Publishing Group"
        if owner:
            yield _POSSESSIVE.sub("", owner), "owner", i
    if len(text) <= 60:
        m = _SELF.match(text)
        if m and m.group("a"):
            yield _POSSESSIVE.sub("", m.group("a")), "self", i  # "Learn about Example's"
        elif m:
            yield m.group("b"), "self", i
    if "commission" in text or "reader" in text:
        for m in _EARNS.finditer(text):
            yield m.group("name") or m.group("name2"), "self", i
    if len(text) <= 200:
        for m in _OWN_POLICY.finditer(text):
            yield m.group("name") or m.group("name2"), "self", i


_NOT_LETTERS = re.compile(r"[\W_]+")


def _mentions(key: str, words: str, starts: list[int]) -> set[int]:
    """The rows of `words` (case-folded rows joined by NUL; `starts`: where each begins) that
    name `key`: its letters in a row's letters, spaces and punctuation aside ("Harbour-Herald"
    names "harbourherald"); a short key only as a word."""
    # a long key's last letters: its first may be cut by punctuation ("S&P Global")
    probe = key if len(key) <= 4 else key[-3:]
    found, at = set(), words.find(probe)
    while at >= 0:
        i = bisect.bisect_right(starts, at) - 1
        nxt = starts[i + 1] if i + 1 < len(starts) else len(words) + 1
        row = words[starts[i] : nxt - 1]
        if len(key) <= 4:
            end = at + len(key)
            if (at == 0 or not words[at - 1].isalnum()) and (
                end >= len(words) or not words[end].isalnum()
            ):
                found.add(i)
            at = words.find(probe, at + 1)
            continue
        if key in row or key[-3:] in row and key in _NOT_LETTERS.sub("", row):
            found.add(i)
        at = words.find(probe, nxt)
    return found


def _common_word(key: str, found: list, rows: list[str]) -> bool:
    """Whether a one-word name is an ordinary word of the page's language: the page writes it
    in lower case more often than capitalised ("tested", "project"), so a row holding it does
    not name the site."""
    names = {n for n, s, _ in found if s not in ("url", "domain", "email")}
    if not names and all(s in ("domain", "email") for _, s, _ in found):
        # an address seen once ("vs Example.io"): its name as a word of the page ("example")
        names = {n for n, _, _ in found}
    if not names or any(len(n.split()) > 1 or not n.isalpha() for n in names):
        return False
    written = None  # compiled for the first row that holds the key (most pages have none)
    lower = shown = 0
    for r in rows:
        if key in r.casefold():
            if written is None:
                written = re.compile(
                    rf"(?<![\w.@/-]){re.escape(key)}(?![\w@-]|\.\w)", re.IGNORECASE
                )
            for m in written.finditer(r):
                lower, shown = (lower + 1, shown) if m.group().islower() else (lower, shown + 1)
    return lower > shown


#: Newsletter and blog platforms that host a site on a subdomain of their own
#: ("name.substack.com"): (platform's name, its host, the footer the platform prints on every
#: page it hosts). A site there is the platform's as much as its writer's, so its outlet names
#: both ("Marco's Notes (Substack)"): writers stay apart, the platform is not lost.
#: Seen on pages 0416, 0434, 2414, 4441 (Substack) and 0412, 0493 (Bear).
PLATFORMS = (
    (
        "Substack",
        "substack.com",
        re.compile(r"^(?:Start your Substack|Substack is the home for\b)", re.M),
    ),
    ("Bear Blog", "bearblog.dev", re.compile(r"^Powered by Bear\b", re.M)),
)


def url_host(url: str) -> str:
    """The lower-cased host of `url` ("https://Name.Substack.com/p/x", "name.substack.com/p"),
    whatever its top-level domain; "" for none or a malformed URL."""
    url = str(url or "").strip()
    try:
        return (urlsplit(url if "//" in url else "//" + url).hostname or "") if url else ""
    except ValueError:  # "https://[example.com/path": an unclosed IPv6 bracket
        return ""


def hosting_platform(rows: list[str], url: str = "") -> tuple[str | None, str | None]:
    """The platform hosting a page (`PLATFORMS`) and the site's own label on it: from the URL's
    host when there is one ("name.substack.com": Substack, "name"), else from the platform's
    footer among the page's rows (the label unknown); (None, None) for a site on its own host."""
    name = url_host(url)
    if "." in name:
        for platform, own, _ in PLATFORMS:
            if name == own or name.endswith("." + own):  # ("substack.com/home/post/...")
                return platform, name[: -len(own) - 1].rsplit(".", 1)[-1] or None
        return None, None
    short = "\n".join(r for r in rows if len(r) <= 200 and "\n" not in r)  # one scan per platform
    for platform, _, footer in PLATFORMS:
        if footer.search(short):
            return platform, None
    return None, None


def on_platform(outlet: str | None, platform: str | None) -> str | None:
    """`outlet` with the platform hosting it ("Name (Substack)"); the platform alone for a page
    that names no outlet; unchanged when the name already writes the platform's."""
    if platform is None:
        return outlet
    if not outlet:
        return platform
    key, own = re.sub(r"\W+", "", outlet.casefold()), re.sub(r"\W+", "", platform.casefold())
    return outlet if own in key else f"{outlet} ({platform})"
