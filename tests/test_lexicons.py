"""Lexicons: the YAML files read, and the matchers find what a reader would, where it is."""

from __future__ import annotations

import os
import shutil

import pandas as pd
import pytest

from presslens import config, lexicons
from presslens import text as ptext

NAMES = ("actors", "naming", "topics", "frames", "events")


def _one(text: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]})


def _actors(text: str, **kw) -> list[tuple[str, str]]:
    found = lexicons.find_actors(_one(text), **kw)
    return list(zip(found["actor"], found["surface"], strict=True))


@pytest.mark.parametrize("name", NAMES)
def test_every_lexicon_loads_and_explains_itself(name):
    path = config.lexicons_dir() / f"{name}.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#"), f"{name}.yaml must open with a header comment"
    assert lexicons.load(name)


def test_tables_have_the_documented_columns():
    assert {"actor", "alias", "role", "side", "kind"} <= set(lexicons.actors().columns)
    for table in (lexicons.naming(), lexicons.topics(), lexicons.frames()):
        assert {"group", "variant", "pattern"} <= set(table.columns)
        assert table["pattern"].str.len().gt(0).all()
    ev = lexicons.events()
    assert list(ev.columns) == ["event", "start", "end", "place", "description"]
    assert (ev["end"] >= ev["start"]).all() and ev["start"].is_monotonic_increasing


@pytest.mark.story
def test_the_story_calendar_has_iso_dates():
    ev = lexicons.events()
    days = dict(zip(ev["event"], ev["start"].dt.strftime("%Y-%m-%d"), strict=True))
    assert days["Lachin checkpoint"] == "2023-04-23"
    assert days["Chisinau summit"] == "2023-06-01"
    round2 = ev[ev["event"] == "Washington round 2"].iloc[0]
    assert (round2["start"].day, round2["end"].day) == (27, 29)


@pytest.mark.story
def test_frames_cover_semetko_valkenburg_and_the_three_added_frames():
    frames = set(lexicons.frames()["group"])
    assert {"conflict", "responsibility", "human_interest", "morality", "economic"} <= frames
    assert {"diplomacy", "security", "geopolitics"} <= frames
    codebook = lexicons.frames().drop_duplicates("group")
    assert codebook["description"].str.len().gt(40).all()


@pytest.mark.story
def test_misspelt_names_in_the_sample_resolve_to_their_actor(articles):
    found = lexicons.find_actors(articles)
    by_surface = found.groupby("surface")["actor"].first()
    assert by_surface["Antony Binken"] == "Antony Blinken"
    assert by_surface["Anthony Blinken"] == "Antony Blinken"
    assert by_surface["Jehun Bayramov"] == "Jeyhun Bayramov"
    assert by_surface["George P. Schultz National Foreign Affairs Training Center"] == (
        "National Foreign Affairs Training Center"
    )
    # Every match records exactly what the text says at its offsets.
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    for row in found.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.surface


@pytest.mark.story
def test_unlisted_typos_match_fuzzily_and_the_threshold_controls_it():
    hits = lexicons.find_actors(_one("Then Blinkin said so, and Baryamov agreed."))
    assert list(hits["actor"]) == ["Antony Blinken", "Jeyhun Bayramov"]
    blinkin = hits.iloc[0]
    assert blinkin["surface"] == "Blinkin" and blinkin["match"] == "fuzzy"
    assert 85 <= blinkin["score"] < 100
    assert _actors("Then Blinkin said so.", threshold=99) == []


@pytest.mark.story
def test_surnames_alone_resolve_and_demonyms_are_not_states():
    assert _actors("Blinken said so.") == [("Antony Blinken", "Blinken")]
    assert _actors("Miller concluded.") == [("Matthew Miller", "Miller")]
    # "Armenian" the adjective is not the state Armenia; the possessive form of the name is.
    assert _actors("Armenian residents fear the Azerbaijani checkpoint.") == []
    assert _actors("Armenia’s forces withdrew.") == [("Armenian armed forces", "Armenia’s forces")]
    assert _actors("a miller ground the corn") == []  # capitalised names need capitals


@pytest.mark.story
def test_capitals_count_as_governments_only_when_they_act():
    assert _actors("Washington voiced deep concern.") == [("United States", "Washington")]
    assert _actors("The talks in Washington resumed.") == []
    assert _actors("It criticised the Washington talks.") == []
    assert _actors("Baku and Yerevan signed it.") == [
        ("Azerbaijan", "Baku"),
        ("Armenia", "Yerevan"),
    ]


@pytest.mark.story
def test_short_forms_of_us_count_only_as_a_noun():
    assert _actors("talks hosted by the U.S. by stating") == [("United States", "U.S.")]
    assert _actors("Blinken discussed US support.") == [("Antony Blinken", "Blinken")]
    assert _actors("the U.S.-hosted peace talks") == []
    assert _actors("The U.S. Secretary of State Antony Blinken") == [
        ("Antony Blinken", "Antony Blinken")
    ]


@pytest.mark.story
def test_the_longest_alias_wins():
    assert _actors("the Azerbaijani Foreign Ministry replied") == [
        ("Azerbaijani Foreign Ministry", "Azerbaijani Foreign Ministry")
    ]
    assert _actors("the Nagorno-Karabakh Defence Army said") == [
        ("Nagorno-Karabakh Defence Army", "Nagorno-Karabakh Defence Army")
    ]


@pytest.mark.story
@pytest.mark.parametrize(
    ("surface", "actor", "side"),
    [
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "Russia"),
        ("the Azerbaijani Foreign Ministry", "Azerbaijani Foreign Ministry", "Azerbaijan"),
        ("Jake Sullivan", "Jake Sullivan", "US"),
        ("Armenian Foreign Minister Ararat Mirzoyan", "Ararat Mirzoyan", "Armenia"),
        ("A US official", "Unnamed US official", "US"),
        ("Tigran Grigoryan, a political analyst based in Yerevan", "Tigran Grigoryan", "analyst"),
        (
            "the Artsakh National Assembly",
            "Artsakh National Assembly",
            "Karabakh Armenian authorities",
        ),
    ],
)
def test_resolve_actor_maps_speaker_descriptions(surface, actor, side):
    got = lexicons.resolve_actor(surface)
    assert got is not None
    assert (got["actor"], got["side"], got["score"]) == (actor, side, 100.0)
    assert got["role"]


@pytest.mark.story
def test_resolve_actor_returns_none_for_anonymous_speakers():
    assert lexicons.resolve_actor("he") is None
    assert lexicons.resolve_actor("the ministry spokeswoman") is None
    assert lexicons.resolve_actor("") is None


@pytest.mark.story
def test_paragraph_numbers_agree_with_the_text_module(articles):
    paras = ptext.paragraphs(articles).set_index(["article_id", "paragraph"])
    for hits in (lexicons.find_terms(articles, "frames"), lexicons.find_actors(articles)):
        assert len(hits)
        for row in hits.itertuples():
            para = paras.loc[(row.article_id, row.paragraph)]
            assert para["start"] <= row.start < para["end"]
    with pytest.warns(DeprecationWarning, match="presslens.text.paragraph_spans"):
        assert lexicons.paragraph_spans is ptext.paragraph_spans


@pytest.mark.story
def test_one_span_is_counted_once_per_group_longest_first():
    text = (
        "The Lachin corridor stays shut; the corridor is the only road. Nagorno-Karabakh, "
        "or the Karabakh region of Azerbaijan, is what Baku calls Karabakh."
    )
    hits = lexicons.find_terms(_one(text), "naming")
    region = hits[hits["group"] == "region"]
    assert region["variant"].tolist() == [
        "Nagorno-Karabakh",
        "Karabakh region of Azerbaijan",
        "Karabakh",
    ]
    road = hits[hits["group"] == "road"]
    assert road["variant"].tolist() == [
        "Lachin corridor",
        "corridor (unqualified)",
        "land route / link",
    ]
    for row in hits.itertuples():
        assert text[row.start : row.end] == row.surface


@pytest.mark.story
def test_variants_match_with_inflections_as_whole_words():
    text = "The liberation of lands it had liberated; the occupation; blockaded roads; warship."
    hits = lexicons.find_terms(_one(text), "naming")
    war = hits[hits["group"] == "war"]
    assert war["surface"].tolist() == ["liberation", "liberated", "occupation"]
    assert war["variant"].tolist() == ["liberated", "liberated", "occupation"]
    assert "warship" not in set(hits["surface"])  # "war" is a whole word
    assert hits.loc[hits["group"] == "road_status", "surface"].tolist() == ["blockaded"]


def test_capitalised_patterns_are_case_sensitive():
    table = pd.DataFrame({"group": ["g"], "variant": ["US"], "pattern": ["US"]})
    hits = lexicons.find_terms(_one("Let us talk: the US agrees."), table)
    assert hits["surface"].tolist() == ["US"]


def _copy_lexicons(tmp_path):
    folder = tmp_path / "lexicons"
    shutil.copytree(config.lexicons_dir(), folder)
    return folder


@pytest.mark.story
def test_editing_a_copied_lexicon_changes_the_result(tmp_path, articles):
    folder = _copy_lexicons(tmp_path)
    before = lexicons.find_terms(articles, "naming", directory=folder)
    assert "Garabagh / Karabagh" in set(before["variant"])
    naming = (folder / "naming.yaml").read_text(encoding="utf-8")
    block = (
        "      Garabagh / Karabagh:\n"
        "        any: [Garabagh, Karabagh, Qarabag, Qarabağ~]\n"
        "        tr: [Karabağ~]\n"
    )
    assert block in naming
    naming = naming.replace(block, "")
    naming = naming.replace("        any: [Artsakh]", "        any: [Artsakh, Garabagh]")
    (folder / "naming.yaml").write_text(naming, encoding="utf-8")
    after = lexicons.find_terms(articles, "naming", directory=folder)
    assert "Garabagh / Karabagh" not in set(after["variant"])
    assert "Garabagh" in set(after.loc[after["variant"] == "Artsakh", "surface"])
    # The repository's lexicon is untouched.
    assert "Garabagh / Karabagh" in set(lexicons.find_terms(articles, "naming")["variant"])


@pytest.mark.story
def test_the_environment_variable_points_at_another_lexicon_folder(tmp_path, monkeypatch):
    folder = _copy_lexicons(tmp_path)
    actors = (folder / "actors.yaml").read_text(encoding="utf-8")
    actors = actors.replace("misspellings: [Binken, Antony Binken, Blincken]", "misspellings: []")
    actors = actors.replace("fuzzy_threshold: 85", "fuzzy_threshold: 95")
    (folder / "actors.yaml").write_text(actors, encoding="utf-8")
    text = "US Secretary of State Antony Binken"
    assert _actors(text) == [("Antony Blinken", "Antony Binken")]
    monkeypatch.setenv("PRESSLENS_LEXICONS", str(folder))
    assert config.lexicons_dir() == folder.resolve()
    # Without the listed misspelling and with a stricter threshold, "Binken" (ratio 92) no longer
    # matches, and "Antony" alone is not an alias.
    assert _actors(text) == []


def _rewrite_keeping_mtime(path, old: str, new: str) -> None:
    """Edit `path` in place, same size and same modification time: only its content changed."""
    before = path.stat()
    content = path.read_text(encoding="utf-8")
    assert old in content and len(old) == len(new)
    path.write_text(content.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def test_an_edited_lexicon_takes_effect_without_a_restart(tmp_path):
    (tmp_path / "naming.yaml").write_text(
        "# test\ngroups:\n  g:\n    variants:\n      V: [alpha]\n", encoding="utf-8"
    )
    (tmp_path / "actors.yaml").write_text(
        "# test\nactors:\n  - name: Jane Roe\n    kind: person\n    side: X\n    role: r\n",
        encoding="utf-8",
    )
    text = _one("alpha beta, said Jane Doe")
    first = lexicons.fingerprint("naming", tmp_path)
    assert lexicons.find_terms(text, "naming", directory=tmp_path)["surface"].tolist() == ["alpha"]
    assert lexicons.resolve_actor("Jane Doe", directory=tmp_path) is None
    _rewrite_keeping_mtime(tmp_path / "naming.yaml", "[alpha]", "[beta*]")
    _rewrite_keeping_mtime(tmp_path / "actors.yaml", "Jane Roe", "Jane Doe")
    assert lexicons.fingerprint("naming", tmp_path) != first
    assert lexicons.find_terms(text, "naming", directory=tmp_path)["surface"].tolist() == ["beta"]
    assert lexicons.resolve_actor("Jane Doe", directory=tmp_path)["actor"] == "Jane Doe"
    assert lexicons.find_actors(text, directory=tmp_path)["surface"].tolist() == ["Jane Doe"]
    assert lexicons.load("actors", tmp_path)["actors"][0]["name"] == "Jane Doe"


def test_event_cues_carry_their_language(tmp_path):
    """`cues_by_language` gives an event's cues per language; each row keeps its language."""
    folder = tmp_path / "lexicons"
    folder.mkdir()
    (folder / "events.yaml").write_text(
        "# test calendar\n"
        "events:\n"
        "  - event: Harbour talks\n"
        "    start: 2023-05-14\n"
        "    cues: [harbour]\n"
        "    cues_by_language:\n"
        "      ru: [гаван~]\n"
        "      tr: [liman~]\n",
        encoding="utf-8",
    )
    cues = lexicons.event_cues(folder)
    assert list(cues.columns) == ["group", "variant", "pattern", "label", "description", "language"]
    assert sorted(zip(cues["pattern"], cues["language"], strict=True)) == [
        ("harbour", ""),
        ("liman~", "tr"),
        ("гаван~", "ru"),
    ]
    arts = pd.DataFrame(
        {
            "article_id": ["ru", "tr"],
            "outlet": ["X", "Y"],
            "text": ["Переговоры в гавани прошли спокойно.", "Görüşme limanda yapıldı."],
        }
    )
    hits = lexicons.find_terms(arts, "events", directory=folder)
    assert sorted(zip(hits["article_id"], hits["surface"], strict=True)) == [
        ("ru", "гавани"),
        ("tr", "limanda"),
    ]


@pytest.mark.parametrize(
    ("language", "text", "event"),
    [
        ("ru", "Лидеры встретились в Брюсселе и обсудили мирный договор.", "Brussels meeting"),
        ("hy", "Առաջնորդները հանդիպեցին Բրյուսելում և քննարկեցին պայմանագիրը։", "Brussels meeting"),
        (
            "az",
            "Liderlər Brüsseldə görüşüb sülh müqaviləsini müzakirə ediblər.",
            "Brussels meeting",
        ),
        ("tr", "Liderler Brüksel'de bir araya gelerek barışı görüştü.", "Brussels meeting"),
        ("ru", "На контрольно-пропускном пункте у моста стояли машины.", "Lachin checkpoint"),
        ("tr", "Liderler Kişinev'de yeniden görüştü.", "Chisinau summit"),
    ],
)
def test_bundled_events_have_cues_in_the_story_languages(language, text, event):
    assert set(lexicons.event_cues()["language"]) >= {"", "ru", "hy", "az", "tr"}
    hits = lexicons.find_terms(_one(text), "events")
    assert event in set(hits["group"]), f"{language}: {text}"
