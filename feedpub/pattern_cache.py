"""Regular expressions compiled once per installation, not once per process.

The normaliser's modules compile about two hundred regular expressions when they are
imported, and dateparser some more on its first date: 0.1-0.2 s of CPU, a tenth of a run
that parses one changed document among a hundred thousand. Python's ``re`` spends nearly
all of it turning each pattern into the matcher's code, in Python; handing that code to the
matcher is a thousandth of it. ``kept()`` keeps the code of the patterns compiled while it
is active in a file beside the package's bytecode (the same folder, the same rules: none
is written when Python writes no bytecode), and the next process's identical patterns are
made from it. The patterns are the same objects either way: same pattern, flags, groups
and code; a file from another Python (or damaged) is ignored and written again, and where
``re``'s private parts are not the ones this reads (another CPython), ``re`` compiles.

The modules that compile patterns are left as they are: the cache is in place while the
pipeline imports the normaliser and parses its first document (``kept()`` around them),
and a pattern compiled at any other time, in any other way, is compiled as always.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from importlib.util import cache_from_source
from pathlib import Path
from typing import Any

__all__ = ["cache_path", "kept"]

_Parts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What ``_sre.compile`` makes a pattern from, beside its text: flags, code, groups and the
group names both ways."""

_lock = threading.Lock()
_used = False  # once per process: the first parse's patterns are all there is to keep


def cache_path() -> Path | None:
    """The cache file (beside this module's bytecode), or None where Python keeps none."""
    try:
        return Path(cache_from_source(__file__)).with_suffix(".patterns")
    except NotImplementedError:  # no bytecode cache tag: nowhere to keep it
        return None


def _matcher() -> Any:
    """CPython's regular expression engine (``re`` hands it the code it compiled)."""
    return import_module("_sre")


def _header() -> bytes:
    """What the cached code depends on: the matcher's version and Python's build."""
    _sre = _matcher()
    return f"feedpub patterns 1\0{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}\n".encode()


def _load(path: Path) -> dict[tuple[str | bytes, int], _Parts]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    header = _header()
    digest, body = data[len(header) : len(header) + 32], data[len(header) + 32 :]
    if not data.startswith(header) or hashlib.sha256(body).digest() != digest:
        return {}  # another Python's, or damaged: made again
    try:
        table = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def _save(path: Path, table: dict[tuple[str | bytes, int], _Parts]) -> None:
    if sys.dont_write_bytecode:
        return
    body = marshal.dumps(table)
    data = _header() + hashlib.sha256(body).digest() + body
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Readable as the bytecode beside it is (the umask applies, not a private mode).
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(temporary, path)  # a reader sees the old file or the new one
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass  # a read-only installation: every process compiles, as without the cache


def _parts(pattern: str | bytes, flags: int) -> _Parts:
    """What ``re._compiler.compile`` computes before handing it to ``_sre.compile``."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    tree = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(tree, flags)]  # named constants are ints
    names: dict[str, int] = dict(tree.state.groupdict)
    index: list[str | None] = [None] * tree.state.groups
    for name, number in names.items():
        index[number] = name
    return int(flags | tree.state.flags), code, tree.state.groups - 1, names, tuple(index)


@contextmanager
def kept() -> Iterator[None]:
    """Patterns compiled by ``re`` while this is active are made from the cache's code when
    it has theirs, and any it lacked are added to it when this ends. Active once per process
    (later calls, and those of processes forked after it, do nothing: the patterns are
    compiled by then); nothing at all where ``re`` is not CPython's."""
    global _used
    with _lock:
        first, _used = not _used, True
    compiler: Any = getattr(re, "_compiler", None)
    path = cache_path()
    if not first or path is None or not callable(getattr(compiler, "compile", None)):
        yield
        return
    _sre = _matcher()
    original: Callable[..., re.Pattern[Any]] = compiler.compile
    table = _load(path)
    wanted: dict[tuple[str | bytes, int], _Parts] = {}
    missed = False

    def compile(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        nonlocal missed
        if not isinstance(pattern, (str, bytes)) or flags & re.DEBUG:
            return original(pattern, flags)
        key = (pattern, int(flags))
        parts = table.get(key)
        try:
            made = parts or _parts(pattern, int(flags))
            compiled: re.Pattern[Any] = _sre.compile(pattern, *made)
        except re.error:
            raise  # a bad pattern raises re.error, as always
        except Exception:  # another Python's re internals: compile as re does
            return original(pattern, flags)
        missed = missed or parts is None
        wanted[key] = made
        return compiled

    compiler.compile = compile
    try:
        yield
    finally:
        compiler.compile = original
        if missed:
            # Kept with those of other documents' first parse (another document can need
            # other patterns), unless most are no longer asked for (the code changed).
            _save(path, {**table, **wanted} if len(table) <= 2 * len(wanted) else wanted)
