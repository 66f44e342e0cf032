"""The data that flows between feedpub's stages: documents -> entries -> feeds.

All classes are frozen; every datetime in them is timezone-aware.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

__all__ = [
    "ENTRY_VERSION",
    "Document",
    "Entry",
    "FeedMeta",
    "Tombstone",
    "document_key",
    "entry_id",
    "entry_page_path",
    "linked",
    "sort_entries",
]


@dataclass(frozen=True)
class Document:
    """One input document as read from disk, decoded but not yet understood."""

    source: str
    """Where the text came from: a path relative to the input folder, or ``<text>``."""
    text: str
    modified: datetime | None = None
    """The file's modification time, a reference for relative dates; None for plain text."""
    path: Path | None = None


ENTRY_VERSION = 36
"""What an ``Entry`` holds, as a number: raised when the normaliser starts filling a new field
or writing new content (2: ``image``; 3: images in ``content_html``; 4: ``tags``; 5:
``authors``, a list; 6: each person a plain-text byline names, ``Posted by``/``Von:``; 7: dates
read by dateparser; 8: times in whole seconds, no two entries with one; 9: HTML pages read on
trafilatura, HTML in Markdown and JSON read as a page's text; 10: languages identified by
py3langid; 11: a plain text's headline scored among candidates, no text lost; 12: plain text
without what follows its article, more junk, bylines and datelines found; 13: HTML authors
from the page's byline, titles never a site's name; 14: plain-text bylines scored around the
headline; 15: and dates; 16: names said twice, glued dates; 17: a byline's name said
twice; 18: the lines of a plain-text dump scored as boilerplate; 19: more bylines and worded
dates in plain text; 20: a plain text's publisher from the whole page's evidence; 21: dump
lines scored by where they stand against the prose; 22: a plain text's section from a
category or breadcrumb below the headline; 23: plain-text headlines ranked by a softmax fit
with features of wrapped lines and teasers; 24: more plain-text bylines; 25: no bare number
as a date in text; 26: more junk patterns; 27: a ` | Section` line taken as the headline
only when given twice, common byline layouts, glued dates, comment headings as the article's
end, the summary from the first prose paragraph; 28-29: plain-text dates ranked on their own
evidence, the masthead's site and kicker rules; 30: plain-text bylines by a fitted scorer,
headlines on the junk model's and the site's evidence, breadcrumbs as sections, the publisher
from the chrome's phrases, unsure languages told on a longer sample; 31: a kicker's glued or
listed categories give its first, a site's name ranked on the evidence only its chrome gives; 32:
w3m's list marks as bullets, renderers' repeated captions out, blog and forum bylines, far
sections, a site's name a domain spells, a summary that says something; 33: a summary
without the list mark drawn before it, never a form's boxes; 34: kickers over a label,
one-link-a-line breadcrumbs, a publisher by fitted weights, captions glued in a paragraph's
block out, blog footers' and author boxes' bylines; 35: plain-text headlines scored again by
trees among the best five, co-authors joined by commas, Chinese and Japanese lines joined
without a space, a shorter summary allowed, more follow and search lines; 36: arrow
breadcrumbs and hashtag kickers, a lone list mark opening a list, four more headline inputs,
Chinese and Japanese byline labels, readers' comments ending the article), so that entries
cached by an earlier feedpub are made again."""


@dataclass(frozen=True)
class Entry:
    """One normalised document, ready to become a feed entry."""

    id: str
    """A stable, globally unique id: a name-based ``urn:uuid:`` (see ``entry_id``)."""
    key: str
    """A short stable key, unique within the feed; names the entry's page."""
    title: str
    published: datetime
    updated: datetime
    summary: str
    """Plain text: the first real body paragraph."""
    content_html: str
    """The cleaned body as HTML (paragraphs, subheadings, lists, quotes, links and images)."""
    source: str
    link: str | None = None
    section: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    """The people who wrote it, each a name, in the document's order."""
    language: str | None = None
    image: str | None = None
    """The absolute http(s) URL of the article's lead image."""
    tags: tuple[str, ...] = ()
    """The document's own tags or keywords (beside its section), in its order."""

    @property
    def author(self) -> str | None:
        """The first of ``authors`` (None when there is none): what ``author`` held before
        entries had several."""
        return self.authors[0] if self.authors else None

    @property
    def credited(self) -> tuple[str, ...]:
        """Who the feeds name as its authors: ``authors``, else the publisher."""
        if self.authors:
            return self.authors
        return (self.publisher,) if self.publisher else ()


@dataclass(frozen=True)
class Tombstone:
    """An entry that was published and then deleted or retracted (RFC 6721): feeds say so
    for as long as the entry would have stayed in them."""

    id: str
    """The withdrawn entry's id (``at:deleted-entry ref``)."""
    key: str
    """Its key, which names its page (kept, saying the entry was withdrawn)."""
    source: str
    title: str
    published: datetime
    """When the entry was published: how long the tombstone stays in the feed."""
    deleted: datetime
    """When the build that withdrew it ran (``at:deleted-entry when``)."""
    comment: str | None = None
    """Why, as the document said it (``retraction_reason``)."""


def sort_entries(entries: Iterable[Entry]) -> list[Entry]:
    """Newest first; ties broken by id so input order never changes the output."""
    # Timestamps, not the datetimes: comparing aware datetimes asks their zones for offsets
    # at every comparison, which made sorting a tenth of a first build.
    return sorted(
        entries,
        key=lambda e: (e.published.timestamp(), e.updated.timestamp(), e.id),
        reverse=True,
    )


@dataclass(frozen=True)
class FeedMeta:
    """Feed-level metadata shared by every format of one feed."""

    title: str
    id: str
    site_url: str
    author: str
    feed_urls: Mapping[str, str] = field(default_factory=dict)
    """Format name (``atom``, ``rss``) -> the absolute URL the feed is published at."""
    language: str | None = None
    subtitle: str | None = None
    author_email: str | None = None
    icon: str | None = None
    """A small square image of the feed: Atom ``icon``, JSON Feed ``favicon``."""
    logo: str | None = None
    """A larger image of the feed: Atom ``logo``, RSS ``image``, JSON Feed ``icon``."""
    hubs: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    """Further feed-level links as (rel, href): RFC 5005 ``prev-archive``, ``current``, ..."""
    archive: bool = False
    """An RFC 5005 archive document (``fh:archive``): its entries will not change."""
    complete: bool = False
    """An RFC 5005 complete feed (``fh:complete``): it holds every entry there is."""
    summary_only: bool = False
    """Publish each entry's summary without its full content."""
    stylesheet: str | None = None
    """The http(s) URL of a CSS style sheet for Atom and RSS (an ``xml-stylesheet``
    processing instruction): what a browser shows a person who opens the feed; readers
    ignore it."""


def entry_id(authority: str, key: str) -> str:
    """The entry's global id: a name-based UUID, stable for the same authority and key."""
    import uuid  # here: imports ``platform``, which a run that makes no entry never needs

    return uuid.uuid5(uuid.NAMESPACE_URL, f"feedpub:{authority}:{key}").urn


def document_key(source: str) -> str:
    """The entry key of a document first seen at ``source``."""
    import hashlib

    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def entry_page_path(entry: Entry) -> str:
    """Where an entry's page lives, relative to the output folder."""
    return f"entries/{entry.key}.html"


def linked(entry: Entry, link_base: str | None) -> Entry:
    """``entry``, linking to its page under ``link_base`` when it has no URL of its own
    (``link_base`` is None when there is no site to link to). Here, not with the pages: a
    run with nothing to do links the subscription's entries and imports no page module."""
    if entry.link or link_base is None:
        return entry
    return replace(entry, link=link_base + entry_page_path(entry))
