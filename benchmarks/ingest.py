"""Ingest benchmark: a cold ingest of N synthetic pages, then a re-run after adding 10 pages.

    python benchmarks/ingest.py [--n 10000] [--workers 2] [--engine local|dask]

Prints pages/s, MB/s and peak memory (this process and its workers) for each phase (the
whole-pipeline targets are checked by `pipeline.py`).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from presslens.ingest import ingest  # noqa: E402


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def phase(name: str, raw: Path, out: Path, n_pages: int, size: int, **kwargs) -> float:
    started = time.perf_counter()
    result = ingest(raw, out, progress=False, **kwargs)
    seconds = time.perf_counter() - started
    own, children = peak_mb()
    print(
        f"{name:<12} {n_pages:>7} pages  {seconds:7.2f} s  {n_pages / seconds:9.0f} pages/s  "
        f"{size / 2**20 / seconds:7.1f} MB/s  processed {result.n_processed:>6}  "
        f"peak RSS main {own:6.0f} MB, largest worker {children:6.0f} MB"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--engine", default="local", choices=["local", "dask"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="presslens-bench-") as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "processed"
        size = write_corpus(raw, args.n)
        print(
            f"corpus: {args.n} pages, {size / 2**20:.1f} MB, engine {args.engine}, workers {args.workers or 'all cores'}"
        )
        kwargs = {"engine": args.engine, "workers": args.workers}
        phase("cold", raw, out, args.n, size, **kwargs)
        phase("unchanged", raw, out, args.n, size, **kwargs)
        added = write_corpus(raw, 10, start=args.n)
        phase("+10 pages", raw, out, args.n + 10, size + added, **kwargs)
        print("(the issue-7 targets are checked on the whole pipeline by benchmarks/pipeline.py)")


if __name__ == "__main__":
    main()
