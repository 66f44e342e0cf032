"""Bylines: who wrote an article, from the lines around its headline."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from ..metadata import Block
from .junk import is_junk
from .textdates import lines_around

__all__ = [
    "BYLINE",
    "author_bio",
    "bare_names",
    "byline_author",
    "byline_authors",
    "byline_away",
    "find_dateline",
    "first_byline",
    "is_bare_name",
    "is_role_line",
    "loose_byline",
    "name_before_date",
    "near_bylines",
]

# A newsroom role, alone or after "our": "Chief political correspondent", "onze redacteur".
_ROLE_NOUNS = (
    r"correspondent|editor|reporter|writer|journalist|columnist|contributor"
    r"|korrespondent(?:in|en)?|redakteur(?:in|en)?|rédact(?:eur|rice)|journaliste"
    r"|envoyée?\s+spéciale?|corresponsal|redactor(?:a)?|periodista|redacteur|verslaggever"
    r"|correspondente?"
)
# The words a role opens with, capitalised or not ("Senior Contributor", "Games Editor"):
# after a name without a comma between them only these and lowercase words are the role's
# ("Bruce Y. Lee Senior Contributor" is Bruce Y. Lee's, not Bruce Y.'s).
_ROLE_OPENERS = (
    r"chief|senior|deputy|associate|assistant|executive|managing|contributing|staff|special"
    r"|political|politics|economics|economy|business|foreign|national|international|world"
    r"|science|health|sports?|games|tech|technology|entertainment|culture|arts|music|film"
    r"|travel|food|style|fashion|books|opinion|news|breaking|investigative|legal|crime"
    r"|climate|environment|energy|education|markets?|finance|money|data|digital|video|photo"
    r"|auto|metro|city|local|white\s+house|washington|europe|asia|africa|us|uk|eu|global"
    r"|general|senior\s+staff|freelance"
)
_ROLE = rf"(?:(?:{_ROLE_OPENERS}|\w+)\s+){{0,3}}(?:{_ROLE_NOUNS})"
# What every role above contains, for ASCII text (the accented roles cannot occur in it):
# a line without any of these cannot be a name with a role, and that pattern, backtracking
# over every word, is the normaliser's slowest. The test of this module checks they agree.
_ROLE_STEMS = ("correspon", "korrespondent", "editor", "reporter", "writer", "journalist",
               "columnist", "contributor", "redakteur", "redact", "periodista",
               "verslaggever")  # fmt: skip
BYLINE = re.compile(
    r"^(?:(?:(?:written|reported|posted|analysis|opinion|commentary|story|words|reporting"
    r"|article\s+rédigé|rédigé|écrit|publié|geschrieben|verfasst|escrito|publicado|geschreven"
    r"|geplaatst)\s+)?(?P<lead>by|von|par|por|door)(?:\s*:)?"
    rf"(?:\s+(?:our|unserem|unserer|notre|nuestr[oa]|onze)\s+{_ROLE})?"
    r"|text\s*:|texto\s*:|auteur\s*:|autor(?:in)?\s*:"
    r"|author\s*:|tekst\s*:)\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# Where the names of a byline end: a date, a place ("in Paris"), a label, a bar or a dash.
_NAMES_END = re.compile(
    r"\s*(?:[|•·(@]|\s[-–—]\s|/|\d|\s[\w.+-]+@[\w-]+\.\w"  # an address: "Megan Rowe meganr@..."
    r"|(?i:\b(?:edited|photos?|illustrations?|video|additional\s+reporting)\s+by\b)"  # credits
    r"|(?i:\b(?:published|updated|posted|publié|mis à jour|veröffentlicht|aktualisiert|stand"
    r"|publicado|actualizado|gepubliceerd|bijgewerkt)\b)"
    r"|\b(?:on|am|le|el|op|in|im|à|a las)\b|\b(?:On|At|Am|Le|El|Op)\s(?=\S*\d)"
    # a month before a day, a weekday: "Steven Musil January 24, 2016", "JAN. 23"
    r"|(?i:\b(?:jan|feb|febr|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february"
    r"|march|april|june|july|august|september|october|november|december|januar|februar|märz"
    r"|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|septiembre|octubre|noviembre|diciembre|januari|februari|maart|mei|augustus)\b\.?(?=\s*\d)"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch"
    r"|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo|maandag|dinsdag|woensdag"
    r"|donderdag|vrijdag|zaterdag|zondag)\b))",
)
# A newsroom's name may open with an article; a person's does not.
_ARTICLES = frozenset(["the", "a", "an", "der", "die", "das", "le", "la", "les", "el", "los",
                       "las", "het", "de"])  # fmt: skip
_NAMES_TRAIL = " -–—|•·,;:"  # what a renderer leaves after the names
# "en" joins names in Dutch ("Femke Bakker en Joris Smit") and is "in" in French and Spanish.
_EN = re.compile(r"\s+en\b")
# What stands between two names: a comma, "and" in the five languages, "&".
_SEPARATOR = re.compile(r"\s*([,;&])\s*|\s+(and|und|et|y|en)\s+", re.IGNORECASE)
# An affiliation after a name: "Of The Associated Press", "For The Mail On Sunday".
# (alone at the end: the rest of it on the next line)
_AFFILIATION = re.compile(r"\s+(?:of|for|from|at|with|für|pour|para|voor)(?:\s+\S.*)?$", re.I)
# What follows a name after a comma without being another name.
_LIST_MARKS = (",", ";", "&")
_NAME_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)
_DEGREE = re.compile(r"^(?:ma|ms|md|mph|phd|rn|msc|bsc)\.?$", re.IGNORECASE)
# Words of a newsroom, agency or school, never of a person's name: "Jane Doe, Associated Press".
_ORGANISATION = re.compile(
    r"\b(?:press|news|times|post|journal|agency|agencies|staff|wire|service|media|network"
    r"|magazine|daily|weekly|tribune|herald|gazette|telegraph|reuters|bloomberg|newsroom"
    r"|redaktion|rédaction|redacción|redactie|institute|university|college|associated|dpa"
    r"|afp|ap|efe|anp|bbc|cnn)\b",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w.'’-]*|de|da|del|della|der|den|van|von|zu|la|le|du|y|e|and|und|et"
    r"|en|ten|ter|bin|al)$"
)


_NAME_WITH_ROLE = re.compile(
    r"^(?P<rest>[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+[\w'’.-]+){1,3}?)"
    rf"(?:(?:,|\s[-–—|])\s+(?i:{_ROLE})|\s+(?:(?i:{_ROLE_OPENERS})\s+|[a-z][\w-]*\s+){{0,3}}"
    rf"(?i:{_ROLE_NOUNS}))\b(?:\s+\w+){{0,3}}$"
)


# A line of a role alone, after a newsroom's name or not: "Games Editor", "BuzzFeed News
# Reporter", "Seattle Times business reporter".
_ROLE_LINE = re.compile(
    r"^(?:[A-ZÀ-Þ][\w.&'’-]*\s+){0,3}?"
    rf"(?:(?i:{_ROLE_OPENERS})\s+|[a-z][\w-]*\s+){{0,3}}(?i:{_ROLE_NOUNS})$"
)


def is_role_line(text: str) -> bool:
    """Whether ``text`` is a newsroom role alone (the line under a name in a byline)."""
    return _may_name_role(text) and _ROLE_LINE.match(text.strip()) is not None


_LOOSE_WORDS = 6


def loose_byline(text: str) -> tuple[str, ...]:
    """What a short ``By`` line names as it writes it, name-like or not (``By Science X
    staff``, ``By kevin-r``, ``By Contributors to Wikimedia projects``: a reader view's
    byline under its headline); empty for a sentence (``By the time we arrived, ...``)."""
    match = BYLINE.match(text)
    if match is None:
        return ()
    rest = match.group("rest")
    again = BYLINE.match(rest)
    rest = again.group("rest") if again is not None else rest
    end = _NAMES_END.search(rest, 1)
    rest = (rest[: end.start()] if end is not None else rest).rstrip(_NAMES_TRAIL)
    words = rest.split()
    if not 0 < len(words) <= _LOOSE_WORDS or words[0].lower() in _ARTICLES:
        return ()
    if (len(words) > 1 and words[0].islower()) or rest[-1:] in ".!?" or "," in rest:
        return ()
    return (" ".join(words),)


def is_bare_name(text: str, *, places: bool = False) -> bool:
    """Two to four capitalised words, as a person's name ("Pieter de Vries"); with ``places``
    also one ("Madrid")."""
    words = text.split()
    return (
        (1 if places else 2) <= len(words) <= 4
        and all(_NAME_WORD.match(w) for w in words)
        and words[0][0].isupper()
        and words[-1][0].isupper()
        and not is_junk(text)
        # "Meg JamesStaff Writer": a name and a role
        and not (_may_name_role(text) and _NAME_WITH_ROLE.match(_unglued(text)))
    )


def byline_author(text: str) -> str | None:
    """The author or authors named by a byline, joined as the byline joins them:
    ``By Jane Doe, Dec 19`` -> ``Jane Doe``; ``Von Max Müller und Erika Weiß`` -> both.

    Also ``Jessica Elgot Chief political correspondent`` (a name and a newsroom role) and
    ``Door onze redacteur Marieke de Jong``; affiliations are left out (see
    ``byline_authors``).
    """
    names = _byline_names(text)
    if not names:
        return None
    joined = names[0][0]
    for name, separator in names[1:]:
        joined += (", " if separator == "," else f" {separator} ") + name
    return joined


def byline_authors(text: str) -> tuple[str, ...]:
    """The people a byline names, each once, in its order, without their affiliations.

    ``By Caitlyn Daproza Of Rochester Institute Of Technology and Patrick Whittle Of The
    Associated Press`` -> ``("Caitlyn Daproza", "Patrick Whittle")``; ``Tom Hale, Rita Sen``
    after ``By`` -> two; ``By John Smith, Jr.`` -> one. Empty when ``text`` is no byline.
    """
    return tuple(dict.fromkeys(name for name, _ in _byline_names(text)))


# A date's label, never part of a name before it: "Last Updated March 3, 2024".
_DATE_LABEL = re.compile(
    r"\b(?:published|updated|posted|last|date|publié|mis|veröffentlicht|aktualisiert|stand|datum"
    r"|publicado|actualizado|fecha|gepubliceerd|bijgewerkt)\b",
    re.IGNORECASE,
)
_DATE_SEPARATOR = " -–—|•·,:"


def name_before_date(text: str, date_start: int | None) -> tuple[str, ...]:
    """The author of a line holding a name and then a date: ``Dan Goodin - Apr 16, 2015 8:02
    pm UTC``, ``Eva Smit 18-07-24, 09:41`` (``date_start``: where the line's first date is)."""
    if not date_start or text[date_start - 1].isalpha():
        return ()  # "Yahoo FinanceOctober 13, 2016": a label glued to the date, not a name
    name = text[:date_start].rstrip(_DATE_SEPARATOR)
    if not is_bare_name(name) or _DATE_LABEL.search(name):
        return ()
    return (" ".join(name.split()),)


_FAR_BYLINE_WORDS = 12  # a byline away from the headline is a short line of its own
_FAR_BYLINE_CHARS = 120


# A dateline: where and when a wire story was filed, opening a paragraph: "LONDON, Dec. 19,
# 2022 /PRNewswire/ --", "WASHINGTON (AP) —", "BRUSSELS, March 28 (Reuters) -".
DATELINE = re.compile(
    r"^[A-ZÀ-Þ][\w.'’-]*(?:[ -][A-ZÀ-Þ][\w.'’-]*){0,3}(?:,[^/()—–]{1,50}?)?\s*"
    r"(?:(?:/\s*(?:PR\s?Newswire|PRNEWSWIRE|Business\s?Wire|BUSINESS WIRE|GLOBE NEWSWIRE"
    r"|ACCESSWIRE|EINPresswire)[^/]{0,40}/|\((?:AP|Reuters|AFP|dpa|Bloomberg|UPI|EFE|ANP|Belga"
    r"|KNA|epd)\))\s*(?:--|[-—–])|--\((?:BUSINESS WIRE|Business Wire)\)--)"
)
_DATELINE_BLOCKS = 3  # a press release's dateline may follow a subheadline or two
_FIRST_PARAGRAPH_LEAD = 160  # characters of the first paragraph read for a date otherwise


def find_dateline(blocks: Sequence[Block]) -> list[tuple[str, int]]:
    """(text, line) where a body's dateline is: the first of its first blocks opening with one
    (a press release's often follows a subheadline), else the start of its first block."""
    for block in blocks[:_DATELINE_BLOCKS]:
        found = DATELINE.match(block.text)
        if found is not None:
            return [(found.group(0), block.line)]
    return [(blocks[0].text[:_FIRST_PARAGRAPH_LEAD], blocks[0].line)] if blocks else []


# What a text renderer puts around a byline's name: a list bullet, an image's alt text or
# file name, in brackets or not ("[6eef5bc5-c] James Akinaka", "dsteer-headshot Dave
# Steer"), a "//" and a handle after it ("Natasha Turak@NatashaTurak").
_NAME_CHROME = re.compile(
    r"^(?:[*•·+◦▪■►-]\s+|//\s*|\[[^\]]{0,40}\]\s*|[a-z0-9]+(?:[-_][a-z0-9]+)+\s+(?=[A-ZÀ-Þ]))+"
)
# A handle after a name: "Natasha Turak@NatashaTurak", "Molly Wood (@mollywood)".
_HANDLE = re.compile(r"\s*(?:@\w+|\(@\w+\))$")
# Chrome that is a picture: an alt text in brackets, a file name ("dsteer-headshot").
_PICTURE = re.compile(r"\[|[a-z0-9][-_][a-z0-9]")
# A byline glued to the name before it ("Eric SongBy Eric Song, IGN Staff") and one after
# a date ("5:45 AM PST 11/19/2019 by Patrick Shanley").
_GLUED_BY = re.compile(r"(?<=[a-z])(?=(?:By|Von|Par|Por|Door)\s+[A-ZÀ-Þ])")
_INNER_BY = re.compile(r"\s(?=(?:by|von|par|por|door)\s*:?\s+[A-ZÀ-Þ])", re.IGNORECASE)
# "Jane Doe • 8h", "Jane Doe | 3 hours ago": a name, a separator, something with a digit.
_NAME_THEN_SHORT = re.compile(r"^(?P<name>[^•|·]{3,60}?)\s+[•|·]\s+(?=\S*\d).{1,40}$")
_NEAR_BEFORE = 6  # lines above the headline a byline is looked for in ...
_NEAR_AFTER = 16  # ... and lines below it
# How much each kind of candidate line counts, and what its distance to the headline costs
# (per line below it; a line above it costs more). Measured on the text corpus's
# development part.
_KIND_SCORE = {"byline": 3.0, "name and date": 3.0, "name and role": 2.5, "bare name": 1.0,
               "name said twice": 2.5, "pictured name": 2.5, "loose byline": 2.0,
               "agency": 1.0, "agency and date": 2.5}  # fmt: skip
# A wire agency's name as a byline (``_AGENCIES``), alone (as weak as a bare name: it
# counts beside a date line) or before a date on its line.
_AGENCY_KINDS = ("agency", "agency and date")
_ONE_WORD_KINDS = ("loose byline", *_AGENCY_KINDS)  # "Reuters", "By kevin-r"
_LOOSE_LINES = 2  # a By line of its own this close under the headline names anybody
_BARE_KINDS = ("bare name", "name said twice", "pictured name")
_DATED_SCORE = 1.5  # a bare name beside a date line ("Mike Conley" / "December 18, 2020")
_AFTER_COST = 0.1
_BEFORE_COST = 0.3
# A bare name with no date line beside it is nobody's byline (a subheading, a menu item:
# taking one right under the headline measured worse).
_LEAST_SCORE = 1.4


def _unwrapped_name_line(text: str) -> tuple[str, str]:
    """A line without the chrome around a name, and whether it says a name twice ("Aleš
    Vávra Aleš Vávra", "Pamela WilsonPamela Wilson": an author's picture's alt text, then
    the link: "name said twice") or after a picture's name ("dsteer-headshot Dave Steer":
    "pictured name"), said once ("" else)."""
    chrome = _NAME_CHROME.match(text)
    pictured = chrome is not None and _PICTURE.search(chrome.group(0)) is not None
    text = _HANDLE.sub("", text[chrome.end() :] if chrome else text).strip()
    words = text.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and 2 <= half <= 4 and words[:half] == words[half:]:
        return " ".join(words[:half]), "name said twice"
    middle = len(text) // 2
    if len(text) % 2 == 0 and " " in text and text[:middle] == text[middle:]:
        return text[:middle], "name said twice"
    return text, "pictured name" if pictured else ""


# A date line, then a name after a separator: "November 19, 2019 | Jane Doe".
_DATE_THEN_NAME = re.compile(r"^(?P<date>.*\d.*?)(?:\s+[|•·/–—-]|\s*[|•·])\s+(?P<name>[^|•·/\d]+)$")
# Where a bare name's correspondent is: "Jon Henley in Paris", "Lena Huber aus Wien".
_IN_PLACE = re.compile(r"\s+(?:in|aus|à|en)\s+[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,2}$")
# The words that join the names of one line of bare names.
_JOINING = frozenset(["and", "und", "et", "y", "en", "&"])


def bare_names(text: str) -> tuple[str, ...]:
    """The people a line of bare names names: one (``is_bare_name``, never a newsroom's)
    or several joined by ``and`` (``Jane Doe, John Smith and Ann Lee``: a comma alone
    does not join them, it stands before a newsroom as often: ``Charlie Wood, Business
    Insider``); empty else."""
    parts = _SEPARATOR.split(text.strip())
    found = [" ".join(_without_newsroom(part.split())) for part in parts[0::3]]
    separators = [(parts[i] or parts[i + 1]).lower() for i in range(1, len(parts) - 2, 3)]
    if separators and not _JOINING.intersection(separators):
        return ()
    if len(set(found)) < len(found) or not all(_is_name(n.split(), 2) for n in found):
        return ()  # (the shape first: a person's name is checked for junk and newsrooms)
    return tuple(found) if all(_is_people_name(name) for name in found) else ()


# Wire agencies, which sign their stories with their name as a byline ("Reuters", "The
# Associated Press", "AFP"): a closed list (any other capitalised words may be a kicker's).
_AGENCIES = (
    r"(?:the\s+)?associated\s+press|ap|reuters|afp|agence\s+france[- ]presse|dpa|upi|efe"
    r"|anp|belga|ansa|press\s+association|pa\s+media|pti|ians|xinhua|kyodo\s+news|kyodo"
    r"|yonhap|tass|(?:the\s+)?canadian\s+press|aap|europa\s+press|kna|epd|lusa"
    r"|bloomberg(?:\s+news)?"
)
_AGENCY_NAME = re.compile(_AGENCIES, re.IGNORECASE)
# An agency's line: alone, after a By, before a place ("Reuters, Washington,").
_AGENCY_LINE = re.compile(
    rf"^(?:(?:by|von|par|por|door)\s*:?\s+)?(?P<name>{_AGENCIES})"
    r"(?:\s*,\s*[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,2}\s*,?)?\s*[-–—|•·,]?$",
    re.IGNORECASE,
)


def _agency_before_date(text: str, date_start: int | None) -> str | None:
    """The agency of a line holding an agency's name and then a date ("Reuters November 18,
    2019 11:03 PM", "Associated PressDecember 2, 2016": a renderer glued them)."""
    if not date_start:
        return None
    found = _AGENCY_LINE.match(text[:date_start].rstrip(_DATE_SEPARATOR))
    return " ".join(found.group("name").split()) if found is not None else None


def _line_names(
    text: str,
    date_start: Callable[[str], int | None],
    is_date_line: Callable[[str], bool],
    lines: int = 1,
) -> tuple[tuple[str, ...], str]:
    """(the people a line names, how) when it may be a byline (``lines``: how many lines of
    the text it is, a byline a renderer wrapped being longer); ((), "") else."""
    if len(text) > 2 * lines * _FAR_BYLINE_CHARS:
        return (), ""  # prose, even with chrome around a name
    text, how = _unwrapped_name_line(text)
    words = text.split()
    if not words or len(text) > lines * _FAR_BYLINE_CHARS or len(words) > lines * _FAR_BYLINE_WORDS:
        return (), ""
    glued = _GLUED_BY.search(text)
    if glued is not None:
        text = text[glued.start() :]
    digit = _DIGIT.search(text) is not None
    inner = _INNER_BY.search(text) if digit else None
    if inner is not None:
        start = date_start(text)
        names = byline_authors(text[inner.end() :])
        if names and start is not None and start < inner.start():
            return names, "byline"  # "on March 10, 2015 by Nikhil Marathe"
    after = _DATE_THEN_NAME.match(text) if digit and text[-1:].isalpha() else None
    if after is not None:
        names = bare_names(after.group("name"))
        if names and is_date_line(after.group("date")):
            return names, "name and date"  # "November 19, 2019 | Jane Doe"
    if not text[:1].isupper():
        return (), ""
    names = byline_authors(text)
    if names:
        return names, "byline" if BYLINE.match(text) else "name and role"
    if digit and len(words) >= 3:
        names = name_before_date(text, date_start(text))
        if names:
            return names, "name and date"
        short = _NAME_THEN_SHORT.match(text)
        if short is not None and is_bare_name(short.group("name")):
            return (" ".join(short.group("name").split()),), "name and date"
    agency = _agency_before_date(text, date_start(text)) if digit else None
    if agency:
        return (agency,), "agency and date"
    signed = _AGENCY_LINE.match(text) if not digit else None
    if signed is not None:  # "Reuters", "By The Associated Press", "Reuters, Washington,"
        return (" ".join(signed.group("name").split()),), "agency"
    if is_bare_name(text) and not _DATE_LABEL.search(text):
        return (" ".join(words),), how or "bare name"
    if words[-1][:1].isupper():  # a name's last word (prose's is seldom capitalised)
        placed = _IN_PLACE.sub("", text)
        names = bare_names(placed) if placed != text or _SEPARATOR.search(text) else ()
        if names:  # "Jane Doe and John Smith", "Jon Henley in Paris"
            return names, how or "bare name"
    head, comma, tail = text.partition(",")
    if comma and is_bare_name(head) and _is_name(tail.split(), 1) and len(tail.split()) <= 4:
        # "VICTOR TANGERMANN, FUTURISM", "Charlie Wood, Business Insider": where they work
        return (" ".join(head.split()),), "bare name"
    return (), ""


_Found = tuple[tuple[str, ...], str]  # (the authors, where)


def near_bylines(
    blocks: Sequence[Block],
    head_block: int,
    head_lines: tuple[int, int],
    is_date_line: Callable[[str], bool],
    date_start: Callable[[str], int | None],
) -> tuple[_Found | None, _Found | None]:
    """The likeliest byline around a headline (its first and last line numbers
    ``head_lines``, starting in ``blocks[head_block]``), and the likeliest bare name beside
    a date line below it: every line near it is a candidate, scored by what it looks like
    (``By ...``, a name and a date, a name and a role, a bare name), a date line beside a
    bare name, and its distance to the headline."""
    lines, head, end = lines_around(blocks, head_block, head_lines)
    if head < 0:
        return None, None
    best: dict[bool, tuple[float, tuple[str, ...], str]] = {}  # bare name or not -> best
    for i in range(max(0, head - _NEAR_BEFORE), min(len(lines), end + 1 + _NEAR_AFTER)):
        if head <= i <= end:
            continue
        text, number = lines[i]
        if i > 0 and _BY_ALONE.match(lines[i - 1][0]):
            text = f"{lines[i - 1][0]} {text}"  # "By" / "Ryan Reed"
        names, kind = _line_names(text, date_start, is_date_line)
        if _wrapped(lines, i, text, names):
            # "By Jane Doe and" / "John Smith": a byline a renderer wrapped; "Written on
            # Feb 24 by" / "Courtney Kirchoff"
            joined = _line_names(f"{text} {lines[i + 1][0]}", date_start, is_date_line, 2)
            names, kind = joined if joined[0] else (names, kind)
        if not names and end < i <= end + _LOOSE_LINES:
            names, kind = loose_byline(text), "loose byline"
        if kind in _BARE_KINDS and i + 1 < len(lines) and is_role_line(lines[i + 1][0]):
            kind = "name and role"  # "Mark Di Stefano" / "BuzzFeed News Reporter"
        if kind in _AGENCY_KINDS and (
            i < head
            or any(0 <= j < len(lines) and is_bare_name(lines[j][0]) for j in (i - 1, i + 1))
        ):
            # Above the headline an agency's name is the site's; beside a name
            # ("NATALIYA VASILYEVA" / "Associated Press") it is the person's newsroom.
            continue
        bare = kind in _BARE_KINDS
        if not names or (len(names[0].split()) < 2 and kind not in _ONE_WORD_KINDS):
            continue
        if (
            bare
            and i < head
            and (_ORGANISATION.search(names[0]) or not _dated_below(lines, i, head, is_date_line))
        ):
            # A name alone above the headline is a kicker's or a menu's, unless a date line
            # follows it closely ("Molly Wood" / "Ideas" / "11.14.2019 09:00 AM"), and it is
            # no newsroom's ("Business News").
            continue
        score = _KIND_SCORE[kind]
        distance = i - end - 1 if i > end else head - i
        score -= _AFTER_COST * distance if i > end else _BEFORE_COST * distance
        if (bare or kind == "agency") and (
            i < head  # with a date line under it (above)
            or any(is_date_line(lines[j][0]) for j in (i - 1, i + 1) if j < len(lines))
        ):
            score += _DATED_SCORE
        if score >= _LEAST_SCORE and (bare not in best or score > best[bare][0]):
            best[bare] = (score, names, f"line {number}: {kind}")
    strong, weak = best.get(False), best.get(True)
    return (
        (strong[1], strong[2]) if strong is not None else None,
        (weak[1], weak[2]) if weak is not None else None,
    )


_WRAP = 60  # characters: a renderer wraps a longer line (w3m at 80 columns, lynx at 76)
# What a byline cut by a line break ends with: a word that joins names, or its "by".
_JOIN_END = frozenset(["and", "und", "et", "y", "en", "&", "by", "von", "par", "por", "door"])


def _wrapped(lines: Sequence[tuple[str, int]], i: int, text: str, names: tuple[str, ...]) -> bool:
    """Whether ``lines[i]`` (``text``, naming ``names``) is a byline that goes on on the
    next line of its block: it ends with a joining word, or it has a ``By`` in it, names
    nobody and is as long as a renderer's wrapped line."""
    if i + 1 >= len(lines) or not lines[i + 1][0] or not text:
        return False
    number, following = lines[i][1], lines[i + 1][1]
    if number and following != number + 1:
        return False  # the next line is another block's
    if text.endswith(",") or text.rsplit(None, 1)[-1].rstrip(":").lower() in _JOIN_END:
        return len(text.split(None, 1)) > 1  # not "By" alone (the line below takes it)
    # a long line with a By in it ("... | Par Martin" / "Untersinger"), not any prose
    return not names and len(text) >= _WRAP and _INNER_BY.search(text) is not None


def _dated_below(
    lines: Sequence[tuple[str, int]], i: int, head: int, is_date_line: Callable[[str], bool]
) -> bool:
    """Whether one of the two lines after ``lines[i]``, above the headline, is a date line."""
    return any(is_date_line(lines[j][0]) for j in (i + 1, i + 2) if j < head)


def byline_away(
    blocks: Sequence[Block],
    headline: tuple[int, int, int] | None,
    is_date_line: Callable[[str], bool],
    date_start: Callable[[str], int | None],
) -> _Found | None:
    """(the authors, where) for a text whose header lines name none: a byline near the
    headline (``headline``: its block, first and last line; ``near_bylines``), else the
    first anywhere (``first_byline``: the headline may be wrong), else the person an
    author's note names (``author_bio``), else a bare name beside a date line near the
    headline (weaker than a byline elsewhere: a list of other articles has such names too)."""
    strong = weak = None
    if headline is not None:
        strong, weak = near_bylines(blocks, headline[0], headline[1:], is_date_line, date_start)
    if strong is not None:
        return strong
    far = first_byline((t for b in blocks for t in (b.lines or (b.text,))), date_start)
    if far:
        return far, "a byline away from the headline"
    return author_bio(blocks) or weak


# An author's note after the article: "Meg James is a corporate media reporter for the Los
# Angeles Times", "Molly Wood (@mollywood) is an Ideas contributor at WIRED", "Contact Mark
# Di Stefano at mark.distefano@buzzfeed.com".
_BIO = re.compile(
    r"^(?:[*•·]\s+)?(?P<name>(?:[A-ZÀ-Þ][\w.'’-]+\s+){1,3}[A-ZÀ-Þ][\w.'’-]+)(?:\s+\(@\w+\))?"
    r"\s+(?:is|was)\s+(?:a|an|the)\s+[^.]{0,80}?\b(?:reporter|writer|editor|correspondent"
    r"|columnist|journalist|contributor|author|producer|critic|blogger|freelancer|analyst)s?\b"
    r"|^(?:Contact|Email|E-mail|Reach)\s+(?P<contact>(?:[A-ZÀ-Þ][\w.'’-]+\s+){1,3}"
    r"[A-ZÀ-Þ][\w.'’-]+)\s+(?:at|on|via)\s"
)


def author_bio(blocks: Sequence[Block]) -> _Found | None:
    """(the author, where) an author's note names (``_BIO``), the first of them."""
    for block in blocks:
        if block.text[:1] not in _BIO_OPENERS:
            continue
        found = _BIO.match(block.text)
        if found is not None:
            name = " ".join((found.group("name") or found.group("contact")).split())
            if _is_people_name(name):
                return (name,), f"line {block.line}: the author's note"
    return None


_BIO_OPENERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ*•·")


_BY_ALONE = re.compile(r"^(?:by|von|par|por|door)\s*:?$", re.IGNORECASE)


def first_byline(lines: Iterable[str], date_start: Callable[[str], int | None]) -> tuple[str, ...]:
    """The people the first byline among ``lines`` names, for a page whose byline stands away
    from what was taken for its headline: a line opening with its word (``By``, ``Von``,
    ``Posted by``) and a full name, also when the word is alone on the line above the name;
    a name and a newsroom role on the next line (``Ben Silverman`` / ``Games Editor``); a
    name before a date (``Alex Perry 1 day ago``; ``date_start`` says where a line's first
    date starts)."""
    previous = ""
    for line in lines:
        words: Sequence[str] = line.split() if len(line) <= _FAR_BYLINE_CHARS else ()
        if not words or len(words) > _FAR_BYLINE_WORDS:
            previous = line
            continue
        if _BY_ALONE.match(previous):
            line, words = f"{previous} {line}", ("by", *words)
        candidates: tuple[str, ...] = ()
        if words[0].lower().rstrip(":") in _BYLINE_STARTS:
            candidates = byline_authors(line) if BYLINE.match(line) else ()
        elif not line[:1].isupper():
            pass
        elif 2 <= len(previous.split()) <= 4 and _is_people_name(previous) and is_role_line(line):
            candidates = (" ".join(previous.split()),)
        elif len(words) >= 3 and words[1][:1].isupper() and _DIGIT.search(line):
            candidates = name_before_date(line, date_start(line))
        if candidates and len(candidates[0].split()) >= 2:
            return candidates
        previous = line
    return ()


# The first words a BYLINE can open with (lowercased, without a colon).
_BYLINE_STARTS = frozenset(
    [
        "by",
        "von",
        "par",
        "por",
        "door",
        "written",
        "reported",
        "posted",
        "analysis",
        "opinion",
        "commentary",
        "story",
        "words",
        "reporting",
        "article",
        "rédigé",
        "écrit",
        "publié",
        "geschrieben",
        "verfasst",
        "escrito",
        "publicado",
        "geschreven",
        "geplaatst",
        "text",
        "texto",
        "auteur",
        "autor",
        "autorin",
        "author",
        "tekst",
    ]
)
_DIGIT = re.compile(r"\d")


# A role glued to the name before it by a renderer: "Meg JamesStaff Writer".
_GLUED_ROLE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?$)")


def _unglued(text: str) -> str:
    """``text`` with a role glued to the name before it apart (``_GLUED_ROLE``)."""
    return _GLUED_ROLE.sub(" ", text, count=1)


@lru_cache(maxsize=512)
def _byline_names(text: str) -> tuple[tuple[str, str], ...]:
    """(name, the separator before it) of each person a byline names (remembered: the lines
    around a headline are asked about several times)."""
    match = BYLINE.match(text)
    if match is None and _may_name_role(text):
        text = _unglued(text)
        match = _NAME_WITH_ROLE.match(text)
        named = match.group("rest").split() if match is not None else []
        if named and (not _is_person(named, 2) or named[0].lower() in _ARTICLES):
            return ()  # "BuzzFeed News Reporter", "The Hollywood Reporter": a newsroom
    if match is None or len(text.split()) > 20:
        return ()
    rest = match.group("rest")
    again = BYLINE.match(rest) if match.re is BYLINE else None
    if again is not None:  # "By Written by Rob Ewaschuk": a reader view's "By" before it
        match, rest = again, again.group("rest")
    end = _NAMES_END.search(rest, 1)
    if end is not None:
        rest = rest[: end.start()]
    rest = rest.rstrip(_NAMES_TRAIL)  # "By Staff Reports -"
    if match.re is BYLINE and _may_name_role(rest):
        # "By Meg JamesStaff Writer": the name without the role glued to it
        role = _NAME_WITH_ROLE.match(_unglued(rest))
        rest = role.group("rest") if role is not None else rest
    lead = match.groupdict().get("lead")
    if lead is not None and lead.lower() in ("par", "por"):
        en = _EN.search(rest, 1)
        rest = rest[: en.start()] if en else rest
    parts = _SEPARATOR.split(rest)
    # re.split gives text, comma group, word group, text, ...
    segments = [(parts[0], "")] + [
        (parts[i + 2], parts[i] or parts[i + 1]) for i in range(1, len(parts) - 2, 3)
    ]
    names: list[tuple[str, str]] = []
    for segment, separator in segments:
        words = _AFFILIATION.sub("", segment or "").split()
        half = len(words) // 2
        if len(words) % 2 == 0 and 2 <= half <= 4 and words[:half] == words[half:]:
            words = words[:half]  # "By Sean Martin Sean Martin": a picture's alt text too
        joined = " ".join(words)
        if names and separator == "," and len(words) == 1:
            if _NAME_SUFFIX.match(joined):  # "John Smith, Jr."
                names[-1] = (f"{names[-1][0]}, {joined}", names[-1][1])
                continue
            if _DEGREE.match(joined):  # "Brenda Goodman, MA"
                continue
        single = len(words) == 1 or (bool(names) and len(names[-1][0].split()) == 1)
        if names and separator not in _LIST_MARKS and single and _is_person(words, 1):
            # "José Ortega y Gasset", "Max und Erika Weiß": one name with a joining word in it.
            names[-1] = (f"{names[-1][0]} {separator} {joined}", names[-1][1])
            continue
        if not names:
            words = _without_newsroom(words)
            joined = " ".join(words)
        if not (_is_person(words, 2) if names else _is_name(words, 1)):
            break
        names.append((joined, separator))
    return tuple(names)


_NEWSROOM_TAIL = 3  # words of a newsroom's name after a person's: "Associated Press"


def _without_newsroom(words: list[str]) -> list[str]:
    """A byline's first name without the newsroom a renderer ran into it: an agency's name
    (``By Jane Doe Reuters``), a newsroom's capitalised words after a name in capitals
    (``By JANE DOE Associated Press``; ``By European Space Agency`` is the newsroom's), two
    words or more in capitals after a name in none (``Kevin McCoy USA TODAY``)."""
    if len(words) < 3:
        return words
    for k in range(max(2, len(words) - _NEWSROOM_TAIL), len(words)):
        head, tail = words[:k], " ".join(words[k:])
        capitals = all(w.isupper() for w in head) and not tail.isupper()
        shouted = len(words) - k >= 2 and tail.isupper() and not any(w.isupper() for w in head)
        if (
            _AGENCY_NAME.fullmatch(tail)
            or (capitals and _ORGANISATION.search(tail))
            or shouted  # "Kevin McCoy USA TODAY"
        ):
            return head
    return words


def _is_people_name(text: str) -> bool:
    """A bare name that is no newsroom's (``Seattle Times``, ``The Senate``)."""
    return (
        is_bare_name(text)
        and _ORGANISATION.search(text) is None
        and text.split()[0].lower() not in _ARTICLES
    )


def _is_person(words: list[str], least: int) -> bool:
    """A name after the first in a byline: never a newsroom's or an agency's."""
    return _is_name(words, least) and _ORGANISATION.search(" ".join(words)) is None


def _is_name(words: list[str], least: int) -> bool:
    return (
        least <= len(words) <= 6
        and all(_NAME_WORD.match(w) for w in words)
        and words[0][0].isupper()
        and words[-1][0].isupper()
    )


def _may_name_role(text: str) -> bool:
    """False only when ``text`` certainly holds no newsroom role (see ``_ROLE_STEMS``)."""
    if not text.isascii():
        return True  # case-insensitive matching beyond ASCII is the pattern's to judge
    # The role is one of the last four words (at most three follow it): a long line is
    # checked only there.
    tail = " ".join(text.rsplit(None, 4)[-4:]).lower()
    # A plain loop, not any() over a generator: this runs for nearly every line it checks.
    for stem in _ROLE_STEMS:  # noqa: SIM110
        if stem in tail:
            return True
    return False
