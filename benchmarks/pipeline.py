"""Whole-pipeline benchmark: every stage on 1k / 10k / 100k synthetic scraped pages.

    .venv/bin/python benchmarks/pipeline.py [--sizes 1000,10000,100000] [--workers 2]
        [--stages ingest,reingest,load,matrix,distinctive,naming,frames,quotes]
        [--bootstrap 0] [--naive-max 20000] [--no-naive] [--markdown]

For each size the corpus is generated once (`benchmarks/corpus.py`, fixed seed) and cached under
`benchmarks/out/corpus-<n>/raw/` (git-ignored); its processed tables go to `.../processed/`.
Every stage runs in a fresh child process, so its peak memory is its own. The parent samples the
child *and its pool workers*: every 50 ms their resident set sizes (RSS, which count a page that
a forked worker shares copy-on-write with its parent once per process: an upper bound), and at
most every 250 ms their proportional set sizes (PSS, from `/proc/<pid>/smaps_rollup`: a shared
page counts once, split between its sharers, so the sum is the physical memory the stage holds;
reading it walks page tables, too costly to do every 50 ms). `peak MB` is the PSS-sum peak (never
below the child's own `ru_maxrss`); the RSS-sum peak is printed in the notes and kept in the JSON.

Stages (the fast path is the library's public API; the naive baseline runs on the same data in
the same run, in its own child process):

| stage | presslens | naive baseline |
|---|---|---|
| ingest | `ingest()` cold, `--workers` processes | pandas `apply` of `ingest.process_file` per row, one core, one Parquet file |
| reingest | `ingest()` after adding 10 pages (then the 10 are removed again) | the cold ingest of this run (no cache) |
| load | `load_articles(columns=[outlet, published, text])` | `load_articles()` (every column) |
| matrix | `text.document_term_matrix(articles)` | NLTK `TreebankWordTokenizer` + `Counter` per article |
| distinctive | `wording.distinctive_terms(by="outlet", n_resamples=--bootstrap)` | Treebank + `Counter`, G², Log Ratio, log-odds term by term in Python |
| naming | `framing.naming_by_outlet(articles)` | pandas `apply` per row: every naming regex `findall`, summed per outlet |
| frames | `framing.frames_by_outlet(articles)` (with its bootstrap intervals) | pandas `apply` per row: Punkt sentences, frame regexes per paragraph, shares per outlet (no intervals) |
| quotes | `sourcing.find_quotes(articles)` | pandas `apply` per row of `sourcing.find_quotes` on a one-row frame |

Analysis stages time the call only; their input is read first with `load_articles(columns=...)`
(the columns they need). MB/s is megabytes of raw pages (ingest stages) or of article text
(analysis stages) per second. `ratio` = naive seconds per MB ÷ presslens seconds per MB (> 1:
presslens is faster); when `--naive-max` caps the naive run below the corpus size, the naive
stage runs on the first N articles (pages) and the ratio compares rates, as the table says.

Targets (issue 7, this 2-core machine): 100k pages through every stage (cold ingest + the
analyses) in < 5 min with peak memory < 4 GB; 10× the pages ≤ 11× the time; +10 pages on a 100k
corpus re-ingested in < 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

STAGES = ("ingest", "reingest", "load", "matrix", "distinctive", "naming", "frames", "quotes")
#: Stages counted in "100k pages through every stage" (the re-ingest is a separate target).
PIPELINE = ("ingest", "load", "matrix", "distinctive", "naming", "frames", "quotes")
#: Columns each analysis stage reads from the processed tables.
COLUMNS = {
    "load": ["outlet", "published", "text"],
    "matrix": ["outlet", "text"],
    "distinctive": ["outlet", "text"],
    "naming": ["outlet", "text"],
    "frames": ["outlet", "text"],
    "quotes": ["outlet", "text"],
}
TARGET_SECONDS, TARGET_MB, TARGET_GROWTH, TARGET_REINGEST = 300.0, 4096.0, 11.0, 5.0
CORPUS_VERSION = "1"  # bump when benchmarks/corpus.py changes what it writes


# ---------------------------------------------------------------------------------------------
# Corpora


def corpus_dirs(n: int) -> tuple[Path, Path]:
    base = OUT / f"corpus-{n}"
    return base / "raw", base / "processed"


def ensure_corpus(n: int) -> tuple[Path, Path, int]:
    """The cached generated corpus of `n` pages (generated when missing): raw, processed, bytes."""
    from corpus import write_corpus

    raw, processed = corpus_dirs(n)
    marker = raw.parent / "corpus.json"
    if marker.exists():
        info = json.loads(marker.read_text())
        if info.get("n") == n and info.get("version") == CORPUS_VERSION and raw.is_dir():
            return raw, processed, int(info["bytes"])
    shutil.rmtree(raw.parent, ignore_errors=True)
    started = time.perf_counter()
    size = write_corpus(raw, n)
    marker.write_text(json.dumps({"n": n, "bytes": size, "version": CORPUS_VERSION}))
    print(f"generated {n:,} pages ({size / 2**20:.0f} MB) in {time.perf_counter() - started:.0f} s")
    return raw, processed, size


# ---------------------------------------------------------------------------------------------
# Stages, run inside a child process. Each returns {"seconds", "bytes", "rows", "note"}.


def _text_bytes(articles) -> int:
    return int(articles["text"].str.len().sum())  # characters ≈ bytes (English text)


def _load(processed: Path, stage: str, limit: int | None):
    from presslens.dataset import load_articles

    articles = load_articles(processed, columns=COLUMNS[stage])
    if limit is not None and limit < len(articles):
        articles = articles.iloc[:limit].reset_index(drop=True)
    return articles


def _timed(fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - started


def fast_ingest(raw: Path, processed: Path, opts) -> dict:
    from presslens.ingest import ingest

    shutil.rmtree(processed, ignore_errors=True)
    result, seconds = _timed(ingest, raw, processed, workers=opts.workers, progress=False)
    size = sum(p.stat().st_size for p in raw.rglob("*.txt"))
    return {"seconds": seconds, "bytes": size, "rows": result.n_articles, "note": ""}


def naive_ingest(raw: Path, processed: Path, opts) -> dict:
    import pandas as pd

    from presslens.ingest import process_file

    files = sorted(p for p in raw.rglob("*.txt"))
    note = ""
    if opts.limit is not None and opts.limit < len(files):
        files, note = files[: opts.limit], f"first {opts.limit:,} pages"
    target = processed.parent / "naive.parquet"
    started = time.perf_counter()
    table = pd.DataFrame({"path": [str(p) for p in files]})
    table["rel"] = [p.relative_to(raw).as_posix() for p in files]
    cleaned = table.apply(lambda r: process_file(r["path"], r["rel"]), axis=1)
    frame = pd.DataFrame(
        {
            "file": table["rel"],
            "text": [
                "\n\n".join(t for t, k in zip(c["para_text"], c["para_kept"], strict=True) if k)
                for c in cleaned
            ],
            "title": [c["title"] for c in cleaned],
            "published": [c["published"] for c in cleaned],
        }
    )
    frame.to_parquet(target)
    seconds = time.perf_counter() - started
    target.unlink()
    size = sum(p.stat().st_size for p in files)
    return {"seconds": seconds, "bytes": size, "rows": len(frame), "note": note}


def fast_reingest(raw: Path, processed: Path, opts) -> dict:
    from corpus import write_corpus

    from presslens.ingest import ingest

    if not (processed / "articles.parquet").exists():
        ingest(raw, processed, workers=opts.workers, progress=False)
    sheet = raw / "metadata.csv"
    saved = sheet.read_bytes()
    before = {p for p in raw.rglob("*") if p.is_file()}
    write_corpus(raw, 10, start=opts.size)
    added = [p for p in raw.rglob("*") if p.is_file() and p not in before]
    try:
        result, seconds = _timed(ingest, raw, processed, workers=opts.workers, progress=False)
    finally:
        for p in added:
            if p != sheet:
                p.unlink()
        for folder in sorted({p.parent for p in added}, reverse=True):
            if folder != raw and not any(folder.iterdir()):
                folder.rmdir()
        sheet.write_bytes(saved)
    restored, back = _timed(ingest, raw, processed, workers=opts.workers, progress=False)
    size = sum(p.stat().st_size for p in raw.rglob("*.txt"))
    return {
        "seconds": seconds,
        "bytes": size,
        "rows": result.n_processed,
        "note": f"{result.n_processed} pages processed; removing them again: {back:.2f} s",
    }


def fast_load(raw: Path, processed: Path, opts) -> dict:
    from presslens.dataset import load_articles

    articles, seconds = _timed(load_articles, processed, columns=COLUMNS["load"])
    return {"seconds": seconds, "bytes": _text_bytes(articles), "rows": len(articles), "note": ""}


def naive_load(raw: Path, processed: Path, opts) -> dict:
    from presslens.dataset import load_articles

    articles, seconds = _timed(load_articles, processed)
    return {
        "seconds": seconds,
        "bytes": _text_bytes(articles),
        "rows": len(articles),
        "note": "every column",
    }


def _analysis(stage: str, run):
    """Wrap `run(articles) -> (rows, note)` as a stage: load first, then time the call."""

    def stage_fn(raw: Path, processed: Path, opts) -> dict:
        articles = _load(processed, stage, opts.limit)
        note = f"first {len(articles):,} articles" if opts.limit is not None else ""
        started = time.perf_counter()
        rows, extra = run(articles, opts)
        seconds = time.perf_counter() - started
        note = "; ".join(x for x in (note, extra) if x)
        return {"seconds": seconds, "bytes": _text_bytes(articles), "rows": rows, "note": note}

    return stage_fn


def _fast_matrix(articles, opts):
    from presslens import text

    dtm = text.document_term_matrix(articles)
    return dtm.matrix.shape[0], f"{dtm.matrix.shape[1]:,} terms, {dtm.matrix.nnz:,} cells"


def _naive_matrix(articles, opts):
    from collections import Counter

    from nltk.tokenize import TreebankWordTokenizer

    tok = TreebankWordTokenizer()
    counts = [Counter(w.lower() for w in tok.tokenize(t)) for t in articles["text"]]
    terms = set().union(*counts) if counts else set()
    return len(counts), f"{len(terms):,} terms"


def _fast_distinctive(articles, opts):
    import warnings

    from presslens import wording

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", wording.SmallSampleWarning)
        table = wording.distinctive_terms(articles, by="outlet", n_resamples=opts.bootstrap)
    return len(table), f"bootstrap {opts.bootstrap}; lexicon phrases"


def _naive_distinctive(articles, opts):
    from wording import _run_naive  # benchmarks/wording.py

    result = _run_naive(articles, 0)
    return result["rows"], "no bootstrap"


def _fast_naming(articles, opts):
    from presslens import framing

    table = framing.naming_by_outlet(articles)
    return len(table), f"{int(table['count'].sum()):,} hits"


def _naive_naming(articles, opts):
    import pandas as pd

    from presslens import lexicons

    lex = lexicons.naming()
    patterns = [
        (g, v, lexicons.pattern_regex(p))
        for g, v, p in zip(lex["group"], lex["variant"], lex["pattern"], strict=True)
    ]

    def per_article(row):
        return pd.Series({f"{g}|{v}": len(rx.findall(row["text"])) for g, v, rx in patterns})

    counts = articles.apply(per_article, axis=1)
    table = counts.groupby(articles["outlet"]).sum()
    return table.size, f"{int(table.to_numpy().sum()):,} hits"


def _fast_frames(articles, opts):
    from presslens import framing

    table = framing.frames_by_outlet(articles)
    return len(table), "bootstrap intervals (config.N_BOOTSTRAP)"


def _naive_frames(articles, opts):
    import pandas as pd

    from presslens import lexicons
    from presslens import text as T

    lex = lexicons.frames()
    cues = [
        (f, lexicons.pattern_regex(p)) for f, p in zip(lex["group"], lex["pattern"], strict=True)
    ]
    frames = list(dict.fromkeys(lex["group"]))

    def per_article(row):
        text = row["text"]
        flags = {f: 0 for f in frames}
        n_paragraphs = len(T.paragraph_spans(text))
        by_paragraph: dict[int, set] = {}
        for p, a, b in T.sentence_spans(text):
            sentence = text[a:b]
            for f, rx in cues:
                if rx.search(sentence):
                    by_paragraph.setdefault(p, set()).add(f)
        for found in by_paragraph.values():
            for f in found:
                flags[f] += 1
        return pd.Series({"n": n_paragraphs, **flags})

    counts = articles.apply(per_article, axis=1).groupby(articles["outlet"]).sum()
    shares = counts[frames].div(counts["n"], axis=0)
    return shares.size, "shares only, no intervals"


def _fast_quotes(articles, opts):
    from presslens import sourcing

    table = sourcing.find_quotes(articles)
    return len(table), f"{len(table):,} quotes"


def _naive_quotes(articles, opts):
    import pandas as pd

    from presslens import sourcing

    parts = articles.apply(lambda r: sourcing.find_quotes(r.to_frame().T), axis=1)
    table = pd.concat(parts.tolist(), ignore_index=True)
    return len(table), f"{len(table):,} quotes"


FAST = {
    "ingest": fast_ingest,
    "reingest": fast_reingest,
    "load": fast_load,
    "matrix": _analysis("matrix", _fast_matrix),
    "distinctive": _analysis("distinctive", _fast_distinctive),
    "naming": _analysis("naming", _fast_naming),
    "frames": _analysis("frames", _fast_frames),
    "quotes": _analysis("quotes", _fast_quotes),
}
NAIVE = {
    "ingest": naive_ingest,
    "load": naive_load,
    "matrix": _analysis("matrix", _naive_matrix),
    "distinctive": _analysis("distinctive", _naive_distinctive),
    "naming": _analysis("naming", _naive_naming),
    "frames": _analysis("frames", _naive_frames),
    "quotes": _analysis("quotes", _naive_quotes),
}


def _missing_dependency(stage: str) -> str:
    """Why a stage cannot run with the library as it is now ("" when it can)."""
    needs = {
        "naming": ("presslens.framing", "naming_by_outlet"),
        "frames": ("presslens.framing", "frames_by_outlet"),
        "quotes": ("presslens.sourcing", "find_quotes"),
        "distinctive": ("presslens.wording", "distinctive_terms"),
    }
    if stage not in needs:
        return ""
    module, name = needs[stage]
    try:
        mod = __import__(module, fromlist=[name])
    except Exception as exc:  # noqa: BLE001 - report, do not crash the whole benchmark
        return f"{module} cannot be imported ({exc.__class__.__name__}: {exc})"
    return "" if hasattr(mod, name) else f"{module}.{name} does not exist yet"


def child(args) -> None:
    """Run one stage (fast or naive) and print its result as one JSON line."""
    os.environ["PRESSLENS_RAW"] = str(args.raw)
    os.environ["PRESSLENS_PROCESSED"] = str(args.processed)
    missing = _missing_dependency(args.child)
    if missing:
        print("RESULT " + json.dumps({"skipped": missing}), flush=True)
        return
    table = FAST if args.variant == "fast" else NAIVE
    result = table[args.child](Path(args.raw), Path(args.processed), args)
    result["ru_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["ru_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("RESULT " + json.dumps(result), flush=True)


# ---------------------------------------------------------------------------------------------
# The parent: run each stage in a child, sample its memory, print the table.


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _pss(pid: int) -> int | None:
    """Proportional set size of one process in bytes (Linux), None where the kernel lacks it."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _rss(pid: int) -> int:
    """Resident set size in bytes, from `/proc/<pid>/statm` (0 once the process is gone)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _tree(pid: int) -> list[int]:
    """A process and its descendants, from `/proc/<pid>/task/*/children` (Linux; no scan of
    every process on the machine, unlike `psutil.Process.children`)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(x) for x in children.read_text().split())
            except OSError:
                pass
    return found


class _MemorySampler:
    """Peak memory of a process tree, sampled cheaply enough not to slow the stage it measures
    (the stage uses both cores; the sampler must not take a share of them).

    Every 50 ms: RSS of each process (`statm`). Every 500 ms: the process list. At most every
    250 ms, and only when the RSS sum (an upper bound) exceeds the PSS peak so far: PSS, whose
    read walks page tables (several ms on a GB-sized Python heap).
    """

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_pss = self.peak_rss = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        pids, listed, last_pss = [self.pid], 0.0, 0.0
        while not self.done.is_set():
            now = time.monotonic()
            if now - listed >= 0.5:
                pids, listed = _tree(self.pid), now
            sizes = {pid: _rss(pid) for pid in pids}
            rss = sum(sizes.values())
            self.peak_rss = max(self.peak_rss, rss)
            if rss > self.peak_pss and now - last_pss >= 0.25:
                last_pss = now
                pss = sum(p if (p := _pss(pid)) is not None else r for pid, r in sizes.items())
                self.peak_pss = max(self.peak_pss, pss)
            self.done.wait(0.05)

    def __enter__(self) -> _MemorySampler:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.thread.join()


def run_stage(stage: str, variant: str, n: int, raw: Path, processed: Path, opts) -> dict:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        stage,
        "--variant",
        variant,
        "--raw",
        str(raw),
        "--processed",
        str(processed),
        "--size",
        str(n),
        "--workers",
        str(opts.workers),
        "--bootstrap",
        str(opts.bootstrap),
    ]
    if variant == "naive" and opts.naive_max and opts.naive_max < n:
        cmd += ["--limit", str(opts.naive_max)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    with _MemorySampler(proc.pid) as memory:
        out, err = proc.communicate()
    line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
    if proc.returncode != 0 or line is None:
        tail = "\n".join(err.strip().splitlines()[-15:])
        return {"error": f"exit {proc.returncode}: {tail}"}
    result = json.loads(line[len("RESULT ") :])
    if "skipped" not in result:
        result["peak_mb"] = max(memory.peak_pss / 2**20, result["ru_maxrss_mb"])
        result["peak_rss_sum_mb"] = max(memory.peak_rss / 2**20, result["ru_maxrss_mb"])
    return result


def _fmt(x, spec: str, missing: str = "–") -> str:
    return missing if x is None else format(x, spec)


def benchmark(opts) -> dict:
    results: dict[int, dict[str, dict]] = {}
    for n in opts.sizes:
        raw, processed, size = ensure_corpus(n)
        print(f"\n== {n:,} pages ({size / 2**20:.0f} MB raw), workers {opts.workers} ==")
        results[n] = {}
        # The analyses read the processed tables: make sure they exist even without `ingest`.
        stages = list(opts.stages)
        if "ingest" not in stages and not (processed / "articles.parquet").exists():
            run_stage("ingest", "fast", n, raw, processed, opts)
        for stage in stages:
            fast = run_stage(stage, "fast", n, raw, processed, opts)
            naive = None
            if stage in NAIVE and opts.naive and "error" not in fast and "skipped" not in fast:
                naive = run_stage(stage, "naive", n, raw, processed, opts)
            elif stage == "reingest" and "ingest" in results[n]:
                naive = dict(results[n]["ingest"]["fast"], note="cold ingest (no cache)")
            results[n][stage] = {"fast": fast, "naive": naive}
            print(_row(n, stage, fast, naive), flush=True)
    return results


def _ratio(fast: dict, naive: dict | None) -> float | None:
    if not naive or "seconds" not in naive or not fast.get("bytes") or not naive.get("bytes"):
        return None
    return (naive["seconds"] / naive["bytes"]) / (fast["seconds"] / fast["bytes"])


HEADER = (
    f"{'pages':>7} {'stage':<12}{'seconds':>9}{'s/100k':>9}{'MB/s':>8}{'peak MB':>9}"
    f"{'naive s':>9}{'ratio':>8}  notes"
)


def _row(n: int, stage: str, fast: dict, naive: dict | None) -> str:
    if "skipped" in fast:
        return f"{n:>7} {stage:<12} skipped: {fast['skipped']}"
    if "error" in fast:
        return f"{n:>7} {stage:<12} FAILED: {fast['error']}"
    per100k = fast["seconds"] * 100_000 / n
    mbs = fast["bytes"] / 2**20 / fast["seconds"] if fast["seconds"] else float("inf")
    ratio = _ratio(fast, naive)
    notes = [fast.get("note", "")]
    if fast.get("peak_rss_sum_mb", 0) > fast["peak_mb"] * 1.05:
        notes.append(f"RSS summed over processes {fast['peak_rss_sum_mb']:.0f} MB")
    if naive and "error" in naive:
        notes.append("naive FAILED: " + naive["error"].splitlines()[-1])
    elif naive and naive.get("note"):
        notes.append("naive: " + naive["note"])
    return (
        f"{n:>7} {stage:<12}{fast['seconds']:>9.2f}{per100k:>9.1f}{mbs:>8.1f}{fast['peak_mb']:>9.0f}"
        f"{_fmt(naive.get('seconds') if naive else None, '9.2f', '        –')}"
        f"{_fmt(ratio, '8.1f', '       –')}  {'; '.join(x for x in notes if x)}"
    )


def targets(results: dict) -> list[str]:
    """One line per issue target: met, MISSED, or not measured (and why)."""
    lines = []
    ok = {n: r for n, r in results.items()}

    def total(n: int) -> tuple[float, float, list[str]]:
        secs, peak, absent = 0.0, 0.0, []
        for stage in PIPELINE:
            r = ok[n].get(stage, {}).get("fast")
            if not r or "seconds" not in r:
                absent.append(stage)
                continue
            secs += r["seconds"]
            peak = max(peak, r["peak_mb"])
        return secs, peak, absent

    big = max(ok) if ok else None
    if big is not None:
        secs, peak, absent = total(big)
        scope = f"{big:,} pages" + (f" (without {', '.join(absent)})" if absent else "")
        if big == 100_000:
            met = secs < TARGET_SECONDS and peak < TARGET_MB
            status = "not measured" if absent else "met" if met else "MISSED"
            lines.append(
                f"[{status}] 100k pages through every stage < 5 min, peak < 4 GB:"
                f" {scope}: {secs:.0f} s, peak {peak:.0f} MB"
            )
        else:
            lines.append(
                f"[not measured] 100k pages < 5 min / < 4 GB (largest size run: {scope}: "
                f"{secs:.1f} s, ×{100_000 / big:g} → ~{secs * 100_000 / big:.0f} s if linear; "
                f"peak {peak:.0f} MB)"
            )
    sizes = sorted(ok)
    pairs = [(a, b) for a in sizes for b in sizes if b == 10 * a]
    for a, b in pairs:
        worst = []
        for stage in PIPELINE + ("reingest",):
            ra, rb = ok[a].get(stage, {}).get("fast"), ok[b].get(stage, {}).get("fast")
            if ra and rb and "seconds" in ra and "seconds" in rb:
                worst.append((rb["seconds"] / ra["seconds"], stage))
        ta, tb = total(a)[0], total(b)[0]
        growth = tb / ta if ta else float("nan")
        over = [f"{s} ×{g:.1f}" for g, s in sorted(worst, reverse=True) if g > TARGET_GROWTH]
        stage_list = ", ".join(f"{s} ×{g:.1f}" for g, s in worst)
        lines.append(
            f"[{'met' if growth <= TARGET_GROWTH else 'MISSED'}] linear growth {a:,} → {b:,} pages:"
            f" total ×{growth:.1f} (≤ ×11); per stage: {stage_list}"
            + (f"; stages over ×11: {', '.join(over)}" if over else "")
        )
    if not pairs:
        lines.append("[not measured] linear growth: needs two sizes 10× apart")
    for n in sizes:
        r = ok[n].get("reingest", {}).get("fast")
        if r and "seconds" in r:
            status = (
                ("met" if r["seconds"] < TARGET_REINGEST else "MISSED") if n == 100_000 else "info"
            )
            lines.append(
                f"[{status}] +10 pages re-ingest on {n:,} pages: {r['seconds']:.2f} s (< 5 s)"
            )
    return lines


def markdown(results: dict, opts) -> str:
    """The results as a Markdown table (for the README's scaling section)."""
    out = [
        "| pages | stage | seconds | s per 100k | MB/s | peak MB | naive s | ratio | notes |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for n, stages in results.items():
        for stage, r in stages.items():
            fast, naive = r["fast"], r["naive"]
            if "seconds" not in fast:
                out.append(
                    f"| {n:,} | {stage} | – | – | – | – | – | – | {fast.get('skipped') or fast.get('error', '').splitlines()[-1]} |"
                )
                continue
            ratio = _ratio(fast, naive)
            note = "; ".join(
                x
                for x in (
                    fast.get("note", ""),
                    ("naive: " + naive["note"]) if naive and naive.get("note") else "",
                )
                if x
            )
            out.append(
                f"| {n:,} | {stage} | {fast['seconds']:.2f} | {fast['seconds'] * 100_000 / n:.1f} | "
                f"{fast['bytes'] / 2**20 / fast['seconds']:.1f} | {fast['peak_mb']:.0f} | "
                f"{_fmt(naive.get('seconds') if naive else None, '.2f')} | {_fmt(ratio, '.1f')}× | {note} |"
            )
    return "\n".join(out)


def parse(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument(
        "--bootstrap", type=int, default=0, help="distinctive terms' paragraph bootstrap resamples"
    )
    parser.add_argument(
        "--naive-max",
        type=int,
        default=20_000,
        help="run naive baselines on at most this many articles/pages (0: all)",
    )
    parser.add_argument("--no-naive", dest="naive", action="store_false")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    # internal: one stage in a child process
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--variant", default="fast", help=argparse.SUPPRESS)
    parser.add_argument("--raw", help=argparse.SUPPRESS)
    parser.add_argument("--processed", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    args.stages = [s for s in args.stages.split(",") if s]
    unknown = set(args.stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stages {sorted(unknown)}; choose from {', '.join(STAGES)}")
    return args


def main(argv=None) -> dict | None:
    opts = parse(argv)
    if opts.child:
        child(opts)
        return None
    started = time.perf_counter()
    print(HEADER)
    results = benchmark(opts)
    print("\ntargets (issue 7):")
    for line in targets(results):
        print("  " + line)
    if opts.markdown:
        print("\n" + markdown(results, opts))
    if opts.json:
        opts.json.write_text(json.dumps(results, indent=1))
    print(
        f"\nnaive baselines: {'capped at the first ' + format(opts.naive_max, ',') + ' articles/pages (ratios compare rates)' if opts.naive_max else 'full size'}; "
        f"distinctive-terms bootstrap: {opts.bootstrap} resamples; whole benchmark {time.perf_counter() - started:.0f} s"
    )
    return results


if __name__ == "__main__":
    main()
