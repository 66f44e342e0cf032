"""What a document says about itself, and its body as blocks (pure).

Every input reader (plain text, Markdown, HTML, JSON) turns a document into a ``Parsed``: the
metadata the document states explicitly (front matter, ``<meta>`` tags, JSON fields) and the
body as a sequence of ``Block``s. The normaliser then guesses only what is still missing:
explicit metadata always wins over guessing.
"""

from __future__ import annotations

import itertools
import re
import reprlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Any

from .dates import DateContext, ParsedDate, in_feed_range, parse_date
from .errors import Draft, Retracted
from .langtag import language_tag
from .xmltext import xml_text

__all__ = [
    "DATE_FIELDS",
    "FIELDS",
    "Block",
    "Metadata",
    "Parsed",
    "date_value",
    "draft_marker",
    "field_value",
    "image_url",
    "join_lines",
    "language_tag",
    "metadata_from_mapping",
    "name_list",
    "reads_dates_as_text",
    "single_spaced",
    "squash",
    "tag_list",
    "text_blocks",
    "text_of",
    "xml_text",
]

FIELDS = ("title", "published", "updated", "author", "publisher", "section", "language", "link",
          "summary", "image", "tags")  # fmt: skip


# Chinese and Japanese write no spaces between words: their ideographs, kana, punctuation
# and full-width forms (not Korean's Hangul, written with spaces).
_UNSPACED = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def join_lines(lines: Sequence[str]) -> str:
    """A block's wrapped ``lines`` as one text: joined with a space, but for a line that a
    text renderer wrapped inside Chinese or Japanese (``各国在供应链和贸易运`` over
    ``输上相互依存``), which goes on with no space, as it was written."""
    if len(lines) < 2 or all(map(str.isascii, lines)):
        return " ".join(lines)
    out = [lines[0]]
    for before, line in itertools.pairwise(lines):
        if before and line and _UNSPACED.match(before[-1]) and _UNSPACED.match(line[0]):
            out.append(line)
        else:
            out.extend((" ", line))
    return "".join(out)


@lru_cache(maxsize=4096)  # a line is squashed again by every stage that reads it
def squash(text: str) -> str:
    """``text`` with every run of white space made one space, trimmed, XML-safe."""
    if text.isprintable():
        # No control, surrogate or noncharacter in it, so nothing for xml_text to remove, and
        # no white space but " " (every other kind is unprintable): most lines, already
        # squashed, are then known to be without splitting them.
        if "  " in text or text.startswith(" ") or text.endswith(" "):
            return " ".join(text.split())
        return text
    return " ".join(xml_text(text).split())


def single_spaced(text: str) -> str:
    """``" ".join(text.split())``: every run of white space one space, trimmed; a line
    that is so already (most) is known to be without splitting it (as ``squash`` knows)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


@dataclass(frozen=True)
class Block:
    """One paragraph of a document's body."""

    text: str
    """The paragraph's text, white space squashed."""
    line: int
    """1-based line of the block's start in the source file (0 when not known)."""
    tag: str | None = None
    """``p``, ``h2``, ``h3``, ``li`` or ``blockquote`` when the source says; None for plain text."""
    lines: tuple[str, ...] = ()
    """The block's lines as written (plain text), for bylines and date lines."""
    links: tuple[tuple[str, str], ...] = ()
    """(anchor text, href as written) of the links in the block, in order (HTML, Markdown)."""
    images: tuple[tuple[str, str], ...] = ()
    """(src as written, alt text) of the images shown just before the block (HTML, Markdown)."""
    indents: tuple[int, ...] = field(default=(), compare=False, repr=False)
    """How far each of ``lines`` was indented (plain text: ``lynx -dump`` indents its body text
    and not its headings); a hint for the layout only, so not part of a block's equality."""


@dataclass(frozen=True)
class Metadata:
    """Fields a document states explicitly; None where it says nothing."""

    title: str | None = None
    published: ParsedDate | None = None
    updated: ParsedDate | None = None
    author: tuple[str, ...] | None = None
    """The authors, each a name, as stated."""
    publisher: str | None = None
    section: str | None = None
    language: str | None = None
    link: str | None = None
    summary: str | None = None
    image: str | None = None
    """The URL of the article's lead image, as written (maybe relative)."""
    tags: tuple[str, ...] | None = None
    """Tags or keywords the document states (``tags:``, ``article:tag``, JSON-LD keywords)."""
    origins: Mapping[str, str] = field(default_factory=dict)
    """Field name -> where it was found (``front matter 'date'``, ``<meta og:title>``)."""
    draft: Draft | None = None
    """What says the document is a draft (``draft: true``), as the error a build lists it
    by; None for a finished piece. Stated, not raised: ``feedpub inspect`` shows a draft."""
    notes: tuple[str, ...] = ()
    """What the document states that could not be used (a date that is no date), for
    ``inspect``: never a reason to reject it."""


@dataclass(frozen=True)
class Parsed:
    """A document read by its format's reader: explicit metadata and the body."""

    kind: str
    """``text``, ``markdown``, ``html`` or ``json``."""
    metadata: Metadata
    blocks: tuple[Block, ...]


# Names used for each field by static site generators, CMS exports and JSON APIs.
_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name"),
    # ``publish_at`` first: a document held back until then is published at that time.
    "published": ("publish_at", "published", "date", "datePublished", "date_published", "pubDate",
                  "published_at", "publishedAt", "publish_date", "created", "created_at"),
    "updated": ("updated", "lastmod", "modified", "dateModified", "date_modified",
                "updated_at", "updatedAt", "last_modified"),
    "author": ("author", "authors", "byline", "creator"),
    "publisher": ("publisher", "site", "site_name", "source"),
    "section": ("section", "category", "categories", "articleSection", "kicker"),
    "language": ("language", "lang", "locale", "inLanguage"),
    "link": ("link", "url", "canonical", "canonical_url", "permalink"),
    "summary": ("summary", "description", "excerpt", "abstract", "lead", "teaser"),
    "image": ("image", "images", "cover", "cover_image", "featured_image", "featuredImage",
              "feature_image", "thumbnail", "banner_image", "image_url", "og_image"),
    "tags": ("tags", "keywords"),
}  # fmt: skip


# Levels of lists and objects a field's value is looked into: a list of authors, each an
# object with a name, is three; a value nested deeper (hundreds of levels, say) is not read.
_MAX_DEPTH = 8


def text_of(value: object, _depth: int = 0) -> str | None:
    """A field's text: a string, the ``name`` (else ``@id``) of an object, or the texts of a
    list joined with commas."""
    if isinstance(value, str):
        return squash(value) or None
    if _depth >= _MAX_DEPTH:
        return None
    if isinstance(value, Mapping):
        return text_of(value.get("name") or value.get("@id"), _depth + 1)
    if isinstance(value, list):
        names = [text for text in (text_of(item, _depth + 1) for item in value) if text]
        return ", ".join(names) or None
    return None


DATE_FIELDS = ("published", "updated")


def field_value(name: str, value: object, context: DateContext) -> object | None:
    """A stated value as the field wants it: a ``ParsedDate`` for the dates, a language tag
    for ``language``, text for the others; None when it is none of these."""
    if name in DATE_FIELDS:
        return date_value(value, context)
    if name == "language":
        return language_tag(value)
    if name == "image":
        return image_url(value)
    if name == "tags":
        return tag_list(value)
    if name == "author":
        return name_list(value)
    return text_of(value)


_MAX_AUTHORS = 20


def name_list(value: object) -> tuple[str, ...] | None:
    """The people a stated author field names: a list (front matter ``authors: [...]``, a
    JSON or JSON-LD array) gives one each, a name or an object (``{name}``) one; each once,
    in order; None when there is none. A string is one name as it stands: splitting a byline
    into names is the normaliser's."""
    items = value if isinstance(value, list | tuple) else [value]
    names: dict[str, str] = {}
    for item in items:
        text = text_of(item)
        if text:
            names.setdefault(text.casefold(), text)
    return tuple(names.values())[:_MAX_AUTHORS] or None


_MAX_TAGS = 20  # more is keyword stuffing, not tagging
_MAX_TAG_CHARS = 100


def tag_list(value: object) -> tuple[str, ...] | None:
    """Tags from a list, or from one comma-separated string; blank and repeated ones (in any
    case) dropped, the first spelling kept; None when there are none."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        return None
    tags: dict[str, str] = {}
    for item in items:
        number = isinstance(item, int | float) and not isinstance(item, bool)
        text = str(item) if number else text_of(item)
        if text and len(text) <= _MAX_TAG_CHARS:
            tags.setdefault(text.casefold(), text)
    return tuple(tags.values())[:_MAX_TAGS] or None


_IMAGE_URL_KEYS = ("url", "contentUrl", "src", "path", "@id")


def image_url(value: object, _depth: int = 0) -> str | None:
    """An image's URL as stated: a string, the URL of an object (JSON-LD ``ImageObject``,
    Jekyll's ``image: {path: ...}``), or the first of a list (Hugo's ``images``)."""
    if _depth >= _MAX_DEPTH:
        return None
    if isinstance(value, list):
        return next((url for item in value if (url := image_url(item, _depth + 1))), None)
    if isinstance(value, Mapping):
        urls = (image_url(value.get(key), _depth + 1) for key in _IMAGE_URL_KEYS)
        return next((url for url in urls if url), None)
    if isinstance(value, str) and (url := value.strip()) and not any(c.isspace() for c in url):
        return xml_text(url) or None
    return None


def date_value(value: object, context: DateContext) -> ParsedDate | None:
    """A date from a stated value: a string (``parse_date`` in the document's languages, or a
    Unix timestamp in seconds or milliseconds), a date/datetime from YAML or TOML, or a number
    (a timestamp). None when it is no date (``Mo-Su 08:00-20:00``, ``2019-06``: a missing day
    is never filled in); a reader then notes it (``Metadata.notes``) and takes the next
    candidate, as it does with a date ``in_feed_range`` refuses (JSON-LD's ``0001-01-01``)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=context.zone)
        return ParsedDate(value)
    if isinstance(value, date):
        return ParsedDate(datetime.combine(value, time(), context.zone), date_only=True)
    if isinstance(value, str):
        if _TIMESTAMP.fullmatch(value):
            return date_value(float(value), context)
        return parse_date(
            value, context.zone, day_first=context.day_first, languages=context.languages
        )
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        # A Unix timestamp: seconds since 1970 UTC, or milliseconds when that large.
        seconds = value / 1000 if value > 100_000_000_000 else value
        try:
            return ParsedDate(datetime.fromtimestamp(seconds, UTC))
        except (OverflowError, OSError, ValueError):
            return None
    return None


# A Unix timestamp written as a string: seconds (9 or 10 digits: 1973 to 2286) or
# milliseconds (12 or 13); eight digits are a date (20190612), not a time in 1970.
_TIMESTAMP = re.compile(r"\s*(?:\d{9,10}|\d{12,13})(?:\.\d+)?\s*")


def unusable_date(where: str, value: object, line: int | None = None) -> str:
    """The note for a stated date that cannot be used: ``line 4: front matter 'date':
    'soon' is not a date (a readable one, in the years 1000 to 9999): ignored``."""
    prefix = f"line {line}: " if line else ""
    return (
        f"{prefix}{where}: {_shown(value)} is not a date (a readable one, in the years 1000 "
        "to 9999): ignored"
    )


# Hugo, Eleventy and most CMS exports say ``draft: true``; Jekyll says ``published: false``;
# WordPress exports give a ``status``.
_DRAFT_STATUSES = frozenset({"draft", "pending", "private"})


def draft_marker(data: Mapping[str, object]) -> str | None:
    """What in ``data`` says it is a draft (``draft: true``), or None for a finished piece."""
    draft = data.get("draft")
    if draft is True or (isinstance(draft, str) and draft.strip().lower() in ("true", "yes")):
        return f"draft: {'true' if draft is True else str(draft).strip()}"
    if data.get("published") is False:
        return "published: false"
    status = data.get("status")
    if isinstance(status, str) and status.strip().lower() in _DRAFT_STATUSES:
        return f"status: {status.strip()}"
    return None


_YES = ("true", "yes")


def retraction(data: Mapping[str, object]) -> tuple[str, str | None] | None:
    """(the key that says so, the reason it states) when ``data`` says the document is
    withdrawn: ``retracted: true`` with ``retraction_reason: ...``, or ``retracted: <the
    reason>``; None for a standing piece."""
    value = data.get("retracted")
    if value is None or value is False:
        return None
    reason = data.get("retraction_reason")
    comment = reason.strip() if isinstance(reason, str) and reason.strip() else None
    if value is True or (isinstance(value, str) and value.strip().lower() in _YES):
        return "retracted", comment
    if isinstance(value, str) and value.strip() and value.strip().lower() not in ("false", "no"):
        return "retracted", comment or value.strip()
    return None


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 80
_REPR.maxlevel = 3


def _shown(value: object) -> str:
    """``value`` as a message shows it: its repr, cut short (a value can be megabytes long,
    or nested deeper than ``repr`` can go)."""
    return _REPR.repr(value)


def reads_dates_as_text(data: Mapping[str, object]) -> bool:
    """Whether ``metadata_from_mapping`` reads a date of ``data`` from text: all it reads by
    a context's ``day_first`` and ``languages``. A date YAML or TOML made a date already
    (``date: 2024-01-02T10:00:00``), or a number, reads the same whatever those say."""
    return any(isinstance(data.get(key), str) for name in DATE_FIELDS for key in _KEYS[name])


def metadata_from_mapping(
    data: Mapping[str, object],
    context: DateContext,
    *,
    source: str,
    where: str,
    line: int = 1,
    key_lines: Mapping[str, int] | None = None,
) -> Metadata:
    """Metadata from front matter or a JSON record; an unreadable date is a note (the next
    key is tried), a document that says it is a draft has its ``draft``. Notes and errors
    name the line of their key in ``key_lines``, else ``line``."""
    lines = key_lines or {}
    marker = draft_marker(data)
    draft: Draft | None = None
    withdrawn = retraction(data)
    if withdrawn is not None:
        key, comment = withdrawn
        reason = Retracted.PREFIX + (f": {comment}" if comment else "")
        draft = Retracted(source, reason, line=lines.get(key, line))
    elif marker is not None:
        key = marker.partition(":")[0]
        draft = Draft(source, f"a draft ({where} says {marker})", line=lines.get(key, line))
    found: dict[str, Any] = {}
    origins: dict[str, str] = {}
    notes: list[str] = []
    for name, keys in _KEYS.items():
        for key in keys:
            if key not in data or data[key] in (None, "", []):
                continue
            value = data[key]
            converted = field_value(name, value, context)
            unusable = converted is None or (
                isinstance(converted, ParsedDate) and not in_feed_range(converted.value)
            )
            if unusable and name in DATE_FIELDS:
                if draft is None:  # a draft is not published: its dates need no note
                    notes.append(unusable_date(f"{where} {key!r}", value, lines.get(key, line)))
                continue
            if converted is None:
                continue
            found[name], origins[name] = converted, f"{where} {key!r}"
            break
    return Metadata(origins=origins, draft=draft, notes=tuple(notes), **found)


def text_blocks(text: str, first_line: int = 1) -> list[Block]:
    """Plain text as blocks: paragraphs separated by blank lines."""
    blocks: list[Block] = []
    current: list[str] = []
    indents: list[int] = []
    start = first_line
    for number, line in enumerate(text.split("\n"), start=first_line):
        stripped = line.strip()
        if stripped:
            if not current:
                start = number
            current.append(stripped)
            indents.append(len(line) - len(line.lstrip()))
        elif current:
            blocks.append(_text_block(current, start, indents))
            current, indents = [], []
    if current:
        blocks.append(_text_block(current, start, indents))
    return blocks


def _text_block(lines: list[str], start: int, indents: list[int]) -> Block:
    return Block(squash(join_lines(lines)), start, None, tuple(lines), indents=tuple(indents))
