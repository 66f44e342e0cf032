"""Telling aggregators that a feed changed (the I/O edge on the way out).

Two protocols: WebSub publish notifications to hubs (a form POST with ``hub.mode=publish``;
``hub.url`` and ``hub.topic`` both, since hubs differ in which they read) and the classic
XML-RPC ``weblogUpdates`` pings (``extendedPing``, falling back to ``ping`` only when the
service faults on it). Every request has a timeout; connection errors, timeouts, 429 and 5xx
are retried with exponential backoff and jitter (``Retry-After`` honoured), other 4xx never;
and all of it fits in one time budget, so a dead hub cannot hold a cron run. A failure is a
``PingResult`` value, never an exception that stops a build.
"""

from __future__ import annotations

import random
import time
import xmlrpc.client
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Literal

import requests

from . import __version__

__all__ = ["USER_AGENT", "Ping", "PingResult", "Pinger", "RetryPolicy", "plan_pings"]

USER_AGENT = f"feedpub/{__version__} (+https://pypi.org/project/feedpub/)"

PingKind = Literal["websub", "xmlrpc"]


@dataclass(frozen=True, order=True)
class Ping:
    """One notification to send: ``target`` is the hub or service, ``topic`` the feed URL."""

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
    feed_urls: Iterable[str], hubs: Iterable[str], services: Iterable[str]
) -> list[Ping]:
    """Every hub for every changed feed, and every XML-RPC service for every changed feed."""
    feeds = sorted(set(feed_urls))
    pings = {Ping("websub", hub, feed) for hub in hubs for feed in feeds}
    pings |= {Ping("xmlrpc", service, feed) for service in services for feed in feeds}
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
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.policy = policy or RetryPolicy()
        self.site_name = site_name
        self.site_url = site_url
        self._sleep, self._clock, self._jitter = sleep, clock, jitter
        self._deadline = clock() + self.policy.budget

    def send_all(self, pings: Iterable[Ping]) -> list[PingResult]:
        """Send each ping; all of them share the policy's time budget."""
        self._deadline = self._clock() + self.policy.budget
        return [self.send(ping) for ping in pings]

    def send(self, ping: Ping) -> PingResult:
        if ping.kind == "websub":
            return self._with_retries(ping, self._websub)
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
        timeout = max(0.1, min(self.policy.timeout, self._deadline - self._clock()))
        try:
            response = self.session.post(url, timeout=timeout, **kwargs)  # type: ignore[arg-type]
        except requests.Timeout as exc:
            raise _Retryable(f"timed out after {timeout:g} s") from exc
        except requests.ConnectionError as exc:
            raise _Retryable(f"cannot connect: {exc.__class__.__name__}") from exc
        except requests.RequestException as exc:
            raise _Final(f"request failed: {exc}") from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise _Retryable(
                f"HTTP {response.status_code}",
                _retry_after(response.headers.get("Retry-After"), time.time()),
            )
        if not 200 <= response.status_code < 300:
            raise _Final(f"HTTP {response.status_code}: {response.text[:200].strip()}")
        return response

    def _websub(self, ping: Ping) -> str:
        response = self._post(
            ping.target,
            data={"hub.mode": "publish", "hub.url": ping.topic, "hub.topic": ping.topic},
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
