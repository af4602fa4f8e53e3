"""`run_suite()`: ingest, execute every notebook in order, write the report and the manifest.

See the package docstring (`presslens.report`) for what a run writes and how an incomplete run
is marked.
"""

from __future__ import annotations

import contextlib
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from presslens import config
from presslens.report.execute import NotebookError, execute_notebook, find_notebooks
from presslens.report.manifest import _Saved, hash_tree, manifest_base, write_manifest
from presslens.report.site import _executed_notebooks, build_report


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


def declared_parameters(path) -> set[str]:
    """The names a notebook's `parameters` cell assigns (papermill's view of it)."""
    import papermill

    return set(papermill.inspect_notebook(str(path)))


def _ingest(raw: Path, processed: Path, ingest_options: dict):
    from presslens.ingest import ingest

    options = {k: v for k, v in ingest_options.items() if v is not None}
    return ingest(raw, processed, **options)


def notebook_jobs(n_notebooks: int, jobs: int | None = None) -> int:
    """How many notebooks run at once: `jobs` when given, else one more than the cores, at most 4
    (each notebook is its own kernel process, and part of its time is spent waiting on the
    runner, so one extra keeps the cores busy; they read the same tables and write apart)."""
    if jobs is None:
        jobs = min((os.cpu_count() or 1) + 1, 4)
    return max(1, min(int(jobs), n_notebooks))


def _in_order(paths: list[Path], execute, n_jobs: int):
    """`(path, execute(path))` in the order of `paths`, `n_jobs` executing at once; after a
    failure no further notebook starts (one job: none after the failing one)."""
    if n_jobs == 1:
        for path in paths:
            yield path, execute(path)
        return
    with ThreadPoolExecutor(n_jobs) as pool:
        futures = [pool.submit(execute, path) for path in paths]
        try:
            for path, future in zip(paths, futures, strict=True):
                yield path, future.result()
        finally:
            for future in futures:
                future.cancel()


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
    parameters: dict | None = None,
    jobs: int | None = None,
) -> RunResult:
    """Ingest, execute every notebook in order, then write the report and the manifest.

        `raw`/`reports` default to the project's folders (or `PRESSLENS_*`); `processed` defaults to
        `config.processed_dir_for(raw)`: the project's processed folder for the project's raw folder,
        a folder of its own under `processed/runs/` for any other corpus. `notebooks` is the folder of
        `NN-*.ipynb` files (default `notebooks/`); `only` runs one. Raises `NotebookError` at the
        first failing notebook. `parameters` (`presslens run --param name=value`) go into the
        `parameters` cell of every notebook that declares them (see `report.params.PARAMETERS`); a
        name no notebook declares is a ValueError. The notebooks are independent: `jobs` of them run at
    once (`notebook_jobs`); the error raised is that of the first failing notebook in order. Until the run completes, the manifest says `"status": "incomplete"`
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
    declared = {path: declared_parameters(path) for path in paths}
    unknown = sorted(set(parameters or {}) - set().union(*declared.values(), set()))
    if unknown:
        known = ", ".join(sorted(set().union(*declared.values(), set()))) or "none"
        raise ValueError(f"no notebook has a parameter {', '.join(unknown)} (they have: {known})")
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
        given = dict(parameters or {})
        if raw != default_raw:
            given["raw_dir"] = str(raw)
        if processed != default_processed:
            given["processed_dir"] = str(processed)
        env = {
            config.ENV_RAW: str(raw),
            config.ENV_PROCESSED: str(processed),
            config.ENV_REPORTS: str(reports),
            config.ENV_HEADLESS: "1",
            "MPLBACKEND": None,  # let the kernel use the inline backend, so charts appear
        }
        n_jobs = notebook_jobs(len(paths), jobs)

        def execute(path: Path) -> bool:
            own = {k: v for k, v in given.items() if k in declared[path]}
            out = reports / "notebooks" / path.name
            bars = progress and n_jobs == 1  # one bar at a time, or none
            return execute_notebook(path, out, own, cwd=notebook_dir, progress=bars)

        with _environment(env):
            if n_jobs > 1:
                log(f"executing {len(paths)} notebooks, {n_jobs} at a time")
            for number, (path, changed) in enumerate(_in_order(paths, execute, n_jobs), 1):
                log(f"[{number}/{len(paths)}] {path.name}" + (" done" if n_jobs > 1 else ""))
                out = reports / "notebooks" / path.name
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
