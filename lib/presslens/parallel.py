"""The one parallel map of the suite: a list of chunks mapped in this process or on a fork pool.

Every heavy per-article stage (document-term matrices, term and actor search, quote
extraction) calls `map_chunks`; results come back in input order, so they are identical to one
process. `gc_paused` is for blocks that build millions of small objects.
"""

from __future__ import annotations

import contextlib
import gc

#: Inputs with fewer rows than this are processed in this process (a pool costs ~0.1 s to start).
POOL_MIN_ROWS = 4000
#: Rows per chunk when tokenising for a document-term matrix (bounds the token strings alive).
CHUNK_ROWS = 2000

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


def _pool_call(i: int):
    fn, items = _POOL_JOB["job"]
    return fn(items[i])


def pool_workers(n_rows: int, workers: int | None = None) -> int:
    """How many processes to use for `n_rows` rows: 1 below `POOL_MIN_ROWS`, inside a daemon
    process (a pool worker, a Dask worker) or where `fork` is unavailable; else `workers` (all
    cores when None)."""
    import multiprocessing
    import os

    if workers is not None and workers <= 1:
        return 1
    if n_rows < POOL_MIN_ROWS or multiprocessing.current_process().daemon:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
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


def _map_chunks(fn, chunks: list, n_workers: int) -> list:
    if n_workers <= 1:
        return [fn(c) for c in chunks]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if _POOL_JOB:  # re-entrant call in this process (should not happen): stay serial
        return [fn(c) for c in chunks]
    _POOL_JOB["job"] = (fn, chunks)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(n_workers, mp_context=context) as pool:
            return list(pool.map(_pool_call, range(len(chunks))))
    finally:
        _POOL_JOB.clear()
