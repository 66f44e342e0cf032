"""Real feed readers: Debian's newsboat subscribes to the feeds ``feedpub serve`` serves on
127.0.0.1 and lists the right entries; its conditional GETs get 304 and still see changes.
Debian's sfeed parses them too, and lemon24's ``reader`` library reads all three formats.

newsboat exits 0 even when a feed fails (INTEROP.md), so these tests read what it stored in
its cache (the ``rss_item`` table), never its exit code. make test installs newsboat
(tools/install-system-packages): its absence fails these tests.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from feedpub import Entry, build, load_config
from feedpub.config import Config
from feedpub.serve import FeedServer, make_server

from .conftest import CONFIG_TEMPLATE, running

_NEWSBOAT_TIMEOUT = 60  # seconds for one newsboat run; it normally takes well under one
_BODY = (
    "The council voted on a plan to build new cycle lanes on the ring road after years of "
    "debate, the mayor said on Tuesday."
)
# Titles with what a reader could mangle: an entity, typographic quotes, RTL text, emoji.
_DOCUMENTS = {
    "lanes.md": ("Council votes on cycle lanes", "2024-03-12T09:30:00+01:00"),
    "fish.md": ("Fish & chips shop «Café Noord» reopens 🦊", "2024-03-13T18:05:00+01:00"),
    "rtl.md": ("Visitors from שלום and مرحبا festivals", "2024-03-14T07:00:00Z"),
}


@dataclass(frozen=True)
class _Answer:
    status: int
    if_none_match: str | None
    if_modified_since: str | None


@dataclass
class _Requests:
    """What the server answered to each path, in order."""

    seen: list[tuple[str, _Answer]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def to(self, path: str) -> list[_Answer]:
        with self.lock:
            return [answer for p, answer in self.seen if p == path]


def _write_documents(folder: Path, documents: dict[str, tuple[str, str]]) -> None:
    for name, (title, date) in documents.items():
        slug = name.removesuffix(".md")
        front = (
            f"title: '{title}'\ndate: {date}\nauthor: Jane Doe\n"
            f"url: https://news.example.org/{slug}.html"
        )
        (folder / name).write_text(f"---\n{front}\n---\n{_BODY}\n", encoding="utf-8")


@dataclass(frozen=True)
class _Site:
    config: Config
    entries: tuple[Entry, ...]


@pytest.fixture
def site(tmp_path: Path) -> _Site:
    docs = tmp_path / "docs"
    docs.mkdir()
    _write_documents(docs, _DOCUMENTS)
    (tmp_path / "config.toml").write_text(CONFIG_TEMPLATE, encoding="utf-8")
    config = load_config(tmp_path / "config.toml")
    report = build(config)
    assert not report.errors
    assert len(report.entries) == len(_DOCUMENTS)
    return _Site(config, tuple(report.entries))


@pytest.fixture
def served(site: _Site) -> Iterator[tuple[str, _Requests, FeedServer]]:
    """feedpub's own server on a free loopback port, recording every answer it gives."""
    server = make_server(site.config, "127.0.0.1", 0)
    requests = _Requests()
    handler = server.RequestHandlerClass

    class Recording(handler):
        def send_response(self, code: int, message: str | None = None) -> None:
            sent = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            with requests.lock:
                requests.seen.append((self.path, _Answer(int(code), *sent)))
            super().send_response(code, message)

    server.RequestHandlerClass = Recording
    with running(server) as base:
        yield base, requests, server


@dataclass(frozen=True, order=True)
class _Item:
    guid: str
    title: str
    url: str
    author: str
    published: int  # Unix time, as newsboat stores it


class _Newsboat:
    """newsboat with its own home, config, URL list and cache: nothing of the user's."""

    def __init__(self, home: Path, url: str) -> None:
        program = shutil.which("newsboat")
        if program is None:
            pytest.fail("newsboat is not installed; make test installs it (Debian package)")
        self.program = program
        self.home = home
        home.mkdir()
        self.urls = home / "urls"
        self.urls.write_text(url + "\n", encoding="utf-8")
        self.config = home / "config"
        self.config.write_text("download-timeout 10\nreload-threads 1\n", encoding="utf-8")
        self.cache = home / "cache.db"

    def reload(self) -> None:
        # A bare environment: no proxy variables, no user configuration, no terminal.
        env = {"HOME": str(self.home), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
        command = [self.program, "-u", str(self.urls), "-c", str(self.cache)]
        command += ["-C", str(self.config), "-x", "reload"]
        subprocess.run(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=_NEWSBOAT_TIMEOUT,
            check=False,  # newsboat exits 0 whatever happened: the items tell
        )

    def items(self) -> list[_Item]:
        if not self.cache.exists():
            return []
        with sqlite3.connect(self.cache) as db:
            rows = db.execute(
                "SELECT guid, title, url, author, pubDate FROM rss_item WHERE deleted = 0"
            ).fetchall()
        return sorted(_Item(*row) for row in rows)


def _expected(entries: tuple[Entry, ...] | list[Entry]) -> list[_Item]:
    return sorted(
        _Item(e.id, e.title, e.link or "", e.author or "", int(e.published.timestamp()))
        for e in entries
    )


@pytest.mark.parametrize("feed", ["atom.xml", "rss.xml"])
def test_newsboat_lists_the_entries(
    tmp_path: Path, site: _Site, served: tuple[str, _Requests, FeedServer], feed: str
) -> None:
    base, requests, _ = served
    newsboat = _Newsboat(tmp_path / "newsboat", base + feed)
    newsboat.reload()
    assert requests.to("/" + feed) == [_Answer(200, None, None)]
    # In RSS the author comes from dc:creator (<author> would need an e-mail address).
    assert newsboat.items() == _expected(site.entries)
    assert {i.title for i in newsboat.items()} == {title for title, _ in _DOCUMENTS.values()}


def _age(folder: Path, seconds: int) -> None:
    for path in folder.rglob("*"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - seconds * 10**9))


def _add_late_news(site: _Site) -> tuple[Entry, ...]:
    _write_documents(
        site.config.input_dir, {"late.md": ("Late news arrives", "2024-03-15T12:00:00Z")}
    )
    report = build(site.config)
    assert not report.errors
    return tuple(report.entries)


def test_newsboat_polls_conditionally_and_still_sees_changes(
    tmp_path: Path, site: _Site, served: tuple[str, _Requests, FeedServer]
) -> None:
    base, requests, _ = served
    _age(site.config.output_dir, 10)  # built a while ago: Last-Modified is sent too
    newsboat = _Newsboat(tmp_path / "newsboat", base + "atom.xml")
    # newsboat 2.21 stores a new feed's validators only from its second fetch, so it asks
    # conditionally from the third (INTEROP.md).
    for _ in range(3):
        newsboat.reload()
    answers = requests.to("/atom.xml")
    assert len(answers) == 3
    assert answers[0] == _Answer(200, None, None)
    conditional = [a for a in answers if a.if_none_match is not None]
    assert conditional, f"newsboat never asked conditionally: {answers}"
    assert all(a.if_modified_since is not None for a in conditional)
    assert {a.status for a in conditional} == {304}
    before = newsboat.items()
    assert before == _expected(site.entries)

    # A new document: the next conditional GET gets the new feed, and newsboat lists it.
    entries = _add_late_news(site)
    newsboat.reload()
    last = requests.to("/atom.xml")[-1]
    assert last.if_none_match is not None
    assert last.status == 200
    after = newsboat.items()
    assert after == _expected(entries)
    assert [i.title for i in after if i not in before] == ["Late news arrives"]


def test_a_feed_rewritten_within_a_second_still_reaches_newsboat(
    tmp_path: Path, site: _Site, served: tuple[str, _Requests, FeedServer]
) -> None:
    """Two versions of a feed written within one second have the same modification time.
    libcurl drops a 200 whose Last-Modified is not newer than the If-Modified-Since it sent,
    so if the first version's date had been sent, newsboat would never see the second."""
    base, requests, server = served
    feed = site.config.output_dir / "atom.xml"
    first_mtime = feed.stat().st_mtime_ns
    server.clock = lambda: first_mtime / 10**9  # the moment the feed was written
    newsboat = _Newsboat(tmp_path / "newsboat", base + "atom.xml")
    for _ in range(3):
        newsboat.reload()
    assert requests.to("/atom.xml")[-1].status == 304  # the ETag alone made it conditional

    entries = _add_late_news(site)
    stat = feed.stat()
    assert stat.st_mtime_ns != first_mtime  # rewritten ...
    os.utime(feed, ns=(stat.st_atime_ns, first_mtime))  # ... within the same second
    newsboat.reload()
    assert requests.to("/atom.xml")[-1].status == 200
    assert newsboat.items() == _expected(entries)


def test_sfeed_reads_every_feed(site: _Site, served: tuple[str, _Requests, FeedServer]) -> None:
    """Debian's sfeed, a second real parser (it prints nothing, not an error, for a feed it
    cannot read: INTEROP.md), over the served feeds: every entry with its date, title, link
    and id."""
    import requests as http

    sfeed = shutil.which("sfeed")
    assert sfeed, "sfeed is not installed: run tools/install-system-packages"
    base, _, _ = served
    expected = sorted(
        (int(e.published.timestamp()), e.title, e.link or "", e.id) for e in site.entries
    )
    for path in ("atom.xml", "rss.xml"):
        body = http.get(base + path, timeout=10).content
        result = subprocess.run([sfeed], input=body, capture_output=True, timeout=30, check=True)
        rows = [line.split("\t") for line in result.stdout.decode().splitlines()]
        # timestamp, title, link, content, content-type, id, author, enclosure, category
        assert sorted((int(r[0]), r[1], r[2], r[5]) for r in rows) == expected, path
        assert all(r[6] == "Jane Doe" for r in rows)
        assert all(r[4] == "html" and r[3].startswith("<p>") for r in rows)


def test_lemon24_reader_reads_every_format_and_polls_conditionally(
    tmp_path: Path, site: _Site, served: tuple[str, _Requests, FeedServer]
) -> None:
    """lemon24's ``reader`` (PyPI), a feed reader library, subscribed to all three formats:
    each entry with its id, title, link, author, date and content; its next poll of an
    unchanged feed is a conditional GET answered 304, and it still sees a new entry."""
    from reader import make_reader

    base, requests, _ = served
    formats = ("atom.xml", "rss.xml", "feed.json")
    with make_reader(str(tmp_path / "reader.sqlite")) as reader:
        for name in formats:
            reader.add_feed(base + name)

        def entries(name: str) -> list[tuple[str, str, str, str, int]]:
            return sorted(
                (
                    e.id,
                    e.title or "",
                    e.link or "",
                    e.authors_str or "",
                    int(e.published.timestamp()),
                )
                for e in reader.get_entries(feed=base + name)
                if e.published is not None
            )

        def expected(items: tuple[Entry, ...]) -> list[tuple[str, str, str, str, int]]:
            return sorted(
                (e.id, e.title, e.link or "", e.author or "", int(e.published.timestamp()))
                for e in items
            )

        reader.update_feeds()
        for name in formats:
            assert entries(name) == expected(site.entries), name
            for entry in reader.get_entries(feed=base + name):
                html = [c.value for c in entry.content if c.is_html]
                assert len(html) == 1, name
                assert html[0] == f"<p>{_BODY}</p>", name
        # A poll now, not when reader's own schedule says (an hour after the last).
        reader.update_feeds(scheduled=False)
        for name in formats:
            assert [a.status for a in requests.to("/" + name)] == [200, 304], name
        newer = _add_late_news(site)
        reader.update_feeds(scheduled=False)
        for name in formats:
            assert entries(name) == expected(newer), name
