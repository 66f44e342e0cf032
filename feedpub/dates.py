"""Parsing dates found in documents (pure).

``parse_date`` tries a chain of small handlers, each returning None when the text is not its
format. Nothing here reads the clock or the host's zone: a date without a zone is put in the
``default_zone`` the caller passes, and a date missing its year or day is rejected rather than
filled in from today (dateutil's default).

Date-only policy: a date without a time of day means midnight at the start of that day in the
default zone; ``ParsedDate.date_only`` records that no time was given.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from email.utils import parsedate_to_datetime

from dateutil import parser as du_parser
from dateutil import tz

__all__ = ["ParsedDate", "parse_date"]

# Zone abbreviations mean different things around the world; only these are accepted, each with
# the one meaning feedpub gives it. Named zones keep daylight-saving rules (CET -> CEST).
ZONE_ABBREVIATIONS: dict[str, tzinfo] = {
    "UTC": tz.UTC,
    "UT": tz.UTC,
    "Z": tz.UTC,
    "GMT": tz.UTC,
    "BST": tz.tzoffset("BST", 3600),
    "CET": tz.tzoffset("CET", 3600),
    "CEST": tz.tzoffset("CEST", 7200),
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


@dataclass(frozen=True)
class ParsedDate:
    """A date read from text: always timezone-aware."""

    value: datetime
    date_only: bool = False


Handler = Callable[[str, tzinfo], ParsedDate | None]

_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


def _iso8601(text: str, zone: tzinfo) -> ParsedDate | None:
    if not _ISO.fullmatch(text):
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    date_only = len(text) == 10
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return ParsedDate(value, date_only)


def _rfc822(text: str, zone: tzinfo) -> ParsedDate | None:
    if not re.fullmatch(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d\d:\d\d.*", text):
        return None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return ParsedDate(value)


# Two fill-in defaults that differ in every field: a field that comes out different between the
# two parses was missing from the text.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2004, 2, 2, 1, 1, 1)


def _dateutil(text: str, zone: tzinfo) -> ParsedDate | None:
    # Only text that looks like a date: a digit and no more than a few words.
    if not re.search(r"\d", text) or len(text) > 80:
        return None
    try:
        a = du_parser.parse(text, default=_DEFAULT_A, tzinfos=ZONE_ABBREVIATIONS)
        b = du_parser.parse(text, default=_DEFAULT_B, tzinfos=ZONE_ABBREVIATIONS)
    except (ValueError, OverflowError):
        return None
    if a.year != b.year or a.month != b.month or a.day != b.day:
        return None  # never guess a missing year, month or day
    date_only = a.hour != b.hour
    value = a
    if date_only:
        value = value.replace(hour=0, minute=0, second=0, microsecond=0)
    elif a.minute != b.minute:
        value = value.replace(minute=0, second=0)
    elif a.second != b.second:
        value = value.replace(second=0)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return ParsedDate(value, date_only)


HANDLERS: tuple[Handler, ...] = (_iso8601, _rfc822, _dateutil)


def parse_date(text: str, default_zone: tzinfo) -> ParsedDate | None:
    """Parse ``text`` as one complete date; None when it is not a date or lacks year or day."""
    text = text.strip()
    if not text:
        return None
    for handler in HANDLERS:
        parsed = handler(text, default_zone)
        if parsed is not None:
            return parsed
    return None
