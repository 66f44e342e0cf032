from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from feedpub.dates import parse_date

BRUSSELS = tz.gettz("Europe/Brussels")

CASES = [
    ("November 23, 2024", datetime(2024, 11, 23, tzinfo=BRUSSELS), True),
    ("2024-11-23", datetime(2024, 11, 23, tzinfo=BRUSSELS), True),
    ("2024-11-23T10:31:00Z", datetime(2024, 11, 23, 10, 31, tzinfo=UTC), False),
    ("2024-11-23T10:31:00+02:00", datetime(2024, 11, 23, 8, 31, tzinfo=UTC), False),
    ("Sat, 23 Nov 2024 10:31:00 +0000", datetime(2024, 11, 23, 10, 31, tzinfo=UTC), False),
    ("Dec 19, 2022 10:31 AM", datetime(2022, 12, 19, 10, 31, tzinfo=BRUSSELS), False),
    ("Dec 19, 2022 10:31 EST", datetime(2022, 12, 19, 15, 31, tzinfo=UTC), False),
]


@pytest.mark.parametrize(("text", "expected", "date_only"), CASES)
def test_parse_date(text: str, expected: datetime, date_only: bool) -> None:
    parsed = parse_date(text, BRUSSELS)  # type: ignore[arg-type]
    assert parsed is not None
    assert parsed.value == expected
    assert parsed.value.tzinfo is not None
    assert parsed.date_only is date_only


@pytest.mark.parametrize(
    "text", ["", "Taylor Daily Press", "Complete News World", "November 23", "10:31", "3 hours"]
)
def test_not_a_complete_date(text: str) -> None:
    assert parse_date(text, UTC) is None


@given(
    st.datetimes(
        min_value=datetime(1900, 1, 1),
        max_value=datetime(2200, 1, 1),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))]),
    )
)
def test_iso_round_trip(value: datetime) -> None:
    value = value.replace(microsecond=0)
    parsed = parse_date(value.isoformat(), UTC)
    assert parsed is not None
    assert parsed.value == value
