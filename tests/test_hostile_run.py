"""The whole suite on a hostile corpus (`tests/fixtures/hostile/`): scraped text full of script
payloads and spreadsheet formulas reaches every notebook, table and CSV, shown as text and never
as live markup; no exported CSV starts a text cell with a formula."""

from __future__ import annotations

import csv
import json

import nbformat
import pytest
from conftest import hostile, parse_markup

pytestmark = pytest.mark.slow


def _rich_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            yield from output.get("data", {}).items()


def test_the_suite_runs_on_the_hostile_corpus(hostile_suite):
    result = hostile_suite["result"]
    from presslens.report import find_notebooks

    assert [n.name for n in result.notebooks] == [p.stem for p in find_notebooks()]
    manifest = json.loads((hostile_suite["reports"] / "manifest.json").read_text("utf-8"))
    assert manifest["status"] == "complete"


def test_executed_notebooks_show_the_payloads_as_text_never_as_markup(hostile_suite):
    shown = []
    for path in sorted((hostile_suite["reports"] / "notebooks").glob("*.ipynb")):
        for mime, value in _rich_outputs(path):
            assert mime not in ("application/javascript", "text/javascript"), path.name
            if mime == "text/html":
                page = parse_markup(value)
                assert page.live == [], f"{path.name}: live markup {page.live}"
                shown.append("".join(page.text))
            elif mime == "text/markdown":
                assert "<" not in value.replace("&lt;", ""), f"{path.name}: raw HTML in Markdown"
    text = "\n".join(shown)
    # the payloads did reach the tables (else this test proves nothing), as visible text
    assert hostile.OUTLET_IMG in text  # outlet from metadata.csv
    assert hostile.OUTLET_SVG in text  # outlet from og:site_name
    assert hostile.FILE_NAME_PAYLOAD in text  # outlet label built from a file name
    assert "<script>window.__pwned='title'" in text  # a title


def test_report_pages_carry_no_live_markup(hostile_suite):
    reports = hostile_suite["reports"]
    pages = sorted((reports / "html").glob("*.html"))
    assert [p.stem for p in pages] == [n.name for n in hostile_suite["result"].notebooks]
    for path in [reports / "index.html", *pages]:
        page = path.read_text(encoding="utf-8")
        found = parse_markup(page)
        # the page's own CSS, CSP and (CSP-blocked) template scripts are not from the data...
        live = [m for m in found.live if m not in ("style", "meta", "script")]
        assert live == [], f"{path.name}: {live}"
        # ...and no script holds a payload
        assert not [s for s in found.scripts if hostile.MARK in s], path.name
        assert "Content-Security-Policy" in page
    overview = (reports / "html" / "01-clean-corpus.html").read_text(encoding="utf-8")
    assert hostile.OUTLET_IMG[:40] in "".join(parse_markup(overview).text)  # shown (cut) as text


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_no_exported_csv_starts_a_text_cell_with_a_formula(hostile_suite):
    reports = hostile_suite["reports"]
    files = sorted(reports.rglob("*.csv"))
    assert len(files) > 20
    seen = set()
    for path in files:
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    seen.add(cell)
                    if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                        assert _is_number(cell), f"{path.relative_to(reports)}: {cell!r}"
    # the formulas were exported, neutralised
    for outlet in hostile.FORMULA_OUTLETS:
        assert "'" + outlet in seen
    assert any(_is_number(c) and c.startswith("-") for c in seen)  # negative numbers stay bare
