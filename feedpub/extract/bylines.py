"""Bylines: who wrote an article, from the lines around its headline: each line near it is
a candidate (``byline_kinds``), scored by its kind and its distance to the headline."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..metadata import Block
from . import byline_scores, byline_weights
from .byline_kinds import INNER_BY, line_names
from .byline_text import (
    AUTHOR_LINK,
    BY_ALONE,
    BYLINE,
    DATELINE,
    FOLLOW,
    Found,
    after_alone,
    byline_author,
    byline_authors,
    find_dateline,
    loose_byline,
    name_before_date,
)
from .far_bylines import author_bio, copyright_holder, first_byline
from .junk import BULLET, is_junk
from .names import (
    AGENCY_NAME,
    JOINING,
    ORGANISATION,
    bare_names,
    is_bare_name,
    is_people_name,
    is_role_line,
    without_site,
)
from .textdates import lines_around

__all__ = [
    "BYLINE",
    "DATELINE",
    "Candidate",
    "author_bio",
    "bare_names",
    "byline_author",
    "byline_authors",
    "byline_away",
    "byline_candidates",
    "copyright_holder",
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
# A wire agency's name as a byline (``AGENCIES``), alone (as weak as a bare name: it
# counts beside a date line) or before a date on its line.
_AGENCY_KINDS = ("agency", "agency and date")
_ONE_WORD_KINDS = ("loose byline", "handle", *_AGENCY_KINDS)  # "Reuters", "By kevin-r"
_LOOSE_LINES = 2  # a By line of its own this close under the headline names anybody
_BARE_KINDS = ("bare name", "name said twice", "pictured name", "name and handle")
# Several bare names joined by "and" ("Jane Doe, John Smith & Ann Lee") need no date line
# beside them below the headline (a subheading or a menu item names nobody twice), but do
# above it.
_ABOVE_DATED_KINDS = (*_BARE_KINDS, "names")


class Candidate(NamedTuple):
    """A line near a headline that may be its byline: whom it names, as what kind of byline
    (``line_names``), where it stands and whether a date line is beside it."""

    names: tuple[str, ...]
    kind: str
    at: int  # its index in the lines around the headline
    number: int  # its line number in the text (0: unknown)
    distance: int  # lines between it and the headline
    above: bool  # above the headline
    dated: bool  # a date line right above or below it


def byline_candidates(
    lines: Sequence[tuple[str, int]],
    head: int,
    end: int,
    is_date_line: Callable[[str], bool],
    date_start: Callable[[str], int | None],
    site: str | None = None,
) -> list[Candidate]:
    """The lines around a headline (``lines``: the headline from ``lines[head]`` to
    ``lines[end]``) that may be its byline, each as what it looks like (``By ...``, a name
    and a date, a name and a role, a bare name); what cannot be one is left out: a name of
    one word (but a wire agency's, a ``By`` line's), an agency's name above the headline or
    beside a name, a bare name above the headline with no date line under it or with a
    newsroom's word."""
    found = []
    for i in range(max(0, head - _NEAR_BEFORE), min(len(lines), end + 1 + _NEAR_AFTER)):
        if head <= i <= end:
            continue
        text, number = lines[i]
        alone = lines[i - 1][0].strip() if i > 0 else ""
        if alone and BY_ALONE.match(alone):
            text = after_alone(alone, text)  # "By" / "Ryan Reed", "Autor" / "Jane Doe"
        names, kind = line_names(text, date_start, is_date_line, site=site)
        if _wrapped(lines, i, text, names):
            # "By Jane Doe and" / "John Smith": a byline a renderer wrapped; "Written on
            # Feb 24 by" / "Courtney Kirchoff"
            joined = line_names(f"{text} {lines[i + 1][0]}", date_start, is_date_line, 2, site)
            names, kind = joined if joined[0] else (names, kind)
        elif names and _joined_below(lines, i):
            # "By" / "Jane Doe" / "and" / "John Smith": a renderer drew each link on its line
            below = f"{text} {lines[i + 1][0].strip()} {lines[i + 2][0]}"
            joined = line_names(below, date_start, is_date_line, 3, site)
            names, kind = joined if len(joined[0]) > len(names) else (names, kind)
        names = tuple(without_site(name, site) for name in names) if site else names
        if not names and end < i <= end + _LOOSE_LINES:
            names, kind = loose_byline(text), "loose byline"
        kind = "names" if kind == "bare name" and len(names) > 1 else kind
        below = lines[i + 1][0] if i + 1 < len(lines) else ""
        if kind in _BARE_KINDS and below and _signs_below(below, names[0]):
            # "Mark Di Stefano" / "BuzzFeed News Reporter", "Jane Doe" / "Associated Press",
            # "Jane Doe" / "@janedoe", "Martin Chikilian" / "Martin is a full-stack engineer";
            # a newsroom's name over another is a masthead ("Taylor Daily Press" / "Complete
            # News World"), no byline
            kind = "name and role" if is_people_name(names[0]) else kind
        elif kind == "bare name" and below and " ".join(below.split()) == names[0]:
            kind = "name said twice"  # "Federico Mayol" / "Federico Mayol": picture, link
        if kind in _AGENCY_KINDS and (
            i < head
            or any(0 <= j < len(lines) and is_bare_name(lines[j][0]) for j in (i - 1, i + 1))
        ):
            # Above the headline an agency's name is the site's; beside a name
            # ("NATALIYA VASILYEVA" / "Associated Press") it is the person's newsroom.
            continue
        if not names or (len(names[0].split()) < 2 and kind not in _ONE_WORD_KINDS):
            continue
        if (
            kind in _ABOVE_DATED_KINDS
            and i < head
            and (ORGANISATION.search(names[0]) or not _dated_below(lines, i, head, is_date_line))
            and not _dated_over_headline(lines, i, head, kind, names, is_date_line)
        ):
            # A name alone above the headline is a kicker's or a menu's, unless a date line
            # follows it closely ("Molly Wood" / "Ideas" / "11.14.2019 09:00 AM") or stands
            # right over it, the name right over the headline, and it is no newsroom's
            # ("Business News").
            continue
        dated = any(is_date_line(lines[j][0]) for j in (i - 1, i + 1) if j < len(lines)) or (
            # "Jane Doe" / "—" / "31. Oktober 2023", "Jane Doe" / "(BUTTON)" / "Published ...":
            # a date line under it past a line of chrome
            i + 2 < len(lines)
            and _CHROME.match(lines[i + 1][0]) is not None
            and is_date_line(lines[i + 2][0])
        )
        distance = i - end - 1 if i > end else head - i
        found.append(Candidate(names, kind, i, number, distance, i < head, dated))
    return found


def near_bylines(
    blocks: Sequence[Block],
    head_block: int,
    head_lines: tuple[int, int],
    is_date_line: Callable[[str], bool],
    date_start: Callable[[str], int | None],
    run: tuple[int, int] = (0, -1),
    site: str | None = None,
    kinds: tuple[str, ...] = (),
) -> tuple[Found | None, Found | None]:
    """The likeliest byline around a headline (its first and last line numbers
    ``head_lines``, starting in ``blocks[head_block]``; ``run``: the first and last block of
    the article's run of paragraphs; ``site``: the publisher found; ``kinds``: only
    candidates of these kinds, if any), and the likeliest line that is
    one only when nothing else names anybody: every line near it is a candidate
    (``byline_candidates``), scored by the fitted scorer (``byline_scores``: what it looks
    like, where it stands, a date line beside it, the name's shape, the name again
    elsewhere); the best above ``byline_weights.THRESHOLD`` is a byline, else the best above
    ``byline_weights.WEAK`` is the weak one."""
    lines, head, end = lines_around(blocks, head_block, head_lines)
    if head < 0:
        return None, None
    found = byline_candidates(lines, head, end, is_date_line, date_start, site)
    if not found:
        return None, None
    text = "\n".join(t for b in blocks for t in (b.lines or (b.text,)))
    top_line = blocks[run[0]].line if run[0] <= run[1] else 0
    scored = byline_scores.scores(byline_scores.features(found, lines, end, text, top_line, site))
    # A line the guard refuses is never a byline, whatever it scores: a subheading, a menu
    # item, a company's name or a photo's credit under the headline looks the same.
    allowed = [
        i
        for i in range(len(found))
        if not byline_scores.refused(found[i]) and (not kinds or found[i].kind in kinds)
    ]
    top = max(allowed, key=scored.__getitem__, default=None)
    if top is None or scored[top] <= byline_weights.WEAK:
        return None, None
    if scored[top] > byline_weights.THRESHOLD:
        return _found(found[top]), None
    return None, _found(found[top])


def _found(candidate: Candidate) -> Found:
    return candidate.names, f"line {candidate.number}: {candidate.kind}"


_NEWSROOM_LINE_WORDS = 4
_NOTE_OPENING = re.compile(
    r"^(?P<name>[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,3}?)\s+(?:is|ist|est|es|was|war)\s"
)
_HANDLE_LINE = re.compile(r"^\(?@\w+\)?$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")  # or an address


def _signs_below(text: str, name: str) -> bool:
    """Whether ``text``, under a bare ``name``, says whose byline it is: a newsroom's role
    (``BuzzFeed News Reporter``), a newsroom's name (``Associated Press``, ``The Washington
    Post``: capitalised words, one of a newsroom), a handle or an address (``@janedoe``), a
    link to the author's other articles (``Alle Artikel``), an author's note (``Martin is a
    full-stack engineer``)."""
    text = text.strip()
    if (
        is_role_line(text)
        or _HANDLE_LINE.match(text)
        or AGENCY_NAME.fullmatch(text)
        or AUTHOR_LINK.search(text)
        or FOLLOW.match(text)
    ):
        return True
    note = _NOTE_OPENING.match(text)
    if note is not None and note.group("name") in (name, name.split()[0]):
        return True
    words = text.split()
    return (
        0 < len(words) <= _NEWSROOM_LINE_WORDS
        and all(w[:1].isupper() for w in words)
        and ORGANISATION.search(text) is not None
        and not is_junk(text)
    )


# A line of no words between a name and its date: a separator, a renderer's buttons.
_CHROME = re.compile(r"^\s*(?:[\W_]+|(?:\(BUTTON\)\s*)+)$")
_WRAP = 60  # characters: a renderer wraps a longer line (w3m at 80 columns, lynx at 76)
# What a byline cut by a line break ends with: a word that joins names, or its "by".
_JOIN_END = frozenset(["and", "und", "et", "y", "en", "&", "by", "von", "par", "por", "door"])


def _wrapped(lines: Sequence[tuple[str, int]], i: int, text: str, names: tuple[str, ...]) -> bool:
    """Whether ``lines[i]`` (``text``, naming ``names``) is a byline that goes on on the
    next line of its block: it ends with a joining word, or it is as long as a renderer's
    wrapped line and ends with the one word it names or has a ``By`` in it and names
    nobody."""
    if i + 1 >= len(lines) or not lines[i + 1][0] or not text:
        return False
    number, following = lines[i][1], lines[i + 1][1]
    if number and following != number + 1:
        return False  # the next line is another block's
    if text.endswith(",") or text.rsplit(None, 1)[-1].rstrip(":").lower() in _JOIN_END:
        return len(text.split(None, 1)) > 1  # not "By" alone (the line below takes it)
    if len(names) == 1 and " " not in names[0] and len(text) >= _WRAP:
        # "[f87a220e9c58c1...?s=96] by Jane" / "Doe on January 20, 2020": a name of one word
        # at the end of a line as long as a renderer's wrapped one goes on below it
        return text.endswith(names[0])
    # a long line with a By in it ("... | Par Martin" / "Untersinger"), not any prose
    return not names and len(text) >= _WRAP and INNER_BY.search(text) is not None


def _joined_below(lines: Sequence[tuple[str, int]], i: int) -> bool:
    """Whether the line after ``lines[i]`` is a word joining names alone, another name after
    it (``Jane Doe`` / ``and`` / ``John Smith``)."""
    return (
        i + 2 < len(lines)
        and lines[i + 1][0].strip().lower() in JOINING
        and bool(lines[i + 2][0].strip())
    )


def _dated_over_headline(
    lines: Sequence[tuple[str, int]],
    i: int,
    head: int,
    kind: str,
    names: tuple[str, ...],
    is_date_line: Callable[[str], bool],
) -> bool:
    """Whether ``lines[i]``, a person's bare name, stands right over the headline with a
    date line right over it ("22.11.2022" / "Jane Doe" / the headline), not as a list's item
    (a menu's: "Release: 11.02.2005" / "* Tech News" / the headline)."""
    return (
        kind == "bare name"
        and i == head - 1
        and i > 0
        and is_people_name(names[0])
        and BULLET.match(lines[i][0].strip()) is None
        and is_date_line(lines[i - 1][0])
    )


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
    run: tuple[int, int] = (0, -1),
    site: str | None = None,
) -> Found | None:
    """(the authors, where) for a text whose header lines name none: a byline near the
    headline (``headline``: its block, first and last line; ``near_bylines``; ``site``: the
    publisher found, which names no author), else one near
    the opening of the article's run of paragraphs (``run``: its first and last block; the
    headline may be wrong), else the first anywhere (``first_byline``), else the person an
    author's note names (``author_bio``), else a bare name beside a date line near the
    headline (weaker than a byline elsewhere: a list of other articles has such names too),
    else the person a personal site's copyright names (``copyright_holder``)."""
    strong = weak = None
    if headline is not None:
        strong, weak = near_bylines(
            blocks, headline[0], headline[1:], is_date_line, date_start, run, site
        )
    if strong is not None:
        return strong
    opening = _run_byline(blocks, headline, run, is_date_line, date_start, site)
    if opening is not None:
        return opening
    # (an empty line between blocks: a line goes on with the sentence of its block's only)
    far = first_byline((t for b in blocks for t in (*(b.lines or (b.text,)), "")), date_start)
    if far:
        return far, "a byline away from the headline"
    return author_bio(blocks) or weak or copyright_holder(blocks)


def _run_byline(
    blocks: Sequence[Block],
    headline: tuple[int, int, int] | None,
    run: tuple[int, int],
    is_date_line: Callable[[str], bool],
    date_start: Callable[[str], int | None],
    site: str | None = None,
) -> Found | None:
    """The likeliest byline around the first paragraph of the article's run (``run``), where
    the headline's lines did not reach: its bylines stand there when the headline taken is a
    teaser's or a menu's."""
    first, last = run
    if last < first or not blocks[first].line:
        return None
    opening = blocks[first]
    top = opening.line
    if headline is not None and headline[1] - _NEAR_BEFORE <= top <= headline[2] + _NEAR_AFTER:
        return None  # the headline's candidates were these
    bottom = top + max(0, len(opening.lines) - 1)
    strong, _ = near_bylines(blocks, first, (top, bottom), is_date_line, date_start, run, site)
    if strong is None or not strong[1].endswith(_RUN_KINDS):
        return None
    return strong[0], f"{strong[1]} (near the article's opening)"


# What a byline near the article's opening may be (a user name or a name after a date there
# is as often a comment's or a teaser's).
_RUN_KINDS = ("byline", "name and date", "name and role", "names", "name said twice",
              "lowercase byline")  # fmt: skip
