from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import feedparser
import pytest
from lxml import etree
from lxml import html as lxml_html

from feedpub import BuildError, Entry, FeedMeta, normalise, render
from feedpub.render import render_feed

from .conftest import ATOM_RNG, SEED

ATOM_NS = "{http://www.w3.org/2005/Atom}"

META = FeedMeta(
    title="Test feed",
    id="urn:uuid:00000000-0000-5000-8000-000000000000",
    site_url="https://news.example.org/",
    author="Test newsroom",
    language="en",
    feed_urls={
        "atom": "https://news.example.org/feeds/atom.xml",
        "rss": "https://news.example.org/feeds/rss.xml",
    },
)


def _entries(count: int = 3) -> list[Entry]:
    seed = normalise(SEED)
    start = datetime(2024, 11, 23, 8, 0, tzinfo=UTC)
    return [
        replace(
            seed,
            id=f"urn:uuid:00000000-0000-5000-8000-{i:012d}",
            key=f"k{i}",
            title=f"Story {i}",
            published=start + timedelta(hours=i),
            updated=start + timedelta(hours=i),
        )
        for i in range(count)
    ]


@pytest.fixture(scope="module")
def atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(ATOM_RNG)))


def test_atom_validates_against_rfc4287_schema(atom_schema: etree.RelaxNG) -> None:
    doc = etree.fromstring(render_feed(_entries(), META, "atom"))
    assert atom_schema.validate(doc), atom_schema.error_log
    assert doc.find(f"{ATOM_NS}author/{ATOM_NS}name").text == "Test newsroom"


def test_schema_check_can_fail(atom_schema: etree.RelaxNG) -> None:
    # Guards the test above: the schema really rejects a feed without an id.
    doc = etree.fromstring(render_feed(_entries(), META, "atom"))
    doc.remove(doc.find(f"{ATOM_NS}id"))
    assert not atom_schema.validate(doc)


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_feedparser_reads_feed_cleanly(fmt: str) -> None:
    parsed = feedparser.parse(render_feed(_entries(), META, fmt))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert [e.title for e in parsed.entries] == ["Story 2", "Story 1", "Story 0"]
    first = parsed.entries[0]
    assert first.id == "urn:uuid:00000000-0000-5000-8000-000000000002"
    assert first.summary.startswith("Russian President Vladimir Putin")
    assert "<h2>Military exercises</h2>" in first.content[0].value
    assert first.published_parsed[:4] == (2024, 11, 23, 10)


def test_rss_channel_and_items() -> None:
    doc = etree.fromstring(render_feed(_entries(), META, "rss"))
    channel = doc.find("channel")
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == "https://news.example.org/feeds/rss.xml"
    assert channel.findtext("link") == "https://news.example.org/"
    assert channel.findtext("language") == "en"
    assert channel.findtext("lastBuildDate") == "Sat, 23 Nov 2024 10:00:00 +0000"
    guids = channel.findall("item/guid")
    assert len(guids) == 3
    # The ids are URNs, not URLs a browser can open.
    assert {g.get("isPermaLink") for g in guids} == {"false"}


def test_output_ignores_input_order_and_clock() -> None:
    entries = _entries(5)
    for fmt in ("atom", "rss"):
        forward = render_feed(entries, META, fmt)
        assert render_feed(list(reversed(entries)), META, fmt) == forward
        # The feed's updated time is the newest entry's, never the build time.
        assert b"2024-11-23T12:00:00+00:00" in forward or b"23 Nov 2024 12:00:00" in forward


def test_render_returns_each_format() -> None:
    out = render(_entries(), META)
    assert set(out) == {"atom", "rss"}
    assert out["atom"].startswith(b"<?xml")
    assert b"<rss" in out["rss"]
    assert b"<generator" in out["atom"]


def test_empty_feed_is_valid(atom_schema: etree.RelaxNG) -> None:
    doc = etree.fromstring(render_feed([], META, "atom"))
    assert atom_schema.validate(doc), atom_schema.error_log


HUBS = ("https://hub.example.org/", "https://second-hub.example.org/")


def test_websub_discovery_links_in_both_formats(atom_schema: etree.RelaxNG) -> None:
    meta = replace(META, hubs=HUBS)
    atom = etree.fromstring(render_feed(_entries(), meta, "atom"))
    assert atom_schema.validate(atom), atom_schema.error_log
    links = {(el.get("rel"), el.get("href")) for el in atom.findall(f"{ATOM_NS}link")}
    assert ("hub", HUBS[0]) in links
    assert ("hub", HUBS[1]) in links
    assert ("self", "https://news.example.org/feeds/atom.xml") in links
    rss_bytes = render_feed(_entries(), meta, "rss")
    rss = etree.fromstring(rss_bytes)
    channel = rss.find("channel")
    rss_links = [(el.get("rel"), el.get("href")) for el in channel.findall(f"{ATOM_NS}link")]
    assert rss_links == [
        ("self", "https://news.example.org/feeds/rss.xml"),
        ("hub", HUBS[0]),
        ("hub", HUBS[1]),
    ]
    # The channel's own <link> stays the site, and content:encoded stays CDATA.
    assert channel.findtext("link") == "https://news.example.org/"
    assert b"<content:encoded><![CDATA[<p>" in rss_bytes
    parsed = feedparser.parse(rss_bytes)
    assert parsed.bozo == 0
    assert {link.rel for link in parsed.feed.links} >= {"hub", "self"}


def test_hub_links_change_nothing_else() -> None:
    plain = render_feed(_entries(), META, "rss")
    with_hub = render_feed(_entries(), replace(META, hubs=HUBS[:1]), "rss")
    hub_line = b'    <atom:link href="https://hub.example.org/" rel="hub"/>\n'
    assert with_hub.replace(hub_line, b"") == plain


def test_runaway_content_is_cut_so_readers_can_parse_the_feed() -> None:
    from feedpub.render import MAX_CONTENT_CHARS, MAX_SUMMARY_CHARS

    huge_paragraph = "Filler &amp; more words. " * 500_000
    one_block = replace(_entries(1)[0], content_html=f"<p>{huge_paragraph}</p>")
    many_blocks = replace(
        _entries(1)[0], content_html="\n".join(["<p>A paragraph of text.</p>"] * 200_000)
    )
    long_summary = replace(_entries(1)[0], summary="word " * 10_000)
    for entry in (one_block, many_blocks, long_summary):
        for fmt in ("atom", "rss"):
            data = render_feed([entry], META, fmt)
            etree.fromstring(data)  # no XML_PARSE_HUGE needed
            assert len(data) < MAX_CONTENT_CHARS * 2 + MAX_SUMMARY_CHARS * 2
            assert feedparser.parse(data).bozo == 0


def test_json_feed_1_1() -> None:
    import json

    meta = replace(
        META, hubs=HUBS[:1], feed_urls={"json": "https://news.example.org/feeds/feed.json"}
    )
    data = render_feed(_entries(), meta, "json")
    assert data == render_feed(list(reversed(_entries())), meta, "json")  # stable bytes
    feed = json.loads(data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Test feed"
    assert feed["home_page_url"] == "https://news.example.org/"
    assert feed["feed_url"] == "https://news.example.org/feeds/feed.json"
    assert feed["authors"] == [{"name": "Test newsroom"}]
    assert feed["language"] == "en"
    assert feed["hubs"] == [{"type": "WebSub", "url": HUBS[0]}]
    items = feed["items"]
    assert [i["title"] for i in items] == ["Story 2", "Story 1", "Story 0"]
    first = items[0]
    # Required per item: id (a string) and content_html or content_text.
    assert first["id"] == "urn:uuid:00000000-0000-5000-8000-000000000002"
    assert first["content_html"].startswith("<p>Russian President")
    assert first["summary"].startswith("Russian President")
    assert first["date_published"] == "2024-11-23T10:00:00+00:00"
    assert first["date_modified"] == "2024-11-23T10:00:00+00:00"
    assert first["tags"] == ["Ukraine and Russia war"]
    assert first["authors"] == [{"name": "Taylor Daily Press"}]


MEDIA_NS = "{http://search.yahoo.com/mrss/}"


def _with_image(entries: list[Entry], image: str | None) -> list[Entry]:
    return [replace(entries[0], image=image), *entries[1:]]


def test_lead_image_in_every_format(atom_schema: etree.RelaxNG) -> None:
    image = "https://news.example.org/media/storm.JPG?w=800"
    entries = _with_image(_entries(), image)
    feeds = render(entries, META, ("atom", "rss", "json"))
    atom = etree.fromstring(feeds["atom"])
    assert atom_schema.validate(atom), atom_schema.error_log  # extension elements are allowed
    for fmt in ("atom", "rss"):
        parsed = feedparser.parse(feeds[fmt])
        assert parsed.bozo == 0
        by_id = {item.id: item for item in parsed.entries}
        with_image = by_id[entries[0].id]
        # What readers built on feedparser (and Media RSS readers) see: image, type, thumbnail.
        assert with_image.media_content == [{"url": image, "type": "image/jpeg", "medium": "image"}]
        assert with_image.media_thumbnail == [{"url": image}]
        assert "media_content" not in by_id[entries[1].id]
    items = {item["id"]: item for item in json.loads(feeds["json"])["items"]}
    assert items[entries[0].id]["image"] == image
    assert "image" not in items[entries[1].id]


def test_feeds_without_images_carry_no_media_namespace() -> None:
    # Entries without images render exactly as before images existed: no unused namespace.
    for fmt in ("atom", "rss"):
        data = render_feed(_entries(), META, fmt)
        assert b"search.yahoo.com/mrss" not in data


@pytest.mark.parametrize(
    "image", ["javascript:alert(1)", "/media/relative.jpg", "data:image/png;base64,AAAA", ""]
)
def test_an_image_readers_cannot_fetch_never_reaches_a_feed(image: str) -> None:
    entries = _with_image(_entries(), image)
    plain = render(_entries(), META, ("atom", "rss", "json"))
    # Dropped, not an error: the feed is exactly the feed without it.
    assert render(entries, META, ("atom", "rss", "json")) == plain


def test_image_type_only_when_the_suffix_names_one() -> None:
    entries = _with_image(_entries(), "https://cdn.example.org/image?id=42")
    parsed = feedparser.parse(render_feed(entries, META, "rss"))
    item = next(item for item in parsed.entries if item.id == entries[0].id)
    assert item.media_content == [{"url": "https://cdn.example.org/image?id=42", "medium": "image"}]


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_images_in_the_content_reach_readers(fmt: str) -> None:
    image = '<p><img src="https://news.example.org/media/chart.png" alt="The chart"></p>'
    entries = [replace(e, content_html=image + "\n" + e.content_html) for e in _entries(1)]
    # feedparser's own cleaning, as readers built on it show the content.
    (item,) = feedparser.parse(render_feed(entries, META, fmt)).entries
    shown = lxml_html.fragment_fromstring(item.content[0].value, create_parent="div")
    assert [dict(img.attrib) for img in shown.iter("img")] == [
        {"src": "https://news.example.org/media/chart.png", "alt": "The chart"}
    ]


def test_feed_icon_and_logo_in_every_format(atom_schema: etree.RelaxNG) -> None:
    icon, logo = "https://news.example.org/favicon.png", "https://news.example.org/logo.png"
    meta = replace(META, icon=icon, logo=logo)
    feeds = render(_entries(), meta, ("atom", "rss", "json"))
    atom = etree.fromstring(feeds["atom"])
    assert atom_schema.validate(atom), atom_schema.error_log
    assert (atom.findtext(f"{ATOM_NS}icon"), atom.findtext(f"{ATOM_NS}logo")) == (icon, logo)
    parsed = feedparser.parse(feeds["atom"])
    assert (parsed.feed.icon, parsed.feed.logo) == (icon, logo)
    rss = feedparser.parse(feeds["rss"]).feed.image
    # RSS's one channel image: the logo, titled and linked like the channel.
    assert (rss.href, rss.title, rss.link) == (logo, "Test feed", "https://news.example.org/")
    json_feed = json.loads(feeds["json"])
    assert (json_feed["icon"], json_feed["favicon"]) == (logo, icon)
    only_icon = feedparser.parse(render_feed(_entries(), replace(META, icon=icon), "rss"))
    assert only_icon.feed.image.href == icon


def test_feed_images_readers_cannot_fetch_are_left_out() -> None:
    meta = replace(META, icon="javascript:alert(1)", logo="/relative.png")
    assert render(_entries(), meta, ("atom", "rss", "json")) == render(
        _entries(), META, ("atom", "rss", "json")
    )


def test_tags_are_categories_after_the_section() -> None:
    entries = [replace(e, tags=("Belarus", "ukraine and russia war", "Putin")) for e in _entries(1)]
    for fmt in ("atom", "rss"):
        (item,) = feedparser.parse(render_feed(entries, META, fmt)).entries
        # The section first; a tag that only repeats it (in another case) is not written twice.
        assert [t.term for t in item.tags] == ["Ukraine and Russia war", "Belarus", "Putin"]
    (item,) = json.loads(render_feed(entries, META, "json"))["items"]
    assert item["tags"] == ["Ukraine and Russia war", "Belarus", "Putin"]


def test_each_author_is_named_in_every_format(atom_schema: etree.RelaxNG) -> None:
    entry = replace(_entries(1)[0], authors=("Tom Hale", "Smith, Jr.", " "))
    atom = etree.fromstring(render_feed([entry], META, "atom"))
    assert atom_schema.validate(atom), atom_schema.error_log
    names = atom.findall(f"{ATOM_NS}entry/{ATOM_NS}author/{ATOM_NS}name")
    assert [n.text for n in names] == ["Tom Hale", "Smith, Jr."]  # the blank one left out
    rss = etree.fromstring(render_feed([entry], META, "rss"))
    creators = rss.findall("channel/item/{http://purl.org/dc/elements/1.1/}creator")
    assert [c.text for c in creators] == ["Tom Hale", "Smith, Jr."]
    item = json.loads(render_feed([entry], META, "json"))["items"][0]
    assert item["authors"] == [{"name": "Tom Hale"}, {"name": "Smith, Jr."}]
    for fmt in ("atom", "rss"):
        parsed = feedparser.parse(render_feed([entry], META, fmt))
        assert [a.get("name") for a in parsed.entries[0].authors] == ["Tom Hale", "Smith, Jr."]


def test_the_publisher_stands_in_for_missing_authors() -> None:
    entry = replace(_entries(1)[0], authors=(), publisher="Reuters")
    assert entry.author is None
    assert entry.credited == ("Reuters",)
    names = etree.fromstring(render_feed([entry], META, "atom")).findall(
        f"{ATOM_NS}entry/{ATOM_NS}author/{ATOM_NS}name"
    )
    assert [n.text for n in names] == ["Reuters"]


def test_each_entry_carries_its_language(atom_schema: etree.RelaxNG) -> None:
    french, english, unknown = _entries(3)
    french = replace(french, language="fr")
    english = replace(english, language="en")
    unknown = replace(unknown, language="english")  # not a language tag: left out
    atom = etree.fromstring(render_feed([french, english, unknown], META, "atom"))
    assert atom_schema.validate(atom), atom_schema.error_log
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    langs = {e.findtext(f"{ATOM_NS}title"): e.get(xml_lang) for e in atom.iter(f"{ATOM_NS}entry")}
    assert langs == {"Story 0": "fr", "Story 1": "en", "Story 2": None}
    rss = etree.fromstring(render_feed([french, english, unknown], META, "rss"))
    dc = "{http://purl.org/dc/elements/1.1/}language"
    langs = {i.findtext("title"): i.findtext(dc) for i in rss.iter("item")}
    assert langs == {"Story 0": "fr", "Story 1": "en", "Story 2": None}
    # What feedparser tells its callers: the language of each of the entry's texts (Atom),
    # the item's language (RSS); the feed's own stays en.
    atom_entry = feedparser.parse(render_feed([french], META, "atom")).entries[0]
    assert atom_entry.title_detail.language == atom_entry.content[0].language == "fr"
    rss = feedparser.parse(render_feed([french], META, "rss"))
    assert (rss.entries[0].language, rss.feed.language) == ("fr", "en")


def test_times_are_whole_seconds_in_every_format() -> None:
    zone = timezone(timedelta(hours=1))
    seen = datetime(2026, 12, 1, 10, 48, 34, 503333, tzinfo=zone)
    entry = replace(_entries(1)[0], published=seen, updated=seen)
    atom = etree.fromstring(render_feed([entry], META, "atom"))
    stamps = [el.text for el in atom.iter(f"{ATOM_NS}updated", f"{ATOM_NS}published")]
    assert set(stamps) == {"2026-12-01T10:48:34+01:00"}
    item = json.loads(render_feed([entry], META, "json"))["items"][0]
    assert item["date_published"] == item["date_modified"] == "2026-12-01T10:48:34+01:00"
    rss = etree.fromstring(render_feed([entry], META, "rss"))
    assert rss.findtext("channel/item/pubDate") == "Tue, 01 Dec 2026 10:48:34 +0100"


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
@pytest.mark.parametrize("link", ["javascript:alert(1)", "data:text/html,x", "/relative"])
def test_only_web_links_reach_a_feed(fmt: str, link: str) -> None:
    entry = replace(_entries(1)[0], link=link)
    data = render_feed([entry], META, fmt)
    assert link.encode() not in data


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_duplicate_entry_ids_are_a_build_error(fmt: str) -> None:
    first, second = _entries(2)
    with pytest.raises(BuildError, match=f"entry id {first.id} is used twice"):
        render_feed([first, replace(second, id=first.id)], META, fmt)


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_a_css_stylesheet_for_browsers_leaves_the_feed_as_readers_see_it(
    fmt: str, atom_schema: etree.RelaxNG
) -> None:
    css = "https://news.example.org/feeds/feed.css"
    plain = render_feed(_entries(), META, fmt)
    styled = render_feed(_entries(), replace(META, stylesheet=css), fmt)
    assert styled.splitlines()[1] == f'<?xml-stylesheet type="text/css" href="{css}"?>'.encode()
    # The same document otherwise: the same elements for readers and checks.
    assert etree.tostring(etree.fromstring(styled)) == etree.tostring(etree.fromstring(plain))
    parsed = feedparser.parse(styled)
    assert parsed.bozo == 0
    assert len(parsed.entries) == 3
    if fmt == "atom":
        assert atom_schema.validate(etree.fromstring(styled))
    # Anything but an http(s) URL is left out.
    hostile = replace(META, stylesheet='javascript:x"?><evil/>')
    assert b"xml-stylesheet" not in render_feed(_entries(), hostile, fmt)
