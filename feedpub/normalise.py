"""Turning a document's text into an ``Entry`` (pure).

The text is split into blocks (paragraphs separated by blank lines). The leading blocks hold
the site chrome: a date line, the publisher, a tagline and the headline (often twice, with a
`` | Section`` suffix). The blocks after the headline are the body, cleaned of junk lines,
photo credits and repeated captions.
"""

from __future__ import annotations

import hashlib
import html
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, tzinfo
from pathlib import Path

from .dates import ParsedDate, parse_date
from .documents import read_document
from .errors import DateError, DocumentError
from .model import Document, Entry

__all__ = ["entry_id", "normalise"]

_HEADER_BLOCKS = 8  # the headline is looked for among this many leading blocks
_JUNK = re.compile(
    r"^(?:see also|read (?:more|also)|related|advertisement|share (?:this|on)|sponsored)\b",
    re.IGNORECASE,
)
# A trailing photo credit: "©AP", "© AFP", "(c) Reuters", "Photo: Reuters".
_CREDIT = re.compile(
    r"\s*(?:©|\(c\)|Photo:|Foto:|Credit:)\s*[\w.&/'-]+(?:[ ][A-Z][\w.&/'-]*){0,3}\s*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class _Block:
    text: str
    line: int  # 1-based line number of the block's first line


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append(_Block(" ".join(current), start))
            current = []
    if current:
        blocks.append(_Block(" ".join(current), start))
    return blocks


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _find_headline(blocks: list[_Block]) -> int | None:
    """Index of the headline block: one repeated right after itself, else one with `` | ``."""
    head = blocks[:_HEADER_BLOCKS]
    for i in range(len(head) - 1):
        if _squash(head[i].text) == _squash(head[i + 1].text):
            return i
    for i, block in enumerate(head):
        if " | " in block.text:
            return i
    return None


def _is_subheading(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 8 and len(text) <= 70 and not re.search(r"[.,;:]$", text)


@dataclass(frozen=True)
class _Body:
    paragraphs: tuple[tuple[str, str], ...]  # (tag, text) with tag "p" or "h2"


def _clean_body(blocks: list[_Block]) -> _Body:
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for block in blocks:
        text = _squash(block.text)
        if _JUNK.match(text):
            continue
        text = _CREDIT.sub("", text).strip()
        if not text:
            continue
        if text.casefold() in seen:
            continue  # a caption repeated under each photo of a gallery
        seen.add(text.casefold())
        out.append(("h2" if _is_subheading(text) else "p", text))
    # A trailing short block is a last paragraph, not a heading over nothing.
    if out and out[-1][0] == "h2":
        out[-1] = ("p", out[-1][1])
    return _Body(tuple(out))


def entry_id(authority: str, key: str) -> str:
    """The entry's global id: a name-based UUID, stable for the same authority and key."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"feedpub:{authority}:{key}").urn


def _document_key(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def normalise(
    document: Document | str | Path,
    *,
    zone: tzinfo = UTC,
    id_authority: str = "feedpub.invalid",
    language: str | None = None,
) -> Entry:
    """Extract an ``Entry`` from a document, a path to one, or plain text.

    ``zone`` is the default zone for dates that name none; ``id_authority`` scopes entry ids
    (the site's host name by default in a build). Raises ``DocumentError`` (or ``DateError``)
    saying which file and line could not be understood.
    """
    if isinstance(document, Path):
        document = read_document(document)
    elif isinstance(document, str):
        document = Document(source="<text>", text=document)
    source = document.source
    blocks = _blocks(document.text)
    if not blocks:
        raise DocumentError(source, "no text")

    headline_at = _find_headline(blocks)
    if headline_at is None:
        raise DocumentError(
            source,
            "no headline found (expected one repeated or with a ' | Section' suffix "
            f"in the first {_HEADER_BLOCKS} paragraphs)",
            line=blocks[0].line,
        )
    headline = _squash(blocks[headline_at].text)
    title, _, section = headline.rpartition(" | ") if " | " in headline else (headline, "", "")
    title, section = title.strip(), section.strip()

    published: ParsedDate | None = None
    chrome: list[str] = []
    for block in blocks[:headline_at]:
        parsed = parse_date(block.text, zone) if published is None else None
        if parsed is not None:
            published = parsed
        else:
            chrome.append(_squash(block.text))
    if published is None:
        raise DateError(source, "no publication date found before the headline", line=1)

    body_start = headline_at + 1
    if body_start < len(blocks) and _squash(blocks[body_start].text) == headline:
        body_start += 1
    body = _clean_body(blocks[body_start:])
    paragraphs = [text for tag, text in body.paragraphs if tag == "p"]
    if not paragraphs:
        raise DocumentError(source, "no body text after the headline", line=blocks[-1].line)

    content = "\n".join(
        f"<{tag}>{html.escape(text, quote=False)}</{tag}>" for tag, text in body.paragraphs
    )
    key = _document_key(source)
    return Entry(
        id=entry_id(id_authority, key),
        key=key,
        title=title,
        published=published.value,
        updated=published.value,
        summary=paragraphs[0],
        content_html=content,
        source=source,
        section=section or None,
        publisher=chrome[0] if chrome else None,
        language=language,
    )
