"""The layout of plain text: the headline scored among candidates, the metadata lines around
it, and no text lost (feedpub.extract.layout, candidates, headline_features)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from feedpub import DocumentError, inspect_document, normalise
from feedpub.extract import layout, layout_weights
from feedpub.extract.candidates import article_run, candidates, list_items, window
from feedpub.extract.headline_features import FEATURES, features, score
from feedpub.extract.headline_ranks import RANKS
from feedpub.metadata import text_blocks

SEEN = datetime(2024, 1, 1, tzinfo=UTC)
PARAGRAPH = (
    "The river rose two metres overnight and closed every road out of town, officials said "
    "on Tuesday, as more rain was forecast for the rest of the week."
)


def test_the_weights_are_the_features() -> None:
    assert list(layout_weights.WEIGHTS) == list(FEATURES)
    blocks = text_blocks(f"Storm floods the valley\n\n{PARAGRAPH}\n")
    lines = window(blocks)
    assert all(len(v) == len(FEATURES) for v in features(candidates(lines), lines, blocks))


# A whole page as `w3m -dump` saves it: a menu, teasers, the headline, a byline and a date
# in one block, the article, a footer.
PAGE = f"""Skip to main content

  • Login
  • News
  • Sport

Daily Example

Most read
  • Council approves new budget after long debate
  • Bridge reopens to traffic after two years of repairs

Storm floods the valley as rain keeps falling

By Jane Doe
March 12, 2024

{PARAGRAPH}

Residents were told to stay indoors until the water goes down, and schools in the valley
will stay closed until Friday at the earliest.

  • About us
  • Contact
"""


def _teaser(n: int) -> str:
    """Another story's link and its sentence, as a site lists them around an article."""
    return f"Another story {n}\n\nTeaser {n} tells of another story on the site, in a sentence."


def test_the_article_run_is_the_long_paragraphs_not_the_teasers() -> None:
    teasers = "\n\n".join(_teaser(n) for n in range(3))
    text = f"{teasers}\n\n  • News\n  • Sport\n  • Weather\n\nStorm floods the valley\n\n"
    text += "\n\n".join([PARAGRAPH * 3] * 3) + "\n\n  • About us\n  • Contact\n"
    blocks = text_blocks(text)
    first, last = article_run(blocks)
    assert [b.text for b in blocks[first : last + 1]] == [PARAGRAPH * 3] * 3
    assert article_run(text_blocks("  • News\n  • Sport\n")) == (0, -1)


def test_the_headline_is_found_under_many_teasers() -> None:
    """The candidates reach the article's run, however many teaser paragraphs come first
    (a w3m dump of a news site's page often has a dozen above the headline)."""
    teasers = "\n\n".join(_teaser(n) for n in range(12))
    body = "\n\n".join([PARAGRAPH * 2] * 4)
    text = f"{teasers}\n\nStorm floods the valley as rain keeps falling\n\nBy Jane Doe\n\n{body}\n"
    entry = normalise(text, first_seen=SEEN)
    assert entry.title == "Storm floods the valley as rain keeps falling"
    assert entry.author == "Jane Doe"


def test_the_trees_ask_of_the_features_then_the_ranks() -> None:
    assert layout_weights.TREE_TOP > 1
    assert max(layout_weights.TREES.feature) < len(FEATURES) + len(RANKS)
    assert len(layout_weights.TREES.roots) > 1


def test_the_trees_choose_among_the_best_few_by_the_weights(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    behind = len(FEATURES) + RANKS.index("behind_best")
    # Trees that take the furthest behind of the few they score: a line the weights
    # like less than the headline, never one they like least.
    monkeypatch.setattr(layout, "_trees", lambda: lambda row: row[behind])
    title = normalise(PAGE, first_seen=SEEN).title
    assert title != "Storm floods the valley as rain keeps falling"
    blocks = text_blocks(PAGE)
    lines = window(blocks, start=article_run(blocks)[0])
    assert title in [c.text for c in candidates(lines)]


def test_a_whole_page_dump_gives_headline_author_and_date() -> None:
    inspection = inspect_document(PAGE, first_seen=SEEN)
    entry = inspection.entry
    assert entry.title == "Storm floods the valley as rain keeps falling"
    assert inspection.origins["title"].startswith("line 13: the likeliest headline")
    assert entry.author == "Jane Doe"
    assert entry.published.date().isoformat() == "2024-03-12"
    assert entry.summary.startswith("The river rose")
    assert "Council approves" not in entry.content_html
    assert not any("guess" in note for note in inspection.notes)


def test_menu_items_bylines_and_dates_are_never_the_headline() -> None:
    text = f"* Login\n\nBy Jane Doe\n\nMarch 12, 2024\n\nStorm floods the valley\n\n{PARAGRAPH}\n"
    assert normalise(text, first_seen=SEEN).title == "Storm floods the valley"


@pytest.mark.parametrize(
    "meta",
    [
        "Published on March 12, 2024 by Jane Doe",
        "Veröffentlicht am 12. März 2024 von Jane",
        # wrapped by the renderer: the two lines joined are no headline either
        "Posted on Tuesday, March 12, 2024 at 10:15 in the morning by Jane\nDoe",
    ],
)
def test_a_posts_line_of_a_date_and_a_byline_is_never_a_headline(meta: str) -> None:
    text = f"{meta}\n\nStorm floods the valley\n\n{PARAGRAPH}\n"
    found = [c.text for c in candidates(window(text_blocks(text)))]
    assert "Storm floods the valley" in found
    assert not any(c.startswith(meta.split()[0]) for c in found)


def test_a_headline_wrapped_over_two_lines_is_one() -> None:
    text = (
        "The river that rose two metres overnight closes every road out of the\n"
        "town in the valley\n\nBy Jane Doe\n\n" + PARAGRAPH + "\n"
    )
    entry = normalise(text, first_seen=SEEN)
    assert entry.title == (
        "The river that rose two metres overnight closes every road out of the town in the valley"
    )


@pytest.mark.parametrize(
    ("header", "byline"),
    [
        # a section's name before the date over the headline, the byline under the dek
        ("Case Study March 12, 2024, 5:00PM EST", "By Jane Doe"),
        ("Acme Weekly — 12.03.24 09:51", "von Jane Doe, Online-Redaktion"),
    ],
)
def test_a_signed_byline_near_the_headline_over_a_name_before_a_date(
    header: str, byline: str
) -> None:
    text = (
        f"{header}\n\nStorm floods the valley as rain keeps falling\n\n"
        "The town was cut off for two days\n\n"
        f"{byline}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
    )
    inspection = inspect_document(text, first_seen=SEEN)
    assert inspection.entry.authors == ("Jane Doe",)
    assert inspection.origins["author"].endswith("byline")


def test_a_name_before_a_date_stays_the_author_without_a_signed_line() -> None:
    text = (
        "Jane Doe March 12, 2024\n\nStorm floods the valley as rain keeps falling\n\n"
        f"{PARAGRAPH}\n\n{PARAGRAPH}\n"
    )
    assert normalise(text, first_seen=SEEN).authors == ("Jane Doe",)


def test_a_byline_sharing_its_block_with_a_reading_time_is_found() -> None:
    text = f"Storm floods the valley\n\nBy Jane Doe\n4 min read\n\n{PARAGRAPH}\n"
    entry = normalise(text, first_seen=SEEN)
    assert entry.author == "Jane Doe"
    assert "Jane Doe" not in entry.content_html


def test_a_title_only_text_is_published_whole() -> None:
    inspection = inspect_document("Storm floods the valley\n", first_seen=SEEN)
    assert inspection.entry.title == "Storm floods the valley"
    assert inspection.entry.content_html == "<p>Storm floods the valley</p>"
    assert "no body text after the headline: the whole text is the body" in inspection.notes


def test_nothing_like_a_headline_is_a_guess_said_in_inspect() -> None:
    text = f"{PARAGRAPH}\n\n{PARAGRAPH.replace('river', 'lake')}\n"
    inspection = inspect_document(text, first_seen=SEEN)
    assert inspection.entry.title == PARAGRAPH
    assert "a guess" in inspection.origins["title"]
    assert any("the headline is a guess" in note for note in inspection.notes)
    assert "lake rose" in inspection.entry.content_html


@pytest.mark.parametrize("text", ["42\n\n---\n", "* * *\n"])
def test_a_text_without_a_word_is_rejected(text: str) -> None:
    with pytest.raises(DocumentError, match="no headline found") as info:
        normalise(text, first_seen=SEEN)
    assert info.value.line == 1


@pytest.mark.parametrize(
    ("text", "title"),
    [("Test\n", "Test"), ("abc\n\ndef\n\nghi\n", "abc"), ("1–2 minutes\n\nTest\n", "Test")],
)
def test_a_text_of_single_words_is_published_with_a_guessed_headline(text: str, title: str) -> None:
    """Never reject a document that has text (two of readability's test pages are these)."""
    inspection = inspect_document(text, first_seen=SEEN)
    assert inspection.entry.title == title
    assert any("the headline is a guess" in note for note in inspection.notes)
    assert "a guess" in inspection.origins["title"]


def test_a_headline_with_a_section_suffix_is_scored_and_split() -> None:
    """A line with a ' | Section' suffix is no rule in front of the scorer (it was wrong
    on ``Entries RSS | Comments RSS``); scored the headline, it gives the section too."""
    text = f"Daily Example\n\nMarkets rally | Business\n\nBy Jane Doe\n\n{PARAGRAPH}\n"
    entry = normalise(text, first_seen=SEEN)
    assert (entry.title, entry.section) == ("Markets rally", "Business")


def test_a_section_line_given_twice_is_the_headline_without_scoring() -> None:
    """A scraper that writes the page's title and then its heading gives the ' | Section'
    line twice (the seeds' documents): it is taken as it stands, and inspect says why."""
    line = "Markets rally as rates fall | Business"
    text = f"Daily Example\n\n{line}\n\n{line}\n\nBy Jane Doe\n\n{PARAGRAPH}\n"
    inspection = inspect_document(text, first_seen=SEEN)
    assert (inspection.entry.title, inspection.entry.section) == (
        "Markets rally as rates fall",
        "Business",
    )
    assert "given twice" in inspection.origins["title"]


def test_a_feed_link_line_with_a_bar_is_not_the_headline() -> None:
    """Found on the corpus: ``Entries RSS | Comments RSS`` near a blog's top was taken for
    its headline by the ' | Section' rule."""
    text = (
        "Example Blog\n\nEntries RSS | Comments RSS\n\n"
        f"Storm floods the valley as rain keeps falling\n\nBy Jane Doe\n\n{PARAGRAPH}\n"
    )
    assert normalise(text, first_seen=SEEN).title == "Storm floods the valley as rain keeps falling"


def test_a_text_without_spaces_is_not_rejected() -> None:
    """Chinese and Japanese write no spaces: a line of them is more than one word."""
    text = "海外留学生看两会：出国前后关注点大不同\n\n" + "留学生们关注的焦点。" * 12 + "\n"
    entry = normalise(text, first_seen=SEEN)
    assert entry.title.startswith("海外留学生看两会")
    assert "留学生们关注的焦点" in entry.content_html


@pytest.mark.parametrize("text", ["The\n\x08", "\x08\nThe", "•\nThe\n"])
def test_a_line_without_a_word_is_never_the_headline(text: str) -> None:
    # Found by hypothesis: a control character alone on a line was the best scored
    # candidate, and its empty headline raised a KeyError.
    assert normalise(text, first_seen=SEEN).title == "The"


def _feature(text: str, name: str) -> dict[str, float]:
    """Each candidate's value of feature ``name`` in ``text`` (as ``layout`` finds them)."""
    blocks = text_blocks(text)
    run = article_run(blocks)
    lines = window(blocks, start=run[0])
    found = candidates(lines)
    at = FEATURES.index(name)
    vectors = features(found, lines, blocks, run)
    return {c.text: v[at] for c, v in zip(found, vectors, strict=True)}


def _linear(text: str) -> dict[str, float]:
    """Each candidate's score by the weights alone, before the trees."""
    blocks = text_blocks(text)
    run = article_run(blocks)
    lines = window(blocks, start=run[0])
    found = candidates(lines)
    vectors = features(found, lines, blocks, run)
    weights = [layout_weights.WEIGHTS[name] for name in FEATURES]
    return {c.text: score(v, weights, 0.0) for c, v in zip(found, vectors, strict=True)}


# A photo's caption and credit above the headline in one block, as lynx dumps a gallery.
CAPTION = f"""Image 1 of 13
Democratic presidential candidate South Bend, Ind., Mayor Pete
Buttigieg speaks during a fundraiser for the Nevada Democratic Party,
on Sunday in Las Vegas, where he spoke for an hour.
Photo: John Locher, AP
Seven key questions heading into the Democratic debate
1 / 13

{PARAGRAPH}

Residents were told to stay indoors until the water goes down, and schools in the valley
will stay closed until Friday at the earliest.
"""


def test_a_line_a_renderer_wrapped_is_a_fragment_not_the_headline() -> None:
    wrapped = _feature(CAPTION, "wrapped")
    assert wrapped["Democratic presidential candidate South Bend, Ind., Mayor Pete"] == 1.0
    assert wrapped["Seven key questions heading into the Democratic debate"] == 0.0
    continued = _feature(CAPTION, "continued")
    assert continued["Buttigieg speaks during a fundraiser for the Nevada Democratic Party,"] == 1.0
    assert continued["Seven key questions heading into the Democratic debate"] == 0.0
    entry = normalise(CAPTION, first_seen=SEEN)
    assert entry.title == "Seven key questions heading into the Democratic debate"


def test_a_name_the_headline_opens_with_is_not_the_headline() -> None:
    """A band's, a show's or a section's name above the headline that starts with it
    (``Opening Bell`` above ``Opening Bell 11.18.19``); a teaser cut short (``...``) opens
    the whole headline too."""
    text = f"Opening Bell\n\nOpening Bell 11.18.19\n\nBy Jane Doe\n\n{PARAGRAPH}\n"
    in_longer = _feature(text, "in_longer")
    assert (in_longer["Opening Bell"], in_longer["Opening Bell 11.18.19"]) == (1.0, 0.0)
    assert _feature(text, "has_shorter")["Opening Bell 11.18.19"] == 1.0
    band = "The Doobie Brothers\n\nThe Doobie Brothers Unite With Michael McDonald for a Tour"
    entry = normalise(f"{band}\n\nBy Jane Doe\n\n{PARAGRAPH}\n", first_seen=SEEN)
    assert entry.title == "The Doobie Brothers Unite With Michael McDonald for a Tour"
    teaser = "Storm floods the valley as…\n\nStorm floods the valley as rain keeps falling\n\n"
    assert _feature(teaser + PARAGRAPH, "in_longer")["Storm floods the valley as…"] == 1.0


@pytest.mark.parametrize("title", ["September 2018 open thread", "Opening Bell 11.18.19"])
def test_a_headline_with_a_date_in_it_is_a_candidate(title: str) -> None:
    text = f"{title}\n\nMarch 12, 2024\n\n{PARAGRAPH}\n"
    assert title in _feature(text, "date_line")
    assert normalise(text, first_seen=SEEN).title == title
    assert "March 12, 2024" not in _feature(text, "date_line")  # a date alone never is


# A page as `lynx -dump` saves it: its headings at column 0, its body text indented 3 spaces.
LYNX = f"""Daily Example

   Another story on the site that many readers are talking about today

Storm floods the valley as rain keeps falling

   By Jane Doe

   {PARAGRAPH}

   Residents were told to stay indoors until the water goes down, and schools in the
   valley will stay closed until Friday at the earliest.
"""


def test_a_line_lynx_does_not_indent_is_a_heading() -> None:
    outdented = _feature(LYNX, "outdented")
    assert outdented["Storm floods the valley as rain keeps falling"] == 1.0
    assert outdented["Another story on the site that many readers are talking about today"] == 0.0
    assert normalise(LYNX, first_seen=SEEN).title == "Storm floods the valley as rain keeps falling"
    # A text that indents nothing (w3m) says nothing by it.
    flat = "\n".join(line.strip() for line in LYNX.splitlines())
    assert set(_feature(flat, "outdented").values()) == {0.0}


def test_the_indentation_is_kept_beside_the_lines_and_compares_as_nothing() -> None:
    (block,) = text_blocks("   By Jane Doe\n\tMarch 12\n")
    assert block.lines == ("By Jane Doe", "March 12")
    assert block.indents == (3, 1)
    assert block == text_blocks("By Jane Doe\nMarch 12\n")[0]


def test_the_headline_given_again_in_the_pages_title_line_is_marked() -> None:
    """A page's ``<title>`` shown near its top (``Headline | Site``, ``Headline - Site``)
    repeats the headline's line below it: that line is marked, not the site's name."""
    title = "Storm floods the valley as rain keeps falling"
    for line in (f"{title} | Daily Example", f"{title} - Daily Example News"):
        text = f"{line}\n\nRain in the valley, hour by hour\n\n{title}\n\n{PARAGRAPH}\n"
        titled = _feature(text, "titled")
        assert titled[title] == 1.0
        assert titled[line] == 0.0
        assert titled["Rain in the valley, hour by hour"] == 0.0
    assert _feature(f"Daily Example\n\n{title}\n\n{PARAGRAPH}\n", "titled")[title] == 0.0


def test_a_chinese_paragraph_is_prose_and_no_headline() -> None:
    text = "海外留学生看两会：出国前后关注点大不同\n\n" + "留学生们关注的焦点。" * 11 + "\n"
    prose = _feature(text, "prose")
    assert prose["海外留学生看两会：出国前后关注点大不同"] == 0.0
    assert prose["留学生们关注的焦点。" * 11] == 1.0


def test_a_line_said_twice_without_a_space_is_a_candidate_once() -> None:
    """w3m gives an image's alt text and then its link's: ``TitleTitle``."""
    title = "TOP 5 Fashion Must Haves 2018"
    found = [c.text for c in candidates(window(text_blocks(f"{title}{title}\n\n{PARAGRAPH}\n")))]
    assert title in found
    assert title * 2 not in found


def test_a_rule_under_a_headline_is_left_out_of_the_joined_lines() -> None:
    title = "Halloween: a strange clown frightens the whole country this week"
    text = f"{title}\n{'_' * 66}\n\n{PARAGRAPH}\n"
    found = [c.text for c in candidates(window(text_blocks(text)))]
    assert title in found
    assert not [t for t in found if "___" in t and t != "_" * 66]
    wrapped = f"Storm floods the valley as rain keeps falling and falling\nagain\n{'_' * 60}"
    joined = [c.text for c in candidates(window(text_blocks(f"{wrapped}\n\n{PARAGRAPH}\n")))]
    assert "Storm floods the valley as rain keeps falling and falling again" in joined


def test_the_last_crumb_of_a_trail_and_a_listed_headline_are_marked() -> None:
    title = "Beauty tips every bride should know"
    text = (
        f"Home » Beauty » {title}\n\n 1. Home\n 2. Beauty\n 3. {title}\n\n{title}\n\n{PARAGRAPH}\n"
    )
    crumb_end = _feature(text, "crumb_end")
    assert crumb_end[title] == 1.0
    assert crumb_end[f"Home » Beauty » {title}"] == 0.0
    echoed = _feature(text, "echoed")
    assert (echoed[title], echoed[f"3. {title}"]) == (1.0, 1.0)
    assert echoed["Home » Beauty » " + title] == 0.0


def test_teasers_sentences_are_not_the_articles_paragraphs() -> None:
    """``run_after`` counts the article's own paragraphs under a candidate, not a list of
    teasers' sentences: under twenty teasers the headline is over the article."""
    teasers = "\n\n".join(_teaser(n) for n in range(20))
    body = "\n\n".join([PARAGRAPH * 2] * 4)
    headline = "Storm floods the valley as rain keeps falling"
    run_after = _feature(f"{teasers}\n\n{headline}\n\nBy Jane Doe\n\n{body}\n", "run_after")
    assert run_after[headline] == 4 / 8
    assert run_after["Another story 0"] == 0.0


def test_a_title_lines_last_part_is_no_crumb() -> None:
    """``Headline | Section | Site``: a page's title ends with its site's name, not with the
    page a trail leads to."""
    title = "Labour wins a landslide as the Conservatives suffer defeat"
    text = f"The Guardian\n\n{title} | General election 2024 | The Guardian\n\n{PARAGRAPH}\n"
    assert _feature(text, "crumb_end")["The Guardian"] == 0.0


def test_a_one_word_headline_alone_in_its_block_is_a_candidate() -> None:
    text = f"Rezepte\nKontakt\nImpressum\n\nMandelplätzchen\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
    found = [c.text for c in candidates(window(text_blocks(text)))]
    assert "Mandelplätzchen" in found
    assert not {"Rezepte", "Kontakt", "Impressum"} & set(found)  # a menu's words, together
    assert normalise(text, first_seen=SEEN).title == "Mandelplätzchen"


def test_a_headline_over_a_date_line_in_its_block_is_not_wrapped() -> None:
    text = f"Storm floods the valley\n12/04/2020 by Kay\n\n{PARAGRAPH}\n"
    assert _feature(text, "wrapped")["Storm floods the valley"] == 0.0
    assert normalise(text, first_seen=SEEN).title == "Storm floods the valley"


@pytest.mark.parametrize("mark", ["*", "+", "•", "□", "☆", "○", "■", "★", "◎", "●", "△"])
def test_a_list_item_as_the_renderers_mark_it_is_a_bullet(mark: str) -> None:
    """lynx marks a list's items with ``*`` and ``+``, w3m with ``•``, ``□``, ``☆``, ``○``...
    (one mark a level of nesting): an item is marked a bullet, and a menu's ``Login`` is
    no candidate."""
    teaser = f"{mark} Bridge reopens to traffic after two years of repairs"
    text = f"{mark} Login\n{teaser}\n\nStorm floods the valley\n\n{PARAGRAPH}\n"
    bullet = _feature(text, "bullet")
    assert (bullet[teaser], bullet["Storm floods the valley"]) == (1.0, 0.0)
    assert f"{mark} Login" not in bullet
    # The weights rank the item below the heading; the trees that score the best few again
    # would take the item on a page of three lines (they weigh a line's number among the
    # first), but a marked item gives its place to a heading below it.
    linear = _linear(text)
    assert linear["Storm floods the valley"] > linear[teaser]
    assert normalise(text, first_seen=SEEN).title == "Storm floods the valley"


def test_a_menus_items_in_one_block_are_no_paragraph() -> None:
    """w3m draws a menu's nested lists as one block (``• World`` / ``□ Africa`` / ...): its
    items count each as a short line, not the block as a paragraph of all their words, so
    the article's run starts at the article, not at the menu."""
    menu = "\n".join(f"{'•' if n % 5 == 0 else '□'} Section {n}" for n in range(30))
    text = f"{menu}\n\nStorm floods the valley\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
    blocks = text_blocks(text)
    assert article_run(blocks) == (2, 3)
    listed = "\n".join(f"• {PARAGRAPH}" for _ in range(2))
    assert article_run(text_blocks(f"{menu}\n\nStorm floods the valley\n\n{listed}\n")) == (2, 2)


def test_a_menu_whose_first_mark_stands_alone_is_a_list() -> None:
    """w3m draws an item holding a nested list with its mark alone on a line (``•`` over
    ``□ Top categories`` / ``☆ Breast Cancer`` ...): the block is still a menu's items, not
    one paragraph of all their words, so the article's run does not start at the menu (nor
    at a consent notice above it) and the window reaches the article's headline."""
    items = "\n".join(f"      {'□' if n % 5 == 0 else '☆'} Section {n}" for n in range(30))
    menu = f"  •\n{items}"
    assert list_items(text_blocks(menu)[0]) is not None
    notice = " ".join([PARAGRAPH] * 2)
    text = f"{notice}\n\n{menu}\n\n{menu}\n\nStorm floods the valley\n\n"
    text += "\n\n".join([PARAGRAPH] * 12) + "\n"
    blocks = text_blocks(text)
    assert article_run(blocks)[0] == 4
    assert normalise(text, first_seen=SEEN).title == "Storm floods the valley"


def test_the_article_run_is_found_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The headline's scorer, the bylines away from the headline and the dates all read the
    text's article run: the layout finds it once and hands it to each."""
    from feedpub.extract import date_ranking
    from feedpub.extract import layout as layout_module

    calls: list[int] = []

    def counted(blocks: object) -> tuple[int, int]:
        calls.append(1)
        return article_run(blocks)  # type: ignore[arg-type]

    monkeypatch.setattr(layout_module, "article_run", counted)
    monkeypatch.setattr(date_ranking, "article_run", counted)
    text = f"Menu\n\nStorm floods the valley\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
    normalise(text, first_seen=SEEN)
    assert len(calls) == 1


def test_a_block_that_is_no_list_is_not_squashed_line_by_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``list_items`` looks at a block's first line before it squashes the others: most
    blocks are paragraphs, not lists."""
    from feedpub.extract import candidates as candidates_module

    squashed: list[str] = []

    def counted(text: str) -> str:
        squashed.append(text)
        return " ".join(text.split())

    monkeypatch.setattr(candidates_module, "squash", counted)
    paragraph = text_blocks("The river rose\ntwo metres  overnight\nand closed every road\n")[0]
    assert candidates_module.list_items(paragraph) is None
    assert squashed == ["The river rose"]
    menu = text_blocks("• World\n• Local  sport\n")[0]
    assert candidates_module.list_items(menu) == [("• World", 1), ("• Local sport", 1)]
