"""Parsing dates found in documents (pure).

Two entry points:

- ``parse_date(text, zone)`` reads a string that is one complete date (a metadata field, a
  date line). It tries a chain of small handlers, cheapest first (ISO 8601, RFC 822, month
  names in English/German/French/Spanish/Dutch, numeric day-month-year, relative dates,
  dateutil last); each returns None when the text is not its format.
- ``find_dates(line, context)`` finds the dates inside a line of prose (a byline, a dateline,
  ``Publié le ... mis à jour le ...``) and says which are labelled published or updated.

Nothing here reads the clock or the host's zone. A date without a zone is put in the
``DateContext.zone`` the caller passes. A date missing its year, a time without a day and a
relative date (``3 hours ago``) are resolved only against ``DateContext.reference`` (the
document's file time or first-seen time) and are unknown (None) without one; dateutil's
fill-in-from-today is never used.

Date-only policy: a date without a time of day means midnight at the start of that day in the
default zone; ``ParsedDate.date_only`` records that no time was given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import parsedate_to_datetime
from typing import Literal

from dateutil import tz

__all__ = [
    "FEED_DATE_MAX",
    "FEED_DATE_MIN",
    "ZONE_ABBREVIATIONS",
    "DateContext",
    "FoundDate",
    "ParsedDate",
    "date_role",
    "find_dates",
    "in_feed_range",
    "parse_date",
]

# What every feed format can write: RSS's RFC 822 dates and Atom's and JSON Feed's RFC 3339
# dates all have four-digit years, both as written (local time) and in UTC.
FEED_DATE_MIN = datetime(1000, 1, 1, tzinfo=UTC)
FEED_DATE_MAX = datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)


def in_feed_range(value: datetime) -> bool:
    """True when ``value`` is timezone-aware and a feed can carry it (years 1000 to 9999)."""
    if value.utcoffset() is None:
        return False
    if 1000 < value.year < 9999:
        # An offset is under a day, so the instant is in range too: no need to work out the
        # offset twice more for the comparisons below (slow for a zone with DST rules).
        return True
    # Aware comparisons never build the UTC datetime, so they cannot overflow at year 1 or 9999.
    return value.year >= 1000 and FEED_DATE_MIN <= value <= FEED_DATE_MAX


# Zone abbreviations mean different things around the world; only these are accepted, each with
# the one meaning feedpub gives it (fixed offsets: "CET" says standard time, "CEST" summer time).
ZONE_ABBREVIATIONS: dict[str, tzinfo] = {
    "UTC": tz.UTC,
    "UT": tz.UTC,
    "Z": tz.UTC,
    "GMT": tz.UTC,
    "WET": tz.UTC,
    "BST": tz.tzoffset("BST", 3600),
    "WEST": tz.tzoffset("WEST", 3600),
    "CET": tz.tzoffset("CET", 3600),
    "MEZ": tz.tzoffset("MEZ", 3600),
    "CEST": tz.tzoffset("CEST", 7200),
    "MET": tz.tzoffset("MET", 3600),
    "MEST": tz.tzoffset("MEST", 7200),
    "MESZ": tz.tzoffset("MESZ", 7200),
    "EET": tz.tzoffset("EET", 7200),
    "EEST": tz.tzoffset("EEST", 10800),
    "EST": tz.tzoffset("EST", -5 * 3600),
    "EDT": tz.tzoffset("EDT", -4 * 3600),
    "CST": tz.tzoffset("CST", -6 * 3600),
    "CDT": tz.tzoffset("CDT", -5 * 3600),
    "MST": tz.tzoffset("MST", -7 * 3600),
    "MDT": tz.tzoffset("MDT", -6 * 3600),
    "PST": tz.tzoffset("PST", -8 * 3600),
    "PDT": tz.tzoffset("PDT", -7 * 3600),
}
# US zone names without standard/daylight: local time there, daylight saving included.
ZONE_NAMES: dict[str, str] = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
for _abbreviation, _name in ZONE_NAMES.items():
    _zone = tz.gettz(_name)
    if _zone is not None:  # a system without the zone database keeps them unknown
        ZONE_ABBREVIATIONS[_abbreviation] = _zone

# Month names and abbreviations in the five languages feedpub reads; none of them clash.
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar jänner jän janvier janv enero ene januari",
        "february feb februar février fevrier févr fevr fév febrero februari",
        "march mar märz maerz mär mars marzo maart mrt",
        "april apr avril avr abril",
        "may mai mayo mei",
        "june jun juni juin junio",
        "july jul juli juillet juil julio",
        "august aug août aout agosto ago augustus",
        "september sep sept septembre septiembre setiembre set",
        "october oct oktober okt octobre octubre",
        "november nov novembre noviembre",
        "december dec dezember dez décembre decembre déc diciembre dic",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
# Italian and Portuguese: the names that clash with no word or month of the others ("out",
# Portuguese for October, is English; their other abbreviations are already above).
for _number, _names in enumerate(
    (
        "gennaio gen janeiro",
        "febbraio fevereiro fev",
        "março marco",
        "aprile",
        "maggio mag maio",
        "giugno giu junho",
        "luglio lug julho",
        "",
        "settembre setembro",
        "ottobre ott outubro",
        "",
        "dicembre dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number


# Weekday names (0 is Monday) in the seven languages, to check a date without a year against.
WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "monday mon montag mo lundi lun lunes maandag ma lunedì lunedi segunda-feira segunda seg",
        "tuesday tue tues dienstag di mardi mar martes dinsdag martedì martedi terça-feira "
        "terça terca-feira terca ter",
        "wednesday wed mittwoch mi mercredi mer miércoles miercoles mié woensdag wo mercoledì "
        "mercoledi quarta-feira quarta qua",
        "thursday thu thur thurs donnerstag do jeudi jeu jueves jue donderdag giovedì giovedi "
        "quinta-feira quinta qui",
        "friday fri freitag fr vendredi ven viernes vie vrijdag vr venerdì venerdi sexta-feira "
        "sexta sex",
        "saturday sat samstag sonnabend sa samedi sam sábado sabado sáb zaterdag za sabato sab",
        "sunday sun sonntag so dimanche dim domingo dom zondag zo domenica",
    )
):
    for _name in _names.split():
        WEEKDAYS[_name] = _number


@dataclass(frozen=True)
class ParsedDate:
    """A date read from text: always timezone-aware."""

    value: datetime
    date_only: bool = False
    """No time of day was given: ``value`` is midnight at the start of the day."""
    resolved: bool = False
    """Completed from the reference time: a relative date, a missing year or a bare time."""


@dataclass(frozen=True)
class DateContext:
    """What a date in a document is read against."""

    zone: tzinfo
    """The zone of dates that name none."""
    day_first: bool = False
    """How to read an ambiguous ``1/2/2024``: True for 1 February (most of Europe)."""
    reference: datetime | None = None
    """The time relative dates, missing years and bare times are resolved against."""
    languages: tuple[str, ...] = ()
    """The document's languages (``de``), for the forms only dateparser reads; empty: the
    seven feedpub reads (``dateparser_dates.LANGUAGES``)."""


Role = Literal["published", "updated"]


@dataclass(frozen=True)
class FoundDate:
    """A date found inside a line, with the label before it (if any)."""

    parsed: ParsedDate
    role: Role | None
    """``published``/``updated`` when a label such as ``Updated``/``mis à jour`` precedes it."""
    start: int
    end: int


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH = rf"(?P<month>{_alternation(MONTHS)})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|e|º|°|\.)?"
_YEAR = r"(?P<year>(?:19|20|21)\d\d)"
_ZONE = (
    # Abbreviations are case-sensitive: French "est" is a verb, not US Eastern time.
    rf"(?P<zone>(?:UTC|GMT)\s?[+\-−]\d{{1,2}}(?::?\d\d)?|[+\-−]\d\d:?\d\d|"
    rf"(?-i:\b(?:{_alternation(ZONE_ABBREVIATIONS)})\b))"
)
_CLOCK = (
    r"(?P<hour>[0-2]?\d)(?:[:h.](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    r"|(?=\s?[ap]\.?\s?m\b))"
    r"(?:\s?(?P<ampm>[ap])\.?\s?m\b\.?)?(?![\d%])(?:\s?(?:uhr|uur|hrs?\b|h\b))?"
    rf"(?:\s?\(?{_ZONE}\)?)?"
)
# A time after a date: "10:31 AM", ", 10.31 GMT", "à 22h07", "um 22:35 Uhr", "a las 10:31".
_TIME_AFTER = (
    rf"(?:(?:\s*[,|·•–—-]\s*|\s+)(?:(?:at|à|um|a\s+las|a\s+la|om|kl\.?|alle|às)\s+)?{_CLOCK})?"
)

_FLAGS = re.IGNORECASE
_DAY_MONTH = re.compile(
    rf"(?<![\w.]){_DAY}\s*(?:de\s+)?{_MONTH}(?![\w])(?:\s*(?:del?\s+)?,?\s*{_YEAR}\b)?{_TIME_AFTER}",
    _FLAGS,
)
_MONTH_DAY = re.compile(
    rf"(?<![\w]){_MONTH}\s+{_DAY}(?![\d])(?:,?\s+{_YEAR}\b)?{_TIME_AFTER}",
    _FLAGS,
)
_NUMERIC = re.compile(
    r"(?<![\d.:/-])(?P<a>[0-3]?\d)(?P<sep>[./-])\s?(?P<b>[01]?\d)(?P=sep)\s?"
    # "12.03.2024-18:40" (a time joined by a dash) is a date and time, "1.2.2024.5" is not.
    # A two-digit year ("05/07/24") is 20yy: never completed from the clock.
    rf"(?:{_YEAR}|(?P<short_year>\d\d))(?!\d|[./]\d){_TIME_AFTER}",
    _FLAGS,
)
_YEAR_FIRST = re.compile(
    rf"(?<![\d.:/-]){_YEAR}/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?![\d/]){_TIME_AFTER}",
    _FLAGS,
)
_ISO = re.compile(
    r"(?<![\d])(?P<date>\d{4}-\d\d-\d\d)"
    # Jekyll writes "2022-12-19 10:31:00 +0100": a numeric offset may follow a space.
    r"(?:[T ](?P<time>\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?)(?P<zone>Z|\s?[+-]\d\d(?::?\d\d)?)?)?"
    r"(?![\d])"
)
_RFC822 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d\d:\d\d(?::\d\d)?"
    r"(?:\s+(?:[+-]\d{4}|[A-Z]{1,5}))?"
)
_UNITS: dict[str, timedelta] = {}
for _delta, _words in (
    (
        timedelta(seconds=1),
        "second seconds sec secs seconde secondes secondes segundo segundos "
        "sekunde sekunden seconden",
    ),
    (timedelta(minutes=1), "minute minutes min mins minuut minuten minuto minutos"),
    (timedelta(hours=1), "hour hours hr hrs heure heures h stunde stunden uur uren hora horas"),
    (timedelta(days=1), "day days jour jours tag tagen tage dag dagen día días dia dias"),
    (timedelta(weeks=1), "week weeks semaine semaines woche wochen weken semana semanas"),
):
    for _word in _words.split():
        _UNITS[_word] = _delta
_ONE = r"\d+|an?|one|une?|einer?|einem|een|una?"
_UNIT = _alternation(_UNITS)
_RELATIVE = re.compile(
    rf"(?<![\w])(?:(?P<n1>{_ONE})\s+(?P<u1>{_UNIT})\s+(?:ago|geleden)"
    rf"|(?:il\s+y\s+a|vor|hace)\s+(?P<n2>{_ONE})\s+(?P<u2>{_UNIT}))(?![\w])",
    _FLAGS,
)
_DAY_WORDS = {
    "today": 0, "heute": 0, "aujourd'hui": 0, "aujourd’hui": 0, "hoy": 0, "vandaag": 0,
    "yesterday": 1, "gestern": 1, "hier": 1, "ayer": 1, "gisteren": 1,
}  # fmt: skip
_DAY_WORD = re.compile(
    # French "hier" is also Dutch for "here": it counts only with a time ("hier à 22h07").
    rf"(?<![\w])(?:(?P<word>{_alternation(w for w in _DAY_WORDS if w != 'hier')})"
    rf"|(?P<hier>hier)(?=\s+à\s)){_TIME_AFTER}(?![\w])",
    _FLAGS,
)
_BARE_TIME = re.compile(rf"(?:(?:at|à|um|a\s+las|om|alle|às)\s+)?{_CLOCK}", _FLAGS)
# A time written before its date: "3:42 PM EST, Tue January 9, 2024", "22:35 Uhr, 20.11.2021".
_TIME_BEFORE = re.compile(
    rf"(?<![\d:.]){_CLOCK}\s*(?:[,·|–—-]\s*)?(?:[^\W\d_]{{2,12}}\.?,?\s+)?$", _FLAGS
)

# Labels that say which date a date is: "Updated", "mis à jour le", "Stand:", "Veröffentlicht".
_UPDATED_LABEL = re.compile(
    r"updated|last\s+modified|modified|mis\s+à\s+jour|màj|modifiée?|aktualisiert|geändert"
    r"|\bstand\b|actualizad[oa]|actualización|modificad[oa]|bijgewerkt|gewijzigd|laatste\s+update"
    # Italian and Portuguese: "Aggiornato il", "ultimo aggiornamento", "Atualizado em".
    r"|aggiornat[oa]|aggiornamento|modificat[oa]|atualizad[oa]|atualização|actualizaç[aã]o",
    _FLAGS,
)
_PUBLISHED_LABEL = re.compile(
    r"published|posted|publié|publiée|veröffentlicht|erschienen|publicad[oa]|gepubliceerd"
    r"|geplaatst|pubblicat[oa]|publicação|publicaç[aã]o",
    _FLAGS,
)
# The same labels, case-sensitive, for lowercased ASCII text (their patterns are all lower
# case): a pattern that ignores case keeps the engine from skipping ahead to a possible first
# letter, so these find the same labels at the same places several times faster.
_UPDATED_LABEL_ASCII = re.compile(_UPDATED_LABEL.pattern)
_PUBLISHED_LABEL_ASCII = re.compile(_PUBLISHED_LABEL.pattern)


def _zone_of(match: re.Match[str], default: tzinfo) -> tzinfo:
    name = match.group("zone")
    if not name:
        return default
    name = name.replace("−", "-").replace(" ", "").strip("()")
    upper = name.upper()
    if upper in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[upper]
    offset = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d\d)?", upper)
    if offset is None:
        return default
    sign = -1 if offset.group(1) == "-" else 1
    seconds = sign * (int(offset.group(2)) * 3600 + int(offset.group(3) or 0) * 60)
    return tz.UTC if seconds == 0 else tz.tzoffset(None, seconds)


def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(hour, minute, second) of the match's time, or None when it has none or is invalid."""
    hour_text = match.group("hour")
    if hour_text is None:
        return None
    hour, minute = int(hour_text), int(match.group("minute") or 0)
    ampm = (match.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23:
        return None
    return hour, minute, int(match.group("second") or 0)


def _assemble(
    match: re.Match[str], year: int | None, month: int, day: int, context: DateContext
) -> ParsedDate | None:
    """A ``ParsedDate`` from the parts of a match; a missing year comes from the reference."""
    clock = _clock(match)
    zone = _zone_of(match, context.zone) if clock is not None else context.zone
    hour, minute, second = clock if clock is not None else (0, 0, 0)
    resolved = False
    if year is None:
        if context.reference is None:
            return None  # never guess a missing year
        reference = context.reference.astimezone(zone)
        year = reference.year
        # The most recent such day, allowing two days of clock skew between sites.
        try:
            if datetime(year, month, day, tzinfo=zone) > reference + timedelta(days=2):
                year -= 1
        except ValueError:
            return None
        resolved = True
    try:
        value = datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None
    return ParsedDate(value, date_only=clock is None, resolved=resolved)


def _optional_int(match: re.Match[str], group: str) -> int | None:
    text = match.group(group)
    return int(text) if text else None


# Month abbreviations that are also common English words ("set 5 records", "3 days ago",
# "may 2 ..."): without a year they count only when capitalised, "set"/"ago" never; so do
# Italian and Portuguese ones that are words or names elsewhere ("Marco", "gen", "mag").
_WORD_LIKE_MONTHS = {
    "may": True,
    "mar": True,
    "set": False,
    "ago": False,
    "marco": False,
    "gen": False,
    "mag": False,
}


def _from_day_month(match: re.Match[str], context: DateContext) -> ParsedDate | None:
    token = match.group("month")
    year = _optional_int(match, "year")
    word_like = _WORD_LIKE_MONTHS.get(token.lower())
    if year is None and word_like is not None and not (word_like and token[0].isupper()):
        return None
    month = MONTHS[token.lower()]
    return _assemble(match, year, month, int(match.group("day")), context)


def _from_numeric(match: re.Match[str], context: DateContext) -> ParsedDate | None:
    a, b = int(match.group("a")), int(match.group("b"))
    # Dots and dashes are day-first everywhere; a slash follows the context unless a part
    # over 12 settles it.
    day_first = context.day_first or match.group("sep") != "/"
    if a > 12 or b > 12:
        day_first = a > 12
    day, month = (a, b) if day_first else (b, a)
    year = int(match.group("year") or 2000 + int(match.group("short_year")))
    return _assemble(match, year, month, day, context)


def _from_year_first(match: re.Match[str], context: DateContext) -> ParsedDate | None:
    return _assemble(
        match, int(match.group("year")), int(match.group("month")), int(match.group("day")), context
    )


def _from_iso(match: re.Match[str], context: DateContext) -> ParsedDate | None:
    text = match.group(0).replace(",", ".").replace(" +", "+").replace(" -", "-")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=context.zone)
    return ParsedDate(value, date_only=match.group("time") is None)


def _from_rfc822(match: re.Match[str], context: DateContext) -> ParsedDate | None:
    text = match.group(0)
    zone_name = text.rsplit(None, 1)[-1]
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if value.tzinfo is None:
        # email.utils knows only the US zones; the rest come from our table or the default.
        value = value.replace(tzinfo=ZONE_ABBREVIATIONS.get(zone_name.upper(), context.zone))
    return ParsedDate(value)


def _count(text: str) -> int:
    return int(text) if text.isdigit() else 1


def _from_relative(match: re.Match[str], context: DateContext) -> ParsedDate | None:
    if context.reference is None:
        return None  # "3 hours ago" means nothing without knowing when it was written
    count = _count(match.group("n1") or match.group("n2"))
    unit = match.group("u1") or match.group("u2")
    value = context.reference - count * _UNITS[unit.lower()]
    return ParsedDate(value.astimezone(context.zone), resolved=True)


def _from_day_word(match: re.Match[str], context: DateContext) -> ParsedDate | None:
    if context.reference is None:
        return None
    word = (match.group("word") or match.group("hier")).lower()
    day = context.reference.astimezone(context.zone).date() - timedelta(days=_DAY_WORDS[word])
    parsed = _assemble(match, day.year, day.month, day.day, context)
    return None if parsed is None else ParsedDate(parsed.value, parsed.date_only, resolved=True)


def _from_bare_time(match: re.Match[str], context: DateContext) -> ParsedDate | None:
    """A time without a day: the last such moment at or before the reference."""
    if context.reference is None:
        return None
    clock = _clock(match)
    if clock is None or (match.group("minute") is None and not match.group("ampm")):
        return None
    zone = _zone_of(match, context.zone)
    reference = context.reference.astimezone(zone)
    value = reference.replace(hour=clock[0], minute=clock[1], second=clock[2], microsecond=0)
    if value > reference + timedelta(minutes=5):
        value -= timedelta(days=1)
    return ParsedDate(value, resolved=True)


Builder = Callable[[re.Match[str], DateContext], ParsedDate | None]

# The date forms that may appear inside prose, in the order they are tried at each position.
_FORMS: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (_ISO, _from_iso),
    (_DAY_MONTH, _from_day_month),
    (_MONTH_DAY, _from_day_month),
    (_NUMERIC, _from_numeric),
    (_YEAR_FIRST, _from_year_first),
    (_RELATIVE, _from_relative),
    (_DAY_WORD, _from_day_word),
)
_SPACE = re.compile(r"\s")
_SPACE_DIGIT = re.compile(r"\s\d")
_THREE_LETTERS = re.compile(r"[^\W\d_]{3}")  # no month name or day word is shorter
_DAY_THEN = re.compile(r"\d(?:[^\W\d_]|[\s.°])")  # a digit, then a letter, space, "." or "°"
# What a line must contain for a form to match anywhere in it: most lines with a digit are
# prose or dates of another form, and these tests cost far less than scanning the line with
# the form's pattern (they skip ahead to a possible first character; those ignoring case
# cannot).
_NEEDS: dict[re.Pattern[str], Callable[[str], bool]] = {
    _ISO: lambda line: "-" in line,
    _DAY_MONTH: lambda line: (  # "19 Dec", "19th of", "19. Dezember": a day, then more
        _DAY_THEN.search(line) is not None and _THREE_LETTERS.search(line) is not None
    ),
    _MONTH_DAY: lambda line: (  # "Dec 19": a month, white space, the day
        _SPACE_DIGIT.search(line) is not None and _THREE_LETTERS.search(line) is not None
    ),
    _NUMERIC: lambda line: "." in line or "/" in line or "-" in line,
    _YEAR_FIRST: lambda line: "/" in line,
    _RELATIVE: lambda line: _SPACE.search(line) is not None,
    _DAY_WORD: lambda line: _THREE_LETTERS.search(line) is not None,
}
# _FORMS with each one's test, looked up once here (hashing a pattern is not cheap).
_SCANS = tuple((pattern, build, _NEEDS.get(pattern)) for pattern, build in _FORMS)

Handler = Callable[[str, DateContext], ParsedDate | None]


def _whole(pattern: re.Pattern[str], build: Builder) -> Handler:
    def handler(text: str, context: DateContext) -> ParsedDate | None:
        match = pattern.fullmatch(text)
        return None if match is None else build(match, context)

    handler.__name__ = f"_{build.__name__.removeprefix('_from_')}"
    return handler


def _library(text: str, context: DateContext) -> ParsedDate | None:
    """Last resort: dateparser, in the document's languages; never fills in missing parts."""
    from . import dateparser_dates

    answer = dateparser_dates.parse(text, context.zone, context.reference, context.languages)
    if answer is None or (answer[2] and _word_like_month_alone(text)):
        return None
    if answer[2] and _weekday_contradicts(text, answer[0]):
        return None
    return ParsedDate(*answer)


def _word_like_month_alone(text: str) -> bool:
    """A word that is a month only sometimes ("set 5", "5 ago", "may 6") next to a day and
    without a year: the same rule as ``_from_day_month``'s, for what dateparser completes
    from the reference ("2 months ago" is no month)."""
    for match in _WORD_LIKE_NEXT_TO_DAY.finditer(text):
        word = match.group("word") or match.group("word2")
        word_like = _WORD_LIKE_MONTHS[word.lower()]
        if not (word_like and word[0].isupper()):
            return True
    return False


_WORD_LIKE_NEXT_TO_DAY = re.compile(
    rf"(?:(?<![\w])\d{{1,2}}\s*(?P<word>{_alternation(_WORD_LIKE_MONTHS)})(?!\w)"
    rf"|(?<![\w])(?P<word2>{_alternation(_WORD_LIKE_MONTHS)})\.?\s*\d{{1,2}}(?!\d))",
    _FLAGS,
)


def parse_date(
    text: str,
    default_zone: tzinfo,
    *,
    day_first: bool = False,
    reference: datetime | None = None,
    languages: tuple[str, ...] = (),
) -> ParsedDate | None:
    """Parse ``text`` as one complete date; None when it is not one or cannot be completed.

    ``default_zone`` is the zone of a date that names none; ``day_first`` reads ``1/2/2024``
    as 1 February; ``reference`` is the only time a relative date, a date without a year or
    a time without a day is resolved against; ``languages`` are the document's (``de``),
    for the forms only dateparser reads (empty: the seven feedpub reads).
    """
    text = text.strip().rstrip(".")
    if not text:
        return None
    context = DateContext(default_zone, day_first, reference, languages)
    for handler in HANDLERS:
        try:
            parsed = handler(text, context)
            if parsed is not None:
                parsed.value.astimezone(tz.UTC)  # an offset of -99:99 fails only when used
        except (ValueError, OverflowError):  # out of range: not a date
            parsed = None
        if parsed is not None:
            return parsed
    return None


def _candidates(line: str, context: DateContext) -> Iterator[tuple[int, int, ParsedDate]]:
    for pattern, build, needs in _SCANS:
        if needs is not None and not needs(line):
            continue
        for match in pattern.finditer(line):
            if pattern is _DAY_WORD and match.group("hour") is None:
                continue  # "Today's picks" is chrome; "yesterday at 10:31" is a date
            try:
                parsed = build(match, context)
                if parsed is not None:
                    parsed.value.astimezone(tz.UTC)  # an impossible offset fails only when used
            except (ValueError, OverflowError):  # out of range: not a date
                continue
            if parsed is not None:
                yield match.start(), match.end(), parsed


def _label_ends(text: str) -> tuple[list[int], list[int]]:
    """Where each updated label and each published label in ``text`` ends."""
    if text.isascii():
        lowered = text.lower()  # as long as ``text``: the same offsets
        return (
            [m.end() for m in _UPDATED_LABEL_ASCII.finditer(lowered)],
            [m.end() for m in _PUBLISHED_LABEL_ASCII.finditer(lowered)],
        )
    return (
        [m.end() for m in _UPDATED_LABEL.finditer(text)],
        [m.end() for m in _PUBLISHED_LABEL.finditer(text)],
    )


def date_role(prefix: str) -> Role | None:
    """What the labels in the text before a date say it is (the last label wins)."""
    updated, published = _label_ends(prefix)
    if not updated and not published:
        return None
    return "updated" if max(updated, default=-1) > max(published, default=-1) else "published"


_DIGIT = re.compile(r"\d")


def find_dates(line: str, context: DateContext) -> list[FoundDate]:
    """The dates in a line of text, left to right, each with the label that precedes it.

    feedpub's own forms first; a short line they do not wholly explain (``1 day ago at 2 PM``,
    ``vor etwa 23 Stunden``, ``November 19, 2014 at noon``) is read whole by dateparser when
    every word of it is a date word in ``context.languages``.
    """
    has_digit = _DIGIT.search(line) is not None
    short = len(line) <= _LIBRARY_LINE_MAX
    if not has_digit and not (short and (_HINT.search(line) or _WEEKDAY_HINT.search(line))):
        return []  # every form found in prose has a digit or a relative word: skip fast
    chosen = _fast_dates(line, context)
    if short and not _explained(line, chosen):
        by_library = _library_date(line, context)
        if by_library is not None:
            chosen = [by_library]
    found: list[FoundDate] = []
    previous_end = 0
    for start, end, parsed in chosen:
        found.append(FoundDate(parsed, date_role(line[previous_end:start]), start, end))
        previous_end = end
    return found


def _fast_dates(line: str, context: DateContext) -> list[tuple[int, int, ParsedDate]]:
    chosen: list[tuple[int, int, ParsedDate]] = []
    # Left to right, the longest match first at each place, so "19 December 2022 10.31 GMT"
    # beats its "19 December" part; a match overlapping the last one chosen is dropped.
    chosen_end = 0
    for start, end, parsed in sorted(
        _candidates(line, context), key=lambda c: (c[0], -(c[1] - c[0]))
    ):
        if start < chosen_end:
            continue
        if parsed.resolved and not _weekday_fits(line, start, parsed):
            continue  # "Freitag, 16. Dezember" is not a Thursday: not this year's
        chosen.append((start, end, parsed))
        chosen_end = end
    # A time just before a date belongs to it ("Posted at 11:12 AM, Jun 26, 2020"): merged
    # first, so it is not also taken for a labelled bare time below.
    chosen = _with_times_before(line, chosen, context)
    if context.reference is not None:
        # "Updated 14:05": a labelled bare time, resolved against the reference.
        updated, published = _label_ends(line)
        for label_end in (*updated, *published):
            match = _BARE_TIME.match(line, label_end + _skip_label_tail(line, label_end))
            if match is None or any(match.start() < e and s < match.end() for s, e, _ in chosen):
                continue
            bare = _from_bare_time(match, context)
            if bare is not None:
                chosen.append((match.start(), match.end(), bare))
        chosen.sort(key=lambda c: c[0])
    return chosen


_LIBRARY_LINE_MAX = 64  # characters: a date line is short; longer lines are prose
# Words that make a line without a digit worth a look ("an hour ago", "vorgestern",
# "hace una hora"), and, next to a date, a time of day in words ("at noon"): only the gate to
# dateparser, which reads them.
_HINT = re.compile(
    r"(?<!\w)(?:ago|before|yesterday|today|noon|midnight|just\s+now|vor|gestern|vorgestern|heute"
    r"|mittags?|mitternacht|il\s*y\s*a|hier|avant-hier|aujourd.?hui|midi|minuit|hace|ayer"
    r"|anteayer|hoy|mediod[ií]a|medianoche|geleden|gisteren|eergisteren|vandaag|middag"
    r"|middernacht|fa|ieri|oggi|mezzogiorno|mezzanotte|h[aá]|atr[aá]s|ontem|anteontem|hoje"
    r"|meio-dia|meia-noite|last|past|letzten?|dernier|derni[eè]re|pasad[oa]|vorige|scors[oa]"
    r"|passad[oa])(?!\w)",
    _FLAGS,
)
# A weekday alone ("Friday"): worth a look on a line without a digit, and no more than the
# fast forms beside it ("Monday 19 December 2022" is explained by them).
_WEEKDAY_HINT = re.compile(
    rf"(?<!\w)(?:{_alternation(w for w in WEEKDAYS if len(w) >= 5)})(?!\w)", _FLAGS
)
_LEADING_LABEL = re.compile(
    rf"[\W_]*(?:(?:{_UPDATED_LABEL.pattern}|{_PUBLISHED_LABEL.pattern})[\s:,.]*"
    r"(?:(?:le|am|at|on|el|op|il|em|om|the|on)\s+)?)?",
    _FLAGS,
)
_EDGES = " .,:;|-–—()[]•·"


def _explained(line: str, chosen: list[tuple[int, int, ParsedDate]]) -> bool:
    """Whether feedpub's own dates explain ``line``: what is left has no digit or hint."""
    if not chosen:
        return False
    rest = line
    for start, end, _ in reversed(chosen):
        rest = rest[:start] + " " + rest[end:]
    return _DIGIT.search(rest) is None and _HINT.search(rest) is None


def _library_date(line: str, context: DateContext) -> tuple[int, int, ParsedDate] | None:
    """The whole of ``line`` (past a label) as one date read by dateparser, or None."""
    from . import dateparser_dates

    label = _LEADING_LABEL.match(line)
    start = label.end() if label else 0
    text = line[start:].rstrip(_EDGES)
    if not text or not dateparser_dates.looks_like_date(text, context.languages):
        return None
    answer = dateparser_dates.parse(text, context.zone, context.reference, context.languages)
    if answer is None or (answer[2] and _word_like_month_alone(text)):
        return None
    value, date_only, resolved = answer
    if resolved and _weekday_contradicts(text, value):
        return None
    return start, start + len(text), ParsedDate(value, date_only, resolved)


def _weekday_contradicts(text: str, value: datetime) -> bool:
    """Whether ``text`` names a weekday (not also a month) other than ``value``'s: dateparser
    completes a year-less date without looking at its weekday."""
    for word in _WEEKDAY_WORD.findall(text):
        weekday = WEEKDAYS.get(word.lower())
        if weekday is not None and word.lower() not in MONTHS and weekday != value.weekday():
            return True
    return False


_WEEKDAY_WORD = re.compile(r"[^\W\d_]+(?:-feira)?")
_WEEKDAY_BEFORE = re.compile(r"([^\W\d_]+(?:-feira)?)\.?,?\s*$")


def _weekday_fits(line: str, start: int, parsed: ParsedDate) -> bool:
    """False when a weekday name just before a date names another day of the week."""
    match = _WEEKDAY_BEFORE.search(line, max(0, start - 20), start)
    if match is None:
        return True
    weekday = WEEKDAYS.get(match.group(1).lower())
    return weekday is None or weekday == parsed.value.weekday()


def _in_prose(text: str, context: DateContext) -> ParsedDate | None:
    """One date with a little text around it: "Monday 19 December 2022", "le 12 mars 2024"."""
    found = find_dates(text, context)
    if len(found) != 1:
        return None
    rest = text[: found[0].start] + text[found[0].end :]
    # Digits left over are a part the date did not take ("Wed Aug 05 12:00:00 2015": the year)
    if len(rest) <= 16 and _DIGIT.search(rest) is None:
        return found[0].parsed
    return None


# Cheapest and strictest first; dateutil, which reads "GMT-1" the POSIX way round, last.
HANDLERS: tuple[Handler, ...] = (
    _whole(_ISO, _from_iso),
    _whole(_RFC822, _from_rfc822),
    *(_whole(pattern, build) for pattern, build in _FORMS[1:]),
    _whole(_BARE_TIME, _from_bare_time),
    _in_prose,
    _library,
)


def _with_times_before(
    line: str, chosen: list[tuple[int, int, ParsedDate]], context: DateContext
) -> list[tuple[int, int, ParsedDate]]:
    """Date-only dates completed by a time written just before them."""
    merged: list[tuple[int, int, ParsedDate]] = []
    previous_end = 0
    for start, end, parsed in chosen:
        match = _TIME_BEFORE.search(line, previous_end, start) if parsed.date_only else None
        clock = _clock(match) if match is not None else None
        if match is not None and clock is not None and match.group("minute") is not None:
            zone = _zone_of(match, context.zone)
            day = parsed.value
            try:
                value = datetime(day.year, day.month, day.day, *clock, tzinfo=zone)
            except ValueError:  # pragma: no cover - the day was valid already
                value = day
            parsed = ParsedDate(value, date_only=False, resolved=parsed.resolved)
            start = match.start()
        merged.append((start, end, parsed))
        previous_end = end
    return merged


def _skip_label_tail(line: str, at: int) -> int:
    """Length of the ``:``, ``at`` or ``le`` between a label and its time."""
    tail = re.match(r"[\s:]*(?:(?:le|am|at|on|el|op)\s+)?", line[at:], _FLAGS)
    return tail.end() if tail else 0
