"""The site's name inside the phrases its chrome says around it (feedpub.extract.site_phrases)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedpub import normalise
from feedpub.extract.site_phrases import PHRASE_HINTS, phrase_names
from feedpub.extract.sitenames import _hinted, site_name

SEEN = datetime(2024, 1, 1, tzinfo=UTC)
PARAGRAPH = (
    "The river rose two metres overnight and closed every road out of town, officials said "
    "on Tuesday, as more rain was forecast for the rest of the week."
)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Follow The Verge online:", ["The Verge"]),
        ("Get Quanta Magazine delivered to your inbox", ["Quanta Magazine"]),
        ("HR Innovation auf Facebook", ["HR Innovation"]),
        ("Link externo, abre página da Folha de S.Paulo no Twitter", ["Folha de S.Paulo"]),
        ("Contact BBC News", ["BBC News"]),
        ("IGN® is among the federally registered", ["IGN"]),
        ("BGR may receive a commission", ["BGR"]),
        ("Jobs bei TAG24", ["TAG24"]),
        ("Make MSN my homepage", ["MSN"]),  # the chrome's verb is not the name's
        ("Click here to subscribe to The Paradigm Newsletter", ["The Paradigm"]),
        ("Sign up for GitLab’s newsletter", ["GitLab"]),
        ("Follow Jane Doe on Twitter", ["Jane Doe"]),  # a person: the byline takes it off
        # no name: a pronoun, a button, a menu's words, a connector at the end
        ("Follow her on Twitter @janedoe", []),
        ("Share on Facebook", []),
        ("Toggle navigation", []),
        ("Skip to main navigation", []),
        ("Monthly Archives", []),
        ("Subscribe to our newsletter", []),
        ("Contact Us", []),
        ("Follow WIRED and", ["WIRED"]),  # not the connector
    ],
)  # fmt: skip
def test_the_name_next_to_a_cue(line: str, names: list[str]) -> None:
    assert phrase_names(line, site_name) == names


@given(st.text(max_size=60))
def test_a_phrase_name_is_a_site_name_of_the_line(line: str) -> None:
    for name in phrase_names(line, site_name):
        assert site_name(name) == name
        assert " ".join(name.split()) in " ".join(line.split())


def test_the_lines_with_a_cue_are_found_by_their_hints() -> None:
    lines = ["Follow The Verge online:", "The Verge homepage", "Make MSN my homepage", "Weather"]
    lowered = [line.lower() for line in lines]
    assert _hinted(lowered, PHRASE_HINTS) == {0, 1, 2}


_CUES = st.sampled_from(
    ["follow ", "Jobs bei ", "ZURÜCK ZU ", " on Twitter", " homepage", "® is among the "
     "federally registered", " is a registered trademark", " may receive a commission",
     " Archives", "Erschien zuerst im Blog ", " my homepage", "Retrouvez ", " privacy policy"]
)  # fmt: skip


@given(st.lists(st.one_of(_CUES, st.sampled_from(["The Valley Post", "and", "x", " "]))))
def test_a_line_without_a_hint_has_no_phrase_name(parts: list[str]) -> None:
    """Only the lines with a hint are read (``_hinted``): every name needs one in its line."""
    line = "".join(parts)
    if not any(hint in line.lower() for hint in PHRASE_HINTS):
        assert phrase_names(line, site_name) == []


def _page(footer: str) -> str:
    return (
        "  • Login\n  • News\n  • Sport\n\nStorm floods the valley as rain keeps falling\n\n"
        f"By Jane Doe\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{footer}\n"
    )


@pytest.mark.parametrize(
    ("footer", "publisher"),
    [
        # the chrome's phrases around the same name, summed
        ("The Valley Post homepage\n\nFollow The Valley Post on Facebook", "The Valley Post"),
        ("Get The Valley Post delivered to your inbox\n\nAbout The Valley Post",
         "The Valley Post"),
        ("The Valley Post homepage", None),  # one phrase: not enough
        # the byline's person, however often followed, is not the site
        ("Follow Jane Doe on Facebook\n\nFollow Jane Doe on Twitter", None),
    ],
)  # fmt: skip
def test_the_publisher_from_the_chromes_phrases(footer: str, publisher: str | None) -> None:
    assert normalise(_page(footer), first_seen=SEEN).publisher == publisher
