"""The masthead of plain text: the section and the publisher from the headline's suffix, a
kicker or breadcrumb, a logo and the site's name above it (feedpub.extract.masthead)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedpub import inspect_document, normalise
from feedpub.dates import DateContext
from feedpub.extract import masthead, site_scores, sitenames
from feedpub.extract.masthead import _numbered_root, split_headline
from feedpub.extract.sections import Line, breadcrumb, kicker
from feedpub.extract.sitenames import (
    _SITE_HINTS,
    _SITE_LINE_MAX,
    _SITE_PATTERNS,
    _hinted,
    _site_lines,
    named_sites,
)
from feedpub.extract.textdates import Dates

SEEN = datetime(2024, 1, 1, tzinfo=UTC)
PARAGRAPH = (
    "The river rose two metres overnight and closed every road out of town, officials said "
    "on Tuesday, as more rain was forecast for the rest of the week."
)


@pytest.mark.parametrize(
    ("headline", "publishers", "guess", "expected"),
    [
        ("Title here | Section", [], True, ("Title here", "Section", None)),
        ("Title here | Section | Site", [], True, ("Title here", "Section", "Site")),
        ("Title here | tagesschau.de", ["tagesschau.de"], True,
         ("Title here", None, "tagesschau.de")),
        ("Inflation slows to 2.4% in March - BBC News", [], True,
         ("Inflation slows to 2.4% in March", None, "BBC News")),
        ("Chipmakers race to build factories - techdaily.com", [], True,
         ("Chipmakers race to build factories", None, "techdaily.com")),
        ("Storm hits the coast of Brittany – Live", [], True,
         ("Storm hits the coast of Brittany – Live", None, None)),
        ("Council “will not raise taxes” – mayor’s budget pledge", [], True,
         ("Council “will not raise taxes” – mayor’s budget pledge", None, None)),
        ("Storm hits the coast of Brittany - Ouest France", [], False,
         ("Storm hits the coast of Brittany - Ouest France", None, None)),
        ("Storm hits the coast of Brittany - Ouest France", ["Ouest France"], False,
         ("Storm hits the coast of Brittany", None, "Ouest France")),
    ],
)  # fmt: skip
def test_split_headline(
    headline: str, publishers: list[str], guess: bool, expected: tuple[str, str, str]
) -> None:
    assert split_headline(headline, publishers, guess) == expected


@pytest.mark.parametrize(
    ("above", "section"),
    [
        ("Politik", "Politik"),
        ("  • Economía", "Economía"),
        ("* Ukraine-Newsblog", "Ukraine-Newsblog"),
        ("Home > News > Politics", "Politics"),
        ("National News\nAdvertisement", "National News"),
        ("Ideas\n\n11.14.2019 09:00 AM", "Ideas"),  # a date line between it and the headline
        ("SZ Plus", None),  # a paywall's mark
        ("The council met on Monday.", None),  # a sentence
        ("May 12, 2024", None),
        ("IFRAME: fb_xdm_frame_https", None),  # markup a renderer shows
        ("SHOP NOW >", None),
        ("Media Industry\nUpdated", "Media Industry"),  # a date's label alone between them
        ("Noticias\n(BUTTON) (BUTTON)", "Noticias"),  # a form's buttons between them
        # the last item of a short list (a breadcrumb's), not of a long one (a menu's)
        ("  • Accueil ›\n  • Monde", "Monde"),
        ("  • Home\n  • News\n  • Science", "Science"),
        ("  • News\n  • Business\n  • Lifestyle\n  • Politics\n  • Sport", None),
        ("  • Login\n  • Register\n  • Cart\n\n  • News\n  • Sport", "Sport"),  # two lists
        # a post's categories, as w3m glues adjacent links or as a list: the first
        ("CrimeHeadlines", "Crime"),
        ("HealthScienceU.S. News", "Health"),
        ("Noticias, Política", "Noticias"),
        ("JavaScript", "JavaScript"),  # a capital inside a name: no categories
        ("MedienpädagogIn gesucht", "MedienpädagogIn gesucht"),  # a German noun's "-In"
        ("Marketing • Social Media", "Social Media"),  # a trail: its last
        ("#GameTechie", "#GameTechie"),  # a hashtag's category, whole
        ("#Facebook", None),  # a kicker's checks without its mark: a network's button
        ("  • #GameTechie", None),  # a list's item: a tag among others
        # no kicker: a share button, an image's label, the headline's end, a doubled name
        ("Viber", None),
        ("Titelbild", None),
        ("Home Weather Storm floods the valley as\nRain Keeps Falling", None),  # wrapped
        ("Keeps Falling", "Keeps Falling"),  # the headline's end, on a line of its own
        ("Sylvester2020Sylvester2020", None),
        # a story's label in capitals, not one word nor a section's words
        ("BLACK DEATH FEARS", None),
        ("CAMBIO CLIMÁTICO", None),
        ("LOCAL NEWS", "LOCAL NEWS"),
        ("SPACE", "SPACE"),
        # a share bar between a kicker and its headline is passed over, icons alone are not
        ("News\n\nShare this:\n\n  • Facebook\n  • Twitter\n  • Email\n  • Copy\n  • ", "News"),
        ("Die Welt der Neuheiten\n\n  • \n  • \n  • ", None),
        ("  • Seite empfehlen\n      □ facebook\n      □ twitter\n      □ ", None),  # its label
        ("Date\n\n  • Facebook\n  • Twitter", None),
        # a count's link (comments, shares) under a post's category is passed over too
        ("  • News\n  • 4", "News"),
        ("  • 4", None),
        # the section right over a story's label, if it is no label itself
        ("Ciencia\nCAMBIO CLIMÁTICO", "Ciencia"),
        ("VISUAL MARKETING\nGROWING AN ONLINE BUSINESS", None),
        ("The council met on Monday.\nCAMBIO CLIMÁTICO", None),
    ],
)
def test_a_kicker_or_breadcrumb_above_the_headline_is_the_section(
    above: str, section: str | None
) -> None:
    text = f"Daily Example\n\n{above}\n\nStorm floods the valley as rain keeps falling\n\n"
    text += f"By Jane Doe\n\n{PARAGRAPH}\n"
    inspection = inspect_document(text, first_seen=SEEN)
    assert inspection.entry.title == "Storm floods the valley as rain keeps falling"
    assert inspection.entry.section == section
    if section is not None:  # a kicker's or a breadcrumb's
        assert "above the headline" in inspection.origins["section"]


def test_the_section_suffix_wins_over_a_kicker() -> None:
    text = f"Politik\n\nStorm floods the valley | Inland\n\nBy Jane Doe\n\n{PARAGRAPH}\n"
    assert normalise(text, first_seen=SEEN).section == "Inland"


HEADLINE = "Storm floods the valley as rain keeps falling"


@pytest.mark.parametrize(
    ("above", "below", "section"),
    [
        # an ordered list (an <ol> breadcrumb), the headline as its last item or not
        ("    1. Home\n    2. Política\n\n   Weather", "", "Política"),
        (f" 1. Accueil\n 2. Economie\n 3. {HEADLINE}\n\nTranse", "", "Economie"),
        ("", f"   Vous êtes ici :\n    1. Accueil\n    2. ACTU NATIONALE\n    3. {HEADLINE}",
         "ACTU NATIONALE"),
        # a list whose last item is the headline
        (f"  • Home\n  • Business\n  • Economy & Business\n  • {HEADLINE}", "",
         "Economy & Business"),
        # a chain of links, with a label, the headline at its end cut by the line's end
        ("   Sie sind hier:Home»Newsarchiv»Storm floods the\n\n   17. Mai 2019", "",
         "Newsarchiv"),
        ("Startseite » Rezepte » Kuchen » Obstkuchen » Zitronenkuchen » Storm\n", "",
         "Zitronenkuchen"),
        ("", "    BLOG > Nutrition > Meal Plans", "Meal Plans"),
        ("Inicio »Noticias, Política »", "", "Noticias"),  # a list of categories: its first
        # a chain drawn one link a line, a mark alone between two, numbered or not
        (" 1. Startseite\n 2. >\n 3. Ratgeber\n 4. >\n 5. Storm floods the valley", "",
         "Ratgeber"),
        ("   Startseite\n\n   >\n\n   Ratgeber\n\n   >\n\n   Storm floods the", "", "Ratgeber"),
        # no breadcrumb: a top list, a list of one item, a menu
        ("    1. Most read\n    2. Storm warnings in the north of the country", "", None),
        ("    1. Home", "", None),
        ("  • News\n  • Business\n  • Sport", "", None),
    ],
)  # fmt: skip
def test_a_breadcrumb_near_the_headline_names_its_section(
    above: str, below: str, section: str | None
) -> None:
    text = f"Daily Example\n\n{above}\n\n{HEADLINE}\n\n{below}\n\nBy Jane Doe\n\n{PARAGRAPH}\n"
    inspection = inspect_document(text, first_seen=SEEN)
    assert inspection.entry.title == HEADLINE
    if section is None:
        assert "breadcrumb" not in inspection.origins.get("section", "")
    else:
        assert inspection.entry.section == section
        assert "the breadcrumb" in inspection.origins["section"]


@pytest.mark.parametrize(
    ("top", "publisher"),
    [
        ("Example News", "Example News"),
        ("[Example News logo]", "Example News"),
        ("  • Login\n  • Abonnieren\n\nExampleNews Logo", "ExampleNews"),
        ("[menu] [search]", None),
        # a reader view's site line with its company's form: no sentence's full stop
        ("Wikimedia Foundation, Inc.", "Wikimedia Foundation, Inc."),
        ("Read the whole story here.", None),
    ],
)
def test_the_publisher_is_the_site_name_or_logo_above_the_headline(
    top: str, publisher: str | None
) -> None:
    text = f"{top}\n\nStorm floods the valley as rain keeps falling\n\nBy Jane Doe\n\n"
    text += f"{PARAGRAPH}\n"
    assert normalise(text, first_seen=SEEN).publisher == publisher


def test_a_section_then_a_site_after_the_bar() -> None:
    """`Storm … | UK - BBC News` gives the section `UK` and the publisher `BBC News`."""
    text = f"Storm Ciarán batters the coast | UK - BBC News\n\nBy Jane Doe\n\n{PARAGRAPH}\n"
    entry = normalise(text, first_seen=SEEN)
    assert (entry.title, entry.section, entry.publisher) == (
        "Storm Ciarán batters the coast", "UK", "BBC News")  # fmt: skip
    other = normalise(text.replace("UK - BBC News", "Politics - live"), first_seen=SEEN)
    assert (other.section, other.publisher) == ("Politics - live", None)


# A whole page as `w3m -dump` saves it, with no site name above the headline: a menu, the
# article, and a footer naming the site (its copyright line, an about link, a newsletter).
def _page(footer: str, top: str = "  • Login\n  • News\n  • Sport") -> str:
    return (
        f"{top}\n\nStorm floods the valley as rain keeps falling\n\nBy Jane Doe\n\n"
        f"{PARAGRAPH}\n\n{PARAGRAPH}\n\n{footer}\n"
    )


@pytest.mark.parametrize(
    ("footer", "publisher"),
    [
        # a copyright line alone names the site (on 17 of the 26 dev w3m copies where it was
        # all the evidence of the name taken, with the fitted weights)
        ("Copyright © 2019 The Paradigm. All Rights Reserved.", "The Paradigm"),
        ("Copyright © 2019 The Paradigm. All Rights Reserved.\n\nAbout The Paradigm",
         "The Paradigm"),
        ("© 2005-2019 SlashGear, All Rights Reserved.\n\nSubscribe to the SlashGear newsletter",
         "SlashGear"),
        ("About Vox\n\n© 2019 Vox Media, Inc. All Rights Reserved", "Vox"),  # its company's
        ("Follow The Paradigm on Twitter\n\nMore from The Paradigm", "The Paradigm"),
        ("  • About Us\n  • Copyright Policy\n  • Our newsletter", None),  # no name
        # the rights' words in Spanish without "todos los": not the site's name
        ("La Gaceta© Derechos Reservados 2022", "La Gaceta"),
        # a shop's or a stock library's links are never the site's
        ("https://www.amazon.de/dp/1\n\nhttps://www.amazon.de/dp/2\n\nhttps://amzn.to/3", None),
        ("Foto: https://pixabay.com/a\n\nhttps://pixabay.com/b\n\nhttps://pixabay.com/c", None),
    ],
)  # fmt: skip
def test_the_publisher_from_the_footer_when_the_header_names_none(
    footer: str, publisher: str | None
) -> None:
    inspection = inspect_document(_page(footer), first_seen=SEEN)
    assert inspection.entry.publisher == publisher
    if publisher is not None:
        assert "line" in inspection.origins["publisher"]


def test_the_name_the_whole_page_gives_wins_over_the_first_line() -> None:
    """Evidence is summed over the page: a name in the footer's copyright, an about link and
    the newsletter box wins over the first line, where a menu button may stand."""
    footer = (
        "Example Times Newsletter\n\nAbout Example Times\n\n"
        "© 2024 Example Times. All rights reserved."
    )
    assert normalise(_page(footer, top="Today's Paper"), first_seen=SEEN).publisher == (
        "Example Times"
    )
    # Alone, the first line is still taken for the site's name.
    assert normalise(_page("", top="Example Times"), first_seen=SEEN).publisher == ("Example Times")


def test_the_publisher_from_a_lynx_dumps_feed_links() -> None:
    top = "#Example Times » Feed Example Times » Comments Feed alternate"
    assert normalise(_page("", top=top), first_seen=SEEN).publisher == "Example Times"


@pytest.mark.parametrize(
    ("below", "section"),
    [
        ("BLOG > Nutrition > Meal Plans", "Meal Plans"),
        ("October 12, 2018/0 Comments/in Jeongdong Promotion /by jdadm", "Jeongdong Promotion"),
        ("Posted in Recipes by Jane Doe", "Recipes"),
        ("Filed under: Tech", "Tech"),
        ("In the valley the water kept rising all night.", None),  # a sentence
    ],
)
def test_a_breadcrumb_or_category_below_the_headline_is_the_section(
    below: str, section: str | None
) -> None:
    text = f"Daily Example\n\nStorm floods the valley as rain keeps falling\n\n{below}\n\n"
    text += f"By Jane Doe\n\n{PARAGRAPH}\n"
    inspection = inspect_document(text, first_seen=SEEN)
    assert inspection.entry.title == "Storm floods the valley as rain keeps falling"
    assert inspection.entry.section == section
    if section is not None:
        assert "below the headline" in inspection.origins["section"]


@pytest.mark.parametrize(
    ("footer", "publisher"),
    [
        # A byline's affiliation, and the footer's search box.
        ("By Jane Doe | Example Times\n\n  • Search Example Times", "Example Times"),
        ("By Jane Doe, Example Times Staff\n\nBack to Example Times", "Example Times"),
        # The site's domain, in a reporter's address, spells the name its credit gives.
        ("Email Jane Doe at jane@exampletimes.com\n\n(Tom Hale/Example Times)\n\n"
         "Subscribe to the Example Times newsletter", "Example Times"),
        ("Phil Helsel is a reporter for Example Times.\n\nSource: Example Times", "Example Times"),
        ("Example Times > News > Weather\n\nExample Times Sitemap", "Example Times"),
        # A photographer is no site: "AP Photo/Tom Hale", "Photo/Tom Hale".
        ("(AP Photo/Tom Hale)\n\nFollow Tom Hale on Twitter", None),
        # The byline's person is no site, however often the page names her.
        ("About Jane Doe\n\nFollow Jane Doe on Twitter", None),
        ("Back to top\n\nSearch jobs", None),  # no name
        # w3m's nested menus: each level's "Back To Main Menu" names no site.
        ("□ Back To Main Menu\n\n☆ Back To Main Menu\n\n□ Back to Main Menu", None),
        # What only the site says of itself is not enough alone (a byline's, a search box's
        # or a "Source:" name was the site's on 7 of the 18 dev copies where it was all the
        # evidence of the name taken), with more it is (the first cases); what names others
        # as often is not: an embed's host, a photo's credit, a link back to a gallery.
        ("By Jane Doe | Example Times", None),
        ("  • Search Example Times", None),
        ("Source: Example Times", None),
        ("Watch on https://www.examplevideo.com/watch/123", None),
        ("(Tom Hale/Example Times)", None),
        ("Back to Gallery", None),
        ("About the Author\n\nAbout the Author", None),
        ("By Jane Doe, MA", None),  # a degree
        # A hosted blog's platform bar, "About me", a breadcrumb that starts with no name.
        ("WordPress.com logo\n\nWordPress.com logo", None),
        ("Über mich\n\nÜber mich", None),
        ("article > Politics\n\narticle > Politics", None),
        ("Updated November 15, 2019\n\nNovember 15, 2019", None),  # a date
        # A domain written bare counts as one in a link or an address does.
        ("Werbung auf landwirt.com\n\nKontakt: landwirt.com\n\nlandwirt.com Journal",
         "landwirt.com"),
        # a file's name, a hosted blog's platform, an encoded address's piece: no site
        ("pip install -r requirements.in\n\nrequirements.in\n\nsee requirements.in", None),
        ("Hosted by wordpress.com\n\nwordpress.com\n\nGet wordpress.com", None),
        ("cdn.net%2Fexampletimes.com%2Fa\n\ncdn.net%2Fexampletimes.com%2Fb\n\n"
         "cdn.net%2Fexampletimes.com%2Fc", None),
    ],
)  # fmt: skip
def test_the_publisher_from_bylines_credits_domains_and_breadcrumbs(
    footer: str, publisher: str | None
) -> None:
    inspection = inspect_document(_page(footer), first_seen=SEEN)
    assert inspection.entry.publisher == publisher


def test_a_menu_item_repeated_in_the_footer_is_not_the_publisher() -> None:
    """A name alone at the top and again at the bottom is a masthead, or a menu the footer
    repeats: how often the page names it then says nothing more."""
    top = "  • Login\n\nWeather\n\nSports\n\nOpinion"
    footer = "Weather\n\nSports\n\nWeather maps\n\nWeather alerts"
    assert normalise(_page(footer, top=top), first_seen=SEEN).publisher is None


@pytest.mark.parametrize(
    ("above", "publisher"),
    [
        # a lynx copy cut in a menu, then the site's masthead over its section: with its
        # domain (alone, such a name was a menu's or a section's on 41 of the 51 dev copies
        # where it was taken with nothing else)
        ("       o Sommer Outfit\n       o Herbst Outfit\n     * Kontakt\n\nMajkasWelt\n\n"
         "Fashion, Lifestyle und Travel Blog", None),
        ("       o Sommer Outfit\n       o Herbst Outfit\n     * Kontakt\n\nMajkasWelt\n\n"
         "Fashion, Lifestyle und Travel Blog\n\nwww.majkaswelt.com", "MajkasWelt"),
        ("     * Newsletter\n\n   EL PAÍS\n\n   Ciencia\n\n   CAMBIO CLIMÁTICO", None),
        # a menu's items, a byline's name alone: no site's name
        ("     * Newsletter\n\n   Local News\n\n   World", None),
        ("     * Newsletter\n\n   Jason Cipriani\n\n   November 18", None),
    ],
)  # fmt: skip
def test_the_publisher_is_the_masthead_over_the_headline_in_a_cut_copy(
    above: str, publisher: str | None
) -> None:
    text = f"{above}\n\nStorm floods the valley as rain keeps falling\n\n{PARAGRAPH}\n"
    assert normalise(text, first_seen=SEEN).publisher == publisher


@pytest.mark.parametrize(
    ("above", "section", "publisher"),
    [
        # a site's name as its address writes it, right above the headline: the site's
        ("     * Impeachment\n\n   TheHill.com", None, "TheHill.com"),
        # a name the page's domain spells (a link to example-times.com below): the site's
        ("     * Impeachment\n\n   Example Times", None, "Example Times"),
        # a file's name is no domain, a section's name no site
        ("     * Impeachment\n\n   README.md", "README.md", None),
        ("     * Impeachment\n\n   Politics", "Politics", None),
    ],
)  # fmt: skip
def test_a_site_over_the_headline_is_the_publisher_not_the_section(
    above: str, section: str | None, publisher: str | None
) -> None:
    text = f"{above}\n\nStorm floods the valley as rain keeps falling\n\nBy Jane Doe\n\n"
    text += f"{PARAGRAPH}\n\nMore at https://www.example-times.com/weather\n"
    entry = normalise(text, first_seen=SEEN)
    assert (entry.section, entry.publisher) == (section, publisher)


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("MoreBikes MoreBikes", "MoreBikes"),  # a logo's alt text, then its text
        ("vorangedacht.de vorangedacht.de vorangedacht.de", "vorangedacht.de"),
        # a logo's alt text with its word, and that run together again
        ("El Nuevo Herald Logo El Nuevo Herald Logo", "El Nuevo Herald"),
        ("Spontis LogoSpontis Logo Spontis LogoSpontis Logo", "Spontis"),
        ("Loading Loading", None),  # no site's name
        ("mini1 mini1", None),
        ("leer.gif leer.gif", None),  # an image's file
    ],
)
def test_a_name_twice_in_a_line_over_the_headline_is_the_sites(
    line: str, publisher: str | None
) -> None:
    text = f"     * Kontakt\n\n{line}\n\n     * Login\n\n"
    text += f"Storm floods the valley as rain keeps falling\n\nBy Jane Doe\n\n{PARAGRAPH}\n"
    assert normalise(text, first_seen=SEEN).publisher == publisher


@given(st.lists(st.text(alphabet="abcdefnorstuw/©» \u0130", max_size=30), max_size=12))
def test_the_lines_with_a_site_hint_are_found_in_one_look(lines: list[str]) -> None:
    """``_hinted`` finds the lines a hint is in as looking in each line for each does."""
    lowered = [text.lower() for text in lines]
    expected = {i for i, text in enumerate(lowered) if any(h in text for h in _SITE_HINTS)}
    assert _hinted(lowered) == expected


# A line each site pattern names a site on: none of them is searched in a line (in ASCII)
# without one of its words.
_SITE_LINES = {
    "logo": ["The Verge Logo", "[Acme_logo]"],
    "feed": ["#Site » Feed", "#Feed para Site » Feed", "#Site - Atom Site - RSS",
             "alternate alternate Site WordPress.com"],
    "about": ["About Acme News", "Welcome to Acme", "Über Acme", "À propos de Acme",
              "Sobre Acme", "Over Acme"],
    "newsletter": ["Sign up for the Acme Daily newsletter", "Acme's newsletters"],
    "follow": ["Follow Acme on Twitter", "Thank you for supporting Acme", "Back to Acme",
               "Continue to Acme", "Join Acme", "More from Acme"],
    "search": ["Search Acme News", "Read more at Acme", "Acme sitemap", "Acme media kit",
               "Search for articles and topics on Acme", "Cerca su Acme", "Suche auf Acme",
               "Buscar en Acme", "Rechercher sur Acme", "Zoeken op Acme"],
    "staff": ["Jane Doe is a reporter at Acme News", "Producer for Acme", "Acme Staff"],
    "credit": ["Javier Zarracina/Vox", "(Ellen M. Banner / The Seattle Times)"],
    "source": ["Source: Acme News", "Quelle: Acme", "Foto | fuente: Acme"],
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(_SITE_LINES))
def test_each_site_pattern_has_its_words(kind: str) -> None:
    patterns = [(pattern, needs) for k, pattern, needs in _SITE_PATTERNS if k == kind]
    for line in _SITE_LINES[kind]:
        matched = [needs for pattern, needs in patterns if pattern.search(line)]
        assert matched, line
        assert all(any(word in line.lower() for word in needs) for needs in matched), line


_PATTERN_WORDS = sorted({word for _, _, needs in _SITE_PATTERNS for word in needs})


@given(
    st.lists(
        st.sampled_from([*_PATTERN_WORDS, *(w.upper() for w in _PATTERN_WORDS), "Acme", "#",
                         "Jane Doe", "on", "at", "the", ":", "|", "'s", "s", " ", "  "]),
        max_size=8,
    ).map("".join),
    st.integers(0, 40),
)  # fmt: skip
def test_a_site_pattern_never_matches_without_its_words(line: str, cut: int) -> None:
    """A pattern that matches an ASCII line finds one of its words in it, lowercased (what
    ``named_sites`` looks for before it searches), whatever part of the line it is."""
    for text in (line, line[cut:], line[:cut]):
        if not text.isascii():
            continue
        for _, pattern, needs in _SITE_PATTERNS:
            if pattern.search(text):
                assert any(word in text.lower() for word in needs), (text, needs)


@pytest.mark.parametrize(
    ("top", "publisher"),
    [
        # a page's buttons and navigation, in more languages, are no site and no kicker (the
        # page's domain, on two lines, is)
        ("Zum Inhalt springen", "leukefeld-handball.de"),
        ("Navigation und Service", "leukefeld-handball.de"),
        ("  • Login\n\nWarenkorb", "leukefeld-handball.de"),
        ("Cookie Einstellungen", "leukefeld-handball.de"),
        # a name alone over the headline, the one the page's domain spells: the site's
        ("  • Login\n  • Sport\nLeukefeld Handball\n  • Kontakt", "Leukefeld Handball"),
    ],
)  # fmt: skip
def test_buttons_are_no_site_and_a_name_alone_needs_its_domain(
    top: str, publisher: str | None
) -> None:
    footer = "Mail: info@leukefeld-handball.de\n\nhttps://www.leukefeld-handball.de/kontakt"
    entry = normalise(_page(footer, top=top), first_seen=SEEN)
    assert entry.publisher == publisher
    assert entry.section is None


@pytest.mark.parametrize(
    ("top", "footer", "publisher"),
    [
        # a domain the text writes bare spells all of the name alone over the headline
        ("  • Login\nTwin Cities\n  • Kontakt", "Trending now on TwinCities.com", "Twin Cities"),
        ("  • Login\nThe Haitian Times\n  • Kontakt", "Tips: tips@thehaitiantimes.com",
         "The Haitian Times"),
        ("  • Login\nHelge.at\n  • Kontakt", "", "Helge.at"),  # the name is the domain
        # a domain spelling only its first words, or a link's address shown: not the site's
        # (the domain's own point goes to the name, which is enough then)
        ("  • Login\nFirefox Nightly News\n  • Kontakt", "Get it at firefox.com",
         "Firefox Nightly News"),
        ("  • Login\nwww.imago-images.de\n  • Kontakt", "", None),
    ],
)  # fmt: skip
def test_a_name_alone_over_the_headline_that_a_domain_spells_is_the_sites(
    top: str, footer: str, publisher: str | None
) -> None:
    assert normalise(_page(footer, top=top), first_seen=SEEN).publisher == publisher


def test_a_menu_item_alone_over_the_headline_is_not_the_publisher() -> None:
    """A name alone over the headline is a menu's item as often as the site's: how often the
    page names it gives it no points, nor does a credit-like ``Design/Development``."""
    top = "  • Login\nTravel Deals\n  • Kontakt"
    footer = "Travel Deals\n\n  • Travel Deals\n\n  • Travel Deals\n\nDesign/Development"
    assert normalise(_page(footer, top=top), first_seen=SEEN).publisher is None


@pytest.mark.parametrize(
    ("top", "publisher"),
    [
        # a blog's feed links, as lynx draws its head
        ("#Python Insider - Atom Python Insider - RSS Python Insider - Atom", "Python Insider"),
        ("#Krimiblog-Archiv RSS Feed Krimiblog-Archiv Atom Feed", "Krimiblog-Archiv"),
        ("kfr2010 alternate alternate Weselpower's Blog WordPress.com", "Weselpower's Blog"),
        ("alternate Das Mitternachtskabinett WordPress.com", "Das Mitternachtskabinett"),
        ("#RSS 2.0 RSS .92 Atom 0.3 Die Wahrheit", None),  # the feeds' formats: no name
    ],
)  # fmt: skip
def test_the_publisher_from_a_blogs_feed_links(top: str, publisher: str | None) -> None:
    page = _page("", top=f"{top}\n\n  • Login\n  • News\n  • Sport")
    assert normalise(page, first_seen=SEEN).publisher == publisher


@pytest.mark.parametrize(
    ("byline", "publisher", "authors"),
    [
        ("von Die Tagespresse", "Die Tagespresse", ("Die Tagespresse",)),
        ("By The Valley Press", "The Valley Press", ("The Valley Press",)),
        # a person, a wire agency, a desk: no site
        ("By Jane Doe", None, ("Jane Doe",)),
        ("By The Associated Press", None, None),
        ("By The Editorial Board", None, None),
    ],
)  # fmt: skip
def test_a_site_that_signs_its_own_articles_is_the_publisher(
    byline: str, publisher: str | None, authors: tuple[str, ...] | None, monkeypatch: Any
) -> None:
    """The byline is the site's evidence (what the scorer weighs: alone it is not enough, a
    byline's name was the site's on 4 of the 11 dev copies where it was all the evidence)."""
    weighed: list[tuple[str, str, str]] = []

    def best_site(sites: Any, chrome: str) -> Any:
        weighed.extend(sites)
        return site_scores.best_site(sites, chrome)

    monkeypatch.setattr(masthead, "best_site", best_site)
    text = f"  • Login\n\nStorm floods the valley as rain keeps falling\n\n{byline}\n\n"
    entry = normalise(f"{text}{PARAGRAPH}\n\n{PARAGRAPH}\n", first_seen=SEEN)
    signed = [name for name, kind, _ in weighed if kind == "byline"]
    assert signed == ([publisher] if publisher is not None else [])
    if authors is not None:
        assert entry.authors == authors


def test_a_breadcrumb_s_last_item_may_be_the_article_s_title_worded_otherwise() -> None:
    """``1. Express`` / ``2. Düsseldorf`` / ``3. Düsseldorf ISS Dome: Peta erstattet Anzeige
    wegen toten Tauben`` over the headline ``Düsseldorf: Tote Tauben im ISS Dome gefunden``."""
    dates = Dates(DateContext(UTC, reference=SEEN))
    items = ["1. Express", "2. Düsseldorf", "3. Storm in the valley: the water keeps rising"]
    before = [Line(text, number) for number, text in enumerate(items, start=10)]
    found = breadcrumb(before, [], HEADLINE, dates)
    assert found is not None
    assert found[0] == "Düsseldorf"
    # a list of two whose last is long is no breadcrumb: its root alone would be left
    two = [Line("1. Express", 10), Line("2. Storm in the valley: the water keeps rising", 11)]
    assert breadcrumb(two, [], HEADLINE, dates) is None


@pytest.mark.parametrize(
    ("line", "section"),
    [
        # a chain of links with bars that ends with the headline (its start, as the line's
        # end cuts it): the part before it
        ("Our Blog | Posts | Weather | Storm floods the valley as", "Weather"),
        ("Weather | Storm floods the valley as", None),  # a title's suffix, not a chain
        ("Home | Weather | Contact", None),  # a menu
    ],
)
def test_a_chain_with_bars_to_the_headline_names_its_section(
    line: str, section: str | None
) -> None:
    dates = Dates(DateContext(UTC, reference=SEEN))
    found = breadcrumb([Line(line, 10), Line("Updated", 11)], [], HEADLINE, dates)
    assert (found[0] if found else None) == section


@pytest.mark.parametrize(
    ("line", "section"),
    [
        # a chain with arrows to the headline (its start, as the line's end cuts it)
        ("Home → Notizie dal mondo vegan → Storm floods the valley", "Notizie dal mondo vegan"),
        ("Home → Weather → Storm floods the valley as rain keeps falling", "Weather"),
        # the next post's link, one arrow: no chain, and no kicker
        ("Heavy rain again in the north Radio/TV →", None),
    ],
)
def test_a_chain_with_arrows_to_the_headline_names_its_section(
    line: str, section: str | None
) -> None:
    dates = Dates(DateContext(UTC, reference=SEEN))
    before = [Line(line, 10)]
    found = breadcrumb(before, [], HEADLINE, dates) or kicker(before, HEADLINE, [], dates)
    assert (found[0] if found else None) == section


@pytest.mark.parametrize(
    ("above", "root"),
    [
        # an <ol> breadcrumb as a text renderer draws it: its first item names the site
        (["    1. ComputerBase", "    2. Internet"], "ComputerBase"),
        (["  * Login", "1. Real Simple", "2. Home Organizing", "3. Gardening"], "Real Simple"),
        # its home page's word, a word in lower case, a list of one item: no site
        (["    1. Home", "    2. Politik"], None),
        (["    1. accounting", "    2. advocacy"], None),
        (["    1. Example Times", "", "   Weather"], None),
    ],
)  # fmt: skip
def test_an_ordered_breadcrumbs_first_item_names_the_site(
    above: list[str], root: str | None
) -> None:
    lines = [Line(" ".join(text.split()), number) for number, text in enumerate(above, 1)]
    found = _numbered_root(lines)
    assert (found[0] if found is not None else None) == root


@pytest.mark.parametrize(
    ("top", "section"),
    [
        ("Business", "Business"),  # a section's words: a kicker, though the copy starts with it
        ("Daily Example", None),  # a site's name
    ],
)
def test_a_kicker_on_the_copy_s_first_line_is_the_section_if_no_site_s(
    top: str, section: str | None
) -> None:
    text = f"{top}\n\n{HEADLINE}\n\nBy Jane Doe\n\n{PARAGRAPH}\n"
    assert normalise(text, first_seen=SEEN).section == section


@pytest.mark.parametrize(
    ("menu", "named"),
    [
        # the site's pages on two networks or more: the site's own chrome
        (["* Facebook Los Andes", "* Twitter Los Andes", "* Instagram Los Andes"], ["Los Andes"]),
        # one network, or a button's word: no site
        (["* Facebook Los Andes", "* Kontakt"], []),
        (["* Facebook Share", "* Twitter Share"], []),
        (["* Facebook Btn", "* Twitter Btn"], []),
    ],
)  # fmt: skip
def test_the_sites_pages_on_the_networks_name_it(menu: list[str], named: list[str]) -> None:
    lines = [(text, number) for number, text in enumerate(menu, 1)]
    found = [name for name, kind, _ in named_sites(lines) if kind == "follow"]
    assert found == named


@given(st.text(alphabet="InUdErPoStFlIBhy /:,|•", max_size=40))
def test_a_line_without_a_filing_word_cannot_match_the_category_pattern(text: str) -> None:
    """``filed_under`` skips an ASCII line ``_may_file`` rules out: ``_FILED`` would not
    have matched it."""
    from feedpub.extract import sections

    if sections._FILED.search(text) is not None:
        assert sections._may_file(text.lower())


class _Counted:
    """A compiled pattern that counts the calls of its methods."""

    def __init__(self, pattern: Any) -> None:
        self.pattern, self.calls = pattern, 0

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.pattern, name)

        def counted(*args: Any) -> Any:
            self.calls += 1
            return method(*args)

        return counted


def test_prose_under_the_headline_is_not_searched_for_a_category_or_crumbs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A paragraph's line under the headline has no breadcrumb's mark and no filing word:
    the category's, the breadcrumb's and the crumbs' patterns are not run over it."""
    from feedpub.extract import sections

    dates = Dates(DateContext(UTC, reference=SEEN))
    filed, split, marks = (
        _Counted(sections._FILED),
        _Counted(sections._BREADCRUMB_SPLIT),
        _Counted(sections._CRUMB_MARK),
    )
    monkeypatch.setattr(sections, "_FILED", filed)
    monkeypatch.setattr(sections, "_BREADCRUMB_SPLIT", split)
    monkeypatch.setattr(sections, "_CRUMB_MARK", marks)
    prose = [Line(PARAGRAPH, 3)]
    assert sections.filed_under(prose, "Storm floods the valley", dates) is None
    assert breadcrumb([], prose, "Storm floods the valley", dates) is None
    assert (filed.calls, split.calls, marks.calls) == (0, 0, 0)
    posted = [Line("Posted in Weather", 3)]
    assert sections.filed_under(posted, "Storm floods the valley", dates) == (
        "Weather", 3, "the category",
    )  # fmt: skip
    assert filed.calls == 1


@given(st.lists(st.text(alphabet="ab-.cmo0\u0130\u212a\n _", max_size=20), max_size=8))
def test_the_domains_are_looked_for_on_the_lines_with_a_dot_and_letters(texts: list[str]) -> None:
    """``_domain_labels`` finds what the pattern finds over the whole text, though it
    searches only the lines with a dot and two letters (``_DOT_LETTERS``): every domain has
    them, and none spans lines."""
    joined = "\n".join(texts).lower()
    found = masthead._DOMAIN_LABEL.findall(joined)
    assert all(masthead._DOT_LETTERS.search(f"{label}.{top}") for label, top in found)
    shown = masthead._FILE_TYPES
    expected = frozenset(label.replace("-", "") for label, top in found if top not in shown)
    assert masthead._domain_labels(texts) == expected


def test_a_paragraph_is_not_searched_for_a_domain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Prose without a domain's dot and letters is not run through the domain pattern."""
    counted = _Counted(masthead._DOMAIN_LABEL)
    monkeypatch.setattr(masthead, "_DOMAIN_LABEL", counted)
    searched: list[str] = []
    findall = counted.findall
    monkeypatch.setattr(counted, "findall", lambda text: searched.append(text) or findall(text))
    assert masthead._domain_labels([PARAGRAPH, "Read more on TheVerge.com", PARAGRAPH]) == {
        "theverge"
    }
    assert searched == ["read more on theverge.com"]


def test_the_site_lines_are_the_short_ones_lowercased() -> None:
    """``named_sites`` reads no line longer than ``_SITE_LINE_MAX``: those are left blank,
    neither lowercased nor looked through for the hints."""
    long = "Copyright " + "x" * _SITE_LINE_MAX
    assert _site_lines([("© 2024 Daily Planet", 1), (long, 2), ("", 3)]) == [
        "© 2024 daily planet",
        "",
        "",
    ]
    assert named_sites([(long, 1)]) == []


_TWICE_PAGE = (
    "Zum Inhalt springen\n\nIcon Startseite Icon Startseite\n\nIcon Login Icon Login\n\n"
    "Icon Shop Icon Shop\n\nStorm floods the valley as rain keeps falling\n\n"
)


def test_names_said_twice_over_the_headline_tie_to_the_first_whatever_the_hashing() -> None:
    """Names said twice over the headline that tie go to the topmost, in every process: their
    order was a set's, so the publisher changed with ``PYTHONHASHSEED`` (three answers in
    eight seeds before)."""
    code = (
        "import sys; from datetime import UTC, datetime; from feedpub import normalise; "
        "print(normalise(sys.argv[1], first_seen=datetime(2024, 1, 1, tzinfo=UTC)).publisher)"
    )
    text = _TWICE_PAGE + f"{PARAGRAPH}\n\n{PARAGRAPH}\n"
    answers = {
        subprocess.run(
            [sys.executable, "-c", code, text],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout.strip()
        for seed in range(8)
    }
    assert answers == {"Icon Startseite"}


@given(st.text(alphabet="©&(;)cCoOpPyYrRiIİıgGhHtT _é1", max_size=20))
def test_the_copyright_mark_is_found_where_its_pattern_as_written_finds_it(text: str) -> None:
    """``sitenames._COPYRIGHT`` opens with a set of characters (a search skips to them) and
    matches where ``©|&copy;|\\(c\\)|\\bcopyright\\b`` ignoring case does, the same span."""
    written = re.compile(r"©|&copy;|\(c\)|\bcopyright\b", re.IGNORECASE)
    assert sitenames._COPYRIGHT.pattern.startswith("[©&(cC]")
    found, expected = sitenames._COPYRIGHT.search(text), written.search(text)
    assert (found and found.span()) == (expected and expected.span())
    assert sitenames._COPYRIGHT.sub(" ", text) == written.sub(" ", text)
