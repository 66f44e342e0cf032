"""The masthead of a scraped article: the site that published it and the section it is in,
as a text dump shows them around the headline (pure).

The publisher is a ``Title - Site`` or ``Title | Section | Site`` suffix, a logo's alt text
or the site's name in the chrome above the headline; the section a ``Title | Section``
suffix, or a kicker or breadcrumb right above the headline (``National News``,
``Home > News > Politics``), else what the page says far from it (``section_trails``).
``layout`` finds the headline and calls ``masthead`` with the lines above it. The rules for
each live beside: ``sections`` (the headline's suffix, kickers, breadcrumbs, categories),
``section_trails`` (a breadcrumb to the headline, ``Posted in``, ``More in``), ``sitenames``
(the names a page gives its own site) and ``site_scores`` (their evidence weighed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from ..metadata import Block, squash
from .body import SENTENCE_END
from .bylines import byline_author, is_bare_name
from .candidates import BULLET
from .guess import Guess
from .junk import AGENCY_LINE, is_junk
from .section_trails import far_section
from .sections import (
    CRUMB_LINES,
    NOT_KICKERS,
    SECTION_BAR,
    Line,
    breadcrumb,
    filed_under,
    is_label,
    is_section_name,
    kicker,
    kicker_over_label,
    lines_below,
    split_headline,
)
from .site_scores import best_site, spells
from .sitenames import crumb_site, is_site, named_sites, site_key, twice
from .textdates import Dates

__all__ = ["SECTION_BAR", "masthead", "split_headline"]

_CHROME_LINES = 16  # the publisher is looked for among this many leading lines
_CHROME_WORDS = 12  # a block of more words ending a sentence is a paragraph, not chrome


def _above(blocks: Sequence[Block], at: tuple[int, int] | None) -> list[Line]:
    """The text's lines above the headline at ``at`` (its block's index, its line), all."""
    if at is None:
        return []
    index, number = at
    return [
        Line(squash(text), block.line + i if block.line else 0)
        for block in blocks[: index + 1]
        for i, text in enumerate(block.lines or (block.text,))
        if block is not blocks[index] or (block.line and block.line + i < number)
    ]


def masthead(
    blocks: Sequence[Block],
    at: tuple[int, int] | None,
    headline: str | None,
    origin: str,
    guess: Guess,
    dates: Dates,
) -> None:
    """Offer ``guess`` the title, section and publisher that ``headline`` (found at
    ``origin``: its block's index and its line's number, ``at``), the lines above it and the
    whole text (``blocks``) say."""
    before = _above(blocks, at)
    # Chrome before the headline: the first that is not a date, a banner or a kicker.
    chrome = [
        ln.text
        for ln in before[:_CHROME_LINES]
        if (AGENCY_LINE.match(ln.text) or not is_junk(ln.text))
        and not dates(ln.text)
        and not byline_author(ln.text)
    ]
    lines = [
        (squash(t), b.line + i if b.line else 0)
        for b in blocks
        for i, t in enumerate(b.lines or (b.text,))
    ]
    named = named_sites(lines)
    sites: list[tuple[str, str, str]] = []  # (name, kind, where) as the page says them
    publisher = None
    above = seen = None
    if headline is not None:
        title, section, publisher = split_headline(headline, chrome[:1], True)
        guess.offer("title", title, origin)
        guess.offer("section", section, origin)
        below = lines_below(blocks, at)
        crumb = breadcrumb(before, below, title, dates)
        if crumb is not None:
            guess.offer("section", crumb[0], f"line {crumb[1]}: {crumb[2]}")
        above = seen = kicker(before, title, chrome[:1], dates)
        if above is not None and _names_the_site(above[0], named):
            sites.append((above[0], "masthead", f"line {above[1]}: the name over the headline"))
            above = None
        if above is not None and is_label(above[0]):  # a story's label in capitals
            above = kicker_over_label(before, above[1], title, chrome[:1], dates)
            if above is not None and _names_the_site(above[0], named):
                above = None
        if above is not None:
            guess.offer("section", above[0], f"line {above[1]}: the kicker above the headline")
        filed = filed_under(below, title, dates)
        if filed is not None:
            guess.offer("section", filed[0], f"line {filed[1]}: {filed[2]} below the headline")
        far = far_section(lines, title, dates) if "section" not in guess.values else None
        if far is not None:
            guess.offer("section", far[0], f"line {far[1]}: {far[2]}")
    if headline is not None and publisher is not None:
        sites.append((publisher, "suffix", f"{origin}, suffix"))
    for ln in before[:_CHROME_LINES]:
        logo = _LOGO.match(BULLET.sub("", ln.text))
        if logo is not None and _is_name_like(logo.group(1)) and not is_junk(logo.group(1)):
            sites.append((logo.group(1), "logo", f"line {ln.line}: the site's logo"))
    # Any name alone on its line over the headline: evidence only with more (its domain).
    alone = {
        ln.text: ln.line
        for ln in reversed(before)
        if len(ln.text) <= _NAME_MAX  # a longer line is never a name (``site_name``)
        and not BULLET.match(ln.text)
        and not is_section_name(ln.text)
        and is_site(ln.text)
    }
    sites.extend(
        (t, "alone", f"line {n}: a name alone over the headline") for t, n in alone.items()
    )
    if alone:
        spelled = _domain_labels(text for text, _ in lines)
        sites.extend(
            (t, "spelled", f"line {n}: a name alone over the headline, the page's domain")
            for t, n in alone.items()
            if _spelled(t, spelled)
        )
    # In the lines' order, not a set's: names that tie in ``best_site`` go to the first
    # given, and a set's order changes with each process's string hashing.
    doubled = dict.fromkeys(name for ln in before if (name := twice(ln.text)) is not None)
    sites.extend((name, "twice", "the name twice in a line over the headline") for name in doubled)
    root = _numbered_root(before)
    if root is not None:
        sites.append((root[0], "crumb", f"line {root[1]}: the ordered breadcrumb's first item"))
    top = _masthead_line(blocks, at, dates, seen[0] if seen is not None else None)
    if top is not None:
        sites.append((top[0], "masthead", f"line {top[1]}: the name over the headline"))
    header = len(before) <= _HEADER_LINES
    if (
        chrome
        and _is_name_like(chrome[0], header=header)
        and (header or is_site(chrome[0]))
        and not NOT_KICKERS.match(chrome[0])  # "Zum Inhalt springen": a button
    ):
        first = before[0].text == chrome[0]  # the text's first line
        kind = "header" if header else "first" if first else "top"
        sites.append((chrome[0], kind, "site chrome before the headline"))
    sites.extend(named)
    # A site names itself in its chrome (menus, footers, credits), not in sentences: a
    # company the article is about is named in its paragraphs as often.
    chrome_text = "\n".join(
        b.text
        for b in blocks
        # At most _CHROME_WORDS words: split no further than one past them (a paragraph's
        # words are not all listed to be counted).
        if len(b.text.split(maxsplit=_CHROME_WORDS)) <= _CHROME_WORDS
        or not SENTENCE_END.search(b.text)
    )
    best = best_site(sites, chrome_text)
    if best is not None:
        guess.offer("publisher", best[0], best[1])


# A site's name as its address writes it: "TheHill.com", "SpaceNews.com", "familie.de".
_DOMAIN_NAME = re.compile(r"^[\w&-]+(?:\.[\w&-]+)*\.(?:(?i:com|net|org|info)|[a-z]{2})$")


# A domain as a page's text writes it, in a link, an address or alone (``Trending Now on
# NYPost.com``, ``bondyblog.fr``): the label before its top-level domain.
_DOMAIN_LABEL = re.compile(r"\b([a-z0-9][a-z0-9-]*)\.(com|net|org|info|[a-z]{2})\b")
# The country codes that are a file's type as often: "README.md", "setup.py".
_FILE_TYPES = frozenset(("md", "py", "js", "ts", "sh", "rs", "rb", "cs", "cc", "db", "ps", "gz"))


# What every domain has, its top-level domain's dot and first letters: looking for these
# is cheaper than the pattern, which tries each word of a paragraph.
_DOT_LETTERS = re.compile(r"\.[a-z]{2}")


def _domain_labels(texts: Iterable[str]) -> frozenset[str]:
    """The domains ``texts`` name, each as its letters (``twin-cities.com``: ``twincities``)."""
    joined = "\n".join(texts).lower()
    # A domain never spans lines, so only the lines with a dot and two letters are searched:
    # the same matches (a line starts after a newline or at the start, both no word).
    named = "\n".join(line for line in joined.split("\n") if _DOT_LETTERS.search(line))
    return frozenset(
        label.replace("-", "")
        for label, top in _DOMAIN_LABEL.findall(named)
        if top not in _FILE_TYPES
    )


def _spelled(name: str, labels: frozenset[str]) -> bool:
    """Whether one of the page's domains (``_domain_labels``) spells all of ``name``
    (``twincities`` for ``Twin Cities``, ``theverge`` for ``The Verge``), not only its
    first words (``firefox`` for ``Firefox Nightly News``: a product's, often)."""
    if name.casefold().startswith("www."):
        return False  # a link's address shown ("www.imago-images.de": a photo's agency)
    letters = "".join(site_key(name))
    return len(letters) > 2 and (letters in labels or "the" + letters in labels)


# What only the site says of itself: a kicker that is a name these give is the site's.
_OWN = frozenset(("copyright", "feed", "about", "newsletter", "search", "byline", "logo"))


def _names_the_site(text: str, named: Sequence[tuple[str, str, str]]) -> bool:
    """Whether a kicker over the headline is the site's name, not a section's: a domain
    (``TheHill.com``), or a name the page's domain spells (``The GiveWell Blog`` on a page
    linking to ``givewell.org``)."""
    if _DOMAIN_NAME.match(text) and not text.split(".")[0].isupper():  # not "README.md"
        return True
    key = site_key(text)
    domains = [site_key(name) for name, kind, _ in named if kind == "domain"]
    return any(spells(domain, key) or domain == key for domain in domains) or any(
        site_key(name) == key for name, kind, _ in named if kind in _OWN
    )


_FIRST_ITEM = re.compile(r"^1[.)]\s+(\S.*)$")  # an ordered list's first item: "1. Site"
_SECOND_ITEM = re.compile(r"^2[.)]\s+\S")


def _numbered_root(before: Sequence[Line]) -> tuple[str, int] | None:
    """The site an ordered breadcrumb right above the headline starts with, as a text renderer
    draws an ``<ol>`` one (``1. ComputerBase`` / ``2. Internet``): its first item, followed by
    its second, if it is a site's name and not its home page's word (``1. Home``)."""
    lines = [ln for ln in before if ln.text][-CRUMB_LINES:]  # where sections.breadcrumb looks too
    for ln, after in pairwise(lines):
        first = _FIRST_ITEM.match(ln.text)
        if first is not None and _SECOND_ITEM.match(after.text):
            name = crumb_site(first.group(1).strip())
            return (name, ln.line) if name is not None else None
    return None


_NAME_MAX = 50  # characters of a site's name at most
_MASTHEAD_BLOCKS = 6  # blocks above the headline its site's name is looked for in
_MASTHEAD_MAX = 80  # characters of such a line, indentation included (a name has at most 50)


def _masthead_line(
    blocks: Sequence[Block], at: tuple[int, int] | None, dates: Dates, kicker: str | None
) -> tuple[str, int] | None:
    """The site's name as a masthead shows it over the headline: the topmost of the few
    blocks above it that is one line and a site's name alone (``MajkasWelt``, ``EL PAÍS``
    over its section ``Ciencia``), not a list item, a person's name, a date nor the
    headline's ``kicker`` (``Barcelona``); a lynx copy's cut starts anywhere, so the text's
    first line is not the masthead's."""
    if at is None:
        return None
    found = None
    for block in reversed(blocks[max(0, at[0] - _MASTHEAD_BLOCKS) : at[0]]):
        lines = block.lines or (block.text,)
        if len(lines) != 1 or len(lines[0]) > _MASTHEAD_MAX:
            continue
        text = squash(lines[0])
        if (
            not BULLET.match(text)
            and not is_section_name(text)  # a menu's or a kicker's: "Local News", "World"
            and is_site(text)
            # a byline's name alone ("Jason Cipriani"), not a logotype's capitals ("EL PAÍS")
            and (text.isupper() or not is_bare_name(text))
            and not dates(text, recognise_only=True)
            and text.casefold() != (kicker or "").casefold()
        ):
            found = (text, block.line)
    return found


# A logo's alt text: "eHow Logo", "The Verge logo. The Verge homepage", "Acme Acme logo".
_LOGO = re.compile(r"^\[?((?:\S+ ){0,4}?\S+?)(?: \1)?\]? [Ll]ogo\b")


_HEADER_LINES = 3  # a headline among this many first lines has only the site's name above
# A company's abbreviated form at a name's end, whose full stop ends no sentence.
_ABBREVIATED = re.compile(r"\b(?:Inc|Ltd|Corp|Co|Bros|LLC|S\.A|e\.V)\.$")


def _is_name_like(text: str, header: bool = False) -> bool:
    """A site's name as its header shows it (chrome, junk already left out): a few words, no
    markup, a capital first and no separators; ``header`` (right above a headline at the top,
    where a reader view shows its site) also ``the Guardian`` or ``LinkNaija | Nigeria's
    popular news platform``."""
    words = len(text.split())
    return (
        0 < words <= (8 if header else 5)
        and len(text) <= (80 if header else 50)
        and (header or not text[0].islower())
        and (header or text[0].isalnum())
        and not any(c in text for c in ("[]<>{}=•*□" if header else "[]<>{}=?|•*□@"))
        # "F.A.Z." and "Wikimedia Foundation, Inc." are names, not sentences
        and not (SENTENCE_END.search(_ABBREVIATED.sub("", text)) and words > 2)
    )
