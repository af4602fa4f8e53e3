"""Real-page ingest benchmark: the wcxb dev set's text dumps repeated to ~40 MB, cold and unchanged.

    python benchmarks/ingest_real.py [--mb 40] [--workers 2] [--part tune|held_out|all] [--repeat 1]

Copies the `tune` part (by default) of `../shared/devsets/wcxb/txt/*.txt` into a temp folder as
distinct files (each copy gets its own first line, so neither the content cache nor the duplicate
check can merge them), then times a cold ingest and an unchanged re-run (`--repeat` times each,
into a fresh output folder each time). Prints wall-clock MB/s and CPU-seconds per MB (this
process and its workers: the figure that holds on a machine shared with other jobs). Skips,
saying why, when the dev set is absent.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from presslens.devsets import PARTS, devset_dir, page_ids
from presslens.ingest import ingest


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def write_copies(pages: list[Path], raw: Path, target_bytes: int) -> tuple[int, int]:
    """Copies of `pages` in `raw` until `target_bytes`: `(files, bytes)`."""
    raw.mkdir(parents=True)
    files = size = copy = 0
    while size < target_bytes:
        for page in pages:
            data = page.read_bytes()
            data = f"Copy {copy} of page {page.stem}\n\n".encode() + data
            (raw / f"c{copy:03d}-{page.name}").write_bytes(data)
            files += 1
            size += len(data)
            if size >= target_bytes:
                break
        copy += 1
    return files, size


def phase(name: str, raw: Path, out: Path, size: int, workers: int | None) -> None:
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = ingest(raw, out, progress=False, workers=workers)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    mb = size / 2**20
    print(
        f"{name:<10} {wall:7.2f} s  {mb / wall:6.2f} MB/s  {cpu:7.1f} CPU-s  "
        f"{cpu / mb:5.2f} CPU-s/MB  processed {result.n_processed}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=40.0)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--part", choices=[*PARTS, "all"], default="tune")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    folder = devset_dir("wcxb")
    if folder is None:
        print("skipped: the wcxb dev set is not beside the checkout (../shared/devsets/wcxb)")
        return 0
    with tempfile.TemporaryDirectory(prefix="presslens-bench-real-") as tmp:
        raw, out = Path(tmp) / "raw", Path(tmp) / "processed"
        ids = page_ids("wcxb", None if args.part == "all" else args.part)
        pages = [folder / "txt" / f"{i}.txt" for i in ids]
        files, size = write_copies(pages, raw, int(args.mb * 2**20))
        print(
            f"corpus: {files} real pages (wcxb text dumps, {args.part} part, copied), "
            f"{size / 2**20:.1f} MB"
        )
        for run in range(args.repeat):
            target = out.with_name(f"processed-{run}")
            phase("cold", raw, target, size, args.workers)
            phase("unchanged", raw, target, size, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
