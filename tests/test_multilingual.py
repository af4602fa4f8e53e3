"""Analyses on a corpus in several languages (issue 12): the corpus by outlet × language, and
shares that leave out what their dictionary cannot read instead of counting it as "none".

Fixture: `tests/fixtures/multilingual_corpus/` (pages written for the tests) and two English
paragraphs written here. The notebooks run on the same pages in `test_shapes.py`
(shape `multilingual`).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from presslens import audit, coverage, figures, files, framing, lexicons
from presslens.clean import detect_language
from presslens.figures import titles

HERE = Path(__file__).parent / "fixtures" / "multilingual_corpus"

#: Two English paragraphs for the mixed outlet.
ENGLISH = (
    "The foreign ministers met again in Brussels on Monday, and the mediator said the talks on "
    "the peace treaty had made progress on the border commission.\n\n"
    "Officials warned that the conflict over the road could still derail the negotiations if "
    "the checkpoint stays closed to humanitarian convoys."
)


@pytest.fixture(scope="module")
def pages() -> pd.DataFrame:
    """The fixture pages as an articles table (outlets from the sheet, language detected), and
    one English article from the outlet that also writes in Russian."""
    sheet = dict(
        line.split(",", 1)
        for line in (HERE / "metadata.csv").read_text(encoding="utf-8").splitlines()[1:]
    )
    rows = []
    for path in sorted(HERE.glob("*.txt")):
        title, body = path.read_text(encoding="utf-8").split("\n\n", 1)
        rows.append((path.stem, sheet[path.name], title, body.strip()))
    rows.append(("en_lake", "Lake Courier", "Talks resume", ENGLISH))
    arts = pd.DataFrame(rows, columns=["article_id", "outlet", "title", "text"])
    arts["language"] = [detect_language(t) for t in arts["text"]]
    arts["n_words"] = [len(t.split()) for t in arts["text"]]
    return arts


def test_languages_by_outlet_gives_each_outlet_its_languages(pages):
    table = audit.languages_by_outlet(pages)
    assert list(table.columns) == ["outlet", "language", "articles", "words", "share"]
    lake = table[table["outlet"] == "Lake Courier"].set_index("language")
    assert set(lake.index) == {"en", "ru"}
    assert lake["share"].sum() == pytest.approx(1.0)
    assert table["articles"].sum() == len(pages)
    assert set(table["language"]) == {"en", "ru", "hy", "az", "tr"}


def test_wording_languages_compare_only_languages_with_text_from_two_outlets(pages):
    plan = audit.wording_languages(pages, min_words=60).set_index("language")
    assert plan.loc["ru", "compared"] and plan.loc["ru", "why"] == ""
    assert not plan.loc["hy", "compared"] and "Lernayin Lur" not in plan.loc["hy", "why"]
    assert "outlet only" in plan.loc["hy", "why"]
    assert not plan.loc["az", "compared"] and "fewer than 60" in plan.loc["az", "why"]


def test_lexicon_languages_are_english_and_every_language_with_forms():
    table = pd.DataFrame({"language": ["", "ru", "ru", "hy"]})
    assert coverage.lexicon_languages(table) == ["en", "hy", "ru"]
    assert coverage.lexicon_languages(pd.DataFrame({"language": [""]})) == ["en"]


def test_frame_shares_leave_unread_paragraphs_out_and_say_so(pages):
    read = coverage.lexicon_languages(lexicons.frames())
    shares = framing.frames_by_outlet(pages)
    assert list(shares.columns[-3:]) == ["instrument", "languages", "n_unread"]
    units = coverage.language_units(pages)
    for outlet, part in shares.groupby("outlet"):
        mine = units[units["outlet"] == outlet]
        readable = mine["language"].isin(read)
        assert (part["n"] == readable.sum()).all()
        assert (part["n_unread"] == (~readable).sum()).all()
        if not readable.any():  # nothing read: no share at all, never 0 %
            assert part["share"].isna().all() and (part["count"] == 0).all()
            assert (part["languages"] == "").all()
    lake = shares[shares["outlet"] == "Lake Courier"]
    if "ru" not in read:
        assert (lake["n_unread"] > 0).all() and (lake["languages"] == "en").all()


def test_frame_shares_by_article_count_only_articles_in_a_read_language(pages):
    read = coverage.lexicon_languages(lexicons.frames())
    shares = framing.frames_by_outlet(pages, unit="article")
    per = shares.drop_duplicates("outlet").set_index("outlet")
    expected = pages.assign(ok=pages["language"].isin(read)).groupby("outlet")["ok"]
    assert per["n"].to_dict() == expected.sum().to_dict()
    assert (
        per["n_unread"].to_dict()
        == (~pages["language"].isin(read)).groupby(pages["outlet"]).sum().to_dict()
    )


def test_topic_shares_read_the_languages_the_topic_lexicon_has_cues_for(pages):
    read = coverage.lexicon_languages(lexicons.topics())
    topics = coverage.topics_by_outlet(pages)
    assert {"languages", "n_unread"} <= set(topics.columns)
    units = coverage.language_units(pages)
    unread = int((~units["language"].isin(read)).sum())
    assert int(topics.drop_duplicates("outlet")["n_unread"].sum()) == unread
    vestnik = topics[topics["outlet"] == "Vestnik Gor"]
    assert "ru" in read and (vestnik["languages"] == "ru").all() and (vestnik["n"] > 0).all()


def test_an_outlet_no_dictionary_reads_keeps_its_rows_with_missing_shares():
    units = pd.DataFrame(
        {
            "article_id": ["a", "a", "b"],
            "outlet": ["X", "X", "Y"],
            "paragraph": [0, 1, 0],
            "language": ["en", "de", "de"],
        }
    )
    hits = pd.DataFrame({"article_id": ["a", "b"], "paragraph": [0, 0], "thing": ["t", "t"]})
    table = coverage.read_shares(
        units, hits, key=["article_id", "paragraph"], thing="thing", things=["t", "u"], read=["en"]
    )
    x = table[table["outlet"] == "X"].set_index("thing")
    assert x.loc["t", "count"] == 1 and x.loc["t", "n"] == 1 and x.loc["t", "n_unread"] == 1
    y = table[table["outlet"] == "Y"]
    assert list(y["thing"]) == ["t", "u"] and (y["n"] == 0).all() and y["share"].isna().all()
    assert (y["n_unread"] == 1).all() and (y["languages"] == "").all()
    assert titles.read_note(table) == "read in en; 2 paragraphs in other languages unread"


def test_quotes_get_the_language_of_their_paragraph(pages):
    text = pages.set_index("article_id")["text"]
    start = text["ru_vestnik_talks"].index("«") + 1
    hits = pd.DataFrame(
        {"article_id": ["ru_vestnik_talks", "en_lake"], "start": [start, 5], "end": [start + 3, 9]}
    )
    out = coverage.with_language(hits, pages)
    assert list(out["language"]) == ["ru", "en"]
    assert coverage.with_language(hits.iloc[0:0], pages)["language"].tolist() == []


def test_tone_table_is_missing_not_zero_outside_english(pages):
    tone = framing.tone_by_outlet(pages).set_index("outlet")
    vestnik = tone.loc["Vestnik Gor"]
    assert vestnik["n"] == 0 and math.isnan(vestnik["mean"]) and vestnik["n_unscored"] > 0
    note = titles.read_note(tone.reset_index(), "sentence", unread="n_unscored")
    assert note.startswith("read in en; ") and "sentences in other languages unread" in note


def test_captions_name_the_languages():
    arts = pd.DataFrame(
        {
            "outlet": ["A", "B", "C"],
            "published": ["2023-05-01", None, "2023-05-03"],
            "language": ["en", "ru", "en"],
        }
    )
    assert figures.corpus_caption(arts) == (
        "3 articles from 3 outlets, 1 May–3 May 2023; 1 undated; in en (2), ru (1)"
    )
    assert figures.language_text(arts.iloc[:1]) == "in en"
    assert figures.language_text(arts.drop(columns="language")) == ""


def test_one_plural_for_every_module():
    import importlib

    from presslens.figures import theme

    decode = importlib.import_module("presslens.raw.decode")  # the module, not the function

    assert files.plural(1, "byte") == "1 byte"
    assert files.plural(1204, "line") == "1,204 lines"
    assert files.plural(2, "match", "matches") == "2 matches"
    assert titles.plural is files.plural and theme.plural is files.plural
    assert decode.plural is files.plural
