"""Names in a blog's line of metadata (feedpub.extract.byline_metadata), as line_names reads
them. The layouts are the blog engines' (WordPress themes, forums); the names are made up."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from feedpub.dates import DateContext
from feedpub.extract.byline_kinds import line_names
from feedpub.extract.textdates import Dates

DATES = Dates(DateContext(UTC, reference=datetime(2024, 1, 1, tzinfo=UTC)))


def _date_start(text: str) -> int | None:
    found = DATES(text, recognise_only=True)
    return found[0].start if found else None


# A user name of one word beside the date on a line that ends with its comments, or where a
# blog's theme writes it beside the date without them.
BLOG_USERS = [
    ("jdoe · April 19, 2019 · Mac · 7 comments", ("jdoe",)),
    ("Janey · April 19, 2019 · 2 Comments", ("Janey",)),
    ("26 Mai, 2008 | J_Doe | Kommentare 34 |", ("J_Doe",)),
    ("28. Januar 2015 janedoe Schreibe einen Kommentar", ("janedoe",)),
    ("3 mars 2021 | jdoe | 4 commentaires", ("jdoe",)),
    ("12/04/2020 by Kay 24 Comments", ("Kay",)),  # a byline's word: as before
    # no user name: a date and the comments, a blog's default category, a newsroom's word
    ("April 19, 2019 · 7 comments", ()),
    ("19 November 2019 | Leave a comment", ()),
    ("March 3, 2020 | Uncategorized | 2 Comments", ()),
    ("March 3, 2020 | News | 2 Comments", ()),
    # no date on the line, or no comments at its end
    ("jdoe · Mac · 7 comments", ()),
    ("jdoe · April 19, 2019 · Mac", ()),
    # a user name in lower case before a dash and the date, alone after a date ending with
    # its year, after a dash and before "@" and the time (no comments needed)
    ("jdoe — 2. Februar 2022", ("jdoe",)),
    ("1. November 2016 jdoe", ("jdoe",)),
    ("Filed under: Allgemein — jdoe @ 00:11", ("jdoe",)),
    ("Posted in Privacy by jdoe on August 3, 2019", ("jdoe",)),
    # two capitalised words after a date and prose on in lower case: German nouns
    ("15. Februar 2022 Alle Informationen dazu finden Sie hier", ()),
    ("15. Februar 2022 Jane Doe und John Smith", ("Jane Doe",)),
    ("December 15, 2016 3:33 PM ET Jane Doe at NPR headquarters", ("Jane Doe",)),
    # a section's name after the person's: no third word of the name
    ("30. Oktober 2023 Jane Doe Kultur", ("Jane Doe",)),
    ("30. Oktober 2023 Jane Ann Doe", ("Jane Ann Doe",)),
    # not a word of a time or a relative date, a capitalised section, a blog's category
    ("3. April 2022 uhr", ()),
    ("Sport — 2. Februar 2022", ()),
    ("uncategorized — 2. Februar 2022", ()),
    # a byline's word glued to a name is no date's end
    ("September 15, 2020 byjane doe Post a Comment", ()),
]


@pytest.mark.parametrize(("line", "names"), BLOG_USERS)
def test_a_blogs_user_name_beside_the_date_and_the_comments(
    line: str, names: tuple[str, ...]
) -> None:
    assert line_names(line, _date_start, DATES.is_date_line)[0] == names
