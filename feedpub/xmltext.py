"""Text XML (and so HTML, and UTF-8) can carry: one small rule, with no dependencies, for
every module that writes text out."""

from __future__ import annotations

import re

__all__ = ["quoteattr", "xml_markup", "xml_text"]

# Controls XML 1.0 forbids, lone surrogates (which UTF-8 cannot encode) and U+FFFE/FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot carry."""
    return _NOT_XML.sub("", text)


# A character reference to one of those (``&#x1F;``, ``&#31``): an HTML parser turns it into
# the character itself. Digits after it would make it another character; so would a number
# written with leading zeros, which the patterns allow.
_NOT_XML_REFERENCE = re.compile(
    r"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF])"
    r"(?![0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}"
    r"|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]|6553[45])(?![0-9]));?"
)


def xml_markup(markup: str) -> str:
    """HTML ``markup`` without the characters XML cannot carry, written as they are or as
    numeric character references."""
    return _NOT_XML_REFERENCE.sub("", xml_text(markup))


# What xml.sax.saxutils.quoteattr replaces, in its order: that module imports urllib.request
# (http.client, ssl), 0.011 s of a run that writes one page.
_ATTRIBUTE_ESCAPES = (
    ("&", "&amp;"),
    (">", "&gt;"),
    ("<", "&lt;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
    ("\t", "&#9;"),
)


def quoteattr(value: str) -> str:
    """``value`` as a quoted XML attribute value, the same string as
    ``xml.sax.saxutils.quoteattr`` gives: in double quotes, or in single quotes when it holds
    a double quote and no single one (else its double quotes become ``&quot;``)."""
    for character, reference in _ATTRIBUTE_ESCAPES:
        value = value.replace(character, reference)
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"{}"'.format(value.replace('"', "&quot;"))
