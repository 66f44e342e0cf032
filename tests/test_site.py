"""The static site, as a real browser sees it: Debian's Chromium, headless, over 127.0.0.1.

``make test`` installs chromium (tools/install-system-packages); a missing browser fails
these tests rather than skipping them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings

from feedpub import build, load_config
from feedpub.config import Config
from feedpub.model import Entry, FeedMeta
from feedpub.pipeline import feed_meta
from feedpub.serve import make_server
from feedpub.site import FeedLink, entry_page, human_time, index_page

from .conftest import running
from .test_publish import write_story
from .test_render_properties import _ENTRIES, _META

T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "chromium is not installed: run tools/install-system-packages"
    return path


def dump_dom(url: str, profile: Path, *, screenshot: Path | None = None) -> str:
    """The DOM Chromium builds for ``url``, serialised; with ``screenshot``, a PNG too."""
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}",
    ]  # fmt: skip
    if screenshot is not None:
        flags += [f"--screenshot={screenshot}", "--window-size=900,700"]
    else:
        flags.append("--dump-dom")
    result = subprocess.run(
        [_chromium(), *flags, url], capture_output=True, text=True, timeout=90, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture
def site(project: Path) -> Iterator[tuple[str, Config, list[Entry]]]:
    docs = project / "docs"
    write_story(docs, 1, section="Sport", author="Jane Doe")
    write_story(docs, 2, link="https://elsewhere.example/two")
    config = load_config(project / "config.toml")
    entries = list(build(config, now=T0).entries)
    with running(make_server(config, "127.0.0.1", 0)) as base:
        yield base, config, entries


def test_index_in_chromium(site: tuple[str, Config, list[Entry]], tmp_path: Path) -> None:
    base, _, entries = site
    dom = lxml.html.fromstring(dump_dom(base, tmp_path / "profile"))
    # Autodiscovery: the main feeds only, with their media types, as the browser parsed the
    # head (one per section and author swamped browsers' and readers' subscribe buttons).
    alternates = {
        (link.get("type"), link.get("href")) for link in dom.xpath("//head/link[@rel='alternate']")
    }
    assert alternates == {
        ("application/atom+xml", "atom.xml"),
        ("application/rss+xml", "rss.xml"),
        ("application/feed+json", "feed.json"),
    }
    # Subscribe links at the top, before the first entry; the other feeds on their page.
    subscribe = dom.xpath("//header//nav[@class='subscribe']//a/@href")
    assert subscribe == ["atom.xml", "rss.xml", "feed.json", "feeds.html", "feeds.opml"]
    # The readable view: every entry's title, linked to its page or its own URL.
    headings = {a.text_content(): a.get("href") for a in dom.xpath("//article/h2/a")}
    assert set(headings) == {e.title for e in entries}
    assert headings["Story number 2"] == "https://elsewhere.example/two"
    one = next(e for e in entries if e.title == "Story number 1")
    assert headings["Story number 1"] == f"entries/{one.key}.html"
    # Dates for people, in the feed's language (en), the machine's form in datetime.
    shown = [t.text_content() for t in dom.xpath("//article//time")]
    assert "January 1, 2024, 10:00\u202fAM" in shown  # story 1, 10:00 in the feed's zone
    assert "November 23, 2024" in shown  # the seed: a date without a time


def test_the_other_feeds_have_their_page(
    site: tuple[str, Config, list[Entry]], tmp_path: Path
) -> None:
    base, _, _ = site
    dom = lxml.html.fromstring(dump_dom(f"{base}feeds.html", tmp_path / "profile"))
    assert [h.text for h in dom.xpath("//main//h2")] == ["Sections", "Authors"]
    links = dom.xpath("//main//a/@href")
    assert "sections/sport/atom.xml" in links
    assert "authors/jane-doe/rss.xml" in links
    assert len(dom.xpath("//head/link[@rel='alternate']")) == 3


def test_dates_in_the_feeds_language() -> None:
    when = datetime(2026, 12, 1, 14, 5, tzinfo=UTC)
    assert human_time(when, "de") == "1. Dezember 2026, 14:05"
    assert human_time(when, "fr-FR") == "1 décembre 2026, 14:05"
    assert human_time(when, "nl") == "1 december 2026, 14:05"
    assert human_time(when, "x-unknown") == human_time(when, "en")
    # A date without a time (midnight, or a stamp a second past it): the date alone.
    assert human_time(datetime(2026, 12, 1, 0, 0, 2, tzinfo=UTC), "en") == "December 1, 2026"


_PYTZ_AFTER_A_DATE = """
import sys
{before}
from datetime import UTC, datetime
from feedpub.site import human_time
print(human_time(datetime(2026, 12, 1, 14, 5, tzinfo=UTC), "de"))
import babel.dates
print("pytz" in sys.modules, babel.dates.pytz is None, sys.modules.get("pytz") is {kept})
"""


@pytest.mark.parametrize(
    ("before", "kept", "expected"),
    [
        # Writing a date does not import pytz (its first lookup opens all its zone files).
        ("", "None", "1. Dezember 2026, 14:05\nFalse True True\n"),
        # A pytz imported before (by dateparser, say) is left in place for the others.
        ("import pytz", "pytz", "1. Dezember 2026, 14:05\nTrue True True\n"),
    ],
)
def test_dates_without_pytz(before: str, kept: str, expected: str) -> None:
    script = _PYTZ_AFTER_A_DATE.format(before=before, kept=kept)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout == expected


def test_index_thumbnails_and_entry_topics(project: Path) -> None:
    config = replace(load_config(project / "config.toml"), tag_feeds=True)
    meta = feed_meta(config)
    entry = Entry(
        id="urn:x", key="k", title="T", published=T0, updated=T0, summary="S",
        content_html="<p>Body.</p>", source="s", section="Sport", tags=("Weiß", "Climate"),
        image="https://img.example/lead.jpg",
    )  # fmt: skip
    index = lxml.html.fromstring(index_page([entry], meta, [], opml_path="feeds.opml"))
    assert index.xpath("//article/img[@class='thumb']/@src") == ["https://img.example/lead.jpg"]
    feeds = [FeedLink("T", "atom", "atom.xml")]
    topics = {"section": "sections", "tag": "tags"}
    page = lxml.html.fromstring(entry_page(entry, meta, feeds, topics))
    assert page.xpath("//p[contains(@class, 'topics')]/a/@href") == [
        "../sections/sport/atom.xml", "../tags/weiss/atom.xml", "../tags/climate/atom.xml"
    ]  # fmt: skip
    bare = lxml.html.fromstring(entry_page(replace(entry, image=None), meta, feeds))
    assert bare.xpath("//figure") == []  # no image, no empty frame
    assert bare.xpath("string(//p[contains(@class, 'topics')])") == "Sport Weiß Climate"


def test_entry_page_in_chromium(site: tuple[str, Config, list[Entry]], tmp_path: Path) -> None:
    base, _, entries = site
    one = next(e for e in entries if e.title == "Story number 1")
    dom = lxml.html.fromstring(dump_dom(f"{base}entries/{one.key}.html", tmp_path / "profile"))
    assert dom.findtext(".//title") == "Story number 1 - Test feed"
    assert dom.xpath("string(//h1)") == "Story number 1"
    assert "The body of story 1" in dom.xpath("string(//article)")
    assert dom.xpath("//time/@datetime") == [one.published.isoformat()]
    # Back to the index, and the feeds discoverable from here too.
    assert dom.xpath("//a[@href='../index.html']")
    assert dom.xpath("//head/link[@rel='alternate' and @href='../atom.xml']")


def test_index_renders_in_chromium(site: tuple[str, Config, list[Entry]], tmp_path: Path) -> None:
    base, _, _ = site
    png = tmp_path / "index.png"
    dump_dom(base, tmp_path / "profile", screenshot=png)
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG")
    width = int.from_bytes(data[16:20], "big")
    assert width == 900


def test_pages_escape_every_text(project: Path) -> None:
    config = load_config(project / "config.toml")
    meta = replace(feed_meta(config), title="<script>alert(1)</script>")
    hostile = Entry(
        id="urn:x", key="k", title='<img src=x onerror="alert(1)">', published=T0, updated=T0,
        summary="<script>alert(2)</script>", content_html="<p>fine</p>", source="s",
        authors=('"><script>',), section="<b>", image="javascript:alert(3)",
    )  # fmt: skip
    for page in (
        index_page([hostile], meta, [], opml_path="feeds.opml"),
        entry_page(hostile, meta, []),
    ):
        dom = lxml.html.fromstring(page)
        assert dom.xpath("//script") == []
        assert dom.xpath("//img") == []
        assert b"&lt;script&gt;" in page


def test_pages_name_the_feed_icon(project: Path) -> None:
    icon = "https://news.example.org/favicon.png"
    meta = replace(feed_meta(load_config(project / "config.toml")), icon=icon)
    entry = Entry(
        id="urn:x", key="k", title="T", published=T0, updated=T0, summary="s",
        content_html="<p>s</p>", source="s",
    )  # fmt: skip
    for page in (
        index_page([entry], meta, [], opml_path="feeds.opml"),
        entry_page(entry, meta, []),
    ):
        assert lxml.html.fromstring(page).xpath("//head/link[@rel='icon']/@href") == [icon]
    hostile = replace(meta, icon="javascript:alert(1)")
    assert not lxml.html.fromstring(entry_page(entry, hostile, [])).xpath("//link[@rel='icon']")


def test_entry_page_shows_the_lead_image(project: Path) -> None:
    meta = feed_meta(load_config(project / "config.toml"))
    image = "https://news.example.org/media/a.jpg?w=800&h=600"
    entry = Entry(
        id="urn:x", key="k", title="Storm", published=T0, updated=T0, summary="s",
        content_html="<p>The storm.</p>", source="s", image=image,
    )  # fmt: skip
    dom = lxml.html.fromstring(entry_page(entry, meta, []))
    assert dom.xpath("//article/figure/img/@src") == [image]
    assert (
        lxml.html.fromstring(entry_page(replace(entry, image=None), meta, [])).xpath("//img") == []
    )


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=_ENTRIES, meta=_META)
def test_pages_from_any_entries_are_safe_html(entries: tuple[Entry, ...], meta: FeedMeta) -> None:
    feeds = [FeedLink(meta.title, "atom", "atom.xml")]
    pages = [index_page(entries, meta, feeds, opml_path="feeds.opml")]
    pages += [entry_page(entry, meta, feeds) for entry in entries]
    for page in pages:
        text = page.decode("utf-8")  # always UTF-8, whatever the entries held
        root = lxml.html.document_fromstring(page)
        assert (
            root.xpath("//script | //iframe | //object | //embed | //style[not(parent::head)]")
            == []
        )
        for element in root.iter():
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), text
                if name in ("href", "src"):
                    assert not value.strip().lower().startswith(("javascript:", "data:")), text
    assert len(lxml.html.document_fromstring(pages[0]).xpath("//article")) == len(entries)
