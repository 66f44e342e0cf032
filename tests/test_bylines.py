"""Bylines: who wrote an article (feedpub.extract.bylines).

The lines come from issue 13's examples and from real pages' bylines (mozilla/readability's
test pages, expected-metadata.json); the names are what the byline says, not feedpub's output.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedpub.extract.bylines import byline_author, byline_authors

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
