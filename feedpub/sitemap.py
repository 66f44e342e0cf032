"""Sitemaps of the site's pages (pure: data in, bytes out).

``sitemap.xml`` lists the index and every entry page with its ``lastmod`` (the sitemaps.org
protocol 0.9); ``news-sitemap.xml`` the entry pages published in the last two days, with
Google's News extension (``xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"``:
publication name and language, publication date, title).

Past ``PART_URLS`` entry pages, ``sitemap.xml`` is a sitemap index of parts
(``sitemap-1.xml``, ...), each holding the pages of ``PART_URLS`` consecutive archive
positions (part ``n`` those from ``(n - 1) * PART_URLS``): a page never moves to another
part, so a build that changed one entry writes its part and the index again, not every URL
of the site. A part stays far inside the protocol's limits (50,000 URLs, 50 MB: 1,000 URLs
of at most 2,048 characters each). A News sitemap past 1,000 articles is split the same
way, by count (``news-sitemap-1.xml``, ...: it is small and made whole each time).

Nothing here reads the clock: the bytes follow from the entries alone, so a build that
changed nothing writes the same files (the caller picks the entries of the news window).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape as _html_escape
from urllib.parse import quote

from .xmltext import xml_text

__all__ = [
    "MAX_BYTES",
    "MAX_URLS",
    "NEWS_MAX_URLS",
    "NEWS_NS",
    "NEWS_SITEMAP",
    "NEWS_WINDOW",
    "PART_URLS",
    "SITEMAP",
    "SITEMAP_NS",
    "NewsItem",
    "news_language",
    "news_sitemap_files",
    "part_name",
    "sitemap_index",
    "sitemap_urlset",
]

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
SITEMAP = "sitemap.xml"
NEWS_SITEMAP = "news-sitemap.xml"
MAX_URLS = 50_000
"""URLs one sitemap file may list (sitemaps.org)."""
MAX_BYTES = 50 * 1024 * 1024
"""Bytes one sitemap file may have, uncompressed (sitemaps.org)."""
NEWS_MAX_URLS = 1_000
"""URLs with ``news:news`` one News sitemap may list (Google)."""
NEWS_WINDOW = timedelta(days=2)
"""How far back a News sitemap reaches: Google News takes articles of the last two days."""
PART_URLS = 1_000
"""Archive positions one part of ``sitemap.xml`` covers (past them, it is an index)."""

_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# Characters a URL may carry as they are (RFC 3986's reserved and unreserved ones, and
# the percent of an escape already made); anything else (spaces, other scripts) escaped.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


@dataclass(frozen=True)
class NewsItem:
    """One article of a News sitemap."""

    loc: str
    """The absolute URL of its page on the site."""
    published: datetime
    title: str
    language: str
    """In Google's form (``news_language``)."""


def escape(text: str) -> str:
    """``text`` as XML character data (html's escape: the standard library's XML one pulls
    in urllib.request, and the pipeline reads ``NEWS_WINDOW`` from here on every run)."""
    return _html_escape(text, quote=False)


def _url(url: str) -> str:
    return escape(quote(xml_text(url), safe=_URL_SAFE))


def _time(value: datetime) -> str:
    """A W3C datetime (the sitemap protocol's and Google's form), to the second."""
    return value.isoformat(timespec="seconds")


def news_language(tag: str | None) -> str | None:
    """A language tag as Google News takes it: the ISO 639 code (``en`` for ``en-GB``),
    ``zh-cn`` for Simplified and ``zh-tw`` for Traditional Chinese; None when ``tag`` has
    no such code."""
    if not tag:
        return None
    parts = tag.lower().replace("_", "-").split("-")
    primary = parts[0]
    if primary == "zh":
        traditional = {"hant", "tw", "hk", "mo"}
        return "zh-tw" if traditional & set(parts[1:]) else "zh-cn"
    if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha():
        return primary
    return None


def _split(
    elements: Sequence[tuple[bytes, datetime | None]], head: bytes, max_urls: int
) -> list[list[tuple[bytes, datetime | None]]]:
    """``elements`` (one ``<url>`` each) in files within the limits, in their order."""
    tail = len(b"</urlset>\n")
    chunks: list[list[tuple[bytes, datetime | None]]] = [[]]
    size = len(head) + tail
    for element in elements:
        chunk = chunks[-1]
        if chunk and (len(chunk) >= max_urls or size + len(element[0]) > MAX_BYTES):
            chunks.append([])
            size = len(head) + tail
        chunks[-1].append(element)
        size += len(element[0])
    return chunks


def _files(
    name: str, elements: Sequence[tuple[bytes, datetime | None]], head: bytes, base_url: str,
    max_urls: int,
) -> list[tuple[str, bytes]]:  # fmt: skip
    """The sitemap ``name``, or (past the limits) numbered files and ``name`` their index."""
    chunks = _split(elements, head, max_urls)
    if len(chunks) == 1:
        return [(name, b"".join([head, *(e for e, _ in chunks[0]), b"</urlset>\n"]))]
    stem = name.removesuffix(".xml")
    files: list[tuple[str, bytes]] = []
    index: list[tuple[str, str | None]] = []
    for number, chunk in enumerate(chunks, 1):
        part = f"{stem}-{number}.xml"
        files.append((part, b"".join([head, *(e for e, _ in chunk), b"</urlset>\n"])))
        times = [when for _, when in chunk if when is not None]
        index.append((base_url + part, _time(max(times)) if times else None))
    files.append((name, sitemap_index(index)))
    return files


def part_name(number: int) -> str:
    """The file name of part ``number`` (from 1) of ``sitemap.xml``."""
    return f"sitemap-{number}.xml"


_URLSET_HEAD = (_DECLARATION + f'<urlset xmlns="{SITEMAP_NS}">\n').encode()


def sitemap_urlset(pages: Iterable[tuple[str, str | None]]) -> bytes:
    """A ``<urlset>`` of ``pages``: (absolute URL, when it last changed as a W3C datetime,
    or None), in the order given."""
    elements = [_URLSET_HEAD]
    for loc, lastmod in pages:
        stamp = f"<lastmod>{lastmod}</lastmod>" if lastmod is not None else ""
        elements.append(f"<url><loc>{_url(loc)}</loc>{stamp}</url>\n".encode())
    elements.append(b"</urlset>\n")
    return b"".join(elements)


def sitemap_index(parts: Iterable[tuple[str, str | None]]) -> bytes:
    """A ``<sitemapindex>`` of ``parts``: (absolute URL of a part, its newest page's time as
    a W3C datetime, or None)."""
    lines = [_DECLARATION.encode(), f'<sitemapindex xmlns="{SITEMAP_NS}">\n'.encode()]
    for loc, lastmod in parts:
        stamp = f"<lastmod>{lastmod}</lastmod>" if lastmod is not None else ""
        lines.append(f"<sitemap><loc>{_url(loc)}</loc>{stamp}</sitemap>\n".encode())
    lines.append(b"</sitemapindex>\n")
    return b"".join(lines)


def news_sitemap_files(
    items: Iterable[NewsItem], publication: str, base_url: str
) -> list[tuple[str, bytes]]:
    """``news-sitemap.xml`` (and its parts, past 1,000 articles) of ``items``, newest first;
    ``publication`` is the publication's name as its articles show it. None at all when
    there is no item: the schema wants at least one URL in a sitemap."""
    ordered = sorted(items, key=lambda item: (-item.published.timestamp(), item.loc))
    if not ordered:
        return []
    head = (_DECLARATION + f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n').encode()
    name = escape(xml_text(publication))
    elements = []
    for item in ordered:
        element = (
            f"<url><loc>{_url(item.loc)}</loc><news:news><news:publication>"
            f"<news:name>{name}</news:name><news:language>{escape(item.language)}"
            "</news:language></news:publication>"
            f"<news:publication_date>{_time(item.published)}</news:publication_date>"
            f"<news:title>{escape(xml_text(item.title))}</news:title></news:news></url>\n"
        )
        elements.append((element.encode(), item.published))
    return _files(NEWS_SITEMAP, elements, head, base_url, NEWS_MAX_URLS)
