"""Names in a blog's line of metadata: a user name after a byline's word, a person named
right after the line's date, a user name beside the date on a line ending with its comments."""

from __future__ import annotations

import re
from collections.abc import Callable

from .names import ORGANISATION, is_people_name

__all__ = ["SEGMENT", "handle", "metadata_names"]


def metadata_names(
    text: str,
    digit: bool,
    date_start: Callable[[str], int | None],
    is_date_line: Callable[[str], bool],
) -> tuple[tuple[str, ...], str]:
    """(the user name or the person a line of metadata names, how): a blog's user name after
    a byline's word (``handle``), else a user name in lower case before the line's date
    (``_user_before_date``), else a name right after the line's date, else a user name
    beside the date on a line ending with its comments (``_blog_user``)."""
    found = handle(text, digit)
    if found or not digit:
        return found, "handle"
    found = _user_before_date(text, is_date_line) or _user_at_time(text)
    if found:
        return found, "handle"
    after = _name_after_date(text, date_start, is_date_line)
    user = () if after else _blog_user(text, date_start, is_date_line)
    return (user, "handle") if user else (after, "name after date")


# A capitalised word, where a name after a date may start.
_CAPITAL = re.compile(r"(?<!\S)[A-ZÀ-Þ]")
# Words of a time of day after a date, never a name's: "19.6.2007 9:40 Uhr".
_TIME_WORDS = frozenset(["uhr", "am", "pm", "h", "gmt", "utc", "est", "edt", "pst", "cet",
                         "cest", "mez", "ist", "bst", "eastern", "pacific", "central",
                         "mountain", "daylight", "standard", "time", "british", "summer",
                         "greenwich", "mean", "european", "updated", "aktualisiert", "et", "ct",
                         "pt", "mt", "cdt", "pdt", "mdt", "cst", "mst", "hst", "aest", "aedt",
                         "jst", "kst", "sgt", "hkt", "wet", "eet", "eest", "msk"])  # fmt: skip
_NAME_END = re.compile(r"\s*(?:$|[|•·/–—-]|\d)")
# A month's or a weekday's name or abbreviation: a word of the date, where no name starts
# (and asking whether the line up to it is a date would hand a cut date to dateparser).
_DATE_WORDS = frozenset([
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "januar", "februar", "märz", "mai", "juni", "juli", "oktober",
    "dezember", "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "januari", "februari",
    "maart", "mei", "augustus", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves",
    "viernes", "sábado", "domingo", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
    "zaterdag", "zondag",
])  # fmt: skip


def _name_after_date(
    text: str, date_start: Callable[[str], int | None], is_date_line: Callable[[str], bool]
) -> tuple[str, ...]:
    """The person a blog's line of metadata names right after its date, whatever follows
    (``26. September 2019 Ulrike Stockhausen Schreibe einen Kommentar``, ``19.6.2007 9:40 Uhr
    Christoph Becker 71 Kommentare``): two capitalised words, three when a separator, a
    digit or the end follows the third; empty else."""
    start = date_start(text)
    if start is None:
        return ()
    for found in _CAPITAL.finditer(text, start + 1):
        words = text[found.start() :].split()
        word = words[0].lower().rstrip(".,")
        if (
            word in _TIME_WORDS
            or word in _DATE_WORDS  # inside the date ("Wed, 03 Aug 2022 10:13:00 +0000")
            or not is_date_line(text[: found.start()])
        ):
            continue
        for count in (3, 2):
            if count == 3 and len(words) >= 3 and _is_section(words[2]):
                continue  # "30. Oktober 2023 Jane Doe Kultur": the section after the name
            name = " ".join(words[:count])
            rest = text[found.start() :].split(None, count)
            after = rest[count] if len(rest) > count else ""
            if (
                (_NAME_END.match(after) if count == 3 else not _goes_on_lowercase(after))
                and is_people_name(name)
                and not any(w.lower() in _TIME_WORDS for w in words[:count])
            ):
                return (name,)
        return ()
    return ()


def _is_section(word: str) -> bool:
    """Whether ``word`` is a section's name (``Kultur``, ``Politik``), never a name's."""
    from .sections import is_section_name  # (sections reads bylines: imported when asked)

    return is_section_name(word)


# What may follow a name in lower case: a word joining names, an affiliation's, a place's.
_AFTER_NAME = frozenset(["and", "und", "et", "y", "en", "e", "at", "in", "of", "for", "from",
                         "aus", "für", "bei", "à", "de", "pour"])  # fmt: skip


def _goes_on_lowercase(after: str) -> bool:
    """Whether ``after``, what follows two capitalised words, goes on with a word in lower
    case that joins no names and names no affiliation (``Alle Informationen dazu finden Sie
    hier``: German prose, its nouns capitalised)."""
    word = after.split(None, 1)[0] if after.strip() else ""
    return word[:1].islower() and word not in _AFTER_NAME


# What parts a line of metadata: "Jane Doe | Reuters | Updated: Oct 9, 2019".
SEGMENT = re.compile(r"\s+(?:[|•·—–/]|//)\s+")
# A byline's word, then one word and nothing more of a sentence: a blog's user name ("Posted
# on 2015-04-05 by marc | Leave a comment", "Veröffentlicht am 12. Juni 2017 von gizzmo",
# "22. Januar 2020 // Autor: c1ph4 // Lesezeit: 1 Minute").
_BY_HANDLE = re.compile(
    r"(?:^|(?<=\s))(?:(?:by|von|par|por|door)\s*:?|(?:autor|author|auteur|autore)\s*:)\s+"
    r"(?P<name>[^\W_][\w.@'’-]*?)[.,]?"
    # (a small word ends it, not a name's capitalised one: "Par Loïc Le Clerc" is no "Loïc")
    r"(?=\s*$|\s+[|•·—–/-]|\s+(?-i:am|on|le|el|op|in|um|at|à|en)\b|\s+(?:On|Am|At)\s+(?=\S*\d)"
    # a count of comments, a link to write one: "12/04/2020 by Kay 24 Comments"
    r"|\s+(?:\d+|ein|eine|one|un|une|no|kein|keine)\s+"
    r"(?:comments?|kommentare?|commentaires?|comentarios?|reacties?|responses?)\b"
    r"|\s+(?:post|leave|schreibe|laisser|deja|laat)\s)",
    re.IGNORECASE,
)
_NO_HANDLE = frozenset(
    ["the", "a", "an", "der", "die", "das", "dem", "den", "des", "le", "la", "les", "el", "los",
     "las", "het", "de", "un", "une", "me", "us", "him", "her", "them", "this", "that", "you",
     "mir", "uns", "ihm", "ihr", "email", "e-mail", "today", "heute", "hand", "sa", "nc", "nd"]
)  # fmt: skip
_HANDLE_WORDS = 4  # a line of a byline's word and a name alone, without a date
# What stands before a user name's byline word: nothing (but chrome), a word saying it was
# posted, a date or a time ("3. April 2022 by mady", "Posted on 2015-04-05 by marc").
_HANDLE_BEFORE = re.compile(
    r"(?:^[\W_]*|\b(?:posted|written|published|submitted|veröffentlicht|erstellt|gespeichert"
    r"|geschrieben|verfasst|eingetragen|publié|écrit|rédigé|publicado|escrito|geplaatst"
    r"|geschreven)\s*:?\s*|\bposted\s+in\s+[^|•·]{1,40}\s|(?:\d|\b(?:am|pm|uhr|h))\W*|[|•·/]\s*)$",
    re.IGNORECASE,
)


def handle(text: str, digit: bool) -> tuple[str, ...]:
    """The user name a byline's word names in a line of metadata (with a date, or as short
    as ``Von Robert``), as written (``_BY_HANDLE``); empty else."""
    if not digit and len(text.split()) > _HANDLE_WORDS:
        return ()
    found = _BY_HANDLE.search(text)
    if found is None or not _HANDLE_BEFORE.search(text[: found.start()]):
        return ()  # "der Absatz von Mineralölprodukten", "Photo by ...", "CC BY 2.0"
    name = found.group("name")
    if name.lower() in _NO_HANDLE or not any(c.isalpha() for c in name) or len(name) < 2:
        return ()
    return (name,)


# A user name in lower case, a dash, the date: "jdoe — 2. Februar 2022" (a forum's or a
# blog's user, the date of the post; a section before a date is capitalised: "Sport — ...").
_LOWER_USER = re.compile(r"^(?P<name>[a-zà-ÿ][\w.'’-]{2,30})\s+[—–-]\s+(?P<rest>.*\d.*)$")


def _user_before_date(text: str, is_date_line: Callable[[str], bool]) -> tuple[str, ...]:
    """The user name of a line holding a user name in lower case and then, after a
    dash, a date (``jdoe — 2. Februar 2022``); empty else."""
    found = _LOWER_USER.match(text)
    if found is None or not _is_user(found.group("name")):
        return ()
    return (found.group("name"),) if is_date_line(found.group("rest")) else ()


# A user name and the time of the post after a dash, as a blog's classic theme writes them
# after its categories: "Filed under: Allgemein — jdoe @ 00:11".
_USER_AT_TIME = re.compile(r"(?:^|\s)[—–-]\s+(?P<name>[^\W_][\w.'’-]{1,30})\s+@\s+\d{1,2}:\d{2}\b")


def _user_at_time(text: str) -> tuple[str, ...]:
    """The user name of a line holding a dash, a user name, ``@`` and a time (``Allgemein —
    jdoe @ 00:11``); empty else."""
    found = _USER_AT_TIME.search(text)
    return (found.group("name"),) if found is not None and _is_user(found.group("name")) else ()


# A blog's line of metadata ends with its comments: a count or a link to write one.
_COMMENTS = re.compile(
    r"\b(?:(?:\d+|no|one|ein|eine|kein|keine|un|une|sin)\s+)?(?:comments?|kommentare?"
    r"|commentaires?|comentarios?|reacties?|responses?)(?:\s*\(?\d+\)?)?\W*$"
    r"|\b(?:post|leave|write|schreibe|laisser|deja|laat)\s+(?:a|einen|un|een)\s+"
    r"(?:comment|kommentar|commentaire|comentario|reactie)\W*$",
    re.IGNORECASE,
)
_USER = re.compile(r"^[^\W_][\w.@'’-]*$")  # one word: "Paddy", "ThE_PaiN", "karstenruppert"


def _blog_user(
    text: str, date_start: Callable[[str], int | None], is_date_line: Callable[[str], bool]
) -> tuple[str, ...]:
    """The user name a blog's line of metadata gives beside its date, the line ending with
    its comments: one word, a part of its own before the date or after it (``Paddy · April
    19, 2019 · Mac · 7 comments``, ``26 Mai, 2008 | ThE_PaiN | Kommentare 34 |``) or right
    after the date (``28. Januar 2015 karstenruppert Schreibe einen Kommentar``); empty
    else."""
    comments = _COMMENTS.search(text)
    if comments is None:
        return _user_after_date(text, date_start, is_date_line)
    text = text[: comments.start()].rstrip(" |•·—–/")
    segments = SEGMENT.split(text)
    if len(segments) > 1:
        dated = [i for i, segment in enumerate(segments) if is_date_line(segment)]
        if not dated:
            return ()
        for i in (dated[0] - 1, dated[0] + 1):
            if 0 <= i < len(segments) and _is_user(segments[i].strip()):
                return (segments[i].strip(),)
        return ()
    words = text.rsplit(None, 1)
    if len(words) < 2 or not words[0][-1:].isdigit() or not _is_user(words[1]):
        return ()  # (a date ends with a digit: "September 15, 2020 byJane doe" is no date)
    return (words[1],) if date_start(text) is not None and is_date_line(words[0]) else ()


_LOWER_WORD = re.compile(r"^[a-zà-ÿ][\w.'’-]{3,30}$")
_YEAR = re.compile(r"(?:19|20)\d\d$")


def _user_after_date(
    text: str, date_start: Callable[[str], int | None], is_date_line: Callable[[str], bool]
) -> tuple[str, ...]:
    """The user name a blog's line of metadata gives after its date and nothing more: one
    word in lower case after a date ending with its year (``1. November 2016 jdoe``: a
    relative date, ``3 hours ago``, ends with no year); empty else."""
    words = text.rsplit(None, 1)
    if len(words) < 2 or not _YEAR.search(words[0]) or not _LOWER_WORD.match(words[1]):
        return ()
    if not _is_user(words[1]):
        return ()
    return (words[1],) if date_start(text) is not None and is_date_line(words[0]) else ()


# A blog's default categories, which stand where its user name may ("March 3, 2020 |
# Uncategorized | 2 Comments").
_CATEGORIES = frozenset(["uncategorized", "uncategorised", "allgemein", "general", "blog",
                         "sonstiges", "divers", "general", "varios", "algemeen"])  # fmt: skip


def _is_user(word: str) -> bool:
    lower = word.lower()
    return (
        _USER.match(word) is not None
        and any(c.isalpha() for c in word)
        and lower not in _NO_HANDLE
        and lower not in _CATEGORIES
        and lower.rstrip(".") not in _DATE_WORDS
        and lower not in _TIME_WORDS
        and ORGANISATION.search(word) is None
    )
