"""The state in PostgreSQL (``state.url``), against a real server the tests start themselves:
Debian's initdb and pg_ctl in a temporary folder, listening on a Unix socket there only."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from feedpub import build, load_config
from feedpub.config import Config
from feedpub.errors import BuildError, ConfigError, LockError
from feedpub.state import StateStore, open_state
from feedpub.state_postgres import PostgresStore, shown

from .conftest import CONFIG_TEMPLATE, killed_build
from .s3store import SeaweedFS
from .test_publish import write_story
from .test_state import _count_normalise

T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)
T1 = T0 + timedelta(days=1)
# A bound only against hanging for ever: each wait ends as soon as the thing happens.
PATIENCE = 300


def _bin_dir() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    assert initdb, "no PostgreSQL: tools/install-system-packages installs Debian's"
    return Path(initdb).parent


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A server for the session; yields the folder of its socket (libpq's ``host``)."""
    bin_dir = _bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="feedpub-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: the server runs as nobody
        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        folder.chmod(0o755)
        run_as = ["runuser", "-u", "nobody", "--"]
    data = folder / "data"
    pg_ctl = [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-t", str(PATIENCE)]
    try:
        subprocess.run(
            [*run_as, str(bin_dir / "initdb"), "-D", str(data), "-U", "feedpub",
             "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
            check=True, capture_output=True, timeout=PATIENCE,
        )  # fmt: skip
        # No TCP at all, no sync to disk (a test's data need not outlive a crash).
        options = f"-c listen_addresses='' -k {folder} -c fsync=off -c max_connections=60"
        subprocess.run(
            [*pg_ctl, "-l", str(folder / "server.log"), "-o", options, "start"],
            check=True,
            capture_output=True,
            timeout=PATIENCE,
        )
        try:
            yield str(folder)
        finally:
            stop = [*pg_ctl, "-m", "immediate", "stop"]
            subprocess.run(stop, capture_output=True, timeout=PATIENCE)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_numbers = itertools.count()


def _database(host: str, template: str | None = None) -> str:
    """A new, empty database (or a copy of ``template``); its URL."""
    name = f"feedpub_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(host=host, user="feedpub", dbname="postgres", autocommit=True) as db:
        copy = f" TEMPLATE {template}" if template else ""
        db.execute(f"CREATE DATABASE {name}{copy}")  # type: ignore[arg-type]
    return f"postgresql://feedpub@/{name}?host={host}"


def _name(url: str) -> str:
    return url.split("/")[3].split("?")[0]


@pytest.fixture
def pg_url(postgres: str) -> str:
    return _database(postgres)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _project(folder: Path, url: str | None) -> Path:
    """A project in ``folder`` (its config.toml's path), with its state in ``url``."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    text = CONFIG_TEMPLATE
    if url is not None:
        text += f'\n[state]\nurl = "{url}"\nlock_timeout = 0.2\n'
    (folder / "config.toml").write_text(text, "utf-8")
    return folder / "config.toml"


def _stories(docs: Path) -> None:
    for n in range(1, 9):
        write_story(docs, n, section=("World", "Sport")[n % 2], author=("Ann", "Bob")[n % 2])


def _changes(docs: Path) -> None:
    for n in (9, 10):
        write_story(docs, n, section="Science", author="Cy")
    edited = docs / "story-002.md"
    edited.write_text(edited.read_text("utf-8") + "\nAn added paragraph.\n", "utf-8")
    (docs / "story-005.md").unlink()


def _small(config: Config) -> Config:
    return replace(config, max_entries=4, archive_size=3)


def test_a_postgres_state_publishes_what_a_sqlite_state_does(tmp_path: Path, pg_url: str) -> None:
    lite = _small(load_config(_project(tmp_path / "lite", None)))
    pg = _small(load_config(_project(tmp_path / "pg", pg_url)))
    assert pg.state_url == pg_url
    for config in (lite, pg):
        _stories(config.input_dir)
    assert build(lite, now=T0).ok
    assert build(pg, now=T0).ok
    assert _tree(pg.output_dir) == _tree(lite.output_dir)
    assert not (tmp_path / "pg" / ".public.feedpub.sqlite").exists()  # no SQLite file made
    again = build(pg, now=T0)
    assert again.written == ()  # nothing changed: nothing written, as with SQLite
    for config in (lite, pg):
        _changes(config.input_dir)
    assert build(lite, now=T1).written
    assert build(pg, now=T1).written
    assert _tree(pg.output_dir) == _tree(lite.output_dir)
    with open_state(pg) as state:
        assert state.groups("section") == ["Science", "Sport", "World"]
        assert state.groups("author") == ["Ann", "Bob", "Cy"]


def _copy(folder: Path, name: str, url: str, date: str, text: str) -> None:
    (folder / name).write_text(
        f"---\ntitle: One story\nurl: {url}\ndate: {date}\n---\n\n{text}\n", "utf-8"
    )


def test_copies_and_withdrawals_on_postgres_are_what_sqlite_makes(
    tmp_path: Path, pg_url: str
) -> None:
    # The tables of the same story twice (copies, sketches) and of tombstones, on both.
    lite = replace(load_config(_project(tmp_path / "lite", None)), similarity=0.8)
    pg = replace(load_config(_project(tmp_path / "pg", pg_url)), similarity=0.8)
    words = " ".join(f"word{n}" for n in range(120))
    for config in (lite, pg):
        docs = config.input_dir
        _stories(docs)
        _copy(docs, "a.md", "https://news.example.org/one", "2025-02-01T10:00:00Z", words)
        _copy(docs, "b.md", "https://news.example.org/one#update", "2025-02-01T12:00:00Z", words)
        _copy(docs, "c.md", "https://news.example.org/other", "2025-02-01T13:00:00Z", words)
    for config in (lite, pg):
        report = build(config, now=T0)
        assert report.ok
        assert len(report.duplicates) == 2  # one entry for the three copies
    assert _tree(pg.output_dir) == _tree(lite.output_dir)
    for config in (lite, pg):
        (config.input_dir / "story-003.md").unlink()  # withdrawn: a tombstone
        assert build(config, now=T1).ok
    assert _tree(pg.output_dir) == _tree(lite.output_dir)
    assert b"deleted-entry" in (pg.output_dir / "atom.xml").read_bytes()


def test_a_rejection_is_remembered_in_postgres_as_in_sqlite(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_normalise(monkeypatch)
    lite = load_config(_project(tmp_path / "lite", None))
    pg = load_config(_project(tmp_path / "pg", pg_url))
    said = []
    for config in (lite, pg):
        _stories(config.input_dir)
        (config.input_dir / "broken.md").write_text("---\ntitle: [x\n---\n\nBody\n", "utf-8")
        said.append([str(error) for error in build(config, now=T0).errors])
        assert len(said[-1]) == 1
        calls.clear()
        assert [str(error) for error in build(config, now=T1).errors] == said[-1]
        assert calls == []  # not parsed again: the same error from the state
    assert said[0] == said[1]
    with open_state(pg) as state:
        assert list(state.rejections(["broken.md"])) == ["broken.md"]


def test_inspect_reads_the_copies_from_a_postgres_state(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from feedpub.cli import main

    config_path = _project(tmp_path, pg_url)
    docs = tmp_path / "docs"
    _copy(docs, "a.md", "https://news.example.org/one", "2025-02-01T10:00:00Z", "A text.")
    argv = ["inspect", "--config", str(config_path), str(docs / "a.md")]
    assert main(argv) == 0
    assert "not known yet: no build has run with this configuration" in capsys.readouterr().out
    _copy(docs, "b.md", "https://news.example.org/one#update", "2025-02-01T12:00:00Z", "A text.")
    assert build(load_config(config_path), now=T0).ok
    assert main(argv) == 0
    assert "the same story as b.md: the last build published that copy" in capsys.readouterr().out


def test_a_second_run_waits_for_the_lock_then_exits_3(tmp_path: Path, pg_url: str) -> None:
    config_path = _project(tmp_path, pg_url)
    _stories(tmp_path / "docs")
    command = [sys.executable, "-m", "feedpub", "build", "-q", "--config", str(config_path)]
    with PostgresStore.connect(pg_url, 0):  # another run, on another connection
        with (
            pytest.raises(LockError, match="another feedpub run holds the lock on postgresql"),
            PostgresStore.connect(pg_url, 0.1),
        ):
            pass
        refused = subprocess.run(command, capture_output=True, text=True, timeout=PATIENCE)
        assert refused.returncode == 3
        assert not (tmp_path / "public" / "atom.xml").exists()
        # One that may wait long enough: it gets the lock once the first run lets it go.
        waiting_path = tmp_path / "waiting.toml"
        waiting_path.write_text(
            config_path.read_text("utf-8").replace("lock_timeout = 0.2", "lock_timeout = 600"),
            "utf-8",
        )
        waiting = subprocess.Popen(
            [*command[:-1], str(waiting_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            with psycopg.connect(pg_url, autocommit=True) as db:
                deadline = time.monotonic() + PATIENCE
                # Until it has asked for the lock (and been refused) at least once.
                while not db.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE application_name = 'feedpub'"
                    " AND pid <> pg_backend_pid() AND query LIKE '%pg_try_advisory_lock%'"
                    " AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')"
                ).fetchone():
                    assert waiting.poll() is None
                    assert time.monotonic() < deadline
                    time.sleep(0.05)
        except BaseException:
            waiting.kill()
            waiting.communicate()
            raise
    _, err = waiting.communicate(timeout=PATIENCE)
    assert waiting.returncode == 0, err
    assert (tmp_path / "public" / "atom.xml").exists()


def test_the_lock_of_a_killed_run_is_let_go(tmp_path: Path, pg_url: str) -> None:
    # A run killed on one host (kill -9, the host gone): the server ends its session, and
    # with it the lock; the next run on any host goes ahead.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from feedpub.state_postgres import PostgresStore\n"
            "with PostgresStore.connect(sys.argv[1], 0):\n"
            "    print('held', flush=True); time.sleep(600)",
            pg_url,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(LockError), PostgresStore.connect(pg_url, 0):
            pass
    finally:
        holder.kill()
        holder.communicate()
    with PostgresStore.connect(pg_url, PATIENCE) as state:
        assert state.setting("next_seq") is None


class _Killer:
    """Ends the process (SIGKILL: no ``finally`` runs) just before its ``kill_at``-th
    commit of the state."""

    def __init__(self, kill_at: int | None) -> None:
        self.kill_at = kill_at
        self.commits = 0

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real = PostgresStore.commit

        def commit(store: PostgresStore) -> None:
            self.commits += 1
            if self.commits == self.kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            real(store)

        monkeypatch.setattr(PostgresStore, "commit", commit)


def _killed_build(config: Config, now: datetime, kill_at: int) -> bool:
    """A build killed just before its ``kill_at``-th commit; whether it was."""
    return killed_build(config, now, _Killer(kill_at).install)


def test_a_run_killed_at_each_commit_is_finished_by_the_next_on_another_host(
    tmp_path: Path, postgres: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # a kill is no power cut
    # The unbroken history, with a SQLite state.
    ref = _small(load_config(_project(tmp_path / "ref", None)))
    _stories(ref.input_dir)
    build(ref, now=T0)
    _changes(ref.input_dir)
    commits = 0
    real_commit = StateStore.commit

    def counted(store: StateStore) -> None:
        nonlocal commits
        commits += 1
        real_commit(store)

    with monkeypatch.context() as patched:
        patched.setattr(StateStore, "commit", counted)
        build(ref, now=T1)
    assert commits >= 2  # before the subscription feeds are replaced (the outbox); the removals
    expected = _tree(ref.output_dir)
    # Host A's first build, the snapshot every kill starts from (state and output).
    base_url = _database(postgres)
    host_a = _small(load_config(_project(tmp_path / "host-a", base_url)))
    _stories(host_a.input_dir)
    build(host_a, now=T0)
    _changes(host_a.input_dir)
    first = tmp_path / "first"
    shutil.copytree(host_a.output_dir, first)
    for kill_at in range(1, commits + 1):
        shutil.rmtree(host_a.output_dir)
        shutil.copytree(first, host_a.output_dir)
        url = _database(postgres, template=_name(base_url))
        a = replace(host_a, state_url=url)
        assert _killed_build(a, T1, kill_at), kill_at
        # Host B: its own configuration file elsewhere, the same inputs, output and state.
        b = replace(a, lock_timeout=PATIENCE)
        report = build(b, now=T1)
        assert report.ok
        assert _tree(a.output_dir) == expected, kill_at


def test_a_state_url_that_is_not_postgresql_names_the_key(tmp_path: Path) -> None:
    config_path = _project(tmp_path, "mysql://db/feedpub")
    with pytest.raises(ConfigError, match=r"state\.url.*postgresql://"):
        load_config(config_path)
    config_path.write_text(
        CONFIG_TEMPLATE + '\n[state]\npath = "s.sqlite"\nurl = "postgresql:///x"\n', "utf-8"
    )
    with pytest.raises(ConfigError, match=r"state\.path or state\.url, not both"):
        load_config(config_path)


def test_a_server_that_cannot_be_reached_is_a_build_error_without_the_password(
    tmp_path: Path,
) -> None:
    # No server on that socket: exit 2, in a line naming the database, never the password.
    url = f"postgresql://feedpub:s3cret@/feedpub?host={tmp_path}&connect_timeout=5"
    config_path = _project(tmp_path, url)
    with pytest.raises(BuildError, match="cannot use the state database") as raised:
        build(load_config(config_path))
    assert "s3cret" not in str(raised.value)
    assert "postgresql://feedpub:***@/feedpub" in str(raised.value)
    run = subprocess.run(
        [sys.executable, "-m", "feedpub", "build", "--config", str(config_path)],
        capture_output=True, text=True, timeout=PATIENCE,
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1, run.stderr
    assert "s3cret" not in run.stderr


def test_shown_leaves_the_password_out() -> None:
    assert shown("postgresql://u:p@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert shown("postgresql://u@h/db?sslmode=require") == "postgresql://u@h/db?sslmode=require"
    assert shown("postgres://h/db") == "postgres://h/db"
    assert shown("postgresql://h/db?password=p&x=1") == "postgresql://h/db?password=***&x=1"


def _feedpub(config_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "feedpub", *args, "--config", str(config_path)],
        capture_output=True, text=True, timeout=PATIENCE,
    )  # fmt: skip


def test_check_and_ping_work_with_either_state(tmp_path: Path, pg_url: str) -> None:
    planned = []
    for name, url in (("lite", None), ("pg", pg_url)):
        config_path = _project(tmp_path / name, url)
        _stories(config_path.parent / "docs")
        assert _feedpub(config_path, "build", "-q").returncode == 0
        checked = _feedpub(config_path, "check")
        assert checked.returncode == 0, checked.stdout + checked.stderr
        # The section and author feeds to ping come from the state's record of the outputs.
        text = config_path.read_text("utf-8")
        hub = '[ping]\nhubs = ["http://127.0.0.1:9/hub"]\n\n[output]'
        config_path.write_text(text.replace("[output]", hub), "utf-8")
        dry = _feedpub(config_path, "ping", "--dry-run", "-v")
        assert dry.returncode == 0, dry.stderr
        planned.append(dry.stdout)
    assert planned[1] == planned[0]
    assert "for https://news.example.org/feeds/sections/sport/atom.xml\n" in planned[1]


def test_serve_watch_rebuilds_with_a_postgres_state(tmp_path: Path, pg_url: str) -> None:
    config_path = _project(tmp_path, pg_url)
    _stories(tmp_path / "docs")
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "feedpub", "serve", "--port", "0", "--watch"],
            cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_for(line: str, count: int = 1) -> None:
        deadline = time.monotonic() + PATIENCE
        while log.read_text().count(line) < count and time.monotonic() < deadline:
            time.sleep(0.1)

    try:
        wait_for("serving")
        write_story(tmp_path / "docs", 20, section="Science", author="Cy")
        wait_for("rebuilt")
        # A build on another host holds the lock: that rebuild fails, and serving goes on.
        with PostgresStore.connect(pg_url, 0):
            write_story(tmp_path / "docs", 21, section="Science", author="Cy")
            wait_for("rebuild failed")
        write_story(tmp_path / "docs", 22, section="Science", author="Cy")
        wait_for("rebuilt", 2)
    finally:
        server.terminate()
        server.wait(PATIENCE)
    text = log.read_text()
    assert "feedpub: rebuild failed, the feeds are as they were: another feedpub run" in text
    assert "Traceback" not in text
    assert text.count("rebuilt") >= 2, text
    with open_state(load_config(config_path)) as state:
        assert "Science" in state.groups("section")
        assert len(state.document_stats()) == 11


def test_two_sites_share_a_database_with_a_schema_each(postgres: str, pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("CREATE SCHEMA site_a")
        db.execute("CREATE SCHEMA site_b")
    site_a = pg_url + "&options=-csearch_path%3Dsite_a"
    site_b = pg_url + "&options=-csearch_path%3Dsite_b"
    # Each its own lock and its own tables.
    with PostgresStore.connect(site_a, 0) as a, PostgresStore.connect(site_b, 0) as b:
        a.set_setting("title", "A")
        b.set_setting("title", "B")
        a.commit()
        b.commit()
        with pytest.raises(LockError), PostgresStore.connect(site_a, 0):
            pass
    with PostgresStore.connect(site_a, 0) as a, PostgresStore.connect(site_b, 0) as b:
        assert (a.setting("title"), b.setting("title")) == ("A", "B")


def test_without_psycopg_a_state_url_is_an_error_in_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg raises ImportError
    monkeypatch.delitem(sys.modules, "feedpub.state_postgres")
    config = load_config(_project(tmp_path, "postgresql://feedpub@/feedpub"))
    with pytest.raises(BuildError, match=r"state\.url needs psycopg \(pip install"):
        build(config)


@pytest.mark.usefixtures("s3_env")
def test_two_hosts_publish_to_one_bucket_with_one_postgres_state(
    tmp_path: Path, pg_url: str, seaweedfs: SeaweedFS
) -> None:
    # docs/cron.md's two-host setup: the same documents, one bucket, one state; host B
    # finishes what host A began, and the bucket holds what one folder build writes.
    bucket = seaweedfs.new_bucket()
    docs = tmp_path / "docs"
    docs.mkdir()
    _stories(docs)
    where = f'target = "s3://{bucket}/news/"\nendpoint_url = "{seaweedfs.endpoint}"'
    hosts = []
    for name in ("host-a", "host-b"):
        (tmp_path / name).mkdir()
        text = CONFIG_TEMPLATE.replace('folder = "docs"', f'folder = "{docs}"')
        text = text.replace('folder = "public"', where)
        text += f'\n[state]\nurl = "{pg_url}"\nlock_timeout = {PATIENCE}\n'
        (tmp_path / name / "config.toml").write_text(text, "utf-8")
        hosts.append(_small(load_config(tmp_path / name / "config.toml")))
    host_a, host_b = hosts
    assert build(host_a, now=T0).ok
    _changes(docs)
    assert _killed_build(host_a, T1, 1)  # host A dies before its first commit
    assert build(host_b, now=T1).ok
    assert build(host_a, now=T1).written == ()  # host B left nothing to do
    folder = _small(load_config(_project(tmp_path / "folder", None)))
    _stories(folder.input_dir)
    build(folder, now=T0)
    _changes(folder.input_dir)
    build(folder, now=T1)
    objects = {key.removeprefix("news/"): data for key, data in seaweedfs.objects(bucket).items()}
    assert objects == _tree(folder.output_dir)


def test_a_schema_4_database_is_carried_over(pg_url: str) -> None:
    """Migration 5 (the SQLite store's 14) turns the hex digests into bytes and the UTC
    texts into instants: what the store reads of them stays the same."""
    from feedpub.state_postgres import POSTGRES_MIGRATIONS

    sha = "5b6a9c85877d2f01db713076dfbd5b4f5ab04c2386873d4637079128fc832d88"
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("CREATE TABLE feedpub_schema (version INTEGER NOT NULL)")
        db.execute("INSERT INTO feedpub_schema VALUES (4)")
        for migration in POSTGRES_MIGRATIONS[:4]:
            for statement in filter(str.strip, migration.split(";")):
                db.execute(statement.encode())
        db.execute(
            "INSERT INTO documents (source, size, mtime_ns, sha256, key, first_seen, published,"
            " seq, section, updated) VALUES ('a.md', 1, 2, %s, 'k', '2025-03-01T12:00:00+00:00',"
            " '2025-03-01T11:00:00.250000', 0, NULL, '2025-03-02T00:00:00.000000')",
            (sha,),
        )
        db.execute("INSERT INTO authors VALUES ('a.md', 'Ana', '2025-03-01T11:00:00.250000')")
        db.execute(
            "INSERT INTO outputs (path, sha256) VALUES ('/p/atom.xml', %s), ('/p/x', '')", (sha,)
        )
    with PostgresStore.connect(pg_url, 10) as state:
        (record,) = state.records(["a.md"]).values()
        assert record.sha256 == sha
        assert state.stored_times("a.md") == (
            datetime(2025, 3, 1, 11, 0, 0, 250000, tzinfo=UTC),
            datetime(2025, 3, 2, tzinfo=UTC),
        )
        assert state.output_hashes() == {"/p/atom.xml": sha, "/p/x": ""}
        assert state.groups("author") == ["Ana"]
        assert state.sitemap_parts(1000) == [(0, "2025-03-02T00:00:00+00:00")]
