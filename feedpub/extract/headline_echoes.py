"""Where a plain-text headline candidate is given again on its page (pure).

A headline often comes back: in the page's title beside its site's name (``Headline | Site``),
as the last crumb of a trail (``Home » News » Headline``), as a list's item (``3. Headline``),
in capitals; and a longer candidate may open with a shorter one's words (a section's name, a
teaser cut short). ``headline_features`` reads these for each candidate.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
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


def contained(keys: Sequence[str]) -> list[tuple[float, float]]:
    """For each candidate's key (``key``) in ``keys``: (whether a longer candidate opens with
    the candidate's words: a site's or a section's name, a teaser cut short; whether the
    candidate opens with a shorter one's of two words or more). Sorted, the keys a key opens
    stand right after it, and its shorter openings are its prefixes of the lengths the keys
    have: no candidate is compared with every other one (quadratic on a long page)."""
    ordered = sorted(set(keys))
    spaced = {other for other in ordered if " " in other}  # a shorter one has two words
    lengths = sorted({len(other) for other in spaced})
    found: dict[str, tuple[float, float]] = {}
    for text in ordered:
        if " " not in text:
            found[text] = (0.0, 0.0)
            continue
        after = bisect_right(ordered, text)
        longer = after < len(ordered) and ordered[after].startswith(text)
        shorter = any(text[:size] in spaced for size in lengths[: bisect_left(lengths, len(text))])
        found[text] = (float(longer), float(shorter))
    return [found[text] for text in keys]
