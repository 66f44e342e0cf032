"""The masthead of a scraped article: the site that published it and the section it is in,
as a text dump shows them around the headline (pure).

The publisher is a ``Title - Site`` or ``Title | Section | Site`` suffix, a logo's alt text
or the site's name in the chrome above the headline; the section a ``Title | Section``
suffix, or a kicker or breadcrumb right above the headline (``National News``,
``Home > News > Politics``). ``layout`` finds the headline and calls ``masthead`` with the
lines above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from ..metadata import squash
from .body import SENTENCE_END
from .bylines import BYLINE, byline_author
from .candidates import BULLET
from .guess import Guess
from .junk import AGENCY_LINE, is_junk
from .textdates import Dates

__all__ = ["SECTION_BAR", "masthead", "split_headline"]

_CHROME_LINES = 16  # the publisher is looked for among this many leading lines


class Located(Protocol):
    """A line of the text and its number in the source."""

    @property
    def text(self) -> str: ...

    @property
    def line(self) -> int: ...


SECTION_BAR = re.compile(r"\s+\|\s+")  # "Headline | Section"
_DASH_SUFFIX = re.compile(r"(.*\S)\s+[-–—]\s+(\S.{0,40})")  # "Headline - Publisher"
_SITE_LIKE = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}$|^(?:[A-Z0-9][\w&'’.-]*\s?){1,4}$")
_NOT_PUBLISHERS = re.compile(
    r"^(?:live|update|updated|video|videos|photos|analysis|opinion|explainer|exclusive|watch"
    r"|listen|podcast|interview|kommentar|meinung|analyse|vidéo|tribune|opinión|análisis)$",
    re.IGNORECASE,
)


def _is_site_name(text: str, known: set[str]) -> bool:
    return text.casefold() in known or (
        _SITE_LIKE.match(text) is not None and not _NOT_PUBLISHERS.match(text)
    )


def split_headline(
    headline: str, publishers: Sequence[str], guess_site: bool
) -> tuple[str, str | None, str | None]:
    """(title, section, publisher) of ``Title | Section``, ``Title - Publisher`` and the like.

    A `` - Suffix`` is split off when it names one of ``publishers``, or, with ``guess_site``,
    when it looks like a site's name (a domain, or a few capitalised words).
    """
    known = {p.casefold() for p in publishers}
    parts = [p.strip() for p in SECTION_BAR.split(squash(headline.lstrip("# ")))]
    title, section, publisher = parts[0], None, None
    if len(parts) >= 3:
        section, publisher = parts[1], parts[-1]
    elif len(parts) == 2:
        site = _DASH_SUFFIX.fullmatch(parts[1])
        if parts[1].casefold() in known:
            publisher = parts[1]
        elif site is not None and _is_site_name(site.group(2).strip(), known):
            # "Storm Ciarán ... | UK - BBC News": a section, then the site.
            section, publisher = site.group(1).strip(), site.group(2).strip()
        else:
            section = parts[1]
    dash = _DASH_SUFFIX.fullmatch(title)
    if dash is not None and publisher is None:
        left, suffix = dash.group(1), dash.group(2).strip()
        site_like = (
            guess_site
            and _SITE_LIKE.match(suffix) is not None
            and len(left.split()) >= 4
            and not _NOT_PUBLISHERS.match(suffix)
        )
        if suffix.casefold() in known or site_like:
            title, publisher = left, suffix
    return title, section, publisher


def masthead(
    before: Sequence[Located], headline: str | None, origin: str, guess: Guess, dates: Dates
) -> None:
    """Offer ``guess`` the title, section and publisher that ``headline`` (found at
    ``origin``) and the lines ``before`` it say."""
    # Chrome before the headline: the first that is not a date, a banner or a kicker.
    chrome = [
        ln.text
        for ln in before[:_CHROME_LINES]
        if (AGENCY_LINE.match(ln.text) or not is_junk(ln.text))
        and not dates(ln.text)
        and not byline_author(ln.text)
    ]
    if headline is not None:
        title, section, publisher = split_headline(headline, chrome[:1], True)
        guess.offer("title", title, origin)
        guess.offer("section", section, origin)
        guess.offer("publisher", publisher, f"{origin}, suffix")
        kicker = _kicker(before, title, chrome[:1], dates)
        if kicker is not None:
            guess.offer("section", kicker[0], f"line {kicker[1]}: the kicker above the headline")
    for ln in before[:_CHROME_LINES]:
        logo = _LOGO.match(BULLET.sub("", ln.text))
        if logo is not None and _is_name_like(logo.group(1)) and not is_junk(logo.group(1)):
            guess.offer("publisher", logo.group(1), f"line {ln.line}: the site's logo")
    if chrome and _is_name_like(chrome[0], header=len(before) <= _HEADER_LINES):
        guess.offer("publisher", chrome[0], "site chrome before the headline")


# A logo's alt text: "eHow Logo", "The Verge logo. The Verge homepage", "Acme Acme logo".
_LOGO = re.compile(r"^\[?((?:\S+ ){0,4}?\S+?)(?: \1)?\]? [Ll]ogo\b")


_HEADER_LINES = 3  # a headline among this many first lines has only the site's name above


def _is_name_like(text: str, header: bool = False) -> bool:
    """A site's name as its header shows it (chrome, junk already left out): a few words, no
    markup, a capital first and no separators; ``header`` (right above a headline at the top,
    where a reader view shows its site) also ``the Guardian`` or ``LinkNaija | Nigeria's
    popular news platform``."""
    words = len(text.split())
    return (
        0 < words <= (8 if header else 5)
        and len(text) <= (80 if header else 50)
        and (header or not text[0].islower())
        and (header or text[0].isalnum())
        and not any(c in text for c in ("[]<>{}=•*□" if header else "[]<>{}=?|•*□@"))
        and not (SENTENCE_END.search(text) and words > 2)  # "F.A.Z." is a name, not a sentence
    )


_KICKER_LINES = 3  # non-empty lines above the headline looked at for its kicker
_KICKER_MAX = 40  # characters
_KICKER_SKIPPED = re.compile(  # lines between a kicker and its headline
    r"^(?:supported by|sponsored by|advertisement|anzeige|werbung|publicité|publicidad)$", re.I
)
_NOT_KICKERS = re.compile(  # the buttons and menus a page's header ends with
    r"^(?:close|menu|search|donate|subscribe|newsletters?|sign (?:in|up)|log ?in|share|more"
    r"|getty images|watch\b.*|listen\b.*|skip\b.*|schließen|suche|menü|fermer|rechercher"
    r"|cerrar|buscar|sluiten|zoeken)\b"
    r"|.*\b(?:plus|premium|abo)$|.*\+$",  # a paywall's mark: "SZ Plus", "F+"
    re.IGNORECASE,
)
_BREADCRUMB_SPLIT = re.compile(r"\s*(?:>|»|›|/|::)\s*")


def _kicker(
    before: Sequence[Located], title: str, site: Sequence[str], dates: Dates
) -> tuple[str, int] | None:
    """The section a kicker or breadcrumb right above the headline names (``National
    News``, ``• Politik``, ``Home > News > Politics``): the nearest line above it that is
    neither junk nor a date, if it is a few words and not the site's name."""
    seen = 0
    for line in reversed(before):
        text = BULLET.sub("", line.text).strip()
        if not text:
            continue
        seen += 1
        if seen > _KICKER_LINES:
            return None
        if _KICKER_SKIPPED.match(text) or is_junk(text):
            continue
        parts = [p for p in _BREADCRUMB_SPLIT.split(text) if p]
        if len(parts) > 1:
            parts = [p for p in parts if p.casefold() != title.casefold()]
            text = parts[-1] if parts else ""
        if text.casefold() in (s.casefold() for s in site) or not _is_kicker(text, title, dates):
            return None
        return text, line.line
    return None


def _is_kicker(text: str, title: str, dates: Dates) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 4
        and len(text) <= _KICKER_MAX
        and text[:1].isalpha()
        and not text[0].islower()  # a capital, or a script without case: not a word cut off
        and not any(c in text for c in "=?@#|□:<>»›")  # a URL's tail, a handle, a box
        and not _NOT_KICKERS.match(text)
        and not SENTENCE_END.search(text)
        and not text.endswith(("?", "!", ")", "]"))
        and not text.startswith(("[", "("))
        and text.casefold() != title.casefold()
        and not BYLINE.match(text)
        and not byline_author(text)
        and not dates(text, recognise_only=True)
    )
