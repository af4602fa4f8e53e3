"""What a paragraph looks like: the evidence the passes of `decide` read.

`Row` holds one candidate's features (length, words, stop-word density, sentence end, links);
`notice_reason` gives the reason of the first notice rule of `notices.NOTICES` a paragraph
matches, in one or two regex calls for most paragraphs (see `_Notices`); `is_dateline`,
`list_like` and `bio_shaped` are the other signals. The patterns are compiled here, once, from the tables
of `rules`, `notices` and `datelines`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import lru_cache

from ..memo import Memo
from . import notices, rules
from .datelines import DATE_RX, DATELINE_BYLINE_RX, DATELINE_JUNK_RX, LABEL_ONLY_RX
from .languages import lower_words
from .paragraphs import ends_sentence
from .rowsearch import first_chars_lead, keyword_automaton, led_by_first_chars
from .rules import Cues, Rule

#: Short lines recur across a site's pages (menus, footers, share rows): their features, notice
#: reason and dateline test are remembered (pure functions of the text) for this many lines.
MEMO_CHARS = 200
MEMO_SIZE = 1 << 16
#: ... and their features (the larger entries: words and lower case) for this many.
ROW_MEMO_SIZE = 1 << 14

_URL = re.compile(rules.URL)
_HANDLE = re.compile(rules.HANDLE)
_EMAIL = re.compile(rules.EMAIL)
_LIST_ITEMS = re.compile(rules.LIST_ITEMS)
#: What every date `DATE_RX` finds holds: four digits, or "d/m/yy" (a cheap test first).
_DATE_HINT = re.compile(r"\d(?:\d{3}|[./-]\d{1,2}[./-]\d\d)")  # led by \d: 're' skips to digits
_TEMPERATURE = re.compile(rules.TEMPERATURE)
_BIO_SHAPE = re.compile(
    notices.BIO_SHAPE_FORM.replace("{copula}", rules.alternation(notices.BIO_SHAPE["copula"]))
    .replace("{article}", rules.alternation(notices.BIO_SHAPE["article"]))
    .replace("{role}", rules.alternation(notices.BIO_SHAPE["role"]))
)


class Row:
    """One paragraph candidate, its features and the reason the passes give it."""

    __slots__ = (
        "i",
        "text",
        "low",
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
        self.n = n = len(text)
        known = _ROW_MEMO.get(text) if n <= MEMO_CHARS else None
        if known is None:
            known = _text_features(text)
            if n <= MEMO_CHARS:
                _ROW_MEMO.remember(text, known)
        # `words`: stop-list words (`lower_words`), not `text.count_words`; shared, never changed
        self.low, self.words, self.n_words, self.sentence_end, self.links = known
        self.stop: float | None = None
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
            and (self.n >= 12 or self.n_words >= 5)  # a Japanese headline may be 11 characters
            and self.n <= 250
            and not t.endswith((".", "...", "…", ":", ",", ";"))
            # a capital, or a letter of a script without case
            and ((t[0].isalpha() and not t[0].islower()) or t[0].isdigit() or t[0] in "\"'“‘«")
            and not t.isupper()
            and self.links == 0
            and " | " not in t
        )


#: `_text_features` of short lines seen in this process (cleared when full).
_ROW_MEMO = Memo(ROW_MEMO_SIZE)


def _text_features(text: str) -> tuple[str, list[str], int, bool, int]:
    """`(low, words, n_words, sentence_end, links)` of a row's text: what `Row` reads of it."""
    low = text.lower()
    words = lower_words(low)
    links = (
        len(_URL.findall(text)) + len(_HANDLE.findall(text)) + len(_EMAIL.findall(text))
        if ("/" in text or "@" in text or "#" in text or "www." in text)
        else 0
    )
    return low, words, len(words), ends_sentence(text), links


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


@lru_cache(maxsize=MEMO_SIZE)
def is_dateline(text: str) -> bool:
    """A date (with optional label, weekday and time) or a date label, alone on its line."""
    if len(text) > 90:
        return False
    if LABEL_ONLY_RX.match(text):
        return True
    if not _DATE_HINT.search(text) or not DATE_RX.search(text):
        return False
    rest = DATELINE_BYLINE_RX.sub("", DATE_RX.sub("", text))
    if DATELINE_JUNK_RX.sub("", rest) == "":
        return True
    # "World | June 1, 2023": a short section label beside the date, set off by a separator.
    parts = [p for p in re.split(r"\s*[|•·]\s*", rest) if DATELINE_JUNK_RX.sub("", p)]
    return any(sep in text for sep in "|•·") and len(parts) == 1 and len(parts[0].split()) <= 2


# --------------------------------------------------------------------------------------------
# The notice rules, compiled into one pass
#
# A paragraph's notice reason is the first rule group (in `NOTICES` order) it matches within the
# group's cap. The groups without triggers are all anchored: for each length cap they are joined
# into one alternation, tried in order at the paragraph's start (`re` alternation is ordered, so
# the named group that matched is the first such group). Groups with triggers (cheap substrings
# of every language, as a trie) are tried only when one of their triggers occurs, and only when
# they come before the anchored group found. One or two regex calls decide most paragraphs.


def trie_pattern(words) -> str:
    """A regular expression matching any of `words` (literal strings), factored as a trie so
    that `re` checks one character per position instead of every word in turn."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _trigger_rx(triggers: dict[str, tuple[str, ...]]) -> re.Pattern | None:
    words = list(dict.fromkeys(t for ts in triggers.values() for t in ts))
    return re.compile(trie_pattern(words)) if words else None


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


def _group_pattern(group: list[Rule], led: bool = False) -> str:
    """The group's rules as one alternation; `led`: each led by its first characters (a row
    that cannot start a rule's match skips it in one test: most rows, most rules)."""
    if led:
        return "|".join(f"(?:{first_chars_lead(p)}(?:{p}))" for p in (r.pattern() for r in group))
    return "|".join(f"(?:{rule.pattern()})" for rule in group)


def _at_start(pattern: str, flags: int) -> bool:
    """Whether every match of `pattern` starts at the text's start (each alternative opens with
    `^`, no multi-line mode): searched, it is the same as matched at position 0."""
    try:
        from re import _constants as sc
        from re import _parser

        if re.compile(pattern, flags).flags & re.MULTILINE:
            return False
        items = list(_parser.parse(pattern, flags))
    except Exception:  # pragma: no cover - `re`'s private parser changed: searched as before
        return False

    def opens(items) -> bool:
        if not items:
            return False
        op, av = items[0]
        if op is sc.AT:
            return av is sc.AT_BEGINNING or av is sc.AT_BEGINNING_STRING
        if op is sc.SUBPATTERN:
            return opens(list(av[3]))
        if op is sc.BRANCH:
            return all(opens(list(alt)) for alt in av[1])
        return False

    return opens(items)


def _split_test(group: list[Rule], flags: int) -> Callable[[str], bool]:
    """Whether a paragraph matches any rule of an unanchored group: its phrases that can only
    match at the start (`^by signing up ...`) tried there once, the others searched, led by their
    own first characters (a search for the whole alternation tries the anchored phrases at every
    position the lead lets through). The same answer as searching the group's alternation."""
    start: list[str] = []
    loose: list[str] = []
    for rule in group:
        if rule.form == "{}":
            phrases = [p for ps in rule.phrases.values() for p in ps]
        else:
            phrases = [rule.pattern()]
        for p in phrases:
            (start if _at_start(p, flags) else loose).append(f"(?:{p})")
    head = re.compile("|".join(start), flags).match if start else None
    rest = led_by_first_chars(re.compile("|".join(loose), flags)).search if loose else None
    if rest is None and head is not None:
        return head
    if head is None and rest is not None:
        return rest

    def test(text: str) -> bool:
        return head(text) is not None or rest(text) is not None

    return test


class _Notices:
    """The notice groups compiled: triggered ones `(order, reason, cap, trigger, test, lowered)`,
    and per length cap one anchored alternation of the untriggered groups (in order)."""

    def __init__(self, notices: tuple[Rule | Cues, ...]):
        self.triggered: list[tuple[int, str, int | None, re.Pattern, Callable, bool]] = []
        trigger_words: list[set[str]] = []  # of each triggered group
        anchored: list[tuple[int, str, int | None, str]] = []
        for order, group in enumerate(_merged(notices)):
            if isinstance(group, Cues):
                trigger_words.append({t for ts in group.triggers.values() for t in ts})
                trigger = _trigger_rx(group.triggers)
                self.triggered.append(
                    (order, group.reason, group.cap, trigger, _cues_test(group), False)
                )
                continue
            first = group[0]
            if first.triggers:
                flags = 0 if first.case else re.IGNORECASE
                rx = re.compile(_group_pattern(group), flags)
                test = rx.match if first.anchored else _split_test(group, flags)
                trigger = _trigger_rx(first.triggers)
                trigger_words.append({t for ts in first.triggers.values() for t in ts})
                self.triggered.append(
                    (order, first.reason, first.cap, trigger, test, first.lowered)
                )
                continue
            if not first.anchored:
                raise ValueError(f"a {first.reason} rule without triggers must be anchored")
            # A `lowered` rule matches the lower-cased text (case-sensitively): the same as its
            # lower-case phrases matched on the text ignoring case.
            body = _group_pattern(group, led=True)
            if not first.case or first.lowered:
                body = f"(?i:{body})"
            body = f"{first_chars_lead(body)}(?:{body})"  # (a group no row can start: skipped)
            anchored.append((order, first.reason, first.cap, f"(?P<g{order}>{body})"))
        self.reasons = {f"g{order}": reason for order, reason, _, _ in anchored}
        self.order = {f"g{order}": order for order, _, _, _ in anchored}
        #: Any trigger of any group: one scan tells whether a triggered group need be tried.
        self.any_trigger = re.compile(
            trie_pattern(
                {t for g in notices if g.triggers for ts in g.triggers.values() for t in ts}
            )
        )
        #: With pyahocorasick, one Aho–Corasick scan finds which triggered groups' triggers
        #: occur (`{trigger: bit mask of the groups in self.triggered}`); else `any_trigger`.
        masks: dict[str, int] = {}
        for k, triggers in enumerate(trigger_words):
            for word in triggers:
                masks[word] = masks.get(word, 0) | 1 << k
        self.scanner = keyword_automaton(masks)
        self.none = len(self.order) + len(self.triggered) + 1
        caps = [cap for _, _, cap, _, _, _ in self.triggered]
        #: Paragraphs longer than this are past every triggered group's cap.
        self.longest = None if None in caps else max(caps, default=0)
        caps = sorted({cap for _, _, cap, _ in anchored if cap is not None})
        #: `(cap, alternation of the groups allowing paragraphs up to cap)`, shortest cap first.
        self.by_cap: list[tuple[int | None, re.Pattern]] = []
        for cap in [*caps, None]:
            allowed = [p for _, _, c, p in anchored if c is None or (cap is not None and c >= cap)]
            self.by_cap.append((cap, re.compile("|".join(allowed))))
        self._caps = caps  # `by_cap`'s caps but the last (None), ascending: bisected
        self._by_cap_rx = [rx for _, rx in self.by_cap]

    def reason(self, text: str, low: str, n: int) -> str:
        m = self._by_cap_rx[bisect.bisect_left(self._caps, n)].match(text)  # first cap >= n
        found = self.order[m.lastgroup] if m else self.none
        if self.triggered[0][0] < found and (self.longest is None or n <= self.longest):
            if self.scanner is not None:
                hits = 0
                for _, mask in self.scanner.iter(low):
                    hits |= mask
                while hits:  # only the groups whose triggers occur, in order
                    bit = hits & -hits
                    hits ^= bit
                    order, reason, cap, _, test, lowered = self.triggered[bit.bit_length() - 1]
                    if order > found:
                        break
                    if (cap is None or n <= cap) and test(low if lowered else text):
                        return reason
            elif self.any_trigger.search(low):
                for order, reason, cap, trigger, test, lowered in self.triggered:
                    if order > found:
                        break
                    if (cap is not None and n > cap) or not trigger.search(low):
                        continue
                    if test(low if lowered else text):
                        return reason
        return self.reasons[m.lastgroup] if m else ""


_NOTICES = _Notices(notices.NOTICES)


def notice_reason(row: Row) -> str:
    """The reason of the first notice rule the paragraph matches, or ""."""
    if row.n > MEMO_CHARS:
        return _NOTICES.reason(row.text, row.low, row.n)
    reason = _REASON_MEMO.get(row.text)
    if reason is None:
        reason = _REASON_MEMO.remember(row.text, _NOTICES.reason(row.text, row.low, row.n))
    return reason


#: The notice reason of short lines seen in this process (cleared when full).
_REASON_MEMO = Memo(MEMO_SIZE)
