"""The story lives in data/lexicons/: the code and the notebooks name none of its people or places.

Another story is a new lexicon set, not new code (DESIGN.md, "The story only in data").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
LEXICONS = REPO / "data" / "lexicons"
#: Actor kinds whose names are the story's own (institutions such as "State Department" are
#: common nouns of any foreign-policy story).
STORY_KINDS = {"person", "state", "venue", "military"}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [str(value.get("text", ""))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def story_names() -> set[str]:
    """Names of the story's people, states, places and contested terms, from the lexicons."""
    actors = yaml.safe_load((LEXICONS / "actors.yaml").read_text(encoding="utf-8"))
    names: set[str] = set()
    for actor in actors.get("actors", []):
        if actor.get("kind") in STORY_KINDS:
            names |= set(_strings(actor.get("name")))
            for key in ("aliases", "misspellings", "metonyms"):
                names |= set(_strings(actor.get(key, [])))
    naming = yaml.safe_load((LEXICONS / "naming.yaml").read_text(encoding="utf-8"))
    for group in naming.get("groups", {}).values():
        for label, patterns in group.get("variants", {}).items():
            names |= {label, *_strings(patterns)}
    keep = set()
    for name in names:
        name = name.strip().rstrip("*")
        # Acronyms and short forms (US, EU, NK) collide with ordinary code; a story name is a
        # capitalised word of four letters or more.
        if len(name) >= 4 and name[0].isupper() and not name.isupper():
            keep.add(name)
    return keep


def _hits(text: str, names: set[str]) -> list[str]:
    return sorted(n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text))


def test_the_lexicons_name_the_story():  # the check below must have something to look for
    names = story_names()
    assert len(names) >= 10, names


def test_the_library_names_no_person_or_place_of_the_story():
    names = story_names()
    found = {
        str(path.relative_to(REPO)): hits
        for path in sorted((REPO / "lib" / "presslens").rglob("*.py"))
        if (hits := _hits(path.read_text(encoding="utf-8"), names))
    }
    assert not found, f"story names in the library (move them to data/lexicons/): {found}"


def test_the_notebooks_name_no_person_or_place_of_the_story():
    names = story_names()
    found = {}
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        source = "\n".join("".join(c.get("source", "")) for c in cells)
        if hits := _hits(source, names):
            found[path.name] = hits
    assert not found, f"story names in the notebooks (take them from the lexicons): {found}"
