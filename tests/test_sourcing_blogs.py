"""Speakers on blogs, reviews and guides: labels, products and documents that are no speakers,
and the phrases that still name one. Invented sentences, one pattern each; the tune part of the
wcxb dev set holds real examples of each on two pages or more (`benchmarks/quotes.py`)."""

from __future__ import annotations

import pandas as pd

from presslens import sourcing


def quotes(*texts: str, language: str = "en") -> pd.DataFrame:
    arts = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(len(texts))], "outlet": "X", "text": list(texts)}
    )
    return sourcing.find_quotes(arts, workers=1, language=language)


def actor_of(q: pd.DataFrame, contains: str, column: str = "actor"):
    """The actor (or another column) of the one direct quote holding `contains`; None if none."""
    q = q[q["kind"] != "indirect"]
    hits = q[q["text"].str.contains(contains, regex=False)]
    assert len(hits) == 1, f"{contains!r}: {len(hits)} rows\n{q[['kind', 'text']]}"
    value = hits.iloc[0][column]
    return None if pd.isna(value) else value


def test_a_heading_or_section_before_a_colon_is_no_speaker():
    """ "Acme Style Kit: “…”" under a heading "2. Acme Style Kit" names the product the quote is
    about; "Doe et al., Introduction: “…”" a section; "Ann Roe: “…”" still names Ann Roe."""
    text = (
        "Our reviewers tried three boxes this year.\n\n"
        "2. Acme Style Kit\n\n"
        "Best for long days at work\n\n"
        "Acme Style Kit: “It shipped quickly and every piece fit me well.”\n\n"
        "Roe et al., Introduction: “The method needs no labelled data at all.”\n\n"
        "We asked the founder about the launch.\n\n"
        "Ann Roe: “We sold out of the first batch in two days.”"
    )
    q = quotes(text)
    assert actor_of(q, "shipped quickly") is None
    assert actor_of(q, "labelled data") is None
    assert actor_of(q, "sold out") == "Ann Roe"


def test_a_heading_before_a_colon_is_no_speaker_in_russian():
    text = (
        "Мы собрали отзывы читателей.\n\n"
        "Тёплый Плед\n\n"
        "Тёплый Плед: «Очень мягкий и не линяет после стирки.»\n\n"
        "Иван Петров: «Мы продали всю партию за неделю.»"
    )
    q = quotes(text, language="ru")
    assert actor_of(q, "мягкий") is None
    assert actor_of(q, "партию") == "Иван Петров"


def test_a_report_speaks_for_its_maker_named_with_a_date():
    """ "Acme Institute's May 2025 report concluded that “…”": the report's maker, never the
    common noun "report"; a later "The report noted" is the same maker's, not a name in the
    sentence between ("Training Zeta-9 reportedly cost …")."""
    text = (
        "Training Zeta-9 reportedly cost a great deal of money.\n\n"
        "The Acme Institute's May 2025 report concluded that “no single rule will settle "
        "the question of fair use.” The report noted that licensing could “reduce the burden "
        "of negotiating with every owner.”"
    )
    q = quotes(text)
    assert actor_of(q, "no single rule") == "Acme Institute"
    assert actor_of(q, "reduce the burden") == "Acme Institute"


def test_a_document_noun_alone_is_no_speaker():
    """ "… whose 2024 report said “…”" with no maker named: no speaker, not "report"."""
    q = quotes("Nobody knows who wrote it, but the leaked 2024 report stated that “costs rose.”")
    assert actor_of(q, "costs rose") is None


def test_she_said_does_not_land_on_a_product_name_or_a_heading():
    """ "Ann Roe … her Mysteria Puff Sleeve Knit Top. She said, “…”": a run of five capitals is a
    product, no person; a name given only in a heading later is no referent either."""
    text = (
        "Ann Roe tried the autumn box last year and loved it.\n\n"
        "When asked about her new Mysteria Puff Sleeve Knit Top she said, “It feels soft and "
        "warm all day.”\n\n"
        "Check Out Other Knit Top\n\n"
        "More boxes are coming soon."
    )
    q = quotes(text)
    assert actor_of(q, "soft and warm") == "Ann Roe"


def test_had_this_to_say_names_the_speaker():
    """ "Jane Doe had this to say about the dress “…”", "Here's what she had to say:"."""
    text = (
        "Jane Doe had this to say about the linen dress she rented "
        "“It is light, well cut and easy to wash.”\n\n"
        "Ann Roe tried a monthly box last spring. Here's what she had to say about it:\n\n"
        "“Every item fit, and the notes from my stylist were thoughtful.”"
    )
    q = quotes(text)
    assert actor_of(q, "well cut") == "Jane Doe"
    assert actor_of(q, "Every item fit") == "Ann Roe"


def test_someones_words_name_the_speaker():
    """ "in Roe’s words, a “…”", "Jane Doe’s description of it as one that “…”"."""
    text = (
        "Ann Roe grew up far from any school. Maths gave her a way out — in Roe’s words, a "
        "“world I could explore on my own.”\n\n"
        "I love Jane Doe’s description of the ideal posture as one that “stays upright "
        "without strain.”"
    )
    q = quotes(text)
    assert actor_of(q, "explore on my own") == "Ann Roe"
    assert actor_of(q, "upright") == "Jane Doe"


def test_someones_words_name_the_speaker_in_russian():
    q = quotes(
        "Иван Петров давно изучает рынок. Это, в формулировке Петрова, «рынок без покупателя».",
        language="ru",
    )
    # the name as Russian declines it after the noun (one person: not merged with its nominative)
    assert actor_of(q, "рынок без", "speaker_text") == "Петрова"


def test_a_title_case_line_of_its_own_in_marks_is_a_title():
    """A numbered list of works, each a line of its own in marks ("'The Long Night Of The Moth:
    Part II'"), names works; a shouted line of its own ("“JUST TELL ME THE ANSWER!”") is said."""
    text = (
        "Here are the films we liked most this year.\n\n"
        "1\n\n"
        "'The Long Night Of The Moth: Part II - Grey Wings'\n\n"
        "Studio Nine\n\n"
        "It is a slow film, but worth the wait.\n\n"
        "“JUST TELL ME THE ANSWER!”\n\n"
        "Pick any plan and stick with it."
    )
    kind = dict(zip(quotes(text)["text"], quotes(text)["kind"], strict=True))
    assert kind["The Long Night Of The Moth: Part II - Grey Wings"] == "title"
    assert kind["JUST TELL ME THE ANSWER!"] == "full"


def test_an_article_with_one_voice_gives_it_its_cue_less_quotes():
    """Tips from the one expert an article quotes, under headings, with no cue of their own, are
    that expert's; a quote the writer's clause leads into ("… in your life: “…”") is not."""
    text = (
        "“Most back pain starts at the desk,” says Dr. Ann Roe of Acme Clinic. “Small changes "
        "help a lot.”\n\n"
        "1. Seat Height\n\n"
        "Your feet should rest flat on the floor. “A seat that is too high presses on the back "
        "of the legs.”\n\n"
        "2. Breaks\n\n"
        "Some people repeat a phrase to themselves: “Stand up and stretch every hour now.”"
    )
    q = quotes(text)
    assert actor_of(q, "too high") == "Ann Roe"
    assert actor_of(q, "Stand up") is None


def test_an_article_with_one_voice_in_russian():
    text = (
        "«Большинство болей в спине начинается за столом», — говорит Анна Петрова. «Небольшие "
        "перемены очень помогают», — добавила она.\n\n"
        "Высота сиденья\n\n"
        "«Слишком высокое сиденье давит на заднюю поверхность ног и мешает работать.»"
    )
    q = quotes(text, language="ru")
    assert actor_of(q, "Слишком высокое") == "Анна Петрова"


def test_one_voice_needs_a_named_speaker():
    """ "researchers" said two things: a third, cue-less quote is not given to them."""
    text = (
        "“The risk rose with every year of use,” researchers noted. “Masks did not help "
        "much,” researchers added.\n\n"
        "Cleaning products\n\n"
        "“Open the windows while you clean the kitchen and the bathroom.”"
    )
    assert actor_of(quotes(text), "Open the windows") is None


def test_a_document_that_names_its_maker_speaks_for_the_maker():
    """ "the Harbour Institute’s release added": the institute, not its release."""
    text = (
        "Classes start in May. “Learning a language opens doors,” the Harbour Institute’s "
        "release added."
    )
    assert actor_of(quotes(text), "opens doors") == "Harbour Institute"
