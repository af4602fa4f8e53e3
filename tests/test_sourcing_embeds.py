"""Speakers of quotes inside another quote: invented sentences in English and Russian.

In the tune part of the wcxb gold, words quoted inside a speaker's quote are that speaker's
own (pages 0209, 4615, 0031), unless a named subject of a speech verb inside the outer quote
introduces them (0221; 0050 the same with a role); questions and words after "you" are
anyone's (0279, 0478; 0027, 0478) and get no speaker.
"""

from __future__ import annotations

import pandas as pd

from presslens import sourcing


def quotes(text: str, language: str = "en") -> pd.DataFrame:
    arts = pd.DataFrame({"article_id": ["a"], "outlet": "X", "text": [text]})
    q = sourcing.find_quotes(arts, workers=1, language=language)
    return q[q["kind"] != "indirect"].reset_index(drop=True)


def speaker_of(q: pd.DataFrame, text: str):
    hits = q[q["text"] == text]
    assert len(hits) == 1, f"{text!r}: {len(hits)} rows\n{q[['kind', 'text']]}"
    found = hits.iloc[0]["speaker_text"]
    return None if pd.isna(found) else found


def outer_of(q: pd.DataFrame, inner: str):
    """The speaker of the quote holding `inner` (not `inner` itself)."""
    hits = q[q["text"].str.contains(inner, regex=False) & (q["text"] != inner)]
    assert len(hits) == 1, f"{inner!r}: {len(hits)} outer rows"
    return hits.iloc[0]["speaker_text"]


def test_embedded_words_are_the_outer_speakers():
    q = quotes(
        "Mara Lindqvist runs a small bakery in the harbour town.\n\n"
        "“Prices went up twice this year, and what we keep telling our regulars is, "
        "‘Fresh bread costs a little more than the factory loaf.’ Most of them stay,” "
        "Lindqvist said."
    )
    said = "Fresh bread costs a little more than the factory loaf."
    assert "Lindqvist" in outer_of(q, said)
    assert speaker_of(q, said) == outer_of(q, said)


def test_embedded_words_go_to_the_name_that_says_them():
    q = quotes(
        "“The short version of what Northwind Freight said is, ‘We will not move your boxes "
        "before the spring, whatever you pay us,’” said Tomas Ekberg, a shop owner."
    )
    said = "We will not move your boxes before the spring, whatever you pay us,"
    assert speaker_of(q, said) == "Northwind Freight"


def test_embedded_questions_and_advice_to_you_are_nobodys():
    q = quotes(
        "“Parents keep asking, ‘Is the extra lesson worth the money?’ That is fair,” "
        "said Ines Varga, a teacher.\n\n"
        "“Skip any course that tells you, ‘There is only one way to learn a language,’” "
        "Varga added."
    )
    assert speaker_of(q, "Is the extra lesson worth the money?") is None
    assert speaker_of(q, "There is only one way to learn a language,") is None


def test_embedded_words_are_the_outer_speakers_ru():
    q = quotes(
        "«Мы каждый день повторяем покупателям одно: „Хороший хлеб не может стоить "
        "дёшево“. Большинство остаётся с нами», — сказал пекарь Иван Соколов.",
        language="ru",
    )
    said = "Хороший хлеб не может стоить дёшево"
    assert "Иван Соколов" in outer_of(q, said)
    assert speaker_of(q, said) == outer_of(q, said)
