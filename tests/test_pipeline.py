from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from feedpub import Config, ConfigError, Report, build, load_config
from feedpub.pipeline import _Job
from feedpub.state import DocumentRecord, open_state

from .conftest import CONFIG_TEMPLATE, SEED


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


def _counting_normaliser(monkeypatch: pytest.MonkeyPatch, slow: set[str]) -> list[str]:
    """``pipeline._normalise`` counting its calls (sources), with the documents in ``slow``
    running out of the time limit (what ``limits.time_limit`` raises in them)."""
    import feedpub.pipeline
    from feedpub.limits import TimedOut

    calls: list[str] = []
    real = feedpub.pipeline._normalise

    def counting(config, document, first_seen):  # type: ignore[no-untyped-def]
        calls.append(document.source)
        if document.source in slow:
            raise TimedOut
        return real(config, document, first_seen)

    monkeypatch.setattr(feedpub.pipeline, "_normalise", counting)
    return calls


def test_a_rejection_is_said_again_without_parsing_until_the_file_or_code_changes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    from dataclasses import replace

    import feedpub.pipeline

    docs = project / "docs"
    shutil.copy(SEED, docs / "slow.txt")
    (docs / "bad.md").write_text("---\ntitle: [unclosed\n---\n\nBody\n", "utf-8")
    (docs / "draft.md").write_text("---\ntitle: Later\ndraft: true\n---\n\nBody.\n", "utf-8")
    config = load_config(project / "config.toml")
    calls = _counting_normaliser(monkeypatch, {"slow.txt"})
    first = build(config)
    assert sorted(calls) == sorted([SEED.name, "slow.txt", "bad.md", "draft.md"])
    said = [str(error) for error in first.errors]
    assert "slow.txt: not read within input.time_limit (30 s): left out" in said
    assert any(line.startswith("bad.md:") for line in said)
    assert [draft.source for draft in first.drafts] == ["draft.md"]
    assert first.repeated == frozenset()

    # The next run: the same errors, each file and reason, and no document parsed.
    calls.clear()
    again = build(config)
    assert calls == []
    assert [str(error) for error in again.errors] == said
    assert [type(error) for error in again.errors] == [type(error) for error in first.errors]
    assert [(e.line, e.reason) for e in again.errors] == [(e.line, e.reason) for e in first.errors]
    assert [str(draft) for draft in again.drafts] == [str(draft) for draft in first.drafts]
    assert again.repeated == {"slow.txt", "bad.md", "draft.md"}
    assert again.entries == first.entries

    # Settled, rejections and all: the next run reads no file, size or time, and says the
    # same (a hundred thousand documents and one draft were read again on every run).
    from feedpub.state import StateStore

    def unread(*args: object) -> None:
        raise AssertionError("a settled run read the documents' sizes and times")

    real_records = StateStore.records

    def no_records(store: StateStore, sources: Iterable[str]) -> dict[str, object]:
        sources = list(sources)
        assert sources == [], "a settled run read documents"
        return real_records(store, sources)  # type: ignore[return-value]

    with monkeypatch.context() as patch:
        patch.setattr(StateStore, "document_stats", unread)
        patch.setattr(StateStore, "records", no_records)
        settled = build(config)
    assert calls == []
    assert [str(error) for error in settled.errors] == said
    assert [type(error) for error in settled.errors] == [type(e) for e in first.errors]
    assert [(e.line, e.reason) for e in settled.errors] == [
        (e.line, e.reason) for e in first.errors
    ]
    assert [str(draft) for draft in settled.drafts] == [str(draft) for draft in first.drafts]
    assert settled.repeated == again.repeated
    assert settled.entries == first.entries

    # Touched (new time, same bytes): still not parsed.
    os.utime(docs / "slow.txt", ns=(1, 1))
    calls.clear()
    assert [str(error) for error in build(config).errors] == said
    assert calls == []

    # feedpub's code changed (another stamp of its modules): parsed again, once.
    monkeypatch.setattr(feedpub.pipeline, "code_stamp", lambda: [("changed.py", 1, 1)])
    calls.clear()
    assert [str(error) for error in build(config).errors] == said
    assert sorted(calls) == ["bad.md", "draft.md", "slow.txt"]
    calls.clear()
    build(config)
    assert calls == []

    # Another time limit: the slow document is tried again (so are the others).
    longer = replace(config, time_limit=60)
    calls.clear()
    errors = [str(error) for error in build(longer).errors]
    assert "slow.txt: not read within input.time_limit (60 s): left out" in errors
    assert sorted(calls) == ["bad.md", "draft.md", "slow.txt"]

    # The file edited: parsed again; fixed, it is published and its rejection forgotten.
    (docs / "bad.md").write_text("---\ntitle: Fixed\ndate: 2024-03-05\n---\n\nBody.\n", "utf-8")
    calls.clear()
    fixed = build(longer)
    assert calls == ["bad.md"]
    assert "bad.md" in {entry.source for entry in fixed.entries}
    assert not [error for error in fixed.errors if error.source == "bad.md"]
    from feedpub.state import open_state

    with open_state(longer) as state:
        assert set(state.rejections(["bad.md", "slow.txt", "draft.md"])) == {
            "slow.txt",
            "draft.md",
        }
    # Deleted: its remembered rejection goes with it.
    (docs / "slow.txt").unlink()
    build(longer)
    with open_state(longer) as state:
        assert state.rejections(["slow.txt"]) == {}


def test_a_worker_that_died_is_not_remembered(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker killed twice on a document (memory, a signal from outside) may not die on it
    # again: the next run tries it again.
    import feedpub.pipeline
    from feedpub.parallel import WorkerError

    shutil.copy(SEED, project / "docs" / "crash.txt")
    config = load_config(project / "config.toml")
    real_parse_all = feedpub.pipeline._parse_all

    def dying(config, jobs, count):  # type: ignore[no-untyped-def]
        for job, outcome in real_parse_all(config, jobs, count):
            if job.record.source == "crash.txt":
                outcome = feedpub.pipeline._crashed((config, job), WorkerError("killed"))
            yield job, outcome

    with monkeypatch.context() as patched:
        patched.setattr(feedpub.pipeline, "_parse_all", dying)
        first = build(config)
    assert [error.source for error in first.errors] == ["crash.txt"]
    calls = _counting_normaliser(monkeypatch, set())
    again = build(config)
    assert calls == ["crash.txt"]
    assert again.errors == ()


def _story_copy(docs: Path, name: str, title: str, date: str, extra: str = "") -> None:
    text = f"What {title} says, in a paragraph long enough to be the summary of it here."
    url = "https://news.example.org/2026/03/story"
    front = f"title: {title}\nurl: {url}\ndate: {date}\n{extra}"
    (docs / name).write_text(f"---\n{front}---\n\n{text}\n", encoding="utf-8")


def _outcome(project: Path, report: Report) -> tuple[object, ...]:
    """What a run left: its report's entries and errors, the output files, the state's
    documents, copies and rejections."""
    files = {
        p.relative_to(project).as_posix(): p.read_bytes()
        for p in sorted((project / "public").rglob("*"))
        if p.is_file()
    }
    with closing(sqlite3.connect(project / ".public.feedpub.sqlite")) as db:
        tables = [
            db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("documents", "copies", "rejections")
        ]
    entries = [(e.id, e.source, e.title, e.published, e.updated) for e in report.entries]
    return entries, [str(e) for e in report.errors], report.duplicates, files, tables


def test_records_read_a_batch_at_a_time_give_what_reading_them_all_first_gave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that parses every document again reads the state's records a batch at a time
    (not a hundred thousand at once); a copy of a story changed by another copy's turn
    earlier in the same run is still decided on with its record from before the run."""
    import feedpub.pipeline

    project = tmp_path / "one"
    docs = project / "docs"
    docs.mkdir(parents=True)
    shutil.copy(SEED, docs / SEED.name)
    (project / "config.toml").write_text(CONFIG_TEMPLATE, encoding="utf-8")
    _story_copy(docs, "a.md", "Bridge closed", "2026-03-01T10:00:00Z")
    _story_copy(docs, "b.md", "Bridge closed to lorries", "2026-03-01T14:00:00Z")
    _story_copy(docs, "c.md", "Bridge closed, ferry planned", "2026-03-01T12:00:00Z")
    (docs / "broken.txt").write_text("42\n", encoding="utf-8")
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    build(load_config(project / "config.toml"), now=start)
    # Then: the oldest copy updated (the newest now: published in b's place, so b's turn
    # comes after its record was changed), b retracted, and a new ENTRY_VERSION, so every
    # document is parsed again.
    _story_copy(docs, "a.md", "Bridge closed for a year", "2026-03-01T18:00:00Z")
    _story_copy(docs, "b.md", "Bridge closed", "2026-03-01T14:00:00Z", "retracted: true\n")
    monkeypatch.setattr(feedpub.pipeline, "ENTRY_VERSION", feedpub.pipeline.ENTRY_VERSION + 1)
    other = tmp_path / "other"
    shutil.copytree(project, other)
    with open_state(load_config(project / "config.toml")) as state:
        before = state.documents()
    priors: dict[str, DocumentRecord | None] = {}
    parse = feedpub.pipeline._parse

    def spy(config: Config, job: _Job) -> object:
        priors[job.record.source] = job.prior
        return parse(config, job)

    monkeypatch.setattr(feedpub.pipeline, "_parse", spy)
    later = start + timedelta(days=1)
    all_first = build(load_config(other / "config.toml"), now=later)  # batches of 1,000
    assert priors == before
    priors.clear()
    monkeypatch.setattr(feedpub.pipeline, "_RECORDS_AHEAD", 1)
    one_by_one = build(load_config(project / "config.toml"), now=later)
    assert priors == before  # b's record too, though a's turn changed it in the state
    assert _outcome(project, one_by_one) == _outcome(other, all_first)
    assert [e.title for e in one_by_one.entries if e.source.endswith(".md")] == [
        "Bridge closed for a year"
    ]
