"""A real WebSub hub on 127.0.0.1, to try feedpub's pings by hand (and the one the tests use).

    python tools/websub_hub.py [--port 8080] [--subscribe TOPIC_URL ...]

The hub is Flask-WebSub's (installed by the ``dev`` extra), run as it runs in production, in
two parts: its Flask endpoint (served by werkzeug) queues tasks, and a Celery worker (a thread
here, on an in-memory broker, so no Redis or RabbitMQ) verifies subscribers, fetches a topic
when it is told it changed and POSTs the body to each subscriber. ``--subscribe`` also runs a
subscriber on a free port that answers the hub's challenge and prints every delivery.
"""

from __future__ import annotations

import argparse
import signal
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests
from celery import Celery
from celery.contrib.testing.worker import start_worker
from flask import Flask, request
from flask_websub.hub import Hub, SQLite3HubStorage
from werkzeug.serving import make_server

# Short timeouts and few, quick retries: a failed delivery shows within seconds, not an hour.
HUB_SETTINGS = {
    "PUBLISH_SUPPORTED": True,  # accept hub.mode=publish (off by default in Flask-WebSub)
    "REQUEST_TIMEOUT": 5,
    "MAX_ATTEMPTS": 2,
    "BACKOFF_BASE": 0.1,
}


@dataclass(frozen=True)
class RunningHub:
    url: str
    storage: SQLite3HubStorage
    publishes: list[str]
    """The topic of every ``hub.mode=publish`` request the endpoint received, in order."""

    def subscribers(self, topic: str) -> list[str]:
        """The callbacks whose subscription to ``topic`` the hub has verified and stored."""
        return [row[0] for row in self.storage.get_callbacks(topic)]


@contextmanager
def running_hub(database: Path, port: int = 0) -> Iterator[RunningHub]:
    """Flask-WebSub's hub at ``http://127.0.0.1:PORT/hub`` (port 0: a free one) and its worker."""
    celery = Celery("feedpub-websub-hub", broker="memory://", backend="cache+memory://")
    celery.conf.update(
        broker_transport_options={"polling_interval": 0.05},
        worker_hijack_root_logger=False,  # leave logging to the caller (pytest, or nobody)
    )
    app = Flask("feedpub-websub-hub")
    app.config.update(HUB_SETTINGS)
    storage = SQLite3HubStorage(str(database))
    hub = Hub(storage, celery, **HUB_SETTINGS)
    app.register_blueprint(hub.build_blueprint(url_prefix="/hub"))
    publishes: list[str] = []

    @app.before_request
    def record_publish() -> None:
        if request.form.get("hub.mode") == "publish":
            publishes.append(request.form.get("hub.topic", ""))

    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        with start_worker(celery, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield RunningHub(f"http://127.0.0.1:{server.server_port}/hub", storage, publishes)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@dataclass(frozen=True)
class Delivery:
    topic: str
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Subscriber:
    """A WebSub subscriber: one callback URL per topic; records what the hub verified and
    delivered, and wakes ``changed``'s waiters on each."""

    url: str
    topics: dict[str, str]
    """Callback path -> the topic subscribed at it."""
    verified: list[str] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)
    on_delivery: Callable[[Delivery], None] | None = None

    def callback(self, topic: str) -> str:
        path = next(path for path, subscribed in self.topics.items() if subscribed == topic)
        return urllib.parse.urljoin(self.url, path)

    def subscribe(self, hub_url: str, topic: str) -> requests.Response:
        form = {"hub.mode": "subscribe", "hub.topic": topic, "hub.callback": self.callback(topic)}
        return requests.post(hub_url, data=form, timeout=10)

    def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Whether ``predicate`` came to hold within ``timeout`` seconds; looked at on every
        request the subscriber gets and every 50 ms (it may read the hub's state, which sends
        no signal)."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while not predicate():
                if time.monotonic() > deadline:
                    return False
                self.changed.wait(0.05)
        return True


class _SubscriberServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, topics: list[str], on_delivery: Callable[[Delivery], None] | None) -> None:
        super().__init__(("127.0.0.1", 0), _SubscriberHandler)
        paths = {f"/callback/{number}": topic for number, topic in enumerate(topics)}
        url = f"http://127.0.0.1:{self.server_address[1]}/"
        self.record = Subscriber(url, paths, on_delivery=on_delivery)


class _SubscriberHandler(BaseHTTPRequestHandler):
    server: _SubscriberServer

    def do_GET(self) -> None:
        """Intent verification: echo the challenge, but only for the topic we asked for."""
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        topic = self.server.record.topics.get(url.path)
        if query.get("hub.mode") != "subscribe" or query.get("hub.topic") != topic:
            self._answer(404, b"")
            return
        self._answer(200, query["hub.challenge"].encode())
        with self.server.record.changed:
            self.server.record.verified.append(query["hub.topic"])
            self.server.record.changed.notify_all()

    def do_POST(self) -> None:
        """Content distribution: the hub POSTs the topic's new body to its callback."""
        topic = self.server.record.topics.get(urllib.parse.urlsplit(self.path).path)
        if topic is None:
            self._answer(404, b"")
            return
        # Flask-WebSub passes on the topic's headers as it got them (``Content-Encoding: gzip``
        # from a server that compressed) but sends the body decoded: take the body as it is.
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        delivery = Delivery(topic, dict(self.headers.items()), body)
        self._answer(204, b"")
        if self.server.record.on_delivery:
            self.server.record.on_delivery(delivery)
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


@contextmanager
def running_subscriber(
    topics: list[str], on_delivery: Callable[[Delivery], None] | None = None
) -> Iterator[Subscriber]:
    """A subscriber on a free port of 127.0.0.1 with a callback for each of ``topics``."""
    server = _SubscriberServer(topics, on_delivery)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.record
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so `kill` stops the hub as cleanly as Ctrl-C does


def _print_delivery(delivery: Delivery) -> None:
    text = delivery.body.decode("utf-8", "replace")
    print(f"delivered {delivery.topic}: {len(delivery.body)} bytes\n{text[:600]}\n", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8080, help="hub port on 127.0.0.1")
    parser.add_argument("--subscribe", nargs="*", default=[], metavar="TOPIC_URL")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    with (
        tempfile.TemporaryDirectory() as folder,
        running_hub(Path(folder) / "hub.sqlite", args.port) as hub,
        running_subscriber(args.subscribe, _print_delivery) as subscriber,
    ):
        print(f"hub: {hub.url}", flush=True)
        for topic in args.subscribe:
            response = subscriber.subscribe(hub.url, topic)
            print(f"subscribe {topic}: HTTP {response.status_code}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("stopping", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
