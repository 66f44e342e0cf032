"""The same story twice: documents with one canonical URL are one entry, the newest version."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest

from feedpub import build, load_config
from feedpub.cli import main
from feedpub.urls import canonical_url

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _post(folder: Path, name: str, title: str, url: str, date: str, body: str = "") -> Path:
    path = folder / name
    text = body or f"What {title} says, in a paragraph long enough to be the summary here."
    path.write_text(f"---\ntitle: {title}\nurl: {url}\ndate: {date}\n---\n\n{text}\n", "utf-8")
    return path


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://news.example.org/a/story", "https://news.example.org/a/story/"),
        ("https://news.example.org/a/story", "https://news.example.org/a/story#update-2"),
        ("https://news.example.org/a/story?id=4", "http://www.News.example.org:80/a/story?id=4"),
        (
            "https://news.example.org/a/story?id=4",
            "https://news.example.org/a/story?utm_source=rss&id=4&fbclid=x",
        ),
    ],
)
def test_the_spellings_of_one_url_are_one(one: str, other: str) -> None:
    assert canonical_url(one) == canonical_url(other) is not None


def test_different_pages_stay_apart() -> None:
    assert canonical_url("https://news.example.org/a?id=4") != canonical_url(
        "https://news.example.org/a?id=5"
    )
    assert canonical_url("mailto:desk@example.org") is None


def _feed_ids(project: Path) -> list[tuple[str, str]]:
    parsed = feedparser.parse((project / "public" / "atom.xml").read_bytes())
    assert not parsed.bozo
    return [(entry.id, entry.title) for entry in parsed.entries]


def test_a_reissued_story_is_one_entry_the_newest_version_with_the_first_id(
    project: Path,
) -> None:
    config = load_config(project / "config.toml")
    docs = project / "docs"
    url = "https://news.example.org/2026/03/story"
    _post(docs, "first.md", "Quake hits coast", url, "2026-03-01T10:00:00Z")
    first = build(config, now=T0)
    (original,) = [e for e in first.entries if e.link == url]
    # The scraper saves the updated story again, under another name and an #update URL.
    _post(docs, "second.md", "Quake hits coast, 40 dead", url + "#update", "2026-03-01T14:00:00Z")
    report = build(config, now=T0 + timedelta(hours=1))
    kept = [e for e in report.entries if e.link and canonical_url(e.link) == canonical_url(url)]
    assert [(e.id, e.title, e.source) for e in kept] == [
        (original.id, "Quake hits coast, 40 dead", "second.md")
    ]
    assert report.duplicates == (("first.md", "second.md"),)
    ids = _feed_ids(project)
    assert (original.id, "Quake hits coast, 40 dead") in ids
    assert len([i for i, _ in ids if i == original.id]) == 1
    # A run with nothing new reads neither copy again and writes nothing.
    assert build(config, now=T0 + timedelta(hours=2)).written == ()
    # The newest copy deleted: the other one is the entry again, with the same id, and no
    # tombstone (the story was not withdrawn).
    (docs / "second.md").unlink()
    report = build(config, now=T0 + timedelta(hours=3))
    kept = [e for e in report.entries if e.link and canonical_url(e.link) == canonical_url(url)]
    assert [(e.id, e.title) for e in kept] == [(original.id, "Quake hits coast")]
    assert report.duplicates == ()
    assert b"deleted-entry" not in (project / "public" / "atom.xml").read_bytes()


def test_an_older_copy_arriving_later_does_not_replace_the_newer(project: Path) -> None:
    config = load_config(project / "config.toml")
    docs = project / "docs"
    url = "https://news.example.org/story?id=7"
    _post(docs, "new.md", "Version two", url, "2026-03-01T14:00:00Z")
    (entry,) = [e for e in build(config, now=T0).entries if e.link == url]
    _post(docs, "old.md", "Version one", url + "&utm_medium=social", "2026-03-01T10:00:00Z")
    report = build(config, now=T0 + timedelta(hours=1))
    kept = [e for e in report.entries if e.link and canonical_url(e.link) == canonical_url(url)]
    assert [(e.id, e.title) for e in kept] == [(entry.id, "Version two")]
    assert report.duplicates == (("old.md", "new.md"),)


def test_build_v_names_the_copies_left_out(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = project / "docs"
    _post(docs, "a.md", "One story", "https://news.example.org/s", "2026-03-01T10:00:00Z")
    _post(docs, "b.md", "One story again", "https://news.example.org/s/", "2026-03-01T11:00:00Z")
    assert main(["build", "-v", "--config", str(project / "config.toml")]) == 0
    err = capsys.readouterr().err
    assert "a.md: the same story as b.md" in err
    config = str(project / "config.toml")
    assert main(["inspect", "--config", config, str(docs / "a.md")]) == 0
    assert "the same story as b.md: the last build published that copy" in capsys.readouterr().out
    assert main(["inspect", "--config", config, str(docs / "b.md")]) == 0
    assert "the same story as a.md: the last build published this copy" in capsys.readouterr().out


STORY = (
    "The regional council voted on Tuesday to close the old harbour bridge to lorries after "
    "engineers found cracks in two of its supports. Cars and buses may still cross while the "
    "repairs are planned, the council said, and a ferry will carry freight from next week. "
    "Traders on the north bank fear the detour will cost them customers during the busy "
    "season, and their association asked for the work to start before the summer."
)


def _text(folder: Path, name: str, title: str, body: str, url: str | None = None) -> None:
    front = f"title: {title}\ndate: 2026-03-01T{10 + len(name) % 9:02d}:00:00Z\n"
    if url:
        front += f"url: {url}\n"
    (folder / name).write_text(f"---\n{front}---\n\n{body}\n", "utf-8")


def test_sketches_tell_alike_texts_from_different_ones() -> None:
    from feedpub.similar import similarity, sketch

    edited = STORY.replace("next week", "next Monday")
    assert similarity(sketch(STORY), sketch(edited)) >= 0.8
    other = "A completely different story about a football match and the goals scored in it. " * 3
    assert similarity(sketch(STORY), sketch(other)) < 0.2
    assert sketch("Too short to say anything.") == ()


@pytest.mark.parametrize("similarity", [0.0, 0.8])
def test_near_identical_texts_at_two_urls_are_one_story_with_dedupe_similarity(
    project: Path, similarity: float
) -> None:
    path = project / "config.toml"
    path.write_text(path.read_text("utf-8") + f"\n[dedupe]\nsimilarity = {similarity}\n")
    config = load_config(path)
    docs = project / "docs"
    _text(docs, "wire.md", "Bridge closed to lorries", STORY, "https://wire.example.com/1")
    edited = STORY.replace("next week", "next Monday") + " The vote was unanimous."
    _text(docs, "paper.md", "Harbour bridge shut to lorries", edited, "https://paper.example/b")
    report = build(config, now=T0)
    titles = sorted(e.title for e in report.entries if "ridge" in e.title)
    if similarity:
        assert len(titles) == 1
        assert len(report.duplicates) == 1
    else:
        assert titles == ["Bridge closed to lorries", "Harbour bridge shut to lorries"]
        assert report.duplicates == ()


def test_the_bench_measures_the_cost_of_similarity(tmp_path: Path) -> None:
    import sys

    from .conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import dedupe

    result = dedupe.bench(20, tmp_path, repeat=1)
    assert result["full_on_s"] > 0
    assert result["full_off_s"] > 0
    assert result["collapsed_on"] == 2  # a tenth of twenty saved twice
    assert result["entries_on"] == result["entries_off"] - 2
