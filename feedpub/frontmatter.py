"""Reading Markdown documents with YAML (``---``) or TOML (``+++``) front matter (pure).

The front matter is explicit metadata (Hugo, Jekyll, Eleventy and Zola names are understood);
the Markdown body is rendered with Python-Markdown and reduced to text blocks like an HTML
page, so raw HTML in it (scripts included) never reaches a feed.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import replace

import markdown
import yaml

from .dates import DateContext
from .errors import DocumentError
from .html_input import blocks_from_html, parse_html, with_first_image
from .metadata import Block, Metadata, Parsed, metadata_from_mapping, squash

__all__ = ["read_markdown", "split_front_matter"]

_FENCES = {"---": "YAML", "+++": "TOML"}
_TOML_WHERE = re.compile(r" \(at line (\d+), column (\d+)\)$")


def split_front_matter(text: str, source: str) -> tuple[Mapping[str, object] | None, str, int, str]:
    """(front matter, body, the body's first line, the front matter's kind) of a document."""
    first, _, rest = text.partition("\n")
    fence = first.strip()
    if fence not in _FENCES:
        return None, text, 1, ""
    kind = _FENCES[fence]
    closing = re.search(rf"^{re.escape(fence)}[ \t]*$", rest, re.MULTILINE)
    if closing is None:
        raise DocumentError(
            source, f"{kind} front matter opened with {fence!r} is never closed", line=1
        )
    raw, body = rest[: closing.start()], rest[closing.end() :].removeprefix("\n")
    body_line = 2 + raw.count("\n") + 1
    data: object
    try:
        data = yaml.safe_load(raw) if kind == "YAML" else tomllib.loads(raw)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 2 if exc.problem_mark is not None else 1
        raise DocumentError(source, f"YAML front matter: {exc.problem}", line=line) from exc
    except yaml.YAMLError as exc:
        raise DocumentError(source, f"YAML front matter: {exc}", line=1) from exc
    except tomllib.TOMLDecodeError as exc:
        # tomllib counts from the front matter's first line, one below the opening fence;
        # the file's line goes in the error's place, not a second number in its text.
        message, line = str(exc), 1
        if where := _TOML_WHERE.search(message):
            message, line = message[: where.start()], int(where[1]) + 1
            message += f" (column {where[2]})"
        raise DocumentError(source, f"TOML front matter: {message}", line=line) from exc
    except ValueError as exc:  # a well-formed but impossible value: "date: 2024-13-05"
        line = _impossible_value_line(raw) if kind == "YAML" else 2
        raise DocumentError(source, f"{kind} front matter: {exc}", line=line) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DocumentError(source, f"{kind} front matter must be a mapping of keys", line=2)
    return data, body, body_line, kind


def _impossible_value_line(raw: str) -> int:
    """The file line of the first YAML line whose value cannot be (a date with month 13);
    the front matter's first line when no single line shows it."""
    for number, line in enumerate(raw.split("\n"), start=2):
        try:
            yaml.safe_load(line)
        except ValueError:
            return number
        except yaml.YAMLError:
            continue  # part of a longer value: not readable alone
    return 2


_TOP_KEY = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*[:=]", re.MULTILINE)


def _key_lines(text: str, body_line: int) -> dict[str, int]:
    """The file line of each top-level key of the front matter (its first occurrence)."""
    front = "\n".join(text.split("\n")[1 : body_line - 2])
    lines: dict[str, int] = {}
    for match in _TOP_KEY.finditer(front):
        lines.setdefault(match[1], 2 + front.count("\n", 0, match.start()))
    return lines


def _source_line(block: Block, lines: list[str], first_line: int) -> int:
    """The Markdown line a rendered block came from, found by its first words."""
    probe = block.text[:24]
    for number, line in enumerate(lines):
        if probe and probe in squash(line.lstrip("#>*-+ 0123456789.")):
            return first_line + number
    return 0


def read_markdown(text: str, source: str, context: DateContext) -> Parsed:
    """Metadata from the front matter and blocks from the Markdown body."""
    data, body, body_line, kind = split_front_matter(text, source)
    metadata = (
        metadata_from_mapping(
            data,
            context,
            source=source,
            where=f"{kind} front matter",
            line=2,
            key_lines=_key_lines(text, body_line),
        )
        if data is not None
        else Metadata()
    )
    if not body.strip():
        raise DocumentError(source, "no body text after the front matter", line=body_line)
    rendered = markdown.markdown(body, extensions=["extra", "sane_lists"], output_format="html")
    root = parse_html(f"<html><body>{rendered}</body></html>", source)
    metadata = with_first_image(metadata, root, "first image (Markdown)")
    lines = body.split("\n")
    blocks = [
        replace(b, line=_source_line(b, lines, body_line))
        for b in blocks_from_html(root.find("body"))
    ]
    return Parsed("markdown", metadata, tuple(blocks))
