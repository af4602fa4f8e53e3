"""From speaker phrases to speakers: the actor lexicon (`presslens.lexicons.resolve_actor`),
the name a speaker is filed under, person or organisation, and back-references ("he added",
"the spokesman", "the ministry" → the last fitting speaker earlier in the article).

A `Resolver` holds everything cached per speaker phrase; it is made for one content of the actor
lexicon and one speech lexicon (`resolver(rules, directory)`), so an edit of `actors.yaml`,
`speech.yaml` or `places.yaml` is seen at the next call, in a running kernel too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from presslens import lexicons

from .document import DIRECT_KINDS, LEADING_ARTICLE, NAME_AT_END, Doc, Quote, in_spans, np_word
from .makers import maker_before
from .names import ArticleNames, is_name, person_name, strip_possessive
from .organisations import in_full, named_before

#: Actor kinds (`actors.yaml`) that are people.
PERSON_KINDS = {"person", "people", "individual"}


@dataclass(eq=False)  # one object per speaker: compared by identity
class Speaker:
    key: str
    surfaces: set = field(default_factory=set)
    person: bool = False
    actor: str | None = None
    side: str | None = None
    role: str | None = None
    spoke: bool = False  # quoted, or the subject of a speech verb
    para: int = -1  # the paragraph it was last named in


def resolver(rules, directory=None) -> Resolver:
    """The resolver for the speech lexicon `rules` and the actor lexicon in `directory`
    (default `config.lexicons_dir()`): the same object while neither changes."""
    folder = str(lexicons.lexicon_directory(directory))
    try:
        key = lexicons.fingerprint("actors", folder)
    except Exception:  # no actor lexicon, or a broken one: speakers keep their own names
        key = ""
    return _resolver(rules, folder, key)


@lru_cache(maxsize=8)
def _resolver(rules, folder: str, actors_key: str) -> Resolver:
    return Resolver(rules, folder if actors_key else None)


class Resolver:
    """Speaker phrases → lexicon actors, for one actor lexicon (`folder`; None: no usable
    lexicon, speakers keep their own names)."""

    def __init__(self, rules, folder: str | None):
        self.rules = rules
        self.folder = folder
        self.kinds: dict[str, str] = {}
        if folder is not None:
            try:
                table = lexicons.actors(folder)
            except Exception:  # a broken lexicon: speakers keep their own names
                self.folder = None
            else:
                if "kind" in table.columns:
                    actors, kinds = table["actor"].astype(str), table["kind"].astype(str)
                    self.kinds = dict(zip(actors, kinds, strict=True))
        self.usable = self.folder is not None
        self._lookup = lru_cache(maxsize=4096)(self._lookup_uncached)
        self.resolve = lru_cache(maxsize=1 << 14)(self._resolve)
        self.speaker_key = lru_cache(maxsize=1 << 14)(self._speaker_key)
        self.is_person = lru_cache(maxsize=1 << 14)(self._is_person)
        self.backref_kind = lru_cache(maxsize=1 << 14)(self._backref_kind)

    def _lookup_uncached(self, surface: str) -> dict | None:
        try:
            hit = lexicons.resolve_actor(surface, directory=self.folder)
        except Exception:
            return None
        return dict(hit) if hit else None

    def _resolve(self, surface: str) -> dict | None:
        """Lexicon entry for a speaker phrase, trying the proper-name core first."""
        if not self.usable:
            return None
        core = self.rules.strip_title(surface).strip()
        seen = set()
        for c in [*NAME_AT_END.findall(core), core, surface]:
            c = LEADING_ARTICLE.sub("", c.strip())
            if not c or c in seen:
                continue
            seen.add(c)
            hit = self._lookup(c)
            if hit and hit.get("actor"):
                return hit
        return None

    def _speaker_key(self, surface: str) -> str:
        """The name a speaker is filed under: its lexicon actor, else the person's name in the
        phrase ("Lead Planner Erica Vanco", "Sen. Jane Doe of Ohio" → "Jane Doe"), else the
        phrase without title and leading article."""
        hit = self.resolve(surface)
        if hit:
            return LEADING_ARTICLE.sub("", str(hit["actor"]))
        key = LEADING_ARTICLE.sub("", self.rules.strip_title(surface).strip())
        return person_name(self.rules, key) or strip_possessive(key) or key

    def _is_person(self, surface: str) -> bool:
        """Whether a speaker phrase names a person rather than an organisation."""
        rules = self.rules
        hit = self.resolve(surface)
        words = [np_word(w) for w in rules.strip_title(surface).split()]
        low = [w.lower() for w in words if w]
        if low and low[-1] in rules.person_heads:
            return True
        if low and low[-1] in rules.org_heads:
            return False
        if person_name(rules, surface) or person_name(rules, rules.strip_title(surface)):
            return True  # "Dr. Jane Doe of Acme" too
        if hit:
            kind = self.kinds.get(str(hit.get("actor")), "")
            if kind:
                return kind.lower() in PERSON_KINDS
            role = str(hit.get("role") or "").lower()
            if any(h in role for h in rules.person_heads):
                return True
        if "and" in low:
            return False  # two people or more are "they"
        caps = [w for w in words if w[:1].isupper() and w.lower() not in {"the", "a", "an"}]
        return 2 <= len(caps) <= 4 and len(words) <= 5 and is_name(rules, caps)

    def _backref_kind(self, surface: str) -> tuple[str, tuple[str, ...]] | None:
        """("person"|"org"|"any", modifier words) if `surface` refers back to an earlier
        speaker."""
        rules = self.rules
        words = [w for w in (np_word(w) for w in surface.split()) if w]
        low = [w.lower() for w in words]
        if len(low) == 1 and low[0] in rules.pronouns:
            return rules.pronouns[low[0]], ()
        if not low or low[0] not in {"the", "this", "that"}:
            return None
        head = low[-1]
        if head not in rules.person_heads and head not in rules.referring_heads:
            return None
        mods = words[1:-1]
        # a proper name among the modifiers makes it a new, named speaker
        if any(w[:1].isupper() and w.lower() not in rules.referring_modifiers for w in mods):
            return None
        kind = "person" if head in rules.person_heads else "org"
        if head in rules.document_heads:
            return "org", ()  # "the (annual) report said": whichever organisation made it
        if kind == "org" and any(w.lower() in rules.demonyms for w in mods):
            return None  # "the <demonym> Foreign Ministry" names a ministry; "the ministry" refers
        return kind, (*(w.lower() for w in mods), *([head] if kind == "org" else []))

    def compatible(self, sp: Speaker, mods: tuple[str, ...], kind: str) -> bool:
        """Whether an earlier speaker fits a back-reference of `kind` with modifiers `mods`."""
        rules = self.rules
        hay = " ".join(
            [*(s.lower() for s in sp.surfaces), str(sp.side or "").lower(), str(sp.role or "")]
        ).lower()
        hay_words = set(_HAY_WORD.findall(hay))
        for m in mods:
            if m in rules.rank_words or m == "the":
                continue
            alts = rules.place_aliases.get(m, {m})
            if not any((a in hay_words) or (" " in a and a in hay) for a in alts):
                return False
        if kind == "person":
            return sp.person or any(m in rules.org_modifiers for m in mods)
        if kind == "org":
            return not sp.person
        return True

    def new_speaker(self, surface: str, key: str, hit: dict | None) -> Speaker:
        sp = Speaker(key=key, person=self.is_person(surface))
        if hit:
            sp.actor, sp.side, sp.role = hit.get("actor"), hit.get("side"), hit.get("role")
        return sp


_HAY_WORD = re.compile(r"[\w.]+")


def _org_name(rules, key: str) -> bool:
    """Whether `key` is written as an organisation's name: an organisation word ("College",
    "Institute") or an acronym ("MDRC")."""
    words = [np_word(w) for w in key.split()]
    return any(w in rules.organisation_words or (len(w) > 1 and w.isupper()) for w in words)


def _to_front(history: list[Speaker], sp: Speaker) -> None:
    """Make `sp` the most recent speaker."""
    if sp in history:
        history.remove(sp)
    history.append(sp)


def _same_person(history: list[Speaker], key: str) -> Speaker | None:
    """An earlier person whose name ends like `key` ("Doe" after "spokeswoman Jane Doe")."""
    last = key.split()[-1].lower() if key.split() else ""
    for cand in reversed(history):
        ck = cand.key.split()
        if (
            cand.person
            and ck
            and (ck[-1].lower() == last or key.lower().endswith(cand.key.lower()))
        ):
            if len(ck) == 1 and len(key.split()) > 1 and cand.actor is None:
                cand.key = key  # "Trump", then "Donald Trump": filed under the full name
            return cand
    return None


def _no_speaker(q: Quote, last_direct: dict[int, Quote]) -> None:
    """A quote without a speaker phrase: a news-style continuation keeps the previous
    paragraph's speaker; otherwise it stays unattributed."""
    if q.method == "continuation":
        prev = last_direct.get(q.paragraph - 1)
        if prev is not None and prev.speaker_text:
            q.speaker_text, q.cue = prev.speaker_text, None
            q.confidence = 0.7
            q.speaker = prev.speaker
        else:
            q.method = None
    if q.speaker_text is None:
        q.method = q.method if q.kind in {"title", "scare"} else None
        if q.kind not in {"title", "scare"}:
            q.confidence = 0.5 if q.flags == "unclosed" else 0.6
    if q.kind in DIRECT_KINDS and q.speaker_text:
        last_direct[q.paragraph] = q


def resolve_speakers(doc: Doc, quotes: list[Quote]) -> None:
    """Speaker phrase → speaker (an actor when the lexicon knows them), back-references → the
    last fitting earlier speaker, in text order. `mention` quotes are named sentence subjects:
    they become speakers a later "he said" may refer to, and are not quotes."""
    text, res = doc.text, doc.resolver
    names = doc._names = ArticleNames(doc.rules, text)  # `lead` reads them again
    history: list[Speaker] = []
    by_key: dict[str, Speaker] = {}
    last_direct: dict[int, Quote] = {}

    def order(q: Quote) -> tuple[int, int]:
        if q.speaker_np is not None:
            return (q.speaker_np[0], q.start)
        return (q.start, q.start)

    spans = [(q.start, q.end) for q in quotes if q.kind != "mention"]
    for q in sorted(quotes, key=order):
        if q.speaker_np is None:
            _no_speaker(q, last_direct)
            continue
        surface = text[q.speaker_np[0] : q.speaker_np[1]]
        ref = res.backref_kind(surface) if q.kind != "mention" else None
        sp = None
        head = np_word(surface.split()[-1]).lower()
        bare = surface == head  # "Acme's 2025 report concluded": the phrase kept "report"
        if head in doc.rules.document_heads:
            # "the report said": the report's maker, as the article names it; "the Acme
            # report", "the Institute’s release" name it themselves
            made = maker_before(doc, q.speaker_np[1], head)
            inside = made is not None and q.speaker_np[0] <= made[0] < q.speaker_np[1]
            if made is not None and (ref is not None or bare or inside):
                surface, ref = text[made[0] : made[1]], None
                q.method = f"{q.method}+maker"
            elif bare:  # a common noun alone names no one
                q.speaker_np, q.speaker_text, q.method, q.confidence = None, None, None, 0.4
                continue
        if ref is not None:
            kind, mods = ref
            document = head in doc.rules.document_heads
            para = doc.para_of(q.speaker_np[0])
            sp = _named_near(doc, names, q, history, by_key, spans) if kind == "person" else None
            sp = sp or next(
                (
                    c
                    for c in reversed(history)
                    if res.compatible(c, mods, kind)
                    # "he said" is someone who spoke, or someone named just before
                    and (c.spoke or c.para >= para - 1 or " " in surface)
                    # "the report said": an organisation that spoke, or one by its name
                    and (c.spoke or not document or _org_name(doc.rules, c.key))
                ),
                None,
            )
            named = sp is None and kind == "org" and not document
            full = named_before(doc, q.speaker_np[0]) if named else None
            if sp is not None:
                q.method = f"{q.method}+backref"
                q.confidence *= 0.85
            elif full is not None:  # "the agency", after the reporter named it in full
                surface, ref = full, None
                q.method = f"{q.method}+named"
            elif len(surface.split()) == 1:
                q.speaker_np, q.speaker_text = None, None
                q.method, q.confidence = None, 0.4
                continue
        if sp is None:
            hit = res.resolve(surface)
            key = res.speaker_key(surface)
            full = names.full_name(key, q.speaker_np[0]) if hit is None else None
            if hit is None and q.kind != "mention":  # "HCA": HCA Healthcare named before
                full = in_full(doc, surface, key, q.speaker_np[0]) or full
            key = full or key
            sp = by_key.get(key.lower())
            if sp is None and hit is None and len(key.split()) <= 3 and q.kind != "mention":
                sp = _same_person(history, key)
            if sp is None:
                sp = by_key[key.lower()] = res.new_speaker(surface, key, hit)
                sp.person = sp.person or full is not None
            sp.surfaces.add(surface)
        _to_front(history, sp)
        sp.para = doc.para_of(q.speaker_np[0])
        sp.spoke = sp.spoke or q.kind != "mention" or q.method == "speaking"
        if q.kind == "mention":
            continue
        q.speaker = sp
        q.speaker_text = surface if ref is None else sorted(sp.surfaces, key=len)[-1]
        if q.kind in DIRECT_KINDS:
            last_direct[q.paragraph] = q


_POSSESSIVE_END = re.compile(r"[’']s?$")


def _thing_name(doc: Doc, pos: int) -> bool:
    """Whether the capitalised word at `pos` stands in a run of five capitalised words or more
    with no title or role among them ("CeCe Puff Sleeve Knit Top", "Acme Mysteria Ruffled
    Midi Dress"): a product's or a work's name, not a person's ("U.S. District Judge Jane Doe")."""
    text, rules = doc.text, doc.rules
    lo = max(0, pos - 80)
    words = text[lo : pos + 80].split()
    k = len(text[lo:pos].split())  # index of the word at `pos` ("(Jane": the same token)
    if pos > lo and not text[pos - 1].isspace():
        k -= 1
    if not 0 <= k < len(words):
        return False
    a = b = k
    while a > 0 and words[a - 1][:1].isupper() and words[a - 1][-1:] not in ",;:":
        a -= 1
    while b + 1 < len(words) and words[b + 1][:1].isupper() and words[b][-1:] not in ",.;:":
        b += 1
    run = [np_word(w).lower().rstrip(".") for w in words[a : b + 1]]
    roles = rules.honorific_words | rules.person_heads
    return len(run) >= 5 and not any(w in roles for w in run)


_CAP_WORD = re.compile(r"(?<![\w’'\-])[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'\-]*")


def _named_near(doc: Doc, names: ArticleNames, q: Quote, history, by_key, spans):
    """The person a "he/she said" cue most likely means when the last speaker is not named in
    its own sentence or the sentence before ("Bernard’s pick is “…,” he explains" after quotes
    of Kevin's): the person named nearest before the pronoun there, outside quotes; None when
    the last speaker is named there too, or nobody is."""
    text, res = doc.text, doc.resolver
    b = q.speaker_np[0]
    pa = doc.paras[doc.para_of(b)][0]
    sa, _ = doc.sent_bounds(b)
    if sa > pa:
        sa = max(pa, doc.sent_bounds(sa - 1)[0])
    found: list[str] = []
    for m in _CAP_WORD.finditer(text, sa, b):
        if in_spans(m.start(), spans):
            continue
        word = _POSSESSIVE_END.sub("", m.group(0))
        full = names.full_name(word, m.start())
        if full and (full.startswith(word + " ") or full.endswith(" " + word)):
            given = names.first_given(full)  # before the pronoun, in running text
            if not 0 <= given < b or doc.in_heading(given) or _thing_name(doc, m.start()):
                continue
            if res.is_person(full) and res.resolve(full) is None:
                found.append(full)
    if not found:
        return None
    last = next((c for c in reversed(history) if c.person), None)
    if last is not None and any(f.lower() == last.key.lower() for f in found):
        return None
    key = found[-1]
    sp = by_key.get(key.lower()) or _same_person(history, key)
    if sp is None:
        sp = by_key[key.lower()] = res.new_speaker(key, key, None)
        sp.person = True
    sp.surfaces.add(key)
    return sp
