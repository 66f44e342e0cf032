from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

import feedpub.parallel
import feedpub.pipeline
from feedpub import build, load_config
from feedpub.parallel import ordered_map

from .conftest import SEED, spy_on_workers

ROOT = Path(__file__).resolve().parent.parent


def _with_pid(batch: list[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in batch]


def test_ordered_map_keeps_the_order_and_uses_other_processes() -> None:
    results = list(ordered_map(_with_pid, range(40), workers=2, batch=3))
    assert [item for item, _ in results] == list(range(40))
    assert [square for _, (square, _) in results] == [i * i for i in range(40)]
    pids = {pid for _, (_, pid) in results}
    assert os.getpid() not in pids
    assert len(pids) == 2


def _corpus(root: Path) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    shutil.copytree(SEED.parent, root / "docs", ignore=shutil.ignore_patterns("*.py"))
    corpus.write_corpus(root / "docs" / "generated", 40, seed=8)
    (root / "docs" / "broken.txt").write_text("42\n", encoding="utf-8")
    (root / "docs" / "empty.txt").write_bytes(b"")
    (root / "config.toml").write_text(
        '[feed]\ntitle = "T"\nsite_url = "https://t.example.org/"\nauthor = "T"\n'
        '[input]\nfolder = "docs"\ntimezone = "Europe/Brussels"\n'
        "[output]\nmax_entries = 500\n",
        encoding="utf-8",
    )
    return root / "config.toml"


def test_a_parallel_build_equals_a_sequential_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sequential = build(load_config(_corpus(tmp_path / "one")))
    monkeypatch.setattr(feedpub.pipeline, "_PARALLEL_MIN", 1)
    monkeypatch.setattr(feedpub.parallel, "available_cpus", lambda: 2)
    monkeypatch.setattr(feedpub.pipeline, "_BATCH", 7)
    parallel = build(load_config(_corpus(tmp_path / "two")))
    assert parallel.entries == sequential.entries
    assert len(parallel.entries) > 40
    assert [(type(e), str(e)) for e in parallel.errors] == [
        (type(e), str(e)) for e in sequential.errors
    ]
    assert len(parallel.errors) >= 2
    for name in ("atom.xml", "rss.xml", "feed.json"):
        one = (tmp_path / "one" / "public" / name).read_bytes()
        assert (tmp_path / "two" / "public" / name).read_bytes() == one


# A build whose workers parse: the parent process never imports the normaliser (its imports
# and patterns are start-up CPU that only the workers need).
_PARENT_PROBE = """\
import sys
import threading
import feedpub.parallel, feedpub.pipeline
from feedpub import build, load_config
feedpub.pipeline._PARALLEL_MIN = 1
feedpub.parallel.available_cpus = lambda: 2
report = build(load_config(sys.argv[1]))
assert len(report.entries) > 40, report
print(sorted(m for m in ("feedpub.normalise", "markdown", "yaml") if m in sys.modules))
"""


def test_the_parent_of_parsing_workers_does_not_import_the_normaliser(tmp_path: Path) -> None:
    config = _corpus(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", _PARENT_PROBE, str(config)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert result.stdout.split("\n")[-2] == "[]"


def test_a_worker_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from feedpub.parallel import _Worker\n"
            "worker = _Worker(); print(worker.process.pid, flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    deadline = time.monotonic() + 120  # a bound against hanging, not a timing
    while time.monotonic() < deadline:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return  # gone (reaped by init)
        # A zombie is gone too: it only waits to be reaped.
        status = Path(f"/proc/{worker}/stat")
        if status.exists() and status.read_text().split(") ")[-1].startswith("Z"):
            return
        time.sleep(0.1)
    os.kill(worker, signal.SIGKILL)
    pytest.fail("the worker outlived its parent")


@pytest.mark.parametrize("half_sent", [False, True])
def test_a_worker_whose_parent_is_gone_exits_without_a_traceback(half_sent: bool) -> None:
    """A build killed mid-parse (cron, SIGKILL) left each busy worker printing a
    BrokenPipeError traceback on the way out: mail from cron about nothing. Killed while
    sending a batch, the parent leaves half a message."""
    import pickle

    worker = subprocess.Popen(
        [sys.executable, "-c", "from feedpub.parallel import serve; serve()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert worker.stdin is not None
    assert worker.stdout is not None
    worker.stdout.close()  # the parent is gone: nobody will read the answer
    message = pickle.dumps((sorted, [3, 1, 2]), protocol=pickle.HIGHEST_PROTOCOL)
    worker.stdin.write(message[: len(message) // 2] if half_sent else message)
    worker.stdin.close()
    assert worker.stderr is not None
    with worker.stderr:
        worker.wait(timeout=20)
        err = worker.stderr.read()
    assert err == b""
    assert worker.returncode == 0


def _tree(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mode & 0o777)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_pages_rendered_in_workers_equal_pages_rendered_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import feedpub.pages

    when = datetime(2026, 1, 1, tzinfo=UTC)

    def small_archive_pages(root: Path) -> Path:
        config = _corpus(root)
        with config.open("a", encoding="utf-8") as file:
            file.write("archive_size = 5\n")
        return config

    sequential = build(load_config(small_archive_pages(tmp_path / "one")), now=when)
    monkeypatch.setattr(feedpub.pages, "PARALLEL_MIN", 1)
    monkeypatch.setattr(feedpub.parallel, "available_cpus", lambda: 2)
    monkeypatch.setattr(feedpub.pages, "CHUNK_WEIGHT", 7)  # many round trips, mixed kinds
    seen = spy_on_workers(monkeypatch)
    parallel = build(load_config(small_archive_pages(tmp_path / "two")), now=when)
    assert seen == [2]  # the pages went to the workers (the parsing did not: 40 documents)
    one, two = _tree(tmp_path / "one" / "public"), _tree(tmp_path / "two" / "public")
    assert len([name for name in one if name.startswith("entries/")]) > 40
    assert len([name for name in one if name.startswith("archive/")]) >= 16
    assert two == one
    assert len(parallel.written) == len(sequential.written)


def _interrupted(batch: list[int]) -> list[int]:
    raise KeyboardInterrupt


def test_a_worker_interrupted_by_ctrl_c_exits_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C reaches the workers too (one process group): each printed a traceback."""
    import io
    import pickle

    monkeypatch.setattr(sys, "stdout", sys.stdout)  # serve() points it at stderr
    request = io.BytesIO(pickle.dumps((_interrupted, [1])))
    answer = io.BytesIO()
    feedpub.parallel.serve(request, answer)  # returns, instead of raising
    assert answer.getvalue() == b""


def _dies_on_five(batch: list[int]) -> list[int]:
    if 5 in batch:
        os.kill(os.getpid(), signal.SIGKILL)
    return [item * 10 for item in batch]


def test_an_item_that_kills_its_worker_gets_on_crash_and_the_others_go_on() -> None:
    results = list(
        ordered_map(
            _dies_on_five,
            range(12),
            workers=2,
            batch=4,
            on_crash=lambda item, error: -1 if "SIGKILL" in str(error) else -2,
        )
    )
    assert results == [(i, -1 if i == 5 else i * 10) for i in range(12)]


def test_without_on_crash_a_dead_worker_is_a_worker_error() -> None:
    with pytest.raises(feedpub.parallel.WorkerError, match="killed by SIGKILL"):
        list(ordered_map(_dies_on_five, range(12), workers=2, batch=4))


_WARMED: list[int] = []


def _warm() -> None:
    _WARMED.append(os.getpid())


def _who(batch: list[int]) -> list[tuple[int, int, int, int]]:
    """(item, pid, parent's pid, how often this process was warmed) for each item."""
    return [(item, os.getpid(), os.getppid(), len(_WARMED)) for item in batch]


def test_with_warm_the_first_worker_is_warmed_once_and_forks_the_others() -> None:
    results = list(ordered_map(_who, range(30), workers=3, batch=2, warm=_warm))
    assert [item for item, _ in results] == list(range(30))
    workers = {(pid, parent, warmed) for _, (_, pid, parent, warmed) in results}
    pids = {pid for pid, _, _ in workers}
    assert len(pids) == 3
    assert os.getpid() not in pids
    # One was started by this process; the other two forked from it, with what it loaded.
    (first,) = {pid for pid, parent, _ in workers if parent == os.getpid()}
    assert {parent for pid, parent, _ in workers if pid != first} == {first}
    assert {warmed for _, _, warmed in workers} == {1}
    assert _WARMED == []  # not here
    for pid in pids:  # all ended, and waited for (no zombie left)
        assert not Path(f"/proc/{pid}").exists()


def _busy(batch: list[int]) -> list[int]:
    start = time.process_time()
    while time.process_time() - start < 0.2:  # CPU time: however busy the machine is
        pass
    return batch


def test_the_cpu_time_of_forked_workers_is_counted_for_this_process() -> None:
    """The first worker waits for the workers it forked: their CPU time reaches
    RUSAGE_CHILDREN (what bench/peers.py and time(1) count), as a started worker's does."""
    import resource

    def children() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    before = children()
    results = list(ordered_map(_busy, range(6), workers=3, batch=1, warm=_warm))
    assert [item for item, _ in results] == list(range(6))
    assert children() - before >= 6 * 0.2


def test_a_forked_worker_that_dies_is_replaced_and_its_item_gets_on_crash() -> None:
    results = list(
        ordered_map(
            _dies_on_five, range(24), workers=3, batch=1, warm=_warm, on_crash=lambda i, e: -1
        )
    )
    assert results == [(i, -1 if i == 5 else i * 10) for i in range(24)]
    with pytest.raises(feedpub.parallel.WorkerError, match="a worker process failed"):
        list(ordered_map(_dies_on_five, range(24), workers=3, batch=1, warm=_warm))


# What a pool opens, it closes, on every way out: counted in /proc/self/fd, failures injected.


def _open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
def test_a_pool_whose_first_worker_fails_to_start_leaves_no_pipe_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_send = feedpub.parallel._Worker.send
    started: list[subprocess.Popen[bytes]] = []

    def dead_at_once(self: feedpub.parallel._Worker, message: object) -> None:
        if isinstance(message, tuple) and message[0] == feedpub.parallel._FORK:
            assert self.process is not None
            started.append(self.process)
            raise BrokenPipeError(32, "Broken pipe")  # as when it died before it read
        real_send(self, message)

    monkeypatch.setattr(feedpub.parallel._Worker, "send", dead_at_once)
    before = _open_fds()
    with pytest.raises(BrokenPipeError):
        list(ordered_map(_who, range(6), workers=3, batch=1, warm=_warm))
    # The pipes meant for the two workers it would have forked were closed too.
    assert _open_fds() == before
    (first,) = started
    assert first.returncode is not None  # waited for


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
def test_a_pool_interrupted_while_it_closes_still_closes_every_pipe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = _open_fds()
    pool = feedpub.parallel._Pool(3, _warm)
    first = pool.started[0]
    assert first.process is not None
    process = first.process
    real_wait = process.wait
    interrupted: list[bool] = []

    def ctrl_c(timeout: float | None = None) -> int:
        if not interrupted:
            interrupted.append(True)
            raise KeyboardInterrupt  # a second Ctrl-C while the pool waits for its worker
        return real_wait(timeout)

    monkeypatch.setattr(process, "wait", ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        pool.close()
    assert interrupted
    real_wait(60)  # reaped here, as the interrupted close did not
    assert _open_fds() == before


def _threads(batch: list[int]) -> list[tuple[int, int, int, int, bool]]:
    """(item, pid, parent's pid, the threads of this process, whether numpy is loaded here)
    for each item."""
    threads = feedpub.parallel._thread_count()
    return [(item, os.getpid(), os.getppid(), threads, "numpy" in sys.modules) for item in batch]


def test_the_parsers_leave_a_worker_one_thread_so_the_others_are_forked() -> None:
    """numpy (for the language model) starts OpenBLAS's thread pool when it is imported; a
    process forked beside another thread may inherit a lock that thread held, and hang."""
    results = list(
        ordered_map(_threads, range(8), workers=2, batch=1, warm=feedpub.pipeline._load_parsers)
    )
    assert [item for item, _ in results] == list(range(8))
    workers = {tuple(worker) for _, (_, *worker) in results}
    assert {(threads, numpy) for _, _, threads, numpy in workers} == {(1, True)}
    (first,) = {pid for pid, parent, _, _ in workers if parent == os.getpid()}
    # Forked from the first, with what it loaded.
    assert {parent for pid, parent, _, _ in workers if pid != first} == {first}


def _warm_with_a_thread() -> None:
    _WARMED.append(os.getpid())
    threading.Thread(target=threading.Event().wait, daemon=True).start()


def test_a_first_worker_with_another_thread_starts_the_others_instead_of_forking() -> None:
    results = list(ordered_map(_who, range(30), workers=3, batch=2, warm=_warm_with_a_thread))
    assert [item for item, _ in results] == list(range(30))
    assert [square for _, (square, *_) in results] == list(range(30))
    workers = {(pid, parent, warmed) for _, (_, pid, parent, warmed) in results}
    assert len({pid for pid, _, _ in workers}) == 3
    (first,) = {pid for pid, parent, _ in workers if parent == os.getpid()}
    others = {(parent, warmed) for pid, parent, warmed in workers if pid != first}
    # Started by the first worker, from nothing: they did not inherit what it loaded.
    assert others == {(first, 0)}
    assert (first, os.getpid(), 1) in workers
    for pid, _, _ in workers:  # all ended, and waited for
        assert not Path(f"/proc/{pid}").exists()
