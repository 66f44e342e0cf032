from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta

from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

import feedpub.zones
from feedpub.config import named_zone
from feedpub.zones import NamedZone

NAMES = ["Europe/Brussels", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"]


def test_a_named_zone_is_pickled_as_its_name_and_comes_back_as_the_same_object() -> None:
    zone = named_zone("Europe/Brussels")
    assert isinstance(zone, NamedZone)
    assert named_zone("Europe/Brussels") is zone
    assert pickle.loads(pickle.dumps(zone)) is zone
    assert len(pickle.dumps(zone)) < 200  # its name, not its transitions (3 KB)
    when = datetime(2026, 7, 1, 12, tzinfo=zone)
    back = pickle.loads(pickle.dumps([when, when]))
    assert back == [when, when]
    assert back[0].tzinfo is zone
    assert back[0].astimezone(zone) is back[0]  # the same zone: no conversion


@given(
    name=st.sampled_from(NAMES),
    local=st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 30)),
    fold=st.sampled_from([0, 1]),
)
def test_a_named_zone_answers_as_dateutil_does(name: str, local: datetime, fold: int) -> None:
    zone, theirs = named_zone(name), tz.gettz(name)
    ours, expected = (local.replace(fold=fold, tzinfo=z) for z in (zone, theirs))
    for _ in range(2):  # asked again, it remembers the same answer
        assert ours.utcoffset() == expected.utcoffset()
        assert ours.isoformat() == expected.isoformat()
        assert ours.dst() == expected.dst()
        assert ours.tzname() == expected.tzname()
    instant = local.replace(tzinfo=UTC)
    assert instant.astimezone(zone).isoformat() == instant.astimezone(theirs).isoformat()


def test_the_hours_around_a_change_of_offset_keep_their_fold() -> None:
    zone, theirs = named_zone("Europe/Brussels"), tz.gettz("Europe/Brussels")
    start = datetime(2026, 10, 25, 0, 30)  # clocks go back at 03:00 to 02:00
    for step in range(12):
        local = start + timedelta(minutes=20 * step)
        for fold in (0, 1):
            ours, expected = (local.replace(fold=fold, tzinfo=z) for z in (zone, theirs))
            assert ours.utcoffset() == expected.utcoffset(), (local, fold)


def test_the_remembered_offsets_are_bounded() -> None:
    theirs = tz.gettz("Europe/Brussels")
    assert isinstance(theirs, tz.tzfile)
    zone = NamedZone("Europe/Brussels", theirs)
    limit = feedpub.zones._REMEMBERED
    start = datetime(2026, 1, 1, tzinfo=zone)
    for minute in range(limit + 10):
        assert (start + timedelta(minutes=minute)).utcoffset() == timedelta(hours=1)
    assert len(zone._offsets) <= limit
