"""A time limit on reading one document (the I/O edge of parsing).

A document is data from outside: a few hundred bytes of nested Markdown brackets, or a list
nested three thousand deep, keep Python-Markdown busy for minutes, and a build holds the
state's lock while it parses. So each document is parsed under a watchdog: an interval timer
(``signal.setitimer``) whose ``SIGALRM`` handler raises ``TimedOut`` in the code that is
parsing, wherever it is. Python checks for signals between bytecodes and inside the regular
expression engine, and what parses in C without checking (lxml, the JSON and YAML scanners)
is linear in its input, which the size limit bounds.

Signals reach only the main thread of a process, so the watchdog is there only when the
caller is the main thread and no other interval timer is running (``watchdog_available``);
a build called from another thread (``feedpub serve --watch`` rebuilds on one) parses in a
worker process instead, whose main thread runs the watchdog.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["TimedOut", "time_limit", "watchdog_available"]


class TimedOut(BaseException):
    """The time limit ran out. A ``BaseException``, like ``KeyboardInterrupt``: the code it
    interrupts (a parser catching ``Exception`` to try something else) must not swallow it."""


def watchdog_available() -> bool:
    """Whether ``time_limit`` can interrupt code running in this thread."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # nobody else's timer
    )


def _expired(signum: int, frame: FrameType | None) -> None:
    raise TimedOut


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``TimedOut`` in the ``with`` body once it has run ``seconds``.

    Only where ``watchdog_available()``; callers check that first and parse elsewhere when it
    is not. The previous ``SIGALRM`` handler is put back afterwards.
    """
    previous = signal.signal(signal.SIGALRM, _expired)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
