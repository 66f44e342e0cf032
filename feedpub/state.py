"""The state store: what feedpub remembers between runs, in one SQLite file (or, with
``state.url``, a PostgreSQL database: ``state_postgres``).

Per document: its size and modification time (so an unchanged file is not even read), its
content hash, the stable ``key`` its entry id is made from, when feedpub first saw it, and the
columns the feeds select on (``documents``); the normalised entry itself, as zlib-compressed
JSON, in a table of its own (``entries``: what a run scans never reads it; an unchanged
document is not parsed again). Also the settings the cached entries were made with: when
those change, every document is parsed again.

The schema is versioned: ``MIGRATIONS[i]`` takes a store from version ``i`` to ``i + 1``
(``PRAGMA user_version``). To add a table, append a migration; never edit one that shipped.

An exclusive lock (``fcntl.flock`` on ``<state>.lock``; PostgreSQL's advisory lock) makes
sure only one build writes the output and the state at a time: ``open_state`` takes it and
opens the configured store.

``StateStore`` holds the queries, in the SQL both engines speak (``?`` for parameters,
``ON CONFLICT`` upserts); what differs (opening, the schema and its migrations, the commit,
two names) is in the engine's ``open`` and a few class attributes.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import BuildError, LockError
from .model import Entry, Tombstone

if TYPE_CHECKING:
    from .config import Config

__all__ = [
    "MIGRATIONS",
    "DocumentRecord",
    "LockError",
    "Rejection",
    "StateStore",
    "entry_from_json",
    "locked",
    "open_state",
]

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE documents (
        source TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        key TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        published TEXT,
        entry TEXT
    );
    CREATE INDEX documents_published ON documents (published);
    CREATE TABLE outputs (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL);
    CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: pings that failed, retried on the next run.
    """
    CREATE TABLE pings (
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        topic TEXT NOT NULL,
        PRIMARY KEY (kind, target, topic)
    );
    """,
    # 3: what a no-op run reads of every document, from the index alone: scanning the table
    # itself means reading every cached entry (40 MB at ten thousand documents).
    """
    CREATE INDEX documents_stat ON documents (source, size, mtime_ns, published);
    """,
    # 4: archive order (seq: the order documents were first seen, never reused) and the
    # columns per-section and per-author feeds select on.
    """
    ALTER TABLE documents ADD COLUMN seq INTEGER;
    ALTER TABLE documents ADD COLUMN section TEXT;
    ALTER TABLE documents ADD COLUMN author TEXT;
    CREATE TEMP TABLE first_seen_order (source TEXT PRIMARY KEY, seq INTEGER NOT NULL);
    INSERT INTO first_seen_order
        SELECT source, ROW_NUMBER() OVER (ORDER BY first_seen, published, source) - 1
        FROM documents;
    UPDATE documents SET seq = (
        SELECT seq FROM first_seen_order WHERE first_seen_order.source = documents.source
    );
    DROP TABLE first_seen_order;
    UPDATE documents SET section = json_extract(entry, '$.section'),
        author = json_extract(entry, '$.author') WHERE entry IS NOT NULL;
    INSERT OR REPLACE INTO settings SELECT 'next_seq', CAST(COUNT(*) AS TEXT) FROM documents;
    CREATE INDEX documents_seq ON documents (seq);
    CREATE INDEX documents_section ON documents (section, published);
    CREATE INDEX documents_author ON documents (author, published);
    """,
    # 5: entry pages look their entries up by key; without an index each lookup of 500 keys
    # scanned the whole table, so rendering every page took time quadratic in the documents
    # (a fifth of a minute at a hundred thousand).
    """
    CREATE INDEX documents_key ON documents (key);
    """,
    # 6: an entry has several authors, and each has a feed holding every post they wrote:
    # one row per (document, author), beside the entry's own list. The old single-author
    # column is carried over; every entry is made again anyway (ENTRY_VERSION 5).
    """
    CREATE TABLE authors (
        source TEXT NOT NULL,
        name TEXT NOT NULL,
        published TEXT NOT NULL,
        PRIMARY KEY (source, name)
    );
    INSERT INTO authors SELECT source, author, published FROM documents
        WHERE entry IS NOT NULL AND author IS NOT NULL;
    CREATE INDEX authors_name ON authors (name, published);
    DROP INDEX documents_author;
    """,
    # 7: entries' update times, as the publication times are (UTC text, indexed), so a build
    # can give an entry a time no other entry has (see pipeline._stamped).
    """
    ALTER TABLE documents ADD COLUMN updated TEXT;
    UPDATE documents SET updated = strftime('%Y-%m-%dT%H:%M:%f000',
        json_extract(entry, '$.updated')) WHERE entry IS NOT NULL;
    CREATE INDEX documents_updated ON documents (updated);
    """,
    # 8: a feed per tag: one row per (document, tag), the tag's case folded in ``key`` so
    # ``Climate`` and ``climate`` are one feed.
    """
    CREATE TABLE tags (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        published TEXT NOT NULL,
        PRIMARY KEY (source, key)
    );
    CREATE INDEX tags_key ON tags (key, published);
    """,
    # 9: the pings a build queues before it replaces the feeds they are for (an outbox: a run
    # killed after that loses none), told apart from the ones that failed.
    """
    ALTER TABLE pings ADD COLUMN failed INTEGER NOT NULL DEFAULT 1;
    """,
    # 10: the cached entries in a table of their own, compressed (zlib): every run scans the
    # documents (their keys, sections, stats), and with each entry's JSON in its row (6 KB) a
    # run that changed one document read the whole file (60% of it at a hundred thousand).
    # The scanned columns are covered by indexes; an entry is read only to be rendered.
    """
    CREATE TABLE entries (source TEXT PRIMARY KEY, entry BLOB NOT NULL);
    INSERT INTO entries SELECT source, zlib(entry) FROM documents WHERE entry IS NOT NULL;
    UPDATE documents SET published = NULL, section = NULL, updated = NULL
        WHERE entry IS NULL;
    DROP INDEX documents_key;
    ALTER TABLE documents DROP COLUMN entry;
    ALTER TABLE documents DROP COLUMN author;
    CREATE INDEX documents_key ON documents (key, published, source);
    """,
    # 11: what an object store holds at each path this state published there: the ETag
    # its conditional writes send (If-Match) and the SHA-256 of the bytes under it.
    """
    CREATE TABLE objects (path TEXT PRIMARY KEY, etag TEXT NOT NULL, sha256 TEXT NOT NULL);
    """,
    # 12: entries deleted or retracted after they were published (RFC 6721 tombstones).
    """
    CREATE TABLE tombstones (
        key TEXT PRIMARY KEY,
        id TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        published TEXT NOT NULL,
        deleted TEXT NOT NULL,
        comment TEXT
    );
    CREATE INDEX tombstones_published ON tombstones (published);
    """,
    # 13: the canonical URL of each document that has one, so copies of one story are one
    # entry; ``hidden`` holds the entry of a copy left out for another (JSON), else NULL.
    """
    CREATE TABLE copies (source TEXT PRIMARY KEY, url TEXT NOT NULL, hidden BLOB);
    CREATE INDEX copies_url ON copies (url);
    CREATE INDEX copies_hidden ON copies (source) WHERE hidden IS NOT NULL;
    CREATE TABLE sketches (source TEXT PRIMARY KEY, sketch TEXT NOT NULL);
    CREATE TABLE sketch_keys (hash INTEGER NOT NULL, source TEXT NOT NULL);
    CREATE INDEX sketch_keys_hash ON sketch_keys (hash);
    CREATE INDEX sketch_keys_source ON sketch_keys (source);
    """,
    # 14: a smaller state (a hundred thousand documents took 0.67 times their bytes): the
    # SHA-256 digests as their 32 bytes, not 64 hex digits; publication and update times as
    # integers (microseconds since 1970 in UTC: 8 bytes, not 26 characters, in the rows and
    # in the five indexes that hold them); the entries and the outputs keyed by their path
    # alone, without a row id (whose index was a second copy of every path); no index of
    # every document's size and time (``documents_stat``, 3): a run whose listing is settled
    # reads none, and one that changed a document reads the table's rows, of 160 bytes now
    # the entries are elsewhere. ``unhex`` and
    # ``instant`` are the store's own functions (SQLite's unhex came in 3.41). Then
    # compacted, in pages of 8 KiB (``_compact``: a 4 KiB page of entries was a fifth empty).
    """
    CREATE TABLE documents_14 (
        source TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha256 BLOB NOT NULL,
        key TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        published INTEGER,
        seq INTEGER,
        section TEXT,
        updated INTEGER
    );
    INSERT INTO documents_14 SELECT source, size, mtime_ns, unhex(sha256), key, first_seen,
        instant(published), seq, section, instant(updated) FROM documents;
    DROP TABLE documents;
    ALTER TABLE documents_14 RENAME TO documents;
    CREATE INDEX documents_published ON documents (published);
    CREATE INDEX documents_seq ON documents (seq);
    CREATE INDEX documents_section ON documents (section, published);
    CREATE INDEX documents_key ON documents (key, published, source);
    CREATE INDEX documents_updated ON documents (updated);
    CREATE TABLE authors_14 (
        source TEXT NOT NULL,
        name TEXT NOT NULL,
        published INTEGER NOT NULL,
        PRIMARY KEY (source, name)
    );
    INSERT INTO authors_14 SELECT source, name, instant(published) FROM authors;
    DROP TABLE authors;
    ALTER TABLE authors_14 RENAME TO authors;
    CREATE INDEX authors_name ON authors (name, published);
    CREATE TABLE tags_14 (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        published INTEGER NOT NULL,
        PRIMARY KEY (source, key)
    );
    INSERT INTO tags_14 SELECT source, key, name, instant(published) FROM tags;
    DROP TABLE tags;
    ALTER TABLE tags_14 RENAME TO tags;
    CREATE INDEX tags_key ON tags (key, published);
    CREATE TABLE entries_14 (source TEXT PRIMARY KEY, entry BLOB NOT NULL) WITHOUT ROWID;
    INSERT INTO entries_14 SELECT source, entry FROM entries;
    DROP TABLE entries;
    ALTER TABLE entries_14 RENAME TO entries;
    CREATE TABLE outputs_14 (path TEXT PRIMARY KEY, sha256 BLOB NOT NULL) WITHOUT ROWID;
    INSERT INTO outputs_14 SELECT path, unhex(sha256) FROM outputs;
    DROP TABLE outputs;
    ALTER TABLE outputs_14 RENAME TO outputs;
    """,
    # 15: rejected documents with what rejected them (their bytes' SHA-256, a stamp of the
    # code and limits, the error): the next run says the same error without parsing them
    # again (a document that hit input.time_limit cost the limit on every run).
    """
    CREATE TABLE rejections (
        source TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        stamp TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        line INTEGER
    );
    """,
    # 16: the section, authors and tags (a tag's case folded) of each withdrawn entry, so
    # each of their feeds names it with a tombstone as the main feed does.
    """
    CREATE TABLE tombstone_groups (
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (key, kind, name)
    );
    CREATE INDEX tombstone_groups_name ON tombstone_groups (kind, name);
    """,
    # 17: the outputs' paths relative to the output folder (they were absolute: a project
    # copied or moved with its state named the old folder's files, and its next run wrote
    # every file again). SQL does not know the folder: this says the rows are still
    # absolute, and the first run that opens the store with its folder
    # (``use_output_folder``) makes those under it relative.
    """
    INSERT INTO settings VALUES ('outputs_absolute', '1') ON CONFLICT (name) DO NOTHING;
    """,
)

PAGE_SIZE = 8192
"""The page size of a new state file (and of one compacted by migration 14)."""


_PUT_COPY = (
    "INSERT INTO copies VALUES (?, ?, ?)"
    " ON CONFLICT (source) DO UPDATE SET url = excluded.url, hidden = excluded.hidden"
)


@dataclass(frozen=True)
class Rejection:
    """Why a build rejected one document's bytes, and with which code (``stamp``)."""

    sha256: str
    stamp: str
    kind: str
    """The ``DocumentError`` class's name (``DocumentError``, ``DateError``, ``Draft``, ...)."""
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class DocumentRecord:
    """What the state knows of one document (without its cached entry)."""

    source: str
    size: int
    mtime_ns: int
    sha256: str
    key: str
    first_seen: datetime
    has_entry: bool
    seq: int | None = None
    """Its place in the order documents were first seen: which archive page it is on (None
    until ``assign_seqs`` numbers the documents a run found)."""


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def _entry_to_json(entry: Entry) -> str:
    # Not dataclasses.asdict: it deep-copies every value, time zones included, which made
    # storing the entries a third of a first build.
    data = {name: getattr(entry, name) for name in _ENTRY_FIELDS}
    data["published"] = entry.published.isoformat()
    data["updated"] = entry.updated.isoformat()
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


# What the entries' JSON holds whatever the document: the keys, the forms of the values and
# the elements of cleaned HTML, given to zlib as a preset dictionary (RFC 1950's FDICT): an
# entry of 2.8 KB of JSON packs into 720 bytes, not 820. NEVER EDIT IT: the stored entries
# need these very bytes to be read (a stream says which dictionary by its Adler-32); a
# better one would need a name of its own, chosen by that checksum. Entries packed before
# it (schema 13 and older) are read as they are: a stream without FDICT ignores it.
_ENTRY_DICTIONARY = (
    b'<a href="https://"><em></em><strong></strong></a></p>\n<blockquote><p></p></blockquote>\n'
    b'<ul>\n<li></li>\n</ul>\n<h3></h3>\n<figure><img src="https://" alt=""><figcaption>'
    b"</figcaption></figure>\n<h2></h2>\n"
    b'{"authors": [], "content_html": "<p>", "id": "urn:uuid:", "image": null, "key": "",'
    b' "language": "en", "link": null, "published": "T00:00:00+00:00", "publisher": null,'
    b' "section": null, "source": ".txt", "summary": "", "tags": [], "title": "",'
    b' "updated": "T00:00:00+00:00"}'
)


def _pack(text: str) -> bytes:
    # Level 6, zlib's default: a third the size of level 1's output on entries' JSON, for
    # 0.1 ms an entry more (a first build's normalising takes a few ms each).
    packer = zlib.compressobj(6, zdict=_ENTRY_DICTIONARY)
    return packer.compress(text.encode()) + packer.flush()


def _unpack(data: bytes) -> str:
    return zlib.decompressobj(zdict=_ENTRY_DICTIONARY).decompress(data).decode()


def _zlib_sql(text: str | None) -> bytes | None:
    return None if text is None else _pack(text)


def _instant_sql(text: str | int | None) -> int | None:
    """A time as ``_utc_text`` wrote it (schema 13 and older) as an ``_instant``."""
    if text is None or isinstance(text, int):
        return text
    return _instant(datetime.fromisoformat(text).replace(tzinfo=UTC))


def _unhex_sql(text: str | bytes) -> bytes:
    """A hex digest's bytes (migration 14); none for one that is not hex (the document is
    then read again when touched, the output written again: as with a digest unknown)."""
    if isinstance(text, bytes):
        return text
    try:
        return bytes.fromhex(text)
    except ValueError:
        return b""


def entry_from_json(text: str) -> Entry:
    """An entry as ``put_document`` stored it (pages are rendered from the stored text in
    worker processes, which decode it themselves)."""
    data = json.loads(text)
    data["published"] = datetime.fromisoformat(data["published"])
    data["updated"] = datetime.fromisoformat(data["updated"])
    if "tags" in data:
        data["tags"] = tuple(data["tags"])  # JSON has lists; an Entry is hashable
    if "author" in data:  # stored before ENTRY_VERSION 5, when an entry had one author
        author = data.pop("author")
        data.setdefault("authors", [author] if author else [])
    if "authors" in data:
        data["authors"] = tuple(data["authors"])
    return Entry(**data)


def _group_name(column: str, name: str) -> str:
    """How a group's name is kept: a tag's case folded (``Climate`` and ``climate`` are one
    feed), a section's or author's as it is."""
    if column not in ("section", "author", "tag"):
        raise ValueError(column)
    return name.casefold() if column == "tag" else name


_ARCHIVE = "archive"
"""The ``tombstone_groups`` kind whose name is a withdrawn entry's archive position (its
``seq``, written by ``_archive_name``): the archive page that held it names it too."""


def _archive_name(seq: int) -> str:
    # Zero-padded, so that the names sort as text in the order of the positions.
    return f"{seq:020d}"


def _utc_text(value: datetime) -> str:
    # A fixed-width UTC form sorts as text in the same order as the instants.
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _instant(value: datetime) -> int:
    """A time as the store keeps entries' times: microseconds since 1970 in UTC (exact:
    integer arithmetic, no float on the way), ordered as the instants are."""
    return (value - _EPOCH) // _MICROSECOND


def _from_instant(value: int) -> datetime:
    """The time ``_instant`` made ``value`` of, in UTC."""
    return _EPOCH + value * _MICROSECOND


def _w3c(value: int) -> str:
    """An ``_instant`` as a W3C datetime to the second (a sitemap's form: what
    ``datetime.isoformat(timespec="seconds")`` gives of it in UTC), without a datetime."""
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(value // 1_000_000))


_MAX_PARAMETERS = 500  # SQLite caps the number of parameters of one statement


def _in_batches(values: Sequence[str]) -> Iterator[tuple[Sequence[str], str]]:
    """``values`` in batches a statement can take, each with its ``?,?,...`` marks for an
    ``IN (...)``."""
    for start in range(0, len(values), _MAX_PARAMETERS):
        batch = values[start : start + _MAX_PARAMETERS]
        yield batch, ",".join("?" * len(batch))


def _hashes(rows: Iterable[tuple[str, bytes]]) -> dict[str, str]:
    """path -> SHA-256 in hex, of rows of (path, the digest's bytes)."""
    return {path: bytes(sha256).hex() for path, sha256 in rows}


class Cursor(Protocol):
    """What the store reads of a query's result (sqlite3's and psycopg's cursors have it)."""

    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A connection to the state database, taking ``?`` parameters."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...
    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> object: ...


class StateStore:
    """One open state database (SQLite here; ``state_postgres.PostgresStore``); changes
    become durable on ``commit``."""

    _OUTPUT_ORDER = "path"
    """The column that orders ``outputs`` (by path: the table has no row id since schema
    14; PostgreSQL's keeps the order of writing)."""
    _FIND = "instr"
    """The function giving a substring's 1-based place in a string (0: not in it)."""

    def __init__(self, connection: Connection) -> None:
        self._db = connection
        self._unsettled = False
        self._parts_stale = False
        """Entries changed since ``sitemap_parts`` last kept its answer in this session."""
        self._folder: str | None = None
        """The output folder the outputs' paths are kept relative to (``use_output_folder``;
        None: they are read and written as stored)."""

    def _unsettle(self) -> None:
        """Forget the ``settled`` listing: the documents are changing (the build that
        changes them says again, at its end, whether they are settled)."""
        if not self._unsettled:
            self._db.execute("DELETE FROM settings WHERE name IN ('settled', 'settled_parts')")
            self._unsettled = True

    def settled(self, count: int) -> bool:
        """Whether the state holds ``count`` documents, each with its entry, published from
        another copy of its story (what ``document_stats`` calls read) or with a remembered
        rejection."""
        (documents,) = self._db.execute("SELECT COUNT(*) FROM documents").fetchone()
        (unread,) = self._db.execute(
            "SELECT COUNT(*) FROM documents WHERE published IS NULL AND source NOT IN"
            " (SELECT source FROM copies WHERE hidden IS NOT NULL)"
            " AND source NOT IN (SELECT source FROM rejections)"
        ).fetchone()
        return bool(documents == count and unread == 0)

    @classmethod
    @contextmanager
    def open(cls, path: Path) -> Iterator[StateStore]:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise BuildError(f"cannot use the state file {path}: {exc}") from exc
        try:
            try:
                db.execute(f"PRAGMA page_size={PAGE_SIZE}")  # a new file's (else: no effect)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=FULL")
                db.create_function("zlib", 1, _zlib_sql, deterministic=True)  # migration 10
                db.create_function("unhex", 1, _unhex_sql, deterministic=True)  # 14
                db.create_function("instant", 1, _instant_sql, deterministic=True)  # 14
                store = cls(db)
                store._migrate()
            except sqlite3.DatabaseError as exc:
                # Not SQLite (overwritten, truncated), or a file SQLite cannot open: say
                # which file, not a traceback from the first statement that noticed.
                raise BuildError(f"cannot use the state file {path}: {exc}") from exc
            try:
                db.execute("BEGIN")
                yield store
            except sqlite3.Error as exc:
                # A full disk, above all (SQLite then rolls the run back itself): one line
                # naming the file, exit 2, never a traceback (exit 1 means "published").
                raise BuildError(f"cannot write the state file {path}: {exc}") from exc
        finally:
            if db.in_transaction:
                with contextlib.suppress(sqlite3.Error):  # the error above says enough
                    db.execute("ROLLBACK")  # never half a run: the last commit stands
            db.close()

    def _migrate(self) -> None:
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        for number in range(version, len(MIGRATIONS)):
            self._db.execute("BEGIN")
            for statement in filter(str.strip, MIGRATIONS[number].split(";")):
                self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version={number + 1}")
            self._db.execute("COMMIT")
        if 0 < version < 14:
            # The entries moved out of the documents' rows (10), the digests shrank (14):
            # give the file back the space they took, or it keeps its old size.
            self._compact()

    def _compact(self) -> None:
        """VACUUM into pages of ``PAGE_SIZE`` (a page size changes only outside WAL mode).
        Skipped when a reader has the file open (``feedpub serve``): only the file's size
        depends on it."""
        with contextlib.suppress(sqlite3.OperationalError):
            if self._db.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete":
                self._db.execute(f"PRAGMA page_size={PAGE_SIZE}")
                self._db.execute("VACUUM")
        self._db.execute("PRAGMA journal_mode=WAL")

    def commit(self) -> None:
        """Make every change so far durable (the next run starts from here)."""
        self._before_commit()
        self._db.execute("COMMIT")
        self._db.execute("BEGIN")

    def _before_commit(self) -> None:
        """The sitemap's part times kept by ``sitemap_parts`` hold only if every session
        that changed the documents kept them again (a run without the site, say, does not)."""
        if self._parts_stale:
            self._db.execute("DELETE FROM settings WHERE name = 'sitemap_parts'")

    # -- documents -----------------------------------------------------------------------

    # published is NULL exactly when the document has no entry (put_document).
    _RECORD_COLUMNS = "source, size, mtime_ns, sha256, key, first_seen, published IS NOT NULL, seq"

    @staticmethod
    def _record(row: tuple[str, int, int, bytes, str, str, int, int]) -> DocumentRecord:
        source, size, mtime_ns, sha256, key, first_seen, has_entry, seq = row
        return DocumentRecord(
            source,
            size,
            mtime_ns,
            bytes(sha256).hex(),
            key,
            datetime.fromisoformat(first_seen),
            bool(has_entry),
            seq,
        )

    def documents(self) -> dict[str, DocumentRecord]:
        rows = self._db.execute(f"SELECT {self._RECORD_COLUMNS} FROM documents")
        return {row[0]: self._record(row) for row in rows}

    def document_stats(
        self, among: Sequence[str] | None = None
    ) -> dict[str, tuple[int, int, bool]]:
        """source -> (size, mtime_ns, has an entry) of every document (of those of ``among``
        the state knows), in one query.

        All a no-op run needs to know that nothing changed, without building a record per row.
        """
        # The table's rows (small: the entries are elsewhere); a settled run asks none.
        query = "SELECT source, size, mtime_ns, published IS NOT NULL FROM documents"
        copies = "SELECT source FROM copies WHERE hidden IS NOT NULL"
        if among is None:
            rows: Iterable[tuple[str, int, int, object]] = self._db.execute(query)
            hidden: Iterable[tuple[str]] = self._db.execute(copies)
        else:
            batches = list(_in_batches(among))
            rows = [
                row
                for batch, marks in batches
                for row in self._db.execute(f"{query} WHERE source IN ({marks})", batch)
            ]
            hidden = [
                row
                for batch, marks in batches
                for row in self._db.execute(f"{copies} AND source IN ({marks})", batch)
            ]
        stats = {row[0]: (row[1], row[2], bool(row[3])) for row in rows}
        # A copy of a story published from another document was read: as good as an entry.
        for (source,) in hidden:
            if source in stats:
                stats[source] = (*stats[source][:2], True)
        return stats

    def records(self, sources: Iterable[str]) -> dict[str, DocumentRecord]:
        """The records of ``sources`` that the state knows (the others are left out)."""
        found: dict[str, DocumentRecord] = {}
        query = f"SELECT {self._RECORD_COLUMNS} FROM documents WHERE source = ?"
        for source in sources:
            row = self._db.execute(query, (source,)).fetchone()
            if row is not None:
                found[source] = self._record(row)
        return found

    def assign_seqs(self) -> None:
        """Number the entries first made in this run, after those made before, oldest
        publication first (so a first build's archive is in date order); a number is never
        handed out twice, not even after a delete. A rejected document (or a draft) takes no
        number until it has an entry: an archive page full of numbers but short of entries
        would be published as complete."""
        start = int(self.setting("next_seq") or 0)
        (count,) = self._db.execute(
            "SELECT COUNT(*) FROM documents WHERE seq IS NULL AND published IS NOT NULL"
        ).fetchone()
        if not count:
            return
        self._parts_stale = True
        self._db.execute(
            "UPDATE documents SET seq = new_order.seq FROM (SELECT source,"
            " CAST(? AS INTEGER) + ROW_NUMBER() OVER (ORDER BY published, source) - 1 AS seq"
            " FROM documents WHERE seq IS NULL AND published IS NOT NULL) AS new_order"
            " WHERE new_order.source = documents.source",
            (start,),
        )
        self.set_setting("next_seq", str(start + count))

    def put_document(self, record: DocumentRecord, entry: Entry | None) -> None:
        self._unsettle()
        self._parts_stale = True
        self._db.execute(
            "INSERT INTO documents (source, size, mtime_ns, sha256, key, first_seen,"
            " published, seq, section, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (source) DO UPDATE SET size = excluded.size,"
            " mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, key = excluded.key,"
            " first_seen = excluded.first_seen, published = excluded.published,"
            " seq = excluded.seq, section = excluded.section, updated = excluded.updated",
            (
                record.source,
                record.size,
                record.mtime_ns,
                bytes.fromhex(record.sha256),
                record.key,
                record.first_seen.isoformat(),
                _instant(entry.published) if entry else None,
                record.seq,
                entry.section if entry else None,
                _instant(entry.updated) if entry else None,
            ),
        )
        self._db.execute("DELETE FROM authors WHERE source = ?", (record.source,))
        self._db.execute("DELETE FROM tags WHERE source = ?", (record.source,))
        if entry is None:
            self._db.execute("DELETE FROM entries WHERE source = ?", (record.source,))
        else:
            self._db.execute(
                "INSERT INTO entries VALUES (?, ?)"
                " ON CONFLICT (source) DO UPDATE SET entry = excluded.entry",
                (record.source, _pack(_entry_to_json(entry))),
            )
        if entry is not None and entry.authors:
            published = _instant(entry.published)
            self._db.executemany(
                "INSERT INTO authors VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(record.source, name, published) for name in entry.authors],
            )
        if entry is not None and entry.tags:
            published = _instant(entry.published)
            self._db.executemany(
                "INSERT INTO tags VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(record.source, tag.casefold(), tag, published) for tag in entry.tags],
            )

    def stored_times(self, source: str) -> tuple[datetime, datetime] | None:
        """(published, updated) of the entry stored for ``source``, if it has one."""
        row = self._db.execute(
            "SELECT published, updated FROM documents WHERE source = ? AND published IS NOT NULL",
            (source,),
        ).fetchone()
        if row is None:
            return None
        # The instants the entry holds (in UTC: whoever uses them puts them in their zone).
        published, updated = (_from_instant(value) for value in row)
        return published, updated

    def times_between(self, start: datetime, end: datetime) -> list[tuple[str, datetime]]:
        """(source, time in UTC) of every publication and update time of the stored entries
        that is in ``[start, end)``."""
        span = (_instant(start), _instant(end))
        rows = self._db.execute(
            "SELECT source, published FROM documents WHERE published >= ? AND published < ?"
            " UNION SELECT source, updated FROM documents WHERE updated >= ? AND updated < ?",
            span + span,
        )
        return [(source, _from_instant(value)) for source, value in rows]

    def touch_document(self, source: str, size: int, mtime_ns: int) -> None:
        self._unsettle()
        self._db.execute(
            "UPDATE documents SET size = ?, mtime_ns = ? WHERE source = ?",
            (size, mtime_ns, source),
        )

    def delete_document(self, source: str) -> None:
        self._unsettle()
        self._parts_stale = True
        self._db.execute("DELETE FROM authors WHERE source = ?", (source,))
        self._db.execute("DELETE FROM tags WHERE source = ?", (source,))
        self._db.execute("DELETE FROM entries WHERE source = ?", (source,))
        self._db.execute("DELETE FROM documents WHERE source = ?", (source,))
        self._db.execute("DELETE FROM copies WHERE source = ?", (source,))
        self._db.execute("DELETE FROM sketches WHERE source = ?", (source,))
        self._db.execute("DELETE FROM sketch_keys WHERE source = ?", (source,))
        self._db.execute("DELETE FROM rejections WHERE source = ?", (source,))

    def newest_entries(
        self,
        limit: int,
        *,
        section: str | None = None,
        author: str | None = None,
        tag: str | None = None,
    ) -> list[Entry]:
        """The ``limit`` most recently published cached entries, optionally of one section,
        author or tag (ties at the cut are resolved later: a margin is returned)."""
        texts = self.newest_entry_texts(limit, section=section, author=author, tag=tag)
        return [entry_from_json(text) for text in texts]

    def entries_digest(self, limit: int) -> str:
        """A SHA-256 of what ``newest_entries`` returns, without decoding it."""
        digest = hashlib.sha256()
        for text in self.newest_entry_texts(limit):
            digest.update(text.encode())
            digest.update(b"\0")
        return digest.hexdigest()

    def newest_entry_texts(
        self,
        limit: int,
        *,
        section: str | None = None,
        author: str | None = None,
        tag: str | None = None,
    ) -> list[str]:
        """``newest_entries`` as stored (JSON), in a stable order (of one group at most)."""
        # Ties at the cut are possible; take a margin and let the renderer's sort decide.
        if author is not None:
            # Every entry the person wrote, alone or with others (authors and tags rows are
            # only ever there for a document with an entry).
            query = (
                "SELECT entry FROM authors JOIN entries USING (source)"
                " WHERE name = ? ORDER BY authors.published DESC, source LIMIT ?"
            )
            args: tuple[object, ...] = (author, limit * 2)
        elif tag is not None:
            query = (
                "SELECT entry FROM tags JOIN entries USING (source)"
                " WHERE tags.key = ? ORDER BY tags.published DESC, source LIMIT ?"
            )
            args = (tag.casefold(), limit * 2)
        elif section is not None:
            query = (
                "SELECT entry FROM documents JOIN entries USING (source)"
                " WHERE published IS NOT NULL AND section = ?"
                " ORDER BY published DESC, source LIMIT ?"
            )
            args = (section, limit * 2)
        else:
            query = (
                "SELECT entry FROM documents JOIN entries USING (source)"
                " WHERE published IS NOT NULL ORDER BY published DESC, source LIMIT ?"
            )
            args = (limit * 2,)
        return [_unpack(row[0]) for row in self._db.execute(query, args)]

    def entries_between(self, first_seq: int, end_seq: int) -> list[Entry]:
        """The entries whose archive position is in ``[first_seq, end_seq)``."""
        return [entry_from_json(text) for text in self.entry_texts_between(first_seq, end_seq)]

    def entry_texts_between(self, first_seq: int, end_seq: int) -> list[str]:
        """``entries_between`` as stored (JSON)."""
        rows = self._db.execute(
            "SELECT entry FROM documents JOIN entries USING (source)"
            " WHERE published IS NOT NULL AND seq >= ? AND seq < ?",
            (first_seq, end_seq),
        )
        return [_unpack(row[0]) for row in rows]

    def entry_texts_with_keys(self, keys: Iterable[str]) -> Iterator[str]:
        """The cached entries of ``keys`` (those that have one) as stored (JSON): for keys in
        sorted order, in key order."""
        for chunk, marks in _in_batches(list(keys)):
            rows = self._db.execute(
                "SELECT entry FROM documents JOIN entries USING (source)"
                f" WHERE published IS NOT NULL AND key IN ({marks}) ORDER BY key",
                chunk,
            )
            yield from (_unpack(row[0]) for row in rows)

    def entry_keys(self, among: Iterable[str] | None = None) -> set[str]:
        """The keys of the stored entries (of those ``among``, if given)."""
        # From the index on (key, published, source) alone.
        query = "SELECT key FROM documents WHERE published IS NOT NULL"
        if among is None:
            return {row[0] for row in self._db.execute(query)}
        found: set[str] = set()
        for chunk, marks in _in_batches(sorted(among)):
            found.update(row[0] for row in self._db.execute(f"{query} AND key IN ({marks})", chunk))
        return found

    # A stored entry without an archive position yet counts as position 0 (in the first
    # part); spelled so that the indexes of the positions serve (COALESCE(seq, 0) did not).
    _IN_POSITIONS = "((seq >= ? AND seq < ?) OR (seq IS NULL AND ? <= 0 AND 0 < ?))"

    def sitemap_parts(
        self, size: int, changed: Iterable[int] | None = None
    ) -> list[tuple[int, str]]:
        """(part, newest update time as a W3C datetime in UTC) of every part of ``size``
        archive positions that holds a stored entry (part ``n`` holds positions from
        ``n * size``), in order.

        The answer is kept in the state (``sitemap_parts``, committed with the run): given
        ``changed``, the parts whose entries may have changed since the run that kept it
        (those of every entry added, edited or removed: the parts whose files are made
        again), only those are looked at again, each in its own positions; without it, or
        without a kept answer for this ``size`` and schema, every stored entry is (a scan
        of the table: 0.05 s at 100,000 documents, in every run that wrote anything)."""
        kept = json.loads(self.setting("sitemap_parts") or "null")
        newest: dict[int, int]
        usable = isinstance(kept, dict) and kept.get("as") == [size, len(MIGRATIONS)]
        if changed is not None and usable:
            newest = {int(part): int(value) for part, value in kept["parts"]}
            for part in set(changed):
                (value,) = self._db.execute(
                    f"SELECT MAX(updated) FROM documents WHERE published IS NOT NULL"
                    f" AND {self._IN_POSITIONS}",
                    (part * size, (part + 1) * size, part * size, (part + 1) * size),
                ).fetchone()
                if value is None:
                    newest.pop(part, None)
                else:
                    newest[part] = value
        else:
            rows = self._db.execute(
                "SELECT COALESCE(seq, 0) / CAST(? AS INTEGER) AS part, MAX(updated)"
                " FROM documents WHERE published IS NOT NULL GROUP BY part",
                (size,),
            )
            newest = dict(rows)
        parts = sorted(newest.items())
        record = {"as": [size, len(MIGRATIONS)], "parts": parts}
        self.set_setting("sitemap_parts", json.dumps(record, separators=(",", ":")))
        self._parts_stale = False
        return [(part, _w3c(value)) for part, value in parts]

    def page_stamps(self, first_seq: int, end_seq: int) -> list[tuple[str, str]]:
        """(key, update time as a W3C datetime in UTC) of every stored entry whose archive
        position is in ``[first_seq, end_seq)``, in archive order (a sitemap's: an old page
        keeps its place), from the columns alone (no entry is decoded)."""
        rows = self._db.execute(
            f"SELECT key, updated FROM documents WHERE published IS NOT NULL"
            f" AND {self._IN_POSITIONS} ORDER BY seq, source",
            (first_seq, end_seq, first_seq, end_seq),
        )
        return [(key, _w3c(value)) for key, value in rows]

    def seqs_of(self, keys: Iterable[str]) -> set[int]:
        """The archive positions of the stored entries of ``keys``."""
        found: set[int] = set()
        for chunk, marks in _in_batches(list(keys)):
            rows = self._db.execute(
                "SELECT COALESCE(seq, 0) FROM documents"
                f" WHERE published IS NOT NULL AND key IN ({marks})",
                chunk,
            )
            found.update(row[0] for row in rows)
        return found

    def entries_published_between(self, start: datetime, end: datetime) -> list[Entry]:
        """The stored entries published in ``[start, end)``, newest first."""
        rows = self._db.execute(
            "SELECT entry FROM documents JOIN entries USING (source) WHERE published >= ?"
            " AND published < ? ORDER BY published DESC, source",
            (_instant(start), _instant(end)),
        )
        return [entry_from_json(_unpack(row[0])) for row in rows]

    def groups(self, column: str) -> list[str]:
        """The distinct ``section``, ``author`` or ``tag`` values of the published entries (an
        author: each person named by any entry; a tag: in the first spelling by name, one
        whatever its case)."""
        if column not in ("section", "author", "tag"):
            raise ValueError(column)
        if column == "author":
            rows = self._db.execute("SELECT DISTINCT name FROM authors ORDER BY 1")
            return [row[0] for row in rows]
        if column == "tag":
            rows = self._db.execute("SELECT MIN(name) FROM tags GROUP BY key ORDER BY 1")
            return [row[0] for row in rows]
        rows = self._db.execute(  # from the index on (section, published) alone
            "SELECT DISTINCT section FROM documents"
            " WHERE published IS NOT NULL AND section IS NOT NULL ORDER BY 1"
        )
        return [row[0] for row in rows]

    def withdrawn_groups(self, column: str) -> list[str]:
        """The ``section``, ``author`` or ``tag`` names of the feeds that withdrawn entries
        were in (a tag's case folded), whether or not any entry is left in them."""
        if column not in ("section", "author", "tag"):
            raise ValueError(column)
        rows = self._db.execute(
            "SELECT DISTINCT name FROM tombstone_groups WHERE kind = ? ORDER BY 1", (column,)
        )
        return [row[0] for row in rows]

    # -- rejections ----------------------------------------------------------------------

    def rejections(self, sources: Iterable[str]) -> dict[str, Rejection]:
        """The stored rejections of ``sources`` (those that have one)."""
        found: dict[str, Rejection] = {}
        query = "SELECT sha256, stamp, kind, reason, line FROM rejections WHERE source = ?"
        for source in sources:
            row = self._db.execute(query, (source,)).fetchone()
            if row is not None:
                found[source] = Rejection(*row)
        return found

    def all_rejections(self) -> dict[str, Rejection]:
        """Every stored rejection, by source."""
        rows = self._db.execute(
            "SELECT source, sha256, stamp, kind, reason, line FROM rejections"
        ).fetchall()
        return {source: Rejection(*rest) for source, *rest in rows}

    def put_rejection(self, source: str, rejection: Rejection) -> None:
        """Remember why ``source``'s bytes were rejected (replacing what was remembered)."""
        self._db.execute(
            "INSERT INTO rejections VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE"
            " SET sha256 = excluded.sha256, stamp = excluded.stamp, kind = excluded.kind,"
            " reason = excluded.reason, line = excluded.line",
            (
                source,
                rejection.sha256,
                rejection.stamp,
                rejection.kind,
                rejection.reason,
                rejection.line,
            ),
        )

    def forget_rejection(self, source: str) -> None:
        """``source`` is no longer rejected (it has an entry, or was rejected by a cause
        that is not remembered)."""
        self._db.execute("DELETE FROM rejections WHERE source = ?", (source,))

    # -- tombstones ----------------------------------------------------------------------

    def put_tombstone(
        self,
        tombstone: Tombstone,
        groups: Iterable[tuple[str, str]] = (),
        seq: int | None = None,
    ) -> None:
        """Remember a withdrawn entry (the first withdrawal's time stands), with the
        ``(column, name)`` of each section, author and tag feed it was in (``tombstones``
        finds it by them) and its archive position ``seq`` (``archived_tombstones``)."""
        rows = [(tombstone.key, column, _group_name(column, name)) for column, name in groups]
        if seq is not None:
            rows.append((tombstone.key, _ARCHIVE, _archive_name(seq)))
        self._db.executemany(
            "INSERT INTO tombstone_groups VALUES (?, ?, ?) ON CONFLICT DO NOTHING", rows
        )
        self._db.execute(
            "INSERT INTO tombstones VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
            (
                tombstone.key,
                tombstone.id,
                tombstone.source,
                tombstone.title,
                _utc_text(tombstone.published),
                tombstone.deleted.isoformat(),
                tombstone.comment,
            ),
        )

    def remove_tombstone(self, key: str) -> int | None:
        """Forget the tombstone of ``key`` (its document is back); the archive position it
        had, if it had one (the archive page that named it changes)."""
        row = self._db.execute(
            "SELECT name FROM tombstone_groups WHERE key = ? AND kind = ?", (key, _ARCHIVE)
        ).fetchone()
        self._db.execute("DELETE FROM tombstones WHERE key = ?", (key,))
        self._db.execute("DELETE FROM tombstone_groups WHERE key = ?", (key,))
        return None if row is None else int(row[0])

    def archived_tombstones(self, start: int, stop: int) -> list[Tombstone]:
        """The withdrawn entries whose archive position was in ``range(start, stop)``, newest
        first (those withdrawn before feedpub kept the position have none)."""
        inside = (
            "key IN (SELECT key FROM tombstone_groups WHERE kind = ? AND name >= ? AND name < ?)"
        )
        return self._tombstones_where(
            [inside], [_ARCHIVE, _archive_name(start), _archive_name(stop)]
        )

    def tombstones(
        self, since: datetime | None = None, *, group: tuple[str, str] | None = None
    ) -> list[Tombstone]:
        """The withdrawn entries published at or after ``since`` (all with None), newest
        first; with ``group`` (``("section", name)``, ``("author", name)``, ``("tag",
        name)``), only those that were in that feed."""
        where: list[str] = []
        args: list[str] = []
        if since is not None:
            where.append("published >= ?")
            args.append(_utc_text(since))
        if group is not None:
            column, name = group
            where.append("key IN (SELECT key FROM tombstone_groups WHERE kind = ? AND name = ?)")
            args += [column, _group_name(column, name)]
        return self._tombstones_where(where, args)

    def _tombstones_where(self, where: list[str], args: list[str]) -> list[Tombstone]:
        query = "SELECT key, id, source, title, published, deleted, comment FROM tombstones"
        if where:
            query += " WHERE " + " AND ".join(where)
        rows = self._db.execute(query + " ORDER BY published DESC, key", args)
        return [
            Tombstone(
                id=id_,
                key=key,
                source=source,
                title=title,
                published=datetime.fromisoformat(published).replace(tzinfo=UTC),
                deleted=datetime.fromisoformat(deleted),
                comment=comment,
            )
            for key, id_, source, title, published, deleted, comment in rows
        ]

    # -- copies of one story ---------------------------------------------------------------
    # (Upserts as ON CONFLICT, which SQLite and PostgreSQL both take.)

    def copies(self, url: str) -> list[tuple[str, Entry | None]]:
        """(source, its entry if it is a copy left out) of every document with ``url``."""
        rows = self._db.execute(
            "SELECT source, hidden FROM copies WHERE url = ? ORDER BY source", (url,)
        )
        return [
            (source, None if data is None else entry_from_json(_unpack(data)))
            for source, data in rows
        ]

    def copy_url(self, source: str) -> str | None:
        row = self._db.execute("SELECT url FROM copies WHERE source = ?", (source,)).fetchone()
        return None if row is None else str(row[0])

    def set_copy(self, source: str, url: str | None) -> None:
        """``source``'s canonical URL (None: it has none), as the document published."""
        if url is None:
            self._db.execute("DELETE FROM copies WHERE source = ?", (source,))
        else:
            self._db.execute(_PUT_COPY, (source, url, None))

    def hide_copy(self, record: DocumentRecord, entry: Entry, url: str) -> None:
        """Keep ``entry`` aside: its story is published from another copy. Its document has
        no entry in the feeds, and is not read again while it does not change (see
        ``document_stats``)."""
        self.put_document(replace(record, has_entry=False), None)
        self._db.execute(
            _PUT_COPY,
            (record.source, url, _pack(_entry_to_json(entry))),
        )

    def hidden_copies(self) -> list[tuple[str, str]]:
        """(copy left out, the document published in its place), by the copy's path."""
        rows = self._db.execute(
            "SELECT hidden.source, shown.source FROM copies AS hidden JOIN copies AS shown"
            " ON shown.url = hidden.url AND shown.hidden IS NULL"
            " WHERE hidden.hidden IS NOT NULL ORDER BY 1, 2"
        )
        return [(row[0], row[1]) for row in rows]

    def set_sketch(self, source: str, sketch: Sequence[int], keys: Sequence[int]) -> None:
        """``source``'s text sketch (``similar.sketch``), found by ``keys``; () forgets it."""
        self._db.execute("DELETE FROM sketch_keys WHERE source = ?", (source,))
        if not sketch:
            self._db.execute("DELETE FROM sketches WHERE source = ?", (source,))
            return
        self._db.execute(
            "INSERT INTO sketches VALUES (?, ?)"
            " ON CONFLICT (source) DO UPDATE SET sketch = excluded.sketch",
            (source, json.dumps(list(sketch))),
        )
        self._db.executemany(
            "INSERT INTO sketch_keys VALUES (?, ?)", [(key, source) for key in keys]
        )

    def sketches_with(self, keys: Sequence[int]) -> list[tuple[str, tuple[int, ...]]]:
        """(source, sketch) of every document found by one of ``keys``."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self._db.execute(
            "SELECT source, sketch FROM sketches WHERE source IN"
            f" (SELECT source FROM sketch_keys WHERE hash IN ({marks})) ORDER BY source",
            tuple(keys),
        )
        return [(source, tuple(json.loads(text))) for source, text in rows]

    def entry_of(self, source: str) -> Entry | None:
        """The entry stored for ``source``, if it has one."""
        row = self._db.execute("SELECT entry FROM entries WHERE source = ?", (source,)).fetchone()
        return None if row is None else entry_from_json(_unpack(row[0]))

    # -- settings and outputs ------------------------------------------------------------

    def setting(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, name: str, value: str) -> None:
        if self.setting(name) != value:  # a run that changed nothing writes nothing
            self._db.execute(
                "INSERT INTO settings VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    def use_output_folder(self, folder: str) -> None:
        """Keep the paths of the outputs in ``folder`` (the output folder) relative to it:
        a project copied or moved whole, state and output, is as its last run left it.
        The methods take and give the paths whole, as before. A state whose paths are still
        absolute (schema 16 and older) has those in ``folder`` made relative now; others (a
        bucket's, the folder before) stay as they are."""
        self._folder = folder
        if self.setting("outputs_absolute") is None:
            return
        prefix = folder + "/"
        self._db.execute(
            "UPDATE outputs SET path = substr(path, CAST(? AS INTEGER))"
            " WHERE substr(path, 1, CAST(? AS INTEGER)) = ?",
            (len(prefix) + 1, len(prefix), prefix),
        )
        self._db.execute("DELETE FROM settings WHERE name = 'outputs_absolute'")

    def _stored(self, path: str) -> str:
        """How the state keeps the output ``path``: relative to the output folder if in it."""
        folder = self._folder
        if folder is not None and path.startswith(folder + "/"):
            return path[len(folder) + 1 :]
        return path

    def _hashes_of(self, rows: Iterable[tuple[str, bytes]]) -> dict[str, str]:
        """``_hashes`` of rows of outputs, their paths whole again."""
        folder = self._folder
        if folder is None:
            return _hashes(rows)
        head = folder + "/"
        return {
            path if path.startswith("/") or "://" in path else head + path: bytes(sha256).hex()
            for path, sha256 in rows
        }

    def output_hashes(self) -> dict[str, str]:
        """path -> SHA-256 of each file the last build produced (by path; PostgreSQL's in the
        order it wrote them)."""
        query = f"SELECT path, sha256 FROM outputs ORDER BY {self._OUTPUT_ORDER}"
        return self._hashes_of(self._db.execute(query))

    def output_hashes_in(self, folder: str) -> dict[str, str]:
        """``output_hashes`` of the files directly in ``folder`` (not in its subfolders).

        Selected by the database: a site has an output per entry page, and a no-op run looks
        only at the top-level files.
        """
        prefix = self._stored(folder.rstrip("/") + "/")  # "" for the output folder's own
        rows = self._db.execute(
            "SELECT path, sha256 FROM outputs WHERE substr(path, 1, CAST(? AS INTEGER)) = ?"
            f" AND {self._FIND}(substr(path, CAST(? AS INTEGER)), '/') = 0"
            f" ORDER BY {self._OUTPUT_ORDER}",
            (len(prefix), prefix, len(prefix) + 1),
        )
        return self._hashes_of(rows)

    def output_hashes_outside(self, folders: Sequence[str]) -> dict[str, str]:
        """``output_hashes`` of the files in none of ``folders`` (each ending in ``/``)."""
        prefixes = [self._stored(folder) for folder in folders]
        outside = ["substr(path, 1, CAST(? AS INTEGER)) <> ?" for _ in prefixes]
        query = " AND ".join(["SELECT path, sha256 FROM outputs WHERE 1 = 1", *outside])
        args = [arg for prefix in prefixes for arg in (len(prefix), prefix)]
        return self._hashes_of(self._db.execute(query, args))

    def output_hashes_of(self, paths: Iterable[str]) -> dict[str, str]:
        """``output_hashes`` of those of ``paths`` the last build produced."""
        found: dict[str, str] = {}
        for chunk, marks in _in_batches(sorted({self._stored(path) for path in paths})):
            rows = self._db.execute(
                f"SELECT path, sha256 FROM outputs WHERE path IN ({marks})", chunk
            )
            found.update(self._hashes_of(rows))
        return found

    def queued_pings(self) -> list[tuple[str, str, str]]:
        """(kind, target, topic) of every ping that failed and waits for the next run."""
        return self._db.execute("SELECT kind, target, topic FROM pings ORDER BY 1, 2, 3").fetchall()

    def set_queued_pings(self, pings: list[tuple[str, str, str]]) -> None:
        """The queue after sending: exactly ``pings``, the ones that failed."""
        self._db.execute("DELETE FROM pings")
        self._db.executemany("INSERT INTO pings VALUES (?, ?, ?, 1) ON CONFLICT DO NOTHING", pings)

    def queue_pings(self, pings: Iterable[tuple[str, str, str]]) -> None:
        """Add ``pings`` to the queue, to be sent (a ping that failed before stays failed)."""
        self._db.executemany("INSERT INTO pings VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING", pings)

    def failing_targets(self) -> set[str]:
        """The hubs and services with queued pings that failed (not just queued to send)."""
        rows = self._db.execute("SELECT DISTINCT target FROM pings WHERE failed <> 0")
        return {row[0] for row in rows}

    def stored_objects(self) -> dict[str, tuple[str, str]]:
        """path -> (ETag, SHA-256) of every object this state knows an object store holds."""
        rows = self._db.execute("SELECT path, etag, sha256 FROM objects")
        return {path: (etag, sha) for path, etag, sha in rows}

    def set_stored_object(self, path: str, etag: str, sha256: str) -> None:
        self._db.execute(
            "INSERT INTO objects VALUES (?, ?, ?) ON CONFLICT (path)"
            " DO UPDATE SET etag = excluded.etag, sha256 = excluded.sha256",
            (path, etag, sha256),
        )

    def delete_stored_object(self, path: str) -> None:
        self._db.execute("DELETE FROM objects WHERE path = ?", (path,))

    def delete_output_hash(self, path: str) -> None:
        # Both spellings: an older feedpub may have written the path whole since.
        self._db.execute("DELETE FROM outputs WHERE path IN (?, ?)", (self._stored(path), path))

    def set_output_hash(self, path: str, sha256: str) -> None:
        # Deleted and added again: last in the order of writing, as the file is (in the
        # engines that keep that order).
        self.delete_output_hash(path)
        self._db.execute(
            "INSERT INTO outputs (path, sha256) VALUES (?, ?)",
            (self._stored(path), bytes.fromhex(sha256)),
        )

    def set_output_hashes(self, hashes: dict[str, str]) -> None:
        """Record exactly the files the last build produced (path -> SHA-256 of its bytes)."""
        if list(hashes.items()) != list(self.output_hashes().items()):
            self._db.execute("DELETE FROM outputs")
            self._db.executemany(
                "INSERT INTO outputs (path, sha256) VALUES (?, ?)",
                [(self._stored(path), bytes.fromhex(sha256)) for path, sha256 in hashes.items()],
            )


@contextmanager
def open_state(config: Config) -> Iterator[StateStore]:
    """The configured state store, locked for the block: the SQLite file (with the lock on
    ``<state>.lock``) or, with ``state.url``, the PostgreSQL database (an advisory lock).
    Waits up to ``state.lock_timeout`` for another run's lock (then ``LockError``)."""
    if config.state_url is not None:
        try:
            from .state_postgres import PostgresStore  # psycopg only for those who use it
        except ImportError as exc:
            raise BuildError(
                f"state.url needs psycopg (pip install 'feedpub[postgres]'): {exc}"
            ) from exc
        with PostgresStore.connect(config.state_url, config.lock_timeout) as store:
            store.use_output_folder(str(config.output_dir))
            yield store
        return
    path = config.state_path
    assert path is not None  # filled in by Config
    with (
        locked(path.with_name(path.name + ".lock"), config.lock_timeout),
        StateStore.open(path) as store,
    ):
        store.use_output_folder(str(config.output_dir))
        yield store


def story_copies(path: Path, source: str) -> tuple[str | None, list[str]] | None:
    """From the state file at ``path``, read only (a build may hold it): (the document
    published in place of ``source``, None if it is itself published; the other documents
    of its story); ``(None, [])`` for a story of one document. None: there is no state (no
    build has run)."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return copies_in(db, source)
    except sqlite3.Error:  # a state from before schema 13
        return None, []
    finally:
        db.close()


def copies_in(db: Connection, source: str) -> tuple[str | None, list[str]]:
    """``story_copies`` from an open state database (SQLite's or PostgreSQL's)."""
    rows = db.execute(
        "SELECT other.source, other.hidden IS NULL FROM copies AS own"
        " JOIN copies AS other ON other.url = own.url WHERE own.source = ?"
        " AND other.source <> own.source ORDER BY 1",
        (source,),
    ).fetchall()
    own = db.execute("SELECT hidden IS NOT NULL FROM copies WHERE source = ?", (source,))
    hidden = own.fetchone()
    shown = [other for other, is_shown in rows if is_shown]
    in_place = shown[0] if hidden is not None and hidden[0] and shown else None
    return in_place, [other for other, _ in rows]


@contextmanager
def locked(path: Path, timeout: float) -> Iterator[None]:
    """Hold the exclusive lock ``path`` for the block; wait up to ``timeout`` seconds for it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockError(
                        f"another feedpub run holds {path}; gave up after {timeout:g} s"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
