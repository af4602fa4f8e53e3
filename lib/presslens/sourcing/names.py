"""One person, one speaker: the name a person is filed under within an article.

A speaker phrase often holds more than the name ("Events Founder and Lead Designer Jane Doe",
"Sen. Jane Doe of Ohio", "Vermont's Doe"), and later mentions hold less ("Doe", "Ms. Doe",
"Jane"). `person_name` takes the name out of a described speaker; `ArticleNames` knows every
full name an article gives, so a surname or a first name alone is filed under the full name as
first given ("Doe" → "Jane Doe"), and is known to be a person's.
"""

from __future__ import annotations

import bisect
import re

from .document import MONTHS_DAYS, NP_CONNECTORS, np_word

#: A word of a person's name: capitalised, letters after the first (no digits, not in capitals).
_UP, _LOW = "A-ZÀ-ÖØ-ÞА-ЯЁ", "a-zß-öø-ÿа-яё"  # Latin and Cyrillic letters
#: A capital may follow a short prefix inside a name word: McMillon, LaRovere, DiMugno, O’Brien.
_PART = (
    rf"[{_UP}](?:[{_LOW}]{{1,2}}[’']?[{_UP}]|[’'][{_UP}])?[{_LOW}’']*[{_LOW}]"
    rf"(?:-[{_UP}]?[{_LOW}’']*[{_LOW}])*"
)
_NAME_WORD = re.compile(rf"(?:{_PART}|[{_UP}])\.?$")
#: A run of two to four name words in running text ("Jane Doe", "Bernard P Achampong").
_NAME_RUN = re.compile(
    rf"(?<![\w’'\-.])(?:{_PART}(?:[^\S\n]+|[^\S\n]+[{_UP}]\.?[^\S\n]+)){{1,3}}{_PART}(?![\w\-])"
)
_INITIALS = {f"{c}." for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"} | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_POSSESSIVE_LEAD = re.compile(r"^(?:\S+[’']s\s+)+")
_POSSESSIVE_WORD = re.compile(r"[’']s$")


def is_name(rules, words: list[str]) -> bool:
    """Whether `words` can be a person's name: name words, none a title, a role, an
    organisation's word, a month or a word that opens a clause."""
    bare = [np_word(w) for w in words]
    return bool(bare) and all(
        _NAME_WORD.match(w)
        and w.rstrip(".") not in rules.organisation_words
        and w.lower().rstrip(".")
        not in rules.person_heads | rules.honorific_words | rules.clause_openers | MONTHS_DAYS
        and w.lower() not in {"the", "a", "an"}
        for w in bare
    )


def strip_possessive(phrase: str) -> str:
    """`phrase` without leading possessives ("Vermont's Doe" → "Doe")."""
    return _POSSESSIVE_LEAD.sub("", phrase.strip())


def person_name(rules, phrase: str) -> str | None:
    """The name of a person at the end of a described speaker ("celebrity planner Jane Doe",
    "Events Founder and Lead Designer Jane Doe", "Vermont's Doe") or before "of <place>" ("Jane
    Doe of Ohio"): name words after a title or role word, none naming an organisation."""
    phrase = _POSSESSIVE_LEAD.sub("", phrase.strip())
    words = phrase.split()
    if " of " in phrase:
        head = phrase.split(" of ", 1)[0].split()
        if 2 <= len(head) <= 4 and is_name(rules, head):
            return " ".join(head)
    for n in (4, 3, 2):
        name, before = words[-n:], words[:-n]
        if len(name) == n and before and is_name(rules, name):
            prev = np_word(before[-1]).lower().rstrip(".")
            # a title's word, not its "of" ("Secretary of State"): "College of Sports Medicine"
            role = (rules.person_heads | rules.honorific_words) - NP_CONNECTORS | {"and"}
            acronym = np_word(before[-1]).isupper()  # "Spotify CEO Jane Doe", "МИД …"
            lower = not before[-1][:1].isupper() and prev not in NP_CONNECTORS
            if prev in role or acronym or lower:
                return " ".join(name)
    return None


class ArticleNames:
    """Every full name (two to four name words) an article gives, by its first and last word,
    with where it is first given."""

    def __init__(self, rules, text: str):
        self.by_word: dict[str, list[tuple[int, str]]] = {}
        seen: set[str] = set()
        for m in _NAME_RUN.finditer(text):
            # the name words of the run, in groups ("Lead Designer Jane Doe" → "Jane Doe")
            group: list[str] = []
            for w in [*m.group(0).split(), ""]:
                if w and is_name(rules, [w]) and not _POSSESSIVE_WORD.search(w):
                    group.append(w)  # "Vermont's Doe" is Doe of Vermont, not a name
                    continue
                full = " ".join(group)
                group = []
                if full.count(" ") < 1 or full in seen:
                    continue
                seen.add(full)
                for part in set(full.split()) - {"", *_INITIALS}:
                    self.by_word.setdefault(part, []).append((m.start(), full))

    def first_given(self, full: str) -> int:
        """Where the article first gives the full name `full` (-1: never)."""
        for p, f in self.by_word.get(full.split()[-1], []):
            if f == full:
                return p
        return -1

    def full_name(self, key: str, pos: int) -> str | None:
        """The full name a shorter one (a surname, a first name, "Harden Bradford") at `pos`
        stands for: the latest longer name that begins or ends with it given before `pos`,
        else the first one after."""
        words = key.split()
        if not words or len(words) > 3:
            return None
        cands = [
            (p, full)
            for p, full in self.by_word.get(words[-1] if len(words) > 1 else key, [])
            if len(full.split()) > len(words) and (len(words) == 1 or full.endswith(" " + key))
        ]
        if not cands:
            return None
        k = bisect.bisect_right([p for p, _ in cands], pos)
        return cands[k - 1][1] if k else cands[0][1]


def corpus_names(names: list[str | None], rules) -> dict[str, str]:
    """Across a corpus, each speaker name that stands for a fuller one: `{name: full name}`.

    A name led by titles or roles ("Administrator Jane Doe", "Sen. Jane Doe") is filed under the
    name without them, and a surname alone ("Doe") under the one person of the corpus with that
    surname ("Jane Doe"; "Jane Q. Doe" is the same person, filed under the form used most). A
    surname shared by two people stays as it is: which one is meant cannot be told."""
    counts: dict[str, int] = {}
    for name in names:
        if name:
            counts[name] = counts.get(name, 0) + 1
    titles = rules.honorific_words | rules.person_heads
    bare: dict[str, list[str]] = {}  # each name without its leading titles
    people: dict[str, dict[str, dict[str, int]]] = {}  # surname → first name → form → count
    for name, n in counts.items():
        words = name.split()
        while len(words) > 2 and words[0].lower().rstrip(".") in titles:
            words = words[1:]
        bare[name] = words
        if len(words) >= 2 and is_name(rules, words):
            forms = people.setdefault(words[-1], {}).setdefault(words[0], {})
            forms[" ".join(words)] = forms.get(" ".join(words), 0) + n
    merged: dict[str, str] = {}
    for name, words in bare.items():
        by_first = people.get(words[-1], {})
        if len(by_first) != 1 or (len(words) >= 2 and words[0] not in by_first):
            continue  # no such person, or two people share the surname
        forms = next(iter(by_first.values()))
        full = max(sorted(forms), key=lambda f: forms[f])
        if name != full:
            merged[name] = full
    return merged
