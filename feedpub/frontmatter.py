"""Reading Markdown documents with YAML (``---``) or TOML (``+++``) front matter (pure).

The front matter is explicit metadata (Hugo, Jekyll, Eleventy and Zola names are understood);
the Markdown body is rendered with Python-Markdown and reduced to text blocks like an HTML
page, so raw HTML in it (scripts included) never reaches a feed.
"""

from __future__ import annotations

import re
import threading
import tomllib
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate

import yaml

from .dates import DateContext
from .errors import DocumentError
from .html_input import blocks_from_html, first_image, parse_html
from .markdown_converter import convert
from .metadata import (
    Block,
    Metadata,
    Parsed,
    metadata_from_mapping,
    reads_dates_as_text,
    squash,
)

__all__ = ["read_markdown", "split_front_matter"]

_FENCES = {"---": "YAML", "+++": "TOML"}
_TOML_WHERE = re.compile(r" \(at line (\d+), column (\d+)\)$")


# The normaliser reads a document a second time when its language changes how numeric dates
# read (day first or not): what does not depend on that, the front matter's data and the
# body's blocks (rendered, parsed, placed on their lines), is kept for the latest few
# documents so the second read costs only the metadata; and a front matter that states no
# date as text reads the same either way, so that second read is the first one's result
# (``read_markdown``). Two entries: one document and its second read, whatever the caller
# interleaves.
_MEMO_SIZE = 2


@lru_cache(maxsize=_MEMO_SIZE)
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
        data = _load_yaml(raw, source) if kind == "YAML" else tomllib.loads(raw)
    except DocumentError:
        raise
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
    except RecursionError as exc:  # only the pure-Python loader recurses; libyaml stops at 1,000
        raise DocumentError(source, f"{kind} front matter: nested too deeply", line=2) from exc
    except ValueError as exc:  # a well-formed but impossible value: "date: 2024-13-05"
        line = _impossible_value_line(raw) if kind == "YAML" else 2
        raise DocumentError(source, f"{kind} front matter: {exc}", line=line) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DocumentError(source, f"{kind} front matter must be a mapping of keys", line=2)
    return data, body, body_line, kind


# libyaml's parser when PyYAML was built with it (ten times faster), else PyYAML's own.
_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)
# Nodes that aliases may add: "a: &a [x, x]" then "b: &b [*a, *a]" and so on doubles the data
# with each line, a few lines make gigabytes; real front matter repeats a few values at most.
_MAX_ALIASED_NODES = 10_000


def _load_yaml(raw: str, source: str) -> object:
    """YAML front matter as data, refused when its aliases repeat more than
    ``_MAX_ALIASED_NODES`` nodes (an alias bomb, or an alias inside itself)."""
    if "*" not in raw:  # no alias (nor merge key) without one
        return yaml.load(raw, Loader=_LOADER)  # a safe loader, C or Python
    loader = _LOADER(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        # Count the nodes as the data will hold them, each alias's as often as it is used:
        # a walk that stops once they outnumber the distinct nodes by the bound.
        seen: set[int] = set()
        visits = 0
        stack: list[yaml.Node] = [node]
        while stack:
            current = stack.pop()
            visits += 1
            seen.add(id(current))
            if visits - len(seen) > _MAX_ALIASED_NODES:
                raise DocumentError(
                    source,
                    f"YAML front matter: its aliases (*name) repeat more than "
                    f"{_MAX_ALIASED_NODES:,} values",
                    line=2,
                )
            if isinstance(current, yaml.SequenceNode):
                stack.extend(current.value)
            elif isinstance(current, yaml.MappingNode):
                for key, value in current.value:
                    stack.append(key)
                    stack.append(value)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _impossible_value_line(raw: str) -> int:
    """The file line of the first YAML line whose value cannot be (a date with month 13);
    the front matter's first line when no single line shows it."""
    for number, line in enumerate(raw.split("\n"), start=2):
        try:
            yaml.load(line, Loader=_LOADER)  # a safe loader, C or Python
        except ValueError:
            return number
        except yaml.YAMLError:
            continue  # part of a longer value: not readable alone
    return 2


_TOP_KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*[:=]")


def _key_lines(text: str, body_line: int) -> dict[str, int]:
    """The file line of each top-level key of the front matter (its first occurrence)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n")[1 : body_line - 2], start=2):
        if match := _TOP_KEY.match(line):
            lines.setdefault(match[1], number)
    return lines


def _source_lines(blocks: list[Block], lines: list[str], first_line: int) -> list[Block]:
    """The blocks with the Markdown line each came from, found by its first words: each
    looked for from the line of the block before (searching every line from the top for
    each block was quadratic: minutes for a long document); 0 when not found."""
    cleaned = [squash(line.lstrip("#>*-+ 0123456789.")) for line in lines]
    starts = list(accumulate((len(line) + 1 for line in cleaned), initial=0))
    text = "\n".join(cleaned)
    position = 0
    placed = []
    for block in blocks:
        probe = block.text[:24]
        found = text.find(probe, position) if probe else -1
        if found < 0:
            placed.append(replace(block, line=0))
            continue
        index = bisect_right(starts, found) - 1
        position = starts[index]
        placed.append(replace(block, line=first_line + index))
    return placed


# Python-Markdown takes time quadratic in the depth of lists, quotes and brackets (minutes for
# a few thousand), and recurses once per list level (a RecursionError at about 500): more
# levels than this are refused before it sees them.
_MAX_NESTING = 64
# A line's leading run of white space and list or quote markers long enough to be that deep.
_DEEP_PREFIX = re.compile(
    rf"^(?:[ \t]|>|[-*+](?=[ \t])|\d{{1,9}}[.)](?=[ \t])){{{_MAX_NESTING + 1},}}", re.MULTILINE
)
_MARKER = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")
_BRACKET = re.compile(r"[\[\]()]|\n[ \t]*\n")


def _check_nesting(body: str, source: str, body_line: int) -> None:
    """Raise ``DocumentError`` for lists, quotes or brackets nested deeper than
    ``_MAX_NESTING``: a list item or quote indented 4 columns per level, or with a marker
    per level (``- - - x``), and brackets (``[[[a]]]``, or parentheses after a link's
    ``](``) left open within one paragraph."""

    def refuse(what: str, position: int) -> DocumentError:
        line = body_line + body.count("\n", 0, position)
        return DocumentError(
            source, f"Markdown {what} nested more than {_MAX_NESTING} levels deep", line=line
        )

    for match in _DEEP_PREFIX.finditer(body):
        prefix = match[0]
        markers = len(_MARKER.findall(prefix))
        indent = len(_MARKER.sub("", prefix).expandtabs(4))
        if markers and markers + indent // 4 > _MAX_NESTING:  # code is indented, not nested
            raise refuse("lists or quotes", match.start())
    if body.count("[") <= _MAX_NESTING and body.count("(") <= _MAX_NESTING:
        return  # too few to be that deep: the usual case, decided in C
    squares = parens = 0
    link = False  # a "](" in this paragraph: parentheses after it are a link's target
    for match in _BRACKET.finditer(body):
        char = match[0]
        if char == "[":
            squares += 1
            if squares > _MAX_NESTING:
                raise refuse("brackets", match.start())
        elif char == "]":
            squares = max(squares - 1, 0)
        elif char == "(":
            parens += 1
            link = link or body[match.start() - 1 : match.start()] == "]"
            if link and parens > _MAX_NESTING:
                raise refuse("parentheses", match.start())
        elif char == ")":
            parens = max(parens - 1, 0)
        else:  # a blank line: a new paragraph
            squares = parens = 0
            link = False


def read_markdown(text: str, source: str, context: DateContext) -> Parsed:
    """Metadata from the front matter and blocks from the Markdown body."""
    data, body, body_line, kind = split_front_matter(text, source)
    if data is None or not reads_dates_as_text(data):
        # Nothing read depends on how numeric dates read or in which languages: one context
        # for all, so the normaliser's second read (another day_first) is the first one's.
        context = replace(context, day_first=False, languages=())
    last: tuple[str, str, DateContext, Parsed] | None = getattr(_LOCAL, "read", None)
    if last is not None and last[0] is text and last[1] == source and last[2] == context:
        return last[3]
    parsed = _read(text, source, context, data, body, body_line, kind)
    _LOCAL.read = (text, source, context, parsed)
    return parsed


def _read(
    text: str,
    source: str,
    context: DateContext,
    data: Mapping[str, object] | None,
    body: str,
    body_line: int,
    kind: str,
) -> Parsed:
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
        if metadata.draft is not None:
            raise metadata.draft  # a draft may be empty: it is not published either way
        raise DocumentError(source, "no body text after the front matter", line=body_line)
    blocks, image = _body(body, source, body_line)
    if metadata.image is None and image is not None:
        origins = {**metadata.origins, "image": "first image (Markdown)"}
        metadata = replace(metadata, image=image, origins=origins)
    return Parsed("markdown", metadata, blocks)


@lru_cache(maxsize=_MEMO_SIZE)
def _body(body: str, source: str, body_line: int) -> tuple[tuple[Block, ...], str | None]:
    """The Markdown body's text blocks (each with its line) and its first image: all that
    a second read of the document, with other date rules, would find again."""
    _check_nesting(body, source, body_line)
    try:
        root = parse_html(f"<html><body>{convert(body)}</body></html>", source)
    except DocumentError as exc:  # its line is the rendered HTML's: say the Markdown's
        raise DocumentError(source, exc.reason, line=_html_line(body, body_line)) from exc
    image = first_image(root)  # before the blocks are taken out of the tree
    blocks = _source_lines(blocks_from_html(root.find("body")), body.split("\n"), body_line)
    return tuple(blocks), image


def _html_line(body: str, body_line: int) -> int:
    """The document's line where the HTML written in a Markdown body nests past the parser's
    limits (HTML blocks pass into the rendered page as they are, and Markdown's own nesting
    is refused before: the body read as HTML stops at the same element), else the body's
    first line."""
    try:
        parse_html(body, "")
    except DocumentError as exc:
        if exc.line is not None:
            return body_line + exc.line - 1
    return body_line


_LOCAL = threading.local()  # the last document read, per thread (see read_markdown)
