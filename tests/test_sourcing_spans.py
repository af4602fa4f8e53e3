"""Quote spans and kinds on blogs and guides: what is in marks but nobody's words (code, terms
naming a thing), and quotes that hold a quote in the same marks. Invented sentences, one pattern
each; the tune part of the wcxb dev set holds real examples of each on two pages or more
(`benchmarks/quotes.py`)."""

from __future__ import annotations

import pandas as pd

from presslens import sourcing

DIRECT = ("full", "partial", "embed")


def quotes(*texts: str, language: str = "en") -> pd.DataFrame:
    arts = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(len(texts))], "outlet": "X", "text": list(texts)}
    )
    return sourcing.find_quotes(arts, workers=1, language=language)


def kind_of(q: pd.DataFrame, text: str) -> str | None:
    """The kind of the one quote whose text is `text`; None when no quote has that text."""
    hits = q[q["text"] == text]
    assert len(hits) <= 1, hits
    return None if hits.empty else hits.iloc[0]["kind"]


def test_a_string_literal_in_code_is_no_quote():
    """`log("…")` or `NODE("…")` in a code listing: a string literal, no one's words; a quote
    in brackets in prose (“…”) still is one."""
    text = (
        "The listing below prints where the match was found:\n\n"
        'log("found it at row %d, column %d\\n", row, col);\n\n'
        'GATEWAY("Home router and its firewall")\n\n'
        "Our tester was blunt about it (“This runs far too slowly for real work.”)."
    )
    q = quotes(text)
    direct = q[q["kind"].isin(DIRECT)]
    assert not direct["text"].str.contains("found it|router", regex=True).any(), direct
    assert kind_of(q, "This runs far too slowly for real work.") in DIRECT


def test_a_quoted_phrase_before_a_noun_names_a_thing():
    """A phrase in marks standing before the noun it qualifies (“best value” positioning, an
    “always on” approach, the “fair cup” standard) is named, not said, with or without a
    determiner, and after a determiner even in a sentence that has a speaker; a phrase a
    speaker's verb governs (there is “…” option, “…” quite like, a clause ending in a comma)
    stays a quote."""
    text = (
        "Shoppers praise the firm, and its “good value for families” positioning shows in "
        "every advert.\n\n"
        "Acme announced the X-1 in May. This “privacy at capture” approach stores a signature "
        "with each clip.\n\n"
        "Doe said its careful “double blind” design makes the result hard to dismiss.\n\n"
        "Doe said on Monday that there is “no other” option but the old treaty.\n\n"
        "Reviewers call the old model “far too slow to start up,” amongst other complaints.\n\n"
        "The inspectors wrote that they seldom see teams who “keep their records tidy” quite "
        "like this one."
    )
    q = quotes(text)
    assert kind_of(q, "good value for families") == "scare"
    assert kind_of(q, "privacy at capture") == "scare"
    assert kind_of(q, "double blind") == "scare"
    assert kind_of(q, "no other") in DIRECT
    assert kind_of(q, "far too slow to start up,") in DIRECT
    assert kind_of(q, "keep their records tidy") in DIRECT


def test_a_phrase_after_a_determiner_and_a_non_ascii_hyphen_is_a_modifier():
    """ "its long‑running “…” brand" with a non-breaking hyphen (U+2011) reads as
    "its long-running": the phrase is the brand's name, not anyone's words."""
    text = "The insurer is known for its long\u2011running “Safe With Us Today” brand and its ads."
    q = quotes(text)
    assert kind_of(q, "Safe With Us Today") not in DIRECT


def test_a_quote_inside_a_quote_in_the_same_marks_stays_inside():
    """ "“… shift from “renting seats” to services. …,” said Doe": the inner pair is a quote
    inside the open one, which runs on to its own closing mark; an unclosed quote followed by
    a new quote is still cut before it."""
    text = (
        "Doe expects prices to change.\n\n"
        '"Old contracts are ending. Next year will bring the shift from "renting seats" to '
        'paying for results. Buyers will ask what they get for their money," said Jane Doe.\n\n'
        "The agency says the fraud includes “...quoting a “bargain” price to win the job.”\n\n"
        '"This one never closes, and then "a new one" starts and "another" too.'
    )
    q = quotes(text)
    outer = q[q["text"].str.startswith("Old contracts")]
    assert len(outer) == 1 and outer.iloc[0]["text"].endswith("for their money,"), outer
    assert outer.iloc[0]["kind"] == "full" and outer.iloc[0]["actor"] == "Jane Doe"
    assert kind_of(q, "renting seats") not in DIRECT
    agency = q[q["text"].str.contains("quoting a", regex=False)]
    assert len(agency) == 1 and agency.iloc[0]["text"].endswith("win the job."), agency
    unclosed = q[q["text"].str.startswith("This one never closes")]
    assert len(unclosed) == 1 and "new one" not in unclosed.iloc[0]["text"]


def test_a_phrase_followed_by_its_abbreviation_is_a_name():
    """ "“Pay as you go” (PAYG) plans": the phrase's initials in brackets after it make it the
    name of a thing, not anyone's words; a quote followed by other words in brackets stays."""
    text = (
        "Most carriers sell “Pay as you go” (PAYG) plans to new customers.\n\n"
        "“We will keep prices low for everyone this year” (as the firm put it) was the message."
    )
    q = quotes(text)
    assert kind_of(q, "Pay as you go") == "title"
    assert kind_of(q, "We will keep prices low for everyone this year") in DIRECT


def test_a_short_quote_that_is_a_noun_phrase_of_its_own_keeps_its_speaker():
    """A short quote after "the plan" or "the bill’s" in a speaker's sentence is the speaker's
    words when it opens with a determiner of its own (called the plan “a mess” later) or
    follows a possessive (the bill’s “fatal flaws” remain); without a speaker, a quote opening
    with a determiner is no modifier either (called it “a sad day for the town” online)."""
    text = (
        "Jane Doe, the mayor, called the scheme “a mess” yesterday.\n\n"
        "Jane Doe said the treaty’s “hidden costs” remain unpaid.\n\n"
        "Rival councillors called it “a sad day for the town” online."
    )
    q = quotes(text)
    for said in ("a mess", "hidden costs", "a sad day for the town"):
        assert kind_of(q, said) in DIRECT, (said, q[["kind", "text"]])
    spoke = q[q["text"].isin(["a mess", "hidden costs"])]
    assert set(spoke["speaker_text"]) == {"Jane Doe"}, spoke


def test_a_phrase_with_its_own_determiner_before_a_noun_is_a_modifier():
    """ "the old “a day at the beach” slogan": a determiner and an adjective before the marks
    wait for the ordinary noun after them, so the phrase names the slogan even though it opens
    with a determiner of its own; before a time word it stays the speaker's (called the scheme
    “a mess” yesterday)."""
    q = quotes(
        "Fans still hum the old “a walk in the park” jingle on the radio.\n\n"
        "Jane Doe, the mayor, called the scheme “a mess” yesterday."
    )
    assert kind_of(q, "a walk in the park") == "scare"
    assert kind_of(q, "a mess") in DIRECT
