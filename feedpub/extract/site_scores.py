"""The publisher of a scraped article: the name with the most evidence, each kind of evidence
that ``sitenames`` and ``masthead`` find weighed and summed per name over the page (pure).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .sitenames import site_key

__all__ = ["best_site", "spells"]


# How much each place a page names its site in says that it is the site's name: the evidence
# for a name is summed over the page, so one that the header, the footer's copyright line and
# the headline's suffix all give wins over a menu item. Measured on the text corpus's
# development part (tools/text_accuracy.py, docs/accuracy.md).
_WEIGHTS = {
    "suffix": 3.0,  # "Headline - Site", "Headline | Section | Site"
    "logo": 2.5,  # "Site logo", "[Site-logo]"
    "copyright": 1.5,  # "© 2024 Site. All rights reserved."
    "feed": 2.5,  # "Site » Feed", the feed links a lynx dump starts with
    "header": 3.0,  # the line right above a headline at the top (a reader view's site)
    "first": 2.0,  # that line, when it is the text's first (a lynx copy's cut may start anywhere)
    "masthead": 2.0,  # the topmost name alone in its block just above the headline
    "top": 1.5,  # the name-like line the page's chrome starts with
    "about": 1.5,  # "About Site", "Welcome to Site"
    "newsletter": 1.0,  # "Subscribe to the Site newsletter", "Site Newsletter"
    "staff": 1.0,  # "Senior editor at Site", "a reporter for the Site", "Site Staff"
    "search": 1.0,  # "Search Site", "Read more on Site", "Site Sitemap", "Site Media Kit"
    "byline": 1.5,  # "By Jane Doe | Site", "By Jane Doe, Site.com"
    "crumb": 1.5,  # "Site > News > Politics": a breadcrumb's root
    "source": 1.0,  # "Source: Site"
    "domain": 0.75,  # "jane@site.com", "https://www.site.com/news/...": the site's domain
    "follow": 1.0,  # "Follow Site", "More from the Site", "Subscribe to Site"
    "phrase": 1.0,  # "Site on Facebook", "Get Site delivered to your inbox", "Site homepage"
    "repeated": 1.0,  # a line that is the name alone, twice or more (a masthead, a footer)
    "twice": 2.0,  # "Site Site": a logo's text beside its image's alt text
    "credit": 0.75,  # "Jane Doe / Site", a photo's credit
    "alone": 0.5,  # a name alone on its line over the headline (a menu item as often)
    "mention": 0.5,  # each further line naming it (at most _MENTIONS)
}
_MENTIONS = 4
# The evidence whose names get no points for how often the chrome names them: a menu's item
# is repeated and named often, and a phrase's name ("Follow X on Facebook") is often a
# network's, a person's or a product's that the chrome names as often; such a name needs
# its own evidence twice (or other evidence beside it).
_UNMENTIONED = frozenset(("repeated", "domain", "alone", "phrase"))
# What only a site says of itself (its search box, its staff's bylines and roles, "Source:"):
# a name one of these gives needs less evidence; a domain, a credit or a copyright line names
# others as often (an embed's host, a photographer's agency, the owner).
_SPECIFIC = frozenset(("byline", "staff", "source", "search"))
_SITE_MIN_SPECIFIC = 1.0
_SITE_MIN = 2.0  # the least evidence for a publisher


def best_site(sites: Sequence[tuple[str, str, str]], chrome: str) -> tuple[str, str] | None:
    """(name, where) of the name with the most evidence (``sites``: name, kind, where; and
    how often the page's ``chrome`` names it), if it has enough.

    A domain's evidence goes to the name it spells (``theguardian.com`` to ``The Guardian``,
    ``businessinsider.de`` to ``Business Insider Deutschland``).
    """
    if not sites:
        return None
    scores: dict[tuple[str, ...], float] = {}
    first: dict[tuple[str, ...], tuple[str, float, str]] = {}
    kinds: dict[tuple[str, ...], set[str]] = {}
    for name, kind, where in sites:
        key, weight = site_key(name), _WEIGHTS[kind]
        scores[key] = scores.get(key, 0.0) + weight
        kinds.setdefault(key, set()).add(kind)
        # the name as the weightiest evidence writes it; a domain's only when nothing else
        # names it ("Leukefeld Handball" alone over the headline, not "leukefeld-handball.de")
        rank = weight if kind != "domain" else -1.0
        if key not in first or rank > first[key][1]:
            first[key] = (name, rank, where)
    folded = chrome.casefold()
    for key, site in first.items():
        if kinds[key] <= _UNMENTIONED:
            continue  # a menu item is repeated and named often: its repetition is its evidence
        needle = site[0].casefold()
        if folded.count(needle) < 2:
            continue  # one mention at most: no more points (and no pattern to compile)
        mentions = len(re.findall(rf"(?<!\w){re.escape(needle)}(?!\w)", folded))
        scores[key] += _WEIGHTS["mention"] * min(max(mentions - 1, 0), _MENTIONS)
    for key in [k for k in scores if kinds[k] == {"domain"}]:
        into = [k for k in scores if spells(key, k)]
        if into:
            best = max(into, key=scores.__getitem__)
            scores[best] += scores.pop(key)
    key = max(scores, key=scores.__getitem__)
    specific = bool(kinds[key] & _SPECIFIC)
    if scores[key] < (_SITE_MIN_SPECIFIC if specific else _SITE_MIN):
        return None
    name, _, where = first[key]
    return name, where


def spells(domain: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether a domain spells another name or its first words (``theguardian`` for ``The
    Guardian``, ``businessinsider`` for ``Business Insider Deutschland``)."""
    letters = "".join(domain)
    return name != domain and any(
        letters in ("".join(name[:i]), "the" + "".join(name[:i])) for i in range(1, len(name) + 1)
    )
