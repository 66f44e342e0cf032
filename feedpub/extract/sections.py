"""The section a scraped article is in, as a text dump shows it around the headline (pure):
a ``Title | Section`` suffix (which may also name the site: ``Title | Section | Site``,
``Title - Site``), a breadcrumb near the headline (an ordered list, a list ending with the
headline, a chain of links), a kicker or breadcrumb right above the headline (``National
News``, ``Home > News > Politics``), or a breadcrumb or post's category right below it
(``Posted in Recipes``). ``masthead`` calls these with the lines around the headline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ..metadata import Block, squash
from .body import SENTENCE_END
from .bylines import BYLINE, byline_author
from .candidates import BULLET
from .junk import is_junk
from .textdates import DATE_LINE_MAX, Dates, is_date_line

__all__ = [
    "CRUMB_LINES",
    "CRUMB_MARKS",
    "NOT_KICKERS",
    "SECTION_BAR",
    "Line",
    "breadcrumb",
    "filed_under",
    "first_category",
    "is_kicker",
    "is_label",
    "is_section_name",
    "is_title",
    "kicker",
    "kicker_over_label",
    "lines_below",
    "split_headline",
]


class Line(NamedTuple):
    text: str
    line: int  # its number in the source, 0 when not known


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


_KICKER_LINES = 3  # non-empty lines above the headline looked at for its kicker
_KICKER_MAX = 40  # characters
_KICKER_WORDS = 4  # words at most
_KICKER_SKIPPED = re.compile(  # lines between a kicker and its headline
    r"^(?:supported by|sponsored by|advertisement|anzeige|werbung|publicité|publicidad"
    r"|updated|aktualisiert|mis à jour|actualizado|bijgewerkt"  # a date's label, alone
    r"|(?:\(BUTTON\)\s*)+|iframe:.*)$",  # what a renderer shows of a form or a frame
    re.IGNORECASE,
)
# A share bar's buttons between a kicker and its headline ("Share this:" / "• Facebook" / ...
# / "• Copy" / "•"): list items of junk, passed over without counting, up to this many.
_SHARE_BUTTON = re.compile(r"^copy(?: link)?$", re.IGNORECASE)
_SHARE_LINES = 8
_LONE_BULLETS = frozenset("•*+□◦·")  # an item with no text (an icon's)
NOT_KICKERS = re.compile(  # the buttons and menus a page's header ends with
    r"^(?:close|menu|search|donate|subscribe|newsletters?|sign (?:in|up)|log ?in|share|more"
    r"|getty images|watch\b.*|listen\b.*|skip\b.*|schließen|suche|menü|fermer|rechercher"
    r"|cerrar|buscar|sluiten|zoeken"
    # and in more words: "Zum Inhalt springen", "Navigation und Service", "Warenkorb"
    r"|(?:haupt-?|beitrags)?navigation|navigate|sprungmarken|zum inhalt\b.*|zur startseite"
    r"|zurück\b.*|suchen|schliessen|einloggen|anmelden|abmelden|registrieren|warenkorb"
    r"|abonnemente?|abonnieren|cookie\b.*|datenschutz|impressum|kontakt|sektionen|ressorts"
    r"|selecciona\b.*|iniciar sesión|connexion|s'abonner|inloggen|meta|sections|my account"
    r"|your account|account|cart|shopping cart"
    # a share button's network, an image's label, a paywall's call: "Viber", "Titelbild"
    r"|facebook|twitter|instagram|linkedin|reddit|tumblr|viber|whatsapp|telegram|pinterest"
    r"|flipboard|e-?mail|print|likes?|titelbild|registr[aá]te"
    # a share bar's label, a date's: "Seite empfehlen", "Teilen", "Date" / "February 5, 2020"
    r"|seite empfehlen|teilen|partager|compartir|delen|date|datum|fecha)\b"
    r"|.*\b(?:plus|premium|abo)$|.*\+$",  # a paywall's mark: "SZ Plus", "F+"
    re.IGNORECASE,
)
_BREADCRUMB_SPLIT = re.compile(r"\s*(?:>|»|›|/|::)\s*|\s+•\s+")  # "Marketing • Social Media"


_FILED_WORDS = ("posted", "filed", "published")  # what _FILED needs past a line's start ...


def _may_file(lowered: str) -> bool:
    """Whether ``_FILED`` may match a lowercased line: its ``in`` or ``under`` at the line's
    start, after a ``/``, or after one of ``_FILED_WORDS`` (most lines have none)."""
    return (
        lowered.startswith(("in", "under"))
        or "/" in lowered
        or any(word in lowered for word in _FILED_WORDS)
    )


_BELOW_LINES = 4  # non-empty lines below the headline looked at for its category
# A post's category in the line of metadata under its headline: "Posted in Recipes",
# "Filed under: Tech", "October 12, 2018/0 Comments/in Jeongdong Promotion /by jdadm".
_FILED = re.compile(
    r"(?:^|/\s*|\b(?:posted|filed|published)\s+)(?:in|under)\s*:?\s+(?P<name>[^/|,•]{2,40}?)"
    r"(?=\s*(?:/|\||,|•|\bby\b|$))",
    re.IGNORECASE,
)


def lines_below(blocks: Sequence[Block], at: tuple[int, int] | None) -> list[Line]:
    """The first non-empty lines below the headline at ``at``."""
    if at is None:
        return []
    index, number = at
    found: list[Line] = []
    for block in blocks[index : index + _BELOW_LINES + 1]:
        for i, text in enumerate(block.lines or (block.text,)):
            line = block.line + i if block.line else 0
            if (block is not blocks[index] or line > number) and text.strip():
                found.append(Line(squash(text), line))
                if len(found) >= _BELOW_LINES:
                    return found
    return found


def filed_under(below: Sequence[Line], title: str, dates: Dates) -> tuple[str, int, str] | None:
    """The section a breadcrumb or a post's category right below the headline names
    (``BLOG > Nutrition > Meal Plans``, ``Posted in Recipes``)."""
    for line in below:
        text = BULLET.sub("", line.text).strip()
        parts = (
            [p for p in _BREADCRUMB_SPLIT.split(text) if p] if any(c in text for c in ">»›") else []
        )
        if len(parts) > 1:
            parts = [p for p in parts if p.casefold() != title.casefold()]
            if parts and is_kicker(parts[-1], title, dates):
                return parts[-1], line.line, "the breadcrumb"
            continue
        if text.isascii() and not _may_file(text.lower()):
            continue  # in ASCII, re's IGNORECASE is str.lower: _FILED cannot match
        filed = _FILED.search(text)
        if filed is not None and is_kicker(filed.group("name").strip(), title, dates):
            return filed.group("name").strip(), line.line, "the category"
    return None


# What a date line between a kicker and its headline has: a year, a time or a numeric date,
# or a relative time ("3 hours ago", "vor 2 Stunden", "il y a 3 heures", "hace 2 horas").
_DATEISH = re.compile(r"\b(?:19|20)\d\d\b|\d[./:]\d|\b(?:ago|vor|il y a|hace|geleden)\b", re.I)


def _is_date(text: str, dates: Dates) -> bool:
    return (
        len(text) <= DATE_LINE_MAX
        and _DATEISH.search(text) is not None  # asking dateparser about every line costs
        and is_date_line(text, dates(text, recognise_only=True))
    )


def kicker(
    before: Sequence[Line], title: str, site: Sequence[str], dates: Dates
) -> tuple[str, int] | None:
    """The section a kicker or breadcrumb right above the headline names (``National
    News``, ``• Politik``, ``Home > News > Politics``): the nearest line above it that is
    neither junk nor a date, if it is a few words and not the site's name nor the last item
    of a long list (a menu's: ``• News`` / ``• Business`` / ``• Lifestyle`` / ``• Sport``)."""
    seen = skipped = 0
    lines = before[::-1]
    for i, line in enumerate(lines):
        text = BULLET.sub("", line.text).strip()
        if not text:
            continue
        over = lines[i + 1].text if i + 1 < len(lines) else ""
        shared = _is_share_button(line.text) or (
            line.text.strip() in _LONE_BULLETS and _is_share_button(over)
        )
        skipped += bool(shared)
        seen += not shared or skipped > _SHARE_LINES
        if seen > _KICKER_LINES:
            return None
        if _KICKER_SKIPPED.match(text) or shared or is_junk(text):
            continue
        if _is_date(text, dates) or (BYLINE.match(text) and byline_author(text)):
            continue  # "Ideas" / "11.14.2019 09:00 AM" / the headline
        bullet = text != line.text.strip()
        parts = [p for p in _BREADCRUMB_SPLIT.split(text) if p]
        if len(parts) > 1:
            parts = [p for p in parts if p.casefold() != title.casefold()]
            text = parts[-1] if parts else ""
        own = text.casefold() in {s.casefold() for s in site} and not is_section_name(text)
        if own or _not_its_own(text, title, over):  # the site's name, not a section's words
            return None
        # a category written as a hashtag ("#GameTechie"): one word, whole (not split where
        # its capitals are glued), a kicker without its mark
        hashtag = not bullet and _HASHTAG.fullmatch(text) is not None
        text = text if hashtag else first_category(text, title, dates)
        if not is_kicker(text.removeprefix("#") if hashtag else text, title, dates):
            return None
        if bullet and _items_above(line, lines[i + 1 :]) >= _LIST_ITEMS:
            return None  # the last item of a menu, not of a breadcrumb (``• Home`` / ``• News``)
        return text, line.line
    return None


_HASHTAG = re.compile(r"#[^\W\d_]\w{2,29}")


def _is_share_button(item: str) -> bool:
    """Whether a line is a list item of a share bar: a network's, ``Copy``, or other junk;
    or a count alone (``• 4``: the comments' or shares' link a post's category stands over,
    ``• News`` / ``• 4``)."""
    text = BULLET.sub("", item).strip()
    return text != item.strip() and (
        _SHARE_BUTTON.match(text) is not None or is_junk(text) or text.isdigit()
    )


def kicker_over_label(
    before: Sequence[Line], label: int, title: str, site: Sequence[str], dates: Dates
) -> tuple[str, int] | None:
    """The section a kicker names on the line right over a story's label in capitals at the
    line numbered ``label`` (``Ciencia`` / ``CAMBIO CLIMÁTICO`` / the headline), if it is a
    kicker itself and no label (not ``VISUAL MARKETING`` / ``GROWING AN ONLINE BUSINESS``)."""
    over = [ln for ln in before if ln.line and ln.line < label and ln.text.strip()]
    found = kicker(over, title, site, dates) if over else None
    if found is None or found[1] != over[-1].line or is_label(found[0]):
        return None
    return found


def _not_its_own(text: str, title: str, over: str) -> bool:
    """Whether a line over the headline is no kicker of its own: the end of a line ``over``
    it that ends as the headline does (a breadcrumb to the headline wrapped over two lines:
    ``Home Angeln allgemein Fishing Masters Show in Rostock im`` / ``Mai 2022``), or a name
    said twice with no space (a logo's alt text and its text)."""
    half = len(text) // 2
    doubled = len(text) % 2 == 0 and half > 2 and text[:half] == text[half:]
    words = over.split()
    wrapped = bool(words) and title.casefold().endswith(f" {words[-1]} {text}".casefold())
    return doubled or wrapped


def is_label(text: str) -> bool:
    """Whether a kicker is a story's label rather than its section: words in capitals, as
    the page's source writes them (a renderer does not apply a style's capitals), two or
    more and not a section's (``BLACK DEATH FEARS``, ``CAMBIO CLIMÁTICO``; not ``LOCAL
    NEWS``)."""
    return len(text.split()) >= 2 and text.isupper() and not is_section_name(text)


# A post's categories as w3m draws adjacent links, with no space between them
# ("CrimeHeadlines", "HealthScienceU.S. News"), or as a list ("Noticias, Política"): the
# first is the post's section. A part is 5 letters or more, so that a name with a capital
# inside ("JavaScript", "WordPress", "YouTube", "McLaren") is not split, nor a German noun's
# "-In" ("MedienpädagogIn").
_GLUED = re.compile(r"(?<=[a-zß-ÿ]{2})(?=[A-ZÀ-Þ](?:[a-zß-ÿ]{2}|\.))")
_GLUED_PART = 5  # characters of each glued part, at least
_LISTED = re.compile(r",\s+")


def first_category(text: str, title: str, dates: Dates) -> str:
    """The first of a kicker's categories glued together or listed, else the kicker. Each
    listed part is a kicker (not a sentence's clause: ``Despite everything, U.S. emissions
    dipped``); a glued part but the last is one word (not ``The GiveWell``)."""
    listed = _LISTED.split(text)
    if len(listed) > 1 and all(is_kicker(p, title, dates) for p in listed):
        return listed[0]
    glued = _GLUED.split(text)
    if (
        len(glued) > 1
        and all(len(p) >= _GLUED_PART for p in glued)
        and not any(c.isspace() for p in glued[:-1] for c in p)
    ):
        return glued[0]
    return text


_LIST_ITEMS = 3  # a list with this many items over its last, right above the headline: a menu


def _items_above(item: Line, lines: Sequence[Line]) -> int:
    """How many items of a list stand right above its ``item`` (``lines`` going up, the
    next line's number one less each: a renderer draws another list after a blank line)."""
    count = 0
    for line in lines:
        if not BULLET.match(line.text) or (item.line and line.line != item.line - 1):
            break
        count, item = count + 1, line
    return count


CRUMB_LINES = 8  # non-empty lines above the headline looked at for its breadcrumb
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")  # an ordered list's item: "2. Politik"
_CRUMB_LABEL = re.compile(r"^[^:»›>/]{2,30}:\s*(?=\S)")  # "Sie sind hier:", "Vous êtes ici :"
# What stands between a breadcrumb's parts ("Home » News", "Home > News", "Home → News"),
# besides a spaced slash ("Home / News"); a kicker holds none of them.
CRUMB_MARKS = "»›>→"
_CRUMB_MARK = re.compile(rf"\s*[{CRUMB_MARKS}]\s*|\s+/\s+")
_TITLE_START = 12  # characters of the headline a breadcrumb's last part shows, at least


def breadcrumb(
    before: Sequence[Line], below: Sequence[Line], title: str, dates: Dates
) -> tuple[str, int, str] | None:
    """The section a breadcrumb near the headline names, as a text renderer draws one: an
    ordered list (``1. Home`` / ``2. Politik``), a list whose last item is the headline
    (``• Home`` / ``• Business`` / ``• <headline>``), or a chain of links (``Sie sind hier:
    Home » Newsarchiv » <headline>``, one link a line with the marks alone between them, or
    with bars to the headline: ``Blog | Posts | Fashion | <headline>``), among the few lines
    above the headline or below it.
    The part it names is its last but the headline (or the article's title worded otherwise:
    ``1. Express`` / ``2. Düsseldorf`` / ``3. Düsseldorf ISS Dome: Peta erstattet Anzeige
    wegen toten Tauben``), and never its root (its home page)."""
    above = _joined([ln for ln in before if ln.text.strip()])[-CRUMB_LINES:]
    for lines, where in ((above, "above"), (_joined(below), "below")):
        runs = _runs(lines, title)
        for parts, line in reversed(runs) if where == "above" else runs:
            last = len(parts) - 1
            parts = [p for i, p in enumerate(parts) if not is_title(p, title, i == last)]
            if len(parts) >= 3 and len(parts[-1].split()) > _KICKER_WORDS:
                parts = parts[:-1]  # the article's own title, worded otherwise than its headline
            if len(parts) >= 2 and is_kicker(
                named := first_category(parts[-1], title, dates), title, dates
            ):
                return named, line, f"the breadcrumb {where} the headline"
    return None


_BAR_PARTS = 3  # parts at least of a chain of links with bars that ends with the headline
_LONE_MARK = re.compile(r"^(?:\d{1,2}[.)]\s+)?[»›>]$")  # "2. >", ">": a link's mark alone
_ITEM_MARK = re.compile(r"^\d{1,2}[.)]\s+")


def _joined(lines: Sequence[Line]) -> list[Line]:
    """``lines`` with a chain of links drawn one a line, a mark alone on the line between
    two (``1. Startseite`` / ``2. >`` / ``3. Finanzmagazin``, or with no numbers), as one line
    (``Startseite > Finanzmagazin``)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if out and i + 1 < len(lines) and _LONE_MARK.match(line.text.strip()):
            over, part = (_ITEM_MARK.sub("", ln.text.strip()) for ln in (out.pop(), lines[i + 1]))
            out.append(Line(f"{over} > {part}", lines[i + 1].line))
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _runs(lines: Sequence[Line], title: str) -> list[tuple[list[str], int]]:
    """The breadcrumbs among ``lines`` (in the text's order): each one's parts, and the line
    of its last."""
    found: list[tuple[list[str], int]] = []
    numbered: list[Line] = []  # the ordered list being read
    listed: list[Line] = []  # the list being read
    for line in (*lines, Line("", 0)):
        text = line.text
        item = _NUMBERED.match(text)
        if item is not None and int(item.group(1)) == len(numbered) + 1:
            numbered.append(Line(item.group(2).strip(), line.line))
        elif numbered:
            if len(numbered) >= 2:
                found.append(([ln.text for ln in numbered], numbered[-1].line))
            first = item is not None and item.group(1) == "1"  # another list starts
            numbered = [Line(item.group(2).strip(), line.line)] if item and first else []
        bullet = BULLET.match(text) if item is None else None
        if bullet is not None:
            listed.append(Line(text[bullet.end() :].strip(), line.line))
        elif listed:
            if len(listed) >= 3 and is_title(listed[-1].text, title, True):
                found.append(([ln.text for ln in listed], listed[-1].line))
            listed = []
        bars = SECTION_BAR.split(text) if item is None and bullet is None else []
        if len(bars) >= _BAR_PARTS and is_title(bars[-1], title, True):
            found.append((bars, line.line))  # "Site | Posts | Fashion | <headline>"
        elif item is None and bullet is None and text:
            text = _CRUMB_LABEL.sub("", text)
            marks = (
                [m.strip() for m in _CRUMB_MARK.findall(text)]
                if any(c in text for c in CRUMB_MARKS + "/")  # what every mark has (most: none)
                else []
            )
            if len(marks) >= 2 or marks[:1] in (["»"], ["›"], [">"]):
                parts = [p.strip() for p in _CRUMB_MARK.split(text)]
                found.append(([p for p in parts if p], line.line))
    return found


def is_title(part: str, title: str, last: bool) -> bool:
    """Whether a breadcrumb's part is the headline: the same, or (its ``last`` part) the
    headline's start, as a line's end cuts it (``Startseite » Rezepte » Saftiger``)."""
    part, title = part.casefold().rstrip(" .…"), title.casefold()
    if part == title:
        return True
    return last and (
        (title.startswith(part) and title[len(part) : len(part) + 1] in (" ", ""))
        or (len(title) >= _TITLE_START and part.startswith(title))
    )


def is_kicker(text: str, title: str, dates: Dates) -> bool:
    words = text.split()
    return (
        0 < len(words) <= _KICKER_WORDS
        and len(text) <= _KICKER_MAX
        and text[:1].isalpha()
        and not text[0].islower()  # a capital, or a script without case: not a word cut off
        and not any(c in text for c in "=?@#|□:<" + CRUMB_MARKS)  # a URL's tail, a handle
        and not NOT_KICKERS.match(text)
        and not SENTENCE_END.search(text)
        and not text.endswith(("?", "!", ")", "]"))
        and not text.startswith(("[", "("))
        and text.casefold() != title.casefold()
        and not BYLINE.match(text)
        and not byline_author(text)
        and not dates(text, recognise_only=True)
    )


# The words a section's name is made of (a menu item, a kicker), which name no site.
_SECTION_WORDS = frozenset(
    ("news", "local", "world", "national", "international", "politics", "business", "economy",
     "finance", "markets", "money", "tech", "technology", "science", "health", "sport", "sports",
     "weather", "opinion", "culture", "arts", "entertainment", "lifestyle", "travel", "food",
     "style", "fashion", "education", "environment", "climate", "media", "video", "videos",
     "photos", "live", "latest", "more", "us", "uk", "europe", "asia", "africa", "apps",
     "software", "reviews", "nachrichten", "politik", "wirtschaft", "kultur", "wissen",
     "gesundheit", "reise", "panorama", "lokales", "welt", "inland", "ausland", "meinung",
     "digital", "actualités", "monde", "politique", "économie", "sciences", "société", "santé",
     "noticias", "política", "economía", "cultura", "ciencia", "deportes", "mundo", "sociedad",
     "opinión", "tecnología", "nieuws", "binnenland", "buitenland", "economie", "cultuur",
     "home", "blog", "all", "menu", "menü", "hauptmenü", "services", "service", "follow",
     "beauty", "analysis", "and", "und", "et", "y", "en", "&")
)  # fmt: skip


def is_section_name(text: str) -> bool:
    """Whether ``text`` is made of a section's words only (``Local News``, ``Software &
    Apps``, ``Politik``): a menu item or a kicker, not a site's name."""
    words = text.casefold().split()
    return bool(words) and all(w in _SECTION_WORDS for w in words)
