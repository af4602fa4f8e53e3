"""DESIGN.md's public-API section is the contract between modules: it must match the code.

Every `### presslens.<module>` heading of the section lists that module's public names as
``- `name(params) -> …` ``; this test imports each, compares the parameter list (names, order,
keyword-only marker, documented defaults), runs each documented table function on the bundled
corpus to compare the columns it returns, and checks that every `presslens` name the notebooks
call is documented.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import json
import re
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
DESIGN = REPO / "DESIGN.md"
_ENTRY = re.compile(
    r"^- `(?P<name>[A-Za-z_]\w*)(?:\((?P<params>[^`]*)\))?(?:\s*->\s*(?P<ret>[^`]*))?`"
)
_COLUMNS = re.compile(r"^DataFrame\[(?P<cols>[^\]]*)\]$")


def api_entries() -> list[tuple[str, str, str | None, str | None]]:
    """`(module, name, params or None, returns or None)` for each entry of the API section."""
    text = DESIGN.read_text(encoding="utf-8")
    section = text.split("## Public API", 1)[1].split("\n## ", 1)[0]
    entries, module = [], None
    for line in section.splitlines():
        heading = re.match(r"^### `?(presslens(?:\.\w+)*)`?\s*$", line.strip())
        if heading:
            module = heading.group(1)
            continue
        m = _ENTRY.match(line)
        if m and module:
            entries.append((module, m["name"], m["params"], (m["ret"] or "").strip() or None))
    return entries


def _documented(params: str) -> list[tuple[str, str | None, bool]]:
    """`(name, default text or None, keyword-only)` from a documented parameter list."""
    out, kw_only = [], False
    if not params.strip():
        return out
    # "…" stands for a default too long to write down: parsed as Ellipsis, not compared
    tree = ast.parse(f"def f({params.replace('…', '...')}): pass").body[0].args
    positional = tree.posonlyargs + tree.args
    defaults = [None] * (len(positional) - len(tree.defaults)) + list(tree.defaults)
    for arg, default in zip(positional, defaults, strict=True):
        out.append((arg.arg, None if default is None else ast.unparse(default), False))
    if tree.vararg:
        out.append(("*" + tree.vararg.arg, None, False))
    for arg, default in zip(tree.kwonlyargs, tree.kw_defaults, strict=True):
        out.append((arg.arg, None if default is None else ast.unparse(default), True))
    if tree.kwarg:
        out.append(("**" + tree.kwarg.arg, None, True))
    del kw_only
    return out


def _actual(fn) -> list[tuple[str, str | None, bool]]:
    out = []
    for p in inspect.signature(fn).parameters.values():
        name = {p.VAR_POSITIONAL: "*", p.VAR_KEYWORD: "**"}.get(p.kind, "") + p.name
        out.append(
            (
                name,
                None if p.default is p.empty else repr(p.default),
                p.kind == p.KEYWORD_ONLY or p.kind == p.VAR_KEYWORD,
            )
        )
    return out


ENTRIES = api_entries()


def test_the_design_documents_the_api():
    modules = {m for m, *_ in ENTRIES}
    assert len(ENTRIES) >= 60 and len(modules) >= 12, (len(ENTRIES), sorted(modules))


@pytest.mark.parametrize(("module", "name", "params", "ret"), ENTRIES, ids=lambda v: str(v))
def test_each_documented_name_exists_with_its_signature(module, name, params, ret):
    mod = importlib.import_module(module)
    assert hasattr(mod, name), f"DESIGN.md documents {module}.{name}, which does not exist"
    if params is None:
        return
    obj = getattr(mod, name)
    documented = _documented(params)
    actual = _actual(obj)
    assert [(n, kw) for n, _, kw in documented] == [(n, kw) for n, _, kw in actual], (
        f"{module}.{name}: DESIGN.md says ({params}), the code has {inspect.signature(obj)}"
    )
    for (n, default, _), (_, real, _) in zip(documented, actual, strict=True):
        if default in (None, "...") or not (_literal(default) and _literal(real)):
            continue
        assert ast.literal_eval(default) == ast.literal_eval(real), (
            f"{module}.{name}: default of {n} is {real} in the code, {default} in DESIGN.md"
        )


def _literal(text: str | None) -> bool:
    try:
        ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError):
        return False
    return True


TABLE_ENTRIES = [
    e
    for e in ENTRIES
    if e[3]
    and _COLUMNS.match(e[3])
    and e[2] is not None
    and e[2].split(",")[0].strip() == "articles"
]


@pytest.mark.parametrize(("module", "name", "params", "ret"), TABLE_ENTRIES, ids=lambda v: str(v))
def test_each_documented_table_has_its_columns(articles, module, name, params, ret):
    fn = getattr(importlib.import_module(module), name)
    required = [
        p
        for p in inspect.signature(fn).parameters.values()
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if len(required) > 1:
        pytest.skip(f"{name} needs more than the articles to run")
    table = fn(articles)
    assert isinstance(table, pd.DataFrame)
    documented = [
        c.strip() for c in _COLUMNS.match(ret)["cols"].split(",") if c.strip() and c.strip() != "…"
    ]
    assert list(table.columns[: len(documented)]) == documented, (
        f"{module}.{name} returns {list(table.columns)}, DESIGN.md says {documented}"
    )


def test_every_name_the_notebooks_call_is_documented():
    documented = {f"{m}.{n}" for m, n, *_ in ENTRIES}
    used = set()
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            src = "".join(cell["source"])
            for mod, name in re.findall(r"\b(?:presslens\.)?(\w+)\.([a-z_]\w*)\(", src):
                if importlib.util.find_spec(f"presslens.{mod}") is not None:
                    used.add(f"presslens.{mod}.{name}")
    missing = sorted(used - documented)
    assert not missing, f"the notebooks call names DESIGN.md does not document: {missing}"
