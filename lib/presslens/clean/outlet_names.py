"""How a site's name is written: the forms `outlets.find_outlet` compares and cleans.

A candidate's letters (`outlet_key`: "The Example Times", "EXAMPLE TIMES" and
exampletimes.com are one), a host's name part (`host_label`), whether a name writes a host's
(`names_host`), a name without its copyright mark, legal suffix or years (`clean_name`), the
initials a name is abbreviated to (`initials`, `abbreviates`: "EIH" of "Example Institute of
Harbourton") and the media owners (`MEDIA_OWNER_NAMES`, compared as `MEDIA_OWNERS`: companies
that own sites and are never one). Split from `outlets` so the weighing stays readable.
"""

from __future__ import annotations

import os
import re

from .outlet_evidence import _CONNECT

_LEGAL = re.compile(
    r"(?:[,\s]+(?:inc|incorporated|llc|l\.l\.c|ltd|limited|plc|gmbh|ag|s\.?a|b\.?v|n\.?v|pty|"
    r"pte|corp|corporation|co|company|group|holdings|oy|ab|as|srl|spa|ug|haftungsbeschränkt|"
    r"private\s+limited|pvt\.?\s+ltd|"
    r"\(haftungsbeschränkt\)|and affiliated companies|all|rights|reserved)\.?)+$",
    re.IGNORECASE,
)
_SOCIAL_HOSTS = frozenset(
    "twitter x facebook youtube youtu instagram t telegram linkedin tiktok vk ok whatsapp wa "
    "pinterest reddit google apple gmail yahoo hotmail outlook mail yandex proton protonmail "
    "icloud example wordpress blogspot medium substack bit ow goo amazon wikipedia github "
    "schema w3 gravatar cloudflare wp jquery mozilla microsoft bsky threads bearblog".split()
)
_TLDS = frozenset(
    "com net org info biz news co eu io tv me am at au az be bg by ca ch cz de dk es fi fr ge gr "
    "hu ie in it kz nl no pl pt ro ru se sk tr ua uk us edu gov ac ai app dev xyz online site "
    "blog sg is".split()
)
_SUBDOMAINS = frozenset("www m en amp news blog blogs edition uk us".split())
_NOT_NAMES = frozenset(
    "now today here our premium plus free digital newsletter the a an this all more news online "
    "unlimited copyright policy privacy notice us it its guidelines home menu search contact "
    "about team cookies disclaimer sitemap login subscribe advertising infringement clipboard "
    "cta select website site terms rights reserved me".split()
) | {"privacy policy", "cookie policy", "terms of use", "all rights reserved", "sign in",
     "full access", "our site", "rights reserved"}  # fmt: skip


#: A company's legal name (the holder of a site's copyright, often its parent company).
_CORPORATE = re.compile(
    r"(?:\b(?:inc|incorporated|llc|l\.l\.c|ltd|limited|plc|gmbh|ag|s\.a|b\.v|n\.v|pty|pte|"
    r"corp|corporation|company|group|holdings|media|publishing|publications|network|networks|"
    r"interactive|enterprises|communications|brands|partners|ventures|ug)\.?|"
    r"\(haftungsbeschränkt\)|affiliated companies)$",
    re.IGNORECASE,
)
#: Last words of a phrase that is not a name ("Terms and Privacy Policy", "About the Author").
_NOT_LAST = re.compile(r"\b(?:policy|terms|conditions|notice|author|authors)$", re.IGNORECASE)
#: Words a name's initials skip ("New York Times" ~ "nyt").
_NOT_INITIALS = frozenset("the of and for on".split())
#: First words of a phrase that is not a name ("Our Newsletter", "Your Account").
_NOT_FIRST = frozenset(
    "our your my his her their this these free email new get we you they".split()
)


def host_label(host: str) -> str | None:
    """The name part of a host ("www.example.co.uk" → "example"), None for social hosts."""
    parts = [p for p in host.lower().split(".") if p]
    if len(parts) > 1:
        parts.pop()  # the top-level domain, whichever it is
    while len(parts) > 1 and parts[-1] in _TLDS:
        parts.pop()  # a second level ("co.uk", "com.au")
    parts = [p for p in parts if p not in _SUBDOMAINS] or parts
    if not parts:
        return None
    label = parts[-1]
    return None if label in _SOCIAL_HOSTS or len(label) < 2 else label


def names_host(name: str, label: str) -> bool:
    """Whether `name` is a written form of a host's name part `label` ("The Example Times" of
    "exampletimes", "New York Example" of "nyexample", "Example" of "exampleonline")."""
    key, label = outlet_key(name), re.sub(r"[\W_]+", "", label.casefold())
    if len(key) < 2 or len(label) < 2:
        return False
    if label in key or len(key) >= 3 and key in label:
        return True
    words = [w for w in re.findall(r"\w+", name.casefold()) if w not in _NOT_INITIALS]
    initials = "".join(w[0] for w in words)
    shared = len(os.path.commonprefix([key, label]))
    return len(initials) >= 2 and label.startswith(initials) or shared >= min(6, len(label))


def outlet_key(name: str) -> str:
    """A name's letters, case-folded, without a leading article or a domain ending."""
    s = name.casefold().strip()
    s = re.sub(r"^(?:the|le|la|les|der|die|das|el)\s+", "", s)
    s = re.sub(r"^(?:https?://)?(?:www\.)?", "", s)
    s = re.sub(r"(?:\.(?:" + "|".join(sorted(_TLDS)) + r"))+$", "", s)
    return re.sub(r"[\W_]+", "", s)


#: Years after a name in a copyright line ("Example 2015-2025").
_TRAILING_YEARS = re.compile(r"(?:[\s,.-]+(?:19|20)\d\d)+\s*$")


def clean_name(name: str) -> str:
    """A candidate name without punctuation around it, a leading "Copyright" or legal suffixes."""
    name = re.sub(r"^(?:copyright|©|by)\s+|^©", "", name.strip(), flags=re.IGNORECASE)
    name = _LEGAL.sub("", name.strip(" \t.,;:!?-–—|\"'“”«»®™"))
    name = name.strip(" \t.,;:!?-–—|\"'“”«»®™")
    name = _TRAILING_YEARS.sub("", name)
    words = name.split()
    while words and words[-1].lower() in _CONNECT.strip("(?:)").split("|"):
        words.pop()
    return " ".join(words)


_CAMEL_WORD = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")
#: Fewest letters of an abbreviation joined to the name it stands for ("EIH", not "HR").
ABBREVIATION_MIN_LETTERS = 3
_CAMEL = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+|[A-ZÀ-ÖØ-Þ]+(?![a-zà-öø-ÿ])|[a-zà-öø-ÿ]+|\d+")


def initials(name: str) -> set[str]:
    """The ways `name` is abbreviated, case-folded: every word's first letter, or only its
    content words' ("Example Institute of Harbourton": "eioh", "eih"), or a word's humps
    ("ExampleTrackingMetrics": "etm")."""
    words = re.findall(r"[^\W_]+", name)
    humps = [h for w in words for h in _CAMEL.findall(w)]
    found = set()
    for parts in (words, humps):
        found.add("".join(w[0] for w in parts).casefold())
        found.add("".join(w[0] for w in parts[parts[:1] in (["The"], ["the"]) :]).casefold())
        found.add("".join(w[0] for w in parts if w.casefold() not in _NOT_INITIALS).casefold())
    return {f for f in found if len(f) >= 2}


def abbreviates(short: str, name: str) -> bool:
    """Whether `short` ("EIH", an e-mail host "eih") abbreviates the longer `name` ("Example
    Institute of Harbourton")."""
    key = re.sub(r"[\W_]+", "", short.casefold())
    if len(key) < ABBREVIATION_MIN_LETTERS or " " in short.strip():
        return False
    return key in initials(name)


#: Media owners: companies that own news sites and are never the outlet a page names (a page's
#: copyright line often names its owner: "© 2025 Example Media Group" on example-times.com).
#: Knowledge of the press, not of a story, so a rule table like the notices' phrasings: part of
#: `CLEANER_VERSION`, so a change cleans the pages again.
MEDIA_OWNER_NAMES = (
    "Gannett",
    "Informa",
    "Informa Connect",
    "NBCUniversal Media",
    "Static Media",
    "Dotdash Meredith",
    "Condé Nast",
    "Hearst Communications",
    "Ziff Davis",
    "Valnet",
    "Penske Media",
    "Vox Media",
    "Lee Enterprises",
    "McClatchy",
    "Axel Springer",
    "Bennett, Coleman & Co.",
)


def owner_keys(names) -> frozenset[str]:
    """The letters (`outlet_key`) the cleaner compares owners by, legal forms cut. A name stands
    for itself only: "Example Media" is not "Example" (an owner's core may be one of its sites'
    names)."""
    return frozenset(outlet_key(clean_name(str(n))) for n in names) - {""}


#: `MEDIA_OWNER_NAMES` as the cleaner compares them.
MEDIA_OWNERS = owner_keys(MEDIA_OWNER_NAMES)
