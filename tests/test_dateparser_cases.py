"""tools/dateparser_cases.py: its reading of dateparser's test files, on a small inline sample."""

from __future__ import annotations

from datetime import datetime

from .conftest import load_tool

tool = load_tool("dateparser_cases")

SAMPLE = """
class TestDateParser(BaseTestCase):
    @parameterized.expand(
        [
            # English dates
            param("[Sept] 04, 2014.", datetime(2014, 9, 4)),
            param("10:04am", datetime(2012, 11, 13, 10, 4)),
            # German dates
            param("21. Dezember 2013", datetime(2013, 12, 21)),
            param("{} Tage".format(3), datetime(2012, 11, 10)),
            # Russian dates
            param("10 мая", datetime(2012, 5, 10)),
        ]
    )
    def test_dates_parsing(self, date_string, expected):
        pass

    @parameterized.expand([param("Not this one", datetime(2000, 1, 1))])
    def test_something_else(self, date_string, expected):
        pass


class TestFreshness(BaseTestCase):
    @parameterized.expand(
        [
            # French dates
            param("il y a 2 heures", ago={"hours": 2}, period="day"),
            param("hier", ago={"days": 1}, period="day"),
        ]
    )
    def test_relative_past_dates(self, date_string, ago, period):
        pass


class TestSearch(BaseTestCase):
    @parameterized.expand(
        [
            param(
                "es",
                "En Madrid, a 17 de marzo de 1615.",
                [("a 17 de marzo de 1615", datetime.datetime(1615, 3, 17, 0, 0))],
                settings={"RELATIVE_BASE": datetime.datetime(2000, 1, 1)},
            ),
        ]
    )
    def test_search_and_parse(self, shortname, string, expected, settings=None):
        pass
"""


def _source(test: str) -> object:
    return next(source for source in tool.SOURCES if source.test == test)


def test_cases_are_read_with_their_language_and_kind() -> None:
    cases = tool.extract(SAMPLE, _source("test_dates_parsing"))
    assert [(c.text, c.expected, c.language, c.kind) for c in cases] == [
        ("[Sept] 04, 2014.", datetime(2014, 9, 4), "en", "absolute"),
        ("10:04am", datetime(2012, 11, 13, 10, 4), "en", "partial"),
        ("21. Dezember 2013", datetime(2013, 12, 21), "de", "absolute"),
        # a string made by .format() is not a literal: left out
        ("10 мая", datetime(2012, 5, 10), "Russian", "partial"),
    ]
    assert cases[0].line == 6


def test_relative_cases_are_the_base_minus_ago() -> None:
    cases = tool.extract(SAMPLE, _source("test_relative_past_dates"))
    assert [(c.text, c.expected, c.language, c.kind) for c in cases] == [
        ("il y a 2 heures", datetime(2014, 9, 1, 8, 30), "fr", "relative"),
        ("hier", datetime(2014, 8, 31, 10, 30), "fr", "relative"),
    ]


def test_search_cases_are_each_date_string_with_the_params_base() -> None:
    [case] = tool.extract(SAMPLE, _source("test_search_and_parse"))
    assert (case.text, case.expected, case.language) == (
        "a 17 de marzo de 1615",
        datetime(1615, 3, 17),
        "es",
    )
    assert case.source.base == datetime(2000, 1, 1)


def test_an_article_carries_the_case_as_its_date_line() -> None:
    [case, *_] = tool.extract(SAMPLE, _source("test_relative_past_dates"))
    answer = tool.feedpub_answer(case)
    assert tool.right(answer, case.expected)
    assert tool.article(case).split("\n\n")[1] == "il y a 2 heures"
