"""Dates in an article's text (feedpub.extract.textdates): which lines hold them, and
whether a date stands as metadata. The lines are shaped like real pages' header lines as w3m
and lynx render them (the text corpus's development part); the dates are what they say."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from feedpub.dates import DateContext
from feedpub.extract.bylines import BYLINE
from feedpub.extract.textdates import Dates, in_metadata, is_date_line
from feedpub.normalise import normalise

HEADLINE = "Headline of the story"


@pytest.mark.parametrize(
    ("line", "placed"),
    [
        ("22. Januar 2020 @ 18:13 // Autor: c1ph4 // ~ Lesezeit: 1 Minute", True),  # opens it
        ("Gunter Frank / 22.04.2020 / 06:15 / Foto: Achgut.com / Print", True),  # a part
        ("Written by Michael Larabel in Valve on 1 June 2019 at 08:34 PM EDT. 51 Comments",
         True),  # a byline
        ("Will Leitch/November 18, 2016", True),
        ("Published in the journal on 3 March 2019 with a long list of its authors", True),
        ("Albert Hall in London, Britain November 9, 2019. Chris Jackson/Pool via REUTERS",
         False),  # a caption
        ("11. Februar ab 11.00 Uhr. Zuschauer sind unter Einhaltung der Regeln", False),  # no year
        ("— Josh Apte (@joshapte) November 3, 2019", False),  # an embedded post
        ("[Screenshot_2017-09-06-16-51-38-2]Buchinfos:", False),  # a file's name
    ],
)  # fmt: skip
def test_a_date_stands_as_metadata_or_in_a_sentence(line: str, placed: bool) -> None:
    dates = Dates(DateContext(UTC, True, datetime(2024, 1, 1, tzinfo=UTC), ("de", "en")))
    found = dates(line)
    assert found
    assert in_metadata(line, found[0], dates, BYLINE.match) is placed


@pytest.mark.parametrize(
    ("line", "alone"),
    [
        ("Stand: 20.11.2021 22:35 Uhr", True),
        ("Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr", True),
        ("Gespeichert von rasos am 24. Juli 2017 - 18:55", True),
        # a renderer's line of a paragraph: few long words, but a sentence's small words
        ("Mit der am 15. Januar 2022 in Kraft getretenen Verordnung zur der", False),
    ],
)
def test_a_date_line_is_dates_and_a_few_words(line: str, alone: bool) -> None:
    dates = Dates(DateContext(UTC, True, languages=("de",)))
    assert is_date_line(line, dates(line)) is alone


def test_a_caption_among_the_metadata_lines_does_not_date_the_article() -> None:
    text = "\n".join(
        [HEADLINE, "Visitors at the hall in London, Britain November 9, 2019. Jane Roe/Pool",
         "21:17 18.11.2019", "",
         "The first paragraph of the story is long enough to be a paragraph and ends with a "
         "full stop, as real body text does.", ""]
    )  # fmt: skip
    assert normalise(text).published.date() == datetime(2019, 11, 18).date()


def test_an_entry_is_dated_by_its_date_line_among_share_buttons() -> None:
    text = "\n".join(
        [HEADLINE, "", "Share on Facebook", "Facebook", "0 Tweet about this on Twitter",
         "Twitter", "Pin on Pinterest", "Pinterest", "Film", "23 Nov 2017", "",
         "The first paragraph of the story is long enough to be a paragraph and ends with a "
         "full stop, as real body text does.", ""]
    )  # fmt: skip
    assert normalise(text).published == datetime(2017, 11, 23, tzinfo=UTC)


def test_where_a_glued_date_is_in_its_line() -> None:
    dates = Dates(DateContext(UTC))
    text = "Associated PressDecember 2, 2016 at 20194:29"
    found = dates(text)
    assert text[found[0].start : found[0].end] == "December 2, 2016"


@pytest.mark.parametrize(
    ("text", "languages", "date", "role"),
    [
        ("Posted on Maret 30, 2015 by Admin", ("id",), datetime(2015, 3, 30, tzinfo=UTC),
         "published"),
        ("21.dez.2018 às 12h55", ("pt",), datetime(2018, 12, 21, tzinfo=UTC), None),
    ],
)  # fmt: skip
def test_a_date_with_a_month_name_only_dateparser_knows_inside_other_words(
    text: str, languages: tuple[str, ...], date: datetime, role: str | None
) -> None:
    found = Dates(DateContext(UTC, languages=languages))(text)
    assert [(item.parsed.value, item.role) for item in found] == [(date, role)]
    assert text[found[0].start : found[0].end].endswith(str(date.year))


def test_a_bare_number_is_no_date_in_text() -> None:
    """A Unix time (an image's name, ``[1705151318]``) is not a date a page shows people."""
    dates = Dates(DateContext(UTC))
    assert dates("[1705151318]") == []
    assert not dates.is_date_line("1705151318")


@pytest.mark.parametrize(
    ("line", "days"),
    [
        # a published and an updated date side by side, glued by a renderer
        ("3. April 20223. April 2022  by mady", ["2022-04-03", "2022-04-03"]),
        ("20. April 201713. Juni 2017 Matthias Weber", ["2017-04-20", "2017-06-13"]),
        ("Veröffentlicht am Dezember 29, 2021Dezember 29, 2021", ["2021-12-29", "2021-12-29"]),
        ("Published February 24, 2020Last updated July 21, 2022", ["2020-02-24", "2022-07-21"]),
        # two numeric dates glued
        ("17/11/201917/11/2019 ~ Cem Basman", ["2019-11-17", "2019-11-17"]),
        # a name glued to the date after it
        ("Por Rodrigo Mejías04 de mayo 2022 a las 09:01 hrs.", ["2022-05-04"]),
        # a year in a word is no glued date
        ("Windows 10 und 2019er Modelle", []),
    ],
)
def test_glued_dates_are_read_apart(line: str, days: list[str]) -> None:
    dates = Dates(DateContext(UTC, languages=("de", "en", "es")))
    assert [item.parsed.value.date().isoformat() for item in dates(line)] == days
