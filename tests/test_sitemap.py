"""Sitemaps: the site's pages in sitemap.xml, the last two days' in news-sitemap.xml.

The published schemas are not shipped: Google's sitemap-news.xsd says "Copyright 2010
Google Inc. All Rights Reserved", and sitemaps.org's sitemap.xsd (CC BY-SA) would bring a
share-alike licence into an MIT project. The schemas below are our own, written from the
published definitions (the tag tables of https://www.sitemaps.org/protocol.html and of
Google's "Build a News sitemap" page): the elements, their order and counts, and the value
rules those pages state (a URL of 12 to 2,048 characters, W3C datetimes, ``changefreq``'s
words, ``priority`` from 0.0 to 1.0, ISO 639 languages or zh-cn/zh-tw, at most 50,000 URLs).
lxml validates with them.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

from feedpub import build, load_config
from feedpub import sitemap as sitemap_module
from feedpub.config import Config
from feedpub.sitemap import (
    MAX_BYTES,
    MAX_URLS,
    NEWS_NS,
    PART_URLS,
    SITEMAP_NS,
    NewsItem,
    news_language,
    news_sitemap_files,
    sitemap_urlset,
)

SM = f"{{{SITEMAP_NS}}}"
LASTMOD = f"{{{SITEMAP_NS}}}lastmod"
NEWS = f"{{{NEWS_NS}}}"
FEEDS = "https://news.example.org/feeds/"
# The stories below are published on 2024-01-0N at 10:00 in Brussels (09:00 UTC).
NOW = datetime(2024, 1, 5, 8, tzinfo=UTC)

# W3C datetime (https://www.w3.org/TR/NOTE-datetime), which both protocols name: a date,
# or a date and a time to the minute or finer, with a zone.
_W3C_DATETIME = r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+\-]\d{2}:\d{2}))?)?)?"

# Google News: a date, or a date and time (W3C datetime, the zone required with a time).
_NEWS_DATE = r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+\-]\d{2}:\d{2}))?"

SITEMAP_XSD = f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{SITEMAP_NS}"
    xmlns="{SITEMAP_NS}" elementFormDefault="qualified">
  <xs:import namespace="{NEWS_NS}" schemaLocation="news.xsd"/>
  <xs:simpleType name="location">
    <xs:restriction base="xs:anyURI">
      <xs:minLength value="12"/><xs:maxLength value="2048"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="time">
    <xs:restriction base="xs:string"><xs:pattern value="{_W3C_DATETIME}"/></xs:restriction>
  </xs:simpleType>
  <xs:element name="urlset">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="url" minOccurs="1" maxOccurs="50000">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="loc" type="location"/>
              <xs:element name="lastmod" type="time" minOccurs="0"/>
              <xs:element name="changefreq" minOccurs="0">
                <xs:simpleType>
                  <xs:restriction base="xs:string">
                    <xs:enumeration value="always"/><xs:enumeration value="hourly"/>
                    <xs:enumeration value="daily"/><xs:enumeration value="weekly"/>
                    <xs:enumeration value="monthly"/><xs:enumeration value="yearly"/>
                    <xs:enumeration value="never"/>
                  </xs:restriction>
                </xs:simpleType>
              </xs:element>
              <xs:element name="priority" minOccurs="0">
                <xs:simpleType>
                  <xs:restriction base="xs:decimal">
                    <xs:minInclusive value="0.0"/><xs:maxInclusive value="1.0"/>
                  </xs:restriction>
                </xs:simpleType>
              </xs:element>
              <xs:any namespace="##other" processContents="strict" minOccurs="0"
                  maxOccurs="unbounded"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:element name="sitemapindex">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="sitemap" minOccurs="1" maxOccurs="50000">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="loc" type="location"/>
              <xs:element name="lastmod" type="time" minOccurs="0"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""

NEWS_XSD = f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{NEWS_NS}"
    xmlns="{NEWS_NS}" elementFormDefault="qualified">
  <xs:element name="news">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="publication">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="name">
                <xs:simpleType>
                  <xs:restriction base="xs:string"><xs:minLength value="1"/></xs:restriction>
                </xs:simpleType>
              </xs:element>
              <xs:element name="language">
                <xs:simpleType>
                  <xs:restriction base="xs:string">
                    <xs:pattern value="zh-cn|zh-tw|[a-z]{{2,3}}"/>
                  </xs:restriction>
                </xs:simpleType>
              </xs:element>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="publication_date">
          <xs:simpleType>
            <xs:restriction base="xs:string">
              <xs:pattern value="{_NEWS_DATE}"/>
            </xs:restriction>
          </xs:simpleType>
        </xs:element>
        <xs:element name="title">
          <xs:simpleType>
            <xs:restriction base="xs:string"><xs:minLength value="1"/></xs:restriction>
          </xs:simpleType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> etree.XMLSchema:
    folder = tmp_path_factory.mktemp("schemas")
    (folder / "news.xsd").write_text(NEWS_XSD, encoding="utf-8")
    (folder / "sitemap.xsd").write_text(SITEMAP_XSD, encoding="utf-8")
    return etree.XMLSchema(etree.parse(str(folder / "sitemap.xsd")))


def _stamp(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def _valid(schema: etree.XMLSchema, data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    assert schema.validate(root), schema.error_log
    return root


def test_the_schemas_refuse_what_the_protocols_refuse(schema: etree.XMLSchema) -> None:
    """The hand-written schemas are no rubber stamp."""
    good = sitemap_urlset([("https://news.example.org/a.html", _stamp(NOW))])
    assert schema.validate(etree.fromstring(good))
    for bad in (
        good.replace(b"<lastmod>2024-01-05T08:00:00+00:00", b"<lastmod>5 Jan 2024"),
        good.replace(b"https://news.example.org/a.html", b"a.html"),
        good.replace(b"</url>", b"<priority>2</priority></url>"),
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>',
    ):
        assert not schema.validate(etree.fromstring(bad))
    item = NewsItem("https://news.example.org/a.html", NOW, "A title", "en")
    news = news_sitemap_files([item], "The Example Times", FEEDS)[0][1]
    assert schema.validate(etree.fromstring(news))
    for bad in (
        news.replace(b"<news:language>en<", b"<news:language>en-GB<"),
        news.replace(b"<news:title>A title</news:title>", b""),
        news.replace(b"<news:name>The Example Times</news:name>", b""),
    ):
        assert not schema.validate(etree.fromstring(bad))


def write_story(docs: Path, n: int, *, language: str | None = None) -> Path:
    front = [f"title: Story number {n} & more", f"date: 2024-01-{n:02d} 10:00:00"]
    if language:
        front.append(f"language: {language}")
    body = f"The body of story {n}, a paragraph long enough to be its summary.\n"
    path = docs / f"story-{n:03d}.md"
    path.write_text("---\n" + "\n".join(front) + "\n---\n\n" + body, encoding="utf-8")
    return path


@pytest.fixture
def config(project: Path) -> Config:
    docs = project / "docs"
    for old in docs.iterdir():
        old.unlink()
    for n in range(1, 5):
        write_story(docs, n, language="de" if n == 4 else None)
    return load_config(project / "config.toml")


def _locs(root: etree._Element) -> list[str]:
    return [loc.text or "" for loc in root.iter(f"{SM}loc")]


def test_a_build_writes_valid_sitemaps_of_its_pages(
    config: Config, schema: etree.XMLSchema
) -> None:
    report = build(config, now=NOW)
    out = config.output_dir
    root = _valid(schema, (out / "sitemap.xml").read_bytes())
    pages = sorted(p.name for p in (out / "entries").iterdir())
    locs = _locs(root)
    # The index, then every entry page, each once.
    assert locs[0] == FEEDS
    assert sorted(loc.removeprefix(FEEDS + "entries/") for loc in locs[1:]) == pages
    by_link = {e.link: e for e in report.entries}
    for url in root.iter(f"{SM}url"):
        loc, lastmod = url.findtext(f"{SM}loc"), url.findtext(f"{SM}lastmod")
        assert lastmod is not None
        if loc in by_link:
            assert datetime.fromisoformat(lastmod) == by_link[loc].updated
    # The news sitemap: the stories of 3 and 4 January (now: 5 January, 08:00 UTC), newest
    # first, each with the publication's name, its language, date and title.
    news = _valid(schema, (out / "news-sitemap.xml").read_bytes())
    items = news.findall(f"{SM}url")
    assert [item.findtext(f"{NEWS}news/{NEWS}title") for item in items] == [
        "Story number 4 & more",
        "Story number 3 & more",
    ]
    first = items[0]
    assert first.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name") == "Test feed"
    assert first.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") == "de"
    assert items[1].findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") == "en"
    published = datetime.fromisoformat(first.findtext(f"{NEWS}news/{NEWS}publication_date") or "")
    assert published == datetime(2024, 1, 4, 9, tzinfo=UTC)
    assert set(_locs(news)) <= set(locs)


def test_sitemaps_are_byte_stable_and_follow_the_window(config: Config) -> None:
    out = config.output_dir
    build(config, now=NOW)
    first = (out / "sitemap.xml").read_bytes(), (out / "news-sitemap.xml").read_bytes()
    build(config, now=NOW + timedelta(minutes=5))
    assert ((out / "sitemap.xml").read_bytes(), (out / "news-sitemap.xml").read_bytes()) == first
    # A day on, nothing changed but time: story 3 has left the news window, story 4 not yet.
    build(config, now=NOW + timedelta(days=1))
    news = etree.fromstring((out / "news-sitemap.xml").read_bytes())
    assert len(news.findall(f"{SM}url")) == 1
    assert (out / "sitemap.xml").read_bytes() == first[0]
    # Three days on, nothing is recent: no news sitemap (an empty one is invalid).
    build(config, now=NOW + timedelta(days=3))
    assert not (out / "news-sitemap.xml").exists()
    # An edited story: its lastmod moves, the others' stay.
    story = config.input_dir / "story-001.md"
    story.write_text(story.read_text().replace("long enough", "quite long enough"))
    later = NOW + timedelta(days=4)
    build(config, now=later)
    root = etree.fromstring((out / "sitemap.xml").read_bytes())
    stamps = [url.findtext(f"{SM}lastmod") for url in root.iter(f"{SM}url")]
    assert stamps.count(later.isoformat(timespec="seconds")) == 2  # the page and the index
    before = etree.fromstring(first[0])
    assert len(set(stamps) & {u.findtext(f"{SM}lastmod") for u in before.iter(f"{SM}url")}) == 3


def test_no_site_no_sitemaps(config: Config) -> None:
    build(replace(config, site=False), now=NOW)
    assert not (config.output_dir / "sitemap.xml").exists()
    assert not (config.output_dir / "news-sitemap.xml").exists()


def test_past_a_part_a_sitemap_index_of_parts(
    config: Config, schema: etree.XMLSchema, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitemap_module, "PART_URLS", 3)
    made: list[list[str]] = []  # the pages of each part made, by the parts' first pages
    urlset = sitemap_module.sitemap_urlset

    def counted(pages: list[tuple[str, str | None]]) -> bytes:
        made.append([loc for loc, _ in pages])
        return urlset(pages)

    monkeypatch.setattr(sitemap_module, "sitemap_urlset", counted)
    docs, out = config.input_dir, config.output_dir
    for n in range(5, 8):
        write_story(docs, n)
    start = NOW + timedelta(days=5)  # every story published
    build(config, now=start)
    index = _valid(schema, (out / "sitemap.xml").read_bytes())
    assert index.tag == f"{SM}sitemapindex"
    assert _locs(index) == [f"{FEEDS}sitemap-{n}.xml" for n in (1, 2, 3)]
    parts = [_valid(schema, (out / f"sitemap-{n}.xml").read_bytes()) for n in (1, 2, 3)]
    # The index first, then the pages in archive order (here: by date), three a part.
    page = f"{FEEDS}entries/"
    listed = [_locs(part) for part in parts]
    assert listed[0][0] == FEEDS
    assert [len(locs) for locs in listed] == [4, 3, 1]
    every = [loc.removeprefix(page) for locs in listed for loc in locs]
    assert sorted(every[1:]) == sorted(p.name for p in (out / "entries").iterdir())
    # Each part's lastmod in the index is its newest page's.
    for sitemap, part in zip(index, parts, strict=True):
        assert sitemap.findtext(LASTMOD) == max(u.findtext(LASTMOD) or "" for u in part)
    first_parts = [locs[1] if n == 0 else locs[0] for n, locs in enumerate(listed)]
    # An edited story: its part and the first one (the index's lastmod moves) are made
    # again, the third is left as it is.
    made.clear()
    story = docs / "story-005.md"
    story.write_text(story.read_text().replace("long enough", "quite long enough"))
    later = start + timedelta(days=4)
    report = build(config, now=later)
    assert sorted(locs[1] if locs[0] == FEEDS else locs[0] for locs in made) == sorted(
        first_parts[:2]
    )
    assert out / "sitemap-3.xml" not in report.written
    index = _valid(schema, (out / "sitemap.xml").read_bytes())
    assert [s.findtext(LASTMOD) for s in index][:2] == [_stamp(later)] * 2
    # A part that no longer holds what was written (a run stopped after the state's commit,
    # a hand edit) is made again by the next build that changes anything.
    third = (out / "sitemap-3.xml").read_bytes()
    (out / "sitemap-3.xml").write_bytes(b"<urlset/>")
    write_story(docs, 8)
    build(config, now=later + timedelta(hours=1))
    assert (out / "sitemap-3.xml").read_bytes().startswith(third.removesuffix(b"</urlset>\n"))
    assert len(_locs(_valid(schema, (out / "sitemap-3.xml").read_bytes()))) == 2
    # Back within one part: one sitemap again, the parts removed.
    for n in range(4, 9):
        (docs / f"story-{n:03d}.md").unlink()
    build(config, now=later + timedelta(hours=2))
    root = _valid(schema, (out / "sitemap.xml").read_bytes())
    assert root.tag == f"{SM}urlset"
    assert len(_locs(root)) == 4
    assert not list(out.glob("sitemap-*.xml"))


def test_a_part_stays_inside_the_protocols_limits(schema: etree.XMLSchema) -> None:
    """A part's URLs of the longest a ``loc`` may be (2,048 characters) fit one file."""
    loc = FEEDS + "entries/" + "x" * (2048 - len(FEEDS) - len("entries/.html")) + ".html"
    assert len(loc) == 2048
    data = sitemap_urlset([(loc, _stamp(NOW))] * PART_URLS)
    assert PART_URLS <= MAX_URLS
    assert len(data) <= MAX_BYTES
    assert len(_locs(_valid(schema, data))) == PART_URLS


def test_news_past_a_thousand_articles(
    schema: etree.XMLSchema, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitemap_module, "NEWS_MAX_URLS", 2)
    items = [NewsItem(f"{FEEDS}entries/{n}.html", NOW, f"T{n}", "en") for n in range(5)]
    files = dict(news_sitemap_files(items, "Paper", FEEDS))
    assert sorted(files) == [
        "news-sitemap-1.xml",
        "news-sitemap-2.xml",
        "news-sitemap-3.xml",
        "news-sitemap.xml",
    ]
    _valid(schema, files["news-sitemap.xml"])
    for n in (1, 2, 3):
        _valid(schema, files[f"news-sitemap-{n}.xml"])


def test_urls_and_text_are_escaped(schema: etree.XMLSchema) -> None:
    pages = [("https://news.example.org/a b/é?x=1&y=2", NOW)]
    root = _valid(schema, sitemap_urlset([(loc, _stamp(when)) for loc, when in pages]))
    assert _locs(root) == ["https://news.example.org/a%20b/%C3%A9?x=1&y=2"]
    item = NewsItem(FEEDS + "e.html", NOW, "<b>Bold</b> \x00& co", "en")
    news = _valid(schema, news_sitemap_files([item], "A & B", FEEDS)[0][1])
    assert news.findtext(f"{SM}url/{NEWS}news/{NEWS}title") == "<b>Bold</b> & co"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("de-DE", "de"),
        ("zh", "zh-cn"),
        ("zh-Hans", "zh-cn"),
        ("zh-CN", "zh-cn"),
        ("zh-Hant", "zh-tw"),
        ("zh-TW", "zh-tw"),
        ("zh-Hant-HK", "zh-tw"),
        ("haw", "haw"),
        (None, None),
        ("", None),
        ("x-klingon", None),
    ],
)
def test_news_language(tag: str | None, expected: str | None) -> None:
    assert news_language(tag) == expected


def _kept_and_scanned(config: Config) -> tuple[object, list[list[int]]]:
    """The part times the state keeps, and what a scan of every stored entry gives."""
    with sqlite3.connect(config.state_path) as db:
        row = db.execute("SELECT value FROM settings WHERE name = 'sitemap_parts'").fetchone()
        scanned = db.execute(
            "SELECT COALESCE(seq, 0) / 3 AS part, MAX(updated) FROM documents"
            " WHERE published IS NOT NULL GROUP BY part ORDER BY part"
        ).fetchall()
    kept = json.loads(row[0])["parts"] if row else None
    return kept, [list(pair) for pair in scanned]


def test_the_part_times_kept_follow_every_change(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # sitemap.xml's index gives each part's newest time: kept in the state and looked at
    # again only in the parts a run changed, it must equal a scan of every entry after
    # edits, additions, deletions and renames, and the sitemap must be what a build from
    # nothing writes.
    monkeypatch.setattr(sitemap_module, "PART_URLS", 3)
    docs, out = config.input_dir, config.output_dir
    for n in range(5, 12):
        write_story(docs, n)
    when = NOW + timedelta(days=12)
    build(config, now=when)
    kept, scanned = _kept_and_scanned(config)
    assert kept == scanned
    assert len(scanned) == 4

    def edit(n: int) -> None:
        story = docs / f"story-{n:03d}.md"
        story.write_text(story.read_text().replace("long enough", "long enough again"))

    steps = [
        lambda: edit(2),  # an old story: its part, not the newest
        lambda: (docs / "story-006.md").unlink(),
        lambda: write_story(docs, 13),  # a new part
        lambda: (docs / "story-009.md").rename(docs / "story-909.md"),
        lambda: [(docs / f"story-{n:03d}.md").unlink() for n in (11, 13)],  # parts emptied
        lambda: edit(7),
    ]
    for number, step in enumerate(steps, 1):
        step()
        build(config, now=when + timedelta(hours=number))
        kept, scanned = _kept_and_scanned(config)
        assert kept == scanned, f"step {number}"
    fresh = replace(config, output_dir=config.output_dir.parent / "fresh")
    shutil.copytree(docs, fresh.output_dir.parent / "docs-copy")
    build(replace(fresh, input_dir=fresh.output_dir.parent / "docs-copy"), now=when)
    # (the fresh build numbers the archive anew: compare the index's times, not its order)
    assert sorted(_lastmods(out / "sitemap.xml")) == sorted(
        _lastmods(fresh.output_dir / "sitemap.xml")
    )


def _lastmods(path: Path) -> list[str]:
    return [node.text or "" for node in etree.parse(str(path)).iter(LASTMOD)]


def test_a_run_without_the_site_forgets_the_part_times(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A run that changes entries but writes no sitemap cannot keep the part times up to
    # date: it drops them, and the next run with the site scans every entry again.
    monkeypatch.setattr(sitemap_module, "PART_URLS", 3)
    docs = config.input_dir
    for n in range(5, 9):
        write_story(docs, n)
    build(config, now=NOW + timedelta(days=9))
    assert _kept_and_scanned(config)[0] is not None
    (docs / "story-005.md").unlink()
    build(replace(config, site=False), now=NOW + timedelta(days=9, hours=1))
    assert _kept_and_scanned(config)[0] is None
    build(config, now=NOW + timedelta(days=9, hours=2))
    kept, scanned = _kept_and_scanned(config)
    assert kept == scanned
