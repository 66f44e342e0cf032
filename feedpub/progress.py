"""A one-line progress display for long builds on a terminal (stdlib only).

Shown only when asked for (the CLI asks when stderr is a terminal and ``--quiet`` is not
given), and then only for a run with many documents to parse or one that has taken a while:
a short run, a cron job (no terminal) or a script never see it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["ProgressLine"]

MANY_DOCUMENTS = 200  # documents to parse that make a run "long" from its start
SLOW_AFTER = 1.5  # seconds after which any run with parsing left to do shows progress
_INTERVAL = 0.1  # seconds between redraws: a terminal need not be written 10,000 times


class ProgressLine:
    """``progress(done, total)`` callback drawing ``\\r``-updated text; cleared when done."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        self._started: float | None = None
        self._drawn_at = float("-inf")
        self._width = 0  # characters on the line now, to clear

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        if self._started is None:
            self._started = now
        if done >= total:
            self.clear()
            return
        long_run = total >= MANY_DOCUMENTS or now - self._started >= SLOW_AFTER
        if not long_run or now - self._drawn_at < _INTERVAL:
            return
        self._drawn_at = now
        text = f"feedpub: parsing documents {done}/{total} ({100 * done // total}%)"
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)

    def clear(self) -> None:
        """Remove the line, so what is printed next starts on a clean line."""
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0
