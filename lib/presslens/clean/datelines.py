"""Dates in page text as data: the one month table, weekdays, date labels, the date pattern.

`DATE_RX` finds a full date (day, month, year) in a line; the cleaner uses it to recognise
datelines and metadata runs, and `presslens.clean.metadata.parse_page_date` turns what it finds
into a date (`MONTHS` gives month numbers to both). Words are keyed by ISO 639-1 code. These
tables are part of `CLEANER_VERSION` (see `presslens.clean.rules`).
"""

from __future__ import annotations

import re

MONTH_NAMES: dict[str, tuple[str, ...]] = {  # January to December; spellings of each
    "en": ("january jan", "february feb", "march mar", "april apr", "may", "june jun",
           "july jul", "august aug", "september sep sept", "october oct", "november nov",
           "december dec"),
    "fr": ("janvier janv", "février fevrier févr fevr", "mars", "avril avr", "mai", "juin",
           "juillet juil", "août aout", "septembre", "octobre", "novembre",
           "décembre decembre"),
    "de": ("januar jänner jän", "februar febr", "märz maerz mär", "april", "mai", "juni",
           "juli", "august", "september", "oktober okt", "november", "dezember dez"),
    "es": ("enero ene", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre setiembre", "octubre", "noviembre", "diciembre"),
    "ru": ("января январь янв", "февраля февраль фев", "марта март", "апреля апрель апр",
           "мая май", "июня июнь", "июля июль", "августа август авг", "сентября сентябрь сен",
           "октября октябрь", "ноября ноябрь", "декабря декабрь дек"),
    "it": ("gennaio gen", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro fev", "março marco", "abril abr", "maio", "junho", "julho",
           "agosto ago", "setembro set", "outubro out", "novembro", "dezembro dez"),
    # Armenian: nominative and genitive ("28 փետրվարի 2017").
    "hy": ("հունվար հունվարի", "փետրվար փետրվարի", "մարտ մարտի", "ապրիլ ապրիլի",
           "մայիս մայիսի", "հունիս հունիսի", "հուլիս հուլիսի", "օգոստոս օգոստոսի",
           "սեպտեմբեր սեպտեմբերի", "հոկտեմբեր հոկտեմբերի", "նոյեմբեր նոյեմբերի",
           "դեկտեմբեր դեկտեմբերի"),
    "az": ("yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr",
           "oktyabr", "noyabr", "dekabr"),
    # Turkish, also as written in capitals without the dotless ı ("MAYIS" lower-cases to "mayis").
    "tr": ("ocak", "şubat subat", "mart", "nisan", "mayıs mayis", "haziran", "temmuz",
           "ağustos agustos", "eylül eylul", "ekim", "kasım kasim", "aralık aralik"),
}  # fmt: skip


def _month_numbers(names: dict[str, tuple[str, ...]]) -> dict[str, int]:
    months: dict[str, int] = {}
    for spellings in names.values():
        for number, words in enumerate(spellings, start=1):
            for word in words.split():
                months.setdefault(word, number)
    return months


#: Month name (lower case) → month number (1-12), from `MONTH_NAMES`.
MONTHS: dict[str, int] = _month_numbers(MONTH_NAMES)


def month_number(word: str) -> int | None:
    """The month (1-12) a month name of any language in `MONTH_NAMES` stands for, any case
    ("FEBRUARY", "փետրվարի", "ŞUBAT", "NİSAN"), or None."""
    low = word.lower().replace("\u0307", "").rstrip(".")
    return MONTHS.get(low)


WEEKDAYS: dict[str, tuple[str, ...]] = {  # in this order where a dateline's words are cut out
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
           "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "es": ("lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado",
           "domingo"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
    "pt": ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
           "sábado", "domingo"),
    "hy": ("երկուշաբթի", "երեքշաբթի", "չորեքշաբթի", "հինգշաբթի", "ուրբաթ", "շաբաթ", "կիրակի"),
    "az": ("bazar ertəsi", "çərşənbə axşamı", "çərşənbə", "cümə axşamı", "cümə", "şənbə",
           "bazar"),
    "tr": ("pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar"),
}  # fmt: skip
DATE_LABELS: dict[str, tuple[str, ...]] = {  # "Published:", alone or before a date; in order
    "en": ("date", "dated", "published", "publication", "posted", "updated", "last updated",
           "modified", "created"),
    "fr": ("publié", "publie", "mis à jour", "mise à jour"),
    "de": ("veröffentlicht", "aktualisiert", "stand", "datum"),
    "es": ("publicado", "actualizado", "fecha"),
    "ru": ("опубликовано", "обновлено", "дата", "дата публикации"),
    "pt": ("publicado", "atualizado", "data"),
    "hy": ("հրապարակվել է", "թարմացվել է", "ամսաթիվ"),
    "az": ("dərc olunub", "yenilənib", "tarix"),
    "tr": ("yayınlanma", "yayınlandı", "güncellendi", "güncelleme", "tarih"),
}  # fmt: skip
#: Little words a dateline holds besides its date ("on", "le", "в", "г."), and time zones.
DATELINE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("on", "at"),
    "fr": ("le", "à"),
    "de": ("am", "um"),
    "es": ("el", "a las"),
    "ru": ("в", "г", "года"),
    "any": ("uhr", "utc", "gmt", "cet", "cest", "msk", "est", "edt", "pst", "am", "pm"),
}
#: The word after a date label ("Published on", "Publié le").
LABEL_LINKS: dict[str, tuple[str, ...]] = {"en": ("on",), "fr": ("le",), "de": ("am",),
                                           "es": ("el",)}  # fmt: skip
#: Byline words after a date on a dateline ("May 4, 2023 by Jane Doe").
DATELINE_BYLINES: dict[str, tuple[str, ...]] = {"en": ("by",), "de": ("von",), "fr": ("par",),
                                                "es": ("por",)}  # fmt: skip
#: The page header's clock ("Today: Friday, June 2, 2023"): not a dateline.
TODAY: dict[str, tuple[str, ...]] = {"en": ("today",), "de": ("heute",), "fr": ("aujourd'hui",),
                                     "es": ("hoy",), "it": ("oggi",), "ru": ("сегодня",),
                                     "pt": ("hoje",), "hy": ("այսօր",), "az": ("bu gün", "bugün"),
                                     "tr": ("bugün",)}  # fmt: skip
#: A date label that marks a later revision, not the first publication ("Updated", "Modified").
UPDATE_LABELS: dict[str, tuple[str, ...]] = {
    "en": ("updated", "last updated", "modified", "last modified", "revised", "reviewed"),
    "fr": ("mis à jour", "mise à jour", "modifié"), "de": ("aktualisiert", "geändert"),
    "es": ("actualizado",), "pt": ("atualizado",), "ru": ("обновлено",),
    "hy": ("թարմացվել",), "az": ("yenilənib",), "tr": ("güncellendi", "güncelleme"),
}  # fmt: skip


#: A capitalised name of one to four words ("Jane Doe", "Иван Петров").
NAME = r"[A-ZÀ-ÖА-Я][\w.'’-]+(?:\s+[A-ZÀ-ÖА-Я][\w.'’-]+){0,3}"


def alternation(table: dict[str, tuple[str, ...]]) -> str:
    """The phrases of `table` (regexes), every language's in table order, as one alternation."""
    return "|".join(p if "|" not in p else f"(?:{p})" for ps in table.values() for p in ps)


#: Every month name of `MONTHS` as one alternation, longest first.
MONTH_PATTERN = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_MONTH = MONTH_PATTERN
#: A full date: "31 May 2023", "May 4, 2023", "4 de mayo de 2023", "2023-06-30", "30/06/23",
#: "2017 թ. փետրվարի 28", "2017年2月28日". A four-digit year may be glued to the next word
#: ("June 29, 2020November 12, 2021"); a day or a two-digit year may not.
DATE_RX = re.compile(
    rf"""
    (?<![\w/.-])(?:
        (?P<d1>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s*(?:de\s+)?(?P<m1>{_MONTH})\.?,?\s*
            (?:de\s+|del\s+)?(?P<y1>\d{{4}})
      | (?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})
      | (?P<y3>\d{{4}})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}})(?:[T\s]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?
      | (?P<a4>\d{{1,2}})(?P<s4>[./-])(?P<b4>\d{{1,2}})(?P=s4)(?P<y4>\d{{4}}|\d{{2}})
      | (?P<y5>\d{{4}})(?:\s*(?:թ\.|թվականի|г\.|yılı|il))?\s+(?P<m5>{_MONTH})\s+(?P<d5>\d{{1,2}})
      | (?P<y6>\d{{4}})年\s*(?P<m6>\d{{1,2}})月\s*(?P<d6>\d{{1,2}})日
    )(?!\d|[/-]\d|\.\d|(?<!\d{{4}})[^\W\d_])
    """,
    re.IGNORECASE | re.VERBOSE,
)
WEEKDAY_RX = re.compile(rf"\b(?:{alternation(WEEKDAYS)})\b\.?", re.IGNORECASE)
#: A date label alone on its line ("Date:", "Published on").
LABEL_ONLY_RX = re.compile(
    rf"^(?:{alternation(DATE_LABELS)})(?:\s+(?:{alternation(LABEL_LINKS)}))?\s*:?$", re.IGNORECASE
)
#: What a dateline may hold besides its date: labels, little words, weekdays, times, separators.
DATELINE_JUNK_RX = re.compile(
    rf"(?:\b(?:{alternation(DATE_LABELS)})\b|\b(?:{alternation(DATELINE_WORDS)})\b\.?|"
    rf"{alternation(WEEKDAYS)}|\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?|[\s,.:;|•·/()\[\]–—-])",
    re.IGNORECASE,
)
DATELINE_BYLINE_RX = re.compile(rf"\b(?:{alternation(DATELINE_BYLINES)})\s+{NAME}\s*$")
TODAY_RX = re.compile(rf"^(?:{alternation(TODAY)})\b", re.IGNORECASE)
#: A metadata run before a glued title: "World, News May 4, 2023 No Comments on <title>".
META_RUN_RX = re.compile(
    r"^(?P<meta>.{0,160}?\b(?:no|\d+|one)\s+comments?(?:\s+on)?\s+|.{0,40}?(?:\b(?:posted|"
    r"published|updated)\b.{0,60}?)?(?:" + DATE_RX.pattern + r")\s*(?:[|•·–—-]|\bby\b[^|•·]{0,40}"
    r"[|•·–—-])\s*)",
    re.IGNORECASE | re.VERBOSE,
)
#: What marks the text before a known title as a metadata prefix ("Posted ... |", "2 Comments").
META_PREFIX_RX = re.compile(r"\bcomments?\b|\bposted\b|\bby\b|[|•]", re.IGNORECASE)

#: A letter that is not lower case (Latin, Cyrillic, Armenian): an agency's name in capitals.
_CAPS = r"[^\W\d_a-zß-ÿа-яёա-ևəığşçöü]"
#: A wire dateline opening an article's first paragraph, in any language of `MONTH_NAMES`:
#: "ЕРЕВАН, 14 мая 2023 — ...", "WASHINGTON, May 4, 2023 - ...", "Bakı, 28 fevral 2023,
#: AZƏRTAC. ...", "ANKARA, 16 Mayıs 2023 (AA) - ...". A place of one to four words, a full date,
#: an optional agency (in capitals or in brackets), then a dash, a colon or the agency's stop.
#: `lead_dateline` checks that the place is capitalised.
LEAD_DATELINE_RX = re.compile(
    rf"""
    ^\s*(?P<place>[^\W\d_][\w'’./-]*(?:[ \t]+\(?[^\W\d_][\w'’./-]*\)?){{0,3}})
    \s*[,.]?\s*(?P<date>{DATE_RX.pattern})
    (?:\s*[,.]?\s*(?P<agency>\([^()\n]{{2,30}}\)|(?-i:{_CAPS}{{2,}}(?:[ \t-]{_CAPS}{{2,}}){{0,2}})))?
    \s*(?P<stop>[-–—:.]|(?<=\))\s)
    """,
    re.IGNORECASE | re.VERBOSE,
)

#: Lower-case words inside a place name ("Rio de Janeiro", "Frankfurt am Main").
PLACE_LINKS = frozenset({"de", "del", "da", "do", "la", "am", "an", "der", "sur", "upon"})


def lead_dateline(text: str) -> re.Match | None:
    """The wire dateline `text` opens with ("ЕРЕВАН, 14 мая 2023 — ..."; see `LEAD_DATELINE_RX`),
    or None: each word of the place is capitalised ("Rio de Janeiro" aside) and the dateline is
    short (at most 90 characters)."""
    m = LEAD_DATELINE_RX.match(text)
    if m is None or m.end() > 90:
        return None
    words = m["place"].replace("(", "").replace(")", "").split()
    if not all(w[:1].isupper() or w in PLACE_LINKS for w in words) or words[-1] in PLACE_LINKS:
        return None
    return m
