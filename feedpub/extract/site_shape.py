"""What a site's name looks like in a page's text (pure): one to six words, capitalised or a
domain, no markup, no sentence, no date, no button nor photo agency (``site_name``); and a
name as compared (``site_key``: ``The Guardian``, ``theguardian.com`` and ``the guardian``
alike). ``sitenames`` and ``site_phrases`` find the names a page gives its site with them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .junk import AGENCY_LINE, is_junk
from .sections import NOT_KICKERS

__all__ = ["ARTICLES", "ASSET", "YEARS", "is_domain", "is_site", "site_key", "site_name"]

YEARS = re.compile(r"\b(?:19|20)\d\d\b(?:\s*[-–]\s*(?:(?:19|20)\d\d\b)?)?")
ASSET = re.compile(r"\.(?:jpe?g|png|gif|svg|webp|js|css)\b")  # an image's or a script's URL
# What a company's name ends with, and not its site's: "Vox Media, Inc." owns "Vox", "JUNGE
# FREIHEIT Verlag GmbH & Co. KG" "JUNGE FREIHEIT", "Trustpilot A/S" "Trustpilot" (not a
# name's own "& Co": "Steinzeit & Co").
_COMPANY = re.compile(
    r"(?:,?\s+(?:inc|llc|ltd|limited|pty|pvt|gmbh|ag|plc|corp|s\.a|b\.v|n\.v|media|group"
    r"|holdings|communications?|network|interactive|newspapers|enterprises|verlag|kg|ohg"
    r"|&\s*co(?=\.?\s+(?:kg|ohg)\b)|a/s|oy|ab|srl|s\.r\.l|bv)\.?)+$",
    re.IGNORECASE,
)
# Words that name no site: "About Us", "Über mich", "Our newsletter", "Image", and the blog
# platforms whose bar a hosted blog shows ("WordPress.com logo").
_NOT_SITES = frozenset(
    ("us", "our", "me", "this", "it", "you", "your", "uns", "nous", "nosotros", "ons", "daily",
     "weekly", "image", "images", "photo", "photos", "blog", "news", "home", "the", "all",
     "author", "authors", "editor", "editors", "team", "contributors", "staff", "mich", "moi",
     "mí", "mi", "company", "wordpress", "blogger", "blogspot", "logo", "icon", "btn", "button",
     "background", "loading")
)  # fmt: skip
# Photo agencies and stock libraries a credit names, never the site.
_AGENCIES = frozenset(
    ("getty", "ap", "afp", "reuters", "corbis", "shutterstock", "alamy", "istock", "istockphoto",
     "epa", "dpa", "imago", "aol", "flickr", "unsplash", "wikimedia", "pexels", "pixabay",
     "bloomberg", "nasa", "file")
)  # fmt: skip
_NAME_CONNECTORS = frozenset(
    ("of", "the", "and", "&", "de", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
     "el", "del", "y", "e", "et", "und", "für", "van", "von", "der", "den", "di", "on", "for",
     "a")
)  # fmt: skip


# The articles a site's name may start with: "The Verge", "Le Monde", "Die Tagespresse".
ARTICLES = frozenset(("the", "la", "le", "el", "de", "les", "der", "die", "das", "het"))


_ASIDE = re.compile(r"\s*\([^()]*\)|^\[|\]$")  # "Al Bawaba (www.albawaba.com)", "[Site]"
# A logo's alt text before the name it shows: "Logo des BDZV", "Logo | Silkes Weinblatt".
_LOGO_OF = re.compile(
    r"^logo(?:\s*[|:]\s*|\s+(?:(?:des|der|von|du|de la|de|of the|of)\s+)?)(?=\S)", re.IGNORECASE
)
# The same after the name: "El Nuevo Herald Logo" (a logo's alt text, drawn twice in a line).
_LOGO_AFTER = re.compile(r"[\s_-]+logo$", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")  # "shunno-footer": a class name


@lru_cache(maxsize=4096)  # a page's chrome repeats its site's lines, and a site's pages it
def site_name(text: str) -> str | None:
    """``text`` as a site's name (its company's ``Inc.`` or ``Ltd`` off), or None if it does not
    look like one: a few capitalised words (or one word), no markup, no sentence."""
    text = _ASIDE.sub("", text).strip(" .,:;-–—®™*•□")
    text = _COMPANY.sub("", _LOGO_AFTER.sub("", _LOGO_OF.sub("", text))).strip()
    words = text.split()
    if not 0 < len(words) <= 6 or len(text) > 50 or not text[:1].isalnum():
        return None
    if any(c in text for c in '@[]<>{}=?:/\\"') or not any(c.isalpha() for c in text):
        return None
    if YEARS.search(text) or "," in text:
        return None  # "November 15, 2019": a date; "Blue Origin, Sierra Nevada": a list
    if len(words) > 1 and not all(
        w[:1].isupper() or not w[:1].isalpha() or w.casefold() in _NAME_CONNECTORS for w in words
    ):
        return None
    if words[0].casefold() in _NAME_CONNECTORS - ARTICLES:
        return None
    if words[0].casefold() in _AGENCIES or all(w in _NOT_SITES for w in site_key(text)):
        return None
    if ASSET.search(text.lower()):
        return None  # "leer.gif": an image's file
    if _SLUG.match(text) or NOT_KICKERS.match(text) or is_junk(text) or AGENCY_LINE.match(text):
        return None
    return text


def is_site(text: str) -> bool:
    """Whether all of ``text`` is a site's name (not ``Refresh (900 sec)``, ``Wednesday,``)."""
    return site_name(text) == text.strip()


_DOMAIN = re.compile(r"^www\.|\.(?:com?|net|org|info|[a-z]{2})(?:\.[a-z]{2})?$")
_DOMAIN_FORM = re.compile(r"^[\w&-]+(?:\.[\w&-]+)*\.(?:com?|net|org|info|[a-z]{2})(?:\.[a-z]{2})?$")


def is_domain(name: str) -> bool:
    """Whether a name is written as its site's address writes it (``techdaily.com``,
    ``Helge.at``), not in words (``TechDaily``)."""
    return _DOMAIN_FORM.match(name.casefold()) is not None


def site_key(name: str) -> tuple[str, ...]:
    """A name as compared: ``The Guardian``, ``theguardian.com`` and ``the guardian`` alike."""
    folded = _DOMAIN.sub("", name.casefold())
    words = tuple(re.findall(r"\w+", folded))
    return words[1:] if words[:1] == ("the",) and len(words) > 1 else words
