"""Checking built feeds against the specs (pure: bytes in, problems out).

Atom is validated against the RFC 4287 RELAX NG schema plus the rules the schema cannot say;
RSS against the RSS 2.0 / RSS Advisory Board profile rules feed readers rely on; JSON Feed
against version 1.1's required fields. The build runs the same checks on the new bytes before
it replaces a live file, so a broken feed is never published.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from .config import FILE_NAMES

__all__ = ["check_feed", "check_file", "check_tree", "format_of"]

_ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 822 as the RSS profile wants it: English day and month names, numeric zone or GMT.
_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
    r"|Nov|Dec) \d{4} \d\d:\d\d(?::\d\d)? (?:[+-]\d{4}|GMT|UT)"
)


@cache
def _atom_schema() -> etree.RelaxNG:
    # Beside this module, as installed; importlib.resources (imported only for this, some
    # 5 ms of a one-change run) when the package is not files on disk.
    try:
        source = (Path(__file__).parent / "schemas" / "atom.rng").read_bytes()
    except OSError:
        from importlib import resources

        source = resources.files("feedpub").joinpath("schemas/atom.rng").read_bytes()
    return etree.RelaxNG(etree.fromstring(source))


_FORMAT_OF = {name: fmt for fmt, name in FILE_NAMES.items()}


def format_of(name: str) -> str | None:
    """The feed format of an output file name, or None for files that are not feeds."""
    return _FORMAT_OF.get(name)


def _xml(data: bytes) -> tuple[etree._Element | None, list[str]]:
    try:
        return etree.fromstring(data), []
    except etree.XMLSyntaxError as exc:
        return None, [f"not well-formed XML: {exc}"]


def _duplicates(values: list[str], what: str) -> list[str]:
    counts = Counter(values)
    return [f"duplicate {what}: {v}" for v in sorted(v for v, n in counts.items() if n > 1)]


def _check_atom(data: bytes) -> list[str]:
    root, problems = _xml(data)
    return problems if root is None else _check_atom_tree(root)


def _check_atom_tree(root: etree._Element) -> list[str]:
    problems: list[str] = []
    schema = _atom_schema()
    if not schema.validate(root):
        problems += [f"line {e.line}: {e.message}" for e in schema.error_log]
    entries = root.findall(f"{_ATOM}entry")
    if root.find(f"{_ATOM}author") is None:
        problems += [
            f"entry {e.findtext(f'{_ATOM}id')}: no author, and the feed has none (RFC 4287 4.1.1)"
            for e in entries
            if e.find(f"{_ATOM}author") is None
        ]
    if not [link for link in root.findall(f"{_ATOM}link") if link.get("rel") == "self"]:
        problems.append('no <link rel="self"> (RFC 4287 recommends one)')
    problems += _duplicates([e.findtext(f"{_ATOM}id") or "" for e in entries], "entry id")
    return problems


def _check_rss(data: bytes) -> list[str]:
    root, problems = _xml(data)
    return problems if root is None else _check_rss_tree(root)


def _check_rss_tree(root: etree._Element) -> list[str]:
    problems: list[str] = []
    channel = root.find("channel")
    if root.tag != "rss" or root.get("version") != "2.0" or channel is None:
        return ['not an RSS 2.0 document (<rss version="2.0"><channel>)']
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel has no <{name}>")
    if not [el for el in channel.findall(f"{_ATOM}link") if el.get("rel") == "self"]:
        problems.append('channel has no <atom:link rel="self"> (RSS Advisory Board profile)')
    dates = [
        ("channel", channel.findtext("lastBuildDate")),
        ("channel", channel.findtext("pubDate")),
    ]
    guids: list[str] = []
    for number, item in enumerate(channel.findall("item"), start=1):
        where = f"item {number}"
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"{where}: neither <title> nor <description>")
        dates.append((where, item.findtext("pubDate")))
        guid = item.find("guid")
        if guid is not None:
            guids.append(guid.text or "")
            is_permalink = guid.get("isPermaLink", "true") == "true"
            is_url = urlsplit(guid.text or "").scheme in ("http", "https")
            if is_permalink and not is_url:
                problems.append(f'{where}: guid is not a URL but isPermaLink is not "false"')
    for where, value in dates:
        if value is None:
            continue
        if not _RFC822.fullmatch(value.strip()):
            problems.append(f"{where}: date {value!r} is not RFC 822 with English names")
            continue
        try:
            parsedate_to_datetime(value)
        except (TypeError, ValueError):
            problems.append(f"{where}: date {value!r} is not a real date")
    return problems + _duplicates(guids, "guid")


def _check_json(data: bytes) -> list[str]:
    try:
        feed = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"not JSON: {exc}"]
    return _check_json_document(feed)


def _check_json_document(feed: object) -> list[str]:
    if not isinstance(feed, dict):
        return ["not a JSON object"]
    problems = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append("version is not https://jsonfeed.org/version/1.1")
    if not isinstance(feed.get("title"), str):
        problems.append("no title")
    items = feed.get("items")
    if not isinstance(items, list):
        return [*problems, "no items list"]
    ids = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(f"item {number}: no string id")
            continue
        ids.append(item["id"])
        if not isinstance(item.get("content_html", item.get("content_text")), str):
            problems.append(f"item {number}: neither content_html nor content_text")
    return problems + _duplicates(ids, "item id")


_CHECKS = {"atom": _check_atom, "rss": _check_rss, "json": _check_json}


def check_feed(data: bytes, fmt: str) -> list[str]:
    """Problems with one feed document in format ``fmt``; an empty list means it is valid."""
    return _CHECKS[fmt](data)


def check_tree(root: etree._Element | dict[str, object], fmt: str) -> list[str]:
    """``check_feed``'s checks on an Atom or RSS feed's tree, or on a JSON Feed's object (as
    ``render_document`` hands them over with the bytes serialised from them): no parsing,
    but the schema's problems carry no line number, which only the bytes have. The bytes
    of a JSON Feed are ``json.dumps`` of its object, which reads back as the same strings,
    lists and objects: the same problems."""
    if fmt == "json":
        return _check_json_document(root)
    if not isinstance(root, etree._Element):
        raise TypeError(f"a {fmt} feed is checked on its tree, not {type(root).__name__}")
    return _check_atom_tree(root) if fmt == "atom" else _check_rss_tree(root)


def check_file(path: Path) -> list[str]:
    """Problems with one built feed file, each prefixed with its path."""
    fmt = format_of(path.name)
    if fmt is None:
        return []
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [f"{path}: cannot read: {exc.strerror}"]
    return [f"{path}: {problem}" for problem in check_feed(data, fmt)]
