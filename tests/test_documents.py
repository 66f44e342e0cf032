from __future__ import annotations

from pathlib import Path

import pytest

from feedpub import DocumentError
from feedpub.documents import decode, iter_documents


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Köln café\n".encode(), "Köln café\n"),
        (b"\xef\xbb\xbfK\xc3\xb6ln\r\nline\r\n", "Köln\nline\n"),
        ("Köln “quoted” – café\n".encode("cp1252"), "Köln “quoted” – café\n"),
        ("Köln\n".encode("latin-1"), "Köln\n"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data, "x.txt") == text


@pytest.mark.parametrize(
    ("data", "reason"), [(b"", "empty"), (b" \n\n", "empty"), (b"PK\x03\x04\x00\x00", "binary")]
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
