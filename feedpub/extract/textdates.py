"""Dates in an article's text: which lines hold them, and which is published or updated."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from ..dates import DateContext, FoundDate, find_dates
from .guess import Guess

__all__ = ["DATE_LINE_MAX", "Dates", "choose_dates", "date_candidates", "is_date_line"]

DATE_LINE_MAX = 160  # characters: longer lines are prose, never a date line
_DATE_SCAN_MAX = 400  # characters of a line searched for dates
_WORD = re.compile(r"[^\W\d_]+")


def is_date_line(text: str, found: list[FoundDate]) -> bool:
    """True when a line is only dates and their labels ("Stand: 20.11.2021 22:35 Uhr")."""
    if not found:
        return False
    rest = text
    for item in reversed(found):
        rest = rest[: item.start] + " " + rest[item.end :]
    words = [w for w in _WORD.findall(rest) if len(w) > 3]
    return len(words) <= 4


# Only to recognise dates that need a reference ("3 hours ago") as dates; never a value.
_ANY_TIME = datetime(2000, 1, 1, tzinfo=UTC)


class Dates:
    """``find_dates`` in one context, remembering its answers: a header line is asked about
    several times (headline? chrome? date line? which date?)."""

    def __init__(self, context: DateContext) -> None:
        self.context = context
        # The same context with some reference: to see "3 hours ago" as a date line even when
        # it cannot be resolved.
        self.probe = (
            context if context.reference is not None else replace(context, reference=_ANY_TIME)
        )
        self._answers: dict[tuple[str, bool], list[FoundDate]] = {}

    def __call__(self, text: str, *, recognise_only: bool = False) -> list[FoundDate]:
        # Dates sit at the start of a line; the rest of a long line is prose.
        text = text[:_DATE_SCAN_MAX]
        probing = recognise_only and self.probe is not self.context  # else the same answer
        key = (text, probing)
        if key not in self._answers:
            self._answers[key] = find_dates(text, self.probe if probing else self.context)
        return self._answers[key]

    def is_date_line(self, text: str) -> bool:
        """Whether ``text`` is a short line of dates and their labels (``is_date_line``)."""
        return len(text) <= DATE_LINE_MAX and is_date_line(text, self(text, recognise_only=True))


def date_candidates(
    lines: Sequence[tuple[str, int]], dates: Dates, where: str
) -> list[tuple[FoundDate, str]]:
    found: list[tuple[FoundDate, str]] = []
    for text, number in lines:
        for item in dates(text):
            origin = f"{where} line {number}: {text[item.start : item.end]!r}"
            found.append((item, origin))
    return found


def choose_dates(groups: Sequence[list[tuple[FoundDate, str]]], guess: Guess) -> None:
    """Published and updated from candidates grouped from most to least trusted place."""
    everything = [item for group in groups for item in group]
    for item, origin in everything:
        if item.role == "published":
            guess.offer("published", item.parsed, origin)
    for group in groups:
        for item, origin in group:
            if item.role is None:
                guess.offer("published", item.parsed, origin)
    for item, origin in everything:
        if item.role == "updated":
            guess.offer("updated", item.parsed, origin)
