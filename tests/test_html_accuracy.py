"""The scoring functions of tools/html_accuracy.py (the tool itself needs other projects'
checkouts, which tests may not)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from .conftest import load_tool

tool = load_tool("html_accuracy")


def test_the_split_puts_a_quarter_in_the_test_part() -> None:
    ids = [f"page-{i}" for i in range(2000)]
    share = sum(map(tool.in_test_part, ids)) / len(ids)
    assert 0.22 < share < 0.28
    assert tool.in_test_part("ars-1") is False  # sha256 starts with a letter or 4-9


def test_token_f1() -> None:
    assert tool.token_f1("a b c d", "a b c d") == 1.0
    assert tool.token_f1("a b c d", "") == 0.0
    assert tool.token_f1("a b", "a b c d") == pytest.approx(2 / 3)
    assert tool.token_f1("The Cat", "the cat") == 1.0  # case and punctuation do not count


def test_html_text_keeps_blocks_apart() -> None:
    assert tool.tokens(tool.html_text("<p>one</p><p>two</p>")) == {"one": 1, "two": 1}


@pytest.mark.parametrize(
    ("expected", "found", "right"),
    [
        ("How to Build a Terrarium | eHow", "How to Build a Terrarium", True),
        ("How to Build a Terrarium | eHow", "How to Build a Terrarium | eHow", True),
        ("Daring Fireball: Colophon", "Colophon", True),
        ("Mozilla - Wikipedia", "Mozilla", True),
        ("How to Build a Terrarium", "How to Build", False),
        ("A | b c d e f g h", "A", False),  # more than six words is not a site's name
        ("Title", None, False),
    ],
)
def test_title_right(expected: str, found: str | None, right: bool) -> None:
    assert tool.title_right(expected, found) is right


@pytest.mark.parametrize(
    ("expected", "found", "right"),
    [
        ("By Erin Cunningham", "Erin Cunningham", True),
        ("By\n\t\t\tScott Cunningham", "Scott Cunningham", True),
        ("Bradley M. Kuhn (http://ebb.org/bkuhn/)", "Bradley M. Kuhn", True),
        ("JOE HILDEBRAND", "Joe Hildebrand", True),
        ("Jane Doe", "Jane", False),  # one word is not the name
        ("Jane Doe", "Jane Doerr", False),
        (None, "Jane Doe", False),
    ],
)
def test_author_right(expected: str | None, found: str, right: bool) -> None:
    assert tool.author_right(expected, found) is right


def test_date_right_in_the_stated_offset_or_utc() -> None:
    late = datetime(2021, 11, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert tool.date_right("2021-11-01T23:30:00-0500", late)
    assert tool.date_right("2021-11-02", late)  # the same instant's day in UTC
    assert not tool.date_right("2021-11-03", late)
    assert tool.date_right("2017-11-03 03:01:00.000000", "2017-11-03")
    assert not tool.date_right("2017-11-03", None)
    assert tool.date_right("2024-04-20T04:20:00.000Z", datetime(2024, 4, 20, tzinfo=UTC))


def test_site_and_language() -> None:
    assert tool.site_right("the Guardian", "The Guardian")
    assert not tool.site_right("Medium", None)
    assert tool.language_right("en-US", "en")
    assert tool.language_right("pt_BR", "pt-BR")
    assert not tool.language_right("fr", "en")


def test_tally_shares() -> None:
    tally = tool.Tally()
    tally.count("title", "A", True, "p1", "A")
    tally.count("title", "B", False, "p2", "C")
    tally.count("title", None, False, "p3", "D")  # no answer: not counted
    assert tally.share("title") == "50.0% of 2"
    assert tally.misses == ["p2: title: expected 'B', found 'C'"]
