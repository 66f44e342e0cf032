"""The publisher of a scraped article: the names a page gives its own site in its chrome
(a logo, a copyright line, feed links, "About Site", a newsletter, its staff's bylines and
roles, a breadcrumb's root, its domain, a name alone at the top and the bottom), each kind of
as the page says them (pure). ``masthead`` adds the headline's suffix and the lines above the
headline; ``site_scores`` weighs the evidence, summed per name, and takes the best.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from .bylines import BYLINE, byline_authors
from .candidates import BULLET
from .names import AGENCY_NAME, ORGANISATION
from .site_phrases import PHRASE_HINTS, phrase_names
from .site_shape import ARTICLES, ASSET, YEARS, is_domain, is_site, site_key, site_name

__all__ = ["crumb_site", "is_domain", "is_site", "named_sites", "site_key", "site_name", "twice"]


_SITE_LINE_MAX = 200  # characters: a line naming a site is short
_REPEATED_MAX = 50  # characters: a repeated line this short may be the site's name alone

# ``©|&copy;|\(c\)|\bcopyright\b`` ignoring case, spelled to open with a set of characters (a
# search then skips to them instead of trying the pattern at every character; ignoring case
# would forbid it): each letter as the characters that match it ignoring case (``i``: also
# ``İ`` and ``ı``), the ``\b`` before ``copyright`` a look behind its ``c``.
_COPYRIGHT = re.compile(
    r"[©&(cC](?:(?<=©)|(?<=&)[cC][oO][pP][yY];|(?<=\()[cC]\)"
    r"|(?<=[cC])(?<!\w[cC])[oO][pP][yY][rR][iIİı][gG][hH][tT]\b)"
)
_RIGHTS = re.compile(
    r"\b(?:all|some) rights reserved.*|\balle rechte vorbehalten.*|\btous droits réservés.*"
    r"|\b(?:todos los )?derechos reservados.*|\balle rechten voorbehouden.*|\bpowered by\b.*",
    re.IGNORECASE,
)
_PARTS = re.compile(r"\s*(?:[|•·;®™]|\.(?:\s|$)|,\s|\s[-–—]\s)\s*")
# (kind, pattern, its words): a line the pattern matches has one of its words, lowercased,
# so a line in ASCII without any is not searched (see named_sites).
_SITE_PATTERNS = (
    ("logo", re.compile(r"^\[?(?P<name>[^\[\]]{2,40}?)[ _-][Ll]ogo\b"), ("logo",)),
    (
        "feed",
        re.compile(  # "#Site » Feed", "#publisher Site » Feed", "#Feed para Site » Feed"
            r"^#(?:(?:publisher|alternate)\s+)?(?:(?:feed|rss)\s+(?:para|for|de|von|pour)\s+)?"
            r"(?P<name>[^»#]{2,50}?)\s+»\s+(?:\w+\s+)?(?:feed|rss|comments)\b",
            re.IGNORECASE,
        ),
        ("»",),
    ),
    (
        "feed",  # "#Site - Atom Site - RSS", "#Site RSS (2.0) Feed": a blog's feed links
        re.compile(
            r"^#(?:alternate\s+)?(?!(?:rss|atom)\b)(?P<name>[^»#]{2,50}?)"
            r"\s+(?:-\s+)?(?:atom|rss)\b",
            re.IGNORECASE,
        ),
        ("atom", "rss"),
    ),
    (
        "feed",  # "alternate alternate Site WordPress.com": a hosted blog's head links
        re.compile(r"^(?:\S+\s+)?(?:alternate\s+)+(?P<name>[^»#]{2,50}?)\s+WordPress\.com$"),
        ("wordpress.com",),
    ),
    (
        "about",
        re.compile(r"^(?:about|welcome to|über|à propos de|sobre|over)\s+(?P<name>.+)$", re.I),
        ("about", "welcome", "über", "à propos", "sobre", "over"),
    ),
    (
        "newsletter",
        re.compile(
            r"^(?:(?:subscribe to|sign up for|get|join)\s+(?:the\s+)?)?(?P<name>.+?)(?:['’]s)?"
            r"\s+(?:daily\s+)?newsletters?\W*$",
            re.IGNORECASE,
        ),
        ("newsletter",),
    ),
    (
        "follow",
        re.compile(
            r"^(?:follow|subscribe to|more from|thank you for supporting|support|join|back to"
            r"|continue to)\s+(?-i:the\s+)?(?!(?:main\s+)?menu\W*$)"  # "Back To Main Menu"
            r"(?P<name>(?-i:[A-Z0-9])[^.!?]{1,39}?)"
            r"(?:\s+(?:on|via|and|by)\b.*)?\W*$",
            re.IGNORECASE,
        ),
        (
            "follow",
            "subscribe",
            "more from",
            "thank you",
            "support",
            "join",
            "back to",
            "continue to",
        ),
    ),
    (
        "search",  # what only the site's own chrome says: its search box, its site map
        re.compile(
            r"^(?:search(?:\s+for\s+[^.!?]{1,40}?\s+on)?|read more (?:on|at)|cerca su|suche auf"
            r"|suchen auf|buscar en|rechercher sur|zoeken op)\s+(?-i:the\s+)?"
            r"(?P<name>(?-i:[A-Z0-9])[^.!?]{1,39}?)"
            r"\W*$|^(?P<site>[^.!?]{2,40}?)\s+(?:sitemap|site map|media kit)$",
            re.IGNORECASE,
        ),
        (
            "search",
            "read more",
            "sitemap",
            "site map",
            "media kit",
            "cerca su",
            "suche",
            "buscar",
            "recherche",
            "zoeken",
        ),
    ),
    (
        "staff",
        re.compile(
            r"\b(?:editor|writer|reporter|correspondent|contributor|columnist|producer)s?\s+"
            r"(?:at|for|with)\s+(?-i:the\s+)?(?P<name>[^.,;!?()]{2,40}?)"
            r"(?:\s+(?:based|and|covering|who|in|from|since)\b.*)?\W*$"
            r"|^(?P<site>\S{2,30}?)\s+(?:news\s+)?(?:staff|contributor|reporter)$",
            re.IGNORECASE,
        ),
        (
            "editor",
            "writer",
            "reporter",
            "correspondent",
            "contributor",
            "columnist",
            "producer",
            "staff",
        ),
    ),
    (
        # A photo's credit names its photographer, then the site: "Javier Zarracina/Vox",
        # "(Ellen M. Banner / The Seattle Times)"; not "AP Photo/Andrew Harnik", "View PDF/Print".
        "credit",
        re.compile(
            r"\b(?!(?:AP|Photo|Foto|Image|Getty|View)\b)[A-Z][a-z][\w.'-]*"
            r"(?: (?!(?:Photo|Foto|Image|Images|PDF)\b)[A-Z][\w.'-]+){1,3}"
            r"\s?/\s?(?P<name>[A-Z][^/()]{1,40}?)\)?$"
        ),
        ("/",),
    ),
    (
        "source",
        re.compile(r"(?:^|\|\s*)(?:source|quelle|fuente|bron)\s*:\s*(?P<name>[^|]+?)$", re.I),
        ("source", "quelle", "fuente", "bron"),
    ),
)


def _copyright_name(text: str) -> str | None:
    """The owner a copyright line names: ``Copyright © 2019 The Paradigm. All Rights
    Reserved.``, ``topicseed, 2018-2019 © All rights reserved``."""
    mark = _COPYRIGHT.search(text)
    if mark is None or not (YEARS.search(text) or _RIGHTS.search(text)):
        return None  # "Copyright Policy", "© Jane Doe": a menu item, a photo's credit
    after = _RIGHTS.sub("", YEARS.sub(" ", _COPYRIGHT.sub(" ", text[mark.end() :])))
    before = YEARS.sub(" ", text[: mark.start()])
    for side in (after, before):
        parts = [p for p in _PARTS.split(side.strip(" ,.")) if p.strip(" ,.")]
        if parts:
            name = site_name(parts[0] if side is after else parts[-1])
            if name is not None:
                return name
    return None


# What every line the patterns match has (a copyright's mark, a logo, a feed link's "»", a
# credit's "/", "About", "Newsletter", "Editor at", "Follow"), lowercased: looking for these
# in a line is cheaper than the patterns, and most lines have none.
_SITE_HINTS = (
    "©", "&copy;", "(c)", "copyright", "logo", "»", "/", "atom", "rss", "wordpress.com",
    "about", "welcome", "über",
    "à propos", "sobre", "over", "follow", "subscribe", "more from", "thank you", "support",
    "join", "newsletter", "editor", "writer", "reporter", "correspondent", "contributor",
    "columnist", "producer", "search", "back to", "continue to", "read more", "sitemap",
    "site map", "media kit", "staff", "source", "quelle", "fuente", "bron", "cerca su", "suche",
    "buscar", "recherche", "zoeken",
)  # fmt: skip


def _hinted(lowered: Sequence[str], hints: Sequence[str] = _SITE_HINTS) -> set[int]:
    """The indexes of the ``lowered`` lines that have one of ``_SITE_HINTS``: each hint looked
    for over the whole text, from the line after each one found (looking in each line for
    each hint cost most of the masthead's time)."""
    ends = list(accumulate(len(text) + 1 for text in lowered))  # where each next line starts
    joined = "\n".join(lowered)
    found: set[int] = set()
    for hint in hints:
        at = joined.find(hint)
        while at >= 0:
            index = bisect_right(ends, at)
            found.add(index)
            at = joined.find(hint, ends[index])
    return found


def _site_lines(lines: Sequence[tuple[str, int]]) -> list[str]:
    """The ``lines`` lowercased, those longer than a line naming a site (``_SITE_LINE_MAX``)
    left blank: ``named_sites`` reads no other, so neither lowering nor looking for the
    hints (``_hinted``) goes over a paragraph's long lines."""
    return [text.lower() if len(text) <= _SITE_LINE_MAX else "" for text, _ in lines]


def named_sites(lines: Sequence[tuple[str, int]]) -> list[tuple[str, str, str]]:
    """The names the page gives its site in its logo, copyright, feed, about, newsletter and
    credit lines, with the weight of each."""
    found: list[tuple[str, str, str]] = []  # (name, kind of evidence, where)
    alone: dict[str, list[int]] = {}  # the short lines that are not list items, and where
    people: set[tuple[str, ...]] = set()  # the names bylines give: people, not the site
    domains: dict[str, int] = {}  # the page's domains, and on how many lines
    all_lowered = _site_lines(lines)
    hinted = _hinted(all_lowered)
    phrased = _hinted(all_lowered, PHRASE_HINTS)
    patterned: set[int] = set()  # the lines a pattern below named a site on
    networks: dict[str, tuple[set[str], int]] = {}  # "Facebook Site": where the site is on each
    for index, (text, number) in enumerate(lines):
        if not text or len(text) > _SITE_LINE_MAX:
            continue
        on = _NETWORK_LINE.match(text)
        if on is not None and (name := site_name(on.group(2))) is not None:
            networks.setdefault(name, (set(), number))[0].add(on.group(1).casefold())
        if len(text) <= _REPEATED_MAX and not BULLET.match(text):
            alone.setdefault(text, []).append(index)
        lowered = all_lowered[index]
        if "." in lowered and not ASSET.search(lowered):
            for domain in dict.fromkeys(_domain(h) for h in _hosts(lowered)):
                if domain is not None and domains.get(domain, 0) < _DOMAIN_LINES:
                    domains[domain] = domains.get(domain, 0) + 1
                    found.append((domain, "domain", f"line {number}: the domain"))
        if BYLINE.match(text):
            for person in byline_authors(text):
                if _signs_itself(person):  # "von Die Tagespresse", "By The Planetary Press"
                    found.append((person, "byline", f"line {number}: the site's own byline"))
                    patterned.add(index)
                else:
                    people.add(site_key(person))
            name = _byline_site(text)
            if name is not None:
                found.append((name, "byline", f"line {number}: the byline"))
                patterned.add(index)
                continue
        if ">" in text or "»" in text or "›" in text:
            crumb = _crumb_root(text)
            if crumb is not None:
                found.append((crumb, "crumb", f"line {number}: the breadcrumb"))
                patterned.add(index)
                continue
        if index not in hinted:
            continue  # most lines: none of the patterns below can match
        text = BULLET.sub("", text)
        if _COPYRIGHT.search(text):
            name = _copyright_name(text)
            if name is not None:
                found.append((name, "copyright", f"line {number}: the copyright line"))
                patterned.add(index)
            continue
        ascii_only = lowered.isascii()
        for kind, pattern, needs in _SITE_PATTERNS:
            if ascii_only and not any(word in lowered for word in needs):
                # None of the words the pattern cannot match without: in ASCII, re's
                # IGNORECASE is str.lower, so skipping it changes nothing.
                continue
            match = pattern.search(text)
            said = match and (match.group("name") or match.groupdict().get("site"))
            name = site_name(said) if said else None
            if name is not None:
                found.append((name, kind, f"line {number}: the {kind} line"))
                patterned.add(index)
                break
    # The phrases around the name, on the lines no pattern above named a site on (a line is
    # one piece of evidence: "Follow Site on Twitter" is a follow line already).
    for index in sorted(phrased - patterned):
        text, number = lines[index]
        if text and len(text) <= _SITE_LINE_MAX:
            found.extend(
                (name, "phrase", f"line {number}: a phrase of the site's chrome")
                for name in phrase_names(BULLET.sub("", text), site_name)
            )
    # The site's pages on the networks, a menu of links each naming it after the network's name
    # ("Facebook Los Andes" / "Twitter Los Andes"): two networks or more, so that one share
    # button ("Twitter Share") is none.
    found.extend(
        (name, "follow", f"line {number}: the site on the networks")
        for name, (on, number) in networks.items()
        if len(on) >= 2
    )
    top, bottom = len(lines) // 4, len(lines) - len(lines) // 4
    for text, numbers in alone.items():
        # A masthead and a footer: the name alone near the top and again near the bottom.
        if (
            numbers[0] <= top
            and numbers[-1] >= bottom
            and text[:1].isupper()
            and (name := site_name(text)) is not None
        ):
            where = f"lines {lines[numbers[0]][1]} and {lines[numbers[-1]][1]}: the name alone"
            found.append((name, "repeated", where))
    return [site for site in found if site_key(site[0]) not in people]


# A link to the site's page on a network, the network's name first: "* Facebook Los Andes".
_NETWORK_LINE = re.compile(
    r"^(?:[*•+□-]\s+)?(facebook|twitter|instagram|youtube|linkedin|pinterest|tiktok)\s+(\S.{1,39})$",
    re.IGNORECASE,
)


# A newsroom's desk, which signs for the site but is not its name: "CNN Staff", "The
# Editorial Board".
_DESKS = frozenset(
    ("staff", "team", "desk", "editors", "board", "reporters", "writers", "redaktion", "wire")
)


def _signs_itself(name: str) -> bool:
    """Whether a byline's name is the site's own (an article or a newsroom's word in it,
    ``Die Tagespresse``, ``Wikimedia Foundation``, ``India Post News``), not a person's, a
    wire agency's or a desk's."""
    words = name.split()
    return (
        (ORGANISATION.search(name) is not None or words[0].casefold() in ARTICLES)
        and AGENCY_NAME.fullmatch(name) is None
        and words[-1].casefold() not in _DESKS
        and site_name(name) == name
    )


def twice(text: str) -> str | None:
    """The site's name a short line gives two or three times in a row and nothing else
    (``MoreBikes MoreBikes``: a logo's alt text, then its text; ``Spontis.deSpontis.de``, the
    two run together), or None."""
    if len(text) > _REPEATED_MAX or BULLET.match(text):
        return None
    for times in (2, 3):
        size, rest = divmod(len(text) + 1, times)  # "Site Site" and "Site Site ": "Site "
        glued, glued_rest = divmod(len(text), times)
        if not rest and size > 1 and text + " " == text[:size] * times:
            said = text[: size - 1]
        elif not glued_rest and glued > 1 and text == text[:glued] * times:
            said = text[:glued]
        else:
            continue
        # the name run together inside ("Site LogoSite Logo Site LogoSite Logo"), else itself
        name = twice(said) or site_name(said)
        # a capital or a domain: "mini1 mini1" is an image's name
        return name if name is not None and (not name.islower() or "." in name) else None
    return None


# A host in an e-mail address or a link: "jane@site.com", "https://www.site.co.uk/news".
_HOSTS = re.compile(r"(?:@|://|\bwww\.)((?:[a-z0-9-]+\.)+[a-z]{2,})\b")
# A domain the text writes bare, not in a link or an address (``Internetwerbung auf
# landwirt.com``, ``Trending Now on NYPost.com``): the common top-level domains only, so that
# a file (``requirements.in``) or a wrapped address's piece (``2fo.ao``) is none.
_BARE_HOST = re.compile(
    r"(?<![@/.\w-])((?:[a-z0-9-]+\.)*[a-z0-9-]{3,}\.(?:com|net|org|info|de|at|ch|fr|it|es|nl"
    r"|be|uk|ie|fi|se|dk|no|pl|cz|pt|br|cl|mx|ar|cu|ca|au|nz|io|eu|tv|ru|jp))\b(?![.-]\w)"
)
_PLATFORMS = ("wordpress", "blogspot")  # a hosted blog's platform, written bare on its bar
_DOMAIN_LINES = 3  # lines naming a domain counted at most
_SECOND_LEVEL = frozenset(("co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"))
# The hosts a page links to or takes mail at that are never its own site: mail providers,
# networks, shorteners, content and ad servers, shops and stock photo libraries.
_OTHER_HOSTS = frozenset(
    ("gmail", "googlemail", "google", "googleapis", "gstatic", "youtube", "youtu", "twitter",
     "x", "facebook", "fb", "fbcdn", "instagram", "linkedin", "pinterest", "reddit", "tiktok",
     "whatsapp", "telegram", "hotmail", "outlook", "live", "msn", "yahoo", "aol", "icloud",
     "me", "mac", "gmx", "web", "t", "bit", "goo", "ow", "tinyurl", "wikipedia", "wikimedia",
     "cloudfront", "akamaihd", "amazonaws", "blogcdn", "twimg", "doubleclick", "disqus",
     "gravatar", "wp", "w3", "schema", "apple", "itunes", "flickr", "vimeo", "tumblr",
     "github", "example", "mailchimp", "list-manage", "feedburner", "addthis", "sharethis",
     "googletagmanager", "google-analytics", "yimg", "gettyimages", "amazon", "amzn", "ift",
     "spotify", "soundcloud", "paypal", "adobe", "pixabay", "fotolia", "shutterstock",
     "istockphoto", "unsplash", "picturedesk", "imago-images", "audiojungle")
)  # fmt: skip


def _hosts(lowered: str) -> list[str]:
    """The hosts a lowercased line names: in its links and addresses, and written bare (not in
    an address's encoded piece, ``%2fwww.site.com%2f``)."""
    hosts = (
        _HOSTS.findall(lowered) if "@" in lowered or "www." in lowered or "://" in lowered else []
    )
    if "%2f" not in lowered:
        hosts += [h for h in _BARE_HOST.findall(lowered) if not any(p in h for p in _PLATFORMS)]
    return hosts


def _domain(host: str) -> str | None:
    """The site a host is of (``www.theguardian.com`` -> ``theguardian.com``), None for the
    hosts that are never a page's own site (``gmail.com``, ``twitter.com``)."""
    labels = host.split(".")
    cut = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    labels = labels[-cut:]
    if len(labels) < 2 or labels[0] in _OTHER_HOSTS or len(labels[0]) < 2:
        return None
    return ".".join(labels)


# What follows a byline's names and is not the site: a role ("IGN Staff", "CNN
# Editor-at-large").
_ROLE_AFTER = re.compile(
    r"(?:\s+(?:senior|chief|staff|contributing|associate|deputy|executive|managing|news"
    r"|political|business|tech|science|sports?|entertainment|national|special))*"
    r"\s+(?:writer|reporter|editor(?:-at-large)?|correspondent|contributor|columnist|staff"
    r"|producer|journalist)s?$",
    re.IGNORECASE,
)


def _byline_site(text: str) -> str | None:
    """The site a byline names after its people: ``By Jane Doe | Fox News``, ``By Troy L.
    Smith, Cleveland.com``, ``By Eric Song, IGN Staff``, ``By Amy Kuperinsky | NJ Advance
    Media for NJ.com``."""
    people = byline_authors(text)
    if not people:
        return None
    end = text.rfind(people[-1])
    if end < 0:
        return None
    rest = text[end + len(people[-1]) :]
    if not re.match(r"\s*[|,/]", rest):
        return None
    rest = rest.strip(" |,/").rsplit(" for ", 1)[-1]
    if "," in rest or len(rest) < 3:
        return None  # "Rachael Link, MS, RD", "Jane Doe, MA": degrees
    rest = _ROLE_AFTER.sub("", rest).strip()
    if not rest or _ROLE_AFTER.match(f" {rest}"):
        return None
    return site_name(rest)


_CRUMB = re.compile(r"\s+(?:>|»|›)\s+")
_HOME = frozenset(("home", "startseite", "accueil", "inicio", "início", "start", "homepage"))


def _crumb_root(text: str) -> str | None:
    """The site a breadcrumb starts with: ``Mac & i > News > 2015``, not ``Home > News``."""
    parts = _CRUMB.split(text)
    return crumb_site(parts[0]) if len(parts) >= 2 else None


def crumb_site(root: str) -> str | None:
    """The site a breadcrumb's first part names (``Mac & i``, ``ComputerBase``), not its home
    page's word (``Home``, ``Startseite``) nor a word in lower case (``article``)."""
    if root.casefold() in _HOME or not root[:1].isupper():
        return None
    return site_name(root)
