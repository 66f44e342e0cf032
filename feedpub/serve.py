"""``feedpub serve``: the output folder over HTTP, the way feed readers and hubs want it.

Feeds get their own media types, a strong ETag and Last-Modified so readers can ask
conditionally (304), gzip when the client accepts it, and, when WebSub hubs are configured,
``Link: rel="hub"`` / ``rel="self"`` headers: a hub fetches the topic before it distributes an
update and some hubs drop it silently without them (see INTEROP.md). Nothing outside the output
folder is ever served: ``..`` (plain or percent-encoded) and symlinks that lead out give 404.
The page of a withdrawn entry (deleted or retracted) is answered with 410 Gone.

No client can hold the server: a request must arrive whole within ``serve.timeout`` seconds
(an idle or trickling client is closed then, a reader too slow to take the answer likewise),
at most ``serve.max_connections`` are served at once (the next ones get 503 at once), and a
client that goes away mid-answer is no error.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import logging
import mimetypes
import os
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Sequence
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .config import FILE_NAMES, FORMATS, MEDIA_TYPES, Config
from .documents import DEFAULT_PATTERNS, find_documents
from .errors import FeedpubError
from .site import WITHDRAWN_MARK

if TYPE_CHECKING:
    from .targets import S3Target

__all__ = ["FeedServer", "make_server", "media_type", "snapshot", "watch_and_rebuild"]

log = logging.getLogger("feedpub.serve")

_FEED_TYPES = {FILE_NAMES[fmt]: MEDIA_TYPES[fmt] for fmt in FORMATS}
_TEXT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".json": "application/json",
    ".opml": "text/x-opml",
    ".css": "text/css",
    ".txt": "text/plain",
}


def media_type(path: Path) -> str:
    """The Content-Type for a file; text types carry ``charset=utf-8`` (feedpub writes UTF-8)."""
    base = _FEED_TYPES.get(path.name) or _TEXT_TYPES.get(path.suffix.lower())
    if base is None:
        return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{base}; charset=utf-8"


def _etag_matches(header: str, etag: str) -> bool:
    # If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored.
    candidates = [c.strip().removeprefix("W/") for c in header.split(",")]
    return "*" in candidates or etag in candidates


def _accepts_gzip(header: str) -> bool:
    for part in header.split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            q = params.strip().removeprefix("q=")
            try:
                return not params or float(q) > 0
            except ValueError:
                return False
    return False


_MAX_HEAD = 64 * 1024
"""Bytes of request line and headers read at most (the handler answers 414 or 431 past its
own limits)."""
_blank_line = re.compile(rb"\r?\n\r?\n")
_BUSY = (
    b"HTTP/1.0 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n"
    b"Connection: close\r\n\r\n"
)


class FeedServer(ThreadingHTTPServer):
    """An HTTP server for one output folder."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], config: Config) -> None:
        self.config = config
        self.root = config.output_dir.resolve()
        self.store: S3Target | None = None
        """With ``output.target``: the bucket, read for each request (nothing is cached)."""
        if config.target:
            from .targets import S3Target

            self.store = S3Target(
                config.target,
                endpoint_url=config.endpoint_url,
                max_age=config.serve_max_age,
                state=None,
            )
        self.clock: Callable[[], float] = time.time
        """The time now, in seconds since the epoch (replaceable in tests)."""
        self.request_timeout = config.serve_timeout
        """Seconds a client has to send its request, and for each write of the answer."""
        self._slots = threading.BoundedSemaphore(config.serve_max_connections)
        self._holders: set[socket.socket] = set()
        """The connections holding a slot: whoever takes one out gives its slot back, once."""
        self._holders_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        # A thread per connection, but only so many: past that, a 503 without reading.
        if not self._slots.acquire(blocking=False):
            _refuse(request)
            self.shutdown_request(request)
            return
        with self._holders_lock:
            self._holders.add(request)
        try:
            super().process_request(request, client_address)
        except BaseException:
            # No thread, or Ctrl-C inside Thread.start() after the thread began (it may even
            # have served the client already): the slot goes back once, and the
            # KeyboardInterrupt goes on to stop the server rather than being lost.
            self._give_back(request)
            raise

    def process_request_thread(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._give_back(request)

    def _give_back(self, request: socket.socket) -> None:
        """The connection's slot back to the pool, if it still holds one (two releases of the
        semaphore would raise, and in the serving loop swallow a Ctrl-C)."""
        with self._holders_lock:
            if request not in self._holders:
                return
            self._holders.remove(request)
        self._slots.release()

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            # The client went away or stopped reading: nothing to tell the operator.
            log.debug("%s: %s", client_address, error)
            return
        log.error("error serving %s", client_address, exc_info=True)


def _refuse(request: socket.socket) -> None:
    """Tell a client over the connection limit to come back, without waiting for it."""
    try:
        request.setblocking(False)
        request.send(_BUSY)
    except OSError:
        pass  # its buffer is full or it is gone: the close says enough


def _read_head(connection: socket.socket, deadline: float) -> bytes | None:
    """The request line and headers, read until the blank line that ends them; None when
    the client sent nothing whole by ``deadline`` (idle, or trickling bytes to hold the
    thread) or went away. A per-read timeout alone lets a byte a second hold it forever."""
    head = bytearray()
    searched = 0  # the blank line is looked for in what came since, not all again
    while True:
        if _blank_line.search(head, max(0, searched - 3)) or len(head) >= _MAX_HEAD:
            return bytes(head)
        searched = len(head)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        connection.settimeout(remaining)
        try:
            chunk = connection.recv(65536)
        except OSError:  # timed out, reset
            return None
        if not chunk:
            return bytes(head) or None  # closed after sending: answer what came
        head += chunk


class _Handler(BaseHTTPRequestHandler):
    server: FeedServer
    server_version = "feedpub"

    def version_string(self) -> str:
        return self.server_version  # not the default's "feedpub Python/3.x", nor "feedpub "

    def handle(self) -> None:
        limit = self.server.request_timeout
        head = _read_head(self.connection, time.monotonic() + limit)
        if head is None:
            self.close_connection = True
            return  # idle, too slow or gone: closed without a word
        self.rfile = io.BytesIO(head)
        self.connection.settimeout(limit)  # each write of the answer: a reader that stops
        self.handle_one_request()  # HTTP/1.0: one request per connection

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _resolve(self) -> tuple[Path, str] | None:
        """The file a request path names, and its path relative to the root; None if outside."""
        raw = unquote(urlsplit(self.path).path)
        if "\x00" in raw or "\\" in raw:
            return None
        parts = [p for p in raw.split("/") if p not in ("", ".")]
        if ".." in parts or any(p.startswith(".") for p in parts):
            return None  # hidden files: half-written temporaries, markers
        root = self.server.root
        try:
            target = root.joinpath(*parts).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if target != root and not target.is_relative_to(root):
            return None  # a symlink that leads out of the folder
        if target.is_dir():
            target = target / "index.html"  # no directory listings, ever
            if not target.is_file():
                return None
        if not target.is_file():
            return None
        return target, target.relative_to(root).as_posix()

    def _from_store(self, store: S3Target) -> tuple[Path, str, bytes, float] | None:
        """What ``_resolve`` and the reading do, from the bucket: the object a request path
        names (a folder's ``index.html`` for a folder), never a hidden one."""
        raw = unquote(urlsplit(self.path).path)
        if "\x00" in raw or "\\" in raw:
            return None
        parts = [p for p in raw.split("/") if p not in ("", ".")]
        if ".." in parts or any(p.startswith(".") for p in parts):
            return None
        relative = "/".join(parts)
        tried = [f"{relative}/index.html".lstrip("/")]
        if parts and not raw.endswith("/"):
            tried.insert(0, relative)
        for name in tried:
            found = store.fetch(name)
            if found is not None:
                return Path(name), name, found[0], found[1]
        return None

    def _respond(self, *, with_body: bool) -> None:
        store = self.server.store
        if store is not None:
            try:
                stored = self._from_store(store)
            except FeedpubError as exc:  # the store is down, say
                log.warning("%s", exc)
                self.send_error(HTTPStatus.BAD_GATEWAY)
                return
            if stored is None:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            path, relative, data, mtime = stored
        else:
            found = self._resolve()
            if found is None:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            path, relative = found
            try:
                data = path.read_bytes()
                mtime = path.stat().st_mtime
            except OSError:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
        config = self.server.config
        if path.suffix == ".html" and WITHDRAWN_MARK in data[:4096]:
            self._gone(data, with_body=with_body)
            return
        encoding = "gzip" if _accepts_gzip(self.headers.get("Accept-Encoding", "")) else None
        digest = hashlib.sha256(data).hexdigest()[:32]
        # Each representation has its own strong validator (RFC 9110 8.8.3).
        etag = f'"{digest}-gz"' if encoding else f'"{digest}"'
        headers = {"ETag": etag}
        # A file changed in the current second may change again within it, and the new version
        # would carry the same Last-Modified: libcurl (so newsboat) drops a 200 whose
        # Last-Modified is not newer than its If-Modified-Since, and its reader would miss the
        # change. So the date is a validator only once its second has passed (RFC 9110 8.8.2.2).
        if int(mtime) < int(self.server.clock()):
            headers["Last-Modified"] = formatdate(mtime, usegmt=True)
        headers["Cache-Control"] = f"public, max-age={config.serve_max_age}"
        headers["Vary"] = "Accept-Encoding"
        if config.hubs and path.name in _FEED_TYPES:
            links = [f'<{hub}>; rel="hub"' for hub in config.hubs]
            links.append(f'<{config.feed_url}{relative}>; rel="self"')
            headers["Link"] = ", ".join(links)
        if self._not_modified(etag, int(mtime)):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            return
        if encoding:
            data = gzip.compress(data, mtime=0)  # mtime=0: the same bytes for the same file
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", media_type(path))
        self.send_header("Content-Length", str(len(data)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def _gone(self, page: bytes, *, with_body: bool) -> None:
        """410 Gone, with the page that says the entry was withdrawn (RFC 9110 15.5.11)."""
        self.send_response(HTTPStatus.GONE)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", f"public, max-age={self.server.config.serve_max_age}")
        self.end_headers()
        if with_body:
            self.wfile.write(page)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            # When both are sent, If-None-Match decides (RFC 9110 13.2.2).
            return _etag_matches(if_none_match, etag)
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False
            return since.tzinfo is not None and mtime <= since.timestamp()
        return False


def make_server(config: Config, bind: str = "127.0.0.1", port: int = 8000) -> FeedServer:
    """A server for ``config``'s output folder (or bucket); port 0 picks a free port."""
    if not config.target:
        config.output_dir.mkdir(parents=True, exist_ok=True)
    return FeedServer((bind, port), config)


def snapshot(
    folder: Path, pattern: str | Sequence[str] = DEFAULT_PATTERNS
) -> frozenset[tuple[str, int, int]]:
    """What ``--watch`` compares: the path, size and modification time of every document a
    build would read. Hidden files and backups are none: an editor's swap file, or a file
    written under a hidden name and then renamed into place, starts no rebuild of its own
    (one that ran before the rename would miss the document)."""
    items = set()
    for found in find_documents(folder, pattern):
        try:
            stat = os.stat(found.path)
        except OSError:
            continue  # removed while we looked, or a link that leads nowhere now
        items.add((found.source, stat.st_size, stat.st_mtime_ns))
    return frozenset(items)


def watch_and_rebuild(
    folder: Path,
    rebuild: Callable[[], object],
    stop: threading.Event,
    interval: float = 1.0,
    pattern: str | Sequence[str] = DEFAULT_PATTERNS,
    since: frozenset[tuple[str, int, int]] | None = None,
) -> None:
    """Call ``rebuild`` whenever the documents under ``folder`` change, until ``stop`` is set.
    ``since``: the snapshot to compare with first, taken before the server said it serves
    (a change made right after that line is then seen, however late this thread starts)."""
    last = snapshot(folder, pattern) if since is None else since
    while not stop.wait(interval):
        current = snapshot(folder, pattern)
        if current != last:
            last = current
            try:
                rebuild()
            except Exception:  # a failed rebuild keeps the old feeds and the server up
                log.exception("rebuild failed")
