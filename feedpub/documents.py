"""Reading input documents from disk and decoding them (the I/O edge of the pipeline)."""

from __future__ import annotations

import codecs
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from fnmatch import fnmatch
from pathlib import Path

from .errors import DocumentError
from .model import Document

__all__ = ["DEFAULT_PATTERNS", "decode", "iter_documents", "list_documents", "read_document"]

# Every format the normaliser reads: plain text, Markdown, HTML pages and JSON records.
DEFAULT_PATTERNS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.json")

# Control characters other than tab, newline, carriage return and form feed mark a binary file.
_BINARY_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) - {0x1B}


def decode(data: bytes, source: str) -> str:
    """Decode a document's bytes: UTF-8 (with or without BOM), else cp1252; newlines as ``\\n``.

    Raises ``DocumentError`` for empty or binary content.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if not data.strip():
        raise DocumentError(source, "empty document")
    if b"\x00" in data or sum(b in _BINARY_BYTES for b in data[:4096]) > 8:
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


def read_document(path: Path, root: Path | None = None) -> Document:
    """Read one document; ``source`` is its path relative to ``root`` when given."""
    source = str(path.relative_to(root)) if root is not None else str(path)
    try:
        data = path.read_bytes()
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise DocumentError(source, f"cannot read: {exc.strerror}") from exc
    return Document(
        source=source,
        text=decode(data, source),
        modified=datetime.fromtimestamp(mtime, UTC),
        path=path,
    )


def list_documents(folder: Path, pattern: str | Sequence[str] = DEFAULT_PATTERNS) -> list[Path]:
    """Every document file under ``folder`` matching a pattern, sorted.

    Hidden files and editor backups (``.name``, ``name~``) are left out.
    """
    patterns = (pattern,) if isinstance(pattern, str) else tuple(pattern)
    if any("/" in p for p in patterns):
        paths = {path for p in patterns for path in folder.rglob(p)}
    else:  # one walk of the folder for any number of file-name patterns
        paths = {path for path in folder.rglob("*") if any(fnmatch(path.name, p) for p in patterns)}
    found = []
    for path in sorted(paths):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or path.name.endswith("~"):
            continue
        if path.is_file():
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
