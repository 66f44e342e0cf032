"""Telling aggregators that a feed changed (the I/O edge on the way out).

Three protocols: WebSub publish notifications to hubs (a form POST with
``hub.mode=publish``; ``hub.url`` and ``hub.topic`` both, since hubs differ in which they
read), the classic XML-RPC ``weblogUpdates`` pings (``extendedPing``, falling back to
``ping`` only when the service faults on it), and IndexNow (https://www.indexnow.org/: a
JSON POST of the changed pages' URLs, up to 10,000 a request, with the site's key and
where its key file is). Every request has a timeout; connection errors, timeouts, 429 and 5xx
are retried with exponential backoff and jitter (``Retry-After`` honoured), other 4xx never;
and all of it fits in one time budget, so a dead hub cannot hold a cron run. A failure is a
``PingResult`` value, never an exception that stops a build.

requests' timeout bounds each read, not a request: a hub that sends a byte a second never
trips it. So a watchdog shuts the request's socket when its time (the timeout, or what is
left of the budget) is up, whatever the hub is doing.
"""

from __future__ import annotations

import contextlib
import functools
import json
import random
import socket
import subprocess
import threading
import time
import xmlrpc.client
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urlsplit

import requests
import requests.adapters
import urllib3.connection
import urllib3.connectionpool

from . import __version__

__all__ = [
    "INDEXNOW_BATCH",
    "USER_AGENT",
    "Ping",
    "PingResult",
    "Pinger",
    "RetryPolicy",
    "plan_pings",
]

USER_AGENT = f"feedpub/{__version__} (+https://pypi.org/project/feedpub/)"

PingKind = Literal["websub", "xmlrpc", "purge", "indexnow"]
"""``purge``: a changed URL purged from an HTTP cache (see ``purge.py``)."""
INDEXNOW_BATCH = 10_000
"""URLs one IndexNow request may carry (the protocol's limit)."""


@dataclass(frozen=True, order=True)
class Ping:
    """One notification to send: ``target`` is the hub or service, ``topic`` the feed URL
    (for IndexNow: the endpoint, and the URL of a changed page)."""

    kind: PingKind
    target: str
    topic: str


@dataclass(frozen=True)
class PingResult:
    ping: Ping
    ok: bool
    attempts: int
    message: str


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 30.0
    timeout: float = 10.0
    """Seconds for one request (connect and read)."""
    budget: float = 60.0
    """Seconds for all the pings of one run together."""


def plan_pings(
    feed_urls: Iterable[str],
    hubs: Iterable[str],
    services: Iterable[str],
    *,
    pages: Iterable[str] = (),
    indexnow: str | None = None,
) -> list[Ping]:
    """Every hub for every changed feed, every XML-RPC service for every changed feed, and
    the IndexNow endpoint ``indexnow`` (if any) for every changed page."""
    feeds = sorted(set(feed_urls))
    pings = {Ping("websub", hub, feed) for hub in hubs for feed in feeds}
    pings |= {Ping("xmlrpc", service, feed) for service in services for feed in feeds}
    if indexnow:
        pings |= {Ping("indexnow", indexnow, page) for page in pages}
    return sorted(pings)


class _Final(Exception):
    """A failure that retrying will not fix."""


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _retry_after(value: str | None, now: float) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError):
        return None


class _Watch:
    """The sockets of one request under way; ``expire`` shuts them, which ends any read or
    write blocked on them at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.expired = False

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            if self.expired:
                _shut(sock)
            else:
                self._sockets.append(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # closed already
        sock.shutdown(socket.SHUT_RDWR)


_watching = threading.local()
"""``watch``: the ``_Watch`` of the request this thread is making, if any."""


def _watched(sock: socket.socket) -> socket.socket:
    watch: _Watch | None = getattr(_watching, "watch", None)
    if watch is not None:
        watch.add(sock)
    return sock


class _HTTPConnection(urllib3.connection.HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _watched(super()._new_conn())

    def request(
        self, method: str, url: str, body: object = None, headers: object = None, **options: bool
    ) -> None:
        if self.sock is not None:  # kept alive from an earlier request
            _watched(self.sock)
        super().request(method, url, body, headers, **options)  # type: ignore[arg-type]


class _HTTPSConnection(urllib3.connection.HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _watched(super()._new_conn())

    def request(
        self, method: str, url: str, body: object = None, headers: object = None, **options: bool
    ) -> None:
        if self.sock is not None:
            _watched(self.sock)
        super().request(method, url, body, headers, **options)  # type: ignore[arg-type]


class _HTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _WatchedAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter, with connections whose sockets a ``_Watch`` can shut."""

    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        super().init_poolmanager(*args, **kwargs)  # type: ignore[arg-type]
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: object) -> object:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if not proxy.lower().startswith("socks"):  # SOCKS has connection classes of its own
            manager.pool_classes_by_scheme = _POOLS
        return manager


class Pinger:
    """Sends pings with one ``requests.Session``; ``sleep``, ``clock`` and ``jitter`` are
    injectable so tests neither wait nor depend on chance."""

    def __init__(
        self,
        session: requests.Session | None = None,
        policy: RetryPolicy | None = None,
        *,
        site_name: str = "feedpub",
        site_url: str = "",
        indexnow_key: str | None = None,
        indexnow_key_location: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        adapter = _WatchedAdapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.policy = policy or RetryPolicy()
        self.site_name = site_name
        self.site_url = site_url
        self.indexnow_key = indexnow_key
        self.indexnow_key_location = indexnow_key_location
        self._sleep, self._clock, self._jitter = sleep, clock, jitter
        self._deadline = clock() + self.policy.budget

    def send_all(self, pings: Iterable[Ping]) -> list[PingResult]:
        """Send each ping; all of them share the policy's time budget. IndexNow pings go
        together: one request per endpoint and host for up to ``INDEXNOW_BATCH`` pages."""
        self._deadline = self._clock() + self.policy.budget
        pings = list(pings)
        batches: dict[tuple[str, str], list[Ping]] = {}
        for ping in pings:
            if ping.kind == "indexnow":
                batches.setdefault((ping.target, _host(ping.topic)), []).append(ping)
        results: dict[Ping, PingResult] = {}
        for ping in pings:
            if ping in results:
                continue
            if ping.kind != "indexnow":
                results[ping] = self.send(ping)
                continue
            group = batches[(ping.target, _host(ping.topic))]
            for start in range(0, len(group), INDEXNOW_BATCH):
                batch = group[start : start + INDEXNOW_BATCH]
                result = self._with_retries(batch[0], functools.partial(self._indexnow, batch))
                results.update((each, replace(result, ping=each)) for each in batch)
        return [results[ping] for ping in pings]

    def send(self, ping: Ping) -> PingResult:
        if ping.kind == "websub":
            return self._with_retries(ping, self._websub)
        if ping.kind == "purge":
            return self._with_retries(ping, self._purge)
        if ping.kind == "indexnow":
            return self._with_retries(ping, functools.partial(self._indexnow, [ping]))
        return self._with_retries(ping, self._xmlrpc)

    def _with_retries(self, ping: Ping, attempt: Callable[[Ping], str]) -> PingResult:
        message = "no attempt: the time budget was spent"
        for number in range(1, self.policy.attempts + 1):
            if self._clock() >= self._deadline:
                return PingResult(ping, False, number - 1, message + " (time budget spent)")
            try:
                return PingResult(ping, True, number, attempt(ping))
            except _Retryable as exc:
                message = str(exc)
                if number == self.policy.attempts:
                    break
                delay = min(self.policy.max_delay, self.policy.base_delay * 2 ** (number - 1))
                delay *= 0.5 + self._jitter() / 2  # jitter: hubs are not hit in lockstep
                if exc.retry_after is not None:
                    delay = max(delay, exc.retry_after)
                if self._clock() + delay >= self._deadline:
                    return PingResult(ping, False, number, message + " (time budget spent)")
                self._sleep(delay)
            except _Final as exc:
                return PingResult(ping, False, number, str(exc))
        return PingResult(ping, False, self.policy.attempts, message)

    def _post(self, url: str, **kwargs: object) -> requests.Response:
        return self._request("POST", url, accept=(), **kwargs)

    def _timeout(self) -> float:
        return max(0.1, min(self.policy.timeout, self._deadline - self._clock()))

    def _request(
        self, method: str, url: str, *, accept: tuple[int, ...] = (), **kwargs: object
    ) -> requests.Response:
        """One request (``accept``: statuses taken as success besides 2xx)."""
        timeout = self._timeout()
        # The whole request, connect to last byte, within ``timeout``: the watchdog shuts its
        # socket then (requests' own timeout is only per read).
        watch = _Watch()
        watchdog = threading.Timer(timeout, watch.expire)
        watchdog.daemon = True
        _watching.watch = watch
        watchdog.start()
        try:
            response = self.session.request(method, url, timeout=timeout, **kwargs)  # type: ignore[arg-type]
        except requests.RequestException as exc:
            if watch.expired or isinstance(exc, requests.Timeout):
                raise _Retryable(f"timed out after {timeout:g} s") from exc
            if isinstance(exc, requests.ConnectionError):
                raise _Retryable(f"cannot connect: {exc.__class__.__name__}") from exc
            raise _Final(f"request failed: {exc}") from exc
        finally:
            watchdog.cancel()
            _watching.watch = None
        if response.status_code == 429 or response.status_code >= 500:
            raise _Retryable(
                f"HTTP {response.status_code}",
                _retry_after(response.headers.get("Retry-After"), time.time()),
            )
        if not 200 <= response.status_code < 300 and response.status_code not in accept:
            raise _Final(f"HTTP {response.status_code}: {response.text[:200].strip()}")
        return response

    def _purge(self, ping: Ping) -> str:
        from .purge import purge_command, purge_request

        command = purge_command(ping.target)
        if command is not None:
            return self._run_purge(command, ping.topic)
        method, url, host = purge_request(ping.target, ping.topic)
        # 404: the cache held nothing at that URL, which is as purged as it gets.
        response = self._request(method, url, headers={"Host": host}, accept=(404,))
        return f"HTTP {response.status_code}"

    def _run_purge(self, command: list[str], url: str) -> str:
        timeout = self._timeout()
        try:
            done = subprocess.run(
                [*command, url], capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise _Retryable(f"timed out after {timeout:g} s") from exc
        except OSError as exc:  # no such program, not executable
            raise _Final(f"cannot run {command[0]}: {exc.strerror or exc}") from exc
        if done.returncode != 0:
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:200]
            raise _Retryable(f"exit status {done.returncode}" + (f": {said}" if said else ""))
        return "exit status 0"

    def _websub(self, ping: Ping) -> str:
        response = self._post(
            ping.target,
            data={"hub.mode": "publish", "hub.url": ping.topic, "hub.topic": ping.topic},
        )
        return f"HTTP {response.status_code}"

    def _indexnow(self, batch: list[Ping], _first: Ping | None = None) -> str:
        """One IndexNow request for ``batch`` (one endpoint, one host; ``_first``, its
        first ping, is what ``_with_retries`` passes)."""
        if not self.indexnow_key:
            raise _Final("no IndexNow key")
        body: dict[str, object] = {"host": _host(batch[0].topic), "key": self.indexnow_key}
        if self.indexnow_key_location:
            body["keyLocation"] = self.indexnow_key_location
        body["urlList"] = [ping.topic for ping in batch]
        response = self._post(
            batch[0].target,
            data=json.dumps(body).encode("utf-8"),
            headers={"Content-Type": "application/json; charset=utf-8"},
        )
        return f"HTTP {response.status_code}"

    def _xmlrpc_call(self, url: str, method: str, params: tuple[str, ...]) -> str:
        body = xmlrpc.client.dumps(params, methodname=method, encoding="utf-8")
        response = self._post(
            url, data=body.encode("utf-8"), headers={"Content-Type": "text/xml; charset=utf-8"}
        )
        try:
            (reply,), _ = xmlrpc.client.loads(response.content)
        except xmlrpc.client.Fault:
            raise
        except Exception as exc:  # a reply that is not XML-RPC at all
            raise _Final(f"not an XML-RPC reply: {exc}") from exc
        if not isinstance(reply, dict):
            raise _Final(f"unexpected reply {reply!r}")
        message = str(reply.get("message", ""))
        if reply.get("flerror"):
            raise _Final(f"flerror: {message}")
        return message or "ok"

    def _xmlrpc(self, ping: Ping) -> str:
        name, site = self.site_name, self.site_url
        try:
            return self._xmlrpc_call(
                ping.target, "weblogUpdates.extendedPing", (name, site, site, ping.topic)
            )
        except xmlrpc.client.Fault:
            pass  # the service does not know extendedPing: the three-field ping is the fallback
        try:
            return self._xmlrpc_call(ping.target, "weblogUpdates.ping", (name, site))
        except xmlrpc.client.Fault as exc:
            raise _Final(f"fault {exc.faultCode}: {exc.faultString}") from exc


def _host(url: str) -> str:
    """The host (and port, when the URL names one) IndexNow takes a URL to belong to."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return f"{host}:{parts.port}" if parts.port else host
