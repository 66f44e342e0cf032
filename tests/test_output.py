from __future__ import annotations

import os
from pathlib import Path

import pytest

from feedpub.output import code_stamp, write_atomic


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


def test_a_temporary_file_left_by_a_killed_run_is_replaced(tmp_path: Path) -> None:
    # A run killed between creating its temporary file and the rename leaves it behind; a
    # later process with the same id must still be able to write.
    path = tmp_path / "feed.xml"
    (tmp_path / f".feed.xml.{os.getpid()}.tmp").write_bytes(b"half a fe")
    assert write_atomic(path, b"whole", durable=False) is True
    assert path.read_bytes() == b"whole"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_written_files_are_readable_by_all_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "a" / "page.html", b"<p>hi</p>", durable=False)
    finally:
        os.umask(old)
    assert oct((tmp_path / "a" / "page.html").stat().st_mode & 0o777) == oct(0o644)


def test_write_atomic_takes_a_name_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert write_atomic("feed.xml", b"one") is True
    assert write_atomic("feed.xml", b"one") is False
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_code_stamp_covers_the_subpackages() -> None:
    """Modules moved into a subpackage still count as code that outputs are made from."""
    names = [name for name, _, _ in code_stamp()]
    assert "render.py" in names
    assert "extract/layout.py" in names
    assert names == sorted(names)
    assert [name for name, _, _ in code_stamp(frozenset({"extract/body.py"}))] == [
        "extract/body.py"
    ]


def test_paths_are_the_tuple_of_their_paths() -> None:
    from feedpub.output import Paths

    names = ["/out/atom.xml", "/out/entries/a.html", "/out/entries/b.html"]
    paths = Paths(names)
    expected = tuple(Path(name) for name in names)
    assert paths == expected
    assert expected == paths
    assert paths != expected[:2]
    assert hash(paths) == hash(expected)
    assert len(paths) == 3
    assert paths[1] == Path("/out/entries/a.html")
    assert isinstance(paths[-1], Path)
    assert paths[1:] == expected[1:]
    assert Path("/out/atom.xml") in paths
    assert Path("/out/rss.xml") not in paths
    assert list(paths) == list(expected)
    assert Paths() == ()
    assert not Paths()
