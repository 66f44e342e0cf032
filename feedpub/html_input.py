"""Reading HTML pages: their stated metadata and their article text (pure).

What a page states comes first, read fully, most trusted first: JSON-LD (``NewsArticle``,
``Article``, ... also inside ``@graph``; an ``author`` or ``publisher`` given as
``{"@id": ...}`` is the referenced node's ``name``), Open Graph and ``article:*``, the
``<meta>`` names the field uses (Dublin Core, ``citation_*``, ``parsely-*``, ``sailthru.*``,
``sw-pubdate``, ...), ``itemprop`` on any element, ``<link rel=canonical>``, ``<html lang>``,
then ``<title>`` (the site's name taken off) and ``<h1>``. A stated value that cannot be read
(a date that is no date) is a note, never a rejection.

The article body is trafilatura's (its main text with headings, lists, quotes, tables, links
and images); what the page does not state, trafilatura's metadata gives (author, site name,
categories, tags, and htmldate's date from an extensive search of the page). When trafilatura
finds no text, the page's ``<article>`` (else ``<main>``, else ``<body>``) is read as text
blocks: a page with a title and text is never rejected. Every body becomes ``Block``s of
plain text, links and images, which the normaliser writes as feedpub's own few tags: nothing
else of the page's markup, scripts or attributes reaches a feed.

``blocks_from_html`` is the one reading of HTML as text blocks, for HTML inside Markdown and
JSON documents too: text in ``<div>``s and ``<br>``-separated lines become paragraphs, inline
markup (``<b>``, ``<span>``) is text, table rows are paragraphs with their cells apart.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from .dates import MONTHS, DateContext, ParsedDate, in_feed_range
from .errors import DocumentError
from .extract.bylines import byline_authors
from .extract.junk import AGENCY_LINE
from .metadata import DATE_FIELDS, Block, Metadata, Parsed, field_value, squash
from .xmltext import xml_markup

__all__ = ["blocks_from_html", "first_image", "parse_html", "read_html", "with_first_image"]

_DROP_ALWAYS = ("script", "style", "noscript", "template", "nav", "aside", "form", "button",
                "iframe", "svg", "figcaption", "select", "dialog", "textarea", "input",
                "object", "embed", "head", "title")  # fmt: skip
_BLOCK_TAGS = {"p": "p", "h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3",
               "h6": "h3", "li": "li", "blockquote": "blockquote", "pre": "p", "dd": "p",
               "dt": "p", "caption": "p"}  # fmt: skip
# Elements that are part of a line of text, not a block of their own.
_INLINE = frozenset({"a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data",
                     "del", "dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "nobr",
                     "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
                     "time", "tt", "u", "var", "wbr"})  # fmt: skip
# Elements below which an inline element is no longer one line: walked as a container.
_BLOCKISH = (*_BLOCK_TAGS, "div", "section", "article", "main", "table", "tr", "ul", "ol",
             "dl", "figure", "header", "footer", "center", "address", "details", "hr",
             "fieldset")  # fmt: skip
_LINE_BREAK = "\u2028"  # what a <br> becomes in text: a line separator, white space to squash
_ARTICLE_TYPES = {"Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle",
                  "AnalysisNewsArticle", "OpinionNewsArticle", "LiveBlogPosting",
                  "TechArticle", "ScholarlyArticle", "SocialMediaPosting", "Review",
                  "BackgroundNewsArticle", "Posting", "DiscussionForumPosting",
                  "MedicalWebPage", "Recipe", "HowTo"}  # fmt: skip
_PAGE_TYPES = {"WebPage", "ItemPage", "AboutPage", "CollectionPage", "ProfilePage"}
_ORGANISATION_TYPES = {"Organization", "NewsMediaOrganization", "Corporation", "WebSite",
                       "LocalBusiness", "EducationalOrganization", "GovernmentOrganization",
                       "Brand"}  # fmt: skip

# (field, names): <meta property|name|itemprop=NAME content=...>, most trusted first.
_META: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("dc.title", "dcterms.title", "og:title", "twitter:title", "parsely-title",
               "sailthru.title", "citation_title", "title", "headline")),
    ("published", ("article:published_time", "og:article:published_time", "article.published",
                   "datepublished", "citation_publication_date", "citation_date",
                   "citation_online_date", "publication_date", "publication-date",
                   "sw-pubdate", "pubdate", "publishdate", "publish-date", "publish_date",
                   "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued",
                   "dcterms.date", "sailthru.date", "parsely-pub-date", "og:published_time",
                   "article.created", "created")),
    ("updated", ("article:modified_time", "og:article:modified_time", "og:updated_time",
                 "datemodified", "last-modified", "dcterms.modified", "dc.date.modified",
                 "article.updated")),
    ("author", ("dc.creator", "dcterms.creator", "author", "article:author",
                "og:article:author", "parsely-author", "sailthru.author", "citation_author",
                "byl")),
    ("publisher", ("og:site_name", "application-name", "dc.publisher", "dcterms.publisher",
                   "citation_publisher")),
    ("section", ("article:section", "og:article:section", "parsely-section", "section")),
    ("summary", ("description", "og:description", "twitter:description", "dc.description")),
    ("link", ("og:url",)),
    ("language", ("og:locale", "content-language", "dc.language", "inlanguage")),
    ("image", ("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
               "twitter:image:src")),
)  # fmt: skip
_LD_KEYS = {
    "title": ("headline", "name"),
    "published": ("datePublished", "dateCreated"),
    "updated": ("dateModified",),
    "section": ("articleSection",),
    "summary": ("description",),
    "link": ("url", "mainEntityOfPage"),
    "language": ("inLanguage",),
    "image": ("image", "thumbnailUrl"),
    "tags": ("keywords",),
}
# itemprop on any element (microdata): field -> the property names.
_ITEMPROPS = {
    "title": ("headline",),
    "published": ("datepublished", "datecreated"),
    "updated": ("datemodified",),
    "author": ("author", "creator"),
}

# Send trafilatura's and htmldate's log records nowhere unless the application set up logging:
# without a handler, Python prints warnings ("discarding data") on stderr, into cron's mail.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


# ----------------------------------------------------------------------------- parsing

# The text is already decoded: tell lxml the bytes it gets are UTF-8, whatever <meta> says.
_PARSER = lxml.html.HTMLParser(encoding="utf-8")
_MAX_HTML_DEPTH = 256
"""The deepest nesting libxml2's HTML parser reads (without ``huge_tree``, whose deeper trees
the recursive walks of a page's tree could not take)."""


def parse_html(text: str, source: str) -> Any:
    """An lxml tree of ``text``; a ``DocumentError`` when it is not HTML at all, or when
    the parser would stop before its end (its line is the line of ``text``: a caller whose
    HTML was made from another document, Markdown or JSON, says that document's line)."""
    root: Any  # lxml's stubs type xpath() results too loosely to be useful here
    try:
        # lxml refuses to move text holding control characters (dropping a <script> does),
        # written as they are or as character references.
        root = lxml.html.document_fromstring(xml_markup(text).encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(source, f"not a readable HTML page: {exc}") from exc
    _refuse_what_the_parser_dropped(_PARSER.error_log, source)
    for bad in root.xpath("//comment() | //processing-instruction()"):
        if bad.getparent() is not None:  # one outside the root (a broken doctype) stays out
            bad.drop_tree()
    return root


def _refuse_what_the_parser_dropped(log: Any, source: str) -> None:
    """libxml2 stops at its limits (elements nested 256 deep, a text or an attribute of
    10,000,000 characters) and keeps what it read so far: the rest of the page would be
    lost without a word (or the whole article, said to have "no text")."""
    for error in log:
        if error.type_name != "ERR_RESOURCE_LIMIT":
            continue
        if "depth" in error.message:
            what = f"HTML elements nested more than {_MAX_HTML_DEPTH} levels deep"
        else:
            what = "a text or an attribute longer than 10,000,000 characters"
        reason = f"{what}: the HTML parser stops there, and what follows would be lost"
        raise DocumentError(source, reason, line=error.line)


def clean_text(value: str) -> str:
    """A stated text with its HTML entities decoded (``O&#039;Donnell``: CMSs escape twice)."""
    for _ in range(2):
        if "&" not in value:
            break
        value = html.unescape(value)
    return squash(value)


# ----------------------------------------------------------------------------- images

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


# ----------------------------------------------------------------------------- text blocks


def _keep_only_images(figure: Any) -> None:
    """Empty a ``<figure>`` but for its images: captions and credits are not body text."""
    images = list(figure.iter("img"))
    for child in list(figure):
        figure.remove(child)
    figure.text = None
    for image in images:
        image.tail = None
        figure.append(image)


def _text(element: Any) -> str:
    """The text of an element and everything in it (any lxml element, HTML or not)."""
    return "".join(element.itertext())


def _links(element: Any) -> list[tuple[str, str]]:
    tags = ("a",) if element.tag != "a" else ()
    found = [element] if element.tag == "a" else []
    found += list(element.iter(*tags)) if tags else []
    return [
        (anchor, href.strip())
        for a in found
        if (href := a.get("href")) and (anchor := squash(_text(a)))
    ]


class _Blocks:
    """Blocks being gathered from a tree: a run of loose text and inline elements waits for
    the next block boundary (a block element, a ``<br>``, the end of its container)."""

    def __init__(self, line_offset: int, breaks: int) -> None:
        self.blocks: list[Block] = []
        # This many <br>s in a row end a paragraph; fewer are a space.
        self.paragraph_break = re.compile(rf"(?:{_LINE_BREAK}\s*){{{breaks},}}")
        self.images: list[tuple[str, str]] = []  # (src, alt) waiting for the next block
        self.line_offset = line_offset
        self.run: list[str] = []
        self.run_links: list[tuple[str, str]] = []
        self.run_line = 0

    def _line(self, element: Any) -> int:
        line = int(element.sourceline or 0)
        return line + self.line_offset if line else 0

    def image(self, element: Any) -> None:
        if src := _image_src(element):
            self.images.append((src, squash(element.get("alt") or "")))

    def images_in(self, element: Any) -> None:
        for image in element.iter("img"):
            self.image(image)

    def add(self, tag: str, text: str, line: int, links: Sequence[tuple[str, str]]) -> None:
        for part in self.paragraph_break.split(text) if tag == "p" else (text,):
            part = squash(part)
            if not part:
                continue
            kept = tuple(link for link in links if link[0] in part)
            self.blocks.append(Block(part, line, tag, links=kept, images=tuple(self.images)))
            self.images = []

    def text(self, text: str | None, element: Any) -> None:
        if text:
            if not self.run:
                self.run_line = self._line(element)
            self.run.append(text)

    def inline(self, element: Any) -> None:
        self.images_in(element)
        self.text(_text(element), element)
        self.run_links += _links(element)

    def flush(self) -> None:
        if self.run:
            self.add("p", "".join(self.run), self.run_line, self.run_links)
        self.run, self.run_links = [], []

    def block(self, element: Any) -> None:
        self.flush()
        self.images_in(element)
        tag = _BLOCK_TAGS[element.tag]
        self.add(tag, _text(element), self._line(element), _links(element))

    def row(self, element: Any) -> None:
        self.flush()
        self.images_in(element)
        cells = [squash(_text(cell)) for cell in element if cell.tag in ("td", "th")]
        text = " | ".join(cell for cell in cells if cell)
        self.add("p", text.replace(_LINE_BREAK, " "), self._line(element), _links(element))


def _walk(element: Any, out: _Blocks) -> None:
    out.text(element.text, element)
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            pass  # a comment or processing instruction left in: only its tail is text
        elif tag == "img":
            out.image(child)
        elif tag == "br":
            out.text(_LINE_BREAK, child)
        elif tag in _BLOCK_TAGS:
            out.block(child)
        elif tag == "tr" and next(child.iter(*_BLOCKISH[:-1], "img"), child) is child:
            out.row(child)
        elif tag in _INLINE and next(child.iter(*_BLOCKISH), None) is None:
            out.inline(child)
        else:
            out.flush()
            _walk(child, out)
            out.flush()
        out.text(child.tail, child)


def _drop_tree(element: Any) -> None:
    """``element`` and its content removed, its tail kept: lxml.html's ``drop_tree`` for any
    element (trafilatura's body is made of plain ``lxml.etree`` ones, which have none)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def blocks_from_html(root: Any, line_offset: int = 0, *, breaks: int = 1) -> list[Block]:
    """The text blocks of an element: paragraphs, headings, list items and quotes, each with
    the images shown before it.

    Text outside any of these (in ``<div>``s, between ``<br>``s) makes paragraphs, inline
    markup is text, and a table row is a paragraph of its cells; ``breaks`` ``<br>``s in a
    row end a paragraph (one, in a document's own HTML; two, in a web page's, where one is a
    line break within it). Scripts, styles, navigation,
    asides, forms and captions in ``root`` are dropped first. Images after the last text
    block are left out: a block carries the images before it.
    """
    for bad in list(root.iter(*_DROP_ALWAYS)):
        if bad is not root:
            _drop_tree(bad)
    for figure in list(root.iter("figure")):
        _keep_only_images(figure)
    for br in root.iter("br"):
        br.tail = _LINE_BREAK + (br.tail or "")
    out = _Blocks(line_offset, breaks)
    if root.tag in _BLOCK_TAGS:
        out.block(root)
    else:
        _walk(root, out)
        out.flush()
    return out.blocks


# ----------------------------------------------------------------------------- stated metadata


# A script's JSON wrapped for XHTML's sake: "<![CDATA[ {...} ]]>", maybe behind "//".
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_TITLE_WORDS = 10  # words of a page's text that make its title when it states none
_MAX_NAME = 200  # characters: more is an author box's whole text, not a name


def _json_ld_nodes(root: Any) -> list[Mapping[str, Any]]:
    """Every object in the page's JSON-LD scripts (top-level, in lists, in ``@graph``)."""
    nodes: list[Mapping[str, Any]] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(_CDATA.sub("", script.text or ""))
        except (ValueError, RecursionError):  # RecursionError: nested too deeply
            continue  # a broken script is the page's problem; the other sources still count
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                nodes.append(item)
                graph = item.get("@graph", [])
                stack.extend(graph if isinstance(graph, list) else [graph])
    return nodes


def _types(node: Mapping[str, Any]) -> set[str]:
    types = node.get("@type", [])
    return {t for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}


@dataclass(frozen=True)
class _Name:
    """A name a page gives for a person or an organisation."""

    text: str
    organisation: bool
    origin: str


class _JsonLd:
    """The page's JSON-LD: its article objects (the page's own after them) and every node
    with an ``@id``, to resolve references."""

    def __init__(self, root: Any) -> None:
        nodes = _json_ld_nodes(root)
        self.by_id: dict[str, Mapping[str, Any]] = {}
        for node in nodes:
            key = node.get("@id")
            if isinstance(key, str) and len(node) > 1:
                self.by_id.setdefault(key, node)
        self.articles = [n for n in nodes if _ARTICLE_TYPES & _types(n)]
        self.pages = [
            n for n in nodes if _PAGE_TYPES & _types(n) and not _ARTICLE_TYPES & _types(n)
        ]
        self.sites = [n for n in nodes if _types(n) & {"WebSite"}]

    def resolve(self, value: object) -> object:
        """A value with an ``{"@id": ...}`` reference replaced by the node it names."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            key = value.get("@id")
            return self.by_id.get(key, value) if isinstance(key, str) else value
        return value

    def names(self, value: object, origin: str) -> list[_Name]:
        """The people or organisations a JSON-LD ``author``/``publisher`` value names."""
        value = self.resolve(value)
        if isinstance(value, list):
            return [name for item in value for name in self.names(item, origin)]
        if isinstance(value, str):
            text = clean_text(value)
            return [_Name(text, False, origin)] if text and not _is_url(text) else []
        if isinstance(value, Mapping):
            name = value.get("name")
            if isinstance(name, list):
                name = next((n for n in name if isinstance(n, str)), None)
            if isinstance(name, str) and (text := clean_text(name)) and not _is_url(text):
                organisation = bool(_ORGANISATION_TYPES & _types(value))
                return [_Name(text, organisation, origin)]
        return []


def _ld_title(item: Mapping[str, Any], page_title: str | None, sites: set[str]) -> object:
    """An article's JSON-LD title: its ``headline``, or its ``name`` when the two differ and
    the ``<title>`` shares more words with the name (Wikipedia's headline is a description:
    ``constitutional monarchy in Oceania`` for ``New Zealand``)."""
    headline, name = item.get("headline"), item.get("name")
    if not (isinstance(headline, str) and isinstance(name, str) and page_title):
        return headline
    if _site_name_key(name) in sites:
        return headline
    words = set(page_title.casefold().split())

    def shared(text: str) -> float:
        own = set(text.casefold().split())
        return len(own & words) / len(own) if own else 0.0

    return name if shared(name) > shared(headline) else headline


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://", "//", "www."))


def _meta_values(root: Any) -> dict[str, list[str]]:
    """``<meta>`` contents by lower-cased property, name, itemprop or http-equiv (``dc:title``
    and ``DC.title`` alike), each name's contents in page order."""
    values: dict[str, list[str]] = {}
    metas = [(meta, content.strip()) for meta in root.iter("meta")
             if (content := meta.get("content")) and content.strip()]  # fmt: skip
    # A property (RDFa, Open Graph) before a name of the same key, as readability reads them.
    for attribute in ("property", "name", "itemprop", "http-equiv"):
        for meta, content in metas:
            for key in (meta.get(attribute) or "").lower().split():
                key = key.replace("dc:", "dc.").replace("dcterm:", "dcterms.")
                values.setdefault(key, []).append(content)
    return values


def _itemprops(root: Any) -> dict[str, list[tuple[str, bool]]]:
    """Microdata values by lower-cased ``itemprop`` on elements other than ``<meta>``: their
    ``content`` or ``datetime`` attribute, else (for an author, the ``name`` inside) the text;
    each with whether it is an organisation's (``itemtype`` ``Organization``)."""
    found: dict[str, list[tuple[str, bool]]] = {}
    wanted = {name for names in _ITEMPROPS.values() for name in names}
    for element in root.xpath("//*[@itemprop][not(self::meta)]"):
        for key in (element.get("itemprop") or "").lower().split():
            if key not in wanted:
                continue
            value = element.get("content") or element.get("datetime")
            if value is None and key in ("author", "creator"):
                named = element.xpath(".//*[@itemprop='name']")
                value = (named[0].get("content") or named[0].text_content()) if named else None
                value = value or element.text_content()
            elif value is None and key == "headline":
                value = element.text_content()
            if value and value.strip() and len(value) <= _MAX_NAME:
                organisation = "organization" in (element.get("itemtype") or "").lower()
                found.setdefault(key, []).append((value, organisation))
    return found


_BY = re.compile(r"^(?:by|von|par|por|door)\s*:?\s+(?=\S)", re.IGNORECASE)
_TITLE_SEPARATORS = r"\s+[|\-–—·•:»›~/_]\s+|\s*[|·•»›]\s*"


def _site_name_key(name: str) -> str:
    """A site's name compared loosely: ``www.Helge.at`` and ``helge.at`` alike."""
    return re.sub(r"\W+", "", name.casefold().removeprefix("www."))


def strip_site_name(title: str, names: Sequence[str]) -> str:
    """``title`` without a site's name before or after a separator (``Title – site.example``,
    ``Site › Title``), when ``names`` holds that name (loosely compared); else as it is."""
    keys = {_site_name_key(n) for n in names if _site_name_key(n)}
    if not keys:
        return title
    parts = re.split(f"({_TITLE_SEPARATORS})", title)
    if len(parts) < 3:
        return title
    # parts alternate: text, separator, text, ...; try the longest suffix, then prefix.
    for cut in range(1, len(parts) - 1, 2):
        suffix = "".join(parts[cut + 1 :])
        if _site_name_key(suffix) in keys:
            left = "".join(parts[:cut]).strip()
            if left:
                return left
    for cut in range(len(parts) - 2, 0, -2):
        prefix = "".join(parts[:cut])
        if _site_name_key(prefix) in keys:
            right = "".join(parts[cut + 1 :]).strip()
            if right:
                return right
    return title


@dataclass
class _Found:
    """Stated values as they are found, with where and what could not be read."""

    context: DateContext
    values: dict[str, Any]
    origins: dict[str, str]
    notes: list[str]

    def offer(self, name: str, value: object, origin: str) -> None:
        if value is None or (name in self.values and name not in DATE_FIELDS):
            return
        if isinstance(value, str):
            value = clean_text(value) if name not in ("link", "image") else value.strip()
            if not value:
                return
        converted = field_value(name, value, self.context)
        if converted is None and name in DATE_FIELDS:
            self.notes.append(f"{origin}: {value!r} is not a date (ignored)")
            return
        if isinstance(converted, ParsedDate) and not in_feed_range(converted.value):
            self.notes.append(f"{origin}: {value!r} is outside the years feeds carry (ignored)")
            return
        if converted is None:
            return
        known = self.values.get(name)
        # A stated day without a time gives way to a later source's time on that day.
        if isinstance(known, ParsedDate) and not (
            isinstance(converted, ParsedDate)
            and known.date_only
            and not converted.date_only
            and known.value.date() == converted.value.date()
        ):
            return
        self.values[name], self.origins[name] = converted, origin


def _people(found: list[_Name], sites: Sequence[str]) -> tuple[list[_Name], list[_Name]]:
    """The names split into people and organisations (a name that is the site's too)."""
    keys = {_site_name_key(s) for s in sites}
    people, organisations = [], []
    for name in found:
        if name.organisation or _site_name_key(name.text) in keys or AGENCY_LINE.match(name.text):
            organisations.append(name)
        else:
            people.append(name)
    return people, organisations


def _stated(root: Any, context: DateContext) -> tuple[_Found, list[_Name], list[str], str | None]:
    """What the page states: the fields, the named authors (in order of trust), the site's
    names and the page's ``<title>``."""
    found = _Found(context, {}, {}, [])
    ld = _JsonLd(root)
    authors: list[_Name] = []
    sites: list[str] = []
    title = next(iter(root.xpath("/html/head/title | //title")), None)
    page_title = clean_text(title.text_content()) if title is not None else None
    site_names = {_site_name_key(n.text) for site in ld.sites for n in ld.names(site, "")}
    for item in (*ld.articles, *ld.pages):
        publishers = ld.names(item.get("publisher"), "JSON-LD publisher")
        sites += [n.text for n in publishers]
        not_titles = site_names | {_site_name_key(n.text) for n in publishers}
        for name, keys in _LD_KEYS.items():
            for key in keys:
                if key == "name" and (
                    item in ld.pages or _site_name_key(str(item.get(key))) in not_titles
                ):
                    continue  # a WebPage's name is the <title>, site name and all
                value = ld.resolve(item.get(key))
                if name == "title" and key == "headline":
                    value = _ld_title(item, page_title, not_titles)
                if name == "link" and isinstance(value, Mapping):
                    value = value.get("@id") or value.get("url")
                found.offer(name, value, f"JSON-LD {key}")
        for key in ("author", "creator"):
            authors += ld.names(item.get(key), f"JSON-LD {key}")
    for site in ld.sites:
        sites += [n.text for n in ld.names(site, "JSON-LD WebSite")]

    meta = _meta_values(root)
    for name, keys in _META:
        for key in keys:
            values = meta.get(key, [])
            if name == "author":
                # One name per key (a page says author as a property and as a name), but
                # for those repeated one author each.
                for value in values if key in ("citation_author", "article:author") else values[:1]:
                    text = _BY.sub("", clean_text(value))
                    if text and not _is_url(text):
                        authors.append(_Name(text, False, f"<meta {key}>"))
            elif name == "publisher":
                sites += [clean_text(v) for v in values[:1]]
            elif values:
                found.offer(name, values[0], f"<meta {key}>")
    items = _itemprops(root)
    for field_name, props in _ITEMPROPS.items():
        for prop in props:
            for value, organisation in items.get(prop, [])[:1]:
                if field_name == "author":
                    text = _BY.sub("", clean_text(value))
                    if text and not _is_url(text):
                        authors.append(_Name(text, organisation, f"itemprop {prop}"))
                else:
                    found.offer(field_name, value, f"itemprop {prop}")
    canonical = root.xpath("//link[@rel='canonical']/@href")
    found.offer("link", canonical[0] if canonical else None, "<link rel=canonical>")
    found.offer("language", root.get("lang") or root.get("xml:lang"), "<html lang>")
    # Open Graph repeats article:tag, one tag each.
    found.offer("tags", meta.get("article:tag") or None, "<meta article:tag>")
    stamps = root.xpath("//time[@datetime]/@datetime")
    found.offer("published", stamps[0] if stamps else None, "<time datetime>")
    image_src = root.xpath("//link[@rel='image_src']/@href")
    found.offer("image", image_src[0] if image_src else None, "<link rel=image_src>")
    return found, authors, list(dict.fromkeys(s for s in sites if s)), page_title or None


def _choose_title(
    found: _Found, page_title: str | None, headings: Sequence[str], sites: Sequence[str]
) -> None:
    """The title: the first stated one, else the first ``<h1>`` when the ``<title>`` is it
    with a suffix, else the ``<title>``, else the first ``<h1>``; the site's name taken off.
    """
    stated = found.values.get("title")
    if isinstance(stated, str):
        clean = strip_site_name(stated, sites)
        if clean != stated:
            found.values["title"] = clean
            found.origins["title"] += ", site name off"
    elif page_title:
        clean = strip_site_name(page_title, sites)
        heading = next(
            (
                h
                for h in headings[:1]
                if re.match(rf"{re.escape(h)}(?:{_TITLE_SEPARATORS})\S", clean)
            ),
            None,
        )
        if heading is not None:
            found.offer("title", heading, "<h1> (the <title> with a suffix)")
        else:
            # A <title> still carrying a suffix is split by the normaliser (origin "<title>").
            origin = "<title>" if clean == page_title else "<title>, site name off"
            found.offer("title", clean, origin)
    else:
        for heading in headings[:1]:
            found.offer("title", heading, "<h1>")


def _title_suffix(found: _Found, page_title: str | None) -> None:
    """The ``<title>``'s suffix after the chosen title: the site (``Title | Site``), or the
    section and the site (``Title | Section | Site``)."""
    title = found.values.get("title")
    if not page_title or not isinstance(title, str) or found.origins["title"] == "<title>":
        return
    suffix = re.fullmatch(rf"{re.escape(title)}(?:{_TITLE_SEPARATORS})(\S.{{0,80}})", page_title)
    if suffix is not None:
        parts = [p.strip() for p in suffix.group(1).split("|")]
        found.offer("publisher", parts[-1], "<title> suffix")
        if len(parts) == 2:
            found.offer("section", parts[0], "<title> suffix")


# Words that end the names of a byline: a month after a name ("Joshua Sokol May 9", not
# "Theresa May"), a digit, a word in lower case
# that is not part of a name ("Aleš Vávra před 2 hodinami").
_NAME_PARTICLES = frozenset({"de", "da", "del", "della", "der", "den", "van", "von", "zu", "la",
                             "le", "du", "y", "e", "and", "und", "et", "en", "ten", "ter",
                             "bin", "al"})  # fmt: skip


def byline_names(text: str) -> tuple[str, ...]:
    """The people a byline found on a page names (trafilatura's: ``By Jane Doe May 9``,
    ``Ben Silverman Games Editor``, ``Stella Kim; Jennifer Jett``), each of two words or
    more; none for a user name or a date."""
    words: list[str] = []
    for word in _BY.sub("", clean_text(text)).split():
        bare = word.strip(".,;:").casefold()
        if (bare in MONTHS and len(words) >= 2) or any(c.isdigit() for c in word):
            break
        if word[0].islower() and bare not in _NAME_PARTICLES:
            break
        words.append(word)
    line = " ".join(words).rstrip(",;")
    names = byline_authors(line) or byline_authors(f"By {line}")
    return tuple(n for n in names if len(n.split()) >= 2)


# A class naming an element a byline: "pb-byline", "authorname", "entry-author", "byline".
_BYLINE_CLASS = re.compile(r"byline|^author(?:s|name|-name|_name)?$|[-_]author(?:s|name)?$", re.I)
_BYLINE_MAX = 120  # characters of an element's text: more is an author box, not a byline
_BYLINE_SEARCH = "//*[contains(@class, 'yline') or contains(@class, 'uthor')]"


_ELSEWHERE = re.compile(r"comment|related|sidebar|widget|teaser|recommend|footer", re.I)


def _not_the_articles(element: Any) -> bool:
    """An element around other articles' bylines: navigation, asides, comments, teasers."""
    if element.tag in ("nav", "aside", "footer"):
        return True
    return bool(_ELSEWHERE.search(f"{element.get('class') or ''} {element.get('id') or ''}"))


def page_bylines(root: Any) -> list[_Name]:
    """The people the page's first byline element names (by its class: ``<span
    class="pb-byline">By <a>Erin Cunningham</a></span>``), outside navigation and asides."""
    for element in root.xpath(_BYLINE_SEARCH):
        if not any(_BYLINE_CLASS.search(c) for c in (element.get("class") or "").split()):
            continue
        if any(_not_the_articles(a) for a in element.iterancestors()):
            continue
        text = _text(element)
        if len(text) > _BYLINE_MAX:
            continue
        names = byline_names(text)
        if names:
            return [_Name(name, False, "the page's byline") for name in names]
    return []


def _choose_author(
    found: _Found, authors: list[_Name], extracted: str | None, sites: Sequence[str]
) -> None:
    """The author: the first person the page names (JSON-LD, <meta>, microdata, its byline,
    else trafilatura's byline); an organisation or the site only when it names no person."""
    if extracted and not _is_url(extracted):
        authors += [_Name(n, False, "trafilatura (byline)") for n in byline_names(extracted)]
    people, organisations = _people(authors, sites)
    chosen = people or organisations
    if not chosen:
        return
    first = chosen[0]
    # Several people from the same source (a JSON-LD list, repeated <meta author>) are
    # all the authors.
    names = dict.fromkeys(n.text for n in chosen if n.origin == first.origin)
    found.values["author"], found.origins["author"] = tuple(names), first.origin


# ----------------------------------------------------------------------------- trafilatura


@dataclass(frozen=True)
class _Extracted:
    """What trafilatura found in a page."""

    blocks: tuple[Block, ...]  # its text, with the page's links and images; () for none
    author: str | None
    date: str | None
    site: str | None
    categories: tuple[str, ...]
    tags: tuple[str, ...]


# Characters: less text than this, trafilatura takes as a sign its extractor missed the article
# (its MIN_EXTRACTED_SIZE), and so does feedpub, which then reads the page itself.
_MIN_EXTRACTED = 250


# The last page read and what trafilatura found in it: the normaliser reads a page a second
# time when its language changes how its dates read, and trafilatura's reading, the most
# costly part, does not depend on that. (text, url, found): the text compared by identity.
_last: tuple[str, str | None, _Extracted] | None = None


def _extracted(text: str, root: Any, url: str | None) -> _Extracted:
    """``_trafilatura(root, url)`` of the page ``text``, read once for the two readings."""
    global _last
    last = _last
    if last is not None and last[0] is text and last[1] == url:
        return last[2]
    found = _trafilatura(root, url)
    _last = (text, url, found)
    return found


def _trafilatura(root: Any, url: str | None) -> _Extracted:
    """trafilatura's reading of the page: its main text (headings, lists, quotes, tables)
    with the page's links and images, and its metadata (htmldate's date, extensive search).
    ``root`` is left as it is (trafilatura works on its own copy)."""
    # Imported here: a build without HTML pages never pays for importing them.
    import trafilatura
    from trafilatura.htmlprocessing import convert_to_html

    try:
        document = trafilatura.bare_extraction(
            root,
            url=url,
            output_format="xml",
            # Its own extractor only: the fallbacks it has for a page where that finds little
            # (readability's and jusText's) take in the site's header and lose the page's
            # paragraphs; feedpub's own reading of the page is the fallback here. As good on
            # the development pages (F1 0.947 against 0.946), and faster.
            fast=True,
            date_extraction_params={"extensive_search": True, "original_date": True},
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # Asking for links or images makes trafilatura take in more of the page around
            # the article (a tenth less F1 on the development pages): they are found in the
            # page for the text it gives instead (_with_links_and_images).
            include_images=False,
            include_links=False,
        )
    except Exception:  # a library failing on one page must not reject it
        document = None
    if document is None or isinstance(document, dict):
        return _Extracted((), None, None, None, (), ())
    blocks: list[Block] = []
    text = (document.raw_text or "").strip()
    if document.body is not None and len(document.body) and len(text) >= _MIN_EXTRACTED:
        body = convert_to_html(document.body).find("body")
        blocks = _with_links_and_images(blocks_from_html(body, breaks=2), root)
    return _Extracted(
        tuple(blocks),
        document.author or None,
        document.date or None,
        document.sitename or None,
        tuple(document.categories or ()),
        tuple(document.tags or ()),
    )


def _own_body(root: Any) -> list[Block]:
    """The page's text as feedpub reads it without trafilatura: its ``<article>`` (not a
    teaser card: the one with the most text), else ``<main>``, else ``<body>``."""
    candidates = root.xpath("//article | //*[@itemprop='articleBody'] | //main")
    container = max(candidates, key=lambda e: len(e.text_content()), default=None)
    body = root.find("body")
    if container is None or not container.text_content().strip():
        container = body if body is not None else root
    around = [container, *container.iterancestors()]  # kept alive: lxml proxies compare by id
    for bad in root.xpath("//header | //footer"):
        inside = any(a is container for a in bad.iterancestors())
        if not inside and not any(bad is a for a in around):
            bad.drop_tree()  # the site's header and footer; the article's own stay
    return blocks_from_html(container, breaks=2)


def _with_links_and_images(blocks: Sequence[Block], root: Any) -> list[Block]:
    """``blocks`` (trafilatura's text) with the links of the page's element that holds the
    same text, and the article's images shown before it in the page (from its headline on)."""
    wanted = {block.text for block in blocks}
    found: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]] = {}
    pending: list[tuple[str, str]] = []
    taken: set[str] = set()
    for element in root.iter(*_BLOCK_TAGS, "td", "img"):
        tag = element.tag
        if tag == "img":
            if (src := _image_src(element)) and src not in taken:
                pending.append((src, squash(element.get("alt") or "")))
                taken.add(src)
            continue
        if tag == "h1":
            pending = []  # images before the headline are the site's
        text = squash(_text(element).replace(_LINE_BREAK, " "))
        if text not in wanted or text in found:
            continue
        for image in element.iter("img"):
            if (src := _image_src(image)) and src not in taken:
                pending.append((src, squash(image.get("alt") or "")))
                taken.add(src)
        found[text] = (tuple(_links(element)), tuple(pending))
        pending = []
    out = []
    for block in blocks:
        links, images = found.pop(block.text, ((), ()))
        out.append(replace(block, links=block.links or links, images=images + block.images))
    return out


# Lines that are a site's furniture, not the article, whoever extracted it.
_FURNITURE = re.compile(
    r"^(?:nach oben|zurück nach oben|back to top|top|impressum|datenschutz(?:erklärung)?"
    r"|kontakt|privacy policy|cookie(?:s| settings| policy)?|leave a (?:reply|comment)"
    r"|post a comment|related (?:posts|articles)|ähnliche beiträge|kommentar schreiben"
    r"|this site uses akismet to reduce spam\..*|diese website verwendet akismet.*"
    r"|we use cookies\b.*|wir verwenden cookies\b.*|diese (?:web)?seite verwendet cookies\b.*"
    r")\W*$",
    re.IGNORECASE,
)


_WORDY = re.compile(r"\w").search  # a block without a letter or digit is a separator left


def _without_furniture(blocks: Sequence[Block]) -> list[Block]:
    kept: list[Block] = []
    images: tuple[tuple[str, str], ...] = ()
    for block in blocks:
        if len(block.text) < 300 and (_FURNITURE.match(block.text) or not _WORDY(block.text)):
            images += block.images
            continue
        kept.append(replace(block, images=images + block.images) if images else block)
        images = ()
    return kept


# ----------------------------------------------------------------------------- the reader


def read_html(text: str, source: str, context: DateContext) -> Parsed:
    """Metadata and body blocks of an HTML page."""
    root = parse_html(text, source)
    found, authors, sites, page_title = _stated(root, context)
    link = found.values.get("link")
    extracted = _extracted(text, root, link if isinstance(link, str) else None)
    named = list(sites)
    host = urlsplit(link).hostname if isinstance(link, str) else None
    if host:
        sites.append(host)  # "Title - example.org": a name to take off titles, not to show
    ld_body = next(
        (b for item in _JsonLd(root).articles if isinstance(b := item.get("articleBody"), str)),
        None,
    )
    headings = [h for e in root.iter("h1") if (h := clean_text(e.text_content()))]

    _choose_title(found, page_title, headings, sites)
    _choose_author(found, [*authors, *page_bylines(root)], extracted.author, sites)
    if named:
        found.offer("publisher", named[0], "the site's name")
    _title_suffix(found, page_title)
    # trafilatura's site name may be a part of the <title> it guessed at: only when the page
    # names none, and never to take off titles.
    found.offer("publisher", extracted.site, "trafilatura (site name)")
    if extracted.date:
        found.offer("published", extracted.date, "htmldate (trafilatura)")
    if extracted.categories:
        found.offer("section", extracted.categories[0], "trafilatura categories")
    if extracted.tags:
        found.offer("tags", list(extracted.tags), "trafilatura tags")

    blocks = list(extracted.blocks)
    if blocks:
        first = next((src for b in blocks for src, _alt in b.images), None)
        found.offer("image", first, "first <img> of the article")
    else:
        found.offer("image", first_image(root), "first <img> of the page")
        blocks = _own_body(root)
    if not blocks and isinstance(ld_body, str):
        blocks = [Block(squash(p), 0, "p") for p in ld_body.split("\n") if p.strip()]
    summary = found.values.get("summary")
    if not blocks and isinstance(summary, str):
        # A page whose text is all drawn by scripts still states what it is about.
        blocks = [Block(summary, 0, "p")]
    blocks = _without_furniture(blocks)
    if "title" not in found.values and blocks:
        # A page with text and no title anywhere: its first words, so it is not lost.
        words = blocks[0].text.split()
        title = " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")
        found.offer("title", title, "the text's first words (the page states no title)")
    metadata = Metadata(origins=found.origins, notes=tuple(found.notes), **found.values)
    return Parsed("html", metadata, tuple(blocks))
