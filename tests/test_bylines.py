"""Bylines: who wrote an article (feedpub.extract.bylines).

The lines come from issue 13's examples and from real pages' bylines (mozilla/readability's
test pages, expected-metadata.json); the names are what the byline says, not feedpub's output.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedpub.extract.bylines import (
    DATELINE,
    byline_author,
    byline_authors,
    first_byline,
    name_before_date,
)

BYLINES = [
    # issue 13
    ("Von: Adrian Padeanu", ("Adrian Padeanu",)),
    ("Posted by Mike Conley", ("Mike Conley",)),
    ("Verfasst von: Lena Huber", ("Lena Huber",)),
    ("By Glen Owen And Brendan Carlin For The Mail On Sunday", ("Glen Owen", "Brendan Carlin")),
    (
        "By Caitlyn Daproza Of Rochester Institute Of Technology and Patrick Whittle Of The "
        "Associated Press",
        ("Caitlyn Daproza", "Patrick Whittle"),
    ),
    ("By Tom Hale, Rita Sen", ("Tom Hale", "Rita Sen")),
    ("By John Smith, Jr.", ("John Smith, Jr.",)),
    ("Von Max Müller und Erika Weiß", ("Max Müller", "Erika Weiß")),
    ("Par Jean Dupont et Marie Curie", ("Jean Dupont", "Marie Curie")),
    ("Por Ana Ruiz y Tom Lee", ("Ana Ruiz", "Tom Lee")),
    ("Door Femke Bakker en Joris Smit", ("Femke Bakker", "Joris Smit")),
    # real pages (readability test pages' bylines)
    ("By Nathan Willis", ("Nathan Willis",)),
    ("Par Sébastien Farcis", ("Sébastien Farcis",)),
    ("By Ana Sandoiu", ("Ana Sandoiu",)),
    ("By Brenda Goodman, MA", ("Brenda Goodman",)),
    ("By Stella Kim, Jennifer Jett", ("Stella Kim", "Jennifer Jett")),
    ("by Lucas Nolan 22 Dec 2016", ("Lucas Nolan",)),
    ("Written by Rob Ewaschuk", ("Rob Ewaschuk",)),
    # what is not a second name
    ("By Jane Doe, Associated Press", ("Jane Doe",)),
    ("By Faisal Islam, Economics editor", ("Faisal Islam",)),
    ("Von Anna Schmidt, ARD-Hauptstadtstudio", ("Anna Schmidt",)),
    ("By Jon Henley in Paris", ("Jon Henley",)),
    ("Por María García en Madrid", ("María García",)),
    ("Par Paul Durand et AFP", ("Paul Durand",)),
    ("Por José Ortega y Gasset", ("José Ortega y Gasset",)),
    ("By Jane Doe, Dec 19, 2022 10:31 AM", ("Jane Doe",)),
    ("Jessica Elgot Chief political correspondent", ("Jessica Elgot",)),
    # not bylines
    ("Von Montag an gilt die neue Regel", ()),
    ("By the river the town was quiet", ()),
    ("Por eso", ()),
    ("Posted by", ()),
]


@pytest.mark.parametrize(("line", "names"), BYLINES)
def test_byline_authors(line: str, names: tuple[str, ...]) -> None:
    assert byline_authors(line) == names


@pytest.mark.parametrize(
    ("line", "joined"),
    [
        ("Von Max Müller und Erika Weiß", "Max Müller und Erika Weiß"),
        ("By Ana Ruiz and Tom Lee", "Ana Ruiz and Tom Lee"),
        ("By Tom Hale, Rita Sen", "Tom Hale, Rita Sen"),
        (
            "By Caitlyn Daproza Of Rochester Institute Of Technology and Patrick Whittle Of The "
            "Associated Press",
            "Caitlyn Daproza and Patrick Whittle",
        ),
        ("By the river the town was quiet", None),
    ],
)
def test_byline_author_joins_the_names_as_the_byline_does(line: str, joined: str | None) -> None:
    assert byline_author(line) == joined


_WORDS = ["By", "Von:", "Jane", "Doe", "and", "und", "en", "y", ",", "Of", "The", "Press",
          "Jr.", "MA", "in", "Paris", "de", "Vries", "12", "|"]  # fmt: skip


@given(st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join))
def test_every_author_is_a_capitalised_name_found_in_the_line(line: str) -> None:
    names = byline_authors(line)
    assert len(set(names)) == len(names)
    for name in names:
        assert name[0].isupper()
        assert name in line.replace(" ,", ",")
        assert byline_author(line) is not None


def test_an_entry_names_each_person_of_its_byline() -> None:
    from feedpub.normalise import normalise

    text = (
        "Scientists tag sharks off the coast of Maine\n\n"
        "By Caitlyn Daproza Of Rochester Institute Of Technology and Patrick Whittle Of The "
        "Associated Press\n\nDecember 19, 2022\n\n"
        "The sharks were tagged over the summer by a team of researchers, who said the work "
        "would help them learn where the animals go in winter.\n"
    )
    entry = normalise(text)
    assert entry.authors == ("Caitlyn Daproza", "Patrick Whittle")
    assert entry.summary.startswith("The sharks were tagged")


@pytest.mark.parametrize(
    ("line", "date_start", "names"),
    [
        ("Dan Goodin - Apr 16, 2015 8:02 pm UTC", 13, ("Dan Goodin",)),
        ("Eva Smit 18-07-24, 09:41", 9, ("Eva Smit",)),
        ("Alex Perry 1 day ago", 11, ("Alex Perry",)),
        ("Last Updated March 3, 2024", 13, ()),
        ("March 3, 2024", 0, ()),
        ("the council met on 3 March", 19, ()),
    ],
)
def test_name_before_date(line: str, date_start: int, names: tuple[str, ...]) -> None:
    assert line[date_start].isalnum()
    assert name_before_date(line, date_start) == names


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (["Menu", "By Hazel Sheffield", "Text"], ("Hazel Sheffield",)),
        (["Share", "By", "Benjamin Romano", "Seattle Times business reporter"],
         ("Benjamin Romano",)),
        (["Yahoo Finance", "Ben Silverman", "Games Editor"], ("Ben Silverman",)),
        (["Tech Insider", "Alex Perry 1 day ago", "SHARE"], ("Alex Perry",)),
        (["By Monday the roads were clear", "By Madonna"], ()),
    ],
)  # fmt: skip
def test_first_byline(lines: list[str], names: tuple[str, ...]) -> None:
    def date_start(text: str) -> int | None:
        return text.index("1 day") if "1 day" in text else None

    assert first_byline(lines, date_start) == names


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("LONDON, Dec. 19, 2022 /PRNewswire/ -- Acme", "LONDON, Dec. 19, 2022 /PRNewswire/ --"),
        ("WASHINGTON (AP) — The Senate voted", "WASHINGTON (AP) —"),
        ("BRUSSELS, March 28 (Reuters) - European Union", "BRUSSELS, March 28 (Reuters) -"),
        ("SAN FRANCISCO--(BUSINESS WIRE)--Acme Cloud", "SAN FRANCISCO--(BUSINESS WIRE)--"),
        ("Berlin (dpa) - Die Regierung hat", "Berlin (dpa) -"),
        ("The company said (AP) - nothing more", None),
        ("Acme Cloud (NASDAQ: ACME) today reported", None),
    ],
)  # fmt: skip
def test_dateline(text: str, dateline: str | None) -> None:
    found = DATELINE.match(text)
    assert (found.group(0) if found else None) == dateline


def test_a_press_release_dated_in_its_second_paragraph() -> None:
    from datetime import UTC, datetime

    from feedpub.normalise import normalise

    text = (
        "Acme Robotics Reports Record Fourth-Quarter Revenue\n\n"
        "Revenue up 31% year over year; full-year guidance raised\n\n"
        "LONDON, Dec. 19, 2022 /PRNewswire/ -- Acme Robotics Inc. today announced results "
        "for the quarter that ended on 30 November, with revenue of 120 million pounds.\n\n"
        "The company will hold a call for investors on 20 December 2022.\n"
    )
    entry = normalise(text)
    assert entry.published == datetime(2022, 12, 19, tzinfo=UTC)
