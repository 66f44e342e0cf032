from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedpub import DateError, DocumentError, Draft
from feedpub.dates import DateContext
from feedpub.frontmatter import read_markdown, split_front_matter
from feedpub.model import Document
from feedpub.normalise import normalise

CONTEXT = DateContext(timezone(timedelta(hours=1)))
BODY = "A paragraph of body text that is long enough to be the summary.\n"


@pytest.mark.parametrize(
    ("text", "expected", "body_line"),
    [
        ("---\ntitle: A\n---\nBody\n", {"title": "A"}, 4),
        ("+++\ntitle = 'A'\n+++\nBody\n", {"title": "A"}, 4),
        ("---\n---\nBody\n", {}, 3),
        ("No front matter\n", None, 1),
        ("---\ndate: 2024-01-02\n---\n\nBody\n", {"date": date(2024, 1, 2)}, 4),
    ],
)
def test_split_front_matter(text: str, expected: dict[str, object] | None, body_line: int) -> None:
    data, body, line, _ = split_front_matter(text, "a.md")
    assert data == expected
    assert line == body_line
    assert body.strip() in {"Body", "No front matter"}


@pytest.mark.parametrize(
    ("front", "published", "date_only"),
    [
        ("date: 2024-01-02", datetime(2024, 1, 2, tzinfo=CONTEXT.zone), True),
        ("date: 2024-01-02 10:30:00", datetime(2024, 1, 2, 10, 30, tzinfo=CONTEXT.zone), False),
        ("date: 2024-01-02T10:30:00Z", datetime(2024, 1, 2, 10, 30, tzinfo=UTC), False),
        ("date: 'March 3, 2024'", datetime(2024, 3, 3, tzinfo=CONTEXT.zone), True),
        ("pubDate: 'Sat, 23 Nov 2024 10:31:00 +0000'",
         datetime(2024, 11, 23, 10, 31, tzinfo=UTC), False),
    ],
)  # fmt: skip
def test_yaml_dates(front: str, published: datetime, date_only: bool) -> None:
    parsed = read_markdown(f"---\ntitle: T\n{front}\n---\n\n{BODY}", "a.md", CONTEXT)
    assert parsed.metadata.published is not None
    assert parsed.metadata.published.value == published
    assert parsed.metadata.published.date_only is date_only


def test_toml_front_matter_and_heading_levels() -> None:
    text = (
        '+++\ntitle = "T"\ndate = 2023-11-07T08:15:00+01:00\nlang = "de_DE"\n'
        'categories = ["Wirtschaft", "Verkehr"]\n+++\n\n' + BODY + "\n### Small heading\n\nMore.\n"
    )
    entry = normalise(Document("a.md", text))
    assert entry.language == "de-DE"
    assert entry.section == "Wirtschaft, Verkehr"
    assert "<h3>Small heading</h3>" in entry.content_html


@pytest.mark.parametrize(
    "front",
    ["authors: [Tom Hale, Rita Sen]", "author:\n  - Tom Hale\n  - name: Rita Sen",
     'authors = ["Tom Hale", "Rita Sen"]'],
)  # fmt: skip
def test_front_matter_author_lists_name_each_person(front: str) -> None:
    fence = "+++" if " = " in front else "---"
    date = "date = 2024-01-02" if fence == "+++" else "date: 2024-01-02"
    title = 'title = "T"' if fence == "+++" else "title: T"
    text = f"{fence}\n{title}\n{date}\n{front}\n{fence}\n\n" + BODY
    entry = normalise(Document("a.md", text))
    assert entry.authors == ("Tom Hale", "Rita Sen")


def test_markdown_without_front_matter_uses_the_first_heading() -> None:
    text = "# The heading is the title\n\nBy Tom Baker, Jan 5, 2024 6:45 PM\n\n" + BODY
    entry = normalise(Document("a.md", text))
    assert entry.title == "The heading is the title"
    assert entry.author == "Tom Baker"
    assert entry.content_html == f"<p>{BODY.strip()}</p>"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        # TOML counts lines from the front matter's first: it once said "a.md:1: ... (at line
        # 2, column 11)", two numbers for one place, neither the file's line 3.
        ("+++\ntitle = 'A'\ndate = \"x\n+++\nBody\n", 3, "TOML front matter: "),
        ("---\ntitle: A\ndate: [2024\n---\nBody\n", 4, "YAML front matter: "),
    ],
)
def test_a_front_matter_error_names_the_files_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(DocumentError) as info:
        split_front_matter(text, "a.md")
    assert info.value.line == line
    assert info.value.reason.startswith(reason)
    assert "at line" not in info.value.reason


def test_empty_body_is_rejected_with_its_line() -> None:
    with pytest.raises(DocumentError, match="no body text") as info:
        normalise(Document("a.md", "---\ntitle: T\ndate: 2024-01-02\n---\n\n"))
    assert info.value.line == 5


@settings(max_examples=60)
@given(st.text(max_size=300))
def test_hostile_markdown_never_crashes(text: str) -> None:
    try:
        entry = normalise(Document("a.md", "---\ntitle: T\ndate: 2024-01-02\n---\n" + text))
    except DocumentError:
        return
    assert entry.published.tzinfo is not None
    assert "<script" not in entry.content_html


def test_images_from_front_matter_or_the_first_in_the_body() -> None:
    stated = "---\ntitle: T\ndate: 2024-01-02\ncover_image: https://cdn.example/c.png\n---\n\n"
    body = f"{BODY}\n\n![A chart](charts/one.svg)\n\nMore.\n"
    entry = normalise(Document("a.md", stated + body), base_url="https://blog.example/posts/")
    assert entry.image == "https://cdn.example/c.png"
    plain = "---\ntitle: T\ndate: 2024-01-02\n---\n\n"
    entry = normalise(Document("a.md", plain + body), base_url="https://blog.example/posts/")
    assert entry.image == "https://blog.example/posts/charts/one.svg"
    assert normalise(Document("a.md", plain + BODY)).image is None


def test_markdown_images_stay_in_the_content() -> None:
    text = (
        f"---\ntitle: T\ndate: 2024-01-02\n---\n\n{BODY}\n\n![A chart](charts/one.svg)\n\nMore.\n"
    )
    entry = normalise(Document("a.md", text), base_url="https://blog.example/posts/")
    assert entry.content_html == (
        f"<p>{BODY.strip()}</p>\n"
        '<p><img src="https://blog.example/posts/charts/one.svg" alt="A chart"></p>\n<p>More.</p>'
    )


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("---\ntitle: T\ndate: 2024-01-02\ndraft: true\n---\n", 4),  # the key's line
        ("---\ntitle: T\npublished: false\n---\n", 3),  # Jekyll: a draft, not a bad date
        ('+++\ntitle = "T"\ndraft = true\n+++\n', 3),
    ],
)
def test_a_draft_is_not_published(front: str, line: int) -> None:
    with pytest.raises(Draft, match="a draft") as info:
        normalise(Document("a.md", front + "\n" + BODY))
    assert info.value.line == line
    assert not isinstance(info.value, DateError)


def test_a_finished_piece_is_published() -> None:
    front = "---\ntitle: T\ndate: 2024-01-02\ndraft: false\n---\n\n"
    assert normalise(Document("a.md", front + BODY)).title == "T"


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        ("---\ntitle: T\nauthor: A\ndate: next tuesday-ish\n---\n", 4, "is not a date"),
        ('+++\ntitle = "T"\n\npubDate = "soon"\n+++\n', 4, "is not a date"),
        # YAML itself refuses month 13: the line that says it, not the fence's.
        ("---\ntitle: T\ntags: [a, b]\ndate: 2024-13-05\n---\n", 4, "month must be in 1..12"),
    ],
)
def test_a_bad_date_names_its_own_line(front: str, line: int, message: str) -> None:
    with pytest.raises(DocumentError, match=message) as info:
        normalise(Document("a.md", front + "\n" + BODY))
    assert info.value.line == line


def test_tags_and_keywords_beside_the_section() -> None:
    front = "---\ntitle: T\ndate: 2024-01-02\nsection: Sport\ntags: [Cycling, sport, Tour]\n---\n"
    entry = normalise(Document("a.md", front + "\n" + BODY))
    assert entry.section == "Sport"
    assert entry.tags == ("Cycling", "Tour")  # the section is not a tag of its own
    toml = '+++\ntitle = "T"\ndate = 2024-01-02\nkeywords = "energy, prices"\n+++\n'
    assert normalise(Document("a.md", toml + "\n" + BODY)).tags == ("energy", "prices")
    assert normalise(Document("a.md", "---\ntitle: T\ndate: 2024-01-02\n---\n" + BODY)).tags == ()


def test_the_c_yaml_loader_when_pyyaml_has_it() -> None:
    import yaml

    import feedpub.frontmatter

    assert feedpub.frontmatter._LOADER is (
        yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    )


_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


@pytest.mark.parametrize("loader", ["C", "Python"])
@pytest.mark.parametrize(
    ("front", "reason"),
    [
        (_BOMB, "YAML front matter: its aliases (*name) repeat more than 10,000 values"),
        ("loop: &a [x, *a]\n", "YAML front matter: its aliases (*name) repeat more than 10,000"),
        ("title: " + "[" * 20_000 + "]" * 20_000 + "\n", "YAML front matter: "),
    ],
    ids=["alias bomb", "alias loop", "nested 20,000 deep"],
)
def test_yaml_that_would_not_end_is_an_error(
    monkeypatch: pytest.MonkeyPatch, loader: str, front: str, reason: str
) -> None:
    import yaml

    import feedpub.frontmatter

    if loader == "Python":  # PyYAML built without libyaml
        monkeypatch.setattr(feedpub.frontmatter, "_LOADER", yaml.SafeLoader)
    with pytest.raises(DocumentError) as caught:
        split_front_matter(f"---\n{front}---\nBody\n", "a.md")
    assert caught.value.reason.startswith(reason)
    assert caught.value.line == 2


def test_aliases_within_the_bound_are_read() -> None:
    data, _, _, _ = split_front_matter(
        "---\nbase: &b {name: Ann}\nauthor: *b\nmerged:\n  <<: *b\n  role: editor\n---\nBody\n",
        "a.md",
    )
    assert data == {
        "base": {"name": "Ann"},
        "author": {"name": "Ann"},
        "merged": {"name": "Ann", "role": "editor"},
    }


def test_every_key_of_a_long_front_matter_has_its_line() -> None:
    from feedpub.frontmatter import _key_lines

    text = "---\n" + "".join(f"key{i}: v\n  more: x\n" for i in range(1000)) + "---\nBody\n"
    lines = _key_lines(text, 2 + 2000 + 2)
    assert len(lines) == 1000
    assert lines["key0"] == 2
    assert lines["key999"] == 2 + 2 * 999


@pytest.mark.parametrize(
    ("body", "line", "what"),
    [
        ("".join("    " * i + "- x\n" for i in range(70)), 68, "lists or quotes"),
        ("intro\n\n" + "> " * 70 + "x\n", 6, "lists or quotes"),
        ("1. " * 70 + "x\n", 4, "lists or quotes"),
        ("[" * 65 + "a\n", 4, "brackets"),
        ("a\n\nb " + "[a](" * 65 + "\n", 6, "parentheses"),
    ],
)
def test_markdown_nested_too_deeply_is_refused(body: str, line: int, what: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_markdown(f"---\ntitle: T\n---\n{body}", "a.md", CONTEXT)
    assert caught.value.reason == f"Markdown {what} nested more than 64 levels deep"
    assert caught.value.line == line


@pytest.mark.parametrize(
    "body",
    [
        "".join("    " * i + "- x\n" for i in range(60)),
        "-" * 200 + "\n\nA rule above, a paragraph here.\n",
        "Sad faces " + ":( " * 100 + "\n",
        "[a](b) " * 100 + "\n\n" + "[" * 60 + "x" + "]" * 60 + "\n",
        "```\n" + "".join(" " * 300 + "code\n" for _ in range(3)) + "```\n",
    ],
    ids=["list 60 deep", "a long rule", "emoticons", "brackets within the bound", "code"],
)
def test_markdown_within_the_bounds_is_read(body: str) -> None:
    parsed = read_markdown(f"---\ntitle: T\n---\n{body}", "a.md", CONTEXT)
    assert parsed.blocks


def test_raw_html_and_tables_in_markdown_are_text() -> None:
    text = (
        "---\ntitle: A post\ndate: 2024-03-05\n---\n"
        "<div>Text in a div block.</div>\n\n"
        "A paragraph with <b>bold</b> and <span>a span</span>.\n\n"
        "| Team | Points |\n| --- | --- |\n| Reds | 12 |\n| Blues | 9 |\n"
    )
    entry = normalise(Document("a.md", text))
    assert entry.content_html == (
        "<p>Text in a div block.</p>\n<p>A paragraph with bold and a span.</p>\n"
        "<p>Team | Points</p>\n<p>Reds | 12</p>\n<p>Blues | 9</p>"
    )


def test_an_english_post_is_converted_once_though_read_twice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its language makes the normaliser read it again (month first): the body is not
    converted again, and the entry is the one a single read with that setting gives."""
    converted: list[str] = []
    real = markdown.Markdown.convert

    def counting(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return real(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    text = (
        "---\ntitle: Rates\ndate: 03/04/2024\n---\n\nThe bank said that the rates will stay "
        "where they are for the rest of the year, and that it was watching prices.\n"
    )
    entry = normalise(Document("once.md", text))
    assert len(converted) == 1
    assert entry.published.month == 3  # read month first, as English is
    assert entry == normalise(Document("once.md", text), day_first=False)


def test_a_reused_converter_keeps_nothing_of_the_previous_post() -> None:
    first = read_markdown("A claim[^1].\n\n[^1]: The first note.\n", "a.md", CONTEXT)
    second = read_markdown("Another claim.\n", "b.md", CONTEXT)
    assert "first note" in " ".join(b.text for b in first.blocks)
    assert "first note" not in " ".join(b.text for b in second.blocks)


def test_an_unusable_stated_date_gives_way_to_the_date_line() -> None:
    from feedpub.normalise import inspect_document

    front = "---\ntitle: T\ndate: 0001-01-01\n---\n\n"
    seen = inspect_document(Document("a.md", front + "19 December 2022\n\n" + BODY))
    assert seen.entry.published == datetime(2022, 12, 19, tzinfo=UTC)
    assert any(note.startswith("line 3: ") and "front matter 'date'" in note for note in seen.notes)


def _stock_html(body: str) -> str:
    """Python-Markdown's HTML for ``body``, with feedpub's extensions and none of its shortcuts."""
    return markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html").convert(body)


def test_the_inline_shortcut_is_taken_with_the_installed_python_markdown() -> None:
    """Every inline pattern of the installed Python-Markdown is one the shortcut knows (a
    version with another pattern turns it off: this says so)."""
    from feedpub.markdown_converter import _HANDLE_INLINE, _converter

    assert _HANDLE_INLINE in vars(_converter().treeprocessors["inline"])


def test_the_block_shortcut_is_taken_with_the_installed_python_markdown() -> None:
    """Every block processor of the installed Python-Markdown is one the shortcut knows (a
    version with another processor turns it off: this says so)."""
    from feedpub.markdown_converter import _BLOCK_NEEDS, _converter

    processors = list(_converter().parser.blockprocessors)
    guarded = {type(processor).__name__ for processor in processors if "test" in vars(processor)}
    assert guarded == set(_BLOCK_NEEDS)


# One kind of inline syntax a paragraph (each paragraph is a text node of its own, which the
# shortcut passes over only when it holds none of the characters any pattern starts with).
INLINE_SAMPLES = [
    "Plain words only.",
    "A [link](https://example.org/a).",
    "An ![image](b.png).",
    "An autolink <https://example.org/c>.",
    "Mail <someone@example.org>.",
    "Some *emphasis* and **strong**.",
    "Some _under_ and __dunder__ words.",
    "Code `x = 1` and ``a ` b``.",
    "An escaped \\*star\\* and \\_line\\_.",
    "Entities &amp; &copy; &#169; &#xA9;.",
    "A line that ends in two spaces  \nthen the next.",
    "Raw <b>html</b> inline.",
    "A claim[^1].\n\n[^1]: The note.",
    "A [reference][r] and a [short] one.\n\n[r]: /r\n[short]: /s",
    "*[HTML]: Hyper Text Markup Language\n\nThe HTML here is an abbreviation.",
    "Term\n:   Its definition.",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "# A heading {: #id }",
    "> A quote.\n\n- one\n- two\n\n1. first\n2. second",
    '<div markdown="1">Inside *HTML*.</div>',
    "```\nfenced *code*\n```",
    "snake_case_words and 2*3*4 and a_b and trailing_ underscores_",
]


@pytest.mark.parametrize("body", INLINE_SAMPLES)
def test_the_inline_shortcut_gives_python_markdowns_html(body: str) -> None:
    from feedpub.markdown_converter import convert

    assert convert(body) == _stock_html(body)


# Words and Markdown's characters, for paragraphs of a few of them.
_PIECES = ["word", "two", " ", " ", "  \n", "\n", "*", "_", "`", "\\", "[", "]", "(", ")", "!",
           "<", ">", "&", ";", "#", "^", ":", "-", "1.", "|", "@", "x.org", "https://", "amp",
           "{:", "}", '"', "\t", "é"]  # fmt: skip


@settings(max_examples=300)
@given(
    st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), max_size=4).map(
        "\n\n".join
    )
)
def test_the_inline_shortcut_gives_python_markdowns_html_for_any_text(body: str) -> None:
    """Short paragraphs of words and Markdown's characters: each kind of syntax alone in a
    paragraph often enough that a character missing from the shortcut's list is found."""
    from feedpub.markdown_converter import convert

    assert convert(body) == _stock_html(body)


# One kind of block a sample, and blocks of one kind after another's lines (a block holding a
# processor's syntax below its first line is offered to it as before).
BLOCK_SAMPLES = [
    "Plain prose, nothing else in it.",
    "# Heading\nThe line below it.",
    "Text first\n## Then a heading ##",
    "A title\n=======\n\nAnother\n-------",
    "Before\n\n---\n\n* * *\n\n___\n\nafter",
    "Words\n***\nmore words",
    "> quoted\n> again\n\nA line\n> quoted after it",
    "| a | b |\n| --- | :-: |\n| 1 | 2 |",
    "| one column |\n| --- |\n| x |",
    "a | b\n--|--\n1 | 2",
    "Term\n:   Definition\n\n    indented more",
    "Text[^n] and more.\n\n[^n]: The note.\n    Its second paragraph.",
    "*[ABBR]: An abbreviation\nABBR used.",
    '[id]: https://example.org/ "Title"\nSee [it][id].',
    "Line\n[late]: /ref\n\n[late] link.",
    '<div markdown="1">\n*inside*\n</div>\n\nAfter the HTML.',
    "<div>\nraw block\n</div>",
    "1. one\n2. two\n\n- a\n- b\n\n        code in a list?",
    "    indented code\n    # not a heading",
    "```\n# fenced, not a heading\n| no | table |\n```",
    "Colon: in prose, a hash # in prose, a > in prose and a | in prose - and dashes.",
]


@pytest.mark.parametrize("body", BLOCK_SAMPLES)
def test_the_block_shortcut_gives_python_markdowns_html(body: str) -> None:
    from feedpub.markdown_converter import convert

    assert convert(body) == _stock_html(body)


# Lines that start (or hold) each block processor's syntax, and plain ones.
_LINES = ["word word", "# h", "## h ##", "===", "---", "- - -", "***", "___", "> q", ">",
          "| a | b |", "|---|---|", "a | b", ": def", ":   def", "[^1]: note", "*[A]: abbr",
          "[r]: /url", "[r]: /url 'T'", "1. item", "- item", "* item", "    code", "  two",
          "\tTab", "<div>", "</div>", '<p markdown="1">', "```", "~~~", "", "Term", "é: x",
          "x-y_z*w", "a]: b", "#", "|"]  # fmt: skip


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_LINES), max_size=14).map("\n".join))
def test_the_block_shortcut_gives_python_markdowns_html_for_any_lines(body: str) -> None:
    """Blocks of lines each kind of block starts with, in any order and nesting."""
    from feedpub.markdown_converter import convert

    assert convert(body) == _stock_html(body)


def test_a_post_whose_dates_are_not_text_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """YAML made its date a datetime: how numeric dates read changes nothing in it, so the
    normaliser's second read (month first, for English) is the first one, not a second
    reading of the front matter; a date written as text is read again."""
    from feedpub import frontmatter
    from feedpub.metadata import Metadata, metadata_from_mapping

    reads: list[str] = []

    def counting(
        data: Mapping[str, object], context: DateContext, *, source: str, **kwargs: Any
    ) -> Metadata:
        reads.append(source)
        return metadata_from_mapping(data, context, source=source, **kwargs)

    monkeypatch.setattr(frontmatter, "metadata_from_mapping", counting)
    prose = (
        "The bank said that the rates will stay where they are for the rest of the year, "
        "and that it was watching prices.\n"
    )
    dated = normalise(
        Document("dated.md", f"---\ntitle: Rates\ndate: 2024-03-04T10:00:00Z\n---\n\n{prose}")
    )
    assert reads == ["dated.md"]
    assert dated.published == datetime(2024, 3, 4, 10, tzinfo=UTC)
    texted = normalise(
        Document("texted.md", f"---\ntitle: Rates\ndate: 03/04/2024\n---\n\n{prose}")
    )
    assert reads == ["dated.md", "texted.md", "texted.md"]
    assert texted.published.month == 3


@pytest.mark.parametrize(
    "front",
    [
        "title: A\ndate: 2024-03-04\n",
        "title: A\ndate: 2024-03-04T10:00:00+01:00\nupdated: 1709546400\n",
        "title: A\n",
    ],
)
def test_dates_not_written_as_text_read_alike_in_every_context(front: str) -> None:
    text = f"---\n{front}---\n\n{BODY}"
    readings = [
        read_markdown(text, "a.md", DateContext(CONTEXT.zone, day_first, None, languages))
        for day_first in (True, False)
        for languages in ((), ("de",), ("en",))
    ]
    assert all(reading == readings[0] for reading in readings)


def test_reads_dates_as_text() -> None:
    from feedpub.metadata import reads_dates_as_text

    assert reads_dates_as_text({"date": "03/04/2024"})
    assert reads_dates_as_text({"title": "A", "lastmod": "vor 3 Stunden"})
    assert not reads_dates_as_text({"title": "03/04/2024", "date": date(2024, 3, 4)})
    assert not reads_dates_as_text({"published": 1709546400, "tags": ["2024"]})
