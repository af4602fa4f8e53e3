"""Normalising an executed notebook into stable text: a re-run on unchanged data writes the same
bytes.

Volatile metadata (papermill timestamps and durations) is removed, cell ids made deterministic,
tqdm progress lines dropped, stream chunks merged, pandas Styler ids and memory addresses
replaced, random widget model ids renumbered in reading order; and every output is sanitised
(`report.sanitize.sanitize_output`), those outputs inside widget state included.
"""

from __future__ import annotations

import hashlib
import json
import re

import nbformat

from presslens.report.sanitize import sanitize_output

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_TQDM_LINE = re.compile(r"^.*\|[^|\n]*\|\s*\d+/\d+\s*\[[^\]\n]*\].*$", re.MULTILINE)


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


def _merge_stream(outputs: list, output) -> bool:
    """Merge a stream chunk into the run of stream outputs that ends `outputs`.

    How many chunks a stream arrives in, and whether stdout or stderr is flushed first between
    two rich outputs, depend on timing; so a run holds at most one stdout then one stderr.
    Returns whether `output` was merged (else it is to be appended, and ordered by the caller)."""
    run = []
    for previous in reversed(outputs):
        if previous.get("output_type") != "stream":
            break
        run.append(previous)
    for previous in run:
        if previous.get("name") == output.get("name"):
            previous["text"] += output["text"]
            return True
    if run and output.get("name") == "stdout":  # stdout goes before the run's stderr
        outputs.insert(len(outputs) - len(run), output)
        return True
    return False


def _settle_stream(output) -> bool:
    """Drop progress lines from a merged stderr stream; False when a stream holds only space.

    Done on the merged text, not on chunks: `print` writes its text and its newline apart, so
    a chunk may be a lone newline or a progress line cut in two, depending on timing."""
    if output.get("output_type") != "stream":
        return True
    if output.get("name") == "stderr":
        output["text"] = _strip_progress(output["text"])
    return bool(output["text"].strip())


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
                output["text"] = output.get("text", "")
                if _merge_stream(outputs, output):
                    continue
            _stabilize_data(output, f"{index}x{number}")
            if not sanitize_output(output):
                continue  # nothing but script was in it
            outputs.append(output)
        cell["outputs"] = [o for o in outputs if _settle_stream(o)]
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
