"""The site's name inside the phrases its own chrome says around it (pure): ``Follow The
Verge online:``, ``Get Quanta Magazine delivered to your inbox``, ``HR Innovation auf
Facebook``, ``Contact BBC News``, ``IGN® is among the federally
registered trademarks``, ``BGR may receive a commission``, ``Jobs bei TAG24``.

A cue says that a name stands right after it (``Follow``, ``Contact``, ``Zurück zu``) or right
before it (``on Twitter``, ``homepage``, ``main menu``); the name is the longest run of words
next to the cue that ``sitenames.site_name`` takes for a site's name (``abre página da Folha
de S.Paulo no Twitter`` gives ``Folha de S.Paulo``). ``sitenames.named_sites`` calls
``phrase_names`` on the lines that have a cue's hint; ``site_scores`` sums the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["PHRASE_HINTS", "phrase_names"]

_RUN_MAX = 6  # words of a site's name at most (``site_name``)

# What a site's chrome says right before its own name: a link to follow, contact or sign up
# for it, its jobs, its newsroom, where a post first appeared. Each cue (and each below) kept
# where the names it gives on the development part were the site's one time in ten or more
# (`Back to`, `Instagram`, `Feedback`, `Startseite`, `Careers` were not).
_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\[\"“„«]))(?:follow|contact|subscribe to|sign up for|sign in to"
    r"|log in to|return to|more from|learn about|why you can trust|jobs (?:at|bei)"
    r"|zurück zu|mit einem klick zu|retrouvez|suivez|lire aussi sur|folge|folgen sie"
    r"|erschien zuerst (?:im blog|auf|bei)|redaktion)\s+(?:(?-i:the)\s+)?",
    re.IGNORECASE,
)
# What it says right after it: its pages on the networks, its home page and menu, its
# trademark and its disclosures.
_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:on|auf|bei|sur|en|no|na|op|at)\s+)?"
    r"(?:facebook|twitter|linkedin|youtube|google\+|pinterest)\b"
    r"|(?:['’]s)?\s+(?:homepage|main menu|navigation|newsletters?"
    r"|delivered to your inbox|moderates comments|may receive a commission"
    r"|(?:®|™)?\s*is (?:a|among the) (?:federally )?registered(?: trademarks?)?"
    r"|(?:is )?a registered trademark|sur tous les écrans|push-service"
    r"|my homepage|archives?\b|privacy policy|terms of (?:use|service)|media kit)\b",
    re.IGNORECASE,
)

PHRASE_HINTS = (
    "follow", "contact", "subscribe", "sign up", "sign in", "log in", "return to", "more from",
    "learn about", "trust", "jobs ", "zurück", "mit einem klick", "retrouvez", "suivez",
    "lire aussi", "folge", "erschien zuerst", "redaktion", "facebook", "twitter", "linkedin",
    "youtube", "google+", "pinterest", "homepage", "menu", "navigation", "newsletter", "inbox",
    "moderates", "commission", "registered", "écrans", "push-service", "archive", "privacy",
    "terms of", "media kit",
)  # fmt: skip


# What a run of capitalised words before a cue starts with that is no name's first word: a
# verb of the chrome's ("Make MSN my homepage", "Toggle navigation") or a place on the page.
_NOT_FIRST = frozenset(
    ("make", "send", "get", "toggle", "skip", "share", "like", "find", "click", "read", "view",
     "see", "visit", "download", "sign", "log", "join", "watch", "listen", "buy", "try", "open",
     "go", "back", "main", "primary", "site", "top", "mobile", "footer", "header", "global",
     "follow", "contact", "email", "e-mail", "print", "tweet", "pin", "more", "our", "your",
     "monthly", "yearly", "category", "tag", "author", "to", "on", "at", "in",
     "of", "and", "with", "this", "these", "my", "mein", "meine", "dein", "deinem", "deiner",
     "dieser", "diesen", "diese", "unser", "unserem", "ihrem", "auf", "im", "zu", "vous",
     "votre", "nos", "notre", "su", "sus", "nuestro", "continue", "reading", "social",
     "service", "services", "customer", "support", "news", "feed", "rss")
)  # fmt: skip


# What a name's run does not end with: a connector ("WIRED and"), a chrome word.
_NOT_LAST = frozenset(
    ("and", "or", "&", "the", "of", "for", "on", "in", "at", "to", "de", "du", "des", "la",
     "le", "el", "y", "et", "und", "oder", "von", "der", "die", "das", "auf", "bei", "für",
     "policy", "privacy", "terms", "conditions", "support", "here", "more", "now", "us")
)  # fmt: skip


def _name(words: list[str], site_name: Callable[[str], str | None]) -> str | None:
    """The site's name ``words`` are, if they are one and start as a name does."""
    if not words or not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return None
    if words[0].casefold() in _NOT_FIRST or words[-1].casefold() in _NOT_LAST:
        return None
    return site_name(" ".join(words))


def phrase_names(text: str, site_name: Callable[[str], str | None]) -> list[str]:
    """The site names a chrome line's phrases give (``site_name``: a text as a site's name,
    or None), each once."""
    found: dict[str, None] = {}
    for cue in _BEFORE.finditer(text):
        after = text[cue.end() :]
        end = _AFTER.search(after)  # "Follow Site on Twitter": the name ends at the network
        words = (after[: end.start()] if end else after).split()[:_RUN_MAX]
        for size in range(len(words), 0, -1):
            name = _name(words[:size], site_name)
            if name is not None:
                found[name] = None
                break
    for cue in _AFTER.finditer(text):
        words = text[: cue.start()].split()[-_RUN_MAX:]
        for size in range(len(words), 0, -1):
            name = _name(words[-size:], site_name)
            if name is not None:
                found[name] = None
                break
    return list(found)
