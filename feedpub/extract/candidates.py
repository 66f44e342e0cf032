"""Headline candidates of a plain-text article (pure).

Every line near the top of a text is a candidate for the headline, and so is a block of two
or three short lines taken together (a renderer wraps a long headline). The window they are
taken from starts a few lines above the article's run (``article_run``: the blocks whose
paragraphs outweigh menus and teasers). ``headline_features`` describes each candidate by
its features and scores it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..dates import MONTHS
from ..metadata import Block, squash
from .body import SENTENCE_END
from .byline_kinds import INNER_BY
from .byline_text import DATE_LABEL, DIGIT
from .bylines import BYLINE
from .junk import LIST_MARKS, is_junk

__all__ = [
    "BULLET",
    "JOIN_MAX_LINES",
    "Candidate",
    "WindowLine",
    "article_run",
    "candidates",
    "date_line",
    "heaviest_run",
    "is_paragraph",
    "is_prose",
    "list_items",
    "several_words",
    "title_like",
    "window",
]  # fmt: skip

WINDOW_LINES = 1200  # candidates are looked for among this many leading lines ...
WINDOW_PARAGRAPHS = 10  # ... and no further than this many paragraphs into the article
JOIN_MAX_LINES = 3  # a block of at most this many lines is also one candidate
_JOIN_MAX_WORDS = 30
_WRAPPED = 40  # characters: a line a renderer wrapped is at least this long


class Candidate(NamedTuple):
    text: str
    """The line (or the block's lines joined), white space squashed."""
    line: int
    """Its first line's number in the source (0 when not known)."""
    block: int
    """The index of its block."""
    start: int
    """The index of its first line among the window's lines."""
    size: int
    """How many lines it is made of."""


class WindowLine(NamedTuple):
    text: str
    line: int
    block: int
    tag: str | None
    block_lines: int
    indent: int
    """How far the line was indented (``Block.indents``; 0 when not known)."""


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")  # kana and ideographs: no spaces
# A list item as text renderers draw one: lynx's "* Login" and "+ Sport", w3m's marks
# (``LIST_MARKS``: "• News", "□ Sport", "☆ Weather"), "1. Step".
BULLET = re.compile(rf"^(?:[*·+>►{LIST_MARKS}-]|\d{{1,2}}[.)])\s")


def is_paragraph(text: str) -> bool:
    """A paragraph of prose: long, or a sentence of several words (in Chinese or Japanese,
    which write no spaces, about two characters a word)."""
    words = text.count(" ") + 1
    if words < 8 and len(text) >= 16:
        words = max(words, len(_CJK.findall(text, 0, 60)) // 2)
    return words >= 25 or (words >= 8 and text.rstrip("'\"”’»)").endswith(_PROSE_END))


_PROSE_END = (".", "!", "?", "。", "！", "？")


_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_TOKENS = re.compile(r"[^\W\d_]+|\d+")


def _date_words(text: str) -> int | None:
    """How many words other than a date's a short line holds when it has a date (a number
    next to a month's name, or a numeric date): a cheap look, without parsing it; None for
    a line without one, or too long for a date line."""
    if text.count(" ") > 9:
        return None
    tokens = _TOKENS.findall(text.lower())
    months = [i for i, t in enumerate(tokens) if t in MONTHS]
    dated = _NUMERIC_DATE.search(text) is not None or any(
        t.isdigit() for i in months for t in tokens[max(0, i - 2) : i + 3]
    )
    return (
        sum(len(t) > 3 and not t.isdigit() and t not in MONTHS for t in tokens) if dated else None
    )


def date_line(text: str) -> bool:
    """A short line that is mostly a date and its labels (``Updated 3 May 2024``)."""
    words = _date_words(text)
    return words is not None and words <= _DATE_LINE_WORDS


_DATE_LINE_WORDS = 4  # words besides the date a date line has at most ...
_DATE_ONLY_WORDS = 1  # ... and one that is never a headline ("September 2018 open thread" is)


def _never_headline(text: str) -> bool:
    """A byline, a date alone or junk (a menu's ``* Login``, a share button) is no headline;
    nor a post's line of metadata, a date's label, the date, then a byline (``Published on
    March 3, 2024 by Jane Doe``, ``Veröffentlicht am 3. März 2024 von Jane``)."""
    words = _date_words(text)
    return (
        BYLINE.match(text) is not None
        or _dated_byline(text)
        or (words is not None and words <= _DATE_ONLY_WORDS)
        or is_junk(BULLET.sub("", text))
    )


def _dated_byline(text: str) -> bool:
    """A date's label, a date, then a byline: a post's line of metadata."""
    return (
        DATE_LABEL.match(text) is not None
        and DIGIT.search(text) is not None
        and INNER_BY.search(text) is not None
    )


def several_words(text: str) -> bool:
    """Two words or more (in Chinese or Japanese, two characters: they write no spaces)."""
    return " " in text.strip() or len(_CJK.findall(text, 0, 40)) >= 2


_CJK_SENTENCE_END = ("。", "．", "！", "？")


def title_like(text: str) -> bool:
    """Shaped like a headline: a few words, no sentence's end, not shouted, no junk."""
    words = text.count(" ") + 1
    return (
        (2 <= words <= 30 or (words < 2 and several_words(text)))
        and len(text) <= 220
        and not SENTENCE_END.search(text.rstrip("'\"”’»"))
        and not text.endswith(_CJK_SENTENCE_END)
        and not text.isupper()
        and not is_junk(text)
        and not BYLINE.match(text)
    )


_PARAGRAPH_DISCOUNT = 10  # words of a paragraph that count for nothing (a teaser's few)
_SHORT_LINE_PENALTY = 8  # words a line that is no paragraph costs the article's run


def article_run(blocks: Sequence[Block]) -> tuple[int, int]:
    """(first, last) index of the blocks most likely the article's body: the run of blocks
    whose paragraphs' words outweigh its other lines most (menus, teasers, link lists cost
    ``_SHORT_LINE_PENALTY`` words a line); (0, -1) when there is no paragraph. A list's
    items (``list_items``) count each as its own paragraph or line: a menu of forty short
    items is no paragraph of forty words."""
    return heaviest_run(map(_gain, blocks))


def _gain(block: Block) -> int:
    items = list_items(block)
    if items is None:
        return _part_gain(block.text, len(block.lines))
    return sum(_part_gain(text, count) for text, count in items)


def _part_gain(text: str, lines: int) -> int:
    if is_paragraph(text):
        return text.count(" ") + 1 - _PARAGRAPH_DISCOUNT
    return -_SHORT_LINE_PENALTY * max(1, lines)


def list_items(block: Block) -> list[tuple[str, int]] | None:
    """(text, lines) of each item of a list as text renderers draw one in a block, each
    item's first line marked (``• World`` / ``□ Africa``, ``* Login``) and its wrapped
    lines following; None for a block that is no such list (two items at least, the first
    on its first line)."""
    if len(block.lines) < 2 or not _item_start(squash(block.lines[0])):
        return None  # most blocks: their lines are not squashed for nothing
    lines = [squash(text) for text in block.lines]
    items: list[list[str]] = []
    for text in lines:
        if _item_start(text) or not items:
            items.append([text])
        else:
            items[-1].append(text)
    return [(" ".join(item), len(item)) for item in items] if len(items) > 1 else None


# A list's mark alone on its line: w3m draws an item whose text is a nested list (a menu's
# ``•`` over ``□ Top categories`` / ``☆ Breast Cancer`` ...) with the mark on a line of its own.
_MARK_ALONE = re.compile(rf"^[*·+►{LIST_MARKS}]$")


def _item_start(text: str) -> bool:
    """Whether a (squashed) line opens a list's item: a bullet, or a list's mark alone."""
    return BULLET.match(text) is not None or _MARK_ALONE.match(text) is not None


def is_prose(block: Block) -> bool:
    """Whether a block is a paragraph (``is_paragraph``), or a list with one among its
    items (a menu's items are none)."""
    items = list_items(block)
    if items is None:
        return is_paragraph(block.text)
    return any(is_paragraph(text) for text, _ in items)


def heaviest_run(gains: Iterable[int]) -> tuple[int, int]:
    """(first, last) index of the run of ``gains`` whose sum is largest, the earliest such
    run; (0, -1) when no run sums above 0."""
    best, best_run = 0, (0, -1)
    total, start = 0, 0
    for index, gain in enumerate(gains):
        if total <= 0:
            total, start = 0, index
        total += gain
        if total > best:
            best, best_run = total, (start, index)
    return best_run


def window(blocks: Sequence[Block], most: int = WINDOW_LINES, start: int = 0) -> list[WindowLine]:
    """The leading lines of a text (at most ``most``), where its headline is looked for: up
    to ``WINDOW_PARAGRAPHS`` paragraphs past block ``start`` (the first of its article's run,
    ``article_run``: a page may have a dozen teasers above its headline)."""
    lines: list[WindowLine] = []
    paragraphs = 0
    for index, block in enumerate(blocks):
        parts = block.lines or (block.text,)
        indents = block.indents
        for offset, text in enumerate(parts):
            number = block.line + offset if block.line else 0
            indent = indents[offset] if offset < len(indents) else 0
            lines.append(WindowLine(squash(text), number, index, block.tag, len(parts), indent))
            if len(lines) >= most:
                return lines
        if index >= start and is_prose(block):
            paragraphs += 1
            if paragraphs >= WINDOW_PARAGRAPHS:
                break
    return lines


_RULE = re.compile(r"^[\W_]{3,}$")  # a line of "____", "━━━" or "* * *" alone


def _undoubled(text: str) -> str:
    """A line said twice without a space between (w3m gives an image's alt text and then the
    link's: ``Headline textHeadline text``) as said once."""
    half = len(text) // 2
    if half >= 8 and len(text) % 2 == 0 and text[:half] == text[half:]:
        return text[:half]
    return text


def _lone_word(candidate: Candidate, lines: Sequence[WindowLine]) -> bool:
    """Whether a one-word candidate is a block's only line, a word, not a menu's item."""
    line = lines[candidate.start]
    text = candidate.text.rstrip(".!?")
    return (
        line.block_lines == 1
        and len(text) >= _LONE_WORD
        and text.isalpha()
        and text[:1].isupper()
        and BULLET.match(line.text) is None
    )


_LONE_WORD = 4  # letters a one-word headline has at least


def candidates(lines: Sequence[WindowLine]) -> list[Candidate]:
    """The headline candidates among the window's lines (``window``)."""
    found: list[Candidate] = []
    if not lines:
        return found
    i = 0
    while i < len(lines):
        line = lines[i]
        count = line.block_lines
        if not _never_headline(line.text):
            found.append(Candidate(_undoubled(line.text), line.line, line.block, i, 1))
        block_start = i == 0 or lines[i - 1].block != line.block
        if block_start and 1 < count <= JOIN_MAX_LINES:
            # A rule (lynx's "____" for an <hr>) in the block is no part of a headline.
            parts = [ln.text for ln in lines[i : i + count] if not _RULE.match(ln.text)]
            wrapped = all(len(text) >= _WRAPPED for text in parts[:-1])
            joined = " ".join(parts)
            if (
                len(parts) > 1
                and wrapped
                and joined.count(" ") < _JOIN_MAX_WORDS
                # "Posted on <date> by Jane" / "Doe" (a headline may open with "Von der
                # Leyen" as a byline does: only this shape is left out)
                and not _dated_byline(joined)
            ):
                found.append(Candidate(joined, line.line, line.block, i, count))
        i += 1
    # A single word is a site's name, a kicker or a button far more often than a headline,
    # but some headlines are one (``Mandelplätzchen``, ``Emden``): one alone in its block,
    # not a menu's item, stays a candidate (a feature says it is one word).
    several = [c for c in found if several_words(c.text) or _lone_word(c, lines)]
    if any(several_words(c.text) for c in several):
        return several
    if not found:  # nothing but bylines, dates and junk: the first line, as a guess
        found.append(Candidate(lines[0].text, lines[0].line, lines[0].block, 0, 1))
    return found
