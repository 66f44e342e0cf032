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
from typing import NamedTuple

from ..metadata import Block, squash
from .body import SENTENCE_END
from .bylines import BYLINE, byline_author, byline_authors
from .candidates import BULLET
from .guess import Guess
from .junk import AGENCY_LINE, is_junk
from .textdates import DATE_LINE_MAX, Dates, is_date_line

__all__ = ["SECTION_BAR", "masthead", "split_headline"]

_CHROME_LINES = 16  # the publisher is looked for among this many leading lines


class _Line(NamedTuple):
    text: str
    line: int  # its number in the source, 0 when not known


def _above(blocks: Sequence[Block], at: tuple[int, int] | None) -> list[_Line]:
    """The text's lines above the headline at ``at`` (its block's index, its line), all."""
    if at is None:
        return []
    index, number = at
    return [
        _Line(squash(text), block.line + i if block.line else 0)
        for block in blocks[: index + 1]
        for i, text in enumerate(block.lines or (block.text,))
        if block is not blocks[index] or (block.line and block.line + i < number)
    ]


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
    blocks: Sequence[Block],
    at: tuple[int, int] | None,
    headline: str | None,
    origin: str,
    guess: Guess,
    dates: Dates,
) -> None:
    """Offer ``guess`` the title, section and publisher that ``headline`` (found at
    ``origin``: its block's index and its line's number, ``at``), the lines above it and the
    whole text (``blocks``) say."""
    before = _above(blocks, at)
    # Chrome before the headline: the first that is not a date, a banner or a kicker.
    chrome = [
        ln.text
        for ln in before[:_CHROME_LINES]
        if (AGENCY_LINE.match(ln.text) or not is_junk(ln.text))
        and not dates(ln.text)
        and not byline_author(ln.text)
    ]
    publisher = None
    if headline is not None:
        title, section, publisher = split_headline(headline, chrome[:1], True)
        guess.offer("title", title, origin)
        guess.offer("section", section, origin)
        kicker = _kicker(before, title, chrome[:1], dates)
        if kicker is not None:
            guess.offer("section", kicker[0], f"line {kicker[1]}: the kicker above the headline")
        filed = _filed_under(_below(blocks, at), title, dates)
        if filed is not None:
            guess.offer("section", filed[0], f"line {filed[1]}: {filed[2]} below the headline")
    sites: list[tuple[str, str, str]] = []  # (name, kind, where) as the page says them
    if headline is not None and publisher is not None:
        sites.append((publisher, "suffix", f"{origin}, suffix"))
    for ln in before[:_CHROME_LINES]:
        logo = _LOGO.match(BULLET.sub("", ln.text))
        if logo is not None and _is_name_like(logo.group(1)) and not is_junk(logo.group(1)):
            sites.append((logo.group(1), "logo", f"line {ln.line}: the site's logo"))
    header = len(before) <= _HEADER_LINES
    if chrome and _is_name_like(chrome[0], header=header) and (header or _is_site(chrome[0])):
        first = before[0].text == chrome[0]  # the text's first line
        kind = "header" if header else "first" if first else "top"
        sites.append((chrome[0], kind, "site chrome before the headline"))
    lines = [
        (squash(t), b.line + i if b.line else 0)
        for b in blocks
        for i, t in enumerate(b.lines or (b.text,))
    ]
    sites.extend(_named_sites(lines))
    # A site names itself in its chrome (menus, footers, credits), not in sentences: a
    # company the article is about is named in its paragraphs as often.
    chrome_text = "\n".join(
        b.text
        for b in blocks
        if len(b.text.split()) <= _CHROME_WORDS or not SENTENCE_END.search(b.text)
    )
    best = _best_site(sites, chrome_text)
    if best is not None:
        guess.offer("publisher", best[0], best[1])


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


_BELOW_LINES = 4  # non-empty lines below the headline looked at for its category
# A post's category in the line of metadata under its headline: "Posted in Recipes",
# "Filed under: Tech", "October 12, 2018/0 Comments/in Jeongdong Promotion /by jdadm".
_FILED = re.compile(
    r"(?:^|/\s*|\b(?:posted|filed|published)\s+)(?:in|under)\s*:?\s+(?P<name>[^/|,•]{2,40}?)"
    r"(?=\s*(?:/|\||,|•|\bby\b|$))",
    re.IGNORECASE,
)


def _below(blocks: Sequence[Block], at: tuple[int, int] | None) -> list[_Line]:
    """The first non-empty lines below the headline at ``at``."""
    if at is None:
        return []
    index, number = at
    found: list[_Line] = []
    for block in blocks[index : index + _BELOW_LINES + 1]:
        for i, text in enumerate(block.lines or (block.text,)):
            line = block.line + i if block.line else 0
            if (block is not blocks[index] or line > number) and text.strip():
                found.append(_Line(squash(text), line))
                if len(found) >= _BELOW_LINES:
                    return found
    return found


def _filed_under(below: Sequence[_Line], title: str, dates: Dates) -> tuple[str, int, str] | None:
    """The section a breadcrumb or a post's category right below the headline names
    (``BLOG > Nutrition > Meal Plans``, ``Posted in Recipes``)."""
    for line in below:
        text = BULLET.sub("", line.text).strip()
        parts = [p for p in _BREADCRUMB_SPLIT.split(text) if p]
        if len(parts) > 1 and any(c in text for c in ">»›"):
            parts = [p for p in parts if p.casefold() != title.casefold()]
            if parts and _is_kicker(parts[-1], title, dates):
                return parts[-1], line.line, "the breadcrumb"
            continue
        filed = _FILED.search(text)
        if filed is not None and _is_kicker(filed.group("name").strip(), title, dates):
            return filed.group("name").strip(), line.line, "the category"
    return None


# What a date line between a kicker and its headline has: a year, a time or a numeric date,
# or a relative time ("3 hours ago", "vor 2 Stunden", "il y a 3 heures", "hace 2 horas").
_DATEISH = re.compile(r"\b(?:19|20)\d\d\b|\d[./:]\d|\b(?:ago|vor|il y a|hace|geleden)\b", re.I)


def _kicker(
    before: Sequence[_Line], title: str, site: Sequence[str], dates: Dates
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
        if (
            len(text) <= DATE_LINE_MAX
            and _DATEISH.search(text) is not None  # asking dateparser about every line costs
            and is_date_line(text, dates(text, recognise_only=True))
        ) or (BYLINE.match(text) and byline_author(text)):
            continue  # "Ideas" / "11.14.2019 09:00 AM" / the headline
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


# How much each place a page names its site in says that it is the site's name: the evidence
# for a name is summed over the page, so one that the header, the footer's copyright line and
# the headline's suffix all give wins over a menu item. Measured on the text corpus's
# development part (tools/text_accuracy.py, docs/accuracy.md).
_WEIGHTS = {
    "suffix": 3.0,  # "Headline - Site", "Headline | Section | Site"
    "logo": 2.5,  # "Site logo", "[Site-logo]"
    "copyright": 1.5,  # "© 2024 Site. All rights reserved."
    "feed": 2.5,  # "Site » Feed", the feed links a lynx dump starts with
    "header": 3.0,  # the line right above a headline at the top (a reader view's site)
    "first": 2.0,  # that line, when it is the text's first (a lynx copy's cut may start anywhere)
    "top": 1.5,  # the name-like line the page's chrome starts with
    "about": 1.5,  # "About Site", "Welcome to Site"
    "newsletter": 1.0,  # "Subscribe to the Site newsletter", "Site Newsletter"
    "staff": 1.0,  # "Senior editor at Site", "a reporter for the Site", "Site Staff"
    "search": 1.0,  # "Search Site", "Read more on Site", "Site Sitemap", "Site Media Kit"
    "byline": 1.5,  # "By Jane Doe | Site", "By Jane Doe, Site.com"
    "crumb": 1.5,  # "Site > News > Politics": a breadcrumb's root
    "source": 1.0,  # "Source: Site"
    "domain": 0.75,  # "jane@site.com", "https://www.site.com/news/...": the site's domain
    "follow": 1.0,  # "Follow Site", "More from the Site", "Subscribe to Site"
    "repeated": 1.0,  # a line that is the name alone, twice or more (a masthead, a footer)
    "credit": 0.75,  # "Jane Doe / Site", a photo's credit
    "mention": 0.5,  # each further line naming it (at most _MENTIONS)
}
_MENTIONS = 4
# What only a site says of itself (its search box, its staff's bylines and roles, "Source:"):
# a name one of these gives needs less evidence; a domain, a credit or a copyright line names
# others as often (an embed's host, a photographer's agency, the owner).
_SPECIFIC = frozenset(("byline", "staff", "source", "search"))
_SITE_MIN_SPECIFIC = 1.0
_CHROME_WORDS = 12  # a block of more words ending a sentence is a paragraph, not chrome
_SITE_MIN = 2.0  # the least evidence for a publisher
_SITE_LINE_MAX = 200  # characters: a line naming a site is short
_REPEATED_MAX = 50  # characters: a repeated line this short may be the site's name alone

_COPYRIGHT = re.compile(r"©|&copy;|\(c\)|\bcopyright\b", re.IGNORECASE)
_YEARS = re.compile(r"\b(?:19|20)\d\d\b(?:\s*[-–]\s*(?:(?:19|20)\d\d\b)?)?")
_RIGHTS = re.compile(
    r"\b(?:all|some) rights reserved.*|\balle rechte vorbehalten.*|\btous droits réservés.*"
    r"|\btodos los derechos reservados.*|\balle rechten voorbehouden.*|\bpowered by\b.*",
    re.IGNORECASE,
)
_PARTS = re.compile(r"\s*(?:[|•·;®™]|\.(?:\s|$)|,\s|\s[-–—]\s)\s*")
# What a company's name ends with, and not its site's: "Vox Media, Inc." owns "Vox".
_COMPANY = re.compile(
    r"(?:,?\s+(?:inc|llc|ltd|limited|pty|pvt|gmbh|ag|plc|corp|s\.a|b\.v|n\.v|media|group"
    r"|holdings|communications?|network|interactive|newspapers|enterprises)\.?)+$",
    re.IGNORECASE,
)
# Words that name no site: "About Us", "Über mich", "Our newsletter", "Image", and the blog
# platforms whose bar a hosted blog shows ("WordPress.com logo").
_NOT_SITES = frozenset(
    ("us", "our", "me", "this", "it", "you", "your", "uns", "nous", "nosotros", "ons", "daily",
     "weekly", "image", "images", "photo", "photos", "blog", "news", "home", "the", "all",
     "author", "authors", "editor", "editors", "team", "contributors", "staff", "mich", "moi",
     "mí", "mi", "company", "wordpress", "blogger", "blogspot")
)  # fmt: skip
# Photo agencies and stock libraries a credit names, never the site.
_AGENCIES = frozenset(
    ("getty", "ap", "afp", "reuters", "corbis", "shutterstock", "alamy", "istock", "istockphoto",
     "epa", "dpa", "imago", "aol", "flickr", "unsplash", "wikimedia", "pexels", "pixabay",
     "bloomberg", "nasa", "file")
)  # fmt: skip
_SITE_PATTERNS = (
    ("logo", re.compile(r"^\[?(?P<name>[^\[\]]{2,40}?)[ _-][Ll]ogo\b")),
    (
        "feed",
        re.compile(  # "#Site » Feed", "#publisher Site » Feed", "#Feed para Site » Feed"
            r"^#(?:(?:publisher|alternate)\s+)?(?:(?:feed|rss)\s+(?:para|for|de|von|pour)\s+)?"
            r"(?P<name>[^»#]{2,50}?)\s+»\s+(?:\w+\s+)?(?:feed|rss|comments)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "about",
        re.compile(r"^(?:about|welcome to|über|à propos de|sobre|over)\s+(?P<name>.+)$", re.I),
    ),
    (
        "newsletter",
        re.compile(
            r"^(?:(?:subscribe to|sign up for|get|join)\s+(?:the\s+)?)?(?P<name>.+?)(?:['’]s)?"
            r"\s+(?:daily\s+)?newsletters?\W*$",
            re.IGNORECASE,
        ),
    ),
    (
        "follow",
        re.compile(
            r"^(?:follow|subscribe to|more from|thank you for supporting|support|join|back to"
            r"|continue to)\s+(?-i:the\s+)?(?P<name>(?-i:[A-Z0-9])[^.!?]{1,39}?)"
            r"(?:\s+(?:on|via|and|by)\b.*)?\W*$",
            re.IGNORECASE,
        ),
    ),
    (
        "search",  # what only the site's own chrome says: its search box, its site map
        re.compile(
            r"^(?:search|read more (?:on|at))\s+(?-i:the\s+)?(?P<name>(?-i:[A-Z0-9])[^.!?]{1,39}?)"
            r"\W*$|^(?P<site>[^.!?]{2,40}?)\s+(?:sitemap|site map|media kit)$",
            re.IGNORECASE,
        ),
    ),
    (
        "staff",
        re.compile(
            r"\b(?:editor|writer|reporter|correspondent|contributor|columnist|producer)s?\s+"
            r"(?:at|for|with)\s+(?-i:the\s+)?(?P<name>[^.,;!?()]{2,40}?)"
            r"(?:\s+(?:based|and|covering|who|in|from|since)\b.*)?\W*$"
            r"|^(?P<site>\S{2,30}?)\s+(?:news\s+)?(?:staff|contributor|reporter)$",
            re.IGNORECASE,
        ),
    ),
    (
        # A photo's credit names its photographer, then the site: "Javier Zarracina/Vox",
        # "(Ellen M. Banner / The Seattle Times)"; not "AP Photo/Andrew Harnik", "View PDF/Print".
        "credit",
        re.compile(
            r"\b(?!(?:AP|Photo|Foto|Image|Getty|View)\b)[A-Z][a-z][\w.'-]*"
            r"(?: (?!(?:Photo|Foto|Image|Images|PDF)\b)[A-Z][\w.'-]+){0,3}"
            r"\s?/\s?(?P<name>[A-Z][^/()]{1,40}?)\)?$"
        ),
    ),
    (
        "source",
        re.compile(r"(?:^|\|\s*)(?:source|quelle|fuente|bron)\s*:\s*(?P<name>[^|]+?)$", re.I),
    ),
)
_NAME_CONNECTORS = frozenset(
    ("of", "the", "and", "&", "de", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
     "el", "del", "y", "e", "et", "und", "für", "van", "von", "der", "den", "di", "on", "for",
     "a")
)  # fmt: skip


_ASIDE = re.compile(r"\s*\([^()]*\)|^\[|\]$")  # "Al Bawaba (www.albawaba.com)", "[Site]"
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")  # "shunno-footer": a class name


def _site_name(text: str) -> str | None:
    """``text`` as a site's name (its company's ``Inc.`` or ``Ltd`` off), or None if it does not
    look like one: a few capitalised words (or one word), no markup, no sentence."""
    text = _COMPANY.sub("", _ASIDE.sub("", text).strip(" .,:;-–—®™*•□")).strip()
    words = text.split()
    if not 0 < len(words) <= 6 or len(text) > 50 or not text[:1].isalnum():
        return None
    if any(c in text for c in '@[]<>{}=?:/\\"') or not any(c.isalpha() for c in text):
        return None
    if _YEARS.search(text) or "," in text:
        return None  # "November 15, 2019": a date; "Blue Origin, Sierra Nevada": a list
    if len(words) > 1 and not all(
        w[:1].isupper() or not w[:1].isalpha() or w.casefold() in _NAME_CONNECTORS for w in words
    ):
        return None
    if words[0].casefold() in _NAME_CONNECTORS - {"the", "la", "le", "el", "de", "les"}:
        return None
    if words[0].casefold() in _AGENCIES or all(w in _NOT_SITES for w in _site_key(text)):
        return None
    if _SLUG.match(text) or _NOT_KICKERS.match(text) or is_junk(text) or AGENCY_LINE.match(text):
        return None
    return text


def _is_site(text: str) -> bool:
    """Whether all of ``text`` is a site's name (not ``Refresh (900 sec)``, ``Wednesday,``)."""
    return _site_name(text) == text.strip()


def _copyright_name(text: str) -> str | None:
    """The owner a copyright line names: ``Copyright © 2019 The Paradigm. All Rights
    Reserved.``, ``topicseed, 2018-2019 © All rights reserved``."""
    mark = _COPYRIGHT.search(text)
    if mark is None or not (_YEARS.search(text) or _RIGHTS.search(text)):
        return None  # "Copyright Policy", "© Jane Doe": a menu item, a photo's credit
    after = _RIGHTS.sub("", _YEARS.sub(" ", _COPYRIGHT.sub(" ", text[mark.end() :])))
    before = _YEARS.sub(" ", text[: mark.start()])
    for side in (after, before):
        parts = [p for p in _PARTS.split(side.strip(" ,.")) if p.strip(" ,.")]
        if parts:
            name = _site_name(parts[0] if side is after else parts[-1])
            if name is not None:
                return name
    return None


# What every line the patterns match has (a copyright's mark, a logo, a feed link's "»", a
# credit's "/", "About", "Newsletter", "Editor at", "Follow"), lowercased: looking for these
# in a line is cheaper than the patterns, and most lines have none.
_SITE_HINTS = (
    "©", "&copy;", "(c)", "copyright", "logo", "»", "/", "about", "welcome", "über",
    "à propos", "sobre", "over", "follow", "subscribe", "more from", "thank you", "support",
    "join", "newsletter", "editor", "writer", "reporter", "correspondent", "contributor",
    "columnist", "producer", "search", "back to", "continue to", "read more", "sitemap",
    "site map", "media kit", "staff", "source", "quelle", "fuente", "bron",
)  # fmt: skip


def _named_sites(lines: Sequence[tuple[str, int]]) -> list[tuple[str, str, str]]:
    """The names the page gives its site in its logo, copyright, feed, about, newsletter and
    credit lines, with the weight of each."""
    found: list[tuple[str, str, str]] = []  # (name, kind of evidence, where)
    alone: dict[str, list[int]] = {}  # the short lines that are not list items, and where
    people: set[tuple[str, ...]] = set()  # the names bylines give: people, not the site
    domains: dict[str, int] = {}  # the page's domains, and on how many lines
    for index, (text, number) in enumerate(lines):
        if not text or len(text) > _SITE_LINE_MAX:
            continue
        if len(text) <= _REPEATED_MAX and not BULLET.match(text):
            alone.setdefault(text, []).append(index)
        lowered = text.lower()
        if ("@" in lowered or "www." in lowered or "://" in lowered) and not _ASSET.search(lowered):
            for domain in dict.fromkeys(_domain(h) for h in _HOSTS.findall(lowered)):
                if domain is not None and domains.get(domain, 0) < _DOMAIN_LINES:
                    domains[domain] = domains.get(domain, 0) + 1
                    found.append((domain, "domain", f"line {number}: the domain"))
        if BYLINE.match(text):
            people.update(_site_key(name) for name in byline_authors(text))
            name = _byline_site(text)
            if name is not None:
                found.append((name, "byline", f"line {number}: the byline"))
                continue
        if ">" in text or "»" in text or "›" in text:
            crumb = _crumb_root(text)
            if crumb is not None:
                found.append((crumb, "crumb", f"line {number}: the breadcrumb"))
                continue
        if not any(hint in lowered for hint in _SITE_HINTS):
            continue  # most lines: none of the patterns below can match
        text = BULLET.sub("", text)
        if _COPYRIGHT.search(text):
            name = _copyright_name(text)
            if name is not None:
                found.append((name, "copyright", f"line {number}: the copyright line"))
            continue
        for kind, pattern in _SITE_PATTERNS:
            match = pattern.search(text)
            said = match and (match.group("name") or match.groupdict().get("site"))
            name = _site_name(said) if said else None
            if name is not None:
                found.append((name, kind, f"line {number}: the {kind} line"))
                break
    top, bottom = len(lines) // 4, len(lines) - len(lines) // 4
    for text, numbers in alone.items():
        # A masthead and a footer: the name alone near the top and again near the bottom.
        if (
            numbers[0] <= top
            and numbers[-1] >= bottom
            and text[:1].isupper()
            and (name := _site_name(text)) is not None
        ):
            where = f"lines {lines[numbers[0]][1]} and {lines[numbers[-1]][1]}: the name alone"
            found.append((name, "repeated", where))
    return [site for site in found if _site_key(site[0]) not in people]


# A host in an e-mail address or a link: "jane@site.com", "https://www.site.co.uk/news".
_HOSTS = re.compile(r"(?:@|://|\bwww\.)((?:[a-z0-9-]+\.)+[a-z]{2,})\b")
_ASSET = re.compile(r"\.(?:jpe?g|png|gif|svg|webp|js|css)\b")  # an image's or a script's URL
_DOMAIN_LINES = 3  # lines naming a domain counted at most
_SECOND_LEVEL = frozenset(("co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"))
# The hosts a page links to or takes mail at that are never its own site: mail providers,
# networks, shorteners, content and ad servers.
_OTHER_HOSTS = frozenset(
    ("gmail", "googlemail", "google", "googleapis", "gstatic", "youtube", "youtu", "twitter",
     "x", "facebook", "fb", "fbcdn", "instagram", "linkedin", "pinterest", "reddit", "tiktok",
     "whatsapp", "telegram", "hotmail", "outlook", "live", "msn", "yahoo", "aol", "icloud",
     "me", "mac", "gmx", "web", "t", "bit", "goo", "ow", "tinyurl", "wikipedia", "wikimedia",
     "cloudfront", "akamaihd", "amazonaws", "blogcdn", "twimg", "doubleclick", "disqus",
     "gravatar", "wp", "w3", "schema", "apple", "itunes", "flickr", "vimeo", "tumblr",
     "github", "example", "mailchimp", "list-manage", "feedburner", "addthis", "sharethis",
     "googletagmanager", "google-analytics", "yimg", "gettyimages")
)  # fmt: skip


def _domain(host: str) -> str | None:
    """The site a host is of (``www.theguardian.com`` -> ``theguardian.com``), None for the
    hosts that are never a page's own site (``gmail.com``, ``twitter.com``)."""
    labels = host.split(".")
    cut = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    labels = labels[-cut:]
    if len(labels) < 2 or labels[0] in _OTHER_HOSTS or len(labels[0]) < 2:
        return None
    return ".".join(labels)


# What follows a byline's names and is not the site: a role ("IGN Staff", "CNN
# Editor-at-large").
_ROLE_AFTER = re.compile(
    r"(?:\s+(?:senior|chief|staff|contributing|associate|deputy|executive|managing|news"
    r"|political|business|tech|science|sports?|entertainment|national|special))*"
    r"\s+(?:writer|reporter|editor(?:-at-large)?|correspondent|contributor|columnist|staff"
    r"|producer|journalist)s?$",
    re.IGNORECASE,
)


def _byline_site(text: str) -> str | None:
    """The site a byline names after its people: ``By Jane Doe | Fox News``, ``By Troy L.
    Smith, Cleveland.com``, ``By Eric Song, IGN Staff``, ``By Amy Kuperinsky | NJ Advance
    Media for NJ.com``."""
    people = byline_authors(text)
    if not people:
        return None
    end = text.rfind(people[-1])
    if end < 0:
        return None
    rest = text[end + len(people[-1]) :]
    if not re.match(r"\s*[|,/]", rest):
        return None
    rest = rest.strip(" |,/").rsplit(" for ", 1)[-1]
    if "," in rest or len(rest) < 3:
        return None  # "Rachael Link, MS, RD", "Jane Doe, MA": degrees
    rest = _ROLE_AFTER.sub("", rest).strip()
    if not rest or _ROLE_AFTER.match(f" {rest}"):
        return None
    return _site_name(rest)


_CRUMB = re.compile(r"\s+(?:>|»|›)\s+")
_HOME = frozenset(("home", "startseite", "accueil", "inicio", "início", "start", "homepage"))


def _crumb_root(text: str) -> str | None:
    """The site a breadcrumb starts with: ``Mac & i > News > 2015``, not ``Home > News``."""
    parts = _CRUMB.split(text)
    if len(parts) < 2 or parts[0].casefold() in _HOME or not parts[0][:1].isupper():
        return None  # "Home > News", "article > ...": no site's name
    return _site_name(parts[0])


_DOMAIN = re.compile(r"^www\.|\.(?:com?|net|org|info|[a-z]{2})(?:\.[a-z]{2})?$")


def _site_key(name: str) -> tuple[str, ...]:
    """A name as compared: ``The Guardian``, ``theguardian.com`` and ``the guardian`` alike."""
    folded = _DOMAIN.sub("", name.casefold())
    words = tuple(re.findall(r"\w+", folded))
    return words[1:] if words[:1] == ("the",) and len(words) > 1 else words


def _best_site(sites: Sequence[tuple[str, str, str]], chrome: str) -> tuple[str, str] | None:
    """(name, where) of the name with the most evidence (``sites``: name, kind, where; and
    how often the page's ``chrome`` names it), if it has enough.

    A domain's evidence goes to the name it spells (``theguardian.com`` to ``The Guardian``,
    ``businessinsider.de`` to ``Business Insider Deutschland``).
    """
    if not sites:
        return None
    scores: dict[tuple[str, ...], float] = {}
    first: dict[tuple[str, ...], tuple[str, float, str]] = {}
    kinds: dict[tuple[str, ...], set[str]] = {}
    for name, kind, where in sites:
        key, weight = _site_key(name), _WEIGHTS[kind]
        scores[key] = scores.get(key, 0.0) + weight
        kinds.setdefault(key, set()).add(kind)
        if key not in first or weight > first[key][1]:
            first[key] = (name, weight, where)
    folded = chrome.casefold()
    for key, site in first.items():
        if kinds[key] <= {"repeated", "domain"}:
            continue  # a menu item is repeated and named often: its repetition is its evidence
        mentions = len(re.findall(rf"(?<!\w){re.escape(site[0].casefold())}(?!\w)", folded))
        scores[key] += _WEIGHTS["mention"] * min(max(mentions - 1, 0), _MENTIONS)
    for key in [k for k in scores if kinds[k] == {"domain"}]:
        into = [k for k in scores if _spells(key, k)]
        if into:
            best = max(into, key=scores.__getitem__)
            scores[best] += scores.pop(key)
    key = max(scores, key=scores.__getitem__)
    specific = bool(kinds[key] & _SPECIFIC)
    if scores[key] < (_SITE_MIN_SPECIFIC if specific else _SITE_MIN):
        return None
    name, _, where = first[key]
    return name, where


def _spells(domain: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether a domain spells another name or its first words (``theguardian`` for ``The
    Guardian``, ``businessinsider`` for ``Business Insider Deutschland``)."""
    letters = "".join(domain)
    return name != domain and any(
        letters in ("".join(name[:i]), "the" + "".join(name[:i])) for i in range(1, len(name) + 1)
    )
