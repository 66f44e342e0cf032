"""The body stage: which paragraph a summary falls back to."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from feedpub.extract.body import opening_paragraph, reads_as_text, without_list_mark


def test_a_lone_bullet_or_a_forms_boxes_say_nothing() -> None:
    for text in ("•", "[ ]", "[ ] [ ] [ ]", "processing...", "[milano-design-week-cover-1-1]"):
        assert not reads_as_text(text), text


def test_prose_in_any_script_says_something() -> None:
    for text in ("Not a member yet?", "玉峰道路一路上雲氣", "엘제이의 리벤지인가", "Il pleut."):
        assert reads_as_text(text), text


def test_the_summary_skips_what_says_nothing() -> None:
    paragraphs = ["•", "[ ] [ ]", "The council voted on Tuesday to close the bridge.", "More."]
    assert opening_paragraph(paragraphs) == paragraphs[2]


def test_the_summary_looks_only_at_the_first_paragraphs() -> None:
    paragraphs = ["•", "•", "•", "The council voted on Tuesday to close the bridge."]
    assert opening_paragraph(paragraphs) == "•"


@given(st.lists(st.text(min_size=1), min_size=1, max_size=6))
def test_the_summary_is_always_one_of_the_first_paragraphs(paragraphs: list[str]) -> None:
    assert opening_paragraph(paragraphs) in paragraphs[:3]


def test_a_summary_loses_the_list_mark_drawn_before_it() -> None:
    assert (
        without_list_mark("• Dubai's carrier bought 30 jets.") == "Dubai's carrier bought 30 jets."
    )
    assert without_list_mark("□ Last Man") == "Last Man"


def test_a_summary_keeps_what_is_not_a_mark_alone() -> None:
    for text in ("•", "- a dash may be the text's own", "1. a numbered step", "Il pleut."):
        assert without_list_mark(text) == text
