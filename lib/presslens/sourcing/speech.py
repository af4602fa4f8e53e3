"""The speech lexicon: speech verbs, attribution phrases, titles, speaker heads and places.

`rules(directory=None, language="en")` reads `speech.yaml` (the language's words for speaking and
speakers) and `places.yaml` (the story's places: demonyms, capitals, seats of power) through
`presslens.lexicons.load` and compiles them into one `SpeechRules`. It is cached on the two
files' content (`lexicons.fingerprint`): an edited lexicon takes effect at the next call, in a
running kernel too. Everything cached per word or per speaker hangs on the `SpeechRules` it was
computed with, so it can never outlive an edit.

A lexicon folder without `speech.yaml` uses the bundled one (it describes a language, not a
story); one without `places.yaml` knows no places (no demonyms before titles, no "the <demonym>
official" reference back).
"""

from __future__ import annotations

import re
from functools import lru_cache

from presslens import config, lexicons
from presslens.text import STOP_WORDS

from .document import DETERMINERS, FUNCTION_WORDS, MONTHS_DAYS, NP_CONNECTORS, np_word

#: Where the bundled `speech.yaml` lives (used when a lexicon folder has none).
BUNDLED = config.PROJECT_ROOT / "data" / "lexicons"


def by_first_letter(words: list[str]) -> str:
    r"""The alternation of `words` ("said|says|told…") regrouped by first letter
    ("s(?:aid|ays)|t(?:old)…"): a scan then tries one branch per letter instead of every word,
    about twice as fast. Between `\b`s the matches are the same: longer entries come first, so
    a phrase ("put it") wins over a word it starts with ("put")."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):  # "put it" before "put": longest first
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in groups.items())


def literal_alternation(words) -> str:
    """Words as one alternation of their literal text, the longest first ("and then" before
    "and"); a pattern that never matches when there are none."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def _phrase(text: str, *, any_case_first: bool = False, optional_dots: bool = False) -> str:
    """A lexicon phrase as a regex: words apart by any spaces; a hyphen also matches a space."""
    out = []
    for k, word in enumerate(str(text).split()):
        parts = []
        for i, c in enumerate(word):
            if c == "-":
                parts.append("[- ]")
            elif c == "." and optional_dots:
                parts.append(r"\.?")
            elif i == 0 and k == 0 and any_case_first and c.isalpha():
                parts.append(f"[{c.upper()}{c.lower()}]")
            else:
                parts.append(re.escape(c))
        out.append("".join(parts))
    return r"\s+".join(out)


def _alternation(items, **kw) -> str:
    """Phrases as one alternation, the longest first (so "Secretary of State" beats
    "Secretary")."""
    return "|".join(_phrase(t, **kw) for t in sorted(items, key=lambda t: (-len(t), t)))


def _words(spec: dict, key: str) -> list[str]:
    return [str(w) for w in spec.get(key) or []]


def _lower(items) -> set[str]:
    return {str(w).lower() for w in items}


class SpeechRules:
    """The compiled speech lexicon of one language plus the story's places. One object per
    content of the two files; hashable by identity, so caches can be keyed on it."""

    def __init__(self, speech: dict, places: list[dict]):
        self.speech_words = _words(speech, "speech_verbs")
        # speech phrases too (first: "puts it" before "puts"), to name the subject before
        # them ("As Doe put it, … “…”")
        self.attribution_words = (
            [" ".join(p.split()) for p in _words(speech, "speech_phrases")]
            + self.speech_words
            + _words(speech, "attribution_verbs")
        )
        self.reported_words = _words(speech, "reported_speech_verbs")
        speech_alt = "|".join(map(re.escape, self.speech_words))
        self.speech_re = re.compile(rf"\b(?:{by_first_letter(self.speech_words)})\b")
        self.attribution_re = re.compile(rf"\b(?:{by_first_letter(self.attribution_words)})\b")
        self.reported_re = re.compile(rf"\b(?P<cue>{by_first_letter(self.reported_words)})\b")
        phrases = "|".join(_phrase(p) for p in _words(speech, "speech_phrases"))
        self.cue_after_re = re.compile(
            rf"^(?:also\s+|later\s+|then\s+)?(?P<cue>{phrases or '(?!)'}|{speech_alt})\b"
        )
        #: A speech clause closing the sentence after a quote: ", says Doe." / ", Doe says."
        self.trailing_cue_re = re.compile(
            rf",\s+(?:(?P<cue>{speech_alt})\s+(?P<np>[^,;:.!?“”\"]{{2,60}}?)"
            rf"|(?P<np2>[A-Z][^,;:.!?“”\"]{{1,50}}?)\s+(?P<cue2>{speech_alt}))\s*[.!?]?\s*$"
        )
        #: A speech verb right after a sentence's subject ("Doe says to …", "Doe also noted").
        self.mention_verb_re = re.compile(
            rf"[\s,]+(?:also\s+|then\s+|later\s+)?(?:{by_first_letter(self.attribution_words)})\b"
        )
        #: An inverted speech verb after a comma: "…, said Jane Doe".
        self.inverted_re = re.compile(rf",\s+(?:{speech_alt})\s+(?=[A-Z])")
        #: ", <appositive>, said" after the speaker's name ("Jane Doe, a spokeswoman, said").
        self.appositive_cue_re = re.compile(
            rf"\s+[^,;:“”\"«»]{{1,90}}?(?:,\s+|\s+)(?:also\s+)?"
            rf"(?P<cue>{phrases or '(?!)'}|{speech_alt})\b"
        )
        self.quote_then_cue_re = re.compile(
            rf"[”\"’»“][^”\"’»“]{{0,60}}\b(?:{speech_alt})\b[^”\"’»“]{{0,40}}$"
        )
        according = _words(speech, "according_to")
        self.according_re = re.compile(
            rf"\b(?:{_alternation(according, any_case_first=True) or '(?!)'})\s+"
        )
        #: Substrings one of which a text holds if it may hold an "according to" phrase.
        self.according_probes = tuple(p.split()[0][1:] for p in according if p.strip())
        nouns = _alternation(_words(speech, "speech_nouns"))
        name = r"[A-ZА-ЯЁ][\w\-]*(?:\s+[A-ZА-ЯЁ][\w\-.]*){0,3}"
        #: Someone's words before a quote: "in Doe’s words", "Doe’s famous definition of",
        #: "in the words of Jane Doe", "в формулировке Иванова".
        self.speech_noun_re = re.compile(
            rf"(?<![\w’'])(?P<owner>{name})[’']s\s+(?:[a-z][\w\-]*\s+){{0,2}}(?P<noun>{nouns})\b"
            rf"|\b(?P<noun2>{nouns})\s+(?:of\s+)?(?P<named>{name})"
            if nouns
            else "(?!)"
        )
        scare = _alternation(_words(speech, "scare_markers"))
        self.scare_re = re.compile(rf"(?:{scare or '(?!)'})\s*$", re.IGNORECASE)
        #: The words before a quote that make it a title: "entitled “…”", "For more, read “…”".
        marker = _alternation(_words(speech, "title_markers"))
        pointer = _alternation(_words(speech, "reading_pointers"))
        works = _alternation(_words(speech, "work_nouns"))
        #: A work's noun right before a quote, nothing but a space between: "the post “…”".
        self.work_cue_re = re.compile(
            rf"\b(?:{works or '(?!)'})(?:\s+(?:on|of|called|named|like))?\s+$", re.IGNORECASE
        )
        self.title_cue_re = re.compile(
            rf"(?:\b(?:{marker or '(?!)'})|(?:^|[.!?:,;(]\s*)(?:{pointer or '(?!)'}))[\s,:]*$",
            re.IGNORECASE,
        )

        demonyms = [str(d) for p in places for d in p.get("demonyms") or []]
        seats = [str(s) for p in places for s in p.get("seats") or []]
        before_title = _alternation(demonyms + seats, optional_dots=True)
        titles = _alternation(_words(speech, "honorifics"), optional_dots=True)
        #: Every word of a title, lower case, without its dot ("mr", "vice", "president").
        self.honorific_words = {
            w.lower().rstrip(".") for h in _words(speech, "honorifics") for w in h.split()
        }
        self.not_speakers = _lower(_words(speech, "not_speakers"))
        self.clause_openers = _lower(_words(speech, "clause_openers"))
        #: The writer's own "I" (a quote the byline's author gives), and "you".
        self.first_person = _words(speech, "first_person")
        self.second_person = _lower(_words(speech, "second_person"))
        #: Words ending the writer's clause before a quote it gives as an example or a wording
        #: ("… opened with “…”", "…, e.g. “…”"), when a speech verb stands in that clause.
        self.writer_leads = _words(speech, "writer_leads")
        #: Conjunctions joining a speech verb to its sentence's first verb ("… and shared, “…”").
        conj = sorted(_words(speech, "verb_conjunctions"), key=len, reverse=True)
        self.verb_conjunctions = conj
        self.verb_conjunction_re = re.compile(rf"(?<![\w’'])(?:{literal_alternation(conj)})\s+$")
        #: Words opening a subordinate or relative clause ("while", "who", «который»), counted
        #: only right after a comma (", while her rivals …"): the match starts at the comma.
        sub = sorted(_words(speech, "subordinators"), key=len, reverse=True)
        self.subordinators = sub
        self.subordinator_re = re.compile(rf"(?i),\s*(?:{literal_alternation(sub)})(?![\w’'])")
        #: Whether one pair of marks may hold the reporter's words between dashes («A, —
        #: сказал X. — B»), and the words that make such a clause the speaker's own aside
        #: («A, — как я сказал, — B»): its opening words and the speaker's "I"/"we".
        self.interrupted_quotes = bool(speech.get("interrupted_quotes"))
        self.aside_openers = _lower(_words(speech, "aside_openers"))
        self.own_pronouns = _lower(_words(speech, "own_pronouns"))
        self.honorifics_re = re.compile(
            rf"^(?:(?:{before_title or '(?!)'})\s+)?(?:{titles or '(?!)'})\s+"
        )
        self.pronouns = {str(k).lower(): str(v) for k, v in (speech.get("pronouns") or {}).items()}
        self.person_heads = _lower(_words(speech, "person_heads"))
        #: Documents that speak for the organisation that made them ("the report said").
        self.document_heads = _lower(_words(speech, "document_heads"))
        self.org_heads = (
            _lower(_words(speech, "organisation_heads")) | _lower(seats) | self.document_heads
        )
        self.speaker_nouns = self.person_heads | self.org_heads
        self.referring_heads = (
            _lower(_words(speech, "referring_heads")) | _lower(seats) | self.document_heads
        )
        self.rank_words = _lower(_words(speech, "rank_words"))
        self.demonyms = _lower(demonyms)
        self.referring_modifiers = (
            _lower(_words(speech, "referring_modifiers")) | self.rank_words | self.demonyms
        ) | _lower(seats)
        #: Modifiers of a person phrase that name an organisation ("the ministry spokesman").
        self.org_modifiers = (self.referring_modifiers & self.org_heads) | _lower(seats)
        self.description_words = (
            _lower(_words(speech, "description_words")) | self.rank_words | self.demonyms
        )
        self.organisation_words = set(_words(speech, "organisation_words")) | set(seats)
        #: Small words inside an organisation's name ("Institute for Culture and Cooperation").
        self.name_connectors = _lower(_words(speech, "name_connectors"))
        self.lead_openers = _lower(_words(speech, "lead_openers"))
        self.place_aliases = _place_aliases(places)
        # Per-word caches of this lexicon (the same words recur in every article).
        self.is_np_token = lru_cache(maxsize=1 << 16)(self._is_np_token)
        self.valid_speaker = lru_cache(maxsize=1 << 14)(self._valid_speaker)

    def mentions_according(self, s: str) -> bool:
        """Whether `s` may hold an "according to" phrase (a fast test before the regex)."""
        return any(p in s for p in self.according_probes)

    def strip_title(self, surface: str) -> str:
        """`surface` without a leading title ("Minister X" → "X")."""
        return self.honorifics_re.sub("", surface)

    def _is_np_token(self, w: str, first: bool) -> bool:
        """Whether token `w` can be part of a speaker's noun phrase (`first`: its first word)."""
        core = np_word(w)
        if not core:
            return False
        low = core.lower().rstrip(".")
        if low in self.pronouns:
            return first
        if low in self.not_speakers:
            return False
        if core[:1].isupper():
            if low in MONTHS_DAYS or low in self.clause_openers:
                return False
            if low in self.honorific_words:
                return True
            if core.isupper() and len(core) <= 6:
                return True  # acronyms and abbreviations
            if not first and len(core) == 2 and core[1].islower() and low not in FUNCTION_WORDS:
                return True  # a two-letter name after the first word ("Lisa Su", "Wei Li")
            return low not in STOP_WORDS or low in {"the", "a", "an"}
        return (
            low in self.speaker_nouns
            or low in self.honorific_words
            or low in NP_CONNECTORS
            or low in DETERMINERS
            or low in self.description_words
        )

    def _valid_speaker(self, s: str) -> bool:
        """Whether a noun phrase can name a speaker."""
        words = [w for w in (np_word(w) for w in s.split()) if w]
        if not words:
            return False
        low = [w.lower().rstrip(".") for w in words]
        if len(words) == 1 and low[0] in self.pronouns:
            return True
        if low[0] in self.not_speakers or low[0] in self.clause_openers:
            return False
        if POSSESSIVE.search(words[-1]):
            return False  # "Trump’s" names a thing of his
        if len(words) >= 2 and all(w.isupper() for w in words):
            return False  # "DES MOINES": a dateline or a heading, in capitals
        if any(w in self.speaker_nouns for w in low):
            return True
        caps = [w for w in words if w[:1].isupper() and w.lower() not in DETERMINERS]
        return bool(caps) and not all(w.lower() in MONTHS_DAYS for w in caps)


POSSESSIVE = re.compile(r"[’']s$")


def _place_aliases(places: list[dict]) -> dict[str, set[str]]:
    """Demonym → every word for its place (the place, other names, demonyms, capital, seats)."""
    out: dict[str, set[str]] = {}
    for p in places:
        words = [p.get("place"), *(p.get("names") or []), *(p.get("demonyms") or [])]
        words += [p.get("capital"), *(p.get("seats") or [])]
        alts = {str(w).lower() for w in words if w}
        for d in p.get("demonyms") or []:
            out.setdefault(str(d).lower(), set()).update(alts)
    return out


def _load(name: str, directory):
    """`(fingerprint, content)` of a lexicon, or None when the folder has no such file."""
    try:
        return lexicons.fingerprint(name, directory), lexicons.load(name, directory)
    except FileNotFoundError:
        return None


def rules(directory=None, language: str = "en") -> SpeechRules:
    """The speech lexicon of `language` with the places of the lexicon folder `directory`
    (default `config.lexicons_dir()`), compiled; the same object while both files are unchanged.
    """
    speech = _load("speech", directory) or _load("speech", BUNDLED)
    if speech is None:
        raise FileNotFoundError(f"no speech lexicon in {lexicons.lexicon_directory(directory)}")
    places = _load("places", directory) or ("", {})
    return _compiled(speech[0], places[0], language, speech[1], places[1])


_COMPILED: dict[tuple[str, str, str], SpeechRules] = {}


def _compiled(speech_key: str, places_key: str, language: str, speech, places) -> SpeechRules:
    key = (speech_key, places_key, language)
    found = _COMPILED.get(key)
    if found is None:
        if language not in speech:
            known = ", ".join(sorted(map(str, speech))) or "none"
            raise KeyError(f"speech.yaml has no language {language!r} (it has: {known})")
        if len(_COMPILED) >= 8:  # edits in a long session: keep the recent ones
            _COMPILED.pop(next(iter(_COMPILED)))
        found = _COMPILED[key] = SpeechRules(speech[language] or {}, places.get("places") or [])
    return found
