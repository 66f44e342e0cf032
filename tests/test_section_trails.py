"""The section a page names far from its headline: a breadcrumb to the headline, a post's
category, the one "More in" heading, the menu's current item (feedpub.extract.section_trails)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedpub import inspect_document
from feedpub.dates import DateContext
from feedpub.extract.section_trails import far_section
from feedpub.extract.textdates import Dates

SEEN = datetime(2024, 1, 1, tzinfo=UTC)
DATES = Dates(DateContext(UTC, reference=SEEN))
HEADLINE = "Storm floods the valley as rain keeps falling"


@pytest.mark.parametrize(
    ("lines", "section"),
    [
        # a breadcrumb to the headline, anywhere, its start cut by the line's end
        ([f"Startseite » Ratgeber » {HEADLINE}"], "Ratgeber"),
        (["Home > News > Weather > Storm floods the valley"], "Weather"),
        (["Home → News → Weather → Storm floods the valley"], "Weather"),  # with arrows
        ([f"Home » {HEADLINE}"], None),  # its root alone
        ([f"#Site » Feed Site » Comments Feed Site » {HEADLINE}"], None),  # lynx's feed links
        (["Home » News » Another story altogether"], None),  # another article's
        (["Business|Storm floods the valley as rain"], "Business"),  # a section, a bar
        (["Business|Another story altogether"], None),
        # a post's category (its first), not its tags
        (["Posted in Recipes and tagged soup, winter"], "Recipes"),
        (["Posted in Grants | Permalink | 1 Comment"], "Grants"),
        (["Kategorie:Fashion Trends 2019"], "Fashion Trends 2019"),
        (["Veröffentlicht in Garten, Balkon"], "Garten"),
        (["This Article is related to: Awards and tagged Consider This, Jessie"], "Awards"),
        (["Filed under china ,  illnesses ,  plague"], None),
        (["Posted in the spring of 2020, this guide tells you how"], None),  # a sentence
        # the page's one "More in" heading, not one of many, nor the site's "More from"
        (["More in Politics"], "Politics"),
        (["Más en Noticias", "Más en Noticias"], "Noticias"),
        (["More in World", "More in U.S.", "More in Politics"], None),
        (["More From WIRED"], None),
        # the menu's item a renderer marks as the page's
        (["• Reviews", "• Travel (current)", "• Podcast"], "Travel"),
        ([], None),
    ],
)
def test_the_section_far_from_the_headline(lines: list[str], section: str | None) -> None:
    found = far_section([(text, n) for n, text in enumerate(lines, 1)], HEADLINE, DATES)
    assert (found[0] if found else None) == section


def test_a_breadcrumb_to_the_headline_wins_over_the_rest() -> None:
    lines = ["More in Politics", "Posted in Recipes", "Home » Weather » Storm floods the valley"]
    found = far_section([(text, n) for n, text in enumerate(lines, 1)], HEADLINE, DATES)
    assert found == ("Weather", 3, "a breadcrumb to the headline")


def test_a_documents_footer_names_its_section() -> None:
    paragraph = (
        "The river rose two metres overnight and closed every road out of town, officials "
        "said on Tuesday, as more rain was forecast for the rest of the week."
    )
    text = f"Daily Example\n\n{HEADLINE}\n\nBy Jane Doe\n\n" + f"{paragraph}\n\n" * 5
    inspection = inspect_document(f"{text}Posted in Weather | Permalink\n", first_seen=SEEN)
    assert inspection.entry.section == "Weather"
    assert "the post's category" in inspection.origins["section"]


_LINE = st.text(st.sampled_from("ab »>|:,•() \n"), max_size=30) | st.sampled_from(
    ["More in ", "Posted in ", "Kategorie: ", " (current)", "Home » ", HEADLINE]
)


@given(st.lists(st.lists(_LINE, max_size=4).map("".join), max_size=6))
def test_the_section_found_is_written_in_its_line(lines: list[str]) -> None:
    found = far_section([(text, n) for n, text in enumerate(lines)], HEADLINE, DATES)
    if found is not None:
        assert found[0]
        assert found[0] in lines[found[1]]
