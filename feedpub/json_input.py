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
    body = next((data[key] for key in _BODY_KEYS if isinstance(data.get(key), str)), None)
    if body is None or not body.strip():
        if metadata.draft is not None:
            raise metadata.draft  # a draft may be empty: it is not published either way
        raise DocumentError(
            source, f"no body text: expected one of the fields {', '.join(_BODY_KEYS)}", line=1
        )
    blocks: list[Block]
    if _HTML_TAG.search(body):
        root = parse_html(f"<html><body>{body}</body></html>", source, lines=False)
        metadata = with_first_image(metadata, root, "first <img> of the body")
        blocks = blocks_from_html(root.find("body"))
    else:
        body = body.replace("\r\n", "\n")
        # One paragraph per line when the record has no blank lines between paragraphs.
        paragraphs = text_blocks(body if "\n\n" in body else body.replace("\n", "\n\n"))
        blocks = [Block(b.text, 0, None, b.lines) for b in paragraphs]
    return Parsed("json", metadata, tuple(blocks))
