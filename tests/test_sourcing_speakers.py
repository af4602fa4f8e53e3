"""Speakers in the house styles of real newsrooms: invented sentences, one pattern each.

Each pattern is one a rule of `presslens.sourcing` serves; the tune part of the wcxb dev set
holds real examples of each on several pages (see `benchmarks/quotes.py --misses`).
"""

from __future__ import annotations

import pandas as pd
import pytest

from presslens import sourcing


def quotes(*texts: str, language: str = "en") -> pd.DataFrame:
    arts = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(len(texts))], "outlet": "X", "text": list(texts)}
    )
    return sourcing.find_quotes(arts, workers=1, language=language)


def speaker_of(q: pd.DataFrame, contains: str) -> tuple:
    hits = q[q["text"].str.contains(contains, regex=False)]
    assert len(hits) == 1, f"{contains!r}: {len(hits)} rows\n{q[['kind', 'text']]}"
    return hits.iloc[0]["speaker_text"], hits.iloc[0]["actor"]


@pytest.mark.parametrize(
    ("text", "quote", "actor"),
    [
        # a title before the surname, after the quote
        ("Jane Doe chairs the board. “We are ready,” Ms. Doe said.", "ready", "Jane Doe"),
        ("“The vote is close,” Sen. Ann Roe said on Tuesday.", "vote is close", "Ann Roe"),
        # inverted, with a title and a home state
        ("“We will win,” said Sen. Ann Roe of Ohio.", "We will win", "Ann Roe"),
        # inverted, with a lower-case description before the name
        ("“Less is more,” says party planner Jane Doe, founder of Doe Events.", "Less", "Jane Doe"),
        # "Name, <appositive>, said"
        ("“It is over,” Tom Poe, a spokesman for the campaign, said.", "It is over", "Tom Poe"),
        # a role in capitals before the name: the name is the speaker
        (
            "“We test all day,” says Acme Labs Co-Owner and Lead Designer Ann Roe.",
            "test",
            "Ann Roe",
        ),
        # the speaker's name after a dash, no verb
        ("“Every day is a draft.” ― Mary Loe", "Every day", "Mary Loe"),
        # a speech clause closing the reporter's sentence
        ("Sleep matters, but “most adults need seven hours” to recover, says Poe.", "seven", "Poe"),
        # a speech verb the lexicon lists beyond "said"
        ("“Never again,” Tom Poe sighed.", "Never again", "Tom Poe"),
    ],
)
def test_speaker_after_the_quote(text, quote, actor):
    assert speaker_of(quotes(text), quote)[1] == actor


def test_second_quote_of_a_sentence_pair_and_earlier_sentence():
    """ "“A,” X said. “B.”": B is X's; a quote after "X said … ." in the paragraph is X's."""
    q = quotes(
        "“We have the money,” Jane Doe said. “Now we need the staff.”",
        "Tom Poe said the talks had failed. “There is nothing left to discuss.”",
        "“We have the money,” said Ann Roe. “Now we need the staff.”",
    )
    assert q["actor"].tolist() == ["Jane Doe", "Jane Doe", "Tom Poe", "Ann Roe", "Ann Roe"]
    assert q["method"].tolist()[1] == "cue-earlier"


def test_colon_closing_the_previous_paragraph():
    q = quotes("In a recent interview, Dr. Ann Roe shared her view:\n\n“Sit less, walk more.”")
    assert speaker_of(q, "Sit less")[1] == "Ann Roe"


def test_one_person_one_speaker():
    """Surname, first name and titled forms are filed under the full name as first given."""
    text = (
        "Jane Q. Doe founded the firm in 2001.\n\n"
        "“We started in a garage,” Doe said. “Then we grew,” Ms. Doe added.\n\n"
        "“It was hard,” Jane said."
    )
    q = quotes(text)
    assert q["actor"].tolist() == ["Jane Q. Doe"] * 3
    assert q["speaker_text"].tolist() == ["Doe", "Ms. Doe", "Jane"]


def test_a_name_never_runs_across_a_paragraph_break():
    """A heading's capitalised words and the name opening the next paragraph are not one name:
    "Jane" stays the Jane Doe the article first named."""
    text = (
        "We spoke with Jane Doe, who has run the repair shop for twenty years.\n\n"
        "Step Two: Compare Three Offers\n\n"
        "Jane explained the rest. “Ask every installer for a written offer,” Jane said."
    )
    q = quotes(text)
    assert speaker_of(q, "written offer") == ("Jane", "Jane Doe")


def test_pronouns_refer_to_someone_who_spoke():
    """ "he said" is the last person quoted, or one named just before; not a name met in
    passing paragraphs earlier, and never a place or an organisation."""
    text = (
        "The Harbour Ferry Company runs four boats.\n\n"
        "“We need a fifth,” said Tom Poe, the company's owner.\n\n"
        "Ann Roe founded the rival line in 1999.\n\n"
        "Fuel prices have risen since spring.\n\n"
        "“Boats are expensive,” he said."
    )
    assert speaker_of(quotes(text), "Boats are expensive")[1] == "Tom Poe"


@pytest.mark.parametrize(
    "text",
    [
        "DES MOINES — “We will win this state,” the candidate told the crowd.",
        "Despite Roe’s claims, “the budget is balanced,” the report said.",
        "I said “no thanks” and left.",
    ],
)
def test_non_speakers_are_never_speakers(text):
    q = quotes(text)
    bad = {"DES MOINES", "Despite Roe’s", "Despite Roe’s claims", "I"}
    assert not set(q["speaker_text"].dropna()) & bad


def test_short_unattributed_terms_are_scare_quotes_not_speech():
    q = quotes(
        "Locals call the quay the “old steps” and avoid it.",
        "Ann Roe called the plan “a fair start” on Monday.",
    )
    assert q["kind"].tolist() == ["scare", "partial"]


def test_quote_opening_with_an_ellipsis():
    q = quotes("The complaint says the firm would “...raise prices on the day of the move.”")
    assert q["text"].tolist() == ["...raise prices on the day of the move."]


def test_russian_speech_words_are_data():
    q = quotes(
        "«Мы готовы к переговорам», — сказала Анна Петрова.",
        "Министр Иван Сидоров заявил: «Решение принято». «Мы будем действовать», — добавил он.",
        language="ru",
    )
    assert q["actor"].tolist() == ["Анна Петрова", "Иван Сидоров", "Иван Сидоров"]


def test_names_in_marks_are_titles_and_quotes_in_guillemets_are_speech():
    q = quotes(
        "The agency «Nordpress» reported the talks. «We are ready for talks at any level», "
        "the minister told «Nordpress»."
    )
    assert q["kind"].tolist() == ["title", "full", "title"]
    assert q["speaker_text"].tolist()[1] == "the minister"


def test_pronoun_means_the_person_named_next_to_it_not_the_last_speaker():
    """ "he explains" right after a quote in a sentence that names another person is that
    person's (roundups of several experts; "according to X, … “…,” she writes"); when the last
    speaker is named there too, the pronoun stays theirs."""
    experts = (
        "“Buy a stand,” says Tom Poe, a sound engineer.\n\n"
        "Ned Lark runs a studio in town. Ned’s pick is “a cheap pair of headphones. "
        "They do the job,” he explains."
    )
    assert speaker_of(quotes(experts), "cheap pair")[1] == "Ned Lark"
    writer = (
        "“Proofs are slow,” said Tom Poe.\n\n"
        "Such talks were rare and, according to the writer Ann Roe, loud. "
        "When one speaker ended, “the hall fell silent,” she writes."
    )
    assert speaker_of(quotes(writer), "hall fell")[1] == "Ann Roe"
    kept = (
        "“Buy a stand,” says Tom Poe.\n\nPoe met Ann Roe at the fair. “We swapped notes,” he said."
    )
    assert speaker_of(quotes(kept), "swapped notes")[1] == "Tom Poe"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("For more, read “Strength training for older adults.” Source, a journal.", "title"),
        ("If you want the long version, see “The Careful Coder”, then come back.", "title"),
        ("She wrote a paper entitled “How ferries find their way” in 2001.", "title"),
        ("The report read, “Demand for ferries will double by the end of the decade.”", "full"),
        ("«Спрос растёт», — сказал он. Читайте «Паромы и море» на сайте.", "title"),
    ],
)
def test_quotes_after_a_reading_pointer_are_titles(text, kind):
    """A quote the reader is sent to read ("Read, “…”", "see “…”", "entitled “…”") names a
    work; "the report read, “…”" still quotes the report."""
    q = quotes(text, language="ru" if "«" in text else "en")
    assert q["kind"].tolist()[-1] == kind


def test_a_phrase_standing_as_a_modifier_is_a_scare_quote():
    q = quotes(
        "I wrote a “ten lessons I learned the hard way” post last spring. "
        "Buy the costly “cancel for any reason” policy if you can. "
        "The deal is an “agreement on the basics of trade” between the two firms."
    )
    kind = dict(zip(q["text"], q["kind"], strict=True))
    assert kind["ten lessons I learned the hard way"] == "scare"
    assert kind["cancel for any reason"] == "scare"
    # a preposition after the marks: the phrase is a noun phrase's head, not a modifier
    assert kind["agreement on the basics of trade"] == "partial"


def test_speaker_on_a_credit_line_after_the_quote_paragraph():
    q = quotes(
        "Key quote\n\n“We are finding real ways to use the tools for our customers.”\n\n"
        "Jane Q. Doe, CEO of Acme (on the Acme earnings call, May 2024)\n\nMore text.",
        "Intro.\n\n“The box is universal hardware. Use whatever framework you want.”\n\n"
        "— Tom Poe\n\nMore.",
        "“Our rooftop panels paid for themselves in six years.”\n\n"
        "Ann Roe, a resident, stands by her rooftop panels.",
    )
    assert speaker_of(q, "real ways")[0] == "Jane Q. Doe"
    assert speaker_of(q, "universal hardware")[0] == "Tom Poe"
    assert pd.isna(speaker_of(q, "rooftop panels")[0])  # a caption is a sentence, no credit


def test_subject_before_an_adverb_and_a_speech_phrase():
    q = quotes(
        "Tom Poe runs a lab. As Jane Doe aptly says, think of the model as “eager and prone to "
        "mistakes”. As Ann Roe put it, it is like a “waterfall in fifteen minutes” at work."
    )
    assert speaker_of(q, "eager and prone")[0] == "Jane Doe"
    assert speaker_of(q, "waterfall")[0] == "Ann Roe"


def test_names_with_an_inner_capital_are_people():
    q = quotes(
        "Tom Poe leads the team. Joan LaRovere is a doctor.\n\n"
        "Data matters, LaRovere said, but teams matter more. “I'm not a data scientist,” she "
        "said.",
        "Doug McMillon runs the chain. Ann Roe runs a shop.\n\n"
        "Prices fell, McMillon said at the meeting. “We are glad,” he said.",
    )
    assert speaker_of(q, "data scientist")[1] == "Joan LaRovere"
    assert speaker_of(q, "We are glad")[1] == "Doug McMillon"


def test_the_report_speaks_for_the_organisation_that_made_it():
    q = quotes(
        "The American College of Sports Medicine published its trends report.\n\n"
        "“This trend focuses on mental health,” the report stated.",
        "Forty-six percent of schools joined the scheme.\n\n"
        "“Tutoring falls short,” the report said.",
    )
    assert speaker_of(q, "mental health")[1] == "American College of Sports Medicine"
    assert speaker_of(q, "falls short")[1] != "Forty-six"  # a number is no organisation


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        ("hy", "«Պայմանագիրը պետք է երաշխավորի անվտանգությունը», — ասաց Աննա Պետրոսյանը "
               "լրագրողներին։", "Աննա Պետրոսյանը"),
        ("hy", "Աննա Պետրոսյանը հայտարարել է. «Պայմանագիրը պետք է երաշխավորի "
               "անվտանգությունը»:", "Աննա Պետրոսյանը"),
        ("az", "«Sülh müqaviləsi tezliklə imzalana bilər», — deyə Anar Məmmədov bildirib.",
         "Anar Məmmədov"),
        ("az", "Anar Məmmədov bildirib: «Sülh müqaviləsi tezliklə imzalana bilər».",
         "Anar Məmmədov"),
        ("tr", "Ayşe Demir şunları söyledi: \"Bölgede kalıcı barış için bir fırsat var.\"",
         "Ayşe Demir"),
        ("tr", "\"Bölgede kalıcı barış için bir fırsat var,\" dedi Ayşe Demir.", "Ayşe Demir"),
        ("fr", "«Nous sommes prêts à négocier», a déclaré Marie Dubois.", "Marie Dubois"),
        ("de", "„Wir sind zu Gesprächen bereit“, sagte Anna Schmidt.", "Anna Schmidt"),
    ],
)  # fmt: skip
def test_speech_words_of_more_languages_are_data(language, text, speaker):
    """speech.yaml's hy, az, tr, fr and de blocks: a quote gets the speaker its verb names."""
    q = quotes(text, language=language)
    assert len(q) == 1, q[["kind", "text"]]
    assert q.iloc[0]["kind"] == "full"
    assert q.iloc[0]["speaker_text"] == speaker


def test_one_person_is_one_speaker_across_the_corpus():
    q = quotes(
        "“The bridge will open in May,” said Marta Kowal, the city's transport chief.",
        "“We are ready for the opening,” Kowal said on Friday.",
        "“The budget holds,” said Administrator Marta Kowal at the hearing.",
        "“Rates stay as they are,” said Piet Lindgren, the bank's governor.",
        "“No change this year,” said Anna Lindgren, a farmer from the valley.",
        "“We will see,” Lindgren said.",
    )
    actors = dict(zip(q["text"], q["actor"], strict=True))
    assert actors["The bridge will open in May,"] == "Marta Kowal"
    assert actors["We are ready for the opening,"] == "Marta Kowal"  # the surname alone
    assert actors["The budget holds,"] == "Marta Kowal"  # the title dropped
    assert actors["We will see,"] == "Lindgren"  # two Lindgrens: which one cannot be told


# --------------------------------------------------------------------------------------------
# Issue 13, second round: patterns seen on two or more tune pages of the wcxb dev set.


@pytest.mark.parametrize(
    ("text", "quote", "actor"),
    [
        # a place's possessive before a surname is not part of the name
        (
            "Robots are built by Jane Doe of Acme. As Vermont's Doe told a paper, “We are "
            "machines made of machines.”",
            "machines made",
            "Jane Doe",
        ),
        # a two-letter surname in a credit line after the quote paragraph
        (
            "“We have made great progress this year.”\n\nAnn Su, CEO of Acme (on a call)",
            "great progress",
            "Ann Su",
        ),
        # inverted, a name after capitalised and lower-case titles
        (
            "“Learning is changing every trade,” said Acme computer science professor Ann "
            "Roe, director of the Acme Center.",
            "every trade",
            "Ann Roe",
        ),
    ],
)
def test_speaker_second_round(text, quote, actor):
    assert speaker_of(quotes(text), quote)[1] == actor


def test_a_quote_that_ends_its_sentence_keeps_its_own_cue():
    """ "X notes that … “A.” A trial shows “B,” says Y": A is X's; and a long reporter's
    sentence after “A.” with a quote of its own names B's speaker, not A's."""
    q = quotes(
        "Jane Doe studies fasting. Doe notes that it helps with “lowering blood pressure.” A "
        "small trial shows “better cholesterol,” says Tom Poe, who led it.",
        "Ann Roe said of her firm that “people who succeed build a buffer.” Tom Poe agreed that "
        "a buffer is needed when clients call, stating, “Clients call at any time.”",
    )
    q = q[q["kind"] != "indirect"]
    assert speaker_of(q, "lowering")[1] == "Jane Doe"
    assert speaker_of(q, "better cholesterol")[1] == "Tom Poe"
    assert speaker_of(q, "build a buffer")[1] == "Ann Roe"
    assert speaker_of(q, "any time")[1] == "Tom Poe"


def test_she_after_according_to_a_described_name():
    """ "according to longtime Acme contributor Ann Roe" names a speaker a later "she writes"
    refers to, over a man quoted earlier."""
    q = quotes(
        "“Numbers are hard,” says Tom Poe.\n\nSuch proofs have been rare, according to longtime "
        "Acme contributor Ann Roe. When one man announced his proof, “the room descended into "
        "chaos,” she writes."
    )
    assert speaker_of(q, "descended")[1] == "Ann Roe"


def test_pronoun_after_a_titled_name_with_its_place():
    """ "Dr. Ann Roe of Acme Clinic" is a person, so a later "she notes" is hers."""
    q = quotes(
        "“Sit up straight,” explains Dr. Ann Roe of Acme Clinic.\n\nChairs matter too. “Move "
        "every hour,” she notes."
    )
    assert speaker_of(q, "every hour")[1] == "Ann Roe"


def test_the_report_speaks_for_its_maker():
    """ "the report said" → the maker the article names: "a report by X", "the research by
    Doe and colleagues", "X … in its annual report"."""
    q = quotes(
        "Results were poor, according to a June report by the Acme Institute and Beta Lab, a "
        "research group.\n\n“Students got too few minutes of help,” the report said.",
        "Ann Roe teaches at Acme. The research by Roe and colleagues traces earlier work.\n\n"
        "“The old lens is too narrow for this,” the research says.",
        "The Acme Society also stressed sleep in its annual report.\n\n“Sleep is the trend of "
        "the year,” the report stated.",
    )
    assert speaker_of(q, "too few minutes")[0] == "the Acme Institute and Beta Lab"
    assert speaker_of(q, "old lens")[1] == "Ann Roe"
    assert speaker_of(q, "Sleep is the trend")[0] == "The Acme Society"
    assert q.loc[q["text"].str.contains("too few"), "method"].iloc[0] == "cue-after+maker"


def test_one_word_in_marks():
    """One word in marks is a scare quote unless a speech verb gives it to someone: right
    after it (“Absolutely,” she said) or right before it (announced “progress”)."""
    q = quotes(
        "Tom Poe runs the lab. He says the cells then “remembered” the shock.",
        "Acme announced “progress” on Friday.",
        "“Absolutely,” Ann Roe said.",
    )
    assert q.loc[q["text"] == "remembered", "kind"].tolist() == ["scare"]
    assert q.loc[q["text"] == "progress", "kind"].tolist() == ["partial"]
    assert speaker_of(q, "Absolutely")[1] == "Ann Roe"


def test_a_short_term_in_marks_inside_a_quote_is_a_scare_quote():
    q = quotes("“Our clients love a ‘full drip’ palette for their weddings,” Ann Roe says.")
    assert q.loc[q["text"] == "full drip", "kind"].tolist() == ["scare"]
    assert speaker_of(q, "clients love")[1] == "Ann Roe"


def test_search_terms_are_mentioned_not_said():
    q = quotes(
        "Jane Doe runs a clinic. A quick search for “best dentist in town” or “dentist near me "
        "open late” shows her page first."
    )
    assert set(q.loc[q["text"].str.contains("dentist"), "kind"]) == {"scare"}


def test_a_quote_right_after_a_work_noun_is_a_title():
    """ "my new book “…”", "the motto of “…”" name a work; "said in a post: “…”" quotes one."""
    q = quotes(
        "Order my new book “How to Fix a Bike.” We follow the motto of “Keep it simple.”",
        "Jane Doe wrote in a post: “We are closing the shop next month.”",
    )
    assert q.loc[q["text"].str.contains("Fix a Bike"), "kind"].tolist() == ["title"]
    assert q.loc[q["text"].str.contains("Keep it simple"), "kind"].tolist() == ["title"]
    assert speaker_of(q, "closing the shop")[1] == "Jane Doe"


def test_an_organisation_that_reported_a_phrase_is_its_speaker():
    """ "Acme also reported that …, “…”": a body that reports a finding speaks the words quoted
    in its sentence, as "X said" would."""
    q = quotes(
        "Acme Gyms also reported that rowing has become a popular second workout, emerging as "
        "“a steady part of a balanced week.”"
    )
    part = q[q["kind"] == "partial"]
    assert part["speaker_text"].tolist() == ["Acme Gyms"]


def test_a_speech_verb_after_and_shares_the_sentence_subject():
    """ "Roe tested the kit and shared, “…”", "He …, and then just told it “…”": the speech
    verb's subject is the one its sentence opens with; a noun right before the verb ("rents
    rose and tenants said") is no conjunction, and the sentence's subject is not taken then."""
    q = quotes(
        "Ann Roe tested the kit for a month and shared the following about the red box, "
        "“It fit every shelf I own.”\n\n"
        "Tom Poe ported it in a day. He had a helper read the code, write a plan, and then just "
        "told it “finish the rest and save often” before lunch.\n\n"
        "Rents rose in May and tenants said “we cannot pay this.”"
    )
    assert speaker_of(q, "every shelf")[1] == "Ann Roe"
    assert speaker_of(q, "finish the rest")[1] == "Tom Poe"
    assert speaker_of(q, "cannot pay")[0] != "Rents"


def test_russian_speech_verb_after_a_conjunction():
    q = quotes(
        "Анна Петрова месяц носила платье и написала «Оно подошло ко всему, что у меня есть».",
        language="ru",
    )
    assert speaker_of(q, "подошло")[1] == "Анна Петрова"


def test_a_verb_after_and_in_a_subordinate_clause_has_that_clause_s_subject():
    """ "Doe visited the site, while her rivals … and said “…”", "… the volunteers, who … and
    said “…”": the conjoined speech verb belongs to the subordinate or relative clause, whose
    subject is not the sentence's; the sentence's subject is not its speaker."""
    q = quotes(
        "Jane Doe toured the depot, while her rivals stayed at home and then just said "
        "“We will look into it.”\n\n"
        "Tom Poe thanked the divers, who cleared the harbour and said “This is our bay too.”"
    )
    assert speaker_of(q, "look into it")[1] != "Jane Doe"
    assert speaker_of(q, "our bay too")[1] != "Tom Poe"


def test_russian_verb_after_a_conjunction_in_a_subordinate_clause():
    q = quotes(
        "Анна Петрова осмотрела депо, пока её соперники сидели дома и сказали «Мы всё это "
        "проверим на этой неделе».\n\n"
        "Иван Сидоров поблагодарил водолазов, которые очистили гавань и сказали «Это и наша "
        "бухта».",
        language="ru",
    )
    assert speaker_of(q, "проверим на этой неделе")[1] != "Анна Петрова"
    assert speaker_of(q, "наша бухта")[1] != "Иван Сидоров"


def test_a_preposition_or_a_describing_clause_keeps_the_sentence_subject():
    """ "Doe worked as a nurse … and said “…”", "… since 2010 and said", "left that day and
    told": words that are mostly prepositions open no clause of their own; nor does a word
    without a comma before it; a clause the commas close before the verb ("Doe, who runs the
    shop, tried …") only describes the subject, who still speaks."""
    q = quotes(
        "Ann Roe worked as a baker for years and said “Nobody ever warned us about it.”\n\n"
        "Ann Roe has lived by the pier since 2011 and said “The tide comes in faster now.”\n\n"
        "Tom Poe left that morning and told reporters “The ferry will keep its timetable.”\n\n"
        "Tom Poe spoke after the vote and said “We will read the figures again.”\n\n"
        "Ann Roe, who runs the bakery, tested the oven and said “It cracked on the first day.”"
    )
    assert speaker_of(q, "Nobody ever warned")[1] == "Ann Roe"
    assert speaker_of(q, "tide comes in")[1] == "Ann Roe"
    assert speaker_of(q, "keep its timetable")[1] == "Tom Poe"
    assert speaker_of(q, "read the figures")[1] == "Tom Poe"
    assert speaker_of(q, "cracked on the first")[1] == "Ann Roe"


def test_russian_preposition_or_describing_clause_keeps_the_sentence_subject():
    q = quotes(
        "Анна Петрова выступила после заседания и заявила «Мы пересчитаем все цифры».\n\n"
        "Иван Сидоров, который держит пекарню, проверил печь и сказал «Она треснула в первый "
        "же день».",
        language="ru",
    )
    assert speaker_of(q, "пересчитаем")[1] == "Анна Петрова"
    assert speaker_of(q, "треснула")[1] == "Иван Сидоров"
