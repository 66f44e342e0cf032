"""A real WebSub hub on 127.0.0.1 delivers feedpub's new feed to a subscriber.

The hub is Flask-WebSub's (PyPI, in the dev extra) with a Celery worker, started by
``tools/websub_hub.py``: its endpoint takes our ``hub.mode=publish``, its worker fetches the
topic from ``feedpub serve`` and POSTs it to the subscriber, which is ours (it answers the hub's
challenge and records each delivery). So the test proves, end to end, that after
``feedpub build`` changed a feed a WebSub subscriber receives the new feed, and that an
unchanged build sends the hub nothing.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import feedparser
import pytest

from feedpub import load_config
from feedpub.cli import main
from feedpub.serve import FeedServer, make_server

from .conftest import ROOT


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("websub_hub", ROOT / "tools" / "websub_hub.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["websub_hub"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


tool = _tool()

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


@pytest.fixture
def websub_hub(tmp_path: Path) -> Iterator[tool.RunningHub]:
    with tool.running_hub(tmp_path / "hub.sqlite") as hub:
        yield hub


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
def site(project: Path, feed_server: FeedServer, websub_hub: tool.RunningHub) -> Path:
    """The project's config.toml, now pointing at the served folder and the real hub."""
    base = f"http://127.0.0.1:{feed_server.server_address[1]}/"
    path = project / "config.toml"
    text = path.read_text("utf-8").replace("https://news.example.org/feeds/", base)
    # The main feeds only: section feeds are pinged the same way (tests/test_ping.py).
    text = text.replace(
        'folder = "public"\n', 'folder = "public"\nsection_feeds = false\nauthor_feeds = false\n'
    )
    # A hub that stops answering must not hold the build for the default 60 s budget.
    text += f'\n[ping]\nhubs = ["{websub_hub.url}"]\ntimeout = 5\nbudget = 15\n'
    path.write_text(text, "utf-8")
    # The server was started before its port was known; now it sends the real Link headers.
    feed_server.config = load_config(path)
    return path


@pytest.fixture
def subscriber(site: Path) -> Iterator[tool.Subscriber]:
    base = load_config(site).feed_url
    with tool.running_subscriber([base + feed for feed in FEEDS]) as subscriber:
        yield subscriber


def _wait(subscriber: tool.Subscriber, what: str, predicate: Callable[[], bool]) -> None:
    if not subscriber.wait_for(predicate, WAIT):
        pytest.fail(f"no {what} within {WAIT} s: {subscriber.verified} {subscriber.deliveries}")


def _titles(feed: str, body: bytes) -> list[str]:
    if feed == "feed.json":
        return [item["title"] for item in json.loads(body)["items"]]
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [entry.title for entry in parsed.entries]


def test_subscriber_receives_the_new_feed_after_a_build(
    site: Path, websub_hub: tool.RunningHub, subscriber: tool.Subscriber
) -> None:
    assert main(["build", "-q", "--config", str(site)]) == 0  # first feeds; nobody subscribed
    base = load_config(site).feed_url
    for feed in FEEDS:
        response = subscriber.subscribe(websub_hub.url, base + feed)
        assert response.status_code == 202, response.text
    _wait(subscriber, "verification", lambda: len(subscriber.verified) == len(FEEDS))
    # The worker stores a subscription after its challenge was answered: wait for that too.
    _wait(
        subscriber,
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
    _wait(subscriber, "delivery", lambda: len(subscriber.deliveries) >= len(FEEDS))

    # One delivery per feed, each the feed as now published, with the new entry in it.
    assert sorted(d.topic for d in subscriber.deliveries) == sorted(base + f for f in FEEDS)
    for delivery in subscriber.deliveries:
        feed = delivery.topic.removeprefix(base)
        assert delivery.body == (site.parent / "public" / feed).read_bytes()
        assert NEW_TITLE in _titles(feed, delivery.body)
        # The hub passes on the topic's Link headers: the feed's hub and self.
        assert f'<{websub_hub.url}>; rel="hub"' in delivery.headers["Link"]
        assert f'<{delivery.topic}>; rel="self"' in delivery.headers["Link"]
