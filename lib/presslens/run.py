"""Run the whole suite: ingest, execute every notebook headless, write the report and manifest.

`run_suite()` (what `presslens run` and `make run` call):

1. ingests the raw folder incrementally (`presslens.ingest.ingest`);
2. executes `notebooks/NN-*.ipynb` in order with papermill (a progress bar per notebook), passing
   the data folders through the notebooks' `parameters` cell only when they differ from the
   defaults, so the shipped notebooks never carry this machine's paths;
3. saves each executed notebook, with its outputs, to `reports/notebooks/<name>.ipynb` (the
   sources in `notebooks/` stay output-free for clean diffs). Volatile metadata (papermill
   timestamps and durations, random widget ids) is removed or made deterministic and a file is
   only rewritten when its content changed, so a second run on unchanged data rewrites nothing;
4. renders `reports/index.html` and one code-free page per notebook (`reports/html/`), with all
   HTML from notebook outputs sanitised and scripts disabled by a Content-Security-Policy, so text
   scraped from a web page can never run in the report;
5. writes `reports/manifest.json` (package versions, input hashes, git commit, outputs and their
   hashes, time). The time is excluded from the comparison: the manifest is rewritten only when
   anything else in it changed, so its `generated_at` is the time of the run that produced the
   current outputs.

A failing notebook stops the run with `NotebookError`, naming the notebook, the cell and the
error; its partly executed copy (with the traceback) is saved for inspection.
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

    def summary(self) -> str:
        lines = [f"executed {len(self.notebooks)} notebook(s)"]
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


def hash_tree(folder: Path, *, exclude: tuple[str, ...] = ()) -> dict[str, str]:
    """`{relative posix path: sha256}` for every file under `folder`; hidden files and folders
    (caches such as `data/processed/.cache`, temp files of atomic writes) are skipped."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    out = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):  # caches, temp files
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


_STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)


def clean_html(fragment) -> str:
    """Sanitise HTML from notebook outputs and markdown: no scripts, handlers, styles or frames.

    Keeps what reports need (tables, lists, emphasis, headings, data-URI images); everything
    else, including `<script>` from a scraped page, is escaped into visible, inert text.
    """
    import bleach

    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    text = _STYLE_BLOCK.sub("", text)  # pandas' table CSS: dropped, not shown as text
    return bleach.clean(
        text,
        tags=_ALLOWED_TAGS,
        attributes=_allowed_attribute,
        protocols=["http", "https", "mailto", "data"],
        strip=False,
        strip_comments=True,
    )


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
                data.pop("application/javascript", None)
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
"""


def build_report(reports=None, *, notebooks_dir=None) -> Path:
    """Write `reports/index.html` and `reports/html/<notebook>.html` from the executed notebooks.

    Each notebook page shows prose and outputs without code; the index links every page, figure
    (PNG, SVG, CSV) and table. Files are written only when their bytes change.
    """
    reports = Path(reports) if reports is not None else config.reports_dir()
    executed = sorted((reports / "notebooks").glob("*.ipynb"))
    if notebooks_dir is not None:
        wanted = {p.stem for p in find_notebooks(notebooks_dir)}
        executed = [p for p in executed if p.stem in wanted]
    esc = html.escape
    sections = []
    for path in executed:
        name = path.stem
        nb = nbformat.read(path, as_version=4)
        title = notebook_title(nb, name)
        write_atomic(
            reports / "html" / f"{name}.html", render_notebook_html(nb, name).encode("utf-8")
        )
        parts = [
            f'<h2 id="{esc(name)}"><a href="html/{esc(name)}.html">{esc(title)}</a></h2>',
            f'<p class="meta">{esc(name)} · <a href="notebooks/{esc(name)}.ipynb">'
            "executed notebook</a></p>",
        ]
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
        sections.append("\n".join(parts))
    toc = "".join(f'<li><a href="#{esc(p.stem)}">{esc(p.stem)}</a></li>' for p in executed)
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


def write_manifest(reports: Path, *, raw: Path, processed: Path, notebooks: list[Path]) -> bool:
    """Write `reports/manifest.json`; True if written. Rewritten only when more than the time
    changed, so a re-run on unchanged inputs leaves it (and its `generated_at`) as it was."""
    path = reports / "manifest.json"
    manifest = {
        "presslens": __version__,
        "packages": package_versions(),
        "git": _git_state(),
        "inputs": {
            "raw_dir": str(raw),
            "raw": hash_tree(raw),
            "lexicons": hash_tree(config.lexicons_dir()),
            "notebooks": {p.name: sha256_file(p) for p in notebooks},
        },
        "processed": hash_tree(processed),
        "outputs": hash_tree(reports, exclude=("manifest.json",)),
    }
    if path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
            old.pop("generated_at", None)
            if old == json.loads(json.dumps(manifest)):
                return False
        except (ValueError, OSError):
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

    `raw`/`processed`/`reports` default to the project's folders (or `PRESSLENS_*`);
    `notebooks` is the folder of `NN-*.ipynb` files (default `notebooks/`); `only` runs one.
    Raises `NotebookError` at the first failing notebook.
    """
    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    default_raw, default_processed = config.raw_dir(), config.processed_dir()
    raw = Path(raw).expanduser().resolve() if raw is not None else default_raw
    processed = (
        Path(processed).expanduser().resolve() if processed is not None else default_processed
    )
    reports = Path(reports).expanduser().resolve() if reports is not None else config.reports_dir()
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder {raw} does not exist")
    notebook_dir = Path(notebooks).resolve() if notebooks is not None else config.notebooks_dir()
    paths = find_notebooks(notebook_dir, only)
    before = hash_tree(reports)
    result = RunResult()
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
        "MPLBACKEND": None,  # let the kernel use the inline backend, so charts appear in outputs
    }
    with _environment(env):
        for number, path in enumerate(paths, start=1):
            log(f"[{number}/{len(paths)}] {path.name}")
            out = reports / "notebooks" / path.name
            changed = execute_notebook(path, out, parameters, cwd=notebook_dir, progress=progress)
            result.notebooks.append(NotebookRun(path.stem, out, changed))
    if report:
        result.report = build_report(reports, notebooks_dir=notebook_dir)
    write_manifest(reports, raw=raw, processed=processed, notebooks=paths)
    after = hash_tree(reports, exclude=("manifest.json",))
    result.changed = sorted(p for p, h in after.items() if before.get(p) != h)
    result.manifest = reports / "manifest.json"
    return result
