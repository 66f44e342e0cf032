"""Bylines: who wrote an article, from the lines around its headline: each line near it is
a candidate (``byline_kinds``), scored by its kind and its distance to the headline."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..metadata import Block
from .byline_kinds import INNER_BY, line_names
from .byline_text import (
    BY_ALONE,
    BYLINE,
    DATELINE,
    Found,
    author_bio,
    byline_author,
    byline_authors,
    find_dateline,
    first_byline,
    loose_byline,
    name_before_date,
)
from .names import ORGANISATION, bare_names, is_bare_name, is_role_line
from .textdates import lines_around

__all__ = [
    "BYLINE",
    "DATELINE",
    "author_bio",
    "bare_names",
    "byline_author",
    "byline_authors",
    "byline_away",
    "find_dateline",
    "first_byline",
    "is_bare_name",
    "is_role_line",
    "loose_byline",
    "name_before_date",
    "near_bylines",
]

_NEAR_BEFORE = 6  # lines above the headline a byline is looked for in ...
_NEAR_AFTER = 16  # ... and lines below it
# How much each kind of candidate line counts, and what its distance to the headline costs
# (per line below it; a line above it costs more). Measured on the text corpus's
# development part.
_KIND_SCORE = {"byline": 3.0, "name and date": 3.0, "name and role": 2.5, "bare name": 1.0,
               "name said twice": 2.5, "pictured name": 2.5, "loose byline": 2.0,
               "agency": 1.0, "agency and date": 2.5}  # fmt: skip
# A wire agency's name as a byline (``AGENCIES``), alone (as weak as a bare name: it
# counts beside a date line) or before a date on its line.
_AGENCY_KINDS = ("agency", "agency and date")
_ONE_WORD_KINDS = ("loose byline", *_AGENCY_KINDS)  # "Reuters", "By kevin-r"
_LOOSE_LINES = 2  # a By line of its own this close under the headline names anybody
_BARE_KINDS = ("bare name", "name said twice", "pictured name")
_DATED_SCORE = 1.5  # a bare name beside a date line ("Mike Conley" / "December 18, 2020")
_AFTER_COST = 0.1
_BEFORE_COST = 0.3
# A bare name with no date line beside it is nobody's byline (a subheading, a menu item:
# taking one right under the headline measured worse).
_LEAST_SCORE = 1.4


def near_bylines(
    blocks: Sequence[Block],
    head_block: int,
    head_lines: tuple[int, int],
    is_date_line: Callable[[str], bool],
    date_start: Callable[[str], int | None],
) -> tuple[Found | None, Found | None]:
    """The likeliest byline around a headline (its first and last line numbers
    ``head_lines``, starting in ``blocks[head_block]``), and the likeliest bare name beside
    a date line below it: every line near it is a candidate, scored by what it looks like
    (``By ...``, a name and a date, a name and a role, a bare name), a date line beside a
    bare name, and its distance to the headline."""
    lines, head, end = lines_around(blocks, head_block, head_lines)
    if head < 0:
        return None, None
    best: dict[bool, tuple[float, tuple[str, ...], str]] = {}  # bare name or not -> best
    for i in range(max(0, head - _NEAR_BEFORE), min(len(lines), end + 1 + _NEAR_AFTER)):
        if head <= i <= end:
            continue
        text, number = lines[i]
        if i > 0 and BY_ALONE.match(lines[i - 1][0]):
            text = f"{lines[i - 1][0]} {text}"  # "By" / "Ryan Reed"
        names, kind = line_names(text, date_start, is_date_line)
        if _wrapped(lines, i, text, names):
            # "By Jane Doe and" / "John Smith": a byline a renderer wrapped; "Written on
            # Feb 24 by" / "Courtney Kirchoff"
            joined = line_names(f"{text} {lines[i + 1][0]}", date_start, is_date_line, 2)
            names, kind = joined if joined[0] else (names, kind)
        if not names and end < i <= end + _LOOSE_LINES:
            names, kind = loose_byline(text), "loose byline"
        if kind in _BARE_KINDS and i + 1 < len(lines) and is_role_line(lines[i + 1][0]):
            kind = "name and role"  # "Mark Di Stefano" / "BuzzFeed News Reporter"
        if kind in _AGENCY_KINDS and (
            i < head
            or any(0 <= j < len(lines) and is_bare_name(lines[j][0]) for j in (i - 1, i + 1))
        ):
            # Above the headline an agency's name is the site's; beside a name
            # ("NATALIYA VASILYEVA" / "Associated Press") it is the person's newsroom.
            continue
        bare = kind in _BARE_KINDS
        if not names or (len(names[0].split()) < 2 and kind not in _ONE_WORD_KINDS):
            continue
        if (
            bare
            and i < head
            and (ORGANISATION.search(names[0]) or not _dated_below(lines, i, head, is_date_line))
        ):
            # A name alone above the headline is a kicker's or a menu's, unless a date line
            # follows it closely ("Molly Wood" / "Ideas" / "11.14.2019 09:00 AM"), and it is
            # no newsroom's ("Business News").
            continue
        score = _KIND_SCORE[kind]
        distance = i - end - 1 if i > end else head - i
        score -= _AFTER_COST * distance if i > end else _BEFORE_COST * distance
        if (bare or kind == "agency") and (
            i < head  # with a date line under it (above)
            or any(is_date_line(lines[j][0]) for j in (i - 1, i + 1) if j < len(lines))
        ):
            score += _DATED_SCORE
        if score >= _LEAST_SCORE and (bare not in best or score > best[bare][0]):
            best[bare] = (score, names, f"line {number}: {kind}")
    strong, weak = best.get(False), best.get(True)
    return (
        (strong[1], strong[2]) if strong is not None else None,
        (weak[1], weak[2]) if weak is not None else None,
    )


_WRAP = 60  # characters: a renderer wraps a longer line (w3m at 80 columns, lynx at 76)
# What a byline cut by a line break ends with: a word that joins names, or its "by".
_JOIN_END = frozenset(["and", "und", "et", "y", "en", "&", "by", "von", "par", "por", "door"])


def _wrapped(lines: Sequence[tuple[str, int]], i: int, text: str, names: tuple[str, ...]) -> bool:
    """Whether ``lines[i]`` (``text``, naming ``names``) is a byline that goes on on the
    next line of its block: it ends with a joining word, or it has a ``By`` in it, names
    nobody and is as long as a renderer's wrapped line."""
    if i + 1 >= len(lines) or not lines[i + 1][0] or not text:
        return False
    number, following = lines[i][1], lines[i + 1][1]
    if number and following != number + 1:
        return False  # the next line is another block's
    if text.endswith(",") or text.rsplit(None, 1)[-1].rstrip(":").lower() in _JOIN_END:
        return len(text.split(None, 1)) > 1  # not "By" alone (the line below takes it)
    # a long line with a By in it ("... | Par Martin" / "Untersinger"), not any prose
    return not names and len(text) >= _WRAP and INNER_BY.search(text) is not None


def _dated_below(
    lines: Sequence[tuple[str, int]], i: int, head: int, is_date_line: Callable[[str], bool]
) -> bool:
    """Whether one of the two lines after ``lines[i]``, above the headline, is a date line."""
    return any(is_date_line(lines[j][0]) for j in (i + 1, i + 2) if j < head)


def byline_away(
    blocks: Sequence[Block],
    headline: tuple[int, int, int] | None,
    is_date_line: Callable[[str], bool],
    date_start: Callable[[str], int | None],
) -> Found | None:
    """(the authors, where) for a text whose header lines name none: a byline near the
    headline (``headline``: its block, first and last line; ``near_bylines``), else the
    first anywhere (``first_byline``: the headline may be wrong), else the person an
    author's note names (``author_bio``), else a bare name beside a date line near the
    headline (weaker than a byline elsewhere: a list of other articles has such names too)."""
    strong = weak = None
    if headline is not None:
        strong, weak = near_bylines(blocks, headline[0], headline[1:], is_date_line, date_start)
    if strong is not None:
        return strong
    far = first_byline((t for b in blocks for t in (b.lines or (b.text,))), date_start)
    if far:
        return far, "a byline away from the headline"
    return author_bio(blocks) or weak
