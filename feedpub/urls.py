"""Which URLs feedpub writes as links: one rule for documents' links, their content's links
and the configuration's URLs (no dependencies: the configuration imports it)."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

__all__ = ["http_url"]


def http_url(url: str, base: str | None = None) -> str | None:
    """``url``, made absolute against ``base`` when it is relative and ``base`` is given, if
    it is an http(s) URL with a host (and a port that is a number); None for anything else,
    malformed ones included (``http://[::1``, ``http://::1+99:99{``), which the standard
    library's parser raises for."""
    try:
        parts = urlsplit(url)
        if base and not parts.scheme:
            url = urljoin(base, url)
            parts = urlsplit(url)
        parts.port  # noqa: B018 (read for its check: a port that is no number raises)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return url
    return None
