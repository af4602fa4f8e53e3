"""`reports/manifest.json`: what went into a run and what came out of it.

Package versions, the git commit, hashes of the raw pages, lexicons and notebooks, and (for a
complete run) of the processed tables and every output. The time is excluded from the comparison:
the manifest is rewritten only when anything else changed, so its `generated_at` is the time of
the run that produced the current outputs. A run in progress, failed or killed says so
(`status`, `notebooks_done`, `notebooks_stale`, `notebook_failed`).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from dataclasses import dataclass
from importlib import metadata as importlib_metadata
from pathlib import Path

from presslens import __version__, config
from presslens.files import sha256_file, write_atomic

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
    "resiliparse",
    "pyahocorasick",
    "charset-normalizer",
    "pyyaml",
    "papermill",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "ipywidgets",
    "jupyterlab",
)


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
