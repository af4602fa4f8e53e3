"""Stage 7, the report: ingest, execute every notebook headless, write the report and manifest.

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

Rooms: `execute` (papermill, parameters, `NotebookError`), `notebook` (normalising executed
notebooks), `sanitize` (nh3: `clean_html`, `clean_markdown`, `sanitize_output`), `manifest`,
`site` (`index.html` and the per-notebook pages), `suite` (`run_suite`, `RunResult`), `params`
(the notebooks' shared parameters and `setup_notebook`, the one preamble of every notebook). Every public
name is re-exported here: import from `presslens.report`.
"""

#: Each public name and the room it lives in: imported on first use, so a notebook's
#: `report.setup_notebook` does not pay for papermill, nbformat and jsonschema (seconds
#: of a kernel's start) that only running the suite needs.
_ROOMS = {
    "CheckFailed": "params",
    "MANIFEST_PACKAGES": "manifest",
    "NOTEBOOK_PATTERN": "execute",
    "NOT_RUN_TEXT": "site",
    "NotebookError": "execute",
    "NotebookRun": "suite",
    "NotebookSetup": "params",
    "PARAMETERS": "params",
    "REPORT_CSP": "site",
    "RunResult": "suite",
    "SCRIPT_MIMES": "sanitize",
    "STALE_TEXT": "site",
    "WIDGET_STATE": "notebook",
    "WIDGET_VIEW": "notebook",
    "build_report": "site",
    "check": "params",
    "clean_html": "sanitize",
    "clean_markdown": "sanitize",
    "exclusions": "params",
    "execute_notebook": "execute",
    "find_notebooks": "execute",
    "hash_tree": "manifest",
    "manifest_base": "manifest",
    "normalize_notebook": "notebook",
    "notebook_jobs": "suite",
    "notebook_title": "site",
    "package_versions": "manifest",
    "pool_outlets": "params",
    "read_parameters": "params",
    "render_notebook_html": "site",
    "run_suite": "suite",
    "sanitize_output": "sanitize",
    "setup_notebook": "params",
    "write_manifest": "manifest",
}


def __getattr__(name):
    if name in _ROOMS:
        import importlib

        value = getattr(importlib.import_module(f"{__name__}.{_ROOMS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_ROOMS))


__all__ = [
    "MANIFEST_PACKAGES",
    "NOTEBOOK_PATTERN",
    "NOT_RUN_TEXT",
    "REPORT_CSP",
    "SCRIPT_MIMES",
    "STALE_TEXT",
    "WIDGET_STATE",
    "WIDGET_VIEW",
    "CheckFailed",
    "NotebookError",
    "NotebookSetup",
    "PARAMETERS",
    "NotebookRun",
    "RunResult",
    "build_report",
    "check",
    "clean_html",
    "clean_markdown",
    "execute_notebook",
    "find_notebooks",
    "hash_tree",
    "manifest_base",
    "normalize_notebook",
    "notebook_title",
    "package_versions",
    "render_notebook_html",
    "pool_outlets",
    "read_parameters",
    "notebook_jobs",
    "run_suite",
    "setup_notebook",
    "exclusions",
    "sanitize_output",
    "write_manifest",
]
