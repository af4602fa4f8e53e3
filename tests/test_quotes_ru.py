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


def test_a_quote_interrupted_a_thousand_times_stays_whole_without_crashing():
    # one hostile page must not kill a batch (the split once recursed once per interruption)
    text = "«" + "Ну, — сказала Ольга. — " * 1200 + "Всё», — сказала Ольга Лебедева."
    q = quotes(text)
    assert len(q) == 1
    assert q.loc[0, "text"].endswith("Всё")


def test_three_halves_of_a_quote_interrupted_twice():
    q = quotes(
        "«Дорогу починят, — сказала Ольга Лебедева. — Мост тоже, — добавила она. — А потом школу»."
    )
    assert [t.split()[0] for t in q["text"]] == ["Дорогу", "Мост", "А"]
    assert set(q["actor"]) == {"Ольга Лебедева"}


def test_split_halves_keep_the_quote_s_nesting():
    from presslens.sourcing import speech
    from presslens.sourcing.document import Doc, Quote
    from presslens.sourcing.marks import split_interrupted

    text = "«Лес вырубят, — сказал Олег Смирнов. — Реку тоже»"
    doc = Doc(text, speech.rules(language="ru"), None)
    q = Quote(1, len(text) - 1, kind="partial", open_pos=0, close_pos=len(text) - 1, nested=True)
    halves = split_interrupted(doc, [q])
    assert len(halves) == 2
    assert all(h.nested for h in halves)
    assert [h.interrupted for h in halves] == [False, True]


@pytest.mark.parametrize(
    "text",
    [
        # the speaker's own aside between the dashes, not the reporter's words
        "«Урожай будет, — как я говорил весной, — и зерна хватит всем», — сказал Олег Смирнов.",
        "«Урожай будет, — мы сказали это весной, — и зерна хватит всем», — сказал Олег Смирнов.",
    ],
)
def test_the_speakers_own_aside_keeps_the_quote_whole(text):
    q = quotes(text)
    assert len(q) == 1, q[["kind", "text", "actor"]]
    assert q.loc[0, "text"] == text[1 : text.index("»")]
    assert q.loc[0, "actor"] == "Олег Смирнов"


def test_the_reporters_us_still_splits():
    q = quotes("«Лес вырубят, — сказал нам Олег Смирнов. — Реку тоже».")
    assert len(q) == 2
    assert set(q["actor"]) == {"Олег Смирнов"}


def test_english_typography_never_splits_one_pair_of_marks():
    text = "“The harvest will come, - as I said in spring, - and grain will last,” Ann Malik said."
    arts = pd.DataFrame({"article_id": ["a"], "outlet": "X", "text": [text]})
    q = sourcing.find_quotes(arts, workers=1, language="en")
    q = q[q["kind"] != "indirect"].reset_index(drop=True)
    assert len(q) == 1
    assert q.loc[0, "actor"] == "Ann Malik"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Завод «Заря» сообщил: «Мы остановим второй цех до весны и сократим смены».", "Заря"),
        ("Клуб «Орёл» заявил: «Мы не продадим нашего вратаря ни за какие деньги».", "Орёл"),
    ],
)
def test_a_name_in_guillemets_stays_in_its_speaker(text, actor):
    # an organisation's name in guillemets before the verb is no quote ending there
    q = quotes(text)
    said = q[q["kind"] != "title"]
    assert len(said) == 1
    assert actor in (said.iloc[0]["actor"] or "")
