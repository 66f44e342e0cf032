"""tools/install-system-packages, with a stand-in apt-get: it waits for a lock that another
apt holds instead of failing (issue 15: `make test` failed on a busy machine)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "tools" / "install-system-packages"

# Answers as apt-get does while another apt holds the package lists' lock, for the first
# APT_BUSY_CALLS calls; then APT_FAIL's error, or success.
FAKE_APT_GET = """#!/bin/bash
echo "$*" >> "$APT_CALLS"
if [ "$(grep -c . "$APT_CALLS")" -le "$APT_BUSY_CALLS" ]; then
    echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)" >&2
    echo "E: Unable to lock directory /var/lib/apt/lists/" >&2
    exit 100
fi
if [ -n "$APT_FAIL" ]; then echo "E: $APT_FAIL" >&2; exit 100; fi
"""


def _run(
    tmp_path: Path, busy: int, fail: str = ""
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """The script on a PATH with no newsboat, chromium, ... (so it installs them) and the
    stand-in apt-get."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for tool in ("bash", "id", "mktemp", "grep", "cat", "rm", "sleep"):
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).unlink(missing_ok=True)
        (bin_dir / tool).symlink_to(found)
    fake = bin_dir / "apt-get"
    fake.write_text(FAKE_APT_GET)
    fake.chmod(0o755)
    calls = tmp_path / "calls"
    calls.write_text("")
    env = {
        "PATH": str(bin_dir),
        "APT_CALLS": str(calls),
        "APT_BUSY_CALLS": str(busy),
        "APT_FAIL": fail,
        "APT_LOCK_RETRY_SECONDS": "0",
        "TMPDIR": str(tmp_path),
    }
    done = subprocess.run(
        [str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    return done, calls.read_text().splitlines()


needs_root = pytest.mark.skipif(os.getuid() != 0, reason="as anyone else it runs sudo")


@needs_root
def test_waits_for_the_lock_another_apt_holds(tmp_path: Path) -> None:
    done, calls = _run(tmp_path, busy=2)
    assert done.returncode == 0, done.stderr
    assert [call.split()[-2:] for call in calls[:3]] == [["update", "-qq"]] * 3
    assert "install" in calls[3]
    assert "newsboat" in calls[3]
    assert all("DPkg::Lock::Timeout=600" in call for call in calls)
    assert done.stderr.count("apt is busy; waiting for its lock") == 1


@needs_root
def test_any_other_failure_fails_at_once_and_says_why(tmp_path: Path) -> None:
    done, calls = _run(tmp_path, busy=0, fail="Unable to locate package newsboat")
    assert done.returncode == 100
    assert len(calls) == 1
    assert "E: Unable to locate package newsboat" in done.stderr
