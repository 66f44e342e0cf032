from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import dateparser
import pytest

from feedpub import dateparser_dates, dateparser_words
from feedpub.dateparser_dates import (
    LANGUAGES,
    language_words,
    looks_like_date,
    zone_abbreviations,
)

from .conftest import load_tool


def _shipped_zones() -> frozenset[str] | None:
    zones = dateparser_words.ZONE_ABBREVIATIONS
    return None if zones is None else frozenset(zones.split())


def test_the_shipped_words_are_the_installed_dateparsers() -> None:
    # Fails after an upgrade of dateparser: run tools/dateparser_words.py.
    assert dateparser.__version__ == dateparser_words.DATEPARSER_VERSION
    assert _shipped_zones() == zone_abbreviations()
    assert set(dateparser_words.WORDS) == set(LANGUAGES)
    for language, (known, strong) in dateparser_words.WORDS.items():
        assert (frozenset(known.split()), frozenset(strong.split())) == language_words(
            (language,)
        ), language


def test_the_tool_writes_what_is_shipped() -> None:
    written: dict[str, object] = {}
    exec(load_tool("dateparser_words").source(), written)  # the tool's own text
    assert written["DATEPARSER_VERSION"] == dateparser_words.DATEPARSER_VERSION
    assert written["ZONE_ABBREVIATIONS"] == dateparser_words.ZONE_ABBREVIATIONS
    assert written["WORDS"] == dateparser_words.WORDS


def test_the_version_is_read_without_importing_dateparser() -> None:
    dateparser_dates._installed_version.cache_clear()
    assert dateparser_dates._installed_version() == dateparser.__version__


@pytest.mark.parametrize("languages", [(), ("en",), ("de",), ("pt",), ("nl", "fr"), LANGUAGES])
def test_the_shipped_words_answer_as_dateparsers_data(languages: tuple[str, ...]) -> None:
    usable = dateparser_dates._usable(languages)
    assert usable == (languages or LANGUAGES)
    assert dateparser_dates._vocabulary(usable) == language_words(usable)
    assert dateparser_dates._zone_abbreviations() == zone_abbreviations()


@pytest.fixture
def other_version(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for cached in (dateparser_dates._shipped, dateparser_dates._usable):
        cached.cache_clear()
    dateparser_dates._vocabulary.cache_clear()
    dateparser_dates._zone_abbreviations.cache_clear()
    monkeypatch.setattr(dateparser_words, "DATEPARSER_VERSION", "0.0-other")
    monkeypatch.setattr(dateparser_words, "ZONE_ABBREVIATIONS", "RIVER")
    monkeypatch.setattr(dateparser_words, "WORDS", {"en": ("river", "river")})
    yield
    monkeypatch.undo()
    for cached in (dateparser_dates._shipped, dateparser_dates._usable):
        cached.cache_clear()
    dateparser_dates._vocabulary.cache_clear()
    dateparser_dates._zone_abbreviations.cache_clear()


@pytest.mark.usefixtures("other_version")
def test_words_made_from_another_version_are_not_used() -> None:
    assert dateparser_dates._shipped() is None
    assert dateparser_dates._vocabulary(("en",)) == language_words(("en",))
    assert dateparser_dates._zone_abbreviations() == zone_abbreviations()
    assert looks_like_date("Tue, 26", ("en",))
    assert not looks_like_date("river 26", ("en",))


def test_a_line_that_is_no_date_does_not_import_dateparser() -> None:
    # What the benchmark's one-change run asks: the part of a date line before a name.
    code = (
        "import sys\n"
        "from feedpub.dateparser_dates import looks_like_date\n"
        "assert not looks_like_date('School river museum (0) | Economy', ('en',))\n"
        "assert looks_like_date('Tue, 26', ('en',))\n"
        "assert looks_like_date('vor 2 Tagen', ())\n"
        "assert 'dateparser' not in sys.modules and 'regex' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
