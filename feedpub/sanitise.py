"""Making an entry's HTML safe for every reader (pure).

The normaliser writes content from a handful of bare tags around escaped text, but
``render`` also takes entries built by callers, and readers differ in how much they clean:
some show an entry's HTML as it comes. So what reaches a feed keeps only the tags feedpub
writes itself, without attributes but a link's absolute http(s) ``href`` and an image's
absolute http(s) ``src`` and ``alt``; scripts, styles and embedded objects go with their
content, an image readers cannot fetch goes, any other tag (and a link to anything but
http(s)) is unwrapped to its text.
"""

from __future__ import annotations

import html
import re
from typing import Any

from lxml import etree

from .xmltext import xml_markup

__all__ = ["KEPT_TAGS", "safe_html", "web_url"]

KEPT_TAGS = frozenset({"p", "h2", "h3", "ul", "li", "blockquote", "a", "img"})
# Elements whose content is code or foreign markup, never text a reader should show.
_DROPPED_TAGS = (
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "head",
    "title",
    "plaintext",
)
# A '<' that does not open or close one of the kept tags, bare: anything else needs parsing.
_OWN_TAGS = "|".join(sorted(KEPT_TAGS - {"img"}))
_FOREIGN = re.compile(
    rf'<(?!/?(?:{_OWN_TAGS})>|a href="https?://[^"<>\s]*">'
    r'|img src="https?://[^"<>\s]*" alt="[^"<>]*">)'
)
_WEB_URL = re.compile(r"https?://[^\s<>\"\x00-\x1f]+", re.IGNORECASE)


def web_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL a reader can fetch, else None."""
    return url if url and _WEB_URL.fullmatch(url) else None


def safe_html(fragment: str) -> str:
    """``fragment`` with only the kept tags and their text; the normaliser's own HTML, which
    has nothing else, comes back unchanged (so feeds keep their bytes)."""
    if not _FOREIGN.search(fragment):
        return fragment
    # lxml refuses to set an attribute holding a character XML cannot carry, written as it
    # is or as a character reference.
    fragment = xml_markup(fragment)
    # Imported here: the normaliser's own HTML never gets this far, and lxml.html compiles
    # its expressions on import (a run rendering only plain texts needs none of it).
    from lxml import html as lxml_html

    page: Any  # lxml's stubs type the parsed page as a bare _Element
    try:
        # Always inside a body of our own: lxml's fragment_fromstring takes a fragment that
        # starts with "<html" for a whole page, and fails an assertion when it has no body.
        page = lxml_html.document_fromstring(f"<html><body>{fragment}</body></html>")
    except (etree.ParserError, ValueError):
        # Nothing lxml can read as HTML: show it all as text.
        return html.escape(fragment, quote=False)
    root = page.body  # libxml2 keeps the body it was given
    etree.strip_elements(
        root, *_DROPPED_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False
    )
    for image in list(root.iter("img")):
        src = (image.get("src") or "").strip()
        if _WEB_URL.fullmatch(src):
            alt = image.get("alt") or ""
            image.attrib.clear()
            image.set("src", src)
            image.set("alt", alt)
        else:
            image.drop_tree()  # nothing a reader can fetch (data:, javascript:, relative)
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        link.attrib.clear()
        if _WEB_URL.fullmatch(href):
            link.set("href", href)
        else:
            link.tag = "span"  # unwrapped below with the other foreign tags
    foreign = {el.tag for el in root.iterdescendants() if el.tag not in KEPT_TAGS}
    etree.strip_tags(root, *foreign)
    for element in root.iter():
        if element.tag not in ("a", "img"):
            element.attrib.clear()
    inner = [html.escape(root.text or "", quote=False)]
    inner += [etree.tostring(child, encoding="unicode", method="html") for child in root]
    return "".join(inner)
