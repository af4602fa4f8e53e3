"""The one parallel map of the suite: work mapped in this process, on a local process pool or on
a Dask cluster. It never knows what it maps.

The contract, for every map here:

- results come back in input order, so they are the same (byte for byte, once written) as in one
  process, whichever engine ran them and however many workers it had;
- small inputs stay in this process: a pool costs ~0.1 s to start (`pool_workers` decides, the one
  rule for the pool's size: one process below the caller's threshold, when `workers <= 1`, inside a
  daemon process such as a pool or Dask worker, and where no pool can be started; else `workers`,
  all cores when None);
- the mapped function must be pure: it sees its input and module state only.

Two ways in:

- `map_chunks(fn, chunks)` for the analyses' in-memory chunks (tokens, hits, quotes): a fork pool
  from `POOL_MIN_ROWS` rows on; `fn` and the chunks reach the workers by fork (never pickled),
  only the results are pickled.
- `engine_map(engine, ...)`, a context manager yielding `map(fn, batches) -> iterator`, for the
  ingest's batches of file tasks: `"local"` (a process pool, fork where the OS has it, else
  spawn; kept for the whole block, so several maps share it) or `"dask"` (a `LocalCluster`, or the
  cluster at `scheduler`). `fn` must be importable and the batches picklable.

`gc_paused` is for blocks that build millions of small objects.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator

#: Inputs with fewer rows than this are processed in this process (a pool costs ~0.1 s to start).
POOL_MIN_ROWS = 4000
#: Rows per chunk when tokenising for a document-term matrix (bounds the token strings alive).
CHUNK_ROWS = 2000

#: What `engine_map` yields: `map(fn, batches)`, results in batch order.
Mapper = Callable[[Callable, list], Iterator]

_POOL_JOB: dict = {}


@contextlib.contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector for a block that builds millions of small
    objects (tokens, hit rows, cleaned pages): they form no cycles, and the collector's repeated
    passes over them cost a fifth of the time on 100k articles. Forked pool workers inherit it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _start_method(spawn: bool) -> str | None:
    """`fork` where the OS has it; else `spawn` if the caller pickles its work, else None."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn" if spawn else None


def pool_workers(
    n_rows: int, workers: int | None = None, *, min_rows: int = POOL_MIN_ROWS, spawn: bool = False
) -> int:
    """How many processes to use for `n_rows` rows: 1 below `min_rows`, when `workers <= 1`,
    inside a daemon process (a pool worker, a Dask worker) or where `fork` is unavailable (unless
    `spawn`: the caller's work is picklable, so a spawned pool will do); else `workers` (all cores
    when None)."""
    import multiprocessing
    import os

    if workers is not None and workers <= 1:
        return 1
    if n_rows < min_rows or multiprocessing.current_process().daemon:
        return 1
    if _start_method(spawn) is None:
        return 1
    return workers or os.cpu_count() or 1


def map_chunks(fn, chunks: list, *, workers: int | None = None, n_rows: int | None = None) -> list:
    """`[fn(chunk) for chunk in chunks]`, on a fork process pool when it pays (see
    `pool_workers`). Order is kept, so results are the same as in one process. `fn` and the
    chunks reach the workers by fork (no pickling of the input); only results are pickled."""
    if n_rows is None:
        n_rows = sum(len(c) for c in chunks)
    with gc_paused():
        return _map_chunks(fn, chunks, min(pool_workers(n_rows, workers), len(chunks)))


def _pool_call(i: int):
    fn, items = _POOL_JOB["job"]
    return fn(items[i])


def _map_chunks(fn, chunks: list, n_workers: int) -> list:
    if n_workers <= 1:
        return [fn(c) for c in chunks]
    from concurrent.futures import ProcessPoolExecutor

    if _POOL_JOB:  # re-entrant call in this process (should not happen): stay serial
        return [fn(c) for c in chunks]
    _POOL_JOB["job"] = (fn, chunks)
    try:
        with ProcessPoolExecutor(n_workers, mp_context=_context("fork")) as pool:
            return list(pool.map(_pool_call, range(len(chunks))))
    finally:
        _POOL_JOB.clear()


def _context(method: str):
    import multiprocessing

    return multiprocessing.get_context(method)


@contextlib.contextmanager
def engine_map(
    engine: str = "local",
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    min_items: int = POOL_MIN_ROWS,
    initializer: Callable[[], None] | None = None,
    prepare: Callable[[], None] | None = None,
) -> Iterator[Mapper]:
    """Yield `map(fn, batches) -> iterator of fn(batch)` (in batch order) on the chosen engine.

    `"local"`: in this process when the batches hold fewer than `min_items` items in all (see
    `pool_workers`), else on a process pool started on first use and shut down with the block
    (`initializer` runs in each worker as it starts; `prepare` runs in this process just before a
    fork pool starts, to load once what every worker would load: they inherit it). `"dask"`: on
    the cluster at `scheduler`, or on a local cluster of `workers` processes (2 when None) closed
    with the block.
    """
    if engine == "local":
        with _local_engine(workers, min_items, initializer, prepare) as mapper:
            yield mapper
    elif engine == "dask":
        with _dask_engine(scheduler, workers) as mapper:
            yield mapper
    else:
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")


@contextlib.contextmanager
def _local_engine(workers, min_items, initializer, prepare) -> Iterator[Mapper]:
    pool = None

    def local_map(fn, batches):
        nonlocal pool
        n_items = sum(len(b) for b in batches)
        n_workers = pool_workers(n_items, workers, min_rows=min_items, spawn=True)
        if n_workers <= 1:
            return map(fn, batches)
        if pool is None:
            from concurrent.futures import ProcessPoolExecutor

            # fork where the OS has it: no re-import of __main__ (scripts piped to python,
            # notebooks) and no start-up cost; spawn elsewhere.
            method = _start_method(spawn=True)
            if prepare is not None and method == "fork":
                prepare()
            context = _context(method)
            pool = ProcessPoolExecutor(n_workers, mp_context=context, initializer=initializer)
        return pool.map(fn, batches)

    try:
        yield local_map
    finally:
        if pool is not None:
            pool.shutdown()


@contextlib.contextmanager
def _dask_engine(scheduler, workers) -> Iterator[Mapper]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise RuntimeError("engine 'dask' needs dask[distributed] installed") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers or 2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
        client = Client(cluster)

    def dask_map(fn, batches):
        futures = client.map(fn, batches, pure=False)
        for future in futures:
            yield future.result()
            future.release()

    try:
        yield dask_map
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
