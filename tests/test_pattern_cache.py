"""The regular expressions' cache: patterns made from it are the ones ``re`` compiles."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedpub import pattern_cache

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]+)\.?\s+(?P<year>\d{4})", 0),
    (r"^\s*(?:by|von|par)\s+(.+?)\s*$", re.IGNORECASE | re.MULTILINE),
    (
        r"""
        (?<![\w-])          # not inside a word
        (?:[01]?\d|2[0-3])  # hours
        [:.h][0-5]\d        # minutes
     """,
        re.VERBOSE,
    ),
    (r"[\u00c0-\u024f]+|[^\W\d_]+(?=\s)", 0),
    (r"(a)|(?P<b>b)(?(1)c|d)", re.DOTALL),
    (rb"\x00[\x01-\x7f]*?\r?\n", 0),
    (r"(?i:Mon|Tue)(?-i:day)", 0),
    (r"ab*", re.ASCII),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache file of the test's own, in a process that has not used the cache yet."""
    path = tmp_path / "pycache" / "patterns"
    monkeypatch.setattr(pattern_cache, "cache_path", lambda: path)
    monkeypatch.setattr(pattern_cache, "_used", False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def _compiled(patterns: list[tuple[str | bytes, int]]) -> list[re.Pattern[Any]]:
    re.purge()  # else re's own cache answers before the compiler is asked
    return [re.compile(pattern, flags) for pattern, flags in patterns]


def _again(monkeypatch: pytest.MonkeyPatch) -> None:
    """As another process would: the cache not used yet."""
    monkeypatch.setattr(pattern_cache, "_used", False)


def test_patterns_from_the_cache_are_those_re_compiles(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _compiled(PATTERNS)  # re's own (equal patterns have equal code)
    with pattern_cache.kept():
        first = _compiled(PATTERNS)
    assert cache.exists()
    written = cache.stat().st_mtime_ns
    _again(monkeypatch)
    with pattern_cache.kept():
        second = _compiled(PATTERNS)
    assert first == expected
    assert second == expected
    for made, wanted in zip(second, expected, strict=True):
        assert (made.pattern, made.flags, made.groups, made.groupindex) == (
            wanted.pattern,
            wanted.flags,
            wanted.groups,
            wanted.groupindex,
        )
    assert cache.stat().st_mtime_ns == written  # nothing new: not written again
    assert second[0].match("12 March 2024").groupdict() == {  # type: ignore[union-attr]
        "day": "12",
        "month": "March",
        "year": "2024",
    }


def test_the_compiler_is_restored_and_a_bad_pattern_still_raises(cache: Path) -> None:
    original = re._compiler.compile  # type: ignore[attr-defined]
    with pytest.raises(re.error, match="missing"), pattern_cache.kept():
        _compiled([(r"(unclosed", 0)])
    assert re._compiler.compile is original  # type: ignore[attr-defined]


def test_once_per_process(cache: Path) -> None:
    with pattern_cache.kept():
        _compiled(PATTERNS[:1])
    with pattern_cache.kept():  # later calls: patterns compiled as always, nothing kept
        _compiled(PATTERNS[1:])
    table = pattern_cache._load(cache)
    assert set(table) == {(PATTERNS[0][0], PATTERNS[0][1])}


def test_new_patterns_join_the_kept_ones(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pattern_cache.kept():
        _compiled(PATTERNS[:3])
    _again(monkeypatch)
    with pattern_cache.kept():  # another document's first parse: other patterns
        _compiled(PATTERNS[2:4])
    assert len(pattern_cache._load(cache)) == 4


@pytest.mark.parametrize("damage", ["truncated", "flipped", "other python", "empty"])
def test_a_damaged_or_foreign_file_is_ignored_and_made_again(
    cache: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    with pattern_cache.kept():
        _compiled(PATTERNS)
    data = cache.read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "flipped":
        data = data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]
    elif damage == "other python":
        data = data.replace(sys.version.encode(), b"3.99.0 (other)", 1)
    else:
        data = b""
    cache.write_bytes(data)
    assert pattern_cache._load(cache) == {}
    _again(monkeypatch)
    with pattern_cache.kept():
        assert _compiled(PATTERNS) == _compiled(PATTERNS)
    assert len(pattern_cache._load(cache)) == len(PATTERNS)


def test_nothing_is_written_where_python_writes_no_bytecode(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    with pattern_cache.kept():
        _compiled(PATTERNS)
    assert not cache.exists()


def test_an_unwritable_folder_is_no_error(cache: Path) -> None:
    cache.parent.parent.mkdir(exist_ok=True)
    cache.parent.write_text("a file where the folder would be", encoding="utf-8")
    with pattern_cache.kept():
        assert _compiled(PATTERNS[:2])[0].pattern == PATTERNS[0][0]
    assert not cache.exists()


def test_the_file_is_beside_the_package_bytecode() -> None:
    path = pattern_cache.cache_path()
    assert path is not None
    assert path.parent.name == "__pycache__"
    assert path.parent.parent == Path(pattern_cache.__file__).parent


_FLAGS = st.sampled_from([0, re.IGNORECASE, re.MULTILINE | re.DOTALL, re.ASCII, re.VERBOSE])


@settings(max_examples=60)
@given(
    words=st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=4),
    flags=_FLAGS,
    quantifier=st.sampled_from(["", "?", "*", "+", "{1,3}", "*?"]),
)
def test_any_pattern_from_the_cache_equals_re_s(
    tmp_path_factory: pytest.TempPathFactory,
    words: list[str],
    flags: int,
    quantifier: str,
) -> None:
    pattern = "|".join(f"(?:{re.escape(word)}){quantifier}" for word in words)
    path = tmp_path_factory.mktemp("cache") / "patterns"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pattern_cache, "cache_path", lambda: path)
        patch.setattr(sys, "dont_write_bytecode", False)
        wanted = _compiled([(pattern, flags)])
        for _ in range(2):  # compiled into the cache, then made from it
            patch.setattr(pattern_cache, "_used", False)
            with pattern_cache.kept():
                assert _compiled([(pattern, flags)]) == wanted
        assert (pattern, flags) in pattern_cache._load(path)


def _gone(*args: object) -> Any:
    raise AttributeError("module 're._compiler' has no attribute '_code'")


class _OtherMatcher:
    """An ``_sre`` whose ``compile`` takes other arguments (another CPython's)."""

    MAGIC = 0
    CODESIZE = 4

    @staticmethod
    def compile(*args: object) -> Any:
        raise TypeError("compile() takes exactly 7 arguments")


@pytest.mark.parametrize("change", ["parser", "matcher"])
def test_re_compiles_where_its_private_parts_are_not_these(
    cache: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    expected = _compiled(PATTERNS)
    with pattern_cache.kept():  # the first process: writes the cache as this Python has it
        _compiled(PATTERNS)
    _again(monkeypatch)
    if change == "parser":
        monkeypatch.setattr(pattern_cache, "_parts", _gone)
        monkeypatch.setattr(pattern_cache, "_load", lambda path: {})
    else:
        monkeypatch.setattr(pattern_cache, "_matcher", _OtherMatcher)
    with pattern_cache.kept():
        got = _compiled(PATTERNS)
        with pytest.raises(re.error):
            re.compile("(unclosed")
    assert got == expected
    assert [p.groupindex for p in got] == [p.groupindex for p in expected]
