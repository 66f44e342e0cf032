"""Sitemaps of the site's pages (pure: data in, bytes out).

``sitemap.xml`` lists the index and every entry page with its ``lastmod`` (the sitemaps.org
protocol 0.9); ``news-sitemap.xml`` the entry pages published in the last two days, with
Google's News extension (``xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"``:
publication name and language, publication date, title). Past the protocol's limits
(50,000 URLs or 50 MB a file; 1,000 URLs a News sitemap) the URLs are split over numbered
files (``sitemap-1.xml``, ...) and the plain name holds a sitemap index of them.

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
    "SITEMAP",
    "SITEMAP_NS",
    "NewsItem",
    "news_language",
    "news_sitemap_files",
    "sitemap_files",
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
    index = [_DECLARATION.encode(), f'<sitemapindex xmlns="{SITEMAP_NS}">\n'.encode()]
    for number, chunk in enumerate(chunks, 1):
        part = f"{stem}-{number}.xml"
        files.append((part, b"".join([head, *(e for e, _ in chunk), b"</urlset>\n"])))
        times = [when for _, when in chunk if when is not None]
        lastmod = f"<lastmod>{_time(max(times))}</lastmod>" if times else ""
        index.append(f"<sitemap><loc>{_url(base_url + part)}</loc>{lastmod}</sitemap>\n".encode())
    index.append(b"</sitemapindex>\n")
    files.append((name, b"".join(index)))
    return files


def sitemap_files(
    pages: Iterable[tuple[str, datetime | None]], base_url: str
) -> list[tuple[str, bytes]]:
    """``sitemap.xml`` (and its parts, past the limits) of ``pages``: (absolute URL, when it
    last changed), in the order given (keep it stable: an old page then stays in its part).
    ``base_url`` is where the files are published. Returns (file name, bytes)."""
    head = (_DECLARATION + f'<urlset xmlns="{SITEMAP_NS}">\n').encode()
    elements = []
    for loc, lastmod in pages:
        stamp = f"<lastmod>{_time(lastmod)}</lastmod>" if lastmod is not None else ""
        elements.append((f"<url><loc>{_url(loc)}</loc>{stamp}</url>\n".encode(), lastmod))
    return _files(SITEMAP, elements, head, base_url, MAX_URLS)


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
