from __future__ import annotations

import gzip
import logging
import os
import select
import signal
import socket
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest
import requests

from feedpub import build, load_config
from feedpub.config import Config
from feedpub.serve import FeedServer, make_server, media_type, snapshot, watch_and_rebuild

from .conftest import running

HUB = "http://127.0.0.1:9/hub"


def _start(config: Config) -> Iterator[tuple[str, FeedServer]]:
    server = make_server(config, "127.0.0.1", 0)
    with running(server) as base:
        yield base, server


@pytest.fixture
def built(project: Path) -> Config:
    config = replace(load_config(project / "config.toml"), serve_max_age=120)
    build(config)  # without hubs: the build would ping HUB, where nothing listens
    # Built a while ago: the server sends Last-Modified only once the file's second has passed.
    for path in config.output_dir.rglob("*"):
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - 10 * 10**9))
    return replace(config, hubs=(HUB,))


@pytest.fixture
def served(built: Config) -> Iterator[tuple[str, FeedServer]]:
    yield from _start(built)


def test_media_types() -> None:
    assert media_type(Path("atom.xml")) == "application/atom+xml; charset=utf-8"
    assert media_type(Path("x/rss.xml")) == "application/rss+xml; charset=utf-8"
    assert media_type(Path("feed.json")) == "application/feed+json; charset=utf-8"
    assert media_type(Path("index.html")) == "text/html; charset=utf-8"


def test_feed_headers(served: tuple[str, FeedServer], built: Config) -> None:
    base, _ = served
    response = requests.get(base + "atom.xml", timeout=5, headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert response.content == (built.output_dir / "atom.xml").read_bytes()
    assert response.headers["ETag"].startswith('"')
    assert response.headers["Cache-Control"] == "public, max-age=120"
    assert response.headers["Server"] == "feedpub"  # no trailing space, no Python version
    assert response.headers["Last-Modified"].endswith("GMT")
    link = response.headers["Link"]
    assert f'<{HUB}>; rel="hub"' in link
    assert '<https://news.example.org/feeds/atom.xml>; rel="self"' in link
    rss = requests.get(base + "rss.xml", timeout=5)
    assert rss.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert 'feeds/rss.xml>; rel="self"' in rss.headers["Link"]


def test_no_link_headers_without_hubs(built: Config) -> None:
    for base, _ in _start(replace(built, hubs=())):
        response = requests.get(base + "atom.xml", timeout=5)
        assert response.status_code == 200
        assert "Link" not in response.headers


def test_conditional_requests(served: tuple[str, FeedServer]) -> None:
    base, _ = served
    first = requests.get(base + "rss.xml", timeout=5)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = requests.get(base + "rss.xml", headers={"If-None-Match": etag}, timeout=5)
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    since = requests.get(base + "rss.xml", headers={"If-Modified-Since": modified}, timeout=5)
    assert since.status_code == 304
    other = requests.get(base + "rss.xml", headers={"If-None-Match": '"nope"'}, timeout=5)
    assert other.status_code == 200
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert requests.get(base + "rss.xml", headers={"If-Modified-Since": old}, timeout=5).ok


def test_a_changed_feed_gets_a_new_etag(served: tuple[str, FeedServer], built: Config) -> None:
    base, _ = served
    etag = requests.get(base + "atom.xml", timeout=5).headers["ETag"]
    path = built.output_dir / "atom.xml"
    path.write_bytes(path.read_bytes().replace(b"Test feed", b"Test feed 2"))
    response = requests.get(base + "atom.xml", headers={"If-None-Match": etag}, timeout=5)
    assert response.status_code == 200
    assert response.headers["ETag"] != etag


def test_gzip_when_asked(served: tuple[str, FeedServer], built: Config) -> None:
    base, _ = served
    raw = requests.get(
        base + "atom.xml", headers={"Accept-Encoding": "gzip"}, stream=True, timeout=5
    ).raw
    assert raw.headers["Content-Encoding"] == "gzip"
    assert raw.headers["Vary"] == "Accept-Encoding"
    body = raw.read(decode_content=False)
    assert gzip.decompress(body) == (built.output_dir / "atom.xml").read_bytes()
    plain = requests.get(base + "atom.xml", headers={"Accept-Encoding": "identity"}, timeout=5)
    assert "Content-Encoding" not in plain.headers
    refused = requests.get(base + "atom.xml", headers={"Accept-Encoding": "gzip;q=0"}, timeout=5)
    assert "Content-Encoding" not in refused.headers


def test_head_has_headers_and_no_body(served: tuple[str, FeedServer]) -> None:
    base, _ = served
    get = requests.get(base + "atom.xml", headers={"Accept-Encoding": "identity"}, timeout=5)
    head = requests.head(base + "atom.xml", headers={"Accept-Encoding": "identity"}, timeout=5)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Length"] == str(len(get.content))
    assert head.headers["ETag"] == get.headers["ETag"]


def _raw_get(base: str, path: str) -> int:
    # requests normalises dot segments; send the path exactly as an attacker would.
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


@pytest.mark.parametrize(
    "path",
    [
        "/../config.toml",
        "/%2e%2e/config.toml",
        "/%2E%2E%2Fconfig.toml",
        "/..%2fconfig.toml",
        "/docs/../../config.toml",
        "/escape/config.toml",
        "/escape",
        "/.feedpub-writing",
        "/.atom.xml.abc.tmp",
        "/missing.xml",
        "/atom.xml%00",
    ],
)
def test_nothing_outside_the_folder(
    served: tuple[str, FeedServer], built: Config, path: str
) -> None:
    base, _ = served
    (built.output_dir / "escape").symlink_to(built.output_dir.parent, target_is_directory=True)
    for hidden in (".feedpub-writing", ".atom.xml.abc.tmp"):
        (built.output_dir / hidden).write_text("<feed/>")
    assert _raw_get(base, path) == 404


def test_directory_serves_its_index_only(served: tuple[str, FeedServer], built: Config) -> None:
    base, _ = served
    (built.output_dir / "index.html").write_text("<!doctype html><title>x</title>", "utf-8")
    response = requests.get(base, timeout=5)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"


def test_no_last_modified_in_the_second_a_file_changed(
    served: tuple[str, FeedServer], built: Config
) -> None:
    base, server = served
    path = built.output_dir / "atom.xml"
    aged = requests.get(base + "atom.xml", timeout=5)
    assert "Last-Modified" in aged.headers
    # The file changes again within the second its Last-Modified would name.
    path.write_bytes(path.read_bytes().replace(b"Test feed", b"Test feed!"))
    mtime = path.stat().st_mtime
    server.clock = lambda: mtime  # the very moment it was written
    fresh = requests.get(base + "atom.xml", timeout=5)
    assert fresh.status_code == 200
    assert "Last-Modified" not in fresh.headers
    assert fresh.headers["ETag"] != aged.headers["ETag"]
    # The ETag alone still makes the next poll conditional.
    again = requests.get(
        base + "atom.xml", headers={"If-None-Match": fresh.headers["ETag"]}, timeout=5
    )
    assert again.status_code == 304
    server.clock = lambda: mtime + 1
    assert "Last-Modified" in requests.get(base + "atom.xml", timeout=5).headers


def test_feed_reader_uses_conditional_get(served: tuple[str, FeedServer]) -> None:
    base, _ = served
    first = feedparser.parse(base + "atom.xml")
    assert first.bozo == 0
    assert first.status == 200
    assert len(first.entries) == 1
    second = feedparser.parse(base + "atom.xml", etag=first.etag, modified=first.modified)
    assert second.status == 304
    assert second.entries == []


def test_watch_rebuilds_on_change(built: Config) -> None:
    stop = threading.Event()
    calls: list[float] = []
    thread = threading.Thread(
        target=watch_and_rebuild,
        args=(built.input_dir, lambda: calls.append(time.monotonic()), stop, 0.05),
        daemon=True,
    )
    thread.start()
    try:
        time.sleep(0.2)
        assert calls == []
        doc = next(built.input_dir.iterdir())
        stat = doc.stat()
        os.utime(doc, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        deadline = time.monotonic() + 120  # a bound against hanging, not a timing
        while not calls and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(calls) == 1
    finally:
        stop.set()
        thread.join(5)


def test_watch_looks_at_the_documents_a_build_reads(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one\n")
    before = snapshot(tmp_path)
    assert {source for source, _, _ in before} == {"a.txt"}
    # Neither a hidden file (an editor's swap file, a document written under a hidden name
    # to be renamed into place), a backup, nor a file no pattern takes starts a rebuild.
    (tmp_path / ".b.txt").write_text("two\n")
    (tmp_path / "a.txt~").write_text("one\n")
    (tmp_path / "notes.xyz").write_text("three\n")
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "c.txt").write_text("four\n")
    assert snapshot(tmp_path) == before
    (tmp_path / ".b.txt").rename(tmp_path / "b.txt")
    assert {source for source, _, _ in snapshot(tmp_path)} == {"a.txt", "b.txt"}
    assert {source for source, _, _ in snapshot(tmp_path, "*.xyz")} == {"notes.xyz"}


def test_serve_max_age_is_validated(write_config) -> None:  # type: ignore[no-untyped-def]
    from feedpub import ConfigError

    from .conftest import CONFIG_TEMPLATE

    path = write_config(CONFIG_TEMPLATE + "\n[serve]\nmax_age = -1\n")
    with pytest.raises(ConfigError, match=r"serve\.max_age"):
        load_config(path)


def test_cli_serve_binds_loopback(built: Config, project: Path) -> None:
    import subprocess
    import sys

    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "feedpub",
            "serve",
            "--config",
            str(project / "config.toml"),
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith(f"serving {built.output_dir} at http://127.0.0.1:")
        url = line.split(" at ")[1].strip()
        response = requests.get(url + "rss.xml", timeout=5)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
        process.send_signal(signal.SIGINT)  # Ctrl-C
        # A generous bound: on a loaded machine the exit may take long; only a hang fails.
        _, err = process.communicate(timeout=300)
        # The README's exit code for Ctrl-C, in a line, without a traceback.
        assert process.returncode == 130
        assert err == "feedpub: interrupted; stopped serving\n"
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)


def _idle_client(base: str) -> socket.socket:
    port = int(base.rsplit(":", 1)[1].strip("/"))
    return socket.create_connection(("127.0.0.1", port), timeout=60)


def _closed_by_server(client: socket.socket) -> bool:
    """Whether the server closed the connection (waiting up to the client's timeout)."""
    try:
        return client.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_idle_and_trickling_clients_are_closed(built: Config) -> None:
    for base, _ in _start(replace(built, serve_timeout=0.3)):
        idle = [_idle_client(base) for _ in range(20)]
        half = _idle_client(base)
        half.sendall(b"GET /atom.xml HTTP/1.0\r\n")  # and never the rest
        # A byte at a time, each within any per-read timeout: the whole request has a limit.
        slow = _idle_client(base)
        slow.sendall(b"GET /atom.xml HTTP/1.0\r\n")
        closed = False
        for _ in range(1200):  # a minute of trickling at most
            try:
                slow.sendall(b"X")
            except OSError:
                closed = True
                break
            readable, _, _ = select.select([slow], [], [], 0.05)
            if readable:
                closed = _closed_by_server(slow)
                break
        assert closed
        assert all(_closed_by_server(client) for client in [*idle, half])
        for client in [*idle, half, slow]:
            client.close()
        # The server still answers.
        assert requests.get(base + "atom.xml", timeout=10).status_code == 200


def test_connections_past_the_limit_get_503(built: Config) -> None:
    for base, _ in _start(replace(built, serve_max_connections=3)):
        held = [_idle_client(base) for _ in range(3)]
        # Accepted in order: the three above hold every slot, so this one is turned away
        # at once, before it sends anything.
        extra = _idle_client(base)
        assert extra.recv(100).startswith(b"HTTP/1.0 503 ")
        extra.close()
        for client in held:
            client.close()
        # Their threads end as they see the close; then the server answers again.
        for _ in range(200):
            response = requests.get(base + "atom.xml", timeout=10)
            if response.status_code != 503:
                break
            time.sleep(0.05)
        assert response.status_code == 200


def _slots_free(server: FeedServer, limit: int) -> bool:
    """Whether all ``limit`` slots are free (and none was given back twice)."""
    taken = [server._slots.acquire(blocking=False) for _ in range(limit)]
    for ok in taken:
        if ok:
            server._slots.release()
    return all(taken) and not server._holders


@pytest.mark.parametrize("started", [True, False], ids=["ctrl-c-in-start", "no-thread"])
def test_a_failed_thread_start_gives_its_slot_back_once(
    built: Config, monkeypatch: pytest.MonkeyPatch, started: bool
) -> None:
    import socketserver
    import types

    class InterruptedThread(threading.Thread):
        def start(self) -> None:
            if started:
                # Ctrl-C while Thread.start() waits for the thread, which has already
                # served the client (on a loaded machine the main thread runs late).
                super().start()
                self.join()
                raise KeyboardInterrupt
            raise RuntimeError("can't start new thread")

    fake = types.SimpleNamespace(**vars(threading))
    fake.Thread = InterruptedThread
    monkeypatch.setattr(socketserver, "threading", fake)
    config = replace(built, serve_max_connections=2)
    server = FeedServer(("127.0.0.1", 0), config)
    try:
        ours, client = socket.socketpair()
        client.sendall(b"GET /atom.xml HTTP/1.0\r\n\r\n")
        # The interrupt reaches the serving loop (which stops the server), not a
        # "Semaphore released too many times" that the loop would log and go on past.
        with pytest.raises(KeyboardInterrupt if started else RuntimeError):
            server.process_request(ours, ("127.0.0.1", 1))
        assert _slots_free(server, 2)
        if started:
            assert client.recv(100).startswith(b"HTTP/1.0 200 ")
        client.close()
        ours.close()  # the serving loop's shutdown_request does this; a served one is closed
    finally:
        server.server_close()


def test_a_client_that_goes_away_is_no_error(
    built: Config, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    # A page big enough that writing it to a client that reset the connection fails.
    (built.output_dir / "big.html").write_bytes(b"<p>x</p>\n" * 1_000_000)
    for base, _ in _start(built):
        for _ in range(10):
            client = _idle_client(base)
            client.sendall(b"GET /big.html HTTP/1.0\r\n\r\n")
            assert client.recv(100).startswith(b"HTTP/1.0 200 ")  # the answer has begun
            # Closed with a reset (linger 0) in the middle of the answer.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
        assert requests.get(base + "atom.xml", timeout=10).status_code == 200
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert "Error" not in err
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
