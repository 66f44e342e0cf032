"""IndexNow: the changed entry pages told to a loopback stand-in for a search engine that,
as the protocol has it, fetches the key file from the site and checks it before it takes
the URLs (https://www.indexnow.org/documentation)."""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from feedpub import build, load_config
from feedpub import ping as ping_module
from feedpub.config import Config
from feedpub.errors import ConfigError
from feedpub.ping import Ping, Pinger, RetryPolicy

from .conftest import CONFIG_TEMPLATE, running
from .test_sitemap import write_story


class Engine(ThreadingHTTPServer):
    """An IndexNow endpoint: answers each POST with the next scripted status (then 200, or
    403 when the key file does not hold the key) and records the JSON bodies."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _EngineHandler)
        self.bodies: list[dict[str, object]] = []
        self.content_types: list[str] = []
        self.script: list[int] = []
        self.key_files: list[str] = []


class _EngineHandler(BaseHTTPRequestHandler):
    server: Engine

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.bodies.append(body)
        self.server.content_types.append(self.headers["Content-Type"])
        status = self.server.script.pop(0) if self.server.script else 200
        if status == 200:
            # What the search engines do: the key file, from where the ping says it is.
            direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with direct.open(str(body["keyLocation"]), timeout=30) as response:
                held = response.read().decode("utf-8")
            self.server.key_files.append(held)
            if held.strip() != body["key"]:
                status = 403
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def engine() -> Iterator[Engine]:
    server = Engine()
    with running(server):
        yield server


@pytest.fixture
def site(project: Path) -> Iterator[tuple[Config, str]]:
    """A project whose output folder is served on 127.0.0.1 at its feed_url."""
    out = project / "public"
    out.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(out)))
    with running(server) as url:
        docs = project / "docs"
        for old in docs.iterdir():
            old.unlink()
        for n in range(1, 4):
            write_story(docs, n)
        text = CONFIG_TEMPLATE.replace("https://news.example.org/feeds/", url)
        (project / "config.toml").write_text(text, encoding="utf-8")
        yield load_config(project / "config.toml"), url


def _pages(out: Path, url: str) -> set[str]:
    return {url + "entries/" + page.name for page in (out / "entries").iterdir()} | {url}


def test_a_build_tells_indexnow_of_its_changed_pages(
    site: tuple[Config, str], engine: Engine
) -> None:
    config, url = site
    endpoint = f"http://127.0.0.1:{engine.server_address[1]}/indexnow"
    config = replace(config, indexnow=True, indexnow_endpoint=endpoint)
    report = build(config)
    assert [r.ok for r in report.pings] == [True] * 4, report.pings
    out = config.output_dir
    (body,) = engine.bodies
    key = str(body["key"])
    assert re.fullmatch(r"[0-9a-f]{32}", key)
    # The key file, in the output folder, holding the key: the engine fetched it.
    assert (out / f"{key}.txt").read_text() == key
    assert engine.key_files == [key]
    assert body["host"] == url.removeprefix("http://").rstrip("/")
    assert body["keyLocation"] == f"{url}{key}.txt"
    assert set(body["urlList"]) == _pages(out, url)  # type: ignore[arg-type]
    assert engine.content_types == ["application/json; charset=utf-8"]
    # Nothing changed: nobody is told. The key is kept.
    assert build(config).pings == ()
    assert len(engine.bodies) == 1
    # One story edited: its page (and the index, which lists it) only.
    story = config.input_dir / "story-002.md"
    story.write_text(story.read_text().replace("long enough", "quite long enough"))
    report = build(config)
    edited = next(e for e in report.entries if e.source == "story-002.md")
    assert engine.bodies[-1]["key"] == key
    assert sorted(engine.bodies[-1]["urlList"]) == sorted([url, edited.link])  # type: ignore[arg-type, type-var]
    # One story deleted: its page is gone, and that is news too.
    gone = next(e for e in report.entries if e.source == "story-003.md")
    (config.input_dir / "story-003.md").unlink()
    build(config)
    assert sorted(engine.bodies[-1]["urlList"]) == sorted([url, gone.link])  # type: ignore[arg-type, type-var]


def test_a_configured_key_and_retries(site: tuple[Config, str], engine: Engine) -> None:
    config, _url = site
    endpoint = f"http://127.0.0.1:{engine.server_address[1]}/indexnow"
    config = replace(config, indexnow=True, indexnow_endpoint=endpoint, indexnow_key="my-key-123")
    engine.script = [503]
    pinger = Pinger(policy=RetryPolicy(base_delay=0.01, timeout=30, budget=120))
    report = build(config, pinger=pinger)
    assert all(r.ok and r.attempts == 2 for r in report.pings), report.pings
    assert [b["key"] for b in engine.bodies] == ["my-key-123"] * 2
    assert (config.output_dir / "my-key-123.txt").read_text() == "my-key-123"
    # A refusal (403: the key file is wrong) is final, and queued for the next run.
    engine.script = [403]
    story = config.input_dir / "story-001.md"
    story.write_text(story.read_text().replace("long enough", "quite long enough"))
    report = build(config, pinger=pinger)
    assert report.failed_pings
    assert all(r.attempts == 1 for r in report.failed_pings)
    report = build(config, pinger=pinger)  # nothing changed: the queued ones are sent
    assert report.pings
    assert all(r.ok for r in report.pings)
    assert sorted(engine.bodies[-1]["urlList"]) == sorted(engine.bodies[-2]["urlList"])  # type: ignore[type-var]


def test_many_pages_go_in_batches(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ping_module, "INDEXNOW_BATCH", 2)
    endpoint = f"http://127.0.0.1:{engine.server_address[1]}/indexnow"
    pinger = Pinger(indexnow_key="k" * 8, policy=RetryPolicy(timeout=30))
    pages = [Ping("indexnow", endpoint, f"https://a.example/{n}.html") for n in range(5)]
    other = Ping("indexnow", endpoint, "https://b.example/x.html")
    engine.script = [403] * 5  # no key location: the engine does not fetch one then
    results = pinger.send_all([*pages, other])
    assert [r.ping for r in results] == [*pages, other]
    assert [(b["host"], len(b["urlList"])) for b in engine.bodies] == [  # type: ignore[arg-type]
        ("a.example", 2),
        ("a.example", 2),
        ("a.example", 1),
        ("b.example", 1),
    ]
    assert "keyLocation" not in engine.bodies[0]


def test_no_site_no_indexnow(site: tuple[Config, str], engine: Engine) -> None:
    config, _ = site
    endpoint = f"http://127.0.0.1:{engine.server_address[1]}/indexnow"
    report = build(replace(config, indexnow=True, indexnow_endpoint=endpoint, site=False))
    assert report.pings == ()
    assert engine.bodies == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('indexnow_key = "short"', "ping.indexnow_key"),
        ('indexnow_key = "has a space"', "ping.indexnow_key"),
        ('indexnow_endpoint = "ftp://x"', "ping.indexnow_endpoint"),
        ('indexnow = "yes"', "ping.indexnow"),
    ],
)
def test_indexnow_settings_are_checked(
    write_config,
    line: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    path = write_config(CONFIG_TEMPLATE + f"\n[ping]\n{line}\n")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(path)
