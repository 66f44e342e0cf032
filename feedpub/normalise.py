"""Turning a document into an ``Entry`` (pure): the stage that ties the readers to the
extractors.

Each input format has a reader (plain text here; Markdown in ``frontmatter``, HTML in
``html_input``, JSON in ``json_input``) that returns the metadata the document states and its
body as blocks. What the document does not state is then guessed from its text by the modules
of ``feedpub.extract``:

- ``layout``: the headline (a line repeated right after itself, else one with a
  `` | Section`` suffix, else the first heading, else the longest headline-like line before
  the first paragraph), its section and publisher, the metadata lines around it and where the
  body starts;
- ``textdates``: the dates in those lines, a dateline opening the first paragraph and a
  ``Published ...`` line at the end, and which is published or updated;
- ``bylines``: the author; ``junk``: chrome, teasers, share buttons and photo credits;
  ``language``: the language when none is stated; ``body``: the body as feed content.

``inspect_document`` returns the entry together with where each field came from.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Literal

from .dates import DateContext, ParsedDate, in_feed_range
from .documents import read_document
from .errors import ArgumentError, DateError, DocumentError
from .extract.body import clean_body, opening_paragraph, to_html, whole_body, without_list_mark
from .extract.boilerplate import article
from .extract.guess import Guess
from .extract.language import detect_language, language_sample
from .extract.layout import layout, split_headline
from .extract.textdates import Dates
from .metadata import Block, Metadata, Parsed, squash, text_blocks, xml_text
from .model import Document, Entry, document_key, entry_id
from .urls import http_url

__all__ = [
    "READERS",
    "Inspection",
    "ReferenceTime",
    "detect_language",
    "document_kind",
    "entry_id",
    "inspect_document",
    "normalise",
]

ReferenceTime = Literal["file", "first_seen"]


# ----------------------------------------------------------------------------- readers


def _read_text(text: str, source: str, context: DateContext) -> Parsed:
    blocks = text_blocks(text)
    if len(blocks) == 1 and len(blocks[0].lines) > 3:
        # No blank line anywhere: a scrape that put each paragraph on one line.
        blocks = [
            Block(squash(line), blocks[0].line + i, None, (line,))
            for i, line in enumerate(blocks[0].lines)
        ]
    return Parsed("text", Metadata(), tuple(blocks))


# The other readers are imported on their first document: a run that reads plain text only
# (one changed document, say) does not pay for Python-Markdown, PyYAML and lxml.html.
def _read_markdown(text: str, source: str, context: DateContext) -> Parsed:
    from .frontmatter import read_markdown

    return read_markdown(text, source, context)


def _read_html(text: str, source: str, context: DateContext) -> Parsed:
    from .html_input import read_html

    return read_html(text, source, context)


def _read_json(text: str, source: str, context: DateContext) -> Parsed:
    from .json_input import read_json

    return read_json(text, source, context)


def load_readers() -> None:
    """Import every reader now (a process that forks parsing workers), not on the first
    document of its kind."""
    from . import frontmatter, html_input, json_input  # noqa: F401 - the import is the point


Reader = Callable[[str, str, DateContext], Parsed]
READERS: Mapping[str, Reader] = {
    "text": _read_text,
    "markdown": _read_markdown,
    "html": _read_html,
    "json": _read_json,
}
SUFFIXES: Mapping[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def document_kind(document: Document) -> str:
    """``text``, ``markdown``, ``html`` or ``json``: by the file's suffix, else its start."""
    kind = SUFFIXES.get(Path(document.source).suffix.lower())
    if kind is not None:
        return kind
    start = document.text.lstrip()[:200].lower()
    if start.startswith(("<!doctype html", "<html")):
        return "html"
    if start.startswith("{"):
        return "json"
    if start.startswith(("---\n", "+++\n")):
        return "markdown"
    return "text"


_BLOCK_TAG = re.compile(r"<(p|h2|h3|li|blockquote|img)[> ]")


# ----------------------------------------------------------------------------- the entry


@dataclass(frozen=True)
class Inspection:
    """An entry with what the normaliser saw: where each field came from."""

    entry: Entry
    kind: str
    """The reader used: ``text``, ``markdown``, ``html`` or ``json``."""
    origins: Mapping[str, str]
    """Field name -> where its value was found (a line, a metadata key, a default)."""
    notes: tuple[str, ...] = ()
    """Things a user may want to know (a date left unknown for lack of a reference, ...)."""

    def as_dict(self) -> dict[str, object]:
        """The inspection as JSON-ready data (``feedpub inspect --json``)."""
        entry = self.entry
        return {
            "source": entry.source,
            "kind": self.kind,
            "id": entry.id,
            "title": entry.title,
            "published": entry.published.isoformat(),
            "updated": entry.updated.isoformat(),
            "author": entry.author,
            "authors": list(entry.authors),
            "publisher": entry.publisher,
            "section": entry.section,
            "language": entry.language,
            "link": entry.link,
            "image": entry.image,
            "tags": list(entry.tags),
            "summary": entry.summary,
            "content_html": entry.content_html,
            "origins": dict(self.origins),
            "notes": list(self.notes),
        }

    def as_text(self) -> str:
        """The inspection for people (``feedpub inspect``): each field with its origin."""
        data = self.as_dict()
        lines = [f"{'source':<10} {data['source']} (read as {self.kind})"]
        for name in ("title", "published", "updated", "author", "publisher", "section",
                     "language", "link", "image", "tags", "summary"):  # fmt: skip
            value = data[name]
            if name == "author":  # each of several, told apart even when one has a comma
                value = "; ".join(self.entry.authors) or None
            elif isinstance(value, list):
                value = ", ".join(value) or None
            shown = "-" if value is None else str(value)
            if len(shown) > 100:
                shown = shown[:99] + "…"
            origin = self.origins.get(name)
            lines.append(f"{name:<10} {shown}" + (f"\n{'':<10} ({origin})" if origin else ""))
        body = _BLOCK_TAG.findall(self.entry.content_html)
        counts = ", ".join(f"{body.count(tag)} {tag}" for tag in dict.fromkeys(body))
        lines.append(f"{'content':<10} {counts}")
        lines.extend(f"{'note':<10} {note}" for note in self.notes)
        return "\n".join(lines)


# A str is always the document's text. One that is only a file name (`nos.txt`,
# `/tmp/x/nos.txt`) was meant as a path: read as text it would fail with "no headline found".
_PATH_LIKE = re.compile(r"\S+\.(?:txt|md|markdown|html?|json)", re.IGNORECASE)


def _as_document(document: object) -> Document:
    if isinstance(document, Document):
        return document
    if isinstance(document, os.PathLike):
        return read_document(Path(document))
    if isinstance(document, str):
        if "\n" not in document and (
            _PATH_LIKE.fullmatch(document.strip()) or _is_file(document.strip())
        ):
            raise ArgumentError(
                f"{document!r} looks like a path, but a str is the document's text; to read "
                f"the file, pass a Path: normalise(Path({document.strip()!r}))"
            )
        return Document(source="<text>", text=document)
    raise ArgumentError(
        "a document is a Path (the file to read), a Document or its text as str,"
        f" not {type(document).__name__}"
    )


def _is_file(text: str) -> bool:
    try:
        return 0 < len(text) < 4096 and Path(text).is_file()
    except (OSError, ValueError):  # a name too long, a NUL: text, not a path
        return False


def _options(
    zone: object,
    id_authority: object,
    language: object,
    first_seen: object,
    reference: object,
    day_first: object,
    base_url: object,
) -> tuple[tzinfo, str, str | None, datetime | None, ReferenceTime, bool | None, str | None]:
    """The keyword arguments of ``normalise``, checked: ``ArgumentError`` names the one it
    cannot take. A zone may be given by its IANA name (``"Europe/Amsterdam"``)."""
    from .config import named_zone

    if isinstance(zone, str):
        named = named_zone(zone)
        if named is None:
            raise ArgumentError(
                f"zone: {zone!r} is no time zone's name (an IANA name: 'Europe/Amsterdam')"
            )
        zone = named
    if not isinstance(zone, tzinfo):
        raise ArgumentError(
            f"zone: a tzinfo or an IANA zone name ('Europe/Amsterdam'), not {zone!r}"
        )
    if not isinstance(id_authority, str) or not id_authority:
        raise ArgumentError(f"id_authority: a non-empty str, not {id_authority!r}")
    texts: list[str | None] = []
    for name, value in (("language", language), ("base_url", base_url)):
        if value is not None and not isinstance(value, str):
            raise ArgumentError(f"{name}: a str or None, not {value!r}")
        texts.append(value)
    if first_seen is not None and (
        not isinstance(first_seen, datetime) or first_seen.utcoffset() is None
    ):
        raise ArgumentError(f"first_seen: a datetime with its zone, or None; not {first_seen!r}")
    if reference != "file" and reference != "first_seen":
        raise ArgumentError(f"reference: 'file' or 'first_seen', not {reference!r}")
    if day_first is not None and not isinstance(day_first, bool):
        raise ArgumentError(f"day_first: True, False or None, not {day_first!r}")
    return zone, id_authority, texts[0], first_seen, reference, day_first, texts[1]


def _with_source(error: DocumentError, source: str) -> DocumentError:
    if error.source:
        return error
    return type(error)(source, error.reason, line=error.line)


def inspect_document(
    document: Document | str | os.PathLike[str],
    *,
    zone: tzinfo | str = UTC,
    id_authority: str = "feedpub.invalid",
    language: str | None = None,
    first_seen: datetime | None = None,
    reference: ReferenceTime = "file",
    day_first: bool | None = None,
    base_url: str | None = None,
) -> Inspection:
    """Normalise a document and say where each field came from; see ``normalise``. A draft
    is shown too, with a note that a build does not publish it (``normalise`` raises
    ``Draft``)."""
    return _inspect_checked(
        document, zone, id_authority, language, first_seen, reference, day_first, base_url,
        drafts=True,
    )  # fmt: skip


def _inspect_checked(
    document: object,
    *options: object,
    drafts: bool,
) -> Inspection:
    checked = _options(*options)
    document = _as_document(document)
    try:
        return _inspect(document, *checked, drafts=drafts)
    except DocumentError as exc:
        raise _with_source(exc, document.source) from exc.__cause__


def _inspect(
    document: Document,
    zone: tzinfo,
    id_authority: str,
    language: str | None,
    first_seen: datetime | None,
    reference: ReferenceTime,
    day_first: bool | None,
    base_url: str | None = None,
    *,
    drafts: bool = False,
) -> Inspection:
    source = document.source
    reference_time = document.modified if reference == "file" else first_seen
    kind = document_kind(document)
    # Day-first for a numeric date follows the language, which needs the text: read once with
    # a provisional context, detect, then read again only if the answer changes.
    provisional = DateContext(zone, day_first if day_first is not None else True, reference_time)
    parsed = READERS[kind](document.text, source, provisional)
    draft = parsed.metadata.draft
    if draft is not None and not drafts:
        raise draft
    if not parsed.blocks:
        raise DocumentError(source, "no text")
    metadata = parsed.metadata
    guess = Guess()
    guess.offer("language", metadata.language, metadata.origins.get("language", ""))
    if "language" not in guess.values:  # a stated language wins: nothing to identify
        sample = language_sample([b.text for b in parsed.blocks[:40]])
        configured = (language.split("-")[0].lower(),) if language else ()
        guess.offer("language", detect_language(sample, configured), "detected (py3langid)")
    guess.offer("language", language, "configured default")
    found_language = guess.values.get("language")
    if day_first is None:
        day_first = not (isinstance(found_language, str) and found_language.startswith("en"))
    # The document's language, for the date forms only dateparser reads ("vor 3 Stunden").
    languages = (found_language.split("-")[0].lower(),) if isinstance(found_language, str) else ()
    context = DateContext(zone, day_first, reference_time, languages)
    if context.day_first != provisional.day_first and kind != "text":  # plain text states none
        parsed = READERS[kind](document.text, source, context)
        metadata = parsed.metadata

    body_blocks = layout(parsed.blocks, metadata, Dates(context), guess, source)
    # Explicit metadata wins over everything guessed.
    fields: dict[str, object] = {}
    origins: dict[str, str] = {}
    for name in ("title", "published", "updated", "author", "publisher", "section", "link",
                 "summary", "image", "tags"):  # fmt: skip
        value = getattr(metadata, name)
        if value is not None:
            fields[name], origins[name] = value, metadata.origins.get(name, "metadata")
        elif name in guess.values:
            fields[name], origins[name] = guess.values[name], guess.origins[name]
    fields["language"] = found_language
    origins["language"] = guess.origins.get("language", "")
    notes = [*metadata.notes, *guess.notes]

    title = fields.get("title")
    if not isinstance(title, str) or not title:
        raise DocumentError(source, "no title", line=parsed.blocks[0].line or None)
    if kind != "text":
        _split_stated_title(title, fields, origins)
    title = str(fields["title"])

    lead = None
    if kind == "text":  # a scraped page: what follows its article is not the article's
        kept = article(body_blocks, title)
        body_blocks, lead = tuple(kept.blocks), kept.lead
    body = clean_body(body_blocks, title)
    if not body and kind != "text":
        body = clean_body(parsed.blocks, "")  # a page whose only text is its title
    paragraphs = [block.text for block in body if block.tag in ("p", "blockquote", "li")]
    if not paragraphs and kind != "text":
        paragraphs = [block.text for block in body]  # a page of headings (and images) only
    if not paragraphs:
        # Never lose a document that has text: nothing after the headline, so all of the
        # text is the body (a title-only scrape, a one-paragraph note).
        body = whole_body(parsed.blocks)
        paragraphs = [block.text for block in body]
        notes.append("no body text after the headline: the whole text is the body")
    if "summary" not in fields:
        if lead is not None and lead in paragraphs:  # a dek or caption may come before it
            fields["summary"], origins["summary"] = lead, "the article's opening paragraph"
        else:
            fields["summary"] = opening_paragraph(paragraphs)
            origins["summary"] = "first body paragraph"
        fields["summary"] = without_list_mark(str(fields["summary"]))  # ours, not a stated one

    dates = _publication_dates(fields, origins, first_seen, zone)
    if dates is None:
        why = "; ".join(notes)
        # The line of a stated date that could not be used says most about what is wrong.
        stated = next((m for m in map(_NOTE_LINE.match, metadata.notes) if m), None)
        raise DateError(
            source,
            "no publication date found (looked in the metadata, before and after the "
            "headline, the first paragraph and the last lines)" + (f"; {why}" if why else ""),
            line=int(stated.group(1)) if stated else parsed.blocks[0].line or None,
        )
    published, updated = dates
    for role, date in (("published", published), ("updated", updated)):
        if not in_feed_range(date.value):
            # Render would refuse it, and then every feed: reject this one document instead.
            raise DateError(
                source,
                f"{role} date {date.value.isoformat()} ({origins[role]}) is outside the years "
                "1000 to 9999 feeds can carry",
            )
    if published.date_only:
        notes.append("published has no time of day: midnight at the start of the day")
    if draft is not None:
        notes.append(f"{draft.reason}: a build does not publish it")

    key = document_key(source)
    link = _web_link(fields.get("link"), notes, base_url)
    # A relative image is relative to the article's own page, as its content links are.
    image = _web_link(fields.get("image"), notes, link or base_url, what="image")
    entry = Entry(
        id=entry_id(id_authority, key),
        key=key,
        title=xml_text(title),
        published=published.value,
        updated=updated.value,
        summary=xml_text(str(fields["summary"])),
        content_html=to_html(body, link or base_url),
        source=source,
        link=link,
        section=_optional(fields.get("section")),
        publisher=_optional(fields.get("publisher")),
        authors=_authors(fields.get("author")),
        language=_optional(fields.get("language")),
        image=image,
        tags=_tags(fields.get("tags"), fields.get("section")),
    )
    return Inspection(entry, kind, origins, tuple(notes))


_NOTE_LINE = re.compile(r"line (\d+): ")


def _split_stated_title(title: str, fields: dict[str, object], origins: dict[str, str]) -> None:
    """Split a site's suffix off a stated title ("Headline | Site"); a <title> nearly always
    has one, other stated titles only when it names the known publisher."""
    known = [str(fields["publisher"])] if "publisher" in fields else []
    split_title, section, publisher = split_headline(title, known, origins["title"] == "<title>")
    if split_title == title:
        return
    fields["title"] = split_title
    for name, value in (("section", section), ("publisher", publisher)):
        if value and name not in fields:
            fields[name], origins[name] = value, origins["title"] + ", suffix"


def _publication_dates(
    fields: Mapping[str, object], origins: dict[str, str], first_seen: datetime | None, zone: tzinfo
) -> tuple[ParsedDate, ParsedDate] | None:
    """(published, updated): a document stating only an update was published then; one
    stating no date at all when feedpub first saw it; ``updated`` is never before
    ``published``."""
    published, updated = fields.get("published"), fields.get("updated")
    if not isinstance(updated, ParsedDate):
        updated = None
    if not isinstance(published, ParsedDate):
        published = None
        if updated is not None:
            published, origins["published"] = updated, origins["updated"] + " (only date given)"
        elif first_seen is not None:
            published = ParsedDate(first_seen.astimezone(zone))
            origins["published"] = "first seen (the document states no date)"
    if published is None:
        return None
    if updated is None or updated.value < published.value:
        updated, origins["updated"] = published, "same as published"
    return published, updated


def _web_link(
    value: object, notes: list[str], base_url: str | None, what: str = "link"
) -> str | None:
    """An absolute http(s) URL, or None: a relative link is made absolute against
    ``base_url`` (the page it is on, or the site) and dropped without one; a ``javascript:``
    link never reaches a feed reader."""
    link = _optional(value)
    if link is None:
        return None
    absolute = http_url(link, base_url) if " " not in link else None
    if absolute is not None:
        return absolute
    notes.append(f"{what} {link!r} ignored: not an absolute http(s) URL")
    return None


def _tags(value: object, section: object) -> tuple[str, ...]:
    """The stated tags, XML-safe, without the one that repeats the section."""
    if not isinstance(value, tuple):
        return ()
    same = section.casefold() if isinstance(section, str) else None
    return tuple(tag for t in value if (tag := _optional(t)) and tag.casefold() != same)


def _authors(value: object) -> tuple[str, ...]:
    """The entry's authors: a stated list as it is, each person a byline names."""
    names = value if isinstance(value, tuple) else (value,)
    return tuple(dict.fromkeys(name for n in names if (name := _optional(n))))


def _optional(value: object) -> str | None:
    text = xml_text(value).strip() if isinstance(value, str) else ""
    return text or None


def normalise(
    document: Document | str | os.PathLike[str],
    *,
    zone: tzinfo | str = UTC,
    id_authority: str = "feedpub.invalid",
    language: str | None = None,
    first_seen: datetime | None = None,
    reference: ReferenceTime = "file",
    day_first: bool | None = None,
    base_url: str | None = None,
) -> Entry:
    """Extract an ``Entry`` from a document: a ``Path`` (or other ``os.PathLike``) is the
    file to read, a ``Document`` one already read, and a ``str`` is always the document's
    text (a str that is only a file name is refused with an ``ArgumentError``: pass a Path).

    ``zone`` is the default zone for dates that name none, a ``tzinfo`` or an IANA name
    (``"Europe/Amsterdam"``); ``id_authority`` scopes entry ids
    (the site's host name by default in a build); ``language`` is used when the document
    neither states nor clearly shows its language. ``first_seen`` is when feedpub first saw
    the document: the published date of a document that states none. ``reference`` picks the
    time relative dates and missing years are resolved against: the file's modification time
    (``"file"``) or ``first_seen``. ``day_first`` reads ``1/2/2024`` as 1 February; by default
    it is true except for English. ``base_url`` (the site's URL in a build) makes a relative
    link of the document's absolute. Raises ``DocumentError`` (or ``DateError``) saying which
    file and line could not be understood, ``Draft`` for a draft, and ``ArgumentError`` (a
    ``TypeError`` and ``ValueError``) for an argument it cannot take.
    """
    return _inspect_checked(
        document, zone, id_authority, language, first_seen, reference, day_first, base_url,
        drafts=False,
    ).entry  # fmt: skip
