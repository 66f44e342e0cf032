"""Bylines: who wrote an article, from the lines around its headline."""

from __future__ import annotations

import re

from .junk import is_junk

__all__ = ["BYLINE", "byline_author", "is_bare_name"]

# A newsroom role, alone or after "our": "Chief political correspondent", "onze redacteur".
_ROLE = (
    r"(?:(?:chief|senior|deputy|political|economics|business|foreign|special|science|health"
    r"|sports?|\w+)\s+){0,3}(?:correspondent|editor|reporter|writer|journalist|columnist"
    r"|korrespondent(?:in|en)?|redakteur(?:in|en)?|rédact(?:eur|rice)|journaliste"
    r"|envoyée?\s+spéciale?|corresponsal|redactor(?:a)?|periodista|redacteur|verslaggever"
    r"|correspondente?)"
)
# What every role above contains, for ASCII text (the accented roles cannot occur in it):
# a line without any of these cannot be a name with a role, and that pattern, backtracking
# over every word, is the normaliser's slowest. The test of this module checks they agree.
_ROLE_STEMS = ("correspon", "korrespondent", "editor", "reporter", "writer", "journalist",
               "columnist", "redakteur", "redact", "periodista", "verslaggever")  # fmt: skip
BYLINE = re.compile(
    r"^(?:(?:(?:written|reported|article\s+rédigé|rédigé|écrit|geschrieben|escrito|geschreven)"
    r"\s+)?(?:by|von|par|por|door)"
    rf"(?:\s+(?:our|unserem|unserer|notre|nuestr[oa]|onze)\s+{_ROLE})?"
    r"|text\s*:|texto\s*:|auteur\s*:|autor(?:in)?\s*:"
    r"|author\s*:|tekst\s*:)\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_NAME_STOP = re.compile(
    r"\s*(?:[,|•·(]|\s[-–—]\s|/|\d"
    r"|(?i:\b(?:published|updated|posted|publié|mis à jour|veröffentlicht|aktualisiert|stand"
    r"|publicado|actualizado|gepubliceerd|bijgewerkt)\b)"
    r"|\b(?:on|am|le|el|op|in|im|en|à|a las)\b)",
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w.'’-]*|de|da|del|della|der|den|van|von|zu|la|le|du|y|e|and|und|et"
    r"|en|ten|ter|bin|al)$"
)


_NAME_WITH_ROLE = re.compile(
    r"^(?P<rest>[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+[\w'’.-]+){1,3}?),?\s+"
    rf"(?i:{_ROLE})\b(?:\s+\w+){{0,3}}$"
)


def is_bare_name(text: str, *, places: bool = False) -> bool:
    """Two to four capitalised words, as a person's name ("Pieter de Vries"); with ``places``
    also one ("Madrid")."""
    words = text.split()
    return (
        (1 if places else 2) <= len(words) <= 4
        and all(_NAME_WORD.match(w) for w in words)
        and words[0][0].isupper()
        and words[-1][0].isupper()
        and not is_junk(text)
    )


def byline_author(text: str) -> str | None:
    """The author named by a byline: ``By Jane Doe, Dec 19`` -> ``Jane Doe``.

    Also ``Jessica Elgot Chief political correspondent`` (a name and a newsroom role) and
    ``Door onze redacteur Marieke de Jong``.
    """
    match = BYLINE.match(text) or (_NAME_WITH_ROLE.match(text) if _may_name_role(text) else None)
    if match is None or len(text.split()) > 20:
        return None
    rest = match.group("rest")
    stop = _NAME_STOP.search(rest, 1)
    name = rest[: stop.start()] if stop else rest
    words = name.split()
    if not words or len(words) > 8 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if not words[0][0].isupper() or not words[-1][0].isupper():
        return None
    return " ".join(words)


def _may_name_role(text: str) -> bool:
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
