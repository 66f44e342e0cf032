from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedpub import DocumentError
from feedpub.dates import DateContext
from feedpub.html_input import read_html
from feedpub.model import Document
from feedpub.normalise import inspect_document, normalise

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
    assert parsed.metadata.author == ("A. Writer", "B. Writer")
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
    assert parsed.metadata.author == ("Meta Author",)


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


DATED = '<meta property="article:published_time" content="2024-01-02T03:04:05Z">'


def _image_of(head: str, body: str = PARAGRAPH, base_url: str | None = None) -> str | None:
    document = Document("a.html", page(DATED + head, f"<h1>Headline</h1>{body}"))
    entry = normalise(document, base_url=base_url)
    return entry.image


def test_stated_image_wins_and_is_made_absolute_against_the_page() -> None:
    head = (
        '<link rel="canonical" href="https://news.example.org/2024/story">'
        '<meta property="og:image" content="media/og.jpg">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "image":'
        ' {"@type": "ImageObject", "url": "/media/ld.jpg", "width": 1200}}</script>'
    )
    # JSON-LD before Open Graph, as for every other field; relative to the page, not the site.
    assert (
        _image_of(head, base_url="https://site.example/") == "https://news.example.org/media/ld.jpg"
    )
    assert _image_of(head.split("<script")[0]) == "https://news.example.org/2024/media/og.jpg"


def test_first_article_image_when_none_is_stated() -> None:
    body = (
        '<header><img src="/logo.png"></header><article><h1>Headline</h1>'
        '<img src="/icon.gif" width="16" height="16"><img src="data:image/png;base64,AAAA">'
        '<nav><img src="/nav.png"></nav>'
        '<figure><img src="/photos/storm.jpg" width="800"><figcaption>Waves ©AP</figcaption>'
        f"</figure>{PARAGRAPH}</article>"
    )
    assert (
        _image_of("", body, "https://news.example.org/")
        == "https://news.example.org/photos/storm.jpg"
    )
    # The figure's caption stays out of the text, as before.
    entry = normalise(Document("a.html", page(DATED, body)), base_url="https://news.example.org/")
    assert "Waves" not in entry.content_html


def test_no_image_and_an_unusable_one() -> None:
    assert _image_of("") is None
    # A relative image with nothing to resolve it against is left out, with a note.
    inspection = inspect_document(
        Document(
            "a.html",
            page(DATED + '<meta property="og:image" content="/a.jpg">', f"<h1>H</h1>{PARAGRAPH}"),
        )
    )
    assert inspection.entry.image is None
    assert any("image '/a.jpg' ignored" in note for note in inspection.notes)


def test_images_go_with_the_block_after_them() -> None:
    body = (
        "<article><h1>Headline</h1>"
        '<figure><img src="/a.jpg" alt="First"><figcaption>Waves ©AP</figcaption></figure>'
        "<p>One paragraph.</p>"
        '<p>Two <img src="/inline.png" width="400"> paragraph.</p>'
        '<img src="/icon.gif" width="16"><img src="data:image/gif;base64,AA"><p>Three.</p>'
        '<p><img src="/b.jpg"></p><p>Four.</p><figure><img src="/last.jpg"></figure></article>'
    )
    blocks = read_html(page(body=body), "a.html", CONTEXT).blocks
    assert [(b.text, b.images) for b in blocks] == [
        ("Headline", ()),
        ("One paragraph.", (("/a.jpg", "First"),)),  # the caption is not body text
        ("Two paragraph.", ()),
        ("Three.", (("/inline.png", ""),)),  # icons and inline data are not the article's
        ("Four.", (("/b.jpg", ""),)),
    ]  # an image after the last block is left out


def test_content_shows_images_where_the_article_does() -> None:
    body = (
        "<article><h1>Storm hits the coast</h1>"
        '<figure><img src="pics/waves.jpg" alt="Waves"></figure>'
        "<p>By Jane Doe</p>"  # a byline block: its image goes on to the body
        f"{PARAGRAPH}<ul><li>One</li>"
        '<li>Two</li></ul><figure><img src="javascript:alert(1)"></figure>'
        '<p>See also  the other story</p><img src="https://cdn.example/c.png" alt="C">'
        "<p>The end of the story.</p></article>"
    )
    head = DATED + '<link rel="canonical" href="https://news.example.org/2024/storm">'
    entry = normalise(Document("a.html", page(head, body)))
    assert entry.author == "Jane Doe"
    assert entry.content_html == (
        '<p><img src="https://news.example.org/2024/pics/waves.jpg" alt="Waves"></p>\n'
        f"{PARAGRAPH}\n<ul>\n<li>One</li>\n<li>Two</li>\n</ul>\n"
        # the junk line goes, its image stays; a javascript: image never reaches the content
        '<p><img src="https://cdn.example/c.png" alt="C"></p>\n<p>The end of the story.</p>'
    )


def test_a_lazily_loaded_image_is_the_real_one() -> None:
    body = (
        '<article><h1>Headline</h1><img src="data:image/gif;base64,R0lGOD" data-src="/real.jpg">'
        f'{PARAGRAPH}<img src="/placeholder.gif" data-lazy-src="/later.jpg"><p>More.</p>'
        "</article>"
    )
    blocks = read_html(page(body=body), "a.html", CONTEXT).blocks
    assert [b.images for b in blocks[1:]] == [(("/real.jpg", ""),), (("/later.jpg", ""),)]


def test_tags_from_open_graph_or_json_ld() -> None:
    head = (
        '<meta property="article:tag" content="Storms">'
        '<meta property="article:tag" content="Coast">'
    )
    assert read_html(page(head), "a.html", CONTEXT).metadata.tags == ("Storms", "Coast")
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "keywords": "a, b"}</script>'
    assert read_html(page(ld + head), "a.html", CONTEXT).metadata.tags == ("a", "b")
