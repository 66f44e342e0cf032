from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedpub import DocumentError
from feedpub.dates import DateContext
from feedpub.html_input import byline_names, read_html
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
        ("Two paragraph.", (("/inline.png", ""),)),  # an image in a paragraph goes before it
        ("Three.", ()),  # icons and inline data are not the article's
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


# ----------------------------------------------------------------------------- issue 12 cases

STORY = [
    "The city council voted on Tuesday evening to rebuild the old harbour bridge, which has "
    "been closed to traffic since the storms of last winter damaged two of its pillars.",
    "Work is to start in the spring and should take about eighteen months, the council said, "
    "with a temporary ferry carrying cyclists and pedestrians across the river meanwhile.",
    "Residents of both banks had asked for the bridge to be reopened quickly, saying that the "
    "detour through the industrial estate added half an hour to every journey into town.",
]


def story(tag: str = "p") -> str:
    return "".join(f"<{tag}>{text}</{tag}>" for text in STORY)


def test_teaser_card_articles_do_not_hide_the_story() -> None:
    cards = "".join(
        f"<article class='teaser'><h3><a href='/n/{i}'>Other news {i}</a></h3></article>"
        for i in range(19)
    )
    body = f"<div class='content'><h1>Harbour bridge to be rebuilt</h1>{story()}</div>{cards}"
    entry = normalise(Document("a.html", page(DATED, body)))
    assert entry.title == "Harbour bridge to be rebuilt"
    assert "eighteen months" in entry.content_html
    assert "Other news" not in entry.content_html


def test_an_aspnet_form_around_the_page_is_read() -> None:
    body = (
        "<form method='post' action='./page.aspx' id='aspnetForm'>"
        "<input type='hidden' name='__VIEWSTATE' value='abc'>"
        f"<div id='main'><h1>Harbour bridge to be rebuilt</h1>{story()}</div></form>"
    )
    entry = normalise(Document("a.html", page(DATED, body)))
    assert all(text[:40] in entry.content_html for text in STORY)


def test_text_in_divs_and_brs_becomes_paragraphs() -> None:
    body = (
        "<div><h1>Harbour bridge to be rebuilt</h1></div>"
        f"<div class='text'>{STORY[0]}<br><br>{STORY[1]}<br><br>{STORY[2]}</div>"
    )
    entry = normalise(Document("a.html", page(DATED, body)))
    assert entry.content_html.count("<p>") == 3
    assert entry.summary == STORY[0]


def test_yoast_graph_with_id_authors() -> None:
    head = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebPage", "@id": "https://blog.example/bridge/",
       "name": "Harbour bridge to be rebuilt - Example Blog"},
      {"@type": "Article", "@id": "https://blog.example/bridge/#article",
       "headline": "Harbour bridge to be rebuilt",
       "author": {"@id": "https://blog.example/#/schema/person/abc123"},
       "publisher": {"@id": "https://blog.example/#organization"},
       "datePublished": "2024-03-05T10:00:00+00:00"},
      {"@type": "Organization", "@id": "https://blog.example/#organization",
       "name": "Example Blog"},
      {"@type": "Person", "@id": "https://blog.example/#/schema/person/abc123",
       "name": "Helga Jansen"}]}</script>"""
    parsed = read_html(page(head, story()), "a.html", CONTEXT)
    assert parsed.metadata.author == ("Helga Jansen",)
    assert parsed.metadata.publisher == "Example Blog"
    assert parsed.metadata.title == "Harbour bridge to be rebuilt"


def test_entities_are_decoded_in_titles_and_names() -> None:
    head = (
        '<meta property="og:title" content="The &amp;#8216;new&amp;#8217; bridge">'
        '<meta name="author" content="Sean O&amp;#039;Donnell">'
        '<meta property="og:site_name" content="Redacci&amp;oacute;n Sur">'
    )
    parsed = read_html(page(head, story()), "a.html", CONTEXT)
    assert parsed.metadata.title == "The ‘new’ bridge"
    assert parsed.metadata.author == ("Sean O'Donnell",)
    assert parsed.metadata.publisher == "Redacción Sur"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ('<meta property="og:title" content="Harbour bridge — rete-mirabile.net">'
         '<link rel="canonical" href="https://rete-mirabile.net/2024/bridge">',
         "Harbour bridge"),
        ('<title>Harbour bridge - Helge.at</title>'
         '<meta property="og:site_name" content="helge.at">', "Harbour bridge"),
        ('<title>Nordish by Nature › Harbour bridge</title>'
         '<meta property="og:site_name" content="Nordish by Nature">', "Harbour bridge"),
        # A title whose only separator is part of it stays whole.
        ('<meta property="og:title" content="Bridge - the vote">', "Bridge - the vote"),
    ],
)  # fmt: skip
def test_the_site_name_is_taken_off_titles(head: str, title: str) -> None:
    assert read_html(page(head, story()), "a.html", CONTEXT).metadata.title == title


def test_an_organisation_is_not_the_author_when_a_person_is_named() -> None:
    head = """<script type="application/ld+json">{"@type": "NewsArticle",
      "headline": "Harbour bridge to be rebuilt",
      "author": {"@type": "Organization", "name": "Harbour Times"}}</script>
      <meta property="og:site_name" content="Harbour Times">
      <meta name="author" content="Jane Doe">"""
    assert read_html(page(head, story()), "a.html", CONTEXT).metadata.author == ("Jane Doe",)
    alone = head.replace('<meta name="author" content="Jane Doe">', "")
    assert read_html(page(alone, story()), "a.html", CONTEXT).metadata.author == ("Harbour Times",)


def test_an_unreadable_stated_date_is_a_note_next_to_a_good_one() -> None:
    head = (
        '<meta property="article:published_time" content="soon">'
        '<meta name="citation_date" content="2024/03/05">'
        "<title>Harbour bridge to be rebuilt</title>"
    )
    inspection = inspect_document(Document("a.html", page(head, story())))
    assert inspection.entry.published == datetime(2024, 3, 5, tzinfo=UTC)
    assert any("'soon' is not a date" in note for note in inspection.notes)


def test_only_unreadable_dates_leave_the_page_published_when_first_seen() -> None:
    head = '<meta property="article:published_time" content="soon"><title>Harbour bridge</title>'
    seen = datetime(2024, 6, 1, 12, tzinfo=UTC)
    entry = normalise(Document("a.html", page(head, story())), first_seen=seen)
    assert entry.published == seen


@pytest.mark.parametrize(
    ("name", "value"),
    [("publication_date", "2024-03-05"), ("sw-pubdate", "2024-03-05"),
     ("og:article:published_time", "2024-03-05T00:00:00Z")],
)  # fmt: skip
def test_the_fields_meta_names_for_dates(name: str, value: str) -> None:
    head = f'<meta name="{name}" content="{value}">'
    published = read_html(page(head, story()), "a.html", CONTEXT).metadata.published
    assert published is not None
    assert published.value.date().isoformat() == "2024-03-05"


def test_itemprop_on_any_element() -> None:
    body = (
        "<div itemscope itemtype='https://schema.org/Article'>"
        "<h1 itemprop='headline'>Harbour bridge to be rebuilt</h1>"
        "<span itemprop='author' itemscope><span itemprop='name'>Jane Doe</span></span>"
        f"<time itemprop='datePublished' datetime='2024-03-05T09:00:00Z'>5 March</time>{story()}"
        "</div>"
    )
    metadata = read_html(page(body=body), "a.html", CONTEXT).metadata
    assert metadata.title == "Harbour bridge to be rebuilt"
    assert metadata.author == ("Jane Doe",)
    assert metadata.published is not None
    assert metadata.published.value == datetime(2024, 3, 5, 9, tzinfo=UTC)


def test_the_sites_furniture_stays_out_of_the_body() -> None:
    body = (
        f"<article><h1>Harbour bridge to be rebuilt</h1>{story()}"
        "<p>nach oben</p><p>Impressum</p><p>Leave a Reply</p></article>"
    )
    entry = normalise(Document("a.html", page(DATED, body)))
    for furniture in ("nach oben", "Impressum", "Leave a Reply"):
        assert furniture not in entry.content_html


def test_a_page_with_a_title_and_only_scripted_text_is_not_rejected() -> None:
    head = (
        "<title>Harbour bridge to be rebuilt</title>"
        '<meta name="description" content="The council voted to rebuild the harbour bridge.">'
    )
    entry = normalise(Document("a.html", page(DATED + head, "<div id='app'></div>")))
    assert entry.content_html == "<p>The council voted to rebuild the harbour bridge.</p>"


def test_links_and_images_of_the_extracted_text_come_from_the_page() -> None:
    body = (
        "<article><h1>Harbour bridge to be rebuilt</h1>"
        '<figure><img src="https://img.example/bridge.jpg" alt="The bridge"></figure>'
        f"<p>{STORY[0]} <a href='https://council.example/vote'>The vote</a>.</p>"
        f"<p>{STORY[1]}</p><p>{STORY[2]}</p></article>"
    )
    entry = normalise(Document("a.html", page(DATED, body)))
    assert '<img src="https://img.example/bridge.jpg" alt="The bridge">' in entry.content_html
    assert '<a href="https://council.example/vote">The vote</a>' in entry.content_html


def test_a_build_without_html_never_imports_trafilatura(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline of the story\n\nMarch 5, 2024\n\n" + STORY[0])
    code = (
        "import sys, pathlib, feedpub\n"
        f"feedpub.normalise(pathlib.Path({str(tmp_path / 'a.txt')!r}))\n"
        "assert 'trafilatura' not in sys.modules, 'imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_json_ld_in_cdata_and_a_site_name_is_no_title() -> None:
    head = """<script type="application/ld+json">//<![CDATA[
      {"@type": "NewsArticle", "name": "Harbour Times", "headline": "Bridge to be rebuilt",
       "publisher": {"@type": "Organization", "name": "Harbour Times"},
       "datePublished": "2024-03-05T10:00:00Z"}
    //]]></script>"""
    metadata = read_html(page(head, story()), "a.html", CONTEXT).metadata
    assert metadata.title == "Bridge to be rebuilt"
    assert metadata.publisher == "Harbour Times"
    assert metadata.published is not None


def test_json_ld_name_when_the_headline_is_a_description() -> None:
    head = """<title>New Zealand - Wikipedia</title><script type="application/ld+json">
      {"@type": "Article", "name": "New Zealand",
       "headline": "constitutional monarchy in Oceania"}</script>"""
    assert read_html(page(head, story()), "a.html", CONTEXT).metadata.title == "New Zealand"


def test_an_organisation_by_microdata_or_an_agency_is_not_a_person() -> None:
    body = (
        "<div itemprop='author' itemscope itemtype='https://schema.org/Organization'>"
        "<span itemprop='name'>Folha de S.Paulo</span></div>"
        f"<h1>Harbour bridge to be rebuilt</h1>{story()}"
    )
    head = '<meta name="author" content="AFP"><meta name="parsely-author" content="Ana Lima">'
    assert read_html(page(head, body), "a.html", CONTEXT).metadata.author == ("Ana Lima",)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Joshua Sokol May 9, 2024", ("Joshua Sokol",)),
        ("Aleš Vávra před 2 hodinami", ("Aleš Vávra",)),
        ("Ben Silverman Games Editor", ("Ben Silverman",)),
        ("Stella Kim; Jennifer Jett", ("Stella Kim", "Jennifer Jett")),
        ("By Theresa May", ("Theresa May",)),
        ("Pieter de Vries", ("Pieter de Vries",)),
        ("Username", ()),
    ],
)
def test_byline_names(byline: str, names: tuple[str, ...]) -> None:
    assert byline_names(byline) == names


def test_a_page_without_any_title_gets_its_first_words() -> None:
    body = f"<ol><li>{STORY[0]}</li></ol>"
    entry = normalise(Document("a.html", page(DATED, body)))
    assert entry.title == " ".join(STORY[0].split()[:10]) + "…"
    assert entry.content_html == f"<ul>\n<li>{STORY[0]}</li>\n</ul>"


def test_a_page_whose_only_text_is_its_title() -> None:
    entry = normalise(Document("a.html", page(DATED + "<title>Test</title>", "Test")))
    assert (entry.title, entry.content_html) == ("Test", "<p>Test</p>")


def test_the_pages_own_byline_names_the_author_not_a_comments() -> None:
    body = (
        "<header><h1>Harbour bridge to be rebuilt</h1>"
        "<span class='pb-byline'>By <a href='/people/erin'>Erin Cunningham</a></span></header>"
        f"{story()}<div class='comments'><span class='comment-author'>Alan Goodale</span>"
        "<p>Great post</p></div>"
    )
    head = '<meta name="author" content="AFP">'
    assert read_html(page(head, body), "a.html", CONTEXT).metadata.author == ("Erin Cunningham",)
    only_comments = body.replace("pb-byline", "share")
    metadata = read_html(page(head, only_comments), "a.html", CONTEXT).metadata
    assert metadata.author == ("AFP",)  # an agency only when no person is named


def test_a_text_past_the_parsers_limit_is_refused_not_dropped() -> None:
    # libxml2 stops at a text of 10,000,000 characters and keeps what came before: the
    # article was published without it (or said to have "no text").
    from feedpub.html_input import parse_html

    page = (
        "<html><body>\n<p>Before.</p>\n<p>" + "x" * 10_000_001 + "</p><p>After.</p></body></html>"
    )
    with pytest.raises(DocumentError, match="longer than 10,000,000 characters") as caught:
        parse_html(page, "big.html")
    assert caught.value.line == 3
    below = parse_html("<p>" + "x" * 9_000_000 + "</p><p>After.</p>", "ok.html")
    assert below.text_content().endswith("After.")
