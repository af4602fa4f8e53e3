"""The two dependency lists (pip's pyproject.toml, conda's environment.yml) must agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
# Names that differ between PyPI and conda-forge: pip name -> conda names.
CONDA_NAMES = {"dask[distributed]": {"dask", "distributed"}}


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ ;]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_names() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["test"]
    names: set[str] = set()
    for spec in specs:
        name = _name(spec)
        names |= CONDA_NAMES.get(name, {name})
    return names


def _environment_names() -> set[str]:
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    names: set[str] = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            names |= {_name(d) for d in dep["pip"] if not d.startswith("-e")}
        elif _name(dep) not in {"python", "pip"}:
            names.add(_name(dep))
    return names


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    pip, conda = _pyproject_names(), _environment_names()
    assert pip - conda == set(), f"in pyproject.toml but not environment.yml: {sorted(pip - conda)}"
    assert conda - pip == set(), f"in environment.yml but not pyproject.toml: {sorted(conda - pip)}"


def test_environment_yml_installs_the_package_editable():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip


def test_gitignore_keeps_the_package_directory():
    # GitHub's stock Python .gitignore ignores lib/, which would drop lib/presslens from the repo.
    lines = [ln.strip() for ln in (REPO / ".gitignore").read_text().splitlines()]
    assert "lib/" not in lines and "lib" not in lines
