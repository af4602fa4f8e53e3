"""The HTML report: `reports/index.html` and one code-free page per notebook (`reports/html/`).

Every page carries a Content-Security-Policy that allows no script, and all HTML from notebook
outputs and Markdown goes through `report.sanitize.clean_html`, so text scraped from a web page
can never run in the report. The index links every notebook page, figure (PNG, SVG, CSV) and
table, and marks notebooks the latest run did not finish (stale, failed, not run).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat

from presslens import config
from presslens.files import write_atomic
from presslens.report.execute import find_notebooks
from presslens.report.notebook import WIDGET_VIEW
from presslens.report.sanitize import SCRIPT_MIMES, clean_html

#: Scripts never run in the report: notebook pages need none, and scraped text must not.
REPORT_CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "font-src 'self' data:; base-uri 'none'; form-action 'none'"
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
