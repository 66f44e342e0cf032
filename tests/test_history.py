"""Complete history in every format: JSON Feed archive pages linked by ``next_url``, and
RFC 5005 complete feeds (``fh:complete``) when a feed holds every entry.

The W3C feed validator (https://github.com/w3c/feedvalidator: no PyPI release) checks the
Atom and RSS feeds where a checkout of it is beside this one (``../ext/feedvalidator``, or
the folder ``FEEDVALIDATOR`` names); a clean clone without it skips that one test.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from feedpub import build, load_config
from feedpub.check import check_feed
from feedpub.config import Config
from feedpub.errors import ConfigError

from .conftest import ROOT
from .test_publish import write_story

FEEDS = "https://news.example.org/feeds/"
FH = "{http://purl.org/syndication/history/1.0}"
ATOM = "{http://www.w3.org/2005/Atom}"
T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
def config(project: Path) -> Config:
    docs = project / "docs"
    for old in docs.iterdir():
        old.unlink()
    return replace(load_config(project / "config.toml"), max_entries=2, archive_size=2)


def _local(url: str, out: Path) -> Path:
    assert url.startswith(FEEDS)
    return out / url.removeprefix(FEEDS)


def _walk_json(out: Path) -> list[tuple[str, list[str]]]:
    """What a JSON Feed client following next_url from feed.json reads: (page, item ids)."""
    pages = []
    url: str | None = FEEDS + "feed.json"
    seen = set()
    while url is not None:
        assert url not in seen  # the spec: no next_url twice
        seen.add(url)
        data = _local(url, out).read_bytes()
        assert check_feed(data, "json") == []
        feed = json.loads(data)
        assert feed.get("next_url") != feed.get("feed_url")
        pages.append((url, [item["id"] for item in feed["items"]]))
        url = feed.get("next_url")
    return pages


def _all_ids(out: Path) -> set[str]:
    return {e.id for e in feedparser.parse((out / "atom.xml").read_bytes()).entries} | {
        e.id
        for page in out.glob("archive/*/atom.xml")
        for e in feedparser.parse(page.read_bytes()).entries
    }


def test_json_feed_archive_pages_hold_every_entry_once(config: Config) -> None:
    docs = config.input_dir
    for n in range(1, 8):
        write_story(docs, n)
    report = build(config, now=T0)
    out = config.output_dir
    # 7 entries, 2 per page: pages 1-3 full, the seventh waits in the subscription feed.
    assert sorted(p.parent.name for p in out.glob("archive/*/feed.json")) == ["1", "2", "3"]
    pages = _walk_json(out)
    assert [url for url, _ in pages] == [
        FEEDS + "feed.json",
        FEEDS + "archive/3/feed.json",
        FEEDS + "archive/2/feed.json",
        FEEDS + "archive/1/feed.json",
    ]
    archived = [item for _, ids in pages[1:] for item in ids]
    # Every entry on exactly one archive page, or waiting in the subscription feed alone;
    # the subscription feed's newest ones are on archive pages too (as in RFC 5005: the
    # same id, which a client keeps once).
    assert len(archived) == len(set(archived)) == 6
    waiting = set(pages[0][1]) - set(archived)
    assert len(waiting) == 1
    assert waiting <= {e.id for e in report.entries}
    assert set(archived) | waiting == _all_ids(out)
    # The same entries as the Atom archive page of the same number.
    for n in (1, 2, 3):
        atom = feedparser.parse((out / f"archive/{n}/atom.xml").read_bytes()).entries
        items = json.loads((out / f"archive/{n}/feed.json").read_bytes())["items"]
        assert {item["id"] for item in items} == {entry.id for entry in atom}
    # A new page leaves the published JSON pages as they were (each links only to the
    # page before it): only the subscription feed's next_url moves.
    before = {n: (out / f"archive/{n}/feed.json").read_bytes() for n in (1, 2, 3)}
    write_story(docs, 8)
    build(config, now=T0)
    assert {n: (out / f"archive/{n}/feed.json").read_bytes() for n in (1, 2, 3)} == before
    assert json.loads((out / "feed.json").read_bytes())["next_url"] == FEEDS + "archive/4/feed.json"
    walked = [i for _, ids in _walk_json(out)[1:] for i in ids]
    assert len(walked) == len(set(walked)) == 8


def test_no_archive_no_next_url(config: Config) -> None:
    write_story(config.input_dir, 1)
    write_story(config.input_dir, 2)
    write_story(config.input_dir, 3)
    build(replace(config, archive_size=0), now=T0)
    assert "next_url" not in json.loads((config.output_dir / "feed.json").read_bytes())
    assert not (config.output_dir / "archive").exists()


def test_max_entries_zero_is_a_complete_feed(config: Config) -> None:
    for n in range(1, 6):
        write_story(config.input_dir, n, section="World" if n % 2 else "Sport")
    config = replace(config, max_entries=0)
    report = build(config, now=T0)
    out = config.output_dir
    assert len(report.entries) == 5
    assert not (out / "archive").exists()  # a complete feed has no archive
    for relative in ("atom.xml", "rss.xml", "sections/world/atom.xml", "sections/sport/rss.xml"):
        data = (out / relative).read_bytes()
        assert check_feed(data, "atom" if relative.endswith("atom.xml") else "rss") == []
        root = etree.fromstring(data)
        head = root if root.tag == f"{ATOM}feed" else root.find("channel")
        assert head is not None
        assert head.find(f"{FH}complete") is not None
        assert head.find(f"{FH}archive") is None
        links = {el.get("rel") for el in head.iter(f"{ATOM}link")}
        assert not links & {"prev-archive", "next-archive"}
    assert len(feedparser.parse((out / "atom.xml").read_bytes()).entries) == 5
    assert len(feedparser.parse((out / "sections/world/atom.xml").read_bytes()).entries) == 3
    assert len(json.loads((out / "feed.json").read_bytes())["items"]) == 5
    # Back to a limit: no longer complete, archived again.
    build(replace(config, max_entries=2), now=T0)
    assert etree.fromstring((out / "atom.xml").read_bytes()).find(f"{FH}complete") is None
    assert (out / "archive/1/atom.xml").exists()


def test_a_limited_feed_is_not_complete(config: Config) -> None:
    write_story(config.input_dir, 1)
    build(replace(config, archive_size=0), now=T0)
    for name in ("atom.xml", "rss.xml"):
        assert b"fh:complete" not in (config.output_dir / name).read_bytes()


def test_max_entries_below_zero_is_an_error(write_config) -> None:  # type: ignore[no-untyped-def]
    from .conftest import CONFIG_TEMPLATE

    path = write_config(CONFIG_TEMPLATE + "max_entries = -1\n")
    with pytest.raises(ConfigError, match=r"output\.max_entries"):
        load_config(path)


def _feedvalidator() -> Path | None:
    named = os.environ.get("FEEDVALIDATOR")
    for folder in ([Path(named)] if named else []) + [ROOT.parent / "ext" / "feedvalidator"]:
        if (folder / "src" / "feedvalidator" / "__init__.py").exists():
            return folder / "src"
    return None


@pytest.mark.skipif(
    _feedvalidator() is None, reason="no W3C feedvalidator checkout beside this one"
)
def test_the_w3c_validator_accepts_complete_feeds_and_archives(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(_feedvalidator()))
    import feedvalidator  # type: ignore[import-not-found]
    from feedvalidator import compatibility  # type: ignore[import-not-found]

    for n in range(1, 6):
        write_story(config.input_dir, n)

    def problems(path: Path, url: str) -> list[str]:
        events = feedvalidator.validateString(path.read_bytes(), firstOccurrenceOnly=1, base=url)
        return [type(event).__name__ for event in compatibility.AA(events["loggedEvents"])]

    build(replace(config, max_entries=0), now=T0)
    for name in ("atom.xml", "rss.xml"):
        assert problems(config.output_dir / name, FEEDS + name) == []
    # It would say so of a complete feed that links an archive (RFC 5005 section 2).
    linked = config.output_dir / "linked.xml"
    data = (config.output_dir / "atom.xml").read_bytes()
    link = f'<link href="{FEEDS}archive/1/atom.xml" rel="prev-archive"/>'
    linked.write_bytes(data.replace(b"<entry", link.encode() + b"<entry", 1))
    assert problems(linked, FEEDS + "atom.xml") == ["FeedRelInCompleteFeed"]
    linked.unlink()
    build(config, now=T0)
    for name in ("atom.xml", "rss.xml", "archive/1/atom.xml", "archive/2/rss.xml"):
        assert problems(config.output_dir / name, FEEDS + name) == []
