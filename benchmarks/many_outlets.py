"""Every notebook on 1,000 articles from 200 outlets: seconds per notebook and in total.

    python benchmarks/many_outlets.py [--articles 1000] [--outlets 200] [--keep DIR] [--per-notebook]
        [--with-devsets]

The corpus is written to a temp dir, real text under invented outlet names (`Outlet 001` …),
dated in spring 2023, one `metadata.csv` row each: the pages of the `frames-climate` dev set
(`../shared/devsets`, when it sits beside the checkout) cut into articles of about ten
sentences, so articles share no more text than real ones; without the dev sets, 3 to 6 long
paragraphs of the bundled pages recombined by a seeded draw (which share whole paragraphs, so
the verbatim-reuse analyses work much harder than on real corpora). The figure of the target is
a cold ingest plus the whole `presslens run` (`report.run_suite`: every notebook, `jobs` of them
at once as by default, and the report) in wall seconds, with the CPU time of the kernels. `--per-notebook`
first executes the notebooks one at a time, each timed apart (wall and kernel CPU), on the same
corpus and ingest. Notebook 06 measures the instruments on the dev sets when they sit beside
the checkout (about 80 s of CPU, whatever the corpus); a user's machine has no dev sets, so the
timed run hides them (`PRESSLENS_DEVSETS` pointed at an empty folder) unless `--with-devsets`. Wall time counts only on an otherwise idle machine; CPU time does not
depend on what else runs. The notebooks compare the `top_n` largest outlets by name and pool
the others (`report.params`), so their cost grows with `top_n`, not with the number of outlets.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def paragraphs(folder: Path = REPO / "data" / "raw", min_words: int = 25) -> list[str]:
    """The long paragraphs of the bundled pages (article body, not page furniture)."""
    found = []
    for path in sorted(folder.glob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            block = " ".join(block.split())
            if len(block.split()) >= min_words:
                found.append(block)
    return found


DEVSET = REPO.parent / "shared" / "devsets" / "frames-climate" / "txt"


def devset_bodies(n: int = 1000, folder: Path = DEVSET) -> list[str]:
    """At least `n` article bodies cut from the dev set's pages when it holds enough text: runs
    of as many sentences as the pages allow (at least 4), in two paragraphs (empty when the dev
    set is not there or too small)."""
    pages = []
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        text = " ".join(path.read_text(encoding="utf-8").split("\n")[1:])
        pages.append([s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s])
    sentences = max(4, sum(len(p) for p in pages) // max(n, 1) - 1)
    bodies = []
    for found in pages:
        for i in range(0, len(found) - sentences + 1, sentences):
            run = found[i : i + sentences]
            half = sentences // 2
            bodies.append(" ".join(run[:half]) + "\n\n" + " ".join(run[half:]))
    return bodies


def write_corpus(folder: Path, n_articles: int, n_outlets: int, seed: int = 11) -> Path:
    """`n_articles` pages spread over `n_outlets` outlets (every outlet at least one)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    bodies = devset_bodies(n_articles)
    pool = paragraphs()
    sheet = io.StringIO()
    writer = csv.writer(sheet, lineterminator="\n")
    writer.writerow(["file", "outlet", "url", "published", "language"])
    for i in range(n_articles):
        outlet = i % n_outlets if i < n_outlets else rng.randrange(n_outlets)
        if len(bodies) >= n_articles:
            body = bodies[i]
        else:
            body = "\n\n".join(rng.sample(pool, rng.randint(3, min(6, len(pool)))))
        name = f"a{i:05d}.txt"
        (folder / name).write_text(f"Talks report {i}\n\n{body}\n", encoding="utf-8")
        day = f"2023-{rng.randint(4, 6):02d}-{rng.randint(1, 28):02d}"
        writer.writerow([name, f"Outlet {outlet:03d}", "", day, "en"])
    (folder / "metadata.csv").write_text(sheet.getvalue(), encoding="utf-8")
    return folder


#: The target (issue 11): notebooks 01-05 and the ingest under a minute on a 2-core machine.
TARGET_SECONDS = 60


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--outlets", type=int, default=200)
    parser.add_argument("--keep", metavar="DIR", help="build and keep the run in DIR")
    parser.add_argument("--per-notebook", action="store_true", help="also time each notebook")
    parser.add_argument("--jobs", type=int, help="notebooks at once (default: as presslens run)")
    parser.add_argument(
        "--with-devsets", action="store_true", help="let notebook 06 measure the dev sets"
    )
    args = parser.parse_args(argv)

    from presslens import config, devsets
    from presslens.ingest import ingest
    from presslens.report import execute_notebook, find_notebooks, notebook_jobs, run_suite

    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="presslens-bench-"))
    raw, processed, reports = base / "raw", base / "processed", base / "reports"
    write_corpus(raw, args.articles, args.outlets)
    start, cpu_start = time.perf_counter(), time.process_time() + _children_cpu()
    ingest(raw, processed)
    ingest_wall = time.perf_counter() - start
    ingest_cpu = time.process_time() + _children_cpu() - cpu_start
    enough = len(devset_bodies(args.articles)) >= args.articles
    source = "dev-set pages" if enough else "bundled paragraphs"
    print(f"corpus: {args.articles:,} articles ({source}) from {args.outlets} outlets in {raw}")
    print(f"ingest: {ingest_wall:.1f} s (CPU {ingest_cpu:.1f} s, workers included)")
    os.environ.update(
        {
            config.ENV_RAW: str(raw),
            config.ENV_PROCESSED: str(processed),
            config.ENV_REPORTS: str(reports),
            config.ENV_HEADLESS: "1",
        }
    )
    os.environ.pop("MPLBACKEND", None)
    if not args.with_devsets:
        (base / "no-devsets").mkdir(exist_ok=True)
        os.environ[devsets.ENV_DEVSETS] = str(base / "no-devsets")
    if args.per_notebook:
        total_wall = total_cpu = 0.0
        for path in find_notebooks():
            cpu0, wall0 = _children_cpu(), time.perf_counter()
            execute_notebook(path, reports / "notebooks" / path.name, progress=False)
            wall, cpu = time.perf_counter() - wall0, _children_cpu() - cpu0
            total_wall, total_cpu = total_wall + wall, total_cpu + cpu
            print(f"{path.stem:28} {wall:6.1f} s  (kernel CPU {cpu:6.1f} s)", flush=True)
        print(f"{'one at a time':28} {total_wall:6.1f} s  (kernel CPU {total_cpu:6.1f} s)")
    n_jobs = notebook_jobs(len(find_notebooks()), args.jobs)
    cpu0, wall0 = _children_cpu() + time.process_time(), time.perf_counter()
    run_suite(raw, processed, reports, progress=False, jobs=n_jobs, log=lambda message: None)
    wall = time.perf_counter() - wall0
    cpu = _children_cpu() + time.process_time() - cpu0
    shown = "with" if args.with_devsets else "without"
    print(
        f"{'presslens run, ' + str(n_jobs) + ' at once':28} {wall:6.1f} s  (CPU {cpu:6.1f} s; "
        f"{shown} the dev sets)"
    )
    print(
        f"{'cold ingest + run':28} {ingest_wall + wall:6.1f} s  "
        f"(CPU {ingest_cpu + cpu:6.1f} s; target: under {TARGET_SECONDS} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
