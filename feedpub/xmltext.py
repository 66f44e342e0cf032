"""Text XML (and so HTML, and UTF-8) can carry: one small rule, with no dependencies, for
every module that writes text out."""

from __future__ import annotations

import re

__all__ = ["xml_text"]

# Controls XML 1.0 forbids, lone surrogates (which UTF-8 cannot encode) and U+FFFE/FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML cannot carry."""
    return _NOT_XML.sub("", text)
