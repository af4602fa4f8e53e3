"""presslens run: notebooks executed in order, failures named, nothing rewritten on a re-run,
a manifest that says what went in and out, and a report where scraped text cannot run."""

from __future__ import annotations

import hashlib
import html
import json
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import assert_notebook_ran, error_outputs, make_notebook, parse_markup

from presslens import devsets, report
from presslens.report import NotebookError, run_suite

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"

HOSTILE_TXT = """Ministers meet again in Washington

WASHINGTON, May 2, 2023 - Armenian and Azerbaijani foreign ministers resumed talks on Tuesday, \
officials said, in a new round of negotiations on a peace treaty between the two countries.

A reader comment pasted into the page read \
<script>document.title="pwned";window.__presslens_pwned=1</script> and the editors of the site \
left it in the text of the article.

The talks are expected to last four days, according to the State Department, which hosts the \
two delegations at a conference centre outside the capital.
"""

HOSTILE_HTML = """<html><head><title>Talks continue</title></head><body><article>
<h1>Talks continue</h1>
<p>The delegations met for a second day, officials said, and discussed the border commission and
the opening of transport links in the region.</p>
<p>One quoted message read &lt;img src=x onerror="window.__presslens_pwned=2"&gt; and was printed
as it was received by the newsroom of the site.</p>
<script>window.__presslens_pwned=3</script>
</article></body></html>
"""

SETUP = """import os
if raw_dir:
    os.environ["PRESSLENS_RAW"] = raw_dir
if processed_dir:
    os.environ["PRESSLENS_PROCESSED"] = processed_dir
import matplotlib.pyplot as plt
from presslens import figures, load_articles
figures.apply_theme()
NOTEBOOK = "{name}"
"""

TINY_ANALYSIS = """articles = load_articles()
counts = articles.groupby("outlet").size().rename("articles").reset_index()
figures.set_default_caption(figures.corpus_caption(articles))
ax = figures.plot_bars_by_outlet(counts, value="articles")
ax.set_title(f"{len(articles)} articles from {len(counts)} outlets")
figures.save(ax.figure, "counts", notebook=NOTEBOOK, data=counts)
figures.save_table(counts, "counts", notebook=NOTEBOOK)
plt.show()
"""

TINY_DISPLAY = """from IPython.display import HTML, Markdown, display
import ipywidgets as widgets
import sys
from tqdm import tqdm
for _ in tqdm(range(3), file=sys.stderr):
    pass
hostile = articles[articles["text"].str.contains("pwned", regex=False)]
display(hostile[["outlet", "text"]])
display(hostile[["outlet", "title"]].style.hide(axis="index"))
for text in hostile["text"]:
    print(text)
    display(HTML(text))
    display(Markdown(text))
widgets.Dropdown(options=sorted(articles["outlet"]), description="Outlet")
"""


def tiny_notebook(folder: Path, name: str = "01-tiny") -> Path:
    return make_notebook(
        folder / f"{name}.ipynb",
        [
            ("markdown", "# How many articles does each outlet have?"),
            ("parameters", "raw_dir = None\nprocessed_dir = None"),
            ("code", SETUP.format(name=name)),
            ("code", TINY_ANALYSIS),
            ("code", TINY_DISPLAY),
        ],
    )


def _first_difference(before: dict, after: dict, keys: list[str]) -> str:
    """The first lines that differ in the rewritten files: what made a re-run not byte-stable."""
    import difflib

    for key in keys:
        old, new = (side.get(key, (0, b""))[1] for side in (before, after))
        lines = difflib.unified_diff(
            old.decode("utf-8", "replace").splitlines(),
            new.decode("utf-8", "replace").splitlines(),
            lineterm="",
            n=1,
        )
        diff = "\n".join(list(lines)[:40])
        if diff:
            return f"{key} changed:\n{diff}"
    return f"only the modification times changed: {keys}"


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    """The tiny suite run twice on a copy of the corpus plus two hostile pages."""
    base = tmp_path_factory.mktemp("suite")
    raw = base / "raw"
    shutil.copytree(RAW, raw)
    (raw / "hostile-page.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (raw / "hostile-page2.html").write_text(HOSTILE_HTML, encoding="utf-8")
    notebooks = base / "notebooks"
    tiny_notebook(notebooks)
    dirs = {"raw": raw, "processed": base / "processed", "reports": base / "reports"}
    first = run_suite(**dirs, notebooks=notebooks, progress=False)
    snap1 = _snapshot(dirs["reports"])
    second = run_suite(**dirs, notebooks=notebooks, progress=False)
    snap2 = _snapshot(dirs["reports"])
    return {
        **dirs,
        "notebooks": notebooks,
        "first": first,
        "second": second,
        "snaps": (snap1, snap2),
    }


# ------------------------------------------------------------------------------- execution
def test_executed_notebook_is_saved_with_outputs_and_without_volatile_metadata(suite):
    path = suite["reports"] / "notebooks" / "01-tiny.ipynb"
    assert suite["first"].notebooks[0].output == path
    nb = nbformat.read(path, as_version=4)
    assert "papermill" not in nb.metadata
    assert all("papermill" not in cell.metadata for cell in nb.cells)
    outputs = [o for cell in nb.cells for o in cell.get("outputs", [])]
    assert any("image/png" in o.get("data", {}) for o in outputs), (
        "the chart is not in the notebook"
    )
    views = [
        o["data"][report.WIDGET_VIEW] for o in outputs if report.WIDGET_VIEW in o.get("data", {})
    ]
    assert views, "the widget is not in the notebook"
    # the injected parameters point the notebook at the corpus it ran on
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and str(suite["raw"]) in injected[0].source
    stderr = "".join(o.get("text", "") for o in outputs if o.get("name") == "stderr")
    assert "it/s" not in stderr and "3/3" not in stderr  # progress bars hold timings
    figure = suite["reports"] / "figures" / "01-tiny" / "counts.csv"
    assert pd.read_csv(figure)["articles"].sum() == 7


def test_second_run_on_unchanged_data_rewrites_nothing(suite):
    snap1, snap2 = suite["snaps"]
    assert set(snap1) == set(snap2)
    changed = [name for name in snap1 if snap1[name] != snap2[name]]
    assert changed == []
    assert suite["second"].changed == []
    assert "no output changed" in suite["second"].summary()
    assert any(name.endswith(".png") for name in snap1)


def test_manifest_records_versions_inputs_commit_and_outputs(suite):
    manifest = json.loads((suite["reports"] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["packages"]["pandas"] == pd.__version__
    assert manifest["packages"]["python"]
    raw_hashes = manifest["inputs"]["raw"]
    expected = hashlib.sha256((suite["raw"] / "hostile-page.txt").read_bytes()).hexdigest()
    assert raw_hashes["hostile-page.txt"] == expected
    assert len(raw_hashes) == 8  # 5 sample pages + metadata.csv + 2 hostile pages
    assert set(manifest["inputs"]["notebooks"]) == {"01-tiny.ipynb"}
    assert "commit" in manifest["git"]
    png = suite["reports"] / "figures" / "01-tiny" / "counts.png"
    assert (
        manifest["outputs"]["figures/01-tiny/counts.png"]
        == hashlib.sha256(png.read_bytes()).hexdigest()
    )
    assert "manifest.json" not in manifest["outputs"]
    assert manifest["generated_at"].endswith("Z")


# ---------------------------------------------------------------------------------- report
def test_report_shows_scraped_script_as_text_and_never_as_code(suite):
    page = (suite["reports"] / "html" / "01-tiny.html").read_text(encoding="utf-8")
    # the hostile text reached the report (otherwise this test would prove nothing)...
    assert "window.__presslens_pwned=1" in page
    assert "&lt;script&gt;" in page
    parser = parse_markup(page)
    # ...but as inert text: in no script element, no event handler, no live <img onerror>
    assert not any("pwned" in script for script in parser.scripts)
    assert not any("pwned" in (value or "") for _, _, value in parser.handlers)
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src 'none'" in page
    assert "Dropdown(" not in page  # live widgets are dropped from the static page


def test_index_links_every_notebook_figure_and_table(suite):
    index = (suite["reports"] / "index.html").read_text(encoding="utf-8")
    assert 'href="html/01-tiny.html"' in index
    assert "How many articles does each outlet have?" in index
    for link in ("figures/01-tiny/counts.png", "figures/01-tiny/counts.svg"):
        assert f'href="{link}"' in index
        assert (suite["reports"] / link).exists()
    assert 'href="tables/01-tiny/counts.csv"' in index


def test_clean_html_keeps_tables_and_drops_active_content():
    dirty = (
        "<table><thead><tr><th>outlet</th></tr></thead><tbody><tr><td>A</td></tr></tbody></table>"
        '<script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">x'
        '</a><img src="data:image/png;base64,AAAA">'
    )
    clean = report.clean_html(dirty)
    assert "<th>outlet</th>" in clean and "<td>A</td>" in clean
    assert "<script>" not in clean and "&lt;script&gt;" in clean
    assert "onerror" not in clean and "javascript:" not in clean
    assert '<img src="data:image/png;base64,AAAA">' in clean


# ---------------------------------------------------------------------------------- failure
def test_failing_notebook_stops_the_run_naming_notebook_cell_and_error(tmp_path):
    notebooks = tmp_path / "notebooks"
    make_notebook(
        notebooks / "01-fine.ipynb",
        [
            ("markdown", "# Fine"),
            ("parameters", "raw_dir = None\nprocessed_dir = None"),
            ("code", "x = 1"),
        ],
    )
    make_notebook(
        notebooks / "02-broken.ipynb",
        [
            ("markdown", "# Broken"),
            ("parameters", "raw_dir = None\nprocessed_dir = None"),
            ("code", "x = 1"),
            ("code", "y = x + 1\nraise ValueError('the tiny notebook fails on purpose')"),
            ("code", "print('never reached')"),
        ],
    )
    make_notebook(notebooks / "03-later.ipynb", [("code", "print('later')")])
    reports = tmp_path / "reports"
    with pytest.raises(NotebookError) as info:
        run_suite(
            RAW,
            tmp_path / "processed",
            reports,
            notebooks=notebooks,
            progress=False,
            report=False,
            jobs=1,
        )
    error = info.value
    assert (error.notebook, error.cell, error.ename) == ("02-broken", 4, "ValueError")
    message = str(error)
    saved = nbformat.read(reports / "notebooks" / "02-broken.ipynb", as_version=4)
    errors = error_outputs(saved)
    assert errors and errors[0][2].ename == "ValueError"
    # the place as the reader sees it in the executed copy: its `In [n]` and the heading above
    shown = errors[0][1].execution_count
    assert error.execution_count == shown and error.heading == "Broken"
    assert (
        f"notebook 02-broken failed in In [{shown}] (cell 4 of the source) under “Broken”: "
        "ValueError: the tiny notebook fails"
    ) in message
    assert "y = x + 1" in message
    assert (reports / "notebooks" / "01-fine.ipynb").exists()
    assert not (reports / "notebooks" / "03-later.ipynb").exists()  # the run stopped


def test_find_notebooks_orders_and_selects(tmp_path):
    for name in ("02-b", "01-a", "10-c", "scratch", "1-bad"):
        make_notebook(tmp_path / f"{name}.ipynb", [("code", "")])
    assert [p.stem for p in report.find_notebooks(tmp_path)] == ["01-a", "02-b", "10-c"]
    assert [p.stem for p in report.find_notebooks(tmp_path, "02")] == ["02-b"]
    assert [p.stem for p in report.find_notebooks(tmp_path, "10-c.ipynb")] == ["10-c"]
    with pytest.raises(ValueError, match="no notebook '99'"):
        report.find_notebooks(tmp_path, "99")


def test_normalize_orders_interleaved_streams_the_same_way_whatever_the_flush_timing():
    def notebook(*chunks):
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("x")
        cell.outputs = [nbformat.v4.new_output("stream", name=n, text=t) for n, t in chunks]
        cell.outputs.append(nbformat.v4.new_output("display_data", data={"text/plain": "T"}))
        cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text="after\n"))
        nb.cells.append(cell)
        return report.normalize_notebook(nb)

    flushes = [
        [("stdout", "a\n"), ("stderr", "warning\n"), ("stdout", "b\n")],
        [("stderr", "warning\n"), ("stdout", "a\nb\n")],
        [("stdout", "a\n"), ("stdout", "b\n"), ("stderr", "warn"), ("stderr", "ing\n")],
        [("stdout", "a\nb"), ("stderr", "warning\n"), ("stdout", "\n")],  # print's newline apart
    ]
    texts = {notebook(*chunks) for chunks in flushes}
    assert len(texts) == 1
    outputs = nbformat.reads(texts.pop(), as_version=4).cells[0].outputs
    assert [(o.output_type, o.get("name")) for o in outputs] == [
        ("stream", "stdout"),
        ("stream", "stderr"),
        ("display_data", None),
        ("stream", "stdout"),
    ]
    assert outputs[0].text == "a\nb\n" and outputs[3].text == "after\n"


def test_normalize_merges_streams_and_renumbers_widget_ids():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="a\n"),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        nbformat.v4.new_output(
            "display_data",
            data={
                report.WIDGET_VIEW: {"model_id": "f" * 32, "version_major": 2, "version_minor": 0},
                "text/plain": "W at 0x7f00aa>",
            },
        ),
    ]
    nb.cells.append(cell)
    nb.metadata["widgets"] = {report.WIDGET_STATE: {"state": {"f" * 32: {"model_name": "X"}}}}
    text = report.normalize_notebook(nb)
    assert "f" * 32 not in text
    out = nbformat.reads(text, as_version=4)
    outputs = out.cells[0].outputs
    assert outputs[0].text == "a\nb\n" and len(outputs) == 2
    model = outputs[1].data[report.WIDGET_VIEW]["model_id"]
    assert model in out.metadata["widgets"][report.WIDGET_STATE]["state"]
    assert outputs[1].data["text/plain"] == "W object>"


# ------------------------------------------------------------------------ the whole suite
def _small_corpus(folder: Path) -> Path:
    """A second corpus, unlike the bundled one: 4 articles, 3 outlets, a .html page, an undated
    article, built from the gold's body paragraphs under new outlets and dates."""
    gold = json.loads((REPO / "tests" / "fixtures" / "seeds_gold.json").read_text("utf-8"))
    pages = [
        ("north-1.txt", "000_0e291a03d6d39b0a.txt", "North Wire", "2023-05-01"),
        ("north-2.txt", "004_0d42f3f6a94791ae.txt", "North Wire", "2023-05-03"),
        ("south.txt", "003_57fbbb8239863a65.txt", "South Gazette", "2023-05-02"),
        ("east.html", "002_fbf3f3c5598774a4.txt", "East Daily", ""),
    ]
    folder.mkdir(parents=True)
    rows = ["file,outlet,url,published,language"]
    for name, source, outlet, published in pages:
        entry = gold[source]
        if name.endswith(".html"):
            body = "".join(f"<p>{html.escape(p)}</p>\n" for p in entry["body_paragraphs"])
            text = (
                f"<html><head><title>{html.escape(entry['title'])}</title></head><body>"
                f"<article><h1>{html.escape(entry['title'])}</h1>\n{body}</article></body></html>"
            )
        else:
            text = entry["title"] + "\n\n" + "\n\n".join(entry["body_paragraphs"]) + "\n"
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{outlet},,{published},en")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _check_outputs(reports: Path, notebooks: list[Path]) -> None:
    index = (reports / "index.html").read_text(encoding="utf-8")
    for path in notebooks:
        name = path.stem
        executed = nbformat.read(reports / "notebooks" / path.name, as_version=4)
        assert_notebook_ran(executed, name)
        assert f'href="html/{name}.html"' in index
        pngs = sorted((reports / "figures" / name).glob("*.png"))
        if name == "06-check-methods" and devsets.devset_dir("frames-climate") is None:
            # nothing coded to measure against: the notebook says so instead of drawing
            assert "No coded articles are available" in json.dumps(executed.cells)
        else:
            assert pngs, f"{name} saved no figure"
        for png in pngs:
            assert png.stat().st_size > 5_000, f"{png} looks blank"
            assert png.with_suffix(".svg").stat().st_size > 1_000
            data = pd.read_csv(png.with_suffix(".csv"))
            assert len(data) > 0, f"{png.with_suffix('.csv')} is empty"
        for table in (reports / "tables" / name).glob("*.csv"):
            assert table.stat().st_size > 0


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["bundled", "small"])
def test_every_notebook_runs_on_a_corpus_and_reruns_without_rewriting(corpus, tmp_path):
    notebooks = report.find_notebooks()
    if not notebooks:
        pytest.skip("no notebooks in notebooks/ yet")
    raw = RAW if corpus == "bundled" else _small_corpus(tmp_path / "raw")
    dirs = {"raw": raw, "processed": tmp_path / "processed", "reports": tmp_path / "reports"}
    first = run_suite(**dirs, progress=False)
    assert [n.name for n in first.notebooks] == [p.stem for p in notebooks]
    _check_outputs(dirs["reports"], notebooks)
    manifest = json.loads((dirs["reports"] / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["inputs"]["notebooks"]) == {p.name for p in notebooks}
    if corpus == "bundled":
        before = _snapshot(dirs["reports"])
        second = run_suite(**dirs, progress=False)
        after = _snapshot(dirs["reports"])
        rewritten = [k for k in before if before[k] != after.get(k)]
        assert rewritten == [], _first_difference(before, after, rewritten)
        assert second.changed == []


# ------------------------------------------------------------------ live markup in outputs
def test_clean_html_turns_unknown_tags_into_text_and_nh3_has_the_last_word():
    dirty = (
        "<svg onload=alert(1)><details open ontoggle=alert(2)><iframe src=x></iframe>"
        '<SCRIPT a=">">alert(3)</SCRIPT><scr<script>ipt>alert(4)</script>'
        '<a href=" javascript:alert(5)">x</a><img src="data:image/svg+xml;base64,AAAA">'
        '<td onclick="alert(6)" colspan="2">cell</td><!-- <script>alert(7)</script> -->'
    )
    clean = report.clean_html(dirty)
    parser = parse_markup(clean)
    assert parser.scripts == [] and parser.handlers == []
    assert not {"svg", "iframe", "script"} & set(parser.tags)
    assert "&lt;svg onload=alert(1)&gt;" in clean  # shown, not run
    assert "ontoggle" not in clean and "onclick" not in clean
    assert "svg+xml" not in clean and "javascript" not in clean
    assert "alert(7)" not in clean  # comments are dropped


def _output(data: dict):
    return nbformat.v4.new_output("display_data", data=data)


def test_executed_copies_carry_no_live_markup_from_the_data():
    """What `normalize_notebook` writes to reports/notebooks/: HTML sanitised, Markdown's raw
    HTML escaped and script links disabled, JavaScript and active SVG dropped, text kept."""
    payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [
        _output({"text/html": f"<table><tr><td>{payload}</td></tr></table>", "text/plain": "t"}),
        _output({"text/markdown": f"**{payload}** [click](javascript:alert(3))"}),
        _output({"application/javascript": "window.__pwned = 4"}),
        _output({"image/svg+xml": '<svg onload="window.__pwned=5"></svg>', "text/plain": "s"}),
        _output({"image/svg+xml": "<svg><path d='M0 0'/></svg>"}),
        nbformat.v4.new_output("stream", name="stdout", text=payload),
    ]
    nb.cells.append(cell)
    out = nbformat.reads(report.normalize_notebook(nb), as_version=4)
    outputs = out.cells[0].outputs
    assert len(outputs) == 5  # the JavaScript-only output is gone
    html_out, markdown, svg, plain_svg, stream = outputs
    parser = parse_markup(html_out.data["text/html"])
    assert parser.scripts == [] and parser.handlers == [] and "<td>" in html_out.data["text/html"]
    assert "&lt;script&gt;window.__pwned=2" in html_out.data["text/html"]
    assert "<img" not in markdown.data["text/markdown"]
    assert "<script" not in markdown.data["text/markdown"]
    assert "javascript:" not in markdown.data["text/markdown"]
    assert "&lt;img src=x" in markdown.data["text/markdown"]
    assert "image/svg+xml" not in svg.data and svg.data["text/plain"] == "s"
    assert "image/svg+xml" in plain_svg.data  # an inert chart is kept
    assert stream.text == payload  # a stream is shown as text by every frontend: kept as is


# ---------------------------------------------------------------- incomplete runs are said
def _fine(folder: Path, name: str, source: str = "x = 1") -> Path:
    return make_notebook(
        folder / f"{name}.ipynb",
        [
            ("markdown", f"# {name}"),
            ("parameters", "raw_dir = None\nprocessed_dir = None"),
            ("code", source),
        ],
    )


def _manifest(reports: Path) -> dict:
    return json.loads((reports / "manifest.json").read_text(encoding="utf-8"))


def _section(index: str, name: str) -> str:
    start = index.index(f'<h2 id="{name}">')
    end = index.find("</section>", start)
    return index[start:end]


def test_a_failed_run_leaves_manifest_and_index_saying_what_is_stale(tmp_path):
    notebooks = tmp_path / "notebooks"
    for name in ("01-fine", "02-breaks", "03-later"):
        _fine(notebooks, name)
    dirs = {"raw": RAW, "processed": tmp_path / "processed", "reports": tmp_path / "reports"}
    run_suite(**dirs, notebooks=notebooks, progress=False)
    manifest = _manifest(dirs["reports"])
    assert manifest["status"] == "complete"
    assert manifest["notebooks_done"] == ["01-fine", "02-breaks", "03-later"]
    index = (dirs["reports"] / "index.html").read_text(encoding="utf-8")
    assert "This report is incomplete" not in index and "<strong>Stale" not in index

    _fine(notebooks, "02-breaks", "raise ValueError('broken on purpose')")
    with pytest.raises(NotebookError):
        run_suite(**dirs, notebooks=notebooks, progress=False)
    manifest = _manifest(dirs["reports"])
    assert manifest["status"] == "incomplete"
    assert manifest["notebooks_done"] == ["01-fine"]
    assert manifest["notebooks_stale"] == ["03-later"]
    assert manifest["notebook_failed"]["notebook"] == "02-breaks"
    assert manifest["notebook_failed"]["cell"] == 3
    assert "ValueError: broken on purpose" in manifest["notebook_failed"]["error"]
    assert "outputs" not in manifest  # no claim about outputs a run did not finish
    index = (dirs["reports"] / "index.html").read_text(encoding="utf-8")
    assert "This report is incomplete" in index
    assert "Failed" in _section(index, "02-breaks")
    assert "broken on purpose" in _section(index, "02-breaks")
    assert "Stale" in _section(index, "03-later")  # its outputs are from the first run
    assert "Stale" not in _section(index, "01-fine") and "Failed" not in _section(index, "01-fine")
    # the failed notebook's page shows the traceback of this run, not the previous success
    page = (dirs["reports"] / "html" / "02-breaks.html").read_text(encoding="utf-8")
    assert "broken on purpose" in page


def test_a_killed_run_is_marked_incomplete_from_its_start(tmp_path, monkeypatch):
    """What a run leaves on disk at each moment, as a SIGKILL would find it, and after Ctrl-C."""
    notebooks = tmp_path / "notebooks"
    for name in ("01-a", "02-b", "03-c"):
        _fine(notebooks, name)
    reports = tmp_path / "reports"
    seen = {}

    def fake_execute(path, out, parameters=None, **options):
        seen[path.stem] = (
            _manifest(reports),
            (reports / "index.html").read_text(encoding="utf-8"),
        )
        if path.stem == "02-b":
            raise KeyboardInterrupt
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, out)
        return True

    monkeypatch.setattr(report.suite, "execute_notebook", fake_execute)
    with pytest.raises(KeyboardInterrupt):
        run_suite(RAW, tmp_path / "processed", reports, notebooks=notebooks, progress=False, jobs=1)
    first_manifest, first_index = seen["01-a"]  # while the first notebook runs
    assert first_manifest["status"] == "incomplete"
    assert first_manifest["notebooks_done"] == []
    assert first_manifest["notebooks_stale"] == ["01-a", "02-b", "03-c"]
    assert "This report is incomplete" in first_index
    manifest, index = seen["02-b"]  # while the second runs: the first is done
    assert manifest["notebooks_done"] == ["01-a"]
    assert manifest["notebooks_stale"] == ["02-b", "03-c"]
    assert "Stale" not in _section(index, "01-a") and "Not run" in _section(index, "02-b")
    final = _manifest(reports)  # after the interruption
    assert final["status"] == "incomplete" and final["notebooks_done"] == ["01-a"]
    assert final["notebooks_stale"] == ["02-b", "03-c"]
    assert "Not run" in _section((reports / "index.html").read_text(encoding="utf-8"), "03-c")


def test_notebooks_run_at_once_report_the_first_failure_in_order(tmp_path, monkeypatch):
    """Several notebooks at once: the error raised is that of the first failing notebook in run
    order (not the first to fail in time), and only notebooks before it count as done."""
    import threading
    import time

    notebooks = tmp_path / "notebooks"
    for name in ("01-a", "02-b", "03-c"):
        _fine(notebooks, name)
    reports = tmp_path / "reports"
    running, most = set(), [0]
    lock = threading.Lock()

    def fake_execute(path, out, parameters=None, **options):
        with lock:
            running.add(path.stem)
            most[0] = max(most[0], len(running))
        try:
            if path.stem == "02-b":
                time.sleep(0.5)  # fails after 03-c has failed
                raise NotebookError(path.stem, 2, "ValueError", "late", "x", None)
            if path.stem == "03-c":
                raise NotebookError(path.stem, 2, "ValueError", "early", "x", None)
            time.sleep(0.2)
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, out)
            return True
        finally:
            with lock:
                running.discard(path.stem)

    monkeypatch.setattr(report.suite, "execute_notebook", fake_execute)
    with pytest.raises(NotebookError) as info:
        run_suite(RAW, tmp_path / "processed", reports, notebooks=notebooks, progress=False, jobs=3)
    assert info.value.notebook == "02-b"
    assert most[0] >= 2  # they did run at once
    final = _manifest(reports)
    assert final["status"] == "incomplete" and final["notebooks_done"] == ["01-a"]


# ------------------------------------------------------------- a processed folder per corpus
def test_another_corpus_gets_a_processed_folder_of_its_own(tmp_path, monkeypatch):
    from presslens import config

    monkeypatch.setenv(config.ENV_PROCESSED, str(tmp_path / "processed"))
    monkeypatch.delenv(config.ENV_RAW, raising=False)
    assert config.processed_dir_for(config.raw_dir()) == tmp_path / "processed"
    first = tmp_path / "one" / "raw corpus!"
    second = tmp_path / "two" / "raw corpus!"
    a, b = config.processed_dir_for(first), config.processed_dir_for(second)
    assert a != b and a.parent == b.parent == tmp_path / "processed" / "runs"
    assert a.name.startswith("raw-corpus-") and a == config.processed_dir_for(first)
    for raw in (first, second):
        shutil.copytree(RAW, raw)
    notebooks = tmp_path / "notebooks"
    _fine(notebooks, "01-where", "import os\nprint(os.environ['PRESSLENS_PROCESSED'])")
    for raw, expected in ((first, a), (second, b)):
        result = run_suite(raw, None, tmp_path / "reports", notebooks=notebooks, progress=False)
        assert result.processed == expected
        assert f"processed tables: {expected}" in result.summary()
        assert (expected / "articles.parquet").is_dir()
        executed = (tmp_path / "reports" / "notebooks" / "01-where.ipynb").read_text("utf-8")
        assert str(expected) in executed  # the notebooks read the corpus's own tables
    assert not (tmp_path / "processed" / "articles.parquet").exists()  # the default untouched


def test_the_old_module_path_still_works_and_warns_with_the_new_one():
    import presslens.run as old

    with pytest.warns(DeprecationWarning, match="moved to presslens.report.run_suite"):
        assert old.run_suite is run_suite
    with pytest.warns(DeprecationWarning, match="moved to presslens.report.clean_html"):
        from presslens.run import clean_html  # noqa: F401
