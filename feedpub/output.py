"""Writing output files atomically (the I/O edge on the way out).

A reader fetching a feed while it is rewritten must see the old file or the new one, never a
mix: the bytes go to a temporary file in the same folder, are flushed to disk, and replace the
old file with one ``os.replace``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import overload

__all__ = ["Paths", "code_stamp", "sync_all", "write_atomic"]


class Paths(Sequence[Path]):
    """Output files, a ``Path`` each when looked at but kept as their names: a first build's
    hundred thousand ``Path`` objects (about 380 bytes each, their names 100) were a fifth
    of its peak memory. Equal to the tuple of the same paths."""

    __slots__ = ("_names",)

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._names = tuple(names)

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, index: int) -> Path: ...

    @overload
    def __getitem__(self, index: slice) -> Paths: ...

    def __getitem__(self, index: int | slice) -> Path | Paths:
        if isinstance(index, slice):
            return Paths(self._names[index])
        return Path(self._names[index])

    def __iter__(self) -> Iterator[Path]:
        return map(Path, self._names)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Paths):
            return self._names == other._names
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Paths({list(self._names)!r})"


def code_stamp(modules: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
    """Name, size and modification time of feedpub's own modules (of ``modules`` only, when
    given, as paths below the package such as ``render.py`` or ``extract/layout.py``): part
    of what outputs are made from, so that changed code is not taken for a run with nothing
    to do, even before the version number moves. Subpackages count too."""
    found: list[tuple[str, int, int]] = []
    folders = [(os.path.dirname(__file__), "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as listing:
            for entry in listing:
                name = prefix + entry.name
                if entry.is_dir() and not entry.name.startswith((".", "__")):
                    folders.append((entry.path, name + "/"))
                elif entry.name.endswith(".py") and (modules is None or name in modules):
                    stat = entry.stat()
                    found.append((name, stat.st_size, stat.st_mtime_ns))
    return sorted(found)


def write_atomic(
    path: str | Path, data: bytes, *, durable: bool = True, absent: bool = False
) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly those bytes.

    ``durable=False`` skips the two fsyncs (file and folder): for a batch of many files
    (entry pages, archive pages) made durable together by one ``sync_all`` afterwards. The
    replacement is atomic either way. ``absent=True`` says the caller knows there is no
    file at ``path`` (it listed the folder), so there is nothing to compare with.

    Returns True when the file was written, False when it was already up to date (its
    modification time is then left alone, so HTTP caches and ``make`` see no change).
    """
    path = os.fspath(path)
    try:
        if not absent:
            with open(path, "rb") as old:
                if old.read() == data:
                    return False
    except FileNotFoundError:
        pass
    folder, name = os.path.split(path)
    folder = folder or os.curdir
    # A name of our own, not mkstemp's random one: only one build writes at a time (the
    # state's lock), and a first build creates a file per entry, where mkstemp's name
    # drawing, its chmod by path and a mkdir per file added a fifth to each write.
    tmp_name = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    fd = _create(tmp_name, folder)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fchmod(fd, 0o644)  # whatever the umask: feeds are meant to be served
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(folder)
    return True


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _create(tmp_name: str, folder: str) -> int:
    """A new, empty temporary file, making its folder when needed."""
    try:
        return os.open(tmp_name, _CREATE, 0o600)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        # Left by a killed run that had this process id: nobody else writes here now.
        os.unlink(tmp_name)
    return os.open(tmp_name, _CREATE, 0o600)


def sync_all() -> None:
    """Flush every write so far to disk: one call in place of an fsync per file."""
    os.sync()


def _fsync_dir(folder: str) -> None:
    # Makes the rename itself durable; not every platform can open a directory.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
