from __future__ import annotations

import pytest
from dateparser.timezone_parser import pop_tz_offset_from_string
from hypothesis import given, settings
from hypothesis import strategies as st

from feedpub import dateparser_dates
from feedpub.dateparser_dates import _names_no_zone, _split_zone, _zone_abbreviations

ABBREVIATIONS = _zone_abbreviations()


def test_the_installed_zone_table_has_the_shape_the_shortcut_relies_on() -> None:
    # Were it None, every line would go to dateparser's zone finder again (correct, slower).
    assert ABBREVIATIONS is not None
    assert {"CET", "EST", "ACDT", "WIB"} <= ABBREVIATIONS


@pytest.mark.parametrize(
    "text",
    [
        "Sat, 23 Nov 2024 10:31:00 CET",
        "23 Nov 2024 10:31 est",
        "2019-09-28WIB19:17:34",
        "Published 12 May 2020 -0500",
        "10:04 +05",
        "5 May 2020 UTC",
        "5 May 2020 gmt+01:00 (local)",
        "le 5 mai à 10h ČEST",
    ],
)
def test_a_line_that_may_name_a_zone_is_asked(text: str) -> None:
    assert not _names_no_zone(text)


@pytest.mark.parametrize(
    "text",
    ["School river museum (0) | Economy", "5 Mai 2020, 12:00 Uhr", "12.05.2020 10:31", "le 5 mai"],
)
def test_a_line_without_a_zone_is_not(text: str) -> None:
    assert _names_no_zone(text)
    assert _split_zone(text) == (text, None) == pop_tz_offset_from_string(text)


ZONE_NAMES = sorted(ABBREVIATIONS or ())[::7]
TOKENS = st.one_of(
    st.sampled_from(ZONE_NAMES),
    st.sampled_from(ZONE_NAMES).map(str.lower),
    st.sampled_from(["UTC", "gmt", "+01:00", "-0500", "+05", "-", "+", "Z", "T"]),
    st.sampled_from(["May", "mai", "Mon", "am", "ago", "Uhr", "de", "Sun", "Sat", "heute"]),
    st.from_regex(r"\d{1,4}", fullmatch=True),
    st.sampled_from([" ", "  ", ",", ".", ":", "/", "(", ")", "_", "\n", "|", "'"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(TOKENS, max_size=9).map("".join))
def test_the_shortcut_says_no_zone_only_when_dateparser_finds_none(text: str) -> None:
    if _names_no_zone(text):
        assert pop_tz_offset_from_string(text) == (text, None)


@settings(max_examples=200, deadline=None)
@given(st.lists(TOKENS, max_size=9).map("".join))
def test_a_split_is_dateparsers_own(text: str) -> None:
    rest, zone = pop_tz_offset_from_string(text)
    expected = (
        (text, None)
        if zone is None
        else (rest, (str(zone.tzname(None)).replace("\\", ""), zone.utcoffset(None)))
    )
    assert _split_zone(text) == expected


def test_a_table_of_another_shape_turns_the_shortcut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateparser.timezones

    table = [
        *dateparser.timezones.timezone_info_list,
        {"regex_patterns": [r"\b%s\b"], "timezones": [("river", 3600)]},
    ]
    monkeypatch.setattr(dateparser.timezones, "timezone_info_list", table)
    monkeypatch.setattr(dateparser_dates, "_shipped", lambda: None)  # as with another version
    dateparser_dates._zone_abbreviations.cache_clear()
    try:
        assert _zone_abbreviations() is None
        assert not _names_no_zone("School river museum (0) | Economy")
    finally:
        monkeypatch.undo()
        dateparser_dates._zone_abbreviations.cache_clear()
    assert _zone_abbreviations() == ABBREVIATIONS
