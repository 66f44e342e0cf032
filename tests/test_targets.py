"""Publishing to an S3-compatible object store (feedpub/targets.py), against a real SeaweedFS
on 127.0.0.1 (tests/s3store.py): the same files as the folder, byte for byte, with their
media types and Cache-Control; nothing uploaded twice; the publishing order; a store that
goes down halfway; and conditional writes that never overwrite another writer's object."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feedpub import build, load_config
from feedpub.config import Config
from feedpub.errors import BuildError, ConfigError, ConflictError
from feedpub.targets import parse_s3_url
from tests.s3store import SeaweedFS, proxy
from tests.test_publish import write_story

T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)

CONFIG = """\
[feed]
title = "Test feed"
site_url = "https://news.example.org/"
feed_url = "https://news.example.org/feeds/"
author = "Test newsroom"
language = "en"

[input]
folder = "docs"

[output]
{where}
max_entries = 3
archive_size = 2
"""


def _project(root: Path, where: str, stories: int = 5) -> Config:
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for n in range(1, stories + 1):
        write_story(docs, n, section="World" if n % 2 else "Sport", author=f"Writer {n % 2}")
    path = root / "config.toml"
    path.write_text(CONFIG.format(where=where), "utf-8")
    return load_config(path)


def _s3_config(root: Path, store: SeaweedFS, bucket: str, endpoint: str | None = None) -> Config:
    where = f'target = "s3://{bucket}/news/"\nendpoint_url = "{endpoint or store.endpoint}"'
    return _project(root, where)


def _folder_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def _under(objects: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    return {key.removeprefix(prefix): data for key, data in objects.items()}


def test_parse_s3_url() -> None:
    assert parse_s3_url("s3://bucket/") == ("bucket", "")
    assert parse_s3_url("s3://bucket") == ("bucket", "")
    assert parse_s3_url("s3://bucket/news/feeds") == ("bucket", "news/feeds/")
    for bad in ("https://bucket/", "s3:///x", "s3://b/../x", "s3://user@b/", "s3://b:9000/"):
        with pytest.raises(ValueError, match="must"):
            parse_s3_url(bad)


def test_config_keys(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"output\.target.*s3://"):
        _project(tmp_path, 'target = "https://example.org/"')
    with pytest.raises(ConfigError, match=r"output\.endpoint_url.*http"):
        _project(tmp_path, 'target = "s3://b/"\nendpoint_url = "ftp://x"')
    with pytest.raises(ConfigError, match=r"output\.endpoint_url.*needs output\.target"):
        _project(tmp_path, 'endpoint_url = "http://127.0.0.1:1"')
    with pytest.raises(ConfigError, match="keep one"):
        _project(tmp_path, 'target = "s3://b/"\nfolder = "public"')
    config = _project(tmp_path, 'target = "s3://b/x/"\nendpoint_url = "http://127.0.0.1:1"')
    assert (config.target, config.endpoint_url) == ("s3://b/x/", "http://127.0.0.1:1")


@pytest.mark.usefixtures("s3_env")
def test_the_bucket_gets_the_folders_files_with_their_types(
    tmp_path: Path, seaweedfs: SeaweedFS
) -> None:
    """The objects are the files a folder build writes, byte for byte (the marker gone), each
    with the media type and Cache-Control `feedpub serve` gives the file."""
    bucket = seaweedfs.new_bucket()
    config = _s3_config(tmp_path / "s3", seaweedfs, bucket)
    report = build(config, now=T0)
    assert not report.errors
    folder_config = _project(tmp_path / "folder", 'folder = "public"')
    build(folder_config, now=T0)
    expected = _folder_files(folder_config.output_dir)
    objects = _under(seaweedfs.objects(bucket), "news/")
    assert objects == expected
    assert {"atom.xml", "rss.xml", "feed.json", "archive/1/atom.xml", "index.html"} <= set(objects)
    assert ".feedpub-writing" not in objects
    client = seaweedfs.client()
    heads = {
        key: client.head_object(Bucket=bucket, Key="news/" + key)
        for key in ("atom.xml", "rss.xml", "feed.json", "index.html", "feed.css")
    }
    assert heads["atom.xml"]["ContentType"] == "application/atom+xml; charset=utf-8"
    assert heads["rss.xml"]["ContentType"] == "application/rss+xml; charset=utf-8"
    assert heads["feed.json"]["ContentType"] == "application/feed+json; charset=utf-8"
    assert heads["index.html"]["ContentType"] == "text/html; charset=utf-8"
    assert heads["feed.css"]["ContentType"] == "text/css; charset=utf-8"
    assert {head["CacheControl"] for head in heads.values()} == {"public, max-age=300"}


@pytest.mark.usefixtures("s3_env")
def test_unchanged_objects_are_not_uploaded_again(tmp_path: Path, seaweedfs: SeaweedFS) -> None:
    bucket = seaweedfs.new_bucket()
    with proxy(seaweedfs.endpoint) as store:
        config = _s3_config(tmp_path, seaweedfs, bucket, store.url)
        build(config, now=T0)
        first = store.puts()
        assert "news/atom.xml" in first
        # Nothing changed: no object is written (the top-level ones are only looked at).
        store.reset(None)
        report = build(config, now=T0)
        assert report.written == ()
        assert store.puts() == []
        assert {method for method, _ in store.requests} <= {"HEAD", "GET"}
        # One story edited: its page, the feeds it is in and the lists; not the others.
        story = config.input_dir / "story-005.md"
        story.write_text(story.read_text("utf-8").replace("paragraph", "line"), "utf-8")
        store.reset(None)
        build(config, now=T0)
        puts = set(store.puts())
        assert "news/atom.xml" in puts
        assert "news/sections/world/atom.xml" in puts
        assert "news/sections/sport/atom.xml" not in puts
        assert not any(key.startswith("news/archive/1/") for key in puts)
        assert len([key for key in puts if key.startswith("news/entries/")]) == 1


@pytest.mark.usefixtures("s3_env")
def test_the_publishing_order_holds(tmp_path: Path, seaweedfs: SeaweedFS) -> None:
    """Entry pages, archive pages oldest first, then the subscription feeds, and the
    removals last; every conditional (If-None-Match on a new object)."""
    bucket = seaweedfs.new_bucket()
    with proxy(seaweedfs.endpoint) as store:
        config = _s3_config(tmp_path, seaweedfs, bucket, store.url)
        build(config, now=T0)
        puts = [key.removeprefix("news/") for key in store.puts()]
        assert puts[0] == ".feedpub-writing"
        first_feed = puts.index("feed.css")
        pages = puts[1:first_feed]
        assert pages
        assert all(p.startswith(("entries/", "archive/")) for p in pages)
        archives = [p for p in pages if p.startswith("archive/")]
        assert archives == sorted(archives, key=lambda p: int(p.split("/")[1]))
        assert puts.index("atom.xml") > max(puts.index(p) for p in pages)
        assert puts.index("index.html") > puts.index("atom.xml")
        assert store.requests[-1][0] == "DELETE"  # the marker goes last
        # A story made a draft again: its page is removed after the feeds no longer name it
        # (a deleted one's page stays, saying the entry was withdrawn).
        story = config.input_dir / "story-005.md"
        story.write_text(story.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1))
        store.reset(None)
        build(config, now=T0)
        methods = [method for method, _ in store.requests]
        deletes = [i for i, m in enumerate(methods) if m == "DELETE"]
        assert len(deletes) >= 2
        assert max(i for i, m in enumerate(methods) if m == "PUT") < min(deletes)
    objects = seaweedfs.objects(bucket)
    assert not any(b"Story number 5" in data for data in objects.values())


@pytest.mark.usefixtures("s3_env")
def test_a_store_down_halfway_keeps_the_feeds_and_the_next_run_finishes(
    tmp_path: Path, seaweedfs: SeaweedFS
) -> None:
    """The store stops answering after N requests, for N all along a publish: the build
    fails (exit 2's BuildError), the subscription feeds are the previous ones, every page
    they link to is there, and the next run leaves what an unbroken run would."""
    with proxy(seaweedfs.endpoint) as store:
        reference_bucket = seaweedfs.new_bucket()
        reference = _s3_config(tmp_path / "reference", seaweedfs, reference_bucket)
        build(reference, now=T0)
        write_story(reference.input_dir, 6, section="Culture")
        build(reference, now=T0)
        expected = seaweedfs.objects(reference_bucket)
        # How many requests the second build makes, unbroken.
        bucket = seaweedfs.new_bucket()
        config = _s3_config(tmp_path / "count", seaweedfs, bucket, store.url)
        build(config, now=T0)
        write_story(config.input_dir, 6, section="Culture")
        store.reset(None)
        build(config, now=T0)
        total = len(store.requests)
        assert total > 10
        for cut in sorted({1, 2, 3, total // 3, total // 2, total - 3, total - 1}):
            bucket = seaweedfs.new_bucket()
            root = tmp_path / f"cut-{cut}"
            config = _s3_config(root, seaweedfs, bucket, store.url)
            store.reset(None)
            build(config, now=T0)
            before = seaweedfs.objects(bucket)
            write_story(config.input_dir, 6, section="Culture")
            store.reset(cut)
            with pytest.raises(BuildError, match=rf"s3://{bucket}/news/"):
                build(config, now=T0)
            during = seaweedfs.objects(bucket)
            for name in ("news/atom.xml", "news/rss.xml", "news/feed.json"):
                # The old feed, or (the cut after it) the new one; never none.
                assert during[name] in (before[name], expected[name]), (cut, name)
            # Everything a published feed names is there.
            for key, data in during.items():
                if key.endswith("atom.xml") and not key.startswith("news/archive/"):
                    for href in _hrefs(data):
                        assert "news/" + href in during, (cut, key, href)
            store.reset(None)
            build(config, now=T0)
            assert seaweedfs.objects(bucket) == expected, cut
            # Its own objects known again (the ETags of the broken run's writes too).
            store.reset(None)
            build(config, now=T0)
            assert store.puts() == [], cut


def _hrefs(atom: bytes) -> list[str]:
    """The paths under the feed URL that an Atom document links to."""
    from lxml import etree

    root = etree.fromstring(atom)
    base = "https://news.example.org/feeds/"
    hrefs = [link.get("href") or "" for link in root.iter("{http://www.w3.org/2005/Atom}link")]
    return [h.removeprefix(base) for h in hrefs if h.startswith(base) and h != base]


@pytest.mark.usefixtures("s3_env")
def test_another_writers_object_is_never_overwritten(tmp_path: Path, seaweedfs: SeaweedFS) -> None:
    """An object changed by someone else since the state recorded its ETag: the If-Match PUT
    gets 412, the build stops with a ConflictError naming it, and it keeps their bytes."""
    bucket = seaweedfs.new_bucket()
    config = _s3_config(tmp_path, seaweedfs, bucket)
    build(config, now=T0)
    client = seaweedfs.client()
    client.put_object(Bucket=bucket, Key="news/atom.xml", Body=b"theirs")
    write_story(config.input_dir, 6)
    with pytest.raises(ConflictError, match=rf"s3://{bucket}/news/atom\.xml: another writer"):
        build(config, now=T0)
    assert client.get_object(Bucket=bucket, Key="news/atom.xml")["Body"].read() == b"theirs"
    # The person removes it (or points the build elsewhere): the next run publishes it.
    client.delete_object(Bucket=bucket, Key="news/atom.xml")
    build(config, now=T0)
    assert b"Story number 6" in client.get_object(Bucket=bucket, Key="news/atom.xml")["Body"].read()


@pytest.mark.usefixtures("s3_env")
def test_a_change_behind_the_states_back_is_a_conflict_too(
    tmp_path: Path, seaweedfs: SeaweedFS
) -> None:
    """Nothing changed here, but the object is not the one the state recorded (its ETag
    moved): not taken for up to date, and not overwritten."""
    bucket = seaweedfs.new_bucket()
    config = _s3_config(tmp_path, seaweedfs, bucket)
    build(config, now=T0)
    client = seaweedfs.client()
    client.put_object(Bucket=bucket, Key="news/rss.xml", Body=b"theirs")
    with pytest.raises(ConflictError, match=r"news/rss\.xml"):
        build(config, now=T0)
    assert client.get_object(Bucket=bucket, Key="news/rss.xml")["Body"].read() == b"theirs"


@pytest.mark.usefixtures("s3_env")
def test_two_states_publishing_to_one_bucket_conflict(
    tmp_path: Path, seaweedfs: SeaweedFS, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second build with a state of its own finds objects it did not write (If-None-Match:
    * answers 412): exit 3 with the object named, even with -q; every object of the first
    build's keeps its bytes."""
    bucket = seaweedfs.new_bucket()
    first = _s3_config(tmp_path / "one", seaweedfs, bucket)
    build(first, now=T0)
    published = seaweedfs.objects(bucket)
    second = _s3_config(tmp_path / "two", seaweedfs, bucket)
    shutil.rmtree(second.input_dir)
    second.input_dir.mkdir()
    write_story(second.input_dir, 9)
    command = [sys.executable, "-m", "feedpub", "build", "-q", "--config"]
    done = subprocess.run(
        [*command, str(tmp_path / "two" / "config.toml")], capture_output=True, text=True
    )
    assert done.returncode == 3, done.stderr
    assert f"s3://{bucket}/news/" in done.stderr
    assert "another writer changed it" in done.stderr
    after = seaweedfs.objects(bucket)
    # Nothing of the first build's was overwritten (the second wrote only new objects).
    assert {key: after[key] for key in published} == published


@pytest.mark.usefixtures("s3_env")
def test_build_prints_the_bucket(tmp_path: Path, seaweedfs: SeaweedFS) -> None:
    bucket = seaweedfs.new_bucket()
    _s3_config(tmp_path, seaweedfs, bucket)
    command = [sys.executable, "-m", "feedpub", "build", "--config", str(tmp_path / "config.toml")]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    assert f"in s3://{bucket}/news/:" in done.stdout
    assert "atom.xml" in done.stdout
    verbose = subprocess.run([*command, "-v"], capture_output=True, text=True, check=True)
    assert f"unchanged s3://{bucket}/news/atom.xml" in verbose.stdout


def test_without_boto3_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = replace(_project(tmp_path, 'folder = "public"'), target="s3://b/", endpoint_url=None)
    monkeypatch.setitem(sys.modules, "boto3", None)
    with pytest.raises(ConfigError, match=r"feedpub\[s3\]"):
        build(config, now=T0)


@pytest.mark.usefixtures("s3_env")
def test_serve_reads_the_bucket(tmp_path: Path, seaweedfs: SeaweedFS) -> None:
    """`feedpub serve` with an s3:// target serves the objects, with the folder's headers."""
    import requests

    from feedpub.serve import make_server
    from tests.conftest import running

    bucket = seaweedfs.new_bucket()
    config = _s3_config(tmp_path, seaweedfs, bucket)
    build(config, now=T0)
    objects = _under(seaweedfs.objects(bucket), "news/")
    with running(make_server(config, "127.0.0.1", 0)) as base:
        answer = requests.get(base + "atom.xml", timeout=60)
        assert answer.status_code == 200
        assert answer.content == objects["atom.xml"]
        assert answer.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
        assert answer.headers["Cache-Control"] == "public, max-age=300"
        again = requests.get(
            base + "atom.xml", headers={"If-None-Match": answer.headers["ETag"]}, timeout=60
        )
        assert again.status_code == 304
        assert requests.get(base, timeout=60).content == objects["index.html"]
        page = next(key for key in objects if key.startswith("archive/"))
        assert requests.get(base + page, timeout=60).content == objects[page]
        for hidden in (".feedpub-writing", "nothing.xml", "../x", "%2e%2e/x"):
            assert requests.get(base + hidden, timeout=60).status_code == 404, hidden
    assert not config.output_dir.exists()  # no folder made for a bucket


@pytest.mark.usefixtures("s3_env")
def test_check_and_ping_read_the_bucket(tmp_path: Path, seaweedfs: SeaweedFS) -> None:
    bucket = seaweedfs.new_bucket()
    config = _s3_config(tmp_path, seaweedfs, bucket)
    path = tmp_path / "config.toml"
    path.write_text(
        path.read_text("utf-8") + '\n[ping]\nhubs = ["http://127.0.0.1:9/hub"]\n', "utf-8"
    )
    config = load_config(path)
    build(config, now=T0, pinger=_NoPings())
    command = [sys.executable, "-m", "feedpub"]
    checked = subprocess.run(
        [*command, "check", "--config", str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    feeds = int(checked.stdout.split()[0])
    assert feeds > 6  # main, archive, section and author feeds
    seaweedfs.client().put_object(
        Bucket=bucket, Key="news/sections/world/rss.xml", Body=b"<rss>broken"
    )
    broken = subprocess.run(
        [*command, "check", "--config", str(path)], capture_output=True, text=True
    )
    assert broken.returncode == 1
    assert f"s3://{bucket}/news/sections/world/rss.xml: not well-formed XML" in broken.stdout
    dry = subprocess.run(
        [*command, "ping", "--dry-run", "-v", "--config", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "for https://news.example.org/feeds/sections/world/atom.xml" in dry.stdout
    assert "for https://news.example.org/feeds/atom.xml" in dry.stdout


class _NoPings:
    """A pinger that sends nothing (the hub of the test above does not exist)."""

    def send_all(self, pings: object) -> list[object]:
        return []


def test_a_copied_project_never_removes_the_originals_files(project: Path) -> None:
    """A project copied whole, its state beside it, builds into its own folder: the files
    the state names in the original's folder are not this build's to remove (they were all
    removed as stale: the state holds the outputs' absolute paths)."""
    now = datetime(2030, 1, 1, tzinfo=UTC)  # after the seed's date: its page is published
    build(load_config(project / "config.toml"), now=now)
    published = {p: p.read_bytes() for p in (project / "public").rglob("*") if p.is_file()}
    assert published
    copy = project.parent / "copy"
    shutil.copytree(project, copy)
    report = build(load_config(copy / "config.toml"), now=now)
    assert report.ok
    assert {p: p.read_bytes() for p in (project / "public").rglob("*") if p.is_file()} == published
    copied = {p.relative_to(copy) for p in (copy / "public").rglob("*") if p.is_file()}
    assert copied == {p.relative_to(project) for p in published}
    # The copy's state now knows its own files: a document removed from the copy withdraws
    # its page and feeds there, and the original's stay as they were.
    next((copy / "docs").iterdir()).unlink()
    build(load_config(copy / "config.toml"), now=now)
    for page in (project / "public" / "atom.xml", *(project / "public" / "entries").iterdir()):
        assert (copy / page.relative_to(project)).read_bytes() != published[page]
    assert {p: p.read_bytes() for p in (project / "public").rglob("*") if p.is_file()} == published
