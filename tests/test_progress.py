from __future__ import annotations

import io
import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

from feedpub.progress import MANY_DOCUMENTS, SLOW_AFTER, ProgressLine

ROOT = Path(__file__).resolve().parent.parent


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_short_run_shows_nothing() -> None:
    out, clock = io.StringIO(), Clock()
    line = ProgressLine(out, clock)
    for done in range(11):
        line(done, 10)
        clock.now += 0.01
    assert out.getvalue() == ""


def test_many_documents_show_a_line_that_is_cleared_at_the_end() -> None:
    out, clock = io.StringIO(), Clock()
    line = ProgressLine(out, clock)
    total = MANY_DOCUMENTS * 2
    for done in range(total + 1):
        line(done, total)
        clock.now += 0.001
    text = out.getvalue()
    assert text.startswith(f"\rfeedpub: parsing documents 0/{total} (0%)")
    # One redraw every 0.1 s of the fake clock, that is every 100 documents.
    assert f"\rfeedpub: parsing documents {total // 2}/{total} (50%)" in text
    assert "\n" not in text
    # Cleared: the last redraw is blanked out and the cursor is back at the start.
    last = text.rsplit("\r", 2)
    assert last[-1] == ""
    assert last[-2].strip() == ""
    # Redraws are throttled, not one per document.
    assert text.count("parsing") < total // 10


def test_a_slow_run_shows_progress_after_a_while() -> None:
    out, clock = io.StringIO(), Clock()
    line = ProgressLine(out, clock)
    line(0, 10)
    clock.now += SLOW_AFTER / 2
    line(1, 10)
    assert out.getvalue() == ""
    clock.now += SLOW_AFTER
    line(2, 10)
    assert "parsing documents 2/10 (20%)" in out.getvalue()


def _project(tmp_path: Path, count: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    corpus.write_corpus(tmp_path / "docs", count, seed=4)
    (tmp_path / "config.toml").write_text(
        '[feed]\ntitle = "T"\nsite_url = "https://t.example.org/"\nauthor = "T"\n'
        '[input]\nfolder = "docs"\n',
        encoding="utf-8",
    )
    return tmp_path / "config.toml"


def _fresh(config: Path) -> None:
    shutil.rmtree(config.parent / "public", ignore_errors=True)
    for state in config.parent.glob(".public.feedpub.sqlite*"):
        state.unlink()


def _build_on_a_terminal(config: Path, *flags: str) -> tuple[int, str, str]:
    """Run `feedpub build` with stderr on a pseudo-terminal; (exit code, stdout, terminal)."""
    leader, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "feedpub", "build", "--config", str(config), *flags],
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    os.close(leader)
    stdout, _ = process.communicate(timeout=120)
    return process.returncode, stdout.decode(), seen.decode()


def test_cli_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    config = _project(tmp_path, MANY_DOCUMENTS + 50)
    code, stdout, terminal = _build_on_a_terminal(config)
    assert code == 0
    assert "\rfeedpub: parsing documents" in terminal
    assert terminal.endswith("\r")  # cleared before anything else is printed
    assert "entries, 0 rejected" in stdout

    _fresh(config)
    code, stdout, terminal = _build_on_a_terminal(config, "--quiet")
    assert (code, stdout, terminal) == (0, "", "")

    _fresh(config)  # as from cron: stderr is no terminal
    result = subprocess.run(
        [sys.executable, "-m", "feedpub", "build", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert "entries, 0 rejected" in result.stdout

    # A no-op run has nothing to parse, so even on a terminal it shows nothing.
    assert _build_on_a_terminal(config)[2] == ""
