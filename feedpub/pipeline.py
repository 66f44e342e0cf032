"""``build``: the one call that ties the stages together.

documents -> entries -> feeds -> files. A document that cannot be read or understood is
reported in the ``Report`` and left out; it never stops the others.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import zlib
from collections.abc import Callable, Collection, Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from . import __version__
from .config import FILE_NAMES, Config
from .documents import check_name, decode, found_files, not_a_file, opened_file
from .errors import ConfigError, DateError, DocumentError, Draft, Embargoed, Retracted
from .model import ENTRY_VERSION, Document, Entry, FeedMeta, Tombstone, document_key, entry_id
from .output import code_stamp
from .state import DocumentRecord, Rejection, StateStore, open_state

# The parsers, the renderers and the pinger (dateutil, lxml, feedgen, requests behind them)
# are imported only by the runs that use them: importing them took longer than all the
# rest of a no-op run on ten thousand documents.
if TYPE_CHECKING:
    from .parallel import WorkerError
    from .ping import Ping, Pinger, PingResult
    from .publish import Published

__all__ = [
    "Progress",
    "Report",
    "build",
    "failure_reason",
    "feed_meta",
    "make_pinger",
    "ping_feeds",
    "planned_pings",
]

log = logging.getLogger("feedpub")

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while the documents that changed are parsed."""


@dataclass(frozen=True)
class Report:
    """What a build did."""

    entries: tuple[Entry, ...]
    """The entries published in the feeds, newest first."""
    written: Sequence[Path]
    """Output files whose bytes changed (a sequence equal to the tuple of them: a first
    build's hundred thousand are kept as text, ``output.Paths``)."""
    unchanged: Sequence[Path]
    """Output files that already held exactly the new bytes."""
    errors: tuple[DocumentError, ...]
    """Documents that were rejected, each saying which file and why."""
    pings: tuple[PingResult, ...] = ()
    """Notifications sent to hubs and ping services (failed ones are queued for next run)."""
    drafts: tuple[Draft, ...] = ()
    """Documents that say they are drafts (``draft: true``): read, not published, no error."""
    repeated: frozenset[str] = frozenset()
    """Sources among ``errors`` that an earlier run rejected with the very same bytes (a quiet
    cron run reports a broken document once, not every run until it is fixed)."""
    failing_before: frozenset[str] = frozenset()
    """Hubs and ping services that had failed pings queued when this run began (a quiet cron
    run names a dead hub when it starts failing and when it works again, not every run)."""
    duplicates: tuple[tuple[str, str], ...] = ()
    """(copy left out, the document published in its place): documents with one canonical
    URL are one entry, the newest version."""
    waiting: tuple[Embargoed, ...] = ()
    """Documents dated in the future (``publish_at``, a date): held back, each published by
    the first build at or after its ``until``."""

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
        icon=config.icon,
        logo=config.logo,
        language=config.language,
        feed_urls={fmt: config.feed_url + FILE_NAMES[fmt] for fmt in config.formats},
        hubs=config.hubs,
        summary_only=config.summary_only,
    )


def _settings_fingerprint(config: Config) -> str:
    """What cached entries depend on: change any of it and every document is parsed again."""
    settings = [
        __version__,
        ENTRY_VERSION,
        config.timezone,
        config.id_authority,
        config.language,
        config.reference_time,
        config.day_first,
        # Which documents are one story is decided as they are stored (not listed when off,
        # so a state from before the setting is not made again).
        *([config.similarity] if config.similarity else []),
    ]
    return hashlib.sha256(json.dumps(settings).encode()).hexdigest()


def _render_fingerprint(config: Config, entries_digest: str) -> str:
    """Everything the output bytes are made from: when it and the files on disk are as the
    last run left them, rendering again would write the same bytes, so it is skipped."""
    inputs = [__version__, code_stamp(), _placed_anywhere(config), entries_digest]
    return hashlib.sha256(json.dumps(inputs).encode()).hexdigest()


def _placed_anywhere(config: Config) -> str:
    """``repr(config)`` with its folders relative to the output folder's parent (where the
    state is by default): the same for a project copied or moved whole."""
    base = config.output_dir.parent
    shown = []
    for field in fields(config):
        if field.repr:
            value = getattr(config, field.name)
            if isinstance(value, Path):
                value = os.path.relpath(value, base)
            shown.append(f"{field.name}={value!r}")
    return ", ".join(shown)


def _news_window(config: Config, state: StateStore, now: datetime) -> str:
    """The entries of the News sitemap's two days: when one leaves them (time passing alone),
    the sitemap changes, and a run that changed nothing else must write it."""
    if not config.site:
        return ""
    from .sitemap import NEWS_WINDOW

    sources = sorted({source for source, _ in state.times_between(now - NEWS_WINDOW, now)})
    return hashlib.sha256("\0".join(sources).encode()).hexdigest()


@dataclass(frozen=True)
class _Candidate:
    """A document whose size or modification time is new to the state: it must be read."""

    path: str
    source: str
    size: int
    mtime_ns: int


def _normalise(config: Config, document: Document, first_seen: datetime) -> Entry:
    from .pattern_cache import kept

    # The first document of a process: the normaliser's regular expressions (imported
    # with it) and those of its first parse are made from the code kept by an earlier one.
    with kept():
        from .normalise import normalise

        return normalise(
            document,
            zone=config.tzinfo,
            id_authority=config.id_authority,
            language=config.language,
            first_seen=first_seen,
            reference="first_seen" if config.reference_time == "first_seen" else "file",
            day_first=config.day_first,
            base_url=config.site_url,
        )


def _inside(path: str, root: str) -> bool:
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _scan(config: Config) -> tuple[list[tuple[str, str, int, int]], list[DocumentError], str]:
    """Stat every document (nothing is read here, so a run where nothing changed reads no
    document): each one found (its ``_Candidate`` fields: a tuple, as a hundred thousand
    dataclasses are a tenth of a no-op run), the errors, and a digest of the listing (every
    path, size and time, in the walk's order: the same when no file changed)."""
    found: list[tuple[str, str, int, int]] = []
    errors: list[DocumentError] = []
    listing = hashlib.sha256()
    root = os.path.realpath(config.input_dir)
    for source, path, unchecked in found_files(config.input_dir, config.pattern):
        try:
            check_name(source)
        except DocumentError as exc:
            errors.append(exc)
            continue
        # Only a symbolic link can lead out of the folder (the walk does not enter linked
        # folders), so only links are resolved.
        if unchecked and not _inside(path, root):
            errors.append(DocumentError(source, "a link to a file outside the input folder"))
            continue
        try:
            stat = os.stat(path)
        except OSError as exc:
            errors.append(DocumentError(source, f"cannot read: {exc.strerror}"))
            continue
        kind = None if S_ISREG(stat.st_mode) else not_a_file(stat.st_mode)
        if kind is not None:  # a named pipe would hold the build for ever
            errors.append(DocumentError(source, f"not a regular file ({kind}): not read"))
            continue
        found.append((path, source, stat.st_size, stat.st_mtime_ns))
        listing.update(f"{source}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return found, errors, listing.hexdigest()


_LISTING_PARTS = 256
"""Parts of the listing (by a CRC of the path) whose digests a settled run keeps: a run whose
listing changed reads the sizes and times of the changed parts' documents only."""


def _listing_parts(
    found: Sequence[tuple[str, str, int, int]],
) -> tuple[list[int], list[tuple[int, str]]]:
    """The part of each file found, and each part's count of files and digest of their paths,
    sizes and times (in the walk's order)."""
    which = [zlib.crc32(source.encode()) % _LISTING_PARTS for _, source, _, _ in found]
    lines: list[list[str]] = [[] for _ in range(_LISTING_PARTS)]
    for part, (_, source, size, mtime_ns) in zip(which, found, strict=True):
        lines[part].append(f"{source}\0{size}\0{mtime_ns}\n")
    digests = [hashlib.sha256("".join(part).encode()).hexdigest()[:32] for part in lines]
    return which, [(len(part), digest) for part, digest in zip(lines, digests, strict=True)]


def _changed_parts(
    state: StateStore,
    found: Sequence[tuple[str, str, int, int]],
    parts: tuple[list[int], list[tuple[int, str]]],
) -> tuple[list[tuple[str, str, int, int]], dict[str, tuple[int, int, bool]]] | None:
    """The files found in the parts of the listing that changed since the last run settled
    it, and the state's sizes and times of those it knows; None when that run did not settle
    the listing, or a document it settled is gone (its part's files the state knows are
    fewer than that run counted: its path must be found among every document's)."""
    recorded = json.loads(state.setting("settled_parts") or "null")
    which, now = parts
    if not isinstance(recorded, list) or len(recorded) != len(now):
        return None
    dirty = {
        part for part, (was, new) in enumerate(zip(recorded, now, strict=True)) if was != list(new)
    }
    among = [item for part, item in zip(which, found, strict=True) if part in dirty]
    known = state.document_stats([source for _, source, _, _ in among])
    if len(known) != sum(recorded[part][0] for part in dirty):
        return None
    return among, known


_PARALLEL_MIN = 1000  # documents to parse before worker processes are worth their start
_RECORDS_AHEAD = 1000  # candidates whose records are read from the state at a time
_BATCH = 100  # documents per round trip to a worker


@dataclass(frozen=True)
class _Job:
    """A document whose bytes are new to the state, with what was decided before parsing."""

    index: int
    """Its place among the candidates (errors are reported in that order)."""
    path: str
    mtime_ns: int
    data: bytes
    record: DocumentRecord
    """What the state will hold for it: key and first_seen come from its earlier self."""
    prior: DocumentRecord | None
    """Its earlier self: the same path, or the vanished path it was renamed from."""


_Outcome = Entry | tuple[type[DocumentError], str, str, int | None, bool]
"""What parsing gave: the entry, or the rejection as (class, source, reason, line, whether
it is remembered: the same bytes read by the same code give it again, so the next runs say
it again without parsing them; not so a worker process that died)."""

_REMEMBERED: dict[str, type[DocumentError]] = {
    kind.__name__: kind for kind in (DocumentError, DateError, Draft, Retracted)
}
"""The rejections a later run says again from the state (an embargo ends with time)."""


def _rejection_stamp(config: Config) -> str:
    """What a remembered rejection was made with beyond the document's bytes: feedpub's code
    (any module: the readers, the normaliser, the limits), the settings entries depend on and
    the size and time limits. When any of it changes, the document is parsed again."""
    inputs = [
        __version__,
        ENTRY_VERSION,
        code_stamp(),
        _settings_fingerprint(config),
        config.max_size,
        config.time_limit,
    ]
    return hashlib.sha256(json.dumps(inputs).encode()).hexdigest()


def _still_settled(config: Config, settled_as: str, listing: str) -> bool:
    """Whether the last run settled this very ``listing``: each document with its entry, or
    rejected in a way the same code says again (then ``settled_as`` also names that code and
    how many it rejected)."""
    if settled_as == listing:
        return True
    parts = settled_as.split(" ")
    return len(parts) == 3 and parts[0] == listing and parts[1] == _rejection_stamp(config)


def _all_remembered(config: Config, state: StateStore, rejected: list[DocumentError]) -> bool:
    """Whether the state remembers each of ``rejected`` as made by this code (no document
    held back until its date, none whose worker died or that could not be read)."""
    if not rejected:
        return True
    remembered = state.rejections(error.source for error in rejected)
    stamp = _rejection_stamp(config)
    return all(
        (said := remembered.get(error.source)) is not None
        and said.stamp == stamp
        and (said.kind, said.reason, said.line) == (type(error).__name__, error.reason, error.line)
        and said.kind in _REMEMBERED
        for error in rejected
    )


def _rejections_again(
    state: StateStore, found: Sequence[tuple[str, str, int, int]]
) -> list[DocumentError]:
    """The remembered rejections of the documents ``found``, in the walk's order: what a
    settled run says again, without reading a file."""
    remembered = state.all_rejections()
    return [
        _REMEMBERED[said.kind](source, said.reason, line=said.line)
        for _, source, _, _ in found
        if (said := remembered.get(source)) is not None and said.kind in _REMEMBERED
    ]


def _parse(config: Config, job: _Job) -> _Outcome:
    """Decode and normalise one document (in this process or a worker), within the size and
    time limits. Whatever goes wrong is this document's error, never the build's."""
    from .limits import TimedOut, time_limit, watchdog_available

    source = job.record.source
    if len(job.data) > config.max_size:
        reason = f"larger than input.max_size ({config.max_size:,} bytes): not read"
        return (DocumentError, source, reason, None, True)
    try:
        if not watchdog_available():
            return _parse_bytes(config, job)  # only a caller's other timer; see _parse_all
        with time_limit(config.time_limit):
            return _parse_bytes(config, job)
    except DocumentError as exc:
        # An exception whose __init__ takes more than its message does not pickle back.
        return (type(exc), exc.source, exc.reason, exc.line, True)
    except TimedOut:
        reason = f"not read within input.time_limit ({config.time_limit:g} s): left out"
        return (DocumentError, source, reason, None, True)
    except Exception as exc:  # a bug: this document's error, not every feed's
        return (DocumentError, source, failure_reason(exc), None, True)


def failure_reason(exc: Exception) -> str:
    """What a document's error says when reading it raised ``exc``, an exception no reader
    meant to raise (a bug in feedpub or a library: the build goes on without it)."""
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    detail = str(exc)
    detail = detail if len(detail) <= 200 else detail[:199] + "…"
    return f"feedpub failed on it ({type(exc).__name__}: {detail}); please report this"


def _parse_bytes(config: Config, job: _Job) -> Entry:
    source = job.record.source
    document = Document(
        source=source,
        text=decode(job.data, source),
        modified=datetime.fromtimestamp(job.mtime_ns / 1e9, UTC),
        path=Path(job.path),
    )
    return _normalise(config, document, job.record.first_seen)


def _parse_batch(batch: list[tuple[Config, _Job]]) -> list[_Outcome]:
    return [_parse(config, job) for config, job in batch]


def _load_parsers() -> None:
    """What every parsing worker needs: the normaliser, its readers and the language model
    (loaded by the first worker, the others forked from it)."""
    from .pattern_cache import kept

    with kept():  # the regular expressions compiled at import: see _normalise
        from .extract.language import load_model
        from .normalise import load_readers

        load_readers()
        load_model()


def _parse_all(
    config: Config, jobs: Iterator[_Job], count: int
) -> Generator[tuple[_Job, _Outcome], None, None]:
    """Parse every job, in worker processes when there are many, results in job order."""
    if not count:
        return  # nothing changed: not even the time limit's module is imported
    from .limits import watchdog_available

    workers = 1
    if count >= _PARALLEL_MIN:  # a run with little to parse does not even import parallel
        from .parallel import available_cpus

        workers = min(available_cpus(), 8)
    if workers < 2 and watchdog_available():
        for job in jobs:
            yield job, _parse(config, job)
        return
    # Many documents, or no time limit possible here (a build on a thread other than the
    # main one, which signals never reach): worker processes, each parsing on its main thread.
    from .parallel import ordered_map

    # The configuration travels with each job; pickled, it is a few hundred bytes.
    results = ordered_map(
        _parse_batch,
        ((config, job) for job in jobs),
        workers=workers,
        batch=_BATCH,
        on_crash=_crashed,
        warm=_load_parsers,
    )
    with closing(results):  # its workers stopped when this is closed, not when collected
        for (_, job), outcome in results:
            yield job, outcome


def _crashed(item: tuple[Config, _Job], error: WorkerError) -> _Outcome:
    """The outcome of a document whose worker process died reading it, twice (a crash in a
    parser's C code, or the kernel's OOM killer): its error, not the build's."""
    reason = f"{error} while reading it, twice; please report this"
    # Not remembered: memory or a signal from outside may have killed it, not the bytes.
    return (DocumentError, item[1].record.source, reason, None, False)


def _update_documents(
    config: Config,
    state: StateStore,
    candidates: list[_Candidate],
    stats: dict[str, tuple[int, int, bool]],
    vanished: dict[str, DocumentRecord],
    fresh: bool,
    now: datetime,
    progress: Progress | None,
    touched: _Touched,
    repeated: set[str],
) -> tuple[int, list[DocumentError]]:
    """Read the candidates; parse the ones whose bytes are new. Returns how many were parsed;
    adds to ``repeated`` the rejected documents an earlier run rejected with the same bytes.
    A document an earlier run rejected, with the same bytes and the same code, is not parsed
    again: its remembered error is said again."""
    errors: list[tuple[int, DocumentError]] = []
    # The state's records (and remembered rejections) of the candidates, read a batch at a
    # time as the work reaches them: a fresh run's hundred thousand records at once were a
    # third of its peak memory. Each is the record as it was before this run: the first one
    # read (another document's copy of the same story may have changed it since: see
    # _collapse, which reads the records it changes into ``first_read`` first).
    first_read: dict[str, DocumentRecord] = {}
    stamps: list[str] = []  # made once, when first needed (it lists feedpub's modules)

    def stamp() -> str:
        if not stamps:
            stamps.append(_rejection_stamp(config))
        return stamps[0]

    # A new path with the bytes of a vanished one is a rename: it keeps key and first_seen.
    renamed_from = {r.sha256: r for r in vanished.values()}
    done = 0

    def jobs() -> Iterator[_Job]:
        for start in range(0, len(candidates), _RECORDS_AHEAD):
            batch = candidates[start : start + _RECORDS_AHEAD]
            # Records only for paths the state knows: a first build asks for none.
            wanted = [c.source for c in batch if c.source in stats and c.source not in first_read]
            for source, record in state.records(wanted).items():
                first_read.setdefault(source, record)
            rejected_before = [
                c.source for c in batch if c.source in stats and not stats[c.source][2]
            ]
            remembered = state.rejections(rejected_before) if rejected_before and not fresh else {}
            yield from batch_jobs(start, batch, remembered)

    def batch_jobs(
        start: int, batch: list[_Candidate], remembered: dict[str, Rejection]
    ) -> Iterator[_Job]:
        nonlocal done
        for index, item in enumerate(batch, start):
            try:
                # What was a file when scanned may be a folder or a named pipe by now.
                with opened_file(item.path, item.source) as (file, _):
                    # One byte more than the limit says it is too large (_parse rejects it).
                    data = file.read(config.max_size + 1)
            except DocumentError as exc:
                first_read.pop(item.source, None)
                errors.append((index, exc))
                done += 1
                continue
            sha256 = hashlib.sha256(data).hexdigest()
            record = first_read.pop(item.source, None)
            if record is not None and record.has_entry and not fresh and record.sha256 == sha256:
                state.touch_document(item.source, item.size, item.mtime_ns)  # not edited
                done += 1
                continue
            said = remembered.get(item.source)
            if (
                record is not None
                and said is not None
                and said.kind in _REMEMBERED
                and record.sha256 == said.sha256 == sha256
                and said.stamp == stamp()
            ):
                # Rejected before, these very bytes, by this very code: the same error again.
                error = _REMEMBERED[said.kind](item.source, said.reason, line=said.line)
                errors.append((index, error))
                repeated.add(item.source)
                state.touch_document(item.source, item.size, item.mtime_ns)
                done += 1
                continue
            prior = record or renamed_from.pop(sha256, None)
            key = prior.key if prior else document_key(item.source)
            first_seen = prior.first_seen if prior else now
            seq = prior.seq if prior else None  # new: numbered once all are parsed
            touched.add(key, seq)
            new = DocumentRecord(
                item.source, item.size, item.mtime_ns, sha256, key, first_seen, True, seq
            )
            yield _Job(index, item.path, item.mtime_ns, data, new, prior)

    parsed = 0
    # Closed on every way out, an exception's too: the worker processes and their pipes are
    # let go before it reaches the caller (whose traceback would keep them open).
    with closing(_parse_all(config, jobs(), len(candidates))) as parsing:
        for job, outcome in parsing:
            parsed += 1
            done += 1
            if job.prior is not None and not job.prior.has_entry:
                state.forget_rejection(job.record.source)  # said again below if it still is
            if isinstance(outcome, Entry) and outcome.published > now:
                # Embargoed: held back (read again by every run) until a run at or after its time.
                errors.append((job.index, embargoed(outcome)))
                state.put_document(replace(job.record, has_entry=False), None)
                if job.prior is None or not job.prior.has_entry:
                    touched.keys.discard(job.record.key)  # nothing published changes
            elif isinstance(outcome, Entry):
                _store_entry(
                    config, state, job, outcome, now, fresh, touched, vanished.keys(), first_read
                )
            else:
                kind, source, reason, line, remember = outcome
                error = kind(source, reason, line=line)
                errors.append((job.index, error))
                prior = job.prior
                if isinstance(error, Retracted) and prior is not None and prior.has_entry:
                    _withdraw(state, prior, None, now, error.comment)
                if prior is not None and not prior.has_entry and prior.sha256 == job.record.sha256:
                    repeated.add(source)
                # Remember key and first_seen, but publish nothing for it until it is fixed.
                state.put_document(replace(job.record, has_entry=False), None)
                if remember and kind.__name__ in _REMEMBERED:
                    said = Rejection(job.record.sha256, stamp(), kind.__name__, reason, line)
                    state.put_rejection(source, said)
            if progress is not None:
                progress(done, len(candidates))
    if progress is not None:
        progress(len(candidates), len(candidates))
    return parsed, [error for _, error in sorted(errors, key=lambda pair: pair[0])]


def _withdraw(
    state: StateStore,
    record: DocumentRecord,
    gone: str | None,
    now: datetime,
    comment: str | None,
) -> None:
    """Keep a tombstone for the published entry of ``record`` (RFC 6721), unless it lives
    on under a path other than ``gone`` (the path of a deleted document: renamed, it is not
    withdrawn)."""
    key = record.key
    from .state import entry_from_json

    entries = [entry_from_json(text) for text in state.entry_texts_with_keys([key])]
    if not entries or (gone is not None and any(entry.source != gone for entry in entries)):
        return
    entry = entries[0]
    when = now.astimezone(UTC).replace(microsecond=0)
    # The feeds it was in, so each names it too (publish: section, author and tag feeds).
    groups = [("section", entry.section)] if entry.section else []
    groups += [("author", name) for name in entry.authors]
    groups += [("tag", tag) for tag in entry.tags]
    state.put_tombstone(
        Tombstone(entry.id, key, entry.source, entry.title, entry.published, when, comment),
        groups,
        record.seq,  # and the archive page it is on, or will be
    )


def embargoed(entry: Entry) -> Embargoed:
    """What a build says of ``entry`` while it is dated in the future (``Report.waiting``)."""
    until = entry.published
    reason = f"waiting until {until.isoformat()}: published by the first build at or after it"
    return Embargoed(entry.source, reason, until=until)


def _store_entry(
    config: Config,
    state: StateStore,
    job: _Job,
    entry: Entry,
    now: datetime,
    fresh: bool,
    touched: _Touched,
    gone: Collection[str],
    first_read: dict[str, DocumentRecord],
) -> None:
    key = job.record.key
    if entry.key != key:
        entry = replace(entry, key=key, id=entry_id(config.id_authority, key))
    if entry.updated > now:  # never an update time in the future: when this run saw it
        entry = replace(entry, updated=max(entry.published, now))
    entry = _stamped(config, state, job, entry, now, fresh)
    own = {job.record.source, job.prior.source if job.prior else ""} | set(gone)
    url = _story(config, state, job.record.source, entry, own)
    others = [] if url is None else [c for c in state.copies(url) if c[0] not in own]
    if url is not None and others:
        _collapse(config, state, url, job, entry, others, touched, first_read)
        return
    state.put_document(job.record, entry)
    state.set_copy(job.record.source, url)
    # Back (restored, no longer retracted): no longer withdrawn, nor on its old archive page.
    touched.add(key, state.remove_tombstone(key))


def _story(
    config: Config, state: StateStore, source: str, entry: Entry, others_not: set[str]
) -> str | None:
    """What names ``entry``'s story among the documents: its canonical URL; with
    ``dedupe.similarity``, the story of a document whose text is at least that alike (not
    one of ``others_not``), else its URL or its own path. None: a story of its own."""
    from .urls import canonical_url

    url = canonical_url(entry.link)
    if not config.similarity:
        return url
    from .similar import keys, similarity, sketch

    signature = sketch(entry.content_html)
    found = keys(signature)
    state.set_sketch(source, signature, found)
    if url is not None and any(s not in others_not for s, _ in state.copies(url)):
        return url  # one URL: one story, however alike the texts
    best, story = 0.0, None
    for other, other_sketch in state.sketches_with(found):
        if other in others_not or other == source:
            continue
        alike = similarity(signature, other_sketch)
        if alike >= config.similarity and alike > best:
            best, story = alike, state.copy_url(other) or _text_story(other)
    return story or url or _text_story(source)


def _text_story(source: str) -> str:
    """The story of a document without a URL, by its path (texts alike join it)."""
    return "text:" + source


def _collapse(
    config: Config,
    state: StateStore,
    url: str,
    job: _Job,
    entry: Entry,
    others: list[tuple[str, Entry | None]],
    touched: _Touched,
    first_read: dict[str, DocumentRecord],
) -> None:
    """Copies of one story (one canonical URL, see ``urls.canonical_url``) are one entry: the
    newest version, under the id the story was published with (else the first copy's); the
    other copies are kept aside, to stand in if the published one goes. The records it
    changes are kept in ``first_read`` as they were (unless read earlier): a copy that is
    among this run's candidates too is decided on with its record from before the run."""
    records = state.records(source for source, _ in others)
    for source, before in records.items():
        first_read.setdefault(source, before)
    members: list[tuple[DocumentRecord, Entry]] = [(job.record, entry)]
    shown_keys = [job.record.key] if job.prior is not None and job.prior.has_entry else []
    for source, hidden in others:
        record = records.get(source)
        copy = hidden if hidden is not None else state.entry_of(source)
        if record is None or copy is None:
            continue
        if hidden is None:
            shown_keys.append(record.key)
        members.append((record, copy))
    first = min(members, key=lambda member: (member[0].first_seen, member[0].source))
    key = shown_keys[0] if shown_keys else first[0].key
    newest = max(
        members,
        key=lambda m: (m[1].updated.timestamp(), m[1].published.timestamp(), m[0].source),
    )
    for record, copy in members:
        if record is newest[0]:
            touched.add(key, _show_copy(config, state, url, record, copy, key))
            touched.add(key, record.seq)
        else:
            if state.entry_of(record.source) is not None:
                touched.add(record.key, record.seq)  # was published: its feeds change
            state.hide_copy(record, copy, url)
            log.info("the same story as %s: %s", newest[0].source, record.source)


def _show_copy(
    config: Config, state: StateStore, url: str, record: DocumentRecord, entry: Entry, key: str
) -> int | None:
    """Publish ``entry``, a copy of a story, under ``key``; the archive position of the
    tombstone it ends, if any."""
    if entry.key != key:
        entry = replace(entry, key=key, id=entry_id(config.id_authority, key))
    state.put_document(replace(record, key=key, has_entry=True), entry)
    state.set_copy(record.source, url)
    return state.remove_tombstone(key)


def _stand_in(
    config: Config, state: StateStore, gone: DocumentRecord, vanished: Collection[str]
) -> bool:
    """When ``gone`` was the published copy of a story, its newest other copy takes its
    place, under its id; whether one did."""
    url = state.copy_url(gone.source)
    if url is None:
        return False
    hidden = [(s, e) for s, e in state.copies(url) if e is not None and s not in vanished]
    if not hidden:
        return False
    source, entry = max(
        hidden, key=lambda c: (c[1].updated.timestamp(), c[1].published.timestamp(), c[0])
    )
    record = state.records([source]).get(source)
    if record is None:
        return False
    _show_copy(config, state, url, record, entry, gone.key)
    return True


# How far a time may be moved on to be told apart from another entry's: a day without a time
# within its first hour, a time to the minute (or a first-seen time) within its minute.
_DAY_SPAN = timedelta(hours=1)
_MINUTE_SPAN = timedelta(minutes=1)


def _stamped(
    config: Config, state: StateStore, job: _Job, entry: Entry, now: datetime, fresh: bool
) -> Entry:
    """``entry`` with the times the state keeps for it: whole seconds, in the configured zone.

    - A time another entry already has (two articles of one day without a time are both
      midnight; several first seen in one run, or dated "2 hours ago" against one
      reference, share a second) is moved on by a second past the last one taken within its
      minute (a date alone: its first hour), in the order feedpub first saw the documents
      (in one run, by path), and keeps that stamp on every later run: feeds stay valid (the
      W3C validator warns of two entries with one ``updated``) and in a stable order.
    - Edited without a stated update time: ``updated`` is when feedpub saw the new text, and
      stays so when the unchanged text is parsed again (a setting changed, an upgrade).
    """
    zone = config.tzinfo
    prior = job.prior
    stored = state.stored_times(prior.source) if prior is not None and prior.has_entry else None
    stated_update = entry.updated != entry.published
    published = entry.published.astimezone(zone).replace(microsecond=0)
    updated = entry.updated.astimezone(zone).replace(microsecond=0)
    day_only = published.time() == time()
    published = _free_stamp(state, job, published, _DAY_SPAN if day_only else _MINUTE_SPAN, stored)
    if stated_update:
        updated = _free_stamp(state, job, max(updated, published), _MINUTE_SPAN, stored, 1)
    else:
        updated = published
    if stored is not None and not stated_update:
        stored_published, stored_updated = stored
        if prior is not None and prior.sha256 == job.record.sha256:
            # The same text parsed again: the update time it was given stands.
            if stored_updated > stored_published and stored_updated > published:
                updated = stored_updated.astimezone(zone)
        else:
            # Edited: updated when feedpub saw the new text.
            updated = max(published, now.astimezone(zone).replace(microsecond=0))
    if (published, updated) == (entry.published, entry.updated):
        return entry
    return replace(entry, published=published, updated=updated)


def _free_stamp(
    state: StateStore,
    job: _Job,
    start: datetime,
    span: timedelta,
    stored: tuple[datetime, datetime] | None,
    which: int = 0,
) -> datetime:
    """``start``, or the second after the last one another entry took in ``[start, start +
    span)``; the document's own stamp from an earlier run (``stored[which]``) when it is in
    there."""
    end = start + span
    if stored is not None and start <= stored[which] < end:
        return stored[which].astimezone(start.tzinfo)
    own = {job.record.source, job.prior.source if job.prior else ""}
    taken = {when for source, when in state.times_between(start, end) if source not in own}
    if not taken:
        return start
    second = timedelta(seconds=1)
    stamp = max(taken).astimezone(start.tzinfo).replace(microsecond=0) + second
    if stamp >= end:  # used up to its end: its first free second
        stamp = start
        while stamp in taken:
            stamp += second
    return stamp


@dataclass
class _Touched:
    """Keys and archive positions of the entries a run added, edited or removed."""

    keys: set[str]
    seqs: set[int]

    def add(self, key: str, seq: int | None) -> None:
        self.keys.add(key)
        if seq is not None:
            self.seqs.add(seq)


def _with_stored_id_authority(config: Config, state: StateStore) -> Config:
    """Entry ids are scoped by the id authority the feed was first built with: when it comes
    from the site URL by default, a later change of site URL must not change every id."""
    authority = config.id_authority
    if config.id_authority_from_site:
        authority = state.setting("id_authority") or authority
    if state.setting("id_authority") != authority:
        state.set_setting("id_authority", authority)
    return config if authority == config.id_authority else replace(config, id_authority=authority)


def _outputs_current(config: Config, state: StateStore, fingerprint: str) -> list[Path] | None:
    """The top-level outputs (subscription feeds, index, OPML), if the last run made them from
    ``fingerprint`` and they still hold the bytes it wrote; else None."""
    from .publish import MARKER
    from .targets import open_target

    if state.setting("rendered") != fingerprint:
        return None  # settings changed
    target = open_target(config, state)
    if target.exists(MARKER):
        return None  # the last run did not finish writing
    top = state.output_hashes_in(target.root)
    if not top or any(not target.holds(path, sha) for path, sha in top.items()):
        return None
    return [Path(path) for path in top]


def _publish(
    config: Config, state: StateStore, touched: _Touched, fresh: bool, now: datetime
) -> Published:
    from .publish import Changes, publish
    from .targets import open_target

    target = open_target(config, state)
    target.prepare()
    changes = Changes(frozenset(touched.keys), frozenset(touched.seqs), fresh)

    def commit(
        changed_feeds: Sequence[str], changed_pages: Sequence[str], changing: Sequence[str]
    ) -> None:
        # The outbox: pings for the feeds about to be replaced and purges of every file
        # changed, committed before any feed is replaced (a run killed from here on leaves
        # them for the next run to send).
        _queue_pings(config, state, changed_feeds, changed_pages)
        _queue_purges(config, state, changing)
        state.commit()

    # A run killed or failed on the way leaves the marker (.feedpub-writing), and the next
    # run repairs what it left (publish's docstring says how).
    published = publish(config, state, feed_meta(config), changes, commit, now=now, target=target)
    state.commit()  # the removals
    return published


def build(
    config: Config,
    *,
    now: datetime | None = None,
    pinger: Pinger | None = None,
    progress: Progress | None = None,
) -> Report:
    """Bring the feeds up to date with the input folder.

    Only documents whose bytes changed since the last run are read and normalised; the rest
    come from the state store. When neither the published entries nor the configuration
    changed and the output files still hold what the last run wrote, nothing is rendered
    and nothing is written. The state is committed only after every output file is in
    place, so a run killed at any point leaves the previous output and a consistent state.
    ``now`` (default: the clock) is when new documents are first seen. ``progress`` is
    told how far the parsing of changed documents got. When feeds changed and hubs or ping
    services are configured, they are notified (with ``pinger``, by default one made from
    the configuration); failed pings are queued and retried on the next run.
    """
    if not config.input_dir.is_dir():
        raise ConfigError(f"input folder {config.input_dir} does not exist", key="input.folder")
    now = now or datetime.now(UTC)
    with open_state(config) as state:
        config = _with_stored_id_authority(config, state)
        fingerprint = _settings_fingerprint(config)
        fresh = state.setting("settings") != fingerprint
        found, errors, listing = _scan(config)
        present = {source for _, source, _, _ in found}
        settled_as = state.setting("settled") or ""
        scan_errors = bool(errors)  # (the rejected documents' are added to them below)
        skipped = not fresh and not scan_errors and _still_settled(config, settled_as, listing)
        said_again: list[DocumentError] = []
        if skipped and settled_as != listing:
            said_again = _rejections_again(state, found)
            if len(said_again) != int(settled_as.rsplit(" ", 1)[1]):
                skipped, said_again = False, []  # not the rejections it settled: read
        if skipped:
            # The files are those the last run left every one with its entry (or a rejection
            # this code would make again): none to read, and the state's hundred thousand
            # sizes and times need not be looked at.
            known: dict[str, tuple[int, int, bool]] = {}
            candidates: list[_Candidate] = []
            vanished: dict[str, DocumentRecord] = {}
        else:
            parts = _listing_parts(found)
            # (Not when the last run settled rejections: those outside the changed parts
            # would go unsaid, or unread by changed code.)
            with_rejections = " " in settled_as
            changed = (
                None
                if fresh or scan_errors or with_rejections
                else _changed_parts(state, found, parts)
            )
            if changed is not None:
                # Only the files of the parts of the listing that changed since the last run
                # settled it, when none of the documents it settled is gone.
                among, known = changed
                vanished = {}
            else:
                among, known = found, state.document_stats()
                vanished = state.records(known.keys() - present)
            candidates = [
                _Candidate(*item)
                for item in among
                # unchanged: not even read
                if fresh or known.get(item[1]) != (item[2], item[3], True)
            ]
            del among
        del found  # a hundred thousand paths: not held while the pages are made
        touched = _Touched(set(), set())
        repeated: set[str] = set()
        parsed, rejected = _update_documents(
            config, state, candidates, known, vanished, fresh, now, progress, touched, repeated
        )
        rejected += said_again
        repeated.update(error.source for error in said_again)
        # A draft is no error: the document asked not to be published (yet).
        drafts = [e for e in rejected if isinstance(e, Draft) and not isinstance(e, Embargoed)]
        waiting = [error for error in rejected if isinstance(error, Embargoed)]
        errors.extend(error for error in rejected if not isinstance(error, Draft))
        if parsed:
            state.assign_seqs()
        stood_in = False
        for source in sorted(vanished):
            if vanished[source].has_entry:
                # Another copy of the story takes its place; else a tombstone says it was
                # deleted (RFC 6721).
                stood_in |= _stand_in(config, state, vanished[source], vanished.keys())
                _withdraw(state, vanished[source], source, now, None)
            state.delete_document(source)  # deleted documents leave the feeds
            touched.add(vanished[source].key, vanished[source].seq)
        if stood_in:
            state.assign_seqs()
        if not skipped:
            # The next run reads no sizes and times if the listing stays this one and every
            # document has its entry or a rejection it would be given again (not so one held
            # back until its date, or one whose worker died: read again).
            settled = (
                not scan_errors
                and _all_remembered(config, state, rejected)
                and state.settled(len(present))
            )
            if settled and rejected:  # by this very code, so many
                listing = f"{listing} {_rejection_stamp(config)} {len(rejected)}"
            state.set_setting("settled", listing if settled else "")
            state.set_setting("settled_parts", json.dumps(parts[1]) if settled else "")
        log.info(
            # A rejected document is parsed again only once its bytes or feedpub's code changed.
            "%d document%s: %d read (new, changed or rejected by other code), %d unchanged,"
            " %d gone from their path",
            len(present),
            "" if len(present) == 1 else "s",
            parsed,
            len(present) - parsed,
            len(vanished),
        )
        del present, known, candidates  # as ``found``: not held while the pages are made
        state.set_setting("settings", fingerprint)
        for draft in drafts:
            log.info("not published: %s", draft, extra={"rejected": draft})
        for held in waiting:
            log.info("not published yet: %s", held, extra={"rejected": held})
        for error in errors:
            # ``rejected`` lets a caller that reports ``Report.errors`` itself (the CLI)
            # leave these out of its log.
            log.warning("skipped %s", error, extra={"rejected": error})
        rendered = _render_fingerprint(
            config, state.entries_digest(config.feed_limit) + _news_window(config, state, now)
        )
        current = None if touched.keys or fresh else _outputs_current(config, state, rendered)
        if current is not None:
            # Nothing changed and the files are as the last run left them: nothing to do.
            from .publish import Published, subscription

            # What was checked is reported: the top-level files (as a run that renders
            # reports only the pages it rendered), not one line per entry page.
            unchanged = tuple(current)
            published = Published(subscription(config, state), (), unchanged, (), ())
            state.commit()
        else:
            state.set_setting("rendered", rendered)
            published = _publish(config, state, touched, fresh, now)
        changed_feeds = list(published.changed_feeds)
        failing_before = frozenset(state.failing_targets())
        pages = list(published.changed_pages)
        pings = _send_pings(config, state, changed_feeds, pinger, pages)
        duplicates = tuple(state.hidden_copies())
    return Report(
        published.entries,
        published.written,
        published.unchanged,
        tuple(errors),
        pings,
        tuple(drafts),
        frozenset(repeated),
        failing_before,
        duplicates=duplicates,
        waiting=tuple(waiting),
    )


def _is_feed(name: str) -> bool:
    from .check import format_of

    return format_of(name) is not None


def make_pinger(config: Config, *, indexnow_key: str | None = None) -> Pinger:
    """A ``Pinger`` with the configuration's timeouts, budget and site name (and the site's
    IndexNow key, whose file is ``<key>.txt`` under ``feed.feed_url``)."""
    from .ping import Pinger, RetryPolicy

    return Pinger(
        policy=RetryPolicy(timeout=config.ping_timeout, budget=config.ping_budget),
        site_name=config.title,
        site_url=config.site_url,
        indexnow_key=indexnow_key,
        indexnow_key_location=_key_location(config, indexnow_key),
    )


def _key_location(config: Config, key: str | None) -> str | None:
    return f"{config.feed_url}{key}.txt" if key else None


def _indexnow(config: Config) -> str | None:
    """The IndexNow endpoint pinged, if any (pages exist only with the site)."""
    return config.indexnow_endpoint if config.indexnow and config.site else None


def planned_pings(
    config: Config, state: StateStore, feed_urls: list[str], pages: Sequence[str] = ()
) -> list[Ping]:
    """The pings for ``feed_urls`` plus every ping still queued from an earlier run to a
    hub or service still configured, for a feed still under ``feed_url``: a hub taken out of
    the configuration (a dead one, say) must not cost every later run its ping budget.
    ``pages`` are the changed pages IndexNow is told of, when it is on."""
    from .ping import Ping, plan_pings
    from .purge import purge_target

    purging = purge_target(config)
    endpoint = _indexnow(config)
    targets = {
        "websub": config.hubs,
        "xmlrpc": config.ping_services,
        "purge": (purging,) if purging else (),
        "indexnow": (endpoint,) if endpoint else (),
    }
    queued = [
        Ping(kind, target, topic)  # type: ignore[arg-type]
        for kind, target, topic in state.queued_pings()
        if target in targets.get(kind, ()) and topic.startswith(config.feed_url)
    ]
    planned = plan_pings(
        feed_urls, config.hubs, config.ping_services, pages=pages, indexnow=endpoint
    )
    return sorted(set(planned) | set(queued))


def _wanted(config: Config, feed_urls: Sequence[str], pages: Sequence[str]) -> bool:
    """Whether there is anyone to tell of these changes."""
    return bool(feed_urls and (config.hubs or config.ping_services)) or bool(
        pages and _indexnow(config)
    )


def _queue_pings(
    config: Config, state: StateStore, feed_urls: Sequence[str], pages: Sequence[str] = ()
) -> None:
    """Add the pings for ``feed_urls`` and ``pages`` to the queue (sent, and taken off,
    after the run)."""
    if not _wanted(config, feed_urls, pages):
        return
    from .ping import plan_pings

    pings = plan_pings(
        feed_urls, config.hubs, config.ping_services, pages=pages, indexnow=_indexnow(config)
    )
    state.queue_pings((ping.kind, ping.target, ping.topic) for ping in pings)


def _queue_purges(config: Config, state: StateStore, changed: Sequence[str]) -> None:
    """Queue a purge of every changed file's URL (sent with the pings once the files are
    in place; the caller commits them with the state)."""
    if not changed or not (config.purge_url or config.purge_command):
        return
    from .purge import purge_target, purge_urls

    target = purge_target(config)
    assert target is not None
    state.queue_pings(("purge", target, url) for url in purge_urls(config, changed))


def _send_pings(
    config: Config,
    state: StateStore,
    feed_urls: list[str],
    pinger: Pinger | None,
    pages: Sequence[str] = (),
) -> tuple[PingResult, ...]:
    if not state.queued_pings() and not _wanted(config, feed_urls, pages):
        return ()  # nothing to send: the pinger (and requests) is not even imported
    pings = planned_pings(config, state, feed_urls, pages)
    if not pings:
        if state.queued_pings():  # all of them for hubs, services or URLs no longer configured
            state.set_queued_pings([])
            state.commit()
        return ()
    key = None
    if any(ping.kind == "indexnow" for ping in pings):
        from .publish import indexnow_key

        key = indexnow_key(config, state)
    if pinger is None:
        pinger = make_pinger(config, indexnow_key=key)
    elif key is not None and pinger.indexnow_key is None:  # a caller's pinger, this site
        pinger.indexnow_key, pinger.indexnow_key_location = key, _key_location(config, key)
    results = pinger.send_all(pings)
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
    """Ping for every subscription feed of ``config`` now (``feedpub ping``): the main feeds
    and the section and author feeds the last build wrote (not the archive pages, which
    nobody subscribes to); with ``dry_run``, only say which pings would be sent."""
    from .publish import GROUP_FOLDERS
    from .targets import open_target

    feed_urls = [config.feed_url + FILE_NAMES[fmt] for fmt in config.formats]
    with open_state(config) as state:
        target = open_target(config)
        for written in sorted(state.output_hashes()):
            relative = target.relative(written)
            if relative is None:
                continue  # written to another target (the folder before the bucket, say)
            in_group = relative.split("/")[0] in GROUP_FOLDERS.values()
            if in_group and _is_feed(relative.rsplit("/", 1)[-1]):
                feed_urls.append(config.feed_url + relative)
        if dry_run:
            return planned_pings(config, state, feed_urls)
        return list(_send_pings(config, state, feed_urls, pinger))
