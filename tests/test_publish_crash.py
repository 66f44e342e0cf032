"""Builds killed at every rename, removal and commit of a run, and what the next run leaves.

A run is killed (SIGKILL, in a forked child: no ``finally`` runs, as with cron's kill -9)
just before its N-th rename, removal or state commit, for every N the run has. The next run
must then leave exactly the files an unbroken history leaves, byte for byte, with no page of
a deleted document, no marker and no temporary file; and every ping the unbroken run sends
must have gone out by then, and every purge of a cache in front.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import etree

from feedpub import build, load_config
from feedpub.config import Config
from feedpub.normalise import document_key
from feedpub.publish import MARKER
from feedpub.state import StateStore, open_state

from .conftest import CONFIG_TEMPLATE, killed_build
from .test_ping import Hub, _running
from .test_publish import write_story

T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)
T1 = datetime(2025, 3, 2, 12, tzinfo=UTC)
T2 = datetime(2025, 3, 3, 12, tzinfo=UTC)
FEEDS = "https://news.example.org/feeds/"
ADDED = range(13, 18)


def _first_docs(docs: Path) -> None:
    for n in range(1, 13):
        # Stories 11 and 12 alone in their sections: deleting 11 leaves its section's feed
        # with a tombstone alone; moving 12 to another section empties a section folder.
        section = {11: "Arts", 12: "Opinion"}.get(n, ("World", "Sport")[n % 2])
        write_story(docs, n, section=section, author=("Ann", "Bob")[n % 2])


def _changes(docs: Path, *, add: bool = True) -> None:
    """New stories (a new section, a new author, a new archive page), two edits, a story
    moved out of its section (which empties it), two deletions (one withdraws the last
    entry of a section)."""
    if add:
        for n in ADDED:
            write_story(docs, n, section="Science" if n % 2 else "World", author="Cy")
    write_story(docs, 12, section="World", author="Ann")
    for n in (2, 7):
        path = write_story(docs, n, section=("World", "Sport")[n % 2], author=("Ann", "Bob")[n % 2])
        path.write_text(path.read_text("utf-8") + "\nAn added paragraph.\n", "utf-8")
    for n in (5, 11):
        (docs / f"story-{n:03d}.md").unlink()


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


class _Ops:
    """Counts the renames, removals and state commits of a run, and can end the process
    (SIGKILL) just before the ``kill_at``-th; ``log`` names each."""

    def __init__(self, kill_at: int | None = None) -> None:
        self.kill_at = kill_at
        self.log: list[str] = []

    def wrap(self, kind: str, real: Callable[..., object]) -> Callable[..., object]:
        def wrapped(*args: object, **kwargs: object) -> object:
            self.log.append(kind if kind == "commit" else f"{kind} {args[-1]}")
            if len(self.log) == self.kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        return wrapped

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(os, "replace", self.wrap("replace", os.replace))
        monkeypatch.setattr(os, "unlink", self.wrap("unlink", os.unlink))
        monkeypatch.setattr(os, "rmdir", self.wrap("rmdir", os.rmdir))
        commit = self.wrap("commit", StateStore.commit)
        monkeypatch.setattr(StateStore, "commit", lambda store: commit(store))


def _killed_build(config: Config, now: datetime, kill_at: int) -> bool:
    """A build killed just before its ``kill_at``-th operation; whether it was."""
    return killed_build(config, now, _Ops(kill_at).install)


def _restore(snapshot: Path, work: Path) -> None:
    """``work`` as it was when ``snapshot`` was taken (same paths: the state names them)."""
    shutil.rmtree(work)
    shutil.copytree(snapshot, work, symlinks=True)


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory where there is one (/dev/shm): SQLite syncs every commit, and a
    hundred builds' syncs on a busy disk are most of this test's time otherwise."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="feedpub-test-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


@pytest.fixture
def hub() -> Iterator[Hub]:
    server = Hub()
    for _ in _running(server):
        yield server


def _project(folder: Path, hub: Hub) -> Config:
    (folder / "docs").mkdir(parents=True)
    (folder / "config.toml").write_text(CONFIG_TEMPLATE, "utf-8")
    config = load_config(folder / "config.toml")
    return replace(config, max_entries=5, archive_size=3, hubs=(hub.url,))


def _topics(hub: Hub) -> set[str]:
    return {form["hub.topic"][0] for form, _ in hub.posts}


def test_every_kill_point_leaves_what_an_unbroken_run_leaves(
    scratch: Path, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A kill is not a power cut: what a process wrote is in the file system without a sync,
    # and syncing a busy machine's disks a hundred times is most of this test's time.
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    monkeypatch.setattr(os, "sync", lambda: None)
    tmp_path = scratch
    # The unbroken histories, each in a folder of its own.
    ref = _project(tmp_path / "ref", hub)
    _first_docs(ref.input_dir)
    build(ref, now=T0)
    hub.posts = []
    _changes(ref.input_dir)
    with monkeypatch.context() as patched:
        ops = _Ops()
        ops.install(patched)
        build(ref, now=T1)
    after_changes = _tree(ref.output_dir)
    pinged = _topics(hub)
    assert pinged  # the changes changed feeds
    for n in ADDED:
        (ref.input_dir / f"story-{n:03d}.md").unlink()
    build(ref, now=T2)
    after_deleting = _tree(ref.output_dir)  # the killed run had committed its changes
    never = _project(tmp_path / "never", hub)
    _first_docs(never.input_dir)
    build(never, now=T0)
    _changes(never.input_dir, add=False)
    build(never, now=T2)
    never_added = _tree(never.output_dir)  # the killed run had committed nothing

    kinds = {
        line.split()[0] + (" feed" if line.endswith((".xml", ".json")) else "") for line in ops.log
    }
    assert kinds >= {"replace", "replace feed", "unlink", "unlink feed", "rmdir", "commit"}
    deleted = [f"entries/{document_key(f'story-{n:03d}.md')}.html" for n in (5, 11, *ADDED)]
    work = tmp_path / "work"
    config = _project(work, hub)
    _first_docs(config.input_dir)
    build(config, now=T0)
    first = tmp_path / "first"
    shutil.copytree(work, first, symlinks=True)
    killed_after = tmp_path / "killed"
    # The first commit of the run is the pages' (the outbox's): from it on, the state holds
    # the run's changes.
    commit_at = next(i for i, line in enumerate(ops.log, 1) if line.startswith("commit"))
    for kill_at in range(1, len(ops.log) + 1):
        _restore(first, work)
        _changes(config.input_dir)
        hub.posts = []
        assert _killed_build(config, T1, kill_at), ops.log[kill_at - 1]
        shutil.rmtree(killed_after, ignore_errors=True)
        shutil.copytree(work, killed_after, symlinks=True)
        # The next run, with the same documents: as if nothing had happened.
        build(config, now=T1)
        assert _tree(config.output_dir) == after_changes, ops.log[kill_at - 1]
        assert _topics(hub) >= pinged, ops.log[kill_at - 1]  # no ping lost
        # Or the documents the killed run added are deleted before the next run: none of
        # their pages survive, but as the page saying a published entry was withdrawn.
        _restore(killed_after, work)
        for n in ADDED:
            (config.input_dir / f"story-{n:03d}.md").unlink()
        build(config, now=T2)
        left = _tree(config.output_dir)
        expected = after_deleting if kill_at > commit_at else never_added
        assert left == expected, ops.log[kill_at - 1]
        withdrawn = b"This article was withdrawn"
        assert not [name for name in deleted if name in left and withdrawn not in left[name]]


class Cache(ThreadingHTTPServer):
    """A cache's purge endpoint on 127.0.0.1: records every PURGE as ``//host/path``."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _CacheHandler)
        self.purged: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class _CacheHandler(BaseHTTPRequestHandler):
    server: Cache

    def do_PURGE(self) -> None:
        self.server.purged.append(f"//{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def cache() -> Iterator[Cache]:
    server = Cache()
    for _ in _running(server):
        yield server


def test_no_purge_is_lost_at_any_kill_point(
    scratch: Path, hub: Hub, cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The purges are in the outbox the step-3 commit holds, with the pings: a run killed at
    any point after it (writing the feeds, removing files, before it sent them) leaves them
    to the next run, which sends them and takes them off the queue."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    monkeypatch.setattr(os, "sync", lambda: None)

    def project(folder: Path) -> Config:
        return replace(_project(folder, hub), purge_url=cache.url)

    ref = project(scratch / "ref")
    _first_docs(ref.input_dir)
    build(ref, now=T0)
    _changes(ref.input_dir)
    cache.purged = []
    with monkeypatch.context() as patched:
        ops = _Ops()
        ops.install(patched)
        build(ref, now=T1)
    wanted = set(cache.purged)
    feeds = FEEDS.removeprefix("https:")
    # The feeds, the index (also as its folder), a new page, a section feed removed.
    assert {feeds + "atom.xml", feeds + "index.html", feeds} <= wanted
    assert feeds + f"entries/{document_key('story-013.md')}.html" in wanted
    assert feeds + "sections/arts/atom.xml" in wanted

    work = scratch / "work"
    config = project(work)
    _first_docs(config.input_dir)
    build(config, now=T0)
    first = scratch / "first"
    shutil.copytree(work, first, symlinks=True)
    for kill_at in range(1, len(ops.log) + 1):
        _restore(first, work)
        _changes(config.input_dir)
        cache.purged = []
        assert _killed_build(config, T1, kill_at), ops.log[kill_at - 1]
        build(config, now=T1)
        assert wanted <= set(cache.purged), (ops.log[kill_at - 1], wanted - set(cache.purged))
        with open_state(config) as state:
            assert state.queued_pings() == [], ops.log[kill_at - 1]  # sent: off the queue
        cache.purged = []
        build(config, now=T1)  # nothing changed, nothing left to send
        assert cache.purged == [], ops.log[kill_at - 1]


_HREF = re.compile(r"""\bhref=["']([^"']+)["']""")


def _local_links(path: Path, url: str) -> set[str]:
    """The URLs under the feed URL that ``path`` (published at ``url``) links to."""
    data = path.read_bytes()
    found: set[str] = set()
    if path.suffix == ".json":

        def walk(value: object) -> None:
            if isinstance(value, dict):
                for key, item in value.items():
                    if key.endswith("url") and isinstance(item, str):
                        found.add(item)
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(json.loads(data))
    elif path.suffix in (".xml", ".opml"):
        root = etree.fromstring(data)
        for element in root.iter():
            found.update(
                value
                for name in ("href", "xmlUrl", "htmlUrl", "url")
                if (value := element.get(name)) is not None
            )
            if etree.QName(element).localname == "link" and element.text:
                found.add(element.text.strip())
    else:
        found |= {urljoin(url, href) for href in _HREF.findall(data.decode())}
    return {link.split("#")[0] for link in found if link.startswith(FEEDS)}


def _broken_links(out: Path) -> list[str]:
    """Links to missing files in what a reader can reach from the top-level files (the
    subscription feeds, the index, the OPML) through feeds, archive pages and entry pages.
    Entry pages link only up (to the index and the feeds), so are not followed."""
    todo = [p.name for p in out.iterdir() if p.is_file() and not p.name.startswith(".")]
    seen, broken = set(todo), []
    while todo:
        relative = todo.pop()
        for link in _local_links(out / relative, FEEDS + relative):
            target = link.removeprefix(FEEDS) or "index.html"
            if target.endswith("/"):
                target += "index.html"
            if not (out / target).is_file():
                broken.append(f"{relative} -> {target}")
            elif target not in seen and not target.startswith("entries/"):
                seen.add(target)
                todo.append(target)
    return broken


def test_every_link_leads_to_a_file_in_place_at_every_step(
    scratch: Path, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _project(scratch / "links", hub)
    out = config.output_dir
    steps: list[str] = []
    real_replace, real_unlink, real_rmdir = os.replace, os.unlink, os.rmdir

    def checked(real: Callable[..., None], kind: str) -> Callable[..., None]:
        def run(*args: str) -> None:
            real(*args)
            if str(args[-1]).startswith(str(out)) and not str(args[-1]).endswith(".tmp"):
                steps.append(f"{kind} {Path(args[-1]).relative_to(out)}")
                assert _broken_links(out) == [], steps[-1]

        return run

    monkeypatch.setattr(os, "replace", checked(real_replace, "replace"))
    monkeypatch.setattr(os, "unlink", checked(real_unlink, "unlink"))
    monkeypatch.setattr(os, "rmdir", checked(real_rmdir, "rmdir"))
    _first_docs(config.input_dir)
    build(config, now=T0)  # a first build: every page new
    _changes(config.input_dir)
    build(config, now=T1)  # new archive pages, new and emptied sections, edits, deletions
    for n in range(20, 27):  # two more archive pages
        write_story(config.input_dir, n, section="World", author="Ann")
    build(config, now=T2)
    # A published story made a draft again: its page goes (a deleted one's stays, saying the
    # entry was withdrawn).
    story = config.input_dir / "story-003.md"
    story.write_text(story.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1), "utf-8")
    build(config, now=T2)
    kinds = {step.split()[0] + " " + step.split()[1].split("/")[0] for step in steps}
    assert {"replace entries", "replace archive", "replace atom.xml", "unlink entries"} <= kinds
    assert not (out / MARKER).exists()
