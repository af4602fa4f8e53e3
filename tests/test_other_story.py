"""Another story is a new lexicon set, not new code: notebooks 02–04 run on an invented story.

`tests/fixtures/other_story/` holds four short articles about two towns arguing over a dam, with
lexicons of their own (actors, naming, topics, frames, events). With `PRESSLENS_LEXICONS`
pointing there, the notebooks must run top to bottom and find that story's names and frames.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_notebook_ran

STORY = Path(__file__).resolve().parent / "fixtures" / "other_story"


@pytest.fixture
def other_story(monkeypatch):
    monkeypatch.setenv("PRESSLENS_LEXICONS", str(STORY / "lexicons"))
    return STORY


def test_the_analyses_read_the_other_story_from_its_lexicons(other_story, tmp_path):
    from presslens import coverage, dataset, framing, lexicons
    from presslens.ingest import ingest

    ingest(other_story / "raw", tmp_path / "processed")
    articles = dataset.load_articles(tmp_path / "processed")
    assert sorted(articles["outlet"].unique()) == ["Harbor Ledger", "Valley Courier"]
    actors = set(lexicons.find_actors(articles)["actor"])
    assert {"Petra Sandoval", "Tomas Ekdahl", "Ines Varga"} <= actors
    naming = framing.naming_by_outlet(articles)
    barrage = naming[(naming["group"] == "structure") & (naming["variant"] == "barrage")]
    counts = barrage.set_index("outlet")["count"].to_dict()
    assert counts.get("Harbor Ledger", 0) >= 3 and counts.get("Valley Courier", 0) == 0
    topics = coverage.topics_by_outlet(articles)
    water = topics[topics["topic"] == "water_rights"].set_index("outlet")["count"]
    assert water.to_dict() == {"Harbor Ledger": 3, "Valley Courier": 3}
    frames = framing.frames_by_outlet(articles)
    assert {"conflict", "economic"} <= set(frames["frame"])


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["02-compare-coverage", "03-compare-wording", "04-compare-framing"]
)
def test_notebooks_run_on_another_story_without_code_changes(other_story, run_notebook, name):
    nb = run_notebook(name, raw_dir=str(other_story / "raw"))
    assert_notebook_ran(nb, name)
