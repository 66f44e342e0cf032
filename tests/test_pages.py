from __future__ import annotations

from pathlib import Path

import pytest

from feedpub.pages import interleaved

from .conftest import spy_on_workers


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (6, 2, "b a a a b a a a"),
        (4, 4, "b a b a b a b a"),
        (0, 3, "b b b"),
        (3, 0, "a a a"),
        (1, 3, "b a b b"),
    ],
)
def test_interleaved_spreads_each_kind_evenly_and_keeps_its_order(
    first: int, second: int, expected: str
) -> None:
    a = [f"a{n}" for n in range(first)]
    b = [f"b{n}" for n in range(second)]
    out = list(interleaved(a, first, b, second))
    assert " ".join(job[0] for job in out) == expected
    assert [job for job in out if job[0] == "a"] == a
    assert [job for job in out if job[0] == "b"] == b


@pytest.mark.parametrize(("first_count", "second_count"), [(9, 1), (1, 9), (0, 0), (3, 3)])
def test_interleaved_loses_nothing_when_the_counts_are_wrong(
    first_count: int, second_count: int
) -> None:
    a = [f"a{n}" for n in range(4)]
    b = [f"b{n}" for n in range(5)]
    out = list(interleaved(a, first_count, b, second_count))
    assert sorted(out) == sorted(a + b)
    assert [job for job in out if job[0] == "a"] == a


def test_an_archive_page_weighs_its_entries_in_every_format() -> None:
    from feedpub.model import FeedMeta
    from feedpub.pages import ARCHIVE_ENTRY_WEIGHT, ArchivePageJob, EntryPageJob, weight

    meta = FeedMeta("T", "urn:x", "https://t.example/", "A")
    page = ArchivePageJob("archive/1/", ("{}",) * 50, (("atom", meta), ("rss", meta)), None)
    assert weight(page) == 50 * 2 * ARCHIVE_ENTRY_WEIGHT
    assert weight(EntryPageJob("{}", meta, ())) == 1


def test_a_feeds_only_build_renders_a_big_archive_in_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No site (no entry pages): the archive pages alone are enough work for the workers.
    import feedpub.pages
    import feedpub.parallel
    from feedpub import build, load_config

    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(30):
        (docs / f"s{n:02d}.md").write_text(
            f"---\ntitle: Story {n}\ndate: 2024-03-{n % 28 + 1:02d} 10:00\n---\n\nBody {n}.\n",
            encoding="utf-8",
        )
    (tmp_path / "config.toml").write_text(
        '[feed]\ntitle = "T"\nsite_url = "https://t.example.org/"\nauthor = "T"\n'
        '[input]\nfolder = "docs"\n[output]\narchive_size = 5\nsite = false\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(feedpub.pages, "PARALLEL_MIN", 6 * 5 * 3 * 2)  # six pages, 3 formats
    monkeypatch.setattr(feedpub.parallel, "available_cpus", lambda: 2)
    seen = spy_on_workers(monkeypatch)
    build(load_config(tmp_path / "config.toml"))
    assert seen == [2]
    assert len(list((tmp_path / "public" / "archive").glob("*/atom.xml"))) == 6
    monkeypatch.setattr(feedpub.pages, "PARALLEL_MIN", 6 * 5 * 3 * 2 + 1)
    (tmp_path / "config.toml").write_text(
        (tmp_path / "config.toml").read_text("utf-8").replace('"T"', '"T2"'), "utf-8"
    )
    build(load_config(tmp_path / "config.toml"))
    assert seen == [2]  # one page's worth short: rendered here
    assert b"<title>T2</title>" in (tmp_path / "public" / "archive" / "6" / "atom.xml").read_bytes()
