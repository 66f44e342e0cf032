"""Where a plain-text headline candidate is given again on its page (pure).

A headline often comes back: in the page's title beside its site's name (``Headline | Site``),
as the last crumb of a trail (``Home » News » Headline``), as a list's item (``3. Headline``),
in capitals; and a longer candidate may open with a shorter one's words (a section's name, a
teaser cut short). ``headline_features`` reads these for each candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .candidates import BULLET, WindowLine

__all__ = ["TITLE_LINES", "contained", "crumbs_and_echoes", "key", "title_fronts"]

TITLE_LINES = 40  # lines at the top where a page's title (``Headline | Site``) may stand
# What parts a page's title: "Headline | Site", "Headline - Site", "Site :: Headline".
_TITLE_SEPARATOR = re.compile(r"\s(?:\||-|–|—|::|·|«|»)\s")


def title_fronts(texts: Sequence[str]) -> dict[str, set[str]]:
    """The longest part of each line that reads like a page's title with its site's name
    (``Headline | Site``, ``Site - Headline``), by its key (``key``), with the lines it was
    taken from. A headline given there again, beside its site's name, is the page's title."""
    fronts: dict[str, set[str]] = {}
    for text in texts:
        parts = _TITLE_SEPARATOR.split(text)
        if 1 < len(parts) <= 4:
            part = max(parts, key=len)
            if part.count(" ") >= 1:
                fronts.setdefault(key(part), set()).add(text)
    return fronts


_CRUMB = re.compile(r"\s(?:>|»|›|→|/|::)\s")  # "Home » News » Headline" (not a title's " | ")


def crumbs_and_echoes(
    lines: Sequence[WindowLine],
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(the last part of each breadcrumb's line, ``Home » News » Headline``: the page it
    leads to; each line's text, with its bullet, case and a teaser's ellipsis left out), by
    key (``key``), with the lines they were taken from. A headline is often given again: the
    last crumb of a trail, an item of a list (``3. Headline``), a heading in capitals."""
    crumbs: dict[str, set[str]] = {}
    echoes: dict[str, set[str]] = {}
    for line in lines:
        text = line.text
        if " " not in text:
            continue
        echoes.setdefault(key(text), set()).add(text)
        if _CRUMB.search(text):
            last = _CRUMB.split(text)[-1]
            if last.count(" ") >= 1:
                crumbs.setdefault(key(last), set()).add(text)
    return crumbs, echoes


def key(text: str) -> str:
    """A candidate's text to compare with the others': bullets, case and a teaser's
    trailing ellipsis left out."""
    return BULLET.sub("", text).rstrip(".…").strip().casefold()


def contained(text: str, key: str, keys: Sequence[str]) -> tuple[float, float]:
    """(whether a longer candidate opens with the candidate's words: a site's or a section's
    name, a teaser cut short; whether the candidate opens with a shorter one's)."""
    if key.count(" ") < 1:
        return 0.0, 0.0
    longer = any(len(other) > len(key) and other.startswith(key) for other in keys)
    shorter = any(
        len(other) < len(key) and other.count(" ") >= 1 and key.startswith(other) for other in keys
    )
    return float(longer), float(shorter)
