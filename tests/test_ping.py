"""Pings against real servers on 127.0.0.1: a recording hub stand-in and stdlib XML-RPC."""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xmlrpc.server import SimpleXMLRPCServer

import pytest

from feedpub import build, load_config
from feedpub.cli import main
from feedpub.config import Config
from feedpub.ping import USER_AGENT, Ping, Pinger, RetryPolicy, plan_pings


class Hub(ThreadingHTTPServer):
    """Answers each POST with the next scripted status (then 204) and records the forms."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _HubHandler)
        self.posts: list[tuple[dict[str, list[str]], str]] = []
        self.script: list[tuple[int, dict[str, str]]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hub"


class _HubHandler(BaseHTTPRequestHandler):
    server: Hub

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        self.server.posts.append((form, self.headers["User-Agent"]))
        status, headers = self.server.script.pop(0) if self.server.script else (204, {})
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _running(server: ThreadingHTTPServer | SimpleXMLRPCServer) -> Iterator[None]:
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def hub() -> Iterator[Hub]:
    server = Hub()
    for _ in _running(server):
        yield server


class Rpc(SimpleXMLRPCServer):
    def __init__(self, mode: str) -> None:
        super().__init__(("127.0.0.1", 0), logRequests=False, allow_none=True)
        self.calls: list[tuple[str, tuple[str, ...]]] = []
        self.mode = mode

        def extended(*params: str) -> dict[str, object]:
            self.calls.append(("extendedPing", params))
            if self.mode == "no-extended":
                raise Exception("unknown method")  # becomes a Fault
            if self.mode == "slow":
                time.sleep(1.5)
            return {"flerror": self.mode == "flerror", "message": f"mode {self.mode}"}

        def ping(*params: str) -> dict[str, object]:
            self.calls.append(("ping", params))
            return {"flerror": False, "message": "Thanks for the ping."}

        self.register_function(extended, "weblogUpdates.extendedPing")
        self.register_function(ping, "weblogUpdates.ping")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/RPC2"


@pytest.fixture
def rpc(request: pytest.FixtureRequest) -> Iterator[Rpc]:
    server = Rpc(getattr(request, "param", "ok"))
    for _ in _running(server):
        yield server


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


class FakeClock:
    """sleep() advances the clock instead of waiting; records each delay."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _pinger(fake: FakeClock, **policy: float) -> Pinger:
    return Pinger(
        policy=RetryPolicy(**{"timeout": 1.0, **policy}),  # type: ignore[arg-type]
        site_name="Test feed",
        site_url="https://news.example.org/",
        sleep=fake.sleep,
        clock=fake.clock,
        jitter=lambda: 1.0,
    )


TOPIC = "https://news.example.org/feeds/atom.xml"


def test_websub_publish_sends_url_and_topic(hub: Hub) -> None:
    result = _pinger(FakeClock()).send(Ping("websub", hub.url, TOPIC))
    assert result.ok
    assert result.attempts == 1
    form, agent = hub.posts[0]
    assert form == {"hub.mode": ["publish"], "hub.url": [TOPIC], "hub.topic": [TOPIC]}
    assert agent == USER_AGENT


def test_5xx_and_429_are_retried_with_backoff_and_retry_after(hub: Hub) -> None:
    hub.script = [(503, {}), (429, {"Retry-After": "7"}), (202, {})]
    fake = FakeClock()
    result = _pinger(fake, base_delay=1.0).send(Ping("websub", hub.url, TOPIC))
    assert result.ok
    assert result.attempts == 3
    assert fake.sleeps == [1.0, 7.0]  # 1 s backoff, then Retry-After's 7 s over the 2 s backoff


def test_other_4xx_is_not_retried(hub: Hub) -> None:
    hub.script = [(400, {})]
    result = _pinger(FakeClock()).send(Ping("websub", hub.url, TOPIC))
    assert not result.ok
    assert result.attempts == 1
    assert result.message.startswith("HTTP 400")
    assert len(hub.posts) == 1


def test_closed_port_is_retried_then_fails() -> None:
    fake = FakeClock()
    result = _pinger(fake, attempts=3).send(Ping("websub", _closed_port_url(), TOPIC))
    assert not result.ok
    assert result.attempts == 3
    assert "cannot connect" in result.message
    assert fake.sleeps == [1.0, 2.0]


def test_budget_stops_retries(hub: Hub) -> None:
    hub.script = [(503, {"Retry-After": "120"})]
    fake = FakeClock()
    result = _pinger(fake, budget=60).send_all([Ping("websub", hub.url, TOPIC)])[0]
    assert not result.ok
    assert "time budget" in result.message
    assert fake.sleeps == []


def test_xmlrpc_extended_ping(rpc: Rpc) -> None:
    result = _pinger(FakeClock()).send(Ping("xmlrpc", rpc.url, TOPIC))
    assert result.ok, result.message
    assert rpc.calls == [
        (
            "extendedPing",
            ("Test feed", "https://news.example.org/", "https://news.example.org/", TOPIC),
        )
    ]


@pytest.mark.parametrize("rpc", ["no-extended"], indirect=True)
def test_xmlrpc_falls_back_to_ping_on_a_fault(rpc: Rpc) -> None:
    result = _pinger(FakeClock()).send(Ping("xmlrpc", rpc.url, TOPIC))
    assert result.ok
    assert result.message == "Thanks for the ping."
    assert [c[0] for c in rpc.calls] == ["extendedPing", "ping"]
    assert rpc.calls[1][1] == ("Test feed", "https://news.example.org/")


@pytest.mark.parametrize("rpc", ["flerror"], indirect=True)
def test_xmlrpc_flerror_is_a_failure(rpc: Rpc) -> None:
    result = _pinger(FakeClock()).send(Ping("xmlrpc", rpc.url, TOPIC))
    assert not result.ok
    assert result.message == "flerror: mode flerror"
    assert [c[0] for c in rpc.calls] == ["extendedPing"]


@pytest.mark.parametrize("rpc", ["slow"], indirect=True)
def test_xmlrpc_slow_reply_times_out(rpc: Rpc) -> None:
    result = _pinger(FakeClock(), attempts=1, timeout=0.3).send(Ping("xmlrpc", rpc.url, TOPIC))
    assert not result.ok
    assert "timed out" in result.message


def test_plan_pings() -> None:
    pings = plan_pings(["f2", "f1", "f1"], ["h"], ["s"])
    assert pings == [
        Ping("websub", "h", "f1"),
        Ping("websub", "h", "f2"),
        Ping("xmlrpc", "s", "f1"),
        Ping("xmlrpc", "s", "f2"),
    ]


@pytest.fixture
def config(project: Path, hub: Hub, rpc: Rpc) -> Config:
    return replace(load_config(project / "config.toml"), hubs=(hub.url,), ping_services=(rpc.url,))


def test_build_pings_only_when_a_feed_changed(config: Config, hub: Hub, rpc: Rpc) -> None:
    report = build(config, pinger=_pinger(FakeClock()))
    assert all(r.ok for r in report.pings)
    topics = sorted(form["hub.topic"][0] for form, _ in hub.posts)
    assert topics == [
        "https://news.example.org/feeds/atom.xml",
        "https://news.example.org/feeds/feed.json",
        "https://news.example.org/feeds/rss.xml",
        "https://news.example.org/feeds/sections/ukraine-and-russia-war/atom.xml",
        "https://news.example.org/feeds/sections/ukraine-and-russia-war/feed.json",
        "https://news.example.org/feeds/sections/ukraine-and-russia-war/rss.xml",
    ]
    assert len(rpc.calls) == 6
    again = build(config, pinger=_pinger(FakeClock()))
    assert again.pings == ()
    assert len(hub.posts) == 6


def test_pings_queued_before_the_feeds_are_replaced_are_not_failures(
    config: Config, hub: Hub
) -> None:
    # The build queues its pings (an outbox) before it replaces the feeds; only the ones
    # that then fail make a hub "failing" for the next run.
    first = build(replace(config, ping_services=()), pinger=_pinger(FakeClock()))
    assert first.pings
    assert all(r.ok for r in first.pings)
    assert first.failing_before == frozenset()
    hub.script = [(400, {})] * 3
    (config.input_dir / "late.md").write_text("---\ntitle: Late\ndate: 2024-05-01\n---\n\nText.\n")
    second = build(replace(config, ping_services=()), pinger=_pinger(FakeClock()))
    assert second.failing_before == frozenset()
    assert second.failed_pings
    third = build(replace(config, ping_services=()), pinger=_pinger(FakeClock()))
    assert third.failing_before == {hub.url}


def test_failed_pings_are_queued_and_retried_next_run(config: Config, hub: Hub) -> None:
    hub.script = [(400, {})] * 3
    first = build(replace(config, ping_services=()), pinger=_pinger(FakeClock()))
    assert len(first.failed_pings) == 3
    # Nothing changed, but the queued pings go out again, and then the queue is empty.
    second = build(replace(config, ping_services=()), pinger=_pinger(FakeClock()))
    assert len(second.pings) == 3
    assert all(r.ok for r in second.pings)
    third = build(replace(config, ping_services=()), pinger=_pinger(FakeClock()))
    assert third.pings == ()


def test_a_queued_ping_to_a_hub_no_longer_configured_is_dropped(config: Config, hub: Hub) -> None:
    """A hub removed from the configuration (say, because it is dead) was still pinged on
    every run from the queue, each run spending the ping budget on it; so was a feed URL
    that is no longer the configured one."""
    hub.script = [(400, {})] * 3
    first = build(replace(config, ping_services=()), pinger=_pinger(FakeClock()))
    assert first.failed_pings
    posts = len(hub.posts)
    moved = replace(config, hubs=(), ping_services=(), feed_url="https://news.example.org/new/")
    second = build(moved, pinger=_pinger(FakeClock()))
    assert second.pings == ()
    assert len(hub.posts) == posts
    # Nor do they come back when the hub is configured again for the new URL.
    hub.script = []
    third = build(replace(moved, hubs=(hub.url,)), pinger=_pinger(FakeClock()))
    assert all(r.ping.topic.startswith("https://news.example.org/new/") for r in third.pings)


def test_cli_ping_and_dry_run(project: Path, hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    config_path = project / "config.toml"
    text = config_path.read_text("utf-8")
    config_path.write_text(text + f'\n[ping]\nhubs = ["{hub.url}"]\nbudget = 5\n', "utf-8")
    assert main(["ping", "--dry-run", "--config", str(config_path)]) == 0
    # A line per hub by default (issue 15: 93 feeds printed 93 lines), every ping with -v.
    assert capsys.readouterr().out == f"would ping websub {hub.url} for 3 feeds\n(-v: every ping)\n"
    assert main(["ping", "--dry-run", "-v", "--config", str(config_path)]) == 0
    out = capsys.readouterr().out
    assert f"would ping websub {hub.url} for https://news.example.org/feeds/rss.xml" in out
    assert len(out.splitlines()) == 3
    assert hub.posts == []
    assert main(["ping", "--config", str(config_path)]) == 0
    assert len(hub.posts) == 3
    assert capsys.readouterr().out == f"pinged websub {hub.url} for 3 feeds\n"
    hub.script = [(403, {})]
    assert main(["ping", "--config", str(config_path)]) == 1
    assert "failed after 1 attempt(s): HTTP 403" in capsys.readouterr().err
    hub.script = [(403, {})] * 3  # the queued ping and the three feeds' (one of them the same)
    assert main(["ping", "--config", str(config_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"feedpub: ping websub {hub.url} for 3 feeds failed after 1 attempt")
    assert err.endswith("; queued for the next run\n")
    assert len(err.splitlines()) == 1
    hub.script = [(403, {})] * 3
    assert main(["ping", "-v", "--config", str(config_path)]) == 1
    err = capsys.readouterr().err
    assert f"{hub.url} for https://news.example.org/feeds/atom.xml failed after 1" in err
    assert len(err.splitlines()) == 3


def test_cli_ping_covers_the_section_feeds_a_build_wrote(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_path = project / "config.toml"
    build(load_config(config_path))  # no hubs yet: nothing pinged
    hub = "http://127.0.0.1:9/hub"  # never contacted: a dry run
    config_path.write_text(config_path.read_text("utf-8") + f'\n[ping]\nhubs = ["{hub}"]\n')
    assert main(["ping", "--dry-run", "--config", str(config_path)]) == 0
    assert capsys.readouterr().out.startswith(f"would ping websub {hub} for 6 feeds\n")
    assert main(["ping", "--dry-run", "-v", "--config", str(config_path)]) == 0
    out = capsys.readouterr().out
    section = "https://news.example.org/feeds/sections/ukraine-and-russia-war/"
    for name in ("atom.xml", "rss.xml", "feed.json"):
        assert f"would ping websub {hub} for {section}{name}" in out
        assert f"would ping websub {hub} for https://news.example.org/feeds/{name}" in out
    assert "archive" not in out


@pytest.mark.parametrize("dry_run", [True, False])
def test_cli_ping_with_nothing_configured_says_so(
    project: Path, capsys: pytest.CaptureFixture[str], dry_run: bool
) -> None:
    config_path = project / "config.toml"
    build(load_config(config_path))
    command = ["ping", *(["--dry-run"] if dry_run else []), "--config", str(config_path)]
    assert main(command) == 0
    assert capsys.readouterr().out == "nothing to ping: no hubs or services configured\n"


class TricklingHub:
    """Reads a request, then sends a whole 204 answer a byte every quarter second (12 s in
    all): no read waits long, so only a deadline on the whole request stops waiting."""

    ANSWER = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.connections = 0
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []
        self.accepting = threading.Thread(target=self._accept, daemon=True)
        self.accepting.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/hub"

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed: the test is over
            self.connections += 1
            thread = threading.Thread(target=self._trickle, args=(client,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def _trickle(self, client: socket.socket) -> None:
        with client:
            client.settimeout(30)
            try:
                client.recv(65536)
                for byte in self.ANSWER:
                    client.sendall(bytes([byte]))
                    if self.stop.wait(0.25):
                        return
            except OSError:
                return  # the pinger gave up and closed

    def close(self) -> None:
        self.stop.set()
        self.listener.close()
        for thread in self.threads:
            thread.join(60)


@pytest.fixture
def trickling() -> Iterator[TricklingHub]:
    hub = TricklingHub()
    try:
        yield hub
    finally:
        hub.close()


def test_a_hub_trickling_its_answer_cannot_outlast_the_timeout(trickling: TricklingHub) -> None:
    pinger = Pinger(policy=RetryPolicy(attempts=1, timeout=1, budget=30))
    result = pinger.send(Ping("websub", trickling.url, TOPIC))
    # Without a deadline on the whole request, the answer (a 204) would arrive whole.
    assert not result.ok
    assert result.message == "timed out after 1 s"


def test_a_trickling_hub_cannot_hold_a_build_past_the_ping_budget(
    config: Config, trickling: TricklingHub
) -> None:
    # Every attempt is cut at the timeout and the retries stop at the budget; the build
    # finishes with the ping failed and queued (a 204 would only come after 12 s).
    slow = replace(config, hubs=(trickling.url,), ping_services=(), ping_timeout=5, ping_budget=1)
    report = build(slow)
    assert report.pings
    assert not any(r.ok for r in report.pings)
    assert all("time budget" in r.message or "timed out" in r.message for r in report.pings)
    assert trickling.connections >= 1


def test_quiet_build_names_a_dead_hub_once_and_again_when_it_works(
    project: Path, hub: Hub, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15: with -q, one dead hub and 93 feeds printed 94 lines on every cron run. Now a
    hub is named when it starts failing and when it works again (the queue in the state
    remembers which hubs were failing); the exit code still says 1 while it fails."""
    config_path = project / "config.toml"
    text = config_path.read_text("utf-8")
    config_path.write_text(text + f'\n[ping]\nhubs = ["{hub.url}"]\nbudget = 5\n', "utf-8")
    quiet = ["build", "-q", "--config", str(config_path)]
    hub.script = [(403, {})] * 100  # 4xx: never retried, so each ping is one POST
    assert main(quiet) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"feedpub: ping websub {hub.url} for 6 feeds failed after 1 attempt")
    assert len(err.splitlines()) == 1
    # Still dead: on a run that changed a feed, and on one that only retries the queue.
    seed = next((project / "docs").iterdir())
    seed.write_text(seed.read_text("utf-8") + "\nOne more paragraph of the story.\n", "utf-8")
    posts = len(hub.posts)
    assert main(quiet) == 1
    assert len(hub.posts) > posts  # it was tried, and said nothing
    assert capsys.readouterr() == ("", "")
    assert main(quiet) == 1
    assert capsys.readouterr() == ("", "")
    # Without -q every run says so, in a line per hub.
    assert main(["build", "--config", str(config_path)]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 1
    # It works again: said once, and then nothing.
    hub.script = []
    assert main(quiet) == 0
    assert capsys.readouterr() == (f"ping websub {hub.url} works again: 6 pings sent\n", "")
    assert main(quiet) == 0
    assert capsys.readouterr() == ("", "")


def test_quiet_build_that_finds_the_lock_held_prints_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 3 is an earlier run still at work, not a failure: nothing for cron to mail."""
    from feedpub.state import locked

    config_path = project / "config.toml"
    config_path.write_text(config_path.read_text("utf-8") + "\n[state]\nlock_timeout = 0\n")
    with locked(project / ".public.feedpub.sqlite.lock", 0):
        assert main(["build", "-q", "--config", str(config_path)]) == 3
        assert capsys.readouterr() == ("", "")
        assert main(["build", "--config", str(config_path)]) == 3
        assert "another feedpub run" in capsys.readouterr().err
