"""In a real browser: JupyterLab runs a notebook and shows its chart and its widget; the HTML
report runs no script from a scraped page.

Drives Debian's Chromium (`/usr/bin/chromium`, `apt-get install chromium`) with Playwright; never
downloads a browser. Skipped, with the reason, where Chromium or Playwright is missing.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from conftest import hostile, make_notebook

CHROMIUM = Path(os.environ.get("PRESSLENS_CHROMIUM", "/usr/bin/chromium"))
REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

WIDGET_NOTEBOOK_CELLS = [
    ("markdown", "# Which outlet do you want to look at?"),
    ("parameters", "raw_dir = None\nprocessed_dir = None"),
    (
        "code",
        "import os\n"
        "if raw_dir:\n"
        "    os.environ['PRESSLENS_RAW'] = raw_dir\n"
        "if processed_dir:\n"
        "    os.environ['PRESSLENS_PROCESSED'] = processed_dir\n"
        "%matplotlib inline\n"
        "import ipywidgets as widgets\n"
        "import matplotlib.pyplot as plt\n"
        "from presslens import figures, load_articles\n"
        "figures.apply_theme()\n"
        "articles = load_articles()",
    ),
    (
        "code",
        "counts = articles.groupby('outlet')['n_words'].sum().reset_index()\n"
        "ax = figures.plot_bars_by_outlet(counts, value='n_words')\n"
        "ax.set_title('Words per outlet')\n"
        "plt.show()",
    ),
    (
        "code",
        "choice = widgets.Dropdown(options=sorted(articles['outlet']), description='Outlet')\n"
        "choice",
    ),
    ("code", "print('all cells ran:', len(articles), 'articles')"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _suite_notebook_with_widgets() -> Path | None:
    """The first notebook of the suite that shows an ipywidget, if any is there yet."""
    for path in sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        text = path.read_text(encoding="utf-8")
        if "ipywidgets" in text and "figures.save" in text:
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token, every Jupyter/IPython/matplotlib dir in temp dirs."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    root.mkdir()
    env = dict(os.environ)
    env.pop("PRESSLENS_HEADLESS", None)  # a person at JupyterLab: widgets are built
    for var in (
        "HOME",
        "JUPYTER_CONFIG_DIR",
        "JUPYTER_DATA_DIR",
        "JUPYTER_RUNTIME_DIR",
        "IPYTHONDIR",
        "MPLCONFIGDIR",
        "PRESSLENS_PROCESSED",
        "PRESSLENS_REPORTS",
    ):
        (base / var.lower()).mkdir()
        env[var] = str(base / var.lower())
    env["PRESSLENS_RAW"] = str(RAW)
    # Every cell rendered, not only those in view (JupyterLab 4 windows long notebooks): a payload
    # anywhere in a notebook gets its chance to run, and no output is missing from the page.
    settings = base / "lab-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    env["JUPYTERLAB_SETTINGS_DIR"] = str(base / "lab-settings")
    env.pop("MPLBACKEND", None)  # the kernel must use the inline backend, as for a user
    token = secrets.token_hex(16)
    port = _free_port()
    log = open(base / "jupyter.log", "wb")  # noqa: SIM115 (closed in teardown)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.open_browser=False",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.news_url=",
        ],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5) as r:
                json.load(r)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                log.close()
                pytest.fail("JupyterLab did not start:\n" + (base / "jupyter.log").read_text())
            time.sleep(0.5)
    tracker = f"{url}/lab/api/settings/@jupyterlab/notebook-extension:tracker?token={token}"
    with urllib.request.urlopen(tracker, timeout=30) as r:
        assert json.load(r)["settings"].get("windowingMode") == "none", "lab settings not read"
    yield {"url": url, "token": token, "root": root, "log": base / "jupyter.log"}
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=30)
    log.close()


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

# Done when every code cell has an execution count, or when a cell shows an error.
_FINISHED = """(panel) => {
  const p = document.querySelector(panel);
  if (!p) return false;
  if (p.querySelector(".jp-OutputArea-output[data-mime-type*='error']")) return "error";
  const prompts = [...p.querySelectorAll(".jp-CodeCell .jp-InputPrompt")]
    .map((e) => e.textContent.trim());
  return prompts.length > 0 && prompts.every((t) => /^\\[\\d+\\]:$/.test(t)) ? "done" : false;
}"""


def _run_all(page) -> None:
    """Run > Run All Cells, through the menu bar."""
    page.click(".lm-MenuBar-item:has-text('Run')")
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def _started(page) -> bool:
    """Whether any code cell has started running (its prompt is no longer `[ ]:`)."""
    prompts = page.locator(f"{PANEL} .jp-CodeCell .jp-InputPrompt").all_inner_texts()
    return any(p.strip() not in ("", "[ ]:") for p in prompts)


def _wait_until_kernel_ready(page, timeout: float = 120) -> None:
    """Until the kernel is idle and no dialog is open, for a couple of seconds in a row."""
    steady, deadline = 0, time.monotonic() + timeout
    indicator = page.locator(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']")
    while steady < 4 and time.monotonic() < deadline:
        _accept_dialogs(page)
        ready = indicator.count() > 0 and page.locator(".jp-Dialog").count() == 0
        steady = steady + 1 if ready else 0
        page.wait_for_timeout(500)


def _accept_dialogs(page) -> None:
    """Accept JupyterLab's modal dialogs (kernel choice) the way a user would."""
    dialog = page.locator(".jp-Dialog .jp-mod-accept")
    if dialog.count() and dialog.first.is_visible():
        dialog.first.click()


def _run_all_and_check(browser, lab, name: str, timeout_ms: int, *, widget: bool = True):
    """Open `name` in JupyterLab, Run > Run All Cells, wait; return what a reader sees.

    Waits for a chart, and (with `widget`) for an ipywidget to render."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{lab['url']}/lab/tree/{name}?token={lab['token']}", timeout=120_000)
        page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=120_000)
        page.wait_for_selector(
            f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']",
            state="attached",
            timeout=120_000,
        )
        _wait_until_kernel_ready(page)
        outcome, deadline = False, time.monotonic() + timeout_ms / 1000
        attempts, started = 0, 0.0
        while not outcome and time.monotonic() < deadline:
            _accept_dialogs(page)  # e.g. "Select Kernel" when the kernel list loads late
            if attempts < 3 and time.monotonic() - started > 20 and not _started(page):
                _run_all(page)  # again if a dialog swallowed the first click
                attempts, started = attempts + 1, time.monotonic()
            outcome = page.evaluate(_FINISHED, PANEL)
            if not outcome:
                page.wait_for_timeout(500)
        assert outcome, f"{name} did not finish within {timeout_ms / 1000:.0f} s"
        image = page.locator(f"{PANEL} .jp-OutputArea-output img[src^='data:image/png']").first
        image.scroll_into_view_if_needed(timeout=30_000)
        control = page.locator(
            f"{PANEL} .jp-OutputArea-output .jupyter-widgets, "
            f"{PANEL} .jp-OutputArea-output .widget-dropdown"
        ).first
        if widget:
            control.wait_for(timeout=60_000)
        page.screenshot(path=str(lab["root"] / f"{Path(name).stem}.png"), full_page=True)
        return {
            "page": page,
            "outcome": outcome,
            "box": image.bounding_box(),
            "natural": image.evaluate("img => [img.naturalWidth, img.naturalHeight]"),
            "widget": control,
        }
    except Exception:
        page.screenshot(path=str(lab["root"] / f"{Path(name).stem}-failed.png"), full_page=True)
        page.close()
        raise


def test_jupyterlab_runs_a_notebook_and_shows_chart_and_widget(browser, lab):
    make_notebook(lab["root"] / "explore.ipynb", WIDGET_NOTEBOOK_CELLS)
    seen = _run_all_and_check(browser, lab, "explore.ipynb", 180_000)
    page = seen["page"]
    try:
        assert seen["outcome"] == "done", "a cell failed in JupyterLab"
        assert seen["box"]["width"] > 200 and seen["box"]["height"] > 100, "chart not visible"
        assert seen["natural"][0] > 300, "the chart image is empty"
        select = page.locator(f"{PANEL} .jp-OutputArea-output select")
        assert select.count() == 1, "the dropdown widget did not render as a control"
        options = select.first.locator("option").all_inner_texts()
        assert "Caliber.az" in options and len(options) == 5
        select.first.select_option("Caliber.az")
        assert select.first.input_value() == "Caliber.az"
        assert page.locator(f"{PANEL} >> text=all cells ran: 5 articles").count() == 1
    finally:
        page.close()


@pytest.mark.slow
def test_a_suite_notebook_with_widgets_runs_in_jupyterlab(browser, lab):
    source = _suite_notebook_with_widgets()
    if source is None:
        pytest.skip("no notebook of the suite uses ipywidgets yet")
    shutil.copy(source, lab["root"] / source.name)
    seen = _run_all_and_check(browser, lab, source.name, 600_000)
    page = seen["page"]
    try:
        assert seen["outcome"] == "done", f"{source.name} shows an error in JupyterLab"
        assert seen["box"]["width"] > 200 and seen["natural"][0] > 300
    finally:
        page.close()


def test_report_page_runs_no_script_from_scraped_text(browser, tmp_path):
    """Open the rendered report in Chromium: hostile text is visible and inert."""
    from presslens.report import build_report

    payload = (
        'Officials said <script>window.__pwned = 1; document.title = "pwned"</script> talks '
        'continue <img src="x" onerror="window.__pwned = 2"> in Washington.'
    )
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# What did the outlets write?\n\n" + payload),
        nbformat.v4.new_code_cell(
            "display(...)",
            outputs=[
                nbformat.v4.new_output("display_data", data={"text/html": f"<p>{payload}</p>"}),
                nbformat.v4.new_output("display_data", data={"text/markdown": payload}),
                nbformat.v4.new_output(
                    "display_data", data={"application/javascript": "window.__pwned = 3"}
                ),
                nbformat.v4.new_output("stream", name="stdout", text=payload),
            ],
        ),
    ]
    reports = tmp_path / "reports"
    (reports / "notebooks").mkdir(parents=True)
    nbformat.write(nb, reports / "notebooks" / "01-hostile.ipynb")
    build_report(reports)
    page = browser.new_page()
    try:
        for html_file in (reports / "html" / "01-hostile.html", reports / "index.html"):
            page.goto(html_file.as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert page.title() != "pwned"
        page.goto((reports / "html" / "01-hostile.html").as_uri())
        body = page.inner_text("body")
        assert "<script>window.__pwned = 1;" in body  # shown to the reader as text
        assert page.locator("img[onerror]").count() == 0
    finally:
        page.close()


# ------------------------------------------------------------------------- a hostile corpus
#: The suite's notebooks whose tables a hostile corpus reaches first (outlets, titles, quotes).
HOSTILE_NOTEBOOKS = ("01-clean-corpus", "05-compare-sources")


def _pwned(page) -> list:
    """What the hostile payloads would have done: set `window.__pwned`, retitle the page."""
    page.wait_for_timeout(1_500)  # an <img src=x onerror> fires as soon as its load fails
    return [page.evaluate(f"typeof window.{hostile.MARK}"), page.title()]


def _with_parameters(source: Path, target: Path, **parameters) -> Path:
    """A copy of a suite notebook whose `parameters` cell sets `parameters` after its defaults
    (as papermill's injected cell would), for running it by hand in JupyterLab."""
    nb = nbformat.read(source, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source += "".join(f"\n{k} = {str(v)!r}" for k, v in parameters.items())
    nbformat.write(nb, target)
    return target


@pytest.mark.slow
def test_hostile_corpus_runs_no_script_in_jupyterlab(browser, lab, hostile_suite):
    """Notebooks 01 and 05 on the hostile corpus: run live in JupyterLab (where outputs are
    trusted, so unescaped HTML would run), and their executed copies from `presslens run`
    opened: no payload runs, and the payloads are on the page as text."""
    for name in HOSTILE_NOTEBOOKS:
        target = _with_parameters(
            REPO / "notebooks" / f"{name}.ipynb",
            lab["root"] / f"hostile-{name}.ipynb",
            raw_dir=hostile_suite["raw"],
            processed_dir=hostile_suite["processed"],
        )
        seen = _run_all_and_check(browser, lab, target.name, 600_000, widget=False)
        page = seen["page"]
        try:
            assert seen["outcome"] == "done", f"{name} shows an error in JupyterLab"
            ran, title = _pwned(page)
            assert ran == "undefined" and title != "pwned", f"a payload ran in {name}"
            shown = page.inner_text(PANEL)
            assert "onerror=" in shown, "the payloads should be visible as text"
        finally:
            page.close()

    for name in HOSTILE_NOTEBOOKS:
        executed = hostile_suite["reports"] / "notebooks" / f"{name}.ipynb"
        shutil.copy(executed, lab["root"] / f"executed-{name}.ipynb")
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(
                f"{lab['url']}/lab/tree/executed-{name}.ipynb?token={lab['token']}",
                timeout=120_000,
            )
            page.wait_for_selector(f"{PANEL} .jp-OutputArea-output", timeout=120_000)
            _accept_dialogs(page)
            page.locator(f"{PANEL} .jp-OutputArea-output").last.wait_for(state="attached")
            page.wait_for_timeout(1000)  # time for any payload among the outputs to fire
            ran, title = _pwned(page)
            assert ran == "undefined" and title != "pwned", f"a payload ran in executed {name}"
            assert "onerror=" in page.inner_text(PANEL)
        finally:
            page.close()
