"""Cleaning short news pages in ten languages, written for these tests (tests/fixtures/pages/world).

Each page is a local news item with its site's furniture: a menu, a date, a share row, a "read
also" block with two other stories' headlines, a comment section (header, commenters, replies),
a copyright line and a cookie notice. The body (three or four paragraphs, one of them a single
short sentence) must be kept whole and in order, the furniture dropped, whatever the script or
the way the language ends its sentences (Armenian "։" or ":", Japanese "。").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.clean import clean_page, detect_language

WORLD = Path(__file__).resolve().parent / "fixtures" / "pages" / "world"
EXPECTED = json.loads((WORLD / "world.json").read_text(encoding="utf-8"))


def _frame(name: str):
    return clean_page((WORLD / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_body_kept_whole_and_in_order(name):
    frame = _frame(name)
    assert frame.loc[frame["kept"], "text"].tolist() == EXPECTED[name]["body"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_furniture_dropped_with_its_reason(name):
    want = EXPECTED[name]
    reason = dict(zip(_frame(name)["text"], _frame(name)["reason"], strict=True))
    assert reason[want["title"]] == "title"
    assert reason[want["comments_header"]] == "comments"
    assert reason[want["copyright"]] == "copyright"
    assert reason[want["cookie"]] == "cookie"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_comments_and_teasers_are_not_body(name):
    frame = _frame(name)
    texts = frame["text"].tolist()
    start = texts.index(EXPECTED[name]["body"][-1]) + 1
    assert not frame["kept"].iloc[start:].any()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_language_is_detected(name):
    text = (WORLD / name).read_text(encoding="utf-8")
    assert detect_language(text) == EXPECTED[name]["language"]
