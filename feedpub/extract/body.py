"""The body of an article as feed content: junk and credits out, blocks to HTML."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import NamedTuple

from ..metadata import Block
from ..urls import http_url
from .junk import LIST_MARKS, credit_start, is_junk_line

__all__ = [
    "MARKDOWN_HEADING",
    "SENTENCE_END",
    "clean_body",
    "opening_paragraph",
    "to_html",
    "whole_body",
    "without_list_mark",
]

_SUBHEADING_MAX_WORDS = 10
SENTENCE_END = re.compile(r"[.,;:…]$")
MARKDOWN_HEADING = re.compile(r"(#{1,6})\s+(\S.*)")


# A word of two letters or more, and two Chinese, Japanese or Korean characters (they write
# no spaces between words).
_WORD = re.compile(r"[^\W\d_]{2,}")
_CJK_PAIR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2}")
_OPENING_PARAGRAPHS = 3  # a summary opens like one of the article's first paragraphs


def reads_as_text(text: str) -> bool:
    """Whether a paragraph says something: two words (or two CJK characters), and not a
    bracketed image name (``[cover-1-1]``) or a form's boxes (``[ ] [ ]``)."""
    if text.startswith("[") and text.endswith("]"):
        return False
    words = _WORD.findall(text, 0, 200)
    return len(words) >= 2 or _CJK_PAIR.search(text, 0, 200) is not None


def without_list_mark(text: str) -> str:
    """A summary without the list mark a renderer drew before its item (``• Dubai's ...``):
    a reader shows the summary as a sentence, where a lone mark reads as a stray glyph."""
    if text[:1] in LIST_MARKS and (rest := text[1:].lstrip()):
        return rest
    return text


def opening_paragraph(paragraphs: Sequence[str]) -> str:
    """The paragraph a summary is taken from when nothing better is known: the first of the
    first few that says something (``reads_as_text``), not a lone bullet (``•``), a form's
    boxes or a one-word label a renderer left (``processing...``); else the first."""
    for text in paragraphs[:_OPENING_PARAGRAPHS]:
        if reads_as_text(text):
            return text
    return paragraphs[0]


class _BodyBlock(NamedTuple):
    tag: str
    text: str
    links: tuple[tuple[str, str], ...] = ()
    images: tuple[tuple[str, str], ...] = ()  # (src, alt) shown before the block


_CAPTION_MAX = 150  # characters: a tagged block this long is a paragraph, never a caption


def clean_body(blocks: Sequence[Block], title: str) -> list[_BodyBlock]:
    """The real body: junk, credits and repeated captions removed (the images of a removed
    block go with the next one)."""
    seen: set[str] = {title.casefold()}
    out: list[_BodyBlock] = []
    guessed_heading = False
    carried: tuple[tuple[str, str], ...] = ()
    for block in blocks:
        text = block.text
        images = carried + block.images if carried else block.images
        if is_junk_line(text):
            carried = images
            continue
        credit = credit_start(text)
        if credit is not None:
            text = text[:credit].strip()
        folded = text.casefold()
        if not text or folded in seen:
            carried = images
            continue  # a caption repeated under each photo of a gallery
        carried = ()
        if block.tag is None or len(text) <= _CAPTION_MAX:
            # A page's own paragraph (HTML, Markdown) said twice is the page's text twice;
            # scraped text repeats its captions, whatever their length.
            seen.add(folded)
        tag = block.tag
        guessed_heading = False
        if tag is None:
            heading = MARKDOWN_HEADING.match(text)
            if heading:
                tag, text = ("h2" if len(heading.group(1)) <= 2 else "h3"), heading.group(2)
            else:
                tag = "h2" if _is_subheading(text) else "p"
                guessed_heading = tag == "h2"
        out.append(_BodyBlock(tag, text, block.links, images))
    # A trailing short block is a last paragraph, not a heading over nothing.
    if guessed_heading:
        out[-1] = out[-1]._replace(tag="p")
    return out


def whole_body(blocks: Sequence[Block]) -> list[_BodyBlock]:
    """Every block as a paragraph, as written: the body of a text that has nothing after its
    headline (a title-only scrape), so that no text is lost."""
    return [_BodyBlock(block.tag or "p", block.text, block.links, block.images)
            for block in blocks if block.text]  # fmt: skip


def _is_subheading(text: str) -> bool:
    return (
        len(text) <= 80  # first: most paragraphs are longer, and then need no splitting
        and 0 < len(text.split()) <= _SUBHEADING_MAX_WORDS
        and not SENTENCE_END.search(text)
        and not text.endswith(("?", "!", "”", '"'))
    )


def _content_url(href: str, base: str | None) -> str | None:
    """An absolute http(s) URL for a link in the content: relative ones are made absolute
    against ``base`` (the document's own URL, else the site's); others are dropped."""
    if any(c.isspace() or ord(c) < 32 for c in href):
        return None
    # None: javascript:, mailto:, data:, relative with nothing to resolve against, malformed
    return http_url(href, base)


def _linked_text(text: str, links: Sequence[tuple[str, str]], base: str | None) -> str:
    """``text`` escaped, each link's anchor text wrapped in ``<a href>`` where it occurs."""
    out: list[str] = []
    position = 0
    for anchor, href in links:
        url = _content_url(href, base)
        found = text.find(anchor, position) if url else -1
        if found < 0:
            continue
        out.append(html.escape(text[position:found], quote=False))
        escaped_url = html.escape(url or "", quote=True)
        out.append(f'<a href="{escaped_url}">{html.escape(anchor, quote=False)}</a>')
        position = found + len(anchor)
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


def to_html(body: Sequence[_BodyBlock], base: str | None = None) -> str:
    parts: list[str] = []
    in_list = False
    for tag, text, links, images in body:
        shown = [(url, alt) for src, alt in images if (url := _content_url(src, base))]
        if shown and in_list:
            parts.append("</ul>")  # an image between list items ends the list
            in_list = False
        for url, alt in shown:
            escaped_url, escaped_alt = html.escape(url, quote=True), html.escape(alt, quote=True)
            parts.append(f'<p><img src="{escaped_url}" alt="{escaped_alt}"></p>')
        if tag == "li" and not in_list:
            parts.append("<ul>")
            in_list = True
        elif tag != "li" and in_list:
            parts.append("</ul>")
            in_list = False
        escaped = _linked_text(text, links, base) if links else html.escape(text, quote=False)
        if tag == "blockquote":
            parts.append(f"<blockquote><p>{escaped}</p></blockquote>")
        else:
            parts.append(f"<{tag}>{escaped}</{tag}>")
    if in_list:
        parts.append("</ul>")
    return "\n".join(parts)
