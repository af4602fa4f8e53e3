"""`find_quotes`: every quote of every article, with its kind and speaker, as one table."""

from __future__ import annotations

import re
from functools import partial

import pandas as pd

from presslens import parallel
from presslens.dataset import check_articles
from presslens.text import count_words

from . import speech
from .document import QUOTE_COLUMNS, Doc, Quote, in_spans
from .indirect import find_indirect
from .kinds import classify, modifier
from .lead import lead_in_person
from .marks import find_embeds, find_marked, find_single, split_interrupted
from .names import corpus_names
from .phrases import np_after, sentence_subject, subject_before
from .resolution import resolve_speakers, resolver
from .speakers import attribute, speaker_after
from .writer import give_to_author

_CHUNK = 250  # articles per task when `find_quotes()` runs on a process pool


def extract(doc: Doc) -> list[Quote]:
    """All quotes of one article, attributed (speaker_text/cue/method/confidence set)."""
    embeds = find_embeds(doc)
    embed_lines = [line for _, _, line in embeds]
    doubles = [q for q in find_marked(doc) if not any(a <= q.start < b for a, b in embed_lines)]
    doubles = split_interrupted(doc, doubles)
    embed_quotes = []
    for q, m, line in embeds:
        # a post that is already one quoted span becomes the embed
        doubles = [d for d in doubles if not (d.start >= q.start - 1 and d.end <= q.end + 1)]
        name_a = line[0] + m.start("name")
        q.speaker_np = (name_a, name_a + len(m.group("name")))
        q.cue, q.method, q.confidence = "—", "embed-line", 0.95
        embed_quotes.append(q)
    singles = find_single(doc, doubles)
    marked = sorted(doubles + singles, key=lambda q: (q.start, -q.end))
    for q in marked:
        q.kind = classify(doc, q)
        if q.nested and q.kind == "partial" and count_words(doc.text[q.start : q.end]) <= 3:
            q.kind = "scare"  # “… a ‘full drip’ palette …”: the speaker's own scare quotes
    direct_spans = [(q.open_pos, q.close_pos + 1) for q in marked + embed_quotes if not q.nested]
    masked = direct_spans + embed_lines
    for q in marked:
        if q.kind in {"title", "scare"} or q.nested:
            q.method, q.confidence = ("nested" if q.nested else "none"), 0.6
            continue
        attribute(doc, q, marked, masked)
        if q.kind != "partial":
            continue
        n_words = count_words(doc.text[q.start : q.end])
        short = n_words <= 3
        if (
            (q.speaker_np is None and (short or modifier(doc, q)))
            or (n_words == 1 and q.method != "cue-after" and not _spoken_word(doc, q))
            or (short and q.method != "cue-after" and modifier(doc, q, bare=False))
        ):
            # a short term nobody is said to have said, a phrase standing as a noun's modifier
            # (a “10 things I wish I knew” post), one word in marks that no speech verb next
            # to it gives anyone (Doe says the cells “remembered” the shock), or a short term
            # naming a thing after a determiner even in a speaker's sentence (its “active
            # control” design; not Doe said there is “no alternative” solution)
            q.kind, q.method, q.speaker_np = "scare", "none", None
    _listed_scare(doc, marked)
    inner = _embedded(doc, marked)
    quotes = marked + embed_quotes + find_indirect(doc, masked)
    resolve_speakers(doc, quotes + _subject_mentions(doc, masked))
    _one_voice(doc, marked)
    lead_in_person(doc, marked)
    give_to_author(doc, marked, masked)
    for q, outer in inner:
        if q.speaker_text is None and outer.speaker_text is not None:
            q.speaker, q.speaker_text, q.cue = outer.speaker, outer.speaker_text, outer.cue
            q.method, q.confidence = "nested-outer", 0.5
    return sorted(quotes, key=lambda q: (q.start, q.end, q.kind))


_CLAUSE_START = re.compile(r"[.!?;:]\s+|^")


def _embedded(doc: Doc, marked: list[Quote]) -> list[tuple[Quote, Quote]]:
    """Speakers of the words quoted inside another quote (`nested`, not a term or a title).

    A named subject of a speech verb right before it, inside the outer quote, said them ("…
    what Acme said is, ‘…’"): its phrase becomes the quote's `speaker_np`. Else they are the
    outer quote's speaker's own words (“… what we tell buyers is, ‘…’”): the pairs `(quote,
    outer quote)` returned get that speaker once the outer one has it; not a question (“People
    should ask, ‘Is it worth it?’”) nor words after "you" in the clause before them (“Avoid
    anything that tells you, ‘…’”): anyone's words."""
    text, rules = doc.text, doc.rules
    out = []
    for q in marked:
        if not q.nested or q.kind not in ("full", "partial") or q.open_pos < 0:
            continue
        outers = [o for o in marked if not o.nested and o.open_pos < q.open_pos < o.close_pos]
        if not outers:
            continue
        outer = outers[-1]
        lo = max(outer.start, doc.sent_bounds(q.open_pos)[0])
        window = text[lo : q.open_pos]
        verbs = [m for m in rules.speech_re.finditer(text, max(lo, q.open_pos - 40), q.open_pos)]
        np_span = subject_before(rules, text, lo, verbs[-1].start()) if verbs else None
        if np_span is not None and _named(doc, np_span):
            q.speaker_np, q.cue = np_span, verbs[-1].group(0)
            q.method, q.confidence = "nested-cue", 0.6
            continue
        clause = window[list(_CLAUSE_START.finditer(window))[-1].end() :]
        anyone = any(w.strip(",;:").lower() in rules.second_person for w in clause.split())
        if not anyone and not text[q.start : q.end].rstrip().endswith("?"):
            out.append((q, outer))
    return out


def _one_voice(doc: Doc, marked: list[Quote]) -> None:
    """An article that quotes one named speaker only, twice or more: its cue-less quotes that
    stand as sentences of their own are that speaker's too (an expert's tips written up under
    headings); not a quote the reporter's own clause leads into ("… in your life: “…”")."""
    said = [q for q in marked if q.kind in ("full", "partial") and not q.nested]
    named = [q for q in said if q.speaker is not None]
    if len({id(q.speaker) for q in named}) != 1 or len(named) < 2:
        return
    if not any(w[:1].isupper() for w in str(named[0].speaker_text).split()):
        return  # "researchers": no one in particular
    for q in said:
        o = q.open_pos if q.open_pos >= 0 else q.start
        lead = doc.text[doc.paras[doc.para_of(o)][0] : o].rstrip()
        if q.speaker_text is None and q.kind == "full" and lead[-1:] in ("", ".", "!", "?"):
            q.speaker, q.speaker_text = named[0].speaker, named[0].speaker_text
            q.method, q.confidence = "one-voice", 0.5


def _listed_scare(doc: Doc, marked: list[Quote]) -> None:
    """A quote nobody is said to have said that follows a scare quote in one list ("a search
    for “…” or “…”", "questions like “…” and “…”") is a scare quote too."""
    prev = None
    for q in marked:
        if q.kind == "partial" and q.speaker_np is None and prev is not None:
            if prev.kind == "scare" and _LISTED.fullmatch(doc.text, prev.close_pos + 1, q.open_pos):
                q.kind, q.method = "scare", "none"
        prev = q


#: Between two quotes of one list: "“A” or “B”", "“A,” “B”", "“A” to “B”".
_LISTED = re.compile(r"[,;]?\s*(?:(?:or|and|to|nor)\s+)?")
_WORDS_BEFORE = re.compile(r"(?:\S+\s+){1,2}$")


def _spoken_word(doc: Doc, q: Quote) -> bool:
    """Whether a speech verb stands right before the quote's opening mark, the word being
    what was said ("the White House announced “progress”", "Doe spoke of “progress”")."""
    before = _WORDS_BEFORE.search(doc.text, max(0, q.open_pos - 40), max(q.open_pos, 0))
    return before is not None and doc.rules.attribution_re.search(before.group(0)) is not None


_SENTENCE_END = re.compile(r"\s\S+[.!?][”\"’»)]*\s*$")


def _subject_mentions(doc: Doc, masked) -> list[Quote]:
    """Named sentence subjects outside quotes ("Jane Doe met reporters."), subjects of speech
    verbs ("…, Doe says.") and names after an inverted speech verb (", said Jane Doe, a
    professor"): candidates for a later "she said" /
    "the ministry said" even when no quote of theirs has been found."""
    out = []
    text, rules = doc.text, doc.rules
    for sa, sb in doc.sents:
        if in_spans(sa, masked) or not _SENTENCE_END.search(text, sa, sb):
            continue  # a caption, a credit or a heading names no one who speaks next
        np_span = sentence_subject(rules, text, sa, sb)
        if np_span is not None and _named(doc, np_span):
            speaking = rules.mention_verb_re.match(text, np_span[1], sb)
            out.append(_mention(np_span, speaking is not None))
        for m in rules.speech_re.finditer(text, sa, sb):
            # "…, Doe says." / "Founder Jane Doe says not to worry"
            np_span = subject_before(rules, text, sa, m.start())
            if np_span is not None and not in_spans(m.start(), masked) and _named(doc, np_span):
                out.append(_mention(np_span, True))
        for m in rules.inverted_re.finditer(text, sa, sb):
            np_span = np_after(rules, text, m.end(), sb)
            if np_span is not None and not in_spans(m.start(), masked) and _named(doc, np_span):
                out.append(_mention(np_span, True))
        if rules.mentions_according(text[sa:sb]):
            # "…, according to Jane Doe, …": Doe spoke, whether or not a quote follows
            for m in rules.according_re.finditer(text, sa, sb):
                np_span = speaker_after(rules, text, m.end(), sb)
                if np_span is not None and not in_spans(m.start(), masked) and _named(doc, np_span):
                    out.append(_mention(np_span, True))
    return out


def _named(doc: Doc, np_span) -> bool:
    surface = doc.text[np_span[0] : np_span[1]]
    return doc.resolver.backref_kind(surface) is None and any(
        w[:1].isupper() for w in surface.split()
    )


def _mention(np_span, speaking: bool) -> Quote:
    q = Quote(np_span[0], np_span[1], kind="mention", speaker_np=np_span)
    q.method = "speaking" if speaking else None
    return q


def _quote_rows(rules, res, items: list[tuple]) -> list[tuple]:
    """The `find_quotes()` rows of `(article_id, outlet, text, author)` items, in order, as tuples in
    `QUOTE_COLUMNS` order (cheaper than dicts to pickle back from a pool worker and to frame)."""
    rows = []
    for aid, outlet, text, author in items:
        for q in extract(Doc(text, rules, res, author)):
            sp = q.speaker
            actor = side = None
            if q.speaker_text:
                actor = sp.actor if sp is not None and sp.actor else (sp.key if sp else None)
                side = sp.side if sp is not None else None
            quoted = text[q.start : q.end]
            rows.append(
                (
                    aid,
                    outlet,
                    q.kind,
                    quoted,
                    count_words(quoted),
                    q.speaker_text,
                    actor,
                    side,
                    q.cue if q.speaker_text else None,
                    q.method,
                    round(float(min(1.0, max(0.0, q.confidence))), 3),
                    int(q.start),
                    int(q.end),
                    q.flags,
                )
            )
    return rows


def find_quotes(
    articles: pd.DataFrame, *, workers: int | None = None, directory=None, language: str = "en"
) -> pd.DataFrame:
    """One row per quote: `article_id, outlet, kind, text, n_words, speaker_text, actor, side,
    cue, method, confidence, start, end, flags`.

    `text == article_text[start:end]` (the quote's content, marks excluded); `n_words` is
    `presslens.text.count_words(text)`. `kind` is one of `full, partial, embed, indirect, scare,
    title`; `actor`/`side` come from the actor lexicon (`actor` falls back to the speaker's name
    when the lexicon does not know them; `side` is then missing); `method` says how the speaker
    was found (`cue-after`, `cue-before`, `colon`, `according-to`, `embed-line`,
    `cue-earlier` (from an earlier sentence of the paragraph), `continuation`,
    `sentence-subject`, `…+backref`, `…+maker` (the report's maker, see `makers`),
    `first-person`: the writer's own "I said", given to the
    article's `author` when the table has that column, see `writer`); `confidence` is a rough 0–1 rating of span
    and speaker together; `flags` marks recovered spans (`unclosed`: the closing mark is
    missing; `no-opening`; `continued`: the quote runs over a paragraph break).

    The lexicons come from `directory` (default `config.lexicons_dir()`): actors from
    `actors.yaml`, the words of speech of `language` from `speech.yaml`, demonyms and capitals
    from `places.yaml` (see `presslens.sourcing.speech`). Articles are independent, so large
    inputs (from `parallel.POOL_MIN_ROWS` articles) are split over `workers` processes (default:
    every core; 1 = this process only); the table is the same either way.
    """
    arts = check_articles(articles)
    rules = speech.rules(directory, language)
    res = resolver(rules, directory)
    authors = arts["author"] if "author" in arts.columns else [None] * len(arts)
    items = list(zip(arts["article_id"], arts["outlet"], arts["text"], authors, strict=True))
    chunks = [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
    parts = parallel.map_chunks(
        partial(_quote_rows, rules, res), chunks, workers=workers, n_rows=len(items)
    )
    out = pd.DataFrame([row for part in parts for row in part], columns=QUOTE_COLUMNS)
    out = out.astype({"start": "int64", "end": "int64", "n_words": "int64", "confidence": float})
    # one person, one speaker across the corpus ("Trump" and "Donald Trump"), lexicon actors aside
    unknown = out["side"].isna() & out["actor"].notna()
    merged = corpus_names(out.loc[unknown, "actor"].tolist(), rules)
    out.loc[unknown, "actor"] = out.loc[unknown, "actor"].map(lambda a: merged.get(a, a))
    return out.sort_values(["article_id", "start", "end", "kind"], kind="stable").reset_index(
        drop=True
    )
