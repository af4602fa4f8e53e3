"""Run the whole suite: ingest, execute every notebook headless, write the report and manifest.

`run_suite()` (what `presslens run` and `make run` call):

1. ingests the raw folder incrementally (`presslens.ingest.ingest`) into the processed folder:
   `data/processed/` for the project's raw folder; any other corpus gets a folder of its own,
   `data/processed/runs/<name>-<hash>/` (`config.processed_dir_for`), unless one is given;
2. executes `notebooks/NN-*.ipynb` in order with papermill (a progress bar per notebook), passing
   the data folders through the notebooks' `parameters` cell only when they differ from the
   defaults, so the shipped notebooks never carry this machine's paths;
3. saves each executed notebook, with its outputs, to `reports/notebooks/<name>.ipynb` (the
   sources in `notebooks/` stay output-free for clean diffs). Volatile metadata (papermill
   timestamps and durations, random widget ids) is removed or made deterministic and a file is
   only rewritten when its content changed, so a second run on unchanged data rewrites nothing.
   Outputs carry no live markup from the data: HTML outputs are sanitised (`clean_html`),
   Markdown outputs have their raw HTML escaped and script links disabled, JavaScript outputs
   and SVG outputs with active content are dropped;
4. renders `reports/index.html` and one code-free page per notebook (`reports/html/`), with all
   HTML from notebook outputs sanitised and scripts disabled by a Content-Security-Policy, so text
   scraped from a web page can never run in the report;
5. writes `reports/manifest.json` (package versions, input hashes, git commit, outputs and their
   hashes, time). The time is excluded from the comparison: the manifest is rewritten only when
   anything else in it changed, so its `generated_at` is the time of the run that produced the
   current outputs.

A run in progress, killed or failed leaves a report that says so: when it starts, the manifest
gets `"status": "incomplete"` with `notebooks_done` (none yet) and `notebooks_stale` (all of the
run's notebooks), and `index.html` marks those notebooks as not re-run; both are updated as each
notebook finishes and become `"status": "complete"` at the end. A run that changes nothing leaves
the two files as they were (same bytes, same modification time).

A failing notebook stops the run with `NotebookError`, naming the notebook, the cell and the
error; its partly executed copy (with the traceback) is saved for inspection, and the manifest
(`notebook_failed`) and the index name it.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path

import nbformat

from presslens import __version__, config
from presslens.files import sha256_file, write_atomic

NOTEBOOK_PATTERN = re.compile(r"^\d{2}-[\w.-]+\.ipynb$")

#: Packages whose versions go into the manifest (missing ones are recorded as null).
MANIFEST_PACKAGES = (
    "presslens",
    "pandas",
    "numpy",
    "pyarrow",
    "scipy",
    "scikit-learn",
    "matplotlib",
    "seaborn",
    "nltk",
    "stop-words",
    "vaderSentiment",
    "rapidfuzz",
    "trafilatura",
    "charset-normalizer",
    "pyyaml",
    "papermill",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "ipywidgets",
    "jupyterlab",
)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_TQDM_LINE = re.compile(r"^.*\|[^|\n]*\|\s*\d+/\d+\s*\[[^\]\n]*\].*$", re.MULTILINE)

#: Scripts never run in the report: notebook pages need none, and scraped text must not.
REPORT_CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "font-src 'self' data:; base-uri 'none'; form-action 'none'"
)


class NotebookError(RuntimeError):
    """A notebook failed: which one, which cell (1-based, as in the source notebook), what error."""

    def __init__(
        self, notebook: str, cell: int | None, ename: str, evalue: str, source: str, saved
    ):
        self.notebook, self.cell, self.ename, self.evalue = notebook, cell, ename, evalue
        self.source, self.saved = source, saved
        first = next((line for line in source.splitlines() if line.strip()), "").strip()
        where = f"cell {cell}" if cell else "a cell"
        message = f"notebook {notebook} failed in {where}: {ename}: {evalue}".rstrip(": ")
        if first:
            message += f"\n  cell starts: {first[:120]}"
        if saved:
            message += f"\n  executed copy with the traceback: {saved}"
        super().__init__(message)


@dataclass
class NotebookRun:
    name: str
    output: Path
    changed: bool


@dataclass
class RunResult:
    """What a `run_suite()` call did."""

    ingest: object = None
    notebooks: list[NotebookRun] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    manifest: Path | None = None
    report: Path | None = None
    raw: Path | None = None
    processed: Path | None = None

    def summary(self) -> str:
        lines = [f"executed {len(self.notebooks)} notebook(s)"]
        if self.processed:
            lines.append(f"processed tables: {self.processed}")
        if self.changed:
            lines.append(f"{len(self.changed)} output file(s) written or changed:")
            lines += [f"  {p}" for p in self.changed[:40]]
            if len(self.changed) > 40:
                lines.append(f"  ... and {len(self.changed) - 40} more")
        else:
            lines.append("no output changed (inputs unchanged)")
        if self.report:
            lines.append(f"report: {self.report}")
        return "\n".join(lines)


# -------------------------------------------------------------------------------- helpers


def hash_tree(
    folder: Path, *, exclude: tuple[str, ...] = (), skip_dirs: tuple[str, ...] = ()
) -> dict[str, str]:
    """`{relative posix path: sha256}` for every file under `folder`; hidden files and folders
    (caches such as `data/processed/.cache`, temp files of atomic writes) are skipped, and so are
    the top-level folders named in `skip_dirs`."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    out = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):  # caches, temp files
            continue
        if relative.parts[0] in skip_dirs:
            continue
        if path.is_file() and relative.as_posix() not in exclude:
            out[relative.as_posix()] = sha256_file(path)
    return out


def find_notebooks(folder: Path | None = None, only: str | None = None) -> list[Path]:
    """The suite's notebooks (`NN-verb-object.ipynb`) in run order; `only` picks one by name/NN."""
    folder = Path(folder) if folder is not None else config.notebooks_dir()
    found = sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_PATTERN.match(p.name))
    if only:
        key = only.removesuffix(".ipynb")
        picked = [p for p in found if p.stem == key or p.stem.split("-", 1)[0] == key]
        if not picked:
            names = ", ".join(p.stem for p in found) or "none"
            raise ValueError(f"no notebook {only!r} in {folder} (have: {names})")
        return picked
    return found


def _set_environment(values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@contextlib.contextmanager
def _environment(values: dict[str, str | None]):
    """Set (or unset, for None) environment variables for the kernels, then restore them."""
    old = {k: os.environ.get(k) for k in values}
    try:
        _set_environment(values)
        yield
    finally:
        _set_environment(old)


# ----------------------------------------------------------------------- notebook execution
def _strip_progress(text: str) -> str:
    """Drop tqdm progress lines (they hold rates and times) from a stderr stream."""
    text = text.replace("\r", "\n")
    return re.sub(r"\n{2,}", "\n", _TQDM_LINE.sub("", text)).lstrip("\n")


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]{4,16}>")
_STYLER_TABLE = re.compile(r'<table id="T_([0-9a-f]{3,32})"')


def _stabilize_data(output, key: str) -> None:
    """Make rich outputs independent of the run: pandas Styler's random table ids and object
    reprs' memory addresses (`<... at 0x7f...>`)."""
    data = output.get("data")
    if not isinstance(data, dict):
        return
    html_text = data.get("text/html")
    if isinstance(html_text, str):
        for n, uid in enumerate(dict.fromkeys(_STYLER_TABLE.findall(html_text))):
            html_text = html_text.replace(f"T_{uid}", f"T_{key}x{n}")
        data["text/html"] = html_text
    plain = data.get("text/plain")
    if isinstance(plain, str):
        data["text/plain"] = _ADDRESS.sub(" object>", plain)


def _stabilize_widget_outputs(widgets) -> None:
    """Outputs captured inside widgets (`ipywidgets.Output`) live in the widget state; visit
    them in sorted-key order (model ids are already renumbered) and stabilise each."""
    count = 0

    def visit(node) -> None:
        nonlocal count
        if isinstance(node, dict):
            if "output_type" in node:
                _stabilize_data(node, f"w{count}")
                sanitize_output(node)
                count += 1
            for key in sorted(node):
                visit(node[key])
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(widgets)


def normalize_notebook(nb, source_ids: set[str] | None = None) -> str:
    """The executed notebook as stable text: no timings, deterministic ids, no progress bars."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("execution", None)
    source_ids = source_ids or set()
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.get("id") not in source_ids:
            tags = cell.metadata.get("tags", [])
            cell["id"] = (
                "injected-parameters" if "injected-parameters" in tags else f"generated-{index}"
            )
        if cell.cell_type != "code":
            continue
        outputs = []
        for number, output in enumerate(cell.get("outputs", [])):
            if output.get("output_type") == "stream":
                text = output.get("text", "")
                if output.get("name") == "stderr":
                    text = _strip_progress(text)
                if not text.strip():
                    continue
                previous = outputs[-1] if outputs else None
                if (
                    previous is not None
                    and previous.get("output_type") == "stream"
                    and previous.get("name") == output.get("name")
                ):  # how many chunks a stream arrives in depends on timing: merge them
                    previous["text"] += text
                    continue
                output["text"] = text
            _stabilize_data(output, f"{index}x{number}")
            if not sanitize_output(output):
                continue  # nothing but script was in it
            outputs.append(output)
        cell["outputs"] = outputs
    nb = _renumber_widgets(nb)
    _stabilize_widget_outputs(nb.metadata.get("widgets", {}))
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


_MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")


def _renumber_widgets(nb):
    """Replace random widget model ids with ids derived from their position.

    Models are numbered in the order a reader meets them: each displayed widget in output order,
    then (depth first) the models it references (`IPY_MODEL_<id>`: layouts, styles, children);
    models never displayed follow, ordered by their content.
    """
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}) or {}
    views = [
        output["data"][WIDGET_VIEW]["model_id"]
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if isinstance(output.get("data", {}).get(WIDGET_VIEW), dict)
        and "model_id" in output["data"][WIDGET_VIEW]
    ]
    ids = set(state) | set(views)
    if not ids:
        return nb
    order: list[str] = []

    def visit(model_id: str) -> None:
        stack = [model_id]
        while stack:
            current = stack.pop()
            if current in order or current not in ids:
                continue
            order.append(current)
            refs = _MODEL_REF.findall(json.dumps(state.get(current, {}), sort_keys=True))
            stack.extend(reversed(refs))

    for view in views:
        visit(view)

    def content_key(model_id: str) -> str:
        return _MODEL_REF.sub("", json.dumps(state.get(model_id, {}), sort_keys=True))

    for model_id in sorted(ids - set(order), key=content_key):
        visit(model_id)
    mapping = {
        old: hashlib.md5(f"presslens-widget-{n}".encode()).hexdigest()
        for n, old in enumerate(order)
    }
    pattern = re.compile("|".join(re.escape(i) for i in sorted(mapping, key=len, reverse=True)))
    text = pattern.sub(lambda m: mapping[m.group(0)], json.dumps(nb))
    return nbformat.from_dict(json.loads(text))


def _source_cell_number(source_nb, failing_source: str) -> int | None:
    for index, cell in enumerate(source_nb.cells, start=1):
        if cell.cell_type == "code" and cell.source == failing_source:
            return index
    return None


def execute_notebook(
    path,
    out,
    parameters: dict | None = None,
    *,
    cwd=None,
    progress: bool = True,
    kernel_name: str = "python3",
    timeout: int | None = 1800,
) -> bool:
    """Execute `path` headless and save it, with outputs, to `out`; True if `out` changed.

    `parameters` go into the notebook's `parameters` cell (papermill). On failure the executed
    copy (with the traceback) is still saved to `out` and `NotebookError` is raised.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    path, out = Path(path), Path(out)
    source_nb = nbformat.read(path, as_version=4)
    source_ids = {c.get("id") for c in source_nb.cells if c.get("id")}
    bar = {"desc": path.stem, "leave": True, "dynamic_ncols": True} if progress else False
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="presslens-run-") as tmp:
        tmp_out = Path(tmp) / path.name
        error = None
        try:
            papermill.execute_notebook(
                str(path),
                str(tmp_out),
                parameters=parameters or None,
                kernel_name=kernel_name,
                cwd=str(cwd or path.parent),
                progress_bar=bar,
                log_output=False,
                execution_timeout=timeout,
            )
        except PapermillExecutionError as exc:
            error = exc
        except Exception as exc:  # a dead kernel, a cell timeout, a missing kernel...
            error = exc
        executed = nbformat.read(tmp_out, as_version=4) if tmp_out.exists() else None
    changed = False
    if executed is not None:
        changed = write_atomic(out, normalize_notebook(executed, source_ids).encode("utf-8"))
    if isinstance(error, PapermillExecutionError):
        raise NotebookError(
            path.stem,
            _source_cell_number(source_nb, error.source),
            error.ename,
            str(error.evalue),
            error.source,
            out if executed is not None else None,
        ) from None
    if error is not None:
        raise NotebookError(
            path.stem, None, type(error).__name__, str(error).strip(), "", None
        ) from error
    return changed


# --------------------------------------------------------------------------------- report
_ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br caption code col colgroup dd del details div dl dt em figcaption "
    "figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub "
    "summary sup table tbody td tfoot th thead tr u ul".split()
)
_ALLOWED_ATTRS = {
    "*": ["class", "id", "title", "align"],
    "a": ["href", "title"],
    "img": ["src", "alt", "width", "height"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
}


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in _ALLOWED_ATTRS.get("*", []) or name in _ALLOWED_ATTRS.get(tag, []):
        if name == "src":
            return value.startswith("data:image/") and not value.startswith("data:image/svg")
        if name == "href":
            return bool(re.match(r"^(https?:|mailto:|#|[\w./-]+$)", value))
        return True
    return False


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    return value if _allowed_attribute(tag, name, value) else None


_STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)
#: Anything shaped like a start or end tag: `<name ...>` or `</name>` (or cut off at the end).
_TAG_LIKE = re.compile(r"</?([A-Za-z][\w:.-]*)[^<>]*>?")


def _escape_unknown_tags(text: str) -> str:
    """Turn tags outside the allowed list into visible text (`<script>` -> `&lt;script&gt;`)."""

    def escape(match: re.Match) -> str:
        if match.group(1).lower() in _ALLOWED_TAGS:
            return match.group(0)
        return html.escape(match.group(0), quote=False)

    return _TAG_LIKE.sub(escape, text)


def clean_html(fragment) -> str:
    """Sanitise HTML from notebook outputs and markdown: no scripts, handlers, styles or frames.

    Keeps what reports need (tables, lists, emphasis, headings, data-URI images); other tags,
    such as a `<script>` from a scraped page, are turned into visible, inert text first, and the
    result goes through nh3 (the ammonia sanitiser), which alone decides what stays markup: only
    the allowed tags, attributes and URL schemes survive, whatever the first step made of the
    input.
    """
    import nh3

    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    text = _STYLE_BLOCK.sub("", text)  # pandas' table CSS: dropped, not shown as text
    return nh3.clean(
        _escape_unknown_tags(text),
        tags=set(_ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in _ALLOWED_ATTRS.items()},
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto", "data"},
        strip_comments=True,
    )


#: Raw HTML in Markdown (`<` starting a tag, comment or declaration) and script links.
_MARKDOWN_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_MARKDOWN_SCRIPT_LINK = re.compile(
    r"(\]\(\s*<?|^[ \t]*\[[^\]\n]*\]:[ \t]*<?)\s*(?:javascript|vbscript|data)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
#: What makes an SVG image active when inlined: scripts, handlers, script links, foreign HTML.
_SVG_ACTIVE = re.compile(
    r"<\s*script|\son[a-z]+\s*=|javascript\s*:|<\s*foreignObject|<\s*iframe|<\s*embed",
    re.IGNORECASE,
)
#: Output types that only carry code for the browser to run.
SCRIPT_MIMES = ("application/javascript", "text/javascript", "application/x-javascript")


def clean_markdown(text: str) -> str:
    """Markdown with no live markup: raw HTML shown as text, `javascript:` links disabled."""
    text = _MARKDOWN_SCRIPT_LINK.sub(lambda m: m.group(1) + "#blocked:", text)
    return _MARKDOWN_TAG.sub("&lt;", text)


def _text(value) -> str | None:
    if isinstance(value, list):
        return "".join(str(v) for v in value)
    return value if isinstance(value, str) else None


def sanitize_output(output) -> bool:
    """Strip live markup from one notebook output, in place; False when nothing is left.

    HTML goes through `clean_html`, Markdown through `clean_markdown`, JavaScript outputs are
    dropped and so is an SVG image with scripts or event handlers. Text, images and widget views
    are kept as they are.
    """
    data = output.get("data")
    if not isinstance(data, dict):
        return True
    had_data = bool(data)
    for mime in SCRIPT_MIMES:
        data.pop(mime, None)
    for mime, clean in (("text/html", clean_html), ("text/markdown", clean_markdown)):
        text = _text(data.get(mime))
        if text is not None:
            data[mime] = clean(text)
    svg = _text(data.get("image/svg+xml"))
    if svg is not None and _SVG_ACTIVE.search(svg):
        del data["image/svg+xml"]
    return bool(data) or not had_data


def _report_copy(nb):
    """A copy of an executed notebook fit for a static page: no widgets, no JavaScript."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data is not None:
                if WIDGET_VIEW in data:
                    continue  # a live control; the static page shows the charts instead
                for mime in SCRIPT_MIMES:
                    data.pop(mime, None)
                if not data:
                    continue
            kept.append(output)
        cell["outputs"] = kept
    return nb


def _exporter():
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        sanitize_html=True,
        filters={"clean_html": clean_html},
    )
    exporter.register_filter("clean_html", clean_html)
    return exporter


def _with_csp(page: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">'
    return re.sub(r"<head>", "<head>\n" + meta, page, count=1)


def notebook_title(nb, default: str) -> str:
    """The first markdown heading of a notebook (its question), or `default`."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip() or default
    return default


def render_notebook_html(nb, name: str) -> str:
    """One executed notebook as a standalone, code-free, script-free HTML page."""
    body, _ = _exporter().from_notebook_node(
        _report_copy(nb), resources={"metadata": {"name": name}}
    )
    return _with_csp(body)


_INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 70rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
           gap: 1rem; }
figure { margin: 0; border: 1px solid #ddd; padding: .5rem; border-radius: 4px; }
figure img { width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #555; }
.meta { color: #666; font-size: .9rem; }
.incomplete, .stale, .failed { padding: .5rem .75rem; border-left: 4px solid #b26b00;
       background: #fff4e0; }
.failed { border-left-color: #b00020; background: #fdecee; }
section.stale-notebook > h2, section.stale-notebook .figures { opacity: .6; }
"""

#: What the index says of a notebook the latest run did not (completely) re-run.
STALE_TEXT = (
    "not re-run by the latest run (still running, stopped or killed before it got here); the "
    "page, figures and tables below are from an earlier run and may not match the data."
)
NOT_RUN_TEXT = "the latest run stopped before it got here; it has no outputs yet."


def _executed_notebooks(reports: Path, notebooks_dir) -> list[Path]:
    executed = sorted((reports / "notebooks").glob("*.ipynb"))
    if notebooks_dir is not None:
        wanted = {p.stem for p in find_notebooks(notebooks_dir)}
        executed = [p for p in executed if p.stem in wanted]
    return executed


def build_report(
    reports=None,
    *,
    notebooks_dir=None,
    status: dict[str, dict] | None = None,
    pages=None,
) -> Path:
    """Write `reports/index.html` and `reports/html/<notebook>.html` from the executed notebooks.

    Each notebook page shows prose and outputs without code; the index links every page, figure
    (PNG, SVG, CSV) and table. Files are written only when their bytes change.

    `status` marks notebooks the latest run did not finish, `{name: {"state": "stale"}}` or
    `{name: {"state": "failed", "error": ..., "cell": ...}}`: the index says so at the top and
    on each (a notebook with no executed copy yet is listed as not run). `pages` names the
    notebooks whose pages are rendered (default: all; `()` writes the index only).
    """
    reports = Path(reports) if reports is not None else config.reports_dir()
    executed = _executed_notebooks(reports, notebooks_dir)
    status = dict(status or {})
    wanted_pages = None if pages is None else set(pages)
    esc = html.escape
    sections = []
    names = [p.stem for p in executed]
    missing = [name for name in status if name not in names]
    for path in [*executed, *missing]:
        name = path.stem if isinstance(path, Path) else path
        state = status.get(name)
        html_page = reports / "html" / f"{name}.html"
        nb = nbformat.read(path, as_version=4) if isinstance(path, Path) else None
        title = notebook_title(nb, name) if nb is not None else name
        if nb is not None and (wanted_pages is None or name in wanted_pages):
            write_atomic(html_page, render_notebook_html(nb, name).encode("utf-8"))
        heading = (
            f'<a href="html/{esc(name)}.html">{esc(title)}</a>'
            if html_page.exists()
            else esc(title)
        )
        parts = [f'<h2 id="{esc(name)}">{heading}</h2>']
        if nb is not None:
            parts.append(
                f'<p class="meta">{esc(name)} · <a href="notebooks/{esc(name)}.ipynb">'
                "executed notebook</a></p>"
            )
        if state and state.get("state") == "failed":
            where = f" in cell {state['cell']}" if state.get("cell") else ""
            parts.append(
                f'<p class="failed"><strong>Failed</strong> in the latest run{esc(where)}: '
                f"{esc(str(state.get('error', '')))}. Its outputs are partial or from an earlier "
                "run; the executed notebook shows the traceback.</p>"
            )
        elif state:
            label, text = ("Stale", STALE_TEXT) if nb is not None else ("Not run", NOT_RUN_TEXT)
            parts.append(f'<p class="stale"><strong>{label}</strong>: {esc(text)}</p>')
        figure_dir = reports / "figures" / name
        pngs = sorted(figure_dir.glob("*.png")) if figure_dir.exists() else []
        if pngs:
            parts.append('<div class="figures">')
            for png in pngs:
                stem = esc(png.stem)
                base = f"figures/{esc(name)}/{stem}"
                links = [f'<a href="{base}.png">PNG</a>']
                for ext in ("svg", "csv"):
                    if png.with_suffix(f".{ext}").exists():
                        label = "data (CSV)" if ext == "csv" else ext.upper()
                        links.append(f'<a href="{base}.{ext}">{label}</a>')
                parts.append(
                    f'<figure><a href="{base}.png"><img src="{base}.png" alt="{stem}" '
                    f'loading="lazy"></a><figcaption>{stem} · {" · ".join(links)}'
                    "</figcaption></figure>"
                )
            parts.append("</div>")
        table_dir = reports / "tables" / name
        tables = sorted(table_dir.glob("*.csv")) if table_dir.exists() else []
        if tables:
            items = "".join(
                f'<li><a href="tables/{esc(name)}/{esc(t.name)}">{esc(t.stem)}</a></li>'
                for t in tables
            )
            parts.append(f"<p>Tables (CSV):</p><ul>{items}</ul>")
        css = ' class="stale-notebook"' if state else ""
        sections.append(f"<section{css}>\n" + "\n".join(parts) + "\n</section>")
    all_names = [*names, *missing]
    toc = "".join(
        f'<li><a href="#{esc(n)}">{esc(n)}</a>'
        + (f" ({esc(status[n].get('state', 'stale'))})" if n in status else "")
        + "</li>"
        for n in all_names
    )
    banner = ""
    if status:
        failed = [n for n, st in status.items() if st.get("state") == "failed"]
        stale = [n for n in status if n not in failed]
        said = []
        if failed:
            said.append(f"{', '.join(failed)} failed")
        if stale:
            said.append(f"{', '.join(stale)} not re-run")
        banner = (
            '<p class="incomplete"><strong>This report is incomplete.</strong> In the latest '
            f"run {esc('; '.join(said))}: those notebooks' pages, figures and tables may be "
            "out of date. See <code>manifest.json</code> (<code>status</code>); run "
            "<code>presslens run</code> again to complete it.</p>"
        )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>presslens report</title>
<style>{_INDEX_CSS}</style>
</head>
<body>
<h1>presslens report</h1>
{banner}
<p class="meta">Every notebook of the suite, rendered without code, with its figures and the
tables behind them. Regenerate with <code>presslens run</code>.</p>
<ul>{toc}</ul>
{chr(10).join(sections) if sections else "<p>No executed notebooks yet.</p>"}
</body>
</html>
"""
    index = reports / "index.html"
    write_atomic(index, page.encode("utf-8"))
    return index


# ------------------------------------------------------------------------------- manifest
def _git_state() -> dict:
    def git(*args):
        result = subprocess.run(
            ["git", "-C", str(config.PROJECT_ROOT), *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        return result.stdout.strip() if result.returncode == 0 else None

    try:
        commit = git("rev-parse", "--verify", "-q", "HEAD")
        status = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit or None, "dirty": bool(status) if status is not None else None}


def package_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in MANIFEST_PACKAGES:
        try:
            versions[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def manifest_base(raw: Path, notebooks: list[Path]) -> dict:
    """The part of the manifest fixed when a run starts: versions, commit, input hashes."""
    return {
        "presslens": __version__,
        "packages": package_versions(),
        "git": _git_state(),
        "inputs": {
            "raw_dir": str(raw),
            "raw": hash_tree(raw),
            "lexicons": hash_tree(config.lexicons_dir()),
            "notebooks": {p.name: sha256_file(p) for p in notebooks},
        },
    }


@dataclass
class _Saved:
    """A file's bytes and times, to put it back exactly as it was."""

    data: bytes
    stat: os.stat_result

    @classmethod
    def of(cls, path: Path) -> _Saved | None:
        try:
            return cls(path.read_bytes(), path.stat())
        except OSError:
            return None

    def same_as(self, path: Path) -> bool:
        now = _Saved.of(path)
        return now is not None and (now.data, now.stat.st_mtime_ns) == (
            self.data,
            self.stat.st_mtime_ns,
        )

    def put_back(self, path: Path) -> None:
        """Restore the file's bytes and modification time (a run that changed nothing)."""
        if self.same_as(path):
            return
        write_atomic(path, self.data)
        os.utime(path, ns=(self.stat.st_atime_ns, self.stat.st_mtime_ns))


_ON_DISK = object()


def write_manifest(
    reports: Path,
    *,
    raw: Path,
    processed: Path,
    notebooks: list[Path],
    base: dict | None = None,
    done: list[str] | None = None,
    stale: list[str] = (),
    failed: dict | None = None,
    previous=_ON_DISK,
) -> bool:
    """Write `reports/manifest.json`; True if written.

    `status` is `"complete"` unless notebooks are `stale` (not re-run yet) or one `failed`; an
    incomplete manifest lists `notebooks_done`, `notebooks_stale` and `notebook_failed` and
    records no output hashes. A complete one is rewritten only when more than the time changed
    compared with `previous` (default: the file on disk; `run_suite` passes the manifest as it
    was before the run, and puts that back, bytes and time, when nothing changed), so a re-run on
    unchanged inputs leaves it (and its `generated_at`) as it was.
    """
    path = reports / "manifest.json"
    complete = not stale and failed is None
    manifest = dict(base) if base is not None else manifest_base(raw, notebooks)
    manifest["status"] = "complete" if complete else "incomplete"
    manifest["notebooks_done"] = list(done) if done is not None else [p.stem for p in notebooks]
    if complete:
        manifest["processed"] = hash_tree(processed, skip_dirs=(config.RUNS_FOLDER,))
        manifest["outputs"] = hash_tree(reports, exclude=("manifest.json",))
    else:
        manifest["notebooks_stale"] = list(stale)
        if failed is not None:
            manifest["notebook_failed"] = failed
    saved = _Saved.of(path) if previous is _ON_DISK else previous
    if complete and saved is not None:
        try:
            old = json.loads(saved.data.decode("utf-8"))
            old.pop("generated_at", None)
            if old == json.loads(json.dumps(manifest)):
                saved.put_back(path)
                return False
        except (ValueError, UnicodeDecodeError):
            pass
    manifest["generated_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return write_atomic(path, text.encode("utf-8"))


# ------------------------------------------------------------------------------------ run
def _ingest(raw: Path, processed: Path, ingest_options: dict):
    from presslens.ingest import ingest

    options = {k: v for k, v in ingest_options.items() if v is not None}
    return ingest(raw, processed, **options)


def run_suite(
    raw=None,
    processed=None,
    reports=None,
    *,
    notebooks=None,
    only: str | None = None,
    progress: bool = True,
    report: bool = True,
    ingest_options: dict | None = None,
    log=None,
) -> RunResult:
    """Ingest, execute every notebook in order, then write the report and the manifest.

    `raw`/`reports` default to the project's folders (or `PRESSLENS_*`); `processed` defaults to
    `config.processed_dir_for(raw)`: the project's processed folder for the project's raw folder,
    a folder of its own under `processed/runs/` for any other corpus. `notebooks` is the folder of
    `NN-*.ipynb` files (default `notebooks/`); `only` runs one. Raises `NotebookError` at the
    first failing notebook. Until the run completes, the manifest says `"status": "incomplete"`
    and the index marks the notebooks not re-run yet (see the module docstring).
    """
    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    default_raw, default_processed = config.raw_dir(), config.processed_dir()
    raw = Path(raw).expanduser().resolve() if raw is not None else default_raw
    processed = (
        Path(processed).expanduser().resolve()
        if processed is not None
        else config.processed_dir_for(raw)
    )
    reports = Path(reports).expanduser().resolve() if reports is not None else config.reports_dir()
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder {raw} does not exist")
    notebook_dir = Path(notebooks).resolve() if notebooks is not None else config.notebooks_dir()
    paths = find_notebooks(notebook_dir, only)
    log(f"corpus: {raw}\nprocessed tables: {processed}\nreports: {reports}")
    before = hash_tree(reports)
    result = RunResult(raw=raw, processed=processed)
    names = [p.stem for p in paths]
    saved_manifest = _Saved.of(reports / "manifest.json")
    saved_index = _Saved.of(reports / "index.html")
    base = manifest_base(raw, paths)
    done: list[str] = []

    def mark(*, failed: dict | None = None, pages=()) -> None:
        """Say on disk how far the run got: manifest and (with `report`) index."""
        stale = [n for n in names if n not in done and (failed is None or n != failed["notebook"])]
        write_manifest(
            reports,
            raw=raw,
            processed=processed,
            notebooks=paths,
            base=base,
            done=done,
            stale=stale,
            failed=failed,
            previous=None,
        )
        if report:
            status = {n: {"state": "stale"} for n in stale}
            if failed is not None:
                status[failed["notebook"]] = {"state": "failed", **failed}
            build_report(reports, notebooks_dir=notebook_dir, status=status, pages=pages)

    mark()
    try:
        result.ingest = _ingest(raw, processed, ingest_options or {})
        if hasattr(result.ingest, "summary"):
            log(result.ingest.summary())
        # The shipped notebooks only get parameters when the folders are not the defaults.
        parameters = {}
        if raw != default_raw:
            parameters["raw_dir"] = str(raw)
        if processed != default_processed:
            parameters["processed_dir"] = str(processed)
        env = {
            config.ENV_RAW: str(raw),
            config.ENV_PROCESSED: str(processed),
            config.ENV_REPORTS: str(reports),
            config.ENV_HEADLESS: "1",
            "MPLBACKEND": None,  # let the kernel use the inline backend, so charts appear
        }
        with _environment(env):
            for number, path in enumerate(paths, start=1):
                log(f"[{number}/{len(paths)}] {path.name}")
                out = reports / "notebooks" / path.name
                changed = execute_notebook(
                    path, out, parameters, cwd=notebook_dir, progress=progress
                )
                result.notebooks.append(NotebookRun(path.stem, out, changed))
                done.append(path.stem)
                mark(pages=[path.stem])
    except NotebookError as error:
        failed = {"notebook": error.notebook, "cell": error.cell}
        failed["error"] = f"{error.ename}: {error.evalue}".rstrip(": ")
        mark(failed=failed, pages=[error.notebook])
        raise
    except BaseException:  # interrupted, or the ingest failed: what ran is recorded
        mark()
        raise
    if report:
        rendered = set(done)
        others = [p.stem for p in _executed_notebooks(reports, notebook_dir)]
        result.report = build_report(
            reports, notebooks_dir=notebook_dir, pages=[n for n in others if n not in rendered]
        )
        if saved_index is not None and saved_index.data == result.report.read_bytes():
            saved_index.put_back(result.report)  # unchanged: its time as well
    write_manifest(
        reports, raw=raw, processed=processed, notebooks=paths, base=base, previous=saved_manifest
    )
    after = hash_tree(reports, exclude=("manifest.json",))
    result.changed = sorted(p for p, h in after.items() if before.get(p) != h)
    result.manifest = reports / "manifest.json"
    return result
