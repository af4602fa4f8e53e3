"""Split quotes and long appositives: invented sentences in English and Russian.

The tune part of the wcxb dev set holds the patterns on several sites: the second half of a
split quote after the clause that names its speaker (pages 678203965c5d7cfd, 7aa2882a864cd485,
9f7b42a16b52f9c1, a6cd9910b567ac18, b68668e08009015e, ec0e35189af0f901), and a speaker set
apart from their verb by an appositive of more than a dozen words (a6cd9910b567ac18 and
f6b9a3894b88e489).
"""

from __future__ import annotations

import pandas as pd
import pytest

from presslens import sourcing


def quotes(text: str, language: str = "en") -> pd.DataFrame:
    arts = pd.DataFrame({"article_id": ["a"], "outlet": "X", "text": [text]})
    q = sourcing.find_quotes(arts, workers=1, language=language)
    return q[q["kind"] != "indirect"].reset_index(drop=True)


def speaker_of(q: pd.DataFrame, contains: str):
    hits = q[q["text"].str.contains(contains, regex=False)]
    assert len(hits) == 1, f"{contains!r}: {len(hits)} rows\n{q[['kind', 'text']]}"
    return hits.iloc[0]["actor"]


@pytest.mark.parametrize(
    ("text", "language", "second", "actor"),
    [
        # inverted verb between the halves
        ("“Yes,” said Sen. Ann Malik, “we pump the water out.”", "en", "pump", "Ann Malik"),
        # an appositive after the name, then the second half
        (
            "“We tried it all,” said Ann Malik, a farmer, “and none of it worked.”",
            "en",
            "none of it",
            "Ann Malik",
        ),
        # the name before its verb, a one-word first half
        (
            "Ann Malik farms by the river. “First,” Malik said, “we pump the water out.”",
            "en",
            "pump",
            "Ann Malik",
        ),
        # Russian: the author's words between dashes, each half in its own marks
        (
            "«Мы не отступим», — сказал Иван Петров, — «решение принято».",
            "ru",
            "решение",
            "Иван Петров",
        ),
    ],
)
def test_second_half_of_a_split_quote_is_the_first_halfs_speaker(text, language, second, actor):
    q = quotes(text, language)
    assert speaker_of(q, second) == actor
    assert q["actor"].nunique() == 1  # both halves, one speaker


def test_a_quote_before_the_name_is_no_part_of_it():
    """ "“First,” Doe said": the speaker is Doe, not a phrase that runs into the quote."""
    q = quotes("Ann Malik farms by the river. “First,” Malik said, “we pump the water out.”")
    assert not q["speaker_text"].str.contains("First", regex=False).any()


def test_a_new_speaker_between_the_halves_keeps_their_own_quote():
    q = quotes("“We tried it all,” said Ann Malik, while Tom Roe called it “a lie from the start.”")
    assert speaker_of(q, "a lie") == "Tom Roe"
    q = quotes("“Yes,” said Ann Malik. “We pump the water out.”")  # another sentence
    assert q["method"].tolist() == ["cue-after", "cue-earlier"]


@pytest.mark.parametrize(
    ("text", "language", "quote", "actor"),
    [
        (
            "Sam Idowu, an epidemiologist at the University of Lagos who was not involved in "
            "the study and who has written widely on malaria, said: “It is a striking result.”",
            "en",
            "striking",
            "Sam Idowu",
        ),
        (
            "As Jane Roe, director of the Harbour Ecology Laboratory at the University of Tromso "
            "in Norway and author of two books on kelp, puts it, “Kelp forests are the lungs of "
            "the coast.”",
            "en",
            "Kelp forests",
            "Jane Roe",
        ),
        (
            "Мария Соколова, директор городской школы номер пять и руководитель краеведческого "
            "кружка при районном доме культуры в посёлке Лесном, сказала: «Мы готовы к проверке».",
            "ru",
            "готовы",
            "Мария Соколова",
        ),
    ],
)
def test_speaker_before_a_long_appositive(text, language, quote, actor):
    assert speaker_of(quotes(text, language), quote) == actor


def test_the_quote_index_finds_what_a_scan_of_every_quote_finds():
    """`_split_half` and `attribute` look up earlier and later quotes by bisection (a scan per
    quote made a page of many quotes quadratic); the answers are a scan's."""
    from presslens.sourcing import speech
    from presslens.sourcing.document import Doc
    from presslens.sourcing.marks import find_marked
    from presslens.sourcing.speakers import _last_closed_before, _unnested_between

    text = (
        "“Rain came early,” said Ann Malik, “and the ‘old dam’ held.” Tom Roe called it “luck.” "
        "“We were ready,” Roe said. “The ‘new pumps’ ran all night,” he said, “as planned.”"
    )
    doc = Doc(text, speech.rules(), None)
    marked = sorted(find_marked(doc), key=lambda q: (q.start, -q.end))
    assert len(marked) >= 5
    marked[2].nested = True  # a nested quote is never the one found
    for pos in range(len(text) + 1):
        prev = next((o for o in reversed(marked) if o.close_pos < pos and not o.nested), None)
        assert _last_closed_before(doc, marked, pos) is prev
        for end in range(pos, len(text) + 1, 7):
            scan = [o for o in marked if o.start >= pos and o.close_pos < end and not o.nested]
            assert _unnested_between(doc, marked, pos, end) == scan
