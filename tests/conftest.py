from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from http.server import HTTPServer
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from feedpub.config import Config

# make test runs the same examples every time, however busy the machine: no deadline, no
# health check that measures time, no database of past failures. Property tests that find
# a bug find it on every run, and fail the same way on every machine. For a longer random
# search by hand: HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_properties.py
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent


def load_tool(name: str) -> ModuleType:
    """A script in tools/ as a module (tools/ is no package; its scripts import each other
    by name, so each is registered under its own)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_92fe2bc6f3a1f1dd.txt"
# RFC 4287's RELAX NG schema: the copy feedpub ships, which test_check holds to the RFC's
# text (by its hash, and against ../shared/specs/atom.rng where that is beside the checkout:
# a fresh clone has no ../shared, and `make test` must pass there too).
ATOM_RNG = ROOT / "feedpub" / "schemas" / "atom.rng"
SHARED_ATOM_RNG = ROOT.parent / "shared" / "specs" / "atom.rng"

CONFIG_TEMPLATE = """\
[feed]
title = "Test feed"
site_url = "https://news.example.org/"
feed_url = "https://news.example.org/feeds/"
author = "Test newsroom"
language = "en"

[input]
folder = "docs"
timezone = "Europe/Brussels"

[output]
folder = "public"
"""


def killed_build(
    config: Config, now: datetime, install: Callable[[pytest.MonkeyPatch], None]
) -> bool:
    """A build in a forked child, with ``install`` patching in what kills it (a SIGKILL at
    some step); whether it was killed (False: it finished first)."""
    from feedpub import build

    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            with pytest.MonkeyPatch.context() as monkeypatch:
                install(monkeypatch)
                build(config, now=now)
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status):
        assert os.WEXITSTATUS(status) == 0, "the killed run failed instead"
        return False
    assert os.WTERMSIG(status) == signal.SIGKILL
    return True


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the seed document in ``docs/`` and a ``config.toml``."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED, docs / SEED.name)
    (tmp_path / "config.toml").write_text(CONFIG_TEMPLATE, encoding="utf-8")
    return tmp_path


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[[str], Path]:
    def write(text: str) -> Path:
        path = tmp_path / "config.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@contextmanager
def running(server: HTTPServer) -> Iterator[str]:
    """Serve ``server`` (bound to 127.0.0.1) from a thread; its base URL; stopped at the end."""
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def spy_on_workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """From now on, the worker count of every ``parallel.ordered_map`` call, in order."""
    import feedpub.parallel

    seen: list[int] = []
    real_map = feedpub.parallel.ordered_map

    def spying(func, items, *, workers, **options):  # type: ignore[no-untyped-def]
        seen.append(workers)
        return real_map(func, items, workers=workers, **options)

    monkeypatch.setattr(feedpub.parallel, "ordered_map", spying)
    return seen


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A SeaweedFS S3 store on 127.0.0.1 for the whole session (tests/s3store.py); each test
    takes a bucket of its own (``seaweedfs.new_bucket()``)."""
    from tests.s3store import seaweedfs as started

    with started(tmp_path_factory.mktemp("seaweedfs")) as store:
        yield store


@pytest.fixture
def s3_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """boto3's credentials for the SeaweedFS of ``seaweedfs``, and nothing from the machine."""
    from tests.s3store import client_env

    for name, value in client_env().items():
        monkeypatch.setenv(name, value)
