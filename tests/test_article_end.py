"""Where a scraped article ends (feedpub.extract.article_end): menus, what follows the
article (related stories, comments, galleries, copyright lines), what renderers leave of a
picture, and what a reader copy loses after its article.
"""

from __future__ import annotations

import pytest

from feedpub.extract.article_end import (
    END,
    RENDERED,
    article_end,
    caption_lines,
    is_menu,
    page_kinds,
)
from feedpub.extract.article_end import article_blocks as junk_article_blocks
from feedpub.metadata import text_blocks
from feedpub.normalise import normalise


@pytest.mark.parametrize(
    ("lines", "menu"),
    [
        (("* Business", "* Sport", "* Weather"), True),
        (("• Privacy Policy", "• Terms of Use", "• Contact Us", "• Advertise with us"), True),
        (("* Business", "* Sport"), False),  # two items: too few to tell
        (("* Business", "Sport and weather"), False),
        (("* Two eggs, beaten with a fork", "* Sport", "* Weather"), False),  # a longer item
    ],
)
def test_menu(lines: tuple[str, ...], menu: bool) -> None:
    assert is_menu(lines) is menu


_ARTICLE = [
    "The city council voted on Tuesday to build two new cycle lanes along the ring road, "
    "ending years of debate over how to make the busiest junctions safer.",
    "Work is due to start in the spring, the mayor said, and should take about a year.",
    "Shopkeepers along the route had asked for the lanes to be moved to a side street.",
]


def _blocks(*parts: str) -> list[object]:
    return text_blocks("\n\n".join(parts))


@pytest.mark.parametrize(
    ("after", "kept"),
    [
        ((), 3),
        (("Related stories", "Cyclists ride a new lane in the city centre on a busy morning in "
          "May, when the first stretch opened to traffic and pedestrians."), 3),
        (("Most read", "* Home\n* News\n* Sport\n* Weather\n* Contact us\n* About us"), 3),
        # without a block saying the article has ended, it ends at the last block
        (("* Home\n* News\n* Sport\n* Weather\n* Contact us\n* About us",), 4),
        (("3 Comments", "Great article, thanks for writing it up so clearly for all of us "
          "who ride these roads every day of the week."), 3),
        (("Copyright 2024 Example News. All rights reserved.",), 3),
        (("2 thoughts on “Council votes for cycle lanes”", "Great article, thanks for writing "
          "it up so clearly for all of us who ride these roads every day of the week."), 3),
        # a prompt over the comments, then a comment that reads like a paragraph
        (("You must be logged in to post a comment.", "Great article, thanks for writing "
          "it up so clearly for all of us who ride these roads every day of the week."), 3),
        (("Du musst angemeldet sein, um einen Kommentar abzugeben.", "Great article, thanks "
          "for writing it up so clearly for all of us who ride these roads every day."), 3),
        # a teaser inside the article costs less than the paragraphs after it
        (("Read more in our guide.", "The lanes will be painted green and lit at night, and "
          "the council will count the cyclists who use them every month, so that it can "
          "decide in two years whether the scheme should be extended to the rest of the "
          "city's main roads."), 5),
    ],
)  # fmt: skip
def test_article_end(after: tuple[str, ...], kept: int) -> None:
    blocks = _blocks(*_ARTICLE, *after)
    assert article_end(blocks) == kept  # type: ignore[arg-type]


_GALLERY = [
    "Business news in pictures",
    "* 1/50 United goin down\nManchester United's absence from the Champions League hurt "
    "more\nthan the fans' pride last year - it also dented the bottom line.\nGETTY IMAGES\n"
    "* 2/50 Star Wars boosts economy\nProduction of the next Star Wars movie has brought an "
    "economic\nimpact of some £150 million to Britain, according to company\naccounts.",
    "• 3/50 Natalie Massenet Leaves Net-a-Porter",
    "The Net-a-Porter founder Natalie Massenet decided to quit the online fashion retailer "
    "during a summer of reflection that included a spectacular 50th birthday party.",
]


def test_a_photo_gallery_after_the_article_is_not_the_article() -> None:
    """A gallery's captions read like paragraphs: numbered 1/50, 2/50, 3/50, they end it
    (as lynx draws a gallery, in one block, and as w3m does, a block a caption)."""
    blocks = _blocks(*_ARTICLE, *_GALLERY)
    assert article_end(blocks) == 4  # type: ignore[arg-type]
    kinds = page_kinds(blocks)  # type: ignore[arg-type]
    # the numbered lines only: a caption's prose is what follows the number
    assert [i for i, (kind, _) in enumerate(kinds[4]) if kind == END] == [0, 4]
    assert kinds[5][0][0] == END
    kept = junk_article_blocks(blocks)  # type: ignore[arg-type]
    assert "Star Wars" not in " ".join(block.text for block in kept)


def test_a_recipe_s_fractions_are_no_gallery() -> None:
    recipe = "* 1/2 tsp ground cloves\n* 3/4 cup sugar\n* 1/4 cup butter\n* 2/3 cup milk"
    blocks = _blocks(*_ARTICLE, recipe, *_ARTICLE)
    assert all(kind != END for block in page_kinds(blocks) for kind, _ in block)  # type: ignore[arg-type]
    assert article_end(blocks) == len(blocks)  # type: ignore[arg-type]


def test_article_end_after_a_menu_above_it() -> None:
    menu = "* Home\n* News\n* Sport\n* Weather\n* Contact us"
    blocks = _blocks(menu, *_ARTICLE, "Most read", "* One story\n* Another story")
    assert article_end(blocks) == 4  # type: ignore[arg-type]


def test_article_end_keeps_everything_without_text() -> None:
    blocks = _blocks("* Home", "* News")
    assert article_end(blocks) == 2  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "rendered"),
    [
        ("[bed-hotel-room.jpg]", True),
        ("[gif]", True),
        ("[blank_1x1]", True),
        ("□ [svg][590e30]", True),
        ("[gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==]", True),
        ("[See the full list of winners]", False),  # words: a link's text, not a picture
        ("The [first] lane", False),
    ],
)
def test_what_renderers_leave_of_a_picture(line: str, rendered: bool) -> None:
    assert (RENDERED.match(line) is not None) is rendered


def test_a_one_line_junk_block_goes_in_a_reader_copy() -> None:
    blocks = _blocks(*_ARTICLE, "[gif]", "Sharing is caring!", "The first lane opens in May.")
    kept = [block.text for block in junk_article_blocks(blocks)]  # type: ignore[arg-type]
    assert kept == [*_ARTICLE, "The first lane opens in May."]


# A closing paragraph of one short sentence, which the scorer doubts beside a share row
# (boilerplate.CLOSING_MARGIN keeps it).
_LAST = "The first lane should open next summer."


def test_a_scraped_page_loses_what_follows_its_article() -> None:
    page = "\n\n".join(
        [
            "Council votes for new cycle lanes on the ring road",
            "By Jane Doe",
            "December 19, 2022",
            *_ARTICLE,
            "A cyclist on the ring road. (AP Photo/John Smith)",
            _LAST,
            "Share this:\n* Twitter\n* Facebook",
            "Related",
            "Bus fares to rise in January, operator says as costs climb for the third year "
            "running and passenger numbers stay below what they were.",
            "2 Comments",
            "Anna: I ride this road every day and the junction by the station is the worst.",
            "Copyright 2022 Example News. All rights reserved.",
        ]
    )
    entry = normalise(page)
    for paragraph in (*_ARTICLE, _LAST):
        assert paragraph in entry.content_html
    for junk in ("AP Photo", "Twitter", "Bus fares", "Comments", "Anna", "Copyright"):
        assert junk not in entry.content_html


@pytest.mark.parametrize(
    ("lines", "captions"),
    [
        # under a paragraph, in its block (lynx ends a <div> with a line break)
        (("and declined to say when the lander would be ready for its first flight.",
          "Tyvak lander Tyvak Nano-Satellite Systems plans to leverage its",
          "experience in smallsats for its small lunar landers. Credit: Tyvak"), {1, 2}),
        # over one, the credit glued to the caption's last word
        (("Beijing Chaoyang Hospital, where plague-infected people sought",
          "treatmentCredit: EPA",
          "The latest case was reported after a hunter killed and ate a rabbit."), {0, 1}),
        # alone: from the last sentence's end
        (("A view of India Gate amid smog, on November 8, 2019 in New Delhi.",
          "Sanjeev Verma/Hindustan Times/Getty Images"), {1}),
        # a paragraph with no credit, and one quoting a long source
        (("The council voted on Tuesday to build the lanes.", "It will cost 40 million."), set()),
        ((" ".join(["word"] * 61) + " Source: Eurostat",), set()),
    ],
)  # fmt: skip
def test_caption_lines(lines: tuple[str, ...], captions: set[int]) -> None:
    assert caption_lines(lines) == captions


_COMMENTS = [
    "Anna Berg\nAugust 8, 2018 at 3:17 pm\nThanks for this, the lanes on the ring road have "
    "made my ride to work so much calmer than it used to be every morning.",
    "Tom Reed\nAugust 9, 2018 at 9:02 am\nI still think the side street would have been the "
    "better choice for the shops, but it is good to see the work finally starting.",
]


def test_comments_under_their_time_stamps_are_not_the_article() -> None:
    """A thread of comments reads like paragraphs; each comment's time stamp, alone on its
    line and said twice or more on the page, says the article has ended."""
    blocks = _blocks(*_ARTICLE, *_COMMENTS)
    assert article_end(blocks) == 3  # type: ignore[arg-type]
    kept = junk_article_blocks(blocks)  # type: ignore[arg-type]
    assert [block.text for block in kept] == _ARTICLE


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2 days ago at 07:54 am", "2 days ago at 08:49 am"),
        ("• Gary M on September 17, 2018 at 8:50 pm said:",
         "• Catherine (GiveWell) on September 19, 2018 at 12:48 pm said:"),
    ],
)  # fmt: skip
def test_comment_time_stamps_in_other_forms(first: str, second: str) -> None:
    """A time stamp a few days old, and one after the comment's writer."""
    comments = [comment.replace("August 8, 2018 at 3:17 pm", first) for comment in _COMMENTS[:1]]
    comments += [comment.replace("August 9, 2018 at 9:02 am", second) for comment in _COMMENTS[1:]]
    blocks = _blocks(*_ARTICLE, *comments)
    assert article_end(blocks) == 3  # type: ignore[arg-type]


def test_a_social_post_s_signature_is_no_comment() -> None:
    """An embedded post signs with its writer's handle, inside the article: not a comment."""
    embed = "A post shared by Jane Doe (@janedoe) on Jun 16, 2019 at 7:30am"
    blocks = _blocks(_ARTICLE[0], embed, _ARTICLE[1], embed, _ARTICLE[2])
    assert all(kind != END for block in page_kinds(blocks) for kind, _ in block)  # type: ignore[arg-type]


def test_one_time_stamp_is_no_thread_of_comments() -> None:
    """An article's own date line with its time, said once, is no comment's."""
    blocks = _blocks("August 8, 2018 at 3:17 pm", *_ARTICLE)
    assert all(kind != END for block in page_kinds(blocks) for kind, _ in block)  # type: ignore[arg-type]


def test_a_comment_prompt_under_the_last_paragraph_in_its_block() -> None:
    """A renderer may draw the prompt in the last paragraph's block: the line goes, the
    paragraph stays."""
    blocks = _blocks(*_ARTICLE[:2], _ARTICLE[2] + "\nComments are closed.")
    kept = [block.text for block in junk_article_blocks(blocks)]  # type: ignore[arg-type]
    assert kept == _ARTICLE
