"""The writer as a speaker (`presslens.sourcing.writer`): a quote the byline's author introduces
in the first person goes to the `author` column; invented texts."""

from __future__ import annotations

import pandas as pd

from presslens import sourcing


def quotes(text: str, author, language: str = "en") -> pd.DataFrame:
    arts = pd.DataFrame({"article_id": ["a0"], "outlet": "X", "text": [text], "author": [author]})
    return sourcing.find_quotes(arts, workers=1, language=language)


def speaker(q: pd.DataFrame, contains: str):
    hit = q[q["text"].str.contains(contains, regex=False)]
    assert len(hit) == 1, q[["kind", "text"]]
    return hit.iloc[0]["speaker_text"], hit.iloc[0]["method"]


TEXT = (
    "Every morning I ask my students: “What did you read last night?” Most of them laugh.\n\n"
    "When the build breaks, I paste the error into the chat and say “please fix the parser.”\n\n"
    "Another habit I keep is: “Write the test before the widget.” It saves hours.\n\n"
    "I spent $80,000 on the plant and thought, “what a strange business this is!”\n\n"
    "I know some of you are thinking, “This will never work for my shop.”\n\n"
    "“I have never seen a widget like it,” said Mary Major, a trader in the port.\n\n"
    "I think Mary Major said: “The widget market is a bubble.”\n"
)


def test_first_person_clause_gives_the_quote_to_the_author():
    q = quotes(TEXT, "Jane Doe")
    for part in ("What did you read", "please fix the parser", "Write the test", "what a strange"):
        assert speaker(q, part) == ("Jane Doe", "first-person"), part


def test_someone_elses_words_stay_theirs():
    q = quotes(TEXT, "Jane Doe")
    # the quoted person's own "I" inside the marks does not make the writer the speaker
    assert speaker(q, "I have never seen")[0] == "Mary Major"
    # a name that is the subject of a speech verb in the writer's clause stays the speaker
    assert speaker(q, "is a bubble")[0] == "Mary Major"
    # "you" in the clause: the readers', never the writer's
    assert speaker(q, "never work for my shop")[0] != "Jane Doe"


def test_no_author_without_a_single_person_byline():
    for author in (None, float("nan"), "", "Jane Doe and John Roe", "The Widget Team"):
        q = quotes(TEXT, author)
        assert "first-person" not in set(q["method"].dropna()), author
    # a table without the column behaves as before
    arts = pd.DataFrame({"article_id": ["a0"], "outlet": "X", "text": [TEXT]})
    q = sourcing.find_quotes(arts, workers=1)
    assert "first-person" not in set(q["method"].dropna())


def test_russian_first_person_is_data():
    text = "Каждое утро я спрашиваю студентов: «Что вы читали вчера?» Они смеются.\n"
    q = quotes(text, "Анна Петрова", language="ru")
    assert speaker(q, "Что вы читали")[0] == "Анна Петрова"


LED = (
    "Ten years ago I wrote a review of the ferry that opened with “Nobody rides it twice.” "
    "I still agree.\n\n"
    "I steer the assistant by writing a short note on our house style, e.g. “Indent with tabs "
    "and keep lines short.” It listens.\n\n"
    "I wrote to Tom Poe, and he answered with “Not this year, sorry.”\n\n"
    "I have seen boxes like “the one on the shelf” before.\n"
)


def test_a_wording_the_writer_leads_into_is_theirs():
    """A quote the writer's clause leads into with "with", "e.g." or "like" after one of the
    writer's speech verbs ("I wrote …", "by writing …") is the writer's; without such a verb,
    or with someone else answering in the clause, it is not."""
    q = quotes(LED, "Jane Doe")
    assert speaker(q, "Nobody rides")[0] == "Jane Doe"
    assert speaker(q, "Indent with tabs")[0] == "Jane Doe"
    assert speaker(q, "Not this year")[0] != "Jane Doe"
    assert speaker(q, "on the shelf")[0] != "Jane Doe"


def test_a_wording_someone_named_in_the_writer_s_clause_leads_into_is_not_the_writer_s():
    """ "I wrote to the council, and Tom Poe answered with “…”": a name between the writer's
    "I" and the lead word may be the one whose words follow, so the quote is not the byline
    author's; "answered" is a speech verb, so Tom Poe is its speaker."""
    q = quotes(
        "I wrote to the council, and Tom Poe answered with “Not before the spring, sorry.”\n\n"
        "I asked the mayor, Ann Roe, about the bridge and the board, which answered with "
        "“We cannot pay for it.”\n",
        "Jane Doe",
    )
    assert speaker(q, "Not before the spring")[0] == "Tom Poe"
    assert speaker(q, "cannot pay for it")[0] != "Jane Doe"


def test_russian_wording_someone_named_leads_into_is_not_the_writer_s():
    q = quotes(
        "Я написал в мэрию, и Пётр Сидоров прислал письмо с «Не раньше весны, извините».\n",
        "Иван Петров",
        language="ru",
    )
    assert speaker(q, "Не раньше весны")[0] != "Иван Петров"


def test_russian_wording_the_writer_leads_into():
    text = (
        "Много лет назад я написал рецензию на фильм, которая начиналась с «Никто не уходит "
        "с этого фильма раньше времени». Я и сейчас так думаю.\n"
    )
    q = quotes(text, "Иван Петров", language="ru")
    assert speaker(q, "Никто не уходит")[0] == "Иван Петров"


def test_a_capitalised_word_that_is_not_a_speaker_keeps_the_wording_the_writer_s():
    """ "I wrote a review in The Harbour Post that opened with “…”", "I told the EU panel, e.g.
    “…”": a capitalised word in the writer's clause that is no one speaking (no speech verb
    right after it, no clause or aside of its own) leaves the quote the byline author's."""
    q = quotes(
        "I wrote a column in The Harbour Post that opened with “Nobody rides the ferry twice.”\n\n"
        "Last spring I told the EU panel, e.g. “Stop paying for the old pier now.”\n",
        "Jane Doe",
    )
    assert speaker(q, "Nobody rides")[0] == "Jane Doe"
    assert speaker(q, "Stop paying")[0] == "Jane Doe"


def test_russian_capitalised_word_that_is_not_a_speaker():
    q = quotes(
        "В прошлом году я написал письмо в комиссию ЕС с «Прекратите платить за старый причал».\n",
        "Иван Петров",
        language="ru",
    )
    assert speaker(q, "Прекратите платить")[0] == "Иван Петров"
