"""Language tags: one small rule, with no dependencies, for the configuration (checked on
every run, even one that parses nothing) and for what documents state."""

from __future__ import annotations

import re

__all__ = ["language_tag"]

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def language_tag(value: object) -> str | None:
    """``de_DE`` or ``de-de`` -> ``de-DE``; ``EN`` -> ``en``; None for what is not a language
    tag (``english``, ``en_US.UTF-8``), which must not reach ``xml:lang``."""
    if not isinstance(value, str):
        return None
    text = value.strip().replace("_", "-")
    if not _LANGUAGE_TAG.fullmatch(text):
        return None
    parts = text.split("-")
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])
