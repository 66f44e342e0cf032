"""Where a build's files go: a local folder, or a bucket of an S3-compatible object store
(the I/O edge on the way out).

``publish`` decides what to write and in which order; a ``Target`` only stores, reads and
removes files, named by *paths*: the target's ``root`` joined with the file's path relative
to the output (``/srv/news/public/atom.xml``, ``s3://bucket/news/atom.xml``). The state
records outputs by these paths.

- ``FolderTarget``: ``output.folder``. Each file replaced whole (``output.write_atomic``), a
  batch of pages made durable by one sync.
- ``S3Target``: ``output.target = "s3://bucket/prefix/"`` (boto3, the ``s3`` extra). Every
  object gets its media type and ``Cache-Control`` (what ``feedpub serve`` sends for the
  file); an object whose bytes the state says the store already holds is not uploaded again;
  and every write is conditional, so two writers never silently overwrite each other: a new
  object is written with ``If-None-Match: *``, a known one with ``If-Match`` on the ETag the
  state recorded for it (table ``objects``), a removal likewise. A ``412`` is looked into
  (one GET): an object that holds the very bytes about to be written, or those the last run
  meant to write, or one a run that did not finish may have written, is this publisher's
  own; anything else is another writer's, and the run stops with a ``ConflictError``
  naming it, leaving it as it is.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from .config import Config
from .errors import BuildError, ConfigError, ConflictError
from .output import sync_all, write_atomic

if TYPE_CHECKING:
    from .state import StateStore

__all__ = [
    "FolderTarget",
    "S3Target",
    "Target",
    "open_target",
    "parse_s3_url",
]


class Target(Protocol):
    """What ``publish`` needs of the place it publishes to."""

    root: str
    """What every path of this target starts with (no trailing slash)."""
    description: str
    """How to name it to a person: ``/srv/news/public``, ``s3://bucket/news/``."""

    def path(self, relative: str) -> str:
        """The path of a file given relative to the output (``archive/1/atom.xml``)."""
        ...

    def relative(self, path: str) -> str | None:
        """The file's path relative to the output; None if ``path`` is not this target's."""
        ...

    def prepare(self) -> None:
        """Ready to be written to (the folder made)."""
        ...

    def read(self, relative: str) -> bytes | None:
        """The bytes of one file; None when there is no such file."""
        ...

    def exists(self, relative: str) -> bool: ...

    def holds(self, path: str, sha256: str) -> bool:
        """Whether the file at ``path`` still holds the bytes with this SHA-256."""
        ...

    def differs(self, path: str, data: bytes) -> bool:
        """Whether writing ``data`` to ``path`` would change what is there."""
        ...

    def write(self, path: str, data: bytes, *, batch: bool = False) -> bool:
        """Store ``data`` at ``path`` unless it is there already (then False). ``batch``: one
        of many pages made durable together by ``sync``."""
        ...

    def sync(self) -> None:
        """Make the batch written so far durable."""
        ...

    def remove(self, path: str) -> bool:
        """Remove a file no longer published; True if this target removed (or never had)
        it, False when ``path`` is not this target's (it is only forgotten)."""
        ...

    def forgive(self, paths: Collection[str]) -> None:
        """These files may hold bytes no state knows (a run that did not finish wrote them):
        they are this publisher's to overwrite or remove whatever they hold."""
        ...

    def sweep(self, unfinished: bool) -> None:
        """Remove what a killed run's writing left (``unfinished``: a marker was found)."""
        ...


class FolderTarget:
    """A local folder: ``output.folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root = str(folder)
        self.description = str(folder)
        self.empty_folders: dict[str, bool] = {}

    def path(self, relative: str) -> str:
        # A string, as str(output_dir / relative) would spell it (``relative`` is always
        # normal): a first build expects a page per entry, and a Path each was a tenth of
        # this process's work.
        return os.path.join(self.root, relative)

    def relative(self, path: str) -> str | None:
        candidate = Path(path)
        if not candidate.is_relative_to(self.folder):
            return None
        return candidate.relative_to(self.folder).as_posix()

    def prepare(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def read(self, relative: str) -> bytes | None:
        return _bytes_of(self.path(relative))

    def exists(self, relative: str) -> bool:
        return (self.folder / relative).exists()

    def holds(self, path: str, sha256: str) -> bool:
        return _file_sha256(path) == sha256

    def differs(self, path: str, data: bytes) -> bool:
        return _bytes_of(path) != data

    def write(self, path: str, data: bytes, *, batch: bool = False) -> bool:
        try:
            absent = batch and self._absent(path)
            return write_atomic(path, data, durable=not batch, absent=absent)
        except OSError as exc:
            raise BuildError(f"cannot write {path}: {exc.strerror}") from exc

    def sync(self) -> None:
        # One sync, not two fsyncs per page (which were a third of a first build with a
        # page per entry).
        sync_all()

    def _absent(self, path: str) -> bool:
        """Whether ``path``'s folder was missing or empty when this run first wrote to it:
        then there is no file to compare the page with (only this run writes here, under
        the state's lock). A first build's pages go to new folders, and a failed open per
        page cost as much as writing it in a folder of a hundred thousand."""
        folder = os.path.dirname(path)
        empty = self.empty_folders.get(folder)
        if empty is None:
            try:
                with os.scandir(folder) as listing:
                    empty = next(listing, None) is None
            except FileNotFoundError:
                empty = True
            self.empty_folders[folder] = empty
        return empty

    def remove(self, path: str) -> bool:
        file = Path(path)
        if not file.is_relative_to(self.folder):
            # Another folder's output (the folder before, or the original of a copied
            # project, whose state names its files): only forgotten, never removed.
            return False
        file.unlink(missing_ok=True)
        # An emptied section's (or author's) folder goes with its last file.
        for folder in file.parents:
            if folder == self.folder or not folder.is_relative_to(self.folder):
                break
            try:
                folder.rmdir()
            except OSError:
                break  # not empty: still in use
        return True

    def forgive(self, paths: Collection[str]) -> None:
        pass  # a file is replaced whole whatever it holds

    def sweep(self, unfinished: bool) -> None:
        if unfinished:
            # Each file's own write is atomic, the set is not: a run killed while writing
            # leaves its temporary file behind.
            for stale in self.folder.rglob(".*.tmp"):
                stale.unlink(missing_ok=True)
            return
        # The marker's own temporary file, left by a run killed while it wrote the marker
        # (before any page: there is no marker to say so, and nothing else to sweep).
        from .publish import MARKER

        prefix = f".{MARKER}."
        for name in os.listdir(self.folder):
            if name.startswith(prefix) and name.endswith(".tmp"):
                os.unlink(os.path.join(self.folder, name))


def _bytes_of(path: str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BuildError(f"cannot read {path}: {exc.strerror}") from exc


def _file_sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as file:
            return hashlib.sha256(file.read()).hexdigest()
    except OSError:
        return None


def parse_s3_url(url: str) -> tuple[str, str]:
    """(bucket, key prefix) of ``s3://bucket/prefix/``; the prefix is empty or ends in
    ``/``. A ``ValueError`` says what is wrong with anything else."""
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ValueError(f"must be s3://bucket/ or s3://bucket/prefix/, got {url!r}")
    if parts.query or parts.fragment or "@" in parts.netloc or ":" in parts.netloc:
        raise ValueError(f"must be s3://bucket/prefix/ (no user, port, query), got {url!r}")
    segments = [s for s in parts.path.split("/") if s]
    if any(s in (".", "..") for s in segments):
        raise ValueError(f"must not have '.' or '..' in its prefix, got {url!r}")
    prefix = "".join(s + "/" for s in segments)
    return parts.netloc, prefix


@dataclass(frozen=True)
class StoredObject:
    """What the state knows the store holds at one path: its ETag and the SHA-256 of its
    bytes (an ETag is the store's own: an MD5 for most, not for all)."""

    etag: str
    sha256: str


class S3Target:
    """A bucket (and key prefix) of an S3-compatible store: ``output.target``.

    The client comes from boto3 with its usual credential chain (environment, shared files,
    instance roles), never from the configuration file; ``endpoint_url`` names a store that
    is not AWS (SeaweedFS, Ceph, MinIO, R2, GCS's interoperability API)."""

    def __init__(
        self,
        url: str,
        *,
        endpoint_url: str | None,
        max_age: int,
        state: StateStore | None,
        client: Any = None,
    ) -> None:
        self.bucket, self.prefix = parse_s3_url(url)
        self.root = f"s3://{self.bucket}/{self.prefix}".rstrip("/")
        self.description = f"s3://{self.bucket}/{self.prefix}"
        self.endpoint_url = endpoint_url
        self.cache_control = f"public, max-age={max_age}"
        self.state = state
        self.client = client if client is not None else _client(endpoint_url)
        self.objects: dict[str, StoredObject] = (
            {path: StoredObject(*known) for path, known in state.stored_objects().items()}
            if state is not None
            else {}
        )
        self.intended: Mapping[str, str] = state.output_hashes() if state is not None else {}
        """What the last committed run meant each file to hold (its step 3 comes before
        the feeds are written, so a run stopped after it wrote them leaves this ahead of
        ``objects``)."""
        self.forgiven: set[str] = set()
        self.stale: set[str] = set()
        """Paths whose object's ETag is no longer the one the state recorded."""

    # -- naming --------------------------------------------------------------------------

    def path(self, relative: str) -> str:
        return f"{self.root}/{relative}"

    def relative(self, path: str) -> str | None:
        head = self.root + "/"
        return path[len(head) :] if path.startswith(head) else None

    def key(self, relative: str) -> str:
        return self.prefix + relative

    def _key_of(self, path: str) -> str:
        relative = self.relative(path)
        if relative is None:
            raise BuildError(f"{path} is not in {self.description}")
        return self.key(relative)

    # -- reading -------------------------------------------------------------------------

    def prepare(self) -> None:
        pass  # the bucket is the user's: feedpub never creates one

    def get(self, key: str) -> tuple[str, bytes] | None:
        """(ETag, bytes) of the object at ``key``; None if there is none."""
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=key)
            return str(answer["ETag"]), bytes(answer["Body"].read())
        except Exception as exc:
            if _status(exc) == 404:
                return None
            raise self._failure("read", key, exc) from exc

    def head(self, key: str) -> str | None:
        """The ETag of the object at ``key``; None if there is none."""
        try:
            return str(self.client.head_object(Bucket=self.bucket, Key=key)["ETag"])
        except Exception as exc:
            if _status(exc) == 404:
                return None
            raise self._failure("read", key, exc) from exc

    def read(self, relative: str) -> bytes | None:
        found = self.get(self.key(relative))
        return None if found is None else found[1]

    def fetch(self, relative: str) -> tuple[bytes, float] | None:
        """The bytes of one object and when it was last modified (seconds since the epoch);
        None if there is none (``feedpub serve``)."""
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self.key(relative))
            return bytes(answer["Body"].read()), float(answer["LastModified"].timestamp())
        except Exception as exc:
            if _status(exc) == 404:
                return None
            raise self._failure("read", self.key(relative), exc) from exc

    def listing(self, folder: str) -> list[str]:
        """Every object below ``folder`` (relative to the output), as paths relative to it."""
        found: list[str] = []
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=self.key(folder.rstrip("/") + "/")
            )
            for page in pages:
                found += [str(item["Key"]) for item in page.get("Contents", [])]
        except Exception as exc:
            raise self._failure("list", self.key(folder), exc) from exc
        return sorted(key.removeprefix(self.prefix) for key in found)

    def exists(self, relative: str) -> bool:
        return self.head(self.key(relative)) is not None

    def holds(self, path: str, sha256: str) -> bool:
        known = self.objects.get(path)
        if known is None or known.sha256 != sha256:
            return False
        return self.head(self._key_of(path)) == known.etag

    def differs(self, path: str, data: bytes) -> bool:
        known = self.objects.get(path)
        if known is None or known.sha256 != hashlib.sha256(data).hexdigest():
            return True
        # The state says the store holds these bytes; the store may say otherwise (another
        # writer, or a write of ours whose ETag a stopped run did not commit): written then,
        # conditionally, so that the 412 says which.
        if self.head(self._key_of(path)) != known.etag:
            self.stale.add(path)
            return True
        return False

    # -- writing -------------------------------------------------------------------------

    def write(self, path: str, data: bytes, *, batch: bool = False) -> bool:
        sha = hashlib.sha256(data).hexdigest()
        known = self.objects.get(path)
        if known is not None and known.sha256 == sha and not {path} & (self.forgiven | self.stale):
            return False  # the store holds these bytes: not uploaded again
        key = self._key_of(path)
        condition = {"IfMatch": known.etag} if known is not None else {"IfNoneMatch": "*"}
        try:
            etag = self._put(key, data, condition)
        except _PreconditionFailed:
            current = self.get(key)
            if current is None:
                # Removed since (by whoever): creating it overwrites nothing.
                etag = self._put_or_conflict(path, key, data, {"IfNoneMatch": "*"})
            elif hashlib.sha256(current[1]).hexdigest() == sha:
                self._record(path, current[0], sha)  # an earlier attempt of ours wrote it
                return False
            elif self._ours(path, current[1]):
                etag = self._put_or_conflict(path, key, data, {"IfMatch": current[0]})
            else:
                raise self._conflict(path, known) from None
        self._record(path, etag, sha)
        return True

    def _ours(self, path: str, data: bytes) -> bool:
        """Whether bytes found at ``path`` are this publisher's: a run that did not finish
        may have written them, or the last run committed them as what it was writing."""
        if path in self.forgiven:
            return True
        intended = self.intended.get(path)
        return bool(intended) and hashlib.sha256(data).hexdigest() == intended

    def _put_or_conflict(self, path: str, key: str, data: bytes, condition: dict[str, str]) -> str:
        try:
            return self._put(key, data, condition)
        except _PreconditionFailed:
            raise self._conflict(path, self.objects.get(path)) from None

    def _put(self, key: str, data: bytes, condition: dict[str, str]) -> str:
        from .serve import media_type

        try:
            answer = self.client.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=data,
                ContentType=media_type(Path(key)),
                CacheControl=self.cache_control,
                **condition,
            )
        except Exception as exc:
            if _status(exc) == 412:
                raise _PreconditionFailed from exc
            raise self._failure("write", key, exc) from exc
        return str(answer["ETag"])

    def _record(self, path: str, etag: str, sha: str) -> None:
        self.objects[path] = StoredObject(etag, sha)
        self.forgiven.discard(path)
        self.stale.discard(path)
        if self.state is not None:
            self.state.set_stored_object(path, etag, sha)

    def sync(self) -> None:
        pass  # a PUT that succeeded is stored

    def remove(self, path: str) -> bool:
        if self.relative(path) is None:
            return False  # an output of another target (the folder before): only forgotten
        key = self._key_of(path)
        known = self.objects.get(path)
        condition = {"IfMatch": known.etag} if known is not None else {}
        try:
            self._delete(key, condition)
        except _PreconditionFailed:
            current = self.get(key)
            if current is not None:
                if not self._ours(path, current[1]):
                    raise self._conflict(path, known) from None
                try:
                    self._delete(key, {"IfMatch": current[0]})
                except _PreconditionFailed:
                    raise self._conflict(path, known) from None
        self.objects.pop(path, None)
        self.forgiven.discard(path)
        if self.state is not None:
            self.state.delete_stored_object(path)
        return True

    def _delete(self, key: str, condition: dict[str, str]) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=key, **condition)
        except Exception as exc:
            status = _status(exc)
            if status == 412:
                raise _PreconditionFailed from exc
            if status == 404:
                return  # gone already
            raise self._failure("remove", key, exc) from exc

    def forgive(self, paths: Collection[str]) -> None:
        self.forgiven.update(paths)

    def sweep(self, unfinished: bool) -> None:
        pass  # a PUT is whole or not there: nothing half-written to sweep

    # -- errors --------------------------------------------------------------------------

    def _conflict(self, path: str, known: StoredObject | None) -> ConflictError:
        if known is None:
            said = "it was not there when this state last wrote"
        else:
            said = f"it is no longer the object this state wrote (ETag {known.etag})"
        return ConflictError(
            path,
            f"another writer changed it: {said}; left as it is. Two builds with different"
            " state must not publish to one place: remove the object (or point this build"
            " elsewhere) and run again",
        )

    def _failure(self, doing: str, key: str, exc: BaseException) -> BuildError:
        where = f"s3://{self.bucket}/{key}"
        return BuildError(f"cannot {doing} {where}: {_reason(exc)}")


class _PreconditionFailed(Exception):
    """The store answered 412 to a conditional request."""


def _status(exc: BaseException) -> int | None:
    response = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return None
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    if isinstance(status, int):
        return status
    code = response.get("Error", {}).get("Code")
    return {"PreconditionFailed": 412, "NoSuchKey": 404, "404": 404}.get(str(code))


def _reason(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict) and "Error" in response:
        error = response["Error"]
        status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        code = error.get("Code", "")
        message = error.get("Message", "")
        return f"HTTP {status} {code}: {message}".strip().rstrip(":")
    return f"{exc.__class__.__name__}: {exc}"


def _client(endpoint_url: str | None) -> Any:
    try:
        import boto3
        from botocore.config import Config as ClientConfig
    except ImportError as exc:
        raise ConfigError(
            "an s3:// target needs boto3: pip install 'feedpub[s3]'", key="output.target"
        ) from exc
    settings = ClientConfig(
        connect_timeout=10,
        read_timeout=30,
        retries={"mode": "standard", "max_attempts": 3},
        # Path-style addressing works with every S3-compatible store (AWS too).
        s3={"addressing_style": "path"},
    )
    return boto3.client("s3", endpoint_url=endpoint_url, config=settings)


def open_target(config: Config, state: StateStore | None = None) -> Target:
    """The target ``config`` publishes to; an S3 one knows from ``state`` what the store
    holds (without a state it can only read)."""
    if config.target:
        return S3Target(
            config.target,
            endpoint_url=config.endpoint_url,
            max_age=config.serve_max_age,
            state=state,
        )
    return FolderTarget(config.output_dir)
