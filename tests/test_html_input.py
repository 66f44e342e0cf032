from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedpub import DocumentError
from feedpub.dates import DateContext
from feedpub.html_input import read_html
from feedpub.model import Document
from feedpub.normalise import normalise

CONTEXT = DateContext(UTC)
PARAGRAPH = "<p>A paragraph of body text that is long enough to be the summary.</p>"


def page(head: str = "", body: str = PARAGRAPH, lang: str = "en") -> str:
    return f"<!DOCTYPE html><html lang='{lang}'><head>{head}</head><body>{body}</body></html>"


def test_json_ld_graph_and_author_list() -> None:
    head = """<script type="application/ld+json">{"@graph": [
      {"@type": "WebSite", "name": "Not the article"},
      {"@type": ["NewsArticle"], "headline": "Stated headline",
       "datePublished": "2024-01-02T03:04:05+01:00",
       "author": [{"name": "A. Writer"}, {"name": "B. Writer"}]}]}</script>"""
    parsed = read_html(page(head), "a.html", CONTEXT)
    assert parsed.metadata.title == "Stated headline"
    assert parsed.metadata.author == "A. Writer, B. Writer"
    assert parsed.metadata.published is not None
    assert parsed.metadata.published.value == datetime(2024, 1, 2, 2, 4, 5, tzinfo=UTC)


def test_broken_json_ld_falls_back_to_meta() -> None:
    head = (
        '<script type="application/ld+json">{not json</script>'
        '<meta property="og:title" content="From Open Graph">'
        '<meta name="author" content="Meta Author">'
    )
    parsed = read_html(page(head), "a.html", CONTEXT)
    assert parsed.metadata.title == "From Open Graph"
    assert parsed.metadata.author == "Meta Author"


def test_profile_url_is_not_an_author() -> None:
    head = '<meta property="article:author" content="https://example.org/people/x">'
    assert read_html(page(head), "a.html", CONTEXT).metadata.author is None


def test_no_script_style_or_attribute_reaches_the_content() -> None:
    body = (
        "<header><p>Site header text</p></header><article><h1>Headline of the page</h1>"
        "<p onclick='evil()'>First <b>bold</b> paragraph of the article, with enough words."
        "<script>evil()</script><style>p{}</style></p>"
        "<p>Second <a href='javascript:evil()'>link</a> paragraph.</p>"
        "<ul><li>One</li><li>Two</li></ul><blockquote><p>A quote.</p></blockquote>"
        "</article><footer><p>Site footer</p></footer>"
    )
    head = '<meta name="date" content="2024-05-02">'
    entry = normalise(Document("a.html", page(head, body)))
    assert entry.title == "Headline of the page"
    assert "evil" not in entry.content_html
    assert "onclick" not in entry.content_html
    assert "href" not in entry.content_html
    assert "Site header" not in entry.content_html
    assert "Site footer" not in entry.content_html
    assert "<p>First bold paragraph of the article, with enough words.</p>" in entry.content_html
    assert "<ul>\n<li>One</li>\n<li>Two</li>\n</ul>" in entry.content_html
    assert "<blockquote><p>A quote.</p></blockquote>" in entry.content_html


def test_title_suffix_names_the_publisher() -> None:
    head = (
        "<title>Library reopens after renovation — Riverside Gazette</title>"
        '<meta name="date" content="2024-05-02">'
    )
    entry = normalise(Document("a.html", page(head, "<h1>Library reopens after renovation</h1>"
                                                    + PARAGRAPH)))  # fmt: skip
    assert entry.title == "Library reopens after renovation"
    assert entry.publisher == "Riverside Gazette"


def test_a_broken_doctype_is_still_a_page() -> None:
    text = page(
        '<meta name="date" content="2024-05-02">', "<h1>Headline of the page</h1>" + PARAGRAPH
    )
    entry = normalise(Document("a.html", text.replace("<!DOCTYPE", "<DOCTYPE")))
    assert entry.title == "Headline of the page"


def test_control_characters_in_a_page() -> None:
    body = "<h1>Headline \x07of the page</h1><p>Text\x1b with <script>x()</script>\x07 a bell.</p>"
    entry = normalise(Document("a.html", page('<meta name="date" content="2024-05-02">', body)))
    assert entry.title == "Headline of the page"
    assert entry.content_html == "<p>Text with a bell.</p>"


def test_a_page_without_text_is_rejected() -> None:
    with pytest.raises(DocumentError, match="no text"):
        normalise(Document("a.html", page("<title>Only a title</title>", "")))


@settings(max_examples=60)
@given(st.text(max_size=300))
def test_hostile_html_never_crashes(text: str) -> None:
    try:
        entry = normalise(Document("a.html", text))
    except DocumentError:
        return
    assert entry.published.tzinfo is not None
    assert "<script" not in entry.content_html
