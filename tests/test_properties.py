"""Arbitrary text, bytes and structures through each of the four readers (issue 14).

Whatever a document holds, ``normalise`` gives an ``Entry`` or raises a ``DocumentError``,
nothing else; and an entry it gives renders into feeds that pass the checks a build runs
before publishing (one that did not would stop every feed). ``make test`` runs the
derandomised profile of tests/conftest.py (the same examples on every run); a longer random
search by hand::

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_properties.py
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from feedpub import DocumentError, Entry, FeedMeta, normalise
from feedpub.check import check_feed
from feedpub.documents import decode
from feedpub.model import Document
from feedpub.render import render_feed
from feedpub.xmltext import xml_text

SOURCES = {"text": "a.txt", "markdown": "a.md", "html": "a.html", "json": "a.json"}
KINDS = sorted(SOURCES)
MODIFIED = datetime(2024, 6, 1, 12, tzinfo=UTC)
FIRST_SEEN = datetime(2024, 6, 2, 8, tzinfo=UTC)
META = FeedMeta(
    title="Properties",
    id="urn:uuid:00000000-0000-0000-0000-00000000000f",
    site_url="https://news.example.org/",
    author="Test",
    feed_urls={
        "atom": "https://news.example.org/atom.xml",
        "rss": "https://news.example.org/rss.xml",
        "json": "https://news.example.org/feed.json",
    },
)


def _count(what: str) -> None:
    """Count ``what`` in ``--hypothesis-show-statistics`` (outside a test run: nothing)."""
    if currently_in_test_context():
        event(what)


def outcome(kind: str, text: str) -> Entry | DocumentError:
    """What normalising ``text`` as a document of ``kind`` gives; anything but an entry or a
    document's error fails the test, and so does an entry no feed can carry."""
    document = Document(SOURCES[kind], text, modified=MODIFIED)
    try:
        entry = normalise(document, first_seen=FIRST_SEEN, base_url="https://news.example.org/")
    except DocumentError as exc:
        error = exc
    else:
        error = None
    if error is not None:
        _count(f"{kind}: rejected")
        assert error.source == SOURCES[kind]
        assert error.line is None or error.line >= 1
        return error
    _count(f"{kind}: an entry")
    assert entry.source == SOURCES[kind]
    assert entry.title.strip()
    for value in (entry.title, entry.summary, entry.content_html):
        assert xml_text(value) == value
    assert entry.published.tzinfo is not None
    assert entry.updated >= entry.published
    for fmt in ("atom", "rss", "json"):
        assert check_feed(render_feed([entry], META, fmt), fmt) == []
    return entry


# Characters that mean something to one reader or another, and a few that mean trouble: the
# search spends its time where the parsers branch, not among letters.
_MARKUP = list("<>/&#;=\"'[]()*_-`!~|:.,{}\\@+^%$\n\n\t \x00\x1f\x7f\u00a0\u2028\ufffe\U0001f600")
_MARKUP_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(_MARKUP), st.characters(max_codepoint=0x7F)), max_size=400
)
_ANY_TEXT = st.one_of(st.text(max_size=400), _MARKUP_TEXT)

# Lines a document of each kind is made of, so that examples reach past "no title" and "no
# date" into the layout, the dates, the links and the body.
_WORDS = st.sampled_from(
    ["The", "council", "voted", "on", "Tuesday", "to", "build", "lanes", "said", "mayor",
     "Ann", "Smith", "Reuters", "Photo:", "©", "AP", "|", "-", "Politics", "Read", "more",
     "Share", "Advertisement", "Updated", "Published", "Von", "By", "Par", "Source:",
     "http://[::1", "https://news.example.org/a", "javascript:alert(1)", "&#x1F;", "&amp;",
     "<script>", "</p>", "<!--", "-->", "[", "](", ")", "*", "**", "_", "#", "##", ">", "- ",
     "1.", "`", "```", "---", "+++", "2024-03-05", "5 March 2024", "03/05/2024", "12:30",
     "gestern", "1.3.2024", "Dec.", "19,", "2022", "/PRNewswire/", "--", "9" * 40]
)  # fmt: skip
_LINE = st.one_of(
    st.lists(_WORDS, min_size=1, max_size=14).map(" ".join),
    _MARKUP_TEXT.map(lambda text: text.replace("\n", " ")[:120]),
    st.just(""),
)
_LINES = st.lists(_LINE, max_size=30).map("\n".join)

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.lists(_WORDS, max_size=8).map(" ".join),
    st.sampled_from(["2024-03-05T10:00:00Z", "next week", "", "0", "1e300", "[::1]"]),
)
_KEYS = st.one_of(
    st.sampled_from(
        ["title", "headline", "date", "published", "updated", "author", "authors", "body",
         "content", "content_html", "text", "url", "link", "image", "tags", "section", "lang",
         "language", "summary", "draft", "status", "name", "@id", "publisher"]
    ),
    st.text(max_size=10),
)  # fmt: skip
_STRUCTURES = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(_KEYS, children, max_size=6)
    ),
    max_leaves=30,
)
_RECORDS = st.dictionaries(_KEYS, _STRUCTURES, max_size=10)

# Elements of a page: tags with attributes the HTML reader looks at, around any text.
_TAGS = st.sampled_from(
    ["p", "div", "h1", "h2", "h3", "li", "ul", "ol", "blockquote", "article", "main", "header",
     "footer", "nav", "script", "style", "time", "a", "img", "span", "figure", "figcaption",
     "pre", "table", "td", "html", "body", "head", "title", "meta", "link", "template", "svg"]
)  # fmt: skip
_ATTRIBUTES = st.lists(
    st.tuples(
        st.sampled_from(["href", "src", "data-src", "alt", "datetime", "content", "property",
                         "name", "rel", "itemprop", "lang", "type", "width", "class"]),
        st.one_of(_SCALARS.map(str), st.sampled_from(
            ["article:published_time", "og:title", "application/ld+json", "canonical",
             "author", "https://cdn.example/a.jpg", "/rel", "2024-03-05"])),
    ),
    max_size=3,
)  # fmt: skip


@st.composite
def _html_pages(draw: st.DrawFn) -> str:
    def element(depth: int) -> str:
        tag = draw(_TAGS)
        attributes = "".join(
            f' {name}="{value.replace(chr(34), "&quot;")}"' for name, value in draw(_ATTRIBUTES)
        )
        if depth > 3 or draw(st.booleans()):
            inner = draw(st.one_of(_LINE, _ANY_TEXT))
        else:
            inner = "".join(element(depth + 1) for _ in range(draw(st.integers(0, 4))))
        closing = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}"]))
        return f"<{tag}{attributes}>{inner}{closing}"

    body = "".join(element(0) for _ in range(draw(st.integers(0, 6))))
    if draw(st.booleans()):
        record = json.dumps(draw(_RECORDS), default=str)
        body = f'<script type="application/ld+json">{record}</script>{body}'
    return draw(st.sampled_from(["", "<!doctype html>", "<html>", "<?xml version='1.0'?>"])) + body


@st.composite
def _markdown_documents(draw: st.DrawFn) -> str:
    body = draw(st.one_of(_LINES, _ANY_TEXT))
    front = draw(st.sampled_from(["none", "yaml", "toml", "raw"]))
    if front == "yaml":
        data = draw(_RECORDS)
        dumped = yaml.safe_dump(data, allow_unicode=True) if data else ""
        return f"---\n{dumped}---\n{body}"
    if front == "toml":
        lines = draw(st.lists(st.tuples(_KEYS, _SCALARS), max_size=6))
        return "+++\n" + "".join(f"{k!r} = {json.dumps(v)}\n" for k, v in lines) + f"+++\n{body}"
    if front == "raw":  # front matter as anyone might mistype it
        return f"---\n{draw(_LINES)}\n---\n{body}"
    return body


# Documents that are entries as they are, each with hostile pieces put anywhere in it (or in
# its fields): the search starts from inside the paths a real document takes.
_BODY = (
    "The city council voted on Tuesday to build new cycle lanes along the river after years"
    " of debate.\n\nConstruction starts in the spring and should take two years, the mayor"
    " told reporters.\n"
)
_GOOD = {
    "text": "Cycle lanes for the river | Politics\n\nBy Ann Smith\n\nMarch 5, 2024 10:00\n\n"
    + _BODY,
    "markdown": "---\ntitle: Cycle lanes for the river\ndate: 2024-03-05 10:00\nauthor: Ann\n"
    "tags: [city, bikes]\n---\n# Cycle lanes\n\n" + _BODY.replace("debate.", "[debate](/d)."),
    "html": "<html lang=en><head><title>Cycle lanes | Daily</title>"
    '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
    '<meta property="og:image" content="/lead.jpg"></head><body><header>Menu</header>'
    "<article><h1>Cycle lanes for the river</h1><p class=byline>By Ann Smith</p>"
    + "".join(f"<p>{p}</p>" for p in _BODY.strip().split("\n\n"))
    + '<p><img src="/a.jpg" alt="A lane"> <a href="/more">More</a></p></article></body></html>',
}


@st.composite
def _spoilt(draw: st.DrawFn, kind: str) -> str:
    if kind == "json":
        record: dict[str, object] = {
            "title": "Cycle lanes for the river",
            "date": "2024-03-05T10:00:00Z",
            "body": _BODY,
        }
        for key, value in draw(st.dictionaries(_KEYS, _STRUCTURES, max_size=4)).items():
            record[key] = value
        if draw(st.booleans()):
            record["body"] = draw(st.one_of(_LINES, _html_pages()))
        return json.dumps(record, default=str)
    text = _GOOD[kind]
    pieces = st.one_of(_LINE, _ANY_TEXT, _html_pages() if kind != "text" else _LINE)
    for where, piece in draw(st.lists(st.tuples(st.floats(0, 1), pieces), max_size=4)):
        at = int(where * len(text))
        text = text[:at] + piece + text[at:]
    return text


_DOCUMENTS = {
    "text": _LINES,
    "markdown": _markdown_documents(),
    "html": _html_pages(),
    "json": st.one_of(
        _RECORDS.map(lambda data: json.dumps(data, default=str)),
        _STRUCTURES.map(lambda data: json.dumps(data, default=str)),
    ),
}


@given(kind=st.sampled_from(KINDS), text=_ANY_TEXT)
def test_any_text_is_an_entry_or_a_documents_error(kind: str, text: str) -> None:
    outcome(kind, text)


@given(kind=st.sampled_from(KINDS), data=st.binary(max_size=400))
def test_any_bytes_are_an_entry_or_a_documents_error(kind: str, data: bytes) -> None:
    try:
        text = decode(data, SOURCES[kind])
    except DocumentError:
        return
    outcome(kind, text)


@given(data=st.data())
def test_any_document_of_each_kind_is_an_entry_or_a_documents_error(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(KINDS))
    outcome(kind, data.draw(_DOCUMENTS[kind]))


@given(text=_LINES)
def test_document_like_text_as_every_kind(text: str) -> None:
    for kind in KINDS:
        outcome(kind, text)


@given(data=st.data())
def test_any_spoilt_document_of_each_kind_is_an_entry_or_a_documents_error(
    data: st.DataObject,
) -> None:
    kind = data.draw(st.sampled_from(KINDS))
    outcome(kind, data.draw(_spoilt(kind)))


def test_the_unspoilt_documents_are_entries() -> None:
    """What the spoilt documents start from: each is an entry as it is."""
    for kind in ("text", "markdown", "html"):
        assert isinstance(outcome(kind, _GOOD[kind]), Entry), kind
    record = {"title": "Cycle lanes", "date": "2024-03-05T10:00:00Z", "body": _BODY}
    assert isinstance(outcome("json", json.dumps(record)), Entry)


# What the long random runs found, kept as they were found.
FOUND = [
    # trafilatura's body is plain lxml.etree elements: dropping a <script> from it raised
    # AttributeError (no drop_tree).
    ("html", "<PRE>" + _GOOD["html"]),
]


@pytest.mark.parametrize(("kind", "text"), FOUND)
def test_what_the_long_runs_found(kind: str, text: str) -> None:
    outcome(kind, text)


# libxml2's HTML parser stops at 256 levels of elements and keeps what it read so far: a page
# nested deeper is refused with the line where it stops, never published without its end.
_NESTING = st.sampled_from(["div", "span", "b", "em", "section", "blockquote", "font"])
_TAIL = "The closing sentence of the article, which must not be lost on the way."


@st.composite
def _nestings(draw: st.DrawFn) -> list[str]:
    """Elements nested about as deep as the parser's limit, on either side of it."""
    depth = draw(st.integers(200, 320))
    return draw(st.lists(_NESTING, min_size=depth, max_size=depth))


@given(kind=st.sampled_from(["html", "markdown"]), tags=_nestings(), newlines=st.booleans())
def test_deeply_nested_html_is_read_to_its_end_or_refused_with_its_line(
    kind: str, tags: list[str], newlines: bool
) -> None:
    opening = ("\n" if newlines else "").join(f"<{tag}>" for tag in tags)
    if kind == "html":
        text = _GOOD["html"].replace("</article>", f"{opening}<p>{_TAIL}</p></article>")
    else:
        text = f"{_GOOD['markdown']}\n{opening}<p>{_TAIL}</p>\n"
    result = outcome(kind, text)
    refused = isinstance(result, DocumentError) and "nested more than 256" in result.reason
    if len(tags) <= 240:
        assert not refused
    elif len(tags) >= 260:
        assert refused, result
    if refused:
        # The line is the document's (a Markdown one's too, not its rendered HTML's), in the
        # nesting: where the parser stopped.
        assert isinstance(result, DocumentError)
        assert result.line is not None
        first = text[: text.index(opening)].count("\n") + 1
        assert first <= result.line <= first + opening.count("\n")
