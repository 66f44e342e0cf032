"""tools/junk_misses.py: what a junk line that stays looks like, and where it stands."""

from __future__ import annotations

import pytest

from .conftest import load_tool

misses = load_tool("junk_misses")


@pytest.mark.parametrize(
    ("line", "shape"),
    [
        ("* [Related story]", "rendered [link]"),
        ("* Sport", "list item"),
        ("* These Weeks in Firefox: Issue 106 December 17, 2021 and more", "long list item"),
        ("A cyclist on the ring road. (AP Photo/John Smith)", "caption with credit"),
        ("Read now", "short (<=4 words)"),
        ("Check out more articles on our site today!", "sentence"),
        ("Thank you for supporting Medical News Today", "other text"),
    ],
)
def test_a_line_gets_its_shape(line: str, shape: str) -> None:
    assert misses.shape(line) == shape


def test_a_line_is_placed_against_the_headline_and_the_article() -> None:
    assert misses.where(3, 5, 8, 20) == "above the headline found"
    assert misses.where(6, 5, 8, 20) == "headline..article"
    assert misses.where(8, 5, 8, 20) == "inside the article"
    assert misses.where(21, 5, 8, 20) == "after the article"
    assert misses.where(6, 5, None, None) == "article not shown"
    assert misses.where(6, None, 8, 20) == "headline..article"
