"""The publisher of a scraped article: the name with the most evidence, each kind of evidence
that ``sitenames`` and ``masthead`` find counted per name over the page and weighed by a
linear scorer whose weights are data (``site_weights``, fitted by ``tools/fit_sites.py`` on
the text corpus's development part and tests/data's labelled texts) (pure).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .site_weights import WEIGHTS
from .sitenames import is_domain, site_key

__all__ = ["FEATURES", "KINDS", "best_site", "candidates", "spells"]


# The places a page names its site in (``sitenames.named_sites`` and ``masthead``): the
# evidence for a name is counted over the page, so one that the header, the footer's
# copyright line and the headline's suffix all give wins over a menu item.
KINDS = (
    "suffix",  # "Headline - Site", "Headline | Section | Site"
    "logo",  # "Site logo", "[Site-logo]"
    "copyright",  # "© 2024 Site. All rights reserved."
    "feed",  # "Site » Feed", the feed links a lynx dump starts with
    "header",  # the line right above a headline at the top (a reader view's site)
    "first",  # that line, when it is the text's first (a lynx copy's cut may start anywhere)
    "masthead",  # the topmost name alone in its block just above the headline
    "top",  # the name-like line the page's chrome starts with
    "about",  # "About Site", "Welcome to Site"
    "newsletter",  # "Subscribe to the Site newsletter", "Site Newsletter"
    "staff",  # "Senior editor at Site", "a reporter for the Site", "Site Staff"
    "search",  # "Search Site", "Read more on Site", "Site Sitemap", "Site Media Kit"
    "byline",  # "By Jane Doe | Site", "By Jane Doe, Site.com"
    "crumb",  # "Site > News > Politics": a breadcrumb's root
    "source",  # "Source: Site"
    "domain",  # "jane@site.com", "https://www.site.com/news/...": the site's domain
    "follow",  # "Follow Site", "More from the Site", "Subscribe to Site"
    "phrase",  # "Site on Facebook", "Get Site delivered to your inbox", "Site homepage"
    "repeated",  # a line that is the name alone, twice or more (a masthead, a footer)
    "twice",  # "Site Site": a logo's text beside its image's alt text
    "credit",  # "Jane Doe / Site", a photo's credit
    "alone",  # a name alone on its line over the headline (a menu item as often)
    "spelled",  # that name, spelled by a domain the page names (a link, "Site.com")
)
FEATURES = (
    *(f"kind {kind}" for kind in KINDS),
    "mentions",  # further lines of the chrome naming it (at most _MENTIONS)
    "mentions, weak evidence only",  # the same for a name only weak evidence gives
    "specific",  # a byline, a staff line, "Source:" or the search box gives it
    "alone nearest",  # the name alone nearest over the headline
    "alone topmost",  # the topmost of several names alone over the headline (a masthead's)
    "alone lines",  # how many names stand alone over the headline (a menu's, often)
    "one word",
    "capitals",  # "CNET", "EL PAÍS": a logotype
    "bias",  # every candidate: "none of them" scores 0
)
_MENTIONS = 4
# The evidence whose names are not counted for how often the chrome names them with the
# others: a menu's item is repeated and named often, and a phrase's name ("Follow X on
# Facebook") is often a network's, a person's or a product's that the chrome names as often.
_WEAK = frozenset(("repeated", "domain", "alone", "spelled", "phrase"))
# What only a site says of itself (its search box, its staff's bylines and roles, "Source:");
# a domain, a credit or a copyright line names others as often (an embed's host, a
# photographer's agency, the owner).
_SPECIFIC = frozenset(("byline", "staff", "source", "search"))


def score(features: dict[str, float]) -> float:
    """A candidate's score (``WEIGHTS``); "none of them" scores 0."""
    return sum(WEIGHTS[name] * value for name, value in features.items())


def candidates(
    sites: Sequence[tuple[str, str, str]], chrome: str
) -> list[tuple[str, str, dict[str, float]]]:
    """(name, where, features) of each name ``sites`` (name, kind, where) give, the name as
    its weightiest evidence writes it; a domain's evidence goes to the name it spells
    (``theguardian.com`` to ``The Guardian``, ``businessinsider.de`` to ``Business Insider
    Deutschland``), else it is a candidate of its own."""
    counts: dict[tuple[str, ...], dict[str, float]] = {}
    first: dict[tuple[str, ...], tuple[str, float, str]] = {}
    kinds: dict[tuple[str, ...], set[str]] = {}
    alone = [site_key(name) for name, kind, _ in sites if kind == "alone"]
    for name, kind, where in sites:
        key = site_key(name)
        features = counts.setdefault(key, {"bias": 1.0})
        features[f"kind {kind}"] = features.get(f"kind {kind}", 0.0) + 1.0
        kinds.setdefault(key, set()).add(kind)
        # a domain's form only when nothing else names it ("Leukefeld Handball" alone over
        # the headline, not "leukefeld-handball.de"; "TechDaily" from the headline's suffix,
        # not "techdaily.com" over it)
        rank = WEIGHTS[f"kind {kind}"] - (1e9 if kind == "domain" or is_domain(name) else 0)
        if key not in first or rank > first[key][1]:
            first[key] = (name, rank, where)
    folded = chrome.casefold()
    for key, features in counts.items():
        name = first[key][0]
        if kinds[key] & _SPECIFIC:
            features["specific"] = 1.0
        words = name.split()
        if len(words) == 1:
            features["one word"] = 1.0
        if name.isupper() and sum(c.isalpha() for c in name) > 1:
            features["capitals"] = 1.0
        if alone:
            features["alone lines"] = float(len(alone))
            if alone[0] == key:
                features["alone nearest"] = 1.0
            if len(alone) > 1 and alone[-1] == key:
                features["alone topmost"] = 1.0
        needle = name.casefold()
        if folded.count(needle) < 2:
            continue  # one mention at most: no more points (and no pattern to compile)
        mentions = len(re.findall(rf"(?<!\w){re.escape(needle)}(?!\w)", folded))
        which = "mentions, weak evidence only" if kinds[key] <= _WEAK else "mentions"
        features[which] = float(min(max(mentions - 1, 0), _MENTIONS))
    for key in [k for k in counts if kinds[k] == {"domain"}]:
        into = [k for k in counts if spells(key, k)]
        if into:
            best = max(into, key=lambda k: score(counts[k]))
            merged = counts[best]
            merged["kind domain"] = merged.get("kind domain", 0.0) + counts[key]["kind domain"]
            del counts[key]
    return [(first[key][0], first[key][2], features) for key, features in counts.items()]


def best_site(sites: Sequence[tuple[str, str, str]], chrome: str) -> tuple[str, str] | None:
    """(name, where) of the candidate (``candidates``) scoring most, if it scores 0 or more."""
    found = candidates(sites, chrome)
    if not found:
        return None
    name, where, features = max(found, key=lambda c: score(c[2]))
    return (name, where) if score(features) >= 0 else None


def spells(domain: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether a domain spells another name or its first words (``theguardian`` for ``The
    Guardian``, ``businessinsider`` for ``Business Insider Deutschland``)."""
    letters = "".join(domain)
    return name != domain and any(
        letters in ("".join(name[:i]), "the" + "".join(name[:i])) for i in range(1, len(name) + 1)
    )
