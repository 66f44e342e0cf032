from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from feedpub import DateError, DocumentError, normalise
from feedpub.documents import read_document

from .conftest import ROOT, SEED

BRUSSELS = tz.gettz("Europe/Brussels")
TITLE = (
    "Putin returns to Belarus for the first time since 2019: he fears that he will drag "
    "the country into a new offensive in Ukraine"
)


@pytest.fixture(scope="module")
def seed_entry():  # type: ignore[no-untyped-def]
    return normalise(read_document(SEED, SEED.parent), zone=BRUSSELS, id_authority="example.org")


def test_seed_title_has_no_section_suffix(seed_entry) -> None:  # type: ignore[no-untyped-def]
    assert seed_entry.title == TITLE


def test_seed_metadata(seed_entry) -> None:  # type: ignore[no-untyped-def]
    assert seed_entry.section == "Ukraine and Russia war"
    assert seed_entry.publisher == "Taylor Daily Press"
    assert seed_entry.published == datetime(2024, 11, 23, tzinfo=BRUSSELS)
    assert seed_entry.published.utcoffset() is not None
    assert seed_entry.summary.startswith("Russian President Vladimir Putin arrived in Belarus")
    assert seed_entry.summary.endswith("war base in Ukraine.")


def test_seed_content_is_clean_html(seed_entry) -> None:  # type: ignore[no-untyped-def]
    content = seed_entry.content_html
    assert content.startswith("<p>Russian President Vladimir Putin arrived")
    assert "See also" not in content
    assert "Woman reuniting mother" not in content
    assert "©" not in content
    caption = "Photo released Monday by the Russian Ministry of Defense"
    assert content.count(caption) == 1
    assert "<h2>Military exercises</h2>" in content
    assert "<h2>An earlier attack across Belarus</h2>" in content
    # The headline belongs in the title, not repeated in the body.
    assert TITLE not in content
    # Real body text survives, including the last paragraph before the captions.
    assert "The Russian Defense Ministry has already shared the first photos" in content


def test_id_is_stable_and_scoped_by_authority(seed_entry) -> None:  # type: ignore[no-untyped-def]
    again = normalise(read_document(SEED, SEED.parent), zone=BRUSSELS, id_authority="example.org")
    other = normalise(read_document(SEED, SEED.parent), zone=BRUSSELS, id_authority="other.org")
    assert again.id == seed_entry.id
    assert other.id != seed_entry.id
    assert seed_entry.id.startswith("urn:uuid:")


def test_normalise_accepts_a_path_and_plain_text() -> None:
    from_path = normalise(SEED)
    from_text = normalise(SEED.read_text(encoding="utf-8"))
    assert from_path.title == from_text.title == TITLE
    assert from_text.source == "<text>"


def test_zone_is_the_configured_default() -> None:
    utc = normalise(SEED)
    assert utc.published.isoformat() == "2024-11-23T00:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "error", "line"),
    [
        ("just one line of text\n", DocumentError, 1),
        ("\n\nTitle | Section\n\nBody paragraph here.\n", DateError, 3),
        ("42\n", DocumentError, 1),
    ],
)
def test_bad_documents_say_what_is_wrong(text: str, error: type[Exception], line: int) -> None:
    with pytest.raises(error) as info:
        normalise(text)
    assert isinstance(info.value, DocumentError)
    assert info.value.source == "<text>"
    assert info.value.line == line


def test_missing_file_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="cannot read"):
        normalise(tmp_path / "missing.txt")


# ----------------------------------------------------------------------------- guessing

from datetime import UTC, timedelta  # noqa: E402

from feedpub.extract.bylines import byline_author  # noqa: E402
from feedpub.extract.language import detect_language  # noqa: E402
from feedpub.model import Document  # noqa: E402
from feedpub.normalise import document_kind, inspect_document  # noqa: E402

BODY = (
    "The first paragraph of the story is long enough to be a paragraph and ends with a full "
    "stop, as real body text does."
)


def article(*header: str, body: str = BODY, tail: tuple[str, ...] = ()) -> str:
    return "\n\n".join((*header, body, "A second paragraph follows here.", *tail)) + "\n"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe, Dec 19, 2022 10:31 AM", "Jane Doe"),
        ("Written by Sam Lee", "Sam Lee"),
        ("By Jon Henley in Paris", "Jon Henley"),
        ("By Faisal Islam, Economics editor", "Faisal Islam"),
        ("Von Anna Schmidt, ARD-Hauptstadtstudio", "Anna Schmidt"),
        ("Von Max Müller und Erika Weiß", "Max Müller und Erika Weiß"),
        ("Par Jean Dupont", "Jean Dupont"),
        ("Par Jean Dupont Publié le 12 mars 2024", "Jean Dupont"),
        ("Por María García | Madrid", "María García"),
        ("Door Pieter de Vries", "Pieter de Vries"),
        ("Texto: Javier Ruiz", "Javier Ruiz"),
        ("Article rédigé par Paul Durand - France Télévisions", "Paul Durand"),
        ("Geschrieben von Lena Huber", "Lena Huber"),
        ("Jessica Elgot Chief political correspondent", "Jessica Elgot"),
        ("Faisal Islam, Economics editor", "Faisal Islam"),
        ("Door onze redacteur Marieke de Jong", "Marieke de Jong"),
        ("Von unserem Korrespondenten Jan Becker", "Jan Becker"),
        ("Par notre envoyé spécial Paul Durand", "Paul Durand"),
        ("The minister told reporters on Monday", None),
        ("By Grace O’Neill", "Grace O’Neill"),
        ("by the river the town was quiet", None),
        ("Par ailleurs, le gouvernement a annoncé", None),
        ("Door to door sales fell sharply in the first quarter of the year", None),
        ("Por eso", None),
    ],
)
def test_byline_author(line: str, author: str | None) -> None:
    assert byline_author(line) == author


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The minister said that the plan would be ready after the summer and that it was", "en"),
        ("Der Minister sagte, dass der Plan nach dem Sommer fertig sein wird und auch die", "de"),
        ("Le ministre a dit que le plan sera prêt après l'été et que les mesures sont", "fr"),
        ("El ministro dijo que el plan estará listo después del verano y que los", "es"),
        ("De minister zei dat het plan na de zomer klaar is en dat het ook niet", "nl"),
        ("Il ministro ha detto che il piano sarà pronto dopo l'estate e che le misure", "it"),
        ("O ministro disse que o plano vai estar pronto depois do verão e que as medidas", "pt"),
        ("Министр сказал, что план будет готов после лета и что меры будут приняты", "ru"),
        ("Putin Lukashenko Minsk", None),  # too few words to say
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_a_short_text_stays_among_the_plausible_languages() -> None:
    # A few words of Portuguese that look Galician to py3langid; Czech when configured.
    text = "Os ministros reuniram-se hoje em Lisboa para falar do plano"
    assert detect_language(text) in ("pt", "es")
    czech = "Ministr řekl, že plán bude hotový po létě a že opatření"
    assert detect_language(czech, ("cs",)) == "cs"


@given(st.text(max_size=300))
def test_detect_language_never_raises(text: str) -> None:
    language = detect_language(text)
    assert language is None or re.fullmatch("[a-z]{2,3}", language)


@pytest.mark.parametrize(
    ("source", "text", "kind"),
    [
        ("a.txt", "x", "text"),
        ("a.md", "x", "markdown"),
        ("a.HTML", "x", "html"),
        ("a.json", "x", "json"),
        ("<text>", "<!DOCTYPE html><html></html>", "html"),
        ("<text>", '{"title": "x"}', "json"),
        ("<text>", "---\ntitle: x\n---\n", "markdown"),
        ("<text>", "Plain words", "text"),
    ],
)
def test_document_kind(source: str, text: str, kind: str) -> None:
    assert document_kind(Document(source, text)) == kind


def test_headline_past_chrome_kicker_and_banner() -> None:
    text = article(
        "Daily Example",
        "Menu\nHome\nSearch",
        "BREAKING",
        "Analysis",
        "Ministers agree a new deal on fishing rights after all-night talks",
        "By Jane Doe",
        "19.12.2022 10:31",
    )
    entry = normalise(text, day_first=True)
    assert entry.title == "Ministers agree a new deal on fishing rights after all-night talks"
    assert entry.publisher == "Daily Example"
    assert entry.author == "Jane Doe"
    assert entry.published == datetime(2022, 12, 19, 10, 31, tzinfo=UTC)
    assert entry.summary == BODY
    assert "Jane Doe" not in entry.content_html
    assert "10:31" not in entry.content_html


def test_bare_name_above_the_date_line_is_the_author() -> None:
    text = article("Ministers agree a new deal on fishing rights", "Isabel Moreno", "Madrid",
                   "Actualizado 05/07/2024 a las 10:15h.")  # fmt: skip
    entry = normalise(text)
    assert entry.author == "Isabel Moreno"
    assert "Isabel" not in entry.content_html
    assert "Madrid" not in entry.content_html
    # Without a date line below it, a short line is a subheading or body, never an author.
    assert normalise(article("Ministers agree a new deal | Politics", "Isabel Moreno",
                             tail=("Published 5 July 2024",))).author is None  # fmt: skip


def test_a_document_without_blank_lines() -> None:
    text = "Ministers agree a new deal on fishing rights\nBy Jane Doe\nDecember 19, 2022\n" + BODY
    entry = normalise(text)
    assert (entry.author, entry.published) == ("Jane Doe", datetime(2022, 12, 19, tzinfo=UTC))
    assert entry.content_html == f"<p>{BODY}</p>"


def test_one_paragraph_per_line_without_blank_lines() -> None:
    text = "\n".join(["Daily Example", "Ministers agree a new deal on fishing rights",
                      "December 19, 2022", BODY, "A second paragraph follows here."])  # fmt: skip
    entry = normalise(text)
    assert entry.publisher == "Daily Example"
    assert entry.content_html == f"<p>{BODY}</p>\n<p>A second paragraph follows here.</p>"


def test_date_at_the_end_and_updated_label() -> None:
    text = article(
        "Ministers agree a new deal on fishing rights | Politics",
        tail=("Published 19 December 2022, updated 20 December 2022 08:15 GMT",),
    )
    entry = normalise(text, zone=BRUSSELS)  # type: ignore[arg-type]
    assert entry.published == datetime(2022, 12, 19, tzinfo=BRUSSELS)
    assert entry.updated == datetime(2022, 12, 20, 8, 15, tzinfo=UTC)
    assert "Published" not in entry.content_html


def test_url_line_is_the_link() -> None:
    text = article("Ministers agree a new deal on fishing rights | Politics",
                   "https://news.example.org/2022/12/19/fishing", "December 19, 2022")  # fmt: skip
    entry = normalise(text)
    assert entry.link == "https://news.example.org/2022/12/19/fishing"
    assert "https://" not in entry.content_html


def test_dateline_in_the_first_paragraph_stays_in_the_body() -> None:
    body = "LONDON, Dec. 19, 2022 /PRNewswire/ -- Acme today announced record results."
    entry = normalise(article("Acme announces record results for the quarter", body=body))
    assert entry.published == datetime(2022, 12, 19, tzinfo=UTC)
    assert entry.summary == body


NO_DATE = article("Ministers agree a new deal on fishing rights | Politics")
RELATIVE = article("Ministers agree a new deal on fishing rights | Politics", "3 hours ago")


def test_no_date_uses_first_seen() -> None:
    seen = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    with pytest.raises(DateError, match="no publication date"):
        normalise(NO_DATE)
    entry = normalise(NO_DATE, first_seen=seen, zone=BRUSSELS)  # type: ignore[arg-type]
    assert entry.published == entry.updated == seen
    assert inspect_document(NO_DATE, first_seen=seen).origins["published"].startswith("first")


def test_relative_date_needs_the_chosen_reference() -> None:
    modified = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    seen = datetime(2024, 5, 2, 12, 0, tzinfo=UTC)
    document = Document("a.txt", RELATIVE, modified=modified)
    with pytest.raises(DateError, match="'3 hours ago' left unknown: no reference time"):
        normalise(Document("a.txt", RELATIVE))  # no reference: unknown, not "now"
    with_first_seen = normalise(Document("a.txt", RELATIVE), first_seen=seen)
    assert with_first_seen.published == seen  # the relative date needs the file time
    assert "3 hours ago" not in with_first_seen.content_html
    assert normalise(document).published == modified - timedelta(hours=3)
    by_first_seen = normalise(document, reference="first_seen", first_seen=seen)
    assert by_first_seen.published == seen - timedelta(hours=3)


def test_explicit_metadata_wins_over_guessing() -> None:
    text = (
        "---\ntitle: The stated title\ndate: 2024-01-02\nauthor: Stated Author\n---\n\n"
        "# A guessed headline that differs\n\nBy Guessed Author, 5 March 2023\n\n" + BODY + "\n"
    )
    entry = normalise(Document("a.md", text))
    assert entry.title == "The stated title"
    assert entry.author == "Stated Author"
    assert entry.published == datetime(2024, 1, 2, tzinfo=UTC)


def test_cleaning_keeps_the_real_body() -> None:
    paragraphs = [
        "Shares fell sharply on Monday, with banks leading the declines in early trading.",
        "See also the report published by the central bank last week, analysts said.",
        "Related: shares in two lenders rose later in the day after the announcement.",
    ]
    entry = normalise(article("Markets tumble as banks lead declines | Business",
                              "December 19, 2022", body="\n\n".join(paragraphs)))  # fmt: skip
    # Sentences that merely start like junk stay when they are real paragraphs.
    for paragraph in paragraphs:
        assert paragraph in entry.content_html


@pytest.mark.parametrize(
    "junk",
    [
        "See also  Woman reuniting mother with children",
        "Read more: Europe's energy crisis explained",
        "Advertisement",
        "Share on Facebook Twitter WhatsApp",
        "Facebook Twitter Email",
        "Lesen Sie auch: Wie die Länder die Regeln umsetzen",
        "Lire aussi | Retraites : ce que contient le texte",
        "Lee también: Cómo afecta la sequía",
        "Lees ook: Wat betekent dit?",
        "Anzeige",
        "Publicité",
        "Photo: Reuters",
        "Foto: dpa/Kay Nietfeld",
        "© AFP",
        "Getty Images",
        "5 min read",
        "Lesezeit: 3 Min.",
    ],
)
def test_junk_lines_are_removed(junk: str) -> None:
    entry = normalise(article("Markets tumble as banks lead declines | Business",
                              "December 19, 2022", tail=(junk, "The last paragraph.")))  # fmt: skip
    assert junk.split()[0] not in entry.content_html
    assert "The last paragraph." in entry.content_html


def test_trailing_credit_and_repeated_captions() -> None:
    caption = "Soldiers during an exercise in Belarus."
    tail = (caption, caption + " ©AP", caption + " Photo: Reuters")
    entry = normalise(article("Markets tumble as banks lead declines | Business",
                              "December 19, 2022", tail=tail))  # fmt: skip
    assert entry.content_html.count(caption) == 1
    assert "©" not in entry.content_html
    assert "Reuters" not in entry.content_html


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SENTENCE = st.lists(
    st.sampled_from(["the", "council", "voted", "on", "a", "plan", "to", "build", "lanes",
                     "ring", "road", "after", "years", "of", "debate", "said", "mayor"]),
    min_size=9, max_size=30,
).map(lambda words: " ".join(words).capitalize() + ".")  # fmt: skip


@settings(max_examples=40)
@given(st.lists(_SENTENCE, min_size=1, max_size=6, unique=True))
def test_no_real_paragraph_is_lost(paragraphs: list[str]) -> None:
    text = article("Council votes on new cycle lanes | Local", "December 19, 2022",
                   body="\n\n".join(paragraphs))  # fmt: skip
    entry = normalise(text)
    for paragraph in paragraphs:
        assert f"<p>{paragraph}</p>" in entry.content_html


@pytest.mark.parametrize(
    ("name", "text", "reason", "line"),
    [
        ("a.md", "---\ntitle: [unclosed\n---\nBody text.\n", "YAML front matter", 3),
        ("a.md", "---\ntitle: x\n", "never closed", 1),
        ("a.md", "+++\ntitle = \n+++\nBody.\n", "TOML front matter", 2),
        ("a.md", "---\n- a list\n---\nBody.\n", "must be a mapping", 2),
        ("a.md", "---\ntitle: x\ndate: someday\n---\nBody text here.\n", "'date'", 3),
        ("a.md", "---\ntitle: x\ndate: 2024-13-05\n---\nBody text.\n", "month must be", 3),
        ("a.md", "+++\ntitle = 'x'\ndate = 2024-13-05\n+++\nBody text.\n", "TOML", 3),
        ("a.md", "---\ntitle: x\ndate: 0999-01-01\n---\nBody text.\n", "1000 to 9999", 3),
        ("a.json", '{"title": "x",\n "body": }', "not valid JSON", 2),
        ("a.json", '[{"title": "x"}]', "one object", 1),
        ("a.json", '{"title": "x", "date": "2024-01-01"}', "no body text", 1),
    ],
)  # fmt: skip
def test_bad_inputs_say_which_file_line_and_why(
    name: str, text: str, reason: str, line: int | None
) -> None:
    with pytest.raises(DocumentError, match=reason) as info:
        normalise(Document(name, text))
    assert info.value.source == name
    assert info.value.line == line


_NASTY = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(
        ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\ufffe", "\uffff", "\r", "|", "©", "-"]
    ),
    max_size=40,
)  # fmt: skip


@settings(max_examples=60)
@given(_NASTY, _NASTY, _NASTY)
def test_any_accepted_document_can_be_rendered(title: str, byline: str, body: str) -> None:
    """Control characters in one document must never make the feeds unwritable."""
    from feedpub.model import FeedMeta
    from feedpub.render import render

    text = article(f"Headline {title} of the day here", f"By {byline}", "December 19, 2022",
                   body=f"{BODY} {body}")  # fmt: skip
    try:
        entry = normalise(text)
    except DocumentError:
        return
    meta = FeedMeta(title="t", id="urn:x", site_url="https://example.org/", author="a")
    assert set(render([entry], meta)) == {"atom", "rss"}


_LABELLED = sorted((ROOT / "tests" / "data" / "docs").iterdir())
_SPLICES = st.sampled_from(
    ["", "\x07", "\x00", "\n", "\n\n", "<", ">", '"', "{", "}", ":", "|", " - ", "©",
     "<script>x()</script>", "<!--", "---\n", "By ", "Stand: ", "3 hours ago", "2024-13-45",
     "date: 2024-13-01\n", "\ufeff"]
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(_LABELLED),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 3), _SPLICES), max_size=4),
)
def test_damaged_documents_are_entries_or_rejections(
    path: Path, edits: list[tuple[int, int, str]]
) -> None:
    """Real documents with bytes cut and junk spliced in: an entry that renders, or a
    DocumentError — never another exception."""
    from feedpub.model import FeedMeta
    from feedpub.render import render

    text = read_document(path).text
    for position, cut, splice in edits:
        at = position % (len(text) + 1)
        text = text[:at] + splice + text[at + cut :]
    try:
        entry = normalise(Document(path.name, text))
    except DocumentError:
        return
    meta = FeedMeta(title="t", id="urn:x", site_url="https://example.org/", author="a")
    render([entry], meta)


def test_links_in_the_content_are_kept_and_made_absolute() -> None:
    text = (
        "---\ntitle: Links\ndate: 2024-01-01\nlink: https://news.example.org/2024/links/\n---\n\n"
        "Read [the report](../report.pdf) and [the source](https://source.example/doc?a=1&b=2),"
        " not [this](javascript:alert(1)) nor [mail](mailto:x@example.org).\n"
    )
    entry = normalise(Document("links.md", text), base_url="https://news.example.org/")
    assert entry.content_html == (
        '<p>Read <a href="https://news.example.org/2024/report.pdf">the report</a> and '
        '<a href="https://source.example/doc?a=1&amp;b=2">the source</a>, not this nor mail.</p>'
    )
    # The summary stays plain text.
    assert entry.summary.startswith("Read the report and the source")


def test_relative_content_links_without_any_base_stay_text() -> None:
    text = "---\ntitle: Links\ndate: 2024-01-01\n---\n\nRead [the report](/report.pdf) today.\n"
    entry = normalise(Document("links.md", text))
    assert entry.content_html == "<p>Read the report today.</p>"


def test_html_page_links_resolve_against_its_canonical_url() -> None:
    page = (
        "<html><head><title>Story</title>"
        '<link rel="canonical" href="https://paper.example/news/story.html">'
        '<meta property="article:published_time" content="2024-02-03T10:00:00Z"></head>'
        "<body><article><h1>Story</h1><p>The <a href='img/chart.png'>chart</a> and the"
        " <a href='#top'>top</a> of it all, in one paragraph.</p></article></body></html>"
    )
    entry = normalise(Document("story.html", page), base_url="https://site.example/")
    assert '<a href="https://paper.example/news/img/chart.png">chart</a>' in entry.content_html
    assert '<a href="https://paper.example/news/story.html#top">top</a>' in entry.content_html


@pytest.mark.parametrize(
    ("headline", "date_line", "body", "expected"),
    [
        (
            "Regierung einigt sich auf neues Gesetz | Politik",
            "vor etwa 23 Stunden",
            "Die Regierung hat sich nach langen Verhandlungen auf ein neues Gesetz geeinigt, "
            "das nach Angaben der Minister noch in diesem Jahr in Kraft treten soll.",
            datetime(2024, 4, 30, 13, 0, tzinfo=UTC),
        ),
        (
            "Il governo approva la nuova legge | Politica",
            "Aggiornato il 3 marzo 2023 alle 10:12",
            "Il governo ha approvato la nuova legge dopo una lunga discussione, e i ministri "
            "hanno detto che entrerà in vigore entro la fine dell'anno.",
            datetime(2023, 3, 3, 9, 12, tzinfo=UTC),
        ),
        (
            "Ministers agree a new deal on fishing rights | Politics",
            "Posted at 11:12 AM, Jun 26, 2020",
            BODY,
            datetime(2020, 6, 26, 9, 12, tzinfo=UTC),
        ),
    ],
)
def test_date_lines_dateparser_reads(
    headline: str, date_line: str, body: str, expected: datetime
) -> None:
    modified = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    document = Document("a.txt", article(headline, date_line, body=body), modified=modified)
    entry = normalise(document, zone=BRUSSELS)  # type: ignore[arg-type]
    assert entry.published == expected
