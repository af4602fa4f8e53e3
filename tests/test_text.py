"""presslens.text: what a word and a sentence are, checked on the sample and on small frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from presslens import text as T


def _frame(*texts, outlets=None, **cols):
    outlets = outlets or [f"O{i}" for i in range(len(texts))]
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(texts))],
            "outlet": outlets,
            "text": texts,
            **cols,
        }
    )


def test_normalize_is_length_preserving():
    s = "“Armenia’s” – talks\u00a0—\u2009ok ‘x’"
    out = T.normalize(s)
    assert len(out) == len(s)
    assert out == "\"Armenia's\" - talks - ok 'x'"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nagorno-Karabakh", ["nagorno-karabakh"]),
        ("Nagorno–Karabakh", ["nagorno-karabakh"]),  # en dash
        ("Armenia’s", ["armenia's"]),
        ("Armenia's", ["armenia's"]),
        ("@SecBlinken", ["@secblinken"]),
        ("in 1975.", ["in", "1975"]),
        ("RFE/RL's Armenian Service", ["rfe/rl's", "armenian", "service"]),
        ("the U.S. Secretary", ["the", "u.s.", "secretary"]),
        ("U.S.-hosted talks", ["u.s.", "hosted", "talks"]),
        ("120,000 ethnic Armenians", ["120,000", "ethnic", "armenians"]),
        ("dialogue—both public", ["dialogue", "both", "public"]),  # em dash separates
        ("May 1–4, 2023", ["may", "1-4", "2023"]),
        ("“no alternative”", ["no", "alternative"]),
    ],
)
def test_tokenize_one_sensible_token(text, expected):
    assert T.tokenize(text) == expected


def test_tokenize_case_phrases_stop_words_and_stems():
    s = "The Lachin  Corridor and the LACHIN corridor; a peace treaty, not peace."
    phrases = ["Lachin corridor", "peace treaty", "Jake Sullivan"]
    assert T.tokenize(s, phrases=phrases) == [
        "the", "lachin_corridor", "and", "the", "lachin_corridor", "a", "peace_treaty", "not",
        "peace",
    ]  # fmt: skip
    assert T.tokenize("Jake Sullivan said", phrases=phrases, lower=False) == [
        "Jake_Sullivan",
        "said",
    ]
    assert T.tokenize(s, phrases=phrases, drop_stop=True) == [
        "lachin_corridor", "lachin_corridor", "peace_treaty", "peace",
    ]  # fmt: skip
    assert T.tokenize("negotiations negotiating", stemmed=True) == ["negoti", "negoti"]


def test_stop_words_documented_contents():
    assert {"the", "of", "said", "also", "told"} <= T.STOP_WORDS
    # content words the upstream list drops but wording analysis needs
    assert not {"against", "despite", "state", "peace", "corridor", "welcome"} & T.STOP_WORDS


def test_ngrams_keep_inner_stop_words_only():
    toks = T.tokenize("the secretary of state met the press")
    assert T.ngrams(toks, 3, drop_stop_edges=True) == ["secretary of state", "met the press"]
    assert T.ngrams(["a", "b", "c"], 2) == ["a b", "b c"]


def test_paragraphs_and_sentences_offsets_index_original_text():
    body = "First one. Second “quote.”\n\nThe U.S. Secretary met Mr. Smith. Done!"
    arts = _frame(body)
    paras = T.paragraphs(arts)
    assert paras["paragraph"].tolist() == [0, 1]
    assert all(body[r.start : r.end] == r.text for r in paras.itertuples())
    sents = T.sentences(arts)
    assert sents["text"].tolist() == [
        "First one.",
        "Second “quote.”",
        "The U.S. Secretary met Mr. Smith.",
        "Done!",
    ]
    assert sents["paragraph"].tolist() == [0, 0, 1, 1]
    assert sents["sentence"].tolist() == [0, 1, 2, 3]


@pytest.mark.story
def test_remembered_sentences_and_languages_are_the_detectors_answers():
    from presslens.clean.languages import paragraph_language as detect

    text = "Dr. Smith arrived. He spoke.\n\nLe ministre a dit que la paix est proche et que les pourparlers continuent."
    first = T.sentence_spans(text)
    first.append((9, 9, 9))  # a caller's list is its own: the remembered spans are untouched
    assert T.sentence_spans(text) == [(0, 0, 18), (0, 19, 28), (1, 30, len(text))]
    for para, lang in (
        ("Le ministre a dit que la paix est proche et que les pourparlers.", "en"),
        ("Short line.", "fr"),
        ("The talks went on.", "en"),
    ):
        assert T.paragraph_language(para, lang) == detect(para, lang)
        assert T.paragraph_language(para, lang) == detect(para, lang)  # again, remembered


def test_sentences_on_sample(articles):
    sents = T.sentences(articles)
    by_id = articles.set_index("article_id")["text"]
    for r in sents.itertuples():
        assert by_id[r.article_id][r.start : r.end] == r.text
    assert set(sents["article_id"]) == set(articles["article_id"])
    # abbreviations are not sentence ends
    assert not sents["text"].str.endswith(("U.S.", "U.S")).any()
    hosted = sents[sents["text"].str.contains("U.S.-hosted", regex=False)]
    assert len(hosted) == 1 and hosted["text"].iloc[0].startswith("Foreign Ministers")
    secretary = sents[sents["text"].str.contains("The U.S. Secretary of State", regex=False)]
    assert len(secretary) == 1 and secretary["text"].iloc[0].endswith("rival countries.")


@pytest.mark.story
def test_tokens_on_sample(articles):
    toks = T.tokens(articles)
    by_id = articles.set_index("article_id")["text"]
    # offsets point at the token in the original text
    sample = toks.sample(200, random_state=0)
    for r in sample.itertuples():
        assert T.tokenize(by_id[r.article_id][r.start : r.end]) == [r.token]
    vocab = set(toks["token"])
    assert {"nagorno-karabakh", "armenia's", "1975", "rfe/rl's", "u.s."} <= vocab
    assert "rfe" not in vocab and "rl" not in vocab and "karabakh" in vocab
    # positions run 0..n-1 within each article
    for _, g in toks.groupby("article_id"):
        assert g["position"].tolist() == list(range(len(g)))
    assert set(toks["article_id"]) == set(articles["article_id"])


def test_document_term_matrix_counts_by_hand():
    arts = _frame(
        "Peace talks. Peace!",
        "The corridor and the talks.",
        "Corridor corridor peace.",
        outlets=["A", "B", "A"],
        published=pd.to_datetime(["2023-05-01", "2023-06-02", None]),
    )
    dtm = T.document_term_matrix(arts)
    assert dtm.matrix.shape == (3, 3)
    assert list(dtm.terms) == ["corridor", "peace", "talks"]
    assert dtm.matrix.toarray().tolist() == [[0, 2, 1], [1, 0, 1], [2, 1, 0]]
    assert dtm.rows["article_id"].tolist() == ["a0", "a1", "a2"]

    by = T.document_term_matrix(arts, by="outlet")
    assert by.rows["outlet"].tolist() == ["A", "B"]
    assert by.rows["n_docs"].tolist() == [2, 1]
    assert by.matrix.toarray().tolist() == [[2, 3, 1], [1, 0, 1]]
    assert by.totals().tolist() == [6, 2]
    long = by.to_frame()
    assert long.loc[(long.outlet == "A") & (long.term == "peace"), "count"].item() == 3

    months = T.document_term_matrix(arts, by="month")
    assert months.rows["month"].tolist() == ["2023-05", "2023-06", "undated"]
    assert "month" not in arts.columns  # derived for the grouping, not added to the input

    bigrams = T.document_term_matrix(arts, ngram_range=(2, 2), drop_stop=False)
    assert "the corridor" in set(bigrams.terms)
    kept = T.document_term_matrix(arts, min_count=2)
    assert list(kept.terms) == ["corridor", "peace", "talks"]
    assert list(T.document_term_matrix(arts, min_count=4).terms) == []


def test_document_term_matrix_on_sample_matches_tokens(articles):
    dtm = T.document_term_matrix(articles, by="outlet", drop_stop=False)
    toks = T.tokens(articles)
    assert dtm.matrix.sum() == len(toks)
    assert len(dtm.rows) == articles["outlet"].nunique()
    col = dtm.vocabulary["corridor"]
    counts = dict(
        zip(dtm.rows["outlet"], np.asarray(dtm.matrix[:, col].todense()).ravel(), strict=True)
    )
    expected = toks[toks.token == "corridor"].groupby("outlet").size()
    for outlet, n in expected.items():
        assert counts[outlet] == n
