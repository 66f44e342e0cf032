"""``build``: the one call that ties the stages together.

documents -> entries -> feeds -> files. A document that cannot be read or understood is
reported in the ``Report`` and left out; it never stops the others.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from . import __version__
from .check import check_feed, format_of
from .config import Config
from .documents import decode, list_documents
from .errors import BuildError, ConfigError, DocumentError
from .model import Document, Entry, FeedMeta
from .normalise import document_key, entry_id, normalise
from .output import write_atomic
from .ping import Ping, Pinger, PingResult, RetryPolicy, plan_pings
from .render import FILE_NAMES, render, sort_entries
from .state import DocumentRecord, StateStore, locked

__all__ = ["Report", "build", "feed_meta", "make_pinger", "ping_feeds", "planned_pings"]

log = logging.getLogger("feedpub")


@dataclass(frozen=True)
class Report:
    """What a build did."""

    entries: tuple[Entry, ...]
    """The entries published in the feeds, newest first."""
    written: tuple[Path, ...]
    """Output files whose bytes changed."""
    unchanged: tuple[Path, ...]
    """Output files that already held exactly the new bytes."""
    errors: tuple[DocumentError, ...]
    """Documents that were rejected, each saying which file and why."""
    pings: tuple[PingResult, ...] = ()
    """Notifications sent to hubs and ping services (failed ones are queued for next run)."""

    @property
    def failed_pings(self) -> tuple[PingResult, ...]:
        return tuple(result for result in self.pings if not result.ok)

    @property
    def ok(self) -> bool:
        return not self.errors


def feed_meta(config: Config) -> FeedMeta:
    """The feed-level metadata for the main feed of ``config``."""
    return FeedMeta(
        title=config.title,
        id=entry_id(config.id_authority, "feed"),
        site_url=config.site_url,
        author=config.author,
        author_email=config.author_email,
        subtitle=config.subtitle,
        language=config.language,
        feed_urls={fmt: config.feed_url + FILE_NAMES[fmt] for fmt in config.formats},
        hubs=config.hubs,
    )


def _settings_fingerprint(config: Config) -> str:
    """What cached entries depend on: change any of it and every document is parsed again."""
    settings = [
        __version__,
        config.timezone,
        config.id_authority,
        config.language,
        config.reference_time,
        config.day_first,
    ]
    return hashlib.sha256(json.dumps(settings).encode()).hexdigest()


@dataclass(frozen=True)
class _Changed:
    """A document whose bytes are new to the state: it must be normalised."""

    path: Path
    source: str
    size: int
    mtime_ns: int
    data: bytes
    sha256: str


def _normalise(config: Config, document: Document, first_seen: datetime) -> Entry:
    return normalise(
        document,
        zone=config.tzinfo,
        id_authority=config.id_authority,
        language=config.language,
        first_seen=first_seen,
        reference="first_seen" if config.reference_time == "first_seen" else "file",
        day_first=config.day_first,
    )


def _scan(
    config: Config, state: StateStore, known: dict[str, DocumentRecord], fresh: bool
) -> tuple[list[_Changed], set[str], list[DocumentError]]:
    """Stat every document; read only those whose size or time changed, hash only those."""
    changed: list[_Changed] = []
    present: set[str] = set()
    errors: list[DocumentError] = []
    for path in list_documents(config.input_dir, config.pattern):
        source = str(path.relative_to(config.input_dir))
        present.add(source)
        if not path.resolve().is_relative_to(config.input_dir.resolve()):
            errors.append(DocumentError(source, "a link to a file outside the input folder"))
            continue
        try:
            stat = path.stat()
            record = known.get(source)
            usable = record is not None and record.has_entry and not fresh
            if (
                usable
                and record
                and (record.size, record.mtime_ns) == (stat.st_size, stat.st_mtime_ns)
            ):
                continue  # unchanged: not even read
            data = path.read_bytes()
        except OSError as exc:
            errors.append(DocumentError(source, f"cannot read: {exc.strerror}"))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if usable and record and record.sha256 == digest:
            state.touch_document(source, stat.st_size, stat.st_mtime_ns)  # touched, not edited
            continue
        changed.append(_Changed(path, source, stat.st_size, stat.st_mtime_ns, data, digest))
    return changed, present, errors


def build(config: Config, *, now: datetime | None = None, pinger: Pinger | None = None) -> Report:
    """Bring the feeds up to date with the input folder.

    Only documents whose bytes changed since the last run are read and normalised; the rest
    come from the state store. The state is committed only after every output file is in
    place, so a run killed at any point leaves the previous output and a consistent state.
    ``now`` (default: the clock) is when new documents are first seen. When feeds changed
    and hubs or ping services are configured, they are notified (with ``pinger``, by default
    one made from the configuration); failed pings are queued and retried on the next run.
    """
    if not config.input_dir.is_dir():
        raise ConfigError(f"input folder {config.input_dir} does not exist", key="input.folder")
    now = now or datetime.now(UTC)
    state_path = config.state_path
    assert state_path is not None  # filled in by Config
    with (
        locked(state_path.with_name(state_path.name + ".lock"), config.lock_timeout),
        StateStore.open(state_path) as state,
    ):
        fingerprint = _settings_fingerprint(config)
        fresh = state.setting("settings") != fingerprint
        known = state.documents()
        changed, present, errors = _scan(config, state, known, fresh)
        vanished = {s: known[s] for s in known.keys() - present}
        # A new path with the bytes of a vanished one is a rename: it keeps key and first_seen.
        renamed_from = {r.sha256: r for r in vanished.values()}
        for item in changed:
            prior = known.get(item.source) or renamed_from.pop(item.sha256, None)
            key = prior.key if prior else document_key(item.source)
            first_seen = prior.first_seen if prior else now
            record = DocumentRecord(
                item.source, item.size, item.mtime_ns, item.sha256, key, first_seen, True
            )
            try:
                document = Document(
                    source=item.source,
                    text=decode(item.data, item.source),
                    modified=datetime.fromtimestamp(item.mtime_ns / 1e9, UTC),
                    path=item.path,
                )
                entry = _normalise(config, document, first_seen)
            except DocumentError as exc:
                errors.append(exc)
                # Remember key and first_seen, but publish nothing for it until it is fixed.
                state.put_document(replace(record, has_entry=False), None)
                continue
            if entry.key != key:
                entry = replace(entry, key=key, id=entry_id(config.id_authority, key))
            edited = prior is not None and prior.sha256 != item.sha256 and not fresh
            if edited and entry.updated == entry.published:
                # Edited without a stated update time: updated when feedpub saw the new text.
                entry = replace(entry, updated=max(entry.published, now))
            state.put_document(record, entry)
        for source in vanished:
            state.delete_document(source)  # deleted documents leave the feeds
        log.info(
            "%d documents: %d new or changed, %d unchanged, %d gone from their path",
            len(present),
            len(changed),
            len(present) - len(changed),
            len(vanished),
        )
        state.set_setting("settings", fingerprint)
        for error in errors:
            log.warning("skipped %s", error)
        published = tuple(
            sort_entries(state.newest_entries(config.max_entries))[: config.max_entries]
        )
        meta = feed_meta(config)
        # Render everything before writing anything: a failure leaves every old file in place.
        outputs = {
            config.output_dir / FILE_NAMES[fmt]: data
            for fmt, data in render(published, meta, config.formats).items()
        }
        # The same checks as `feedpub check`, on the new bytes: a broken feed is never published.
        problems = [
            f"{path.name}: {problem}"
            for path, data in outputs.items()
            for problem in check_feed(data, format_of(path.name) or "")
        ]
        if problems:
            raise BuildError("refusing to publish invalid feeds: " + "; ".join(problems[:10]))
        written: list[Path] = []
        unchanged: list[Path] = []
        for path, data in outputs.items():
            try:
                was_written = write_atomic(path, data)
            except OSError as exc:
                raise BuildError(f"cannot write {path}: {exc.strerror}") from exc
            (written if was_written else unchanged).append(path)
            state.set_output_hash(str(path), hashlib.sha256(data).hexdigest())
        state.commit()
        changed_feeds = [
            config.feed_url + path.relative_to(config.output_dir).as_posix()
            for path in written
            if format_of(path.name)
        ]
        pings = _send_pings(config, state, changed_feeds, pinger)
    return Report(published, tuple(written), tuple(unchanged), tuple(errors), pings)


def make_pinger(config: Config) -> Pinger:
    """A ``Pinger`` with the configuration's timeouts, budget and site name."""
    return Pinger(
        policy=RetryPolicy(timeout=config.ping_timeout, budget=config.ping_budget),
        site_name=config.title,
        site_url=config.site_url,
    )


def planned_pings(config: Config, state: StateStore, feed_urls: list[str]) -> list[Ping]:
    """The pings for ``feed_urls`` plus every ping still queued from an earlier run."""
    queued = [Ping(kind, target, topic) for kind, target, topic in state.queued_pings()]  # type: ignore[arg-type]
    return sorted(set(plan_pings(feed_urls, config.hubs, config.ping_services)) | set(queued))


def _send_pings(
    config: Config, state: StateStore, feed_urls: list[str], pinger: Pinger | None
) -> tuple[PingResult, ...]:
    pings = planned_pings(config, state, feed_urls)
    if not pings:
        return ()
    results = (pinger or make_pinger(config)).send_all(pings)
    for result in results:
        if not result.ok:
            log.warning(
                "ping %s %s failed: %s", result.ping.target, result.ping.topic, result.message
            )
    state.set_queued_pings(
        [(r.ping.kind, r.ping.target, r.ping.topic) for r in results if not r.ok]
    )
    state.commit()
    return tuple(results)


def ping_feeds(
    config: Config, *, pinger: Pinger | None = None, dry_run: bool = False
) -> list[PingResult] | list[Ping]:
    """Ping for every feed of ``config`` now (``feedpub ping``); with ``dry_run``, only say
    which pings would be sent."""
    feed_urls = [config.feed_url + FILE_NAMES[fmt] for fmt in config.formats]
    state_path = config.state_path
    assert state_path is not None
    with (
        locked(state_path.with_name(state_path.name + ".lock"), config.lock_timeout),
        StateStore.open(state_path) as state,
    ):
        if dry_run:
            return planned_pings(config, state, feed_urls)
        return list(_send_pings(config, state, feed_urls, pinger))
