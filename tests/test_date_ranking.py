"""Which of a text's dates is the article's (feedpub.extract.date_ranking): every date the
text shows, scored on evidence of its own. The lines are shaped like real pages' lines as
w3m and lynx render them (the text corpus's development part)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from feedpub.dates import DateContext, FoundDate
from feedpub.extract import date_weights
from feedpub.extract.bylines import BYLINE
from feedpub.extract.date_ranking import FEATURES, choose, numeric_order, shown_dates
from feedpub.extract.textdates import Dates
from feedpub.metadata import text_blocks
from feedpub.model import Document
from feedpub.normalise import inspect_document, normalise

HEADLINE = "Headline of the story"
FIRST_SEEN = datetime(1999, 1, 1, tzinfo=UTC)  # no text here states it
PARAGRAPH = (
    "The first paragraph of the story is long enough to be a paragraph and ends with a "
    "full stop, as real body text does."
)


def _chosen(lines: list[str]) -> datetime | None:
    """The published date the normaliser takes from the text (None: it states none)."""
    document = Document("article.txt", "\n".join(lines) + "\n")
    entry = inspect_document(document, zone=UTC, first_seen=FIRST_SEEN).entry
    return None if entry.published == FIRST_SEEN else entry.published


def test_the_weights_are_the_features() -> None:
    assert set(date_weights.WEIGHTS) <= set(FEATURES)


@pytest.mark.parametrize(
    ("lines", "first"),
    [
        # a byline's date inside a block of chrome
        ([HEADLINE, "", "     * Steven Musil mugshot",
          "       by Steven Musil January 18, 2017 11:00 PM PST", "       @stevenmusil", "",
          PARAGRAPH], datetime(2017, 1, 19, 7, 0, tzinfo=UTC)),
        # a date line above the headline (a related article's) and one right below it
        (["Monday, 4 November 2019", "Next story", HEADLINE, "", "Tuesday, 5 November 2019",
          "", PARAGRAPH], datetime(2019, 11, 5, tzinfo=UTC)),
        # a date among the parts of a line of metadata, over a caption's and an embed's
        ([HEADLINE, "Visitors at the hall in London, Britain November 9, 2019. Jane Roe/Pool",
          "— Tom Hale (@tomhale) November 3, 2019",
          "Gunter Frank / 22.04.2020 / 06:15 / Foto: Example.com / Print", "", PARAGRAPH],
         datetime(2020, 4, 22, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_the_articles_date_near_the_headline(lines: list[str], first: datetime) -> None:
    assert _chosen(lines) == first


def _candidates(lines: list[str]) -> list[datetime]:
    """The dates of the text's lines that stand as metadata (the body's dateline aside)."""
    blocks = text_blocks("\n".join(lines) + "\n")
    dates = Dates(DateContext(UTC, languages=("en",)))
    found = shown_dates(blocks, (0, 1, 1), dates, BYLINE.match).candidates
    return [candidate.item.parsed.value for candidate in found]


@pytest.mark.parametrize(
    "lines",
    [
        [HEADLINE, "", "Tom Krisher, Ap Auto Writer", "",
         "    unveil the concept vehicle at the show in Los Angeles Tuesday, Nov. 19, 2019.",
         "    Photo: Damian Dovarganes, AP"],  # a caption
        [HEADLINE, "", "— Tom Hale (@tomhale) November 3, 2019"],  # an embedded post
        [HEADLINE, "", "The council met on 19 November 2019 and said that the budget would",
         "grow by a tenth."],  # a sentence
        [HEADLINE, "", "[Screenshot_2017-09-06-16-51-38-2]Buchinfos:"],  # a file's name
    ],
)  # fmt: skip
def test_a_date_in_a_caption_a_post_or_a_sentence_is_no_candidate(lines: list[str]) -> None:
    assert _candidates(lines) == []


def test_a_labelled_date_away_from_a_wrong_headline_dates_the_article() -> None:
    # The headline taken is the first line; the article's date is labelled far below it.
    lines = ["Home  News  Sport", "", "Council approves new county budget after long debate", ""]
    lines += [
        f"Paragraph {i} of the article says what the council did on that day." for i in range(30)
    ]
    lines += ["", "Published Thursday 27 July 2017", ""]
    entry = normalise("\n".join(lines) + "\n")
    assert entry.published == datetime(2017, 7, 27, tzinfo=UTC)


@pytest.mark.parametrize(
    "teaser",
    ["Related: 12 May 2019", "See also: Budget approved (12 May 2019)",
     "Lesen Sie auch: Haushalt beschlossen, 12. Mai 2019", "À lire aussi 12 mai 2019"],
)  # fmt: skip
def test_a_teasers_date_is_not_the_articles(teaser: str) -> None:
    # Closer to the headline than the article's own, labelled date: another article's.
    lines = [HEADLINE, "", teaser, "Published 3 March 2019", "", PARAGRAPH]
    assert _chosen(lines) == datetime(2019, 3, 3, tzinfo=UTC)


def test_an_update_is_not_the_published_date() -> None:
    lines = [HEADLINE, "", "Updated 3 March 2020", "Published 2 March 2020", "", PARAGRAPH]
    assert _chosen(lines) == datetime(2020, 3, 2, tzinfo=UTC)
    entry = normalise("\n".join(lines) + "\n")
    assert entry.published == datetime(2020, 3, 2, tzinfo=UTC)
    assert entry.updated == datetime(2020, 3, 3, tzinfo=UTC)


def test_a_text_whose_dates_are_all_another_s_states_no_date() -> None:
    lines = [HEADLINE, "", PARAGRAPH, "", "— Tom Hale (@tomhale) November 3, 2019", "",
             "Another paragraph of the story, long enough to be one, says the council met on "
             "19 November 2019.", ""]  # fmt: skip
    assert _chosen(lines) is None


def test_below_the_threshold_nothing_is_chosen() -> None:
    blocks = text_blocks(f"{HEADLINE}\n\n3 March 2020\n\n{PARAGRAPH}\n")
    found = shown_dates(blocks, (0, 1, 1), Dates(DateContext(UTC)), BYLINE.match).candidates
    assert choose(found, threshold=float("-inf"))[0] == 0
    assert choose(found, threshold=float("inf")) == (None, None)


def _found(text: str, day_first: bool = False) -> list[tuple[str, FoundDate]]:
    dates = Dates(DateContext(UTC, day_first, languages=("en",)))
    return [(text[item.start : item.end], item) for item in dates(text)]


@pytest.mark.parametrize(
    ("text", "others", "day_first"),
    [
        # a comment's date with a first number over 12: the site writes the day first
        ("12/04/2020", ["14/04/2020 at 3:00 pm"], True),
        # ... with a second number over 12: the month first
        ("05/08/2019", ["05/28/2019"], False),
        # the reading closer to the text's other dates (a caption's)
        ("02/10/2020", ["MANCHESTER (BRITAIN), Sept. 29, 2020 -- A girl walks past"], True),
        ("10/02/2020", ["Sept. 29, 2020"], False),
        # another separator says nothing of the order, but its day may be near one reading
        ("12/04/2020", ["14.04.2015"], None),
        ("12/04/2020", ["14.04.2020"], True),
        # nothing near either reading says nothing
        ("02/10/2020", ["3 March 2015"], None),
        # a date that reads one way only, or the same both ways
        ("13/04/2020", ["04/14/2020"], None),
        ("04/04/2020", ["14/04/2020"], None),
    ],
)
def test_a_numeric_date_reads_the_way_the_texts_other_dates_say(
    text: str, others: list[str], day_first: bool | None
) -> None:
    written = [*_found(text), *(item for other in others for item in _found(other))]
    assert numeric_order(text, written) is day_first


def test_an_english_page_writing_the_day_first_is_dated_so() -> None:
    lines = [HEADLINE, "12/04/2020 by Kay 24 Comments", "", PARAGRAPH, "",
             "Comments", "", "Jane", "14/04/2020 at 3:00 pm", "", "Lovely recipe, thank you.",
             ""]  # fmt: skip
    entry = normalise("\n".join(lines) + "\n", language="en")
    assert entry.published.date() == datetime(2020, 4, 12).date()


def test_a_dotted_date_read_day_first_stays_so_on_a_page_taken_for_english() -> None:
    # A German page's copy taken for English: its dotted dates are read day first anyway.
    lines = [HEADLINE, "zuletzt bearbeitet: 04.02.2022, 08:27 Uhr", "", PARAGRAPH, "",
             "More articles", "", "30.01.2022", "", "Another teaser of the site.", ""]  # fmt: skip
    assert _chosen(lines) == datetime(2022, 2, 4, 8, 27, tzinfo=UTC)
