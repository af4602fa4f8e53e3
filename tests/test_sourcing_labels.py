"""Offset labels of quotes in dev-set pages, located in ingested articles and scored.

The dev set here is invented (`tests/fixtures/quotes/devsets/wcxb/txt`: three short pages, one
of them in the held-out part) with its labels in `tests/fixtures/quotes/labels/`, in the format
of `data/gold/quotes/` (see `presslens.sourcing.labels`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from presslens import devsets, sourcing
from presslens.sourcing.labels import locate_labels

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "quotes"
LABELS = FIXTURES / "labels"


@pytest.fixture
def devset(monkeypatch):
    monkeypatch.setenv(devsets.ENV_DEVSETS, str(FIXTURES / "devsets"))


def test_labels_point_inside_quote_marks(devset):
    """Every label of the fixture is the text between a pair of marks of its page."""
    labels = sourcing.read_quote_labels(LABELS, part=None)
    assert len(labels) == 11 and set(labels["id"]) == {"x000", "x001", "x002"}
    for r in labels.itertuples():
        page = devsets.read_page("wcxb", r.id)
        assert page[r.start - 1] in "“" and page[r.end] in "”", page[r.start : r.end]


def test_held_out_labels_are_not_read_while_tuning(devset):
    assert devsets.part_of("x002") == "held_out"
    tune = sourcing.read_quote_labels(LABELS, part="tune")
    assert "x002" not in set(tune["id"])
    assert sourcing.labelled_pages(LABELS, part="tune") == ["x000", "x001"]
    assert sourcing.labelled_pages(LABELS, part="held_out") == ["x002"]


def test_evaluate_quotes_on_the_invented_devset(devset):
    """Spans and speakers on the two tune pages; the epigraph paragraph the cleaner drops is
    counted as lost (a miss of the whole pipeline, not of the extractor)."""
    ev = sourcing.evaluate_quotes(LABELS, "tune")
    s = ev.scores.iloc[0]
    assert (s["n_pages"], s["n_gold"], s["n_lost"]) == (2, 9, 1)
    assert s["f1_extractor"] == 1.0 and s["f1"] < 1.0
    assert s["n_named"] == 8 and s["speaker_accuracy"] == 1.0
    lost = ev.gold[ev.gold["located"] != "article"]
    assert lost["text"].tolist() == ["Good flour is half the work."]
    assert lost["reason"].iloc[0] != ""
    assert ev.gold.loc[ev.gold["kind"] == "scare", "located"].tolist() == ["article"]


def _articles(texts: dict) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": [f"art-{k}" for k in texts],
            "file": [f"{k}.txt" for k in texts],
            "outlet": "X",
            "text": list(texts.values()),
        }
    )


def test_locate_labels_across_spaces_paragraphs_and_repairs(tmp_path, monkeypatch):
    """A label is found in the article whatever white space the cleaner left; a quote over
    several paragraphs is one span; a page's mojibake repaired by the ingest is repaired in the
    label too; a dropped paragraph gets the cleaner's reason."""
    folder = tmp_path / "wcxb" / "txt"
    folder.mkdir(parents=True)
    page = (
        "Title\n\nMenu\n\n“First part of it.\n\n“Second part,” she said.\n\n"
        "“The cityâ€™s people,” he said.\n\n“Lost in the menu,” it said.\n"
    )
    (folder / "y1.txt").write_text(page, encoding="utf-8")
    monkeypatch.setenv(devsets.ENV_DEVSETS, str(tmp_path))
    article = (
        "Title\n\n“First  part of it.\n\n“Second part,” she said.\n\n“The city’s people,” he said."
    )

    def span(s: str) -> tuple[int, int]:
        return page.index(s), page.index(s) + len(s)

    labels = pd.DataFrame(
        [
            {
                "set": "wcxb",
                "id": "y1",
                "start": a,
                "end": b,
                "kind": "full",
                "speaker": None,
                "speaker_type": "none",
                "speaker_role": None,
            }
            for a, b in [
                (span("First")[0], span("Second part,")[1]),
                span("The cityâ€™s people,"),
                span("Lost in the menu,"),
            ]
        ]
    )
    paragraphs = pd.DataFrame(
        {
            "file": "y1.txt",
            "text": ["“Lost in the menu,” it said."],
            "kept": [False],
            "reason": ["navigation"],
        }
    )
    g = locate_labels(labels, _articles({"y1": article}), paragraphs)
    assert g["located"].tolist() == ["article", "article", "dropped"]
    assert article[g["start"][0] : g["end"][0]].endswith("Second part,")
    assert "\n\n“" in g["text"][0]
    assert g["text"][1] == "The city’s people,"
    assert g["reason"].tolist()[2] == "navigation" and g["start"][2] == -1


def test_gold_quotes_takes_offset_labels_as_dicts(devset):
    labels = [json.loads(x) for x in (LABELS / "test-a.jsonl").read_text().splitlines()]
    labels = [lab for lab in labels if lab["id"] == "x001"]
    text = devsets.read_page("wcxb", "x001")
    g = sourcing.gold_quotes(labels, _articles({"x001": text}))
    assert g["text"].tolist()[0] == "Bread brings people together,"
    assert (g["located"] == "article").all()
