"""The one per-process memo: a dict that forgets everything when it would outgrow its limit.

For inputs that recur within a run (a site's template lines, short rows, a page decoded once to
fingerprint it and again to clean it), where an LRU's bookkeeping would cost more than the rare
refill. Each process (and each forked worker) has its own.
"""

from __future__ import annotations


class Memo(dict):
    """Remembered results holding at most `limit` units (entries, bytes or characters, as
    `remember`'s `size` counts them); cleared, not evicted, when full. Read it as a dict."""

    __slots__ = ("limit", "size")

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit
        self.size = 0

    def remember(self, key, value, size: int = 1):
        """`value`, stored under `key` (not when `size` alone is over the limit)."""
        if key in self:
            self[key] = value
            return value
        if self.size + size > self.limit:
            self.clear()
        if size <= self.limit:
            self[key] = value
            self.size += size
        return value

    def clear(self) -> None:
        super().clear()
        self.size = 0
