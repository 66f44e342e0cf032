from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedpub import DocumentError
from feedpub.documents import decode, iter_documents


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Köln café\n".encode(), "Köln café\n"),
        (b"\xef\xbb\xbfK\xc3\xb6ln\r\nline\r\n", "Köln\nline\n"),
        ("Köln “quoted” – café\n".encode("cp1252"), "Köln “quoted” – café\n"),
        ("Köln\n".encode("latin-1"), "Köln\n"),
        # Windows Notepad's "Unicode" (UTF-16 with a BOM) was rejected as binary content.
        ("Köln\r\nline\r\n".encode("utf-16"), "Köln\nline\n"),
        (codecs.BOM_UTF16_BE + "Köln\n".encode("utf-16-be"), "Köln\n"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data, "x.txt") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\n", "empty"),
        (b"PK\x03\x04\x00\x00", "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),  # a lone surrogate
    ],
)
def test_decode_rejects(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError, match=reason) as info:
        decode(data, "x.txt")
    assert info.value.source == "x.txt"


def test_iter_documents_is_sorted_and_yields_errors(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("second", encoding="utf-8")
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "ignored.csv").write_text("not matched", encoding="utf-8")
    (tmp_path / "a.txt~").write_text("editor backup", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.md").write_text("markdown", encoding="utf-8")
    (tmp_path / "sub" / "e.html").write_text("<p>page</p>", encoding="utf-8")
    (tmp_path / "f.json").write_text("{}", encoding="utf-8")
    items = list(iter_documents(tmp_path))
    sources = [getattr(i, "source", None) for i in items]
    assert sources == ["a.txt", "b.txt", "c.txt", "f.json", "sub/d.md", "sub/e.html"]
    assert isinstance(items[2], DocumentError)
    assert [getattr(i, "source", None) for i in iter_documents(tmp_path, "*.txt")] == [
        "a.txt",
        "b.txt",
        "c.txt",
    ]
    assert len(list(iter_documents(tmp_path, ["*.md", "*.json"]))) == 2


def _rglob_documents(folder: Path) -> list[Path]:
    """The walk find_documents replaced (rglob + fnmatch + sorted paths), as the oracle."""
    from fnmatch import fnmatch

    from feedpub.documents import DEFAULT_PATTERNS

    paths = {p for p in folder.rglob("*") if any(fnmatch(p.name, g) for g in DEFAULT_PATTERNS)}
    return [
        p
        for p in sorted(paths)
        if not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and not p.name.endswith("~")
        and p.is_file()
    ]


def test_find_documents_walks_like_rglob_in_sorted_order(tmp_path: Path) -> None:
    import os

    from feedpub.documents import find_documents, list_documents

    docs = tmp_path / "docs"
    for folder in ("a", "a.b", "a-b", ".hidden", "sub/deep", "d.txt"):
        (docs / folder).mkdir(parents=True)
    for name in (
        "a.txt",
        "a/x.txt",
        "a.b/y.md",
        "a-b/z.html",
        ".hidden/h.txt",
        "sub/deep/q.md",
        "sub/r.txt~",
        "sub/.s.txt",
        "b.json",
        "c.bin",
        "B.TXT",
        "outside.txt",
    ):
        (docs / name).write_text("x", encoding="utf-8")
    (docs / "outside.txt").rename(tmp_path / "outside.txt")
    os.symlink(docs / "sub", docs / "linked")  # a linked folder is not entered
    os.symlink(docs / "a.txt", docs / "link.txt")
    os.symlink(tmp_path / "outside.txt", docs / "out.txt")
    os.symlink(docs / "nowhere", docs / "broken.txt")
    found = find_documents(docs)
    assert [docs / f.source for f in found] == _rglob_documents(docs) == list_documents(docs)
    assert [f.source for f in found] == [
        "a/x.txt",
        "a-b/z.html",
        "a.b/y.md",
        "a.txt",
        "b.json",
        "link.txt",
        "out.txt",
        "sub/deep/q.md",
    ]
    assert [f.source for f in found if f.unchecked] == ["link.txt", "out.txt"]
    assert all(Path(f.path) == docs / f.source for f in found)


@given(
    st.lists(st.text(alphabet="ab.*?[]!~\n", min_size=1, max_size=6), min_size=1, max_size=3),
    st.text(alphabet="ab.*?[]!~\n", min_size=1, max_size=8),
)
def test_file_name_patterns_match_as_their_expression(patterns: list[str], name: str) -> None:
    """The shortcut for plain endings (``*.txt``) answers as fnmatch's expression does."""
    import re
    from fnmatch import translate

    from feedpub.documents import _matcher

    expression = re.compile("|".join(translate(p) for p in patterns))
    assert bool(_matcher(patterns)(name)) == bool(expression.match(name))
    ends = [f"*{p.replace('*', '').replace('?', '').replace('[', '')}" for p in patterns]
    assert bool(_matcher(ends)(name)) == bool(
        re.compile("|".join(map(translate, ends))).match(name)
    )
