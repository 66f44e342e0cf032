"""Junk in scraped articles (feedpub.extract.junk; where an article ends is in
tests/test_article_end.py).

The junk lines are issue 13's examples and what real pages saved as text carry (menus,
share rows, footers, cookie and newsletter notices, comments, teasers), in the five
languages; the body lines are sentences that merely start like junk.
"""

from __future__ import annotations

import pytest

from feedpub.extract.junk import (
    is_caption,
    is_comment_prompt,
    is_credited,
    is_junk,
    is_junk_line,
)

JUNK = [
    # issue 13
    "Continue reading...",
    "Copyright 2025 The Associated Press. All rights reserved.",
    "Get Sky News on WhatsApp",
    "Tweet",
    "Pin it",
    "Labels: announcements",
    "No comments:",
    "Meer uit Binnenland",
    "Mehr News",
    "___",
    "(AP Photo)",
    "(©(AP PHOTO/RODRIGO ABD)",
    "Jetzt Tagesspiegel Plus testen",
    "Subscribe to continue reading",
    "Already a subscriber? Log in",
    "— Jane Doe (@janedoe) December 5, 2023",
    "Our new offices are open pic.twitter.com/AbC123xyz",
    # whole-page dumps: share rows, tags, comments, footers, notices
    "Share this:",
    "Like this:",
    "Click to share on Twitter (Opens in new window)",
    "Email Twitter Facebook fb-messenger",
    "Pinterest Linked in Tumblr Reddit Facebook Messenger",
    "Tags: politics, europe",
    "Posted in News",
    "Filed under: Politics",
    "3 Comments",
    "Leave a Reply",
    "We use cookies to give you the best experience on our website.",
    "Accept all cookies",
    "Sign up for our newsletter",
    "Related articles",
    "You might also like",
    "© 2024 Le Monde",
    # German, French, Spanish, Dutch
    "Mehr zum Thema",
    "Alle Rechte vorbehalten.",
    "Diese Website verwendet Cookies.",
    "Lire la suite",
    "Suivez-nous sur Twitter",
    "Tous droits réservés",
    "Plus d'actualités",
    "Seguir leyendo",
    "Lo más leído",
    "Todos los derechos reservados.",
    "Lees verder",
    "Meest gelezen",
    "Alle rechten voorbehouden",
    # a video player's controls, as lynx shows them
    "Play Video",
    "Mute",
    "Current Time 0:00",
    "Duration Time 0:00",
    "Loaded: 0%",
    "This is a modal window.",
    # what lynx and w3m dumps keep around an article
    "Media caption Mr Obama told the BBC that gun control was his biggest frustration",
    "Image copyright Getty Images",
    "Main article: Hermitian matrix",
    "Getty",
    "Advertising",
    "Sharing is caring!",
    "12 Shares",
    "Copied!",
    "Close",
    "Image 2 of 5",
    "Read Later",
    "#ad #donvictorhoney #honeyforholidays #canning",
    "10 thoughts on “Business Focus: It’s Why Some People Triumph Online and",
    'One Response to "Council votes for new cycle lanes"',
]

BODY = [
    "More from the minister came later, officials said, as talks continued into the night.",
    "Copyright law was changed in 2019 after a long campaign by writers and musicians.",
    "The tweet was deleted on Monday, the company said in a statement.",
    "Related: shares in two lenders rose later in the day after the announcement.",
    "Tags on the cattle showed that they had been moved across the border twice.",
    "The photo (taken in 1962) shows the harbour before the new quay was built.",
    "Cookies and cakes were sold at the fair to raise money for the school roof.",
    "Close to 200 people came to the meeting at the town hall on Thursday evening.",
    "Shares in the company fell by a third after the warning, the steepest drop in years.",
    "Main roads will be closed for the race, the council said.",
    "One thought on the matter came from the mayor, who said the lanes would stay.",
]


@pytest.mark.parametrize("line", JUNK)
def test_junk(line: str) -> None:
    assert is_junk(line)


@pytest.mark.parametrize("line", BODY)
def test_body_that_starts_like_junk(line: str) -> None:
    assert not is_junk(line)
    assert not is_junk_line(f"* {line}")


@pytest.mark.parametrize("line", ["* Login", "• Home", "  + Share", "1. Advertisement"])
def test_a_list_item_is_junk_in_a_body(line: str) -> None:
    assert is_junk_line(line.strip())
    assert not is_junk(line.strip())


@pytest.mark.parametrize(
    ("text", "caption"),
    [
        ("A woman walks past a mural in Lima, Peru, Monday, Nov. 27, 2023. (AP Photo/Rodrigo Abd)",
         True),
        ("Protesters gather outside parliament. (©(AP PHOTO/RODRIGO ABD)", True),
        ("Firefighters at the scene on Sunday (Photo: Reuters)", True),
        ("Die Feuerwehr am Sonntag (Foto: dpa)", True),
        ("The ministry said the figures (see chart) were provisional.", False),
        ("The council met on Monday (its third meeting this month).", False),
    ],
)  # fmt: skip
def test_caption(text: str, caption: bool) -> None:
    assert is_caption(text) == caption


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("experience in smallsats for its small lunar landers. Credit: Tyvak", True),
        ("people from Inner Mongolia sought treatmentCredit: EPA", True),
        ("India. Air pollution is once again surging. Sanjeev Verma/Hindustan Times/Getty Images",
         True),
        ("lift the order hours later.Ezra Acayan / Getty Images", True),
        ("A woman walks past a mural in Lima, Peru. (AP Photo/Rodrigo Abd)", True),
        ("The agency said 24/7 cover would cost more, according to Reuters.", False),
        ("The figures were provided by Reuters and Getty Images on Monday.", False),
        ("The council met on Monday (its third meeting this month).", False),
    ],
)  # fmt: skip
def test_credited(text: str, credited: bool) -> None:
    assert is_credited(text) == credited


@pytest.mark.parametrize(
    ("line", "prompt"),
    [
        ("You must login or create an account to comment.", True),
        ("Please enable JavaScript to view the comments powered by Disqus.", True),
        ("Comments are closed.", True),
        ("Devi essere connesso per inviare un commento.", True),
        ("Sie müssen angemeldet sein, um einen Kommentar zu schreiben.", True),
        ("The council declined to comment on the plans.", False),
        ("She did not respond to a request for comment before the vote on Tuesday.", False),
    ],
)
def test_comment_prompt(line: str, prompt: bool) -> None:
    assert is_comment_prompt(line) is prompt
