"""What a paragraph looks like: the evidence the passes of `decide` read.

`Row` holds one candidate's features (length, words, stop-word density, sentence end, links);
`notice_reason` tries the notice rules of `rules.NOTICES` in order; `is_dateline`, `list_like`
and `bio_shaped` are the other signals. The patterns are compiled here, once, from the tables
of `rules` and `datelines`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import rules
from .datelines import DATE_RX, DATELINE_BYLINE_RX, DATELINE_JUNK_RX, LABEL_ONLY_RX
from .languages import lower_words
from .paragraphs import ends_sentence
from .rules import Cues, Rule

_URL = re.compile(rules.URL)
_HANDLE = re.compile(rules.HANDLE)
_EMAIL = re.compile(rules.EMAIL)
_LIST_ITEMS = re.compile(rules.LIST_ITEMS)
_HAS_DIGIT = re.compile(r"\d")
_TEMPERATURE = re.compile(rules.TEMPERATURE)
_BIO_SHAPE = re.compile(
    rules.BIO_SHAPE_FORM.replace("{copula}", rules.alternation(rules.BIO_SHAPE["copula"]))
    .replace("{article}", rules.alternation(rules.BIO_SHAPE["article"]))
    .replace("{role}", rules.alternation(rules.BIO_SHAPE["role"]))
)


class Row:
    """One paragraph candidate, its features and the reason the passes give it."""

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
        words = lower_words(text.lower())
        self.words = words
        self.n_words = len(words)  # stop-list words (`lower_words`), not `text.count_words`
        self.stop: float | None = None
        self.sentence_end = ends_sentence(text)
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


def is_temperature(text: str) -> bool:
    return _TEMPERATURE.match(text) is not None


def bio_shaped(text: str) -> bool:
    """ "<Name> is a ... journalist": the shape of an author bio (also of some body sentences)."""
    return _BIO_SHAPE.match(text) is not None


def list_like(row: Row, threshold: float) -> bool:
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


def is_dateline(text: str) -> bool:
    """A date (with optional label, weekday and time) or a date label, alone on its line."""
    if len(text) > 90:
        return False
    if LABEL_ONLY_RX.match(text):
        return True
    if not _HAS_DIGIT.search(text) or not DATE_RX.search(text):
        return False
    rest = DATELINE_BYLINE_RX.sub("", DATE_RX.sub("", text))
    if DATELINE_JUNK_RX.sub("", rest) == "":
        return True
    # "World | June 1, 2023": a short section label beside the date, set off by a separator.
    parts = [p for p in re.split(r"\s*[|•·]\s*", rest) if DATELINE_JUNK_RX.sub("", p)]
    return any(sep in text for sep in "|•·") and len(parts) == 1 and len(parts[0].split()) <= 2


# --------------------------------------------------------------------------------------------
# The notice rules, compiled


def _trigger_rx(triggers: dict[str, tuple[str, ...]]) -> re.Pattern | None:
    words = list(dict.fromkeys(t for ts in triggers.values() for t in ts))
    return re.compile("|".join(re.escape(t) for t in words)) if words else None


def _mode(rule: Rule) -> tuple:
    return (rule.reason, rule.cap, rule.anchored, rule.lowered, rule.case)


def _merged(notices: tuple[Rule | Cues, ...]) -> list[list[Rule] | Cues]:
    """Consecutive rules that differ only in phrasing and have no triggers tried as one."""
    out: list[list[Rule] | Cues] = []
    for rule in notices:
        last = out[-1] if out else None
        if (
            isinstance(rule, Rule)
            and isinstance(last, list)
            and not rule.triggers
            and not last[-1].triggers
            and _mode(rule) == _mode(last[-1])
        ):
            last.append(rule)
        else:
            out.append([rule] if isinstance(rule, Rule) else rule)
    return out


def _cues_test(cues: Cues) -> Callable[[str], bool]:
    compiled = {
        name: re.compile(rules.alternation(table), re.IGNORECASE)
        for name, table in cues.cues.items()
    }
    required = [compiled[name] for name in cues.required]

    def test(text: str) -> bool:
        return any(rx.search(text) for rx in required) and (
            sum(1 for rx in compiled.values() if rx.search(text)) >= cues.min_cues
        )

    return test


def _compiled() -> list[tuple[str, int | None, re.Pattern | None, Callable, bool]]:
    """`(reason, cap, trigger, test, lowered)` per rule group, in `NOTICES` order."""
    out = []
    for group in _merged(rules.NOTICES):
        if isinstance(group, Cues):
            trigger = _trigger_rx(group.triggers)
            out.append((group.reason, group.cap, trigger, _cues_test(group), False))
            continue
        first = group[0]
        pattern = "|".join(f"(?:{rule.pattern()})" for rule in group)
        rx = re.compile(pattern, 0 if first.case else re.IGNORECASE)
        test = rx.match if first.anchored else rx.search
        out.append((first.reason, first.cap, _trigger_rx(first.triggers), test, first.lowered))
    return out


_NOTICES = _compiled()


def notice_reason(row: Row) -> str:
    """The reason of the first notice rule the paragraph matches, or ""."""
    text = row.text
    low = text.lower()
    for reason, cap, trigger, test, lowered in _NOTICES:
        if (cap is not None and row.n > cap) or (trigger is not None and not trigger.search(low)):
            continue
        if test(low if lowered else text):
            return reason
    return ""
