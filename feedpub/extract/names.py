"""Names in bylines: whether words are a person's name, a newsroom's or a newsroom role's."""

from __future__ import annotations

import re

from .junk import is_junk

__all__ = [
    "AGENCIES",
    "AGENCY_NAME",
    "ARTICLES",
    "JOINING",
    "NAME_WITH_ROLE",
    "ORGANISATION",
    "ROLE",
    "ROLE_OPENER",
    "SEPARATOR",
    "bare_names",
    "is_bare_name",
    "is_name",
    "is_people_name",
    "is_person",
    "is_role_line",
    "may_name_role",
    "unglued",
    "without_newsroom",
    "without_site",
]

# A newsroom role, alone or after "our": "Chief political correspondent", "onze redacteur".
_ROLE_NOUNS = (
    r"correspondent|editor|reporter|writer|journalist|columnist|contributor"
    r"|\w*korrespondent(?:in|en)?|\w*redakteur(?:in|en)?|rédact(?:eur|rice)|journaliste"
    r"|envoyée?\s+spéciale?|corresponsal|redactor(?:a)?|periodista|redacteur|verslaggever"
    r"|correspondente?"
)
# The words a role opens with, capitalised or not ("Senior Contributor", "Games Editor"):
# after a name without a comma between them only these and lowercase words are the role's
# ("Bruce Y. Lee Senior Contributor" is Bruce Y. Lee's, not Bruce Y.'s).
_ROLE_OPENERS = (
    r"chief|senior|deputy|associate|assistant|executive|managing|contributing|staff|special"
    r"|political|politics|economics|economy|business|foreign|national|international|world"
    r"|science|health|sports?|games|tech|technology|entertainment|culture|arts|music|film"
    r"|travel|food|style|fashion|books|opinion|news|breaking|investigative|legal|crime"
    r"|climate|environment|energy|education|markets?|finance|money|data|digital|video|photo"
    r"|auto|metro|city|local|white\s+house|washington|europe|asia|africa|us|uk|eu|global"
    r"|general|senior\s+staff|freelance"
)
ROLE = rf"(?:(?:{_ROLE_OPENERS}|\w+)\s+){{0,3}}(?:{_ROLE_NOUNS})"
ROLE_OPENER = re.compile(rf"(?i:{_ROLE_OPENERS})")  # fullmatch: "Senior", "Chief"
# What every role above contains, for ASCII text (the accented roles cannot occur in it):
# a line without any of these cannot be a name with a role, and that pattern, backtracking
# over every word, is the normaliser's slowest. The test of this module checks they agree.
_ROLE_STEMS = ("correspon", "korrespondent", "editor", "reporter", "writer", "journalist",
               "columnist", "contributor", "redakteur", "redact", "periodista",
               "verslaggever")  # fmt: skip
# A newsroom's name may open with an article; a person's does not.
ARTICLES = frozenset(["the", "a", "an", "der", "die", "das", "le", "la", "les", "el", "los",
                       "las", "het", "de"])  # fmt: skip
# What stands between two names: a comma, "and" in the five languages, "&".
SEPARATOR = re.compile(r"\s*([,;&])\s*|\s+(and|und|et|y|en)\s+", re.IGNORECASE)
# Words of a newsroom, agency or school, never of a person's name: "Jane Doe, Associated Press".
ORGANISATION = re.compile(
    r"\b(?:press|news|times|post|journal|agency|agencies|staff|wire|service|media|network"
    r"|magazine|daily|weekly|tribune|herald|gazette|telegraph|reuters|bloomberg|newsroom"
    r"|redaktion|rédaction|redacción|redactie|institute|university|college|associated|dpa"
    r"|afp|ap|efe|anp|bbc|cnn|gmbh|inc|ltd|llc|plc|corp|corporation)\b",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w.'’-]*|de|da|del|della|der|den|van|von|zu|la|le|du|y|e|and|und|et"
    r"|en|ten|ter|bin|al)$"
)
_NAME_WORD_REST = re.compile(r"^[\w.'’-]+$")


def _is_name_word(word: str) -> bool:
    """A word of a name: capitalised (also with a Latin capital beyond Latin-1:
    ``Świerczyński``, ``Ūdre``, ``Čapek``) or one of the small words inside names (``de``,
    ``van``)."""
    return _NAME_WORD.match(word) is not None or (
        "\u0100" <= word[:1] <= "\u024f"
        and word[0].isupper()
        and _NAME_WORD_REST.match(word) is not None
    )


NAME_WITH_ROLE = re.compile(
    r"^(?P<rest>[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+[\w'’.-]+){1,3}?)"
    rf"(?:(?:,|\s[-–—|])\s+(?i:{ROLE})|\s+(?:(?i:{_ROLE_OPENERS})\s+|[a-z][\w-]*\s+){{0,3}}"
    rf"(?i:{_ROLE_NOUNS}))\b(?:,?\s+[\w.'’-]+){{0,4}}$"
)


# A line of a role alone, after a newsroom's name or not: "Games Editor", "BuzzFeed News
# Reporter", "Seattle Times business reporter".
_ROLE_LINE = re.compile(
    r"^(?:[A-ZÀ-Þ][\w.&'’-]*\s+){0,3}?"
    rf"(?:(?i:{_ROLE_OPENERS})\s+|[a-z][\w-]*\s+){{0,3}}(?i:{_ROLE_NOUNS})$"
)


def is_role_line(text: str) -> bool:
    """Whether ``text`` is a newsroom role alone (the line under a name in a byline)."""
    return may_name_role(text) and _ROLE_LINE.match(text.strip()) is not None


def is_bare_name(text: str, *, places: bool = False) -> bool:
    """Two to four capitalised words, as a person's name ("Pieter de Vries"); with ``places``
    also one ("Madrid")."""
    words = text.split()
    return (
        (1 if places else 2) <= len(words) <= 4
        and all(_is_name_word(w) for w in words)
        and words[0][0].isupper()
        and words[-1][0].isupper()
        and not is_junk(text)
        # "Meg JamesStaff Writer": a name and a role
        and not (may_name_role(text) and NAME_WITH_ROLE.match(unglued(text)))
    )


# The words that join the names of one line of bare names.
JOINING = frozenset(["and", "und", "et", "y", "en", "&"])


def bare_names(text: str) -> tuple[str, ...]:
    """The people a line of bare names names: one (``is_bare_name``, never a newsroom's)
    or several joined by ``and`` (``Jane Doe, John Smith and Ann Lee``: a comma alone
    does not join them, it stands before a newsroom as often: ``Charlie Wood, Business
    Insider``); empty else."""
    head, comma, tail = text.rpartition(",")
    if comma and _newsroom(tail):
        text = head  # "Jane Doe and John Smith, Associated Press"
    parts = SEPARATOR.split(text.strip())
    found = [" ".join(without_newsroom(part.split())) for part in parts[0::3]]
    separators = [(parts[i] or parts[i + 1]).lower() for i in range(1, len(parts) - 2, 3)]
    if separators and not JOINING.intersection(separators):
        return ()
    if len(set(found)) < len(found) or not all(is_name(n.split(), 2) for n in found):
        return ()  # (the shape first: a person's name is checked for junk and newsrooms)
    return tuple(found) if all(is_people_name(name) for name in found) else ()


# Wire agencies, which sign their stories with their name as a byline ("Reuters", "The
# Associated Press", "AFP"): a closed list (any other capitalised words may be a kicker's).
AGENCIES = (
    r"(?:the\s+)?associated\s+press|ap|reuters|afp|agence\s+france[- ]presse|dpa|upi|efe"
    r"|anp|belga|ansa|press\s+association|pa\s+media|pti|ians|xinhua|kyodo\s+news|kyodo"
    r"|yonhap|tass|(?:the\s+)?canadian\s+press|aap|europa\s+press|kna|epd|lusa"
    r"|bloomberg(?:\s+news)?|jiji(?:\s+press)?"
)
AGENCY_NAME = re.compile(AGENCIES, re.IGNORECASE)
# A role glued to the name before it by a renderer: "Meg JamesStaff Writer".
_GLUED_ROLE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?$)")


def unglued(text: str) -> str:
    """``text`` with a role glued to the name before it apart (``_GLUED_ROLE``)."""
    return _GLUED_ROLE.sub(" ", text, count=1)


def _newsroom(text: str) -> bool:
    """An agency's name or capitalised words with a newsroom's (``Business Insider`` is
    not one: a person's name may look the same)."""
    text = text.strip()
    return AGENCY_NAME.fullmatch(text) is not None or (
        bool(text)
        and all(w[:1].isupper() for w in text.split())
        and ORGANISATION.search(text) is not None
    )


_NEWSROOM_TAIL = 3  # words of a newsroom's name after a person's: "Associated Press"


def without_newsroom(words: list[str]) -> list[str]:
    """A byline's first name without the newsroom a renderer ran into it: an agency's name
    (``By Jane Doe Reuters``), a newsroom's capitalised words after a name in capitals
    (``By JANE DOE Associated Press``; ``By European Space Agency`` is the newsroom's), two
    words or more in capitals after a name in none (``Kevin McCoy USA TODAY``)."""
    if len(words) < 3:
        return words
    for k in range(max(2, len(words) - _NEWSROOM_TAIL), len(words)):
        head, tail = words[:k], " ".join(words[k:])
        capitals = all(w.isupper() for w in head) and not tail.isupper()
        shouted = len(words) - k >= 2 and tail.isupper() and not any(w.isupper() for w in head)
        if (
            AGENCY_NAME.fullmatch(tail)
            or (capitals and ORGANISATION.search(tail))
            or shouted  # "Kevin McCoy USA TODAY"
        ):
            return head
    return words


# A word of a name that may be the site's: its own or a compound's part ("FOCUS-Online-Experte").
_COMPOUND = re.compile(r"[-|]")
_NAME_WORDS_LEAST = 2  # what a name without the site's words keeps at least


def without_site(name: str, site: str) -> str:
    """``name`` without the site's name a renderer ran into it, after the person's name
    (``Jane Doe Reiterrevue International`` on Reiterrevue) or glued before it in a role
    (``FOCUS-Online-Experte Jane Doe`` on FOCUS Online): the words from the first that is
    one of the site's words on, a compound holding one before; never below two words."""
    site_words = {w for w in re.split(r"[\W_]+", site.lower()) if w}
    words = name.split()
    first = words[0].lower()
    compound = len(words) > _NAME_WORDS_LEAST and _COMPOUND.search(first) is not None
    if compound and site_words.intersection(_COMPOUND.split(first)):
        words = words[1:]
    for i in range(_NAME_WORDS_LEAST, len(words)):
        if words[i].lower() in site_words:
            words = words[:i]
            break
    return " ".join(words)


def is_people_name(text: str) -> bool:
    """A bare name that is no newsroom's (``Seattle Times``, ``The Senate``)."""
    return (
        is_bare_name(text)
        and ORGANISATION.search(text) is None
        and text.split()[0].lower() not in ARTICLES
    )


def is_person(words: list[str], least: int) -> bool:
    """A name after the first in a byline: never a newsroom's or an agency's."""
    return is_name(words, least) and ORGANISATION.search(" ".join(words)) is None


def is_name(words: list[str], least: int) -> bool:
    return (
        least <= len(words) <= 6
        and all(_is_name_word(w) for w in words)
        and words[0][0].isupper()
        and words[-1][0].isupper()
    )


def may_name_role(text: str) -> bool:
    """False only when ``text`` certainly holds no newsroom role (see ``_ROLE_STEMS``)."""
    if not text.isascii():
        return True  # case-insensitive matching beyond ASCII is the pattern's to judge
    # The role is one of the last four words (at most three follow it): a long line is
    # checked only there.
    tail = " ".join(text.rsplit(None, 4)[-4:]).lower()
    # A plain loop, not any() over a generator: this runs for nearly every line it checks.
    for stem in _ROLE_STEMS:  # noqa: SIM110
        if stem in tail:
            return True
    return False
