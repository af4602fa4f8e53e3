"""The outlet a page names itself as, and where that name came from.

Candidates, each with its source (the `outlet_source` column):

* `html`: the HTML site name (`og:site_name`);
* `url`: the host of the page's URL;
* `dateline`: a news agency naming itself in the lead's dateline ("ЕРЕВАН, 28 ФЕВРАЛЯ.
  АРМЕНПРЕСС", "Bakı, 28 fevral, AZƏRTAC");
* `title`: a site part of the page title ("Headline | Site", "Site - Headline"; not a last part
  that goes on from the headline: "Guide - From A Mechanic");
* `self`: the page referring to itself: its own domain written out ("© 2025 Example.com",
  "info@example.com": the one address a page gives is its own; a page giving several sites'
  addresses cites its sources), "About X", "Learn about X's", "The X Team", "X's Privacy
  Policy", "the X newsletter", "X is part of Owner" (also in a short row the cleaner kept),
  reuse terms ("hyperlink to X"), "More from X", an affiliate disclosure ("X may earn a
  commission", "X is reader-supported");
* `copyright`: the name in a copyright line ("© 2025 X", "X LLC. All rights reserved."; not
  "Copyright Office" in a headline), with legal suffixes (Inc., LLC, GmbH) cut; the more the
  page names it elsewhere, the surer, and surer still when the page's address writes it;
* the site's logo: a short name on the first row under a text dump's title line, counted
  only when a sentence of the page names it too (a menu item does not: "Products");
* "At X, we ...": as sure as an address seen once (a guest writer's firm speaks so too), it
  mostly gives a name its written form ("CR Maids" for crmaids.com).

The last two are reported as `self`. An "About X" or "More from X" naming the page's bylined writer is a person,
not the site (a person's byline only: not "By Reuters", "By X News Staff", "Published by X";
the writer's other phrases, "X's Privacy Policy", still count); a title part listing keywords ("Costs, Types & Savings") or dated ("Top Events
2026", "The Guide 2025") belongs to the headline.

An owner a page names ("X is part of Owner", "X is an Owner publication") or one listed in the
table of media owners (`outlet_names.MEDIA_OWNER_NAMES`) is never the
outlet (unless the page's URL is the owner's own); an abbreviation ("EIH", an e-mail host
"eih") joins the name it stands for, written in full (`outlet_names.abbreviates`);
a university or college holding the copyright is (`INSTITUTION_RX`: its department's name in the
title is a section of its site). A site hosted on a newsletter platform's subdomain names both
(`outlet_evidence.PLATFORMS`, applied by `metadata.infer_metadata`).

A copyright holder is often a parent company (a media group owning the site) and a credit line
names a photographer or a wire: a copyright name counts only when the page names it again
outside its copyright lines, and credit lines ("Photo: © X", "Image credit") are never read.
With the page's URL, only names that write the host's name count (`names_host`): a section,
a platform or a person in `og:site_name` or a title part gives way to the host. Across pages,
`settle_outlets` lets a title part shared by several pages of a folder (the site) replace a part
seen on one page (a columnist, a kicker).
Candidates are grouped by their letters ("Example.com", "EXAMPLE" and example.com are one), each
group weighed by its sources and by how many other rows of the page name it (not counting rows
that use a one-word name as an ordinary word: "Tested", "Project"), and the heaviest group's
most used written form is returned. The phrases that find a candidate in a row, and the count
of the page's other rows naming one, are in `outlet_evidence`.
"""

from __future__ import annotations

import re
from collections import defaultdict

from presslens import _compat

from .datelines import DATE_RX
from .outlet_evidence import (
    _CREDIT,
    _DOMAIN,
    _EMAIL,
    _LINK_TO,
    _SEEKS,
    _SUBSCRIBE_TO,
    DATELINE_AGENCY_RX,
    TRIGGERS,
    _common_word,
    _mentions,
    _self_names,
    bylined,
    copyright_name,
    first_person,
    masthead,
    url_host,
    writer_box,
)
from .outlet_names import (
    _CAMEL_WORD,
    _CORPORATE,
    _NOT_FIRST,
    _NOT_LAST,
    _NOT_NAMES,
    MEDIA_OWNERS,
    abbreviates,
    clean_name,
    host_label,
    names_host,
    outlet_key,
)
from .rowsearch import row_starts, rows_containing, rows_matching

__all__ = [
    "DATELINE_AGENCY_RX",
    "TITLE_SEPARATOR_RX",
    "TRIGGERS",
    "clean_name",
    "find_outlet",
    "host_label",
    "names_host",
    "outlet_key",
    "rows_containing",
    "rows_matching",
    "title_site_parts",
]

#: Weight of one piece of evidence by source; support from other rows is added on top.
SOURCE_WEIGHTS = {"html": 6.0, "url": 4.0, "dateline": 4.0, "title": 3.0, "self": 2.0,
                  "copyright": 1.0, "holder": 0.5, "core": 1.0, "domain": 1.0,
                  "email": 1.0, "masthead": 1.5, "voice": 1.0}  # fmt: skip
#: A copyright line naming no company (no "Media", "Group"): as sure as a title part.
LONE_COPYRIGHT_WEIGHT = 3.0
#: A university or college holding a page's copyright publishes it: its department's or
#: programme's name in the title ("Online Learning", "The Nutrition Source") is a section of
#: the institution's site (pages 0073, 0115, 0163, 4527). It counts as a title part on top.
INSTITUTION_BONUS = SOURCE_WEIGHTS["title"]
#: Most words of an institution's name ("Example University School of Information Studies").
INSTITUTION_MAX_WORDS = 7
_INSTITUTION_WORDS = (
    r"(?i:university|college|universität|hochschule|université|universidad|università|"
    r"universidade|университет)"
)
#: "Riverside College", "University of X", "Université de X", "Universität X", "Университет X"
#: (not "University Privacy": a menu glued to an English one).
INSTITUTION_RX = re.compile(
    rf"\w\s+{_INSTITUTION_WORDS}\b|\b{_INSTITUTION_WORDS}\s+(?i:of|de|di|du|des|do|da|für|del)\s|"
    r"\b(?i:universität|hochschule|université|universidad|università|universidade|университет)"
    r"\s+[A-ZÀ-ÖØ-ÞА-ЯЁ]"
)
#: Fewest sites' addresses (outside bylines and copyright lines) that make a list of sources.
CITED_HOSTS_MIN = 3
#: Least total weight an outlet needs (below it the page names no outlet we can trust).
MIN_WEIGHT = 2.5

#: A title part that starts in lower case ("eBay", "moveBuddha" are names, not lower case).
_LOWER_START = re.compile(r"^[\"'‘“«(]*[a-zà-öø-ÿа-яёəçğışöüա-ֆ](?![\w'’]*[A-ZÀ-ÖØ-Þ])")
#: What separates a title from the site's name: " | ", " - ", " – ", " — ", " · ", " • ", " :: ".
TITLE_SEPARATOR_RX = re.compile(r"\s+[|–—·•»-]\s+|\s*\|\s*|\s+::\s+")
#: A title part that labels a section or an edition, not a site ("Opinion", "US Edition").
SECTION_LABEL_RX = re.compile(
    r"^(?:(?:us|uk|u\.s\.|international|global|europe|asia|india|australia)\s+edition|"
    r"edition|opinion|opinions|news|latest news|blog|analysis|editorial|features?|reviews?|"
    r"sports?|business|politics|world|local)$",
    re.IGNORECASE,
)
#: A site's motto after its name ("Your town, every day.", "News for the harbour.").
_TAGLINE = re.compile(r"[.!]$|,\s")
#: A title part that goes on from the headline, not a site's name ("Guide - From A Mechanic",
#: "Plan | Powered by Example"): it starts with a preposition.
_CONTINUATION = re.compile(r"^(?:from|for|with|by|powered by|in|on|to|at|of)\s", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^()]{1,40}\)$")
#: A title part listing keywords, not a site's name ("Daily Rolls, Fresh Bowls, More",
#: "Coverage Types, Costs & Savings"): pages 4884, 4260, 4540.
_KEYWORDS = re.compile(r",.*,|,.*(?:&|\band\b)", re.IGNORECASE)
#: A year in a title part: a headline's ("Top Tech Conferences 2026"), pages 4367, 0089, 4884.
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def title_site_parts(title_line: str) -> list[str]:
    """The parts of a page title between separators ("Headline | Site" → both). A part that goes
    on in lower case words ("... — here's why", "Paros - the island that ...") continues the
    headline before it, not a site's name: it joins that part."""
    parts: list[str] = []
    for part in (p.strip() for p in TITLE_SEPARATOR_RX.split(title_line or "")):
        if not part:
            continue
        if parts and " " in part and _LOWER_START.match(part):
            parts[-1] = f"{parts[-1]} - {part}"
        else:
            parts.append(part)
    return parts


#: Longest kept row read for the site's phrases about itself ("About Example", "Example's
#: Privacy Policy"): a short row the cleaner kept may be one.
KEPT_SELF_MAX_CHARS = 120


def _candidates(
    rows: list[str], kept: list[bool], reasons: list[str], html_meta: dict, title_line: str
):
    """(name, source, row) for every piece of evidence on the page."""
    if html_meta.get("sitename"):
        yield str(html_meta["sitename"]), "html", -1
    url = str(html_meta.get("url") or html_meta.get("hostname") or "")
    # any top-level domain ("hommes.studio", "hamy.xyz"), not only those the text search knows
    host = url_host(url)
    if "." in host and host_label(host):
        yield host_label(host), "url", -1
    parts = title_site_parts(title_line)
    # "Headline | Site" or "Site - Headline"; a title with a date in a part ("... - Update of
    # 30/06/23") is a headline in parts, not a site's name.
    if len(parts) >= 2 and not DATE_RX.search(title_line):
        # A section or edition label ("| Opinion", "— US Edition") or a motto is not the site:
        # the part before it may be; "Name (ACRONYM)" is the name.
        tail = len(parts) - 1
        while tail > 1 and (SECTION_LABEL_RX.match(parts[tail]) or _TAGLINE.search(parts[tail])):
            tail -= 1
        # a part written as a site address ("Example.com™ | Section") is the site's name
        written = [p for p in parts if _DOMAIN.fullmatch(p.strip(" ™®"))]
        # a last part that goes on from the headline: the title names no site
        # a last part listing keywords ("Costs, Types & Savings") or a short dated one ("The
        # Ultimate Guide 2025", not a long headline: "Site | The 10 Best Sites for 2026") goes
        # on from the headline
        last = parts[tail]
        going_on = (
            _CONTINUATION.match(last)
            or _KEYWORDS.search(last)
            or (_YEAR.search(last) and len(last.split()) <= 5)
        )
        names = () if going_on else (parts[tail], parts[0])
        for part in written[:1] or names:
            part = _PARENTHESIS.sub("", part)
            if _YEAR.search(part):
                continue  # "Top Tech Conferences 2026 - The Events ...": the headline
            if len(part.split()) <= 5 and len(part) <= 50 and not SECTION_LABEL_RX.match(part):
                yield part, "title", 0
                if written:  # the page writing its own address: a self-reference too
                    yield part, "self", 0
                break
    yield from first_person(rows)
    logo = masthead(rows, kept, title_line)
    if logo and not SECTION_LABEL_RX.match(logo[0]):  # "Opinion" over the headline: a section
        yield logo[0], "masthead", logo[1]
    for i, text in enumerate(rows[:13]):
        if len(text) <= 600 and text != title_line:
            m = DATELINE_AGENCY_RX.match(text)
            if m and m.group("agency").upper() == m.group("agency"):
                yield m.group("agency"), "dateline", i
    short = [
        t if len(t) <= (KEPT_SELF_MAX_CHARS if k else 400) else ""
        for t, k in zip(rows, kept, strict=True)
    ]
    for i in rows_containing(TRIGGERS, short):
        text = rows[i]
        if title_line and text == title_line or _CREDIT.search(text):
            continue  # the title line; a credit names someone else
        yield from _self_names(text, rows, i)
        if kept[i]:
            continue  # a short row of the body: only the site's own phrases about itself count
        low = text.lower()
        if "©" in text or "copyright" in low or "(c)" in low or "rights reserved" in low:
            name = copyright_name(
                text, lambda n: not clean_name(n) or clean_name(n).lower() in _NOT_NAMES
            )
            if name:
                yield name, "copyright", i
        for m in _LINK_TO.finditer(text):
            yield m.group("name"), "self", i
        for m in _SUBSCRIBE_TO.finditer(text):
            yield m.group("name"), "self", i
        m = _SEEKS.match(text) if reasons[i] == "advert" else None
        if m and (m.group("qname") or m.group("name")):
            yield m.group("qname") or m.group("name"), "self", i
        if "." in text:
            # A site address in a byline, dateline or copyright line is the page's own.
            own = "self" if reasons[i] in ("author_bio", "copyright", "dateline") else "domain"
            for m in _DOMAIN.finditer(text):
                label = host_label(m.group("host"))
                if label:
                    yield label, own, i
        if "@" in text:
            for m in _EMAIL.finditer(text):
                label = host_label(m.group("host"))
                if label:
                    yield label, "email", i


def _join_abbreviations(groups: dict[str, list]) -> dict[str, set[str]]:
    """Groups whose every name abbreviates another group's name ("EIH" of "Example Institute
    of Harbourton", "TVP" of "The Valley Post") join that group: one site, counted once,
    written in full (pages 4576, 0119, 4796). Changes
    `groups` in place; returns each joined group's abbreviations (the page's rows naming one
    name the site too)."""
    aliases: dict[str, set[str]] = defaultdict(set)
    full = {
        k: n
        for k, f in groups.items()
        for n, s, _ in f
        if (s not in ("url", "domain", "email") and len(n.split()) >= 2) or _CAMEL_WORD.match(n)
    }
    for key in list(groups):
        names = {n for n, _, _ in groups[key]}
        written = {n for n, s, _ in groups[key] if s not in ("url", "domain", "email")}
        if not all(n.isupper() or not n.isalpha() or n.islower() for n in names):
            continue  # "Example": a name, not an abbreviation
        if any(n.isalpha() and not n.isupper() for n in written):
            continue
        target = next(
            (k for k, n in full.items() if k != key and k in groups and abbreviates(key, n)), None
        )
        if target is not None:
            # written in full; an address keeps its host's name (the URL's decides below)
            groups[target] += [
                (n if s in ("url", "domain", "email") else full[target], s, r)
                for n, s, r in groups.pop(key)
            ]
            aliases[target].add(key)
    return aliases


def find_outlet(
    rows: list[str],
    kept: list[bool],
    html_meta: dict | None = None,
    title_line: str = "",
    reasons: list[str] | None = None,
) -> tuple[str | None, str]:
    """The outlet a page names itself as and the source of that name (see the module), or
    `(None, "none")` when the page gives too little evidence."""
    html_meta = html_meta or {}
    groups: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    reasons = reasons if reasons is not None else [""] * len(rows)
    owners: set[str] = set()
    for name, source, row in _candidates(rows, kept, reasons, html_meta, title_line):
        if source == "owner":
            # the company that owns the site, and its name without "Publishing Group"
            owners |= {
                outlet_key(clean_name(name)),
                outlet_key(_CORPORATE.sub("", clean_name(name))),
            }
            continue
        if source == "copyright" and _CORPORATE.search(clean_name(name).strip(" .,")):
            source = "holder"  # a company's legal name: supports a candidate, never one alone
            core = _CORPORATE.sub("", clean_name(name)).strip(" ,.")
            if core and outlet_key(core) != outlet_key(clean_name(name)):
                # "Example Publications, Inc.": "Example" is the site when the page names it
                # elsewhere (a parent company is rarely named again).
                key = outlet_key(clean_name(core))
                if len(key) >= 3 and clean_name(core).lower() not in _NOT_NAMES:
                    groups[key].append((clean_name(core), "core", row))
        name = clean_name(name)
        most = INSTITUTION_MAX_WORDS if INSTITUTION_RX.search(name) else 5
        if len(name) < 2 or name.lower() in _NOT_NAMES or len(name.split()) > most:
            continue
        if name.split()[0].lower() in _NOT_FIRST or _NOT_LAST.search(name):
            continue
        key = outlet_key(name)
        if len(key) >= 2 and not key.isdigit():
            groups[key].append((name, source, row))
    # an owner the page names, or a media owner of the lexicon (unless the page's URL is its own)
    groups = {
        k: f
        for k, f in groups.items()
        if k not in owners and (k not in MEDIA_OWNERS or any(s == "url" for _, s, _ in f))
    }
    aliases = _join_abbreviations(groups)
    # the writer's box ("About Jane Roe", "More from Jane Roe") names a person the bylines name,
    # unless the site's address is the person's (a writer's own site)
    hosts = [n for f in groups.values() for n, s, _ in f if s in ("url", "domain", "email")]
    authors = {
        outlet_key(n)
        for n in bylined(rows)
        if not any(_CORPORATE.search(w) for w in n.split())
        and not any(names_host(n, h) for h in hosts)
    }
    for key in authors & set(groups):
        groups[key] = [c for c in groups[key] if c[1] != "self" or not writer_box(rows[c[2]])]
    groups = {k: f for k, f in groups.items() if f}
    cited = [k for k, f in groups.items() if any(s in ("domain", "email") for _, s, _ in f)]
    if len(cited) >= CITED_HOSTS_MIN:
        # many sites' addresses: the page cites its sources, none of them is the page's own
        groups = {k: [c for c in f if c[1] not in ("domain", "email")] for k, f in groups.items()}
        groups = {k: f for k, f in groups.items() if f}
    if not groups:
        return None, "none"
    shorts = [(t if len(t) <= 300 else "") for t in rows]
    title_rows = {i for i, t in enumerate(rows) if title_line and t == title_line}
    words = "\x00".join(shorts).casefold()
    starts = row_starts(shorts)
    # With the page's URL, the host decides: a name counts only if it writes the host's name
    # (a section, a platform or a person in `og:site_name` or a title part does not).
    host = next((n for f in groups.values() for n, s, _ in f if s == "url"), None)
    if host is not None:
        groups = {k: f for k, f in groups.items() if any(names_host(n, host) for n, _, _ in f)}
    best, best_weight = None, 0.0
    for key, found in groups.items():
        sources = {s for _, s, _ in found}
        own_rows = {r for _, s, r in found if s in ("copyright", "holder", "core")}
        others = _mentions(key, words, starts)
        for alias in aliases.get(key, ()):
            others |= _mentions(alias, words, starts)
        others -= own_rows | title_rows
        if others and _common_word(key, found, shorts):
            others = set()  # "Tested", "Report": the page uses the word, not the name
        # an address given as a link and as an email is one piece of evidence
        weight = sum(SOURCE_WEIGHTS[s] for s in {"domain" if s == "email" else s for s in sources})
        if sources <= {"copyright", "holder", "core"}:
            if "copyright" in sources:
                # a plain name in a copyright line (no "Inc.", "Media"): the site's own, more
                # surely so when the page names it again
                weight = LONE_COPYRIGHT_WEIGHT
            elif not others:
                continue  # a company named only as the holder: a parent company, not the site
        elif "copyright" in sources:
            # a plain copyright name the page also gives as its address (pages 4166, 0022): at
            # least as sure as a copyright name alone
            weight += LONE_COPYRIGHT_WEIGHT - SOURCE_WEIGHTS["copyright"]
        if "copyright" in sources and any(INSTITUTION_RX.search(n) for n, _, _ in found):
            weight += INSTITUTION_BONUS
        weight += 0.5 * min(len(others), 6)
        if sources == {"email"} and len(cited) == 1:
            weight = max(weight, MIN_WEIGHT)  # the one address on the page: the site's contact
        if weight > best_weight:  # ties: the first found (html, url, title, then page order)
            best, best_weight = key, weight
    if best is None or best_weight < MIN_WEIGHT:
        return None, "none"
    found = groups[best]
    ranked = (
        "html",
        "dateline",
        "title",
        "masthead",
        "voice",
        "copyright",
        "holder",
        "core",
        "self",
        "domain",
        "email",
        "url",
    )
    source = min({s for _, s, _ in found}, key=ranked.index)
    own = {"domain": "self", "email": "self", "masthead": "self", "voice": "self",
           "holder": "copyright"}  # fmt: skip
    source = own.get(source, "copyright" if source == "core" else source)
    written = [n for n, s, _ in found if s not in ("url", "domain", "email", "holder")]
    forms = written or [n for n, _, _ in found]
    counts: dict[str, int] = {}
    for n in forms:
        counts[n] = counts.get(n, 0) + 1
    name = max(counts, key=lambda n: (counts[n], -forms.index(n)))
    return name, source


# Across pages: `settle_outlets` moved to `outlet_folders` (it reads this module's names).
__getattr__ = _compat.moved(__name__, {"settle_outlets": "presslens.clean.outlet_folders"})
