"""The configuration: one TOML file, validated into a frozen ``Config``.

``load_config`` is the only place that reads TOML. Relative paths in the file are taken
relative to the file's own folder, so a build does not depend on the current directory.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import tzinfo
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .documents import DEFAULT_PATTERNS
from .errors import ArgumentError, ConfigError
from .langtag import language_tag
from .urls import http_url

__all__ = ["FILE_NAMES", "FORMATS", "MEDIA_TYPES", "STARTER_CONFIG", "Config", "load_config"]

FORMATS = ("atom", "rss", "json")
# Each format's file name in an output folder, and its media type: one table for the
# renderer, the checker, the site and the server.
FILE_NAMES = {"atom": "atom.xml", "rss": "rss.xml", "json": "feed.json"}
MEDIA_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}
REFERENCE_TIMES = ("file", "first_seen")
ALL_ENTRIES = 1 << 40
"""``feed_limit`` of a complete feed: more than any state holds (and twice it still fits a
SQLite LIMIT)."""
INDEXNOW_ENDPOINT = "https://api.indexnow.org/indexnow"
"""IndexNow's shared endpoint: the search engines that take part pass the URLs on."""
# 8 to 128 letters, digits and dashes: what IndexNow takes as a key.
_INDEXNOW_KEY = re.compile(r"[A-Za-z0-9-]{8,128}")
# An address as Atom's schema takes it: something, one @, something, no white space.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")

# table -> key -> (type, required). Unknown keys are errors: a typo must not be silently ignored.
_SCHEMA: dict[str, dict[str, tuple[type | tuple[type, ...], bool]]] = {
    "feed": {
        "title": (str, True),
        "site_url": (str, True),
        "feed_url": (str, False),
        "author": (str, True),
        "author_email": (str, False),
        "subtitle": (str, False),
        "icon": (str, False),
        "logo": (str, False),
        "language": (str, False),
        "id_authority": (str, False),
    },
    "input": {
        "folder": (str, False),
        "timezone": (str, False),
        "pattern": ((str, list), False),
        "reference_time": (str, False),
        "day_first": (bool, False),
        "max_size": (int, False),
        "time_limit": ((int, float), False),
    },
    "output": {
        "folder": (str, False),
        "formats": (list, False),
        "max_entries": (int, False),
        "summary_only": (bool, False),
        "archive_size": (int, False),
        "section_feeds": (bool, False),
        "author_feeds": (bool, False),
        "tag_feeds": (bool, False),
        "site": (bool, False),
        "target": (str, False),
        "endpoint_url": (str, False),
    },
    "ping": {
        "hubs": (list, False),
        "services": (list, False),
        "timeout": ((int, float), False),
        "budget": ((int, float), False),
        "indexnow": (bool, False),
        "indexnow_key": (str, False),
        "indexnow_endpoint": (str, False),
    },
    "serve": {
        "max_age": (int, False),
        "timeout": ((int, float), False),
        "max_connections": (int, False),
    },
    "purge": {
        "url": (str, False),
        "method": (str, False),
        "command": (list, False),
    },
    "state": {
        "path": (str, False),
        "url": (str, False),
        "lock_timeout": ((int, float), False),
    },
    "dedupe": {
        "similarity": ((int, float), False),
    },
}


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know, with defaults filled in and paths made absolute."""

    title: str
    site_url: str
    author: str
    input_dir: Path
    output_dir: Path
    timezone: str = "UTC"
    feed_url: str = ""
    """The URL the output folder is published at; defaults to ``site_url``."""
    author_email: str | None = None
    subtitle: str | None = None
    icon: str | None = None
    """A small square image of the feed (a favicon); relative to ``site_url`` or absolute."""
    logo: str | None = None
    """A larger image of the feed (a masthead); relative to ``site_url`` or absolute."""
    language: str | None = None
    id_authority: str = ""
    """The authority of entry ``tag:`` URIs; defaults to the site's host name."""
    formats: tuple[str, ...] = FORMATS
    max_entries: int = 50
    """Entries per feed, newest first; 0: every entry (an RFC 5005 complete feed)."""
    summary_only: bool = False
    """Publish summaries only, linking to the full text (the entry's URL or its page)."""
    archive_size: int = 50
    """Entries per RFC 5005 archive page; 0 publishes no archive."""
    section_feeds: bool = True
    author_feeds: bool = True
    tag_feeds: bool = False
    """A feed per tag (``tags/<name>/``); off by default: documents state up to 20 tags each,
    keywords more than a reader's topics, and each feed is three files on every build."""
    site: bool = True
    """Write ``index.html`` and a page per entry beside the feeds."""
    target: str = ""
    """``s3://bucket/prefix/``: publish to an S3-compatible object store, not ``output_dir``."""
    endpoint_url: str | None = None
    """The S3 API's URL for a store that is not AWS (SeaweedFS, Ceph, MinIO, R2, ...)."""
    pattern: str | tuple[str, ...] = DEFAULT_PATTERNS
    """Glob pattern(s) of the documents in ``input_dir``; by default every format read."""
    reference_time: str = "file"
    """What relative dates and missing years are resolved against: ``file`` or ``first_seen``."""
    day_first: bool | None = None
    """Read ``1/2/2024`` as 1 February; None: day first unless the document is in English."""
    max_size: int = 16 * 1024 * 1024
    """Bytes a document may have; a larger one is rejected without being read."""
    time_limit: float = 30.0
    """Seconds reading and normalising one document may take; a slower one is rejected."""
    hubs: tuple[str, ...] = ()
    """WebSub hubs announced in the feeds (``rel="hub"``) and pinged after a change."""
    ping_services: tuple[str, ...] = ()
    """XML-RPC ``weblogUpdates`` services pinged after a change."""
    ping_timeout: float = 10.0
    ping_budget: float = 60.0
    """Seconds all the pings of one run may take together, retries included."""
    indexnow: bool = False
    """Tell IndexNow's search engines which entry pages changed (with the site)."""
    indexnow_key: str | None = None
    """The site's IndexNow key; None: one generated once and kept in the state."""
    indexnow_endpoint: str = INDEXNOW_ENDPOINT
    serve_max_age: int = 300
    serve_timeout: float = 30.0
    """Seconds ``feedpub serve`` gives a client to send its request (and for each write)."""
    serve_max_connections: int = 64
    """Connections ``feedpub serve`` answers at once; more get 503 until one closes."""
    purge_url: str | None = None
    """An HTTP cache in front of the output (Varnish, a CDN's purge endpoint): each changed
    file's URL is purged there after a build."""
    purge_method: str = "PURGE"
    """``PURGE`` or ``BAN``: the request method of a purge."""
    purge_command: tuple[str, ...] = ()
    """A command run per changed URL (the URL as its last argument), in place of ``purge_url``."""
    state_path: Path | None = None
    """The SQLite state store; by default ``.<output folder name>.feedpub.sqlite`` beside it."""
    state_url: str | None = field(default=None, repr=False)
    """A ``postgresql://`` URL: the state in that database instead (``state_path`` unused).
    Not in the repr: the output does not depend on it, and it may hold a password."""
    lock_timeout: float = 10.0
    """How long a run waits for an overlapping run to finish before giving up."""
    similarity: float = 0.0
    """Documents whose texts are at least this alike (estimated Jaccard similarity of their
    5-word shingles, 0 to 1) are one story, published once; 0 (the default): only documents
    with one canonical URL are."""
    id_authority_from_site: bool = field(default=False, init=False, repr=False, compare=False)
    """True when ``id_authority`` was not configured but taken from ``site_url``."""

    def __post_init__(self) -> None:
        for key, text in (("feed.title", self.title), ("feed.author", self.author)):
            if not text.strip():
                raise ConfigError("must not be empty", key=key)
        # An unchecked address reached the Atom feed and failed its schema at publish time.
        if self.author_email is not None and not _EMAIL.fullmatch(self.author_email):
            raise ConfigError(
                f"must be an e-mail address, got {self.author_email!r}", key="feed.author_email"
            )
        if self.language is not None:
            tag = language_tag(self.language)
            if tag is None:
                raise ConfigError(
                    f"must be a language tag such as 'en' or 'de-DE', got {self.language!r}",
                    key="feed.language",
                )
            object.__setattr__(self, "language", tag)
        for name, url in (("feed.site_url", self.site_url), ("feed.feed_url", self.feed_url)):
            if name == "feed.feed_url" and not url:
                continue  # defaults to site_url
            if http_url(url) is None:  # a malformed one too ("http://[::1")
                raise ConfigError(f"must be an http(s) URL with a host, got {url!r}", key=name)
        if not self.feed_url:
            object.__setattr__(self, "feed_url", self.site_url)
        for name in ("site_url", "feed_url"):
            url = getattr(self, name)
            if not url.endswith("/"):
                object.__setattr__(self, name, url + "/")
        for name in ("icon", "logo"):
            image = getattr(self, name)
            if image is None:
                continue
            absolute = http_url(image.strip(), self.site_url)
            if absolute is None or " " in absolute:
                raise ConfigError(
                    f"must be an http(s) URL or a path on the site, got {image!r}",
                    key=f"feed.{name}",
                )
            object.__setattr__(self, name, absolute)
        if self.indexnow_key is not None and not _INDEXNOW_KEY.fullmatch(self.indexnow_key):
            raise ConfigError(
                "must be 8 to 128 letters (a-z, A-Z), digits and dashes", key="ping.indexnow_key"
            )
        if http_url(self.indexnow_endpoint) is None:
            raise ConfigError(
                f"must be an http(s) URL with a host, got {self.indexnow_endpoint!r}",
                key="ping.indexnow_endpoint",
            )
        for key, urls in (("ping.hubs", self.hubs), ("ping.services", self.ping_services)):
            for url in urls:
                if http_url(url) is None:
                    raise ConfigError(f"must be http(s) URLs with a host, got {url!r}", key=key)
        for key, seconds in (
            ("ping.timeout", self.ping_timeout),
            ("ping.budget", self.ping_budget),
            ("state.lock_timeout", self.lock_timeout),
            ("serve.timeout", self.serve_timeout),
            ("input.time_limit", self.time_limit),
        ):
            # TOML has inf and nan: an endless wait, or one no comparison can end.
            if not math.isfinite(seconds):
                raise ConfigError(f"must be a finite number of seconds, got {seconds}", key=key)
        for key, seconds in (
            ("ping.timeout", self.ping_timeout),
            ("ping.budget", self.ping_budget),
            ("serve.timeout", self.serve_timeout),
            ("input.time_limit", self.time_limit),
        ):
            if seconds <= 0:
                raise ConfigError("must be more than 0 seconds", key=key)
        object.__setattr__(self, "id_authority_from_site", not self.id_authority)
        if not self.id_authority:
            object.__setattr__(self, "id_authority", urlsplit(self.site_url).hostname or "")
        if self.target:
            from .targets import parse_s3_url

            try:
                parse_s3_url(self.target)
            except ValueError as exc:
                raise ConfigError(str(exc), key="output.target") from None
        if self.endpoint_url is not None:
            if not self.target:
                raise ConfigError("needs output.target (an s3:// URL)", key="output.endpoint_url")
            if http_url(self.endpoint_url) is None:
                raise ConfigError(
                    f"must be an http(s) URL with a host, got {self.endpoint_url!r}",
                    key="output.endpoint_url",
                )
        if self.purge_url is not None and http_url(self.purge_url) is None:
            raise ConfigError(
                f"must be an http(s) URL with a host, got {self.purge_url!r}", key="purge.url"
            )
        if self.purge_method not in ("PURGE", "BAN"):
            raise ConfigError(
                f"must be PURGE or BAN, got {self.purge_method!r}", key="purge.method"
            )
        if self.purge_url is not None and self.purge_command:
            raise ConfigError("purge.url and purge.command: keep one", key="purge.command")
        if self.purge_command and not all(self.purge_command):
            raise ConfigError("must not have empty strings", key="purge.command")
        if not self.formats:
            raise ConfigError(f"must name at least one of {list(FORMATS)}", key="output.formats")
        if not self.pattern:
            # No pattern matches no document, and every entry would leave the feeds.
            raise ConfigError("must name at least one glob pattern", key="input.pattern")
        for glob in (self.pattern,) if isinstance(self.pattern, str) else self.pattern:
            if not glob or glob.startswith("/") or ".." in glob.split("/"):
                raise ConfigError(
                    f"must be globs inside the input folder (relative, no '..'), got {glob!r}",
                    key="input.pattern",
                )
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown:
            raise ConfigError(
                f"unknown format(s) {unknown}; choose from {list(FORMATS)}", key="output.formats"
            )
        inp, out = self.input_dir.resolve(), self.output_dir.resolve()
        if out == inp or out.is_relative_to(inp) or inp.is_relative_to(out):
            # Feeds written among the documents would be read back as documents (and the
            # output folder would publish the inputs).
            raise ConfigError(
                f"the output folder {self.output_dir} and the input folder {self.input_dir}"
                " must not contain each other",
                key="output.folder",
            )
        if self.state_path is None:
            name = f".{self.output_dir.name}.feedpub.sqlite"
            object.__setattr__(self, "state_path", self.output_dir.parent / name)
        elif self.state_path.resolve().is_relative_to(out):
            # It would be published (and served), with every document's text in it.
            raise ConfigError(
                f"must not be inside the output folder (it would be published): {self.state_path}",
                key="state.path",
            )
        if self.state_url is not None and not self.state_url.startswith(
            ("postgresql://", "postgres://")
        ):
            raise ConfigError(
                "must be a postgresql:// URL (leave it out for the SQLite file)", key="state.url"
            )
        if self.lock_timeout < 0:
            raise ConfigError("must be 0 or more", key="state.lock_timeout")
        if self.serve_max_age < 0:
            raise ConfigError("must be 0 or more", key="serve.max_age")
        if self.serve_timeout > 3600:  # past what a socket's timeout can hold, and no use
            raise ConfigError("must be at most 3600 seconds", key="serve.timeout")
        if self.serve_max_connections < 1:
            raise ConfigError("must be at least 1", key="serve.max_connections")
        if self.max_size < 1:
            raise ConfigError("must be at least 1 (bytes)", key="input.max_size")
        if not 0 <= self.similarity <= 1:
            raise ConfigError("must be from 0 (off) to 1", key="dedupe.similarity")
        if self.max_entries < 0:
            raise ConfigError("must be 0 (every entry) or more", key="output.max_entries")
        if self.archive_size < 0:
            raise ConfigError("must be 0 (no archive) or more", key="output.archive_size")
        # Upper bounds: past them a value is a typo, and on its way to SQLite, a read or a
        # timer it would end in an OverflowError instead of this error.
        for key, value, most, unit in (
            ("input.max_size", self.max_size, 1 << 30, " bytes (1 GiB)"),
            ("input.time_limit", self.time_limit, 86400, " seconds (a day)"),
            ("output.max_entries", self.max_entries, 1_000_000, ""),
            ("output.archive_size", self.archive_size, 1_000_000, ""),
            ("ping.timeout", self.ping_timeout, 3600, " seconds"),
            ("ping.budget", self.ping_budget, 86400, " seconds (a day)"),
            ("state.lock_timeout", self.lock_timeout, 86400, " seconds (a day)"),
        ):
            if value > most:
                raise ConfigError(f"must be at most {most:,}{unit}", key=key)
        if self.reference_time not in REFERENCE_TIMES:
            raise ConfigError(
                f"must be one of {list(REFERENCE_TIMES)}, got {self.reference_time!r}",
                key="input.reference_time",
            )
        if not _known_zone(self.timezone):
            raise ConfigError(f"unknown time zone {self.timezone!r}", key="input.timezone")

    @property
    def feed_limit(self) -> int:
        """How many entries a feed holds: ``max_entries``, or all of them for 0."""
        return self.max_entries or ALL_ENTRIES

    @property
    def tzinfo(self) -> tzinfo:
        """The default zone for dates that name none."""
        zone = named_zone(self.timezone)
        assert zone is not None  # checked in __post_init__
        return zone


@cache
def named_zone(name: str) -> tzinfo | None:
    """The zone of an IANA name (``Europe/Amsterdam``, ``UTC``), as a build reads dates in
    it, one object per name in a process (pickled as its name: ``feedpub.zones``); None when
    no such zone is known (and for "", which dateutil takes as the host's)."""
    if not _known_zone(name):
        return None
    from dateutil import tz

    zone = tz.gettz(name)
    if type(zone) is not tz.tzfile:
        return zone  # pragma: no cover - dateutil's own UTC or a POSIX rule, not a file
    from .zones import NamedZone

    return NamedZone(name, zone)


def _known_zone(name: str) -> bool:
    """Whether dateutil knows the zone ``name`` (what ``Config.tzinfo`` uses).

    An IANA name the standard library finds is one dateutil finds too, and asking the
    standard library spares a run that parses nothing the import of dateutil.
    """
    import zoneinfo

    if not name.strip():
        return False  # dateutil's gettz("") is the host's zone, which must never be used
    try:
        zoneinfo.ZoneInfo(name)
        return True
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        from dateutil import tz

        return tz.gettz(name) is not None


# What a TOML user reads in an error: "a number", not "(<class 'int'>, <class 'float'>)".
_TYPE_NAMES: dict[type | tuple[type, ...], str] = {
    str: "of type str",
    int: "of type int",
    bool: "of type bool",
    list: "of type list",
    (int, float): "a number",
    (str, list): "a string or a list of strings",
}


def _check_table(data: dict[str, Any], path: str) -> None:
    for table, value in data.items():
        if table not in _SCHEMA:
            raise ConfigError(f"unknown table [{table}]; known: {sorted(_SCHEMA)}", path=path)
        if not isinstance(value, dict):
            raise ConfigError("must be a table", path=path, key=table)
        for key, item in value.items():
            spec = _SCHEMA[table].get(key)
            if spec is None:
                known = ", ".join(sorted(_SCHEMA[table]))
                raise ConfigError(f"unknown key (known: {known})", path=path, key=f"{table}.{key}")
            expected, _ = spec
            # bool is an int subclass; a boolean where a number is wanted is a mistake.
            if not isinstance(item, expected) or (expected is int and isinstance(item, bool)):
                raise ConfigError(
                    f"must be {_TYPE_NAMES.get(expected, expected)}, got {type(item).__name__}",
                    path=path,
                    key=f"{table}.{key}",
                )
    for table, keys in _SCHEMA.items():
        for key, (_, required) in keys.items():
            if required and key not in data.get(table, {}):
                raise ConfigError("is required", path=path, key=f"{table}.{key}")


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a configuration file, named by its path (a ``str`` is a path, as in
    ``open``); raise ``ConfigError`` saying what is wrong."""
    if isinstance(path, str) and "\n" in path:
        raise ArgumentError("load_config takes the path of a TOML file, not its text")
    if not isinstance(path, str | os.PathLike):
        raise ArgumentError(f"load_config takes the path of a TOML file, not {path!r}")
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError("configuration file not found", path=str(path)) from exc
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path=str(path)) from exc
    except UnicodeDecodeError as exc:  # TOML is UTF-8; an editor saved it as Latin-1, say
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ConfigError(f"not UTF-8 (TOML must be), at line {line}", path=str(path)) from exc
    _check_table(data, str(path))
    feed, inp, out = data["feed"], data.get("input", {}), data.get("output", {})
    ping = data.get("ping", {})
    state = data.get("state", {})
    purge = data.get("purge", {})
    command = purge.get("command", [])
    if not all(isinstance(item, str) for item in command):
        raise ConfigError("must be a list of strings", path=str(path), key="purge.command")
    if "command" in purge and not command:
        raise ConfigError("must name a program", path=str(path), key="purge.command")
    if "path" in state and "url" in state:
        raise ConfigError("state.path or state.url, not both", path=str(path), key="state.url")
    base = path.resolve().parent
    if "target" in out and "folder" in out:
        raise ConfigError(
            "output.folder and output.target name two places to publish: keep one",
            path=str(path),
            key="output.target",
        )
    formats = out.get("formats", list(FORMATS))
    hubs = ping.get("hubs", [])
    services = ping.get("services", [])
    pattern = inp.get("pattern", DEFAULT_PATTERNS)
    patterns = [pattern] if isinstance(pattern, str) else pattern
    for key, items in (
        ("output.formats", formats),
        ("ping.hubs", hubs),
        ("ping.services", services),
        ("input.pattern", patterns),
    ):
        if not all(isinstance(item, str) for item in items):
            raise ConfigError("must be a list of strings", path=str(path), key=key)
    try:
        return Config(
            title=feed["title"],
            site_url=feed["site_url"],
            feed_url=feed.get("feed_url", ""),
            author=feed["author"],
            author_email=feed.get("author_email"),
            subtitle=feed.get("subtitle"),
            icon=feed.get("icon"),
            logo=feed.get("logo"),
            language=feed.get("language"),
            id_authority=feed.get("id_authority", ""),
            input_dir=base / inp.get("folder", "seeds"),
            output_dir=base / out.get("folder", "public"),
            timezone=inp.get("timezone", "UTC"),
            pattern=pattern if isinstance(pattern, str) else tuple(pattern),
            reference_time=inp.get("reference_time", "file"),
            day_first=inp.get("day_first"),
            max_size=inp.get("max_size", 16 * 1024 * 1024),
            time_limit=float(inp.get("time_limit", 30.0)),
            formats=tuple(formats),
            max_entries=out.get("max_entries", 50),
            summary_only=out.get("summary_only", False),
            archive_size=out.get("archive_size", 50),
            section_feeds=out.get("section_feeds", True),
            author_feeds=out.get("author_feeds", True),
            tag_feeds=out.get("tag_feeds", False),
            site=out.get("site", True),
            target=out.get("target", ""),
            endpoint_url=out.get("endpoint_url"),
            hubs=tuple(hubs),
            ping_services=tuple(services),
            ping_timeout=float(ping.get("timeout", 10.0)),
            ping_budget=float(ping.get("budget", 60.0)),
            indexnow=ping.get("indexnow", False),
            indexnow_key=ping.get("indexnow_key"),
            indexnow_endpoint=ping.get("indexnow_endpoint", INDEXNOW_ENDPOINT),
            serve_max_age=data.get("serve", {}).get("max_age", 300),
            serve_timeout=float(data.get("serve", {}).get("timeout", 30.0)),
            serve_max_connections=data.get("serve", {}).get("max_connections", 64),
            purge_url=purge.get("url"),
            purge_method=purge.get("method", "PURGE"),
            purge_command=tuple(command),
            state_path=base / state["path"] if "path" in state else None,
            state_url=state.get("url"),
            lock_timeout=float(state.get("lock_timeout", 10.0)),
            similarity=float(data.get("dedupe", {}).get("similarity", 0.0)),
        )
    except ConfigError as exc:
        raise ConfigError(exc.message, path=str(path), key=exc.key) from None


STARTER_CONFIG = """\
# feedpub configuration (written by `feedpub init`). Paths are relative to this file.

[feed]
title = "My news"                        # the feed's title
site_url = "https://example.org/"        # the web site the feed belongs to
# feed_url = "https://example.org/feeds/"  # where the output folder is served (rel=self)
author = "My newsroom"                   # Atom needs an author
# author_email = "news@example.org"
# subtitle = "What this feed is about"
# icon = "favicon.png"                   # a small square image, on the site or a full URL
# logo = "logo.png"                      # a larger one (Atom logo, RSS image, JSON Feed icon)
language = "en"                          # language tag of the feed
# id_authority = "example.org"           # scopes entry ids: set once, never change

[input]
folder = "documents"                     # the folder of documents (left out: seeds)
# which files are documents:
# pattern = ["*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.json"]
timezone = "UTC"                         # IANA zone for dates that name none
# reference_time = "file"                # relative dates against "file" time or "first_seen"
# day_first = true                       # read 1/2/2024 as 1 February
# max_size = 16777216                    # bytes a document may have (16 MiB)
# time_limit = 30                        # seconds reading one document may take

[output]
folder = "public"                        # where the feeds are written
formats = ["atom", "rss", "json"]        # json: JSON Feed 1.1, feed.json
max_entries = 50                         # entries per feed, newest first; 0: all (complete)
# summary_only = false                   # true: summaries only, linking to the full text
# archive_size = 50                      # entries per RFC 5005 archive page; 0: no archive
# section_feeds = true                   # a feed per section (sections/<name>/)
# author_feeds = true                    # a feed per author (authors/<name>/)
# tag_feeds = false                      # a feed per tag (tags/<name>/)
# site = true                            # index.html and a page per entry (entries/)
# target = "s3://bucket/news/"           # publish to object storage instead of folder
# endpoint_url = "http://127.0.0.1:8333" # the S3 API of a store that is not AWS

# [ping]
# hubs = ["https://pubsubhubbub.appspot.com/"]   # WebSub hubs
# services = ["https://rpc.example.org/RPC2"]     # XML-RPC weblogUpdates services
# timeout = 10                           # seconds for one request
# budget = 60                            # seconds for all pings of one run, retries included
# indexnow = false                       # true: tell IndexNow which entry pages changed
# indexnow_key = "0123456789abcdef"      # its key (default: made once, kept in the state)
# indexnow_endpoint = "https://api.indexnow.org/indexnow"

# [serve]
# max_age = 300                          # feedpub serve: Cache-Control max-age, seconds
# timeout = 30                           # seconds a client has to send its request
# max_connections = 64                   # answered at once; more get 503 until one closes

# [purge]
# url = "http://127.0.0.1:6081/"         # a cache in front: PURGE/BAN go here
# method = "PURGE"                       # or "BAN"
# command = ["/usr/local/bin/purge-cdn"] # or: a command run with each changed URL

# [state]
# path = ".public.feedpub.sqlite"        # what feedpub remembers between runs
# url = "postgresql://feedpub@db.example.org/feedpub"  # or in PostgreSQL, for several hosts
# lock_timeout = 10                      # seconds to wait for an overlapping run

# [dedupe]
# similarity = 0                         # 0.9: texts that alike are one story; 0: off
"""
