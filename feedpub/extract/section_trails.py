"""The section a scraped article's page names far from its headline, the last places
``masthead`` looks when nothing around the headline names one (pure): a breadcrumb anywhere
that ends with the headline (``Startseite » Ratgeber » <headline>``, often in the footer,
or ``Business|<headline>``), a
post's category (``Posted in Recipes``, ``Kategorie: Garten``), the one ``More in Politics``
line of a page, the menu's item a renderer marks as the page's own (``Travel (current)``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .candidates import BULLET
from .sections import CRUMB_MARKS, first_category, is_kicker, is_title
from .textdates import Dates

__all__ = ["far_section"]

_CHAIN = re.compile(rf"\s*[{CRUMB_MARKS}]\s*")  # between a breadcrumb's links
_BAR = re.compile(r"([^|]{2,40})\|(?=\S)")  # "Business|Rolling Blackouts in California ..."
# A post's category as WordPress and the like write it, in the post's footer: "Posted in
# Feelings and tagged baby", "Posted in Grants | Permalink", "Kategorie:Fashion Trends",
# "This Article is related to: Awards and tagged Consider This".
# ("Filed under" names the post's tags as often, not its section.)
_POSTED = re.compile(
    r"^(?:posted|veröffentlicht|gepostet|publié|publicado)\s+(?:in|unter|dans|en)\s+"
    r"|^(?:categor(?:y|ies)|kategorien?|catégories?|categorías?|categorias?)\s*:\s*"
    r"|^this (?:article|post|story) is related to\s*:\s*",
    re.IGNORECASE,
)
_POSTED_END = re.compile(r"\s*(?:\||•|/|\s(?:and|und|et|y)\s+(?:tagged|getaggt)\b).*$", re.I)
# The heading over the other articles of the page's section: "More in Politics", "Más en
# Noticias", "Lo último de Política", "Mais lidas em Esporte", "Next Up In Science & Health".
# ("More from" names the site as often: "More From WIRED".)
_MORE_IN = re.compile(
    r"^(?:more in|next up in|latest in|más en|lo último de|mais lidas em|mais em|meer uit"
    r"|mehr aus)\s+(?=\S)",
    re.IGNORECASE,
)
_CURRENT = re.compile(r"\s*\((?:current|actual|aktuell|actuel)\)$", re.IGNORECASE)


def far_section(
    lines: Sequence[tuple[str, int]], title: str | None, dates: Dates
) -> tuple[str, int, str] | None:
    """The section, its line and how it was found, among the whole text's ``lines`` (each
    squashed, with its number): a breadcrumb ending with the headline ``title``, else a
    post's category, else the page's one ``More in`` heading, else its menu's current
    item."""
    found = _crumb_to(lines, title, dates) if title else None
    if found is None:
        found = _first(lines, title or "", dates)
    if found is None:
        for pattern, what in ((_MORE_IN, "the heading over its section"),
                              (_CURRENT, "the menu's current item")):  # fmt: skip
            found = _only(lines, pattern, title or "", dates, what)
            if found is not None:
                break
    return found


def _crumb_to(
    lines: Sequence[tuple[str, int]], title: str, dates: Dates
) -> tuple[str, int, str] | None:
    """The part before the headline of a breadcrumb of three parts or more whose last is
    the headline (or its start, as a line's end cuts it), anywhere in the text, or what
    stands before it and a bar with no space (``Business|<headline>``)."""
    for text, number in lines:
        if text.startswith("#"):
            continue  # a lynx dump's feed links: "#Site » Feed Site » Comments Feed Site »"
        parts = [p for p in _CHAIN.split(BULLET.sub("", text)) if p]
        if len(parts) >= 3 and is_title(parts[-1], title, True):
            named = first_category(parts[-2], title, dates)
            if is_kicker(named, title, dates):
                return named, number, "a breadcrumb to the headline"
        bar = _BAR.match(text)  # the page's section and headline, as its header gives them
        if (
            bar is not None
            and is_title(text[bar.end() :], title, True)
            and is_kicker(bar.group(1), title, dates)
        ):
            return bar.group(1), number, "the section before the headline"
    return None


def _first(
    lines: Sequence[tuple[str, int]], title: str, dates: Dates
) -> tuple[str, int, str] | None:
    """The first of the categories the first ``Posted in`` line names."""
    for text, number in lines:
        text = BULLET.sub("", text)
        posted = _POSTED.match(text)
        if posted is not None:
            named = first_category(_POSTED_END.sub("", text[posted.end() :]), title, dates)
            if is_kicker(named, title, dates):
                return named, number, "the post's category"
            return None
    return None


def _only(
    lines: Iterable[tuple[str, int]], pattern: re.Pattern[str], title: str, dates: Dates,
    what: str,
) -> tuple[str, int, str] | None:  # fmt: skip
    """The name ``pattern`` marks in the text, when it marks one name only (a page with
    ``More in World``, ``More in U.S.``, ... names every section)."""
    names: dict[str, int] = {}
    for text, number in lines:
        text = BULLET.sub("", text)
        mark = pattern.search(text)
        if mark is not None:
            name = (text[: mark.start()] if mark.start() else text[mark.end() :]).strip()
            names.setdefault(name.rstrip(" .…"), number)
    if len(names) != 1:
        return None
    name, number = next(iter(names.items()))
    return (name, number, what) if is_kicker(name, title, dates) else None
