"""Dates in an article's text: which lines hold them, and whether a date stands as metadata
(which of them is the article's: ``date_ranking``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from ..dates import DateContext, FoundDate, date_role, find_dates
from ..metadata import Block, single_spaced
from .junk import TEASER_LABELS

__all__ = ["DATE_LINE_MAX", "Dates", "in_metadata", "is_date_line", "lines_around"]

DATE_LINE_MAX = 160  # characters: longer lines are prose, never a date line
_DATE_SCAN_MAX = 400  # characters of a line searched for dates
_WORD = re.compile(r"[^\W\d_]+")
_DATE_LINE_WORDS = 4  # words of more than three letters a date line has at most
_DATE_LINE_SMALL_WORDS = 5  # ... and lowercase words


def is_date_line(text: str, found: list[FoundDate]) -> bool:
    """True when a line is only dates and their labels ("Stand: 20.11.2021 22:35 Uhr")."""
    if not found:
        return False
    rest = text
    for item in reversed(found):
        rest = rest[: item.start] + " " + rest[item.end :]
    words = _WORD.findall(rest)
    # A few words beside the dates (labels, a name), not a sentence's ("Mit der am 15. Januar
    # 2022 in Kraft getretenen Verordnung zur der": its small words give it away).
    return (
        sum(len(w) > 3 for w in words) <= _DATE_LINE_WORDS
        and sum(w.islower() for w in words) <= _DATE_LINE_SMALL_WORDS
    )


# Where a renderer glued a date to what stands before it: a year to the time ("Published
# Wed, Nov 20 20194:29 AM EST"), a month to a word ("Associated PressDecember 2, 2016").
_GLUED = re.compile(
    r"(?<=\b(?:19|20)\d\d)(?=\d{1,2}:\d\d\b)"
    r"|(?<=[a-z])(?=(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s\d)"
    # a year glued to the next date, its day first or its month ("3. April 20223. April
    # 2022", "Dezember 29, 2021Dezember 29, 2021": a published and an updated date side by
    # side) or to a label ("Published February 24, 2020Last updated July 21, 2022")
    r"|(?<=\b(?:19|20)\d\d)(?=\d{1,2}\.?\s*[^\W\d_]{3,}\.?\s+\d{4}|[^\W\d_]{3,})"
    # a word glued to a day before a month's name and a year ("Rodrigo Mejías04 de mayo 2022")
    r"|(?<=[^\W\d_])(?=\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?\s+(?:de\s+)?\d{4})"
    # a numeric date's year glued to the next numeric date ("17/11/201917/11/2019")
    r"|(?<=\d[./-](?:19|20)\d\d)(?=\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d)"
)
_DIGIT = re.compile(r"\d")
# A day, a month's name in any language and a year: "30 Maret 2015", "Maret 30, 2015",
# "21.dez.2018".
_WORDED_DATE = re.compile(
    r"\b\d{1,2}\.?\s*[^\W\d_]{3,12}\.?\s*\d{4}\b|\b[^\W\d_]{3,12}\.?\s+\d{1,2},?\s+\d{4}\b"
)


def _back(offset: int, spaces: Sequence[int]) -> int:
    """An offset into a text with spaces put in (at ``spaces``, offsets into the new text), as
    an offset into the text."""
    return offset - sum(1 for at in spaces if at < offset)


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
            context = self.probe if probing else self.context
            glued = [m.start() for m in _GLUED.finditer(text)] if _DIGIT.search(text) else []
            if not glued:
                found = [
                    item
                    for item in find_dates(text, context)
                    if not text[item.start : item.end].isdigit()  # "[1705151318]": no date
                ]
                self._answers[key] = found or self._in_words(text, context)
            else:  # "Nov 15, 20195:45 AM": the year and the time apart, where they are
                parts = [text[i:j] for i, j in zip([0, *glued], [*glued, len(text)], strict=True)]
                moved = [at + k for k, at in enumerate(glued)]  # the spaces, in the new text
                self._answers[key] = [
                    replace(item, start=_back(item.start, moved), end=_back(item.end, moved))
                    for item in find_dates(" ".join(parts), context)
                ]
        return self._answers[key]

    @staticmethod
    def _in_words(text: str, context: DateContext) -> list[FoundDate]:
        """The dates of a line ``find_dates`` found none in that have a day, a month's name
        and a year inside other words (``Posted on Maret 30, 2015 by Admin``, ``21.dez.2018
        às 12h55``), each read alone (by dateparser, in the document's languages)."""
        if not _DIGIT.search(text):
            return []
        found: list[FoundDate] = []
        for match in _WORDED_DATE.finditer(text):
            for item in find_dates(match.group(0), context):
                start, end = match.start() + item.start, match.start() + item.end
                found.append(replace(item, start=start, end=end, role=date_role(text[:start])))
        return found

    def is_date_line(self, text: str) -> bool:
        """Whether ``text`` is a short line of dates and their labels (``is_date_line``)."""
        return len(text) <= DATE_LINE_MAX and is_date_line(text, self(text, recognise_only=True))


# What parts a line of metadata is in: "Gunter Frank / 22.04.2020 / 06:15 / Foto: Achgut.com",
# "22. Januar 2020 @ 18:13 // Autor: c1ph4 // ~ Lesezeit: 1 Minute".
_PARTS = re.compile(r"\s+(?:/{1,2}|\||•|·|@|[-–—])\s+")
_LETTER = re.compile(r"[^\W\d_]")
_IN_NAME = re.compile(r"_|-\d")
# A label pointing at another article ("Related: 12 May 2019", "Lesen Sie auch: ..."): the
# date that follows is that article's.
_ANOTHER_ARTICLE = re.compile(
    rf"^\W*(?:{TEASER_LABELS}|related(?: articles?| stories| posts)?|more on this|up next"
    r"|(?:next|previous) (?:story|article|post)|mehr zum thema|zie ook|leggi anche)(?!\w)",
    re.IGNORECASE,
)


def _no_line(_text: str) -> bool:
    return False


def in_metadata(
    text: str,
    item: FoundDate,
    dates: Dates,
    byline: Callable[[str], object] = _no_line,
    alone: bool | None = None,
) -> bool:
    """Whether the date ``item`` of ``text`` stands as metadata: with its label, in a
    ``byline`` (``Written by Jane Doe in Valve on 1 June 2019``), alone on its line (with its
    labels), opening it, or alone in one of a line's parts; not in a sentence (``Britain
    November 9, 2019. Chris Jackson/Pool``), an embedded post or a file's name.

    A date that opens a line has its year (``11. Februar ab 11.00 Uhr`` is a sentence).
    ``alone``: whether ``text`` is a date line, when the caller knows."""
    if "(@" in text[: item.start]:
        return False  # an embedded post's author: "— Jane Doe (@jane) November 3, 2019"
    if text[item.start - 1 : item.start] == "_" or _IN_NAME.match(text, item.end):
        return False  # a file's name: "[Screenshot_2017-09-06-16-51-38-2]"
    if _ANOTHER_ARTICLE.match(text, 0, item.start):
        return False  # a teaser's: "Related: 12 May 2019"
    if item.role is not None or byline(text):
        return True
    recognised = dates(text, recognise_only=True)
    if alone if alone is not None else is_date_line(text, recognised):
        return True
    if len(text) > DATE_LINE_MAX:
        return False
    if not item.parsed.resolved and not _LETTER.search(text[: item.start]):
        return True
    start = 0
    for cut in (*_PARTS.finditer(text), None):
        end = cut.start() if cut is not None else len(text)
        if start <= item.start and item.end <= end:
            inside = [
                replace(other, start=other.start - start, end=other.end - start)
                for other in recognised
                if start <= other.start and other.end <= end
            ]
            return is_date_line(text[start:end], inside)
        start = cut.end() if cut is not None else end
    return False


def lines_around(
    blocks: Sequence[Block], head_block: int, head_lines: tuple[int, int]
) -> tuple[list[tuple[str, int]], int, int]:
    """(text, line number) of the lines of the blocks around a headline (its first and last
    line numbers ``head_lines``, starting in ``blocks[head_block]``), and the indexes of its
    first and last line among them (-1 when it is not there)."""
    lines: list[tuple[str, int]] = []
    head = end = -1
    for index in range(max(0, head_block - 3), min(len(blocks), head_block + 10)):
        block = blocks[index]
        for offset, text in enumerate(block.lines or (block.text,)):
            number = block.line + offset if block.line else 0
            if index >= head_block and head_lines[0] <= number <= head_lines[1]:
                head = len(lines) if head < 0 else head
                end = len(lines)
            lines.append((single_spaced(text) if len(text) < _DATE_SCAN_MAX else text, number))
    return lines, head, end
