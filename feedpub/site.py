"""The static site beside the feeds, and the OPML list of feeds (pure: data in, bytes out).

``index.html`` is the readable view of the feed: plain HTML and CSS, no XSLT and no script,
so every browser shows it the same way. Its ``<link rel="alternate">`` elements let browsers
and readers discover every feed. Each entry gets a page of its own under ``entries/``; feeds
link there when a document has no URL of its own. Every text is escaped: entry content is
already the normaliser's own HTML (paragraphs and headings, no attributes, no scripts).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from .config import MEDIA_TYPES
from .model import Entry, FeedMeta
from .xmltext import xml_text

__all__ = ["FeedLink", "entry_page", "entry_page_path", "index_page", "opml"]

_FORMAT_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}

_STYLE = """\
body{font:1.05rem/1.55 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;\
color:#1d1d1f;background:#fff}
a{color:#0b57d0}header p,.meta{color:#555;font-size:.9rem}
article{border-top:1px solid #ddd;padding:.6rem 0}h1{line-height:1.2}article h2{font-size:1.25rem}
nav ul{padding-left:1.2rem}figure{margin:1rem 0}img{max-width:100%;height:auto}"""


@dataclass(frozen=True)
class FeedLink:
    """One feed the site announces: its title, format and path relative to the site root."""

    title: str
    fmt: str
    path: str


def entry_page_path(entry: Entry) -> str:
    """Where an entry's page lives, relative to the output folder."""
    return f"entries/{entry.key}.html"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _time(value: datetime) -> str:
    return f'<time datetime="{value.isoformat()}">{_e(value.strftime("%Y-%m-%d %H:%M %Z"))}</time>'


# The same few feeds head every entry page: their links are made once, not once a page.
@lru_cache(maxsize=16)
def _feed_links(feeds: tuple[FeedLink, ...], root: str) -> str:
    from xml.sax.saxutils import quoteattr

    return "".join(
        f'<link rel="alternate" type="{MEDIA_TYPES[feed.fmt]}" title={quoteattr(feed.title)}'
        f" href={quoteattr(root + feed.path)}>\n"
        for feed in feeds
    )


def _head(
    title: str, feeds: Sequence[FeedLink], root: str, language: str | None, icon: str | None
) -> str:
    # Imported here: xml.sax.saxutils pulls in urllib.request, a fifth of a no-op run's time,
    # and a no-op run needs only entry_page_path from this module.
    from xml.sax.saxutils import quoteattr

    lang = f" lang={quoteattr(language)}" if language else ""
    links = _feed_links(tuple(feeds), root)
    if icon and icon.lower().startswith(("https://", "http://")):
        links += f'<link rel="icon" href={quoteattr(icon)}>\n'
    return (
        f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n{links}<style>{_STYLE}</style>\n</head>\n<body>\n"
    )


def _entry_meta(entry: Entry) -> str:
    parts = [_time(entry.published)]
    if entry.updated != entry.published:
        parts.append("updated " + _time(entry.updated))
    if entry.credited:
        parts.append(", ".join(_e(name) for name in entry.credited))
    if entry.section:
        parts.append(_e(entry.section))
    return '<p class="meta">' + " · ".join(parts) + "</p>"


def index_page(
    entries: Sequence[Entry], meta: FeedMeta, feeds: Sequence[FeedLink], *, opml_path: str
) -> bytes:
    """The readable view of the feed: its newest entries, and every feed to subscribe to."""
    out = [_head(meta.title, feeds, "", meta.language, meta.icon), "<header>\n"]
    out.append(f"<h1>{_e(meta.title)}</h1>\n")
    if meta.subtitle:
        out.append(f"<p>{_e(meta.subtitle)}</p>\n")
    out.append(f'<p><a href="{_e(meta.site_url)}">{_e(meta.site_url)}</a></p>\n</header>\n<main>\n')
    for entry in entries:
        href = entry.link or entry_page_path(entry)
        out.append(
            f'<article>\n<h2><a href="{_e(href)}">{_e(entry.title)}</a></h2>\n'
            f"{_entry_meta(entry)}\n<p>{_e(entry.summary)}</p>\n</article>\n"
        )
    if not entries:
        out.append("<p>No entries yet.</p>\n")
    out.append("</main>\n<nav>\n<h2>Subscribe</h2>\n<ul>\n")
    for feed in feeds:
        out.append(
            f'<li><a href="{_e(feed.path)}" type="{MEDIA_TYPES[feed.fmt]}">{_e(feed.title)}</a>'
            f" ({_FORMAT_NAMES[feed.fmt]})</li>\n"
        )
    out.append(f'<li><a href="{_e(opml_path)}">All feeds (OPML)</a></li>\n</ul>\n</nav>\n')
    out.append("</body>\n</html>\n")
    return xml_text("".join(out)).encode("utf-8")


def entry_page(entry: Entry, meta: FeedMeta, feeds: Sequence[FeedLink]) -> bytes:
    """One entry in full, for documents that have no web page of their own."""
    title = f"{entry.title} - {meta.title}"
    out = [_head(title, feeds, "../", entry.language or meta.language, meta.icon)]
    out.append(f'<p><a href="../index.html">{_e(meta.title)}</a></p>\n<article>\n')
    out.append(f"<h1>{_e(entry.title)}</h1>\n{_entry_meta(entry)}\n")
    from .sanitise import safe_html, web_url  # lxml: only runs that write pages need it

    if image := web_url(entry.image):
        out.append(f'<figure><img src="{_e(image)}" alt=""></figure>\n')
    out.append(safe_html(xml_text(entry.content_html)))
    if entry.link:
        out.append(f'\n<p><a href="{_e(entry.link)}">Original</a></p>')
    out.append("\n</article>\n</body>\n</html>\n")
    return xml_text("".join(out)).encode("utf-8")


def opml(title: str, feeds: Sequence[tuple[str, str, str]], site_url: str) -> bytes:
    from xml.sax.saxutils import quoteattr

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
