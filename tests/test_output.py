from __future__ import annotations

import os
from pathlib import Path

import pytest

from feedpub.output import write_atomic


def test_write_atomic_writes_and_skips_identical(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "feed.xml"
    assert write_atomic(path, b"one") is True
    assert path.read_bytes() == b"one"
    assert write_atomic(path, b"one") is False
    assert write_atomic(path, b"two") is True
    assert path.read_bytes() == b"two"
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)
    assert [p.name for p in path.parent.iterdir()] == ["feed.xml"]


def test_failed_write_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(b"good")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]
