"""Running a pure function over many items in worker processes, results in input order.

A first build parses every document, and parsing is pure CPU work: worker processes divide
its time by the number of cores. The items are sent in batches (one round trip per batch,
not per document) and at most a few batches are in flight, so memory stays bounded however
many items there are.

The workers are plain ``python -c`` child processes that read pickled batches on stdin and
write pickled results on stdout, not ``multiprocessing`` ones: ``fork`` would hand them the
build's open SQLite connection and lock (a child closing an inherited SQLite connection can
damage the database), and ``spawn`` runs the caller's main script again in every worker.
A worker whose parent died (a ``SIGKILL``ed cron run) sees its stdin close and exits.

Starting a worker costs more than Python's start: the libraries its function needs (the
normaliser's parsers, patterns and language model: about a third of a second of CPU). With
``warm``, only the first worker pays it: it runs ``warm`` (the imports), then forks the
others, which start with all of it loaded. It has no SQLite connection to pass on, and it
waits for the workers it forked before it exits, so their CPU time is counted where a parent
looks for it (``RUSAGE_CHILDREN``).

A fork copies only the thread that calls it: a lock another thread held at that moment (in
``malloc``, in a BLAS library's pool) stays locked for ever in the child, which can then hang
on its first use. So the workers start with the thread pools of the numerical libraries set
to one thread (``OPENBLAS_NUM_THREADS`` and its kin: numpy, which the language model needs,
starts OpenBLAS's pool when it is imported), and the first worker forks only when it is the
only thread of its process (counted by the kernel, ``/proc/self/task``, where there is one);
when ``warm`` left another thread running, it starts the other workers from nothing instead:
slower, never stuck.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from itertools import islice
from typing import IO, Any, TypeVar

__all__ = ["WorkerError", "available_cpus", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

_IN_FLIGHT = 2  # batches queued per worker: enough to keep it busy, few enough to bound memory


class WorkerError(RuntimeError):
    """A worker process died or answered nonsense (a bug, or it was killed)."""


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


_FORK = "fork"  # the message that makes the first worker fork the others

# One thread each in a worker's numerical libraries: a worker is one CPU's share already, and
# a thread pool started at import would make forking the others unsafe (see the module).
_ONE_THREAD = dict.fromkeys(
    (
        "OPENBLAS_NUM_THREADS",
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
        "BLIS_NUM_THREADS",
        "VECLIB_MAXIMUM_THREADS",
        "NUMEXPR_NUM_THREADS",
    ),
    "1",
)


def _thread_count() -> int:
    """The threads of this process: the kernel's count, which sees the threads C libraries
    start too, or Python's own where the kernel does not say."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def serve(stdin: IO[bytes] | None = None, stdout: IO[bytes] | None = None) -> None:
    """The worker's loop: ``(func, batch)`` in, ``func(batch)`` out, until stdin closes;
    ``(_FORK, (warm, fds))`` runs ``warm`` and forks a worker for each pair of ``fds``."""
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the results
    forked: list[int] = []
    try:
        _serve(stdin, stdout, forked)
    finally:
        for pid in forked:  # their CPU time is counted once they are waited for
            with suppress(ChildProcessError, KeyboardInterrupt):
                os.waitpid(pid, 0)


def _serve(stdin: IO[bytes], stdout: IO[bytes], forked: list[int]) -> None:
    while True:
        try:
            func, batch = pickle.load(stdin)
        except (EOFError, pickle.UnpicklingError):
            return  # stdin closed, or the parent died halfway through a batch
        except KeyboardInterrupt:
            return  # Ctrl-C reaches the whole process group: the parent says it, once
        if func == _FORK:
            warm, fds = batch
            warm()
            if _thread_count() == 1:
                forked += _fork_workers(fds, (stdin, stdout))
            else:  # forking a process with threads can hang the child: see the module
                forked += _start_workers(fds)
            continue
        try:
            pickle.dump(func(batch), stdout, protocol=pickle.HIGHEST_PROTOCOL)
            stdout.flush()
        except KeyboardInterrupt:
            return
        except BrokenPipeError:
            # The parent is gone (a killed build): nobody wants the answer, and a traceback
            # here would reach cron's mail. Point stdout at nothing so that the flush at
            # exit does not fail the same way.
            devnull = os.open(os.devnull, os.O_WRONLY)
            with suppress(OSError, ValueError):
                os.dup2(devnull, stdout.fileno())
            return


def _fork_workers(fds: Sequence[int], own: tuple[IO[bytes], IO[bytes]]) -> list[int]:
    """Fork a worker for each (stdin, stdout) pair of ``fds``, and close them here: each
    worker holds only its own pipes (a worker that dies is then seen to die)."""
    pids = []
    for index in range(0, len(fds), 2):
        pid = os.fork()
        if pid == 0:  # the new worker
            status = 0
            try:
                mine = fds[index : index + 2]
                for fd in fds:
                    if fd not in mine:
                        os.close(fd)
                # Not the first worker's pipes: its parent must see them close when it ends.
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, own[0].fileno())
                os.dup2(sys.stderr.fileno(), own[1].fileno())
                serve(os.fdopen(mine[0], "rb"), os.fdopen(mine[1], "wb"))
            except BaseException:
                status = 1
            finally:
                os._exit(status)  # never back into the first worker's loop
        pids.append(pid)
    for fd in fds:
        os.close(fd)
    return pids


def _start_workers(fds: Sequence[int]) -> list[int]:
    """Start a worker from nothing on each (stdin, stdout) pair of ``fds`` (what
    ``_fork_workers`` does without forking), and close them here."""
    pids = []
    try:
        for index in range(0, len(fds), 2):
            process = subprocess.Popen(_SERVE, stdin=fds[index], stdout=fds[index + 1])
            pids.append(process.pid)  # waited for with the forked ones, by its pid
    finally:
        for fd in fds:
            os.close(fd)
    return pids


_SERVE = [sys.executable, "-c", "from feedpub.parallel import serve; serve()"]


class _Worker:
    def __init__(self, child_fds: Sequence[int] = ()) -> None:
        # The child must import the same feedpub as this process, wherever that came from.
        env = {
            **os.environ,
            **_ONE_THREAD,
            "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
        }
        self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
            _SERVE,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            pass_fds=child_fds,
        )
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.stdin: IO[bytes] = self.process.stdin
        self.stdout: IO[bytes] = self.process.stdout

    def send(self, message: object) -> None:
        pickle.dump(message, self.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.stdin.flush()

    def run(self, func: Callable[[list[Any]], list[Any]], batch: list[Any]) -> list[Any]:
        try:
            self.send((func, batch))
            results: list[Any] = pickle.load(self.stdout)
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            raise WorkerError(f"a worker process failed ({self._status()})") from exc
        return results

    def _status(self) -> str:
        if self.process is None:
            return "a worker forked by the first one"
        try:
            status = self.process.wait(timeout=5)  # its stdout is closed: it is exiting
        except subprocess.TimeoutExpired:
            return "still running"
        if status < 0:
            with suppress(ValueError):
                return f"killed by {signal.Signals(-status).name}"
        return f"exit status {status}"

    def close_input(self) -> None:
        with suppress(OSError):
            self.stdin.close()  # the worker's signal to exit

    def close(self) -> None:
        self.close_input()
        try:
            if self.process is not None:
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            self.stdout.close()


class _Forked(_Worker):
    """A worker the first one forked: its pipes; its process is the first worker's child."""

    def __init__(self, to_worker: int, from_worker: int) -> None:
        self.process = None
        self.stdin = os.fdopen(to_worker, "wb")
        self.stdout = os.fdopen(from_worker, "rb")


class _Pool:
    """The workers, idle ones in a queue; one that died is replaced by a new one."""

    def __init__(self, count: int, warm: Callable[[], object] | None = None) -> None:
        self.started: list[_Worker] = []
        self.idle: queue.Queue[_Worker] = queue.Queue()
        try:
            if warm is not None and count > 1 and hasattr(os, "fork"):
                self._start_forking(count, warm)
            else:
                for _ in range(count):
                    self.idle.put(self._start())
        except BaseException:
            self.close()
            raise

    def _start(self) -> _Worker:
        worker = _Worker()
        self.started.append(worker)
        return worker

    def _start_forking(self, count: int, warm: Callable[[], object]) -> None:
        """The first worker, which runs ``warm`` and forks the ``count - 1`` others."""
        # Each forked worker reads the first pipe of its pair and writes the second; this
        # process the other ends. Until a worker object owns an end, ``loose`` does: a
        # failure on the way (no more descriptors, the first worker dead at once) closes
        # every end not yet owned, and ``__init__`` closes every worker started.
        loose: list[int] = []
        try:
            pipes = []
            for _ in range(count - 1):
                reads, writes = os.pipe(), os.pipe()
                loose += [*reads, *writes]
                pipes.append((reads, writes))
            child_fds = [fd for (reads, _), (_, writes) in pipes for fd in (reads, writes)]
            first = _Worker(child_fds)
            self.started.append(first)
            for fd in child_fds:  # the first worker's now: this process lets them go
                loose.remove(fd)
                os.close(fd)
            for (_, to_worker), (from_worker, _) in pipes:
                self.started.append(_Forked(to_worker, from_worker))
                loose.remove(to_worker)
                loose.remove(from_worker)
            first.send((_FORK, (warm, child_fds)))
        finally:
            for fd in loose:
                os.close(fd)
        for worker in self.started:
            self.idle.put(worker)

    def run(self, func: Callable[[list[Any]], list[Any]], chunk: list[Any]) -> list[Any]:
        # One thread per worker at a time: each worker answers one batch before the next.
        worker = self.idle.get()
        try:
            results = worker.run(func, chunk)
        except WorkerError:
            worker.close()
            self.idle.put(self._start())
            raise
        self.idle.put(worker)
        if len(results) != len(chunk):
            raise WorkerError(f"{len(results)} results for {len(chunk)} items")
        return results

    def close(self) -> None:
        # Every worker told first: the first one waits for those it forked before it exits.
        for worker in self.started:
            worker.close_input()
        _close_all(self.started)


def _close_all(workers: Sequence[_Worker]) -> None:
    """Close every one of ``workers``, even when closing one is interrupted (a second
    Ctrl-C while waiting for a worker to exit): the others' pipes are closed all the same."""
    if workers:
        try:
            workers[0].close()
        finally:
            _close_all(workers[1:])


@contextmanager
def _workers(count: int, warm: Callable[[], object] | None = None) -> Iterator[_Pool]:
    pool: _Pool | None = None
    try:
        pool = _Pool(count, warm)
        yield pool
    finally:
        if pool is not None:
            pool.close()


def ordered_map(
    func: Callable[[list[T]], list[R]],
    items: Iterable[T],
    *,
    workers: int,
    batch: int,
    on_crash: Callable[[T, WorkerError], R] | None = None,
    warm: Callable[[], object] | None = None,
) -> Generator[tuple[T, R], None, None]:
    """Yield ``(item, result)`` for every item, in the order of ``items``.

    ``func`` takes a batch of items and returns one result per item; it must be a
    module-level function (it is sent to the workers by name) and should not raise.
    A worker that dies (a crash in C code, the kernel's OOM killer) raises ``WorkerError``;
    with ``on_crash``, its batch is sent again one item at a time, each to a new worker if
    need be, and an item whose worker dies again gets ``on_crash(item, error)`` as its result.
    ``warm`` (module-level too): what every worker would load first (imports); the first
    worker runs it and forks the others from itself (see the module).
    """
    closing = threading.Event()  # the caller stopped (Ctrl-C, say): no retries then
    with _workers(workers, warm) as pool, ThreadPoolExecutor(workers) as threads:

        def run(chunk: list[T]) -> list[R]:
            try:
                results: list[R] = pool.run(func, chunk)
            except WorkerError as exc:
                if on_crash is None or closing.is_set():
                    raise
                if len(chunk) == 1:
                    return [on_crash(chunk[0], exc)]
                return [result for item in chunk for result in run([item])]
            return results

        pending: deque[tuple[list[T], Future[list[R]]]] = deque()
        try:
            iterator = iter(items)
            while chunk := list(islice(iterator, batch)):
                pending.append((chunk, threads.submit(run, chunk)))
                while len(pending) > _IN_FLIGHT * workers:
                    chunk, future = pending.popleft()
                    yield from zip(chunk, future.result(), strict=True)
            while pending:
                chunk, future = pending.popleft()
                yield from zip(chunk, future.result(), strict=True)
        finally:
            closing.set()
            for _, future in pending:
                future.cancel()
