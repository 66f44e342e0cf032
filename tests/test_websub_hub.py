"""A real WebSub hub on 127.0.0.1: Flask-WebSub's hub (from PyPI) with a Celery worker.

The hub runs as it would in production, in two parts: its Flask endpoint (served by werkzeug)
queues tasks, and a Celery worker (in a thread, on an in-memory broker, so no Redis or
RabbitMQ) verifies subscribers, fetches the topic from ``feedpub serve`` and POSTs it to each
subscriber. The subscriber is ours: a small HTTP server that answers the hub's challenge and
records what the hub delivers. So the test proves, end to end, that after ``feedpub build``
changed a feed a WebSub subscriber receives the new feed, and that an unchanged build sends it
nothing.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest
import requests
from celery import Celery
from celery.contrib.testing.worker import start_worker
from flask import Flask, request
from flask_websub.hub import Hub, SQLite3HubStorage
from werkzeug.serving import make_server as make_wsgi_server

from feedpub import load_config
from feedpub.cli import main
from feedpub.serve import FeedServer, make_server

# Every wait is bounded: a hub that never delivers fails the test instead of hanging it.
WAIT = 20.0
FEEDS = ("atom.xml", "rss.xml", "feed.json")
NEW_TITLE = "Harbour ferry returns after a winter of repairs"
NEW_DOCUMENT = f"""\
---
title: {NEW_TITLE}
date: 2024-03-12T09:30:00+01:00
author: Jane Doe
---
The harbour ferry carried its first passengers of the year on Tuesday morning.
"""


@dataclass(frozen=True)
class RealHub:
    url: str
    storage: SQLite3HubStorage
    publishes: list[str]
    """The topic of every ``hub.mode=publish`` request the hub endpoint received."""

    def subscribers(self, topic: str) -> list[str]:
        return [row[0] for row in self.storage.get_callbacks(topic)]


@pytest.fixture
def websub_hub(tmp_path: Path) -> Iterator[RealHub]:
    celery = Celery("feedpub-test-hub", broker="memory://", backend="cache+memory://")
    celery.conf.update(
        broker_transport_options={"polling_interval": 0.05},
        # The worker must not take over logging from pytest.
        worker_hijack_root_logger=False,
    )
    # Short timeouts and few, quick retries: a failed delivery shows up within the test's wait.
    settings = {
        "PUBLISH_SUPPORTED": True,
        "REQUEST_TIMEOUT": 5,
        "MAX_ATTEMPTS": 2,
        "BACKOFF_BASE": 0.1,
    }
    app = Flask("feedpub-test-hub")
    app.config.update(settings)
    storage = SQLite3HubStorage(str(tmp_path / "hub.sqlite"))
    hub = Hub(storage, celery, **settings)
    app.register_blueprint(hub.build_blueprint(url_prefix="/hub"))
    publishes: list[str] = []

    @app.before_request
    def record_publish() -> None:
        if request.form.get("hub.mode") == "publish":
            publishes.append(request.form.get("hub.topic", ""))

    server = make_wsgi_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield RealHub(f"http://127.0.0.1:{server.server_port}/hub", storage, publishes)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@dataclass(frozen=True)
class Delivery:
    feed: str
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Subscriber:
    """What the subscriber server saw: verified topics and delivered content, per callback."""

    url: str
    verified: list[str] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def callback(self, feed: str) -> str:
        return f"{self.url}{feed}"

    def wait_for(self, what: str, predicate: Callable[[], bool]) -> None:
        """Wait until ``predicate`` holds, looking again on every request the subscriber gets
        and at least every 50 ms (it may depend on the hub's state, which sends no signal)."""
        deadline = time.monotonic() + WAIT
        with self.changed:
            while not predicate():
                if time.monotonic() > deadline:
                    pytest.fail(f"no {what} within {WAIT} s: {self.verified} {self.deliveries}")
                self.changed.wait(0.05)


class _SubscriberServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, topics: dict[str, str]) -> None:
        super().__init__(("127.0.0.1", 0), _SubscriberHandler)
        self.topics = topics  # callback path -> the topic it subscribed to
        self.record = Subscriber(f"http://127.0.0.1:{self.server_address[1]}/callback/")


class _SubscriberHandler(BaseHTTPRequestHandler):
    server: _SubscriberServer

    def do_GET(self) -> None:
        """Intent verification: echo the challenge, but only for the topic we asked for."""
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        topic = self.server.topics.get(url.path)
        if query.get("hub.mode") != "subscribe" or query.get("hub.topic") != topic:
            self._answer(404, b"")
            return
        self._answer(200, query["hub.challenge"].encode())
        with self.server.record.changed:
            self.server.record.verified.append(topic)
            self.server.record.changed.notify_all()

    def do_POST(self) -> None:
        """Content distribution: the hub POSTs the topic's body to the callback."""
        url = urllib.parse.urlsplit(self.path)
        if url.path not in self.server.topics:
            self._answer(404, b"")
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        delivery = Delivery(url.path.rsplit("/", 1)[-1], dict(self.headers.items()), body)
        self._answer(204, b"")
        with self.server.record.changed:
            self.server.record.deliveries.append(delivery)
            self.server.record.changed.notify_all()

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def feed_server(project: Path) -> Iterator[FeedServer]:
    """``feedpub serve`` for the project's output folder, on a free port."""
    server = make_server(load_config(project / "config.toml"), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def site(project: Path, feed_server: FeedServer, websub_hub: RealHub) -> Path:
    """The project's config.toml, now pointing at the served folder and the real hub."""
    base = f"http://127.0.0.1:{feed_server.server_address[1]}/"
    path = project / "config.toml"
    text = path.read_text("utf-8").replace("https://news.example.org/feeds/", base)
    # A hub that stops answering must not hold the build for the default 60 s budget.
    text += f'\n[ping]\nhubs = ["{websub_hub.url}"]\ntimeout = 5\nbudget = 15\n'
    path.write_text(text, "utf-8")
    # The server was started before its port was known; now it sends the real Link headers.
    feed_server.config = load_config(path)
    return path


@pytest.fixture
def subscriber(site: Path) -> Iterator[Subscriber]:
    base = load_config(site).feed_url
    paths = {f"/callback/{feed}": f"{base}{feed}" for feed in FEEDS}
    server = _SubscriberServer(paths)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.record
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _subscribe(hub: RealHub, subscriber: Subscriber, topic: str, feed: str) -> None:
    form = {"hub.mode": "subscribe", "hub.topic": topic, "hub.callback": subscriber.callback(feed)}
    response = requests.post(hub.url, data=form, timeout=5)
    assert response.status_code == 202, response.text


def _titles(delivery: Delivery) -> list[str]:
    if delivery.feed == "feed.json":
        return [item["title"] for item in json.loads(delivery.body)["items"]]
    parsed = feedparser.parse(delivery.body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [entry.title for entry in parsed.entries]


def test_subscriber_receives_the_new_feed_after_a_build(
    site: Path, websub_hub: RealHub, subscriber: Subscriber
) -> None:
    assert main(["build", "-q", "--config", str(site)]) == 0  # first feeds; nobody subscribed
    base = load_config(site).feed_url
    for feed in FEEDS:
        _subscribe(websub_hub, subscriber, base + feed, feed)
    subscriber.wait_for("verification", lambda: len(subscriber.verified) == len(FEEDS))
    # The worker stores a subscription after its challenge was answered: wait for that too.
    subscriber.wait_for(
        "stored subscription",
        lambda: all(websub_hub.subscribers(base + feed) for feed in FEEDS),
    )

    assert sorted(websub_hub.publishes) == sorted(base + feed for feed in FEEDS)

    # Nothing changed: no publish request reaches the hub. (Counted at the hub's endpoint, as
    # the build makes it: a delivery count could not show it, since the hub fetches the topic
    # when its worker gets round to it, and a stray ping would then deliver the newer feed.)
    assert main(["build", "-q", "--config", str(site)]) == 0
    assert len(websub_hub.publishes) == len(FEEDS)

    (site.parent / "docs" / "ferry.md").write_text(NEW_DOCUMENT, "utf-8")
    assert main(["build", "-q", "--config", str(site)]) == 0  # 0: every ping was accepted
    assert len(websub_hub.publishes) == 2 * len(FEEDS)
    subscriber.wait_for("delivery", lambda: len(subscriber.deliveries) >= len(FEEDS))

    # One delivery per feed, each the feed as now published, with the new entry in it.
    assert sorted(d.feed for d in subscriber.deliveries) == sorted(FEEDS)
    for delivery in subscriber.deliveries:
        assert delivery.body == (site.parent / "public" / delivery.feed).read_bytes()
        assert NEW_TITLE in _titles(delivery)
        # The hub passes on the topic's Link headers: the feed's hub and self.
        assert f'<{websub_hub.url}>; rel="hub"' in delivery.headers["Link"]
        assert f'<{base}{delivery.feed}>; rel="self"' in delivery.headers["Link"]
