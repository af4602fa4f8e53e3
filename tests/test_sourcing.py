"""Quotes, speakers and voices: scored against hand labels, plus hand-made known answers.

Span match rule (see `sourcing.spans_match`): a predicted and a gold quote are the same quote
when their character spans overlap by at least half the length of the longer span, or when
their texts are equal once marks, punctuation, spaces and case are dropped. Pairs are matched
one to one, best overlap first, within each kind group (`direct` = full/partial/embed,
`indirect`, `names` = title/scare).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from itertools import islice
from pathlib import Path

import pandas as pd
import pytest
from conftest import assert_notebook_ran, assert_renamed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presslens import config, sourcing
from presslens.sourcing import speech
from presslens.sourcing.document import space_tokens
from presslens.text import count_words

FIXTURES = Path(__file__).resolve().parent / "fixtures"

MARKS = "“”„‟«»\"‘’‚'‹›"


@pytest.fixture(scope="module")
def labels() -> dict:
    return json.loads((FIXTURES / "quotes_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_quotes(articles) -> pd.DataFrame:
    return sourcing.find_quotes(articles)


def frame(*texts: str, outlets=None) -> pd.DataFrame:
    outlets = outlets or [f"Outlet {chr(65 + i)}" for i in range(len(texts))]
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(texts))],
            "outlet": outlets,
            "text": list(texts),
        }
    )


def one(q: pd.DataFrame, contains: str) -> pd.Series:
    hits = q[q["text"].str.contains(contains, regex=False)]
    assert len(hits) == 1, f"{contains!r}: {len(hits)} rows\n{q[['kind', 'text']]}"
    return hits.iloc[0]


# --------------------------------------------------------------------------------------------
# The gold itself


def test_gold_labels_sit_between_marks(labels, articles, gold):
    """Each closed direct label is framed by quote marks in the article (catches mislocated
    labels); every sample file has labels; the embed is followed by its attribution line."""
    g = sourcing.gold_quotes(labels, articles)
    assert len(g) == len(labels["quotes"])
    assert set(labels_files := {lab["file"] for lab in labels["quotes"]}) == set(gold)
    assert len(labels_files) == 5
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    for r in g.itertuples():
        t = texts[r.article_id]
        if r.kind in ("full", "partial", "title", "scare") and not r.unclosed:
            assert t[r.start - 1] in MARKS, r.text
            assert t[r.end] in MARKS, r.text
        if r.kind == "embed":
            assert t[r.end :].lstrip().startswith("— Secretary Antony Blinken (@SecBlinken)")


# --------------------------------------------------------------------------------------------
# Evaluation on the five sample articles


def test_quotes_match_hand_labels(sample_quotes, labels, articles):
    g = sourcing.gold_quotes(labels, articles)
    matches = sourcing.match_quotes(sample_quotes, g)
    scores = sourcing.quote_scores(matches).set_index("group")
    print("\nQuote extraction vs hand labels (5 sample articles):")
    print(scores.round(3).to_string())
    missed = matches[~matches["matched"] | (matches["speaker_ok"] == False)]  # noqa: E712
    if len(missed):
        print(missed[["group", "gold_text", "pred_text", "gold_speaker", "pred_speaker"]])
    direct = scores.loc["direct"]
    assert direct["n_gold"] == 37
    assert direct["f1"] >= 0.9
    assert direct["speaker_accuracy"] >= 0.85
    # reported speech and names are harder; they must still be mostly right
    assert scores.loc["indirect", "f1"] >= 0.75
    assert scores.loc["names", "f1"] >= 0.75


def test_output_columns_and_offsets(sample_quotes, articles):
    q = sample_quotes
    assert list(q.columns) == sourcing.QUOTE_COLUMNS
    assert set(q["kind"]) <= set(sourcing.KINDS)
    assert set(q["article_id"]) == set(articles["article_id"])
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    for r in q.itertuples():
        t = texts[r.article_id]
        assert 0 <= r.start < r.end <= len(t)
        assert t[r.start : r.end] == r.text
        assert r.n_words == count_words(r.text)  # the one word count of the suite
        assert 0 <= r.confidence <= 1
        if "unclosed" in r.flags:
            assert "\n\n" not in r.text  # never runs past its paragraph


def test_unclosed_quotes_recovered_and_flagged(sample_quotes, articles):
    q = sample_quotes
    uncl = q[q["flags"].str.contains("unclosed")]
    texts = set(uncl["text"])
    assert "withdrawing the Armenian armed forces" in texts
    part = one(uncl, "direct and substantial discussions")
    assert "Azerbaijan makes efforts" not in part["text"]
    assert part["text"].startswith("direct and substantial discussions")
    # the “ used as a closing mark still closes (000)
    miller = one(q, "peace is within reach")
    assert miller["flags"] == "" and miller["actor"] == "Matthew Miller"
    # the opening mark of “Artsakh National Assembly” was lost: still a title
    assert one(q, "Artsakh National Assembly")["kind"] == "title"


@pytest.mark.story
def test_sample_speakers(sample_quotes):
    q = sample_quotes
    embed = q[q["kind"] == "embed"]
    assert len(embed) == 1
    assert embed.iloc[0]["text"].startswith("Hosting peace talks this week")
    assert embed.iloc[0]["actor"] == "Antony Blinken"
    # "he told reporters in Moscow" → Peskov; "the US official said" → Blinken
    assert one(q, "There is no alternative to these trilateral")["actor"] == "Dmitry Peskov"
    assert one(q, "Important progress was made")["actor"] == "Antony Blinken"
    # a cue-less quote paragraph keeps the previous paragraph's speaker
    assert one(q, "We look forward to continuing")["method"] == "continuation"
    assert q.loc[q["kind"] == "scare", "text"].tolist() == ["rights and security"]
    # apostrophes are not quote marks
    for r in q.itertuples():
        assert not r.text.startswith(("s ", "ve ")), r.text


# --------------------------------------------------------------------------------------------
# Hand-made known answers (not from the sample)


def test_mark_styles_and_cues():
    arts = frame(
        "Lavrov said: «The West is not a reliable partner.» He left soon after.",
        "„Wir sind bereit“, sagte Scholz.",
        '"We will not accept this," said Ilham Aliyev on Friday.',
        "Pashinyan said the deal was 'within reach' but warned of 'provocations'.",
        "Officials spoke of the ‘spirit of Washington’ after the meeting.",
    )
    q = sourcing.find_quotes(arts)
    lav = one(q, "reliable partner")
    assert lav["text"] == "The West is not a reliable partner."
    assert (lav["kind"], lav["speaker_text"]) == ("full", "Lavrov")
    assert one(q, "Wir sind bereit")["text"] == "Wir sind bereit"
    ali = one(q, "We will not accept")
    assert ali["kind"] == "full" and ali["speaker_text"] == "Ilham Aliyev"
    assert one(q, "within reach")["speaker_text"] == "Pashinyan"
    assert one(q, "provocations")["kind"] == "partial"
    assert one(q, "spirit of Washington")["kind"] == "partial"


def test_paragraph_continuation_and_unclosed():
    text = (
        "Mirzoyan spoke at length.\n\n"
        "“We are ready to talk. We have always been ready.\n\n"
        "“But the other side must stop shooting,” Mirzoyan said.\n\n"
        "The ministry called for “an immediate ceasefire, and the statement said nothing "
        "about talks.\n\nAnother paragraph follows with no quotes at all."
    )
    q = sourcing.find_quotes(frame(text))
    cont = one(q, "We are ready to talk")
    assert cont["text"].endswith("must stop shooting,")
    assert cont["flags"] == "continued" and cont["speaker_text"] == "Mirzoyan"
    ceasefire = one(q, "immediate ceasefire")
    assert ceasefire["text"] == "an immediate ceasefire"
    assert ceasefire["flags"] == "unclosed" and ceasefire["kind"] == "partial"


@pytest.mark.story
def test_back_references_and_indirect():
    text = (
        "Russian Foreign Minister Sergei Lavrov met reporters on Monday. “We see no other way,” "
        "he said.\n\nThe Armenian Foreign Ministry issued a statement. “Talks must continue,” "
        "the ministry said.\n\nBayramov told reporters that Baku was ready to sign a deal."
    )
    q = sourcing.find_quotes(frame(text))
    he = one(q, "We see no other way")
    assert "Lavrov" in he["speaker_text"] and "backref" in he["method"]
    assert "Armenian Foreign Ministry" in one(q, "Talks must continue")["speaker_text"]
    ind = one(q, "Baku was ready to sign")
    assert ind["kind"] == "indirect" and ind["speaker_text"] == "Bayramov"
    assert ind["text"] == "Baku was ready to sign a deal."


def test_embed_scare_and_apostrophes():
    text = (
        "Productive talks today with my counterpart in Washington.\n\n"
        "— Ararat Mirzoyan (@AraratMirzoyan) May 2, 2023\n\n"
        'Baku rejects the so-called "corridor" demands.\n\n'
        "Armenia's and Azerbaijan’s leaders met; the ministers’ aides and the '90s wars "
        "were not discussed, rock 'n' roll was."
    )
    q = sourcing.find_quotes(frame(text))
    emb = one(q, "Productive talks today")
    assert emb["kind"] == "embed" and emb["speaker_text"] == "Ararat Mirzoyan"
    assert emb["text"] == "Productive talks today with my counterpart in Washington."
    assert one(q, "corridor")["kind"] == "scare"
    assert not q["text"].str.contains("leaders|aides|wars").any()


# --------------------------------------------------------------------------------------------
# Scoring helpers


def test_spans_match_rule():
    assert sourcing.spans_match((0, 10, "abcdefghij"), (0, 10, "abcdefghij")) == 1.0
    assert sourcing.spans_match((0, 10, "x" * 10), (5, 10, "x" * 5)) == 0.5
    assert sourcing.spans_match((0, 10, "x" * 10), (6, 10, "x" * 4)) == 0.4
    assert sourcing.spans_match((0, 4, "yes,"), (0, 3, "yes")) == 1.0  # same words
    assert sourcing.spans_match((0, 4, "abcd"), (10, 14, "abcd")) == 0.0  # elsewhere


def test_match_and_scores_known_answer():
    pred = pd.DataFrame(
        [
            ("a", "full", 0, 40, "x" * 40, "Blinken", "Antony Blinken"),
            ("a", "partial", 50, 60, "y" * 10, None, None),
            ("a", "indirect", 80, 99, "z" * 19, "he", None),
        ],
        columns=["article_id", "kind", "start", "end", "text", "speaker_text", "actor"],
    )
    gold = pd.DataFrame(
        [
            ("a", "full", 2, 40, "x" * 38, "Antony Blinken"),
            ("a", "partial", 20, 30, "w" * 10, "Russia"),
        ],
        columns=["article_id", "kind", "start", "end", "text", "speaker"],
    ).assign(speaker_aliases=[[], []])
    s = sourcing.quote_scores(sourcing.match_quotes(pred, gold)).set_index("group")
    # direct: 2 predicted, 2 gold, 1 matched (the full quote, right speaker)
    assert s.loc["direct", ["n_gold", "n_predicted", "n_matched"]].tolist() == [2, 2, 1]
    assert s.loc["direct", "precision"] == 0.5 and s.loc["direct", "recall"] == 0.5
    assert s.loc["direct", "speaker_accuracy"] == 1.0
    assert s.loc["indirect", "n_predicted"] == 1 and s.loc["indirect", "f1"] == 0.0


def test_speaker_correct_rules():
    ok = sourcing.speaker_correct
    assert ok({"speaker_text": "Kremlin spokesman Dmitry Peskov"}, {"speaker": "Dmitry Peskov"})
    assert ok({"speaker_text": "Peskov"}, {"speaker": "Dmitry Peskov"})
    assert not ok({"speaker_text": "The Foreign Ministry"}, {"speaker": "Azerbaijani Ministry"})
    assert not ok({"speaker_text": "Lavrov"}, {"speaker": "Dmitry Peskov"})
    assert ok({"speaker_text": None}, {"speaker": None})
    assert not ok({"speaker_text": "Miller"}, {"speaker": None})


# --------------------------------------------------------------------------------------------
# Properties


_pieces = st.one_of(
    st.sampled_from(list(MARKS)),
    st.sampled_from(["said", "he added", "according to", "—", "(@x)", ":", ",", ".", "\n\n"]),
    st.text(alphabet="abcXYZ’' \n.,-", min_size=1, max_size=8),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_pieces, max_size=40).map(" ".join))
def test_any_mix_of_marks_never_crashes(text):
    q = sourcing.find_quotes(frame(text))
    for r in q.itertuples():
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start : r.end] == r.text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_never_crashes(text):
    q = sourcing.find_quotes(frame(text))
    assert ((q["start"] >= 0) & (q["start"] < q["end"]) & (q["end"] <= len(text))).all()


# --------------------------------------------------------------------------------------------
# Fast paths: the same answers as the plain code they replace

#: Whitespace as both `str.split` and the regex `\s` see it, and three look-alikes that are not.
_SPACES = " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2002\u2009\u2028\u202f\u205f\u3000"
_NOT_SPACES = "\u200b\u2060\ufeff"


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab.“,’" + _SPACES + _NOT_SPACES)), max_size=40),
    st.integers(-45, 45),
    st.integers(-45, 45),
    st.one_of(st.none(), st.integers(0, 12)),
)
def test_tokens_are_a_nonspace_scan(text, a, b, limit):
    r"""`space_tokens` uses `str.split`: the tokens and offsets of a `\S+` scan of `text[a:b]`."""
    scan = re.finditer(r"\S+", text[a:b])
    expected = [(a + m.start(), a + m.end(), m.group()) for m in islice(scan, limit)]
    assert list(space_tokens(text, a, b, limit)) == expected


_RULES = speech.rules()
_CUE_REGEXES = [
    (_RULES.speech_re, "|".join(_RULES.speech_words)),
    (_RULES.attribution_re, "|".join(_RULES.attribution_words)),
    (_RULES.reported_re, "|".join(_RULES.reported_words)),
]
_CUE_WORDS = sorted({w for _, words in _CUE_REGEXES for w in words.split("|")})


def _matches(rx: re.Pattern, text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in rx.finditer(text)]


def test_regrouped_cue_regexes_find_every_cue_word():
    for rx, words in _CUE_REGEXES:
        # each regex over its own words (a phrase may hold another list's word: "had to say")
        text = " ".join(sorted(set(words.split("|"))))
        plain = re.compile(rf"\b(?:{words})\b")
        found = [w for _, w in _matches(rx, text)]
        assert found == [w for w in sorted(set(words.split("|"))) if plain.fullmatch(w)]
        assert len(found) == len(set(words.split("|")))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_CUE_WORDS),
            st.sampled_from(["", " ", "un", "s", "ing", "d", "_", "2", "é", "-", "’", ".", "X"]),
        ),
        max_size=25,
    ).map("".join)
)
def test_regrouped_cue_regexes_match_the_plain_alternations(text):
    r"""The cue regexes list their words grouped by first letter (faster scans): on any text
    they match exactly where the plain `\b(?:said|says|…)\b` alternation does."""
    for rx, words in _CUE_REGEXES:
        assert _matches(rx, text) == _matches(re.compile(rf"\b(?:{words})\b"), text)


def _lexicon_copy(tmp_path: Path) -> Path:
    """A copy of the bundled story's lexicons (whatever `PRESSLENS_LEXICONS` says) to edit."""
    folder = tmp_path / "lexicons"
    shutil.copytree(Path(config.PROJECT_ROOT) / "data" / "lexicons", folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    """Edit a lexicon file as a user would, its modification time moved on."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    later = path.stat().st_mtime_ns + 2_000_000_000
    os.utime(path, ns=(later, later))


def test_cached_speakers_follow_the_lexicon(tmp_path):
    """Speaker keys and person/organisation are cached by surface: after an edit of the actor
    lexicon that drops an actor, the speaker is filed under their own name again and is no
    longer known to be a person (so "he" does not refer back to them), in the same process."""
    folder = _lexicon_copy(tmp_path)
    arts = frame("“We are ready to talk,” Peskov said. “Nothing has changed,” he added.")
    known = sourcing.find_quotes(arts, directory=folder)
    assert known["actor"].tolist() == ["Dmitry Peskov"] * 2
    assert known["method"].tolist() == ["cue-after", "cue-after+backref"]
    _edit(folder / "actors.yaml", "  - name: Dmitry Peskov", "  - name: Somebody Else")
    _edit(folder / "actors.yaml", "aliases: [Peskov,", "aliases: [")
    unknown = sourcing.find_quotes(arts, directory=folder)
    assert unknown["actor"].tolist()[0] == "Peskov" and unknown["side"].isna().all()
    assert unknown["speaker_text"].isna().tolist() == [False, True]


def test_speech_lexicon_edits_take_effect(tmp_path):
    """Speech verbs are data (speech.yaml): a verb added to the lexicon finds its speaker at
    the next call; a folder without speech.yaml uses the bundled one."""
    folder = _lexicon_copy(tmp_path)
    arts = frame("“That will not happen,” Jane Doe quipped.")
    assert sourcing.find_quotes(arts, directory=folder)["speaker_text"].isna().all()
    _edit(folder / "speech.yaml", "speech_verbs: [", "speech_verbs: [quipped, ")
    q = sourcing.find_quotes(arts, directory=folder)
    assert q[["speaker_text", "cue", "method"]].values.tolist() == [
        ["Jane Doe", "quipped", "cue-after"]
    ]
    (folder / "speech.yaml").unlink()
    (folder / "places.yaml").unlink()
    bundled = sourcing.find_quotes(frame("“No,” Jane Doe said."), directory=folder)
    assert bundled["speaker_text"].tolist() == ["Jane Doe"]


def test_places_are_data(tmp_path):
    """ "The <demonym> official" refers back to an earlier speaker of that place (its capital
    named them) once places.yaml knows the demonym; before, it is a new speaker."""
    folder = _lexicon_copy(tmp_path)
    arts = frame(
        "“We agree,” Fredville envoy Jane Doe said. “We disagree,” said John Roe. "
        "“Still,” the Freedonian official added."
    )
    before = sourcing.find_quotes(arts, directory=folder)
    assert before["speaker_text"].tolist()[2] == "the Freedonian official"
    _edit(folder / "places.yaml", "places:\n", "places:\n  - {place: Freedonia, "
          "demonyms: [Freedonian], capital: Fredville}\n")  # fmt: skip
    after = sourcing.find_quotes(arts, directory=folder)
    assert after["speaker_text"].tolist()[2] == "Fredville envoy Jane Doe"
    assert after["method"].tolist()[2] == "cue-after+backref"


def test_quotes_is_a_deprecated_name_of_find_quotes():
    arts = frame("“We are ready to talk,” Jane Doe said.")
    with pytest.warns(DeprecationWarning, match="find_quotes"):
        old = sourcing.quotes(arts)
    pd.testing.assert_frame_equal(old, sourcing.find_quotes(arts))


# --------------------------------------------------------------------------------------------
# Voices


def _toy_quotes() -> tuple[pd.DataFrame, pd.DataFrame]:
    arts = frame("x" * 10, "y" * 10, outlets=["A", "B"])
    rows = [
        # article, outlet, kind, text, n_words, speaker, actor, side
        ("a0", "A", "full", "one two three four five six", 6, "Blinken", "Antony Blinken", "US"),
        ("a0", "A", "partial", "no alternative", 2, "Peskov", "Dmitry Peskov", "Russia"),
        ("a0", "A", "indirect", "it was fine", 3, "Lavrov", "Sergei Lavrov", "Russia"),
        ("a1", "B", "partial", "no alternative", 2, "Russia", "Russia", "Russia"),
        ("a1", "B", "partial", "progress", 1, None, None, None),
        ("a1", "B", "full", "We are ready to talk now", 6, "Mr X", "Mr X", None),
    ]
    q = pd.DataFrame(rows, columns=sourcing.QUOTE_COLUMNS[:8])
    starts = [10 * i for i in range(len(q))]
    q = q.assign(cue=None, method=None, confidence=0.9, start=starts, flags="")
    q["end"] = q["start"] + 5
    q = q[sourcing.QUOTE_COLUMNS]
    return arts, q


def test_quoted_words_by_side_known_answer():
    arts, q = _toy_quotes()
    t = sourcing.quoted_words_by_side(arts, q).set_index(["outlet", "side"])
    # A: 6 US words + 2 Russian words (the indirect quote is not direct speech)
    assert t.loc[("A", "US"), ["count", "n"]].tolist() == [6, 8]
    assert t.loc[("A", "US"), "share"] == pytest.approx(0.75)
    assert t.loc[("B", "Russia"), "count"] == 2
    assert t.loc[("B", sourcing.UNMAPPED), "count"] == 6
    assert t.loc[("B", sourcing.UNATTRIBUTED), "count"] == 1
    assert t.loc[("B", "US"), "count"] == 0  # zero rows kept
    assert t.groupby(level="outlet")["share"].sum().round(9).tolist() == [1.0, 1.0]
    assert (t["ci_low"] <= t["share"] + 1e-9).all() and (t["share"] <= t["ci_high"] + 1e-9).all()


def test_voices_by_outlet_and_speech_modes_by_outlet_known_answer():
    arts, q = _toy_quotes()
    v = sourcing.voices_by_outlet(arts, q).set_index(["outlet", "actor"])
    assert v.loc[("A", "Sergei Lavrov"), ["n_direct", "n_indirect"]].tolist() == [0, 1]
    assert v.loc[("B", "Antony Blinken"), "status"] in {"absent", "mentioned, not quoted"}
    assert not v.loc[("B", "Antony Blinken"), "quoted"]
    assert v.loc[("A", "Antony Blinken"), "n_words"] == 6
    assert len(v) == 2 * 5  # 2 outlets × 5 speakers
    m = sourcing.speech_modes_by_outlet(arts, q).set_index(["outlet", "mode"])
    assert m.loc[("A", "direct"), ["count", "n"]].tolist() == [2, 3]
    assert m.loc[("B", "indirect"), "count"] == 0


def test_find_repeated_quotes_groups_the_same_line():
    arts, q = _toy_quotes()
    r = sourcing.find_repeated_quotes(arts, q)
    assert r["group"].nunique() == 1
    assert r["line"].iloc[0] == "no alternative"
    assert r["outlets"].iloc[0] == "A; B" and r["n_outlets"].iloc[0] == 2
    assert "progress" not in set(r["text"])  # one word is too little to call a repeat


def test_find_repeated_quotes_on_no_quotes_is_an_empty_table():
    arts, q = _toy_quotes()
    for empty in (q.iloc[0:0], pd.DataFrame(columns=sourcing.QUOTE_COLUMNS), pd.DataFrame()):
        r = sourcing.find_repeated_quotes(arts, empty)
        assert r.empty and list(r.columns) == sourcing.tables.REPEATED_COLUMNS
    # quotes, but none long enough to repeat: empty too, not a KeyError
    r = sourcing.find_repeated_quotes(arts, q[q["text"] == "progress"])
    assert r.empty and list(r.columns) == sourcing.tables.REPEATED_COLUMNS


def test_find_repeated_quotes_on_sample(articles, sample_quotes):
    r = sourcing.find_repeated_quotes(articles, sample_quotes)
    lines = set(r["line"])
    assert "no alternative" in lines
    na = r[r["line"] == "no alternative"]
    assert na["n_outlets"].iloc[0] == 2
    # Peskov's full sentence contains the line and joins its group
    assert na["text"].str.startswith("There is no alternative").any()


@pytest.mark.story
def test_quotes_in_context(articles, sample_quotes):
    t = sourcing.quotes_in_context(articles, sample_quotes)
    assert len(t) == len(sample_quotes)
    assert t["in_context"].str.contains(r"\[\[", regex=True).all()
    row = t[t["quote"].str.startswith("For the moment")].iloc[0]
    assert row["speaker"] == "Peskov" and row["actor"] == "Dmitry Peskov"


def test_old_names_warn_and_still_work():
    arts, q = _toy_quotes()
    assert_renamed(
        sourcing,
        [
            ("voices", "voices_by_outlet"),
            ("speech_modes", "speech_modes_by_outlet"),
            ("repeated_quotes", "find_repeated_quotes"),
            ("readable_quotes", "quotes_in_context"),
        ],
        arts,
        q,
    )
    assert "voices" not in sourcing.__all__
    with pytest.raises(AttributeError):
        sourcing.no_such_table  # noqa: B018


# --------------------------------------------------------------------------------------------
# Notebook


def test_notebook_runs(run_notebook):
    nb = run_notebook("05-compare-sources")
    reports = Path(nb.metadata["presslens_reports"])
    figs = list((reports / "figures" / "05-compare-sources").glob("*.png"))
    tables = list((reports / "tables" / "05-compare-sources").glob("*.csv"))
    assert len(figs) >= 3
    assert any(p.name.startswith("quotes") for p in tables)
    assert_notebook_ran(nb, "05-compare-sources")
