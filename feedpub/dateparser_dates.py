"""Date strings in many languages, read by ``dateparser`` (the only module that imports it).

feedpub's own handlers in ``dates.py`` are tried first: they are 12 to 28 times faster per
call. What they do not read goes to :func:`parse`, which asks ``dateparser`` with feedpub's
rules, whatever the library's defaults:

- only the document's languages (stated, else detected; else the seven feedpub reads), so it
  does not guess among 200;
- ``RELATIVE_BASE`` is the document's reference time (in the default zone), past dates
  preferred; without a reference, a string whose reading depends on the base (``2 hours
  ago``, ``Dec 19``, ``Friday``) is unknown: it is read against two different bases and
  refused when the answers differ;
- nothing is filled in: a date missing its day (``2019-06``, ``June 2019``) is unknown; a
  missing year, a weekday or a bare time only with a reference;
- the zone is taken off the string first (dateparser's own zone finder) and kept with
  feedpub's meanings (``ZONE_ABBREVIATIONS``, offsets as written; other abbreviations are
  ignored); a string without one is in the default zone; the host's zone is never used;
- no time of day (``yesterday``, ``vorgestern``, ``19 Dec 2022``) is midnight at the start of
  the day; a count of units (``1d ago``, ``2 months ago``) is that long before the reference.

dateparser is imported on the first string that needs it (about 0.3 s) and builds each
language's data on its first use (0.1 to 0.5 s): once per process (a build's worker
processes live the whole build). Answers are cached per string, languages and base.

What :func:`looks_like_date` and the zone shortcut below read of dateparser (its words for
the seven languages, its zone abbreviations) is kept as data in ``dateparser_words`` (made
by tools/dateparser_words.py from the installed dateparser; ``tests/test_dateparser_words.py``
fails when they differ), used only when the installed dateparser is the version it was made
from (read from its ``__init__.py``, not imported): so a line that is no date for dateparser,
the most common case, is answered without importing it (0.04 to 0.06 s of CPU). Otherwise,
and for other languages, dateparser is asked as the data was made.

:func:`looks_like_date` is the cheap test the line scanner asks before handing a line over:
every word of it must be one dateparser's data knows for those languages (months, weekdays,
units, ``ago``/``vor``/``hace``/``il y a``, ``vorgestern``, filler such as ``de``/``um``),
with a digit or at least one such word of three letters or more.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache
from types import ModuleType
from typing import Any

__all__ = ["LANGUAGES", "looks_like_date", "parse"]

LANGUAGES = ("en", "de", "fr", "es", "nl", "it", "pt")
"""The languages whose dates feedpub reads when a document's language is not known."""

_MAX_CHARS = 100  # longer is prose, not a date
# The base used when there is no reference, and the second one every string is read against:
# they differ in year, month, day, weekday, hour and minute, so a reading that depends on
# the base differs between them.
_NO_REFERENCE = datetime(2001, 6, 15, 12, 0)
_SHIFT = timedelta(days=400, hours=7, minutes=13)
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
# A range of counts before a word ("2–3 minutes", a reader view's reading time) is a
# duration: dateparser reads it as "3 minutes ago", a silently wrong date.
_COUNT_RANGE = re.compile(r"\d+\s*[-–—]\s*\d+\s+[^\W\d_]")


# "aujourd'hui" with any apostrophe
_APOSTROPHES = str.maketrans("\u02bc\u2019\u2018\u00b4`\u02bb\ua78c\u02b9", "'" * 8)


def _plain(text: str) -> str:
    """``text`` lowercased without accents (how dateparser's data is compared)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _regex_words(pattern: str) -> list[str]:
    return _WORD.findall(re.sub(r"\\[a-zA-Z]", " ", pattern))


@lru_cache(maxsize=1)
def _installed_version() -> str | None:
    """The installed dateparser's ``__version__``, read from its ``__init__.py`` without
    importing it (importing is what the shipped words spare); None when it cannot be told."""
    import sys

    module = sys.modules.get("dateparser")
    if module is not None:
        version = getattr(module, "__version__", None)
        return version if isinstance(version, str) else None
    from importlib.util import find_spec

    try:
        spec = find_spec("dateparser")
        if spec is None or spec.origin is None:
            return None
        with open(spec.origin, encoding="utf-8") as source:
            found = _VERSION.search(source.read())
    except (OSError, ValueError, ImportError, UnicodeDecodeError):
        return None
    return found.group(1) if found else None


_VERSION = re.compile(r"""^__version__ = ["']([^"']+)["']$""", re.MULTILINE)


@lru_cache(maxsize=1)
def _shipped() -> ModuleType | None:
    """``dateparser_words`` (dateparser's words and zone table, kept as data by
    tools/dateparser_words.py) when it was made from the installed dateparser's version,
    else None (then dateparser is imported and asked, as the data was made)."""
    from . import dateparser_words

    if _installed_version() != dateparser_words.DATEPARSER_VERSION:
        return None
    return dateparser_words


def _shipped_words(languages: tuple[str, ...]) -> dict[str, tuple[str, str]] | None:
    """The shipped words of each of ``languages`` (each language's every word and its words
    that say a date, space-separated), or None when any is not shipped."""
    shipped = _shipped()
    if shipped is None or not all(language in shipped.WORDS for language in languages):
        return None
    words: dict[str, tuple[str, str]] = shipped.WORDS
    return words


@lru_cache(maxsize=64)
def _usable(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The ``languages`` dateparser has data for (``de``, ``ru``...), else the seven."""
    if not languages:
        return LANGUAGES
    if _shipped_words(languages) is not None:
        return languages  # every shipped language is one dateparser has data for
    from dateparser.languages.loader import default_loader

    usable = []
    for language in languages:
        try:
            default_loader.get_locale(language)
        except (ValueError, KeyError, ImportError):
            continue
        usable.append(language)
    return tuple(usable) or LANGUAGES


@lru_cache(maxsize=16)
def _vocabulary(languages: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(every word, the words that say "date") of dateparser's data for ``languages``."""
    shipped = _shipped_words(languages)
    if shipped is None:
        return language_words(languages)
    known = frozenset(word for language in languages for word in shipped[language][0].split())
    strong = frozenset(word for language in languages for word in shipped[language][1].split())
    return known, strong


def language_words(languages: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """``_vocabulary`` read from the installed dateparser's data."""
    from dateparser.languages.loader import default_loader

    known: set[str] = set()
    strong: set[str] = set()
    for language in languages:
        info: dict[str, Any] = default_loader.get_locale(language).info
        for key, value in info.items():
            texts: list[str] = []
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, str):
                        texts.append(item)
                    elif isinstance(item, dict):  # simplifications: {pattern: replacement}
                        texts.extend(" ".join(_regex_words(k)) for k in item)
            elif isinstance(value, dict):  # relative-type(-regex): {meaning: [strings]}
                for strings in value.values():
                    texts.extend(" ".join(_regex_words(s)) for s in strings)
            words = {w for text in texts for w in _WORD.findall(_plain(text))}
            known |= words
            if key not in ("skip", "pertain", "am", "pm", "in", "name", "simplifications"):
                strong |= {w for w in words if len(w) >= 3}
    return frozenset(known), frozenset(strong)


def looks_like_date(text: str, languages: tuple[str, ...]) -> bool:
    """True when every word of ``text`` is a date word in ``languages`` (see the module)."""
    if len(text) > _MAX_CHARS or _COUNT_RANGE.search(text):
        return False
    words = _WORD.findall(_plain(_split_zone(text)[0]))
    if not words:
        return _DIGIT.search(text) is not None
    known, strong = _vocabulary(_usable(languages))
    if not known.issuperset(words):
        return False
    return _DIGIT.search(text) is not None or not strong.isdisjoint(words)


@lru_cache(maxsize=4096)
def _ask(
    text: str, languages: tuple[str, ...], base: datetime, require_day: bool
) -> tuple[datetime, str] | None:
    """dateparser's naive reading of ``text`` and its period, or None."""
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        "TIMEZONE": "UTC",  # the string's zone is taken off beforehand: no conversion
        "RETURN_AS_TIMEZONE_AWARE": False,
        "RETURN_TIME_AS_PERIOD": True,
        "REQUIRE_PARTS": ["day"] if require_day else [],
    }
    try:
        data = DateDataParser(languages=list(languages), settings=settings).get_date_data(text)
    except (ValueError, OverflowError, TypeError, AttributeError, LookupError):
        return None  # dateparser gives up on some input by raising: not a date either
    if data.date_obj is None:
        return None
    return _twenty_first_century(data.date_obj, text), data.period or "day"


def _twenty_first_century(value: datetime, text: str) -> datetime:
    """feedpub's rule for a two-digit year, 20yy (dateparser prefers a past century)."""
    if value.year < 2000 and str(value.year) not in text and f"{value.year % 100:02d}" in text:
        try:
            return value.replace(year=value.year + 100)
        except ValueError:  # 29 February of a year that is not leap a century later
            return value
    return value


# dateparser's zone finder compiles its expressions of every zone it knows on first use
# (0.1 to 0.3 s of CPU, a third of a one-document run's parsing), for a line that in most
# documents names no zone. Its table has two kinds of pattern: a zone at the end of the
# string (each form starts with UTC or GMT, or is a sign and digits), and an abbreviation
# between non-letters (ACDT, CET: letters only). So ASCII text without "utc" or "gmt",
# without a sign and a final digit, and without one of those abbreviations as a whole run of
# letters has no zone to find; anything else, or a table of another shape, is asked.
_END_ZONE = "(.)%s$"
_WORD_ZONE = r"(\W|\d|_)%s($|\W|(?=\d))"
_NAMED_OFFSET = re.compile(r"(UTC|GMT|\(\?:UTC\|GMT\)).*", re.DOTALL)
_BARE_OFFSET = re.compile(r"(\(\?<=\\s\))?\\[+-]\d{2}(:?\d{2})?")
_ASCII_LETTERS = re.compile(r"[A-Za-z]+")


def _folds_to_ascii(char: str) -> bool:
    return any(c.isascii() for c in char.lower() + char.upper() + char.casefold())


@lru_cache(maxsize=1)
def _zone_abbreviations() -> frozenset[str] | None:
    """The upper-cased ASCII abbreviations of dateparser's zone table, or None when the table
    is not of the shape the shortcut above relies on."""
    shipped = _shipped()
    if shipped is not None:
        abbreviations: str | None = shipped.ZONE_ABBREVIATIONS
        return None if abbreviations is None else frozenset(abbreviations.split())
    return zone_abbreviations()


def zone_abbreviations() -> frozenset[str] | None:
    """``_zone_abbreviations`` read from the installed dateparser's zone table."""
    import regex
    from dateparser.timezones import timezone_info_list

    found: set[str] = set()
    for info in timezone_info_list:
        names = [name for name, _ in info["timezones"]]
        replaces = info.get("replace", [])
        variants = names + [regex.sub(find, by, name) for name in names for find, by in replaces]
        if info["regex_patterns"] == [_END_ZONE]:
            if not all(_NAMED_OFFSET.fullmatch(v) or _BARE_OFFSET.fullmatch(v) for v in variants):
                return None
        elif info["regex_patterns"] == [_WORD_ZONE]:
            for variant in variants:
                if _ASCII_LETTERS.fullmatch(variant):
                    found.add(variant.upper())
                elif not variant.isalpha() or any(
                    not c.isascii() and _folds_to_ascii(c) for c in variant
                ):  # a form that might match ASCII text in another way
                    return None
        else:
            return None
    return frozenset(found)


def _names_no_zone(text: str) -> bool:
    """True when dateparser's zone finder would find nothing in ``text`` (see above); False
    when it may find one."""
    if not text.isascii():
        return False
    lower = text.lower()
    if "utc" in lower or "gmt" in lower:
        return False
    if ("+" in text or "-" in text) and text.rstrip()[-1:].isdigit():
        return False
    abbreviations = _zone_abbreviations()
    if abbreviations is None:
        return False
    return abbreviations.isdisjoint(run.upper() for run in _ASCII_LETTERS.findall(text))


@lru_cache(maxsize=4096)
def _split_zone(text: str) -> tuple[str, tuple[str, timedelta | None] | None]:
    """(the text without its zone, (zone name, offset)) by dateparser's zone finder."""
    if _names_no_zone(text):
        return text, None
    from dateparser.timezone_parser import pop_tz_offset_from_string

    rest, zone = pop_tz_offset_from_string(text)
    if zone is None:
        return text, None
    return rest, (str(zone.tzname(None)).replace("\\", ""), zone.utcoffset(None))


def _zone(found: tuple[str, timedelta | None] | None, default: tzinfo) -> tzinfo:
    from dateutil import tz

    from .dates import ZONE_ABBREVIATIONS

    if found is None:
        return default
    name, offset = found
    if name.upper() in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[name.upper()]
    if any(c.isdigit() for c in name) and offset is not None:  # "UTC+01:00", "+0100"
        return tz.UTC if not offset else tz.tzoffset(None, offset)
    return default  # an abbreviation feedpub gives no meaning: as if none were written


def parse(
    text: str,
    zone: tzinfo,
    reference: datetime | None,
    languages: tuple[str, ...] = (),
) -> tuple[datetime, bool, bool] | None:
    """(value, date_only, resolved) of ``text`` read by dateparser, or None (see the module).

    ``zone`` is the zone of a string that names none; ``reference`` the time relative dates,
    missing years, weekdays and bare times are resolved against; ``languages`` the
    document's (empty: the seven feedpub reads).
    """
    text = " ".join(text.split())
    if not text or len(text) > _MAX_CHARS:
        return None
    languages = _usable(languages)
    rest, found_zone = _split_zone(text)
    if not rest.strip():
        return None
    value_zone = _zone(found_zone, zone)
    base = reference.astimezone(value_zone).replace(tzinfo=None) if reference else _NO_REFERENCE
    answer = _ask(rest, languages, base, True)
    require_day = True
    if answer is None and reference is not None:
        # A weekday or a bare time ("Jeu 15:12", "10:04am"), never a month or year alone.
        answer = _ask(rest, languages, base, False)
        if answer is None or answer[1] not in ("day", "time"):
            return None
        require_day = False
    if answer is None:
        return None
    value, period = answer
    other = _ask(rest, languages, base - _SHIFT, require_day)
    resolved = other is None or other[0] != value
    if resolved and reference is None:
        return None  # it depends on when it was written, and that is not known
    # "yesterday", "vorgestern", "le mois dernier": no time of day. A count of units ("1d
    # ago", "2 months ago") is that long before the reference, to its minute.
    date_only = period != "time" and (
        value.time() == datetime.min.time() or not resolved or _DIGIT.search(rest) is None
    )
    if date_only:
        value = datetime.combine(value.date(), datetime.min.time())
    return value.replace(tzinfo=value_zone), date_only, resolved
