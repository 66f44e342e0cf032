"""The state in PostgreSQL (``state.url = "postgresql://..."``), for builds that may start on
more than one host.

The same tables and queries as the SQLite store (``state.StateStore``), with three
differences: a session-level advisory lock stands for the lock file (the server lets it go
when the run's connection ends, a killed run's too), the schema is created whole and
versioned in ``feedpub_schema`` (``POSTGRES_MIGRATIONS[i]`` takes it from ``i`` to ``i + 1``;
append, never edit one that shipped), and every text column compares byte by byte
(``COLLATE "C"``), as SQLite does, so every ``ORDER BY`` gives the same order whatever the
database's locale. A run's changes are one transaction up to each ``commit``, as with
SQLite: a run killed on one host leaves the last commit, and the next run on any host
finishes the job.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

from .errors import BuildError, LockError
from .state import Cursor, StateStore, copies_in

__all__ = ["POSTGRES_MIGRATIONS", "PostgresStore", "story_copies"]

_TEXT = 'TEXT COLLATE "C"'


def _instant(column: str) -> str:
    """SQL for a time written as ``state._utc_text`` writes it, as ``state._instant``."""
    return f"(EXTRACT(EPOCH FROM ({column} || '+00:00')::timestamptz) * 1000000)::bigint"


POSTGRES_MIGRATIONS: tuple[str, ...] = (
    # 1: the tables of the SQLite store's schema 10.
    f"""
    CREATE TABLE documents (
        source {_TEXT} PRIMARY KEY,
        size BIGINT NOT NULL,
        mtime_ns BIGINT NOT NULL,
        sha256 {_TEXT} NOT NULL,
        key {_TEXT} NOT NULL,
        first_seen {_TEXT} NOT NULL,
        published {_TEXT},
        seq BIGINT,
        section {_TEXT},
        updated {_TEXT}
    );
    CREATE INDEX documents_stat ON documents (source) INCLUDE (size, mtime_ns, published);
    CREATE INDEX documents_published ON documents (published);
    CREATE INDEX documents_seq ON documents (seq);
    CREATE INDEX documents_section ON documents (section, published);
    CREATE INDEX documents_key ON documents (key, published, source);
    CREATE INDEX documents_updated ON documents (updated);
    CREATE TABLE entries (source {_TEXT} PRIMARY KEY, entry BYTEA NOT NULL);
    CREATE TABLE authors (
        source {_TEXT} NOT NULL,
        name {_TEXT} NOT NULL,
        published {_TEXT} NOT NULL,
        PRIMARY KEY (source, name)
    );
    CREATE INDEX authors_name ON authors (name, published);
    CREATE TABLE tags (
        source {_TEXT} NOT NULL,
        key {_TEXT} NOT NULL,
        name {_TEXT} NOT NULL,
        published {_TEXT} NOT NULL,
        PRIMARY KEY (source, key)
    );
    CREATE INDEX tags_key ON tags (key, published);
    CREATE TABLE outputs (
        written BIGSERIAL NOT NULL,
        path {_TEXT} PRIMARY KEY,
        sha256 {_TEXT} NOT NULL
    );
    CREATE INDEX outputs_written ON outputs (written);
    CREATE TABLE settings (name {_TEXT} PRIMARY KEY, value {_TEXT} NOT NULL);
    CREATE TABLE pings (
        kind {_TEXT} NOT NULL,
        target {_TEXT} NOT NULL,
        topic {_TEXT} NOT NULL,
        failed INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (kind, target, topic)
    )
    """,
    # 2: the SQLite store's schema 11: what an object store holds at each path.
    f"""
    CREATE TABLE objects (
        path {_TEXT} PRIMARY KEY,
        etag {_TEXT} NOT NULL,
        sha256 {_TEXT} NOT NULL
    )
    """,
    # 3: the SQLite store's schema 12: withdrawn entries (RFC 6721 tombstones).
    f"""
    CREATE TABLE tombstones (
        key {_TEXT} PRIMARY KEY,
        id {_TEXT} NOT NULL,
        source {_TEXT} NOT NULL,
        title {_TEXT} NOT NULL,
        published {_TEXT} NOT NULL,
        deleted {_TEXT} NOT NULL,
        comment {_TEXT}
    );
    CREATE INDEX tombstones_published ON tombstones (published)
    """,
    # 4: the SQLite store's schema 13: copies of one story, and the texts' sketches.
    f"""
    CREATE TABLE copies (source {_TEXT} PRIMARY KEY, url {_TEXT} NOT NULL, hidden BYTEA);
    CREATE INDEX copies_url ON copies (url);
    CREATE INDEX copies_hidden ON copies (source) WHERE hidden IS NOT NULL;
    CREATE TABLE sketches (source {_TEXT} PRIMARY KEY, sketch {_TEXT} NOT NULL);
    CREATE TABLE sketch_keys (hash BIGINT NOT NULL, source {_TEXT} NOT NULL);
    CREATE INDEX sketch_keys_hash ON sketch_keys (hash);
    CREATE INDEX sketch_keys_source ON sketch_keys (source)
    """,
    # 5: the SQLite store's schema 14: the SHA-256 digests as their 32 bytes, the entries'
    # times as microseconds since 1970 in UTC (the text was UTC without its zone; EXTRACT
    # gives an exact numeric), no index of every size and time. Its tables without a row
    # id have no counterpart: a
    # PostgreSQL table has no row id to leave out (and its outputs keep the order of
    # writing in ``written``).
    f"""
    ALTER TABLE documents ALTER COLUMN sha256 TYPE BYTEA USING decode(sha256, 'hex');
    ALTER TABLE outputs ALTER COLUMN sha256 TYPE BYTEA USING decode(sha256, 'hex');
    ALTER TABLE documents ALTER COLUMN published TYPE BIGINT USING {_instant("published")};
    ALTER TABLE documents ALTER COLUMN updated TYPE BIGINT USING {_instant("updated")};
    ALTER TABLE authors ALTER COLUMN published TYPE BIGINT USING {_instant("published")};
    ALTER TABLE tags ALTER COLUMN published TYPE BIGINT USING {_instant("published")};
    DROP INDEX documents_stat
    """,
    # 6: the SQLite store's schema 15: rejected documents and what rejected them.
    f"""
    CREATE TABLE rejections (
        source {_TEXT} PRIMARY KEY,
        sha256 {_TEXT} NOT NULL,
        stamp {_TEXT} NOT NULL,
        kind {_TEXT} NOT NULL,
        reason {_TEXT} NOT NULL,
        line BIGINT
    )
    """,
    # 7: the SQLite store's schema 16: the groups each withdrawn entry was in.
    f"""
    CREATE TABLE tombstone_groups (
        key {_TEXT} NOT NULL,
        kind {_TEXT} NOT NULL,
        name {_TEXT} NOT NULL,
        PRIMARY KEY (key, kind, name)
    );
    CREATE INDEX tombstone_groups_name ON tombstone_groups (kind, name)
    """,
    # 8: the SQLite store's schema 17: the outputs' paths are still absolute, made relative
    # to the output folder by the first run that opens the store with it.
    """
    INSERT INTO settings VALUES ('outputs_absolute', '1') ON CONFLICT (name) DO NOTHING
    """,
)

# The advisory lock: (feedpub's number, the schema's): one run at a time per schema, so two
# sites can keep their states in one database, each in a schema of its own.
_LOCK = "SELECT pg_try_advisory_lock(1717920100, hashtext(coalesce(current_schema(), '')))"
_UNLOCK = "SELECT pg_advisory_unlock(1717920100, hashtext(coalesce(current_schema(), '')))"
_LOCK_POLL = 0.05  # seconds between tries, as for the lock file
_CONNECT_TIMEOUT = 30  # seconds, unless the URL says (connect_timeout=...)


def _said(exc: psycopg.Error) -> str:
    # libpq's messages run over several lines (a hint on the next): one line, as every error.
    return " ".join(str(exc).split())


def shown(url: str) -> str:
    """``url`` with its password (if any) left out, to be named in messages."""
    url = re.sub(r"^([a-z]+://[^:/@]*):[^@/]*@", r"\1:***@", url)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", url)


class _Connection:
    """A psycopg connection taking the store's ``?`` parameters (psycopg's are ``%s``)."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self._connection = connection

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        return self._connection.execute(sql.replace("?", "%s"), parameters)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> object:
        with self._connection.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), list(parameters))
        return None


class PostgresStore(StateStore):
    """The state in a PostgreSQL database; changes become durable on ``commit``."""

    _OUTPUT_ORDER = "written"
    _FIND = "strpos"

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        super().__init__(_Connection(connection))
        self._connection = connection

    @classmethod
    @contextmanager
    def connect(cls, url: str, timeout: float) -> Iterator[PostgresStore]:
        """The store at ``url``, locked for the block (waiting up to ``timeout`` seconds for
        another run's lock, then ``LockError``)."""
        try:
            options: dict[str, Any] = {"autocommit": True, "application_name": "feedpub"}
            if "connect_timeout" not in conninfo_to_dict(url):
                options["connect_timeout"] = _CONNECT_TIMEOUT  # never hang on a dead host
            connection = psycopg.connect(url, **options)
        except psycopg.Error as exc:
            raise BuildError(f"cannot use the state database {shown(url)}: {_said(exc)}") from exc
        locked = False
        try:
            try:
                _lock(connection, url, timeout)
                locked = True
                _migrate(connection)
            except psycopg.Error as exc:
                raise BuildError(
                    f"cannot use the state database {shown(url)}: {_said(exc)}"
                ) from exc
            connection.autocommit = False  # from here on, a transaction up to each commit
            try:
                yield cls(connection)
            except psycopg.Error as exc:
                raise BuildError(
                    f"cannot write the state database {shown(url)}: {_said(exc)}"
                ) from exc
        finally:
            with suppress(psycopg.Error):  # the error above says enough
                connection.rollback()  # never half a run: the last commit stands
                if locked:
                    # Let go at once: a closed session's lock goes only when the server has
                    # ended its backend, which a next run that asks at once may not see.
                    connection.execute(_UNLOCK)
            connection.close()  # which lets the advisory lock go in any case

    def commit(self) -> None:
        self._before_commit()
        self._connection.commit()


def story_copies(url: str, source: str) -> tuple[str | None, list[str]] | None:
    """``state.story_copies`` from the database at ``url``: read only, without the lock (a
    build may hold it). None: no build has made the tables."""
    try:
        options: dict[str, Any] = {"autocommit": True, "application_name": "feedpub"}
        if "connect_timeout" not in conninfo_to_dict(url):
            options["connect_timeout"] = _CONNECT_TIMEOUT
        with psycopg.connect(url, **options) as connection:
            try:
                return copies_in(_Connection(connection), source)
            except psycopg.errors.UndefinedTable:
                return None
    except psycopg.Error as exc:
        raise BuildError(f"cannot use the state database {shown(url)}: {_said(exc)}") from exc


def _lock(connection: psycopg.Connection[Any], url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        row = connection.execute(_LOCK).fetchone()
        if row is not None and row[0]:
            return
        if time.monotonic() >= deadline:
            raise LockError(
                f"another feedpub run holds the lock on {shown(url)}; gave up after {timeout:g} s"
            )
        time.sleep(_LOCK_POLL)


def _migrate(connection: psycopg.Connection[Any]) -> None:
    with connection.transaction():
        connection.execute("CREATE TABLE IF NOT EXISTS feedpub_schema (version INTEGER NOT NULL)")
        row = connection.execute("SELECT version FROM feedpub_schema").fetchone()
        if row is None:
            connection.execute("INSERT INTO feedpub_schema VALUES (0)")
        version = 0 if row is None else int(row[0])
    for number in range(version, len(POSTGRES_MIGRATIONS)):
        with connection.transaction():
            for statement in filter(str.strip, POSTGRES_MIGRATIONS[number].split(";")):
                connection.execute(statement.encode())
            connection.execute("UPDATE feedpub_schema SET version = %s", (number + 1,))
