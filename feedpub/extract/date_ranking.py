"""Which of a text's dates is the article's: every date the text shows, scored on evidence of
its own (a label, a line of its own, a byline beside it, where it sits relative to the
article's longest run of prose, a dateline, a list of other dated lines around it), the
headline's distance only one feature among them. The weights are fitted on the text corpus's
development part (``tools/fit_dates.py``) and shipped in ``date_weights``."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import date
from typing import NamedTuple

from ..dates import FoundDate, ParsedDate
from ..metadata import Block, single_spaced
from .candidates import article_run
from .date_weights import THRESHOLD, WEIGHTS
from .guess import Guess
from .textdates import DATE_LINE_MAX, Dates, in_metadata, is_date_line

__all__ = [
    "FEATURES",
    "DateCandidate",
    "Shown",
    "choose",
    "numeric_order",
    "offer_dates",
    "score",
    "shown_dates",
]

FEATURES = (
    "published",  # a label says so: "Published", "Veröffentlicht am", "Publié le"
    "updated",  # "Updated", "Stand:", "mis à jour"
    "alone",  # a line of dates and their labels only
    "metadata",  # opening a line of metadata, or alone in one of its parts, or in a byline
    "header",  # among the metadata lines right under the headline
    "below",  # below the headline, closer is more (1 right under it, 0 from 16 lines on)
    "above",  # above it (1 right above, 0 from 6 lines on)
    "far",  # neither: away from the headline (or no headline found)
    "before_run",  # above the article's longest run of prose
    "run_before",  # how far above it (0 at its start, 1 from 50 lines up)
    "in_run",  # inside it
    "after_run",  # below it (comments, related articles, the footer)
    "run_after",  # how far below it (1 from 50 lines down)
    "byline",  # the line is a byline ("By Jane Doe, March 3, 2020")
    "byline_beside",  # the line above or below is one
    "dateline",  # the dateline opening the body ("BERLIN, 3. März (dpa) -")
    "footer",  # among the metadata lines ending the text
    "dense",  # share of the six lines on each side that hold dates too (a list of teasers)
    "repeated",  # how often its day is said elsewhere in the text (log, 1 at ten times)
    "first",  # the text's first date that stands as metadata
    "first_below",  # the first below the headline that stands as metadata
    "latest",  # the latest day of the text's dates (of at least two days)
    "earliest",  # the earliest day of them
    "top_latest",  # the latest and among the text's first lines: a date bar of the crawl's day
    "timed",  # has a time of day
    "resolved",  # completed from a reference (a relative date, a missing year)
    "bullet",  # the line is a list item ("• 19 November 2019", "1. Jane 11. Dezember 2012")
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}
_WEIGHTS = tuple(WEIGHTS.get(name, 0.0) for name in FEATURES)  # a test checks they match

_BELOW = 16  # lines below the headline that count as near it
_ABOVE = 6  # ... and above it
_RUN_SCALE = 50.0  # lines away from the article's run at which that distance counts fully
_DENSE_SPAN = 6  # lines on each side looked at for other dated lines
_TOP_LINES = 15  # a text's first lines, where a date bar stands
_BULLETS = ("•", "*", "-", "·", "◦")


class DateCandidate(NamedTuple):
    item: FoundDate
    origin: str
    features: tuple[float, ...]
    text: str = ""  # the date as the line says it ("12/04/2020")
    line: int = -1  # the index of its line among the text's lines (-1: the dateline's)


class Shown(NamedTuple):
    """A text's dates: those that stand as metadata, scored, and every date of its short
    lines as written (a sentence's, a caption's too), which say how the site writes dates."""

    candidates: list[DateCandidate]
    written: list[tuple[str, FoundDate]]


class _Line(NamedTuple):
    text: str
    number: int  # the line's number in the document (0 when unknown)
    block: int


def _lines(blocks: Sequence[Block]) -> list[_Line]:
    out = []
    for index, block in enumerate(blocks):
        for offset, text in enumerate(block.lines or (block.text,)):
            number = block.line + offset if block.line else 0
            out.append(_Line(single_spaced(text) if len(text) <= 2 * DATE_LINE_MAX else text,
                             number, index))  # fmt: skip
    return out


def _headline_span(
    lines: Sequence[_Line], headline: tuple[int, int, int] | None
) -> tuple[int, int]:
    """The first and last index of the headline's lines among ``lines`` (-1, -1: none)."""
    if headline is None:
        return -1, -1
    block, first, last = headline
    inside = [
        i
        for i, ln in enumerate(lines)
        if ln.block >= block
        and (first <= ln.number <= last or (not ln.number and ln.block == block))
    ]
    return (inside[0], inside[-1]) if inside else (-1, -1)


def _is_bullet(text: str) -> bool:
    if text.startswith(_BULLETS):
        return True
    head = text.split(maxsplit=1)[0] if text else ""
    return head[:-1].isdigit() and head.endswith(".") and len(head) <= 4


def shown_dates(
    blocks: Sequence[Block],
    headline: tuple[int, int, int] | None,
    dates: Dates,
    byline: Callable[[str], object],
    header: Collection[int] = (),
    footer: Collection[int] = (),
    dateline: Sequence[tuple[str, int]] = (),
    run: tuple[int, int] | None = None,
) -> Shown:
    """Every date of the short lines of ``blocks`` (and of the body's ``dateline``) with its
    features; ``header`` and ``footer``: the numbers of the metadata lines under the headline
    and ending the text; ``headline``: its block, first and last line number; ``run``: the
    blocks' ``article_run`` (computed when not given)."""
    lines = _lines(blocks)
    head, end = _headline_span(lines, headline)
    if run is None:
        run = article_run(blocks)
    run_start = run_end = -1
    if run[1] >= run[0]:
        indexes = [i for i, ln in enumerate(lines) if run[0] <= ln.block <= run[1]]
        run_start, run_end = indexes[0], indexes[-1]
    found: list[tuple[int, FoundDate, bool, bool, str, str]] = []
    written: list[tuple[str, FoundDate]] = []
    for i, ln in enumerate(lines):
        text = ln.text
        if len(text) > DATE_LINE_MAX:
            continue
        items = dates(text)
        if not items:
            continue
        alone = is_date_line(text, dates(text, recognise_only=True))
        for item in items:
            written.append((text[item.start : item.end], item))
            if not in_metadata(text, item, dates, byline, alone):
                continue  # a sentence's, a caption's, an embedded post's: another's
            origin = f"{ln.number}: {text[item.start : item.end]!r}"
            found.append((i, item, alone, False, origin, text[item.start : item.end]))
    for text, number in dateline:
        for item in dates(text):
            origin = f"dateline, line {number}: {text[item.start : item.end]!r}"
            index = next((i for i, ln in enumerate(lines) if ln.number == number), -1)
            found.append((index, item, False, True, origin, text[item.start : item.end]))
    if not found:
        return Shown([], written)
    days = Counter(item.parsed.value.date() for _, item, *_ in found)
    latest, earliest = max(days), min(days)
    several = len(days) > 1
    dated_lines = {i for i, *_ in found}
    first = found[0][0]
    first_below = next((i for i, *_ in found if i > end >= 0), -2)
    header_set, footer_set = set(header), set(footer)
    out = []
    for i, item, alone, is_dateline, origin, said in found:
        ln = lines[i] if i >= 0 else _Line("", 0, -1)
        v = [0.0] * len(FEATURES)

        def put(name: str, value: float = 1.0) -> None:
            v[_INDEX[name]] = value  # noqa: B023 - used at once, in this iteration

        put("published", item.role == "published")
        put("updated", item.role == "updated")
        put("alone", alone)
        put("metadata", not alone)
        put("header", ln.number in header_set and bool(ln.number))
        if head >= 0 and i > end and i - end <= _BELOW:
            put("below", 1.0 - (i - end - 1) / _BELOW)
        elif head >= 0 and 0 <= i < head and head - i <= _ABOVE:
            put("above", 1.0 - (head - i - 1) / _ABOVE)
        elif not head <= i <= end:
            put("far")
        if run_start >= 0 and i >= 0:
            if i < run_start:
                put("before_run")
                put("run_before", min(1.0, (run_start - i) / _RUN_SCALE))
            elif i <= run_end:
                put("in_run")
            else:
                put("after_run")
                put("run_after", min(1.0, (i - run_end) / _RUN_SCALE))
        put("byline", bool(byline(ln.text)))
        beside = [lines[j].text for j in (i - 1, i + 1) if 0 <= j < len(lines) and i >= 0]
        put("byline_beside", any(byline(t) for t in beside))
        put("dateline", is_dateline)
        put("footer", ln.number in footer_set and bool(ln.number))
        if i >= 0:
            near = sum(1 for j in range(i - _DENSE_SPAN, i + _DENSE_SPAN + 1)
                       if j != i and j in dated_lines)  # fmt: skip
            put("dense", near / (2 * _DENSE_SPAN))
        day = item.parsed.value.date()
        put("repeated", min(1.0, math.log10(days[day])))
        put("first", i == first)
        put("first_below", i == first_below)
        put("latest", several and day == latest)
        put("earliest", several and day == earliest)
        put("top_latest", several and day == latest and 0 <= i < _TOP_LINES)
        put("timed", not item.parsed.date_only)
        put("resolved", item.parsed.resolved)
        put("bullet", _is_bullet(ln.text))
        if not is_dateline:
            where = (
                "header line" if v[_INDEX["header"]] else
                "footer line" if v[_INDEX["footer"]] else
                "near the headline, line" if v[_INDEX["below"]] or v[_INDEX["above"]] else
                "away from the headline, line"
            )  # fmt: skip
            origin = f"{where} {origin}"
        out.append(DateCandidate(item, origin, tuple(v), said, -1 if is_dateline else i))
    return Shown(out, written)


def score(features: Sequence[float], weights: Sequence[float] = _WEIGHTS) -> float:
    return sum(f * w for f, w in zip(features, weights, strict=True))


def choose(
    candidates: Sequence[DateCandidate],
    weights: Sequence[float] = _WEIGHTS,
    threshold: float = THRESHOLD,
) -> tuple[int | None, int | None]:
    """The indexes of the published and the updated date among ``candidates`` (None: not
    stated), of those whose score reaches ``threshold`` (a text may state no date of its
    own). The best scored is the published date, unless a label calls it an update: then
    the published date is one on its line that no label calls so (``Dec. 6, 2024, 10:00 PM
    UTC / Updated Dec. 7, 2024``), else the best scored labelled as published, else none (a
    text stating only an update was published then). The updated date is the best scored
    of those labelled as one."""
    scores = [score(candidate.features, weights) for candidate in candidates]
    kept = [i for i, value in enumerate(scores) if value >= threshold]
    if not kept:
        return None, None
    best = max(kept, key=scores.__getitem__)
    updates = [i for i in kept if candidates[i].item.role == "updated"]
    updated = max(updates, key=scores.__getitem__) if updates else None
    if candidates[best].item.role != "updated":
        return best, updated
    line = candidates[best].line
    beside = [i for i in kept if candidates[i].item.role is None and candidates[i].line == line]
    labelled = [i for i in kept if candidates[i].item.role == "published"]
    others = (beside if line >= 0 else []) or labelled
    return (max(others, key=scores.__getitem__) if others else None), updated


def offer_dates(shown: Shown, guess: Guess) -> None:
    """Offer the published and updated dates ``choose`` picks to ``guess``, a numeric date
    that reads both ways (``12/04/2020``) read the way the text's other dates say
    (``numeric_order``)."""
    candidates = shown.candidates
    published, updated = choose(candidates)
    for role, index in (("published", published), ("updated", updated)):
        if index is not None:
            candidate = candidates[index]
            parsed, origin = candidate.item.parsed, candidate.origin
            order = numeric_order(candidate.text, shown.written)
            if order is not None and order != _read_day_first(candidate.text, parsed):
                value = parsed.value
                parsed = replace(parsed, value=value.replace(month=value.day, day=value.month))
                origin += " (read month and day the other way, as the text's other dates)"
            guess.offer(role, parsed, origin)


_NUMERIC = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)")
_NEAR_DAYS = 62  # a reading this close to the text's other dates is the site's


def _read_day_first(text: str, parsed: ParsedDate) -> bool:
    """Whether the numeric date ``text`` was read day first (by the document's language, or
    by its form: a dotted date is read day first in any language)."""
    match = _NUMERIC.match(text)
    return match is not None and parsed.value.day == int(match.group(1))


def _both_ways(text: str) -> re.Match[str] | None:
    """The numeric date opening ``text`` when it reads both ways (``05/08/2019``)."""
    match = _NUMERIC.match(text)
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(3))
    return match if first <= 12 and second <= 12 and first != second else None


def numeric_order(text: str, written: Sequence[tuple[str, FoundDate]]) -> bool | None:
    """Whether the numeric date ``text`` reads day first, when it reads both ways
    (``05/08/2019``) and the text's other dates say (None when it does not, or they do not):
    a numeric date with the same separator whose first number is over 12 says day first
    (``14/04/2020``), whose second is, month first; else the reading closer to the other
    dates (``02/10/2020`` on a page of ``Sept. 29, 2020``: the 2nd of October)."""
    match = _both_ways(text)
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(3))
    separator = match.group(2)
    for other, _ in written:
        found = _NUMERIC.match(other)
        if found is not None and found.group(2) == separator:
            if int(found.group(1)) > 12:
                return True
            if int(found.group(3)) > 12:
                return False
    year = int(match.group(4))
    try:
        readings = {True: date(year, second, first), False: date(year, first, second)}
    except ValueError:
        return None
    # Only dates that read one way are evidence ("05/08/2019, 5:30" again says nothing).
    days = [item.parsed.value.date() for other, item in written if not _both_ways(other)]
    if not days:
        return None
    near = {order: min(abs((day - when).days) for when in days) for order, day in readings.items()}
    if min(near.values()) > _NEAR_DAYS or near[True] == near[False]:
        return None
    return near[True] < near[False]
