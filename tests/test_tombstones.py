"""Deleted and retracted entries: RFC 6721 tombstones in Atom, a withdrawn page, 410 Gone."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from feedpub import Retracted, build, load_config
from feedpub.check import check_feed
from feedpub.config import Config
from feedpub.ping import Ping, Pinger, PingResult
from feedpub.serve import make_server

from .conftest import ATOM_RNG, SHARED_ATOM_RNG, running
from .test_history import _feedvalidator

AT = "{http://purl.org/atompub/tombstones/1.0}"
ATOM = "{http://www.w3.org/2005/Atom}"
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
BODY = "A paragraph of body text that is long enough to be the summary of this story.\n"


def _post(folder: Path, name: str, title: str, date: str, extra: str = "") -> Path:
    path = folder / name
    front = f"title: {title}\ndate: {date}\n{extra}"
    path.write_text(f"---\n{front}---\n\n{BODY}", encoding="utf-8")
    return path


class _Recorder(Pinger):
    """Takes the pings a build sends, as a hub that accepts them all would."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[Ping] = []

    def send_all(self, pings: Iterable[Ping]) -> list[PingResult]:
        pings = list(pings)
        self.sent += pings
        return [PingResult(ping, True, 1, "202") for ping in pings]


def _with_output(project: Path, setting: str) -> Config:
    """The project's configuration with ``setting`` added to its [output] table."""
    path = project / "config.toml"
    text = path.read_text("utf-8").replace('folder = "public"', f'folder = "public"\n{setting}')
    path.write_text(text, "utf-8")
    return load_config(path)


def _tombstones(atom: bytes) -> list[etree._Element]:
    return etree.fromstring(atom).findall(f"{AT}deleted-entry")


@pytest.fixture
def published(project: Path) -> tuple[Path, str]:
    """The project with a story built into its feeds; the story's entry id."""
    _post(project / "docs", "story.md", "Story to withdraw", "2026-03-01T10:00:00Z")
    report = build(load_config(project / "config.toml"), now=T0)
    (entry,) = [e for e in report.entries if e.title == "Story to withdraw"]
    return project, entry.id


def test_a_deleted_document_leaves_a_tombstone_readers_and_the_schema_see(
    published: tuple[Path, str],
) -> None:
    project, entry_id = published
    config = replace(load_config(project / "config.toml"), hubs=("http://127.0.0.1:9/hub",))
    (project / "docs" / "story.md").unlink()
    pinger = _Recorder()
    deleted_at = T0 + timedelta(hours=1)
    report = build(config, now=deleted_at, pinger=pinger)
    assert report.ok
    public = project / "public"
    atom = (public / "atom.xml").read_bytes()
    (tombstone,) = _tombstones(atom)
    assert tombstone.get("ref") == entry_id
    assert tombstone.get("when") == "2026-03-02T09:00:00+00:00"
    assert tombstone.find(f"{AT}comment") is None
    # RFC 4287's schema takes it (an extension element), and so does feedpub's own check.
    schema = etree.RelaxNG(etree.parse(str(ATOM_RNG)))
    assert schema.validate(etree.fromstring(atom)), schema.error_log
    check_feed(atom, "atom")
    # The feed's updated time says it changed when the entry was withdrawn.
    assert etree.fromstring(atom).findtext(f"{ATOM}updated") == "2026-03-02T09:00:00+00:00"
    # feedparser reads the feed without complaint and without the entry. It knows no RFC
    # 6721, but keeps a feed-level element of a declared namespace as ``prefix_name`` with
    # its attributes: the deletion is there for a reader built on it (the last one only,
    # when there are several).
    parsed = feedparser.parse(atom)
    assert not parsed.bozo
    assert entry_id not in [e.id for e in parsed.entries]
    assert parsed.namespaces["at"] == "http://purl.org/atompub/tombstones/1.0"
    assert parsed.feed["at_deleted-entry"] == {"ref": entry_id, "when": "2026-03-02T09:00:00+00:00"}
    for name in ("rss.xml", "feed.json"):
        assert b"Story to withdraw" not in (public / name).read_bytes()
    # The change is pinged like any other.
    assert "https://news.example.org/feeds/atom.xml" in [p.topic for p in pinger.sent]


def test_the_entry_page_says_it_was_withdrawn_and_serve_answers_410(
    published: tuple[Path, str],
) -> None:
    project, _ = published
    config = load_config(project / "config.toml")
    pages = sorted((project / "public" / "entries").glob("*.html"))
    (page,) = [p for p in pages if b"Story to withdraw" in p.read_bytes()]
    (project / "docs" / "story.md").unlink()
    build(config, now=T0 + timedelta(hours=1))
    text = page.read_text("utf-8")
    assert "This article was withdrawn" in text
    assert BODY.strip() not in text
    with running(make_server(config, "127.0.0.1", 0)) as base:
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"{base}entries/{page.name}", timeout=60)
        assert caught.value.code == 410
        assert b"This article was withdrawn" in caught.value.read()
        with urllib.request.urlopen(f"{base}atom.xml", timeout=60) as answer:
            assert answer.status == 200


def test_a_retracted_document_keeps_its_file_and_its_reason_reaches_the_feed(
    published: tuple[Path, str],
) -> None:
    project, entry_id = published
    config = load_config(project / "config.toml")
    extra = "retracted: true\nretraction_reason: The quotes in it could not be verified.\n"
    _post(project / "docs", "story.md", "Story to withdraw", "2026-03-01T10:00:00Z", extra)
    report = build(config, now=T0 + timedelta(hours=2))
    assert report.ok
    (retracted,) = [d for d in report.drafts if isinstance(d, Retracted)]
    assert retracted.comment == "The quotes in it could not be verified."
    atom = (project / "public" / "atom.xml").read_bytes()
    (tombstone,) = _tombstones(atom)
    assert tombstone.get("ref") == entry_id
    assert tombstone.findtext(f"{AT}comment") == "The quotes in it could not be verified."
    parsed = feedparser.parse(atom)
    assert entry_id not in [e.id for e in parsed.entries]
    assert parsed.feed["at_deleted-entry"]["ref"] == entry_id
    assert parsed.feed["at_comment"] == "The quotes in it could not be verified."
    # Another run changes nothing: the withdrawal keeps its first time.
    assert build(config, now=T0 + timedelta(hours=3)).written == ()
    # Taken back: the entry returns with its id, the tombstone goes.
    _post(project / "docs", "story.md", "Story to withdraw", "2026-03-01T10:00:00Z")
    build(config, now=T0 + timedelta(hours=4))
    atom = (project / "public" / "atom.xml").read_bytes()
    assert _tombstones(atom) == []
    assert entry_id in [e.id for e in feedparser.parse(atom).entries]


def test_retracted_with_the_reason_as_its_value(project: Path) -> None:
    config = load_config(project / "config.toml")
    post = _post(project / "docs", "s.md", "Short-lived", "2026-03-01T10:00:00Z")
    build(config, now=T0)
    _post(project / "docs", "s.md", "Short-lived", "2026-03-01", "retracted: Published in error\n")
    build(config, now=T0 + timedelta(hours=1))
    (tombstone,) = _tombstones((project / "public" / "atom.xml").read_bytes())
    assert tombstone.findtext(f"{AT}comment") == "Published in error"
    # Never published, then retracted: nothing to withdraw, no tombstone.
    post.unlink()
    _post(project / "docs", "n.md", "Never out", "2026-03-01T11:00:00Z", "retracted: true\n")
    build(config, now=T0 + timedelta(hours=2))
    atom = (project / "public" / "atom.xml").read_bytes()
    assert len(_tombstones(atom)) == 1  # the first one's, for s.md
    assert b"Never out" not in atom


def test_a_renamed_document_is_no_withdrawal(published: tuple[Path, str]) -> None:
    project, entry_id = published
    docs = project / "docs"
    (docs / "story.md").rename(docs / "renamed.md")
    report = build(load_config(project / "config.toml"), now=T0 + timedelta(hours=1))
    assert entry_id in [e.id for e in report.entries]
    assert _tombstones((project / "public" / "atom.xml").read_bytes()) == []


def test_a_tombstone_stays_as_long_as_the_entry_would_have(project: Path) -> None:
    config = _with_output(project, "max_entries = 3")
    docs = project / "docs"
    for name in (p.name for p in docs.iterdir()):
        (docs / name).unlink()
    _post(docs, "a.md", "Story A", "2026-03-01T08:00:00Z")
    _post(docs, "b.md", "Story B", "2026-03-01T09:00:00Z")
    build(config, now=T0)
    (docs / "a.md").unlink()
    build(config, now=T0 + timedelta(hours=1))
    atom = project / "public" / "atom.xml"
    assert len(_tombstones(atom.read_bytes())) == 1  # A would still be in a feed of three
    _post(docs, "c.md", "Story C", "2026-03-01T10:00:00Z")
    build(config, now=T0 + timedelta(hours=2))
    assert len(_tombstones(atom.read_bytes())) == 1  # A, B and C: A would be there
    _post(docs, "d.md", "Story D", "2026-03-01T11:00:00Z")
    build(config, now=T0 + timedelta(hours=3))
    assert _tombstones(atom.read_bytes()) == []  # B, C and D: A would have left by now


def _schema_checks(atom: bytes) -> None:
    """RFC 4287's RELAX NG schema (feedpub's copy, and ../shared's where it is beside the
    checkout) and feedpub's own checks, as the W3C validator's."""
    for rng in (ATOM_RNG, SHARED_ATOM_RNG):
        if rng.is_file():
            schema = etree.RelaxNG(etree.parse(str(rng)))
            assert schema.validate(etree.fromstring(atom)), schema.error_log
    check_feed(atom, "atom")


def test_every_atom_feed_the_entry_was_in_names_it(project: Path) -> None:
    # Section, author and tag feeds: a subscriber of one learns of the withdrawal too.
    config = _with_output(project, "tag_feeds = true")
    docs = project / "docs"
    tagged = "section: World\nauthor: Ann Lee\ntags: [Climate, Rivers]\n"
    _post(docs, "gone.md", "Story to withdraw", "2026-03-01T10:00:00Z", tagged)
    _post(docs, "stays.md", "Story that stays", "2026-03-01T09:00:00Z", tagged)
    _post(docs, "other.md", "Elsewhere", "2026-03-01T08:00:00Z", "section: Sport\n")
    report = build(config, now=T0)
    (entry,) = [e for e in report.entries if e.title == "Story to withdraw"]
    public = project / "public"
    group_feeds = ["sections/world", "authors/ann-lee", "tags/climate", "tags/rivers"]
    for folder in group_feeds:
        assert entry.id in [e.id for e in feedparser.parse(public / folder / "atom.xml").entries]
    extra = tagged + "retracted: true\nretraction_reason: Not verified.\n"
    _post(docs, "gone.md", "Story to withdraw", "2026-03-01T10:00:00Z", extra)
    assert build(config, now=T0 + timedelta(hours=1)).ok
    for folder in ["", *(f + "/" for f in group_feeds)]:
        atom = (public / f"{folder}atom.xml").read_bytes()
        (tombstone,) = _tombstones(atom)
        assert tombstone.get("ref") == entry.id, folder
        assert tombstone.get("when") == "2026-03-02T09:00:00+00:00"
        assert tombstone.findtext(f"{AT}comment") == "Not verified."
        _schema_checks(atom)
        parsed = feedparser.parse(atom)
        assert not parsed.bozo
        assert parsed.feed["at_deleted-entry"]["ref"] == entry.id
        titles = [e.title for e in parsed.entries]
        assert "Story that stays" in titles
        assert "Story to withdraw" not in titles
        # The feed's updated time says it changed then.
        assert etree.fromstring(atom).findtext(f"{ATOM}updated") == "2026-03-02T09:00:00+00:00"
        # RSS 2.0 and JSON Feed 1.1 have no tombstone: the item just leaves them.
        for name in ("rss.xml", "feed.json"):
            assert b"Story to withdraw" not in (public / f"{folder}{name}").read_bytes()
    # A feed it was never in says nothing of it.
    assert _tombstones((public / "sections" / "sport" / "atom.xml").read_bytes()) == []
    # Taken back: every feed has it again, and no tombstone.
    _post(docs, "gone.md", "Story to withdraw", "2026-03-01T10:00:00Z", tagged)
    build(config, now=T0 + timedelta(hours=2))
    for folder in group_feeds:
        atom = (public / folder / "atom.xml").read_bytes()
        assert _tombstones(atom) == []
        assert entry.id in [e.id for e in feedparser.parse(atom).entries]


def test_a_section_feed_names_it_as_long_as_it_would_have_held_it(project: Path) -> None:
    config = _with_output(project, "max_entries = 3")
    docs = project / "docs"
    _post(docs, "a.md", "Story A", "2026-03-01T08:00:00Z", "section: World\n")
    _post(docs, "b.md", "Story B", "2026-03-01T09:00:00Z", "section: World\n")
    build(config, now=T0)
    (docs / "a.md").unlink()
    build(config, now=T0 + timedelta(hours=1))
    world = project / "public" / "sections" / "world" / "atom.xml"
    assert len(_tombstones(world.read_bytes())) == 1  # A would still be in a feed of three
    _post(docs, "c.md", "Story C", "2026-03-01T10:00:00Z", "section: World\n")
    build(config, now=T0 + timedelta(hours=2))
    assert len(_tombstones(world.read_bytes())) == 1  # A, B and C: A would be there
    _post(docs, "d.md", "Story D", "2026-03-01T11:00:00Z", "section: World\n")
    build(config, now=T0 + timedelta(hours=3))
    assert _tombstones(world.read_bytes()) == []  # B, C and D: A would have left by now


@pytest.mark.skipif(
    _feedvalidator() is None, reason="no W3C feedvalidator checkout beside this one"
)
def test_the_w3c_validator_takes_the_tombstones_in_a_section_and_author_feed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(_feedvalidator()))
    import feedvalidator  # type: ignore[import-not-found]
    from feedvalidator import compatibility  # type: ignore[import-not-found]

    config = load_config(project / "config.toml")
    docs = project / "docs"
    grouped = "section: World\nauthor: Ann Lee\n"
    _post(docs, "gone.md", "Story to withdraw", "2026-03-01T10:00:00Z", grouped)
    _post(docs, "stays.md", "Story that stays", "2026-03-01T09:00:00Z", grouped)
    build(config, now=T0)
    (docs / "gone.md").unlink()
    build(config, now=T0 + timedelta(hours=1))
    for name in ("atom.xml", "sections/world/atom.xml", "authors/ann-lee/atom.xml"):
        data = (project / "public" / name).read_bytes()
        assert len(_tombstones(data)) == 1, name
        url = "https://news.example.org/feeds/" + name
        events = feedvalidator.validateString(data, firstOccurrenceOnly=1, base=url)
        found = [type(e).__name__ for e in compatibility.AA(events["loggedEvents"])]
        # Only that it does not know RFC 6721's namespace, as of the main feed.
        assert found == ["UnknownNamespace"], name


@pytest.mark.parametrize("how", ["deleted", "retracted"])
def test_a_feed_whose_last_entry_is_withdrawn_stays_and_names_it(project: Path, how: str) -> None:
    # Its subscribers learn of the withdrawal as the main feed's do, not from a 404.
    config = _with_output(project, "tag_feeds = true")
    docs = project / "docs"
    alone = "section: World\nauthor: Ann Lee\ntags: [Climate]\n"
    _post(docs, "gone.md", "Story to withdraw", "2026-03-01T10:00:00Z", alone)
    report = build(config, now=T0)
    (entry,) = [e for e in report.entries if e.title == "Story to withdraw"]
    public = project / "public"
    group_feeds = ["sections/world", "authors/ann-lee", "tags/climate"]
    feed_ids = {}
    for folder in group_feeds:
        parsed = feedparser.parse(public / folder / "atom.xml")
        assert entry.id in [e.id for e in parsed.entries]
        feed_ids[folder] = parsed.feed["id"]
    if how == "deleted":
        (docs / "gone.md").unlink()
    else:
        _post(
            docs,
            "gone.md",
            "Story to withdraw",
            "2026-03-01T10:00:00Z",
            alone + "retracted: true\n",
        )
    report = build(config, now=T0 + timedelta(hours=1))
    assert report.ok
    for folder in group_feeds:
        atom = (public / folder / "atom.xml").read_bytes()
        (tombstone,) = _tombstones(atom)
        assert tombstone.get("ref") == entry.id, folder
        assert tombstone.get("when") == "2026-03-02T09:00:00+00:00"
        _schema_checks(atom)
        parsed = feedparser.parse(atom)
        assert not parsed.bozo
        assert parsed.entries == []
        assert parsed.feed["at_deleted-entry"]["ref"] == entry.id
        assert parsed.feed["id"] == feed_ids[folder]  # the same feed, now empty
        for name in ("rss.xml", "feed.json"):
            data = (public / folder / name).read_bytes()
            assert b"Story to withdraw" not in data
            assert check_feed(data, "rss" if name == "rss.xml" else "json") == []
        # Nothing left to subscribe to: no longer in the lists of feeds.
        assert f"{folder}/".encode() not in (public / "feeds.opml").read_bytes()
        assert f"{folder}/".encode() not in (public / "feeds.html").read_bytes()
    # The next run changes nothing; taken back, the entry is in them again, without tombstone.
    assert build(config, now=T0 + timedelta(hours=2)).written == ()
    _post(docs, "gone.md", "Story to withdraw", "2026-03-01T10:00:00Z", alone)
    build(config, now=T0 + timedelta(hours=3))
    for folder in group_feeds:
        atom = (public / folder / "atom.xml").read_bytes()
        assert _tombstones(atom) == []
        assert entry.id in [e.id for e in feedparser.parse(atom).entries]
        assert f"{folder}/".encode() in (public / "feeds.opml").read_bytes()


def test_an_archive_page_names_the_entry_withdrawn_from_it(project: Path) -> None:
    # RFC 5005: a reader walking the archive meets the tombstone where the entry was; one
    # that fetched that page before does not fetch it again, so the subscription feed
    # names it too, for as long as an entry published at the withdrawal would stay there.
    config = replace(load_config(project / "config.toml"), max_entries=2, archive_size=2)
    docs = project / "docs"
    for name in (p.name for p in docs.iterdir()):
        (docs / name).unlink()
    for hour, name in enumerate("abcde", start=8):
        _post(docs, f"{name}.md", f"Story {name.upper()}", f"2026-03-01T{hour:02}:00:00Z")
    build(config, now=T0)
    public = project / "public"
    first, second = public / "archive" / "1", public / "archive" / "2"
    ids = {e.title: e.id for e in feedparser.parse(first / "atom.xml").entries}
    assert sorted(ids) == ["Story A", "Story B"]
    second_bytes = {name: (second / name).read_bytes() for name in ("atom.xml", "rss.xml")}
    (docs / "a.md").unlink()
    assert build(config, now=T0 + timedelta(hours=1)).ok
    page = (first / "atom.xml").read_bytes()
    (tombstone,) = _tombstones(page)
    assert tombstone.get("ref") == ids["Story A"]
    assert tombstone.get("when") == "2026-03-02T09:00:00+00:00"
    _schema_checks(page)
    parsed = feedparser.parse(page)
    assert not parsed.bozo
    assert [e.title for e in parsed.entries] == ["Story B"]
    assert parsed.feed["at_deleted-entry"]["ref"] == ids["Story A"]
    # Still an archive page (fh:archive), still linked as it was.
    assert (
        etree.fromstring(page).find("{http://purl.org/syndication/history/1.0}archive") is not None
    )
    # RSS and JSON Feed pages just lose the item.
    for name in ("rss.xml", "feed.json"):
        assert b"Story A" not in (first / name).read_bytes()
    # The page it was not on does not change.
    assert {name: (second / name).read_bytes() for name in second_bytes} == second_bytes
    # The subscription feed says so too, to the readers that have the page already.
    atom = (public / "atom.xml").read_bytes()
    assert [t.get("ref") for t in _tombstones(atom)] == [ids["Story A"]]
    _schema_checks(atom)
    assert feedparser.parse(atom).feed["at_deleted-entry"]["ref"] == ids["Story A"]
    # Two entries published after the withdrawal: it leaves the subscription feed, not the
    # archive page.
    _post(docs, "f.md", "Story F", "2026-03-02T10:00:00Z")
    _post(docs, "g.md", "Story G", "2026-03-02T11:00:00Z")
    build(config, now=T0 + timedelta(hours=4))
    assert _tombstones((public / "atom.xml").read_bytes()) == []
    assert [t.get("ref") for t in _tombstones((first / "atom.xml").read_bytes())] == [
        ids["Story A"]
    ]
    # Taken back: it is an entry again (on a page of its own time), and no page names it.
    _post(docs, "a.md", "Story A", "2026-03-01T08:00:00Z")
    build(config, now=T0 + timedelta(hours=5))
    assert _tombstones((first / "atom.xml").read_bytes()) == []
    assert _tombstones((public / "atom.xml").read_bytes()) == []
