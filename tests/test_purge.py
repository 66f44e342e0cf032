"""Purging changed URLs from an HTTP cache (feedpub/purge.py, sent by ping.Pinger): a real
Varnish on 127.0.0.1 in front of the store (SeaweedFS's filer, serving the bucket), with a
VCL that takes PURGE and BAN from loopback. A reader asking Varnish gets the new feed as soon
as the build is done; a purge endpoint that times out fails nothing and is retried."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from feedpub import build, load_config
from feedpub.config import Config
from feedpub.errors import ConfigError
from feedpub.purge import purge_request, purge_urls
from tests.s3store import SeaweedFS, free_ports, stop
from tests.test_publish import write_story

T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
HOST = "news.test"
READY_WITHIN = 300.0

VCL = """\
vcl 4.1;
import std;

backend store {{ .host = "127.0.0.1"; .port = "{port}"; }}

acl purgers {{ "127.0.0.1"; }}

sub vcl_recv {{
    if (req.method == "PURGE") {{
        if (client.ip !~ purgers) {{ return (synth(405, "Not allowed")); }}
        return (purge);
    }}
    if (req.method == "BAN") {{
        if (client.ip !~ purgers) {{ return (synth(405, "Not allowed")); }}
        if (std.ban("req.http.host == " + req.http.host + " && req.url == " + req.url)) {{
            return (synth(200, "Banned"));
        }}
        return (synth(400, std.ban_error()));
    }}
}}

sub vcl_backend_fetch {{
    # The site's /feeds/ is the bucket's news/ prefix, as the filer serves it.
    set bereq.url = regsub(bereq.url, "^/feeds/", "/buckets/{bucket}/news/");
}}

sub vcl_backend_response {{
    set beresp.ttl = 1h;  # long: only a purge makes a reader see a change
}}
"""

CONFIG = """\
[feed]
title = "Test feed"
site_url = "http://{host}/"
feed_url = "http://{host}/feeds/"
author = "Test newsroom"
language = "en"

[input]
folder = "docs"

[output]
target = "s3://{bucket}/news/"
endpoint_url = "{endpoint}"
max_entries = 3
archive_size = 2

[ping]
timeout = 120
budget = 600

[purge]
{purge}
"""


@contextmanager
def varnish(folder: Path, backend_port: int, bucket: str) -> Iterator[str]:
    """varnishd in the foreground on a free loopback port (no management port; no jail,
    so that it reads the test's private temporary folder); its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    vcl = folder / "feeds.vcl"
    vcl.write_text(VCL.format(port=backend_port, bucket=bucket), "utf-8")
    (port,) = free_ports(1)
    log = folder / "varnish.log"
    command = [
        VARNISHD, "-F", "-n", str(folder / "work"), "-a", f"127.0.0.1:{port}",
        "-T", "none", "-j", "none", "-f", str(vcl), "-s", "malloc,32m",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + READY_WITHIN
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"varnishd exited: {log.read_text(errors='replace')}")
            with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=5):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("varnishd did not listen")
            time.sleep(0.1)
        yield url
    finally:
        stop(process)


@dataclass
class Gate:
    """A TCP relay on 127.0.0.1 in front of Varnish for the purges: open, it passes each
    connection through; shut, it accepts and never answers (an endpoint that times out)."""

    upstream: int
    shut: bool = False
    held: list[socket.socket] = field(default_factory=list)
    url: str = ""


@contextmanager
def gate(upstream: int) -> Iterator[Gate]:
    state = Gate(upstream)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    state.url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    stopping = threading.Event()

    def pipe(source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def relay(client: socket.socket) -> None:
        with client, socket.create_connection(("127.0.0.1", upstream), timeout=60) as far:
            back = threading.Thread(target=pipe, args=(far, client), daemon=True)
            back.start()
            pipe(client, far)
            back.join(60)

    def serve() -> None:
        while not stopping.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if state.shut:
                state.held.append(client)  # read nothing, answer nothing
                continue
            threading.Thread(target=relay, args=(client,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        stopping.set()
        listener.close()
        for held in state.held:
            held.close()
        thread.join(30)


def _config(root: Path, store: SeaweedFS, bucket: str, purge: str) -> Config:
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for n in range(1, 4):
        write_story(docs, n)
    path = root / "config.toml"
    text = CONFIG.format(host=HOST, bucket=bucket, endpoint=store.endpoint, purge=purge)
    path.write_text(text, "utf-8")
    return load_config(path)


def _impatient(config: Config) -> Config:
    """For the runs whose purges fail: a second per request, three for them all (the
    others have minutes: a purge that works must never be cut short by a busy machine)."""
    return replace(config, ping_timeout=1.0, ping_budget=3.0)


def _read(cache: str, path: str) -> tuple[bytes, str]:
    """What a reader asking the cache gets: the bytes, and Varnish's X-Varnish (one number
    on a miss, two on a hit)."""
    answer = requests.get(cache + path, headers={"Host": HOST}, timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.content, answer.headers["X-Varnish"]


def _edit(config: Config, n: int, words: str) -> None:
    story = config.input_dir / f"story-{n:03d}.md"
    story.write_text(story.read_text("utf-8").replace("a paragraph", words), "utf-8")


def test_purge_urls_and_requests(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    (tmp_path / "docs").mkdir()
    path.write_text(
        '[feed]\ntitle = "T"\nsite_url = "https://news.example.org/"\nauthor = "A"\n'
        'feed_url = "https://news.example.org/feeds/"\n[input]\nfolder = "docs"\n'
        '[purge]\nurl = "http://127.0.0.1:6081/"\n',
        "utf-8",
    )
    config = load_config(path)
    assert purge_urls(config, ["atom.xml", "index.html", "entries/k.html"]) == [
        "https://news.example.org/feeds/",
        "https://news.example.org/feeds/atom.xml",
        "https://news.example.org/feeds/entries/k.html",
        "https://news.example.org/feeds/index.html",
    ]
    assert purge_request("BAN http://127.0.0.1:6081/", "https://news.example.org/feeds/a.xml") == (
        "BAN",
        "http://127.0.0.1:6081/feeds/a.xml",
        "news.example.org",
    )
    for bad, match in (
        ('url = "ftp://x"', r"purge\.url.*http"),
        ('url = "http://x/"\nmethod = "GET"', r"purge\.method.*PURGE or BAN"),
        ('url = "http://x/"\ncommand = ["x"]', "keep one"),
        ("command = []", "must name a program"),
        ("command = [1]", "list of strings"),
    ):
        text = path.read_text("utf-8").split("[purge]")[0] + "[purge]\n" + bad + "\n"
        path.write_text(text, "utf-8")
        with pytest.raises(ConfigError, match=match):
            load_config(path)


@pytest.mark.usefixtures("s3_env")
@pytest.mark.parametrize("method", ["PURGE", "BAN"])
def test_a_reader_gets_the_new_feed_at_once_and_a_dead_purge_is_retried(
    tmp_path: Path, seaweedfs: SeaweedFS, method: str
) -> None:
    bucket = seaweedfs.new_bucket()
    with varnish(tmp_path / "varnish", seaweedfs.filer_port, bucket) as cache:
        cache_port = int(cache.rstrip("/").rsplit(":", 1)[1])
        with gate(cache_port) as purges:
            config = _config(
                tmp_path, seaweedfs, bucket, f'url = "{purges.url}"\nmethod = "{method}"'
            )
            client = seaweedfs.client()

            def stored(key: str) -> bytes:
                return bytes(client.get_object(Bucket=bucket, Key="news/" + key)["Body"].read())

            build(config, now=T0)
            first, _ = _read(cache, "feeds/atom.xml")
            assert first == stored("atom.xml")
            again, seen = _read(cache, "feeds/atom.xml")
            assert again == first
            assert len(seen.split()) == 2  # a hit: the cache holds it
            # A change, and the purge endpoint times out: the build succeeds all the same,
            # says the purge failed, and readers still get the cached feed.
            _edit(config, 3, "a changed paragraph")
            purges.shut = True
            report = build(_impatient(config), now=T0)
            assert report.ok
            failed = [r for r in report.failed_pings if r.ping.kind == "purge"]
            assert f"{config.feed_url}atom.xml" in {r.ping.topic for r in failed}
            assert all("timed out" in r.message or "budget" in r.message for r in failed)
            stale, _ = _read(cache, "feeds/atom.xml")
            assert stale == first
            assert stale != stored("atom.xml")
            # The endpoint is back: the next run (nothing new to publish) sends the queued
            # purges, and readers get the new feed.
            purges.shut = False
            report = build(config, now=T0)
            assert report.failed_pings == ()
            assert f"{config.feed_url}atom.xml" in {r.ping.topic for r in report.pings}
            fresh, _ = _read(cache, "feeds/atom.xml")
            assert fresh == stored("atom.xml")
            assert b"a changed paragraph" in fresh
            # And a change with the endpoint up reaches readers as soon as the build ends.
            _read(cache, "feeds/rss.xml")
            _edit(config, 2, "a second change")
            report = build(config, now=T0)
            assert report.failed_pings == ()
            for name in ("atom.xml", "rss.xml", "feed.json", "index.html"):
                now_read, _ = _read(cache, "feeds/" + name)
                assert now_read == stored(name), name
                assert b"a second change" in now_read, name
            # Nothing changed: nothing to purge.
            assert build(config, now=T0).pings == ()


@pytest.mark.usefixtures("s3_env")
def test_a_purge_command(tmp_path: Path, seaweedfs: SeaweedFS) -> None:
    """purge.command is run with each changed URL; a failing one is retried next run."""
    script = tmp_path / "purge.sh"
    log = tmp_path / "purged.txt"
    flag = tmp_path / "fail"
    # A shell script, not Python: it must answer within the failing run's budget however
    # busy the machine (a Python start-up once took longer than that, and the failure
    # said "timed out" instead of the script's words).
    script.write_text(
        f"[ -e '{flag}' ] && {{ echo 'cache said no' >&2; exit 1; }}\n"
        f"printf '%s\\n' \"$1\" >> '{log}'\n",
        "utf-8",
    )
    bucket = seaweedfs.new_bucket()
    config = _config(tmp_path, seaweedfs, bucket, f'command = ["/bin/sh", "{script}"]')
    flag.touch()
    # Retries of a failing command back off within the budget: a run that spends it waiting
    # rather than one that cuts the first attempt short.
    report = build(replace(config, ping_timeout=30.0, ping_budget=30.0), now=T0)
    failed = report.failed_pings
    assert failed
    assert any("exit status 1: cache said no" in r.message for r in failed)
    flag.unlink()
    build(config, now=T0)
    purged = log.read_text("utf-8").split()
    assert f"{config.feed_url}atom.xml" in purged
    assert f"{config.feed_url}" in purged  # the folder of index.html
    assert len(purged) == len(set(purged)) == len(failed)
