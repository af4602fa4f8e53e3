"""Frame cues in Russian, Armenian, Azerbaijani and Turkish (`cues_by_language` in
`frames.yaml`): inflected forms are found, each hit carries its paragraph's language, and the
English cues neither count in those languages nor change on English text.

The sentences are written for these tests (no third-party text)."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from presslens import framing, lexicons

#: One short article per language: (language, text, {(frame, surface) expected}).
TEXTS = {
    "ru": (
        "Стороны снова обвинили друг друга в нарушении перемирия. Мирных жителей эвакуировали "
        "из приграничных сёл.\n\nЦены на продукты выросли, экономика страдает.",
        {
            ("conflict", "обвинили"),
            ("conflict", "нарушении"),
            ("security", "перемирия"),
            ("human_interest", "Мирных жителей"),
            ("human_interest", "эвакуировали"),
            ("economic", "Цены"),
            ("economic", "экономика"),
        },
    ),
    "hy": (
        "Կողմերը կրկին մեղադրեցին միմյանց հրադադարի խախտման մեջ։ Խաղաղ բնակիչները լքեցին "
        "իրենց տները։\n\nՊատերազմում զոհվածների ընտանիքները արդարություն են պահանջում։",
        {
            ("conflict", "մեղադրեցին"),
            ("conflict", "խախտման"),
            ("conflict", "Պատերազմում"),
            ("security", "հրադադարի"),
            ("human_interest", "Խաղաղ բնակիչները"),
            ("human_interest", "ընտանիքները"),
            ("morality", "արդարություն"),
            ("responsibility", "պահանջում"),
        },
    ),
    "az": (
        "Tərəflər bir-birini atəşkəs rejimini pozmaqda ittiham etdilər. Münaqişədə həlak "
        "olanların ailələrinə yardım göstərilir.\n\nQiymətlərin artması iqtisadiyyata ziyan "
        "vurur.",
        {
            ("conflict", "ittiham"),
            ("conflict", "Münaqişədə"),
            ("security", "atəşkəs"),
            ("human_interest", "həlak olanların"),
            ("human_interest", "ailələrinə"),
            ("economic", "Qiymətlərin"),
            ("economic", "iqtisadiyyata"),
        },
    ),
    "tr": (
        "Taraflar birbirini ateşkesi ihlal etmekle suçladı. Çatışmalarda hayatını kaybedenlerin "
        "aileleri yas tutuyor.\n\nSon aylarda fiyatlar arttı ve ekonomi zor durumda.",
        {
            ("conflict", "ihlal"),
            ("conflict", "suçladı"),
            ("conflict", "Çatışmalarda"),
            ("security", "ateşkesi"),
            ("human_interest", "hayatını kaybedenlerin"),
            ("human_interest", "aileleri"),
            ("human_interest", "yas tutuyor"),
            ("economic", "fiyatlar"),
            ("economic", "ekonomi"),
        },
    ),
}


def arts(language: str, text: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": [f"{language}1"],
            "outlet": ["Outlet"],
            "title": [""],
            "text": [text],
            "language": [language],
        }
    )


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_inflected_cues_are_found_with_their_language(language):
    text, expected = TEXTS[language]
    found = framing.find_cues(arts(language, text))
    got = set(zip(found["frame"], found["surface"], strict=True))
    assert expected <= got, expected - got
    assert set(found["language"]) == {language}
    # every hit is a form written for this language, never an English cue
    forms = framing.frame_cues()
    own = set(zip(forms["frame"], forms["cue"], forms["language"], strict=True))
    assert all((f, c, language) in own for f, c in zip(found["frame"], found["cue"], strict=True))


def test_an_english_cue_that_is_a_turkish_word_does_not_count_in_turkish():
    found = framing.find_cues(arts("tr", TEXTS["tr"][0]))
    assert "Son" not in set(found["surface"])  # "son" is a human-interest cue in English
    english = framing.find_cues(arts("en", "Her son lost everything in the flood."))
    assert {"son", "lost everything"} <= set(english["cue"])
    assert set(english["language"]) == {"en"}


def test_the_lexicon_reads_the_four_languages_for_every_frame():
    table = lexicons.frames()
    for frame, group in table.groupby("group"):
        assert {"ru", "hy", "az", "tr"} <= set(group["language"]), frame


def test_a_per_language_exclusion_silences_only_its_language(tmp_path):
    (tmp_path / "frames.yaml").write_text(
        "frames:\n"
        "  west:\n"
        "    cues: [West]\n"
        "    cues_by_language: {az: [Qərb~]}\n"
        "    exclude: {az: [Qərbi Azərbaycan*]}\n",
        encoding="utf-8",
    )
    text = "Qərb ölkələri bəyanat verdi.\n\nQərbi Azərbaycan icması toplandı."
    found = framing.find_cues(arts("az", text), directory=tmp_path)
    assert found["surface"].tolist() == ["Qərb"]


def test_the_other_languages_leave_english_hits_as_they_were(articles, tmp_path):
    spec = lexicons.load("frames")
    english = {
        **spec,
        "frames": {
            f: {k: v for k, v in (s or {}).items() if k != "cues_by_language"}
            for f, s in spec["frames"].items()
        },
    }
    english["frames"]["geopolitics"].pop("exclude", None)  # its only exclusion is Azerbaijani
    (tmp_path / "frames.yaml").write_text(yaml.safe_dump(english, allow_unicode=True), "utf-8")
    sample = articles[articles["language"].fillna("en").isin(["en", "und", ""])]
    full = framing.find_cues(sample, headline=True)
    only = framing.find_cues(sample, directory=tmp_path, headline=True)
    pd.testing.assert_frame_equal(full, only)
