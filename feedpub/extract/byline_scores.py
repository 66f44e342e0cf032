"""The fitted byline scorer: what it knows of each candidate line near a headline
(``features``) and the score its weights (``byline_weights``, made by tools/fit_bylines.py)
give it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import byline_weights
from .junk import BULLET, BULLET_STARTS, is_junk
from .names import ORGANISATION, is_people_name, is_role_line

if TYPE_CHECKING:
    from .bylines import Candidate

__all__ = ["FEATURES", "KINDS", "features", "refused", "scores"]

KINDS = ("byline", "name and date", "name and role", "bare name", "name said twice",
         "pictured name", "loose byline", "agency", "agency and date", "handle",
         "name after date", "name and handle", "names", "lowercase byline")  # fmt: skip
# What the scorer knows of a candidate: its kind, its distance to the headline, a date line
# beside it, the shape of the name, the name elsewhere in the text (an author's box), prose
# between it and the headline (the body started above it), the first candidate below the
# headline, the words of its line, and whether the rules' guard refuses it (``refused``).
FEATURES = (
    *(f"kind {kind}" for kind in KINDS),
    "above",
    "below distance",
    "above distance",
    "dated",
    "people",
    "one word",
    "several",
    "capitals",
    "organisation",
    "elsewhere",
    "prose before",
    "first below",
    "line words",
    "refused",
    "bullet",
    "wrapped before",
    "junk beside",
    "short beside",
    "before run",
    "run distance",
    "site",
    "role",
    "often",
    "at the end",
)
_PROSE_WORDS = 15  # a line of the body, not of a header
_ELSEWHERE_MOST = 3
_LINE_WORDS = 10  # the words of a candidate's line, in tens
_WRAPPED = 50  # characters: a line this long with no end of a sentence goes on below it
_SENTENCE_ENDS = (".", "!", "?", ":", ";", '"', "”", "»", ")")
_SHORT_WORDS = 2  # a menu's item, a button
_BESIDE = 2  # lines above and below a candidate looked at for a menu or a teaser's chrome
_RUN_LINES = 10  # the lines from a candidate to the article's run of paragraphs, in tens
_RUN_MOST = 3.0
_OFTEN = 3  # a name said this often elsewhere is a site's or a section's, not an author's
_END = 0.7  # the last 30% of a text: an author's box


def refused(candidate: Candidate) -> bool:
    """What the rules' guard refuses: a bare name or an agency's name below the headline
    with no date line beside it (a subheading or a menu item as often as a byline)."""
    return not candidate.above and not candidate.dated and candidate.kind in ("bare name", "agency")


def features(
    candidates: Sequence[Candidate],
    lines: Sequence[tuple[str, int]],
    end: int,
    text: str,
    run_top: int = 0,
    site: str | None = None,
) -> list[dict[str, float]]:
    """Each candidate's ``FEATURES`` that are not 0 (``lines``: the lines around the
    headline, whose last line is ``lines[end]``; ``text``: the whole text, where a name may
    stand again; ``run_top``: the line number the article's run of paragraphs starts at, 0
    when unknown; ``site``: the publisher found for the text, if any)."""
    site_words = set(site.lower().split()) if site else set()
    prose = [i for i in range(end + 1, len(lines)) if len(lines[i][0].split()) >= _PROSE_WORDS]
    first = min((c.at for c in candidates if not c.above), default=-1)
    rows = []
    for c in candidates:
        name = c.names[0]
        again = text.count(name) - 1
        row = {
            f"kind {c.kind}": 1.0,
            "above": float(c.above),
            "below distance": float(0 if c.above else c.distance),
            "above distance": float(c.distance if c.above else 0),
            "dated": float(c.dated),
            "people": float(is_people_name(name)),
            "one word": float(len(name.split()) == 1),
            "several": float(len(c.names) > 1),
            "capitals": float(name.isupper()),
            "organisation": float(ORGANISATION.search(name) is not None),
            "elsewhere": float(min(_ELSEWHERE_MOST, again)),
            "prose before": float(sum(1 for i in prose if i < c.at)),
            "first below": float(c.at == first),
            "line words": len(lines[c.at][0].split()) / _LINE_WORDS,
            "refused": float(refused(c)),
            **_context(lines, c.at),
            **_run(c.number, run_top),
            # the publisher's name ("Yahoo Finance" on Yahoo Finance), a role ("Games Editor")
            "site": float(bool(site_words) and set(name.lower().split()) <= site_words),
            "role": float(is_role_line(name)),
            "often": float(again >= _OFTEN),
            "at the end": float(again > 0 and text.rfind(name) > _END * len(text)),
        }
        rows.append({k: v for k, v in row.items() if v})
    return rows


def _context(lines: Sequence[tuple[str, int]], at: int) -> dict[str, float]:
    """Where a candidate's line stands among its neighbours: a list's item, the rest of a
    sentence wrapped above it, a teaser's or a menu's chrome beside it."""
    line = lines[at][0].strip()
    above = lines[at - 1][0].strip() if at > 0 else ""
    beside = [
        lines[j][0].strip()
        for j in range(max(0, at - _BESIDE), min(len(lines), at + _BESIDE + 1))
        if j != at and lines[j][0].strip()
    ]
    return {
        "bullet": float(line[:1] in BULLET_STARTS and BULLET.match(line) is not None),
        "wrapped before": float(len(above) >= _WRAPPED and not above.endswith(_SENTENCE_ENDS)),
        "junk beside": float(any(is_junk(t) for t in beside)),
        "short beside": sum(1 for t in beside if _words(t) <= _SHORT_WORDS) / _BESIDE,
    }


def _words(line: str) -> int:
    """The words of a line, without a list's bullet."""
    item = BULLET.match(line) if line[:1] in BULLET_STARTS else None
    return len((line[item.end() :] if item else line).split())


def _run(number: int, run_top: int) -> dict[str, float]:
    """Where a candidate's line stands against the article's run of paragraphs: before it
    (a byline over the article) and how far."""
    if not number or not run_top:
        return {}
    before = number < run_top
    return {
        "before run": float(before),
        "run distance": min(_RUN_MOST, abs(run_top - number) / _RUN_LINES),
    }


def scores(rows: Sequence[dict[str, float]]) -> list[float]:
    """Each candidate's score (its ``features`` row) under the shipped weights: above
    ``byline_weights.THRESHOLD`` it is a byline."""
    weights = byline_weights.WEIGHTS
    return [sum(weights.get(k, 0.0) * v for k, v in row.items()) for row in rows]
