"""Paragraphs and boilerplate decisions for scraped news pages, each with a reason code.

A scraped page is the article plus its page furniture: navigation, subscription and cookie
notices, share rows, author bios, related-article lists, copyright lines, widgets. `clean_page`
splits the page into paragraph candidates and decides, for each, whether it is article body; every
removed paragraph carries a reason (see `REASONS`) so a reader can audit what was dropped and why.

How decisions are made (general signals, in the spirit of jusText/trafilatura — no rule knows a
particular site):

1. **Phrase patterns** of page furniture in several languages (EN, FR, DE, ES, RU; some IT/PT):
   subscription, cookie, share, copyright, related-links, recruitment/advert, tags, embeds,
   widgets, navigation, datelines. Patterns only fire on short paragraphs (each family has a
   length cap), so an article sentence that merely mentions "subscription" is not dropped.
2. **Quality**: a paragraph is *good* (article-like) when it is long enough, ends like a sentence,
   has a normal stop-word density for the page's language and few links/handles.
3. **Zones**: good paragraphs not flagged by a pattern are *anchors*. Before the first anchor is
   the *head* (title, dateline, menus), after the last one the *tail* (footers, related lists). In
   the head and tail, whatever is not sentence-like and adjacent to the body is navigation/related.
   Between anchors, a short line is kept unless a pattern or strong evidence says otherwise.
4. **Weak evidence** (author-bio shape, list-like lines, repetition of a long sentence on other
   pages) only removes a paragraph in the head/tail zones; in the body it is kept.
5. **Cross-page repetition** (`repeated_lines`, from the ingest): strong for short lines, weak for
   long sentence-like ones (a syndicated paragraph may legitimately appear on several outlets).
6. **Repairs**: a metadata run glued to the lead ("Europe, News May 4, 2023 No Comments on
   <title><lead>") is cut off; inline embed artefacts (`pic.twitter.com/...`) are removed.
7. **Duplicates**: a paragraph repeated in the page is kept once.

Pure functions, no I/O; regular expressions are compiled once at import.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd

#: Bump whenever a rule changes: the ingest's cache key includes it.
CLEANER_VERSION = "2025.2"

#: Reason codes for removed paragraphs, with what each means.
REASONS: dict[str, str] = {
    "navigation": "menus, breadcrumbs, section labels, previous/next links, head/tail furniture",
    "share": "share/follow/print/copy-link rows and social-network links",
    "paywall": "subscription, login or newsletter prompts",
    "cookie": "cookie and consent banners",
    "copyright": "copyright lines and terms of reuse",
    "related": "'read also'/'related' headers and the headline lists that follow them",
    "author_bio": "bylines and author biographies",
    "advert": "advertising labels, sponsored content, recruitment notices",
    "widget": "weather/clock header, view counters, font-size and loading widgets",
    "tags": "tag, topic and category lists",
    "embed_meta": "embedded-post furniture (e.g. 'View this post on Instagram')",
    "other_language": "a paragraph in another language than the article",
    "duplicate": "a second occurrence of a paragraph already kept",
    "title": "the headline (reported as the title, not as body)",
    "dateline": "a date or date label alone on its line (the publication date, when stated)",
}

_STRIP = " \t\r\n\f\v\xa0\u2007\u202f\u200b\u2060\ufeff"

# --------------------------------------------------------------------------------------------
# Splitting


_TERMINAL_END = re.compile(r"[.!?…;:։。！？؟۔][\"'”’»)\]\u00a0 ]*$")
_SENTENCE_END = re.compile(r"[.!?…։。！？؟۔][\"'”’»)\]\u00a0 ]*$")


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when a block of lines looks like one paragraph wrapped at a fixed width."""
    if len(lines) < 3:
        return False
    body = lines[:-1]
    lengths = [len(x) for x in body]
    longest = max(lengths)
    if not 40 <= longest <= 110 or min(lengths) < 0.6 * longest:
        return False
    ended = sum(1 for x in body if _SENTENCE_END.search(x[-8:]))
    return ended < 0.5 * len(body)


def split_paragraphs(text: str) -> list[str]:
    """Split a page's text into paragraph candidates, in page order.

    Pages come with blank-line separated paragraphs or one paragraph per line; both are handled
    by treating each non-empty line as a candidate, except that a block of lines hard-wrapped at
    a fixed width, or a line continued by one starting in lower case, is joined back into one
    paragraph. Outer whitespace (including NBSP and zero-width spaces) is stripped; inner
    characters are kept as found.
    """
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        if _is_hard_wrapped(block):
            out.append(" ".join(block))
        else:
            current = block[0]
            for nxt in block[1:]:
                if (
                    len(current) >= 60
                    and not _TERMINAL_END.search(current[-8:])
                    and nxt[:1].islower()
                    and nxt.count(" ") >= 2
                    and "http" not in current[-30:]
                ):
                    current = f"{current} {nxt}"
                else:
                    out.append(current)
                    current = nxt
            out.append(current)
        block.clear()

    for raw in text.split("\n"):
        line = raw.strip(_STRIP)
        if line:
            block.append(line)
        else:
            flush()
    flush()
    return out


# --------------------------------------------------------------------------------------------
# Languages: stop-word lists (the `stop-words` package) and scripts


_LATIN_LANGS = ("en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl", "ro", "sv", "da", "cs")
_CYRILLIC_LANGS = ("ru", "uk", "bg")
# The `stop-words` package ships no Azerbaijani list; a few unambiguous function words.
_AZ_EXTRA = frozenset(
    "və ilə üçün bu bir da də ki olan olaraq isə görə sonra artıq həm çox daha kimi edib".split()
)


@lru_cache(maxsize=1)
def _stop_lists() -> dict[str, frozenset[str]]:
    from stop_words import get_stop_words

    lists = {}
    for code in _LATIN_LANGS + _CYRILLIC_LANGS + ("ar", "fa"):
        try:
            words = get_stop_words(code)
        except Exception:  # pragma: no cover - depends on the package's shipped lists
            continue
        lists[code] = frozenset(w.lower() for w in words if w.isalpha())
    lists["az"] = _AZ_EXTRA
    return lists


@lru_cache(maxsize=1)
def _word_languages() -> dict[str, dict[str, float]]:
    """`{script: {word: {lang: weight}}}`: a stop word shared by k languages weighs 1/k in each."""
    lists = _stop_lists()
    groups = {
        "latin": [c for c in (*_LATIN_LANGS, "az") if c in lists],
        "cyrillic": [c for c in _CYRILLIC_LANGS if c in lists],
        "arabic": [c for c in ("ar", "fa") if c in lists],
    }
    table: dict[str, dict[str, dict[str, float]]] = {}
    for script, langs in groups.items():
        owners: dict[str, list[str]] = {}
        for lang in langs:
            for w in lists[lang]:
                owners.setdefault(w, []).append(lang)
        table[script] = {w: {lang: 1.0 / len(ls) for lang in ls} for w, ls in owners.items()}
    return table


# Words for stop-word counting: punctuation and digits become spaces, then a plain split
# (several times faster than a regex tokenizer; apostrophes stay inside words).
_EDGE = "0123456789!\"#$%&()*+,./:;<=>?@[\\]^_`{|}~“”„«»‹›‐‑‒–—―…·•©®°№§¶\xa0'’‘"


def _words(lowered: str) -> list[str]:
    """Whitespace tokens with punctuation and digits trimmed from both ends (fast)."""
    return [y for x in lowered.split() if (y := x.strip(_EDGE))]


# Unicode blocks of the scripts told apart (Latin letters beyond ASCII count as Latin).
_SCRIPT_RANGES = (
    (0x00C0, 0x024F, "latin"),
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x04FF, "cyrillic"),
    (0x0531, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x10A0, 0x10FF, "georgian"),
    (0x3040, 0x30FF, "kana"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "hangul"),
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SCRIPT_LANG = {
    "armenian": "hy",
    "georgian": "ka",
    "greek": "el",
    "hebrew": "he",
    "hangul": "ko",
    "kana": "ja",
    "han": "zh",
}


def _dominant_script(text: str) -> str | None:
    """The script most letters of `text` (first 4,000 characters) are written in."""
    sample = text[:4000]
    ascii_chars = len(sample.encode("ascii", "ignore"))
    counts = {"latin": int(0.75 * ascii_chars)}  # letters are ~3/4 of prose characters
    if ascii_chars < len(sample):
        for ch in _NON_ASCII.findall(sample):
            code = ord(ch)
            for lo, hi, name in _SCRIPT_RANGES:
                if lo <= code <= hi:
                    counts[name] = counts.get(name, 0) + 1
                    break
    best = max(counts, key=lambda k: counts[k])
    if counts[best] == 0:
        return None
    if best == "han" and counts.get("kana"):
        return "kana"
    return best


def _language_scores(words: list[str], script: str) -> dict[str, float]:
    table = _word_languages().get(script, {})
    scores: dict[str, float] = {}
    for w, count in Counter(words).items():
        owners = table.get(w)
        if owners:
            for lang, weight in owners.items():
                scores[lang] = scores.get(lang, 0.0) + weight * count
    return scores


def _detect_language(text: str, *, min_hits: float = 2.0, words: list[str] | None = None) -> str:
    """ISO 639-1 code of `text` (script, then stop-word overlap), or "und" when unsure.

    `words` (lower-cased tokens of `text`, if already at hand) saves tokenising again.
    """
    script = _dominant_script(text)
    if script is None:
        return "und"
    if script in _SCRIPT_LANG:
        return _SCRIPT_LANG[script]
    if words is None:
        words = _words(text[:3000].lower())
    else:
        words = words[:300]
    if len(words) < 3:
        return "und"
    if script == "cyrillic":
        sample = text[:3000].lower()
        if any(ch in sample for ch in "іїєґ"):
            return "uk"
        scores = _language_scores(words, script)
        # Russian unless Bulgarian function words clearly dominate.
        return "bg" if scores.get("bg", 0.0) > 2 * scores.get("ru", 0.0) + 1 else "ru"
    scores = _language_scores(words, script)
    if script == "latin" and "ə" in text[:3000]:
        scores["az"] = scores.get("az", 0.0) + 3.0
    if not scores:
        return "und"
    lang, best = max(sorted(scores.items()), key=lambda kv: kv[1])
    if best < min(min_hits, 0.2 * len(words) + 0.5):
        return "und"
    return lang


# --------------------------------------------------------------------------------------------
# Dates (shared with `presslens.metadata`, which parses what these find)

MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "january jan janvier janv januar jänner jän enero ene января январь янв gennaio gen janeiro",
        "february feb février fevrier févr fevr februar febrero febr февраля февраль фев febbraio fevereiro",
        "march mar mars märz maerz mär marzo марта март março",
        "april apr avril avr abril апреля апрель апр aprile",
        "may mai mayo мая май maggio maio",
        "june jun juin juni junio июня июнь giugno junho",
        "july jul juillet juil juli julio июля июль luglio julho",
        "august aug août aout agosto августа август авг",
        "september sep sept septembre septiembre setiembre сентября сентябрь сен settembre setembro",
        "october oct octobre oktober okt octubre октября октябрь ottobre outubro",
        "november nov novembre noviembre ноября ноябрь noyabr novembro",
        "december dec décembre decembre dezember dez diciembre дек декабря декабрь dicembre dezembro",
    ],
    start=1,
):
    for _name in _names.split():
        MONTHS.setdefault(_name, _num)

_MONTH_RX = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|"
    "fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|"
    "donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|"
    "sabado|domingo|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
)
DATE_RX = re.compile(
    rf"""
    (?<![\w/.-])(?:
        (?P<d1>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s*(?:de\s+)?(?P<m1>{_MONTH_RX})\.?,?\s*
            (?:de\s+|del\s+)?(?P<y1>\d{{4}})
      | (?P<m2>{_MONTH_RX})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})
      | (?P<y3>\d{{4}})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}})(?:[T\s]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?
      | (?P<a4>\d{{1,2}})(?P<s4>[./-])(?P<b4>\d{{1,2}})(?P=s4)(?P<y4>\d{{4}}|\d{{2}})
    )(?![\w/-]|\.\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_WEEKDAY_RX = re.compile(rf"\b(?:{_WEEKDAYS})\b\.?", re.IGNORECASE)
_DATE_LABELS = (
    r"date|dated|published|publication|posted|updated|last updated|modified|created|"
    r"publié|publie|mis à jour|mise à jour|veröffentlicht|aktualisiert|stand|datum|"
    r"publicado|actualizado|fecha|опубликовано|обновлено|дата|дата публикации"
)
_DATE_LABEL_ONLY = re.compile(rf"^(?:{_DATE_LABELS})(?:\s+(?:on|le|am|el))?\s*:?$", re.I)
_DATELINE_JUNK = re.compile(
    rf"(?:\b(?:{_DATE_LABELS})\b|\b(?:on|at|le|à|am|um|el|a las|в|г|года|uhr|utc|gmt|cet|cest|"
    rf"msk|est|edt|pst|am|pm)\b\.?|{_WEEKDAYS}|\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?|"
    r"[\s,.:;|•·/()\[\]–—-])",
    re.IGNORECASE,
)


_HAS_DIGIT = re.compile(r"\d")
_DATELINE_BYLINE = re.compile(
    r"\b(?:by|von|par|por)\s+[A-ZÀ-ÖА-Я][\w.'’-]+(?:\s+[A-ZÀ-ÖА-Я][\w.'’-]+){0,3}\s*$"
)


def _is_dateline(text: str) -> bool:
    """A date (with optional label, weekday and time) or a date label, alone on its line."""
    if len(text) > 90:
        return False
    if _DATE_LABEL_ONLY.match(text):
        return True
    if not _HAS_DIGIT.search(text) or not DATE_RX.search(text):
        return False
    rest = _DATELINE_BYLINE.sub("", DATE_RX.sub("", text))
    if _DATELINE_JUNK.sub("", rest) == "":
        return True
    # "World | June 1, 2023": a short section label beside the date, set off by a separator.
    parts = [p for p in re.split(r"\s*[|•·]\s*", rest) if _DATELINE_JUNK.sub("", p)]
    return any(sep in text for sep in "|•·") and len(parts) == 1 and len(parts[0].split()) <= 2


# --------------------------------------------------------------------------------------------
# Boilerplate phrase patterns: (reason, max length, compiled pattern). First match wins.


def _rx(*alternatives: str, flags: int = re.IGNORECASE) -> re.Pattern:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), flags)


_SUBSCR = r"subscri(?:be|bing|bed|ption|ptions|ber|bers)"
_PATTERNS: list[tuple[str, int, re.Pattern]] = [  # (reason, length cap, pattern)
    (
        "cookie",
        900,
        re.compile(
            r"\b(?:use|uses|using|accept|consent|policy|settings|preferences|browsing|"
            r"experience|agree|verwende\w*|nutz\w*|akzeptier\w*|zustimm\w*|einwillig\w*|"
            r"datenschutz\w*|utilis\w*|accept\w*|consentement|politique|usamos|utiliza\w*|"
            r"acept\w*|consentimiento|política|использ\w*|согласи\w*|принять)\b",
            re.IGNORECASE,
        ),
    ),
    # Subscription prompts, split by trigger word so that only the relevant ones run.
    (
        "paywall",
        500,
        _rx(
            rf"\b{_SUBSCR}\b.{{0,80}}\b(?:access|read|reading|content|articles?|stories|unlimited|"
            r"premium|full|continue|exclusive|free|now|today|newsletter)\b",
            r"\b(?:access|unlimited|premium|continue reading|full (?:article|story|content))\b"
            rf".{{0,80}}\b{_SUBSCR}\b",
            r"\balready (?:a )?subscriber\b",
            r"\b(?:this|the) (?:article|content|story) is (?:only )?(?:available|reserved) "
            r"(?:to|for) subscribers\b",
            r"\bsubscribe\b.{0,60}\bnewsletters?\b",
        ),
    ),
    (
        "paywall",
        500,
        _rx(
            r"\balready (?:a )?member\b|\bbecome a (?:member|subscriber|patron|supporter)\b",
            r"\b(?:log|sign) ?in to (?:read|continue|access|view|comment)\b",
            r"\bnewsletter\b.{0,60}\b(?:sign ?-?up|subscribe|inbox|register)\b",
            r"\b(?:sign ?-?up|register)\b.{0,60}\bnewsletters?\b",
            r"^newsletter(?: sign-?up)?$",
            r"\b(?:enter|type|your) (?:your )?e-?mail(?: address)?\b|\b(?:to|in) your inbox\b",
            r"\b(?:support|fund) (?:our |independent |quality )?journalism\b|^donate(?: now)?$",
        ),
    ),
    (
        "paywall",
        500,
        _rx(
            r"e-?mail-adresse|adresse e-?mail|correo electrónico",
            r"\babonn(?:ement|ez|er|é|ée|és|ées)\b",
            r"\bsouscri(?:re|vez|ption)\b",
            r"\b(?:pour )?lire la suite\b",
            r"\baccès illimité\b",
            r"\babonnier\w*\b",
            r"\babo(?:nnent\w*)?\b",
            r"\bweiterlesen\b",
            r"\bnur für abonnent\w*\b",
            r"\bbereits (?:abonnent\w*|registriert)\b",
            r"\bsuscr[ií]b\w*\b",
            r"\bsuscripci[oó]n\b",
            r"\bsuscriptor\w*\b",
            r"\bpara (?:seguir|continuar) leyendo\b",
            r"\babbona(?:ti|mento|rsi)\b",
            r"\bassin(?:e|atura|ante|antes)\b",
        ),
    ),
    (
        "paywall",
        500,
        _rx(
            r"подпиш\w*\b(?! на (?:наш|нас)\w* (?:канал|телеграм|telegram|youtube|страниц))",
            r"подписк\w+",
            r"\bоформит\w* подписк",
            r"только для подписчиков",
            r"чтобы (?:продолжить|читать)",
            r"электронн\w* почт",
        ),
    ),
    (
        "copyright",
        320,
        _rx(
            r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|\ball rights reserved\b",
            r"\btous droits réservés\b|\balle rechte vorbehalten\b|\btodos los derechos reservados\b",
            r"\bвсе права защищены\b|\bперепечатк\w*|\bпри (?:использовании|цитировании) материал",
            r"\buse of (?:the |our |site |these |its )?materials?\b.{0,40}\b(?:allowed|permitted|"
            r"prohibited|only|link|reference)",
            r"\b(?:hyper)?link to (?:the )?(?:source|original|site|website)\b",
            r"\bhyperlink to\b",
            r"\breproduction\b.{0,50}\b(?:prohibited|forbidden|interdite|verboten|prohibida|"
            r"without (?:prior )?(?:written )?permission)",
            r"\b(?:reprint|republish|redistribut)\w*\b.{0,50}\b(?:permission|prohibited)",
        ),
    ),
    (
        "advert",
        60,
        _rx(
            r"^(?:advertisement|advertising|advertorial|sponsored(?: content| post)?|ads?|promoted|"
            r"promotion|partner content|anzeige|werbung|publicité|publicidad|реклама|pubblicità)"
            r"\s*:?$",
            r"^advertisement\b.{0,30}$",
            r"^(?:scroll to continue|(?:story|article) continues below|continue reading below)\b",
        ),
    ),
    (
        "share",
        220,
        _rx(
            r"\bshare (?:this|on|it|the|via|article|story|post|page|with)\b",
            r"^share\b",
            r"\b(?:liked|like|enjoyed|enjoy) (?:the|this) (?:story|article|post)\b",
            r"\bcopy(?:ing)? (?:the )?link\b",
            r"\blink (?:copied|kopiert|copié)\b",
            r"\bfollow us\b",
            r"^(?:print|e-?mail|tweet|pin it|whatsapp)(?: (?:this|article|page))?$",
            r"\b(?:artikel )?teilen\b",
            r"\bfolgen sie uns\b",
            r"\blink kopieren\b",
            r"\bpartag(?:er|ez)\b",
            r"\bsuivez-nous\b",
            r"\bcompart(?:ir|e|a)\b",
            r"\bs[ií]guenos\b",
            r"\bcondividi\b|\bseguici\b|\bcompartilh\w*",
            r"поделит\w*",
            r"ссылка скопирована",
            r"скопировать ссылку",
            r"подписывайтесь на",
            r"\b(?:subscribe|join)(?: to)? (?:us|our) (?:on )?(?:telegram|youtube|whatsapp|"
            r"instagram|facebook|channel|page)\b",
            r"подпиш\w* на (?:наш|нас)\w* (?:канал|телеграм|telegram|youtube|страниц)",
            r"следите за нами",
            r"присоединяйтесь к нам",
        ),
    ),
    (
        "related",
        260,
        _rx(
            r"^(?:read|see|watch|listen)(?: (?:also|more|next|too))\b",
            r"^(?:related|recommended|more)(?: (?:articles?|stories|news|posts|content|reading|"
            r"topics?|coverage|on this (?:topic|story)|from\b.*))?\s*:?$",
            r"^(?:related|recommended) (?:articles?|stories|news|posts|content|reading|links)\b",
            r"^(?:latest|top|trending|popular|most read|most popular|most viewed|more|other|editor'?s "
            r"picks?)(?: (?:stories|news|articles|posts|headlines|in \w+))\s*:?$",
            r"^(?:most read|most popular|most viewed|trending(?: now)?|editor'?s picks?)\s*:?$",
            r"^you (?:may|might) (?:also )?(?:like|enjoy|be interested)",
            r"^(?:further reading|in (?:other|case you missed)\b.*)$",
            r"^(?:à )?lire (?:aussi|également)\b|^voir aussi\b|^sur le même sujet\b|^à la une\b",
            r"^(?:les )?(?:articles|actualités) (?:liés|similaires|récentes)\b",
            r"^lesen sie (?:auch|mehr)\b|^mehr zum thema\b|^(?:das könnte sie|auch) interessier",
            r"^weitere (?:artikel|nachrichten|themen|meldungen)\b|^meistgelesen\b",
            r"^lea (?:también|más)\b|^te puede interesar\b|^(?:noticias|artículos) relacionad",
            r"^más (?:noticias|leídas)\b|^ver también\b|^también te puede",
            r"^leggi anche\b|^leia (?:também|mais)\b",
            r"^читайте (?:также|ещё|еще|по теме)\b|^(?:смотрите|см\.) также\b",
            r"^(?:по теме|похожие (?:новости|статьи|материалы)|другие новости|новости по теме)\b",
        ),
    ),
    (
        "embed_meta",
        200,
        _rx(
            r"^view (?:this|the) post on (?:instagram|facebook|x|twitter|tiktok)\b",
            r"^a post shared by\b",
            r".{0,150}?\[embedded content\]",
            r"^embed from getty images\b",
            r"^(?:pic\.twitter\.com|t\.co)/\w+$",
            r"^(?:watch|listen|video|photo|gallery)\s*:?$",
            r"^(?:click|tap) (?:here )?to (?:play|view|watch|enlarge)\b",
            r"^this (?:content|video|post) (?:is not available|cannot be displayed)\b",
            r"^(?:photo|image|picture|foto|фото|credit|source|quelle|crédit)s?(?: credit)?\s*[:©]",
            r"^\(?(?:photo|image|foto)s? (?:by|de|von|:)\b",
            r".{0,120}?\b(?:getty images|afp via getty|ap photo|reuters/|epa-efe)\b",
        ),
    ),
    (
        "tags",
        500,
        _rx(
            r"^(?:tags?|tagged(?: with)?|topics?|keywords?|filed under|categor(?:y|ies)|"
            r"schlagw(?:ö|oe)rter|themen|mots[- ]clés|étiquettes|sujets|etiquetas|temas|теги|"
            r"метки|темы|ключевые слова)\s*:"
        ),
    ),
    (
        "author_bio",
        320,
        _rx(
            r"^about the author\b|^(?:über (?:den autor|die autorin)|à propos de l'auteur|"
            r"sobre (?:el autor|la autora)|об авторе)\b",
            r"^(?:[Ww]ritten |[Rr]eported |[Pp]osted )?[Bb]y\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
            r"(?:\s*[,|–—-]\s*[^.!?]{0,50})?$",
            r"^(?:[Vv]on|[Pp]ar|[Pp]or|[Аа]втор:?)\s+[A-ZÀ-ÖА-Я][\w.'’-]+(?:\s+[A-ZÀ-ÖА-Я][\w.'’-]+){0,3}$",
            flags=0,
        ),
    ),
    (
        "widget",
        60,
        _rx(
            r"^(?:[A-Z][\w -]{1,20}\s+)?[-+−]?\d{1,3}(?:[.,]\d)?\s*(?:°\s*[CF]?|[CF])"
            r"(?:\s+[A-Z][\w -]{1,20})?$",
            r"^(?:listen to (?:this )?(?:article|story)|audio version|text size|font size|"
            r"schriftgröße|taille du texte|tamaño de (?:letra|texto)|размер шрифта)\b",
            r"^(?:views?|просмотр\w*|vues?|aufrufe|visitas|lecturas)\s*:?\s*[\d\s,.]+k?$",
            r"^[\d\s,.]+k?\s+(?:views?|просмотр\w*|vues|aufrufe|visitas|lecturas)$",
            r"^a[+-]$|^a\s*[+-]\s*a\s*[+-]$",
            r"^\d+\s*(?:min(?:ute)?s?|мин\w*)\.?\s*(?:read|de lecture|lesezeit|de lectura|чтения)$",
            r"^(?:reading time|lesezeit|temps de lecture|tiempo de lectura)\b.*$",
            r"^(?:loading|please wait|chargement|wird geladen|cargando|загрузка)\W*$",
            r"^[a-z]+(?:_[a-z]+)+$",
            r"^(?:dark|light|night) (?:mode|theme)$",
        ),
    ),
    (
        "navigation",
        140,
        _rx(
            r"^(?:previous|next|prev|older|newer)(?: (?:article|post|story|page|entry|news))?\s*[»›>]?$",
            r"^(?:leave|post|add|write) a (?:comment|reply)\b",
            r"^(?:\d+|no) comments?$|^comments?\s*(?:\(\d+\))?:?$",
            r"^(?:home|menu|search|skip to (?:main )?content|log ?in|sign ?in|sign ?up|register|"
            r"log ?out|back to top|to top|close|load more|show more|main menu|contact us|about us|"
            r"privacy policy|terms of (?:use|service)|imprint|impressum|sitemap|rss)$",
            r".{0,30}?\bwhat are you looking for\b",
            r"^home\s*[>»/|›]",
            r"^(?:article (?:précédent|suivant)|laisser un commentaire|accueil|rechercher|"
            r"se connecter|mentions légales|nous contacter)$",
            r"^(?:vorheriger|nächster) (?:artikel|beitrag)\b|^(?:startseite|suche|anmelden|"
            r"kommentar schreiben|kontakt|datenschutz(?:erklärung)?)$",
            r"^(?:artículo (?:anterior|siguiente)|deja un comentario|inicio|buscar|portada|"
            r"iniciar sesión|contacto)$",
            r"^(?:предыдущая|следующая) (?:статья|новость)|^(?:главная|поиск|войти|"
            r"оставить комментарий|комментарии|контакты)$",
        ),
    ),
]
# Breadcrumb glued to the title ("HomeWorldAfter four days..."): case-sensitive.
_GLUED_HOME = re.compile(r"^(?:Home|Accueil|Startseite|Inicio|Главная)(?=[A-ZА-Я])")
_SOCIAL = (
    r"twitter|x|youtube|instagram|facebook|telegram|whatsapp|linkedin|tiktok|vk|vkontakte|ok|"
    r"odnoklassniki|reddit|pinterest|e-?mail|print|rss|messenger|viber|threads|mastodon|bluesky|"
    r"apple store|app store|play market|google play|flipboard|google news"
)
_SOCIAL_ROW = re.compile(rf"^(?:(?:{_SOCIAL})[\s|•·,/]*)+$", re.IGNORECASE)
_COOKIE_BUTTON = re.compile(
    r"^(?:(?:accept|reject|decline|allow|deny)(?: all)?(?: cookies)?|manage (?:settings|preferences|"
    r"cookies|options)|cookie settings|i agree|i accept|got it|alle akzeptieren|akzeptieren|"
    r"ablehnen|einstellungen|tout accepter|tout refuser|accepter|refuser|paramétrer|aceptar(?: todo)?"
    r"|rechazar(?: todo)?|configurar|принять(?: все)?|отклонить|настройки)$"
)
_SINGLE_TOKEN_LOWER = re.compile(r"^[a-z][a-z+-]{0,24}$")
_RECRUIT_CUES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:seeks?|seeking|is (?:looking|searching) for|(?:is|are|we're) hiring|recruit\w*|"
        r"wir suchen|nous recrutons|recherche|buscamos|ищем|ищет)\b.{0,80}\b(?:specialists?|"
        r"journalists?|authors?|correspondents?|contributors?|freelancers?|writers?|editors?|"
        r"reporters?|interns?|Autor\w*|Journalist\w*|Redakteur\w*|journaliste\w*|rédact\w*|"
        r"periodistas?|redactor\w*|журналист\w*|автор\w*|корреспондент\w*)",
        r"\bwe offer\b|\bwir bieten\b|\bnous offrons\b|\bofrecemos\b|\bмы предлагаем\b",
        r"\bsend (?:your |us )?(?:a )?(?:cv|résumé|resume|application)\b|\bcover letter\b",
        r"\b(?:remuneration|salary|compensation|vergütung|rémunération|remuneración|оплата)\b",
        r"\bjoin (?:our|the) team\b|\bapply (?:now|today)\b",
        r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    )
]
_RECRUIT_TRIGGERS = (
    "seek",
    "hiring",
    "recrut",
    "recruit",
    "looking for",
    "searching for",
    "suchen",
    "recherch",
    "busca",
    "ищ",
    "cv",
    "résumé",
    "resume",
    "cover letter",
    "application",
)
_RECRUIT_TRIGGER_RX = re.compile("|".join(re.escape(t) for t in _RECRUIT_TRIGGERS))
# Weak: "<Name> is a ... journalist/author/..." (author bio shape; also true of body sentences).
_BIO_SHAPE = re.compile(
    r"^[A-ZÀ-Ö][\w'’-]+(?:\s+(?:[A-Z]\.|[A-ZÀ-Ö][\w'’-]+)){0,3}\s+(?:is|was|has been|works as|"
    r"ist|est|es|является)\s+(?:a|an|the|our|ein|eine|un|une|una)?\s*(?:[\w-]+,?\s+){0,6}?"
    r"(?:news\s+)?(?:journalist|reporter|correspondent|author|writer|editor|columnist|contributor|"
    r"freelancer|blogger|producer|photographer|analyst|Journalist\w*|Korrespondent\w*|Autor\w*|"
    r"Redakteur\w*|journaliste|correspondante?|rédact\w*|auteure?|periodista|corresponsal|"
    r"redactora?|журналист\w*|корреспондент\w*|обозревател\w*)s?\b",
)
_LIST_ITEMS = re.compile(r"\s*[,;|•·/]\s*|\s+[–—-]\s+")
_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|org|net|az|am|ge|ru|de|fr)/\S*")
_HANDLE = re.compile(r"(?<!\w)[@#]\w+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_INLINE_ARTEFACTS = re.compile(
    r"[ \t\u00a0]*(?:\bpic\.twitter\.com/\w+|\bhttps?://t\.co/\w+|\[embedded content\]|"
    r"\[(?:caption|embed)[^\]]*\])",
    re.IGNORECASE,
)
# A metadata run before a glued title: "Europe, News May 4, 2023 No Comments on <title>".
_META_RUN = re.compile(
    r"^(?P<meta>.{0,160}?\b(?:no|\d+|one)\s+comments?(?:\s+on)?\s+|.{0,40}?(?:\b(?:posted|"
    r"published|updated)\b.{0,60}?)?(?:" + DATE_RX.pattern + r")\s*(?:[|•·–—-]|\bby\b[^|•·]{0,40}"
    r"[|•·–—-])\s*)",
    re.IGNORECASE | re.VERBOSE,
)
_GLUE = re.compile(r"(?<=[a-z0-9.!?”\"')])(?=[A-Z][a-z])")


# --------------------------------------------------------------------------------------------
# Features


class _Row:
    __slots__ = (
        "i",
        "text",
        "n",
        "words",
        "n_words",
        "stop",
        "sentence_end",
        "links",
        "reason",
        "weak",
        "good",
    )

    def __init__(self, i: int, text: str):
        self.i = i
        self.text = text
        self.n = len(text)
        words = _words(text.lower())
        self.words = words
        self.n_words = len(words)
        self.stop: float | None = None
        self.sentence_end = bool(_SENTENCE_END.search(text[-8:]))
        self.links = (
            len(_URL.findall(text)) + len(_HANDLE.findall(text)) + len(_EMAIL.findall(text))
            if ("/" in text or "@" in text or "#" in text or "www." in text)
            else 0
        )
        self.reason = ""
        self.weak = ""
        self.good = False

    def set_stop(self, stops: frozenset[str] | None) -> None:
        """Share of words in the page language's stop list (None when it has no list)."""
        if stops is not None:
            words = self.words
            self.stop = sum(map(stops.__contains__, words)) / len(words) if words else 0.0

    def stop_ok(self, threshold: float) -> bool:
        return self.stop is None or self.stop >= threshold

    def sentence_like(self, threshold: float) -> bool:
        return (
            self.n_words >= 4
            and self.sentence_end
            and self.stop_ok(threshold * 0.8)
            and not self.text.isupper()
            and self.links * 4 <= self.n_words
        )

    def title_like(self) -> bool:
        t = self.text
        return (
            3 <= self.n_words <= 30
            and 12 <= self.n <= 250
            and not t.endswith((".", "...", "…", ":", ",", ";"))
            and (t[0].isupper() or t[0].isdigit() or t[0] in "\"'“‘«")
            and not t.isupper()
            and self.links == 0
            and " | " not in t
        )


# Stop-word density thresholds: the English list is very large (1,300 words), others small.
_GOOD_STOP = {"en": 0.30, "de": 0.25, "fr": 0.25, "es": 0.28, "ru": 0.18, "uk": 0.16}
_DEFAULT_GOOD_STOP = 0.22


def _list_like(row: _Row, threshold: float) -> bool:
    """A label and/or a list of capitalised items: "The files we follow: A, B, C", "| A, B, C"."""
    if row.stop is not None and row.stop >= threshold:
        return False
    text = row.text
    if text.count(",") + text.count("|") + text.count(";") + text.count("•") < 2:
        return False
    head, colon, rest = text.partition(":")
    body = rest if colon and len(head) <= 40 else text
    items = [x for x in _LIST_ITEMS.split(body.strip(" .|")) if x]
    if len(items) < 3:
        return False
    short = sum(1 for x in items if len(x.split()) <= 6)
    caps = sum(1 for x in items if x[:1].isupper())
    return (
        short >= 0.8 * len(items)
        and caps >= 0.6 * len(items)
        and (row.stop is None or row.stop < threshold)
    )


# Cheap substring pre-checks (on the lower-cased text) before a family's regex is run at all.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "cookie": ("cookie", "куки", "témoin"),
    "copyright": (
        "©",
        "(c)",
        "copyright",
        "rights",
        "réservés",
        "vorbehalten",
        "derechos",
        "права",
        "перепечат",
        "материал",
        "material",
        "link to",
        "reproduc",
        "reprint",
        "republish",
        "redistribut",
    ),
    "share": (
        "share",
        "like",
        "enjoy",
        "cop",
        "link",
        "follow",
        "print",
        "mail",
        "tweet",
        "pin",
        "whatsapp",
        "teilen",
        "folgen",
        "partag",
        "suivez",
        "compart",
        "guenos",
        "condividi",
        "seguici",
        "поделит",
        "ссылк",
        "подписывайтесь",
        "subscribe",
        "join",
        "подпиш",
        "следите",
        "присоединяйтесь",
    ),
}


_PAYWALL_TRIGGERS = (
    ("subscri",),
    (
        "member",
        "log in",
        "login",
        "sign in",
        "signin",
        "newsletter",
        "mail",
        "inbox",
        "journalism",
        "donate",
        "sign up",
        "signup",
        "sign-up",
        "register",
    ),
    (
        "abonn",
        "souscri",
        "lire la suite",
        "accès",
        "abo ",
        "abo-",
        "abo.",
        "weiterlesen",
        "registriert",
        "suscr",
        "leyendo",
        "abbona",
        "assin",
        "correo",
        "adresse",
        "mail",
    ),
    ("подпи", "чтобы", "почт"),
)


def _trigger_rx(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(t) for t in words))


# Families whose every alternative is anchored at the start: `match` instead of `search`.
_ANCHORED = frozenset(
    {"advert", "related", "embed_meta", "tags", "author_bio", "widget", "navigation"}
)


def _families() -> list[tuple[str, int, object, re.Pattern | None]]:
    out = []
    paywall = iter(_PAYWALL_TRIGGERS)
    for reason, cap, rx in _PATTERNS:
        words = next(paywall) if reason == "paywall" else _TRIGGERS.get(reason)
        trigger = _trigger_rx(words) if words else None
        out.append((reason, cap, rx.match if reason in _ANCHORED else rx.search, trigger))
    return out


_FAMILIES = _families()


def _pattern_reason(row: _Row) -> str:
    text = row.text
    low = text.lower()
    for reason, cap, find, trigger in _FAMILIES:
        if row.n > cap or (trigger is not None and trigger.search(low) is None):
            continue
        if find(text):
            return reason
    if _GLUED_HOME.match(text):
        return "navigation"
    if row.n <= 80 and _SOCIAL_ROW.match(low):
        return "share"
    if (
        row.n <= 900
        and _RECRUIT_TRIGGER_RX.search(low)
        and (_RECRUIT_CUES[0].search(text) or _RECRUIT_CUES[2].search(text))
        and sum(1 for rx in _RECRUIT_CUES if rx.search(text)) >= 2
    ):
        return "advert"
    if row.n <= 40 and _COOKIE_BUTTON.match(low):
        return "cookie"
    if _SINGLE_TOKEN_LOWER.match(text):
        return "navigation"
    return ""


# --------------------------------------------------------------------------------------------
# The page


def split_meta_run(text: str, title: str | None = None) -> tuple[str, str, str] | None:
    """Split "<metadata run><title><lead>" into `(meta, title, lead)`, or None if not such a run.

    With `title` known, it is looked for near the start of `text` after a short metadata-like
    prefix (a date, "No Comments on", "Posted ... |"); otherwise a run ending in "N Comments on"
    or "<date> |" is recognised and the title is taken up to where the lead is glued to it.
    """
    if title and len(title) >= 12:
        at = text.find(title, 1)
        if 0 < at <= 200:
            meta = text[:at]
            if DATE_RX.search(meta) or re.search(
                r"\bcomments?\b|\bposted\b|\bby\b|[|•]", meta, re.IGNORECASE
            ):
                return meta, title, text[at + len(title) :].strip(_STRIP)
    m = _META_RUN.match(text)
    if not m:
        return None
    meta = m.group("meta")
    rest = text[m.end() :]
    glue = _GLUE.search(rest, 12, 250)
    if glue is None:
        return None
    return meta, rest[: glue.start()].strip(_STRIP), rest[glue.start() :].strip(_STRIP)


def _repair(text: str) -> str:
    """Remove inline embed artefacts (`pic.twitter.com/...`) and tidy the whitespace left."""
    if "pic.twitter" in text or "t.co/" in text or "[" in text:
        text = _INLINE_ARTEFACTS.sub("", text)
        text = re.sub(r"[ \t]{2,}", " ", text).strip(_STRIP)
    return text


def _dup_key(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split()).casefold()


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
    rows = [_Row(i, p) for i, p in enumerate(split_paragraphs(text))]
    n = len(rows)
    if language is None:
        sample: list[str] = []
        for r in rows:
            sample.extend(r.words)
            if len(sample) >= 300:
                break
        language = _detect_language(text, words=sample)
    stops = _stop_lists().get(language)
    if stops is not None and len(stops) < 100:
        stops = None  # too short a list (e.g. Azerbaijani) to judge density by
    threshold = _GOOD_STOP.get(language, _DEFAULT_GOOD_STOP)
    for r in rows:
        r.set_stop(stops)

    # 1. Patterns (strong) and weak evidence.
    for r in rows:
        r.reason = _pattern_reason(r)
        if not r.reason and r.n <= 90 and _TODAY.match(r.text) and DATE_RX.search(r.text):
            r.reason = "widget"  # "Today: Friday, June 2, 2023" is the clock, not a dateline
        if not r.reason and _is_dateline(r.text):
            r.reason = "dateline"
        if r.reason:
            continue
        r.good = (
            r.n >= 70
            and r.n_words >= 10
            and r.sentence_end
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
        elif _BIO_SHAPE.match(r.text) and r.n <= 700:
            r.weak = "author_bio"
        elif _list_like(r, threshold):
            r.weak = "tags"
        elif r.text.endswith(("...", "…")) and not r.sentence_like(threshold):
            r.weak = "navigation"

    patterned = {r.i for r in rows if r.reason}

    # 2. Zones from anchors (good, unflagged); fall back to weaker anchors when there are none.
    anchors = [r.i for r in rows if r.good and not r.weak and not r.reason]
    if not anchors:
        anchors = [r.i for r in rows if r.good and not r.reason]
    if not anchors:
        anchors = [r.i for r in rows if not r.reason and r.sentence_like(threshold)]
    first, last = (anchors[0], anchors[-1]) if anchors else (n, -1)

    # 3. Title: the headline in the head zone (or one repeated inside a glued metadata run).
    title_i = _find_title(rows, first)
    if title_i is not None:
        rows[title_i].reason = "title"
        rows[title_i].weak = ""
    title = rows[title_i].text if title_i is not None else None

    # 4. Head zone: a sentence-like lead adjacent to the body stays; the rest is furniture.
    lead = set()
    for j in range(first - 1, -1, -1):
        r = rows[j]
        if r.reason and r.reason not in ("title", "dateline") and r.n_words <= 4:
            continue  # a short notice between lead and body ("Advertisement") does not end it
        repeated_sentence = r.weak == "navigation" and r.good
        if r.reason or (r.weak and not repeated_sentence) or not r.sentence_like(threshold):
            break
        lead.add(j)
    for r in rows[:first]:
        if r.reason or r.i in lead:
            continue
        r.reason = r.weak or "navigation"

    # 5. Tail zone: the body continues over sentence-like paragraphs (and a subheading or a
    # bio-shaped sentence when more body follows) until the first furniture; the rest goes.
    tail_keep: set[int] = set()
    pending: list[int] = []
    for j in range(last + 1, n):
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
    in_related = False
    for r in rows[last + 1 :]:
        if r.i in tail_keep:
            continue
        if r.reason:
            in_related = r.reason == "related"
            continue
        if r.weak:
            r.reason = r.weak
        elif in_related or r.title_like():
            r.reason = "related"
        else:
            r.reason = "navigation"

    # 6. Body zone: headlines listed under a "Read also" header; bylines before a bio.
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

    # 7. Header widgets: a temperature/city/today's-date cluster, or a weekday date above the
    # title that is separated from it by navigation. Neither is a publication date.
    _mark_header_widgets(rows, title_i, first)

    # 8. Repairs, other-language paragraphs, duplicates.
    page_lang = language
    seen: set[str] = set()
    if title:
        seen.add(_dup_key(title))
    texts, kept, reasons = [], [], []
    for r in rows:
        out = r.text
        if not r.reason:
            if title:
                run = split_meta_run(out, title)
                if run is not None and r.i <= (title_i or 0) + 3:
                    out = run[2]
                    if not out:
                        r.reason = "dateline"
                        out = r.text
            if not r.reason:
                out = _repair(out)
                if not out:
                    r.reason, out = "embed_meta", r.text
        if (
            not r.reason
            and page_lang not in (None, "und")
            and r.n_words >= 6
            and (r.stop is None or r.stop < threshold)
        ):
            other = _paragraph_language(r, page_lang)
            if other:
                r.reason = "other_language"
        if not r.reason:
            key = _dup_key(out)
            if key in seen:
                r.reason = "duplicate" if title is None or key != _dup_key(title) else "title"
            seen.add(key)
        texts.append(out)
        kept.append(not r.reason)
        reasons.append(r.reason)
    return texts, kept, reasons


def _find_title(rows: list[_Row], first: int) -> int | None:
    """Index of the headline row: in the head zone, title-like, preferring one that reappears
    in a glued metadata run below it, then the first with five or more words."""
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


def _mark_header_widgets(rows: list[_Row], title_i: int | None, first: int) -> None:
    limit = title_i if title_i is not None else min(first, len(rows))
    for j in range(0, max(limit, 0)):
        r = rows[j]
        if r.reason == "widget" and _TEMPERATURE.match(r.text):
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
        if r.reason == "dateline" and _WEEKDAY_RX.search(r.text):
            between = rows[j + 1 : limit]
            if title_i is not None and any(b.reason not in ("dateline", "widget") for b in between):
                r.reason = "widget"


_TEMPERATURE = re.compile(
    r"^(?:[A-Z][\w -]{1,20}\s+)?[-+−]?\d{1,3}(?:[.,]\d)?\s*(?:°\s*[CF]?|[CF])"
    r"(?:\s+[A-Z][\w -]{1,20})?$"
)
_TODAY = re.compile(r"^(?:today|heute|aujourd'hui|hoy|oggi|сегодня)\b", re.IGNORECASE)


def _paragraph_language(row: _Row, page_lang: str) -> str | None:
    """The paragraph's language when it is confidently not the page's, else None."""
    script = _dominant_script(row.text)
    if script is None:
        return None
    if script in _SCRIPT_LANG:
        lang = _SCRIPT_LANG[script]
        return lang if lang != page_lang and row.n_words >= 4 else None
    scores = _language_scores(row.words, script)
    if not scores:
        return None
    lang, best = max(sorted(scores.items()), key=lambda kv: kv[1])
    own = scores.get(page_lang, 0.0)
    if lang != page_lang and best >= 3.0 and best >= 3 * own + 1.0:
        return lang
    return None
