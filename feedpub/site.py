"""The static site beside the feeds, and the OPML list of feeds (pure: data in, bytes out).

``index.html`` is the readable view of the feed: plain HTML and CSS, no XSLT and no script,
so every browser shows it the same way. Its ``<link rel="alternate">`` elements let browsers
and readers discover every feed. Each entry gets a page of its own under ``entries/``; feeds
link there when a document has no URL of its own. Every text is escaped: entry content is
already the normaliser's own HTML (paragraphs and headings, no attributes, no scripts).
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from .config import FILE_NAMES, MEDIA_TYPES
from .model import Entry, FeedMeta, Tombstone, entry_page_path
from .xmltext import quoteattr, xml_text

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "FEEDS_PAGE",
    "FEED_CSS",
    "FEED_STYLE",
    "WITHDRAWN_MARK",
    "FeedLink",
    "entry_page",
    "entry_page_path",
    "feeds_page",
    "human_time",
    "index_page",
    "opml",
    "slug",
    "withdrawn_page",
]

FEED_STYLE = "feed.css"
"""The style sheet Atom and RSS feeds name, for a person who opens one in a browser."""
# CSS, not XSLT (browsers are dropping XSLT): the feed's own elements shown as a page, its
# machinery hidden, and a line saying what a feed is for. Type selectors match elements
# in any namespace, Atom's and RSS's alike.
FEED_CSS = """\
feed,rss{display:block;font:1.05rem/1.55 system-ui,sans-serif;max-width:44rem;
margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
feed>*,channel>*,entry>*,item>*{display:none}
channel{display:block}
feed::before,rss::before{display:block;margin:0 0 1rem;padding:.8rem 1rem;border-radius:6px;
background:#eef3fd;content:"This is a news feed. To subscribe, copy the address of this page \
into your feed reader. Its newest entries:"}
feed>title,channel>title{display:block;font-size:2rem;font-weight:bold;line-height:1.2;
margin:.5rem 0}
feed>subtitle,channel>description{display:block;color:#555;margin-bottom:1rem}
entry,item{display:flex;flex-direction:column;border-top:1px solid #ddd;padding:.6rem 0}
entry>title,item>title{display:block;order:-2;font-size:1.25rem;font-weight:bold}
entry>published,item>pubDate{display:block;order:-1;color:#555;font-size:.9rem}
entry>summary,item>description{display:block;margin-top:.3rem}
"""

FEEDS_PAGE = "feeds.html"
"""The page listing the section, author and tag feeds (the index names the main ones)."""

_FORMAT_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}

_STYLE = """\
body{font:1.05rem/1.55 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;\
color:#1d1d1f;background:#fff}
a{color:#0b57d0}header p,.meta{color:#555;font-size:.9rem}
article{border-top:1px solid #ddd;padding:.6rem 0;overflow:hidden}h1{line-height:1.2}
article h2{font-size:1.25rem}nav ul{padding-left:1.2rem}figure{margin:1rem 0}
img{max-width:100%;height:auto}
.thumb{float:right;width:7.5rem;max-height:6rem;object-fit:cover;margin:.3rem 0 .4rem 1rem}
.subscribe{font-size:.95rem}.subscribe a{margin-right:.6rem}.topics a{margin-right:.5rem}"""


@dataclass(frozen=True)
class FeedLink:
    """One feed the site announces: its title, format and path relative to the site root."""

    title: str
    fmt: str
    path: str


def _e(text: str) -> str:
    return html.escape(text, quote=True)


@lru_cache(maxsize=64)
def _locale(language: str | None) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


@cache
def _import_babel_dates() -> None:
    """Import ``babel.dates`` with pytz out of its sight when it is not imported yet.

    On import, Babel looks up the machine's zone (``babel.localtime``), with pytz when pytz
    is installed (dateparser needs it), and pytz's first lookup of a zone by name opens each
    of its 600 zone files to list those it has: with pytz's import, 115 million instructions
    (a no-op run is 420 million) in every process that writes a date on a page. Without pytz,
    Babel reads the one zone with ``zoneinfo`` (Babel supports both). Nothing feedpub formats
    depends on that zone: every date given to Babel carries its own, and the patterns used
    name none.
    """
    if "babel.dates" in sys.modules:
        return
    pytz = sys.modules.get("pytz")
    sys.modules["pytz"] = None  # type: ignore[assignment]  # None: how an import is made to fail
    try:
        import babel.dates  # noqa: F401 - the import is the point
    finally:
        if pytz is None:
            del sys.modules["pytz"]
        else:
            sys.modules["pytz"] = pytz


def human_time(value: datetime, language: str | None) -> str:
    """``value`` as people of ``language`` write it (Babel, CLDR): ``1 December 2026, 14:05``
    in en-GB, ``1. Dezember 2026, 14:05`` in German; the date alone for a time in the first
    minute of the day (a date without a time, see the pipeline's stamps)."""
    _import_babel_dates()
    from babel.dates import format_date, format_time

    locale = _locale(language)
    day = format_date(value, "long", locale=locale)
    if value.hour == 0 and value.minute == 0:
        return day
    return f"{day}, {format_time(value, 'short', locale=locale)}"


def _time(value: datetime, language: str | None) -> str:
    stamp = value.isoformat(timespec="seconds")
    return f'<time datetime="{stamp}">{_e(human_time(value, language))}</time>'


# The same few feeds head every entry page: their links are made once, not once a page.
@lru_cache(maxsize=16)
def _feed_links(feeds: tuple[FeedLink, ...], root: str) -> str:
    return "".join(
        f'<link rel="alternate" type="{MEDIA_TYPES[feed.fmt]}" title={quoteattr(feed.title)}'
        f" href={quoteattr(root + feed.path)}>\n"
        for feed in feeds
    )


def _head(
    title: str, feeds: Sequence[FeedLink], root: str, language: str | None, icon: str | None
) -> str:
    lang = f" lang={quoteattr(language)}" if language else ""
    links = _feed_links(tuple(feeds), root)
    if icon and icon.lower().startswith(("https://", "http://")):
        links += f'<link rel="icon" href={quoteattr(icon)}>\n'
    return (
        f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n{links}<style>{_STYLE}</style>\n</head>\n<body>\n"
    )


def _entry_meta(entry: Entry, language: str | None) -> str:
    parts = [_time(entry.published, language)]
    if entry.updated != entry.published:
        parts.append("updated " + _time(entry.updated, language))
    if entry.credited:
        parts.append(", ".join(_e(name) for name in entry.credited))
    if entry.section:
        parts.append(_e(entry.section))
    return '<p class="meta">' + " · ".join(parts) + "</p>"


def _subscribe(feeds: Sequence[FeedLink], root: str, more: str | None, opml_path: str) -> str:
    """One line of subscribe links: the main feeds by format, then the rest."""
    links = [
        f'<a href="{_e(root + feed.path)}" type="{MEDIA_TYPES[feed.fmt]}">'
        f"{_FORMAT_NAMES[feed.fmt]}</a>"
        for feed in feeds
    ]
    if more:
        links.append(f'<a href="{_e(root + more)}">Section, author and tag feeds</a>')
    links.append(f'<a href="{_e(root + opml_path)}">All feeds (OPML)</a>')
    return '<nav class="subscribe" aria-label="Subscribe"><b>Subscribe:</b> ' + " ".join(links)


def index_page(
    entries: Sequence[Entry],
    meta: FeedMeta,
    feeds: Sequence[FeedLink],
    *,
    opml_path: str,
    more_feeds: str | None = None,
) -> bytes:
    """The readable view of the feed: its newest entries, and the feeds to subscribe to.

    ``feeds`` are the ones the ``<head>`` announces and the top of the page offers (the main
    feeds); ``more_feeds`` is the page listing the others (``feeds_page``), if any."""
    out = [_head(meta.title, feeds, "", meta.language, meta.icon), "<header>\n"]
    out.append(f"<h1>{_e(meta.title)}</h1>\n")
    if meta.subtitle:
        out.append(f"<p>{_e(meta.subtitle)}</p>\n")
    out.append(_subscribe(feeds, "", more_feeds, opml_path) + "</nav>\n</header>\n<main>\n")
    from .sanitise import web_url

    for entry in entries:
        href = entry.link or entry_page_path(entry)
        thumb = ""
        if image := web_url(entry.image):
            thumb = f'<img class="thumb" src="{_e(image)}" alt="" loading="lazy">\n'
        out.append(
            f'<article>\n{thumb}<h2><a href="{_e(href)}">{_e(entry.title)}</a></h2>\n'
            f"{_entry_meta(entry, meta.language)}\n<p>{_e(entry.summary)}</p>\n</article>\n"
        )
    if not entries:
        out.append("<p>No entries yet.</p>\n")
    out.append(f'</main>\n<footer><p><a href="{_e(meta.site_url)}">{_e(meta.site_url)}</a></p>')
    out.append("</footer>\n</body>\n</html>\n")
    return xml_text("".join(out)).encode("utf-8")


def feeds_page(
    meta: FeedMeta,
    feeds: Sequence[FeedLink],
    groups: Sequence[tuple[str, Sequence[tuple[str, Sequence[FeedLink]]]]],
    *,
    opml_path: str,
) -> bytes:
    """The page of the section, author and tag feeds: ``groups`` is (heading, [(name, its
    feeds)]) per kind; ``feeds`` (the main ones) head the page as on the index."""
    out = [_head(f"Feeds - {meta.title}", feeds, "", meta.language, meta.icon), "<header>\n"]
    # Up to the site, not to index.html: the index links here, and one of the two is always
    # written first.
    out.append(f'<p><a href="{_e(meta.site_url)}">{_e(meta.title)}</a></p>\n<h1>Feeds</h1>\n')
    out.append(_subscribe(feeds, "", None, opml_path) + "</nav>\n</header>\n<main>\n")
    for heading, named in groups:
        if not named:
            continue
        out.append(f"<section>\n<h2>{_e(heading)}</h2>\n<ul>\n")
        for name, links in named:
            formats = " ".join(
                f'<a href="{_e(link.path)}" type="{MEDIA_TYPES[link.fmt]}">'
                f"{_FORMAT_NAMES[link.fmt]}</a>"
                for link in links
            )
            out.append(f"<li>{_e(name)}: {formats}</li>\n")
        out.append("</ul>\n</section>\n")
    out.append("</main>\n</body>\n</html>\n")
    return xml_text("".join(out)).encode("utf-8")


def slug(name: str) -> str:
    """A file-name-safe form of a section, author or tag name (ASCII, lower case, dashes).

    Other scripts and letters are transliterated (python-slugify with text-unidecode:
    ``Weiß`` -> ``weiss``, ``Ελληνικά`` -> ``ellenika``); a plain-ASCII name keeps the slug
    earlier feedpubs gave it, so no published feed URL moves."""
    if name.isascii():
        text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60].strip("-")
    else:
        from slugify import slugify

        text = slugify(name, max_length=60)
    # A name that transliterates to nothing (emoji) still needs a stable, distinct file name.
    return text or "n-" + hashlib.sha256(name.encode()).hexdigest()[:10]


def _topics(entry: Entry, folders: Mapping[str, str], feed_file: str | None) -> str:
    """The entry's section and tags, each linked to its feed where there is one."""
    named = [("section", entry.section)] if entry.section else []
    named += [("tag", tag) for tag in entry.tags]
    if not named:
        return ""
    parts = []
    for kind, name in named:
        folder = folders.get(kind)
        if folder and feed_file:
            href = f"../{folder}/{slug(name)}/{feed_file}"
            parts.append(f'<a href="{_e(href)}" rel="tag">{_e(name)}</a>')
        else:
            parts.append(f"<span>{_e(name)}</span>")
    return '<p class="topics meta">' + " ".join(parts) + "</p>\n"


def entry_page(
    entry: Entry,
    meta: FeedMeta,
    feeds: Sequence[FeedLink],
    topic_folders: Mapping[str, str] | None = None,
) -> bytes:
    """One entry in full, for documents that have no web page of their own. Its section and
    tags link to their feeds in ``topic_folders`` (kind -> folder: ``section`` ->
    ``sections``), in the first format of ``feeds``."""
    title = f"{entry.title} - {meta.title}"
    language = entry.language or meta.language
    out = [_head(title, feeds, "../", language, meta.icon)]
    out.append(f'<p><a href="../index.html">{_e(meta.title)}</a></p>\n<article>\n')
    out.append(f"<h1>{_e(entry.title)}</h1>\n{_entry_meta(entry, language)}\n")
    feed_file = FILE_NAMES[feeds[0].fmt] if feeds else None
    out.append(_topics(entry, topic_folders or {}, feed_file))
    from .sanitise import safe_html, web_url  # lxml: only runs that write pages need it

    if image := web_url(entry.image):
        out.append(f'<figure><img src="{_e(image)}" alt=""></figure>\n')
    out.append(safe_html(xml_text(entry.content_html)))
    if entry.link:
        out.append(f'\n<p><a href="{_e(entry.link)}">Original</a></p>')
    out.append("\n</article>\n</body>\n</html>\n")
    return xml_text("".join(out)).encode("utf-8")


WITHDRAWN_MARK = b'<meta name="feedpub-status" content="410 Gone">'
"""In the head of the page of a withdrawn entry: ``feedpub serve`` answers 410 Gone for it."""


def withdrawn_page(tombstone: Tombstone, meta: FeedMeta, feeds: Sequence[FeedLink]) -> bytes:
    """The page of an entry that was deleted or retracted after it was published: it says
    so (and why, when the document said), in place of the entry."""
    title = f"Withdrawn: {tombstone.title} - {meta.title}"
    head = _head(title, feeds, "../", meta.language, meta.icon)
    mark = '<meta name="robots" content="noindex">\n' + WITHDRAWN_MARK.decode() + "\n"
    out = [head.replace("<title>", mark + "<title>", 1)]
    out.append(f'<p><a href="../index.html">{_e(meta.title)}</a></p>\n<article>\n')
    out.append(f"<h1>{_e(tombstone.title)}</h1>\n")
    when = _time(tombstone.deleted, meta.language)
    out.append(f'<p class="meta">This article was withdrawn on {when}.</p>\n')
    if tombstone.comment:
        out.append(f"<p>{_e(tombstone.comment)}</p>\n")
    out.append("</article>\n</body>\n</html>\n")
    return xml_text("".join(out)).encode("utf-8")


def opml(title: str, feeds: Sequence[tuple[str, str, str]], site_url: str) -> bytes:
    """An OPML 2.0 subscription list: one outline per feed (title, format, absolute URL)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_e(title)}</title>",
        "  </head>",
        "  <body>",
    ]
    for feed_title, _fmt, url in feeds:
        # type="rss" is OPML's word for any feed subscription, Atom and JSON Feed included.
        lines.append(
            f'    <outline type="rss" text={quoteattr(feed_title)}'
            f" title={quoteattr(feed_title)} xmlUrl={quoteattr(url)}"
            f" htmlUrl={quoteattr(site_url)}/>"
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")
