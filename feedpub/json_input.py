"""Reading JSON records: one object per file with the article's fields (pure).

Field names of common CMS exports and APIs are understood (``title``/``headline``,
``date``/``datePublished``/``published_at``, ``body``/``content``/``content_html``, ...).
A body with HTML tags is read like an HTML page's text; plain text like a text document.
"""

from __future__ import annotations

import json
import re

from .dates import DateContext
from .errors import DocumentError
from .html_input import blocks_from_html, parse_html, with_first_image
from .metadata import Block, Parsed, metadata_from_mapping, text_blocks

__all__ = ["read_json"]

_BODY_KEYS = ("content_html", "body_html", "html", "content", "body", "text", "articleBody",
              "content_text", "article")  # fmt: skip
# Any tag makes the body HTML: inline markup alone ("<b>Bold lead.</b> Then more") too.
_HTML_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.I)


def _integer(digits: str) -> int | float:
    """A JSON integer; one too long for ``int()`` (over 4,300 digits) as the float it is
    near, no date or count either way."""
    return int(digits) if len(digits) <= 100 else float(digits)


def _field_line(text: str, key: str) -> int:
    """The line of the record's top-level field ``key`` (its last, as ``json.loads`` keeps the
    last of a repeated name; a JSON string holds no line breaks, so its whole value is on that
    line): the record is walked again only when that field's value is refused."""
    decoder = json.JSONDecoder(parse_int=_integer)
    position = _after_blanks(text, text.index("{") + 1)
    line = 1
    while text[position] != "}":
        name, end = decoder.raw_decode(text, position)
        if name == key:
            line = text.count("\n", 0, position) + 1
        _, end = decoder.raw_decode(text, _after_blanks(text, _after_blanks(text, end) + 1))
        position = _after_blanks(text, end)
        if text[position] == ",":
            position = _after_blanks(text, position + 1)
    return line


def _after_blanks(text: str, position: int) -> int:
    """The position of the first character at or after ``position`` that is no JSON blank."""
    while text[position] in " \t\r\n":
        position += 1
    return position


def read_json(text: str, source: str, context: DateContext) -> Parsed:
    """Metadata and body blocks of a JSON record."""
    try:
        data = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise DocumentError(source, f"not valid JSON: {exc.msg}", line=exc.lineno) from exc
    except RecursionError as exc:  # the decoder recurses once per level of [ and {
        raise DocumentError(source, "JSON nested too deeply to read", line=1) from exc
    if not isinstance(data, dict):
        raise DocumentError(
            source, f"a JSON document must be one object, not {type(data).__name__}", line=1
        )
    metadata = metadata_from_mapping(data, context, source=source, where="JSON field")
    key = next((key for key in _BODY_KEYS if isinstance(data.get(key), str)), None)
    body: str = "" if key is None else data[key]
    if key is None or not body.strip():
        if metadata.draft is not None:
            raise metadata.draft  # a draft may be empty: it is not published either way
        raise DocumentError(
            source, f"no body text: expected one of the fields {', '.join(_BODY_KEYS)}", line=1
        )
    blocks: list[Block]
    if _HTML_TAG.search(body):
        try:
            root = parse_html(f"<html><body>{body}</body></html>", source)
        except DocumentError as exc:  # its line is the body's HTML's: say the field's
            raise DocumentError(source, exc.reason, line=_field_line(text, key)) from exc
        metadata = with_first_image(metadata, root, "first <img> of the body")
        blocks = blocks_from_html(root.find("body"))
    else:
        body = body.replace("\r\n", "\n")
        # One paragraph per line when the record has no blank lines between paragraphs.
        paragraphs = text_blocks(body if "\n\n" in body else body.replace("\n", "\n\n"))
        blocks = [Block(b.text, 0, None, b.lines) for b in paragraphs]
    return Parsed("json", metadata, tuple(blocks))
