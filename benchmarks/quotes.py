"""Quote extraction on real news, labelled by hand: span F1 and speaker accuracy per part.

    .venv/bin/python benchmarks/quotes.py [--part tune|held_out|both] [--labels DIR]
        [--processed DIR] [--misses N]

Reads the offset labels in `data/gold/quotes/` (see `presslens.sourcing.labels`; only pages a
labeller marked `done`), ingests those dev-set pages (`../shared/devsets/wcxb/txt`) into a
temporary folder, or takes them from an ingested folder given with `--processed`, runs
`sourcing.find_quotes` and prints, per part, `sourcing.evaluate_quotes().scores`: direct-quote
span F1 (every gold quote counted; `f1_extractor` leaves out the quotes whose paragraph the
cleaner dropped, counted in `n_lost`), speaker accuracy over matched quotes whose speaker is a
named person or organisation, and `seconds`, the whole evaluation (the pages' ingest included).

Develop on `tune`; `held_out` is for the one final figure. `--misses N` prints N wrong or
missed tune quotes (never held-out ones).
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

from presslens import dataset, sourcing


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="tune", choices=["tune", "held_out", "both"])
    ap.add_argument("--labels", default=None, help="label folder (default data/gold/quotes)")
    ap.add_argument("--processed", default=None, help="an ingested folder holding the pages")
    ap.add_argument("--misses", type=int, default=0)
    args = ap.parse_args(argv)
    articles = paragraphs = None
    if args.processed:
        articles = dataset.load_articles(args.processed)
        paragraphs = dataset.load_paragraphs(args.processed)
    rows = []
    for part in ["tune", "held_out"] if args.part == "both" else [args.part]:
        t0 = time.perf_counter()
        ev = sourcing.evaluate_quotes(args.labels, part, articles=articles, paragraphs=paragraphs)
        seconds = time.perf_counter() - t0
        scores = ev.scores.assign(seconds=round(seconds, 1))
        rows.append(scores)
        if args.misses and part == "tune":
            m = ev.matches
            bad = m[~m["matched"] | (m["speaker_ok"] == False)]  # noqa: E712
            with pd.option_context("display.max_colwidth", 70, "display.width", 250):
                cols = ["article_id", "gold_text", "pred_text", "gold_speaker", "pred_speaker"]
                print(bad[cols].head(args.misses).to_string())
            lost = ev.gold[ev.gold["located"] != "article"]
            print(lost.groupby(["located", "reason"]).size().to_string())
    table = pd.concat(rows, ignore_index=True)
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        print(table.round(3).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
