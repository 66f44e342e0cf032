"""Purging changed files from an HTTP cache in front of the output (Varnish, a CDN): after a
publish, every URL whose file was written or removed, so that a reader never waits out
``max-age`` for a new feed.

A purge is a ping of kind ``purge`` (``ping.Pinger`` sends it): retried like a ping
(timeouts, connection errors, 429 and 5xx, with backoff, in the run's ping budget), queued in
the state when it fails and sent again on the next run, and never a failure of the build.
Its *target* says how (``PURGE http://127.0.0.1:6081/``, ``BAN ...``, or ``command [...]``),
its *topic* is the public URL to purge (``feed.feed_url`` + the file's path).

An HTTP purge goes to ``purge.url``'s host with the public URL's path, and the public URL's
host in ``Host:``, which is what the cache keys its objects by (the way Varnish's purge
recipes and most CDN purge APIs take it). A command is run with the URL as its last argument;
exit status 0 is success.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from .config import Config

__all__ = ["PURGE_METHODS", "purge_request", "purge_target", "purge_urls"]

PURGE_METHODS = ("PURGE", "BAN")
_COMMAND = "command "


def purge_target(config: Config) -> str | None:
    """How ``config`` purges (a ping's target), or None when no cache is configured."""
    if config.purge_url:
        return f"{config.purge_method} {config.purge_url}"
    if config.purge_command:
        return _COMMAND + json.dumps(list(config.purge_command))
    return None


def purge_command(target: str) -> list[str] | None:
    """The command of a ``command [...]`` target; None for an HTTP one."""
    if not target.startswith(_COMMAND):
        return None
    argv = json.loads(target.removeprefix(_COMMAND))
    return [str(arg) for arg in argv]


def purge_urls(config: Config, changed: Iterable[str]) -> list[str]:
    """The public URLs of the files changed (paths relative to the output); a folder's
    ``index.html`` is also its folder's URL (``feeds/`` as well as ``feeds/index.html``)."""
    urls: set[str] = set()
    for relative in changed:
        urls.add(config.feed_url + relative)
        if relative == "index.html" or relative.endswith("/index.html"):
            urls.add(config.feed_url + relative.removesuffix("index.html"))
    return sorted(urls)


def purge_request(target: str, public_url: str) -> tuple[str, str, str]:
    """(method, URL to send to, ``Host`` header) of an HTTP purge of ``public_url``."""
    method, _, base = target.partition(" ")
    cache = urlsplit(base)
    public = urlsplit(public_url)
    url = urlunsplit((cache.scheme, cache.netloc, public.path or "/", public.query, ""))
    return method, url, public.netloc
