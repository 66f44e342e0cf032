from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from feedpub.cli import main

from .conftest import ROOT, SEED


def test_build_prints_what_it_wrote(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    public = project / "public"
    assert main(["build", "--config", str(project / "config.toml")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"wrote 12 files in {public}:",
        "  feed.css, atom.xml, rss.xml, feed.json, feeds.opml, feeds.html, index.html, sitemap.xml",
        "  3 section feeds in sections/",
        "  1 entry page in entries/",
        "1 entry, 0 rejected",
    ]
    assert main(["build", "--config", str(project / "config.toml")]) == 0
    # A run with nothing to do checks the top-level files only (docs/commands.md: no-op).
    assert "unchanged: 8 files already up to date" in capsys.readouterr().out
    (public / "atom.xml").unlink()
    assert main(["build", "--config", str(project / "config.toml")]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        f"wrote 1 file in {public} (11 unchanged):",
        "  atom.xml",
    ]
    (public / "atom.xml").unlink()
    assert main(["build", "-v", "--config", str(project / "config.toml")]) == 0
    out = capsys.readouterr().out
    assert f"wrote {public / 'atom.xml'}" in out
    assert f"unchanged {public / 'rss.xml'}" in out
    assert f"unchanged {public / 'entries'}/" in out


def test_a_first_build_of_many_entries_says_so_in_a_few_lines(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15: a first build of 26 entries printed 90 lines, one per feed written."""
    from .test_publish import write_story

    for n in range(1, 27):
        write_story(project / "docs", n, section=f"Section {n % 9}", author=f"Writer {n % 7}")
    config = project / "config.toml"
    config.write_text(config.read_text("utf-8") + "archive_size = 10\n", "utf-8")
    assert main(["build", str(config)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"wrote 92 files in {project / 'public'}:",
        "  feed.css, atom.xml, rss.xml, feed.json, feeds.opml, feeds.html, index.html, sitemap.xml",
        "  30 section feeds in sections/, 21 author feeds in authors/, 6 archive feeds in archive/",
        "  27 entry pages in entries/",
        "27 entries, 0 rejected",
    ]
    shutil.rmtree(project / "public")
    assert main(["build", "-v", str(config)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 92 + 1  # each file, and the summary


def test_drafts_are_counted_and_named_with_verbose(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "A paragraph of body text that is long enough to be the summary here.\n"
    (project / "docs" / "d.md").write_text(f"---\ntitle: D\ndraft: true\n---\n\n{body}")
    assert main(["build", "--config", str(project / "config.toml")]) == 0  # no error
    captured = capsys.readouterr()
    assert "1 entry, 0 rejected, 1 draft" in captured.out
    assert captured.err == ""
    assert main(["build", "-v", "--config", str(project / "config.toml")]) == 0
    err = capsys.readouterr().err
    assert "feedpub: not published " in err
    assert "d.md:3: a draft (YAML front matter says draft: true)" in err
    assert main(["build", "-q", "--config", str(project / "config.toml")]) == 0
    assert capsys.readouterr() == ("", "")


def test_quiet_prints_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "-q", "--config", str(project / "config.toml")]) == 0
    assert capsys.readouterr() == ("", "")


def test_rejected_document_exit_code(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "bad.txt").write_text("42\n", encoding="utf-8")
    assert main(["build", "--config", str(project / "config.toml")]) == 1
    assert "bad.txt:1: no headline found" in capsys.readouterr().err


def test_quiet_names_a_broken_document_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From cron (-q), a document is reported on the run that finds it broken, not mailed
    again every run until it is fixed; the exit code keeps saying something is rejected."""
    bad = project / "docs" / "bad.txt"
    bad.write_text("42\n", encoding="utf-8")
    quiet = ["build", "-q", "--config", str(project / "config.toml")]
    assert main(quiet) == 1
    assert "bad.txt:1: no headline found" in capsys.readouterr().err
    assert main(quiet) == 1
    assert capsys.readouterr() == ("", "")
    # Without -q every run says it; new bytes that are still broken are news again.
    assert main(["build", "--config", str(project / "config.toml")]) == 1
    assert "bad.txt:1: no headline found" in capsys.readouterr().err
    bad.write_text("4 2\n", encoding="utf-8")
    assert main(quiet) == 1
    assert "bad.txt:1: " in capsys.readouterr().err


def test_config_error_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--config", str(tmp_path / "none.toml")]) == 2
    assert "configuration file not found" in capsys.readouterr().err


def test_console_script_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "feedpub", "--version"], capture_output=True, text=True, check=True
    )
    assert re.fullmatch(r"feedpub \d+\.\d+\.\d+\n", result.stdout)


def test_every_command_is_documented() -> None:
    page = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    from feedpub.cli import _parser

    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"\nfeedpub {name} " in page, f"`feedpub {name}` is not in docs/commands.md"
        assert f"## feedpub {name}" in page, f"docs/commands.md has no section on {name}"


def test_init_writes_a_starter_config_that_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from feedpub import load_config
    from feedpub.config import _SCHEMA

    path = tmp_path / "config.toml"
    assert main(["init", str(path)]) == 0
    # Named anything but config.toml, the file must be passed to build.
    assert f"then run feedpub build --config {path}" in capsys.readouterr().out
    text = path.read_text("utf-8")
    config = load_config(path)
    assert config.input_dir == tmp_path / "documents"
    # The README's quick start puts documents into it right away.
    assert config.input_dir.is_dir()
    assert list(config.input_dir.iterdir()) == []
    for table, keys in _SCHEMA.items():
        for key in keys:
            assert f"{key} =" in text, f"{table}.{key} is not in the starter config"
    # A second init does not overwrite the user's file.
    path.write_text(text + "\n# mine\n", "utf-8")
    assert main(["init", str(path)]) == 2
    assert "exists" in capsys.readouterr().err
    assert path.read_text("utf-8").endswith("# mine\n")


# Keys whose starter value is an example to edit, not a default (the README's table says
# "required", "none" or "by language" for these).
_STARTER_EXAMPLES = {
    "feed.title", "feed.site_url", "feed.feed_url", "feed.author", "feed.author_email",
    "feed.subtitle", "feed.icon", "feed.logo", "feed.language", "feed.id_authority",
    "input.folder", "input.day_first", "ping.hubs", "ping.services", "output.target",
    "output.endpoint_url", "purge.url", "purge.command", "state.url", "ping.indexnow_key",
}  # fmt: skip


def test_the_starter_config_shows_each_default(tmp_path: Path) -> None:
    """README: `feedpub init` writes every key with its default. Each value shown (set or
    commented out) must configure what leaving the key out does."""
    import tomllib

    from feedpub import load_config
    from feedpub.config import STARTER_CONFIG

    minimal = '[feed]\ntitle = "T"\nsite_url = "https://example.org/"\nauthor = "A"\n'
    (tmp_path / "seeds").mkdir()
    bare = tmp_path / "bare.toml"
    bare.write_text(minimal, "utf-8")
    table = ""
    checked = 0
    for line in STARTER_CONFIG.splitlines():
        if header := re.fullmatch(r"#? ?\[(\w+)\]", line):
            table = header[1]
            continue
        setting = re.fullmatch(r"#? ?(\w+) = (.+?)(?:\s+#.*)?", line)
        if not setting or f"{table}.{setting[1]}" in _STARTER_EXAMPLES:
            continue
        key, value = setting[1], tomllib.loads(f"v = {setting[2]}")["v"]
        path = tmp_path / "one.toml"
        extra = "" if table == "feed" else f"[{table}]\n"
        path.write_text(f"{minimal}{extra}{key} = {setting[2]}\n", "utf-8")
        assert load_config(path) == load_config(bare), f"{table}.{key} = {value!r}"
        checked += 1
    assert checked >= 15


def test_verbose_says_what_changed(project: Path) -> None:
    command = [sys.executable, "-m", "feedpub", "build", "--config", str(project / "config.toml")]
    verbose = subprocess.run([*command, "-v"], capture_output=True, text=True, check=True)
    assert (
        "1 document: 1 read (new, changed or rejected by other code), 0 unchanged" in verbose.stderr
    )
    plain = subprocess.run(command, capture_output=True, text=True, check=True)
    assert plain.stderr == ""


def test_skipped_documents_are_named_as_the_user_can_open_them(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """README: `feedpub: skipped seeds/bad.txt:1: ...`: the path from where the command runs
    (the cron line's `cd /srv/feedpub`), not from inside the input folder."""
    (project / "docs" / "bad.txt").write_text("42\n", encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["build", "-q"]) == 1
    assert capsys.readouterr().err.startswith("feedpub: skipped docs/bad.txt:1: no headline")
    # From a folder the document is not below: the whole path.
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    # (not -q: a quiet run names a document it already named only once)
    assert main(["build", "--config", str(project / "config.toml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"feedpub: skipped {project / 'docs' / 'bad.txt'}:1: no headline")


def test_serve_on_a_port_in_use_is_a_clear_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--port", str(port), "--config", str(project / "config.toml")])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"feedpub: error: cannot serve on 127.0.0.1:{port}: ")
    assert "Traceback" not in err


def test_serve_watch_reports_each_rebuild(project: Path, tmp_path: Path) -> None:
    """`feedpub serve --watch` says what each rebuild did, rejected documents included:
    it used to rebuild without a word, so a bad document went unnoticed."""
    import os
    import time

    from feedpub.state import locked

    config = project / "config.toml"
    config.write_text(config.read_text() + "\n[state]\nlock_timeout = 0\n")
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "feedpub", "serve", "--port", "0", "--watch"],
            cwd=project, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_for(line: str) -> None:
        # A bound only against hanging for ever: each wait ends as soon as the line is there,
        # and a busy machine may take long to start Python and rebuild.
        deadline = time.monotonic() + 300
        while line not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)

    def put(text: str) -> None:
        # Whole, in one rename: a watcher looking while write_text runs saw an empty file,
        # and the one rebuild the test waits for said "empty file" (it failed so, loaded).
        hidden = project / "docs" / ".bad.txt"  # hidden: never a document
        hidden.write_text(text, encoding="utf-8")
        os.replace(hidden, project / "docs" / "bad.txt")

    try:
        wait_for("serving")
        put("42\n")
        wait_for("rebuilt")
        # A cron build holds the lock: that rebuild fails, in a line, and serving goes on.
        with locked(project / ".public.feedpub.sqlite.lock", 0):
            put("4 2\n")
            wait_for("rebuild failed")
    finally:
        server.terminate()
        server.wait(10)
    text = log.read_text()
    assert "feedpub: skipped docs/bad.txt:1: no headline found" in text
    assert "rebuilt: 1 entry, 1 rejected" in text
    assert "feedpub: rebuild failed, the feeds are as they were: another feedpub run" in text
    assert "Traceback" not in text


def test_verbose_names_a_skipped_document_once(project: Path) -> None:
    """-v printed each skipped document twice: the CLI's line and the library's warning."""
    (project / "docs" / "bad.txt").write_text("42\n", encoding="utf-8")
    command = [sys.executable, "-m", "feedpub", "build", "-v"]
    for read in (2, 0):  # the second run says the rejection again from the state, unread
        run = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
        assert run.returncode == 1
        assert run.stderr.count("bad.txt") == 1, run.stderr
        assert f"2 documents: {read} read (new, changed or rejected by other code)" in run.stderr


@pytest.mark.parametrize("command", [["inspect", str(SEED)], ["build", "-v"]])
def test_output_to_a_closed_pipe_is_no_traceback(project: Path, command: list[str]) -> None:
    """`feedpub inspect FILE | head -2` printed a BrokenPipeError traceback."""
    import os

    read, write = os.pipe()
    os.close(read)  # the reader is gone before feedpub writes a line
    try:
        run = subprocess.run(
            [sys.executable, "-m", "feedpub", *command], cwd=project,
            stdout=write, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    finally:
        os.close(write)
    assert "Traceback" not in run.stderr
    assert "Exception ignored" not in run.stderr
    assert run.returncode == 141  # as a program killed by SIGPIPE: 128 + 13


def test_a_broken_state_file_or_folder_is_an_error_not_a_traceback(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both printed a traceback and exited 1 ("published, some documents rejected")."""
    config = project / "config.toml"
    state = project / ".public.feedpub.sqlite"
    state.write_text("not a database at all, but long enough to be read as a header\n" * 20)
    assert main(["build", "-q", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"feedpub: error: cannot use the state file {state}: ")
    assert "file is not a database" in err
    # A state path that cannot be created: a folder where a file is.
    (project / "taken").write_text("a file")
    config.write_text(config.read_text() + '\n[state]\npath = "taken/state.sqlite"\n')
    assert main(["build", "-q", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("feedpub: error: ")
    assert str(project / "taken") in err
    assert "Traceback" not in err


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_serve_port_out_of_range_is_a_usage_error(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--port 70000 was an OverflowError traceback."""
    with pytest.raises(SystemExit) as info:
        main(["serve", "--port", port])
    assert info.value.code == 2
    assert "--port: a port number from 0 to 65535" in capsys.readouterr().err


def test_ctrl_c_is_one_line_not_a_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import feedpub.cli

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(feedpub.cli, "build", interrupted)
    assert main(["build", "--config", str(project / "config.toml")]) == 130
    assert capsys.readouterr().err == (
        "feedpub: interrupted; the next run continues from the last complete one\n"
    )


def test_quiet_and_verbose_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    """The README writes `[-q | -v]`; together, -q printed -v's log lines."""
    with pytest.raises(SystemExit) as info:
        main(["build", "-q", "-v"])
    assert info.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_help_explains_each_command(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 15: `feedpub --help` was bare argparse: no description per command, no
    defaults, no examples, and "Atom and RSS" without JSON Feed."""
    from feedpub.cli import _parser

    with pytest.raises(SystemExit) as exit_code:
        main(["--help"])
    assert exit_code.value.code == 0
    top = capsys.readouterr().out
    assert "JSON Feed" in top
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert "{init,build,serve,inspect,check,ping}" in top.splitlines()[0]  # the synopsis
    for line in ("feedpub init", "feedpub build", "feedpub serve", "*/5 * * * *"):
        assert line in top  # a first feed in four steps, and the cron line
    for name in commands:
        with pytest.raises(SystemExit):
            main([name, "--help"])
        text = capsys.readouterr().out
        assert "examples:\n  feedpub " + name in text, name
        assert len(text.split("\n\n")[1]) > 60, f"{name} has no description"
        if "--config" in text and name != "inspect":
            words = " ".join(text.split())  # as argparse wraps it for the terminal
            assert "(default: config.toml in the current folder)" in words, name
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert "(default: 8000)" in capsys.readouterr().out


def test_the_configuration_as_an_argument(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`feedpub build site.toml`, as `feedpub init site.toml` writes it (argparse called it an
    unrecognised argument); both forms at once must agree."""
    config = project / "config.toml"
    assert main(["build", "-q", str(config)]) == 0
    assert (project / "public" / "atom.xml").is_file()
    assert main(["check", str(config)]) == 0
    assert main(["build", "-q", str(config), "--config", str(config)]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_code:
        main(["build", str(config), "--config", "other.toml"])
    assert exit_code.value.code == 2
    assert "two configurations given" in capsys.readouterr().err
    # What a new user may try first: the folder, or a document.
    for wrong, what in [(project / "docs", "a folder"), (SEED, "a document")]:
        with pytest.raises(SystemExit):
            main(["build", str(wrong)])
        err = capsys.readouterr().err
        assert f"{wrong} is {what}; CONFIG is the configuration file" in err
