"""tools/text_accuracy.py: how a copy's fields are compared and counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import load_tool

accuracy = load_tool("text_accuracy")

BODY = [
    "The river rose two metres overnight and closed every road out of town, officials said.",
    "Residents were told to stay indoors until the water goes down again later this week.",
]


@pytest.mark.parametrize(
    ("answer", "got", "right"),
    [
        ("Storm floods ‘the’ valley", "storm floods 'the'  valley", True),
        ("Storm floods the valley", "Storm floods the valley | Weather", False),
        ("Storm floods the valley", None, False),
    ],
)
def test_same_text(answer: str, got: str | None, right: bool) -> None:
    assert accuracy.same_text(answer, got) is right


@pytest.mark.parametrize(
    ("answer", "got", "right"),
    [
        ("Jane Doe, Tom Hale", "Tom Hale and Jane Doe", True),
        ("Jane Doe", "JANE DOE", True),
        ("Jane Doe, Tom Hale", "Jane Doe", False),
        ("Jane Doe", "Jane Doe Chief political correspondent", False),
        ("Jane Doe", None, False),
        # What signs a byline in other languages is no name, in the answer as in the guess.
        ("Von Roland Brockmann und Sebastian Drescher", "Roland Brockmann, S. Drescher", False),
        ("Von Roland Brockmann und Jane Doe", "Roland Brockmann, Jane Doe", True),
        ("著者：後藤大地", "後藤大地", True),
        ("Par Jeanne Dupont", "Jeanne Dupont", True),
        ("Ursula von der Leyen", "Ursula von der Leyen", True),
        ("Von der Leyen", "Leyen", False),
    ],
)
def test_same_author(answer: str, got: str | None, right: bool) -> None:
    assert accuracy.same_author(answer, got) is right


def test_an_author_answer_naming_only_the_site_is_the_publishers() -> None:
    assert accuracy.names_the_site("BBC News", "BBC News")
    assert accuracy.names_the_site("Snopes", "Snopes.com")
    assert accuracy.names_the_site("Beachbody", "The Beachbody Blog")
    assert not accuracy.names_the_site("Troy L. Smith, Cleveland.com", "cleveland")
    assert not accuracy.names_the_site("Analysis by Chris Cillizza, CNN Editor-at-large", "CNN")
    assert not accuracy.names_the_site("Reuters", None)


@pytest.mark.parametrize(
    ("answer", "site", "got", "right"),
    [
        ("By TOM KRISHER, AP Auto Writer", None, "Tom Krisher", True),
        ("By TOM KRISHER, AP Auto Writer", None, "TOM KRISHER, AP Auto Writer", True),
        ("By TOM KRISHER, AP Auto Writer", None, "AP Auto Writer", False),
        ("Rachael Link, MS, RD", "Healthline", "Rachael Link", True),
        ("Troy L. Smith, Cleveland.com", "cleveland", "Troy L. Smith", True),
        ("Charlie Wood, Business Insider", "Business Insider Deutschland", "Charlie Wood", True),
        (
            "Charlie Wood, Business Insider",
            "Business Insider Deutschland",
            "Business Insider",
            False,
        ),
        ("Amy Kuperinsky | NJ Advance Media for NJ.com", "nj", "Amy Kuperinsky", True),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", "CNN", "Chris Cillizza", True),
        ("Written by Rob Ewaschuk Edited by Betsy Beyer", None, "Rob Ewaschuk", True),
        ("By MEG KINNARD and ERRIN HAINES, Associated Press", None, "Meg Kinnard", False),
        (
            "By MEG KINNARD and ERRIN HAINES, Associated Press",
            None,
            "Meg Kinnard, Errin Haines",
            True,
        ),
        ("Stella Kim, Jennifer Jett", "NBC News", "Stella Kim", False),
        ("Stella Kim", None, "Stella Kim, Jennifer Jett", False),
    ],
)
def test_an_author_answers_roles_and_affiliations_may_be_left_off(
    answer: str, site: str | None, got: str, right: bool
) -> None:
    assert accuracy.same_author(answer, got, site) is right


def test_a_date_is_right_on_its_day_as_written_or_in_utc() -> None:
    assert accuracy.same_date("2024-03-12", "2024-03-12/2024-03-13")
    assert accuracy.same_date("2024-03-13", "2024-03-12/2024-03-13")
    assert not accuracy.same_date("2024-03-11", "2024-03-12/2024-03-13")
    assert not accuracy.same_date("2024-03-12", None)


def test_same_publisher_ignores_a_domain_ending() -> None:
    assert accuracy.same_publisher("Le Monde.fr", "Le Monde")
    assert accuracy.same_publisher("the Guardian", "The Guardian")
    assert not accuracy.same_publisher("BBC News", "BBC News | UK")
    # Spaces, a URL's scheme and a leading "the" aside: the same name however written.
    assert accuracy.same_publisher("The Guardian", "theguardian.com")
    assert accuracy.same_publisher("Washington Post", "The Washington Post")
    assert accuracy.same_publisher("https://www.hawaiinewsnow.com", "Hawaii News Now")
    assert accuracy.same_publisher("Sportsnet.ca", "Sportsnet")
    assert not accuracy.same_publisher("BBC News", "BBC")


def test_a_summary_opens_like_one_of_the_first_paragraphs() -> None:
    assert accuracy.right_summary(BODY, BODY[0])
    assert accuracy.right_summary(BODY, "Residents were told to stay indoors until the water")
    assert not accuracy.right_summary(BODY, "By Jane Doe, Chief Reporter")
    assert not accuracy.right_summary(BODY, "Photo: Reuters")
    assert not accuracy.right_summary(BODY, None)


def test_a_japanese_summary_counts_characters_as_words() -> None:
    # No spaces: each kana or ideograph is a word, so a paragraph of one clause counts, and a
    # copy that broke a line inside a word (a reader joins it with a space) still opens alike.
    body = ["東京都は大雨のため、全域に避難指示を出した。", "記者：山田"]
    assert accuracy.right_summary(body, "東京都は大雨のため、全域に避難指示を出した。")
    assert accuracy.right_summary(body, "東京都は大雨の ため、全域に")
    assert not accuracy.right_summary(body, "記者：山田")
    assert not accuracy.right_summary(body, "大阪府は大雨のため、全域に")


def test_f1_and_junk_removed() -> None:
    assert accuracy.f1(BODY, "\n".join(BODY)) == 1.0
    assert accuracy.f1(BODY, "") == 0.0
    half = accuracy.f1(["a b c d"], "a b x y")
    assert half == pytest.approx(0.5)
    junk = ["Share this story", "Copyright Daily Example", "* Login"]
    kept = "\n".join([*BODY, "Share this story"])
    assert accuracy.junk_removed(junk, kept) == (2, 3)


def test_baselines() -> None:
    text = "* Login\n\nStorm floods the valley\n\nBy Jane Doe - March 12, 2024\n\n" + BODY[0]
    got = accuracy.baseline_got(text, "x.txt")
    assert got.headline == "* Login"
    assert got.author == "Jane Doe"
    assert BODY[0] in got.body
    assert accuracy.baseline_got("By Tom Hale, 12 March 2024\n", "x").author == "Tom Hale"


DOCUMENT = f"""* Login

Storm floods the valley

By Jane Doe
March 12, 2024

{BODY[0]}

{BODY[1]}

Share this story
"""


def _corpus(tmp_path: Path) -> Path:
    (tmp_path / "doc.lynx.txt").write_text(DOCUMENT, encoding="utf-8")
    answers = {
        "title": "Storm floods the valley", "author": "Jane Doe", "date": "2024-03-12",
        "site": "Daily Example", "section": None, "body": BODY, "title_shown": True,
        "author_shown": True, "date_shown": True, "section_shown": False, "site_shown": False,
        "headline_line": 2, "junk": ["By Jane Doe", "March 12, 2024", "Share this story"],
    }  # fmt: skip
    row = {"id": "doc", "variant": "lynx", "part": "test", "origin": "test",
           "file": "doc.lynx.txt", "html": "html/doc.html", "answers": answers}  # fmt: skip
    (tmp_path / "manifest.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return tmp_path


def test_measure_scores_feedpub_and_the_baseline_per_part_and_copy(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    scores = accuracy.measure(corpus, accuracy.load(corpus), library=False)
    assert set(scores) == {("test", "lynx", "feedpub"), ("test", "lynx", "baseline")}
    baseline = scores["test", "lynx", "baseline"]
    assert baseline.right["headline"] == 0
    assert baseline.total["headline"] == 1
    assert baseline.right["author"] == 1
    assert baseline.junk == [0, 3]
    assert baseline.total["section"] == 0  # not known: not counted
    feedpub = scores["test", "lynx", "feedpub"]
    assert feedpub.rejected == 0
    assert feedpub.total["fields"] == 4  # headline, date, author, summary
    cells = feedpub.cells()
    assert cells["section"] == "-"
    assert cells["rejected"] == "0 of 1"
    table = accuracy.tables(scores)
    assert "### test part, lynx copies (1)" in table
    assert "| headline | " in table
    short = accuracy.compact(scores)
    assert "test part (1 copies): feedpub (baseline, trafilatura)" in short
    assert "| rejected | 0 of 1 (0 of 1) |" in short


def test_a_rejected_copy_counts_as_every_field_missed() -> None:
    score = accuracy.Score()
    row = {"file": "x.txt", "answers": {
        "title": "T", "author": None, "date": None, "site": None, "section": None,
        "body": BODY, "title_shown": True, "author_shown": False, "date_shown": False,
        "junk": ["Share"]}}  # fmt: skip
    score.add(row, accuracy.Got(rejected=True, notes=("no headline found",)))
    assert (score.rejected, score.right["fields"], score.total["fields"]) == (1, 0, 2)
    assert score.junk == [1, 1]  # nothing kept
    assert score.f1s == [0.0]
    assert "rejected" in score.misses["headline"][0]


def test_the_section_counts_where_the_copy_shows_it_by_todays_rule(tmp_path: Path) -> None:
    """A corpus built before the rule measures as a new one: whether the copy shows its
    section is worked out again from the copy (text_corpus.section_shown)."""
    corpus = _corpus(tmp_path)
    row = accuracy.load(corpus)[0]
    row["answers"] |= {"section": "Weather", "section_shown": True}
    assert not accuracy._shown_now(row, DOCUMENT)["answers"]["section_shown"]
    shown = accuracy._shown_now(row, "Home > Weather\n" + DOCUMENT)
    assert shown["answers"]["section_shown"]


def test_a_body_known_only_by_passages_counts_them_kept_and_no_f1_or_summary() -> None:
    score = accuracy.Score()
    answers = {
        "title": "T", "author": None, "date": None, "site": None, "section": None,
        "body": [], "body_known": False, "anchors": ["river rose two metres", "stay indoors"],
        "title_shown": True, "author_shown": False, "date_shown": False, "junk": ["Share"],
    }  # fmt: skip
    kept = "The river rose two\nmetres overnight.\nShare"
    score.add({"file": "x.txt", "answers": answers}, accuracy.Got(headline="T", body=kept))
    assert score.kept == [1, 2]  # a wrapped passage is found; "stay indoors" is not there
    assert score.junk == [0, 1]
    assert score.f1s == []  # no whole article to compare with
    assert (score.total["summary"], score.total["fields"], score.right["fields"]) == (0, 1, 1)
    cells = score.cells()
    assert (cells["body F1"], cells["passages kept"], cells["junk removed"]) == ("-", "50%", "0%")
    assert accuracy.Score().cells()["passages kept"] == "-"


def test_the_origin_option_measures_one_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus(tmp_path)
    assert accuracy.main([str(corpus), "--no-library", "--compact", "--origin", "test"]) == 0
    assert "test part (1 copies)" in capsys.readouterr().out
    assert accuracy.main([str(corpus), "--no-library", "--compact", "--origin", "aeb"]) == 0
    assert "part" not in capsys.readouterr().out


def test_only_the_passages_a_copy_shows_count(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    row = accuracy.load(corpus)[0]
    row["answers"] |= {"anchors": ["rose two metres overnight", "http://example.com/x"]}
    assert accuracy._shown_now(row, DOCUMENT)["answers"]["anchors"] == ["rose two metres overnight"]


def test_the_publisher_counts_where_the_copy_shows_the_name_outside_the_article(
    tmp_path: Path,
) -> None:
    corpus = _corpus(tmp_path)
    row = accuracy.load(corpus)[0]
    row["answers"] |= {"site_shown": True}
    assert not accuracy._shown_now(row, DOCUMENT)["answers"]["site_shown"]
    footer = DOCUMENT + "\n© 2024 Daily Example\n"
    assert accuracy._shown_now(row, footer)["answers"]["site_shown"]


def test_a_summary_miss_shows_the_paragraphs_it_may_open_like() -> None:
    score = accuracy.Score()
    row = {"file": "x.txt", "answers": {
        "title": "T", "author": None, "date": None, "site": None, "section": None,
        "body": ["Short one.", *BODY], "title_shown": True, "author_shown": False,
        "date_shown": False, "junk": []}}  # fmt: skip
    score.add(row, accuracy.Got(headline="T", summary="Photo: Reuters", body=BODY[0]))
    (miss,) = score.misses["summary"]
    assert "expected None" not in miss
    assert "one of ['The river rose two metres" in miss
    assert miss.endswith("got 'Photo: Reuters'")
