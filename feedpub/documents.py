"""Reading input documents from disk and decoding them (the I/O edge of the pipeline)."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from fnmatch import translate
from operator import attrgetter
from pathlib import Path
from typing import BinaryIO, NamedTuple

from .errors import DocumentError
from .model import Document

__all__ = [
    "DEFAULT_PATTERNS",
    "FoundFile",
    "check_name",
    "decode",
    "find_documents",
    "found_files",
    "iter_documents",
    "list_documents",
    "read_document",
]

# Every format the normaliser reads: plain text, Markdown, HTML pages and JSON records.
DEFAULT_PATTERNS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.json")

# Control characters other than tab, newline, carriage return and form feed mark a binary file.
_BINARY_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) - {0x1B}
# Deleting every other byte leaves only the binary ones: counted in C, not byte by byte.
_TEXT_BYTES = bytes(b for b in range(256) if b not in _BINARY_BYTES)


def decode(data: bytes, source: str) -> str:
    """Decode a document's bytes: UTF-8 (with or without BOM) or UTF-16 with its BOM, else
    cp1252; newlines as ``\\n``.

    Raises ``DocumentError`` for empty or binary content.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows Notepad's "Unicode": UTF-16, announced by its BOM. Its zero bytes would
        # otherwise read as binary content.
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeError as exc:
            raise DocumentError(source, "not valid UTF-16 (it starts with its BOM)") from exc
    if not data.strip():
        raise DocumentError(source, "empty document")
    if b"\x00" in data or len(data[:4096].translate(None, _TEXT_BYTES)) > 8:
        raise DocumentError(source, "binary content, not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows-1252 is the usual non-UTF-8 encoding of scraped text and a superset of
        # Latin-1's printable range; its five undefined bytes fall back to Latin-1.
        text = (
            data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def check_name(source: str) -> None:
    """Raise ``DocumentError`` when a file name from the file system holds bytes that are
    not UTF-8 (a Latin-1 name from an old share): such a name cannot be stored, hashed into
    an entry key or written in a feed. The error shows those bytes escaped (``caf\\xe9.txt``).
    """
    if source.isprintable():
        return  # lone surrogates, which stand for such bytes, are never printable
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(source).decode("utf-8", "backslashreplace")
        raise DocumentError(shown, "file name is not valid UTF-8: rename it") from None


def not_a_file(mode: int) -> str | None:
    """What a file of ``mode`` (``st_mode``) is when it is no regular file, which a document
    must be (a named pipe is read for ever, a device may be); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


@contextmanager
def opened_file(path: Path | str, source: str) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """``path`` opened for reading, with what it is (``os.fstat`` of the open file, not of
    the name: a file may have become a folder or a named pipe since it was listed). One
    that cannot be opened, or is no regular file, and a read that fails are each a
    ``DocumentError`` of ``source``. The file is closed on every path out, an exception's
    too."""
    try:
        # Opened without waiting: a named pipe with no writer would hold open() for ever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise DocumentError(source, f"cannot read: {exc.strerror}") from exc
    try:
        info = os.fstat(fd)
        kind = not_a_file(info.st_mode)
        # Checked before open(), which refuses a folder with its fd number and leaves the fd
        # open; a named pipe with a writer would be read as None.
        if kind is not None:
            raise DocumentError(source, f"not a regular file ({kind}): not read")
        with open(fd, "rb", closefd=False) as file:
            yield file, info
    except OSError as exc:
        raise DocumentError(source, f"cannot read: {exc.strerror}") from exc
    finally:
        os.close(fd)


def read_document(path: Path, root: Path | None = None, *, max_size: int | None = None) -> Document:
    """Read one document; ``source`` is its path relative to ``root`` when given. One that
    is no regular file (a folder, a named pipe, a device), or larger than ``max_size`` bytes
    when given, is a ``DocumentError`` without being read."""
    source = str(path.relative_to(root)) if root is not None else str(path)
    check_name(source)
    too_large = f"larger than input.max_size ({max_size or 0:,} bytes): not read"
    with opened_file(path, source) as (file, info):
        if max_size is not None and info.st_size > max_size:
            raise DocumentError(source, too_large)
        data = file.read() if max_size is None else file.read(max_size + 1)
    if max_size is not None and len(data) > max_size:  # it grew while it was read
        raise DocumentError(source, too_large)
    mtime = info.st_mtime
    return Document(
        source=source,
        text=decode(data, source),
        modified=datetime.fromtimestamp(mtime, UTC),
        path=path,
    )


_by_name = attrgetter("name")


class FoundFile(NamedTuple):
    """A document file found in the input folder (a tuple: scanning makes one per file)."""

    source: str
    """The path relative to the input folder, ``/``-separated."""
    path: str
    """The path to open."""
    unchecked: bool
    """A symbolic link, or found by a path pattern: it may lead out of the input folder."""


def find_documents(
    folder: Path, pattern: str | Sequence[str] = DEFAULT_PATTERNS
) -> list[FoundFile]:
    """Every document file under ``folder`` matching a pattern, in ``list_documents`` order.

    File-name patterns (no ``/``) are matched during one ``os.scandir`` walk, which makes no
    ``Path`` per file and stats nothing but symbolic links: a no-op build's scan of ten
    thousand documents costs little more than listing them. Like ``Path.rglob``, the walk
    does not descend into linked folders.
    """
    return [FoundFile(*found) for found in found_files(folder, pattern)]


def found_files(
    folder: Path, pattern: str | Sequence[str] = DEFAULT_PATTERNS
) -> list[tuple[str, str, bool]]:
    """``find_documents`` as plain tuples (``FoundFile``'s fields): making a named tuple
    per file was a sixth of a no-op build's scan."""
    patterns = (pattern,) if isinstance(pattern, str) else tuple(pattern)
    if any("/" in p for p in patterns):
        return [
            (path.relative_to(folder).as_posix(), str(path), True)
            for path in list_documents(folder, patterns)
        ]
    found: list[tuple[str, str, bool]] = []
    # Sorting each folder's names and descending in that order gives the order of sorted
    # paths (compared part by part), so a file and a folder named alike keep their order.
    _walk(str(folder), "", _matcher(patterns), found)
    return found


def _walk(
    directory: str,
    prefix: str,
    matches: Callable[[str], object],
    found: list[tuple[str, str, bool]],
) -> None:
    """Add to ``found`` the files of ``directory`` and its subfolders whose names match.
    (A function of its own: a nested one that calls itself is a reference cycle, which
    kept the list of a hundred thousand files until the garbage collector came by.)"""
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=_by_name)
    except OSError:
        return  # an unreadable subfolder is skipped, as rglob does
    for entry in entries:
        name = entry.name
        if name[0] == ".":
            continue  # hidden files and folders
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, prefix + name + "/", matches, found)
        elif name[-1] != "~" and matches(name) and _is_file(entry):
            found.append((prefix + name, entry.path, entry.is_symlink()))


def _matcher(patterns: Sequence[str]) -> Callable[[str], object]:
    """A test of a file name against file-name ``patterns``: when each is ``*`` and a plain
    ending (``*.txt``), whether the name has one of those endings (the same answers as the
    patterns' expression, in a third of its time); else the expression's ``match``."""
    endings = tuple(p[1:] for p in patterns)
    if all(p.startswith("*") and not any(c in p[1:] for c in "*?[") for p in patterns):
        return lambda name: name.endswith(endings)
    return re.compile("|".join(translate(p) for p in patterns)).match


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A file, a link that cannot be followed (one that leads to itself), or what is no
    file but stands where one is expected (a named pipe, a socket, a device, or a link to
    one): found, so that the scan names it and why. A dangling link is skipped, as
    ``rglob`` skips it, and so is a link to a folder (never descended into)."""
    try:
        if entry.is_file():
            return True
        mode = entry.stat().st_mode  # only what is no regular file: a few, if any
    except FileNotFoundError:  # a dangling link
        return False
    except OSError:  # a loop
        return True
    return not stat.S_ISDIR(mode)


def _is_special(path: Path) -> bool:
    """A named pipe, socket or device (or a link to one): no file, but where one may be."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISDIR(mode) and not stat.S_ISREG(mode)


def _is_loop(path: Path) -> bool:
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def list_documents(folder: Path, pattern: str | Sequence[str] = DEFAULT_PATTERNS) -> list[Path]:
    """Every document file under ``folder`` matching a pattern, sorted.

    Hidden files and editor backups (``.name``, ``name~``) are left out.
    """
    patterns = (pattern,) if isinstance(pattern, str) else tuple(pattern)
    if not any("/" in p for p in patterns):
        return [folder / found.source for found in find_documents(folder, patterns)]
    paths = {path for p in patterns for path in folder.rglob(p)}
    found = []
    for path in sorted(paths):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or path.name.endswith("~"):
            continue
        if path.is_file() or _is_loop(path) or _is_special(path):  # as in find_documents
            found.append(path)
    return found


def iter_documents(
    folder: Path, pattern: str | Sequence[str] = DEFAULT_PATTERNS
) -> Iterator[Document | DocumentError]:
    """Yield every document under ``folder`` matching a pattern, in a stable order, or its error.

    A document that cannot be read is yielded as its ``DocumentError`` so one bad file never
    stops the others.
    """
    for path in list_documents(folder, pattern):
        try:
            yield read_document(path, folder)
        except DocumentError as exc:
            yield exc
