"""Byline candidates: what a line near a headline names, and as what kind of byline (a
``By`` line, a name and a date, a name and a role, a bare name, a wire agency, ...)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .byline_metadata import SEGMENT, handle, metadata_names
from .byline_text import (
    BYLINE,
    DATE_LABEL,
    DATE_SEPARATOR,
    DIGIT,
    FAR_BYLINE_CHARS,
    FAR_BYLINE_WORDS,
    USER_PICTURE,
    byline_authors,
    name_before_date,
    relabelled,
    unglued_lead,
    word_count,
)
from .names import (
    AGENCIES,
    JOINING,
    ROLE_OPENER,
    SEPARATOR,
    bare_names,
    is_bare_name,
    is_name,
    is_people_name,
)

__all__ = [
    "INNER_BY",
    "line_names",
]


# What a text renderer puts around a byline's name: a list bullet, an image's alt text or
# file name, in brackets or not ("[6eef5bc5-c] James Akinaka", "dsteer-headshot Dave
# Steer"), a "//" and a handle after it ("Natasha Turak@NatashaTurak").
_NAME_CHROME = re.compile(
    r"^(?:[*•·+◦▪■●►-]\s+|//\s*|\[[^\]]{0,80}\]\s*|[a-z0-9]+(?:[-_][a-z0-9]+)+\s+(?=[A-ZÀ-Þ])"
    rf"|{USER_PICTURE})+"  # a user's picture's alt text: "Profilbild jdoe", "Avatar Jane Doe"
)
# A picture's alt text after the name it shows: "Jane Doe headshot", "J.R. Stone Image"
# (not a caption's credit: "Jane Doe Submitted photo", "File photo").
_PICTURE_AFTER = re.compile(
    r"(?<!(?i:submitted))(?<!(?i:file))(?<!(?i:courtesy))"
    r"\s+(?i:image|photo|picture|head\s*shot|avatar|portrait|profilbild|autorenbild)$"
)
# A form's text field as w3m draws it, before its button: "[          ] Search Go".
_FORM_BOX = re.compile(r"^\s*\[[\s_]*\]")
# A handle or an address after a name: "Natasha Turak@NatashaTurak", "Molly Wood
# (@mollywood)", "Jane Doe, @janedoe", "Jane Doe | jdoe@example.com".
_HANDLE = re.compile(r"\s*(?:,?\s*@\w+|\(@\w+\)|[|•·,]?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$")
# Chrome that is a picture: an alt text in brackets, a file name ("dsteer-headshot"), a
# user's picture's alt text.
_PICTURE = re.compile(r"\[|[a-z0-9][-_][a-z0-9]")
_USER_PICTURE = re.compile(r"(?i:bild|avatar|picture|photo|image|shot)")
# What stands between a name said twice: a picture's credit, a byline's word ("Jane Doe ©
# Jane Doe", "Jane Doe By Jane Doe": the picture's alt text, then the byline).
_TWICE_BETWEEN = re.compile(r"\s+(?:©|by|By|BY|von|Von|par|Par|por|Por)\s+")
# A byline glued to the name before it ("Eric SongBy Eric Song, IGN Staff") and one after
# a date ("5:45 AM PST 11/19/2019 by Patrick Shanley").
_GLUED_BY = re.compile(r"(?<=[a-z])(?=(?:By|Von|Par|Por|Door)\s+[A-ZÀ-Þ])")
INNER_BY = re.compile(r"\s(?=(?:by|von|par|por|door)\s*:?\s+[A-ZÀ-Þ])", re.IGNORECASE)
# A byline after something else on its line, opening with a word only a byline opens with.
_WRITTEN_BY = re.compile(
    r"(?<=\s)(?:written|posted|reported|geschrieben|verfasst|rédigé|écrit|escrito)\s+"
    r"(?:by|von|par|por)\s*:?\s+(?=[A-ZÀ-Þ])",
    re.IGNORECASE,
)
# What kind of piece it is, then the byline: "A column by", "Ein Kommentar von".
_KIND_BY = re.compile(
    r"^(?:a|an|ein|eine|un|une|una|een)\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s+(?=(?:by|von|par|por|door)\s)",
    re.IGNORECASE,
)
# A link's or a picture's mark inside a line (w3m, lynx): "Von [ef7] Lisa Borch".
_MARK = re.compile(r"(?<=\S)\s*\[[0-9a-f]{2,12}\]\s*")
# "Jane Doe • 8h", "Jane Doe | 3 hours ago": a name, a separator, something with a digit.
_NAME_THEN_SHORT = re.compile(r"^(?P<name>[^•|·]{3,60}?)\s+[•|·]\s+(?=\S*\d).{1,40}$")


def _unwrapped_name_line(text: str) -> tuple[str, str]:
    """A line without the chrome around a name, and whether it says a name twice ("Aleš
    Vávra Aleš Vávra", "Pamela WilsonPamela Wilson": an author's picture's alt text, then
    the link: "name said twice") or after a picture's name ("dsteer-headshot Dave Steer":
    "pictured name"), said once ("" else)."""
    chrome = _NAME_CHROME.match(text)
    pictured = chrome is not None and _PICTURE.search(chrome.group(0)) is not None
    text = text[chrome.end() :] if chrome else text
    handled = text
    text = _HANDLE.sub("", text).strip() if "@" in text else text.strip()
    words = text.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and 2 <= half <= 4 and words[:half] == words[half:]:
        return " ".join(words[:half]), "name said twice"
    middle = len(text) // 2
    if len(text) % 2 == 0 and " " in text and text[:middle] == text[middle:]:
        return text[:middle], "name said twice"
    parts = _TWICE_BETWEEN.split(text) if len(words) >= 5 else ()
    if len(parts) == 2 and parts[0] == parts[1]:
        return parts[0], "name said twice"
    if chrome is not None and _USER_PICTURE.search(chrome.group(0)):
        return text, "user picture"
    after = _PICTURE_AFTER.search(text) if len(words) > 2 else None
    if pictured or after is not None:
        return (text[: after.start()] if after is not None else text), "pictured name"
    return text, "name and handle" if handled.strip() != text else ""


# A date line, then a name after a separator: "November 19, 2019 | Jane Doe", "17/11/2019 ~
# Jane Doe".
_DATE_THEN_NAME = re.compile(
    r"^(?P<date>.*\d.*?)(?:\s+[|•·/–—~-]|\s*[|•·])\s+(?P<name>[^|•·/~\d]+)$"
)
# Where a bare name's correspondent is: "Jon Henley in Paris", "Lena Huber aus Wien".
_IN_PLACE = re.compile(r"\s+(?:in|aus|à|en)\s+[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,2}$")


# An agency's line: alone, after a By, before a place ("Reuters, Washington,").
_AGENCY_LINE = re.compile(
    rf"^(?:(?:by|von|par|por|door)\s*:?\s+)?(?P<name>{AGENCIES})"
    r"(?:\s*,\s*[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,2}\s*,?)?\s*[-–—|•·,]?$",
    re.IGNORECASE,
)
# A byline of an editor's initials and the wire agency the story is from, as German-language
# newsrooms sign it: "Von: det/dpa", "Von jdo/AFP".
_AGENCY_CODE = re.compile(
    rf"^(?:by|von|par|por|door)\s*:?\s+(?P<name>[a-zäöü]{{2,5}}(?:/[a-zäöü]{{2,5}})*/(?:{AGENCIES}))$",
    re.IGNORECASE,
)
# A newsroom signing as itself, before a date on its line ("Redaktion 12.03.2020"); alone on
# its line it is not taken ("Redacción" over "Barcelona, 18/07/2024": tests/data/holdout
# labels no author there).
_NEWSROOM_SELF = re.compile(
    r"^(?P<name>redaktion|redacción|rédaction|redactie|redazione|redação)$", re.IGNORECASE
)


def _agency_before_date(text: str, date_start: int | None) -> str | None:
    """The agency of a line holding an agency's name and then a date ("Reuters November 18,
    2019 11:03 PM", "Associated PressDecember 2, 2016": a renderer glued them)."""
    if not date_start:
        return None
    before = text[:date_start].rstrip(DATE_SEPARATOR)
    found = _AGENCY_LINE.match(before) or _NEWSROOM_SELF.match(before)
    return " ".join(found.group("name").split()) if found is not None else None


def line_names(
    text: str,
    date_start: Callable[[str], int | None],
    is_date_line: Callable[[str], bool],
    lines: int = 1,
    site: str | None = None,
) -> tuple[tuple[str, ...], str]:
    """(the people a line names, how) when it may be a byline (``lines``: how many lines of
    the text it is, a byline a renderer wrapped being longer; ``site``: the publisher found,
    which is nobody's name after a comma); ((), "") else."""
    if len(text) > 2 * lines * FAR_BYLINE_CHARS:
        return (), ""  # prose, even with chrome around a name
    if _FORM_BOX.match(text):
        return (), ""  # "[          ] Search Go": a form's field and its button
    text, how = _unwrapped_name_line(_MARK.sub(" ", text) if "[" in text else text)
    user, how = how == "user picture", "pictured name" if how == "user picture" else how
    text = unglued_lead(text)
    text = relabelled(text)
    words = text.split()
    if (
        not words
        or len(text) > lines * FAR_BYLINE_CHARS
        or (len(words) > lines * FAR_BYLINE_WORDS and word_count(words) > lines * FAR_BYLINE_WORDS)
    ):
        return (), ""
    glued = _GLUED_BY.search(text)
    if glued is not None:
        text = text[glued.start() :]
    written = _WRITTEN_BY.search(text, 1)
    if written is not None:  # "Medically reviewed by Ann Lee, MD — Written by Jane Doe on ..."
        names = byline_authors(text[written.start() :])
        if names:
            return names, "byline"
    kind = _KIND_BY.match(text)
    if kind is not None:  # "A column by Jane Doe", "Ein Kommentar von Anna Schmidt"
        names = byline_authors(text[kind.end() :])
        if names:
            return names, "byline"
    digit = DIGIT.search(text) is not None
    inner = INNER_BY.search(text) if digit else None
    if inner is not None:
        start = date_start(text)
        names = byline_authors(text[inner.end() :])
        if names and start is not None and start < inner.start():
            # "on March 10, 2015 by Nikhil Marathe"; "12/04/2020 by Kay 24 Comments"
            one = len(names[0].split()) == 1 and names == handle(text, digit)
            return names, "handle" if one else "byline"
    after = _DATE_THEN_NAME.match(text) if digit and text[-1:].isalpha() else None
    if after is not None:
        names = bare_names(after.group("name"))
        if names and is_date_line(after.group("date")):
            return names, "name and date"  # "November 19, 2019 | Jane Doe"
    if user and digit:  # "Profilbild jdoe 18.10.2019, 15:07 Uhr": a user's picture, the name
        start = date_start(text)
        user_name = text[:start].strip(DATE_SEPARATOR).split() if start else []
        if len(user_name) == 1 and user_name[0][:1].isalnum():
            return (user_name[0],), "handle"
    if not text[:1].isupper():
        durch = _DURCH.match(text)  # "durch Jane Doe": as a "von" line of people's names
        lower = _lowercase_byline(f"von {text[durch.end() :]}" if durch else text)
        if lower:  # "by Jane Doe on January 20, 2020", "von: Jane Doe"
            return lower, "lowercase byline"
        return metadata_names(text, digit, date_start, is_date_line)
    names = byline_authors(text)
    if names and len(names[0].split()) == 1 and names == handle(text, digit):
        return names, "handle"  # "Von Robert": one word after a byline's word
    if names:
        return names, "byline" if BYLINE.match(text) else "name and role"
    if digit and len(words) >= 2:  # (a day glued to the name: "Jane Doe3.11.2023")
        names = name_before_date(text, date_start(text))
        if names:
            return names, "name and date"
        short = _NAME_THEN_SHORT.match(text)
        if short is not None and is_bare_name(short.group("name")):
            return (" ".join(short.group("name").split()),), "name and date"
    agency = _agency_before_date(text, date_start(text)) if digit else None
    if agency:
        return (agency,), "agency and date"
    code = _AGENCY_CODE.match(text) if not digit and "/" in text else None
    if code is not None:  # "Von: det/dpa": as written
        return (code.group("name"),), "handle"
    signed = _AGENCY_LINE.match(text) if not digit else None
    if signed is not None:  # "Reuters", "By The Associated Press", "Reuters, Washington,"
        return (" ".join(signed.group("name").split()),), "agency"
    if is_bare_name(text) and not DATE_LABEL.search(text):
        return (" ".join(words),), how or "bare name"
    if words[-1][:1].isupper():  # a name's last word (prose's is seldom capitalised)
        placed = _IN_PLACE.sub("", text)
        names = bare_names(placed) if placed != text or SEPARATOR.search(text) else ()
        if names:  # "Jane Doe and John Smith", "Jon Henley in Paris"
            return names, how or "bare name"
    head, comma, tail = text.partition(",")
    if comma and is_bare_name(head) and is_name(tail.split(), 1) and len(tail.split()) <= 4:
        # "VICTOR TANGERMANN, FUTURISM", "Charlie Wood, Business Insider": where they work;
        # "Jane Doe, John Smith": two people (never the site: "Jane Doe, Acme Times")
        names = _comma_names(text, site)
        return names or (" ".join(head.split()),), "names" if names else "bare name"
    segments = SEGMENT.split(text) if digit else []
    if (
        len(segments) > 1
        and is_bare_name(segments[0])
        and not DATE_LABEL.search(segments[0])
        and any(is_date_line(segment) for segment in segments[1:])
    ):  # "Saibal Dasgupta / TNN / Updated: Oct 9, 2019", "Marie Merlet | lundi 9 décembre"
        return (" ".join(segments[0].split()),), "name and date"
    for segment in segments[1:]:  # "Home | Par Jean Le Clerc | 30 septembre 2018"
        names = byline_authors(segment) if BYLINE.match(segment) else ()
        if names:
            return names, "byline"
    return metadata_names(text, digit, date_start, is_date_line)


_COMMA_NAMES = 4  # people a line of bare names joined by commas names at the most


def _comma_names(text: str, site: str | None) -> tuple[str, ...]:
    """The people a line of bare names joined by commas names (``Jane Doe, John Smith``,
    ``Jane Doe, John Smith & Ann Lee``): each a person's name of two words or more, none
    sharing a word with the ``site``'s name, no newsroom's; empty else."""
    parts = [" ".join(part.split()) for part in _LIST_COMMA.split(text)]
    site_words = set(site.lower().split()) if site else set()
    if not 2 <= len(parts) <= _COMMA_NAMES or len(set(parts)) < len(parts):
        return ()
    for part in parts:
        words = part.split()
        if len(words) < 2 or not is_people_name(part) or JOINING.intersection(words):
            return ()
        if ROLE_OPENER.fullmatch(words[0]):  # "Jane Doe, Senior Manager Digital Marketing"
            return ()
        if site_words.intersection(w.lower() for w in words):
            return ()
    return tuple(parts)


# What joins the names of a line of bare names with commas: a comma, or "and" before the last.
_LIST_COMMA = re.compile(
    r"\s*,\s*|\s+(?:" + "|".join(map(re.escape, sorted(JOINING))) + r")\s+", re.IGNORECASE
)


# A German blog theme's lower-case word for "by" before the author's name ("durch Jane Doe");
# a line of prose may open with it too ("durch Kipppunkte im Erdsystem"): people's names only.
_DURCH = re.compile(r"^durch\s+(?=[A-ZÀ-Þ])")


def _lowercase_byline(text: str) -> tuple[str, ...]:
    """The people a byline opening with a lower-case byline word names (``by Jane Doe on
    January 20, 2020``), each a person's name of two words or more with no joining word
    inside (``von Verlusten und Schäden``, the rest of a sentence, names nobody); empty
    else."""
    if BYLINE.match(text) is None:
        return ()
    names = byline_authors(text)
    if not names or not all(
        is_people_name(name) and not JOINING.intersection(name.lower().split()) for name in names
    ):
        return ()
    return names
