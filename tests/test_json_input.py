from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedpub import DocumentError, Draft
from feedpub.model import Document
from feedpub.normalise import normalise

BODY = "A paragraph of body text that is long enough to be the summary."


def record(**fields: object) -> Document:
    return Document("a.json", json.dumps({"title": "T", "date": "2024-01-02", **fields}))


@pytest.mark.parametrize(
    ("fields", "content"),
    [
        ({"body": f"{BODY}\nSecond."}, f"<p>{BODY}</p>\n<p>Second.</p>"),
        ({"body": f"{BODY}\n\nSecond\nline."}, f"<p>{BODY}</p>\n<p>Second line.</p>"),
        ({"content_html": f"<p>{BODY}</p><script>x()</script>"}, f"<p>{BODY}</p>"),
        ({"text": f"<div><p>{BODY}</p></div>"}, f"<p>{BODY}</p>"),
    ],
)
def test_body_fields(fields: dict[str, object], content: str) -> None:
    assert normalise(record(**fields)).content_html == content


def test_field_names_and_objects() -> None:
    entry = normalise(
        record(
            body=BODY,
            datePublished="2024-03-04T05:06:07Z",
            date=None,
            author={"name": "Ana"},
            publisher={"name": "Diario"},
            url="https://example.org/a",
            inLanguage="es-ES",
            summary="Stated summary.",
        )
    )
    assert entry.published == datetime(2024, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert (entry.author, entry.publisher, entry.link) == ("Ana", "Diario", "https://example.org/a")
    assert entry.language == "es-ES"
    assert entry.summary == "Stated summary."


def test_an_author_list_names_each_person_once() -> None:
    authors = ["Tom Hale", {"name": "Smith, Jr."}, "tom hale", "", {"@id": "Rita Sen"}]
    entry = normalise(record(body=BODY, author=authors))
    assert entry.authors == ("Tom Hale", "Smith, Jr.", "Rita Sen")
    assert entry.author == "Tom Hale"


@pytest.mark.parametrize("stamp", [1720170000, 1720170000000, 1720170000.0])
def test_unix_timestamps(stamp: float) -> None:
    entry = normalise(record(body=BODY, date=stamp))
    assert entry.published == datetime(2024, 7, 5, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("javascript:alert(1)", None),
        ("/politics/story", None),
        ("ftp://example.org/file", None),
    ],
)
def test_only_absolute_web_links(url: str, link: str | None) -> None:
    from feedpub.normalise import inspect_document

    seen = inspect_document(record(body=BODY, url=url))
    assert seen.entry.link == link
    assert (link is None) == any("ignored" in note for note in seen.notes)


def test_a_bad_date_field_is_an_error_not_a_guess() -> None:
    with pytest.raises(DocumentError, match="'date': 'next week' is not a date"):
        normalise(record(body=BODY, date="next week"))


@settings(max_examples=60)
@given(st.dictionaries(st.sampled_from(["title", "date", "body", "author", "lang", "url"]),
                       st.one_of(st.text(max_size=40), st.integers(), st.none(),
                                 st.lists(st.text(max_size=5), max_size=2))))  # fmt: skip
def test_hostile_records_never_crash(data: dict[str, object]) -> None:
    try:
        entry = normalise(Document("a.json", json.dumps(data)))
    except DocumentError:
        return
    assert entry.published.tzinfo is not None


_DEEP = "<p>x</p>" + "<div>" * 300 + "deep"
_FIELDS = st.tuples(
    st.sampled_from(["title", "date", "body", "author", "x", "b\u00f6dy"]),
    st.one_of(st.just("2024-01-02"), st.integers(), st.just(_DEEP),
              st.fixed_dictionaries({"body": st.text(max_size=5)}), st.lists(st.just("body"))),
)  # fmt: skip


@settings(max_examples=60)
@given(
    fields=st.lists(_FIELDS, max_size=6),
    at=st.integers(0, 6),
    blanks=st.lists(st.sampled_from(["", " ", "\t", "\r"]), min_size=8, max_size=8),
)
def test_an_html_body_past_the_parsers_limits_is_refused_at_its_fields_line(
    fields: list[tuple[str, object]], at: int, blanks: list[str]
) -> None:
    """A record written one field a line, with blank lines about: the error's line is the
    line of the field holding the HTML (the last "body" the record names: JSON keeps it)."""
    pairs = [(k, v) for k, v in fields if k != "body"]
    pairs.insert(min(at, len(pairs)), ("body", _DEEP))
    lines = ["{"]
    for number, (key, value) in enumerate(pairs):
        comma = "," if number < len(pairs) - 1 else ""
        lines.append(f"{blanks[number]} {json.dumps(key)} :{json.dumps(value)}{comma}")
        if blanks[number + 1] == "":
            lines.append(blanks[-1])  # a line holding nothing but JSON blanks
    lines.append("}")
    expected = lines.index(next(line for line in lines if '"body" :' in line)) + 1
    with pytest.raises(DocumentError, match="nested more than 256") as caught:
        normalise(Document("a.json", "\n".join(lines)))
    assert caught.value.line == expected


def test_a_repeated_body_field_is_refused_at_the_line_json_reads() -> None:
    text = '{"body": "short",\n "x": {"body": "%s"},\n "title": "T",\n\n "body": "%s"}'
    with pytest.raises(DocumentError, match="nested more than 256") as caught:
        normalise(Document("a.json", text % (_DEEP, _DEEP)))
    assert caught.value.line == 5


def test_image_field_or_the_first_image_of_an_html_body() -> None:
    stated = record(body=BODY, image={"url": "https://cdn.example/a.jpg"})
    assert normalise(stated).image == "https://cdn.example/a.jpg"
    html_body = record(content_html=f'<p><img src="https://cdn.example/b.png"></p><p>{BODY}</p>')
    assert normalise(html_body).image == "https://cdn.example/b.png"


def test_a_record_with_a_draft_status_is_not_published() -> None:
    with pytest.raises(Draft, match=r"JSON field says status: draft"):
        normalise(record(body=BODY, status="draft"))


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("<b>Bold lead.</b> Then more of the story.", "<p>Bold lead. Then more of the story.</p>"),
        ("<div>Text in a div, no paragraph.</div>", "<p>Text in a div, no paragraph.</p>"),
        ("First line of the story.<br>Second line of it.",
         "<p>First line of the story.</p>\n<p>Second line of it.</p>"),
    ],
)  # fmt: skip
def test_html_bodies_read_as_a_pages_text(body: str, html: str) -> None:
    record = {"title": "A record", "date": "2024-03-05", "content_html": body}
    entry = normalise(Document("a.json", json.dumps(record)))
    assert entry.content_html == html


# Issue 11: one unreadable stated date never rejects a document that states another; it is a
# note (feedpub inspect shows it) and the next candidate is used.
STAMP = datetime(2020, 8, 25, 0, 23, 33, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fields", "published"),
    [
        # the unusable one first (published is tried before date), the next key after it
        ({"published": "0001-01-01", "date": "2020-08-25T00:23:33Z"}, STAMP),
        ({"published": "Mo-Su 08:00-20:00", "date": "2020-08-25T00:23:33Z"}, STAMP),
        ({"published": "2019-06", "date": "2020-08-25T00:23:33Z"}, STAMP),
        ({"date": "0001-01-01", "dateModified": "2020-08-25T00:23:33Z"}, STAMP),  # only updated
    ],
)
def test_an_unusable_stated_date_is_a_note(fields: dict[str, object], published: datetime) -> None:
    from feedpub.normalise import inspect_document

    seen = inspect_document(record(body=BODY, **fields))
    assert seen.entry.published == published
    bad = next(v for k, v in fields.items() if not str(v).startswith("2020"))
    assert any(repr(bad) in note and "ignored" in note for note in seen.notes)
    assert "ignored" in seen.as_text()


@pytest.mark.parametrize(
    "value",
    [
        "1598315013",  # a Unix timestamp as a string
        "1598315013000",  # in milliseconds
        1598315013000,
        "Tue Aug 25 2020 00:23:33 GMT+0000 (Coordinated Universal Time)",  # JavaScript's Date
    ],
)
def test_stated_dates_read_right(value: object) -> None:
    assert normalise(record(body=BODY, date=value)).published == STAMP


def test_a_record_whose_only_date_is_unusable_is_rejected_naming_it() -> None:
    with pytest.raises(DocumentError, match="'date': '0001-01-01' is not a date"):
        normalise(record(body=BODY, date="0001-01-01"))
