"""The notebooks' shared parameters and `setup_notebook`, the one preamble of every notebook.

Every notebook opens with the same papermill `parameters` cell (`PARAMETERS`: the folders, the
outlets, dates and languages to keep, the minimum articles per outlet and how many outlets to
compare by name) and one call, `setup_notebook(NOTEBOOK, globals())`, which exports the folders,
applies the theme, loads the articles with the filters, sets the caption and prints one line
saying what is analysed and what is left out. `presslens run --param name=value` sets any of
them for every notebook.

What the analyses receive (`NotebookSetup.articles`) is never silently smaller than the corpus:
an article with no kept body text, or outside the filters, is left out with its reason
(`NotebookSetup.excluded`, listed in notebook 01); outlets beyond the `top_n` largest, or with
fewer than `min_articles` articles, are pooled into one group named `"other outlets (k)"` (their
names kept in `outlet_name`), so every chart has a bounded number of rows and every comparison
scales with `top_n`, not with the number of outlets. Articles whose outlet is unknown stay one
group, `config.UNKNOWN_OUTLET`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd

from presslens import config

#: The parameters every notebook declares, with their defaults.
PARAMETERS = {
    "raw_dir": None,
    "processed_dir": None,
    "outlets": None,
    "start": None,
    "end": None,
    "languages": None,
    "min_articles": 1,
    "top_n": 12,
}

#: Why an article is left out of the analyses (the `reason` column of `excluded`).
NO_BODY = "no body text kept by the cleaner"


@dataclass
class NotebookSetup:
    """What `setup_notebook` prepared: the articles to analyse and what was left out, and why."""

    notebook: str
    articles: pd.DataFrame
    excluded: pd.DataFrame
    loaded: pd.DataFrame
    pooled: pd.DataFrame
    parameters: dict
    caption: str
    outlets: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when no article is left to analyse."""
        return len(self.articles) == 0

    def summary(self) -> str:
        """The line every notebook prints first: what is analysed, what is left out and why."""
        return _summary(self)

    def group(self, outlets: pd.Series) -> pd.Series:
        """The group each outlet is compared as (itself, or the pooled "other outlets (k)")."""
        mapping = dict(zip(self.pooled["outlet"], self.pooled["group"], strict=True))
        pooled = [g for g in mapping.values() if g.startswith(config.OTHER_OUTLETS)]
        fallback = pooled[0] if pooled else None
        return outlets.map(lambda o: mapping.get(o, fallback or o))

    def skip(self, what: str, why: str) -> None:
        """Say, in the notebook, that an analysis is skipped and why."""
        print(f"Skipped: {what} — {why}.")


class CheckFailed(RuntimeError):
    """A notebook's sanity check failed: the message says what is wrong and what to do."""


def check(condition, problem: str, fix: str) -> None:
    """A notebook's sanity check: raise `CheckFailed` saying what is wrong and what to do
    unless `condition` holds (a notebook holds no bare `assert`)."""
    if not bool(condition):
        raise CheckFailed(f"{problem}. {fix}")


def _as_list(value) -> list[str] | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value]


def _as_date(value, name: str):
    if value is None or value == "":
        return None
    try:
        return pd.Timestamp(value)
    except (ValueError, TypeError) as err:
        raise ValueError(
            f"parameter {name}={value!r} is not a date: write it as YYYY-MM-DD ({err})"
        ) from None


def _as_count(value, name: str, minimum: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or number < minimum:
        raise ValueError(f"parameter {name}={value!r} must be a whole number ≥ {minimum}")
    return number


def read_parameters(namespace: dict | None = None, **overrides) -> dict:
    """`PARAMETERS` with the values `namespace` (a notebook's globals) and `overrides` give,
    checked: lists from comma-separated text, dates parsed, counts whole; a ValueError says
    which parameter is wrong and how to write it."""
    values = dict(PARAMETERS)
    for source in (namespace or {}, overrides):
        values.update({k: v for k, v in source.items() if k in PARAMETERS})
    values["outlets"] = _as_list(values["outlets"])
    values["languages"] = _as_list(values["languages"])
    values["start"] = _as_date(values["start"], "start")
    values["end"] = _as_date(values["end"], "end")
    values["min_articles"] = _as_count(values["min_articles"], "min_articles", 1)
    values["top_n"] = _as_count(values["top_n"], "top_n", 1)
    return values


def _empty_articles() -> pd.DataFrame:
    from presslens.ingest import ARTICLE_COLUMNS

    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in ARTICLE_COLUMNS})
    frame["published"] = pd.to_datetime(frame["published"])
    frame["n_words"] = frame["n_words"].astype("int64")
    return frame


def _load(paragraphs: bool):
    from presslens.dataset import load_articles, load_paragraphs

    try:
        loaded = load_articles()
        paras = load_paragraphs() if paragraphs else None
    except FileNotFoundError:  # no usable page: the ingest wrote no table
        loaded = _empty_articles()
        paras = None
    if paragraphs and paras is None:
        paras = pd.DataFrame(columns=["article_id", "file", "position", "text", "kept", "reason"])
    return loaded, paras


def exclusions(articles: pd.DataFrame, values: dict) -> pd.Series:
    """Per article, why it is left out of the analyses ("" when it is analysed): no body text,
    or outside the `outlets`, `languages`, `start`/`end` parameters (undated articles are left
    out only when a date bound is set)."""
    reason = pd.Series("", index=articles.index, dtype=object)

    def mark(mask, why):
        reason.loc[mask & (reason == "")] = why

    text = articles["text"].fillna("").astype(str).str.strip()
    words = pd.to_numeric(articles.get("n_words", 0), errors="coerce").fillna(0)
    mark((text == "") | (words == 0), NO_BODY)
    if values["outlets"]:
        mark(~articles["outlet"].isin(values["outlets"]), "outlet not in the `outlets` parameter")
    if values["languages"]:
        language = articles["language"].fillna("und").astype(str)
        mark(~language.isin(values["languages"]), "language not in the `languages` parameter")
    published = pd.to_datetime(articles["published"], errors="coerce")
    if values["start"] is not None or values["end"] is not None:
        mark(published.isna(), "undated, and a date range is set")
    if values["start"] is not None:
        mark(published < values["start"], "published before `start`")
    if values["end"] is not None:
        mark(published > values["end"], "published after `end`")
    return reason


def pool_outlets(articles: pd.DataFrame, *, top_n: int, min_articles: int = 1) -> pd.DataFrame:
    """Which group each outlet is compared as: `outlet, articles, group, why`.

    Outlets with at least `min_articles` articles, the `top_n` largest of them (most articles
    first, then A–Z), keep their name; the others are pooled into `"other outlets (k)"`, unless
    there is only one of them (pooling one outlet hides its name for nothing). The unknown
    outlet stays its own group.
    """
    counts = articles["outlet"].value_counts()
    table = pd.DataFrame({"outlet": counts.index.astype(str), "articles": counts.to_numpy()})
    table = table.assign(key=table["outlet"].str.casefold()).sort_values(
        ["articles", "key"], ascending=[False, True], kind="stable"
    )
    table = table.drop(columns="key").reset_index(drop=True)
    known = table["outlet"] != config.UNKNOWN_OUTLET
    small = known & (table["articles"] < min_articles)
    rank = (known & ~small).cumsum()
    beyond = known & ~small & (rank > top_n)
    why = pd.Series("", index=table.index, dtype=object)
    why[small] = f"fewer than {min_articles} articles (min_articles)"
    why[beyond] = f"beyond the {top_n} largest outlets (top_n)"
    pooled = why != ""
    if pooled.sum() == 1:
        pooled[:] = False
        why[:] = why.where(small, "")  # a lone small outlet keeps its name, flagged
    group = table["outlet"].where(~pooled, f"{config.OTHER_OUTLETS} ({int(pooled.sum())})")
    return table.assign(group=group, why=why)


def _skip_remaining_cells(skip: bool) -> None:
    """With `skip`, every cell run after this one in the kernel does nothing (an input
    transformer empties it); without, that transformer is removed. A notebook whose corpus has
    no article to analyse thus finishes, its first line saying why nothing follows."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebooks' dependencies
        return
    shell = get_ipython()
    if shell is None:
        return
    transformers = shell.input_transformers_post
    transformers[:] = [t for t in transformers if t is not _empty_cell]
    if skip:
        transformers.append(_empty_cell)


def _empty_cell(lines: list[str]) -> list[str]:
    return ["pass\n"]


def setup_notebook(
    notebook: str,
    namespace: dict | None = None,
    *,
    paragraphs: bool = False,
    skip_when_empty: bool = True,
    **overrides,
) -> NotebookSetup:
    """Set a notebook up: the one preamble of every notebook.

    Reads the parameters (`PARAMETERS`) from `namespace` (pass `globals()`) and `overrides`,
    exports `raw_dir`/`processed_dir` to the `PRESSLENS_*` variables, applies the theme, loads
    the articles (ingesting when needed; `paragraphs=True` also loads the paragraphs table, as
    `setup.paragraphs`), leaves out the articles the analyses cannot read or the filters exclude
    (with their reasons), pools outlets beyond `top_n` or below `min_articles`, sets the
    default caption and prints the summary line. Returns a `NotebookSetup`. With no article
    to analyse and `skip_when_empty`, the notebook's later cells are skipped (it says so).
    """
    from presslens import figures

    values = read_parameters(namespace, **overrides)
    if values["raw_dir"]:
        os.environ[config.ENV_RAW] = str(values["raw_dir"])
    if values["processed_dir"]:
        os.environ[config.ENV_PROCESSED] = str(values["processed_dir"])
    figures.apply_theme()
    loaded, paras = _load(paragraphs)
    reason = exclusions(loaded, values)
    excluded = loaded.loc[reason != "", ["file", "outlet", "title", "language"]].assign(
        reason=reason[reason != ""]
    )
    kept = loaded.loc[reason == ""].copy()
    pooled = pool_outlets(kept, top_n=values["top_n"], min_articles=values["min_articles"])
    kept["outlet_name"] = kept["outlet"]
    kept["outlet"] = kept["outlet"].map(dict(zip(pooled["outlet"], pooled["group"], strict=True)))
    kept = kept.reset_index(drop=True)
    config.register_outlets(kept["outlet"].unique())
    caption = figures.corpus_caption(kept)
    figures.set_default_caption(caption)
    setup = NotebookSetup(
        notebook=notebook,
        articles=kept,
        excluded=excluded.reset_index(drop=True),
        loaded=loaded,
        pooled=pooled,
        parameters=values,
        caption=caption,
        outlets=figures.outlet_order(kept["outlet"]),
    )
    setup.paragraphs = paras
    print(setup.summary())
    _skip_remaining_cells(skip_when_empty and setup.empty)
    return setup


def _summary(setup: NotebookSetup) -> str:
    from presslens.figures.titles import names, plural

    total = len(setup.loaded)
    if total == 0:
        return (
            "No article to analyse: the ingest found no usable page (notebook 01 lists the "
            "files and why each was skipped). Add pages with `presslens add`, then re-run."
        )
    lines = [setup.caption + "."]
    if len(setup.excluded):
        parts = [
            f"{n} {why}" for why, n in setup.excluded["reason"].value_counts().sort_index().items()
        ]
        left = len(setup.excluded)
        verb = "is" if left == 1 else "are"
        lines.append(
            f"{left} of {plural(total, 'article')} {verb} left out: {'; '.join(parts)} "
            "(listed in notebook 01)."
        )
    pooled = setup.pooled[setup.pooled["group"] != setup.pooled["outlet"]]
    if len(pooled):
        group = pooled["group"].iloc[0]
        lines.append(
            f"{plural(len(pooled), 'outlet')} ({plural(pooled['articles'].sum(), 'article')}) "
            f"are compared as one group, “{group}”: "
            + "; ".join(f"{n} {why}" for why, n in pooled["why"].value_counts().items())
            + f" — {names(pooled['outlet'], 5)}."
        )
    flagged = setup.pooled[
        (setup.pooled["why"] != "") & (setup.pooled["group"] == setup.pooled["outlet"])
    ]
    for row in flagged.itertuples():
        lines.append(
            f"{row.outlet} has {plural(row.articles, 'article')}: {row.why}; read it with care."
        )
    unknown = int((setup.articles["outlet"] == config.UNKNOWN_OUTLET).sum())
    if unknown:
        lines.append(
            f"{plural(unknown, 'article')} with no outlet named are compared as one group, "
            f"“{config.UNKNOWN_OUTLET}” (notebook 01 lists them and how to name their outlet)."
        )
    if setup.empty:
        lines.append("No article is left to analyse: the analyses of this notebook are skipped.")
    return "\n".join(lines)
