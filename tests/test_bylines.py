"""Bylines: who wrote an article (feedpub.extract.bylines).

The lines come from issue 13's examples and from real pages' bylines (mozilla/readability's
test pages, expected-metadata.json); the names are what the byline says, not feedpub's output.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedpub.dates import DateContext
from feedpub.extract import byline_text, far_bylines
from feedpub.extract.byline_kinds import line_names
from feedpub.extract.bylines import (
    DATELINE,
    author_bio,
    bare_names,
    byline_author,
    byline_authors,
    byline_away,
    copyright_holder,
    first_byline,
    is_bare_name,
    name_before_date,
    near_bylines,
)
from feedpub.extract.textdates import Dates
from feedpub.metadata import text_blocks

BYLINES = [
    # issue 13
    ("Von: Adrian Padeanu", ("Adrian Padeanu",)),
    ("Posted by Mike Conley", ("Mike Conley",)),
    ("Verfasst von: Lena Huber", ("Lena Huber",)),
    ("By Glen Owen And Brendan Carlin For The Mail On Sunday", ("Glen Owen", "Brendan Carlin")),
    (
        "By Caitlyn Daproza Of Rochester Institute Of Technology and Patrick Whittle Of The "
        "Associated Press",
        ("Caitlyn Daproza", "Patrick Whittle"),
    ),
    ("By Tom Hale, Rita Sen", ("Tom Hale", "Rita Sen")),
    ("By John Smith, Jr.", ("John Smith, Jr.",)),
    ("Von Max Müller und Erika Weiß", ("Max Müller", "Erika Weiß")),
    ("Par Jean Dupont et Marie Curie", ("Jean Dupont", "Marie Curie")),
    ("Por Ana Ruiz y Tom Lee", ("Ana Ruiz", "Tom Lee")),
    ("Door Femke Bakker en Joris Smit", ("Femke Bakker", "Joris Smit")),
    # real pages (readability test pages' bylines)
    ("By Nathan Willis", ("Nathan Willis",)),
    ("Par Sébastien Farcis", ("Sébastien Farcis",)),
    ("By Ana Sandoiu", ("Ana Sandoiu",)),
    ("By Brenda Goodman, MA", ("Brenda Goodman",)),
    ("By Stella Kim, Jennifer Jett", ("Stella Kim", "Jennifer Jett")),
    ("by Lucas Nolan 22 Dec 2016", ("Lucas Nolan",)),
    ("Written by Rob Ewaschuk", ("Rob Ewaschuk",)),
    # what is not a second name
    ("By Jane Doe, Associated Press", ("Jane Doe",)),
    ("By Jane Doe and Acme Pharma GmbH", ("Jane Doe",)),
    ("By Faisal Islam, Economics editor", ("Faisal Islam",)),
    ("Von Anna Schmidt, ARD-Hauptstadtstudio", ("Anna Schmidt",)),
    ("By Jon Henley in Paris", ("Jon Henley",)),
    ("Por María García en Madrid", ("María García",)),
    ("Par Paul Durand et AFP", ("Paul Durand",)),
    ("Por José Ortega y Gasset", ("José Ortega y Gasset",)),
    ("By Jane Doe, Dec 19, 2022 10:31 AM", ("Jane Doe",)),
    ("Jessica Elgot Chief political correspondent", ("Jessica Elgot",)),
    ("By Sean Martin Sean Martin", ("Sean Martin",)),
    # what a renderer leaves around the names (the text corpus's development part)
    ("By Meg JamesStaff Writer ", ("Meg James",)),
    ("By Staff Reports -", ("Staff Reports",)),
    ("By Megan Rowe meganr@spokesman.com(509) 459-5382", ("Megan Rowe",)),
    ("By Alissa Wilkinson@alissamarie Updated Jul 24, 2018", ("Alissa Wilkinson",)),
    ("Bruce Y. Lee Senior Contributor", ("Bruce Y. Lee",)),
    ("Ben Silverman Games Editor", ("Ben Silverman",)),
    ("Tom Krisher, Ap Auto Writer", ("Tom Krisher",)),
    ("By Written by Rob Ewaschuk Edited by Betsy Beyer", ("Rob Ewaschuk",)),
    ("By Analysis by Chris Cillizza, CNN Editor-at-large", ("Chris Cillizza",)),
    # a newsroom and a role: no person
    ("BuzzFeed News Reporter", ()),
    ("The Hollywood Reporter", ()),
    ("Seattle Times business reporter", ()),
    # not bylines
    ("Von Montag an gilt die neue Regel", ()),
    ("By the river the town was quiet", ()),
    ("Por eso", ()),
    ("Posted by", ()),
]


@pytest.mark.parametrize(("line", "names"), BYLINES)
def test_byline_authors(line: str, names: tuple[str, ...]) -> None:
    assert byline_authors(line) == names


@pytest.mark.parametrize(
    ("line", "joined"),
    [
        ("Von Max Müller und Erika Weiß", "Max Müller und Erika Weiß"),
        ("By Ana Ruiz and Tom Lee", "Ana Ruiz and Tom Lee"),
        ("By Tom Hale, Rita Sen", "Tom Hale, Rita Sen"),
        (
            "By Caitlyn Daproza Of Rochester Institute Of Technology and Patrick Whittle Of The "
            "Associated Press",
            "Caitlyn Daproza and Patrick Whittle",
        ),
        ("By the river the town was quiet", None),
    ],
)
def test_byline_author_joins_the_names_as_the_byline_does(line: str, joined: str | None) -> None:
    assert byline_author(line) == joined


_WORDS = ["By", "Von:", "Jane", "Doe", "and", "und", "en", "y", ",", "Of", "The", "Press",
          "Jr.", "MA", "in", "Paris", "de", "Vries", "12", "|"]  # fmt: skip


@given(st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join))
def test_every_author_is_a_capitalised_name_found_in_the_line(line: str) -> None:
    names = byline_authors(line)
    assert len(set(names)) == len(names)
    for name in names:
        assert name[0].isupper()
        assert name in line.replace(" ,", ",")
        assert byline_author(line) is not None


def test_an_entry_names_each_person_of_its_byline() -> None:
    from feedpub.normalise import normalise

    text = (
        "Scientists tag sharks off the coast of Maine\n\n"
        "By Caitlyn Daproza Of Rochester Institute Of Technology and Patrick Whittle Of The "
        "Associated Press\n\nDecember 19, 2022\n\n"
        "The sharks were tagged over the summer by a team of researchers, who said the work "
        "would help them learn where the animals go in winter.\n"
    )
    entry = normalise(text)
    assert entry.authors == ("Caitlyn Daproza", "Patrick Whittle")
    assert entry.summary.startswith("The sharks were tagged")


@pytest.mark.parametrize(
    ("line", "date_start", "names"),
    [
        ("Dan Goodin - Apr 16, 2015 8:02 pm UTC", 13, ("Dan Goodin",)),
        ("Eva Smit 18-07-24, 09:41", 9, ("Eva Smit",)),
        ("Alex Perry 1 day ago", 11, ("Alex Perry",)),
        ("Last Updated March 3, 2024", 13, ()),
        ("Yahoo FinanceOctober 13, 2016", 13, ()),
        ("March 3, 2024", 0, ()),
        ("the council met on 3 March", 19, ()),
        # a credit's word before the name: the translator's, the photographer's
        ("Übersetzung Jane Doe, 12.12.22", 22, ()),
        ("Foto Jane Doe 3.5.2020", 14, ()),
    ],
)
def test_name_before_date(line: str, date_start: int, names: tuple[str, ...]) -> None:
    assert line[date_start].isalnum()
    assert name_before_date(line, date_start) == names


def test_a_name_glued_to_its_day_without_the_chrome_glued_before_it() -> None:
    assert name_before_date("Jane Doe3.11.2023", 8) == ("Jane Doe",)
    assert name_before_date("AvatarAvatarJane Doe22. Februar 2020", 20) == ("Jane Doe",)
    assert name_before_date("Avatar Avatar Jane Doe22. Februar 2020", 22) == ("Jane Doe",)
    assert name_before_date("Profilbild Jane Doe 22. Februar 2020", 20) == ("Jane Doe",)


def test_a_link_glued_to_a_bylines_name_is_no_part_of_it() -> None:
    line = "Von Jane DorseyRSS-Newsfeed neuer Artikel von Jane Dorsey"
    assert byline_authors(line) == ("Jane Dorsey",)
    assert byline_authors("By Jane McDonald and Ann LeBlanc") == ("Jane McDonald", "Ann LeBlanc")


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (["Menu", "By Hazel Sheffield", "Text"], ("Hazel Sheffield",)),
        (["Share", "By", "Benjamin Romano", "Seattle Times business reporter"],
         ("Benjamin Romano",)),
        (["Yahoo Finance", "Ben Silverman", "Games Editor"], ("Ben Silverman",)),
        (["Tech Insider", "Alex Perry 1 day ago", "SHARE"], ("Alex Perry",)),
        (["By Monday the roads were clear", "By Madonna"], ()),
        # a blog's line under its post: the poster's name as written, one word or several
        (["The post.", "Eingestellt von der Jane um 21:11 [icon18_ema] ●"], ("der Jane",)),
        (["The post.", "Publié par jdoe à 08:00"], ("jdoe",)),
        (["The post.", "Posted by Jane Doe at 2:33 PM"], ("Jane Doe",)),
        (["The post.", "Posted by the team at the end of the day"], ()),
        # a name over a link to its author's page, away from the headline
        (["The story.", "Jane Doe", "", "Alles von Jane Doe"], ("Jane Doe",)),
        (["The story.", "  • Jane Doe", "Ota yhteyttäKirjoittajan muut jutut"], ("Jane Doe",)),
        (["The story.", "Jane Doe", "VERWANDTE ARTIKELMEHR VOM AUTOR"], ("Jane Doe",)),
        (["The story.", "Subject Areas", "All Articles"], ()),
        # a name over its follow button; a newsletter's box over the site's is none
        (["The story.", "(BUTTON) Subscribe", "Jane Doe", "Follow Us", "  * twitter"],
         ("Jane Doe",)),
        (["The story.", "Jane Doe", "Folgen"], ("Jane Doe",)),
        (["The story.", "Join Our Newsletter", "Follow Us"], ()),
        # a byline's "Published by", "Veröffentlicht von" away from the headline
        (["The story.", "", "Veröffentlicht von Jane Doe"], ("Jane Doe",)),
        (["The story.", "", "Published by Jane Doe at April 21, 2022"], ("Jane Doe",)),
        # a Chinese or Japanese byline's label: the names after it, ideographs without spaces
        (["正文。", "【责任编辑：张三】"], ("张三",)),
        (["正文。", "责任编辑： 张三"], ("张三",)),
        (["2017-03-10 09:58:03来源：某某网作者：责任编辑：张三"], ("张三",)),
        (["记者：张三、李四"], ("张三", "李四")),
        (["著者：山田太郎"], ("山田太郎",)),
        (["他说：我们一起去吧"], ()),
        (["作者：责任编辑："], ()),
    ],
)  # fmt: skip
def test_first_byline(lines: list[str], names: tuple[str, ...]) -> None:
    def date_start(text: str) -> int | None:
        return text.index("1 day") if "1 day" in text else None

    assert first_byline(lines, date_start) == names


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("LONDON, Dec. 19, 2022 /PRNewswire/ -- Acme", "LONDON, Dec. 19, 2022 /PRNewswire/ --"),
        ("WASHINGTON (AP) — The Senate voted", "WASHINGTON (AP) —"),
        ("BRUSSELS, March 28 (Reuters) - European Union", "BRUSSELS, March 28 (Reuters) -"),
        ("SAN FRANCISCO--(BUSINESS WIRE)--Acme Cloud", "SAN FRANCISCO--(BUSINESS WIRE)--"),
        ("Berlin (dpa) - Die Regierung hat", "Berlin (dpa) -"),
        ("The company said (AP) - nothing more", None),
        ("Acme Cloud (NASDAQ: ACME) today reported", None),
    ],
)  # fmt: skip
def test_dateline(text: str, dateline: str | None) -> None:
    found = DATELINE.match(text)
    assert (found.group(0) if found else None) == dateline


def test_a_press_release_dated_in_its_second_paragraph() -> None:
    from datetime import UTC, datetime

    from feedpub.normalise import normalise

    text = (
        "Acme Robotics Reports Record Fourth-Quarter Revenue\n\n"
        "Revenue up 31% year over year; full-year guidance raised\n\n"
        "LONDON, Dec. 19, 2022 /PRNewswire/ -- Acme Robotics Inc. today announced results "
        "for the quarter that ended on 30 November, with revenue of 120 million pounds.\n\n"
        "The company will hold a call for investors on 20 December 2022.\n"
    )
    entry = normalise(text)
    assert entry.published == datetime(2022, 12, 19, tzinfo=UTC)


# Real pages' header lines as w3m and lynx render them (the text corpus's development part),
# each with the headline first; the names are the pages' stated authors.
NEAR = [
    (["Headline of the story", "Mike Conley", "December 18, 2020", "2 responses"],
     ("Mike Conley",)),
    (["Headline of the story", "", "Aleš Vávra Aleš Vávra", "před 2 hodinami"],
     ("Aleš Vávra",)),
    (["Headline of the story", "", "[6eef5bc5-c] James Akinaka • 8h", "Share Tweet Share"],
     ("James Akinaka",)),
    (["Headline of the story", "", "Eric SongBy Eric Song, IGN Staff",
      "Updated: 18 Nov 2019 9:38 pm"], ("Eric Song",)),
    (["Headline of the story", "", "  • Debbie White", "", "  • 18 Nov 2019, 19:09"],
     ("Debbie White",)),
    (["Headline of the story", "", "5:45 AM PST 11/19/2019 by Patrick Shanley"],
     ("Patrick Shanley",)),
    (["Headline of the story", "", "on March 10, 2015 by Nikhil Marathe"], ("Nikhil Marathe",)),
    (["Headline of the story", "Published Wed, Nov 20 2019 4:29 AM EST",
      "Natasha Turak@NatashaTurak", "Key Points"], ("Natasha Turak",)),
    (["Headline of the story", "", "A dek under it, as a sentence.", "", "By", "Ryan Reed"],
     ("Ryan Reed",)),
    (["Headline of the story", "Meg JamesStaff Writer", "Nov. 19, 2019 6 AM"], ("Meg James",)),
    (["Headline of the story", "", "Pamela Wilson Pamela Wilson", "", "Pamela Wilson"],
     ("Pamela Wilson",)),
    (["Headline of the story", "", "dsteer-headshot Dave Steer", "Published June 25, 2024"],
     ("Dave Steer",)),
    (["Headline of the story", "", "[image001-p]", "NATALIYA VASILYEVA",
      "Associated PressDecember 2, 2016"], ("NATALIYA VASILYEVA",)),
    (["Headline of the story", "", "February 1, 2019 | BY: Ilana Muhlstein, MS, RDN"],
     ("Ilana Muhlstein",)),
    (["Headline of the story", "", "A dek under it, as a sentence.", "", "fy25-report-image",
      "dsteer-headshot Dave Steer", "developer surveyDevSecOps"], ("Dave Steer",)),
    (["Headline of the story", "", "Pamela WilsonPamela Wilson", "", "Pamela Wilson"],
     ("Pamela Wilson",)),
    (["Headline of the story", "", "[fut]", "VICTOR TANGERMANN, FUTURISM", "18 NOV 2019"],
     ("VICTOR TANGERMANN",)),
    # a name above the headline with a date line right under it (a magazine's header)
    (["Molly Wood", "Ideas", "11.14.2019 09:00 AM", "", "Headline of the story"],
     ("Molly Wood",)),
    # a name and, on the next line, a newsroom's role
    (["Headline of the story", "posted on April 21, 2015, at 11:29 a.m.", "Mark Di Stefano",
      "Mark Di Stefano", "BuzzFeed News Reporter", "Tweet"], ("Mark Di Stefano",)),
    # a reader view's By line under the headline names anybody, as written
    (["Headline of the story", "", "By kevin-r", "November 18, 2019"], ("kevin-r",)),
    (["Headline of the story", "", "By 肖春芳", "1–2 minutes"], ("肖春芳",)),
    (["Headline of the story", "", "By Science X staff"], ("Science X staff",)),
    (["Headline of the story", "", "By the time we arrived, it was over."], None),
    # a name alone and no date beside it: a subheading or a menu item
    (["Headline of the story", "", "  • Older Article", "  • Newer Article"], None),
    (["Headline of the story", "", "Fiction Page", "Donate"], None),
    # a name alone above the headline: a kicker or a section, even beside a date
    (["Business News", "November 19, 2019 / 12:21 AM", "", "Headline of the story"], None),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "names"), NEAR)
def test_near_bylines(lines: list[str], names: tuple[str, ...] | None) -> None:
    assert _near(lines) == names


def _near(lines: list[str], site: str | None = None) -> tuple[str, ...] | None:
    """The names ``near_bylines`` finds around the line "Headline of the story"."""
    blocks = text_blocks("\n".join(lines) + "\n")
    reference = datetime(2024, 1, 1, tzinfo=UTC)
    dates = Dates(DateContext(UTC, reference=reference, languages=("en", "cs")))
    head = next(i for i, b in enumerate(blocks) if "Headline of the story" in b.text)
    first = blocks[head].line + [ln.strip() for ln in blocks[head].lines].index(
        "Headline of the story"
    )

    def date_start(text: str) -> int | None:
        found = dates(text, recognise_only=True)
        return found[0].start if found else None

    strong, weak = near_bylines(
        blocks, head, (first, first), dates.is_date_line, date_start, site=site
    )
    found = strong or weak
    return found[0] if found else None


# Co-authors and pictures' alt texts as renderers draw them (written for this test from how
# newsrooms lay out their bylines, not taken from the corpus), with the site's name found
# (``site``): people's names joined by commas, never the site after one; a name drawn link by
# link with "and" alone between; a byline's word drawn twice; an author's picture's alt text
# before or after the name; the site's name run into the byline or glued before the name.
JOINED = [
    (["Headline of the story", "Jane Doe, John Smith", "November 8 2023, 3:18 p.m."], None,
     ("Jane Doe", "John Smith")),
    (["Headline of the story", "Jane Doe, Ann Marie Lee", "November 8 2023"], "Acme",
     ("Jane Doe", "Ann Marie Lee")),
    (["Headline of the story", "Jane Doe, Acme Insider", "November 8 2023"], "Acme Insider",
     ("Jane Doe",)),
    (["Headline of the story", "", "  * Charlie Wood, Business Insider", "",
      "  * 19.11.2019, 08:57"], "Business Insider Deutschland", ("Charlie Wood",)),
    (["Headline of the story", "Charlie Wood, Business Insider", "19.11.2019, 08:57"],
     "Business Insider", ("Charlie Wood",)),
    # with no site found, a newsroom whose name opens with a role's word ("Business", "News")
    (["Headline of the story", "Charlie Wood, Business Insider", "19.11.2019, 08:57"], None,
     ("Charlie Wood",)),
    (["Headline of the story", "Jane Doe, Senior Manager Digital Marketing", "8.11.2023"], None,
     ("Jane Doe",)),
    (["Headline of the story", "VICTOR TANGERMANN, FUTURISM", "18 NOV 2019"], None,
     ("VICTOR TANGERMANN",)),
    (["Headline of the story", "", "By", "Jane Doe", "and", "John Smith", "", "Nov 8, 2023"],
     None, ("Jane Doe", "John Smith")),
    (["Headline of the story", "", "Byby JANE DOE, JOHN SMITH and ANN LEE", "Nov 8, 2023"],
     None, ("JANE DOE", "JOHN SMITH", "ANN LEE")),
    (["Headline of the story", "", "J.R. Doe Image", "ByJ.R. Doe KGO logo",
      "Thursday, November 9, 2023 7:35AM"], None, ("J.R. Doe",)),
    (["Headline of the story", "", "Profile picture for user Jane Doe",
      "20. Juni 2019 Jane Doe über Stars"], None, ("Jane Doe",)),
    (["Headline of the story", "", "Veröffentlicht am 03.02.2022 von Jane Doe Acme Weekly"],
     "Acme", ("Jane Doe",)),
    (["Headline of the story", "", "Acme-Online-Experte Jane Doe", "Freitag, 06.07.2018, 10:29"],
     "Acme Online", ("Jane Doe",)),
    # a name over its follow button
    (["Headline of the story", "", "Jane Doe", "Follow", "", "The story, told at length."],
     None, ("Jane Doe",)),
    # a caption's credit after a name is no picture's alt text
    (["Headline of the story", "", "Jane Doe Submitted photo", "", "The story, told at length."],
     None, None),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "site", "names"), JOINED)
def test_near_bylines_joined_pictured_and_with_the_site(
    lines: list[str], site: str | None, names: tuple[str, ...] | None
) -> None:
    assert _near(lines, site) == names


# Common byline layouts under a headline, written for this test (not taken from the corpus):
# a date and then the name, names joined by "and", a byline wrapped by the renderer, a
# handle after the name, a wire agency signing the story beside its date.
CONVENTIONS = [
    (["Headline of the story", "November 19, 2019 | Jane Doe"], ("Jane Doe",)),
    (["Headline of the story", "19/11/2019 - Jane Doe"], ("Jane Doe",)),
    (["Headline of the story", "Nov 19, 2019 • Jane Doe and John Smith"],
     ("Jane Doe", "John Smith")),
    (["Headline of the story", "Jane Doe and John Smith", "November 19, 2019"],
     ("Jane Doe", "John Smith")),
    (["Headline of the story", "Jane Doe, John Smith and Ann Lee", "Nov 19, 2019"],
     ("Jane Doe", "John Smith", "Ann Lee")),
    (["Headline of the story", "Jon Henley in Paris", "Tue 19 Nov 2019 14.00 GMT"],
     ("Jon Henley",)),
    (["Headline of the story", "By Jane Doe and", "John Smith"], ("Jane Doe", "John Smith")),
    (["Headline of the story", "Written on Feb 24 by", "Courtney Kirchoff"],
     ("Courtney Kirchoff",)),
    (["Headline of the story",
      "By Caitlyn Daproza Of Rochester Institute Of Technology and Patrick Whittle Of",
      "The Associated Press"], ("Caitlyn Daproza", "Patrick Whittle")),
    (["Headline of the story", "Jane Doe (@janedoe)", "November 19, 2019"], ("Jane Doe",)),
    (["Headline of the story", "Jane Doe - Staff reporter"], ("Jane Doe",)),
    (["Headline of the story", "Reuters", "November 19, 2019"], ("Reuters",)),
    (["Headline of the story", "The Associated Press", "Published Monday, November 18, 2019"],
     ("The Associated Press",)),
    (["Headline of the story", "Reuters November 18, 2019 11:03 PM"], ("Reuters",)),
    (["Headline of the story", "Jane Doe", "Associated Press"], ("Jane Doe",)),
    (["Headline of the story", "Jane Doe", "The Washington Post"], ("Jane Doe",)),
    (["Headline of the story", "Jane Doe", "@janedoe"], ("Jane Doe",)),
    (["Headline of the story", "Jane Doe and John Smith, Associated Press", "Nov 19, 2019"],
     ("Jane Doe", "John Smith")),
    (["Headline of the story", "A column by Jane Doe"], ("Jane Doe",)),
    (["Headline of the story", "Ein Kommentar von Anna Schmidt"], ("Anna Schmidt",)),
    (["Headline of the story", "Reviewed by Ann Lee, MD — Written by Jane Doe"], ("Jane Doe",)),
    # a blog's user name after a byline's word in a line of metadata, as written
    (["Headline of the story", "Posted on 2015-04-05 by marc | Leave a comment"], ("marc",)),
    (["Headline of the story", "Veröffentlicht am 12. Juni 2017 von gizzmo"], ("gizzmo",)),
    (["Headline of the story", "22. Januar 2020 @ 18:13 // Autor: c1ph4 // Lesezeit: 1 Minute"],
     ("c1ph4",)),
    (["Headline of the story", "", "Von", "Robert", "-", "31. Dezember 2019"], ("Robert",)),
    # a name among a line's parts, one of them a date; a name before a labelled date
    (["Headline of the story", "Saibal Dasgupta / TNN / Updated: Oct 9, 2019, 11:05 IST"],
     ("Saibal Dasgupta",)),
    (["Headline of the story", "Evgenia Karp Zuletzt geändert am 06.11.2023"],
     ("Evgenia Karp",)),
    # a name twice on two lines (a picture's alt text, then the link); a name over the
    # first line of the author's note; a newsroom signing as itself beside a date line
    (["Headline of the story", "", "Federico Mayol", "Federico Mayol"], ("Federico Mayol",)),
    (["Headline of the story", "", "Martin Chikilian",
      "Martin is a full-stack engineer and has worked as a professional Python"],
     ("Martin Chikilian",)),
    (["Headline of the story", "Redaktion · 26.04.2022"], ("Redaktion",)),
    (["Headline of the story", "Redacción", "", "Barcelona, 18/07/2024 10:20"], None),
    # "von" and "by" in prose, a licence, a credit: no user name
    (["Headline of the story", "der Absatz von Mineralölprodukten in der Bundesrepublik"], None),
    (["Headline of the story", "Foto: Wikimedia Commons | Lizenz: CC BY 4.0"], None),
    (["Headline of the story", "Produced by Prince"], None),
    (["Headline of the story", "Find news by topic"], None),
    # a credit is no byline; a bare name over a line that is no newsroom's names nobody
    (["Headline of the story", "Photo by Ann Lee", "November 19, 2019"], None),
    (["Headline of the story", "Jane Doe", "Read More"], None),
    # a newsroom's name over another above the headline is its masthead (the seed document)
    (["November 23, 2024", "", "Taylor Daily Press", "", "Complete News World", "",
      "Headline of the story"], None),
    (["Headline of the story", "", "Taylor Daily Press", "Complete News World"], None),
    # a name right after a line's date, whatever a blog's line of metadata goes on with; a
    # user name before a count of comments; a link's mark inside a byline
    (["Headline of the story", "26. September 2019 Ulrike Stockhausen Schreibe einen Kommentar"],
     ("Ulrike Stockhausen",)),
    (["Headline of the story", "19.6.2007 9:40 Uhr Christoph Becker 71 Kommentare"],
     ("Christoph Becker",)),
    (["Headline of the story", "12/04/2020 by Kay 24 Comments"], ("Kay",)),
    (["Headline of the story", "Von [ef7] Lisa Borch"], ("Lisa Borch",)),
    # a time zone after a date names nobody
    (["Headline of the story", "July 18, 2024 03:41 AM Eastern Daylight Time"], None),
    # the agency is the person's newsroom; a comma alone joins no names; an agency above
    # the headline is the site's name; a wrapped line of prose names nobody
    (["Headline of the story", "Associated Press", "JANE DOE", "Associated PressDecember 2, 2016"],
     ("JANE DOE",)),
    (["Reuters", "November 19, 2019", "", "Headline of the story"], None),
    (["Headline of the story", "The council met on Tuesday and agreed that the old bridge",
      "Would Close"], None),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "names"), CONVENTIONS)
def test_near_bylines_in_common_layouts(lines: list[str], names: tuple[str, ...] | None) -> None:
    test_near_bylines(lines, names)


# More layouts of bylines in a page's metadata as text renderers leave them (written for this
# test from how blogs, forums and newsrooms lay out their author lines, not taken from the
# corpus): a label before the name, with or without a colon, or alone on the line above it;
# a byline's word glued to the name; separators that are no words; a name with its address;
# a name and a link to the author's other articles; a name said twice around a credit or a
# By; a name glued to a day; a forum's user picture before a user name; several names.
LABELLED = [
    (["Headline of the story", "", "Gepostet von Jane Doe | Wohnen"], ("Jane Doe",)),
    (["Headline of the story", "", "Blog Beitrag von Jane Doe"], ("Jane Doe",)),
    (["Headline of the story", "", "Interview: Jane Doe"], ("Jane Doe",)),
    (["Headline of the story", "", "Autor Jane Doe:"], ("Jane Doe",)),
    (["Headline of the story", "", "  • Post author By Jane Doe", "  • Post date March 5, 2014"],
     ("Jane Doe",)),
    (["Headline of the story", "", "AUTOR/IN", "      Jane Doe"], ("Jane Doe",)),
    (["Headline of the story", "", "Auteur", "    Jane Doe", "Cover"], ("Jane Doe",)),
    (["Headline of the story", "", "  • Thread starter jdoe", "  • Start date Sep 18, 2020"],
     ("jdoe",)),
    (["Headline of the story", "", "Geschrieben vonJane Doe"], ("Jane Doe",)),
    (["Headline of the story", "", "September 15, 2020 byJane Doe Post a Comment"],
     ("Jane Doe",)),
    (["Headline of the story", "", "February 4, 2020 • words written by Jane Doe • Art by Ann"],
     ("Jane Doe",)),
    (["Headline of the story", "", "Von Jane Doe Vom 3. Februar 2022"], ("Jane Doe",)),
    (["Headline of the story", "", "von Jane Doe Erstellt am 01.01.23 um 08:35"], ("Jane Doe",)),
    (["Headline of the story", "", "Ein Interview von Jane Doe mit John Smith."], ("Jane Doe",)),
    (["Headline of the story", "", "  • Jane Doe | jdoe@example.com"], ("Jane Doe",)),
    (["Headline of the story", "", "Jane Doe", "jdoe@example.com"], ("Jane Doe",)),
    (["Headline of the story", "", "Jane Doe", "Alle Artikel"], ("Jane Doe",)),
    (["Headline of the story", "", "Jane Doe", "View all posts by Jane Doe"], ("Jane Doe",)),
    (["Headline of the story", "", "Jane Doe", "", "Search for this author in:"], ("Jane Doe",)),
    (["Headline of the story", "", "Jane Doe", "Chefredakteurin"], ("Jane Doe",)),
    (["Headline of the story", "", "Jane Doe  Senior Politics Editor, The Daily Planet"],
     ("Jane Doe",)),
    (["Headline of the story", "", "Jane Doe © Jane Doe", "Jane Doe"], ("Jane Doe",)),
    (["Headline of the story", "", "Jane Doe By Jane Doe", "Published December 21, 2016"],
     ("Jane Doe",)),
    (["Headline of the story", "", "Jane Doe3.11.2023"], ("Jane Doe",)),
    (["Jane Doe/November 18, 2016", "", "Headline of the story"], ("Jane Doe",)),
    (["Headline of the story", "", "AvatarAvatarJane Doe22. Februar 2020"], ("Jane Doe",)),
    (["Headline of the story", "", "Profilbild jdoe 18.10.2019, 15:07 Uhr"], ("jdoe",)),
    (["Headline of the story", "", "  * Jane Doe, John Smith & Ann Lee"],
     ("Jane Doe", "John Smith", "Ann Lee")),
    (["Headline of the story", "", "Home | Par Jean Le Clerc | 30 septembre 2018"],
     ("Jean Le Clerc",)),
    (["Headline of the story", "", "Text von Jane Doe     Illustration von John Smith"],
     ("Jane Doe",)),
    (["Headline of the story", "", "1. Januar 2016 von jdoe Ein Kommentar"], ("jdoe",)),
    (["Headline of the story", "", "Veröffentlicht am Fr, 24. Januar 2020, 18:18 von jdoe"],
     ("jdoe",)),
    (["Headline of the story", "", "Wed, 03 Aug 2022 10:13:00 +0000"], None),
    # a bullet before a user name and a date, a user name and its date as blog themes write
    # them, an editor's initials and the wire agency, a handle after a comma, a picture's
    # long file name before a By
    (["Headline of the story", "", "● jdoe — 2. Februar 2022"], ("jdoe",)),
    (["Headline of the story", "", "● Jane Doe — March 3, 2020"], ("Jane Doe",)),
    (["Headline of the story", "", "17/11/201917/11/2019 ~ Jane Doe"], ("Jane Doe",)),
    (["Headline of the story", "", "1. November 20161. November 2016 jdoe"], ("jdoe",)),
    (["Headline of the story", "", "Filed under: Allgemein — jdoe @ 00:11"], ("jdoe",)),
    (["Headline of the story", "", "Posted in Privacy by jdoe on August 3, 2019"], ("jdoe",)),
    (["Headline of the story", "", "02. Februar 2022", "", "Von: abc/dpa"], ("abc/dpa",)),
    (["Headline of the story", "", "Jane Doe, @janedoe"], ("Jane Doe",)),
    (["Headline of the story", "", "[0f3a9c2e7b1d4e6f8a5c3b2d1e0f9a8b?s=96&d=mm&r=g] By Jane Doe"],
     ("Jane Doe",)),
    (["Headline of the story", "",
      "[0f3a9c2e7b1d4e6f8a5c3b2d1e0f9a8b?s=96&amp;d=mm&amp;r=g] by Jane",
      "Doe on January 20, 2020"], ("Jane Doe",)),
    (["Headline of the story", "",
      "22. Januar 2020 @ 18:13 // Autor: jdoe // ~ Lesezeit: 1 Minute"], ("jdoe",)),
    # a bare name with its date line under it past a line of chrome, and one right over the
    # headline with a date line right over it ("date, name, headline")
    (["Headline of the story", "", "Jane Doe", "", "—", "31. Oktober 2023"], ("Jane Doe",)),
    (["Headline of the story", "Jane Doe", "(BUTTON) (BUTTON)", "",
      "Published 22:00, 11 July 2021"], ("Jane Doe",)),
    (["22.11.2022", "Jane Doe", "Headline of the story", "", "The story, told at length."],
     ("Jane Doe",)),
    # a name of one word said twice, a name after a date and its time zone
    (["Headline of the story", "", "von Newsdesk Newsdesk 28. Januar 2022, 12:01"],
     ("Newsdesk",)),
    (["Headline of the story", "", "December 15, 2016 3:33 PM ET Jane Doe"], ("Jane Doe",)),
    (["Headline of the story", "", "By R. R. 28. Januar 2022"], ("R. R.",)),
    (["Headline of the story", "", "Autori: Anna Ūdre (LTV redaktore)"], ("Anna Ūdre",)),
    # a byline's words alone on the line over the name
    (["Headline of the story", "", "Published By", "", "Jane Doe", "", "The story."],
     ("Jane Doe",)),
    (["Headline of the story", "", "Geschrieben von", "Jane Doe"], ("Jane Doe",)),
    (["Headline of the story", "", "By", "", "  • Jane Doe | jdoe@example.com"], ("Jane Doe",)),
    (["Headline of the story", "", "By", "  * Jane Doe"], ("Jane Doe",)),
    # a German theme's lower-case "durch" before the name
    (["Headline of the story", "", "durch Jane Doe", "", "24. Oktober 2018"], ("Jane Doe",)),
    (["Headline of the story", "durch Kipppunkte im Erdsystem - und die Fortschritte"], None),
    # no name: a form's field and its button, a date's German label, German prose after a date
    (["Headline of the story", "", "    [                    ] Search Go "], None),
    (["Headline of the story", "", "Letzte Aktualisierung: 28.01.2022"], None),
    (["Headline of the story", "", "15. Februar. Alle Informationen dazu finden Sie hier:"], None),
    # still none: past a line of words, a newsroom's name over the headline, a name over the
    # headline with no date line over it, a date line over the name not right over the headline
    (["Headline of the story", "Jane Doe", "A subheading", "", "Published 22:00, 11 July 2021"],
     None),
    (["22.11.2022", "Business News", "Headline of the story", "", "The story."], None),
    (["Menu", "Jane Doe", "Headline of the story", "", "The story, told at length."], None),
    (["Release: 11.02.2005", "  * Jane Doe", "Headline of the story", "", "The story."], None),
    (["22.11.2022", "Jane Doe", "Politik", "Headline of the story", "", "The story."], None),
    # still no byline: a capitalised section before a date, a relative date's last word
    (["Headline of the story", "", "Sport — 2. Februar 2022"], None),
    (["Headline of the story", "", "vor 3 Stunden"], None),
    # still no byline: a label before no name, a sentence, names above the headline undated
    (["Headline of the story", "", "Author", "", "the team behind it"], None),
    (["Headline of the story", "", "Interview with the team behind it"], None),
    (["Jane Doe, John Smith & Ann Lee", "", "Headline of the story"], None),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "names"), LABELLED)
def test_near_bylines_labelled_glued_and_listed(
    lines: list[str], names: tuple[str, ...] | None
) -> None:
    test_near_bylines(lines, names)


def test_a_line_that_goes_on_with_a_wrapped_sentence_is_no_byline() -> None:
    lines = [
        "The council agreed on a fund for the countries that suffer most in the wake",
        "von Verlusten und Schäden in Folge der Erwärmung",
        "Von Jane Doe",
    ]
    assert first_byline(lines, lambda text: None) == ("Jane Doe",)
    assert first_byline(["Menu", "byJane Doe • 3 May"], lambda text: None) == ("Jane Doe",)
    # a block's last line ends without a stop (a dek): the next block's line is its own
    dek = "The suspect confessed and the jury took just fifteen minutes to find him guilty"
    assert first_byline([dek, "", "By Jane Doe"], lambda text: None) == ("Jane Doe",)
    assert first_byline([dek, "By Jane Doe"], lambda text: None) == ()
    assert first_byline(["By", "", "Jane Doe"], lambda text: None) == ("Jane Doe",)
    assert first_byline(["Autoren", "Jane Doe und John Smith"], lambda text: None) == (
        "Jane Doe",
        "John Smith",
    )


@pytest.mark.parametrize(
    ("footer", "names"),
    [
        ("© 2020 Jane Doe", ("Jane Doe",)),
        ("Copyright © 2012-2020 by Jane Doe - All rights reserved", ("Jane Doe",)),
        ("Copyright (c) 2012- Jane Doe. All rights reserved.", ("Jane Doe",)),
        ("Archive – RSS – 2009-2020 by Jane Doe –", ("Jane Doe",)),
        ("Webdesign und alle Inhalte © by Jane Doe | Impressum", ("Jane Doe",)),
        ("©2020 - Jane Doe - JANE'S KITCHEN", ("Jane Doe",)),
        ("© 2020 Acme Media", None),
        ("Copyright © 2019 Acme Interactive Inc. All rights reserved.", None),
        ("© 2020 ACME Schweiz • Powered by a theme", None),
        ("© Jane Doe", None),  # a picture's credit as often
        ("© 2016 Acme Privacy Legal About our Ads Feedback Help", None),
        ("© 2020 BUNDESAMT FÜR DIE SACHE UND ANDERES", None),
        ("© Reuters 2020", None),
        ("Photos by Jane Doe", None),
    ],
)
def test_a_personal_sites_copyright_names_its_author(
    footer: str, names: tuple[str, ...] | None
) -> None:
    paragraph = "A paragraph of the article, long enough to be prose and not a footer line."
    found = copyright_holder(text_blocks(f"{paragraph}\n\n{footer}\n"))
    assert (found[0] if found else None) == names


def test_a_byline_near_the_articles_opening_when_the_headline_is_elsewhere() -> None:
    menu = "\n".join(f"  • Menu item {n}" for n in range(30))
    paragraph = (
        "The council met on Tuesday and agreed that the old bridge over the river would "
        "close for a year of repairs, the mayor said after the vote."
    )
    text = f"Headline of the story\n\n{menu}\n\nBy Jane Doe\n\n{paragraph}\n\n{paragraph}\n"
    blocks = text_blocks(text)
    dates = Dates(DateContext(UTC, reference=datetime(2024, 1, 1, tzinfo=UTC)))
    opening = next(i for i, b in enumerate(blocks) if b.text.startswith("The council"))
    run = (opening, len(blocks) - 1)
    found = byline_away(blocks, (0, 1, 1), dates.is_date_line, lambda text: None, run)
    assert found is not None
    assert found[0] == ("Jane Doe",)
    assert "near the article's opening" in found[1]
    # the headline's own window is not looked at twice, and no run means no opening
    assert byline_away(blocks, (0, 1, 1), dates.is_date_line, lambda text: None) == (
        ("Jane Doe",),
        "a byline away from the headline",
    )


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Jane Doe", ("Jane Doe",)),
        ("Jane Doe and John Smith", ("Jane Doe", "John Smith")),
        ("Anna Schmidt und Max Müller", ("Anna Schmidt", "Max Müller")),
        ("Łucja Świerczyńska und Karel Čapek", ("Łucja Świerczyńska", "Karel Čapek")),
        ("Главная Новости", ()),  # a Latin capital beyond Latin-1 only
        ("Tom Hale & Rita Sen", ("Tom Hale", "Rita Sen")),
        ("Kevin Johnson and Kevin McCoy USA TODAY", ("Kevin Johnson", "Kevin McCoy")),
        ("Charlie Wood, Business Insider", ()),
        ("Jane Doe and Seattle Times", ()),
        ("Jane Doe and Jane Doe", ()),
        ("Older Article and", ()),
    ],
)
def test_bare_names(text: str, names: tuple[str, ...]) -> None:
    assert bare_names(text) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By JANE DOE Associated Press", ("JANE DOE",)),
        ("By Jane Doe Reuters", ("Jane Doe",)),
        ("By European Space Agency", ("European Space Agency",)),
        ("By Mary Ann Smith", ("Mary Ann Smith",)),
        ("By Reuters Staff", ("Reuters Staff",)),
    ],
)
def test_a_newsroom_run_into_a_byline_is_left_off(line: str, names: tuple[str, ...]) -> None:
    assert byline_authors(line) == names


def test_a_name_and_its_role_glued_together_is_no_bare_name() -> None:
    assert not is_bare_name("Meg JamesStaff Writer")
    assert byline_authors("Michael HiltzikBusiness Columnist") == ("Michael Hiltzik",)
    assert byline_authors("Michael McDonald") == ()
    assert is_bare_name("Michael McDonald")


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (["Yahoo Finance", "Ben Silverman", "Games Editor"], ("Ben Silverman",)),
        (["Mark Di Stefano", "BuzzFeed News Reporter"], ("Mark Di Stefano",)),
        (["Share", "Seattle Times", "Business Insider Reporter"], ()),
    ],
)
def test_first_byline_takes_a_name_over_its_role_line_alone(
    lines: list[str], names: tuple[str, ...]
) -> None:
    assert first_byline(lines, lambda text: None) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Meg James is a corporate media reporter for the Los Angeles Times, covering the "
         "business of television.", ("Meg James",)),
        ("Molly Wood (@mollywood) is an Ideas contributor at WIRED and the host of "
         "Marketplace Tech.", ("Molly Wood",)),
        ("Contact Mark Di Stefano at mark.distefano@buzzfeed.com", ("Mark Di Stefano",)),
        ("The Senate is a chamber of writers and editors, said the clerk.", None),
        # an author's box: the name, then a note opening with it in any language
        ("  • Jane Doe\n    Jane Doe lehrt Geschichte an der Universität Zürich.",
         ("Jane Doe",)),
        ("Jane Doe\nJane Doe, Jahrgang 1979, ist Redakteurin der Zeitung.", ("Jane Doe",)),
        ("Jane Doe\nJane Doe", None),
        ("Jane Doe\nJane Doe Photography", None),
        ('Jane Doe\nJane Doe über ihren Burnout: "Da ging nichts mehr"', None),
        ("The lessons the region drew from the solar boom, as the study explains in\n"
         "Vietnam und Malaysia\nVietnam und Malaysia haben Fortschritte gemacht.", None),
        ("Business News\nBusiness News is a service of the company.", None),
    ],
)  # fmt: skip
def test_an_authors_note_names_the_author(text: str, names: tuple[str, ...] | None) -> None:
    blocks = text_blocks(f"Some other paragraph of the article, long enough.\n\n{text}\n")
    found = author_bio(blocks)
    assert (found[0] if found else None) == names


def test_a_name_after_a_date_is_not_looked_for_inside_the_date() -> None:
    """``Wed, 03 Aug 2022``: the line up to ``Aug`` is no date to ask about (it would go to
    dateparser, the normaliser's costliest call, for nothing)."""
    asked: list[str] = []

    def is_date_line(text: str) -> bool:
        asked.append(text)
        return text.strip() == "26. September 2019"

    def date_start(text: str) -> int | None:
        return 0 if text[:1].isalnum() else None

    line = "Wed, 03 Aug 2022 10:13:00 +0000"
    assert line_names(line, date_start, is_date_line) == ((), "name after date")
    assert not any(text.startswith("Wed, 03 ") for text in asked)
    named = line_names("26. September 2019 Jane Doe Schreibe einen Kommentar", date_start,
                       is_date_line)  # fmt: skip
    assert named == (("Jane Doe",), "name after date")


# A byline opening with a lower-case byline word: a person's name of two words or more
# after it, never the rest of a sentence.
LOWERCASE = [
    ("by Jane Doe on January 20, 2020", ("Jane Doe",)),
    ("[f87a220e9c] by Jane Doe on January 20, 2020", ("Jane Doe",)),
    ("• von: Jane Doe", ("Jane Doe",)),
    ("par Jean Dupont", ("Jean Dupont",)),
    ("von Verlusten und Schäden in Folge der Erwärmung", ()),
    ("by the time we arrived, it was over.", ()),
    ("by jdoe", ("jdoe",)),  # a blog's user name, as before (a "handle")
]


@pytest.mark.parametrize(("line", "names"), LOWERCASE)
def test_a_lowercase_byline_names_people_only(line: str, names: tuple[str, ...]) -> None:
    reference = datetime(2024, 1, 1, tzinfo=UTC)
    dates = Dates(DateContext(UTC, reference=reference))

    def date_start(text: str) -> int | None:
        found = dates(text, recognise_only=True)
        return found[0].start if found else None

    got, kind = line_names(line, date_start, dates.is_date_line)
    assert got == names
    if names and " " in names[0]:
        assert kind == "lowercase byline"


# Patterns spelled to open with a set of characters (a search skips to them), against the
# patterns as first written: they match at the same places.
_AS_WRITTEN = [
    (byline_text._GLUED_HINT, r"(?i:by|on|ar|or)[A-ZÀ-Þ]", "[bBoOaA]"),
    (far_bylines._MAY_COPYRIGHT, r"(?i)©|\(c\)|copyright|\d\d\s+by\s", "[©(cC\\d]"),
]


@pytest.mark.parametrize(("pattern", "written", "opening"), _AS_WRITTEN)
@given(text=st.text(alphabet="bByYoOnNaArRcCpPiIİıgGhHtTJÀÞ×Kſ©() 12.", max_size=20))
def test_a_pattern_opening_with_a_set_finds_what_it_finds_as_written(
    pattern: re.Pattern[str], written: str, opening: str, text: str
) -> None:
    assert pattern.pattern.startswith(opening)
    found, expected = pattern.search(text), re.compile(written).search(text)
    assert (found and found.span()) == (expected and expected.span())
