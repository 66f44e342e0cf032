"""The layout of a scraped article: its headline (and the section and publisher beside it),
the lines of metadata around it, and where the body starts."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from itertools import pairwise
from typing import NamedTuple

from ..errors import DocumentError
from ..metadata import Block, Metadata, join_lines, squash
from .boilerplate_trees import tree_scorer
from .bylines import (
    BYLINE,
    byline_author,
    byline_authors,
    byline_away,
    find_dateline,
    is_bare_name,
    name_before_date,
    near_bylines,
)
from .candidates import BULLET, WindowLine, article_run, candidates, title_like, window
from .date_ranking import offer_dates, shown_dates
from .guess import Guess
from .headline_features import FEATURES, features, score
from .headline_ranks import rescored
from .junk import is_junk
from .layout_weights import BIAS, TREE_TOP, TREES, WEIGHTS
from .masthead import SECTION_BAR as _SECTION_BAR
from .masthead import masthead, split_headline
from .textdates import DATE_LINE_MAX, Dates, is_date_line

__all__ = ["layout", "split_headline"]

_BEFORE_LINES = 6  # bylines and date lines are looked for in this many lines above it
_META_BLOCKS = 6  # ... and in this many blocks after it
_FOOTER_BLOCKS = 3  # ... and in this many at the end
_TITLE_SUFFIX_MAX = 80  # characters after a stated title on its line: a section, a site
_TITLE_LINES = 16  # a stated title's line, a repeated " | Section" line, among these
# Where the header lines' author was found when nothing there signs it: a name only (the
# origins it is offered with, which the check on it reads back).
_NAME_BEFORE_DATE = "a name before the date"
_NAME_OVER_DATE_LINE = "a name above the date line"
_UNSIGNED = (f": {_NAME_BEFORE_DATE}", f": {_NAME_OVER_DATE_LINE}")
_SIGNED = ("byline", "lowercase byline")  # the byline kinds with a byline's word: "By", "von"
_WEIGHTS = tuple(WEIGHTS.get(name, 0.0) for name in FEATURES)  # a test checks they match


class _Line(NamedTuple):  # a tuple: made for every metadata line, and cheaper to make
    text: str
    line: int
    block: int  # index of the block the line belongs to


@dataclass(frozen=True)
class _Headline:
    index: int  # index into the window's lines
    count: int  # how many lines it is made of
    text: str
    how: str
    guessed: bool = False


def _repeated_headline(lines: Sequence[WindowLine]) -> _Headline | None:
    """A line with a `` | Section`` suffix given twice in a row among the first lines: a
    scraper wrote the page's title and then its heading (``seeds/``' documents). It is
    taken without scoring. A `` | `` line alone is no such mark: as a rule in front of the
    scorer it was never right where the scorer was wrong on the corpus's development part,
    and wrong on 10 copies the scorer got right (``site: media | arena: nfl | ...``,
    ``Entries RSS | Comments RSS``, ``Alex Wong | Getty Images``)."""
    for i, (line, following) in enumerate(pairwise(lines)):
        text = line.text
        if text == following.text and _SECTION_BAR.search(text) and title_like(text.split("|")[0]):
            return _Headline(i, 1, text, "headline with ' | Section', given twice")
    return None


def _find_headline(
    blocks: Sequence[Block], known_title: str | None, run: tuple[int, int]
) -> tuple[_Headline | None, list[WindowLine]]:
    """The headline: the stated title's line, else a `` | Section`` line given twice, else
    the best scored candidate; ``run`` is the blocks' ``article_run``."""
    lines = window(blocks, _TITLE_LINES)  # enough for most texts: the rest only if needed
    if known_title is not None:
        for i, line in enumerate(lines):
            # The title with a suffix ("Title | Section"), not a paragraph opening with it.
            text = line.text
            if text == known_title or (
                text.startswith(known_title) and len(text) - len(known_title) <= _TITLE_SUFFIX_MAX
            ):
                return _Headline(i, 1, text, "stated title"), lines
        return None, lines
    repeated = _repeated_headline(lines)
    if repeated is not None:
        return repeated, lines
    lines = window(blocks, start=run[0])
    found = candidates(lines)
    vectors = features(found, lines, blocks, run)
    linear = [score(vector, _WEIGHTS, BIAS) for vector in vectors]
    # The trees score the best few again, against each other (``headline_ranks``).
    scores = rescored(found, lines, vectors, linear, _trees(), TREE_TOP)
    # The best scored candidate with a word in it: a line of a bullet or a control
    # character alone ('\x08', '*') scores but says nothing.
    worded = [i for i, c in enumerate(found) if any(ch.isalnum() for ch in BULLET.sub("", c.text))]
    chosen = found[max(worded or range(len(found)), key=scores.__getitem__)]
    text = BULLET.sub("", chosen.text)
    guessed = not title_like(text)
    if guessed and worded and not any(title_like(BULLET.sub("", found[i].text)) for i in worded):
        # Nothing looks like a headline (single words, sentences): the scores say little,
        # and a text's first line is its title by the oldest convention.
        chosen = found[worded[0]]
        text = BULLET.sub("", chosen.text)
    how = "the likeliest headline" + (" (a guess: no line looks like one)" if guessed else "")
    return _Headline(chosen.start, chosen.size, text, how, guessed), lines


@cache
def _trees() -> Callable[[Sequence[float]], float]:
    return tree_scorer(TREES)


def layout(
    blocks: Sequence[Block], metadata: Metadata, dates: Dates, guess: Guess, source: str
) -> tuple[Block, ...]:
    """Guess the header fields of ``blocks`` into ``guess``; return the body blocks."""
    run = article_run(blocks)  # once: the headline, the bylines and the dates ask
    headline, lines = _find_headline(blocks, metadata.title, run)
    if headline is not None and not any(c.isalpha() for ln in lines for c in ln.text):
        # Never reject a text that has words: a one-word line is still its headline (guessed).
        # One with no word at all ("42", "---") is no article: nothing to publish, nothing lost.
        raise DocumentError(
            source,
            f"no headline found (no line with a word among the first {len(lines)} lines)",
            line=blocks[0].line or None,
        )
    before: list[_Line] = []
    after: list[_Line] = []
    leading: list[Block] = []  # body text sharing the headline's block
    body_from = 0
    if headline is not None:
        head, end = lines[headline.index], lines[headline.index + headline.count - 1]
        before = [_Line(ln.text, ln.line, ln.block) for ln in lines[: headline.index]]
        guess.offer("headline", headline.text, f"line {head.line}: {headline.how}")
        if headline.guessed:
            guess.notes.append(
                f"line {head.line}: the headline is a guess (no line looked much like one)"
            )
        body_from = head.block + 1
        block = blocks[head.block]
        rest = [
            _Line(text, block.line + i, head.block)
            for i, text in enumerate(map(squash, block.lines))
            if block.line + i > end.line and text != headline.text
        ]
        # Bylines and date lines right under the headline in its own block, then body text.
        meta = 0
        while meta < len(rest) and _is_meta_line(rest[meta].text, dates):
            meta += 1
        after.extend(rest[:meta])
        if rest[meta:]:
            texts = tuple(ln.text for ln in rest[meta:])
            leading.append(Block(join_lines(texts), rest[meta].line, None, texts))
    # Blocks of bylines, date lines and junk among the first after the headline (or at the
    # top of a body whose title is stated elsewhere) are metadata, not body.
    body: list[Block] = list(leading)
    title_text = headline.text if headline is not None else None
    following = blocks[body_from:]
    orphaned: tuple[tuple[str, str], ...] = ()  # images of metadata blocks, for the body's
    for offset, block in enumerate(following):
        near = offset < _META_BLOCKS
        if not near:
            # Past the metadata blocks everything is body.
            body.append(_after_images(orphaned, block))
            body.extend(following[offset + 1 :])
            break
        block_lines = [squash(t) for t in (block.lines or (block.text,))]
        # A bare name (and a bare place) just above the date line is a byline: "Isabel
        # Moreno" / "Madrid" / "Actualizado 05/07/2024 a las 10:15h."
        above_date = near and any(
            is_date_line(b.text, dates(b.text, recognise_only=True))
            for b in following[offset + 1 : offset + 3]
            if len(b.text) <= DATE_LINE_MAX
        )
        if above_date and len(block_lines) == 1 and is_bare_name(block.text):
            guess.offer("bare_name", block.text, f"line {block.line}: {_NAME_OVER_DATE_LINE}")
        if near and (
            squash(block.text) == title_text
            or all(_is_meta_line(t, dates) for t in block_lines)
            or (above_date and len(block_lines) == 1 and is_bare_name(block.text, places=True))
        ):
            number = block.line
            after.extend(
                _Line(t, number + i if number else 0, -1) for i, t in enumerate(block_lines)
            )
            orphaned += block.images
        else:
            block, ends = _meta_ends(block, block_lines, dates)
            after.extend(ends)
            body.append(_after_images(orphaned, block))
            orphaned = ()

    footer: list[Block] = []
    while body and len(footer) < _FOOTER_BLOCKS:
        last = body[-1]
        if not all(_is_meta_line(squash(t), dates) for t in (last.lines or (last.text,))):
            break
        footer.insert(0, body.pop())
    origin = guess.origins.get("headline", f"line {blocks[0].line}: the first line")
    at = (head.block, head.line) if headline is not None else None
    masthead(blocks, at, headline.text if headline is not None else None, origin, guess, dates)

    footer_lines = [
        (squash(t), b.line + i) for b in footer for i, t in enumerate(b.lines or (b.text,))
    ]
    meta_lines = [(ln.text, ln.line) for ln in (*before[-_BEFORE_LINES:], *after)]
    for text, number in (*meta_lines, *footer_lines):
        guess.offer("author", byline_authors(text) or None, f"line {number}: byline")
        named = name_before_date(text, _first_date_start(text, dates)) if _may_name(text) else ()
        guess.offer("author", named or None, f"line {number}: {_NAME_BEFORE_DATE}")
        url = _URL_LINE.match(text)
        guess.offer("link", url.group(1) if url else None, f"line {number}: URL")
        if dates.context.reference is None:
            for item in dates(text, recognise_only=True):
                if item.parsed.resolved:
                    guess.notes.append(
                        f"line {number}: {text[item.start : item.end]!r} left unknown: "
                        "no reference time to resolve it against"
                    )
    if "bare_name" in guess.values:
        guess.offer("author", guess.values.pop("bare_name"), guess.origins.pop("bare_name"))
    headline_at = (head.block, head.line, end.line) if headline is not None else None
    site = publisher if isinstance(publisher := guess.values.get("publisher"), str) else None
    date_start = partial(_first_date_start, dates=dates)
    if headline_at is not None and guess.origins.get("author", "").endswith(_UNSIGNED):
        # "Case Study August 12, 2010" over the headline, "By Felix Gillette" under it: a
        # name before a date or over a date line is a section's or a site's as often, a line
        # signing the article names its author.
        signed, _ = near_bylines(blocks, head.block, headline_at[1:], dates.is_date_line,
                                 date_start, run, site, _SIGNED)  # fmt: skip
        if signed is not None:
            guess.values["author"], guess.origins["author"] = signed
    if "author" not in guess.values:
        found = byline_away(blocks, headline_at, dates.is_date_line, date_start, run, site)
        guess.offer("author", found[0] if found else None, found[1] if found else "")
    header = {ln.line for ln in after}
    footer_numbers = {number for _, number in footer_lines}
    shown = shown_dates(blocks, headline_at, dates, BYLINE.match, header, footer_numbers,
                        find_dateline(body), run)  # fmt: skip
    offer_dates(shown, guess)
    return tuple(body)


def _meta_ends(block: Block, block_lines: Sequence[str], dates: Dates) -> tuple[Block, list[_Line]]:
    """A plain-text block without the bylines and date lines at its start and end: a text
    renderer ends a ``<div>`` with a line break, so a byline, a date line and a teaser often
    share one block (``By Jane Doe`` / ``2–3 minutes``)."""
    if block.tag is not None or len(block_lines) < 2:
        return block, []
    start, end = 0, len(block_lines)
    while start < end - 1 and _is_meta_line(block_lines[start], dates):
        start += 1
    while end - 1 > start and _is_meta_line(block_lines[end - 1], dates):
        end -= 1
    if start == 0 and end == len(block_lines):
        return block, []
    number = block.line
    meta = [
        _Line(t, number + i if number else 0, -1)
        for i, t in enumerate(block_lines)
        if not start <= i < end
    ]
    kept = tuple(block_lines[start:end])
    line = number + start if number else 0
    return replace(block, text=join_lines(kept), line=line, lines=kept), meta


def _after_images(images: tuple[tuple[str, str], ...], block: Block) -> Block:
    """``block`` shown after ``images`` too (those of the metadata blocks before it)."""
    return replace(block, images=images + block.images) if images else block


_URL_LINE = re.compile(r"^(?:(?:source|quelle|fuente|bron|url)\s*:\s*)?(https?://\S+)$", re.I)


def _may_name(text: str) -> bool:
    """Whether ``text`` may open with a name before a date: worth looking for its dates."""
    words = text.split(maxsplit=12)
    return (
        2 < len(words) <= 12
        and words[0][:1].isupper()
        and words[1][:1].isupper()
        and any(c.isdigit() for c in text)
    )


def _first_date_start(text: str, dates: Dates) -> int | None:
    found = dates(text, recognise_only=True) if len(text) <= DATE_LINE_MAX else []
    return found[0].start if found else None


def _is_meta_line(text: str, dates: Dates) -> bool:
    """A byline, a date line, a URL or junk: a line between the headline and the body."""
    if byline_author(text) is not None or is_junk(text) or _URL_LINE.match(text):
        return True
    # A date line is short; a paragraph is not worth scanning for one.
    return len(text) <= DATE_LINE_MAX and is_date_line(text, dates(text, recognise_only=True))
