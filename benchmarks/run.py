"""Every benchmark, one command (`make bench`): prints the figures the README quotes.

    .venv/bin/python benchmarks/run.py [--full]

* `pipeline.py` — every stage (ingest, re-ingest, load, matrix, distinctive terms, naming,
  frames, quotes) on 1k and 10k synthetic pages (`--full`: also 100k, ~10 minutes), with the
  naive baselines measured in the same run and the issue-7 targets checked.
* `wording.py` — tokenising and distinctive terms on 10k articles against NLTK + `Counter`.
* `ingest.py` — cold ingest of 10k pages and a re-run after adding 10, on the Dask engine
  (a `LocalCluster`), to compare with the local engine's figures above.

Each runs as its own process (so their memory figures are their own); a failing benchmark stops
the run with its exit code.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="include the 100k-page pipeline run")
    opts = parser.parse_args(argv)
    sizes = "1000,10000,100000" if opts.full else "1000,10000"
    runs = [
        ["pipeline.py", "--sizes", sizes, "--naive-max", "2000", "--markdown"],
        ["wording.py", "--n", "10000", "--bootstrap", "200"],
        ["ingest.py", "--n", "10000", "--engine", "dask"],
    ]
    for args in runs:
        print(f"\n$ python benchmarks/{' '.join(args)}", flush=True)
        code = subprocess.call([sys.executable, str(HERE / args[0]), *args[1:]])
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
