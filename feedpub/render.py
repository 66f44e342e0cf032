"""Rendering entries into feed documents (pure; the only module that imports feedgen).

feedgen's defaults are traps for a publisher that must write the same bytes twice: it stamps
``updated``/``lastBuildDate`` with the current time, names its own version as generator and
prepends entries. Every one of those is set explicitly here.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from . import __version__
from .config import FILE_NAMES, MEDIA_TYPES
from .dates import in_feed_range
from .errors import BuildError
from .langtag import language_tag
from .metadata import xml_text
from .model import Entry, FeedMeta, Tombstone, sort_entries
from .sanitise import safe_html, web_url
from .xmltext import quoteattr

__all__ = [
    "AT_NS",
    "FH_NS",
    "FILE_NAMES",
    "render",
    "render_document",
    "render_feed",
    "sort_entries",
]

# By the image URL's suffix; a table of our own, not the host's mime.types, so the bytes of a
# feed do not depend on the machine that wrote it.
IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
               "webp": "image/webp", "avif": "image/avif", "svg": "image/svg+xml"}  # fmt: skip
_GENERATOR_URI = "https://pypi.org/project/feedpub/"
# Feeds with no entries still need an updated time; the epoch keeps the output stable.
_EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)


_T = TypeVar("_T", Entry, FeedMeta)


_FIELD_NAMES = {kind: tuple(f.name for f in fields(kind)) for kind in (Entry, FeedMeta)}


def _xml_safe(item: _T) -> _T:
    """``item`` with the characters XML cannot carry (control characters, lone surrogates)
    removed from its text: one of them would make the whole feed unwritable."""
    changes: dict[str, Any] = {}  # field name -> value of that field's own type
    names = _FIELD_NAMES.get(type(item)) or tuple(f.name for f in fields(item))
    for name in names:
        value = getattr(item, name)
        if isinstance(value, str):
            clean = xml_text(value)
            if clean is not value:  # re.sub hands back the very string it found clean
                changes[name] = clean
        elif isinstance(value, tuple):
            # hubs: strings; links: (rel, href) pairs
            cleaned = tuple(
                tuple(xml_text(part) for part in v) if isinstance(v, tuple) else xml_text(v)
                for v in value
            )
            if cleaned != value:
                changes[name] = cleaned
    # Nearly every entry is clean already: no copy of it then (replace() was a tenth of
    # rendering an archive page).
    return replace(item, **changes) if changes else item


# RFC 3339 and xsd:dateTime offsets are whole minutes, at most 14 hours; a zone's local mean
# time before ~1900 (Europe/Amsterdam +00:19:32) is neither, and becomes invalid Atom and RSS.
_MAX_OFFSET = timedelta(hours=14)


def _writable(value: datetime, what: str, entry_id: str) -> datetime:
    if not in_feed_range(value):
        raise BuildError(
            f"entry {entry_id}: {what} {value.isoformat()} is not a time a feed can carry "
            "(timezone-aware, years 1000 to 9999)"
        )
    offset = value.utcoffset()
    assert offset is not None  # in_feed_range: aware
    if offset % timedelta(minutes=1) or abs(offset) > _MAX_OFFSET:
        value = value.astimezone(UTC)  # the same instant, in an offset every format can write
    if value.microsecond:
        # Whole seconds in every format (feedgen writes Atom times with their microseconds,
        # JSON Feed and RSS without): the same second everywhere.
        value = value.replace(microsecond=0)
    return value


# One entry is rendered in up to three formats of several feeds (main, section, author,
# archive); preparing it (sanitising its HTML above all) once is enough.
@lru_cache(maxsize=512)
def _prepare(entry: Entry) -> Entry:
    """An entry every format can write, or a BuildError saying why there is none."""
    entry = _xml_safe(entry)
    if not entry.id:
        raise BuildError(f"entry from {entry.source!r} has no id")
    if not entry.title.strip():
        raise BuildError(f"entry {entry.id} has no title (Atom requires one)")
    authors = tuple(name for name in entry.authors if name.strip())
    if authors != entry.authors:  # a blank name would be an empty Atom <name>
        entry = replace(entry, authors=authors)
    prepared = (
        # Readers fetch the image themselves, and open the link: only a web URL may reach
        # them (a javascript: link would run in a reader that shows the feed in a browser).
        web_url(entry.image),
        web_url(entry.link),
        _writable(entry.published, "published", entry.id),
        _writable(entry.updated, "updated", entry.id),
        safe_html(entry.content_html),
        # xml:lang and dc:language take a language tag, nothing else.
        _language(entry.language),
    )
    if all(new is old for new, old in zip(prepared, _prepared_fields(entry), strict=True)):
        return entry  # as it came, which is the common case: no copy
    image, link, published, updated, content_html, language = prepared
    return replace(
        entry,
        image=image,
        link=link,
        published=published,
        updated=updated,
        content_html=content_html,
        language=language,
    )


def _prepared_fields(entry: Entry) -> tuple[object, ...]:
    return (
        entry.image,
        entry.link,
        entry.published,
        entry.updated,
        entry.content_html,
        entry.language,
    )


def _language(value: str | None) -> str | None:
    tag = language_tag(value)
    return value if tag == value else tag  # the very string when it is one already


def _prepare_meta(meta: FeedMeta) -> FeedMeta:
    meta = _xml_safe(meta)
    for name in ("title", "id", "author"):
        if not getattr(meta, name).strip():
            raise BuildError(f"the feed has no {name}")
    # A blank subtitle would become RSS's required channel <description>: use the title then.
    # Feed images readers cannot fetch are left out, as an entry's are.
    return replace(
        meta,
        subtitle=meta.subtitle if meta.subtitle and meta.subtitle.strip() else None,
        icon=web_url(meta.icon),
        logo=web_url(meta.logo),
        stylesheet=web_url(meta.stylesheet),
    )


def _feed_updated(entries: Sequence[Entry], deleted: Sequence[Tombstone] = ()) -> datetime:
    # A withdrawal changes the feed as much as an edit does.
    times = [e.updated for e in entries] + [t.deleted for t in deleted]
    return max(times, default=_EMPTY_FEED_UPDATED)


AT_NS = "http://purl.org/atompub/tombstones/1.0"
"""RFC 6721, the Atom tombstones: ``<at:deleted-entry ref="<id>" when="<time>">``."""


class _Tombstones(BaseExtension):  # type: ignore[misc]  # feedgen is untyped
    """Writes an ``at:deleted-entry`` per withdrawn entry (RFC 6721) into an Atom feed,
    before its entries (feedgen calls feed extensions before it adds them)."""

    def __init__(self) -> None:
        self.deleted: Sequence[Tombstone] = ()

    def extend_ns(self) -> dict[str, str]:
        return {"at": AT_NS}

    def extend_atom(self, feed: Any) -> Any:
        for tombstone in self.deleted:
            element = etree.SubElement(
                feed,
                f"{{{AT_NS}}}deleted-entry",
                ref=xml_text(tombstone.id),
                when=_rfc3339(_writable(tombstone.deleted, "deleted", tombstone.id)),
            )
            if tombstone.comment:
                comment = etree.SubElement(element, f"{{{AT_NS}}}comment")
                comment.text = xml_text(tombstone.comment)
        return feed


def _generator(
    meta: FeedMeta, entries: Sequence[Entry], fmt: str, deleted: Sequence[Tombstone] = ()
) -> FeedGenerator:
    fg = FeedGenerator()
    if fmt == "atom" and deleted:
        # Only then: a feed without tombstones keeps its bytes (no unused namespace).
        fg.register_extension("tombstones", _Tombstones, None, atom=True, rss=False)
        fg.tombstones.deleted = deleted
    if fmt == "rss":
        # RSS <author> must be an e-mail address; names go in dc:creator (RSS Advisory Board
        # profile), which feedparser, newsboat and sfeed all read.
        fg.load_extension("dc", atom=False, rss=True)
    if fmt != "json" and any(entry.image for entry in entries):
        # Media RSS, in both formats: the lead image feed readers show beside an entry. Only
        # then, so a feed without images keeps its bytes (no unused namespace).
        fg.load_extension("media", atom=True, rss=True)
    fg.id(meta.id)
    fg.title(meta.title)
    fg.author({"name": meta.author, **({"email": meta.author_email} if meta.author_email else {})})
    if meta.subtitle:
        fg.subtitle(meta.subtitle)
    if meta.language:
        fg.language(meta.language)
    if fmt == "atom":
        if meta.icon:
            fg.icon(meta.icon)
        if meta.logo:
            fg.logo(meta.logo)
    elif meta.logo or meta.icon:
        # RSS has one channel image, shown with the title and linking to the site.
        fg.image(url=meta.logo or meta.icon, title=meta.title, link=meta.site_url)
    fg.generator("feedpub", version=__version__, uri=_GENERATOR_URI)
    updated = _feed_updated(entries, deleted)
    fg.updated(updated)
    self_url = meta.feed_urls.get(fmt)
    # feedgen's RSS <link> is the href of the *last* link added, so the site link comes last.
    if self_url:
        fg.link(href=self_url, rel="self", type=MEDIA_TYPES[fmt])
    if fmt == "atom":
        # WebSub discovery (WebSub 4): rel="hub" beside rel="self". RSS: see _add_rss_hubs.
        for hub in meta.hubs:
            fg.link(href=hub, rel="hub")
        for rel, href in meta.links:
            fg.link(href=href, rel=rel)
    fg.link(href=meta.site_url, rel="alternate", type="text/html")
    if fmt == "rss":
        # Readers take the channel <description> for HTML, as an item's: its text (a section
        # or author feed's title holds a name from a document) is escaped for it.
        fg.description(html.escape(meta.subtitle or meta.title, quote=False))
        fg.lastBuildDate(updated)
    for entry in entries:
        _add_entry(fg, entry, meta, fmt)
    return fg


# libxml2 (behind lxml, newsboat, many readers) refuses a text node over 10 MB unless told to
# parse "huge" files, so one runaway document would make the whole feed unreadable. Content is
# cut at a paragraph boundary well below that; summaries are meant to be short anyway.
MAX_CONTENT_CHARS = 1_000_000
MAX_SUMMARY_CHARS = 2_000
_TAG = re.compile(r"<[^>]+>")
_PARTIAL_ENTITY = re.compile(r"&[^;\s]*$")


def _bounded_content(html: str) -> str:
    if len(html) <= MAX_CONTENT_CHARS:
        return html
    cut = html.rfind("\n", 0, MAX_CONTENT_CHARS)
    if cut > 0:
        return html[:cut] + "\n<p>[…]</p>"
    # One giant first block: keep its text (already escaped), without a half entity.
    text = _PARTIAL_ENTITY.sub("", _TAG.sub("", html[:MAX_CONTENT_CHARS]))
    return f"<p>{text}…</p>"


def _bounded_summary(text: str) -> str:
    if len(text) <= MAX_SUMMARY_CHARS:
        return text
    return text[:MAX_SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def _add_entry(fg: FeedGenerator, entry: Entry, meta: FeedMeta, fmt: str) -> None:
    fe = fg.add_entry(order="append")
    fe.id(entry.id)
    fe.guid(entry.id, permalink=False)
    fe.title(entry.title)
    fe.published(entry.published)
    fe.updated(entry.updated)
    if entry.link:
        fe.link(href=entry.link, rel="alternate", type="text/html")
    if entry.language:
        # The entry's own language, on every entry that has one (not only where it differs
        # from the feed's): readers that show one entry at a time (sfeed, newsboat's item
        # view) and aggregators that copy entries into other feeds keep it without the feed
        # around it. Atom: xml:lang (inherited by everything in the entry); RSS has no
        # per-item language, Dublin Core's dc:language is the usual extension.
        if fmt == "atom":
            fe.register_extension("xml_lang", _AtomLanguage, atom=True, rss=False)
            fe.xml_lang.language = entry.language
        else:
            fe.dc.dc_language(entry.language)
    # An Atom <author> and an RSS dc:creator per person (one dc:creator each, as the Dublin
    # Core profile has it: readers show a list, not one name run together).
    for name in entry.credited:
        fe.author({"name": name})
    if fmt == "rss" and entry.credited:
        fe.dc.dc_creator(list(entry.credited))
    for category in _categories(entry):
        fe.category(term=category)
    if entry.image:
        # Not an RSS <enclosure>: that needs the file's length, and podcast clients download
        # enclosures.
        suffix = urlsplit(entry.image).path.rpartition(".")[2].lower()
        typed = {"type": IMAGE_TYPES[suffix]} if suffix in IMAGE_TYPES else {}
        fe.media.content(url=entry.image, medium="image", group=None, **typed)
        fe.media.thumbnail(url=entry.image, group=None)
    # summary() also sets the RSS <description>; content() the Atom content / content:encoded.
    summary = _bounded_summary(entry.summary)
    fe.summary(summary)
    if fmt == "rss":
        # RSS <description> is HTML to readers; the plain-text summary is escaped for it, or
        # "<script>" in an article's text would reach them as a script element.
        fe.description(html.escape(summary, quote=False))
    if _summary_only(entry, meta):
        return
    content = _bounded_content(entry.content_html)
    if fmt == "rss":
        fe.content(content, type="CDATA")
    else:
        fe.content(content, type="html")


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class _AtomLanguage(BaseEntryExtension):  # type: ignore[misc]  # feedgen is untyped
    """Writes ``xml:lang`` on an Atom entry (feedgen writes it on the feed only)."""

    language = ""

    def extend_atom(self, entry: Any) -> Any:
        entry.set(_XML_LANG, self.language)
        return entry


def _categories(entry: Entry) -> list[str]:
    """The section first, then the entry's tags: each once, whatever its case."""
    first: dict[str, str] = {}
    for name in (entry.section, *entry.tags):
        if name and name.strip():
            first.setdefault(name.casefold(), name)
    return list(first.values())


def _summary_only(entry: Entry, meta: FeedMeta) -> bool:
    # An Atom entry with no content must link to it (RFC 4287 4.1.2): without a link of its
    # own the full content stays, whatever the setting.
    return meta.summary_only and entry.link is not None


_ATOM = "{http://www.w3.org/2005/Atom}"
_ATOM_LINK = _ATOM + "link"
FH_NS = "http://purl.org/syndication/history/1.0"
_FH_ARCHIVE = f"{{{FH_NS}}}archive"
_FH_COMPLETE = f"{{{FH_NS}}}complete"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def _rfc3339(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _json_item(entry: Entry, meta: FeedMeta) -> dict[str, object]:
    item: dict[str, object] = {"id": entry.id}
    if entry.link:
        item["url"] = entry.link
    item["title"] = entry.title
    if _summary_only(entry, meta):
        item["content_text"] = _bounded_summary(entry.summary)
    else:
        item["content_html"] = _bounded_content(entry.content_html)
    item["summary"] = _bounded_summary(entry.summary)
    if entry.image:
        item["image"] = entry.image
    item["date_published"] = _rfc3339(entry.published)
    item["date_modified"] = _rfc3339(entry.updated)
    if entry.credited:
        item["authors"] = [{"name": name} for name in entry.credited]
    if categories := _categories(entry):
        item["tags"] = categories
    if entry.language:
        item["language"] = entry.language
    return item


def _json_feed(entries: Sequence[Entry], meta: FeedMeta) -> dict[str, object]:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1), keys in the spec's order."""
    feed: dict[str, object] = {
        "version": JSON_FEED_VERSION,
        "title": meta.title,
        "home_page_url": meta.site_url,
    }
    if "json" in meta.feed_urls:
        feed["feed_url"] = meta.feed_urls["json"]
    if meta.subtitle:
        feed["description"] = meta.subtitle
    # The archive: JSON Feed's next_url leads to older items, as RFC 5005's prev-archive.
    older = [href for rel, href in meta.links if rel == "prev-archive"]
    if older:
        feed["next_url"] = older[0]
    if meta.logo:
        feed["icon"] = meta.logo
    if meta.icon:
        feed["favicon"] = meta.icon
    feed["authors"] = [{"name": meta.author}]
    if meta.language:
        feed["language"] = meta.language
    if meta.hubs:
        feed["hubs"] = [{"type": "WebSub", "url": hub} for hub in meta.hubs]
    feed["items"] = [_json_item(entry, meta) for entry in entries]
    return feed


def _extended(root: etree._Element, fmt: str, meta: FeedMeta) -> etree._Element:
    """``root`` (the tree feedgen built) with what feedgen cannot write: hub and archive
    links in RSS (it keeps only rel=self there) and the RFC 5005 ``fh:archive`` or
    ``fh:complete`` marker in both formats. Added on the tree itself, which is serialised
    once (it was serialised, parsed again and serialised again)."""
    rss_links = [("hub", hub) for hub in meta.hubs] + list(meta.links) if fmt == "rss" else []
    marker = _FH_ARCHIVE if meta.archive else _FH_COMPLETE if meta.complete else None
    if rss_links:
        parent = root.find("channel")
        assert parent is not None  # feedgen always writes one
        self_links = [el for el in parent.iter(_ATOM_LINK) if el.get("rel") == "self"]
        position = parent.index(self_links[0]) + 1 if self_links else 0
        for offset, (rel, href) in enumerate(rss_links):
            parent.insert(position + offset, etree.Element(_ATOM_LINK, href=href, rel=rel))
    if fmt != "atom" and marker is None:
        return root
    nsmap: dict[str | None, str] = dict(root.nsmap)
    attrib = {str(name): str(value) for name, value in root.attrib.items()}
    tag = root.tag
    if fmt == "atom":
        # feedgen writes Atom's namespace as an attribute named xmlns and its elements with
        # no namespace: the bytes are Atom, the tree is not until it is declared and its
        # elements named in it (the same bytes again), which checking the tree needs.
        del attrib["xmlns"]
        nsmap[None] = _ATOM[1:-1]
        tag = _ATOM + "feed"
    if marker is not None:
        # Declared on the root so the marker does not carry its own xmlns attribute.
        nsmap["fh"] = FH_NS
    new_root = etree.Element(tag, attrib, nsmap=nsmap)  # type: ignore[arg-type]
    new_root.text = root.text
    new_root.extend(list(root))
    if fmt == "atom":
        for element in new_root.iter():
            if isinstance(element.tag, str) and element.tag[0] != "{":
                element.tag = _ATOM + element.tag
    if marker is not None:
        parent = new_root.find("channel") if fmt == "rss" else new_root
        assert parent is not None
        parent.insert(0, etree.Element(marker))
    return new_root


def _with_stylesheet(data: bytes, href: str) -> bytes:
    """``data`` with an ``xml-stylesheet`` processing instruction after its XML declaration:
    browsers style the feed with it (CSS, not XSLT, which browsers are dropping), readers
    and schema checks see the same elements."""
    declaration, newline, rest = data.partition(b"\n")
    instruction = f'<?xml-stylesheet type="text/css" href={quoteattr(href)}?>'.encode()
    return declaration + newline + instruction + newline + rest


def render(
    entries: Iterable[Entry],
    meta: FeedMeta,
    formats: Iterable[str] = ("atom", "rss"),
    *,
    deleted: Sequence[Tombstone] = (),
) -> dict[str, bytes]:
    """Render ``entries`` (any order) in each of ``formats``: format name -> document bytes."""
    entries = tuple(entries)
    return {fmt: render_feed(entries, meta, fmt, deleted=deleted) for fmt in formats}


def render_feed(
    entries: Iterable[Entry], meta: FeedMeta, fmt: str, *, deleted: Sequence[Tombstone] = ()
) -> bytes:
    """Render ``entries`` (any order) as one feed document: ``atom``, ``rss`` or ``json``.

    ``deleted``: entries withdrawn since they were published. Atom says so, each with an
    RFC 6721 ``at:deleted-entry``; RSS and JSON Feed have no such element (the entry just
    leaves them), and their time of update counts the withdrawal (RSS ``lastBuildDate``)."""
    return render_document(entries, meta, fmt, deleted=deleted)[0]


def render_document(
    entries: Iterable[Entry], meta: FeedMeta, fmt: str, *, deleted: Sequence[Tombstone] = ()
) -> tuple[bytes, etree._Element | dict[str, object]]:
    """``render_feed``'s bytes and what they were serialised from: for Atom and RSS the
    tree, for JSON Feed the object (``check.check_tree`` checks either without parsing the
    bytes again)."""
    if fmt not in FILE_NAMES:
        raise BuildError(f"unknown feed format {fmt!r}; choose from {sorted(FILE_NAMES)}")
    meta = _prepare_meta(meta)
    ordered = sort_entries(_prepare(entry) for entry in entries)
    ids = [entry.id for entry in ordered]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise BuildError(f"cannot render feed {meta.title!r}: entry id {twice[0]} is used twice")
    if fmt == "json":
        feed = _json_feed(ordered, meta)
        return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), feed
    try:
        live = {entry.id for entry in ordered}
        gone = [tombstone for tombstone in deleted if tombstone.id not in live]
        fg = _generator(meta, ordered, fmt, gone)
        # What atom_str()/rss_str() serialise, kept as a tree to add to before the one
        # serialisation (was: serialised, parsed again, extended, serialised again).
        root = fg._create_atom()[0] if fmt == "atom" else fg._create_rss()[0]
        root = _extended(root, fmt, meta)
        data: bytes = etree.tostring(
            root, pretty_print=True, xml_declaration=True, encoding="UTF-8"
        )
        if meta.stylesheet:
            data = _with_stylesheet(data, meta.stylesheet)
    except ValueError as exc:
        raise BuildError(f"cannot render {fmt} feed {meta.title!r}: {exc}") from exc
    return data, root
