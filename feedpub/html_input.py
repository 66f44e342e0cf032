"""Reading HTML pages: their stated metadata and their article text (pure).

Metadata comes from, in order of trust: JSON-LD (``NewsArticle``, ``Article``, ...), Open Graph
and ``article:*`` properties, other ``<meta>`` names, ``<link rel=canonical>``, ``<html lang>``,
``<time datetime>``, and last ``<h1>``/``<title>``. The body is the text of the page's
``<article>`` (else ``<main>``, else ``<body>``) as paragraphs, headings, list items and
quotes; every other element, script and attribute is dropped, so nothing executable can reach
a feed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

import lxml.html
from lxml import etree

from .dates import DateContext, ParsedDate
from .errors import DateError, DocumentError
from .metadata import DATE_FIELDS, Block, Metadata, Parsed, field_value, squash
from .xmltext import xml_markup

__all__ = ["blocks_from_html", "first_image", "read_html", "with_first_image"]

_DROP_ALWAYS = ("script", "style", "noscript", "template", "nav", "aside", "form", "button",
                "iframe", "svg", "figcaption", "select", "dialog")  # fmt: skip
_BLOCK_TAGS = {"p": "p", "h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3",
               "h6": "h3", "li": "li", "blockquote": "blockquote", "pre": "p", "dd": "p",
               "dt": "p"}  # fmt: skip
_ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle",
                  "AnalysisNewsArticle", "OpinionNewsArticle", "LiveBlogPosting",
                  "TechArticle", "ScholarlyArticle", "WebPage"}  # fmt: skip

# (field, attribute, names): <meta property|name|itemprop=NAME content=...>, most trusted first.
_META: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("og:title", "twitter:title", "dc.title", "headline")),
    ("published", ("article:published_time", "datepublished", "pubdate", "publishdate",
                   "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created",
                   "dcterms.issued", "sailthru.date", "parsely-pub-date", "og:published_time")),
    ("updated", ("article:modified_time", "og:updated_time", "datemodified", "last-modified",
                 "dcterms.modified", "dc.date.modified")),
    ("author", ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")),
    ("publisher", ("og:site_name", "application-name", "dc.publisher")),
    ("section", ("article:section", "parsely-section", "section")),
    ("summary", ("description", "og:description", "twitter:description", "dc.description")),
    ("link", ("og:url",)),
    ("language", ("og:locale", "content-language", "dc.language")),
    ("image", ("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
               "twitter:image:src")),
)  # fmt: skip
_LD_KEYS = {
    "title": ("headline", "name"),
    "published": ("datePublished", "dateCreated"),
    "updated": ("dateModified",),
    "author": ("author", "creator"),
    "publisher": ("publisher",),
    "section": ("articleSection",),
    "summary": ("description",),
    "link": ("url", "mainEntityOfPage"),
    "language": ("inLanguage",),
    "image": ("image", "thumbnailUrl"),
    "tags": ("keywords",),
}


def _json_ld(root: Any) -> Iterator[Mapping[str, Any]]:
    """The article objects in the page's JSON-LD scripts (also inside lists and ``@graph``)."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):  # RecursionError: nested too deeply
            continue  # a broken script is the page's problem; the other sources still count
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.get("@graph", []))
                types = item.get("@type", [])
                types = types if isinstance(types, list) else [types]
                if _ARTICLE_TYPES.intersection(t for t in types if isinstance(t, str)):
                    yield item


def _meta_values(root: Any) -> dict[str, str]:
    """``<meta>`` contents by lower-cased property, name, itemprop or http-equiv."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if not content or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attribute) or "").strip().lower()
            if key and key not in values:
                values[key] = content.strip()
    return values


def _line_of(element: Any) -> int:
    return int(element.sourceline or 0)


# An <img> this small (by its stated size) is an icon, a button or a tracking pixel.
_MIN_IMAGE_SIDE = 100
_IMAGE_SOURCES = ("data-src", "data-lazy-src", "src")
_NOT_ARTICLE_IMAGES = {"nav", "aside", "form", "button", "header", "footer"}


def _image_src(image: Any) -> str | None:
    """The ``src`` of an ``<img>`` that is the article's own: not an icon or pixel by its
    stated size, not inlined data, not in navigation or a site header."""
    # A lazily loaded image has a placeholder (often inline data) as its src, the real one in
    # data-src.
    candidates = (image.get(name, "").strip() for name in _IMAGE_SOURCES)
    src = next((c for c in candidates if c and not c.lower().startswith("data:")), None)
    if src is None:
        return None
    sides = [image.get("width", ""), image.get("height", "")]
    if any(side.isdigit() and int(side) < _MIN_IMAGE_SIDE for side in sides):
        return None
    if any(a.tag in _NOT_ARTICLE_IMAGES for a in image.iterancestors()):
        return None
    return str(src)


def first_image(root: Any) -> str | None:
    """The ``src`` of the first of the article's own images in ``root``."""
    return next((src for image in root.iter("img") if (src := _image_src(image))), None)


def with_first_image(metadata: Metadata, root: Any, origin: str) -> Metadata:
    """``metadata`` with the first of ``root``'s own images as its lead image, when it states
    none (a Markdown or JSON body's, where no ``<meta>`` can name one)."""
    if metadata.image is not None or (image := first_image(root)) is None:
        return metadata
    return replace(metadata, image=image, origins={**metadata.origins, "image": origin})


def _keep_only_images(figure: Any) -> None:
    """Empty a ``<figure>`` but for its images: captions and credits are not body text."""
    images = list(figure.iter("img"))
    for child in list(figure):
        figure.remove(child)
    figure.text = None
    for image in images:
        image.tail = None
        figure.append(image)


def blocks_from_html(root: Any, line_offset: int = 0) -> list[Block]:
    """The text blocks of an element: paragraphs, headings, list items and quotes, each with
    the images shown before it.

    Scripts, styles, navigation, asides, forms and captions in ``root`` are dropped first.
    Images after the last text block are left out: a block carries the images before it.
    """
    for bad in list(root.iter(*_DROP_ALWAYS)):
        bad.drop_tree()
    for figure in list(root.iter("figure")):
        _keep_only_images(figure)
    blocks: list[Block] = []
    images: list[tuple[str, str]] = []  # (src, alt) waiting for the next block
    for element in root.iter(*_BLOCK_TAGS, "img"):
        if element.tag == "img":
            if src := _image_src(element):
                images.append((src, squash(element.get("alt") or "")))
            continue
        if any(ancestor.tag in _BLOCK_TAGS for ancestor in element.iterancestors()):
            continue  # a <p> inside an <li> or <blockquote> is part of it
        text = squash(element.text_content())
        if text:
            line = _line_of(element)
            links = tuple(
                (anchor, href.strip())
                for a in element.iter("a")
                if (href := a.get("href")) and (anchor := squash(a.text_content()))
            )
            tag = _BLOCK_TAGS[element.tag]
            number = line + line_offset if line else 0
            blocks.append(Block(text, number, tag, links=links, images=tuple(images)))
            images = []
    return blocks


# The text is already decoded: tell lxml the bytes it gets are UTF-8, whatever <meta> says.
_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def parse_html(text: str, source: str) -> Any:
    """An lxml tree of ``text``; a ``DocumentError`` when it is not HTML at all."""
    root: Any  # lxml's stubs type xpath() results too loosely to be useful here
    try:
        # lxml refuses to move text holding control characters (dropping a <script> does),
        # written as they are or as character references.
        root = lxml.html.document_fromstring(xml_markup(text).encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(source, f"not a readable HTML page: {exc}") from exc
    for bad in root.xpath("//comment() | //processing-instruction()"):
        if bad.getparent() is not None:  # one outside the root (a broken doctype) stays out
            bad.drop_tree()
    return root


def read_html(text: str, source: str, context: DateContext) -> Parsed:
    """Metadata and body blocks of an HTML page."""
    root = parse_html(text, source)
    found: dict[str, Any] = {}
    origins: dict[str, str] = {}

    def offer(name: str, value: object, origin: str) -> None:
        if value is None or (name in found and name not in DATE_FIELDS):
            return
        converted = field_value(name, value, context)
        if converted is None and name in DATE_FIELDS:
            raise DateError(source, f"{origin}: {value!r} is not a date")
        if converted is None:
            return
        known = found.get(name)
        # A stated day without a time gives way to a later source's time on that day.
        if isinstance(known, ParsedDate) and not (
            isinstance(converted, ParsedDate)
            and known.date_only
            and not converted.date_only
            and known.value.date() == converted.value.date()
        ):
            return
        found[name], origins[name] = converted, origin

    for item in _json_ld(root):
        for name, keys in _LD_KEYS.items():
            for key in keys:
                offer(name, item.get(key), f"JSON-LD {key}")
        body = item.get("articleBody")
        if isinstance(body, str) and "ld_body" not in found:
            found["ld_body"] = body
    meta = _meta_values(root)
    for name, keys in _META:
        for key in keys:
            if key == "article:author" and meta.get(key, "").startswith("http"):
                continue  # a profile URL, not a name
            offer(name, meta.get(key), f"<meta {key}>")
    canonical = root.xpath("//link[@rel='canonical']/@href")
    offer("link", canonical[0] if canonical else None, "<link rel=canonical>")
    offer("language", root.get("lang"), "<html lang>")
    # Open Graph repeats article:tag, one tag each (the <meta> table keeps only the first).
    offer(
        "tags", root.xpath("//meta[@property='article:tag']/@content") or None, "<meta article:tag>"
    )
    image_src = root.xpath("//link[@rel='image_src']/@href")
    offer("image", image_src[0] if image_src else None, "<link rel=image_src>")
    stamps = root.xpath("//time[@datetime]/@datetime")
    offer("published", stamps[0] if stamps else None, "<time datetime>")
    ld_body = found.pop("ld_body", None)

    container = next(iter(root.xpath("//article | //*[@itemprop='articleBody'] | //main")), None)
    if container is None:
        body = root.find("body")
        container = body if body is not None else root
    headings = container.xpath(".//h1") or root.xpath("//h1")
    if headings:
        offer("title", squash(headings[0].text_content()), "<h1>")
    title = root.find(".//title")
    if title is not None and title.text:
        # A <title> carries the site's suffix; the normaliser splits it off.
        offer("title", title.text, "<title>")
        page_title, stated = squash(title.text), found["title"]
        suffix = re.fullmatch(rf"{re.escape(stated)}\s+[|–—-]\s+(.{{1,60}})", page_title)
        if suffix is not None:
            offer("publisher", suffix.group(1), "<title> suffix")
    around = [container, *container.iterancestors()]  # kept alive: lxml proxies compare by id
    for bad in root.xpath("//header | //footer"):
        inside = any(a is container for a in bad.iterancestors())
        if not inside and not any(bad is a for a in around):
            bad.drop_tree()  # the site's header and footer; the article's own stay
    found_image = first_image(container)
    offer("image", found_image, "first <img> of the article")
    blocks = blocks_from_html(container)
    if not blocks and isinstance(ld_body, str):
        blocks = [Block(squash(p), 0, "p") for p in ld_body.split("\n") if p.strip()]
    return Parsed("html", Metadata(origins=origins, **found), tuple(blocks))
