"""Executing one notebook headless (papermill), and finding the suite's notebooks.

`execute_notebook(path, out, parameters)` runs `path` with `parameters` injected into its
`parameters` cell and saves the executed copy, normalised (`report.notebook`), to `out`. A failing
cell raises `NotebookError`, which names the place: the notebook, the cell (1-based, as numbered
in the source notebook), the error and the cell's first line, and where the executed copy with
the traceback was saved.
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from pathlib import Path

import nbformat

from presslens import config
from presslens.files import write_atomic
from presslens.report.notebook import normalize_notebook

NOTEBOOK_PATTERN = re.compile(r"^\d{2}-[\w.-]+\.ipynb$")


class NotebookError(RuntimeError):
    """A notebook failed: which one, which cell (1-based, as in the source notebook), what error."""

    def __init__(
        self,
        notebook: str,
        cell: int | None,
        ename: str,
        evalue: str,
        source: str,
        saved,
        heading: str = "",
        execution_count: int | None = None,
    ):
        self.notebook, self.cell, self.ename, self.evalue = notebook, cell, ename, evalue
        self.source, self.saved = source, saved
        self.heading, self.execution_count = heading, execution_count
        first = next((line for line in source.splitlines() if line.strip()), "").strip()
        where = f"cell {cell}" if cell else "a cell"
        if execution_count:
            where = f"In [{execution_count}] ({where} of the source)"
        if heading:
            where += f" under “{heading}”"
        message = f"notebook {notebook} failed in {where}: {ename}: {evalue}".rstrip(": ")
        if first:
            message += f"\n  cell starts: {first[:120]}"
        if saved:
            message += f"\n  executed copy with the traceback: {saved}"
        super().__init__(message)


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


#: Kernel options for a quiet terminal: its own log (a transport notice at start, the interrupt
#: that shuts it down at the end) shows only critical errors; cell errors reach the notebook.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


def _kernel_manager_class():
    """A kernel manager talking to the kernel over local IPC sockets (files in the temp
    folder, removed at shutdown), not TCP: no network port opened for a headless run, no
    transport warning."""
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            # socket files under the temp folder (short path), never in the notebooks' folder
            kwargs.setdefault(
                "ip", os.path.join(tempfile.gettempdir(), f"presslens-{uuid.uuid4().hex[:12]}")
            )
            super().__init__(**kwargs)

    return IPCKernelManager


def _place(executed, failing_source: str) -> tuple[str, int | None]:
    """`(heading, execution count)` of the failing cell in the executed copy: the markdown
    heading above it and the `In [n]` a reader sees there."""
    heading = ""
    for cell in executed.cells if executed is not None else []:
        if cell.cell_type == "markdown":
            titles = [
                ln.lstrip("#").strip() for ln in cell.source.splitlines() if ln.startswith("#")
            ]
            heading = titles[-1] if titles else heading
        elif cell.cell_type == "code" and any(
            o.get("output_type") == "error" for o in cell.get("outputs", [])
        ):
            return heading, cell.get("execution_count")
        elif cell.cell_type == "code" and cell.source == failing_source:
            return heading, cell.get("execution_count")
    return "", None


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
                kernel_manager_class=_kernel_manager_class(),
                extra_arguments=list(KERNEL_ARGUMENTS),
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
        heading, count = _place(executed, error.source)
        raise NotebookError(
            path.stem,
            _source_cell_number(source_nb, error.source),
            error.ename,
            str(error.evalue),
            error.source,
            out if executed is not None else None,
            heading,
            count,
        ) from None
    if error is not None:
        raise NotebookError(
            path.stem, None, type(error).__name__, str(error).strip(), "", None
        ) from error
    return changed
