"""Quote extraction on real news, labelled by hand: span F1 and speaker accuracy per part.

    .venv/bin/python benchmarks/quotes.py [--part tune|held_out|both] [--labels DIR]
        [--gold a,b,d] [--processed DIR] [--misses N] [--no-author]

Reads the offset labels in `data/gold/quotes/` (see `presslens.sourcing.labels`; only pages a
labeller marked `done`), ingests those dev-set pages (`../shared/devsets/wcxb/txt`) into a
temporary folder, or takes them from an ingested folder given with `--processed`, runs
`sourcing.find_quotes` and prints, per gold set and part, `sourcing.evaluate_quotes().scores`:
direct-quote span F1 (every gold quote counted; `f1_extractor` leaves out the quotes whose
paragraph the cleaner dropped, counted in `n_lost`), speaker accuracy over matched quotes whose
speaker is a named person or organisation, `seconds` (the evaluation, the pages' ingest left
out) and `ms_per_article`, the CPU time `find_quotes` alone takes per article in this process,
caches warm (the cost target; CPU time, as the machine may be shared).

First-person quotes ("I tell them: “…”") go to the article's `author` (`sourcing.writer`). Until
the ingest writes that column, the benchmark adds it with `clean.bylines.detect_byline` on each
raw page and its title (what the ingest will do); `--no-author` scores without it.

`--gold a,b,d` scores the gold files `wcxb-a.jsonl`, `wcxb-b.jsonl`, `wcxb-d.jsonl` each on its
own (one row per file and part) and then together (`gold` = `a+b+d`); without it, every file of
the label folder is read together, as `evaluate_quotes` does. Develop on `tune`; `held_out` is
for the one final figure. `--misses N` prints N wrong or missed tune quotes (never held-out
ones); `--misses FILE.csv` writes all of them, of the last gold set (`a+b+d`), to FILE.csv.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from presslens import dataset, devsets, sourcing
from presslens.clean.bylines import detect_byline
from presslens.sourcing.evaluate import _ingest_pages
from presslens.sourcing.labels import labelled_pages, labels_dir


def _gold_folder(src: Path, names: list[str], tmp: Path) -> Path:
    """A folder of links to the gold files `wcxb-<name>.jsonl` (+ pages sheet) of `names`."""
    folder = tmp / "+".join(names)
    folder.mkdir(parents=True, exist_ok=True)
    for n in names:
        for suffix in (".jsonl", "-pages.csv"):
            path = src / f"wcxb-{n}{suffix}"
            if not path.is_file():
                raise SystemExit(f"no gold file {path}")
            (folder / path.name).symlink_to(path.resolve())
    return folder


def _with_author(articles: pd.DataFrame) -> pd.DataFrame:
    """`articles` with an `author` column: as the ingest wrote it, else (an ingest that does not
    yet write one) `clean.bylines.detect_byline` on the raw dev-set page and the article's title,
    the same call the ingest makes, so the figure is the wired ingest's."""
    if "author" in articles.columns:
        return articles
    ids = articles["file"].astype(str).str.split(".").str[0]
    authors = [
        detect_byline(devsets.read_page("wcxb", i), title=t if isinstance(t, str) else None)
        for i, t in zip(ids, articles["title"], strict=True)
    ]
    return articles.assign(author=authors)


_MISS_COLUMNS = ["article_id", "gold_kind", "pred_kind", "gold_text", "pred_text"]
_MISS_COLUMNS += ["gold_speaker", "pred_speaker", "method", "cue"]


def _misses(ev) -> pd.DataFrame:
    """The wrong tune quotes: span misses (gold unmatched), extra predictions and wrong
    speakers, with the kinds and the predicted speaker's `method` and `cue`."""
    m = ev.matches
    bad = m[~m["matched"] | (m["speaker_ok"] == False)]  # noqa: E712
    how = ev.predicted.drop_duplicates(["article_id", "text"]).rename(columns={"text": "pred_text"})
    bad = bad.merge(how[["article_id", "pred_text", "method", "cue"]], how="left")
    return bad


def _print_misses(ev, n: int) -> None:
    """Up to `n` wrong tune quotes (`_misses`)."""
    with pd.option_context("display.max_colwidth", 70, "display.width", 250):
        print(_misses(ev)[_MISS_COLUMNS].head(n).to_string())
    lost = ev.gold[ev.gold["located"] != "article"]
    print(lost.groupby(["located", "reason"]).size().to_string())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="tune", choices=["tune", "held_out", "both"])
    ap.add_argument("--labels", default=None, help="label folder (default data/gold/quotes)")
    ap.add_argument("--gold", default=None, help="gold files to score apart, e.g. a,b,d")
    ap.add_argument("--processed", default=None, help="an ingested folder holding the pages")
    ap.add_argument(
        "--misses", default=None, help="N wrong tune quotes to print, or a .csv to write them all"
    )
    ap.add_argument("--no-author", action="store_true", help="score without the byline author")
    args = ap.parse_args(argv)
    parts = ["tune", "held_out"] if args.part == "both" else [args.part]
    src = Path(args.labels) if args.labels else labels_dir()
    with tempfile.TemporaryDirectory(prefix="presslens-bench-") as tmp:
        tmp = Path(tmp)
        folders: list[tuple[str, Path]] = [("all", src)]
        if args.gold:
            names = [n.strip() for n in args.gold.split(",") if n.strip()]
            folders = [(n, _gold_folder(src, [n], tmp)) for n in names]
            if len(names) > 1:
                folders.append(("+".join(names), _gold_folder(src, names, tmp)))
        if args.processed:
            articles = dataset.load_articles(args.processed)
            paragraphs = dataset.load_paragraphs(args.processed)
        else:  # one ingest of every page the chosen files label in the chosen parts
            ids = sorted({i for _, f in folders for p in parts for i in labelled_pages(f, part=p)})
            articles, paragraphs = _ingest_pages(ids, tmp / "ingest", "wcxb")
        if not args.no_author:
            articles = _with_author(articles)
        elif "author" in articles.columns:
            articles = articles.drop(columns="author")
        rows, wrong = [], []
        for name, folder in folders:
            for part in parts:
                t0 = time.perf_counter()
                ev = sourcing.evaluate_quotes(
                    folder, part, articles=articles, paragraphs=paragraphs
                )
                seconds = time.perf_counter() - t0
                files = {f"{i}.txt" for i in labelled_pages(folder, part=part)}
                arts = articles[articles["file"].astype(str).isin(files)]
                sourcing.find_quotes(arts, workers=1)  # warm the per-word caches first
                t1 = time.process_time()
                sourcing.find_quotes(arts, workers=1)
                per = (time.process_time() - t1) / max(len(arts), 1) * 1000
                rows.append(
                    ev.scores.assign(gold=name, seconds=round(seconds, 1), ms_per_article=per)
                )
                if args.misses and part == "tune":
                    if str(args.misses).endswith(".csv"):
                        wrong.append(_misses(ev).assign(gold=name))
                    else:
                        print(f"== {name} {part}")
                        _print_misses(ev, int(args.misses))
    if wrong:
        pd.concat(wrong[-1:], ignore_index=True).to_csv(args.misses, index=False)
    table = pd.concat(rows, ignore_index=True)
    table = table[["gold"] + [c for c in table.columns if c != "gold"]]
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        print(table.round(3).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
