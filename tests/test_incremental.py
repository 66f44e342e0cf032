"""A run with nothing to do: it imports no parser or renderer, renders nothing, writes
nothing, and still notices when the outputs on disk or the configuration changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import feedpub.output
import feedpub.pages
import feedpub.pipeline
import feedpub.publish
import feedpub.site
import feedpub.state
from feedpub import Report, build, load_config

HEAVY = (
    "feedgen",
    "lxml",
    "dateutil",
    "requests",
    "yaml",
    "markdown",
    "feedpub.normalise",
    # The site's page modules and what only a run that parses or writes pages needs.
    "feedpub.pages",
    "feedpub.site",
    "feedpub.limits",
    "secrets",
)

PROBE = """\
import json, sys
import feedpub.output
import feedpub.pipeline
import feedpub.publish
from feedpub import Report, build, load_config
report = build(load_config(sys.argv[1]))
print(json.dumps({
    "written": [str(p) for p in report.written],
    "unchanged": [str(p) for p in report.unchanged],
    "entries": len(report.entries),
    "heavy": sorted(m for m in sys.modules if m.split(".")[0] in sys.argv[2:]
                    or m in sys.argv[2:]),
}))
"""


def _probe(config: Path, heavy: tuple[str, ...] = HEAVY) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(config), *heavy],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def _snapshot(project: Path) -> dict[str, tuple[str, int]]:
    files = [*(project / "public").rglob("*"), project / ".public.feedpub.sqlite"]
    return {
        str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in files
        if p.is_file()
    }


def test_noop_run_imports_no_parser_or_renderer_and_writes_nothing(project: Path) -> None:
    config = project / "config.toml"
    first = _probe(config)
    # Three feeds, the section's three, index.html, feeds.html, feed.css, feeds.opml,
    # sitemap.xml and the entry's page.
    assert len(first["written"]) == 12  # type: ignore[arg-type]
    assert "feedgen" in first["heavy"]  # type: ignore[operator]
    before = _snapshot(project)
    again = _probe(config)
    assert again["heavy"] == []
    assert again["written"] == []
    # It reports what it checked: the top-level files, not every page below them.
    top = [p for p in first["written"] if Path(p).parent == project / "public"]  # type: ignore[attr-defined]
    assert sorted(again["unchanged"]) == sorted(top)  # type: ignore[type-var]
    assert len(top) == 8  # three feeds, index.html, feeds.html, feed.css, feeds.opml, sitemap
    assert again["entries"] == 1
    assert _snapshot(project) == before


def test_a_run_that_writes_pages_imports_no_web_client(project: Path) -> None:
    # xml.sax.saxutils (quoteattr) imported urllib.request, http.client and ssl: 0.011 s of a
    # run that writes one page; feedpub.xmltext quotes attributes the same way without them.
    first = _probe(project / "config.toml", ("urllib.request", "http", "ssl", "xml.sax"))
    assert len(first["written"]) == 12  # type: ignore[arg-type]
    assert first["heavy"] == []


def test_a_run_that_writes_plain_texts_feeds_imports_no_html_parser(project: Path) -> None:
    # lxml.html (for HTML from callers, which the normaliser never writes) compiles its
    # expressions on import; importlib.resources was imported only to find the Atom schema.
    first = _probe(project / "config.toml", ("lxml.html", "importlib.resources"))
    assert len(first["written"]) == 12  # type: ignore[arg-type]
    assert first["heavy"] == []


def test_outputs_changed_on_disk_are_rendered_again(project: Path) -> None:
    config = load_config(project / "config.toml")
    build(config)
    atom = project / "public" / "atom.xml"
    good = atom.read_bytes()
    atom.write_bytes(good.replace(b"Putin", b"Someone"))
    (project / "public" / "feed.json").unlink()
    report = build(config)
    assert {p.name for p in report.written} == {"atom.xml", "feed.json"}
    assert "rss.xml" in [p.name for p in report.unchanged]
    assert atom.read_bytes() == good


def test_a_configuration_change_renders_again(project: Path) -> None:
    build(load_config(project / "config.toml"))
    path = project / "config.toml"
    path.write_text(path.read_text("utf-8").replace("Test feed", "Renamed feed"), "utf-8")
    report = build(load_config(path))
    assert {"atom.xml", "rss.xml", "feed.json", "index.html"} <= {p.name for p in report.written}
    assert b"Renamed feed" in (project / "public" / "atom.xml").read_bytes()


def test_a_dropped_format_is_no_longer_an_output(project: Path) -> None:
    build(load_config(project / "config.toml"))
    path = project / "config.toml"
    path.write_text(path.read_text("utf-8") + 'formats = ["atom"]\n', "utf-8")
    config = load_config(path)
    out = project / "public"

    def outputs(report: Report) -> set[str]:
        return {p.relative_to(out).as_posix() for p in (*report.written, *report.unchanged)}

    first = outputs(build(config))
    assert "atom.xml" in first
    assert not [name for name in first if name.endswith(("rss.xml", "feed.json"))]
    # The dropped format's files are removed, in the section folders too.
    assert not [p for p in out.rglob("*") if p.name in ("rss.xml", "feed.json")]
    # The next no-op run checks only top-level files the last run produced.
    assert outputs(build(config)) == {name for name in first if "/" not in name}
    assert sorted(outputs(build(config))) == [
        "atom.xml", "feed.css", "feeds.html", "feeds.opml", "index.html", "sitemap.xml"
    ]  # fmt: skip


def test_a_link_inside_the_input_folder_is_published(project: Path) -> None:
    import os

    docs = project / "docs"
    (docs / "sub").mkdir()
    target = next(docs.glob("*.txt"))
    os.symlink(os.path.relpath(target, docs / "sub"), docs / "sub" / "alias.txt")
    report = build(load_config(project / "config.toml"))
    assert report.errors == ()
    assert sorted(e.source for e in report.entries) == sorted([target.name, "sub/alias.txt"])


def test_changed_rendering_code_renders_every_page_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pages are rendered once and kept; a new renderer (even before a version bump, as in a
    # checkout being worked on) must not leave the old renderer's pages behind.
    config = load_config(project / "config.toml")
    build(config)
    rendered: list[str] = []
    real_page = feedpub.site.entry_page

    def counting(entry, meta, feeds, topics=None):  # type: ignore[no-untyped-def]
        rendered.append(entry.key)
        return real_page(entry, meta, feeds, topics)

    monkeypatch.setattr(feedpub.site, "entry_page", counting)
    build(config)
    assert rendered == []
    real_stamp = feedpub.output.code_stamp

    def changed(modules: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
        stamp = real_stamp(modules)
        return [
            (name, size, mtime + 1 if name == "site.py" else mtime) for name, size, mtime in stamp
        ]

    for module in (feedpub.pipeline, feedpub.publish):
        monkeypatch.setattr(module, "code_stamp", changed)
    build(config)
    assert len(rendered) == 1  # the one entry's page, though no entry changed
    build(config)
    assert len(rendered) == 1


def test_a_settled_listing_reads_no_sizes_and_times(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the files are those the last run left each with its entry (the same paths,
    sizes and times), the state's sizes and times are not read; when some changed, only
    those of the documents in the changed parts of the listing; when a document is gone, or
    the last run settled rejected ones, every one."""
    config = load_config(project / "config.toml")
    docs = project / "docs"
    build(config)
    calls: list[list[str] | None] = []
    stats = feedpub.state.StateStore.document_stats

    def counted(
        self: feedpub.state.StateStore, among: list[str] | None = None
    ) -> dict[str, tuple[int, int, bool]]:
        calls.append(among)
        return stats(self, among)

    monkeypatch.setattr(feedpub.state.StateStore, "document_stats", counted)
    assert build(config).written == ()
    assert calls == []
    # A file touched (same bytes, a new time): its stats are read, the file too.
    seed = next(docs.glob("*.txt"))
    os.utime(seed, ns=(seed.stat().st_atime_ns, seed.stat().st_mtime_ns + 10**9))
    assert build(config).written == ()
    assert calls == [[seed.name]]
    assert build(config).written == ()  # settled again
    assert len(calls) == 1
    # A rejected document the state remembers (these bytes, this code) settles too: said
    # again from the state, not read. A run whose listing changes then reads every
    # document's (a rejection outside the changed parts is said again, or read by new code).
    (docs / "broken.txt").write_bytes(b"\xff\xfe not text")
    said = [str(error) for error in build(config).errors]
    assert said
    assert [str(error) for error in build(config).errors] == said
    assert calls[1:] == [["broken.txt"]]  # new, among its part's; then settled
    (docs / "broken.txt").unlink()
    assert not build(config).errors
    assert calls[2:] == [None]
    build(config)
    assert len(calls) == 3
    # A new document is found among its part's; a deleted one among every document's.
    copy = docs / "copy.txt"
    copy.write_text(seed.read_text("utf-8").replace("Putin", "Someone"), "utf-8")
    assert "copy.txt" in {e.source for e in build(config).entries}
    assert calls[3:] == [["copy.txt"]]  # its part's files (none other here)
    copy.unlink()
    assert "copy.txt" not in {e.source for e in build(config).entries}
    assert calls[4:] == [[], None]


def test_a_changed_listing_reads_the_changed_parts_only(project: Path) -> None:
    """Of many documents, a run after one was edited reads the sizes and times of its part
    of the listing (a 256th); an edit, an addition, a deletion and a rename in one run are
    each found, as by a run that reads them all."""
    from feedpub.model import document_key
    from feedpub.pipeline import _LISTING_PARTS

    config = load_config(project / "config.toml")
    docs = project / "docs"
    seed = next(docs.glob("*.txt"))
    text = seed.read_text("utf-8")
    for n in range(600):
        (docs / f"d{n:03}.txt").write_text(text.replace("Putin", f"Person {n}"), "utf-8")
    build(config)
    asked: list[list[str] | None] = []
    stats = feedpub.state.StateStore.document_stats

    def counted(
        self: feedpub.state.StateStore, among: list[str] | None = None
    ) -> dict[str, tuple[int, int, bool]]:
        asked.append(among)
        return stats(self, among)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feedpub.state.StateStore, "document_stats", counted)
        edited = docs / "d007.txt"
        edited.write_text(edited.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
        report = build(config)
        assert [among is not None and "d007.txt" in among for among in asked] == [True]
        assert len(asked[0] or []) < 601 * 4 / _LISTING_PARTS
        with feedpub.state.open_state(config) as state:
            record = state.records(["d007.txt"])["d007.txt"]
        assert record.sha256 == hashlib.sha256(edited.read_bytes()).hexdigest()
        (docs / "d100.txt").rename(docs / "e100.txt")
        (docs / "d200.txt").unlink()
        (docs / "new.txt").write_text(text.replace("Putin", "Nobody"), "utf-8")
        edited.write_text(edited.read_text("utf-8") + "\nAnd another.\n", "utf-8")
        report = build(config)
        assert asked[-1] is None  # a document gone: every one looked at
    with feedpub.state.open_state(config) as state:
        assert set(state.document_stats()) == {p.name for p in docs.glob("*.txt")}
        record = state.records(["d007.txt"])["d007.txt"]
        renamed = state.records(["e100.txt"])["e100.txt"]
    assert record.sha256 == hashlib.sha256(edited.read_bytes()).hexdigest()
    assert renamed.key == document_key("d100.txt")  # a rename keeps its key
    assert not report.errors


def test_a_store_whose_documents_change_is_no_longer_settled(project: Path) -> None:
    """Whatever writes the documents through the store (a library user, a tool) makes the
    next build look at every size and time again."""
    config = load_config(project / "config.toml")
    build(config)
    with feedpub.state.open_state(config) as state:
        assert state.setting("settled")
        (source,) = state.document_stats()
        state.delete_document(source)
        assert state.setting("settled") is None
        state.commit()
    report = build(config)
    assert [e.source for e in report.entries] == [source]


def test_a_change_renders_only_the_feeds_it_reaches(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that changed one old document renders its section's feeds and its archive
    page, not the subscription feeds, the index or another section's feeds, which hold the
    same entries as before; what it leaves is what rendering everything would write."""
    path = project / "config.toml"
    path.write_text(path.read_text("utf-8") + "max_entries = 1\narchive_size = 1\n", "utf-8")
    config = load_config(path)
    docs = project / "docs"
    seed = next(docs.glob("*.txt"))
    text = seed.read_text("utf-8")
    # Newest first: two in the seed's section (the subscription feed's entry and its
    # margin), then the oldest, in a section of its own.
    (docs / "b.txt").write_text(text.replace("November 23, 2024", "November 20, 2024"), "utf-8")
    old = docs / "c.txt"
    old.write_text(
        text.replace("November 23, 2024", "March 2, 2019").replace(
            "Ukraine and Russia war", "Economy"
        ),
        "utf-8",
    )
    build(config)
    rendered: list[str] = []
    real = feedpub.pages.checked_feed

    def counting(relative, entries, meta, fmt, *, deleted=()):  # type: ignore[no-untyped-def]
        rendered.append(relative)
        return real(relative, entries, meta, fmt, deleted=deleted)

    monkeypatch.setattr(feedpub.pages, "checked_feed", counting)
    old.write_text(old.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    report = build(config)
    assert rendered
    assert {name.rsplit("/", 1)[0] for name in rendered} == {"sections/economy", "archive/1"}
    out = project / "public"
    written = {p.relative_to(out).as_posix() for p in report.written}
    assert {"atom.xml", "index.html", "sections/ukraine-and-russia-war/atom.xml"}.isdisjoint(
        written
    )
    left = {p.relative_to(out).as_posix() for p in report.unchanged}
    assert {"atom.xml", "rss.xml", "feed.json", "index.html"} <= left
    # A feed left as it was that no longer holds those bytes is rendered again.
    section = out / "sections" / "ukraine-and-russia-war" / "rss.xml"
    good = section.read_bytes()
    section.write_bytes(good.replace(b"Putin", b"Someone"))
    old.write_text(old.read_text("utf-8") + "\nAnd another.\n", "utf-8")
    rendered.clear()
    report = build(config)
    assert "sections/ukraine-and-russia-war/rss.xml" in rendered
    assert section.read_bytes() == good
    assert "atom.xml" not in rendered
    # The feeds left as they were hold what rendering them again writes.
    with feedpub.state.open_state(config) as state:
        state.set_setting("feed_inputs", "{}")
        state.commit()
    old.write_text(old.read_text("utf-8") + "\nAnd the last.\n", "utf-8")
    rendered.clear()
    report = build(config)
    assert "atom.xml" in rendered
    assert "sections/ukraine-and-russia-war/rss.xml" in rendered
    written = {p.relative_to(out).as_posix() for p in report.written}
    assert "sections/economy/atom.xml" in written
    assert {"atom.xml", "rss.xml", "feed.json", "index.html"}.isdisjoint(written)
    assert not [name for name in written if name.startswith("sections/ukraine")]


def test_a_project_copied_or_moved_whole_has_nothing_to_do(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state keeps the outputs' paths relative to the output folder and the rendering's
    fingerprint without the folders' places: a project copied elsewhere (documents, output,
    state) reads, parses and writes nothing on its next run; nor does the original."""
    config = load_config(project / "config.toml")
    build(config)
    copy = tmp_path_factory.mktemp("elsewhere") / "project"
    shutil.copytree(project, copy)  # with the files' times
    moved = load_config(copy / "config.toml")
    assert moved.output_dir != config.output_dir

    def unread(*args: object) -> None:
        raise AssertionError("the copy read its documents again")

    monkeypatch.setattr(feedpub.state.StateStore, "document_stats", unread)
    monkeypatch.setattr(feedpub.pipeline, "_normalise", unread)
    report = build(moved)
    assert report.written == ()
    assert {Path(path).parent for path in report.unchanged} == {moved.output_dir}
    assert build(config).written == ()
    # A file of the copy's output changed behind its back: made again there, not in the
    # original's folder.
    (copy / "public" / "atom.xml").write_bytes(b"tampered")
    monkeypatch.undo()
    again = build(moved)
    assert moved.output_dir / "atom.xml" in again.written
    assert b"tampered" not in (copy / "public" / "atom.xml").read_bytes()
    assert all(Path(path).is_relative_to(moved.output_dir) for path in again.written)
