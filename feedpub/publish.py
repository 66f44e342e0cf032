"""The output stage of a build: every file feedpub publishes, from the entries in the state.

The output folder holds:

- the subscription feeds (``atom.xml``, ``rss.xml``, ``feed.json``): the newest entries;
- RFC 5005 archives (``archive/<n>/atom.xml``, ``rss.xml``): entries in the order feedpub
  first saw them, ``archive_size`` per page. A page is published once it is full and then
  changes only when one of its own documents is edited or deleted, so a reader walking
  ``prev-archive`` links from the subscription feed sees every entry ever published;
- a feed per section and per author (``sections/<slug>/``, ``authors/<slug>/``);
- ``feeds.opml`` listing every feed, ``index.html`` and ``entries/<key>.html``.

Feeds are checked before any is written (``check.check_feed``). Archive and entry pages are
only rendered when they changed, so a build's cost follows what changed, not the history.
Files from earlier builds that no longer belong (a deleted document's page, an emptied
section) are removed.

The order of the writing, so that a run killed (or failing) at any moment loses nothing and
a reader following links from the published feeds never meets a missing file:

1. the marker ``.feedpub-writing`` is written, naming every page this run is about to write;
2. entry pages, then archive pages oldest first; the one published archive page that gains
   a ``next-archive`` link comes after all the pages it leads to;
3. the state is committed, with the pings for every subscription feed about to change and
   the purges of every file written or about to change in its queue (an outbox), and the
   hashes of the feeds about to be written;
4. the subscription feeds (main, section, author), then ``feeds.opml`` and ``index.html``;
5. the removals, then the marker goes, then the removals are committed.

The files go to a ``targets.Target``: the output folder, or a bucket of an object store
(``output.target``), where the marker is an object and every write is conditional.

A run that finds the marker knows the last one did not finish: it sweeps its temporary
files, renders again every page the marker names (a page the state does not know is removed
unless it is still wanted), and writes every feed, so it leaves what an unbroken run would.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .config import FILE_NAMES, Config
from .errors import BuildError
from .model import Entry, FeedMeta, Tombstone, entry_id, linked, sort_entries
from .output import Paths, code_stamp
from .state import StateStore, entry_from_json
from .targets import Target, open_target

# The pages, the site, the renderers and checkers (feedgen, lxml) are imported by the runs
# that render: a run with nothing to do needs only the subscription's entries.
if TYPE_CHECKING:
    from .pages import PageJob

__all__ = [
    "ARCHIVE_FOLDER",
    "ARCHIVE_FORMATS",
    "GROUP_FOLDERS",
    "Changes",
    "Published",
    "indexnow_key",
    "publish",
    "subscription",
]

ARCHIVE_FORMATS = ("atom", "rss", "json")
"""Atom and RSS archive pages are linked by RFC 5005 ``prev-archive``/``next-archive``,
JSON Feed's by ``next_url`` (each page's to the one before it)."""
OPML_NAME = "feeds.opml"
MARKER = ".feedpub-writing"
"""Present while a run writes the output folder: what a run killed or failed left to repair."""
ENTRY_FOLDER = "entries"
ARCHIVE_FOLDER = "archive"
GROUP_FOLDERS = {"section": "sections", "author": "authors", "tag": "tags"}
"""Where the feeds of one section, author or tag go: ``<folder>/<slug>/``."""


@dataclass(frozen=True)
class Changes:
    """What a build changed in the state, so only the affected pages are rendered again."""

    keys: frozenset[str] = frozenset()
    """Keys of entries added, edited or removed."""
    seqs: frozenset[int] = frozenset()
    """Their archive positions."""
    everything: bool = False
    """Settings changed: every file is rendered again."""


@dataclass(frozen=True)
class Published:
    entries: tuple[Entry, ...]
    """The subscription feed's entries, newest first."""
    written: Sequence[Path]
    unchanged: Sequence[Path]
    removed: tuple[Path, ...]
    changed_feeds: tuple[str, ...]
    """URLs of subscription feeds (main, section, author) whose bytes changed: what to ping."""
    changed_paths: tuple[str, ...] = ()
    """Every file written or removed, relative to the output: what to purge from a cache."""
    changed_pages: tuple[str, ...] = ()
    """URLs of the site's pages written or removed (entry pages, the index): for IndexNow."""


def _slugs(names: Sequence[str]) -> dict[str, str]:
    from .site import slug

    taken: set[str] = set()
    out: dict[str, str] = {}
    for name in sorted(names):
        candidate = slug(name)
        if candidate in taken:
            candidate += "-" + hashlib.sha256(name.encode()).hexdigest()[:6]
        taken.add(candidate)
        out[name] = candidate
    return out


# The modules that turn entries into page bytes: when one of them changes, every page is
# rendered again (a change anywhere else, the pinger say, leaves the pages alone).
_RENDERING_MODULES = frozenset(
    {
        "publish.py",
        "pages.py",
        "render.py",
        "site.py",
        "sanitise.py",
        "xmltext.py",
        "model.py",
        "config.py",
    }
)


def _outputs_fingerprint(config: Config, meta: FeedMeta) -> str:
    """What every page depends on beyond its entries."""
    settings = [
        __version__,
        code_stamp(_RENDERING_MODULES),
        repr(meta),
        config.feed_url,
        config.formats,
        config.max_entries,
        config.archive_size,
        config.summary_only,
        config.section_feeds,
        config.author_feeds,
        config.tag_feeds,
        config.site,
    ]
    return hashlib.sha256(json.dumps(settings, default=str).encode()).hexdigest()


def _link_base(config: Config) -> str | None:
    """Where entries without a URL of their own link to: their page on the site, if any."""
    return config.feed_url if config.site else None


def _linked(config: Config, entry: Entry) -> Entry:
    return linked(entry, _link_base(config))


class _Publisher:
    def __init__(self, config: Config, state: StateStore, target: Target) -> None:
        self.config = config
        self.state = state
        self.target = target
        self.root = target.root
        self.recorded: dict[str, str] = {}
        """The outputs of the last build that this one may leave out (see ``recall``)."""
        self.expected: set[str] = set()
        self.written: list[str] = []  # paths as text (see output.Paths)
        self.unchanged: list[str] = []
        self.changed_feeds: list[str] = []
        self.changed_paths: list[str] = []
        self.changed_pages: list[str] = []
        self.unsynced = False

    def recall(self, everything: bool, keys: Iterable[str], leftover: Iterable[str]) -> None:
        """Read what the last build wrote, of the files this one may no longer write (what
        is left of them, ``remove_stale`` removes): with ``everything``, every file; else
        every file but the entry and archive pages, the pages of the entries of ``keys``
        and the ``leftover`` files of a run that did not finish (a build that changed a few
        entries leaves the others' pages as they are, and the archive only grows: the
        hashes of a hundred thousand pages stay unread)."""
        if everything:
            self.recorded = self.state.output_hashes()
            return
        folders = [self.target.path(ENTRY_FOLDER) + "/", self.target.path(ARCHIVE_FOLDER) + "/"]
        self.recorded = self.state.output_hashes_outside(folders)
        pages = [self.target.path(f"{ENTRY_FOLDER}/{key}.html") for key in keys]
        pages += [self.target.path(relative) for relative in leftover]
        self.recorded.update(self.state.output_hashes_of(pages))

    def sync(self) -> None:
        """Make the batch written so far durable, together."""
        if self.unsynced:
            self.target.sync()
            self.unsynced = False

    def url(self, relative: str) -> str:
        return self.config.feed_url + relative

    def linked(self, entry: Entry) -> Entry:
        return _linked(self.config, entry)

    def expect(self, relative: str) -> str:
        path = self.target.path(relative)
        if path in self.recorded:  # only those can be stale (a first build: none)
            self.expected.add(path)
        return path

    def write(self, relative: str, data: bytes, *, ping: bool = False, batch: bool = False) -> None:
        """Write one output file; ``batch`` files are made durable together by ``sync``."""
        path = self.expect(relative)
        was_written = self.target.write(path, data, batch=batch)
        (self.written if was_written else self.unchanged).append(path)
        if was_written:
            self.changed_paths.append(relative)
        self.unsynced |= was_written and batch
        if was_written and ping:
            self.changed_feeds.append(self.url(relative))
        if was_written and relative.startswith(ENTRY_FOLDER + "/"):
            self.changed_pages.append(self.url(relative))
        self.state.set_output_hash(path, hashlib.sha256(data).hexdigest())

    def write_feed(self, relative: str, data: bytes, *, changed: bool) -> None:
        """Write one file of step 4, whose hash the state already holds: ``changed`` says
        whether its bytes differ from the file's (compared before the commit)."""
        path = self.target.path(relative)
        if changed:
            self.target.write(path, data)
            self.written.append(path)
            self.changed_paths.append(relative)
        else:
            self.unchanged.append(path)

    def stale_pages(self) -> list[str]:
        """URLs of the entry pages ``remove_stale`` will remove."""
        return [
            self.url(relative)
            for relative in self.stale_paths()
            if relative.startswith(ENTRY_FOLDER + "/")
        ]

    def stale_paths(self) -> list[str]:
        """The paths, relative to the output, of the files ``remove_stale`` will remove."""
        gone = sorted(self.recorded.keys() - self.expected)
        stale = (self.target.relative(name) for name in gone)
        return [relative for relative in stale if relative is not None]

    def remove_stale(self) -> list[Path]:
        removed = []
        for name in sorted(self.recorded.keys() - self.expected):
            if self.target.remove(name):
                removed.append(Path(name))
                relative = self.target.relative(name)
                if relative is not None:
                    self.changed_paths.append(relative)
            self.state.delete_output_hash(name)
        return removed


def _archive_formats(config: Config) -> list[str]:
    """The formats archived; none when archives are off (``archive_size = 0``) or every feed
    holds every entry (``max_entries = 0``: complete feeds, which have no archive)."""
    if not config.archive_size or not config.max_entries:
        return []
    return [f for f in config.formats if f in ARCHIVE_FORMATS]


def _archived_pages(config: Config, state: StateStore) -> int:
    if not _archive_formats(config):
        return 0
    return int(state.setting("next_seq") or 0) // config.archive_size


def _subscription_texts(
    config: Config, state: StateStore, archived: int
) -> tuple[list[str], list[str]]:
    """The stored entries the subscription feeds are made from: the newest (with a margin)
    and those not yet on a full archive page."""
    newest = state.newest_entry_texts(config.feed_limit)
    if not _archive_formats(config):
        return newest, []
    return newest, state.entry_texts_between(archived * config.archive_size, 1 << 62)


def _subscription_entries(
    config: Config,
    state: StateStore,
    archived: int,
    texts: tuple[list[str], list[str]] | None = None,
) -> list[Entry]:
    newest, pending = texts or _subscription_texts(config, state, archived)
    entries = sort_entries([entry_from_json(text) for text in newest])[: config.feed_limit]
    if pending:
        # Entries not yet on a full archive page stay in the subscription feed, or a reader
        # walking the archive would never see an old-dated document that arrived lately.
        ids = {e.id for e in entries}
        entries += [e for e in map(entry_from_json, pending) if e.id not in ids]
    return sort_entries(entries)


def _tombstones_shown(
    config: Config,
    state: StateStore,
    raw: Sequence[Entry],
    group: tuple[str, str] | None = None,
    archived: int = 0,
) -> list[Tombstone]:
    """The withdrawn entries a feed still names (RFC 6721): those it would still hold,
    published no earlier than its ``max_entries``-th newest entry (a complete feed,
    ``max_entries = 0``, holds every entry, so it names every withdrawn one). ``raw``: its
    entries, newest first; ``group``: a section, author or tag feed's ``(column, name)``
    (those that were in it), else the subscription feed's (all of them).

    The subscription feed also names the entries withdrawn from its ``archived`` full
    archive pages, for as long as an entry published at the withdrawal would stay in it:
    a reader that fetched such a page before does not fetch it again (RFC 5005 archive
    pages do not change), so the subscription feed is where it learns of the withdrawal."""
    full = 0 < config.max_entries <= len(raw)
    since = raw[config.max_entries - 1].published if full else None
    shown = state.tombstones(since, group=group)
    if group is None and archived:
        named = {tombstone.key for tombstone in shown}
        shown += [
            tombstone
            for tombstone in state.archived_tombstones(0, archived * config.archive_size)
            if tombstone.key not in named and (since is None or tombstone.deleted >= since)
        ]
        shown.sort(key=lambda tombstone: (-tombstone.published.timestamp(), tombstone.key))
    return shown


def _group_key(column: str, name: str) -> str:
    """What tells feeds of ``column`` apart: a tag whatever its case, a section's or an
    author's name as it is."""
    return name.casefold() if column == "tag" else name


def _feed_inputs(state: StateStore) -> dict[str, str]:
    """What the last run rendered each feed (and the index) from: ``_inputs_digest`` by the
    feed's folder (``""`` for the subscription feeds, ``sections/<slug>/`` for a section's)."""
    recorded = json.loads(state.setting("feed_inputs") or "{}")
    return recorded if isinstance(recorded, dict) else {}


def _inputs_digest(*inputs: str | Sequence[str]) -> str:
    """A SHA-256 of ``inputs``, texts or sequences of texts, each part told apart."""
    digest = hashlib.sha256()
    for part in inputs:
        for text in (part,) if isinstance(part, str) else part:
            digest.update(text.encode())
            digest.update(b"\0")
        digest.update(b"\1")
    return digest.hexdigest()


def subscription(config: Config, state: StateStore) -> tuple[Entry, ...]:
    """The entries of the subscription feeds, newest first, as published (with links)."""
    raw = _subscription_entries(config, state, _archived_pages(config, state))
    return tuple(_linked(config, e) for e in raw)


@dataclass(frozen=True)
class _Unfinished:
    """What the marker of a run that did not finish says."""

    token: str
    """The run's token: in the state's ``writing`` setting once it committed its pages."""
    paths: tuple[str, ...]
    """The pages it was about to write, relative to the output folder."""


_MARKER_HEAD = "feedpub-writing "


def _read_marker(target: Target) -> _Unfinished | None:
    path = target.path(MARKER)
    try:
        data = target.read(MARKER)
        if data is None:
            return None
        text = data.decode("utf-8")
    except (BuildError, UnicodeDecodeError) as exc:
        raise BuildError(f"cannot read {path} (left by a run that did not finish): {exc}") from exc
    head, _, rest = text.partition("\n")
    # An empty marker is an older feedpub's, from before it named the pages.
    token = head.removeprefix(_MARKER_HEAD) if head.startswith(_MARKER_HEAD) else ""
    return _Unfinished(token, tuple(filter(None, rest.split("\n"))))


def _write_marker(target: Target, token: str, paths: Sequence[str]) -> None:
    """The marker, whole and stored before any page it names is (it is one atomic file)."""
    text = _MARKER_HEAD + token + "\n" + "".join(relative + "\n" for relative in paths)
    target.write(target.path(MARKER), text.encode("utf-8"))


def _pages_named(paths: Sequence[str]) -> tuple[set[str], set[int]]:
    """The entry keys and archive page numbers of ``paths`` (other files are ignored)."""
    keys: set[str] = set()
    pages: set[int] = set()
    for relative in paths:
        parts = relative.split("/")
        if len(parts) == 2 and parts[0] == ENTRY_FOLDER and parts[1].endswith(".html"):
            keys.add(parts[1].removesuffix(".html"))
        elif len(parts) == 3 and parts[0] == ARCHIVE_FOLDER and parts[1].isdigit():
            pages.add(int(parts[1]))
    return keys, pages


def indexnow_key(config: Config, state: StateStore) -> str:
    """The site's IndexNow key: ``ping.indexnow_key``, else one made once and kept in the
    state (its file, ``<key>.txt``, is in the output folder)."""
    if config.indexnow_key:
        return config.indexnow_key
    key = state.setting("indexnow_key")
    if key is None:
        import secrets

        key = secrets.token_hex(16)
        state.set_setting("indexnow_key", key)
    return key


def _sitemaps(
    config: Config,
    state: StateStore,
    pub: _Publisher,
    changes: Changes | None,
    now: datetime,
) -> list[tuple[str, bytes]]:
    """``sitemap.xml`` of the index and every entry page, ``news-sitemap.xml`` of those
    published in the last two days (none when there is no such page).

    Past one part (``sitemap.PART_URLS`` archive positions), ``sitemap.xml`` is an index of
    parts, and only the parts a change reached are made again (unless ``changes`` says
    everything changed): those of the entries changed, added or removed, the first part
    (which lists the index, whose time is the newest entry's), and any whose file no longer
    holds what the state says it wrote (``changes`` None: every part). The others are left
    as they are."""
    from .site import entry_page_path
    from .sitemap import (
        NEWS_WINDOW,
        PART_URLS,
        SITEMAP,
        NewsItem,
        news_language,
        news_sitemap_files,
        part_name,
        sitemap_index,
        sitemap_urlset,
    )

    # The parts of the entries changed, added or removed (None: every part).
    reached = (
        None
        if changes is None
        else {seq // PART_URLS for seq in changes.seqs | state.seqs_of(changes.keys)}
    )
    parts = state.sitemap_parts(PART_URLS, reached)
    newest = max((stamp for _, stamp in parts), default=None)
    home: list[tuple[str, str | None]] = [(config.feed_url, newest)]

    def pages(part: int) -> list[tuple[str, str | None]]:
        stamps = state.page_stamps(part * PART_URLS, (part + 1) * PART_URLS)
        return [(f"{config.feed_url}{ENTRY_FOLDER}/{key}.html", when) for key, when in stamps]

    files: list[tuple[str, bytes]] = []
    if len(parts) <= 1:
        files.append((SITEMAP, sitemap_urlset(home + (pages(parts[0][0]) if parts else []))))
    else:
        dirty = {part for part, _ in parts}
        if reached is not None:
            dirty = {parts[0][0]} | reached
            for part, _ in parts:
                path = pub.target.path(part_name(part + 1))
                recorded = pub.recorded.get(path)
                if not recorded or not pub.target.holds(path, recorded):
                    dirty.add(part)
        for part, _ in parts:
            name = part_name(part + 1)
            if part in dirty:
                files.append(
                    (name, sitemap_urlset((home if part == parts[0][0] else []) + pages(part)))
                )
            else:
                pub.expect(name)  # as the last run wrote it
        # The first part's newest page is the index, as new as the newest entry.
        index = [(pub.url(part_name(parts[0][0] + 1)), newest)]
        index += [(pub.url(part_name(part + 1)), stamp) for part, stamp in parts[1:]]
        files.append((SITEMAP, sitemap_index(index)))
    news = []
    for entry in state.entries_published_between(now - NEWS_WINDOW, now):
        language = news_language(entry.language or config.language)
        if language is not None:  # Google News requires one
            loc = config.feed_url + entry_page_path(entry)
            news.append(NewsItem(loc, entry.published, entry.title, language))
    return files + news_sitemap_files(news, config.title, config.feed_url)


def publish(
    config: Config,
    state: StateStore,
    meta: FeedMeta,
    changes: Changes,
    commit: Callable[[Sequence[str], Sequence[str], Sequence[str]], None] | None = None,
    *,
    now: datetime | None = None,
    target: Target | None = None,
) -> Published:
    """Bring every output file up to date with the entries in ``state``.

    ``commit`` is called once the pages are in place and before any subscription feed is
    replaced, with the URLs of the feeds about to change, of the pages changed (entry
    pages written or about to be removed, the index about to change), and the paths of every
    file written or about to be written or removed (relative to the output: what to purge
    from a cache); it must commit the state (with the pings and purges for them queued). The
    removals after it are left for the caller to commit.
    ``now`` (default: the clock) ends the News sitemap's two days.
    ``target``: where the files go (by default the configuration's, ``targets.open_target``).
    """
    import secrets

    from .pages import (
        ArchivePageJob,
        EntryPageJob,
        archive_weight,
        checked_feed,
        feed_files,
        interleaved,
        rendered_pages,
    )
    from .site import (
        FEED_CSS,
        FEED_STYLE,
        FEEDS_PAGE,
        FeedLink,
        feeds_page,
        index_page,
        opml,
        withdrawn_page,
    )

    target = target or open_target(config, state)
    pub = _Publisher(config, state, target)
    unfinished = _read_marker(target)
    target.sweep(unfinished is not None)
    if unfinished is not None:
        target.forgive([target.path(MARKER)])  # the marker found: written by that run
    # The pages of a run that did not commit them: rendered again (they may hold what the
    # state never took in), or removed if no longer wanted (a deleted document's page).
    leftover: list[str] = []
    if unfinished is not None and unfinished.token != state.setting("writing"):
        leftover = list(unfinished.paths)
        paths = [target.path(relative) for relative in leftover]
        for path in sorted(set(paths) - state.output_hashes_of(paths).keys()):
            state.set_output_hash(path, "")  # known from now on, with bytes nobody knows
        target.forgive(paths)
    leftover_keys, leftover_pages = _pages_named(leftover)
    if config.site and meta.stylesheet is None:
        # A person who opens a feed in a browser sees it styled as a page (site's feed.css).
        meta = replace(meta, stylesheet=pub.url(FEED_STYLE))
    fingerprint = _outputs_fingerprint(config, meta)
    main_missing = any(not target.exists(FILE_NAMES[fmt]) for fmt in config.formats)
    everything = changes.everything or main_missing or state.setting("outputs") != fingerprint
    pub.recall(everything, changes.keys | leftover_keys, leftover)
    main_formats = list(config.formats)
    archive_formats = _archive_formats(config)
    size = config.archive_size
    archived = _archived_pages(config, state)
    before = int(state.setting("archived_pages") or 0)

    def meta_for(prefix: str, formats: Sequence[str], **changes_: object) -> FeedMeta:
        urls = {fmt: pub.url(prefix + FILE_NAMES[fmt]) for fmt in formats}
        return replace(meta, feed_urls=urls, **changes_)  # type: ignore[arg-type]

    main_links = [FeedLink(meta.title, fmt, FILE_NAMES[fmt]) for fmt in main_formats]

    def archive_prefix(page: int) -> str:
        return f"{ARCHIVE_FOLDER}/{page}/"

    # The subscription feeds, rendered and checked before anything is written. With every
    # entry in them they are RFC 5005 complete feeds (fh:complete), and have no archive.
    # A feed whose inputs (its stored entries, the tombstones it may name, its metadata)
    # are those the last run rendered it from, and whose files still hold the bytes that
    # run wrote, is left as it is: a run that changed one old document renders none of the
    # section and author feeds it is not in. Everything is rendered when the settings or
    # the code changed, or the last run did not finish.
    rendered_from = {} if everything or unfinished is not None else _feed_inputs(state)
    rendering: dict[str, str] = {}

    def leave(name: str, relatives: Sequence[str], *inputs: str | Sequence[str]) -> bool:
        digest = _inputs_digest(fingerprint, *inputs)
        rendering[name] = digest
        if rendered_from.get(name) != digest:
            return False
        paths = [pub.expect(relative) for relative in relatives]
        if not all(
            path in pub.recorded and target.holds(path, pub.recorded[path]) for path in paths
        ):
            return False
        pub.unchanged.extend(paths)
        return True

    complete = config.max_entries == 0
    main_texts = _subscription_texts(config, state, archived)
    raw = _subscription_entries(config, state, archived, main_texts)
    published = tuple(pub.linked(e) for e in raw)
    deleted = _tombstones_shown(config, state, raw, archived=archived)
    files: list[tuple[str, bytes, bool]] = []
    main_files = [FILE_NAMES[fmt] for fmt in main_formats]
    main_inputs = (*main_texts, repr(deleted), str(archived), str(complete))
    if not leave("", main_files, *main_inputs):
        for fmt in main_formats:
            relative = FILE_NAMES[fmt]
            newest_archive: tuple[tuple[str, str], ...] = ()
            if archived and fmt in archive_formats:
                newest_archive = (("prev-archive", pub.url(archive_prefix(archived) + relative)),)
            page_meta = replace(meta, links=newest_archive, complete=complete)
            data = checked_feed(relative, published, page_meta, fmt, deleted=deleted)
            files.append((relative, data, True))
    listed: dict[str, list[tuple[str, Sequence[FeedLink]]]] = {}
    opml_feeds: list[tuple[str, str, str]] = [
        (meta.title, main_formats[0], pub.url(FILE_NAMES[main_formats[0]]))
    ]
    groups = (
        ("section", config.section_feeds),
        ("author", config.author_feeds),
        ("tag", config.tag_feeds),
    )
    for column, enabled in groups:
        if not enabled:
            continue
        folder = GROUP_FOLDERS[column]
        live = state.groups(column)
        # A feed whose last entry was withdrawn stays, naming it (RFC 6721) for as long as
        # the entry would have stayed in it, as the main feed does; it is no longer listed.
        kept = {_group_key(column, name) for name in live}
        emptied = [n for n in state.withdrawn_groups(column) if _group_key(column, n) not in kept]
        for name, name_slug in _slugs([*live, *emptied]).items():
            prefix = f"{folder}/{name_slug}/"
            # A tag is one feed whatever its case; its title says it is a tag, as a tag and a
            # section of one name are two feeds.
            title = f"{meta.title}: {name}" + (" (tag)" if column == "tag" else "")
            group_meta = meta_for(
                prefix,
                main_formats,
                title=title,
                id=entry_id(config.id_authority, f"{column}:{_group_key(column, name)}"),
                complete=complete,
            )
            group_texts = state.newest_entry_texts(config.feed_limit, **{column: name})
            # Every tombstone that was in it: those it names are among them.
            inputs = (group_texts, repr(state.tombstones(group=(column, name))), repr(group_meta))
            if not leave(prefix, [prefix + FILE_NAMES[fmt] for fmt in main_formats], *inputs):
                group_entries = [entry_from_json(text) for text in group_texts]
                group_entries = sort_entries(group_entries)[: config.feed_limit]
                # The entries withdrawn from it say so there too, as in the main feed.
                group_deleted = _tombstones_shown(config, state, group_entries, (column, name))
                group_entries = [pub.linked(e) for e in group_entries]
                group_files = feed_files(
                    prefix, group_entries, group_meta, main_formats, deleted=group_deleted
                )
                for relative, data in group_files:
                    files.append((relative, data, True))
            if not group_texts:
                continue  # nothing in it to subscribe to: not in the lists of feeds
            links = [FeedLink(title, fmt, prefix + FILE_NAMES[fmt]) for fmt in main_formats]
            listed.setdefault(column, []).append((name, links))
            opml_feeds.append(
                (title, main_formats[0], pub.url(prefix + FILE_NAMES[main_formats[0]]))
            )
    if config.site or config.section_feeds or config.author_feeds or config.tag_feeds:
        # With the main feed alone, a list of feeds would say nothing new.
        files.append((OPML_NAME, opml(meta.title, opml_feeds, meta.site_url), False))
    if config.site:
        # The index announces the main feeds; the others are on a page of their own (a
        # <head> with a link per section and author swamped browsers' subscribe buttons).
        # Each file after the ones it names: the style sheet before the feeds, the page of
        # feeds before the index.
        files.insert(0, (FEED_STYLE, FEED_CSS.encode(), False))
        if listed:
            headings = (("section", "Sections"), ("author", "Authors"), ("tag", "Tags"))
            kinds = [(heading, listed.get(column, [])) for column, heading in headings]
            listing = feeds_page(meta, main_links, kinds, opml_path=OPML_NAME)
            files.append((FEEDS_PAGE, listing, False))
        more = FEEDS_PAGE if listed else None
        if not leave("index.html", ["index.html"], *main_inputs, repr(main_links), str(more)):
            index = index_page(raw, meta, main_links, opml_path=OPML_NAME, more_feeds=more)
            files.append(("index.html", index, False))
        if config.indexnow:
            # The key file IndexNow's search engines fetch to see the pings are the site's.
            key = indexnow_key(config, state)
            files.append((f"{key}.txt", key.encode("utf-8"), False))
        # After the entry pages they list (written in step 2).
        sitemaps = _sitemaps(
            config, state, pub, None if everything else changes, now or datetime.now(UTC)
        )
        files.extend((relative, data, False) for relative, data in sitemaps)
    # Pages of single entries: only those whose entry changed.
    entry_jobs: Iterator[PageJob] = iter(())
    entry_count = 0
    withdrawn: list[tuple[str, bytes]] = []
    journal = set(leftover)
    if config.site:
        # Every page when everything is made again, else the changed ones that stay.
        dirty = state.entry_keys(None if everything else changes.keys | leftover_keys)
        for key in dirty:
            pub.expect(f"{ENTRY_FOLDER}/{key}.html")
        journal.update(f"{ENTRY_FOLDER}/{key}.html" for key in dirty)
        feeds = tuple(main_links)
        texts = state.entry_texts_with_keys(sorted(dirty))
        topics = tuple(
            (column, GROUP_FOLDERS[column])
            for column, enabled in (("section", config.section_feeds), ("tag", config.tag_feeds))
            if enabled
        )
        entry_jobs = (EntryPageJob(text, meta, feeds, topics) for text in texts)
        entry_count = len(dirty)
        # A withdrawn entry's page stays, saying so (feedpub serve answers 410 Gone for it).
        for tombstone in state.tombstones():
            gone_page = f"{ENTRY_FOLDER}/{tombstone.key}.html"
            pub.expect(gone_page)
            if everything or tombstone.key in changes.keys | leftover_keys:
                withdrawn.append((gone_page, withdrawn_page(tombstone, meta, feeds)))
        journal.update(gone for gone, _ in withdrawn)

    # RFC 5005 archive pages: the changed ones, and the newest ones whose links changed.
    dirty_pages = set(range(1, archived + 1)) if everything else set()
    dirty_pages |= {seq // size + 1 for seq in changes.seqs if size and seq // size < archived}
    dirty_pages |= set(range(max(1, before), archived + 1)) if archived > before else set()
    dirty_pages |= {page for page in leftover_pages if page <= archived}
    for page in range(1, archived + 1):
        for fmt in archive_formats:
            pub.expect(archive_prefix(page) + FILE_NAMES[fmt])
    journal.update(
        archive_prefix(page) + FILE_NAMES[fmt] for page in dirty_pages for fmt in archive_formats
    )

    def archive_job(page: int) -> ArchivePageJob:
        links = [("current", "")]
        if page > 1:
            links.append(("prev-archive", archive_prefix(page - 1)))
        if page < archived:
            links.append(("next-archive", archive_prefix(page + 1)))
        metas = []
        for fmt in archive_formats:
            page_links = tuple(
                (rel, pub.url((target or "") + FILE_NAMES[fmt])) for rel, target in links
            )
            page_meta = meta_for(
                archive_prefix(page), [fmt], links=page_links, archive=True, hubs=()
            )
            metas.append((fmt, page_meta))
        texts = state.entry_texts_between((page - 1) * size, page * size)
        # The entries withdrawn from it say so where they were (its Atom feed).
        deleted = state.archived_tombstones((page - 1) * size, page * size)
        return ArchivePageJob(
            archive_prefix(page), tuple(texts), tuple(metas), _link_base(config), tuple(deleted)
        )

    # Oldest first; the published page that gains a next-archive link (the newest one the
    # last run wrote) after every page, so that what it leads to is on disk when a reader
    # gets there from it. Pages below it link only to published pages and entries.
    relinked = before if before in dirty_pages and archived > before else None
    ordered = sorted(dirty_pages - {relinked})
    archive_jobs = (archive_job(page) for page in ordered)
    # Rendered here or in worker processes, in this order; written here as they come.
    jobs: Iterator[PageJob] = interleaved(entry_jobs, entry_count, archive_jobs, len(ordered))
    if relinked is not None:
        jobs = itertools.chain(jobs, (archive_job(relinked),))
    work = entry_count + len(dirty_pages) * archive_weight(size, len(archive_formats))
    # 1 and 2 of the order above: the marker names every page before the first is written.
    token = secrets.token_hex(8)
    _write_marker(target, token, sorted(journal))
    del journal  # a first build's hundred thousand paths
    for gone, data in withdrawn:
        pub.write(gone, data, batch=True)
    for pages in rendered_pages(jobs, work):
        if isinstance(pages, str):
            raise BuildError(pages)
        for relative, data in pages:
            pub.write(relative, data, batch=True)
    pub.sync()

    # 3. The state, committed before any feed is replaced: the pings for the feeds about to
    # change are queued in it, so a run killed from here on loses none of them.
    changed: list[bool] = []
    for relative, data, is_feed in files:
        path = pub.expect(relative)
        changed.append(target.differs(path, data))
        if changed[-1] and is_feed:
            pub.changed_feeds.append(pub.url(relative))
        if changed[-1] and relative == "index.html":
            pub.changed_pages.append(config.feed_url)
        state.set_output_hash(path, hashlib.sha256(data).hexdigest())
    state.set_setting("outputs", fingerprint)
    state.set_setting("feed_inputs", json.dumps(rendering, sort_keys=True))
    state.set_setting("archived_pages", str(archived))
    state.set_setting("writing", token)
    pub.changed_pages += pub.stale_pages()
    if commit is not None:
        # Every file written in step 2 or about to change in steps 4 and 5: what a cache in
        # front must purge, queued in the same commit as the pings.
        # (With the pages a run that did not commit wrote: their bytes may be new to a cache.)
        changing = [*pub.changed_paths, *leftover]
        changing += [f[0] for f, is_changed in zip(files, changed, strict=True) if is_changed]
        changing += pub.stale_paths()
        commit(tuple(pub.changed_feeds), tuple(pub.changed_pages), tuple(changing))

    # 4. The subscription feeds, and the lists that link to them.
    for (relative, data, _), is_changed in zip(files, changed, strict=True):
        pub.write_feed(relative, data, changed=is_changed)

    # 5. Removals last: nothing published links to these any more.
    removed = pub.remove_stale()
    target.remove(target.path(MARKER))
    return Published(
        published,
        Paths(pub.written),
        Paths(pub.unchanged),
        tuple(removed),
        tuple(pub.changed_feeds),
        tuple(pub.changed_paths),
        tuple(pub.changed_pages),
    )
