from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from feedpub import ConfigError, build, load_config

from .conftest import SEED


def test_build_writes_both_feeds(project: Path) -> None:
    report = build(load_config(project / "config.toml"))
    assert report.ok
    out = project / "public"
    entry = report.entries[0]
    section = "sections/ukraine-and-russia-war/"
    assert {p.relative_to(out).as_posix() for p in report.written} == {
        "atom.xml", "rss.xml", "feed.json", "index.html", "feeds.opml", "feeds.html", "feed.css",
        "sitemap.xml", f"entries/{entry.key}.html",
        section + "atom.xml", section + "rss.xml", section + "feed.json",
    }  # fmt: skip
    assert len(report.entries) == 1
    atom = (project / "public" / "atom.xml").read_bytes()
    assert b"Putin returns to Belarus" in atom


def test_second_build_is_byte_identical_and_writes_nothing(project: Path) -> None:
    config = load_config(project / "config.toml")
    build(config)
    files = sorted((project / "public").rglob("*"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    report = build(config)
    assert report.written == ()
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    assert sorted((project / "public").rglob("*")) == files
    assert after == before


def test_bad_document_is_reported_and_others_published(project: Path) -> None:
    (project / "docs" / "broken.txt").write_text("42\n", encoding="utf-8")
    (project / "docs" / "empty.txt").write_bytes(b"")
    shutil.copy(SEED, project / "docs" / "second.txt")
    report = build(load_config(project / "config.toml"))
    assert sorted(e.source for e in report.errors) == ["broken.txt", "empty.txt"]
    assert len(report.entries) == 2
    assert (project / "public" / "rss.xml").exists()


def test_missing_input_folder_is_a_config_error(project: Path) -> None:
    shutil.rmtree(project / "docs")
    with pytest.raises(ConfigError, match="input folder"):
        build(load_config(project / "config.toml"))


def test_a_file_name_that_is_not_utf8_is_a_rejected_document(project: Path) -> None:
    """A document named in Latin-1 (`caf\\xe9.txt`, from an old share or a zip) crashed the
    whole build with a UnicodeEncodeError instead of being skipped like any bad document."""
    import os

    name = os.fsencode(project / "docs") + b"/caf\xe9.txt"
    shutil.copy(SEED, name)
    report = build(load_config(project / "config.toml"))
    (error,) = report.errors
    assert error.source == "caf\\xe9.txt"  # printable, as the bytes are written
    assert "file name is not valid UTF-8" in error.reason
    assert len(report.entries) == 1  # the seed is still published
    # And the next run says the same, without a crash either.
    (again,) = build(load_config(project / "config.toml")).errors
    assert again.source == error.source


def test_a_draft_is_neither_published_nor_an_error_until_it_is_finished(project: Path) -> None:
    draft = project / "docs" / "draft.md"
    body = "A paragraph of body text that is long enough to be the summary here.\n"
    draft.write_text(f"---\ntitle: Not yet\ndate: 2024-01-02\ndraft: true\n---\n\n{body}")
    config = load_config(project / "config.toml")
    report = build(config)
    assert report.ok
    assert [(d.source, d.line) for d in report.drafts] == [("draft.md", 4)]
    assert "Not yet" not in [e.title for e in report.entries]
    assert b"Not yet" not in (project / "public" / "atom.xml").read_bytes()
    draft.write_text(draft.read_text("utf-8").replace("draft: true", "draft: false"))
    report = build(config)
    assert report.drafts == ()
    assert "Not yet" in [e.title for e in report.entries]


def test_the_configured_feed_images_reach_every_feed(project: Path) -> None:
    path = project / "config.toml"
    path.write_text(
        path.read_text("utf-8").replace('language = "en"', 'language = "en"\nicon = "icon.png"'),
        "utf-8",
    )
    build(load_config(path))
    icon = b"https://news.example.org/icon.png"
    assert b"<icon>" + icon + b"</icon>" in (project / "public" / "atom.xml").read_bytes()
    section = project / "public" / "sections" / "ukraine-and-russia-war"
    assert b"<url>" + icon + b"</url>" in (section / "rss.xml").read_bytes()
    assert b'"favicon": "' + icon + b'"' in (project / "public" / "feed.json").read_bytes()
    assert (
        b'<link rel="icon" href="' + icon + b'">'
        in (project / "public" / "index.html").read_bytes()
    )


def test_tags_reach_the_feeds_and_survive_the_state(project: Path) -> None:
    body = "A paragraph of body text that is long enough to be the summary here.\n"
    (project / "docs" / "t.md").write_text(
        f"---\ntitle: Tagged\ndate: 2024-01-02\ntags: [Cycling, Council]\n---\n\n{body}"
    )
    config = load_config(project / "config.toml")
    first = build(config)
    (tagged,) = [e for e in first.entries if e.title == "Tagged"]
    assert tagged.tags == ("Cycling", "Council")
    assert b'<category term="Cycling"/>' in (project / "public" / "atom.xml").read_bytes()
    (project / "public" / "atom.xml").unlink()  # rendered again from the stored entries
    again = build(config)
    assert again.entries == first.entries
    assert b'<category term="Council"/>' in (project / "public" / "atom.xml").read_bytes()
