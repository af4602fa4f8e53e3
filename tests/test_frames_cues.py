"""Frame cues that mean what they say: exclusions, contexts, weights and the headline, in the
lexicon format and in the bundled generic frames."""

from __future__ import annotations

import pandas as pd
import pytest

from presslens import framing


def arts(*texts: str, titles=None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(texts))],
            "outlet": ["Outlet"] * len(texts),
            "title": titles or [""] * len(texts),
            "text": list(texts),
        }
    )


@pytest.fixture
def toy(tmp_path):
    (tmp_path / "frames.yaml").write_text(
        "frames:\n"
        "  money:\n"
        "    label: Money\n"
        "    cues: [gas, price*, cost*]\n"
        "    exclude: [greenhouse gas*]\n"
        "    weights: {cost*: 2}\n"
        "  faces:\n"
        "    label: Faces\n"
        "    cues: [people, families]\n"
        "    contexts: {people: [homes, lives]}\n"
        "headline_weight: 4\n",
        encoding="utf-8",
    )
    return tmp_path


def test_an_exclusion_silences_the_cue_inside_it(toy):
    found = framing.find_cues(
        arts("Greenhouse gas emissions rose.", "Gas prices rose."), directory=toy
    )
    assert found.loc[found["article_id"] == "a0", "cue"].tolist() == []
    assert found.loc[found["article_id"] == "a1", "cue"].tolist() == ["gas", "price*"]


def test_a_cue_with_contexts_counts_only_beside_them(toy):
    found = framing.find_cues(
        arts("Many people attended. People lost their homes.", "Families wept."), directory=toy
    )
    faces = found[found["frame"] == "faces"]
    assert faces[["article_id", "sentence", "surface"]].values.tolist() == [
        ["a0", 1, "People"],
        ["a1", 0, "Families"],
    ]


def test_weights_and_the_headline_make_the_score(toy):
    scores = framing.cue_scores(
        arts("Costs rose. Prices too.", "Nothing here.", titles=["Gas", "Gas prices"]),
        directory=toy,
    ).set_index(["article_id", "frame"])
    # body: cost* (2) + price* (1); headline: gas (1) × 4.
    assert scores.loc[("a0", "money"), "score"] == 7
    assert scores.loc[("a0", "money"), ["hits", "paragraphs"]].tolist() == [3, 1]
    assert bool(scores.loc[("a0", "money"), "headline"])
    assert scores.loc[("a1", "money"), "score"] == 8  # two headline cues, nothing in the body
    assert scores.loc[("a1", "faces"), "score"] == 0


def test_weights_must_name_a_cue(tmp_path):
    (tmp_path / "frames.yaml").write_text(
        "frames:\n  x:\n    cues: [a]\n    weights: {b: 2}\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="weights of 'x' name no cue"):
        framing.frame_cues(tmp_path)


def test_the_generic_frames_read_ordinary_news_words_for_what_they_mean():
    found = framing.find_cues(
        arts(
            "Greenhouse gas emissions fell. The plan is just a start, people said.",
            "Natural gas costs doubled and jobs were lost.",
            "He called it an unjust war and a matter of justice.",
            "People lost their homes in the flood.",
        )
    )
    by = found.groupby("article_id")["frame"].agg(set).to_dict()
    assert "economic" not in by.get("a0", set())
    assert "morality" not in by.get("a0", set())
    assert "human_interest" not in by.get("a0", set())
    assert "economic" in by["a1"]
    assert "morality" in by["a2"]
    assert "human_interest" in by["a3"]


def test_find_frames_applies_the_exclusions(toy):
    hits = framing.find_frames(arts("Greenhouse gas. Gas is cheap."), directory=toy)
    assert hits["surface"].tolist() == ["Gas"]
    assert hits["sentence_text"].tolist() == ["Gas is cheap."]
