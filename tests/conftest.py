"""Shared fixtures: the gold, the ingested sample corpus, and a headless notebook runner; and the
checks every notebook test makes (`assert_notebook_ran`) and every report test reads pages with
(`parse_markup`).

Every test runs with `$HOME`, Jupyter's, IPython's and matplotlib's folders, and presslens's
processed/reports folders in temp dirs, so a test run never writes into the repository or `$HOME`.
"""

from __future__ import annotations

import html.parser
import json
import os
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
RAW = REPO / "data" / "raw"


@pytest.fixture(scope="session", autouse=True)
def _isolated_environment(tmp_path_factory):
    """Point every writable location at a temp dir for the whole session."""
    base = tmp_path_factory.mktemp("env")
    mp = pytest.MonkeyPatch()
    for var, sub in {
        "HOME": "home",
        "MPLCONFIGDIR": "mpl",
        "IPYTHONDIR": "ipython",
        "JUPYTER_CONFIG_DIR": "jupyter-config",
        "JUPYTER_DATA_DIR": "jupyter-data",
        "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
        "PRESSLENS_PROCESSED": "processed",
        "PRESSLENS_REPORTS": "reports",
    }.items():
        path = base / sub
        path.mkdir(parents=True, exist_ok=True)
        mp.setenv(var, str(path))
    mp.setenv("MPLBACKEND", "Agg")
    mp.setenv("PYTHONHASHSEED", "0")
    yield base
    mp.undo()


@pytest.fixture(scope="session")
def gold() -> dict:
    """The hand-labelled gold for the five sample files, keyed by file name."""
    return json.loads((FIXTURES / "seeds_gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def articles(tmp_path_factory):
    """The bundled corpus, ingested into a temp dir: the `articles` table every analysis reads."""
    from presslens.dataset import load_articles
    from presslens.ingest import ingest

    out = tmp_path_factory.mktemp("processed")
    ingest(RAW, out)
    return load_articles(out)


@pytest.fixture(scope="session")
def paragraphs(articles, tmp_path_factory):
    from presslens.dataset import load_paragraphs
    from presslens.ingest import ingest

    out = tmp_path_factory.mktemp("processed-paragraphs")
    ingest(RAW, out)
    return load_paragraphs(out)


@pytest.fixture
def run_notebook(tmp_path):
    """Execute `notebooks/<name>.ipynb` headless; returns the executed notebook (nbformat).

    Outputs (figures, tables, processed data) go to temp dirs given as parameters/env, so the
    repository's own `reports/` and `data/processed/` are never touched.
    """
    import papermill

    def _run(name: str, **parameters):
        src = REPO / "notebooks" / f"{name}.ipynb"
        out = tmp_path / f"{name}.out.ipynb"
        parameters.setdefault("raw_dir", str(RAW))
        parameters.setdefault("processed_dir", str(tmp_path / "processed"))
        reports = tmp_path / "reports"
        old = os.environ.get("PRESSLENS_REPORTS")
        os.environ["PRESSLENS_REPORTS"] = str(reports)
        os.environ["PRESSLENS_HEADLESS"] = "1"  # what `presslens run` sets: no widgets built
        try:
            papermill.execute_notebook(
                str(src),
                str(out),
                parameters=parameters,
                kernel_name="python3",
                cwd=str(REPO / "notebooks"),
                progress_bar=False,
            )
        finally:
            os.environ.pop("PRESSLENS_HEADLESS", None)
            if old is None:
                os.environ.pop("PRESSLENS_REPORTS", None)
            else:
                os.environ["PRESSLENS_REPORTS"] = old
        nb = nbformat.read(out, as_version=4)
        nb.metadata["presslens_reports"] = str(reports)
        return nb

    return _run


def error_outputs(nb) -> list[tuple[int, object, dict]]:
    """`(cell number, cell, output)` for every error output of an executed notebook (cells
    numbered from 1, as `NotebookError` and JupyterLab number them)."""
    return [
        (number, cell, output)
        for number, cell in enumerate(nb.cells, start=1)
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]


def assert_renamed(module, renames, *args) -> None:
    """Each `(old, new)` name of `module`: the old one warns naming the new one, is the same
    function, and gives the same table on `args`."""
    import pandas as pd

    for old, new in renames:
        with pytest.deprecated_call(match=new):
            old_fn = getattr(module, old)
        assert old_fn is getattr(module, new)
        pd.testing.assert_frame_equal(old_fn(*args), getattr(module, new)(*args))


def assert_notebook_ran(nb, name: str | None = None) -> None:
    """Fail unless the executed notebook `nb` shows no error output, naming each failing cell (its
    number and first line) and its error."""
    failures = []
    for number, cell, output in error_outputs(nb):
        first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
        failures.append(
            f"cell {number} ({first[:80]!r}): {output.get('ename')}: {output.get('evalue')}"
        )
    assert not failures, f"{name or 'the notebook'} shows an error: " + "; ".join(failures)


#: Tags a sanitised page or output may never contain from the data, whatever their attributes.
ACTIVE_TAGS = {"script", "svg", "iframe", "object", "embed", "math", "style", "link", "meta"}


class Markup(html.parser.HTMLParser):
    """What a browser would run in a page, and what it shows.

    `scripts` (script bodies or sources), `handlers` (`(tag, attribute, value)` of event handlers
    and script URLs), `live` (active tags, handlers, images not from a data URI or the report's
    own PNGs), `tags` (every start tag) and `text` (the text shown outside scripts).
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.handlers, self.live, self.text = [], [], [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ACTIVE_TAGS:
            self.live.append(tag)
        if tag == "script":
            self._in_script = True
            self.scripts.append(dict(attrs).get("src") or "")
        for name, value in attrs:
            low = (value or "").strip().lower()
            if name.startswith("on") or low.startswith(("javascript:", "vbscript:")):
                self.handlers.append((tag, name, value))
                self.live.append(f"{tag} {name}={low}")
            inert = low.startswith("data:image/png") or (
                low.startswith("figures/") and low.endswith(".png") and ":" not in low
            )
            if tag == "img" and name == "src" and not inert:
                self.live.append(f"img src={low}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse_markup(text: str) -> Markup:
    parser = Markup()
    parser.feed(text)
    parser.close()
    return parser


def make_notebook(path: Path, cells: list[tuple[str, str]]) -> Path:
    """Write a notebook: cells as (kind, source); kind `parameters` makes the tagged cell."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    for number, (kind, source) in enumerate(cells):
        if kind == "markdown":
            cell = nbformat.v4.new_markdown_cell(source)
        else:
            cell = nbformat.v4.new_code_cell(source)
            if kind == "parameters":
                cell.metadata["tags"] = ["parameters"]
        cell["id"] = f"{path.stem}-{number}"
        nb.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def _hostile_module():
    """`tests/fixtures/hostile/corpus.py`, loaded by path (the fixtures folder is no package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "presslens_hostile_corpus", FIXTURES / "hostile" / "corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hostile = _hostile_module()


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory) -> dict:
    """The hostile corpus (`tests/fixtures/hostile/corpus.py`) built in a temp dir."""
    return hostile.build(tmp_path_factory.mktemp("hostile") / "raw")


@pytest.fixture(scope="session")
def hostile_suite(hostile_corpus, tmp_path_factory) -> dict:
    """Every notebook of the suite run by `presslens run` on the hostile corpus (once a session):
    its raw, processed and reports folders and the `RunResult`."""
    from presslens.report import run_suite

    base = tmp_path_factory.mktemp("hostile-run")
    dirs = {
        "raw": hostile_corpus["folder"],
        "processed": base / "processed",
        "reports": base / "reports",
    }
    result = run_suite(**dirs, progress=False)
    return {**dirs, "result": result, "corpus": hostile_corpus}
