from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedpub.dates import DateContext
from feedpub.metadata import (
    date_value,
    draft_marker,
    image_url,
    join_lines,
    language_tag,
    metadata_from_mapping,
    single_spaced,
    squash,
    tag_list,
    text_blocks,
)

ZONE = timezone(timedelta(hours=2))
CONTEXT = DateContext(ZONE)


@pytest.mark.parametrize(
    ("value", "expected", "date_only"),
    [
        (date(2024, 1, 2), datetime(2024, 1, 2, tzinfo=ZONE), True),
        (datetime(2024, 1, 2, 3, 4), datetime(2024, 1, 2, 3, 4, tzinfo=ZONE), False),
        (datetime(2024, 1, 2, 3, 4, tzinfo=UTC), datetime(2024, 1, 2, 3, 4, tzinfo=UTC), False),
        ("2024-01-02", datetime(2024, 1, 2, tzinfo=ZONE), True),
        (1704164640, datetime(2024, 1, 2, 3, 4, tzinfo=UTC), False),
        (1704164640000, datetime(2024, 1, 2, 3, 4, tzinfo=UTC), False),
    ],
)
def test_date_value(value: object, expected: datetime, date_only: bool) -> None:
    parsed = date_value(value, CONTEXT)
    assert parsed is not None
    assert parsed.value == expected
    assert parsed.date_only is date_only


@pytest.mark.parametrize("value", [True, -5, "soon", None, [], {}])
def test_not_date_values(value: object) -> None:
    assert date_value(value, CONTEXT) is None


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("de_DE", "de-DE"),
        ("EN", "en"),
        ("en-gb", "en-GB"),
        ("zh-Hant", "zh-Hant"),
        ("english", None),
        ("en_US.UTF-8", None),
        ("", None),
        (["en"], None),
    ],
)
def test_language_tag(value: object, tag: str | None) -> None:
    assert language_tag(value) == tag


def test_metadata_from_mapping_picks_the_first_known_key() -> None:
    data = {
        "headline": "H",
        "title": "T",
        "lastmod": "2024-01-03",
        "authors": [{"name": "A"}, "B"],
        "categories": ["News", "World"],
        "lang": "fr_FR",
        "ignored": "x",
    }
    metadata = metadata_from_mapping(data, CONTEXT, source="a.md", where="front matter")
    assert metadata.title == "T"
    assert metadata.author == ("A", "B")
    assert metadata.section == "News, World"
    assert metadata.language == "fr-FR"
    assert metadata.published is None
    assert metadata.updated is not None
    assert metadata.origins["updated"] == "front matter 'lastmod'"


def test_an_unreadable_date_is_a_note_with_the_key_and_the_next_key_is_used() -> None:
    metadata = metadata_from_mapping(
        {"published": "soon", "date": "2024-01-02", "updated": "0001-01-01"},
        CONTEXT,
        source="a.md",
        where="front matter",
        line=2,
        key_lines={"published": 3},
    )
    assert metadata.published is not None
    assert metadata.origins["published"] == "front matter 'date'"
    assert metadata.updated is None
    assert metadata.notes == (
        "line 3: front matter 'published': 'soon' is not a date (a readable one, in the years "
        "1000 to 9999): ignored",
        "line 2: front matter 'updated': '0001-01-01' is not a date (a readable one, in the "
        "years 1000 to 9999): ignored",
    )


def test_text_blocks_and_squash() -> None:
    blocks = text_blocks("\n\nOne\n  two \n\n\nThree\n", first_line=10)
    assert [(b.text, b.line, b.lines) for b in blocks] == [
        ("One two", 12, ("One", "two")),
        ("Three", 16, ("Three",)),
    ]
    assert squash(" a \t b\n c ") == "a b c"


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (("各国在供应链和贸易运", "输上相互依存。"), "各国在供应链和贸易运输上相互依存。"),
        (("設定が変更され、", "「Ctrl」で立ち上がる"), "設定が変更され、「Ctrl」で立ち上がる"),
        (("起動ショートカットキー", "Kindle for PC"), "起動ショートカットキー Kindle for PC"),
        (("한국어 문장은", "띄어 씁니다"), "한국어 문장은 띄어 씁니다"),  # Korean keeps its spaces
        (("The river rose", "overnight."), "The river rose overnight."),
    ],
)
def test_a_block_joins_lines_wrapped_inside_chinese_or_japanese_without_a_space(
    lines: tuple[str, ...], text: str
) -> None:
    assert join_lines(lines) == text
    assert text_blocks("\n".join(lines))[0].text == text


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("https://example.org/a.jpg", "https://example.org/a.jpg"),
        ("  /images/a.png ", "/images/a.png"),
        ({"@type": "ImageObject", "url": "https://example.org/b.jpg", "width": 800},
         "https://example.org/b.jpg"),
        ({"path": "/assets/c.webp"}, "/assets/c.webp"),  # Jekyll
        (["", {"contentUrl": "https://example.org/d.jpg"}, "https://example.org/e.jpg"],
         "https://example.org/d.jpg"),  # Hugo's images: the first
        ("not a url", None),
        ({"caption": "no URL"}, None),
        (42, None),
        ([], None),
    ],
)  # fmt: skip
def test_image_url(value: object, url: str | None) -> None:
    assert image_url(value) == url


@pytest.mark.parametrize(
    ("data", "marker"),
    [
        ({"draft": True}, "draft: true"),
        ({"draft": "yes"}, "draft: yes"),
        ({"published": False, "date": "2024-01-02"}, "published: false"),  # Jekyll
        ({"status": "Draft"}, "status: Draft"),  # WordPress exports
        ({"status": "private"}, "status: private"),
        ({"draft": False}, None),
        ({"draft": "false"}, None),
        ({"published": "2024-01-02"}, None),
        ({"status": "publish"}, None),
        ({}, None),
    ],
)
def test_draft_marker(data: dict[str, object], marker: str | None) -> None:
    assert draft_marker(data) == marker


@pytest.mark.parametrize(
    ("value", "tags"),
    [
        (["Cycling", "city council", "cycling", " "], ("Cycling", "city council")),
        ("energy, prices ,  , Energy", ("energy", "prices")),  # keywords as one string
        ([{"name": "Science"}, 2024, True], ("Science", "2024")),
        (["x" * 101, "ok"], ("ok",)),  # a paragraph is not a tag
        ([f"t{n}" for n in range(30)], tuple(f"t{n}" for n in range(20))),
        ([], None),
        ({"name": "not a list"}, None),
    ],
)
def test_tag_list(value: object, tags: tuple[str, ...] | None) -> None:
    assert tag_list(value) == tags


def test_a_line_squashed_again_is_answered_from_the_cache() -> None:
    """Every stage of the layout squashes the lines it reads: each line once per process."""
    squash("Storm  floods the valley")
    before = squash.cache_info().hits
    assert squash("Storm  floods the valley") == "Storm floods the valley"
    assert squash.cache_info().hits == before + 1


@given(st.text(alphabet=" \t\n\u00a0\u2003\u2028\x00\x85ab.é", max_size=30))
def test_single_spaced_is_the_words_joined_by_one_space(text: str) -> None:
    """``single_spaced`` answers as splitting and joining does, also for a line it knows to
    be single-spaced without splitting it (printable: no white space but " ")."""
    assert single_spaced(text) == " ".join(text.split())
