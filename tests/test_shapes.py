"""Corpora of every shape a user brings, run through every notebook headless (issue 11).

Each shape is built in a temp dir from the bundled articles' paragraphs, recombined (and, for
the non-English shape, from the French fixture page): one article, one outlet, one outlet of
many articles beside one of a single article, 200 outlets, all undated, all French, five
languages mixed (pages written for the tests in `fixtures/multilingual_corpus/`), no usable
file at all (the undated corpus also has articles whose outlet no source names and a page whose
body the cleaner removes entirely).
Every notebook must finish with no error output, every PNG stay within the size bound, and no
saved title or table header hold "nan".
"""

from __future__ import annotations

import csv
import io
import random
import re
import sys
from pathlib import Path

import pytest
from conftest import REPO, assert_notebook_ran

RAW = REPO / "data" / "raw"
#: Pages in Russian, Armenian, Azerbaijani and Turkish written for these tests.
MULTILINGUAL = REPO / "tests" / "fixtures" / "multilingual_corpus"
#: Largest PNG a notebook may save, in pixels (`figures.MAX_INCHES` at 200 dpi, plus margins).
MAX_PIXELS = (3800, 3400)


def body_paragraphs(folder: Path = RAW, min_words: int = 25) -> list[str]:
    """The long paragraphs of the bundled pages: the benchmark's pool, so the matrix and the
    many-outlets benchmark build their corpora from the same text."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from many_outlets import paragraphs

    return paragraphs(folder, min_words)


def write_corpus(folder: Path, rows: list[dict], paragraphs: list[str], seed: int = 1) -> Path:
    """One page per row (`file`, `outlet`, `published`, `language`, `n` paragraphs drawn from
    `paragraphs`, or `body` given), with a `metadata.csv` row each."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sheet = io.StringIO()
    writer = csv.writer(sheet, lineterminator="\n")
    writer.writerow(["file", "outlet", "url", "published", "language"])
    for number, row in enumerate(rows):
        body = row.get("body")
        if body is None:
            picked = rng.sample(paragraphs, min(row.get("n", 4), len(paragraphs)))
            body = "\n\n".join(picked)
        title = row.get("title", f"Report number {number + 1} on the talks")
        (folder / row["file"]).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        writer.writerow(
            [
                row["file"],
                row.get("outlet", ""),
                "",
                row.get("published", ""),
                row.get("language", ""),
            ]
        )
    (folder / "metadata.csv").write_text(sheet.getvalue(), encoding="utf-8")
    return folder


#: French body paragraphs written for these tests (the non-English shape).
FRENCH_PARAGRAPHS = [
    "Les deux délégations se sont retrouvées lundi matin pour une nouvelle journée de "
    "discussions, dans un climat que les diplomates décrivent comme studieux et prudent.",
    "Selon un négociateur, les experts ont passé la soirée à comparer les versions du texte, "
    "article par article, sans parvenir à un accord sur le calendrier des prochaines étapes.",
    "Le ministre a déclaré devant la presse que la paix restait possible, à condition que "
    "chacun accepte de faire des concessions sur les questions de frontière.",
    "Les observateurs rappellent que les précédents cycles de pourparlers se sont achevés "
    "sans déclaration commune, et que la méfiance reste grande entre les deux capitales.",
    "Une porte-parole a indiqué que la prochaine rencontre pourrait avoir lieu avant la fin "
    "du mois, si les équipes techniques terminent leur travail sur les cartes.",
    "Dans les villages proches de la ligne de contact, les habitants disent attendre surtout "
    "la réouverture des routes et le retour d'une vie économique normale.",
    "Plusieurs organisations humanitaires ont demandé un accès sans entrave aux zones "
    "touchées, soulignant les difficultés d'approvisionnement en nourriture et en médicaments.",
    "Les médiateurs européens ont salué des progrès concrets, tout en reconnaissant que les "
    "points les plus sensibles n'avaient pas encore été abordés en profondeur.",
]


#: A page the cleaner keeps nothing of: navigation, share buttons, a copyright line.
NO_BODY = "Home\n\nNews\n\nSubscribe\n\nShare on Facebook\n\n© 2023 All rights reserved."


def _dated(i: int) -> str:
    return f"2023-{4 + i % 3:02d}-{1 + i % 27:02d}"


def build_shape(name: str, folder: Path) -> Path:
    """The raw folder of corpus shape `name` (see `SHAPES`)."""
    paras = body_paragraphs()
    if name == "one-article":
        rows = [{"file": "a.txt", "outlet": "Solo Daily", "published": "2023-05-04", "n": 5}]
    elif name == "one-outlet":
        rows = [
            {"file": f"a{i}.txt", "outlet": "Solo Daily", "published": _dated(i)} for i in range(3)
        ]
    elif name == "lopsided":
        rows = [
            {"file": f"big{i:03d}.txt", "outlet": "Big Wire", "published": _dated(i), "n": 2}
            for i in range(300)
        ]
        rows.append({"file": "small.txt", "outlet": "Small Post", "published": "2023-05-05"})
    elif name == "many-outlets":
        rows = [
            {"file": f"o{i:03d}.txt", "outlet": f"Outlet {i:03d}", "published": _dated(i), "n": 2}
            for i in range(200)
        ]
    elif name == "undated":  # also: outlets no source names, a page with no body left
        rows = [{"file": f"u{i}.txt", "outlet": f"Paper {i % 2}"} for i in range(3)]
        rows += [{"file": f"x{i}.txt", "outlet": ""} for i in range(2)]
        rows.append({"file": "nobody.txt", "outlet": "Paper 0", "body": NO_BODY})
    elif name == "french":
        rng = random.Random(7)
        rows = [
            {
                "file": f"fr{i}.txt",
                "outlet": f"Journal {i % 2}",
                "published": _dated(i),
                "language": "fr",
                "body": "\n\n".join(rng.sample(FRENCH_PARAGRAPHS, 4)),
                "title": f"Les négociations reprennent, épisode {i + 1}",
            }
            for i in range(3)
        ]
    elif name == "multilingual":  # pages in five languages, outlets writing in two
        rows = [
            {"file": f"en{i}.txt", "outlet": o, "published": _dated(i), "n": 4}
            for i, o in enumerate(["Lake Courier", "Lake Courier", "River Daily", "River Daily"])
        ]
        sheet = dict(
            line.split(",", 1)
            for line in (MULTILINGUAL / "metadata.csv").read_text(encoding="utf-8").splitlines()[1:]
        )
        rows.append(  # a language no dictionary of the story reads
            {
                "file": "fr0.txt",
                "outlet": "Journal du Lac",
                "published": _dated(5),
                "title": "Les négociations reprennent à Bruxelles",
                "body": "\n\n".join(FRENCH_PARAGRAPHS[:5]),
            }
        )
        for page in sorted(MULTILINGUAL.glob("*.txt")):  # language and date left to the ingest
            title, body = page.read_text(encoding="utf-8").split("\n\n", 1)
            rows.append(
                {
                    "file": page.name,
                    "outlet": sheet[page.name],
                    "title": title,
                    "body": body.strip(),
                }
            )
    elif name == "nothing":
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "broken.bin").write_bytes(b"\x00\x01\x02" * 10)
        (folder / "empty.txt").write_bytes(b"")
        return folder
    else:
        raise ValueError(name)
    return write_corpus(folder, rows, paras)


SHAPES = (
    "one-article",
    "one-outlet",
    "lopsided",
    "many-outlets",
    "undated",
    "french",
    "multilingual",
    "nothing",
)


def saved_titles(reports: Path) -> dict[str, str]:
    """`{png path: its stored title}` for every PNG under `reports/figures`."""
    from PIL import Image

    found = {}
    for path in sorted((reports / "figures").rglob("*.png")):
        with Image.open(path) as image:
            found[str(path)] = image.text.get("Title", "") if hasattr(image, "text") else ""
    return found


def check_reports(reports: Path) -> list[str]:
    """Every problem of a run's outputs: oversize PNGs, garbled titles, "nan" in a header."""
    from PIL import Image

    from presslens.figures.titles import check_title

    problems = []
    for path in sorted((reports / "figures").rglob("*.png")):
        with Image.open(path) as image:
            width, height = image.size
            title = image.text.get("Title", "")
        if width > MAX_PIXELS[0] or height > MAX_PIXELS[1]:
            problems.append(f"{path.name}: {width}×{height} px")
        for line in title.splitlines():
            try:
                check_title(line)
            except ValueError as err:
                problems.append(f"{path.name}: {err}")
    for path in sorted(reports.rglob("*.csv")):
        header = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if re.search(r"(^|,)\s*(nan|NaN|Unnamed: \d+)\s*(,|$)", header):
            problems.append(f"{path.name}: header {header[:120]!r}")
    return problems


#: The notebooks that analyse the user's corpus (06 checks the methods on the dev sets).
CORPUS_NOTEBOOKS = ("01", "02", "03", "04", "05")


def corpus_notebooks(folder: Path) -> Path:
    """A folder holding copies of the notebooks that read the corpus."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        if path.name[:2] in CORPUS_NOTEBOOKS:
            shutil.copy2(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def shape_runs(tmp_path_factory):
    """Run every notebook on a shape once per module: `{shape: (reports dir, executed nbs)}`."""
    runs = {}

    def run(shape: str):
        if shape not in runs:
            from presslens.report import run_suite

            base = tmp_path_factory.mktemp(shape)
            raw = build_shape(shape, base / "raw")
            result = run_suite(
                raw,
                base / "processed",
                base / "reports",
                notebooks=corpus_notebooks(base / "notebooks"),
                progress=False,
                report=False,
            )
            runs[shape] = (base / "reports", result)
        return runs[shape]

    return run


@pytest.mark.slow
@pytest.mark.parametrize("shape", SHAPES)
def test_every_notebook_holds_up(shape, shape_runs):
    import nbformat

    reports, result = shape_runs(shape)
    assert result.notebooks, "no notebook ran"
    for run in result.notebooks:
        nb = nbformat.read(run.output, as_version=4)
        assert_notebook_ran(nb, f"{run.name} on the {shape} corpus")
    assert not check_reports(reports)


@pytest.mark.slow
def test_the_multilingual_corpus_shows_its_languages_and_reads_only_what_it_can(shape_runs):
    import math

    import pandas as pd

    reports, result = shape_runs("multilingual")
    tables = reports / "tables"

    def table(notebook, name):
        return pd.read_csv(tables / notebook / f"{name}.csv", keep_default_na=False, na_values=[""])

    # 01: the outlet × language table, the languages inferred from the pages
    langs = table("01-clean-corpus", "languages-by-outlet")
    assert set(langs["language"]) == {"en", "ru", "hy", "az", "tr", "fr"}
    assert set(langs.loc[langs["outlet"] == "Lake Courier", "language"]) == {"en", "ru"}
    # every notebook's first line says the languages analysed
    import nbformat

    for run in result.notebooks:
        first = next(
            o["text"]
            for c in nbformat.read(run.output, as_version=4).cells
            if c.cell_type == "code"
            for o in c.get("outputs", [])
            if o.get("output_type") == "stream"
        )
        assert "in en (4), ru (3), hy (2), az (1), fr (1), tr (1)" in first, run.name
    # 03: wording within one language at a time; too little text is skipped, and said so
    plan = table("03-compare-wording", "wording-languages").set_index("language")
    assert plan.loc["en", "compared"] and plan.loc["ru", "compared"]
    assert not plan.loc["hy", "compared"] and "fewer than" in plan.loc["hy", "why"]
    assert (reports / "figures" / "03-compare-wording" / "distinctive-terms-z-ru.png").exists()
    # 04: one variant counts its hits in every language, and says which
    naming = table("04-compare-framing", "naming-table").fillna({"languages": ""})
    artsakh = naming[(naming["variant"] == "Artsakh") & (naming["count"] > 0)]
    assert {"hy", "ru"} <= set(",".join(artsakh["languages"]).split(","))
    # tone: missing, not neutral, where VADER cannot read
    tone = table("04-compare-framing", "tone-by-outlet").set_index("outlet")
    assert tone.loc["Vestnik Gor", "n"] == 0 and math.isnan(tone.loc["Vestnik Gor", "mean"])
    assert tone.loc["Vestnik Gor", "n_unscored"] > 0
    assert tone.loc["River Daily", "languages"] == "en"
    # frames: paragraphs the dictionary cannot read are left out, never "no frame"
    from presslens import coverage, lexicons

    read = coverage.lexicon_languages(lexicons.frames())
    frames = table("04-compare-framing", "frame-shares")
    assert (frames["n_unread"] > 0).any()
    french = frames[frames["outlet"] == "Journal du Lac"]
    assert "fr" not in read and (french["n"] == 0).all() and french["share"].isna().all()
    assert (french["n_unread"] > 0).all()
    river = frames[frames["outlet"] == "River Daily"]
    assert (river["n_unread"] == 0).all() and (river["languages"] == "en").all()
    # 05: each quote keeps its paragraph's language
    quotes = table("05-compare-sources", "quotes-by-language")
    assert {"en", "ru"} <= set(quotes["language"])


def _articles(outlets, words=None):
    import pandas as pd

    n = len(outlets)
    words = words if words is not None else [50] * n
    return pd.DataFrame(
        {
            "file": [f"f{i}.txt" for i in range(n)],
            "outlet": outlets,
            "title": [f"t{i}" for i in range(n)],
            "language": ["en"] * n,
            "text": ["some words here" if w else "" for w in words],
            "n_words": words,
            "published": pd.to_datetime(["2023-05-01"] * (n - 1) + [None] if n else []),
        }
    )


def test_outlets_beyond_top_n_are_pooled_with_their_count_never_dropped():
    from presslens import config
    from presslens.report import pool_outlets

    outlets = (
        ["Big"] * 5 + ["Mid"] * 3 + [f"Tiny {i}" for i in range(4)] + [config.UNKNOWN_OUTLET] * 2
    )
    table = pool_outlets(_articles(outlets), top_n=2)
    groups = dict(zip(table["outlet"], table["group"], strict=True))
    assert groups["Big"] == "Big" and groups["Mid"] == "Mid"
    assert {groups[f"Tiny {i}"] for i in range(4)} == {f"{config.OTHER_OUTLETS} (4)"}
    assert groups[config.UNKNOWN_OUTLET] == config.UNKNOWN_OUTLET  # unknowns stay one group
    assert table["articles"].sum() == len(outlets)


def test_min_articles_pools_small_outlets_and_flags_a_lone_one():
    from presslens.report import pool_outlets

    table = pool_outlets(_articles(["A"] * 3 + ["B", "C"]), top_n=10, min_articles=2)
    assert set(table.loc[table["outlet"].isin(["B", "C"]), "group"]) == {"other outlets (2)"}
    lone = pool_outlets(_articles(["A"] * 3 + ["B"]), top_n=10, min_articles=2)
    row = lone.set_index("outlet").loc["B"]
    assert row["group"] == "B" and "min_articles" in row["why"]  # kept by name, flagged


def test_exclusions_give_a_reason_for_every_article_left_out():
    from presslens.report import exclusions, read_parameters

    articles = _articles(["A", "A", "B", "C"], words=[50, 0, 50, 50])
    reasons = exclusions(articles, read_parameters(outlets="A,C", start="2023-04-01"))
    assert reasons.tolist() == [
        "",
        "no body text kept by the cleaner",
        "outlet not in the `outlets` parameter",
        "undated, and a date range is set",
    ]


def test_bad_parameters_say_how_to_write_them():
    from presslens.report import read_parameters

    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        read_parameters(start="last spring")
    with pytest.raises(ValueError, match="top_n"):
        read_parameters(top_n=0)
