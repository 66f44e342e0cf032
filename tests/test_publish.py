from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from feedpub import build, load_config
from feedpub.check import check_feed
from feedpub.config import Config
from feedpub.normalise import normalise
from feedpub.site import slug

ATOM = "{http://www.w3.org/2005/Atom}"
FH = "{http://purl.org/syndication/history/1.0}"
FEEDS = "https://news.example.org/feeds/"
T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)


def write_story(
    docs: Path,
    n: int,
    *,
    section: str = "World",
    author: str | None = None,
    link: str | None = None,
    day: int | None = None,
) -> Path:
    front = [f"title: Story number {n}", f"date: 2024-01-{day or n:02d} 10:00:00"]
    front.append(f"section: {section}")
    if author:
        front.append(f"author: {author}")
    if link:
        front.append(f"link: {link}")
    body = f"The body of story {n}, a paragraph long enough to be its summary.\n"
    path = docs / f"story-{n:03d}.md"
    path.write_text("---\n" + "\n".join(front) + "\n---\n\n" + body, encoding="utf-8")
    return path


@pytest.fixture
def config(project: Path) -> Config:
    (project / "docs" / next((project / "docs").iterdir()).name).unlink()
    return replace(load_config(project / "config.toml"), max_entries=2, archive_size=2)


def _links(path: Path) -> dict[str, str]:
    root = etree.parse(str(path)).getroot()
    return {el.get("rel"): el.get("href") for el in root.findall(f"{ATOM}link")}


def _ids(path: Path) -> list[str]:
    return [entry.id for entry in feedparser.parse(path.read_bytes()).entries]


def _local(url: str, out: Path) -> Path:
    assert url.startswith(FEEDS)
    return out / url.removeprefix(FEEDS)


def _history(out: Path) -> list[str]:
    """Every entry id a reader finds walking from the subscription feed along prev-archive."""
    ids = _ids(out / "atom.xml")
    url = _links(out / "atom.xml").get("prev-archive")
    while url:
        page = _local(url, out)
        assert etree.parse(str(page)).getroot().find(f"{FH}archive") is not None
        assert _links(page)["current"] == FEEDS + "atom.xml"
        ids += _ids(page)
        url = _links(page).get("prev-archive")
    return ids


def test_archive_pages_hold_every_entry_and_stay_stable(config: Config) -> None:
    docs, out = config.input_dir, config.output_dir
    paths = [write_story(docs, n) for n in range(1, 6)]
    report = build(config, now=T0)
    assert report.ok
    all_ids = {e.id for e in build(config, now=T0).entries} | set(_history(out))
    assert len(all_ids) == 5
    assert set(_history(out)) == all_ids
    # 5 documents, 2 per page: two full archive pages; the fifth waits in the subscription.
    assert sorted(p.parent.name for p in out.glob("archive/*/atom.xml")) == ["1", "2"]
    assert _links(out / "archive/1/atom.xml")["next-archive"] == FEEDS + "archive/2/atom.xml"
    assert "next-archive" not in _links(out / "archive/2/atom.xml")
    assert _links(out / "atom.xml")["prev-archive"] == FEEDS + "archive/2/atom.xml"
    rss = etree.parse(str(out / "rss.xml")).getroot()
    rss_links = {el.get("rel"): el.get("href") for el in rss.iter(f"{ATOM}link")}
    assert rss_links["prev-archive"] == FEEDS + "archive/2/rss.xml"
    for page in out.glob("archive/*/*.xml"):
        assert check_feed(page.read_bytes(), "atom" if page.name == "atom.xml" else "rss") == []
    page1 = (out / "archive/1/atom.xml").read_bytes()

    # A sixth document fills page 3: page 2 gains its next-archive link, page 1 is untouched.
    write_story(docs, 6)
    build(config, now=T0 + timedelta(hours=1))
    assert (out / "archive/1/atom.xml").read_bytes() == page1
    assert _links(out / "archive/2/atom.xml")["next-archive"] == FEEDS + "archive/3/atom.xml"
    assert len(set(_history(out))) == 6

    # An old-dated document seen late is in the subscription feed until its page is full.
    late = write_story(docs, 7, day=28)
    late = replace_date(late, "2020-05-05 08:00:00")
    report = build(config, now=T0 + timedelta(hours=2))
    assert "Story number 7" in [e.title for e in report.entries]
    assert len(set(_history(out))) == 7

    # Deleting a document takes it off its own page only.
    page3 = (out / "archive/3/atom.xml").read_bytes()
    paths[0].unlink()
    build(config, now=T0 + timedelta(hours=3))
    assert (out / "archive/3/atom.xml").read_bytes() == page3
    assert len(_ids(out / "archive/1/atom.xml")) == 1
    assert len(set(_history(out))) == 6


def replace_date(path: Path, date: str) -> Path:
    text = path.read_text("utf-8")
    start = text.index("date: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"date: {date}" + text[end:], "utf-8")
    return path


def test_archive_size_zero_publishes_no_archive(config: Config) -> None:
    for n in range(1, 6):
        write_story(config.input_dir, n)
    build(replace(config, archive_size=0), now=T0)
    assert not (config.output_dir / "archive").exists()
    assert "prev-archive" not in _links(config.output_dir / "atom.xml")
    assert len(_ids(config.output_dir / "atom.xml")) == 2


def test_section_and_author_feeds_listed_in_opml(config: Config) -> None:
    docs, out = config.input_dir, config.output_dir
    write_story(docs, 1, section="Sport", author="Jane Doe")
    write_story(docs, 2, section="Sport", author="Émile Zola")
    write_story(docs, 3, section="Politics", author="Jane Doe")
    config = replace(config, archive_size=0, max_entries=10)
    build(config, now=T0)
    sport = feedparser.parse((out / "sections/sport/atom.xml").read_bytes())
    assert sport.bozo == 0
    assert sorted(e.title for e in sport.entries) == ["Story number 1", "Story number 2"]
    assert sport.feed.title == "Test feed: Sport"
    assert sport.feed.id != feedparser.parse((out / "atom.xml").read_bytes()).feed.id
    jane = feedparser.parse((out / "authors/jane-doe/rss.xml").read_bytes())
    assert sorted(e.title for e in jane.entries) == ["Story number 1", "Story number 3"]
    assert (out / "authors/emile-zola/feed.json").is_file()

    opml = etree.parse(str(out / "feeds.opml")).getroot()
    urls = [o.get("xmlUrl") for o in opml.iter("outline")]
    assert urls == [
        FEEDS + "atom.xml",
        FEEDS + "sections/politics/atom.xml",
        FEEDS + "sections/sport/atom.xml",
        FEEDS + "authors/jane-doe/atom.xml",
        FEEDS + "authors/emile-zola/atom.xml",
    ]  # by name
    # The last Politics story moves to Sport: its section feed goes, and leaves the OPML.
    write_story(docs, 3, section="Sport", author="Jane Doe")
    report = build(config, now=T0)
    assert not (out / "sections/politics/atom.xml").exists()
    assert out / "sections/politics/atom.xml" not in report.written
    assert b"politics" not in (out / "feeds.opml").read_bytes()
    # Its folder too: an empty sections/politics/ was left behind.
    assert not (out / "sections/politics").exists()
    assert (out / "sections/sport/atom.xml").exists()
    # Émile Zola's only story is deleted: his feed stays for its tombstone (test_tombstones),
    # but leaves the OPML, having nothing in it to subscribe to.
    (docs / "story-002.md").unlink()
    build(config, now=T0)
    assert (out / "authors/emile-zola/atom.xml").exists()
    assert b"emile-zola" not in (out / "feeds.opml").read_bytes()


def test_a_feed_per_person_holds_every_post_they_wrote(config: Config) -> None:
    docs, out = config.input_dir, config.output_dir
    write_story(docs, 1, author="[Ana Gómez, Tom Hale]")
    write_story(docs, 2, author="Ana Gómez")
    write_story(docs, 3, author="[Tom Hale]")
    config = replace(config, archive_size=0, max_entries=10)
    build(config, now=T0)
    ana = feedparser.parse((out / "authors/ana-gomez/atom.xml").read_bytes())
    assert sorted(e.title for e in ana.entries) == ["Story number 1", "Story number 2"]
    tom = feedparser.parse((out / "authors/tom-hale/rss.xml").read_bytes())
    assert sorted(e.title for e in tom.entries) == ["Story number 1", "Story number 3"]
    # No feed for the pair as if it were one person.
    assert sorted(p.name for p in (out / "authors").iterdir()) == ["ana-gomez", "tom-hale"]
    main = feedparser.parse((out / "atom.xml").read_bytes())
    first = next(e for e in main.entries if e.title == "Story number 1")
    assert [a["name"] for a in first.authors] == ["Ana Gómez", "Tom Hale"]
    # Tom leaves the co-written post: his feed loses it, Ana's keeps it.
    write_story(docs, 1, author="Ana Gómez")
    build(config, now=T0)
    tom = feedparser.parse((out / "authors/tom-hale/rss.xml").read_bytes())
    assert [e.title for e in tom.entries] == ["Story number 3"]
    (docs / "story-003.md").unlink()
    build(config, now=T0)
    # Tom's feed stays, for the tombstone of his deleted post (test_tombstones), empty.
    tom = feedparser.parse((out / "authors/tom-hale/atom.xml").read_bytes())
    assert tom.entries == []
    assert "at_deleted-entry" in tom.feed
    ana = feedparser.parse((out / "authors/ana-gomez/atom.xml").read_bytes())
    assert len(ana.entries) == 2


def _tagged(docs: Path, n: int, tags: str) -> None:
    (docs / f"tagged-{n}.md").write_text(
        f"---\ntitle: Tagged {n}\ndate: 2024-02-{n:02d}\ntags: {tags}\n---\n\n"
        f"The body of tagged story {n}, long enough to be its summary.\n",
        encoding="utf-8",
    )


def test_a_feed_per_tag_when_asked_for(config: Config) -> None:
    docs, out = config.input_dir, config.output_dir
    _tagged(docs, 1, "[Climate, Energy]")
    _tagged(docs, 2, "[climate]")
    _tagged(docs, 3, "[Straße]")
    build(replace(config, archive_size=0, max_entries=10), now=T0)
    assert not (out / "tags").exists()  # off by default
    config = replace(config, archive_size=0, max_entries=10, tag_feeds=True)
    build(config, now=T0)
    assert sorted(p.name for p in (out / "tags").iterdir()) == ["climate", "energy", "strasse"]
    climate = feedparser.parse((out / "tags/climate/atom.xml").read_bytes())
    assert climate.bozo == 0
    assert sorted(e.title for e in climate.entries) == ["Tagged 1", "Tagged 2"]  # any case
    assert climate.feed.title == "Test feed: Climate (tag)"
    assert (out / "tags/energy/feed.json").is_file()
    urls = [o.get("xmlUrl") for o in etree.parse(str(out / "feeds.opml")).getroot().iter("outline")]
    assert FEEDS + "tags/climate/atom.xml" in urls
    assert FEEDS + "tags/strasse/atom.xml" in urls
    # The last post with a tag loses it: the tag's feed goes.
    _tagged(docs, 3, "[Climate]")
    build(config, now=T0)
    assert not (out / "tags/strasse").exists()
    assert len(feedparser.parse((out / "tags/climate/rss.xml").read_bytes()).entries) == 3
    (docs / "tagged-1.md").unlink()
    build(config, now=T0)
    # Deleted: the tag's feed stays, empty, for the tombstone (test_tombstones).
    energy = feedparser.parse((out / "tags/energy/atom.xml").read_bytes())
    assert energy.entries == []
    assert "at_deleted-entry" in energy.feed


def test_feeds_name_the_sites_style_sheet(config: Config) -> None:
    out = config.output_dir
    for n in range(1, 4):
        write_story(config.input_dir, n, section="Sport")
    build(config, now=T0)
    assert (out / "feed.css").read_text("utf-8").startswith("feed,rss{")
    pi = f'<?xml-stylesheet type="text/css" href="{FEEDS}feed.css"?>'
    for feed in ("atom.xml", "rss.xml", "sections/sport/atom.xml", "archive/1/rss.xml"):
        text = (out / feed).read_text("utf-8")
        assert text.splitlines()[1] == pi, feed
        assert check_feed(text.encode(), "rss" if feed.endswith("rss.xml") else "atom") == []
    build(replace(config, site=False), now=T0)
    assert "xml-stylesheet" not in (out / "atom.xml").read_text("utf-8")
    assert not (out / "feed.css").exists()


def test_section_feeds_can_be_turned_off(config: Config) -> None:
    write_story(config.input_dir, 1, author="Jane Doe")
    build(replace(config, section_feeds=False, author_feeds=False), now=T0)
    assert not (config.output_dir / "sections").exists()
    assert not (config.output_dir / "authors").exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Sport", "sport"), ("Ukraine and Russia war", "ukraine-and-russia-war"),
     ("Économie & Société", "economie-societe"), ("../etc", "etc")],
)  # fmt: skip
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Weiß", "weiss"), ("Straße", "strasse"), ("Erika Weiß", "erika-weiss"),
     ("Ελληνικά", "ellenika"), ("日本語", "ri-ben-yu"), ("Спорт", "sport"),
     ("Grace O’Neill", "grace-oneill"), ("Ana Gómez", "ana-gomez")],
)  # fmt: skip
def test_slugs_transliterate_other_letters(name: str, expected: str) -> None:
    assert slug(name) == expected


# Slugs earlier feedpubs gave plain-ASCII names: their feeds' URLs must not move.
OLD_SLUGS = [
    ("Sport", "sport"), ("Jane Doe", "jane-doe"), ("C++", "c"), ("AT&T", "at-t"),
    ("O'Neill", "o-neill"), ("Tom Hale, Rita Sen", "tom-hale-rita-sen"), ("50%", "50"),
    ("  World  News ", "world-news"), ("__init__", "init"), ("A" * 70, "a" * 60),
    ("x" * 59 + " y", "x" * 59), ("Ukraine and Russia war", "ukraine-and-russia-war"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "old"), OLD_SLUGS)
def test_plain_ascii_names_keep_their_old_slugs(name: str, old: str) -> None:
    assert slug(name) == old


@given(st.text(st.characters(max_codepoint=127), max_size=80))
def test_plain_ascii_slugs_are_as_before(name: str) -> None:
    # Written out as earlier feedpubs did it.
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    old = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    assert slug(name) == (old or slug(name))
    assert re.fullmatch(r"[a-z0-9-]+", slug(name))


def test_slug_of_a_name_without_letters_is_stable_and_distinct() -> None:
    assert slug("🦊") == slug("🦊") != slug("🐻")
    assert slug("🦊").startswith("n-")


def test_entries_without_a_url_link_to_their_page(config: Config) -> None:
    docs, out = config.input_dir, config.output_dir
    write_story(docs, 1)
    write_story(docs, 2, link="https://elsewhere.example/story-2")
    write_story(docs, 3, link="/2024/01/story-3.html")
    report = build(replace(config, max_entries=10, archive_size=0), now=T0)
    links = {e.title: e.link for e in feedparser.parse((out / "atom.xml").read_bytes()).entries}
    one = next(e for e in report.entries if e.title == "Story number 1")
    assert links["Story number 1"] == f"{FEEDS}entries/{one.key}.html"
    assert links["Story number 2"] == "https://elsewhere.example/story-2"
    # A relative link is made absolute against the site URL.
    assert links["Story number 3"] == "https://news.example.org/2024/01/story-3.html"
    page = (out / f"entries/{one.key}.html").read_text("utf-8")
    assert "<h1>Story number 1</h1>" in page
    assert "The body of story 1" in page
    index = (out / "index.html").read_text("utf-8")
    for fmt_type, href in [
        ("application/atom+xml", "atom.xml"),
        ("application/rss+xml", "rss.xml"),
        ("application/feed+json", "feed.json"),
    ]:
        assert f'<link rel="alternate" type="{fmt_type}"' in index
        assert f'href="{href}"' in index
    # The section's feed is on the page of feeds, not in the index's head.
    assert 'href="sections/world/atom.xml"' not in index
    assert 'href="sections/world/atom.xml"' in (out / "feeds.html").read_text("utf-8")


def test_deleted_document_page_says_it_was_withdrawn(config: Config) -> None:
    path = write_story(config.input_dir, 1)
    entry = build(config, now=T0).entries[0]
    page = config.output_dir / f"entries/{entry.key}.html"
    assert entry.summary in page.read_text("utf-8")
    path.unlink()
    build(config, now=T0)
    assert entry.summary not in page.read_text("utf-8")
    assert "This article was withdrawn" in page.read_text("utf-8")


def test_summary_only(config: Config) -> None:
    write_story(config.input_dir, 1)
    write_story(config.input_dir, 2)
    build(replace(config, summary_only=True), now=T0)
    out = config.output_dir
    atom = etree.parse(str(out / "atom.xml")).getroot()
    assert atom.findall(f"{ATOM}entry/{ATOM}content") == []
    assert len(atom.findall(f"{ATOM}entry/{ATOM}summary")) == 2
    assert b"content:encoded" not in (out / "rss.xml").read_bytes()
    assert b'"content_html"' not in (out / "feed.json").read_bytes()
    assert b'"content_text"' in (out / "feed.json").read_bytes()
    build(config, now=T0)  # the setting off again: full content comes back
    assert len(etree.parse(str(out / "atom.xml")).getroot().findall(f"{ATOM}entry/{ATOM}content"))


def test_ids_survive_a_new_site_url(config: Config) -> None:
    write_story(config.input_dir, 1)
    before = build(config, now=T0).entries[0].id
    # As loaded from a file without id_authority: the authority comes from the site URL.
    moved = replace(config, site_url="https://moved.example.net/", feed_url="", id_authority="")
    assert moved.id_authority == "moved.example.net"
    assert build(moved, now=T0).entries[0].id == before
    # Explicitly configured, the authority is the user's choice.
    renamed = replace(config, id_authority="other.example")
    assert build(renamed, now=T0).entries[0].id != before


def test_normalise_resolves_relative_links_only_with_a_base() -> None:
    text = "---\ntitle: T\ndate: 2024-01-01\nlink: ../a/b.html\n---\n\nSome body text here.\n"
    base = "https://site.example/news/today/"
    from feedpub.model import Document

    doc = Document("a.md", text)
    assert normalise(doc, base_url=base).link == "https://site.example/news/a/b.html"
    assert normalise(doc).link is None


def test_pages_are_synced_in_one_batch(config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    calls = {"fsync": 0, "sync": 0}
    real_fsync = os.fsync

    def counting_fsync(fd: int) -> None:
        calls["fsync"] += 1
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counting_fsync)
    monkeypatch.setattr(os, "sync", lambda: calls.__setitem__("sync", calls["sync"] + 1))

    for n in range(1, 13):
        write_story(config.input_dir, n)
    report = build(replace(config, max_entries=50, archive_size=2), now=T0)
    pages = [p for p in report.written if p.parent.name == "entries" or "archive" in p.parts]
    assert len(pages) == 12 + 3 * 6  # an entry page each, six archive pages in three formats
    # The feeds, index and OPML are synced one by one (file and folder), and so is the marker
    # naming the pages before they are written; the pages together.
    assert calls["fsync"] == 2 * (len(report.written) - len(pages) + 1)
    assert calls["sync"] == 1


def test_a_first_build_archives_in_date_order(config: Config) -> None:
    # File names in the reverse order of the dates: the archive follows the dates.
    for n, day in zip(range(1, 7), range(6, 0, -1), strict=True):
        write_story(config.input_dir, n, day=day)
    build(config, now=T0)
    out = config.output_dir

    def days(page: int) -> list[int]:
        feed = feedparser.parse((out / f"archive/{page}/atom.xml").read_bytes())
        return sorted(e.published_parsed.tm_mday for e in feed.entries)

    assert [days(1), days(2), days(3)] == [[1, 2], [3, 4], [5, 6]]
    # Documents seen later come after, whatever their dates.
    write_story(config.input_dir, 7, day=9)
    write_story(config.input_dir, 8, day=8)
    build(config, now=T0 + timedelta(hours=1))
    assert days(4) == [8, 9]
    assert days(1) == [1, 2]


def test_rejected_documents_and_drafts_take_no_archive_place(config: Config) -> None:
    docs, out = config.input_dir, config.output_dir
    write_story(docs, 1, day=1)
    # No text: rejected (an unreadable date alone no longer rejects a document).
    (docs / "story-002.md").write_text("---\ntitle: Broken\ndate: 2024-01-02\n---\n")
    (docs / "story-003.md").write_text(
        "---\ntitle: Draft\ndate: 2024-01-03\ndraft: true\n---\n\nThe body, long enough.\n"
    )
    write_story(docs, 4, day=4)
    write_story(docs, 5, day=5)
    report = build(config, now=T0)
    assert len(report.errors) == 1
    # Page 1 (archive_size 2) holds two entries, not one beside a rejected document's place.
    assert len(_ids(out / "archive/1/atom.xml")) == 2
    assert not (out / "archive/2").exists()
    # Fixed, the document is numbered after those before it and fills page 2.
    write_story(docs, 2, day=2)
    build(config, now=T0 + timedelta(hours=1))
    assert len(_ids(out / "archive/2/atom.xml")) == 2
    assert len(set(_history(out))) == 4


def test_a_broken_archive_page_stops_the_build_before_the_feeds_change(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from feedpub.errors import BuildError

    for n in range(1, 4):
        write_story(config.input_dir, n)
    build(config, now=T0)
    out = config.output_dir
    feeds_before = {name: (out / name).read_bytes() for name in ("atom.xml", "rss.xml")}
    render_module = importlib.import_module("feedpub.render")
    real_render = render_module.render_document

    def broken_archive(entries, meta, fmt, **options):  # type: ignore[no-untyped-def]
        data, tree = real_render(entries, meta, fmt, **options)
        if meta.archive and fmt == "rss":
            data = data.replace(b"<link>", b"<lnk>", 1).replace(b"</link>", b"</lnk>", 1)
            tree = etree.fromstring(data)  # the tree the build checks, broken the same way
        return data, tree

    monkeypatch.setattr(render_module, "render_document", broken_archive)
    write_story(config.input_dir, 4)  # fills the second page; the first gets a next link
    page_1 = (out / "archive" / "1" / "rss.xml").read_bytes()
    # The new page is rendered first (the first page links to it once it is rewritten).
    with pytest.raises(BuildError, match=r"refusing to publish invalid feed archive/2/rss\.xml"):
        build(config, now=T0 + timedelta(hours=1))
    assert {name: (out / name).read_bytes() for name in feeds_before} == feeds_before
    assert not (out / "archive" / "2" / "rss.xml").exists()
    assert (out / "archive" / "1" / "rss.xml").read_bytes() == page_1  # no link to nothing


def test_pages_already_on_disk_keep_their_time_when_the_state_is_lost(config: Config) -> None:
    # A first build (no state) into a folder that holds the pages already: each page is
    # compared with what is there, not taken for missing, and left alone when equal.
    for n in range(1, 6):
        write_story(config.input_dir, n)
    build(config, now=T0)
    out = config.output_dir
    pages = sorted(p for p in out.rglob("*.*") if "entries" in p.parts or "archive" in p.parts)
    assert len(pages) == 5 + 3 * 2
    old = 1_000_000_000
    for page in pages:
        os.utime(page, ns=(old, old))
    assert config.state_path is not None
    for state in config.state_path.parent.glob(config.state_path.name + "*"):
        state.unlink()
    report = build(config, now=T0)
    assert set(pages) <= set(report.unchanged)
    assert [p.stat().st_mtime_ns for p in pages] == [old] * len(pages)
    # A page that differs is written again.
    pages[0].write_bytes(b"stale")
    (config.state_path).unlink()
    assert pages[0] in build(config, now=T0).written
    assert pages[0].read_bytes() != b"stale"


def test_write_atomic_told_a_file_is_absent_writes_without_reading(tmp_path: Path) -> None:
    from feedpub.output import write_atomic

    path = tmp_path / "page.html"
    assert write_atomic(path, b"one", durable=False, absent=True) is True
    assert path.read_bytes() == b"one"
