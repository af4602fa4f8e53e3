"""Benchmark: tokenise, build the document-term matrix and rank distinctive terms on N articles.

    .venv/bin/python benchmarks/wording.py [--n 10000] [--bootstrap 200]

Articles are synthetic: bodies drawn from the sample's paragraphs (the generator's pool in
`benchmarks/corpus.py`), each paragraph's sentences shuffled, spread over its synthetic outlets.
Each approach runs in its own child process so peak memory is its own (peak RSS above the
process's baseline after imports and data loading, from `resource`):

* **presslens** — `wording.distinctive_terms(by="outlet")` end to end (it tokenises with
  `text.tokenize`, one compiled regex, builds a sparse paragraph × term matrix and computes G²,
  Log Ratio and log-odds z vectorised); timed without the bootstrap (the same work as the naive
  way) and with a paragraph bootstrap of `--bootstrap` resamples (work the naive way does not do
  at all). `text.tokenize` alone and `text.document_term_matrix(by="outlet")` alone are timed
  too, for information.
* **naive** — `nltk.tokenize.TreebankWordTokenizer().tokenize` + `collections.Counter` per
  article (the issue names `nltk.word_tokenize`, which needs the Punkt data we cannot download;
  Treebank is the word tokenizer it calls after sentence splitting), Counters summed per
  outlet, then G², Log Ratio and log-odds computed term by term in Python.

MB/s is UTF-8 megabytes of article text per second of wall-clock.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import random
import re
import resource
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SEED = 20230501
_SENT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def make_articles(n: int):
    """`n` synthetic articles (DataFrame: article_id, outlet, published, text)."""
    import pandas as pd

    try:
        import corpus

        pool, outlets = corpus._paragraphs(), sorted(corpus.OUTLETS)
    except Exception:  # noqa: BLE001 - fall back to the gold directly
        import json

        gold = json.loads((HERE.parent / "tests/fixtures/seeds_gold.json").read_text("utf-8"))
        pool = [p for item in gold.values() for p in item["body_paragraphs"]]
        outlets = ["Outlet A", "Outlet B", "Outlet C", "Outlet D", "Outlet E"]
    split = [_SENT.split(p) for p in pool]
    rows = []
    for i in range(n):
        rng = random.Random(SEED * 1_000_003 + i)
        paras = []
        for sents in rng.sample(split, rng.randint(5, 9)):
            sents = list(sents)
            rng.shuffle(sents)
            paras.append(" ".join(sents))
        rows.append(
            {
                "article_id": f"synthetic-{i:06d}",
                "outlet": outlets[i % len(outlets)],
                "published": pd.Timestamp("2023-03-01") + pd.Timedelta(days=rng.randint(0, 150)),
                "text": "\n\n".join(paras),
            }
        )
    return pd.DataFrame(rows)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _run_presslens(articles, n_bootstrap: int) -> dict:
    from presslens import text as T
    from presslens import wording as W

    warnings.simplefilter("ignore", W.SmallSampleWarning)
    t0 = time.perf_counter()
    n_tokens = sum(len(T.tokenize(t)) for t in articles["text"])
    t1 = time.perf_counter()
    dtm = T.document_term_matrix(articles, by="outlet")
    t2 = time.perf_counter()
    table = W.distinctive_terms(articles, by="outlet", phrases=(), n_resamples=n_bootstrap)
    t3 = time.perf_counter()
    return {
        "tokenize": t1 - t0,
        "matrix": t2 - t1,
        "end_to_end": t3 - t2,
        "tokens": n_tokens,
        "terms": dtm.matrix.shape[1],
        "rows": len(table),
        "top": table.groupby("outlet").head(1)[["outlet", "term", "z"]].to_dict("records"),
    }


def _g2(a, b, c, d):
    n, k = c + d, a + b
    cells = [(a, c * k / n), (b, d * k / n), (c - a, c * (n - k) / n), (d - b, d * (n - k) / n)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def _run_naive(articles, _n_bootstrap: int) -> dict:
    from collections import Counter

    from nltk.tokenize import TreebankWordTokenizer

    tok = TreebankWordTokenizer()
    t0 = time.perf_counter()
    per_article = [Counter(w.lower() for w in tok.tokenize(t)) for t in articles["text"]]
    t1 = time.perf_counter()
    by_outlet: dict[str, Counter] = {}
    for outlet, counts in zip(articles["outlet"], per_article, strict=True):
        by_outlet.setdefault(outlet, Counter()).update(counts)
    corpus = Counter()
    for counts in by_outlet.values():
        corpus.update(counts)
    t2 = time.perf_counter()
    rows = []
    total = sum(corpus.values())
    a0 = total + 0.01 * len(corpus)
    for outlet, counts in by_outlet.items():
        c = sum(counts.values())
        d = total - c
        for term, k in corpus.items():
            a = counts.get(term, 0)
            b = k - a
            alpha = k + 0.01
            delta = math.log((a + alpha) / (c + a0 - a - alpha)) - math.log(
                (b + alpha) / (d + a0 - b - alpha)
            )
            z = delta / math.sqrt(1 / (a + alpha) + 1 / (b + alpha))
            lr = math.log2(((a or 0.5) / c) / ((b or 0.5) / d))
            rows.append((outlet, term, a, b, _g2(a, b, c, d), lr, z))
    t3 = time.perf_counter()
    return {
        "tokenize": t1 - t0,
        "matrix": t2 - t1,
        "end_to_end": t3 - t0,
        "tokens": sum(sum(c.values()) for c in per_article),
        "terms": len(corpus),
        "rows": len(rows),
    }


def _child(name: str, n: int, n_bootstrap: int, queue) -> None:
    articles = make_articles(n)
    import presslens.text  # noqa: F401 - imports outside the timed/measured region
    import presslens.wording  # noqa: F401

    base = _rss_mb()
    fn = {"presslens": _run_presslens, "naive": _run_naive}[name.split("+")[0]]
    result = fn(articles, n_bootstrap)
    result["peak_mb"] = _rss_mb() - base
    result["mb"] = sum(len(t.encode("utf-8")) for t in articles["text"]) / (1024 * 1024)
    queue.put(result)


def run(name: str, n: int, n_bootstrap: int = 0) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(name, n, n_bootstrap, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of synthetic articles")
    parser.add_argument(
        "--bootstrap", type=int, default=200, help="paragraph-bootstrap resamples for the CI run"
    )
    args = parser.parse_args()

    results = {
        "presslens": run("presslens", args.n, 0),
        "naive": run("naive", args.n, 0),
        f"presslens + bootstrap {args.bootstrap}": run("presslens+ci", args.n, args.bootstrap),
    }
    mb = results["presslens"]["mb"]
    print(f"{args.n:,} synthetic articles, {mb:.1f} MB of text\n")
    header = (
        f"{'approach':<28}{'tokenize s':>11}{'matrix s':>10}{'end-to-end s':>13}"
        f"{'MB/s':>8}{'peak MB':>9}{'tokens':>12}{'terms':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        print(
            f"{name:<28}{r['tokenize']:>11.2f}{r['matrix']:>10.2f}{r['end_to_end']:>13.2f}"
            f"{mb / r['end_to_end']:>8.2f}{r['peak_mb']:>9.0f}{r['tokens']:>12,}{r['terms']:>8,}"
        )
    fast, naive = results["presslens"], results["naive"]
    print(
        "\nend-to-end = tokens → counts per outlet → G², Log Ratio, log-odds z for every term × outlet"
        f"\nspeed-up, same work: {naive['end_to_end'] / fast['end_to_end']:.1f}×"
        f"  (tokenizing alone: {naive['tokenize'] / fast['tokenize']:.1f}×)"
    )
    print("naive = nltk TreebankWordTokenizer + collections.Counter per article, pure-Python stats")
    print("top term per outlet (presslens):")
    for rec in fast["top"]:
        print(f"  {rec['outlet']:<20} {rec['term']:<20} z={rec['z']:.2f}")


if __name__ == "__main__":
    main()
