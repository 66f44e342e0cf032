from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import string
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import feedpub.pipeline
import feedpub.state
from feedpub import build, load_config
from feedpub.config import Config
from feedpub.state import MIGRATIONS, LockError, StateStore, entry_from_json, locked

from .conftest import SEED

T0 = datetime(2024, 12, 1, 9, 0, tzinfo=UTC)
UNDATED = (
    "Taylor Daily Press\n\nA story without a date | Economy\n\n"
    "The body of a story that names no date at all, long enough to count.\n"
)


@pytest.fixture
def config(project: Path) -> Config:
    return load_config(project / "config.toml")


def _count_normalise(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = feedpub.pipeline._normalise

    def counting(config, document, first_seen):  # type: ignore[no-untyped-def]
        calls.append(document.source)
        return real(config, document, first_seen)

    monkeypatch.setattr(feedpub.pipeline, "_normalise", counting)
    return calls


def test_state_file_is_next_to_the_output(config: Config) -> None:
    build(config, now=T0)
    assert config.state_path == config.output_dir.parent / ".public.feedpub.sqlite"
    with sqlite3.connect(config.state_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        (count,) = db.execute("SELECT count(*) FROM documents").fetchone()
    assert count == 1


def test_unchanged_documents_are_not_parsed_again(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_normalise(monkeypatch)
    first = build(config, now=T0)
    assert calls == [SEED.name]
    second = build(config, now=T0 + timedelta(hours=1))
    assert calls == [SEED.name]
    assert second.written == ()
    assert second.entries == first.entries
    # A touch without an edit re-reads the file but does not parse it.
    os.utime(config.input_dir / SEED.name, (1, 1))
    build(config, now=T0 + timedelta(hours=2))
    assert calls == [SEED.name]


def test_settings_change_parses_again(config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_normalise(monkeypatch)
    build(config, now=T0)

    report = build(replace(config, timezone="UTC"), now=T0)
    assert len(calls) == 2
    assert report.entries[0].published.isoformat() == "2024-11-23T00:00:00+00:00"


def test_entries_cached_by_an_older_feedpub_are_made_again(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An upgrade that fills a new Entry field (ENTRY_VERSION) must not serve cached entries
    # without it: every document is parsed again, and then never again.
    calls = _count_normalise(monkeypatch)
    build(config, now=T0)
    monkeypatch.setattr(feedpub.pipeline, "ENTRY_VERSION", feedpub.pipeline.ENTRY_VERSION + 1)
    build(config, now=T0)
    build(config, now=T0)
    assert calls == [SEED.name, SEED.name]


def test_rename_keeps_the_id(config: Config) -> None:
    first = build(config, now=T0).entries[0]
    (config.input_dir / SEED.name).rename(config.input_dir / "renamed.txt")
    after = build(config, now=T0 + timedelta(days=1)).entries
    assert [e.source for e in after] == ["renamed.txt"]
    assert after[0].id == first.id
    assert after[0].updated == first.updated


def test_edit_keeps_the_id_with_a_new_updated(config: Config) -> None:
    first = build(config, now=T0).entries[0]
    path = config.input_dir / SEED.name
    path.write_text(path.read_text("utf-8") + "\nA new closing paragraph.\n", "utf-8")
    edited_at = T0 + timedelta(days=2)
    report = build(config, now=edited_at)
    entry = report.entries[0]
    assert entry.id == first.id
    assert entry.published == first.published
    assert entry.updated == edited_at
    assert "A new closing paragraph." in entry.content_html
    written = {p.name for p in report.written}
    assert {"atom.xml", "rss.xml", "feed.json", f"{entry.key}.html"} <= written
    # The updated time is stored: a later no-op run writes the same bytes.
    assert build(config, now=edited_at + timedelta(days=1)).written == ()


def test_deleted_document_leaves_the_feed(config: Config) -> None:
    shutil.copy(SEED, config.input_dir / "second.txt")
    assert len(build(config, now=T0).entries) == 2
    (config.input_dir / "second.txt").unlink()
    report = build(config, now=T0)
    assert [e.source for e in report.entries] == [SEED.name]
    assert (config.output_dir / "atom.xml").read_bytes().count(b"<entry") == 1
    assert report.written


def test_undated_document_keeps_its_first_seen_date(config: Config) -> None:
    (config.input_dir / "undated.txt").write_text(UNDATED, encoding="utf-8")
    first = build(config, now=T0)
    assert first.errors == ()
    entry = next(e for e in first.entries if e.source == "undated.txt")
    assert entry.published == T0
    later = build(config, now=T0 + timedelta(days=5))
    assert next(e for e in later.entries if e.source == "undated.txt").published == T0
    assert later.written == ()


def test_broken_edit_is_rejected_and_fixed_later(config: Config) -> None:
    path = config.input_dir / SEED.name
    good = path.read_text("utf-8")
    first = build(config, now=T0).entries[0]
    path.write_text("42\n", "utf-8")
    broken = build(config, now=T0)
    assert [e.source for e in broken.errors] == [SEED.name]
    assert broken.entries == ()
    path.write_text(good, "utf-8")
    fixed = build(config, now=T0)
    assert fixed.errors == ()
    assert fixed.entries[0].id == first.id


def test_lock_is_exclusive(tmp_path: Path) -> None:
    lock = tmp_path / "state.lock"
    with (
        locked(lock, timeout=0),
        pytest.raises(LockError, match="another feedpub run"),
        locked(lock, timeout=0.1),
    ):
        pass
    with locked(lock, timeout=0):
        pass  # released when the holder left


def test_overlapping_run_exits_with_its_own_code(config: Config, project: Path) -> None:
    config_path = project / "config.toml"
    config_path.write_text(
        config_path.read_text("utf-8") + "\n[state]\nlock_timeout = 0.2\n", "utf-8"
    )
    assert config.state_path is not None
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from feedpub.state import locked\n"
            "with locked(Path(sys.argv[1]), 5):\n"
            "    print('held', flush=True); time.sleep(30)",
            str(config.state_path) + ".lock",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        result = subprocess.run(
            [sys.executable, "-m", "feedpub", "build", "--config", str(config_path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 3
        assert "another feedpub run holds" in result.stderr
        assert not (project / "public" / "atom.xml").exists()
    finally:
        holder.kill()
        holder.communicate()
    done = subprocess.run(
        [sys.executable, "-m", "feedpub", "build", "-q", "--config", str(config_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_killed_runs_leave_good_output_and_a_usable_state(project: Path) -> None:
    import random
    import signal
    import time

    from lxml import etree

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import corpus

    docs = project / "docs"
    corpus.write_corpus(docs, 150, seed=3)
    config_path = project / "config.toml"
    command = [sys.executable, "-m", "feedpub", "build", "-q", "--config", str(config_path)]
    assert subprocess.run(command, timeout=120).returncode == 0
    atom = project / "public" / "atom.xml"
    good = atom.read_bytes()
    rng = random.Random(5)
    for round_ in range(6):
        # Change a few documents so each run has real work to be killed in the middle of.
        for path in rng.sample(sorted(docs.iterdir()), 20):
            path.write_text(path.read_text("utf-8") + f"\nRound {round_} addendum.\n", "utf-8")
        process = subprocess.Popen(command)
        time.sleep(rng.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        current = atom.read_bytes()
        etree.fromstring(current)  # always a whole feed: the old one or the new one
        assert current == good or b"addendum" in current
        good = current
    final = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    # What a killed run left half-written is swept by the next run.
    assert not [p for p in (project / "public").rglob("*") if p.name.endswith(".tmp")]
    assert not (project / "public" / ".feedpub-writing").exists()
    report = build(load_config(config_path))
    assert report.errors == ()
    assert report.written == ()
    assert len(report.entries) == 50


def test_entries_are_looked_up_by_key_through_an_index(config: Config) -> None:
    # Without the index every lookup of a batch of keys scans the table: a first build that
    # renders every entry page took time quadratic in the number of documents.
    build(config, now=T0)
    assert config.state_path is not None
    with sqlite3.connect(config.state_path) as db:
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT entry FROM documents JOIN entries USING (source)"
            " WHERE published IS NOT NULL AND key IN (?, ?) ORDER BY key",
            ("a", "b"),
        ).fetchall()
    assert any("USING COVERING INDEX documents_key" in row[-1] for row in plan), plan
    assert not any("TEMP B-TREE" in row[-1] for row in plan), plan  # no sort of the entries


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("SELECT key FROM documents WHERE published IS NOT NULL", "documents_key"),
        (
            "SELECT DISTINCT section FROM documents"
            " WHERE published IS NOT NULL AND section IS NOT NULL ORDER BY 1",
            "documents_section",
        ),
    ],
)
def test_what_every_run_scans_comes_from_an_index_alone(
    config: Config, query: str, index: str
) -> None:
    # What entry_keys and groups ask: from a covering index, so their cost is that of the
    # rows' few columns, whatever the entries hold. (document_stats reads the documents'
    # rows, as small since schema 10, and no run with a settled listing asks it.)
    build(config, now=T0)
    assert config.state_path is not None
    with sqlite3.connect(config.state_path) as db:
        plan = db.execute(f"EXPLAIN QUERY PLAN {query}").fetchall()
    assert any(f"USING COVERING INDEX {index}" in row[-1] for row in plan), plan


def test_entries_are_stored_compressed_apart_from_the_documents(config: Config) -> None:
    report = build(config, now=T0)
    assert config.state_path is not None
    with sqlite3.connect(config.state_path) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(documents)")]
        ((source, blob),) = db.execute("SELECT source, entry FROM entries").fetchall()
    assert "entry" not in columns
    assert source == SEED.name
    # zlib with the store's preset dictionary (RFC 1950's FDICT).
    text = zlib.decompressobj(zdict=feedpub.state._ENTRY_DICTIONARY).decompress(blob).decode()
    stored = entry_from_json(text)
    # The feeds' entries link to their pages (published with the site): the rest as stored.
    assert replace(stored, link=report.entries[0].link) == report.entries[0]
    assert len(blob) < len(text.encode()) / 2


def _utc_text(value: int | None) -> str | None:
    """An entry's time as schema 13 and older stored it (UTC text)."""
    if value is None:
        return None
    return feedpub.state._utc_text(feedpub.state._from_instant(value))


def _as_schema_9(new: Path, old: Path) -> None:
    """A copy of the state ``new`` as feedpub wrote it before schema 10: each entry's JSON in
    its document's row (with the first author in ``author``), the same rows elsewhere."""
    db = sqlite3.connect(old)
    for number, migration in enumerate(MIGRATIONS[:9]):
        db.executescript(migration)
        db.execute(f"PRAGMA user_version={number + 1}")
    db.create_function("unzlib", 1, lambda data: data and feedpub.state._unpack(data))
    db.create_function("utc_text", 1, _utc_text)
    db.execute("ATTACH DATABASE ? AS new", (str(new),))
    db.executescript(
        """
        INSERT INTO documents (source, size, mtime_ns, sha256, key, first_seen, published,
                entry, seq, section, author, updated)
            SELECT d.source, size, mtime_ns, lower(hex(sha256)), key, first_seen,
                utc_text(published), unzlib(e.entry), seq, section,
                json_extract(unzlib(e.entry), '$.authors[0]'), utc_text(updated)
            FROM new.documents AS d LEFT JOIN new.entries AS e USING (source);
        INSERT INTO authors SELECT source, name, utc_text(published) FROM new.authors;
        INSERT INTO tags SELECT source, key, name, utc_text(published) FROM new.tags;
        INSERT INTO outputs SELECT path, lower(hex(sha256)) FROM new.outputs ORDER BY path;
        INSERT OR REPLACE INTO settings SELECT * FROM new.settings;
        INSERT INTO pings SELECT * FROM new.pings;
        """
    )
    db.commit()
    db.execute("DETACH DATABASE new")
    db.close()


def test_a_schema_9_state_is_carried_over_whole(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Schema 10 moved the entries out of the documents' rows: a state written before it
    # keeps every document, entry, stamp, archive place and output, so the next run parses
    # nothing and writes nothing.
    (config.input_dir / "tagged.md").write_text(
        "---\ntitle: Tagged\ndate: 2024-02-03\nauthors: [Ana Gómez, Bo Li]\n"
        "tags: [Climate, Rivers]\nsection: Science\n---\n\nA body, long enough to count.\n",
        "utf-8",
    )
    (config.input_dir / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nBody\n", "utf-8")
    first = build(config, now=T0)
    assert len(first.errors) == 1
    assert config.state_path is not None
    with StateStore.open(config.state_path) as state:
        records = state.documents()
        entries = [state.newest_entries(10), state.newest_entries(10, tag="climate")]
        groups = [state.groups(column) for column in ("section", "author", "tag")]
        times = state.stored_times("tagged.md")
        outputs = state.output_hashes()
        settings = {name: state.setting(name) for name in ("next_seq", "settings", "rendered")}
    assert "Science" in groups[0]
    assert groups[1:] == [["Ana Gómez", "Bo Li"], ["Climate", "Rivers"]]
    old = config.state_path.with_name("old.sqlite")
    _as_schema_9(config.state_path, old)
    for path in config.state_path.parent.glob(config.state_path.name + "*"):
        path.unlink()
    old.rename(config.state_path)
    with StateStore.open(config.state_path) as state:
        assert state.documents() == records
        assert [state.newest_entries(10), state.newest_entries(10, tag="climate")] == entries
        assert [state.groups(column) for column in ("section", "author", "tag")] == groups
        assert state.stored_times("tagged.md") == times
        assert state.output_hashes() == outputs
        assert {name: state.setting(name) for name in settings} == settings
    with sqlite3.connect(config.state_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    calls = _count_normalise(monkeypatch)
    again = build(config, now=T0 + timedelta(hours=1))
    assert calls == ["broken.md"]  # its rejection from before schema 15 is not remembered
    assert again.written == ()
    assert again.entries == first.entries


def test_a_state_from_before_the_rejections_remembers_from_then_on(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Schema 15 adds the rejections: a state of 14 keeps everything, parses its rejected
    # document once more (nothing was remembered of it), and from then on says its error
    # without parsing it.
    before = next(n for n, sql in enumerate(MIGRATIONS) if "CREATE TABLE rejections" in sql)
    (config.input_dir / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nBody\n", "utf-8")
    first = build(config, now=T0)
    assert config.state_path is not None
    with sqlite3.connect(config.state_path) as db:
        assert db.execute("SELECT source FROM rejections").fetchall() == [("broken.md",)]
        db.execute("DROP TABLE rejections")
        db.execute("DROP TABLE tombstone_groups")  # schema 16's
        db.execute(f"PRAGMA user_version={before}")
    with StateStore.open(config.state_path) as state:
        assert state.rejections(["broken.md"]) == {}
    with sqlite3.connect(config.state_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    calls = _count_normalise(monkeypatch)
    again = build(config, now=T0 + timedelta(hours=1))
    assert calls == ["broken.md"]
    assert [str(e) for e in again.errors] == [str(e) for e in first.errors]
    assert again.written == ()
    calls.clear()
    third = build(config, now=T0 + timedelta(hours=2))
    assert calls == []
    assert [str(e) for e in third.errors] == [str(e) for e in first.errors]


def test_entry_texts_with_keys_come_in_key_order(config: Config) -> None:
    from feedpub.state import StateStore, entry_from_json

    for n in range(12):
        (config.input_dir / f"extra-{n:02d}.md").write_text(
            f"---\ntitle: Extra {n}\ndate: 2024-02-{n + 1:02d}\n---\n\nBody {n}.\n", "utf-8"
        )
    build(config, now=T0)
    assert config.state_path is not None
    with StateStore.open(config.state_path) as state:
        keys = sorted(state.entry_keys())
        found = [entry_from_json(t).key for t in state.entry_texts_with_keys(keys)]
    assert found == keys
    assert len(keys) == 13


def test_runs_killed_while_workers_render_the_pages_leave_whole_files(project: Path) -> None:
    import random
    import signal
    import time

    from lxml import etree

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import corpus

    corpus.write_corpus(project / "docs", 400, seed=4)
    config_path = project / "config.toml"
    base_config = config_path.read_text("utf-8")
    # Every page goes to two worker processes, however few there are.
    script = (
        "import sys, feedpub.pages, feedpub.parallel\n"
        "feedpub.pages.PARALLEL_MIN = 1\n"
        "feedpub.parallel.available_cpus = lambda: 2\n"
        "from feedpub.cli import main\n"
        "sys.exit(main(['build', '-q', '--config', sys.argv[1]]))\n"
    )
    command = [sys.executable, "-c", script, str(config_path)]
    assert subprocess.run(command, timeout=120).returncode == 0
    out = project / "public"
    rng = random.Random(11)
    for round_ in range(4):
        # A new feed title: every page is rendered again, in the workers.
        retitled = base_config.replace('title = "Test feed"', f'title = "Round {round_}"')
        assert retitled != base_config
        config_path.write_text(retitled, "utf-8")
        process = subprocess.Popen(command)
        # Killed while it writes: once the marker is there, within the time pages take.
        deadline = time.monotonic() + 60
        while not (out / ".feedpub-writing").exists() and process.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.15))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for page in out.glob("archive/*/*.xml"):
            etree.fromstring(page.read_bytes())  # a whole feed, old or new
        for page in out.glob("entries/*.html"):
            assert page.read_bytes().endswith(b"</html>\n"), page
    # Whether a kill landed while pages were written depends on the machine's speed, so it is
    # not asserted here: tests/test_publish_crash.py kills a build at every write in turn.
    final = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    # What the killed runs left is what a run from scratch writes.
    fresh = project / "fresh"
    fresh_config = fresh / "config.toml"
    fresh.mkdir()
    fresh_config.write_text(
        config_path.read_text("utf-8").replace('folder = "docs"', f'folder = "{project / "docs"}"'),
        "utf-8",
    )
    assert subprocess.run([*command[:3], str(fresh_config)], timeout=120).returncode == 0
    for page in sorted(p for p in out.rglob("*") if p.is_file()):
        assert page.read_bytes() == (fresh / "public" / page.relative_to(out)).read_bytes(), page


def test_a_store_of_single_authors_is_carried_over(tmp_path: Path) -> None:
    # A state file written before entries had several authors (schema 5, ENTRY_VERSION 4).
    path = tmp_path / "state.sqlite"
    db = sqlite3.connect(path)
    for number, migration in enumerate(MIGRATIONS[:5]):
        db.executescript(migration)
        db.execute(f"PRAGMA user_version={number + 1}")
    old = {
        "id": "urn:x", "key": "k", "title": "T", "published": "2024-01-02T00:00:00+00:00",
        "updated": "2024-01-02T00:00:00+00:00", "summary": "s", "content_html": "<p>s</p>",
        "source": "a.md", "link": None, "section": None, "publisher": None,
        "author": "Ana Gómez", "language": None, "image": None, "tags": [],
    }  # fmt: skip
    db.execute(
        "INSERT INTO documents VALUES ('a.md', 1, 1, 'h', 'k', '2024-01-02T00:00:00+00:00',"
        " '2024-01-02T00:00:00.000000', ?, 0, NULL, 'Ana Gómez')",
        (json.dumps(old),),
    )
    db.commit()
    db.close()
    with StateStore.open(path) as state:
        assert state.groups("author") == ["Ana Gómez"]
        (entry,) = state.newest_entries(10, author="Ana Gómez")
        assert entry.authors == ("Ana Gómez",)
        assert entry.author == "Ana Gómez"
        assert entry_from_json(json.dumps({**old, "author": None})).authors == ()


def test_an_edits_updated_survives_parsing_everything_again(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(config, now=T0)
    path = config.input_dir / SEED.name
    path.write_text(path.read_text("utf-8") + "\nA new closing paragraph.\n", "utf-8")
    edited_at = T0 + timedelta(days=2, microseconds=503333)
    entry = build(config, now=edited_at).entries[0]
    # Whole seconds, in the configured zone (Europe/Brussels), like the rest.
    assert entry.updated.isoformat() == "2024-12-03T10:00:00+01:00"
    # An upgrade parses every document again: the edit's time stands.
    monkeypatch.setattr(feedpub.pipeline, "ENTRY_VERSION", feedpub.pipeline.ENTRY_VERSION + 1)
    again = build(config, now=edited_at + timedelta(days=3)).entries[0]
    assert again.updated == entry.updated
    atom = (config.output_dir / "atom.xml").read_text("utf-8")
    assert "<updated>2024-12-03T10:00:00+01:00</updated>" in atom


def _dated(docs: Path, name: str, day: str) -> None:
    (docs / name).write_text(
        f"---\ntitle: Story {name}\ndate: {day}\n---\n\nThe body of {name}, long enough.\n",
        encoding="utf-8",
    )


def test_articles_of_one_day_without_a_time_get_distinct_stable_stamps(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = config.input_dir
    (docs / SEED.name).unlink()
    for name in ("b.md", "a.md", "c.md"):
        _dated(docs, name, "2024-03-05")
    _dated(docs, "other-day.md", "2024-03-06")

    def stamps(report: feedpub.Report) -> dict[str, str]:
        return {e.source: e.published.isoformat() for e in report.entries}

    first = stamps(build(config, now=T0))
    # Seen in one run: in the order of their paths; midnight first, one second apart.
    assert first == {
        "a.md": "2024-03-05T00:00:00+01:00",
        "b.md": "2024-03-05T00:00:01+01:00",
        "c.md": "2024-03-05T00:00:02+01:00",
        "other-day.md": "2024-03-06T00:00:00+01:00",
    }
    updated = {e.source: e.updated for e in build(config, now=T0).entries}
    assert len(set(updated.values())) == 4  # what the W3C validator asks of atom:updated
    # One goes, one comes later: the others keep their stamps, the new one comes after.
    (docs / "a.md").unlink()
    _dated(docs, "d.md", "2024-03-05")
    later = stamps(build(config, now=T0 + timedelta(days=1)))
    assert later == {**{k: v for k, v in first.items() if k != "a.md"},
                     "d.md": "2024-03-05T00:00:03+01:00"}  # fmt: skip
    # Parsing everything again (an upgrade) changes none of them.
    monkeypatch.setattr(feedpub.pipeline, "ENTRY_VERSION", feedpub.pipeline.ENTRY_VERSION + 1)
    assert stamps(build(config, now=T0 + timedelta(days=2))) == later


def _as_schema_13(new: Path, old: Path) -> None:
    """A copy of the state ``new`` as feedpub wrote it before schema 14: SHA-256 digests in
    hex, the outputs in a table with a row id, entries packed without the dictionary, in
    pages of 4 KiB."""
    db = sqlite3.connect(old)
    db.execute("PRAGMA page_size=4096")
    db.create_function("zlib", 1, feedpub.state._zlib_sql)
    for number, migration in enumerate(MIGRATIONS[:13]):
        db.executescript(migration)
        db.execute(f"PRAGMA user_version={number + 1}")
    db.create_function(
        "repack", 1, lambda data: zlib.compress(feedpub.state._unpack(data).encode())
    )
    db.create_function("utc_text", 1, _utc_text)
    db.execute("ATTACH DATABASE ? AS new", (str(new),))
    db.executescript(
        """
        INSERT INTO documents (source, size, mtime_ns, sha256, key, first_seen, published,
                seq, section, updated)
            SELECT source, size, mtime_ns, lower(hex(sha256)), key, first_seen,
                utc_text(published), seq, section, utc_text(updated) FROM new.documents;
        INSERT INTO entries SELECT source, repack(entry) FROM new.entries;
        INSERT INTO authors SELECT source, name, utc_text(published) FROM new.authors;
        INSERT INTO tags SELECT source, key, name, utc_text(published) FROM new.tags;
        INSERT INTO outputs SELECT path, lower(hex(sha256)) FROM new.outputs ORDER BY path;
        INSERT OR REPLACE INTO settings SELECT * FROM new.settings;
        """
    )
    db.commit()
    db.execute("DETACH DATABASE new")
    db.close()


def test_a_schema_13_state_is_carried_over_whole_and_compacted(config: Config) -> None:
    # Schema 14 keeps the digests as bytes and the outputs without a row id, and packs the
    # entries with a preset dictionary: a state written before keeps every document, entry
    # and output hash (the old entries read as they were packed), and the next run parses
    # nothing and writes nothing.
    (config.input_dir / "tagged.md").write_text(
        "---\ntitle: Tagged\ndate: 2024-02-03\nauthors: [Ana Gómez]\ntags: [Climate]\n---\n\n"
        "A body, long enough to count.\n",
        "utf-8",
    )
    build(config, now=T0)
    assert config.state_path is not None
    with StateStore.open(config.state_path) as state:
        records = state.documents()
        entries = state.newest_entries(10)
        outputs = state.output_hashes()
    assert all(len(record.sha256) == 64 for record in records.values())
    assert len(outputs) > 5
    assert all(len(sha) == 64 for sha in outputs.values())
    old = config.state_path.with_name("old.sqlite")
    _as_schema_13(config.state_path, old)
    with sqlite3.connect(old) as db:
        assert db.execute("PRAGMA page_size").fetchone()[0] == 4096
        (stored,) = db.execute("SELECT entry FROM entries LIMIT 1").fetchone()
        assert zlib.decompress(stored)  # packed without the dictionary
    for path in config.state_path.parent.glob(config.state_path.name + "*"):
        path.unlink()
    old.rename(config.state_path)
    with StateStore.open(config.state_path) as state:
        assert state.documents() == records
        assert state.newest_entries(10) == entries
        assert state.output_hashes() == outputs
    with sqlite3.connect(config.state_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("PRAGMA page_size").fetchone()[0] == feedpub.state.PAGE_SIZE
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert {type(sha) for (sha,) in db.execute("SELECT sha256 FROM outputs")} == {bytes}
        assert {len(sha) for (sha,) in db.execute("SELECT sha256 FROM documents")} == {32}
        times = db.execute("SELECT DISTINCT typeof(published), typeof(updated) FROM documents")
        assert times.fetchall() == [("integer", "integer")]
        assert db.execute("SELECT DISTINCT typeof(published) FROM authors").fetchall() == [
            ("integer",)
        ]
    report = build(config, now=T0)
    assert report.written == ()
    # An entry stored again is packed with the dictionary, and reads back the same.
    assert feedpub.state._unpack(feedpub.state._pack("{}")) == "{}"
    with pytest.raises(zlib.error):
        zlib.decompress(feedpub.state._pack('{"authors": []}'))


def test_a_full_state_database_is_a_build_error_naming_the_file(tmp_path: Path) -> None:
    # SQLite rolls the transaction back itself when the disk is full, and with it the
    # temporary table that numbers new documents: the error was "no such table: new_order".
    from feedpub.errors import BuildError
    from feedpub.state import StateStore

    def number_on_a_full_disk(path: Path) -> None:
        with StateStore.open(path) as state:
            db = state._db
            db.executemany(
                "INSERT INTO documents (source, size, mtime_ns, sha256, key, first_seen,"
                " published) VALUES (?, 1, 1, ?, ?, '2024-01-01', ?)",
                [(f"d{n}", "0" * 64, f"k{n}", "2024-01-01T00:00:00.000000") for n in range(2000)],
            )
            state.commit()
            (pages,) = db.execute("PRAGMA page_count").fetchone()
            db.execute(f"PRAGMA max_page_count = {pages}")  # as full as a full disk
            state.assign_seqs()

    with pytest.raises(BuildError, match=r"state\.sqlite: database or disk is full$"):
        number_on_a_full_disk(tmp_path / "state.sqlite")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A file system of 2 MiB (an empty state takes 0.2 MiB in its 8 KiB pages, its WAL as
    much again), mounted for the test (it runs as root)."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root and mount(8)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_full_disk_while_sqlite_writes_keeps_the_old_feeds(
    project: Path, small_disk: Path
) -> None:
    import random

    config_path = project / "config.toml"
    text = config_path.read_text("utf-8").replace('folder = "public"', 'folder = "small/public"')
    config_path.write_text(text, "utf-8")
    assert small_disk == project / "small"  # the state goes beside the output: on it too
    command = [sys.executable, "-m", "feedpub", "build", "-q", "--config", str(config_path)]
    assert subprocess.run(command, timeout=120).returncode == 0
    out = small_disk / "public"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # Documents whose cached entries cannot fit in what is left of the disk, compressed
    # (random letters and digits: a quarter smaller at best) and more than SQLite keeps in
    # memory before it writes (2 MB).
    rng = random.Random(7)
    docs = project / "docs"
    letters = string.ascii_letters + string.digits
    for n in range(60):
        words = " ".join("".join(rng.choices(letters, k=10)) for _ in range(5000))
        (docs / f"big-{n:02d}.md").write_text(
            f"---\ntitle: Big {n}\ndate: 2024-02-01\n---\n\n{words}\n", "utf-8"
        )
    full = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert full.returncode == 2
    assert full.stderr.count("\n") == 1, full.stderr  # one line, no traceback
    assert full.stderr.startswith("feedpub: error: cannot write the state file ")
    assert full.stderr.endswith(": database or disk is full\n")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    # Room again: the next run publishes, as if the full disk had never been.
    for path in docs.glob("big-*.md"):
        path.unlink()
    (docs / "small.md").write_text("---\ntitle: Small\ndate: 2024-02-02\n---\n\nText.\n", "utf-8")
    assert subprocess.run(command, timeout=120).returncode == 0
    assert b"Small" in (out / "atom.xml").read_bytes()


def test_schema_17_keeps_the_outputs_relative_to_the_output_folder(config: Config) -> None:
    # The outputs' paths were absolute (schema 16 and older): the first run that opens such
    # a state with its output folder makes those in it relative; another folder's stay as
    # they are (forgotten, never removed, by the next run that renders everything).
    build(config, now=T0)
    assert config.state_path is not None
    folder = str(config.output_dir)
    with sqlite3.connect(config.state_path) as db:
        stored = sorted(path for (path,) in db.execute("SELECT path FROM outputs"))
    assert "atom.xml" in stored
    assert not [path for path in stored if path.startswith("/")]
    with feedpub.state.open_state(config) as state:
        whole = state.output_hashes()
    assert sorted(whole) == sorted(f"{folder}/{path}" for path in stored)
    # As schema 16 left it: every path whole, one of another folder's.
    with sqlite3.connect(config.state_path) as db:
        db.execute("UPDATE outputs SET path = ? || path", (folder + "/",))
        db.execute("INSERT INTO outputs VALUES ('/elsewhere/atom.xml', x'00')")
        db.execute("DELETE FROM settings WHERE name = 'outputs_absolute'")
        db.execute(f"PRAGMA user_version={len(MIGRATIONS) - 1}")
    with feedpub.state.open_state(config) as state:
        assert state.output_hashes() == {**whole, "/elsewhere/atom.xml": "00"}
        state.commit()
    with sqlite3.connect(config.state_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        again = sorted(path for (path,) in db.execute("SELECT path FROM outputs"))
        marker = "SELECT value FROM settings WHERE name = 'outputs_absolute'"
        assert db.execute(marker).fetchall() == []
    assert again == sorted([*stored, "/elsewhere/atom.xml"])
    report = build(config, now=T0)
    assert report.written == ()


# The tables that grow with the documents (a run that reads one of them whole costs more
# the more documents there are).
_GROWING = re.compile(r"SCAN (documents|entries|outputs|authors|tags|sketches|sketch_keys)\b")


def _scans_of_a_run(config: Config, monkeypatch: pytest.MonkeyPatch, now: datetime) -> set[str]:
    """The statements of one build whose query plan reads a growing table (or one of its
    indexes) whole."""
    statements: list[str] = []
    connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        db = connect(*args, **kwargs)  # type: ignore[arg-type]
        db.set_trace_callback(statements.append)
        return db

    with monkeypatch.context() as patch:
        patch.setattr(feedpub.state.sqlite3, "connect", traced)
        build(config, now=now)
    scans = set()
    with sqlite3.connect(config.state_path) as db:
        for sql in dict.fromkeys(statements):
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
            if any(_GROWING.match(step) for step in plan):
                scans.add(" ".join(sql.split()))
    return scans


def test_the_per_run_queries_read_no_whole_table(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A no-op run, and one that changed a document among many, read the tables that grow
    # with the documents through their indexes: an index added for one query must not turn
    # another into a scan (one did, for the part times of the sitemap, now kept instead).
    from feedpub import sitemap

    monkeypatch.setattr(sitemap, "PART_URLS", 3)
    docs = config.input_dir
    for n in range(1, 10):
        (docs / f"story-{n}.md").write_text(
            f"---\ntitle: Story {n}\ndate: 2024-11-{n:02d} 10:00:00\nauthor: Ann Author\n"
            f"tags: [one, two]\n---\n\nThe body of story {n}, long enough to be a summary.\n",
            encoding="utf-8",
        )
    build(config, now=T0)
    story = docs / "story-3.md"
    story.write_text(story.read_text().replace("long enough", "quite long enough"))
    build(config, now=T0 + timedelta(hours=1))  # (the part times kept from here on)
    build(config, now=T0 + timedelta(hours=2))
    # Left in a no-op: the recorded hashes of the top-level files, picked out of every
    # output's (0.05 s at 100,000 documents; SQLite's order of text is not every PostgreSQL
    # collation's, so no range of paths is asked for).
    top = (
        "SELECT path, sha256 FROM outputs WHERE substr(path, 1, CAST(0 AS INTEGER)) = ''"
        " AND instr(substr(path, CAST(1 AS INTEGER)), '/') = 0 ORDER BY path"
    )
    assert _scans_of_a_run(config, monkeypatch, T0 + timedelta(hours=3)) == {top}
    story.write_text(story.read_text().replace("quite long", "long"))
    # And in a run that changed one document: the count of the documents (is the listing
    # settled?) and the authors' names, each from its smallest index (5 and 8 ms at 100,000
    # documents), and the recorded hashes of the files outside the entry pages and the
    # archive, as above.
    assert _scans_of_a_run(config, monkeypatch, T0 + timedelta(hours=4)) == {
        "SELECT COUNT(*) FROM documents",
        "SELECT DISTINCT name FROM authors ORDER BY 1",
        "SELECT path, sha256 FROM outputs WHERE 1 = 1"
        " AND substr(path, 1, CAST(8 AS INTEGER)) <> 'entries/'"
        " AND substr(path, 1, CAST(8 AS INTEGER)) <> 'archive/'",
    }
