"""Russian quotes: a quote interrupted by its attribution inside one pair of guillemets, the
reporter's words set off by dashes («А, — сказал X. — Б»), and the speech verbs of the lexicon.
Invented sentences."""

from __future__ import annotations

import pandas as pd
import pytest

from presslens import sourcing


def quotes(text: str) -> pd.DataFrame:
    arts = pd.DataFrame({"article_id": ["a"], "outlet": "X", "text": [text]})
    q = sourcing.find_quotes(arts, workers=1, language="ru")
    return q[q["kind"] != "indirect"].reset_index(drop=True)


@pytest.mark.parametrize(
    ("text", "halves", "actor"),
    [
        (
            "«Мы готовы подписать договор, — сказал Олег Смирнов. — Осталось согласовать детали».",
            ["готовы подписать", "согласовать детали"],
            "Олег Смирнов",
        ),
        (
            "«Переговоры идут трудно, — заявила пресс-секретарь Мария Иванова, — но мы движемся "
            "вперёд».",
            ["идут трудно", "движемся вперёд"],
            "Мария Иванова",
        ),
        (
            "«Зима будет долгой, — пошутил Пётр Орлов. — Запаситесь дровами».",
            ["Зима будет", "Запаситесь"],
            "Пётр Орлов",
        ),
        (
            "«Разве это честно? — вздохнула Анна Белова. — Мы ждали три года».",
            ["честно?", "ждали три года"],
            "Анна Белова",
        ),
        # plain typography: a hyphen between spaces, an en dash
        (
            "«Работы много, - признал Олег Смирнов, - но сроки не сдвинутся».",
            ["Работы много", "сроки не сдвинутся"],
            "Олег Смирнов",
        ),
        (
            "«Мост откроют летом, – заверила Мария Иванова. – Деньги уже выделены».",
            ["откроют летом", "уже выделены"],
            "Мария Иванова",
        ),
    ],
)
def test_one_pair_of_marks_split_around_the_attribution(text, halves, actor):
    q = quotes(text)
    assert len(q) == 2, q[["kind", "text", "actor"]]
    for half, row in zip(halves, q.itertuples(), strict=True):
        assert half in row.text
        assert not any(d in row.text for d in "—–")  # the reporter's words stay out
        assert " - " not in row.text
        assert not any(w in row.text for w in actor.split())
        assert row.actor == actor


@pytest.mark.parametrize(
    "text",
    [
        "«Это — победа», — сказал Иван Петров.",
        "«Мы пришли сюда, — и это главное, — чтобы работать», — сказал Иван Петров.",
        "«Мы - за мир, - и это - главное», — сказал Иван Петров.",
    ],
)
def test_a_dash_without_a_speech_verb_keeps_the_quote_whole(text):
    q = quotes(text)
    assert len(q) == 1
    assert q.loc[0, "text"] == text[1 : text.index("»")]
    assert q.loc[0, "actor"] == "Иван Петров"


@pytest.mark.parametrize(
    "text",
    [
        "«Это победа», — заверил Иван Петров.",
        "«Это победа» — заявил Иван Петров.",
        "Иван Петров заявил: «Это победа».",
        "«Это победа», — пошутила Мария Иванова.",
    ],
)
def test_quote_before_or_after_its_attribution(text):
    q = quotes(text)
    assert q["text"].tolist() == ["Это победа"]
    assert q.loc[0, "actor"] in {"Иван Петров", "Мария Иванова"}


def test_new_speech_verbs_are_in_the_lexicon_in_both_genders():
    words = set(sourcing.speech.rules(language="ru").speech_words)
    for stem in ["пошутил", "заверил", "вздохнул", "подчеркнул", "отметил", "добавил",
                 "уточнил", "признал", "предупредил", "напомнил"]:  # fmt: skip
        assert {stem, stem + "а", stem + "и"} <= words, stem
