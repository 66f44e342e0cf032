"""tools/text_corpus.py: the split, the answers a page states, the copies and their junk."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from .conftest import load_tool

corpus = load_tool("text_corpus")

PAGE = """<html lang="en"><head><meta charset="utf-8">
<title>Storm floods the valley | Daily Example</title>
<meta property="og:title" content="Storm floods the valley - Daily Example">
<meta property="og:site_name" content="Daily Example">
<meta property="article:section" content="Weather">
<meta name="author" content="Jane Doe">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "NewsArticle", "headline": "Storm floods the valley", "datePublished":
  "2024-03-12T23:30:00-05:00", "author": [{"@type": "Person", "name": "Jane Doe"},
  {"@type": "Person", "name": "Tom Hale"}], "publisher": {"name": "Daily Example"}}]}
</script></head><body><nav>* Login</nav><h1>Storm floods the valley</h1>
<p>The river rose two metres overnight and closed every road out of town.</p>
<p>Residents were told to stay indoors until the water goes down.</p></body></html>"""
BODY = [
    "The river rose two metres overnight and closed every road out of town.",
    "Residents were told to stay indoors until the water goes down.",
]


def test_the_split_is_the_projects_rule() -> None:
    for page_id in ("ars-1", "nytimes-1", "042bb7b5fedab6ea", "x"):
        first = hashlib.sha256(page_id.encode()).hexdigest()[0]
        assert corpus.part_of(page_id) == ("test" if first in "0123" else "dev")
    assert {corpus.part_of(f"page-{n}") for n in range(20)} == {"dev", "test"}


def test_answers_come_from_the_pages_metadata() -> None:
    answers = corpus.page_answers(PAGE, None, BODY)
    assert answers.title == "Storm floods the valley"
    assert answers.author == "Jane Doe, Tom Hale"  # JSON-LD before <meta name=author>
    assert answers.date == "2024-03-12"  # the day as the page states it, not in UTC
    assert answers.site == "Daily Example"
    assert answers.section == "Weather"


def test_expected_metadata_wins_and_a_byline_that_is_no_name_is_dropped() -> None:
    bare = "<html><head><title>x</title></head><body><p>Text.</p></body></html>"
    expected = {"title": "How to Build a Terrarium | eHow", "siteName": "eHow",
                "byline": "By Lucy Akins", "publishedTime": "2019-04-28 06:01:07"}  # fmt: skip
    answers = corpus.page_answers(bare, expected, ["Text."])
    assert (answers.title, answers.author, answers.date) == (
        "How to Build a Terrarium", "Lucy Akins", "2019-04-28")  # fmt: skip
    dated = {**expected, "byline": "April 28, 2019 at 6:01 am Updated April 29, 2019"}
    assert corpus.page_answers(bare, dated, ["Text."]).author is None


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        ("Storm | UK - BBC News", "BBC News", None, "Storm | UK"),
        ("Mozilla - Wikipedia", None, "en.wikipedia.org", "Mozilla - Wikipedia"),
        ("Mozilla - Wikipedia", "Wikipedia", None, "Mozilla"),
        ("Welcome · V8", None, "v8.dev", "Welcome"),
        ("A: the colon stays", "Other", None, "A: the colon stays"),
    ],
)
def test_strip_site(title: str, site: str | None, host: str | None, expected: str) -> None:
    assert corpus.strip_site(title, site, host) == expected


def test_html_blocks_one_per_innermost_block_and_decoding_by_meta_charset() -> None:
    html = "<div><p>Für <b>alle</b></p><ul><li>eins</li><li><p>zwei</p></li></ul></div>"
    assert corpus.html_blocks(html) == ["Für alle", "• eins", "zwei"]
    raw = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>F\xfcr</p>'
    decoded = corpus.decode_page(raw.encode("latin-1"))
    assert "Für" in decoded
    assert 'charset="utf-8"' in decoded


def test_article_knows_wrapped_lines_and_not_short_chrome() -> None:
    article = corpus.Article([*BODY, "Share this with your friends, said the mayor."])
    assert article.has("The river rose two metres overnight and")
    assert article.has("   closed every road out of town.")  # a wrapped paragraph's last line
    assert article.has("out of town.")
    assert article.has("* Share")  # a short line as a block's start ...
    assert not article.has("* Login")  # ... and no other short line
    assert not article.has("Sign up for our daily newsletter today")
    assert article.has("said the mayor today")  # most of its word pairs are the article's
    assert not article.has("said the mayor of another town")


DUMP = """* Login
* Weather

Storm floods the valley

By Jane Doe
March 12, 2024

The river rose two metres overnight and
closed every road out of town.

Residents were told to stay indoors until
the water goes down.

Share this story
Storm floods the valley
Copyright Daily Example"""


def test_locate_junk_and_the_lynx_cut() -> None:
    answers = corpus.page_answers(PAGE, None, BODY)
    lines = DUMP.splitlines()
    assert corpus.locate(lines, answers) == (3, 8, 11)
    assert corpus.junk_lines(lines, answers, 3) == [
        "By Jane Doe", "March 12, 2024", "Share this story", "Copyright Daily Example"]  # fmt: skip
    long = ["menu"] * 30 + lines + ["footer"] * 30
    kept = corpus.cut(long, answers)
    assert kept[0] == "menu"
    assert len(kept) == corpus.CONTEXT_LINES + (11 - 3 + 1) + corpus.CONTEXT_LINES
    assert "Storm floods the valley" in kept
    assert corpus.cut(["no article here"], answers) == ["no article here"]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("March 12, 2024", True),
        ("Published 12 mars 2024 à 10h", True),
        ("12.03.2024, 08.15 Uhr", True),
        ("2024-03-12T10:00", True),
        ("March 13, 2024", False),
        ("Mar 12", False),
        ("12 2024 May", False),
    ],
)
def test_date_shown(line: str, shown: bool) -> None:
    assert corpus.date_shown(["something", line], "2024-03-12") is shown
    assert corpus.date_shown([line], None) is False


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("© 2024 Daily Example. All rights reserved.", True),
        ("  * Daily Example", True),
        ("jane@dailyexample.com", False),  # one word, not the name's two
        ("The river rose, Daily Example reported, two metres overnight.", False),  # article
        ("Sign up for the Daily Example Newsletter", True),
        ("DailyExampleTimes", False),  # part of a word
    ],
)
def test_site_shown_is_the_names_words_outside_the_article(line: str, shown: bool) -> None:
    body = ["The river rose, Daily Example reported, two metres overnight."]
    assert corpus.site_shown(["Storm floods the valley", line], "Daily Example", body) is shown
    assert corpus.site_shown([line], None, body) is False


def test_reader_copy_shows_site_headline_byline_date_and_the_article() -> None:
    answers = corpus.page_answers(PAGE, None, BODY)
    text = corpus.reader_copy(answers, "en")
    assert text.startswith("Daily Example\nStorm floods the valley\n\nBy Jane Doe, Tom Hale\n")
    assert "March 12, 2024\n1–2 minutes\n\nThe river rose" in text
    assert "\n2024-03-12\n" in corpus.reader_copy(answers, "de")


def test_build_writes_copies_and_a_manifest(tmp_path: Path) -> None:
    def renderer(program: str, path: Path) -> str:
        assert path.read_text(encoding="utf-8") == PAGE
        return ("\n".join(["chrome"] * 20) + "\n" + DUMP) if program == "lynx" else DUMP

    pages = [corpus.Page("page-1", "test", PAGE, None, BODY)]
    assert corpus.build(pages, tmp_path, renderer) == 3
    rows = [json.loads(line) for line in (tmp_path / "manifest.jsonl").read_text().splitlines()]
    assert [row["variant"] for row in rows] == ["w3m", "lynx", "reader"]
    assert {row["part"] for row in rows} == {corpus.part_of("page-1")}
    w3m, lynx, reader = (row["answers"] for row in rows)
    assert w3m["title_shown"]
    assert w3m["date_shown"]
    assert not w3m["author_shown"]  # Tom Hale is not in the dump
    assert reader["author_shown"]
    assert w3m["section_shown"]  # the menu's "* Weather"
    assert not reader["section_shown"]
    assert lynx["headline_line"] == corpus.CONTEXT_LINES
    assert (tmp_path / "page-1.lynx.txt").read_text().count("chrome") == corpus.CONTEXT_LINES - 3
    assert "Copyright Daily Example" in w3m["junk"]
    assert reader["junk"] == ["By Jane Doe, Tom Hale", "March 12, 2024", "1–2 minutes"]


def test_the_corpus_is_written_outside_the_repository(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        corpus.main(["--out", str(Path(corpus.__file__).parent / "corpus"), "--aeb", "x"])
    with pytest.raises(SystemExit):
        corpus.main(["--out", str(tmp_path)])  # no checkout given


def test_the_headline_answer_is_the_visible_h1_when_it_is_the_stated_title_shortened() -> None:
    page = PAGE.replace("<h1>Storm floods the valley</h1>", "<h1>Storm</h1>")
    assert corpus.page_answers(page, None, BODY).title == "Storm floods the valley"  # too short
    expected = {"title": "Storm floods the valley - Jane's stories"}
    assert corpus.page_answers(PAGE, expected, BODY).title == "Storm floods the valley"


def test_a_wrapped_headline_is_shown_and_a_breadcrumb_holding_it_is_not() -> None:
    answers = corpus.Answers(title="Storm floods the valley as rain keeps falling", body=BODY)
    wrapped = ["Home > Weather > Storm floods the valley as rain keeps falling",
               "Storm floods the valley as", "rain keeps falling", "", BODY[0]]  # fmt: skip
    assert corpus.locate(wrapped, answers)[0] == 1
    assert corpus.locate([*wrapped[:1], "", BODY[0]], answers)[0] is None


def test_a_name_in_running_text_is_not_shown_as_the_sites() -> None:
    """A sentence outside the known article (a teaser's, a comment's, or the article's own
    where only passages of it are known) names a site as prose does: not shown. As one of a
    line's parts it is, and on a short line of chrome."""
    para = [
        "Um 12.45 Uhr veroeffentlicht Daily Example einen Text von Jane Doe ueber den",
        "Fall und die Folgen.",
    ]
    assert not corpus.site_shown(para, "Daily Example", [])
    assert corpus.site_shown(["The valley in the rain. Photo by Jane Doe / Daily Example", ""],
                             "Daily Example", [])  # fmt: skip
    assert corpus.site_shown(["#publisher Daily Example » Feed Daily Example » Comments Feed",
                              "#alternate"], "Daily Example", [])  # fmt: skip


def test_a_section_is_shown_as_a_whole_part_of_a_line() -> None:
    body = ["Residents of the town were told to stay indoors as the weather turned."]
    for line in ("* Education", "Home > Education > Schools", "Site | Posts | Education | Title"):
        assert corpus.section_shown([line], "Education", body)
    for line in ("Higher education", "Richard Adams Education editor",
                 "https://www.example.com/news/world-europe-50473792"):  # fmt: skip
        assert not corpus.section_shown([line], "Education", body)
    assert not corpus.section_shown([line], "Europe", body)


def test_a_section_is_shown_outside_the_article_only() -> None:
    """A kicker, a breadcrumb or a menu item shows the section; a word of the article's
    sentences, of its headline or of the site's name does not (a reader copy shows none)."""
    body = ["Residents of the town were told to stay indoors as the weather turned."]
    title, site = "Storm floods the valley", "Weather Daily"

    def shows(*lines: str, section: str = "Weather") -> bool:
        return corpus.section_shown([*lines, title, *body], section, body, title, site)

    assert shows("Home > Weather")
    assert shows("* Weather")
    assert shows("Storm floods the valley | Weather")
    assert not shows()  # only in the article's sentence
    assert not shows("Weather Daily")  # the site's name
    assert not shows(section="Storm")  # a word of the headline
    assert not shows("Weathering the storm")  # not the whole word
    assert not corpus.section_shown(["Home > Weather"], None, body)


def test_passages_are_found_wrapped_and_as_whole_words_only() -> None:
    lines = ["* Login", "", "The river rose two metres", "overnight and closed every road."]
    found = corpus.Passages(lines)
    assert found.spans("river rose two metres overnight") == [range(2, 4)]
    assert found.spans("The River rose") == [range(2, 3)]  # as compared: case aside
    assert found.spans("log") == []  # not a part of a word
    assert found.spans("road") == [range(3, 4)]
    assert found.spans("nowhere to be seen") == []
    assert found.covered("two metres overnight") == {2: 2, 3: 1}


EVAL_PAGE = """<html lang="de"><head><meta charset="utf-8">
<title>Neuer Radweg eröffnet | Stadtblog</title><link rel="canonical" href="https://stadtblog.example/radweg">
<meta name="author" content="Redaktion"></head><body><ul><li>Impressum</li><li>Kontakt</li></ul>
<h1>Neuer Radweg eröffnet</h1><p>Von Anna Berg, 3. Mai 2021</p>
<p>Der neue Radweg am Fluss ist seit Montag offen und fünf Kilometer lang.</p>
<p>Die Stadt plant zwei weitere Strecken bis zum nächsten Sommer.</p>
<p>Diesen Artikel teilen</p><p>Ein Kommentar: Endlich ein sicherer Weg zur Arbeit!</p>
<p>Impressum</p></body></html>"""


def _eval_checkout(tmp_path: Path) -> Path:
    """A made-up checkout laid out as adbar/trafilatura's evaluation set."""
    (tmp_path / "tests" / "eval").mkdir(parents=True)
    (tmp_path / "tests" / "cache").mkdir()
    (tmp_path / "tests" / "eval" / "stadtblog.radweg.html").write_text(EVAL_PAGE, "utf-8")
    (tmp_path / "tests" / "cache" / "other.html").write_text("<p>x</p>", "utf-8")
    evaldata = {
        "https://stadtblog.example/radweg": {
            "file": "stadtblog.radweg.html", "author": "Anna Berg", "title": "", "date":
            "2021-05-03", "with": ["Der neue Radweg am Fluss", "zwei weitere Strecken"],
            "without": ["Impressum", "Diesen Artikel teilen"],
            "comments": ["Endlich ein sicherer Weg"]},
        "https://stadtblog.example/again": {"file": "stadtblog.radweg.html", "with": ["x"],
                                            "without": ["y"]},  # the same file: once
        "https://elsewhere.example/": {"file": "missing.html", "with": ["x"], "without": ["y"]},
        "https://other.example/": {"file": "other.html", "with": [], "without": ["y"]},
    }  # fmt: skip
    (tmp_path / "tests" / "evaldata.json").write_text(json.dumps(evaldata), "utf-8")
    return tmp_path


def test_trafilatura_pages_give_passages_and_the_annotators_answers(tmp_path: Path) -> None:
    pages = list(corpus.trafilatura_pages(_eval_checkout(tmp_path)))
    assert [page.id for page in pages] == ["trafilatura/stadtblog.radweg"]
    page = pages[0]
    assert (page.origin, page.body) == ("trafilatura", [])  # no whole article: body unknown
    assert page.anchors == ["Der neue Radweg am Fluss", "zwei weitere Strecken"]
    assert page.not_body == ["Impressum", "Diesen Artikel teilen", "Endlich ein sicherer Weg"]
    answers = corpus.page_answers(page.html, page.expected, page.body, page.stated)
    assert answers.author == "Anna Berg"  # the annotators' author wins over <meta name=author>
    assert answers.date == "2021-05-03"
    assert answers.title == "Neuer Radweg eröffnet"  # no annotated title: the page's, less its host


def test_a_page_known_only_by_passages_has_no_reader_copy_and_its_junk_is_known(
    tmp_path: Path,
) -> None:
    page = next(corpus.trafilatura_pages(_eval_checkout(tmp_path)))
    dump = ["* Impressum", "* Kontakt", "", "Neuer Radweg eröffnet", "",
            "Von Anna Berg, 3. Mai 2021", "", "Der neue Radweg am Fluss ist seit Montag offen",
            "und fünf Kilometer lang.", "", "Die Stadt plant zwei weitere Strecken bis zum",
            "nächsten Sommer.", "", "Diesen Artikel teilen", "",
            "Ein Kommentar: Endlich ein sicherer Weg zur Arbeit!", "", "Impressum"]  # fmt: skip
    out = tmp_path / "out"
    assert corpus.build([page], out, lambda program, path: "\n".join(dump)) == 2
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert [row["variant"] for row in rows] == ["w3m", "lynx"]
    w3m = rows[0]["answers"]
    assert (out / rows[0]["file"]).parent == out / "trafilatura"
    assert (w3m["body_known"], w3m["body"]) == (False, [])
    assert w3m["headline_line"] == 3  # above the first passage of the article
    assert w3m["author_shown"]
    assert w3m["date_shown"]
    # the lines the passages known not to be the article's make up (half of its words or
    # more), after the headline: not the menu's "* Impressum", not the byline nobody marked
    comment = "Ein Kommentar: Endlich ein sicherer Weg zur Arbeit!"
    assert w3m["junk"] == ["Diesen Artikel teilen", comment, "Impressum"]
    answers = corpus.Answers(title="Neuer Radweg eröffnet", body_known=False,
                             anchors=page.anchors, not_body=page.not_body)  # fmt: skip
    assert corpus.junk_lines(dump, answers, 3) == w3m["junk"]
    wordy = [*dump, "Ein Kommentar: Endlich ein sicherer Weg, sagt Tom, der jeden Tag fährt."]
    assert corpus.junk_lines(wordy, answers, 3) == w3m["junk"]  # 4 of 12 words: no junk line
    labels = corpus.line_labels(dump, answers)
    assert [i for i, label in enumerate(labels) if label] == [3, 7, 10]
    assert [i for i, label in enumerate(labels) if label is False] == [13, 15, 17]
    assert labels[5] is None  # the byline: the source does not say


def test_line_labels_of_a_known_article() -> None:
    answers = corpus.page_answers(PAGE, None, BODY)
    labels = corpus.line_labels(DUMP.splitlines(), answers)
    assert labels[:4] == [False, False, True, True]  # "* Login", "* Weather", "", headline
    assert None not in labels


def test_every_source_is_an_option(tmp_path: Path) -> None:
    assert set(corpus.SOURCES) >= {"readability", "aeb", "trafilatura"}
    out = tmp_path / "out"
    assert corpus.main(["--out", str(out), "--trafilatura", str(_eval_checkout(tmp_path))]) == 0
    assert (out / "manifest.jsonl").read_text().count('"origin": "trafilatura"') == 2


def test_newspaper4k_pages_give_the_whole_expected_text(tmp_path: Path) -> None:
    data = tmp_path / "tests" / "data"
    for folder in ("html", "txt", "metadata"):
        (data / folder).mkdir(parents=True)
    (data / "html" / "storm.html").write_text(PAGE, "utf-8")
    (data / "html" / "no_text.html").write_text(PAGE, "utf-8")
    (data / "txt" / "storm.txt").write_text("\n\n".join(BODY) + "\n", "utf-8")
    meta = {"title": "Storm floods the valley", "publish_date": "2024-03-13T00:00:00",
            "authors": ["Someone Else"],
            "canonical_link": "https://daily.example/storm"}  # fmt: skip
    (data / "metadata" / "storm.json").write_text(json.dumps(meta), "utf-8")
    pages = list(corpus.newspaper4k_pages(tmp_path))
    assert [(page.id, page.origin, page.body) for page in pages] == [
        ("newspaper4k/storm", "newspaper4k", BODY)]  # fmt: skip
    answers = corpus.page_answers(pages[0].html, pages[0].expected, pages[0].body, pages[0].stated)
    assert answers.title == "Storm floods the valley"
    assert answers.author == "Jane Doe, Tom Hale"  # the page's, not newspaper's authors
    assert answers.date == "2024-03-12"  # the page's JSON-LD before newspaper's date


def test_goose3_pages_give_the_articles_opening_and_skip_made_up_pages(tmp_path: Path) -> None:
    content = tmp_path / "tests" / "data" / "content"
    content.mkdir(parents=True)
    real = PAGE.replace("</body>", "<footer>" + "Links. " * 700 + "</footer></body>")
    (content / "test_storm.html").write_text(real, "utf-8")
    tiny = "<p>Search-and-rescue teams were mobilized</p>"
    (content / "test_tiny.html").write_text(tiny, "utf-8")
    expected = {"url": "https://daily.example/storm",
                "expected": {"cleaned_text": BODY[0] + "\n\nResidents were"}}  # fmt: skip
    for name in ("test_storm", "test_tiny"):
        (content / f"{name}.json").write_text(json.dumps(expected), "utf-8")
    pages = list(corpus.goose3_pages(tmp_path))
    assert [page.id for page in pages] == ["goose3/storm"]
    assert (pages[0].body, pages[0].anchors) == ([], [BODY[0], "Residents were"])
    assert pages[0].not_body == []  # no junk known


POSTLIGHT_TEST = """describe('DailyExampleExtractor', () => {
  describe('initial test case', () => {
    beforeAll(() => {
      url =
        'https://daily.example/2024/03/storm';
      const html = fs.readFileSync('./fixtures/daily.example.html');
    });
    it('returns the title', async () => {
      assert.equal(title, `Storm floods the valley`);
    });
    it('returns the author', async () => {
      assert.equal(author, 'Jane Doe and Tom Hale');
    });
    it('returns the date_published', async () => {
      assert.equal(date_published, '2024-03-13T04:30:00.000Z');
    });
    it('returns the content', async () => {
      assert.equal(first13, "The river rose two metres overnight &amp; closed every road");
    });
  });
  describe('a second page', () => {
    beforeAll(() => {
      url = 'https://daily.example/other';
      const html = fs.readFileSync('./fixtures/daily.example--other.html');
    });
    it('returns the title', async () => {
      assert.equal(title, 'It\\'s ' + name);
    });
  });
});
"""


def test_postlight_pages_read_the_tests_expected_values(tmp_path: Path) -> None:
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "daily.example.html").write_text(PAGE, "utf-8")
    (tmp_path / "fixtures" / "daily.example--other.html").write_text(PAGE, "utf-8")
    site = tmp_path / "src" / "extractors" / "custom" / "daily.example"
    site.mkdir(parents=True)
    (site / "index.test.js").write_text(POSTLIGHT_TEST, "utf-8")
    pages = list(corpus.postlight_pages(tmp_path))
    assert [page.id for page in pages] == ["postlight/daily.example"]  # the other: no content
    page = pages[0]
    assert page.stated == {"url": "https://daily.example/2024/03/storm",
                           "title": "Storm floods the valley",
                           "author": "Jane Doe and Tom Hale"}  # fmt: skip
    assert page.anchors == ["The river rose two metres overnight & closed every road"]
    answers = corpus.page_answers(page.html, page.expected, page.body, page.stated)
    assert answers.author == "Jane Doe and Tom Hale"
    assert answers.date == "2024-03-12"  # the page states its day in its zone, the test in UTC
    bare = "<html><head><title>Storm</title></head><body><p>x</p></body></html>"
    assert corpus.page_answers(bare, page.expected, [], page.stated).date == "2024-03-13"


def test_a_page_two_sources_hold_is_built_once(tmp_path: Path) -> None:
    pages = [corpus.Page("page-1", "one", PAGE, None, BODY),
             corpus.Page("other/page-1", "other", PAGE, None, BODY)]  # fmt: skip
    assert corpus.build(pages, tmp_path, lambda program, path: DUMP) == 3


def test_a_copy_the_renderer_gave_nothing_of_is_left_out(tmp_path: Path) -> None:
    pages = [corpus.Page("page-1", "test", PAGE, None, BODY)]

    def renderer(program: str, path: Path) -> str:
        return "" if program == "lynx" else DUMP

    assert corpus.build(pages, tmp_path, renderer) == 2
    rows = [json.loads(line) for line in (tmp_path / "manifest.jsonl").read_text().splitlines()]
    assert [row["variant"] for row in rows] == ["w3m", "reader"]


def test_a_paragraphs_last_line_and_a_links_path_do_not_show_the_site() -> None:
    """The last line of a paragraph the renderer wrapped is a sentence's, however short; a
    link shows its host's name, not the words of its path or query. Lines of chrome after a
    long line still show it, and a link's host is the site's domain."""
    wrapped = [
        "Wikipedia® is a registered trademark of the Wikimedia Foundation, Inc., a",
        "non-profit organization run by Daily Example.",
    ]
    assert not corpus.site_shown(wrapped, "Daily Example", [])
    menu = ["A teaser's long title that the renderer wrapped over the width of the page", ""]
    assert corpus.site_shown([menu[0], "Daily Example Menu"], "Daily Example", [])
    for line in ("https://cdn.example.net/share?via=dailyexample&s=1",
                 "[https://www.other.com/daily-example/x.jpg]"):  # fmt: skip
        assert not corpus.site_shown([line, ""], "dailyexample", [])
        assert not corpus.section_shown([line], "Daily Example", [])
    assert corpus.site_shown(["https://www.phys.org/news/2019-x.html", ""], "Phys.org", [])
    assert corpus.site_shown(["phys.org", ""], "https://www.phys.org/", [])
