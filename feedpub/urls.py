"""Which URLs feedpub writes as links: one rule for documents' links, their content's links
and the configuration's URLs (no dependencies: the configuration imports it)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

__all__ = ["canonical_url", "http_url"]


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


# Query parameters that say where a reader came from, not which page it is.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "at_medium", "at_campaign")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """The one spelling of a story's URL that its copies share: scheme and host in lower
    case, no default port, no fragment (``#update-1``), no tracking parameters
    (``utm_*``, ``fbclid``, ...), no trailing slash; None when ``url`` is no http(s) URL."""
    if url is None or http_url(url) is None:
        return None
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        host += f":{parts.port}"
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith(_TRACKING)
    ]
    path = parts.path.rstrip("/")
    return urlunsplit(("https" if scheme == "http" else scheme, host, path, urlencode(query), ""))
