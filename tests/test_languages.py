"""Languages as a dimension: detection, the text core per language, cross-lingual lexicons
matched through inflection, and analyses that stay within what they can read.

Fixtures: `tests/fixtures/multilingual/` (short texts and news pages written for the project).
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pandas as pd
import pytest
import yaml

from presslens import framing, lexicons, text, wording
from presslens.clean import detect_language

HERE = Path(__file__).parent / "fixtures" / "multilingual"


@pytest.fixture(scope="module")
def pages() -> pd.DataFrame:
    """The multilingual pages as an articles table (title line dropped, language detected)."""
    rows = []
    for path in sorted((HERE / "pages").glob("*.txt")):
        title, body = path.read_text(encoding="utf-8").split("\n\n", 1)
        body = body.strip()
        rows.append((path.stem, f"{path.stem[:2].upper()} Agency", title, body))
    arts = pd.DataFrame(rows, columns=["article_id", "outlet", "title", "text"])
    arts["language"] = [detect_language(t) for t in arts["text"]]
    return arts


def test_detector_names_short_texts_in_thirteen_languages_and_never_guesses():
    texts = yaml.safe_load((HERE / "short_texts.yaml").read_text(encoding="utf-8"))
    wrong = [
        (lang, detect_language(t), t)
        for lang, items in texts.items()
        for t in items
        if detect_language(t) != lang
    ]
    assert wrong == []


def test_detector_gives_each_page_its_language(pages):
    assert dict(zip(pages["article_id"], pages["language"], strict=True)) == {
        "az_city": "az",
        "en_brief": "en",
        "hy_road": "hy",
        "ru_talks": "ru",
        "tr_visit": "tr",
    }


def test_armenian_sentences_end_at_armenian_and_ascii_full_stops():
    s = "Ճանապարհը փակ է: Բնակիչները սպասում են։ Ո՞վ է պատասխանատու:"
    spans = [s[a:b] for _, a, b in text.sentence_spans(s)]
    assert spans == ["Ճանապարհը փակ է:", "Բնակիչները սպասում են։", "Ո՞վ է պատասխանատու:"]


def test_english_sentences_unchanged():
    s = "Dr. Smith met the U.N. envoy. They talked."
    assert [s[a:b] for _, a, b in text.sentence_spans(s)] == [
        "Dr. Smith met the U.N. envoy.",
        "They talked.",
    ]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", ["в", "и", "на"]),
        ("hy", ["և", "որ", "համար"]),
        ("az", ["və", "ilə", "üçün"]),
        ("tr", ["ve", "bir", "için"]),
        ("fr", ["le", "et", "dans"]),
        ("de", ["und", "der", "mit"]),
    ],
)
def test_stop_words_are_those_of_the_language(language, words):
    stops = text.stop_words(language)
    assert set(words) <= stops
    assert "the" not in stops or language == "en"


def test_unknown_language_drops_no_words():
    assert text.stop_words("und") == frozenset()
    assert text.tokenize("в Ереване и the", drop_stop=True, language="und") == [
        "в",
        "ереване",
        "и",
        "the",
    ]


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        ("ru", ["карабаха", "карабахе", "карабахом"]),
        ("hy", ["արցախում", "արցախի", "արցախից"]),
        ("az", ["xankəndidə", "xankəndiyə", "xankəndinin"]),
        ("tr", ["hankendi'de", "hankendi'nin", "hankendi"]),
        ("de", ["verhandlungen", "verhandlung"]),
        ("fr", ["négociations", "négociation"]),
    ],
)
def test_inflected_forms_share_a_stem(language, forms):
    assert len({text.stem(f, language) for f in forms}) == 1


@pytest.mark.parametrize(
    ("pattern", "found", "not_found"),
    [
        ("Нагорн~ Карабах~", ["Нагорного Карабаха", "Нагорном Карабахе"], ["Нагорнокарабахский"]),
        ("Арцах~", ["Арцах", "Арцаха", "Арцахом"], ["Арцахский"]),
        ("Արցախ~", ["Արցախում", "Արցախի", "Արցախից"], ["Արցախցի"]),
        ("Xankəndi~", ["Xankəndidə", "Xankəndiyə", "Xankəndinin"], ["Xankəndili"]),
        ("Hankendi~", ["Hankendi'de", "Hankendi'deki"], ["Hankendili"]),
        ("Dağlık Karabağ~", ["Dağlık Karabağ'da", "Dağlık Karabağ'ın"], ["Karabağ"]),
    ],
)
def test_tilde_forms_match_through_inflection_only(pattern, found, not_found):
    rx = lexicons.pattern_regex(pattern)
    for s in found:
        m = rx.search(f"x {s} y")
        assert m is not None and m.group(0) == s, s
    for s in not_found:
        assert rx.search(f"x {s} y") is None, s


def test_contested_name_counts_across_languages_under_one_variant(pages):
    hits = framing.find_naming(pages)
    artsakh = hits[hits["variant"] == "Artsakh"]
    assert set(artsakh["language"]) == {"ru", "hy"}
    assert set(artsakh["surface"]) == {"Арцаха", "Արցախում"}
    nk = hits[hits["variant"] == "Nagorno-Karabakh"]
    assert {"en", "ru", "hy", "tr"} <= set(nk["language"])
    assert "NKR" in set(hits.loc[hits["surface"] == "НКР", "variant"].str.extract(r"\((\w+)\)")[0])
    table = framing.naming_by_outlet(pages.assign(outlet="All"), groups="region")
    cell = table.set_index("variant").loc["Nagorno-Karabakh"]
    assert cell["count"] == len(nk)
    assert set(cell["languages"].split(",")) == set(nk["language"])


def test_town_names_in_local_datelines_and_cases(pages):
    hits = framing.find_naming(pages)
    town = hits[hits["group"] == "main_town"]
    found = set(zip(town["variant"], town["surface"], town["language"], strict=True))
    assert ("Khankendi", "Xankəndidə", "az") in found
    assert ("Khankendi", "Hankendi'de", "tr") in found
    assert ("Stepanakert", "Ստեփանակերտում", "hy") in found
    assert ("Stepanakert", "Степанакерта", "ru") in found


def test_actors_found_in_each_language_with_their_language(pages):
    hits = lexicons.find_actors(pages)
    seen = set(zip(hits["actor"], hits["language"], strict=True))
    for lang in ("ru", "hy", "az", "tr"):
        assert ("Ilham Aliyev", lang) in seen
    assert ("Nikol Pashinyan", "ru") in seen and ("Nikol Pashinyan", "hy") in seen


def test_english_only_lexicons_keep_working(pages):
    folder = Path(__file__).parent / "fixtures" / "other_story" / "lexicons"
    table = lexicons.naming(folder)
    assert set(table["language"]) == {""}
    hits = lexicons.find_terms(pages, "naming", directory=folder)
    assert list(hits.columns) == lexicons.TERM_COLUMNS


def test_tone_is_missing_not_neutral_outside_english(pages):
    tone = framing.tone_by_sentence(pages)
    other = tone[tone["language"] != "en"]
    assert len(other) and other["compound"].isna().all() and not other["scored"].any()
    assert tone.loc[tone["language"] == "en", "compound"].notna().all()
    by_outlet = framing.tone_by_outlet(pages, tone=tone).set_index("outlet")
    assert by_outlet.loc["EN Agency", "languages"] == "en"
    ru = by_outlet.loc["RU Agency"]
    assert ru["n"] == 0 and math.isnan(ru["mean"]) and math.isnan(ru["share_positive"])
    assert ru["n_unscored"] > 0


@pytest.mark.parametrize("language", ["ru", "hy", "az", "tr"])
def test_tone_by_actor_runs_on_one_article_per_language(pages, language):
    one = pages[pages["language"] == language]
    table = framing.tone_by_actor(pd.concat([one, pages[pages["language"] == "en"]]))
    aliyev = table[table["actor"] == "Ilham Aliyev"]
    assert len(aliyev) == 1 and aliyev["n"].iloc[0] == 0 and math.isnan(aliyev["mean"].iloc[0])


def test_wording_stays_within_one_language(pages):
    ru = pages[pages["language"] == "ru"]
    corpus = pd.concat(
        [ru.assign(article_id=f"r{i}", outlet=o) for i, o in enumerate("ABAB")] + [pages]
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        terms = wording.distinctive_terms(corpus, language="ru", min_count=1, n_resamples=20)
    assert terms.attrs["language"] == "ru"
    assert not {"в", "и", "на", "с"} & set(terms["term"])
    assert any("set aside" in str(w.message) for w in caught)
    assert set(terms["outlet"]) == {"A", "B", "RU Agency"}  # the ru articles only


def test_a_form_of_one_language_does_not_count_in_another():
    arts = pd.DataFrame(
        {
            "article_id": ["en", "tr"],
            "outlet": ["X", "Y"],
            "text": [
                "The AB testing team met the press in the capital on Tuesday to discuss results.",
                "AB dışişleri bakanları, Hankendi'deki gelişmeleri salı günü Brüksel'de "
                "değerlendirdi ve açıklama yaptı.",
            ],
        }
    )
    hits = lexicons.find_actors(arts)
    eu = hits[hits["actor"] == "European Union"]
    assert eu["article_id"].tolist() == ["tr"] and eu["language"].tolist() == ["tr"]
    town = lexicons.find_terms(arts, "naming")
    assert town.loc[town["group"] == "main_town", "surface"].tolist() == ["Hankendi'deki"]


def test_tokens_drop_the_stop_words_of_each_article(pages):
    toks = text.tokens(pages, drop_stop=True)
    by_article = toks.groupby("article_id")["token"].agg(set)
    assert not {"в", "и", "на"} & by_article["ru_talks"]
    assert not {"և", "որ"} & by_article["hy_road"]
    assert not {"the", "of"} & by_article["en_brief"]
    assert "ереван" in by_article["ru_talks"]


def test_paragraphs_carry_their_own_language_when_it_is_clear():
    body = (
        "The ministers met on Tuesday and agreed to continue the talks next month.\n\n"
        "Министр заявил, что переговоры будут продолжены в следующем месяце в столице.\n\n"
        "Photo: AP"
    )
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [body], "language": ["en"]})
    assert text.paragraphs(arts)["language"].tolist() == ["en", "ru", "en"]


def test_places_give_their_forms_per_language_and_find_local_datelines(pages):
    table = lexicons.places()
    assert list(table.columns) == lexicons.PLACE_COLUMNS
    assert {"ru", "hy", "az", "tr"} <= set(table["language"])
    as_terms = table.assign(group=table["place"], variant=table["kind"], pattern=table["form"])
    hits = lexicons.find_terms(pages, as_terms)
    found = set(zip(hits["article_id"], hits["group"], hits["surface"], strict=True))
    assert ("ru_talks", "Armenia", "ЕРЕВАН") in found
    assert ("az_city", "Azerbaijan", "Bakı") in found
    assert ("tr_visit", "Turkey", "ANKARA") in found
    other = Path(__file__).parent / "fixtures" / "other_story" / "lexicons"
    assert lexicons.places(other).empty or "" in set(lexicons.places(other)["language"])
