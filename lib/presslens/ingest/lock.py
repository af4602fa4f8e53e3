"""One writer per output folder, and the errors an ingest raises.

An ingest holds an advisory lock (`fcntl.flock` on `<out>/.cache/ingest.lock`, released by the OS
when its process ends however it ends) for its whole run; a second one fails at once with
`IngestBusy`, the loaders wait for it and check again.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no lock (the suite targets Linux and macOS)
    fcntl = None

from ..files import shown_name
from .layout import CACHE, LOCK


class IngestError(RuntimeError):
    """An ingest that could not run or finish: the output folder cannot be written (full disk,
    permissions), or the raw folder cannot be read. The message is one line for the user (no
    traceback needed); the tables of the last complete run are left as they were."""


class IngestBusy(IngestError):
    """Another process is writing the same output folder."""


_HELD_LOCKS: set[int] = set()  # descriptors of the locks this process holds


def forget_locks() -> None:
    """In a forked worker: close the inherited lock descriptors, so that the lock dies with the
    process that took it, not with the last of its workers (closing a copy does not unlock)."""
    for fd in list(_HELD_LOCKS):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()


def _lock_holder(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        pid = int(os.pread(fd, 32, 0).decode("ascii", "replace").strip())
        return f"pid {pid}"
    return "pid unknown"


@contextlib.contextmanager
def output_lock(out: Path, wait: float = 0.0, *, waiting: Callable[[str], None] | None = None):
    """Hold the one-writer lock of output folder `out` (`<out>/.cache/ingest.lock`) for the block.

    An advisory `fcntl.flock`, released by the OS when the process ends however it ends. When
    another process holds it, wait up to `wait` seconds (calling `waiting(message)` once), then
    raise `IngestBusy` naming that process. `IngestError` when the folder cannot be written.
    """
    path = Path(out) / CACHE / LOCK
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise IngestError(_cannot_write(out, exc)) from exc
    try:
        if fcntl is not None:
            deadline = time.monotonic() + wait
            announced = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    busy = f"another ingest is writing {shown_name(out)} ({_lock_holder(fd)})"
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise IngestBusy(f"{busy}; wait for it or use another --out") from None
                    if waiting is not None and not announced:
                        waiting(f"{busy}: waiting for it to finish")
                        announced = True
                    time.sleep(min(0.2, left))
                except OSError as exc:
                    raise IngestError(
                        f"cannot lock {shown_name(out)}: {exc.strerror or exc}"
                    ) from exc
            with contextlib.suppress(OSError):  # who holds it: for the message of a second run
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _HELD_LOCKS.add(fd)
        yield
    finally:
        _HELD_LOCKS.discard(fd)
        os.close(fd)


def _cannot_write(out: Path, exc: OSError) -> str:
    return (
        f"cannot write {shown_name(out)}: {exc.strerror or exc}; nothing was changed: the tables "
        "of the last complete ingest are still in place (fix that, then run the ingest again)"
    )


@contextlib.contextmanager
def writing(out: Path):
    """Turn a failed write under `out` (full disk, permissions, a file where a folder should be)
    into one `IngestError` naming the folder and the reason."""
    try:
        yield
    except IngestError:
        raise
    except OSError as exc:
        raise IngestError(_cannot_write(out, exc)) from exc
