"""Every path the suite uses, and the rule that gives each outlet its colour.

Paths come from the package's own location, never the working directory, so a notebook run from
any folder reads and writes the same places. Each can be redirected with an environment variable
(used by `presslens run --raw ...` and by the tests, which keep everything in temp dirs).
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]

ENV_RAW = "PRESSLENS_RAW"
ENV_PROCESSED = "PRESSLENS_PROCESSED"
ENV_REPORTS = "PRESSLENS_REPORTS"
#: Set (to "1") while notebooks run headless (`presslens run`, the tests): no frontend can show a
#: widget then, and a cell that builds ipywidgets can block the executing client (nbclient#312).
ENV_HEADLESS = "PRESSLENS_HEADLESS"


def widgets_wanted() -> bool:
    """True when a notebook should build ipywidgets: ipywidgets is installed and the notebook is
    not being executed headless (`ENV_HEADLESS`)."""
    if os.environ.get(ENV_HEADLESS):
        return False
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return False
    return True


ENV_LEXICONS = "PRESSLENS_LEXICONS"

#: The outlet of every article whose outlet neither metadata nor the page names: such articles
#: are compared as one group (notebook 01 lists them, with the fix: an `outlet` in metadata.csv).
UNKNOWN_OUTLET = "outlet unknown"
#: The group a notebook pools outlets into when it compares only the largest (its `top_n`
#: parameter) or those with enough articles (`min_articles`); always named with its size.
OTHER_OUTLETS = "other outlets"

#: Random seed used by every bootstrap and sample in the suite (runs are deterministic).
SEED = 20230501

#: Bootstrap resamples for confidence intervals.
N_BOOTSTRAP = 2000
#: Analyses that compare every pair of articles or quotes (shared passages, repeated quotes) run
#: on a seeded sample of this many articles when the corpus is larger (see dataset.sample_articles).
PAIRWISE_MAX_ARTICLES = 300


def _path(env: str, default: Path) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser().resolve() if value else default


def raw_dir() -> Path:
    """Scraped pages and `metadata.csv` (never written by the analysis)."""
    return _path(ENV_RAW, PROJECT_ROOT / "data" / "raw")


def processed_dir() -> Path:
    """Regenerated tables: `articles.parquet`, `paragraphs.parquet`, `ingest_report.csv`."""
    return _path(ENV_PROCESSED, PROJECT_ROOT / "data" / "processed")


#: Folder of `processed_dir()` holding the tables of other corpora (`processed_dir_for`).
RUNS_FOLDER = "runs"


def processed_dir_for(raw) -> Path:
    """Where the processed tables of the corpus in `raw` go unless a folder is given.

    The project's raw folder (`raw_dir()`) keeps `processed_dir()`; any other corpus gets a folder
    of its own, `processed_dir()/runs/<folder name>-<hash of its absolute path>/`, so running the
    suite on a second corpus (`presslens run --raw other`) never overwrites the tables of the
    first, and running it again on the same corpus finds its tables (and cache) again.
    """
    raw = Path(raw).expanduser().resolve()
    if raw == raw_dir():
        return processed_dir()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", raw.name).strip(".-")[:40] or "corpus"
    digest = hashlib.sha256(str(raw).encode("utf-8")).hexdigest()[:10]
    return processed_dir() / RUNS_FOLDER / f"{name}-{digest}"


def lexicons_dir() -> Path:
    """Editable knowledge of the story: actors, naming, topics, frames, events, outlets."""
    return _path(ENV_LEXICONS, PROJECT_ROOT / "data" / "lexicons")


def coding_dir() -> Path:
    """Human coding files used to validate the dictionaries (e.g. `frames_human_coding.csv`)."""
    return PROJECT_ROOT / "data" / "coding"


def reports_dir() -> Path:
    """Figures, tables, the HTML report and the run manifest."""
    return _path(ENV_REPORTS, PROJECT_ROOT / "reports")


def notebooks_dir() -> Path:
    return PROJECT_ROOT / "notebooks"


def figures_dir(notebook: str) -> Path:
    return reports_dir() / "figures" / notebook


def tables_dir(notebook: str) -> Path:
    return reports_dir() / "tables" / notebook


# Colour-blind-safe qualitative palette (Okabe-Ito, then Paul Tol's "muted").
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#332288",
    "#882255",
    "#117733",
    "#999933",
    "#AA4499",
    "#44AA99",
)
UNKNOWN_COLOR = "#8C8C8C"
#: Colour of the pooled "other outlets" group.
OTHER_COLOR = "#B5B5B5"


def _pinned_colors() -> dict[str, str]:
    """Colours pinned in `data/lexicons/outlets.yaml` (`outlet: "#hex"`), if that file exists.

    Re-read when the file (or the lexicon folder, `PRESSLENS_LEXICONS`) changes."""
    path = lexicons_dir() / "outlets.yaml"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _read_pinned_colors(str(path), stamp)


@lru_cache(maxsize=8)
def _read_pinned_colors(path: str, mtime_ns: int) -> dict[str, str]:
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    colors = data.get("colors", data) if isinstance(data, dict) else {}
    return {str(k): str(v) for k, v in colors.items() if isinstance(v, str)}


#: Colours given to the outlets of the loaded corpus (`register_outlets`), kept distinct.
_REGISTERED: dict[str, str] = {}


def _hashed_slot(outlet: str) -> int:
    digest = hashlib.sha1(str(outlet).casefold().encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % len(PALETTE)


def _slot_rank(outlet: str, slot: int) -> int:
    if slot == _hashed_slot(outlet):
        return 2**64
    digest = hashlib.sha1(f"{str(outlet).casefold()}|{slot}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def register_outlets(outlets) -> dict[str, str]:
    """Fix the colours of a corpus's outlets so that no two share one (while the palette lasts).

    Each outlet wants the palette slot its name hashes to; outlets (taken in the order of those
    hashes) whose slot is pinned or taken get their next choice in an order of slots of their
    own (rendezvous hashing), so adding an outlet recolours few others, usually none.
    `load_articles()` calls this, so every chart of a session agrees. Returns `{outlet: colour}`.
    """
    pinned = _pinned_colors()
    names = sorted(
        {str(o) for o in outlets if o == o and o is not None and not _is_group(str(o))}
        - set(pinned),
        key=lambda o: (_hashed_slot(o), o.casefold(), o),
    )
    taken = {c.lower() for c in pinned.values()}
    free = [i for i, c in enumerate(PALETTE) if c.lower() not in taken]
    assigned: dict[str, str] = {}
    for name in names:
        # each outlet ranks the slots by a hash of (name, slot), its first choice being the slot
        # its name hashes to, and takes its best free one (rendezvous hashing)
        if free:
            slot = max(free, key=lambda i, n=name: _slot_rank(n, i))
            free.remove(slot)
        else:
            slot = _hashed_slot(name)
        assigned[name] = PALETTE[slot]
    _REGISTERED.clear()
    _REGISTERED.update(assigned)
    return {**assigned, **{o: c for o, c in pinned.items() if o in set(map(str, outlets))}}


def _is_group(outlet: str) -> bool:
    """True for the suite's own groups (unknown outlets, pooled outlets), which stay grey."""
    return outlet.startswith((UNKNOWN_OUTLET, OTHER_OUTLETS))


def outlet_color(outlet: str | None) -> str:
    """The one colour an outlet has in every chart.

    Pinned colours from `outlets.yaml` win; the outlets of the loaded corpus have distinct
    colours (`register_outlets`); any other outlet gets the palette slot its name hashes to.
    """
    if outlet is None or outlet != outlet or str(outlet).startswith(UNKNOWN_OUTLET):
        return UNKNOWN_COLOR
    if str(outlet).startswith(OTHER_OUTLETS):
        return OTHER_COLOR
    pinned = _pinned_colors()
    if outlet in pinned:
        return pinned[outlet]
    if outlet in _REGISTERED:
        return _REGISTERED[outlet]
    return PALETTE[_hashed_slot(outlet)]


def outlet_palette(outlets) -> dict[str, str]:
    """`{outlet: colour}` for the outlets given (for seaborn's `palette=`)."""
    return {o: outlet_color(o) for o in outlets}
