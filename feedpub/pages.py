"""Rendering a build's pages (entry pages, RFC 5005 archive pages) from stored entries.

A first build, or one after a settings change, renders a page per entry and two feeds per
archive page: most of its output stage. Rendering is pure CPU work, so when there are many
pages it runs in worker processes (``parallel.ordered_map``) while this process writes what
they send back; with few pages it runs here. Either way the same function makes the bytes.

Jobs carry entries as the state stores them (JSON text), so decoding them is worker work
too. A page that cannot be rendered (a ``BuildError``, a feed that fails its check) comes
back as the reason, and the caller refuses to go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from .config import FILE_NAMES
from .errors import BuildError
from .model import Entry, FeedMeta, Tombstone, entry_page_path, linked
from .site import FeedLink
from .state import entry_from_json

__all__ = [
    "ArchivePageJob",
    "EntryPageJob",
    "PageJob",
    "Rendered",
    "archive_weight",
    "checked_feed",
    "feed_files",
    "interleaved",
    "linked",
    "rendered_pages",
    "weight",
]

T = TypeVar("T")

# Work is counted in entry pages: an entry in an archive feed (rendered by feedgen, then
# checked) costs about two, measured on the benchmark corpus.
ARCHIVE_ENTRY_WEIGHT = 2
PARALLEL_MIN = 5000
"""Work (about a third of a second of it) before worker processes are worth their start."""
CHUNK_WEIGHT = 100
"""Work per round trip to a worker: a hundred entry pages, or one archive page. Few chunks
are in flight at a time, which keeps memory bounded."""


@dataclass(frozen=True)
class EntryPageJob:
    """One entry's page on the site."""

    entry: str
    """The entry as stored (JSON)."""
    meta: FeedMeta
    feeds: tuple[FeedLink, ...]
    """The feeds every page announces."""
    topics: tuple[tuple[str, str], ...] = ()
    """(kind, folder) of the feeds its section and tags link to (``section``, ``sections``)."""


@dataclass(frozen=True)
class ArchivePageJob:
    """One RFC 5005 archive page, in each of its formats."""

    prefix: str
    """Its folder, relative to the output folder (``archive/<n>/``)."""
    entries: tuple[str, ...]
    """Its entries as stored (JSON)."""
    metas: tuple[tuple[str, FeedMeta], ...]
    """(format, feed metadata) for each format written."""
    link_base: str | None
    deleted: tuple[Tombstone, ...] = ()
    """The withdrawn entries that were on it: its Atom feed names each (RFC 6721)."""


PageJob = EntryPageJob | ArchivePageJob
Rendered = tuple[tuple[str, bytes], ...] | str
"""The files of one job as (path relative to the output folder, bytes), or why there are
none: a string, the message of the ``BuildError`` that stopped it."""


def archive_weight(entries: int, formats: int) -> int:
    """What rendering an archive page of ``entries`` entries in ``formats`` formats costs,
    in entry pages."""
    return entries * formats * ARCHIVE_ENTRY_WEIGHT


def weight(job: PageJob) -> int:
    """What rendering ``job`` costs, in entry pages."""
    if isinstance(job, EntryPageJob):
        return 1
    return archive_weight(len(job.entries), len(job.metas))


def _refuse_if(relative: str, problems: Sequence[str]) -> None:
    if problems:
        raise BuildError(
            f"refusing to publish invalid feed {relative}: " + "; ".join(problems[:10])
        )


def checked_feed(
    relative: str,
    entries: Sequence[Entry],
    meta: FeedMeta,
    fmt: str,
    *,
    deleted: Sequence[Tombstone] = (),
) -> bytes:
    """The feed of ``entries`` in ``fmt`` (with the tombstones of ``deleted``), checked as
    ``check.check_feed`` checks its bytes, but on the tree or JSON object it was serialised
    from (parsing the bytes again was a third of an archive page's cost); a BuildError
    naming ``relative`` if it fails."""
    from .check import check_feed, check_tree
    from .render import render_document

    data, root = render_document(entries, meta, fmt, deleted=deleted)
    problems = check_tree(root, fmt)
    # A problem is told as the bytes show it (with its line), which only a bad feed costs.
    _refuse_if(relative, problems and (check_feed(data, fmt) or problems))
    return data


def feed_files(
    prefix: str,
    entries: Sequence[Entry],
    meta: FeedMeta,
    formats: Sequence[str],
    *,
    deleted: Sequence[Tombstone] = (),
) -> Iterator[tuple[str, bytes]]:
    """One checked feed of ``entries`` per format, named ``prefix`` + its file name (the
    Atom one with a tombstone per entry of ``deleted``)."""
    for fmt in formats:
        relative = prefix + FILE_NAMES[fmt]
        yield relative, checked_feed(relative, entries, meta, fmt, deleted=deleted)


def _render(job: PageJob) -> Rendered:
    try:
        if isinstance(job, EntryPageJob):
            from .site import entry_page

            entry = entry_from_json(job.entry)
            page = entry_page(entry, job.meta, job.feeds, dict(job.topics))
            return ((entry_page_path(entry), page),)
        entries = [linked(entry_from_json(text), job.link_base) for text in job.entries]
        return tuple(
            file
            for fmt, meta in job.metas
            for file in feed_files(job.prefix, entries, meta, [fmt], deleted=job.deleted)
        )
    except BuildError as exc:
        return str(exc)  # a BuildError does not pickle back from a worker as itself


def _load() -> None:
    """What every rendering worker needs (loaded by the first worker, the others forked
    from it): feedgen, the checks' schemas, lxml's sanitiser, Babel's dates."""
    from .check import _atom_schema
    from .render import render_document  # noqa: F401 - the import is the point
    from .sanitise import safe_html  # noqa: F401
    from .site import human_time

    _atom_schema()
    human_time(datetime(2000, 1, 1, 12, tzinfo=UTC), "en")


def render_chunks(chunks: list[list[PageJob]]) -> list[list[Rendered]]:
    """What a worker runs: every job of every chunk rendered."""
    return [[_render(job) for job in chunk] for chunk in chunks]


def _chunks(jobs: Iterable[PageJob]) -> Iterator[list[PageJob]]:
    chunk: list[PageJob] = []
    total = 0
    for job in jobs:
        chunk.append(job)
        total += weight(job)
        if total >= CHUNK_WEIGHT:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def interleaved(
    first: Iterable[T], first_count: int, second: Iterable[T], second_count: int
) -> Iterator[T]:
    """The jobs of both, each in its own order, spread evenly through each other (by their
    expected counts): entry pages are cheap to render and costly to write (a file each),
    archive pages the other way round, so workers and writer are both kept busy only when
    the two kinds come mixed, not one after the other."""
    # (Jobs are never None: None marks the end of a stream here.)
    firsts, seconds = iter(first), iter(second)
    done_first = done_second = 0
    while True:
        # The one further behind its share goes next.
        if done_second * first_count <= done_first * second_count:
            job = next(seconds, None)
            done_second += 1
            if job is None:
                yield from firsts
                return
        else:
            job = next(firsts, None)
            done_first += 1
            if job is None:
                yield from seconds
                return
        yield job


def rendered_pages(jobs: Iterable[PageJob], work: int) -> Iterator[Rendered]:
    """The files of each of ``jobs`` (whose ``weight`` adds up to about ``work``), in their
    order: rendered in worker processes when there is much work and more than one CPU,
    here otherwise."""
    workers = 1
    if work >= PARALLEL_MIN:  # a run with few pages does not even import parallel
        from .parallel import available_cpus

        workers = min(available_cpus(), 8)
    if workers < 2:
        yield from (_render(job) for job in jobs)
        return
    from .parallel import ordered_map

    chunks = _chunks(jobs)
    for _, results in ordered_map(render_chunks, chunks, workers=workers, batch=1, warm=_load):
        yield from results
